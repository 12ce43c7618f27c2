//! `cooccurrences.csv`: pairs of canonical entities named in the same sentence and document.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

/// Most distinct entities of one document that enter pairs: pairs grow with the square of it,
/// and a document naming thousands of entities (a list, a table) says nothing about pairs.
pub const MAX_ENTITIES_PER_DOCUMENT: usize = 1000;

type Key = (Box<str>, Box<str>);

#[derive(Default)]
struct PairCount {
    sentences: u64,
    documents: u64,
}

/// Counts pairs from mentions streamed in document and sentence order.
#[derive(Default)]
pub struct Cooccurrences {
    pairs: HashMap<(Key, Key), PairCount>,
    current: Option<(u64, u32)>,
    sentence: BTreeSet<Key>,
    document: BTreeSet<Key>,
}

impl Cooccurrences {
    /// Adds one mention of document `doc`, sentence `sentence`.
    pub fn add(&mut self, doc: u64, sentence: u32, canonical: &str, label: &str) {
        match self.current {
            Some((d, s)) if d == doc && s == sentence => {}
            Some((d, _)) => {
                self.flush_sentence();
                if d != doc {
                    self.flush_document();
                }
            }
            None => {}
        }
        self.current = Some((doc, sentence));
        let key: Key = (canonical.into(), label.into());
        if self.document.len() < MAX_ENTITIES_PER_DOCUMENT || self.document.contains(&key) {
            self.document.insert(key.clone());
            self.sentence.insert(key);
        }
    }

    fn flush_sentence(&mut self) {
        let entities = std::mem::take(&mut self.sentence);
        for_each_pair(&entities, |a, b| {
            self.pairs
                .entry((a.clone(), b.clone()))
                .or_default()
                .sentences += 1;
        });
    }

    fn flush_document(&mut self) {
        let entities = std::mem::take(&mut self.document);
        for_each_pair(&entities, |a, b| {
            self.pairs
                .entry((a.clone(), b.clone()))
                .or_default()
                .documents += 1;
        });
    }

    /// Writes the table, most sentences first, then most documents, then by names.
    pub fn write<W: Write>(mut self, out: &mut csv::Writer<W>) -> csv::Result<()> {
        self.flush_sentence();
        self.flush_document();
        out.write_record([
            "entity_a",
            "type_a",
            "entity_b",
            "type_b",
            "sentences",
            "documents",
        ])?;
        let mut rows: Vec<_> = self.pairs.into_iter().collect();
        rows.sort_unstable_by(|(ka, a), (kb, b)| {
            b.sentences
                .cmp(&a.sentences)
                .then(b.documents.cmp(&a.documents))
                .then_with(|| ka.cmp(kb))
        });
        let mut sentences = itoa::Buffer::new();
        let mut documents = itoa::Buffer::new();
        for (((a, type_a), (b, type_b)), count) in rows {
            out.write_record([
                &*a,
                &*type_a,
                &*b,
                &*type_b,
                sentences.format(count.sentences),
                documents.format(count.documents),
            ])?;
        }
        Ok(())
    }
}

/// Calls `f(a, b)` for each unordered pair with `a < b` of a sorted set.
fn for_each_pair(set: &BTreeSet<Key>, mut f: impl FnMut(&Key, &Key)) {
    let items: Vec<&Key> = set.iter().collect();
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            f(a, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_count_sentences_and_documents_once_each() {
        let mut c = Cooccurrences::default();
        // document 0: sentence 0 names both, sentence 1 names both again
        c.add(0, 0, "Αθήνα", "LOC");
        c.add(0, 0, "Νίκος Δήμου", "PERSON");
        c.add(0, 0, "Αθήνα", "LOC");
        c.add(0, 1, "Νίκος Δήμου", "PERSON");
        c.add(0, 1, "Αθήνα", "LOC");
        // document 1: the two in different sentences
        c.add(1, 0, "Αθήνα", "LOC");
        c.add(1, 2, "Νίκος Δήμου", "PERSON");
        let mut w = crate::tables::csv_writer(Vec::new());
        c.write(&mut w).unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            "entity_a,type_a,entity_b,type_b,sentences,documents\n\
             Αθήνα,LOC,Νίκος Δήμου,PERSON,2,2\n"
        );
    }
}
