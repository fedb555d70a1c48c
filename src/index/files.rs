//! Loading posts through the index: the folders are walked, every file is
//! looked at (one `stat`, in parallel), and only files that are new or
//! changed since the index read them are read; removed files drop out. The
//! result is the load reading every file would give.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::deps::Deps;
use super::record::{self, path_bytes};
use super::stamp::Stamp;
use super::{IndexError, fnv};
use crate::loader::{self, Load};
use crate::post::{Keep, Outcome, Place, Post};
use crate::walk::{self, Source, WalkOptions};

/// A file as the index last read it.
struct Row {
    doc: i64,
    stamp: Stamp,
    settled: bool,
    source: i64,
    record: Vec<u8>,
    /// The fingerprint of the includes its search text took in (0: none).
    deps: i64,
}

/// How the walk placed a file, and the settings of its site that its
/// search text depends on: a file placed elsewhere (another id, other
/// folder categories) or in a site set up otherwise is read again.
fn source_key(source: &Source) -> i64 {
    let place: &Place = &source.place;
    let mut text = Vec::with_capacity(128);
    for part in [place.id.as_bytes(), place.name.as_bytes()] {
        text.extend_from_slice(part);
        text.push(0);
    }
    for c in &place.categories {
        text.extend_from_slice(c.as_bytes());
        text.push(0);
    }
    text.push(place.folder as u8);
    text.push(source.format as u8);
    // What of its site its search text depends on: another configuration
    // (a Markdown dialect, emoji, a site's title, the permalinks that
    // `page.url` follows) reads it again.
    if let Some(site) = source.site.as_deref() {
        text.push(site.engine as u8);
        text.push(u8::from(site.emoji));
        text.push(u8::from(site.icons));
        text.push(u8::from(site.attributes.headings));
        text.push(u8::from(site.attributes.blocks));
        for part in [&site.url, &site.baseurl, &site.title] {
            text.extend_from_slice(part.as_bytes());
            text.push(0);
        }
        text.extend_from_slice(&path_bytes(&site.includes_dir));
        for (section, pattern) in site.permalink_patterns() {
            for part in [section, pattern] {
                text.extend_from_slice(part.as_bytes());
                text.push(0);
            }
        }
    }
    fnv(&text) as i64
}

/// What happened to one file of the walk.
enum Seen {
    /// Unchanged: its outcome comes from the index.
    Kept { doc: i64, outcome: Outcome },
    /// New or changed: read now.
    Read {
        outcome: Outcome,
        stamp: Option<Stamp>,
        deps: i64,
    },
}

/// What a load through the index did, for benchmarks and tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadStats {
    pub kept: usize,
    pub read: usize,
    pub removed: usize,
}

/// Load `roots` through the index on `conn`. Failing to write the index
/// changes nothing in the load (the next start reads those files again).
pub(super) fn load(
    conn: &mut Connection,
    roots: &[PathBuf],
    options: WalkOptions,
    settle: Duration,
    on_batch: Option<OnBatch>,
) -> Result<(Load, LoadStats), IndexError> {
    let found = walk::walk(roots, options);
    // An empty index: every file is read (and looked at as it is opened).
    if count(conn)? == 0 {
        let stamps = vec![None; found.sources.len()];
        return finish_load(conn, found, (HashMap::new(), stamps), settle, on_batch);
    }
    // The files are looked at while the index is read.
    let (rows, stamps) = std::thread::scope(|scope| {
        let looking = scope.spawn(|| {
            found
                .sources
                .par_iter()
                .map(|s| std::fs::metadata(&s.path).ok().map(|m| Stamp::of(&m)))
                .collect::<Vec<_>>()
        });
        let rows = read_rows(conn);
        let stamps = looking
            .join()
            .unwrap_or_else(|_| vec![None; found.sources.len()]);
        (rows, stamps)
    });
    finish_load(conn, found, (rows?, stamps), settle, on_batch)
}

