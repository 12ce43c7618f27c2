//! Addresses without an address word: «Ευάγγελε, σας ευχαριστώ.», «Νίκο, έλα εδώ.», «Σας
//! ευχαριστώ, Παπαδόπουλε, για την απάντηση.». A capitalized word in the vocative at the start of
//! a sentence or after a comma, and followed by a comma, is a person when there is evidence of a
//! name: it is a case form of a person the document names elsewhere («Παπαδόπουλε» of «Νικόλαος
//! Παπαδόπουλος»), or a known first name («Νίκο»). Ordinary words in that position («Τέλος,»,
//! «Πάντως,», «Επίσης,») have no such evidence and stay as they are.

use std::io::Read;
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::address::{is_name_word, tag_person};
use super::articles::Context;
use super::grammar::{MASC, VOC};
use super::kind::EntityKind;
use super::readings::possible_nominatives;
use crate::normalize::norm;
use crate::{Document, Iob, Token, TokenKind};

/// First names in all their case forms, by `norm` (the tagger's gazetteer of first names).
const FIRST_NAME_FORMS: &[u8] = include_bytes!("../../data/ner/gazetteers/firstname.txt.gz");

/// The same first names in the nominative, as written (men's in -ς: «Κώστας», «Νίκος»; women's:
/// «Μαρία»): tells a man's vocative «Κώστα» from a woman's name.
const FIRST_NAME_NOMINATIVES: &str = include_str!("../../data/canonical/first_names.txt");

/// Forms of the first-name list that are also ordinary words a sentence may open with before a
/// comma («Ζωή, υγεία και ...», «Κυριακή, 12 Μαρτίου», «Αθήνα, 3 Μαΐου»): they are names only
/// when the document names such a person.
const FIRST_NAMES_THAT_ARE_WORDS: &[&str] = &[
    "ζωη",
    "ζωων",
    "ειρηνη",
    "νικη",
    "νικες",
    "νικων",
    "χαρα",
    "χαρη",
    "σοφια",
    "αρετη",
    "ευτυχια",
    "ευγενια",
    "τιμη",
    "τιμων",
    "κυριακη",
    "πανε",
    "πανο",
    "πανου",
    "πανοι",
    "αθηνα",
    "γεωργια",
    "ξανθη",
    "φωτεινη",
    "βασιλικη",
    "βασιλειο",
    "βασιλειον",
    "βασιλειου",
    "βασιλειοι",
    "λαμπρο",
    "λαμπρου",
    "λαμπροι",
    "λαμπρον",
    "σταυρο",
    "σταυρου",
    "σταυροι",
    "οθονα",
    "νεφελη",
    "μαργαριτα",
    "μαρκα",
    "λινα",
    "ζαντα",
    "αγγελε",
    "αγγελο",
    "αγγελου",
    "αγγελοι",
];

/// Words that open a sentence before a comma and are never names («Τέλος,», «Πάντως,»,
/// «Δεύτερον,»), even when the tagger took one for a person elsewhere in the document.
const OPENING_WORDS: &[&str] = &[
    "πρωτον",
    "δευτερον",
    "τριτον",
    "τεταρτον",
    "τελος",
    "παντως",
    "επισης",
    "ωστοσο",
    "βεβαια",
    "φυσικα",
    "λοιπον",
    "μαλιστα",
    "συνεπως",
    "αρχικα",
    "παραλληλα",
    "ακομη",
    "ακομα",
    "ομως",
    "αντιθετα",
    "αντιθετως",
    "ειδικοτερα",
    "συγκεκριμενα",
    "εξαλλου",
    "αλλωστε",
    "επιπλεον",
    "δηλαδη",
    "ευτυχως",
    "δυστυχως",
    "πραγματι",
    "σημερα",
    "χθες",
    "αυριο",
    "τωρα",
    "ετσι",
    "ισως",
    "καταρχην",
    "αρα",
    "αλλα",
    "μετα",
    "οχι",
    "ναι",
    "βεβαιως",
    "προφανως",
    "τελικα",
    "ενδεικτικα",
    "ιστορικα",
    "παλαιοτερα",
    "προσφατα",
    "πρακτικα",
    "ουσιαστικα",
    "γενικα",
    "αμεσως",
];

