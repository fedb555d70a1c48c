//! `config.yaml` and where sinmun's files live (DESIGN §7).

use std::path::{Path, PathBuf};

mod expected;

use serde::Deserialize;

use crate::i18n::{Lang, Message, Msg};

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest first, then file name; undated last.
    #[default]
    Date,
    Title,
    Path,
}

/// How wide the terminal draws East Asian Ambiguous characters (DESIGN
/// §11): `auto` asks it at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum AmbiguousSetting {
    /// Ask the terminal (narrow when it does not answer or is not one).
    #[default]
    Auto,
    /// One cell, as most terminals draw them.
    Narrow,
    /// Two cells (terminals set to treat ambiguous characters as wide).
    Wide,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Folders of posts (`~` expanded).
    pub posts: Vec<PathBuf>,
    pub theme: Option<String>,
    pub sort: Sort,
    pub show_drafts: bool,
    /// Overrides the theme's `inline_colors`.
    pub inline_colors: Option<bool>,
    /// The line of `theme:`, to name in an error about the theme.
    pub theme_line: usize,
    /// `keys:`: (command, its keys, the line it is on).
    pub keys: Vec<(String, Vec<String>, usize)>,
    /// The widest the article's text may be, in cells.
    pub text_width: Option<usize>,
    /// Capture the mouse (off: the terminal selects text). Default on.
    pub mouse: Option<bool>,
    /// Follow changes in the folders as they happen. Default on; off, `R`
    /// reloads (for folders on network file systems, where watching is
    /// costly or silent).
    pub watch: Option<bool>,
    /// Run `$BROWSER` in the terminal, as a text browser, whatever its name.
    pub browser_in_terminal: bool,
    /// The interface's language (else the locale's).
    pub language: Option<crate::i18n::Lang>,
    /// How pictures in articles are shown.
    pub images: crate::picture::Setting,
    pub ambiguous_width: AmbiguousSetting,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    posts: Option<Folders>,
    theme: Option<String>,
    sort: Option<Sort>,
    show_drafts: Option<bool>,
    inline_colors: Option<bool>,
    keys: Option<serde_yaml::Mapping>,
    #[serde(default, deserialize_with = "expected::cells")]
    text_width: Option<usize>,
    mouse: Option<bool>,
    watch: Option<bool>,
    browser_in_terminal: Option<bool>,
    language: Option<crate::i18n::Lang>,
    images: Option<crate::picture::Setting>,
    ambiguous_width: Option<AmbiguousSetting>,
}

/// `posts:` as one folder or a list of folders.
#[derive(Debug)]
struct Folders(Vec<String>);

