//! Search texts and their postings in the index.
//!
//! Posts are indexed in segments: a batch of documents, their texts, and
//! for every n-gram key a roaring bitmap of the documents that have it.
//! A key's postings are the union of its rows in all segments. A file read
//! again gets a new document number, so postings of its old text never
//! name it; documents whose files are gone are left out by the caller,
//! who only asks about the documents of its posts. Texts stored without
//! postings yet ("pending", a few posts changed since the last start) are
//! matched one by one.

use std::collections::HashMap;

use roaring::RoaringBitmap;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rustc_hash::FxHashMap;

use super::IndexError;
use super::grams::{self, Plan};
use super::seal::{seal, unseal};
use crate::search::SearchText;

/// Zstandard's level for stored texts: fast, and about 2.5 times smaller
/// than the text for Korean news.
const ZSTD_LEVEL: i32 = 3;

/// A search text as stored for `doc`: the lowercased text it is made from
/// ([`SearchText::lower_of`]), its length and the text compressed, sealed.
/// `zstd` is reused from one text to the next (making one a text cost as
/// much as compressing a short text).
pub(super) fn encode_text(
    zstd: &mut Option<zstd::bulk::Compressor<'static>>,
    doc: u32,
    lower: &str,
) -> Vec<u8> {
    let len = u32::try_from(lower.len()).unwrap_or(u32::MAX);
    let mut bytes = len.to_le_bytes().to_vec();
    let packed = match zstd {
        Some(zstd) => zstd.compress(lower.as_bytes()),
        None => zstd::bulk::compress(lower.as_bytes(), ZSTD_LEVEL),
    };
    bytes.extend(packed.unwrap_or_default());
    seal(&doc.to_le_bytes(), bytes)
}

/// A compressor for [`encode_text`], if zstd can make one.
pub(super) fn compressor() -> Option<zstd::bulk::Compressor<'static>> {
    zstd::bulk::Compressor::new(ZSTD_LEVEL).ok()
}

/// Decompresses stored texts, reusing its state and its buffer from one
/// text to the next.
pub(super) struct Unpacker {
    zstd: Option<zstd::bulk::Decompressor<'static>>,
    buffer: Vec<u8>,
}

impl Unpacker {
    pub(super) fn new() -> Unpacker {
        Unpacker {
            zstd: zstd::bulk::Decompressor::new().ok(),
            buffer: Vec::new(),
        }
    }

    /// `f` of the lowercased text stored for `doc`.
    pub(super) fn with_lower<R>(
        &mut self,
        doc: u32,
        bytes: &[u8],
        f: impl FnOnce(&str) -> R,
    ) -> Option<R> {
        let bytes = unseal(&doc.to_le_bytes(), bytes)?;
        let (len, packed) = bytes.split_first_chunk::<4>()?;
        // The checksum held: the length is the one this index wrote.
        let len = u32::from_le_bytes(*len) as usize;
        self.buffer.clear();
        self.buffer.reserve(len);
        self.zstd
            .as_mut()?
            .decompress_to_buffer(packed, &mut self.buffer)
            .ok()?;
        simdutf8::basic::from_utf8(&self.buffer).ok().map(f)
    }
}

/// A bitmap as stored under `key` (a gram and segment, or a segment).
fn encode_bitmap(key: &[u8], bitmap: &RoaringBitmap) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(bitmap.serialized_size());
    // Writing into a Vec cannot fail.
    let _ = bitmap.serialize_into(&mut bytes);
    seal(key, bytes)
}

fn decode_bitmap(key: &[u8], bytes: &[u8]) -> Result<RoaringBitmap, IndexError> {
    unseal(key, bytes)
        .and_then(|b| RoaringBitmap::deserialize_from(b).ok())
        .ok_or(IndexError::Damaged)
}

fn segment_key(id: i64) -> [u8; 8] {
    id.to_le_bytes()
}

fn gram_key(key: u64, segment: i64) -> [u8; 16] {
    let mut out = [0; 16];
    out[..8].copy_from_slice(&key.to_le_bytes());
    out[8..].copy_from_slice(&segment.to_le_bytes());
    out
}

/// Which documents have a stored text: all of them, and those still
/// pending (no postings yet).
pub(super) fn text_state(conn: &Connection) -> Result<(RoaringBitmap, RoaringBitmap), IndexError> {
    let mut all = RoaringBitmap::new();
    let mut pending = RoaringBitmap::new();
    let mut stmt = conn.prepare_cached("SELECT doc, segment IS NULL FROM text_docs")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let doc = u32::try_from(r.get::<_, i64>(0)?).map_err(|_| IndexError::Damaged)?;
        all.insert(doc);
        if r.get::<_, bool>(1)? {
            pending.insert(doc);
        }
    }
    Ok((all, pending))
}

