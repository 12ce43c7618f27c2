//! Which reader a file gets (its format decided from its extension with `--format auto`),
//! opening it, and walking folders in path order.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::{RawDocument, Status};

/// How one file is read, decided from its name and the `--format` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Plan {
    pub(super) gzip: bool,
    pub(super) kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
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
    pub(super) fn new(file_name: &str, format: Format, in_directory: bool) -> Self {
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
pub(super) enum FileReader {
    /// The one document reporting why the file could not be read.
    Single(Option<RawDocument>),
    Txt(txt::TxtReader),
    Jsonl(jsonl::JsonlReader),
    /// Boxed: the CSV parsers' state is large beside the other readers.
    Csv(Box<csv::CsvReader>),
    Conll(conll::ConllReader),
    /// A file read in a legacy Greek encoding that was detected, not named (see
    /// [`transcode`]): every document of `inner` carries `note` first in its message.
    Noted {
        inner: Box<FileReader>,
        note: Arc<str>,
    },
}

impl FileReader {
    pub(super) fn next(&mut self) -> Option<Part> {
        match self {
            FileReader::Single(document) => document.take().map(Part::Document),
            FileReader::Txt(reader) => reader.next(),
            FileReader::Jsonl(reader) => reader.next().map(Part::Document),
            FileReader::Csv(reader) => reader.next().map(Part::Document),
            FileReader::Conll(reader) => reader.next().map(Part::Document),
            FileReader::Noted { inner, note } => {
                let mut part = inner.next()?;
                match &mut part {
                    Part::Document(document)
                    | Part::Segment {
                        raw: document,
                        last: true,
                    } => {
                        document.message = if document.message.is_empty() {
                            note.to_string()
                        } else {
                            format!("{note}; {}", document.message)
                        };
                    }
                    Part::Segment { last: false, .. } => {}
                }
                Some(part)
            }
        }
    }
}

impl Documents {
    pub(super) fn open(&self, path: &Path, origin: Origin, in_directory: bool) -> FileReader {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let plan = Plan::new(&name, self.options.format, in_directory);
        match open_file(path, plan.gzip, &self.counter) {
            Ok((input, size_hint)) => {
                let (input, size_hint, detected) = transcode(input, size_hint, &self.options);
                self.noted(plan.kind, input, size_hint, origin, detected)
            }
            Err(error) => {
                let message = origin.file_message(&error);
                FileReader::Single(Some(origin.failure(Status::Error, message, &self.options)))
            }
        }
    }

    pub(super) fn open_stdin(&self) -> FileReader {
        let plan = Plan::new("", self.options.format, false);
        let origin = Origin::stdin();
        match stdin_input(io::stdin()) {
            Ok(input) => {
                let (input, _, detected) = transcode(input, 0, &self.options);
                self.noted(plan.kind, input, 0, origin, detected)
            }
            Err(error) => {
                let message = origin.file_message(&error);
                FileReader::Single(Some(origin.failure(Status::Error, message, &self.options)))
            }
        }
    }

    /// [`Self::reader`], its documents noting the legacy encoding `detected` if there is one.
    fn noted(
        &self,
        kind: Kind,
        input: Input,
        size_hint: usize,
        origin: Origin,
        detected: Option<&'static encoding_rs::Encoding>,
    ) -> FileReader {
        let Some(encoding) = detected else {
            return self.reader(kind, input, size_hint, origin, &self.options);
        };
        let options = Arc::new(ReadOptions {
            encoding: Some(encoding),
            ..ReadOptions::clone(&self.options)
        });
        FileReader::Noted {
            inner: Box::new(self.reader(kind, input, size_hint, origin, &options)),
            note: Arc::from(detected_note(encoding)),
        }
    }

    pub(super) fn reader(
        &self,
        kind: Kind,
        input: Input,
        size_hint: usize,
        origin: Origin,
        options: &Arc<ReadOptions>,
    ) -> FileReader {
        let options = Arc::clone(options);
        let mut input = input;
        let delimiter = match kind {
            Kind::Csv { delimiter } => match options.delimiter {
                Some(delimiter) => delimiter,
                None => csv::sniff_delimiter(&mut input).unwrap_or(delimiter),
            },
            _ => b',',
        };
        let mut origin = origin;
        origin.hint = format_hint(&mut input, kind, delimiter, options.delimiter.is_some());
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
            Kind::Csv { .. } => FileReader::Csv(Box::new(csv::CsvReader::new(
                input, delimiter, origin, options,
            ))),
            Kind::Conll => FileReader::Conll(conll::ConllReader::new(input, origin, options)),
        }
    }
}

