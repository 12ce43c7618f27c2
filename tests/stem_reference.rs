//! Checks elpipe's stems against the reference Snowball Greek stemmer (Python `snowballstemmer`)
//! on the 20,006 dictionary words of `tests/data/snowball_greek.tsv`, built by
//! `scripts/make_stem_reference.py`.

use elpipe::stages::{ades_singular, norm, StemOutcome, Stemmer};

const REFERENCE: &str = include_str!("data/snowball_greek.tsv");

/// Words on which rust-stemmers 1.2.0 panics where the Python stemmer does not; elpipe falls
/// back to their `norm` form.
const PANICKING: [&str; 6] = [
    "ανεύρετε",
    "αντίθετε",
    "ανυπέρθετε",
    "εμπύρετε",
    "ισαισα",
    "παγαίνετε",
];

/// How many reference words have ι with dialytika (ϊ, ΐ). Snowball folds that letter to η;
/// elpipe stems the `norm` form, where it is a plain ι, so the stems of 92 of them differ from
/// the reference by design (in the other 2 the letter falls in the stripped suffix).
const WORDS_WITH_DIALYTIKA_IOTA: usize = 94;
const STEMS_CHANGED_BY_DIALYTIKA_IOTA: usize = 92;

/// How many reference words are plurals in -άδες/-άδων of a masculine in -άς, which elpipe stems
/// as the singular (of the 828,806 forms of the whole Hunspell list, 511 change stem so).
const PLURALS_IN_ADES_OF_MASCULINES: usize = 10;

/// Words whose reference stem is empty (Snowball reads the whole word as an ending). elpipe
/// never gives an empty stem: it keeps the word without a final ς and the vowels before it.
const EMPTY_REFERENCE_STEMS: [&str; 1] = ["εστέρες"];

/// The stem elpipe gives for `word` where the reference gives `stem`: the reference's, except for
/// the rules elpipe adds after Snowball (see `EMPTY_REFERENCE_STEMS`).
fn expected(word: &str, stem: &'static str) -> String {
    if stem.is_empty() {
        let base = word.strip_suffix('ς').unwrap_or(word);
        return base
            .trim_end_matches(|c: char| "αεηιουωάέήίόύώϊϋΐΰ".contains(c))
            .to_string();
    }
    stem.to_string()
}

#[test]
fn rules_after_snowball_change_only_the_listed_words() {
    let empty: Vec<&str> = reference()
        .into_iter()
        .filter(|(_, stem)| stem.is_empty())
        .map(|(word, _)| word)
        .collect();
    assert_eq!(empty, EMPTY_REFERENCE_STEMS);
    assert_eq!(expected("εστέρες", ""), "εστέρ");
}

fn reference() -> Vec<(&'static str, &'static str)> {
    let pairs: Vec<_> = REFERENCE
        .lines()
        .map(|line| line.split_once('\t').expect("word<TAB>stem"))
        .collect();
    assert_eq!(pairs.len(), 20_006);
    pairs
}

fn has_dialytika_iota(word: &str) -> bool {
    word.contains(['ϊ', 'ΐ'])
}

#[test]
fn rust_stemmers_matches_python_snowball_except_where_it_panics() {
    let stemmer = Stemmer::new();
    let mut fallbacks = Vec::new();
    let mut mismatches = Vec::new();
    for (word, reference_stem) in reference() {
        match stemmer.stem(word, true) {
            (_, StemOutcome::Fallback) => fallbacks.push(word),
            (stem, _) if stem != expected(word, reference_stem) => {
                mismatches.push(format!("{word}: {stem} != {reference_stem}"))
            }
            _ => {}
        }
    }
    assert_eq!(mismatches, Vec::<String>::new());
    assert_eq!(fallbacks, PANICKING);
}

#[test]
fn stems_of_norm_forms_match_the_reference() {
    let stemmer = Stemmer::new();
    let mut dialytika = 0;
    let mut changed = 0;
    let mut ades = 0;
    for (word, reference_stem) in reference() {
        if PANICKING.contains(&word) {
            continue;
        }
        let expected = expected(&norm(word), reference_stem);
        let (stem, outcome) = stemmer.stem(&norm(word), true);
        assert_eq!(outcome, StemOutcome::Stemmed, "{word}");
        if let Some(singular) = ades_singular(&norm(word)) {
            // «ψαράδες» stems as «ψαράς» (src/stem.rs), where Snowball splits them
            ades += 1;
            assert_eq!(stem, stemmer.stem(&singular, true).0, "{word}");
        } else if has_dialytika_iota(word) {
            dialytika += 1;
            changed += usize::from(stem != expected);
            // the stem Snowball gives once the dialytika is gone from the ι
            let plain_iota = word.replace('ϊ', "ι").replace('ΐ', "ί");
            assert_eq!(stem, stemmer.stem(&plain_iota, true).0, "{word}");
        } else {
            assert_eq!(stem, expected, "{word}");
        }
    }
    assert_eq!(dialytika, WORDS_WITH_DIALYTIKA_IOTA);
    assert_eq!(changed, STEMS_CHANGED_BY_DIALYTIKA_IOTA);
    assert_eq!(ades, PLURALS_IN_ADES_OF_MASCULINES);
}

#[test]
fn panicking_words_fall_back_to_their_norm_form() {
    let stemmer = Stemmer::new();
    for word in PANICKING {
        let normed = norm(word);
        assert_eq!(
            stemmer.stem(&normed, true),
            (normed.clone(), StemOutcome::Fallback)
        );
    }
}
