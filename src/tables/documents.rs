//! `documents.csv`: one row per input document, whatever happened to it.

use super::sink::{Column, RowSink};
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

/// The columns and their types; the kept fields are text.
pub fn columns(keep_fields: &[String]) -> Vec<Column> {
    let fixed = COLUMNS.iter().map(|&name| match name {
        "lang" | "status" => Column::category(name),
        "lang_confidence" => Column::float(name, 3),
        "chars" | "sentences" | "tokens" | "entities" => Column::int(name),
        _ => Column::text(name),
    });
    fixed.chain(keep_fields.iter().map(Column::text)).collect()
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
pub fn render<S: RowSink + ?Sized>(
    doc: &Document,
    counts: &DocumentCounts,
    out: &mut S,
) -> std::io::Result<()> {
    let confidence = match doc.language.code.is_empty() {
        true => None,
        false => Some(doc.language.confidence),
    };
    out.text(&doc.id)?;
    out.text(&doc.source)?;
    out.text(doc.language.code)?;
    out.float(confidence, 3)?;
    out.int(counts.chars as u64)?;
    out.int(counts.sentences as u64)?;
    out.int(counts.tokens as u64)?;
    out.int(counts.entities as u64)?;
    out.text(doc.status.as_str())?;
    out.text(&doc.message)?;
    for value in &doc.metadata {
        out.text(value)?;
    }
    out.end_row()
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
