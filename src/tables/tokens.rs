//! `tokens.csv`: one row per token.

use crate::Document;

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

/// Appends a row for every token of the document; token numbers start at `first_token` (non-zero
/// for later segments of a long document).
pub fn render(
    doc: &Document,
    first_token: usize,
    out: &mut csv::Writer<Vec<u8>>,
) -> csv::Result<()> {
    let mut sentence = itoa::Buffer::new();
    let mut index = itoa::Buffer::new();
    let mut start = itoa::Buffer::new();
    let mut end = itoa::Buffer::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        out.write_field(&doc.id)?;
        out.write_field(sentence.format(t.sentence))?;
        out.write_field(index.format(first_token + i))?;
        out.write_field(start.format(t.start))?;
        out.write_field(end.format(t.end))?;
        out.write_field(t.text(&doc.text))?;
        out.write_field(&t.norm)?;
        out.write_field(&t.stem)?;
        out.write_field(if t.stopword { "true" } else { "false" })?;
        out.write_field(t.iob.as_str())?;
        out.write_field(t.entity_type.as_deref().unwrap_or(""))?;
        out.write_field(t.kind.as_str())?;
        out.write_record(None::<&[u8]>)?;
    }
    Ok(())
}
