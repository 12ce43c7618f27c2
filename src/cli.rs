//! The command line's arguments and flags (clap), for `main.rs`: the binary's, not the
//! library's.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use elpipe::{Format, OutputFormat, Period, TrainOptions};

/// elpipe turns a corpus of Modern Greek text into CSV tables: documents, tokens, entity
/// mentions, canonical entity frequencies, co-occurrences and term frequencies.
#[derive(Parser)]
#[command(
    version,
    after_help = "Example:\n  elpipe run seeds/ --out out/\n  elpipe run articles.jsonl --keep-fields date,outlet --group-by date --out out/\n\n\
Exit codes:\n  \
        0    the run completed and at least one document is `ok`\n  \
        1    the run completed but no document is `ok` (documents.csv says why), or it failed\n       \
        (an I/O error); --out is then left as it was\n  \
        2    usage error (bad flag, missing input, unknown field), before anything is written\n  \
        130  interrupted (Ctrl-C); --out is left as it was"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; boxing would only add noise
pub(crate) enum Command {
    /// Process a corpus and write the tables.
    #[command(after_help = "Examples:\n  \
        elpipe run seeds/ --out out/\n  \
        elpipe run news.jsonl.gz --text-field body --id-field url --keep-fields date,source --out out/\n  \
        elpipe run export.csv --keep-fields month --group-by month --tables entities,entity_frequencies --out out/\n  \
        cat article.txt | elpipe run - --out out/\n\n\
        Exit codes:\n  \
        0    the run completed and at least one document is `ok`\n  \
        1    the run completed but no document is `ok` (documents.csv says why), or it failed\n       \
        (an I/O error); --out is then left as it was\n  \
        2    usage error (bad flag, missing input, unknown field), before anything is written\n  \
        130  interrupted (Ctrl-C); --out is left as it was\n\n\
        Offsets in the tables (`start`, `end`) are Unicode code points into each document's text\n\
        as read, `end` exclusive. A leading byte-order mark (U+FEFF) of a .txt file is not part of\n\
        the text: offsets count from after it, as Python reads the file with encoding=\"utf-8-sig\".")]
    Run(RunArgs),
    /// Train a named-entity tagger on an IOB2 file.
    #[command(after_help = "Example:\n  \
        elpipe train --train train.iob2 --dev dev.iob2 --model my-model.bin --epochs 10 --seed 1")]
    Train(TrainArgs),
    /// Score a tagger against gold IOB2 annotations (exact span and type).
    #[command(
        after_help = "Example:\n  elpipe eval --gold dev.iob2\n  elpipe eval --gold dev.iob2 --model my-model.bin --min-f1 0.85\n  elpipe eval --gold elner18-dev.iob2 --model elner18"
    )]
    Eval(EvalArgs),
    /// Write DIR/report.html (charts, key entities, network, concordance) from the tables in DIR.
    #[command(after_help = "Example:\n  elpipe report out/")]
    Report(ReportArgs),
    /// Merge partial results (`elpipe run --partial`) into exactly the tables one run over all
    /// their inputs, in the order given, would write.
    #[command(after_help = "Examples:\n  \
        elpipe run 2024.jsonl --partial --out part-2024/\n  \
        elpipe run 2025.jsonl --partial --out part-2025/\n  \
        elpipe merge part-2024/ part-2025/ --out out/\n  \
        elpipe merge part-2024/ part-2025/ --partial --out part-2024-2025/\n\n\
        Parts made by another elpipe or model version, or with other options that change the\n\
        tables, are refused with the difference named. Exit codes as for `elpipe run`: 0 merged\n\
        and at least one document is `ok`, 1 none is or the merge failed (--out is then left as\n\
        it was), 2 usage error (parts that do not match).")]
    Merge(MergeArgs),
    /// Train the sentence boundary classifier on a CoNLL-U treebank (data/README.md has the
    /// command for the shipped model).
    #[command(after_help = "Example:\n  \
        elpipe train-sentences --conllu train.conllu --dev dev.conllu --out data/sentences/gdt.model")]
    TrainSentences(TrainSentencesArgs),
}

#[derive(clap::Args)]
pub(crate) struct TrainSentencesArgs {
    /// Training treebank in CoNLL-U (`# newdoc` documents; surface tokens and `SpaceAfter=No`
    /// rebuild the raw text).
    #[arg(long, value_name = "FILE.conllu")]
    pub(crate) conllu: PathBuf,
    /// A treebank only reported on (sentence F1 by exact span), never trained on.
    #[arg(long, value_name = "FILE.conllu")]
    pub(crate) dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "OUT")]
    pub(crate) out: PathBuf,
    /// Passes over the training examples.
    #[arg(long, default_value_t = 10)]
    pub(crate) epochs: usize,
    /// Seed of the example order: the same seed gives the same model.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
}

