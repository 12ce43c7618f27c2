//! Canonical entities end to end: the shipped tagger and canonicalizer on Greek texts written
//! for these tests.

mod common;

use common::*;

/// Runs elpipe over `(file, text)` documents and returns the entity_frequencies rows.
fn frequencies(files: &[(&str, &str)], extra: &[&str]) -> Vec<Row> {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let dir = corpus(&bytes);
    let outputs = tempfile::tempdir().unwrap();
    let out = outputs.path().join("out");
    run_ok(&[dir.path()], &out, extra);
    table(&out, "entity_frequencies.csv")
}

fn find<'a>(rows: &'a [Row], canonical: &str) -> Option<&'a Row> {
    rows.iter().find(|r| r["canonical"] == canonical)
}

fn mentions(rows: &[Row], canonical: &str) -> usize {
    find(rows, canonical).map_or(0, |r| r["mentions"].parse().unwrap())
}

#[test]
fn declined_masculine_names_merge_under_the_nominative_full_name() {
    let rows = frequencies(
        &[(
            "a.txt",
            "Ο Κυριάκος Μητσοτάκης επισκέφθηκε χθες τα Χανιά. Οι δηλώσεις του Μητσοτάκη \
             προκάλεσαν αντιδράσεις. Η αντιπολίτευση κατηγόρησε τον Μητσοτάκη για την ακρίβεια.",
        )],
        &[],
    );
    let person = find(&rows, "Κυριάκος Μητσοτάκης").expect("the full name is the canonical");
    assert_eq!(person["type"], "PERSON");
    assert_eq!(person["mentions"], "3", "{rows:?}");
    assert!(person["variants"].contains("Μητσοτάκη"), "{person:?}");
    assert!(find(&rows, "Μητσοτάκη").is_none(), "{rows:?}");
}

#[test]
fn declined_feminine_and_neuter_places_merge() {
    let rows = frequencies(
        &[(
            "a.txt",
            "Η Ελλάδα υπέγραψε τη συμφωνία. Ο πρωθυπουργός της Ελλάδας μίλησε για τα σύνορα \
             της Ελλάδος. Το Κρεμλίνο δεν σχολίασε, αλλά ο εκπρόσωπος του Κρεμλίνου είπε ότι \
             θα απαντήσει αύριο.",
        )],
        &[],
    );
    assert_eq!(mentions(&rows, "Ελλάδα"), 3, "{rows:?}");
    assert_eq!(mentions(&rows, "Κρεμλίνο"), 2, "{rows:?}");
}

#[test]
fn foreign_genitive_form_and_womens_surnames_do_not_decline() {
    let rows = frequencies(
        &[(
            "a.txt",
            "Ο Βλαντίμιρ Πούτιν τηλεφώνησε στον Εμανουέλ Μακρόν. Η πρόταση του Πούτιν δεν \
             έπεισε τον Μακρόν. Στην εκδήλωση μίλησε η Ντόρα Μπακογιάννη, ενώ η ομιλία της \
             Ντόρας Μπακογιάννη καταγράφηκε. Ο Γιώργος Παπανδρέου ήταν επίσης εκεί και ο λόγος \
             του Γιώργου Παπανδρέου χειροκροτήθηκε.",
        )],
        &[],
    );
    assert_eq!(mentions(&rows, "Βλαντίμιρ Πούτιν"), 2, "{rows:?}");
    assert_eq!(mentions(&rows, "Εμανουέλ Μακρόν"), 2, "{rows:?}");
    assert_eq!(mentions(&rows, "Ντόρα Μπακογιάννη"), 2, "{rows:?}");
    assert_eq!(mentions(&rows, "Γιώργος Παπανδρέου"), 2, "{rows:?}");
}

#[test]
fn acronyms_and_latin_names_stay_as_written() {
    let rows = frequencies(
        &[(
            "a.txt",
            "Το ΠΑΣΟΚ και η ΝΔ συμφώνησαν. Η Tesla άνοιξε εργοστάσιο και οι μετοχές της Tesla \
             ανέβηκαν, έγραψαν οι New York Times.",
        )],
        &[],
    );
    assert!(find(&rows, "ΠΑΣΟΚ").is_some(), "{rows:?}");
    assert_eq!(mentions(&rows, "Tesla"), 2, "{rows:?}");
}

