//! Greek text from the wild (issues 10 and 17, text-level kinds): elision marks, sigma before
//! them, stems, hyphens, language of mixed text, line-end hyphenation, PDF symbol look-alikes,
//! HTML character references, dotted acronyms, the keraia, Greek-script addresses and
//! combining forms. Each kind has the example with its exact value and inputs of our own.
//! Every test runs the binary on documents it writes and reads the tables back.

mod common;

use common::{table, txt_tables as tables, Row};

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

// 10.4 Plurals in -άδες/-άδων share the singular's stem -------------------------------------

#[test]
fn plurals_in_ades_share_the_singulars_stem_example() {
    let (_d, out) = tables(&["Ο ψαράς και οι ψαράδες."]);
    let rows = tokens(&out);
    assert_eq!(
        token(&rows, "ψαράς")["stem"],
        token(&rows, "ψαράδες")["stem"]
    );
    let terms = terms(&out);
    let row = terms
        .iter()
        .find(|r| r["stem"] == token(&rows, "ψαράς")["stem"])
        .unwrap();
    assert_eq!(row["count"], "2");
}

#[test]
fn plurals_in_ades_and_adon_of_other_masculines() {
    let (_d, out) = tables(&[
        "Ο παπάς της ενορίας μίλησε με τους παπάδες του νησιού.",
        "Η ένωση των γαλατάδων και ο γαλατάς του χωριού. Ο βοριάς και οι βοριάδες.",
    ]);
    let rows = tokens(&out);
    for (singular, plural) in [
        ("παπάς", "παπάδες"),
        ("γαλατάς", "γαλατάδων"),
        ("βοριάς", "βοριάδες"),
    ] {
        assert_eq!(
            token(&rows, singular)["stem"],
            token(&rows, plural)["stem"],
            "{plural}"
        );
    }
}

#[test]
fn plurals_in_ades_of_feminines_keep_their_own_stem() {
    let (_d, out) = tables(&["Η ομάδα και οι ομάδες. Μια εβδομάδα, δύο εβδομάδες."]);
    let rows = tokens(&out);
    assert_eq!(
        token(&rows, "ομάδα")["stem"],
        token(&rows, "ομάδες")["stem"]
    );
    assert_eq!(
        token(&rows, "εβδομάδα")["stem"],
        token(&rows, "εβδομάδες")["stem"]
    );
}

#[test]
fn plurals_in_ades_of_feminines_in_a_share_the_nominatives_stem() {
    // «γιαγιά» is a feminine in -ά: its plural stems as «γιαγιά», not as the genitive «γιαγιάς»
    let (_d, out) = tables(&["Η γιαγιά μου και οι γιαγιάδες του χωριού. Η μανά και οι μανάδες."]);
    let rows = tokens(&out);
    assert_eq!(
        token(&rows, "γιαγιά")["stem"],
        token(&rows, "γιαγιάδες")["stem"]
    );
    assert_eq!(
        token(&rows, "μανά")["stem"],
        token(&rows, "μανάδες")["stem"]
    );
    let terms = table(&out, "terms.csv");
    let grandmothers = terms
        .iter()
        .find(|t| t["stem"] == token(&rows, "γιαγιά")["stem"])
        .unwrap();
    assert_eq!(grandmothers["count"], "2");
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
    // a headline's English label and the names in a Greek sentence
    let (lang, confidence) = language("Breaking News: Ο Elon Musk και η Tesla.");
    assert_eq!(lang, "ell");
    assert!(confidence > 0.5 && confidence < 1.0, "{confidence}");
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

// 17.2 Symbol look-alikes from PDFs ----------------------------------------------------------

#[test]
fn pdf_symbol_lookalikes_are_greek_letters_example() {
    let (_d, out) = tables(&[
        "Ο ∆ημήτρης Καμπάνης μίλησε στη Λεµεσό.",
        "Ο Δημήτρης Καμπάνης μίλησε χθες στη Λεμεσό.",
    ]);
    let rows = tokens(&out);
    assert!(rows
        .iter()
        .all(|r| !r["norm"].contains(['\u{00B5}', '\u{2206}'])));
    assert_eq!(token(&rows, "∆ημήτρης")["norm"], "δημητρης");
    assert_eq!(token(&rows, "∆ημήτρης")["kind"], "word");
    assert_eq!(token(&rows, "Λεµεσό")["norm"], "λεμεσο");
    assert_eq!(
        token(&rows, "Λεµεσό")["stem"],
        token(&rows, "Λεμεσό")["stem"]
    );
}

#[test]
fn other_symbol_forms_inside_greek_words() {
    let (_d, out) = tables(&["Η ϐιβλιοθήκη του ϑεάτρου και ο ∑ύλλογος, 5 µm και 3 µg."]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "ϐιβλιοθήκη")["norm"], "βιβλιοθηκη");
    assert_eq!(token(&rows, "ϑεάτρου")["norm"], "θεατρου");
    assert_eq!(token(&rows, "∑ύλλογος")["norm"], "συλλογος");
    // a unit in Latin letters keeps its micro sign
    assert_eq!(token(&rows, "µm")["norm"], "µm");
}

