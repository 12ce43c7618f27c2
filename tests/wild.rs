//! Greek text from the wild (issues 10 and 17, text-level kinds): elision marks, sigma before
//! them, stems, hyphens, language of mixed text, line-end hyphenation, PDF symbol look-alikes,
//! HTML character references, dotted acronyms, the keraia, Greek-script addresses and
//! combining forms. Each kind has the example with its exact value and inputs of our own.
//! Every test runs the binary on documents it writes and reads the tables back.

mod common;

use common::{run_ok, table, Row};

/// Runs the binary on the given documents and returns the folder of tables.
fn tables(docs: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (i, text) in docs.iter().enumerate() {
        std::fs::write(input.join(format!("d{i:02}.txt")), text).unwrap();
    }
    let out = dir.path().join("out");
    run_ok(&[&input], &out, &[]);
    (dir, out)
}

fn tokens(out: &std::path::Path) -> Vec<Row> {
    table(out, "tokens.csv")
}

/// The token row whose text is `text` (the first one).
fn token<'a>(rows: &'a [Row], text: &str) -> &'a Row {
    rows.iter().find(|r| r["text"] == text).unwrap_or_else(|| {
        let all: Vec<&str> = rows.iter().map(|r| r["text"].as_str()).collect();
        panic!("no token {text:?} in {all:?}")
    })
}

fn texts(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r["text"].as_str()).collect()
}

fn span(row: &Row) -> (usize, usize) {
    (row["start"].parse().unwrap(), row["end"].parse().unwrap())
}

fn terms(out: &std::path::Path) -> Vec<Row> {
    table(out, "terms.csv")
}

// 10.1 Elision marks -------------------------------------------------------------------------

#[test]
fn koronis_is_an_elision_mark_example() {
    let (_d, out) = tables(&["Φύγαμε απ\u{1FBD} το χωριό."]);
    let rows = tokens(&out);
    let apo = token(&rows, "απ\u{1FBD}");
    assert_eq!(span(apo), (7, 10));
    assert_eq!(apo["kind"], "word");
    assert_eq!(apo["stopword"], "true");
    assert!(!texts(&rows).contains(&"\u{1FBD}"));
    assert!(!terms(&out).iter().any(|r| r["stem"] == "απ"));
}

#[test]
fn every_elision_mark_behaves_the_same() {
    for mark in ['\'', '\u{2019}', '\u{02BC}', '\u{1FBD}', '\u{1FBF}'] {
        let text = format!("Μου το είπε γι{mark} αυτό κι έφυγε σ{mark} ένα λεπτό.");
        let (_d, out) = tables(&[&text]);
        let rows = tokens(&out);
        for word in ["γι", "σ"] {
            let t = token(&rows, &format!("{word}{mark}"));
            assert_eq!(t["kind"], "word", "{mark:?}");
            assert_eq!(t["stopword"], "true", "{word}{mark}");
            assert_eq!(t["norm"], format!("{word}{mark}"));
        }
        assert!(
            !texts(&rows).contains(&mark.to_string().as_str()),
            "{mark:?}"
        );
        assert!(!terms(&out)
            .iter()
            .any(|r| r["stem"] == "γι" || r["stem"] == "σ"));
    }
}

#[test]
fn psili_after_a_longer_elided_word() {
    let (_d, out) = tables(&["Ήρθε κατ\u{1FBF} ευθείαν από την Πάτρα μετ\u{1FBF} εμποδίων."]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "κατ\u{1FBF}")["kind"], "word");
    assert_eq!(token(&rows, "μετ\u{1FBF}")["stopword"], "true");
    assert_eq!(span(token(&rows, "κατ\u{1FBF}")), (5, 9));
}

// 10.2 Sigma before an elision mark ----------------------------------------------------------

#[test]
fn sigma_before_an_elision_mark_is_not_final_example() {
    let (_d, out) = tables(&["σ' αγαπώ", "Σ’ ΕΥΧΑΡΙΣΤΩ"]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "σ'")["norm"], "σ'");
    assert_eq!(token(&rows, "Σ’")["norm"], "σ’");
}

#[test]
fn sigma_before_other_marks_is_not_final() {
    let (_d, out) = tables(&["Σ\u{02BC} ακούω καλά και σ\u{1FBD} ευχαριστώ, Σ΄ αυτό το σπίτι."]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "Σ\u{02BC}")["norm"], "σ\u{02BC}");
    assert_eq!(token(&rows, "σ\u{1FBD}")["norm"], "σ\u{1FBD}");
    assert_eq!(token(&rows, "Σ΄")["norm"], "σ΄");
    for t in ["Σ\u{02BC}", "σ\u{1FBD}", "Σ΄"] {
        assert_eq!(token(&rows, t)["stopword"], "true", "{t}");
    }
    // a word's own final sigma stays final
    assert_eq!(token(&rows, "σπίτι")["norm"], "σπιτι");
}

