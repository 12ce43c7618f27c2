//! Canonical names from Greek text as it comes from the wild (issues 10 and 17): each test runs
//! the binary on documents written for it and checks `entities.csv` and
//! `entity_frequencies.csv`. Offsets are code points, end exclusive.

mod common;

use common::{entity_tables, Row};

/// Runs `elpipe run` on `docs` (one `.txt` file each, in order) and returns the rows of
/// `entities.csv` and `entity_frequencies.csv`.
fn run(docs: &[&str]) -> (Vec<Row>, Vec<Row>) {
    entity_tables(docs, "entities,entity_frequencies,cooccurrences")
}

/// The canonical names of the mentions, in order.
fn canonicals(entities: &[Row]) -> Vec<&str> {
    entities.iter().map(|e| e["canonical"].as_str()).collect()
}

/// The `entity_frequencies.csv` row of `canonical`, if any.
fn row<'a>(frequencies: &'a [Row], canonical: &str) -> Option<&'a Row> {
    frequencies.iter().find(|r| r["canonical"] == canonical)
}

/// Asserts `canonical` has one row with `mentions` mentions and type `kind`.
fn assert_entity(frequencies: &[Row], canonical: &str, kind: &str, mentions: &str) {
    let r = row(frequencies, canonical)
        .unwrap_or_else(|| panic!("no row «{canonical}» in {frequencies:#?}"));
    assert_eq!(
        (r["type"].as_str(), r["mentions"].as_str()),
        (kind, mentions),
        "{r:?}"
    );
}

// 10.8 A canonical never invents a spelling.

#[test]
fn an_unaccented_name_is_not_given_an_accent_and_an_ending() {
    let (entities, _) = run(&["Η εταιρεία Αλφα Α.Ε. ανακοίνωσε κέρδη."]);
    assert_eq!(canonicals(&entities), ["Αλφα Α.Ε."]);
}

#[test]
fn unaccented_names_stay_as_written_without_an_article() {
    let (entities, _) = run(&["Η ομάδα Ρετσινα Α.Ε. και η Νταλιανη Α.Ε. συμφώνησαν χθες."]);
    for e in &entities {
        assert!(
            !e["canonical"].contains('ά') && !e["canonical"].contains('ή'),
            "{e:?}"
        );
    }
}

#[test]
fn a_properly_accented_corpus_spelling_wins() {
    let (entities, frequencies) = run(&[
        "Η εταιρεία Κουλουρα Α.Ε. ανακοίνωσε νέα προϊόντα.",
        "Η Κουλούρα Α.Ε. ανακοίνωσε κέρδη. Η Κουλούρα Α.Ε. επεκτείνεται στη Λάρισα.",
    ]);
    assert!(
        entities
            .iter()
            .filter(|e| e["text"].starts_with("Κουλ"))
            .all(|e| e["canonical"] == "Κουλούρα Α.Ε."),
        "{entities:#?}"
    );
    assert_eq!(row(&frequencies, "Κουλούρα Α.Ε.").unwrap()["mentions"], "3");
}

// 10.9 Plural names stay plural.

#[test]
fn a_plural_place_after_a_plural_article_stays_plural() {
    let (entities, _) = run(&["Η ταινία προβλήθηκε στις Κάννες."]);
    assert_eq!(canonicals(&entities), ["Κάννες"]);
}

#[test]
fn plural_places_keep_their_plural_form() {
    let (entities, _) =
        run(&["Οι διακοπές τους ήταν στις Σπέτσες και μετά στις Σέρρες, όπου έμειναν δύο ημέρες."]);
    let names = canonicals(&entities);
    assert!(names.contains(&"Σπέτσες"), "{names:?}");
    assert!(names.contains(&"Σέρρες"), "{names:?}");
}

// 10.10 Learned adjectives decline with their head.

#[test]
fn a_learned_adjective_declines_with_its_head() {
    let (entities, _) =
        run(&["Ο πρύτανης του Αριστοτελείου Πανεπιστημίου Θεσσαλονίκης μίλησε στους φοιτητές."]);
    assert_eq!(
        canonicals(&entities),
        ["Αριστοτέλειο Πανεπιστήμιο Θεσσαλονίκης"]
    );
}

