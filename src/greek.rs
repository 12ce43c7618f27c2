//! Greek spelling facts shared by every stage: which characters are Greek letters, the marks
//! written for an elided vowel and for a numeral, vowels, accents and the stressed syllable,
//! and case helpers.
//!
//! Normalization, the tokenizer, the stopword list and the canonical stage all ask these
//! questions; answering them in one place keeps the stages agreeing (a mark the tokenizer keeps
//! in a word is one the stopword list strips, a letter `norm` folds is one the tokenizer reads as
//! part of a word).

use unicode_normalization::char::decompose_canonical;

/// The marks Greek writes for an elided vowel («σ’ αγαπώ», «απ᾽ το»): the ASCII apostrophe
/// U+0027, the right single quotation mark U+2019, the modifier letter apostrophe U+02BC, and,
/// in older or typeset text, the koronis U+1FBD and the psili U+1FBF.
pub const ELISION_MARKS: [char; 5] = ['\'', '\u{2019}', '\u{02BC}', '\u{1FBD}', '\u{1FBF}'];

/// Characters typed in place of an elision mark by keyboards and word processors: the left
/// single quotation mark U+2018, the acute accent U+00B4, the prime U+2032, the grave accent
/// U+0060 and the Greek tonos U+0384 (the Greek keyboard's accent key).
pub const ELISION_STAND_INS: [char; 5] = ['\u{2018}', '\u{00B4}', '\u{2032}', '`', '\u{0384}'];

/// True for an elision mark ([`ELISION_MARKS`]) or a character typed in its place
/// ([`ELISION_STAND_INS`]). After a Greek numeral the same characters are a keraia
/// ([`is_numeral_sign`] names the ones that are never anything else).
pub fn is_elision_mark(c: char) -> bool {
    ELISION_MARKS.contains(&c) || ELISION_STAND_INS.contains(&c)
}

/// UTF-8 length in bytes of the longest character [`is_elision_mark`] accepts.
pub const MAX_ELISION_MARK_LEN: usize = 3;

/// The Greek numeral sign (keraia) as Unicode defines it, U+0374, and the modifier letter prime
/// U+02B9 that NFC makes of it: marks of a numeral («Αʹ», «ΙΒʹ»), never of an elision.
pub fn is_numeral_sign(c: char) -> bool {
    matches!(c, '\u{0374}' | '\u{02B9}')
}

/// The one spelling of the numeral sign in `norm`: U+02B9, the NFC form of U+0374.
pub const NUMERAL_SIGN: char = '\u{02B9}';

/// The value of a Greek numeral written in letters without its keraia («Α» 1, «ΙΒ» 12, «ΣΤ» 6,
/// «ΡΚΓ» 123), upper or lower case, accents not allowed; `None` unless the letters are a
/// well-formed numeral below 1000: hundreds, tens and units each at most once, in that order.
pub fn numeral_value(letters: &str) -> Option<u32> {
    /// (letter, value), stigma written as «ΣΤ» handled apart.
    const DIGITS: [(char, u32); 26] = [
        ('α', 1),
        ('β', 2),
        ('γ', 3),
        ('δ', 4),
        ('ε', 5),
        ('ϛ', 6),
        ('ζ', 7),
        ('η', 8),
        ('θ', 9),
        ('ι', 10),
        ('κ', 20),
        ('λ', 30),
        ('μ', 40),
        ('ν', 50),
        ('ξ', 60),
        ('ο', 70),
        ('π', 80),
        ('ϟ', 90),
        ('ρ', 100),
        ('σ', 200),
        ('τ', 300),
        ('υ', 400),
        ('φ', 500),
        ('χ', 600),
        ('ψ', 700),
        ('ω', 800),
    ];
    let lower: String = letters.chars().flat_map(char::to_lowercase).collect();
    if lower.is_empty() || lower.chars().count() > 4 {
        return None;
    }
    let mut total = 0;
    // the order of magnitude of the last digit read: 3 before any, then 2 (hundreds), 1, 0
    let mut last_rank = 3;
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        let (value, len) = if rest.starts_with("στ") {
            (6, "στ".len())
        } else {
            let c = rest.chars().next()?;
            let &(_, value) = DIGITS.iter().find(|(d, _)| *d == c)?;
            (value, c.len_utf8())
        };
        let rank = match value {
            1..=9 => 0,
            10..=90 => 1,
            _ => 2,
        };
        if rank >= last_rank {
            return None;
        }
        last_rank = rank;
        total += value;
        rest = &rest[len..];
    }
    Some(total)
}

