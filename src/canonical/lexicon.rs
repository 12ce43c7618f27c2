//! The embedded declension lexicon of proper nouns and organization head words.
//!
//! Built by `scripts/build_canonical_data.py` from hunspell-el and modern-greek-inflexion (see
//! `data/canonical/README.md`). Parsed once, on first use, into maps keyed by `norm`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::grammar::{
    Cases, Genders, ACC, FEM, GEN, MASC, NEUT, NOM, NO_CASE, PL_ACC, PL_GEN, PL_NOM, PL_VOC,
    SINGULAR, VOC,
};
use crate::normalize::norm;

const LEXICON: &str = include_str!("../../data/canonical/lexicon.tsv");
const SURNAMES: &str = include_str!("../../data/canonical/surnames.txt");

/// How well a guessed nominative is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Attested {
    No,
    /// Spelled with other accents, or only in the surname list (less curated).
    Weak,
    /// A hunspell word, spelled exactly so.
    Strong,
}

/// A known nominative spelling and whether it comes from hunspell.
struct Known {
    spelled: Box<str>,
    hunspell: bool,
}

/// One noun: its nominative (singular, or plural for a plurale tantum) and gender.
pub(crate) struct Lexeme {
    pub nominative: Box<str>,
    /// The plural nominative, kept for head words only («Πολιτείες»).
    pub plural: Option<Box<str>>,
    pub gender: Genders,
    /// A head word of organization and place names (Υπουργείο, Τράπεζα).
    pub head: bool,
    /// Its genitive plural is attested (Ευρωπαίων): a real noun, not a case form read as one.
    pub plural_genitive: bool,
    /// A masculine in -ος that people write (Βόλος), not only a paradigm hunspell lists.
    pub written: bool,
}

/// An attested spelling of a lexeme and the cells it fills.
pub(crate) struct Form {
    pub spelled: Box<str>,
    pub lexeme: u32,
    pub cases: Cases,
}

pub(crate) struct Lexicon {
    pub lexemes: Vec<Lexeme>,
    /// Forms by `norm`.
    forms: HashMap<Box<str>, Vec<Form>>,
    /// Spellings of every word known to be a nominative (lexeme heads, undeclined proper nouns,
    /// masculine surnames), by `norm`.
    nominatives: HashMap<Box<str>, Vec<Known>>,
}

fn case_bits(letters: &str) -> Cases {
    letters.chars().fold(NO_CASE, |bits, c| {
        bits | match c {
            'n' => NOM,
            'g' => GEN,
            'a' => ACC,
            'v' => VOC,
            'N' => PL_NOM,
            'G' => PL_GEN,
            'A' => PL_ACC,
            'V' => PL_VOC,
            _ => NO_CASE,
        }
    })
}

/// Spells a form written as `<chars to drop from head><suffix>`.
fn decode(head: &str, code: &str) -> Option<String> {
    let mut chars = code.chars();
    let drop = chars.next()?.to_digit(10)? as usize;
    let keep = head.chars().count().checked_sub(drop)?;
    let mut out: String = head.chars().take(keep).collect();
    out.push_str(chars.as_str());
    Some(out)
}

impl Lexicon {
    fn parse(lexicon: &str, surnames: &str) -> Lexicon {
        let mut lex = Lexicon {
            lexemes: Vec::new(),
            forms: HashMap::default(),
            nominatives: HashMap::default(),
        };
        for line in lexicon.lines() {
            let mut fields = line.split('\t');
            let Some(head) = fields.next().filter(|h| !h.is_empty()) else {
                continue;
            };
            // a word without a paradigm is a known spelling, not surely a nominative
            lex.add_nominative(head, line.contains('\t'));
            let (Some(gender), Some(cells)) = (fields.next(), fields.next()) else {
                continue;
            };
            let head_word = gender.chars().all(char::is_uppercase);
            let written = fields.next() == Some("w");
            let gender = match gender {
                "m" | "M" => MASC,
                "f" | "F" => FEM,
                _ => NEUT,
            };
            let id = lex.lexemes.len() as u32;
            let mut plural = None;
            let mut plural_genitive = false;
            for cell in cells.split(' ') {
                let Some((code, cases)) = cell.split_once(':') else {
                    continue;
                };
                let Some(spelled) = decode(head, code) else {
                    continue;
                };
                let cases = case_bits(cases);
                plural_genitive |= cases.intersects(PL_GEN);
                if cases.intersects(PL_NOM) && !cases.intersects(SINGULAR) && spelled != head {
                    plural = Some(spelled.clone().into_boxed_str());
                }
                lex.forms
                    .entry(norm(&spelled).into_boxed_str())
                    .or_default()
                    .push(Form {
                        spelled: spelled.into_boxed_str(),
                        lexeme: id,
                        cases,
                    });
            }
            // the learned nominative of a third-declension name (Πλάτων, Παρθενών) is written
            // -ωνας today, the form a headline uses
            let modern = (head.ends_with("ων") || head.ends_with("ών"))
                && cells.split(' ').any(|c| c == "0α:a");
            let nominative: Box<str> = if modern {
                let modern = format!("{head}ας");
                lex.add_nominative(&modern, true);
                modern.into()
            } else {
                head.into()
            };
            lex.lexemes.push(Lexeme {
                nominative,
                plural,
                gender,
                head: head_word,
                plural_genitive,
                written,
            });
        }
        for surname in surnames.lines().filter(|s| !s.is_empty()) {
            lex.add_nominative(surname, false);
        }
        lex
    }

