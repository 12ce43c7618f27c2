//! CoNLL-style pre-tokenized text (CoNLL-2003, IOB/BIO files, CoNLL-U).
//!
//! One token per line, its form in the first whitespace-separated column (the FORM column for
//! CoNLL-U lines), a blank line between sentences, and `-DOCSTART-` lines between documents.
//! A document's text is its tokens joined by single spaces, sentences joined by newlines; the
//! token spans go into [`RawDocument::pretokenized`] so the pipeline does not re-tokenize.

use std::sync::Arc;

use super::{decode, replaced_message, strip_bom, Input, Origin, ReadOptions};
use crate::{RawDocument, Span, Status};

pub(super) struct ConllReader {
    input: Input,
    origin: Origin,
    options: Arc<ReadOptions>,
    /// Reused for every line.
    buffer: Vec<u8>,
    line: u64,
    /// The document being built; started by `-DOCSTART-` or by a token outside any document.
    block: Option<Block>,
    /// Documents handed out so far, to number them.
    emitted: usize,
    done: bool,
}

struct Block {
    /// Line of the `-DOCSTART-` or first token, the document's source line.
    start_line: u64,
    text: String,
    sentences: Vec<Vec<Span>>,
    sentence: Vec<Span>,
    replaced: usize,
}

impl Block {
    fn new(start_line: u64) -> Self {
        Block {
            start_line,
            text: String::new(),
            sentences: Vec::new(),
            sentence: Vec::new(),
            replaced: 0,
        }
    }

    fn push_token(&mut self, token: &str) {
        if !self.sentence.is_empty() {
            self.text.push(' ');
        } else if !self.sentences.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(token);
        self.sentence.push(Span {
            start,
            end: self.text.len(),
        });
    }

    fn end_sentence(&mut self) {
        if !self.sentence.is_empty() {
            self.sentences.push(std::mem::take(&mut self.sentence));
        }
    }
}

impl ConllReader {
    pub(super) fn new(input: Input, origin: Origin, options: Arc<ReadOptions>) -> Self {
        ConllReader {
            input,
            origin,
            options,
            buffer: Vec::new(),
            line: 0,
            block: None,
            emitted: 0,
            done: false,
        }
    }

    pub(super) fn next(&mut self) -> Option<RawDocument> {
        while !self.done {
            self.buffer.clear();
            match self.input.read_until(b'\n', &mut self.buffer) {
                Ok(0) => {
                    self.done = true;
                    // A file without any document is still one (empty) document.
                    if self.block.is_none() && self.emitted == 0 {
                        self.block = Some(Block::new(1));
                    }
                    let only = self.emitted == 0;
                    return self.block.take().map(|block| self.finish(block, only));
                }
                Ok(_) => {
                    self.line += 1;
                    if let Some(document) = self.take_line() {
                        return Some(document);
                    }
                }
                Err(error) => {
                    self.done = true;
                    let line = self.line + 1;
                    let block = self.block.take().unwrap_or_else(|| Block::new(line));
                    let mut document = self.finish(block, false);
                    document.status = Status::Error;
                    document.message = self.origin.line_message(line, &error);
                    return Some(document);
                }
            }
        }
        None
    }

    /// Takes the line in the buffer into the current block; returns the previous document
    /// when the line starts a new one.
    fn take_line(&mut self) -> Option<RawDocument> {
        let mut bytes = self.buffer.as_slice();
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.line == 1 {
            bytes = strip_bom(bytes);
        }
        let (line, replaced) = decode(bytes);
        if line.starts_with("-DOCSTART-") {
            let previous = self.block.replace(Block::new(self.line));
            return previous.map(|block| self.finish(block, false));
        }
        if line.trim().is_empty() {
            if let Some(block) = &mut self.block {
                block.end_sentence();
            }
            return None;
        }
        if is_comment(&line) {
            return None;
        }
        if let Some(token) = token_of(&line) {
            let start_line = self.line;
            let block = self.block.get_or_insert_with(|| Block::new(start_line));
            block.push_token(token);
            block.replaced += replaced;
        }
        None
    }

