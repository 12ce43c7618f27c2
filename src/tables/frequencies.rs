//! `entity_frequencies.csv`: mentions and documents per canonical entity (and group).

use super::sink::{Column, RowSink};
use super::totals::{per_million, share, GroupTotals};
use super::{ranked, slot, StrMap};

#[derive(Default)]
struct Frequency {
    mentions: u64,
    documents: u64,
    last_doc: Option<u64>,
    variants: StrMap<u64>,
}

/// Counts of one group: type → canonical name → counts.
type GroupCounts = StrMap<StrMap<Frequency>>;

/// Decimals of the rates, as every statistic of the tables is written.
const STAT_DECIMALS: usize = super::totals::STAT_DECIMALS;

/// The columns and their types: the group field (text) first when there is one.
pub fn columns(group_field: Option<&str>) -> Vec<Column> {
    let mut columns: Vec<Column> = group_field.map(Column::text).into_iter().collect();
    columns.extend([
        Column::text("canonical"),
        Column::category("type"),
        Column::int("mentions"),
        Column::int("documents"),
        Column::text("variants"),
        Column::float("per_million_words", STAT_DECIMALS),
        Column::float("document_share", STAT_DECIMALS),
    ]);
    columns
}

/// Counts by group, then type, then canonical name; memory grows with distinct entities and
/// their spellings, not with mentions.
#[derive(Default)]
pub struct EntityFrequencies {
    counts: StrMap<GroupCounts>,
}

impl EntityFrequencies {
    /// Adds one mention. Mentions must arrive in document order.
    pub fn add(&mut self, group: &str, canonical: &str, label: &str, surface: &str, doc: u64) {
        let f = slot(slot(slot(&mut self.counts, group), label), canonical);
        f.mentions += 1;
        if f.last_doc != Some(doc) {
            f.last_doc = Some(doc);
            f.documents += 1;
        }
        // NFC and no invisible characters: two spellings that read the same are one variant
        *slot(&mut f.variants, &crate::canonical::clean_surface(surface)) += 1;
    }

    /// Every counted entity: `(group, canonical, type, mentions)`, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, &str, u64)> {
        self.counts.iter().flat_map(|(group, labels)| {
            labels.iter().flat_map(move |(label, names)| {
                names
                    .iter()
                    .map(move |(name, f)| (&**group, &**name, &**label, f.mentions))
            })
        })
    }

    /// Writes the table: with a group field, the group is the first column and rows are
    /// ordered by group; within it by mentions, then documents, descending, then by name.
    /// `per_million_words` is mentions per million word tokens of the group (of the corpus when
    /// nothing is grouped), `document_share` the documents naming the entity over the group's
    /// documents; both come from `totals`.
    pub fn write<S: RowSink + ?Sized>(
        &self,
        group_field: Option<&str>,
        totals: &GroupTotals,
        out: &mut S,
    ) -> std::io::Result<()> {
        out.begin(&columns(group_field))?;
        let mut rows: Vec<((&str, &str, &str), &Frequency)> = Vec::new();
        for (group, labels) in &self.counts {
            for (label, names) in labels {
                for (canonical, f) in names {
                    rows.push(((&**group, &**canonical, &**label), f));
                }
            }
        }
        rows.sort_unstable_by(|(ka, a), (kb, b)| {
            ka.0.cmp(kb.0)
                .then(b.mentions.cmp(&a.mentions))
                .then(b.documents.cmp(&a.documents))
                .then_with(|| (ka.1, ka.2).cmp(&(kb.1, kb.2)))
        });
        for ((group, canonical, label), f) in rows {
            if group_field.is_some() {
                out.text(group)?;
            }
            let size = match group_field {
                Some(_) => totals.group(group),
                None => totals.corpus(),
            };
            out.text(canonical)?;
            out.text(label)?;
            out.int(f.mentions)?;
            out.int(f.documents)?;
            out.text(&ranked(f.variants.iter().map(|(v, &n)| (&**v, n))))?;
            out.float(per_million(f.mentions, size.words), STAT_DECIMALS)?;
            out.float(share(f.documents, size.documents), STAT_DECIMALS)?;
            out.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(f: &EntityFrequencies, group: Option<&str>) -> String {
        let mut totals = GroupTotals::default();
        for (g, words, documents) in [("", 4000, 4), ("2026-01", 1000, 2), ("2026-02", 500, 1)] {
            totals.add_words(g, words);
            for _ in 0..documents {
                totals.add_document(g);
            }
        }
        let mut w = crate::tables::csv_writer(Vec::new());
        f.write(group, &totals, &mut w).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn counts_mentions_documents_and_variants() {
        let mut f = EntityFrequencies::default();
        f.add("", "Κυριάκος Μητσοτάκης", "PERSON", "Μητσοτάκη", 0);
        f.add(
            "",
            "Κυριάκος Μητσοτάκης",
            "PERSON",
            "Κυριάκος Μητσοτάκης",
            0,
        );
        f.add("", "Κυριάκος Μητσοτάκης", "PERSON", "Μητσοτάκη", 1);
        f.add("", "Αθήνα", "LOC", "Αθήνα", 1);
        assert_eq!(
            render(&f, None),
            "canonical,type,mentions,documents,variants,per_million_words,document_share\n\
             Κυριάκος Μητσοτάκης,PERSON,3,2,Μητσοτάκη|Κυριάκος Μητσοτάκης,545.4545,0.2857\n\
             Αθήνα,LOC,1,1,Αθήνα,181.8182,0.1429\n"
        );
    }

    #[test]
    fn group_is_the_first_column() {
        let mut f = EntityFrequencies::default();
        f.add("2026-02", "Αθήνα", "LOC", "Αθήνα", 0);
        f.add("2026-01", "Αθήνα", "LOC", "Αθήνας", 1);
        f.add("2026-01", "Αθήνα", "LOC", "Αθήνα", 2);
        assert_eq!(
            render(&f, Some("month")),
            "month,canonical,type,mentions,documents,variants,per_million_words,document_share\n\
             2026-01,Αθήνα,LOC,2,2,Αθήνα|Αθήνας,2000.0000,1.0000\n\
             2026-02,Αθήνα,LOC,1,1,Αθήνα,2000.0000,1.0000\n"
        );
    }
}
