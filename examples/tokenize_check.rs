//! Development check of the tokenizer against a tokenized corpus (one `token TAG` per line,
//! blank line between sentences, as in elNER), and a throughput measurement.
//!
//! ```text
//! cargo run --release --example tokenize_check -- agreement ../shared/data/elner/elNER4/dev.iob2
//! cargo run --release --example tokenize_check -- agreement ../shared/data/ud_gdt/dev.conllu
//! cargo run --release --example tokenize_check -- bench ../shared/data/elner/elNER4/train.iob2 20
//! ```
//!
//! `agreement` rebuilds plain text from the corpus tokens with a simple detokenizer (for
//! CoNLL-U it takes the raw `# text =` sentences), tokenizes it and reports the share of corpus
//! tokens reproduced exactly, and the share of corpus sentence starts where a sentence starts;
//! `--show` lists the tokens missed. `bench` reports throughput on pathological inputs, then
//! repeats the plain text up to the given number of megabytes and reports normalize and
//! tokenize throughput on one core. Nothing is read or printed when the corpus is absent.

use std::collections::HashMap;
use std::time::Instant;

use elpipe::stages::{normalize_text, tokenize, tokenize_into};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: tokenize_check agreement|bench <corpus.iob2> [megabytes]");
        std::process::exit(2);
    };
    let Ok(corpus) = std::fs::read_to_string(path) else {
        eprintln!("{path} is not readable; nothing to check");
        return;
    };
    if path.ends_with(".conllu") {
        let (text, expected) = conllu_text(&corpus);
        report_agreement(&text, &expected, args.iter().any(|a| a == "--show"));
        return;
    }
    let sentences: Vec<Vec<&str>> = corpus
        .split("\n\n")
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split(' ').next())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    match mode.as_str() {
        "agreement" => agreement(&sentences, args.iter().any(|a| a == "--show")),
        "bench" => {
            let megabytes = args.get(2).and_then(|m| m.parse().ok()).unwrap_or(20);
            bench(&sentences, megabytes);
        }
        _ => eprintln!("unknown mode {mode}"),
    }
}

/// Joins tokens as a writer would: no space before closing punctuation, none after opening.
fn detokenize(sentences: &[Vec<&str>]) -> (String, Vec<(usize, usize, bool)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for sentence in sentences {
        let mut no_space_next = true;
        let mut open_double = false;
        for (i, &token) in sentence.iter().enumerate() {
            let closes = matches!(
                token,
                "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "»" | "”" | "…" | "·" | "%"
            ) || (token == "\"" && open_double);
            if !text.is_empty() && (i == 0 || (!no_space_next && !closes)) {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(token);
            spans.push((start, text.len(), i == 0));
            no_space_next =
                matches!(token, "(" | "[" | "{" | "«" | "“") || (token == "\"" && !open_double);
            if token == "\"" {
                open_double = !open_double;
            }
        }
    }
    (text, spans)
}

/// The raw sentences of a CoNLL-U file (`# text =`), joined by spaces, with the spans of their
/// surface tokens (a multiword token such as «στο» counts once).
fn conllu_text(corpus: &str) -> (String, Vec<(usize, usize, bool)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut cursor = 0;
    let mut first = false;
    let mut covered_until = 0;
    for line in corpus.lines() {
        if let Some(raw) = line.strip_prefix("# text = ") {
            if !text.is_empty() {
                text.push(' ');
            }
            cursor = text.len();
            text.push_str(raw);
            first = true;
            covered_until = 0;
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(id), Some(form)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.contains('.') || id.starts_with('#') {
            continue;
        }
        if let Some((_, last)) = id.split_once('-') {
            covered_until = last.parse().unwrap_or(0);
        } else if id.parse::<usize>().is_ok_and(|n| n <= covered_until) {
            continue;
        }
        if let Some(at) = text[cursor..].find(form) {
            let start = cursor + at;
            spans.push((start, start + form.len(), first));
            cursor = start + form.len();
            first = false;
        }
    }
    (text, spans)
}

fn agreement(sentences: &[Vec<&str>], show: bool) {
    let (text, expected) = detokenize(sentences);
    report_agreement(&text, &expected, show);
}

fn report_agreement(text: &str, expected: &[(usize, usize, bool)], show: bool) {
    let got = tokenize(text);
    let found: HashMap<(usize, usize), u32> = got
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let new_sentence = i == 0 || got[i - 1].sentence != t.sentence;
            ((t.span.start, t.span.end), u32::from(new_sentence))
        })
        .collect();
    let starts: std::collections::HashSet<usize> = got
        .iter()
        .enumerate()
        .filter(|(i, t)| *i == 0 || got[i - 1].sentence != t.sentence)
        .map(|(_, t)| t.span.start)
        .collect();
    let mut same = 0;
    let mut missed: HashMap<&str, usize> = HashMap::new();
    let mut sentence_starts = 0;
    let mut starts_found = 0;
    for &(start, end, first) in expected {
        if found.contains_key(&(start, end)) {
            same += 1;
        } else {
            *missed.entry(&text[start..end]).or_default() += 1;
        }
        if first {
            sentence_starts += 1;
            let hit = starts.contains(&start);
            starts_found += usize::from(hit);
            if show && !hit {
                let from = text.floor_char_boundary(start.saturating_sub(40));
                let to = text.ceil_char_boundary((start + 20).min(text.len()));
                println!("missed start: {}|{}", &text[from..start], &text[start..to]);
            }
        }
    }
    println!(
        "tokens reproduced exactly: {same}/{} = {:.2}%",
        expected.len(),
        100.0 * same as f64 / expected.len() as f64
    );
    println!(
        "corpus sentence starts that start a sentence: {starts_found}/{sentence_starts} = {:.2}%; \
         sentences found {} for {} in the corpus",
        100.0 * starts_found as f64 / sentence_starts as f64,
        got.last().map_or(0, |t| t.sentence + 1),
        sentence_starts
    );
    if show {
        let mut missed: Vec<_> = missed.into_iter().collect();
        missed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (token, count) in missed.iter().take(80) {
            println!("{count:5} {token}");
        }
    }
}

