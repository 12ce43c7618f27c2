//! The runner: reads documents in bounded batches, processes each batch across cores with
//! rayon, and writes the tables in input order, so the output is byte-identical whatever the
//! number of threads and memory is bounded by a batch, not by the corpus.

use std::cell::RefCell;
use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::acronyms::{self, AcronymCollector, Aliases, Definition, Resolver};
use crate::canonical::CorpusCanonicalizer;
use crate::output::{self as staging_output, Staging};
pub use crate::output::{ModelRecord, Provenance};
use crate::period::{Period, Undated};
use crate::read::{self, ReadOptions};
use crate::tables::arrow::ArrowBatches;
use crate::tables::cooccurrences::Cooccurrences;
use crate::tables::documents::DocumentCounts;
use crate::tables::entities::{self, Mention, TypeVotes};
use crate::tables::frequencies::EntityFrequencies;
use crate::tables::terms::TermCounts;
use crate::tables::totals::GroupTotals;
use crate::tables::{
    self, csv_buffer, csv_error, AtomicFile, OutputFormat, RowSink, Table, TableOutput,
};
use crate::{Document, Error, Pipeline, RawDocument, Result, Status, TokenKind};

/// A batch closes at this many documents or this much text, whichever comes first.
const BATCH_DOCUMENTS: usize = 512;
const BATCH_BYTES: usize = 4 << 20;
/// A batch holding segments of a long document closes at this much text: a segment is rendered
/// by the writer, so it stays in memory with all its tokens (about 25 times its text) until
/// written; 1 MB is two segments of the default size, enough to keep two cores busy.
const SEGMENT_BATCH_BYTES: usize = 1 << 20;
/// Lines of a long document remembered to recognise repeated ones (8-byte hashes, about 19 MB
/// at most): past this many distinct lines, new lines are checked but no longer remembered.
const REMEMBERED_LINES: usize = 1 << 20;

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
    /// CSV, Parquet, both, or Arrow batches in memory (see [`run_with`]).
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
}

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
        Ok(())
    }
}

/// A document, or a segment of a long one, as the reader thread hands it to the workers.
struct Unit {
    info: UnitInfo,
    raw: RawDocument,
}

/// Rows rendered for one document or segment.
#[derive(Default)]
struct Rows {
    tokens: Vec<u8>,
    mentions: Vec<u8>,
    mention_count: usize,
    /// Concordance rows, spooled like the mentions.
    concordance: Vec<u8>,
    /// The document's group (its period with `--period`), empty without `--group-by`.
    group: String,
    /// Tokens of kind `word`.
    words: u64,
    /// Acronyms the document defines.
    acronyms: Vec<Definition>,
}

/// A processed unit: whole documents come back rendered from the worker; segments of long
/// documents are rendered by the writer, which alone knows how many sentences and tokens the
/// earlier segments had.
struct Processed {
    unit: UnitInfo,
    doc: Document,
    rows: Option<Rows>,
    token_count: usize,
}

/// Where a unit sits in its document.
#[derive(Clone, Copy)]
struct UnitInfo {
    doc_index: u64,
    /// Where the segment starts in the whole document, in code points.
    char_base: usize,
    /// Whether this unit is a whole document (the common case) or one segment of a long one.
    whole: bool,
    /// Whether this is the document's last segment.
    last: bool,
}

/// Running totals of a long document whose segments are being written.
#[derive(Default)]
struct OpenDocument {
    header: Document,
    chars: usize,
    sentences: usize,
    tokens: usize,
    mentions: usize,
    /// The lines of the segments written so far, to flag mentions on repeated lines across
    /// segments as the pipeline does within one document.
    lines: SeenLines,
}

/// The distinct lines seen so far in a document (hashes of their trimmed text, at most
/// [`REMEMBERED_LINES`]), and whether the previous segment ended inside a line.
#[derive(Default)]
struct SeenLines {
    hashes: rustc_hash::FxHashSet<u64>,
    inside_line: bool,
}

