//! Search as a Korean reader expects (DESIGN §5): all terms must match,
//! case-insensitively and NFC on both sides; a term of Hangul initial
//! consonants (초성) matches syllables with those initials; `#name` matches a
//! category or tag exactly.

use memchr::memmem::Finder;
use unicode_normalization::UnicodeNormalization;

use crate::post::{Format, Post};

/// The initial consonants (choseong) of Hangul syllables, in syllable order,
/// as compatibility jamo — what a keyboard types.
const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const SYLLABLES: std::ops::RangeInclusive<char> = '\u{ac00}'..='\u{d7a3}';

fn initial_of(c: char) -> Option<char> {
    SYLLABLES
        .contains(&c)
        .then(|| INITIALS[(c as usize - 0xac00) / 588])
}

/// A post's searchable text, prepared once: lowercased NFC text, and the
/// same text with every Hangul syllable replaced by its initial consonant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    text: Box<str>,
    /// `None` when the text has no Hangul syllables.
    initials: Option<Box<str>>,
}

impl SearchText {
    /// Index `post`'s title, categories, tags and excerpt and the visible
    /// text of `body` (already sanitised and NFC).
    pub fn of(post: &Post, body: &str) -> SearchText {
        let visible = match post.format {
            Format::Html => crate::html_text::visible_text(body),
            Format::Markdown => {
                crate::markdown::visible_text(body, &crate::markdown::LiquidContext::for_post(post))
            }
        };
        let mut all = String::with_capacity(visible.len() + 256);
        for part in [
            &post.title,
            &post.categories.join(" "),
            &post.tags.join(" "),
            &post.excerpt,
            &visible,
        ] {
            all.push_str(part);
            all.push('\n');
        }
        SearchText::new(&all)
    }

    pub fn new(text: &str) -> SearchText {
        let text = crate::text::sanitize(text).to_lowercase();
        let initials = text.chars().any(|c| SYLLABLES.contains(&c)).then(|| {
            text.chars()
                .map(|c| initial_of(c).unwrap_or(c))
                .collect::<String>()
                .into_boxed_str()
        });
        SearchText {
            text: text.into_boxed_str(),
            initials,
        }
    }

    /// Bytes held, for memory accounting.
    pub fn heap_size(&self) -> usize {
        self.text.len() + self.initials.as_ref().map_or(0, |i| i.len())
    }
}