#[test]
fn accent_variants_merge_under_the_accented_spelling() {
    let rows = frequencies(
        &[(
            "a.txt",
            "Ο Βλαντίμιρ Πούτιν μίλησε σήμερα. ΒΛΑΝΤΙΜΙΡ ΠΟΥΤΙΝ: ΝΕΕΣ ΔΗΛΩΣΕΙΣ\n\
             Ο Βλαντιμίρ Πούτιν επανέλαβε τη θέση του.",
        )],
        &[],
    );
    let names: Vec<&str> = rows.iter().map(|r| r["canonical"].as_str()).collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.contains("Πούτιν") || n.contains("ΠΟΥΤΙΝ"))
            .count(),
        1,
        "{rows:?}"
    );
}

#[test]
fn surnames_join_the_full_name_but_an_ambiguous_one_stays_apart() {
    let rows = frequencies(
        &[
            (
                "a.txt",
                "Ο Έλον Μασκ ανακοίνωσε νέο προϊόν. Ο Μασκ είπε ότι θα κυκλοφορήσει το 2027.",
            ),
            ("b.txt", "Ο Μασκ επέμεινε χθες στη θέση του."),
            (
                "c.txt",
                "Ο Νίκος Παπαδάκης εξελέγη δήμαρχος. Ο Παπαδάκης ευχαρίστησε τους ψηφοφόρους.",
            ),
            (
                "d.txt",
                "Ο Γιάννης Παπαδάκης, ο προπονητής, μίλησε στους δημοσιογράφους.",
            ),
            ("e.txt", "Ο Παπαδάκης δεν απάντησε στις ερωτήσεις."),
        ],
        &[],
    );
    assert_eq!(mentions(&rows, "Έλον Μασκ"), 3, "{rows:?}");
    assert_eq!(mentions(&rows, "Νίκος Παπαδάκης"), 2, "{rows:?}");
    assert_eq!(mentions(&rows, "Γιάννης Παπαδάκης"), 1, "{rows:?}");
    assert_eq!(
        mentions(&rows, "Παπαδάκης"),
        1,
        "ambiguous across documents: {rows:?}"
    );
}

#[test]
fn a_repeated_headline_counts_once_unless_asked() {
    let text = "Ο Αλέξης Τσίπρας στη Λάρισα\n\nΟ Αλέξης Τσίπρας στη Λάρισα\n\n\
                Ο πρώην πρωθυπουργός μίλησε σε εκδήλωση.";
    let rows = frequencies(&[("a.txt", text)], &[]);
    assert_eq!(mentions(&rows, "Αλέξης Τσίπρας"), 1, "{rows:?}");
    let rows = frequencies(&[("a.txt", text)], &["--keep-duplicate-lines"]);
    assert_eq!(mentions(&rows, "Αλέξης Τσίπρας"), 2, "{rows:?}");
}

#[test]
fn group_by_splits_frequencies_by_a_metadata_field() {
    let jsonl = [
        r#"{"id": "1", "month": "2026-01", "text": "Η Αθήνα φιλοξένησε τη σύνοδο."}"#,
        r#"{"id": "2", "month": "2026-01", "text": "Στην Αθήνα έφτασαν οι υπουργοί."}"#,
        r#"{"id": "3", "month": "2026-02", "text": "Η Αθήνα ετοιμάζεται για τον μαραθώνιο."}"#,
    ]
    .join("\n");
    let dir = corpus(&[("news.jsonl", jsonl.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("news.jsonl")],
        &out,
        &["--group-by", "month"],
    );
    assert_eq!(
        header(&out, "entity_frequencies.csv"),
        [
            "month",
            "canonical",
            "type",
            "mentions",
            "documents",
            "variants",
            "per_million_words",
            "document_share"
        ]
    );
    let rows = table(&out, "entity_frequencies.csv");
    let athens: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["canonical"] == "Αθήνα")
        .map(|r| (r["month"].as_str(), r["mentions"].as_str()))
        .collect();
    assert_eq!(athens, [("2026-01", "2"), ("2026-02", "1")], "{rows:?}");
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[2]["month"], "2026-02");
}

