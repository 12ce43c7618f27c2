//! Forms of address: parliament minutes and interviews address people («κύριε Σταμάτη»,
//! «κυρία Αλεξίου», «αγαπητέ Ευάγγελε»). The name after an address word is a person, whatever
//! the tagger made of it, and its case is the vocative (see [`super::articles::mention_context`]).

use std::sync::Arc;

use super::articles::is_title;
use super::kind::EntityKind;
use crate::normalize::is_letter;
use crate::{Document, Iob, Token, TokenKind};

/// Address words by `norm`, with the genders of the name they address.
pub(crate) const ADDRESS_WORDS: &[&str] = &["κυριε", "κυρια", "αγαπητε", "αγαπητη"];

/// Address words that are only ever vocative: a name after them is in the vocative. «κυρία» and
/// «αγαπητή» are also nominatives and accusatives («η κυρία Αλεξίου»), which read the same for
/// feminine names.
pub(crate) const VOCATIVE_ONLY: &[&str] = &["κυριε", "αγαπητε"];

/// Most words of an addressed name («κύριε Νικόλαε Παπαδόπουλε» is two).
const MAX_NAME_WORDS: usize = 3;

/// Tags as a person the capitalized words right after an address word in the same sentence:
/// `tokens` get B/I with the tagger's person label (the first label that reads as a person; none:
/// nothing changes). A title is not a name («κύριε Πρόεδρε», «κυρία Υπουργέ»), and a word
/// without a lowercase letter is not taken (headlines in capitals). Words the tagger gave
/// another type are retagged; an entity the addressed name cuts short continues as its own.
/// Then names addressed without an address word («Νίκο, έλα εδώ.»), see
/// [`super::vocative::tag_bare_addresses`].
pub(crate) fn tag_addressed_people(doc: &mut Document, labels: &[Arc<str>]) {
    let Some(person) = labels
        .iter()
        .find(|l| EntityKind::of_label(l) == EntityKind::Person)
    else {
        return;
    };
    if (doc.tokens.iter()).any(|t| ADDRESS_WORDS.contains(&t.norm.as_str())) {
        let names: Vec<bool> = (doc.tokens.iter())
            .map(|t| is_name_word(t, doc.word(t)))
            .collect();
        tag_after_address_words(&mut doc.tokens, person, &names);
    }
    super::vocative::tag_bare_addresses(doc, person);
}

/// The names right after an address word («κύριε Σταμάτη»), see [`tag_addressed_people`].
/// Tags `tokens[span]` as one `person` mention (B then I), and makes a following I that
/// continued whatever was there before open its own mention.
pub(super) fn tag_person(tokens: &mut [Token], span: std::ops::Range<usize>, person: &Arc<str>) {
    let end = span.end;
    for (k, token) in tokens[span].iter_mut().enumerate() {
        token.iob = if k == 0 { Iob::B } else { Iob::I };
        token.entity_type = Some(person.clone());
    }
    if let Some(next) = tokens.get_mut(end).filter(|t| t.iob == Iob::I) {
        next.iob = Iob::B;
    }
}

fn tag_after_address_words(tokens: &mut [Token], person: &Arc<str>, names: &[bool]) {
    let mut i = 0;
    while i + 1 < tokens.len() {
        if !ADDRESS_WORDS.contains(&tokens[i].norm.as_str()) {
            i += 1;
            continue;
        }
        let sentence = tokens[i].sentence;
        let name = (tokens[i + 1..].iter().zip(&names[i + 1..]))
            .take(MAX_NAME_WORDS)
            .take_while(|(t, &name)| t.sentence == sentence && name)
            .count();
        if name == 0 {
            i += 1;
            continue;
        }
        let (first, mut end) = (i + 1, i + 1 + name);
        // a woman's double surname («κυρία Αλεξίου-Μπρα») is one name
        while end + 1 < tokens.len()
            && names[end + 1]
            && matches!(tokens[end].norm.as_str(), "-" | "\u{2010}" | "\u{2011}")
            && tokens[end - 1].byte_span.end == tokens[end].byte_span.start
            && tokens[end].byte_span.end == tokens[end + 1].byte_span.start
        {
            end += 2;
        }
        tag_person(tokens, first..end, person);
        i = end;
    }
}

/// A word that may be (part of) a name: `word` (the token as read) is capitalized and has a
/// lowercase letter, and it is no title or address word.
pub(super) fn is_name_word(token: &Token, word: &str) -> bool {
    let mut letters = word.chars().filter(|&c| is_letter(c));
    token.kind == TokenKind::Word
        && letters.next().is_some_and(char::is_uppercase)
        && letters.any(char::is_lowercase)
        && !is_title(&token.norm)
        && !ADDRESS_WORDS.contains(&token.norm.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::tagged::{sentence, tags};

    /// A one-sentence document of `words`; `tagged` gives (index, iob, label) the tagger set.
    fn tokens(words: &[&str], tagged: &[(usize, Iob, &str)]) -> Document {
        let plain: Vec<(&str, &str)> = words.iter().map(|&w| (w, "O")).collect();
        let mut doc = sentence(&plain);
        for &(i, iob, label) in tagged {
            doc.tokens[i].iob = iob;
            doc.tokens[i].entity_type = Some(label.into());
        }
        doc
    }

    fn labels() -> Vec<Arc<str>> {
        ["LOC", "ORG", "PERSON", "MISC"].map(Arc::from).to_vec()
    }

    #[test]
    fn the_name_after_an_address_word_is_a_person() {
        let mut t = tokens(&["Ευχαριστώ", ",", "κύριε", "Σταμάτη", ",", "πολύ"], &[]);
        tag_addressed_people(&mut t, &labels());
        assert_eq!(tags(&t), ["O", "O", "O", "B-PERSON", "O", "O"]);
    }

    #[test]
    fn another_type_is_retagged_and_two_words_are_one_name() {
        let mut t = tokens(
            &["κυρία", "Μαρία", "Αλεξίου", "είπατε"],
            &[(2, Iob::B, "LOC")],
        );
        tag_addressed_people(&mut t, &labels());
        assert_eq!(tags(&t), ["O", "B-PERSON", "I-PERSON", "O"]);
    }

    #[test]
    fn a_double_surname_after_an_address_word_is_one_name() {
        // written touching: «Αλεξίου-Μπρα»
        let mut t = crate::canonical::tagged::document(&[
            (0, "", "κυρία", "O"),
            (0, " ", "Αλεξίου", "O"),
            (0, "", "-", "O"),
            (0, "", "Μπρα", "O"),
            (0, " ", "ήρθε", "O"),
        ]);
        tag_addressed_people(&mut t, &labels());
        assert_eq!(tags(&t), ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"]);
    }

    #[test]
    fn titles_lowercase_words_and_capitals_are_not_names() {
        for words in [
            ["κύριε", "Πρόεδρε", ",", "ναι"],
            ["κύριε", "υπουργέ", ",", "ναι"],
            ["ΚΥΡΙΕ", "ΠΡΟΕΔΡΕ", ",", "ναι"],
        ] {
            let mut t = tokens(&words, &[]);
            tag_addressed_people(&mut t, &labels());
            assert!(tags(&t).iter().all(|tag| tag == "O"), "{words:?}");
        }
    }

    #[test]
    fn a_model_without_a_person_label_changes_nothing() {
        let mut t = tokens(&["κύριε", "Σταμάτη"], &[]);
        tag_addressed_people(&mut t, &[Arc::from("DATE")]);
        assert_eq!(tags(&t), ["O", "O"]);
    }
}
