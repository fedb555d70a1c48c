//! Themes: a named style for every part the reader and the renderer draw.
//! Built-in themes live in `themes/*.yaml` and are embedded in the binary.

use std::path::{Path, PathBuf};

use ratatui::style::{Color, Style};
use serde::Deserialize;

use crate::i18n::{Lang, Message, Msg};
use crate::render::highlight::Token;
use crate::render::{Flags, Rgb, SpanStyle};

mod expected;
mod file;
mod resolve;
mod syntax;

use file::StyleSpec;
pub use file::parse_color;
pub use resolve::available;
use resolve::{Layers, builtin_names, parse_file};

/// Defines the parts of the interface a theme styles, the struct a theme
/// file's `styles:` is read into, and the table between them.
macro_rules! parts {
    ($($part:ident => $key:ident,)*) => {
        /// A part of the interface or of an article that a theme styles.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Part { $($part,)* }

        impl Part {
            pub const ALL: &'static [Part] = &[$(Part::$part,)*];

            /// The part's key in a theme file.
            pub fn key(self) -> &'static str {
                match self { $(Part::$part => stringify!($key),)* }
            }
        }

        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct StylesFile { $(#[serde(default)] $key: Option<StyleSpec>,)* }

        impl StylesFile {
            fn get(&self, part: Part) -> Option<&StyleSpec> {
                match part { $(Part::$part => self.$key.as_ref(),)* }
            }
        }
    };
}

parts! {
    Base => base,
    Border => border,
    BorderFocused => border_focused,
    Selection => selection,
    Read => read,
    Unread => unread,
    Starred => starred,
    Category => category,
    Date => date,
    Title => title,
    Meta => meta,
    Heading => heading,
    Strong => strong,
    Emphasis => emphasis,
    Strikeout => strikeout,
    Underline => underline,
    Mark => mark,
    Code => code,
    Preformatted => preformatted,
    Link => link,
    LinkNumber => link_number,
    Image => image,
    Quote => quote,
    Rule => rule,
    TableBorder => table_border,
    Status => status,
    StatusDim => status_dim,
    SearchMatch => search_match,
    Error => error,
    Key => key,
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    /// No colour: modifiers only.
    None,
}

impl ColorDepth {
    /// Truecolor when `COLORTERM` says so, else the 256 colours.
    pub fn from_env() -> ColorDepth {
        match std::env::var("COLORTERM").map(|v| v.to_ascii_lowercase()) {
            Ok(v) if v.contains("truecolor") || v.contains("24bit") => ColorDepth::TrueColor,
            _ => ColorDepth::Ansi256,
        }
    }
}

/// Whether the user asked for no colour (`NO_COLOR` set and not empty).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    pub description: String,
    /// Whether posts' own `style` colours show.
    pub inline_colors: bool,
    /// What translucent post colours are blended over.
    pub paper: Rgb,
    styles: Vec<Style>,
    /// Highlighted code, one style per token kind (empty: not highlighted).
    syntax: Vec<Style>,
    depth: ColorDepth,
}

/// The built-in themes: (name, YAML).
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.yaml")),
    ("light", include_str!("../../themes/light.yaml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.yaml"),
    ),
    (
        "solarized-dark",
        include_str!("../../themes/solarized-dark.yaml"),
    ),
    ("mono", include_str!("../../themes/mono.yaml")),
];

pub const DEFAULT_THEME: &str = "dark";
pub const NO_COLOR_THEME: &str = "mono";
/// How many `extends:` a theme may chain through.
const MAX_EXTENDS: usize = 8;

/// A theme that cannot be used, said so that the user can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// A problem in a theme file, at a line.
    File {
        path: PathBuf,
        line: usize,
        message: Message,
    },
    Unknown(String),
    Unreadable {
        path: PathBuf,
        error: crate::fsread::ReadError,
    },
}

impl ThemeError {
    /// The error in `lang`: the file, the line and what is wrong there.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            ThemeError::File {
                path,
                line,
                message,
            } => crate::problem::at(path, *line) + &message.say(lang),
            ThemeError::Unknown(name) => unknown(name).say(lang),
            ThemeError::Unreadable { path, error } => format!(
                "{}: {}",
                crate::text::one_line(&path.to_string_lossy()),
                error.message().say(lang)
            ),
        }
    }
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// There is no theme `name`: what there is.
pub(crate) fn unknown(name: &str) -> Message {
    Msg::UnknownTheme
        .with("name", crate::text::one_line(name))
        .with("names", builtin_names())
}

