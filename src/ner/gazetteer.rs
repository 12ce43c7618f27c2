//! Gazetteers: word lists (ordinary lowercase words, proper nouns, first names, places,
//! organization head words, …) as one blocked Bloom filter keyed by (class, norm).
//!
//! A Bloom filter keeps the model small and its load instant: the filter is a flat bit array
//! stored inside the model file, with no hash table to rebuild. A lookup touches one 64-byte
//! block per class. False positives (about 0.5 %) only add a little noise to a feature whose
//! weight the tagger learns anyway.

use std::io::Read;

use super::binary::{ModelError, Reader, Writer};
use super::hash::{hash_bytes, mix};
use crate::normalize::norm_into;
use crate::{Error, Result};

/// The lists built by `scripts/build_gazetteers.sh`, embedded so that training works from any
/// directory. The class of a list is its index here.
const SOURCES: [(&str, &[u8]); 8] = [
    (
        "ordinary",
        include_bytes!("../../data/ner/gazetteers/ordinary.txt.gz"),
    ),
    (
        "proper",
        include_bytes!("../../data/ner/gazetteers/proper.txt.gz"),
    ),
    (
        "surname",
        include_bytes!("../../data/ner/gazetteers/surname.txt.gz"),
    ),
    (
        "firstname",
        include_bytes!("../../data/ner/gazetteers/firstname.txt.gz"),
    ),
    (
        "place",
        include_bytes!("../../data/ner/gazetteers/place.txt.gz"),
    ),
    (
        "orghead",
        include_bytes!("../../data/ner/gazetteers/orghead.txt.gz"),
    ),
    (
        "acronym",
        include_bytes!("../../data/ner/gazetteers/acronym.txt.gz"),
    ),
    (
        "calendar",
        include_bytes!("../../data/ner/gazetteers/calendar.txt.gz"),
    ),
];

/// Class 0 of the shipped lists: the norm is an ordinary lowercase Greek word.
pub(crate) const ORDINARY: u32 = 0;

/// Bits of filter per stored entry, and bits set per entry inside its block.
const BITS_PER_ENTRY: usize = 12;
const PROBES: u32 = 7;
const BLOCK_WORDS: usize = 8;

/// A set of (class, norm hash) pairs: the gazetteers as one Bloom filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Gazetteer {
    blocks: Vec<[u64; BLOCK_WORDS]>,
    classes: u32,
}

impl Gazetteer {
    /// A gazetteer that contains nothing.
    #[cfg(test)]
    pub(crate) fn empty() -> Gazetteer {
        Gazetteer::default()
    }

    /// Builds the gazetteer from the shipped lists.
    pub(crate) fn shipped() -> Result<Gazetteer> {
        let mut lists = Vec::with_capacity(SOURCES.len());
        for (name, gz) in SOURCES {
            let mut text = String::new();
            flate2::read::GzDecoder::new(gz)
                .read_to_string(&mut text)
                .map_err(|e| Error::Invalid(format!("gazetteer {name}: {e}")))?;
            lists.push(text);
        }
        Ok(Gazetteer::from_lists(
            lists
                .iter()
                .map(|text| text.lines().filter(|l| !l.is_empty())),
        ))
    }

