//! Wild inputs of the kinds of issues 10 and 17 that the first round left: an elided «Π’» in
//! capitals, tags escaped twice, a post written wholly in Greeklish, combining forms over an en
//! dash, e-mail addresses in capitals, words in capitals hyphenated at a line end, and Latin
//! lowercase look-alikes inside a Greek name. Every input is our own; offsets are code points,
//! end exclusive.

mod common;

use common::{slice_chars, table, token_texts, txt_tables as tables, Row};

/// The `tokens.csv` rows of document `doc` (`d00.txt`, …) whose text is `text`.
fn tokens_named<'a>(tokens: &'a [Row], doc: &str, text: &str) -> Vec<&'a Row> {
    tokens
        .iter()
        .filter(|t| t["doc_id"] == doc && t["text"] == text)
        .collect()
}

/// Every token of `docs` slices back to its `text` in the input.
fn assert_tokens_slice_back(out: &std::path::Path, docs: &[&str]) {
    for row in table(out, "tokens.csv") {
        let doc: usize = row["doc_id"][1..3].parse().unwrap();
        let (start, end) = (row["start"].parse().unwrap(), row["end"].parse().unwrap());
        assert_eq!(slice_chars(docs[doc], start, end), row["text"]);
    }
}

#[test]
fn an_elided_pi_in_capitals_is_a_stopword_not_the_numeral_80() {
    let docs = [
        "ΘΑ ΤΑ ΠΟΥΜΕ Π’ ΑΥΡΙΟ ΣΤΟ ΓΗΠΕΔΟ. Π' ΟΛΟΥΣ ΤΟΥΣ ΦΙΛΟΥΣ ΜΑΣ.\n\
                 ΤΟ Β’ ΗΜΙΧΡΟΝΟ ΚΑΙ Η Δ’ ΤΑΞΗ.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    for (text, norm) in [("Π’", "π’"), ("Π'", "π'")] {
        let token = tokens_named(&tokens, "d00.txt", text)[0];
        assert_eq!(
            (token["norm"].as_str(), token["stopword"].as_str()),
            (norm, "true")
        );
        assert_eq!(token["kind"], "word");
    }
    // numerals with the same marks keep their keraia
    for (text, norm) in [("Β’", "β\u{2b9}"), ("Δ’", "δ\u{2b9}")] {
        assert_eq!(tokens_named(&tokens, "d00.txt", text)[0]["norm"], norm);
    }
}

#[test]
fn tags_escaped_twice_are_no_tokens_but_an_escaped_sign_stays() {
    let docs = [
        "&lt;p&gt;Η &lt;b&gt;ομιλία&lt;/b&gt; του δημάρχου&lt;br /&gt;ήταν σύντομη.&lt;/p&gt;",
        "Ισχύει ότι 3 &lt; 5 και ότι το x &lt;y&gt; δεν είναι ετικέτα.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    assert_eq!(
        token_texts(&tokens, "d00.txt"),
        ["Η", "ομιλία", "του", "δημάρχου", "ήταν", "σύντομη", "."]
    );
    // the escaped <br /> ends a line: «δημάρχου» and «ήταν» do not touch
    let words: Vec<&Row> = tokens.iter().filter(|t| t["doc_id"] == "d00.txt").collect();
    assert!(words[3]["end"] < words[4]["start"]);
    let second = token_texts(&tokens, "d01.txt");
    assert!(second.contains(&"&lt;".to_string()), "{second:?}");
    assert!(second.contains(&"y".to_string()), "{second:?}");
    assert_tokens_slice_back(&out, &docs);
}

#[test]
fn a_post_written_wholly_in_greeklish_is_greek() {
    let docs = [
        "Kalispera paidia! Ti tha kanoume avrio me to mathima? Egw nomizw oti prepei na \
         diavasoume mazi.",
        "Dnes ráno jsem byl v obchodě a koupil jsem chleba, mléko a sýr na večeři.",
        "We met at the station and then walked to the old harbour together.",
    ];
    let (_dir, out) = tables(&docs);
    let documents = table(&out, "documents.csv");
    let lang = |doc: &str| {
        let row = documents.iter().find(|d| d["doc_id"] == doc).unwrap();
        (
            row["lang"].clone(),
            row["lang_confidence"].parse::<f64>().unwrap(),
        )
    };
    let (code, confidence) = lang("d00.txt");
    assert_eq!(code, "ell");
    assert!(confidence > 0.2 && confidence < 1.0, "{confidence}");
    assert_eq!(lang("d01.txt").0, "ces");
    assert_eq!(lang("d02.txt").0, "eng");
}

