//! Stopwords: function words that carry no topic, flagged on tokens so term counts can skip them.
//!
//! Entries are matched on the token's `norm` form ([`crate::normalize::norm`]): the list entry
//! «στο» matches «ΣΤΟ», «Στο» and «στό». An entry ending in an apostrophe-like character is an
//! elided form («γι'», «απ'», «σ'»). Greek texts type that apostrophe in many ways (’ ʼ ' ´ ‘ ′ `
//! and the Greek koronis, psili and tonos), so elided entries are kept without their apostrophe in a
//! set of their own and match any token that is such a stem followed by exactly one
//! apostrophe-like character. A bare «γι» without an apostrophe is not a stopword.

use std::path::Path;

use rustc_hash::FxHashSet;

use crate::greek::{is_elision_mark, MAX_ELISION_MARK_LEN};
use crate::normalize::norm;

/// The shipped Modern Greek list.
const GREEK_LIST: &str = include_str!("../stopwords/el.txt");

/// Stopword lookups run once per token on short keys: FxHash beats SipHash there, and the
/// set is fixed, so hash flooding cannot grow it.
type FxSet = FxHashSet<Box<str>>;

/// A set of stopwords, looked up by `norm` form.
#[derive(Clone, Debug, Default)]
pub struct Stopwords {
    /// Whole words, in `norm` form.
    words: FxSet,
    /// Elided words in `norm` form without their apostrophe («γι», «απ»).
    elided: FxSet,
    /// Byte length of the longest key (plus room for an apostrophe), so that longer tokens —
    /// most content words — are rejected without hashing.
    max_len: usize,
}

impl Stopwords {
    /// The Modern Greek list shipped with elpipe (`stopwords/el.txt`).
    pub fn greek() -> Stopwords {
        Stopwords::parse(GREEK_LIST)
    }

