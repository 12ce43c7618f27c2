//! `tokens.csv`: one row per token.

use super::sink::{Column, RowSink};
use crate::Document;

/// The columns of `tokens.csv`, in order.
pub const COLUMNS: [&str; 12] = [
    "doc_id",
    "sentence",
    "token",
    "start",
    "end",
    "text",
    "norm",
    "stem",
    "stopword",
    "iob",
    "entity_type",
    "kind",
];

/// The columns and their types: `kind`, `iob` and `entity_type` are categories (no entity type
/// is null in Arrow).
pub fn columns() -> Vec<Column> {
    COLUMNS
        .iter()
        .map(|&name| match name {
            "sentence" | "token" | "start" | "end" => Column::int(name),
            "stopword" => Column::boolean(name),
            "iob" | "entity_type" | "kind" => Column::category(name),
            _ => Column::text(name),
        })
        .collect()
}

/// Appends a row for every token of the document; token numbers start at `first_token` (non-zero
/// for later segments of a long document).
pub fn render<S: RowSink + ?Sized>(
    doc: &Document,
    first_token: usize,
    out: &mut S,
) -> std::io::Result<()> {
    for (i, t) in doc.tokens.iter().enumerate() {
        out.text(&doc.id)?;
        out.int(u64::from(t.sentence))?;
        out.int((first_token + i) as u64)?;
        out.int(t.char_start as u64)?;
        out.int(t.char_end as u64)?;
        out.text(t.text(&doc.text))?;
        out.text(&t.norm)?;
        out.text(&t.stem)?;
        out.boolean(t.stopword)?;
        out.text(t.iob.as_str())?;
        out.text(t.entity_type.as_deref().unwrap_or(""))?;
        out.text(t.kind.as_str())?;
        out.end_row()?;
    }
    Ok(())
}
