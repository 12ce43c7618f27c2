//! The tagger's hash functions: FNV-1a with a murmur finalizer, fixed by this crate.
//!
//! `std`'s hasher may change between Rust releases; these may not, because a model stores hashed
//! buckets, gazetteer Bloom-filter bits and dictionary keys. Features, gazetteers and the entity
//! dictionary all hash with these.

/// Murmur3's 64-bit finalizer: spreads every input bit over the output.
#[inline]
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A stable 64-bit hash of a byte string.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// Combines two hashes order-sensitively.
#[inline]
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_across_builds() {
        // The model stores buckets of these hashes: a change here silently breaks every model.
        assert_eq!(hash_bytes(b""), mix(0xcbf2_9ce4_8422_2325));
        assert_eq!(hash_bytes("Αθήνα".as_bytes()), 0xa701_f39a_12c2_5ff0);
        assert_ne!(combine(1, 2), combine(2, 1));
    }
}
