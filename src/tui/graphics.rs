//! Which way the reader draws pictures: asked of the terminal once at
//! start, with a short timeout, after the terminal is taken (raw, on the
//! alternate screen), so that an answer that comes late is read as input
//! and ignored. Inside tmux, which passes graphics through only when it is
//! configured to, pictures are half blocks and nothing is asked.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui_image::FontSize;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};

use crate::picture::{Mode, Setting};

/// How long to wait for the terminal's answers.
const TIMEOUT: Duration = Duration::from_millis(100);

/// `setting` settled for this terminal.
pub(crate) fn resolve(setting: Setting) -> Mode {
    match setting {
        Setting::Off => Mode::Off,
        Setting::Halfblocks => Mode::Halfblocks,
        Setting::Auto if inside_tmux() || !io::stdin().is_terminal() => Mode::Halfblocks,
        Setting::Auto => match ask(TIMEOUT) {
            Some(picker) if picker.protocol_type() != ProtocolType::Halfblocks => {
                Mode::Graphics(Arc::new(picker))
            }
            _ => Mode::Halfblocks,
        },
    }
}

fn inside_tmux() -> bool {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    !var("TMUX").is_empty() || var("TERM").starts_with("tmux") || var("TERM_PROGRAM") == "tmux"
}

/// Ask for kitty graphics, sixel (device attributes) and the cell size in
/// pixels, ending with a status request every terminal answers.
fn ask(timeout: Duration) -> Option<Picker> {
    let var = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty());
    let mut options = QueryStdioOptions {
        timeout,
        ..QueryStdioOptions::default()
    };
    // Their kitty and sixel support is incomplete: iTerm2's protocol
    // (found from the environment) draws better there.
    if var("WEZTERM_EXECUTABLE") || var("KONSOLE_VERSION") {
        options.blacklist_protocols = vec![ProtocolType::Kitty, ProtocolType::Sixel];
    }
    {
        let mut out = io::stdout().lock();
        out.write_all(Parser::query(false, options).as_bytes())
            .ok()?;
        out.flush().ok()?;
    }
    let responses = read_responses(timeout)?;
    let mut protocol = None;
    let mut cell = None;
    for r in &responses {
        match r {
            Response::Kitty => protocol = Some(ProtocolType::Kitty),
            Response::Sixel if protocol.is_none() => protocol = Some(ProtocolType::Sixel),
            Response::CellSize(Some((w, h))) => cell = Some(FontSize::new(*w, *h)),
            _ => {}
        }
    }
    let cell = cell.or_else(cell_from_window)?;
    // Chooses iTerm2's protocol when the environment names a terminal
    // that has it; what the terminal answered comes first.
    #[allow(deprecated)]
    let mut picker = Picker::from_fontsize(cell);
    if let Some(p) = protocol {
        picker.set_protocol_type(p);
    }
    Some(picker)
}

/// The cell size from the window's size in pixels, when the terminal
/// reports it.
fn cell_from_window() -> Option<FontSize> {
    let w = crossterm::terminal::window_size().ok()?;
    (w.width > 0 && w.height > 0 && w.columns > 0 && w.rows > 0)
        .then(|| FontSize::new(w.width / w.columns, w.height / w.rows))
}

/// The answers read from stdin up to the status report, or `None` when it
/// does not come in time.
#[cfg(unix)]
fn read_responses(timeout: Duration) -> Option<Vec<Response>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let deadline = Instant::now() + timeout;
    let mut parser = Parser::new();
    let mut responses = Vec::new();
    let mut read = 0;
    loop {
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
        let mut buf = [0u8; 256];
        let n = match rustix::io::read(&stdin, &mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => n,
        };
        read += n;
        for &b in &buf[..n] {
            for r in parser.push(char::from(b)) {
                if r == Response::Status {
                    return Some(responses);
                }
                responses.push(r);
            }
        }
        if read > 4096 {
            return None;
        }
    }
}

#[cfg(not(unix))]
fn read_responses(_timeout: Duration) -> Option<Vec<Response>> {
    None
}
