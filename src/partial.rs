//! Partial results and their exact merge: `elpipe run --partial` and `elpipe merge`.
//!
//! A corpus too large for one machine, or one that grows by a month at a time, is processed in
//! parts. Each part's run writes its per-document tables (`documents`, `tokens`: final as they
//! are) and the *state* of the corpus-wide tables, whose rows depend on the whole corpus (a bare
//! surname joins the one full name the corpus has for it, an entity's type is the majority over
//! all its mentions, co-occurrences use the resolved names). [`merge`] reads any number of
//! partial results and writes exactly the tables one `elpipe run` over all their inputs, in the
//! order given, would write, byte for byte; with `--partial` it writes a partial result again,
//! so merging is associative: `merge(merge(a, b), c)` equals `merge(a, b, c)`.
//!
//! # The format (version [`FORMAT_VERSION`])
//!
//! A partial result is a folder:
//!
//! - `partial.json`, the header: `format` (`"elpipe-partial"`), `format_version`, `settings`
//!   (the elpipe version, the SHA-256 of the model, of the stopword list and of the aliases
//!   file, and every option that changes a table; parts whose settings differ are refused),
//!   `output_format`, the `inputs` as `run.json` describes them, the run's `counts`, the
//!   documents and word tokens of each `--group-by` group (`groups`), and the documents without
//!   a readable date (`undated`, with `--period`).
//! - `documents.csv`, `tokens.csv` (and/or `.parquet`): the per-document tables, final.
//! - `partial_mentions.csv`: every counted mention (no header): `doc_index` (the document's
//!   position in this part, from 0), `doc_id`, `sentence`, `start`, `end`, `text`, the tagger's
//!   `label`, the document-level `canonical` name, the document's `group`. It is the evidence
//!   of corpus-wide canonical names and types, the rows of `entities.csv` before resolution,
//!   and the sentence-level entity sets of co-occurrences (mentions of one sentence share
//!   `doc_index` and `sentence`).
//! - `partial_concordance.csv`: the concordance rows before resolution (no header): `label`,
//!   document-level `canonical`, then the columns of `concordance.csv` from `doc_id` on.
//! - `partial_names.csv` (`label,canonical,mentions`): every document-level canonical name with
//!   its number of mentions (repeated lines included), the counts corpus-wide names are
//!   decided from.
//! - `partial_acronyms.csv` (`acronym,label,canonical`): acronyms the documents define.
//! - `partial_terms.csv` (`stem,documents,form,count`): term counts, one row per written form.
//! - `partial_ids.csv` (`doc_id,source,repeated`): every document id, sorted by id (bytes),
//!   with the source of its first document and whether the part has it more than once.
//! - `partial_aliases.csv`: a copy of the `--aliases` file, applied at the merge.
//!
//! The state files are sorted, so the same inputs give the same bytes. `run.json` records the
//! run as for any run, with `"partial": true`.
//!
//! # Memory
//!
//! [`merge`] streams the parts: the per-document tables and the mentions are copied file to
//! file, duplicate ids are found by merging the sorted id lists, and the corpus-wide tables are
//! resolved as at the end of a run, from the merged mention spool read twice. Memory is bounded
//! by distinct names, entities, entity pairs, stems and groups, not by documents or mentions.

use std::fs::File;
use std::io::{BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::acronyms::{AcronymCollector, Aliases, Definition};
use crate::canonical::CorpusCanonicalizer;
use crate::output::{self as staging_output, Staging};
use crate::period::{Period, Undated};
use crate::read::{self, ReadOptions};
use crate::run::{self, AnalysisOptions, MemoryTables, Provenance, RunOptions, RunSummary};
use crate::tables::entities::Mention;
use crate::tables::terms::TermCounts;
use crate::tables::totals::{GroupTotals, Totals};
use crate::tables::{self, AtomicFile, OutputFormat, RowSink, Table, TableOutput};
use crate::{Error, Result};

/// The `format` of a partial result's header.
pub const FORMAT: &str = "elpipe-partial";
/// The version of the format this elpipe writes and reads; a newer one is refused.
pub const FORMAT_VERSION: u32 = 1;
/// The header file of a partial result.
pub const HEADER: &str = "partial.json";
const MENTIONS: &str = "partial_mentions.csv";
const CONCORDANCE: &str = "partial_concordance.csv";
const NAMES: &str = "partial_names.csv";
const ACRONYMS: &str = "partial_acronyms.csv";
const TERMS: &str = "partial_terms.csv";
const IDS: &str = "partial_ids.csv";
const ALIASES: &str = "partial_aliases.csv";

/// Every file of a partial result besides the tables (a later run into the folder removes
/// them as stale).
pub const FILES: [&str; 8] = [
    HEADER,
    MENTIONS,
    CONCORDANCE,
    NAMES,
    ACRONYMS,
    TERMS,
    IDS,
    ALIASES,
];

/// The per-document tables, final in each part.
const PER_DOCUMENT: [Table; 2] = [Table::Documents, Table::Tokens];

/// What makes two runs' tables comparable: the elpipe and model versions and every option
/// that changes a table. Parts are merged only when their settings are equal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub elpipe_version: String,
    /// SHA-256 of the tagger model; `None` when nothing was tagged (`--no-tagging`).
    pub model_sha256: Option<String>,
    /// SHA-256 of the `--stopwords` file; `None` for the shipped list.
    pub stopwords_sha256: Option<String>,
    /// SHA-256 of the `--aliases` file; `None` without aliases.
    pub aliases_sha256: Option<String>,
    pub format: String,
    pub text_field: String,
    pub id_field: String,
    pub keep_fields: Vec<String>,
    /// The `--encoding`; `None` for UTF-8.
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub max_record_size: u64,
    pub tables: Vec<String>,
    pub group_by: Option<String>,
    pub keep_duplicate_lines: bool,
    pub period: Option<String>,
    pub context: usize,
}

