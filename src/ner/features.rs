//! Feature extraction: per-token attributes hashed once, then combined into per-position
//! feature hashes (word, norm, affixes, shape, gazetteer classes, ±2 neighbours, and the chain
//! of capitalized words a token is in, see [`annotate_chains`]).
//!
//! Hashes are computed with the fixed functions of [`super::hash`], because the model stores
//! hashed buckets. Any change to what is extracted here must bump [`FEATURE_VERSION`].

use super::gazetteer::{Gazetteer, ORDINARY};
use super::hash::{combine, hash_bytes};
use crate::normalize::{is_greek_letter, norm_into};

/// Version of the feature set; a model trained with another version is refused at load.
pub(crate) const FEATURE_VERSION: u32 = 4;

/// Longest prefix and suffix (in characters of the norm) used as a feature.
const MAX_PREFIX: usize = 4;
const MAX_SUFFIX: usize = 5;

/// Token attribute flags.
mod flag {
    pub const INIT_CAP: u32 = 1;
    pub const ALL_CAPS: u32 = 1 << 1;
    pub const HAS_DIGIT: u32 = 1 << 2;
    pub const ALL_DIGITS: u32 = 1 << 3;
    pub const HAS_DOT: u32 = 1 << 4;
    pub const HAS_APOSTROPHE: u32 = 1 << 5;
    pub const HAS_HYPHEN: u32 = 1 << 6;
    pub const GREEK: u32 = 1 << 7;
    pub const LATIN: u32 = 1 << 8;
    pub const NO_LETTER: u32 = 1 << 9;
    pub const SINGLE_CHAR: u32 = 1 << 10;
}

/// Hashed attributes of one token, computed once per token and shared by the feature templates
/// of the positions around it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TokenInfo {
    pub word: u64,
    pub norm: u64,
    /// Character classes with runs of the same class collapsed («Κυριάκος» → `Xx`).
    pub short_shape: u64,
    /// Character classes of up to the first 6 characters, uncollapsed («ΝΔ» → `XX`).
    pub long_shape: u64,
    pub prefixes: [u64; MAX_PREFIX],
    pub suffixes: [u64; MAX_SUFFIX],
    pub flags: u32,
    /// Bit set of [`Gazetteer`] classes the norm belongs to.
    pub gazetteer: u32,
    /// Entity types (bits from 2 up) and part (low 2 bits) of the training-entity string that
    /// covers this token, 0 for none; set by [`super::dictionary::Dictionary::annotate`].
    pub entity_match: u32,
    /// Hash of the norm without its last two characters when it has more than five: a crude
    /// stem that lets «Τράπεζας» match a dictionary entry seen as «Τράπεζα».
    pub stem: u64,
    /// The chain of capitalized words that covers this position ([`annotate_chains`]), 0 for
    /// none: [`chain::IN_CHAIN`], [`chain::HEAD_FIRST`], the distance from the chain's first
    /// word (capitalized words since it, at most 3) at [`chain::DISTANCE_SHIFT`], and the first
    /// word's gazetteer classes in the low 8 bits. Set per position, like `entity_match`.
    pub chain: u32,
    /// Norm hash of the first word of the chain when this position is not that word, else 0.
    pub chain_head: u64,
}

/// Bits of [`TokenInfo::chain`].
mod chain {
    /// The token is a capitalized word of a chain.
    pub const IN_CHAIN: u32 = 1 << 12;
    /// The chain's first word is the sentence's first token (its capital may be the sentence's).
    pub const HEAD_FIRST: u32 = 1 << 11;
    /// Where the distance from the chain's first word (0 to 3) starts.
    pub const DISTANCE_SHIFT: u32 = 8;
    /// The gazetteer classes of the chain's first word that are kept (the 8 shipped lists).
    pub const CLASSES: u32 = 0xff;
    /// Largest distance told apart: «further than this» is one value.
    pub const MAX_DISTANCE: u32 = 3;
}

