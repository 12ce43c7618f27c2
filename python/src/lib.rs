//! `elpipe._elpipe`: the Rust side of the Python package, a thin layer over the elpipe
//! library. A corpus is processed by the same run code as `elpipe run` (batches, rayon threads,
//! corpus-wide canonical names), with the tables kept as Arrow record batches and handed to
//! pyarrow through the Arrow C stream interface: no CSV is written or parsed on the way.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

use arrow_array::ffi_stream::RecordBatchStreamReader;
use arrow_array::{RecordBatchIterator, RecordBatchReader};
use arrow_pyarrow::{FromPyArrow, IntoPyArrow, ToPyArrow};
use elpipe::{
    Aliases, AnalysisOptions, Format, MemoryTables, OutputFormat, Period, Pipeline, Provenance,
    RawDocument, ReadOptions, RunOptions, RunSummary, Status, Stopwords, Table, Tagger,
};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};

/// The allocator of the `elpipe` binary: the pipeline allocates per document and glibc's
/// malloc made `analyze` measurably slower than `elpipe run`. Only Rust's own allocations go
/// through it; Arrow buffers handed to pyarrow are freed by their Rust release callbacks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    elpipe,
    ElpipeError,
    PyException,
    "An error elpipe reports (a missing input, an unknown table, an unwritable folder...), with \
     the message the command line prints."
);

/// The error as `elpipe run` prints it: the message, then its causes.
fn error(e: elpipe::Error) -> PyErr {
    ElpipeError::new_err(message_of(&e))
}

/// The error of a flag's value as `elpipe run` prints it: `--model: cannot load the model: ...`.
fn flag_error(context: &str, e: elpipe::Error) -> PyErr {
    ElpipeError::new_err(format!("{context}: {}", message_of(&e)))
}

/// An error and its causes, each said once (as the command line's `message_of`).
fn message_of(e: &elpipe::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
        source = cause_of(source);
    }
    message
}

fn cause_of<'a>(
    e: Option<&'a (dyn std::error::Error + 'static)>,
) -> Option<&'a (dyn std::error::Error + 'static)> {
    e.and_then(std::error::Error::source)
}

/// The shipped pipeline, loaded once per process (the tagger takes a moment to load).
fn shipped(tagging: bool) -> Result<Arc<Pipeline>, elpipe::Error> {
    static TAGGING: OnceLock<Arc<Pipeline>> = OnceLock::new();
    static PLAIN: OnceLock<Arc<Pipeline>> = OnceLock::new();
    if !tagging {
        return Ok(PLAIN
            .get_or_init(|| Arc::new(Pipeline::new(Stopwords::greek(), None)))
            .clone());
    }
    if let Some(p) = TAGGING.get() {
        return Ok(p.clone());
    }
    let pipeline = Arc::new(Pipeline::new(Stopwords::greek(), Some(Tagger::shipped()?)));
    Ok(TAGGING.get_or_init(|| pipeline).clone())
}

/// The pipeline `elpipe run --model M --stopwords FILE` builds: the shipped one (loaded once
/// per process) unless a model or a stopword list is named.
fn pipeline(
    model: Option<PathBuf>,
    stopwords: Option<PathBuf>,
    tagging: bool,
) -> PyResult<Arc<Pipeline>> {
    let model = model.filter(|_| tagging);
    if model.is_none() && stopwords.is_none() {
        return shipped(tagging).map_err(error);
    }
    let stopwords = match stopwords {
        Some(path) => Stopwords::from_file(&path)
            .map_err(|e| flag_error("--stopwords: cannot read the stopword list", e))?,
        None => Stopwords::greek(),
    };
    let tagger = match (model, tagging) {
        (_, false) => None,
        (Some(path), true) => Some(
            Tagger::by_name_or_path(&path)
                .map_err(|e| flag_error("--model: cannot load the model", e))?,
        ),
        (None, true) => Some(Tagger::shipped().map_err(error)?),
    };
    Ok(Arc::new(Pipeline::new(stopwords, tagger)))
}

