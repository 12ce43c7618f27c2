//! Tags and constrained Viterbi decoding.
//!
//! Tags are numbered `0` = O, `1 + 2k` = B of entity type `k`, `2 + 2k` = I of type `k`. The
//! decoder only follows transitions allowed in IOB2 (I-X only after B-X or I-X, never first), so
//! its output is always a valid IOB2 sequence.

use crate::Iob;

/// Number of tags for `n_labels` entity types.
pub(crate) fn tag_count(n_labels: usize) -> usize {
    1 + 2 * n_labels
}

/// The tag index of (iob, label).
pub(crate) fn tag_of(iob: Iob, label: usize) -> usize {
    match iob {
        Iob::O => 0,
        Iob::B => 1 + 2 * label,
        Iob::I => 2 + 2 * label,
    }
}

/// The (iob, label) of a tag index; the label is 0 for O.
pub(crate) fn iob_of(tag: usize) -> (Iob, u16) {
    if tag == 0 {
        (Iob::O, 0)
    } else if tag % 2 == 1 {
        (Iob::B, ((tag - 1) / 2) as u16)
    } else {
        (Iob::I, ((tag - 2) / 2) as u16)
    }
}

/// Whether `tag` may follow `prev` (`None` at sentence start) in IOB2.
pub(crate) fn allowed(prev: Option<usize>, tag: usize) -> bool {
    match iob_of(tag) {
        (Iob::I, label) => prev.is_some_and(|p| p != 0 && iob_of(p).1 == label),
        _ => true,
    }
}

/// Transition scores with forbidden transitions set to −∞. `raw` has `n_tags + 1` rows of
/// `n_tags` scores: row `p` for previous tag `p`, row `n_tags` for the sentence start.
pub(crate) fn constrain(raw: &[f32], n_tags: usize) -> Vec<f32> {
    let mut out = raw.to_vec();
    for prev in 0..=n_tags {
        for tag in 0..n_tags {
            let p = (prev < n_tags).then_some(prev);
            if !allowed(p, tag) {
                out[prev * n_tags + tag] = f32::NEG_INFINITY;
            }
        }
    }
    out
}

/// Reusable buffers of the decoder.
#[derive(Debug, Default)]
pub(crate) struct Viterbi {
    scores: Vec<f32>,
    next: Vec<f32>,
    back: Vec<u16>,
}

impl Viterbi {
    /// Writes to `out` the best tag sequence for `emissions` (`n` rows of `n_tags` scores) under
    /// `transitions` as made by [`constrain`].
    pub(crate) fn decode(
        &mut self,
        emissions: &[f32],
        n_tags: usize,
        transitions: &[f32],
        out: &mut Vec<u16>,
    ) {
        out.clear();
        let n = emissions.len() / n_tags;
        if n == 0 {
            return;
        }
        let start = &transitions[n_tags * n_tags..];
        self.scores.clear();
        self.scores
            .extend((0..n_tags).map(|t| start[t] + emissions[t]));
        self.back.clear();
        self.back.resize(n * n_tags, 0);
        for i in 1..n {
            self.next.clear();
            for tag in 0..n_tags {
                // `constrain` gives every other predecessor of an I tag −∞, which can never be
                // strictly best: scanning only its B and I (in increasing order, as the full
                // scan would) picks the same predecessor and score, with 2 steps instead of
                // `n_tags`.
                let prevs = match iob_of(tag) {
                    (Iob::I, _) => tag - 1..tag + 1,
                    _ => 0..n_tags,
                };
                let mut best = f32::NEG_INFINITY;
                let mut best_prev = 0;
                for prev in prevs {
                    let s = self.scores[prev] + transitions[prev * n_tags + tag];
                    if s > best {
                        best = s;
                        best_prev = prev;
                    }
                }
                self.back[i * n_tags + tag] = best_prev as u16;
                self.next.push(best + emissions[i * n_tags + tag]);
            }
            std::mem::swap(&mut self.scores, &mut self.next);
        }
        let mut tag = 0;
        let mut best = f32::NEG_INFINITY;
        for (t, &s) in self.scores.iter().enumerate() {
            if s > best {
                best = s;
                tag = t;
            }
        }
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = tag as u16;
            tag = usize::from(self.back[i * n_tags + tag]);
        }
        repair(out);
    }
}

