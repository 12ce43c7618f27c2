//! [`Pipeline`]: the per-document stages composed in order.
//!
//! `process` takes a [`RawDocument`] through language identification, normalization,
//! tokenization, stopwords and stemming, tagging and document-level canonicalization. It is
//! pure with respect to the document, so [`crate::run`] can call it from many threads at once.

use std::cell::RefCell;
use std::collections::HashSet;

use std::sync::Arc;

use crate::canonical;
use crate::interner::Interner;
use crate::lang;
use crate::ner::Tagger;
use crate::normalize::{self, normalize_text};
use crate::stem::{StemOutcome, Stemmer};
use crate::stopwords::Stopwords;
use crate::tokenize::{self, RawToken};
use crate::{Document, Entity, Iob, RawDocument, Span, Status, Token, TokenKind};

/// Most distinct word forms a thread remembers; past it the memory starts afresh (about 100
/// bytes each, so a few MB per thread).
const FORM_CACHE_LIMIT: usize = 50_000;

thread_local! {
    /// Normalizing and Snowball stemming are the costliest per-token steps and word frequencies
    /// are Zipfian, so each thread remembers the norm and stem of each word form it has seen
    /// (both are functions of the form alone: the stemmer is the same in every pipeline).
    static FORM_CACHE: RefCell<FormCache> = RefCell::new(FormCache::default());
}

/// The norms and stems of word forms as they appear in the decoded text, numbered by an
/// [`Interner`], with their strings in one buffer.
#[derive(Default)]
struct FormCache {
    words: Interner,
    forms: Vec<Form>,
    /// The norms and stems.
    strings: String,
}

/// What [`FormCache`] knows of one word form.
struct Form {
    /// Byte range of the norm in `FormCache::strings`.
    norm: (u32, u32),
    /// Whether the norm holds a Greek letter (only Greek words are stemmed).
    greek: bool,
    /// Byte range in `FormCache::strings` of the stem of a Greek word and whether it came from
    /// the fallback, once a token of kind `word` asked for it.
    stem: Option<(u32, u32, bool)>,
}

impl FormCache {
    /// The number of `word`'s form, normalized on first sight.
    fn form(&mut self, word: &str) -> usize {
        if let Some(i) = self.words.find(word) {
            return i as usize;
        }
        if self.words.len() >= FORM_CACHE_LIMIT {
            self.words.clear();
            self.forms.clear();
            self.strings.clear();
        }
        let start = self.strings.len();
        normalize::norm_into(word, &mut self.strings);
        let norm = &self.strings[start..];
        self.forms.push(Form {
            norm: (start as u32, self.strings.len() as u32),
            greek: normalize::has_greek(norm),
            stem: None,
        });
        self.words.insert(word) as usize
    }

    fn norm(&self, i: usize) -> &str {
        let (start, end) = self.forms[i].norm;
        &self.strings[start as usize..end as usize]
    }