/// The entity frequency row whose canonical is `canonical`.
fn frequency(out: &std::path::Path, canonical: &str) -> Row {
    let rows = table(out, "entity_frequencies.csv");
    rows.into_iter()
        .find(|r| r["canonical"] == canonical)
        .unwrap_or_else(|| panic!("no entity_frequencies row {canonical:?}"))
}

#[test]
fn pdf_symbol_lookalikes_name_the_same_entities_example() {
    let (_d, out) = tables(&[
        "Ο ∆ημήτρης Καμπάνης μίλησε στη Λεµεσό.",
        "Ο Δημήτρης Καμπάνης μίλησε χθες στη Λεμεσό.",
    ]);
    let person = frequency(&out, "Δημήτρης Καμπάνης");
    assert_eq!((&*person["type"], &*person["mentions"]), ("PERSON", "2"));
    let place = frequency(&out, "Λεμεσός");
    assert_eq!((&*place["type"], &*place["mentions"]), ("LOC", "2"));
}

#[test]
fn a_first_name_opening_with_a_pdf_symbol_is_part_of_the_name() {
    // The tagger reads «∆ανάη» as «Δανάη»: the mention spans both names, and its text column
    // keeps the symbol as read.
    let (_d, out) = tables(&[
        "Η ∆ανάη Ρουσάκη βρέθηκε στην Κεφαλονιά. Η Δανάη Ρουσάκη επέστρεψε χθες.",
        "Ο Θανάσης Μαυρίδης ξεκίνησε από τη Λεµεσό και ο ∆ανιήλ Κοντός από τη Λάρισα.",
    ]);
    let entities = table(&out, "entities.csv");
    let first = entities
        .iter()
        .find(|r| r["doc_id"] == "d00.txt" && r["start"] == "2")
        .expect("a mention at the first name");
    assert_eq!((&*first["text"], &*first["end"]), ("∆ανάη Ρουσάκη", "15"));
    assert_eq!(first["canonical"], "Δανάη Ρουσάκη");
    assert_eq!(frequency(&out, "Δανάη Ρουσάκη")["mentions"], "2");
    let daniel = entities
        .iter()
        .find(|r| r["text"].contains("Κοντός"))
        .expect("a mention of Κοντός");
    assert_eq!(daniel["text"], "∆ανιήλ Κοντός");
    assert_eq!(daniel["type"], "PERSON");
}

// 17.4 Dotted acronyms -----------------------------------------------------------------------

#[test]
fn dotted_acronyms_are_the_undotted_ones_example() {
    let (_d, out) = tables(&[
        "Η Ν.Δ. κέρδισε τις εκλογές. Η ΝΔ ανακοίνωσε το ψηφοδέλτιο.\nΤο Κ.Κ.Ε. και το ΚΚΕ \
         διαφώνησαν. Το ΠΑ.ΣΟ.Κ. και το ΠΑΣΟΚ συμφώνησαν.",
    ]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "Ν.Δ.")["norm"], token(&rows, "ΝΔ")["norm"]);
    assert_eq!(token(&rows, "Κ.Κ.Ε.")["norm"], "κκε");
    let pasok = token(&rows, "ΠΑ.ΣΟ.Κ.");
    assert_eq!(pasok["norm"], "πασοκ");
    assert_eq!(span(pasok), (95, 103));
    let entities = table(&out, "entities.csv");
    let tagged = entities
        .iter()
        .find(|e| e["start"] == "95")
        .unwrap_or_else(|| panic!("ΠΑ.ΣΟ.Κ. is not tagged: {entities:?}"));
    assert_eq!(
        (tagged["text"].as_str(), tagged["tagged_type"].as_str()),
        ("ΠΑ.ΣΟ.Κ.", "ORG")
    );
}

