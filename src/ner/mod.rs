//! Named-entity tagging of Greek sentences.
//!
//! A linear model over IOB2 tags: hashed sparse features of each token and its ±2 neighbours
//! (see [`features`]), gazetteer classes (see [`gazetteer`]), matches against the entity strings
//! of the training data (see [`dictionary`]), first-order tag transitions, and Viterbi decoding
//! restricted to valid IOB2 sequences (see [`decode`]). Its weights are the sum of averaged
//! structured perceptrons and a linear-chain CRF trained on the same features (see [`train`] and
//! [`crf`]), stored as `i16` in a fixed-size hash table, so tagging a token costs a few dozen
//! table reads.
//!
//! On elNER-4 dev the shipped model scores entity-level F1 0.9019 (see data/README.md for how it
//! is trained and `examples/ner.rs` for the evaluation command).

mod binary;
mod cache;
mod corpus;
mod crf;
mod decode;
mod dictionary;
mod eval;
mod features;
mod gazetteer;
mod hash;
mod model;
mod train;

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

pub use binary::ModelError;
pub(crate) use corpus::spans;
pub use eval::{evaluate, Counts, EvalReport};
pub use train::{train, TrainOptions};

use cache::{Entry, Rows, WordCache};
use decode::{iob_of, Viterbi};
use dictionary::Dictionary;
use features::{
    annotate_chains, capitals_bucket, capitals_features, in_capitals, pair_features,
    position_features, token_info, token_info_normalized, Group, TokenInfo, AFTER, BEFORE,
};
use gazetteer::Gazetteer;

/// A model shipped in `data/ner/` and embedded in the binary (see data/README.md for how each is
/// trained; both derive from elNER, CC BY-NC-SA 4.0, so they are for non-commercial use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShippedModel {
    /// `elner4`, the default: PERSON, ORG, LOC, MISC, trained on elNER-4.
    Elner4,
    /// `elner18`: 18 OntoNotes types (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, PRODUCT,
    /// WORK_OF_ART, LAW, LANGUAGE, DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL),
    /// trained on elNER-18.
    Elner18,
}

impl ShippedModel {
    /// Every shipped model, the default first.
    pub const ALL: [ShippedModel; 2] = [ShippedModel::Elner4, ShippedModel::Elner18];

    /// The name `--model` selects it by: `elner4` or `elner18`.
    pub fn name(self) -> &'static str {
        match self {
            ShippedModel::Elner4 => "elner4",
            ShippedModel::Elner18 => "elner18",
        }
    }

    /// The shipped model called `name` (exactly, as [`ShippedModel::name`] gives it).
    pub fn from_name(name: &str) -> Option<ShippedModel> {
        ShippedModel::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Where the model lives in the repository; names it in errors.
    pub fn path(self) -> &'static str {
        match self {
            ShippedModel::Elner4 => "data/ner/elner4.model",
            ShippedModel::Elner18 => "data/ner/elner18.model",
        }
    }

    /// The SHA-256 of [`ShippedModel::bytes`] in lowercase hex, computed by build.rs (for
    /// `run.json`).
    pub fn sha256(self) -> &'static str {
        match self {
            ShippedModel::Elner4 => env!("ELPIPE_ELNER4_SHA256"),
            ShippedModel::Elner18 => env!("ELPIPE_ELNER18_SHA256"),
        }
    }

    /// The gzip-compressed model file, embedded at build time (hashed for `run.json`).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            ShippedModel::Elner4 => include_bytes!("../../data/ner/elner4.model"),
            ShippedModel::Elner18 => include_bytes!("../../data/ner/elner18.model"),
        }
    }
}

/// A trained tagger. Immutable after construction, so it is shared freely across threads.
#[derive(Clone, Debug)]
pub struct Tagger {
    labels: Vec<Arc<str>>,
    n_tags: usize,
    bucket_bits: u32,
    /// Transition scores as trained: `(n_tags + 1) × n_tags`, the last row for sentence start.
    raw_transitions: Vec<f32>,
    /// `raw_transitions` with forbidden IOB2 transitions at −∞.
    transitions: Vec<f32>,
    /// `2^bucket_bits × n_tags` feature weights.
    weights: Vec<i16>,
    gazetteer: Gazetteer,
    /// Entity strings of the training data.
    dictionary: Dictionary,
    /// Unique per loaded or trained model (clones share it): the key of the per-thread
    /// [`WordCache`], which holds sums of this model's weights.
    id: u64,
}

