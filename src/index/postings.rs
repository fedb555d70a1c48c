//! Postings made from search texts: for every n-gram key, the documents
//! whose text has it, as a roaring bitmap.

use rayon::prelude::*;
use roaring::RoaringBitmap;
use rustc_hash::FxHashMap;

use super::grams;
use crate::search::SearchText;

/// The postings of `texts`: the documents, and for each key its documents.
pub(super) fn build_postings(
    texts: &[(u32, String)],
) -> (RoaringBitmap, Vec<(u64, RoaringBitmap)>) {
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
    chunk
        .par_iter()
        .map_init(grams::KeyScratch::default, |scratch, (_, lower)| {
            let mut keys = Vec::with_capacity(4096);
            grams::keys_of(&SearchText::from_lower(lower), scratch, &mut keys);
            keys
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
