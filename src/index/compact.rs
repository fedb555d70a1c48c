//! Merging the segments of postings into one.
//!
//! Rows of `grams` are ordered by segment, then key: a new segment's rows
//! are written at the end of the table (written in key order, they append;
//! keyed first they went between the rows of every older segment, a
//! write that grew with the index). Merging reads each old segment's rows
//! of a range of keys, writes their union as the new segment's and
//! deletes them, a range a transaction: a key's postings are the union of
//! its rows in all segments at every moment, so searches beside it see the
//! same documents.

use rayon::prelude::*;
use roaring::RoaringBitmap;
use rusqlite::{Connection, TransactionBehavior, params};

use super::IndexError;
use super::text::{covered, decode_bitmap, encode_bitmap, gram_key, next_segment, segment_key};

/// More segments than this are merged into one by [`tidy`].
const MAX_SEGMENTS: usize = 4;

/// Merge the segments when there are more than [`MAX_SEGMENTS`] and give
/// the pages freed back to the file system. True when it merged.
pub(super) fn tidy(conn: &mut Connection) -> Result<bool, IndexError> {
    let segments: i64 = conn.query_row("SELECT count(*) FROM segments", [], |r| r.get(0))?;
    if segments as usize <= MAX_SEGMENTS || !compact(conn)? {
        return Ok(false);
    }
    super::db::release_free_pages(conn)?;
    super::db::checkpoint(conn);
    Ok(true)
}

/// Rows merged per transaction, about.
const ROWS_AT_ONCE: usize = 50_000;

/// Merge every segment into one. Few segments make look-ups cheaper and
/// roaring bitmaps smaller: a bitmap holds 65,536 documents per container.
/// False when there was nothing to merge.
pub(super) fn compact(conn: &mut Connection) -> Result<bool, IndexError> {
    compact_by(conn, ROWS_AT_ONCE)
}

fn compact_by(conn: &mut Connection, rows_at_once: usize) -> Result<bool, IndexError> {
    let old: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM segments ORDER BY id")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let Some(&last_old) = old.last() else {
        return Ok(false);
    };
    if old.len() < 2 {
        return Ok(false);
    }
    let bounds = bounds(conn, &old, (rows_at_once / old.len()).max(1))?;
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
    // Ranges of keys, ends included: each bound starts one, the first
    // starts at the least key and the last ends at the greatest. A bound
    // is greater than the least key, so the key before it is a number.
    let starts = std::iter::once(i64::MIN).chain(bounds.iter().copied());
    let ends = bounds.iter().map(|b| b - 1).chain([i64::MAX]);
    for range in starts.zip(ends) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        merge_range(&tx, &old, id, range)?;
        tx.commit()?;
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

/// Keys that cut the largest old segment's keys into ranges of
/// `keys_at_once` (at least 1; other segments' ranges are of about the
/// same size).
fn bounds(conn: &Connection, old: &[i64], keys_at_once: usize) -> Result<Vec<i64>, IndexError> {
    let mut largest = (0, old[0]);
    for &segment in old {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM grams WHERE segment = ?1",
            [segment],
            |r| r.get(0),
        )?;
        largest = largest.max((n, segment));
    }
    let mut stmt = conn.prepare("SELECT key FROM grams WHERE segment = ?1 ORDER BY key")?;
    let keys = stmt.query_map([largest.1], |r| r.get::<_, i64>(0))?;
    let mut bounds = Vec::new();
    for (i, key) in keys.enumerate() {
        let key = key?;
        if i > 0 && i % keys_at_once == 0 {
            bounds.push(key);
        }
    }
    Ok(bounds)
}

/// Move the rows of the old segments with keys from `first` to `last`
/// into segment `id`, each key's rows as one.
fn merge_range(
    tx: &Connection,
    old: &[i64],
    id: i64,
    (first, last): (i64, i64),
) -> Result<(), IndexError> {
    let mut rows: Vec<(i64, i64, Vec<u8>)> = Vec::new();
    {
        let mut select = tx.prepare_cached(
            "SELECT key, docs FROM grams WHERE segment = ?1 AND key BETWEEN ?2 AND ?3",
        )?;
        for &segment in old {
            let mut found = select.query(params![segment, first, last])?;
            while let Some(r) = found.next()? {
                let bytes = r.get_ref(1)?.as_blob().map_err(|_| IndexError::Damaged)?;
                rows.push((r.get(0)?, segment, bytes.to_vec()));
            }
        }
    }
    // Stable: a key's rows stay in segment order (a union either way).
    rows.sort_by_key(|(k, _, _)| *k);
    // Bitmaps are decoded, joined and encoded on every core; SQLite reads
    // and writes on this one.
    let merged: Vec<(i64, Vec<u8>)> = rows
        .par_chunk_by(|a, b| a.0 == b.0)
        .map(|same| {
            let key = same[0].0;
            let mut docs = RoaringBitmap::new();
            for (_, segment, bytes) in same {
                docs |= decode_bitmap(&gram_key(key as u64, *segment), bytes)?;
            }
            Ok((key, encode_bitmap(&gram_key(key as u64, id), &docs)))
        })
        .collect::<Result<_, IndexError>>()?;
    let mut insert =
        tx.prepare_cached("INSERT INTO grams (segment, key, docs) VALUES (?1, ?2, ?3)")?;
    for (key, bytes) in &merged {
        insert.execute(params![id, key, bytes])?;
    }
    let mut delete =
        tx.prepare_cached("DELETE FROM grams WHERE segment = ?1 AND key BETWEEN ?2 AND ?3")?;
    for &segment in old {
        delete.execute(params![segment, first, last])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::index::postings::build_postings;
    use crate::index::text::{Postings, add};

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
                    "INSERT INTO files
                     (doc, path, dev, ino, size, mtime_ns, ctime_ns, settled, source, record, deps)
                     VALUES (?1, ?1, 0, 0, 0, 0, 0, 1, 0, x'', 0)",
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
        // Another connection looks up every key while the merge goes on,
        // a range a transaction: it sees the same documents throughout.
        let path = dir.path().join("i.sqlite3");
        let merged = std::thread::scope(|s| {
            let merging = s.spawn(|| compact_by(&mut conn, 7).unwrap());
            let beside = crate::index::db::open(&path).unwrap();
            while !merging.is_finished() {
                assert_eq!(lookup(&beside), before);
            }
            merging.join().unwrap()
        });
        assert!(merged);
        assert_eq!(lookup(&conn), before);
        let segments: i64 = conn
            .query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(segments, 1);
        assert_eq!(covered(&conn).unwrap().len(), 35);
        let rows_left: i64 = conn
            .query_row(
                "SELECT count(*) FROM grams WHERE segment <> (SELECT id FROM segments)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows_left, 0, "no row of an old segment is left");
    }
}
