//! `concordance.csv`: every counted mention in its context (keyword in context, KWIC), to read
//! what a count is made of.
//!
//! Columns: `canonical,type,doc_id,sentence,start,end,left,mention,right` then the
//! `--keep-fields` columns. `left` and `right` hold up to `--context` characters (code points)
//! of the document's text before and after the mention, cut back to a word boundary, with every
//! run of white space that holds a line break or a tab written as one space; `mention` is
//! exactly `text[start:end]`.
//!
//! Canonical names are known only at the end of the run, so rows are spooled while documents
//! stream (memory bounded by a batch) with the document-level name, then resolved and written.

use std::path::Path;

use super::sink::{Column, ColumnType, RowSink};
use crate::Document;

/// Context characters on each side when `--context` is not given.
pub const DEFAULT_CONTEXT: usize = 60;

/// The columns before the `--keep-fields` ones.
pub const COLUMNS: [&str; 9] = [
    "canonical",
    "type",
    "doc_id",
    "sentence",
    "start",
    "end",
    "left",
    "mention",
    "right",
];

/// Spooled field positions: the tagger's label and the document-level canonical name come
/// first, the table's other columns follow in order.
const SPOOL_LABEL: usize = 0;
const SPOOL_CANONICAL: usize = 1;
const SPOOL_REST: usize = 2;

/// Spools one row per counted mention of `doc` (the mentions of `entities.csv`: those on
/// repeated lines only with `keep_duplicate_lines`). For a segment of a long document the
/// context stops at the segment's edges.
pub fn spool(
    doc: &Document,
    context: usize,
    keep_duplicate_lines: bool,
    out: &mut csv::Writer<Vec<u8>>,
) -> csv::Result<()> {
    let mut sentence = itoa::Buffer::new();
    let mut start = itoa::Buffer::new();
    let mut end = itoa::Buffer::new();
    for e in &doc.entities {
        if e.duplicate_line && !keep_duplicate_lines {
            continue;
        }
        let (Some(first), Some(last)) = (
            doc.tokens.get(e.token_start),
            doc.tokens.get(e.token_end.wrapping_sub(1)),
        ) else {
            continue;
        };
        let (from, to) = (first.byte_span.start, last.byte_span.end);
        let (left, right) = around(&doc.text, from, to, context);
        out.write_field(&*e.label)?;
        out.write_field(&e.canonical)?;
        out.write_field(&doc.id)?;
        out.write_field(sentence.format(e.sentence))?;
        out.write_field(start.format(e.char_start))?;
        out.write_field(end.format(e.char_end))?;
        out.write_field(&left)?;
        out.write_field(&doc.text[from..to])?;
        out.write_field(&right)?;
        for value in &doc.metadata {
            out.write_field(value)?;
        }
        out.write_record(None::<&[u8]>)?;
    }
    Ok(())
}

/// The columns and their types; the kept fields are text.
pub fn columns(keep_fields: &[String]) -> Vec<Column> {
    let fixed = COLUMNS.iter().map(|&name| match name {
        "type" => Column::category(name),
        "sentence" | "start" | "end" => Column::int(name),
        _ => Column::text(name),
    });
    fixed.chain(keep_fields.iter().map(Column::text)).collect()
}

/// Reads the spool back and writes the table; `resolve(label, canonical)` gives a mention's
/// corpus-wide canonical name and type. A spool that cannot be read is an error naming it.
pub fn write<S: RowSink + ?Sized>(
    spool: &Path,
    keep_fields: &[String],
    resolve: &dyn Fn(&str, &str) -> (String, String),
    out: &mut S,
) -> std::io::Result<()> {
    let named = |e: &dyn std::fmt::Display| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: {e}", spool.display()),
        )
    };
    let file = std::fs::File::open(spool).map_err(|e| named(&e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let columns = columns(keep_fields);
    out.begin(&columns)?;
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| named(&e))? {
        let (canonical, label) = resolve(&record[SPOOL_LABEL], &record[SPOOL_CANONICAL]);
        out.text(&canonical)?;
        out.text(&label)?;
        let rest = record.iter().skip(SPOOL_REST);
        for (value, column) in rest.zip(&columns[2..]) {
            match column.kind {
                ColumnType::Int => out.int(value.parse().map_err(|e| named(&e))?)?,
                _ => out.text(value)?,
            }
        }
        out.end_row()?;
    }
    Ok(())
}