/// The run's counts, summed by a merge (`duplicate_ids` is recounted).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub documents: u64,
    pub skipped: u64,
    pub errors: u64,
    pub tokens: u64,
    pub entities: u64,
    pub bytes: u64,
    pub stem_fallbacks: u64,
    pub duplicate_ids: u64,
}

/// Documents and word tokens of one `--group-by` group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub group: String,
    pub documents: u64,
    pub words: u64,
}

/// `partial.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
    pub settings: Settings,
    /// `csv`, `parquet` or `both`: the files of the per-document tables.
    pub output_format: String,
    /// The model as `run.json` names it (path and SHA-256).
    pub model: serde_json::Value,
    /// The `--stopwords` and `--aliases` paths as given, for `run.json`.
    pub stopwords: Option<String>,
    pub aliases: Option<String>,
    /// The inputs, as `run.json` describes them, in order.
    pub inputs: Vec<serde_json::Value>,
    pub counts: Counts,
    /// Sorted by group.
    pub groups: Vec<GroupRow>,
    pub undated_documents: u64,
    pub undated_example: Option<String>,
}

/// The corpus-wide state a run hands over at its end, instead of writing the tables.
pub(crate) struct RunState {
    pub corpus: CorpusCanonicalizer,
    pub acronyms: AcronymCollector,
    pub totals: GroupTotals,
    pub undated: Undated,
    pub terms: TermCounts,
    pub ids: Vec<(Box<str>, Box<str>, bool)>,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

fn csv_failure(path: &Path, e: csv::Error) -> Error {
    tables::csv_error(path, e)
}

/// The options `elpipe run --partial` cannot take.
pub(crate) fn check_run_options(options: &RunOptions, origin: Option<&LineOrigin>) -> Result<()> {
    if options.output_format == OutputFormat::Memory {
        return Err(Error::Invalid(
            "a partial result is written to files: --output-format csv, parquet or both".into(),
        ));
    }
    if origin.is_some() && (options.inputs.len() != 1 || options.inputs[0].is_dir()) {
        return Err(Error::Invalid(
            "--source-name names one input file: give exactly one".into(),
        ));
    }
    if origin.is_some_and(|o| o.first_line == 0) {
        return Err(Error::Invalid("--first-line counts from 1".into()));
    }
    Ok(())
}

/// Where the lines of a piece of a larger file come from (`--source-name NAME --first-line
/// N`): a recipe that cuts a JSONL file into pieces (`examples/spark`) processes each piece as
/// lines N.. of NAME, so sources (`NAME:LINE`), generated ids (`FILE-NAME:LINE`) and messages
/// are those one run over NAME gives.
#[derive(Clone, Debug)]
pub struct LineOrigin {
    /// The path of the whole file, as one run over it would be given it.
    pub name: String,
    /// The line of the whole file that is the piece's first line (from 1).
    pub first_line: u64,
}

/// Renames the documents read from one piece (see [`LineOrigin`]).
pub(crate) struct Renamer {
    /// The piece as sources and generated ids name it.
    source: String,
    id: String,
    /// The whole file as sources and generated ids name it.
    name: String,
    name_id: String,
    /// Added to a line number of the piece.
    shift: u64,
}

/// A file's id prefix: its name.
fn file_id(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl LineOrigin {
    pub(crate) fn renamer(&self, input: &Path) -> Renamer {
        Renamer {
            source: input.display().to_string(),
            id: file_id(input),
            name: self.name.clone(),
            name_id: file_id(Path::new(&self.name)),
            shift: self.first_line - 1,
        }
    }
}

impl Renamer {
    /// `value` with a leading `PREFIX:LINE` (or `PREFIX` alone) of the piece renamed.
    fn rename(&self, value: &str, prefix: &str, to: &str) -> Option<String> {
        let rest = value.strip_prefix(prefix)?;
        if rest.is_empty() {
            return Some(to.to_owned());
        }
        if let Some(detail) = rest.strip_prefix(": ") {
            return Some(format!("{to}: {detail}"));
        }
        let rest = rest.strip_prefix(':')?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let line: u64 = rest[..digits].parse().ok()?;
        Some(format!("{to}:{}{}", line + self.shift, &rest[digits..]))
    }

    pub(crate) fn apply(&self, mut doc: crate::RawDocument) -> crate::RawDocument {
        if let Some(source) = self.rename(&doc.source, &self.source, &self.name) {
            // a generated id is FILE-ID:LINE, the line of the source
            let generated = doc
                .source
                .strip_prefix(&self.source)
                .map(|line| format!("{}{line}", self.id));
            if generated.as_deref() == Some(doc.id.as_str()) {
                doc.id = self
                    .rename(&doc.id, &self.id, &self.name_id)
                    .unwrap_or(doc.id);
            }
            doc.source = source;
        }
        if let Some(message) = self.rename(&doc.message, &self.source, &self.name) {
            doc.message = message;
        }
        doc
    }
}

fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Csv => "csv",
        OutputFormat::Parquet => "parquet",
        OutputFormat::Both => "both",
        OutputFormat::Memory => "memory",
    }
}