/// Most words of a name addressed without an address word («Νίκο Παπαδόπουλε,»).
const MAX_NAME_WORDS: usize = 2;

/// Tokens that may stand between the start of a sentence and an address: opening quotes and
/// the dashes of dialogue («— Νίκο, έλα.»).
const OPENERS: &[&str] = &["«", "\"", "“", "—", "–", "-", "("];

/// What may follow a name addressed at the start of a sentence: a comma or an exclamation
/// mark («Νίκο!»). After a comma, the end of the clause also closes it («ευχαριστώ, Νίκο.»).
const AFTER_START: &[&str] = &[",", "!"];
const AFTER_COMMA: &[&str] = &[",", "!", ".", ";", "…", "...", "·"];

/// The first names, by `norm`: every case form that is no ordinary word, and the nominatives.
struct FirstNames {
    forms: HashSet<String>,
    nominatives: HashSet<String>,
}

/// The first names, loaded once.
fn first_names() -> &'static FirstNames {
    static NAMES: OnceLock<FirstNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut text = String::new();
        // the list is embedded in the binary: a failure to read it is a build defect, and the
        // rule then works from the document's own names only
        if flate2::read::GzDecoder::new(FIRST_NAME_FORMS)
            .read_to_string(&mut text)
            .is_err()
        {
            text.clear();
        }
        FirstNames {
            forms: (text.lines())
                .filter(|l| !l.is_empty() && !FIRST_NAMES_THAT_ARE_WORDS.contains(l))
                .map(str::to_owned)
                .collect(),
            nominatives: FIRST_NAME_NOMINATIVES
                .split_whitespace()
                .map(norm)
                .collect(),
        }
    })
}

/// Tags as `person` the names addressed without an address word. A name word is capitalized,
/// with a lowercase letter, and no title or address word ([`is_name_word`]). A word the tagger gave a type other than a person or MISC is retagged only when it is
/// in the masculine vocative in -ε, which no place or organization is addressed in.
pub(crate) fn tag_bare_addresses(doc: &mut Document, person: &Arc<str>) {
    let mut people: Option<HashMap<String, Vec<usize>>> = None;
    let mut i = 0;
    while i < doc.tokens.len() {
        let Some((first, end)) = addressed_name(doc, i) else {
            i += 1;
            continue;
        };
        let tokens = &doc.tokens;
        let people = people.get_or_insert_with(|| document_people(tokens));
        // the name being judged is no evidence for itself
        let elsewhere = |key: &str| {
            (people.get(key)).is_some_and(|at| at.iter().any(|i| !(first..end).contains(i)))
        };
        // every word is a name: a first name, a case form of a person the document names
        // elsewhere, or a word the tagger already took for a person
        let evidence = tokens[first..end].iter().all(|t| {
            is_person(t)
                || first_names().forms.contains(&t.norm)
                || elsewhere(&t.norm)
                || possible_nominatives(&t.norm).iter().any(|n| elsewhere(n))
        });
        // a word the tagger gave another type is retagged only in the masculine vocative in -ε,
        // and never when it is part of a longer entity («Κοκορέλη, Αργυρώ, Ο Μπαλού ...»)
        let inside_longer =
            tokens[first].iob == Iob::I || tokens.get(end).is_some_and(|t| t.iob == Iob::I);
        let retaggable = !inside_longer
            && tokens[first..end].iter().all(|t| match &t.entity_type {
                Some(label) if t.iob != Iob::O => {
                    matches!(
                        EntityKind::of_label(label),
                        EntityKind::Person | EntityKind::Misc
                    ) || t.norm.ends_with('ε')
                }
                _ => true,
            });
        if evidence && retaggable {
            tag_person(&mut doc.tokens, first..end, person);
        }
        i = end;
    }
}