    fn add_nominative(&mut self, word: &str, hunspell: bool) {
        let spellings = self
            .nominatives
            .entry(norm(word).into_boxed_str())
            .or_default();
        if !spellings.iter().any(|s| &*s.spelled == word) {
            spellings.push(Known {
                spelled: word.into(),
                hunspell,
            });
        }
    }

    /// Every attested form, for tests that walk the whole lexicon.
    #[cfg(test)]
    pub fn all_forms(&self) -> impl Iterator<Item = &Form> {
        self.forms.values().flatten()
    }

    /// Attested forms with this `norm`.
    pub fn forms(&self, word_norm: &str) -> &[Form] {
        self.forms.get(word_norm).map_or(&[], Vec::as_slice)
    }

    /// True when `word_norm` is a case form of a head word of organization and place names.
    pub fn is_head_word(&self, word_norm: &str) -> bool {
        self.forms(word_norm)
            .iter()
            .any(|f| self.lexemes.get(f.lexeme as usize).is_some_and(|l| l.head))
    }

    /// True when `word_norm` is the accusative of a masculine head word (Δήμο, Νομό) or of a
    /// masculine name people write (Βόλο).
    pub fn is_written_masculine_accusative(&self, word_norm: &str) -> bool {
        self.forms(word_norm).iter().any(|f| {
            f.cases.intersects(ACC)
                && self
                    .lexemes
                    .get(f.lexeme as usize)
                    .is_some_and(|l| l.gender == MASC && (l.head || l.written))
        })
    }

    /// True when a lexeme with this nominative spelling has an attested genitive plural.
    pub fn has_plural_genitive(&self, spelled: &str) -> bool {
        self.forms(&norm(spelled)).iter().any(|f| {
            self.lexemes
                .get(f.lexeme as usize)
                .is_some_and(|l| l.plural_genitive && &*l.nominative == spelled)
        })
    }

    /// True when `spelled` is the nominative of a feminine lexeme (Αθηνά), so no neuter plural.
    pub fn is_feminine_noun(&self, spelled: &str) -> bool {
        self.forms(&norm(spelled)).iter().any(|f| {
            self.lexemes
                .get(f.lexeme as usize)
                .is_some_and(|l| l.gender == FEM && &*l.nominative == spelled)
        })
    }

    /// Some attested spelling of any case form with this `norm`: restores accents on a guessed
    /// nominative («Ηρακλείο» → «Ηράκλειο»).
    pub fn spelling(&self, word_norm: &str) -> Option<&str> {
        self.forms(word_norm).first().map(|f| &*f.spelled)
    }

    /// True when `spelled` is a known nominative spelled exactly so.
    pub fn knows_nominative(&self, spelled: &str) -> bool {
        self.nominative(spelled).is_some_and(|(k, _)| k == spelled)
    }