/// Options shared by both sources, as `elpipe run` takes them.
struct Request {
    keep_fields: Vec<String>,
    group_by: Option<String>,
    tables: Vec<Table>,
    threads: usize,
    model: Option<PathBuf>,
    stopwords: Option<PathBuf>,
    keep_duplicate_lines: bool,
    tagging: bool,
    workdir: PathBuf,
    analysis: AnalysisOptions,
}

/// `--period`, `--context`, `--aliases` and `--stopwords` as given from Python.
struct Analysis {
    period: Option<String>,
    context: Option<usize>,
    aliases: Option<PathBuf>,
    stopwords: Option<PathBuf>,
}

impl Analysis {
    fn options(self) -> PyResult<AnalysisOptions> {
        let mut options = AnalysisOptions::default();
        if let Some(period) = self.period {
            options.period = Some(Period::parse(&period).map_err(error)?);
        }
        if let Some(context) = self.context {
            options.context = context;
        }
        if let Some(path) = self.aliases {
            options.aliases = Aliases::from_file(&path).map_err(error)?;
        }
        Ok(options)
    }
}

#[allow(clippy::too_many_arguments)]
fn request(
    keep_fields: Vec<String>,
    group_by: Option<String>,
    tables: Option<Vec<String>>,
    threads: Option<usize>,
    model: Option<PathBuf>,
    keep_duplicate_lines: bool,
    tagging: bool,
    workdir: PathBuf,
    mut analysis: Analysis,
) -> PyResult<Request> {
    let stopwords = analysis.stopwords.take();
    let mut keep_fields = keep_fields;
    if let Some(field) = &group_by {
        if !keep_fields.contains(field) {
            keep_fields.push(field.clone());
        }
    }
    let tables = match tables {
        // The tables `elpipe run` writes by default.
        None if group_by.is_some() => {
            let mut tables = Table::ALL.to_vec();
            tables.push(Table::EntityKeyness);
            tables
        }
        None => Table::ALL.to_vec(),
        Some(names) => names
            .iter()
            .map(|n| Table::parse(n))
            .collect::<Result<_, _>>()
            .map_err(error)?,
    };
    Ok(Request {
        keep_fields,
        group_by,
        tables,
        threads: threads.unwrap_or(0),
        model,
        stopwords,
        keep_duplicate_lines,
        tagging,
        workdir,
        analysis: analysis.options()?,
    })
}

/// Runs the pipeline with the GIL released and returns the tables as pyarrow
/// `RecordBatchReader`s, the run's totals and its warnings.
fn execute<'py, D, I>(
    py: Python<'py>,
    request: Request,
    inputs: Vec<PathBuf>,
    read: ReadOptions,
    documents: D,
) -> PyResult<Bound<'py, PyDict>>
where
    D: FnOnce() -> I + Send,
    I: Iterator<Item = RawDocument>,
{
    let tag = request.tagging
        && request
            .tables
            .iter()
            .any(|t| t.needs_entities() || *t == Table::Tokens);
    let options = RunOptions {
        inputs,
        out: request.workdir,
        read: ReadOptions {
            keep_fields: request.keep_fields,
            ..read
        },
        threads: request.threads,
        tables: request.tables,
        group_by: request.group_by,
        keep_duplicate_lines: request.keep_duplicate_lines,
        progress: false,
        output_format: OutputFormat::Memory,
        provenance: Provenance::default(),
        analysis: request.analysis,
    };
    elpipe::preflight(&options).map_err(error)?;
    let (model, stopwords) = (request.model, request.stopwords);
    let (summary, tables, warnings) = py.detach(
        move || -> PyResult<(RunSummary, MemoryTables, Vec<String>)> {
            let mut warnings = elpipe::field_warnings(&options);
            let pipeline = pipeline(model, stopwords, tag)?;
            let stop = AtomicBool::new(false);
            let (summary, tables) =
                elpipe::run_with(&pipeline, &options, documents, &stop, &mut |line: &str| {
                    warnings.push(line.to_owned())
                })
                .map_err(error)?;
            Ok((summary, tables, warnings))
        },
    )?;
    let out = PyDict::new(py);
    let readers = PyDict::new(py);
    for (table, batches) in tables {
        let reader = RecordBatchIterator::new(batches.batches.into_iter().map(Ok), batches.schema);
        let reader: Box<dyn RecordBatchReader + Send> = Box::new(reader);
        readers.set_item(table.name(), reader.into_pyarrow(py)?)?;
    }
    out.set_item("tables", readers)?;
    let totals = PyDict::new(py);
    totals.set_item("documents", summary.documents)?;
    totals.set_item("skipped", summary.skipped)?;
    totals.set_item("errors", summary.errors)?;
    totals.set_item("tokens", summary.tokens)?;
    totals.set_item("entities", summary.entities)?;
    totals.set_item("bytes", summary.bytes)?;
    totals.set_item("seconds", summary.seconds)?;
    totals.set_item("messages_not_shown", summary.messages_not_shown)?;
    out.set_item("summary", totals)?;
    out.set_item("warnings", warnings)?;
    Ok(out)
}

