//! `--model elner4` (the default), `--model elner18` and `--model PATH` on texts written for
//! these tests: every table works with the 18-type model, names decline and values keep their
//! text.

mod common;

use common::*;

const TEXT: &str = "\
Στις 12 Μαρτίου 2025 ο πρωθυπουργός Κυριάκος Μητσοτάκης συναντήθηκε στο Βερολίνο με τον Γερμανό καγκελάριο. \
Η κυβέρνηση ανακοίνωσε πακέτο 450 εκατ. ευρώ για την ενίσχυση των αγροτών της Θεσσαλίας.
Σύμφωνα με την ΕΛΣΤΑΤ, η ανεργία έπεσε στο 9,8% τον Φεβρουάριο, για τρίτο συνεχόμενο μήνα. \
Οι Έλληνες εξαγωγείς πούλησαν 2.000 τόνους λαδιού στην Ιταλία.
Ο Μητσοτάκης μίλησε στις 10:30 στη Βουλή.
";

fn entities_of(out: &std::path::Path) -> Vec<(String, String, String)> {
    table(out, "entities.csv")
        .into_iter()
        .map(|e| (e["text"].clone(), e["type"].clone(), e["canonical"].clone()))
        .collect()
}

#[test]
fn elner18_tags_eighteen_types_in_every_table() {
    let dir = corpus(&[("news.txt", TEXT.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("news.txt")],
        &out,
        &["--model", "elner18"],
    );
    let entities = entities_of(&out);
    let has = |text: &str, label: &str, canonical: &str| {
        assert!(
            entities
                .iter()
                .any(|e| (e.0.as_str(), e.1.as_str(), e.2.as_str()) == (text, label, canonical)),
            "no {label} «{text}» → «{canonical}» in {entities:?}"
        );
    };
    // values keep their text as canonical
    has("12 Μαρτίου 2025", "DATE", "12 Μαρτίου 2025");
    has("450 εκατ. ευρώ", "MONEY", "450 εκατ. ευρώ");
    has("9,8%", "PERCENT", "9,8%");
    has("τρίτο", "ORDINAL", "τρίτο");
    has("2.000 τόνους", "QUANTITY", "2.000 τόνους");
    has("10:30", "TIME", "10:30");
    // names decline to the nominative and short mentions join the full name
    has("Κυριάκος Μητσοτάκης", "PERSON", "Κυριάκος Μητσοτάκης");
    has("Μητσοτάκης", "PERSON", "Κυριάκος Μητσοτάκης");
    has("Θεσσαλίας", "GPE", "Θεσσαλία");
    has("Γερμανό", "NORP", "Γερμανός");
    has("ΕΛΣΤΑΤ", "ORG", "ΕΛΣΤΑΤ");

    let frequencies = table(&out, "entity_frequencies.csv");
    let person = frequencies
        .iter()
        .find(|r| r["canonical"] == "Κυριάκος Μητσοτάκης")
        .expect("the person has a frequency row");
    assert_eq!((&*person["type"], &*person["mentions"]), ("PERSON", "2"));
    assert!(frequencies
        .iter()
        .any(|r| r["canonical"] == "9,8%" && r["type"] == "PERCENT"));
    let pairs = table(&out, "cooccurrences.csv");
    assert!(
        pairs.iter().any(|r| r["entity_a"] == "12 Μαρτίου 2025"
            && r["entity_b"] == "Κυριάκος Μητσοτάκης"
            && r["sentences"] == "1"),
        "{pairs:?}"
    );
    let tokens = table(&out, "tokens.csv");
    let money: Vec<(&str, &str)> = tokens
        .iter()
        .filter(|t| t["entity_type"] == "MONEY")
        .map(|t| (t["text"].as_str(), t["iob"].as_str()))
        .collect();
    assert_eq!(money, [("450", "B"), ("εκατ.", "I"), ("ευρώ", "I")]);
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[0]["entities"], entities.len().to_string());
    assert!(!table(&out, "terms.csv").is_empty());
}

#[test]
fn elner4_is_the_default_and_a_path_still_loads_a_file() {
    let dir = corpus(&[("news.txt", TEXT.as_bytes())]);
    let input = dir.path().join("news.txt");
    let (default, named) = (dir.path().join("default"), dir.path().join("named"));
    run_ok(&[&input], &default, &[]);
    run_ok(&[&input], &named, &["--model", "elner4"]);
    for name in TABLES {
        assert_eq!(
            std::fs::read(default.join(name)).unwrap(),
            std::fs::read(named.join(name)).unwrap(),
            "{name}"
        );
    }
    let types: std::collections::BTreeSet<String> =
        entities_of(&default).into_iter().map(|e| e.1).collect();
    assert!(types
        .iter()
        .all(|t| ["PERSON", "ORG", "LOC", "MISC"].contains(&t.as_str())));

    // a name that is neither a shipped model nor a file is a usage error naming it
    let output = elpipe(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        dir.path().join("x").to_str().unwrap(),
        "--model",
        "elner99",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("elner99"));
    // a file that is not a model is rejected, not read as one
    let output = elpipe(&[
        "eval",
        "--gold",
        input.to_str().unwrap(),
        "--model",
        input.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
}