/// Per-thread buffers of [`Tagger::tag_sentence`].
#[derive(Default)]
struct Scratch {
    norm: String,
    tokens: Vec<TokenInfo>,
    features: Vec<u64>,
    emissions: Vec<f32>,
    viterbi: Viterbi,
    tags: Vec<u16>,
    words: WordCache,
    entries: Vec<Entry>,
    /// Where each position's features end in `features`.
    ends: Vec<usize>,
}

/// Most tags a model may have for the per-word cache and integer sums (32 entity types).
const MAX_CACHED_TAGS: usize = 64;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Tagger {
    /// The default model shipped in data/ner/ (elNER-4), embedded in the binary.
    pub fn shipped() -> crate::Result<Tagger> {
        Tagger::shipped_model(ShippedModel::Elner4)
    }

    /// One of the models shipped in data/ner/, embedded in the binary.
    pub fn shipped_model(model: ShippedModel) -> crate::Result<Tagger> {
        Tagger::from_gzip(model.bytes(), Path::new(model.path()))
    }

    /// What `--model` names: a shipped model by its name (`elner4`, `elner18`), otherwise a model
    /// file written by `elpipe train` (write `./elner4` for a file that has a shipped model's
    /// name). Errors: the file cannot be read or is no valid model.
    ///
    /// A name that is neither a shipped model nor an existing file («elner5», «ELNER4») is
    /// an [`crate::Error::Invalid`] listing the shipped names.
    pub fn by_name_or_path(model: &Path) -> crate::Result<Tagger> {
        match model.to_str().and_then(ShippedModel::from_name) {
            Some(shipped) => Tagger::shipped_model(shipped),
            None if !model.exists() && model.components().count() == 1 => {
                Err(crate::Error::Invalid(format!(
                    "{}: no shipped model has this name and no such file exists; the \
                     shipped models are {} (or give the path of a file written by `elpipe train`)",
                    model.display(),
                    ShippedModel::ALL.map(ShippedModel::name).join(", ")
                )))
            }
            None => Tagger::load(model),
        }
    }

    /// Entity types of the model, e.g. ["LOC","MISC","ORG","PERSON"].
    pub fn labels(&self) -> &[Arc<str>] {
        &self.labels
    }

    /// Tags one sentence given the tokens' surface texts. `out` is cleared and gets one
    /// (Iob, label index) per word; the label index is meaningful for B and I. The output is
    /// always a valid IOB2 sequence.
    pub fn tag_sentence(&self, words: &[&str], out: &mut Vec<(crate::Iob, u16)>) {
        self.tag(words, None, out);
    }

    /// [`Tagger::tag_sentence`] for words whose `norm` ([`crate::normalize::norm`]) the caller
    /// already has, one per word: saves normalizing every word again.
    pub fn tag_sentence_normalized(
        &self,
        words: &[&str],
        norms: &[&str],
        out: &mut Vec<(crate::Iob, u16)>,
    ) {
        self.tag(words, Some(norms).filter(|n| n.len() == words.len()), out);
    }

    fn tag(&self, words: &[&str], norms: Option<&[&str]>, out: &mut Vec<(crate::Iob, u16)>) {
        out.clear();
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            self.emissions(words, norms, scratch);
            scratch.viterbi.decode(
                &scratch.emissions,
                self.n_tags,
                &self.transitions,
                &mut scratch.tags,
            );
            out.extend(scratch.tags.iter().map(|&t| iob_of(usize::from(t))));
        });
    }

    /// Fills `scratch.emissions` with the score of every tag at every position.
    fn emissions(&self, words: &[&str], norms: Option<&[&str]>, scratch: &mut Scratch) {
        if self.n_tags > MAX_CACHED_TAGS {
            return self.emissions_uncached(words, norms, scratch);
        }
        let n_tags = self.n_tags;
        let Scratch {
            norm,
            tokens,
            features,
            emissions,
            words: cache,
            entries,
            ends,
            ..
        } = scratch;
        cache.serve(self.id, n_tags, self);
        cache.make_room(words.len());
        tokens.clear();
        entries.clear();
        for (i, word) in words.iter().enumerate() {
            let info = || match norms {
                Some(norms) => token_info_normalized(word, norms[i], &self.gazetteer),
                None => token_info(word, &self.gazetteer, norm),
            };
            let entry = cache.entry(word, info, self);
            tokens.push(*cache.info(entry));
            entries.push(entry);
        }
        if in_capitals(tokens) {
            return self.emissions_uncached(words, norms, scratch);
        }
        self.dictionary.annotate(tokens);
        annotate_chains(tokens);
        emissions.clear();
        emissions.resize(words.len() * n_tags, 0.0);
        // First every position's features that combine tokens, prefetching their weight rows
        // (the weights outgrow the CPU caches: waiting for rows one at a time dominated), then
        // the sums.
        let neighbour = |j: isize| -> &TokenInfo {
            match usize::try_from(j).ok().and_then(|j| tokens.get(j)) {
                Some(info) => info,
                None if j < 0 => &BEFORE,
                None => &AFTER,
            }
        };
        features.clear();
        ends.clear();
        for (i, token) in tokens.iter().enumerate() {
            let from = features.len();
            let i_ = i as isize;
            pair_features(
                neighbour(i_ - 1),
                token,
                neighbour(i_ + 1),
                i == 0,
                features,
            );
            for &f in &features[from..] {
                self.prefetch(f);
            }
            ends.push(features.len());
        }
        let mut sums = [0i32; MAX_CACHED_TAGS];
        let sums = &mut sums[..n_tags];
        let at = |j: isize| {
            usize::try_from(j)
                .ok()
                .and_then(|j| entries.get(j).copied())
        };
        let mut from = 0;
        for (i, row) in emissions.chunks_exact_mut(n_tags).enumerate() {
            let i_ = i as isize;
            sums.copy_from_slice(cache.sums(Some(entries[i]), Group::Own));
            for (group, j) in [
                (Group::AsPrev, i_ - 1),
                (Group::AsNext, i_ + 1),
                (Group::AsPrev2, i_ - 2),
                (Group::AsNext2, i_ + 2),
            ] {
                for (s, &c) in sums.iter_mut().zip(cache.sums(at(j), group)) {
                    *s += c;
                }
            }
            self.add(&features[from..ends[i]], sums);
            from = ends[i];
            for (r, &s) in row.iter_mut().zip(sums.iter()) {
                *r = s as f32;
            }
        }
    }

    /// [`Tagger::emissions`] feature by feature, for models with more tags than the cache
    /// serves.
    fn emissions_uncached(&self, words: &[&str], norms: Option<&[&str]>, scratch: &mut Scratch) {
        scratch.tokens.clear();
        for (i, word) in words.iter().enumerate() {
            let info = match norms {
                Some(norms) => token_info_normalized(word, norms[i], &self.gazetteer),
                None => token_info(word, &self.gazetteer, &mut scratch.norm),
            };
            scratch.tokens.push(info);
        }
        self.dictionary.annotate(&mut scratch.tokens);
        annotate_chains(&mut scratch.tokens);
        let capitals = in_capitals(&scratch.tokens);
        let n_tags = self.n_tags;
        scratch.emissions.clear();
        scratch.emissions.resize(words.len() * n_tags, 0.0);
        for (i, row) in scratch.emissions.chunks_exact_mut(n_tags).enumerate() {
            scratch.features.clear();
            position_features(&scratch.tokens, i, &mut scratch.features);
            let shared = scratch.features.len();
            if capitals {
                capitals_features(&scratch.tokens, i, &mut scratch.features);
            }
            for (k, &f) in scratch.features.iter().enumerate() {
                let bucket = if k < shared {
                    self.bucket(f)
                } else {
                    capitals_bucket(f, self.bucket_bits)
                };
                let base = bucket * n_tags;
                for (r, &w) in row.iter_mut().zip(&self.weights[base..base + n_tags]) {
                    *r += f32::from(w);
                }
            }
        }
    }

    #[inline]
    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bucket_bits)) as usize
    }
}