/// Reads files or folders exactly as `elpipe run INPUT...` does and processes them.
#[pyfunction]
#[pyo3(signature = (paths, *, text_field, id_field, keep_fields, group_by, tables, threads,
    model, keep_duplicate_lines, tagging, workdir, period=None, context=None, aliases=None,
    stopwords=None, format=None, encoding=None, delimiter=None, max_record_size=None))]
#[allow(clippy::too_many_arguments)]
fn analyze_paths<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    text_field: String,
    id_field: String,
    keep_fields: Vec<String>,
    group_by: Option<String>,
    tables: Option<Vec<String>>,
    threads: Option<usize>,
    model: Option<PathBuf>,
    keep_duplicate_lines: bool,
    tagging: bool,
    workdir: PathBuf,
    period: Option<String>,
    context: Option<usize>,
    aliases: Option<PathBuf>,
    stopwords: Option<PathBuf>,
    format: Option<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    max_record_size: Option<u64>,
) -> PyResult<Bound<'py, PyDict>> {
    let request = request(
        keep_fields,
        group_by,
        tables,
        threads,
        model,
        keep_duplicate_lines,
        tagging,
        workdir,
        Analysis {
            period,
            context,
            aliases,
            stopwords,
        },
    )?;
    let read = ReadOptions {
        format: format.as_deref().map_or(Ok(Format::Auto), input_format)?,
        text_field,
        id_field,
        keep_fields: request.keep_fields.clone(),
        encoding: encoding
            .as_deref()
            .map(elpipe::encoding_for_label)
            .transpose()
            .map_err(error)?,
        delimiter: delimiter.as_deref().map(delimiter_byte).transpose()?,
        max_record_size: max_record_size.unwrap_or(elpipe::DEFAULT_MAX_RECORD_SIZE),
    };
    let (inputs, reading) = (paths.clone(), read.clone());
    let documents = move || elpipe::documents(&inputs, &reading);
    execute(py, request, paths, read, documents)
}

/// `--format`: how the input files are parsed.
fn input_format(name: &str) -> PyResult<Format> {
    match name {
        "auto" => Ok(Format::Auto),
        "txt" => Ok(Format::Txt),
        "jsonl" => Ok(Format::Jsonl),
        "csv" => Ok(Format::Csv),
        "conll" => Ok(Format::Conll),
        other => Err(ElpipeError::new_err(format!(
            "--format {other:?}: give auto, txt, jsonl, csv or conll"
        ))),
    }
}

