//! The runner: reads documents in bounded batches, processes each batch across cores with
//! rayon, and writes the tables in input order, so the output is byte-identical whatever the
//! number of threads and memory is bounded by a batch, not by the corpus.

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use rayon::prelude::*;

use crate::canonical::CorpusCanonicalizer;
use crate::read::{self, ReadOptions};
use crate::tables::cooccurrences::Cooccurrences;
use crate::tables::entities::{self, Mention};
use crate::tables::frequencies::EntityFrequencies;
use crate::tables::terms::TermCounts;
use crate::tables::{self, csv_buffer, csv_error, AtomicFile, Table};
use crate::{Document, Error, Pipeline, RawDocument, Result, Status};

/// A batch closes at this many documents or this much text, whichever comes first.
const BATCH_DOCUMENTS: usize = 512;
const BATCH_BYTES: usize = 4 << 20;

/// What to read, where to write, and how.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub read: ReadOptions,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub tables: Vec<Table>,
    /// A kept metadata field whose values split `entity_frequencies.csv` into groups.
    pub group_by: Option<String>,
    /// Count mentions on lines repeated within a document (off: scraped boilerplate such as
    /// repeated titles is counted once).
    pub keep_duplicate_lines: bool,
    /// Show a progress bar on stderr (hidden anyway when stderr is not a terminal).
    pub progress: bool,
}

/// Totals of a finished run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    pub documents: usize,
    pub skipped: usize,
    pub errors: usize,
    pub tokens: usize,
    pub entities: usize,
    pub bytes: usize,
    pub seconds: f64,
    pub stem_fallbacks: usize,
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

/// A processed document, its rows already rendered by the worker thread.
struct Processed {
    doc: Document,
    document_row: Vec<u8>,
    token_rows: Vec<u8>,
    mention_rows: Vec<u8>,
    mentions: usize,
    tokens: usize,
}

/// The open output files of a run.
struct Outputs {
    documents: Option<AtomicFile>,
    tokens: Option<AtomicFile>,
    spool: Option<AtomicFile>,
}

impl Outputs {
    fn discard(self) {
        for file in [self.documents, self.tokens, self.spool]
            .into_iter()
            .flatten()
        {
            file.discard();
        }
    }
}

/// File name of the mention spool, a temporary file in the output folder.
const SPOOL: &str = "mentions.spool";

/// Runs the pipeline over the inputs and writes the selected tables into `options.out`.
/// `stop` is polled between batches: once set, the run discards its partial files and
/// returns [`Error::Interrupted`]. `warn` receives one line per document that was not read or
/// processed cleanly.
pub fn run(
    pipeline: &Pipeline,
    options: &RunOptions,
    stop: &AtomicBool,
    warn: &mut dyn FnMut(&str),
) -> Result<RunSummary> {
    let started = Instant::now();
    preflight(options)?;
    let group_index = group_index(options)?;
    let wants = |t: Table| options.tables.contains(&t);
    let entity_tables = options.tables.iter().any(|t| t.needs_entities());

    let mut outputs = Outputs {
        documents: None,
        tokens: None,
        spool: None,
    };
    let opened = open_outputs(options, entity_tables, &mut outputs);
    if let Err(e) = opened {
        outputs.discard();
        return Err(e);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let progress = progress_bar(options.progress);

    let mut summary = RunSummary::default();
    let mut terms = TermCounts::default();
    let mut corpus = CorpusCanonicalizer::default();
    let streamed = std::thread::scope(|scope| -> Result<()> {
        let (sender, batches) = sync_channel::<Vec<RawDocument>>(1);
        let inputs = &options.inputs;
        let read_options = &options.read;
        scope.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for doc in read::documents(inputs, read_options) {
                bytes += doc.text.len();
                batch.push(doc);
                if batch.len() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES {
                    if stop.load(Ordering::Relaxed) || sender.send(batch).is_err() {
                        return;
                    }
                    batch = Vec::new();
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
        });
        let mut next_index = 0u64;
        for batch in batches {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let first_index = next_index;
            next_index += batch.len() as u64;
            let (processed, batch_terms) = pool.install(|| {
                process_batch(
                    pipeline,
                    options,
                    group_index,
                    first_index,
                    batch,
                    wants(Table::Terms),
                )
            });
            terms.merge(batch_terms);
            for p in processed {
                record(&mut summary, &p, warn);
                if let Some(f) = &mut outputs.documents {
                    f.write_all(&p.document_row)?;
                }
                if let Some(f) = &mut outputs.tokens {
                    f.write_all(&p.token_rows)?;
                }
                if let Some(f) = &mut outputs.spool {
                    f.write_all(&p.mention_rows)?;
                    corpus.observe(&p.doc);
                }
            }
            progress.set_message(format!(
                "{} documents, {:.1} MB",
                summary.documents,
                summary.bytes as f64 / 1e6
            ));
        }
        Ok(())
    });
    progress.finish_and_clear();
    if let Err(e) = streamed {
        outputs.discard();
        return Err(e);
    }
    if stop.load(Ordering::Relaxed) {
        outputs.discard();
        return Err(Error::Interrupted {
            unwritten: options.tables.iter().map(|t| t.file_name()).collect(),
        });
    }
    let Outputs {
        documents,
        tokens,
        spool,
    } = outputs;
    for file in [documents, tokens].into_iter().flatten() {
        file.commit()?;
    }
    if let Some(spool) = spool {
        let spool_path = tables::temp_path(&options.out, SPOOL);
        let written = spool.commit();
        let result =
            written.and_then(|()| write_entity_tables(options, corpus, &options.out.join(SPOOL)));
        let _ = std::fs::remove_file(options.out.join(SPOOL));
        let _ = std::fs::remove_file(spool_path);
        result?;
    }
    if wants(Table::Terms) {
        let mut file = AtomicFile::create(&options.out, &Table::Terms.file_name())?;
        let path = options.out.join(Table::Terms.file_name());
        let mut w = tables::csv_writer(file.writer());
        terms.write(&mut w).map_err(|e| csv_error(&path, e))?;
        w.flush().map_err(|source| Error::Io { path, source })?;
        drop(w);
        file.commit()?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Processes one batch in parallel; results come back in input order, with the batch's term
/// counts made per thread and merged.
fn process_batch(
    pipeline: &Pipeline,
    options: &RunOptions,
    group_index: Option<usize>,
    first_index: u64,
    batch: Vec<RawDocument>,
    count_terms: bool,
) -> (Vec<Processed>, TermCounts) {
    let parts: Vec<(Vec<Processed>, TermCounts)> = batch
        .into_par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), TermCounts::default()),
            |(mut done, mut terms), (offset, raw)| {
                let doc_index = first_index + offset as u64;
                let doc = pipeline.process(raw);
                if count_terms {
                    terms.add_document(&doc, doc_index);
                }
                done.push(render(doc, doc_index, group_index, options));
                (done, terms)
            },
        )
        .collect();
    let mut all = Vec::new();
    let mut terms = TermCounts::default();
    for (done, part) in parts {
        all.extend(done);
        terms.merge(part);
    }
    (all, terms)
}