#[test]
fn learned_adjectives_in_eios_agree_in_every_case() {
    let (entities, _) = run(&[
        "Μιλήσαμε με φοιτητές του Παντείου Πανεπιστημίου.",
        "Η σύγκλητος του Χαροκοπείου Πανεπιστημίου συνεδρίασε.",
    ]);
    let names = canonicals(&entities);
    assert!(names.contains(&"Πάντειο Πανεπιστήμιο"), "{names:?}");
    assert!(names.contains(&"Χαροκόπειο Πανεπιστήμιο"), "{names:?}");
}

// 17.10 Type votes prefer the specific type: the tie order is tested on `TypeVotes` itself
// (src/tables/entities.rs), since which types the tagger gives a document's mentions changes
// with every retrained model.

// 17.9 Capitals never win.

#[test]
fn a_headline_in_capitals_joins_the_mixed_case_name() {
    let (_, frequencies) =
        run(&["Ο ΆΡΗΣ ΝΙΚΗΣΕ ΞΑΝΑ\nΟ Άρης κέρδισε τον Ολυμπιακό στη Θεσσαλονίκη."]);
    // whatever type the tagger gives the club, both mentions are one row «Άρης»
    let r = row(&frequencies, "Άρης").expect("a row «Άρης»");
    assert_eq!(r["mentions"], "2", "{r:?}");
    assert!(row(&frequencies, "ΆΡΗΣ").is_none(), "{frequencies:#?}");
}

#[test]
fn a_declined_place_in_capitals_joins_its_nominative() {
    let (entities, frequencies) =
        run(&["ΠΕΡΙΠΑΤΟΣ ΣΤΗΝ ΉΠΕΙΡΟ\nΗ Ήπειρος έχει πολλά χωριά. Στην Ήπειρο πήγαμε."]);
    assert!(
        entities.iter().all(|e| e["canonical"] == "Ήπειρος"),
        "{entities:#?}"
    );
    assert_entity(&frequencies, "Ήπειρος", "LOC", "3");
}

#[test]
fn capitals_without_tonos_in_another_document_join_too() {
    let (_, frequencies) = run(&[
        "ΝΕΑ ΕΚΔΡΟΜΗ ΣΤΗΝ ΚΕΡΚΥΡΑ",
        "Η Κέρκυρα υποδέχθηκε χιλιάδες επισκέπτες. Η Κέρκυρα είναι νησί.",
    ]);
    assert!(
        frequencies
            .iter()
            .all(|r| !r["canonical"].starts_with("ΚΕΡΚΥΡ")),
        "{frequencies:#?}"
    );
}

// 10.7 Canonical names are clean keys.

/// True when `s` is in NFC (composing it changes nothing).
fn is_nfc(s: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect::<String>() == s
}

#[test]
fn an_nfd_input_gives_nfc_canonical_names() {
    use unicode_normalization::UnicodeNormalization;
    let text: String = "Ο Νίκος πήγε στη Λάρισα.".nfd().collect();
    let (entities, frequencies) = run(&[&text]);
    assert!(canonicals(&entities).contains(&"Λάρισα"), "{entities:#?}");
    for r in &frequencies {
        assert!(is_nfc(&r["canonical"]) && is_nfc(&r["variants"]), "{r:?}");
    }
}

#[test]
fn a_soft_hyphen_or_zero_width_space_makes_no_second_name() {
    let (_, frequencies) = run(&["Στην Κο\u{00AD}ζάνη και στην Κοζάνη έβρεξε."]);
    assert_entity(&frequencies, "Κοζάνη", "LOC", "2");
    assert_eq!(row(&frequencies, "Κοζάνη").unwrap()["variants"], "Κοζάνη");
    let (entities, _) = run(&["Ο Νίκος πήγε στη Λάρι\u{200B}σα χθες."]);
    for e in &entities {
        assert!(!e["canonical"].contains('\u{200B}'), "{e:?}");
    }
}

