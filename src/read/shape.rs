//! What the start of a file looks like, so that a file read in the wrong format gets a message
//! naming the format it looks like and the flag that reads it: a JSON Lines file read as CSV
//! (`--format jsonl`), a CSV file read as JSON Lines (`--format csv`), a `;` or tab-separated
//! file read with the wrong `--delimiter`, CoNLL read as text and text read as CoNLL, and a JSON
//! array given as JSON Lines.

use super::files::Kind;

/// At most this many non-blank lines of the file's start are looked at.
const LINES: usize = 50;

/// A CoNLL file has at least this many `token TAG` lines among those looked at …
const CONLL_MIN_LINES: usize = 3;

/// … and at least this share of them (comments and blank lines aside).
const CONLL_SHARE: f64 = 0.9;

/// A CSV header's field names are short: at most this many characters and spaces.
const HEADER_FIELD_CHARS: usize = 40;
const HEADER_FIELD_SPACES: usize = 3;

/// What a file's start looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// The first non-blank character opens a JSON array (`[{...}, ...]`).
    JsonArray,
    /// The first non-blank line is a JSON object.
    JsonLines,
    /// A header line of short field names separated by this delimiter.
    Delimited(u8),
    /// `token TAG` lines (IOB2) or CoNLL-U's ten tab-separated columns.
    Conll,
    /// Prose: a first line of five words or more that is none of the above.
    Text,
    /// Anything else (short lines, one word a line ...): no format is suggested for it.
    Other,
}

/// A first line of this many words or more that is no header is prose.
const PROSE_WORDS: usize = 5;

