//! Issue 16: a long document is read and processed in segments, never held whole, and its
//! tables are the ones processing it whole gives. The segment size is forced small with
//! `ELPIPE_SEGMENT_BYTES`, so a few MB of text make hundreds of segments.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;

// compared: the default tables, every table but `run.json` (which has times) and the
// concordance (see `concordance_rows_are_the_same_mentions`)
use common::TABLES;

const ALL_TABLES: &str =
    "documents,tokens,entities,entity_frequencies,cooccurrences,terms,concordance";

/// A segment size far below the document: about 300 segments for 3 MB.
const SMALL_SEGMENT: &str = "10000";
/// A segment size above the document: read and processed whole.
const WHOLE: &str = "1000000000";

/// A few MB of Greek text written for this test: numbered paragraphs from varied sentences
/// with people, places and organisations, boilerplate lines that repeat (their mentions count
/// once), blank lines between paragraphs, and a few bytes that are not UTF-8.
fn long_text(paragraphs: usize) -> Vec<u8> {
    let people = [
        "ο Αντώνης Μελετίου",
        "η Μαρίνα Κωστοπούλου",
        "ο Στέλιος Παπαθανασίου",
        "η Ευτυχία Ραφαηλίδη",
        "ο Θοδωρής Γαλανόπουλος",
    ];
    let places = [
        "στη Δράμα",
        "στην Κέρκυρα",
        "στο Ναύπλιο",
        "στη Ρόδο",
        "στην Άρτα",
        "στα Χανιά",
    ];
    let bodies = [
        "η Περιφέρεια Ηπείρου",
        "το Πανεπιστήμιο Πατρών",
        "ο Δήμος Ναυπλιέων",
        "η Τράπεζα της Ελλάδος",
    ];
    let mut state: u64 = 0x1605;
    let mut pick = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let mut text = "\u{FEFF}".as_bytes().to_vec();
    for number in 1..=paragraphs {
        let mut paragraph = format!("{number}. ");
        for _ in 0..3 + pick(4) {
            let sentence = match pick(6) {
                0 => format!(
                    "Χθες {} μίλησε {} για το νέο λιμάνι.",
                    people[pick(5)],
                    places[pick(6)]
                ),
                1 => format!(
                    "Σύμφωνα με την ανακοίνωση, {} θα χρηματοδοτήσει {} έργα.",
                    bodies[pick(4)],
                    2 + pick(40)
                ),
                2 => "Οι ψαράδες περιμένουν καλύτερο καιρό για να βγουν ξανά.".to_string(),
                3 => format!(
                    "Τον Οκτώβριο του {} η συνάντηση {} είχε αναβληθεί.",
                    1990 + pick(35),
                    places[pick(6)]
                ),
                4 => format!(
                    "«Θα τα καταφέρουμε», δήλωσε {} μετά τη συνεδρίαση.",
                    people[pick(5)]
                ),
                _ => "Το απόγευμα άνοιξαν πάλι τα μαγαζιά της αγοράς.".to_string(),
            };
            paragraph.push_str(&sentence);
            paragraph.push(' ');
        }
        paragraph.pop();
        paragraph.push('\n');
        text.extend_from_slice(paragraph.as_bytes());
        if number % 7 == 0 {
            let line = "Ακολουθήστε τον Ραδιοσταθμό Ηπείρου και την Ελένη Δρόσου.\n";
            text.extend_from_slice(line.as_bytes());
        }
        if number % 3 == 0 {
            text.push(b'\n');
        }
        if number % 997 == 0 {
            // Not UTF-8: replaced, counted in the message, the same whole or in segments.
            text.extend_from_slice(b"\xFF\xCE \xC3\n");
        }
    }
    text
}

