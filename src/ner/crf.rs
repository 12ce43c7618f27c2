//! A globally normalized linear-chain CRF (Lafferty, McCallum, Pereira 2001) on the perceptron's
//! hashed features, trained from zero weights on the log-likelihood of the gold tags under the
//! distribution over every valid IOB2 sequence: the transitions IOB2 forbids have
//! probability 0, as the Viterbi decoder never outputs them. Forward-backward runs in log space;
//! each sentence takes one AdaGrad step (Duchi, Hazan, Singer 2011) with an L2 penalty on the
//! weights it reads, and the weights are averaged over every step as the perceptron's are.
//!
//! On its own the CRF scores below the averaged perceptrons on elNER-4 dev (0.8994 against 0.9006,
//! mean of three seeds: higher precision, lower recall); added to them with equal shares the
//! shipped recipe scores 0.9018 against 0.8996 (see `train.rs` and data/README.md).

use super::decode::{allowed, iob_of};
use super::train::{Averaged, Example};
use crate::Iob;

/// AdaGrad's base step size (elNER-4 dev, seed 1: 0.1 and L2 0.003 reached 0.8987 after 3
/// epochs; without L2 0.8947, with L2 0.01 0.8971, 0.03 0.8917).
pub(crate) const RATE: f64 = 0.1;
/// L2 penalty per read of a weight: the gradient of `L2 / 2 × w²` joins the gradient of a weight
/// each time a sentence reads it.
pub(crate) const L2: f64 = 0.003;
/// Passes over the training sentences (dev F1 peaks at 3 to 4 and then falls as it overfits).
pub(crate) const EPOCHS: usize = 4;
/// Smallest gradient (a tag's probability, or 1 minus the gold tag's) for which a weight takes a
/// step: AdaGrad's first step on a weight is `RATE` whatever the gradient's size, so without it
/// every tag of every feature read gets a weight and the model file grows threefold.
const MIN_GRADIENT: f64 = 0.01;
/// AdaGrad's guard against dividing by 0.
const ADAGRAD_EPSILON: f64 = 1e-8;

/// CRF weights (the layout of a model's: bucket × tag, then `(tags + 1) × tags` transitions with
/// the sentence start as the last row) with AdaGrad's squared-gradient sums and the running sums
/// for averaging.
pub(crate) struct Crf {
    n_tags: usize,
    weights: Vec<f32>,
    weight_sums: Vec<f64>,
    squares: Vec<f32>,
    raw_transitions: Vec<f64>,
    transition_sums: Vec<f64>,
    transition_squares: Vec<f64>,
    /// Number of sentences seen; each update at step `c` is remembered as `c × delta`.
    step: f64,
}

/// Reusable buffers of one CRF step.
#[derive(Default)]
pub(crate) struct CrfScratch {
    emissions: Vec<f64>,
    transitions: Vec<f64>,
    lattice: Lattice,
    /// Per position and tag: marginal probability minus 1 for the gold tag.
    gradient: Vec<f64>,
    transition_gradient: Vec<f64>,
}

