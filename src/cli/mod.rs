//! The command-line modes: everything but the interactive reader.

pub mod args;
pub mod dump;
pub mod list;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;

use crate::error::AppError;
use crate::loader::{self, Load};
use crate::post::Keep;
use crate::search::Query;
use crate::store::{Filter, Store};
pub use args::Args;

/// Exit statuses (DESIGN §3).
pub const EXIT_OK: i32 = 0;
pub const EXIT_PROBLEMS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Run sinmun with the process's arguments; returns the exit status.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => return clap_exit(e),
    };
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sinmun: {e}");
            EXIT_USAGE
        }
    }
}

/// Help and version go to stdout with status 0; a usage error is one line
/// on stderr with status 2.
fn clap_exit(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print!("{e}");
            EXIT_OK
        }
        _ => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!(
                "sinmun: {}; see 'sinmun --help'",
                crate::text::one_line(first)
            );
            EXIT_USAGE
        }
    }
}

pub fn run(args: &Args) -> Result<i32, AppError> {
    let wants_search = args.search.as_deref().is_some_and(|s| !s.trim().is_empty());
    let keep = Keep {
        body: false,
        search_text: wants_search,
    };
    if args.check {
        let load = load_posts(args, keep)?;
        return check(&load).map_err(AppError::Output);
    }
    if let Some(wanted) = &args.dump {
        return dump::dump(args, wanted);
    }
    if args.list {
        let load = load_posts(args, keep)?;
        let store = Store::new(load, args.drafts);
        let filter = Filter {
            categories: args.categories.clone(),
            query: Query::parse(args.search.as_deref().unwrap_or("")),
        };
        let posts: Vec<_> = store
            .filter(&filter)
            .into_iter()
            .map(|i| &store.posts()[i])
            .collect();
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        let mut out = io::BufWriter::new(stdout.lock());
        let result = if args.json {
            list::write_json(&mut out, &posts)
        } else {
            let width = terminal
                .then(|| {
                    crossterm::terminal::size()
                        .map(|(w, _)| usize::from(w))
                        .ok()
                })
                .flatten();
            list::write_list(&mut out, &posts, width)
        };
        return finish_output(result.and_then(|()| out.flush())).map(|()| EXIT_OK);
    }
    reader(args)
}

/// The interactive reader: front matter is loaded before the first frame;
/// bodies are indexed for search in the background and read when opened.
fn reader(args: &Args) -> Result<i32, AppError> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(AppError::NotATerminal);
    }
    let from_files = !post_paths(args).is_empty();
    let keep = if from_files {
        Keep::default()
    } else {
        Keep {
            body: true,
            search_text: true,
        }
    };
    let load = load_posts(args, keep)?;
    let store = Store::new(load, args.drafts);
    let index_job = from_files.then(|| store.posts().to_vec());
    let theme =
        crate::theme::Theme::default_for_env().with_depth(crate::theme::ColorDepth::from_env());
    let app = crate::app::App::new(store, theme, !from_files).with_filter(
        args.categories.clone(),
        args.search.as_deref().unwrap_or(""),
    );
    crate::tui::run(app, index_job).map_err(AppError::Terminal)?;
    Ok(EXIT_OK)
}

/// A closed pipe (`sinmun --list | head`) is not an error.
pub(crate) fn finish_output(result: io::Result<()>) -> Result<(), AppError> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(AppError::Output),
    }
}

/// The folders to read: the command line's, else ./_posts, else none (the
/// demo posts).
pub fn post_paths(args: &Args) -> Vec<PathBuf> {
    if !args.paths.is_empty() {
        return args.paths.clone();
    }
    let local = PathBuf::from("_posts");
    if local.is_dir() {
        vec![local]
    } else {
        Vec::new()
    }
}

pub(crate) fn load_posts(args: &Args, keep: Keep) -> Result<Load, AppError> {
    let paths = post_paths(args);
    for p in &paths {
        if std::fs::metadata(p).is_err() {
            return Err(AppError::NoSuchPath(p.clone()));
        }
    }
    if paths.is_empty() {
        return Ok(loader::load_embedded(crate::demo::DEMO_POSTS, "demo", keep));
    }
    Ok(loader::load(&paths, keep))
}

fn check(load: &Load) -> io::Result<i32> {
    let problems = load.all_problems();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written: io::Result<()> = problems
        .iter()
        .try_for_each(|p| writeln!(out, "{p}"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
        _ => {}
    }
    let skipped = match load.skipped {
        0 => String::new(),
        n => format!(", {n} other files skipped"),
    };
    let n = problems.len();
    eprintln!(
        "sinmun: checked {} posts: {}{}",
        load.posts.len(),
        plural(n, "problem"),
        skipped
    );
    Ok(if n == 0 { EXIT_OK } else { EXIT_PROBLEMS })
}

fn plural(n: usize, word: &str) -> String {
    match n {
        0 => format!("no {word}s"),
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}
