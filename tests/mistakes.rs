//! A file read in the wrong format says what it looks like and which flag reads it: JSON Lines
//! given as CSV, CSV given as JSON Lines, a `;` or tab-separated file with the wrong
//! `--delimiter`, CoNLL read as text and text as CoNLL, a JSON array given as JSON Lines. Each
//! message names the file and the line, in `documents.csv` and on stderr; nothing panics.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const JSONL: &str = "{\"id\": \"α1\", \"text\": \"Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.\"}\n\
                     {\"id\": \"α2\", \"text\": \"Ο Πέτρος Λιάπης έμεινε στη Λάρισα.\"}\n";
const CSV: &str = "id,text,date\nα1,Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.,2025-03-01\n\
                   α2,\"Ο Πέτρος Λιάπης, ο δήμαρχος, έμεινε.\",2025-03-02\n";
const CONLL: &str = "Η O\nΕλένη B-PERSON\nΖαχαρίου I-PERSON\nέφτασε O\n. O\n\n\
                     Ο O\nΠέτρος B-PERSON\nέμεινε O\n. O\n";
const TEXT: &str = "Η Ελένη Ζαχαρίου έφτασε χθες το απόγευμα στην Κοζάνη.\n\
                    Ο Πέτρος Λιάπης έμεινε στη Λάρισα.\n";

/// Writes `files` into a fresh folder and runs `elpipe run` on the first with `args`; returns
/// the folder, the output, and the `documents.csv` rows (empty when none was written).
fn run(files: &[(&str, &str)], args: &[&str]) -> (tempfile::TempDir, Output, Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let input = dir.path().join(files[0].0);
    let out = dir.path().join("out");
    let mut all = vec!["run", path(&input), "--out", path(&out)];
    all.extend(args);
    let output = elpipe(&all);
    let documents = if out.join("documents.csv").exists() {
        table(&out, "documents.csv")
    } else {
        Vec::new()
    };
    (dir, output, documents)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts every document of the run has `status` and a message naming `file:line` (or the file
/// alone, `line` 0) and containing `says`, and that stderr says it too.
fn assert_says(output: &Output, documents: &[Row], status: &str, located: &str, says: &str) {
    assert!(!documents.is_empty(), "no documents: {}", stderr(output));
    for d in documents {
        assert_eq!(d["status"], status, "{d:?}");
        assert!(
            d["message"].contains(located) && d["message"].contains(says),
            "{d:?}"
        );
    }
    assert!(stderr(output).contains(says), "{}", stderr(output));
    assert!(!stderr(output).contains("panicked"), "{}", stderr(output));
}

#[test]
fn json_lines_given_as_csv_suggests_format_jsonl() {
    let (_dir, output, documents) = run(&[("news.jsonl", JSONL)], &["--format", "csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert_says(
        &output,
        &documents,
        "error",
        "news.jsonl:2: line 1 looks like JSON Lines",
        "--format jsonl",
    );
    // no fragment of the JSON is listed as a field
    assert!(
        !stderr(&output).contains("fields found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn csv_given_as_json_lines_suggests_format_csv() {
    let (_dir, output, documents) = run(&[("export.csv", CSV)], &["--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    assert_says(
        &output,
        &documents,
        "error",
        "export.csv:",
        "line 1 looks like a CSV header (field names separated by ','), not JSON Lines: read \
         the file with --format csv",
    );
    // the same file named .jsonl, read by its extension
    let (_dir, output, documents) = run(&[("export.jsonl", CSV)], &[]);
    assert_says(
        &output,
        &documents,
        "error",
        "export.jsonl:",
        "--format csv",
    );
}

#[test]
fn a_semicolon_or_tab_file_with_the_wrong_delimiter_suggests_the_right_one() {
    let semicolons = CSV
        .replace(",2025", ";2025")
        .replace("id,text,date", "id;text;date");
    let semicolons = semicolons.replace("α1,Η", "α1;Η").replace("α2,\"", "α2;\"");
    let (_dir, output, documents) = run(&[("excel.csv", &semicolons)], &["--delimiter", ","]);
    assert_eq!(output.status.code(), Some(1));
    assert_says(
        &output,
        &documents,
        "error",
        "excel.csv:",
        "read it with --delimiter ';'",
    );
    // without --delimiter, the header decides: no mistake to report
    let (_dir, output, documents) = run(&[("excel.csv", &semicolons)], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        documents.iter().all(|d| d["status"] == "ok"),
        "{documents:?}"
    );

    let tabs = "id\ttext\nα1\tΗ Ελένη έφτασε.\n";
    let (_dir, output, documents) = run(
        &[("export.txt", tabs)],
        &["--format", "csv", "--delimiter", ";"],
    );
    assert_says(
        &output,
        &documents,
        "error",
        "export.txt:",
        "--delimiter tab",
    );
    let (_dir, output, documents) = run(&[("export.txt", tabs)], &["--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(documents[0]["status"], "ok", "{documents:?}");
}

#[test]
fn conll_read_as_text_and_text_read_as_conll_say_so_and_still_read() {
    let (_dir, output, documents) = run(&[("gold.txt", CONLL)], &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_says(
        &output,
        &documents,
        "ok",
        "gold.txt: line 1 looks like CoNLL/IOB2",
        "--format conll",
    );
    let (_dir, output, documents) = run(&[("gold.iob2", CONLL)], &["--format", "txt"]);
    assert_says(&output, &documents, "ok", "gold.iob2:", "--format conll");

    let (_dir, output, documents) = run(&[("article.conll", TEXT)], &[]);
    assert_says(
        &output,
        &documents,
        "ok",
        "article.conll: line 1 looks like plain text",
        "--format txt",
    );
    // a file read as its own format carries no message
    for (name, text) in [("gold.iob2", CONLL), ("article.txt", TEXT)] {
        let (_dir, output, documents) = run(&[(name, text)], &[]);
        assert!(
            documents.iter().all(|d| d["message"].is_empty()),
            "{name}: {documents:?} {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_json_array_given_as_json_lines_says_how_to_convert_it() {
    let array = "[\n  {\"id\": \"α1\", \"text\": \"Η Ελένη έφτασε.\"},\n  \
                 {\"id\": \"α2\", \"text\": \"Ο Πέτρος έμεινε.\"}\n]\n";
    for name in ["dump.json", "dump.jsonl"] {
        let (_dir, output, documents) = run(&[(name, array)], &[]);
        assert_eq!(output.status.code(), Some(1));
        assert_says(
            &output,
            &documents,
            "error",
            &format!("{name}:"),
            "the file is one JSON array (`[{...}, ...]`), not JSON Lines",
        );
        assert!(
            documents[0]["message"].contains("jq -c '.[]' FILE"),
            "{documents:?}"
        );
    }
}

#[test]
fn group_by_on_a_file_in_the_wrong_format_names_the_format_not_the_fragments() {
    let (_dir, output, documents) = run(
        &[("news.jsonl", JSONL)],
        &[
            "--format",
            "csv",
            "--keep-fields",
            "date",
            "--group-by",
            "date",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(documents.is_empty());
    let message = stderr(&output);
    assert!(
        message.contains("news.jsonl: line 1 looks like JSON Lines")
            && message.contains("--format jsonl"),
        "{message}"
    );
}

// Flags that name something that does not exist -------------------------------------------

#[test]
fn a_mistyped_model_name_lists_the_shipped_models() {
    let (_d, output, _) = run(&[("c.jsonl", JSONL)], &["--model", "elner5"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("elner5"), "{err}");
    assert!(err.contains("elner4, elner18"), "{err}");
}

#[test]
fn a_missing_aliases_file_names_the_flag() {
    let (_d, output, _) = run(&[("c.jsonl", JSONL)], &["--aliases", "no-such-aliases.csv"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("--aliases"), "{err}");
    assert!(err.contains("no-such-aliases.csv"), "{err}");
}

#[test]
fn an_id_field_no_document_has_is_a_warning_and_ids_fall_back_to_file_and_line() {
    let (_d, output, documents) = run(&[("c.jsonl", JSONL)], &["--id-field", "uid"]);
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(err.contains("--id-field uid"), "{err}");
    assert!(err.contains("id, text"), "{err}");
    assert_eq!(documents[0]["doc_id"], "c.jsonl:1");
    // the default `id` missing says nothing: ids are FILE:LINE as documented
    let no_ids = "{\"text\": \"Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.\"}\n";
    let (_d, output, _) = run(&[("n.jsonl", no_ids)], &[]);
    assert!(!stderr(&output).contains("id-field"), "{}", stderr(&output));
}

/// `text` in UTF-16, little-endian or big-endian, with or without the byte-order mark.
fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some('\u{FEFF}').into_iter().collect::<String>() + text;
    units
        .encode_utf16()
        .flat_map(|u| match little_endian {
            true => u.to_le_bytes(),
            false => u.to_be_bytes(),
        })
        .collect()
}

#[test]
fn utf16_files_as_windows_saves_them_are_read_and_without_a_mark_named() {
    // Notepad's "Unicode" text, Excel's "Unicode text" (tab-separated), and a JSON Lines export
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("notepad.txt", utf16(TEXT, true, true)),
        ("big-endian.txt", utf16(TEXT, false, true)),
        (
            "excel.tsv",
            utf16(
                "id\ttext\r\nα1\tΗ Ελένη Ζαχαρίου έφτασε στην Κοζάνη.\r\n",
                true,
                true,
            ),
        ),
        ("export.jsonl", utf16(JSONL, true, true)),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let output = elpipe(&["run", path(&dir.path().join(name)), "--out", path(&out)]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        let documents = table(&out, "documents.csv");
        assert!(documents.iter().all(|d| d["status"] == "ok"), "{name}");
        let entities = table(&out, "entities.csv");
        let ellie = entities
            .iter()
            .find(|e| e["canonical"] == "Ελένη Ζαχαρίου")
            .unwrap_or_else(|| panic!("{name}: {entities:#?}"));
        // offsets count from after the mark, as for UTF-8 text
        if name.ends_with(".txt") {
            assert_eq!((&*ellie["start"], &*ellie["end"]), ("2", "16"), "{name}");
        }
    }
    // without the mark the bytes cannot be told from binary data for sure: the file is
    // skipped, and the message names the flag that reads it
    let bare = dir.path().join("bare.txt");
    std::fs::write(&bare, utf16(TEXT, true, false)).unwrap();
    let out = dir.path().join("out-bare");
    let output = elpipe(&["run", path(&bare), "--out", path(&out)]);
    assert_eq!(output.status.code(), Some(1));
    let documents = table(&out, "documents.csv");
    assert_eq!(documents[0]["status"], "skipped");
    assert!(
        documents[0]["message"].contains("--encoding utf-16le"),
        "{documents:?}"
    );
    let out = dir.path().join("out-bare-read");
    let output = elpipe(&[
        "run",
        path(&bare),
        "--encoding",
        "utf-16le",
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(table(&out, "documents.csv")[0]["status"], "ok");
}

#[test]
fn an_earlier_out_folder_inside_the_corpus_is_not_read_as_documents() {
    // `elpipe run texts --out texts/out`, run twice: the second run must not read the first
    // run's tables as documents
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir_all(&texts).unwrap();
    std::fs::write(texts.join("a.txt"), "Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.").unwrap();
    std::fs::write(texts.join("b.txt"), "Ο Πέτρος Λιάπης έμεινε στη Λάρισα.").unwrap();
    let out = texts.join("out");
    let first = elpipe(&["run", path(&texts), "--out", path(&out)]);
    assert!(first.status.success(), "{}", stderr(&first));
    let tables_before = table(&out, "entity_frequencies.csv");
    let second = elpipe(&["run", path(&texts), "--out", path(&out)]);
    assert!(second.status.success(), "{}", stderr(&second));
    let documents = table(&out, "documents.csv");
    let ids: Vec<&str> = documents.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids, ["a.txt", "b.txt", "out"]);
    assert_eq!(documents[2]["status"], "skipped");
    assert!(
        documents[2]["message"].contains("run.json"),
        "{documents:?}"
    );
    assert!(
        stderr(&second).contains("earlier run"),
        "{}",
        stderr(&second)
    );
    // the same entities as the first run: none read from the tables
    assert_eq!(table(&out, "entity_frequencies.csv"), tables_before);
}

#[test]
fn an_input_folder_that_is_also_the_out_folder_reads_only_its_texts() {
    // `elpipe run texts --out texts`, run twice
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir_all(&texts).unwrap();
    std::fs::write(texts.join("a.txt"), "Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.").unwrap();
    for _ in 0..2 {
        let output = elpipe(&["run", path(&texts), "--out", path(&texts)]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let documents = table(&texts, "documents.csv");
    let ok: Vec<&str> = documents
        .iter()
        .filter(|d| d["status"] == "ok")
        .map(|d| d["doc_id"].as_str())
        .collect();
    assert_eq!(ok, ["a.txt"], "{documents:#?}");
    let skipped: Vec<&Row> = documents
        .iter()
        .filter(|d| d["status"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{documents:#?}");
    assert!(skipped[0]["message"].contains("earlier run"));
    assert!(documents.iter().all(|d| d["status"] != "error"));
}
