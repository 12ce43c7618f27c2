//! The weights that rank a word's candidate readings. Each is a named constant with the reason it
//! exists; only their order matters, and the document's own evidence outweighs every shape rule.

use super::articles::Context;
use super::decline::{Evidence, Slot};
use super::grammar::{FEM, GEN, MASC, NEUT, SINGULAR};
use super::kind::Kind;
use super::lexicon::{lexicon, Attested};
use super::readings::{ending, plain, Reading};
use crate::greek::{has_accent, vowel_groups};
use crate::normalize::norm;

/// The nominative was seen after a nominative article in the document: the surest evidence.
const SEEN_AS_NOMINATIVE: i32 = 100;
/// Another mention whose article fixed its case declined to this nominative.
const DECLINED_ELSEWHERE: i32 = 40;
/// The nominative is a hunspell word spelled exactly so.
const ATTESTED_STRONG: i32 = 20;
/// The nominative is known with other accents, or only from the surname list.
const ATTESTED_WEAK: i32 = 10;
/// A place written in the plural nominative keeps it (Δελφοί is no Δελφός, στις Κάννες no
/// Καννάς): plural names stay plural.
const PLURAL_PLACE_KEEPS_ITS_NOMINATIVE: i32 = 30;
/// No unknown singular is made up for a plural place (Φιλίππων).
const UNKNOWN_SINGULAR_OF_A_PLURAL_PLACE: i32 = 4;
/// After a plural article («στους Δελφούς», «των Καννών») a place is named in the plural: a
/// singular the rules guess for it (Δελφός, or Κάννος from the surname list) is invented.
/// Singulars the lexicon's paradigms give (των Αθηνών → Αθήνα) stand.
const SINGULAR_GUESSED_AFTER_A_PLURAL_ARTICLE: i32 = 30;
/// The reading comes from a lexicon paradigm, not a rule.
const LEXICON_PARADIGM: i32 = 2;
/// A plural place is mostly a plurale tantum, neuter or in -ες (Χανιά, Σέρρες).
const PLURALE_TANTUM_PLACE: i32 = 4;
/// A plural of anything else mostly names a people, masculine in -ος (Αμερικανός).
const PEOPLE_IN_OS: i32 = 3;
/// … or in -ας/-ης.
const PEOPLE_IN_AS_IS: i32 = 2;
/// Of two mirror readings (Ευρωπαία/Ευρωπαίας), the real noun has an attested plural.
const PLURAL_ATTESTED: i32 = 3;
/// With no article to say otherwise, a word is most often written in its nominative.
const AS_WRITTEN_WITHOUT_ARTICLE: i32 = 3;
/// Without an article, an unaccented word of two syllables or more is not respelled with an
/// accent and an ending no mention has (Αλφα Α.Ε. is no Αλφάς): outweighs the lexicon, not the
/// document's own nominatives.
const INVENTED_SPELLING: i32 = 40;
/// A word with a declinable ending is less likely not to decline at all.
const INDECLINABLE_WITH_AN_ENDING: i32 = 2;
/// Declining -α/-ο to an unknown -ας/-ος (του Ομπάμα), or an unknown -ου with no article
/// (Νετανιάχου), is a guess.
const UNKNOWN_GUESS: i32 = 4;
/// Other unknown declensions follow the regular paradigms.
const UNKNOWN_REGULAR_DECLENSION: i32 = 1;
/// A surname in -ου is mostly a surname of that form (Ιωάννου), and places are not first names:
/// the learned genitive of an -ης name is for first names only.
const LEARNED_GENITIVE_OUTSIDE_FIRST_NAMES: i32 = 30;
/// People are men or women: a neuter guess is a name the tagger mistook for a person.
const NEUTER_PERSON: i32 = 6;
/// A woman's surname does not decline (της Μπακογιάννη → Μπακογιάννη), nor does one in -ου
/// standing alone after a feminine article (της Παπαδοπούλου is no Παπαδόπουλος: women's first
/// names do not end in -ου).
const WOMANS_SURNAME_AS_WRITTEN: i32 = 30;
/// After a first name that does not decline, a surname without a Greek ending is foreign too.
const FOREIGN_SURNAME_AS_WRITTEN: i32 = 12;
/// A Greek man's surname is masculine: «Γιάννη Ζαφείρη» → Ζαφείρης.
const GREEK_MANS_SURNAME: i32 = 8;
/// A man's surname in -άκη, -ίδη… is the case form of one in -ης (Μητσοτάκη).
const SURNAME_IN_ETA: i32 = 8;
/// Surnames that are genitives of a first name do not decline (Παπανδρέου, Γεωργίου).
const GENITIVE_SURNAME: i32 = 25;
/// A person's word in -ου/-ο is mostly a man's name in -ος.
const MASCULINE_PERSON_IN_OU_O: i32 = 3;
/// The reading has the gender the person's first name told.
const PERSONS_GENDER: i32 = 5;
/// A place's -ου/-ιου is a genitive of the fitting gender (neuter for -ιου: Αγρινίου).
const PLACE_GENITIVE_IN_OU: i32 = 6;
/// The same for other names, more weakly.
const NAME_GENITIVE_IN_OU: i32 = 1;
/// Neuter places and organizations in -ειο/-αιο are common (Ηράκλειο, Πολυτεχνείο).
const NEUTER_PLACE_IN_EIO: i32 = 25;
/// A name's word that is a nominative of the rules as written.
const NAME_AS_ITS_OWN_NOMINATIVE: i32 = 3;
/// Neuter places in -ο are common (στο Στρασβούργο); masculine ones are known (Βόλος).
const NEUTER_PLACE_IN_O: i32 = 12;
/// Places and organizations in -ας/-ης are mostly feminine genitives (της Ελλάδας).
const FEMININE_GENITIVE_PLACE: i32 = 8;
/// After «της» the article says so, attested or not (της Άγκυρας).
const FEMININE_GENITIVE_AFTER_TIS: i32 = 12;

