//! CSV and TSV: a header row, then one document per row.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::Arc;

use ::csv::{ByteRecord, Reader, ReaderBuilder};

use super::{
    decode, replaced_message, too_long, undecodable_message, Input, Origin, ReadOptions,
    BUFFER_SIZE,
};
use crate::{RawDocument, Status};

/// Sits between the input and the CSV parser. It keeps the most recent bytes read through it,
/// so the byte that ended a CSV record can be looked at after the parser consumed it (the
/// parser's buffer, `BUFFER_SIZE`, is never further ahead than that, so twice as much is
/// enough). And it caps records at `--max-record-size`: a shadow parser of the same dialect
/// follows the records, and once one grows past the cap the rest of it is read past without
/// reaching the parser, which is told the input ends there; the reader then starts a new
/// parser after the record.
struct RecentBytes {
    inner: Input,
    /// Bytes handed to the current parser.
    end: u64,
    tail: VecDeque<u8>,
    /// Follows record boundaries in every byte read from `inner`.
    shadow: csv_core::Reader,
    /// Output space for the shadow parser, whose fields are not kept.
    scratch: Vec<u8>,
    ends: Vec<usize>,
    /// Bytes of the record being read, so far.
    record_bytes: u64,
    cap: u64,
    /// The length of the record read past (set once it is over), until the reader takes it.
    long_record: Option<u64>,
    /// Whether a record is being read past.
    skipping: bool,
    /// Newlines in the bytes read from `inner` before the current parser started.
    lines_before: u64,
    /// Newlines in the bytes read from `inner` so far.
    lines: u64,
}

impl Read for RecentBytes {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.long_record.is_some() {
            return Ok(0);
        }
        loop {
            let chunk = self.inner.fill_buf()?;
            if self.skipping {
                if chunk.is_empty() {
                    self.skipping = false;
                    self.long_record = Some(self.record_bytes);
                    return Ok(0);
                }
                let (ended, read) =
                    shadow_step(&mut self.shadow, chunk, &mut self.scratch, &mut self.ends);
                self.lines += count_newlines(&chunk[..read]);
                self.record_bytes += read as u64;
                self.inner.consume(read);
                if ended {
                    self.skipping = false;
                    self.long_record = Some(std::mem::take(&mut self.record_bytes));
                    return Ok(0);
                }
                continue;
            }
            let limit = chunk.len().min(buffer.len());
            let mut passed = 0;
            let mut stalled = 0;
            while passed < limit {
                let room = self.cap.saturating_add(1).saturating_sub(self.record_bytes);
                let room = usize::try_from(room).unwrap_or(usize::MAX);
                let piece = &chunk[passed..limit.min(passed.saturating_add(room))];
                let (ended, read) =
                    shadow_step(&mut self.shadow, piece, &mut self.scratch, &mut self.ends);
                stalled = if read == 0 { stalled + 1 } else { 0 };
                if stalled > 1 {
                    // The shadow parser does not go on (it always does on input): pass the rest.
                    passed = limit;
                    break;
                }
                passed += read;
                self.record_bytes += read as u64;
                if ended {
                    self.record_bytes = 0;
                } else if self.record_bytes > self.cap {
                    self.skipping = true;
                    break;
                }
            }
            buffer[..passed].copy_from_slice(&chunk[..passed]);
            self.lines += count_newlines(&chunk[..passed]);
            self.inner.consume(passed);
            self.end += passed as u64;
            self.tail.extend(&buffer[..passed]);
            let excess = self.tail.len().saturating_sub(2 * BUFFER_SIZE);
            self.tail.drain(..excess);
            if passed > 0 || chunk_was_empty(limit, self.skipping) {
                return Ok(passed);
            }
        }
    }
}

/// Whether a read that passed nothing may return: at the end of the input (nothing to pass),
/// not when a record just started to be read past.
fn chunk_was_empty(limit: usize, skipping: bool) -> bool {
    limit == 0 && !skipping
}

