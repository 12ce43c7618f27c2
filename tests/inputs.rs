//! Input formats and bad input: every document gets a row, nothing panics, usage errors fail
//! fast with exit code 2.

mod common;

use std::io::Write;

use common::*;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn jsonl_ids_metadata_and_bad_lines() {
    let jsonl = concat!(
        r#"{"id": "a1", "date": "2026-01-05", "outlet": "Καθημερινή", "text": "Η Βουλή ψήφισε τον νόμο."}"#,
        "\n",
        r#"{"date": "2026-01-06", "text": "Χωρίς αναγνωριστικό κείμενο."}"#,
        "\n",
        "{not json at all\n",
        "\n",
        r#"{"id": "a4", "body": "λάθος πεδίο"}"#,
        "\n",
        r#"{"id": 5, "text": "   "}"#,
        "\n",
    );
    let dir = corpus(&[("news.jsonl", jsonl.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("news.jsonl")],
        &out,
        &["--keep-fields", "date,outlet"],
    );
    let docs = table(&out, "documents.csv");
    assert_eq!(docs.len(), 5, "{docs:?}");
    assert_eq!(docs[0]["doc_id"], "a1");
    assert_eq!(docs[0]["date"], "2026-01-05");
    assert_eq!(docs[0]["outlet"], "Καθημερινή");
    assert_eq!(docs[0]["status"], "ok");
    assert!(docs[1]["doc_id"].ends_with("news.jsonl:2"), "{:?}", docs[1]);
    assert_eq!(docs[1]["status"], "ok");
    assert_eq!(docs[2]["status"], "error");
    assert!(docs[2]["message"].contains("JSON"), "{:?}", docs[2]);
    assert!(docs[2]["source"].ends_with(":3"), "{:?}", docs[2]);
    assert_eq!(docs[3]["status"], "error");
    assert!(docs[3]["message"].contains("text"), "{:?}", docs[3]);
    assert_eq!(docs[4]["doc_id"], "5");
    assert_eq!(docs[4]["status"], "skipped");
}

#[test]
fn csv_rows_with_custom_fields_and_a_ragged_row() {
    let csv = "url,body,month\n\
               u1,\"Ο Δήμος Αθηναίων, όπως είπε, συνεδρίασε.\",2026-01\n\
               u2,Δεύτερο κείμενο εδώ.\n\
               u3,Τρίτο κείμενο εδώ.,2026-02\n";
    let dir = corpus(&[("export.csv", csv.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("export.csv")],
        &out,
        &[
            "--text-field",
            "body",
            "--id-field",
            "url",
            "--keep-fields",
            "month",
        ],
    );
    let docs = table(&out, "documents.csv");
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert_eq!(docs[0]["doc_id"], "u1");
    assert_eq!(docs[0]["month"], "2026-01");
    assert_eq!(docs[0]["status"], "ok");
    assert_eq!(docs[1]["status"], "error");
    assert!(docs[1]["source"].ends_with(":3"), "{:?}", docs[1]);
    assert_eq!(docs[2]["doc_id"], "u3");
    assert_eq!(docs[2]["status"], "ok");
}

#[test]
fn conll_tokens_and_sentences_are_kept_as_given() {
    let conll = "-DOCSTART- O\n\nΟ O\nκ.Παππάς B-PERSON\nήρθε O\n. O\n\nΚαλά O\n!! O\n\n\
                 -DOCSTART- O\n\nΔεύτερο O\nέγγραφο O\n";
    let dir = corpus(&[("gold.iob2", conll.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("gold.iob2")],
        &out,
        &["--format", "conll"],
    );
    let docs = table(&out, "documents.csv");
    assert_eq!(docs.len(), 2, "{docs:?}");
    let tokens = table(&out, "tokens.csv");
    let first = sentences(&tokens, &docs[0]["doc_id"]);
    assert_eq!(
        first,
        vec![vec!["Ο", "κ.Παππάς", "ήρθε", "."], vec!["Καλά", "!!"]]
    );
    assert_eq!(
        token_texts(&tokens, &docs[1]["doc_id"]),
        ["Δεύτερο", "έγγραφο"]
    );
}

#[test]
fn gzip_inputs_are_read_transparently() {
    let jsonl = r#"{"id": "z", "text": "Συμπιεσμένο κείμενο από την Κρήτη."}"#;
    let dir = corpus(&[
        ("a.txt.gz", &gzip("Κείμενο σε gzip.".as_bytes())),
        ("b.jsonl.gz", &gzip(jsonl.as_bytes())),
    ]);
    let outputs = tempfile::tempdir().unwrap();
    let out = outputs.path().join("out");
    run_ok(&[dir.path()], &out, &[]);
    let docs = table(&out, "documents.csv");
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids.len(), 2, "{docs:?}");
    assert!(ids.contains(&"z"), "{ids:?}");
    assert!(docs.iter().all(|d| d["status"] == "ok"), "{docs:?}");
}

#[test]
fn bad_files_in_a_folder_each_get_a_row_and_a_message() {
    let mut invalid = "Μισό κείμενο ".as_bytes().to_vec();
    invalid.extend([0xff, 0xfe, b' ']);
    invalid.extend("και το υπόλοιπο.".as_bytes());
    let binary: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    let dir = corpus(&[
        ("a_invalid.txt", &invalid),
        ("b_empty.txt", b""),
        ("c_blank.txt", b"  \n\t\n"),
        ("d_image.bin", &binary),
        ("e_good.txt", "Όλα καλά εδώ.".as_bytes()),
    ]);
    let outputs = tempfile::tempdir().unwrap();
    let out = outputs.path().join("out");
    let output = run_ok(&[dir.path()], &out, &[]);
    let docs = table(&out, "documents.csv");
    let status: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d["doc_id"].as_str(), d["status"].as_str()))
        .collect();
    assert_eq!(
        status,
        [
            ("a_invalid.txt", "ok"),
            ("b_empty.txt", "skipped"),
            ("c_blank.txt", "skipped"),
            ("d_image.bin", "skipped"),
            ("e_good.txt", "ok"),
        ]
    );
    assert!(docs[0]["message"].contains("UTF-8"), "{:?}", docs[0]);
    assert!(docs[3]["message"].contains("binary"), "{:?}", docs[3]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("warning"),
        "--quiet prints no warnings: {stderr}"
    );
    let tokens = table(&out, "tokens.csv");
    assert!(token_texts(&tokens, "a_invalid.txt").contains(&"υπόλοιπο".to_string()));
}