    /// The document for a finished block. `only` says it is the file's one document, named by
    /// the file id alone; otherwise documents are numbered `file#1`, `file#2`, ….
    fn finish(&mut self, mut block: Block, only: bool) -> RawDocument {
        block.end_sentence();
        self.emitted += 1;
        let id = if only {
            self.origin.id.clone()
        } else {
            format!("{}#{}", self.origin.id, self.emitted)
        };
        let mut message = replaced_message(&[], block.replaced);
        if self.emitted == 1 {
            message = self.origin.hinted(message);
        }
        RawDocument {
            id,
            source: self.origin.source_at(block.start_line),
            text: block.text,
            pretokenized: Some(block.sentences),
            message,
            ..RawDocument::default()
        }
        .with_fields(self.options.keep_fields.len())
        .skip_if_empty()
    }
}

/// A line starting with `#` is a comment (CoNLL-U `# text = …`, `# sent_id = …`), unless it
/// is a `#` token with its tags, as in `#  O` or `# SYM O`: two to four columns, the last an
/// IOB tag.
pub(super) fn is_comment(line: &str) -> bool {
    if !line.starts_with('#') {
        return false;
    }
    let columns: Vec<&str> = line.split_whitespace().collect();
    let tagged_hash = columns.len() >= 2
        && columns.len() <= 4
        && columns[0] == "#"
        && columns.last().is_some_and(|tag| is_iob_tag(tag));
    !tagged_hash
}

fn is_iob_tag(tag: &str) -> bool {
    tag == "O"
        || ["B-", "I-", "E-", "S-", "L-", "U-"]
            .iter()
            .any(|prefix| tag.len() > prefix.len() && tag.starts_with(prefix))
}

