//! The tagger's per-thread cache of per-word work.
//!
//! Most features of a position depend on one token of its ±2 window only (the [`Group`]s of
//! [`super::features`]), and most tokens of running text are frequent words. So, per distinct
//! word, the cache keeps its [`TokenInfo`] and, for each group, the sum of the weight rows of the
//! features that word fires in that place of a window. Tagging a position then adds five cached
//! rows and looks up only the features that combine tokens (see
//! [`super::features::pair_features`]). Integer sums do not depend on the order of addition,
//! so the scores are exactly those of summing every feature one by one.
//!
//! Memory is bounded: the cache of one thread holds at most [`CACHE_BYTES`] of entries (plus one
//! sentence); when full, it keeps its most asked-for half.

use super::features::{group_features, Group, TokenInfo};
use crate::interner::Interner;

/// Budget of one thread's cache, in bytes of entries (keys, attributes and sums): the 12,000 or
/// so most frequent words of news text fit for a 4-type model (4,500 for 18 types), and memory
/// stays far below the batch bound with one cache per worker thread.
pub(crate) const CACHE_BYTES: usize = 4 << 20;

/// A model's weight rows, as the cache reads them.
pub(crate) trait Rows {
    /// Adds the weight rows of `features` into `sums` (one per tag).
    fn add(&self, features: &[u64], sums: &mut [i32]);
    /// Asks the CPU to start loading the weight row of `feature`.
    fn prefetch(&self, feature: u64);
}

/// What the cache holds for one distinct word.
#[derive(Clone, Copy)]
pub(crate) struct Entry(u32);

/// Cached [`TokenInfo`]s and group sums of the words one tagger has seen on this thread.
#[derive(Default)]
pub(crate) struct WordCache {
    /// The tagger the entries belong to ([`super::Tagger`]'s unique id), 0 for none yet.
    tagger: u64,
    n_tags: usize,
    /// Most entries before [`WordCache::make_room`] evicts some.
    limit: usize,
    /// The words cached, numbered as their entries.
    words: Interner,
    infos: Vec<TokenInfo>,
    /// Times each entry was asked for since it was made or last kept by [`WordCache::make_room`].
    hits: Vec<u32>,
    /// `5 × n_tags` sums per entry, in the order of [`Group::ALL`].
    sums: Vec<i32>,
    /// The sums of the sentence-edge sentinels, in the order of [`Group::ALL`] (zeros for
    /// [`Group::Own`], which is never outside the sentence).
    sentinels: Vec<i32>,
    /// Scratch list of feature hashes.
    features: Vec<u64>,
}

impl WordCache {
    /// Makes the cache serve the tagger `id` with `n_tags` tags and weight `rows`: empties it
    /// when it served another.
    pub(crate) fn serve(&mut self, id: u64, n_tags: usize, rows: &impl Rows) {
        if self.tagger == id && self.n_tags == n_tags {
            return;
        }
        self.clear();
        self.tagger = id;
        self.n_tags = n_tags;
        let entry_bytes = std::mem::size_of::<TokenInfo>()
            + Group::ALL.len() * n_tags * std::mem::size_of::<i32>()
            + 32; // the word's bytes, span and slot in the index, for a typical word
        self.limit = (CACHE_BYTES / entry_bytes).max(1);
        // Room for a full cache and a long sentence at once, so that the buffers do not grow
        // by doubling past the budget.
        let room = self.limit + 256;
        self.infos.reserve_exact(room);
        self.hits.reserve_exact(room);
        self.sums.reserve_exact(room * Group::ALL.len() * n_tags);
        self.sentinels.clear();
        self.sentinels.resize(Group::ALL.len() * n_tags, 0);
        for (g, group) in Group::ALL.into_iter().enumerate() {
            if let Some(sentinel) = group.sentinel() {
                self.features.clear();
                group_features(group, sentinel, &mut self.features);
                rows.add(
                    &self.features,
                    &mut self.sentinels[g * n_tags..(g + 1) * n_tags],
                );
            }
        }
    }

