//! The one key table: every command, its default keys, where it applies,
//! its help text and its status hint. Key mapping, the help popup, the
//! status hints and the README's key table are all made from it, and the
//! config's `keys:` section changes the keys of its commands.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;
use super::screen::Context;

use Context::{
    Article as A, Categories as C, Help as H, Links as L, List as Li, Problems as P, Search as S,
};

/// A command of the key table.
pub struct Binding {
    /// The command's name in the config's `keys:` section.
    pub name: &'static str,
    pub action: Action,
    pub keys: &'static [&'static str],
    pub contexts: &'static [Context],
    pub help: &'static str,
    /// The contexts whose status line hints at the command, and the word.
    pub hint: Option<(&'static [Context], &'static str)>,
}

const MAIN: &[Context] = &[Li, A];
const ALL: &[Context] = &[Li, A, S, H, P, C, L];
const MOVING: &[Context] = &[Li, A, H, P, C, L];
const PAGING: &[Context] = &[Li, A, H, P, L];
const POPUPS: &[Context] = &[H, P, C, L];

/// The digit keys: link n of the article (`0` is link 10). Not rebindable.
pub const OPEN_LINK: &str = "open_link";

macro_rules! bind {
    ($name:literal, $action:expr, [$($key:literal),*], $contexts:expr, $help:literal) => {
        Binding { name: $name, action: $action, keys: &[$($key),*], contexts: $contexts, help: $help, hint: None }
    };
    ($name:literal, $action:expr, [$($key:literal),*], $contexts:expr, $help:literal, $hint_in:expr => $hint:literal) => {
        Binding { name: $name, action: $action, keys: &[$($key),*], contexts: $contexts, help: $help, hint: Some(($hint_in, $hint)) }
    };
}

