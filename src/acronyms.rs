//! Acronyms defined in the text, and user aliases: two ways one entity goes by two names.
//!
//! A name with its acronym in parentheses, «Κίνημα Πράσινης Ανάπτυξης (ΚΙΠΑ)», or the acronym
//! with the name in parentheses, «ΚΙΠΑ (Κίνημα Πράσινης Ανάπτυξης)», defines the acronym. An
//! acronym defined for exactly one full name in the whole corpus joins that name everywhere, as
//! a bare surname joins its one full name; an acronym defined for two different names stays
//! apart. Aliases (`--aliases FILE`) are names the user knows to be one («ΝΔ» → «Νέα
//! Δημοκρατία»); they apply last, after elpipe's own merging and the acronyms.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::canonical::CanonicalMap;
use crate::normalize::norm;
use crate::{Document, Error, Result};

/// Longest acronym read inside parentheses, in code points (dots not counted).
const MAX_ACRONYM: usize = 12;
/// Most code points between the parentheses of «ΣΥΝΟΜΟΣΠΟΝΔΙΑ (ΓΣΕΕ)» worth looking at.
const MAX_PARENTHESIS: usize = 40;

/// An acronym defined in a document: `acronym` stands for the entity whose tagger label and
/// document-level canonical name are `label` and `canonical`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Definition {
    pub acronym: String,
    pub label: String,
    pub canonical: String,
}

/// The acronyms a processed document defines (its tokens must still be there).
pub fn definitions(doc: &Document) -> Vec<Definition> {
    let mut found = Vec::new();
    for e in &doc.entities {
        let (Some(first), Some(last)) = (
            doc.tokens.get(e.token_start),
            doc.tokens.get(e.token_end.wrapping_sub(1)),
        ) else {
            continue;
        };
        if !e.canonical.contains(' ') {
            continue; // a one-word name is not spelled out by an acronym
        }
        let view = doc.view_text();
        let before = view[..first.view_byte_span.start].trim_end();
        let after = view[last.view_byte_span.end..].trim_start();
        // «Name (ACR)»
        let acronym = after
            .strip_prefix('(')
            .and_then(|rest| rest.split_once(')'))
            .map(|(inner, _)| inner.trim())
            .filter(|inner| inner.chars().count() <= MAX_PARENTHESIS);
        // «ACR (Name)»
        let acronym = acronym.filter(|a| is_acronym(a)).or_else(|| {
            let before = before.strip_suffix('(')?.trim_end();
            after.starts_with(')').then_some(())?;
            let word = before.rsplit(char::is_whitespace).next()?;
            is_acronym(word).then_some(word)
        });
        if let Some(acronym) = acronym.filter(|a| spells(a, &e.canonical)) {
            found.push(Definition {
                acronym: key(acronym),
                label: e.label.to_string(),
                canonical: e.canonical.clone(),
            });
        }
    }
    found
}

/// Whether `word` is written as an acronym: two or more capital letters (Greek or Latin),
/// optionally with dots after them («ΚΚΕ», «Κ.Κ.Ε.»), nothing else.
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| *c != '.').count();
    (2..=MAX_ACRONYM).contains(&letters)
        && word
            .chars()
            .all(|c| c == '.' || (c.is_alphabetic() && c.is_uppercase()))
}

/// The form acronyms are compared in: without dots, accents or case.
fn key(acronym: &str) -> String {
    norm(&acronym.replace('.', ""))
}

/// Whether the acronym's letters spell the name: the first letters agree and the others
/// follow in the name in order («ΚΙΠΑ»: ΚΙνημα Πράσινης Ανάπτυξης; «ΠΑΣΟΚ»: ΠΑνελλήνιο ΣΟσιαλιστικό
/// Κίνημα), so that an unrelated parenthesis («Αθήνα (ΗΠΑ)») defines nothing.
fn spells(acronym: &str, name: &str) -> bool {
    let acronym = key(acronym);
    let name = norm(name);
    let mut letters = acronym.chars();
    let mut name_chars = name.chars().filter(|c| c.is_alphanumeric());
    if letters.next() != name_chars.next() {
        return false;
    }
    letters.all(|a| name_chars.any(|n| n == a))
}

/// Acronym definitions gathered over the corpus; memory grows with distinct definitions.
#[derive(Default)]
pub struct AcronymCollector {
    seen: HashSet<Definition>,
}

impl AcronymCollector {
    pub fn add(&mut self, definitions: impl IntoIterator<Item = Definition>) {
        self.seen.extend(definitions);
    }

    /// The definitions gathered, in no particular order.
    pub fn definitions(&self) -> impl Iterator<Item = &Definition> {
        self.seen.iter()
    }

