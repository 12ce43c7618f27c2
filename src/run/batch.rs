//! The reading and processing ends of a run: the reader thread cuts the input into batches
//! of documents (long ones into segments), and the workers process a batch in parallel and
//! render its rows.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;

use rayon::prelude::*;

use super::RunOptions;
use crate::acronyms::{self, Definition};
use crate::read;
use crate::tables::entities;
use crate::tables::terms::TermCounts;
use crate::tables::{self, csv_buffer, OutputFormat, Table};
use crate::{Document, Pipeline, RawDocument, Status, TokenKind};

/// A batch closes at this many documents or this much text, whichever comes first.
const BATCH_DOCUMENTS: usize = 512;
const BATCH_BYTES: usize = 4 << 20;
/// A batch holding segments of a long document closes at this much text: a segment is rendered
/// by the writer, so it stays in memory with all its tokens (about 25 times its text) until
/// written; 1 MB is two segments of the default size, enough to keep two cores busy.
const SEGMENT_BATCH_BYTES: usize = 1 << 20;
/// A document, or a segment of a long one, as the reader thread hands it to the workers.
pub(super) struct Unit {
    pub(super) info: UnitInfo,
    pub(super) raw: RawDocument,
}

/// Rows rendered for one document or segment.
#[derive(Default)]
pub(super) struct Rows {
    pub(super) tokens: Vec<u8>,
    pub(super) mentions: Vec<u8>,
    pub(super) mention_count: usize,
    /// Concordance rows, spooled like the mentions.
    pub(super) concordance: Vec<u8>,
    /// The document's group (its period with `--period`), empty without `--group-by`.
    pub(super) group: String,
    /// Tokens of kind `word`.
    pub(super) words: u64,
    /// Acronyms the document defines.
    pub(super) acronyms: Vec<Definition>,
}

/// A processed unit: whole documents come back rendered from the worker; segments of long
/// documents are rendered by the writer, which alone knows how many sentences and tokens the
/// earlier segments had.
pub(super) struct Processed {
    pub(super) unit: UnitInfo,
    pub(super) doc: Document,
    pub(super) rows: Option<Rows>,
    pub(super) token_count: usize,
}

/// Where a unit sits in its document.
#[derive(Clone, Copy)]
pub(super) struct UnitInfo {
    pub(super) doc_index: u64,
    /// Where the segment starts in the whole document, in code points.
    pub(super) char_base: usize,
    /// Whether this unit is a whole document (the common case) or one segment of a long one.
    pub(super) whole: bool,
    /// Whether this is the document's last segment.
    pub(super) last: bool,
}

/// The reader thread: documents in input order, long ones cut into segments (or streamed in
/// segments by the reader), in batches.
pub(super) fn read_batches(
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
    pub(super) static WORKER_TERMS: RefCell<TermCounts> = RefCell::new(TermCounts::default());
}

/// Processes one batch in parallel; results come back in input order.
pub(super) fn process_batch(
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
pub(super) fn render(
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
pub(super) fn arrow_tokens(options: &RunOptions) -> bool {
    options.tables.contains(&Table::Tokens) && options.output_format != OutputFormat::Csv
}

fn fail(doc: &mut Document, message: &str) {
    doc.status = Status::Error;
    doc.message = message.to_owned();
}

/// The bytes a CSV writer rendered into memory; a failure of its final flush is an error, not
/// an empty buffer.
fn buffer_bytes(w: csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    w.into_inner().map_err(|e| e.into_error())
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
