//! A word's candidate readings: the nominatives it may be a case form of, from the embedded
//! lexicon's paradigms and from the Greek ending rules ([`ENDING_RULES`]: masculine -ης/-η,
//! -ας/-α, -ος/-ου/-ο; feminine -α/-ας, -η/-ης; neuter -ο/-ου, -ι/-ιού, -μα/-ματος; plurals),
//! plus the reading that the word does not decline at all.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::grammar::{
    Cases, Genders, ACC, ANY_CASE, ANY_GENDER, FEM, GEN, MASC, NEUT, NOM, PL_ACC, PL_GEN, PL_NOM,
    SINGULAR, VOC,
};
use super::lexicon::{lexicon, Attested};
use super::spelling::{accent_last_vowel, has_accent, stressed_last_syllable, stressed_syllable};
use crate::normalize::{is_letter, norm};

#[derive(Clone, Debug)]
pub(crate) struct Reading {
    pub nominative: String,
    pub genders: Genders,
    pub cases: Cases,
    /// From the lexicon's attested paradigms.
    pub lexical: bool,
    /// How surely the nominative is a known word.
    pub attested: Attested,
    /// The word left as it is, in any case: names that do not decline.
    pub indeclinable: bool,
}

/// Endings the rules know, longest first, as written (accented and not) and accentless.
const ENDINGS: &[(&str, &str)] = &[
    ("ματος", "ματος"),
    ("ιού", "ιου"),
    ("ους", "ους"),
    ("ούς", "ους"),
    ("ων", "ων"),
    ("ών", "ων"),
    ("ου", "ου"),
    ("ού", "ου"),
    ("ος", "ος"),
    ("ός", "ος"),
    ("ης", "ης"),
    ("ής", "ης"),
    ("ας", "ας"),
    ("άς", "ας"),
    ("ες", "ες"),
    ("ές", "ες"),
    ("οι", "οι"),
    ("οί", "οι"),
    ("η", "η"),
    ("ή", "η"),
    ("α", "α"),
    ("ά", "α"),
    ("ο", "ο"),
    ("ό", "ο"),
    // the vocative of masculines in -ος (Παπαδόπουλε)
    ("ε", "ε"),
    ("έ", "ε"),
];

/// `word` split into a stem of at least two letters and the ending [`ENDINGS`] knows, as written.
pub(crate) fn ending(word: &str) -> Option<(&str, &'static str)> {
    ENDINGS
        .iter()
        .find_map(|(e, _)| word.strip_suffix(e).map(|stem| (stem, *e)))
        .filter(|(stem, _)| stem.chars().count() >= 2)
}

/// Accentless form of an ending, to match rules on ("" for an ending [`ENDINGS`] lacks).
pub(crate) fn plain(ending: &str) -> &'static str {
    ENDINGS
        .iter()
        .find(|(written, _)| *written == ending)
        .map_or("", |(_, plain)| plain)
}

/// One ending rule: a word ending in `ending` (accentless) may be the case form `cases` of a
/// nominative of `genders` written with the word's stem and `suffix` (`accented` when the word's
/// ending carries the accent).
pub(crate) struct EndingRule {
    /// The word's ending, accentless.
    pub ending: &'static str,
    /// The nominative's ending after an unaccented ending.
    pub suffix: &'static str,
    /// The nominative's ending after an accented one.
    pub accented: &'static str,
    /// Genders of the nominative.
    pub genders: Genders,
    /// The cells the word fills as a form of that nominative.
    pub cases: Cases,
    /// Only when the nominative is a known word (plural and rare shapes are otherwise guesses).
    pub only_attested: bool,
    /// Not when the nominative is a feminine noun (the neuter plural «Αθηνών» is no «Αθηνά»).
    pub not_of_a_feminine_noun: bool,
}

const fn ending_rule(
    ending: &'static str,
    suffix: &'static str,
    accented: &'static str,
    genders: Genders,
    cases: Cases,
    only_attested: bool,
) -> EndingRule {
    EndingRule {
        ending,
        suffix,
        accented,
        genders,
        cases,
        only_attested,
        not_of_a_feminine_noun: false,
    }
}

