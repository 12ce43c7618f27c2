//! Reading: turns INPUT arguments (files, directories, `-` for stdin) into a stream of
//! [`RawDocument`]s.
//!
//! Every input document becomes exactly one `RawDocument`, including the ones that cannot be
//! processed: those carry `Status::Error` or `Status::Skipped` and a message naming the file
//! and line, so a bad file or line never stops a run. Documents stream one at a time: memory is
//! bounded by the current document (a JSONL line or CSV record of at most `--max-record-size`,
//! a CoNLL `-DOCSTART-` block), never by the corpus; a long txt file is not even held whole when
//! read through [`Documents::parts`], which streams it in segments (see [`segment_bytes`]).

mod conll;
mod csv;
mod jsonl;
mod txt;

use std::borrow::Cow;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use crate::{Error, RawDocument, Status};

/// How input files are parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Decide per file from its extension (see [`documents`]).
    Auto,
    /// Plain text: one document per file (id: the path relative to the folder given).
    Txt,
    /// JSON Lines: one document per line, an object with a text field.
    Jsonl,
    /// CSV or TSV with a header line: one document per record.
    Csv,
    /// CoNLL-2003, IOB2 or CoNLL-U: pre-tokenized sentences, documents split by `-DOCSTART-`.
    Conll,
}

/// What to read and which fields of structured records matter.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// How files are parsed.
    pub format: Format,
    /// JSONL key / CSV column holding the text.
    pub text_field: String,
    /// JSONL key / CSV column holding the document id.
    pub id_field: String,
    /// JSONL keys / CSV columns copied into [`RawDocument::metadata`], in this order.
    pub keep_fields: Vec<String>,
    /// Character encoding of every input (`--encoding`, any WHATWG label such as
    /// `windows-1253` or `iso-8859-7`); `None` reads UTF-8. Input in another encoding is
    /// transcoded to UTF-8 as it is read, so offsets count the code points of the decoded text.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// CSV field delimiter (`--delimiter`); `None` sniffs `,`, `;` or tab from the header line.
    pub delimiter: Option<u8>,
    /// The largest JSONL line or CSV record held in memory, in bytes (`--max-record-size`); a
    /// longer one is skipped unread and its document gets status `error`.
    pub max_record_size: u64,
}

/// Default of [`ReadOptions::max_record_size`]: 256 MB.
pub const DEFAULT_MAX_RECORD_SIZE: u64 = 256 << 20;

/// Default of [`segment_bytes`]: 512 KB, a few thousand sentences; a processed segment holds
/// about 25 times its text until written, so this keeps a long document's batches small.
pub const DEFAULT_SEGMENT_BYTES: usize = 512 << 10;

/// The smallest segment [`segment_bytes`] allows: a segment must be able to hold a few words.
pub const MIN_SEGMENT_BYTES: usize = 64;

/// Environment variable setting [`segment_bytes`] (bytes; for tests and experiments).
pub const SEGMENT_BYTES_VAR: &str = "ELPIPE_SEGMENT_BYTES";

/// The size, in bytes, above which a document is read and processed in segments of at most
/// this size: [`DEFAULT_SEGMENT_BYTES`] unless the environment variable `ELPIPE_SEGMENT_BYTES`
/// gives another number (at least [`MIN_SEGMENT_BYTES`]; a value that is not a number is
/// ignored). Read once per process.
pub fn segment_bytes() -> usize {
    static SEGMENT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SEGMENT.get_or_init(|| {
        std::env::var(SEGMENT_BYTES_VAR)
            .ok()
            .and_then(|value| value.trim().parse::<usize>().ok())
            .map_or(DEFAULT_SEGMENT_BYTES, |bytes| bytes.max(MIN_SEGMENT_BYTES))
    })
}

/// One piece of input as [`Documents::parts`] hands it out.
#[derive(Clone, Debug)]
pub enum Part {
    /// A whole document.
    Document(RawDocument),
    /// The next piece of a txt document longer than [`segment_bytes`], in order. Every piece
    /// has the document's id, source and (empty) metadata and at most [`segment_bytes`] of its
    /// text, cut after a paragraph break, line break, `". "` or space where the text has one;
    /// the pieces' texts joined are the document's text. Only the `last` piece carries the
    /// document's message (replaced bytes). When reading fails midway, the last piece has
    /// status `error`, no text and the message.
    Segment { raw: RawDocument, last: bool },
}

impl From<RawDocument> for Part {
    fn from(document: RawDocument) -> Self {
        Part::Document(document)
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: Format::Auto,
            text_field: "text".to_string(),
            id_field: "id".to_string(),
            keep_fields: Vec::new(),
            encoding: None,
            delimiter: None,
            max_record_size: DEFAULT_MAX_RECORD_SIZE,
        }
    }
}

/// Looks up an `--encoding` label (WHATWG names and aliases, case-insensitive: `utf-8`,
/// `windows-1253`, `iso-8859-7`, `greek`, `utf-16le`, ...).
pub fn encoding_for_label(label: &str) -> crate::Result<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        Error::Invalid(format!(
            "--encoding {label}: unknown encoding (Greek ones: windows-1253, iso-8859-7; see \
             https://encoding.spec.whatwg.org/#names-and-labels)"
        ))
    })
}

/// Fails fast, before anything is read or written, when an input path does not exist.
/// `-` means stdin and is always fine.
pub fn check_inputs(inputs: &[PathBuf]) -> crate::Result<()> {
    for path in inputs {
        if is_stdin(path) {
            continue;
        }
        match path.try_exists() {
            Ok(true) => {}
            Ok(false) => return Err(Error::MissingInput { path: path.clone() }),
            Err(source) => {
                return Err(Error::Io {
                    path: path.clone(),
                    source,
                })
            }
        }
    }
    Ok(())
}

/// Every document of every input, streamed in a deterministic order: inputs in the order
/// given, directories walked recursively with files sorted by path.
///
/// With [`Format::Auto`] the format comes from the extension (a trailing `.gz` is decompressed
/// and ignored for this): `.txt .text .md` → txt, `.jsonl .ndjson .json` → jsonl,
/// `.csv .tsv` → csv (tab-delimited for `.tsv`), `.conll .conllu .iob .iob2 .bio` → conll.
/// A file with another extension, and stdin, are read as txt. Every file read as txt whose
/// first 8 KB look binary (an image, an archive, whatever its extension) yields a `skipped`
/// document with message `binary file`. CSV files take their delimiter from
/// [`ReadOptions::delimiter`] or else from their header line (`,` `;` or tab).
///
/// Ids and sources: a txt document's id is its path relative to the INPUT argument (the file
/// name when INPUT is a file), with forward slashes; its source is the path as walked.
/// Line-based documents have source `path:line` and, without an id field, id `file-id:line`.
/// Stdin is named `stdin` (`stdin:17` for its line 17).
pub fn documents(inputs: &[PathBuf], options: &ReadOptions) -> Documents {
    Documents {
        inputs: inputs.to_vec(),
        next_input: 0,
        options: Arc::new(options.clone()),
        walk: None,
        current: None,
        counter: Arc::default(),
    }
}