fn parse_format(name: &str) -> Result<OutputFormat> {
    match name {
        "csv" => Ok(OutputFormat::Csv),
        "parquet" => Ok(OutputFormat::Parquet),
        "both" => Ok(OutputFormat::Both),
        _ => Err(Error::Invalid(format!("unknown output format `{name}`"))),
    }
}

/// The input format of a header's settings (as `run.json` writes it).
fn parse_read_format(name: &str) -> Result<read::Format> {
    use read::Format;
    [
        Format::Auto,
        Format::Txt,
        Format::Jsonl,
        Format::Csv,
        Format::Conll,
    ]
    .into_iter()
    .find(|f| format!("{f:?}").to_lowercase() == name)
    .ok_or_else(|| Error::Invalid(format!("unknown input format `{name}`")))
}

/// SHA-256 of a file given by an option, hex.
fn file_sha256(path: &Path) -> Result<String> {
    Ok(run::ModelRecord::of_file(path)?.sha256)
}

/// The settings of a run.
fn settings_of(options: &RunOptions) -> Result<Settings> {
    let read = &options.read;
    let provenance = &options.provenance;
    Ok(Settings {
        elpipe_version: env!("CARGO_PKG_VERSION").to_owned(),
        model_sha256: provenance.model.as_ref().map(|m| m.sha256.clone()),
        stopwords_sha256: provenance
            .stopwords
            .as_deref()
            .map(file_sha256)
            .transpose()?,
        aliases_sha256: provenance.aliases.as_deref().map(file_sha256).transpose()?,
        format: format!("{:?}", read.format).to_lowercase(),
        text_field: read.text_field.clone(),
        id_field: read.id_field.clone(),
        keep_fields: read.keep_fields.clone(),
        encoding: read.encoding.map(|e| e.name().to_owned()),
        delimiter: read.delimiter.map(|d| (d as char).to_string()),
        max_record_size: read.max_record_size,
        tables: options.tables.iter().map(|t| t.name().to_owned()).collect(),
        group_by: options.group_by.clone(),
        keep_duplicate_lines: options.keep_duplicate_lines,
        period: options.analysis.period.map(|p| p.name().to_owned()),
        context: options.analysis.context,
    })
}

/// Writes the state files and the header of a partial run into `options.out` (the staging
/// folder), where the run left its tables and its spools.
pub(crate) fn write_run_state(
    options: &RunOptions,
    summary: &RunSummary,
    state: RunState,
) -> Result<()> {
    let dir = &options.out;
    for (spool, name) in [
        (run::SPOOL, MENTIONS),
        (run::CONCORDANCE_SPOOL, CONCORDANCE),
    ] {
        let from = dir.join(spool);
        if from.exists() {
            std::fs::rename(&from, dir.join(name)).map_err(io_error(&from))?;
        }
    }
    if let Some(path) = &options.provenance.aliases {
        let to = dir.join(ALIASES);
        std::fs::copy(path, &to).map_err(io_error(path))?;
    }
    let entity_tables = options.tables.iter().any(|t| t.needs_entities());
    write_state(
        dir,
        entity_tables.then_some((&state.corpus, &state.acronyms)),
        options
            .tables
            .contains(&Table::Terms)
            .then_some(&state.terms),
    )?;
    let ids = state
        .ids
        .iter()
        .map(|(id, source, again)| Ok((id.to_string(), source.to_string(), *again)));
    write_ids(dir, ids)?;
    let mut groups: Vec<GroupRow> = (state.totals.groups())
        .map(|(group, t)| GroupRow {
            group: group.to_owned(),
            documents: t.documents,
            words: t.words,
        })
        .collect();
    groups.sort_by(|a, b| a.group.cmp(&b.group));
    let header = Header {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        settings: settings_of(options)?,
        output_format: format_name(options.output_format).to_owned(),
        model: serde_json::to_value(&options.provenance.model).unwrap_or_default(),
        stopwords: (options.provenance.stopwords.as_ref()).map(|p| p.display().to_string()),
        aliases: (options.provenance.aliases.as_ref()).map(|p| p.display().to_string()),
        inputs: (staging_output::describe_inputs(&options.inputs).iter())
            .map(|i| serde_json::to_value(i).unwrap_or_default())
            .collect(),
        counts: Counts {
            documents: summary.documents as u64,
            skipped: summary.skipped as u64,
            errors: summary.errors as u64,
            tokens: summary.tokens as u64,
            entities: summary.entities as u64,
            bytes: summary.bytes as u64,
            stem_fallbacks: summary.stem_fallbacks as u64,
            duplicate_ids: summary.duplicate_ids as u64,
        },
        groups,
        undated_documents: state.undated.documents as u64,
        undated_example: state.undated.example,
    };
    write_header(dir, &header)
}

fn write_header(dir: &Path, header: &Header) -> Result<()> {
    let mut file = AtomicFile::create(dir, HEADER)?;
    let text = serde_json::to_string_pretty(header)
        .map_err(|e| Error::Invalid(format!("cannot write {HEADER}: {e}")))?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.commit()
}

/// A CSV writer of the state files (header row, `\n` line ends) into an atomic file.
fn state_writer(dir: &Path, name: &str) -> Result<csv::Writer<AtomicFile>> {
    let file = AtomicFile::create(dir, name)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(file))
}

fn finish_writer(w: csv::Writer<AtomicFile>, dir: &Path, name: &str) -> Result<()> {
    let file = w
        .into_inner()
        .map_err(|e| io_error(&dir.join(name))(e.into_error()))?;
    file.commit()
}

