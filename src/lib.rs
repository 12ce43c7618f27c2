//! elpipe turns a corpus of Modern Greek text into CSV tables a researcher can analyse.
//!
//! Data flows one way through the stages, each in its own (private) module: read → normalize →
//! tokenize → stem (with stopwords) → ner → canonical → tables; `greek` holds the spelling
//! facts they share. [`Pipeline`] composes the per-document stages; [`run()`] spreads documents
//! across cores and writes the tables in input order.
//!
//! The public API, all at the crate root:
//! - documents: [`RawDocument`] (what [`documents`] reads, configured by [`ReadOptions`]),
//!   [`Pipeline::process`] turning it into a [`Document`] of [`Token`]s and [`Entity`]s;
//! - runs: [`run()`] (the `elpipe run` command), [`run_partial`] and [`merge`] for corpora split
//!   across machines, [`run_with`] for in-memory tables ([`MemoryTables`]), configured by
//!   [`RunOptions`] and summed up by [`RunSummary`]; [`write_report`] for `report.html`;
//! - the tagger: [`Tagger`] (load), [`train`], [`evaluate`];
//! - the sentence splitter's training: [`train_sentences`] (the `elpipe train-sentences` command);
//! - the tables: [`Table`], [`OutputFormat`], [`write_arrow_table`];
//! - [`stages`]: the stages one at a time, for benchmarks and evaluation tools.
//!
//! Offsets: [`Span`]s count bytes, `char_start`/`char_end` count Unicode code points (what the
//! tables report), both end exclusive.
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

#![warn(missing_docs)]

mod acronyms;
mod canonical;
mod decode;
mod error;
mod greek;
mod interner;
mod lang;
mod ner;
mod normalize;
mod output;
mod partial;
mod period;
mod pipeline;
mod progress;
mod read;
mod report;
mod run;
mod stem;
mod stopwords;
mod table_file;
mod tables;
mod tokenize;

use std::sync::Arc;

pub use acronyms::Aliases;
pub use error::{Error, Result};
pub use ner::{
    evaluate, train, Counts as EvalCounts, EvalReport, ModelError, ShippedModel, Tagger,
    TrainOptions,
};
pub use output::{ModelRecord, Provenance};
pub use partial::{merge, LineOrigin, MergeOptions};
pub use period::Period;
pub use pipeline::Pipeline;
pub use read::{
    documents, encoding_for_label, Documents, Format, ReadOptions, DEFAULT_MAX_RECORD_SIZE,
};
pub use report::write as write_report;
pub use run::{
    field_warnings, preflight, preflight_partial, run, run_partial, run_with, AnalysisOptions,
    MemoryTables, RunOptions, RunSummary,
};
pub use stopwords::Stopwords;
pub use table_file::write_arrow_table;
pub use tables::arrow::ArrowBatches;
pub use tables::concordance::DEFAULT_CONTEXT;
pub use tables::{OutputFormat, Table};
pub use tokenize::{
    train_sentences, SentenceModel, SentenceModelError, SentenceScores, SentenceTrainOptions,
    SentenceTrainReport,
};

/// The per-document stages one at a time, for the per-stage benchmarks (`benches/stages.rs`),
/// evaluation tools (`examples/`) and reference checks (`tests/stem_reference.rs`);
/// [`Pipeline::process`] composes them. These signatures follow the stages' internals and
/// change with them more readily than the rest of the API.
pub mod stages {
    pub use crate::canonical::{canonicalize_document, CanonicalMap, CorpusCanonicalizer};
    pub use crate::normalize::{norm, norm_into, normalize_text};
    pub use crate::stem::{ades_singular, masculine_singular, StemOutcome, Stemmer};
    pub use crate::tables::entities::COLUMNS as ENTITY_COLUMNS;
    pub use crate::tables::tokens::COLUMNS as TOKEN_COLUMNS;
    pub use crate::tokenize::{tokenize, tokenize_into};
}

/// What happened to a document; every input document gets a row in `documents.csv` with one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Processed; its tokens and entities are in the tables.
    #[default]
    Ok,
    /// Read but not processed (e.g. an empty text); `message` says why.
    Skipped,
    /// Could not be read or processed (e.g. malformed JSON, a record over
    /// `--max-record-size`); `message` says why.
    Error,
}

