//! Hostile input, generated at test time: each case finishes or is rejected with a clear
//! message, within bounded memory, and never hangs. The heavy cases (hundreds of MB written)
//! are `#[ignore]`d in `cargo test --release` and run by `.ci/run` with `--ignored`.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// Runs `elpipe run INPUT --out OUT ARGS` and returns (exit code, stderr, peak RSS in MB as
/// elpipe reports it from the kernel's VmHWM: the fork from this large test process would
/// inflate the child's rusage figure).
fn run_measured(input: &Path, out: &Path, args: &[&str]) -> (i32, String, u64) {
    let output = Command::new(env!("CARGO_BIN_EXE_elpipe"))
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let peak_mb = stderr
        .split("peak memory ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|mb| mb.parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in: {stderr}"));
    (output.status.code().unwrap_or(-1), stderr, peak_mb)
}

#[test]
#[ignore = "writes a 500 MB file; .ci/run runs it with --ignored"]
fn a_500_mb_document_without_whitespace_finishes_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let chunk = "καλημέρα".repeat(1 << 16); // 1 MiB
    for _ in 0..500 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let out = dir.path().join("out");
    let (code, stderr, peak_mb) = run_measured(&path, &out, &["--tables", "documents"]);
    assert_eq!(code, 0, "{stderr}");
    let docs = table(&out, "documents.csv");
    assert_eq!(docs[0]["status"], "ok", "{docs:?}");
    assert_eq!(docs[0]["chars"], (500 * (1 << 19)).to_string());
    // runaway words are cut into 1 KB tokens
    assert_eq!(docs[0]["tokens"], (500 * 1024).to_string());
    eprintln!("500 MB without whitespace: peak RSS {peak_mb} MB");
    // the text is held once (500 MB); tokens only a segment batch at a time
    assert!(peak_mb < 800, "peak RSS {peak_mb} MB");
}

#[test]
#[ignore = "writes a 200 MB file; .ci/run runs it with --ignored"]
fn a_200_mb_document_on_one_line_is_processed_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let chunk = "Η Βουλή συνεδρίασε χθες το απόγευμα, και η συζήτηση κράτησε ώρες. ".repeat(8000);
    let mut written = 0;
    while written < 200_000_000 {
        file.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    file.flush().unwrap();
    drop(file);
    let out = dir.path().join("out");
    let (code, stderr, peak_mb) = run_measured(&path, &out, &["--tables", "documents,terms"]);
    assert_eq!(code, 0, "{stderr}");
    let docs = table(&out, "documents.csv");
    assert_eq!(docs[0]["status"], "ok", "{docs:?}");
    let tokens: usize = docs[0]["tokens"].parse().unwrap();
    assert!(tokens > 20_000_000, "{tokens}");
    // the text itself (200 MB) is held once; tokens are held one segment batch at a time
    eprintln!("200 MB on one line: peak RSS {peak_mb} MB");
    assert!(peak_mb < 600, "peak RSS {peak_mb} MB");
}

#[test]
fn a_million_combining_accents_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accents.txt");
    let text = format!("Αρχή α{} τέλος.", "\u{0301}".repeat(1_000_000));
    std::fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    let (code, stderr, peak_mb) = run_measured(&path, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let docs = table(&out, "documents.csv");
    assert_eq!(docs[0]["status"], "ok", "{docs:?}");
    let tokens = table(&out, "tokens.csv");
    assert_eq!(tokens.first().unwrap()["text"], "Αρχή");
    assert_eq!(tokens.last().unwrap()["text"], ".");
    assert!(peak_mb < 300, "peak RSS {peak_mb} MB");
}

#[test]
#[ignore = "writes a 100 MB JSONL line; .ci/run runs it with --ignored"]
fn a_100_mb_jsonl_line_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let words = "Ο υπουργός μίλησε στη Λάρισα για τα νέα έργα. ".repeat(1_300_000);
    let line = serde_json::json!({"id": "big", "text": words}).to_string();
    assert!(line.len() > 100_000_000);
    let mut content = String::from("{\"id\": \"small\", \"text\": \"Μικρό κείμενο.\"}\n");
    content.push_str(&line);
    content.push('\n');
    std::fs::write(&path, content).unwrap();
    drop(line);
    let out = dir.path().join("out");
    let (code, stderr, peak_mb) = run_measured(&path, &out, &["--tables", "documents,terms"]);
    assert_eq!(code, 0, "{stderr}");
    let docs = table(&out, "documents.csv");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["doc_id"], "big");
    assert_eq!(docs[1]["status"], "ok", "{docs:?}");
    eprintln!("100 MB JSONL line: peak RSS {peak_mb} MB");
    assert!(peak_mb < 700, "peak RSS {peak_mb} MB");
}

#[test]
fn a_csv_row_of_10000_columns_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    let mut header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    header[0] = "id".into();
    header[1] = "text".into();
    let mut row: Vec<String> = (0..10_000).map(|i| i.to_string()).collect();
    row[1] = "Ένα κείμενο σε πολύ φαρδύ πίνακα.".into();
    std::fs::write(&path, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    let out = dir.path().join("out");
    let (code, stderr, _) = run_measured(&path, &out, &["--keep-fields", "c9999"]);
    assert_eq!(code, 0, "{stderr}");
    let docs = table(&out, "documents.csv");
    assert_eq!(docs[0]["status"], "ok", "{docs:?}");
    assert_eq!(docs[0]["c9999"], "9999");
}

#[test]
#[ignore = "writes 100,000 files; .ci/run runs it with --ignored"]
fn a_folder_of_100000_tiny_files_and_a_symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for i in 0..100_000 {
        let sub = root.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i:06}.txt")), format!("Άρθρο {i}.")).unwrap();
    }
    std::os::unix::fs::symlink(&root, root.join("000").join("loop")).unwrap();
    let out = dir.path().join("out");
    let (code, stderr, peak_mb) = run_measured(&root, &out, &["--tables", "documents", "--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let docs = table(&out, "documents.csv");
    let ok = docs.iter().filter(|d| d["status"] == "ok").count();
    assert_eq!(ok, 100_000);
    assert!(
        docs.len() <= 100_001,
        "the loop is not followed: {} rows",
        docs.len()
    );
    assert!(peak_mb < 300, "peak RSS {peak_mb} MB");
}
