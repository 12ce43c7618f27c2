//! Typed rows: every table is written through [`RowSink`], so the same code fills a CSV file,
//! Arrow record batches for a Parquet file, or Arrow record batches handed to Python.
//!
//! A table first declares its columns ([`RowSink::begin`]): names and [`ColumnType`]s. Then each
//! row is its fields in column order, ended by [`RowSink::end_row`]. CSV prints the values (the
//! column type only matters to Arrow); Arrow appends them to typed column builders.

use std::io::{self, Write};

/// The type of a column, as Arrow and Parquet store it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// Free text (ids, tokens, names, messages): Arrow `Utf8`, never null; an empty value stays
    /// an empty string.
    Text,
    /// Text with few distinct values (`kind`, `iob`, types, `status`, `lang`): Arrow
    /// `Dictionary(Int32, Utf8)`, a pandas categorical; an empty value (no entity type, no
    /// language) is null.
    Category,
    /// A count, an index or a code-point offset: Arrow `Int64`.
    Int,
    /// `true`/`false`: Arrow `Boolean`.
    Bool,
    /// A measure (a confidence, a rate): Arrow `Float64`; a missing value is null (empty in
    /// CSV).
    Float,
}

/// A named, typed column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
    /// Digits after the point a `Float` column is written with in CSV (kept in the Arrow
    /// field's metadata as `decimals`, so a table read back is written again the same way).
    pub decimals: usize,
}

impl Column {
    pub fn new(name: impl Into<String>, kind: ColumnType) -> Column {
        Column {
            name: name.into(),
            kind,
            decimals: 0,
        }
    }

    pub fn text(name: impl Into<String>) -> Column {
        Column::new(name, ColumnType::Text)
    }

    pub fn category(name: impl Into<String>) -> Column {
        Column::new(name, ColumnType::Category)
    }

    pub fn int(name: impl Into<String>) -> Column {
        Column::new(name, ColumnType::Int)
    }

    pub fn boolean(name: impl Into<String>) -> Column {
        Column::new(name, ColumnType::Bool)
    }

    /// A `Float` column written with `decimals` digits after the point.
    pub fn float(name: impl Into<String>, decimals: usize) -> Column {
        Column {
            decimals,
            ..Column::new(name, ColumnType::Float)
        }
    }
}

/// Receives a table row by row, field by field in column order.
///
/// Errors are I/O errors of the underlying file (or a field that does not match its column's
/// type, a bug reported as [`io::ErrorKind::InvalidData`]).
pub trait RowSink {
    /// Declares the columns; called once, before the first row (a CSV header row).
    fn begin(&mut self, columns: &[Column]) -> io::Result<()>;
    /// A `Text` or `Category` field.
    fn text(&mut self, value: &str) -> io::Result<()>;
    /// An `Int` field.
    fn int(&mut self, value: u64) -> io::Result<()>;
    /// A `Bool` field.
    fn boolean(&mut self, value: bool) -> io::Result<()>;
    /// A `Float` field, written in CSV with `decimals` digits after the point (Arrow stores the
    /// same rounded value); `None`, infinities and NaN are empty in CSV, null in Arrow.
    fn float(&mut self, value: Option<f64>, decimals: usize) -> io::Result<()>;
    /// Ends the row.
    fn end_row(&mut self) -> io::Result<()>;
}

/// The value a float field has once written with `decimals` digits, so that CSV and Arrow
/// agree to the last bit.
pub fn rounded(value: f64, decimals: usize) -> f64 {
    format!("{value:.decimals$}").parse().unwrap_or(value)
}

impl<W: Write> RowSink for csv::Writer<W> {
    fn begin(&mut self, columns: &[Column]) -> io::Result<()> {
        self.write_record(columns.iter().map(|c| c.name.as_str()))?;
        Ok(())
    }

    fn text(&mut self, value: &str) -> io::Result<()> {
        Ok(self.write_field(value)?)
    }

    fn int(&mut self, value: u64) -> io::Result<()> {
        Ok(self.write_field(itoa::Buffer::new().format(value))?)
    }

    fn boolean(&mut self, value: bool) -> io::Result<()> {
        Ok(self.write_field(if value { "true" } else { "false" })?)
    }

    fn float(&mut self, value: Option<f64>, decimals: usize) -> io::Result<()> {
        match value {
            Some(v) if v.is_finite() => Ok(self.write_field(format!("{v:.decimals$}"))?),
            _ => Ok(self.write_field("")?),
        }
    }

    fn end_row(&mut self) -> io::Result<()> {
        Ok(self.write_record(None::<&[u8]>)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_print_typed_values() {
        let mut w = crate::tables::csv_writer(Vec::new());
        w.begin(&[
            Column::text("name"),
            Column::int("n"),
            Column::boolean("stop"),
            Column::float("share", 3),
            Column::float("missing", 3),
        ])
        .unwrap();
        w.text("Αθήνα, πόλη").unwrap();
        w.int(42).unwrap();
        w.boolean(true).unwrap();
        w.float(Some(0.98765), 3).unwrap();
        w.float(None, 3).unwrap();
        w.end_row().unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            "name,n,stop,share,missing\n\"Αθήνα, πόλη\",42,true,0.988,\n"
        );
    }

    #[test]
    fn rounding_matches_the_printed_value() {
        assert_eq!(rounded(0.98765, 3), 0.988);
        assert_eq!(rounded(2.5, 0), 2.0);
        assert_eq!(rounded(1.0 / 3.0, 4).to_string(), "0.3333");
    }
}
