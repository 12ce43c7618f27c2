//! Development harness for the canonical-name stage on a UD CoNLL-U file.
//!
//! Rebuilds documents from the treebank (`# newdoc` boundaries, `# text` lines, tokens), makes an
//! entity of every maximal run of PROPN tokens (a stand-in for the tagger), runs
//! `canonicalize_document` and the corpus merge, and measures, per PROPN word, whether the
//! matching word of the canonical name equals the gold lemma.
//!
//! `cargo run --example canonical_ud -- ../shared/data/ud_gdt/dev.conllu [LABEL] [--errors]
//! [--dump DIR]` (LABEL: the label given to every entity, MISC by default; `--dump` writes
//! elpipe-style `entities.csv`/`tokens.csv` for `scripts/eval_canonical.py score`).

use std::sync::Arc;

use elpipe::stages::{
    canonicalize_document, norm, CanonicalMap, CorpusCanonicalizer, ENTITY_COLUMNS, TOKEN_COLUMNS,
};
use elpipe::{Document, Entity, Iob, Span, Token, TokenKind};

/// One word of the treebank: its surface span in the document text, UPOS and lemma.
struct Word {
    token: usize,
    upos: String,
    lemma: String,
}

struct Built {
    doc: Document,
    /// Per entity: (mention word text, gold lemma) for each of its PROPN words.
    gold: Vec<Vec<(String, String)>>,
}

fn build(
    docs: &mut Vec<Built>,
    id: &str,
    text: &mut String,
    tokens: &mut Vec<Token>,
    words: &mut Vec<Word>,
) {
    if tokens.is_empty() {
        return;
    }
    let mut entities = Vec::new();
    let mut gold = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if words[i].upos != "PROPN" {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len()
            && words[j + 1].upos == "PROPN"
            && words[j + 1].token == words[j].token + 1
            && tokens[words[j + 1].token].sentence == tokens[words[i].token].sentence
        {
            j += 1;
        }
        let (ts, te) = (words[i].token, words[j].token + 1);
        let (start, end) = (tokens[ts].byte_span.start, tokens[te - 1].byte_span.end);
        entities.push(Entity {
            sentence: tokens[ts].sentence,
            token_start: ts,
            token_end: te,
            char_start: tokens[ts].char_start,
            char_end: tokens[te - 1].char_end,
            text: text[start..end].to_string(),
            label: Arc::from(
                std::env::args()
                    .nth(2)
                    .filter(|a| !a.starts_with("--"))
                    .unwrap_or("MISC".into())
                    .as_str(),
            ),
            canonical: String::new(),
            duplicate_line: false,
        });
        gold.push(
            words[i..=j]
                .iter()
                .map(|w| (tokens[w.token].text(text).to_string(), w.lemma.clone()))
                .collect(),
        );
        i = j + 1;
    }
    docs.push(Built {
        doc: Document {
            id: if id.is_empty() {
                format!("doc{}", docs.len())
            } else {
                id.to_string()
            },
            text: std::mem::take(text),
            tokens: std::mem::take(tokens),
            entities,
            ..Document::default()
        },
        gold,
    });
    words.clear();
}

fn read(path: &str) -> Vec<Built> {
    let data = std::fs::read_to_string(path).expect("read CoNLL-U");
    let mut docs = Vec::new();
    let (mut text, mut tokens, mut words) = (String::new(), Vec::new(), Vec::new());
    let mut sentence_text = String::new();
    let mut cursor = 0; // byte offset in `text` where the next token is searched
    let mut sentence = 0u32;
    let mut skip_until = 0usize; // word ids covered by a multiword token
    let mut doc_id = String::new();
    for line in data.lines() {
        if line.starts_with("# newdoc") {
            build(&mut docs, &doc_id, &mut text, &mut tokens, &mut words);
            doc_id = line
                .split_once('=')
                .map_or("", |(_, v)| v.trim())
                .to_string();
            sentence = 0;
        } else if let Some(t) = line.strip_prefix("# text = ") {
            if !text.is_empty() {
                text.push('\n');
            }
            cursor = text.len();
            text.push_str(t);
            sentence_text = t.to_string();
        } else if line.is_empty() {
            skip_until = 0;
            if !sentence_text.is_empty() {
                sentence += 1;
                sentence_text.clear();
            }
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let (id, form, lemma, upos) = (cols[0], cols[1], cols[2], cols[3]);
            let multiword = id.contains('-');
            if id.contains('.') {
                continue;
            }
            let number = id
                .split('-')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            if !multiword && number <= skip_until {
                continue;
            }
            if multiword {
                skip_until = id
                    .split('-')
                    .nth(1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
            }
            let Some(found) = text[cursor..].find(form) else {
                continue;
            };
            let start = cursor + found;
            let end = start + form.len();
            cursor = end;
            if !multiword {
                words.push(Word {
                    token: tokens.len(),
                    upos: upos.to_string(),
                    lemma: lemma.to_string(),
                });
            }
            tokens.push(Token {
                sentence,
                byte_span: Span { start, end },
                char_start: text[..start].chars().count(),
                char_end: text[..end].chars().count(),
                view_byte_span: Span { start, end },
                kind: if form.chars().any(char::is_alphabetic) {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                },
                norm: norm(form),
                stem: String::new(),
                stopword: false,
                iob: Iob::O,
                entity_type: None,
            });
        }
    }
    build(&mut docs, &doc_id, &mut text, &mut tokens, &mut words);
    docs
}

/// The canonical word standing for `word`: the same position when the lengths agree, else the
/// word sharing the longest accentless prefix.
fn aligned<'a>(canonical: &'a str, mention_words: usize, index: usize, word: &str) -> &'a str {
    let words: Vec<&str> = canonical.split(' ').collect();
    if words.len() == mention_words {
        return words[index];
    }
    let word_norm: Vec<char> = norm(word).chars().collect();
    words
        .iter()
        .max_by_key(|w| {
            norm(w)
                .chars()
                .zip(&word_norm)
                .take_while(|(a, b)| a == *b)
                .count()
        })
        .copied()
        .unwrap_or("")
}