impl SeenLines {
    /// Flags the mentions of a segment that sit on a line seen earlier in the document (in this
    /// segment or an earlier one), exactly as [`Pipeline::process`] does for a whole document,
    /// and remembers the segment's lines. A line cut by a segment boundary (only a line longer
    /// than half a segment is) is never taken for a repeat.
    fn mark_repeats(&mut self, doc: &mut Document, last: bool) {
        let text = doc.text.as_str();
        let mut repeated: Vec<Range<usize>> = Vec::new();
        let mut start = 0;
        let mut lines = text.split_inclusive('\n').peekable();
        let mut continued = std::mem::take(&mut self.inside_line);
        while let Some(line) = lines.next() {
            let cut = !line.ends_with('\n') && !last && lines.peek().is_none();
            let content = line.trim();
            if !continued && !cut && !content.is_empty() {
                let hash = line_hash(content);
                if self.hashes.contains(&hash) {
                    repeated.push(start..start + line.len());
                } else if self.hashes.len() < REMEMBERED_LINES {
                    self.hashes.insert(hash);
                }
            }
            continued = false;
            self.inside_line = cut;
            start += line.len();
        }
        for entity in &mut doc.entities {
            let at = doc
                .tokens
                .get(entity.token_start)
                .map_or(0, |t| t.byte_span.start);
            entity.duplicate_line = repeated.iter().any(|r| r.contains(&at));
        }
    }
}

/// A 64-bit hash of a line's text, the same in every run.
fn line_hash(line: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(line)
}

/// The open output files of a run.
struct Outputs {
    documents: Option<TableOutput>,
    tokens: Option<TableOutput>,
    spool: Option<AtomicFile>,
    concordance: Option<AtomicFile>,
}

impl Outputs {
    fn discard(self) {
        for table in [self.documents, self.tokens].into_iter().flatten() {
            table.discard();
        }
        for file in [self.spool, self.concordance].into_iter().flatten() {
            file.discard();
        }
    }
}

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

/// Runs the pipeline over the inputs and writes the selected tables into `options.out`.
/// `stop` is polled between batches: once set, the run discards its partial files and
/// returns [`Error::Interrupted`]. `warn` receives one line per document that was not read or
/// processed cleanly, and one per duplicate id.
///
/// The tables are written into a staging folder beside `options.out` and moved into it only
/// when the run completes (see [`crate::output`]): an interrupted or failed run leaves
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
    run_source(
        pipeline,
        options,
        move || parts,
        bytes_read,
        false,
        stop,
        warn,
    )
    .map(|(summary, _)| summary)
}

/// [`run`] writing a partial result (`elpipe run --partial`): the per-document tables and the
/// state of the corpus-wide ones, which [`crate::partial::merge`] combines with other partial
/// results into exactly the tables of one run over all their inputs (see [`crate::partial`]).
/// With `origin`, the one input is a piece of a larger file (see [`crate::partial::LineOrigin`]).
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
    run_source(pipeline, options, source, bytes_read, true, stop, warn).map(|(s, _)| s)
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
    run_source(pipeline, options, documents, None, false, stop, warn)
}