/// Writes `partial_names.csv` and `partial_acronyms.csv` (with entity tables) and
/// `partial_terms.csv` (with `terms`), sorted.
fn write_state(
    dir: &Path,
    entities: Option<(&CorpusCanonicalizer, &AcronymCollector)>,
    terms: Option<&TermCounts>,
) -> Result<()> {
    let failed = |name: &str, e: csv::Error| csv_failure(&dir.join(name), e);
    if let Some((corpus, acronyms)) = entities {
        let mut names: Vec<_> = corpus.counts().collect();
        names.sort_unstable();
        let mut w = state_writer(dir, NAMES)?;
        w.write_record(["label", "canonical", "mentions"])
            .map_err(|e| failed(NAMES, e))?;
        for (label, canonical, n) in names {
            w.write_record([label, canonical, &n.to_string()])
                .map_err(|e| failed(NAMES, e))?;
        }
        finish_writer(w, dir, NAMES)?;
        let mut definitions: Vec<&Definition> = acronyms.definitions().collect();
        definitions.sort_unstable_by(|a, b| {
            (&a.acronym, &a.label, &a.canonical).cmp(&(&b.acronym, &b.label, &b.canonical))
        });
        let mut w = state_writer(dir, ACRONYMS)?;
        w.write_record(["acronym", "label", "canonical"])
            .map_err(|e| failed(ACRONYMS, e))?;
        for d in definitions {
            w.write_record([&d.acronym, &d.label, &d.canonical])
                .map_err(|e| failed(ACRONYMS, e))?;
        }
        finish_writer(w, dir, ACRONYMS)?;
    }
    if let Some(terms) = terms {
        let mut rows: Vec<_> = terms.rows().collect();
        rows.sort_unstable();
        let mut w = state_writer(dir, TERMS)?;
        w.write_record(["stem", "documents", "form", "count"])
            .map_err(|e| failed(TERMS, e))?;
        for (stem, documents, form, n) in rows {
            w.write_record([stem, &documents.to_string(), form, &n.to_string()])
                .map_err(|e| failed(TERMS, e))?;
        }
        finish_writer(w, dir, TERMS)?;
    }
    Ok(())
}

/// Writes `partial_ids.csv` from ids sorted by id.
fn write_ids(dir: &Path, ids: impl Iterator<Item = Result<(String, String, bool)>>) -> Result<()> {
    let failed = |e: csv::Error| csv_failure(&dir.join(IDS), e);
    let mut w = state_writer(dir, IDS)?;
    w.write_record(["doc_id", "source", "repeated"])
        .map_err(failed)?;
    for row in ids {
        let (id, source, again) = row?;
        w.write_record([
            id.as_str(),
            source.as_str(),
            if again { "true" } else { "false" },
        ])
        .map_err(failed)?;
    }
    finish_writer(w, dir, IDS)
}