/// The documents that postings cover: those of every segment.
pub(super) fn covered(conn: &Connection) -> Result<RoaringBitmap, IndexError> {
    let mut all = RoaringBitmap::new();
    let mut stmt = conn.prepare_cached("SELECT id, docs FROM segments")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key = segment_key(r.get(0)?);
        all |= decode_bitmap(
            &key,
            r.get_ref(1)?.as_blob().map_err(|_| IndexError::Damaged)?,
        )?;
    }
    Ok(all)
}

/// Store `texts` as one segment with their postings (or, with `pending`,
/// as texts alone). Documents whose file the index no longer has are left
/// out: another reader found them changed.
pub(super) fn add(
    conn: &mut Connection,
    texts: &[(u32, String)],
    pending: bool,
) -> Result<(), IndexError> {
    write(conn, prepare(texts, pending))
}

/// Texts ready to be written: their postings (unless pending) and the
/// texts compressed.
pub(super) struct Prepared {
    postings: Option<(RoaringBitmap, Vec<(u64, RoaringBitmap)>)>,
    texts: Vec<(u32, Vec<u8>)>,
}

/// What [`add`] writes of `texts`, made without the database (so that it
/// can be made while another segment is written).
pub(super) fn prepare(texts: &[(u32, String)], pending: bool) -> Prepared {
    // The postings grow on one thread while the texts are compressed on
    // the others.
    let (postings, texts) = rayon::join(
        || (!pending && !texts.is_empty()).then(|| build_postings(texts)),
        || -> Vec<(u32, Vec<u8>)> {
            use rayon::prelude::*;
            texts
                .par_iter()
                .map_init(compressor, |zstd, (d, lower)| {
                    (*d, encode_text(zstd, *d, lower))
                })
                .collect()
        },
    );
    Prepared { postings, texts }
}

/// Write `prepared` as one segment (or as pending texts).
pub(super) fn write(conn: &mut Connection, prepared: Prepared) -> Result<(), IndexError> {
    let Prepared { postings, texts } = prepared;
    if texts.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let segment: Option<i64> = match &postings {
        Some((docs, keys)) => {
            // Numbers are never reused; this transaction holds the lock.
            let id = next_segment(&tx)?;
            tx.execute(
                "INSERT INTO segments (id, docs) VALUES (?1, ?2)",
                params![id, encode_bitmap(&segment_key(id), docs)],
            )?;
            let mut insert =
                tx.prepare_cached("INSERT INTO grams (key, segment, docs) VALUES (?1, ?2, ?3)")?;
            for (key, bitmap) in keys {
                let sealed = encode_bitmap(&gram_key(*key, id), bitmap);
                insert.execute(params![*key as i64, id, sealed])?;
            }
            Some(id)
        }
        None => None,
    };
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO texts (doc, text)
             SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM files WHERE doc = ?1)",
        )?;
        let mut state = tx.prepare_cached(
            "INSERT OR REPLACE INTO text_docs (doc, segment)
             SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM files WHERE doc = ?1)",
        )?;
        for (doc, bytes) in texts {
            let doc = i64::from(doc);
            insert.execute(params![doc, bytes])?;
            state.execute(params![doc, segment])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// The postings of `texts`: the documents, and for each key its documents.
fn build_postings(texts: &[(u32, String)]) -> (RoaringBitmap, Vec<(u64, RoaringBitmap)>) {
    build_postings_by(texts, PLACES)
}

/// [`build_postings`], texts taken `part` at a time (at most [`PLACES`]).
fn build_postings_by(
    texts: &[(u32, String)],
    part: usize,
) -> (RoaringBitmap, Vec<(u64, RoaringBitmap)>) {
    let docs: RoaringBitmap = texts.iter().map(|(d, _)| *d).collect();
    let mut parts = texts.chunks(part.clamp(1, PLACES)).map(postings_of);
    let first = parts.next().unwrap_or_default();
    let keys = parts.fold(first, merge_postings);
    (docs, keys)
}

/// Texts a [`Places`] can name.
const PLACES: usize = 1 << 16;

/// A key's texts as they are added, by their place among the texts: the
/// first dozen beside the key in the map. Pushing there costs a fraction
/// of adding each text to a roaring bitmap, which reached through two
/// allocations into the bitmap's containers (cache misses that were the
/// largest part of building postings).
type Places = smallvec::SmallVec<[u16; 12]>;

/// The postings of at most [`PLACES`] texts, by key.
fn postings_of(texts: &[(u32, String)]) -> Vec<(u64, RoaringBitmap)> {
    use rayon::prelude::*;
    // Keys are made in parallel, a chunk at a time (each text's keys are
    // thousands of numbers), the next chunk's while the map grows with
    // this one's on one thread.
    let mut map: FxHashMap<u64, Places> =
        FxHashMap::with_capacity_and_hasher(1 << 16, Default::default());
    let chunk_len = 256;
    let mut chunks = texts.chunks(chunk_len).enumerate();
    let mut keyed = chunks
        .next()
        .map(|(i, c)| (i * chunk_len, keys_of_chunk(c)))
        .unwrap_or_default();
    loop {
        let Some((i, next)) = chunks.next() else {
            grow(&mut map, keyed);
            break;
        };
        let growing = || grow(&mut map, keyed);
        keyed = (
            i * chunk_len,
            rayon::join(growing, || keys_of_chunk(next)).1,
        );
    }
    let docs: Vec<u32> = texts.iter().map(|(d, _)| *d).collect();
    let places: Vec<(u64, Places)> = map.into_iter().collect();
    let mut keys: Vec<(u64, RoaringBitmap)> = places
        .into_par_iter()
        .map(|(key, places)| {
            let of = places.iter().map(|&p| docs[usize::from(p)]);
            // In order unless a caller broke the promise.
            let bitmap =
                RoaringBitmap::from_sorted_iter(of.clone()).unwrap_or_else(|_| of.collect());
            (key, bitmap)
        })
        .collect();
    keys.par_sort_unstable_by_key(|(k, _)| *k);
    keys
}

/// Two key-ordered postings as one.
fn merge_postings(
    a: Vec<(u64, RoaringBitmap)>,
    b: Vec<(u64, RoaringBitmap)>,
) -> Vec<(u64, RoaringBitmap)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for (key, mut docs) in a {
        while let Some(earlier) = b.next_if(|(k, _)| *k < key) {
            out.push(earlier);
        }
        if let Some((_, same)) = b.next_if(|(k, _)| *k == key) {
            docs |= same;
        }
        out.push((key, docs));
    }
    out.extend(b);
    out
}