// 10.3 No empty stems ------------------------------------------------------------------------

#[test]
fn no_empty_stems_example() {
    let (_d, out) = tables(&["Ζητούν ίσα δικαιώματα.", "Οι εστέρες διασπώνται."]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "ίσα")["stem"], "ισ");
    assert!(!token(&rows, "εστέρες")["stem"].is_empty());
    assert!(terms(&out).iter().all(|r| !r["stem"].is_empty()));
}

#[test]
fn every_word_token_has_a_stem() {
    let (_d, out) = tables(&[
        "Τα ίσα και τα άνισα, οι εστέρες, η ΙΣΑ και ο εία \u{301} ά\u{301} μένουν.",
        "Αιεί εια ω ε, ΕΑ και ια ι.",
    ]);
    for r in tokens(&out).iter().filter(|r| r["kind"] == "word") {
        assert!(!r["stem"].is_empty(), "{r:?}");
    }
    assert!(terms(&out).iter().all(|r| !r["stem"].is_empty()));
}

// 10.12 Language of Greek text with Latin words ----------------------------------------------

fn language(text: &str) -> (String, f64) {
    let (_d, out) = tables(&[text]);
    let doc = &table(&out, "documents.csv")[0];
    (doc["lang"].clone(), doc["lang_confidence"].parse().unwrap())
}

#[test]
fn greek_text_with_latin_names_is_greek_example() {
    let (lang, confidence) = language(
        "Η Microsoft και η OpenAI ανακοίνωσαν νέα συνεργασία με τη Vodafone για το Azure και το \
         ChatGPT Enterprise.",
    );
    assert_eq!(lang, "ell");
    assert!(confidence > 0.5 && confidence < 1.0, "{confidence}");
}

#[test]
fn greek_text_with_brand_names_and_greeklish_lines() {
    let (lang, _) =
        language("Η Apple και η Samsung παρουσίασαν στο Las Vegas τα νέα iPhone και Galaxy.");
    assert_eq!(lang, "ell");
    let (lang, confidence) = language(
        "Ευχαριστώ πολύ για την πρόσκληση!\nEfxaristo poly gia tin prosklisi, tha erthoume \
         kai oi dyo me to aftokinito.",
    );
    assert_eq!(lang, "ell");
    assert!(confidence > 0.3 && confidence <= 1.0, "{confidence}");
    // English with one Greek name stays English
    let (lang, _) = language(
        "The minister Γιώργος Παπαδάκης met the delegation in Brussels and discussed the budget.",
    );
    assert_eq!(lang, "eng");
}

// 17.7 Greek-script e-mail addresses and domains ---------------------------------------------

#[test]
fn greek_script_addresses_example() {
    let (_d, out) = tables(&["Γράψτε στο info@εφημερίδα.gr ή δείτε το www.ειδήσεις.gr σήμερα."]);
    let rows = tokens(&out);
    let email = token(&rows, "info@εφημερίδα.gr");
    assert_eq!((span(email), email["kind"].as_str()), ((11, 28), "email"));
    let url = token(&rows, "www.ειδήσεις.gr");
    assert_eq!((span(url), url["kind"].as_str()), ((40, 55), "url"));
    assert!(!rows.iter().any(|r| r["kind"] == "mention"));
    assert!(!terms(&out).iter().any(|r| r["stem"] == "gr"));
}

#[test]
fn more_greek_script_addresses() {
    let (_d, out) = tables(&[
        "Επικοινωνία: γραμματεία@δήμος-πάτρας.gr και τύπος@υπουργείο.ελ, ή στο σάιτ \
         δήμος-πάτρας.gr και στο https://υπουργείο.ελ/ανακοινώσεις.",
    ]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "γραμματεία@δήμος-πάτρας.gr")["kind"], "email");
    assert_eq!(token(&rows, "τύπος@υπουργείο.ελ")["kind"], "email");
    assert_eq!(token(&rows, "δήμος-πάτρας.gr")["kind"], "url");
    assert_eq!(
        token(&rows, "https://υπουργείο.ελ/ανακοινώσεις")["kind"],
        "url"
    );
    assert!(!rows.iter().any(|r| r["kind"] == "mention"));
}

// 17.11 A leading byte-order mark ------------------------------------------------------------

#[test]
fn bom_offsets_are_documented() {
    let help = common::elpipe(&["run", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("byte-order mark"), "{help}");
    assert!(help.contains("utf-8-sig"), "{help}");
    let readme = include_str!("../README.md");
    assert!(readme.contains("utf-8-sig"));
    // and the offsets do count from after the mark
    let (_d, out) = tables(&["\u{FEFF}Η Αθήνα."]);
    assert_eq!(span(token(&tokens(&out), "Αθήνα")), (2, 7));
}
