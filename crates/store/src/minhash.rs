//! MinHash signatures and LSH band keys for near-duplicate detection.
//!
//! An article's *shingles* are the overlapping runs of [`SHINGLE`] words of
//! its body in the stem form of [`crate::analysis`] (folded, clitics and
//! light suffixes removed), so that spelling variants and re-attached
//! prepositions do not hide a copy. The signature keeps, for each of
//! [`NUM_HASHES`] hash functions, the minimum hash over the shingles; the
//! fraction of equal positions estimates the Jaccard similarity of the two
//! shingle sets. Signatures are cut into [`BANDS`] bands of [`ROWS`]
//! values; two articles that agree on a whole band are *candidates*
//! (probability 1 − (1 − J⁴)³² of meeting: 0.87 at J = 0.5, 0.99 at
//! J = 0.6, 0.06 at J = 0.2), and a candidate is accepted on its estimated
//! similarity.

use crate::analysis::Term;
use xxhash_rust::xxh3::xxh3_64;

/// Number of hash functions (signature length).
pub const NUM_HASHES: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Values per band.
pub const ROWS: usize = NUM_HASHES / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Articles with fewer shingles than this get no signature: too short to
/// tell a copy from a shared formula.
pub const MIN_SHINGLES: usize = 8;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

#[inline]
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl Signature {
    /// The signature of a text's words, or `None` when it has fewer than
    /// [`MIN_SHINGLES`] shingles.
    pub fn of_terms(terms: &[Term]) -> Option<Signature> {
        if terms.len() < SHINGLE + MIN_SHINGLES - 1 {
            return None;
        }
        let word_hashes: Vec<u64> = terms.iter().map(|t| xxh3_64(t.stem.as_bytes())).collect();
        let mut shingles: Vec<u64> = word_hashes
            .windows(SHINGLE)
            .map(|w| w.iter().fold(0x51_7cc1_b727_220a, |h, &x| splitmix(h ^ x)))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        if shingles.len() < MIN_SHINGLES {
            return None;
        }
        let mut sig = vec![u32::MAX; NUM_HASHES];
        for &s in &shingles {
            for (i, m) in sig.iter_mut().enumerate() {
                // Multiply-shift over an already well-mixed shingle hash:
                // one multiplication per hash function.
                let v = ((s ^ SEEDS[i]).wrapping_mul(SEEDS[i] | 1) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Some(Signature(sig))
    }

    /// Estimated Jaccard similarity.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / NUM_HASHES.min(self.0.len()).max(1) as f64
    }

    /// The LSH key of each band (band index mixed in, so equal values in
    /// different bands do not collide).
    pub fn band_keys(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let mut h = splitmix(b as u64 + 1);
                for &r in rows {
                    h = splitmix(h ^ r as u64);
                }
                h as i64
            })
            .collect()
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Read stored bytes back.
    pub fn from_bytes(b: &[u8]) -> Signature {
        Signature(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

const SEEDS: [u64; NUM_HASHES] = {
    let mut s = [0u64; NUM_HASHES];
    let mut i = 0;
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    while i < NUM_HASHES {
        // xorshift64*, evaluated at compile time
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s[i] = x.wrapping_mul(0x2545_f491_4f6c_dd1d);
        i += 1;
    }
    s
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;

    fn text(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("كلمة{} {salt}{}", i % 37, i))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn identical_texts_are_identical_and_bytes_round_trip() {
        let t = text(60, "س");
        let a = Signature::of_terms(&analyse(&t)).unwrap();
        let b = Signature::of_terms(&analyse(&t)).unwrap();
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(Signature::from_bytes(&a.to_bytes()), a);
        assert_eq!(a.band_keys(), b.band_keys());
    }

    #[test]
    fn light_edits_stay_similar_and_unrelated_texts_do_not() {
        let t = text(200, "س");
        let mut edited = t.clone();
        edited.push_str(" الرياض واس وكالات");
        let other = text(200, "ص");
        let a = Signature::of_terms(&analyse(&t)).unwrap();
        let b = Signature::of_terms(&analyse(&edited)).unwrap();
        let c = Signature::of_terms(&analyse(&other)).unwrap();
        assert!(a.similarity(&b) > 0.8, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
    }

    #[test]
    fn short_texts_get_no_signature() {
        assert!(Signature::of_terms(&analyse("قصف على صنعاء")).is_none());
    }
}
