//! Training the sentence boundary classifier on a CoNLL-U treebank (`elpipe train-sentences`).
//!
//! Each document (`# newdoc`) is rebuilt as raw text the way the CoNLL 2018 shared task's
//! `conllu_to_text.pl` does — surface tokens (a multiword token's range line, not its words),
//! each followed by a space unless its MISC column says `SpaceAfter=No` — so a document's
//! sentences are joined by single spaces. The text goes through the tokenizer; every candidate
//! position (see `sentences::fixed_decision`) is an example, positive when a gold sentence
//! starts at the token after it. An averaged perceptron learns the weights in a seeded order.
//! Scores are sentence F1 by exact span, as `scripts/sentence_f1.py` measures through the
//! whole pipeline.

use std::fmt;
use std::path::{Path, PathBuf};

use super::sentences::{self, Gap, History, Model, BUCKET_BITS};
use super::RawToken;
use crate::error::{Error, Result};

/// What `elpipe train-sentences` reads.
#[derive(Clone, Debug)]
pub struct SentenceTrainOptions {
    /// The CoNLL-U file trained on (UD Greek GDT `train.conllu` for the shipped model).
    pub train: PathBuf,
    /// A CoNLL-U file only reported on (never trained on).
    pub dev: Option<PathBuf>,
    /// Passes over the training examples.
    pub epochs: usize,
    /// Seeds the order examples are visited in; the same data and seed give the same model.
    pub seed: u64,
}

/// Sentence precision, recall and F1 (exact spans) on the train and dev files.
#[derive(Clone, Debug)]
pub struct SentenceTrainReport {
    /// Scores on the training file, with the trained model.
    pub train: Scores,
    /// Scores on the dev file, with the rules alone and with the trained model.
    pub dev: Option<(Scores, Scores)>,
}

/// Sentence-level counts by exact span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Gold sentences.
    pub gold: usize,
    /// Predicted sentences.
    pub predicted: usize,
    /// Predicted sentences with exactly a gold sentence's span.
    pub correct: usize,
}

impl Scores {
    /// Harmonic mean of precision and recall (0 when nothing is correct).
    pub fn f1(&self) -> f64 {
        if self.correct == 0 {
            return 0.0;
        }
        2.0 * self.correct as f64 / (self.gold + self.predicted) as f64
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        write!(
            f,
            "sentences {}: precision {p:.4} recall {r:.4} F1 {:.4}",
            self.gold,
            self.f1()
        )
    }
}

impl fmt::Display for SentenceTrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "train: {}", self.train)?;
        if let Some((rules, model)) = &self.dev {
            write!(f, "\ndev, rules only: {rules}\ndev, trained:    {model}")?;
        }
        Ok(())
    }
}

/// A treebank document rebuilt as raw text, with its gold sentences as byte spans.
struct Document {
    text: String,
    sentences: Vec<(usize, usize)>,
}