/// The context before byte `from` and after byte `to` of `text`: up to `chars` code points on
/// each side, cut back to a word boundary (a word cut in two is left out), line breaks and tabs
/// written as spaces. Whitespace next to the mention is kept, so `left + mention + right` reads
/// as the text does.
pub fn around(text: &str, from: usize, to: usize, chars: usize) -> (String, String) {
    let before = &text[..from];
    let mut cut = before
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if chars == 0 {
        cut = from;
    }
    if cut > 0 && splits_word(text, cut) {
        // skip the partial word
        cut = before[cut..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(from, |i| cut + i);
    }
    let after = &text[to..];
    let mut end = after
        .char_indices()
        .nth(chars)
        .map_or(after.len(), |(i, _)| i);
    if end < after.len() && splits_word(after, end) {
        end = after[..end]
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| {
                i + after[i..].chars().next().map_or(1, char::len_utf8)
            });
    }
    let left = one_line(&before[cut..]);
    let right = one_line(&after[..end]);
    (left.trim_start().to_owned(), right.trim_end().to_owned())
}

/// Whether byte `at` of `text` falls between two letters or digits of one word.
fn splits_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    matches!((before, after), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric())
}

/// The text with every run of white space that holds a line break or a tab written as one
/// space (other runs of spaces stay as they are).
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let mut breaks = false;
    for c in text.chars() {
        if c.is_whitespace() {
            breaks |= c != ' ' && c != '\u{a0}';
            run.push(c);
            continue;
        }
        flush(&mut out, &mut run, &mut breaks);
        out.push(c);
    }
    flush(&mut out, &mut run, &mut breaks);
    out
}

fn flush(out: &mut String, run: &mut String, breaks: &mut bool) {
    if *breaks {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
    *breaks = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text: &str, mention: &str, chars: usize) -> (String, String) {
        let from = text.find(mention).unwrap();
        around(text, from, from + mention.len(), chars)
    }

    #[test]
    fn context_is_cut_at_word_boundaries() {
        let text = "Χθες το απόγευμα ο Νίκος Παππάς μίλησε στη Βουλή για τον προϋπολογισμό.";
        // 12 code points before: "απόγευμα ο " is 11, with the space before it 12
        let (left, right) = ctx(text, "Νίκος Παππάς", 12);
        assert_eq!(left, "απόγευμα ο ");
        // 12 after: " μίλησε στη " is 12 exactly
        assert_eq!(right, " μίλησε στη");
        // 10 before would cut «απόγευμα»: the partial word is dropped
        let (left, right) = ctx(text, "Νίκος Παππάς", 10);
        assert_eq!(left, "ο ");
        // 9 after cuts «στη»: it goes
        assert_eq!(right, " μίλησε");
    }

    #[test]
    fn context_stops_at_the_edges_of_the_text() {
        let text = "Η Αθήνα\tξύπνησε.";
        let (left, right) = ctx(text, "Αθήνα", 60);
        assert_eq!(left, "Η ");
        assert_eq!(right, " ξύπνησε.");
        let (left, right) = ctx(text, "Η", 60);
        assert_eq!(left, "");
        assert_eq!(right, " Αθήνα ξύπνησε.");
        assert_eq!(ctx(text, "Αθήνα", 0), (String::new(), String::new()));
    }

    #[test]
    fn line_breaks_and_tabs_become_single_spaces() {
        let text = "Τίτλος\r\n\r\nΗ Πάτρα\n\tγιορτάζει  σήμερα";
        let (left, right) = ctx(text, "Πάτρα", 60);
        assert_eq!(left, "Τίτλος Η ");
        assert_eq!(right, " γιορτάζει  σήμερα");
    }

    #[test]
    fn a_single_long_word_leaves_no_context() {
        let text = "αααααααααααααααα Πάτρα ββββββββββββββββ";
        assert_eq!(ctx(text, "Πάτρα", 5), (String::new(), String::new()));
    }
}