/// Add each text, by its place (from `start`), to its keys' postings.
fn grow(map: &mut FxHashMap<u64, Places>, (start, keyed): (usize, Vec<Vec<u64>>)) {
    for (i, keys) in keyed.into_iter().enumerate() {
        // Fewer than PLACES texts: a place fits.
        let place = (start + i) as u16;
        for key in keys {
            map.entry(key).or_default().push(place);
        }
    }
}

/// Each text's keys.
fn keys_of_chunk(chunk: &[(u32, String)]) -> Vec<Vec<u64>> {
    use rayon::prelude::*;
    chunk
        .par_iter()
        .map_init(grams::KeyScratch::default, |scratch, (_, lower)| {
            let mut keys = Vec::with_capacity(4096);
            grams::keys_of(&SearchText::from_lower(lower), scratch, &mut keys);
            keys
        })
        .collect()
}

/// Read access to postings and texts.
pub(super) struct Postings<'c> {
    conn: &'c Connection,
    unpacker: std::cell::RefCell<Unpacker>,
}

impl<'c> Postings<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Postings<'c> {
        Postings {
            conn,
            unpacker: std::cell::RefCell::new(Unpacker::new()),
        }
    }

    /// The documents with `key`, in any segment.
    fn key(
        &self,
        key: u64,
        cache: &mut HashMap<u64, RoaringBitmap>,
    ) -> Result<RoaringBitmap, IndexError> {
        if let Some(b) = cache.get(&key) {
            return Ok(b.clone());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT segment, docs FROM grams WHERE key = ?1")?;
        let mut rows = stmt.query([key as i64])?;
        let mut all = RoaringBitmap::new();
        while let Some(r) = rows.next()? {
            let sealed = gram_key(key, r.get(0)?);
            all |= decode_bitmap(
                &sealed,
                r.get_ref(1)?.as_blob().map_err(|_| IndexError::Damaged)?,
            )?;
        }
        cache.insert(key, all.clone());
        Ok(all)
    }

    /// The documents among `within` that the plan's postings allow, and
    /// among them those that surely match (the others need a check).
    pub(crate) fn candidates(
        &self,
        plan: &Plan,
        within: &RoaringBitmap,
        cache: &mut HashMap<u64, RoaringBitmap>,
    ) -> Result<(RoaringBitmap, RoaringBitmap), IndexError> {
        let mut maybe = within.clone();
        let mut sure = within.clone();
        for alternatives in &plan.terms {
            let mut any = RoaringBitmap::new();
            let mut any_sure = RoaringBitmap::new();
            for alternative in alternatives {
                let docs = if alternative.keys.is_empty() {
                    maybe.clone()
                } else {
                    self.all_of(&alternative.keys, &maybe, cache)?
                };
                if alternative.exact {
                    any_sure |= &docs;
                }
                any |= docs;
            }
            maybe &= any;
            sure &= any_sure;
            if maybe.is_empty() {
                break;
            }
        }
        sure &= &maybe;
        Ok((maybe, sure))
    }

    /// The documents among `within` with every key of `keys`.
    fn all_of(
        &self,
        keys: &[u64],
        within: &RoaringBitmap,
        cache: &mut HashMap<u64, RoaringBitmap>,
    ) -> Result<RoaringBitmap, IndexError> {
        let mut acc = within.clone();
        for &key in keys {
            acc &= self.key(key, cache)?;
            if acc.is_empty() {
                break;
            }
        }
        Ok(acc)
    }

    /// `f` of the stored lowercased text of `doc`, if it has one.
    fn with_lower<R>(&self, doc: u32, f: impl FnOnce(&str) -> R) -> Result<Option<R>, IndexError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM texts WHERE doc = ?1")?;
        let mut rows = stmt.query([i64::from(doc)])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let bytes = row.get_ref(0)?.as_blob().map_err(|_| IndexError::Damaged)?;
        let done = self.unpacker.borrow_mut().with_lower(doc, bytes, f);
        done.map(Some).ok_or(IndexError::Damaged)
    }

    /// The stored lowercased text of `doc`.
    pub(crate) fn lower(&self, doc: u32) -> Result<Option<String>, IndexError> {
        self.with_lower(doc, str::to_string)
    }

    /// The stored search text of `doc`, with its initials text only when
    /// `initials` (making it is most of the cost of a check).
    pub(crate) fn text(&self, doc: u32, initials: bool) -> Result<Option<SearchText>, IndexError> {
        self.with_lower(doc, |lower| SearchText::from_lower_partly(lower, initials))
    }
}

