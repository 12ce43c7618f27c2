//! Test documents for the rules that retag the tagger's output (`address`, `pairs`,
//! `capitals`): words with the gap written before each, an IOB2 tag each, and a sentence
//! number each; and the tags read back.

use crate::normalize::norm;
use crate::stem::Stemmer;
use crate::{Document, Iob, Span, Token, TokenKind};

/// A document of `(sentence, gap before, word, tag)`: the gap is written before the word (`""`
/// touching, `" "` apart), the tag is `O`, `B-LABEL` or `I-LABEL`. Tokens get their `norm` and
/// stem; a word without a letter is punctuation.
pub(crate) fn document(words: &[(u32, &str, &str, &str)]) -> Document {
    let stemmer = Stemmer::new();
    let mut text = String::new();
    let mut tokens = Vec::new();
    for &(sentence, gap, word, tag) in words {
        text.push_str(gap);
        let span = Span {
            start: text.len(),
            end: text.len() + word.len(),
        };
        text.push_str(word);
        let (iob, label) = match tag.split_once('-') {
            Some(("B", l)) => (Iob::B, Some(l.into())),
            Some(("I", l)) => (Iob::I, Some(l.into())),
            _ => (Iob::O, None),
        };
        let kind = if word.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            sentence,
            byte_span: span,
            char_start: 0,
            char_end: 0,
            view_byte_span: span,
            kind,
            norm: norm(word),
            stem: stemmer.stem(&norm(word), true).0,
            stopword: false,
            iob,
            entity_type: label,
        });
    }
    Document {
        text,
        tokens,
        ..Document::default()
    }
}

/// One sentence of words written apart, each with its tag.
pub(crate) fn sentence(words: &[(&str, &str)]) -> Document {
    let words: Vec<(u32, &str, &str, &str)> = words
        .iter()
        .enumerate()
        .map(|(i, &(word, tag))| (0, if i == 0 { "" } else { " " }, word, tag))
        .collect();
    document(&words)
}

/// The tokens' tags as `O`, `B-LABEL`, `I-LABEL`.
pub(crate) fn tags(doc: &Document) -> Vec<String> {
    (doc.tokens.iter())
        .map(|t| match &t.entity_type {
            Some(l) => format!("{}-{l}", t.iob.as_str()),
            None => "O".into(),
        })
        .collect()
}