/// Feeds `input` to the shadow parser up to the end of a record: whether a record ended, and
/// how many bytes were read.
fn shadow_step(
    shadow: &mut csv_core::Reader,
    input: &[u8],
    scratch: &mut [u8],
    ends: &mut [usize],
) -> (bool, usize) {
    let mut read = 0;
    loop {
        let (result, consumed, _, _) = shadow.read_record(&input[read..], scratch, ends);
        read += consumed;
        match result {
            csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => {
                return (true, read)
            }
            csv_core::ReadRecordResult::InputEmpty => return (false, read),
            csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {
                if read == input.len() {
                    return (false, read);
                }
            }
        }
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&byte| byte == b'\n').count() as u64
}

impl RecentBytes {
    fn byte_at(&self, offset: u64) -> Option<u8> {
        let start = self.end - self.tail.len() as u64;
        let index = usize::try_from(offset.checked_sub(start)?).ok()?;
        self.tail.get(index).copied()
    }
}

pub(super) struct CsvReader {
    reader: Reader<RecentBytes>,
    delimiter: u8,
    origin: Origin,
    options: Arc<ReadOptions>,
    /// Known once the header row has been read.
    columns: Option<Columns>,
    /// Reused for every row.
    record: ByteRecord,
    done: bool,
}

/// Where the fields the options name sit in each row.
struct Columns {
    /// The header's names, as read (for messages).
    names: Vec<String>,
    width: usize,
    text: Option<usize>,
    id: Option<usize>,
    keep: Vec<Option<usize>>,
}

impl Columns {
    fn from_header(header: &ByteRecord, options: &ReadOptions) -> Self {
        let names: Vec<String> = header
            .iter()
            .map(|name| decode(name).0.trim().to_string())
            .collect();
        let find = |wanted: &str| names.iter().position(|name| name == wanted);
        Columns {
            width: names.len(),
            text: find(&options.text_field),
            id: find(&options.id_field),
            keep: options.keep_fields.iter().map(|name| find(name)).collect(),
            names,
        }
    }
}

impl CsvReader {
    pub(super) fn new(
        input: Input,
        delimiter: u8,
        origin: Origin,
        options: Arc<ReadOptions>,
    ) -> Self {
        let input = RecentBytes {
            inner: input,
            end: 0,
            tail: VecDeque::new(),
            shadow: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            scratch: vec![0; BUFFER_SIZE],
            ends: vec![0; 256],
            record_bytes: 0,
            cap: options.max_record_size,
            long_record: None,
            skipping: false,
            lines_before: 0,
            lines: 0,
        };
        CsvReader {
            reader: parser(input, delimiter),
            delimiter,
            origin,
            options,
            columns: None,
            record: ByteRecord::new(),
            done: false,
        }
    }

