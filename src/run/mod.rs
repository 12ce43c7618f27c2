//! The runner: reads documents in bounded batches, processes each batch across cores with
//! rayon, and writes the tables in input order, so the output is byte-identical whatever the
//! number of threads and memory is bounded by a batch, not by the corpus.

mod aggregate;
mod batch;
mod options;
mod writer;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::Instant;

use crate::output::{self as staging_output, Staging};
pub use crate::output::{ModelRecord, Provenance};
use crate::read;
use crate::tables::arrow::ArrowBatches;
use crate::tables::{self, AtomicFile, OutputFormat, Table, TableOutput};
use crate::{Error, Pipeline, RawDocument, Result};

pub(crate) use aggregate::{write_entity_tables, write_table};
use batch::{process_batch, read_batches, Processed, Unit, WORKER_TERMS};
pub use options::{
    field_warnings, preflight, preflight_partial, AnalysisOptions, RunOptions, RunSummary,
    DOCUMENT_WARNINGS_SHOWN,
};
use options::{group_index, preflight_checks};
use writer::{Outputs, Writer};

/// The tables of a run made with [`OutputFormat::Memory`], in the order of [`Table::KNOWN`].
pub type MemoryTables = Vec<(Table, ArrowBatches)>;

/// Commits a finished table, keeping it when it stays in memory.
pub(crate) fn commit(table: TableOutput, memory: &mut MemoryTables) -> Result<()> {
    let name = table.table();
    if let Some(batches) = table.commit()? {
        memory.push((name, batches));
    }
    Ok(())
}

/// File name of the mention spool, a temporary file in the output folder.
pub(crate) const SPOOL: &str = "mentions.spool";
/// File name of the concordance spool.
pub(crate) const CONCORDANCE_SPOOL: &str = "concordance.spool";

/// The error of a run stopped by its stop flag: none of its tables was written.
fn interrupted(options: &RunOptions) -> Error {
    Error::Interrupted {
        unwritten: (options.tables.iter())
            .flat_map(|t| options.output_format.file_names(*t))
            .collect(),
    }
}

/// How a run is driven, besides its options and its documents.
struct Job<'a> {
    pipeline: &'a Pipeline,
    /// Polled between batches: once set, the run stops and discards its files.
    stop: &'a AtomicBool,
    /// Input bytes read so far, for the progress bar; `None` when the documents do not come
    /// from the inputs' files.
    bytes_read: Option<Arc<AtomicU64>>,
    /// Write a partial result (`--partial`) instead of the corpus-wide tables.
    partial: bool,
}

/// Runs the pipeline over the inputs and writes the selected tables into `options.out`.
/// `stop` is polled between batches: once set, the run discards its partial files and
/// returns [`Error::Interrupted`]. `warn` receives one line per document that was not read or
/// processed cleanly, and one per duplicate id.
///
/// The tables are written into a staging folder beside `options.out` and moved into it only
/// when the run completes (see the `output` module): an interrupted or failed run leaves
/// `options.out` as it was. `run.json` records the run.
pub fn run(
    pipeline: &Pipeline,
    options: &RunOptions,
    stop: &AtomicBool,
    warn: &mut dyn FnMut(&str),
) -> Result<RunSummary> {
    let documents = read::documents(&options.inputs, &options.read);
    let bytes_read = Some(documents.bytes_read());
    let parts = documents.parts();
    let job = Job {
        pipeline,
        stop,
        bytes_read,
        partial: false,
    };
    run_source(&job, options, move || parts, warn).map(|(summary, _)| summary)
}

/// [`run`] writing a partial result (`elpipe run --partial`): the per-document tables and the
/// state of the corpus-wide ones, which [`merge`](crate::merge) combines with other partial
/// results into exactly the tables of one run over all their inputs (see `elpipe merge`).
/// With `origin`, the one input is a piece of a larger file (see [`LineOrigin`](crate::LineOrigin)).
pub fn run_partial(
    pipeline: &Pipeline,
    options: &RunOptions,
    origin: Option<&crate::partial::LineOrigin>,
    stop: &AtomicBool,
    warn: &mut dyn FnMut(&str),
) -> Result<RunSummary> {
    crate::partial::check_run_options(options, origin)?;
    let documents = read::documents(&options.inputs, &options.read);
    let bytes_read = Some(documents.bytes_read());
    let rename = origin.map(|o| o.renamer(&options.inputs[0]));
    let parts = documents.parts().map(move |part| match (&rename, part) {
        (Some(rename), read::Part::Document(doc)) => read::Part::Document(rename.apply(doc)),
        (Some(rename), read::Part::Segment { raw, last }) => read::Part::Segment {
            raw: rename.apply(raw),
            last,
        },
        (None, part) => part,
    });
    let source = move || parts;
    let job = Job {
        pipeline,
        stop,
        bytes_read,
        partial: true,
    };
    run_source(&job, options, source, warn).map(|(s, _)| s)
}