/// Reads the header of a partial result.
pub fn read_header(part: &Path) -> Result<Header> {
    let path = part.join(HEADER);
    if !path.is_file() {
        return Err(Error::Invalid(format!(
            "{}: not a partial result of elpipe (no {HEADER}; make one with \
             `elpipe run ... --partial`)",
            part.display()
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(io_error(&path))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    if value["format"] != FORMAT {
        return Err(Error::Invalid(format!(
            "{}: not a partial result of elpipe (format {})",
            path.display(),
            value["format"]
        )));
    }
    let version = value["format_version"].as_u64().unwrap_or(0);
    if version != u64::from(FORMAT_VERSION) {
        return Err(Error::Invalid(format!(
            "{}: partial format version {version}, this elpipe ({}) reads version {FORMAT_VERSION}",
            path.display(),
            env!("CARGO_PKG_VERSION")
        )));
    }
    serde_json::from_value(value).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))
}

/// The first setting in which `b` differs from `a`, as an error naming both parts.
fn check_same_settings(a: (&Path, &Settings), b: (&Path, &Settings)) -> Result<()> {
    if a.1 == b.1 {
        return Ok(());
    }
    let (va, vb) = (
        serde_json::to_value(a.1).unwrap_or_default(),
        serde_json::to_value(b.1).unwrap_or_default(),
    );
    let (Some(ma), Some(mb)) = (va.as_object(), vb.as_object()) else {
        return Err(Error::Invalid(
            "partial results with different settings".into(),
        ));
    };
    let name = |key: &str| match key {
        "elpipe_version" => "the elpipe version".to_owned(),
        "model_sha256" => "the model (SHA-256)".to_owned(),
        "stopwords_sha256" => "the stopword list (--stopwords, SHA-256)".to_owned(),
        "aliases_sha256" => "the aliases file (--aliases, SHA-256)".to_owned(),
        other => format!("--{}", other.replace('_', "-")),
    };
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "none".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    for (key, value) in ma {
        if mb.get(key) != Some(value) {
            return Err(Error::Invalid(format!(
                "cannot merge partial results made differently: {} is {} in {} but {} in {}",
                name(key),
                show(Some(value)),
                a.0.display(),
                show(mb.get(key)),
                b.0.display()
            )));
        }
    }
    Err(Error::Invalid(
        "partial results with different settings".into(),
    ))
}

/// What `elpipe merge` does.
#[derive(Clone, Debug)]
pub struct MergeOptions {
    /// Partial results, in the order their documents are to appear.
    pub parts: Vec<PathBuf>,
    /// The folder the tables (or the merged partial result) are written to.
    pub out: PathBuf,
    /// Write a partial result again (to be merged later) instead of the tables.
    pub partial: bool,
    /// The files to write; `None` writes the parts' output format. Parquet needs parts with
    /// Parquet tables (a value printed in CSV cannot always be read back to the same float).
    pub output_format: Option<OutputFormat>,
    /// The command line, recorded in `run.json`.
    pub command: Vec<String>,
}

/// The run options equivalent to the parts' settings, writing into `out`.
fn run_options(
    header: &Header,
    out: &Path,
    format: OutputFormat,
    part: &Path,
) -> Result<RunOptions> {
    let s = &header.settings;
    let encoding = match &s.encoding {
        Some(label) => Some(read::encoding_for_label(label)?),
        None => None,
    };
    let tables = (s.tables.iter())
        .map(|t| Table::parse(t))
        .collect::<Result<Vec<_>>>()?;
    let aliases = match &s.aliases_sha256 {
        Some(_) => Aliases::from_file(&part.join(ALIASES))?,
        None => Aliases::default(),
    };
    Ok(RunOptions {
        inputs: Vec::new(),
        out: out.to_owned(),
        read: ReadOptions {
            format: parse_read_format(&s.format)?,
            text_field: s.text_field.clone(),
            id_field: s.id_field.clone(),
            keep_fields: s.keep_fields.clone(),
            encoding,
            delimiter: s.delimiter.as_ref().and_then(|d| d.bytes().next()),
            max_record_size: s.max_record_size,
        },
        threads: 1,
        tables,
        group_by: s.group_by.clone(),
        keep_duplicate_lines: s.keep_duplicate_lines,
        progress: false,
        output_format: format,
        provenance: Provenance {
            command: Vec::new(),
            model: None,
            stopwords: header.stopwords.as_ref().map(PathBuf::from),
            aliases: header.aliases.as_ref().map(PathBuf::from),
        },
        analysis: AnalysisOptions {
            period: s.period.as_deref().map(Period::parse).transpose()?,
            context: s.context,
            aliases,
        },
    })
}

/// Merges partial results into the tables of one run over all their inputs (or, with
/// `options.partial`, into one partial result), through a staging folder like a run: `out` is
/// replaced only when the merge completes. `warn` receives the warnings a run would give that
/// the parts could not (ids repeated across parts, undated documents).
///
/// Errors: a folder that is not a partial result, or of a format version this elpipe does not
/// read; parts made with different settings (the error names the first difference); Parquet
/// asked of parts without Parquet tables; I/O errors naming the file.
pub fn merge(options: &MergeOptions, warn: &mut dyn FnMut(&str)) -> Result<RunSummary> {
    let started_clock = std::time::Instant::now();
    let started = std::time::SystemTime::now();
    let Some(first_part) = options.parts.first() else {
        return Err(Error::Invalid("no partial result to merge".into()));
    };
    let headers = (options.parts.iter())
        .map(|p| read_header(p))
        .collect::<Result<Vec<_>>>()?;
    let first = &headers[0];
    for (part, header) in options.parts.iter().zip(&headers).skip(1) {
        check_same_settings((first_part, &first.settings), (part, &header.settings))?;
    }
    let parts_format = parse_format(&first.output_format)?;
    for (part, header) in options.parts.iter().zip(&headers).skip(1) {
        let format = parse_format(&header.output_format)?;
        if options.output_format.is_none() && format != parts_format {
            return Err(Error::Invalid(format!(
                "cannot merge partial results made differently: --output-format is {} in {} \
                 but {} in {} (give --output-format to choose)",
                first.output_format,
                first_part.display(),
                header.output_format,
                part.display()
            )));
        }
    }
    let format = options.output_format.unwrap_or(parts_format);
    let has_tables = |h: &Header, f: OutputFormat| {
        let made = parse_format(&h.output_format).unwrap_or(OutputFormat::Csv);
        (!f.csv() || made.csv()) && (!f.parquet() || made.parquet())
    };
    if let Some((part, header)) =
        (options.parts.iter().zip(&headers)).find(|(_, h)| !has_tables(h, format))
    {
        return Err(Error::Invalid(format!(
            "--output-format {}: {} holds {} tables; make the parts with \
             --output-format {} or both",
            format_name(format),
            part.display(),
            header.output_format,
            format_name(format),
        )));
    }
    staging_output::check_writable(&options.out)?;
    let staging = Staging::create(&options.out)?;
    let dir = staging.path().to_owned();
    let run_options = run_options(first, &dir, format, first_part)?;
    let wants = |t: Table| run_options.tables.contains(&t);
    let entity_tables = run_options.tables.iter().any(|t| t.needs_entities());

    // Per-document tables, part after part.
    for table in PER_DOCUMENT.into_iter().filter(|t| wants(*t)) {
        if format.csv() {
            concatenate_csv(&options.parts, table, &dir)?;
        }
        if format.parquet() {
            concatenate_parquet(&options.parts, table, &dir)?;
        }
    }

    // Corpus-wide state.
    let mut counts = Counts::default();
    let mut totals = GroupTotals::default();
    let mut undated = Undated::default();
    for header in &headers {
        let c = &header.counts;
        counts.documents += c.documents;
        counts.skipped += c.skipped;
        counts.errors += c.errors;
        counts.tokens += c.tokens;
        counts.entities += c.entities;
        counts.bytes += c.bytes;
        counts.stem_fallbacks += c.stem_fallbacks;
        for g in &header.groups {
            let t = Totals {
                documents: g.documents,
                words: g.words,
            };
            totals.add_totals(&g.group, t);
        }
        undated.documents += header.undated_documents as usize;
        if undated
            .example
            .as_deref()
            .is_none_or(|e| e.trim().is_empty())
            && header.undated_example.is_some()
        {
            undated.example = header.undated_example.clone();
        }
    }
    let mut corpus = CorpusCanonicalizer::default();
    let mut acronyms = AcronymCollector::default();
    if entity_tables {
        let (mentions, concordance) = match options.partial {
            true => (MENTIONS, CONCORDANCE),
            false => (run::SPOOL, run::CONCORDANCE_SPOOL),
        };
        merge_mentions(&options.parts, &headers, &dir, mentions)?;
        if wants(Table::Concordance) {
            concatenate_files(&options.parts, CONCORDANCE, &dir, concordance)?;
        }
        for part in &options.parts {
            read_names(part, &mut corpus)?;
            read_acronyms(part, &mut acronyms)?;
        }
    }
    let mut terms = TermCounts::default();
    if wants(Table::Terms) {
        for part in &options.parts {
            read_terms(part, &mut terms)?;
        }
    }
    counts.duplicate_ids = merge_ids(&options.parts, options.partial.then_some(&*dir), warn)?;
    if let Some(field) = run_options.group_by.as_deref() {
        if let Some(warning) = undated.warning(field) {
            warn(&warning);
        }
    }

    let summary = RunSummary {
        documents: counts.documents as usize,
        skipped: counts.skipped as usize,
        errors: counts.errors as usize,
        tokens: counts.tokens as usize,
        entities: counts.entities as usize,
        bytes: counts.bytes as usize,
        seconds: 0.0,
        stem_fallbacks: counts.stem_fallbacks as usize,
        duplicate_ids: counts.duplicate_ids as usize,
        stale_removed: Vec::new(),
    };
    let inputs: Vec<serde_json::Value> = headers.iter().flat_map(|h| h.inputs.clone()).collect();
    if options.partial {
        if first.settings.aliases_sha256.is_some() {
            let from = first_part.join(ALIASES);
            std::fs::copy(&from, dir.join(ALIASES)).map_err(io_error(&from))?;
        }
        write_state(
            &dir,
            entity_tables.then_some((&corpus, &acronyms)),
            wants(Table::Terms).then_some(&terms),
        )?;
        let mut groups: Vec<GroupRow> = (totals.groups())
            .map(|(group, t)| GroupRow {
                group: group.to_owned(),
                documents: t.documents,
                words: t.words,
            })
            .collect();
        groups.sort_by(|a, b| a.group.cmp(&b.group));
        let header = Header {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            settings: first.settings.clone(),
            output_format: format_name(format).to_owned(),
            model: first.model.clone(),
            stopwords: first.stopwords.clone(),
            aliases: first.aliases.clone(),
            inputs: inputs.clone(),
            counts: counts.clone(),
            groups,
            undated_documents: undated.documents as u64,
            undated_example: undated.example.clone(),
        };
        write_header(&dir, &header)?;
    } else {
        let mut memory = MemoryTables::new();
        if entity_tables {
            let result =
                run::write_entity_tables(&run_options, corpus, acronyms, &totals, &mut memory);
            for name in [run::SPOOL, run::CONCORDANCE_SPOOL] {
                let _ = std::fs::remove_file(dir.join(name));
            }
            result?;
        }
        if wants(Table::Terms) {
            let words = totals.corpus().words;
            run::write_table(&run_options, Table::Terms, &mut memory, |w| {
                terms.write(words, w)
            })?;
        }
    }

    let mut summary = summary;
    summary.seconds = started_clock.elapsed().as_secs_f64();
    let files = staging.files()?;
    let mut record = run::run_record(&run_options, &summary, &files, started);
    record["command"] = serde_json::json!(options.command);
    record["inputs"] = serde_json::Value::Array(inputs);
    record["model"] = first.model.clone();
    record["merged_from"] = serde_json::json!(options
        .parts
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>());
    if options.partial {
        record["partial"] = serde_json::Value::Bool(true);
    }
    staging_output::write_record(&dir, &record)?;
    let table_names: Vec<String> = (Table::KNOWN.iter())
        .flat_map(|t| [t.file_name(), t.parquet_file_name()])
        .chain(FILES.iter().map(|f| f.to_string()))
        .collect();
    summary.stale_removed = staging.commit(&table_names)?;
    Ok(summary)
}

/// Byte offset of the first row of a CSV table (after its header line).
fn header_end(path: &Path) -> Result<(u64, csv::StringRecord)> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(BufReader::new(file));
    let mut header = csv::StringRecord::new();
    reader
        .read_record(&mut header)
        .map_err(|e| csv_failure(path, e))?;
    Ok((reader.position().byte(), header))
}

/// Writes `TABLE.csv` of every part one after the other under one header.
fn concatenate_csv(parts: &[PathBuf], table: Table, dir: &Path) -> Result<()> {
    let name = table.file_name();
    let mut out = AtomicFile::create(dir, &name)?;
    let mut first_header = None;
    for part in parts {
        let path = part.join(&name);
        let (offset, header) = header_end(&path)?;
        match &first_header {
            None => first_header = Some(header),
            Some(h) if *h != header => {
                out.discard();
                return Err(Error::Invalid(format!(
                    "{}: its columns differ from those of the first part",
                    path.display()
                )));
            }
            Some(_) => {}
        }
        let mut file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        if first_header.is_some() && !std::ptr::eq(part, &parts[0]) {
            file.seek(SeekFrom::Start(offset))
                .map_err(io_error(&path))?;
        }
        std::io::copy(&mut file, out.writer()).map_err(io_error(&path))?;
    }
    out.commit()
}

/// Writes `TABLE.parquet` from the rows of every part's, through the same row sink a run
/// uses, so batches and row groups fall where a single run puts them.
fn concatenate_parquet(parts: &[PathBuf], table: Table, dir: &Path) -> Result<()> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let mut out = TableOutput::create(dir, table, OutputFormat::Parquet)?;
    let mut columns = None;
    let result = (|| -> Result<()> {
        for part in parts {
            let path = part.join(table.parquet_file_name());
            let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
            let invalid =
                |e: &dyn std::fmt::Display| Error::Invalid(format!("{}: {e}", path.display()));
            let builder =
                ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| invalid(&e))?;
            let part_columns = tables::arrow::columns(builder.schema()).map_err(|e| invalid(&e))?;
            if columns.is_none() {
                out.begin(&part_columns).map_err(|e| out.error(e))?;
                columns = Some(part_columns.clone());
            }
            let reader = builder.build().map_err(|e| invalid(&e))?;
            for batch in reader {
                let batch = batch.map_err(|e| invalid(&e))?;
                tables::arrow::write_rows(&batch, &part_columns, &mut out)
                    .map_err(|e| out.error(e))?;
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => run::commit(out, &mut MemoryTables::new()),
        Err(e) => {
            out.discard();
            Err(e)
        }
    }
}

/// Concatenates a state file of every part (files without a header) into `dir/name`.
fn concatenate_files(parts: &[PathBuf], file: &str, dir: &Path, name: &str) -> Result<()> {
    let mut out = AtomicFile::create(dir, name)?;
    for part in parts {
        let path = part.join(file);
        let mut input = File::open(&path).map_err(|e| Error::io(&path, e))?;
        std::io::copy(&mut input, out.writer()).map_err(io_error(&path))?;
    }
    out.commit()
}

/// Writes the mentions of every part into `dir/name`, each part's document positions shifted
/// past the documents of the parts before it, as one run numbers them.
fn merge_mentions(parts: &[PathBuf], headers: &[Header], dir: &Path, name: &str) -> Result<()> {
    let out = AtomicFile::create(dir, name)?;
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let mut offset = 0;
    for (part, header) in parts.iter().zip(headers) {
        let path = part.join(MENTIONS);
        let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(BufReader::with_capacity(1 << 20, file));
        for row in reader.deserialize::<Mention>() {
            let mut m = row.map_err(|e| csv_failure(&path, e))?;
            m.doc_index += offset;
            writer
                .serialize(&m)
                .map_err(|e| csv_failure(&dir.join(name), e))?;
        }
        offset += header.counts.documents;
    }
    let out = writer
        .into_inner()
        .map_err(|e| io_error(&dir.join(name))(e.into_error()))?;
    out.commit()
}

/// A state file's reader: header row, then records.
fn state_reader(part: &Path, name: &str) -> Result<(PathBuf, csv::Reader<BufReader<File>>)> {
    let path = part.join(name);
    let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
    Ok((path, csv::Reader::from_reader(BufReader::new(file))))
}

fn number(path: &Path, value: &str) -> Result<u64> {
    value.parse().map_err(|_| {
        Error::Invalid(format!(
            "{}: `{value}` is not a count (a damaged partial result?)",
            path.display()
        ))
    })
}

fn field<'r>(path: &Path, record: &'r csv::StringRecord, i: usize) -> Result<&'r str> {
    record.get(i).ok_or_else(|| {
        Error::Invalid(format!(
            "{}: a row has {} fields, {} expected (a damaged partial result?)",
            path.display(),
            record.len(),
            i + 1
        ))
    })
}