/// The token a line carries: the FORM column of a CoNLL-U word line (ten tab-separated
/// columns, an integer index first), none for CoNLL-U multiword ranges (`3-4`) and empty nodes
/// (`5.1`), otherwise the first whitespace-separated column.
pub(super) fn token_of(line: &str) -> Option<&str> {
    let mut columns = line.split('\t');
    if line.bytes().filter(|&byte| byte == b'\t').count() == 9 {
        let index = columns.next().unwrap_or_default().trim();
        if !index.is_empty() {
            if index.bytes().all(|byte| byte.is_ascii_digit()) {
                let form = columns.next().unwrap_or_default().trim();
                return (!form.is_empty()).then_some(form);
            }
            let is_node_id =
                |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            let range_or_empty_node = index
                .split_once(['-', '.'])
                .is_some_and(|(first, second)| is_node_id(first) && is_node_id(second));
            if range_or_empty_node {
                return None;
            }
        }
    }
    line.split_whitespace().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read(bytes: &[u8]) -> Vec<RawDocument> {
        let input: Input = Box::new(Cursor::new(bytes.to_vec()));
        let origin = Origin::new("train.iob".to_string(), "ner/train.iob".to_string());
        let mut reader = ConllReader::new(input, origin, Arc::new(ReadOptions::default()));
        std::iter::from_fn(|| reader.next()).collect()
    }

    fn tokens(document: &RawDocument) -> Vec<Vec<&str>> {
        let sentences = document.pretokenized.as_ref().expect("pretokenized");
        sentences
            .iter()
            .map(|spans| {
                spans
                    .iter()
                    .map(|span| &document.text[span.start..span.end])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn iob_file_without_docstart_is_one_document_named_by_the_file() {
        let input = "Ο\tO\nΓιάννης\tB-PER\nήρθε\tO\n.\tO\n\nΚαλώς\tO\nήρθες\tO\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 1);
        let document = &documents[0];
        assert_eq!(document.id, "train.iob");
        assert_eq!(document.source, "ner/train.iob:1");
        assert_eq!(document.text, "Ο Γιάννης ήρθε .\nΚαλώς ήρθες");
        assert_eq!(
            tokens(document),
            [vec!["Ο", "Γιάννης", "ήρθε", "."], vec!["Καλώς", "ήρθες"]]
        );
        let first = &document.pretokenized.as_ref().unwrap()[0];
        assert_eq!(first[1], Span { start: 3, end: 17 });
        assert_eq!(document.status, Status::Ok);
    }

    #[test]
    fn docstart_blocks_are_numbered_documents() {
        let input =
            "-DOCSTART- -X- O O\n\nΗ DT O\nΛάρισα NNP B-LOC\n\n\n-DOCSTART- -X- O O\n\nΚαι NN O\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].id, "train.iob#1");
        assert_eq!(documents[0].source, "ner/train.iob:1");
        assert_eq!(documents[0].text, "Η Λάρισα");
        assert_eq!(documents[1].id, "train.iob#2");
        assert_eq!(documents[1].source, "ner/train.iob:7");
        assert_eq!(documents[1].text, "Και");
    }

    #[test]
    fn single_docstart_block_takes_the_file_id_and_tokens_before_the_first_docstart_count() {
        let one = read("-DOCSTART- O\n\nΝαι O\n".as_bytes());
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, "train.iob");
        let leading = read("Όχι O\n\n-DOCSTART- O\nΝαι O\n".as_bytes());
        assert_eq!(leading.len(), 2);
        assert_eq!(leading[0].text, "Όχι");
        assert_eq!(leading[0].id, "train.iob#1");
        assert_eq!(leading[1].source, "ner/train.iob:3");
    }

    #[test]
    fn empty_blocks_and_files_are_skipped_documents() {
        let documents = read(b"-DOCSTART- O\n\n-DOCSTART- O\nx O\n");
        assert_eq!(documents[0].status, Status::Skipped);
        assert_eq!(documents[0].message, "empty document");
        assert_eq!(documents[1].status, Status::Ok);
        let empty = read(b"\n\n# only a comment\n");
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].id, "train.iob");
        assert_eq!(empty[0].status, Status::Skipped);
    }

    #[test]
    fn conllu_comments_ranges_and_empty_nodes() {
        let input = "# sent_id = 1\n# text = Στο σπίτι μένω.\n\
            1-2\tΣτο\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tΣ\tσε\tADP\t_\t_\t3\tcase\t_\t_\n\
            2\tτο\tο\tDET\t_\t_\t3\tdet\t_\t_\n\
            3\tσπίτι\tσπίτι\tNOUN\t_\t_\t4\tobl\t_\t_\n\
            3.1\tμένω\t_\t_\t_\t_\t_\t_\t_\t_\n\
            4\tμένω\tμένω\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
            5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 1);
        assert_eq!(
            tokens(&documents[0]),
            [vec!["Σ", "το", "σπίτι", "μένω", "."]]
        );
        assert_eq!(documents[0].source, "ner/train.iob:4");
    }

    #[test]
    fn hash_tokens_with_tags_are_tokens_not_comments() {
        assert!(is_comment("# text = Καλημέρα"));
        assert!(is_comment("# sent_id = 12"));
        assert!(is_comment("#newdoc"));
        assert!(!is_comment("# O"));
        assert!(!is_comment("#\tSYM\tO"));
        assert!(!is_comment("Σήμερα O"));
        let documents = read("Τιμή O\n# O\n1 O\n".as_bytes());
        assert_eq!(documents[0].text, "Τιμή # 1");
    }

    #[test]
    fn token_column_choice() {
        assert_eq!(token_of("Αθήνα B-LOC"), Some("Αθήνα"));
        assert_eq!(token_of("  Αθήνα   NNP  B-LOC"), Some("Αθήνα"));
        assert_eq!(token_of("3-4 O"), Some("3-4"));
        assert_eq!(
            token_of("7\tΑθήνα\tΑθήνα\tPROPN\t_\t_\t2\tobl\t_\t_"),
            Some("Αθήνα")
        );
        assert_eq!(token_of("7-8\tστη\t_\t_\t_\t_\t_\t_\t_\t_"), None);
        assert_eq!(token_of("7.1\tπάει\t_\t_\t_\t_\t_\t_\t_\t_"), None);
        assert_eq!(token_of("x\ty\t_\t_\t_\t_\t_\t_\t_\t_"), Some("x"));
    }

    #[test]
    fn crlf_bom_and_invalid_utf8() {
        let documents = read(b"\xEF\xBB\xBFa\xFF O\r\nb O\r\n\r\nc O\r\n");
        assert_eq!(documents[0].text, "a\u{FFFD} b\nc");
        assert_eq!(documents[0].message, "invalid UTF-8: 1 bytes replaced");
    }
}
