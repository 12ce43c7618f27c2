//! `documents.csv`: one row per input document, whatever happened to it.

use crate::Document;

pub const COLUMNS: [&str; 10] = [
    "doc_id",
    "source",
    "lang",
    "lang_confidence",
    "chars",
    "sentences",
    "tokens",
    "entities",
    "status",
    "message",
];

/// The header: the fixed columns, then the kept metadata fields.
pub fn header(keep_fields: &[String]) -> Vec<&str> {
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.extend(keep_fields.iter().map(String::as_str));
    header
}

/// The counted columns of a document's row (a long document is counted segment by segment).
#[derive(Clone, Copy, Debug, Default)]
pub struct DocumentCounts {
    pub chars: usize,
    pub sentences: usize,
    pub tokens: usize,
    /// Mentions the document contributes to the entity tables.
    pub entities: usize,
}

/// Appends the document's row.
pub fn render(
    doc: &Document,
    counts: &DocumentCounts,
    out: &mut csv::Writer<Vec<u8>>,
) -> csv::Result<()> {
    let mut chars = itoa::Buffer::new();
    let mut sentences = itoa::Buffer::new();
    let mut tokens = itoa::Buffer::new();
    let mut entities = itoa::Buffer::new();
    let confidence = if doc.language.code.is_empty() {
        String::new()
    } else {
        format!("{:.3}", doc.language.confidence)
    };
    out.write_field(&doc.id)?;
    out.write_field(&doc.source)?;
    out.write_field(doc.language.code)?;
    out.write_field(&confidence)?;
    out.write_field(chars.format(counts.chars))?;
    out.write_field(sentences.format(counts.sentences))?;
    out.write_field(tokens.format(counts.tokens))?;
    out.write_field(entities.format(counts.entities))?;
    out.write_field(doc.status.as_str())?;
    out.write_field(&doc.message)?;
    for value in &doc.metadata {
        out.write_field(value)?;
    }
    out.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Language, Status};

    #[test]
    fn row_has_counts_status_and_metadata() {
        let doc = Document {
            id: "a.txt".into(),
            source: "corpus/a.txt".into(),
            text: "Καλημέρα, κόσμε".into(),
            metadata: vec!["2026-11-24".into()],
            status: Status::Ok,
            language: Language {
                code: "ell",
                confidence: 0.99,
            },
            sentences: 1,
            ..Document::default()
        };
        let mut w = crate::tables::csv_buffer();
        let counts = DocumentCounts {
            chars: 15,
            sentences: 1,
            tokens: 0,
            entities: 0,
        };
        render(&doc, &counts, &mut w).unwrap();
        let row = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(
            row,
            "a.txt,corpus/a.txt,ell,0.990,15,1,0,0,ok,,2026-11-24\n"
        );
    }
}
