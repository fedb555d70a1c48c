//! The runner of the interactive reader: the terminal, the event loop, and
//! the effects `update` asks for (reading bodies, opening links). The
//! terminal is restored on quit, on error, on panic and on SIGTERM.

use std::io::{self, Stdout};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::keys::{KeyContext, action_for, mouse_action};
use crate::app::{Action, App, Effect, update, view};
use crate::loader;
use crate::marks::{MarksDb, MarksWorker};
use crate::post::{Keep, Post};
use crate::render::guard;
use crate::search::SearchText;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Run the reader until the user quits.
pub fn run(
    mut app: App,
    index_job: Option<Vec<std::path::PathBuf>>,
    marks: Option<MarksDb>,
) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    let marks = marks
        .map(|db| MarksWorker::spawn(db, tx.clone()))
        .transpose()?;
    if let Some(paths) = index_job {
        std::thread::spawn(move || {
            let texts = build_index(&paths);
            let _ = tx.send(Action::IndexReady(texts));
        });
    }
    // SIGTERM and SIGHUP (the terminal closed) are handled on a thread of
    // their own: the main thread may be inside crossterm's read, which
    // spins on a terminal that went away, and would never look at a flag.
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                leave();
                std::process::exit(128 + signal);
            }
        });
    }
    install_panic_hook();
    let mut terminal = enter()?;
    let result = event_loop(&mut app, &mut terminal, &rx, marks.as_ref());
    leave();
    // Marks still queued are saved before the process ends.
    if let Some(worker) = marks {
        worker.finish();
    }
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut Term,
    rx: &Receiver<Action>,
    marks: Option<&MarksWorker>,
) -> io::Result<()> {
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    // Drawn again only after something happened: an idle tick changes
    // nothing on screen.
    let mut changed = true;
    loop {
        if changed {
            terminal.draw(|frame| view::draw(app, frame))?;
        }
        // Wait for something to happen, then take everything that is
        // waiting: a burst of resizes becomes one. Each event is mapped to an
        // action only after the previous one was applied (Enter that ends a
        // search and Enter that opens must not be read the same way).
        let mut events = Vec::new();
        if event::poll(Duration::from_millis(100))? {
            loop {
                let e = event::read()?;
                if matches!(e, Event::Resize(..)) {
                    events.retain(|old| !matches!(old, Event::Resize(..)));
                }
                events.push(e);
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let background: Vec<Action> = rx.try_iter().collect();
        changed = !events.is_empty() || !background.is_empty();
        for action in background {
            if apply(app, terminal, action, marks)? {
                return Ok(());
            }
        }
        // A quiet moment: read and render the selected article ahead.
        if events.is_empty() && apply(app, terminal, Action::Idle, marks)? {
            return Ok(());
        }
        for e in events {
            if let Some(action) = to_action(app, e)
                && apply(app, terminal, action, marks)?
            {
                return Ok(());
            }
        }
    }
}

/// Update with `action` and carry out the effects; true when it is time to
/// quit.
fn apply(
    app: &mut App,
    terminal: &mut Term,
    action: Action,
    marks: Option<&MarksWorker>,
) -> io::Result<bool> {
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(app, action) {
            match effect {
                Effect::Quit => return Ok(true),
                Effect::Suspend => suspend(terminal)?,
                Effect::LoadBody(post) => {
                    let body = read_body(&app.store.posts()[post]);
                    queue.push_back(Action::BodyLoaded { post, body });
                }
                Effect::Prefetch(post) => {
                    let body = read_body(&app.store.posts()[post]);
                    queue.push_back(Action::Prefetched { post, body });
                }
                Effect::SaveMarks(save) => {
                    if let Some(worker) = marks {
                        worker.save(save);
                    }
                }
                Effect::OpenUrl(url) => {
                    if let Err(e) = open_url(&url) {
                        app.message = Some(format!("cannot open the link: {e}"));
                    }
                }
            }
        }
    }
    Ok(false)
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(KeyContext::of(app), key),
        Event::Mouse(m) => mouse_action(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

fn enter() -> io::Result<Term> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout))?;
    terminal.clear()?;
    Ok(terminal)
}

/// Put the terminal back as it was; safe to call more than once.
pub fn leave() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// A panic anywhere but inside the renderer's guard restores the terminal
/// first, so that its message is readable and the shell usable.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    guard::set_loud_hook(Box::new(move |info| {
        leave();
        default(info);
    }));
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
fn suspend(terminal: &mut Term) -> io::Result<()> {
    leave();
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    terminal.clear()
}

/// The body of a post, read again from its file (the reader keeps only
/// front matter in memory).
pub fn read_body(post: &Post) -> Result<String, String> {
    if let Some(body) = &post.body {
        return Ok(body.clone());
    }
    let load = loader::load(
        std::slice::from_ref(&post.path),
        Keep {
            body: true,
            search_text: false,
        },
    );
    match load.posts.into_iter().next() {
        Some(p) => Ok(p.body.unwrap_or_default()),
        None => Err(load
            .problems
            .first()
            .map_or_else(|| "the file is gone".to_string(), |p| p.message.clone())),
    }
}

/// The search text of the posts read from `paths`, in order (bodies read
/// again from disk).
pub fn build_index(paths: &[std::path::PathBuf]) -> Vec<SearchText> {
    use rayon::prelude::*;
    paths
        .par_iter()
        .map(|path| {
            let load = loader::load(
                std::slice::from_ref(path),
                Keep {
                    body: false,
                    search_text: true,
                },
            );
            load.posts
                .into_iter()
                .next()
                .and_then(|p| p.search)
                .unwrap_or_default()
        })
        .collect()
}

/// Open `url` with `$BROWSER` or the platform's opener, as an argv call
/// (never through a shell).
fn open_url(url: &str) -> io::Result<()> {
    let mut argv: Vec<String> = match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => b.split_whitespace().map(str::to_string).collect(),
        _ if cfg!(target_os = "macos") => vec!["open".into()],
        _ if cfg!(windows) => vec!["explorer".into()],
        _ => vec!["xdg-open".into()],
    };
    if argv.iter().any(|a| a.contains("%s")) {
        for a in &mut argv {
            *a = a.replace("%s", url);
        }
    } else {
        argv.push(url.to_string());
    }
    std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