    /// Reads a list in the format of `stopwords/el.txt`: one word per line, `#` starts a comment.
    pub fn from_file(path: &Path) -> crate::Result<Stopwords> {
        let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Stopwords::parse(&text))
    }

    /// Parses a list: one word per line, accents and case as one likes; everything from `#` to
    /// the end of a line is a comment; blank lines are ignored.
    pub fn parse(text: &str) -> Stopwords {
        let mut set = Stopwords::default();
        for line in text.lines() {
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() {
                continue;
            }
            let normed = norm(entry);
            match normed.strip_suffix(is_elision_mark) {
                Some(stem) if !stem.is_empty() => set.insert_elided(stem),
                _ => set.insert(normed.into_boxed_str()),
            }
        }
        set
    }

    fn insert(&mut self, key: Box<str>) {
        self.max_len = self.max_len.max(key.len());
        self.words.insert(key);
    }

    /// `norm` writes a sigma before an elision mark as σ («σ’»), so an elided stem is stored
    /// with a non-final sigma whatever the list wrote.
    fn insert_elided(&mut self, stem: &str) {
        self.max_len = self.max_len.max(stem.len() + MAX_ELISION_MARK_LEN);
        match stem.strip_suffix('ς') {
            Some(base) => self.elided.insert(format!("{base}σ").into_boxed_str()),
            None => self.elided.insert(stem.into()),
        };
    }

    /// Whether the token whose `norm` form is `norm` is a stopword.
    pub fn contains_norm(&self, norm: &str) -> bool {
        if norm.is_empty() || norm.len() > self.max_len {
            return false;
        }
        if self.words.contains(norm) {
            return true;
        }
        match norm.strip_suffix(is_elision_mark) {
            Some(stem) => self.elided.contains(stem),
            None => false,
        }
    }

    /// Number of distinct keys (whole words plus elided stems).
    pub fn len(&self) -> usize {
        self.words.len() + self.elided.len()
    }

    /// True when the list has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.elided.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_stop(list: &Stopwords, token: &str) -> bool {
        list.contains_norm(&norm(token))
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        let list = Stopwords::greek();
        let tokens = "στο Στο ΣΤΟ στό Είναι ΕΙΝΑΙ είναι Ένας ΑΥΤΟΣ";
        for token in tokens.split_whitespace() {
            assert!(is_stop(&list, token), "{token}");
        }
    }

    #[test]
    fn content_words_are_not_stopwords() {
        let list = Stopwords::greek();
        let tokens = "κυβέρνηση Αθήνα Μητσοτάκης Tesla σταθμός ' ’";
        for token in tokens.split_whitespace().chain([""]) {
            assert!(!is_stop(&list, token), "{token}");
        }
    }

    #[test]
    fn every_shipped_category_is_covered() {
        let list = Stopwords::greek();
        let samples =
            "των μιας εμείς μου τους εκείνων οποίας κάποιον στους στης από χωρίς και αλλά θα να \
            ας δεν μην μη ήταν έχουν είχε πολύ πιο ήδη όμως επίσης ό,τι κ. Κ. π.χ. σύμφωνα";
        for token in samples.split_whitespace() {
            assert!(is_stop(&list, token), "{token}");
        }
    }

    #[test]
    fn elided_forms_match_every_apostrophe() {
        let list = Stopwords::greek();
        for stem in ["γι", "απ", "σ", "Σ", "κατ", "ΜΕΤ"] {
            for apostrophe in ['\'', '’', 'ʼ', '´', '‘', '′', '`', '᾽', '᾿', '΄'] {
                let token = format!("{stem}{apostrophe}");
                assert!(is_stop(&list, &token), "{token}");
            }
        }
    }

    #[test]
    fn elided_stems_need_their_apostrophe() {
        let list = Stopwords::greek();
        assert!(!is_stop(&list, "γι"));
        assert!(!is_stop(&list, "απ"));
        assert!(!is_stop(&list, "γι''"));
        assert!(!is_stop(&list, "'γι"));
        // an ordinary word followed by an apostrophe is still not a stopword
        assert!(!is_stop(&list, "σπίτι’"));
    }

    #[test]
    fn parse_ignores_comments_and_blank_lines() {
        let list = Stopwords::parse("# header\n\n  Λοιπόν  \nόμως # trailing comment\nαπ’\n#και\n");
        assert!(is_stop(&list, "λοιπον"));
        assert!(is_stop(&list, "ΟΜΩΣ"));
        assert!(is_stop(&list, "απ'"));
        assert!(!is_stop(&list, "και"));
        assert!(!is_stop(&list, "# header"));
        assert_eq!(list.len(), 3);
    }

    #[test]
    fn a_lone_apostrophe_entry_is_a_word_not_an_empty_stem() {
        let list = Stopwords::parse("'\n");
        assert!(list.contains_norm("'"));
        assert!(!list.contains_norm("’"));
    }

    #[test]
    fn every_entry_of_the_shipped_file_matches_itself() {
        let list = Stopwords::greek();
        let mut entries = 0;
        for line in GREEK_LIST.lines() {
            let entry = line.split('#').next().unwrap_or("").trim();
            if !entry.is_empty() {
                entries += 1;
                assert!(is_stop(&list, entry), "{entry}");
                // in capitals «ΣΤ'» is the numeral 6 with its keraia, not the elided «στ'», and
                // «Π.Χ.» a dotted acronym: spelled another way for `norm`
                let upper = entry.to_uppercase();
                let numeral = crate::normalize::spelling_variant(&upper).is_some();
                assert!(numeral || is_stop(&list, &upper), "{entry}");
            }
        }
        assert!(entries > 450, "{entries}");
    }

    #[test]
    fn empty_list_matches_nothing() {
        let list = Stopwords::parse("");
        assert!(list.is_empty());
        assert!(!list.contains_norm("και"));
    }

    #[test]
    fn from_file_reads_a_list_and_reports_a_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.txt");
        std::fs::write(&path, "ΤΕΣΤ\nγι’\n").unwrap();
        let list = Stopwords::from_file(&path).unwrap();
        assert!(is_stop(&list, "τεστ"));
        assert!(is_stop(&list, "γι'"));
        let missing = dir.path().join("absent.txt");
        match Stopwords::from_file(&missing) {
            Err(crate::Error::Io { path, .. }) => assert_eq!(path, missing),
            other => panic!("expected an Io error, got {other:?}"),
        }
    }
}
