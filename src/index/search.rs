//! Searching through the index, and filling it with search texts.
//!
//! A post is matched by the first of these that applies: its document is
//! covered by postings (exact postings answer alone; others give
//! candidates whose stored text is checked with the query's own matcher);
//! its text is stored but pending (checked with the matcher); its text is
//! not indexed yet (matched on its front matter, as search does while
//! bodies are indexed). The answer is the one the matcher gives over the
//! posts' full search texts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use roaring::RoaringBitmap;
use rusqlite::Connection;

use super::IndexError;
use super::grams;
use super::stamp::Stamp;
use super::text::{self, Postings};
use crate::post::{Keep, Outcome, Place, Post};
use crate::problem::Problem;
use crate::search::{Query, SearchText};
use crate::site::Site;

/// Documents a batch of new postings holds: large enough that a key has few
/// rows, small enough that search sees bodies arrive.
pub(super) const SEGMENT_DOCS: usize = 8192;
/// Fewer new texts than this are stored pending, matched one by one.
pub(super) const PENDING_MAX: usize = 512;

/// Searches one index, on a connection of its own.
pub struct Searcher {
    conn: Connection,
    covered: RoaringBitmap,
    pending: RoaringBitmap,
    /// `PRAGMA data_version` when `covered` and `pending` were read.
    version: i64,
    /// Postings looked up, by key, until the index changes.
    cache: RefCell<HashMap<u64, RoaringBitmap>>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("covered", &self.covered.len())
            .field("pending", &self.pending.len())
            .finish()
    }
}

/// A query with the postings it needs looked up.
#[derive(Debug, Clone)]
pub struct Prepared {
    query: Query,
    /// Covered documents the postings allow.
    maybe: RoaringBitmap,
    /// Among them, those that surely match.
    sure: RoaringBitmap,
}

/// A search answered as far as time allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Partial {
    /// The matching positions among the first `checked` asked about.
    pub matched: Vec<usize>,
    /// How many of the positions asked about were decided.
    pub checked: usize,
}

impl Searcher {
    pub fn open(path: &Path) -> Result<Searcher, IndexError> {
        let conn = super::db::open_reader(path)?;
        let mut searcher = Searcher {
            conn,
            covered: RoaringBitmap::new(),
            pending: RoaringBitmap::new(),
            version: -1,
            cache: RefCell::new(HashMap::new()),
        };
        searcher.refresh()?;
        Ok(searcher)
    }

    /// Take in what was indexed since (cheap when nothing was: one pragma).
    pub fn refresh(&mut self) -> Result<(), IndexError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?;
        if version == self.version {
            return Ok(());
        }
        // One read transaction: postings and texts of the same moment.
        let tx = self.conn.unchecked_transaction()?;
        let covered = text::covered(&tx)?;
        let (_, pending) = text::text_state(&tx)?;
        tx.commit()?;
        self.covered = covered;
        self.pending = pending;
        self.version = version;
        self.cache.borrow_mut().clear();
        Ok(())
    }

    /// How many documents have their bodies searchable.
    pub fn indexed(&self) -> u64 {
        self.covered.len() + self.pending.len()
    }

    /// Whether document `doc`'s body is searchable.
    pub fn has_body(&self, doc: u32) -> bool {
        self.covered.contains(doc) || self.pending.contains(doc)
    }

    /// The positions (among `positions`, in their order) of the posts
    /// that match `query`.
    pub fn filter(
        &self,
        query: &Query,
        posts: &[Post],
        positions: &[usize],
    ) -> Result<Vec<usize>, IndexError> {
        let prepared = self.prepare(query)?;
        Ok(self.decide(&prepared, posts, positions, None)?.matched)
    }

    /// Look up the postings `query` needs (the part of a search that does
    /// not grow with the number of posts asked about).
    pub fn prepare(&self, query: &Query) -> Result<Prepared, IndexError> {
        let plan = grams::plan(query);
        let postings = Postings::new(&self.conn);
        let mut cache = self.cache.borrow_mut();
        let (maybe, sure) = postings.candidates(&plan, &self.covered, &mut cache)?;
        Ok(Prepared {
            query: query.clone(),
            maybe,
            sure,
        })
    }

    /// Decide which of `positions` match, in their order, stopping at
    /// `deadline` (if any): what is decided is a prefix of `positions`.
    /// Posts the postings answer cost a bitmap look-up; others need their
    /// stored text read.
    pub fn decide(
        &self,
        prepared: &Prepared,
        posts: &[Post],
        positions: &[usize],
        deadline: Option<Instant>,
    ) -> Result<Partial, IndexError> {
        let query = &prepared.query;
        let postings = Postings::new(&self.conn);
        let mut matched = Vec::new();
        for (n, &i) in positions.iter().enumerate() {
            let Some(post) = posts.get(i) else {
                continue;
            };
            // Reading a stored text costs far more than a bitmap look-up:
            // the time is looked at after each.
            let mut slow = false;
            let hit = match post.doc {
                Some(doc) if self.covered.contains(doc) => {
                    prepared.maybe.contains(doc)
                        && query.matches_labels(&post.categories, &post.tags)
                        && (prepared.sure.contains(doc) || {
                            slow = true;
                            self.check(&postings, query, post, doc)?
                        })
                }
                Some(doc) if self.pending.contains(doc) => {
                    slow = true;
                    self.check(&postings, query, post, doc)?
                }
                _ => {
                    slow = true;
                    query.matches(post)
                }
            };
            if hit {
                matched.push(i);
            }
            if (slow || n % 64 == 63) && deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(Partial {
                    matched,
                    checked: n + 1,
                });
            }
        }
        Ok(Partial {
            matched,
            checked: positions.len(),
        })
    }

    /// Whether `post` matches, by its stored text (its front matter when
    /// the text is gone).
    fn check(
        &self,
        postings: &Postings,
        query: &Query,
        post: &Post,
        doc: u32,
    ) -> Result<bool, IndexError> {
        Ok(match postings.text(doc, query.needs_initials())? {
            Some(text) => query.matches_text(&text, &post.categories, &post.tags),
            None => query.matches(post),
        })
    }
}

