//! Partial results merged exactly (issue 14): `elpipe run --partial` over pieces of a corpus,
//! then `elpipe merge`, writes the very bytes of one `elpipe run` over all the pieces in order,
//! for every table, whatever the cut; merging is associative; parts made differently are
//! refused with the difference named.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

/// Every table, so each is compared (`entity_keyness` only with `--group-by`).
const TABLES: &str = "documents,tokens,entities,entity_frequencies,cooccurrences,terms,concordance";
const GROUPED_TABLES: &str =
    "documents,tokens,entities,entity_frequencies,cooccurrences,terms,concordance,entity_keyness";

/// A small news corpus written for these tests. What one part alone cannot decide: a bare
/// surname («Καραλή») whose full name is in another document, an acronym («ΕΣΠΑ», «ΚΙΠΑ»)
/// defined in one document and used alone in others, names tagged with two types, ids used
/// twice, a document without a date, one without text, a repeated line, an unreadable line.
const CORPUS: [&str; 18] = [
    r#"{"id":"n01","date":"2024-01-08","outlet":"Πρωινή","text":"Η υπουργός Ελένη Καραλή επισκέφθηκε χθες το λιμάνι του Βόλου. Η Καραλή συναντήθηκε με τον δήμαρχο Στέφανο Μαυρίδη."}"#,
    r#"{"id":"n02","date":"2024-01-15","outlet":"Βραδινή","text":"Το Εθνικό Στρατηγικό Πλαίσιο Αναφοράς (ΕΣΠΑ) χρηματοδοτεί νέα έργα στη Λάρισα και στα Τρίκαλα."}"#,
    r#"{"id":"n03","date":"2024-01-22","outlet":"Πρωινή","text":"Ο Μαυρίδης δήλωσε ότι τα κονδύλια του ΕΣΠΑ θα φτάσουν στον Βόλο μέσα στον Μάρτιο."}"#,
    r#"{"id":"n04","date":"2024-02-02","outlet":"Βραδινή","text":"ΚΑΡΑΛΗ: ΝΕΑ ΜΕΤΡΑ ΓΙΑ ΤΟ ΛΙΜΑΝΙ\nΗ Καραλή ανακοίνωσε νέα μέτρα για τη Θεσσαλονίκη και τον Πειραιά.\nΚΑΡΑΛΗ: ΝΕΑ ΜΕΤΡΑ ΓΙΑ ΤΟ ΛΙΜΑΝΙ"}"#,
    r#"{"id":"n05","date":"2024-02-09","outlet":"Πρωινή","text":"Το Κίνημα Πράσινης Ανάπτυξης (ΚΙΠΑ) ζήτησε συνάντηση με την Ελένη Καραλή στην Αθήνα."}"#,
    r#"{"id":"n06","date":"","outlet":"Πρωινή","text":"Το ΚΙΠΑ διαφώνησε με τον Μαυρίδη για το λιμάνι του Βόλου."}"#,
    r#"{"id":"n07","date":"2024-02-20","outlet":"Βραδινή","text":""}"#,
    r#"{"id":"n03","date":"2024-03-01","outlet":"Βραδινή","text":"Ο Γιώργος Αντωνίου από την Πάτρα μίλησε για την Ευρωπαϊκή Ένωση. Ο Αντωνίου ζήτησε νέα έργα."}"#,
    r#"{"id":"n09","date":"2024-03-05","outlet":"Πρωινή","text":"Στην Αθήνα και στη Θεσσαλονίκη η Ευρωπαϊκή Ένωση ανακοίνωσε νέα κονδύλια μέσω του ΕΣΠΑ."}"#,
    r#"{"id":"n10","date":"14/03/2024","outlet":"Βραδινή","text":"Η Άρτεμις Δούκα και ο Αντωνίου συναντήθηκαν στην Πάτρα. Η Δούκα είπε ότι η Πάτρα χρειάζεται λιμάνι."}"#,
    r#"{"id":"n11","date":"2024-03-20","outlet":"Πρωινή","text": broken"#,
    r#"{"id":"n12","date":"2024-04-02","outlet":"Πρωινή","text":"Ο Μαυρίδης και η Καραλή επισκέφθηκαν την Κέρκυρα. Στην Κέρκυρα τους περίμενε ο Αντωνίου."}"#,
    r#"{"id":"n13","date":"2024-04-11","outlet":"Βραδινή","text":"ΒΟΛΟΣ: Η Ελένη Καραλή και ο Στέφανος Μαυρίδης στο λιμάνι. Η Ευρωπαϊκή Ένωση στηρίζει το ΕΣΠΑ."}"#,
    r#"{"id":"n14","date":"2024-04-18","outlet":"Πρωινή","text":"Η Δούκα ταξίδεψε στη Λάρισα. Η Λάρισα και τα Τρίκαλα ζητούν νέα έργα από το ΚΙΠΑ."}"#,
    r#"{"id":"n15","date":"2024-05-03","outlet":"Βραδινή","text":"Ο Αντωνίου, η Δούκα και ο Μαυρίδης μίλησαν στον Πειραιά για τα λιμάνια της χώρας."}"#,
    r#"{"id":"n16","date":"2024-05-10","outlet":"Πρωινή","text":"Η Καραλή απάντησε στο ΚΙΠΑ από τη Θεσσαλονίκη."}"#,
    r#"{"id":"n01","date":"2024-05-17","outlet":"Βραδινή","text":"Ο Στέφανος Μαυρίδης και η Άρτεμις Δούκα εγκαινίασαν έργο του ΕΣΠΑ στον Βόλο."}"#,
    r#"{"id":"n18","date":"2024-05-24","outlet":"Πρωινή","text":"Νέα έργα στην Κέρκυρα και στην Πάτρα."}"#,
];