    /// The stem of form `i` (a Greek word) and whether it came from the fallback.
    fn stem(&mut self, i: usize, stemmer: &Stemmer) -> (&str, bool) {
        let (start, end, fallback) = match self.forms[i].stem {
            Some(stem) => stem,
            None => {
                let (norm_start, norm_end) = self.forms[i].norm;
                let start = self.strings.len();
                let mut stem = String::with_capacity((norm_end - norm_start) as usize);
                let norm = &self.strings[norm_start as usize..norm_end as usize];
                let outcome = stemmer.stem_into(norm, true, &mut stem);
                self.strings.push_str(&stem);
                let stem = (
                    start as u32,
                    self.strings.len() as u32,
                    outcome == StemOutcome::Fallback,
                );
                self.forms[i].stem = Some(stem);
                stem
            }
        };
        (&self.strings[start as usize..end as usize], fallback)
    }
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
        let mut tokenized = match raw.pretokenized {
            Some(sentences) => pretokenized(&doc.text, &sentences),
            None => tokenize_original(&doc.text),
        };
        split_long_tokens(&doc.text, &mut tokenized);
        doc.view = tokenized.view.take();
        // the language of what a reader sees: without leftover markup, references decoded
        doc.language = lang::detect(doc.view_text());
        let mut fallbacks = 0;
        doc.tokens = self.build_tokens(&doc, &tokenized, &mut fallbacks);
        doc.stem_fallbacks = fallbacks;
        doc.sentences = doc.tokens.last().map_or(0, |t| t.sentence as usize + 1);
        if let Some(tagger) = &self.tagger {
            tag(tagger, &mut doc);
            mark_duplicate_lines(&mut doc);
            canonical::canonicalize_document(&mut doc);
        }
        doc
    }

    fn build_tokens(
        &self,
        doc: &Document,
        tokenized: &Tokenized,
        fallbacks: &mut usize,
    ) -> Vec<Token> {
        let (text, view_text) = (&doc.text, doc.view_text());
        let mut offsets = CharOffsets::default();
        let mut tokens = Vec::with_capacity(tokenized.tokens.len());
        FORM_CACHE.with(|forms| {
            let forms = &mut *forms.borrow_mut();
            for (t, &view) in tokenized.tokens.iter().zip(&tokenized.views) {
                let form = forms.form(&view_text[view.start..view.end]);
                let norm = forms.norm(form).to_owned();
                let stem = if t.kind == TokenKind::Word && forms.forms[form].greek {
                    let (stem, fallback) = forms.stem(form, &self.stemmer);
                    *fallbacks += usize::from(fallback);
                    stem.to_owned()
                } else {
                    norm.clone()
                };
                let start = offsets.char_offset(text, t.span.start);
                let end = offsets.char_offset(text, t.span.end);
                tokens.push(Token {
                    sentence: t.sentence,
                    byte_span: t.span,
                    char_start: start,
                    char_end: end,
                    view_byte_span: view,
                    kind: t.kind,
                    stopword: self.stopwords.contains_norm(&norm),
                    norm,
                    stem,
                    iob: Iob::O,
                    entity_type: None,
                });
            }
        });
        tokens
    }
}

/// A document's tokens with their spans in the text as read, their spans in the text as
/// decoded (`views`, one per token), and the decoded text when it differs.
struct Tokenized {
    tokens: Vec<RawToken>,
    views: Vec<Span>,
    view: Option<String>,
}