/// Index the search texts of `posts` that have none yet.
pub(super) fn index_texts(
    conn: &mut Connection,
    posts: &[Post],
    sites: &[Site],
    (pending_max, segment_docs): (usize, usize),
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<Problem>, IndexError> {
    let (has_text, pending) = text::text_state(conn)?;
    let stamps = stamps(conn)?;
    let mut todo: Vec<(&Post, u32)> = posts
        .iter()
        .filter_map(|p| p.doc.map(|d| (p, d)))
        .filter(|(_, d)| !has_text.contains(*d))
        .collect();
    // In document order: postings grow at their ends.
    todo.sort_unstable_by_key(|(_, d)| *d);
    let total = todo.len();
    let mut problems = Vec::new();
    let small = total + (pending.len() as usize) < pending_max;
    if !small && !pending.is_empty() {
        fold_pending(conn, &pending)?;
    }
    // Each batch is read and made ready while the one before is written.
    let prepare = |batch: &[(&Post, u32)]| {
        let texts: Vec<(u32, Result<Option<String>, Problem>)> = batch
            .par_iter()
            .map(|(post, doc)| (*doc, text_of(post, sites, stamps.get(doc))))
            .collect();
        let mut ready = Vec::with_capacity(texts.len());
        let mut problems = Vec::new();
        for (doc, t) in texts {
            match t {
                Ok(Some(text)) => ready.push((doc, text)),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        (text::prepare(&ready, small), problems, batch.len())
    };
    let mut batches = todo.chunks(segment_docs);
    let mut next = batches.next().map(prepare);
    let mut done = 0;
    while let Some((prepared, batch_problems, n)) = next.take() {
        problems.extend(batch_problems);
        let following = batches.next();
        let (written, after) =
            rayon::join(|| text::write(conn, prepared), || following.map(prepare));
        written?;
        next = after;
        done += n;
        progress(done, total);
    }
    if total > 0 {
        super::db::checkpoint(conn);
    }
    Ok(problems)
}

/// Give the pending texts their postings.
fn fold_pending(conn: &mut Connection, pending: &RoaringBitmap) -> Result<(), IndexError> {
    let texts: Vec<(u32, String)> = {
        let postings = Postings::new(conn);
        let mut texts = Vec::new();
        for doc in pending {
            if let Some(lower) = postings.lower(doc)? {
                texts.push((doc, lower));
            }
        }
        texts
    };
    text::add(conn, &texts, false)
}

/// Every file's stamp, by document.
fn stamps(conn: &Connection) -> Result<HashMap<u32, Stamp>, IndexError> {
    let mut stmt = conn.prepare("SELECT doc, dev, ino, size, mtime_ns, ctime_ns FROM files")?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let Ok(doc) = u32::try_from(r.get::<_, i64>(0)?) else {
            continue;
        };
        out.insert(
            doc,
            Stamp {
                dev: r.get::<_, i64>(1)? as u64,
                ino: r.get::<_, i64>(2)? as u64,
                size: r.get::<_, i64>(3)? as u64,
                mtime_ns: r.get(4)?,
                ctime_ns: r.get(5)?,
            },
        );
    }
    Ok(out)
}

/// The lowercased text the search text of `post` is made from, its body
/// read again; `None` when its file is not the one the index read (changed
/// since: the next start reads it).
fn text_of(post: &Post, sites: &[Site], stamp: Option<&Stamp>) -> Result<Option<String>, Problem> {
    let read = || -> Option<String> {
        let (file, meta) = crate::fsread::open_regular(&post.path).ok()?;
        if Some(&Stamp::of(&meta)) != stamp {
            return None;
        }
        let bytes =
            crate::fsread::read_capped(file, meta.len(), crate::post::MAX_FILE_SIZE).ok()?;
        let keep = Keep {
            body: true,
            search_text: false,
        };
        let place = Place::plain(&post.path, &post.id);
        match crate::post::read(&post.path, &place, &bytes, post.format, keep) {
            Outcome::Post(read) => {
                let body = read.body.unwrap_or_default();
                let site = crate::store::site_of(sites, post);
                let context = crate::site::liquid_context_in(site, post);
                Some(SearchText::lower_of(post, &body, &context))
            }
            _ => None,
        }
    };
    crate::render::guard::quietly(read)
        .map_err(|_| Problem::new(&post.path, 1, crate::i18n::Msg::FailedIndexing))
}
