//! Sentence boundaries: the rules the scanner applies while it reads tokens, and a learned
//! boundary classifier that revises them where no line break lies between two tokens.
//!
//! The scanner records, for every token, the [`Gap`] before it: the line breaks, whether
//! whitespace was there, what the previous token says ([`Boundary`]) and what the rules decide.
//! [`assign`] then numbers the sentences. At a line break, or where the rules make a hard
//! decision (after a comma, an opening bracket, an abbreviation that always introduces something
//! such as «κ.», or before a token that cannot open a sentence), the rules decide. Every other
//! candidate position — after `. ! ? ; … :` and the ano teleia, after an initial or a closing
//! abbreviation, and before a capitalised word or a number — is scored by an averaged perceptron
//! over hashed features of the tokens around it ([`features`]), trained on UD Greek GDT
//! (`elpipe train-sentences`, see data/README.md). The rules' decision is one of its features,
//! so it only overrides them where the treebank says they are wrong: a headline followed by a
//! date and the article's first sentence, a colon before a clause, a list number.

use super::lexicon::{self, Abbrev};
use super::RawToken;
use crate::TokenKind;

/// What the last token says about a sentence break before the next one.
///
/// Blank lines always end a sentence. Otherwise:
/// - after `.` `!` `?` `;` `…` the sentence ends, unless the next token is a closing quote or
///   bracket written right after the mark (it stays in the sentence), cannot open a sentence
///   (`,` `)` `»` …), or starts with a lowercase letter on the same line («Φύγε!» είπε);
/// - after an initial (Γ. Παπανδρέου) the sentence ends only if the next word typically opens
///   sentences and is not a name («Ο», «Στη», «Όμως»);
/// - after an abbreviation that may close a sentence (κλπ., κ.ά., π.Χ., εκατ., Α.Ε.) the same,
///   or also when the next word is capitalised and on a new line;
/// - after a word, number or other token a single line break ends the sentence (headlines,
///   boilerplate lines), unless the next line starts with a lowercase letter (hard-wrapped text);
/// - after `:` a line break ends it when the next line starts with a capital letter
///   («Διαβάστε επίσης:» above a headline) but not before a quote or a list dash;
/// - after `,` `·`, an opening bracket or quote, or an abbreviation that always introduces
///   something (κ., π.χ., δηλ.) no line break ends it.
///
/// These are the rules; where no line break lies between the tokens, the learned classifier
/// revises them (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Boundary {
    Plain,
    Continue,
    Colon,
    EndMark,
    Initial,
    MayEnd,
}

impl Boundary {
    /// What a token of `kind` starting with `first` says about the next break; `abbrev` is the
    /// abbreviation class the word scanner found, `closer` whether the token closes a quote or
    /// bracket, `before` what the previous token said.
    pub(super) fn after_token(
        kind: TokenKind,
        first: char,
        abbrev: Option<Abbrev>,
        closer: bool,
        before: Boundary,
    ) -> Boundary {
        match abbrev {
            Some(Abbrev::Prefix) => Boundary::Continue,
            Some(Abbrev::Initial) => Boundary::Initial,
            Some(Abbrev::MayEnd) => Boundary::MayEnd,
            None if closer && before == Boundary::EndMark => Boundary::EndMark,
            None if kind == TokenKind::Punct => punct_boundary(first),
            None => Boundary::Plain,
        }
    }

    fn id(self) -> u64 {
        self as u64
    }
}

/// What the scanner knew about the space before a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Gap {
    /// Line breaks in the whitespace before the token (a blank line counts two), at most 255.
    pub(super) newlines: u8,
    /// Whitespace (or the start of the text) lies right before the token.
    pub(super) spaced: bool,
    /// What the previous token says about a break.
    pub(super) after: Boundary,
    /// The token cannot open a sentence (a closing quote or bracket, `,` `.` `:` …).
    pub(super) cannot_open: bool,
    /// The rules' decision: a sentence starts at the token.
    pub(super) rule: bool,
}