/// [`run_with`], with a counter of the input bytes read so far for the progress bar.
/// Files go through a staging folder beside `options.out` (see [`crate::output`]); with
/// [`OutputFormat::Memory`] the run's temporary files go straight into `options.out`.
fn run_source<D, I>(
    pipeline: &Pipeline,
    options: &RunOptions,
    documents: D,
    bytes_read: Option<Arc<AtomicU64>>,
    partial: bool,
    stop: &AtomicBool,
    warn: &mut dyn FnMut(&str),
) -> Result<(RunSummary, MemoryTables)>
where
    D: FnOnce() -> I + Send,
    I: Iterator,
    I::Item: Into<read::Part>,
{
    let started = std::time::SystemTime::now();
    preflight_checks(options, !partial)?;
    if options.output_format == OutputFormat::Memory {
        std::fs::create_dir_all(&options.out).map_err(|source| Error::Io {
            path: options.out.clone(),
            source,
        })?;
        return run_staged(pipeline, options, documents, bytes_read, false, stop, warn);
    }
    let staging = Staging::create(&options.out)?;
    let staged = RunOptions {
        out: staging.path().to_owned(),
        ..options.clone()
    };
    let (mut summary, memory) = run_staged(
        pipeline, &staged, documents, bytes_read, partial, stop, warn,
    )?;
    if stop.load(Ordering::Relaxed) {
        return Err(Error::Interrupted {
            unwritten: (options.tables.iter())
                .flat_map(|t| options.output_format.file_names(*t))
                .collect(),
        });
    }
    let tables = staging.files()?;
    let mut record = run_record(options, &summary, &tables, started);
    if partial {
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
    pipeline: &Pipeline,
    options: &RunOptions,
    documents: D,
    bytes_read: Option<Arc<AtomicU64>>,
    partial: bool,
    stop: &AtomicBool,
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
    let mut outputs = Outputs {
        documents: None,
        tokens: None,
        spool: None,
        concordance: None,
    };
    if let Err(e) = open_outputs(options, entity_tables, &mut outputs) {
        outputs.discard();
        return Err(e);
    }
    let mut writer = Writer {
        options,
        group_index: group_index(options)?,
        outputs,
        summary: RunSummary::default(),
        terms: TermCounts::default(),
        corpus: CorpusCanonicalizer::default(),
        open: None,
        ids: SeenIds::default(),
        totals: GroupTotals::default(),
        undated: Undated::default(),
        acronyms: AcronymCollector::default(),
    };
    let streamed = stream(
        pipeline,
        options,
        documents,
        bytes_read,
        stop,
        &mut writer,
        warn,
    );
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
    if stop.load(Ordering::Relaxed) {
        outputs.discard();
        return Err(Error::Interrupted {
            unwritten: (options.tables.iter())
                .flat_map(|t| options.output_format.file_names(*t))
                .collect(),
        });
    }
    if let Some(warning) = options.group_by.as_deref().and_then(|f| undated.warning(f)) {
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
    if partial {
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
    pipeline: &Pipeline,
    options: &RunOptions,
    documents: D,
    bytes_read: Option<Arc<AtomicU64>>,
    stop: &AtomicBool,
    writer: &mut Writer,
    warn: &mut dyn FnMut(&str),
) -> Result<()>
where
    D: FnOnce() -> I + Send,
    I: Iterator,
    I::Item: Into<read::Part>,
{
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
        let (done_sender, done) = sync_channel::<Vec<Processed>>(1);
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

/// The reader thread: documents in input order, long ones cut into segments (or streamed in
/// segments by the reader), in batches.
fn read_batches(
    parts: impl Iterator<Item = read::Part>,
    stop: &AtomicBool,
    sender: SyncSender<Vec<Unit>>,
) {
    let segment_bytes = read::segment_bytes();
    let mut batch = Vec::new();
    let mut bytes = 0;
    let mut limit = BATCH_BYTES;
    let mut send = |unit: Unit, batch: &mut Vec<Unit>| -> bool {
        bytes += unit.raw.text.len();
        if !unit.info.whole {
            limit = SEGMENT_BATCH_BYTES;
        }
        batch.push(unit);
        if batch.len() < BATCH_DOCUMENTS && bytes < limit {
            return true;
        }
        bytes = 0;
        limit = BATCH_BYTES;
        !stop.load(Ordering::Relaxed) && sender.send(std::mem::take(batch)).is_ok()
    };
    let mut next_index: u64 = 0;
    // The document being streamed in segments: its index and the code points before the next.
    let mut streamed: Option<(u64, usize)> = None;
    for part in parts {
        let raw = match part {
            read::Part::Document(raw) => raw,
            read::Part::Segment { raw, last } => {
                let (doc_index, char_base) = streamed.get_or_insert_with(|| {
                    next_index += 1;
                    (next_index - 1, 0)
                });
                let info = UnitInfo {
                    doc_index: *doc_index,
                    char_base: *char_base,
                    whole: false,
                    last,
                };
                *char_base += raw.text.chars().count();
                if last {
                    streamed = None;
                }
                if !send(Unit { info, raw }, &mut batch) {
                    return;
                }
                continue;
            }
        };
        let doc_index = next_index;
        next_index += 1;
        if raw.text.len() <= segment_bytes || raw.pretokenized.is_some() {
            let unit = Unit {
                info: UnitInfo {
                    doc_index,
                    char_base: 0,
                    whole: true,
                    last: true,
                },
                raw,
            };
            if !send(unit, &mut batch) {
                return;
            }
            continue;
        }
        let ranges = segment_ranges(&raw.text, segment_bytes);
        let mut char_base = 0;
        for (i, range) in ranges.iter().enumerate() {
            let text = raw.text[range.clone()].to_owned();
            let chars = text.chars().count();
            let unit = Unit {
                info: UnitInfo {
                    doc_index,
                    char_base,
                    whole: false,
                    last: i + 1 == ranges.len(),
                },
                raw: RawDocument {
                    id: raw.id.clone(),
                    source: raw.source.clone(),
                    text,
                    metadata: raw.metadata.clone(),
                    pretokenized: None,
                    status: raw.status,
                    message: if i == 0 {
                        raw.message.clone()
                    } else {
                        String::new()
                    },
                },
            };
            char_base += chars;
            if !send(unit, &mut batch) {
                return;
            }
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(batch);
    }
}

/// Cuts a long text into pieces of at most about `max` bytes, preferring paragraph breaks,
/// then line breaks, then spaces, so that sentences and words stay whole where the text allows.
fn segment_ranges(text: &str, max: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        if limit == start {
            // `max` is smaller than one character: take the character whole.
            limit += text[start..].chars().next().map_or(1, char::len_utf8);
        }
        let mut low = (start + max / 2).min(limit);
        while !text.is_char_boundary(low) {
            low += 1;
        }
        let window = &text[low..limit];
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).map(|i| low + i + sep.len()))
            .unwrap_or(limit);
        ranges.push(start..cut);
        start = cut;
    }
    ranges.push(start..text.len());
    ranges
}

thread_local! {
    /// Term counts of the whole documents a worker thread processed, gathered once at the end
    /// of the run: merging per batch would cost a pass over the batch vocabulary every time.
    static WORKER_TERMS: RefCell<TermCounts> = RefCell::new(TermCounts::default());
}

/// Processes one batch in parallel; results come back in input order.
fn process_batch(
    pipeline: &Pipeline,
    options: &RunOptions,
    group_index: Option<usize>,
    batch: Vec<Unit>,
    count_terms: bool,
) -> Vec<Processed> {
    batch
        .into_par_iter()
        .map(|unit| {
            let info = unit.info;
            let mut doc = pipeline.process(unit.raw);
            let token_count = doc.tokens.len();
            let mut rows = None;
            if info.whole {
                if count_terms {
                    WORKER_TERMS.with(|t| t.borrow_mut().add_document(&doc, info.doc_index));
                }
                rows = Some(render(&mut doc, info, group_index, options, 0));
                if !arrow_tokens(options) {
                    doc.tokens = Vec::new();
                }
            }
            Processed {
                unit: info,
                doc,
                rows,
                token_count,
            }
        })
        .collect()
}

/// Renders the token rows and spools the counted mentions of a document or segment whose
/// sentences and tokens are already numbered within the whole document.
fn render(
    doc: &mut Document,
    unit: UnitInfo,
    group_index: Option<usize>,
    options: &RunOptions,
    first_token: usize,
) -> Rows {
    let doc_index = unit.doc_index;
    let mut rows = Rows::default();
    let value = group_index
        .and_then(|i| doc.metadata.get(i))
        .map_or("", String::as_str);
    rows.group = match options.analysis.period {
        Some(period) => period.bucket(value).unwrap_or_default(),
        None => value.to_owned(),
    };
    rows.words = doc
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count() as u64;
    if options.tables.contains(&Table::Concordance) {
        let mut w = csv_buffer();
        let context = options.analysis.context;
        let keep = options.keep_duplicate_lines;
        let spooled = tables::concordance::spool(doc, context, keep, &mut w)
            .map_err(|e| e.to_string())
            .and_then(|()| buffer_bytes(w).map_err(|e| e.to_string()));
        match spooled {
            Ok(bytes) => rows.concordance = bytes,
            Err(e) => fail(doc, &format!("cannot record the concordance: {e}")),
        }
    }
    if options.tables.iter().any(|t| t.needs_entities()) {
        rows.acronyms = acronyms::definitions(doc);
        let group = rows.group.as_str();
        let mut w = csv_buffer();
        let spooled = entities::spool(doc, doc_index, group, options.keep_duplicate_lines, &mut w)
            .map_err(|e| e.to_string())
            .and_then(|n| Ok((n, buffer_bytes(w).map_err(|e| e.to_string())?)));
        match spooled {
            Ok((n, bytes)) => {
                rows.mention_count = n;
                rows.mentions = bytes;
            }
            Err(e) => fail(doc, &format!("cannot record entities: {e}")),
        }
    } else {
        rows.mention_count = doc
            .entities
            .iter()
            .filter(|e| options.keep_duplicate_lines || !e.duplicate_line)
            .count();
    }
    if options.tables.contains(&Table::Tokens) && options.output_format.csv() {
        let mut w = csv_buffer();
        let rendered = tables::tokens::render(doc, first_token, &mut w)
            .map_err(|e| e.to_string())
            .and_then(|()| buffer_bytes(w).map_err(|e| e.to_string()));
        match rendered {
            Ok(bytes) => rows.tokens = bytes,
            Err(e) => fail(doc, &format!("cannot render tokens: {e}")),
        }
    }
    rows
}

/// Whether the token rows go to Arrow, which the writer thread fills from the tokens
/// themselves (CSV rows are rendered by the workers).
fn arrow_tokens(options: &RunOptions) -> bool {
    options.tables.contains(&Table::Tokens) && options.output_format != OutputFormat::Csv
}

fn fail(doc: &mut Document, message: &str) {
    doc.status = Status::Error;
    doc.message = message.to_owned();
}

/// The single-threaded end of the run: writes rows in input order and feeds the corpus-wide
/// aggregates.
struct Writer<'a> {
    options: &'a RunOptions,
    group_index: Option<usize>,
    outputs: Outputs,
    summary: RunSummary,
    terms: TermCounts,
    corpus: CorpusCanonicalizer,
    open: Option<OpenDocument>,
    ids: SeenIds,
    /// Documents and words per group.
    totals: GroupTotals,
    /// Documents whose `--group-by` date could not be read (with `--period`).
    undated: Undated,
    /// Acronyms defined in the documents.
    acronyms: AcronymCollector,
}

/// The id of every document written so far, with its source, to report duplicates.
#[derive(Default)]
pub(crate) struct SeenIds {
    first_source: rustc_hash::FxHashMap<Box<str>, Box<str>>,
    reported: rustc_hash::FxHashSet<Box<str>>,
}

impl SeenIds {
    /// Records a document; returns the warning when its id was seen before, once per id.
    fn check(&mut self, id: &str, source: &str) -> Option<String> {
        let Some(first) = self.first_source.get(id) else {
            self.first_source.insert(id.into(), source.into());
            return None;
        };
        if self.reported.contains(id) {
            return None;
        }
        self.reported.insert(id.into());
        Some(format!(
            "duplicate id `{id}`: {first} and {source} (joins on doc_id will mix them)"
        ))
    }

    /// Every id seen: `(id, source of its first document, whether it was seen again)`,
    /// sorted by id (the state a partial result keeps to find duplicates across parts).
    pub(crate) fn into_sorted(self) -> Vec<(Box<str>, Box<str>, bool)> {
        let reported = self.reported;
        let mut ids: Vec<_> = (self.first_source.into_iter())
            .map(|(id, source)| {
                let again = reported.contains(&id);
                (id, source, again)
            })
            .collect();
        ids.sort_unstable();
        ids
    }
}

impl Writer<'_> {
    fn write(&mut self, p: Processed, warn: &mut dyn FnMut(&str)) -> Result<()> {
        let Processed {
            unit,
            mut doc,
            rows,
            token_count,
        } = p;
        let (mut rows, first_token) = match rows {
            Some(rows) => (rows, 0),
            None => {
                let first = self.open.as_ref().map_or(0, |open| open.tokens);
                (self.render_segment(&mut doc, unit, token_count), first)
            }
        };
        if let Some(table) = &mut self.outputs.tokens {
            table.write_csv_rows(&rows.tokens)?;
            if let Some(arrow) = table.arrow() {
                let written = tables::tokens::render(&doc, first_token, arrow);
                written.map_err(|e| table.error(e))?;
            }
        }
        if let Some(f) = &mut self.outputs.spool {
            f.write_all(&rows.mentions)?;
            self.corpus.observe(&doc);
            self.acronyms.add(std::mem::take(&mut rows.acronyms));
        }
        if let Some(f) = &mut self.outputs.concordance {
            f.write_all(&rows.concordance)?;
        }
        self.totals.add_words(&rows.group, rows.words);
        self.summary.bytes += doc.text.len();
        self.summary.tokens += token_count;
        self.summary.entities += rows.mention_count;
        self.summary.stem_fallbacks += doc.stem_fallbacks;
        if !unit.last {
            return Ok(());
        }
        self.count_document(&doc, &rows.group);
        let counts = match self.open.take() {
            Some(open) => {
                doc = open.header;
                if doc.status == Status::Skipped {
                    doc.message = "empty document".into();
                }
                DocumentCounts {
                    chars: open.chars,
                    sentences: open.sentences,
                    tokens: open.tokens,
                    entities: open.mentions,
                }
            }
            None => DocumentCounts {
                chars: doc.text.chars().count(),
                sentences: doc.sentences,
                tokens: token_count,
                entities: rows.mention_count,
            },
        };
        self.finish_document(&doc, &counts, warn)
    }

    /// Numbers a segment's sentences and offsets within its document, renders it, and adds it
    /// to the document's totals.
    fn render_segment(&mut self, doc: &mut Document, unit: UnitInfo, tokens: usize) -> Rows {
        let open = self.open.get_or_insert_with(|| OpenDocument {
            header: Document {
                id: doc.id.clone(),
                source: doc.source.clone(),
                metadata: doc.metadata.clone(),
                language: doc.language.clone(),
                status: Status::Skipped,
                ..Document::default()
            },
            ..OpenDocument::default()
        });
        open.lines.mark_repeats(doc, unit.last);
        let sentence_base = open.sentences as u32;
        for t in &mut doc.tokens {
            t.sentence += sentence_base;
            t.char_start += unit.char_base;
            t.char_end += unit.char_base;
        }
        for e in &mut doc.entities {
            e.sentence += sentence_base;
            e.char_start += unit.char_base;
            e.char_end += unit.char_base;
        }
        if self.options.tables.contains(&Table::Terms) {
            self.terms.add_document(doc, unit.doc_index);
        }
        let first_token = open.tokens;
        let rows = render(doc, unit, self.group_index, self.options, first_token);
        let open = self.open.as_mut().expect("opened above");
        // The document is `ok` when a segment is, `error` when one is, else skipped as empty;
        // its message is the last one a segment carries (a streamed document's decoding note
        // comes with its last segment).
        if doc.status == Status::Ok {
            if open.header.status != Status::Error {
                open.header.status = Status::Ok;
            }
            if open.header.language.code.is_empty() {
                open.header.language = doc.language.clone();
            }
            if !doc.message.is_empty() {
                open.header.message = doc.message.clone();
            }
        } else if doc.status == Status::Error {
            open.header.status = Status::Error;
            open.header.message = doc.message.clone();
        }
        open.chars += doc.text.chars().count();
        open.sentences += doc.sentences;
        open.tokens += tokens;
        open.mentions += rows.mention_count;
        if !arrow_tokens(self.options) {
            doc.tokens = Vec::new();
        }
        rows
    }

    /// Counts a finished document in its group's totals, and among the undated ones when its
    /// date could not be read. `doc` is its last unit (a segment's header carries the status
    /// only once the document is finished, so the status is taken from the open document).
    fn count_document(&mut self, doc: &Document, group: &str) {
        let status = self.open.as_ref().map_or(doc.status, |o| o.header.status);
        if status != Status::Skipped {
            self.totals.add_document(group);
        }
        if self.options.analysis.period.is_some() && group.is_empty() {
            let value = self
                .group_index
                .and_then(|i| doc.metadata.get(i))
                .map_or("", String::as_str);
            self.undated.add(value);
        }
    }

    fn finish_document(
        &mut self,
        doc: &Document,
        counts: &DocumentCounts,
        warn: &mut dyn FnMut(&str),
    ) -> Result<()> {
        if let Some(table) = &mut self.outputs.documents {
            tables::documents::render(doc, counts, table).map_err(|e| table.error(e))?;
        }
        if let Some(duplicate) = self.ids.check(&doc.id, &doc.source) {
            self.summary.duplicate_ids += 1;
            warn(&duplicate);
        }
        let summary = &mut self.summary;
        summary.documents += 1;
        match doc.status {
            Status::Ok => {}
            Status::Skipped => summary.skipped += 1,
            Status::Error => summary.errors += 1,
        }
        if !doc.message.is_empty() {
            // Messages name their file and line already; say the location once.
            let detail = doc
                .message
                .strip_prefix(doc.source.as_str())
                .and_then(|rest| rest.strip_prefix(": "))
                .unwrap_or(&doc.message);
            warn(&format!(
                "{}: {}: {}",
                doc.source,
                doc.status.as_str(),
                detail
            ));
        }
        Ok(())
    }
}