#[derive(clap::Args)]
pub(crate) struct MergeArgs {
    /// Folders written by `elpipe run --partial` (or `elpipe merge --partial`), in the order
    /// their documents are to appear.
    #[arg(required = true, value_name = "PART")]
    pub(crate) parts: Vec<PathBuf>,
    /// Folder the tables are written to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Write a partial result again, to be merged with later parts.
    #[arg(long)]
    pub(crate) partial: bool,
    /// File format of the tables [default: the parts' own]; Parquet needs parts made with
    /// `--output-format parquet` or `both`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) output_format: Option<OutputFormatArg>,
    /// No warnings; errors and the summary still print.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(clap::Args)]
pub(crate) struct ReportArgs {
    /// An output folder of `elpipe run`.
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
}

#[derive(clap::Args)]
pub(crate) struct RunArgs {
    /// Files or folders to read (folders are walked recursively in path order); `-` is stdin.
    /// `.gz` files are decompressed on the fly.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Folder the tables are written to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Input format; `auto` decides by file extension (.txt, .jsonl, .csv/.tsv, .conll/.conllu/.iob2).
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) format: FormatArg,
    /// JSONL/CSV field holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub(crate) text_field: String,
    /// JSONL/CSV field holding the document id (missing ids become `file:line`).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub(crate) id_field: String,
    /// JSONL/CSV fields copied into documents.csv, e.g. `--keep-fields date,source`.
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub(crate) keep_fields: Vec<String>,
    /// Worker threads (default: one per core). Output is identical whatever the number.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub(crate) threads: usize,
    /// Stopword list replacing the shipped Greek one (one word per line, `#` comments).
    #[arg(long, value_name = "FILE")]
    pub(crate) stopwords: Option<PathBuf>,
    /// Named-entity model: `elner4` (the default: PERSON, ORG, LOC, MISC), `elner18` (18 types:
    /// people, organizations, places, nationalities, events, dates, money, percentages, ...),
    /// or a model file from `elpipe train` (`./elner4` for a file of that name).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) model: Option<PathBuf>,
    /// Tables to write, e.g. `--tables entities,entity_frequencies`
    /// [default: documents,tokens,entities,entity_frequencies,cooccurrences,terms, and
    /// entity_keyness with --group-by]; `concordance` (every mention in context) on request.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub(crate) tables: Vec<String>,
    /// A kept field (e.g. a date or an outlet) splitting entity_frequencies.csv into groups;
    /// it becomes the table's first column. Implies keeping the field.
    #[arg(long, value_name = "FIELD")]
    pub(crate) group_by: Option<String>,
    /// With --group-by on a date field: group by the day (`2025-03-14`), ISO week
    /// (`2025-W11`), month (`2025-03`) or year (`2025`) the date falls in. Reads ISO 8601 dates
    /// and date-times, `14/03/2025`, `14.03.2025`, `14/03/25`, `14 Μαρτίου 2025`, `14 Μαρ 2025`,
    /// RSS dates, Unix time and English month names; the date is the one written, whatever the
    /// zone. Documents without a readable date form the group with an empty value (a month or a
    /// year alone is too coarse for a finer period), and a warning gives an example.
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub(crate) period: Option<PeriodArg>,
    /// Names you know to be one entity: a CSV file with the header `alias,canonical` (and
    /// optionally `type`, to rename only mentions of that type), e.g. the line
    /// `ΝΔ,Νέα Δημοκρατία`. Applied after elpipe's own merging; accents and case do not matter.
    #[arg(long, value_name = "FILE")]
    pub(crate) aliases: Option<PathBuf>,
    /// Characters of context on each side of a mention in concordance.csv.
    #[arg(long, default_value_t = elpipe::DEFAULT_CONTEXT, value_name = "N")]
    pub(crate) context: usize,
    /// Count entity mentions on lines repeated verbatim within a document (by default a
    /// repeated title or teaser counts once).
    #[arg(long)]
    pub(crate) keep_duplicate_lines: bool,
    /// After the run, write OUT/report.html from the tables (as `elpipe report OUT` does).
    #[arg(long)]
    pub(crate) report: bool,
    /// Skip named-entity tagging (much faster): `iob` is `O` everywhere and the entity tables
    /// have headers only.
    #[arg(long)]
    pub(crate) no_tagging: bool,
    /// File format of the tables: `csv` (TABLE.csv), `parquet` (TABLE.parquet: typed columns,
    /// dictionary-encoded strings, zstd-compressed, for pandas/R/DuckDB) or `both`.
    #[arg(long, value_enum, default_value = "csv", value_name = "FORMAT")]
    pub(crate) output_format: OutputFormatArg,
    /// No progress bar and no per-document warnings; errors and the summary still print.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    // --- input decoding (issue 11/16) ---
    /// Character encoding of the input: any WHATWG label, e.g. `windows-1253` or `iso-8859-7`
    /// for old Greek files [default: utf-8, or windows-1253/iso-8859-7 for a file that is not
    /// UTF-8 and reads as Greek in one of them; `--encoding utf-8` turns that guess off].
    #[arg(long, value_name = "LABEL")]
    pub(crate) encoding: Option<String>,
    /// CSV field delimiter: `,` `;` `tab` or any one ASCII character [default: sniffed from
    /// the header line among `,` `;` and tab].
    #[arg(long, value_name = "CHAR")]
    pub(crate) delimiter: Option<String>,
    /// Largest JSONL line or CSV record held in memory, in bytes; a longer one is not read and
    /// its document gets status `error` [default: 268435456 = 256 MB].
    #[arg(long, value_name = "BYTES", default_value_t = elpipe::DEFAULT_MAX_RECORD_SIZE)]
    pub(crate) max_record_size: u64,
    /// Write a partial result: the per-document tables and the state of the corpus-wide ones,
    /// for `elpipe merge` (see the README, "Large corpora").
    #[arg(long, conflicts_with = "report")]
    pub(crate) partial: bool,
    /// With --partial and one JSONL input that is a piece of a larger file: name it NAME in
    /// sources, generated ids and messages, as one run over NAME would (examples/spark).
    #[arg(long, value_name = "NAME", requires = "partial")]
    pub(crate) source_name: Option<String>,
    /// With --source-name: the line of NAME that is the input's first line.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "source_name")]
    pub(crate) first_line: u64,
}

