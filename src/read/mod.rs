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
mod encoding;
mod files;
mod input;
mod jsonl;
mod shape;
mod survey;
mod txt;

use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use crate::{Error, RawDocument, Status};

use encoding::*;
use files::*;
use input::*;
pub use survey::survey_fields;

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
    /// no txt file is held whole (see `Part`).
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

/// How documents from one input file are named.
#[derive(Clone, Debug)]
struct Origin {
    /// The id of a whole-file document, and the prefix of generated per-line ids.
    id: String,
    /// The path as given or walked, prefix of per-line sources and error messages.
    source: String,
    /// Set when the file looks like another format than the one it is read as: what it looks
    /// like and the flag that reads it (see [`shape::mismatch`]). It stands in for the detail of
    /// every message about the file, and is the message of its first document.
    hint: Option<Arc<str>>,
}

impl Origin {
    fn new(id: String, source: String) -> Self {
        Origin {
            id,
            source,
            hint: None,
        }
    }

    /// The message of a document of a file read in the wrong format, which reads otherwise
    /// without error: the hint, then `message` if any.
    fn hinted(&self, message: String) -> String {
        match &self.hint {
            Some(hint) if message.is_empty() => self.file_message(hint),
            Some(hint) => format!("{}; {message}", self.file_message(hint)),
            None => message,
        }
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

    /// A message about one line, naming the file and the line; in a file read in the wrong
    /// format, what the file looks like instead of `detail`.
    fn line_message(&self, line: u64, detail: &dyn std::fmt::Display) -> String {
        match &self.hint {
            Some(hint) => format!("{}:{}: {}", self.source, line, hint),
            None => format!("{}:{}: {}", self.source, line, detail),
        }
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

/// The message of a record without the text field: names the fields it has and the flag.
fn missing_text_field(wanted: &str, present: &[impl AsRef<str>]) -> String {
    let names: Vec<&str> = present.iter().map(AsRef::as_ref).collect();
    if names.is_empty() {
        format!("missing text field `{wanted}` (the record has no fields)")
    } else {
        let hint = match crate::error::did_you_mean(wanted, names.iter().copied()) {
            Some(near) => format!("did you mean --text-field {near}?"),
            None => "name the text field with --text-field NAME".to_string(),
        };
        format!(
            "missing text field `{wanted}` (fields present: {}; {hint})",
            names.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use proptest::prelude::*;
    use std::borrow::Cow;
    use std::io::Write;
    use std::path::Path;

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
            let mut reader = documents.reader(kind, input, 0, Origin::stdin(), &documents.options);
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
