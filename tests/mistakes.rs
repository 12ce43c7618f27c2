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

fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

#[test]
fn old_greek_encodings_are_read_without_the_flag_and_say_so() {
    // what old Windows programs and Excel's "CSV" save: no flag needed, a note on each document
    let dir = tempfile::tempdir().unwrap();
    let windows = encoding_rs::WINDOWS_1253;
    let files = [
        ("notes.txt", encoded(windows, TEXT), "windows-1253"),
        (
            "archive.txt",
            encoded(
                encoding_rs::ISO_8859_7,
                "Η Άννα Ζαχαρίου έφτασε στην Άρτα.\n",
            ),
            "iso-8859-7",
        ),
        (
            "excel.csv",
            encoded(
                windows,
                "α/α;κείμενο;ημερομηνία\r\n1;Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.;14/03/2025\r\n",
            ),
            "windows-1253",
        ),
        ("export.jsonl", encoded(windows, JSONL), "windows-1253"),
    ];
    for (name, bytes, encoding) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let output = elpipe(&[
            "run",
            path(&dir.path().join(name)),
            "--text-field",
            if name.ends_with(".csv") {
                "κείμενο"
            } else {
                "text"
            },
            "--out",
            path(&out),
        ]);
        let err = stderr(&output);
        assert!(output.status.success(), "{name}: {err}");
        // the field survey reads the old encoding too: no word of a missing text field
        assert!(
            !err.contains("no document has the text field"),
            "{name}: {err}"
        );
        let documents = table(&out, "documents.csv");
        for d in &documents {
            assert_eq!(d["status"], "ok", "{name}");
            assert_eq!(d["lang"], "ell", "{name}");
            assert!(
                d["message"].contains(&format!("read as Greek {encoding}"))
                    && d["message"].contains(&format!("--encoding {encoding}")),
                "{name}: {d:?}"
            );
        }
        let entities = table(&out, "entities.csv");
        let expected = if name.starts_with("archive") {
            "Άννα Ζαχαρίου"
        } else {
            "Ελένη Ζαχαρίου"
        };
        let person = entities
            .iter()
            .find(|e| e["canonical"] == expected)
            .unwrap_or_else(|| panic!("{name}: {entities:#?}"));
        if name.ends_with(".txt") {
            // offsets count code points of the decoded text, as with UTF-8
            assert_eq!(&*person["start"], "2", "{name}");
        }
    }
}