/// `--delimiter`: one ASCII character, `tab` for a tab (the command line's rule).
fn delimiter_byte(value: &str) -> PyResult<u8> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if value.len() == 1 && value.is_ascii() && value != "\"" && value != "\n" => {
            Ok(value.as_bytes()[0])
        }
        _ => Err(ElpipeError::new_err(format!(
            "--delimiter {value:?}: give one ASCII character, e.g. `;` or `tab`"
        ))),
    }
}

/// The text of a record: a string, or the reason the document cannot be processed (the
/// messages of the JSONL reader).
fn record_text(value: &Bound<'_, PyAny>, field: &str) -> Result<String, String> {
    if value.is_instance_of::<PyString>() {
        return value.extract::<String>().map_err(|e| e.to_string());
    }
    let missing = value.is_none() || value.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan());
    if missing {
        return Err(format!("missing text field `{field}`"));
    }
    let kind = value
        .get_type()
        .name()
        .map_or_else(|_| "another type".to_owned(), |n| n.to_string());
    Err(format!("text field `{field}` is not a string but {kind}"))
}

/// Processes records given as columns: `texts` (strings; None or NaN is a missing text),
/// `ids` (None gives the record's position), and one list of strings per kept field.
#[pyfunction]
#[pyo3(signature = (texts, ids, metadata, *, text_field, keep_fields, group_by, tables,
    threads, model, keep_duplicate_lines, tagging, workdir, period=None, context=None,
    aliases=None, stopwords=None))]
#[allow(clippy::too_many_arguments)]
fn analyze_records<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyAny>>,
    ids: Vec<Option<String>>,
    metadata: Vec<Vec<String>>,
    text_field: String,
    keep_fields: Vec<String>,
    group_by: Option<String>,
    tables: Option<Vec<String>>,
    threads: Option<usize>,
    model: Option<PathBuf>,
    keep_duplicate_lines: bool,
    tagging: bool,
    workdir: PathBuf,
    period: Option<String>,
    context: Option<usize>,
    aliases: Option<PathBuf>,
    stopwords: Option<PathBuf>,
) -> PyResult<Bound<'py, PyDict>> {
    let request = request(
        keep_fields,
        group_by,
        tables,
        threads,
        model,
        keep_duplicate_lines,
        tagging,
        workdir,
        Analysis {
            period,
            context,
            aliases,
            stopwords,
        },
    )?;
    let fields = request.keep_fields.len();
    if ids.len() != texts.len() || metadata.iter().any(|m| m.len() != texts.len()) {
        return Err(ElpipeError::new_err(
            "texts, ids and metadata columns differ in length",
        ));
    }
    let mut documents = Vec::with_capacity(texts.len());
    for (i, (text, id)) in texts.iter().zip(ids).enumerate() {
        let source = format!("data[{i}]");
        let mut doc = RawDocument {
            id: id
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| i.to_string()),
            metadata: metadata.iter().map(|column| column[i].clone()).collect(),
            ..RawDocument::default()
        };
        doc.metadata.resize(fields, String::new());
        match record_text(text, &text_field) {
            Ok(text) if text.trim().is_empty() => {
                doc.status = Status::Skipped;
                doc.message = "empty document".into();
            }
            Ok(text) => doc.text = text,
            Err(message) => {
                doc.status = Status::Error;
                doc.message = format!("{source}: {message}");
            }
        }
        doc.source = source;
        documents.push(doc);
    }
    let read = ReadOptions {
        format: Format::Auto,
        text_field,
        ..ReadOptions::default()
    };
    execute(py, request, Vec::new(), read, move || documents.into_iter())
}