    /// Builds a gazetteer where class `k` holds the norms of the words the `k`-th list yields.
    pub(crate) fn from_lists<'a, L, W>(lists: L) -> Gazetteer
    where
        L: IntoIterator<Item = W> + Clone,
        W: IntoIterator<Item = &'a str>,
    {
        let mut norm = String::new();
        let mut keys = Vec::new();
        let mut classes = 0;
        for (class, words) in lists.into_iter().enumerate() {
            classes = class as u32 + 1;
            for word in words {
                norm.clear();
                norm_into(word, &mut norm);
                keys.push(key(class as u32, hash_bytes(norm.as_bytes())));
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let n_blocks = (keys.len() * BITS_PER_ENTRY)
            .div_ceil(64 * BLOCK_WORDS)
            .max(1);
        let mut gazetteer = Gazetteer {
            blocks: vec![[0; BLOCK_WORDS]; n_blocks],
            classes,
        };
        for k in keys {
            gazetteer.insert(k);
        }
        gazetteer
    }

    fn insert(&mut self, key: u64) {
        let block = self.block_index(key);
        let mut bits = mix(key);
        for _ in 0..PROBES {
            let bit = (bits & 511) as usize;
            self.blocks[block][bit / 64] |= 1 << (bit % 64);
            bits >>= 9;
        }
    }

    fn contains(&self, key: u64) -> bool {
        let block = &self.blocks[self.block_index(key)];
        let mut bits = mix(key);
        for _ in 0..PROBES {
            let bit = (bits & 511) as usize;
            if block[bit / 64] & (1 << (bit % 64)) == 0 {
                return false;
            }
            bits >>= 9;
        }
        true
    }

    fn block_index(&self, key: u64) -> usize {
        (((key >> 32) * self.blocks.len() as u64) >> 32) as usize
    }

    /// The classes (bit `k` for class `k`) whose list holds the word with this norm hash.
    #[inline]
    pub(crate) fn classes(&self, norm_hash: u64) -> u32 {
        if self.blocks.is_empty() {
            return 0;
        }
        let mut found = 0;
        for class in 0..self.classes {
            if self.contains(key(class, norm_hash)) {
                found |= 1 << class;
            }
        }
        found
    }

    /// Serializes as: class count, block count, then the blocks' words, little-endian.
    pub(crate) fn write_to(&self, out: &mut Writer) {
        out.u32(self.classes);
        out.u64(self.blocks.len() as u64);
        for &word in self.blocks.iter().flatten() {
            out.u64(word);
        }
    }

    /// Reads what [`Gazetteer::write_to`] wrote.
    pub(crate) fn read_from(input: &mut Reader) -> Result<Gazetteer, ModelError> {
        let classes = input.u32()?;
        if classes > 32 {
            return Err(ModelError::OutOfRange {
                what: "the number of gazetteer classes",
                value: u64::from(classes),
                range: "0..=32",
            });
        }
        let n_blocks = input.u64()?;
        let bytes = input.items(n_blocks, BLOCK_WORDS * 8)?;
        let blocks = bytes
            .chunks_exact(BLOCK_WORDS * 8)
            .map(|block| {
                let mut words = [0u64; BLOCK_WORDS];
                for (w, b) in words.iter_mut().zip(block.chunks_exact(8)) {
                    *w = u64::from_le_bytes(b.try_into().unwrap_or_default());
                }
                words
            })
            .collect();
        Ok(Gazetteer { blocks, classes })
    }
}

fn key(class: u32, norm_hash: u64) -> u64 {
    mix(norm_hash ^ u64::from(class + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm_hash(word: &str) -> u64 {
        hash_bytes(crate::normalize::norm(word).as_bytes())
    }

    #[test]
    fn members_are_found_in_their_class_only() {
        let places = ["Αθήνα", "Πειραιάς", "Βόλος"];
        let names = ["Γιώργος", "Ελένη"];
        let gazetteer = Gazetteer::from_lists([places.to_vec(), names.to_vec()]);
        assert_eq!(gazetteer.classes(norm_hash("ΑΘΗΝΑ")), 0b01);
        assert_eq!(gazetteer.classes(norm_hash("Ελένη")), 0b10);
        assert_eq!(gazetteer.classes(norm_hash("καρέκλα")), 0);
    }

    #[test]
    fn false_positive_rate_is_low() {
        let words: Vec<String> = (0..20_000).map(|i| format!("λέξη{i}")).collect();
        let gazetteer = Gazetteer::from_lists([words.iter().map(String::as_str)]);
        assert!(words.iter().all(|w| gazetteer.classes(norm_hash(w)) == 1));
        let false_hits = (0..20_000)
            .filter(|i| gazetteer.classes(norm_hash(&format!("άλλη{i}"))) != 0)
            .count();
        assert!(false_hits < 200, "{false_hits} false positives in 20000");
    }

    #[test]
    fn shipped_lists_know_ordinary_words_and_places() {
        let gazetteer = Gazetteer::shipped().unwrap();
        assert_ne!(gazetteer.classes(norm_hash("σπίτι")) & (1 << ORDINARY), 0);
        assert_ne!(gazetteer.classes(norm_hash("Θεσσαλονίκης")) & (1 << 4), 0);
        assert_ne!(gazetteer.classes(norm_hash("Υπουργείου")) & (1 << 5), 0);
    }

    #[test]
    fn serialization_round_trips() {
        let gazetteer = Gazetteer::from_lists([["Αθήνα"].to_vec()]);
        let mut bytes = Vec::new();
        gazetteer.write_to(&mut Writer::new(&mut bytes));
        let back = Gazetteer::read_from(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back, gazetteer);
    }
}