/// True for letters of the Greek and Coptic and Greek Extended blocks.
pub fn is_greek_letter(c: char) -> bool {
    // The monotonic alphabet, accented letters included, answers without the costly Unicode
    // property lookup: U+0386..U+03CE minus the ano teleia and three unassigned points.
    matches!(
        c,
        '\u{0386}' | '\u{0388}'..='\u{038A}' | '\u{038C}' | '\u{038E}'..='\u{03A1}' | '\u{03A3}'..='\u{03CE}'
    ) || (matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}') && c.is_alphabetic())
}

/// True for any letter, answering ASCII and Greek without the Unicode property lookup.
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || is_greek_letter(c) || (!c.is_ascii() && c.is_alphabetic())
}

/// True when the text has at least one Greek letter.
pub fn has_greek(s: &str) -> bool {
    s.chars().any(is_greek_letter)
}

/// True when `word` has Greek letters and at least one symbol that stands for a Greek letter
/// ([`symbol_lookalike`]): «∆ημήτρης», «Λεµεσό», not «5 µm».
pub fn has_symbol_letters(word: &str) -> bool {
    word.chars().any(|c| symbol_lookalike(c).is_some()) && has_greek(word)
}

/// `word` with every symbol written as the Greek letter it stands for, when
/// [`has_symbol_letters`]; `None` otherwise (no allocation).
pub fn symbols_as_letters(word: &str) -> Option<String> {
    has_symbol_letters(word).then(|| {
        word.chars()
            .map(|c| symbol_lookalike(c).unwrap_or(c))
            .collect()
    })
}

/// The Greek letter that a symbol or compatibility form found in PDFs and OCR output stands
/// for: the micro sign µ for μ, the increment ∆ for Δ, the n-ary product and sum ∏ ∑ for Π Σ,
/// and the Greek symbol variants ϐ ϑ ϒ ϕ ϖ ϰ ϱ ϲ Ϲ ϴ ϵ. (The ohm sign Ω is Ω under NFC already.)
/// Only inside a word with Greek letters are they read as letters: «5 µm» keeps its micro sign.
pub fn symbol_lookalike(c: char) -> Option<char> {
    Some(match c {
        '\u{00B5}' => 'μ',
        '\u{2206}' => 'Δ',
        '\u{220F}' => 'Π',
        '\u{2211}' => 'Σ',
        '\u{2126}' => 'Ω',
        '\u{03D0}' => 'β',
        '\u{03D1}' => 'θ',
        '\u{03D2}' => 'Υ',
        '\u{03D5}' => 'φ',
        '\u{03D6}' => 'π',
        '\u{03F0}' => 'κ',
        '\u{03F1}' => 'ρ',
        '\u{03F2}' => 'σ',
        '\u{03F9}' => 'Σ',
        '\u{03F4}' => 'Θ',
        '\u{03F5}' => 'ε',
        _ => return None,
    })
}

/// True for the seven Greek vowels in either case, with or without tonos or dialytika.
pub fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'α' | 'ε'
            | 'η'
            | 'ι'
            | 'ο'
            | 'υ'
            | 'ω'
            | 'Α'
            | 'Ε'
            | 'Η'
            | 'Ι'
            | 'Ο'
            | 'Υ'
            | 'Ω'
            | 'ϊ'
            | 'ϋ'
            | 'Ϊ'
            | 'Ϋ'
    ) || is_accented(c)
}

/// True for a letter carrying an accent (tonos, varia or perispomeni): ά, ὰ, ᾶ.
pub fn is_accented(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut accent = false;
    decompose_canonical(c, |d| {
        accent |= matches!(d, '\u{0301}' | '\u{0300}' | '\u{0342}');
    });
    accent
}