fn read_names(part: &Path, corpus: &mut CorpusCanonicalizer) -> Result<()> {
    let (path, mut reader) = state_reader(part, NAMES)?;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_failure(&path, e))?
    {
        let n = number(&path, field(&path, &record, 2)?)?;
        corpus.add_count(field(&path, &record, 0)?, field(&path, &record, 1)?, n);
    }
    Ok(())
}

fn read_acronyms(part: &Path, acronyms: &mut AcronymCollector) -> Result<()> {
    let (path, mut reader) = state_reader(part, ACRONYMS)?;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_failure(&path, e))?
    {
        acronyms.add([Definition {
            acronym: field(&path, &record, 0)?.to_owned(),
            label: field(&path, &record, 1)?.to_owned(),
            canonical: field(&path, &record, 2)?.to_owned(),
        }]);
    }
    Ok(())
}

fn read_terms(part: &Path, terms: &mut TermCounts) -> Result<()> {
    let (path, mut reader) = state_reader(part, TERMS)?;
    let mut record = csv::StringRecord::new();
    let mut last_stem = String::new();
    let mut first = true;
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_failure(&path, e))?
    {
        let stem = field(&path, &record, 0)?;
        if first || stem != last_stem {
            // the stem's documents are repeated on each of its rows: count them once
            terms.add_documents(stem, number(&path, field(&path, &record, 1)?)?);
            last_stem.clear();
            last_stem.push_str(stem);
            first = false;
        }
        let n = number(&path, field(&path, &record, 3)?)?;
        terms.add_form_count(stem, field(&path, &record, 2)?, n);
    }
    Ok(())
}