impl Rows for Tagger {
    /// Adds the weight rows of `features` into `sums` (`n_tags` long).
    #[inline]
    fn add(&self, features: &[u64], sums: &mut [i32]) {
        let n_tags = self.n_tags;
        for &f in features {
            let base = self.bucket(f) * n_tags;
            for (s, &w) in sums.iter_mut().zip(&self.weights[base..base + n_tags]) {
                *s += i32::from(w);
            }
        }
    }

    /// Asks the CPU to start loading the weight row of `feature` into its caches.
    #[inline]
    fn prefetch(&self, feature: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let row = self.weights[self.bucket(feature) * self.n_tags..].as_ptr();
            // SAFETY: SSE is part of every x86_64 CPU, and a prefetch is only a hint: it reads
            // no memory the program can observe and never faults, whatever the address.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(row.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = feature;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Iob;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn tagger_is_shareable_across_threads() {
        assert_send_sync::<Tagger>();
    }

    #[test]
    fn shipped_model_loads_and_tags_valid_iob2() {
        let tagger = Tagger::shipped().unwrap();
        let labels: Vec<&str> = tagger.labels().iter().map(|l| &**l).collect();
        assert_eq!(labels, ["LOC", "MISC", "ORG", "PERSON"]);
        let words = [
            "Ο",
            "Κυριάκος",
            "Μητσοτάκης",
            "επισκέφθηκε",
            "τη",
            "Θεσσαλονίκη",
            "και",
            "μίλησε",
            "στο",
            "Πανεπιστήμιο",
            "Μακεδονίας",
            ".",
        ];
        let mut out = Vec::new();
        tagger.tag_sentence(&words, &mut out);
        assert_eq!(out.len(), words.len());
        let name = |i: usize| (out[i].0, &*tagger.labels()[usize::from(out[i].1)]);
        assert_eq!(name(1), (Iob::B, "PERSON"));
        assert_eq!(name(2), (Iob::I, "PERSON"));
        assert_eq!(name(5), (Iob::B, "LOC"));
        assert_eq!(name(9), (Iob::B, "ORG"));
        assert_eq!(name(10), (Iob::I, "ORG"));
        assert_eq!(out[0].0, Iob::O);
        assert_eq!(out[11].0, Iob::O);
    }