/// Renders a document's rows for every per-document table it appears in.
fn render(
    mut doc: Document,
    doc_index: u64,
    group_index: Option<usize>,
    options: &RunOptions,
) -> Processed {
    let wants = |t: Table| options.tables.contains(&t);
    let mut mention_rows = Vec::new();
    let mut mentions = 0;
    if options.tables.iter().any(|t| t.needs_entities()) {
        let group = group_index
            .and_then(|i| doc.metadata.get(i))
            .map_or("", String::as_str);
        let mut w = csv_buffer();
        match entities::spool(&doc, doc_index, group, options.keep_duplicate_lines, &mut w) {
            Ok(n) => mentions = n,
            Err(e) => fail(&mut doc, &format!("cannot record entities: {e}")),
        }
        mention_rows = w.into_inner().unwrap_or_default();
    } else {
        mentions = doc
            .entities
            .iter()
            .filter(|e| options.keep_duplicate_lines || !e.duplicate_line)
            .count();
    }
    let mut token_rows = Vec::new();
    if wants(Table::Tokens) {
        let mut w = csv_buffer();
        if let Err(e) = tables::tokens::render(&doc, &mut w) {
            fail(&mut doc, &format!("cannot render tokens: {e}"));
        }
        token_rows = w.into_inner().unwrap_or_default();
    }
    let mut document_row = Vec::new();
    if wants(Table::Documents) {
        let mut w = csv_buffer();
        // Rendering into memory fails only on a CSV-level problem, which names itself.
        if tables::documents::render(&doc, mentions, &mut w).is_ok() {
            document_row = w.into_inner().unwrap_or_default();
        }
    }
    let tokens = doc.tokens.len();
    doc.tokens = Vec::new();
    Processed {
        doc,
        tokens,
        document_row,
        token_rows,
        mention_rows,
        mentions,
    }
}

fn fail(doc: &mut Document, message: &str) {
    doc.status = Status::Error;
    doc.message = message.to_owned();
}

/// Adds a processed document to the totals and reports anything that went wrong with it.
fn record(summary: &mut RunSummary, p: &Processed, warn: &mut dyn FnMut(&str)) {
    let doc = &p.doc;
    summary.documents += 1;
    summary.bytes += doc.text.len();
    summary.tokens += p.tokens;
    summary.entities += p.mentions;
    summary.stem_fallbacks += doc.stem_fallbacks;
    match doc.status {
        Status::Ok => {}
        Status::Skipped => summary.skipped += 1,
        Status::Error => summary.errors += 1,
    }
    if !doc.message.is_empty() {
        warn(&format!(
            "{}: {}: {}",
            doc.source,
            doc.status.as_str(),
            doc.message
        ));
    }
}