/// The iterator [`documents`] returns.
pub struct Documents {
    inputs: Vec<PathBuf>,
    next_input: usize,
    options: Arc<ReadOptions>,
    walk: Option<Walk>,
    current: Option<FileReader>,
    /// Bytes read so far from input files, as stored (compressed for `.gz`).
    counter: Arc<AtomicU64>,
}

impl Documents {
    /// The same input as pieces: whole documents, and long txt documents in segments, so that
    /// no txt file is held whole (see [`Part`]).
    pub fn parts(self) -> Parts {
        Parts(self)
    }

    /// A counter of the bytes read so far from the input files as stored on disk (compressed
    /// bytes for `.gz`, nothing for stdin), shared with whoever shows progress.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.counter)
    }
}

/// The iterator [`Documents::parts`] returns.
pub struct Parts(Documents);

impl Iterator for Parts {
    type Item = Part;

    fn next(&mut self) -> Option<Part> {
        self.0.next_part()
    }
}

/// Whole documents: a long txt document's segments are joined back into one.
impl Iterator for Documents {
    type Item = RawDocument;

    fn next(&mut self) -> Option<RawDocument> {
        match self.next_part()? {
            Part::Document(document) => Some(document),
            Part::Segment { raw, last } => Some(join(raw, last, || self.next_part())),
        }
    }
}

/// A document made whole from its first segment and the ones `next` gives after it.
fn join(
    mut whole: RawDocument,
    mut last: bool,
    mut next: impl FnMut() -> Option<Part>,
) -> RawDocument {
    while !last {
        let Some(Part::Segment { raw, last: is_last }) = next() else {
            break;
        };
        last = is_last;
        if raw.status == Status::Error {
            whole.text = String::new();
            whole.status = Status::Error;
        } else if whole.status != Status::Error {
            whole.text.push_str(&raw.text);
        }
        if !raw.message.is_empty() {
            whole.message = raw.message;
        }
    }
    whole.skip_if_empty()
}

impl Documents {
    /// The next whole document or segment.
    fn next_part(&mut self) -> Option<Part> {
        loop {
            if let Some(reader) = &mut self.current {
                match reader.next() {
                    Some(document) => return Some(document),
                    None => self.current = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Walked::File { path, id }) => {
                        let origin = Origin::new(id, path.display().to_string());
                        self.current = Some(self.open(&path, origin, true));
                    }
                    Some(Walked::Report(document)) => {
                        let document = document.with_fields(self.options.keep_fields.len());
                        return Some(Part::Document(document));
                    }
                    None => self.walk = None,
                }
                continue;
            }
            let input = self.inputs.get(self.next_input)?.clone();
            self.next_input += 1;
            if is_stdin(&input) {
                self.current = Some(self.open_stdin());
                continue;
            }
            match fs::metadata(&input) {
                Ok(metadata) if metadata.is_dir() => self.walk = Some(Walk::new(input)),
                Ok(_) => {
                    let id = input.file_name().map_or_else(
                        || input.display().to_string(),
                        |name| name.to_string_lossy().into_owned(),
                    );
                    let origin = Origin::new(id, input.display().to_string());
                    self.current = Some(self.open(&input, origin, false));
                }
                Err(error) => {
                    let origin =
                        Origin::new(input.display().to_string(), input.display().to_string());
                    let message = if error.kind() == io::ErrorKind::NotFound {
                        Error::MissingInput { path: input }.to_string()
                    } else {
                        origin.file_message(&error)
                    };
                    let document = origin.failure(Status::Error, message, &self.options);
                    return Some(Part::Document(document));
                }
            }
        }
    }
}

/// The field names found in the first records of the structured inputs (JSONL keys, CSV
/// header names): what `--group-by`, `--keep-fields` and `--text-field` are checked against
/// before a run. See [`survey_fields`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSurvey {
    /// JSONL lines and CSV headers examined.
    pub records: usize,
    /// Files read as one document each (txt) or as tokens (CoNLL): they have no fields.
    pub unstructured: usize,
    /// Whether an input is stdin, which cannot be read twice and is not surveyed.
    pub stdin: bool,
    /// Every field name seen, sorted.
    pub fields: std::collections::BTreeSet<String>,
}

impl FieldSurvey {
    /// Whether the survey saw structured records, so that a field absent from all of them is
    /// known to be absent from the input.
    pub fn decides(&self) -> bool {
        !self.stdin && (self.records > 0 || self.unstructured > 0)
    }

    /// The fields seen, comma-separated, for messages.
    pub fn field_list(&self) -> String {
        let names: Vec<&str> = self.fields.iter().map(String::as_str).collect();
        names.join(", ")
    }
}

/// At most this many JSONL lines and CSV headers are surveyed, and this many files.
const SURVEY_RECORDS: usize = 1000;
const SURVEY_FILES: usize = 200;
/// A surveyed JSONL line longer than this is not parsed (it is still read in the run).
const SURVEY_LINE_BYTES: u64 = 1 << 20;

/// Surveys the field names of the first records of the inputs, in reading order: the first
/// 1,000 JSONL lines and CSV headers of the first 200 files. Files read as text are counted,
/// not read; stdin is noted, not read. Unreadable files are passed over (the run reports them).
pub fn survey_fields(inputs: &[PathBuf], options: &ReadOptions) -> FieldSurvey {
    let mut survey = FieldSurvey::default();
    let mut files = 0;
    let counter = Arc::new(AtomicU64::new(0));
    let mut visit = |path: &Path, survey: &mut FieldSurvey| -> bool {
        files += 1;
        survey_file(path, options, &counter, survey);
        files < SURVEY_FILES && survey.records < SURVEY_RECORDS
    };
    for input in inputs {
        if is_stdin(input) {
            survey.stdin = true;
            continue;
        }
        if input.is_dir() {
            let mut walk = Walk::new(input.clone());
            while let Some(walked) = walk.next() {
                if let Walked::File { path, .. } = walked {
                    if !visit(&path, &mut survey) {
                        return survey;
                    }
                }
            }
        } else if !visit(input, &mut survey) {
            return survey;
        }
    }
    survey
}

