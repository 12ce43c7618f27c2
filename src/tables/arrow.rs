//! Tables as Arrow record batches, streamed into a Parquet file or kept in memory (for the
//! Python package).
//!
//! [`ArrowTable`] is a [`RowSink`]: rows are appended to typed column builders and every
//! [`BATCH_ROWS`] rows become a [`RecordBatch`], so memory while writing a Parquet file is
//! bounded by a batch plus the row group being encoded, not by the table.

use std::io;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, StringDictionaryBuilder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::sink::{rounded, Column, ColumnType, RowSink};
use super::AtomicFile;

/// Rows per record batch.
pub const BATCH_ROWS: usize = 64 * 1024;
/// Rows per Parquet row group: readers can skip or stream by row group, and the writer holds
/// at most one encoded row group in memory.
pub const ROW_GROUP_ROWS: usize = 256 * 1024;
/// zstd level of Parquet pages: level 3 (zstd's default) compresses text tables about as well
/// as gzip at several times its speed.
const ZSTD_LEVEL: i32 = 3;

/// The field metadata key holding a float column's CSV decimals.
pub const DECIMALS: &str = "decimals";

/// The Arrow type of a column type.
pub fn data_type(kind: ColumnType) -> DataType {
    match kind {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Category => {
            DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
        }
        ColumnType::Int => DataType::Int64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Float => DataType::Float64,
    }
}

/// The Arrow schema of a table's columns. Text, integer and boolean columns are not nullable;
/// categories and floats are (no entity type, no language, no confidence).
pub fn schema(columns: &[Column]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .map(|c| {
            let nullable = matches!(c.kind, ColumnType::Category | ColumnType::Float);
            let field = Field::new(&c.name, data_type(c.kind), nullable);
            match c.kind {
                ColumnType::Float => field.with_metadata(
                    [(DECIMALS.to_owned(), c.decimals.to_string())]
                        .into_iter()
                        .collect::<std::collections::HashMap<_, _>>(),
                ),
                _ => field,
            }
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The columns of an Arrow schema (the inverse of [`schema`]): what a table read back from
/// Parquet or handed over from Python declares when it is written again.
pub fn columns(schema: &Schema) -> io::Result<Vec<Column>> {
    schema
        .fields()
        .iter()
        .map(|f| {
            let kind = match f.data_type() {
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => ColumnType::Text,
                DataType::Dictionary(_, _) => ColumnType::Category,
                DataType::Int64 => ColumnType::Int,
                DataType::Boolean => ColumnType::Bool,
                DataType::Float64 => ColumnType::Float,
                other => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("column {}: elpipe tables have no {other} columns", f.name()),
                    ))
                }
            };
            let decimals = f.metadata().get(DECIMALS).and_then(|d| d.parse().ok());
            Ok(Column {
                decimals: decimals.unwrap_or(0),
                ..Column::new(f.name(), kind)
            })
        })
        .collect()
}

/// Writes the rows of a record batch with [`columns`] `columns` (from [`columns`]) into a sink,
/// field by field: the way back from Arrow to CSV or to another Arrow table.
pub fn write_rows<S: RowSink + ?Sized>(
    batch: &RecordBatch,
    columns: &[Column],
    out: &mut S,
) -> io::Result<()> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    use arrow_array::Array;
    let arrays = batch.columns();
    let unsupported = |name: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("column {name}: unsupported Arrow type"),
        )
    };
    for row in 0..batch.num_rows() {
        for (array, column) in arrays.iter().zip(columns) {
            let null = array.is_null(row);
            match (column.kind, array.data_type()) {
                (ColumnType::Text, DataType::Utf8) => out.text(if null {
                    ""
                } else {
                    array.as_string::<i32>().value(row)
                })?,
                (ColumnType::Text, DataType::LargeUtf8) => out.text(if null {
                    ""
                } else {
                    array.as_string::<i64>().value(row)
                })?,
                (ColumnType::Text, DataType::Utf8View) => out.text(if null {
                    ""
                } else {
                    array.as_string_view().value(row)
                })?,
                (ColumnType::Category, DataType::Dictionary(key, _)) => {
                    let value = match (null, key.as_ref()) {
                        (true, _) => String::new(),
                        (false, DataType::Int32) => {
                            let d = array.as_dictionary::<Int32Type>();
                            let values = d.values();
                            let key = d.keys().value(row) as usize;
                            match values.data_type() {
                                DataType::LargeUtf8 => values.as_string::<i64>().value(key).into(),
                                _ => values.as_string::<i32>().value(key).into(),
                            }
                        }
                        _ => return Err(unsupported(&column.name)),
                    };
                    out.text(&value)?
                }
                (ColumnType::Int, _) => {
                    let value = array.as_primitive::<Int64Type>().value(row);
                    out.int(value.max(0) as u64)?
                }
                (ColumnType::Bool, _) => out.boolean(array.as_boolean().value(row))?,
                (ColumnType::Float, _) => {
                    let value = (!null).then(|| array.as_primitive::<Float64Type>().value(row));
                    out.float(value, column.decimals)?
                }
                _ => return Err(unsupported(&column.name)),
            }
        }
        out.end_row()?;
    }
    Ok(())
}

