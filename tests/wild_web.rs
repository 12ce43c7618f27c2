//! Text as scraped, OCR'd or extracted from PDFs (issue 17.1 and 17.3): words hyphenated at a
//! line end, HTML character references and leftover tags. What the text spells is what
//! `norm`, the tagger and the canonical names read; offsets still point into the text as read.
//! Each kind has the issue's example with its exact value and inputs of our own. Offsets are
//! code points, end exclusive.

mod common;

use common::{slice_chars, table, txt_tables as tables, Row};

fn span(row: &Row) -> (usize, usize) {
    (row["start"].parse().unwrap(), row["end"].parse().unwrap())
}

/// The `entity_frequencies.csv` row of `canonical`.
fn frequency<'a>(rows: &'a [Row], canonical: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["canonical"] == canonical)
        .unwrap_or_else(|| panic!("no «{canonical}» in {rows:#?}"))
}

/// Every token and entity of every document slices back to its `text` in the input.
fn assert_offsets_slice_back(out: &std::path::Path, docs: &[&str]) {
    for name in ["tokens.csv", "entities.csv"] {
        for row in table(out, name) {
            let id = row["doc_id"]
                .trim_start_matches('d')
                .trim_end_matches(".txt");
            let doc: usize = id.parse().unwrap();
            let (start, end) = span(&row);
            assert_eq!(slice_chars(docs[doc], start, end), row["text"], "{name}");
        }
    }
}

// 17.1 Words hyphenated at a line end ----------------------------------------------------------

const HYPHENATED: &str =
    "Ο υπουργός Κωνσταντίνος Παπα-\nδόπουλος επισκέφθηκε χθες τη Θεσσαλο-\nνίκη.\n\
                          Η κυβερ-\nνητική πρόταση κατατέθηκε.\n\
                          Ο Κωνσταντίνος Παπαδόπουλος είπε ότι η Θεσσαλονίκη είναι έτοιμη.";

#[test]
fn a_line_end_hyphen_joins_the_word_example() {
    let (_dir, out) = tables(&[HYPHENATED]);
    let entities = table(&out, "entities.csv");
    let person = &entities[0];
    assert_eq!(
        (span(person), person["type"].as_str()),
        ((11, 38), "PERSON")
    );
    assert_eq!(person["canonical"], "Κωνσταντίνος Παπαδόπουλος");
    let place = entities.iter().find(|e| span(e) == (59, 72)).unwrap();
    assert_eq!(
        (place["type"].as_str(), place["canonical"].as_str()),
        ("LOC", "Θεσσαλονίκη")
    );
    let frequencies = table(&out, "entity_frequencies.csv");
    assert_eq!(
        frequency(&frequencies, "Κωνσταντίνος Παπαδόπουλος")["mentions"],
        "2"
    );
    assert_eq!(frequency(&frequencies, "Θεσσαλονίκη")["mentions"], "2");
    assert!(frequencies
        .iter()
        .all(|r| !r["canonical"].contains("Θεσσαλός")));
    // the variants are what the text spells: one spelling, not one with a line break
    assert_eq!(
        frequency(&frequencies, "Θεσσαλονίκη")["variants"],
        "Θεσσαλονίκη"
    );
    let tokens = table(&out, "tokens.csv");
    let joined = tokens
        .iter()
        .find(|t| t["text"] == "κυβερ-\nνητική")
        .unwrap();
    assert_eq!(joined["norm"], "κυβερνητικη");
    assert!(tokens.iter().all(|t| t["text"] != "κυβερ"));
    assert_offsets_slice_back(&out, &[HYPHENATED]);
}

