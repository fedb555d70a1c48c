//! The keys of the search postings: n-grams of a post's search text, and
//! which of them a query term needs.
//!
//! A post's squeezed text gives every run of 1 to 3 characters; its
//! initials text (syllables replaced by their initial consonants, spaces
//! kept) gives every run of 1 to 4 initial consonants. A term of at most 3
//! characters (4 initials) is then answered exactly by one posting list; a
//! longer one by intersecting its n-grams' lists, whose documents are
//! checked against their stored text.

use fixedbitset::FixedBitSet;

use crate::search::{Query, SearchText, TermShape};

/// The version of these rules: an index made with other rules is rebuilt.
pub(super) const RULES: u32 = 3;

const TEXT_N: usize = 3;
const INITIALS_N: usize = 4;

/// The key of a run of 1 to 3 characters of the squeezed text.
fn text_key(chars: &[char]) -> u64 {
    // 21 bits a character, never zero, so runs of different lengths differ.
    chars
        .iter()
        .fold(0u64, |k, &c| (k << 21) | (u64::from(c) + 1))
}

/// The key of a run of 1 to 4 initial consonants.
fn initials_key(codes: &[u8]) -> u64 {
    codes.iter().fold(0u64, |k, &c| (k << 5) | u64::from(c)) | (1 << 63)
}

/// An initial consonant's code (1–19), if `c` is one.
fn initial_code(c: char) -> Option<u8> {
    crate::search::initial_index(c).map(|i| i as u8 + 1)
}

/// What making keys reuses from one text to the next.
pub(super) struct KeyScratch {
    chars: Vec<char>,
    codes: Vec<Option<u8>>,
    /// Runs of two and three characters, and characters beyond the BMP.
    seen: rustc_hash::FxHashSet<u64>,
    /// Characters of the BMP, by their code.
    seen_chars: FixedBitSet,
    /// Runs of initials, by [`initials_place`].
    seen_initials: FixedBitSet,
}

impl Default for KeyScratch {
    fn default() -> KeyScratch {
        KeyScratch {
            chars: Vec::new(),
            codes: Vec::new(),
            seen: Default::default(),
            seen_chars: FixedBitSet::with_capacity(0x1_0000),
            seen_initials: FixedBitSet::with_capacity(INITIALS_PLACES),
        }
    }
}

/// Places of runs of 1 to 4 initials: codes 1–19 as digits in base 20.
const INITIALS_PLACES: usize = 20usize.pow(INITIALS_N as u32);

/// A run of initials as one number below [`INITIALS_PLACES`] (no digit is
/// zero, so runs of different lengths differ).
fn initials_place(codes: &[u8]) -> usize {
    codes.iter().fold(0, |p, &c| p * 20 + usize::from(c))
}

/// Every key of `text`, without repeats, in no particular order (into
/// `keys`). Characters and runs of initials, half of a text's runs, are
/// taken out by bit sets; the others by a hash set (sorting thousands of
/// keys a text was a seventh of building postings, and hashing all of them
/// a tenth).
pub(super) fn keys_of(text: &SearchText, scratch: &mut KeyScratch, keys: &mut Vec<u64>) {
    keys.clear();
    let KeyScratch {
        chars,
        codes,
        seen,
        seen_chars,
        seen_initials,
    } = scratch;
    seen.clear();
    seen_chars.clear();
    seen_initials.clear();
    let (squeezed, initials) = text.parts();
    chars.clear();
    chars.extend(squeezed.chars());
    for start in 0..chars.len() {
        let c = chars[start];
        let key = text_key(&[c]);
        let code = u32::from(c) as usize;
        let new = if code < 0x1_0000 {
            !seen_chars.put(code)
        } else {
            seen.insert(key)
        };
        if new {
            keys.push(key);
        }
        let end = (start + TEXT_N).min(chars.len());
        for stop in start + 2..=end {
            let key = text_key(&chars[start..stop]);
            if seen.insert(key) {
                keys.push(key);
            }
        }
    }
    if let Some(initials) = initials {
        codes.clear();
        codes.extend(initials.chars().map(initial_code));
        for start in 0..codes.len() {
            let mut run = [0u8; INITIALS_N];
            for n in 0..INITIALS_N {
                match codes.get(start + n).copied().flatten() {
                    Some(code) => {
                        run[n] = code;
                        if !seen_initials.put(initials_place(&run[..=n])) {
                            keys.push(initials_key(&run[..=n]));
                        }
                    }
                    None => break,
                }
            }
        }
    }
}

/// What a query needs from the postings: for each term, its alternatives
/// (documents in any of them may match), each an intersection of keys and
/// whether its documents surely match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Plan {
    /// One entry per term that the postings narrow.
    pub terms: Vec<Vec<Alternative>>,
    /// Whether the query has `#label` terms (checked on the posts).
    pub labels: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Alternative {
    pub keys: Vec<u64>,
    /// The documents with all the keys match the term (no check needed).
    pub exact: bool,
}

