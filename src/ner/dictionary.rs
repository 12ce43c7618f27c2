//! A dictionary of the entity strings seen in training, matched in each sentence (longest match
//! first, left to right) to give every covered token a feature "inside a known ORG name, at its
//! start/middle/end". A window of ±2 tokens cannot see that «Ομοσπονδία … Νοσοκομεία» is one
//! name; the match can.
//!
//! Keys are hashes of the sequence of token norms, so the model stores no text. While training,
//! each sentence is matched against a dictionary built from the other folds of the training data
//! (jackknifing), otherwise the feature would be right on every training sentence and the model
//! would trust it blindly.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::binary::{ModelError, Reader, Writer};
use super::features::TokenInfo;
use super::hash::mix;

/// Longest entity, in tokens, that is stored.
pub(crate) const MAX_TOKENS: usize = 10;
/// Value bit saying that the key is a proper prefix of a stored entity.
const PREFIX: u32 = 1 << 31;

/// The position of a token inside a matched entity string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MatchPart {
    Begin = 0,
    Inside = 1,
    End = 2,
    Single = 3,
}

/// Passes already-mixed `u64` keys through unchanged.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Hash of a token sequence, extended one norm hash at a time.
#[inline]
fn extend(key: u64, norm: u64) -> u64 {
    mix(key.rotate_left(17) ^ norm.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

const EMPTY_KEY: u64 = 0x656e_7469_7479_0001;

/// Entity strings → the bit set of entity types they were tagged with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dictionary {
    entries: KeyMap<u32>,
}

impl Dictionary {
    /// Writes into each token's `entity_match` the types and part of the longest dictionary
    /// entry covering it (0 when none), matching left to right.
    pub(crate) fn annotate(&self, tokens: &mut [TokenInfo]) {
        for t in tokens.iter_mut() {
            t.entity_match = 0;
        }
        if self.entries.is_empty() {
            return;
        }
        let mut i = 0;
        while i < tokens.len() {
            let mut key = EMPTY_KEY;
            let mut best = None;
            for (j, token) in tokens.iter().enumerate().skip(i).take(MAX_TOKENS) {
                key = extend(key, token.stem);
                let Some(&value) = self.entries.get(&key) else {
                    break;
                };
                if value & !PREFIX != 0 {
                    best = Some((j + 1, value & !PREFIX));
                }
                if value & PREFIX == 0 {
                    break;
                }
            }
            match best {
                Some((end, labels)) => {
                    for (k, token) in tokens[i..end].iter_mut().enumerate() {
                        let part = match (k, end - i) {
                            (_, 1) => MatchPart::Single,
                            (0, _) => MatchPart::Begin,
                            (k, n) if k + 1 == n => MatchPart::End,
                            _ => MatchPart::Inside,
                        };
                        token.entity_match = labels << 2 | part as u32;
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// Serializes as: entry count, then (key u64, value u32) pairs sorted by key.
    pub(crate) fn write_to(&self, out: &mut Writer) {
        let mut entries: Vec<(u64, u32)> = self.entries.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.u64(entries.len() as u64);
        for (key, value) in entries {
            out.u64(key);
            out.u32(value);
        }
    }

    /// Reads what [`Dictionary::write_to`] wrote.
    pub(crate) fn read_from(input: &mut Reader) -> Result<Dictionary, ModelError> {
        let n = input.u64()?;
        let bytes = input.items(n, 12)?;
        let mut entries = KeyMap::default();
        entries.reserve(bytes.len() / 12);
        for pair in bytes.chunks_exact(12) {
            let mut key = [0; 8];
            key.copy_from_slice(&pair[..8]);
            let value = u32::from_le_bytes([pair[8], pair[9], pair[10], pair[11]]);
            entries.insert(u64::from_le_bytes(key), value);
        }
        Ok(Dictionary { entries })
    }
}

/// Counts of entity strings per fold of the training data, to build jackknifed dictionaries.
pub(crate) struct DictionaryBuilder {
    /// Per fold: key → count of each label, and count as a proper prefix (last slot).
    folds: Vec<KeyMap<Vec<u32>>>,
    n_labels: usize,
}

impl DictionaryBuilder {
    pub(crate) fn new(n_folds: usize, n_labels: usize) -> DictionaryBuilder {
        DictionaryBuilder {
            folds: (0..n_folds).map(|_| KeyMap::default()).collect(),
            n_labels,
        }
    }

    /// Records an entity of type `label` made of `tokens`, seen in `fold`.
    pub(crate) fn add(&mut self, fold: usize, tokens: &[TokenInfo], label: usize) {
        if tokens.is_empty() || tokens.len() > MAX_TOKENS || label >= self.n_labels {
            return;
        }
        let n_labels = self.n_labels;
        let map = &mut self.folds[fold];
        let mut key = EMPTY_KEY;
        for (k, token) in tokens.iter().enumerate() {
            key = extend(key, token.stem);
            let counts = map.entry(key).or_insert_with(|| vec![0; n_labels + 1]);
            if k + 1 == tokens.len() {
                counts[label] += 1;
            } else {
                counts[n_labels] += 1;
            }
        }
    }

    /// The dictionary of every fold except `excluded` (`None`: of every fold).
    pub(crate) fn build(&self, excluded: Option<usize>) -> Dictionary {
        let mut totals: KeyMap<Vec<u32>> = KeyMap::default();
        for (f, map) in self.folds.iter().enumerate() {
            if Some(f) == excluded {
                continue;
            }
            for (&key, counts) in map {
                let total = totals
                    .entry(key)
                    .or_insert_with(|| vec![0; self.n_labels + 1]);
                for (t, c) in total.iter_mut().zip(counts) {
                    *t += c;
                }
            }
        }
        let entries = totals
            .into_iter()
            .map(|(key, counts)| {
                let mut value = 0;
                for (label, &c) in counts[..self.n_labels].iter().enumerate() {
                    if c > 0 {
                        value |= 1 << label;
                    }
                }
                if counts[self.n_labels] > 0 {
                    value |= PREFIX;
                }
                (key, value)
            })
            .collect();
        Dictionary { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::token_info;
    use crate::ner::gazetteer::Gazetteer;

    fn infos(text: &str) -> Vec<TokenInfo> {
        let mut norm = String::new();
        let gazetteer = Gazetteer::empty();
        text.split(' ')
            .map(|w| token_info(w, &gazetteer, &mut norm))
            .collect()
    }

    fn builder() -> DictionaryBuilder {
        let mut builder = DictionaryBuilder::new(2, 3);
        builder.add(0, &infos("Τράπεζα Πειραιώς"), 1);
        builder.add(0, &infos("Τράπεζα της Ελλάδος"), 1);
        builder.add(1, &infos("Ελλάδος"), 0);
        builder
    }

    #[test]
    fn longest_match_wins_and_parts_are_marked() {
        let dictionary = builder().build(None);
        let mut tokens = infos("η ΤΡΑΠΕΖΑ της Ελλάδος και η Ελλάδος");
        dictionary.annotate(&mut tokens);
        let parts: Vec<u32> = tokens.iter().map(|t| t.entity_match).collect();
        let org = 1 << 1 << 2;
        let loc = 1 << 2;
        assert_eq!(
            parts,
            [
                0,
                org | MatchPart::Begin as u32,
                org | MatchPart::Inside as u32,
                org | MatchPart::End as u32,
                0,
                0,
                loc | MatchPart::Single as u32
            ]
        );
    }

    #[test]
    fn a_prefix_alone_is_no_match() {
        let dictionary = builder().build(None);
        let mut tokens = infos("Τράπεζα της");
        dictionary.annotate(&mut tokens);
        assert!(tokens.iter().all(|t| t.entity_match == 0));
    }

    #[test]
    fn excluding_a_fold_forgets_its_entities() {
        let dictionary = builder().build(Some(0));
        let mut tokens = infos("Τράπεζα Πειραιώς Ελλάδος");
        dictionary.annotate(&mut tokens);
        let parts: Vec<u32> = tokens.iter().map(|t| t.entity_match).collect();
        assert_eq!(parts, [0, 0, 1 << 2 | MatchPart::Single as u32]);
    }

    #[test]
    fn serialization_round_trips() {
        let dictionary = builder().build(None);
        let mut bytes = Vec::new();
        dictionary.write_to(&mut Writer::new(&mut bytes));
        let back = Dictionary::read_from(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back, dictionary);
        assert_eq!(back.entries.len(), 5);
    }
}
