//! [`Pipeline`]: the per-document stages composed in order.
//!
//! `process` takes a [`RawDocument`] through language identification, normalization,
//! tokenization, stopwords and stemming, tagging and document-level canonicalization. It is
//! pure with respect to the document, so [`crate::run`] can call it from many threads at once.

use std::cell::RefCell;
use std::collections::HashSet;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use crate::canonical;
use crate::lang;
use crate::ner::Tagger;
use crate::normalize::{self, normalize_text};
use crate::stem::{StemOutcome, Stemmer};
use crate::stopwords::Stopwords;
use crate::tokenize::{self, RawToken};
use crate::{Document, Entity, Iob, RawDocument, Span, Status, Token, TokenKind};

/// Most distinct words a thread remembers stems for; past it the memory starts afresh.
const STEM_CACHE_LIMIT: usize = 50_000;

thread_local! {
    /// Snowball stemming is the costliest per-token step and word frequencies are Zipfian, so
    /// each thread remembers the stems of the words it has seen.
    static STEM_CACHE: RefCell<FxHashMap<Box<str>, Stemmed>> = RefCell::new(FxHashMap::default());
}

#[derive(Clone)]
struct Stemmed {
    stem: Box<str>,
    fallback: bool,
}

/// The stages that run on each document, configured once per run.
pub struct Pipeline {
    stopwords: Stopwords,
    stemmer: Stemmer,
    tagger: Option<Arc<Tagger>>,
}

impl Pipeline {
    /// A pipeline with the given stopwords and tagger (`None`: no named-entity tagging).
    pub fn new(stopwords: Stopwords, tagger: Option<Tagger>) -> Pipeline {
        Pipeline {
            stopwords,
            stemmer: Stemmer::new(),
            tagger: tagger.map(Arc::new),
        }
    }

    /// The shipped Greek stopword list and the shipped tagger.
    pub fn greek() -> crate::Result<Pipeline> {
        Ok(Pipeline::new(Stopwords::greek(), Some(Tagger::shipped()?)))
    }

    /// Runs every per-document stage. Never panics; a document that was not read cleanly
    /// keeps its status and comes back without tokens.
    pub fn process(&self, raw: RawDocument) -> Document {
        let mut doc = Document {
            id: raw.id,
            source: raw.source,
            text: raw.text,
            metadata: raw.metadata,
            status: raw.status,
            message: raw.message,
            ..Document::default()
        };
        if doc.status != Status::Ok {
            return doc;
        }
        if doc.text.trim().is_empty() {
            doc.status = Status::Skipped;
            doc.message = "empty document".into();
            return doc;
        }
        doc.language = lang::detect(&doc.text);
        let mut raw_tokens = match raw.pretokenized {
            Some(sentences) => pretokenized(&doc.text, &sentences),
            None => tokenize_original(&doc.text),
        };
        split_long_tokens(&doc.text, &mut raw_tokens);
        doc.tokens = self.build_tokens(&doc.text, &raw_tokens, &mut doc.stem_fallbacks);
        doc.sentences = doc.tokens.last().map_or(0, |t| t.sentence as usize + 1);
        if let Some(tagger) = &self.tagger {
            tag(tagger, &mut doc);
            mark_duplicate_lines(&mut doc);
            canonical::canonicalize_document(&mut doc);
        }
        doc
    }

    fn build_tokens(&self, text: &str, raw: &[RawToken], fallbacks: &mut usize) -> Vec<Token> {
        let mut offsets = CharOffsets::default();
        let mut tokens = Vec::with_capacity(raw.len());
        for t in raw {
            let surface = &text[t.span.start..t.span.end];
            let norm = normalize::norm(surface);
            let greek_word = t.kind == TokenKind::Word && normalize::has_greek(&norm);
            let stem = if t.kind == TokenKind::Word {
                self.stem_cached(&norm, greek_word, fallbacks)
            } else {
                norm.clone()
            };
            let start = offsets.char_offset(text, t.span.start);
            let end = offsets.char_offset(text, t.span.end);
            tokens.push(Token {
                sentence: t.sentence,
                span: t.span,
                start,
                end,
                kind: t.kind,
                stopword: self.stopwords.contains_norm(&norm),
                norm,
                stem,
                iob: Iob::O,
                entity_type: None,
            });
        }
        tokens
    }

