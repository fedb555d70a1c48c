//! The one key table: every command, its default keys, where it applies,
//! its help text and its status hint. Key mapping, the help popup, the
//! status hints and the README's key table are all made from it, and the
//! config's `keys:` section changes the keys of its commands.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;
use super::screen::Context;
use crate::i18n::{Lang, Msg};

use Context::{
    Article as A, Categories as C, CategoryFilter as F, Help as H, Links as L, List as Li,
    Problems as P, Search as S,
};

/// A command of the key table.
pub struct Binding {
    /// The command's name in the config's `keys:` section.
    pub name: &'static str,
    pub action: Action,
    pub keys: &'static [&'static str],
    pub contexts: &'static [Context],
    pub help: Msg,
    /// The contexts whose status line hints at the command, and the word.
    pub hint: Option<(&'static [Context], Msg)>,
}

const MAIN: &[Context] = &[Li, A];
const ALL: &[Context] = &[Li, A, S, H, P, C, F, L];
/// Where keys type text: the search field and the category filter.
const TYPING: &[Context] = &[S, F];
const MOVING: &[Context] = &[Li, A, H, P, C, L];
const PAGING: &[Context] = &[Li, A, H, P, L];
const POPUPS: &[Context] = &[H, P, C, L];

/// The digit keys: link n of the article (`0` is link 10). Not rebindable.
pub const OPEN_LINK: &str = "open_link";

macro_rules! bind {
    ($name:literal, $action:expr, [$($key:literal),*], $contexts:expr, $help:expr) => {
        Binding { name: $name, action: $action, keys: &[$($key),*], contexts: $contexts, help: $help, hint: None }
    };
    ($name:literal, $action:expr, [$($key:literal),*], $contexts:expr, $help:expr, $hint_in:expr => $hint:expr) => {
        Binding { name: $name, action: $action, keys: &[$($key),*], contexts: $contexts, help: $help, hint: Some(($hint_in, $hint)) }
    };
}

