//! Declension of one word of a name back to its nominative.
//!
//! Each word gets candidate readings — from the embedded lexicon and from the Greek ending rules
//! (masculine -ης/-η, -ας/-α, -ος/-ου/-ο; feminine -α/-ας, -η/-ης; neuter -ο/-ου, -ι/-ιού,
//! -μα/-ματος) — plus the reading that the word does not decline at all. The article before the
//! mention rules out readings of the wrong case or gender; forms seen after a nominative article in
//! the same document, attestation in the lexicon and the kind of name rank what is left.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet as HashSet};

use super::lexicon::{
    lexicon, Attested, ACC, ANY_CASE, ANY_GENDER, FEM, GEN, MASC, NEUT, NOM, PLURAL, PL_ACC,
    PL_GEN, PL_NOM, SINGULAR, VOC,
};
use crate::greek::{accent_last_vowel, capitalize, stressed_syllable};
use crate::normalize::{is_letter, norm};

/// What the article or preposition before a mention says about its case and gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Context {
    pub cases: u8,
    pub genders: u8,
}

impl Context {
    /// True when the mention may stand in the singular nominative (after ο/η/το).
    pub fn is_nominative(self) -> bool {
        self.cases & NOM != 0
    }

    /// A plural context widened to the same singular cases: a plural article before one
    /// person's name introduces a list of people («τους Νίκο και Γιάννη»), or names a people
    /// («οι Τάταροι»).
    pub fn singular(self) -> Context {
        Context {
            cases: self.cases | (self.cases & PLURAL) >> 4,
            genders: self.genders,
        }
    }

    fn allows(self, cases: u8, genders: u8) -> bool {
        self.cases & cases != 0 && self.genders & genders != 0
    }
}

/// The context an article, an article fused with σε, or a bare preposition sets, by `norm`.
pub(crate) fn article_context(word_norm: &str) -> Option<Context> {
    let (cases, genders) = match word_norm {
        "ο" => (NOM, MASC),
        "η" => (NOM, FEM),
        // «το» also stands before masculine accusatives in speech (το Νοέμβριο)
        "το" => (NOM | ACC, NEUT | MASC),
        "οι" => (PL_NOM, MASC | FEM),
        "τα" => (PL_NOM | PL_ACC, NEUT),
        "του" | "στου" => (GEN, MASC | NEUT),
        "της" | "στης" => (GEN, FEM),
        "τον" | "στον" => (ACC, MASC),
        "την" | "τη" | "στην" | "στη" => (ACC, FEM),
        // «στο» is neuter, but speech also uses it before masculine names
        "στο" => (ACC, NEUT | MASC),
        "των" => (PL_GEN, ANY_GENDER),
        "τους" | "στους" => (PL_ACC, MASC),
        "τις" | "στις" => (PL_ACC, FEM),
        "στα" => (PL_ACC, NEUT),
        "σε" | "σ" | "απο" | "απ" | "με" | "για" | "γι" | "προς" | "κατα" | "μετα" | "χωρις"
        | "μεχρι" | "παρα" | "αντι" => (ACC | PL_ACC, ANY_GENDER),
        _ => return None,
    };
    Some(Context { cases, genders })
}

/// Titles that may stand between the article and a person's name («του πρωθυπουργού Κ. Μ.»),
/// in every case form, by `norm`.
pub(crate) fn is_title(word_norm: &str) -> bool {
    const STEMS: &[&str] = &[
        "πρωθυπουργ",
        "προεδρ",
        "αντιπροεδρ",
        "υπουργ",
        "υφυπουργ",
        "βουλευτ",
        "ευρωβουλευτ",
        "ηγετ",
        "αρχηγ",
        "δημαρχ",
        "περιφερειαρχ",
        "εκπροσωπ",
        "γραμματε",
        "διευθυντ",
        "καθηγητ",
        "συγγραφε",
        "ηθοποι",
        "τραγουδιστ",
        "προπονητ",
        "ποδοσφαιριστ",
        "επιτροπ",
        "εισαγγελε",
        "δικαστ",
        "πρεσβ",
        "στρατηγ",
        "αρχιεπισκοπ",
        "μητροπολιτ",
        "πατριαρχ",
        "βασιλι",
        "βασιλισσ",
        "πριγκιπ",
        "ιδρυτ",
        "σκηνοθετ",
        "ποιητ",
        "αγωνιστ",
        "συνθετ",
        "ζωγραφ",
        "δημοσιογραφ",
        "αθλητ",
        "ερευνητ",
        "αναλυτ",
    ];
    const WORDS: &[&str] = &[
        "κ",
        "κ.",
        "κα",
        "κα.",
        "δρ",
        "δρ.",
        "κυριος",
        "κυριου",
        "κυριο",
        "κυρια",
        "κυριας",
        "πρωην",
        "νυν",
        "επικεφαλης",
    ];
    WORDS.contains(&word_norm)
        || (word_norm.chars().count() <= 16
            && STEMS.iter().any(|s| {
                word_norm
                    .strip_prefix(s)
                    .is_some_and(|rest| rest.chars().count() <= 5)
            }))
}

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