#[test]
fn more_dotted_acronyms() {
    let (_d, out) =
        tables(&["Ο Ο.Α.Σ.Α. και ο ΟΑΣΑ, η Δ.Ε.Η. και η ΔΕΗ, ο Σ.Υ.Ρ.Ι.Ζ.Α. και ο ΣΥΡΙΖΑ."]);
    let rows = tokens(&out);
    for (dotted, plain) in [
        ("Ο.Α.Σ.Α.", "ΟΑΣΑ"),
        ("Δ.Ε.Η.", "ΔΕΗ"),
        ("Σ.Υ.Ρ.Ι.Ζ.Α.", "ΣΥΡΙΖΑ"),
    ] {
        assert_eq!(
            token(&rows, dotted)["norm"],
            token(&rows, plain)["norm"],
            "{dotted}"
        );
        assert_eq!(
            token(&rows, dotted)["stem"],
            token(&rows, plain)["stem"],
            "{dotted}"
        );
    }
    // lowercase abbreviations keep their dots
    let (_d, out) = tables(&["Ήρθαν π.χ. όλοι."]);
    assert_eq!(token(&tokens(&out), "π.χ.")["norm"], "π.χ.");
}

// 17.6 The Greek numeral sign ----------------------------------------------------------------

#[test]
fn keraia_is_one_mark_never_an_elision_example() {
    let (_d, out) = tables(&[
        "Η ΣΤ΄ τάξη και η Α΄ τάξη, το ΙΒ΄ κεφάλαιο.",
        "Ο Παύλος Α΄ επισκέφθηκε την Κέρκυρα.",
        "Ο Παύλος Αʹ επισκέφθηκε την Πάτρα.",
        "Ο Παύλος Α' επισκέφθηκε τη Λάρισα.",
    ]);
    let rows = tokens(&out);
    let st = token(&rows, "ΣΤ΄");
    assert_eq!(st["norm"], "στʹ");
    assert_eq!(st["stopword"], "false");
    assert_eq!(token(&rows, "ΙΒ΄")["norm"], "ιβʹ");
    let norms: Vec<&str> = ["Α΄", "Αʹ", "Α'"]
        .iter()
        .map(|t| token(&rows, t)["norm"].as_str())
        .collect();
    assert_eq!(norms, ["αʹ", "αʹ", "αʹ"]);
}

#[test]
fn numeral_signs_in_every_spelling() {
    let (_d, out) =
        tables(&["Ο Κωνσταντίνος ΙΒ\u{0374} και ο Λέων ΣΤ’ και η Β' Παγκόσμιος, το κεφάλαιο ιγ΄."]);
    let rows = tokens(&out);
    assert_eq!(
        rows.iter().find(|r| r["text"].starts_with("ΙΒ")).unwrap()["norm"],
        "ιβʹ"
    );
    assert_eq!(token(&rows, "ΣΤ’")["norm"], "στʹ");
    assert_eq!(token(&rows, "Β'")["norm"], "βʹ");
    assert_eq!(token(&rows, "ιγ΄")["norm"], "ιγʹ");
    for t in ["ΣΤ’", "Β'", "ιγ΄"] {
        assert_eq!(token(&rows, t)["stopword"], "false", "{t}");
    }
    // an elided «σε» is no numeral 200
    let (_d, out) = tables(&["Σ’ ΕΥΧΑΡΙΣΤΩ ΠΟΛΥ"]);
    assert_eq!(token(&tokens(&out), "Σ’")["stopword"], "true");
}

// 17.8 Hyphenated and closed compounds -------------------------------------------------------

#[test]
fn combining_forms_join_example() {
    let (_d, out) = tables(&[
        "Οι ελληνο-τουρκικές σχέσεις και οι ελληνοτουρκικές συνομιλίες.",
        "Το Ελληνο-Αμερικανικό Επιμελητήριο και το Ελληνοαμερικανικό Επιμελητήριο.",
    ]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "ελληνο-τουρκικές")["norm"], "ελληνοτουρκικες");
    assert_eq!(
        token(&rows, "ελληνο-τουρκικές")["stem"],
        token(&rows, "ελληνοτουρκικές")["stem"]
    );
    assert_eq!(
        token(&rows, "Ελληνο-Αμερικανικό")["norm"],
        token(&rows, "Ελληνοαμερικανικό")["norm"]
    );
}

#[test]
fn combining_forms_but_never_two_names() {
    let (_d, out) = tables(&[
        "Η ρωσο-ουκρανική σύγκρουση, η ευρω-ατλαντική συμμαχία και η ΑΓΓΛΟ-ΓΑΛΛΙΚΗ συμφωνία. \
         Ο δρόμος Ρίο-Αντίρριο και το Κόκκινο-Μαύρο.",
    ]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "ρωσο-ουκρανική")["norm"], "ρωσοουκρανικη");
    assert_eq!(token(&rows, "ευρω-ατλαντική")["norm"], "ευρωατλαντικη");
    assert_eq!(token(&rows, "ΑΓΓΛΟ-ΓΑΛΛΙΚΗ")["norm"], "αγγλογαλλικη");
    assert!(rows
        .iter()
        .any(|r| r["norm"].contains("ριο-") || r["norm"] == "ριο"));
    assert!(!rows.iter().any(|r| r["norm"] == "κοκκινομαυρο"));
}