/// Sentinel attributes for a position outside the sentence, every hash derived from `tag`.
const fn sentinel(tag: u64) -> TokenInfo {
    TokenInfo {
        word: tag | 1,
        norm: tag | 2,
        short_shape: tag | 3,
        long_shape: tag | 4,
        prefixes: [0; MAX_PREFIX],
        suffixes: [tag | 5; MAX_SUFFIX],
        flags: 0,
        gazetteer: 0,
        entity_match: 0,
        stem: 0,
        chain: 0,
        chain_head: 0,
    }
}

/// Sentinel attributes for positions before the first and after the last token.
pub(crate) const BEFORE: TokenInfo = sentinel(0x5354_4152_5400_0000);
pub(crate) const AFTER: TokenInfo = sentinel(0x454e_4400_0000_0000);

/// The shape class of a character.
fn shape_class(c: char) -> u8 {
    // Greek letters first: they are most characters, and `is_numeric` on them is a slow lookup
    if is_greek_letter(c) {
        let upper = match c {
            '\u{0386}'..='\u{038F}' | '\u{0391}'..='\u{03AB}' => true,
            '\u{0390}' | '\u{03AC}'..='\u{03CE}' => false,
            _ => c.is_uppercase(),
        };
        if upper {
            b'X'
        } else {
            b'x'
        }
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        if c.is_uppercase() {
            b'L'
        } else {
            b'l'
        }
    } else if c.is_ascii() {
        c as u8
    } else {
        match c {
            '’' | '‘' | 'ʼ' => b'\'',
            '«' | '»' | '“' | '”' | '„' => b'"',
            '–' | '—' => b'-',
            _ => b'*',
        }
    }
}

/// Computes [`TokenInfo`] for `word`; `norm` is scratch space for its normalized form.
pub(crate) fn token_info(word: &str, gazetteer: &Gazetteer, norm: &mut String) -> TokenInfo {
    norm.clear();
    norm_into(word, norm);
    token_info_normalized(word, norm, gazetteer)
}

