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

use super::IndexError;
use super::grams::Plan;
use super::postings::build_postings;
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
pub(super) fn encode_bitmap(key: &[u8], bitmap: &RoaringBitmap) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(bitmap.serialized_size());
    // Writing into a Vec cannot fail.
    let _ = bitmap.serialize_into(&mut bytes);
    seal(key, bytes)
}

pub(super) fn decode_bitmap(key: &[u8], bytes: &[u8]) -> Result<RoaringBitmap, IndexError> {
    unseal(key, bytes)
        .and_then(|b| RoaringBitmap::deserialize_from(b).ok())
        .ok_or(IndexError::Damaged)
}

pub(super) fn segment_key(id: i64) -> [u8; 8] {
    id.to_le_bytes()
}

pub(super) fn gram_key(key: u64, segment: i64) -> [u8; 16] {
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
                tx.prepare_cached("INSERT INTO grams (segment, key, docs) VALUES (?1, ?2, ?3)")?;
            // In the table's order, keys as signed numbers (those of
            // initials first), so that the rows append.
            let signed = |negative: bool| {
                keys.iter()
                    .filter(move |(k, _)| ((*k as i64) < 0) == negative)
            };
            for (key, bitmap) in signed(true).chain(signed(false)) {
                let sealed = encode_bitmap(&gram_key(*key, id), bitmap);
                insert.execute(params![id, *key as i64, sealed])?;
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

    /// The documents with `key`, in any segment (one statement: one
    /// snapshot of the index).
    pub(super) fn key(
        &self,
        key: u64,
        cache: &mut HashMap<u64, RoaringBitmap>,
    ) -> Result<RoaringBitmap, IndexError> {
        if let Some(b) = cache.get(&key) {
            return Ok(b.clone());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT segment, docs FROM grams
                 WHERE segment IN (SELECT id FROM segments) AND key = ?1",
        )?;
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

/// The number the next segment gets (inside a write transaction).
pub(super) fn next_segment(tx: &Connection) -> Result<i64, IndexError> {
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