/// Parses `--delimiter`.
pub(crate) fn delimiter_byte(value: &str) -> anyhow::Result<u8> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if value.len() == 1 && value.is_ascii() && value != "\"" && value != "\n" => {
            Ok(value.as_bytes()[0])
        }
        _ => anyhow::bail!("--delimiter {value:?}: give one ASCII character, e.g. `;` or `tab`"),
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum OutputFormatArg {
    Csv,
    Parquet,
    Both,
}

impl From<OutputFormatArg> for OutputFormat {
    fn from(f: OutputFormatArg) -> OutputFormat {
        match f {
            OutputFormatArg::Csv => OutputFormat::Csv,
            OutputFormatArg::Parquet => OutputFormat::Parquet,
            OutputFormatArg::Both => OutputFormat::Both,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum PeriodArg {
    Day,
    Week,
    Month,
    Year,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    Auto,
    Txt,
    Jsonl,
    Csv,
    Conll,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Auto => Format::Auto,
            FormatArg::Txt => Format::Txt,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Conll => Format::Conll,
        }
    }
}

#[derive(clap::Args)]
pub(crate) struct TrainArgs {
    /// Training data: `token ... TAG` per line, IOB2 tags, blank line between sentences.
    #[arg(long, value_name = "FILE.iob2")]
    pub(crate) train: PathBuf,
    /// Development data scored after every epoch.
    #[arg(long, value_name = "FILE.iob2")]
    pub(crate) dev: Option<PathBuf>,
    /// Where to write the trained model.
    #[arg(long, value_name = "OUT")]
    pub(crate) model: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    pub(crate) epochs: usize,
    /// Seed of the example shuffling: the same seed gives the same model.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Share (0 to 1) of the training sentences also learned in Greek capitals, as headlines
    /// are set, so that names in capitals tag too (by weights of their own: ordinary sentences
    /// tag as without them).
    #[arg(long, default_value_t = TrainOptions::DEFAULT_UPPER_CASE_SHARE, value_name = "SHARE")]
    pub(crate) upper_case_share: f64,
    /// Share (0 to 1) of a linear-chain CRF, trained after the averaged perceptrons on the same
    /// features, in the final weights (0: the perceptrons alone).
    #[arg(long, default_value_t = TrainOptions::DEFAULT_CRF_SHARE, value_name = "SHARE")]
    pub(crate) crf_share: f64,
}

#[derive(clap::Args)]
pub(crate) struct EvalArgs {
    /// Gold annotations in IOB2.
    #[arg(long, value_name = "FILE.iob2")]
    pub(crate) gold: PathBuf,
    /// Model to score: `elner4` (the default), `elner18`, or a model file from `elpipe train`.
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) model: Option<PathBuf>,
    /// Exit with status 1 when the overall F1 is below this (a quality gate for CI).
    #[arg(long, value_name = "F1")]
    pub(crate) min_f1: Option<f64>,
}