// Held-out kinds, our own inputs -------------------------------------------------------------

#[test]
fn a_numeral_sign_before_a_full_stop_is_no_initial() {
    // 17.6: «Βʹ.» ends the sentence; the dot is its own token
    let (_d, out) = tables(&["Ο Γεώργιος Β\u{0374}. Μετά ήρθε ο Παύλος Α\u{02B9}. Τέλος."]);
    let rows = tokens(&out);
    let numeral = rows.iter().find(|r| r["text"].starts_with('Β')).unwrap();
    assert_eq!(numeral["norm"], "βʹ");
    assert_eq!(span(numeral), (11, 13));
    let sentences: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["sentence"].as_str()).collect();
    assert_eq!(sentences.len(), 3, "{:?}", texts(&rows));
}

#[test]
fn a_dotted_acronym_without_its_last_dot_is_the_same_acronym() {
    // 17.4: «Ν.Δ» and «Η.Π.Α» typed without the last dot
    let (_d, out) = tables(&["Η Ν.Δ και η ΝΔ, οι Η.Π.Α και οι ΗΠΑ, η Ν.Δ. ξανά."]);
    let rows = tokens(&out);
    assert_eq!(token(&rows, "Ν.Δ")["norm"], "νδ");
    assert_eq!(token(&rows, "Ν.Δ.")["norm"], "νδ");
    assert_eq!(token(&rows, "Η.Π.Α")["norm"], token(&rows, "ΗΠΑ")["norm"]);
}

#[test]
fn a_dotted_and_an_undotted_acronym_are_one_row_under_the_undotted_spelling() {
    let (_d, out) = tables(&[
        "Ο ΣΥ.ΡΙΖ.Α. και ο ΣΥΡΙΖΑ.",
        "Η Γ.Σ.Ε.Ε. κήρυξε απεργία. Η ΓΣΕΕ ζητά αυξήσεις.",
    ]);
    let syriza = frequency(&out, "ΣΥΡΙΖΑ");
    assert_eq!(syriza["mentions"], "2");
    assert_eq!(syriza["variants"], "ΣΥ.ΡΙΖ.Α.|ΣΥΡΙΖΑ");
    assert_eq!(frequency(&out, "ΓΣΕΕ")["mentions"], "2");
}

#[test]
fn more_combining_forms_and_the_closed_compound_as_canonical() {
    // 17.8
    let (_d, out) = tables(&[
        "Οι ιρανο-αμερικανικές σχέσεις και οι ιρανοαμερικανικές συνομιλίες.",
        "Η Αυστρο-Ουγγρική αυτοκρατορία.",
        "Το Ελληνο-Γερμανικό Επιμελητήριο και το Ελληνογερμανικό Επιμελητήριο.",
    ]);
    let rows = tokens(&out);
    assert_eq!(
        token(&rows, "ιρανο-αμερικανικές")["stem"],
        token(&rows, "ιρανοαμερικανικές")["stem"]
    );
    assert_eq!(token(&rows, "Αυστρο-Ουγγρική")["norm"], "αυστροουγγρικη");
    assert_eq!(
        frequency(&out, "Ελληνογερμανικό Επιμελητήριο")["mentions"],
        "2"
    );
}

#[test]
fn variants_write_latin_look_alikes_and_pdf_symbols_as_greek_letters() {
    // 10.7: `variants` carries names too
    let (_d, out) = tables(&["Η ΕΛΛAΔA και η Ελλάδα.", "Η ΕΛΛΑΔΑ νίκησε."]);
    let greece = frequency(&out, "Ελλάδα");
    assert!(
        greece["variants"]
            .split('|')
            .all(|v| !v.chars().any(|c| c.is_ascii_alphabetic())),
        "{greece:?}"
    );
}

#[test]
fn elided_function_words_of_speech_are_stopwords() {
    // 10.1: «κ'» (και), «π'» (που, πω), «όλ'» (όλα) with any elision mark
    let (_d, out) = tables(&["Κ\u{0384} εγώ, π\u{2019} ακούς, όλ\u{1FBD} αυτά."]);
    let rows = tokens(&out);
    for t in ["Κ\u{0384}", "π\u{2019}", "όλ\u{1FBD}"] {
        assert_eq!(token(&rows, t)["stopword"], "true", "{t}");
    }
    assert!(!terms(&out)
        .iter()
        .any(|r| r["stem"] == "ολ" || r["stem"] == "π"));
}