    /// The known nominative spelled like `candidate` up to accents and case (the exact spelling
    /// if known, else the first known one), and how surely it is known.
    pub fn nominative<'a>(&'a self, candidate: &str) -> Option<(&'a str, Attested)> {
        let spellings = self.nominatives.get(norm(candidate).as_str())?;
        let lower = candidate.to_lowercase();
        match spellings.iter().find(|s| s.spelled.to_lowercase() == lower) {
            Some(k) if k.hunspell => Some((&k.spelled, Attested::Strong)),
            Some(k) => Some((&k.spelled, Attested::Weak)),
            None => spellings.first().map(|k| (&*k.spelled, Attested::Weak)),
        }
    }
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON_CELL: OnceLock<Lexicon> = OnceLock::new();
    LEXICON_CELL.get_or_init(|| Lexicon::parse(LEXICON, SURNAMES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_lexeme_line_into_forms() {
        let lex = Lexicon::parse("Φίλιππος\tm\t0:n 7ιλίππου:g 1:a\tw\nΠούτιν\n", "Τσίπρας\n");
        assert!(lex.is_written_masculine_accusative("φιλιππο"));
        assert!(!lex.is_written_masculine_accusative("φιλιππου"));
        let forms = lex.forms("φιλιππου");
        assert_eq!(forms.len(), 1);
        assert_eq!(&*forms[0].spelled, "Φιλίππου");
        assert_eq!(forms[0].cases, GEN);
        assert_eq!(
            &*lex.lexemes[forms[0].lexeme as usize].nominative,
            "Φίλιππος"
        );
        assert_eq!(lex.forms("φιλιππο")[0].cases, ACC);
        assert_eq!(
            lex.nominative("Φίλιππος"),
            Some(("Φίλιππος", Attested::Strong))
        );
        assert_eq!(lex.nominative("Πούτιν"), Some(("Πούτιν", Attested::Weak)));
        assert_eq!(lex.nominative("Πουτιν"), Some(("Πούτιν", Attested::Weak)));
        assert_eq!(lex.nominative("Τσίπρας"), Some(("Τσίπρας", Attested::Weak)));
        assert_eq!(lex.nominative("Τσίπρα"), None);
    }

    #[test]
    fn embedded_lexicon_knows_common_names() {
        let lex = lexicon();
        let nominatives = |w: &str| -> Vec<&str> {
            lex.forms(&norm(w))
                .iter()
                .map(|f| &*lex.lexemes[f.lexeme as usize].nominative)
                .collect()
        };
        assert!(nominatives("Κρεμλίνου").contains(&"Κρεμλίνο"));
        assert!(nominatives("Πειραιά").contains(&"Πειραιάς"));
        assert!(nominatives("Ελλάδος").contains(&"Ελλάδα"));
        assert!(nominatives("Υπουργείου").contains(&"Υπουργείο"));
        assert_eq!(lex.nominative("Θάσος"), Some(("Θάσος", Attested::Weak)));
        assert_eq!(
            lex.nominative("Κρεμλίνο"),
            Some(("Κρεμλίνο", Attested::Strong))
        );
        assert!(lex.is_head_word("υπουργειου"));
        assert!(!lex.is_head_word("κρεμλινου"));
    }

    /// The genders of the lexemes headed by exactly `nominative`.
    fn genders_of(nominative: &str) -> Genders {
        let lex = lexicon();
        lex.forms(&norm(nominative))
            .iter()
            .filter_map(|f| lex.lexemes.get(f.lexeme as usize))
            .filter(|l| &*l.nominative == nominative)
            .fold(super::super::grammar::NO_GENDER, |genders, l| {
                genders | l.gender
            })
    }

    #[test]
    fn embedded_lexicon_keeps_the_real_member_of_mirror_pairs() {
        // feminine names and places, not masculines made of their genitives
        for feminine in ["Μαρίνα", "Ελλάδα", "Κρήτη", "Τουρκοκύπρια", "Σταυρούλα"]
        {
            assert_eq!(genders_of(feminine), FEM, "{feminine}");
        }
        for mirror in ["Μαρίνας", "Τουρκοκύπριας", "Σταυρούλας", "Βαλκάνιας"]
        {
            assert!(genders_of(mirror).is_empty(), "{mirror}");
        }
        // masculine names and places, not feminines made of their genitives
        for masculine in ["Σωκράτης", "Πειραιάς", "Περικλής", "Τουρκοκύπριος"]
        {
            assert_eq!(genders_of(masculine), MASC, "{masculine}");
        }
        for mirror in ["Σωκράτη", "Πειραιά", "Περικλή"] {
            assert!(genders_of(mirror).is_empty(), "{mirror}");
        }
        // neuter places in -ο, not masculines in -ος
        for neuter in ["Στρασβούργο", "Κρεμλίνο", "Βυζάντιο"] {
            assert_eq!(genders_of(neuter), NEUT, "{neuter}");
        }
        assert!(genders_of("Στρασβούργος").is_empty());
        // a masculine surname and a woman's surname of that family are both real
        assert_eq!(genders_of("Μητσοτάκης"), MASC);
        assert_eq!(genders_of("Μητσοτάκη"), FEM);
        // no singular nominative ends in -ες; a masculine misread as a neuter stays a known name
        assert!(genders_of("Βαλκάνιες").is_empty());
        assert!(genders_of("Τάταρος").is_empty());
        assert!(lexicon().nominative("Τάταρος").is_some());
    }
}
