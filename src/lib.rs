//! elpipe turns a corpus of Modern Greek text into CSV tables a researcher can analyse.
//!
//! Data flows one way through the stages, each in its own module:
//! [`read`] → [`normalize`] → [`tokenize`] → [`stem`] (with [`stopwords`]) → [`ner`] →
//! [`canonical`] → [`tables`]; [`greek`] holds the spelling facts they share. [`Pipeline`] composes the per-document stages; [`run`] spreads
//! documents across cores and writes the tables in input order.
//!
//! ```
//! use elpipe::{Pipeline, RawDocument};
//!
//! let pipeline = Pipeline::greek()?; // shipped stopwords and tagger
//! let doc = pipeline.process(RawDocument {
//!     id: "1".into(),
//!     text: "Ο Κυριάκος Μητσοτάκης μίλησε στη Θεσσαλονίκη. Ο Μητσοτάκης είπε ότι θα ξαναέρθει.".into(),
//!     ..RawDocument::default()
//! });
//! assert_eq!(doc.sentences, 2);
//! let names: Vec<&str> = doc.entities.iter().map(|e| e.canonical.as_str()).collect();
//! assert_eq!(names, ["Κυριάκος Μητσοτάκης", "Θεσσαλονίκη", "Κυριάκος Μητσοτάκης"]);
//! # Ok::<(), elpipe::Error>(())
//! ```

pub mod acronyms;
pub mod canonical;
pub mod decode;
pub mod error;
pub mod greek;
pub mod lang;
pub mod ner;
pub mod normalize;
pub mod output;
pub mod partial;
pub mod period;
pub mod pipeline;
mod progress;
pub mod read;
pub mod report;
pub mod run;
pub mod stem;
pub mod stopwords;
pub mod tables;
pub mod tokenize;

use std::sync::Arc;

pub use error::{Error, Result};
pub use pipeline::Pipeline;

/// What happened to a document; every input document gets a row in `documents.csv` with one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
    Ok,
    Skipped,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }
}

/// A byte range `[start, end)` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A document as a reader produced it, before any processing.
#[derive(Clone, Debug, Default)]
pub struct RawDocument {
    /// Stable identifier: a relative path for `.txt`, the id field for JSONL/CSV, or `file:line`.
    pub id: String,
    /// Where it came from: the file, plus `:line` for line-based formats.
    pub source: String,
    /// The text as read (lossily decoded if it was not UTF-8), without a leading byte-order mark.
    /// Every offset elpipe reports points into this string.
    pub text: String,
    /// Values of the `--keep-fields` columns, in the order the fields were named.
    pub metadata: Vec<String>,
    /// For pre-tokenized input (CoNLL): token byte spans in `text`, grouped by sentence.
    pub pretokenized: Option<Vec<Vec<Span>>>,
    pub status: Status,
    /// Why the status is not `ok`, or a warning (e.g. invalid UTF-8) for an `ok` document.
    pub message: String,
}

/// The coarse class of a token, decided by the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Url,
    Email,
    Mention,
    Hashtag,
    Symbol,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Mention => "mention",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// Position of a token in a named-entity span (IOB2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Iob {
    #[default]
    O,
    B,
    I,
}

impl Iob {
    pub fn as_str(self) -> &'static str {
        match self {
            Iob::O => "O",
            Iob::B => "B",
            Iob::I => "I",
        }
    }
}

/// One token of a processed document.
#[derive(Clone, Debug)]
pub struct Token {
    /// Sentence number within the document, from 0.
    pub sentence: u32,
    /// Byte range in [`Document::text`].
    pub byte_span: Span,
    /// Code-point offset of the token's first character in [`Document::text`] (the `start`
    /// column of `tokens.csv`).
    pub char_start: usize,
    /// Code-point offset just past the token's last character in [`Document::text`]
    /// (exclusive; the `end` column of `tokens.csv`).
    pub char_end: usize,
    /// Byte range in [`Document::view_text`], the text as decoded for `norm`, tagging and
    /// canonical names; the same as `byte_span` unless the document needed decoding
    /// ([`Document::view`]).
    pub view_byte_span: Span,
    pub kind: TokenKind,
    /// Accentless, lowercased, final-sigma-canonical form with Latin look-alikes repaired.
    pub norm: String,
    pub stem: String,
    pub stopword: bool,
    pub iob: Iob,
    /// Entity type for `B`/`I` tokens.
    pub entity_type: Option<Arc<str>>,
}

/// One entity mention.
#[derive(Clone, Debug)]
pub struct Entity {
    pub sentence: u32,
    /// Token range `[token_start, token_end)` in [`Document::tokens`].
    pub token_start: usize,
    pub token_end: usize,
    /// Code-point offset of the mention's first character in the document text (the `start`
    /// column of `entities.csv`).
    pub char_start: usize,
    /// Code-point offset just past the mention's last character (exclusive; the `end` column of
    /// `entities.csv`).
    pub char_end: usize,
    /// The mention as written in the document.
    pub text: String,
    pub label: Arc<str>,
    /// The canonical (nominative, full) name this mention refers to.
    pub canonical: String,
    /// True when the mention sits on a line that already appeared verbatim earlier in the
    /// document (scraped pages repeat titles); such mentions are left out of the counts.
    pub duplicate_line: bool,
}

/// Detected language of a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Language {
    /// ISO 639-3 code, e.g. `ell`; empty when undetermined.
    pub code: &'static str,
    pub confidence: f64,
}

/// A document after every stage has run.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub id: String,
    pub source: String,
    pub text: String,
    pub metadata: Vec<String>,
    pub status: Status,
    pub message: String,
    pub language: Language,
    pub sentences: usize,
    pub tokens: Vec<Token>,
    pub entities: Vec<Entity>,
    /// Tokens whose stem fell back to `norm` because the stemmer failed on them.
    pub stem_fallbacks: usize,
    /// The text as the tokenizer, `norm`, the tagger and the canonical names read it, when it
    /// differs from `text`: NFC, without invisible characters, with HTML references and tags and
    /// line-end hyphens decoded ([`normalize::normalize_text`]). `None`: the same as `text`.
    pub view: Option<String>,
}

impl Document {
    /// The text tokens' [`Token::view_byte_span`] spans index: [`Document::view`] or else `text`.
    pub fn view_text(&self) -> &str {
        self.view.as_deref().unwrap_or(&self.text)
    }

    /// A token as read for `norm`, tagging and canonical names («Θεσσαλονίκη» for the
    /// «Θεσσαλο-\nνίκη» of the text as read).
    pub fn word(&self, token: &Token) -> &str {
        self.view_text()
            .get(token.view_byte_span.start..token.view_byte_span.end)
            .unwrap_or("")
    }

    /// A mention as read for canonical names: its tokens' view text, from the first token's
    /// start to the last token's end; `entity.text` when its tokens are not in this document.
    pub fn mention<'a>(&'a self, entity: &'a Entity) -> &'a str {
        let first = self.tokens.get(entity.token_start);
        let last = entity
            .token_end
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i));
        match (first, last) {
            (Some(first), Some(last)) if entity.token_start < entity.token_end => self
                .view_text()
                .get(first.view_byte_span.start..last.view_byte_span.end)
                .unwrap_or(&entity.text),
            _ => &entity.text,
        }
    }
}

impl Token {
    /// The token's characters as written in the document.
    pub fn text<'a>(&self, document_text: &'a str) -> &'a str {
        &document_text[self.byte_span.start..self.byte_span.end]
    }
}