/// Reads the spooled mentions once, resolves their corpus-wide canonical names, and writes
/// `entities.csv`, `entity_frequencies.csv` and `cooccurrences.csv`.
pub(crate) fn write_entity_tables(
    options: &RunOptions,
    corpus: CorpusCanonicalizer,
    acronyms: AcronymCollector,
    totals: &GroupTotals,
    memory: &mut MemoryTables,
) -> Result<()> {
    let spool = &options.out.join(SPOOL);
    let names = corpus.finish();
    let acronyms = acronyms.finish(&names);
    let names = Resolver {
        names,
        acronyms,
        aliases: &options.analysis.aliases,
    };
    let wants = |t: Table| options.tables.contains(&t);
    let open = |path: &Path| {
        File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    };
    let read_spool = || -> Result<csv::Reader<BufReader<File>>> {
        Ok(csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(BufReader::new(open(spool)?)))
    };
    // First pass: the type of each canonical entity, by majority over its mentions.
    // First pass: the type of each canonical entity, by majority over its mentions, and the
    // pairs of entities that share a sentence.
    let mut types = TypeVotes::default();
    let mut cooccurrences = Cooccurrences::default();
    for row in read_spool()?.deserialize::<Mention>() {
        let m = row.map_err(|e| csv_error(spool, e))?;
        let canonical = names.resolve(&m.label, &m.canonical);
        types.add(canonical, &m.label, &m.text);
        if wants(Table::Cooccurrences) {
            cooccurrences.add_sentence_mention(m.doc_index, m.sentence, canonical);
        }
    }
    let mut reader = read_spool()?;
    let mut frequencies = EntityFrequencies::default();
    let mut entities_table = match wants(Table::Entities) {
        true => {
            let mut table =
                TableOutput::create(&options.out, Table::Entities, options.output_format)?;
            if let Err(e) = table.begin(&entities::columns()) {
                let error = table.error(e);
                table.discard();
                return Err(error);
            }
            Some(table)
        }
        false => None,
    };
    let mut each_mention = || -> Result<()> {
        for row in reader.deserialize::<Mention>() {
            let m = row.map_err(|e| csv_error(spool, e))?;
            let canonical = names.resolve(&m.label, &m.canonical);
            let label = types.winner(canonical, &m.label);
            if let Some(table) = &mut entities_table {
                entities::write_row(&m, canonical, label, table).map_err(|e| table.error(e))?;
            }
            frequencies.add(&m.group, canonical, label, &m.text, m.doc_index);
            if wants(Table::Cooccurrences) {
                cooccurrences.add_document_mention(m.doc_index, canonical);
            }
        }
        Ok(())
    };
    let written = each_mention();
    if let Some(table) = entities_table {
        match written {
            Ok(()) => commit(table, memory)?,
            Err(e) => {
                table.discard();
                return Err(e);
            }
        }
    }
    written?;
    if wants(Table::EntityFrequencies) {
        write_table(options, Table::EntityFrequencies, memory, |w| {
            frequencies.write(options.group_by.as_deref(), totals, w)
        })?;
    }
    if let (true, Some(field)) = (wants(Table::EntityKeyness), &options.group_by) {
        write_table(options, Table::EntityKeyness, memory, |w| {
            tables::keyness::write(&frequencies, totals, field, w)
        })?;
    }
    if wants(Table::Concordance) {
        let resolve = |label: &str, canonical: &str| {
            let canonical = names.resolve(label, canonical);
            (
                canonical.to_owned(),
                types.winner(canonical, label).to_owned(),
            )
        };
        let spool = options.out.join(CONCORDANCE_SPOOL);
        let keep_fields = &options.read.keep_fields;
        write_table(options, Table::Concordance, memory, |w| {
            tables::concordance::write(&spool, keep_fields, &resolve, w)
        })?;
    }
    if wants(Table::Cooccurrences) {
        let type_of = |name: &str| types.winner(name, "").to_owned();
        write_table(options, Table::Cooccurrences, memory, |w| {
            cooccurrences.write(&type_of, w)
        })?;
    }
    Ok(())
}