fn elpipe(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_elpipe"))
        .args(args)
        .output()
        .expect("the elpipe binary runs")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn show(p: &Path) -> String {
    p.display().to_string()
}

/// `elpipe run INPUTS --out OUT OPTIONS`; a run whose documents all fail exits 1 and is
/// still written, so only a missing output is a failure here.
fn run(inputs: &[PathBuf], out: &Path, options: &[&str]) -> Output {
    let mut args = strings(&["run"]);
    args.extend(inputs.iter().map(|p| show(p)));
    args.extend(["--out".into(), show(out), "--quiet".into()]);
    args.extend(strings(options));
    let output = elpipe(&args);
    assert!(
        out.join("run.json").is_file(),
        "elpipe {args:?} wrote nothing: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn merge(parts: &[PathBuf], out: &Path, options: &[&str]) -> Output {
    let mut args = strings(&["merge"]);
    args.extend(parts.iter().map(|p| show(p)));
    args.extend(["--out".into(), show(out)]);
    args.extend(strings(options));
    elpipe(&args)
}

fn merge_ok(parts: &[PathBuf], out: &Path, options: &[&str]) {
    let output = merge(parts, out, options);
    assert!(
        output.status.success(),
        "elpipe merge failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes the corpus lines `lines` into `dir/name`.
fn write_part(dir: &Path, name: &str, lines: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut text = lines.join("\n");
    if !lines.is_empty() {
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Cuts the corpus at `cuts` (sorted positions, empty pieces allowed) into files.
fn pieces(dir: &Path, cuts: &[usize]) -> Vec<PathBuf> {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(CORPUS.len());
    bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| write_part(dir, &format!("piece{i}.jsonl"), &CORPUS[w[0]..w[1]]))
        .collect()
}

/// The tables of a folder (every file but run.json), sorted by name, with their bytes.
fn tables(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() != "run.json")
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Asserts two folders hold the same tables, byte for byte, naming the first that differs.
fn assert_same_tables(one_run: &Path, merged: &Path) {
    let (a, b) = (tables(one_run), tables(merged));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "the merge wrote other tables");
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{name} differs:\n--- one run\n{}\n--- merge\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
}

fn counts(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("run.json")).unwrap();
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    record["counts"].clone()
}

/// Runs each piece with `--partial`, merges, and compares with one run over the pieces.
fn check_split(dir: &Path, inputs: &[PathBuf], options: &[&str]) {
    let mut parts = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let part = dir.join(format!("part{i}"));
        let mut partial = options.to_vec();
        partial.push("--partial");
        run(std::slice::from_ref(input), &part, &partial);
        parts.push(part);
    }
    let merged = dir.join("merged");
    merge_ok(&parts, &merged, &[]);
    let one = dir.join("one");
    run(inputs, &one, options);
    assert_same_tables(&one, &merged);
    assert_eq!(counts(&one), counts(&merged), "run.json counts differ");
}

fn grouped_options() -> Vec<&'static str> {
    vec![
        "--keep-fields",
        "outlet",
        "--group-by",
        "date",
        "--period",
        "month",
        "--tables",
        GROUPED_TABLES,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// k = 1..5 parts cut at random places (empty parts included): the merge writes every
    /// table of one run, byte for byte, with and without `--group-by`.
    #[test]
    fn merged_parts_equal_one_run(
        k in 1usize..=5,
        raw_cuts in proptest::collection::vec(0..=CORPUS.len(), 4),
        grouped in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut cuts: Vec<usize> = raw_cuts[..k - 1].to_vec();
        cuts.sort_unstable();
        let inputs = pieces(dir.path(), &cuts);
        let options = match grouped {
            true => grouped_options(),
            false => vec!["--tables", TABLES],
        };
        check_split(dir.path(), &inputs, &options);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// The heavy version, run from `.ci/run`: more cuts, every table in CSV and Parquet, with
    /// `--keep-duplicate-lines` or a short concordance context.
    #[test]
    #[ignore]
    fn many_cuts_in_both_formats_equal_one_run(
        k in 1usize..=5,
        raw_cuts in proptest::collection::vec(0..=CORPUS.len(), 4),
        grouped in any::<bool>(),
        duplicates in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut cuts: Vec<usize> = raw_cuts[..k - 1].to_vec();
        cuts.sort_unstable();
        let inputs = pieces(dir.path(), &cuts);
        let mut options = match grouped {
            true => grouped_options(),
            false => vec!["--tables", TABLES],
        };
        options.extend(["--output-format", "both"]);
        match duplicates {
            true => options.push("--keep-duplicate-lines"),
            false => options.extend(["--context", "25"]),
        }
        check_split(dir.path(), &inputs, &options);
    }
}

#[test]
fn five_parts_with_group_by_and_parquet_equal_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = pieces(dir.path(), &[3, 4, 9, 14]);
    let mut options = grouped_options();
    options.extend(["--output-format", "both"]);
    check_split(dir.path(), &inputs, &options);
    assert!(dir.path().join("merged/entities.parquet").is_file());
}

#[test]
fn merging_is_associative() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = pieces(d, &[5, 11]);
    let options = grouped_options();
    let mut parts = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let part = d.join(format!("part{i}"));
        let mut partial = options.clone();
        partial.push("--partial");
        run(std::slice::from_ref(input), &part, &partial);
        parts.push(part);
    }
    let (a, b, c) = (&parts[0], &parts[1], &parts[2]);
    merge_ok(&[a.clone(), b.clone()], &d.join("ab"), &["--partial"]);
    merge_ok(&[b.clone(), c.clone()], &d.join("bc"), &["--partial"]);
    merge_ok(&[d.join("ab"), c.clone()], &d.join("ab_c"), &[]);
    merge_ok(&[a.clone(), d.join("bc")], &d.join("a_bc"), &[]);
    merge_ok(&parts, &d.join("abc"), &[]);
    assert_same_tables(&d.join("abc"), &d.join("ab_c"));
    assert_same_tables(&d.join("abc"), &d.join("a_bc"));
    // a merged partial result is itself the partial result of all its inputs
    merge_ok(&parts, &d.join("abc_partial"), &["--partial"]);
    merge_ok(
        &[d.join("ab"), c.clone()],
        &d.join("ab_c_partial"),
        &["--partial"],
    );
    assert_same_tables(&d.join("abc_partial"), &d.join("ab_c_partial"));
    let one = d.join("one");
    run(&inputs, &one, &options);
    assert_same_tables(&one, &d.join("ab_c"));
}

