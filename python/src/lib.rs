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
use elpipe::ner::Tagger;
use elpipe::period::Period;
use elpipe::read::{Format, ReadOptions};
use elpipe::run::{self, AnalysisOptions, MemoryTables, RunOptions, RunSummary};
use elpipe::stopwords::Stopwords;
use elpipe::tables::arrow::{self as arrow_table, ArrowTable};
use elpipe::tables::{csv_writer, AtomicFile, OutputFormat, RowSink, Table};
use elpipe::{Pipeline, RawDocument, Status};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};

create_exception!(
    elpipe,
    ElpipeError,
    PyException,
    "An error elpipe reports (a missing input, an unknown table, an unwritable folder...), with \
     the message the command line prints."
);

/// The error as `elpipe run` prints it: the message, then its causes.
fn error(e: elpipe::Error) -> PyErr {
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
    ElpipeError::new_err(message)
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

fn pipeline(model: Option<PathBuf>, tagging: bool) -> Result<Arc<Pipeline>, elpipe::Error> {
    match (model, tagging) {
        (Some(path), true) => Ok(Arc::new(Pipeline::new(
            Stopwords::greek(),
            Some(Tagger::by_name_or_path(&path)?),
        ))),
        (_, tagging) => shipped(tagging),
    }
}

/// Options shared by both sources, as `elpipe run` takes them.
struct Request {
    keep_fields: Vec<String>,
    group_by: Option<String>,
    tables: Vec<Table>,
    threads: usize,
    model: Option<PathBuf>,
    keep_duplicate_lines: bool,
    tagging: bool,
    workdir: PathBuf,
    analysis: AnalysisOptions,
}

/// `--period` and `--context` as given from Python.
struct Analysis {
    period: Option<String>,
    context: Option<usize>,
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
    analysis: Analysis,
) -> PyResult<Request> {
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
        analysis: request.analysis,
    };
    let model = request.model;
    let (summary, tables, warnings) = py
        .detach(
            move || -> Result<(RunSummary, MemoryTables, Vec<String>), elpipe::Error> {
                let pipeline = pipeline(model, tag)?;
                let mut warnings = Vec::new();
                let stop = AtomicBool::new(false);
                let (summary, tables) =
                    run::run_with(&pipeline, &options, documents, &stop, &mut |line: &str| {
                        warnings.push(line.to_owned())
                    })?;
                Ok((summary, tables, warnings))
            },
        )
        .map_err(error)?;
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
    out.set_item("summary", totals)?;
    out.set_item("warnings", warnings)?;
    Ok(out)
}

/// Reads files or folders exactly as `elpipe run INPUT...` does and processes them.
#[pyfunction]
#[pyo3(signature = (paths, *, text_field, id_field, keep_fields, group_by, tables, threads,
    model, keep_duplicate_lines, tagging, workdir, period=None, context=None))]
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
        Analysis { period, context },
    )?;
    let read = ReadOptions {
        format: Format::Auto,
        text_field,
        id_field,
        keep_fields: request.keep_fields.clone(),
    };
    let (inputs, reading) = (paths.clone(), read.clone());
    let documents = move || elpipe::read::documents(&inputs, &reading);
    execute(py, request, paths, read, documents)
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
    threads, model, keep_duplicate_lines, tagging, workdir, period=None, context=None))]
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
        Analysis { period, context },
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
        analysis: AnalysisOptions::default(),
    };
    let pipeline = shipped(false).map_err(error)?;
    let stop = AtomicBool::new(false);
    let (_, tables) =
        run::run_with(&pipeline, &options, std::iter::empty, &stop, &mut |_| {}).map_err(error)?;
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
    let doc = py
        .detach(move || -> Result<elpipe::Document, elpipe::Error> {
            let pipeline = pipeline(model, true)?;
            Ok(pipeline.process(RawDocument {
                id: "0".into(),
                source: "text".into(),
                text,
                ..RawDocument::default()
            }))
        })
        .map_err(error)?;
    let tokens = PyList::empty(py);
    for t in &doc.tokens {
        tokens.append((
            t.sentence,
            t.start,
            t.end,
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
            e.start,
            e.end,
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
    let file_name = format!("{name}.{format}");
    let io = |source: std::io::Error| elpipe::Error::Io {
        path: folder.join(&file_name),
        source,
    };
    let columns = arrow_table::columns(&reader.schema()).map_err(|e| error(io(e)))?;
    let file = AtomicFile::create(&folder, &file_name).map_err(error)?;
    let batches = reader.map(|b| b.map_err(std::io::Error::other));
    match format {
        "csv" => {
            let mut file = file;
            let written = (|| -> std::io::Result<()> {
                let mut w = csv_writer(&mut file);
                w.begin(&columns)?;
                for batch in batches {
                    arrow_table::write_rows(&batch?, &columns, &mut w)?;
                }
                w.flush()
            })();
            match written {
                Ok(()) => file.commit().map_err(error),
                Err(e) => {
                    file.discard();
                    Err(error(io(e)))
                }
            }
        }
        "parquet" => {
            let mut table = ArrowTable::parquet(file);
            let written = (|| -> std::io::Result<()> {
                table.begin(&columns)?;
                for batch in batches {
                    arrow_table::write_rows(&batch?, &columns, &mut table)?;
                }
                Ok(())
            })();
            match written {
                Ok(()) => table.finish().map(|_| ()).map_err(error),
                Err(e) => {
                    table.discard();
                    Err(error(io(e)))
                }
            }
        }
        other => {
            file.discard();
            Err(ElpipeError::new_err(format!(
                "unknown table format `{other}` (csv or parquet)"
            )))
        }
    }
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