#[test]
fn hyphenation_joins_across_spaces_and_windows_line_ends() {
    let docs = [
        "Η συνεδρίαση της Βουλής άρχισε με τον πρωθυπουρ- \r\n  γό και την αντιπολί-\r\nτευση.\n\
                 Ο πρωθυπουργός μίλησε για την αντιπολίτευση.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let norms: Vec<&str> = tokens.iter().map(|t| t["norm"].as_str()).collect();
    assert_eq!(
        norms.iter().filter(|n| **n == "πρωθυπουργο").count(),
        1,
        "{norms:?}"
    );
    assert_eq!(
        norms.iter().filter(|n| **n == "αντιπολιτευση").count(),
        2,
        "{norms:?}"
    );
    // the two spellings of each word share a stem, so terms.csv counts them together
    let terms = table(&out, "terms.csv");
    let stem = |norm: &str| tokens.iter().find(|t| t["norm"] == norm).unwrap()["stem"].clone();
    let row = terms
        .iter()
        .find(|r| r["stem"] == stem("αντιπολιτευση"))
        .unwrap();
    assert_eq!(row["count"], "2");
    assert_offsets_slice_back(&out, &docs);
}

#[test]
fn a_hyphen_before_a_capital_or_a_digit_stays() {
    let docs = ["Το δρομολόγιο Αθήνα-\nΘεσσαλονίκη κόστισε 40 ευρώ για την περίοδο 2024-\n2025 και άνοιξε ξανά."];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let texts: Vec<&str> = tokens.iter().map(|t| t["text"].as_str()).collect();
    assert!(texts.contains(&"Αθήνα"), "{texts:?}");
    assert!(texts.contains(&"Θεσσαλονίκη"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains('\n')), "{texts:?}");
    assert_offsets_slice_back(&out, &docs);
}

// 17.3 HTML character references and leftover tags ---------------------------------------------

const SCRAPED: &str = "Η Ελένη Ζαχαρίου &amp; ο Νίκος Λιάπης πήγαν στη &laquo;Λάρισα&raquo;.\n\
                       Ο &#x39D;&#x3AF;&#x3BA;&#x3BF;&#x3C2; Λιάπης ήρθε.";

#[test]
fn html_references_are_decoded_example() {
    let (_dir, out) = tables(&[SCRAPED]);
    let tokens = table(&out, "tokens.csv");
    let sentences: std::collections::BTreeSet<&str> =
        tokens.iter().map(|t| t["sentence"].as_str()).collect();
    assert_eq!(
        sentences.len(),
        2,
        "the `;` of a reference ends no sentence"
    );
    let entities = table(&out, "entities.csv");
    let larisa = entities
        .iter()
        .find(|e| e["canonical"] == "Λάρισα")
        .unwrap();
    assert_eq!(span(larisa), (55, 61));
    let frequencies = table(&out, "entity_frequencies.csv");
    let liapis = frequency(&frequencies, "Νίκος Λιάπης");
    assert_eq!(
        (liapis["type"].as_str(), liapis["mentions"].as_str()),
        ("PERSON", "2")
    );
    assert_eq!(liapis["variants"], "Νίκος Λιάπης", "the variant is decoded");
    let name = tokens
        .iter()
        .find(|t| t["text"] == "&#x39D;&#x3AF;&#x3BA;&#x3BF;&#x3C2;")
        .expect("the references of one word are one token");
    assert_eq!(
        (name["kind"].as_str(), name["norm"].as_str()),
        ("word", "νικος")
    );
    assert!(tokens.iter().all(|t| t["kind"] != "hashtag"));
    let terms = table(&out, "terms.csv");
    for junk in ["amp", "laquo", "raquo", "x39d", "#x39d"] {
        assert!(
            terms.iter().all(|r| r["form"] != junk && r["stem"] != junk),
            "{junk} is a term"
        );
    }
    assert_offsets_slice_back(&out, &[SCRAPED]);
}

#[test]
fn references_for_quotes_apostrophes_and_letters() {
    let docs = [
        "Η εφημερίδα &quot;Καθημερινή&quot; έγραψε για τον Γιώργο Τσακίρη απ&#8217; το πρωί.\n\
         Ο Γιώργος Τσακίρης απάντησε στην &#171;Καθημερινή&#187;.",
        "Η &Kappa;&omega;&nu;&sigma;&tau;&alpha;&nu;&tau;&#943;&nu;&alpha; Βλάχου μίλησε.\n\
         Η Κωνσταντίνα Βλάχου συμφώνησε; Ναι.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let elided = tokens.iter().find(|t| t["text"] == "απ&#8217;").unwrap();
    assert_eq!(
        (elided["norm"].as_str(), elided["stopword"].as_str()),
        ("απ\u{2019}", "true")
    );
    let frequencies = table(&out, "entity_frequencies.csv");
    assert_eq!(
        frequency(&frequencies, "Κωνσταντίνα Βλάχου")["mentions"],
        "2"
    );
    assert!(frequencies.iter().all(|r| !r["canonical"].contains('&')));
    assert!(frequencies.iter().all(|r| !r["variants"].contains('&')));
    let second: Vec<&Row> = tokens.iter().filter(|t| t["doc_id"] == "d01.txt").collect();
    let sentences: std::collections::BTreeSet<&str> =
        second.iter().map(|t| t["sentence"].as_str()).collect();
    assert_eq!(
        sentences.len(),
        3,
        "two lines, and a Greek question mark in the second"
    );
    assert_offsets_slice_back(&out, &docs);
}

#[test]
fn leftover_tags_are_no_tokens_and_blocks_end_lines() {
    let docs = ["<p>Ο Νίκος Λιάπης μίλησε στη <b>Βουλή</b> χθες</p><p>Η Ελένη Ζαχαρίου απάντησε<br/>αμέσως.</p>\n\
                 <div class=\"x\">Ο Λιάπης έφυγε.</div> Ισχύει x < 5 και y > 3."];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let texts: Vec<&str> = tokens.iter().map(|t| t["text"].as_str()).collect();
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("<p") || t.contains("<b") || t.contains("br")),
        "{texts:?}"
    );
    assert!(texts.contains(&"Βουλή"), "{texts:?}");
    assert!(
        texts.contains(&"<") && texts.contains(&">"),
        "a `<` in text stays"
    );
    // a block tag is a line break: «χθες» and «Η» are not in one sentence
    let sentence =
        |text: &str| tokens.iter().find(|t| t["text"] == text).unwrap()["sentence"].clone();
    assert_ne!(sentence("χθες"), sentence("Η"));
    let frequencies = table(&out, "entity_frequencies.csv");
    assert_eq!(frequency(&frequencies, "Νίκος Λιάπης")["mentions"], "2");
    assert_offsets_slice_back(&out, &docs);
}

#[test]
fn legacy_references_without_a_semicolon_are_decoded() {
    // 17.3: scrapers leave «&amp» and «&nbsp» without their `;`
    let docs = ["Η εταιρεία Γιώργος Μαυρίδης &amp Σία Ο.Ε. και ο Γιώργος&nbspΜαυρίδης."];
    let (_dir, out) = tables(&docs);
    let terms = table(&out, "terms.csv");
    for junk in ["amp", "nbsp"] {
        assert!(
            terms.iter().all(|r| r["form"] != junk && r["stem"] != junk),
            "{junk} is a term"
        );
    }
    let tokens = table(&out, "tokens.csv");
    let amp = tokens
        .iter()
        .find(|t| t["text"] == "&amp")
        .expect("one token «&amp»");
    assert_eq!(amp["norm"], "&");
    assert_offsets_slice_back(&out, &docs);
}