/// [`token_info`] for a word whose `norm` the caller already has (the pipeline's tokens carry it).
pub(crate) fn token_info_normalized(word: &str, norm: &str, gazetteer: &Gazetteer) -> TokenInfo {
    let mut short = [0u8; 16];
    let mut short_len = 0;
    let mut long = [0u8; 6];
    let mut long_len = 0;
    let (mut letters, mut upper, mut digits, mut chars) = (0usize, 0usize, 0usize, 0usize);
    let mut flags = 0;
    for c in word.chars() {
        let class = shape_class(c);
        chars += 1;
        if long_len < long.len() {
            long[long_len] = class;
            long_len += 1;
        }
        if short_len < short.len() && (short_len == 0 || short[short_len - 1] != class) {
            short[short_len] = class;
            short_len += 1;
        }
        match class {
            b'X' | b'x' => {
                letters += 1;
                flags |= flag::GREEK;
            }
            b'L' | b'l' => {
                letters += 1;
                flags |= flag::LATIN;
            }
            b'd' => digits += 1,
            b'.' => flags |= flag::HAS_DOT,
            b'\'' => flags |= flag::HAS_APOSTROPHE,
            b'-' => flags |= flag::HAS_HYPHEN,
            _ => {}
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    if word.chars().next().is_some_and(char::is_uppercase) {
        flags |= flag::INIT_CAP;
    }
    if letters > 0 && upper == letters {
        flags |= flag::ALL_CAPS;
    }
    if digits > 0 {
        flags |= flag::HAS_DIGIT;
        if digits == chars {
            flags |= flag::ALL_DIGITS;
        }
    }
    if letters == 0 {
        flags |= flag::NO_LETTER;
    }
    if chars == 1 {
        flags |= flag::SINGLE_CHAR;
    }

    let norm_hash = hash_bytes(norm.as_bytes());
    let n_chars = norm.chars().count();
    let stem = if n_chars > 5 {
        let end = norm
            .char_indices()
            .nth(n_chars - 2)
            .map_or(norm.len(), |(i, _)| i);
        hash_bytes(&norm.as_bytes()[..end])
    } else {
        norm_hash
    };
    let mut prefixes = [0; MAX_PREFIX];
    let mut suffixes = [0; MAX_SUFFIX];
    let ends = norm.char_indices().map(|(i, _)| i).chain([norm.len()]);
    for (k, end) in ends.skip(1).take(MAX_PREFIX).enumerate() {
        prefixes[k] = hash_bytes(&norm.as_bytes()[..end]);
    }
    for (index, (offset, _)) in norm.char_indices().enumerate() {
        let len = n_chars - index;
        if len <= MAX_SUFFIX {
            suffixes[len - 1] = hash_bytes(&norm.as_bytes()[offset..]);
        }
    }
    TokenInfo {
        word: hash_bytes(word.as_bytes()),
        norm: norm_hash,
        short_shape: hash_bytes(&short[..short_len]),
        long_shape: hash_bytes(&long[..long_len]),
        prefixes,
        suffixes,
        flags,
        gazetteer: gazetteer.classes(norm_hash),
        entity_match: 0,
        stem,
        chain: 0,
        chain_head: 0,
    }
}

/// Feature templates: each feature hash is `combine(template, value)`.
#[derive(Clone, Copy)]
#[repr(u64)]
enum T {
    Bias = 1,
    Word,
    Norm,
    ShortShape,
    LongShape,
    Prefix,
    Suffix,
    Flags,
    NormPrev,
    NormNext,
    NormPrev2,
    NormNext2,
    WordPrev,
    WordNext,
    ShapePrev,
    ShapeNext,
    ShapePrev2,
    ShapeNext2,
    NormBigramPrev,
    NormBigramNext,
    ShapeTrigram,
    Suffix3Prev,
    Suffix3Next,
    Gazetteer,
    GazetteerPrev,
    GazetteerNext,
    GazetteerCap,
    FirstCap,
    NormPrevShape,
    ShapeNormNext,
    FlagsPrevNext,
    EntityMatch,
    EntityMatchCap,
    EntityMatchPrev,
    EntityMatchNext,
    Chain,
    ChainHead,
    Suffix2Prev,
    Suffix2Next,
    Suffix4Prev,
    Suffix4Next,
}

#[inline]
fn feature(template: T, value: u64) -> u64 {
    combine(template as u64, value)
}

/// Appends the feature hashes of position `i` of `tokens` to `out`: the union of the groups
/// below, which the tagger sums separately so that it can cache the groups that depend on one
/// token only (see [`Group`]).
pub(crate) fn position_features(tokens: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let at = |offset: isize| -> &TokenInfo {
        let j = i as isize + offset;
        if j < 0 {
            &BEFORE
        } else {
            tokens.get(j as usize).unwrap_or(&AFTER)
        }
    };
    let (p2, p1, t, n1, n2) = (at(-2), at(-1), at(0), at(1), at(2));
    for group in Group::ALL {
        let token = match group {
            Group::Own => t,
            Group::AsPrev => p1,
            Group::AsNext => n1,
            Group::AsPrev2 => p2,
            Group::AsNext2 => n2,
        };
        group_features(group, token, out);
    }
    pair_features(p1, t, n1, i == 0, out);
}

/// Mixed into a feature hash for the copy of the feature that fires in sentences set in capitals
/// only ("frustratingly easy" domain adaptation, Daumé 2007).
const CAPITALS_COPY: u64 = 0x4341_5053_434f_5059;

/// Appends the features that position `i` of a sentence set in capitals ([`in_capitals`]) fires
/// besides those of [`position_features`]: a copy of each of those, for sentences in capitals
/// only, whose weights (in a table of their own, see [`capitals_bucket`]) learn how capitals
/// differ without moving the weights that ordinary sentences read ("frustratingly easy" domain
/// adaptation, Daumé 2007). Copies of only the features that take few values (bias, flags,
/// shapes, short suffixes, gazetteer classes, dictionary matches) reached 0.83 F1 on elNER-4 dev
/// in capitals, full copies 0.86.
pub(crate) fn capitals_features(tokens: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let from = out.len();
    position_features(tokens, i, out);
    for f in &mut out[from..] {
        *f = combine(CAPITALS_COPY, *f);
    }
}

/// log2 of the number of buckets of the table that holds the weights of [`capitals_features`],
/// after a model's main table: apart, so that they never add to a bucket that ordinary
/// sentences read (sharing the main table cost ordinary sentences 0.1 to 0.3 points of F1).
pub(crate) const CAPITALS_BITS: u32 = 16;

/// The bucket of a [`capitals_features`] feature in a model whose main table has
/// `2^bucket_bits` buckets: the capitals table follows the main one.
#[inline]
pub(crate) fn capitals_bucket(feature: u64, bucket_bits: u32) -> usize {
    (1usize << bucket_bits) + (feature >> (64 - CAPITALS_BITS)) as usize
}

/// Fewest words of two or more letters in a sentence set in capitals.
const MIN_CAPITAL_WORDS: usize = 3;

/// Whether the sentence is set in Greek capitals, as headlines are: at least
/// [`MIN_CAPITAL_WORDS`] words of two or more letters, every one in Greek capitals. Such a
/// sentence fires every feature twice, the shared feature and its copy for sentences in capitals
/// ([`capitals_features`]). A word in Latin letters makes a sentence ordinary: in capitals it is
/// mostly a brand or an acronym, which the shared weights tag well (on the 6 elNER-4 dev
/// sentences in capitals, 5 with a Latin word, the weights for capitals lost 2 of 6 entities).
pub(crate) fn in_capitals(tokens: &[TokenInfo]) -> bool {
    let mut words = 0;
    for t in tokens {
        if t.flags & (flag::NO_LETTER | flag::SINGLE_CHAR) == 0 {
            if t.flags & flag::ALL_CAPS == 0 || t.flags & flag::LATIN != 0 {
                return false;
            }
            words += 1;
        }
    }
    words >= MIN_CAPITAL_WORDS
}

/// Words that may join the capitalized words of one name, as in «Υπουργείο της Υγείας» or
/// «Σύλλογος Γονέων και Κηδεμόνων»: a chain of capitalized words goes on across one of them.
const LINK_WORDS: [&str; 5] = ["του", "της", "των", "και", "&"];

/// Norm hashes of [`LINK_WORDS`].
fn link_norms() -> &'static [u64; LINK_WORDS.len()] {
    static LINKS: std::sync::OnceLock<[u64; LINK_WORDS.len()]> = std::sync::OnceLock::new();
    LINKS.get_or_init(|| LINK_WORDS.map(|w| hash_bytes(crate::normalize::norm(w).as_bytes())))
}

/// Sets [`TokenInfo::chain`] and [`TokenInfo::chain_head`] of every position: a chain is a run
/// of capitalized words, possibly joined by single [`LINK_WORDS`] («Υποδιεύθυνση Δίωξης
/// Ναρκωτικών της Ασφάλειας Αττικής» is one), and each of its words learns from the chain's
/// first word (its gazetteer classes and, past the first, its norm) and its distance from it.
/// A window of ±2 tokens sees only the nearest two words of a long name (elNER-4 dev, mean of
/// seeds 1 to 3, with the ±1 words' 2- and 4-character suffixes: 0.9018 → 0.9047).
///
/// In a sentence in capitals, or one whose words are mostly in capitals (a headline with a
/// brand in Latin letters), every word is capitalized and the chain says nothing: no position
/// gets one there (with chains there, F1 on elNER-4 dev in capitals fell from 0.82 to 0.81).
pub(crate) fn annotate_chains(tokens: &mut [TokenInfo]) {
    for t in tokens.iter_mut() {
        t.chain = 0;
        t.chain_head = 0;
    }
    let (mut words, mut all_caps) = (0usize, 0usize);
    for t in tokens.iter() {
        if t.flags & (flag::NO_LETTER | flag::SINGLE_CHAR) == 0 {
            words += 1;
            all_caps += usize::from(t.flags & flag::ALL_CAPS != 0);
        }
    }
    if all_caps >= 2 && all_caps * 2 >= words {
        return;
    }
    let capitalized =
        |t: &TokenInfo| t.flags & flag::INIT_CAP != 0 && t.flags & flag::NO_LETTER == 0;
    let links = link_norms();
    let is_link = |t: &TokenInfo| links.contains(&t.norm);
    let mut head: Option<usize> = None;
    let mut distance = 0;
    for i in 0..tokens.len() {
        if capitalized(&tokens[i]) {
            let continues = i > 0
                && (capitalized(&tokens[i - 1])
                    || (i > 1 && is_link(&tokens[i - 1]) && capitalized(&tokens[i - 2])));
            let h = match head {
                Some(h) if continues => {
                    distance += 1;
                    h
                }
                _ => {
                    distance = 0;
                    i
                }
            };
            head = Some(h);
            let first = if h == 0 { chain::HEAD_FIRST } else { 0 };
            let d = distance.min(chain::MAX_DISTANCE);
            tokens[i].chain = chain::IN_CHAIN
                | first
                | d << chain::DISTANCE_SHIFT
                | (tokens[h].gazetteer & chain::CLASSES);
            tokens[i].chain_head = if d > 0 { tokens[h].norm } else { 0 };
        } else if !(is_link(&tokens[i]) && tokens.get(i + 1).is_some_and(capitalized)) {
            head = None;
        }
    }
}

/// The features of a position that depend on one token of its window only, by the token's
/// place in the window. Their weights can be summed once per distinct token and reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    /// The token at the position itself (word, norm, shapes, affixes, gazetteer classes).
    Own,
    /// The token just before the position.
    AsPrev,
    /// The token just after the position.
    AsNext,
    /// The token two before the position.
    AsPrev2,
    /// The token two after the position.
    AsNext2,
}