/// The rules' decision whether a sentence starts at `token` (`first` is its first character),
/// given the gap before it (`gap.rule` is not read).
pub(super) fn rule_breaks(gap: &Gap, token: &str, first: char) -> bool {
    if gap.newlines >= 2 {
        return true;
    }
    match gap.after {
        Boundary::Continue => false,
        Boundary::Colon => gap.newlines > 0 && first.is_uppercase(),
        // «Φύγε!» είπε continues; at a line end the mark ends the sentence whatever follows
        // (a post's next line, a Greeklish line, a lowercase list item)
        Boundary::EndMark => !gap.cannot_open && (gap.newlines > 0 || !first.is_lowercase()),
        Boundary::Initial => lexicon::opens_sentence(token),
        Boundary::MayEnd => {
            first.is_uppercase() && (gap.newlines > 0 || lexicon::opens_sentence(token))
        }
        Boundary::Plain => gap.newlines > 0 && !gap.cannot_open && !first.is_lowercase(),
    }
}

/// Lines at least this many code points long count as wrapped when they end mid-sentence: hard
/// wrapping (OCR, PDF extraction, e-mail) fills lines to 60-80; headlines and menu lines are
/// shorter.
const WRAPPED_LINE_CHARS: usize = 40;

/// Lines followed by another line (not a blank one) needed before a text can count as hard
/// wrapped: two lines say nothing.
const MIN_WRAPPED_LINES: usize = 3;

/// Whether `text` is hard wrapped: most of its lines that another line follows are long and end
/// mid-sentence (no `. ! ? ; : …` or closing quote at the end). A line break there is the
/// width of a page, not a headline or a paragraph, so [`unwrap_lines`] reads single line breaks
/// as spaces. One-paragraph-per-line text (scraped news: lines end with a full stop) and lists of
/// short lines (headlines, menus) are not hard wrapped.
pub(super) fn is_hard_wrapped(text: &str) -> bool {
    if !text.contains('\n') {
        return false;
    }
    let (mut followed, mut wrapped) = (0usize, 0usize);
    let mut lines = text.split('\n').map(str::trim).peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek() else { break };
        if line.is_empty() || next.is_empty() {
            continue;
        }
        followed += 1;
        let ends_sentence =
            line.ends_with(['.', '!', '?', ';', ':', '…', '»', '"', '”', '\u{37E}']);
        if !ends_sentence && line.chars().count() >= WRAPPED_LINE_CHARS {
            wrapped += 1;
        }
    }
    followed >= MIN_WRAPPED_LINES && 2 * wrapped > followed
}

/// Reads every single line break in `gaps` as a space (blank lines still end sentences), with
/// the rules' decision made again, for a hard-wrapped text (see [`is_hard_wrapped`]).
pub(super) fn unwrap_lines(text: &str, tokens: &[RawToken], gaps: &mut [Gap]) {
    for (i, (gap, token)) in gaps.iter_mut().zip(tokens).enumerate() {
        if gap.newlines == 1 {
            gap.newlines = 0;
            let token = token_text(text, token);
            let first = token.chars().next().unwrap_or(' ');
            gap.rule = i > 0 && rule_breaks(gap, token, first);
        }
    }
}

/// Closing quotes and brackets. Straight quotes close only when written right after the text.
pub(super) fn is_closer(c: char, spaced: bool) -> bool {
    matches!(c, '»' | '”' | '’' | ')' | ']' | '}' | '›') || (!spaced && matches!(c, '"' | '\''))
}

/// Punctuation a sentence cannot start with.
pub(super) fn cannot_open_sentence(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '.' | '!' | '?' | '…' | '·' | ')' | ']' | '}' | '»' | '”' | '’' | '›'
    )
}

fn punct_boundary(first: char) -> Boundary {
    match first {
        '.' | '!' | '?' | ';' | '…' | '\u{037E}' => Boundary::EndMark,
        ':' => Boundary::Colon,
        ',' | '·' | '\u{0387}' | '(' | '[' | '{' | '«' | '“' | '„' | '‘' | '‹' => {
            Boundary::Continue
        }
        _ => Boundary::Plain,
    }
}

