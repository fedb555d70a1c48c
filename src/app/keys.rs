//! Keys (and mouse events) -> actions. Pure: what a key means depends only
//! on the small [`KeyContext`] taken from the app.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::{Action, App, Popup};

/// What decides the meaning of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    List,
    Reading,
    Searching,
    Categories,
    Links,
    /// Help and problems: popups that only scroll.
    Viewer,
}

impl KeyContext {
    pub fn of(app: &App) -> KeyContext {
        match app.popup {
            Some(Popup::Categories { .. }) => KeyContext::Categories,
            Some(Popup::Links { .. }) => KeyContext::Links,
            Some(Popup::Help { .. } | Popup::Problems { .. }) => KeyContext::Viewer,
            None if app.search.editing => KeyContext::Searching,
            None if app.article.is_some() && (app.reading || app.focus == super::Pane::Article) => {
                KeyContext::Reading
            }
            None => KeyContext::List,
        }
    }
}

/// The action for a key press in `context`; `None` for keys that do
/// nothing there (and for key releases, which Windows also reports).
pub fn action_for(context: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (ctrl, key.code) {
        (true, KeyCode::Char('c')) => return Some(Action::Quit),
        (true, KeyCode::Char('z')) => return Some(Action::Suspend),
        _ => {}
    }
    if context == KeyContext::Searching {
        if key.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        return search_key(ctrl, key.code);
    }
    let popup = matches!(
        context,
        KeyContext::Categories | KeyContext::Links | KeyContext::Viewer
    );
    let action = match (ctrl, key.code) {
        (true, KeyCode::Char('d')) => Action::PageDown,
        (true, KeyCode::Char('u')) => Action::PageUp,
        (true, KeyCode::Char('f')) => Action::PageDown,
        (true, KeyCode::Char('b')) => Action::PageUp,
        (true, _) => return None,
        (_, KeyCode::Char('j') | KeyCode::Down) => Action::Down,
        (_, KeyCode::Char('k') | KeyCode::Up) => Action::Up,
        (_, KeyCode::Char(' ') | KeyCode::PageDown) if context != KeyContext::Categories => {
            Action::PageDown
        }
        (_, KeyCode::Char('b') | KeyCode::PageUp) => Action::PageUp,
        (_, KeyCode::Char('g') | KeyCode::Home) => Action::Top,
        (_, KeyCode::Char('G') | KeyCode::End) => Action::Bottom,
        (_, KeyCode::Esc) => {
            if popup {
                Action::Close
            } else {
                Action::Back
            }
        }
        (_, KeyCode::Char('q')) if popup => Action::Close,
        (_, KeyCode::Char('q')) if context == KeyContext::Reading => Action::Back,
        (_, KeyCode::Char('q')) => Action::Quit,
        _ => match context {
            KeyContext::Categories => match key.code {
                KeyCode::Char(' ') | KeyCode::Enter | KeyCode::Char('x') => Action::ToggleCategory,
                KeyCode::Char('c') => Action::Close,
                _ => return None,
            },
            KeyContext::Links => match key.code {
                KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::Open,
                KeyCode::Char(d @ '1'..='9') => Action::OpenLink(d as usize - '0' as usize),
                KeyCode::Char('0') => Action::OpenLink(10),
                KeyCode::Char('o') => Action::Close,
                _ => return None,
            },
            KeyContext::Viewer => match key.code {
                KeyCode::Enter | KeyCode::Char('?') | KeyCode::Char('!') => Action::Close,
                _ => return None,
            },
            KeyContext::List | KeyContext::Reading => main_key(context, key.code)?,
            KeyContext::Searching => return None,
        },
    };
    Some(action)
}

fn main_key(context: KeyContext, code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::Open,
        KeyCode::Char('h') | KeyCode::Left | KeyCode::Backspace => Action::Back,
        KeyCode::Tab | KeyCode::BackTab => Action::SwitchPane,
        KeyCode::Char('n') => Action::NextArticle,
        KeyCode::Char('p') => Action::PrevArticle,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('c') => Action::OpenCategories,
        KeyCode::Char('o') if context == KeyContext::Reading => Action::OpenLinks,
        KeyCode::Char(d @ '1'..='9') if context == KeyContext::Reading => {
            Action::OpenLink(d as usize - '0' as usize)
        }
        KeyCode::Char('r') => Action::ToggleRead,
        KeyCode::Char('s') => Action::ToggleStar,
        KeyCode::Char('u') => Action::ToggleUnreadOnly,
        KeyCode::Char('!') => Action::ShowProblems,
        KeyCode::Char('?') => Action::ShowHelp,
        _ => return None,
    })
}