/// The Arrow schema of every table `elpipe run` can write (from a run over no documents), to
/// read CSV tables back with the same types. The tables are made with a group field named
/// `group`, so that `entity_keyness` exists; a group field is text in every table.
#[pyfunction]
#[pyo3(signature = (workdir))]
fn schemas<'py>(py: Python<'py>, workdir: PathBuf) -> PyResult<Bound<'py, PyDict>> {
    let group = "group".to_owned();
    let options = RunOptions {
        inputs: Vec::new(),
        out: workdir,
        read: ReadOptions {
            keep_fields: vec![group.clone()],
            ..ReadOptions::default()
        },
        threads: 1,
        tables: Table::KNOWN.to_vec(),
        group_by: Some(group),
        keep_duplicate_lines: false,
        progress: false,
        output_format: OutputFormat::Memory,
        provenance: Provenance::default(),
        analysis: AnalysisOptions::default(),
    };
    let pipeline = shipped(false).map_err(error)?;
    let stop = AtomicBool::new(false);
    let (_, tables) = elpipe::run_with(&pipeline, &options, std::iter::empty, &stop, &mut |_| {})
        .map_err(error)?;
    let out = PyDict::new(py);
    for (table, batches) in tables {
        out.set_item(table.name(), batches.schema.to_pyarrow(py)?)?;
    }
    Ok(out)
}

/// Processes one text as a document: `(lang, lang_confidence, sentences, status, message,
/// tokens, entities)`, tokens as `(sentence, start, end, text, norm, stem, stopword, iob,
/// entity_type, kind)` and entities as `(sentence, start, end, text, label, canonical)`,
/// offsets in code points.
#[pyfunction]
#[pyo3(signature = (text, model=None))]
fn process<'py>(
    py: Python<'py>,
    text: String,
    model: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let doc = py.detach(move || -> PyResult<elpipe::Document> {
        let pipeline = pipeline(model, None, true)?;
        Ok(pipeline.process(RawDocument {
            id: "0".into(),
            source: "text".into(),
            text,
            ..RawDocument::default()
        }))
    })?;
    let tokens = PyList::empty(py);
    for t in &doc.tokens {
        tokens.append((
            t.sentence,
            t.char_start,
            t.char_end,
            t.text(&doc.text),
            t.norm.as_str(),
            t.stem.as_str(),
            t.stopword,
            t.iob.as_str(),
            t.entity_type.as_deref(),
            t.kind.as_str(),
        ))?;
    }
    let entities = PyList::empty(py);
    for e in &doc.entities {
        entities.append((
            e.sentence,
            e.char_start,
            e.char_end,
            e.text.as_str(),
            &*e.label,
            e.canonical.as_str(),
        ))?;
    }
    let confidence = (!doc.language.code.is_empty()).then_some(doc.language.confidence);
    (
        doc.language.code,
        confidence,
        doc.sentences,
        doc.status.as_str(),
        doc.message.as_str(),
        tokens,
        entities,
    )
        .into_pyobject(py)
        .map(|t| t.into_any())
}

/// Writes a table (a pyarrow `RecordBatchReader` over an elpipe table) as `folder/NAME.csv` or
/// `folder/NAME.parquet`, with the writers of `elpipe run`.
#[pyfunction]
fn write_table(
    reader: &Bound<'_, PyAny>,
    folder: PathBuf,
    name: &str,
    format: &str,
) -> PyResult<()> {
    let reader = RecordBatchStreamReader::from_pyarrow_bound(reader)?;
    let format = match format {
        "csv" => OutputFormat::Csv,
        "parquet" => OutputFormat::Parquet,
        other => {
            return Err(ElpipeError::new_err(format!(
                "unknown table format `{other}` (csv or parquet)"
            )))
        }
    };
    let schema = reader.schema();
    elpipe::write_arrow_table(&schema, reader, &folder, name, format)
        .map(|_| ())
        .map_err(error)
}

#[pymodule]
fn _elpipe(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ElpipeError", m.py().get_type::<ElpipeError>())?;
    m.add_function(wrap_pyfunction!(analyze_paths, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_records, m)?)?;
    m.add_function(wrap_pyfunction!(schemas, m)?)?;
    m.add_function(wrap_pyfunction!(process, m)?)?;
    m.add_function(wrap_pyfunction!(write_table, m)?)?;
    Ok(())
}
