//! End-to-end tests of `elpipe run` on small Greek texts written for these tests.

mod common;

use common::*;

#[test]
fn offsets_slice_the_original_text_even_when_it_was_not_nfc() {
    // «Καλημέρα» with decomposed accents (NFD), a byte-order mark and a soft hyphen.
    let nfd =
        "\u{FEFF}Η Αθη\u{0301}να ει\u{0301}ναι με\u{00AD}γάλη πόλη. Ο κ. Ιω\u{0301}ργος ήρθε!";
    let dir = corpus(&[("nfd.txt", nfd.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("nfd.txt")], &out, &[]);
    let text = nfd.trim_start_matches('\u{FEFF}');
    let tokens = table(&out, "tokens.csv");
    assert!(tokens.len() >= 10, "{tokens:?}");
    let mut previous_end = 0;
    for t in &tokens {
        let (start, end): (usize, usize) = (t["start"].parse().unwrap(), t["end"].parse().unwrap());
        assert!(start >= previous_end && end > start, "{t:?}");
        assert_eq!(slice_chars(text, start, end), t["text"], "{t:?}");
        previous_end = end;
    }
    let athina = tokens
        .iter()
        .find(|t| t["norm"] == "αθηνα")
        .expect("Αθήνα found");
    assert_eq!(athina["text"], "Αθη\u{0301}να");
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[0]["chars"], text.chars().count().to_string());
}