    #[test]
    fn build_time_hashes_are_the_hashes_of_the_shipped_bytes() {
        use sha2::{Digest, Sha256};
        for model in ShippedModel::ALL {
            let hex: String = Sha256::digest(model.bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(model.sha256(), hex, "{}", model.name());
        }
    }

    #[test]
    fn shipped_models_are_selected_by_name() {
        for model in ShippedModel::ALL {
            assert_eq!(ShippedModel::from_name(model.name()), Some(model));
        }
        assert_eq!(ShippedModel::from_name("ELNER4"), None);
        let tagger = Tagger::by_name_or_path(Path::new("elner18")).unwrap();
        let labels: Vec<&str> = tagger.labels().iter().map(|l| &**l).collect();
        assert_eq!(
            labels,
            [
                "CARDINAL",
                "DATE",
                "EVENT",
                "FAC",
                "GPE",
                "LANGUAGE",
                "LAW",
                "LOC",
                "MONEY",
                "NORP",
                "ORDINAL",
                "ORG",
                "PERCENT",
                "PERSON",
                "PRODUCT",
                "QUANTITY",
                "TIME",
                "WORK_OF_ART"
            ]
        );
        let words = [
            "Στις",
            "3",
            "Μαΐου",
            "η",
            "Ελένη",
            "Παππά",
            "πήγε",
            "στην",
            "Κρήτη",
            ".",
        ];
        let mut out = Vec::new();
        tagger.tag_sentence(&words, &mut out);
        let name = |i: usize| (out[i].0, &*tagger.labels()[usize::from(out[i].1)]);
        assert_eq!(name(1), (Iob::B, "DATE"));
        assert_eq!(name(2), (Iob::I, "DATE"));
        assert_eq!(name(4), (Iob::B, "PERSON"));
        assert_eq!(name(8), (Iob::B, "GPE"));
        let missing = Tagger::by_name_or_path(Path::new("no-such-dir/elner18")).unwrap_err();
        assert!(
            missing.to_string().contains("no-such-dir/elner18"),
            "{missing}"
        );
    }

    /// Emission scores of `sentence` through the per-word cache and feature by feature.
    fn both_emissions(tagger: &Tagger, scratch: &mut Scratch, sentence: &[&str]) -> [Vec<f32>; 2] {
        tagger.emissions(sentence, None, scratch);
        let cached = scratch.emissions.clone();
        tagger.emissions_uncached(sentence, None, scratch);
        [cached, scratch.emissions.clone()]
    }

    #[test]
    fn cached_scores_equal_the_feature_by_feature_sum() {
        let sentences = [
            "Ο Κυριάκος Μητσοτάκης επισκέφθηκε τη Θεσσαλονίκη .",
            "Η Εθνική Τράπεζα της Ελλάδος ανακοίνωσε κέρδη .",
            "Ο Παπαδόπουλος μίλησε στη Βουλή για την ΕΕ και το ΝΑΤΟ .",
            "Θεσσαλονίκη",
            "ΕΚΤΑΚΤΟ : Ο ΥΠΟΥΡΓΟΣ ΠΑΡΑΙΤΗΘΗΚΕ",
            "Στις 3 Μαΐου η Ελένη Παππά πήγε στην Κρήτη .",
        ];
        for model in ShippedModel::ALL {
            let tagger = Tagger::shipped_model(model).unwrap();
            let mut scratch = Scratch::default();
            for limit in [usize::MAX, 3] {
                for sentence in sentences {
                    let words: Vec<&str> = sentence.split(' ').collect();
                    scratch.words.serve(tagger.id, tagger.n_tags, &tagger);
                    scratch.words.set_limit(limit);
                    let [cached, summed] = both_emissions(&tagger, &mut scratch, &words);
                    assert_eq!(cached, summed, "{} {sentence}", model.name());
                    // Words seen before come from the cache and still score the same.
                    let [again, _] = both_emissions(&tagger, &mut scratch, &words);
                    assert_eq!(again, summed, "{} {sentence}", model.name());
                }
                assert!(scratch.words.len() <= limit.max(12));
            }
        }
    }

    #[test]
    fn each_model_has_its_own_cache_entries() {
        // The per-thread cache holds sums of one model's weights: switching models on a
        // thread must not reuse them.
        let a = Tagger::shipped_model(ShippedModel::Elner4).unwrap();
        let b = Tagger::shipped_model(ShippedModel::Elner18).unwrap();
        let words = ["Η", "Ελένη", "Παππά", "πήγε", "στην", "Κρήτη", "."];
        let (mut x, mut y) = (Vec::new(), Vec::new());
        a.tag_sentence(&words, &mut x);
        b.tag_sentence(&words, &mut y);
        let mut fresh = Scratch::default();
        b.emissions_uncached(&words, None, &mut fresh);
        SCRATCH.with(|s| assert_eq!(s.borrow().emissions, fresh.emissions));
        a.tag_sentence(&words, &mut y);
        assert_eq!(x, y);
        assert_ne!(a.id, b.id);
        assert_eq!(a.clone().id, a.id);
    }

    #[test]
    fn odd_input_tags_without_panicking() {
        let tagger = Tagger::shipped().unwrap();
        let mut out = vec![(Iob::B, 3)];
        tagger.tag_sentence(&[], &mut out);
        assert!(out.is_empty());
        let long = "Α".repeat(5000);
        let words = ["", "\u{200B}", &long, "🙂", "ς", "-", "Ά.Β.Γ."];
        tagger.tag_sentence(&words, &mut out);
        assert_eq!(out.len(), words.len());
    }
}