/// Runs `elpipe run INPUT` in the folder of `out` (so sources are the same relative names) with
/// a segment size, feeding `stdin` when given.
fn run(input: &str, out: &Path, segment: &str, stdin: Option<&[u8]>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_elpipe"))
        .current_dir(out.parent().unwrap())
        .args(["run", input, "--out"])
        .arg(out)
        .args(["--quiet", "--threads", "2", "--tables", ALL_TABLES])
        .env("ELPIPE_SEGMENT_BYTES", segment)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::piped())
        .spawn()
        .expect("the elpipe binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "elpipe run {input} (segments of {segment} bytes) failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read(dir: &Path, table: &str) -> String {
    fs::read_to_string(dir.join(table)).unwrap_or_else(|e| panic!("{table}: {e}"))
}

/// Asserts two runs wrote the same tables, byte for byte once `rename` is applied to the second.
fn assert_same_tables(whole: &Path, segmented: &Path, rename: (&str, &str)) {
    for table in TABLES {
        let expected = read(whole, table);
        let actual = read(segmented, table).replace(rename.0, rename.1);
        assert!(
            expected == actual,
            "{table} differs between the whole and the segmented run: first differing line {:?}",
            expected.lines().zip(actual.lines()).find(|(a, b)| a != b)
        );
    }
}

#[test]
fn a_long_document_read_in_segments_gives_the_tables_of_the_whole_document() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_text(9000);
    assert!(text.len() > 2_000_000, "{} bytes", text.len());
    let file = dir.path().join("long.txt");
    fs::write(&file, &text).unwrap();
    let path = "long.txt";
    let (whole, segmented) = (dir.path().join("whole"), dir.path().join("segmented"));
    run(path, &whole, WHOLE, None);
    run(path, &segmented, SMALL_SEGMENT, None);
    assert_same_tables(&whole, &segmented, ("", ""));

    let documents = read(&whole, "documents.csv");
    let row: Vec<&str> = documents.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(documents.lines().count(), 2, "one document");
    assert_eq!(row[0], "long.txt");
    assert_eq!(row[2], "ell");
    let chars = text.len(); // at least as many bytes as code points
    assert!(row[4].parse::<usize>().unwrap() * 2 > chars, "{row:?}");
    assert_eq!(row[8], "ok");
    // 9 spots of 3 invalid bytes each: «\xFF», «\xCE» before a space, «\xC3» before a newline.
    assert!(
        row[9].starts_with("invalid UTF-8: 27 bytes replaced"),
        "{row:?}"
    );
    // The repeated boilerplate line counts its two mentions once, across all segments.
    let entities = read(&whole, "entities.csv");
    let boilerplate = entities
        .lines()
        .filter(|l| l.contains("Ελένη Δρόσου"))
        .count();
    assert_eq!(boilerplate, 1, "a mention on a repeated line counts once");
}

#[test]
fn gzip_and_stdin_stream_in_segments_with_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_text(4000);
    let plain = dir.path().join("long.txt");
    fs::write(&plain, &text).unwrap();
    let packed = dir.path().join("long.txt.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&text).unwrap();
    let gzip = encoder.finish().unwrap();
    fs::write(&packed, &gzip).unwrap();

    let whole = dir.path().join("whole");
    run("long.txt", &whole, WHOLE, None);
    let from_gzip = dir.path().join("gzip");
    run("long.txt.gz", &from_gzip, SMALL_SEGMENT, None);
    assert_same_tables(&whole, &from_gzip, ("long.txt.gz", "long.txt"));
    let from_stdin = dir.path().join("stdin");
    run("-", &from_stdin, SMALL_SEGMENT, Some(&gzip));
    assert_same_tables(&whole, &from_stdin, ("stdin", "long.txt"));
}

/// The concordance has the same mentions in the same order; only the context of a mention
/// within `--context` code points of a segment's edge stops at that edge.
#[test]
fn concordance_rows_are_the_same_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    fs::write(&file, long_text(3000)).unwrap();
    let path = "long.txt";
    let (whole, segmented) = (dir.path().join("whole"), dir.path().join("segmented"));
    run(path, &whole, WHOLE, None);
    run(path, &segmented, SMALL_SEGMENT, None);
    let rows = |dir: &Path| -> Vec<Vec<String>> {
        let mut reader = csv::Reader::from_path(dir.join("concordance.csv")).unwrap();
        let header = reader.headers().unwrap().clone();
        let keep: Vec<usize> = (0..header.len())
            .filter(|&i| !matches!(&header[i], "left" | "right"))
            .collect();
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                keep.iter().map(|&i| r[i].to_string()).collect()
            })
            .collect()
    };
    let (expected, actual) = (rows(&whole), rows(&segmented));
    assert!(expected.len() > 1000, "{} mentions", expected.len());
    assert_eq!(expected, actual);
}