fn search_key(ctrl: bool, code: KeyCode) -> Option<Action> {
    Some(match (ctrl, code) {
        (true, KeyCode::Char('w')) => Action::SearchDeleteWord,
        (true, KeyCode::Char('a')) => Action::SearchHome,
        (true, KeyCode::Char('e')) => Action::SearchEnd,
        (true, _) => return None,
        (_, KeyCode::Enter) => Action::SearchAccept,
        (_, KeyCode::Esc) => Action::SearchCancel,
        (_, KeyCode::Backspace) => Action::SearchBackspace,
        (_, KeyCode::Left) => Action::SearchLeft,
        (_, KeyCode::Right) => Action::SearchRight,
        (_, KeyCode::Home) => Action::SearchHome,
        (_, KeyCode::End) => Action::SearchEnd,
        (_, KeyCode::Down) => Action::Down,
        (_, KeyCode::Up) => Action::Up,
        (_, KeyCode::Char(c)) if !crate::sanitize::is_forbidden(c) => Action::SearchInput(c),
        _ => return None,
    })
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

    #[test]
    fn list_keys() {
        let k = |code| action_for(KeyContext::List, press(code));
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
        assert_eq!(k(KeyCode::Char('o')), None, "no article, no links");
        assert_eq!(
            action_for(KeyContext::List, ctrl('d')),
            Some(Action::PageDown)
        );
        assert_eq!(
            action_for(KeyContext::List, ctrl('u')),
            Some(Action::PageUp)
        );
    }

    #[test]
    fn reading_keys() {
        let k = |code| action_for(KeyContext::Reading, press(code));
        assert_eq!(k(KeyCode::Char('n')), Some(Action::NextArticle));
        assert_eq!(k(KeyCode::Char('p')), Some(Action::PrevArticle));
        assert_eq!(k(KeyCode::Char('o')), Some(Action::OpenLinks));
        assert_eq!(k(KeyCode::Char('3')), Some(Action::OpenLink(3)));
        assert_eq!(k(KeyCode::Char('h')), Some(Action::Back));
        assert_eq!(k(KeyCode::Left), Some(Action::Back));
        assert_eq!(
            k(KeyCode::Char('q')),
            Some(Action::Back),
            "q leaves the article, not the reader"
        );
        assert_eq!(k(KeyCode::Tab), Some(Action::SwitchPane));
        assert_eq!(k(KeyCode::Char('r')), Some(Action::ToggleRead));
        assert_eq!(k(KeyCode::Char('s')), Some(Action::ToggleStar));
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_releases_are_ignored() {
        for ctx in [
            KeyContext::List,
            KeyContext::Reading,
            KeyContext::Searching,
            KeyContext::Categories,
            KeyContext::Links,
            KeyContext::Viewer,
        ] {
            assert_eq!(action_for(ctx, ctrl('c')), Some(Action::Quit), "{ctx:?}");
            assert_eq!(action_for(ctx, ctrl('z')), Some(Action::Suspend), "{ctx:?}");
        }
        let mut release = press(KeyCode::Char('j'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(KeyContext::List, release), None);
    }

    #[test]
    fn search_field_takes_hangul_and_editing_keys() {
        let k = |code| action_for(KeyContext::Searching, press(code));
        assert_eq!(k(KeyCode::Char('제')), Some(Action::SearchInput('제')));
        assert_eq!(k(KeyCode::Char('ㅈ')), Some(Action::SearchInput('ㅈ')));
        assert_eq!(
            k(KeyCode::Char('q')),
            Some(Action::SearchInput('q')),
            "q is text while searching"
        );
        assert_eq!(k(KeyCode::Enter), Some(Action::SearchAccept));
        assert_eq!(k(KeyCode::Esc), Some(Action::SearchCancel));
        assert_eq!(k(KeyCode::Backspace), Some(Action::SearchBackspace));
        assert_eq!(
            action_for(KeyContext::Searching, ctrl('w')),
            Some(Action::SearchDeleteWord)
        );
    }

    #[test]
    fn popup_keys() {
        assert_eq!(
            action_for(KeyContext::Categories, press(KeyCode::Char(' '))),
            Some(Action::ToggleCategory)
        );
        assert_eq!(
            action_for(KeyContext::Categories, press(KeyCode::Esc)),
            Some(Action::Close)
        );
        assert_eq!(
            action_for(KeyContext::Links, press(KeyCode::Char('2'))),
            Some(Action::OpenLink(2))
        );
        assert_eq!(
            action_for(KeyContext::Links, press(KeyCode::Enter)),
            Some(Action::Open)
        );
        assert_eq!(
            action_for(KeyContext::Viewer, press(KeyCode::Char('q'))),
            Some(Action::Close)
        );
        assert_eq!(
            action_for(KeyContext::Viewer, press(KeyCode::Char('j'))),
            Some(Action::Down)
        );
    }
}