/// Rows merged per transaction while compacting.
const COMPACT_ROWS: i64 = 50_000;

/// Merge every segment into one, key by key, a transaction at a time (a
/// key's postings are the union of its rows in all segments at every
/// moment, so searches beside it see the same documents). Few segments
/// make look-ups cheaper and roaring bitmaps smaller: a bitmap holds 65,536
/// documents per container. False when there was nothing to merge.
pub(super) fn compact(conn: &mut Connection) -> Result<bool, IndexError> {
    compact_by(conn, COMPACT_ROWS)
}

fn compact_by(conn: &mut Connection, rows_at_once: i64) -> Result<bool, IndexError> {
    let segments: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM segments ORDER BY id")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let Some(&last_old) = segments.last() else {
        return Ok(false);
    };
    if segments.len() < 2 {
        return Ok(false);
    }
    let all = covered(conn)?;
    let id = {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = next_segment(&tx)?;
        tx.execute(
            "INSERT INTO segments (id, docs) VALUES (?1, ?2)",
            params![id, encode_bitmap(&segment_key(id), &all)],
        )?;
        tx.commit()?;
        id
    };
    let mut after = i64::MIN;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rows: Vec<(i64, i64, Vec<u8>)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT key, segment, docs FROM grams WHERE key > ?1 AND segment <= ?2
                 ORDER BY key LIMIT ?3",
            )?;
            stmt.query_map(params![after, last_old, rows_at_once], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        if rows.is_empty() {
            break;
        }
        // Unless this is the end, the last key may have rows beyond the
        // limit: it waits for the next round (a key has one row a segment,
        // far fewer than the limit).
        let complete = (rows.len() as i64) < rows_at_once;
        let last_key = rows.last().map_or(after, |r| r.0);
        let mut merged: Vec<(i64, RoaringBitmap)> = Vec::new();
        for (key, segment, bytes) in &rows {
            if !complete && *key == last_key {
                break;
            }
            let docs = decode_bitmap(&gram_key(*key as u64, *segment), bytes)?;
            match merged.last_mut() {
                Some((k, acc)) if k == key => *acc |= docs,
                _ => merged.push((*key, docs)),
            }
        }
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO grams (key, segment, docs) VALUES (?1, ?2, ?3)",
            )?;
            let mut forget =
                tx.prepare_cached("DELETE FROM grams WHERE key = ?1 AND segment <= ?2")?;
            for (key, docs) in &merged {
                insert.execute(params![
                    key,
                    id,
                    encode_bitmap(&gram_key(*key as u64, id), docs)
                ])?;
                forget.execute(params![key, last_old])?;
            }
        }
        tx.commit()?;
        match merged.last() {
            Some((k, _)) => after = *k,
            // One key with more rows than the limit: cannot happen with
            // fewer segments than that; stop rather than loop.
            None => break,
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM segments WHERE id <= ?1", [last_old])?;
    tx.execute(
        "UPDATE text_docs SET segment = ?1 WHERE segment <= ?2",
        params![id, last_old],
    )?;
    tx.commit()?;
    Ok(true)
}

