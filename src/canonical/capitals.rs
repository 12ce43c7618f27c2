//! Headlines in capitals. A tagger trained on mixed-case news reads capitals poorly: in
//! «ΕΚΤΑΚΤΟ: Ο ΥΠΟΥΡΓΟΣ ΣΤΑΥΡΟΣ ΛΑΣΚΑΡΗΣ ΠΑΡΑΙΤΗΘΗΚΕ» every word looks like a name, so section
//! words («ΕΚΤΑΚΤΟ») and verbs («ΠΑΡΑΙΤΗΘΗΚΕ») get tagged. When the document also has text in
//! mixed case, its names there are the evidence: a sentence in capitals gets the names the rest
//! of the document has, found by stem or by a nominative both words may be a case form of
//! («ΤΟΥ ΣΤΑΥΡΟΥ ΛΑΣΚΑΡΗ», «ΤΟΝ ΝΙΚΟ ΚΑΡΑΓΙΑΝΝΗ» are «Σταύρος Λάσκαρης», «Νίκος Καραγιάννης»;
//! a person's surname alone, «ΚΥΡΙΕ ΜΗΤΣΟΤΑΚΗ», is that person's), and of the tagger's own
//! guesses keeps only short acronyms («ΚΚΕ»).

use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use super::kind::EntityKind;
use super::readings::possible_nominatives;
use crate::normalize::is_letter;
use crate::{Document, Iob, Token, TokenKind};

/// Longest tagger mention kept in a sentence in capitals without support from the mixed-case
/// text, in letters: acronyms such as «ΝΔ», «ΚΚΕ», «ΠΑΣΟΚ».
const MAX_UNSUPPORTED_ACRONYM_LETTERS: usize = 5;

/// Short words of headlines that are no acronym, by `norm`: section labels and exclamations
/// («ΣΟΚ», «ΦΩΤΟ», «ΤΩΡΑ»).
const HEADLINE_WORDS: &[&str] = &[
    "σοκ",
    "φωτο",
    "τωρα",
    "live",
    "video",
    "νεο",
    "νεα",
    "ολα",
    "δειτε",
    "αυτο",
    "εδω",
];

/// Fewest letters of a sentence read as written in capitals: shorter ones («Α.», «ΟΚ») say
/// nothing.
const MIN_CAPITAL_LETTERS: usize = 6;

/// Fewest letters of a person's surname matched alone in a sentence in capitals: shorter words
/// («ΝΙΚΗ», «ΠΑΠΑ») are too often ordinary words there.
const MIN_SURNAME_LETTERS: usize = 5;

/// One word of a mixed-case name, as a word in capitals is compared with it.
#[derive(PartialEq)]
struct NameWord {
    stem: String,
    norm: String,
    /// The `norm`s of every nominative the word may be a case form of.
    nominatives: HashSet<String>,
}

impl NameWord {
    fn of(token: &Token) -> NameWord {
        NameWord {
            stem: token.stem.clone(),
            norm: token.norm.clone(),
            nominatives: possible_nominatives(&token.norm).into_iter().collect(),
        }
    }

    /// Whether a word in capitals (`stem`, `norm`, its possible nominatives) is this word in
    /// some case: the same stem, or a nominative both may be a case form of («ΝΙΚΟ» and
    /// «Νίκος», whose stems differ).
    fn matches(&self, stem: &str, norm: &str, nominatives: &[String]) -> bool {
        self.stem == stem
            || self.norm == norm
            || nominatives
                .iter()
                .any(|n| *n == self.norm || self.nominatives.contains(n))
    }
}

