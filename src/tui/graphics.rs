//! Which way the reader draws pictures: asked of the terminal once at
//! start, in the same write and the same short wait as the other start-up
//! questions ([`crate::probe`]), after the terminal is taken (raw, on the
//! alternate screen), so that an answer that comes late is read as input
//! and ignored. Inside tmux, which passes graphics through only when it is
//! configured to, pictures are half blocks and nothing is asked.

use std::sync::Arc;

use ratatui_image::FontSize;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};

use crate::picture::{Mode, Setting};

/// The graphics questions to send with the start-up questions, when
/// `setting` leaves the choice to the terminal.
pub(crate) fn query(setting: Setting) -> Option<String> {
    query_in(setting, &|name| std::env::var(name).ok())
}

/// [`query`] in an environment of variables `env` reads.
fn query_in(setting: Setting, env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let var = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let value = |name: &str| env(name).unwrap_or_default();
    let inside_tmux =
        var("TMUX") || value("TERM").starts_with("tmux") || value("TERM_PROGRAM") == "tmux";
    if setting != Setting::Auto || inside_tmux {
        return None;
    }
    let mut options = QueryStdioOptions::default();
    // Their kitty and sixel support is incomplete: iTerm2's protocol
    // (found from the environment) draws better there.
    if var("WEZTERM_EXECUTABLE") || var("KONSOLE_VERSION") {
        options.blacklist_protocols = vec![ProtocolType::Kitty, ProtocolType::Sixel];
    }
    Some(Parser::query(false, options))
}

/// How pictures are drawn: as `setting` says, or, for `auto`, as the
/// terminal's `answers` to [`query`] allow (half blocks when it has no
/// graphics protocol, did not answer, or runs inside tmux).
pub(crate) fn mode(setting: Setting, answers: Option<Vec<Response>>) -> Mode {
    match setting {
        Setting::Off => Mode::Off,
        Setting::Halfblocks => Mode::Halfblocks,
        Setting::Auto => match answers.and_then(|a| picker(&a)) {
            Some(picker) if picker.protocol_type() != ProtocolType::Halfblocks => {
                Mode::Graphics(Arc::new(picker))
            }
            _ => Mode::Halfblocks,
        },
    }
}

/// A picker for the protocol the terminal answered it has, with its cell
/// size in pixels; `None` without a cell size (no protocol can be sized).
fn picker(answers: &[Response]) -> Option<Picker> {
    let mut protocol = None;
    let mut cell = None;
    for r in answers {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_protocol_comes_from_the_answers_with_a_cell_size() {
        let cell = Response::CellSize(Some((10, 20)));
        let name = |answers: Vec<Response>| mode(Setting::Auto, Some(answers)).name();
        assert_eq!(
            name(vec![Response::Kitty, Response::Sixel, cell.clone()]),
            "kitty"
        );
        assert_eq!(name(vec![Response::Sixel, cell.clone()]), "sixel");
        assert_eq!(mode(Setting::Auto, None).name(), "halfblocks", "no answer");
        assert_eq!(
            mode(Setting::Halfblocks, Some(vec![Response::Kitty, cell])).name(),
            "halfblocks"
        );
        assert_eq!(mode(Setting::Off, None).name(), "off");
        assert_eq!(query(Setting::Halfblocks), None, "nothing asked");
    }

    #[test]
    fn inside_tmux_nothing_is_asked_and_pictures_are_half_blocks() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let plain = env(&[("TERM", "xterm-kitty")]);
        assert!(query_in(Setting::Auto, &plain).is_some(), "asked");
        for inside in [
            env(&[("TERM", "xterm-kitty"), ("TMUX", "/tmp/tmux-0/default,1,0")]),
            env(&[("TERM", "tmux-256color")]),
            env(&[("TERM", "screen"), ("TERM_PROGRAM", "tmux")]),
        ] {
            assert_eq!(query_in(Setting::Auto, &inside), None);
        }
        assert_eq!(query_in(Setting::Off, &plain), None);
        // Nothing asked, nothing answered: half blocks.
        assert_eq!(mode(Setting::Auto, None).name(), "halfblocks");
    }
}