/// The kind of name a word belongs to, which decides defaults when the evidence is silent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Person,
    /// Places and organizations: neuter names in -ειο/-αιο are common (Ηράκλειο, Πολυτεχνείο).
    Place,
    /// Anything else, including labels of unknown meaning.
    Name,
}

/// Where a word sits: the kind of name, whether it follows a person's first name, and the
/// person's gender once the first name has told it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub kind: Kind,
    pub surname: bool,
    pub person_gender: u8,
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
    pub genders: u8,
    pub plural: bool,
}

#[derive(Clone, Debug)]
struct Reading {
    nominative: String,
    genders: u8,
    cases: u8,
    /// From the lexicon's attested paradigms.
    lexical: bool,
    /// How surely the nominative is a known word.
    attested: Attested,
    /// The word left as it is, in any case: names that do not decline.
    indeclinable: bool,
}

/// Endings the rules know, longest first, accented and not.
const ENDINGS: &[&str] = &[
    "ματος",
    "ιού",
    "ους",
    "ούς",
    "ων",
    "ών",
    "ου",
    "ού",
    "ος",
    "ός",
    "ης",
    "ής",
    "ας",
    "άς",
    "ες",
    "ές",
    "οι",
    "οί",
    "η",
    "ή",
    "α",
    "ά",
    "ο",
    "ό",
];

fn ending(word: &str) -> Option<(&str, &'static str)> {
    ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e).map(|stem| (stem, *e)))
        .filter(|(stem, _)| stem.chars().count() >= 2)
}

/// Accentless form of an ending, to match rules on.
fn plain(ending: &str) -> &'static str {
    match ending {
        "ματος" => "ματος",
        "ιού" => "ιου",
        "ους" | "ούς" => "ους",
        "ων" | "ών" => "ων",
        "ου" | "ού" => "ου",
        "ος" | "ός" => "ος",
        "ης" | "ής" => "ης",
        "ας" | "άς" => "ας",
        "ες" | "ές" => "ες",
        "οι" | "οί" => "οι",
        "η" | "ή" => "η",
        "α" | "ά" => "α",
        "ο" | "ό" => "ο",
        _ => "",
    }
}

/// True when a word should never be declined: no Greek letters (Tesla), an acronym (ΠΑΣΟΚ,
/// ΣΥΡΙΖΑ: capitals, at most six letters), an initial.
pub(crate) fn is_fixed(word: &str) -> bool {
    let letters = word.chars().filter(|c| is_letter(*c)).count();
    letters < 2
        || !crate::normalize::has_greek(word)
        || (letters <= 6 && in_capitals(word))
        || word.contains('.')
}

/// True when every letter is a capital.
fn in_capitals(word: &str) -> bool {
    word.chars()
        .filter(|c| is_letter(*c))
        .all(char::is_uppercase)
}

/// Declines a word written in capitals (ΤΟΥ ΜΗΤΣΟΤΑΚΗ) through its title-case form and writes
/// the nominative in capitals again (ΜΗΤΣΟΤΑΚΗΣ): the spelling unification later prefers an
/// accented variant when the corpus has one.
fn through_title_case<T>(
    word: &str,
    decline: impl FnOnce(&str) -> T,
    text: impl Fn(&mut T) -> &mut String,
) -> T {
    use unicode_normalization::UnicodeNormalization;
    let mut chars = word.chars();
    let titled: String = chars
        .next()
        .into_iter()
        .chain(chars.as_str().to_lowercase().chars())
        .collect();
    let mut result = decline(&titled);
    let out = text(&mut result);
    // capitals carry no tonos, but keep the dialytika (ΚΑΡΑΪΣΚΑΚΗΣ)
    *out = out
        .nfd()
        .filter(|&c| c != '\u{0301}')
        .nfc()
        .collect::<String>()
        .to_uppercase();
    result
}