/// The shape of a file from the bytes at its start (`start`, UTF-8 after decoding, a leading
/// byte-order mark allowed), with the 1-based number of the line that shows it.
pub(super) fn shape_of(start: &[u8]) -> (Shape, u64) {
    let start = super::encoding::strip_bom(start);
    // only complete lines, unless the whole file is in the buffer
    let text = String::from_utf8_lossy(start);
    let lines: Vec<(u64, &str)> = (text.lines().enumerate())
        .map(|(i, l)| (i as u64 + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
        .take(LINES)
        .collect();
    let Some(&(first_line, first)) = lines.first() else {
        return (Shape::Other, 1);
    };
    let trimmed = first.trim_start();
    if trimmed.starts_with('[') {
        return (Shape::JsonArray, first_line);
    }
    if trimmed.starts_with('{') {
        return (Shape::JsonLines, first_line);
    }
    let tokens: Vec<&str> = (lines.iter())
        .map(|(_, l)| *l)
        .filter(|l| !l.starts_with('#'))
        .collect();
    let conll = tokens.iter().filter(|l| is_conll_line(l)).count();
    if conll >= CONLL_MIN_LINES.min(tokens.len()).max(2)
        && conll as f64 >= CONLL_SHARE * tokens.len() as f64
    {
        return (Shape::Conll, first_line);
    }
    match header_delimiter(first) {
        Some(delimiter) => (Shape::Delimited(delimiter), first_line),
        None if first.split_whitespace().count() >= PROSE_WORDS => (Shape::Text, first_line),
        None => (Shape::Other, first_line),
    }
}

/// A CoNLL line: `token TAG` with an IOB2 tag last (two to four fields), or ten tab-separated
/// columns (CoNLL-U).
fn is_conll_line(line: &str) -> bool {
    if line.split('\t').count() == 10 {
        return true;
    }
    let fields: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&fields.len()) && fields.last().is_some_and(|tag| is_iob_tag(tag))
}

/// `O`, or `B-`/`I-`/`E-`/`S-` and a label of capitals, digits and `_`.
fn is_iob_tag(tag: &str) -> bool {
    tag == "O"
        || tag.split_once('-').is_some_and(|(prefix, label)| {
            matches!(prefix, "B" | "I" | "E" | "S")
                && !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
}

/// The delimiter of a line that reads as a CSV header: two or more short field names separated
/// by `,`, `;` or tab (the most frequent of them outside quotes).
fn header_delimiter(line: &str) -> Option<u8> {
    let count = |d: char| line.matches(d).count();
    let delimiter = [',', ';', '\t']
        .into_iter()
        .filter(|&d| count(d) > 0)
        .max_by_key(|&d| count(d))?;
    let short = line.split(delimiter).all(|field| {
        let name = field.trim().trim_matches('"');
        !name.is_empty()
            && name.chars().count() <= HEADER_FIELD_CHARS
            && name.matches(' ').count() <= HEADER_FIELD_SPACES
            && !name.ends_with(['.', '!', ';'])
    });
    short.then_some(delimiter as u8)
}

/// How a delimiter is written on the command line.
fn flag_value(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    }
}

/// The message for a file read as `kind` (with `delimiter` for CSV, and whether `--delimiter`
/// set it) whose start has this `shape`, when the two disagree; `None` when the file looks like
/// what it is read as.
pub(super) fn mismatch(
    kind: Kind,
    delimiter: u8,
    explicit_delimiter: bool,
    shape: Shape,
    line: u64,
) -> Option<String> {
    const ARRAY: &str = "the file is one JSON array (`[{...}, ...]`), not CSV: read the file \
                         with --format jsonl, which reads JSON Lines and JSON arrays of records";
    let read_as = match kind {
        Kind::Txt { .. } => "plain text",
        Kind::Jsonl => "JSON Lines",
        Kind::Csv { .. } => "CSV",
        Kind::Conll => "CoNLL",
    };
    let looks = |what: &str, flag: &str| {
        Some(format!(
            "line {line} looks like {what}, not {read_as}: read the file with {flag}"
        ))
    };
    match (kind, shape) {
        // JSON Lines' reader reads a JSON array of records too
        (Kind::Jsonl, Shape::JsonArray) => None,
        (Kind::Csv { .. }, Shape::JsonArray) => Some(ARRAY.to_string()),
        (Kind::Csv { .. } | Kind::Conll | Kind::Txt { .. }, Shape::JsonLines) => {
            looks("JSON Lines (a JSON object)", "--format jsonl")
        }
        (Kind::Jsonl | Kind::Conll, Shape::Delimited(d)) => looks(
            &format!("a CSV header (field names separated by {})", flag_value(d)),
            "--format csv",
        ),
        (Kind::Csv { .. }, Shape::Delimited(d)) if d != delimiter && explicit_delimiter => {
            Some(format!(
                "the header (line {line}) has its fields separated by {}, not by --delimiter \
                 {}: read it with --delimiter {} (or without --delimiter)",
                flag_value(d),
                flag_value(delimiter),
                flag_value(d)
            ))
        }
        (Kind::Jsonl | Kind::Csv { .. } | Kind::Txt { .. }, Shape::Conll) => {
            looks("CoNLL/IOB2 (`token TAG`)", "--format conll")
        }
        (Kind::Conll, Shape::Text) => looks("plain text (a sentence, no tag)", "--format txt"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Shape {
        shape_of(text.as_bytes()).0
    }

    #[test]
    fn shapes_of_the_formats() {
        assert_eq!(shape("\u{feff}[{\"text\": \"α\"}]"), Shape::JsonArray);
        assert_eq!(shape("\n{\"id\": 1, \"text\": \"α\"}\n"), Shape::JsonLines);
        assert_eq!(shape("id,text,date\n1,α,2025\n"), Shape::Delimited(b','));
        assert_eq!(shape("id;κείμενο\n1;α\n"), Shape::Delimited(b';'));
        assert_eq!(shape("id\ttext\n1\tα\n"), Shape::Delimited(b'\t'));
        assert_eq!(
            shape("Ο O\nΝίκος B-PERSON\nήρθε O\n\nΗ O\nΜαρία B-PERSON\n"),
            Shape::Conll
        );
        let conllu = "# text = Ήρθε.\n1\tΉρθε\tέρχομαι\tVERB\t_\t_\t0\troot\t_\t_\n\
                      2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
        assert_eq!(shape(conllu), Shape::Conll);
        assert_eq!(
            shape("Ο Νίκος ήρθε, είπε, και έφυγε.\nΗ Μαρία έμεινε.\n"),
            Shape::Text
        );
        assert_eq!(shape(""), Shape::Other);
        assert_eq!(shape("Νίκος NOUN\nήρθε VERB\n"), Shape::Other);
    }

    #[test]
    fn a_file_read_as_its_own_format_has_no_message() {
        let csv = Kind::Csv { delimiter: b',' };
        assert_eq!(mismatch(csv, b',', false, Shape::Delimited(b','), 1), None);
        assert_eq!(
            mismatch(Kind::Jsonl, b',', false, Shape::JsonLines, 1),
            None
        );
        assert_eq!(mismatch(Kind::Conll, b',', false, Shape::Conll, 1), None);
        let txt = Kind::Txt { sniff: true };
        assert_eq!(mismatch(txt, b',', false, Shape::Text, 1), None);
        // a text with commas read as text is text
        assert_eq!(mismatch(txt, b',', false, Shape::Delimited(b','), 1), None);
    }

    #[test]
    fn each_mistake_names_the_flag_that_fixes_it() {
        let csv = Kind::Csv { delimiter: b',' };
        let says = |m: Option<String>, flag: &str| {
            let m = m.expect("a message");
            assert!(m.contains(flag), "{m}");
        };
        says(
            mismatch(csv, b',', false, Shape::JsonLines, 1),
            "--format jsonl",
        );
        says(
            mismatch(Kind::Jsonl, b',', false, Shape::Delimited(b';'), 1),
            "--format csv",
        );
        says(
            mismatch(csv, b',', true, Shape::Delimited(b';'), 1),
            "--delimiter ';'",
        );
        says(
            mismatch(csv, b',', true, Shape::Delimited(b'\t'), 1),
            "--delimiter tab",
        );
        says(
            mismatch(Kind::Txt { sniff: true }, b',', false, Shape::Conll, 1),
            "--format conll",
        );
        says(
            mismatch(Kind::Conll, b',', false, Shape::Text, 1),
            "--format txt",
        );
        // JSON Lines' reader reads a JSON array; CSV's does not
        assert_eq!(
            mismatch(Kind::Jsonl, b',', false, Shape::JsonArray, 1),
            None
        );
        says(
            mismatch(
                Kind::Csv { delimiter: b',' },
                b',',
                false,
                Shape::JsonArray,
                1,
            ),
            "--format jsonl",
        );
    }
}
