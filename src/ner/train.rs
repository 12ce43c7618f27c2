//! Training: averaged structured perceptrons (Collins 2002) with constrained Viterbi decoding,
//! then a linear-chain CRF on the same features ([`super::crf`]) whose weights are added to
//! theirs ([`TrainOptions::crf_share`]; elNER-4 dev, mean of three seeds, 0.8996 → 0.9018).
//!
//! Two stages: the first learns the features every sentence fires from the training sentences
//! as they are; the second learns, from copies of them in Greek capitals, only the weights of
//! the copies of those features that sentences in capitals fire besides ([`capitals_features`],
//! a table of their own), starting from the first stage's weights, which stay as they are. So
//! ordinary sentences score exactly as a model trained without capitals, and headlines in
//! capitals get their own corrections (elNER-4 dev in capitals: 0.62 → 0.81 F1). Learning the
//! copies in capitals with the shared weights, or with copies in the shared table, cost ordinary
//! sentences 0.1 to 0.3 points.
//!
//! Features of every training sentence are extracted once into bucket indices; each epoch visits
//! the sentences in a seeded random order and, when the decoded tags differ from the gold ones,
//! adds 1 to the weights of the gold tags' features and transitions and subtracts 1 from the
//! predicted ones. Each perceptron's weights are averaged over every step; [`ENSEMBLE`]
//! perceptrons trained on different shuffles are averaged again, and the result is quantized to
//! `i16`.
//!
//! What was tried on elNER-4 dev and left out because it did not help (each within ±0.002 F1 or
//! worse): BIOES tags, random dropout of word-identity features, Greek Snowball stems, k-means
//! clusters of PPMI context vectors, a per-word "occurred inside a training entity of type X"
//! feature, a reliability bucket for dictionary matches, a "between quotes" feature, a
//! passive-aggressive step size, bagging (each member on 85 % of the sentences), 2^22 buckets,
//! 20 folds, 20 epochs.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::corpus::{read_iob, Sentence};
use super::crf::{self, Crf, CrfScratch};
use super::decode::{constrain, tag_count, tag_of, Viterbi};
use super::dictionary::{Dictionary, DictionaryBuilder};
use super::eval::evaluate_sentences;
use super::features::{
    annotate_chains, capitals_bucket, capitals_features, in_capitals, position_features,
    token_info, TokenInfo, CAPITALS_BITS,
};
use super::gazetteer::Gazetteer;
use super::Tagger;
use crate::greek::to_capitals;
use crate::{Error, Iob, Result};

/// log2 of the number of hash buckets of a trained model.
const BUCKET_BITS: u32 = 20;
/// Folds of the training data for the jackknifed entity dictionary.
const FOLDS: usize = 10;
/// Number of perceptrons, trained on differently shuffled data, whose weights are averaged.
const ENSEMBLE: usize = 3;

/// What to train on and for how long.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// IOB2 training file (one `token TAG` per line, a blank line between sentences).
    pub train: PathBuf,
    /// IOB2 development file scored after each epoch, if any.
    pub dev: Option<PathBuf>,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence shuffle between epochs: the same seed gives the same model.
    pub seed: u64,
    /// Share (0 to 1) of the training sentences also learned in Greek capitals, as headlines
    /// are set (`greek::to_capitals`), so that names in capitals tag too. They are learned in a
    /// second stage, by weights that only sentences in capitals read, so that ordinary
    /// sentences tag exactly as without them.
    pub upper_case_share: f64,
    /// Share (0 to 1) of a linear-chain CRF in the weights of ordinary sentences: after the
    /// perceptrons, a CRF is trained on the same features ([`super::crf`]) and the two weight
    /// sets are added, the CRF's scaled to the perceptrons' and weighted by this share (0: the
    /// perceptrons alone). Training takes about a quarter more CPU time (elNER-4: 22 → 27 s).
    pub crf_share: f64,
}

