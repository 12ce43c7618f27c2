//! Where a table goes: a CSV file, a Parquet file, both, or Arrow batches in memory.

use std::io::{self, Write};
use std::path::Path;

use super::arrow::{ArrowBatches, ArrowTable};
use super::sink::{Column, RowSink};
use super::{csv_buffer, AtomicFile, Table};
use crate::{Error, Result};

/// The files `elpipe run` writes for each table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// `TABLE.csv` (the default).
    #[default]
    Csv,
    /// `TABLE.parquet`: typed columns, dictionary-encoded strings, zstd-compressed.
    Parquet,
    /// Both files, from the same rows.
    Both,
    /// No file: Arrow record batches returned to the caller (the Python package). The output
    /// folder only holds the run's temporary files.
    Memory,
}

impl OutputFormat {
    /// Whether the format writes `TABLE.csv`.
    pub fn csv(self) -> bool {
        matches!(self, OutputFormat::Csv | OutputFormat::Both)
    }

    /// Whether the format writes `TABLE.parquet`.
    pub fn parquet(self) -> bool {
        matches!(self, OutputFormat::Parquet | OutputFormat::Both)
    }

    /// The file names a table is written under in this format.
    pub fn file_names(self, table: Table) -> Vec<String> {
        let mut names = Vec::new();
        if self.csv() {
            names.push(table.file_name());
        }
        if self.parquet() {
            names.push(table.parquet_file_name());
        }
        names
    }
}

/// A CSV file filled row by row: fields are rendered into a small buffer and moved to the file
/// at the end of each row, so pre-rendered rows (from worker threads) can be written between.
struct CsvTable {
    file: AtomicFile,
    row: csv::Writer<Vec<u8>>,
}

impl CsvTable {
    fn move_row(&mut self) -> io::Result<()> {
        self.row.flush()?;
        if self.row.get_ref().is_empty() {
            return Ok(());
        }
        let row = std::mem::replace(&mut self.row, csv_buffer());
        let bytes = row.into_inner().map_err(|e| e.into_error())?;
        self.file.writer().write_all(&bytes)
    }
}

/// One table being written in the run's [`OutputFormat`]. It is a [`RowSink`]: every row goes
/// to each of its files.
pub struct TableOutput {
    table: Table,
    csv: Option<CsvTable>,
    arrow: Option<ArrowTable>,
}

impl TableOutput {
    /// Creates the table's files (under temporary names) in `dir`; with
    /// [`OutputFormat::Memory`] nothing is created.
    pub fn create(dir: &Path, table: Table, format: OutputFormat) -> Result<TableOutput> {
        let csv = match format.csv() {
            true => Some(CsvTable {
                file: AtomicFile::create(dir, &table.file_name())?,
                row: csv_buffer(),
            }),
            false => None,
        };
        let arrow = if format.parquet() {
            match AtomicFile::create(dir, &table.parquet_file_name()) {
                Ok(file) => Some(ArrowTable::parquet(file)),
                Err(e) => {
                    if let Some(csv) = csv {
                        csv.file.discard();
                    }
                    return Err(e);
                }
            }
        } else if format == OutputFormat::Memory {
            Some(ArrowTable::memory(table.name()))
        } else {
            None
        };
        Ok(TableOutput { table, csv, arrow })
    }

    pub fn table(&self) -> Table {
        self.table
    }

    /// The Arrow side of the table, which needs every row through [`RowSink`].
    pub fn arrow(&mut self) -> Option<&mut ArrowTable> {
        self.arrow.as_mut()
    }

    /// Appends CSV rows already rendered in the project's dialect (by a worker thread).
    pub fn write_csv_rows(&mut self, rows: &[u8]) -> Result<()> {
        let Some(csv) = &mut self.csv else {
            return Ok(());
        };
        if let Err(source) = csv.move_row() {
            let path = csv.file.path().to_owned();
            return Err(Error::Io { path, source });
        }
        csv.file.write_all(rows)
    }

    /// The error of a failed write, naming the file.
    pub fn error(&self, source: io::Error) -> Error {
        let name = match (&self.csv, &self.arrow) {
            (Some(csv), _) => csv.file.path().display().to_string(),
            _ => self.table.parquet_file_name(),
        };
        Error::Io {
            path: name.into(),
            source,
        }
    }

    /// Completes every file of the table and gives it its final name; an in-memory table is
    /// returned.
    pub fn commit(self) -> Result<Option<ArrowBatches>> {
        let TableOutput { csv, arrow, .. } = self;
        if let Some(mut csv) = csv {
            if let Err(e) = csv.move_row() {
                let path = csv.file.path().to_owned();
                csv.file.discard();
                if let Some(arrow) = arrow {
                    arrow.discard();
                }
                return Err(Error::Io { path, source: e });
            }
            if let Err(e) = csv.file.commit() {
                if let Some(arrow) = arrow {
                    arrow.discard();
                }
                return Err(e);
            }
        }
        match arrow {
            Some(arrow) => arrow.finish(),
            None => Ok(None),
        }
    }

    /// Removes the table's temporary files (an interrupted or failed run).
    pub fn discard(self) {
        if let Some(csv) = self.csv {
            csv.file.discard();
        }
        if let Some(arrow) = self.arrow {
            arrow.discard();
        }
    }
}

impl RowSink for TableOutput {
    fn begin(&mut self, columns: &[Column]) -> io::Result<()> {
        if let Some(csv) = &mut self.csv {
            csv.row.begin(columns)?;
            csv.move_row()?;
        }
        if let Some(arrow) = &mut self.arrow {
            arrow.begin(columns)?;
        }
        Ok(())
    }

    fn text(&mut self, value: &str) -> io::Result<()> {
        if let Some(csv) = &mut self.csv {
            csv.row.text(value)?;
        }
        if let Some(arrow) = &mut self.arrow {
            arrow.text(value)?;
        }
        Ok(())
    }

    fn int(&mut self, value: u64) -> io::Result<()> {
        if let Some(csv) = &mut self.csv {
            csv.row.int(value)?;
        }
        if let Some(arrow) = &mut self.arrow {
            arrow.int(value)?;
        }
        Ok(())
    }

    fn boolean(&mut self, value: bool) -> io::Result<()> {
        if let Some(csv) = &mut self.csv {
            csv.row.boolean(value)?;
        }
        if let Some(arrow) = &mut self.arrow {
            arrow.boolean(value)?;
        }
        Ok(())
    }

    fn float(&mut self, value: Option<f64>, decimals: usize) -> io::Result<()> {
        if let Some(csv) = &mut self.csv {
            csv.row.float(value, decimals)?;
        }
        if let Some(arrow) = &mut self.arrow {
            arrow.float(value, decimals)?;
        }
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        if let Some(csv) = &mut self.csv {
            csv.row.end_row()?;
            if csv.row.get_ref().len() >= 1 << 16 {
                csv.move_row()?;
            }
        }
        if let Some(arrow) = &mut self.arrow {
            arrow.end_row()?;
        }
        Ok(())
    }
}
