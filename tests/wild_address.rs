//! Issue 17.5, the second half: a name addressed without an address word («Ευάγγελε, σας
//! ευχαριστώ.», «Σας ευχαριστώ, Παπαδόπουλε, για ...») is a person in the vocative, declined to
//! the nominative, joining the full name of its document; ordinary words that open a sentence
//! before a comma («Τέλος,», «Πάντως,») are not names. Each test runs the binary on documents
//! written for it. Offsets are code points, end exclusive.

mod common;

use common::{entity_tables, Row};

/// Runs `elpipe run` on `docs` (one `.txt` file each) and returns `entities.csv` and
/// `entity_frequencies.csv`.
fn run(docs: &[&str]) -> (Vec<Row>, Vec<Row>) {
    entity_tables(docs, "entities,entity_frequencies")
}

/// The mention at `start..end`, or a panic listing the mentions.
fn at(entities: &[Row], start: usize, end: usize) -> &Row {
    let (start, end) = (start.to_string(), end.to_string());
    entities
        .iter()
        .find(|e| e["start"] == start && e["end"] == end)
        .unwrap_or_else(|| panic!("no mention at {start}-{end}: {entities:#?}"))
}

/// Asserts `canonical` has one row of type PERSON with `mentions` mentions.
fn assert_person(frequencies: &[Row], canonical: &str, mentions: &str) {
    let r = (frequencies.iter())
        .find(|r| r["canonical"] == canonical)
        .unwrap_or_else(|| panic!("no row «{canonical}» in {frequencies:#?}"));
    assert_eq!(
        (r["type"].as_str(), r["mentions"].as_str()),
        ("PERSON", mentions),
        "{r:?}"
    );
}

#[test]
fn the_issue_example_with_address_words_still_holds() {
    let (entities, frequencies) = run(&[
        "Ο Ευάγγελος Σταμάτης και ο Νικόλαος Παπαδόπουλος μίλησαν στη Βουλή.\n\
         Ευχαριστώ, κύριε Σταμάτη, για την απάντηση.\n\
         Ευχαριστώ, κύριε Παπαδόπουλε, για την ερώτηση.",
    ]);
    assert_eq!(at(&entities, 85, 92)["type"], "PERSON");
    assert_eq!(at(&entities, 129, 140)["type"], "PERSON");
    assert_person(&frequencies, "Ευάγγελος Σταμάτης", "2");
    assert_person(&frequencies, "Νικόλαος Παπαδόπουλος", "2");
}

#[test]
fn a_vocative_without_an_address_word_joins_the_full_name_of_its_document() {
    let text = "Στη συνεδρίαση μίλησαν ο Ευάγγελος Σταμάτης και ο Νικόλαος Παπαδόπουλος.\n\
                Ευάγγελε, σας ευχαριστώ για τα στοιχεία.\n\
                Σας ευχαριστώ, Παπαδόπουλε, για την ερώτηση.\n\
                Σταμάτη, περιμένετε τη σειρά σας.";
    let (entities, frequencies) = run(&[text]);
    let offset = |word: &str| text[..text.find(word).unwrap()].chars().count();
    for (word, name) in [
        ("Ευάγγελε", "Ευάγγελος Σταμάτης"),
        ("Παπαδόπουλε", "Νικόλαος Παπαδόπουλος"),
        ("Σταμάτη,", "Ευάγγελος Σταμάτης"),
    ] {
        let start = offset(word);
        let word = word.trim_end_matches(',');
        let mention = at(&entities, start, start + word.chars().count());
        assert_eq!(
            (mention["type"].as_str(), mention["canonical"].as_str()),
            ("PERSON", name)
        );
    }
    assert_person(&frequencies, "Ευάγγελος Σταμάτης", "3");
    assert_person(&frequencies, "Νικόλαος Παπαδόπουλος", "2");
}

#[test]
fn a_known_first_name_in_the_vocative_is_a_person_in_the_nominative() {
    let (entities, _) = run(&[
        "Νίκο, έλα εδώ αμέσως.",
        "— Κώστα, άνοιξε το παράθυρο!",
        "Δημήτρη, πού είναι τα κλειδιά;",
        "Μαρία, σε περιμένουμε στο γραφείο.",
        "Τα είπαμε όλα, Γιώργο, και συμφωνήσαμε.",
    ]);
    let names: Vec<(&str, &str, &str)> = (entities.iter())
        .map(|e| {
            (
                e["text"].as_str(),
                e["type"].as_str(),
                e["canonical"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Νίκο", "PERSON", "Νίκος"),
            ("Κώστα", "PERSON", "Κώστας"),
            ("Δημήτρη", "PERSON", "Δημήτρης"),
            ("Μαρία", "PERSON", "Μαρία"),
            ("Γιώργο", "PERSON", "Γιώργος"),
        ]
    );
}

#[test]
fn ordinary_words_before_a_comma_are_not_names() {
    // «Σταμάτη» alone: no first name of the list and no person of that name in the document
    let (entities, _) = run(&["Τέλος, η συνεδρίαση έληξε νωρίς.\n\
         Πάντως, κανείς δεν διαφώνησε.\n\
         Επίσης, ψηφίστηκε το νομοσχέδιο.\n\
         Κύριε, σας παρακαλώ να καθίσετε.\n\
         Φίλε, δεν έχεις δίκιο.\n\
         Ζωή, υγεία και ευτυχία σε όλους."]);
    assert!(entities.is_empty(), "{entities:#?}");
}

#[test]
fn an_ordinary_word_stays_one_even_when_a_person_elsewhere_shares_it() {
    // «Δεύτερον,» opens a sentence: a person «Γιάννης Δεύτερος» in the document does not make
    // it his name in the vocative
    let (entities, _) = run(&["Ο Γιάννης Δεύτερος μίλησε πρώτος.\n\
         Δεύτερον, η πρόταση δεν είναι νέα."]);
    assert!(
        !entities.iter().any(|e| e["text"] == "Δεύτερον"),
        "{entities:#?}"
    );
}

#[test]
fn places_listed_between_commas_stay_places() {
    let (entities, _) = run(&["Η Αθήνα, η Λάρισα και η Πάτρα ψήφισαν.\nΑθήνα, Λάρισα, Πάτρα."]);
    let places: Vec<&Row> = (entities.iter())
        .filter(|e| ["Αθήνα", "Λάρισα", "Πάτρα"].contains(&e["text"].as_str()))
        .collect();
    assert!(places.len() >= 4, "{entities:#?}");
    assert!(places.iter().all(|e| e["type"] != "PERSON"), "{places:#?}");
}
