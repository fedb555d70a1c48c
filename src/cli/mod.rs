//! The command-line modes: everything but the interactive reader.

pub mod args;
mod commands;
pub mod dump;
pub mod list;
pub mod settings;
mod usage;

use std::io::{self, IsTerminal, Write};

use clap::{CommandFactory, FromArgMatches};

use crate::error::AppError;
use crate::i18n::{Lang, Msg};
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
    let command = Args::command().after_help(format!(
        "{}\n\n{files}\n\n{}",
        args::AFTER_HELP,
        commands::help()
    ));
    let args = match command
        .try_get_matches()
        .and_then(|m| Args::from_arg_matches(&m))
    {
        Ok(a) => a,
        Err(e) => return clap_exit(&e, Lang::detect(None)),
    };
    // The locale's language until the config (which may name one) is read.
    let mut lang = Lang::detect(None);
    match run(&args, &mut lang) {
        Ok(code) => code,
        Err(e) => {
            say(&e.say(lang));
            EXIT_USAGE
        }
    }
}

/// One message on stderr, `sinmun: ` first, cleaned for the terminal. A
/// closed or full stderr is not worth a panic.
pub(crate) fn say(message: &str) {
    let line = format!("sinmun: {}\n", crate::sanitize::message(message));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// Help and version go to stdout with status 0; a usage error is one line
/// on stderr with status 2.
fn clap_exit(e: &clap::Error, lang: Lang) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // The help names folders taken from the environment.
            let text = e.to_string();
            let text = crate::sanitize::terminal_text(&text);
            let mut out = io::stdout().lock();
            match finish_output(out.write_all(text.as_bytes()).and_then(|()| out.flush())) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    say(&e.to_string());
                    EXIT_USAGE
                }
            }
        }
        _ => {
            say(&usage::usage_line(e, lang));
            EXIT_USAGE
        }
    }
}

/// Run the mode the arguments ask for; `lang` becomes the config's
/// language once the config is read (errors after that speak it).
pub fn run(args: &Args, lang: &mut Lang) -> Result<i32, AppError> {
    let settings = Settings::new(args)?;
    *lang = Lang::detect(settings.config.language);
    if args.list_themes {
        return list_themes(&settings, *lang);
    }
    let wants_search = args.search.as_deref().is_some_and(|s| !s.trim().is_empty());
    let keep = Keep {
        body: false,
        search_text: wants_search,
    };
    if args.check {
        let (load, _) = settings.load_indexed(args, keep)?;
        return check(&load, *lang).map_err(AppError::Output);
    }
    if let Some(wanted) = &args.dump {
        return dump::dump(args, &settings, wanted, *lang);
    }
    if args.list {
        let filter = Filter {
            categories: args.categories.clone(),
            query: Query::parse(args.search.as_deref().unwrap_or("")),
        };
        let (store, shown) = list_store(args, &settings, keep, &filter)?;
        no_such_categories(&args.categories, &store, *lang);
        let paths = &settings.paths;
        let marks = paths
            .marks_file
            .as_deref()
            .map(|db| crate::marks::peek(db, paths.state_file.as_deref()))
            .unwrap_or_default();
        let posts: Vec<_> = shown.into_iter().map(|i| &store.posts()[i]).collect();
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        let mut out = io::BufWriter::new(stdout.lock());
        let result = if args.json {
            list::write_json(&mut out, &posts, &store, &marks)
        } else {
            let width = args.width.map(usize::from).or_else(|| {
                terminal
                    .then(|| {
                        crossterm::terminal::size()
                            .map(|(w, _)| usize::from(w))
                            .ok()
                    })
                    .flatten()
            });
            crate::probe::resolve(settings.ambiguous_setting(args))
                .scope(|| list::write_list(&mut out, &posts, width, *lang))
        };
        return finish_output(result.and_then(|()| out.flush())).map(|()| EXIT_OK);
    }
    reader(args, &settings, *lang)
}

