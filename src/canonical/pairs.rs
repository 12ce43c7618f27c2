//! Names paired by a hyphen: a match («ΑΕΚ-ΠΑΟΚ»), a route («Ρίο-Αντίρριο»), a coalition
//! («ΝΔ-ΠΑΣΟΚ») or two politicians («Μητσοτάκη-Τσίπρα») are two entities, while a hyphen inside
//! a longer name joins it: a double surname after a first name («Μαρία Παπαδοπούλου-Γεωργίου»),
//! a double first name («Κρίστιαν-Κώστας Λίντκβιστ»), a merged municipality («Δήμος Αγίων
//! Αναργύρων-Καματερού»), an agency («Αθηναϊκό-Μακεδονικό Πρακτορείο Ειδήσεων»). The tokenizer
//! cuts such pairs into three tokens (`tokenize::pairs_two_names`) so that the tagger reads each
//! name; this stage decides, after the tagger, whether the hyphen joins or parts them. A woman
//! named by her double surname alone, after a feminine article or «κυρία» («η Τσακίρη-Λάμπρου»,
//! «της κυρίας Αλεξίου-Μπρα»), is one person too: two men or two places are not named so.

use std::sync::Arc;

use crate::{Document, Iob};

use super::articles::is_title;
use super::kind::EntityKind;

/// Words before a woman's double surname, by `norm`: feminine articles, with «σε» fused, and
/// the address word «κυρία» (titles may stand between, «η βουλευτής Τσακίρη-Λάμπρου»).
const FEMININE_ARTICLES: &[&str] = &[
    "η",
    "της",
    "την",
    "τη",
    "στην",
    "στη",
    "στης",
    "κυρια",
    "κυριας",
    "κα",
    "κας",
];

/// Most titles between a feminine article and a double surname («της πρώην υπουργού ...»).
const MAX_TITLES: usize = 2;

/// Whether the words before token `i` are a feminine article or «κυρία», possibly with titles
/// between, in the same sentence.
fn after_feminine_article(doc: &Document, i: usize) -> bool {
    let sentence = doc.tokens[i].sentence;
    let mut j = i;
    for _ in 0..=MAX_TITLES {
        let Some(before) = j.checked_sub(1).and_then(|j| doc.tokens.get(j)) else {
            return false;
        };
        if before.sentence != sentence {
            return false;
        }
        // «ή» (or) is no article, though its `norm` is that of «η»
        if FEMININE_ARTICLES.contains(&before.norm.as_str())
            && !matches!(doc.word(before), "ή" | "Ή")
        {
            return true;
        }
        if !(is_title(&before.norm) || before.norm == ".") {
            return false;
        }
        j -= 1;
    }
    false
}

/// The person label of a woman's double surname `left-right` (tokens `k - 1`, `k + 1` around
/// the hyphen `k`) after a feminine article: both words capitalized, at least one tagged as a
/// person, neither as anything else, and neither part of a longer mention.
fn womans_double_surname(doc: &Document, k: usize) -> Option<Arc<str>> {
    let (left, right) = (&doc.tokens[k - 1], &doc.tokens[k + 1]);
    let capitalized = |t: &crate::Token| doc.word(t).starts_with(char::is_uppercase);
    let person = |t: &crate::Token| {
        (t.iob != Iob::O)
            .then(|| t.entity_type.clone())
            .flatten()
            .filter(|l| EntityKind::of_label(l) == EntityKind::Person)
    };
    let other = |t: &crate::Token| t.iob != Iob::O && person(t).is_none();
    let label = person(left).or_else(|| person(right))?;
    let longer = left.iob == Iob::I || doc.tokens.get(k + 2).is_some_and(|n| n.iob == Iob::I);
    (capitalized(left)
        && capitalized(right)
        && !other(left)
        && !other(right)
        && !longer
        && after_feminine_article(doc, k - 1))
    .then_some(label)
}

/// Hyphens that pair two names, written touching both.
fn is_pairing_hyphen(word: &str) -> bool {
    matches!(word, "-" | "\u{2010}" | "\u{2011}")
}