/// The number the next segment gets (inside a write transaction).
fn next_segment(tx: &Connection) -> Result<i64, IndexError> {
    Ok(tx
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'segments'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .unwrap_or(0)
        + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacting_keeps_every_key_s_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::index::db::open(&dir.path().join("i.sqlite3")).unwrap();
        let words = [
            "제주 항공",
            "클라우드 장애",
            "ms 발권",
            "ㅋㅋ 마비",
            "제주항만",
        ];
        let mut all = Vec::new();
        for seg in 0..5u32 {
            let texts: Vec<(u32, String)> = (0..7u32)
                .map(|i| {
                    let doc = seg * 7 + i + 1;
                    let text = format!(
                        "{} {}",
                        words[(doc % 5) as usize],
                        words[(doc % 3) as usize]
                    );
                    (doc, text)
                })
                .collect();
            for (doc, _) in &texts {
                conn.execute(
                    "INSERT INTO files (doc, path, dev, ino, size, mtime_ns, ctime_ns, settled, source, record)
                     VALUES (?1, ?1, 0, 0, 0, 0, 0, 1, 0, x'')",
                    [i64::from(*doc)],
                )
                .unwrap();
            }
            add(&mut conn, &texts, false).unwrap();
            all.extend(texts);
        }
        let (_, keys) = build_postings(&all);
        let lookup = |conn: &Connection| -> Vec<RoaringBitmap> {
            let postings = Postings::new(conn);
            keys.iter()
                .map(|(k, _)| postings.key(*k, &mut HashMap::new()).unwrap())
                .collect()
        };
        let before = lookup(&conn);
        assert_eq!(
            before,
            keys.iter().map(|(_, b)| b.clone()).collect::<Vec<_>>()
        );
        assert!(compact_by(&mut conn, 7).unwrap());
        assert_eq!(lookup(&conn), before);
        let segments: i64 = conn
            .query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(segments, 1);
        assert_eq!(covered(&conn).unwrap().len(), 35);
    }

    #[test]
    fn postings_made_in_parts_are_the_postings_made_at_once() {
        let texts: Vec<(u32, String)> = (0..40u32)
            .map(|i| {
                let words = [
                    "제주 항공",
                    "클라우드 장애",
                    "ms 발권",
                    "ㅋㅋ 마비",
                    "🇰🇷 국기",
                ];
                (
                    i * 3 + 1,
                    format!("{} {}", words[(i % 5) as usize], words[(i % 3) as usize]),
                )
            })
            .collect();
        let whole = build_postings(&texts);
        for part in [1, 7, 39] {
            assert_eq!(build_postings_by(&texts, part), whole, "in parts of {part}");
        }
        let (docs, keys) = whole;
        assert_eq!(docs.len(), 40);
        let key = |s: &str| {
            let mut out = Vec::new();
            grams::keys_of(
                &SearchText::from_lower(s),
                &mut Default::default(),
                &mut out,
            );
            out[0]
        };
        let jeju: Vec<u32> = keys
            .iter()
            .find(|(k, _)| *k == key("제"))
            .map(|(_, b)| b.iter().collect())
            .unwrap_or_default();
        let expected: Vec<u32> = texts
            .iter()
            .filter(|(_, t)| t.contains('제'))
            .map(|(d, _)| *d)
            .collect();
        assert_eq!(jeju, expected);
    }

    #[test]
    fn a_text_comes_back_as_it_was() {
        let mut unpacker = Unpacker::new();
        for zstd in [&mut compressor(), &mut None] {
            for s in ["제주 항공 ms 장애", "plain ascii", ""] {
                let back = unpacker.with_lower(3, &encode_text(zstd, 3, s), str::to_string);
                assert_eq!(back.as_deref(), Some(s));
                assert_eq!(
                    unpacker.with_lower(4, &encode_text(zstd, 3, s), str::len),
                    None
                );
            }
        }
    }
}
