//! `--output-format parquet|both`: the Parquet tables hold the CSV tables' rows, typed.

mod common;

use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::Int32Type;
use arrow_array::{Array, RecordBatch, RecordBatchReader};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::reader::{FileReader, SerializedFileReader};

use common::*;

/// A Parquet table read back as CSV-like text rows (null and empty both as ""), with its
/// header and its Arrow column types.
fn parquet_rows(path: &Path) -> (Vec<String>, Vec<DataType>, Vec<Vec<String>>) {
    let file = File::open(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let schema = reader.schema();
    let header = schema.fields().iter().map(|f| f.name().clone()).collect();
    let types = schema
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect();
    let mut rows = Vec::new();
    for batch in reader {
        let batch: RecordBatch = batch.unwrap();
        for row in 0..batch.num_rows() {
            rows.push(
                batch
                    .columns()
                    .iter()
                    .map(|column| cell(column.as_ref(), row))
                    .collect(),
            );
        }
    }
    (header, types, rows)
}

fn cell(column: &dyn Array, row: usize) -> String {
    if column.is_null(row) {
        return String::new();
    }
    match column.data_type() {
        DataType::Utf8 => column.as_string::<i32>().value(row).to_owned(),
        DataType::Int64 => column
            .as_primitive::<arrow_array::types::Int64Type>()
            .value(row)
            .to_string(),
        DataType::Boolean => column.as_boolean().value(row).to_string(),
        DataType::Float64 => format!(
            "{:.3}",
            column
                .as_primitive::<arrow_array::types::Float64Type>()
                .value(row)
        ),
        DataType::Dictionary(_, _) => {
            let dictionary = column.as_dictionary::<Int32Type>();
            let key = dictionary.keys().value(row) as usize;
            dictionary.values().as_string::<i32>().value(key).to_owned()
        }
        other => panic!("unexpected column type {other}"),
    }
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

#[test]
fn parquet_tables_hold_the_csv_rows_with_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let jsonl = seeds().join("articles.jsonl");
    run_ok(
        &[&seeds()],
        &out,
        &["--output-format", "both", "--keep-fields", "date,outlet"],
    );
    for name in TABLES {
        let stem = name.trim_end_matches(".csv");
        let (csv_header, csv) = csv_rows(&out.join(name));
        let (header, types, rows) = parquet_rows(&out.join(format!("{stem}.parquet")));
        assert_eq!(header, csv_header, "{stem}");
        assert_eq!(rows.len(), csv.len(), "{stem}");
        assert!(!rows.is_empty(), "{stem} has rows on the seeds");
        for (i, (p, c)) in rows.iter().zip(&csv).enumerate() {
            assert_eq!(p, c, "{stem} row {i}");
        }
        let type_of = |column: &str| &types[header.iter().position(|h| h == column).unwrap()];
        match stem {
            "tokens" => {
                assert_eq!(type_of("start"), &DataType::Int64);
                assert_eq!(type_of("stopword"), &DataType::Boolean);
                assert!(matches!(type_of("kind"), DataType::Dictionary(_, _)));
                assert_eq!(type_of("text"), &DataType::Utf8);
            }
            "documents" => {
                assert_eq!(type_of("lang_confidence"), &DataType::Float64);
                assert_eq!(type_of("date"), &DataType::Utf8);
                assert!(matches!(type_of("status"), DataType::Dictionary(_, _)));
            }
            _ => {}
        }
    }
    // The file is compressed, and a run without `both` writes only Parquet.
    let file = File::open(out.join("tokens.parquet")).unwrap();
    let metadata = SerializedFileReader::new(file).unwrap().metadata().clone();
    let column = metadata.row_group(0).column(0);
    assert!(matches!(column.compression(), Compression::ZSTD(_)));

    let only = dir.path().join("only");
    run_ok(&[&jsonl], &only, &["--output-format", "parquet"]);
    assert!(only.join("tokens.parquet").exists());
    assert!(!only.join("tokens.csv").exists());
}

#[test]
fn a_parquet_run_removes_an_older_runs_csv_and_an_empty_run_has_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("tokens.csv"), "old\n").unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    run_ok(&[&empty], &out, &["--output-format", "parquet"]);
    assert!(!out.join("tokens.csv").exists());
    let (header, types, rows) = parquet_rows(&out.join("tokens.parquet"));
    assert!(rows.is_empty());
    assert_eq!(header[0], "doc_id");
    assert_eq!(types[3], DataType::Int64);
}