impl Status {
    /// The value of the `status` column: `ok`, `skipped` or `error`.
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
    /// Byte offset of the first byte (on a `char` boundary).
    pub start: usize,
    /// Byte offset just past the last byte (exclusive, on a `char` boundary).
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
    /// [`Status::Ok`] unless the reader could not produce the text.
    pub status: Status,
    /// Why the status is not `ok`, or a warning (e.g. invalid UTF-8) for an `ok` document.
    pub message: String,
}

/// The coarse class of a token, decided by the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word: letters, possibly with an elision apostrophe («γι'»).
    Word,
    /// A number, possibly with separators or an ordinal ending («1,5», «1η»).
    Number,
    /// Punctuation.
    Punct,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle (`@name`).
    Mention,
    /// A hashtag (`#tag`).
    Hashtag,
    /// Any other symbol (currency signs, emoji, arrows).
    Symbol,
}

impl TokenKind {
    /// The value of the `kind` column of `tokens.csv`.
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
    /// Outside any entity.
    #[default]
    O,
    /// The first token of an entity.
    B,
    /// A following token of an entity.
    I,
}

impl Iob {
    /// The value of the `iob` column of `tokens.csv`.
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
    /// The tokenizer's class of the token.
    pub kind: TokenKind,
    /// Accentless, lowercased, final-sigma-canonical form with Latin look-alikes repaired.
    pub norm: String,
    /// The Snowball Greek stem of `norm` (rust-stemmers), `norm` itself for a word the stemmer
    /// fails on ([`Document::stem_fallbacks`]) and for tokens other than words.
    pub stem: String,
    /// Whether `norm` is in the stopword list ([`Stopwords`]).
    pub stopword: bool,
    /// The tagger's IOB2 tag; `O` everywhere without tagging.
    pub iob: Iob,
    /// Entity type for `B`/`I` tokens.
    pub entity_type: Option<Arc<str>>,
}

/// One entity mention.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Sentence number within the document, from 0.
    pub sentence: u32,
    /// Index in [`Document::tokens`] of the mention's first token.
    pub token_start: usize,
    /// Index in [`Document::tokens`] just past the mention's last token (exclusive).
    pub token_end: usize,
    /// Code-point offset of the mention's first character in the document text (the `start`
    /// column of `entities.csv`).
    pub char_start: usize,
    /// Code-point offset just past the mention's last character (exclusive; the `end` column of
    /// `entities.csv`).
    pub char_end: usize,
    /// The mention as written in the document.
    pub text: String,
    /// The entity type the tagger gave it (`PERSON`, `ORG`, `LOC`, `MISC` with the default
    /// model), shared between the mentions of one type.
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
    /// How sure the detection is, from 0 to 1 (whatlang's confidence, or the share of
    /// Greek-script words for mixed text); 0 when undetermined.
    pub confidence: f64,
}

/// A document after every stage has run.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// [`RawDocument::id`].
    pub id: String,
    /// [`RawDocument::source`].
    pub source: String,
    /// [`RawDocument::text`]: the text as read, which code-point offsets and
    /// [`Token::byte_span`] index.
    pub text: String,
    /// [`RawDocument::metadata`].
    pub metadata: Vec<String>,
    /// The reader's status, or [`Status::Skipped`]/[`Status::Error`] when processing found the
    /// text unusable.
    pub status: Status,
    /// Why the status is not `ok`, or a warning for an `ok` document.
    pub message: String,
    /// The detected language.
    pub language: Language,
    /// Number of sentences (the tokenizer's, or the input's for pre-tokenized documents).
    pub sentences: usize,
    /// The tokens in text order.
    pub tokens: Vec<Token>,
    /// The entity mentions in text order.
    pub entities: Vec<Entity>,
    /// Tokens whose stem fell back to `norm` because the stemmer failed on them.
    pub stem_fallbacks: usize,
    /// The text as the tokenizer, `norm`, the tagger and the canonical names read it, when it
    /// differs from `text`: NFC, without invisible characters, with HTML references and tags and
    /// line-end hyphens decoded ([`stages::normalize_text`]). `None`: the same as `text`.
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