#[test]
fn combining_forms_join_over_an_en_or_em_dash() {
    let docs = [
        "Το αγγλο–σαξονικό πρότυπο και η ελληνο—ιταλική συνεργασία. Οι αγγλοσαξονικές χώρες.\n\
         Το νέο—και ακριβό—κτίριο και η γραμμή Πάτρα–Πύργος.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let compound = tokens_named(&tokens, "d00.txt", "αγγλο–σαξονικό")[0];
    assert_eq!(compound["norm"], "αγγλοσαξονικο");
    assert_eq!(
        tokens_named(&tokens, "d00.txt", "ελληνο—ιταλική")[0]["norm"],
        "ελληνοιταλικη"
    );
    let texts = token_texts(&tokens, "d00.txt");
    for dash_apart in ["νέο", "ακριβό", "Πάτρα", "Πύργος"] {
        assert!(texts.contains(&dash_apart.to_string()), "{texts:?}");
    }
    assert_tokens_slice_back(&out, &docs);
}

#[test]
fn an_email_address_is_never_an_entity() {
    let docs = [
        "ΑΝΑΚΟΙΝΩΣΗ: ΣΤΕΙΛΤΕ ΤΙΣ ΑΙΤΗΣΕΙΣ ΣΤΟ ΠΡΩΤΟΚΟΛΛΟ@ΔΗΜΟΣ-ΛΑΡΙΣΑΣ.GR Ή ΣΤΟ INFO@YPES.GOV.GR \
         ΜΕΧΡΙ ΤΗΝ ΠΑΡΑΣΚΕΥΗ.\nΠληροφορίες στο https://www.ypes.gr/anakoinoseis/ και στο \
         Grammateia@Vouli.gr.",
    ];
    let (_dir, out) = tables(&docs);
    let entities = table(&out, "entities.csv");
    for entity in &entities {
        assert!(
            !entity["text"].contains('@') && !entity["text"].contains("://"),
            "{entity:?}"
        );
    }
    let tokens = table(&out, "tokens.csv");
    for token in tokens
        .iter()
        .filter(|t| t["kind"] == "email" || t["kind"] == "url")
    {
        assert_eq!(
            (token["iob"].as_str(), token["entity_type"].as_str()),
            ("O", "")
        );
    }
    assert_eq!(
        tokens.iter().filter(|t| t["kind"] == "email").count(),
        3,
        "{tokens:?}"
    );
}

#[test]
fn a_word_in_capitals_hyphenated_at_a_line_end_joins_when_it_is_a_word() {
    let docs = [
        "Ο ΥΠΟΥΡ-\nΓΟΣ ΟΙΚΟΝΟΜΙΚΩΝ ΣΤΗ ΒΟΥ-\nΛΗ ΓΙΑ ΤΙΣ ΠΡΟΫΠΟ-\r\nΘΕΣΕΙΣ.\n\
                 ΤΟ ΔΡΟΜΟΛΟΓΙΟ ΑΘΗΝΑ-\nΘΕΣΣΑΛΟΝΙΚΗ ΚΑΙ Ο ΑΓΩΝΑΣ ΠΑΟ-\nΑΕΚ.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    let norms: Vec<&str> = (tokens.iter())
        .filter(|t| t["kind"] == "word")
        .map(|t| t["norm"].as_str())
        .collect();
    for joined in ["υπουργος", "βουλη", "προυποθεσεις"] {
        assert!(norms.contains(&joined), "{norms:?}");
    }
    for apart in ["αθηνα", "θεσσαλονικη", "παο", "αεκ"] {
        assert!(norms.contains(&apart), "{norms:?}");
    }
    let joined = tokens_named(&tokens, "d00.txt", "ΥΠΟΥΡ-\nΓΟΣ")[0];
    assert_eq!(joined["norm"], "υπουργος");
    assert!(!joined["stem"].contains('-'), "{joined:?}");
    assert_tokens_slice_back(&out, &docs);
}

#[test]
fn a_lowercase_latin_lookalike_inside_a_greek_name_is_the_greek_letter() {
    let docs = [
        "Ο πρωθυπουργός Κυριάκος Μητσοτάκnς συναντήθηκε με τον δήμαρχο. Ο Μητσοτάκης είπε ότι \
         τηn Τρίτη θα είναι στην Αθήvα.",
    ];
    let (_dir, out) = tables(&docs);
    let tokens = table(&out, "tokens.csv");
    assert_eq!(
        tokens_named(&tokens, "d00.txt", "Μητσοτάκnς")[0]["norm"],
        "μητσοτακης"
    );
    assert_eq!(tokens_named(&tokens, "d00.txt", "τηn")[0]["norm"], "την");
    assert_eq!(
        tokens_named(&tokens, "d00.txt", "Αθήvα")[0]["norm"],
        "αθηνα"
    );
    let frequencies = table(&out, "entity_frequencies.csv");
    let person = frequencies
        .iter()
        .find(|r| r["type"] == "PERSON")
        .unwrap_or_else(|| panic!("{frequencies:?}"));
    assert_eq!(person["canonical"], "Κυριάκος Μητσοτάκης");
    assert_eq!(person["mentions"], "2");
    assert!(!person["variants"].contains('n'), "{person:?}");
}