/// What the start of a file read as `kind` looks like when it looks like another format (see
/// [`shape::mismatch`]). Nothing is consumed; an input that cannot be peeked at has no hint (its
/// reader reports the error).
pub(super) fn format_hint(
    input: &mut Input,
    kind: Kind,
    delimiter: u8,
    explicit_delimiter: bool,
) -> Option<Arc<str>> {
    let start = input.fill_buf().ok()?;
    let (shape, line) = shape::shape_of(start);
    shape::mismatch(kind, delimiter, explicit_delimiter, shape, line).map(Arc::from)
}

/// What walking a directory turns up.
pub(super) enum Walked {
    /// A regular file to read, with its id (path relative to the walked INPUT).
    File { path: PathBuf, id: String },
    /// Something that is reported instead of read: an unreadable entry, a symlink loop.
    Report(RawDocument),
}

/// A depth-first walk of one directory INPUT. Entries are sorted by name in each directory,
/// which yields files sorted by path; only the listings of the directories on the current path
/// are held.
pub(super) struct Walk {
    pub(super) root: PathBuf,
    pub(super) stack: Vec<Frame>,
    /// Set when the root itself could not be listed; reported once.
    pub(super) pending: Option<RawDocument>,
}

pub(super) struct Frame {
    pub(super) entries: std::vec::IntoIter<PathBuf>,
    /// The directory's canonical path, to recognise a symlink leading back to it.
    pub(super) canonical: PathBuf,
}

impl Walk {
    pub(super) fn new(root: PathBuf) -> Self {
        let mut walk = Walk {
            root: root.clone(),
            stack: Vec::new(),
            pending: None,
        };
        walk.pending = match fs::canonicalize(&root) {
            Ok(canonical) => walk.enter(&root, canonical),
            Err(error) => Some(walk.report(&root, Status::Error, &error)),
        };
        // the input folder is also an earlier --out (`elpipe run texts/ --out texts/`): its
        // tables and run.json are not documents; one row says so
        if walk.pending.is_none() {
            if let Some(written) = elpipe_files(&walk.root) {
                if let Some(frame) = walk.stack.last_mut() {
                    let entries: Vec<PathBuf> = std::mem::take(&mut frame.entries)
                        .filter(|path| {
                            !path
                                .file_name()
                                .is_some_and(|n| written.iter().any(|w| w == n))
                        })
                        .collect();
                    frame.entries = entries.into_iter();
                }
                let detail = "elpipe's tables and run.json of an earlier run in this folder: not read as input";
                walk.pending = Some(walk.report(&walk.root, Status::Skipped, &detail));
            }
        }
        walk
    }

    /// The id of a walked path: relative to the root, with forward slashes.
    pub(super) fn id_of(&self, path: &Path) -> String {
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

    pub(super) fn report(
        &self,
        path: &Path,
        status: Status,
        detail: &dyn std::fmt::Display,
    ) -> RawDocument {
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
    pub(super) fn enter(&mut self, directory: &Path, canonical: PathBuf) -> Option<RawDocument> {
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

    pub(super) fn next(&mut self) -> Option<Walked> {
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
            if is_elpipe_output(&path) {
                let detail =
                    "elpipe's tables of an earlier run (the folder holds elpipe's run.json): \
                              not read as input; name the folder itself to read it";
                return Some(Walked::Report(self.report(&path, Status::Skipped, &detail)));
            }
            if let Some(document) = self.enter(&path, canonical) {
                return Some(Walked::Report(document));
            }
        }
    }
}

/// Whether `directory` holds the `run.json` record elpipe writes beside its tables: a folder
/// walked as input is then an earlier `--out` inside the corpus (`elpipe run texts/ --out
/// texts/out` run twice), whose tables are not documents.
fn is_elpipe_output(directory: &Path) -> bool {
    elpipe_files(directory).is_some()
}

/// The files elpipe wrote in `directory` by its `run.json` there: `run.json` and the tables it
/// lists. `None` when the folder holds no run record of elpipe's.
fn elpipe_files(directory: &Path) -> Option<Vec<OsString>> {
    let record = fs::read(directory.join(crate::output::RUN_RECORD)).ok()?;
    let record: serde_json::Value = serde_json::from_slice(&record).ok()?;
    record.get("elpipe_version")?;
    let tables = record.get("tables").and_then(|t| t.as_array());
    let names = tables.into_iter().flatten().filter_map(|t| t.as_str());
    Some(
        std::iter::once(crate::output::RUN_RECORD)
            .chain(names)
            .map(OsString::from)
            .collect(),
    )
}