/// `--category NAME` that no post has: said on stderr (the list is empty
/// for it, which is not an error), with the categories there are.
fn no_such_categories(wanted: &[String], store: &crate::store::Store, lang: Lang) {
    let known = store.categories();
    let has = |name: &str| {
        let key = crate::search::label_key(name);
        known
            .iter()
            .any(|c| crate::search::label_key(&c.name) == key)
    };
    for name in wanted.iter().filter(|n| !has(n)) {
        let names: Vec<&str> = known.iter().take(8).map(|c| c.name.as_str()).collect();
        let more = if known.len() > names.len() {
            ", …"
        } else {
            ""
        };
        let message = match known.len() {
            0 => Msg::NoCategoryAtAll.with("name", crate::sanitize::quote(name)),
            n => Msg::NoSuchCategory
                .with("name", crate::sanitize::quote(name))
                .with("n", n)
                .with("known", format!("{}{more}", names.join(", "))),
        };
        say(&message.say(lang));
    }
}

/// The posts `--list` shows: through the index when there is one (its
/// search texts completed first); read afresh, with their search texts,
/// when the index cannot answer.
fn list_store(
    args: &Args,
    settings: &Settings,
    keep: Keep,
    filter: &Filter,
) -> Result<(crate::store::Store, Vec<usize>), AppError> {
    let (load, index) = settings.load_indexed(args, keep)?;
    let mut store = settings.store(args, load);
    let Some(mut index) = index.filter(|_| keep.search_text) else {
        let shown = store.filter(filter);
        return Ok((store, shown));
    };
    let indexed = index
        .index_texts(store.posts(), store.sites(), |_, _| {})
        .and_then(|_| index.tidy())
        .and_then(|_| index.searcher());
    let failed = match indexed {
        Ok(searcher) => {
            store.set_searcher(searcher);
            match store.filter_checked(filter) {
                Ok(shown) => return Ok((store, shown)),
                Err(e) => e,
            }
        }
        Err(e) => e,
    };
    if failed.is_damage() {
        // The next start finds a sound index.
        let _ = index.start_afresh();
    }
    let store = settings.store(args, settings.load_posts(args, keep)?);
    let shown = store.filter(filter);
    Ok((store, shown))
}

/// The interactive reader: with the persistent index, the first frame
/// shows its first posts (none on a first start) while the files are
/// checked and read in the background; without it, front matter is loaded
/// before the first frame. Bodies are indexed for search in the background
/// and read when opened.
fn reader(args: &Args, settings: &Settings, lang: Lang) -> Result<i32, AppError> {
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
    // The marks are read while the posts load (100,000 marks take tens of
    // milliseconds).
    let paths = settings.paths.clone();
    let marks_job = std::thread::spawn(move || open_marks(&paths));
    let loaded_at = std::time::SystemTime::now();
    let drafts = settings.shows_drafts(args);
    let index = if folders.is_empty() {
        None
    } else {
        if let Some(missing) = folders.iter().find(|p| std::fs::metadata(p).is_err()) {
            return Err(AppError::NoSuchPath(missing.clone()));
        }
        settings.open_index(args, &folders)
    };
    // The reader sorts on its own (and the user may change it): the store
    // keeps the posts by date.
    let (store, index) = match index {
        Some(index) => {
            let (store, start) = crate::app::effects::IndexStart::new(index, drafts, &folders);
            (store, Some(start))
        }
        None => {
            let load = settings.load_posts(args, keep)?;
            (crate::store::Store::new(load, drafts), None)
        }
    };
    let reading = index.is_some();
    let (db, marks, notes) = marks_job
        .join()
        .unwrap_or_else(|_| (None, Default::default(), vec![Msg::MarksOpenFailed.into()]));
    let config = &settings.config;
    let mut app = crate::app::App::new(store, theme, folders.is_empty())
        .with_lang(lang)
        .with_marks(marks)
        .with_keys(settings.keymap.clone())
        .with_sort(config.sort)
        .with_filter(
            args.categories.clone(),
            args.search.as_deref().unwrap_or(""),
        );
    app.folders = folders.clone();
    app.today =
        crate::date::PostDate::from_system_time(loaded_at).map(|d| (d.year, d.month, d.day));
    app.mouse = config.mouse.unwrap_or(true);
    if let Some(w) = config.text_width {
        app.arrangement.text_width = w;
    }
    let mut notes: Vec<String> = notes.iter().map(|n| n.say(lang)).collect();
    if app.folders.is_empty() {
        // Started where no posts were found: say why these are shown.
        notes.insert(0, Msg::DemoShown.say(lang));
    }
    if !notes.is_empty() {
        app.message = Some(notes.join("; "));
    }
    if reading {
        app.reading = Some((0, 0));
    }
    let effects = crate::app::effects::Effects::new(crate::app::effects::Setup {
        marks: db,
        watch: !folders.is_empty() && config.watch.unwrap_or(true),
        folders,
        walk: crate::loader::WalkOptions {
            follow_symlinks: args.follow_symlinks,
        },
        loaded_at: Some(loaded_at),
        opener: crate::app::effects::Opener::from_env(config.browser_in_terminal, lang),
        editor: crate::app::effects::Editor::from_env(),
        lang,
        index,
    });
    app.ambiguous_setting = settings.ambiguous_setting(args);
    let images = settings.image_setting(args, &app.theme);
    crate::tui::run(app, effects, images).map_err(AppError::Terminal)?;
    Ok(EXIT_OK)
}

