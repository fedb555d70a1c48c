//! The keys of the search postings: n-grams of a post's search text, and
//! which of them a query term needs.
//!
//! A post's squeezed text gives every run of 1 to 3 characters; its
//! initials text (syllables replaced by their initial consonants, spaces
//! kept) gives every run of 1 to 4 initial consonants. A term of at most 3
//! characters (4 initials) is then answered exactly by one posting list; a
//! longer one by intersecting its n-grams' lists, whose documents are
//! checked against their stored text.

use crate::search::{Query, SearchText, TermShape};

/// The version of these rules: an index made with other rules is rebuilt.
pub(super) const RULES: u32 = 1;

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

/// Every key of `text`, sorted, without repeats (into `keys`).
pub(super) fn keys_of(text: &SearchText, chars: &mut Vec<char>, keys: &mut Vec<u64>) {
    keys.clear();
    let (squeezed, initials) = text.parts();
    chars.clear();
    chars.extend(squeezed.chars());
    for start in 0..chars.len() {
        let end = (start + TEXT_N).min(chars.len());
        for stop in start + 1..=end {
            keys.push(text_key(&chars[start..stop]));
        }
    }
    if let Some(initials) = initials {
        let codes: Vec<Option<u8>> = initials.chars().map(initial_code).collect();
        for start in 0..codes.len() {
            let mut run = [0u8; INITIALS_N];
            for n in 0..INITIALS_N {
                match codes.get(start + n).copied().flatten() {
                    Some(code) => {
                        run[n] = code;
                        keys.push(initials_key(&run[..=n]));
                    }
                    None => break,
                }
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
}

/// What a query needs from the postings: for each term, documents in any
/// of its alternatives, each alternative an intersection of keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Plan {
    /// One entry per term that the postings narrow.
    pub terms: Vec<Vec<Vec<u64>>>,
    /// Whether the postings' answer is the query's answer (for the terms
    /// they narrow; `#label` terms are checked on the posts themselves).
    pub exact: bool,
    /// Whether the query has `#label` terms.
    pub labels: bool,
}

/// The keys `query` needs.
pub(super) fn plan(query: &Query) -> Plan {
    let mut plan = Plan {
        terms: Vec::new(),
        exact: true,
        labels: false,
    };
    for shape in query.shapes() {
        match shape {
            TermShape::Label => plan.labels = true,
            TermShape::Text(pattern) => {
                let (keys, exact) = text_grams(&pattern);
                plan.exact &= exact;
                push_term(&mut plan, vec![keys]);
            }
            TermShape::Initials(typed) => {
                // Found in the initials text, or as typed in the text.
                let (in_text, text_exact) = text_grams(&typed);
                let (in_initials, initials_exact) = initials_grams(&typed);
                plan.exact &= text_exact && initials_exact;
                push_term(&mut plan, vec![in_text, in_initials]);
            }
            TermShape::Mixed(anchor) => {
                let (keys, _) = text_grams(&anchor);
                plan.exact = false;
                push_term(&mut plan, vec![keys]);
            }
        }
    }
    plan
}

/// A term whose alternatives all need no key matches every document: it
/// narrows nothing.
fn push_term(plan: &mut Plan, alternatives: Vec<Vec<u64>>) {
    if alternatives.iter().all(|keys| !keys.is_empty()) {
        plan.terms.push(alternatives);
    }
}

/// The keys a run of text needs, and whether they answer it exactly.
fn text_grams(pattern: &[char]) -> (Vec<u64>, bool) {
    if pattern.len() <= TEXT_N {
        let keys = if pattern.is_empty() {
            Vec::new()
        } else {
            vec![text_key(pattern)]
        };
        return (keys, true);
    }
    let keys = pattern.windows(TEXT_N).map(text_key).collect();
    (keys, false)
}

/// The keys a run of initials (maybe with spaces) needs in the initials
/// text, and whether they answer it exactly.
fn initials_grams(typed: &[char]) -> (Vec<u64>, bool) {
    let mut keys = Vec::new();
    let mut runs = 0;
    let mut exact = true;
    for run in typed.split(|c| c.is_whitespace()).filter(|r| !r.is_empty()) {
        runs += 1;
        let codes: Option<Vec<u8>> = run.iter().map(|&c| initial_code(c)).collect();
        let Some(codes) = codes else {
            // Not initials after all: no posting narrows it.
            return (Vec::new(), false);
        };
        if codes.len() <= INITIALS_N {
            keys.push(initials_key(&codes));
        } else {
            exact = false;
            keys.extend(codes.windows(INITIALS_N).map(initials_key));
        }
    }
    // Spaces inside the term must be matched as typed.
    (
        keys,
        exact && runs <= 1 && !typed.iter().any(|c| c.is_whitespace()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        keys_of(&SearchText::new(text), &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn short_terms_are_one_exact_key() {
        let p = plan(&Query::parse("제주항 ㅈㅈㅎㄱ"));
        assert!(p.exact);
        assert_eq!(p.terms.len(), 2);
        let doc = keys("제주항공 발권");
        for term in &p.terms {
            assert!(
                term.iter()
                    .any(|alt| alt.iter().all(|k| doc.binary_search(k).is_ok()))
            );
        }
        let p = plan(&Query::parse("제주항공 #뉴스"));
        assert!(!p.exact && p.labels);
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