/// True when the word has an accented letter.
pub fn has_accent(word: &str) -> bool {
    word.chars().any(is_accented)
}

/// Number of vowel groups of `word` (runs of [`is_vowel`] letters): a rough syllable count.
pub fn vowel_groups(word: &str) -> usize {
    let mut groups = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let vowel = is_vowel(c);
        if vowel && !in_vowel {
            groups += 1;
        }
        in_vowel = vowel;
    }
    groups
}

/// The syllable that carries the accent of `word`, counted from the end (0: the last), if any.
/// Syllables are vowel groups, so «Γιάννης» is stressed on its second-to-last.
pub fn stressed_syllable(word: &str) -> Option<usize> {
    let mut syllable = 0;
    let mut in_vowels = false;
    for c in word.chars().rev() {
        if is_accented(c) {
            return Some(syllable);
        }
        if is_vowel(c) {
            in_vowels = true;
        } else if in_vowels {
            syllable += 1;
            in_vowels = false;
        }
    }
    None
}

/// The lowercase vowel with a tonos (α → ά), if `c` is a plain lowercase vowel.
pub fn with_tonos(c: char) -> Option<char> {
    Some(match c {
        'α' => 'ά',
        'ε' => 'έ',
        'η' => 'ή',
        'ι' => 'ί',
        'ο' => 'ό',
        'υ' => 'ύ',
        'ω' => 'ώ',
        _ => return None,
    })
}

/// `stem` with a tonos on its last vowel (Παλαιοχωρ → Παλαιοχώρ), if it has a lowercase
/// unaccented one.
pub fn accent_last_vowel(stem: &str) -> Option<String> {
    let (at, vowel, accented) = stem
        .char_indices()
        .rev()
        .find_map(|(at, c)| with_tonos(c).map(|a| (at, c, a)))?;
    Some(format!(
        "{}{accented}{}",
        &stem[..at],
        &stem[at + vowel.len_utf8()..]
    ))
}

/// The lowercase, accentless form of a letter of the monotonic Greek alphabet, with σ for the
/// final sigma; `None` for any other character. No Unicode tables: this is the hot path of
/// `norm` and of the tokenizer's word lists.
pub fn fold_monotonic(c: char) -> Option<char> {
    Some(match c {
        'α'..='ρ' | 'σ'..='ω' => c,
        'ς' => 'σ',
        'Α'..='Ρ' | 'Σ'..='Ω' => char::from_u32(c as u32 + 0x20)?,
        'ά' | 'Ά' => 'α',
        'έ' | 'Έ' => 'ε',
        'ή' | 'Ή' => 'η',
        'ί' | 'Ί' | 'ϊ' | 'Ϊ' | 'ΐ' => 'ι',
        'ό' | 'Ό' => 'ο',
        'ύ' | 'Ύ' | 'ϋ' | 'Ϋ' | 'ΰ' => 'υ',
        'ώ' | 'Ώ' => 'ω',
        _ => return None,
    })
}

/// `word` with its first letter in upper case and the rest as written.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether `word` is written in the polytonic system: it has a letter of the Greek Extended
/// block (U+1F00–U+1FFF: breathings, the grave, the circumflex, the iota subscript) or one of
/// those marks as a combining character.
pub fn is_polytonic(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(
            c,
            '\u{1F00}'
                ..='\u{1FFF}' | '\u{0300}' | '\u{0313}' | '\u{0314}' | '\u{0342}' | '\u{0345}'
        )
    })
}

/// `word` in the monotonic system, as a Modern Greek name is written today: breathings and the
/// iota subscript dropped, a grave or circumflex written as the tonos, and only the first of
/// two accents kept (an enclitic's «Ἄνθρωπός» → «Άνθρωπος»): «Ἰωάννης» → «Ιωάννης», «Ἑλλὰς»
/// → «Ελλάς», «Περικλῆς» → «Περικλής». The dialytika stays. Composed (NFC).
pub fn to_monotonic(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(word.len());
    let mut accented = false;
    for c in word.nfd() {
        match c {
            '\u{0313}' | '\u{0314}' | '\u{0345}' => {}
            '\u{0301}' | '\u{0300}' | '\u{0342}' => {
                if !accented {
                    out.push('\u{0301}');
                }
                accented = true;
            }
            _ => out.push(c),
        }
    }
    out.nfc().collect()
}

