//! The analysis tables end to end on a dated corpus written for these tests: periods, rates,
//! keyness, concordance, acronyms and aliases, and the HTML report.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Three months of short news items, one with an ISO date-time, Greek numeric and written
/// dates, a document without a date and one whose date cannot be read. «ΚΙΠΑ» is defined in
/// the text as the acronym of «Κίνημα Πράσινης Ανάπτυξης»; «ΝΔ» is never defined (the alias
/// file joins it to «Νέα Δημοκρατία»).
const CORPUS: &str = r#"{"id": "j1", "date": "2025-01-08", "text": "Το Κίνημα Πράσινης Ανάπτυξης (ΚΙΠΑ) παρουσίασε χθες στην Πάτρα το πρόγραμμά του για τα λιμάνια. Ο πρόεδρος του ΚΙΠΑ, Αντώνης Καραλής, ζήτησε νέα χρηματοδότηση από την Ευρωπαϊκή Επιτροπή."}
{"id": "j2", "date": "15/01/2025", "text": "Η Νέα Δημοκρατία συνεδρίασε στην Αθήνα.\nΟ Αντώνης Καραλής απάντησε στη ΝΔ ότι η Πάτρα χρειάζεται νέο λιμάνι.\tΗ συζήτηση συνεχίζεται."}
{"id": "f1", "date": "3 Φεβρουαρίου 2025", "text": "Στη Λάρισα η ΝΔ οργάνωσε εκδήλωση για τους αγρότες. Η Νέα Δημοκρατία υποσχέθηκε μέτρα για το ρεύμα. Ο Καραλής δεν σχολίασε."}
{"id": "f2", "date": "2025-02-20T18:30:00+02:00", "text": "Στη Λάρισα οι αγρότες συγκεντρώθηκαν ξανά. Η Λάρισα ζει από τα χωράφια της και η Λάρισα περιμένει απαντήσεις."}
{"id": "m1", "date": "14.03.2025", "text": "Ο Σύνδεσμος Ελλήνων Βιομηχάνων (ΣΕΒ) ζήτησε φθηνότερη ενέργεια. Το ΚΙΠΑ συμφώνησε με τον ΣΕΒ για τα λιμάνια της Πάτρας."}
{"id": "m2", "date": "2025-03-28", "text": "Η Θεσσαλονίκη φιλοξένησε συνέδριο για την ενέργεια. Ο Αντώνης Καραλής μίλησε στη Θεσσαλονίκη για το ΚΙΠΑ."}
{"id": "x1", "text": "Η Κέρκυρα υποδέχθηκε τους πρώτους επισκέπτες της χρονιάς."}
{"id": "x2", "date": "κάποτε", "text": "Η Κέρκυρα και η Πάτρα ενώνονται με νέο δρομολόγιο."}
"#;

/// The tables of one run over [`CORPUS`], kept with their folder.
struct Run {
    _dir: tempfile::TempDir,
    out: PathBuf,
}

fn run(extra: &[&str]) -> Run {
    let dir = corpus(&[("corpus.jsonl", CORPUS.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(&[&dir.path().join("corpus.jsonl")], &out, extra);
    Run { out, _dir: dir }
}

const BY_MONTH: [&str; 6] = [
    "--keep-fields",
    "date",
    "--group-by",
    "date",
    "--period",
    "month",
];

fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

fn row<'a>(rows: &'a [Row], group: &str, canonical: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["date"] == group && r["canonical"] == canonical)
        .unwrap_or_else(|| panic!("no row {group} {canonical} in {rows:#?}"))
}

fn number(row: &Row, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|e| panic!("{column} in {row:?}: {e}"))
}

/// Word tokens per document id, from tokens.csv.
fn words_by_doc(out: &Path) -> std::collections::HashMap<String, u64> {
    let mut words = std::collections::HashMap::new();
    for t in table(out, "tokens.csv") {
        if t["kind"] == "word" {
            *words.entry(t["doc_id"].clone()).or_default() += 1;
        }
    }
    words
}

