//! `entity_keyness.csv`: which entities are key to one group (a month, an outlet) against the
//! rest of the corpus.
//!
//! For an entity named `a` times in a group of `c` word tokens and `b` times in the rest of the
//! corpus, of `d` word tokens:
//!
//! - **log-likelihood** (Dunning 1993, in the two-corpus form of Rayson & Garside 2000,
//!   "Comparing corpora using frequency profiling", ACL Workshop on Comparing Corpora):
//!   expected counts `E1 = c·(a+b)/(c+d)`, `E2 = d·(a+b)/(c+d)`, and
//!   `G2 = 2·(a·ln(a/E1) + b·ln(b/E2))`, a term with a zero count being zero. G2 is written
//!   negative when the entity is rarer in the group than expected (`a < E1`), as AntConc marks
//!   negative keywords, so that sorting by it puts the group's key entities first. With one
//!   degree of freedom, |G2| ≥ 3.84 is significant at p < 0.05, ≥ 6.63 at p < 0.01, ≥ 15.13 at
//!   p < 0.0001.
//! - **log ratio** (Hardie 2014, "Log Ratio: an informal introduction", CASS, Lancaster):
//!   `log2((a/c) / (b/d))`, the binary log of the ratio of relative frequencies: +1 means twice
//!   as frequent in the group, −1 half as frequent. A zero count is replaced by 0.5 so that the
//!   ratio stays finite; it is left empty when the rest of the corpus has no words (one group).

use std::collections::HashMap;

use super::frequencies::EntityFrequencies;
use super::sink::{Column, RowSink};
use super::totals::{GroupTotals, STAT_DECIMALS};

/// The keyness of an entity in a group against the rest of the corpus.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Keyness {
    /// `E1`: the mentions expected in the group were the entity spread evenly over word tokens.
    pub expected: f64,
    /// Signed G2: negative when the entity is rarer in the group than expected.
    pub log_likelihood: f64,
    /// Hardie's log ratio; `None` when a corpus part has no words.
    pub log_ratio: Option<f64>,
}