impl TrainOptions {
    /// The share of training sentences also learned in capitals by default: all of them (the
    /// shipped models' recipe; elNER-4 dev in capitals 0.62 → 0.81, ordinary dev unchanged).
    pub const DEFAULT_UPPER_CASE_SHARE: f64 = 1.0;
    /// The CRF's share by default: equal with the perceptrons (the shipped models' recipe;
    /// elNER-4 dev, mean of seeds 1 to 3: 0.8996 → 0.9018; in an earlier sweep, shares 0.3 to
    /// 0.6 all gave 0.9033 to 0.9038 and the CRF alone 0.8994, against 0.9006).
    pub const DEFAULT_CRF_SHARE: f64 = 0.5;
}

/// A training sentence as bucket indices and gold tags.
pub(crate) struct Example {
    /// Bucket indices of every position's features, concatenated.
    pub buckets: Vec<u32>,
    /// `buckets[offsets[i]..offsets[i + 1]]` are position `i`'s.
    pub offsets: Vec<u32>,
    /// `buckets[copies[i]..offsets[i + 1]]` are position `i`'s features for sentences in
    /// capitals only ([`capitals_features`]; none in an ordinary sentence).
    pub copies: Vec<u32>,
    pub gold: Vec<u16>,
    /// Whether the sentence is set in capitals ([`in_capitals`]): each position's features are
    /// the shared ones, then as many copies for sentences in capitals.
    pub capitals: bool,
}

/// SplitMix64: a small, well-mixed deterministic generator for shuffling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Perceptron weights with the running sums needed for averaging.
struct Perceptron {
    n_tags: usize,
    weights: Vec<f32>,
    weight_sums: Vec<f64>,
    raw_transitions: Vec<f32>,
    transition_sums: Vec<f64>,
    /// `raw_transitions` with forbidden transitions at −∞, kept in sync for decoding.
    transitions: Vec<f32>,
    /// Number of sentences seen; each update at step `c` is remembered as `c × delta`.
    step: f64,
    /// Whether only the second half of each position's features (the copies for sentences in
    /// capitals) and no transition learn: the second stage of training.
    frozen_shared: bool,
}

impl Perceptron {
    fn new(n_tags: usize, bucket_bits: u32) -> Perceptron {
        let buckets = (1usize << bucket_bits) + (1 << CAPITALS_BITS);
        let raw_transitions = vec![0.0; (n_tags + 1) * n_tags];
        Perceptron {
            n_tags,
            weights: vec![0.0; buckets * n_tags],
            weight_sums: vec![0.0; buckets * n_tags],
            transitions: constrain(&raw_transitions, n_tags),
            transition_sums: vec![0.0; raw_transitions.len()],
            raw_transitions,
            step: 1.0,
            frozen_shared: false,
        }
    }

    /// A perceptron that starts from `start` and learns only the features of sentences in
    /// capitals: their copies (the second half of each position's features) move, while the
    /// shared features and the transitions stay as `start` has them.
    fn capitals_stage(n_tags: usize, start: &Averaged, members: usize) -> Perceptron {
        let mean =
            |v: &[f64]| -> Vec<f32> { v.iter().map(|&w| (w / members as f64) as f32).collect() };
        let raw_transitions = mean(&start.transitions);
        Perceptron {
            n_tags,
            weights: mean(&start.weights),
            weight_sums: vec![0.0; start.weights.len()],
            transitions: constrain(&raw_transitions, n_tags),
            transition_sums: vec![0.0; raw_transitions.len()],
            raw_transitions,
            step: 1.0,
            frozen_shared: true,
        }
    }

    fn emissions(&self, example: &Example, out: &mut Vec<f32>) {
        let n_tags = self.n_tags;
        out.clear();
        out.resize(example.gold.len() * n_tags, 0.0);
        for (i, row) in out.chunks_exact_mut(n_tags).enumerate() {
            // the first stage reads the shared features only, the second all of them
            let end = if self.frozen_shared {
                example.offsets[i + 1]
            } else {
                example.copies[i]
            };
            let features = &example.buckets[example.offsets[i] as usize..end as usize];
            for &b in features {
                let base = b as usize * n_tags;
                for (r, &w) in row.iter_mut().zip(&self.weights[base..base + n_tags]) {
                    *r += w;
                }
            }
        }
    }

