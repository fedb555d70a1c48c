//! Keys (and mouse events) -> actions. Pure: the meaning of a key depends
//! only on the [`Context`] the app is in and the [`KeyMap`].
//!
//! With the 한글 input mode on, command keys arrive as jamo; they act as
//! the keys in the same place on the standard 두벌식 layout (ㅓ is `j`,
//! ㅃ is `Q`).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::Action;
use super::keymap::KeyMap;
use super::screen::Context;

/// The action for a key press in `context`; `None` for keys that do
/// nothing there (and for key releases, which Windows also reports).
pub fn action_for(map: &KeyMap, context: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(action) = map.action(context, &key) {
        return Some(action);
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if context.is_typing() && plain && !crate::text::is_forbidden(c) => {
            Some(Action::SearchInput(c))
        }
        KeyCode::Char(c) if !context.is_typing() && plain => {
            let shift = key.modifiers.contains(KeyModifiers::SHIFT);
            match dubeolsik_key(c, shift) {
                Some(latin) => {
                    let as_latin = KeyEvent::new(KeyCode::Char(latin), KeyModifiers::NONE);
                    // A jamo that is no command anywhere: most likely the
                    // input mode; one of an article's keys: say that.
                    Some(map.action(context, &as_latin).unwrap_or_else(|| {
                        match unbound(map, context, latin, &as_latin) {
                            Some(a @ Action::Unbound { article: true, .. }) => a,
                            _ => Action::HangulKey,
                        }
                    }))
                }
                None if is_hangul(c) => Some(Action::HangulKey),
                None => unbound(map, context, c, &key),
            }
        }
        _ => None,
    }
}

/// A character typed in the list or an article that is no command there:
/// said, not ignored (`article` when it is one of an open article's keys).
fn unbound(map: &KeyMap, context: Context, c: char, key: &KeyEvent) -> Option<Action> {
    if !matches!(context, Context::List | Context::Article) || crate::text::is_forbidden(c) {
        return None;
    }
    let article = context == Context::List && map.action(Context::Article, key).is_some();
    Some(Action::Unbound { key: c, article })
}

/// The 두벌식 layout: each jamo and the Latin key in its place. The five
/// doubled consonants and two vowels typed with Shift are the shifted keys.
const DUBEOLSIK: &[(char, char)] = &[
    ('ㅂ', 'q'),
    ('ㅈ', 'w'),
    ('ㄷ', 'e'),
    ('ㄱ', 'r'),
    ('ㅅ', 't'),
    ('ㅛ', 'y'),
    ('ㅕ', 'u'),
    ('ㅑ', 'i'),
    ('ㅐ', 'o'),
    ('ㅔ', 'p'),
    ('ㅁ', 'a'),
    ('ㄴ', 's'),
    ('ㅇ', 'd'),
    ('ㄹ', 'f'),
    ('ㅎ', 'g'),
    ('ㅗ', 'h'),
    ('ㅓ', 'j'),
    ('ㅏ', 'k'),
    ('ㅣ', 'l'),
    ('ㅋ', 'z'),
    ('ㅌ', 'x'),
    ('ㅊ', 'c'),
    ('ㅍ', 'v'),
    ('ㅠ', 'b'),
    ('ㅜ', 'n'),
    ('ㅡ', 'm'),
    ('ㅃ', 'Q'),
    ('ㅉ', 'W'),
    ('ㄸ', 'E'),
    ('ㄲ', 'R'),
    ('ㅆ', 'T'),
    ('ㅒ', 'O'),
    ('ㅖ', 'P'),
];

/// The Latin key in the place of jamo `c` on the 두벌식 layout; with
/// `shift` (when the terminal reports it), the shifted key (ㅎ -> `G`).
pub fn dubeolsik_key(c: char, shift: bool) -> Option<char> {
    let latin = DUBEOLSIK.iter().find(|(j, _)| *j == c)?.1;
    Some(if shift {
        latin.to_ascii_uppercase()
    } else {
        latin
    })
}

/// Hangul jamo and syllables: text from the 한글 input mode.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{3131}'..='\u{318e}' | '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}')
}

