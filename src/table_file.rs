//! Writing a table given as Arrow record batches to `NAME.csv` or `NAME.parquet` with the
//! writers `elpipe run` uses, so a table read back (e.g. by the Python package, edited in
//! pandas) is written exactly as a run writes it.

use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, Schema};

use crate::tables::arrow::{self as arrow_table, ArrowTable};
use crate::tables::{csv_writer, AtomicFile, OutputFormat, RowSink};
use crate::{Error, Result};

/// Writes the record batches `batches` of a table whose schema is `schema` (the schema of an
/// elpipe table, as [`run_with`](crate::run_with) returns it in [`ArrowBatches`](crate::ArrowBatches):
/// text, category, integer and float columns) as `folder/NAME.csv` or `folder/NAME.parquet`,
/// and returns the path written.
///
/// The file is written under a temporary name and renamed when complete, so an error leaves
/// no partial file and an existing file of that name untouched.
///
/// # Errors
/// [`Error::Invalid`] when `format` is not [`OutputFormat::Csv`] or [`OutputFormat::Parquet`]
/// (one file is written); [`Error::Io`] naming the file when a column has a type elpipe tables
/// do not use, when a batch is an error, or when writing fails.
pub fn write_arrow_table<I>(
    schema: &Schema,
    batches: I,
    folder: &Path,
    name: &str,
    format: OutputFormat,
) -> Result<PathBuf>
where
    I: IntoIterator<Item = std::result::Result<RecordBatch, ArrowError>>,
{
    let extension = match format {
        OutputFormat::Csv => "csv",
        OutputFormat::Parquet => "parquet",
        OutputFormat::Both | OutputFormat::Memory => {
            return Err(Error::Invalid(format!(
                "table {name}: one file is written at a time, as csv or parquet"
            )))
        }
    };
    let file_name = format!("{name}.{extension}");
    let path = folder.join(&file_name);
    let io = |source: std::io::Error| Error::Io {
        path: path.clone(),
        source,
    };
    let columns = arrow_table::columns(schema).map_err(io)?;
    let file = AtomicFile::create(folder, &file_name)?;
    let batches = batches
        .into_iter()
        .map(|b| b.map_err(std::io::Error::other));
    match format {
        OutputFormat::Csv => {
            let mut file = file;
            let written = (|| -> std::io::Result<()> {
                let mut w = csv_writer(&mut file);
                w.begin(&columns)?;
                for batch in batches {
                    arrow_table::write_rows(&batch?, &columns, &mut w)?;
                }
                w.flush()
            })();
            match written {
                Ok(()) => file.commit()?,
                Err(e) => {
                    file.discard();
                    return Err(io(e));
                }
            }
        }
        _ => {
            let mut table = ArrowTable::parquet(file);
            let written = (|| -> std::io::Result<()> {
                table.begin(&columns)?;
                for batch in batches {
                    arrow_table::write_rows(&batch?, &columns, &mut table)?;
                }
                Ok(())
            })();
            match written {
                Ok(()) => {
                    table.finish()?;
                }
                Err(e) => {
                    table.discard();
                    return Err(io(e));
                }
            }
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::arrow::schema;
    use crate::tables::sink::ColumnType;
    use crate::tables::Column;
    use arrow_array::{ArrayRef, Int64Array, StringArray};
    use std::sync::Arc;

    fn batch() -> (Arc<Schema>, RecordBatch) {
        let column = |name: &str, kind| Column {
            name: name.to_owned(),
            kind,
            decimals: 0,
        };
        let columns = [
            column("name", ColumnType::Text),
            column("count", ColumnType::Int),
        ];
        let schema = schema(&columns);
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vec!["Αθήνα", "Πάτρα, \"Αχαΐα\""])),
            Arc::new(Int64Array::from(vec![3, 1])),
        ];
        let batch = RecordBatch::try_new(schema.clone(), arrays).unwrap();
        (schema, batch)
    }

    #[test]
    fn a_csv_table_is_written_as_a_run_writes_it() {
        let dir = tempfile::tempdir().unwrap();
        let (schema, batch) = batch();
        let path = write_arrow_table(
            &schema,
            [Ok(batch)],
            dir.path(),
            "places",
            OutputFormat::Csv,
        )
        .unwrap();
        assert_eq!(path, dir.path().join("places.csv"));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "name,count\nΑθήνα,3\n\"Πάτρα, \"\"Αχαΐα\"\"\",1\n"
        );
    }

    #[test]
    fn a_failed_batch_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let (schema, batch) = batch();
        let batches = [Ok(batch), Err(ArrowError::ComputeError("broken".into()))];
        let err = write_arrow_table(
            &schema,
            batches,
            dir.path(),
            "places",
            OutputFormat::Parquet,
        )
        .unwrap_err();
        assert!(err.to_string().contains("places.parquet"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn both_formats_at_once_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (schema, batch) = batch();
        let err = write_arrow_table(&schema, [Ok(batch)], dir.path(), "t", OutputFormat::Both)
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
    }
}
