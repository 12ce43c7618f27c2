//! Spelling facts a canonical name is written by: where a word carries its accent, whether a
//! spelling is the one a headline would use, and which of a name's spellings wins.

use rustc_hash::FxHashMap as HashMap;

use super::lexicon;
use crate::normalize::{is_letter, norm};
use crate::Entity;

/// The syllable that carries the accent of `word`, counted from the end (0: the last), if any.
pub(crate) fn stressed_syllable(word: &str) -> Option<usize> {
    let mut syllable = 0;
    let mut in_vowels = false;
    for c in word.chars().rev() {
        let accented = is_accented(c);
        if accented || "αεηιουωΑΕΗΙΟΥΩϊϋ".contains(c) {
            if accented {
                return Some(syllable);
            }
            in_vowels = true;
        } else if in_vowels {
            syllable += 1;
            in_vowels = false;
        }
    }
    None
}

/// True when the last syllable of `word` carries its accent (Αντράς, not Άντρας).
pub(crate) fn stressed_last_syllable(word: &str) -> bool {
    stressed_syllable(word) == Some(0)
}

/// `stem` with a tonos on its last vowel (Παλαιοχωρ → Παλαιοχώρ), if it has a lowercase
/// unaccented one.
pub(crate) fn accent_last_vowel(stem: &str) -> Option<String> {
    let (at, vowel, accented) = stem.char_indices().rev().find_map(|(at, c)| {
        let accented = match c {
            'α' => 'ά',
            'ε' => 'έ',
            'η' => 'ή',
            'ι' => 'ί',
            'ο' => 'ό',
            'υ' => 'ύ',
            'ω' => 'ώ',
            _ => return None,
        };
        Some((at, c, accented))
    })?;
    Some(format!(
        "{}{accented}{}",
        &stem[..at],
        &stem[at + vowel.len_utf8()..]
    ))
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
            || vowel_groups(word) < 2
            || has_accent(word)
    })
}

pub(crate) fn has_accent(word: &str) -> bool {
    word.chars().any(is_accented)
}

/// True for a letter carrying an accent (tonos, varia or perispomeni): ά, ὰ, ᾶ.
pub(crate) fn is_accented(c: char) -> bool {
    let mut accent = false;
    unicode_normalization::char::decompose_canonical(c, |d| {
        accent |= matches!(d, '\u{0301}' | '\u{0300}' | '\u{0342}');
    });
    accent
}

/// Rough syllable count: runs of vowels.
fn vowel_groups(word: &str) -> usize {
    let mut groups = 0;
    let mut in_vowel = false;
    for c in norm(word).chars() {
        let vowel = matches!(c, 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω');
        if vowel && !in_vowel {
            groups += 1;
        }
        in_vowel = vowel;
    }
    groups
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
    // a headline in capitals («ΑΘΗΝΑ») gives way to the same name in lowercase letters when the
    // lexicon knows that spelling or it is seen at least as often; an acronym written more often
    // in capitals (ΣΥΡΙΖΑ) keeps them
    if best.chars().any(char::is_lowercase) || !well_spelled(best) {
        return best;
    }
    let known = |s: &str| s.split(' ').all(|w| lexicon::lexicon().knows_nominative(w));
    counts
        .iter()
        .filter(|(s, n)| {
            s.chars().any(char::is_lowercase) && well_spelled(s) && (*n >= best_count || known(s))
        })
        .max_by_key(|(_, n)| *n)
        .map_or(best, |(s, _)| s)
}