impl Theme {
    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        Theme::load(name, None)
            .ok()
            .filter(|_| BUILTIN.iter().any(|(n, _)| *n == name))
    }

    /// The theme to use when none is asked for: `mono` under `NO_COLOR`.
    pub fn default_for_env() -> Theme {
        let name = if no_color_env() {
            NO_COLOR_THEME
        } else {
            DEFAULT_THEME
        };
        Theme::builtin(name).unwrap_or_else(Theme::fallback)
    }

    /// Plain terminal colours, for when even the built-ins cannot be read.
    fn fallback() -> Theme {
        Theme {
            name: "fallback".into(),
            description: String::new(),
            inline_colors: false,
            paper: Rgb(0, 0, 0),
            styles: vec![Style::default(); Part::ALL.len()],
            syntax: Vec::new(),
            depth: ColorDepth::Ansi256,
        }
    }

    /// A theme by name or path: a path (it has a `/` or ends in `.yaml`)
    /// is read as it is; a name is looked up in the user's themes folder
    /// first, then among the built-in themes. A theme may `extends:`
    /// another; a user theme that does not is laid over `dark`.
    pub fn load(spec: &str, user_dir: Option<&Path>) -> Result<Theme, ThemeError> {
        let layers = resolve::resolve(spec, user_dir, 0)?;
        let name = Path::new(spec)
            .file_stem()
            .map_or_else(|| spec.to_string(), |s| s.to_string_lossy().into_owned());
        Ok(layers.into_theme(crate::text::one_line(&name)))
    }

    /// Parse one theme file's text (no `extends:` applied); `path` names it
    /// in errors.
    pub fn parse(name: &str, text: &str, path: &Path) -> Result<Theme, ThemeError> {
        let file = parse_file(text, path)?;
        Ok(Layers::default().over(file).into_theme(name.to_string()))
    }

    /// This theme for a terminal of `depth`: colours mapped to the 256 or
    /// removed.
    pub fn with_depth(mut self, depth: ColorDepth) -> Theme {
        self.depth = depth;
        for s in self.styles.iter_mut().chain(self.syntax.iter_mut()) {
            *s = adapt(*s, depth);
        }
        if depth == ColorDepth::None {
            self.syntax.clear();
        }
        if depth == ColorDepth::None {
            self.inline_colors = false;
        }
        self
    }

    pub fn style(&self, part: Part) -> Style {
        let i = Part::ALL.iter().position(|p| *p == part).unwrap_or(0);
        self.styles[i]
    }

    /// The style of a span of an article.
    pub fn span(&self, s: &SpanStyle) -> Style {
        const ORDER: [(Flags, Part); 16] = [
            (Flags::QUOTE, Part::Quote),
            (Flags::TABLE_BORDER, Part::TableBorder),
            (Flags::RULE, Part::Rule),
            (Flags::PRE, Part::Preformatted),
            (Flags::CODE, Part::Code),
            (Flags::STRONG, Part::Strong),
            (Flags::EMPHASIS, Part::Emphasis),
            (Flags::STRIKE, Part::Strikeout),
            (Flags::UNDERLINE, Part::Underline),
            (Flags::MARK, Part::Mark),
            (Flags::HEADING, Part::Heading),
            (Flags::IMAGE, Part::Image),
            (Flags::LINK, Part::Link),
            (Flags::LINK_NUMBER, Part::LinkNumber),
            (Flags::TITLE, Part::Title),
            (Flags::META, Part::Meta),
        ];
        let mut style = self.style(Part::Base);
        for (flag, part) in ORDER {
            if s.flags.contains(flag) {
                style = style.patch(self.style(part));
            }
        }
        if let Some(token) = s.token
            && let Some(syntax) = Token::ALL
                .iter()
                .position(|t| *t == token)
                .and_then(|i| self.syntax.get(i))
        {
            style = style.patch(*syntax);
        }
        // A picture's colours are the picture: shown whenever colour is.
        let picture = s.flags.contains(Flags::PICTURE) && self.depth != ColorDepth::None;
        if self.inline_colors || picture {
            if let Some(fg) = s.fg {
                style.fg = Some(adapt_color(Color::Rgb(fg.0, fg.1, fg.2), self.depth));
            }
            if let Some(bg) = s.bg {
                style.bg = Some(adapt_color(Color::Rgb(bg.0, bg.1, bg.2), self.depth));
            }
        }
        style
    }
}

fn adapt(mut s: Style, depth: ColorDepth) -> Style {
    s.fg = s.fg.map(|c| adapt_color(c, depth));
    s.bg = s.bg.map(|c| adapt_color(c, depth));
    if depth == ColorDepth::None {
        s.fg = None;
        s.bg = None;
        s.underline_color = None;
    }
    s
}