/// Best of five runs of `f`, in seconds: the machine is shared, so the minimum is the figure
/// least disturbed by other work.
fn best_of_five<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn bench(sentences: &[Vec<&str>], megabytes: usize) {
    let (one, _) = detokenize(sentences);
    let mut raw = String::with_capacity(megabytes << 20);
    while raw.len() < megabytes << 20 {
        raw.push_str(&one);
        raw.push('\n');
    }
    stress();
    let mb = raw.len() as f64 / (1 << 20) as f64;
    let rebuild = best_of_five(|| normalize_text(&raw).as_str().len());
    let text = normalize_text(&raw).as_str().to_owned();
    let clean = best_of_five(|| normalize_text(&text).as_str().len());
    let mut tokens = Vec::new();
    let tokenize_secs = best_of_five(|| {
        tokens.clear();
        tokenize_into(&text, &mut tokens);
    });
    println!(
        "{mb:.1} MB, {} tokens, {} sentences",
        tokens.len(),
        tokens.last().map_or(0, |t| t.sentence + 1)
    );
    println!(
        "normalize_text: {:.0} MB/s on clean text (borrowed), {:.0} MB/s when it must rebuild{}",
        mb / clean,
        mb / rebuild,
        if normalize_text(&raw).as_str() == raw {
            " (input was clean)"
        } else {
            ""
        }
    );
    println!("tokenize:       {:.0} MB/s", mb / tokenize_secs);
}

/// Throughput on pathological inputs, to show no pattern makes a stage slow down sharply.
fn stress() {
    let patterns = [
        "a+",
        "1+",
        "α.",
        "κ. ",
        "'",
        "’α",
        "«",
        "\u{301}",
        "a\u{301}",
        "@a",
        "#",
        "x@y.",
        "-1",
        "http://",
        "www.a",
        "...",
        "\u{AD}",
        "\n",
        "ό,",
        "a-",
        "Α.Ε.",
        "\u{1F1EC}",
    ];
    let mut worst = f64::INFINITY;
    for pattern in patterns {
        let text = pattern.repeat((2 << 20) / pattern.len());
        let mb = text.len() as f64 / (1 << 20) as f64;
        let t = Instant::now();
        let normalized = normalize_text(&text);
        let tokens = tokenize(normalized.as_str());
        let secs = t.elapsed().as_secs_f64();
        std::hint::black_box(tokens);
        worst = worst.min(mb / secs);
        println!(
            "{pattern:?} x {}: normalize + tokenize {:.0} MB/s",
            text.len() / pattern.len(),
            mb / secs
        );
    }
    println!("slowest pathological input: {worst:.0} MB/s");
}