/// Turns any I that may not continue its predecessor into a B: a safety net that keeps the
/// output valid IOB2 even if scores were non-finite.
pub(crate) fn repair(tags: &mut [u16]) {
    let mut prev = None;
    for tag in tags.iter_mut() {
        if !allowed(prev, usize::from(*tag)) {
            *tag -= 1;
        }
        prev = Some(usize::from(*tag));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn valid(tags: &[u16]) -> bool {
        let mut prev = None;
        tags.iter().all(|&t| {
            let ok = allowed(prev, usize::from(t));
            prev = Some(usize::from(t));
            ok
        })
    }

    #[test]
    fn tag_numbering_round_trips() {
        for tag in 0..9 {
            let (iob, label) = iob_of(tag);
            assert_eq!(tag_of(iob, usize::from(label)), tag);
        }
        assert_eq!(iob_of(3), (Iob::B, 1));
        assert_eq!(iob_of(4), (Iob::I, 1));
    }

    #[test]
    fn i_follows_only_its_own_b_or_i() {
        assert!(!allowed(None, 2));
        assert!(!allowed(Some(0), 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(4), 2));
        assert!(allowed(Some(4), 3));
    }

    #[test]
    fn emissions_favouring_an_orphan_i_still_give_valid_tags() {
        // Two labels, 5 tags; the emissions shout I-0 at position 0 and I-1 after O.
        let n_tags = 5;
        let transitions = constrain(&vec![0.0; (n_tags + 1) * n_tags], n_tags);
        let emissions = [
            0.0, 1.0, 9.0, 0.0, 0.0, //
            5.0, 0.0, 0.0, 0.0, 0.0, //
            0.0, 0.0, 0.0, 0.0, 9.0,
        ];
        let mut out = Vec::new();
        Viterbi::default().decode(&emissions, n_tags, &transitions, &mut out);
        assert!(valid(&out), "{out:?}");
        // I-1 at the end needs B-1 before it: B-0 (1) + B-1 (0) + I-1 (9) beats O at 1.
        assert_eq!(out, [1, 3, 4]);
    }

    #[test]
    fn follows_the_emissions_when_they_are_valid() {
        let n_tags = 3;
        let transitions = constrain(&vec![0.0; (n_tags + 1) * n_tags], n_tags);
        let emissions = [0.0, 5.0, 0.0, 0.0, 0.0, 5.0, 5.0, 0.0, 0.0];
        let mut out = Vec::new();
        Viterbi::default().decode(&emissions, n_tags, &transitions, &mut out);
        assert_eq!(out, [1, 2, 0]);
    }

    /// The full scan over every predecessor, as the decoder did before it skipped the
    /// forbidden ones.
    fn decode_full(emissions: &[f32], n_tags: usize, transitions: &[f32]) -> Vec<u16> {
        let n = emissions.len() / n_tags;
        let start = &transitions[n_tags * n_tags..];
        let mut scores: Vec<f32> = (0..n_tags).map(|t| start[t] + emissions[t]).collect();
        let mut back = vec![0u16; n * n_tags];
        for i in 1..n {
            let mut next = Vec::with_capacity(n_tags);
            for tag in 0..n_tags {
                let (mut best, mut best_prev) = (f32::NEG_INFINITY, 0);
                for (prev, &score) in scores.iter().enumerate() {
                    let s = score + transitions[prev * n_tags + tag];
                    if s > best {
                        (best, best_prev) = (s, prev);
                    }
                }
                back[i * n_tags + tag] = best_prev as u16;
                next.push(best + emissions[i * n_tags + tag]);
            }
            scores = next;
        }
        let (mut tag, mut best) = (0, f32::NEG_INFINITY);
        for (t, &s) in scores.iter().enumerate() {
            if s > best {
                (best, tag) = (s, t);
            }
        }
        let mut out = vec![0u16; n];
        for i in (0..n).rev() {
            out[i] = tag as u16;
            tag = usize::from(back[i * n_tags + tag]);
        }
        repair(&mut out);
        out
    }

    proptest! {
        /// Skipping the forbidden predecessors of I tags changes nothing, ties included
        /// (scores are small integers, as the tagger's are, so ties are frequent).
        #[test]
        fn decoding_over_allowed_predecessors_equals_the_full_scan(
            labels in 1usize..5,
            cells in proptest::collection::vec(-3i8..4, 9..400),
            raw in proptest::collection::vec(-3i8..4, 121),
        ) {
            let n_tags = tag_count(labels);
            let n = cells.len() / n_tags;
            let emissions: Vec<f32> = cells[..n * n_tags].iter().map(|&c| f32::from(c)).collect();
            let raw: Vec<f32> = raw[..(n_tags + 1) * n_tags].iter().map(|&c| f32::from(c)).collect();
            let transitions = constrain(&raw, n_tags);
            let mut out = Vec::new();
            Viterbi::default().decode(&emissions, n_tags, &transitions, &mut out);
            prop_assert_eq!(out, decode_full(&emissions, n_tags, &transitions));
        }
    }

    #[test]
    fn repair_turns_orphan_i_into_b() {
        let mut tags = [2, 0, 4, 4, 1, 4];
        repair(&mut tags);
        assert_eq!(tags, [1, 0, 3, 4, 1, 3]);
    }

    proptest! {
        #[test]
        fn decoder_output_is_always_valid_iob2(
            n_labels in 1usize..5,
            n in 0usize..12,
            seed in proptest::collection::vec(-100.0f32..100.0, 0..400),
        ) {
            let n_tags = tag_count(n_labels);
            let value = |k: usize| seed.get(k % seed.len().max(1)).copied().unwrap_or(0.0);
            let raw: Vec<f32> = (0..(n_tags + 1) * n_tags).map(|k| value(k * 7 + 3)).collect();
            let emissions: Vec<f32> = (0..n * n_tags).map(|k| value(k * 13 + 1)).collect();
            let transitions = constrain(&raw, n_tags);
            let mut out = Vec::new();
            Viterbi::default().decode(&emissions, n_tags, &transitions, &mut out);
            prop_assert_eq!(out.len(), n);
            prop_assert!(valid(&out), "{:?}", out);
        }
    }
}