/// Keyness of an entity named `a` times in a part of `c` word tokens and `b` times in the
/// other part, of `d` word tokens (see the module documentation for the formulas).
pub fn keyness(a: u64, b: u64, c: u64, d: u64) -> Keyness {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    let total = c + d;
    let (e1, e2) = if total > 0.0 {
        (c * (a + b) / total, d * (a + b) / total)
    } else {
        (0.0, 0.0)
    };
    let term = |observed: f64, expected: f64| {
        if observed > 0.0 && expected > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    let g2 = 2.0 * (term(a, e1) + term(b, e2));
    let log_likelihood = if a < e1 { -g2 } else { g2 };
    /// Hardie's substitute for a zero count.
    const ZERO_COUNT: f64 = 0.5;
    let log_ratio = (c > 0.0 && d > 0.0).then(|| {
        let a = if a == 0.0 { ZERO_COUNT } else { a };
        let b = if b == 0.0 { ZERO_COUNT } else { b };
        ((a / c) / (b / d)).log2()
    });
    Keyness {
        expected: e1,
        log_likelihood,
        log_ratio,
    }
}

/// Writes `entity_keyness.csv`: the group field, then
/// `canonical,type,mentions,other_mentions,expected,log_likelihood,log_ratio`, one row per
/// entity named in a group, sorted by group, then G2 descending, then name.
pub fn write<S: RowSink + ?Sized>(
    frequencies: &EntityFrequencies,
    totals: &GroupTotals,
    group_field: &str,
    out: &mut S,
) -> std::io::Result<()> {
    out.begin(&[
        Column::text(group_field),
        Column::text("canonical"),
        Column::category("type"),
        Column::int("mentions"),
        Column::int("other_mentions"),
        Column::float("expected", STAT_DECIMALS),
        Column::float("log_likelihood", STAT_DECIMALS),
        Column::float("log_ratio", STAT_DECIMALS),
    ])?;
    let mut corpus_mentions: HashMap<(&str, &str), u64> = HashMap::new();
    for (_, canonical, label, mentions) in frequencies.entries() {
        *corpus_mentions.entry((canonical, label)).or_default() += mentions;
    }
    let corpus_words = totals.corpus().words;
    let mut rows: Vec<(&str, &str, &str, u64, u64, Keyness)> = frequencies
        .entries()
        .map(|(group, canonical, label, a)| {
            let b = corpus_mentions[&(canonical, label)] - a;
            let c = totals.group(group).words;
            let d = corpus_words - c;
            (group, canonical, label, a, b, keyness(a, b, c, d))
        })
        .collect();
    rows.sort_unstable_by(|x, y| {
        x.0.cmp(y.0)
            .then(y.5.log_likelihood.total_cmp(&x.5.log_likelihood))
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    for (group, canonical, label, a, b, k) in rows {
        out.text(group)?;
        out.text(canonical)?;
        out.text(label)?;
        out.int(a)?;
        out.int(b)?;
        out.float(Some(k.expected), STAT_DECIMALS)?;
        out.float(Some(k.log_likelihood), STAT_DECIMALS)?;
        out.float(k.log_ratio, STAT_DECIMALS)?;
        out.end_row()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-5
    }

    #[test]
    fn log_likelihood_and_log_ratio_match_hand_computed_values() {
        // a=10 in 1,000 words, b=10 in 9,000: E1 = 1000·20/10000 = 2, E2 = 18,
        // G2 = 2·(10·ln 5 + 10·ln(10/18)) = 20.433025, LR = log2(0.01/0.0011111) = log2 9.
        let k = keyness(10, 10, 1000, 9000);
        assert!(close(k.expected, 2.0));
        assert!(close(k.log_likelihood, 20.433025), "{k:?}");
        assert!(close(k.log_ratio.unwrap(), 9f64.log2()), "{k:?}");
    }

    #[test]
    fn a_zero_count_adds_nothing_to_g2_and_counts_half_in_the_log_ratio() {
        // a=5, b=0, c=d=100: E1 = 2.5, G2 = 2·5·ln 2 = 6.931472, LR = log2(5/0.5) = log2 10.
        let k = keyness(5, 0, 100, 100);
        assert!(close(k.expected, 2.5));
        assert!(close(k.log_likelihood, 6.931472), "{k:?}");
        assert!(close(k.log_ratio.unwrap(), 10f64.log2()), "{k:?}");
    }

    #[test]
    fn an_entity_rarer_than_expected_has_negative_keyness() {
        // a=1, b=99, c=d=500: E1 = 50, G2 = 2·(ln(1/50) + 99·ln(99/50)) = 127.429129.
        let k = keyness(1, 99, 500, 500);
        assert!(close(k.expected, 50.0));
        assert!(close(k.log_likelihood, -127.429129), "{k:?}");
        assert!(close(k.log_ratio.unwrap(), -(99f64.log2())), "{k:?}");
    }

    #[test]
    fn an_even_spread_is_not_key_and_one_group_has_no_ratio() {
        let k = keyness(10, 30, 1000, 3000);
        assert!(close(k.log_likelihood, 0.0));
        assert!(close(k.log_ratio.unwrap(), 0.0));
        let alone = keyness(4, 0, 100, 0);
        assert!(close(alone.log_likelihood, 0.0));
        assert_eq!(alone.log_ratio, None);
    }

    #[test]
    fn table_is_sorted_by_group_then_keyness() {
        let mut f = EntityFrequencies::default();
        let mut totals = GroupTotals::default();
        for _ in 0..10 {
            f.add("2025-01", "Αθήνα", "LOC", "Αθήνα", 0);
        }
        f.add("2025-01", "Πάτρα", "LOC", "Πάτρα", 0);
        for _ in 0..10 {
            f.add("2025-02", "Πάτρα", "LOC", "Πάτρα", 1);
        }
        f.add("2025-02", "Αθήνα", "LOC", "Αθήνα", 1);
        totals.add_words("2025-01", 1000);
        totals.add_words("2025-02", 1000);
        let mut w = crate::tables::csv_writer(Vec::new());
        write(&f, &totals, "month", &mut w).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(
            rows[0],
            "month,canonical,type,mentions,other_mentions,expected,log_likelihood,log_ratio"
        );
        assert!(
            rows[1].starts_with("2025-01,Αθήνα,LOC,10,1,5.5000,"),
            "{text}"
        );
        assert!(
            rows[2].starts_with("2025-01,Πάτρα,LOC,1,10,5.5000,-"),
            "{text}"
        );
        assert!(rows[3].starts_with("2025-02,Πάτρα,LOC,10,1,"), "{text}");
        // log2((10/1000)/(1/1000)) = log2 10
        assert!(rows[1].ends_with(",3.3219"), "{text}");
        assert_eq!(rows.len(), 5);
    }
}
