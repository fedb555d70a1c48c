//! The runner of the interactive reader: the terminal and the event loop.
//! Everything else goes through the library's effect loop
//! ([`crate::app::effects`]); what it hands back needs the terminal
//! (suspending, repainting, the mouse, a text browser, a clipboard copy).
//! The terminal is restored on quit, on error, on panic and on SIGTERM.

use std::io::{self, Stdout, Write};
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

use crate::app::effects::{Effects, Outside};
use crate::app::keys::{action_for, mouse_action};
use crate::app::{Action, App, view};
use crate::render::guard;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Run the reader until the user quits.
pub fn run(mut app: App, mut effects: Effects) -> io::Result<()> {
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
    let mut terminal = enter(app.mouse)?;
    let result = event_loop(&mut app, &mut effects, &mut terminal);
    leave();
    effects.finish();
    result
}

fn event_loop(app: &mut App, effects: &mut Effects, terminal: &mut Term) -> io::Result<()> {
    let size = terminal.size()?;
    effects.apply(app, Action::Resize(size.width, size.height));
    // Drawn again only after something happened: an idle tick changes
    // nothing on screen.
    terminal.draw(|frame| view::draw(app, frame))?;
    // The background work starts once the first frame is up.
    effects.start(app);
    let mut changed = false;
    loop {
        if changed {
            terminal.draw(|frame| view::draw(app, frame))?;
        }
        // Wait for a key or a worker's answer (answers are looked for
        // often while some are owed), then take everything that is
        // waiting: a burst of resizes becomes one. Each event is mapped to
        // an action only after the previous one was applied (Enter that
        // ends a search and Enter that opens must not be read the same way).
        let wait = if effects.busy() { 10 } else { 100 };
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
        if carry_out(app, terminal, outside)? {
            return Ok(());
        }
        // A quiet moment: read and render ahead.
        if events.is_empty() && !answered {
            let outside = effects.apply(app, Action::Idle);
            if carry_out(app, terminal, outside)? {
                return Ok(());
            }
        }
        for e in events {
            if let Some(action) = to_action(app, e) {
                let outside = effects.apply(app, action);
                if carry_out(app, terminal, outside)? {
                    return Ok(());
                }
            }
        }
    }
}

/// Do what only the terminal's owner can; true when it is time to quit.
fn carry_out(app: &mut App, terminal: &mut Term, outside: Vec<Outside>) -> io::Result<bool> {
    for o in outside {
        match o {
            Outside::Quit => return Ok(true),
            Outside::Suspend => suspend(terminal, app.mouse)?,
            Outside::Redraw => terminal.clear()?,
            Outside::SetMouse(true) => execute!(io::stdout(), EnableMouseCapture)?,
            Outside::SetMouse(false) => execute!(io::stdout(), DisableMouseCapture)?,
            Outside::RunInTerminal(argv) => {
                if let Err(e) = run_in_terminal(terminal, &argv, app.mouse) {
                    app.message = Some(format!(
                        "cannot run {}: {e}; set $BROWSER to a browser",
                        crate::text::one_line(&argv[0])
                    ));
                }
            }
            Outside::Write(sequence) => {
                let mut out = io::stdout();
                out.write_all(sequence.as_bytes())?;
                out.flush()?;
            }
        }
    }
    Ok(false)
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

fn enter(mouse: bool) -> io::Result<Term> {
    take_terminal(mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    Ok(terminal)
}

/// Raw mode, the alternate screen, bracketed paste, and the mouse when on.
fn take_terminal(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
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
fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    leave();
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    take_terminal(mouse)?;
    terminal.clear()
}

/// Run `argv` (a text browser) in the terminal: the reader gives the
/// terminal back, waits for it, and takes the terminal again.
fn run_in_terminal(terminal: &mut Term, argv: &[String], mouse: bool) -> io::Result<()> {
    leave();
    let status = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .status();
    take_terminal(mouse)?;
    terminal.clear()?;
    status.map(|_| ())
}
