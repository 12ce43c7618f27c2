//! The learned sentence splitter through the binary: `elpipe run` on texts of our own (a news
//! page with a headline, its date and the first sentence; a colon before a list; abbreviations
//! and initials that must not split), and `elpipe train-sentences` on a small treebank.

mod common;

use common::{elpipe, run_ok, sentences, table};

fn split(texts: &[&str]) -> Vec<Vec<Vec<String>>> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    let lines: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("d{i}"), "text": t}).to_string())
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = dir.path().join("out");
    run_ok(&[&input], &out, &["--tables", "tokens", "--no-tagging"]);
    let tokens = table(&out, "tokens.csv");
    (0..texts.len())
        .map(|i| sentences(&tokens, &format!("d{i}")))
        .collect()
}

#[test]
fn a_news_page_on_one_line_splits_into_headline_date_and_sentences() {
    let docs = split(&[
        "Έκλεισε η εθνική οδός λόγω χιονιού 2025-02-03 Κλειστή παραμένει από το πρωί η εθνική \
         οδός στο ύψος της Λαμίας. Οι οδηγοί καλούνται να έχουν αντιολισθητικές αλυσίδες· \
         η τροχαία ελέγχει τα οχήματα.",
    ]);
    let firsts: Vec<&str> = docs[0].iter().map(|s| s[0].as_str()).collect();
    assert_eq!(
        firsts,
        ["Έκλεισε", "2025-02-03", "Κλειστή", "Οι", "η"],
        "{docs:?}"
    );
}

#[test]
fn a_colon_before_numbered_items_and_abbreviations_before_names() {
    let docs = split(&[
        "Το συμβούλιο αποφάσισε τα εξής: 1. Η πλατεία πεζοδρομείται. 2. Οι εργασίες αρχίζουν \
         τον Μάιο.",
        "Ο κ. Οικονόμου και ο Α. Βλάχος, π.χ. στην οδ. Ερμού, συμφώνησαν με τον Δρ. Σταύρου.",
    ]);
    assert_eq!(docs[0].len(), 3, "{:?}", docs[0]);
    assert_eq!(docs[0][1][0], "1");
    assert_eq!(docs[1].len(), 1, "{:?}", docs[1]);
}

#[test]
fn train_sentences_writes_a_model_and_reports_scores() {
    let dir = tempfile::tempdir().unwrap();
    let conllu = dir.path().join("tiny.conllu");
    let mut text = String::new();
    for (doc, (head, body)) in [("Νέο σχολείο", "Άνοιξε"), ("Νέα γέφυρα", "Έκλεισε")]
        .iter()
        .enumerate()
    {
        text.push_str(&format!("# newdoc id = n{doc}\n"));
        let words: Vec<&str> = head.split(' ').collect();
        for (i, w) in words.iter().enumerate() {
            text.push_str(&format!("{}\t{w}\t_\t_\t_\t_\t0\t_\t_\t_\n", i + 1));
        }
        text.push('\n');
        text.push_str(&format!(
            "1\t{body}\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t1\t_\t_\t_\n\n"
        ));
    }
    std::fs::write(&conllu, text).unwrap();
    let model = dir.path().join("s.model");
    let output = elpipe(&[
        "train-sentences",
        "--conllu",
        conllu.to_str().unwrap(),
        "--dev",
        conllu.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
        "--epochs",
        "3",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("dev, trained:    sentences 4:"), "{stderr}");
    assert!(std::fs::read(&model)
        .unwrap()
        .starts_with(b"elpipe-sentence\0"));
    // a missing treebank is an error naming the file, exit status 1
    let missing = dir.path().join("none.conllu");
    let output = elpipe(&[
        "train-sentences",
        "--conllu",
        missing.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("none.conllu"));
}
