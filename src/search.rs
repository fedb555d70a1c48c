//! Search as a Korean reader expects (DESIGN §5): all terms must match,
//! case-insensitively and NFC on both sides; spaces between Hangul
//! syllables are ignored (`제주항공` finds `제주 항공` and the reverse); a
//! term of initial consonants (초성) matches syllables with those initials
//! inside one word, and a term may mix them with syllables (`제ㅈㅎㄱ`);
//! `#name` matches a category or tag exactly.

use unicode_normalization::UnicodeNormalization;

use crate::markdown::LiquidContext;
use crate::post::{Format, Post};

mod fold;
mod hangul;
mod term;

pub(crate) use fold::lowercase;

pub(crate) use hangul::initial_index;
use hangul::{for_each_squeezed, is_syllable, squeeze};
use term::Term;

/// A post's searchable text, prepared once: lowercased NFC text with the
/// spaces between Hangul syllables taken out, and the text as written with
/// every syllable replaced by its initial consonant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    text: Box<str>,
    /// `None` when the text has no Hangul syllables.
    initials: Option<Box<str>>,
    /// Only the title, categories, tags and excerpt (the body is not
    /// indexed yet).
    partial: bool,
}

impl SearchText {
    /// Index `post`'s title, categories, tags and excerpt and the visible
    /// text of `body` (already sanitised and NFC), its Liquid resolved
    /// against `liquid` (see [`crate::site::liquid_context_in`]).
    pub fn of(post: &Post, body: &str, liquid: &LiquidContext) -> SearchText {
        SearchText::from_lower(&SearchText::lower_of(post, body, liquid))
    }

    /// What [`SearchText::of`] is made from: the fields and the visible
    /// text, sanitised and lowercased (a search index stores this, the
    /// smallest form the search text is made again from).
    pub fn lower_of(post: &Post, body: &str, liquid: &LiquidContext) -> String {
        // What the article shows: Liquid, shortcodes, placeholders and
        // the site's includes resolved in either format, and the site's
        // Markdown dialect, as the renderer reads them.
        let visible = match post.format {
            Format::Html => {
                crate::html_text::visible_text(&crate::markdown::liquid::html(body, liquid))
            }
            Format::Markdown => crate::markdown::visible_text(body, liquid),
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
            // Fields are kept apart by a newline, which is never squeezed.
            all.push('\n');
        }
        lowercase(&crate::sanitize::terminal_text(&all))
    }

    pub fn new(text: &str) -> SearchText {
        SearchText::from_lower(&lowercase(&crate::sanitize::terminal_text(text)))
    }

    /// The search text of `lower`, text already sanitised and lowercased.
    pub fn from_lower(lower: &str) -> SearchText {
        SearchText::from_lower_partly(lower, true)
    }

    /// [`SearchText::from_lower`], with the initials text only when
    /// `initials` (a query without initials terms never looks at it).
    pub fn from_lower_partly(lower: &str, initials: bool) -> SearchText {
        let initials = (initials && lower.chars().any(is_syllable))
            .then(|| hangul::initials_text(lower).into_boxed_str());
        SearchText {
            text: squeeze(lower).into_boxed_str(),
            initials,
            partial: false,
        }
    }

    /// The squeezed text and the initials text, for a search index.
    pub(crate) fn parts(&self) -> (&str, Option<&str>) {
        (&self.text, self.initials.as_deref())
    }

    /// Bytes held, for memory accounting.
    pub fn heap_size(&self) -> usize {
        self.text.len() + self.initials.as_ref().map_or(0, |i| i.len())
    }

    /// Whether the body is left out (see [`SearchText::of_meta`]).
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The search text of `post`'s title, categories, tags and excerpt
    /// alone: what search sees of a post before its body is indexed.
    pub fn of_meta(post: &Post) -> SearchText {
        SearchText::of_front_matter(
            &post.title,
            &post.categories.join(" "),
            &post.tags.join(" "),
            &post.excerpt,
        )
    }

    /// [`SearchText::of_meta`] from the fields themselves (categories and
    /// tags each joined by spaces).
    pub fn of_front_matter(title: &str, categories: &str, tags: &str, excerpt: &str) -> SearchText {
        let mut text = SearchText::new(&format!("{title}\n{categories}\n{tags}\n{excerpt}"));
        text.partial = true;
        text
    }
}

