//! The `elpipe` command line: a thin layer over the library.

mod cli;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use clap::Parser;
use cli::{
    delimiter_byte, Cli, Command, EvalArgs, MergeArgs, RunArgs, TrainArgs, TrainSentencesArgs,
};
use elpipe::{
    Aliases, AnalysisOptions, Error, ModelRecord, OutputFormat, Period, Pipeline, Provenance,
    ReadOptions, RunOptions, ShippedModel, Stopwords, Table, Tagger, TrainOptions,
};

/// Allocation-heavy work on many threads: mimalloc is faster than the system allocator and
/// returns memory instead of letting per-thread arenas grow, which keeps peak memory flat.
/// Built with mimalloc's `no_thp` feature: without it mimalloc asks for transparent huge pages,
/// and every fresh 2 MB page is zeroed whole by the kernel (`clear_page_erms` was 15% of a
/// one-thread run in `perf`); without huge pages task-clock fell about 10% on 10 MB and peak RSS
/// on the 200 MB memory-bound document fell from 235 to 208 MB (`MIMALLOC_ALLOW_THP=0/1`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
                Some(path) => Aliases::from_file(path)
                    .map_err(|e| usage(anyhow::Error::from(e).context("--aliases")))?,
                None => Aliases::default(),
            },
        },
    };
    match args.partial {
        true => elpipe::preflight_partial(&options),
        false => elpipe::preflight(&options),
    }
    .map_err(|e| match list_space_hint(&e) {
        Some(hint) => usage(anyhow::anyhow!("{e}; {hint}")),
        None => usage(e.into()),
    })?;
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

/// For a missing input that follows a command-line word ending in a comma: the hint that a
/// space after a comma in a list flag (`--keep-fields date, source`) made the next word an
/// input.
fn list_space_hint(error: &Error) -> Option<String> {
    let Error::MissingInput { path } = error else {
        return None;
    };
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let at = args.iter().position(|a| std::path::Path::new(a) == path)?;
    let before = args.get(at.checked_sub(1)?)?.to_string_lossy();
    before.ends_with(',').then(|| {
        format!(
            "`{before}` ends with a comma, so `{}` was read as an input: write a list flag's \
             values without spaces, e.g. `--keep-fields date,source`",
            path.display()
        )
    })
}

/// How run.json names a shipped model: its name and path, and the hash of its bytes.
fn shipped_record(model: ShippedModel) -> ModelRecord {
    ModelRecord::with_sha256(
        format!("shipped {} ({})", model.name(), model.path()),
        model.sha256(),
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
        crf_share: args.crf_share,
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
