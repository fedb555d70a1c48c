//! One search term and how it is found in a post's [`SearchText`].

use memchr::memmem::Finder;

use super::SearchText;
use super::hangul::{char_matches, is_initial, squeeze};

#[derive(Debug, Clone)]
pub(super) struct Term {
    kind: Kind,
    /// What the term matches, character by character (for highlights).
    pattern: Box<[char]>,
    /// Whether a match must stay inside one word (a pure 초성 term).
    within_word: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    /// No initials: found as is in the squeezed text.
    Text(Finder<'static>),
    /// Only initials: found in the initials text (a run of syllables, inside
    /// one word unless the term itself has spaces), or as typed.
    Initials(Finder<'static>),
    /// Syllables or other text mixed with initials (`제ㅈㅎㄱ`): the longest
    /// run without initials is looked up, then its neighbours are checked.
    Mixed {
        anchor: Finder<'static>,
        before: Box<[char]>,
        after: Box<[char]>,
    },
    /// `#name`: a category or tag, exactly.
    Label(String),
}

impl Term {
    /// A term from the query, already NFC and lowercased.
    pub(super) fn new(t: &str) -> Term {
        if let Some(name) = t.strip_prefix('#').filter(|n| !n.is_empty()) {
            return Term {
                kind: Kind::Label(name.to_string()),
                pattern: Box::default(),
                within_word: false,
            };
        }
        let only_initials = t.chars().all(|c| is_initial(c) || c.is_whitespace());
        if only_initials {
            return Term {
                kind: Kind::Initials(Finder::new(t.as_bytes()).into_owned()),
                pattern: squeeze(t).chars().collect(),
                within_word: !t.contains(char::is_whitespace),
            };
        }
        let squeezed = squeeze(t);
        let pattern: Box<[char]> = squeezed.chars().collect();
        let kind = if pattern.iter().any(|&c| is_initial(c)) {
            mixed(&pattern)
        } else {
            Kind::Text(Finder::new(squeezed.as_bytes()).into_owned())
        };
        Term {
            kind,
            pattern,
            within_word: false,
        }
    }

    /// Whether the term matches a post with this text and these labels.
    pub(super) fn matches(
        &self,
        search: &SearchText,
        categories: &[String],
        tags: &[String],
    ) -> bool {
        let text = search.text.as_bytes();
        match &self.kind {
            Kind::Text(f) => f.find(text).is_some(),
            Kind::Initials(f) => {
                search
                    .initials
                    .as_deref()
                    .is_some_and(|i| f.find(i.as_bytes()).is_some())
                    || f.find(text).is_some()
            }
            Kind::Mixed {
                anchor,
                before,
                after,
            } => anchor.find_iter(text).any(|at| {
                let (head, rest) = search.text.split_at(at);
                let tail = &rest[anchor.needle().len()..];
                neighbours_match(head.chars().rev(), before.iter().rev())
                    && neighbours_match(tail.chars(), after.iter())
            }),
            Kind::Label(name) => categories
                .iter()
                .chain(tags)
                .any(|l| &super::label_key(l) == name),
        }
    }

    /// What the term needs found, for a search index.
    pub(super) fn shape(&self) -> super::TermShape {
        let chars = |f: &Finder<'static>| {
            String::from_utf8_lossy(f.needle())
                .chars()
                .collect::<Vec<char>>()
        };
        match &self.kind {
            Kind::Text(f) => super::TermShape::Text(chars(f)),
            Kind::Initials(f) => super::TermShape::Initials(chars(f)),
            Kind::Mixed { anchor, .. } => super::TermShape::Mixed(chars(anchor)),
            Kind::Label(_) => super::TermShape::Label,
        }
    }

    /// Whether the term is made of initials (it looks at the initials text).
    pub(super) fn is_initials(&self) -> bool {
        matches!(self.kind, Kind::Initials(_))
    }

    /// Whether the term is `#label`.
    pub(super) fn is_label(&self) -> bool {
        matches!(self.kind, Kind::Label(_))
    }

    /// The characters to mark in a line of text, and whether the marks must
    /// stay inside a word; `None` for terms that match labels only.
    pub(super) fn pattern(&self) -> Option<(&[char], bool)> {
        match self.kind {
            Kind::Label(_) => None,
            _ => Some((&self.pattern, self.within_word)),
        }
    }
}

/// Split a mixed pattern around its longest run of characters that are not
/// initials.
fn mixed(pattern: &[char]) -> Kind {
    let mut best = 0..0;
    let mut start = 0;
    for (i, &c) in pattern.iter().enumerate() {
        if is_initial(c) {
            start = i + 1;
        } else if i + 1 - start > best.len() {
            best = start..i + 1;
        }
    }
    let anchor: String = pattern[best.clone()].iter().collect();
    Kind::Mixed {
        anchor: Finder::new(anchor.as_bytes()).into_owned(),
        before: pattern[..best.start].into(),
        after: pattern[best.end..].into(),
    }
}

/// Whether the text characters next to an anchor match the pattern's,
/// walking away from the anchor.
fn neighbours_match<'a>(
    mut text: impl Iterator<Item = char>,
    pattern: impl Iterator<Item = &'a char>,
) -> bool {
    pattern
        .into_iter()
        .all(|&p| text.next().is_some_and(|c| char_matches(p, c)))
}