/// One part's sorted ids, read a row at a time.
struct IdStream {
    path: PathBuf,
    reader: csv::Reader<BufReader<File>>,
    record: csv::StringRecord,
    /// The current row: id, source of its first document, repeated within the part.
    current: Option<(String, String, bool)>,
}

impl IdStream {
    fn open(part: &Path) -> Result<IdStream> {
        let (path, reader) = state_reader(part, IDS)?;
        let mut stream = IdStream {
            path,
            reader,
            record: csv::StringRecord::new(),
            current: None,
        };
        stream.advance()?;
        Ok(stream)
    }

    fn advance(&mut self) -> Result<()> {
        let more =
            (self.reader.read_record(&mut self.record)).map_err(|e| csv_failure(&self.path, e))?;
        self.current = match more {
            false => None,
            true => Some((
                field(&self.path, &self.record, 0)?.to_owned(),
                field(&self.path, &self.record, 1)?.to_owned(),
                field(&self.path, &self.record, 2)? == "true",
            )),
        };
        Ok(())
    }
}

/// Walks the parts' sorted id lists together; returns the number of ids that more than one
/// document has, warns once about each id found in more than one part (naming its first two
/// documents, as a run does, unless the first part already has it twice and said so), and with
/// `out` writes the merged list.
fn merge_ids(parts: &[PathBuf], out: Option<&Path>, warn: &mut dyn FnMut(&str)) -> Result<u64> {
    let mut streams = parts
        .iter()
        .map(|p| IdStream::open(p))
        .collect::<Result<Vec<_>>>()?;
    let mut duplicates = 0;
    let mut merged: Vec<(String, String, bool)> = Vec::new();
    let mut writer = match out {
        Some(dir) => {
            let mut w = state_writer(dir, IDS)?;
            w.write_record(["doc_id", "source", "repeated"])
                .map_err(|e| csv_failure(&dir.join(IDS), e))?;
            Some(w)
        }
        None => None,
    };
    // the smallest current id over the parts, and every part holding it, in part order
    while let Some(smallest) = (streams.iter())
        .filter_map(|s| s.current.as_ref().map(|c| c.0.clone()))
        .min()
    {
        merged.clear();
        for stream in &mut streams {
            if stream.current.as_ref().is_some_and(|c| c.0 == smallest) {
                merged.push(stream.current.take().expect("checked"));
                stream.advance()?;
            }
        }
        let repeated = merged.len() > 1 || merged[0].2;
        if repeated {
            duplicates += 1;
        }
        if merged.len() > 1 && !merged[0].2 {
            warn(&format!(
                "duplicate id `{smallest}`: {} and {} (joins on doc_id will mix them)",
                merged[0].1, merged[1].1
            ));
        }
        if let (Some(w), Some(dir)) = (&mut writer, out) {
            let flag = if repeated { "true" } else { "false" };
            w.write_record([smallest.as_str(), merged[0].1.as_str(), flag])
                .map_err(|e| csv_failure(&dir.join(IDS), e))?;
        }
    }
    if let (Some(w), Some(dir)) = (writer, out) {
        finish_writer(w, dir, IDS)?;
    }
    Ok(duplicates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RawDocument;

    fn piece_document(id: &str, source: &str, message: &str) -> RawDocument {
        RawDocument {
            id: id.into(),
            source: source.into(),
            message: message.into(),
            ..RawDocument::default()
        }
    }

    #[test]
    fn a_piece_is_named_as_the_lines_of_the_whole_file() {
        let origin = LineOrigin {
            name: "data/news.jsonl".into(),
            first_line: 101,
        };
        let rename = origin.renamer(Path::new("/tmp/x/piece.jsonl"));
        let doc = rename.apply(piece_document(
            "piece.jsonl:3",
            "/tmp/x/piece.jsonl:3",
            "/tmp/x/piece.jsonl:3: invalid JSON",
        ));
        assert_eq!(doc.id, "news.jsonl:103");
        assert_eq!(doc.source, "data/news.jsonl:103");
        assert_eq!(doc.message, "data/news.jsonl:103: invalid JSON");
        // an id from the record itself is kept, even one that looks like a line id
        let doc = rename.apply(piece_document("piece.jsonl:9", "/tmp/x/piece.jsonl:3", ""));
        assert_eq!(doc.id, "piece.jsonl:9");
        let doc = rename.apply(piece_document("άρθρο-7", "/tmp/x/piece.jsonl:1", ""));
        assert_eq!(
            (doc.id.as_str(), doc.source.as_str()),
            ("άρθρο-7", "data/news.jsonl:101")
        );
        // a whole-file failure names the whole file
        let doc = rename.apply(piece_document(
            "piece.jsonl",
            "/tmp/x/piece.jsonl",
            "/tmp/x/piece.jsonl: permission denied",
        ));
        assert_eq!(doc.source, "data/news.jsonl");
        assert_eq!(doc.message, "data/news.jsonl: permission denied");
    }

    #[test]
    fn settings_differences_are_named() {
        let settings = Settings {
            elpipe_version: "0.1.0".into(),
            model_sha256: Some("aa".into()),
            stopwords_sha256: None,
            aliases_sha256: None,
            format: "auto".into(),
            text_field: "text".into(),
            id_field: "id".into(),
            keep_fields: vec!["date".into()],
            encoding: None,
            delimiter: None,
            max_record_size: 1,
            tables: vec!["documents".into()],
            group_by: Some("date".into()),
            keep_duplicate_lines: false,
            period: None,
            context: 60,
        };
        let (a, b) = (Path::new("p1"), Path::new("p2"));
        assert!(check_same_settings((a, &settings), (b, &settings)).is_ok());
        let other = Settings {
            period: Some("month".into()),
            ..settings.clone()
        };
        let error = check_same_settings((a, &settings), (b, &other)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot merge partial results made differently: --period is none in p1 but month in p2"
        );
        let other = Settings {
            elpipe_version: "0.2.0".into(),
            ..settings.clone()
        };
        let error = check_same_settings((a, &settings), (b, &other)).unwrap_err();
        assert!(error
            .to_string()
            .contains("the elpipe version is 0.1.0 in p1 but 0.2.0 in p2"));
    }
}