    pub(super) fn next(&mut self) -> Option<RawDocument> {
        if self.done {
            return None;
        }
        let read = self.reader.read_byte_record(&mut self.record);
        if let Some(bytes) = self.reader.get_mut().long_record.take() {
            // The parser saw the start of a record longer than the cap, then an end of input:
            // report the record and go on with a new parser after it.
            let line = if read.is_ok() {
                self.start_line()
            } else {
                self.line_base() + 1
            };
            let detail = too_long(bytes, self.options.max_record_size);
            self.record = ByteRecord::new();
            self.restart();
            return Some(self.error_document(line, &detail));
        }
        match read {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                return None;
            }
            Err(error) => {
                self.done = true;
                let line = self.line_base() + self.reader.position().line();
                return Some(self.error_document(line, &error));
            }
        }
        if self.columns.is_none() {
            self.columns = Some(Columns::from_header(&self.record, &self.options));
            return self.next();
        }
        Some(self.row_document(self.start_line()))
    }

    /// The line the record just read starts on. The parser's own record position is where it
    /// began reading, before any blank lines it skipped and before the `\n` of a preceding
    /// `\r\n`, so the start is worked out back from the end instead: the line after the record,
    /// less the newlines inside its quoted fields, less one if a `\n` ended it.
    fn start_line(&self) -> u64 {
        self.line_base() + self.parser_start_line()
    }

    /// Lines before the current parser's first line (lines of the records read past).
    fn line_base(&self) -> u64 {
        self.reader.get_ref().lines_before
    }

    /// A new parser after a record that was read past, where the input goes on.
    fn restart(&mut self) {
        let placeholder = parser(empty_recent_bytes(), self.delimiter);
        let mut input = std::mem::replace(&mut self.reader, placeholder).into_inner();
        input.end = 0;
        input.tail.clear();
        input.lines_before = input.lines;
        self.reader = parser(input, self.delimiter);
    }

    /// [`Self::start_line`] counted from the current parser's first line.
    fn parser_start_line(&self) -> u64 {
        let end = self.reader.position();
        let inner_newlines = self
            .record
            .as_slice()
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count() as u64;
        let ended_by_newline = end
            .byte()
            .checked_sub(1)
            .and_then(|last| self.reader.get_ref().byte_at(last))
            == Some(b'\n');
        let start = end
            .line()
            .saturating_sub(inner_newlines + u64::from(ended_by_newline));
        let began = self.record.position().map_or(1, |position| position.line());
        start.max(began)
    }

    fn error_document(&self, line: u64, detail: &dyn std::fmt::Display) -> RawDocument {
        RawDocument {
            id: self.origin.id_at(line),
            source: self.origin.source_at(line),
            status: Status::Error,
            message: self.origin.line_message(line, detail),
            ..RawDocument::default()
        }
        .with_fields(self.options.keep_fields.len())
    }

    fn row_document(&self, line: u64) -> RawDocument {
        let Some(columns) = &self.columns else {
            return self.error_document(line, &"no header row");
        };
        let record = &self.record;
        if record.len() != columns.width {
            let detail = format!(
                "expected {} fields as in the header, found {}",
                columns.width,
                record.len()
            );
            return self.error_document(line, &detail);
        }
        let mut replaced = 0;
        let mut field = |index: Option<usize>| {
            let (value, invalid) = decode(index.and_then(|index| record.get(index))?);
            replaced += invalid;
            Some(value.into_owned())
        };
        let id = field(columns.id).filter(|id| !id.is_empty());
        let metadata = columns
            .keep
            .iter()
            .map(|&index| field(index).unwrap_or_default())
            .collect();
        let text = field(columns.text);
        let mut document = RawDocument {
            id: id.unwrap_or_else(|| self.origin.id_at(line)),
            source: self.origin.source_at(line),
            metadata,
            ..RawDocument::default()
        };
        match text {
            Some(text) => {
                document.message = undecodable_message(&text, &self.options)
                    .unwrap_or_else(|| replaced_message(record.as_slice(), replaced));
                document.text = text;
                document.skip_if_empty()
            }
            None => {
                let detail = super::missing_text_field(&self.options.text_field, &columns.names);
                document.status = Status::Error;
                document.message = self.origin.line_message(line, &detail);
                document
            }
        }
    }
}

/// The CSV parser over `input`. Flexible, so a row of the wrong length reaches us and becomes an
/// error document.
fn parser(input: RecentBytes, delimiter: u8) -> Reader<RecentBytes> {
    ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .buffer_capacity(BUFFER_SIZE)
        .from_reader(input)
}

/// A [`RecentBytes`] over nothing, to stand in while a parser is replaced.
fn empty_recent_bytes() -> RecentBytes {
    RecentBytes {
        inner: Box::new(io::empty()),
        end: 0,
        tail: VecDeque::new(),
        shadow: csv_core::Reader::new(),
        scratch: Vec::new(),
        ends: Vec::new(),
        record_bytes: 0,
        cap: 0,
        long_record: None,
        skipping: false,
        lines_before: 0,
        lines: 0,
    }
}