#[cfg(test)]
impl Plan {
    /// Whether every alternative is exact: the postings alone answer.
    pub(crate) fn exact(&self) -> bool {
        self.terms.iter().flatten().all(|a| a.exact)
    }
}

/// The keys `query` needs.
pub(super) fn plan(query: &Query) -> Plan {
    let mut plan = Plan {
        terms: Vec::new(),
        labels: false,
    };
    for shape in query.shapes() {
        let alternatives = match shape {
            TermShape::Label => {
                plan.labels = true;
                continue;
            }
            TermShape::Text(pattern) => vec![text_grams(&pattern)],
            // Found in the initials text, or as typed in the text.
            TermShape::Initials(typed) => vec![text_grams(&typed), initials_grams(&typed)],
            TermShape::Mixed(anchor) => vec![Alternative {
                exact: false,
                ..text_grams(&anchor)
            }],
        };
        // A term with an alternative that needs no key may match any
        // document: the postings do not narrow it.
        if alternatives.iter().all(|a| !a.keys.is_empty()) {
            plan.terms.push(alternatives);
        } else if !alternatives.iter().any(|a| a.keys.is_empty() && a.exact) {
            plan.terms.push(vec![Alternative {
                keys: Vec::new(),
                exact: false,
            }]);
        }
    }
    plan
}

/// The keys a run of text needs, and whether they answer it exactly.
fn text_grams(pattern: &[char]) -> Alternative {
    if pattern.len() <= TEXT_N {
        let keys = if pattern.is_empty() {
            Vec::new()
        } else {
            vec![text_key(pattern)]
        };
        return Alternative { keys, exact: true };
    }
    Alternative {
        keys: pattern.windows(TEXT_N).map(text_key).collect(),
        exact: false,
    }
}

/// The keys a run of initials (maybe with spaces) needs in the initials
/// text, and whether they answer it exactly.
fn initials_grams(typed: &[char]) -> Alternative {
    let mut keys = Vec::new();
    let mut runs = 0;
    let mut exact = true;
    for run in typed.split(|c| c.is_whitespace()).filter(|r| !r.is_empty()) {
        runs += 1;
        let codes: Option<Vec<u8>> = run.iter().map(|&c| initial_code(c)).collect();
        let Some(codes) = codes else {
            // Not initials after all: no posting narrows it.
            return Alternative {
                keys: Vec::new(),
                exact: false,
            };
        };
        if codes.len() <= INITIALS_N {
            keys.push(initials_key(&codes));
        } else {
            exact = false;
            keys.extend(codes.windows(INITIALS_N).map(initials_key));
        }
    }
    // Spaces inside the term must be matched as typed.
    let exact = exact && runs <= 1 && !typed.iter().any(|c| c.is_whitespace());
    Alternative { keys, exact }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        keys_of(&SearchText::new(text), &mut KeyScratch::default(), &mut out);
        let repeats = out.len();
        out.sort_unstable();
        out.dedup();
        assert_eq!(out.len(), repeats, "no key twice");
        out
    }

    #[test]
    fn short_terms_are_one_exact_key() {
        let p = plan(&Query::parse("제주항 ㅈㅈㅎㄱ"));
        assert_eq!(p.terms.len(), 2);
        assert!(p.terms[0][0].exact && p.terms[1][1].exact);
        let doc = keys("제주항공 발권");
        for term in &p.terms {
            assert!(
                term.iter()
                    .any(|alt| alt.exact && alt.keys.iter().all(|k| doc.binary_search(k).is_ok()))
            );
        }
        let p = plan(&Query::parse("제주항공 #뉴스"));
        assert!(!p.exact() && p.labels);
    }

    #[test]
    fn repeated_characters_and_initials_give_each_key_once() {
        // `keys` fails on a repeat; characters beyond the BMP are kept
        // apart from the others.
        let doc = keys("가가가 😀😀 가나가나 ㄱㄱ 😀");
        for key in [
            text_key(&['가']),
            text_key(&['😀']),
            text_key(&['😀', '😀']),
            text_key(&['가', '나', '가']),
            initials_key(&[1, 3, 1, 3]),
        ] {
            assert!(doc.binary_search(&key).is_ok());
        }
        // Scratch reused for another text forgets the first one's keys.
        let mut scratch = KeyScratch::default();
        let mut first = Vec::new();
        keys_of(&SearchText::new("가나"), &mut scratch, &mut first);
        let mut second = Vec::new();
        keys_of(&SearchText::new("가나"), &mut scratch, &mut second);
        assert_eq!(first, second);
    }

    #[test]
    fn initials_keys_stop_at_other_characters() {
        let spaced = keys("제주 항공");
        let joined = keys("제주항공");
        let four = initials_key(&[13, 13, 19, 1]);
        assert!(joined.binary_search(&four).is_ok());
        assert!(
            spaced.binary_search(&four).is_err(),
            "initials match inside one word"
        );
    }
}