/// The folders a `posts:` value names, when it is one or a list of them.
fn folders_of(value: &serde_yaml::Value) -> Option<Vec<String>> {
    use serde_yaml::Value;
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Sequence(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Folders {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_yaml::Value::deserialize(d)?;
        folders_of(&value).map(Folders).ok_or_else(|| {
            let found = crate::frontmatter::quote(&crate::post::yaml_text(&value));
            crate::frontmatter::own_error(Msg::PostsExpected.with("value", found))
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    Invalid {
        path: PathBuf,
        line: usize,
        message: Message,
    },
    Unreadable {
        path: PathBuf,
        error: crate::fsread::ReadError,
    },
    /// A config file named with `--config` or `SINMUN_CONFIG` is missing.
    Missing { path: PathBuf },
}

impl ConfigError {
    /// The error in `lang`: the file, the line and what is wrong there.
    pub fn say(&self, lang: Lang) -> String {
        let shown = |path: &Path| crate::text::one_line(&path.to_string_lossy());
        match self {
            ConfigError::Invalid {
                path,
                line,
                message,
            } => crate::problem::at(path, *line) + &message.say(lang),
            ConfigError::Unreadable { path, error } => {
                format!("{}: {}", shown(path), error.message().say(lang))
            }
            ConfigError::Missing { path } => Msg::NoSuchConfig.with("path", shown(path)).say(lang),
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Config files larger than this are not read (a config is a few lines;
/// `/dev/zero` or a runaway file must not fill the memory).
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Where sinmun's files live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    /// The config file was named (`--config`, `SINMUN_CONFIG`): it must
    /// exist. The default one may be absent.
    pub config_named: bool,
    pub themes_dir: Option<PathBuf>,
    /// Where earlier versions kept the marks (imported once).
    pub state_file: Option<PathBuf>,
    /// The read and starred marks.
    pub marks_file: Option<PathBuf>,
    /// The persistent indexes of posts (a cache: deleting it is safe).
    pub cache_dir: Option<PathBuf>,
}

impl Paths {
    /// The config file: `--config`, else `SINMUN_CONFIG`, else
    /// `config.yaml` in the user's config folder. Themes are beside the
    /// default config file; state is in the user's data folder.
    pub fn new(config_override: Option<&Path>) -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "sinmun");
        let default_config = dirs.as_ref().map(|d| d.config_dir().join("config.yaml"));
        let named = config_override.map(Path::to_path_buf).or_else(|| {
            std::env::var_os("SINMUN_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let config_named = named.is_some();
        let config_file = named
            .or(default_config)
            .unwrap_or_else(|| PathBuf::from("sinmun-config.yaml"));
        Paths {
            config_file,
            config_named,
            themes_dir: dirs.as_ref().map(|d| d.config_dir().join("themes")),
            state_file: dirs.as_ref().map(|d| d.data_dir().join("state.json")),
            marks_file: dirs.as_ref().map(|d| d.data_dir().join("marks.sqlite3")),
            cache_dir: dirs.as_ref().map(|d| d.cache_dir().to_path_buf()),
        }
    }
}

impl Config {
    /// Read the config file of `paths`: only a regular file under the size
    /// limit. A missing default file is the default configuration; a
    /// missing named one is an error.
    pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
        let path = &paths.config_file;
        let unreadable = |error| ConfigError::Unreadable {
            path: path.to_path_buf(),
            error,
        };
        let text = match crate::fsread::read_regular_text(path, MAX_CONFIG_SIZE) {
            Ok(t) => t,
            Err(e) if e.is_not_found() && !paths.config_named => return Ok(Config::default()),
            Err(e) if e.is_not_found() => {
                return Err(ConfigError::Missing {
                    path: path.to_path_buf(),
                });
            }
            Err(e) => return Err(unreadable(e)),
        };
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        if let Err(refusal) = crate::frontmatter::check(text) {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                line: 1,
                message: Msg::ThisFile.with_msg("refusal", refusal.message()),
            });
        }
        let file: ConfigFile = serde_yaml::from_str(text).map_err(|e| {
            let (line, message) = expected::explain(&e, text);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                message,
            }
        })?;
        let posts = file.posts.map(|f| f.0).unwrap_or_default();
        let keys = file
            .keys
            .map(|m| key_changes(&m, text, path))
            .transpose()?
            .unwrap_or_default();
        if file.text_width.is_some_and(|w| w < 20) {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                line: line_of(text, None, "text_width"),
                message: Msg::TextWidthTooNarrow.with("n", file.text_width.unwrap_or(0)),
            });
        }
        Ok(Config {
            keys,
            text_width: file.text_width,
            mouse: file.mouse,
            watch: file.watch,
            browser_in_terminal: file.browser_in_terminal.unwrap_or(false),
            language: file.language,
            theme_line: text
                .lines()
                .position(|l| l.starts_with("theme:"))
                .map_or(1, |i| i + 1),
            posts: posts.iter().map(|p| expand_home(p)).collect(),
            theme: file.theme,
            sort: file.sort.unwrap_or_default(),
            show_drafts: file.show_drafts.unwrap_or(false),
            inline_colors: file.inline_colors,
            images: file.images.unwrap_or_default(),
            ambiguous_width: file.ambiguous_width.unwrap_or_default(),
        })
    }
}

/// `keys:` as (command, keys, line): each command takes a key or a list
/// of keys. Whether the commands and keys exist is the key table's to say.
fn key_changes(
    map: &serde_yaml::Mapping,
    text: &str,
    path: &Path,
) -> Result<Vec<(String, Vec<String>, usize)>, ConfigError> {
    use serde_yaml::Value;
    let mut changes = Vec::new();
    for (name, keys) in map {
        let name = crate::post::yaml_text(name);
        let line = line_of(text, Some("keys"), &name);
        let parsed: Option<Vec<String>> = match keys {
            Value::String(k) => Some(vec![k.clone()]),
            Value::Sequence(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => None,
        };
        let Some(parsed) = parsed else {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                message: Msg::KeysExpected
                    .with("name", crate::text::one_line(&name))
                    .with(
                        "value",
                        crate::frontmatter::quote(&crate::post::yaml_text(keys)),
                    ),
            });
        };
        changes.push((name, parsed, line));
    }
    Ok(changes)
}

/// The line of `key:` in `text` (inside the `section:` block when given;
/// else the section's own line); 1 when it cannot be found.
pub fn line_of(text: &str, section: Option<&str>, key: &str) -> usize {
    let key_of = |content: &str| {
        content
            .split_once(':')
            .map(|(k, _)| k.trim().trim_matches(['"', '\'']).to_string())
    };
    let mut in_section = section.is_none();
    let mut section_line = 1;
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let top_level = !line.starts_with([' ', '\t']);
        let this = key_of(content);
        match section {
            Some(s) if top_level => {
                in_section = this.as_deref() == Some(s);
                if in_section {
                    section_line = i + 1;
                }
            }
            Some(_) if in_section && this.as_deref() == Some(key) => return i + 1,
            None if top_level && this.as_deref() == Some(key) => return i + 1,
            _ => {}
        }
    }
    section_line
}

