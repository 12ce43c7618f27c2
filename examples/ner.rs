//! Train, evaluate and time the NER tagger until the CLI has subcommands for it.
//!
//! cargo run --release --example ner -- train TRAIN.iob2 DEV.iob2 EPOCHS SEED OUT.model [UPPER_SHARE [CRF_SHARE]]
//! cargo run --release --example ner -- eval MODEL GOLD.iob2
//!     (MODEL: `shipped` or `elner4` = the default built-in model, `elner18`, or a model file)
//! cargo run --release --example ner -- speed MODEL FILE.iob2
//! cargo run --release --example ner -- tag MODEL FILE.iob2        (prints token, gold, predicted)
use std::path::{Path, PathBuf};
use std::time::Instant;

use elpipe::{evaluate, train, Tagger, TrainOptions};

fn load(model: &str) -> elpipe::Result<Tagger> {
    if model == "shipped" {
        Tagger::shipped()
    } else {
        Tagger::by_name_or_path(Path::new(model))
    }
}

/// CPU time of this thread (Linux: /proc/thread-self/schedstat), so that other processes on a
/// busy machine do not skew the figure.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn main() -> elpipe::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    match arg(0) {
        "train" => {
            let options = TrainOptions {
                train: PathBuf::from(arg(1)),
                dev: Some(PathBuf::from(arg(2))).filter(|p| !p.as_os_str().is_empty()),
                epochs: arg(3).parse().unwrap_or(10),
                seed: arg(4).parse().unwrap_or(1),
                upper_case_share: arg(6)
                    .parse()
                    .unwrap_or(TrainOptions::DEFAULT_UPPER_CASE_SHARE),
                crf_share: arg(7).parse().unwrap_or(TrainOptions::DEFAULT_CRF_SHARE),
            };
            let started = Instant::now();
            let tagger = train(&options, &mut |line| eprintln!("{line}"))?;
            eprintln!("trained in {:.1} s", started.elapsed().as_secs_f64());
            tagger.save(Path::new(arg(5)))?;
        }
        "eval" => {
            let started = Instant::now();
            let tagger = load(arg(1))?;
            eprintln!("loaded in {:.3} s", started.elapsed().as_secs_f64());
            println!("{}", evaluate(&tagger, Path::new(arg(2)))?);
        }
        "tag" => {
            let tagger = load(arg(1))?;
            let text = std::fs::read_to_string(arg(2)).map_err(|source| elpipe::Error::Io {
                path: PathBuf::from(arg(2)),
                source,
            })?;
            let mut out = Vec::new();
            for block in text.split("\n\n") {
                let lines: Vec<Vec<&str>> = block
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>())
                    .filter(|c| c.len() >= 2)
                    .collect();
                let words: Vec<&str> = lines.iter().map(|c| c[0]).collect();
                tagger.tag_sentence(&words, &mut out);
                for (columns, (iob, label)) in lines.iter().zip(&out) {
                    let predicted = match iob {
                        elpipe::Iob::O => "O".to_string(),
                        _ => format!("{}-{}", iob.as_str(), tagger.labels()[usize::from(*label)]),
                    };
                    println!("{} {} {predicted}", columns[0], columns[columns.len() - 1]);
                }
                println!();
            }
        }
        "speed" => {
            let tagger = load(arg(1))?;
            let text = std::fs::read_to_string(arg(2)).map_err(|source| elpipe::Error::Io {
                path: PathBuf::from(arg(2)),
                source,
            })?;
            let sentences: Vec<Vec<&str>> = text
                .split("\n\n")
                .map(|s| {
                    s.lines()
                        .filter_map(|l| l.split_whitespace().next())
                        .collect()
                })
                .filter(|s: &Vec<&str>| !s.is_empty())
                .collect();
            let mut out = Vec::new();
            let (mut tokens, started) = (0usize, Instant::now());
            let cpu_started = thread_cpu_seconds();
            for _ in 0..3 {
                for sentence in &sentences {
                    tagger.tag_sentence(sentence, &mut out);
                    tokens += out.len();
                }
            }
            let seconds = started.elapsed().as_secs_f64();
            let cpu = thread_cpu_seconds() - cpu_started;
            println!(
                "{tokens} tokens in {seconds:.3} s wall, {cpu:.3} s on the CPU: {:.0} tokens/s per core",
                tokens as f64 / cpu
            );
        }
        _ => eprintln!("usage: ner train|eval|speed ... (see examples/ner.rs)"),
    }
    Ok(())
}
