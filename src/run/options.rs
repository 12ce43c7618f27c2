//! What a run is asked to do ([`RunOptions`]), the checks made before it starts, and what it
//! did ([`RunSummary`]).

use std::fmt;
use std::path::PathBuf;

use crate::acronyms::Aliases;
use crate::output::{self as staging_output, Provenance};
use crate::period::Period;
use crate::read::{self, ReadOptions};
use crate::tables::{OutputFormat, Table};
use crate::{Error, Result};

/// What to read, where to write, and how.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Files or folders to read (folders walked recursively in path order); `-` is stdin.
    pub inputs: Vec<PathBuf>,
    /// The folder the tables are written to (created if missing).
    pub out: PathBuf,
    /// How the inputs are parsed.
    pub read: ReadOptions,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// The tables to write.
    pub tables: Vec<Table>,
    /// A kept metadata field whose values split `entity_frequencies.csv` into groups.
    pub group_by: Option<String>,
    /// Count mentions on lines repeated within a document (off: scraped boilerplate such as
    /// repeated titles is counted once).
    pub keep_duplicate_lines: bool,
    /// Show progress on stderr: a bar on a terminal, otherwise a plain line at most every 10 s.
    pub progress: bool,
    /// CSV, Parquet, both, or Arrow batches in memory (see [`run_with`](crate::run_with)).
    pub output_format: OutputFormat,
    /// The command line, model and stopword list, recorded in `run.json`.
    pub provenance: Provenance,
    /// Periods, concordance context, aliases.
    pub analysis: AnalysisOptions,
}

/// Options of the analysis tables (`--period`, `--context`).
#[derive(Clone, Debug)]
pub struct AnalysisOptions {
    /// Group documents by the period their `--group-by` date falls in instead of the raw value.
    pub period: Option<Period>,
    /// Code points of context on each side of a mention in `concordance.csv`.
    pub context: usize,
    /// Names mapped to other names after elpipe's own merging (`--aliases FILE`).
    pub aliases: Aliases,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            period: None,
            context: crate::tables::concordance::DEFAULT_CONTEXT,
            aliases: Aliases::default(),
        }
    }
}

/// Totals of a finished run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    /// Documents read, whatever their status.
    pub documents: usize,
    /// Documents with status `skipped`.
    pub skipped: usize,
    /// Documents with status `error`.
    pub errors: usize,
    /// Tokens of all documents.
    pub tokens: usize,
    /// Entity mentions of all documents.
    pub entities: usize,
    /// Bytes of document text processed (UTF-8, as read).
    pub bytes: usize,
    /// Wall-clock time of the run, in seconds.
    pub seconds: f64,
    /// Tokens whose stem fell back to `norm` ([`crate::Document::stem_fallbacks`]).
    pub stem_fallbacks: usize,
    /// Ids that more than one document has (each counted once).
    pub duplicate_ids: usize,
    /// Tables of the previous run in `--out` that this run did not write, removed.
    pub stale_removed: Vec<String>,
    /// Documents with a message (a skip, an error or a note on an `ok` document) beyond the
    /// first [`DOCUMENT_WARNINGS_SHOWN`], whose message was not passed to the warning callback;
    /// `documents.csv`'s `message` column has every one.
    pub messages_not_shown: usize,
}

/// Per-document messages passed to the warning callback in one run; the others are counted in
/// [`RunSummary::messages_not_shown`]. A corpus of thousands of documents with the same note
/// (an old encoding, an empty text field) would otherwise bury the terminal and a notebook.
pub const DOCUMENT_WARNINGS_SHOWN: usize = 50;

impl RunSummary {
    /// Documents with status `ok`.
    pub fn ok(&self) -> usize {
        self.documents - self.skipped - self.errors
    }

    /// The exit status of the run: 0 when at least one document is `ok`, 1 when none is.
    pub fn exit_code(&self) -> u8 {
        if self.ok() > 0 {
            0
        } else {
            1
        }
    }
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "{} documents ({} skipped, {} errors), {} tokens, {} entities, {:.1} MB in {:.2} s ({:.1} MB/s, {:.0} tokens/s)",
            self.documents,
            self.skipped,
            self.errors,
            self.tokens,
            self.entities,
            mb,
            self.seconds,
            mb / self.seconds.max(1e-9),
            self.tokens as f64 / self.seconds.max(1e-9),
        )?;
        if self.duplicate_ids > 0 {
            write!(f, "; {} duplicate ids", self.duplicate_ids)?;
        }
        if self.stem_fallbacks > 0 {
            write!(
                f,
                "; {} tokens kept their norm as stem (stemmer failure)",
                self.stem_fallbacks
            )?;
        }
        if self.messages_not_shown > 0 {
            write!(
                f,
                "; {} more documents with a message not shown (the message column of \
                 documents.csv has them all)",
                self.messages_not_shown
            )?;
        }
        Ok(())
    }
}

