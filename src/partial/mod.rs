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

mod header;
mod merge;
mod origin;
mod state;

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

use header::{read_header, Counts, GroupRow};
pub use merge::{merge, MergeOptions};
pub(crate) use origin::check_run_options;
pub use origin::LineOrigin;
pub(crate) use state::{write_run_state, RunState};

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

pub(super) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

pub(super) fn csv_failure(path: &Path, e: csv::Error) -> Error {
    tables::csv_error(path, e)
}
