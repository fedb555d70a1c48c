//! The reader in ambiguous-width mode without a terminal (DESIGN §11): the
//! frame's buffer agrees with a terminal that draws ambiguous characters
//! two cells wide (each such character over two cells, nothing written
//! into the second), the list's columns and the popups' borders are
//! straight measured so, and the search caret stands where the terminal
//! puts it.

mod common;

use common::columns;
use common::reader::Reader;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use sinmun::app::{Action, view};
use sinmun::text::{AmbiguousWidth, width};

const WIDE: AmbiguousWidth = AmbiguousWidth::Wide;

fn reader(w: u16, h: u16, mode: AmbiguousWidth) -> Reader {
    let mut r = Reader::folder(&common::fixture("ambiguous/_posts"), w, h);
    r.app.ambiguous = mode;
    r.run([Action::Resize(w, h)]);
    r
}

/// The frame's buffer (not the test backend's, which never gets the cells
/// a wide character covers), and where the terminal's cursor goes.
fn draw(r: &Reader) -> (Buffer, (u16, u16)) {
    let (w, h) = r.app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let frame = terminal
        .draw(|f| view::draw(&r.app, f))
        .expect("draw")
        .buffer
        .clone();
    let cursor = terminal.get_cursor_position().expect("cursor");
    (frame, (cursor.x, cursor.y))
}

/// Each row as a terminal shows it: every cell's symbol, the cells a wide
/// character covers left out.
fn rows(buf: &Buffer) -> Vec<String> {
    let w = usize::from(buf.area.width);
    buf.content
        .chunks(w)
        .map(|cells| {
            let mut row = String::new();
            let mut covered = 0;
            for cell in cells {
                if covered == 0 {
                    row.push_str(cell.symbol());
                }
                covered = covered.max(cell.cell_width()).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The buffer agrees with the terminal: each row is exactly as wide as the
/// screen measured in `mode`, a cell the mode widens carries its width and
/// the one it covers is skipped, and nothing else is skipped.
fn assert_buffer_agrees(buf: &Buffer, mode: AmbiguousWidth) {
    let w = usize::from(buf.area.width);
    for (y, row) in rows(buf).iter().enumerate() {
        assert_eq!(
            mode.scope(|| width(row)),
            w,
            "{mode:?} row {y} is not {w} cells: {row:?}"
        );
    }
    for (i, cell) in buf.content.iter().enumerate() {
        let cells = mode.scope(|| width(cell.symbol()));
        if let CellDiffOption::ForcedWidth(n) = cell.diff_option {
            assert_eq!(usize::from(n.get()), cells, "{:?}", cell.symbol());
            assert_eq!(
                buf.content[i + 1].diff_option,
                CellDiffOption::Skip,
                "{:?} at {i}, row {:?}",
                cell.symbol(),
                rows(buf).get(i / w)
            );
        }
        if cell.diff_option == CellDiffOption::Skip {
            let owner = &buf.content[i - 1];
            assert!(
                matches!(owner.diff_option, CellDiffOption::ForcedWidth(_)),
                "a skipped cell belongs to the wide character left of it"
            );
        }
    }
}

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 15)];

#[test]
fn every_screen_agrees_with_a_wide_terminal() {
    for (w, h) in SIZES {
        let mut r = reader(w, h, WIDE);
        let screens: [&[Action]; 5] = [
            &[],
            &[Action::ShowHelp],
            &[Action::Close, Action::OpenCategories],
            &[Action::Close, Action::Open],
            &[Action::OpenLinks],
        ];
        for actions in screens {
            r.run(actions.iter().cloned());
            let (buf, _) = draw(&r);
            assert_buffer_agrees(&buf, WIDE);
        }
    }
}

#[test]
fn list_columns_line_up_in_wide_cells() {
    for (w, h) in SIZES {
        let r = reader(w, h, WIDE);
        let rows = rows(&draw(&r).0);
        assert!(rows[..3].iter().all(|r| r.starts_with("N ")), "{rows:#?}");
        let dates: Vec<usize> = rows[..3]
            .iter()
            .map(|r| {
                let at = r.find("11-").expect("a date");
                WIDE.scope(|| width(&r[..at]))
            })
            .collect();
        if w >= 40 {
            assert!(dates.iter().all(|&d| d == dates[0]), "{w}: {rows:#?}");
        }
        if w >= 100 {
            let dividers: Vec<Vec<usize>> = rows[..rows.len() - 1]
                .iter()
                .map(|r| columns(r, &['|'], WIDE))
                .collect();
            assert!(dividers.iter().all(|d| d.first() == dividers[0].first()));
        }
    }
}

#[test]
fn popup_borders_are_straight_in_wide_cells() {
    for (w, h) in SIZES {
        let mut r = reader(w, h, WIDE);
        r.run([Action::OpenCategories]);
        let rows = rows(&draw(&r).0);
        let top = rows
            .iter()
            .position(|r| r.contains("+ categories"))
            .expect("the popup");
        let corners = columns(&rows[top], &['+'], WIDE);
        let (left, right) = (corners[0], corners[corners.len() - 1]);
        let bottom = (top + 1..rows.len())
            .find(|&y| columns(&rows[y], &['+'], WIDE) == corners)
            .expect("the bottom edge");
        for row in &rows[top + 1..bottom] {
            let sides = columns(row, &['|'], WIDE);
            assert!(sides.contains(&left) && sides.contains(&right), "{row:?}");
        }
        assert!(rows.iter().any(|r| r.contains("날씨·재난")), "{rows:#?}");
    }
}

#[test]
fn the_search_caret_stands_after_the_text_in_the_terminal_s_cells() {
    for mode in [AmbiguousWidth::Narrow, WIDE] {
        let mut r = reader(80, 24, mode);
        r.run(std::iter::once(Action::StartSearch));
        r.run("“제주”".chars().map(Action::SearchInput));
        let (buf, (x, y)) = draw(&r);
        assert_buffer_agrees(&buf, mode);
        let want = 1 + mode.scope(|| width("“제주”"));
        assert_eq!((usize::from(x), y), (want, 23), "{mode:?}");
        r.run([Action::SearchLeft]);
        let (_, (x, _)) = draw(&r);
        assert_eq!(usize::from(x), want - mode.scope(|| width("”")), "{mode:?}");
    }
}

#[test]
fn narrow_mode_draws_what_it_always_drew() {
    for (w, h) in SIZES {
        let r = reader(w, h, AmbiguousWidth::Narrow);
        let (buf, _) = draw(&r);
        assert_buffer_agrees(&buf, AmbiguousWidth::Narrow);
        assert!(rows(&buf)[0].starts_with('●'));
        assert!(
            buf.content
                .iter()
                .all(|c| c.diff_option == CellDiffOption::None),
            "nothing forced, nothing skipped"
        );
    }
}
