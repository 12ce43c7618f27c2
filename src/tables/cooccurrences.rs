//! `cooccurrences.csv`: pairs of canonical entities named in the same sentence, with the number
//! of sentences and of documents in which both appear.
//!
//! Counted in two passes over the mentions, in document and sentence order: the first finds the
//! pairs that share a sentence, the second counts the documents that name both. Only pairs that
//! share at least one sentence are listed: the pairs of every two entities of a document grow
//! with the square of its entities and say little. Names are interned, so memory grows with the
//! distinct entities and sentence pairs, not with mentions.

use rustc_hash::FxHashMap;

use super::sink::{Column, RowSink};
use super::StrMap;

/// Most distinct entities of one document whose document pairs are counted: a document naming
/// thousands of entities (a list, a table) would cost millions of look-ups.
pub const MAX_ENTITIES_PER_DOCUMENT: usize = 1000;

#[derive(Default)]
struct PairCount {
    sentences: u64,
    documents: u64,
}

#[derive(Default)]
pub struct Cooccurrences {
    names: Vec<Box<str>>,
    ids: StrMap<u32>,
    /// Pairs of entity ids, smaller id first.
    pairs: FxHashMap<(u32, u32), PairCount>,
    /// The sentence (first pass) or document (second pass) being gathered.
    current: Option<(u64, u32)>,
    group: Vec<u32>,
}

impl Cooccurrences {
    /// First pass: a mention in sentence `sentence` of document `doc`.
    pub fn add_sentence_mention(&mut self, doc: u64, sentence: u32, canonical: &str) {
        if self.current != Some((doc, sentence)) {
            self.flush_sentence();
            self.current = Some((doc, sentence));
        }
        let id = self.intern(canonical);
        self.group.push(id);
    }

    /// Second pass: a mention in document `doc`. Call after every first-pass mention.
    pub fn add_document_mention(&mut self, doc: u64, canonical: &str) {
        if self.current.is_some_and(|(_, s)| s != u32::MAX) {
            self.flush_sentence();
        }
        if self.current != Some((doc, u32::MAX)) {
            self.flush_document();
            self.current = Some((doc, u32::MAX));
        }
        if let Some(&id) = self.ids.get(canonical) {
            self.group.push(id);
        }
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    /// Distinct ids of the current group, sorted.
    fn take_group(&mut self) -> Vec<u32> {
        let mut group = std::mem::take(&mut self.group);
        group.sort_unstable();
        group.dedup();
        group
    }

    fn flush_sentence(&mut self) {
        let group = self.take_group();
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                self.pairs.entry((a, b)).or_default().sentences += 1;
            }
        }
    }

    fn flush_document(&mut self) {
        let mut group = self.take_group();
        group.truncate(MAX_ENTITIES_PER_DOCUMENT);
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                if let Some(count) = self.pairs.get_mut(&(a, b)) {
                    count.documents += 1;
                }
            }
        }
    }

    /// Writes the table, most sentences first, then most documents, then by names;
    /// `type_of` gives each entity's type.
    pub fn write<S: RowSink + ?Sized>(
        mut self,
        type_of: &dyn Fn(&str) -> String,
        out: &mut S,
    ) -> std::io::Result<()> {
        match self.current {
            Some((_, u32::MAX)) => self.flush_document(),
            Some(_) => self.flush_sentence(),
            None => {}
        }
        out.begin(&[
            Column::text("entity_a"),
            Column::category("type_a"),
            Column::text("entity_b"),
            Column::category("type_b"),
            Column::int("sentences"),
            Column::int("documents"),
        ])?;
        let names = &self.names;
        let mut rows: Vec<(&str, &str, &PairCount)> = self
            .pairs
            .iter()
            .map(|(&(a, b), count)| {
                let (a, b) = (&*names[a as usize], &*names[b as usize]);
                if a <= b {
                    (a, b, count)
                } else {
                    (b, a, count)
                }
            })
            .collect();
        rows.sort_unstable_by(|x, y| {
            y.2.sentences
                .cmp(&x.2.sentences)
                .then(y.2.documents.cmp(&x.2.documents))
                .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
        });
        for (a, b, count) in rows {
            out.text(a)?;
            out.text(&type_of(a))?;
            out.text(b)?;
            out.text(&type_of(b))?;
            out.int(count.sentences)?;
            out.int(count.documents)?;
            out.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_count_sentences_and_documents_once_each() {
        let mentions = [
            // document 0: sentence 0 names both (one of them twice), sentence 1 both again
            (0, 0, "Νίκος Δήμου"),
            (0, 0, "Αθήνα"),
            (0, 0, "Αθήνα"),
            (0, 1, "Νίκος Δήμου"),
            (0, 1, "Αθήνα"),
            // document 1: the two in different sentences; a third entity never shares one
            (1, 0, "Αθήνα"),
            (1, 2, "Νίκος Δήμου"),
            (1, 2, "Πάτρα"),
            (2, 0, "Πάτρα"),
        ];
        let mut c = Cooccurrences::default();
        for (doc, sentence, name) in mentions {
            c.add_sentence_mention(doc, sentence, name);
        }
        for (doc, _, name) in mentions {
            c.add_document_mention(doc, name);
        }
        let mut w = crate::tables::csv_writer(Vec::new());
        let type_of = |name: &str| if name.contains(' ') { "PERSON" } else { "LOC" }.to_string();
        c.write(&type_of, &mut w).unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            "entity_a,type_a,entity_b,type_b,sentences,documents\n\
             Αθήνα,LOC,Νίκος Δήμου,PERSON,2,2\n\
             Νίκος Δήμου,PERSON,Πάτρα,LOC,1,1\n"
        );
    }
}