/// Reads the spooled mentions once, resolves their corpus-wide canonical names, and writes
/// `entities.csv`, `entity_frequencies.csv` and `cooccurrences.csv`.
fn write_entity_tables(
    options: &RunOptions,
    corpus: CorpusCanonicalizer,
    spool: &Path,
) -> Result<()> {
    let names = corpus.finish();
    let wants = |t: Table| options.tables.contains(&t);
    let open = |path: &Path| {
        File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(BufReader::new(open(spool)?));
    let entities_path = options.out.join(Table::Entities.file_name());
    let mut entities_file = match wants(Table::Entities) {
        true => Some(AtomicFile::create(
            &options.out,
            &Table::Entities.file_name(),
        )?),
        false => None,
    };
    let mut frequencies = EntityFrequencies::default();
    let mut cooccurrences = Cooccurrences::default();
    {
        let mut writer = entities_file
            .as_mut()
            .map(|f| tables::csv_writer(f.writer()));
        if let Some(w) = &mut writer {
            w.write_record(entities::COLUMNS)
                .map_err(|e| csv_error(&entities_path, e))?;
        }
        for row in reader.deserialize::<Mention>() {
            let m = row.map_err(|e| csv_error(spool, e))?;
            let canonical = names.resolve(&m.label, &m.canonical);
            if let Some(w) = &mut writer {
                entities::write_row(&m, canonical, w).map_err(|e| csv_error(&entities_path, e))?;
            }
            frequencies.add(&m.group, canonical, &m.label, &m.text, m.doc_index);
            cooccurrences.add(m.doc_index, m.sentence, canonical, &m.label);
        }
        if let Some(mut w) = writer {
            w.flush().map_err(|source| Error::Io {
                path: entities_path.clone(),
                source,
            })?;
        }
    }
    if let Some(f) = entities_file {
        f.commit()?;
    }
    if wants(Table::EntityFrequencies) {
        write_table(options, Table::EntityFrequencies, |w| {
            frequencies.write(options.group_by.as_deref(), w)
        })?;
    }
    if wants(Table::Cooccurrences) {
        write_table(options, Table::Cooccurrences, |w| cooccurrences.write(w))?;
    }
    Ok(())
}

/// Writes one aggregate table atomically.
fn write_table(
    options: &RunOptions,
    table: Table,
    write: impl FnOnce(&mut csv::Writer<&mut std::io::BufWriter<File>>) -> csv::Result<()>,
) -> Result<()> {
    let path = options.out.join(table.file_name());
    let mut file = AtomicFile::create(&options.out, &table.file_name())?;
    {
        let mut w = tables::csv_writer(file.writer());
        write(&mut w).map_err(|e| csv_error(&path, e))?;
        w.flush().map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    }
    file.commit()
}

/// Opens the streamed tables and writes their headers.
fn open_outputs(options: &RunOptions, entity_tables: bool, outputs: &mut Outputs) -> Result<()> {
    let wants = |t: Table| options.tables.contains(&t);
    if wants(Table::Documents) {
        let mut f = AtomicFile::create(&options.out, &Table::Documents.file_name())?;
        f.write_all(&header_line(&tables::documents::header(
            &options.read.keep_fields,
        )))?;
        outputs.documents = Some(f);
    }
    if wants(Table::Tokens) {
        let mut f = AtomicFile::create(&options.out, &Table::Tokens.file_name())?;
        f.write_all(&header_line(&tables::tokens::COLUMNS))?;
        outputs.tokens = Some(f);
    }
    if entity_tables {
        outputs.spool = Some(AtomicFile::create(&options.out, SPOOL)?);
    }
    Ok(())
}

fn header_line(columns: &[&str]) -> Vec<u8> {
    let mut w = csv_buffer();
    // Header names are plain ASCII; writing them into memory cannot fail.
    let _ = w.write_record(columns);
    w.into_inner().unwrap_or_default()
}

/// The checks that fail fast, before anything is read: inputs exist, options agree, and the
/// output folder is writable. [`run`] makes them itself; a caller may make them first to tell
/// usage errors from failures during the run.
pub fn preflight(options: &RunOptions) -> Result<()> {
    read::check_inputs(&options.inputs)?;
    group_index(options)?;
    if options.tables.is_empty() {
        return Err(Error::Invalid("no table selected".into()));
    }
    prepare_output(&options.out, &options.tables)
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

/// Creates the output folder, proves it writable, and removes tables this run will write so
/// that an interrupted run cannot leave an old table that looks like this run's.
fn prepare_output(out: &Path, tables: &[Table]) -> Result<()> {
    let io = |source| Error::Io {
        path: out.to_owned(),
        source,
    };
    std::fs::create_dir_all(out).map_err(io)?;
    let probe = tables::temp_path(out, "write-test");
    File::create(&probe).map_err(io)?;
    std::fs::remove_file(&probe).map_err(io)?;
    for table in tables {
        let path = out.join(table.file_name());
        if path.exists() {
            std::fs::remove_file(&path).map_err(|source| Error::Io { path, source })?;
        }
    }
    Ok(())
}

fn progress_bar(show: bool) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