/// The key table, in the order the help shows it.
pub static TABLE: &[Binding] = &[
    bind!("down", Action::Down, ["j", "Down"], MOVING, Msg::HelpDown),
    bind!("up", Action::Up, ["k", "Up"], MOVING, Msg::HelpUp),
    bind!(
        "page_down",
        Action::PageDown,
        ["Space", "PgDn", "Ctrl-f"],
        PAGING,
        Msg::HelpPageDown
    ),
    bind!(
        "page_up",
        Action::PageUp,
        ["b", "PgUp", "Ctrl-b"],
        PAGING,
        Msg::HelpPageUp
    ),
    bind!(
        "half_page_down",
        Action::HalfPageDown,
        ["Ctrl-d"],
        PAGING,
        Msg::HelpHalfPageDown
    ),
    bind!(
        "half_page_up",
        Action::HalfPageUp,
        ["Ctrl-u"],
        PAGING,
        Msg::HelpHalfPageUp
    ),
    bind!("top", Action::Top, ["g", "Home"], MOVING, Msg::HelpTop),
    bind!(
        "bottom",
        Action::Bottom,
        ["G", "End"],
        MOVING,
        Msg::HelpBottom
    ),
    bind!("open", Action::Open, ["Enter", "l", "Right"], &[Li, L, P], Msg::HelpOpen, &[L, P] => Msg::HintOpen),
    bind!("back", Action::Back, ["Esc", "h", "Left", "Backspace"], MAIN, Msg::HelpBack, &[A] => Msg::HintList),
    bind!(
        "switch_pane",
        Action::SwitchPane,
        ["Tab", "BackTab"],
        MAIN,
        Msg::HelpSwitchPane
    ),
    bind!("next_article", Action::NextArticle, ["n"], &[A], Msg::HelpNextArticle, &[A] => Msg::HintNext),
    bind!("prev_article", Action::PrevArticle, ["p"], &[A], Msg::HelpPrevArticle, &[A] => Msg::HintPrev),
    bind!(
        "next_unread",
        Action::NextUnread,
        ["N"],
        MAIN,
        Msg::HelpNextUnread
    ),
    bind!("search", Action::StartSearch, ["/"], &[Li, A, C], Msg::HelpSearch, &[Li, C] => Msg::HintSearch),
    bind!(
        "next_match",
        Action::NextMatch,
        ["]"],
        &[A],
        Msg::HelpNextMatch
    ),
    bind!(
        "prev_match",
        Action::PrevMatch,
        ["["],
        &[A],
        Msg::HelpPrevMatch
    ),
    bind!(
        "next_heading",
        Action::NextHeading,
        ["}"],
        &[A],
        Msg::HelpNextHeading
    ),
    bind!(
        "prev_heading",
        Action::PrevHeading,
        ["{"],
        &[A],
        Msg::HelpPrevHeading
    ),
    bind!("categories", Action::OpenCategories, ["c"], &[Li, A, C], Msg::HelpCategories, &[Li] => Msg::HintCategories),
    bind!("links", Action::OpenLinks, ["o"], &[A, L], Msg::HelpLinks, &[A] => Msg::HintLinks),
    bind!(
        "open_link",
        Action::OpenLink(0),
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
        &[A, L],
        Msg::HelpOpenLink
    ),
    bind!("copy_link", Action::CopyLink, ["y"], &[A, L], Msg::HelpCopyLink, &[L] => Msg::HintCopy),
    bind!(
        "open_page",
        Action::OpenPage,
        ["O"],
        MAIN,
        Msg::HelpOpenPage
    ),
    bind!(
        "toggle_read",
        Action::ToggleRead,
        ["r"],
        MAIN,
        Msg::HelpToggleRead
    ),
    bind!(
        "toggle_star",
        Action::ToggleStar,
        ["s"],
        MAIN,
        Msg::HelpToggleStar
    ),
    bind!(
        "unread_only",
        Action::ToggleUnreadOnly,
        ["u"],
        MAIN,
        Msg::HelpUnreadOnly
    ),
    bind!(
        "starred_only",
        Action::ToggleStarredOnly,
        ["*"],
        MAIN,
        Msg::HelpStarredOnly
    ),
    bind!(
        "mark_all_read",
        Action::MarkAllRead,
        ["A"],
        MAIN,
        Msg::HelpMarkAllRead
    ),
    bind!("undo", Action::Undo, ["U"], MAIN, Msg::HelpUndo),
    bind!("sort", Action::CycleSort, ["S"], MAIN, Msg::HelpSort),
    bind!("reload", Action::Reload, ["R"], MAIN, Msg::HelpReload),
    bind!(
        "toggle_drafts",
        Action::ToggleDrafts,
        ["D"],
        MAIN,
        Msg::HelpToggleDrafts
    ),
    bind!("edit", Action::Edit, ["e"], &[Li, A, P], Msg::HelpEdit, &[P] => Msg::HintEdit),
    bind!(
        "wider_list",
        Action::WidenList,
        [">"],
        MAIN,
        Msg::HelpWiderList
    ),
    bind!(
        "narrower_list",
        Action::NarrowList,
        ["<"],
        MAIN,
        Msg::HelpNarrowerList
    ),
    bind!(
        "toggle_list",
        Action::ToggleList,
        ["z"],
        MAIN,
        Msg::HelpToggleList
    ),
    bind!(
        "toggle_mouse",
        Action::ToggleMouse,
        ["m"],
        MAIN,
        Msg::HelpToggleMouse
    ),
    bind!(
        "problems",
        Action::ShowProblems,
        ["!"],
        &[Li, A, P],
        Msg::HelpProblems
    ),
    bind!("help", Action::ShowHelp, ["?"], &[Li, A, H], Msg::HelpHelp, &[Li, A] => Msg::HintHelp),
    bind!("quit", Action::Quit, ["q"], MAIN, Msg::HelpQuit, &[Li] => Msg::HintQuit),
    bind!("choose", Action::ToggleCategory, ["Space"], &[C], Msg::HelpChoose, &[C] => Msg::HintChoose),
    bind!("apply", Action::ApplyCategories, ["Enter"], &[C], Msg::HelpApply, &[C] => Msg::HintApply),
    bind!("all_categories", Action::ClearCategories, ["a"], &[C], Msg::HelpAllCategories, &[C] => Msg::HintAll),
    bind!("close", Action::Close, ["Esc", "q"], POPUPS, Msg::HelpClose, POPUPS => Msg::HintClose),
    bind!(
        "search_keep",
        Action::SearchAccept,
        ["Enter"],
        TYPING,
        Msg::HelpSearchKeep,
        &[F] => Msg::HintKeep
    ),
    bind!(
        "search_cancel",
        Action::SearchCancel,
        ["Esc"],
        TYPING,
        Msg::HelpSearchCancel,
        &[F] => Msg::HintClearFilter
    ),
    bind!(
        "search_erase",
        Action::SearchBackspace,
        ["Backspace"],
        TYPING,
        Msg::HelpSearchErase
    ),
    bind!(
        "search_erase_word",
        Action::SearchDeleteWord,
        ["Ctrl-w"],
        TYPING,
        Msg::HelpSearchEraseWord
    ),
    bind!(
        "search_left",
        Action::SearchLeft,
        ["Left"],
        TYPING,
        Msg::HelpSearchLeft
    ),
    bind!(
        "search_right",
        Action::SearchRight,
        ["Right"],
        TYPING,
        Msg::HelpSearchRight
    ),
    bind!(
        "search_start",
        Action::SearchHome,
        ["Home", "Ctrl-a"],
        TYPING,
        Msg::HelpSearchStart
    ),
    bind!(
        "search_end",
        Action::SearchEnd,
        ["End", "Ctrl-e"],
        TYPING,
        Msg::HelpSearchEnd
    ),
    bind!(
        "search_down",
        Action::Down,
        ["Down"],
        TYPING,
        Msg::HelpSearchDown
    ),
    bind!("search_up", Action::Up, ["Up"], TYPING, Msg::HelpSearchUp),
    bind!("redraw", Action::Redraw, ["Ctrl-l"], ALL, Msg::HelpRedraw),
    bind!(
        "suspend",
        Action::Suspend,
        ["Ctrl-z"],
        ALL,
        Msg::HelpSuspend
    ),
    bind!(
        "force_quit",
        Action::Quit,
        ["Ctrl-c"],
        ALL,
        Msg::HelpForceQuit
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
    pub message: crate::i18n::Message,
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
            let error = |message: crate::i18n::Message| KeyError {
                name: name.clone(),
                message: Msg::Keyed
                    .with("key", format!("keys.{name}"))
                    .with_msg("message", message),
            };
            let Some(i) = TABLE.iter().position(|b| b.name == name) else {
                let name = crate::text::one_line(name);
                return Err(error(Msg::UnknownCommand.with("name", name)));
            };
            if name == OPEN_LINK {
                return Err(error(Msg::DigitKeys.into()));
            }
            let mut parsed = Vec::new();
            for k in keys {
                match Key::parse(k) {
                    Some(key) => parsed.push(key),
                    None => {
                        let key = crate::text::one_line(k);
                        return Err(error(Msg::UnknownKey.with("key", key)));
                    }
                }
            }
            map.keys[i] = parsed;
            changed.push(i);
        }
        for &i in &changed {
            if let Some((key, j)) = map.conflict(i) {
                let conflict = Msg::KeyConflict
                    .with("key", key)
                    .with("other", TABLE[j].name);
                return Err(KeyError {
                    name: TABLE[i].name.into(),
                    message: Msg::Keyed
                        .with("key", format!("keys.{}", TABLE[i].name))
                        .with_msg("message", conflict),
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

    /// The first key of the command that does `action`, as the help
    /// writes it.
    pub fn first_key(&self, action: &Action) -> Option<String> {
        let i = TABLE.iter().position(|b| b.action == *action)?;
        self.keys[i].first().map(Key::to_string)
    }

    /// The keys of command `name` as the help writes them.
    pub fn keys_of(&self, index: usize) -> &[Key] {
        &self.keys[index]
    }

    /// The status line's hints in `context`: (keys, word).
    pub fn hints(&self, context: Context, lang: Lang) -> Vec<(String, &'static str)> {
        TABLE
            .iter()
            .zip(&self.keys)
            .filter_map(|(b, keys)| {
                let (contexts, word) = b.hint?;
                let key = keys.first()?;
                contexts
                    .contains(&context)
                    .then(|| (key.to_string(), word.text(lang)))
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
pub const SECTIONS: &[(Msg, &[Context])] = &[
    (Msg::SectionMain, &[Li, A]),
    (Msg::SectionPopups, &[H, P, L]),
    (Msg::SectionCategories, &[C]),
    (Msg::SectionSearch, &[S]),
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
            b.help.text(Lang::En).replace('|', "\\|")
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
            F => "category filter",
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
            change("quit", &["j"]).unwrap_err().message.to_string(),
            "keys.quit: \"j\" is also the key of down there"
        );
        assert!(
            change("qiut", &["Q"])
                .unwrap_err()
                .message
                .to_string()
                .contains("unknown command \"qiut\"")
        );
        assert!(
            change("quit", &["Ctrl-"])
                .unwrap_err()
                .message
                .to_string()
                .contains("unknown key \"Ctrl-\"")
        );
        assert!(change("open_link", &["x"]).is_err());
        assert!(change("quit", &["Q", "Ctrl-q"]).is_ok());
    }
}
