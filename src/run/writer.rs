//! The writing end of a run: one thread writes the rows of processed documents in input
//! order, joins the segments of long documents, and feeds the corpus-wide aggregates.

use std::ops::Range;

use super::batch::{arrow_tokens, render, Processed, Rows, UnitInfo};
use super::{RunOptions, RunSummary, CONCORDANCE_SPOOL, DOCUMENT_WARNINGS_SHOWN, SPOOL};
use crate::acronyms::AcronymCollector;
use crate::canonical::CorpusCanonicalizer;
use crate::period::Undated;
use crate::tables::documents::DocumentCounts;
use crate::tables::terms::TermCounts;
use crate::tables::totals::GroupTotals;
use crate::tables::{self, AtomicFile, RowSink, Table, TableOutput};
use crate::{Document, Result, Status};

/// Lines of a long document remembered to recognise repeated ones (8-byte hashes, about 19 MB
/// at most): past this many distinct lines, new lines are checked but no longer remembered.
const REMEMBERED_LINES: usize = 1 << 20;

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
pub(super) struct Outputs {
    pub(super) documents: Option<TableOutput>,
    pub(super) tokens: Option<TableOutput>,
    pub(super) spool: Option<AtomicFile>,
    pub(super) concordance: Option<AtomicFile>,
}

impl Outputs {
    /// Opens the streamed tables of `options` and the spools the entity tables need; on an
    /// error, what was opened is discarded.
    pub(super) fn open(options: &RunOptions, entity_tables: bool) -> Result<Outputs> {
        let mut outputs = Outputs {
            documents: None,
            tokens: None,
            spool: None,
            concordance: None,
        };
        match open_outputs(options, entity_tables, &mut outputs) {
            Ok(()) => Ok(outputs),
            Err(e) => {
                outputs.discard();
                Err(e)
            }
        }
    }

    pub(super) fn discard(self) {
        for table in [self.documents, self.tokens].into_iter().flatten() {
            table.discard();
        }
        for file in [self.spool, self.concordance].into_iter().flatten() {
            file.discard();
        }
    }
}

/// The single-threaded end of the run: writes rows in input order and feeds the corpus-wide
/// aggregates.
pub(super) struct Writer<'a> {
    pub(super) options: &'a RunOptions,
    pub(super) group_index: Option<usize>,
    pub(super) outputs: Outputs,
    pub(super) summary: RunSummary,
    pub(super) terms: TermCounts,
    pub(super) corpus: CorpusCanonicalizer,
    open: Option<OpenDocument>,
    pub(super) ids: SeenIds,
    /// Documents and words per group.
    pub(super) totals: GroupTotals,
    /// Documents whose `--group-by` date could not be read (with `--period`).
    pub(super) undated: Undated,
    /// Documents with a message so far (see [`super::DOCUMENT_WARNINGS_SHOWN`]).
    messages: usize,
    /// Acronyms defined in the documents.
    pub(super) acronyms: AcronymCollector,
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

impl<'a> Writer<'a> {
    /// A writer of `options`' tables into `outputs`, every aggregate empty.
    pub(super) fn new(
        options: &'a RunOptions,
        group_index: Option<usize>,
        outputs: Outputs,
    ) -> Writer<'a> {
        Writer {
            options,
            group_index,
            outputs,
            summary: RunSummary::default(),
            terms: TermCounts::default(),
            corpus: CorpusCanonicalizer::default(),
            open: None,
            ids: SeenIds::default(),
            totals: GroupTotals::default(),
            undated: Undated::default(),
            messages: 0,
            acronyms: AcronymCollector::default(),
        }
    }

    pub(super) fn write(&mut self, p: Processed, warn: &mut dyn FnMut(&str)) -> Result<()> {
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
            self.messages += 1;
            if self.messages > DOCUMENT_WARNINGS_SHOWN {
                self.summary.messages_not_shown += 1;
                return Ok(());
            }
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