/// Writes one aggregate table atomically, in the run's output format.
pub(crate) fn write_table(
    options: &RunOptions,
    table: Table,
    memory: &mut MemoryTables,
    write: impl FnOnce(&mut TableOutput) -> std::io::Result<()>,
) -> Result<()> {
    let mut output = TableOutput::create(&options.out, table, options.output_format)?;
    if let Err(e) = write(&mut output) {
        let error = output.error(e);
        output.discard();
        return Err(error);
    }
    commit(output, memory)
}

/// Opens the streamed tables and writes their headers.
fn open_outputs(options: &RunOptions, entity_tables: bool, outputs: &mut Outputs) -> Result<()> {
    let wants = |t: Table| options.tables.contains(&t);
    let open = |table: Table, columns: &[tables::Column]| -> Result<TableOutput> {
        let mut output = TableOutput::create(&options.out, table, options.output_format)?;
        if let Err(e) = output.begin(columns) {
            let error = output.error(e);
            output.discard();
            return Err(error);
        }
        Ok(output)
    };
    if wants(Table::Documents) {
        let columns = tables::documents::columns(&options.read.keep_fields);
        outputs.documents = Some(open(Table::Documents, &columns)?);
    }
    if wants(Table::Tokens) {
        outputs.tokens = Some(open(Table::Tokens, &tables::tokens::columns())?);
    }
    if entity_tables {
        outputs.spool = Some(AtomicFile::create(&options.out, SPOOL)?);
    }
    if wants(Table::Concordance) {
        outputs.concordance = Some(AtomicFile::create(&options.out, CONCORDANCE_SPOOL)?);
    }
    Ok(())
}

