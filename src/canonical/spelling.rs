//! Spelling facts a canonical name is written by: where a word carries its accent, whether a
//! spelling is the one a headline would use, and which of a name's spellings wins.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use super::lexicon;
use crate::greek::vowel_groups;
pub(crate) use crate::greek::{accent_last_vowel, has_accent, stressed_syllable};
use crate::greek::{has_greek, has_symbol_letters, symbol_lookalike, NUMERAL_SIGN};
use crate::normalize::{is_invisible, is_letter, norm, normalize_text};
use crate::Entity;

/// True when the last syllable of `word` carries its accent (Αντράς, not Άντρας).
pub(crate) fn stressed_last_syllable(word: &str) -> bool {
    stressed_syllable(word) == Some(0)
}

/// True when a spelling carries its accents and long words are not written in capitals: the
/// form a headline would use. Acronyms (ΠΑΣΟΚ) and Latin names pass.
pub(crate) fn well_spelled(name: &str) -> bool {
    name.split(' ').all(|word| {
        let letters = word.chars().filter(|c| is_letter(*c)).count();
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        if letters > 6 && capitals == letters {
            return false;
        }
        !crate::normalize::has_greek(word)
            || capitals == letters
            || vowel_groups(&norm(word)) < 2
            || has_accent(word)
    })
}

/// Spellings of one name that differ only in accents, case or final sigma become the most
/// frequent well-spelled one.
pub(crate) fn unify_spellings(entities: &[Entity], canonicals: &mut [String]) {
    let mut groups: HashMap<(&str, String), Vec<usize>> = HashMap::default();
    for (i, entity) in entities.iter().enumerate() {
        groups
            .entry((&*entity.label, norm(&canonicals[i])))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut counts: Vec<(&str, u64)> = Vec::new();
        for &i in members {
            match counts.iter_mut().find(|(s, _)| *s == canonicals[i]) {
                Some((_, n)) => *n += 1,
                None => counts.push((&canonicals[i], 1)),
            }
        }
        let best = best_spelling(&counts).to_string();
        for &i in members {
            canonicals[i].clone_from(&best);
        }
    }
}

/// The most frequent well-spelled, capitalized spelling among counted spellings (ties: the one
/// with fewer dots and hyphens, «ΣΥΡΙΖΑ» before «ΣΥ.ΡΙΖ.Α.», «Ελληνογερμανικό» before
/// «Ελληνο-Γερμανικό», then the first).
pub(crate) fn best_spelling<'a>(counts: &[(&'a str, u64)]) -> &'a str {
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (s, n))| {
            let capitalized = s.chars().next().is_some_and(char::is_uppercase);
            let marks = s.chars().filter(|c| matches!(c, '.' | '-')).count();
            (
                well_spelled(s),
                capitalized,
                *n,
                usize::MAX - marks,
                usize::MAX - i,
            )
        })
        .map(|(_, best)| *best);
    let Some((best, best_count)) = best else {
        return "";
    };
    // a headline in capitals («ΑΘΗΝΑ», «ΆΡΗΣ», «ΣΤΑΥΡΟΣ ΛΑΣΚΑΡΗΣ») gives way to the same name in
    // lowercase letters; only what may be an acronym (one word of at most six letters without
    // a tonos, ΣΥΡΙΖΑ) keeps its capitals when written so more often and the lexicon does not
    // know the lowercase spelling
    if best.chars().any(char::is_lowercase) || !well_spelled(best) {
        return best;
    }
    let acronym_like = !best.contains(' ')
        && !has_accent(best)
        && best.chars().filter(|c| is_letter(*c)).count() <= 6;
    let known = |s: &str| s.split(' ').all(|w| lexicon::lexicon().knows_nominative(w));
    counts
        .iter()
        .filter(|(s, n)| {
            s.chars().any(char::is_lowercase)
                && well_spelled(s)
                && (!acronym_like || *n >= best_count || known(s))
        })
        .max_by_key(|(_, n)| *n)
        .map_or(best, |(s, _)| s)
}

/// True for a mention written in capitals (a headline, «ΣΤΑΥΡΟΣ ΛΑΣΚΑΡΗΣ», or an acronym): at least
/// two letters and no lowercase one.
pub(crate) fn written_in_capitals(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|&c| is_letter(c)) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters > 1
}