/// The checks that fail fast, before anything is read: inputs exist, options agree, and the
/// output folder is writable. [`run`](crate::run()) makes them itself; a caller may make them first to tell
/// usage errors from failures during the run.
///
/// `--group-by` is checked against the fields of the first records (see
/// `read::survey_fields`): a field no surveyed record has is an error naming the fields
/// found. Nothing is written: `options.out` is only checked to be creatable and writable.
pub fn preflight(options: &RunOptions) -> Result<()> {
    preflight_checks(options, true)
}

/// [`preflight`] for a partial run (`--partial`): a part need not have the `--group-by` field
/// in its first records (a piece of unreadable lines has none; other parts have it).
pub fn preflight_partial(options: &RunOptions) -> Result<()> {
    preflight_checks(options, false)
}

pub(super) fn preflight_checks(options: &RunOptions, survey_group_by: bool) -> Result<()> {
    read::check_inputs(&options.inputs)?;
    group_index(options)?;
    if options.group_by.is_none() {
        if options.tables.contains(&Table::EntityKeyness) {
            return Err(Error::Invalid(
                "--tables entity_keyness compares groups: it needs --group-by FIELD".into(),
            ));
        }
        if let Some(period) = options.analysis.period {
            return Err(Error::Invalid(format!(
                "--period {period} buckets the dates of a field: it needs --group-by FIELD"
            )));
        }
    }
    if options.tables.is_empty() {
        return Err(Error::Invalid("no table selected".into()));
    }
    if let Some(field) = options.group_by.as_ref().filter(|_| survey_group_by) {
        let survey = read::survey_fields(&options.inputs, &options.read);
        let wrong_format = !survey.format_hints.is_empty();
        if (survey.decides() || wrong_format) && !survey.has(field) {
            if !survey.format_hints.is_empty() {
                return Err(Error::Invalid(format!(
                    "--group-by {field}: the input is read in the wrong format: {}",
                    survey.format_hints.join("; ")
                )));
            }
            return Err(Error::Invalid(if survey.fields.is_empty() {
                format!(
                    "--group-by {field}: the input has no fields (text or CoNLL files); \
                     --group-by needs JSONL or CSV records"
                )
            } else {
                format!(
                    "--group-by {field}: no document has a field `{field}` (fields found in \
                     the first records: {})",
                    survey.field_list()
                )
            }));
        }
    }
    staging_output::check_writable(&options.out)
}

/// Warnings about fields before a run: each `--keep-fields` field that none of the first
/// records has (see `read::survey_fields`), and a `--text-field` none of them has.
pub fn field_warnings(options: &RunOptions) -> Vec<String> {
    let read = &options.read;
    if read.keep_fields.is_empty() && read.format == read::Format::Conll {
        return Vec::new();
    }
    let survey = read::survey_fields(&options.inputs, read);
    // a file read in the wrong format: what it looks like and the flag, not its fragments
    let mut warnings = survey.format_hints.clone();
    if !survey.decides() || survey.records == 0 {
        return warnings;
    }
    let group = options.group_by.as_deref();
    for field in &read.keep_fields {
        if !survey.has(field) && Some(field.as_str()) != group {
            warnings.push(format!(
                "--keep-fields {field}: no document has a field `{field}`; its column stays \
                 empty (fields found in the first records: {})",
                survey.field_list()
            ));
        }
    }
    // the default `id` may be absent (ids are then FILE:LINE); a field named on purpose may not
    if read.id_field != read::ReadOptions::default().id_field && !survey.has(&read.id_field) {
        warnings.push(format!(
            "--id-field {field}: no document has a field `{field}`; ids are FILE:LINE instead \
             (fields found in the first records: {})",
            survey.field_list(),
            field = read.id_field,
        ));
    }
    if !survey.has(&read.text_field) {
        let hint = match crate::error::did_you_mean(
            &read.text_field,
            survey.fields.iter().map(String::as_str),
        ) {
            Some(near) => format!("did you mean --text-field {near}?"),
            None => "name it with --text-field NAME".to_string(),
        };
        warnings.push(format!(
            "no document has the text field `{}` (fields found in the first records: {}); {hint}",
            read.text_field,
            survey.field_list()
        ));
    }
    warnings
}

/// Where the `--group-by` field sits among the kept fields.
pub(super) fn group_index(options: &RunOptions) -> Result<Option<usize>> {
    let Some(field) = &options.group_by else {
        return Ok(None);
    };
    options
        .read
        .keep_fields
        .iter()
        .position(|f| f == field)
        .map(Some)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "--group-by {field}: the field must also be kept (--keep-fields {field})"
            ))
        })
}
