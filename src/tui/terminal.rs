//! The terminal the reader takes over. Each mode is recorded before it is
//! switched on, and [`leave`] switches off exactly what was recorded, so
//! every way out restores the terminal: quit, an error half-way through
//! [`enter`], a signal, a panic on any thread, a suspension.
//!
//! Writes go through the lock on stdout, which the runner also holds while
//! it draws a frame: a signal handled on another thread never cuts a frame
//! in half, and nothing of a frame lands on the shell's screen after
//! leaving.
//!
//! Setting up sends no query to the terminal. Ratatui's `Terminal::clear`
//! asks for the cursor position and waits two seconds for an answer that a
//! silent terminal never gives; the screen is cleared here instead, and the
//! runner forces full redraws with `Terminal::resize`.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::queue;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

const RAW: u8 = 1;
const ALTERNATE_SCREEN: u8 = 2;
const MOUSE: u8 = 4;
const PASTE: u8 = 8;

/// The modes switched on (bits above).
static ENTERED: AtomicU8 = AtomicU8::new(0);
/// The screen must be drawn again from scratch (after a suspension).
static REDRAW: AtomicBool = AtomicBool::new(false);
/// Mouse reports are wanted (off: the terminal's own selection works).
static MOUSE_WANTED: AtomicBool = AtomicBool::new(true);
/// A program the reader started (an editor, a text browser) has the
/// terminal.
static LENT: AtomicBool = AtomicBool::new(false);
/// When the last program lent the terminal ended of a Ctrl-C or Ctrl-\
/// typed there: the same signal, sent to the reader too, may be handled
/// only after the program is gone and the terminal taken back.
static TYPED_WHILE_LENT: Mutex<Option<Instant>> = Mutex::new(None);
/// SIGINTs and SIGQUITs handled while the terminal was lent (this time):
/// the program's signal was then already taken as its own.
static HANDLED_WHILE_LENT: AtomicUsize = AtomicUsize::new(0);
/// How long after such an end a SIGINT or SIGQUIT is still taken as the
/// one typed for the program.
const TYPED_GRACE: Duration = Duration::from_secs(2);

/// How long a signal waits for the terminal to be restored before the
/// process exits anyway (a terminal that takes no more output would block
/// the restoring write forever).
const RESTORE_WAIT: Duration = Duration::from_secs(1);

/// Switch to raw mode, the alternate screen, mouse reports and bracketed
/// paste, and clear the screen. On failure, whatever was switched on is
/// switched off again.
pub(crate) fn enter() -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = (|| {
        ENTERED.fetch_or(RAW, Ordering::SeqCst);
        enable_raw_mode()?;
        ENTERED.fetch_or(ALTERNATE_SCREEN, Ordering::SeqCst);
        queue!(out, EnterAlternateScreen)?;
        if MOUSE_WANTED.load(Ordering::SeqCst) {
            ENTERED.fetch_or(MOUSE, Ordering::SeqCst);
            queue!(out, EnableMouseCapture)?;
        }
        ENTERED.fetch_or(PASTE, Ordering::SeqCst);
        queue!(out, EnableBracketedPaste, Clear(ClearType::All))?;
        out.flush()
    })();
    if result.is_err() {
        leave();
    }
    result
}

/// Put the terminal back as it was: safe to call at any time, from any
/// thread, more than once.
pub(crate) fn leave() {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let was = ENTERED.swap(0, Ordering::SeqCst);
    if was == 0 {
        return;
    }
    if was & PASTE != 0 {
        let _ = queue!(out, DisableBracketedPaste);
    }
    if was & MOUSE != 0 {
        let _ = queue!(out, DisableMouseCapture);
    }
    if was & ALTERNATE_SCREEN != 0 {
        let _ = queue!(out, LeaveAlternateScreen);
    }
    let _ = queue!(out, crossterm::cursor::Show);
    let _ = out.flush();
    if was & RAW != 0 {
        let _ = disable_raw_mode();
    }
}