#[test]
fn periods_bucket_every_date_form_and_undated_documents_form_one_group_with_a_warning() {
    let r = run(&with(&BY_MONTH, &["--tables", "entity_frequencies"]));
    let rows = table(&r.out, "entity_frequencies.csv");
    // warnings show without --quiet
    let dir = corpus(&[("corpus.jsonl", CORPUS.as_bytes())]);
    let input = dir.path().join("corpus.jsonl");
    let out = dir.path().join("out");
    let mut args = vec![
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(BY_MONTH);
    let output = elpipe(&args);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let groups: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["date"].as_str()).collect();
    assert_eq!(
        groups.into_iter().collect::<Vec<_>>(),
        ["", "2025-01", "2025-02", "2025-03"]
    );
    // «3 Φεβρουαρίου 2025» and the zoned date-time both fall in February
    assert_eq!(row(&rows, "2025-02", "Λάρισα")["mentions"], "4");
    assert_eq!(row(&rows, "2025-02", "Λάρισα")["documents"], "2");
    // the undated document and the unreadable date are one group
    assert_eq!(row(&rows, "", "Κέρκυρα")["documents"], "2");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("readable date"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("2 documents"), "{}", warnings[0]);
    assert!(warnings[0].contains("κάποτε"), "{}", warnings[0]);
}