    fn update_emission(&mut self, example: &Example, position: usize, tag: u16, delta: f32) {
        let (from, to) = if self.frozen_shared {
            (example.copies[position], example.offsets[position + 1])
        } else {
            (example.offsets[position], example.copies[position])
        };
        let features = &example.buckets[from as usize..to as usize];
        for &b in features {
            let index = b as usize * self.n_tags + usize::from(tag);
            self.weights[index] += delta;
            self.weight_sums[index] += self.step * f64::from(delta);
        }
    }

    fn update_transition(&mut self, prev: Option<u16>, tag: u16, delta: f32) {
        let row = prev.map_or(self.n_tags, usize::from);
        let index = row * self.n_tags + usize::from(tag);
        self.raw_transitions[index] += delta;
        self.transitions[index] += delta;
        self.transition_sums[index] += self.step * f64::from(delta);
    }

    /// One perceptron step on `example`; returns whether the prediction was wrong.
    fn learn(&mut self, example: &Example, scratch: &mut (Vec<f32>, Viterbi, Vec<u16>)) -> bool {
        let (emissions, viterbi, predicted) = scratch;
        self.emissions(example, emissions);
        viterbi.decode(emissions, self.n_tags, &self.transitions, predicted);
        let wrong = *predicted != example.gold;
        if wrong {
            for i in 0..example.gold.len() {
                let (gold, pred) = (example.gold[i], predicted[i]);
                if gold != pred {
                    self.update_emission(example, i, gold, 1.0);
                    self.update_emission(example, i, pred, -1.0);
                }
                let (gold_prev, pred_prev) = match i {
                    0 => (None, None),
                    _ => (Some(example.gold[i - 1]), Some(predicted[i - 1])),
                };
                if !self.frozen_shared && (gold_prev, gold) != (pred_prev, pred) {
                    self.update_transition(gold_prev, gold, 1.0);
                    self.update_transition(pred_prev, pred, -1.0);
                }
            }
        }
        self.step += 1.0;
        wrong
    }

    /// The weights and transitions averaged over every step so far.
    fn averaged(&self) -> Averaged {
        let average = |w: &[f32], sums: &[f64]| -> Vec<f64> {
            w.iter()
                .zip(sums)
                .map(|(&w, &s)| f64::from(w) - s / self.step)
                .collect()
        };
        Averaged {
            weights: average(&self.weights, &self.weight_sums),
            transitions: average(&self.raw_transitions, &self.transition_sums),
        }
    }
}

/// Averaged perceptron (or CRF) parameters, or their sum over ensemble members: weights by
/// bucket × tag, transitions `(tags + 1) × tags` with the sentence start as the last row.
pub(crate) struct Averaged {
    pub weights: Vec<f64>,
    pub transitions: Vec<f64>,
}

impl Averaged {
    /// Becomes `(1 − share) × self + share × k × other`, where `k` gives `other`'s non-zero
    /// weights the root mean square of this one's: each model has its share of the say whatever
    /// the scale of its weights (a perceptron's count mistakes, a CRF's are log-potentials).
    fn mix(&mut self, other: &Averaged, share: f64) {
        let rms = |v: &[f64]| {
            let (sum, count) = v
                .iter()
                .filter(|w| **w != 0.0)
                .fold((0.0, 0usize), |(s, c), w| (s + w * w, c + 1));
            (sum / count.max(1) as f64).sqrt()
        };
        let (mine, theirs) = (rms(&self.weights), rms(&other.weights));
        let factor = if theirs > 0.0 { mine / theirs } else { 0.0 };
        for (a, b) in self
            .weights
            .iter_mut()
            .zip(&other.weights)
            .chain(self.transitions.iter_mut().zip(&other.transitions))
        {
            *a = (1.0 - share) * *a + share * factor * b;
        }
    }

