//! Normalization: the `norm` form of a token.
//!
//! `norm` strips every diacritic (tonos, dialytika, polytonic marks), lowercases, makes the
//! final sigma canonical (ς at the end of a word, σ inside) and repairs Latin look-alike capitals
//! typed inside Greek words («AΘHNA» → «αθηνα»).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Characters that carry no letter and are dropped: zero-width spaces and joiners, word joiner,
/// byte-order mark, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// True for letters of the Greek and Coptic and Greek Extended blocks.
pub fn is_greek_letter(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}') && c.is_alphabetic()
}

/// True when the token has at least one Greek letter.
pub fn has_greek(s: &str) -> bool {
    s.chars().any(is_greek_letter)
}

/// The Greek letter a Latin look-alike stands for, if it is one.
fn greek_lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'Α',
        'B' => 'Β',
        'E' => 'Ε',
        'H' => 'Η',
        'I' => 'Ι',
        'K' => 'Κ',
        'M' => 'Μ',
        'N' => 'Ν',
        'O' => 'Ο',
        'P' => 'Ρ',
        'T' => 'Τ',
        'X' => 'Χ',
        'Y' => 'Υ',
        'Z' => 'Ζ',
        'o' => 'ο',
        _ => return None,
    })
}

/// Whether Latin look-alikes in `token` should be read as Greek: the token has a Greek letter
/// and every Latin letter in it is a look-alike.
fn repair_lookalikes(token: &str) -> bool {
    let mut greek = false;
    for c in token.chars() {
        if c.is_ascii_alphabetic() {
            if greek_lookalike(c).is_none() {
                return false;
            }
        } else if is_greek_letter(c) {
            greek = true;
        }
    }
    greek
}

/// Appends the `norm` form of `token` to `out` (which is not cleared), without allocating when
/// `out` has room.
pub fn norm_into(token: &str, out: &mut String) {
    if token.is_ascii() {
        out.extend(token.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    let repair = repair_lookalikes(token);
    let begin = out.len();
    let mut push = |c: char, out: &mut String| {
        if is_combining_mark(c) || is_invisible(c) {
            return;
        }
        let c = if repair {
            greek_lookalike(c).unwrap_or(c)
        } else {
            c
        };
        for l in c.to_lowercase() {
            out.push(if l == 'ς' { 'σ' } else { l });
        }
    };
    for c in token.chars() {
        if c.is_ascii() {
            push(c, out);
        } else {
            decompose_canonical(c, |d| push(d, out));
        }
    }
    finalize_sigma(out, begin);
}

/// Rewrites σ as ς where it ends a word (is not followed by a letter), from byte `begin` on.
fn finalize_sigma(out: &mut String, begin: usize) {
    if !out[begin..].contains('σ') {
        return;
    }
    let finals: Vec<usize> = {
        let tail = &out[begin..];
        let mut positions = Vec::new();
        let mut chars = tail.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == 'σ' && !chars.peek().is_some_and(|&(_, n)| n.is_alphabetic()) {
                positions.push(begin + i);
            }
        }
        positions
    };
    for i in finals.into_iter().rev() {
        out.replace_range(i..i + 'σ'.len_utf8(), "ς");
    }
}

/// The `norm` form of `token`.
pub fn norm(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    norm_into(token, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_polytonic_fold_together() {
        for w in ["ΆΓΙΟΣ", "άγιος", "Αγιος", "ἅγιος", "ΑΓΙΟΣ"] {
            assert_eq!(norm(w), "αγιος", "{w}");
        }
    }

    #[test]
    fn dialytika_is_removed() {
        assert_eq!(norm("Ταΐζω"), "ταιζω");
        assert_eq!(norm("προϋπόθεση"), "προυποθεση");
    }

    #[test]
    fn final_sigma_is_canonical() {
        assert_eq!(norm("ΣΟΣ"), "σος");
        assert_eq!(norm("κόσμοσ"), "κοσμος");
        assert_eq!(norm("ςτο"), "στο");
    }

    #[test]
    fn latin_lookalikes_inside_greek_words_are_repaired() {
        assert_eq!(norm("AΘHNA"), "αθηνα");
        assert_eq!(norm("ΚAΛHMEPA"), "καλημερα");
        assert_eq!(norm("Ελλάδo"), "ελλαδο");
    }

    #[test]
    fn latin_words_stay_latin() {
        assert_eq!(norm("Tesla"), "tesla");
        assert_eq!(norm("ATHENS"), "athens");
        // a Latin letter with no Greek twin means the word is not a disguised Greek word
        assert_eq!(norm("Αthens"), "αthens");
    }

    #[test]
    fn invisible_characters_are_dropped() {
        assert_eq!(norm("Αθή\u{00AD}να"), "αθηνα");
        assert_eq!(norm("Αθή\u{200B}να"), "αθηνα");
    }
}
