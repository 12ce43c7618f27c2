//! Stemming: the Snowball Greek stemmer (rust-stemmers), made safe to run on any token.
//!
//! The stemmer is fed the token's `norm` form. Snowball's Greek algorithm begins by folding its
//! input to accentless lowercase with a non-final σ, so `norm` (already accentless and lowercase)
//! gives the same stem as the lowercase accented word, with one deliberate exception: Snowball
//! folds ι with dialytika (ϊ, ΐ) to η, while `norm` makes it a plain ι, so «ευνοϊκή» stems like
//! «ευνοική» (which writers who drop the dialytika type) instead of to «ευνοηκ». `norm` is also
//! the better input because it folds polytonic letters and Latin look-alikes, which Snowball's
//! folding does not know. `tests/stem_reference.rs` checks all this against the reference Python
//! Snowball stemmer on 20,006 dictionary words. Stems are Snowball's output as is: accentless,
//! and a word too short to stem keeps a final σ («ως» → «ωσ»).
//!
//! One rule runs before Snowball: a plural in -άδες/-άδων of a masculine noun in -άς stems as
//! its singular («ψαράδες» as «ψαράς»: both `ψαρ`), where Snowball splits them (`ψαραδ`, `ψαρ`).
//! The nouns are listed in `data/stem/masculine_ades.txt` (from the Hunspell Greek dictionary);
//! a plural that also belongs to a feminine noun in -άδα («ομάδες») is not listed. The plural of
//! a feminine noun in -ά («γιαγιάδες», listed by hand in `data/stem/feminine_ades.txt`) stems as
//! its nominative «γιαγιά», not as the genitive «γιαγιάς», which Snowball stems differently.
//!
//! rust-stemmers 1.2.0 panics (a slice index out of bounds, an upstream Snowball bug) on a few
//! real words such as «ανεύρετε». [`Stemmer::stem_into`] catches the panic, keeps its message off
//! the terminal and falls back to `norm`. Catching needs unwinding: the crate must not be built
//! with `panic = "abort"`.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, OnceLock};

/// Masculine nouns in -άς whose plural is in -άδες, in `norm` form, one per line, `#` comments
/// (built by `scripts/build_stem_data.py` from the Hunspell Greek dictionary, MPL-1.1/GPL-2/LGPL-2.1).
const MASCULINE_ADES: &str = include_str!("../data/stem/masculine_ades.txt");

/// Feminine nouns in -ά whose plural is in -άδες («γιαγιά», «γιαγιάδες»), in `norm` form, one per
/// line, `#` comments (written by hand; the file says why).
const FEMININE_ADES: &str = include_str!("../data/stem/feminine_ades.txt");

/// Plural endings of the masculine nouns in -άς of [`MASCULINE_ADES`], in `norm` form.
const ADES_ENDINGS: [&str; 2] = ["αδες", "αδων"];

/// The words of a list file: one per line, blank lines and `#` comments skipped.
fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// `norm` without its plural ending -άδες/-άδων ([`ADES_ENDINGS`]), if it has one.
fn ades_base(norm: &str) -> Option<&str> {
    ADES_ENDINGS.iter().find_map(|e| norm.strip_suffix(e))
}

/// The singular (`norm` form) a plural in -άδες/-άδων (`norm` form) stems as, when it is a
/// masculine noun in -άς of `data/stem/masculine_ades.txt` («ψαραδες» → «ψαρας»); `None` for any
/// other word.
pub fn masculine_singular(norm: &str) -> Option<String> {
    static NOUNS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let singular = format!("{}ας", ades_base(norm)?);
    let nouns = NOUNS.get_or_init(|| word_list(MASCULINE_ADES));
    nouns.contains(singular.as_str()).then_some(singular)
}

/// The nominative singular (`norm` form) a plural in -άδες/-άδων (`norm` form) stems as: a
/// feminine noun in -ά of `data/stem/feminine_ades.txt` («γιαγιαδες» → «γιαγια», where Snowball
/// gives «γιαγιά» `γιαγ` but «γιαγιάδες» `γιαγι`), else a masculine noun in -άς
/// ([`masculine_singular`]); `None` for any other word.
pub fn ades_singular(norm: &str) -> Option<String> {
    static NOUNS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let feminine = format!("{}α", ades_base(norm)?);
    let nouns = NOUNS.get_or_init(|| word_list(FEMININE_ADES));
    if nouns.contains(feminine.as_str()) {
        return Some(feminine);
    }
    masculine_singular(norm)
}