/// The load of what the walk found, given the index's rows and the files'
/// stamps now.
fn finish_load(
    conn: &mut Connection,
    found: walk::Found,
    (mut rows, stamps): (HashMap<Vec<u8>, Row>, Vec<Option<Stamp>>),
    settle: Duration,
    mut on_batch: Option<OnBatch>,
) -> Result<(Load, LoadStats), IndexError> {
    let read_at = SystemTime::now();
    let total = found.sources.len();
    let mut seen: Vec<Seen> = Vec::with_capacity(total);
    let deps = Deps::of(found.sites.iter());
    // A batch at a time, so that a reader shows posts as they arrive.
    for (sources, stamps) in found.sources.chunks(BATCH).zip(stamps.chunks(BATCH)) {
        let batch = see(sources, stamps, &rows, &deps);
        if let Some(on_batch) = on_batch.as_deref_mut() {
            on_batch(Batch {
                seen: &batch,
                done: seen.len() + batch.len(),
                total,
            });
        }
        seen.extend(batch);
    }
    let mut stats = LoadStats::default();
    for source in &found.sources {
        rows.remove(&path_bytes(&source.path));
    }
    stats.removed = rows.len();
    let removed: Vec<i64> = rows.values().map(|r| r.doc).collect();
    drop(rows);
    let changed = seen.iter().any(|s| matches!(s, Seen::Read { .. }));
    let docs = if changed || !removed.is_empty() {
        write_files(conn, &found.sources, &seen, &removed, (read_at, settle)).ok()
    } else {
        None
    };
    let mut outcomes = Vec::with_capacity(seen.len());
    for (i, (seen, source)) in seen.into_iter().zip(&found.sources).enumerate() {
        let (mut outcome, doc, modified) = match seen {
            Seen::Kept { doc, outcome } => {
                stats.kept += 1;
                (outcome, Some(doc), stamps[i].map(|s| s.modified()))
            }
            Seen::Read { outcome, stamp, .. } => {
                stats.read += 1;
                let doc = docs.as_ref().and_then(|d| d[i]);
                (outcome, doc, stamp.map(|s| s.modified()))
            }
        };
        loader::date_by_file(&mut outcome, &source.place, modified);
        if let Outcome::Post(post) = &mut outcome {
            post.doc = doc.and_then(|d| u32::try_from(d).ok());
        }
        outcomes.push(outcome);
    }
    let mut load = loader::finish(outcomes, found.problems, found.skipped);
    load.special = found.special;
    load.sites = found.sites;
    if docs.is_some() || needs_ranks(conn) {
        // Only an order: failing to save it costs the next start its
        // first rows, nothing else.
        let _ = write_ranks(conn, &load);
        super::db::checkpoint(conn);
    }
    Ok((load, stats))
}

/// Files looked at per batch.
const BATCH: usize = 2048;

/// Called with each batch of files as it is read.
pub type OnBatch<'a> = &'a mut (dyn FnMut(Batch<'_>) + Send);

/// A batch of files just looked at.
pub struct Batch<'b> {
    seen: &'b [Seen],
    /// Files looked at so far.
    pub done: usize,
    /// Files there are.
    pub total: usize,
}

impl Batch<'_> {
    /// The batch's posts (copies: the load keeps its own).
    pub fn posts(&self) -> Vec<Post> {
        self.seen
            .iter()
            .filter_map(|s| match s {
                Seen::Kept {
                    outcome: Outcome::Post(p),
                    ..
                }
                | Seen::Read {
                    outcome: Outcome::Post(p),
                    ..
                } => Some(Post::clone(p)),
                _ => None,
            })
            .collect()
    }
}

/// Each file of `sources` (with its stamp now): kept, or read when it,
/// or an include its search text took in, changed.
fn see(
    sources: &[Source],
    stamps: &[Option<Stamp>],
    rows: &HashMap<Vec<u8>, Row>,
    deps: &Deps,
) -> Vec<Seen> {
    sources
        .par_iter()
        .zip(stamps)
        .map(|(source, stamp)| {
            let key = path_bytes(&source.path);
            let row = rows.get(&key);
            if let (Some(row), Some(stamp)) = (row, stamp)
                && row.settled
                && row.stamp == *stamp
                && row.source == source_key(source)
                && let Some(outcome) = record::decode(row.doc, &source.path, &row.record)
                && deps_of(deps, source, &outcome) == row.deps
            {
                return Seen::Kept {
                    doc: row.doc,
                    outcome,
                };
            }
            let (outcome, meta) = loader::read_source(source, Keep::default());
            Seen::Read {
                deps: deps_of(deps, source, &outcome),
                outcome,
                stamp: meta.map(|m| Stamp::of(&m)),
            }
        })
        .collect()
}

/// What the search text of `outcome`, read from `source`, depends on
/// beside its file.
fn deps_of(deps: &Deps, source: &Source, outcome: &Outcome) -> i64 {
    match outcome {
        Outcome::Post(post) => deps.of_post(source.site.as_deref(), post),
        _ => 0,
    }
}

fn read_rows(conn: &Connection) -> Result<HashMap<Vec<u8>, Row>, IndexError> {
    let mut stmt = conn.prepare(
        "SELECT path, doc, dev, ino, size, mtime_ns, ctime_ns, settled, source, record, deps
         FROM files",
    )?;
    let mut rows = HashMap::new();
    let mut query = stmt.query([])?;
    while let Some(r) = query.next()? {
        let path: Vec<u8> = r.get(0)?;
        rows.insert(
            path,
            Row {
                doc: r.get(1)?,
                stamp: Stamp {
                    dev: r.get::<_, i64>(2)? as u64,
                    ino: r.get::<_, i64>(3)? as u64,
                    size: r.get::<_, i64>(4)? as u64,
                    mtime_ns: r.get(5)?,
                    ctime_ns: r.get(6)?,
                },
                settled: r.get(7)?,
                source: r.get(8)?,
                record: r.get(9)?,
                deps: r.get(10)?,
            },
        );
    }
    Ok(rows)
}