/// The key table, in the order the help shows it.
pub static TABLE: &[Binding] = &[
    bind!(
        "down",
        Action::Down,
        ["j", "Down"],
        MOVING,
        "move down in the list, scroll the article or a popup"
    ),
    bind!("up", Action::Up, ["k", "Up"], MOVING, "move up, scroll up"),
    bind!(
        "page_down",
        Action::PageDown,
        ["Space", "PgDn", "Ctrl-f"],
        PAGING,
        "page down"
    ),
    bind!(
        "page_up",
        Action::PageUp,
        ["b", "PgUp", "Ctrl-b"],
        PAGING,
        "page up"
    ),
    bind!(
        "half_page_down",
        Action::HalfPageDown,
        ["Ctrl-d"],
        PAGING,
        "half a page down"
    ),
    bind!(
        "half_page_up",
        Action::HalfPageUp,
        ["Ctrl-u"],
        PAGING,
        "half a page up"
    ),
    bind!("top", Action::Top, ["g", "Home"], MOVING, "to the top"),
    bind!(
        "bottom",
        Action::Bottom,
        ["G", "End"],
        MOVING,
        "to the bottom"
    ),
    bind!("open", Action::Open, ["Enter", "l", "Right"], &[Li, L], "open the selected article (in the links: the link)", &[L] => "open"),
    bind!("back", Action::Back, ["Esc", "h", "Left", "Backspace"], MAIN, "back to the list; in the list, clear the search, then the filters", &[A] => "list"),
    bind!(
        "switch_pane",
        Action::SwitchPane,
        ["Tab", "BackTab"],
        MAIN,
        "switch between the list and the open article"
    ),
    bind!("next_article", Action::NextArticle, ["n"], &[A], "next article", &[A] => "next"),
    bind!("prev_article", Action::PrevArticle, ["p"], &[A], "previous article", &[A] => "prev"),
    bind!("search", Action::StartSearch, ["/"], MAIN, "search, live as you type (ㅈㅈㅎㄱ finds 제주항공; #name a category or tag)", &[Li] => "search"),
    bind!(
        "next_match",
        Action::NextMatch,
        ["]"],
        &[A],
        "the next line that matches the search"
    ),
    bind!(
        "prev_match",
        Action::PrevMatch,
        ["["],
        &[A],
        "the previous line that matches the search"
    ),
    bind!("categories", Action::OpenCategories, ["c"], &[Li, A, C], "the category picker", &[Li] => "categories"),
    bind!("links", Action::OpenLinks, ["o"], &[A, L], "the article's numbered links", &[A] => "links"),
    bind!(
        "open_link",
        Action::OpenLink(0),
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
        &[A, L],
        "open link 1-9 (0: link 10)"
    ),
    bind!("copy_link", Action::CopyLink, ["y"], &[A, L], "copy the selected link, or the post's address, to the clipboard", &[L] => "copy"),
    bind!(
        "toggle_read",
        Action::ToggleRead,
        ["r"],
        MAIN,
        "mark read / unread"
    ),
    bind!(
        "toggle_star",
        Action::ToggleStar,
        ["s"],
        MAIN,
        "star / unstar"
    ),
    bind!(
        "unread_only",
        Action::ToggleUnreadOnly,
        ["u"],
        MAIN,
        "only unread posts"
    ),
    bind!(
        "starred_only",
        Action::ToggleStarredOnly,
        ["*"],
        MAIN,
        "only starred posts"
    ),
    bind!(
        "mark_all_read",
        Action::MarkAllRead,
        ["A"],
        MAIN,
        "mark every post in the list read"
    ),
    bind!(
        "undo",
        Action::Undo,
        ["U"],
        MAIN,
        "undo the last mark-all-read"
    ),
    bind!(
        "sort",
        Action::CycleSort,
        ["S"],
        MAIN,
        "sort by date, title or path"
    ),
    bind!(
        "reload",
        Action::Reload,
        ["R"],
        MAIN,
        "read the folders again (they are also watched)"
    ),
    bind!(
        "wider_list",
        Action::WidenList,
        [">"],
        MAIN,
        "widen the list (side by side)"
    ),
    bind!(
        "narrower_list",
        Action::NarrowList,
        ["<"],
        MAIN,
        "narrow the list"
    ),
    bind!(
        "toggle_list",
        Action::ToggleList,
        ["z"],
        MAIN,
        "hide or show the list beside the article"
    ),
    bind!(
        "toggle_mouse",
        Action::ToggleMouse,
        ["m"],
        MAIN,
        "mouse on / off (off: the terminal selects text; or hold Shift)"
    ),
    bind!(
        "problems",
        Action::ShowProblems,
        ["!"],
        &[Li, A, P],
        "problems found while loading"
    ),
    bind!("help", Action::ShowHelp, ["?"], &[Li, A, H], "this help", &[Li, A] => "help"),
    bind!("quit", Action::Quit, ["q"], MAIN, "quit (in the article: back to the list)", &[Li] => "quit"),
    bind!("choose", Action::ToggleCategory, ["Space"], &[C], "choose or unchoose a category", &[C] => "choose"),
    bind!("apply", Action::ApplyCategories, ["Enter"], &[C], "show the chosen categories", &[C] => "apply"),
    bind!("all_categories", Action::ClearCategories, ["a"], &[C], "clear the choice (all categories)", &[C] => "all"),
    bind!("close", Action::Close, ["Esc", "q"], POPUPS, "close (the picker: without applying)", POPUPS => "close"),
    bind!(
        "search_keep",
        Action::SearchAccept,
        ["Enter"],
        &[S],
        "keep the search"
    ),
    bind!(
        "search_cancel",
        Action::SearchCancel,
        ["Esc"],
        &[S],
        "back to the search as it was"
    ),
    bind!(
        "search_erase",
        Action::SearchBackspace,
        ["Backspace"],
        &[S],
        "erase a character"
    ),
    bind!(
        "search_erase_word",
        Action::SearchDeleteWord,
        ["Ctrl-w"],
        &[S],
        "erase a word"
    ),
    bind!(
        "search_left",
        Action::SearchLeft,
        ["Left"],
        &[S],
        "caret left"
    ),
    bind!(
        "search_right",
        Action::SearchRight,
        ["Right"],
        &[S],
        "caret right"
    ),
    bind!(
        "search_start",
        Action::SearchHome,
        ["Home", "Ctrl-a"],
        &[S],
        "caret to the start"
    ),
    bind!(
        "search_end",
        Action::SearchEnd,
        ["End", "Ctrl-e"],
        &[S],
        "caret to the end"
    ),
    bind!(
        "search_down",
        Action::Down,
        ["Down"],
        &[S],
        "move in the list while typing"
    ),
    bind!(
        "search_up",
        Action::Up,
        ["Up"],
        &[S],
        "move up in the list while typing"
    ),
    bind!(
        "redraw",
        Action::Redraw,
        ["Ctrl-l"],
        ALL,
        "repaint the whole screen"
    ),
    bind!(
        "suspend",
        Action::Suspend,
        ["Ctrl-z"],
        ALL,
        "suspend (fg resumes)"
    ),
    bind!(
        "force_quit",
        Action::Quit,
        ["Ctrl-c"],
        ALL,
        "quit from anywhere"
    ),
];