enum Builder {
    Text(StringBuilder),
    Category(StringDictionaryBuilder<Int32Type>),
    Int(Int64Builder),
    Bool(BooleanBuilder),
    Float(Float64Builder),
}

impl Builder {
    fn new(kind: ColumnType) -> Builder {
        match kind {
            ColumnType::Text => Builder::Text(StringBuilder::new()),
            ColumnType::Category => Builder::Category(StringDictionaryBuilder::new()),
            ColumnType::Int => Builder::Int(Int64Builder::new()),
            ColumnType::Bool => Builder::Bool(BooleanBuilder::new()),
            ColumnType::Float => Builder::Float(Float64Builder::new()),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Category(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
        }
    }
}

/// Where finished batches go.
enum Destination {
    /// Kept for the caller (the Python package).
    Memory(Vec<RecordBatch>),
    /// Streamed into a Parquet file; the writer is opened by [`RowSink::begin`], which knows
    /// the schema.
    Parquet {
        file: Option<AtomicFile>,
        writer: Option<Box<ArrowWriter<AtomicFile>>>,
    },
}

/// A table being built as Arrow record batches.
pub struct ArrowTable {
    name: String,
    schema: Option<SchemaRef>,
    builders: Vec<Builder>,
    /// The column the next field goes to.
    column: usize,
    rows: usize,
    destination: Destination,
}

/// A finished in-memory table: its schema (known even without rows) and its batches.
#[derive(Clone, Debug)]
pub struct ArrowBatches {
    /// The table's columns and types (see [`crate::Table`]).
    pub schema: SchemaRef,
    /// The rows, in batches of at most 65,536 rows.
    pub batches: Vec<RecordBatch>,
}

impl ArrowTable {
    /// A table whose batches are kept in memory; `name` names it in errors.
    pub fn memory(name: &str) -> ArrowTable {
        ArrowTable::with_destination(name, Destination::Memory(Vec::new()))
    }

    /// A table streamed into a Parquet file (zstd-compressed pages, dictionary-encoded strings,
    /// row groups of [`ROW_GROUP_ROWS`] rows) written under a temporary name until
    /// [`ArrowTable::finish`].
    pub fn parquet(file: AtomicFile) -> ArrowTable {
        let name = file.path().display().to_string();
        ArrowTable::with_destination(
            &name,
            Destination::Parquet {
                file: Some(file),
                writer: None,
            },
        )
    }

    fn with_destination(name: &str, destination: Destination) -> ArrowTable {
        ArrowTable {
            name: name.to_owned(),
            schema: None,
            builders: Vec::new(),
            column: 0,
            rows: 0,
            destination,
        }
    }

