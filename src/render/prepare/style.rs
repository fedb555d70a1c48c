//! Colours and roles: what an element's `style` and name make of the
//! text inside it.

use super::*;

/// A `style` background that is a highlighter's colour, not a page's
/// white or grey: it must stay visible when colours are off.
pub(super) fn is_highlight(c: Rgb) -> bool {
    let hi = c.0.max(c.1).max(c.2);
    let lo = c.0.min(c.1).min(c.2);
    hi - lo > 48
}

/// The colour a theme's text most likely has on `paper` (light on dark).
pub(super) fn theme_text(paper: Rgb) -> Rgb {
    if paper.contrast(Rgb(0, 0, 0)) < paper.contrast(Rgb(255, 255, 255)) {
        Rgb(0xd0, 0xd0, 0xd0)
    } else {
        Rgb(0x1c, 0x1c, 0x1c)
    }
}

/// The roles an element gives the text inside it.
pub(super) fn flags_of(name: &str, attrs: &[(String, String)]) -> Flags {
    match name {
        "b" | "strong" => Flags::STRONG,
        "i" | "em" | "cite" | "dfn" | "var" => Flags::EMPHASIS,
        "s" | "strike" | "del" => Flags::STRIKE,
        "code" | "kbd" | "samp" | "tt" => Flags::CODE,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Flags::HEADING | Flags::STRONG,
        "u" | "ins" => Flags::UNDERLINE,
        "mark" => Flags::MARK,
        "a" if attrs
            .iter()
            .any(|(k, v)| k == "href" && !v.starts_with('#')) =>
        {
            Flags::LINK
        }
        _ => Flags::default(),
    }
}

/// The style of text under `stack` with `look` on top (innermost colours
/// win).
pub(super) fn self_style(stack: &[Open], look: SpanStyle) -> SpanStyle {
    let mut style = SpanStyle::default();
    for l in stack.iter().map(|o| o.look).chain([look]) {
        style.flags |= l.flags;
        style.fg = l.fg.or(style.fg);
        style.bg = l.bg.or(style.bg);
    }
    style
}

impl Builder {
    /// The role that keeps a background highlight visible when the post's
    /// colours are not shown.
    pub(super) fn unseen_highlight(&self, attrs: &[(String, String)]) -> Option<Role> {
        if self.opts.inline_colors {
            return None;
        }
        let style = attrs.iter().find(|(k, _)| k == "style")?;
        let (_, bg) = self.colours(&style.1);
        bg.filter(|c| is_highlight(*c)).map(|_| Role::Mark)
    }

    /// What an element adds to the style of the text inside it.
    pub(super) fn look(&self, name: &str, attrs: &[(String, String)]) -> SpanStyle {
        let mut look = SpanStyle::of(flags_of(name, attrs));
        if let Some((_, style)) = attrs.iter().find(|(k, _)| k == "style") {
            let (fg, bg) = self.colours(style);
            if self.opts.inline_colors {
                look.fg = fg.map(|fg| fg.readable_on(bg.unwrap_or(self.opts.paper)));
                look.bg = bg;
            } else if bg.is_some_and(is_highlight) {
                look.flags |= Flags::MARK;
            }
        }
        look
    }

    /// The `style` attribute to write: the post's colours (normalised and
    /// made readable on the page), and the role's reserved colour when
    /// there is one.
    pub(super) fn style(&self, attrs: &[(String, String)], role: Option<Role>) -> String {
        let mut css = String::new();
        if let Some(role) = role {
            let _ = write!(css, "color:{};", role.marker().hex());
        }
        if self.opts.inline_colors {
            let style = attrs
                .iter()
                .find(|(k, _)| k == "style")
                .map_or("", |(_, v)| v.as_str());
            let (fg, bg) = self.colours(style);
            let paper = self.opts.paper;
            // Text the post coloured is kept readable on its background;
            // text it did not colour gets black or white on a background
            // that the theme's own text colour would vanish on.
            let fg = match (fg, bg) {
                (Some(fg), _) if role.is_none() => Some(fg.readable_on(bg.unwrap_or(paper))),
                (None, Some(bg)) if role.is_none() && theme_text(paper).contrast(bg) < 3.0 => Some(
                    if bg.contrast(Rgb(0, 0, 0)) > bg.contrast(Rgb(255, 255, 255)) {
                        Rgb(0, 0, 0)
                    } else {
                        Rgb(255, 255, 255)
                    },
                ),
                _ => None,
            };
            if let Some(fg) = fg {
                let _ = write!(css, "color:{};", Role::avoid_markers(fg).hex());
            }
            if let Some(bg) = bg {
                let _ = write!(css, "background-color:{};", Role::avoid_markers(bg).hex());
            }
        }
        if css.is_empty() {
            css
        } else {
            format!(" style=\"{css}\"")
        }
    }

    /// The colour and background colour a `style` attribute sets (the last
    /// of each wins, as in CSS), translucent ones blended over the paper.
    fn colours(&self, style: &str) -> (Option<Rgb>, Option<Rgb>) {
        let (mut fg, mut bg) = (None, None);
        for decl in style.split(';') {
            let Some((prop, value)) = decl.split_once(':') else {
                continue;
            };
            let prop = prop.trim().to_ascii_lowercase();
            let Some(color::Rgba(rgb, alpha)) = color::parse_css(value) else {
                continue;
            };
            if alpha == 0 {
                continue;
            }
            let rgb = rgb.over(alpha, self.opts.paper);
            match prop.as_str() {
                "color" => fg = Some(rgb),
                "background-color" | "background" => bg = Some(rgb),
                _ => {}
            }
        }
        (fg, bg)
    }
}