/// Writes `entities.csv` and `tokens.csv` in elpipe's layout, to check
/// `scripts/eval_canonical.py score` against this harness.
fn dump(docs: &[Built], map: &CanonicalMap, dir: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut entities = csv::Writer::from_path(format!("{dir}/entities.csv"))?;
    entities.write_record(&ENTITY_COLUMNS[..7])?;
    let mut tokens = csv::Writer::from_path(format!("{dir}/tokens.csv"))?;
    tokens.write_record(&TOKEN_COLUMNS[..11])?;
    for built in docs {
        let doc = &built.doc;
        for e in &doc.entities {
            let canonical = map.resolve(&e.label, &e.canonical);
            entities.write_record([
                doc.id.as_str(),
                &e.sentence.to_string(),
                &e.char_start.to_string(),
                &e.char_end.to_string(),
                &e.text,
                &e.label,
                canonical,
            ])?;
        }
        for (i, t) in doc.tokens.iter().enumerate() {
            tokens.write_record([
                doc.id.as_str(),
                &t.sentence.to_string(),
                &i.to_string(),
                &t.char_start.to_string(),
                &t.char_end.to_string(),
                t.text(&doc.text),
                &t.norm,
                "",
                "false",
                "O",
                "",
            ])?;
        }
    }
    entities.flush()?;
    tokens.flush()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("../shared/data/ud_gdt/dev.conllu".into());
    let show_errors = std::env::args().any(|a| a == "--errors");
    let mut docs = read(&path);
    let mut merger = CorpusCanonicalizer::default();
    for built in &mut docs {
        canonicalize_document(&mut built.doc);
        merger.observe(&built.doc);
    }
    let map = merger.finish();
    let args: Vec<String> = std::env::args().collect();
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
    {
        dump(&docs, &map, dir).expect("write CSVs");
    }
    let (mut total, mut exact, mut folded, mut lowercase_lemma, mut corpus_exact) = (0, 0, 0, 0, 0);
    let mut capitalized_exact = 0;
    for built in &docs {
        for (entity, gold) in built.doc.entities.iter().zip(&built.gold) {
            let resolved = map.resolve(&entity.label, &entity.canonical);
            for (i, (word, lemma)) in gold.iter().enumerate() {
                total += 1;
                let got = aligned(&entity.canonical, gold.len(), i, word);
                let got_corpus = aligned(resolved, gold.len(), i, word);
                let lemma_lower = lemma.chars().next().is_some_and(char::is_lowercase);
                if lemma_lower {
                    lowercase_lemma += 1;
                }
                if got == lemma {
                    exact += 1;
                    if !lemma_lower {
                        capitalized_exact += 1;
                    }
                }
                if got_corpus == lemma {
                    corpus_exact += 1;
                } else if show_errors && got == lemma {
                    println!("corpus merge: {word} -> {got} -> {got_corpus}, gold {lemma}");
                }
                if got.to_lowercase() == lemma.to_lowercase() {
                    folded += 1;
                } else if show_errors {
                    let before = entity
                        .token_start
                        .checked_sub(1)
                        .and_then(|t| built.doc.tokens.get(t))
                        .map_or("", |t| t.text(&built.doc.text));
                    println!(
                        "{before:>6} | {word:<20} -> {got:<20} gold {lemma}{}",
                        if lemma_lower {
                            " (lowercase lemma)"
                        } else {
                            ""
                        }
                    );
                }
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!("documents: {}", docs.len());
    println!("PROPN words in entities: {total}");
    println!("canonical word == gold lemma: {exact} ({:.1}%)", pct(exact));
    println!("same ignoring letter case: {folded} ({:.1}%)", pct(folded));
    println!(
        "after corpus merge, exact: {corpus_exact} ({:.1}%)",
        pct(corpus_exact)
    );
    println!("gold lemmas written in lowercase: {lowercase_lemma}");
    let capitalized = total - lowercase_lemma;
    println!(
        "exact on the {capitalized} capitalized gold lemmas: {capitalized_exact} ({:.1}%)",
        100.0 * capitalized_exact as f64 / capitalized.max(1) as f64
    );
}