/// `word` in Greek capitals, as headlines are set: accents, breathings and the iota subscript
/// dropped, the dialytika kept, and a vowel that loses its accent before ι or υ giving them a
/// dialytika so that the two still read as two syllables («Μάιος» → «ΜΑΪΟΣ», «ρολόι» →
/// «ΡΟΛΟΪ», «Ἀθῆναι» → «ΑΘΗΝΑΙ»). Letters of other scripts are upper-cased as Unicode says.
pub fn to_capitals(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    // the previous letter was a vowel that carried an accent
    let mut accented_vowel = false;
    for c in word.chars() {
        let mut base = None;
        let (mut accent, mut dialytika) = (false, false);
        decompose_canonical(c, |d| match d {
            '\u{0301}' | '\u{0300}' | '\u{0342}' => accent = true,
            '\u{0308}' => dialytika = true,
            // breathings, iota subscript and other marks Greek capitals drop
            '\u{0313}' | '\u{0314}' | '\u{0345}' => {}
            _ if base.is_none() => base = Some(d),
            _ => {}
        });
        let Some(base) = base else { continue };
        if !is_greek_letter(base) {
            // not Greek: keep the character, upper-cased as a whole
            out.extend(c.to_uppercase());
            accented_vowel = false;
            continue;
        }
        let upper = match base {
            'ς' => 'Σ',
            _ => base.to_uppercase().next().unwrap_or(base),
        };
        let dialytika = dialytika || (accented_vowel && matches!(upper, 'Ι' | 'Υ'));
        out.push(match (upper, dialytika) {
            ('Ι', true) => 'Ϊ',
            ('Υ', true) => 'Ϋ',
            _ => upper,
        });
        accented_vowel = accent && matches!(upper, 'Α' | 'Ε' | 'Ο' | 'Υ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polytonic_names_are_written_in_the_monotonic_system() {
        for (polytonic, monotonic) in [
            ("Ἰωάννης", "Ιωάννης"),
            ("Ἑλλὰς", "Ελλάς"),
            ("Περικλῆς", "Περικλής"),
            ("Ἄννα", "Άννα"),
            ("ᾨδεῖον", "Ωδείον"),
            ("Ἀθῆναι", "Αθήναι"),
            ("Ἄνθρωπός", "Άνθρωπος"),
            ("Ἠλεῖοι", "Ηλείοι"),
        ] {
            assert!(is_polytonic(polytonic), "{polytonic}");
            assert_eq!(to_monotonic(polytonic), monotonic);
        }
        for monotonic in ["Ιωάννης", "Καραϊσκάκης", "Αθήνα", "ΑΘΗΝΑ", "Tesla"]
        {
            assert!(!is_polytonic(monotonic), "{monotonic}");
            assert_eq!(to_monotonic(monotonic), monotonic);
        }
    }
    use unicode_normalization::char::is_combining_mark;

    #[test]
    fn greek_letter_fast_path_agrees_with_the_unicode_property() {
        for c in ('\u{0300}'..='\u{2100}').chain(['a', 'Z', '1', ' ']) {
            let slow =
                matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}') && c.is_alphabetic();
            assert_eq!(is_greek_letter(c), slow, "{c:?}");
        }
    }

    #[test]
    fn is_letter_agrees_with_the_unicode_property() {
        for c in ('\u{0}'..='\u{3000}').chain(['\u{1F600}', '\u{20000}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn monotonic_fold_agrees_with_decomposition() {
        for c in '\u{0370}'..='\u{03FF}' {
            let Some(fast) = fold_monotonic(c) else {
                continue;
            };
            let mut slow = String::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    slow.extend(d.to_lowercase());
                }
            });
            let slow = slow.replace('ς', "σ");
            assert_eq!(fast.to_string(), slow, "{c:?}");
        }
    }

    #[test]
    fn the_five_elision_marks_and_their_stand_ins() {
        for c in ['\'', '’', 'ʼ', '᾽', '᾿', '‘', '´', '′', '`', '΄'] {
            assert!(is_elision_mark(c), "{c:?}");
        }
        for c in ['ʹ', '\u{0374}', '"', '-', 'α'] {
            assert!(!is_elision_mark(c), "{c:?}");
        }
        assert!(ELISION_MARKS
            .iter()
            .chain(&ELISION_STAND_INS)
            .all(|c| c.len_utf8() <= MAX_ELISION_MARK_LEN));
    }

    #[test]
    fn numerals_are_read_in_order() {
        for (letters, value) in [
            ("Α", 1),
            ("ΣΤ", 6),
            ("ΙΒ", 12),
            ("ιβ", 12),
            ("ΚΑ", 21),
            ("ΡΚΓ", 123),
            ("Σ", 200),
            ("Ω", 800),
        ] {
            assert_eq!(numeral_value(letters), Some(value), "{letters}");
        }
        for letters in ["ΑΠ", "ΑΒ", "ΙΙ", "ΓΙ", "", "ΚΑΙ", "Ά", "AB", "ΣΤΑ"] {
            assert_eq!(numeral_value(letters), None, "{letters}");
        }
    }

    #[test]
    fn stress_and_syllables() {
        assert_eq!(stressed_syllable("Αντράς"), Some(0));
        assert_eq!(stressed_syllable("Άντρας"), Some(1));
        assert_eq!(stressed_syllable("Γιάννης"), Some(1));
        assert_eq!(stressed_syllable("ΑΘΗΝΑ"), None);
        assert_eq!(vowel_groups("Παπαδόπουλος"), 5);
        assert_eq!(vowel_groups("ΠΡΟΪΟΝ"), 1);
        assert_eq!(accent_last_vowel("Παλαιοχωρ").as_deref(), Some("Παλαιοχώρ"));
        assert_eq!(accent_last_vowel("ΚΡ"), None);
    }

    #[test]
    fn case_helpers() {
        assert_eq!(capitalize("αθήνα"), "Αθήνα");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn symbol_lookalikes_are_greek_letters() {
        for (symbol, letter) in [('µ', 'μ'), ('∆', 'Δ'), ('ϐ', 'β'), ('ϑ', 'θ'), ('ϲ', 'σ')]
        {
            assert_eq!(symbol_lookalike(symbol), Some(letter));
            assert!(is_greek_letter(letter));
        }
        assert_eq!(symbol_lookalike('μ'), None);
        assert_eq!(symbols_as_letters("∆ανάη").as_deref(), Some("Δανάη"));
        assert_eq!(symbols_as_letters("µm"), None);
        assert_eq!(symbols_as_letters("Δανάη"), None);
    }

    #[test]
    fn capitals_drop_accents_and_keep_two_vowels_apart() {
        let cases = [
            ("Μάιος", "ΜΑΪΟΣ"),
            ("ρολόι", "ΡΟΛΟΪ"),
            ("Καραϊσκάκης", "ΚΑΡΑΪΣΚΑΚΗΣ"),
            ("Μαΐου", "ΜΑΪΟΥ"),
            ("αύριο", "ΑΥΡΙΟ"),
            ("Ἀθῆναι", "ΑΘΗΝΑΙ"),
            ("ᾠδή", "ΩΔΗ"),
            ("σ'", "Σ'"),
            ("Σάμος", "ΣΑΜΟΣ"),
            ("iPhone-15", "IPHONE-15"),
            ("ΝΔ", "ΝΔ"),
            ("", ""),
        ];
        for (word, capitals) in cases {
            assert_eq!(to_capitals(word), capitals, "{word}");
            assert_eq!(
                to_capitals(capitals),
                capitals,
                "capitals of capitals: {capitals}"
            );
        }
    }
}