/// The ano teleia (U+00B7, or U+0387 as keyboards write it).
fn is_ano_teleia(token: &str) -> bool {
    matches!(token, "·" | "\u{0387}")
}

/// An ellipsis, as one character or a run of dots.
fn is_ellipsis(token: &str) -> bool {
    token == "…" || token.starts_with("..")
}

/// The break before token `i` (`i ≥ 1`) when the rules or a hard constraint decide it, `None`
/// when the classifier does. The rules decide at line breaks; a token that cannot open a
/// sentence, or that follows a list item's number and dot, never opens one. The classifier
/// decides after `. ! ? ;` (unless a lowercase word follows), a colon, the ano teleia, an
/// initial or a closing abbreviation, and before a capitalised word or a number.
pub(super) fn fixed_decision(
    text: &str,
    tokens: &[RawToken],
    gaps: &[Gap],
    i: usize,
    history: History,
) -> Option<bool> {
    let gap = &gaps[i];
    if gap.newlines > 0 {
        return Some(gap.rule);
    }
    if gap.cannot_open || is_list_number(text, tokens, i, history) {
        return Some(false);
    }
    let next = token_text(text, &tokens[i]).chars().next();
    let classify = match gap.after {
        // «Φύγε!» είπε: a lowercase word after an end mark continues the sentence; an ellipsis
        // never ends one in the treebank, so the rules keep deciding after it
        Boundary::EndMark => {
            !next.is_some_and(char::is_lowercase) && !is_ellipsis(token_text(text, &tokens[i - 1]))
        }
        Boundary::Colon | Boundary::Initial | Boundary::MayEnd => true,
        Boundary::Continue => is_ano_teleia(token_text(text, &tokens[i - 1])),
        // a headline's date and the text after it, or a bracketed note: «(ΕΝ) Κύριε»; not
        // between two capitalised words, which mostly name something
        Boundary::Plain => {
            let prev = token_text(text, &tokens[i - 1]).chars().next();
            next.is_some_and(|c| c.is_ascii_digit())
                || (next.is_some_and(char::is_uppercase)
                    && prev.is_some_and(|c| c.is_ascii_digit() || c == ')'))
        }
    };
    (!classify).then_some(gap.rule)
}

/// Whether token `i` follows the number and dot of a list item opening the sentence
/// («1. Η πλατεία …»): the item goes on.
fn is_list_number(text: &str, tokens: &[RawToken], i: usize, history: History) -> bool {
    history.since_break == 2
        && tokens[i - 2].kind == TokenKind::Number
        && token_text(text, &tokens[i - 2]).len() <= 3
        && token_text(text, &tokens[i - 1]) == "."
}

fn token_text<'t>(text: &'t str, token: &RawToken) -> &'t str {
    &text[token.span.start..token.span.end]
}

/// Where the candidate stands in the sentence being built: tokens since the last break and
/// whether a break has been made in the text at all.
#[derive(Clone, Copy, Debug)]
pub(super) struct History {
    pub(super) since_break: usize,
    pub(super) first_sentence: bool,
}

/// The coarse class of a character for features.
fn char_class(c: Option<char>) -> u64 {
    match c {
        None => 0,
        Some(c) if c.is_uppercase() => 1,
        Some(c) if c.is_lowercase() => 2,
        Some(c) if c.is_ascii_digit() => 3,
        Some('(' | '[' | '«' | '“' | '"' | '\'' | '‘') => 4,
        Some('-' | '–' | '—') => 5,
        Some(_) => 6,
    }
}