/// Save the files read and forget the removed ones, in one transaction;
/// the document number of each file read (by walk order).
fn write_files(
    conn: &mut Connection,
    sources: &[Source],
    seen: &[Seen],
    removed: &[i64],
    (read_at, settle): (SystemTime, Duration),
) -> Result<Vec<Option<i64>>, IndexError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // The date order saved no longer covers every file.
    tx.execute("DELETE FROM meta WHERE key = 'ranked'", [])?;
    let mut docs = vec![None; seen.len()];
    {
        let mut forget = tx.prepare_cached("DELETE FROM files WHERE doc = ?1")?;
        let mut forget_text = tx.prepare_cached("DELETE FROM texts WHERE doc = ?1")?;
        let mut forget_state = tx.prepare_cached("DELETE FROM text_docs WHERE doc = ?1")?;
        for doc in removed {
            forget.execute([doc])?;
            forget_text.execute([doc])?;
            forget_state.execute([doc])?;
        }
        let mut old = tx.prepare_cached("SELECT doc FROM files WHERE path = ?1")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO files
             (doc, path, dev, ino, size, mtime_ns, ctime_ns, settled, source, record, deps)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        // Numbers are never reused; this transaction holds the write lock.
        let mut next: i64 = tx
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'files'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        for (i, (seen, source)) in seen.iter().zip(sources).enumerate() {
            let Seen::Read {
                outcome,
                stamp,
                deps,
            } = seen
            else {
                continue;
            };
            let key = path_bytes(&source.path);
            // The file's earlier document (another reader may have saved
            // it meanwhile): its postings no longer count.
            let earlier: Option<i64> = old.query_row([&key], |r| r.get(0)).ok();
            if let Some(doc) = earlier {
                forget.execute([doc])?;
                forget_text.execute([doc])?;
                forget_state.execute([doc])?;
            }
            let Some(stamp) = stamp else {
                continue;
            };
            next += 1;
            insert.execute(params![
                next,
                key,
                stamp.dev as i64,
                stamp.ino as i64,
                stamp.size as i64,
                stamp.mtime_ns,
                stamp.ctime_ns,
                stamp.settled(read_at, settle),
                source_key(source),
                record::encode(next, &source.path, outcome),
                deps,
            ])?;
            docs[i] = Some(next);
        }
    }
    tx.commit()?;
    Ok(docs)
}

/// Whether files were saved since the date order was.
fn needs_ranks(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM meta WHERE key = 'ranked')",
        [],
        |r| r.get(0),
    )
    .unwrap_or(false)
}

/// Save the posts' date order, for the next start's first rows.
fn write_ranks(conn: &mut Connection, load: &Load) -> Result<(), IndexError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM ranks", [])?;
    {
        let mut set = tx.prepare_cached("INSERT INTO ranks (rank, doc) VALUES (?1, ?2)")?;
        for (rank, post) in load.posts.iter().enumerate() {
            if let Some(doc) = post.doc {
                set.execute(params![rank as i64, i64::from(doc)])?;
            }
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('ranked', '')",
        [],
    )?;
    tx.commit()?;
    Ok(())
}

/// The first `limit` posts in the date order of the last complete load,
/// as the index holds them (not checked against the files: a start shows
/// them while the files are checked).
pub(super) fn first_posts(
    conn: &Connection,
    limit: usize,
) -> Result<Vec<crate::post::Post>, IndexError> {
    let mut stmt = conn.prepare(
        "SELECT path, files.doc, record FROM ranks JOIN files ON files.doc = ranks.doc
         ORDER BY rank LIMIT ?1",
    )?;
    let mut rows = stmt.query([limit as i64])?;
    let mut posts = Vec::new();
    while let Some(r) = rows.next()? {
        let path = record::path_from_bytes(&r.get::<_, Vec<u8>>(0)?);
        let doc: i64 = r.get(1)?;
        if let Some(Outcome::Post(mut post)) = record::decode(doc, &path, &r.get::<_, Vec<u8>>(2)?)
        {
            post.doc = u32::try_from(doc).ok();
            posts.push(*post);
        }
    }
    Ok(posts)
}

/// The number of files the index knows.
pub(super) fn count(conn: &Connection) -> Result<usize, IndexError> {
    Ok(conn.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))? as usize)
}
