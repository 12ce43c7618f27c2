//! Invariants of Greek text from the wild (issue 10.3, and the marks of 10.1, 10.2 and 17.6), as
//! property tests over text built from the awkward pieces scraped, typed and OCR'd Greek has:
//! words of vowels only («ίσα», «εία», «ω»), elision marks and keraias of every spelling, words
//! in capitals, hyphens at line ends, dotted acronyms. No tagger is loaded: the invariants are
//! the tokenizer's, `norm`'s and the stemmer's.

use elpipe::{Pipeline, RawDocument, Stopwords, TokenKind};
use proptest::prelude::*;

/// Text made of the awkward pieces, glued with and without spaces.
fn wild_greek() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("ίσα"),
            Just("ΙΣΑ"),
            Just("εστέρες"),
            Just("εία"),
            Just("ω"),
            Just("Αιεί"),
            Just("ά\u{301}"),
            Just("σ'"),
            Just("Σ’"),
            Just("απ\u{1FBD}"),
            Just("κατ\u{1FBF}"),
            Just("μ\u{02BC}"),
            Just("ΣΤ΄"),
            Just("Α\u{0374}"),
            Just("ιγ΄"),
            Just("Ν.Δ."),
            Just("Η.Π.Α"),
            Just("ψαράδες"),
            Just("γιαγιάδες"),
            Just("Θεσσαλο-\n"),
            Just("ελληνο-"),
            Just("κ' "),
            Just("'"),
            Just("΄"),
            Just(" "),
            Just(". "),
            Just("\r\n"),
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(Stopwords::greek(), None))
}

proptest! {
    /// Every `word` token has a non-empty stem and a non-empty `norm` (so terms.csv, keyed by
    /// stem, has no empty key).
    #[test]
    fn every_word_has_a_stem_and_a_norm(text in wild_greek()) {
        let doc = pipeline().process(RawDocument {
            id: "p".into(),
            text,
            ..RawDocument::default()
        });
        for token in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            prop_assert!(!token.stem.is_empty(), "{:?}", token);
            prop_assert!(!token.norm.is_empty(), "{:?}", token);
        }
    }
}
