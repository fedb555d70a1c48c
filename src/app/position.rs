//! The list's position: which posts it shows, in order, the selected row
//! and the first row on screen.

/// The posts the list shows and where it stands in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPosition {
    /// Indices (into the store) of the posts shown, in order.
    pub visible: Vec<usize>,
    /// The selected row (an index into `visible`).
    pub selected: usize,
    /// The first row on screen.
    pub top: usize,
}

impl ListPosition {
    /// The selected post's index in the store.
    pub fn selected_post(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Show `visible` instead, keeping `keep` selected when it is still
    /// there (else the row it was on, within the new list).
    pub fn replace(&mut self, visible: Vec<usize>, keep: Option<usize>, rows: usize) {
        let row = self.selected;
        self.visible = visible;
        self.selected = keep
            .and_then(|p| self.visible.iter().position(|&v| v == p))
            .unwrap_or_else(|| row.min(self.visible.len().saturating_sub(1)));
        self.top = self.top.min(self.selected);
        self.keep_in_view(rows);
    }

    /// Select the row of `post`, when the list shows it.
    pub fn select_post(&mut self, post: usize, rows: usize) -> bool {
        let Some(row) = self.visible.iter().position(|&p| p == post) else {
            return false;
        };
        self.selected = row;
        self.keep_in_view(rows);
        true
    }

    /// Move the selection by `delta` rows, within the list.
    pub fn step(&mut self, delta: isize, rows: usize) {
        self.selected = clamp_add(self.selected, delta, self.visible.len());
        self.keep_in_view(rows);
    }

    /// Scroll the rows on screen by `delta` (the mouse wheel), keeping the
    /// selection among them.
    pub fn scroll(&mut self, delta: isize, rows: usize) {
        let rows = rows.max(1);
        let max_top = self.visible.len().saturating_sub(rows);
        self.top = clamp_add(self.top, delta, max_top + 1);
        let last = (self.top + rows - 1).min(self.visible.len().saturating_sub(1));
        self.selected = self.selected.clamp(self.top, last.max(self.top));
    }

    /// Scroll so that the selected row is on screen (`rows` of them), and
    /// no rows are left empty below the last post while earlier posts are
    /// scrolled away (a search that shrank the list after `G`).
    pub fn keep_in_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        self.top = self.top.min(self.visible.len().saturating_sub(rows));
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
    }
}

/// `value + delta`, kept within `0..len`.
pub(super) fn clamp_add(value: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (value as isize).saturating_add(delta).clamp(0, max.max(0)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_keeps_the_selected_post_or_the_row() {
        let mut p = ListPosition {
            visible: vec![5, 6, 7, 8],
            selected: 2,
            top: 0,
        };
        p.replace(vec![7, 8], Some(7), 10);
        assert_eq!(p.selected_post(), Some(7));
        p.replace(vec![1, 2, 3], Some(99), 10);
        assert_eq!(p.selected, 0, "row 0 stays row 0");
        p.replace(Vec::new(), None, 10);
        assert_eq!((p.selected, p.selected_post()), (0, None));
    }

    #[test]
    fn steps_and_wheel_stay_in_the_list() {
        let mut p = ListPosition {
            visible: (0..10).collect(),
            ..ListPosition::default()
        };
        p.step(100, 3);
        assert_eq!((p.selected, p.top), (9, 7));
        p.scroll(-100, 3);
        assert_eq!((p.top, p.selected), (0, 2));
    }

    #[test]
    fn a_shorter_list_fills_the_screen_from_its_first_row() {
        let mut p = ListPosition {
            visible: (0..30).collect(),
            ..ListPosition::default()
        };
        p.step(100, 19);
        assert_eq!(p.top, 11);
        p.replace((0..10).map(|i| i * 3).collect(), None, 19);
        assert_eq!((p.selected, p.top), (9, 0), "every match is on screen");
        p.replace((0..40).collect(), Some(27), 19);
        p.replace((20..40).collect(), Some(39), 19);
        assert_eq!((p.selected, p.top), (19, 1), "no empty row below the last");
    }
}