/// A canonical name as a clean key: NFC whatever the input's normalization, no soft hyphens or
/// zero-width characters, and in a word with Greek letters, Latin look-alikes («AΘHNA») and
/// symbol forms (µ, ∆) written as the Greek letters they stand for, and a Greek numeral's keraia
/// in whatever mark it was typed («Α΄», «Α'», «Αʹ») written as the numeral sign U+02B9, so a
/// regnal number stays in the name as one key («Παύλος Αʹ»). Borrowed when already clean.
pub(crate) fn clean_key(name: &str) -> Cow<'_, str> {
    let latin_lookalikes = |w: &str| {
        w.chars().any(|c| c.is_ascii_alphabetic()) && crate::normalize::repair_lookalikes(w)
    };
    let keraia = |w: &str| {
        crate::normalize::spelling_variant(w)
            .filter(|v| v.ends_with(NUMERAL_SIGN) && !w.ends_with(NUMERAL_SIGN))
    };
    let polytonic = |w: &str| has_greek(w) && crate::greek::is_polytonic(w);
    let clean_word = |w: &str| {
        !(latin_lookalikes(w) || has_symbol_letters(w) || keraia(w).is_some() || polytonic(w))
    };
    if is_nfc(name) && !name.chars().any(is_invisible) && name.split(' ').all(clean_word) {
        return Cow::Borrowed(name);
    }
    let composed: String = name.chars().filter(|&c| !is_invisible(c)).nfc().collect();
    let mut out = String::with_capacity(composed.len());
    for (i, word) in composed.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if let Some(numeral) = keraia(word) {
            out.push_str(&numeral);
            continue;
        }
        if polytonic(word) {
            push_in_greek_letters(&crate::greek::to_monotonic(word), &mut out);
            continue;
        }
        push_in_greek_letters(word, &mut out);
    }
    Cow::Owned(out)
}

/// A surface form as a `variants` entry: the text as [`normalize_text`] reads it (NFC, without
/// soft hyphens or zero-width characters, HTML references and line-end hyphens decoded), and in
/// a word with Greek letters, Latin look-alikes («ΕΛΛAΔA») and symbol forms («Λεµεσό») written
/// as the Greek letters they stand for, so two spellings that read the same are listed once.
/// Borrowed when already so.
pub(crate) fn clean_surface(surface: &str) -> Cow<'_, str> {
    let normalized = normalize_text(surface);
    let text = normalized.as_str();
    let foreign_letters = |w: &str| {
        (w.chars().any(|c| c.is_ascii_alphabetic()) && crate::normalize::repair_lookalikes(w))
            || has_symbol_letters(w)
    };
    if !text.split(' ').any(foreign_letters) {
        return if normalized.is_changed() {
            Cow::Owned(text.to_owned())
        } else {
            Cow::Borrowed(surface)
        };
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_in_greek_letters(word, &mut out);
    }
    Cow::Owned(out)
}

/// Appends `word` to `out` with its Latin look-alikes (when every Latin letter of it is one and
/// it has a Greek letter) and, in a word with Greek letters, its symbol forms written as Greek
/// letters; a look-alike σ at the end is the final sigma.
fn push_in_greek_letters(word: &str, out: &mut String) {
    let latin =
        word.chars().any(|c| c.is_ascii_alphabetic()) && crate::normalize::repair_lookalikes(word);
    let greek = has_greek(word);
    let begin = out.len();
    for c in word.chars() {
        let c = if latin {
            crate::normalize::greek_lookalike_after(out[begin..].chars().next_back(), c)
                .unwrap_or(c)
        } else {
            c
        };
        out.push(if greek {
            symbol_lookalike(c).unwrap_or(c)
        } else {
            c
        });
    }
    if greek && out[begin..].ends_with('σ') {
        out.pop();
        out.push('ς');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keys_are_nfc_visible_and_greek() {
        assert_eq!(clean_key("Κο\u{00AD}ζάνη"), "Κοζάνη");
        assert_eq!(clean_key("Λα\u{0301}ρισα"), "Λάρισα");
        assert_eq!(clean_key("AΘHNA"), "ΑΘΗΝΑ");
        assert_eq!(clean_key("Ἰωάννης Καποδίστριας"), "Ιωάννης Καποδίστριας");
        assert_eq!(clean_key("Ἑλλὰς"), "Ελλάς");
        assert_eq!(clean_key("Λεµεσός"), "Λεμεσός");
        assert_eq!(clean_key("Κώστας Σκιαδαϲ"), "Κώστας Σκιαδας");
        for regnal in ["Παύλος Α΄", "Παύλος Α'", "Παύλος Α\u{0374}", "Παύλος Α’"]
        {
            assert_eq!(clean_key(regnal), "Παύλος Α\u{02B9}", "{regnal}");
        }
        assert_eq!(clean_key("Κωνσταντίνος ΙΒ΄"), "Κωνσταντίνος ΙΒ\u{02B9}");
        // an elided word is no numeral: «Σ’» stays as typed
        assert!(matches!(clean_key("Σ’ Αγαπώ"), Cow::Borrowed(_)));
        assert!(matches!(clean_key("Google Maps"), Cow::Borrowed(_)));
        assert_eq!(clean_surface("Λα\u{0301}ρισα\u{200B}"), "Λάρισα");
        assert_eq!(clean_surface("ΕΛΛAΔA"), "ΕΛΛΑΔΑ");
        assert_eq!(clean_surface("στη Λεµεσό"), "στη Λεμεσό");
        assert!(matches!(clean_surface("Google Maps"), Cow::Borrowed(_)));
    }
}