#[test]
fn latin_look_alikes_in_a_greek_name_are_written_in_greek_letters() {
    let (entities, _) = run(&["Ο δήμαρχος της AΘHNAΣ μίλησε στην Αθήνα."]);
    for e in &entities {
        assert!(
            !e["canonical"].chars().any(|c| c.is_ascii_alphabetic()),
            "{e:?}"
        );
    }
}

#[test]
fn variants_list_no_two_spellings_equal_after_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let decomposed: String = "Η Λάρισα".nfd().collect();
    let (_, frequencies) = run(&[&format!("{decomposed} μεγαλώνει. Η Λάρισα έχει ποτάμι.")]);
    let r = row(&frequencies, "Λάρισα").expect("one Λάρισα row");
    assert_eq!(r["variants"], "Λάρισα");
    assert_eq!(r["mentions"], "2");
}

// 17.5 Vocatives and forms of address.

#[test]
fn addressed_people_are_persons_in_the_nominative_example() {
    let (entities, frequencies) = run(&[
        "Ο Ευάγγελος Σταμάτης και ο Νικόλαος Παπαδόπουλος μίλησαν στη Βουλή.\n\
         Ευχαριστώ, κύριε Σταμάτη, για την απάντηση.\n\
         Ευχαριστώ, κύριε Παπαδόπουλε, για την ερώτηση.",
    ]);
    let at = |start: &str, end: &str| {
        entities
            .iter()
            .find(|e| e["start"] == start && e["end"] == end)
            .unwrap_or_else(|| panic!("no mention at {start}-{end}: {entities:#?}"))
    };
    assert_eq!(at("85", "92")["type"], "PERSON");
    assert_eq!(at("129", "140")["type"], "PERSON");
    assert_entity(&frequencies, "Ευάγγελος Σταμάτης", "PERSON", "2");
    assert_entity(&frequencies, "Νικόλαος Παπαδόπουλος", "PERSON", "2");
}

#[test]
fn vocatives_decline_to_the_nominative_without_a_full_name() {
    let (entities, _) = run(&[
        "Κύριε Ευάγγελε, σας ακούμε. Αγαπητέ Νικόλα, ευχαριστούμε.",
        "Θα ήθελα να ρωτήσω, κύριε Καραγιάννη, αν ισχύει.",
    ]);
    let names = canonicals(&entities);
    for name in ["Ευάγγελος", "Νικόλας", "Καραγιάννης"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
}

#[test]
fn a_title_after_an_address_word_is_no_name() {
    let (entities, _) = run(&["Κύριε Πρόεδρε, κυρία Υπουργέ, ζητώ τον λόγο."]);
    let names = canonicals(&entities);
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Πρόεδρ") || n.contains("Υπουργ")),
        "{names:?}"
    );
}

// 17.6 Regnal numbers stay in the name, whatever mark the keraia was typed with.

#[test]
fn a_regnal_number_is_one_name_in_every_spelling_example() {
    let (_, frequencies) = run(&["Ο Παύλος Α΄ επισκέφθηκε την Κέρκυρα.\n\
         Ο Παύλος Αʹ μίλησε στο λιμάνι.\n\
         Ο Παύλος Α' έφυγε το βράδυ."]);
    let rows: Vec<&Row> = frequencies
        .iter()
        .filter(|r| r["canonical"].starts_with("Παύλος"))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["canonical"], "Παύλος Α\u{02B9}");
    assert_eq!(rows[0]["mentions"], "3");
}

#[test]
fn regnal_numbers_of_two_letters_and_other_marks() {
    let (_, frequencies) = run(&[
        "Ο Κωνσταντίνος ΙΒ΄ και ο Κωνσταντίνος ΙΒ’ είναι ο ίδιος.",
        "Ο Κωνσταντίνος ΙΒʹ ήταν αυτοκράτορας.",
    ]);
    let rows: Vec<&Row> = frequencies
        .iter()
        .filter(|r| r["canonical"].contains("ΙΒ"))
        .collect();
    assert_eq!(rows.len(), 1, "{frequencies:#?}");
    assert_eq!(rows[0]["canonical"], "Κωνσταντίνος ΙΒ\u{02B9}");
}

