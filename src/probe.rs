//! Asking the terminal how wide it draws ambiguous characters, as vim's
//! `ambiwidth` detection does: write one between two cursor position
//! requests (`ESC [ 6 n`) and compare the columns the terminal reports.
//! A terminal that does not answer within the timeout is taken to draw
//! them narrow. The reader asks its graphics questions (kitty graphics,
//! sixel, the cell size in pixels) in the same write and the same wait:
//! one timeout at most, whatever is asked. What was written is erased and the terminal's modes are
//! put back on every path. The reader asks once it has taken the terminal
//! (raw, on the alternate screen, its signals watched), so an answer that
//! comes late is read as input and ignored, never echoed.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use ratatui_image::picker::cap_parser::{Parser, Response};

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
    ask_terminal(true, None).0.unwrap_or(AmbiguousWidth::Narrow)
}

/// `setting` settled, and, when `graphics` is a query
/// (`ratatui_image`'s, ending with a status request), the answers to it:
/// both asked in one write, answered within one timeout.
pub(crate) fn resolve_with(
    setting: AmbiguousSetting,
    graphics: Option<String>,
) -> (AmbiguousWidth, Option<Vec<Response>>) {
    let ask_width = setting == AmbiguousSetting::Auto;
    let (asked, answers) = ask_terminal(ask_width, graphics);
    let width = match setting {
        AmbiguousSetting::Auto => asked.unwrap_or(AmbiguousWidth::Narrow),
        other => resolve(other),
    };
    (width, answers)
}

/// Whether the terminal can be asked: stdin and stdout are one, on Unix
/// (only there can its answer be read before the event reader starts),
/// and not a dumb terminal (which would show the request).
fn can_ask() -> bool {
    io::stdin().is_terminal()
        && io::stdout().is_terminal()
        && cfg!(unix)
        && !std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// Ask what is wanted in one write; `None` for what was not asked or not
/// answered in time.
fn ask_terminal(
    width: bool,
    graphics: Option<String>,
) -> (Option<AmbiguousWidth>, Option<Vec<Response>>) {
    if !can_ask() || (!width && graphics.is_none()) {
        return (None, None);
    }
    ask(TIMEOUT, width, graphics)
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
/// request each (when `width`), and the answers to `graphics`; the cursor
/// goes back where it was and what was written is erased (ESC 7 and ESC 8
/// keep whatever stood before it on the line).
fn ask(
    timeout: Duration,
    width: bool,
    graphics: Option<String>,
) -> (Option<AmbiguousWidth>, Option<Vec<Response>>) {
    let Ok(raw) = Raw::on() else {
        return (None, None);
    };
    let mut out = io::stdout().lock();
    let mut query = String::new();
    if width {
        query.push_str(&format!("\x1b7\x1b[6n{PROBE}\x1b[6n"));
    }
    let want_status = graphics.is_some();
    query.push_str(graphics.as_deref().unwrap_or(""));
    let asked = out.write_all(query.as_bytes()).and_then(|()| out.flush());
    let read = asked
        .ok()
        .and_then(|()| read_answers(timeout, if width { 2 } else { 0 }, want_status));
    if width {
        let _ = write!(out, "\x1b8\x1b[K").and_then(|()| out.flush());
    }
    drop(raw);
    let Some(bytes) = read else {
        return (None, None);
    };
    let ambiguous = width.then(|| match columns(&bytes)[..] {
        [before, after, ..] if after == before + 2 => Some(AmbiguousWidth::Wide),
        [_, _, ..] => Some(AmbiguousWidth::Narrow),
        _ => None,
    });
    let answers = want_status.then(|| {
        let mut parser = Parser::new();
        bytes
            .iter()
            .flat_map(|&b| parser.push(char::from(b)))
            .filter(|r| !matches!(r, Response::CursorPositionReport(..) | Response::Status))
            .collect()
    });
    (ambiguous.flatten(), answers)
}

/// Whether `bytes` hold the status report (`ESC [ 0 n`) that ends the
/// graphics questions.
fn has_status(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|w| w == b"\x1b[0n")
}

/// What stdin gives before `timeout`, once it holds `reports` cursor
/// position reports (`ESC [ row ; col R`) and, when `status`, the status
/// report; `None` when that does not come in time.
#[cfg(unix)]
fn read_answers(timeout: Duration, reports: usize, status: bool) -> Option<Vec<u8>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let deadline = Instant::now() + timeout;
    let mut got = Vec::with_capacity(32);
    loop {
        if columns(&got).len() >= reports && (!status || has_status(&got)) {
            return Some(got);
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
        if got.len() > 4096 {
            return None;
        }
    }
}

#[cfg(not(unix))]
fn read_answers(_timeout: Duration, _reports: usize, _status: bool) -> Option<Vec<u8>> {
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