/// True for a reading that takes -ου as the learned genitive of a masculine -ης (Ιωάννου).
fn learned_genitive(reading: &Reading, end: &str) -> bool {
    end == "ου" && reading.cases == GEN && norm(&reading.nominative).ends_with("ης")
}

/// Endings of masculine surnames in -ης, seen in the genitive or accusative (Μητσοτάκη).
pub(crate) fn surname_in_eta(word_norm: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ακη", "ιδη", "αδη", "ουδη", "ελη", "ιτη", "ωτη", "ατη", "ουλη", "αρη", "ερη", "ουρη",
        "ννη", "ογλη",
    ];
    // a stem before the suffix: Θράκη is a place, not a surname in -άκης
    SUFFIXES.iter().any(|s| {
        word_norm
            .strip_suffix(s)
            .is_some_and(|stem| stem.chars().count() >= 3)
    })
}

/// Surnames that are genitives of a first name and do not decline (Παπανδρέου, Γεωργίου).
fn genitive_surname(word_norm: &str) -> bool {
    ["εου", "ιου", "αου", "οου", "υου", "ογλου"]
        .iter()
        .any(|s| word_norm.ends_with(s))
}

/// Ranks one reading of `word` (its `norm` is `word_norm`) in its context: the higher, the
/// likelier its nominative. A sum of the named weights above; only the order matters.
pub(crate) fn score(
    reading: &Reading,
    word: &str,
    word_norm: &str,
    context: Option<Context>,
    slot: Slot,
    evidence: &Evidence,
) -> i32 {
    let identity = reading.nominative == word;
    let end = ending(word).map_or("", |(_, e)| plain(e));
    let nominative_norm = norm(&reading.nominative);
    let mut score = 0;
    // «η Μητσοτάκη» (a woman) says nothing about «του Μητσοτάκη» (a man): once an article
    // decides, the evidence only ranks real declensions
    let masculine_as_written = reading.indeclinable
        && context.is_some_and(|c| c.genders.intersects(MASC) && !c.genders.intersects(FEM))
        && evidence.masculine_nominative.contains(word_norm);
    if masculine_as_written {
        score += SEEN_AS_NOMINATIVE;
    } else if !(reading.indeclinable && context.is_some()) {
        if evidence.nominative.contains(&nominative_norm) {
            score += SEEN_AS_NOMINATIVE;
        } else if evidence.declined.contains(&nominative_norm) {
            score += DECLINED_ELSEWHERE;
        }
    }
    score += match reading.attested {
        Attested::Strong => ATTESTED_STRONG,
        Attested::Weak => ATTESTED_WEAK,
        Attested::No => 0,
    };
    let plural = !reading.cases.intersects(SINGULAR) && !reading.indeclinable;
    // a place in the plural is mostly a plurale tantum: a place written in the plural nominative
    // keeps it (Δελφοί), and no unknown singular is made up for its other cases (Φιλίππων)
    if plural && slot.kind == Kind::Place {
        if end == "οι" || (end == "ες" && !reading.lexical) {
            score -= PLURAL_PLACE_KEEPS_ITS_NOMINATIVE;
        } else if reading.attested == Attested::No
            && !plural_nominative(&nominative_norm, reading.genders)
        {
            score -= UNKNOWN_SINGULAR_OF_A_PLURAL_PLACE;
        }
    }
    let plural_article = context.is_some_and(|c| !c.cases.intersects(SINGULAR));
    if slot.kind == Kind::Place
        && plural_article
        && plural
        && !reading.lexical
        && !plural_nominative(&nominative_norm, reading.genders)
    {
        score -= SINGULAR_GUESSED_AFTER_A_PLURAL_ARTICLE;
    }
    if reading.lexical {
        score += LEXICON_PARADIGM;
    }
    // the plural cells of the lexicon are unreliable; rank by shape instead: a plural place is
    // mostly a plurale tantum (των Χανίων → Χανιά, των Σερρών → Σέρρες), a plural of anything
    // else mostly names a people, in the masculine (των Αμερικανών → Αμερικανός)
    if plural {
        let nominative_end = |e: &str| nominative_norm.ends_with(e);
        score += if slot.kind == Kind::Place {
            if reading.genders.intersects(NEUT) || nominative_end("ες") {
                PLURALE_TANTUM_PLACE
            } else {
                0
            }
        } else if nominative_end("ος") {
            PEOPLE_IN_OS
        } else if nominative_end("ας") || nominative_end("ης") {
            PEOPLE_IN_AS_IS
        } else {
            0
        };
        // of two readings that mirror each other (Ευρωπαία/Ευρωπαίας), the real noun is the one
        // whose plural is attested
        if lexicon().has_plural_genitive(&reading.nominative) {
            score += PLURAL_ATTESTED;
        }
    }
    if identity && context.is_none() {
        score += AS_WRITTEN_WITHOUT_ARTICLE;
    }
    // a word written without its accent («Αλφα») gets no accent and no ending that no mention
    // has, unless an article proves it a case form or the document writes that nominative
    if !identity && context.is_none() && unaccented_word(word) {
        score -= INVENTED_SPELLING;
    }
    if reading.indeclinable {
        if !end.is_empty() {
            score -= INDECLINABLE_WITH_AN_ENDING;
        }
    } else if reading.attested == Attested::No {
        // declining -α/-ο to an unknown -ας/-ος is a guess (του Ομπάμα), and so is an unknown
        // -ου with no article (Νετανιάχου); the others are not
        let greek_surname = slot.surname && slot.after_greek_name;
        let guess = (matches!(end, "α" | "ο") && !greek_surname)
            || (matches!(end, "ου" | "ιου") && context.is_none());
        score += if guess {
            -UNKNOWN_GUESS
        } else {
            UNKNOWN_REGULAR_DECLENSION
        };
    }
    // a surname in -ου is mostly a surname of that form (Ιωάννου), and places are not first names
    if learned_genitive(reading, end) && (slot.surname || slot.kind != Kind::Person) {
        score -= LEARNED_GENITIVE_OUTSIDE_FIRST_NAMES;
    }
    match slot.kind {
        Kind::Person => {
            // people are men or women: «του Τρωικού Πολέμου» tagged as a person is no neuter,
            // unless the lexicon knows the word only as one (a place the tagger mistook)
            if reading.genders == NEUT && !reading.indeclinable && !reading.lexical {
                score -= NEUTER_PERSON;
            }
            let lone_surname_in_ou = matches!(end, "ου" | "ιου") && !slot.before_surname;
            if (slot.surname || lone_surname_in_ou) && slot.person_gender == FEM && identity {
                score += WOMANS_SURNAME_AS_WRITTEN;
            }
            // after a first name that does not decline (Λίον, Μπαράκ), a surname without a
            // Greek surname's ending is foreign too and stays as written (Πανέτα, Ομπάμα)
            if slot.surname
                && !slot.after_greek_name
                && identity
                && matches!(end, "α" | "ο" | "η")
                && !surname_in_eta(word_norm)
            {
                score += FOREIGN_SURNAME_AS_WRITTEN;
            }
            // a Greek man's surname is masculine: «Γιάννη Ζαφείρη» → Ζαφείρης
            if slot.surname
                && slot.after_greek_name
                && slot.person_gender == MASC
                && matches!(end, "η" | "α")
                && reading.genders.intersects(MASC)
                && !identity
            {
                score += GREEK_MANS_SURNAME;
            }
            let masculine = reading.genders.intersects(MASC) && !identity;
            if end == "η" && masculine && slot.person_gender != FEM && surname_in_eta(word_norm) {
                score += SURNAME_IN_ETA;
            }
            if (slot.surname || (slot.person_gender.is_empty() && !slot.before_surname))
                && matches!(end, "ου" | "ιου")
                && genitive_surname(word_norm)
                && reading.indeclinable
            {
                score += GENITIVE_SURNAME;
            }
            if matches!(end, "ου" | "ιου" | "ο") && reading.genders.intersects(MASC) && !identity
            {
                score += MASCULINE_PERSON_IN_OU_O;
            }
            if !slot.person_gender.is_empty() && reading.genders.intersects(slot.person_gender) {
                score += PERSONS_GENDER;
            }
        }
        Kind::Place | Kind::Name => {
            let place = slot.kind == Kind::Place;
            if matches!(end, "ου" | "ιου") && !identity {
                let neuter = word_norm.ends_with("ιου");
                let fits = if neuter && place {
                    reading.genders.intersects(NEUT)
                } else {
                    reading.genders.intersects(MASC | FEM)
                };
                if fits {
                    score += if place {
                        PLACE_GENITIVE_IN_OU
                    } else {
                        NAME_GENITIVE_IN_OU
                    };
                }
            }
            let neuter_shape = ["ειου", "αιου", "ειο", "αιο"]
                .iter()
                .any(|e| word_norm.ends_with(e));
            if place && neuter_shape && reading.genders.intersects(NEUT) && !reading.indeclinable {
                score += NEUTER_PLACE_IN_EIO;
            }
            if identity && !reading.indeclinable {
                score += NAME_AS_ITS_OWN_NOMINATIVE;
                // neuter places in -ο are common (στο Στρασβούργο), masculine ones known (Βόλος)
                if place && end == "ο" {
                    score += NEUTER_PLACE_IN_O;
                }
            }
            // places and organizations in -ας/-ης are mostly feminine genitives (της Ελλάδας);
            // masculine ones are mostly oxytone (Πειραιάς)
            // after «της» the article says so, attested or not (της Άγκυρας)
            let feminine_genitive_article =
                context.is_some_and(|c| c.genders == FEM && c.cases == GEN);
            if matches!(end, "ας" | "ης")
                && !word.ends_with("άς")
                && !surname_in_eta(word_norm.trim_end_matches('ς'))
                && reading.genders == FEM
                && reading.cases == GEN
                && (reading.attested != Attested::No || feminine_genitive_article)
            {
                score += if feminine_genitive_article {
                    FEMININE_GENITIVE_AFTER_TIS
                } else {
                    FEMININE_GENITIVE_PLACE
                };
            }
        }
    }
    score
}

/// True for a nominative (by `norm`) of a plural shape: in -οι or -ες, or a neuter in -α
/// (Χανιά).
fn plural_nominative(nominative_norm: &str, genders: super::grammar::Genders) -> bool {
    nominative_norm.ends_with("οι")
        || nominative_norm.ends_with("ες")
        || (genders == NEUT && nominative_norm.ends_with('α'))
}

/// True for a lowercase-written word of two syllables or more without an accent: a spelling that
/// leaves its stress unknown («Αλφα»), not a capital-letters headline nor a monosyllable.
fn unaccented_word(word: &str) -> bool {
    word.chars().any(char::is_lowercase)
        && !has_accent(word)
        && crate::normalize::has_greek(word)
        && vowel_groups(&norm(word)) >= 2
}