    fn clear(&mut self) {
        self.words.clear();
        self.infos.clear();
        self.hits.clear();
        self.sums.clear();
    }

    /// Keeps the most asked-for entries, at most half the limit, and drops the others: frequent
    /// words stay cached across the whole corpus while rare ones make way.
    fn evict(&mut self) {
        let at_most = self.limit / 2;
        let mut threshold = 2; // an entry asked for once is most likely a rare word
        if self.hits.iter().filter(|&&h| h >= threshold).count() > at_most {
            let mut sorted = self.hits.clone();
            let nth = sorted.len() - at_most;
            sorted.select_nth_unstable(nth);
            threshold = threshold.max(sorted[nth] + 1);
        }
        let width = Group::ALL.len() * self.n_tags;
        let keep: Vec<bool> = self.hits.iter().map(|&h| h >= threshold).collect();
        let mut kept = 0;
        for (old, _) in keep.iter().enumerate().filter(|(_, &k)| k) {
            self.infos[kept] = self.infos[old];
            self.hits[kept] = 0;
            self.sums
                .copy_within(old * width..(old + 1) * width, kept * width);
            kept += 1;
        }
        self.infos.truncate(kept);
        self.hits.truncate(kept);
        self.sums.truncate(kept * width);
        let old_words = std::mem::take(&mut self.words);
        for (old, _) in keep.iter().enumerate().filter(|(_, &k)| k) {
            self.words.insert(old_words.get(old as u32));
        }
    }

    /// Makes room for `words` new entries if they might not fit, keeping the most asked-for
    /// half: called before a sentence, so that the entries of one sentence stay valid together
    /// (a sentence longer than the limit overfills the cache until the next call).
    pub(crate) fn make_room(&mut self, words: usize) {
        if self.words.len() + words > self.limit {
            self.evict();
        }
    }

    /// The entry of `word`, computed on a miss from its attributes `info()` and the weight `rows` (entries stay valid until
    /// [`WordCache::make_room`] or [`WordCache::serve`] drops them).
    pub(crate) fn entry(
        &mut self,
        word: &str,
        info: impl FnOnce() -> TokenInfo,
        rows: &impl Rows,
    ) -> Entry {
        if let Some(e) = self.words.find(word) {
            self.hits[e as usize] += 1;
            return Entry(e);
        }
        let info = info();
        let n_tags = self.n_tags;
        let first = self.sums.len();
        self.sums.resize(first + Group::ALL.len() * n_tags, 0);
        self.features.clear();
        let mut ends = [0; Group::ALL.len()];
        for (g, group) in Group::ALL.into_iter().enumerate() {
            group_features(group, &info, &mut self.features);
            ends[g] = self.features.len();
        }
        for &f in &self.features {
            rows.prefetch(f);
        }
        let mut from = 0;
        for (g, &end) in ends.iter().enumerate() {
            let at = first + g * n_tags;
            rows.add(&self.features[from..end], &mut self.sums[at..at + n_tags]);
            from = end;
        }
        let e = self.infos.len() as u32;
        self.infos.push(info);
        self.hits.push(1);
        self.words.insert(word);
        Entry(e)
    }

    /// The attributes of an entry.
    pub(crate) fn info(&self, entry: Entry) -> &TokenInfo {
        &self.infos[entry.0 as usize]
    }

    /// The sums of `group` for the entry, or for the sentence-edge sentinel when `entry` is
    /// `None`; `n_tags` long.
    pub(crate) fn sums(&self, entry: Option<Entry>, group: Group) -> &[i32] {
        let g = group as usize;
        let n = self.n_tags;
        match entry {
            Some(Entry(e)) => {
                let at = (e as usize * Group::ALL.len() + g) * n;
                &self.sums[at..at + n]
            }
            None => &self.sentinels[g * n..(g + 1) * n],
        }
    }

    /// Number of words cached.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// Lowers the limit on entries, to exercise emptying the cache.
    #[cfg(test)]
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }
}