/// The delimiter of a CSV export, decided from its header line: whichever of `,`, `;` and tab
/// occurs most often outside quotes (`None` when none occurs, or the line is not in the
/// buffer). Nothing is consumed (the CSV reader drops a leading byte-order mark itself).
pub(super) fn sniff_delimiter(input: &mut Input) -> Option<u8> {
    let buffer = input.fill_buf().ok()?;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in buffer {
        if byte == b'\n' && !quoted {
            break;
        }
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == byte) {
                slot.1 += 1;
            }
        }
    }
    // Ties go to the earlier entry: a comma.
    let (best, count) = counts.iter().fold(
        (b',', 0),
        |best, &(d, n)| if n > best.1 { (d, n) } else { best },
    );
    (count > 0).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read_with(bytes: &[u8], delimiter: u8, options: ReadOptions) -> Vec<RawDocument> {
        let input: Input = Box::new(Cursor::new(bytes.to_vec()));
        let origin = Origin::new("news.csv".to_string(), "in/news.csv".to_string());
        let mut reader = CsvReader::new(input, delimiter, origin, Arc::new(options));
        std::iter::from_fn(|| reader.next()).collect()
    }

    fn read(bytes: &[u8]) -> Vec<RawDocument> {
        read_with(bytes, b',', ReadOptions::default())
    }

    #[test]
    fn header_then_one_document_per_row() {
        let input = "id,text,site\nn1,Ο Πέτρος μένει στην Πάτρα.,a\nn2,\"Ναι, βέβαια.\",b\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].id, "n1");
        assert_eq!(documents[0].text, "Ο Πέτρος μένει στην Πάτρα.");
        assert_eq!(documents[0].source, "in/news.csv:2");
        assert_eq!(documents[0].status, Status::Ok);
        assert_eq!(documents[1].text, "Ναι, βέβαια.");
        assert_eq!(documents[1].source, "in/news.csv:3");
    }

    #[test]
    fn tab_delimited_with_kept_fields_and_missing_id_column() {
        let options = ReadOptions {
            keep_fields: vec!["date".to_string(), "nope".to_string()],
            ..ReadOptions::default()
        };
        let input = "date\ttext\n2024-05-01\tΚαλή Πρωτομαγιά, με \"λουλούδια\".\n";
        let documents = read_with(input.as_bytes(), b'\t', options);
        assert_eq!(documents[0].id, "news.csv:2");
        assert_eq!(documents[0].text, "Καλή Πρωτομαγιά, με \"λουλούδια\".");
        assert_eq!(documents[0].metadata, ["2024-05-01", ""]);
    }

    #[test]
    fn ragged_row_is_an_error_naming_the_line_and_reading_continues() {
        let input = "id,text\na,ένα\nb,δύο,τρία\nc\nd,τέσσερα\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 4);
        assert_eq!(documents[1].status, Status::Error);
        assert_eq!(
            documents[1].message,
            "in/news.csv:3: expected 2 fields as in the header, found 3"
        );
        assert_eq!(documents[1].id, "news.csv:3");
        assert_eq!(documents[2].status, Status::Error);
        assert_eq!(documents[3].status, Status::Ok);
        assert_eq!(documents[3].text, "τέσσερα");
    }

    #[test]
    fn line_numbers_follow_multiline_quoted_fields() {
        let input = "id,text\nx,\"πρώτη γραμμή\nδεύτερη γραμμή\"\ny,μετά\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents[0].text, "πρώτη γραμμή\nδεύτερη γραμμή");
        assert_eq!(documents[0].source, "in/news.csv:2");
        assert_eq!(documents[1].source, "in/news.csv:4");
    }

    #[test]
    fn line_numbers_are_exact_after_blank_lines_and_with_crlf() {
        let input = "\n\nid,text\n\n\nx,α\n\n\"β\nγ\",y\nz,δ";
        let sources: Vec<String> = read(input.as_bytes())
            .into_iter()
            .map(|d| d.source)
            .collect();
        assert_eq!(
            sources,
            ["in/news.csv:6", "in/news.csv:8", "in/news.csv:10"]
        );
        let crlf = "id,text\r\na,α\r\n\r\nb,\"β\r\nγ\"\r\nc,δ\r\n";
        let documents = read(crlf.as_bytes());
        let sources: Vec<&str> = documents.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(sources, ["in/news.csv:2", "in/news.csv:4", "in/news.csv:6"]);
        assert_eq!(documents[1].text, "β\r\nγ");
    }

    #[test]
    fn missing_text_column_makes_every_row_an_error() {
        let documents = read("id,body\n1,α\n2,β\n".as_bytes());
        assert_eq!(documents.len(), 2);
        assert!(documents.iter().all(|d| d.status == Status::Error));
        assert_eq!(
            documents[1].message,
            "in/news.csv:3: missing text field `text` (fields present: id, body; \
             name the text field with --text-field NAME)"
        );
        assert_eq!(documents[1].id, "2");
    }

    #[test]
    fn delimiter_is_sniffed_from_the_header_line() {
        let sniff = |bytes: &[u8]| {
            let mut input: Input = Box::new(Cursor::new(bytes.to_vec()));
            let delimiter = sniff_delimiter(&mut input);
            let mut rest = Vec::new();
            input.read_to_end(&mut rest).unwrap();
            (delimiter, rest.len())
        };
        assert_eq!(sniff(b"id;text;date\n1;a,b;c\n").0, Some(b';'));
        assert_eq!(sniff(b"id,text\n").0, Some(b','));
        assert_eq!(sniff(b"id\ttext\n").0, Some(b'\t'));
        // delimiters inside quotes do not count
        assert_eq!(sniff(b"\"a;b;c\",text\n").0, Some(b','));
        assert_eq!(sniff(b"text\n").0, None);
        // nothing is consumed, a BOM included
        assert_eq!(sniff(b"\xEF\xBB\xBFid;text\n"), (Some(b';'), 11));
    }

    #[test]
    fn header_only_or_empty_file_has_no_documents() {
        assert!(read(b"id,text\n").is_empty());
        assert!(read(b"").is_empty());
    }

    #[test]
    fn bom_crlf_empty_text_and_invalid_utf8() {
        let input = b"\xEF\xBB\xBFtext,id\r\n  ,e\r\nx\xFFy,f\r\n";
        let documents = read(input);
        assert_eq!(documents[0].status, Status::Skipped);
        assert_eq!(documents[0].message, "empty document");
        assert_eq!(documents[1].id, "f");
        assert_eq!(documents[1].text, "x\u{FFFD}y");
        assert_eq!(documents[1].message, "invalid UTF-8: 1 bytes replaced");
    }

    #[test]
    fn record_longer_than_the_cap_is_an_error_and_reading_goes_on() {
        let options = ReadOptions {
            max_record_size: 100,
            keep_fields: vec!["id".to_string()],
            ..ReadOptions::default()
        };
        let long = "λέξη ".repeat(2000);
        let quoted = format!("b,\"{long}\nκαι άλλη γραμμή, με κόμμα\"\n");
        let plain = format!("d,{long}\n");
        let input = format!("id,text\na,πρώτη\n{quoted}c,τρίτη\n{plain}e,πέμπτη\n");
        let documents = read_with(input.as_bytes(), b',', options);
        let sources: Vec<&str> = documents.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "in/news.csv:2",
                "in/news.csv:3",
                "in/news.csv:5",
                "in/news.csv:6",
                "in/news.csv:7"
            ]
        );
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["πρώτη", "", "τρίτη", "", "πέμπτη"]);
        for (long, bytes) in [(1, quoted.len()), (3, plain.len())] {
            let document = &documents[long];
            assert_eq!(document.status, Status::Error);
            assert_eq!(
                document.message,
                format!(
                    "{}: record of {bytes} bytes is longer than --max-record-size (100 \
                     bytes): not read (raise the limit with --max-record-size BYTES)",
                    document.source
                )
            );
        }
        assert_eq!(documents[4].metadata, ["e"]);
    }

    #[test]
    fn records_at_the_cap_are_read_and_a_long_last_record_is_reported() {
        let options = |cap| ReadOptions {
            max_record_size: cap,
            ..ReadOptions::default()
        };
        let input = "text\nαβγ\n";
        // "αβγ\n" is 7 bytes.
        assert_eq!(read_with(input.as_bytes(), b',', options(7))[0].text, "αβγ");
        let documents = read_with(b"text\nabcdefghij", b',', options(4));
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].status, Status::Error);
        assert!(documents[0].message.contains("record of 10 bytes"));
    }

    #[test]
    fn ten_thousand_columns() {
        let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
        let row: Vec<String> = (0..10_000).map(|i| format!("τιμή{i}")).collect();
        let mut input = format!("text,{}\n", header.join(","));
        input.push_str(&format!("Κείμενο,{}\n", row.join(",")));
        input.push_str(&format!("{}\n", row.join(",")));
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].text, "Κείμενο");
        assert_eq!(documents[1].status, Status::Error);
        assert!(documents[1].message.contains("expected 10001 fields"));
    }
}