fn survey_file(
    path: &Path,
    options: &ReadOptions,
    counter: &Arc<AtomicU64>,
    survey: &mut FieldSurvey,
) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let plan = Plan::new(&name, options.format, false);
    let open = || {
        open_file(path, plan.gzip, counter)
            .ok()
            .map(|(input, hint)| transcode(input, hint, options).0)
    };
    match plan.kind {
        Kind::Txt { .. } | Kind::Conll => survey.unstructured += 1,
        Kind::Jsonl => {
            let Some(mut input) = open() else { return };
            let mut line = Vec::new();
            while survey.records < SURVEY_RECORDS {
                match read_capped_line(&mut input, &mut line, SURVEY_LINE_BYTES) {
                    Ok(Line::End) | Err(_) => break,
                    Ok(Line::TooLong { .. }) => survey.records += 1,
                    Ok(Line::Complete) => {
                        let text = strip_bom(&line);
                        if text.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        survey.records += 1;
                        if let Ok(serde_json::Value::Object(object)) =
                            serde_json::from_slice::<serde_json::Value>(text)
                        {
                            survey.fields.extend(object.keys().cloned());
                        }
                    }
                }
            }
        }
        Kind::Csv { delimiter } => {
            let Some(mut input) = open() else { return };
            let delimiter = match options.delimiter {
                Some(delimiter) => delimiter,
                None => csv::sniff_delimiter(&mut input).unwrap_or(delimiter),
            };
            let mut reader = ::csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(input.take(SURVEY_LINE_BYTES));
            let mut header = ::csv::ByteRecord::new();
            if reader.read_byte_record(&mut header).unwrap_or(false) {
                survey.records += 1;
                survey
                    .fields
                    .extend(header.iter().map(|name| decode(name).0.trim().to_string()));
            }
        }
    }
}

/// What [`read_capped_line`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line (without its `\n`) is in the buffer.
    Complete,
    /// The line was longer than the cap: it was read past, not kept; `bytes` is its length.
    TooLong { bytes: u64 },
    /// The input has no more bytes.
    End,
}

/// Reads one `\n`-terminated line into `line` (cleared first, the `\n` dropped), holding at
/// most `cap` bytes of it: a longer line is consumed without being kept.
fn read_capped_line(input: &mut Input, line: &mut Vec<u8>, cap: u64) -> io::Result<Line> {
    line.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::End,
                (bytes, true) => Line::TooLong { bytes },
                _ => Line::Complete,
            });
        }
        let (chunk, found) = match memchr_newline(buffer) {
            Some(i) => (&buffer[..i], true),
            None => (buffer, false),
        };
        total += chunk.len() as u64;
        if total > cap {
            too_long = true;
            line.clear();
            line.shrink_to(BUFFER_SIZE);
        } else {
            line.extend_from_slice(chunk);
        }
        let used = chunk.len() + usize::from(found);
        input.consume(used);
        if found {
            return Ok(if too_long {
                Line::TooLong { bytes: total }
            } else {
                Line::Complete
            });
        }
    }
}

/// The message of a record longer than `--max-record-size`.
fn too_long(bytes: u64, cap: u64) -> String {
    format!(
        "record of {bytes} bytes is longer than --max-record-size ({cap} bytes): not read \
         (raise the limit with --max-record-size BYTES)"
    )
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How documents from one input file are named.
#[derive(Clone, Debug)]
struct Origin {
    /// The id of a whole-file document, and the prefix of generated per-line ids.
    id: String,
    /// The path as given or walked, prefix of per-line sources and error messages.
    source: String,
}

impl Origin {
    fn new(id: String, source: String) -> Self {
        Origin { id, source }
    }

    fn stdin() -> Self {
        Origin::new("stdin".to_string(), "stdin".to_string())
    }

    fn source_at(&self, line: u64) -> String {
        format!("{}:{}", self.source, line)
    }

    fn id_at(&self, line: u64) -> String {
        format!("{}:{}", self.id, line)
    }

    /// A message about the whole file, naming it.
    fn file_message(&self, detail: &dyn std::fmt::Display) -> String {
        format!("{}: {}", self.source, detail)
    }

    /// A message about one line, naming the file and the line.
    fn line_message(&self, line: u64, detail: &dyn std::fmt::Display) -> String {
        format!("{}:{}: {}", self.source, line, detail)
    }

    /// A document standing for the whole file when it cannot be read.
    fn failure(&self, status: Status, message: String, options: &ReadOptions) -> RawDocument {
        RawDocument {
            id: self.id.clone(),
            source: self.source.clone(),
            status,
            message,
            ..RawDocument::default()
        }
        .with_fields(options.keep_fields.len())
    }
}

impl RawDocument {
    /// Gives a document built without metadata one empty value per `--keep-fields` column, so
    /// every document has the same columns.
    fn with_fields(mut self, fields: usize) -> Self {
        self.metadata.resize(fields, String::new());
        self
    }

    /// Marks an `ok` document whose text is empty or whitespace only as skipped.
    fn skip_if_empty(mut self) -> Self {
        if self.status == Status::Ok && self.text.trim().is_empty() {
            self.status = Status::Skipped;
            self.message = "empty document".to_string();
        }
        self
    }
}

/// The warning an `ok` document carries when its bytes were not all valid UTF-8: how many
/// were replaced, and the `--encoding` to use when `bytes` decode cleanly as Greek
/// windows-1253 (the usual encoding of old Greek Windows files and Excel exports).
fn replaced_message(bytes: &[u8], replaced: usize) -> String {
    replaced_note(replaced, replaced > 0 && reads_as_windows_1253(bytes))
}

/// [`replaced_message`] when the caller knows whether the bytes read as windows-1253.
fn replaced_note(replaced: usize, windows_1253: bool) -> String {
    if replaced == 0 {
        return String::new();
    }
    let mut message = format!("invalid UTF-8: {replaced} bytes replaced");
    if windows_1253 {
        message.push_str(
            "; the bytes read cleanly as Greek windows-1253: rerun with --encoding windows-1253",
        );
    }
    message
}

/// Whether `bytes` decode without error as windows-1253 into text with Greek letters.
fn reads_as_windows_1253(bytes: &[u8]) -> bool {
    windows_1253_reading(bytes) == Some(true)
}

/// Whether `bytes` decode without error as windows-1253 (`None` when they do not) and, if so,
/// whether the text has Greek letters. A single-byte encoding: pieces of a file can be checked
/// one by one.
fn windows_1253_reading(bytes: &[u8]) -> Option<bool> {
    let decoded =
        encoding_rs::WINDOWS_1253.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(
        decoded
            .chars()
            .any(|c| matches!(c, '\u{0386}'..='\u{03CE}')),
    )
}

/// The warning an `ok` document carries when it was read with `--encoding` and some bytes
/// were not valid in that encoding (the decoder put U+FFFD in their place).
fn undecodable_message(text: &str, options: &ReadOptions) -> Option<String> {
    undecodable_note(undecodable_count(text, options), options)
}

/// The U+FFFD characters of a text read with a non-UTF-8 `--encoding` (0 without one).
fn undecodable_count(text: &str, options: &ReadOptions) -> usize {
    if options.encoding.is_none_or(|e| e == encoding_rs::UTF_8) {
        return 0;
    }
    text.chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count()
}

/// [`undecodable_message`] from the count of replaced sequences.
fn undecodable_note(replaced: usize, options: &ReadOptions) -> Option<String> {
    let encoding = options.encoding.filter(|e| *e != encoding_rs::UTF_8)?;
    (replaced > 0).then(|| {
        format!(
            "{replaced} byte sequences not valid in {} replaced",
            encoding.name()
        )
    })
}

/// The message of a record without the text field: names the fields it has and the flag.
fn missing_text_field(wanted: &str, present: &[impl AsRef<str>]) -> String {
    let names: Vec<&str> = present.iter().map(AsRef::as_ref).collect();
    if names.is_empty() {
        format!("missing text field `{wanted}` (the record has no fields)")
    } else {
        format!(
            "missing text field `{wanted}` (fields present: {}; name the text field with \
             --text-field NAME)",
            names.join(", ")
        )
    }
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD as `String::from_utf8_lossy`
/// does; also returns how many bytes were replaced. Valid input is borrowed, not copied.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, usize) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), 0);
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += chunk.invalid().len();
        }
    }
    (Cow::Owned(text), replaced)
}

