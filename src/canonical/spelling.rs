//! Spelling facts a canonical name is written by: where a word carries its accent, whether a
//! spelling is the one a headline would use, and which of a name's spellings wins.

use rustc_hash::FxHashMap as HashMap;

use super::lexicon;
use crate::greek::vowel_groups;
pub(crate) use crate::greek::{accent_last_vowel, has_accent, stressed_syllable};
use crate::normalize::{is_letter, norm};
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

/// The most frequent well-spelled, capitalized spelling among counted spellings (ties: the first).
pub(crate) fn best_spelling<'a>(counts: &[(&'a str, u64)]) -> &'a str {
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (s, n))| {
            let capitalized = s.chars().next().is_some_and(char::is_uppercase);
            (well_spelled(s), capitalized, *n, usize::MAX - i)
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