/// [`run`] over documents from any source (`documents` is called once, on the reading
/// thread; `options.inputs` are then only checked to exist). With
/// [`OutputFormat::Memory`] the tables come back as Arrow record batches and `options.out`
/// only holds the run's temporary files.
pub fn run_with<D, I>(
    pipeline: &Pipeline,
    options: &RunOptions,
    documents: D,
    stop: &AtomicBool,
    warn: &mut dyn FnMut(&str),
) -> Result<(RunSummary, MemoryTables)>
where
    D: FnOnce() -> I + Send,
    I: Iterator<Item = RawDocument>,
{
    let job = Job {
        pipeline,
        stop,
        bytes_read: None,
        partial: false,
    };
    run_source(&job, options, documents, warn)
}

/// [`run_with`], with a counter of the input bytes read so far for the progress bar.
/// Files go through a staging folder beside `options.out` (see [`crate::output`]); with
/// [`OutputFormat::Memory`] the run's temporary files go straight into `options.out`.
fn run_source<D, I>(
    job: &Job,
    options: &RunOptions,
    documents: D,
    warn: &mut dyn FnMut(&str),
) -> Result<(RunSummary, MemoryTables)>
where
    D: FnOnce() -> I + Send,
    I: Iterator,
    I::Item: Into<read::Part>,
{
    let started = std::time::SystemTime::now();
    preflight_checks(options, !job.partial)?;
    if options.output_format == OutputFormat::Memory {
        std::fs::create_dir_all(&options.out).map_err(|source| Error::Io {
            path: options.out.clone(),
            source,
        })?;
        let job = Job {
            partial: false,
            bytes_read: job.bytes_read.clone(),
            ..*job
        };
        return run_staged(&job, options, documents, warn);
    }
    let staging = Staging::create(&options.out)?;
    let staged = RunOptions {
        out: staging.path().to_owned(),
        ..options.clone()
    };
    let (mut summary, memory) = run_staged(job, &staged, documents, warn)?;
    if job.stop.load(Ordering::Relaxed) {
        return Err(interrupted(options));
    }
    let tables = staging.files()?;
    let mut record = run_record(options, &summary, &tables, started);
    if job.partial {
        record["partial"] = serde_json::Value::Bool(true);
    }
    staging_output::write_record(staging.path(), &record)?;
    let table_names: Vec<String> = (Table::KNOWN.iter())
        .flat_map(|t| [t.file_name(), t.parquet_file_name()])
        .chain(crate::partial::FILES.iter().map(|f| f.to_string()))
        .collect();
    summary.stale_removed = staging.commit(&table_names)?;
    Ok((summary, memory))
}

/// The contents of `run.json`.
pub(crate) fn run_record(
    options: &RunOptions,
    summary: &RunSummary,
    tables: &[String],
    started: std::time::SystemTime,
) -> serde_json::Value {
    let read = &options.read;
    let format = format!("{:?}", read.format).to_lowercase();
    let table_names: Vec<&str> = options.tables.iter().map(|t| t.name()).collect();
    serde_json::json!({
        "elpipe_version": env!("CARGO_PKG_VERSION"),
        "command": options.provenance.command,
        "inputs": staging_output::describe_inputs(&options.inputs),
        "options": {
            "format": format,
            "text_field": read.text_field,
            "id_field": read.id_field,
            "keep_fields": read.keep_fields,
            "encoding": read.encoding.map_or("utf-8", |e| e.name()),
            "delimiter": read.delimiter.map(|d| (d as char).to_string()),
            "max_record_size": read.max_record_size,
            "tables": table_names,
            "group_by": options.group_by,
            "keep_duplicate_lines": options.keep_duplicate_lines,
            "period": options.analysis.period.map(|p| format!("{p:?}").to_lowercase()),
            "context": options.analysis.context,
            "stopwords": options.provenance.stopwords.as_ref().map(|p| p.display().to_string()),
            "aliases": options.provenance.aliases.as_ref().map(|p| p.display().to_string()),
        },
        "model": options.provenance.model,
        "counts": {
            "documents": summary.documents,
            "ok": summary.ok(),
            "skipped": summary.skipped,
            "error": summary.errors,
            "duplicate_ids": summary.duplicate_ids,
            "tokens": summary.tokens,
            "entities": summary.entities,
            "bytes": summary.bytes,
        },
        "tables": tables,
        "started": staging_output::rfc3339(started),
        "finished": staging_output::rfc3339(std::time::SystemTime::now()),
        "seconds": summary.seconds,
        "exit_code": summary.exit_code(),
    })
}

