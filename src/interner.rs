//! A set of strings numbered in insertion order, all kept in one buffer.
//!
//! The per-thread caches of word forms ([`crate::pipeline`]'s norms and stems, the tagger's
//! per-word scores) live as long as the thread, while documents come and go. Keeping their
//! strings as thousands of small heap blocks would scatter long-lived blocks among each batch's
//! short-lived ones and keep whole pages of freed batch memory from going back to the
//! allocator's pool (peak memory rose by 40 MB on a 200 MB document that way); one growing buffer
//! per cache does not.

use std::hash::{BuildHasher, BuildHasherDefault};

use hashbrown::HashTable;
use rustc_hash::FxHasher;

/// Strings numbered from 0 in insertion order. Look-up hashes the string once and compares
/// bytes only with candidates of the same hash.
#[derive(Default)]
pub(crate) struct Interner {
    /// Every string, one after the other.
    text: String,
    /// Byte range of string `i` in `text`.
    spans: Vec<(u32, u32)>,
    /// Each string's byte range and number, by hash: a look-up reads the table and the
    /// candidate's bytes, nothing else.
    table: HashTable<Slot>,
}

/// A string's byte range in `Interner::text`, its number, and its first [`HEAD`] bytes.
///
/// Most word forms are shorter than [`HEAD`] bytes (ten Greek letters), so a look-up compares
/// the slot it already has in cache and never reads `Interner::text`: `perf` had the byte
/// comparison against `text` at 10% of a one-thread run, nearly all of it waiting for memory.
#[derive(Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    number: u32,
    head: [u8; HEAD],
}

/// Bytes of a string kept in its slot: 20 makes a slot 32 bytes, two to a cache line.
const HEAD: usize = 20;

/// The first [`HEAD`] bytes of `s`, zero-padded.
fn head(s: &[u8]) -> [u8; HEAD] {
    let mut head = [0; HEAD];
    let n = s.len().min(HEAD);
    head[..n].copy_from_slice(&s[..n]);
    head
}

fn hash(s: &str) -> u64 {
    BuildHasherDefault::<FxHasher>::default().hash_one(s)
}

impl Interner {
    /// The string numbered `i`. Panics if there is none (numbers come from this interner).
    pub(crate) fn get(&self, i: u32) -> &str {
        let (start, end) = self.spans[i as usize];
        &self.text[start as usize..end as usize]
    }

    /// The number of `s`, if it was inserted.
    pub(crate) fn find(&self, s: &str) -> Option<u32> {
        let text = self.text.as_bytes();
        let bytes = s.as_bytes();
        let key_head = head(bytes);
        self.table
            .find(hash(s), |slot| {
                slot.len as usize == bytes.len()
                    && slot.head == key_head
                    && (bytes.len() <= HEAD
                        || text[slot.start as usize + HEAD..(slot.start + slot.len) as usize]
                            == bytes[HEAD..])
            })
            .map(|slot| slot.number)
    }

    /// Inserts `s`, which must not be present yet (see [`Interner::find`]), and returns its
    /// number.
    pub(crate) fn insert(&mut self, s: &str) -> u32 {
        let i = self.spans.len() as u32;
        let start = self.text.len() as u32;
        self.text.push_str(s);
        self.spans.push((start, self.text.len() as u32));
        let text = &self.text;
        let rehash =
            |slot: &Slot| hash(&text[slot.start as usize..(slot.start + slot.len) as usize]);
        let slot = Slot {
            start,
            len: s.len() as u32,
            number: i,
            head: head(s.as_bytes()),
        };
        self.table.insert_unique(hash(s), slot, rehash);
        i
    }

    /// Number of strings.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Removes every string, keeping the buffers' capacity.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.table.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_numbered_in_insertion_order_and_found_again() {
        let mut words = Interner::default();
        assert_eq!(words.find("Αθήνα"), None);
        assert_eq!(words.insert("Αθήνα"), 0);
        assert_eq!(words.insert(""), 1);
        assert_eq!(words.insert("αθήνα"), 2);
        for i in 0..1000 {
            words.insert(&format!("λέξη{i}"));
        }
        // Longer than a slot's head: equal heads, different tails.
        let long = "Παναγιωτόπουλος-Αλεξανδροπούλου";
        let other = "Παναγιωτόπουλος-Αλεξανδρόπουλος";
        assert_eq!(words.insert(long), 1003);
        assert_eq!(words.find(other), None);
        assert_eq!(words.find(&long[..HEAD]), None);
        assert_eq!(words.find(long), Some(1003));
        assert_eq!(words.find("Αθήνα"), Some(0));
        assert_eq!(words.find(""), Some(1));
        assert_eq!(words.find("αθήνα"), Some(2));
        assert_eq!(words.find("λέξη999"), Some(1002));
        assert_eq!(words.get(1002), "λέξη999");
        assert_eq!(words.find("Αθήν"), None);
        assert_eq!(words.len(), 1004);
        words.clear();
        assert_eq!(words.find("Αθήνα"), None);
        assert_eq!(words.insert("Πάτρα"), 0);
    }
}
