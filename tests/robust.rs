//! Ordinary mistakes fail loudly and no good result is lost: exit codes, field checks, the
//! output folder as a transaction, run.json, CSV dialects and encodings, binary files,
//! duplicate ids, messages, a closed stderr.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_elpipe"))
}

/// Runs `elpipe run ARGS` (not quiet) and returns its output.
fn run(args: &[&str]) -> Output {
    let mut command = bin();
    command.arg("run").args(args);
    command.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file in a folder with its bytes, sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const ARTICLE: &str = "Ο Κυριάκος Μητσοτάκης μίλησε χθες στη Θεσσαλονίκη για το λιμάνι.";

#[test]
fn exit_codes_0_1_2() {
    let dir = corpus(&[
        (
            "good.jsonl",
            format!("{{\"id\":\"a\",\"text\":\"{ARTICLE}\"}}\n").as_bytes(),
        ),
        (
            "export.csv",
            format!("id,text\n1,{ARTICLE}\n2,Δεύτερο.\n").as_bytes(),
        ),
    ]);
    let out = dir.path().join("out");
    let ok = run(&[path(&dir.path().join("good.jsonl")), "--out", path(&out)]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));

    // --format jsonl on a CSV file: every row fails, the tables still say why, exit 1
    let out1 = dir.path().join("out1");
    let failed = run(&[
        path(&dir.path().join("export.csv")),
        "--format",
        "jsonl",
        "--out",
        path(&out1),
    ]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("no document is ok"),
        "{}",
        stderr(&failed)
    );
    let docs = table(&out1, "documents.csv");
    assert!(docs.iter().all(|d| d["status"] == "error"), "{docs:?}");

    // an input that cannot be read is an error row, exit 1
    let corrupt = dir.path().join("broken.txt.gz");
    std::fs::write(&corrupt, b"\x1f\x8b\x08\x00not gzip at all").unwrap();
    let out_io = dir.path().join("out-io");
    let io = run(&[path(&corrupt), "--out", path(&out_io)]);
    assert_eq!(io.status.code(), Some(1), "{}", stderr(&io));
    assert_eq!(table(&out_io, "documents.csv")[0]["status"], "error");

    // usage errors: exit 2 and nothing written
    let out2 = dir.path().join("out2");
    for args in [
        vec![
            path(&dir.path().join("missing.jsonl")),
            "--out",
            path(&out2),
        ],
        vec![
            path(&dir.path().join("good.jsonl")),
            "--out",
            path(&out2),
            "--tables",
            "nope",
        ],
        vec![
            path(&dir.path().join("good.jsonl")),
            "--out",
            path(&out2),
            "--encoding",
            "klingon",
        ],
    ] {
        let usage = run(&args);
        assert_eq!(usage.status.code(), Some(2), "{args:?}: {}", stderr(&usage));
        assert!(!out2.exists(), "{args:?} created --out");
    }
    let help = bin().args(["run", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for code in ["Exit codes", "130", "usage error"] {
        assert!(help.contains(code), "--help lacks {code}: {help}");
    }
}

#[test]
fn field_names_are_checked_against_the_input() {
    let jsonl = format!(
        "{{\"id\":\"1\",\"body\":\"{ARTICLE}\",\"date\":\"2026-01-05\"}}\n\
         {{\"id\":\"2\",\"body\":\"Άλλο κείμενο.\",\"date\":\"2026-01-06\"}}\n"
    );
    let dir = corpus(&[
        ("news.jsonl", jsonl.as_bytes()),
        ("notes/a.txt", ARTICLE.as_bytes()),
    ]);
    let input = dir.path().join("news.jsonl");
    let out = dir.path().join("out");

    // the text field is under `body`: the message names the fields and the flag
    let missing = run(&[path(&input), "--out", path(&out)]);
    assert_eq!(missing.status.code(), Some(1));
    let docs = table(&out, "documents.csv");
    assert!(
        docs[0]["message"].contains("fields present: body, date, id")
            && docs[0]["message"].contains("--text-field"),
        "{docs:?}"
    );
    let err = stderr(&missing);
    assert!(err.contains("--text-field"), "{err}");

    // --group-by with the wrong case: usage error naming the fields present
    let out2 = dir.path().join("out2");
    let wrong = run(&[
        path(&input),
        "--text-field",
        "body",
        "--group-by",
        "Date",
        "--out",
        path(&out2),
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("body, date, id"),
        "{}",
        stderr(&wrong)
    );
    assert!(!out2.exists());

    // --group-by on text files, which have no fields
    let txt = run(&[
        path(&dir.path().join("notes")),
        "--group-by",
        "date",
        "--out",
        path(&out2),
    ]);
    assert_eq!(txt.status.code(), Some(2));
    assert!(stderr(&txt).contains("no fields"), "{}", stderr(&txt));

    // --keep-fields naming a field no document has: a warning naming it, the run goes on
    let kept = run(&[
        path(&input),
        "--text-field",
        "body",
        "--keep-fields",
        "date,nosuch",
        "--out",
        path(&out2),
    ]);
    assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
    assert!(
        stderr(&kept).contains("warning: --keep-fields nosuch"),
        "{}",
        stderr(&kept)
    );
    assert_eq!(table(&out2, "documents.csv")[1]["date"], "2026-01-06");
}

/// A corpus large enough that a run takes a few seconds: 15,000 documents written for this test.
fn long_corpus(dir: &Path) -> std::path::PathBuf {
    let mut jsonl = String::new();
    for i in 0..15_000 {
        let text = format!(
            "Η δήμαρχος της Καλαμάτας Μαρία Κωνσταντίνου συναντήθηκε με τον υπουργό για το έργο {i}. \
             Ο Οργανισμός Λιμένος Καλαμάτας θα καταθέσει πρόταση έως τις 15/3, είπε η κ. Κωνσταντίνου. \
             Η Περιφέρεια Πελοποννήσου ζήτησε στοιχεία από την Τράπεζα Πειραιώς."
        );
        jsonl.push_str(&serde_json::json!({"id": format!("n{i}"), "text": text}).to_string());
        jsonl.push('\n');
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, jsonl).unwrap();
    path
}

#[test]
fn ctrl_c_or_kill_during_a_rerun_leaves_the_previous_tables_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let input = long_corpus(dir.path());
    let out = dir.path().join("out");
    run_ok(&[&input], &out, &[]);
    std::fs::write(out.join("my-notes.txt"), "not elpipe's").unwrap();
    let before = snapshot(&out);
    assert!(names(&out).contains(&"run.json".to_string()));
    // The rerun reads its corpus from a pipe that stays open, so the signal always comes while
    // it is still running, however fast the machine.
    let corpus = std::fs::read(&input).unwrap();
    for (signal, delay) in [("INT", 200u64), ("KILL", 500), ("INT", 900)] {
        let mut child = bin()
            .args([
                "run",
                "-",
                "--format",
                "jsonl",
                "--quiet",
                "--threads",
                "2",
                "--out",
                path(&out),
            ])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&corpus[..corpus.len() / 2]).unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        drop(stdin);
        let status = child.wait().unwrap();
        if signal == "INT" {
            assert_eq!(status.code(), Some(130), "Ctrl-C exits with 130");
        }
        assert!(
            snapshot(&out) == before,
            "--out changed after {signal} at {delay} ms"
        );
    }
    // the killed run's staging folder is hidden beside --out, and the next run removes it
    run_ok(&[&input], &out, &["--tables", "documents"]);
    let leftovers: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.contains(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_partial_tables_run_leaves_no_stale_table_and_never_touches_other_files() {
    let dir = corpus(&[
        ("one.txt", ARTICLE.as_bytes()),
        ("two.txt", "Η Πάτρα και η Λάρισα.".as_bytes()),
    ]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("one.txt")], &out, &[]);
    std::fs::write(out.join("analysis.ipynb"), "{}").unwrap();
    std::fs::write(out.join("chart.png"), [0x89, b'P', b'N', b'G']).unwrap();
    run_ok(
        &[&dir.path().join("two.txt")],
        &out,
        &["--tables", "entities,entity_frequencies"],
    );
    assert_eq!(
        names(&out),
        [
            "analysis.ipynb",
            "chart.png",
            "entities.csv",
            "entity_frequencies.csv",
            "run.json"
        ]
    );
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(
        record["tables"],
        serde_json::json!(["entities.csv", "entity_frequencies.csv"])
    );
    assert_eq!(table(&out, "entities.csv")[0]["doc_id"], "two.txt");
}

#[test]
fn run_json_records_version_command_inputs_options_model_counts_and_times() {
    let dir = corpus(&[(
        "news.jsonl",
        format!(
            "{{\"id\":\"1\",\"text\":\"{ARTICLE}\"}}\n{{\"id\":\"2\",\"text\":\"  \"}}\nnot json\n"
        )
        .as_bytes(),
    )]);
    let input = dir.path().join("news.jsonl");
    let out = dir.path().join("out");
    let output = run(&[path(&input), "--out", path(&out), "--keep-duplicate-lines"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(record["elpipe_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(record["command"][1], "run");
    assert!(record["command"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("--keep-duplicate-lines")));
    assert_eq!(record["inputs"][0]["path"], path(&input));
    assert_eq!(
        record["inputs"][0]["size"],
        std::fs::metadata(&input).unwrap().len()
    );
    assert!(record["inputs"][0]["modified"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert_eq!(record["options"]["keep_duplicate_lines"], true);
    assert_eq!(record["options"]["text_field"], "text");
    assert_eq!(record["model"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(record["counts"]["documents"], 3);
    assert_eq!(record["counts"]["ok"], 1);
    assert_eq!(record["counts"]["skipped"], 1);
    assert_eq!(record["counts"]["error"], 1);
    assert!(record["counts"]["tokens"].as_u64().unwrap() > 5);
    assert!(record["counts"]["entities"].as_u64().unwrap() >= 2);
    assert!(record["started"].as_str().unwrap() <= record["finished"].as_str().unwrap());
    assert_eq!(record["exit_code"], 0);
}

#[test]
fn a_semicolon_excel_export_with_bom_reads_with_every_document_ok() {
    let mut excel = b"\xEF\xBB\xBF".to_vec();
    excel.extend_from_slice(
        "id;text;date\r\n1;Η Βουλή ψήφισε, μετά από συζήτηση, το νομοσχέδιο.;2026-02-01\r\n\
         2;\"Ο δήμαρχος Πάτρας; Απάντησε.\";2026-02-02\r\n"
            .as_bytes(),
    );
    let dir = corpus(&[
        ("export.csv", &excel),
        ("pipes.csv", "id|text\n1|Η Λάρισα, η Κοζάνη.\n".as_bytes()),
    ]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("export.csv")],
        &out,
        &["--keep-fields", "date"],
    );
    let docs = table(&out, "documents.csv");
    assert_eq!(docs.len(), 2);
    assert!(docs.iter().all(|d| d["status"] == "ok"), "{docs:?}");
    assert_eq!(docs[0]["doc_id"], "1");
    assert_eq!(docs[1]["date"], "2026-02-02");
    // --delimiter overrides the sniffing
    run_ok(
        &[&dir.path().join("pipes.csv")],
        &out,
        &["--delimiter", "|"],
    );
    let docs = table(&out, "documents.csv");
    assert_eq!(docs[0]["status"], "ok", "{docs:?}");
    assert_eq!(docs[0]["chars"], "19");
}

#[test]
fn a_windows_1253_file_read_with_encoding_finds_its_entities() {
    let text = "Ο Κυριάκος Μητσοτάκης επισκέφθηκε τη Θεσσαλονίκη και την Πάτρα.";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1253.encode(text);
    assert!(!unmappable);
    let dir = corpus(&[("old.txt", &bytes)]);
    let input = dir.path().join("old.txt");
    let out = dir.path().join("out");
    // read as UTF-8 the message names the fix
    let plain = run(&[path(&input), "--out", path(&out)]);
    assert!(
        stderr(&plain).contains("--encoding windows-1253"),
        "{}",
        stderr(&plain)
    );
    run_ok(&[&input], &out, &["--encoding", "windows-1253"]);
    let docs = table(&out, "documents.csv");
    assert_eq!(docs[0]["status"], "ok");
    assert_eq!(docs[0]["message"], "");
    assert_eq!(docs[0]["chars"], text.chars().count().to_string());
    let canonical: Vec<String> = table(&out, "entities.csv")
        .iter()
        .map(|e| e["canonical"].clone())
        .collect();
    assert!(
        canonical.contains(&"Θεσσαλονίκη".to_string()),
        "{canonical:?}"
    );
    assert!(
        canonical.iter().any(|c| c.contains("Μητσοτάκης")),
        "{canonical:?}"
    );
    // iso-8859-7 and a CSV in windows-1253 too
    let (csv, _, _) = encoding_rs::WINDOWS_1253.encode("id;text\nα;Η Αθήνα.\n");
    std::fs::write(dir.path().join("old.csv"), &csv).unwrap();
    run_ok(
        &[&dir.path().join("old.csv")],
        &out,
        &["--encoding", "greek"],
    );
    assert_eq!(table(&out, "tokens.csv")[1]["text"], "Αθήνα");
}

#[test]
fn binary_content_in_a_text_file_is_skipped() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..5000u32).map(|i| (i * 31 % 256) as u8));
    let dir = corpus(&[("photo.txt", &png), ("real.txt", ARTICLE.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[dir.path()], &out, &[]);
    let docs = table(&out, "documents.csv");
    let photo = docs.iter().find(|d| d["doc_id"] == "photo.txt").unwrap();
    assert_eq!(photo["status"], "skipped");
    assert_eq!(photo["message"], "binary file");
    // named alone: skipped too, and as no document is ok the exit code is 1
    let alone = run(&[path(&dir.path().join("photo.txt")), "--out", path(&out)]);
    assert_eq!(alone.status.code(), Some(1));
    assert_eq!(table(&out, "documents.csv")[0]["message"], "binary file");
}

#[test]
fn duplicate_ids_are_reported_once_per_id_with_both_sources_and_counted() {
    let jsonl = "{\"id\":\"7\",\"text\":\"Ένα.\"}\n{\"id\":\"8\",\"text\":\"Δύο.\"}\n\
                 {\"id\":\"7\",\"text\":\"Τρία.\"}\n{\"id\":\"7\",\"text\":\"Τέσσερα.\"}\n";
    let dir = corpus(&[("a.jsonl", jsonl.as_bytes())]);
    let out = dir.path().join("out");
    let output = run(&[path(&dir.path().join("a.jsonl")), "--out", path(&out)]);
    assert_eq!(output.status.code(), Some(0));
    let err = stderr(&output);
    let reports: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("duplicate id `"))
        .collect();
    assert_eq!(reports.len(), 1, "{err}");
    assert!(
        reports[0].contains("a.jsonl:1") && reports[0].contains("a.jsonl:3"),
        "{err}"
    );
    assert!(err.contains("1 duplicate ids"), "{err}");
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(record["counts"]["duplicate_ids"], 1);
    assert_eq!(table(&out, "documents.csv").len(), 4);
}

#[test]
fn messages_say_what_failed_once_and_name_the_flag_or_file() {
    let dir = corpus(&[("f.jsonl", "{\"id\":1,\"text\":\"α.\"}\n{bad\n".as_bytes())]);
    let out = dir.path().join("out");
    let output = run(&[path(&dir.path().join("f.jsonl")), "--out", path(&out)]);
    let err = stderr(&output);
    let warning = err.lines().find(|l| l.contains("invalid JSON")).unwrap();
    assert_eq!(warning.matches("f.jsonl:2").count(), 1, "{warning}");
    assert!(
        warning.contains("f.jsonl:2: error: invalid JSON"),
        "{warning}"
    );

    let stop = run(&[
        path(&dir.path().join("f.jsonl")),
        "--out",
        path(&out),
        "--stopwords",
        "nosuch.txt",
    ]);
    assert_eq!(stop.status.code(), Some(2));
    let err = stderr(&stop);
    assert!(
        err.contains("--stopwords") && err.contains("nosuch.txt"),
        "{err}"
    );
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn a_closed_stderr_ends_the_run_without_a_panic() {
    let mut jsonl = String::new();
    for i in 0..2000 {
        jsonl.push_str(&format!("{{\"id\":\"{i}\",\"body\":\"x\"}}\n"));
    }
    jsonl.push_str(&format!("{{\"id\":\"last\",\"text\":\"{ARTICLE}\"}}\n"));
    let dir = corpus(&[("warn.jsonl", jsonl.as_bytes())]);
    let out = dir.path().join("out");
    let script = format!(
        "'{}' run '{}' --out '{}' 2>&1 | head -1; echo \"status=${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_elpipe"),
        path(&dir.path().join("warn.jsonl")),
        path(&out)
    );
    let output = Command::new("bash").args(["-c", &script]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("panicked"), "{text}");
    assert!(text.contains("status=0"), "{text}");
    assert_eq!(table(&out, "documents.csv").len(), 2001);
}

#[test]
fn progress_is_quiet_with_quiet_and_at_most_one_line_per_10_s_off_a_terminal() {
    let dir = corpus(&[("a.txt", ARTICLE.as_bytes())]);
    let out = dir.path().join("out");
    let loud = run(&[path(&dir.path().join("a.txt")), "--out", path(&out)]);
    let err = stderr(&loud);
    // a run shorter than 10 s prints no progress line, only the summary
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("1 documents"), "{err}");
}
