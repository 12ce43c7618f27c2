//! Reading IOB2 files: token and tag as the first and last whitespace-separated columns, a blank
//! line between sentences, `-DOCSTART-` lines skipped.

use std::path::Path;

use crate::{Error, Iob, Result};

/// One sentence of an IOB2 file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub words: Vec<String>,
    /// (position, entity type) per word; the type is empty for O.
    pub tags: Vec<(Iob, String)>,
}

impl Sentence {
    /// Entity spans `(start, end, type)` with `end` exclusive, read as conlleval does: an I whose
    /// type differs from the open entity's (or with no open entity) starts a new entity.
    pub(crate) fn entities(&self) -> Vec<(usize, usize, &str)> {
        spans(self.tags.iter().map(|(iob, label)| (*iob, label.as_str())))
    }
}

/// Entity spans of a tag sequence, as [`Sentence::entities`].
pub(crate) fn spans<'a>(
    tags: impl Iterator<Item = (Iob, &'a str)>,
) -> Vec<(usize, usize, &'a str)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut n = 0;
    for (i, (iob, label)) in tags.enumerate() {
        n = i + 1;
        let continues = iob == Iob::I && open.is_some_and(|(_, l)| l == label);
        if !continues {
            if let Some((start, l)) = open.take() {
                out.push((start, i, l));
            }
            if iob != Iob::O {
                open = Some((i, label));
            }
        }
    }
    if let Some((start, l)) = open {
        out.push((start, n, l));
    }
    out
}

/// Reads every sentence of an IOB2 file.
pub(crate) fn read_iob(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::io(path, source))?;
    parse_iob(&text, path)
}

/// Parses IOB2 text; `path` only names the source in errors.
pub(crate) fn parse_iob(text: &str, path: &Path) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        let error = |message: String| Error::Parse {
            path: path.to_path_buf(),
            line: index + 1,
            message,
        };
        let mut columns = line.split_whitespace();
        let word = columns.next().unwrap_or_default();
        let Some(tag) = columns.next_back() else {
            return Err(error(format!(
                "expected a token and a tag, found only {word:?}"
            )));
        };
        let parsed = match tag.split_once('-') {
            _ if tag == "O" => (Iob::O, String::new()),
            Some(("B", label)) if !label.is_empty() => (Iob::B, label.to_string()),
            Some(("I", label)) if !label.is_empty() => (Iob::I, label.to_string()),
            _ => return Err(error(format!("{tag:?} is not an IOB2 tag (O, B-X or I-X)"))),
        };
        current.words.push(word.to_string());
        current.tags.push(parsed);
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentences_and_skips_docstart() {
        let text = "-DOCSTART- O\n\nΟ O\nΝίκος B-PERSON\nΠαππάς I-PERSON\nήρθε O\n\n\nΣτη O\nΚρήτη B-LOC\n";
        let sentences = parse_iob(text, Path::new("x.iob2")).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].words, ["Ο", "Νίκος", "Παππάς", "ήρθε"]);
        assert_eq!(sentences[0].entities(), [(1, 3, "PERSON")]);
        assert_eq!(sentences[1].entities(), [(1, 2, "LOC")]);
    }

    #[test]
    fn extra_middle_columns_are_ignored() {
        let sentences = parse_iob("Βόλος NNP x B-LOC\n", Path::new("x")).unwrap();
        assert_eq!(sentences[0].tags, [(Iob::B, "LOC".to_string())]);
    }

    #[test]
    fn missing_tag_column_is_an_error_naming_file_and_line() {
        let err = parse_iob("Ο O\nΝίκος\n", Path::new("bad.iob2")).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("bad.iob2:2:"), "{message}");
        let err = parse_iob("Ο O\nΝίκος B_PER\n", Path::new("bad.iob2")).unwrap_err();
        assert!(err.to_string().starts_with("bad.iob2:2:"), "{err}");
    }

    #[test]
    fn missing_file_is_an_error() {
        let err = read_iob(Path::new("/nonexistent/elpipe/x.iob2")).unwrap_err();
        assert!(matches!(err, Error::MissingInput { .. }));
    }

    #[test]
    fn orphan_i_and_type_switch_start_new_entities() {
        let tags = [
            (Iob::I, "ORG"),
            (Iob::I, "ORG"),
            (Iob::I, "LOC"),
            (Iob::O, ""),
            (Iob::B, "PERSON"),
            (Iob::B, "PERSON"),
        ];
        assert_eq!(
            spans(tags.into_iter()),
            [
                (0, 2, "ORG"),
                (2, 3, "LOC"),
                (4, 5, "PERSON"),
                (5, 6, "PERSON")
            ]
        );
    }
}