/// Shortest run of one letter read as a word lengthened for emphasis («τέλειοςςςς»,
/// «μπράβοοοο», «ωραίααααα»): Greek spells no letter three times in a row, while doubled
/// consonants are ordinary spelling («θάλασσα», «Ελλάδα»).
const LENGTHENED_RUN: usize = 3;

/// `norm` with every run of [`LENGTHENED_RUN`] or more of one letter (σ and ς count as one)
/// written once, keeping the run's last letter («τελειοσσσς» → «τελειος»); `None` when it has
/// no such run (the usual case, no allocation).
fn without_lengthening(norm: &str) -> Option<String> {
    let fold = |c: char| if c == 'ς' { 'σ' } else { c };
    // (letter, its run so far) as the word is read, then the runs as (last letter, length)
    let runs = || {
        let mut chars = norm.chars().peekable();
        std::iter::from_fn(move || {
            let first = chars.next()?;
            let (mut last, mut len) = (first, 1);
            while let Some(&next) = chars.peek() {
                if fold(next) != fold(first) {
                    break;
                }
                (last, len) = (next, len + 1);
                chars.next();
            }
            Some((first, last, len))
        })
    };
    let lengthened =
        |&(first, _, len): &(char, char, usize)| len >= LENGTHENED_RUN && first.is_alphabetic();
    if !runs().any(|run| lengthened(&run)) {
        return None;
    }
    let mut out = String::with_capacity(norm.len());
    for run in runs() {
        let (first, last, len) = run;
        if lengthened(&run) {
            out.push(last);
        } else {
            out.extend(std::iter::repeat_n(first, len - 1));
            out.push(last);
        }
    }
    Some(out)
}

/// How a token's stem was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StemOutcome {
    /// The Snowball stemmer produced the stem.
    Stemmed,
    /// Not a Greek word: the stem is `norm`.
    Copied,
    /// The stemmer failed on this word: the stem is `norm`. Counted in `Document::stem_fallbacks`.
    Fallback,
}

thread_local! {
    /// Set while this thread runs the stemmer, so the panic hook knows to stay silent.
    static IN_STEMMER: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Installs, once per process, a panic hook that says nothing about panics raised inside the
/// stemmer and hands every other panic to the hook that was there before.
fn install_quiet_panic_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_STEMMER.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Clears [`IN_STEMMER`] when dropped, so the flag cannot stay set whatever happens.
struct InStemmerGuard;

impl InStemmerGuard {
    fn enter() -> InStemmerGuard {
        IN_STEMMER.with(|flag| flag.set(true));
        InStemmerGuard
    }
}

impl Drop for InStemmerGuard {
    fn drop(&mut self) {
        IN_STEMMER.with(|flag| flag.set(false));
    }
}

/// The Greek stemmer. Cheap to create, `Send + Sync`: one can be shared by every thread.
pub struct Stemmer {
    snowball: rust_stemmers::Stemmer,
}

impl Default for Stemmer {
    fn default() -> Stemmer {
        Stemmer::new()
    }
}

impl Stemmer {
    /// The Snowball Greek stemmer (rust-stemmers), which falls back to the word itself where
    /// Snowball panics.
    pub fn new() -> Stemmer {
        install_quiet_panic_hook();
        Stemmer {
            snowball: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Greek),
        }
    }

    /// Appends the stem of the token whose `norm` form is `norm` to `out` (which is not cleared).
    /// Words that are not Greek (`is_greek_word == false`) are copied unchanged.
    pub fn stem_into(&self, norm: &str, is_greek_word: bool, out: &mut String) -> StemOutcome {
        if !is_greek_word {
            out.push_str(norm);
            return StemOutcome::Copied;
        }
        let lengthened = without_lengthening(norm);
        let norm = lengthened.as_deref().unwrap_or(norm);
        let singular = ades_singular(norm);
        let word = singular.as_deref().unwrap_or(norm);
        let stemmed = {
            let _guard = InStemmerGuard::enter();
            panic::catch_unwind(AssertUnwindSafe(|| self.snowball.stem(word)))
        };
        match stemmed {
            Ok(stem) if stem.is_empty() => {
                out.push_str(never_empty(norm));
                StemOutcome::Stemmed
            }
            Ok(stem) => {
                out.push_str(&stem);
                StemOutcome::Stemmed
            }
            Err(_) => {
                out.push_str(norm);
                StemOutcome::Fallback
            }
        }
    }

    /// The stem of `norm` as a new string (see [`Stemmer::stem_into`]).
    pub fn stem(&self, norm: &str, is_greek_word: bool) -> (String, StemOutcome) {
        let mut out = String::with_capacity(norm.len());
        let outcome = self.stem_into(norm, is_greek_word, &mut out);
        (out, outcome)
    }
}

