//! A run killed at any point leaves no table under its final name that is not complete, and a
//! rerun into the same folder gives the same bytes as an uninterrupted run.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;

/// A corpus large enough that a run takes a while: 3,000 documents written for this test.
fn big_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..3000 {
        let text = format!(
            "Η Μαρία Κωνσταντίνου, δήμαρχος της Καλαμάτας, συναντήθηκε σήμερα με τον υπουργό \
             Ανάπτυξης για το έργο {i}. «Το λιμάνι χρειάζεται 2,5 εκατ. ευρώ», είπε η κ. Κωνσταντίνου. \
             Ο Οργανισμός Λιμένος Καλαμάτας θα καταθέσει πρόταση έως τις 15/3. Γι' αυτό η Περιφέρεια \
             Πελοποννήσου ζήτησε στοιχεία από την Τράπεζα Πειραιώς και τη Eurobank. \
             Τι θα γίνει με τα υπόλοιπα {i} έργα; Κανείς δεν ξέρει ακόμη."
        );
        jsonl.push_str(&serde_json::json!({"id": format!("n{i}"), "text": text}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(dir.path().join("corpus.jsonl"), jsonl).unwrap();
    dir
}

fn spawn(input: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_elpipe"))
        .args([
            "run",
            input.to_str().unwrap(),
            "--quiet",
            "--threads",
            "2",
            "--out",
        ])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Every table present under its final name equals the reference; no partial file looks whole.
fn assert_only_complete_tables(out: &Path, reference: &Path) {
    for table in TABLES {
        let path = out.join(table);
        if path.exists() {
            assert!(
                std::fs::read(&path).unwrap() == std::fs::read(reference.join(table)).unwrap(),
                "{table} exists after the kill but is not the complete table"
            );
        }
    }
}

#[test]
fn interrupted_runs_leave_no_half_table_and_reruns_match() {
    let corpus = big_corpus();
    let input = corpus.path().join("corpus.jsonl");
    let outputs = tempfile::tempdir().unwrap();
    let reference = outputs.path().join("reference");
    run_ok(&[&input], &reference, &[]);

    for (i, delay_ms) in [30u64, 150, 400, 900].into_iter().enumerate() {
        for sig in ["INT", "KILL"] {
            let out = outputs.path().join(format!("run-{sig}-{i}"));
            let mut child = spawn(&input, &out);
            std::thread::sleep(Duration::from_millis(delay_ms));
            signal(&child, sig);
            let status = child.wait().unwrap();
            // Killed before the handler was installed, the process dies of the signal itself.
            if sig == "INT" && status.code().is_some() && !status.success() {
                assert_eq!(status.code(), Some(130), "Ctrl-C exits with 130");
                let mut stderr = String::new();
                std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
                assert!(stderr.contains("not written"), "{stderr}");
                for table in TABLES {
                    assert!(!out.join(table).exists(), "{table} left after Ctrl-C");
                }
            }
            assert_only_complete_tables(&out, &reference);
            run_ok(&[&input], &out, &[]);
            for table in TABLES {
                assert!(
                    std::fs::read(out.join(table)).unwrap()
                        == std::fs::read(reference.join(table)).unwrap(),
                    "{table} differs after a rerun into an interrupted folder"
                );
            }
        }
    }
}