/// Gives `word`'s capitalization to a spelling taken from the lexicon.
fn match_case(word: &str, spelled: &str) -> String {
    let word_lower = word.chars().next().is_some_and(char::is_lowercase);
    let mut chars = spelled.chars();
    match chars.next() {
        Some(first) if word_lower && first.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => spelled.to_string(),
    }
}

/// Words whose readings a worker thread keeps; the cache starts over when full.
const READINGS_CACHE_CAPACITY: usize = 50_000;

thread_local! {
    /// Readings by word: they depend on the word alone, and names repeat across documents.
    static READINGS: RefCell<FxHashMap<Box<str>, Rc<[Reading]>>> = RefCell::default();
}

/// [`readings`] of `word`, from this thread's cache when it was declined before.
fn cached_readings(word: &str) -> Rc<[Reading]> {
    READINGS.with(|cache| {
        if let Some(known) = cache.borrow().get(word) {
            return Rc::clone(known);
        }
        let fresh: Rc<[Reading]> = readings(word).into();
        let mut cache = cache.borrow_mut();
        if cache.len() >= READINGS_CACHE_CAPACITY {
            cache.clear();
        }
        cache.insert(word.into(), Rc::clone(&fresh));
        fresh
    })
}

fn readings(word: &str) -> Vec<Reading> {
    let lex = lexicon();
    let word_norm = norm(word);
    let mut out: Vec<Reading> = Vec::new();
    let forms = lex.forms(&word_norm);
    // an accented word is not a case form of a word accented elsewhere (Λουκάς, Λούκας)
    let exact = super::has_accent(word)
        || forms
            .iter()
            .any(|f| f.spelled.to_lowercase() == word.to_lowercase());
    for form in forms {
        if exact && form.spelled.to_lowercase() != word.to_lowercase() {
            continue;
        }
        let Some(lexeme) = lex.lexemes.get(form.lexeme as usize) else {
            continue;
        };
        // no masculine singular ends in -ες: such lexemes are feminine plurals read as
        // masculines by the data build (Ευρωπαίες)
        if lexeme.gender == MASC && norm(&lexeme.nominative).ends_with("ες") {
            continue;
        }
        let nominative = match &lexeme.plural {
            Some(plural) if form.cases & SINGULAR == 0 => plural,
            // a word written as its own nominative keeps it (Σπυρίδων), though its case forms
            // take the modern one (του Σπυρίδωνα → Σπυρίδωνας)
            _ if form.cases & NOM != 0 => &form.spelled,
            _ => &lexeme.nominative,
        };
        out.push(Reading {
            nominative: match_case(word, nominative),
            genders: lexeme.gender,
            cases: form.cases,
            lexical: true,
            attested: Attested::Strong,
            indeclinable: false,
        });
    }
    // a word stressed on its ending (Αντρές) is no case form of a name stressed on its stem
    // (Άντρας); genitive plurals in -ών are stressed there whatever the nominative (Αθηνών)
    let word_ending = ending(word);
    let stressed_ending = word_ending.is_some_and(|(_, e)| e != plain(e) && plain(e) != "ων");
    // singular endings that keep the accent where it is: a known name stressed elsewhere is
    // another word (Κουμπάρα is not the piggy bank Κουμπαράς)
    let fixed_stress =
        word_ending.is_some_and(|(_, e)| matches!(plain(e), "α" | "ας" | "η" | "ης" | "ο"));
    // true when the known spelling `known` is another word than `candidate`, by its stress
    let other_word = |candidate: &str, known: &str| {
        (stressed_ending && !stressed_last_syllable(known))
            || (fixed_stress
                && matches!(
                    (stressed_syllable(candidate), stressed_syllable(known)),
                    (Some(a), Some(b)) if a != b
                ))
    };
    let mut rule = |nominative: String, genders: u8, cases: u8, only_attested: bool| {
        // a known name stressed elsewhere is another word: a guess with its own accent keeps it
        // (Αυγής → Αυγή, not the name Αύγη), one without is dropped (Αντρές is not Άντρες)
        let found = lex.nominative(&nominative);
        let own_accent = found.is_some_and(|(k, _)| other_word(&nominative, k))
            && super::has_accent(&nominative);
        let known = found.filter(|(k, _)| !other_word(&nominative, k));
        if only_attested && known.is_none() && !own_accent {
            return;
        }
        // a word read as its own nominative keeps the accent it is written with (Λουκάς, not
        // the surname Λούκας); guessed nominatives take the attested spelling
        let keep = (nominative == word && super::has_accent(word)) || own_accent;
        let spelled = known
            .map(|(k, _)| k)
            .or_else(|| lex.spelling(&norm(&nominative)))
            .filter(|_| !keep);
        out.push(Reading {
            nominative: spelled.map_or(nominative, |k| match_case(word, k)),
            genders,
            cases,
            lexical: false,
            attested: known.map_or(Attested::No, |(_, a)| a),
            indeclinable: false,
        });
    };
    if let Some((stem, end)) = word_ending {
        let accented = end != plain(end);
        let pick = |plain: &'static str, accented_form: &'static str| {
            if accented {
                accented_form
            } else {
                plain
            }
        };
        match plain(end) {
            "η" | "α" => {
                rule(format!("{word}ς"), MASC, GEN | ACC | VOC, false);
                rule(word.to_string(), FEM, NOM | ACC | VOC, false);
            }
            "ης" | "ας" => {
                rule(word.to_string(), MASC, NOM, false);
                rule(
                    word[..word.len() - 'ς'.len_utf8()].to_string(),
                    FEM,
                    GEN,
                    false,
                );
            }
            "ος" => rule(word.to_string(), MASC | FEM, NOM, false),
            "ο" => {
                rule(format!("{word}ς"), MASC | FEM, ACC, false);
                rule(word.to_string(), NEUT, NOM | ACC, false);
            }
            "ου" | "ιου" => {
                if plain(end) == "ιου" {
                    rule(format!("{stem}ι"), NEUT, GEN, true);
                } else if let Some(before) = word.strip_suffix("ίου") {
                    // Παλαιοχωρίου → Παλαιοχώρι: attested, or a compound of χωριό or a
                    // diminutive in -άκι, which are neuters in -ι
                    let productive = before.ends_with("χωρ") || before.ends_with("ακ");
                    match accent_last_vowel(before).filter(|_| productive) {
                        Some(accented) => rule(format!("{accented}ι"), NEUT, GEN, false),
                        None => rule(format!("{before}ι"), NEUT, GEN, true),
                    }
                }
                let stem = if plain(end) == "ιου" {
                    &word[..word.len() - end.len() + "ι".len()]
                } else {
                    stem
                };
                rule(
                    format!("{stem}{}", pick("ος", "ός")),
                    MASC | FEM,
                    GEN,
                    false,
                );
                rule(format!("{stem}{}", pick("ο", "ό")), NEUT, GEN, false);
                // the learned genitive of masculine names in -ης (του Ιωάννου → Ιωάννης)
                if plain(end) == "ου" {
                    rule(format!("{stem}{}", pick("ης", "ής")), MASC, GEN, true);
                }
            }
            // plurals: the singular when it is a known name (Βρετανοί → Βρετανός), else the
            // plural nominative of a plurale tantum (Φιλιππίνων → Φιλιππίνες)
            "ων" => {
                for e in ["ος", "ός", "α", "η"] {
                    rule(format!("{stem}{e}"), MASC | FEM, PL_GEN, true);
                }
                rule(
                    format!("{stem}{}", pick("ες", "ές")),
                    FEM | MASC,
                    PL_GEN,
                    true,
                );
                rule(format!("{stem}{}", pick("οι", "οί")), MASC, PL_GEN, true);
                let neuter = format!("{stem}{}", pick("α", "ά"));
                // «Αθηνών» is not the plural of the goddess Αθηνά
                if !lex.is_feminine_noun(&neuter) {
                    rule(neuter, NEUT, PL_GEN, true);
                }
            }
            "ους" => {
                rule(format!("{stem}{}", pick("ος", "ός")), MASC, PL_ACC, true);
                rule(format!("{stem}{}", pick("οι", "οί")), MASC, PL_ACC, true);
            }
            "ματος" => rule(format!("{stem}μα"), NEUT, GEN, true),
            "ες" => {
                for e in ["ας", "ης", "α", "η"] {
                    rule(format!("{stem}{e}"), FEM | MASC, PL_NOM | PL_ACC, true);
                }
            }
            // a people in the plural (Σοβιετικοί, Τάταροι) is named by its singular even when
            // the lexicon lacks it; plural places keep their form (Δελφοί), see `score`
            "οι" => rule(
                format!("{stem}{}", pick("ος", "ός")),
                MASC | FEM,
                PL_NOM,
                false,
            ),
            _ => {}
        }
    }
    out.push(Reading {
        nominative: word.to_string(),
        genders: ANY_GENDER,
        cases: ANY_CASE,
        lexical: false,
        attested: lex
            .nominative(word)
            .filter(|(k, _)| !other_word(word, k))
            .map_or(Attested::No, |(_, a)| a),
        indeclinable: true,
    });
    out
}