impl Group {
    /// Every group, in the order their sums are stored.
    pub(crate) const ALL: [Group; 5] = [
        Group::Own,
        Group::AsPrev,
        Group::AsNext,
        Group::AsPrev2,
        Group::AsNext2,
    ];

    /// The attributes standing for "no token here" in this place of a window at a sentence's
    /// edge; `None` for [`Group::Own`], which is always inside the sentence.
    pub(crate) fn sentinel(self) -> Option<&'static TokenInfo> {
        match self {
            Group::Own => None,
            Group::AsPrev | Group::AsPrev2 => Some(&BEFORE),
            Group::AsNext | Group::AsNext2 => Some(&AFTER),
        }
    }
}

/// Appends the features of `group` fired by `token` (see [`Group`]).
pub(crate) fn group_features(group: Group, token: &TokenInfo, out: &mut Vec<u64>) {
    let t = token;
    match group {
        Group::Own => {
            out.push(feature(T::Bias, 0));
            out.push(feature(T::Word, t.word));
            out.push(feature(T::Norm, t.norm));
            out.push(feature(T::ShortShape, t.short_shape));
            out.push(feature(T::LongShape, t.long_shape));
            for (k, &p) in t.prefixes.iter().enumerate() {
                if p != 0 {
                    out.push(feature(T::Prefix, combine(k as u64, p)));
                }
            }
            for (k, &s) in t.suffixes.iter().enumerate() {
                if s != 0 {
                    out.push(feature(T::Suffix, combine(k as u64, s)));
                }
            }
            for class in classes(t.gazetteer) {
                out.push(feature(T::Gazetteer, class));
            }
        }
        Group::AsPrev => {
            out.push(feature(T::NormPrev, t.norm));
            out.push(feature(T::WordPrev, t.word));
            out.push(feature(T::ShapePrev, t.short_shape));
            out.push(feature(T::Suffix2Prev, t.suffixes[1]));
            out.push(feature(T::Suffix3Prev, t.suffixes[2]));
            out.push(feature(T::Suffix4Prev, t.suffixes[3]));
            for class in classes(t.gazetteer) {
                out.push(feature(T::GazetteerPrev, class));
            }
        }
        Group::AsNext => {
            out.push(feature(T::NormNext, t.norm));
            out.push(feature(T::WordNext, t.word));
            out.push(feature(T::ShapeNext, t.short_shape));
            out.push(feature(T::Suffix2Next, t.suffixes[1]));
            out.push(feature(T::Suffix3Next, t.suffixes[2]));
            out.push(feature(T::Suffix4Next, t.suffixes[3]));
            for class in classes(t.gazetteer) {
                out.push(feature(T::GazetteerNext, class));
            }
        }
        Group::AsPrev2 => {
            out.push(feature(T::NormPrev2, t.norm));
            out.push(feature(T::ShapePrev2, t.short_shape));
        }
        Group::AsNext2 => {
            out.push(feature(T::NormNext2, t.norm));
            out.push(feature(T::ShapeNext2, t.short_shape));
        }
    }
}

