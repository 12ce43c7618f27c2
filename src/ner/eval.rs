//! Entity-level evaluation (CoNLL rule: an entity counts only with exact span and type).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use super::corpus::{read_iob, spans, Sentence};
use super::Tagger;
use crate::{Iob, Result};

/// True positives, false positives and false negatives of one entity type (or all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities with the gold span and type.
    pub true_positives: usize,
    /// Predicted entities without a gold entity of that span and type.
    pub false_positives: usize,
    /// Gold entities not predicted with their span and type.
    pub false_negatives: usize,
}

impl Counts {
    /// TP / (TP + FP), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// TP / (TP + FN), 0 when there is no gold entity.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// The harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-type and overall precision, recall and F1.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    /// Counts per entity type, sorted by type.
    pub per_type: Vec<(String, Counts)>,
    /// Counts over all types (micro-averaged).
    pub overall: Counts,
    /// Gold sentences scored.
    pub sentences: usize,
    /// Gold tokens scored.
    pub tokens: usize,
}

impl EvalReport {
    /// F1 over all types (micro-averaged).
    pub fn overall_f1(&self) -> f64 {
        self.overall.f1()
    }

    /// Builds the report from gold sentences and the predicted tags of each of them.
    pub(crate) fn from_predictions<'a>(
        gold: &'a [Sentence],
        predicted: impl Iterator<Item = Vec<(Iob, &'a str)>>,
    ) -> EvalReport {
        let mut per_type: BTreeMap<String, Counts> = BTreeMap::new();
        let mut tokens = 0;
        for (sentence, tags) in gold.iter().zip(predicted) {
            tokens += sentence.words.len();
            let gold_spans = sentence.entities();
            let predicted_spans = spans(tags.into_iter());
            for span in &predicted_spans {
                let counts = per_type.entry(span.2.to_string()).or_default();
                if gold_spans.contains(span) {
                    counts.true_positives += 1;
                } else {
                    counts.false_positives += 1;
                }
            }
            for span in &gold_spans {
                if !predicted_spans.contains(span) {
                    per_type
                        .entry(span.2.to_string())
                        .or_default()
                        .false_negatives += 1;
                }
            }
        }
        let mut overall = Counts::default();
        for counts in per_type.values() {
            overall.add(counts);
        }
        EvalReport {
            per_type: per_type.into_iter().collect(),
            overall,
            sentences: gold.len(),
            tokens,
        }
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>9} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "f1", "gold"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<10} {:>9.4} {:>7.4} {:>7.4} {:>7}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_positives + c.false_negatives
            )
        };
        for (name, counts) in &self.per_type {
            row(f, name, counts)?;
        }
        row(f, "overall", &self.overall)?;
        write!(f, "({} sentences, {} tokens)", self.sentences, self.tokens)
    }
}

/// Tags the tokens of an IOB2 file and scores the result against its tags.
pub fn evaluate(tagger: &Tagger, gold: &Path) -> Result<EvalReport> {
    let sentences = read_iob(gold)?;
    Ok(evaluate_sentences(tagger, &sentences))
}

pub(crate) fn evaluate_sentences(tagger: &Tagger, sentences: &[Sentence]) -> EvalReport {
    let labels = tagger.labels();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let predicted = sentences.iter().map(|sentence| {
        words.clear();
        words.extend(sentence.words.iter().map(String::as_str));
        tagger.tag_sentence(&words, &mut out);
        out.iter()
            .map(|&(iob, label)| {
                let name = match iob {
                    Iob::O => "",
                    _ => labels.get(usize::from(label)).map_or("", |l| &**l),
                };
                (iob, name)
            })
            .collect::<Vec<_>>()
    });
    EvalReport::from_predictions(sentences, predicted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_span_and_type_are_required() {
        let text = "Η O\nΤράπεζα B-ORG\nΠειραιώς I-ORG\nκαι O\nο O\nΝίκος B-PERSON\n";
        let gold = super::super::corpus::parse_iob(text, Path::new("g")).unwrap();
        let predicted = vec![vec![
            (Iob::O, ""),
            (Iob::B, "ORG"),
            (Iob::O, ""),
            (Iob::O, ""),
            (Iob::O, ""),
            (Iob::B, "PERSON"),
        ]];
        let report = EvalReport::from_predictions(&gold, predicted.into_iter());
        let org = &report.per_type[0];
        assert_eq!(org.0, "ORG");
        assert_eq!(
            org.1,
            Counts {
                true_positives: 0,
                false_positives: 1,
                false_negatives: 1
            }
        );
        assert_eq!(report.overall.true_positives, 1);
        assert!((report.overall.precision() - 0.5).abs() < 1e-12);
        assert!((report.overall_f1() - 0.5).abs() < 1e-12);
        let table = report.to_string();
        assert!(table.contains("PERSON"), "{table}");
        assert!(table.contains("overall"), "{table}");
    }
}