/// `~` and `~/…` as the user's home folder.
pub fn expand_home(p: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    if p == "~" {
        return home().unwrap_or_else(|| PathBuf::from(p));
    }
    match (p.strip_prefix("~/"), home()) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("config.yaml")).map_err(|e| e.to_string())
    }

    #[test]
    fn every_key() {
        let c = parse("posts:\n  - ~/blog/_posts\n  - /srv/news\ntheme: light\nsort: title\nshow_drafts: true\ninline_colors: false\n").unwrap();
        assert!(c.posts[0].ends_with("blog/_posts") && !c.posts[0].starts_with("~"));
        assert_eq!(c.posts[1], PathBuf::from("/srv/news"));
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(
            (c.sort, c.show_drafts, c.inline_colors),
            (Sort::Title, true, Some(false))
        );
        assert_eq!(
            parse("posts: ./_posts\n").unwrap().posts,
            [PathBuf::from("./_posts")]
        );
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(
            parse("images: halfblocks\n").unwrap().images,
            crate::picture::Setting::Halfblocks
        );
        assert_eq!(Config::default().images, crate::picture::Setting::Auto);
        assert_eq!(
            parse("ambiguous_width: wide\n").unwrap().ambiguous_width,
            AmbiguousSetting::Wide
        );
        assert_eq!(Config::default().ambiguous_width, AmbiguousSetting::Auto);
    }

    #[test]
    fn errors_name_the_line_and_the_value() {
        assert_eq!(
            parse("theme: dark\nsrot: date\n").unwrap_err(),
            "config.yaml:2: unknown field \"srot\""
        );
        assert_eq!(
            parse("sort: newest\n").unwrap_err(),
            "config.yaml:1: sort: expected date, title or path, found \"newest\""
        );
        assert_eq!(
            parse("theme: dark\nimages: sixel\n").unwrap_err(),
            "config.yaml:2: images: expected auto, halfblocks or off, found \"sixel\""
        );
        assert_eq!(
            parse("ambiguous_width: double\n").unwrap_err(),
            "config.yaml:1: ambiguous_width: expected auto, narrow or wide, found \"double\""
        );
        assert_eq!(
            parse("theme: dark\ntext_width: 1.5\n").unwrap_err(),
            "config.yaml:2: text_width: expected a whole number of cells (e.g. 80), found \"1.5\""
        );
        assert_eq!(
            parse("text_width: 99999999999999999999999\n").unwrap_err(),
            "config.yaml:1: text_width: expected a whole number of cells (e.g. 80), found \"99999999999999999999999\""
        );
        assert_eq!(parse("text_width:\n").unwrap().text_width, None);
        assert_eq!(
            parse("42\n").unwrap_err(),
            "config.yaml:1: the config must be a mapping of settings like `theme: dark`, found \"42\""
        );
        // The first setting that does not fit, in the file's order.
        assert_eq!(
            parse("posts: {a: 1}\nsort: newest\n").unwrap_err(),
            "config.yaml:1: expected a folder or a list of folders, found \"a: 1\""
        );
        assert_eq!(
            parse("sort: newest\nposts: {a: 1}\n").unwrap_err(),
            "config.yaml:1: sort: expected date, title or path, found \"newest\""
        );
        let e = parse("theme: dark\nshow_drafts: maybe\n").unwrap_err();
        assert!(
            e.starts_with("config.yaml:2: ") && e.contains("\"maybe\""),
            "{e}"
        );
    }

    #[test]
    fn keys_text_width_mouse_and_browser() {
        let c = parse("theme: dark\nkeys:\n  quit: Q\n  down: [j, Ctrl-n]\ntext_width: 72\nmouse: false\nwatch: false\nbrowser_in_terminal: true\n").unwrap();
        assert_eq!(
            c.keys,
            [
                ("quit".to_string(), vec!["Q".to_string()], 3),
                (
                    "down".to_string(),
                    vec!["j".to_string(), "Ctrl-n".to_string()],
                    4
                )
            ]
        );
        assert_eq!(
            (c.text_width, c.mouse, c.watch, c.browser_in_terminal),
            (Some(72), Some(false), Some(false), true)
        );
        assert_eq!(
            parse("keys:\n  quit: {a: 1}\n").unwrap_err(),
            "config.yaml:2: keys.quit: expected a key or a list of keys, found \"a: 1\""
        );
        assert_eq!(
            parse("sort: date\ntext_width: 5\n").unwrap_err(),
            "config.yaml:2: text_width: 5 is too narrow (20 cells at least)"
        );
    }

    #[test]
    fn a_missing_file_is_the_default_unless_named() {
        let mut paths = Paths {
            config_file: PathBuf::from("/nonexistent/sinmun/config.yaml"),
            config_named: false,
            themes_dir: None,
            state_file: None,
            marks_file: None,
            cache_dir: None,
        };
        assert_eq!(Config::load(&paths).unwrap(), Config::default());
        paths.config_named = true;
        assert_eq!(
            Config::load(&paths).unwrap_err().to_string(),
            "/nonexistent/sinmun/config.yaml: no such config file"
        );
    }

    #[test]
    fn alias_bombs_and_long_values_make_short_errors() {
        let bomb = crate::frontmatter::alias_bomb(30)
            + "posts: *a29
";
        let e = parse(&bomb).unwrap_err();
        assert_eq!(
            e,
            "config.yaml:1: this file repeats more than 10000 nodes through aliases; not parsed"
        );
        let long = format!("posts: {{a: \"{}\"}}\n", "가".repeat(1_000_000));
        let e = parse(&long).unwrap_err();
        assert!(e.len() < 300, "{}", e.len());
    }
}
