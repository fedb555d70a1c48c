//! Passes over an include's text, beside the post's, and what they note
//! for the checks after a load: the tags of the post's own text naming
//! other files.

use super::Liquid;
use super::value::Value;
use crate::references::RefKind;

impl<'c> Liquid<'c> {
    /// A pass over the text of an include this pass reads, with the
    /// tag's `params`.
    pub(crate) fn child(&self, params: Vec<(String, Value)>) -> Liquid<'c> {
        Liquid {
            params,
            depth: self.depth + 1,
            shared: std::rc::Rc::clone(&self.shared),
            ..Liquid::new(self.ctx)
        }
    }

    /// The tags of the post's own text that name other files, where each
    /// starts, in order.
    pub(crate) fn references(&self) -> Vec<(usize, RefKind, String)> {
        self.shared.references.borrow().clone()
    }

    /// Note a tag of the post's own text (not an include's) naming `name`,
    /// unless the name is made by Liquid.
    pub(super) fn refer(&self, start: usize, kind: RefKind, name: &str) {
        if self.depth == 0 && !name.is_empty() && !name.contains("{{") {
            let name = crate::text::one_line(name);
            self.shared
                .references
                .borrow_mut()
                .push((start, kind, name));
        }
    }
}

/// `found` (places in `text`, in order) with the line of each place
/// instead (1 for the first), counted in one pass.
pub(crate) fn with_lines<T>(text: &str, found: Vec<(usize, T, String)>) -> Vec<(usize, T, String)> {
    let mut line = 1;
    let mut counted = 0;
    found
        .into_iter()
        .map(|(at, kind, name)| {
            let at = at.max(counted);
            line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at]).count();
            counted = at;
            (line, kind, name)
        })
        .collect()
}
