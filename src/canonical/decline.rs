//! Declension of one word of a name back to its nominative: its candidate readings
//! ([`super::readings`]), narrowed by the article before the mention and ranked by
//! [`super::score`] with the evidence of the rest of the document.

use rustc_hash::FxHashSet as HashSet;

use super::articles::Context;
use super::grammar::{Genders, FEM, NOM, NO_GENDER, PLURAL, SINGULAR};
use super::kind::Kind;
use super::readings::{cached_readings, in_capitals, is_fixed, through_title_case, Reading};
use super::score::score;
use crate::normalize::norm;

/// Words declined elsewhere in the same document, by `norm`.
#[derive(Default)]
pub(crate) struct Evidence {
    /// Words of mentions after a nominative article: certainly nominatives.
    pub nominative: HashSet<String>,
    /// Nominatives chosen for mentions whose article fixed their case.
    pub declined: HashSet<String>,
    /// The words of `nominative` seen after «ο»: a man's name written so (ο Νετανιάχου) does
    /// not decline after «του» either.
    pub masculine_nominative: HashSet<String>,
}

/// Where a word sits: the kind of name, whether it follows a person's first name, and the
/// person's gender once the first name has told it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub kind: Kind,
    pub surname: bool,
    pub person_gender: Genders,
    /// The person's first name is a Greek, declinable one: the surname is Greek too, so
    /// «του Χρήστου Σταϊκούρα» declines even when the lexicon lacks Σταϊκούρας.
    pub after_greek_name: bool,
    /// A first name with a surname after it: not a genitive-form surname itself
    /// («Νικολάου Ζαχαρίου» → Νικόλαος).
    pub before_surname: bool,
}

/// The chosen nominative of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Declined {
    pub text: String,
    pub genders: Genders,
    pub plural: bool,
}