#[test]
fn a_named_encoding_wins_over_the_guess_and_other_mojibake_is_not_taken_for_greek() {
    let dir = tempfile::tempdir().unwrap();
    // `--encoding utf-8` said on purpose: the bytes are replaced, the hint names the encoding
    let old = dir.path().join("old.txt");
    std::fs::write(&old, encoded(encoding_rs::WINDOWS_1253, TEXT)).unwrap();
    let out = dir.path().join("out-utf8");
    let output = elpipe(&[
        "run",
        path(&old),
        "--encoding",
        "utf-8",
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let d = &table(&out, "documents.csv")[0];
    assert!(d["message"].starts_with("invalid UTF-8"), "{d:?}");
    assert!(d["message"].contains("--encoding windows-1253"), "{d:?}");
    // Latin-1 French is not Greek: its bytes are replaced and no Greek encoding is suggested
    let french = dir.path().join("french.txt");
    std::fs::write(
        &french,
        encoded(
            encoding_rs::WINDOWS_1252,
            "Le café élève très bien, même à Noël.\n",
        ),
    )
    .unwrap();
    let out = dir.path().join("out-french");
    let output = elpipe(&["run", path(&french), "--out", path(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let d = &table(&out, "documents.csv")[0];
    assert!(d["message"].starts_with("invalid UTF-8"), "{d:?}");
    assert!(!d["message"].contains("1253"), "{d:?}");
    // UTF-8 Greek with one broken byte stays UTF-8, with the byte replaced
    let mut broken = TEXT.as_bytes().to_vec();
    broken.insert(2, 0xFF);
    let stray = dir.path().join("stray.txt");
    std::fs::write(&stray, broken).unwrap();
    let out = dir.path().join("out-stray");
    let output = elpipe(&["run", path(&stray), "--out", path(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let d = &table(&out, "documents.csv")[0];
    assert_eq!(d["message"], "invalid UTF-8: 1 bytes replaced", "{d:?}");
    assert!(table(&out, "tokens.csv")
        .iter()
        .any(|t| t["text"] == "Ζαχαρίου"));
}

#[test]
fn thousands_of_documents_with_the_same_note_do_not_bury_the_terminal() {
    // every line has an empty text: each document is skipped with a message
    let jsonl: String = (1..=120)
        .map(|i| format!("{{\"id\":\"{i}\",\"text\":\"\"}}\n"))
        .chain(["{\"id\":\"last\",\"text\":\"Η Ελένη έφτασε.\"}\n".to_string()])
        .collect();
    let (_dir, output, documents) = run(&[("empty.jsonl", &jsonl)], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(documents.len(), 121);
    let with_message = documents
        .iter()
        .filter(|d| !d["message"].is_empty())
        .count();
    assert_eq!(with_message, 120, "documents.csv keeps every message");
    let err = stderr(&output);
    let shown = err.lines().filter(|l| l.contains("empty.jsonl:")).count();
    assert_eq!(shown, 50, "{err}");
    assert!(
        err.contains("70 more documents with a message not shown"),
        "{err}"
    );
}

#[test]
fn slips_in_a_name_get_a_did_you_mean() {
    // a field that differs in case
    let jsonl = "{\"id\":\"1\",\"Text\":\"Η Ελένη Ζαχαρίου έφτασε.\"}\n";
    let (_dir, output, documents) = run(&[("cased.jsonl", jsonl)], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_says(
        &output,
        &documents,
        "error",
        "cased.jsonl:1",
        "did you mean --text-field Text?",
    );
    // a table name in the singular
    let (_dir, output, _) = run(&[("a.jsonl", JSONL)], &["--tables", "entity"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `entities`?"),
        "{}",
        stderr(&output)
    );
    // a pattern the shell passed on because no file matches it
    let output = elpipe(&["run", "no-such-folder/*.txt", "--out", "unused-out"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("file-name pattern that no file matches"),
        "{}",
        stderr(&output)
    );
    assert!(!Path::new("unused-out").exists());
}

#[test]
fn fields_inside_fields_of_a_social_media_export_are_named_with_dots() {
    let export = "{\"data\":{\"id\":\"t1\",\"text\":\"Η Ελένη Ζαχαρίου έφτασε στην Κοζάνη.\",\
                  \"created_at\":\"2025-03-01T10:00:00Z\"},\"user\":{\"name\":\"eleni_z\"}}\n\
                  {\"data\":{\"id\":\"t2\",\"text\":\"Ο Πέτρος Λιάπης έμεινε στη Λάρισα.\",\
                  \"created_at\":\"2025-04-02T10:00:00Z\"},\"user\":{\"name\":\"petros\"}}\n";
    // without the path: the message shows how to name the text inside `data`
    let (_dir, output, documents) = run(&[("tweets.jsonl", export)], &[]);
    assert_says(
        &output,
        &documents,
        "error",
        "tweets.jsonl:",
        "--text-field data.text",
    );
    // with it: ids, texts, kept fields and --group-by all reach inside
    let (dir, output, documents) = run(
        &[("tweets.jsonl", export)],
        &[
            "--text-field",
            "data.text",
            "--id-field",
            "data.id",
            "--keep-fields",
            "user.name",
            "--group-by",
            "data.created_at",
            "--period",
            "month",
        ],
    );
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("no document has"), "{err}");
    let ids: Vec<&str> = documents.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids, ["t1", "t2"]);
    assert_eq!(documents[1]["user.name"], "petros");
    let frequencies = table(&dir.path().join("out"), "entity_frequencies.csv");
    let months: std::collections::BTreeSet<&str> = frequencies
        .iter()
        .map(|r| r["data.created_at"].as_str())
        .collect();
    assert_eq!(
        months.into_iter().collect::<Vec<_>>(),
        ["2025-03", "2025-04"]
    );
}

#[test]
fn a_space_after_a_comma_in_a_list_flag_is_named() {
    let (dir, _, _) = run(&[("a.jsonl", JSONL)], &[]);
    let input = dir.path().join("a.jsonl");
    let out = dir.path().join("out-list");
    // the shell splits `date, source`: `source` becomes an input
    let output = elpipe(&[
        "run",
        path(&input),
        "--keep-fields",
        "date,",
        "source",
        "--out",
        path(&out),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("source: no such file or directory")
            && err.contains("`date,` ends with a comma"),
        "{err}"
    );
    assert!(!out.exists());
}