/// [`decode`] for an owned buffer: valid UTF-8 becomes the `String` without a copy.
fn decode_owned(bytes: Vec<u8>) -> (String, usize) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(error) => {
            let (text, replaced) = decode(error.as_bytes());
            (text.into_owned(), replaced)
        }
    }
}

/// Drops a leading UTF-8 byte-order mark.
fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Buffer size for line and record readers: large enough that syscalls do not dominate.
const BUFFER_SIZE: usize = 64 * 1024;

type Input = Box<dyn BufRead + Send>;

/// How one file is read, decided from its name and the `--format` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Plan {
    gzip: bool,
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// One document per file; `sniff` rejects files whose start looks binary.
    Txt {
        sniff: bool,
    },
    Jsonl,
    /// `delimiter` is the extension's default (tab for `.tsv`); `--delimiter` overrides it and
    /// without it the header line decides (see [`csv::sniff_delimiter`]).
    Csv {
        delimiter: u8,
    },
    Conll,
}

impl Plan {
    /// Every file read as text is checked first: one whose first 8 KB look binary (an image,
    /// an archive, whatever its extension) is skipped as `binary file`. `in_directory` is kept
    /// for callers that tell walked files from named ones.
    fn new(file_name: &str, format: Format, in_directory: bool) -> Self {
        let _ = in_directory;
        let lower = file_name.to_lowercase();
        let (gzip, name) = match lower.strip_suffix(".gz") {
            Some(name) => (true, name),
            None => (false, lower.as_str()),
        };
        let extension = name.rsplit_once('.').map_or("", |(_, extension)| extension);
        let delimiter = if extension == "tsv" { b'\t' } else { b',' };
        let text_extension = matches!(extension, "txt" | "text" | "md");
        let kind = match format {
            Format::Txt => Kind::Txt { sniff: true },
            Format::Jsonl => Kind::Jsonl,
            Format::Csv => Kind::Csv { delimiter },
            Format::Conll => Kind::Conll,
            Format::Auto => match extension {
                _ if text_extension => Kind::Txt { sniff: true },
                "jsonl" | "ndjson" | "json" => Kind::Jsonl,
                "csv" | "tsv" => Kind::Csv { delimiter },
                "conll" | "conllu" | "iob" | "iob2" | "bio" => Kind::Conll,
                _ => Kind::Txt { sniff: true },
            },
        };
        Plan { gzip, kind }
    }
}

/// The documents of one file, produced one at a time.
enum FileReader {
    /// The one document reporting why the file could not be read.
    Single(Option<RawDocument>),
    Txt(txt::TxtReader),
    Jsonl(jsonl::JsonlReader),
    /// Boxed: the CSV parsers' state is large beside the other readers.
    Csv(Box<csv::CsvReader>),
    Conll(conll::ConllReader),
}

impl FileReader {
    fn next(&mut self) -> Option<Part> {
        match self {
            FileReader::Single(document) => document.take().map(Part::Document),
            FileReader::Txt(reader) => reader.next(),
            FileReader::Jsonl(reader) => reader.next().map(Part::Document),
            FileReader::Csv(reader) => reader.next().map(Part::Document),
            FileReader::Conll(reader) => reader.next().map(Part::Document),
        }
    }
}

impl Documents {
    fn open(&self, path: &Path, origin: Origin, in_directory: bool) -> FileReader {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let plan = Plan::new(&name, self.options.format, in_directory);
        match open_file(path, plan.gzip, &self.counter) {
            Ok((input, size_hint)) => {
                let (input, size_hint) = transcode(input, size_hint, &self.options);
                self.reader(plan.kind, input, size_hint, origin)
            }
            Err(error) => {
                let message = origin.file_message(&error);
                FileReader::Single(Some(origin.failure(Status::Error, message, &self.options)))
            }
        }
    }

    fn open_stdin(&self) -> FileReader {
        let plan = Plan::new("", self.options.format, false);
        let origin = Origin::stdin();
        match stdin_input(io::stdin()) {
            Ok(input) => {
                let (input, _) = transcode(input, 0, &self.options);
                self.reader(plan.kind, input, 0, origin)
            }
            Err(error) => {
                let message = origin.file_message(&error);
                FileReader::Single(Some(origin.failure(Status::Error, message, &self.options)))
            }
        }
    }