/// Retags each hyphen written touching two words. When both words are tagged and either is part
/// of a name of several words (the left one continues an entity, or the right one is continued),
/// the hyphen and the right-hand name continue the left-hand entity, under its type; a person
/// named with a first name and a surname also takes a capitalized word after the hyphen as the
/// second surname. Otherwise the hyphen is outside any entity and the right-hand word, if the
/// tagger continued an entity over the hyphen, starts its own.
pub(crate) fn tag_hyphen_pairs(doc: &mut Document) {
    let mut k = 1;
    while k + 1 < doc.tokens.len() {
        let (left, hyphen, right) = (&doc.tokens[k - 1], &doc.tokens[k], &doc.tokens[k + 1]);
        let touching = left.byte_span.end == hyphen.byte_span.start
            && hyphen.byte_span.end == right.byte_span.start;
        if !(touching && is_pairing_hyphen(doc.word(hyphen)) && left.sentence == right.sentence) {
            k += 1;
            continue;
        }
        let left_label = left.entity_type.clone().filter(|_| left.iob != Iob::O);
        let right_tagged = right.iob != Iob::O && right.entity_type.is_some();
        let right_continued = doc
            .tokens
            .get(k + 2)
            .is_some_and(|n| n.iob == Iob::I && n.entity_type == right.entity_type);
        let longer_name = right_tagged && (left.iob == Iob::I || right_continued);
        let person_surname = left.iob == Iob::I
            && left_label
                .as_ref()
                .is_some_and(|l| EntityKind::of_label(l) == EntityKind::Person)
            && doc.word(right).starts_with(char::is_uppercase);
        if let Some(label) = womans_double_surname(doc, k) {
            for (t, iob) in doc.tokens[k - 1..k + 2]
                .iter_mut()
                .zip([Iob::B, Iob::I, Iob::I])
            {
                t.iob = iob;
                t.entity_type = Some(label.clone());
            }
            k += 2;
            continue;
        }
        let tokens = &mut doc.tokens;
        match left_label {
            Some(label) if longer_name || person_surname => {
                let mut end = k + 2;
                while tokens
                    .get(end)
                    .is_some_and(|n| n.iob == Iob::I && n.entity_type == tokens[k + 1].entity_type)
                {
                    end += 1;
                }
                for t in &mut tokens[k..end] {
                    t.iob = Iob::I;
                    t.entity_type = Some(label.clone());
                }
            }
            _ => {
                tokens[k].iob = Iob::O;
                tokens[k].entity_type = None;
                if tokens[k + 1].iob == Iob::I {
                    tokens[k + 1].iob = Iob::B;
                }
            }
        }
        k += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::tagged::{self, tags};

    /// A one-sentence document of `(gap before, word, tag)`.
    fn doc(words: &[(&str, &str, &str)]) -> Document {
        let words: Vec<(u32, &str, &str, &str)> = words
            .iter()
            .map(|&(gap, w, tag)| (0, gap, w, tag))
            .collect();
        tagged::document(&words)
    }

    #[test]
    fn a_double_surname_after_a_first_name_is_one_person() {
        let mut d = doc(&[
            ("", "Μαρία", "B-PERSON"),
            (" ", "Παπαδοπούλου", "I-PERSON"),
            ("", "-", "O"),
            ("", "Γεωργίου", "B-PERSON"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d), ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON"]);
    }

    #[test]
    fn two_bare_names_paired_by_a_hyphen_are_two_entities() {
        let mut d = doc(&[
            ("", "Μητσοτάκη", "B-PERSON"),
            ("", "-", "I-PERSON"),
            ("", "Τσίπρα", "I-PERSON"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d), ["B-PERSON", "O", "B-PERSON"]);
        let mut d = doc(&[
            ("", "ΑΕΚ", "B-ORG"),
            ("", "-", "I-ORG"),
            ("", "ΠΑΟΚ", "I-ORG"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d), ["B-ORG", "O", "B-ORG"]);
    }

    #[test]
    fn a_double_surname_after_a_feminine_article_is_one_woman() {
        for (before, left, right) in [
            (&["Η"][..], "O", "B-PERSON"),
            (&["της"][..], "B-PERSON", "O"),
            (&["η", "κυρία"][..], "B-PERSON", "B-PERSON"),
            (&["την", "βουλευτή"][..], "B-PERSON", "I-PERSON"),
        ] {
            let mut words: Vec<(&str, &str, &str)> =
                before.iter().map(|w| (" ", *w, "O")).collect();
            words.extend([
                (" ", "Τσακίρη", left),
                ("", "-", "O"),
                ("", "Λάμπρου", right),
            ]);
            words.push((" ", "μίλησε", "O"));
            let mut d = doc(&words);
            tag_hyphen_pairs(&mut d);
            let n = before.len();
            assert_eq!(
                tags(&d)[n..],
                ["B-PERSON", "I-PERSON", "I-PERSON", "O"],
                "{before:?}"
            );
        }
    }

    #[test]
    fn two_men_or_two_places_after_other_words_stay_two() {
        // no feminine article: «η συνάντηση» governs the pair, not a woman's name
        let mut d = doc(&[
            ("", "η", "O"),
            (" ", "συνάντηση", "O"),
            (" ", "Μητσοτάκη", "B-PERSON"),
            ("", "-", "O"),
            ("", "Τσίπρα", "B-PERSON"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d)[2..], ["B-PERSON", "O", "B-PERSON"]);
        // a route after a feminine article: places, not a woman
        let mut d = doc(&[
            ("", "η", "O"),
            (" ", "Αθήνα", "B-LOC"),
            ("", "-", "O"),
            ("", "Θεσσαλονίκη", "B-LOC"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d)[1..], ["B-LOC", "O", "B-LOC"]);
    }

    #[test]
    fn a_hyphen_inside_a_longer_name_joins_it_under_the_left_type() {
        let mut d = doc(&[
            ("", "Αθηναϊκό", "B-ORG"),
            ("", "-", "O"),
            ("", "Μακεδονικό", "B-LOC"),
            (" ", "Πρακτορείο", "I-LOC"),
            (" ", "Ειδήσεων", "I-LOC"),
            (" ", "είπε", "O"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d), ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]);
        let mut d = doc(&[
            ("", "Δήμου", "B-ORG"),
            (" ", "Αγίων", "I-ORG"),
            (" ", "Αναργύρων", "I-ORG"),
            ("", "-", "O"),
            ("", "Καματερού", "B-LOC"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d), ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"]);
    }

    #[test]
    fn a_hyphen_with_spaces_is_left_to_the_tagger() {
        let mut d = doc(&[
            ("", "Ίδρυμα", "B-ORG"),
            (" ", "-", "I-ORG"),
            (" ", "ΕΛΠΙΔΑ", "I-ORG"),
        ]);
        tag_hyphen_pairs(&mut d);
        assert_eq!(tags(&d), ["B-ORG", "I-ORG", "I-ORG"]);
    }
}
