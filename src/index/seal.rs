//! A checksum around each value the index stores: SQLite notices a damaged
//! page structure, not a changed byte inside a value, and a changed byte
//! must never show as a wrong post or a wrong search result.

/// `bytes` with their CRC-32 in front.
pub(super) fn seal(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 4);
    out.extend_from_slice(&crc32fast::hash(&bytes).to_le_bytes());
    out.extend_from_slice(&bytes);
    out
}

/// The bytes sealed in `sealed`, when their checksum holds.
pub(super) fn unseal(sealed: &[u8]) -> Option<&[u8]> {
    let (sum, bytes) = sealed.split_first_chunk::<4>()?;
    (crc32fast::hash(bytes) == u32::from_le_bytes(*sum)).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_changed_byte_is_noticed() {
        let sealed = seal("제주항공 운항".as_bytes().to_vec());
        assert_eq!(unseal(&sealed), Some("제주항공 운항".as_bytes()));
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x10;
            assert_eq!(unseal(&bad), None, "byte {i}");
        }
        assert_eq!(unseal(&sealed[..3]), None);
    }
}