/// `ln Σ exp(x)` over `xs`, −∞ for none or all −∞.
fn log_sum_exp(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = xs.clone().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + xs.map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// The tags that may precede `tag` (the sentence start apart): B and I of its type for an I tag,
/// every tag otherwise.
fn predecessors(tag: usize, n_tags: usize) -> std::ops::Range<usize> {
    match iob_of(tag) {
        (Iob::I, _) => tag - 1..tag + 1,
        _ => 0..n_tags,
    }
}

/// Forward and backward log scores of one sentence.
#[derive(Debug, Default)]
pub(crate) struct Lattice {
    /// `alpha[i × tags + t]`: log of the summed scores of every valid prefix ending in `t` at `i`.
    alpha: Vec<f64>,
    /// `beta[i × tags + t]`: log of the summed scores of every valid suffix after `t` at `i`.
    beta: Vec<f64>,
}

impl Lattice {
    /// Runs forward-backward over `emissions` (`n` rows of `n_tags` log scores) and
    /// `transitions` (as `decode::constrain` makes them, `−∞` where forbidden); returns `ln Z`, the log
    /// of the summed scores of every valid sequence (−∞ for an empty sentence).
    pub(crate) fn run(&mut self, emissions: &[f64], transitions: &[f64], n_tags: usize) -> f64 {
        let n = emissions.len() / n_tags;
        self.alpha.clear();
        self.alpha.resize(n * n_tags, f64::NEG_INFINITY);
        self.beta.clear();
        self.beta.resize(n * n_tags, f64::NEG_INFINITY);
        if n == 0 {
            return f64::NEG_INFINITY;
        }
        let trans = |p: usize, t: usize| transitions[p * n_tags + t];
        let start = &transitions[n_tags * n_tags..];
        for ((cell, &s), &e) in self.alpha.iter_mut().zip(start).zip(emissions) {
            *cell = s + e;
        }
        for i in 1..n {
            let (done, rest) = self.alpha.split_at_mut(i * n_tags);
            let previous = &done[(i - 1) * n_tags..];
            for (t, cell) in rest[..n_tags].iter_mut().enumerate() {
                let sum = log_sum_exp(predecessors(t, n_tags).map(|p| previous[p] + trans(p, t)));
                *cell = sum + emissions[i * n_tags + t];
            }
        }
        for cell in &mut self.beta[(n - 1) * n_tags..] {
            *cell = 0.0;
        }
        for i in (0..n - 1).rev() {
            let (head, after) = self.beta.split_at_mut((i + 1) * n_tags);
            let next = &after[..n_tags];
            let next_emissions = &emissions[(i + 1) * n_tags..(i + 2) * n_tags];
            for (p, cell) in head[i * n_tags..].iter_mut().enumerate() {
                *cell = log_sum_exp(
                    (0..n_tags)
                        .filter(|&t| trans(p, t) > f64::NEG_INFINITY)
                        .map(|t| trans(p, t) + next_emissions[t] + next[t]),
                );
            }
        }
        log_sum_exp(self.alpha[(n - 1) * n_tags..].iter().copied())
    }

    /// The probability of tag `t` at position `i` given `ln Z` from [`Lattice::run`].
    fn marginal(&self, i: usize, t: usize, n_tags: usize, log_z: f64) -> f64 {
        let k = i * n_tags + t;
        (self.alpha[k] + self.beta[k] - log_z).exp()
    }
}

impl Crf {
    /// A CRF with every weight 0 for `n_tags` tags and `buckets` hash buckets.
    pub(crate) fn new(n_tags: usize, buckets: usize) -> Crf {
        let n_transitions = (n_tags + 1) * n_tags;
        Crf {
            n_tags,
            weights: vec![0.0; buckets * n_tags],
            weight_sums: vec![0.0; buckets * n_tags],
            squares: vec![0.0; buckets * n_tags],
            raw_transitions: vec![0.0; n_transitions],
            transition_sums: vec![0.0; n_transitions],
            transition_squares: vec![0.0; n_transitions],
            step: 1.0,
        }
    }

    /// One AdaGrad step on `example`'s negative log-likelihood, on the features every sentence
    /// fires (not the copies of sentences in capitals, which a later stage learns). Returns the
    /// negative log-likelihood before the step.
    pub(crate) fn learn(&mut self, example: &Example, scratch: &mut CrfScratch) -> f64 {
        let n_tags = self.n_tags;
        let n = example.gold.len();
        let CrfScratch {
            emissions,
            transitions,
            lattice,
            gradient,
            transition_gradient,
        } = scratch;
        let features =
            |i: usize| &example.buckets[example.offsets[i] as usize..example.copies[i] as usize];
        emissions.clear();
        emissions.resize(n * n_tags, 0.0);
        for (i, row) in emissions.chunks_exact_mut(n_tags).enumerate() {
            for &b in features(i) {
                let base = b as usize * n_tags;
                for (r, &w) in row.iter_mut().zip(&self.weights[base..base + n_tags]) {
                    *r += f64::from(w);
                }
            }
        }
        transitions.clear();
        transitions.extend((0..=n_tags).flat_map(|p| {
            let raw = &self.raw_transitions;
            (0..n_tags).map(move |t| match allowed((p < n_tags).then_some(p), t) {
                true => raw[p * n_tags + t],
                false => f64::NEG_INFINITY,
            })
        }));
        let log_z = lattice.run(emissions, transitions, n_tags);
        let gold_score = (0..n)
            .map(|i| {
                let tag = usize::from(example.gold[i]);
                let prev = if i == 0 {
                    n_tags
                } else {
                    usize::from(example.gold[i - 1])
                };
                transitions[prev * n_tags + tag] + emissions[i * n_tags + tag]
            })
            .sum::<f64>();
        self.step += 1.0;
        if n == 0 || !log_z.is_finite() || !gold_score.is_finite() {
            return 0.0;
        }

        gradient.clear();
        gradient.extend(
            (0..n * n_tags).map(|k| lattice.marginal(k / n_tags, k % n_tags, n_tags, log_z)),
        );
        for (i, &g) in example.gold.iter().enumerate() {
            gradient[i * n_tags + usize::from(g)] -= 1.0;
        }
        transition_gradient.clear();
        transition_gradient.resize(self.raw_transitions.len(), 0.0);
        for t in 0..n_tags {
            transition_gradient[n_tags * n_tags + t] += gradient[t];
        }
        for i in 1..n {
            for t in 0..n_tags {
                let tail = emissions[i * n_tags + t] + lattice.beta[i * n_tags + t] - log_z;
                for p in predecessors(t, n_tags) {
                    let tr = transitions[p * n_tags + t];
                    if tr > f64::NEG_INFINITY {
                        transition_gradient[p * n_tags + t] +=
                            (lattice.alpha[(i - 1) * n_tags + p] + tr + tail).exp();
                    }
                }
            }
            let (from, to) = (
                usize::from(example.gold[i - 1]),
                usize::from(example.gold[i]),
            );
            transition_gradient[from * n_tags + to] -= 1.0;
        }

        let step = self.step;
        for i in 0..n {
            let row = &gradient[i * n_tags..(i + 1) * n_tags];
            for &b in features(i) {
                let base = b as usize * n_tags;
                for (t, &g) in row.iter().enumerate() {
                    if g.abs() < MIN_GRADIENT {
                        continue;
                    }
                    let k = base + t;
                    let w = f64::from(self.weights[k]);
                    let g = g + L2 * w;
                    let square = f64::from(self.squares[k]) + g * g;
                    self.squares[k] = square as f32;
                    let delta = -RATE * g / (square.sqrt() + ADAGRAD_EPSILON);
                    self.weights[k] = (w + delta) as f32;
                    self.weight_sums[k] += step * delta;
                }
            }
        }
        for (k, &g) in transition_gradient.iter().enumerate() {
            let g = g + L2 * self.raw_transitions[k];
            if g == 0.0 {
                continue;
            }
            self.transition_squares[k] += g * g;
            let delta = -RATE * g / (self.transition_squares[k].sqrt() + ADAGRAD_EPSILON);
            self.raw_transitions[k] += delta;
            self.transition_sums[k] += step * delta;
        }
        log_z - gold_score
    }

    /// The weights and transitions averaged over every step so far.
    pub(crate) fn averaged(&self) -> Averaged {
        Averaged {
            weights: self
                .weights
                .iter()
                .zip(&self.weight_sums)
                .map(|(&w, &s)| f64::from(w) - s / self.step)
                .collect(),
            transitions: self
                .raw_transitions
                .iter()
                .zip(&self.transition_sums)
                .map(|(&t, &s)| t - s / self.step)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::decode::{constrain, tag_count};
    use proptest::prelude::*;

    /// `ln Z` by listing every valid tag sequence.
    fn brute_force(emissions: &[f64], transitions: &[f64], n_tags: usize) -> (f64, Vec<f64>) {
        let n = emissions.len() / n_tags;
        let mut scores = Vec::new();
        let mut first_tags = Vec::new();
        let total = n_tags.pow(n as u32);
        for code in 0..total {
            let tags: Vec<usize> = (0..n)
                .map(|i| code / n_tags.pow(i as u32) % n_tags)
                .collect();
            let mut prev = None;
            if !tags.iter().all(|&t| {
                let ok = allowed(prev, t);
                prev = Some(t);
                ok
            }) {
                continue;
            }
            let mut score = 0.0;
            for (i, &t) in tags.iter().enumerate() {
                let p = if i == 0 { n_tags } else { tags[i - 1] };
                score += transitions[p * n_tags + t] + emissions[i * n_tags + t];
            }
            scores.push(score);
            first_tags.push(tags[n - 1]);
        }
        let log_z = log_sum_exp(scores.iter().copied());
        let mut last = vec![0.0; n_tags];
        for (s, t) in scores.iter().zip(first_tags) {
            last[t] += (s - log_z).exp();
        }
        (log_z, last)
    }

    proptest! {
        /// Forward-backward gives the `ln Z` and the last position's tag marginals of the sum
        /// over every valid IOB2 sequence.
        #[test]
        fn forward_backward_equals_enumeration(
            labels in 1usize..3,
            n in 1usize..5,
            values in proptest::collection::vec(-3.0f64..3.0, 60),
        ) {
            let n_tags = tag_count(labels);
            let emissions: Vec<f64> = (0..n * n_tags).map(|k| values[k % values.len()]).collect();
            let raw: Vec<f32> =
                (0..(n_tags + 1) * n_tags).map(|k| values[(k * 7 + 1) % values.len()] as f32).collect();
            let transitions: Vec<f64> =
                constrain(&raw, n_tags).iter().map(|&t| f64::from(t)).collect();
            let mut lattice = Lattice::default();
            let log_z = lattice.run(&emissions, &transitions, n_tags);
            let (expected, last) = brute_force(&emissions, &transitions, n_tags);
            prop_assert!((log_z - expected).abs() < 1e-9, "{} vs {}", log_z, expected);
            for (t, &p) in last.iter().enumerate() {
                prop_assert!((lattice.marginal(n - 1, t, n_tags, log_z) - p).abs() < 1e-9);
            }
            for i in 0..n {
                let sum: f64 = (0..n_tags).map(|t| lattice.marginal(i, t, n_tags, log_z)).sum();
                prop_assert!((sum - 1.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn steps_raise_the_likelihood_of_the_gold_tags() {
        // one sentence of three positions, two features each, gold B-0 I-0 O
        let example = Example {
            buckets: vec![0, 1, 2, 1, 3, 1],
            offsets: vec![0, 2, 4, 6],
            copies: vec![2, 4, 6],
            gold: vec![1, 2, 0],
            capitals: false,
        };
        let mut crf = Crf::new(tag_count(1), 4);
        let mut scratch = CrfScratch::default();
        let losses: Vec<f64> = (0..20).map(|_| crf.learn(&example, &mut scratch)).collect();
        // zero weights: every one of the valid sequences of 3 tags is equally likely
        // (13 valid IOB2 sequences of O, B, I: 5 end in O, 5 in B, 3 in I)
        assert!((losses[0] - f64::ln(13.0)).abs() < 1e-9, "{}", losses[0]);
        assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
        assert!(losses[19] < losses[0] / 5.0, "{losses:?}");
    }
}