/// The marks database for the reader, with what to tell the user. Without
/// one (no data folder, or it cannot be opened) the reader still runs and
/// says that marks are not saved.
fn open_marks(
    paths: &crate::config::Paths,
) -> (
    Option<crate::marks::MarksDb>,
    crate::marks::Marks,
    Vec<crate::i18n::Message>,
) {
    let Some(path) = paths.marks_file.as_deref() else {
        return (None, Default::default(), Vec::new());
    };
    match crate::marks::MarksDb::open(path, paths.state_file.as_deref()) {
        Ok(opened) => (Some(opened.db), opened.marks, opened.notes),
        Err(e) => (
            None,
            Default::default(),
            vec![
                Msg::MarksNotSavedAt
                    .with("path", crate::text::one_line(&path.to_string_lossy()))
                    .with_msg("error", e.message()),
            ],
        ),
    }
}

/// `--list-themes`: each theme's name and description.
fn list_themes(settings: &Settings, lang: Lang) -> Result<i32, AppError> {
    let themes = crate::theme::available(settings.paths.themes_dir.as_deref(), lang);
    let w = themes
        .iter()
        .map(|(n, ..)| crate::text::width(n))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (name, description, origin) in themes {
        let origin = if origin == "user" {
            Msg::UserTheme.text(lang)
        } else {
            ""
        };
        text.push_str(&format!(
            "{}  {description}{origin}\n",
            crate::text::pad_right(&name, w)
        ));
    }
    let text = crate::sanitize::terminal_text(&text);
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

/// `--check`: every problem and note, one a line; status 1 when there is
/// a problem (notes are information, not failures).
fn check(load: &Load, lang: Lang) -> io::Result<i32> {
    let reports = load.all_problems();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written: io::Result<()> = reports
        .iter()
        .try_for_each(|p| writeln!(out, "{}", crate::sanitize::one_line(&p.say(lang))))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
        _ => {}
    }
    let tally = crate::problem::Tally::of(reports.iter());
    let mut summary = tally.say(lang);
    if load.skipped > 0 {
        summary.push_str(&Msg::CheckSkipped.fill(lang, &[("n", &load.skipped)]));
    }
    match load.special {
        // FIFOs, sockets and devices named like posts.
        0 => {}
        1 => summary.push_str(Msg::SpecialNotReadOne.text(lang)),
        n => summary.push_str(&Msg::SpecialNotRead.fill(lang, &[("n", &n)])),
    }
    say(&Msg::Checked.fill(lang, &[("n", &load.posts.len()), ("summary", &summary)]));
    Ok(if tally.problems == 0 {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}