/// Turn mouse reports on or off, now when the terminal is entered, and
/// on every later [`enter`] (after a suspension or a text browser).
pub(crate) fn set_mouse(on: bool) {
    MOUSE_WANTED.store(on, Ordering::SeqCst);
    if !is_entered() {
        return;
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = if on {
        ENTERED.fetch_or(MOUSE, Ordering::SeqCst);
        queue!(out, EnableMouseCapture)
    } else {
        ENTERED.fetch_and(!MOUSE, Ordering::SeqCst);
        queue!(out, DisableMouseCapture)
    };
    let _ = result.and_then(|()| out.flush());
}

/// Give the terminal to `program` (an editor, a text browser) until it
/// exits, then take it again.
pub(crate) fn lend<T>(program: impl FnOnce() -> T) -> io::Result<T> {
    leave();
    HANDLED_WHILE_LENT.store(0, Ordering::SeqCst);
    LENT.store(true, Ordering::SeqCst);
    let result = program();
    LENT.store(false, Ordering::SeqCst);
    enter()?;
    Ok(result)
}

/// Whether a program the reader started has the terminal: Ctrl-C and
/// Ctrl-\ typed there are the program's (they reach the reader too, in
/// the same process group), as Git leaves them to the editor it runs.
pub(crate) fn is_lent() -> bool {
    LENT.load(Ordering::SeqCst)
}

/// Say that the program lent the terminal ends of a signal typed there
/// (called before [`lend`] takes the terminal back).
pub(crate) fn ended_by_typed_signal() {
    if HANDLED_WHILE_LENT.load(Ordering::SeqCst) > 0 {
        return; // its copy was handled while the program had the terminal
    }
    if let Ok(mut typed) = TYPED_WHILE_LENT.lock() {
        *typed = Some(Instant::now());
    }
}

/// Whether a SIGINT or SIGQUIT handled now was typed for a program lent
/// the terminal: while it has it, or just after it ended of that signal
/// (once: a second one is the reader's).
pub(crate) fn typed_for_lent() -> bool {
    if is_lent() {
        HANDLED_WHILE_LENT.fetch_add(1, Ordering::SeqCst);
        // Marked just before the terminal is taken back: this is that one.
        if let Ok(mut typed) = TYPED_WHILE_LENT.lock() {
            *typed = None;
        }
        return true;
    }
    let Ok(mut typed) = TYPED_WHILE_LENT.lock() else {
        return false;
    };
    typed.take().is_some_and(|at| at.elapsed() < TYPED_GRACE)
}

/// Whether the terminal is in the reader's modes.
pub(crate) fn is_entered() -> bool {
    ENTERED.load(Ordering::SeqCst) != 0
}

/// Give the terminal back, stop the process (as Ctrl-Z would), and take
/// the terminal again when it is continued; the runner then redraws.
/// When the reader did not hold the terminal (an editor or a text browser
/// runs in it, and stopped the whole job: Vim's Ctrl-Z does), it only
/// stops: the terminal stays the program's when the job is continued.
pub(crate) fn suspend() -> io::Result<()> {
    // Held throughout: the runner cannot draw on the shell's screen between
    // leaving and stopping.
    let stdout = io::stdout();
    let _out = stdout.lock();
    let held = is_entered();
    leave();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    if !held {
        return Ok(());
    }
    REDRAW.store(true, Ordering::SeqCst);
    enter()
}

/// The process was continued after a stop it did not ask for (`kill
/// -STOP`, then `fg`): the shell may have reset the terminal meanwhile.
pub(crate) fn continued() {
    if is_entered() {
        let _ = enter();
        REDRAW.store(true, Ordering::SeqCst);
    }
}

/// Whether the screen must be redrawn from scratch; clears the request.
pub(crate) fn take_redraw() -> bool {
    REDRAW.swap(false, Ordering::SeqCst)
}

/// Work that must finish before a signal ends the process (saving marks
/// still queued), each given at most [`RESTORE_WAIT`].
type ExitHook = Box<dyn Fn(Duration) + Send + Sync>;
static EXIT_HOOKS: std::sync::Mutex<Vec<ExitHook>> = std::sync::Mutex::new(Vec::new());

/// Run `hook` before [`restore_and_exit`] ends the process.
pub(crate) fn before_exit(hook: impl Fn(Duration) + Send + Sync + 'static) {
    if let Ok(mut hooks) = EXIT_HOOKS.lock() {
        hooks.push(Box::new(hook));
    }
}

/// Restore the terminal and end the process with `code`. The restoring
/// runs on a thread of its own so that a terminal that blocks the write
/// cannot keep the process alive.
pub(crate) fn restore_and_exit(code: i32) -> ! {
    let (done, wait) = std::sync::mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("restore".into())
        .spawn(move || {
            leave();
            let _ = done.send(());
        });
    let _ = wait.recv_timeout(RESTORE_WAIT);
    if let Ok(hooks) = EXIT_HOOKS.try_lock() {
        for hook in hooks.iter() {
            hook(RESTORE_WAIT);
        }
    }
    std::process::exit(code)
}

/// Whatever panics outside a contained section (`render::guard::quietly`)
/// restores the terminal first, so that the message is readable and the
/// shell usable. A panic on a thread other than the main one ends the
/// process too: the reader cannot go on without the terminal. A contained
/// panic (a post that fails to index, read or render) does not come here:
/// the terminal stays as it is and the reader goes on.
pub(crate) fn install_panic_hook(lang: crate::i18n::Lang) {
    crate::render::guard::set_loud_hook(Box::new(move |info| {
        leave();
        let said = crate::i18n::Msg::InternalError.fill(lang, &[("error", info)]);
        let message = format!("sinmun: {said}\n");
        let mut err = io::stderr().lock();
        let _ = err.write_all(message.as_bytes());
        let trace = std::backtrace::Backtrace::capture();
        if trace.status() == std::backtrace::BacktraceStatus::Captured {
            let _ = writeln!(err, "{trace}");
        }
        drop(err);
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Ctrl-C typed for an editor ends it; the reader's signal thread
    /// may only see its own copy after the terminal was taken back.
    #[test]
    fn a_signal_typed_for_a_program_that_ended_of_it_is_its_own_once() {
        assert!(!is_lent());
        assert!(!typed_for_lent(), "nothing typed: the reader's");
        ended_by_typed_signal();
        assert!(typed_for_lent(), "the program's, handled late");
        assert!(!typed_for_lent(), "a second one is the reader's");
        if let Ok(mut typed) = TYPED_WHILE_LENT.lock() {
            *typed = Instant::now().checked_sub(TYPED_GRACE + Duration::from_millis(10));
        }
        assert!(!typed_for_lent(), "long after: the reader's");
        // Handled while the program had the terminal: a signal after it
        // ended is the reader's.
        LENT.store(true, Ordering::SeqCst);
        HANDLED_WHILE_LENT.store(0, Ordering::SeqCst);
        assert!(typed_for_lent());
        ended_by_typed_signal();
        LENT.store(false, Ordering::SeqCst);
        assert!(!typed_for_lent(), "already taken as the program's");
    }
}