/// What a term needs found in a post's search text, for an index to
/// narrow the posts it may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TermShape {
    /// These characters, in the squeezed text.
    Text(Vec<char>),
    /// These initials (spaces as typed), in the initials text or the text.
    Initials(Vec<char>),
    /// The term mixes syllables and initials: this run of it (no initials)
    /// is in the squeezed text, the rest is checked around it.
    Mixed(Vec<char>),
    /// `#name`: categories and tags.
    Label,
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
        let normal = lowercase(&crate::text::sanitize(input).nfc().collect::<String>());
        let terms = split_terms(&normal).iter().map(|t| Term::new(t)).collect();
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
        self.matches_text(search, &post.categories, &post.tags)
    }

    /// Whether every term matches a post with this search text and these
    /// categories and tags.
    pub fn matches_text(
        &self,
        search: &SearchText,
        categories: &[String],
        tags: &[String],
    ) -> bool {
        self.terms
            .iter()
            .all(|term| term.matches(search, categories, tags))
    }

    /// Whether the `#label` terms match these categories and tags (the
    /// other terms are not looked at).
    pub fn matches_labels(&self, categories: &[String], tags: &[String]) -> bool {
        let empty = SearchText::default();
        self.terms
            .iter()
            .filter(|t| t.is_label())
            .all(|term| term.matches(&empty, categories, tags))
    }

    /// Whether a term looks at the initials text (a term of initials).
    pub(crate) fn needs_initials(&self) -> bool {
        self.terms.iter().any(Term::is_initials)
    }

    /// What each term needs found, for a search index.
    pub(crate) fn shapes(&self) -> Vec<TermShape> {
        self.terms.iter().map(Term::shape).collect()
    }

    /// Byte ranges of `text` that the query's terms match, for marking
    /// matches in a headline or an article line. A match that spans spaces
    /// between syllables covers them.
    pub fn highlights(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let mut chars = Vec::with_capacity(text.len() / 2);
        for_each_squeezed(text, |c, range, gap| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            // The character's own bytes begin where its range ends.
            let start = range.end - c.len_utf8();
            chars.push((lower, start..range.end, gap));
        });
        let mut ranges = Vec::new();
        for term in &self.terms {
            let Some((pattern, within_word)) = term.pattern() else {
                continue;
            };
            let n = pattern.len();
            let mut i = 0;
            while n > 0 && i + n <= chars.len() {
                let hit = (0..n).all(|k| {
                    let (c, _, gap) = chars[i + k];
                    hangul::char_matches(pattern[k], c) && !(within_word && k > 0 && gap)
                });
                if hit {
                    ranges.push(chars[i].1.start..chars[i + n - 1].1.end);
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        ranges
    }
}

/// How a category or tag is compared: NFC, lowercase.
pub fn label_key(label: &str) -> String {
    lowercase(&label.nfc().collect::<String>())
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
        terms.push(current.trim().to_string());
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(query: &str, s: &str) -> bool {
        let q = Query::parse(query);
        let t = SearchText::new(s);
        q.terms.iter().all(|term| term.matches(&t, &[], &[]))
    }

    fn marked<'a>(query: &str, title: &'a str) -> Vec<&'a str> {
        Query::parse(query)
            .highlights(title)
            .into_iter()
            .map(|r| &title[r])
            .collect()
    }

    #[test]
    fn initials_match_consecutive_syllables_in_one_word() {
        assert!(hit("ㅈㅈㅎㄱ", "MS 장애로 제주항공 발권 마비"));
        assert!(hit("ㅎㄱ", "제주항공"));
        assert!(!hit("ㅈㅈㅎㄱ", "제주 항공"));
        assert!(!hit("ㅈㅈㅎㄱ", "제주항만"));
        assert!(
            hit("\"ㅈㅈ ㅎㄱ\"", "제주 항공"),
            "a quoted space crosses words"
        );
    }

    #[test]
    fn spaces_between_syllables_are_ignored() {
        assert!(hit("제주항공", "제주 항공 발권"));
        assert!(hit("\"제주 항공\"", "제주항공 발권"));
        assert!(hit("주항", "제주  항공"));
        assert!(
            !hit("제주항공", "제주, 항공"),
            "punctuation still separates"
        );
        assert!(hit("\"ms 장애\"", "MS 장애로"));
        assert!(
            !hit("\"ms장애\"", "MS 장애로"),
            "only spaces between Hangul go"
        );
    }

    #[test]
    fn a_term_may_mix_syllables_and_initials() {
        for q in ["제ㅈㅎㄱ", "ㅈ주항공", "제주ㅎ공", "제ㅈ항ㄱ"] {
            assert!(hit(q, "MS 장애로 제주항공 발권"), "{q}");
            assert!(hit(q, "제주 항공"), "{q} is spacing-insensitive");
            assert!(!hit(q, "제주항만"), "{q}");
        }
        assert!(hit("ms장ㅇ", "ms장애"));
        assert!(!hit("제ㅈ", "제목 없음"));
    }

    #[test]
    fn highlights_mark_text_and_initials() {
        let title = "MS 장애로 제주항공 마비";
        assert_eq!(marked("ㅈㅈㅎㄱ ms", title), ["MS", "제주항공"]);
        assert!(Query::parse("").highlights(title).is_empty());
    }

    #[test]
    fn highlights_follow_spacing_and_mixed_terms() {
        assert_eq!(marked("제주항공", "속보: 제주 항공 마비"), ["제주 항공"]);
        assert_eq!(marked("\"제주 항공\"", "제주항공 마비"), ["제주항공"]);
        assert_eq!(marked("제ㅈㅎㄱ", "제주 항공 마비"), ["제주 항공"]);
        assert!(marked("ㅈㅈㅎㄱ", "제주 항공").is_empty());
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
        assert!(hit("제ㅈ", &nfd));
    }
}
