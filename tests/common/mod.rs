//! Helpers shared by the integration tests: run the `elpipe` binary and read its tables.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub type Row = HashMap<String, String>;

/// Every table `elpipe run` writes by default.
pub const TABLES: [&str; 6] = [
    "documents.csv",
    "tokens.csv",
    "entities.csv",
    "entity_frequencies.csv",
    "cooccurrences.csv",
    "terms.csv",
];

/// Runs the binary with `args`, returning its output (no assertion on the status).
pub fn elpipe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_elpipe"))
        .args(args)
        .output()
        .expect("the elpipe binary runs")
}

/// Runs `elpipe run INPUT... --out OUT EXTRA...` and asserts it succeeded.
pub fn run_ok(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec!["run".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string(), "--quiet".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = elpipe(&refs);
    assert!(
        output.status.success(),
        "elpipe {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Runs `elpipe run` with the default tables on `docs`, written as `in/d00.txt`, `in/d01.txt`...
/// of a fresh temporary folder, and returns that folder (keep it alive) and the tables' folder.
pub fn txt_tables(docs: &[&str]) -> (tempfile::TempDir, PathBuf) {
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

/// Runs `elpipe run --tables TABLES` on `docs`, written as `00.txt`, `01.txt`... (in order) of
/// a fresh temporary folder, and returns the rows of `entities.csv` and
/// `entity_frequencies.csv` (`tables` must name both).
pub fn entity_tables(docs: &[&str], tables: &str) -> (Vec<Row>, Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let path = dir.path().join(format!("{i:02}.txt"));
        std::fs::write(&path, doc).unwrap();
        paths.push(path);
    }
    let out = dir.path().join("out");
    let inputs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    run_ok(&inputs, &out, &["--tables", tables]);
    (
        table(&out, "entities.csv"),
        table(&out, "entity_frequencies.csv"),
    )
}

/// Reads a CSV table as rows keyed by the header.
pub fn table(dir: &Path, name: &str) -> Vec<Row> {
    let path = dir.join(name);
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The header of a CSV table.
pub fn header(dir: &Path, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(dir.join(name)).unwrap();
    reader.headers().unwrap().iter().map(String::from).collect()
}

/// Writes `files` (relative path, content) under a fresh temporary folder.
pub fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path: PathBuf = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

/// The token texts of one document, in order.
pub fn token_texts(tokens: &[Row], doc: &str) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| t["doc_id"] == doc)
        .map(|t| t["text"].clone())
        .collect()
}

/// Token texts grouped by sentence for one document.
pub fn sentences(tokens: &[Row], doc: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for t in tokens.iter().filter(|t| t["doc_id"] == doc) {
        let s: usize = t["sentence"].parse().unwrap();
        while out.len() <= s {
            out.push(Vec::new());
        }
        out[s].push(t["text"].clone());
    }
    out
}

/// Python-style slicing by code points.
pub fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}