/// Greek nominal endings and the nominatives they are case forms of, in the order readings are
/// tried (earlier wins ties). Rules of one ending all apply.
pub(crate) const ENDING_RULES: &[EndingRule] = &[
    // the genitive/accusative of a masculine in -ης/-ας, or a feminine nominative
    ending_rule("η", "ης", "ής", MASC, GEN.union(ACC).union(VOC), false),
    ending_rule("η", "η", "ή", FEM, NOM.union(ACC).union(VOC), false),
    ending_rule("α", "ας", "άς", MASC, GEN.union(ACC).union(VOC), false),
    ending_rule("α", "α", "ά", FEM, NOM.union(ACC).union(VOC), false),
    // a masculine nominative, or a feminine genitive
    ending_rule("ης", "ης", "ής", MASC, NOM, false),
    ending_rule("ης", "η", "ή", FEM, GEN, false),
    ending_rule("ας", "ας", "άς", MASC, NOM, false),
    ending_rule("ας", "α", "ά", FEM, GEN, false),
    ending_rule("ος", "ος", "ός", MASC.union(FEM), NOM, false),
    ending_rule("ο", "ος", "ός", MASC.union(FEM), ACC, false),
    // the vocative of a known name stressed before its last syllable («Νίκο», «Γιώργο»); an
    // unknown one is a foreign name that does not decline («κύριε Σεντένο»)
    ending_rule("ο", "ος", "ός", MASC, VOC, true),
    ending_rule("ο", "ο", "ό", NEUT, NOM.union(ACC), false),
    // the vocative of a masculine in -ος, as parliament minutes address people («κύριε
    // Παπαδόπουλε» → Παπαδόπουλος)
    ending_rule("ε", "ος", "ός", MASC, VOC, false),
    // neuters in -ι (Παρισιού → Παρίσι), then -ος and -ο names
    ending_rule("ιου", "ι", "ι", NEUT, GEN, true),
    ending_rule("ιου", "ιος", "ιός", MASC.union(FEM), GEN, false),
    ending_rule("ιου", "ιο", "ιό", NEUT, GEN, false),
    ending_rule("ου", "ος", "ός", MASC.union(FEM), GEN, false),
    ending_rule("ου", "ο", "ό", NEUT, GEN, false),
    // the learned genitive of masculine names in -ης (του Ιωάννου → Ιωάννης)
    ending_rule("ου", "ης", "ής", MASC, GEN, true),
    // plurals: the singular when it is a known name (Βρετανοί → Βρετανός), else the plural
    // nominative of a plurale tantum (Φιλιππίνων → Φιλιππίνες)
    ending_rule("ων", "ος", "ος", MASC.union(FEM), PL_GEN, true),
    ending_rule("ων", "ός", "ός", MASC.union(FEM), PL_GEN, true),
    ending_rule("ων", "α", "α", MASC.union(FEM), PL_GEN, true),
    ending_rule("ων", "η", "η", MASC.union(FEM), PL_GEN, true),
    ending_rule("ων", "ες", "ές", FEM.union(MASC), PL_GEN, true),
    ending_rule("ων", "οι", "οί", MASC, PL_GEN, true),
    EndingRule {
        not_of_a_feminine_noun: true,
        ..ending_rule("ων", "α", "ά", NEUT, PL_GEN, true)
    },
    ending_rule("ους", "ος", "ός", MASC, PL_ACC, true),
    // a plural place keeps its plural (στους Δελφούς → Δελφοί), see `score`
    ending_rule("ους", "οι", "οί", MASC, PL_ACC, false),
    ending_rule("ματος", "μα", "μα", NEUT, GEN, true),
    ending_rule(
        "ες",
        "ας",
        "ας",
        FEM.union(MASC),
        PL_NOM.union(PL_ACC),
        true,
    ),
    ending_rule(
        "ες",
        "ης",
        "ης",
        FEM.union(MASC),
        PL_NOM.union(PL_ACC),
        true,
    ),
    ending_rule("ες", "α", "α", FEM.union(MASC), PL_NOM.union(PL_ACC), true),
    ending_rule("ες", "η", "η", FEM.union(MASC), PL_NOM.union(PL_ACC), true),
    // a people in the plural (Σοβιετικοί, Τάταροι) is named by its singular even when the
    // lexicon lacks it; plural places keep their form (Δελφοί), see `score`
    ending_rule("οι", "ος", "ός", MASC.union(FEM), PL_NOM, false),
];

/// True when a word should never be declined: no Greek letters (Tesla), an acronym (ΠΑΣΟΚ,
/// ΣΥΡΙΖΑ: capitals, at most six letters), an initial. A word in capitals with a tonos
/// («ΉΠΕΙΡΟ») or one the lexicon knows as a case form («ΗΠΕΙΡΟ») is a word of a headline, not
/// an acronym.
pub(crate) fn is_fixed(word: &str) -> bool {
    let letters = word.chars().filter(|c| is_letter(*c)).count();
    letters < 2
        || !crate::normalize::has_greek(word)
        || (letters <= 6 && in_capitals(word) && !headline_word(word))
        || word.contains('.')
}

/// True for a short word in capitals that is a word, not an acronym: it carries a tonos, or the
/// lexicon knows it as the case form of a name.
fn headline_word(word: &str) -> bool {
    has_accent(word) || !lexicon().forms(&norm(word)).is_empty()
}