    /// The acronyms defined for exactly one corpus-wide name, the names resolved with `names`.
    pub fn finish(self, names: &CanonicalMap) -> Acronyms {
        let mut full: HashMap<String, HashSet<String>> = HashMap::new();
        for d in &self.seen {
            let name = names.resolve(&d.label, &d.canonical).to_owned();
            full.entry(d.acronym.clone()).or_default().insert(name);
        }
        let map = full
            .into_iter()
            .filter_map(|(acronym, names)| {
                (names.len() == 1).then(|| (acronym, names.into_iter().next().unwrap_or_default()))
            })
            .collect();
        Acronyms { map }
    }
}

/// Acronyms and the one full name each stands for.
#[derive(Debug, Default)]
pub struct Acronyms {
    map: HashMap<String, String>,
}

impl Acronyms {
    /// The full name for a canonical name written as a defined acronym, else the name itself.
    pub fn resolve<'a>(&'a self, canonical: &'a str) -> &'a str {
        if self.map.is_empty() || !is_acronym(canonical) {
            return canonical;
        }
        self.map
            .get(&key(canonical))
            .map_or(canonical, String::as_str)
    }

    /// Number of acronyms that join a full name.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.map.len()
    }
}

/// The name a mention goes by in the tables: its corpus-wide canonical name, then the full
/// name of a defined acronym, then the user's alias.
pub struct Resolver<'n> {
    pub names: CanonicalMap,
    pub acronyms: Acronyms,
    pub aliases: &'n Aliases,
}

impl Resolver<'_> {
    /// The final name of a mention the tagger labelled `label`, whose document-level canonical
    /// name is `canonical`.
    pub fn resolve<'a>(&'a self, label: &str, canonical: &'a str) -> &'a str {
        let name = self.names.resolve(label, canonical);
        let name = self.acronyms.resolve(name);
        self.aliases.resolve(label, name)
    }
}

/// One line of an aliases file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    pub alias: String,
    pub canonical: String,
    /// When given, only mentions the tagger gave this type are renamed.
    pub label: Option<String>,
}

/// Names the user maps to other names (`--aliases FILE`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aliases {
    /// By the alias's [`norm`] (accents and case do not matter): the entries for it.
    map: HashMap<String, Vec<Alias>>,
    entries: Vec<Alias>,
}

impl Aliases {
    /// Reads a CSV file with a header naming the columns `alias` and `canonical`, and
    /// optionally `type`; blank lines are skipped.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] naming the file and line
    /// when a column is missing, a value is empty, or one alias maps to two names.
    pub fn from_file(path: &Path) -> Result<Aliases> {
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Aliases::from_reader(file, &path.display().to_string())
    }

    /// [`Aliases::from_file`] over any reader; `name` names it in errors.
    pub fn from_reader(reader: impl std::io::Read, name: &str) -> Result<Aliases> {
        let invalid = |line: u64, message: String| {
            Error::Invalid(format!("aliases {name}, line {line}: {message}"))
        };
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let header = csv
            .headers()
            .map_err(|e| invalid(1, e.to_string()))?
            .clone();
        let column = |wanted: &str| {
            header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == wanted)
        };
        let (Some(alias_at), Some(canonical_at)) = (column("alias"), column("canonical")) else {
            return Err(invalid(
                1,
                format!(
                    "the header must name the columns alias,canonical (optionally type), not {:?}",
                    header.iter().collect::<Vec<_>>()
                ),
            ));
        };
        let type_at = column("type");
        let mut aliases = Aliases::default();
        for record in csv.records() {
            let record =
                record.map_err(|e| invalid(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(str::is_empty) {
                continue;
            }
            let get = |i: usize| record.get(i).unwrap_or("").to_owned();
            let entry = Alias {
                alias: get(alias_at),
                canonical: get(canonical_at),
                label: type_at.map(get).filter(|t| !t.is_empty()),
            };
            if entry.alias.is_empty() || entry.canonical.is_empty() {
                return Err(invalid(
                    line,
                    "alias and canonical must not be empty".into(),
                ));
            }
            let same = aliases.map.entry(norm(&entry.alias)).or_default();
            if let Some(other) = same
                .iter()
                .find(|a| a.label == entry.label && a.canonical != entry.canonical)
            {
                return Err(invalid(
                    line,
                    format!(
                        "«{}» is already an alias of «{}»",
                        entry.alias, other.canonical
                    ),
                ));
            }
            same.push(entry.clone());
            aliases.entries.push(entry);
        }
        Ok(aliases)
    }

    /// The name a mention goes by: the alias's canonical name when `canonical` is an alias
    /// (for `label`, when the alias names a type), else `canonical` itself.
    pub fn resolve<'a>(&'a self, label: &str, canonical: &'a str) -> &'a str {
        if self.map.is_empty() {
            return canonical;
        }
        let Some(entries) = self.map.get(&norm(canonical)) else {
            return canonical;
        };
        entries
            .iter()
            .find(|a| a.label.as_deref() == Some(label))
            .or_else(|| entries.iter().find(|a| a.label.is_none()))
            .map_or(canonical, |a| a.canonical.as_str())
    }

    /// The entries in file order.
    pub fn entries(&self) -> &[Alias] {
        &self.entries
    }

    /// True when no alias is defined (no `--aliases` file, or one without rows).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_capitals_with_optional_dots() {
        for a in ["ΚΙΠΑ", "ΣΕΒ", "Κ.Κ.Ε.", "NATO", "ΝΔ"] {
            assert!(is_acronym(a), "{a}");
        }
        for a in ["Κ", "Πάτρα", "ΚΙΠΑ2", "ΚΙΠΑ ΝΕΑ", "", "ΑΒΓΔΕΖΗΘΙΚΛΜΝ"]
        {
            assert!(!is_acronym(a), "{a}");
        }
    }

