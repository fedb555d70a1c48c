//! Asking the terminal how wide it draws ambiguous characters, as vim's
//! `ambiwidth` detection does: write one between two cursor position
//! requests (`ESC [ 6 n`) and compare the columns the terminal reports.
//! A terminal that does not answer within the timeout is taken to draw
//! them narrow. What was written is erased and the terminal's modes are
//! put back on every path. The reader asks once it has taken the terminal
//! (raw, on the alternate screen, its signals watched), so an answer that
//! comes late is read as input and ignored, never echoed.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::config::AmbiguousSetting;
use crate::text::AmbiguousWidth;

/// How long to wait for the terminal's answers.
pub(crate) const TIMEOUT: Duration = Duration::from_millis(100);

/// What is measured: an ambiguous character sinmun itself draws.
const PROBE: &str = "●";

/// `setting` settled: `auto` asks the terminal on stdin and stdout.
pub(crate) fn resolve(setting: AmbiguousSetting) -> AmbiguousWidth {
    match setting {
        AmbiguousSetting::Narrow => AmbiguousWidth::Narrow,
        AmbiguousSetting::Wide => AmbiguousWidth::Wide,
        AmbiguousSetting::Auto => ambiguous_width(),
    }
}

/// Ask the terminal on stdin and stdout; narrow when either is not a
/// terminal, when the terminal cannot be asked or does not answer in time.
pub(crate) fn ambiguous_width() -> AmbiguousWidth {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return AmbiguousWidth::Narrow;
    }
    // Only a Unix terminal's answer can be read here, before the event
    // reader starts; a dumb terminal would show the request.
    if cfg!(not(unix)) || std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return AmbiguousWidth::Narrow;
    }
    ask(TIMEOUT).unwrap_or(AmbiguousWidth::Narrow)
}

/// Raw mode (no echo, no line buffering) while it lives, when it was not
/// on already; the modes before it come back when it is dropped.
struct Raw {
    enabled_here: bool,
}

impl Raw {
    fn on() -> io::Result<Raw> {
        let enabled_here = !crossterm::terminal::is_raw_mode_enabled()?;
        if enabled_here {
            crossterm::terminal::enable_raw_mode()?;
        }
        Ok(Raw { enabled_here })
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        if self.enabled_here {
            let _ = crossterm::terminal::disable_raw_mode();
        }
    }
}

/// The cursor's column before and after [`PROBE`], from two answers to one
/// request each; the cursor goes back where it was and what was written is
/// erased (ESC 7 and ESC 8 keep whatever stood before it on the line).
fn ask(timeout: Duration) -> Option<AmbiguousWidth> {
    let raw = Raw::on().ok()?;
    let mut out = io::stdout().lock();
    let asked = write!(out, "\x1b7\x1b[6n{PROBE}\x1b[6n").and_then(|()| out.flush());
    let answers = asked.ok().and_then(|()| read_columns(timeout));
    let _ = write!(out, "\x1b8\x1b[K").and_then(|()| out.flush());
    drop(raw);
    match answers? {
        (before, after) if after == before + 2 => Some(AmbiguousWidth::Wide),
        _ => Some(AmbiguousWidth::Narrow),
    }
}

/// The columns of the first two cursor position reports (`ESC [ row ; col
/// R`) read from stdin before `timeout`.
#[cfg(unix)]
fn read_columns(timeout: Duration) -> Option<(u32, u32)> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let deadline = Instant::now() + timeout;
    let mut got = Vec::with_capacity(32);
    loop {
        let reports = columns(&got);
        if reports.len() >= 2 {
            return Some((reports[0], reports[1]));
        }
        let left = Timespec::try_from(deadline.checked_duration_since(Instant::now())?).ok()?;
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&left)) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return None,
        }
        if !fds[0].revents().contains(PollFlags::IN) {
            return None;
        }
        let mut buf = [0u8; 64];
        match rustix::io::read(&stdin, &mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
        if got.len() > 1024 {
            return None;
        }
    }
}

#[cfg(not(unix))]
fn read_columns(_timeout: Duration) -> Option<(u32, u32)> {
    None
}

/// The columns of every complete cursor position report in `bytes`;
/// anything else (a key typed meanwhile) is passed over.
fn columns(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some(start) = rest.windows(2).position(|w| w == b"\x1b[") {
        rest = &rest[start + 2..];
        let Some(end) = rest.iter().position(|b| !b.is_ascii_digit() && *b != b';') else {
            break;
        };
        if rest[end] == b'R'
            && let Ok(text) = std::str::from_utf8(&rest[..end])
            && let Some((row, col)) = text.split_once(';')
            && row.parse::<u32>().is_ok()
            && let Ok(col) = col.parse::<u32>()
        {
            out.push(col);
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_read_whatever_surrounds_them() {
        assert_eq!(columns(b"\x1b[12;1R\x1b[12;3R"), [1, 3]);
        assert_eq!(columns(b"j\x1b[3;40Rk\x1b[3;41R"), [40, 41]);
        assert_eq!(
            columns(b"\x1b[A\x1b[1;2R\x1b[1;"),
            [2],
            "an arrow key, half a report"
        );
        assert!(columns(b"\x1b[;R\x1b[1R\x1b[x;1R").is_empty());
    }
}
