//! A checksum around each value the index stores: SQLite notices a damaged
//! page structure, not a changed byte inside a value, and a changed byte
//! must never show as a wrong post or a wrong search result.

/// `bytes` with their CRC-32 in front. The checksum also covers `key`
/// (what the value is stored under, kept in other columns), so a value
/// that moved to another key is noticed too.
pub(super) fn seal(key: &[u8], bytes: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 4);
    out.extend_from_slice(&sum(key, &bytes).to_le_bytes());
    out.extend_from_slice(&bytes);
    out
}

/// The bytes sealed in `sealed` under `key`, when their checksum holds.
pub(super) fn unseal<'a>(key: &[u8], sealed: &'a [u8]) -> Option<&'a [u8]> {
    let (stored, bytes) = sealed.split_first_chunk::<4>()?;
    (sum(key, bytes) == u32::from_le_bytes(*stored)).then_some(bytes)
}

fn sum(key: &[u8], bytes: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(key);
    hasher.update(bytes);
    hasher.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_changed_byte_is_noticed() {
        let sealed = seal(b"k1", "제주항공 운항".as_bytes().to_vec());
        assert_eq!(unseal(b"k1", &sealed), Some("제주항공 운항".as_bytes()));
        assert_eq!(unseal(b"k2", &sealed), None, "another key");
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x10;
            assert_eq!(unseal(b"k1", &bad), None, "byte {i}");
        }
        assert_eq!(unseal(b"k1", &sealed[..3]), None);
    }
}