// 10.11 A woman's surname after «της» in a headline joins the woman the body names.

#[test]
fn a_surname_after_tis_in_a_headline_joins_the_woman_of_the_body_example() {
    let (entities, frequencies) = run(&["Σκληρή κριτική της Σταματίου\n\
         Η Ελένη Σταματίου μίλησε στη Βουλή για την οικονομία."]);
    assert!(
        canonicals(&entities)
            .iter()
            .all(|c| *c == "Ελένη Σταματίου" || !c.contains("Σταμάτ")),
        "{entities:#?}"
    );
    let row = row(&frequencies, "Ελένη Σταματίου").unwrap();
    assert_eq!(row["mentions"], "2");
    assert!(frequencies.iter().all(|r| r["canonical"] != "Σταμάτιος"));
}

#[test]
fn a_surname_after_tis_joins_only_a_woman_with_exactly_that_surname() {
    let (_, frequencies) = run(&[
        "Απάντηση της Οικονόμου στην αντιπολίτευση\nΗ Μαρία Οικονόμου απάντησε χθες στη Βουλή.",
        // no woman of that name in this document: the mention stays as the tagger and the
        // declension read it
        "Η ιστορία της Καλαμάτας\nΟ Νίκος Γεωργίου έγραψε για την πόλη.",
    ]);
    assert_eq!(
        row(&frequencies, "Μαρία Οικονόμου").unwrap()["mentions"],
        "2"
    );
    assert!(row(&frequencies, "Νίκος Γεωργίου").is_some());
    assert!(frequencies
        .iter()
        .all(|r| !r["canonical"].contains("Γεωργίου Καλαμάτα")));
}

// 10.5 Names joined by a hyphen.