/// The case and gender of a person mention `start..end` addressed without an address word, in
/// the position [`tag_bare_addresses`] takes (whatever tagged it), when it is a man's
/// vocative: its first word is ([`mans_vocative`]), and so is every later word or it ends in -η or
/// -α (after a man's first name, a Greek surname in -η/-α is his: «Κώστα Νταλούκα» → «Κώστας
/// Νταλούκας»). A woman's vocative is her nominative, and a name that may be either is left to
/// the usual readings (an apposition: «Ο υπουργός, Λίον Πανέτα, απάντησε.», «Μάριο Σεντένο»),
/// as is a word in -ου (a genitive apposition: «του υπουργού, Νίκου Παππά,»).
pub(crate) fn address_context(doc: &Document, start: usize, end: usize) -> Option<Context> {
    if addressed_name(doc, start) != Some((start, end)) {
        return None;
    }
    let words = doc.tokens.get(start..end)?;
    if words.iter().any(|t| t.norm.ends_with("ου")) {
        return None;
    }
    let (first, rest) = words.split_first()?;
    let mans = mans_vocative(first, doc.word(first))
        && rest.iter().all(|t| {
            mans_vocative(t, doc.word(t)) || t.norm.ends_with('η') || t.norm.ends_with('α')
        });
    mans.then_some(Context {
        cases: VOC,
        genders: MASC,
    })
}

/// Whether a word (`written` as in the text) is a man's name in the vocative: a case form other
/// than the nominative of a man's first name («Κώστα», «Νίκο», «Δημήτρη»), or a word in an
/// unaccented -ε, the vocative of a name in -ος («Παπαδόπουλε»; «Μπεσλεμέ», «Μανέ» are foreign
/// names that do not decline). Surnames alone in -η or -α may be a woman's («Πολυδούρη») and
/// are left to the usual readings.
fn mans_vocative(token: &Token, written: &str) -> bool {
    let names = &first_names().nominatives;
    if token.norm.ends_with('ε') {
        return written.ends_with('ε');
    }
    !names.contains(&token.norm)
        && possible_nominatives(&token.norm)
            .iter()
            .any(|n| *n != token.norm && n.ends_with('ς') && names.contains(n))
}

/// The token range of a name addressed at token `i`: `i` opens its sentence (after opening
/// quotes or a dash) or follows a comma; one or two name words in the vocative follow, then a
/// comma (or what [`AFTER_START`] and [`AFTER_COMMA`] allow).
fn addressed_name(doc: &Document, i: usize) -> Option<(usize, usize)> {
    let tokens = &doc.tokens;
    let is_name = |t: &Token| is_name_word(t, doc.word(t));
    let sentence = tokens[i].sentence;
    let mut before = i;
    while before > 0
        && tokens[before - 1].sentence == sentence
        && OPENERS.contains(&tokens[before - 1].norm.as_str())
    {
        before -= 1;
    }
    let opens = before == 0 || tokens[before - 1].sentence != sentence;
    let after_comma = !opens && before == i && tokens[i - 1].norm == ",";
    if !(opens || after_comma) {
        return None;
    }
    let name = (tokens[i..].iter())
        .take(MAX_NAME_WORDS + 1)
        .take_while(|t| t.sentence == sentence && is_vocative_shaped(t) && is_name(t))
        .count();
    if name == 0 || name > MAX_NAME_WORDS {
        return None;
    }
    let end = i + name;
    let closed = match tokens.get(end).filter(|t| t.sentence == sentence) {
        Some(next) => {
            let allowed = if opens { AFTER_START } else { AFTER_COMMA };
            allowed.contains(&next.norm.as_str())
        }
        // a sentence that ends with the name: «Σας ευχαριστώ, Νίκο»
        None => after_comma,
    };
    closed.then_some((i, end))
}

/// A word that may be a vocative: Greek vocatives never end in -ς («Παπαδόπουλε», «Νίκο»,
/// «Σταμάτη», «Κώστα», «Μαρία», «Αλεξίου»); a stopword is no name.
fn is_vocative_shaped(token: &Token) -> bool {
    token.kind == TokenKind::Word
        && !token.stopword
        && token.norm.chars().count() >= 2
        && !token.norm.ends_with('ς')
        && !OPENING_WORDS.contains(&token.norm.as_str())
        && crate::normalize::has_greek(&token.norm)
}