#[test]
fn aliases_are_applied_at_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let aliases = d.join("aliases.csv");
    std::fs::write(
        &aliases,
        "alias,canonical\nΕυρωπαϊκή Ένωση,Ένωση της Ευρώπης\n",
    )
    .unwrap();
    let inputs = pieces(d, &[8]);
    let aliases = show(&aliases);
    check_split(d, &inputs, &["--aliases", &aliases, "--tables", TABLES]);
    let entities = std::fs::read_to_string(d.join("merged/entities.csv")).unwrap();
    assert!(entities.contains("Ένωση της Ευρώπης"));
}

/// Two parts, the second made with `extra` options.
fn differing_parts(d: &Path, extra: &[&str]) -> Output {
    let inputs = pieces(d, &[9]);
    run(&inputs[..1], &d.join("a"), &["--partial"]);
    let mut options = vec!["--partial"];
    options.extend_from_slice(extra);
    run(&inputs[1..], &d.join("b"), &options);
    merge(&[d.join("a"), d.join("b")], &d.join("out"), &[])
}

#[test]
fn parts_made_with_other_options_are_refused_naming_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let output = differing_parts(d, &["--context", "20"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--context is 60"), "{stderr}");
    assert!(stderr.contains("but 20"), "{stderr}");
    assert!(
        stderr.contains(&show(&d.join("a"))) && stderr.contains(&show(&d.join("b"))),
        "{stderr}"
    );
    assert!(!d.join("out").exists(), "nothing is written");

    let other = tempfile::tempdir().unwrap();
    let output = differing_parts(other.path(), &["--no-tagging"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the model"), "{stderr}");
}

#[test]
fn a_folder_that_is_not_a_partial_result_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = pieces(d, &[]);
    run(&inputs, &d.join("full"), &[]);
    let output = merge(&[d.join("full")], &d.join("out"), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a partial result"), "{stderr}");
}

#[test]
fn parquet_is_merged_only_from_parts_that_have_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = pieces(d, &[]);
    run(&inputs, &d.join("a"), &["--partial"]);
    let output = merge(
        &[d.join("a")],
        &d.join("out"),
        &["--output-format", "parquet"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--output-format parquet"), "{stderr}");
}

#[test]
fn a_partial_result_has_a_versioned_header() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = pieces(d, &[]);
    run(&inputs, &d.join("a"), &["--partial"]);
    let text = std::fs::read_to_string(d.join("a/partial.json")).unwrap();
    let header: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(header["format"], "elpipe-partial");
    assert_eq!(header["format_version"], 1);
    assert_eq!(
        header["settings"]["elpipe_version"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(header["counts"]["documents"], CORPUS.len());
    assert!(header["settings"]["model_sha256"].as_str().is_some());
    // the corpus-wide tables are not written by a partial run
    assert!(!d.join("a/entities.csv").exists());
    assert!(d.join("a/documents.csv").is_file());
}

#[test]
fn pieces_of_one_file_named_as_its_lines_merge_into_the_run_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // records without an id get `corpus.jsonl:LINE`; a blank line is counted, not read
    let mut lines: Vec<String> = CORPUS.iter().map(|l| l.to_string()).collect();
    for line in lines.iter_mut().step_by(3) {
        if let Some(rest) = line.strip_prefix(r#"{"id":""#) {
            let after = rest.split_once("\",").map_or("", |(_, a)| a);
            *line = format!("{{{after}");
        }
    }
    lines.insert(6, String::new());
    let whole = d.join("corpus.jsonl");
    std::fs::write(&whole, lines.join("\n") + "\n").unwrap();
    let (first, second) = lines.split_at(10);
    let a = d.join("a.jsonl");
    let b = d.join("b.jsonl");
    std::fs::write(&a, first.join("\n") + "\n").unwrap();
    std::fs::write(&b, second.join("\n") + "\n").unwrap();
    let name = show(&whole);
    run(&[a], &d.join("pa"), &["--partial", "--source-name", &name]);
    run(
        &[b],
        &d.join("pb"),
        &["--partial", "--source-name", &name, "--first-line", "11"],
    );
    merge_ok(&[d.join("pa"), d.join("pb")], &d.join("merged"), &[]);
    run(&[whole], &d.join("one"), &[]);
    assert_same_tables(&d.join("one"), &d.join("merged"));
    let documents = std::fs::read_to_string(d.join("merged/documents.csv")).unwrap();
    assert!(
        documents.contains(&format!("corpus.jsonl:11,{name}:11,")),
        "{documents}"
    );
}

#[test]
fn a_part_of_unreadable_lines_merges_with_group_by() {
    // piece 1 is the one broken record: no field to group by in it, and none needed
    let dir = tempfile::tempdir().unwrap();
    let inputs = pieces(dir.path(), &[10, 11]);
    check_split(dir.path(), &inputs, &grouped_options());
}
