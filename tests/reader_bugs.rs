//! One test for each misbehaviour reported of the reader (focus, preview,
//! popups, search); each failed before the view model and the popup
//! geometry were made one.

mod common;

use common::reader::{Reader, typed};
use crossterm::event::KeyCode;
use sinmun::app::effects::Outside;
use sinmun::app::{Action, Context, Pane, Screen};

/// `Enter` then `Tab` back to the list (side by side): the list has the
/// keys, so `q` quits.
#[test]
fn after_tab_back_to_the_list_q_quits() {
    let mut r = Reader::demo(120, 40);
    r.key(KeyCode::Enter);
    r.key(KeyCode::Tab);
    assert_eq!(r.app.context(), Context::List);
    assert_eq!(r.key(KeyCode::Char('q')), [Outside::Quit]);
}

/// The first `Esc` after `Tab` back to the list is not lost: it clears
/// the kept search.
#[test]
fn after_tab_the_first_esc_clears_the_search() {
    let mut r = Reader::demo(120, 40);
    r.run(std::iter::once(Action::StartSearch).chain(typed("제주")));
    r.run([Action::SearchAccept]);
    r.key(KeyCode::Enter);
    r.key(KeyCode::Tab);
    r.key(KeyCode::Esc);
    assert!(
        r.app.filters.search.input.is_empty(),
        "one Esc cleared the search"
    );
}

/// With the list's keys, `o` and the digits are not the article's links.
#[test]
fn the_list_with_the_keys_opens_no_links() {
    let mut r = Reader::demo(120, 40);
    r.key(KeyCode::Enter);
    r.key(KeyCode::Tab);
    assert!(r.key(KeyCode::Char('o')).is_empty());
    assert!(r.app.popup.is_none(), "no links popup");
    assert!(r.key(KeyCode::Char('1')).is_empty());
    assert_eq!(
        r.app.message.as_deref(),
        Some("1 acts in the article: Tab gives it the keys"),
        "no link opened, and what to do"
    );
}

/// The hints follow the keys: the list's hints once the list has them.
#[test]
fn hints_say_what_the_keys_do_where_they_are() {
    let mut r = Reader::demo(120, 40);
    r.key(KeyCode::Enter);
    assert!(r.status().contains("Esc list"), "{}", r.status());
    r.key(KeyCode::Tab);
    let status = r.status();
    assert!(
        status.contains("/ search") && status.contains("q quit"),
        "{status}"
    );
    assert!(
        !status.contains("Esc list") && !status.contains("n next"),
        "{status}"
    );
}

/// `Enter Esc j`: the pane shows the newly selected post, and the status
/// mixes nothing of the old article.
#[test]
fn the_preview_follows_the_selection() {
    let mut r = Reader::demo(120, 40);
    r.key(KeyCode::Enter);
    r.key(KeyCode::Esc);
    r.key(KeyCode::Char('j'));
    assert!(matches!(r.app.screen, Screen::List));
    let selected = r.title(r.app.selected_post().unwrap());
    let pane: String = r.rows()[0].split('│').nth(1).unwrap().trim().to_string();
    let start: String = pane.chars().take(6).collect();
    assert!(selected.starts_with(&start), "{pane:?} is not {selected:?}");
    assert!(!r.status().contains('%'), "{}", r.status());
}

/// A list change that drops the open article's post closes the article.
#[test]
fn the_article_closes_when_its_post_leaves_the_list() {
    let mut r = Reader::demo(120, 40);
    r.key(KeyCode::Enter);
    r.key(KeyCode::Tab);
    let open = r.app.screen.article().unwrap().post;
    // Only the categories of another post.
    let other = r.app.list.visible[5];
    let category = r.app.store.posts()[other].categories[0].clone();
    assert!(!r.app.store.posts()[open].categories.contains(&category));
    let index = r
        .app
        .store
        .categories()
        .iter()
        .position(|c| c.name == category)
        .unwrap();
    r.run([Action::OpenCategories]);
    r.run(std::iter::repeat_n(Action::Down, index));
    r.run([Action::ToggleCategory, Action::ApplyCategories]);
    assert!(!r.app.list.visible.contains(&open));
    assert!(
        r.app.screen.article().is_none(),
        "the article went with its post"
    );
    // `u u` after reading: the pane never shows a post the list does not.
    let mut r = Reader::demo(120, 40);
    r.run([
        Action::Open,
        Action::SwitchPane,
        Action::Down,
        Action::ToggleUnreadOnly,
        Action::ToggleUnreadOnly,
    ]);
    if let Some(a) = r.app.screen.article() {
        assert_eq!(Some(a.post), r.app.selected_post());
    }
}

/// In the category picker, `Enter` applies the choice and closes; it does
/// not untick the highlighted category.
#[test]
fn enter_in_the_category_picker_applies() {
    let mut r = Reader::demo(80, 24);
    r.key(KeyCode::Char('c'));
    r.key(KeyCode::Char('j'));
    r.key(KeyCode::Char(' '));
    let chosen = r.app.store.categories()[1].name.clone();
    r.key(KeyCode::Enter);
    assert!(r.app.popup.is_none());
    assert_eq!(r.app.filters.categories, std::slice::from_ref(&chosen));
    // Esc cancels a change; `a` clears the choice.
    r.key(KeyCode::Char('c'));
    r.key(KeyCode::Char(' '));
    r.key(KeyCode::Esc);
    assert_eq!(r.app.filters.categories, [chosen]);
    r.key(KeyCode::Char('c'));
    r.key(KeyCode::Char('a'));
    r.key(KeyCode::Enter);
    assert!(r.app.filters.categories.is_empty());
}

