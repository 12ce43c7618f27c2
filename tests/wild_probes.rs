//! Wild inputs as a researcher of Greek social media, parliament minutes and news feeds them,
//! found by probing the kinds of issues 10 and 17 with texts of our own: words lengthened for
//! emphasis, polytonic text, abbreviated titles, and surnames in -ου in a list of names.

mod common;

use common::{table, txt_tables as tables, Row};

/// The `entities.csv` row of document `doc` whose mention text is `text`.
fn mention<'a>(entities: &'a [Row], doc: &str, text: &str) -> &'a Row {
    entities
        .iter()
        .find(|e| e["doc_id"] == doc && e["text"] == text)
        .unwrap_or_else(|| panic!("no «{text}» in {entities:#?}"))
}

#[test]
fn words_lengthened_for_emphasis_are_one_term_with_the_word() {
    let docs = [
        "Τέλειοςςςς αγώνας!!! 😍 Τέλειος αγώνας. Μπράβοοοο παιδιά, μπράβο!\n\
                 Ωραίααααα βραδιά, ωραία μουσική.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let stem = |text: &str| {
        (tokens.iter())
            .find(|t| t["text"] == text)
            .unwrap_or_else(|| panic!("no «{text}»"))["stem"]
            .clone()
    };
    for (lengthened, word) in [
        ("Τέλειοςςςς", "Τέλειος"),
        ("Μπράβοοοο", "μπράβο"),
        ("Ωραίααααα", "ωραία"),
    ] {
        assert_eq!(stem(lengthened), stem(word), "{lengthened}");
    }
    let terms = table(&out, "terms.csv");
    let term = terms
        .iter()
        .find(|t| t["stem"] == stem("Τέλειος"))
        .unwrap_or_else(|| panic!("{terms:#?}"));
    assert_eq!(term["count"], "2");
}

#[test]
fn names_in_polytonic_text_are_canonical_in_the_monotonic_system() {
    let docs = [
        "Ὁ Ἰωάννης Καποδίστριας ἔφθασε στὸ Ναύπλιο. Ὁ Περικλῆς μίλησε γιὰ τὴν Ἀθήνα.",
        "Ο Ιωάννης Καποδίστριας έφτασε στο Ναύπλιο.",
    ];
    let (_dir, out) = tables(&docs);
    let frequencies = table(&out, "entity_frequencies.csv");
    for row in &frequencies {
        assert!(
            !row["canonical"]
                .chars()
                .any(|c| matches!(c, '\u{1F00}'..='\u{1FFF}')),
            "{row:?}"
        );
    }
    let governor = frequencies
        .iter()
        .find(|r| r["canonical"] == "Ιωάννης Καποδίστριας")
        .unwrap_or_else(|| panic!("{frequencies:#?}"));
    assert_eq!(governor["mentions"], "2");
    // the surfaces stay as written
    assert!(
        governor["variants"].contains("Ἰωάννης Καποδίστριας"),
        "{governor:?}"
    );
}

#[test]
fn abbreviated_titles_are_no_part_of_the_name() {
    let docs = [
        "Ο Δρ. Σπύρος Λαμπράκης και η Καθ. Ελένη Ζαχαρίου μίλησαν στο συνέδριο. \
         Ο Δρ Αντώνης Σταθάκης συμφώνησε.",
    ];
    let (_dir, out) = tables(&docs);
    let entities = table(&out, "entities.csv");
    let canonicals: Vec<&str> = (entities.iter())
        .filter(|e| e["type"] == "PERSON")
        .map(|e| e["canonical"].as_str())
        .collect();
    for name in ["Σπύρος Λαμπράκης", "Ελένη Ζαχαρίου", "Αντώνης Σταθάκης"]
    {
        assert!(canonicals.contains(&name), "{canonicals:?}");
    }
    for canonical in &canonicals {
        assert!(!canonical.starts_with("Δρ") && !canonical.starts_with("Καθ"));
    }
}

#[test]
fn a_surname_in_ou_kept_as_written_joins_no_man_by_his_first_name() {
    let docs = ["ΝΙΚΟΛΑΟΣ ΔΡΑΚΟΠΟΥΛΟΣ: Κύριε Πρόεδρε, ζητώ τον λόγο.\n\
                 Οι κ.κ. Παπαδάκης και Νικολάου διαφώνησαν με την πρόταση."];
    let (_dir, out) = tables(&docs);
    let entities = table(&out, "entities.csv");
    let lone = mention(&entities, "d00.txt", "Νικολάου");
    assert_eq!(lone["canonical"], "Νικολάου");
}