/// A key as the config and the help write it: `j`, `G`, `Enter`,
/// `Ctrl-d`, `Alt-x`, `F5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
];

impl Key {
    /// Read a key name; `None` when it names no key.
    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key {
            code: KeyCode::Null,
            ctrl: false,
            alt: false,
        };
        let mut rest = text;
        loop {
            if let Some(r) = rest
                .strip_prefix("Ctrl-")
                .or_else(|| rest.strip_prefix("C-"))
            {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("Alt-")
                .or_else(|| rest.strip_prefix("M-"))
            {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        key.code =
            if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest)) {
                code
            } else if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
                if !(1..=12).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            } else {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_whitespace() && !crate::text::is_forbidden(c) => {
                        // Ctrl-D and Ctrl-d are one key to a terminal.
                        KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => return None,
                }
            };
        Some(key)
    }

    /// Whether the key event is this key. Shift is part of the character
    /// (`G`), so it is not compared.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        code == self.code && ctrl == self.ctrl && alt == self.alt
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if let Some((name, _)) = NAMED.iter().find(|(_, c)| *c == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The keys in effect: the table's, with the config's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    /// The keys of `TABLE[i]`.
    keys: Vec<Vec<Key>>,
}

/// A `keys:` entry that cannot be used: what to say, and the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub name: String,
    pub message: String,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap {
            keys: TABLE
                .iter()
                .map(|b| b.keys.iter().filter_map(|k| Key::parse(k)).collect())
                .collect(),
        }
    }
}

impl KeyMap {
    /// The table's keys with `changes` (command name, its new keys) in
    /// place of the defaults of those commands.
    pub fn with_changes(changes: &[(String, Vec<String>)]) -> Result<KeyMap, KeyError> {
        let mut map = KeyMap::default();
        let mut changed = Vec::new();
        for (name, keys) in changes {
            let error = |message: String| KeyError {
                name: name.clone(),
                message: format!("keys.{name}: {message}"),
            };
            let Some(i) = TABLE.iter().position(|b| b.name == name) else {
                return Err(error(format!(
                    "unknown command \"{}\"; the commands are listed by `sinmun --help` and in the README",
                    crate::text::one_line(name)
                )));
            };
            if name == OPEN_LINK {
                return Err(error("the digit keys cannot be changed".into()));
            }
            let mut parsed = Vec::new();
            for k in keys {
                match Key::parse(k) {
                    Some(key) => parsed.push(key),
                    None => {
                        return Err(error(format!(
                            "unknown key \"{}\" (write j, G, Enter, Ctrl-d, Alt-x, F5, …)",
                            crate::text::one_line(k)
                        )));
                    }
                }
            }
            map.keys[i] = parsed;
            changed.push(i);
        }
        for &i in &changed {
            if let Some((key, j)) = map.conflict(i) {
                return Err(KeyError {
                    name: TABLE[i].name.into(),
                    message: format!(
                        "keys.{}: \"{key}\" is also the key of {} there",
                        TABLE[i].name, TABLE[j].name
                    ),
                });
            }
        }
        Ok(map)
    }

    /// A key of command `i` that another command shares in a context both
    /// apply in.
    fn conflict(&self, i: usize) -> Option<(Key, usize)> {
        for (j, other) in TABLE.iter().enumerate() {
            if j == i || !TABLE[i].contexts.iter().any(|c| other.contexts.contains(c)) {
                continue;
            }
            if let Some(k) = self.keys[i].iter().find(|k| self.keys[j].contains(k)) {
                return Some((*k, j));
            }
        }
        None
    }

    /// The action of `event` in `context`, from the table.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        TABLE.iter().zip(&self.keys).find_map(|(binding, keys)| {
            if !binding.contexts.contains(&context) || !keys.iter().any(|k| k.matches(event)) {
                return None;
            }
            Some(match (binding.name, event.code) {
                (OPEN_LINK, KeyCode::Char('0')) => Action::OpenLink(10),
                (OPEN_LINK, KeyCode::Char(d)) => {
                    Action::OpenLink(d.to_digit(10).unwrap_or(1) as usize)
                }
                _ => binding.action.clone(),
            })
        })
    }

    /// The keys of command `name` as the help writes them.
    pub fn keys_of(&self, index: usize) -> &[Key] {
        &self.keys[index]
    }

    /// The status line's hints in `context`: (keys, word).
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        TABLE
            .iter()
            .zip(&self.keys)
            .filter_map(|(b, keys)| {
                let (contexts, word) = b.hint?;
                let key = keys.first()?;
                contexts.contains(&context).then(|| (key.to_string(), word))
            })
            .collect()
    }

    /// The keys of command `TABLE[index]` as one label: `j Down`, or
    /// `1-9 0` for the digits.
    pub fn label(&self, index: usize) -> String {
        if TABLE[index].name == OPEN_LINK {
            return "1-9 0".into();
        }
        let keys: Vec<String> = self.keys[index].iter().map(Key::to_string).collect();
        keys.join(" ")
    }
}