    fn reader(&self, kind: Kind, input: Input, size_hint: usize, origin: Origin) -> FileReader {
        let options = Arc::clone(&self.options);
        match kind {
            Kind::Txt { sniff } => FileReader::Txt(txt::TxtReader::new(
                input,
                size_hint,
                sniff,
                origin,
                options,
                segment_bytes(),
            )),
            Kind::Jsonl => FileReader::Jsonl(jsonl::JsonlReader::new(input, origin, options)),
            Kind::Csv { delimiter } => {
                let mut input = input;
                let delimiter = match options.delimiter {
                    Some(delimiter) => delimiter,
                    None => csv::sniff_delimiter(&mut input).unwrap_or(delimiter),
                };
                FileReader::Csv(Box::new(csv::CsvReader::new(
                    input, delimiter, origin, options,
                )))
            }
            Kind::Conll => FileReader::Conll(conll::ConllReader::new(input, origin, options)),
        }
    }
}

/// Opens a file, decompressing it when `gzip`; also returns its size as a capacity hint for
/// readers that load the whole file (0 when compressed, as the size says little then).
fn open_file(path: &Path, gzip: bool, counter: &Arc<AtomicU64>) -> io::Result<(Input, usize)> {
    let file = Counted {
        inner: File::open(path)?,
        counter: Arc::clone(counter),
    };
    if gzip {
        let decoder = MultiGzDecoder::new(BufReader::with_capacity(BUFFER_SIZE, file));
        return Ok((Box::new(BufReader::with_capacity(BUFFER_SIZE, decoder)), 0));
    }
    let size = file.inner.metadata().map_or(0, |metadata| metadata.len());
    let size_hint = usize::try_from(size).unwrap_or(0);
    Ok((
        Box::new(BufReader::with_capacity(BUFFER_SIZE, file)),
        size_hint,
    ))
}

/// A file whose bytes read are added to a shared counter (the progress bar's position).
struct Counted {
    inner: File,
    counter: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let count = self.inner.read(buffer)?;
        self.counter.fetch_add(count as u64, Ordering::Relaxed);
        Ok(count)
    }
}

/// Wraps an input read with a non-UTF-8 `--encoding` in a decoder to UTF-8; other inputs are
/// returned as they are. The size hint is doubled for single-byte encodings, as a Greek letter
/// takes two bytes in UTF-8.
fn transcode(input: Input, size_hint: usize, options: &ReadOptions) -> (Input, usize) {
    match options.encoding {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let reader = Transcode {
                inner: input,
                decoder: encoding.new_decoder_with_bom_removal(),
                pending: Vec::new(),
                start: 0,
                done: false,
            };
            (
                Box::new(BufReader::with_capacity(BUFFER_SIZE, reader)),
                size_hint.saturating_mul(2),
            )
        }
        _ => (input, size_hint),
    }
}

/// A reader decoding another encoding to UTF-8 with encoding_rs, chunk by chunk; undecodable
/// bytes become U+FFFD.
struct Transcode {
    inner: Input,
    decoder: encoding_rs::Decoder,
    pending: Vec<u8>,
    start: usize,
    done: bool,
}

impl Read for Transcode {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        while self.start == self.pending.len() {
            if self.done {
                return Ok(0);
            }
            let source = self.inner.fill_buf()?;
            let last = source.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(source.len())
                .unwrap_or(4 * BUFFER_SIZE)
                .max(16);
            self.pending.clear();
            self.pending.resize(room, 0);
            self.start = 0;
            let (_, read, written, _) =
                self.decoder.decode_to_utf8(source, &mut self.pending, last);
            self.pending.truncate(written);
            self.inner.consume(read);
            self.done = last;
        }
        let count = (self.pending.len() - self.start).min(buffer.len());
        buffer[..count].copy_from_slice(&self.pending[self.start..self.start + count]);
        self.start += count;
        Ok(count)
    }
}

/// Wraps stdin, decompressing it when it starts with the gzip magic bytes (stdin has no name
/// to tell).
fn stdin_input<R: Read + Send + 'static>(stdin: R) -> io::Result<Input> {
    let mut input = BufReader::with_capacity(BUFFER_SIZE, stdin);
    if input.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let decoder = MultiGzDecoder::new(input);
        return Ok(Box::new(BufReader::with_capacity(BUFFER_SIZE, decoder)));
    }
    Ok(Box::new(input))
}

/// What walking a directory turns up.
enum Walked {
    /// A regular file to read, with its id (path relative to the walked INPUT).
    File { path: PathBuf, id: String },
    /// Something that is reported instead of read: an unreadable entry, a symlink loop.
    Report(RawDocument),
}

/// A depth-first walk of one directory INPUT. Entries are sorted by name in each directory,
/// which yields files sorted by path; only the listings of the directories on the current path
/// are held.
struct Walk {
    root: PathBuf,
    stack: Vec<Frame>,
    /// Set when the root itself could not be listed; reported once.
    pending: Option<RawDocument>,
}

struct Frame {
    entries: std::vec::IntoIter<PathBuf>,
    /// The directory's canonical path, to recognise a symlink leading back to it.
    canonical: PathBuf,
}

impl Walk {
    fn new(root: PathBuf) -> Self {
        let mut walk = Walk {
            root: root.clone(),
            stack: Vec::new(),
            pending: None,
        };
        walk.pending = match fs::canonicalize(&root) {
            Ok(canonical) => walk.enter(&root, canonical),
            Err(error) => Some(walk.report(&root, Status::Error, &error)),
        };
        walk
    }

    /// The id of a walked path: relative to the root, with forward slashes.
    fn id_of(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<Cow<'_, str>> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect();
        if parts.is_empty() {
            path.display().to_string()
        } else {
            parts.join("/")
        }
    }

    fn report(&self, path: &Path, status: Status, detail: &dyn std::fmt::Display) -> RawDocument {
        let origin = Origin::new(self.id_of(path), path.display().to_string());
        RawDocument {
            id: origin.id.clone(),
            message: origin.file_message(detail),
            source: origin.source,
            status,
            ..RawDocument::default()
        }
    }

    /// Lists a directory onto the stack; when it can't, returns the document reporting why.
    fn enter(&mut self, directory: &Path, canonical: PathBuf) -> Option<RawDocument> {
        let listing = fs::read_dir(directory).and_then(|entries| {
            let mut names = entries
                .map(|entry| entry.map(|entry| entry.file_name()))
                .collect::<io::Result<Vec<OsString>>>()?;
            names.sort();
            Ok(names)
        });
        match listing {
            Ok(entries) => {
                let paths: Vec<PathBuf> = entries
                    .into_iter()
                    .filter(|name| !name.as_encoded_bytes().starts_with(b"."))
                    .map(|name| directory.join(name))
                    .collect();
                self.stack.push(Frame {
                    entries: paths.into_iter(),
                    canonical,
                });
                None
            }
            Err(error) => Some(self.report(directory, Status::Error, &error)),
        }
    }