/// Retags the sentences written in capitals of a document that also has sentences in mixed
/// case: their tags are replaced by the mixed-case names found in them (longest first, compared
/// word by word by stem or by a shared nominative, see [`NameWord::matches`]; a person's surname
/// of at least [`MIN_SURNAME_LETTERS`] letters is also found alone), plus the tagger's one-word
/// mentions of at most [`MAX_UNSUPPORTED_ACRONYM_LETTERS`] letters. A document all in capitals
/// keeps the tagger's tags: there is nothing to compare with.
pub(crate) fn retag_capital_sentences(doc: &mut Document) {
    let sentences = doc.tokens.last().map_or(0, |t| t.sentence as usize + 1);
    let mut capitals = vec![(0usize, false); sentences]; // (letters, any lowercase)
    for t in &doc.tokens {
        let entry = &mut capitals[t.sentence as usize];
        for c in doc.word(t).chars().filter(|&c| is_letter(c)) {
            entry.0 += 1;
            entry.1 |= c.is_lowercase();
        }
    }
    let in_capitals: Vec<bool> = (capitals.iter())
        .map(|&(letters, lower)| letters >= MIN_CAPITAL_LETTERS && !lower)
        .collect();
    if !in_capitals.contains(&true) || !in_capitals.iter().any(|c| !c) {
        return;
    }
    // the names of the mixed-case sentences: (their words, label)
    let mut names: Vec<(Vec<NameWord>, Arc<str>)> = Vec::new();
    let mut open: Option<(Vec<NameWord>, Arc<str>)> = None;
    let mut close = |open: &mut Option<(Vec<NameWord>, Arc<str>)>| {
        let Some((words, label)) = open.take() else {
            return;
        };
        // a person's surname alone: «ΚΥΡΙΕ ΜΗΤΣΟΤΑΚΗ» is «Κυριάκος Μητσοτάκης»
        let person = EntityKind::of_label(&label) == EntityKind::Person;
        let surname = (words.last())
            .filter(|w| person && words.len() > 1 && w.norm.chars().count() >= MIN_SURNAME_LETTERS)
            .map(|w| NameWord {
                stem: w.stem.clone(),
                norm: w.norm.clone(),
                nominatives: w.nominatives.clone(),
            });
        for name in [
            Some((words, label.clone())),
            surname.map(|w| (vec![w], label)),
        ]
        .into_iter()
        .flatten()
        {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    };
    for t in &doc.tokens {
        let mixed = !in_capitals[t.sentence as usize];
        if let (true, Some(label), Some((words, open_label))) = (mixed, &t.entity_type, &mut open) {
            if t.iob == Iob::I && open_label == label {
                words.push(NameWord::of(t));
                continue;
            }
        }
        close(&mut open);
        if let (true, Some(label), Iob::B | Iob::I) = (mixed, &t.entity_type, t.iob) {
            open = Some((vec![NameWord::of(t)], label.clone()));
        }
    }
    close(&mut open);
    names.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    // the words of the sentences in capitals, with the nominatives each may be a case form of
    let nominatives: Vec<Vec<String>> = (doc.tokens.iter())
        .map(|t| {
            if in_capitals[t.sentence as usize] && t.kind == TokenKind::Word {
                possible_nominatives(&t.norm)
            } else {
                Vec::new()
            }
        })
        .collect();
    let short: Vec<bool> = (doc.tokens.iter())
        .map(|t| {
            t.kind == TokenKind::Word
                && doc.word(t).chars().filter(|&c| is_letter(c)).count()
                    <= MAX_UNSUPPORTED_ACRONYM_LETTERS
                && !HEADLINE_WORDS.contains(&t.norm.as_str())
        })
        .collect();
    let tokens = &mut doc.tokens;
    let mut i = 0;
    while i < tokens.len() {
        if !in_capitals[tokens[i].sentence as usize] {
            i += 1;
            continue;
        }
        let sentence = tokens[i].sentence;
        let found = names.iter().find(|(words, _)| {
            tokens.len() >= i + words.len()
                && (tokens[i..i + words.len()].iter().zip(words).enumerate()).all(|(k, (t, w))| {
                    t.sentence == sentence && w.matches(&t.stem, &t.norm, &nominatives[i + k])
                })
        });
        if let Some((words, label)) = found {
            for (k, t) in tokens[i..i + words.len()].iter_mut().enumerate() {
                t.iob = if k == 0 { Iob::B } else { Iob::I };
                t.entity_type = Some(label.clone());
            }
            i += words.len();
            continue;
        }
        let alone = tokens[i].iob == Iob::B
            && short[i]
            && tokens.get(i + 1).is_none_or(|n| n.iob != Iob::I);
        if !alone {
            tokens[i].iob = Iob::O;
            tokens[i].entity_type = None;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::tagged::{self, tags};

    /// A document of sentences of (word, tag) pairs.
    fn doc(sentences: &[&[(&str, &str)]]) -> Document {
        let mut words = Vec::new();
        for (s, sentence) in sentences.iter().enumerate() {
            for &(word, tag) in sentence.iter() {
                words.push((s as u32, " ", word, tag));
            }
        }
        tagged::document(&words)
    }

    #[test]
    fn a_headline_gets_the_names_of_the_body_and_loses_the_taggers_guesses() {
        let mut d = doc(&[
            &[
                ("ΕΚΤΑΚΤΟ", "B-ORG"),
                ("Ο", "O"),
                ("ΥΠΟΥΡΓΟΣ", "O"),
                ("ΣΤΑΥΡΟΣ", "O"),
                ("ΛΑΣΚΑΡΗΣ", "B-PERSON"),
                ("ΠΑΡΑΙΤΗΘΗΚΕ", "I-PERSON"),
            ],
            &[
                ("Ο", "O"),
                ("Σταύρος", "B-PERSON"),
                ("Λάσκαρης", "I-PERSON"),
                ("υπέβαλε", "O"),
            ],
        ]);
        retag_capital_sentences(&mut d);
        assert_eq!(tags(&d)[..6], ["O", "O", "O", "B-PERSON", "I-PERSON", "O"]);
    }

    #[test]
    fn a_case_form_in_capitals_matches_by_stem_and_acronyms_stay() {
        let mut d = doc(&[
            &[
                ("ΠΑΡΑΙΤΗΣΗ", "O"),
                ("ΤΟΥ", "O"),
                ("ΣΤΑΥΡΟΥ", "B-PERSON"),
                ("ΛΑΣΚΑΡΗ", "I-PERSON"),
                ("ΣΤΟ", "O"),
                ("ΚΚΕ", "B-ORG"),
            ],
            &[
                ("Ο", "O"),
                ("Σταύρος", "B-PERSON"),
                ("Λάσκαρης", "I-PERSON"),
            ],
        ]);
        retag_capital_sentences(&mut d);
        assert_eq!(
            tags(&d)[..6],
            ["O", "O", "B-PERSON", "I-PERSON", "O", "B-ORG"]
        );
    }

    #[test]
    fn a_document_all_in_capitals_keeps_the_taggers_tags() {
        let mut d = doc(&[&[
            ("ΕΚΤΑΚΤΟ", "B-ORG"),
            ("ΣΤΑΥΡΟΣ", "B-PERSON"),
            ("ΛΑΣΚΑΡΗΣ", "I-PERSON"),
        ]]);
        retag_capital_sentences(&mut d);
        assert_eq!(tags(&d), ["B-ORG", "B-PERSON", "I-PERSON"]);
    }

    #[test]
    fn a_case_form_whose_stem_differs_matches_by_its_nominative() {
        // «ΝΙΚΟ» stems otherwise than «Νίκος»; both are forms of the nominative «Νίκος»
        let mut d = doc(&[
            &[
                ("ΘΡΗΝΟΣ", "B-ORG"),
                ("ΓΙΑ", "O"),
                ("ΤΟΝ", "O"),
                ("ΝΙΚΟ", "O"),
                ("ΚΑΡΑΓΙΑΝΝΗ", "O"),
            ],
            &[
                ("Έφυγε", "O"),
                ("ο", "O"),
                ("Νίκος", "B-PERSON"),
                ("Καραγιάννης", "I-PERSON"),
            ],
        ]);
        retag_capital_sentences(&mut d);
        assert_eq!(tags(&d)[..5], ["O", "O", "O", "B-PERSON", "I-PERSON"]);
    }

    #[test]
    fn a_persons_surname_alone_in_capitals_is_found() {
        let mut d = doc(&[
            &[
                ("ΚΥΡΙΕ", "O"),
                ("ΜΗΤΣΟΤΑΚΗ", "O"),
                (",", "O"),
                ("ΑΠΑΝΤΗΣΤΕ", "B-ORG"),
            ],
            &[
                ("Ο", "O"),
                ("Κυριάκος", "B-PERSON"),
                ("Μητσοτάκης", "I-PERSON"),
                ("σιώπησε", "O"),
            ],
        ]);
        retag_capital_sentences(&mut d);
        assert_eq!(tags(&d)[..4], ["O", "B-PERSON", "O", "O"]);
    }
}