    fn stem_cached(&self, norm: &str, greek_word: bool, fallbacks: &mut usize) -> String {
        if !greek_word {
            return norm.to_owned();
        }
        STEM_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(hit) = cache.get(norm) {
                *fallbacks += usize::from(hit.fallback);
                return hit.stem.to_string();
            }
            let mut stem = String::with_capacity(norm.len());
            let fallback = self.stemmer.stem_into(norm, true, &mut stem) == StemOutcome::Fallback;
            *fallbacks += usize::from(fallback);
            if cache.len() >= STEM_CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(
                norm.into(),
                Stemmed {
                    stem: stem.as_str().into(),
                    fallback,
                },
            );
            stem
        })
    }
}

/// Tokenizes the NFC form of `text` and maps the spans back onto `text` itself.
///
/// Composition can fold several original characters into one, so two tokens can map onto
/// overlapping original spans (a mark that NFC splits in two, after an apostrophe); such tokens
/// are merged, and sentences renumbered, so spans stay ordered and disjoint.
fn tokenize_original(text: &str) -> Vec<RawToken> {
    let normalized = normalize_text(text);
    let tokens = tokenize::tokenize(normalized.as_str());
    let mut mapped: Vec<RawToken> = Vec::with_capacity(tokens.len());
    let mut sentence = (0, 0); // (tokenizer's number, ours)
    for t in tokens {
        let span = normalized.to_original(t.span);
        if let Some(last) = mapped.last_mut() {
            if span.start < last.span.end {
                last.span.end = last.span.end.max(span.end);
                continue;
            }
        }
        if span.start >= span.end {
            continue;
        }
        if !mapped.is_empty() && t.sentence != sentence.0 {
            sentence = (t.sentence, sentence.1 + 1);
        }
        sentence.0 = t.sentence;
        mapped.push(RawToken {
            sentence: sentence.1,
            span,
            kind: t.kind,
        });
    }
    mapped
}

/// Longest token kept whole, in bytes; longer runs (base64 blobs, text with no spaces) are cut
/// into pieces of this size so one token never costs more than a bounded amount downstream.
pub const MAX_TOKEN_BYTES: usize = 1024;

/// Cuts tokens longer than [`MAX_TOKEN_BYTES`] into pieces on character boundaries.
fn split_long_tokens(text: &str, tokens: &mut Vec<RawToken>) {
    if tokens
        .iter()
        .all(|t| t.span.end - t.span.start <= MAX_TOKEN_BYTES)
    {
        return;
    }
    let mut split = Vec::with_capacity(tokens.len());
    for t in tokens.drain(..) {
        let mut start = t.span.start;
        while t.span.end - start > MAX_TOKEN_BYTES {
            let mut end = start + MAX_TOKEN_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end == start {
                // a single character longer than the limit cannot exist; keep the rest whole
                break;
            }
            split.push(RawToken {
                span: Span { start, end },
                ..t
            });
            start = end;
        }
        split.push(RawToken {
            span: Span {
                start,
                end: t.span.end,
            },
            ..t
        });
    }
    *tokens = split;
}

/// Tokens exactly as a pre-tokenized (CoNLL) input gave them.
fn pretokenized(text: &str, sentences: &[Vec<Span>]) -> Vec<RawToken> {
    let mut tokens = Vec::new();
    for (sentence, spans) in sentences.iter().filter(|s| !s.is_empty()).enumerate() {
        for &span in spans {
            tokens.push(RawToken {
                sentence: sentence as u32,
                span,
                kind: classify(&text[span.start..span.end]),
            });
        }
    }
    tokens
}

/// The kind of a token the tokenizer did not see (pre-tokenized input).
fn classify(token: &str) -> TokenKind {
    let mut chars = token.chars();
    let first = chars.next().unwrap_or(' ');
    if token.contains("://") || token.starts_with("www.") {
        TokenKind::Url
    } else if first == '#' && token.len() > 1 {
        TokenKind::Hashtag
    } else if first == '@' && token.len() > 1 {
        TokenKind::Mention
    } else if token.contains('@') && token.contains('.') {
        TokenKind::Email
    } else if first.is_ascii_digit() && token.chars().all(|c| !c.is_alphabetic()) {
        TokenKind::Number
    } else if token
        .chars()
        .any(|c| crate::normalize::is_greek_letter(c) || c.is_alphanumeric())
    {
        TokenKind::Word
    } else if token
        .chars()
        .all(|c| c.is_ascii_punctuation() || is_punctuation(c))
    {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '·' | ';' | '\u{037E}' | '\u{0387}'
    )
}