fn adapt_color(c: Color, depth: ColorDepth) -> Color {
    match (c, depth) {
        (Color::Rgb(r, g, b), ColorDepth::Ansi256) => Color::Indexed(Rgb(r, g, b).to_ansi256()),
        (c, _) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::file::ThemeFile;
    use super::*;

    #[test]
    fn every_builtin_theme_parses_and_styles_every_part() {
        for (name, text) in BUILTIN {
            let file: ThemeFile =
                serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for part in Part::ALL {
                assert!(
                    file.styles.get(*part).is_some(),
                    "{name} lacks {}",
                    part.key()
                );
            }
            assert!(Theme::builtin(name).is_some());
        }
    }

    #[test]
    fn bad_colour_names_the_line_and_value() {
        let err = Theme::parse(
            "t",
            "styles:\n  heading: { fg: purpel }\n",
            Path::new("t.yaml"),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("t.yaml:2: "), "{err}");
        assert!(err.to_string().contains("\"purpel\""), "{err}");
        let err = Theme::parse("t", "styles:\n  headng: {}\n", Path::new("t.yaml")).unwrap_err();
        assert!(
            err.to_string().contains("unknown field \"headng\""),
            "{err}"
        );
    }

    #[test]
    fn user_themes_override_and_extend() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.yaml"),
            "description: 내 테마\nextends: light\nstyles:\n  heading: { fg: red }\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("dark.yaml"), "description: my dark\n").unwrap();
        std::fs::write(dir.path().join("loop.yaml"), "extends: loop2\n").unwrap();
        std::fs::write(dir.path().join("loop2.yaml"), "extends: loop\n").unwrap();
        let mine = Theme::load("mine", Some(dir.path())).unwrap();
        let light = Theme::load("light", None).unwrap();
        assert_eq!(mine.style(Part::Heading).fg, Some(Color::Red));
        assert_eq!(
            mine.style(Part::Link),
            light.style(Part::Link),
            "the rest comes from light"
        );
        assert_eq!(mine.paper, light.paper);
        assert_eq!(
            Theme::load("dark", Some(dir.path())).unwrap().description,
            "my dark",
            "user themes win by name"
        );
        let err = Theme::load("loop", Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("loop"), "{err}");
        let err = Theme::load("nope", Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("unknown theme \"nope\""), "{err}");
        let names: Vec<String> = available(Some(dir.path()), Lang::En)
            .into_iter()
            .map(|(n, ..)| n)
            .collect();
        assert!(
            names.contains(&"mine".to_string()) && names.contains(&"solarized-dark".to_string())
        );
    }

    #[test]
    fn extends_names_a_theme_never_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret.yaml");
        std::fs::write(&secret, "root:x:0:0:비밀:/root:/bin/bash\n").unwrap();
        for parent in [
            "../secret",
            "../../etc/passwd",
            "/etc/passwd",
            secret.to_str().unwrap(),
            ".hidden",
        ] {
            std::fs::write(
                dir.path().join("mine.yaml"),
                format!("extends: \"{parent}\"\n"),
            )
            .unwrap();
            let themes = dir.path().join("themes");
            std::fs::create_dir_all(&themes).unwrap();
            std::fs::copy(dir.path().join("mine.yaml"), themes.join("mine.yaml")).unwrap();
            let err = Theme::load("mine", Some(&themes)).unwrap_err().to_string();
            assert!(err.contains("not a theme name"), "{parent}: {err}");
            assert!(!err.contains("root:x") && !err.contains("비밀"), "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_device_as_a_theme_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()));
        let err = Theme::load(fifo.to_str().unwrap(), None)
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("fifo.yaml: not a regular file (a FIFO); not read"),
            "{err}"
        );
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
        let err = Theme::load("zero", Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("zero.yaml: not a regular file (a device); not read"),
            "{err}"
        );
    }

    /// ANSI 8 is the background colour of Solarized palettes: the dark
    /// theme's dim parts use greys of the 256-colour cube instead, which
    /// stay readable on black and on Solarized's base03.
    #[test]
    fn dark_theme_dim_parts_are_not_ansi_8() {
        let base03 = Rgb(0x00, 0x2b, 0x36);
        for depth in [ColorDepth::TrueColor, ColorDepth::Ansi256] {
            let theme = Theme::builtin("dark").unwrap().with_depth(depth);
            for part in [
                Part::Date,
                Part::Meta,
                Part::Border,
                Part::Rule,
                Part::TableBorder,
            ] {
                let fg = theme.style(part).fg;
                assert!(
                    matches!(fg, Some(Color::Rgb(..) | Color::Indexed(232..=255))),
                    "{part:?}: {fg:?}"
                );
                if let Some(Color::Rgb(r, g, b)) = fg {
                    assert!(Rgb(r, g, b).contrast(base03) >= 3.0, "{part:?} on base03");
                    assert!(
                        Rgb(r, g, b).contrast(Rgb(0, 0, 0)) >= 4.0,
                        "{part:?} on black"
                    );
                }
            }
        }
    }

    #[test]
    fn rgb_becomes_indexed_on_256_colour_terminals() {
        let t = Theme::builtin("dark")
            .unwrap()
            .with_depth(ColorDepth::Ansi256);
        let s = t.span(&SpanStyle {
            fg: Some(Rgb(0xee, 0x23, 0x23)),
            ..SpanStyle::default()
        });
        assert_eq!(s.fg, Some(Color::Indexed(196)));
        let none = Theme::builtin("dark").unwrap().with_depth(ColorDepth::None);
        assert_eq!(
            none.span(&SpanStyle {
                fg: Some(Rgb(1, 2, 3)),
                flags: Flags::HEADING,
                ..SpanStyle::default()
            })
            .fg,
            None
        );
    }
}