/// The help at 40x15: after `G`, the first `k` scrolls up (no dead
/// presses past the end), and the last line is on screen.
#[test]
fn help_scrolls_to_its_last_line_and_back_at_once() {
    let mut r = Reader::demo(40, 15);
    r.key(KeyCode::Char('?'));
    r.key(KeyCode::Char('G'));
    let end = r.app.popup_layout().unwrap();
    assert_eq!(end.top, end.max_top);
    assert_eq!(end.top + end.rows(), end.lines.len());
    assert!(r.shows(&end.lines.last().unwrap().text));
    r.key(KeyCode::Char('k'));
    assert_eq!(
        r.app.popup_layout().unwrap().top,
        end.top - 1,
        "the first k scrolls"
    );
}

/// The problems popup wraps long messages instead of cutting them with
/// `…`, and its last line can be scrolled into view.
#[test]
fn problems_wrap_and_scroll_to_the_end() {
    let broken = std::path::PathBuf::from("tests/fixtures/broken");
    for (w, h) in [(40, 15), (61, 20), (120, 40)] {
        let mut r = Reader::folder(&broken, w, h);
        r.run([Action::ShowProblems, Action::Bottom]);
        let layout = r.app.popup_layout().unwrap();
        let words: String = layout
            .lines
            .iter()
            .map(|l| l.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        for p in r.app.store.problems() {
            let want: String = p.to_string().split_whitespace().collect();
            let got: String = words.split_whitespace().collect();
            assert!(got.contains(&want), "{want} is not whole in {got}");
        }
        assert!(layout.lines.iter().all(|l| !l.text.contains('…')));
        assert!(r.shows(layout.lines.last().unwrap().text.trim()), "{w}x{h}");
    }
}

/// At 61x20 and 40x15 help lines wrap instead of being cut, and the popup
/// says there is more.
#[test]
fn help_lines_are_whole_and_more_is_announced() {
    for (w, h) in [(61, 20), (40, 15)] {
        let mut r = Reader::demo(w, h);
        r.run([Action::ShowHelp]);
        let layout = r.app.popup_layout().unwrap();
        assert!(
            layout.lines.iter().all(|l| !l.text.contains('…')),
            "{w}x{h}"
        );
        let position = layout.position().unwrap();
        assert!(
            r.rows().iter().any(|row| row.contains(&position)),
            "{w}x{h}: {position}"
        );
    }
}

/// Nothing of the list shows beside a popup's border: the popup blanks a
/// margin around itself.
#[test]
fn no_list_text_beside_popup_borders() {
    for (w, h) in [(40, 15), (61, 20), (80, 24)] {
        let mut r = Reader::demo(w, h);
        r.run([Action::ShowHelp]);
        let area = r.app.popup_layout().unwrap().area;
        let terminal = r.terminal();
        let buf = terminal.backend().buffer();
        for y in area.top()..area.bottom() {
            for x in [area.left().checked_sub(1), Some(area.right())]
                .into_iter()
                .flatten()
            {
                if x < w {
                    assert_eq!(buf[(x, y)].symbol(), " ", "{w}x{h} at ({x}, {y})");
                }
            }
        }
    }
}

/// `/제주 Enter`, `/` to refine, `Esc`: the kept search comes back.
#[test]
fn esc_while_refining_keeps_the_kept_search() {
    let mut r = Reader::demo(80, 24);
    r.key(KeyCode::Char('/'));
    r.run(typed("제주"));
    r.key(KeyCode::Enter);
    let kept = r.app.list.visible.clone();
    r.key(KeyCode::Char('/'));
    r.run(typed(" 태풍"));
    r.key(KeyCode::Esc);
    assert_eq!(r.app.filters.search.input, "제주");
    assert_eq!(r.app.list.visible, kept);
}

/// A match only in the body shows in the article: marked in the match
/// style, and `]` goes to it.
#[test]
fn a_body_only_match_is_shown_in_the_article() {
    let mut r = Reader::demo(80, 24);
    r.key(KeyCode::Char('/'));
    r.run(typed("후쿠오카"));
    r.key(KeyCode::Enter);
    r.key(KeyCode::Enter);
    r.key(KeyCode::Char(']'));
    let article = r.app.screen.article().unwrap();
    assert!(article.lines()[article.scroll].text().contains("후쿠오카"));
    let terminal = r.terminal();
    let buf = terminal.backend().buffer();
    let matched = r.app.theme.style(sinmun::theme::Part::SearchMatch).bg;
    let marked: String = (0..buf.area.width)
        .filter(|&x| buf[(x, 0)].bg == matched.unwrap())
        .map(|x| buf[(x, 0)].symbol())
        .collect();
    assert_eq!(marked, "후쿠오카", "the match is marked");
}

/// Keys go to the pane shown when only one fits.
#[test]
fn one_pane_at_a_time_keys_go_to_the_pane_shown() {
    let mut r = Reader::demo(80, 24);
    r.key(KeyCode::Enter);
    assert_eq!(r.app.areas().list.width, 0);
    r.key(KeyCode::Tab);
    assert_eq!(
        (r.app.screen.keys(), r.app.areas().article.width),
        (Pane::List, 0)
    );
    r.key(KeyCode::Tab);
    assert_eq!(r.app.screen.keys(), Pane::Article);
}
