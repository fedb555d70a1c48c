//! The runner of the interactive reader: the terminal and the event loop.
//! Everything else goes through the library's effect loop
//! ([`crate::app::effects`]); what it hands back needs the terminal
//! (suspending, repainting, the mouse, a text browser, a clipboard copy).
//! The terminal is restored on every way out ([`terminal`]), signals and a
//! vanished terminal are watched on threads of their own ([`signals`]).

mod graphics;
mod signals;
pub(crate) mod terminal;

use std::io::{self, Stdout, Write};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect};

use crate::app::effects::{Effects, Outside};
use crate::app::keys::{action_for, mouse_action};
use crate::app::{Action, App, view};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Run the reader until the user quits, showing pictures as `images`
/// says (asked of the terminal for `auto`).
pub(crate) fn run(
    mut app: App,
    mut effects: Effects,
    images: crate::picture::Setting,
) -> io::Result<()> {
    terminal::install_panic_hook(app.lang);
    signals::watch_signals()?;
    signals::watch_hangup()?;
    if let Some(flush) = effects.marks_flusher() {
        terminal::before_exit(flush);
    }
    terminal::set_mouse(app.mouse);
    terminal::enter()?;
    // One write of questions, one wait for the answers.
    let (ambiguous, answers) =
        crate::probe::resolve_with(app.ambiguous_setting, graphics::query(images));
    app.ambiguous = ambiguous;
    app = app.with_pictures(graphics::mode(images, answers));
    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .and_then(|mut term| event_loop(&mut app, &mut effects, &mut term));
    terminal::leave();
    // Marks still queued are saved before the process ends.
    effects.finish();
    result
}

fn event_loop(app: &mut App, effects: &mut Effects, term: &mut Term) -> io::Result<()> {
    let size = term.size()?;
    effects.apply(app, Action::Resize(size.width, size.height));
    draw(app, term)?;
    // The background work starts once the first frame is up.
    effects.start(app);
    let mut changed = false;
    loop {
        if terminal::take_redraw() {
            redraw_all(term)?;
            changed = true;
        }
        if changed {
            draw(app, term)?;
        }
        // Wait for a key or a worker's answer (looked for often while some
        // are owed), then take everything that is waiting: a burst of
        // resizes becomes one. Each event is mapped to an action only after
        // the previous one was applied (Enter that ends a search and Enter
        // that opens must not be read the same way).
        // A search still being decided goes on at once between keys.
        let wait = if app.is_refining() {
            0
        } else if effects.busy() {
            10
        } else {
            100
        };
        let mut events = Vec::new();
        if event::poll(Duration::from_millis(wait))? {
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
        let (outside, answered) = effects.apply_answers(app);
        changed = !events.is_empty() || answered;
        if carry_out(app, effects, term, outside)? {
            return Ok(());
        }
        // A quiet moment: read and render ahead.
        if events.is_empty() && (!answered || app.is_refining()) {
            let outside = effects.apply(app, Action::Idle);
            if carry_out(app, effects, term, outside)? {
                return Ok(());
            }
        }
        for e in events {
            if let Some(action) = to_action(app, e) {
                let outside = effects.apply(app, action);
                // Keys typed after the one that started a program were
                // meant for it (`ejj` typed fast moves in the editor).
                let lent = outside.iter().any(Outside::lends_terminal);
                if carry_out(app, effects, term, outside)? {
                    return Ok(());
                }
                if lent {
                    break;
                }
            }
        }
    }
}

/// Draw a frame, holding stdout: a signal restoring the terminal waits for
/// the frame to be complete.
fn draw(app: &App, term: &mut Term) -> io::Result<()> {
    let stdout = io::stdout();
    let _lock = stdout.lock();
    term.draw(|frame| view::draw(app, frame)).map(|_| ())
}

/// Do what only the terminal's owner can; true when it is time to quit.
fn carry_out(
    app: &mut App,
    effects: &mut Effects,
    term: &mut Term,
    outside: Vec<Outside>,
) -> io::Result<bool> {
    for o in outside {
        match o {
            Outside::Quit => return Ok(true),
            Outside::Suspend => {
                terminal::suspend()?;
                redraw_all(term)?;
            }
            Outside::Redraw => redraw_all(term)?,
            Outside::SetMouse(on) => terminal::set_mouse(on),
            Outside::RunInTerminal(argv) => {
                if let Err(e) = run_in_terminal(&argv) {
                    say_cannot_run(app, crate::i18n::Msg::CannotRun, argv[0].as_ref(), &e);
                }
                redraw_all(term)?;
            }
            Outside::Edit { argv, path } => {
                if let Err(e) = run_in_terminal(&argv) {
                    say_cannot_run(app, crate::i18n::Msg::CannotRunEditor, &argv[0], &e);
                }
                redraw_all(term)?;
                let more = effects.edited(app, path);
                if carry_out(app, effects, term, more)? {
                    return Ok(true);
                }
            }
            Outside::Write(sequence) => {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                out.write_all(sequence.as_bytes())?;
                out.flush()?;
            }
        }
    }
    Ok(false)
}

/// Run `argv` (a text browser, an editor) in the terminal: the reader
/// gives the terminal back, waits for the program, and takes the terminal
/// again.
fn run_in_terminal<S: AsRef<std::ffi::OsStr>>(argv: &[S]) -> io::Result<()> {
    terminal::lend(|| {
        let status = std::process::Command::new(&argv[0])
            .args(&argv[1..])
            .status();
        if status.as_ref().is_ok_and(ended_of_typed_signal) {
            terminal::ended_by_typed_signal();
        }
        status
    })?
    .map(|_| ())
}

/// Whether a program ended of a Ctrl-C or Ctrl-\\ (SIGINT, SIGQUIT: 2
/// and 3 on every Unix), killed by it or exiting as shells then do (128
/// and the signal's number).
#[cfg(unix)]
fn ended_of_typed_signal(status: &std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    matches!(status.signal(), Some(2 | 3)) || matches!(status.code(), Some(130 | 131))
}

#[cfg(not(unix))]
fn ended_of_typed_signal(_status: &std::process::ExitStatus) -> bool {
    false
}

/// Say on the status line that `program` did not run.
fn say_cannot_run(app: &mut App, msg: crate::i18n::Msg, program: &std::ffi::OsStr, e: &io::Error) {
    let program = crate::sanitize::quote(&program.to_string_lossy());
    app.message = Some(msg.fill(app.lang, &[("program", &program), ("error", e)]));
}

/// Clear the screen and draw every cell on the next frame, without asking
/// the terminal anything (`Terminal::clear` would wait for a cursor report).
fn redraw_all(term: &mut Term) -> io::Result<()> {
    let size = term.size()?;
    term.resize(Rect::from((Position::ORIGIN, size)))
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(&app.keymap, app.context(), key),
        Event::Mouse(m) => mouse_action(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    #[test]
    fn a_program_ends_of_a_typed_signal_killed_by_it_or_as_shells_exit() {
        assert!(super::ended_of_typed_signal(&ExitStatus::from_raw(2)));
        assert!(super::ended_of_typed_signal(&ExitStatus::from_raw(3)));
        assert!(super::ended_of_typed_signal(&ExitStatus::from_raw(
            130 << 8
        )));
        assert!(!super::ended_of_typed_signal(&ExitStatus::from_raw(0)));
        assert!(!super::ended_of_typed_signal(&ExitStatus::from_raw(1 << 8)));
        assert!(!super::ended_of_typed_signal(&ExitStatus::from_raw(15)));
    }
}