/// The action for a mouse event: the wheel scrolls the pane under the
/// pointer, a left click selects.
pub fn mouse_action(event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            lines: 3,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            lines: -3,
        }),
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn k(context: Context, code: KeyCode) -> Option<Action> {
        action_for(&KeyMap::default(), context, press(code))
    }

    #[test]
    fn list_keys() {
        let k = |code| k(Context::List, code);
        assert_eq!(k(KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(k(KeyCode::Down), Some(Action::Down));
        assert_eq!(k(KeyCode::Char('k')), Some(Action::Up));
        assert_eq!(k(KeyCode::Enter), Some(Action::Open));
        assert_eq!(k(KeyCode::Char('l')), Some(Action::Open));
        assert_eq!(k(KeyCode::Right), Some(Action::Open));
        assert_eq!(k(KeyCode::Esc), Some(Action::Back));
        assert_eq!(k(KeyCode::Char(' ')), Some(Action::PageDown));
        assert_eq!(k(KeyCode::PageUp), Some(Action::PageUp));
        assert_eq!(k(KeyCode::Char('g')), Some(Action::Top));
        assert_eq!(k(KeyCode::End), Some(Action::Bottom));
        assert_eq!(k(KeyCode::Char('/')), Some(Action::StartSearch));
        assert_eq!(k(KeyCode::Char('c')), Some(Action::OpenCategories));
        assert_eq!(k(KeyCode::Char('u')), Some(Action::ToggleUnreadOnly));
        assert_eq!(k(KeyCode::Char('!')), Some(Action::ShowProblems));
        assert_eq!(k(KeyCode::Char('?')), Some(Action::ShowHelp));
        assert_eq!(k(KeyCode::Char('q')), Some(Action::Quit));
        assert_eq!(k(KeyCode::Char('A')), Some(Action::MarkAllRead));
        assert_eq!(k(KeyCode::Char('R')), Some(Action::Reload));
        assert_eq!(k(KeyCode::Char('e')), Some(Action::Edit));
        let article_key = |key| Some(Action::Unbound { key, article: true });
        assert_eq!(k(KeyCode::Char('o')), article_key('o'), "no links: said");
        assert_eq!(
            k(KeyCode::Char('3')),
            article_key('3'),
            "digits open links only in the article"
        );
        assert_eq!(k(KeyCode::Char('n')), article_key('n'));
        assert_eq!(
            k(KeyCode::Char('x')),
            Some(Action::Unbound {
                key: 'x',
                article: false
            })
        );
        assert_eq!(k(KeyCode::Char('\u{202e}')), None, "never echoed");
        let map = KeyMap::default();
        assert_eq!(
            action_for(&map, Context::List, ctrl('d')),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(&map, Context::List, ctrl('u')),
            Some(Action::HalfPageUp)
        );
        assert_eq!(
            action_for(&map, Context::List, ctrl('l')),
            Some(Action::Redraw)
        );
    }

    #[test]
    fn article_keys() {
        let k = |code| k(Context::Article, code);
        assert_eq!(k(KeyCode::Char('n')), Some(Action::NextArticle));
        assert_eq!(k(KeyCode::Char('p')), Some(Action::PrevArticle));
        assert_eq!(k(KeyCode::Char('o')), Some(Action::OpenLinks));
        assert_eq!(k(KeyCode::Char('3')), Some(Action::OpenLink(3)));
        assert_eq!(k(KeyCode::Char('0')), Some(Action::OpenLink(10)));
        assert_eq!(k(KeyCode::Char('h')), Some(Action::Back));
        assert_eq!(k(KeyCode::Left), Some(Action::Back));
        assert_eq!(k(KeyCode::Tab), Some(Action::SwitchPane));
        assert_eq!(k(KeyCode::Char(']')), Some(Action::NextMatch));
        assert_eq!(k(KeyCode::Char('y')), Some(Action::CopyLink));
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_releases_are_ignored() {
        let map = KeyMap::default();
        for ctx in Context::ALL {
            assert_eq!(
                action_for(&map, ctx, ctrl('c')),
                Some(Action::Quit),
                "{ctx:?}"
            );
            assert_eq!(
                action_for(&map, ctx, ctrl('z')),
                Some(Action::Suspend),
                "{ctx:?}"
            );
        }
        let mut release = press(KeyCode::Char('j'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&map, Context::List, release), None);
    }

    #[test]
    fn search_field_takes_hangul_and_editing_keys() {
        let k = |code| k(Context::Search, code);
        assert_eq!(k(KeyCode::Char('제')), Some(Action::SearchInput('제')));
        assert_eq!(k(KeyCode::Char('ㅈ')), Some(Action::SearchInput('ㅈ')));
        assert_eq!(
            k(KeyCode::Char('ㅓ')),
            Some(Action::SearchInput('ㅓ')),
            "jamo are text here"
        );
        assert_eq!(k(KeyCode::Char('q')), Some(Action::SearchInput('q')));
        assert_eq!(k(KeyCode::Enter), Some(Action::SearchAccept));
        assert_eq!(k(KeyCode::Esc), Some(Action::SearchCancel));
        assert_eq!(k(KeyCode::Backspace), Some(Action::SearchBackspace));
        assert_eq!(k(KeyCode::Down), Some(Action::Down));
        let map = KeyMap::default();
        assert_eq!(
            action_for(&map, Context::Search, ctrl('w')),
            Some(Action::SearchDeleteWord)
        );
        let alt = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
        assert_eq!(
            action_for(&map, Context::Search, alt),
            None,
            "Alt+key is not text"
        );
    }

    #[test]
    fn popup_keys() {
        assert_eq!(
            k(Context::Categories, KeyCode::Char(' ')),
            Some(Action::ToggleCategory)
        );
        assert_eq!(
            k(Context::Categories, KeyCode::Enter),
            Some(Action::ApplyCategories)
        );
        assert_eq!(k(Context::Categories, KeyCode::Esc), Some(Action::Close));
        assert_eq!(
            k(Context::Categories, KeyCode::Char('a')),
            Some(Action::ClearCategories)
        );
        assert_eq!(
            k(Context::Links, KeyCode::Char('2')),
            Some(Action::OpenLink(2))
        );
        assert_eq!(k(Context::Links, KeyCode::Enter), Some(Action::Open));
        assert_eq!(k(Context::Help, KeyCode::Char('q')), Some(Action::Close));
        assert_eq!(k(Context::Help, KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(
            k(Context::Problems, KeyCode::PageDown),
            Some(Action::PageDown)
        );
    }

    /// Every jamo of the 두벌식 layout acts as its key, wherever keys are
    /// commands; in the search field it is text.
    #[test]
    fn every_jamo_acts_as_the_key_in_its_place() {
        let map = KeyMap::default();
        for &(jamo, latin) in DUBEOLSIK {
            for ctx in Context::ALL {
                let typed = action_for(&map, ctx, press(KeyCode::Char(jamo)));
                if ctx.is_typing() {
                    assert_eq!(typed, Some(Action::SearchInput(jamo)));
                    continue;
                }
                let expected = match action_for(&map, ctx, press(KeyCode::Char(latin))) {
                    None | Some(Action::Unbound { article: false, .. }) => Action::HangulKey,
                    Some(a) => a,
                };
                assert_eq!(typed, Some(expected), "{jamo} in {ctx:?}");
            }
        }
        let k = |ctx, c| k(ctx, KeyCode::Char(c));
        assert_eq!(k(Context::List, 'ㅓ'), Some(Action::Down));
        assert_eq!(k(Context::List, 'ㅏ'), Some(Action::Up));
        assert_eq!(k(Context::Article, 'ㅗ'), Some(Action::Back));
        assert_eq!(k(Context::List, 'ㅣ'), Some(Action::Open));
        assert_eq!(k(Context::List, 'ㅂ'), Some(Action::Quit));
        assert_eq!(k(Context::List, 'ㅎ'), Some(Action::Top));
        assert_eq!(k(Context::List, 'ㄴ'), Some(Action::ToggleStar));
        assert_eq!(k(Context::List, 'ㄱ'), Some(Action::ToggleRead));
        assert_eq!(k(Context::List, 'ㅕ'), Some(Action::ToggleUnreadOnly));
        assert_eq!(k(Context::List, 'ㅊ'), Some(Action::OpenCategories));
        assert_eq!(k(Context::Article, 'ㅜ'), Some(Action::NextArticle));
        assert_eq!(k(Context::Article, 'ㅔ'), Some(Action::PrevArticle));
        assert_eq!(k(Context::Article, 'ㅐ'), Some(Action::OpenLinks));
        assert_eq!(k(Context::Article, 'ㄷ'), Some(Action::Edit));
        assert_eq!(
            k(Context::List, 'ㄲ'),
            Some(Action::Reload),
            "ㄲ is Shift-r"
        );
        assert_eq!(
            k(Context::List, 'ㅆ'),
            Some(Action::HangulKey),
            "T is nothing"
        );
        assert_eq!(
            k(Context::List, 'ㅈ'),
            Some(Action::HangulKey),
            "w is nothing: a hint"
        );
        assert_eq!(k(Context::List, '한'), Some(Action::HangulKey));
        let shift_g = KeyEvent::new(KeyCode::Char('ㅎ'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&map, Context::List, shift_g),
            Some(Action::Bottom)
        );
    }
}
