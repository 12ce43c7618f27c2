//! The `elpipe` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use elpipe::Aliases;
use elpipe::{
    AnalysisOptions, Error, Format, ModelRecord, OutputFormat, Period, Pipeline, Provenance,
    ReadOptions, RunOptions, ShippedModel, Stopwords, Table, Tagger, TrainOptions,
};

/// Allocation-heavy work on many threads: mimalloc is faster than the system allocator and
/// returns memory instead of letting per-thread arenas grow, which keeps peak memory flat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; boxing would only add noise
enum Command {
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
struct TrainSentencesArgs {
    /// Training treebank in CoNLL-U (`# newdoc` documents; surface tokens and `SpaceAfter=No`
    /// rebuild the raw text).
    #[arg(long, value_name = "FILE.conllu")]
    conllu: PathBuf,
    /// A treebank only reported on (sentence F1 by exact span), never trained on.
    #[arg(long, value_name = "FILE.conllu")]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "OUT")]
    out: PathBuf,
    /// Passes over the training examples.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Seed of the example order: the same seed gives the same model.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// Folders written by `elpipe run --partial` (or `elpipe merge --partial`), in the order
    /// their documents are to appear.
    #[arg(required = true, value_name = "PART")]
    parts: Vec<PathBuf>,
    /// Folder the tables are written to (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write a partial result again, to be merged with later parts.
    #[arg(long)]
    partial: bool,
    /// File format of the tables [default: the parts' own]; Parquet needs parts made with
    /// `--output-format parquet` or `both`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    output_format: Option<OutputFormatArg>,
    /// No warnings; errors and the summary still print.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// An output folder of `elpipe run`.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

#[derive(clap::Args)]
struct RunArgs {
    /// Files or folders to read (folders are walked recursively in path order); `-` is stdin.
    /// `.gz` files are decompressed on the fly.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Folder the tables are written to (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Input format; `auto` decides by file extension (.txt, .jsonl, .csv/.tsv, .conll/.conllu/.iob2).
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    /// JSONL/CSV field holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    text_field: String,
    /// JSONL/CSV field holding the document id (missing ids become `file:line`).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    id_field: String,
    /// JSONL/CSV fields copied into documents.csv, e.g. `--keep-fields date,source`.
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    keep_fields: Vec<String>,
    /// Worker threads (default: one per core). Output is identical whatever the number.
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,
    /// Stopword list replacing the shipped Greek one (one word per line, `#` comments).
    #[arg(long, value_name = "FILE")]
    stopwords: Option<PathBuf>,
    /// Named-entity model: `elner4` (the default: PERSON, ORG, LOC, MISC), `elner18` (18 types:
    /// people, organizations, places, nationalities, events, dates, money, percentages, ...),
    /// or a model file from `elpipe train` (`./elner4` for a file of that name).
    #[arg(long, value_name = "NAME|FILE")]
    model: Option<PathBuf>,
    /// Tables to write, e.g. `--tables entities,entity_frequencies`
    /// [default: documents,tokens,entities,entity_frequencies,cooccurrences,terms, and
    /// entity_keyness with --group-by]; `concordance` (every mention in context) on request.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    tables: Vec<String>,
    /// A kept field (e.g. a date or an outlet) splitting entity_frequencies.csv into groups;
    /// it becomes the table's first column. Implies keeping the field.
    #[arg(long, value_name = "FIELD")]
    group_by: Option<String>,
    /// With --group-by on a date field: group by the day (`2025-03-14`), ISO week
    /// (`2025-W11`), month (`2025-03`) or year (`2025`) the date falls in. Reads ISO 8601 dates
    /// and date-times and `14/03/2025`, `14.03.2025`, `14 Μαρτίου 2025`; documents without a
    /// readable date form the group with an empty value.
    #[arg(long, value_enum, value_name = "PERIOD")]
    period: Option<PeriodArg>,
    /// Names you know to be one entity: a CSV file with the header `alias,canonical` (and
    /// optionally `type`, to rename only mentions of that type), e.g. the line
    /// `ΝΔ,Νέα Δημοκρατία`. Applied after elpipe's own merging; accents and case do not matter.
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
    /// Characters of context on each side of a mention in concordance.csv.
    #[arg(long, default_value_t = elpipe::DEFAULT_CONTEXT, value_name = "N")]
    context: usize,
    /// Count entity mentions on lines repeated verbatim within a document (by default a
    /// repeated title or teaser counts once).
    #[arg(long)]
    keep_duplicate_lines: bool,
    /// After the run, write OUT/report.html from the tables (as `elpipe report OUT` does).
    #[arg(long)]
    report: bool,
    /// Skip named-entity tagging (much faster): `iob` is `O` everywhere and the entity tables
    /// have headers only.
    #[arg(long)]
    no_tagging: bool,
    /// File format of the tables: `csv` (TABLE.csv), `parquet` (TABLE.parquet: typed columns,
    /// dictionary-encoded strings, zstd-compressed, for pandas/R/DuckDB) or `both`.
    #[arg(long, value_enum, default_value = "csv", value_name = "FORMAT")]
    output_format: OutputFormatArg,
    /// No progress bar and no per-document warnings; errors and the summary still print.
    #[arg(long, short)]
    quiet: bool,
    // --- input decoding (issue 11/16) ---
    /// Character encoding of the input: any WHATWG label, e.g. `windows-1253` or `iso-8859-7`
    /// for old Greek files [default: utf-8].
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// CSV field delimiter: `,` `;` `tab` or any one ASCII character [default: sniffed from
    /// the header line among `,` `;` and tab].
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<String>,
    /// Largest JSONL line or CSV record held in memory, in bytes; a longer one is not read and
    /// its document gets status `error` [default: 268435456 = 256 MB].
    #[arg(long, value_name = "BYTES", default_value_t = elpipe::DEFAULT_MAX_RECORD_SIZE)]
    max_record_size: u64,
    /// Write a partial result: the per-document tables and the state of the corpus-wide ones,
    /// for `elpipe merge` (see the README, "Large corpora").
    #[arg(long, conflicts_with = "report")]
    partial: bool,
    /// With --partial and one JSONL input that is a piece of a larger file: name it NAME in
    /// sources, generated ids and messages, as one run over NAME would (examples/spark).
    #[arg(long, value_name = "NAME", requires = "partial")]
    source_name: Option<String>,
    /// With --source-name: the line of NAME that is the input's first line.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "source_name")]
    first_line: u64,
}

/// Parses `--delimiter`.
fn delimiter_byte(value: &str) -> anyhow::Result<u8> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if value.len() == 1 && value.is_ascii() && value != "\"" && value != "\n" => {
            Ok(value.as_bytes()[0])
        }
        _ => anyhow::bail!("--delimiter {value:?}: give one ASCII character, e.g. `;` or `tab`"),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormatArg {
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
enum PeriodArg {
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
enum FormatArg {
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
struct TrainArgs {
    /// Training data: `token ... TAG` per line, IOB2 tags, blank line between sentences.
    #[arg(long, value_name = "FILE.iob2")]
    train: PathBuf,
    /// Development data scored after every epoch.
    #[arg(long, value_name = "FILE.iob2")]
    dev: Option<PathBuf>,
    /// Where to write the trained model.
    #[arg(long, value_name = "OUT")]
    model: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Seed of the example shuffling: the same seed gives the same model.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share (0 to 1) of the training sentences also learned in Greek capitals, as headlines
    /// are set, so that names in capitals tag too.
    #[arg(long, default_value_t = TrainOptions::DEFAULT_UPPER_CASE_SHARE, value_name = "SHARE")]
    upper_case_share: f64,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold annotations in IOB2.
    #[arg(long, value_name = "FILE.iob2")]
    gold: PathBuf,
    /// Model to score: `elner4` (the default), `elner18`, or a model file from `elpipe train`.
    #[arg(long, value_name = "NAME|FILE")]
    model: Option<PathBuf>,
    /// Exit with status 1 when the overall F1 is below this (a quality gate for CI).
    #[arg(long, value_name = "F1")]
    min_f1: Option<f64>,
}

/// Exit status for usage errors and inputs or outputs that cannot be used.
const USAGE: u8 = 2;
/// Exit status after Ctrl-C, as shells report SIGINT.
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Run(args) => run_command(args),
        Command::Train(args) => train_command(args).map(|()| 0).map_err(|e| (1, e)),
        Command::Eval(args) => eval_command(args).map(|()| 0),
        Command::TrainSentences(args) => train_sentences_command(args)
            .map(|()| 0)
            .map_err(|e| (1, e)),
        Command::Report(args) => elpipe::write_report(&args.dir)
            .map(|path| {
                say(&format!("elpipe: report written to {}", path.display()));
                0
            })
            .map_err(|e| (1, e.into())),
        Command::Merge(args) => merge_command(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err((code, error)) => {
            say(&format!("elpipe: error: {}", message_of(&error)));
            ExitCode::from(code)
        }
    }
}

/// Writes a line to stderr; a closed stderr (`elpipe ... 2>&1 | head -1`) is not an error.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// An error and its causes, each said once: a cause whose text the message already holds
/// (`path: No such file ...` over `No such file ...`) is not repeated.
fn message_of(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

fn run_command(args: RunArgs) -> Result<u8, (u8, anyhow::Error)> {
    let stop = Arc::new(AtomicBool::new(false));
    let handler_stop = stop.clone();
    // Without a handler Ctrl-C still ends the run; partial files then stay hidden.
    let _ = ctrlc::set_handler(move || {
        if handler_stop.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(INTERRUPTED));
        }
        say("\nelpipe: stopping after the current batch (Ctrl-C again to quit at once)");
    });
    let usage = |e: anyhow::Error| (USAGE, e);
    let mut keep_fields = args.keep_fields;
    if let Some(field) = &args.group_by {
        if !keep_fields.contains(field) {
            keep_fields.push(field.clone());
        }
    }
    let tables = if args.tables.is_empty() {
        let mut tables = Table::ALL.to_vec();
        if args.group_by.is_some() {
            tables.push(Table::EntityKeyness);
        }
        tables
    } else {
        args.tables
            .iter()
            .map(|name| Table::parse(name))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| usage(e.into()))?
    };
    // --- input decoding (issue 11/16) ---
    let encoding = match &args.encoding {
        Some(label) => Some(elpipe::encoding_for_label(label).map_err(|e| usage(e.into()))?),
        None => None,
    };
    let delimiter = match &args.delimiter {
        Some(value) => Some(delimiter_byte(value).map_err(usage)?),
        None => None,
    };
    let mut options = RunOptions {
        inputs: args.inputs,
        out: args.out,
        read: ReadOptions {
            format: args.format.into(),
            text_field: args.text_field,
            id_field: args.id_field,
            keep_fields,
            encoding,
            delimiter,
            max_record_size: args.max_record_size,
        },
        threads: args.threads,
        tables,
        group_by: args.group_by,
        keep_duplicate_lines: args.keep_duplicate_lines,
        progress: !args.quiet,
        output_format: args.output_format.into(),
        provenance: Provenance {
            command: std::env::args().collect(),
            model: None,
            stopwords: args.stopwords.clone(),
            aliases: args.aliases.clone(),
        },
        analysis: AnalysisOptions {
            period: args.period.map(Period::from),
            context: args.context,
            aliases: match &args.aliases {
                Some(path) => Aliases::from_file(path).map_err(|e| usage(e.into()))?,
                None => Aliases::default(),
            },
        },
    };
    match args.partial {
        true => elpipe::preflight_partial(&options),
        false => elpipe::preflight(&options),
    }
    .map_err(|e| usage(e.into()))?;
    for warning in elpipe::field_warnings(&options) {
        say(&format!("elpipe: warning: {warning}"));
    }

    let stopwords = match &args.stopwords {
        Some(path) => Stopwords::from_file(path).map_err(|e| {
            usage(anyhow::Error::new(e).context("--stopwords: cannot read the stopword list"))
        })?,
        None => Stopwords::greek(),
    };
    // Tagging costs time; skip it when no table shows its results.
    let tag = !args.no_tagging
        && options
            .tables
            .iter()
            .any(|t| t.needs_entities() || *t == Table::Tokens);
    let tagger = match (&args.model, tag) {
        (_, false) => None,
        (Some(model), true) => {
            let tagger = Tagger::by_name_or_path(model).map_err(|e| {
                usage(anyhow::Error::new(e).context("--model: cannot load the model"))
            })?;
            let record = match model.to_str().and_then(ShippedModel::from_name) {
                Some(shipped) => shipped_record(shipped),
                None => ModelRecord::of_file(model).map_err(|e| usage(e.into()))?,
            };
            options.provenance.model = Some(record);
            Some(tagger)
        }
        (None, true) => {
            options.provenance.model = Some(shipped_record(ShippedModel::Elner4));
            Some(Tagger::shipped().map_err(|e| (1, e.into()))?)
        }
    };
    let pipeline = Pipeline::new(stopwords, tagger);

    let quiet = args.quiet;
    let report = args.report;
    let mut warn = |line: &str| {
        if !quiet {
            say(&format!("elpipe: warning: {line}"));
        }
    };
    let ran = match args.partial {
        true => {
            let origin = args.source_name.map(|name| elpipe::LineOrigin {
                name,
                first_line: args.first_line,
            });
            elpipe::run_partial(&pipeline, &options, origin.as_ref(), &stop, &mut warn)
        }
        false => elpipe::run(&pipeline, &options, &stop, &mut warn),
    };
    match ran {
        Ok(summary) => {
            match peak_memory_mb() {
                Some(mb) => say(&format!("elpipe: {summary}; peak memory {mb} MB")),
                None => say(&format!("elpipe: {summary}")),
            }
            if !summary.stale_removed.is_empty() {
                say(&format!(
                    "elpipe: removed the previous run's {} from {}",
                    summary.stale_removed.join(", "),
                    options.out.display()
                ));
            }
            let code = summary.exit_code();
            if code != 0 && summary.documents == 0 {
                say("elpipe: error: the input holds no document");
            } else if code != 0 {
                say(&format!(
                    "elpipe: error: no document is ok ({} errors, {} skipped); documents.csv in {} says why",
                    summary.errors,
                    summary.skipped,
                    options.out.display()
                ));
            }
            if report {
                let path = elpipe::write_report(&options.out).map_err(|e| (1, e.into()))?;
                say(&format!("elpipe: report written to {}", path.display()));
            }
            Ok(code)
        }
        Err(e @ Error::Interrupted { .. }) => Err((INTERRUPTED, e.into())),
        Err(e) => Err((1, e.into())),
    }
}

fn merge_command(args: MergeArgs) -> Result<u8, (u8, anyhow::Error)> {
    let options = elpipe::MergeOptions {
        parts: args.parts,
        out: args.out,
        partial: args.partial,
        output_format: args.output_format.map(OutputFormat::from),
        command: std::env::args().collect(),
    };
    let quiet = args.quiet;
    let mut warn = |line: &str| {
        if !quiet {
            say(&format!("elpipe: warning: {line}"));
        }
    };
    match elpipe::merge(&options, &mut warn) {
        Ok(summary) => {
            match peak_memory_mb() {
                Some(mb) => say(&format!("elpipe: merged {summary}; peak memory {mb} MB")),
                None => say(&format!("elpipe: merged {summary}")),
            }
            if !summary.stale_removed.is_empty() {
                say(&format!(
                    "elpipe: removed the previous run's {} from {}",
                    summary.stale_removed.join(", "),
                    options.out.display()
                ));
            }
            // as a run over the same inputs: 1 when no document is ok
            Ok(summary.exit_code())
        }
        Err(e @ (Error::Invalid(_) | Error::MissingInput { .. })) => Err((USAGE, e.into())),
        Err(e) => Err((1, e.into())),
    }
}

/// How run.json names a shipped model: its name and path, and the hash of its bytes.
fn shipped_record(model: ShippedModel) -> ModelRecord {
    ModelRecord::new(
        format!("shipped {} ({})", model.name(), model.path()),
        model.bytes(),
    )
}

/// The process's peak resident memory (VmHWM), where the system reports it.
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn train_command(args: TrainArgs) -> anyhow::Result<()> {
    let options = TrainOptions {
        train: args.train,
        dev: args.dev,
        epochs: args.epochs,
        seed: args.seed,
        upper_case_share: args.upper_case_share,
    };
    let tagger = elpipe::train(&options, &mut |line| say(line))?;
    tagger
        .save(&args.model)
        .with_context(|| format!("saving the model to {}", args.model.display()))?;
    say(&format!(
        "elpipe: model written to {}",
        args.model.display()
    ));
    Ok(())
}

fn eval_command(args: EvalArgs) -> Result<(), (u8, anyhow::Error)> {
    let tagger = match &args.model {
        Some(model) => Tagger::by_name_or_path(model),
        None => Tagger::shipped(),
    }
    .map_err(|e| (USAGE, e.into()))?;
    let report = elpipe::evaluate(&tagger, &args.gold).map_err(|e| (1, e.into()))?;
    {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{report}");
    }
    if let Some(min) = args.min_f1 {
        let f1 = report.overall_f1();
        if f1 < min {
            return Err((
                1,
                anyhow::anyhow!("overall F1 {f1:.4} is below the required {min:.4}"),
            ));
        }
    }
    Ok(())
}

fn train_sentences_command(args: TrainSentencesArgs) -> anyhow::Result<()> {
    let options = elpipe::SentenceTrainOptions {
        train: args.conllu,
        dev: args.dev,
        epochs: args.epochs,
        seed: args.seed,
    };
    let (model, report) = elpipe::train_sentences(&options)?;
    std::fs::write(&args.out, model.to_bytes())
        .with_context(|| format!("writing the model to {}", args.out.display()))?;
    say(&format!(
        "{report}\nelpipe: model written to {}",
        args.out.display()
    ));
    Ok(())
}