#[test]
fn sentences_split_on_greek_punctuation_blank_lines_and_headlines() {
    let text = "Νέα μέτρα για τη στέγη\n\
                Η κυβέρνηση ανακοίνωσε τα μέτρα· η αντιπολίτευση αντέδρασε. Τι θα γίνει τώρα; \
                Κανείς δεν ξέρει! Η συζήτηση συνεχίζεται…\n\n\
                Δεύτερη παράγραφος χωρίς τελεία\n\nΤρίτη παράγραφος.";
    let dir = corpus(&[("s.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("s.txt")], &out, &[]);
    let tokens = table(&out, "tokens.csv");
    let sentences = sentences(&tokens, "s.txt");
    let first_words: Vec<&str> = sentences.iter().map(|s| s[0].as_str()).collect();
    assert_eq!(
        first_words,
        ["Νέα", "Η", "η", "Τι", "Κανείς", "Η", "Δεύτερη", "Τρίτη"],
        "{sentences:?}"
    );
    // the ano teleia ends the sentence, as UD Greek GDT has it; so does the Greek question mark
    assert_eq!(sentences[1].last().unwrap(), "·");
    assert_eq!(sentences[3].last().unwrap(), ";");
}

#[test]
fn elisions_abbreviations_and_numbers_stay_whole() {
    let text = "Γι’ αυτό ο κ. Παπαδόπουλος είπε σ' εμάς ότι απ' το 2020 έως τις 24/11/2026 \
                πουλήθηκαν 1.000.000 τεμάχια, π.χ. στην Α.Ε. με 20,850 ευρώ και 28% κέρδος στις 15:30. \
                Ο Γ. Παπανδρέου έγραψε στο #εκλογές2026 και στο https://example.gr/arthro?id=5.";
    let dir = corpus(&[("e.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("e.txt")], &out, &[]);
    let tokens = table(&out, "tokens.csv");
    let texts = token_texts(&tokens, "e.txt");
    for whole in [
        "Γι’",
        "σ'",
        "απ'",
        "κ.",
        "π.χ.",
        "Α.Ε.",
        "24/11/2026",
        "1.000.000",
        "20,850",
        "28%",
        "15:30",
        "Γ.",
        "#εκλογές2026",
        "https://example.gr/arthro?id=5",
    ] {
        assert!(
            texts.iter().any(|t| t == whole),
            "{whole} not one token in {texts:?}"
        );
    }
    let sentences = sentences(&tokens, "e.txt");
    assert_eq!(sentences.len(), 2, "{sentences:?}");
}

#[test]
fn norm_folds_accents_case_polytonic_and_latin_lookalikes() {
    let text = "ΆΓΙΟΣ άγιος Αγιος ἅγιος. Η AΘHNA και η ΑΘΗΝΑ.";
    let dir = corpus(&[("n.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("n.txt")], &out, &[]);
    let tokens = table(&out, "tokens.csv");
    let norms: Vec<&str> = tokens.iter().map(|t| t["norm"].as_str()).collect();
    assert_eq!(&norms[..4], ["αγιος"; 4]);
    let latin = tokens.iter().find(|t| t["text"] == "AΘHNA").unwrap();
    assert_eq!(latin["norm"], "αθηνα");
    let greek = tokens.iter().find(|t| t["text"] == "ΑΘΗΝΑ").unwrap();
    assert_eq!(greek["stem"], latin["stem"]);
}

#[test]
fn stopwords_and_stems_fill_their_columns() {
    let text = "Οι εκλογές στην Ελλάδα και οι εκλογών αποτελέσματα.";
    let dir = corpus(&[("w.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("w.txt")], &out, &[]);
    let tokens = table(&out, "tokens.csv");
    let flag = |w: &str| tokens.iter().find(|t| t["text"] == w).unwrap()["stopword"].clone();
    assert_eq!(flag("Οι"), "true");
    assert_eq!(flag("στην"), "true");
    assert_eq!(flag("και"), "true");
    assert_eq!(flag("εκλογές"), "false");
    let terms = table(&out, "terms.csv");
    let elections = terms
        .iter()
        .find(|t| t["form"] == "εκλογες")
        .expect("a term for εκλογές");
    assert_eq!(elections["count"], "2");
    assert!(!terms.iter().any(|t| t["stem"] == "και"));
}

#[test]
fn stemmer_failures_fall_back_to_norm_without_noise() {
    let text = "Η λέξη ισαισα και το αντίθετε, ανεύρετε, ανυπέρθετε, εμπύρετε, παγαίνετε.";
    let dir = corpus(&[("p.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    let output = run_ok(&[&dir.path().join("p.txt")], &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("stemmer failure"), "{stderr}");
    let tokens = table(&out, "tokens.csv");
    let word = tokens.iter().find(|t| t["text"] == "ισαισα").unwrap();
    assert_eq!(word["stem"], "ισαισα");
}

#[test]
fn output_is_identical_with_one_and_two_threads() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..40 {
        let text = format!(
            "Ο Νίκος Παππάς επισκέφθηκε τη Λάρισα την ημέρα {i}. Η Τράπεζα της Ελλάδος ανακοίνωσε \
             ότι ο πληθωρισμός έπεσε στο {i},5%. Ο Παππάς δήλωσε ικανοποιημένος."
        );
        files.push((format!("d{i:02}.txt"), text.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_slice()))
        .collect();
    let dir = corpus(&refs);
    let outputs = tempfile::tempdir().unwrap();
    let (one, two) = (outputs.path().join("one"), outputs.path().join("two"));
    run_ok(&[dir.path()], &one, &["--threads", "1"]);
    run_ok(&[dir.path()], &two, &["--threads", "2"]);
    for table in TABLES {
        let a = std::fs::read(one.join(table)).unwrap();
        let b = std::fs::read(two.join(table)).unwrap();
        assert!(a == b, "{table} differs between 1 and 2 threads");
    }
}

#[test]
fn tables_have_the_documented_columns() {
    let dir = corpus(&[("a.txt", "Ο Γιάννης ζει στην Πάτρα.".as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("a.txt")], &out, &[]);
    let expect = [
        (
            "documents.csv",
            "doc_id,source,lang,lang_confidence,chars,sentences,tokens,entities,status,message",
        ),
        (
            "tokens.csv",
            "doc_id,sentence,token,start,end,text,norm,stem,stopword,iob,entity_type",
        ),
        (
            "entities.csv",
            "doc_id,sentence,start,end,text,type,canonical",
        ),
        (
            "entity_frequencies.csv",
            "canonical,type,mentions,documents,variants",
        ),
        (
            "cooccurrences.csv",
            "entity_a,type_a,entity_b,type_b,sentences,documents",
        ),
        ("terms.csv", "stem,form,count,documents"),
    ];
    for (name, columns) in expect {
        let header = header(&out, name).join(",");
        assert!(header.starts_with(columns), "{name}: {header}");
    }
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[0]["lang"], "ell");
    assert_eq!(documents[0]["status"], "ok");
}

#[test]
fn only_the_requested_tables_are_written() {
    let dir = corpus(&[("a.txt", "Ο Γιάννης ζει στην Πάτρα.".as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("a.txt")],
        &out,
        &["--tables", "documents,terms"],
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["documents.csv", "run.json", "terms.csv"]);
}

#[test]
fn stdin_is_one_document() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_elpipe"))
        .args(["run", "-", "--quiet", "--out"])
        .arg(&out)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Καλημέρα από τη Θεσσαλονίκη.".as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let documents = table(&out, "documents.csv");
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["status"], "ok");
    assert_eq!(documents[0]["tokens"], "5");
}

#[test]
fn a_long_document_is_numbered_as_one_document() {
    let paragraph = "Ο δήμαρχος της Πάτρας μίλησε για το λιμάνι. Τι θα γίνει με τη χρηματοδότηση; \
                     Η απάντηση ήρθε από το υπουργείο.\n\n";
    let text = paragraph.repeat(12_000); // about 2.7 MB: several segments
    let dir = corpus(&[("long.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("long.txt")],
        &out,
        &["--tables", "documents,tokens"],
    );
    let documents = table(&out, "documents.csv");
    let tokens = table(&out, "tokens.csv");
    assert_eq!(documents[0]["tokens"], tokens.len().to_string());
    assert_eq!(documents[0]["sentences"], "36000");
    assert_eq!(documents[0]["chars"], text.chars().count().to_string());
    let chars: Vec<char> = text.chars().collect();
    let mut previous_sentence = 0;
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(t["token"], i.to_string());
        let sentence: usize = t["sentence"].parse().unwrap();
        assert!(sentence == previous_sentence || sentence == previous_sentence + 1);
        previous_sentence = sentence;
        let (start, end): (usize, usize) = (t["start"].parse().unwrap(), t["end"].parse().unwrap());
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(slice, t["text"]);
    }
}

#[test]
fn no_tagging_writes_every_table_without_entities() {
    let dir = corpus(&[("a.txt", "Ο Γιάννης ζει στην Πάτρα.".as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("a.txt")], &out, &["--no-tagging"]);
    let tokens = table(&out, "tokens.csv");
    assert_eq!(tokens.len(), 6);
    assert!(tokens
        .iter()
        .all(|t| t["iob"] == "O" && t["entity_type"].is_empty()));
    assert!(table(&out, "entities.csv").is_empty());
    assert!(!table(&out, "terms.csv").is_empty());
}