    #[test]
    fn an_acronym_spells_its_name_from_the_first_letter_on() {
        assert!(spells("ΚΙΠΑ", "Κίνημα Πράσινης Ανάπτυξης"));
        assert!(spells("ΠΑΣΟΚ", "Πανελλήνιο Σοσιαλιστικό Κίνημα"));
        assert!(spells("ΣΕΒ", "Σύνδεσμος Ελλήνων Βιομηχάνων"));
        assert!(spells("Κ.Κ.Ε.", "Κομμουνιστικό Κόμμα Ελλάδας"));
        assert!(!spells("ΗΠΑ", "Δήμος Αθηναίων"));
        assert!(!spells("ΚΙΠΑ", "Σύνδεσμος Ελλήνων Βιομηχάνων"));
        assert!(!spells("ΑΚΙΠ", "Κίνημα Πράσινης Ανάπτυξης"));
    }

    fn definition(acronym: &str, canonical: &str) -> Definition {
        Definition {
            acronym: key(acronym),
            label: "ORG".into(),
            canonical: canonical.into(),
        }
    }

    #[test]
    fn an_acronym_joins_only_its_one_full_name() {
        let mut c = AcronymCollector::default();
        c.add([definition("ΚΙΠΑ", "Κίνημα Πράσινης Ανάπτυξης")]);
        c.add([definition("ΚΙΠΑ", "Κίνημα Πράσινης Ανάπτυξης")]);
        c.add([definition("ΕΚΑ", "Εργατικό Κέντρο Αθήνας")]);
        c.add([definition("ΕΚΑ", "Ελληνικό Κέντρο Αεροναυτικής")]);
        let acronyms = c.finish(&CanonicalMap::default());
        assert_eq!(acronyms.resolve("ΚΙΠΑ"), "Κίνημα Πράσινης Ανάπτυξης");
        assert_eq!(acronyms.resolve("Κ.Ι.Π.Α."), "Κίνημα Πράσινης Ανάπτυξης");
        assert_eq!(acronyms.resolve("ΕΚΑ"), "ΕΚΑ");
        assert_eq!(acronyms.resolve("Κίπα"), "Κίπα");
        assert_eq!(acronyms.len(), 1);
    }

    #[test]
    fn aliases_read_from_csv_match_without_accents_or_case() {
        let csv = "alias,canonical,type\nΝΔ,Νέα Δημοκρατία,\n\nΚρεμλίνο,Ρωσική κυβέρνηση,ORG\n";
        let aliases = Aliases::from_reader(csv.as_bytes(), "test.csv").unwrap();
        assert_eq!(aliases.entries().len(), 2);
        assert_eq!(aliases.resolve("ORG", "ΝΔ"), "Νέα Δημοκρατία");
        // the increment sign ∆ of PDFs is a Δ inside a Greek word (issue 17.2)
        assert_eq!(aliases.resolve("ORG", "Ν∆"), "Νέα Δημοκρατία");
        assert_eq!(aliases.resolve("ORG", "νδ"), "Νέα Δημοκρατία");
        assert_eq!(aliases.resolve("ORG", "Κρεμλίνο"), "Ρωσική κυβέρνηση");
        assert_eq!(aliases.resolve("LOC", "Κρεμλίνο"), "Κρεμλίνο");
        assert_eq!(aliases.resolve("ORG", "Αθήνα"), "Αθήνα");
    }

    #[test]
    fn bad_alias_files_are_errors_naming_the_line() {
        let no_header = Aliases::from_reader("ΝΔ,Νέα Δημοκρατία\n".as_bytes(), "a.csv");
        assert!(no_header.unwrap_err().to_string().contains("header"));
        let empty = Aliases::from_reader("alias,canonical\nΝΔ,\n".as_bytes(), "a.csv");
        assert!(empty.unwrap_err().to_string().contains("line 2"));
        let twice = Aliases::from_reader(
            "alias,canonical\nΝΔ,Νέα Δημοκρατία\nΝΔ,Νέα Δεξιά\n".as_bytes(),
            "a.csv",
        );
        assert!(twice.unwrap_err().to_string().contains("already"));
    }
}