    fn add(&mut self, other: &Averaged) {
        for (a, b) in self.weights.iter_mut().zip(&other.weights) {
            *a += b;
        }
        for (a, b) in self.transitions.iter_mut().zip(&other.transitions) {
            *a += b;
        }
    }

    /// A tagger with these parameters, emission weights quantized to `i16` (scaled so that the
    /// largest is `i16::MAX`; transitions get the same scale).
    fn tagger(&self, context: &Context) -> Tagger {
        self.tagger_scaled(context, self.max_weight())
    }

    /// The largest absolute emission weight.
    fn max_weight(&self) -> f64 {
        self.weights.iter().fold(0.0f64, |m, w| m.max(w.abs()))
    }

    /// [`Averaged::tagger`] with the quantization scale set by `max` (weights beyond it saturate).
    fn tagger_scaled(&self, context: &Context, max: f64) -> Tagger {
        let scale = if max > 0.0 {
            f64::from(i16::MAX) / max
        } else {
            1.0
        };
        let quantized = self
            .weights
            .iter()
            .map(|w| {
                (w * scale)
                    .round()
                    .clamp(-f64::from(i16::MAX), f64::from(i16::MAX)) as i16
            })
            .collect();
        let transitions = self
            .transitions
            .iter()
            .map(|t| (t * scale) as f32)
            .collect();
        Tagger::from_parts(
            context.labels.clone(),
            context.bucket_bits,
            transitions,
            quantized,
            context.gazetteer.clone(),
            context.dictionary.clone(),
        )
    }
}

/// What a trained tagger holds besides its weights.
struct Context {
    labels: Vec<Arc<str>>,
    bucket_bits: u32,
    gazetteer: Gazetteer,
    dictionary: Dictionary,
}

/// The features of a sentence's `tokens` as bucket indices, with its gold tags.
fn example(tokens: &[TokenInfo], gold: Vec<u16>, bucket_bits: u32) -> Example {
    let mut features = Vec::new();
    let mut buckets = Vec::new();
    let mut offsets = vec![0];
    let mut copies = Vec::with_capacity(tokens.len());
    let capitals = in_capitals(tokens);
    for i in 0..tokens.len() {
        features.clear();
        position_features(tokens, i, &mut features);
        let shared = features.len();
        if capitals {
            capitals_features(tokens, i, &mut features);
        }
        copies.push((buckets.len() + shared) as u32);
        buckets.extend(
            features[..shared]
                .iter()
                .map(|&f| (f >> (64 - bucket_bits)) as u32),
        );
        buckets.extend(
            features[shared..]
                .iter()
                .map(|&f| capitals_bucket(f, bucket_bits) as u32),
        );
        offsets.push(buckets.len() as u32);
    }
    Example {
        buckets,
        offsets,
        copies,
        gold,
        capitals,
    }
}

/// The gold tag indices of a sentence, read as conlleval does (an I that cannot continue the
/// previous tag starts an entity), so that every gold sequence is one the decoder can output.
fn gold_tags(sentence: &Sentence, labels: &[Arc<str>]) -> Vec<u16> {
    let mut tags = vec![0u16; sentence.words.len()];
    for (start, end, label) in sentence.entities() {
        let Some(k) = labels.iter().position(|l| &**l == label) else {
            continue;
        };
        tags[start] = tag_of(Iob::B, k) as u16;
        for tag in &mut tags[start + 1..end] {
            *tag = tag_of(Iob::I, k) as u16;
        }
    }
    tags
}

/// Trains deterministically; calls `report` with one line per epoch (dev precision, recall and
/// F1 when dev is given).
pub fn train(options: &TrainOptions, report: &mut dyn FnMut(&str)) -> Result<Tagger> {
    train_with(options, &Gazetteer::shipped()?, BUCKET_BITS, report)
}

