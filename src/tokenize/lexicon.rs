//! Small word lists the tokenizer consults: abbreviations, elided forms, words that open
//! sentences, and top-level domains. Lookups fold case and Greek accents into a stack buffer,
//! so they never allocate.

/// How a word that ends in a dot behaves as an abbreviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Abbrev {
    /// Always introduces what follows (κ., π.χ., δηλ., οδ.): never ends a sentence.
    Prefix,
    /// An initial or short name abbreviation (Γ., Χρ., Dr.): ends a sentence only when the
    /// next word is one that opens sentences («Ο», «Η», «Στη» …).
    Initial,
    /// May close a sentence (κλπ., π.Χ., εκατ., Α.Ε.): ends it when the next word is one that
    /// opens sentences, or when it is capitalised and on the next line.
    MayEnd,
}

/// Longest word, in bytes, the lists are consulted for.
const MAX_KEY: usize = 48;

/// `word` lowercased, without Greek accents or dialytika, with ς as σ; `None` when too long.
fn fold<'b>(word: &str, buf: &'b mut [u8; MAX_KEY]) -> Option<&'b str> {
    let mut len = 0;
    for c in word.chars() {
        for l in c.to_lowercase() {
            let plain = match l {
                '\u{0300}'..='\u{036F}' => continue,
                other => crate::greek::fold_monotonic(other).unwrap_or(other),
            };
            let n = plain.len_utf8();
            if len + n > MAX_KEY {
                return None;
            }
            plain.encode_utf8(&mut buf[len..len + n]);
            len += n;
        }
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// A Greek or Latin vowel (keys are folded, so Greek vowels come without accents).
fn is_vowel(c: char) -> bool {
    crate::greek::is_vowel(c) || matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Classifies `word` (without its final dot) as an abbreviation, if it is one. `dotted` says
/// the word already has inner dots (π.χ, Α.Ε); unknown dotted words are taken as acronyms.
pub(super) fn abbreviation(word: &str, dotted: bool) -> Option<Abbrev> {
    // a Greek numeral with its numeral sign («Βʹ.», «Αʹ.») is no initial: the dot after it ends
    // the sentence
    if word
        .chars()
        .next_back()
        .is_some_and(crate::greek::is_numeral_sign)
    {
        return None;
    }
    let mut chars = word.chars();
    let first = chars.next()?;
    if chars.next().is_none() && first.is_uppercase() {
        return Some(Abbrev::Initial);
    }
    let mut buf = [0; MAX_KEY];
    let key = fold(word, &mut buf)?;
    let listed = match key {
        // π.χ. is «for example», π.Χ. is «before Christ» (a date, may close the sentence)
        "π.χ" if word.ends_with('Χ') => Some(Abbrev::MayEnd),
        "κ" | "κα" | "κκ" | "δρ" | "καθ" | "αγ" | "π.χ" | "δηλ" | "βλ" | "πρβλ" | "οδ" | "λεωφ"
        | "λ" | "πλ" | "αρ" | "αριθ" | "αριθμ" | "σελ" | "σ" | "τηλ" | "περ" | "σ.σ" | "υπ"
        | "υποψ" | "ν" | "π" | "π.δ" | "υ.α" | "κ.υ.α" | "αρθ" | "παρ" | "εδ" | "κεφ" | "τομ"
        | "εκδ" | "επιμ" | "μτφ" | "μτφρ" | "σημ" | "πρ" | "γεν" | "στρατ" | "mr" | "mrs"
        | "ms" | "dr" | "prof" | "st" | "vs" | "cf" | "fig" | "e.g" | "i.e" => Some(Abbrev::Prefix),
        "κλπ" | "κ.λπ" | "κ.λ.π" | "κτλ" | "κ.τ.λ" | "κ.α" | "κ.ο.κ" | "κ.τ.ο" | "μ.χ" | "π.μ"
        | "μ.μ" | "χλμ" | "χιλ" | "χιλμ" | "εκατ" | "εκ" | "δισ" | "τρισ" | "τ.μ" | "τ.χλμ"
        | "κ.μ" | "γρ" | "κιλ" | "λτ" | "ευρ" | "δολ" | "στρ" | "μ.ο" | "ο.π" | "etc" | "al"
        | "inc" | "ltd" | "co" | "corp" | "jr" | "sr" | "ca" => Some(Abbrev::MayEnd),
        _ => None,
    };
    if listed.is_some() {
        return listed;
    }
    if dotted {
        return Some(Abbrev::MayEnd);
    }
    // Greek and Latin words without a vowel are abbreviations (Χρ., Ντ., Mr., χλγρ.), unless
    // written in capitals: ΔΝΤ. is an acronym ending a sentence
    let letters = key.chars().count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    if letters <= 5 && capitals <= 1 && key.chars().all(|c| c.is_alphabetic() && !is_vowel(c)) {
        return Some(if first.is_uppercase() {
            Abbrev::Initial
        } else {
            Abbrev::MayEnd
        });
    }
    None
}

/// True for words commonly elided before a vowel (γι’, σ’, απ’ …): an apostrophe after them
/// belongs to the word even inside single quotes.
pub(super) fn is_elision(word: &str) -> bool {
    let mut buf = [0; MAX_KEY];
    matches!(
        fold(word, &mut buf),
        Some(
            "γι" | "σ"
                | "τ"
                | "μ"
                | "θ"
                | "ν"
                | "δ"
                | "π"
                | "απ"
                | "κατ"
                | "καθ"
                | "αντ"
                | "ανθ"
                | "οτ"
                | "μετ"
                | "μεθ"
                | "παρ"
                | "υπ"
                | "υφ"
                | "επ"
                | "εφ"
                | "αφ"
                | "εκ"
                | "εξ"
                | "αλλ"
                | "ολ"
                | "κι"
                | "τουτ"
                | "ποτ"
                | "οπ"
                | "ωσ"
                | "μεσ"
        )
    )
}

/// True for capitalised words that typically open a sentence and are not names: after an
/// initial or a closing abbreviation they signal that a new sentence has begun.
pub(super) fn opens_sentence(word: &str) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut buf = [0; MAX_KEY];
    matches!(
        fold(word, &mut buf),
        Some(
            "ο" | "η"
                | "το"
                | "οι"
                | "τα"
                | "τον"
                | "την"
                | "τη"
                | "της"
                | "του"
                | "των"
                | "τους"
                | "τις"
                | "στο"
                | "στη"
                | "στην"
                | "στον"
                | "στα"
                | "στις"
                | "στους"
                | "με"
                | "σε"
                | "για"
                | "απο"
                | "και"
                | "αλλα"
                | "ομωσ"
                | "ωστοσο"
                | "μετα"
                | "ετσι"
                | "οπωσ"
                | "επισησ"
                | "εκει"
                | "δεν"
                | "θα"
                | "να"
                | "ενασ"
                | "μια"
                | "ενα"
                | "αυτο"
                | "αυτη"
                | "αυτοσ"
                | "αυτα"
                | "αυτεσ"
                | "αυτοι"
                | "αν"
                | "οταν"
                | "ενω"
                | "καθωσ"
                | "πριν"
                | "μαλιστα"
                | "παραλληλα"
                | "συγκεκριμενα"
                | "συμφωνα"
                | "κατα"
                | "παντωσ"
                | "ακομη"
                | "ακομα"
                | "επιπλεον"
                | "εξαλλου"
                | "σημερα"
                | "χθεσ"
                | "πλεον"
                | "the"
                | "this"
                | "it"
                | "in"
                | "on"
                | "at"
                | "he"
                | "she"
                | "we"
                | "they"
                | "but"
        )
    )
}

/// True for top-level domains common enough that «name.tld» is taken as a web address.
pub(super) fn is_tld(label: &str) -> bool {
    let mut buf = [0; MAX_KEY];
    matches!(
        fold(label, &mut buf),
        Some(
            "gr" | "com"
                | "org"
                | "net"
                | "eu"
                | "edu"
                | "gov"
                | "info"
                | "io"
                | "co"
                | "uk"
                | "de"
                | "fr"
                | "it"
                | "es"
                | "cy"
                | "us"
                | "tv"
                | "me"
                | "biz"
                | "ru"
                | "ch"
                | "nl"
                | "be"
                | "at"
                | "int"
                | "news"
                | "app"
                | "ly"
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_match_ignoring_case_and_accents() {
        assert_eq!(abbreviation("κ", false), Some(Abbrev::Prefix));
        assert_eq!(abbreviation("Κα", false), Some(Abbrev::Prefix));
        assert_eq!(abbreviation("κ.ά", true), Some(Abbrev::MayEnd));
        assert_eq!(abbreviation("Κ.Α", true), Some(Abbrev::MayEnd));
        assert_eq!(abbreviation("ΚΛΠ", false), Some(Abbrev::MayEnd));
        assert_eq!(abbreviation("ό.π", true), Some(Abbrev::MayEnd));
        assert_eq!(abbreviation("δηλ", false), Some(Abbrev::Prefix));
    }

    #[test]
    fn pi_chi_case_decides_its_meaning() {
        assert_eq!(abbreviation("π.χ", true), Some(Abbrev::Prefix));
        assert_eq!(abbreviation("π.Χ", true), Some(Abbrev::MayEnd));
    }

    #[test]
    fn initials_and_vowelless_words_are_abbreviations() {
        assert_eq!(abbreviation("Γ", false), Some(Abbrev::Initial));
        assert_eq!(abbreviation("Χρ", false), Some(Abbrev::Initial));
        assert_eq!(abbreviation("Ντ", false), Some(Abbrev::Initial));
        assert_eq!(abbreviation("Mr", false), Some(Abbrev::Prefix));
        assert_eq!(abbreviation("χλγρ", false), Some(Abbrev::MayEnd));
        assert_eq!(abbreviation("ΑΝ.ΕΛ", true), Some(Abbrev::MayEnd));
    }

    #[test]
    fn ordinary_words_are_not_abbreviations() {
        assert_eq!(abbreviation("σπίτι", false), None);
        assert_eq!(abbreviation("ΗΠΑ", false), None);
        assert_eq!(abbreviation("ΔΝΤ", false), None);
        assert_eq!(abbreviation("α", false), None);
        assert_eq!(abbreviation("Β\u{0374}", false), None);
        assert_eq!(abbreviation("Α\u{02B9}", false), None);
        assert_eq!(abbreviation("", false), None);
    }

    #[test]
    fn word_lists_fold_accents() {
        assert!(is_elision("Γι"));
        assert!(is_elision("ΑΠ"));
        assert!(!is_elision("λέξη"));
        assert!(opens_sentence("Όπως"));
        assert!(opens_sentence("Η"));
        assert!(!opens_sentence("η"));
        assert!(!opens_sentence("Παπανδρέου"));
        assert!(is_tld("gr"));
        assert!(!is_tld("Αθήνα"));
    }
}
