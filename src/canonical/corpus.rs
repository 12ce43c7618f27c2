//! Corpus-wide merging of document-level canonical names.

use std::collections::HashMap;

use super::kind::EntityKind;
use super::spelling::{best_spelling, well_spelled};
use crate::normalize::norm;
use crate::Document;

/// Counts every distinct (label, canonical) pair of the corpus; memory grows with distinct
/// entities, not mentions.
#[derive(Default)]
pub struct CorpusCanonicalizer {
    counts: HashMap<Box<str>, HashMap<Box<str>, u64>>,
}

/// Corpus-wide canonical names, by label and document-level canonical.
#[derive(Debug, Default)]
pub struct CanonicalMap {
    map: HashMap<Box<str>, HashMap<Box<str>, Box<str>>>,
}

impl CorpusCanonicalizer {
    /// Records the canonical names of `doc`'s entities (documents are observed in input order;
    /// [`CorpusCanonicalizer::finish`] then joins short names to full ones across documents).
    pub fn observe(&mut self, doc: &Document) {
        for entity in &doc.entities {
            if entity.canonical.is_empty() {
                continue;
            }
            let names = match self.counts.get_mut(&*entity.label) {
                Some(names) => names,
                None => self.counts.entry(entity.label.as_ref().into()).or_default(),
            };
            match names.get_mut(entity.canonical.as_str()) {
                Some(n) => *n += 1,
                None => {
                    names.insert(entity.canonical.as_str().into(), 1);
                }
            }
        }
    }

    /// Every observed `(label, canonical, mentions)`, in no particular order: the state a
    /// partial result keeps (see `elpipe merge`).
    pub fn counts(&self) -> impl Iterator<Item = (&str, &str, u64)> {
        self.counts
            .iter()
            .flat_map(|(label, names)| names.iter().map(move |(name, &n)| (&**label, &**name, n)))
    }

    /// Adds `n` mentions of `canonical` tagged `label` counted elsewhere (another part).
    pub fn add_count(&mut self, label: &str, canonical: &str, n: u64) {
        let names = match self.counts.get_mut(label) {
            Some(names) => names,
            None => self.counts.entry(label.into()).or_default(),
        };
        match names.get_mut(canonical) {
            Some(count) => *count += n,
            None => {
                names.insert(canonical.into(), n);
            }
        }
    }

    /// Merges spelling variants (equal after `norm`) into their most frequent well-spelled form,
    /// and a person's bare surname into the one fuller name it belongs to in the whole corpus.
    ///
    /// A name written only in capitals or without accents under one label joins the one
    /// well-spelled, mixed-case spelling that the same name (equal after `norm`) has under other
    /// labels, whatever the tagger called each: «ΆΡΗΣ» tagged PERSON in a headline joins «Άρης»
    /// tagged ORG in the body; capitals never win when a mixed-case spelling exists.
    pub fn finish(self) -> CanonicalMap {
        let mut map = HashMap::new();
        // the mixed-case, well-spelled spellings of every name, by `norm`, over all labels
        let mut well_spelled_names: HashMap<String, Vec<&str>> = HashMap::new();
        for (label, names) in &self.counts {
            if !EntityKind::of_label(label).is_name() {
                continue;
            }
            for name in names.keys() {
                if mixed_case_well_spelled(name) {
                    let spellings = well_spelled_names.entry(norm(name)).or_default();
                    if !spellings.contains(&&**name) {
                        spellings.push(name);
                    }
                }
            }
        }
        for (label, names) in &self.counts {
            // dates, amounts and numbers keep their text: «ΜΑΪΟΥ» is no misspelling of «Μαΐου»
            if !EntityKind::of_label(label).is_name() {
                continue;
            }
            let mut groups: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            for (name, &count) in names {
                groups.entry(norm(name)).or_default().push((name, count));
            }
            // the representative spelling of each group, with the group's total count
            let mut representative: HashMap<&str, &str> = HashMap::new();
            let mut totals: Vec<(&str, u64)> = Vec::new();
            for (key, members) in groups.iter_mut() {
                members.sort_unstable();
                let mut best = best_spelling(members);
                if !mixed_case_well_spelled(best) {
                    if let Some([other]) = well_spelled_names.get(key).map(Vec::as_slice) {
                        best = other;
                    }
                }
                for (name, _) in members.iter() {
                    representative.insert(name, best);
                }
                totals.push((best, members.iter().map(|(_, c)| c).sum()));
            }
            let mut targets: HashMap<&str, &str> = HashMap::new();
            if EntityKind::of_label(label) == EntityKind::Person {
                let mut by_surname: HashMap<String, Vec<&str>> = HashMap::new();
                for &(name, _) in &totals {
                    let mut words = name.split(' ');
                    if let (Some(_), Some(last)) = (words.next(), words.next_back()) {
                        by_surname.entry(norm(last)).or_default().push(name);
                    }
                }
                for &(name, _) in &totals {
                    if name.contains(' ') {
                        continue;
                    }
                    if let Some([full]) = by_surname.get(&norm(name)).map(Vec::as_slice) {
                        targets.insert(name, full);
                    }
                }
            }
            let mut resolved: HashMap<Box<str>, Box<str>> = HashMap::new();
            for (name, best) in representative {
                let target = targets.get(best).copied().unwrap_or(best);
                if target != name {
                    resolved.insert(name.into(), target.into());
                }
            }
            if !resolved.is_empty() {
                map.insert(label.clone(), resolved);
            }
        }
        CanonicalMap { map }
    }
}

/// True for a spelling with lowercase letters that carries its accents: the spelling a capitals
/// headline or an unaccented mention of the same name gives way to.
fn mixed_case_well_spelled(name: &str) -> bool {
    name.chars().any(char::is_lowercase) && well_spelled(name)
}

impl CanonicalMap {
    /// The corpus-wide canonical name for a mention whose document-level canonical is
    /// `canonical`.
    pub fn resolve<'a>(&'a self, label: &str, canonical: &'a str) -> &'a str {
        self.map
            .get(label)
            .and_then(|names| names.get(canonical))
            .map_or(canonical, |c| c)
    }
}