#[test]
fn two_clubs_joined_by_a_hyphen_are_two_organizations_example() {
    let (entities, frequencies) = run(&["Στο ντέρμπι ΑΕΚ-ΠΑΟΚ οι οπαδοί γέμισαν το γήπεδο."]);
    let spans: Vec<(&str, &str, &str, &str)> = entities
        .iter()
        .map(|e| {
            (
                e["text"].as_str(),
                e["start"].as_str(),
                e["end"].as_str(),
                e["type"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [("ΑΕΚ", "12", "15", "ORG"), ("ΠΑΟΚ", "16", "20", "ORG")]
    );
    assert_entity(&frequencies, "ΑΕΚ", "ORG", "1");
    assert_entity(&frequencies, "ΠΑΟΚ", "ORG", "1");
}

#[test]
fn places_and_politicians_paired_by_a_hyphen_are_two_names() {
    let (entities, _) = run(&[
        "Το δρομολόγιο Αθήνα-Θεσσαλονίκη γεμίζει κάθε Παρασκευή.",
        "Η συνάντηση Μητσοτάκη-Τσίπρα έγινε στη Βουλή.",
    ]);
    let texts: Vec<&str> = entities.iter().map(|e| e["text"].as_str()).collect();
    assert!(texts.iter().all(|t| !t.contains('-')), "{texts:?}");
    assert!(texts.contains(&"Θεσσαλονίκη"), "{texts:?}");
}

#[test]
fn a_womans_double_surname_stays_one_person() {
    let (entities, _) = run(&["Η Μαρία Παπαδοπούλου-Γεωργίου ανέλαβε χθες τη διεύθυνση."]);
    let people: Vec<&str> = entities
        .iter()
        .filter(|e| e["type"] == "PERSON")
        .map(|e| e["text"].as_str())
        .collect();
    assert_eq!(people, ["Μαρία Παπαδοπούλου-Γεωργίου"]);
}

// 10.6 Headlines in capitals.

#[test]
fn a_headline_in_capitals_names_the_person_of_the_body_example() {
    let (entities, frequencies) = run(&["ΕΚΤΑΚΤΟ: Ο ΥΠΟΥΡΓΟΣ ΣΤΑΥΡΟΣ ΛΑΣΚΑΡΗΣ ΠΑΡΑΙΤΗΘΗΚΕ\n\
         Ο Σταύρος Λάσκαρης υπέβαλε την παραίτησή του."]);
    let headline = entities
        .iter()
        .find(|e| e["text"] == "ΣΤΑΥΡΟΣ ΛΑΣΚΑΡΗΣ")
        .unwrap_or_else(|| panic!("{entities:#?}"));
    assert_eq!(
        (headline["start"].as_str(), headline["end"].as_str()),
        ("20", "36")
    );
    assert_eq!(headline["type"], "PERSON");
    assert_eq!(headline["canonical"], "Σταύρος Λάσκαρης");
    assert_entity(&frequencies, "Σταύρος Λάσκαρης", "PERSON", "2");
    assert_eq!(frequencies.len(), 1, "{frequencies:#?}");
    assert!(entities
        .iter()
        .all(|e| !e["text"].contains("ΕΚΤΑΚΤΟ") && !e["text"].contains("ΠΑΡΑΙΤΗΘΗΚΕ")));
}

#[test]
fn headlines_in_capitals_find_case_forms_and_keep_acronyms() {
    let (entities, frequencies) = run(&[
        "ΒΙΝΤΕΟ: ΤΙ ΕΙΠΕ Η ΜΑΡΙΑ ΚΑΛΟΓΕΡΑΚΗ ΓΙΑ ΤΟ ΚΚΕ\n\
         Η Μαρία Καλογεράκη μίλησε χθες στη Βουλή.",
        "ΣΟΚ ΣΤΗΝ ΠΑΤΡΑ: ΣΥΓΚΙΝΗΣΗ ΓΙΑ ΤΟΝ ΑΝΔΡΕΑ ΜΑΥΡΟΓΙΑΝΝΗ\n\
         Ο Ανδρέας Μαυρογιάννης ζούσε στην Πάτρα.",
    ]);
    assert_entity(&frequencies, "Μαρία Καλογεράκη", "PERSON", "2");
    assert_entity(&frequencies, "Ανδρέας Μαυρογιάννης", "PERSON", "2");
    let texts: Vec<&str> = entities.iter().map(|e| e["text"].as_str()).collect();
    for section in ["ΒΙΝΤΕΟ", "ΣΟΚ", "ΤΙ ΕΙΠΕ", "ΣΥΓΚΙΝΗΣΗ"] {
        assert!(texts.iter().all(|t| !t.contains(section)), "{texts:?}");
    }
}

// 17.10 Type votes prefer the specific type: the example through the binary (whatever the
// tagger calls the lone surname, the row is one PERSON).

#[test]
fn a_lone_addressed_surname_and_the_full_name_are_one_person_example() {
    let (_, frequencies) = run(&["Σας ευχαριστώ, κυρία Αλεξίου.\nΗ Μαρία Αλεξίου απάντησε."]);
    assert_entity(&frequencies, "Μαρία Αλεξίου", "PERSON", "2");
    assert_eq!(frequencies.len(), 1, "{frequencies:#?}");
}

#[test]
fn addressed_surnames_join_the_full_name_as_persons() {
    let (_, frequencies) = run(&[
        "Ευχαριστώ τον κ. Ρήγα.\nΟ Γιάννης Ρήγας είπε ότι συμφωνεί.",
        "Κυρία Σπυροπούλου, έχετε τον λόγο.\nΗ Άννα Σπυροπούλου μίλησε.",
    ]);
    assert_entity(&frequencies, "Γιάννης Ρήγας", "PERSON", "2");
    assert_entity(&frequencies, "Άννα Σπυροπούλου", "PERSON", "2");
}

// 10.5, our own inputs: a woman named by her double surname alone, after a feminine article or
// «κυρία», is one person; men, parties and places paired by a hyphen stay two.

#[test]
fn a_double_surname_alone_after_a_feminine_article_is_one_woman() {
    let (entities, frequencies) = run(&[
        "Η βουλευτής Μαρίνα Τσακίρη-Λάμπρου κατέθεσε ερώτηση. Η Τσακίρη-Λάμπρου ζήτησε απαντήσεις.",
    ]);
    let alone = entities
        .iter()
        .find(|e| e["start"] == "55")
        .unwrap_or_else(|| panic!("{entities:#?}"));
    assert_eq!(
        (alone["text"].as_str(), alone["end"].as_str()),
        ("Τσακίρη-Λάμπρου", "70")
    );
    assert_entity(&frequencies, "Μαρίνα Τσακίρη-Λάμπρου", "PERSON", "2");
    assert!(frequencies.iter().all(|r| r["canonical"] != "Λάμπρος"));
}

#[test]
fn a_double_surname_after_kyria_or_tis_is_one_name_in_the_nominative() {
    let (entities, _) = run(&[
        "Η κυρία Αλεξίου-Μπρα ήρθε νωρίς.",
        "Μιλήσαμε για την Ευγενία Καρρά-Δούκα χθες.",
    ]);
    let people: Vec<(&str, &str)> = entities
        .iter()
        .filter(|e| e["type"] == "PERSON")
        .map(|e| (e["text"].as_str(), e["canonical"].as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("Αλεξίου-Μπρα", "Αλεξίου-Μπρα"),
            ("Ευγενία Καρρά-Δούκα", "Ευγενία Καρρά-Δούκα")
        ]
    );
}

#[test]
fn men_parties_and_routes_paired_by_a_hyphen_stay_two() {
    let (entities, _) = run(&[
        "Η συμμαχία Μητσοτάκη-Ανδρουλάκη δεν προχώρησε.",
        "Η κυβέρνηση συνεργασίας ΝΔ-ΠΑΣΟΚ-ΔΗΜΑΡ ψήφισε τον προϋπολογισμό.",
        "Ο αγώνας Ολυμπιακός-Παναθηναϊκός έληξε ισόπαλος.",
        "Η πτήση Αθήνα–Ηράκλειο καθυστέρησε.",
    ]);
    let texts: Vec<&str> = entities.iter().map(|e| e["text"].as_str()).collect();
    for name in [
        "Μητσοτάκη",
        "Ανδρουλάκη",
        "ΝΔ",
        "ΠΑΣΟΚ",
        "ΔΗΜΑΡ",
        "Ολυμπιακός",
        "Παναθηναϊκός",
        "Αθήνα",
        "Ηράκλειο",
    ] {
        assert!(texts.contains(&name), "{name} in {texts:?}");
    }
    assert!(texts.iter().all(|t| !t.contains(['-', '–'])), "{texts:?}");
}

// 10.6, our own inputs: a headline names the body's person in a case form whose stem differs,
// or by the surname alone.

#[test]
fn a_headline_in_the_accusative_or_with_the_surname_alone_joins_the_body() {
    let (entities, frequencies) = run(&[
        "ΘΡΗΝΟΣ ΓΙΑ ΤΟΝ ΝΙΚΟ ΚΑΡΑΓΙΑΝΝΗ\nΈφυγε από τη ζωή ο Νίκος Καραγιάννης.",
        "ΚΥΡΙΕ ΜΗΤΣΟΤΑΚΗ, ΑΠΑΝΤΗΣΤΕ!\nΟ Κυριάκος Μητσοτάκης δεν απάντησε.",
    ]);
    assert_entity(&frequencies, "Νίκος Καραγιάννης", "PERSON", "2");
    assert_entity(&frequencies, "Κυριάκος Μητσοτάκης", "PERSON", "2");
    let headline = entities
        .iter()
        .find(|e| e["text"] == "ΝΙΚΟ ΚΑΡΑΓΙΑΝΝΗ")
        .unwrap_or_else(|| panic!("{entities:#?}"));
    assert_eq!(
        (headline["start"].as_str(), headline["end"].as_str()),
        ("15", "30")
    );
    for word in ["ΘΡΗΝΟΣ", "ΑΠΑΝΤΗΣΤΕ", "ΚΥΡΙΕ"] {
        assert!(entities.iter().all(|e| !e["text"].contains(word)), "{word}");
    }
}

// 10.10, our own inputs: learned adjectives before heads the lexicon lacks, before another
// adjective, and the two-termination feminine in -ειος.

#[test]
fn learned_adjectives_before_unknown_heads_and_in_the_feminine() {
    let (entities, frequencies) = run(&[
        "Οι γιατροί του Ευγενιδείου Θεραπευτηρίου και του Ωνασείου Καρδιοχειρουργικού Κέντρου.",
        "Η Βαρβάκειος Σχολή γιορτάζει. Οι μαθητές της Βαρβακείου Σχολής διαγωνίστηκαν.",
    ]);
    let names = canonicals(&entities);
    assert!(names.contains(&"Ευγενίδειο Θεραπευτήριο"), "{names:?}");
    assert!(
        names.contains(&"Ωνάσειο Καρδιοχειρουργικό Κέντρο"),
        "{names:?}"
    );
    assert_eq!(
        row(&frequencies, "Βαρβάκειος Σχολή").map(|r| r["mentions"].as_str()),
        Some("2"),
        "{frequencies:#?}"
    );
}

// 10.11, our own input: a lone surname in -ου after «της» is a woman's, never a man's genitive.

#[test]
fn a_lone_surname_in_ou_after_tis_stays_hers() {
    let (entities, _) = run(&[
        "Η πρόταση της βουλευτού Παπαδοπούλου απορρίφθηκε.",
        "Της Παπαδοπούλου-Γεωργίου της είπαν να περιμένει.",
    ]);
    let names = canonicals(&entities);
    assert!(names.contains(&"Παπαδοπούλου"), "{names:?}");
    assert!(names.contains(&"Παπαδοπούλου-Γεωργίου"), "{names:?}");
    assert!(
        names.iter().all(|n| !n.contains("Παπαδόπουλος")),
        "{names:?}"
    );
}

// 10.9, our own inputs: a place after a plural article in another case keeps a plural
// nominative; no singular is made up for it.

#[test]
fn plural_places_in_the_accusative_and_genitive_stay_plural() {
    let (entities, _) = run(&[
        "Πήγαμε στις Μυκήνες και στους Δελφούς, μετά στα Γιάννενα.",
        "Η ομάδα των Σερρών και ο δήμος των Χανίων. Ταξίδι στους Παξούς.",
    ]);
    let names = canonicals(&entities);
    for place in ["Μυκήνες", "Δελφοί", "Γιάννενα", "Σέρρες", "Χανιά", "Παξοί"]
    {
        assert!(names.contains(&place), "{place} in {names:?}");
    }
    for singular in ["Δελφός", "Σέρρα", "Παξός"] {
        assert!(!names.contains(&singular), "{singular} in {names:?}");
    }
}

// 17.9, our own input: a headline names the person in the genitive, with a short surname that
// is no acronym.

#[test]
fn a_headline_genitive_with_a_short_surname_joins_the_body() {
    let (_, frequencies) = run(&[
        "ΠΑΡΑΙΤΗΣΗ ΤΟΥ ΥΠΟΥΡΓΟΥ ΝΙΚΟΥ ΔΕΝΔΙΑ\nΟ Νίκος Δένδιας παραιτήθηκε χθες.",
        "ΔΗΛΩΣΕΙΣ ΤΟΥ ΚΩΣΤΗ ΧΑΤΖΗΔΑΚΗ\nΟ Κωστής Χατζηδάκης μίλησε.",
    ]);
    assert_entity(&frequencies, "Νίκος Δένδιας", "PERSON", "2");
    assert_entity(&frequencies, "Κωστής Χατζηδάκης", "PERSON", "2");
    assert!(
        frequencies
            .iter()
            .all(|r| !r["canonical"].starts_with("ΝΙΚΟ")),
        "{frequencies:#?}"
    );
}