/// Reads the documents of a CoNLL-U file (see the module documentation for the text).
fn read_conllu(path: &Path) -> Result<Vec<Document>> {
    let content = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut documents = Vec::new();
    let mut doc = Document {
        text: String::new(),
        sentences: Vec::new(),
    };
    let mut sentence_start = None;
    let mut last_end = 0;
    let mut skip_until = 0usize;
    let finish_sentence = |doc: &mut Document, start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            doc.sentences.push((s, end));
        }
    };
    for (number, line) in content.lines().enumerate() {
        if line.starts_with("# newdoc") {
            finish_sentence(&mut doc, &mut sentence_start, last_end);
            if !doc.sentences.is_empty() {
                documents.push(std::mem::replace(
                    &mut doc,
                    Document {
                        text: String::new(),
                        sentences: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            finish_sentence(&mut doc, &mut sentence_start, last_end);
            skip_until = 0;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line: number + 1,
                message: format!("a CoNLL-U line has 10 columns, this one {}", cols.len()),
            });
        }
        let id = cols[0];
        let bad_id = || Error::Parse {
            path: path.to_path_buf(),
            line: number + 1,
            message: format!("bad token id {id:?}"),
        };
        let surface = if let Some((_, last)) = id.split_once('-') {
            skip_until = last.parse().map_err(|_| bad_id())?;
            true
        } else if id.contains('.') {
            false // an empty node has no surface
        } else {
            id.parse::<usize>().map_err(|_| bad_id())? > skip_until
        };
        if !surface {
            continue;
        }
        let start = doc.text.len();
        doc.text.push_str(cols[1]);
        last_end = doc.text.len();
        sentence_start.get_or_insert(start);
        if !cols[9].split('|').any(|m| m == "SpaceAfter=No") {
            doc.text.push(' ');
        }
    }
    finish_sentence(&mut doc, &mut sentence_start, last_end);
    if !doc.sentences.is_empty() {
        documents.push(doc);
    }
    for doc in &mut documents {
        let trimmed = doc.text.trim_end_matches(' ').len();
        doc.text.truncate(trimmed);
    }
    Ok(documents)
}

/// A document tokenized by the rules, with the gold label of every token.
struct Example {
    tokens: Vec<RawToken>,
    gaps: Vec<Gap>,
    starts: Vec<bool>,
}

fn examples(doc: &Document) -> Example {
    let mut tokens = Vec::new();
    let gaps = super::scan(&doc.text, &mut tokens);
    let mut gold = doc.sentences.iter().map(|s| s.0).peekable();
    let starts = tokens
        .iter()
        .map(|t| {
            while gold.next_if(|&s| s < t.span.start).is_some() {}
            gold.peek() == Some(&t.span.start)
        })
        .collect();
    Example {
        tokens,
        gaps,
        starts,
    }
}

/// The seeded order of examples (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Trains the boundary classifier on `options.train`; returns it with its scores.
pub fn train_sentences(options: &SentenceTrainOptions) -> Result<(Model, SentenceTrainReport)> {
    let train_docs = read_conllu(&options.train)?;
    let data: Vec<Example> = train_docs.iter().map(examples).collect();
    // (document, token) of every candidate, visited in a seeded order each epoch
    let mut order: Vec<(usize, usize, History)> = Vec::new();
    for (d, ex) in data.iter().enumerate() {
        let mut history = History {
            since_break: 1,
            first_sentence: true,
        };
        for i in 1..ex.tokens.len() {
            let text = &train_docs[d].text;
            if sentences::fixed_decision(text, &ex.tokens, &ex.gaps, i, history).is_none() {
                order.push((d, i, history));
            }
            if ex.starts[i] {
                history = History {
                    since_break: 0,
                    first_sentence: false,
                };
            }
            history.since_break += 1;
        }
    }
    let mut model = Model::zeros(BUCKET_BITS);
    let mut sums = vec![0f64; 1 << BUCKET_BITS];
    let mut rng = SplitMix(options.seed);
    let mut step = 1f64;
    let mut hashes = Vec::with_capacity(32);
    for _ in 0..options.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        for &(d, i, history) in &order {
            let ex = &data[d];
            hashes.clear();
            sentences::features(
                &train_docs[d].text,
                &ex.tokens,
                &ex.gaps,
                i,
                history,
                &mut |h| hashes.push(h),
            );
            let score: f32 = hashes.iter().map(|&h| model.weight(h)).sum();
            let gold = ex.starts[i];
            if (score > 0.0) != gold {
                let y = if gold { 1.0 } else { -1.0 };
                let mask = (1usize << BUCKET_BITS) - 1;
                for &h in &hashes {
                    let b = (h as usize) & mask;
                    model.weights_mut()[b] += y;
                    sums[b] += y as f64 * step;
                }
            }
            step += 1.0;
        }
    }
    // averaged weights: w - (Σ c·Δ) / c
    for (w, s) in model.weights_mut().iter_mut().zip(&sums) {
        *w = (f64::from(*w) - s / step) as f32;
    }
    let train = score(&train_docs, Some(&model));
    let dev = match &options.dev {
        Some(path) => {
            let docs = read_conllu(path)?;
            Some((score(&docs, None), score(&docs, Some(&model))))
        }
        None => None,
    };
    Ok((model, SentenceTrainReport { train, dev }))
}

