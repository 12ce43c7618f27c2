//! Documents and word tokens per group: the denominators of the rates in
//! `entity_frequencies.csv` and `terms.csv` and of the keyness statistics.

use super::{slot, StrMap};

/// Size of one group (or of the whole corpus, the group `""` when nothing is grouped).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Documents that were processed (status `ok` or `error`; skipped ones hold no text).
    pub documents: u64,
    /// Tokens of kind `word`, every line counted (also lines repeated within a document).
    pub words: u64,
}

/// Totals by group value; memory grows with the number of groups.
#[derive(Clone, Debug, Default)]
pub struct GroupTotals {
    groups: StrMap<Totals>,
}

impl GroupTotals {
    /// Adds word tokens of a document or segment in `group`.
    pub fn add_words(&mut self, group: &str, words: u64) {
        slot(&mut self.groups, group).words += words;
    }

    /// Counts one processed document in `group`.
    pub fn add_document(&mut self, group: &str) {
        slot(&mut self.groups, group).documents += 1;
    }

    /// Adds totals counted elsewhere (another part) to `group`.
    pub fn add_totals(&mut self, group: &str, totals: Totals) {
        let t = slot(&mut self.groups, group);
        t.documents += totals.documents;
        t.words += totals.words;
    }

    /// Every group with its totals, in no particular order.
    pub fn groups(&self) -> impl Iterator<Item = (&str, Totals)> {
        self.groups.iter().map(|(g, t)| (&**g, *t))
    }

    /// The totals of one group (zero for a group never seen).
    pub fn group(&self, group: &str) -> Totals {
        self.groups.get(group).copied().unwrap_or_default()
    }

    /// The totals of the whole corpus.
    pub fn corpus(&self) -> Totals {
        self.groups.values().fold(Totals::default(), |a, t| Totals {
            documents: a.documents + t.documents,
            words: a.words + t.words,
        })
    }
}

/// `count` per million of `words`, or `None` when there are no words.
pub fn per_million(count: u64, words: u64) -> Option<f64> {
    (words > 0).then(|| count as f64 * 1e6 / words as f64)
}

/// `part / whole`, or `None` when `whole` is zero.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Digits after the point of every statistic in the tables (rates, shares, keyness).
pub const STAT_DECIMALS: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up_per_group_and_over_the_corpus() {
        let mut t = GroupTotals::default();
        t.add_words("2025-01", 100);
        t.add_document("2025-01");
        t.add_words("2025-02", 50);
        t.add_words("2025-02", 25);
        t.add_document("2025-02");
        assert_eq!(
            t.group("2025-02"),
            Totals {
                documents: 1,
                words: 75
            }
        );
        assert_eq!(t.group("none"), Totals::default());
        assert_eq!(
            t.corpus(),
            Totals {
                documents: 2,
                words: 175
            }
        );
    }

    #[test]
    fn rates_are_undefined_without_a_denominator() {
        assert_eq!(per_million(3, 1_500_000), Some(2.0));
        assert_eq!(per_million(3, 0), None);
        assert_eq!(share(1, 4), Some(0.25));
    }
}