/// [`run`] writing straight into `options.out`, which is the staging folder.
fn run_staged<D, I>(
    job: &Job,
    options: &RunOptions,
    documents: D,
    warn: &mut dyn FnMut(&str),
) -> Result<(RunSummary, MemoryTables)>
where
    D: FnOnce() -> I + Send,
    I: Iterator,
    I::Item: Into<read::Part>,
{
    let started = Instant::now();
    let mut memory = MemoryTables::new();
    let entity_tables = options.tables.iter().any(|t| t.needs_entities());
    let outputs = Outputs::open(options, entity_tables)?;
    let mut writer = Writer::new(options, group_index(options)?, outputs);
    let streamed = stream(job, options, documents, &mut writer, warn);
    let Writer {
        outputs,
        mut summary,
        terms,
        corpus,
        totals,
        undated,
        acronyms,
        ids,
        ..
    } = writer;
    if let Err(e) = streamed {
        outputs.discard();
        return Err(e);
    }
    if job.stop.load(Ordering::Relaxed) {
        outputs.discard();
        return Err(interrupted(options));
    }
    let warning = (options.group_by.as_deref()).and_then(|f| undated.warning(f, summary.documents));
    if let Some(warning) = warning {
        warn(&warning);
    }
    let Outputs {
        documents,
        tokens,
        spool,
        concordance,
    } = outputs;
    for table in [documents, tokens].into_iter().flatten() {
        commit(table, &mut memory)?;
    }
    if job.partial {
        for file in [spool, concordance].into_iter().flatten() {
            file.commit()?;
        }
        let state = crate::partial::RunState {
            corpus,
            acronyms,
            totals,
            undated,
            terms,
            ids: ids.into_sorted(),
        };
        summary.seconds = started.elapsed().as_secs_f64();
        crate::partial::write_run_state(options, &summary, state)?;
        return Ok((summary, memory));
    }
    if let Some(spool) = spool {
        let spools = [SPOOL, CONCORDANCE_SPOOL];
        let result = spool
            .commit()
            .and_then(|()| concordance.map_or(Ok(()), AtomicFile::commit))
            .and_then(|()| write_entity_tables(options, corpus, acronyms, &totals, &mut memory));
        for name in spools {
            let _ = std::fs::remove_file(options.out.join(name));
            let _ = std::fs::remove_file(tables::temp_path(&options.out, name));
        }
        result?;
    }
    if options.tables.contains(&Table::Terms) {
        let words = totals.corpus().words;
        write_table(options, Table::Terms, &mut memory, |w| {
            terms.write(words, w)
        })?;
    }
    memory.sort_by_key(|(table, _)| Table::KNOWN.iter().position(|t| t == table));
    summary.seconds = started.elapsed().as_secs_f64();
    Ok((summary, memory))
}

/// Reads on one thread, processes batches on the pool, writes in input order.
fn stream<D, I>(
    job: &Job,
    options: &RunOptions,
    documents: D,
    writer: &mut Writer,
    warn: &mut dyn FnMut(&str),
) -> Result<()>
where
    D: FnOnce() -> I + Send,
    I: Iterator,
    I::Item: Into<read::Part>,
{
    let Job {
        pipeline,
        stop,
        ref bytes_read,
        ..
    } = *job;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let total_bytes = staging_output::describe_inputs(&options.inputs)
        .iter()
        .map(|input| input.size)
        .sum();
    let mut progress = crate::progress::Progress::new(options.progress, total_bytes);
    let count_terms = options.tables.contains(&Table::Terms);
    // Three stages overlap: the reader thread fills batches, the processing thread runs each on
    // the pool, and this thread writes the previous batch meanwhile.
    let group_index = writer.group_index;
    let result = std::thread::scope(|scope| -> Result<()> {
        let (sender, batches) = sync_channel::<Vec<Unit>>(1);
        scope.spawn(move || read_batches(documents().map(Into::into), stop, sender));
        // A rendezvous: a processed batch (several times its text in tokens and strings) waits
        // in the processing thread until this thread takes it, so that at most two are alive
        // while the writer is the slower stage.
        let (done_sender, done) = sync_channel::<Vec<Processed>>(0);
        let pool = &pool;
        scope.spawn(move || {
            for batch in batches {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let processed = pool
                    .install(|| process_batch(pipeline, options, group_index, batch, count_terms));
                if done_sender.send(processed).is_err() {
                    break;
                }
            }
        });
        for processed in done {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            for p in processed {
                writer.write(p, warn)?;
            }
            let bytes = bytes_read.as_ref().map_or(0, |b| b.load(Ordering::Relaxed));
            progress.update(bytes, writer.summary.documents);
        }
        Ok(())
    });
    progress.finish();
    // Merge into the largest set of counts, so that no second copy of it is built.
    let mut parts = pool.broadcast(|_| WORKER_TERMS.with(|t| t.take()));
    parts.push(std::mem::take(&mut writer.terms));
    parts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut parts = parts.into_iter();
    writer.terms = parts.next().unwrap_or_default();
    for part in parts {
        writer.terms.merge(part);
    }
    result
}
