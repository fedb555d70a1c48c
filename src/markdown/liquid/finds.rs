//! Where the next closing mark is, remembered: a scanner asks from
//! positions that mostly only grow, so each search continues where the
//! last one left off. Without this, a post of a million openings and no
//! close cost a million searches of the window after each one.

/// The next places of some marks after positions asked about.
#[derive(Debug, Default)]
pub(super) struct Finds {
    /// A mark, the position searched from, and where it was found after.
    known: Vec<(&'static str, usize, Option<usize>)>,
}

impl Finds {
    /// Where `mark` next occurs in `hay` at or after `pos` (a character
    /// boundary).
    pub(super) fn next(&mut self, hay: &str, mark: &'static str, pos: usize) -> Option<usize> {
        let slot = match self.known.iter().position(|(m, _, _)| *m == mark) {
            Some(i) => i,
            None => {
                self.known.push((mark, usize::MAX, None));
                self.known.len() - 1
            }
        };
        let (_, from, at) = &mut self.known[slot];
        // Still the answer: searched from before `pos`, found at or after
        // it (or nowhere).
        if !(*from <= pos && at.is_none_or(|a| a >= pos)) {
            *at = hay
                .get(pos..)
                .and_then(|rest| rest.find(mark))
                .map(|i| pos + i);
            *from = pos;
        }
        *at
    }

    /// Where `mark` closes what opens at `pos`: its next place, if within
    /// `max` bytes and with no `barrier` (a newline, a blank line) before
    /// it.
    pub(super) fn close(
        &mut self,
        hay: &str,
        (mark, barrier): (&'static str, &'static str),
        pos: usize,
        max: usize,
    ) -> Option<usize> {
        let at = self.next(hay, mark, pos)?;
        let blocked = self.next(hay, barrier, pos).is_some_and(|b| b < at);
        (at - pos <= max && !blocked).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_place_from_growing_and_shrinking_positions() {
        let hay = "a_##]b\n_##]c";
        let mut finds = Finds::default();
        assert_eq!(finds.next(hay, "_##]", 0), Some(1));
        assert_eq!(finds.next(hay, "_##]", 1), Some(1));
        assert_eq!(finds.next(hay, "_##]", 2), Some(7));
        assert_eq!(finds.next(hay, "_##]", 8), None);
        assert_eq!(finds.next(hay, "_##]", 0), Some(1), "asked from before");
        assert_eq!(
            finds.close(hay, ("_##]", "\n"), 2, 100),
            None,
            "a newline first"
        );
        assert_eq!(finds.close(hay, ("_##]", "\n"), 0, 100), Some(1));
        assert_eq!(finds.close(hay, ("_##]", "\n"), 0, 0), None, "too far");
    }
}