/// True when every letter is a capital.
pub(crate) fn in_capitals(word: &str) -> bool {
    word.chars()
        .filter(|c| is_letter(*c))
        .all(char::is_uppercase)
}

/// Declines a word written in capitals (ΤΟΥ ΜΗΤΣΟΤΑΚΗ) through its title-case form and writes
/// the nominative in capitals again (ΜΗΤΣΟΤΑΚΗΣ): the spelling unification later prefers an
/// accented variant when the corpus has one.
pub(crate) fn through_title_case<T>(
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
pub(crate) fn match_case(word: &str, spelled: &str) -> String {
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
pub(crate) fn cached_readings(word: &str) -> Rc<[Reading]> {
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

/// Every candidate reading of `word`: lexicon forms, then the ending rules, then the word as it
/// is.
fn readings(word: &str) -> Vec<Reading> {
    let lex = lexicon();
    let word_norm = norm(word);
    let mut out: Vec<Reading> = Vec::new();
    let forms = lex.forms(&word_norm);
    // an accented word is not a case form of a word accented elsewhere (Λουκάς, Λούκας)
    let exact = has_accent(word)
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
            Some(plural) if !form.cases.intersects(SINGULAR) => plural,
            // a word written as its own nominative keeps it (Σπυρίδων), though its case forms
            // take the modern one (του Σπυρίδωνα → Σπυρίδωνας)
            _ if form.cases.intersects(NOM) => &form.spelled,
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
    let mut rule = |nominative: String, genders: Genders, cases: Cases, only_attested: bool| {
        // a known name stressed elsewhere is another word: a guess with its own accent keeps it
        // (Αυγής → Αυγή, not the name Αύγη), one without is dropped (Αντρές is not Άντρες)
        let found = lex.nominative(&nominative);
        let own_accent =
            found.is_some_and(|(k, _)| other_word(&nominative, k)) && has_accent(&nominative);
        let known = found.filter(|(k, _)| !other_word(&nominative, k));
        if only_attested && known.is_none() && !own_accent {
            return;
        }
        // a word read as its own nominative keeps the accent it is written with (Λουκάς, not
        // the surname Λούκας); guessed nominatives take the attested spelling
        let keep = (nominative == word && has_accent(word)) || own_accent;
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
        if plain(end) == "ου" {
            if let Some(before) = word.strip_suffix("ίου") {
                // Παλαιοχωρίου → Παλαιοχώρι: attested, or a compound of χωριό or a diminutive in
                // -άκι, which are neuters in -ι
                let productive = before.ends_with("χωρ") || before.ends_with("ακ");
                match accent_last_vowel(before).filter(|_| productive) {
                    Some(accented) => rule(format!("{accented}ι"), NEUT, GEN, false),
                    None => rule(format!("{before}ι"), NEUT, GEN, true),
                }
                // a neuter in -ιο takes its accent back from the genitive's -ίου
                // (Θεραπευτηρίου → Θεραπευτήριο, Ζαππείου → Ζάππειο); one the lexicon knows
                // stressed on -ίο (Νοσοκομείο) is found as attested
                if let Some(accented) = accent_before_genitive_iota(before) {
                    rule(format!("{accented}ιο"), NEUT, GEN, false);
                }
            }
        }
        for r in ENDING_RULES.iter().filter(|r| r.ending == plain(end)) {
            let suffix = if accented { r.accented } else { r.suffix };
            let nominative = format!("{stem}{suffix}");
            // «Αθηνών» is not the plural of the goddess Αθηνά
            if r.not_of_a_feminine_noun && lex.is_feminine_noun(&nominative) {
                continue;
            }
            rule(nominative, r.genders, r.cases, r.only_attested);
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

/// The stem before the «ίου» of a genitive (`before`) with the accent a nominative in -ιο puts
/// back on the syllable before: «Θεραπευτηρ» → «Θεραπευτήρ», and, when `before` ends in the ε
/// of «ει», on the syllable before that («Ζαππε» → «Ζάππε»). `None` when `before` has no vowel
/// to carry it or ends in another vowel (Ευρωπαίου keeps its stress).
pub(crate) fn accent_before_genitive_iota(before: &str) -> Option<String> {
    let last = before.chars().next_back()?;
    if last == 'ε' {
        let stem = &before[..before.len() - last.len_utf8()];
        return accent_last_vowel(stem).map(|s| format!("{s}ε"));
    }
    if crate::greek::is_vowel(last) || !crate::greek::is_greek_letter(last) {
        return None;
    }
    accent_last_vowel(before)
}

/// The `norm`s of every nominative `word` may be a case form of.
pub(crate) fn possible_nominatives(word: &str) -> Vec<String> {
    readings(word).iter().map(|r| norm(&r.nominative)).collect()
}