#[derive(Debug, Clone)]
enum Term {
    Text(Finder<'static>),
    Initials(Finder<'static>),
    Label(String),
}

/// A parsed query: terms that must all match.
#[derive(Debug, Default, Clone)]
pub struct Query {
    source: String,
    terms: Vec<Term>,
}

impl Query {
    /// Terms are separated by spaces; `"…"` keeps spaces inside a term.
    pub fn parse(input: &str) -> Query {
        let normal: String = crate::text::sanitize(input)
            .nfc()
            .collect::<String>()
            .to_lowercase();
        let terms = split_terms(&normal).into_iter().map(|t| term(&t)).collect();
        Query {
            source: input.to_string(),
            terms,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query as typed.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether every term matches `post`. A post whose text was not indexed
    /// is matched on its title, categories, tags and excerpt alone.
    pub fn matches(&self, post: &Post) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let fallback;
        let search = match &post.search {
            Some(s) => s,
            None => {
                fallback = SearchText::of_meta(post);
                &fallback
            }
        };
        self.terms.iter().all(|term| match term {
            Term::Text(f) => f.find(search.text.as_bytes()).is_some(),
            Term::Initials(f) => {
                search
                    .initials
                    .as_deref()
                    .is_some_and(|i| f.find(i.as_bytes()).is_some())
                    || f.find(search.text.as_bytes()).is_some()
            }
            Term::Label(name) => post
                .categories
                .iter()
                .chain(&post.tags)
                .any(|l| &label_key(l) == name),
        })
    }
}

impl Query {
    /// Byte ranges of `text` that the query's text and 초성 terms match,
    /// for marking matches in a headline.
    pub fn highlights(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        // One lowercased char (and its initial) per char of `text`.
        let spans: Vec<(usize, usize)> = text
            .char_indices()
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        let lower: Vec<char> = text
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        let initials: Vec<char> = lower.iter().map(|&c| initial_of(c).unwrap_or(c)).collect();
        let mut ranges = Vec::new();
        for term in &self.terms {
            let (needle, hay) = match term {
                Term::Text(f) => (f.needle(), &lower),
                Term::Initials(f) => (f.needle(), &initials),
                Term::Label(_) => continue,
            };
            let needle: Vec<char> = String::from_utf8_lossy(needle).chars().collect();
            if needle.is_empty() || needle.len() > hay.len() {
                continue;
            }
            let mut i = 0;
            while i + needle.len() <= hay.len() {
                if hay[i..i + needle.len()] == needle[..] {
                    ranges.push(spans[i].0..spans[i + needle.len() - 1].1);
                    i += needle.len();
                } else {
                    i += 1;
                }
            }
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        ranges
    }
}

impl SearchText {
    fn of_meta(post: &Post) -> SearchText {
        SearchText::new(&format!(
            "{}\n{}\n{}\n{}",
            post.title,
            post.categories.join(" "),
            post.tags.join(" "),
            post.excerpt
        ))
    }
}

/// How a category or tag is compared: NFC, lowercase.
pub fn label_key(label: &str) -> String {
    label.nfc().collect::<String>().to_lowercase()
}

fn term(t: &str) -> Term {
    if let Some(name) = t.strip_prefix('#').filter(|n| !n.is_empty()) {
        return Term::Label(name.to_string());
    }
    let finder = Finder::new(t.as_bytes()).into_owned();
    if t.chars().all(|c| INITIALS.contains(&c)) {
        Term::Initials(finder)
    } else {
        Term::Text(finder)
    }
}

fn split_terms(s: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    terms.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        terms.push(current);
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SearchText {
        SearchText::new(s)
    }

    fn hit(query: &str, s: &str) -> bool {
        let q = Query::parse(query);
        let t = text(s);
        q.terms.iter().all(|term| match term {
            Term::Text(f) => f.find(t.text.as_bytes()).is_some(),
            Term::Initials(f) => t
                .initials
                .as_deref()
                .is_some_and(|i| f.find(i.as_bytes()).is_some()),
            Term::Label(_) => false,
        })
    }

    #[test]
    fn initials_match_consecutive_syllables_in_one_word() {
        assert!(hit("ㅈㅈㅎㄱ", "MS 장애로 제주항공 발권 마비"));
        assert!(hit("ㅎㄱ", "제주항공"));
        assert!(!hit("ㅈㅈㅎㄱ", "제주 항공"));
        assert!(!hit("ㅈㅈㅎㄱ", "제주항만"));
    }

    #[test]
    fn highlights_mark_text_and_initials() {
        let q = Query::parse("ㅈㅈㅎㄱ ms");
        let title = "MS 장애로 제주항공 마비";
        let marked: Vec<&str> = q.highlights(title).into_iter().map(|r| &title[r]).collect();
        assert_eq!(marked, ["MS", "제주항공"]);
        assert!(Query::parse("").highlights(title).is_empty());
    }

    #[test]
    fn and_of_terms_case_insensitive() {
        assert!(hit("ms 장애", "MS 클라우드 장애"));
        assert!(!hit("ms 복구", "MS 클라우드 장애"));
        assert!(hit("\"클라우드 장애\"", "MS 클라우드 장애"));
        assert!(!hit("\"장애 클라우드\"", "MS 클라우드 장애"));
    }

    #[test]
    fn nfd_text_found_by_nfc_query_and_back() {
        let nfd: String = "제주항공".nfd().collect();
        assert!(hit("제주항공", &nfd));
        assert!(hit(&nfd, "제주항공"));
        assert!(hit("ㅈㅈ", &nfd));
    }
}