#[test]
fn entities_csv_offsets_slice_the_text_and_cooccurrences_pair_them() {
    let text = "Ο Κώστας Μπακογιάννης συναντήθηκε με τον Χάρη Δούκα στην Αθήνα.";
    let dir = corpus(&[("a.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("a.txt")], &out, &[]);
    let entities = table(&out, "entities.csv");
    assert!(entities.len() >= 2, "{entities:?}");
    for e in &entities {
        let (start, end) = (e["start"].parse().unwrap(), e["end"].parse().unwrap());
        assert_eq!(slice_chars(text, start, end), e["text"]);
    }
    let pairs = table(&out, "cooccurrences.csv");
    assert!(!pairs.is_empty());
    for p in &pairs {
        assert!(
            p["entity_a"] < p["entity_b"]
                || (p["entity_a"] == p["entity_b"] && p["type_a"] < p["type_b"])
        );
        assert_eq!(p["sentences"], "1");
    }
}

#[test]
fn short_names_of_clubs_and_places_join_the_fuller_name_unless_ambiguous() {
    let rows = frequencies(
        &[
            (
                "a.txt",
                "Ο Ολυμπιακός Πειραιώς νίκησε χθες το βράδυ στο Φάληρο. Οι φίλαθλοι του \
                 Ολυμπιακού γιόρτασαν ως το πρωί, ενώ ο Ολυμπιακός ετοιμάζεται ήδη για τον \
                 επόμενο αγώνα. Ο πρόεδρος των Ηνωμένων Πολιτειών της Αμερικής θα επισκεφθεί \
                 την Αθήνα. Η κυβέρνηση θα συζητήσει με τις Ηνωμένες Πολιτείες την ενέργεια.",
            ),
            (
                "b.txt",
                "Η Ρεάλ Μαδρίτης και η Ρεάλ Σοσιεδάδ ισοφάρισαν στο φιλικό. Η Ρεάλ έχασε πέναλτι \
                 στο τέλος. Η ΑΕΚ Λάρνακας κέρδισε στην Κύπρο, ενώ η ΑΕΚ έμεινε στην ισοπαλία.",
            ),
        ],
        &[],
    );
    assert_eq!(mentions(&rows, "Ολυμπιακός Πειραιώς"), 3, "{rows:?}");
    assert!(find(&rows, "Ολυμπιακός").is_none(), "{rows:?}");
    assert_eq!(
        mentions(&rows, "Ηνωμένες Πολιτείες της Αμερικής"),
        2,
        "{rows:?}"
    );
    // «Ρεάλ» leads two fuller names; «ΑΕΚ» is an acronym
    assert_eq!(mentions(&rows, "Ρεάλ"), 1, "{rows:?}");
    assert_eq!(mentions(&rows, "Ρεάλ Μαδρίτης"), 1, "{rows:?}");
    assert_eq!(mentions(&rows, "ΑΕΚ"), 1, "{rows:?}");
    assert_eq!(mentions(&rows, "ΑΕΚ Λάρνακας"), 1, "{rows:?}");
}

#[test]
fn clubs_places_after_titles_and_learned_names_get_their_headline_form() {
    let rows = frequencies(
        &[(
            "a.txt",
            "Ο Παναιτωλικός αντιμετωπίζει σήμερα τον Ολυμπιακό Πειραιώς στο Αγρίνιο. Ο \
             προπονητής του Ολυμπιακού Πειραιώς δεν μίλησε. Ο δήμαρχος Θεσσαλονίκης θα \
             παρακολουθήσει τον αγώνα. Οι φίλαθλοι της Ρεάλ Μαδρίτης ταξίδεψαν στη Θεσσαλονίκη. \
             Η ξενάγηση στον ναό του Απόλλωνα κράτησε μία ώρα.",
        )],
        &[],
    );
    assert_eq!(mentions(&rows, "Ολυμπιακός Πειραιώς"), 2, "{rows:?}");
    assert_eq!(mentions(&rows, "Θεσσαλονίκη"), 2, "{rows:?}");
    assert_eq!(mentions(&rows, "Ρεάλ Μαδρίτης"), 1, "{rows:?}");
    assert_eq!(mentions(&rows, "Απόλλωνας"), 1, "{rows:?}");
    assert!(find(&rows, "Θεσσαλονίκης").is_none(), "{rows:?}");
}