    fn next(&mut self) -> Option<Walked> {
        if let Some(document) = self.pending.take() {
            return Some(Walked::Report(document));
        }
        loop {
            let frame = self.stack.last_mut()?;
            let Some(path) = frame.entries.next() else {
                self.stack.pop();
                continue;
            };
            let metadata = match fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(error) => {
                    return Some(Walked::Report(self.report(&path, Status::Error, &error)))
                }
            };
            if metadata.is_file() {
                let id = self.id_of(&path);
                return Some(Walked::File { path, id });
            }
            if !metadata.is_dir() {
                let report = self.report(&path, Status::Skipped, &"not a regular file");
                return Some(Walked::Report(report));
            }
            let canonical = match fs::canonicalize(&path) {
                Ok(canonical) => canonical,
                Err(error) => {
                    return Some(Walked::Report(self.report(&path, Status::Error, &error)))
                }
            };
            if let Some(ancestor) = self.stack.iter().find(|frame| frame.canonical == canonical) {
                let detail = format!("symlink loop back to {}", ancestor.canonical.display());
                return Some(Walked::Report(self.report(&path, Status::Skipped, &detail)));
            }
            if let Some(document) = self.enter(&path, canonical) {
                return Some(Walked::Report(document));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use proptest::prelude::*;
    use std::io::Write;

    fn write(path: &Path, bytes: &[u8]) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, bytes).unwrap();
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn read_all(inputs: &[PathBuf], options: &ReadOptions) -> Vec<RawDocument> {
        documents(inputs, options).collect()
    }

    fn ids(documents: &[RawDocument]) -> Vec<&str> {
        documents
            .iter()
            .map(|document| document.id.as_str())
            .collect()
    }

    #[test]
    fn check_inputs_accepts_existing_paths_and_stdin_and_rejects_missing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        write(&file, "κείμενο".as_bytes());
        let present = [file.clone(), dir.path().to_path_buf(), PathBuf::from("-")];
        assert!(check_inputs(&present).is_ok());
        let missing = dir.path().join("nowhere.txt");
        let error = check_inputs(&[file, missing.clone()]).unwrap_err();
        assert!(matches!(&error, Error::MissingInput { path } if *path == missing));
        assert!(error
            .to_string()
            .ends_with("nowhere.txt: no such file or directory"));
    }