/// [`train`] with a given gazetteer and hash table size.
fn train_with(
    options: &TrainOptions,
    gazetteer: &Gazetteer,
    bucket_bits: u32,
    report: &mut dyn FnMut(&str),
) -> Result<Tagger> {
    let mut sentences = read_iob(&options.train)?;
    let dev = options.dev.as_deref().map(read_iob).transpose()?;
    if !(0.0..=1.0).contains(&options.upper_case_share) {
        return Err(Error::Invalid(format!(
            "the share of sentences in capitals is {}, not between 0 and 1",
            options.upper_case_share
        )));
    }
    if !(0.0..=1.0).contains(&options.crf_share) {
        return Err(Error::Invalid(format!(
            "the CRF's share is {}, not between 0 and 1",
            options.crf_share
        )));
    }
    // sentence `k` of the file is sentence `original[k]`; copies in capitals come after the
    // originals and keep their original's fold of the jackknifed dictionary
    let n_originals = sentences.len();
    let mut original: Vec<usize> = (0..n_originals).collect();
    let mut pick = SplitMix(options.seed ^ 0x4341_5053);
    for k in 0..n_originals {
        if (pick.next() >> 11) as f64 / (1u64 << 53) as f64 >= options.upper_case_share {
            continue;
        }
        let sentence = &sentences[k];
        let capitals = Sentence {
            words: sentence.words.iter().map(|w| to_capitals(w)).collect(),
            tags: sentence.tags.clone(),
        };
        if capitals.words != sentence.words {
            sentences.push(capitals);
            original.push(k);
        }
    }

    let labels: Vec<Arc<str>> = sentences
        .iter()
        .flat_map(|s| s.tags.iter())
        .filter(|(iob, _)| *iob != Iob::O)
        .map(|(_, label)| label.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(Arc::from)
        .collect();
    if labels.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: no entity tags to learn from",
            options.train.display()
        )));
    }
    if tag_count(labels.len()) > usize::from(u16::MAX) {
        return Err(Error::Invalid(format!("{} entity types", labels.len())));
    }
    let mut norm = String::new();
    let mut tokens: Vec<Vec<TokenInfo>> = sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| token_info(w, gazetteer, &mut norm))
                .collect()
        })
        .collect();
    let mut builder = DictionaryBuilder::new(FOLDS, labels.len());
    for (k, (sentence, tokens)) in sentences.iter().zip(&tokens).enumerate().take(n_originals) {
        for (start, end, label) in sentence.entities() {
            if let Some(l) = labels.iter().position(|x| &**x == label) {
                builder.add(k % FOLDS, &tokens[start..end], l);
            }
        }
    }
    let jackknifed: Vec<Dictionary> = (0..FOLDS).map(|f| builder.build(Some(f))).collect();
    let examples: Vec<Example> = sentences
        .iter()
        .zip(tokens.iter_mut())
        .enumerate()
        .map(|(k, (sentence, tokens))| {
            jackknifed[original[k] % FOLDS].annotate(tokens);
            annotate_chains(tokens);
            example(tokens, gold_tags(sentence, &labels), bucket_bits)
        })
        .collect();
    drop((sentences, tokens, jackknifed));
    let context = Context {
        labels,
        bucket_bits,
        gazetteer: gazetteer.clone(),
        dictionary: builder.build(None),
    };
    let labels = &context.labels;
    let dev_f1 = |tagger: &Tagger| {
        dev.as_ref().map_or(String::new(), |dev| {
            let r = evaluate_sentences(tagger, dev).overall;
            format!(
                "; dev P {:.4} R {:.4} F1 {:.4}",
                r.precision(),
                r.recall(),
                r.f1()
            )
        })
    };
    let mut ensemble: Option<Averaged> = None;
    let members = ENSEMBLE;
    for member in 0..members {
        let mut perceptron = Perceptron::new(tag_count(labels.len()), bucket_bits);
        let mut order: Vec<usize> = (0..n_originals).collect();
        let mut rng = SplitMix(options.seed ^ (member as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let mut scratch = Default::default();
        for epoch in 1..=options.epochs {
            let started = Instant::now();
            rng.shuffle(&mut order);
            let mut wrong = 0;
            for &k in &order {
                wrong += usize::from(perceptron.learn(&examples[k], &mut scratch));
            }
            let mut line = format!(
                "model {}/{ENSEMBLE} epoch {epoch}/{}: {:.1} s, {wrong} of {} training sentences mistagged",
                member + 1,
                options.epochs,
                started.elapsed().as_secs_f64(),
                examples.len()
            );
            if dev.is_some() {
                line += &dev_f1(&perceptron.averaged().tagger(&context));
            }
            report(&line);
        }
        let averaged = perceptron.averaged();
        match &mut ensemble {
            Some(sum) => sum.add(&averaged),
            None => ensemble = Some(averaged),
        }
    }
    let mut ensemble = ensemble.ok_or_else(|| Error::Invalid("no model trained".to_string()))?;
    if options.crf_share > 0.0 {
        if members > 1 {
            report(&format!(
                "ensemble of {members} models{}",
                dev_f1(&ensemble.tagger(&context))
            ));
        }
        let n_buckets = (1usize << bucket_bits) + (1 << CAPITALS_BITS);
        let mut crf = Crf::new(tag_count(labels.len()), n_buckets);
        let mut order: Vec<usize> = (0..n_originals).collect();
        let mut rng = SplitMix(options.seed ^ 0x4352_4600);
        let mut scratch = CrfScratch::default();
        for epoch in 1..=crf::EPOCHS {
            let started = Instant::now();
            rng.shuffle(&mut order);
            let loss: f64 = order
                .iter()
                .map(|&k| crf.learn(&examples[k], &mut scratch))
                .sum();
            report(&format!(
                "CRF epoch {epoch}/{}: {:.1} s, negative log-likelihood {loss:.1}{}",
                crf::EPOCHS,
                started.elapsed().as_secs_f64(),
                dev_f1(&crf.averaged().tagger(&context))
            ));
        }
        ensemble.mix(&crf.averaged(), options.crf_share);
        report(&format!(
            "perceptrons + CRF (share {}){}",
            options.crf_share,
            dev_f1(&ensemble.tagger(&context))
        ));
    }
    let mut max = ensemble.max_weight();
    let capitals: Vec<usize> = (n_originals..examples.len())
        .filter(|&k| examples[k].capitals)
        .collect();
    if !capitals.is_empty() {
        if members > 1 && options.crf_share == 0.0 {
            report(&format!(
                "ensemble of {members} models{}",
                dev_f1(&ensemble.tagger(&context))
            ));
        }
        let mut perceptron =
            Perceptron::capitals_stage(tag_count(labels.len()), &ensemble, members);
        let mut order = capitals;
        let mut rng = SplitMix(options.seed ^ 0x4341_5053_5354_4147);
        let mut scratch = Default::default();
        for epoch in 1..=options.epochs {
            rng.shuffle(&mut order);
            let mut wrong = 0;
            for &k in &order {
                wrong += usize::from(perceptron.learn(&examples[k], &mut scratch));
            }
            report(&format!(
                "capitals epoch {epoch}/{}: {wrong} of {} sentences in capitals mistagged",
                options.epochs,
                order.len()
            ));
        }
        let mut second = perceptron.averaged();
        // the shared weights and transitions as the first stage left them (the second stage
        // held them in f32), so that ordinary sentences score exactly as without capitals
        let main = (1usize << bucket_bits) * tag_count(labels.len());
        for (w, &first) in second.weights[..main]
            .iter_mut()
            .zip(&ensemble.weights[..main])
        {
            *w = first / members as f64;
        }
        for (t, &first) in second.transitions.iter_mut().zip(&ensemble.transitions) {
            *t = first / members as f64;
        }
        ensemble = second;
        // the ensemble's mean now: the ordinary weights quantize as without this stage
        max /= members as f64;
    }
    let tagger = ensemble.tagger_scaled(&context, max);
    if ENSEMBLE > 1 || options.crf_share > 0.0 {
        report(&format!("trained model{}", dev_f1(&tagger)));
    }
    Ok(tagger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::evaluate;
    use std::io::Write;

    /// Sentences written for this test (not from any dataset).
    const SMALL: &str = "\
Η O\nΕλένη B-PER\nΚαραγιάννη I-PER\nέφτασε O\nστη O\nΛάρισα B-LOC\nχθες O\n. O\n
Ο O\nΠέτρος B-PER\nδουλεύει O\nστην O\nΤράπεζα B-ORG\nΠειραιώς I-ORG\n. O\n
Το O\nΛιμάνι B-ORG\nΒόλου I-ORG\nανακοίνωσε O\nνέα O\nδρομολόγια O\nγια O\nτη O\nΣκιάθο B-LOC\n. O\n
Η O\nΚαραγιάννη B-PER\nμίλησε O\nστη O\nΒουλή B-ORG\n. O\n
Από O\nτη O\nΛάρισα B-LOC\nστον O\nΒόλο B-LOC\nκαι O\nπίσω O\n. O\n";

    fn write_temp(text: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        file
    }

    /// Trains with a small hash table and gazetteer so that the test runs fast in debug builds.
    fn train(options: &TrainOptions, report: &mut dyn FnMut(&str)) -> Result<Tagger> {
        let gazetteer = Gazetteer::from_lists([["Λάρισα", "Βόλο", "Σκιάθο"]]);
        train_with(options, &gazetteer, 14, report)
    }

    fn options(path: &std::path::Path, seed: u64) -> TrainOptions {
        TrainOptions {
            train: path.to_path_buf(),
            dev: Some(path.to_path_buf()),
            epochs: 8,
            seed,
            upper_case_share: 0.0,
            crf_share: TrainOptions::DEFAULT_CRF_SHARE,
        }
    }

    #[test]
    fn sentences_learned_in_capitals_tag_in_capitals() {
        let file = write_temp(SMALL);
        let headline = ["Η", "ΚΑΡΑΓΙΑΝΝΗ", "ΜΙΛΗΣΕ", "ΣΤΗ", "ΒΟΥΛΗ"];
        let tags_of = |tagger: &Tagger| {
            let mut out = Vec::new();
            tagger.tag_sentence(&headline, &mut out);
            out.iter()
                .map(|&(iob, label)| match iob {
                    Iob::O => "O".to_string(),
                    _ => format!("{}-{}", iob.as_str(), tagger.labels()[usize::from(label)]),
                })
                .collect::<Vec<_>>()
        };
        let capitals = TrainOptions {
            upper_case_share: 1.0,
            ..options(file.path(), 7)
        };
        let tagger = train(&capitals, &mut |_| {}).unwrap();
        assert_eq!(tags_of(&tagger), ["O", "B-PER", "O", "O", "B-ORG"]);
        // the copies in capitals add to the ordinary sentences, which still tag
        assert_eq!(evaluate(&tagger, file.path()).unwrap().overall_f1(), 1.0);
        let bad = TrainOptions {
            upper_case_share: 1.5,
            ..options(file.path(), 7)
        };
        let err = train(&bad, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("1.5"), "{err}");
        let bad = TrainOptions {
            crf_share: -0.5,
            ..options(file.path(), 7)
        };
        let err = train(&bad, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("CRF's share is -0.5"), "{err}");
    }

    #[test]
    fn learning_capitals_leaves_the_weights_of_ordinary_sentences_alone() {
        let file = write_temp(SMALL);
        for crf_share in [0.5, 0.0] {
            let plain = TrainOptions {
                crf_share,
                ..options(file.path(), 4)
            };
            let plain = train(&plain, &mut |_| {}).unwrap();
            let capitals = TrainOptions {
                upper_case_share: 1.0,
                crf_share,
                ..options(file.path(), 4)
            };
            let both = train(&capitals, &mut |_| {}).unwrap();
            let main = (1 << 14) * tag_count(plain.labels().len());
            assert_eq!(plain.weights[..main], both.weights[..main]);
            assert_eq!(plain.raw_transitions, both.raw_transitions);
        }
        // without the CRF the perceptrons still mistag the copies in capitals of these five
        // sentences (with it they tag them all, and the capitals stage has nothing to learn)
        let plain = TrainOptions {
            crf_share: 0.0,
            ..options(file.path(), 4)
        };
        let plain = train(&plain, &mut |_| {}).unwrap();
        let capitals = TrainOptions {
            upper_case_share: 1.0,
            crf_share: 0.0,
            ..options(file.path(), 4)
        };
        let mut lines = Vec::new();
        let both = train(&capitals, &mut |l| lines.push(l.to_string())).unwrap();
        let main = (1 << 14) * tag_count(plain.labels().len());
        // the capitals table learned something, and its stage reported each epoch
        assert!(plain.weights[main..].iter().all(|&w| w == 0));
        assert!(both.weights[main..].iter().any(|&w| w != 0), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("capitals epoch 8/8")),
            "{lines:?}"
        );
    }

    #[test]
    fn trained_model_tags_its_training_sentences() {
        let file = write_temp(SMALL);
        let mut lines = Vec::new();
        let tagger = train(&options(file.path(), 7), &mut |l| lines.push(l.to_string())).unwrap();
        // the perceptrons' epochs, the ensemble, the CRF's epochs, the sum, the final model
        assert_eq!(lines.len(), ENSEMBLE * 8 + 1 + crf::EPOCHS + 2);
        assert!(lines.iter().all(|l| l.contains("dev P")), "{lines:?}");
        let labels: Vec<&str> = tagger.labels().iter().map(|l| &**l).collect();
        assert_eq!(labels, ["LOC", "ORG", "PER"]);
        let report = evaluate(&tagger, file.path()).unwrap();
        assert_eq!(report.overall_f1(), 1.0, "{report}");
        assert_eq!(report.overall.true_positives, 10);
    }

    #[test]
    fn training_is_deterministic_and_save_load_keeps_tags() {
        let file = write_temp(SMALL);
        let a = train(&options(file.path(), 3), &mut |_| {}).unwrap();
        let b = train(&options(file.path(), 3), &mut |_| {}).unwrap();
        assert_eq!(a.weights, b.weights);
        assert_eq!(a.raw_transitions, b.raw_transitions);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small.model");
        a.save(&path).unwrap();
        let loaded = Tagger::load(&path).unwrap();
        let words = [
            "Η",
            "Ελένη",
            "πήγε",
            "στον",
            "Βόλο",
            "με",
            "τον",
            "Πέτρο",
            ".",
        ];
        let (mut x, mut y) = (Vec::new(), Vec::new());
        a.tag_sentence(&words, &mut x);
        loaded.tag_sentence(&words, &mut y);
        assert_eq!(x, y);
        assert_eq!(loaded.labels(), a.labels());
    }

    #[test]
    fn files_without_entities_or_with_bad_lines_are_errors() {
        let file = write_temp("Μόνο O\nλέξεις O\n");
        assert!(train(&options(file.path(), 1), &mut |_| {}).is_err());
        let file = write_temp("Μόνο O\nλέξεις\n");
        let err = train(&options(file.path(), 1), &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
    }

    #[test]
    fn shuffle_is_a_seeded_permutation() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix(5).shuffle(&mut a);
        SplitMix(5).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        b.sort_unstable();
        assert_eq!(b, (0..50).collect::<Vec<_>>());
    }
}