/// Converts ascending byte offsets to code-point offsets in one pass over the text.
#[derive(Default)]
struct CharOffsets {
    byte: usize,
    chars: usize,
}

impl CharOffsets {
    fn char_offset(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Runs the tagger sentence by sentence and turns its IOB tags into entity mentions.
fn tag(tagger: &Tagger, doc: &mut Document) {
    let labels = tagger.labels();
    let mut words: Vec<&str> = Vec::new();
    let mut norms: Vec<&str> = Vec::new();
    let mut tags = Vec::new();
    let mut first = 0;
    let mut assigned: Vec<(Iob, u16)> = Vec::with_capacity(doc.tokens.len());
    while first < doc.tokens.len() {
        let sentence = doc.tokens[first].sentence;
        let last = doc.tokens[first..]
            .iter()
            .position(|t| t.sentence != sentence)
            .map_or(doc.tokens.len(), |n| first + n);
        words.clear();
        words.extend(doc.tokens[first..last].iter().map(|t| t.text(&doc.text)));
        norms.clear();
        norms.extend(doc.tokens[first..last].iter().map(|t| t.norm.as_str()));
        tagger.tag_sentence_normalized(&words, &norms, &mut tags);
        assigned.extend_from_slice(&tags);
        first = last;
    }
    for (token, &(iob, label)) in doc.tokens.iter_mut().zip(&assigned) {
        token.iob = iob;
        token.entity_type = match iob {
            Iob::O => None,
            _ => labels.get(label as usize).cloned(),
        };
    }
    doc.entities = entities_from_tags(&doc.text, &doc.tokens);
}

/// Maximal B I* runs of one type become mentions.
fn entities_from_tags(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let mut entities = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(label) = tokens[i]
            .entity_type
            .clone()
            .filter(|_| tokens[i].iob != Iob::O)
        else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < tokens.len()
            && tokens[end].iob == Iob::I
            && tokens[end].sentence == tokens[i].sentence
            && tokens[end].entity_type.as_deref() == Some(&*label)
        {
            end += 1;
        }
        let (first, last) = (&tokens[i], &tokens[end - 1]);
        entities.push(Entity {
            sentence: first.sentence,
            token_start: i,
            token_end: end,
            start: first.start,
            end: last.end,
            text: text[first.span.start..last.span.end].to_owned(),
            canonical: String::new(),
            label,
            duplicate_line: false,
        });
        i = end;
    }
    entities
}

/// Flags mentions on a line whose text already appeared earlier in the document.
fn mark_duplicate_lines(doc: &mut Document) {
    if doc.entities.is_empty() {
        return;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeated: Vec<Span> = Vec::new();
    let mut start = 0;
    for line in doc.text.split_inclusive('\n') {
        let content = line.trim();
        if !content.is_empty() && !seen.insert(content) {
            repeated.push(Span {
                start,
                end: start + line.len(),
            });
        }
        start += line.len();
    }
    if repeated.is_empty() {
        return;
    }
    for entity in &mut doc.entities {
        let at = doc.tokens[entity.token_start].span.start;
        entity.duplicate_line = repeated.iter().any(|r| r.start <= at && at < r.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Η Αθήνα και η Rome";
        let mut offsets = CharOffsets::default();
        let b = text.find("Αθήνα").unwrap();
        assert_eq!(offsets.char_offset(text, b), 2);
        let r = text.find("Rome").unwrap();
        assert_eq!(offsets.char_offset(text, r), 14);
    }

    #[test]
    fn long_tokens_are_cut_on_char_boundaries() {
        let text = "α".repeat(1500);
        let mut tokens = vec![RawToken {
            sentence: 0,
            span: Span {
                start: 0,
                end: text.len(),
            },
            kind: TokenKind::Word,
        }];
        split_long_tokens(&text, &mut tokens);
        let spans: Vec<(usize, usize)> =
            tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
        assert_eq!(spans, [(0, 1024), (1024, 2048), (2048, 3000)]);
    }

    #[test]
    fn classify_pretokenized_tokens() {
        assert_eq!(classify("Αθήνα"), TokenKind::Word);
        assert_eq!(classify("1.000"), TokenKind::Number);
        assert_eq!(classify("«"), TokenKind::Punct);
        assert_eq!(classify("#εκλογές"), TokenKind::Hashtag);
        assert_eq!(classify("https://example.gr"), TokenKind::Url);
        assert_eq!(classify("€"), TokenKind::Symbol);
    }

    #[test]
    fn repeated_lines_flag_their_mentions() {
        let pipeline = Pipeline::new(Stopwords::parse(""), None);
        let mut doc = pipeline.process(RawDocument {
            id: "d".into(),
            text: "Ο Νίκος ήρθε\nκείμενο\nΟ Νίκος ήρθε\n".into(),
            ..RawDocument::default()
        });
        let label: Arc<str> = "PERSON".into();
        for t in doc.tokens.iter_mut() {
            if &doc.text[t.span.start..t.span.end] == "Νίκος" {
                t.iob = Iob::B;
                t.entity_type = Some(label.clone());
            }
        }
        doc.entities = entities_from_tags(&doc.text, &doc.tokens);
        mark_duplicate_lines(&mut doc);
        let flags: Vec<bool> = doc.entities.iter().map(|e| e.duplicate_line).collect();
        assert_eq!(flags, vec![false, true]);
    }

    mod properties {
        use std::sync::OnceLock;

        use proptest::prelude::*;

        use super::*;

        fn tagged() -> &'static Pipeline {
            static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
            PIPELINE.get_or_init(|| Pipeline::greek().expect("the shipped model loads"))
        }

        /// Greek-looking text: letters with and without accents, Latin look-alikes, digits,
        /// punctuation, apostrophes, combining marks, invisible characters and line breaks.
        fn greekish() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just("Ο ".to_string()),
                    Just("κ. ".to_string()),
                    Just("Μητσοτάκης".to_string()),
                    Just("AΘHNA".to_string()),
                    Just("γι’ ".to_string()),
                    Just("1.000,5".to_string()),
                    Just("; ".to_string()),
                    Just("·".to_string()),
                    Just("«".to_string()),
                    Just("»".to_string()),
                    Just("...\n".to_string()),
                    Just("\n\n".to_string()),
                    Just("\u{0301}".to_string()),
                    Just("\u{00AD}".to_string()),
                    Just("https://a.gr/x ".to_string()),
                    Just("#τέλος ".to_string()),
                    "\\PC{0,6}",
                ],
                0..40,
            )
            .prop_map(|parts| parts.concat())
        }

