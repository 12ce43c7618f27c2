//! Headlines in capitals. A tagger trained on mixed-case news reads capitals poorly: in
//! «ΕΚΤΑΚΤΟ: Ο ΥΠΟΥΡΓΟΣ ΣΤΑΥΡΟΣ ΛΑΣΚΑΡΗΣ ΠΑΡΑΙΤΗΘΗΚΕ» every word looks like a name, so section
//! words («ΕΚΤΑΚΤΟ») and verbs («ΠΑΡΑΙΤΗΘΗΚΕ») get tagged. When the document also has text in
//! mixed case, its names there are the evidence: a sentence in capitals gets the names the rest
//! of the document has, found by stem («ΤΟΥ ΣΤΑΥΡΟΥ ΛΑΣΚΑΡΗ» is «Σταύρος Λάσκαρης»), and of the
//! tagger's own guesses keeps only short acronyms («ΚΚΕ»).

use std::sync::Arc;

use crate::normalize::is_letter;
use crate::{Document, Iob, TokenKind};

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

/// Retags the sentences written in capitals of a document that also has sentences in mixed
/// case: their tags are replaced by the mixed-case names found in them (longest first, compared
/// by stem), plus the tagger's one-word mentions of at most
/// [`MAX_UNSUPPORTED_ACRONYM_LETTERS`] letters. A document all in capitals keeps the tagger's
/// tags: there is nothing to compare with.
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
    // the names of the mixed-case sentences: (stems of their words, label)
    let mut names: Vec<(Vec<String>, Arc<str>)> = Vec::new();
    let mut open: Option<(Vec<String>, Arc<str>)> = None;
    let mut close = |open: &mut Option<(Vec<String>, Arc<str>)>| {
        if let Some(name) = open.take().filter(|name| !names.contains(name)) {
            names.push(name);
        }
    };
    for t in &doc.tokens {
        let mixed = !in_capitals[t.sentence as usize];
        if let (true, Some(label), Some((stems, open_label))) = (mixed, &t.entity_type, &mut open) {
            if t.iob == Iob::I && open_label == label {
                stems.push(t.stem.clone());
                continue;
            }
        }
        close(&mut open);
        if let (true, Some(label), Iob::B | Iob::I) = (mixed, &t.entity_type, t.iob) {
            open = Some((vec![t.stem.clone()], label.clone()));
        }
    }
    close(&mut open);
    names.sort_by_key(|(stems, _)| std::cmp::Reverse(stems.len()));
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
        let found = names.iter().find(|(stems, _)| {
            tokens.len() >= i + stems.len()
                && (tokens[i..i + stems.len()].iter().zip(stems))
                    .all(|(t, stem)| t.sentence == sentence && t.stem == *stem)
        });
        if let Some((stems, label)) = found {
            for (k, t) in tokens[i..i + stems.len()].iter_mut().enumerate() {
                t.iob = if k == 0 { Iob::B } else { Iob::I };
                t.entity_type = Some(label.clone());
            }
            i += stems.len();
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
}
