//! The command-line modes: everything but the interactive reader.

pub mod args;
pub mod dump;
pub mod list;
pub mod settings;

use std::io::{self, IsTerminal, Write};

use clap::{CommandFactory, FromArgMatches};

use crate::error::AppError;
use crate::loader::Load;
use crate::post::Keep;
use crate::search::Query;
use crate::store::Filter;
pub use args::Args;
use settings::Settings;

/// Exit statuses (DESIGN §3).
pub const EXIT_OK: i32 = 0;
pub const EXIT_PROBLEMS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Run sinmun with the process's arguments; returns the exit status.
pub fn main() -> i32 {
    let files = settings::files_help(&crate::config::Paths::new(None));
    let command = Args::command().after_help(format!("{}\n\n{files}", args::AFTER_HELP));
    let args = match command
        .try_get_matches()
        .and_then(|m| Args::from_arg_matches(&m))
    {
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
    let settings = Settings::new(args)?;
    if args.list_themes {
        return list_themes(&settings);
    }
    let wants_search = args.search.as_deref().is_some_and(|s| !s.trim().is_empty());
    let keep = Keep {
        body: false,
        search_text: wants_search,
    };
    if args.check {
        let load = settings.load_posts(args, keep)?;
        return check(&load).map_err(AppError::Output);
    }
    if let Some(wanted) = &args.dump {
        return dump::dump(args, &settings, wanted);
    }
    if args.list {
        let load = settings.load_posts(args, keep)?;
        let store = settings.store(args, load);
        let state = settings
            .paths
            .state_file
            .as_deref()
            .map(crate::state::State::peek)
            .unwrap_or_default();
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
            list::write_json(&mut out, &posts, &state)
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
    reader(args, &settings)
}

/// The interactive reader: front matter is loaded before the first frame;
/// bodies are indexed for search in the background and read when opened.
fn reader(args: &Args, settings: &Settings) -> Result<i32, AppError> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(AppError::NotATerminal);
    }
    let theme = settings.theme(args, crate::theme::ColorDepth::from_env())?;
    let folders = settings.post_paths(args);
    let keep = if folders.is_empty() {
        Keep::ALL
    } else {
        Keep::default()
    };
    let loaded_at = std::time::SystemTime::now();
    let load = settings.load_posts(args, keep)?;
    // The reader sorts on its own (and the user may change it): the store
    // keeps the posts by date.
    let store = crate::store::Store::new(load, args.drafts || settings.config.show_drafts);
    let (state, note) = match &settings.paths.state_file {
        Some(path) => crate::state::State::load(path),
        None => (
            crate::state::State::default(),
            crate::state::LoadNote::Fresh,
        ),
    };
    let config = &settings.config;
    let mut app = crate::app::App::new(store, theme, folders.is_empty())
        .with_state(state)
        .with_keys(settings.keymap.clone())
        .with_sort(config.sort)
        .with_filter(
            args.categories.clone(),
            args.search.as_deref().unwrap_or(""),
        );
    app.folders = folders.clone();
    app.mouse = config.mouse.unwrap_or(true);
    if let Some(w) = config.text_width {
        app.arrangement.text_width = w;
    }
    if let crate::state::LoadNote::SetAside(path, why) = note {
        app.message = Some(format!(
            "state file damaged ({why}); kept as {}",
            crate::text::one_line(&path.to_string_lossy())
        ));
    }
    let effects = crate::app::effects::Effects::new(crate::app::effects::Setup {
        state_file: settings.paths.state_file.clone(),
        watch: !folders.is_empty(),
        folders,
        walk: crate::loader::WalkOptions {
            follow_symlinks: args.follow_symlinks,
        },
        loaded_at: Some(loaded_at),
        opener: crate::app::effects::Opener::from_env(config.browser_in_terminal),
    });
    crate::tui::run(app, effects).map_err(AppError::Terminal)?;
    Ok(EXIT_OK)
}

/// `--list-themes`: each theme's name and description.
fn list_themes(settings: &Settings) -> Result<i32, AppError> {
    let themes = crate::theme::available(settings.paths.themes_dir.as_deref());
    let w = themes
        .iter()
        .map(|(n, ..)| crate::text::width(n))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (name, description, origin) in themes {
        let origin = if origin == "user" { " (user)" } else { "" };
        text.push_str(&format!(
            "{}  {description}{origin}\n",
            crate::text::pad_right(&name, w)
        ));
    }
    let mut out = io::stdout().lock();
    finish_output(out.write_all(text.as_bytes()).and_then(|()| out.flush()))?;
    Ok(EXIT_OK)
}

/// A closed pipe (`sinmun --list | head`) is not an error.
pub(crate) fn finish_output(result: io::Result<()>) -> Result<(), AppError> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(AppError::Output),
    }
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