/// True for a reading that takes -ου as the learned genitive of a masculine -ης (Ιωάννου).
fn learned_genitive(reading: &Reading, end: &str) -> bool {
    end == "ου" && reading.cases == GEN && norm(&reading.nominative).ends_with("ης")
}

/// Endings of masculine surnames in -ης, seen in the genitive or accusative (Μητσοτάκη).
fn surname_in_eta(word_norm: &str) -> bool {
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

fn score(
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
        && context.is_some_and(|c| c.genders & MASC != 0 && c.genders & FEM == 0)
        && evidence.masculine_nominative.contains(word_norm);
    if masculine_as_written {
        score += 100;
    } else if !(reading.indeclinable && context.is_some()) {
        if evidence.nominative.contains(&nominative_norm) {
            score += 100;
        } else if evidence.declined.contains(&nominative_norm) {
            score += 40;
        }
    }
    score += match reading.attested {
        Attested::Strong => 20,
        Attested::Weak => 10,
        Attested::No => 0,
    };
    let plural = reading.cases & SINGULAR == 0 && !reading.indeclinable;
    // a place in the plural is mostly a plurale tantum: a place written in the plural nominative
    // keeps it (Δελφοί), and no unknown singular is made up for its other cases (Φιλίππων)
    if plural && slot.kind == Kind::Place {
        if end == "οι" {
            score -= 30;
        } else if reading.attested == Attested::No {
            score -= 4;
        }
    }
    if reading.lexical {
        score += 2;
    }
    // the plural cells of the lexicon are unreliable; rank by shape instead: a plural place is
    // mostly a plurale tantum (των Χανίων → Χανιά, των Σερρών → Σέρρες), a plural of anything
    // else mostly names a people, in the masculine (των Αμερικανών → Αμερικανός)
    if plural {
        let nominative_end = |e: &str| nominative_norm.ends_with(e);
        score += if slot.kind == Kind::Place {
            if reading.genders & NEUT != 0 || nominative_end("ες") {
                4
            } else {
                0
            }
        } else if nominative_end("ος") {
            3
        } else if nominative_end("ας") || nominative_end("ης") {
            2
        } else {
            0
        };
        // of two readings that mirror each other (Ευρωπαία/Ευρωπαίας), the real noun is the one
        // whose plural is attested
        if lexicon().has_plural_genitive(&reading.nominative) {
            score += 3;
        }
    }
    if identity && context.is_none() {
        score += 3;
    }
    if reading.indeclinable {
        if !end.is_empty() {
            score -= 2;
        }
    } else if reading.attested == Attested::No {
        // declining -α/-ο to an unknown -ας/-ος is a guess (του Ομπάμα), and so is an unknown
        // -ου with no article (Νετανιάχου); the others are not
        let greek_surname = slot.surname && slot.after_greek_name;
        let guess = (matches!(end, "α" | "ο") && !greek_surname)
            || (matches!(end, "ου" | "ιου") && context.is_none());
        score += if guess { -4 } else { 1 };
    }
    // a surname in -ου is mostly a surname of that form (Ιωάννου), and places are not first names
    if learned_genitive(reading, end) && (slot.surname || slot.kind != Kind::Person) {
        score -= 30;
    }
    match slot.kind {
        Kind::Person => {
            // people are men or women: «του Τρωικού Πολέμου» tagged as a person is no neuter,
            // unless the lexicon knows the word only as one (a place the tagger mistook)
            if reading.genders == NEUT && !reading.indeclinable && !reading.lexical {
                score -= 6;
            }
            if slot.surname && slot.person_gender == FEM && identity {
                score += 30;
            }
            // after a first name that does not decline (Λίον, Μπαράκ), a surname without a
            // Greek surname's ending is foreign too and stays as written (Πανέτα, Ομπάμα)
            if slot.surname
                && !slot.after_greek_name
                && identity
                && matches!(end, "α" | "ο" | "η")
                && !surname_in_eta(word_norm)
            {
                score += 12;
            }
            // a Greek man's surname is masculine: «Γιάννη Ζαφείρη» → Ζαφείρης
            if slot.surname
                && slot.after_greek_name
                && slot.person_gender == MASC
                && matches!(end, "η" | "α")
                && reading.genders & MASC != 0
                && !identity
            {
                score += 8;
            }
            let masculine = reading.genders & MASC != 0 && !identity;
            if end == "η" && masculine && slot.person_gender != FEM && surname_in_eta(word_norm) {
                score += 8;
            }
            if (slot.surname || (slot.person_gender == 0 && !slot.before_surname))
                && matches!(end, "ου" | "ιου")
                && genitive_surname(word_norm)
                && reading.indeclinable
            {
                score += 25;
            }
            if matches!(end, "ου" | "ιου" | "ο") && reading.genders & MASC != 0 && !identity {
                score += 3;
            }
            if slot.person_gender != 0 && reading.genders & slot.person_gender != 0 {
                score += 5;
            }
        }
        Kind::Place | Kind::Name => {
            let place = slot.kind == Kind::Place;
            if matches!(end, "ου" | "ιου") && !identity {
                let neuter = word_norm.ends_with("ιου");
                let fits = if neuter && place {
                    reading.genders & NEUT != 0
                } else {
                    reading.genders & (MASC | FEM) != 0
                };
                if fits {
                    score += if place { 6 } else { 1 };
                }
            }
            let neuter_shape = ["ειου", "αιου", "ειο", "αιο"]
                .iter()
                .any(|e| word_norm.ends_with(e));
            if place && neuter_shape && reading.genders & NEUT != 0 && !reading.indeclinable {
                score += 25;
            }
            if identity && !reading.indeclinable {
                score += 3;
                // neuter places in -ο are common (στο Στρασβούργο), masculine ones known (Βόλος)
                if place && end == "ο" {
                    score += 12;
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
                score += if feminine_genitive_article { 12 } else { 8 };
            }
        }
    }
    score
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
            genders: 0,
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
            && c.genders & FEM == 0
            && word.ends_with('α')
            && word_norm.ends_with("ια")
            && all.iter().any(|r| {
                r.lexical && r.genders == FEM && r.cases & NOM != 0 && r.nominative == word
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
            genders: if r.indeclinable { 0 } else { r.genders },
            plural: r.cases & SINGULAR == 0 && r.cases & PLURAL != 0,
        },
        None => Declined {
            text: word.to_string(),
            genders: 0,
            plural: false,
        },
    }
}

/// True when `word`, inside a name after its first word, is a genitive that does not agree with the
/// name: every lexicon form of it is a genitive, and none of a gender that the article or the
/// name's first word (`first_genders`, 0 if unknown) allows («της Ασφάλειας Αγρινίου»: Αγρινίου
/// is only the genitive of the neuter Αγρίνιο).
pub(crate) fn is_genitive_complement(
    word: &str,
    context: Option<Context>,
    first_genders: u8,
) -> bool {
    let mut allowed = context.map_or(ANY_GENDER, |c| c.genders);
    if first_genders != 0 {
        allowed &= first_genders;
    }
    if context.is_none() && first_genders == 0 {
        return false;
    }
    let lex = lexicon();
    let forms = lex.forms(&norm(word));
    !forms.is_empty()
        && forms.iter().all(|f| {
            f.cases & !(GEN | PL_GEN) == 0
                && lex
                    .lexemes
                    .get(f.lexeme as usize)
                    .is_some_and(|l| l.gender & allowed == 0)
        })
}

/// True when `word`, right after the adjective `adjective` inside a name, is a genitive
/// complement and not the noun the adjective agrees with: the adjective is then itself the noun
/// («Ολυμπιακός Πειραιώς», «Εθνική Ελλάδος»). Learned genitives (-εως, -ώς, -άδος) are always
/// complements; another word that is only ever a genitive is one when the adjective is not in the
/// genitive or the article rules the genitive out. Head words (Τράπεζα) are never complements
/// here. «του Ολυμπιακού Βόλου» stays undecided: it has the shape of «του Ερυθρού Σταυρού».
pub(crate) fn complements_adjective(word: &str, adjective: &str, context: Option<Context>) -> bool {
    let word_norm = norm(word);
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    if word_norm.ends_with("εως") || word_norm.ends_with("ιως") {
        return true;
    }
    if lexicon().is_head_word(&word_norm) || !is_only_genitive(word) {
        return false;
    }
    // third-declension genitives of the learned language live on in names only (Ελλάδος)
    if word_norm.ends_with("αδος") || word_norm.ends_with("ιδος") {
        return true;
    }
    let adjective_norm = norm(adjective);
    let adjective_genitive = ["ου", "ης", "ας", "ων"]
        .iter()
        .any(|e| adjective_norm.ends_with(e));
    !adjective_genitive || context.is_some_and(|c| c.cases & (GEN | PL_GEN) == 0)
}

/// True when `word` can only be a genitive: every lexicon form spelled like it is one
/// (Μαδρίτης), or, for a word without a paradigm, it is a known feminine nominative in -α/-η plus
/// the genitive's -ς and no nominative itself (Λισαβόνας).
pub(crate) fn is_only_genitive(word: &str) -> bool {
    let lex = lexicon();
    let forms = lex.forms(&norm(word));
    if !forms.is_empty() {
        return forms.iter().all(|f| f.cases & !(GEN | PL_GEN) == 0);
    }
    word.strip_suffix('ς')
        .is_some_and(|stem| stem.ends_with(['α', 'ά', 'η', 'ή']) && lex.knows_nominative(stem))
        && !lex.knows_nominative(word)
}

/// True when some lexicon form spelled like `word` is a genitive (Μαδρίτης, also read as a
/// masculine nominative), or [`is_only_genitive`] says so.
pub(crate) fn may_be_genitive(word: &str) -> bool {
    lexicon()
        .forms(&norm(word))
        .iter()
        .any(|f| f.cases & (GEN | PL_GEN) != 0)
        || is_only_genitive(word)
}

/// The `norm`s of every nominative `word` may be a case form of.
pub(crate) fn possible_nominatives(word: &str) -> Vec<String> {
    readings(word).iter().map(|r| norm(&r.nominative)).collect()
}

/// True for words of organization and place names that agree with their head noun
/// (Εθνική Τράπεζα, Νέα Υόρκη, Ηνωμένες Πολιτείες), by `norm`.
pub(crate) fn is_adjective(word_norm: &str) -> bool {
    const STEMS: &[&str] = &[
        "νε",
        "αγι",
        "μεγαλ",
        "μικρ",
        "ηνωμεν",
        "ενωμεν",
        "χρυσ",
        "λευκ",
        "μαυρ",
        "ερυθρ",
        "παλαι",
        "ανωτατ",
        "ανωτερ",
        "πρωτ",
        "δευτερ",
        "βορει",
        "νοτι",
        "δημοσι",
        "ελευθερ",
        "ιερ",
        "ορθοδοξ",
        "ανεξαρτητ",
        "ενιαι",
        "γενικ",
        "ανοιχτ",
        "ομοσπονδιακ",
        "αυτονομ",
        "μητροπολιτικ",
        "παγκοσμι",
        "πανελληνι",
    ];
    const ENDS: &[&str] = &[
        "ος", "ου", "ο", "οι", "ους", "ων", "η", "ης", "α", "ας", "ες",
    ];
    if matches!(word_norm, "ανω" | "κατω" | "πανω" | "μεσα" | "εξω") {
        return true;
    }
    let Some(stem) = ENDS.iter().find_map(|e| word_norm.strip_suffix(e)) else {
        return false;
    };
    // superlatives, comparatives and participles: Γαληνότατη, Ανώτερη, Ενωμένη
    STEMS.contains(&stem)
        || (stem.chars().count() > 4
            && (stem.ends_with("τατ") || stem.ends_with("τερ") || stem.ends_with("μεν")))
        || stem.ends_with("ικ")
        || stem.ends_with("ιακ")
        || stem.ends_with("ινικ")
        || matches!(
            word_norm,
            "διεθνης" | "διεθνους" | "διεθνη" | "διεθνες" | "διεθνεις" | "διεθνων"
        )
}

/// The adjective `word` agreeing in the nominative with a head of `genders` and number.
pub(crate) fn decline_adjective(word: &str, genders: u8, plural: bool) -> String {
    if is_fixed(word) {
        return word.to_string();
    }
    if in_capitals(word) {
        return through_title_case(
            word,
            |titled| decline_adjective(titled, genders, plural),
            |s| s,
        );
    }
    let word_norm = norm(word);
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let gender = if genders & FEM != 0 && genders & MASC == 0 {
        FEM
    } else if genders == NEUT {
        NEUT
    } else if genders & MASC != 0 {
        MASC
    } else {
        return word.to_string();
    };
    let fixed = |lower: &str| match_case(if capital { "Α" } else { "α" }, &capitalize(lower));
    if word_norm.starts_with("αγι") && word_norm.chars().count() <= 5 {
        return fixed(match (gender, plural) {
            (MASC, false) => "άγιος",
            (FEM, false) => "αγία",
            (NEUT, false) => "άγιο",
            (MASC, true) => "άγιοι",
            (FEM, true) => "άγιες",
            _ => "άγια",
        });
    }
    if word_norm.starts_with("διεθν") && word_norm.chars().count() <= 9 {
        let stem: String = word.chars().take(5).collect();
        return format!(
            "{stem}{}",
            match (gender, plural) {
                (NEUT, false) => "ές",
                (_, false) => "ής",
                (NEUT, true) => "ή",
                _ => "είς",
            }
        );
    }
    const ADJ_ENDINGS: &[&str] = &[
        "ους", "ούς", "ων", "ών", "ος", "ός", "ου", "ού", "ης", "ής", "ας", "άς", "οι", "οί", "ες",
        "ές", "ο", "ό", "η", "ή", "α", "ά",
    ];
    let Some((stem, end)) = ADJ_ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e).map(|s| (s, *e)))
    else {
        return word.to_string();
    };
    let accented = end != plain(end);
    let stem_norm = norm(stem);
    let feminine_alpha = matches!(plain(end), "α" | "ας")
        || (!matches!(plain(end), "η" | "ης")
            && stem_norm.ends_with(['ι', 'ε', 'α', 'ο', 'υ'])
            && !stem_norm.ends_with("ικ"));
    let new_end = match (gender, plural) {
        (MASC, false) => ("ος", "ός"),
        (FEM, false) if feminine_alpha => ("α", "ά"),
        (FEM, false) => ("η", "ή"),
        (NEUT, false) => ("ο", "ό"),
        (MASC, true) => ("οι", "οί"),
        (FEM, true) => ("ες", "ές"),
        _ => ("α", "ά"),
    };
    // the genitive of an adjective in -ιος takes the accent forward (Πανελλήνιος →
    // Πανελληνίου, Βόρειος → Βορείου): the nominative takes it back
    let stem = match (plain(end), stem.strip_suffix('ί')) {
        // not after α (Ενιαίος, Ευρωπαίος keep their accent)
        ("ου" | "ων" | "ους", Some(before)) if !before.ends_with(['α', 'ο', 'υ']) => {
            accent_last_vowel_group(before).map_or_else(|| stem.to_string(), |b| format!("{b}ι"))
        }
        _ => stem.to_string(),
    };
    format!("{stem}{}", if accented { new_end.1 } else { new_end.0 })
}

