//! The CSV tables: one writer or aggregate per table.
//!
//! Per-document tables (`documents.csv`, `tokens.csv`) are rendered row by row while the run
//! streams; corpus-wide tables (`entities.csv` with its corpus-level canonical names,
//! `entity_frequencies.csv`, `cooccurrences.csv`, `terms.csv`) are aggregated in memory bounded
//! by the number of distinct entries and written at the end. Every table is written under a
//! temporary name and renamed once complete.

pub mod arrow;
pub mod concordance;
pub mod cooccurrences;
pub mod documents;
pub mod entities;
pub mod frequencies;
pub mod keyness;
pub mod output;
pub mod sink;
pub mod terms;
pub mod tokens;
pub mod totals;

pub use output::{OutputFormat, TableOutput};
pub use sink::{Column, RowSink};

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// A table elpipe can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per input document: id, source, status, language, counts, kept fields.
    Documents,
    /// One row per token: offsets, text, norm, stem, stopword, IOB tag, kind.
    Tokens,
    /// One row per entity mention: offsets, text, type, canonical name.
    Entities,
    /// One row per canonical entity (per group with `--group-by`): mentions, documents,
    /// variants and rates.
    EntityFrequencies,
    /// Pairs of canonical entities named in the same sentence, with the sentences and
    /// documents they share.
    Cooccurrences,
    /// One row per stem: its most frequent form, counts and rate per million words.
    Terms,
    /// Key entities of each group against the rest (needs `--group-by`).
    EntityKeyness,
    /// Every mention in its context.
    Concordance,
}

impl Table {
    /// The tables written by default.
    pub const ALL: [Table; 6] = [
        Table::Documents,
        Table::Tokens,
        Table::Entities,
        Table::EntityFrequencies,
        Table::Cooccurrences,
        Table::Terms,
    ];

    /// Every table `--tables` accepts: [`Table::ALL`], written by default, then the analysis
    /// tables written on request (`entity_keyness` also by default with `--group-by`).
    pub const KNOWN: [Table; 8] = [
        Table::Documents,
        Table::Tokens,
        Table::Entities,
        Table::EntityFrequencies,
        Table::Cooccurrences,
        Table::Terms,
        Table::EntityKeyness,
        Table::Concordance,
    ];

    /// The name used by `--tables`; the file is this name plus `.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Tokens => "tokens",
            Table::Entities => "entities",
            Table::EntityFrequencies => "entity_frequencies",
            Table::Cooccurrences => "cooccurrences",
            Table::Terms => "terms",
            Table::EntityKeyness => "entity_keyness",
            Table::Concordance => "concordance",
        }
    }

    /// The table's CSV file name (`NAME.csv`).
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// The table's file with `--output-format parquet`.
    pub fn parquet_file_name(self) -> String {
        format!("{}.parquet", self.name())
    }

    /// Parses a `--tables` name.
    pub fn parse(name: &str) -> Result<Table> {
        Table::KNOWN
            .into_iter()
            .find(|t| t.name() == name.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = Table::KNOWN.iter().map(|t| t.name()).collect();
                let hint = crate::error::did_you_mean(name, known.iter().copied())
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                Error::Invalid(format!(
                    "unknown table `{name}` (known: {}){hint}",
                    known.join(", ")
                ))
            })
    }

    /// Whether the table needs named-entity tagging.
    pub fn needs_entities(self) -> bool {
        matches!(
            self,
            Table::Entities
                | Table::EntityFrequencies
                | Table::Cooccurrences
                | Table::EntityKeyness
                | Table::Concordance
        )
    }
}

/// A file written under a hidden temporary name in the output folder and renamed to its final
/// name only by [`AtomicFile::commit`], so an interrupted run never leaves a table that looks
/// whole.
pub struct AtomicFile {
    temp: PathBuf,
    path: PathBuf,
    writer: BufWriter<File>,
}

impl AtomicFile {
    pub fn create(dir: &Path, file_name: &str) -> Result<AtomicFile> {
        let path = dir.join(file_name);
        let temp = temp_path(dir, file_name);
        let file = File::create(&temp).map_err(|source| Error::Io {
            path: temp.clone(),
            source,
        })?;
        Ok(AtomicFile {
            temp,
            path,
            writer: BufWriter::with_capacity(1 << 20, file),
        })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.writer
    }

    /// The final path of the file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes rendered bytes, naming the file on failure.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes).map_err(|source| Error::Io {
            path: self.temp.clone(),
            source,
        })
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn commit(self) -> Result<()> {
        let io = |source| Error::Io {
            path: self.temp.clone(),
            source,
        };
        let file = self.writer.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&self.temp, &self.path).map_err(io)
    }

    /// Removes the temporary file (an interrupted or failed run).
    pub fn discard(self) {
        drop(self.writer);
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// Writes go to the temporary file (the Parquet writer takes the file as a plain writer).
impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// Where a table is written before it is complete.
pub fn temp_path(dir: &Path, file_name: &str) -> PathBuf {
    dir.join(format!(".{file_name}.partial"))
}

/// A CSV writer into memory with the project's dialect (RFC 4180 quoting, `\n` line ends).
pub fn csv_buffer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// A CSV writer over any output, same dialect as [`csv_buffer`].
pub fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// Turns a CSV error into the library's error, naming the file.
pub fn csv_error(path: &Path, error: csv::Error) -> Error {
    Error::Invalid(format!("{}: {error}", path.display()))
}

/// A map keyed by owned strings, for the counts the tables keep per stem, name, label or group.
///
/// FxHash rather than the standard library's SipHash: the keys are the corpus's own words and
/// names, not input an attacker chooses to collide, and `perf` had SipHash and the second
/// look-up of [`slot`] among the aggregation's costs. Iteration order is arbitrary: every table
/// sorts its rows before writing them.
pub type StrMap<V> = hashbrown::HashMap<Box<str>, V, rustc_hash::FxBuildHasher>;

/// The value under `key` in a map of owned strings, inserted on first use: one hash and one
/// look-up; a key already there allocates nothing, which matters for counts updated once per
/// token or mention.
pub fn slot<'m, V: Default>(map: &'m mut StrMap<V>, key: &str) -> &'m mut V {
    match map.entry_ref(key) {
        hashbrown::hash_map::EntryRef::Occupied(entry) => entry.into_mut(),
        hashbrown::hash_map::EntryRef::Vacant(entry) => entry
            .insert_entry_with_key(key.into(), V::default())
            .into_mut(),
    }
}

/// `|`-joined values ordered by descending count, ties alphabetically.
pub fn ranked<'a>(counts: impl IntoIterator<Item = (&'a str, u64)>) -> String {
    let mut items: Vec<(&str, u64)> = counts.into_iter().collect();
    items.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut joined = String::new();
    for (i, (value, _)) in items.iter().enumerate() {
        if i > 0 {
            joined.push('|');
        }
        joined.push_str(value);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_round_trip() {
        for t in Table::KNOWN {
            assert_eq!(Table::parse(t.name()).unwrap(), t);
        }
        assert!(Table::parse("nonsense").is_err());
    }

    #[test]
    fn ranked_orders_by_count_then_text() {
        assert_eq!(ranked([("β", 1), ("α", 1), ("γ", 5)]), "γ|α|β");
    }

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "t.csv").unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!dir.path().join("t.csv").exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("t.csv")).unwrap(), b"a,b\n");
        assert!(!temp_path(dir.path(), "t.csv").exists());
    }
}