    #[test]
    fn directory_is_walked_recursively_sorted_by_path_skipping_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        write(&root.join("b.txt"), "Β".as_bytes());
        write(&root.join("a.txt"), "Α".as_bytes());
        write(&root.join("a/z.md"), "Ζ".as_bytes());
        write(&root.join("a/deeper/y.text"), "Υ".as_bytes());
        write(&root.join(".DS_Store"), b"\x00\x00\x00\x01Bud1");
        write(&root.join(".git/HEAD"), b"ref: refs/heads/main\n");
        let documents = read_all(std::slice::from_ref(&root), &ReadOptions::default());
        assert_eq!(
            ids(&documents),
            ["a/deeper/y.text", "a/z.md", "a.txt", "b.txt"]
        );
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Υ", "Ζ", "Α", "Β"]);
        assert_eq!(
            documents[1].source,
            root.join("a/z.md").display().to_string()
        );
    }

    #[test]
    fn inputs_keep_the_order_given_and_a_file_input_is_named_by_its_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let second = dir.path().join("sub/zeta.txt");
        let first = dir.path().join("alpha.txt");
        write(&second, "δεύτερο".as_bytes());
        write(&first, "πρώτο".as_bytes());
        let documents = read_all(&[second.clone(), first], &ReadOptions::default());
        assert_eq!(ids(&documents), ["zeta.txt", "alpha.txt"]);
        assert_eq!(documents[0].source, second.display().to_string());
    }

    #[test]
    fn format_by_extension_ignoring_gz_and_case() {
        let plan = |name: &str| Plan::new(name, Format::Auto, false);
        // every file read as text is sniffed for binary content
        let txt = Kind::Txt { sniff: true };
        let comma = Kind::Csv { delimiter: b',' };
        let tab = Kind::Csv { delimiter: b'\t' };
        for (name, kind) in [
            ("a.txt", txt),
            ("a.TEXT", txt),
            ("README.md", txt),
            ("a.jsonl", Kind::Jsonl),
            ("a.ndjson", Kind::Jsonl),
            ("a.json", Kind::Jsonl),
            ("a.csv", comma),
            ("a.TSV", tab),
            ("a.conll", Kind::Conll),
            ("a.conllu", Kind::Conll),
            ("a.iob", Kind::Conll),
            ("a.iob2", Kind::Conll),
            ("a.bio", Kind::Conll),
            ("a.log", txt),
            ("Makefile", txt),
        ] {
            assert_eq!(plan(name), Plan { gzip: false, kind }, "{name}");
        }
        assert_eq!(
            plan("a.jsonl.gz"),
            Plan {
                gzip: true,
                kind: Kind::Jsonl
            }
        );
        assert_eq!(
            plan("a.tsv.GZ"),
            Plan {
                gzip: true,
                kind: tab
            }
        );
        assert_eq!(
            plan("a.gz"),
            Plan {
                gzip: true,
                kind: txt
            }
        );
        // Unknown extensions found in a directory are sniffed; stdin (no name) is txt.
        assert_eq!(
            Plan::new("photo.jpg", Format::Auto, true).kind,
            Kind::Txt { sniff: true }
        );
        assert_eq!(Plan::new("a.txt", Format::Auto, true).kind, txt);
        assert_eq!(Plan::new("", Format::Auto, false).kind, txt);
        // An explicit format wins over the extension; .tsv keeps its tab.
        assert_eq!(Plan::new("a.txt", Format::Conll, false).kind, Kind::Conll);
        assert_eq!(Plan::new("a.log", Format::Txt, false).kind, txt);
        assert_eq!(Plan::new("a.md", Format::Txt, true).kind, txt);
        assert_eq!(
            Plan::new("a.jsonl", Format::Txt, true).kind,
            Kind::Txt { sniff: true }
        );
        assert_eq!(Plan::new("a.tsv", Format::Csv, false).kind, tab);
        assert_eq!(Plan::new("", Format::Csv, false).kind, comma);
    }

    #[test]
    fn every_format_is_read_by_extension_and_through_gzip() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files: [(&str, &[u8]); 5] = [
            ("a.txt", "Η θάλασσα είναι ήρεμη.".as_bytes()),
            (
                "b.jsonl",
                "{\"id\":\"j\",\"text\":\"Ο ήλιος έδυσε.\"}\n".as_bytes(),
            ),
            ("c.csv", "id,text\nc,Βρέχει πολύ.\n".as_bytes()),
            ("d.tsv", "text\tid\nΦυσάει, λέει.\tt\n".as_bytes()),
            ("e.conll", "Χιονίζει O\n. O\n".as_bytes()),
        ];
        for (name, bytes) in files {
            write(&root.join("plain").join(name), bytes);
            write(
                &root.join("packed").join(format!("{name}.gz")),
                &gzip(bytes),
            );
        }
        let expected = [
            ("Η θάλασσα είναι ήρεμη.", false),
            ("Ο ήλιος έδυσε.", false),
            ("Βρέχει πολύ.", false),
            ("Φυσάει, λέει.", false),
            ("Χιονίζει .", true),
        ];
        for folder in ["plain", "packed"] {
            let documents = read_all(&[root.join(folder)], &ReadOptions::default());
            assert_eq!(documents.len(), 5, "{folder}");
            for (document, (text, pretokenized)) in documents.iter().zip(expected) {
                assert_eq!(document.status, Status::Ok, "{folder} {}", document.message);
                assert_eq!(document.text, text, "{folder}");
                assert_eq!(document.pretokenized.is_some(), pretokenized);
            }
            let suffix = if folder == "packed" { ".gz" } else { "" };
            assert_eq!(documents[0].id, format!("a.txt{suffix}"));
            assert_eq!(ids(&documents)[1..4], ["j", "c", "t"]);
            assert_eq!(documents[4].id, format!("e.conll{suffix}"));
        }
    }

    #[test]
    fn binary_files_are_skipped_whatever_their_extension_named_or_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("mixed");
        let mut image = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01".to_vec();
        image.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
        write(&root.join("photo.jpg"), &image);
        write(&root.join("notes.log"), "Σημείωση: όλα καλά.\n".as_bytes());
        write(&root.join("README"), "Διάβασέ με.".as_bytes());
        let documents = read_all(std::slice::from_ref(&root), &ReadOptions::default());
        assert_eq!(ids(&documents), ["README", "notes.log", "photo.jpg"]);
        assert_eq!(documents[0].text, "Διάβασέ με.");
        assert_eq!(documents[1].status, Status::Ok);
        assert_eq!(documents[2].status, Status::Skipped);
        assert_eq!(documents[2].message, "binary file");
        let named = read_all(&[root.join("photo.jpg")], &ReadOptions::default());
        assert_eq!(named[0].status, Status::Skipped);
        assert_eq!(named[0].message, "binary file");
        write(&root.join("disguised.txt"), &image);
        let disguised = read_all(&[root.join("disguised.txt")], &ReadOptions::default());
        assert_eq!(disguised[0].message, "binary file");
    }

    #[test]
    fn explicit_format_overrides_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lines.txt");
        write(&file, "{\"text\":\"ένα\"}\n{\"text\":\"δύο\"}\n".as_bytes());
        let options = ReadOptions {
            format: Format::Jsonl,
            ..ReadOptions::default()
        };
        let documents = read_all(&[file], &options);
        assert_eq!(ids(&documents), ["lines.txt:1", "lines.txt:2"]);
        assert_eq!(documents[1].text, "δύο");
    }

    #[test]
    fn line_ids_inside_a_directory_use_the_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        write(
            &dir.path().join("in/sub/x.jsonl"),
            "\n{\"text\":\"α\"}\n".as_bytes(),
        );
        let documents = read_all(&[dir.path().join("in")], &ReadOptions::default());
        assert_eq!(documents[0].id, "sub/x.jsonl:2");
        let source = format!("{}:2", dir.path().join("in/sub/x.jsonl").display());
        assert_eq!(documents[0].source, source);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_once_and_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        write(&root.join("sub/a.txt"), "α".as_bytes());
        write(&dir.path().join("elsewhere/b.txt"), "β".as_bytes());
        symlink(&root, root.join("sub/back")).unwrap();
        symlink(".", root.join("sub/here")).unwrap();
        symlink(dir.path().join("elsewhere"), root.join("sub/other")).unwrap();
        let documents = read_all(std::slice::from_ref(&root), &ReadOptions::default());
        assert_eq!(
            ids(&documents),
            ["sub/a.txt", "sub/back", "sub/here", "sub/other/b.txt"]
        );
        for looped in &documents[1..3] {
            assert_eq!(looped.status, Status::Skipped);
            assert!(
                looped.message.contains("symlink loop back to"),
                "{}",
                looped.message
            );
        }
        assert_eq!(documents[3].text, "β");
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_entries_become_error_documents_and_the_walk_continues() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        write(&root.join("a.txt"), "α".as_bytes());
        symlink(root.join("gone.txt"), root.join("broken.txt")).unwrap();
        write(
            &root.join("corrupt.txt.gz"),
            b"\x1f\x8b\x08\x00not really gzip",
        );
        write(&root.join("z.txt"), "ω".as_bytes());
        let options = ReadOptions {
            keep_fields: vec!["k".to_string()],
            ..ReadOptions::default()
        };
        let documents = read_all(std::slice::from_ref(&root), &options);
        assert_eq!(
            ids(&documents),
            ["a.txt", "broken.txt", "corrupt.txt.gz", "z.txt"]
        );
        for failed in &documents[1..3] {
            assert_eq!(failed.status, Status::Error);
            assert!(
                failed.message.starts_with(&failed.source),
                "{}",
                failed.message
            );
            assert_eq!(failed.metadata, [""]);
        }
        assert!(documents[1].message.contains("No such file"));
        assert_eq!(documents[3].text, "ω");
    }

    #[test]
    fn input_vanished_after_check_is_an_error_document() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.jsonl");
        let documents = read_all(std::slice::from_ref(&gone), &ReadOptions::default());
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].status, Status::Error);
        assert_eq!(
            documents[0].message,
            format!("{}: no such file or directory", gone.display())
        );
    }

    #[test]
    fn stdin_is_decompressed_when_it_starts_like_gzip() {
        let mut plain = String::new();
        stdin_input(io::Cursor::new("απλό".as_bytes().to_vec()))
            .unwrap()
            .read_to_string(&mut plain)
            .unwrap();
        assert_eq!(plain, "απλό");
        let mut packed = String::new();
        stdin_input(io::Cursor::new(gzip("συμπιεσμένο".as_bytes())))
            .unwrap()
            .read_to_string(&mut packed)
            .unwrap();
        assert_eq!(packed, "συμπιεσμένο");
    }

    #[test]
    fn stdin_documents_are_named_stdin() {
        let reader = |format: Format, bytes: &str| {
            let documents = Documents {
                inputs: Vec::new(),
                next_input: 0,
                options: Arc::new(ReadOptions {
                    format,
                    ..ReadOptions::default()
                }),
                walk: None,
                current: None,
                counter: Arc::default(),
            };
            let input: Input = Box::new(io::Cursor::new(bytes.as_bytes().to_vec()));
            let kind = Plan::new("", format, false).kind;
            let mut reader = documents.reader(kind, input, 0, Origin::stdin());
            std::iter::from_fn(move || reader.next())
                .map(|part| match part {
                    Part::Document(document) => document,
                    Part::Segment { raw, .. } => raw,
                })
                .collect::<Vec<_>>()
        };
        let txt = reader(Format::Auto, "Από την είσοδο.");
        assert_eq!(
            (txt[0].id.as_str(), txt[0].source.as_str()),
            ("stdin", "stdin")
        );
        let jsonl = reader(Format::Jsonl, "{\"text\":\"α\"}\n\n{\"text\":\"β\"}");
        assert_eq!(ids(&jsonl), ["stdin:1", "stdin:3"]);
        assert_eq!(jsonl[1].source, "stdin:3");
    }

    #[test]
    fn documents_can_move_to_another_thread() {
        fn assert_send<T: Send + 'static>() {}
        assert_send::<Documents>();
    }

    #[test]
    fn lossy_decoding_matches_std_and_counts_replaced_bytes() {
        let bytes = b"a\xF0\x9F\x98b\xC0\xAFc\xED\xA0\x80d";
        let (text, replaced) = decode(bytes);
        assert_eq!(text, String::from_utf8_lossy(bytes));
        assert_eq!(replaced, 8);
        assert!(matches!(decode("καλά".as_bytes()).0, Cow::Borrowed("καλά")));
        assert_eq!(decode_owned(bytes.to_vec()), (text.into_owned(), 8));
    }

    /// Bytes that mix meaningful pieces of every format with arbitrary bytes.
    fn messy_bytes() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            proptest::collection::vec(any::<u8>(), 1..6),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\t".to_vec()),
            Just(b",".to_vec()),
            Just(b"\"".to_vec()),
            Just(b" ".to_vec()),
            Just(b"#".to_vec()),
            Just(b"-DOCSTART- O\n".to_vec()),
            Just("{\"text\":\"Γειά\",\"id\":".as_bytes().to_vec()),
            Just(b"}\n".to_vec()),
            Just("Λέξη O\n".as_bytes().to_vec()),
            Just(b"1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n".to_vec()),
            Just(b"1-2\tx\t_\t_\t_\t_\t_\t_\t_\t_\n".to_vec()),
            Just(b"\xEF\xBB\xBF".to_vec()),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn read_file_as(bytes: &[u8], format: Format) -> Vec<RawDocument> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("input.dat");
        fs::write(&path, bytes).unwrap();
        let options = ReadOptions {
            format,
            keep_fields: vec!["id".to_string()],
            ..ReadOptions::default()
        };
        read_all(&[path], &options)
    }

    /// Lines as the line readers see them: split on `\n`, `\r` and a first-line BOM dropped.
    fn lines(bytes: &[u8]) -> Vec<String> {
        let mut lines: Vec<String> = bytes
            .split(|&byte| byte == b'\n')
            .map(|line| {
                String::from_utf8_lossy(line.strip_suffix(b"\r").unwrap_or(line)).into_owned()
            })
            .collect();
        if let Some(first) = lines.first_mut() {
            if let Some(rest) = first.strip_prefix('\u{FEFF}') {
                *first = rest.to_string();
            }
        }
        if bytes.ends_with(b"\n") {
            lines.pop();
        }
        lines
    }

    proptest! {
        #[test]
        fn jsonl_reader_yields_one_document_per_non_blank_line(bytes in messy_bytes()) {
            let documents = read_file_as(&bytes, Format::Jsonl);
            let non_blank = lines(&bytes)
                .iter()
                .filter(|line| !line.bytes().all(|byte| byte.is_ascii_whitespace()))
                .count();
            prop_assert_eq!(documents.len(), non_blank);
            for document in &documents {
                prop_assert_eq!(document.metadata.len(), 1);
                if document.status == Status::Error {
                    prop_assert!(document.message.contains("input.dat:"));
                }
            }
        }

        #[test]
        fn csv_reader_yields_one_document_per_row(bytes in messy_bytes()) {
            let documents = read_file_as(&bytes, Format::Csv);
            let mut sniffed: Input = Box::new(io::Cursor::new(bytes.clone()));
            let delimiter = csv::sniff_delimiter(&mut sniffed).unwrap_or(b',');
            let records = ::csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .has_headers(false)
                .from_reader(bytes.as_slice())
                .byte_records()
                .count();
            prop_assert_eq!(documents.len(), records.saturating_sub(1));
            let mut previous_line = 1;
            for document in &documents {
                let line: u64 = document.source.rsplit(':').next().unwrap().parse().unwrap();
                prop_assert!(line >= previous_line, "{} after {}", line, previous_line);
                previous_line = line;
                prop_assert_eq!(document.metadata.len(), 1);
                if document.status == Status::Error {
                    prop_assert!(document.message.contains("input.dat:"));
                }
            }
        }

        #[test]
        fn conll_reader_yields_one_document_per_block_with_valid_spans(bytes in messy_bytes()) {
            let documents = read_file_as(&bytes, Format::Conll);
            let lines = lines(&bytes);
            let docstarts = lines.iter().filter(|line| line.starts_with("-DOCSTART-")).count();
            let tokens_before_first_docstart = lines
                .iter()
                .take_while(|line| !line.starts_with("-DOCSTART-"))
                .any(|line| {
                    !line.trim().is_empty() && !conll::is_comment(line) && conll::token_of(line).is_some()
                });
            let expected = if docstarts == 0 {
                1
            } else {
                docstarts + usize::from(tokens_before_first_docstart)
            };
            prop_assert_eq!(documents.len(), expected);
            for document in &documents {
                for sentence in document.pretokenized.as_ref().unwrap() {
                    prop_assert!(!sentence.is_empty());
                    for span in sentence {
                        let token = document.text.get(span.start..span.end);
                        prop_assert!(token.is_some_and(|token| !token.is_empty()));
                    }
                }
            }
        }
    }
}