/// Whether the tagger (or an address word) made this token part of a person.
fn is_person(token: &Token) -> bool {
    token.iob != Iob::O
        && (token.entity_type.as_deref())
            .is_some_and(|l| EntityKind::of_label(l) == EntityKind::Person)
}

/// The `norm`s of the words of the document's persons, with every nominative each may be a case
/// form of, and the tokens each comes from.
fn document_people(tokens: &[Token]) -> HashMap<String, Vec<usize>> {
    let mut people: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, token) in tokens.iter().enumerate() {
        if is_person(token) && token.kind == TokenKind::Word {
            for key in possible_nominatives(&token.norm)
                .into_iter()
                .chain([token.norm.clone()])
            {
                people.entry(key).or_default().push(i);
            }
        }
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::tagged::{document, tags};

    fn person() -> Arc<str> {
        Arc::from("PERSON")
    }

    #[test]
    fn a_first_name_opening_a_sentence_before_a_comma_is_a_person() {
        let mut doc = document(&[
            (0, "", "Νίκο", "O"),
            (0, "", ",", "O"),
            (0, " ", "έλα", "O"),
            (0, "", ".", "O"),
        ]);
        tag_bare_addresses(&mut doc, &person());
        assert_eq!(tags(&doc), ["B-PERSON", "O", "O", "O"]);
    }

    #[test]
    fn a_surname_between_commas_needs_a_person_of_the_document() {
        let sentence = |tag: &'static str| {
            vec![
                (0, "", "Ο", "O"),
                (0, " ", "Νικόλαος", tag),
                (
                    0,
                    " ",
                    "Παπαδόπουλος",
                    if tag == "O" { "O" } else { "I-PERSON" },
                ),
                (0, " ", "ήρθε", "O"),
                (0, "", ".", "O"),
                (1, " ", "Ευχαριστώ", "O"),
                (1, "", ",", "O"),
                (1, " ", "Παπαδόπουλε", "O"),
                (1, "", ",", "O"),
                (1, " ", "πολύ", "O"),
            ]
        };
        let mut named = document(&sentence("B-PERSON"));
        tag_bare_addresses(&mut named, &person());
        assert_eq!(tags(&named)[7], "B-PERSON");
        let mut unnamed = document(&sentence("O"));
        tag_bare_addresses(&mut unnamed, &person());
        assert_eq!(tags(&unnamed)[7], "O");
    }

    #[test]
    fn a_place_the_tagger_found_is_not_retagged_unless_in_the_masculine_vocative() {
        let mut doc = document(&[
            (0, "", "Αθήνα", "B-LOC"),
            (0, "", ",", "O"),
            (0, " ", "3", "O"),
            (0, " ", "Μαΐου", "O"),
        ]);
        tag_bare_addresses(&mut doc, &person());
        assert_eq!(tags(&doc)[0], "B-LOC");
    }

    #[test]
    fn the_vocative_context_is_a_mans_only_when_the_words_say_so() {
        let context = |words: &[&'static str]| {
            let mut tokens: Vec<(u32, &str, &str, &str)> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                tokens.push((0, if i == 0 { "" } else { " " }, w, "O"));
            }
            let n = words.len();
            tokens.extend([(0, "", ",", "O"), (0, " ", "έλα", "O")]);
            address_context(&document(&tokens), 0, n).map(|c| c.genders)
        };
        assert_eq!(context(&["Κώστα"]), Some(MASC));
        assert_eq!(context(&["Παπαδόπουλε"]), Some(MASC));
        assert_eq!(context(&["Κώστα", "Νταλούκα"]), Some(MASC));
        // a woman's first name, a foreign name in -έ, a surname alone, a genitive
        assert_eq!(context(&["Μαρία"]), None);
        assert_eq!(context(&["Μανέ"]), None);
        assert_eq!(context(&["Πολυδούρη"]), None);
        assert_eq!(context(&["Νίκου", "Παππά"]), None);
    }
}
