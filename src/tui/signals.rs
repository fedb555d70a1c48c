//! Signals and a terminal that goes away, watched on threads of their own:
//! the main thread may be busy, or inside crossterm's read, which spins
//! without end on a terminal that hung up and never looks at a flag.

use std::io;

use super::terminal;

/// Handle SIGINT, SIGQUIT, SIGTERM and SIGHUP (restore the terminal and
/// exit), SIGTSTP from outside (restore, stop, take the terminal again on
/// SIGCONT) and SIGCONT after a stop sinmun did not ask for (redraw).
/// While a program the reader started has the terminal, SIGINT and
/// SIGQUIT typed there are left to it.
#[cfg(unix)]
pub(super) fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => {
                        let _ = terminal::suspend();
                    }
                    SIGCONT => terminal::continued(),
                    SIGINT | SIGQUIT if terminal::typed_for_lent() => {}
                    _ => terminal::restore_and_exit(128 + signal),
                }
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn watch_signals() -> io::Result<()> {
    Ok(())
}

/// End the reader when its terminal hangs up or fails, whether or not a
/// SIGHUP comes (it does not when SIGHUP is ignored, or when the terminal
/// is not the controlling one): reads would return nothing forever.
#[cfg(unix)]
pub(super) fn watch_hangup() -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags, poll};
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(|| {
            let stdin = io::stdin();
            loop {
                // No events asked for: poll reports only hang-ups and errors.
                let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
                match poll(&mut fds, None) {
                    Ok(_) => {}
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(_) => return, // poll itself failed: nothing to watch with
                }
                let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                if fds[0].revents().intersects(gone) {
                    terminal::restore_and_exit(128 + libc::SIGHUP);
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn watch_hangup() -> io::Result<()> {
    Ok(())
}
