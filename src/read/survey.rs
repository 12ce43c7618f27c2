//! The fields of the first records of the inputs, surveyed before a run to check
//! `--group-by`, `--keep-fields` and `--text-field`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use super::*;

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
    /// The dotted paths of the fields inside JSON fields («user.name», at most
    /// [`NESTED_DEPTH`] levels down and [`NESTED_PATHS`] of them), which `--text-field`,
    /// `--keep-fields` and the like may name; not listed in messages.
    pub nested: std::collections::BTreeSet<String>,
    /// Files that look like another format than the one they are read as, each with what it
    /// looks like and the flag that reads it (`x.jsonl: line 1 looks like JSON Lines ...`; at
    /// most [`SURVEY_HINTS`]). Their fields are not surveyed.
    pub format_hints: Vec<String>,
}

/// At most this many files read in the wrong format are named.
pub const SURVEY_HINTS: usize = 3;

impl FieldSurvey {
    /// Whether the survey saw structured records, so that a field absent from all of them is
    /// known to be absent from the input.
    pub fn decides(&self) -> bool {
        !self.stdin && (self.records > 0 || self.unstructured > 0)
    }

    /// Whether a record has the field `name`, at the top level or as a dotted path.
    pub fn has(&self, name: &str) -> bool {
        self.fields.contains(name) || self.nested.contains(name)
    }

    /// Counts one JSON record (a JSON Lines line or an element of a JSON array) and adds its
    /// field names and dotted paths. Invalid UTF-8 is replaced, as the reader does, rather than
    /// a reason to see no fields; a record that is not a JSON object adds none.
    fn record(&mut self, bytes: &[u8]) {
        self.records += 1;
        if let Ok(serde_json::Value::Object(object)) =
            serde_json::from_str::<serde_json::Value>(&decode(bytes).0)
        {
            self.fields.extend(object.keys().cloned());
            for (key, value) in &object {
                nest(key, value, NESTED_DEPTH, &mut self.nested);
            }
        }
    }

    /// The fields seen, comma-separated, for messages.
    pub fn field_list(&self) -> String {
        let names: Vec<&str> = self.fields.iter().map(String::as_str).collect();
        names.join(", ")
    }
}

/// Levels of nested JSON objects whose fields are surveyed as dotted paths.
pub const NESTED_DEPTH: usize = 3;

/// Most dotted paths a survey keeps.
pub const NESTED_PATHS: usize = 2000;

/// Adds the dotted paths of the fields inside `value` (named `path`) to `nested`.
fn nest(
    path: &str,
    value: &serde_json::Value,
    depth: usize,
    nested: &mut std::collections::BTreeSet<String>,
) {
    let serde_json::Value::Object(object) = value else {
        return;
    };
    for (key, inner) in object {
        if nested.len() >= NESTED_PATHS {
            return;
        }
        let inner_path = format!("{path}.{key}");
        if depth > 1 {
            nest(&inner_path, inner, depth - 1, nested);
        }
        nested.insert(inner_path);
    }
}

/// At most this many JSONL lines and CSV headers are surveyed, and this many files.
pub(super) const SURVEY_RECORDS: usize = 1000;

pub(super) const SURVEY_FILES: usize = 200;

/// A surveyed JSONL line longer than this is not parsed (it is still read in the run).
pub(super) const SURVEY_LINE_BYTES: u64 = 1 << 20;

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

pub(super) fn survey_file(
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
    // a file read in the wrong format is named, and its fields (fragments of another format)
    // are not surveyed
    let wrong_format = |input: &mut Input, delimiter: u8, survey: &mut FieldSurvey| {
        let hint = format_hint(input, plan.kind, delimiter, options.delimiter.is_some());
        if let Some(hint) = &hint {
            if survey.format_hints.len() < SURVEY_HINTS {
                survey
                    .format_hints
                    .push(format!("{}: {hint}", path.display()));
            }
        }
        hint.is_some()
    };
    match plan.kind {
        Kind::Txt { .. } | Kind::Conll => survey.unstructured += 1,
        Kind::Jsonl => {
            let Some(mut input) = open() else { return };
            if wrong_format(&mut input, b',', survey) {
                return;
            }
            let mut line = Vec::new();
            let array = matches!(
                input.fill_buf().map(|start| shape::shape_of(start).0),
                Ok(shape::Shape::JsonArray)
            );
            if array {
                let mut elements = jsonl::ArrayElements::default();
                while survey.records < SURVEY_RECORDS {
                    match elements.next(&mut input, &mut line, SURVEY_LINE_BYTES) {
                        Ok(jsonl::Element::Complete { .. }) => survey.record(&line),
                        Ok(jsonl::Element::TooLong { .. }) => survey.records += 1,
                        _ => break,
                    }
                }
                return;
            }
            while survey.records < SURVEY_RECORDS {
                match read_capped_line(&mut input, &mut line, SURVEY_LINE_BYTES) {
                    Ok(Line::End) | Err(_) => break,
                    Ok(Line::TooLong { .. }) => survey.records += 1,
                    Ok(Line::Complete) => {
                        let text = strip_bom(&line);
                        if text.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        survey.record(text);
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
            if wrong_format(&mut input, delimiter, survey) {
                return;
            }
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