/// Tokenizes the normalized form of `text` ([`normalize_text`]: NFC, decoded) and maps the
/// spans back onto `text` itself.
///
/// Composition can fold several original characters into one, so two tokens can map onto
/// overlapping original spans (a mark that NFC splits in two, after an apostrophe); such tokens
/// are merged, and sentences renumbered, so spans stay ordered and disjoint.
fn tokenize_original(text: &str) -> Tokenized {
    let normalized = normalize_text(text);
    let tokens = tokenize::tokenize(normalized.as_str());
    let mut mapped: Vec<RawToken> = Vec::with_capacity(tokens.len());
    let mut views: Vec<Span> = Vec::with_capacity(tokens.len());
    let mut sentence = (0, 0); // (tokenizer's number, ours)
    for t in tokens {
        let span = normalized.to_original(t.span);
        if let (Some(last), Some(view)) = (mapped.last_mut(), views.last_mut()) {
            if span.start < last.span.end {
                last.span.end = last.span.end.max(span.end);
                view.end = view.end.max(t.span.end);
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
        views.push(t.span);
    }
    let view = normalized
        .is_changed()
        .then(|| normalized.as_str().to_owned());
    Tokenized {
        tokens: mapped,
        views,
        view,
    }
}

/// Longest token kept whole, in bytes; longer runs (base64 blobs, text with no spaces) are cut
/// into pieces of this size so one token never costs more than a bounded amount downstream.
pub const MAX_TOKEN_BYTES: usize = 1024;

/// Cuts tokens longer than [`MAX_TOKEN_BYTES`] into pieces on character boundaries. When the
/// document has a decoded view, each token's view is cut into as many pieces.
fn split_long_tokens(text: &str, tokenized: &mut Tokenized) {
    let tokens = &mut tokenized.tokens;
    if tokens
        .iter()
        .all(|t| t.span.end - t.span.start <= MAX_TOKEN_BYTES)
    {
        return;
    }
    let mut split = Vec::with_capacity(tokens.len());
    let mut views = Vec::with_capacity(tokens.len());
    let view_text = tokenized.view.as_deref().unwrap_or(text);
    for (t, view) in tokens.drain(..).zip(&tokenized.views) {
        let first = split.len();
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
        if tokenized.view.is_none() {
            views.extend(split[first..].iter().map(|p| p.span));
        } else {
            views.extend(cut_evenly(view_text, *view, split.len() - first));
        }
    }
    *tokens = split;
    tokenized.views = views;
}

/// `span` of `text` cut into `pieces` consecutive spans of about equal length, on character
/// boundaries (the last ones may be empty when the span is short).
fn cut_evenly(text: &str, span: Span, pieces: usize) -> Vec<Span> {
    let mut out = Vec::with_capacity(pieces);
    let mut start = span.start;
    for k in 1..=pieces {
        let mut end = if k == pieces {
            span.end
        } else {
            span.start + (span.end - span.start) * k / pieces
        };
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        out.push(Span { start, end });
        start = end;
    }
    out
}

/// Tokens exactly as a pre-tokenized (CoNLL) input gave them.
fn pretokenized(text: &str, sentences: &[Vec<Span>]) -> Tokenized {
    let mut tokens = Vec::new();
    for (sentence, spans) in sentences.iter().filter(|s| !s.is_empty()).enumerate() {
        for &span in spans {
            tokens.push(RawToken {
                sentence: sentence as u32,
                span,
                kind: tokenize::classify(&text[span.start..span.end]),
            });
        }
    }
    let views = tokens.iter().map(|t| t.span).collect();
    Tokenized {
        tokens,
        views,
        view: None,
    }
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
    // «∆ανάη» from a PDF: the tagger reads the word with the Greek letter the symbol stands for,
    // as `norm` and the canonical names do (the symbol is no capital letter to it otherwise).
    let spelled = letters_for_symbols(doc);
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
        words.extend((first..last).map(|i| match spelled.get(i) {
            Some(Some(word)) => word.as_str(),
            _ => doc.word(&doc.tokens[i]),
        }));
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
    canonical::tag_hyphen_pairs(doc);
    canonical::tag_addressed_people(doc, labels);
    canonical::retag_capital_sentences(doc);
    canonical::untag_web_addresses(doc);
    doc.entities = entities_from_tags(&doc.text, &doc.tokens);
}

/// For each token, its word with every symbol that stands for a Greek letter written as that
/// letter ([`crate::greek::symbol_lookalike`]), when the word has one and Greek letters;
/// empty when no word of the document has such a symbol (the usual case, no allocation).
fn letters_for_symbols(doc: &Document) -> Vec<Option<String>> {
    let view = doc.view_text();
    if view.is_ascii() || !crate::greek::has_symbol_letters(view) {
        return Vec::new();
    }
    doc.tokens
        .iter()
        .map(|t| crate::greek::symbols_as_letters(doc.word(t)))
        .collect()
}

/// Entity mentions from the tokens' IOB tags, sentence by sentence, read by the one IOB2
/// decoder the evaluation uses ([`crate::ner::spans`]: an I that continues no entity of its type
/// opens one). A tag without an entity type counts as O.
fn entities_from_tags(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let mut entities = Vec::new();
    let mut first = 0;
    while first < tokens.len() {
        let sentence = tokens[first].sentence;
        let last = tokens[first..]
            .iter()
            .position(|t| t.sentence != sentence)
            .map_or(tokens.len(), |n| first + n);
        let tags = tokens[first..last].iter().map(|t| match &t.entity_type {
            Some(label) => (t.iob, &**label),
            None => (Iob::O, ""),
        });
        for (start, end, _) in crate::ner::spans(tags) {
            let (i, end) = (first + start, first + end);
            let (head, tail) = (&tokens[i], &tokens[end - 1]);
            let Some(label) = head.entity_type.clone() else {
                continue;
            };
            entities.push(Entity {
                sentence: head.sentence,
                token_start: i,
                token_end: end,
                char_start: head.char_start,
                char_end: tail.char_end,
                text: text[head.byte_span.start..tail.byte_span.end].to_owned(),
                canonical: String::new(),
                label,
                duplicate_line: false,
            });
        }
        first = last;
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
        let at = doc.tokens[entity.token_start].byte_span.start;
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
        let span = Span {
            start: 0,
            end: text.len(),
        };
        let mut tokenized = Tokenized {
            tokens: vec![RawToken {
                sentence: 0,
                span,
                kind: TokenKind::Word,
            }],
            views: vec![span],
            view: None,
        };
        split_long_tokens(&text, &mut tokenized);
        let spans: Vec<(usize, usize)> = (tokenized.tokens.iter())
            .map(|t| (t.span.start, t.span.end))
            .collect();
        assert_eq!(spans, [(0, 1024), (1024, 2048), (2048, 3000)]);
        let views: Vec<(usize, usize)> =
            (tokenized.views.iter()).map(|v| (v.start, v.end)).collect();
        assert_eq!(views, spans);
    }

    #[test]
    fn a_long_token_with_a_decoded_view_is_cut_into_as_many_view_pieces() {
        // an HTML reference in a 1,500-letter run: the view is shorter than the text as read
        let text = format!("&amp;{}", "α".repeat(1500));
        let doc = Pipeline::new(Stopwords::parse(""), None).process(RawDocument {
            id: "d".into(),
            text: text.clone(),
            ..RawDocument::default()
        });
        let view = doc.view.as_deref().expect("decoded");
        assert!(doc.tokens.len() >= 3);
        let mut at = 0;
        for t in &doc.tokens {
            assert!(t.byte_span.end - t.byte_span.start <= MAX_TOKEN_BYTES);
            assert_eq!(t.view_byte_span.start, at, "view pieces follow each other");
            at = t.view_byte_span.end;
        }
        assert_eq!(at, view.len());
    }

    #[test]
    fn pretokenized_tokens_get_the_tokenizers_kind() {
        // every token of running text, given alone as a pre-tokenized token, gets the kind the
        // tokenizer gave it in context
        let text = "Ο κ. Νίκος (lifo.gr) είπε: «+20% από την 1η Μαΐου, 3,5 εκατ. €» στο \
                    info@example.gr και https://example.gr/α?x=1 #εκλογές @ΥπουργείοΥγείας γι’ αυτό...";
        let tokens = tokenize::tokenize(text);
        assert!(tokens.len() > 25);
        let sentences: Vec<Vec<Span>> = vec![tokens.iter().map(|t| t.span).collect()];
        for (t, p) in tokens.iter().zip(pretokenized(text, &sentences).tokens) {
            assert_eq!(p.kind, t.kind, "{}", &text[t.span.start..t.span.end]);
        }
        assert_eq!(tokenize::classify("lifo.gr"), TokenKind::Url);
        assert_eq!(tokenize::classify("1η"), TokenKind::Number);
        assert_eq!(tokenize::classify("+20%"), TokenKind::Number);
        assert_eq!(tokenize::classify("Αθήνα"), TokenKind::Word);
        assert_eq!(tokenize::classify("«"), TokenKind::Punct);
        assert_eq!(tokenize::classify("€"), TokenKind::Symbol);
        assert_eq!(tokenize::classify("\u{200B}"), TokenKind::Symbol);
        // a token the tokenizer would cut is a word if a piece is one
        assert_eq!(tokenize::classify("(Αθήνα)"), TokenKind::Word);
    }

    #[test]
    fn iob_tags_decode_as_the_evaluation_reads_them() {
        let pipeline = Pipeline::new(Stopwords::parse(""), None);
        let mut doc = pipeline.process(RawDocument {
            id: "d".into(),
            text: "Ο Νίκος Παππάς ήρθε στην Αθήνα. Η Μαρία έμεινε".into(),
            ..RawDocument::default()
        });
        let person: Arc<str> = "PERSON".into();
        let place: Arc<str> = "LOC".into();
        let set = |doc: &mut Document, word: &str, iob: Iob, label: &Arc<str>| {
            let t = doc
                .tokens
                .iter_mut()
                .find(|t| &doc.text[t.byte_span.start..t.byte_span.end] == word)
                .unwrap();
            t.iob = iob;
            t.entity_type = Some(label.clone());
        };
        set(&mut doc, "Νίκος", Iob::B, &person);
        set(&mut doc, "Παππάς", Iob::I, &person);
        // an I of another type opens its own mention
        set(&mut doc, "Αθήνα", Iob::I, &place);
        // an I after the sentence break never continues the previous sentence's mention
        set(&mut doc, "Η", Iob::I, &place);
        set(&mut doc, "Μαρία", Iob::B, &person);
        let got: Vec<(String, usize, usize, String)> = entities_from_tags(&doc.text, &doc.tokens)
            .into_iter()
            .map(|e| (e.text, e.char_start, e.char_end, e.label.to_string()))
            .collect();
        let want = [
            ("Νίκος Παππάς", 2, 14, "PERSON"),
            ("Αθήνα", 25, 30, "LOC"),
            ("Η", 32, 33, "LOC"),
            ("Μαρία", 34, 39, "PERSON"),
        ];
        let want: Vec<(String, usize, usize, String)> = want
            .iter()
            .map(|&(t, s, e, l)| (t.to_string(), s, e, l.to_string()))
            .collect();
        assert_eq!(got, want);
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
            if &doc.text[t.byte_span.start..t.byte_span.end] == "Νίκος" {
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
                    Just("&amp;".to_string()),
                    Just("&#x39D;".to_string()),
                    Just("&laquo;".to_string()),
                    Just("<p>".to_string()),
                    Just("<b>".to_string()),
                    Just("-\n".to_string()),
                    Just("-".to_string()),
                    Just("&".to_string()),
                    Just("ίκος".to_string()),
                    Just("https://a.gr/x ".to_string()),
                    Just("#τέλος ".to_string()),
                    Just("∆ημ".to_string()),
                    Just("Λεµ".to_string()),
                    Just("5 µm ".to_string()),
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
                assert!(
                    t.char_start >= previous_end
                        && t.char_end > t.char_start
                        && t.char_end <= chars.len()
                );
                assert!(doc.text.is_char_boundary(t.byte_span.start));
                assert!(doc.text.is_char_boundary(t.byte_span.end));
                let slice: String = chars[t.char_start..t.char_end].iter().collect();
                assert_eq!(slice, t.text(&doc.text));
                assert!(t.sentence == previous_sentence || t.sentence == previous_sentence + 1);
                assert_eq!(normalize::norm(&t.norm), t.norm, "norm is idempotent");
                assert!(doc.view_text().is_char_boundary(t.view_byte_span.start));
                assert!(doc.view_text().is_char_boundary(t.view_byte_span.end));
                assert!(
                    t.view_byte_span.start <= t.view_byte_span.end
                        && t.view_byte_span.end <= doc.view_text().len()
                );
                assert_eq!(t.norm, normalize::norm(doc.word(t)), "norm reads the view");
                previous_end = t.char_end;
                previous_sentence = t.sentence;
            }
            for e in &doc.entities {
                let slice: String = chars[e.char_start..e.char_end].iter().collect();
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