    fn mismatch(&self, what: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}: column {} does not take {what}",
                self.name,
                self.schema
                    .as_ref()
                    .and_then(|s| s.fields().get(self.column).map(|f| f.name().clone()))
                    .unwrap_or_else(|| self.column.to_string())
            ),
        )
    }

    fn builder(&mut self, what: &str) -> io::Result<&mut Builder> {
        if self.column >= self.builders.len() {
            return Err(self.mismatch(what));
        }
        let column = self.column;
        self.column += 1;
        Ok(&mut self.builders[column])
    }

    /// Turns the rows gathered so far into a batch and sends it on.
    fn flush_batch(&mut self) -> io::Result<()> {
        let Some(schema) = self.schema.clone() else {
            return Ok(());
        };
        if self.rows == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        self.rows = 0;
        let batch = RecordBatch::try_new(schema, columns).map_err(io::Error::other)?;
        match &mut self.destination {
            Destination::Memory(batches) => batches.push(batch),
            Destination::Parquet { writer, .. } => {
                if let Some(writer) = writer {
                    writer.write(&batch).map_err(io::Error::other)?;
                }
            }
        }
        Ok(())
    }

    /// Writes the last batch. A Parquet file gets its footer and its final name; an in-memory
    /// table is returned.
    pub fn finish(mut self) -> crate::Result<Option<ArrowBatches>> {
        let io_error = |name: &str, source| crate::Error::Io {
            path: name.into(),
            source,
        };
        if self.schema.is_none() {
            self.begin(&[]).map_err(|e| io_error(&self.name, e))?;
        }
        self.flush_batch().map_err(|e| io_error(&self.name, e))?;
        let schema = self.schema.clone().expect("begun above");
        match self.destination {
            Destination::Memory(batches) => Ok(Some(ArrowBatches { schema, batches })),
            Destination::Parquet { writer, .. } => {
                // `into_inner` flushes the last row group and writes the footer.
                let writer = writer.expect("opened by begin");
                let file = writer
                    .into_inner()
                    .map_err(|e| io_error(&self.name, io::Error::other(e)))?;
                file.commit()?;
                Ok(None)
            }
        }
    }

    /// Removes the temporary file of an unfinished Parquet table.
    pub fn discard(self) {
        if let Destination::Parquet { file, writer } = self.destination {
            if let Some(file) = file {
                file.discard();
            }
            if let Some(writer) = writer {
                if let Ok(file) = writer.into_inner() {
                    file.discard();
                }
            }
        }
    }
}

impl RowSink for ArrowTable {
    fn begin(&mut self, columns: &[Column]) -> io::Result<()> {
        if self.schema.is_some() {
            return Ok(());
        }
        let schema = schema(columns);
        self.builders = columns.iter().map(|c| Builder::new(c.kind)).collect();
        if let Destination::Parquet { file, writer } = &mut self.destination {
            let properties = WriterProperties::builder()
                .set_compression(Compression::ZSTD(
                    ZstdLevel::try_new(ZSTD_LEVEL).map_err(io::Error::other)?,
                ))
                .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                .set_created_by(format!("elpipe {}", env!("CARGO_PKG_VERSION")))
                .build();
            let file = file.take().expect("a Parquet table begins once");
            *writer = Some(Box::new(
                ArrowWriter::try_new(file, schema.clone(), Some(properties))
                    .map_err(io::Error::other)?,
            ));
        }
        self.schema = Some(schema);
        Ok(())
    }

    fn text(&mut self, value: &str) -> io::Result<()> {
        match self.builder("text")? {
            Builder::Text(b) => b.append_value(value),
            Builder::Category(b) if value.is_empty() => b.append_null(),
            Builder::Category(b) => {
                b.append(value).map_err(io::Error::other)?;
            }
            _ => {
                self.column -= 1;
                return Err(self.mismatch("text"));
            }
        }
        Ok(())
    }

    fn int(&mut self, value: u64) -> io::Result<()> {
        match self.builder("an integer")? {
            Builder::Int(b) => b.append_value(value as i64),
            _ => {
                self.column -= 1;
                return Err(self.mismatch("an integer"));
            }
        }
        Ok(())
    }

    fn boolean(&mut self, value: bool) -> io::Result<()> {
        match self.builder("a boolean")? {
            Builder::Bool(b) => b.append_value(value),
            _ => {
                self.column -= 1;
                return Err(self.mismatch("a boolean"));
            }
        }
        Ok(())
    }

