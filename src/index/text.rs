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
use super::grams::{self, Plan};
use super::seal::{seal, unseal};
use crate::search::SearchText;

/// A search text as stored: its parts, compressed, sealed.
pub(super) fn encode_text(text: &SearchText) -> Vec<u8> {
    let (squeezed, initials) = text.parts();
    let plain = postcard::to_allocvec(&(squeezed, initials)).unwrap_or_default();
    seal(lz4_flex::compress_prepend_size(&plain))
}

pub(super) fn decode_text(bytes: &[u8]) -> Option<SearchText> {
    let plain = lz4_flex::decompress_size_prepended(unseal(bytes)?).ok()?;
    let (text, initials): (String, Option<String>) = postcard::from_bytes(&plain).ok()?;
    Some(SearchText::from_parts(text, initials))
}

fn encode_bitmap(bitmap: &RoaringBitmap) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(bitmap.serialized_size());
    // Writing into a Vec cannot fail.
    let _ = bitmap.serialize_into(&mut bytes);
    seal(bytes)
}

fn decode_bitmap(bytes: &[u8]) -> Result<RoaringBitmap, IndexError> {
    unseal(bytes)
        .and_then(|b| RoaringBitmap::deserialize_from(b).ok())
        .ok_or(IndexError::Damaged)
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
    let mut stmt = conn.prepare_cached("SELECT docs FROM segments")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        all |= decode_bitmap(r.get_ref(0)?.as_blob().map_err(|_| IndexError::Damaged)?)?;
    }
    Ok(all)
}

/// Store `texts` as one segment with their postings (or, with `pending`,
/// as texts alone). Documents whose file the index no longer has are left
/// out: another reader found them changed.
pub(super) fn add(
    conn: &mut Connection,
    texts: &[(u32, SearchText)],
    pending: bool,
) -> Result<(), IndexError> {
    if texts.is_empty() {
        return Ok(());
    }
    let postings = if pending {
        None
    } else {
        Some(build_postings(texts))
    };
    let encoded: Vec<Vec<u8>> = {
        use rayon::prelude::*;
        texts.par_iter().map(|(_, t)| encode_text(t)).collect()
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let segment: Option<i64> = match &postings {
        Some((docs, keys)) => {
            tx.execute(
                "INSERT INTO segments (docs) VALUES (?1)",
                [encode_bitmap(docs)],
            )?;
            let id = tx.last_insert_rowid();
            let mut insert =
                tx.prepare_cached("INSERT INTO grams (key, segment, docs) VALUES (?1, ?2, ?3)")?;
            for (key, bitmap) in keys {
                insert.execute(params![*key as i64, id, encode_bitmap(bitmap)])?;
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
        for ((doc, _), bytes) in texts.iter().zip(encoded) {
            let doc = i64::from(*doc);
            insert.execute(params![doc, bytes])?;
            state.execute(params![doc, segment])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// The postings of `texts`: the documents, and for each key its documents.
fn build_postings(texts: &[(u32, SearchText)]) -> (RoaringBitmap, Vec<(u64, RoaringBitmap)>) {
    use rayon::prelude::*;
    // Keys are made in parallel, a chunk at a time (each document's keys
    // are thousands of numbers); the bitmaps grow on one thread.
    let mut map: HashMap<u64, RoaringBitmap> = HashMap::with_capacity(1 << 16);
    let mut docs = RoaringBitmap::new();
    for chunk in texts.chunks(256) {
        let keyed: Vec<(u32, Vec<u64>)> = chunk
            .par_iter()
            .map_init(
                || Vec::with_capacity(4096),
                |chars, (doc, text)| {
                    let mut keys = Vec::with_capacity(4096);
                    grams::keys_of(text, chars, &mut keys);
                    (*doc, keys)
                },
            )
            .collect();
        for (doc, keys) in keyed {
            docs.insert(doc);
            for key in keys {
                map.entry(key).or_default().insert(doc);
            }
        }
    }
    let mut keys: Vec<(u64, RoaringBitmap)> = map.into_iter().collect();
    keys.sort_unstable_by_key(|(k, _)| *k);
    (docs, keys)
}

/// Read access to postings and texts.
pub(super) struct Postings<'c> {
    conn: &'c Connection,
}

impl<'c> Postings<'c> {
    pub fn new(conn: &'c Connection) -> Postings<'c> {
        Postings { conn }
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
            .prepare_cached("SELECT docs FROM grams WHERE key = ?1")?;
        let mut rows = stmt.query([key as i64])?;
        let mut all = RoaringBitmap::new();
        while let Some(r) = rows.next()? {
            all |= decode_bitmap(r.get_ref(0)?.as_blob().map_err(|_| IndexError::Damaged)?)?;
        }
        cache.insert(key, all.clone());
        Ok(all)
    }

    /// The documents among `within` that the plan's postings allow.
    pub fn candidates(
        &self,
        plan: &Plan,
        within: &RoaringBitmap,
        cache: &mut HashMap<u64, RoaringBitmap>,
    ) -> Result<RoaringBitmap, IndexError> {
        let mut result = within.clone();
        for alternatives in &plan.terms {
            let mut any = RoaringBitmap::new();
            for keys in alternatives {
                let mut all: Option<RoaringBitmap> = None;
                for &key in keys {
                    let docs = self.key(key, cache)?;
                    let next = match all {
                        None => docs & &result,
                        Some(acc) => acc & docs,
                    };
                    let empty = next.is_empty();
                    all = Some(next);
                    if empty {
                        break;
                    }
                }
                if let Some(all) = all {
                    any |= all;
                }
            }
            result &= any;
            if result.is_empty() {
                break;
            }
        }
        Ok(result)
    }

    /// The stored search text of `doc`.
    pub fn text(&self, doc: u32) -> Result<Option<SearchText>, IndexError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM texts WHERE doc = ?1")?;
        let bytes: Option<Vec<u8>> = stmt.query_row([i64::from(doc)], |r| r.get(0)).optional()?;
        match bytes {
            None => Ok(None),
            Some(b) => decode_text(&b).map(Some).ok_or(IndexError::Damaged),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_comes_back_as_it_was() {
        for s in ["제주 항공 MS 장애", "plain ascii", ""] {
            let t = SearchText::new(s);
            assert_eq!(decode_text(&encode_text(&t)), Some(t));
        }
    }
}