/// A streaming FNV-1a hash with a murmur finalizer: features are hashed from the text without
/// allocating. Stable across builds (a model stores its buckets).
#[derive(Clone, Copy)]
struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: u8) -> FeatureHash {
        FeatureHash(0xcbf2_9ce4_8422_2325).byte(template)
    }

    fn byte(self, b: u8) -> FeatureHash {
        FeatureHash((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    fn num(self, n: u64) -> FeatureHash {
        n.to_le_bytes().iter().fold(self, |h, &b| h.byte(b))
    }

    fn char(self, c: char) -> FeatureHash {
        let mut buf = [0; 4];
        c.encode_utf8(&mut buf)
            .bytes()
            .fold(self.byte(0xff), FeatureHash::byte)
    }

    /// The word lowercased; words longer than [`MAX_WORD`] characters give their shape only.
    fn lower(self, word: &str) -> FeatureHash {
        if word.chars().nth(MAX_WORD).is_some() {
            return self.byte(1).shape(word);
        }
        word.chars()
            .flat_map(char::to_lowercase)
            .fold(self.byte(2), FeatureHash::char)
    }

    /// The word's shape: each character as its class (capital, small, digit) or itself,
    /// runs of one class written once, at most 8 symbols.
    fn shape(self, word: &str) -> FeatureHash {
        let mut h = self.byte(3);
        let mut last = None;
        let mut n = 0;
        for c in word.chars() {
            let symbol = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if last != Some(symbol) {
                h = h.char(symbol);
                last = Some(symbol);
                n += 1;
                if n == 8 {
                    break;
                }
            }
        }
        h
    }

    fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Longest word, in characters, that is a feature by itself.
const MAX_WORD: usize = 24;

/// Version of the feature set: a model trained on another refuses to load.
pub(super) const FEATURE_VERSION: u32 = 1;

fn length_bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=5 => 4,
        6..=9 => 5,
        _ => 6,
    }
}

fn since_bucket(n: usize) -> u64 {
    match n {
        0..=4 => n as u64,
        5..=7 => 5,
        8..=12 => 6,
        13..=20 => 7,
        _ => 8,
    }
}

/// Calls `emit` with the hashed features of the candidate break before token `i` (`i ≥ 1`):
/// the rules' decision, the words and shapes of the two tokens on each side, the class of the
/// next token's first character, whitespace, and the sentence's length so far.
pub(super) fn features(
    text: &str,
    tokens: &[RawToken],
    gaps: &[Gap],
    i: usize,
    history: History,
    emit: &mut impl FnMut(u64),
) {
    let gap = &gaps[i];
    let word = |j: usize| token_text(text, &tokens[j]);
    let prev = word(i - 1);
    let next = word(i);
    let prev2 = (i >= 2).then(|| word(i - 2));
    let next2 = tokens.get(i + 1).map(|t| token_text(text, t));
    let next_class = char_class(next.chars().next());
    let next2_class = char_class(next2.and_then(|w| w.chars().next()));
    let after = gap.after.id();
    let rule = u64::from(gap.rule);
    let since = since_bucket(history.since_break);
    let f = FeatureHash::new;
    emit(f(0).finish());
    emit(f(1).num(rule).num(after).finish());
    emit(f(2).num(after).num(next_class).finish());
    emit(f(3).lower(prev).finish());
    emit(f(4).lower(next).finish());
    emit(f(5).shape(prev).finish());
    emit(f(6).shape(next).finish());
    emit(f(7).shape(prev).shape(next).finish());
    emit(f(8).lower(prev).num(next_class).finish());
    emit(f(9).num(after).lower(next).finish());
    emit(f(10).num(u64::from(gap.spaced)).num(after).finish());
    emit(f(11).num(since).num(next_class).finish());
    emit(
        f(12)
            .num(u64::from(history.first_sentence))
            .num(since)
            .num(after)
            .finish(),
    );
    emit(
        f(13)
            .num(u64::from(lexicon::opens_sentence(next)))
            .num(after)
            .finish(),
    );
    emit(f(14).num(next_class).num(next2_class).num(after).finish());
    emit(f(15).shape(next).num(next2_class).finish());
    emit(
        f(16)
            .num(length_bucket(prev.chars().count()))
            .shape(prev)
            .num(after)
            .finish(),
    );
    if let Some(prev2) = prev2 {
        emit(f(17).lower(prev2).lower(prev).finish());
        emit(f(18).shape(prev2).shape(prev).num(next_class).finish());
    } else {
        emit(f(19).lower(prev).finish());
    }
    if let Some(next2) = next2 {
        emit(f(20).lower(next).lower(next2).finish());
        emit(f(21).shape(next).shape(next2).finish());
    }
}

/// Numbers the sentences of `tokens` (one call's tokens, with the gap before each), starting at
/// 0: the rules decide at line breaks and hard constraints, `model` at the other candidates.
pub(super) fn assign(text: &str, tokens: &mut [RawToken], gaps: &[Gap], model: &Model) {
    let mut sentence = 0u32;
    let mut history = History {
        since_break: 0,
        first_sentence: true,
    };
    for i in 0..tokens.len() {
        if i > 0 {
            let breaks = fixed_decision(text, tokens, gaps, i, history).unwrap_or_else(|| {
                let mut score = 0.0f32;
                features(text, tokens, gaps, i, history, &mut |h| {
                    score += model.weight(h)
                });
                score > 0.0
            });
            if breaks {
                sentence = sentence.saturating_add(1);
                history = History {
                    since_break: 0,
                    first_sentence: false,
                };
            }
        }
        tokens[i].sentence = sentence;
        history.since_break += 1;
    }
}

/// A boundary classifier: one weight per hashed-feature bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    weights: Vec<f32>,
}