/// Sentence F1 counts on `docs` of `model`, or of the rules alone.
fn score(docs: &[Document], model: Option<&Model>) -> Scores {
    let mut scores = Scores::default();
    for doc in docs {
        let mut tokens = Vec::new();
        let gaps = super::scan(&doc.text, &mut tokens);
        if let Some(model) = model {
            sentences::assign(&doc.text, &mut tokens, &gaps, model);
        }
        let mut predicted: Vec<(usize, usize)> = Vec::new();
        for t in &tokens {
            match predicted.get_mut(t.sentence as usize) {
                Some(span) => span.1 = t.span.end,
                None => predicted.push((t.span.start, t.span.end)),
            }
        }
        scores.gold += doc.sentences.len();
        scores.predicted += predicted.len();
        scores.correct += predicted
            .iter()
            .filter(|p| doc.sentences.binary_search(p).is_ok())
            .count();
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two documents of our own: a headline, its date and a sentence, with a multiword token («στο» = σε
    /// + το) and `SpaceAfter=No` before the full stop; then a sentence ending in an ano teleia.
    const CONLLU: &str = "# newdoc id = a\n\
        # text = Βροχές στο νησί\n\
        1\tΒροχές\tβροχή\tNOUN\t_\t_\t0\troot\t_\t_\n\
        2-3\tστο\t_\t_\t_\t_\t_\t_\t_\t_\n\
        2\tσε\tσε\tADP\t_\t_\t4\tcase\t_\t_\n\
        3\tτο\tο\tDET\t_\t_\t4\tdet\t_\t_\n\
        4\tνησί\tνησί\tNOUN\t_\t_\t1\tnmod\t_\t_\n\
        \n\
        # text = 2025-01-03\n\
        1\t2025-01-03\t2025-01-03\tNUM\t_\t_\t0\troot\t_\t_\n\
        \n\
        # text = Έβρεξε πολύ.\n\
        1\tΈβρεξε\tβρέχω\tVERB\t_\t_\t0\troot\t_\t_\n\
        2\tπολύ\tπολύ\tADV\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n\
        3\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\
        \n\
        # newdoc id = b\n\
        # text = Ήρθαν·\n\
        1\tΉρθαν\tέρχομαι\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
        2\t·\t·\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\
        \n\
        # text = έφυγαν νωρίς.\n\
        1\tέφυγαν\tφεύγω\tVERB\t_\t_\t0\troot\t_\t_\n\
        2\tνωρίς\tνωρίς\tADV\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n\
        3\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n";

    fn write(dir: &tempfile::TempDir, content: &str) -> PathBuf {
        let path = dir.path().join("t.conllu");
        std::fs::write(&path, content).unwrap();
        path
    }

    #[test]
    fn documents_are_rebuilt_from_surface_tokens_and_space_after() {
        let dir = tempfile::tempdir().unwrap();
        let docs = read_conllu(&write(&dir, CONLLU)).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Βροχές στο νησί 2025-01-03 Έβρεξε πολύ.");
        fn span(doc: &Document, i: usize) -> &str {
            &doc.text[doc.sentences[i].0..doc.sentences[i].1]
        }
        assert_eq!(span(&docs[0], 0), "Βροχές στο νησί");
        assert_eq!(span(&docs[0], 1), "2025-01-03");
        assert_eq!(span(&docs[0], 2), "Έβρεξε πολύ.");
        assert_eq!(docs[1].text, "Ήρθαν· έφυγαν νωρίς.");
    }

    #[test]
    fn training_learns_the_treebank_boundaries_and_is_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, CONLLU);
        let options = SentenceTrainOptions {
            train: path.clone(),
            dev: Some(path),
            epochs: 5,
            seed: 7,
        };
        let (model, report) = train_sentences(&options).unwrap();
        assert_eq!(report.train.gold, 5);
        let (rules, trained) = report.dev.unwrap();
        assert_eq!(rules.correct, 0, "the rules split neither document");
        assert_eq!(trained.correct, 5, "{report}");
        let (again, _) = train_sentences(&options).unwrap();
        assert_eq!(model.to_bytes(), again.to_bytes());
    }

    #[test]
    fn a_line_with_the_wrong_number_of_columns_is_a_parse_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "# newdoc\n1\tλέξη\n\n");
        let err = read_conllu(&path).err().unwrap();
        assert!(
            err.to_string()
                .contains(":2: a CoNLL-U line has 10 columns"),
            "{err}"
        );
    }
}