/// The bytes a CSV writer rendered into memory; a failure of its final flush is an error, not
/// an empty buffer.
fn buffer_bytes(w: csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    w.into_inner().map_err(|e| e.into_error())
}

/// The checks that fail fast, before anything is read: inputs exist, options agree, and the
/// output folder is writable. [`run`] makes them itself; a caller may make them first to tell
/// usage errors from failures during the run.
///
/// `--group-by` is checked against the fields of the first records (see
/// [`read::survey_fields`]): a field no surveyed record has is an error naming the fields
/// found. Nothing is written: `options.out` is only checked to be creatable and writable.
pub fn preflight(options: &RunOptions) -> Result<()> {
    preflight_checks(options, true)
}

/// [`preflight`] for a partial run (`--partial`): a part need not have the `--group-by` field
/// in its first records (a piece of unreadable lines has none; other parts have it).
pub fn preflight_partial(options: &RunOptions) -> Result<()> {
    preflight_checks(options, false)
}

fn preflight_checks(options: &RunOptions, survey_group_by: bool) -> Result<()> {
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
        if survey.decides() && !survey.fields.contains(field) {
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
/// records has (see [`read::survey_fields`]), and a `--text-field` none of them has.
pub fn field_warnings(options: &RunOptions) -> Vec<String> {
    let read = &options.read;
    if read.keep_fields.is_empty() && read.format == read::Format::Conll {
        return Vec::new();
    }
    let survey = read::survey_fields(&options.inputs, read);
    if !survey.decides() || survey.records == 0 {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    let group = options.group_by.as_deref();
    for field in &read.keep_fields {
        if !survey.fields.contains(field) && Some(field.as_str()) != group {
            warnings.push(format!(
                "--keep-fields {field}: no document has a field `{field}`; its column stays \
                 empty (fields found in the first records: {})",
                survey.field_list()
            ));
        }
    }
    if !survey.fields.contains(&read.text_field) {
        warnings.push(format!(
            "no document has the text field `{}` (fields found in the first records: {}); \
             name it with --text-field NAME",
            read.text_field,
            survey.field_list()
        ));
    }
    warnings
}

/// Where the `--group-by` field sits among the kept fields.
fn group_index(options: &RunOptions) -> Result<Option<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_text_and_prefer_paragraph_breaks() {
        let paragraph = "Πρώτη πρόταση εδώ. Δεύτερη πρόταση εκεί.\n\n";
        let text = paragraph.repeat(100);
        let ranges = segment_ranges(&text, 1000);
        assert!(ranges.len() > 1);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().unwrap().end, text.len());
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[..pair[0].end].ends_with("\n\n"));
        }
        assert!(ranges.iter().all(|r| r.len() <= 1000));
    }

    #[test]
    fn segments_of_text_without_spaces_cut_on_char_boundaries() {
        let text = "α".repeat(5000);
        let ranges = segment_ranges(&text, 1001);
        assert!(ranges
            .iter()
            .all(|r| text.is_char_boundary(r.start) && r.len() <= 1001));
        assert_eq!(ranges.last().unwrap().end, text.len());
    }
}