/// Why a sentence model's bytes could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the sentence model's magic bytes.
    #[error("not an elpipe sentence model")]
    NotAModel,
    /// The file ends inside a section, or bytes follow the last weight.
    #[error("truncated or overlong sentence model")]
    BadLength,
    /// The model was trained on another feature set (retrain with `elpipe train-sentences`).
    #[error("sentence model has feature version {found}, this elpipe reads version {expected}; retrain it with `elpipe train-sentences`")]
    FeatureVersion {
        /// The model's feature version.
        found: u32,
        /// The version this elpipe computes.
        expected: u32,
    },
    /// The number of buckets is not a power of two from 2^8 to 2^24, or an index is outside it.
    #[error("sentence model has a bad bucket count or index")]
    BadBuckets,
}

const MAGIC: &[u8; 16] = b"elpipe-sentence\0";

/// Buckets of the shipped and trained models: 2^16 weights (256 KB), few collisions for the
/// tens of thousands of features a treebank gives.
pub(super) const BUCKET_BITS: u32 = 16;

impl Model {
    /// A model with every weight zero over 2^`bits` buckets.
    pub(super) fn zeros(bits: u32) -> Model {
        Model {
            weights: vec![0.0; 1 << bits],
        }
    }

    /// The weight of the bucket feature hash `h` falls in.
    #[inline]
    pub(super) fn weight(&self, h: u64) -> f32 {
        self.weights[(h as usize) & (self.weights.len() - 1)]
    }

    pub(super) fn weights_mut(&mut self) -> &mut [f32] {
        &mut self.weights
    }