/// The nominative of one word of a name.
pub(crate) fn decline(
    word: &str,
    context: Option<Context>,
    slot: Slot,
    evidence: &Evidence,
) -> Declined {
    if is_fixed(word) {
        return Declined {
            text: word.to_string(),
            genders: NO_GENDER,
            plural: false,
        };
    }
    if in_capitals(word) {
        return through_title_case(
            word,
            |titled| decline(titled, context, slot, evidence),
            |d| &mut d.text,
        );
    }
    let word_norm = norm(word);
    let all = cached_readings(word);
    // a place in -ία/-εια the lexicon knows as a feminine nominative is not the genitive of a
    // masculine name after «του» («στην πατρίδα του Αυστρία»: «του» is a possessive there)
    let context = context.filter(|c| {
        !(slot.kind == Kind::Place
            && !c.genders.intersects(FEM)
            && word.ends_with('α')
            && word_norm.ends_with("ια")
            && all.iter().any(|r| {
                r.lexical && r.genders == FEM && r.cases.intersects(NOM) && r.nominative == word
            }))
    });
    let fitting: Vec<&Reading> = match context {
        Some(c) if all.iter().any(|r| c.allows(r.cases, r.genders)) => all
            .iter()
            .filter(|r| c.allows(r.cases, r.genders))
            .collect(),
        _ => all.iter().collect(),
    };
    let best = fitting
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| {
            (
                score(r, word, &word_norm, context, slot, evidence),
                usize::MAX - i,
            )
        })
        .map(|(_, r)| *r);
    match best {
        Some(r) => Declined {
            text: r.nominative.clone(),
            genders: if r.indeclinable { NO_GENDER } else { r.genders },
            plural: !r.cases.intersects(SINGULAR) && r.cases.intersects(PLURAL),
        },
        None => Declined {
            text: word.to_string(),
            genders: NO_GENDER,
            plural: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::adjective::decline_adjective;
    use super::super::articles::article_context;
    use super::super::score::surname_in_eta;
    use super::*;

    const PERSON: Slot = Slot {
        kind: Kind::Person,
        surname: false,
        person_gender: NO_GENDER,
        after_greek_name: false,
        before_surname: false,
    };
    const NAME: Slot = Slot {
        kind: Kind::Place,
        surname: false,
        person_gender: NO_GENDER,
        after_greek_name: false,
        before_surname: false,
    };

    fn nominative(word: &str, article: Option<&str>, slot: Slot) -> String {
        decline(
            word,
            article.and_then(|a| article_context(&norm(a))),
            slot,
            &Evidence::default(),
        )
        .text
    }

    #[test]
    fn the_article_picks_the_case() {
        assert_eq!(nominative("Μητσοτάκη", Some("του"), PERSON), "Μητσοτάκης");
        assert_eq!(nominative("Μητσοτάκη", Some("τον"), PERSON), "Μητσοτάκης");
        assert_eq!(nominative("Θεσσαλονίκης", Some("της"), NAME), "Θεσσαλονίκη");
        assert_eq!(nominative("Θεσσαλονίκη", Some("στη"), NAME), "Θεσσαλονίκη");
        assert_eq!(nominative("Πειραιά", Some("του"), NAME), "Πειραιάς");
        assert_eq!(nominative("Καβάλας", Some("της"), NAME), "Καβάλα");
        assert_eq!(nominative("Στουρνάρα", Some("του"), PERSON), "Στουρνάρας");
    }

    #[test]
    fn lexicon_forms_decline_with_or_without_article() {
        assert_eq!(nominative("Κρεμλίνου", Some("του"), NAME), "Κρεμλίνο");
        assert_eq!(nominative("Ελλάδος", Some("της"), NAME), "Ελλάδα");
        assert_eq!(nominative("Ελλάδας", None, NAME), "Ελλάδα");
        assert_eq!(nominative("Φιλίππου", None, PERSON), "Φίλιππος");
        assert_eq!(nominative("Αθηνών", Some("των"), NAME), "Αθήνα");
        assert_eq!(nominative("Παρισιού", Some("του"), NAME), "Παρίσι");
        assert_eq!(nominative("Θάσου", Some("της"), NAME), "Θάσος");
        // neuters whose -ος twin nobody writes, and treaty head words
        assert_eq!(nominative("Βυζαντίου", Some("του"), NAME), "Βυζάντιο");
        assert_eq!(nominative("Ηρακλείου", Some("του"), NAME), "Ηράκλειο");
        assert_eq!(nominative("Συμφώνου", Some("του"), NAME), "Σύμφωνο");
    }

    #[test]
    fn a_place_after_a_plural_article_keeps_a_plural_nominative() {
        assert_eq!(nominative("Δελφούς", Some("στους"), NAME), "Δελφοί");
        assert_eq!(nominative("Σερρών", Some("των"), NAME), "Σέρρες");
        // no singular from the surname list (Κάννος) is made up for a plural place
        assert_ne!(nominative("Καννών", Some("των"), NAME), "Κάννος");
        // the lexicon's own paradigm stands: των Αθηνών is Αθήνα
        assert_eq!(nominative("Αθηνών", Some("των"), NAME), "Αθήνα");
        // a people in the plural is still named by its singular
        let misc = Slot {
            kind: Kind::Name,
            ..NAME
        };
        assert_eq!(nominative("Αμερικανούς", Some("τους"), misc), "Αμερικανός");
    }

    #[test]
    fn foreign_and_fixed_names_stay() {
        for (w, a) in [
            ("Πούτιν", Some("του")),
            ("Μασκ", Some("τον")),
            ("Ζελένσκι", Some("του")),
            ("Ομπάμα", Some("του")),
            ("ΠΑΣΟΚ", Some("του")),
            ("Tesla", Some("της")),
        ] {
            assert_eq!(nominative(w, a, PERSON), w);
        }
    }

    #[test]
    fn genitive_surnames_and_womens_surnames_stay() {
        let surname = Slot {
            surname: true,
            ..PERSON
        };
        assert_eq!(nominative("Παπανδρέου", Some("του"), surname), "Παπανδρέου");
        let her = Slot {
            person_gender: FEM,
            ..surname
        };
        assert_eq!(nominative("Μπακογιάννη", Some("της"), her), "Μπακογιάννη");
        // alone after a feminine article, a surname in -ου is hers, not a man's genitive
        let alone = Slot {
            person_gender: FEM,
            ..PERSON
        };
        for article in ["της", "την", "η"] {
            assert_eq!(
                nominative("Παπαδοπούλου", Some(article), alone),
                "Παπαδοπούλου"
            );
        }
        assert_eq!(nominative("Μαρίας", Some("της"), alone), "Μαρία");
        assert_eq!(
            nominative("Παπαδόπουλου", Some("του"), surname),
            "Παπαδόπουλος"
        );
    }

    #[test]
    fn person_defaults_without_article() {
        assert_eq!(nominative("Μητσοτάκη", None, PERSON), "Μητσοτάκης");
        assert_eq!(nominative("Μαρία", None, PERSON), "Μαρία");
        assert_eq!(nominative("Κομοτηνή", None, NAME), "Κομοτηνή");
        assert_eq!(nominative("Πειραιάς", None, NAME), "Πειραιάς");
        // a short stem before -άκη is no surname: the genitive of a place
        assert_eq!(nominative("Θράκης", None, NAME), "Θράκη");
        assert!(surname_in_eta(&norm("Σφακιανάκη")));
        assert!(!surname_in_eta(&norm("Θράκη")));
        assert_eq!(nominative("Γιάννης", None, PERSON), "Γιάννης");
    }

    #[test]
    fn evidence_from_the_document_wins_unless_the_article_disagrees() {
        let mut evidence = Evidence::default();
        evidence.nominative.insert(norm("Καραγιάννη"));
        let surname = Slot {
            surname: true,
            ..PERSON
        };
        let got = decline("Καραγιάννη", None, surname, &evidence);
        assert_eq!(got.text, "Καραγιάννη");
        let got = decline("Καραγιάννη", article_context("του"), surname, &evidence);
        assert_eq!(got.text, "Καραγιάννης");
        evidence.nominative.insert(norm("Στουρνάρας"));
        let got = decline("Στουρνάρα", None, PERSON, &evidence);
        assert_eq!(got.text, "Στουρνάρας");
    }

    #[test]
    fn names_in_capitals_decline_and_acronyms_stay() {
        assert_eq!(nominative("ΜΗΤΣΟΤΑΚΗ", Some("ΤΟΥ"), PERSON), "ΜΗΤΣΟΤΑΚΗΣ");
        assert_eq!(nominative("ΚΑΡΑΪΣΚΑΚΗ", Some("του"), PERSON), "ΚΑΡΑΪΣΚΑΚΗΣ");
        assert_eq!(
            nominative("ΚΟΥΤΡΟΥΦΙΔΗ", Some("του"), PERSON),
            "ΚΟΥΤΡΟΥΦΙΔΗΣ"
        );
        assert_eq!(nominative("ΣΥΡΙΖΑ", Some("του"), NAME), "ΣΥΡΙΖΑ");
        assert_eq!(decline_adjective("ΕΘΝΙΚΗΣ", FEM, false), "ΕΘΝΙΚΗ");
    }
}