        fn check(pipeline: &Pipeline, text: String) {
            let doc = pipeline.process(RawDocument {
                id: "p".into(),
                text,
                ..RawDocument::default()
            });
            let chars: Vec<char> = doc.text.chars().collect();
            let mut previous_end = 0;
            let mut previous_sentence = 0;
            for t in &doc.tokens {
                assert!(t.start >= previous_end && t.end > t.start && t.end <= chars.len());
                assert!(doc.text.is_char_boundary(t.span.start));
                assert!(doc.text.is_char_boundary(t.span.end));
                let slice: String = chars[t.start..t.end].iter().collect();
                assert_eq!(slice, t.text(&doc.text));
                assert!(t.sentence == previous_sentence || t.sentence == previous_sentence + 1);
                assert_eq!(normalize::norm(&t.norm), t.norm, "norm is idempotent");
                previous_end = t.end;
                previous_sentence = t.sentence;
            }
            for e in &doc.entities {
                let slice: String = chars[e.start..e.end].iter().collect();
                assert_eq!(slice, e.text);
                assert!(!e.canonical.is_empty());
            }
        }

        #[test]
        fn fuzz_regression_apostrophe_then_combining_marks() {
            let bytes: &[u8] = b"\xcf\x80\xce\xb5\xcf\x81\xce\x93\xce\xcf\xce\x93]\xce\xb9\xe2\x80\x99\xcd\x84\xcf\xce \x85\xb1\xcf\x8c \xce\xbf\x8c \xce\xbf";
            let text = String::from_utf8_lossy(bytes).into_owned();
            check(&Pipeline::new(Stopwords::greek(), None), text.clone());
            check(tagged(), text);
        }

        proptest! {
            #[test]
            fn offsets_slice_back_for_any_text(text in "\\PC*") {
                check(&Pipeline::new(Stopwords::greek(), None), text);
            }

            #[test]
            fn offsets_slice_back_for_greekish_text(text in greekish()) {
                check(&Pipeline::new(Stopwords::greek(), None), text);
            }

            #[test]
            fn tagged_documents_keep_every_invariant(text in greekish()) {
                check(tagged(), text);
            }
        }
    }
}