    fn float(&mut self, value: Option<f64>, decimals: usize) -> io::Result<()> {
        match self.builder("a float")? {
            Builder::Float(b) => b.append_option(
                value
                    .filter(|v| v.is_finite())
                    .map(|v| rounded(v, decimals)),
            ),
            _ => {
                self.column -= 1;
                return Err(self.mismatch("a float"));
            }
        }
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        if self.column != self.builders.len() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{}: a row of {} fields in a table of {} columns",
                    self.name,
                    self.column,
                    self.builders.len()
                ),
            ));
        }
        self.column = 0;
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Array, BooleanArray, DictionaryArray, Int64Array, StringArray};

    fn columns() -> Vec<Column> {
        vec![
            Column::text("text"),
            Column::category("type"),
            Column::int("start"),
            Column::boolean("stopword"),
            Column::float("share", 2),
        ]
    }

    #[test]
    fn rows_become_typed_columns() {
        let mut t = ArrowTable::memory("test");
        t.begin(&columns()).unwrap();
        for (text, kind, start, stop) in [("NA", "", 0, true), ("Αθήνα", "LOC", 3, false)] {
            t.text(text).unwrap();
            t.text(kind).unwrap();
            t.int(start).unwrap();
            t.boolean(stop).unwrap();
            t.float(Some(1.0 / 3.0), 2).unwrap();
            t.end_row().unwrap();
        }
        let out = t.finish().unwrap().unwrap();
        assert_eq!(out.batches.len(), 1);
        let b = &out.batches[0];
        let text = b.column(0).as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(text.value(0), "NA");
        assert_eq!(text.null_count(), 0);
        let kind = b
            .column(1)
            .as_any()
            .downcast_ref::<DictionaryArray<Int32Type>>()
            .unwrap();
        assert!(kind.is_null(0));
        assert!(kind.is_valid(1));
        let start = b.column(2).as_any().downcast_ref::<Int64Array>().unwrap();
        assert_eq!(start.values(), &[0, 3]);
        let stop = b.column(3).as_any().downcast_ref::<BooleanArray>().unwrap();
        assert!(stop.value(0) && !stop.value(1));
        assert_eq!(b.column(4).data_type(), &DataType::Float64);
    }

    #[test]
    fn rows_written_back_from_batches_print_as_the_original_csv() {
        let mut direct = crate::tables::csv_writer(Vec::new());
        let mut t = ArrowTable::memory("test");
        let mut cols = columns();
        cols[4] = Column::float("share", 2);
        direct.begin(&cols).unwrap();
        t.begin(&cols).unwrap();
        for sink in [&mut direct as &mut dyn RowSink, &mut t] {
            for (text, kind, start) in [("null", "", 0), ("Αθήνα, \"πόλη\"", "LOC", 7)] {
                sink.text(text).unwrap();
                sink.text(kind).unwrap();
                sink.int(start).unwrap();
                sink.boolean(start == 0).unwrap();
                sink.float((start > 0).then_some(2.0 / 3.0), 2).unwrap();
                sink.end_row().unwrap();
            }
        }
        let out = t.finish().unwrap().unwrap();
        let back = super::columns(&out.schema).unwrap();
        assert_eq!(back, cols);
        let mut again = crate::tables::csv_writer(Vec::new());
        again.begin(&back).unwrap();
        for batch in &out.batches {
            write_rows(batch, &back, &mut again).unwrap();
        }
        assert_eq!(again.into_inner().unwrap(), direct.into_inner().unwrap());
    }

    #[test]
    fn a_field_of_the_wrong_type_or_a_short_row_is_an_error() {
        let mut t = ArrowTable::memory("test");
        t.begin(&columns()).unwrap();
        assert!(t.int(1).is_err());
        t.text("x").unwrap();
        assert!(t.end_row().is_err());
    }

    #[test]
    fn a_table_without_rows_keeps_its_schema() {
        let mut t = ArrowTable::memory("test");
        t.begin(&columns()).unwrap();
        let out = t.finish().unwrap().unwrap();
        assert!(out.batches.is_empty());
        assert_eq!(out.schema.fields().len(), 5);
    }
}