/// The gazetteer classes set in `bits`, lowest first.
fn classes(bits: u32) -> impl Iterator<Item = u64> {
    (0..32u64).filter(move |&class| bits & (1 << class) != 0)
}

/// Appends the features of a position that combine two or more tokens of its window, or that
/// depend on where the position is (`first`: the sentence's first token) or on the training
/// entity strings matched in context.
pub(crate) fn pair_features(
    p1: &TokenInfo,
    t: &TokenInfo,
    n1: &TokenInfo,
    first: bool,
    out: &mut Vec<u64>,
) {
    let first = u64::from(first);
    let cap = u64::from(t.flags & flag::INIT_CAP != 0);
    out.push(feature(T::Flags, u64::from(t.flags) << 1 | first));
    out.push(feature(T::NormBigramPrev, combine(p1.norm, t.norm)));
    out.push(feature(T::NormBigramNext, combine(t.norm, n1.norm)));
    out.push(feature(
        T::ShapeTrigram,
        combine(combine(p1.short_shape, t.short_shape), n1.short_shape),
    ));
    for class in classes(t.gazetteer) {
        out.push(feature(T::GazetteerCap, class << 2 | cap << 1 | first));
    }
    out.push(feature(
        T::FirstCap,
        first << 2 | cap << 1 | u64::from(t.gazetteer >> ORDINARY & 1),
    ));
    out.push(feature(T::NormPrevShape, combine(p1.norm, t.short_shape)));
    out.push(feature(T::ShapeNormNext, combine(t.short_shape, n1.norm)));
    out.push(feature(
        T::FlagsPrevNext,
        combine(u64::from(p1.flags), u64::from(n1.flags)),
    ));
    if t.entity_match != 0 {
        let part = u64::from(t.entity_match & 3);
        for label in 0..30u64 {
            if t.entity_match >> 2 & (1 << label) != 0 {
                out.push(feature(T::EntityMatch, label << 2 | part));
                out.push(feature(T::EntityMatchCap, label << 3 | part << 1 | cap));
            }
        }
    }
    out.push(feature(T::EntityMatchPrev, u64::from(p1.entity_match)));
    out.push(feature(T::EntityMatchNext, u64::from(n1.entity_match)));
    if t.chain != 0 {
        out.push(feature(T::Chain, u64::from(t.chain)));
        if t.chain_head != 0 {
            let distance = t.chain >> chain::DISTANCE_SHIFT & chain::MAX_DISTANCE;
            out.push(feature(
                T::ChainHead,
                combine(t.chain_head, u64::from(distance)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_classes_of_greek_letters_follow_their_case() {
        for c in ('\u{0370}'..='\u{03FF}').chain('\u{1F00}'..='\u{1FFF}') {
            if c.is_alphabetic() {
                let expected = if c.is_uppercase() { b'X' } else { b'x' };
                assert_eq!(shape_class(c), expected, "{c:?}");
            }
        }
        assert_eq!(shape_class('7'), b'd');
        assert_eq!(shape_class('Q'), b'L');
    }

    fn infos(words: &[&str]) -> Vec<TokenInfo> {
        let gazetteer = Gazetteer::empty();
        let mut norm = String::new();
        words
            .iter()
            .map(|w| token_info(w, &gazetteer, &mut norm))
            .collect()
    }

    #[test]
    fn accent_and_case_variants_share_norm_but_not_word() {
        let t = infos(&["Θεσσαλονίκη", "ΘΕΣΣΑΛΟΝΙΚΗ", "θεσσαλονικη"]);
        assert_eq!(t[0].norm, t[1].norm);
        assert_eq!(t[1].norm, t[2].norm);
        assert_ne!(t[0].word, t[1].word);
        assert_eq!(t[0].suffixes, t[2].suffixes);
        assert_eq!(t[0].prefixes[3], hash_bytes("θεσσ".as_bytes()));
        assert_eq!(t[0].suffixes[1], hash_bytes("κη".as_bytes()));
    }

    #[test]
    fn shapes_and_flags_describe_the_surface() {
        let t = infos(&["Κυριάκος", "ΠΑΣΟΚ", "2024", "Α.Ε.", "κατ'", "Google", "Η"]);
        assert_eq!(t[0].short_shape, hash_bytes(b"Xx"));
        assert_eq!(t[0].flags, flag::INIT_CAP | flag::GREEK);
        assert_eq!(t[1].short_shape, hash_bytes(b"X"));
        assert_eq!(t[1].long_shape, hash_bytes(b"XXXXX"));
        assert_eq!(t[1].flags & flag::ALL_CAPS, flag::ALL_CAPS);
        assert_eq!(
            t[2].flags,
            flag::HAS_DIGIT | flag::ALL_DIGITS | flag::NO_LETTER
        );
        assert_eq!(t[3].short_shape, hash_bytes(b"X.X."));
        assert_ne!(t[3].flags & flag::HAS_DOT, 0);
        assert_ne!(t[4].flags & flag::HAS_APOSTROPHE, 0);
        assert_eq!(t[5].short_shape, hash_bytes(b"Ll"));
        assert_ne!(t[5].flags & flag::LATIN, 0);
        assert_ne!(t[6].flags & flag::SINGLE_CHAR, 0);
    }

    #[test]
    fn sentences_in_capitals_are_told_apart() {
        assert!(in_capitals(&infos(&[
            "ΕΚΤΑΚΤΟ",
            ":",
            "Ο",
            "ΥΠΟΥΡΓΟΣ",
            "ΠΑΡΑΙΤΗΘΗΚΕ"
        ])));
        assert!(in_capitals(&infos(&[
            "ΝΕΑ",
            "ΑΠΕΡΓΙΑ",
            "ΣΤΑ",
            "ΛΙΜΑΝΙΑ",
            "2026"
        ])));
        // an acronym in an ordinary sentence, and a headline of two words, are not
        assert!(!in_capitals(&infos(&[
            "Το",
            "ΚΚΕ",
            "και",
            "η",
            "ΝΔ",
            "ψήφισαν"
        ])));
        assert!(!in_capitals(&infos(&["ΠΑΣΟΚ", "ΚΚΕ"])));
        assert!(!in_capitals(&infos(&["ΑΠΟ", "ΤΗ", "Λάρισα"])));
        // the copies for capitals are other hashes than the shared features
        let t = infos(&["ΣΤΗ", "ΛΑΡΙΣΑ", "ΚΑΙ", "ΣΤΟΝ", "ΒΟΛΟ"]);
        let (mut shared, mut copies) = (Vec::new(), Vec::new());
        position_features(&t, 1, &mut shared);
        capitals_features(&t, 1, &mut copies);
        assert!(!copies.is_empty());
        assert!(copies.iter().all(|c| !shared.contains(c)));
        let bucket = capitals_bucket(copies[0], 20);
        assert!(((1 << 20)..(1 << 20) + (1 << CAPITALS_BITS)).contains(&bucket));
    }

    #[test]
    fn chains_of_capitalized_words_span_joining_words() {
        let mut t = infos(&[
            "Στη",
            "Γενική",
            "Γραμματεία",
            "της",
            "Περιφέρειας",
            "Θεσσαλίας",
            "και",
            "στον",
            "Δήμο",
            "Βόλου",
            "είπαν",
            "ότι",
            "η",
            "Τράπεζα",
            "Κρήτης",
            "και",
            "η",
            "Ελένη",
        ]);
        annotate_chains(&mut t);
        let distance = |t: &TokenInfo| t.chain >> chain::DISTANCE_SHIFT & chain::MAX_DISTANCE;
        // «Στη Γενική Γραμματεία της Περιφέρειας Θεσσαλίας»: one chain from the first word
        let words = [0, 1, 2, 4, 5];
        assert!(words.iter().all(|&i| t[i].chain & chain::IN_CHAIN != 0));
        assert!(words.iter().all(|&i| t[i].chain & chain::HEAD_FIRST != 0));
        assert_eq!(t[3].chain, 0, "the joining word itself is no part");
        let distances: Vec<u32> = words.iter().map(|&i| distance(&t[i])).collect();
        assert_eq!(distances, [0, 1, 2, 3, 3]);
        assert_eq!(t[0].chain_head, 0);
        assert!([1, 2, 4, 5].iter().all(|&i| t[i].chain_head == t[0].norm));
        // «και στον» ends it: «Δήμο Βόλου» is a chain of its own, not from the first word
        assert_eq!(t[6].chain, 0);
        assert_eq!(
            t[8].chain & (chain::IN_CHAIN | chain::HEAD_FIRST),
            chain::IN_CHAIN
        );
        assert_eq!((distance(&t[8]), distance(&t[9])), (0, 1));
        assert_eq!(t[9].chain_head, t[8].norm);
        // a joining word followed by a lowercase word joins nothing
        assert_eq!(distance(&t[13]), 0);
        assert_eq!(distance(&t[17]), 0, "«και η» is no link");
        // features of a position in a chain name its first word
        let mut features = Vec::new();
        position_features(&t, 9, &mut features);
        assert!(features.contains(&feature(T::ChainHead, combine(t[8].norm, 1))));
        let mut unchained = t.clone();
        unchained
            .iter_mut()
            .for_each(|t| (t.chain, t.chain_head) = (0, 0));
        let mut without = Vec::new();
        position_features(&unchained, 9, &mut without);
        assert_eq!(features.len(), without.len() + 2);
    }

    #[test]
    fn sentences_mostly_in_capitals_have_no_chains() {
        for words in [
            &["ΝΕΑ", "ΑΠΕΡΓΙΑ", "ΣΤΑ", "ΛΙΜΑΝΙΑ"][..],
            &["ΤΟ", "iPHONE", "ΣΤΗΝ", "ΕΛΛΑΔΑ", "από", "σήμερα"][..],
        ] {
            let mut t = infos(words);
            annotate_chains(&mut t);
            assert!(
                t.iter().all(|t| t.chain == 0 && t.chain_head == 0),
                "{words:?}"
            );
        }
        let mut t = infos(&["Το", "ΚΚΕ", "και", "η", "ΝΔ", "ψήφισαν", "στη", "Βουλή"]);
        annotate_chains(&mut t);
        assert_ne!(t[1].chain, 0);
        assert_ne!(t[7].chain, 0);
    }

    #[test]
    fn short_words_have_no_long_affixes() {
        let t = infos(&["τη"]);
        assert_ne!(t[0].prefixes[1], 0);
        assert_eq!(t[0].prefixes[2], 0);
        assert_eq!(t[0].suffixes[1], hash_bytes("τη".as_bytes()));
        assert_eq!(t[0].suffixes[2], 0);
    }

    #[test]
    fn neighbours_change_the_features_of_a_position() {
        let a = infos(&[
            "Ο",
            "Κυριάκος",
            "Μητσοτάκης",
            "επισκέφθηκε",
            "τη",
            "Θεσσαλονίκη",
            ".",
        ]);
        let b = infos(&[
            "Ο",
            "Κυριάκος",
            "Μητσοτάκης",
            "επισκέφθηκε",
            "την",
            "Πάτρα",
            ".",
        ]);
        let features = |t: &[TokenInfo], i| {
            let mut out = Vec::new();
            position_features(t, i, &mut out);
            out
        };
        // Position 1 sees only ±2 neighbours, identical in both sentences.
        assert_eq!(features(&a, 1), features(&b, 1));
        // Position 3 sees «τη» vs «την» at +1.
        assert_ne!(features(&a, 3), features(&b, 3));
        // The first position has the sentence-start sentinel as its left context.
        let first = features(&a, 0);
        assert!(first.contains(&feature(T::NormPrev, BEFORE.norm)));
        assert!(first.contains(&feature(T::NormNext, a[1].norm)));
        let last = features(&a, 6);
        assert!(last.contains(&feature(T::NormNext, AFTER.norm)));
        // No duplicates inside one position: each template fires once per value.
        let mut sorted = features(&a, 2);
        let n = sorted.len();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), n);
    }
}