/// Where each command applies, as the help and the README say it.
pub const SECTIONS: &[(&str, &[Context])] = &[
    ("list and article", &[Li, A]),
    ("popups", &[H, P, L]),
    ("category picker", &[C]),
    ("search field", &[S]),
];

/// The README's key table, made from the key table.
pub fn markdown_table() -> String {
    let map = KeyMap::default();
    let mut out = String::from("| keys | where | command | does |\n| --- | --- | --- | --- |\n");
    for (i, b) in TABLE.iter().enumerate() {
        let keys: Vec<String> = if b.name == OPEN_LINK {
            vec!["`1`-`9` `0`".into()]
        } else {
            map.keys_of(i)
                .iter()
                .map(|k| format!("`{}`", markdown_key(k)))
                .collect()
        };
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            keys.join(" "),
            where_(b.contexts),
            b.name,
            b.help.replace('|', "\\|")
        ));
    }
    out
}

fn markdown_key(k: &Key) -> String {
    match k.to_string().as_str() {
        "`" => "\\`".into(),
        "|" => "\\|".into(),
        other => other.to_string(),
    }
}

/// `list, article`, `popups` or `everywhere` for a command's contexts.
fn where_(contexts: &[Context]) -> String {
    if contexts.len() == Context::ALL.len() {
        return "everywhere".into();
    }
    let all_popups = POPUPS.iter().all(|p| contexts.contains(p));
    let mut names: Vec<&str> = Vec::new();
    for c in contexts {
        names.push(match c {
            Li => "list",
            A => "article",
            S => "search field",
            H | P | C | L if all_popups => {
                if names.contains(&"popups") {
                    continue;
                }
                "popups"
            }
            H => "help",
            P => "problems",
            C => "categories",
            L => "links",
        });
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_table_has_no_conflicts_and_every_key_parses() {
        let map = KeyMap::default();
        for (i, b) in TABLE.iter().enumerate() {
            assert_eq!(map.keys[i].len(), b.keys.len(), "{}", b.name);
            assert_eq!(map.conflict(i), None, "{}", b.name);
        }
        let mut names: Vec<_> = TABLE.iter().map(|b| b.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TABLE.len(), "command names are unique");
    }

    #[test]
    fn keys_parse_and_print_back() {
        for text in [
            "j", "G", "Enter", "Ctrl-d", "Alt-x", "F5", "PgDn", "/", "ㅓ", "Space",
        ] {
            assert_eq!(
                Key::parse(text).map(|k| k.to_string()).as_deref(),
                Some(text)
            );
        }
        assert_eq!(Key::parse("C-d"), Key::parse("Ctrl-d"));
        for bad in ["", "Ctrl-", "jj", "F13", "Hyper-x", "\u{1b}"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn user_keys_replace_defaults_and_conflicts_are_errors() {
        let change = |name: &str, keys: &[&str]| {
            KeyMap::with_changes(&[(
                name.to_string(),
                keys.iter().map(|k| k.to_string()).collect(),
            )])
        };
        let map = change("down", &["Ctrl-n", "Down"]).unwrap();
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Li, &ctrl_n), Some(Action::Down));
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(Li, &j), None, "j is no longer down");
        assert_eq!(
            change("quit", &["j"]).unwrap_err().message,
            "keys.quit: \"j\" is also the key of down there"
        );
        assert!(
            change("qiut", &["Q"])
                .unwrap_err()
                .message
                .contains("unknown command \"qiut\"")
        );
        assert!(
            change("quit", &["Ctrl-"])
                .unwrap_err()
                .message
                .contains("unknown key \"Ctrl-\"")
        );
        assert!(change("open_link", &["x"]).is_err());
        assert!(change("quit", &["Q", "Ctrl-q"]).is_ok());
    }
}