/// The stem of a word Snowball strips to nothing («ισα», «εστερες»: the whole word read as an
/// ending): the word without a final σ and the vowels before it, keeping at least one letter
/// («ισ», «εστερ»), as Snowball's reference implementation gives «ισ» for «ίσα».
fn never_empty(norm: &str) -> &str {
    let word = norm.strip_suffix(['σ', 'ς']).unwrap_or(norm);
    let stem = word.trim_end_matches(crate::greek::is_vowel);
    if stem.is_empty() {
        norm
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::norm;

    /// Words on which rust-stemmers 1.2.0 panics.
    const PANICKING: [&str; 6] = [
        "ισαισα",
        "αντίθετε",
        "ανεύρετε",
        "ανυπέρθετε",
        "εμπύρετε",
        "παγαίνετε",
    ];

    fn stem_of(word: &str) -> String {
        Stemmer::new().stem(&norm(word), true).0
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        for (words, stem) in [
            (["Αθήνα", "Αθήνας", "ΑΘΗΝΑ"], "αθην"),
            (["κυβέρνηση", "κυβέρνησης", "κυβερνήσεις"], "κυβερνησ"),
            (["Μητσοτάκης", "Μητσοτάκη", "ΜΗΤΣΟΤΑΚΗ"], "μητσοτακ"),
        ] {
            for word in words {
                assert_eq!(stem_of(word), stem, "{word}");
            }
        }
    }

    #[test]
    fn norm_and_lowercase_accented_input_give_the_same_stem() {
        let stemmer = Stemmer::new();
        for word in [
            "υπουργείο",
            "οικονομικών",
            "πειραιάς",
            "προϋπόθεση",
            "ερωτήσεις",
        ] {
            let from_norm = stemmer.stem(&norm(word), true).0;
            let from_lower = stemmer.stem(word, true).0;
            assert_eq!(from_norm, from_lower, "{word}");
        }
    }

    #[test]
    fn iota_with_dialytika_stems_like_a_plain_iota() {
        // Snowball folds ϊ and ΐ to η, so writers who drop the dialytika would get another stem;
        // feeding `norm` gives one stem however the word was typed.
        let stemmer = Stemmer::new();
        assert_eq!(stemmer.stem("ευνοϊκή", true).0, "ευνοηκ");
        for word in ["ευνοϊκή", "ευνοική", "ΕΥΝΟΪΚΗ", "ευνοϊκός"] {
            assert_eq!(stem_of(word), "ευνοικ", "{word}");
        }
    }

    #[test]
    fn short_words_keep_their_letters_with_a_plain_sigma() {
        assert_eq!(stem_of("ως"), "ωσ");
        assert_eq!(stem_of("Το"), "το");
        // three letters are enough to be stemmed
        assert_eq!(stem_of("και"), "κα");
    }

    #[test]
    fn plurals_in_ades_of_feminines_in_a_share_the_nominatives_stem() {
        for (singular, plurals) in [
            ("γιαγιά", ["γιαγιάδες", "γιαγιάδων"]),
            ("μανά", ["μανάδες", "μανάδων"]),
            ("μαμά", ["μαμάδες", "μαμάδων"]),
            ("προγιαγιά", ["προγιαγιάδες", "προγιαγιάδων"]),
        ] {
            for plural in plurals {
                assert_eq!(stem_of(plural), stem_of(singular), "{plural}");
            }
        }
    }

    #[test]
    fn plurals_in_ades_of_masculines_in_as_share_the_singulars_stem() {
        for (singular, plurals) in [
            ("ψαράς", ["ψαράδες", "ψαράδων"]),
            ("βασιλιάς", ["βασιλιάδες", "βασιλιάδων"]),
            ("ανανάς", ["ανανάδες", "ανανάδων"]),
            ("γαλατάς", ["γαλατάδες", "γαλατάδων"]),
        ] {
            for plural in plurals {
                assert_eq!(stem_of(plural), stem_of(singular), "{plural}");
            }
        }
    }

    #[test]
    fn plurals_in_ades_of_feminines_in_ada_keep_snowballs_stem() {
        // «ομάδες» is the plural of «ομάδα» (and of the learned «ομάς»): it stems with «ομάδα»
        for (singular, plural) in [
            ("ομάδα", "ομάδες"),
            ("εβδομάδα", "εβδομάδες"),
            ("μονάδα", "μονάδες"),
        ] {
            assert_eq!(stem_of(plural), stem_of(singular), "{plural}");
        }
        assert_eq!(masculine_singular("ομαδες"), None);
        assert_eq!(
            masculine_singular("ψαρας"),
            None,
            "only plurals are rewritten"
        );
        assert_eq!(masculine_singular("ψαραδες").as_deref(), Some("ψαρας"));
        assert_eq!(ades_singular("ψαραδες").as_deref(), Some("ψαρας"));
        assert_eq!(ades_singular("γιαγιαδες").as_deref(), Some("γιαγια"));
        assert_eq!(ades_singular("μαναδων").as_deref(), Some("μανα"));
        assert_eq!(ades_singular("ομαδες"), None);
    }

    #[test]
    fn a_word_lengthened_for_emphasis_stems_as_the_word() {
        let stemmer = Stemmer::new();
        let stem = |w: &str| stemmer.stem(&norm(w), true).0;
        for (lengthened, word) in [
            ("Τέλειοςςςς", "τέλειος"),
            ("μπράβοοοο", "μπράβο"),
            ("ωραίααααα", "ωραία"),
            ("ΝΑΙΙΙΙ", "ναι"),
            ("Γκολλλλ", "γκολ"),
        ] {
            assert_eq!(stem(lengthened), stem(word), "{lengthened}");
        }
        // doubled letters are spelling, not emphasis
        assert_eq!(without_lengthening("θαλασσα"), None);
        assert_eq!(without_lengthening("ελλαδα"), None);
        assert_eq!(without_lengthening("ααα123"), Some("α123".into()));
        assert_eq!(without_lengthening("2000"), None);
    }

    #[test]
    fn no_word_has_an_empty_stem() {
        assert_eq!(stem_of("ίσα"), "ισ");
        assert_eq!(stem_of("εστέρες"), "εστερ");
        assert_eq!(stem_of("ΙΣΑ"), "ισ");
        // a word of vowels only keeps its letters
        assert_eq!(stem_of("εια"), Stemmer::new().stem("εια", true).0);
        assert!(!stem_of("εια").is_empty());
    }

    #[test]
    fn non_greek_words_are_copied() {
        let stemmer = Stemmer::new();
        let mut out = String::from("x");
        assert_eq!(
            stemmer.stem_into("tesla", false, &mut out),
            StemOutcome::Copied
        );
        assert_eq!(out, "xtesla");
    }

    #[test]
    fn panicking_words_fall_back_to_norm() {
        let stemmer = Stemmer::new();
        for word in PANICKING {
            let normed = norm(word);
            let (stem, outcome) = stemmer.stem(&normed, true);
            assert_eq!(outcome, StemOutcome::Fallback, "{word}");
            assert_eq!(stem, normed, "{word}");
        }
    }

    #[test]
    fn the_stemmer_keeps_working_after_a_fallback() {
        let stemmer = Stemmer::new();
        assert_eq!(stemmer.stem("ανευρετε", true).1, StemOutcome::Fallback);
        assert_eq!(
            stemmer.stem("αθηνας", true),
            ("αθην".to_owned(), StemOutcome::Stemmed)
        );
        assert!(!IN_STEMMER.with(Cell::get));
    }

    #[test]
    fn odd_input_never_panics() {
        let stemmer = Stemmer::new();
        for input in [
            "",
            "σ",
            "ς",
            "123",
            "α-β",
            "ααααααααααααααααααααααα",
            "ετε",
            "ισα",
            "\u{301}",
        ] {
            let (stem, outcome) = stemmer.stem(input, true);
            assert_ne!(outcome, StemOutcome::Copied, "{input}");
            assert!(stem.len() <= input.len() + 8, "{input} -> {stem}");
        }
    }

    #[test]
    fn fallbacks_are_silent_and_safe_across_threads() {
        let stemmer = Stemmer::new();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for word in PANICKING {
                        assert_eq!(stemmer.stem(&norm(word), true).1, StemOutcome::Fallback);
                    }
                    assert_eq!(stemmer.stem("υπουργειο", true).1, StemOutcome::Stemmed);
                });
            }
        });
    }
}