    /// The model's bytes: magic, feature version, bucket bits and the non-zero weights as
    /// (bucket, weight) pairs, all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let nonzero: Vec<(u32, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i as u32, *w))
            .collect();
        let mut out = Vec::with_capacity(28 + nonzero.len() * 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&self.weights.len().trailing_zeros().to_le_bytes());
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        for (i, w) in nonzero {
            out.extend_from_slice(&i.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::NotAModel)?;
        let u32_at = |at: usize| -> Result<u32, ModelError> {
            let b = rest.get(at..at + 4).ok_or(ModelError::BadLength)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let version = u32_at(0)?;
        if version != FEATURE_VERSION {
            return Err(ModelError::FeatureVersion {
                found: version,
                expected: FEATURE_VERSION,
            });
        }
        let bits = u32_at(4)?;
        if !(8..=24).contains(&bits) {
            return Err(ModelError::BadBuckets);
        }
        let count = u32_at(8)? as usize;
        let pairs = &rest[12..];
        if count.checked_mul(8) != Some(pairs.len()) {
            return Err(ModelError::BadLength);
        }
        let mut model = Model::zeros(bits);
        for pair in pairs.chunks_exact(8) {
            let index = u32::from_le_bytes([pair[0], pair[1], pair[2], pair[3]]) as usize;
            let weight = f32::from_le_bytes([pair[4], pair[5], pair[6], pair[7]]);
            *model.weights.get_mut(index).ok_or(ModelError::BadBuckets)? = weight;
        }
        Ok(model)
    }

    /// The model shipped in data/sentences/gdt.model (trained on UD Greek GDT train), embedded
    /// in the binary and read once.
    pub fn shipped() -> &'static Model {
        static SHIPPED: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| {
            Model::from_bytes(include_bytes!("../../data/sentences/gdt.model"))
                .expect("the shipped sentence model is checked by a unit test")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_lengths(text: &str, model: &Model) -> Vec<usize> {
        let mut tokens = Vec::new();
        let gaps = super::super::scan(text, &mut tokens);
        assign(text, &mut tokens, &gaps, model);
        let mut lengths = Vec::new();
        for t in &tokens {
            match lengths.get_mut(t.sentence as usize) {
                Some(n) => *n += 1,
                None => lengths.push(1),
            }
        }
        lengths
    }

    fn constant(weight: f32) -> Model {
        Model {
            weights: vec![weight; 1 << 8],
        }
    }

    #[test]
    fn the_shipped_model_loads_and_has_learned_weights() {
        let model = Model::shipped();
        assert_eq!(model.weights.len(), 1 << BUCKET_BITS);
        assert!(model.weights.iter().filter(|w| **w != 0.0).count() > 100);
    }

    #[test]
    fn model_bytes_round_trip_and_bad_bytes_are_errors() {
        let mut model = Model::zeros(8);
        model.weights[3] = 1.5;
        model.weights[200] = -0.25;
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Ok(model));
        assert_eq!(
            Model::from_bytes(b"elpipe-ner\0"),
            Err(ModelError::NotAModel)
        );
        assert_eq!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::BadLength)
        );
        let mut other_version = bytes.clone();
        other_version[16] = 99;
        assert_eq!(
            Model::from_bytes(&other_version),
            Err(ModelError::FeatureVersion {
                found: 99,
                expected: FEATURE_VERSION
            })
        );
        let mut bad_index = bytes.clone();
        bad_index[28] = 0xff;
        bad_index[29] = 0xff;
        assert_eq!(Model::from_bytes(&bad_index), Err(ModelError::BadBuckets));
    }

    #[test]
    fn hard_constraints_hold_whatever_the_model_says() {
        let always = constant(1.0);
        // no break after «κ.», a comma or an opening quote, nor before a closing one
        assert_eq!(
            sentence_lengths("είπε ο κ. παπάς, «ναι» και έφυγε", &always),
            [10]
        );
        // a number is a candidate: a model that always breaks breaks there
        assert_eq!(sentence_lengths("είδε το 2020 κάτι", &always), [2, 2]);
        // two capitalised words are not: they mostly name something
        assert_eq!(sentence_lengths("είδε τον Νίκο Παππά", &always), [4]);
        let never = constant(-1.0);
        assert_eq!(sentence_lengths("Ήρθε. Έφυγε.", &never), [4]);
        // line breaks stay with the rules
        assert_eq!(
            sentence_lengths("Τίτλος\nΚείμενο εδώ.\n\nάλλο", &never),
            [1, 3, 1]
        );
    }

    #[test]
    fn the_rules_state_follows_tokens() {
        use TokenKind::{Punct, Word};
        let after = |kind, first, abbrev| {
            Boundary::after_token(kind, first, abbrev, false, Boundary::Plain)
        };
        assert_eq!(after(Punct, '.', None), Boundary::EndMark);
        assert_eq!(after(Punct, ':', None), Boundary::Colon);
        assert_eq!(after(Punct, '·', None), Boundary::Continue);
        assert_eq!(after(Word, 'κ', Some(Abbrev::Prefix)), Boundary::Continue);
        assert_eq!(after(Word, 'Γ', Some(Abbrev::Initial)), Boundary::Initial);
        assert_eq!(after(Word, 'Ν', None), Boundary::Plain);
        assert_eq!(
            Boundary::after_token(Punct, '»', None, true, Boundary::EndMark),
            Boundary::EndMark
        );
    }
}