/// `stem` with a tonos on its last vowel group (Πανελλην → Πανελλήν, Βορε → Βόρε: a diphthong
/// before the lost ι takes the accent on the syllable before it).
fn accent_last_vowel_group(stem: &str) -> Option<String> {
    // «Βορε» + ί: «ει» was one syllable, so the accent goes to the vowel before it
    let stem_for_accent = match stem.char_indices().last() {
        Some((at, 'ε')) => &stem[..at],
        _ => stem,
    };
    let accented = accent_last_vowel(stem_for_accent)?;
    Some(format!("{accented}{}", &stem[stem_for_accent.len()..]))
}

/// True when the last syllable of `word` carries its accent (Αντράς, not Άντρας).
fn stressed_last_syllable(word: &str) -> bool {
    stressed_syllable(word) == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSON: Slot = Slot {
        kind: Kind::Person,
        surname: false,
        person_gender: 0,
        after_greek_name: false,
        before_surname: false,
    };
    const NAME: Slot = Slot {
        kind: Kind::Place,
        surname: false,
        person_gender: 0,
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
    fn adjectives_agree_with_their_head() {
        assert!(is_adjective(&norm("Εθνικής")));
        assert!(is_adjective(&norm("Νέας")));
        assert!(!is_adjective(&norm("Τράπεζας")));
        assert_eq!(decline_adjective("Εθνικής", FEM, false), "Εθνική");
        assert_eq!(decline_adjective("Νέας", FEM, false), "Νέα");
        assert_eq!(decline_adjective("Ευρωπαϊκού", NEUT, false), "Ευρωπαϊκό");
        assert_eq!(decline_adjective("Ηνωμένων", FEM, true), "Ηνωμένες");
        assert_eq!(decline_adjective("Αγίου", NEUT, false), "Άγιο");
        assert_eq!(decline_adjective("Διεθνούς", NEUT, false), "Διεθνές");
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

    #[test]
    fn titles_are_recognized_in_any_case() {
        for t in ["πρωθυπουργού", "προέδρου", "υπουργό", "κ.", "βουλευτή"]
        {
            assert!(is_title(&norm(t)), "{t}");
        }
        assert!(!is_title(&norm("συνάντηση")));
    }
}
