//! `entities.csv`: one row per counted mention, with its corpus-wide canonical name.
//!
//! Corpus-wide canonical names are known only after the last document, so mentions are first
//! spooled to a temporary file (memory stays flat), then read back once, resolved and written.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::sink::{Column, RowSink};
use super::slot;
use crate::Document;

pub const COLUMNS: [&str; 8] = [
    "doc_id",
    "sentence",
    "start",
    "end",
    "text",
    "type",
    "canonical",
    "tagged_type",
];

/// A mention as spooled during the run: enough to write its row and feed the aggregates.
/// Written with borrowed strings (no copy per mention), read back owned.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Mention<S = String> {
    /// Position of the document in the input, to count distinct documents cheaply.
    pub doc_index: u64,
    pub doc_id: S,
    pub sentence: u32,
    pub start: usize,
    pub end: usize,
    pub text: S,
    pub label: S,
    /// Canonical name from the document alone, resolved corpus-wide at the end.
    pub canonical: S,
    /// Value of the `--group-by` field for the document, or empty.
    pub group: S,
}

/// Spools the mentions of a document that count (all of them when `keep_duplicate_lines`)
/// and returns how many there were.
pub fn spool(
    doc: &Document,
    doc_index: u64,
    group: &str,
    keep_duplicate_lines: bool,
    out: &mut csv::Writer<Vec<u8>>,
) -> csv::Result<usize> {
    let mut count = 0;
    for e in &doc.entities {
        if e.duplicate_line && !keep_duplicate_lines {
            continue;
        }
        out.serialize(Mention {
            doc_index,
            doc_id: doc.id.as_str(),
            sentence: e.sentence,
            start: e.start,
            end: e.end,
            text: e.text.as_str(),
            label: &*e.label,
            canonical: e.canonical.as_str(),
            group,
        })?;
        count += 1;
    }
    Ok(count)
}

/// Votes for the type of each canonical entity: the tagger may call «Κρεμλίνο» ORG in one
/// sentence and LOC in another, but a frequency table needs one entity, under its most frequent
/// type (ties go to the alphabetically first).
#[derive(Default)]
pub struct TypeVotes {
    votes: HashMap<Box<str>, Vec<(Box<str>, u64)>>,
}

impl TypeVotes {
    pub fn add(&mut self, canonical: &str, label: &str) {
        let votes = slot(&mut self.votes, canonical);
        match votes.iter_mut().find(|(l, _)| &**l == label) {
            Some((_, n)) => *n += 1,
            None => votes.push((label.into(), 1)),
        }
    }

    /// The winning type of `canonical`, or `label` when it was never voted for.
    pub fn winner<'a>(&'a self, canonical: &str, label: &'a str) -> &'a str {
        self.votes
            .get(canonical)
            .and_then(|votes| {
                votes
                    .iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            })
            .map_or(label, |(l, _)| l)
    }
}

/// The columns and their types: the entity types are categories.
pub fn columns() -> Vec<Column> {
    COLUMNS
        .iter()
        .map(|&name| match name {
            "sentence" | "start" | "end" => Column::int(name),
            "type" | "tagged_type" => Column::category(name),
            _ => Column::text(name),
        })
        .collect()
}

/// Writes a mention's `entities.csv` row with its resolved canonical name and type.
pub fn write_row<S: RowSink + ?Sized>(
    m: &Mention,
    canonical: &str,
    label: &str,
    out: &mut S,
) -> std::io::Result<()> {
    out.text(&m.doc_id)?;
    out.int(u64::from(m.sentence))?;
    out.int(m.start as u64)?;
    out.int(m.end as u64)?;
    out.text(&m.text)?;
    out.text(label)?;
    out.text(canonical)?;
    out.text(&m.label)?;
    out.end_row()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_type_wins_ties_alphabetically() {
        let mut votes = TypeVotes::default();
        votes.add("Κρεμλίνο", "ORG");
        votes.add("Κρεμλίνο", "LOC");
        assert_eq!(votes.winner("Κρεμλίνο", "ORG"), "LOC");
        votes.add("Κρεμλίνο", "ORG");
        assert_eq!(votes.winner("Κρεμλίνο", "LOC"), "ORG");
        assert_eq!(votes.winner("Αθήνα", "LOC"), "LOC");
    }
}