#[test]
fn dates_as_feeds_and_exports_write_them_fall_in_their_months() {
    // the same short report under the date forms of RSS feeds, social-media exports and
    // spreadsheets; one document gives only a month
    let dates = [
        "Tue, 04 Mar 2025 08:15:00 +0200",
        "1741082100",
        "2025/03/04",
        "Mar 4, 2025",
        "4 Μαρ. 2025",
        "Τρίτη, 4 Μαρτίου 2025 - 10:30",
        "04/03/25",
        "Τρίτη 4 Μαρ 2025, 10:30",
        "2025-03-04 10:30:00 EET",
        "2025-04",
    ];
    let feed: String = dates
        .iter()
        .enumerate()
        .map(|(i, date)| {
            format!(
                "{{\"id\": \"f{i}\", \"date\": \"{date}\", \"text\": \"Ο δήμαρχος της Καβάλας μίλησε για το λιμάνι.\"}}\n"
            )
        })
        .collect();
    let dir = corpus(&[("feed.jsonl", feed.as_bytes())]);
    let input = dir.path().join("feed.jsonl");
    let by = |period: &str| {
        let out = dir.path().join(format!("out-{period}"));
        let output = elpipe(&[
            "run",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--keep-fields",
            "date",
            "--group-by",
            "date",
            "--period",
            period,
            "--tables",
            "entity_frequencies",
        ]);
        assert!(output.status.success());
        (
            table(&out, "entity_frequencies.csv"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (months, stderr) = by("month");
    assert_eq!(
        row(&months, "2025-03", "Καβάλα")["documents"],
        "9",
        "{stderr}"
    );
    assert_eq!(row(&months, "2025-04", "Καβάλα")["documents"], "1");
    assert!(!stderr.contains("readable date"), "{stderr}");
    // a two-digit year is this century's, never the year 25
    assert!(months.iter().all(|r| !r["date"].starts_with("0025")));
    // a month alone falls in no day: it joins the undated group, and the warning says why
    let (days, stderr) = by("day");
    assert_eq!(row(&days, "2025-03-04", "Καβάλα")["documents"], "9");
    assert_eq!(row(&days, "", "Καβάλα")["documents"], "1");
    assert!(stderr.contains("a coarser --period"), "{stderr}");
}

#[test]
fn weeks_and_days_are_iso_labels() {
    let r = run(&[
        "--keep-fields",
        "date",
        "--group-by",
        "date",
        "--period",
        "week",
        "--tables",
        "entity_frequencies",
    ]);
    let rows = table(&r.out, "entity_frequencies.csv");
    // 2025-01-08 is a Wednesday of ISO week 2; 2025-03-14 a Friday of week 11 (ΣΕΒ twice)
    assert_eq!(
        row(&rows, "2025-W02", "Ευρωπαϊκή Επιτροπή")["mentions"],
        "1"
    );
    assert_eq!(
        row(&rows, "2025-W11", "Σύνδεσμος Ελλήνων Βιομηχάνων")["mentions"],
        "3"
    );
    let r = run(&[
        "--keep-fields",
        "date",
        "--group-by",
        "date",
        "--period",
        "day",
        "--tables",
        "entity_frequencies",
    ]);
    let rows = table(&r.out, "entity_frequencies.csv");
    assert_eq!(row(&rows, "2025-02-20", "Λάρισα")["mentions"], "3");
}

#[test]
fn a_period_over_a_field_without_dates_asks_whether_it_is_the_date_field() {
    // a likely slip: grouping by the outlet with --period
    let dir = corpus(&[(
        "export.csv",
        "id,outlet,published,text\n\
         1,kathimerini,14/03/25,Ο Νίκος Λιάπης ήρθε στην Αθήνα.\n\
         2,tanea,02/04/25,Η Μαρία Αλεξίου έφυγε από την Πάτρα.\n"
            .as_bytes(),
    )]);
    let input = dir.path().join("export.csv");
    let out = dir.path().join("out");
    let by_month_of = |field: &str| {
        let output = elpipe(&[
            "run",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--group-by",
            field,
            "--period",
            "month",
        ]);
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let stderr = by_month_of("outlet");
    assert!(
        stderr.contains("no document has a readable date in field `outlet`"),
        "{stderr}"
    );
    assert!(stderr.contains("is `outlet` the date field?"), "{stderr}");
    // the right field reads both two-digit years as this century's months
    let stderr = by_month_of("published");
    assert!(!stderr.contains("readable date"), "{stderr}");
    let groups: std::collections::BTreeSet<String> = table(&out, "entity_frequencies.csv")
        .iter()
        .map(|r| r["published"].clone())
        .collect();
    assert_eq!(
        groups.into_iter().collect::<Vec<_>>(),
        ["2025-03", "2025-04"]
    );
}

#[test]
fn period_and_keyness_need_a_group() {
    let dir = corpus(&[("corpus.jsonl", CORPUS.as_bytes())]);
    let input = dir.path().join("corpus.jsonl");
    let input = input.to_str().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    for extra in [
        &["--period", "month"][..],
        &["--tables", "entity_keyness"][..],
    ] {
        let mut args = vec!["run", input, "--out", out, "--quiet"];
        args.extend(extra);
        let output = elpipe(&args);
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--group-by"));
    }
}

#[test]
fn rates_are_per_million_words_of_the_group_and_shares_of_its_documents() {
    let r = run(&with(
        &BY_MONTH,
        &["--tables", "tokens,entity_frequencies,terms"],
    ));
    let words = words_by_doc(&r.out);
    let february = (words["f1"] + words["f2"]) as f64;
    let rows = table(&r.out, "entity_frequencies.csv");
    let larisa = row(&rows, "2025-02", "Λάρισα");
    let expected = 4.0 * 1e6 / february;
    assert!(
        (number(larisa, "per_million_words") - expected).abs() < 1e-3,
        "{larisa:?} vs {expected}"
    );
    assert_eq!(larisa["document_share"], "1.0000");
    let karalis = row(&rows, "2025-02", "Αντώνης Καραλής");
    assert_eq!(karalis["document_share"], "0.5000");
    // the existing columns keep their place; the new ones come last
    assert_eq!(
        header(&r.out, "entity_frequencies.csv"),
        [
            "date",
            "canonical",
            "type",
            "mentions",
            "documents",
            "variants",
            "per_million_words",
            "document_share"
        ]
    );
    let all_words: u64 = words.values().sum();
    let terms = table(&r.out, "terms.csv");
    assert_eq!(
        header(&r.out, "terms.csv").last().unwrap(),
        "per_million_words"
    );
    let larisa_term = terms.iter().find(|t| t["form"] == "λαρισα").unwrap();
    let expected = number(larisa_term, "count") * 1e6 / all_words as f64;
    assert!((number(larisa_term, "per_million_words") - expected).abs() < 1e-3);
}

#[test]
fn keyness_ranks_an_entity_concentrated_in_one_month_first() {
    let r = run(&with(&BY_MONTH, &["--tables", "tokens,entity_keyness"]));
    let rows = table(&r.out, "entity_keyness.csv");
    assert_eq!(
        header(&r.out, "entity_keyness.csv"),
        [
            "date",
            "canonical",
            "type",
            "mentions",
            "other_mentions",
            "expected",
            "log_likelihood",
            "log_ratio"
        ]
    );
    let february: Vec<&Row> = rows.iter().filter(|r| r["date"] == "2025-02").collect();
    assert_eq!(february[0]["canonical"], "Λάρισα", "{february:#?}");
    // sorted by group, then G2 descending
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a["date"] <= b["date"]);
        if a["date"] == b["date"] {
            assert!(number(a, "log_likelihood") >= number(b, "log_likelihood"));
        }
    }
    // Λάρισα: 4 mentions in February, none elsewhere; G2 and log ratio by hand
    let words = words_by_doc(&r.out);
    let c = (words["f1"] + words["f2"]) as f64;
    let d = words.values().sum::<u64>() as f64 - c;
    let e1 = c * 4.0 / (c + d);
    let g2 = 2.0 * 4.0 * (4.0 / e1).ln();
    let ratio = ((4.0 / c) / (0.5 / d)).log2();
    let larisa = february[0];
    assert_eq!(larisa["other_mentions"], "0");
    assert!((number(larisa, "expected") - e1).abs() < 1e-3);
    assert!(
        (number(larisa, "log_likelihood") - g2).abs() < 1e-3,
        "{larisa:?} vs {g2}"
    );
    assert!(
        (number(larisa, "log_ratio") - ratio).abs() < 1e-3,
        "{larisa:?} vs {ratio}"
    );
}

#[test]
fn keyness_is_written_by_default_with_group_by() {
    let r = run(&["--keep-fields", "date", "--group-by", "date"]);
    assert!(r.out.join("entity_keyness.csv").exists());
    assert!(!r.out.join("concordance.csv").exists());
    let r = run(&[]);
    assert!(!r.out.join("entity_keyness.csv").exists());
}

#[test]
fn concordance_rows_show_each_mention_in_its_context() {
    let r = run(&[
        "--format",
        "jsonl",
        "--keep-fields",
        "date",
        "--tables",
        "entities,concordance",
        "--context",
        "30",
    ]);
    assert_eq!(
        header(&r.out, "concordance.csv"),
        [
            "canonical",
            "type",
            "doc_id",
            "sentence",
            "start",
            "end",
            "left",
            "mention",
            "right",
            "date"
        ]
    );
    let rows = table(&r.out, "concordance.csv");
    let entities = table(&r.out, "entities.csv");
    assert_eq!(rows.len(), entities.len());
    let texts: std::collections::HashMap<String, String> = CORPUS
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_owned(),
                v["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (c, e) in rows.iter().zip(&entities) {
        assert_eq!(
            (&c["doc_id"], &c["start"], &c["canonical"]),
            (&e["doc_id"], &e["start"], &e["canonical"])
        );
        let text: Vec<char> = texts[&c["doc_id"]].chars().collect();
        let (start, end) = (number(c, "start") as usize, number(c, "end") as usize);
        assert_eq!(c["mention"], text[start..end].iter().collect::<String>());
        for side in ["left", "right"] {
            assert!(c[side].chars().count() <= 30, "{c:?}");
            assert!(!c[side].contains(['\n', '\t']), "{c:?}");
        }
        // the left context is the text just before the mention, line breaks as spaces
        let before: String = text[..start]
            .iter()
            .collect::<String>()
            .replace(['\n', '\t'], " ");
        assert!(before.ends_with(&c["left"]), "{c:?}");
    }
    // the mention after a line break: the break is a space, words are whole
    let karalis = rows
        .iter()
        .find(|r| r["doc_id"] == "j2" && r["mention"] == "Αντώνης Καραλής")
        .unwrap();
    assert_eq!(karalis["left"], "συνεδρίασε στην Αθήνα. Ο ");
    assert_eq!(karalis["right"], " απάντησε στη ΝΔ ότι η Πάτρα");
    assert_eq!(karalis["date"], "15/01/2025");
}

#[test]
fn an_acronym_defined_in_the_text_joins_its_full_name_everywhere() {
    let r = run(&["--tables", "entities,entity_frequencies"]);
    let rows = table(&r.out, "entity_frequencies.csv");
    let kipa = rows
        .iter()
        .find(|r| r["canonical"] == "Κίνημα Πράσινης Ανάπτυξης")
        .unwrap();
    // the definition in j1, «του ΚΙΠΑ» in j1, and the bare acronym in m1 and m2 (the «(ΚΙΠΑ)»
    // right after the definition is a fifth mention when the tagger tags it, which depends on
    // the model; the definition is read from the text either way)
    let mentions: usize = kipa["mentions"].parse().unwrap();
    assert!((4..=5).contains(&mentions), "{rows:#?}");
    assert_eq!(kipa["documents"], "3");
    assert!(kipa["variants"].split('|').any(|v| v == "ΚΙΠΑ"), "{kipa:?}");
    assert!(rows.iter().all(|r| r["canonical"] != "ΚΙΠΑ"));
    // «ΣΕΒ» defined in m1 joins too; «ΝΔ» is never defined and stays itself
    assert!(rows.iter().all(|r| r["canonical"] != "ΣΕΒ"));
    assert!(rows.iter().any(|r| r["canonical"] == "ΝΔ"));
    let entities = table(&r.out, "entities.csv");
    let m2 = entities
        .iter()
        .find(|e| e["doc_id"] == "m2" && e["text"] == "ΚΙΠΑ")
        .unwrap();
    assert_eq!(m2["canonical"], "Κίνημα Πράσινης Ανάπτυξης");
    // every mention of the acronym found joins, in the defining document and in the others
    let acronyms: Vec<&str> = entities
        .iter()
        .filter(|e| e["text"] == "ΚΙΠΑ")
        .map(|e| e["doc_id"].as_str())
        .collect();
    assert!(
        acronyms.contains(&"j1") && acronyms.contains(&"m1"),
        "{acronyms:?}"
    );
    assert!(entities
        .iter()
        .filter(|e| e["text"] == "ΚΙΠΑ")
        .all(|e| e["canonical"] == "Κίνημα Πράσινης Ανάπτυξης"));
}

#[test]
fn an_acronym_defined_for_two_names_stays_apart_and_acronym_first_defines_too() {
    let jsonl = [
        r#"{"id": "1", "text": "Το Εργατικό Κέντρο Αθήνας (ΕΚΑ) κήρυξε απεργία για την Πέμπτη."}"#,
        r#"{"id": "2", "text": "Το Ελληνικό Κέντρο Αεροδιαστημικής (ΕΚΑ) παρουσίασε νέο δορυφόρο."}"#,
        r#"{"id": "3", "text": "Η ΕΚΑ δεν έκανε δηλώσεις."}"#,
        r#"{"id": "4", "text": "Η ΟΣΕΠ (Ομοσπονδία Σωματείων Επαγγελματιών Πάτρας) ζήτησε μέτρα. Η ΟΣΕΠ θα συνεδριάσει ξανά."}"#,
    ]
    .join("\n");
    let dir = corpus(&[("c.jsonl", jsonl.as_bytes())]);
    let out = dir.path().join("out");
    run_ok(
        &[&dir.path().join("c.jsonl")],
        &out,
        &["--tables", "entities"],
    );
    let entities = table(&out, "entities.csv");
    let canonical_of = |doc: &str, text: &str| {
        entities
            .iter()
            .find(|e| e["doc_id"] == doc && e["text"] == text)
            .map(|e| e["canonical"].clone())
    };
    assert_eq!(
        canonical_of("3", "ΕΚΑ").as_deref(),
        Some("ΕΚΑ"),
        "{entities:#?}"
    );
    assert_eq!(canonical_of("1", "ΕΚΑ").as_deref(), Some("ΕΚΑ"));
    if let Some(osep) = canonical_of("4", "ΟΣΕΠ") {
        assert_eq!(
            osep, "Ομοσπονδία Σωματείων Επαγγελματιών Πάτρας",
            "{entities:#?}"
        );
    } else {
        panic!("the tagger missed «ΟΣΕΠ»: {entities:#?}");
    }
}

#[test]
fn aliases_apply_after_elpipes_merging_and_respect_their_type() {
    let aliases = "alias,canonical,type\nΝΔ,Νέα Δημοκρατία,\nΛάρισα,Θεσσαλία,PERSON\n";
    let dir = corpus(&[("aliases.csv", aliases.as_bytes())]);
    let path = dir.path().join("aliases.csv");
    let r = run(&[
        "--tables",
        "entity_frequencies",
        "--aliases",
        path.to_str().unwrap(),
    ]);
    let rows = table(&r.out, "entity_frequencies.csv");
    let nd = rows
        .iter()
        .find(|r| r["canonical"] == "Νέα Δημοκρατία")
        .unwrap();
    assert_eq!(nd["mentions"], "4", "{rows:#?}");
    assert_eq!(nd["variants"], "ΝΔ|Νέα Δημοκρατία");
    assert!(rows.iter().all(|r| r["canonical"] != "ΝΔ"));
    // the alias for persons leaves the place alone
    assert!(rows.iter().any(|r| r["canonical"] == "Λάρισα"));
    assert!(rows.iter().all(|r| r["canonical"] != "Θεσσαλία"));
}

#[test]
fn a_bad_alias_file_is_a_usage_error() {
    let dir = corpus(&[
        ("corpus.jsonl", CORPUS.as_bytes()),
        ("aliases.csv", "ΝΔ;Νέα Δημοκρατία\n".as_bytes()),
    ]);
    let out = dir.path().join("out");
    for aliases in ["aliases.csv", "missing.csv"] {
        let output = elpipe(&[
            "run",
            dir.path().join("corpus.jsonl").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--aliases",
            dir.path().join(aliases).to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(aliases), "{stderr}");
    }
}

/// The `<svg>…</svg>` elements of a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("every svg is closed") + start + 6;
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

#[test]
fn the_report_is_one_self_contained_page_with_every_section() {
    let dir = corpus(&[
        ("corpus.jsonl", CORPUS.as_bytes()),
        (
            "aliases.csv",
            "alias,canonical\nΝΔ,Νέα Δημοκρατία\n".as_bytes(),
        ),
    ]);
    let out = dir.path().join("out");
    let aliases = dir.path().join("aliases.csv");
    run_ok(
        &[&dir.path().join("corpus.jsonl")],
        &out,
        &with(
            &BY_MONTH,
            &[
                "--tables",
                "documents,entity_frequencies,entity_keyness,cooccurrences,concordance",
                "--report",
                "--aliases",
                aliases.to_str().unwrap(),
            ],
        ),
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    for id in [
        "summary",
        "top-entities",
        "over-time",
        "keyness",
        "network",
        "concordance",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "no section {id}"
        );
    }
    assert!(html.contains("<html lang=\"el\">") && html.contains("charset=\"utf-8\""));
    // Greek text is written as text, not escaped or lost
    assert!(html.contains("Κίνημα Πράσινης Ανάπτυξης"));
    assert!(html.contains("Συμφραζόμενα"));
    let charts = svgs(&html);
    // three types' bar charts, the lines over time, the network
    assert!(charts.len() >= 5, "{} charts", charts.len());
    for svg in &charts {
        let parsed = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        assert_eq!(parsed.root_element().tag_name().name(), "svg");
        assert!(parsed.descendants().count() > 10);
    }
    // nothing is fetched: no external script, style sheet, image, font or import
    let lower = html.to_lowercase();
    for pattern in [
        "src=\"http",
        "href=\"http",
        "url(http",
        "url(\"http",
        "@import",
        "<script",
        "<link",
    ] {
        assert!(!lower.contains(pattern), "{pattern}");
    }
    // the network names its nodes; the concordance shows mentions in context
    let network = &html[html.find("id=\"network\"").unwrap()..];
    assert!(network.contains("Λάρισα"));
    assert!(html.contains("<td class=\"mention\">ΚΙΠΑ</td>"));

    // `elpipe report DIR` writes the same page from the tables
    std::fs::remove_file(out.join("report.html")).unwrap();
    let output = elpipe(&["report", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("report.html")).unwrap(),
        html
    );
}

#[test]
fn the_report_of_an_ungrouped_run_has_no_time_section_and_an_empty_folder_is_an_error() {
    let r = run(&["--report"]);
    let html = std::fs::read_to_string(r.out.join("report.html")).unwrap();
    assert!(html.contains("<section id=\"top-entities\">"));
    assert!(!html.contains("<section id=\"over-time\">"));
    assert!(!html.contains("<section id=\"concordance\">"));
    let empty = tempfile::tempdir().unwrap();
    let output = elpipe(&["report", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("entity_frequencies.csv"));
}
