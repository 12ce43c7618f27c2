//! `entities.csv`: one row per counted mention, with its corpus-wide canonical name.
//!
//! Corpus-wide canonical names are known only after the last document, so mentions are first
//! spooled to a temporary file (memory stays flat), then read back once, resolved and written.

use serde::{Deserialize, Serialize};

use super::sink::{Column, RowSink};
use super::{slot, StrMap};
use crate::Document;

/// The columns of `entities.csv`, in order.
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
            start: e.char_start,
            end: e.char_end,
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
/// type. Mentions written in capitals (headlines) vote only when no mention of the entity is
/// written in mixed case. Ties go to the more specific type: PERSON, then ORG, then places (LOC,
/// GPE, FAC), then MISC, then other labels alphabetically.
#[derive(Default)]
pub struct TypeVotes {
    /// By canonical name, the votes of each label.
    votes: StrMap<Vec<LabelVotes>>,
}

/// A label and its votes: (label, votes of mixed-case mentions, votes of mentions in capitals).
type LabelVotes = (Box<str>, u64, u64);

impl TypeVotes {
    /// Counts one mention of `canonical` tagged `label`, written as `surface`.
    pub fn add(&mut self, canonical: &str, label: &str, surface: &str) {
        let capitals = crate::canonical::written_in_capitals(surface);
        let votes = slot(&mut self.votes, canonical);
        let i = match votes.iter().position(|(l, _, _)| &**l == label) {
            Some(i) => i,
            None => {
                votes.push((label.into(), 0, 0));
                votes.len() - 1
            }
        };
        if capitals {
            votes[i].2 += 1;
        } else {
            votes[i].1 += 1;
        }
    }

    /// The winning type of `canonical`, or `label` when it was never voted for.
    pub fn winner<'a>(&'a self, canonical: &str, label: &'a str) -> &'a str {
        use crate::canonical::EntityKind;
        self.votes
            .get(canonical)
            .and_then(|votes| {
                let mixed_case = votes.iter().any(|(_, n, _)| *n > 0);
                let count = |v: &LabelVotes| if mixed_case { v.1 } else { v.1 + v.2 };
                votes.iter().max_by(|a, b| {
                    let rank = |l: &str| EntityKind::of_label(l).tie_rank();
                    count(a)
                        .cmp(&count(b))
                        .then_with(|| rank(&b.0).cmp(&rank(&a.0)))
                        .then_with(|| b.0.cmp(&a.0))
                })
            })
            .map_or(label, |(l, _, _)| l)
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
    fn the_most_frequent_type_wins_and_ties_go_to_the_specific_type() {
        let mut votes = TypeVotes::default();
        votes.add("Κρεμλίνο", "ORG", "Κρεμλίνο");
        votes.add("Κρεμλίνο", "LOC", "Κρεμλίνο");
        assert_eq!(votes.winner("Κρεμλίνο", "LOC"), "ORG");
        votes.add("Κρεμλίνο", "LOC", "Κρεμλίνου");
        assert_eq!(votes.winner("Κρεμλίνο", "ORG"), "LOC");
        assert_eq!(votes.winner("Αθήνα", "LOC"), "LOC");
        votes.add("Μαρία Αλεξίου", "MISC", "Αλεξίου");
        votes.add("Μαρία Αλεξίου", "PERSON", "Μαρία Αλεξίου");
        assert_eq!(votes.winner("Μαρία Αλεξίου", "MISC"), "PERSON");
        votes.add("Εύβοια", "NORP", "Εύβοια");
        votes.add("Εύβοια", "MISC", "Εύβοια");
        assert_eq!(votes.winner("Εύβοια", "NORP"), "MISC");
    }

    #[test]
    fn capitals_vote_only_without_a_mixed_case_mention() {
        let mut votes = TypeVotes::default();
        votes.add("Άρης", "PERSON", "ΆΡΗΣ");
        votes.add("Άρης", "PERSON", "ΑΡΗΣ");
        votes.add("Άρης", "ORG", "Άρης");
        assert_eq!(votes.winner("Άρης", "PERSON"), "ORG");
        votes.add("ΚΚΕ", "ORG", "ΚΚΕ");
        votes.add("ΚΚΕ", "ORG", "ΚΚΕ");
        votes.add("ΚΚΕ", "LOC", "ΚΚΕ");
        assert_eq!(votes.winner("ΚΚΕ", "LOC"), "ORG");
    }
}
