//! Styled lines as text for a terminal: SGR sequences and nothing else.

use std::fmt::Write as _;

use ratatui::style::{Color, Modifier, Style};

/// `text` in `style`, as SGR: reset, attributes, colours, text, reset.
/// The text is cleaned here, where it meets the only escape sequences
/// sinmun writes.
pub(crate) fn push_styled(out: &mut String, text: &str, style: Style) {
    let text = crate::sanitize::terminal_text(text);
    let text = text.as_ref();
    let mut codes: Vec<String> = Vec::new();
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_string());
        }
    }
    if let Some(c) = style.fg.and_then(|c| color_code(c, false)) {
        codes.push(c);
    }
    if let Some(c) = style.bg.and_then(|c| color_code(c, true)) {
        codes.push(c);
    }
    if codes.is_empty() {
        out.push_str(text);
        return;
    }
    let _ = write!(out, "\x1b[{}m{text}\x1b[0m", codes.join(";"));
}

fn color_code(c: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    Some(match c {
        Color::Reset => return None,
        Color::Black => format!("{}", base),
        Color::Red => format!("{}", base + 1),
        Color::Green => format!("{}", base + 2),
        Color::Yellow => format!("{}", base + 3),
        Color::Blue => format!("{}", base + 4),
        Color::Magenta => format!("{}", base + 5),
        Color::Cyan => format!("{}", base + 6),
        Color::Gray => format!("{}", base + 7),
        Color::DarkGray => format!("{}", bright),
        Color::LightRed => format!("{}", bright + 1),
        Color::LightGreen => format!("{}", bright + 2),
        Color::LightYellow => format!("{}", bright + 3),
        Color::LightBlue => format!("{}", bright + 4),
        Color::LightMagenta => format!("{}", bright + 5),
        Color::LightCyan => format!("{}", bright + 6),
        Color::White => format!("{}", bright + 7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_only() {
        let mut s = String::new();
        push_styled(
            &mut s,
            "제목",
            Style::new()
                .fg(Color::Rgb(1, 2, 3))
                .bg(Color::Indexed(196))
                .add_modifier(Modifier::BOLD),
        );
        assert_eq!(s, "\x1b[1;38;2;1;2;3;48;5;196m제목\x1b[0m");
        let mut s = String::new();
        push_styled(&mut s, "plain", Style::new());
        assert_eq!(s, "plain");
    }
}