#[test]
fn warnings_name_the_file_and_line() {
    let dir = corpus(&[("x.jsonl", "{\"text\": \"Καλά.\"}\n{broken\n".as_bytes())]);
    let out = dir.path().join("out");
    let output = elpipe(&[
        "run",
        dir.path().join("x.jsonl").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warning = stderr
        .lines()
        .find(|l| l.contains("warning"))
        .expect("a warning line");
    assert!(warning.contains("x.jsonl:2"), "{warning}");
}

#[test]
fn a_missing_input_fails_fast_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = elpipe(&["run", "/no/such/corpus", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/corpus"));
    assert!(!out.exists(), "nothing written");
}

#[test]
fn an_unwritable_output_fails_fast_with_exit_code_2() {
    let dir = corpus(&[("a.txt", "Κείμενο.".as_bytes()), ("file", b"x")]);
    let out = dir.path().join("file").join("out");
    let output = elpipe(&[
        "run",
        dir.path().join("a.txt").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn unknown_tables_and_group_fields_are_usage_errors() {
    let dir = corpus(&[("a.txt", "Κείμενο.".as_bytes())]);
    let input = dir.path().join("a.txt");
    let out = dir.path().join("out");
    let output = elpipe(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--tables",
        "tokenz",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("tokenz"));
}
