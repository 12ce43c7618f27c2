//! The corpus-wide state of a partial result: written at the end of a partial run (or of a
//! merge with `--partial`), read back by a merge.

use super::header::{format_name, settings_of, write_header, Header};
use super::*;

/// The corpus-wide state a run hands over at its end, instead of writing the tables.
pub(crate) struct RunState {
    pub corpus: CorpusCanonicalizer,
    pub acronyms: AcronymCollector,
    pub totals: GroupTotals,
    pub undated: Undated,
    pub terms: TermCounts,
    pub ids: Vec<(Box<str>, Box<str>, bool)>,
}

/// Writes the state files and the header of a partial run into `options.out` (the staging
/// folder), where the run left its tables and its spools.
pub(crate) fn write_run_state(
    options: &RunOptions,
    summary: &RunSummary,
    state: RunState,
) -> Result<()> {
    let dir = &options.out;
    for (spool, name) in [
        (run::SPOOL, MENTIONS),
        (run::CONCORDANCE_SPOOL, CONCORDANCE),
    ] {
        let from = dir.join(spool);
        if from.exists() {
            std::fs::rename(&from, dir.join(name)).map_err(io_error(&from))?;
        }
    }
    if let Some(path) = &options.provenance.aliases {
        let to = dir.join(ALIASES);
        std::fs::copy(path, &to).map_err(io_error(path))?;
    }
    let entity_tables = options.tables.iter().any(|t| t.needs_entities());
    write_state(
        dir,
        entity_tables.then_some((&state.corpus, &state.acronyms)),
        options
            .tables
            .contains(&Table::Terms)
            .then_some(&state.terms),
    )?;
    let ids = state
        .ids
        .iter()
        .map(|(id, source, again)| Ok((id.to_string(), source.to_string(), *again)));
    write_ids(dir, ids)?;
    let header = Header {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        settings: settings_of(options)?,
        output_format: format_name(options.output_format).to_owned(),
        model: serde_json::to_value(&options.provenance.model).unwrap_or_default(),
        stopwords: (options.provenance.stopwords.as_ref()).map(|p| p.display().to_string()),
        aliases: (options.provenance.aliases.as_ref()).map(|p| p.display().to_string()),
        inputs: (staging_output::describe_inputs(&options.inputs).iter())
            .map(|i| serde_json::to_value(i).unwrap_or_default())
            .collect(),
        counts: Counts::of(summary),
        groups: GroupRow::sorted(&state.totals),
        undated_documents: state.undated.documents as u64,
        undated_example: state.undated.example,
    };
    write_header(dir, &header)
}

/// A CSV writer of the state files (header row, `\n` line ends) into an atomic file.
fn state_writer(dir: &Path, name: &str) -> Result<csv::Writer<AtomicFile>> {
    let file = AtomicFile::create(dir, name)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(file))
}

fn finish_writer(w: csv::Writer<AtomicFile>, dir: &Path, name: &str) -> Result<()> {
    let file = w
        .into_inner()
        .map_err(|e| io_error(&dir.join(name))(e.into_error()))?;
    file.commit()
}

/// Writes `partial_names.csv` and `partial_acronyms.csv` (with entity tables) and
/// `partial_terms.csv` (with `terms`), sorted.
pub(super) fn write_state(
    dir: &Path,
    entities: Option<(&CorpusCanonicalizer, &AcronymCollector)>,
    terms: Option<&TermCounts>,
) -> Result<()> {
    let failed = |name: &str, e: csv::Error| csv_failure(&dir.join(name), e);
    if let Some((corpus, acronyms)) = entities {
        let mut names: Vec<_> = corpus.counts().collect();
        names.sort_unstable();
        let mut w = state_writer(dir, NAMES)?;
        w.write_record(["label", "canonical", "mentions"])
            .map_err(|e| failed(NAMES, e))?;
        for (label, canonical, n) in names {
            w.write_record([label, canonical, &n.to_string()])
                .map_err(|e| failed(NAMES, e))?;
        }
        finish_writer(w, dir, NAMES)?;
        let mut definitions: Vec<&Definition> = acronyms.definitions().collect();
        definitions.sort_unstable_by(|a, b| {
            (&a.acronym, &a.label, &a.canonical).cmp(&(&b.acronym, &b.label, &b.canonical))
        });
        let mut w = state_writer(dir, ACRONYMS)?;
        w.write_record(["acronym", "label", "canonical"])
            .map_err(|e| failed(ACRONYMS, e))?;
        for d in definitions {
            w.write_record([&d.acronym, &d.label, &d.canonical])
                .map_err(|e| failed(ACRONYMS, e))?;
        }
        finish_writer(w, dir, ACRONYMS)?;
    }
    if let Some(terms) = terms {
        let mut rows: Vec<_> = terms.rows().collect();
        rows.sort_unstable();
        let mut w = state_writer(dir, TERMS)?;
        w.write_record(["stem", "documents", "form", "count"])
            .map_err(|e| failed(TERMS, e))?;
        for (stem, documents, form, n) in rows {
            w.write_record([stem, &documents.to_string(), form, &n.to_string()])
                .map_err(|e| failed(TERMS, e))?;
        }
        finish_writer(w, dir, TERMS)?;
    }
    Ok(())
}

/// Writes `partial_ids.csv` from ids sorted by id.
fn write_ids(dir: &Path, ids: impl Iterator<Item = Result<(String, String, bool)>>) -> Result<()> {
    let failed = |e: csv::Error| csv_failure(&dir.join(IDS), e);
    let mut w = state_writer(dir, IDS)?;
    w.write_record(["doc_id", "source", "repeated"])
        .map_err(failed)?;
    for row in ids {
        let (id, source, again) = row?;
        w.write_record([
            id.as_str(),
            source.as_str(),
            if again { "true" } else { "false" },
        ])
        .map_err(failed)?;
    }
    finish_writer(w, dir, IDS)
}

/// A state file's reader: header row, then records.
fn state_reader(part: &Path, name: &str) -> Result<(PathBuf, csv::Reader<BufReader<File>>)> {
    let path = part.join(name);
    let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
    Ok((path, csv::Reader::from_reader(BufReader::new(file))))
}

fn number(path: &Path, value: &str) -> Result<u64> {
    value.parse().map_err(|_| {
        Error::Invalid(format!(
            "{}: `{value}` is not a count (a damaged partial result?)",
            path.display()
        ))
    })
}

fn field<'r>(path: &Path, record: &'r csv::StringRecord, i: usize) -> Result<&'r str> {
    record.get(i).ok_or_else(|| {
        Error::Invalid(format!(
            "{}: a row has {} fields, {} expected (a damaged partial result?)",
            path.display(),
            record.len(),
            i + 1
        ))
    })
}

pub(super) fn read_names(part: &Path, corpus: &mut CorpusCanonicalizer) -> Result<()> {
    let (path, mut reader) = state_reader(part, NAMES)?;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_failure(&path, e))?
    {
        let n = number(&path, field(&path, &record, 2)?)?;
        corpus.add_count(field(&path, &record, 0)?, field(&path, &record, 1)?, n);
    }
    Ok(())
}

pub(super) fn read_acronyms(part: &Path, acronyms: &mut AcronymCollector) -> Result<()> {
    let (path, mut reader) = state_reader(part, ACRONYMS)?;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_failure(&path, e))?
    {
        acronyms.add([Definition {
            acronym: field(&path, &record, 0)?.to_owned(),
            label: field(&path, &record, 1)?.to_owned(),
            canonical: field(&path, &record, 2)?.to_owned(),
        }]);
    }
    Ok(())
}

pub(super) fn read_terms(part: &Path, terms: &mut TermCounts) -> Result<()> {
    let (path, mut reader) = state_reader(part, TERMS)?;
    let mut record = csv::StringRecord::new();
    let mut last_stem = String::new();
    let mut first = true;
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_failure(&path, e))?
    {
        let stem = field(&path, &record, 0)?;
        if first || stem != last_stem {
            // the stem's documents are repeated on each of its rows: count them once
            terms.add_documents(stem, number(&path, field(&path, &record, 1)?)?);
            last_stem.clear();
            last_stem.push_str(stem);
            first = false;
        }
        let n = number(&path, field(&path, &record, 3)?)?;
        terms.add_form_count(stem, field(&path, &record, 2)?, n);
    }
    Ok(())
}

/// One part's sorted ids, read a row at a time.
struct IdStream {
    path: PathBuf,
    reader: csv::Reader<BufReader<File>>,
    record: csv::StringRecord,
    /// The current row: id, source of its first document, repeated within the part.
    current: Option<(String, String, bool)>,
}

impl IdStream {
    fn open(part: &Path) -> Result<IdStream> {
        let (path, reader) = state_reader(part, IDS)?;
        let mut stream = IdStream {
            path,
            reader,
            record: csv::StringRecord::new(),
            current: None,
        };
        stream.advance()?;
        Ok(stream)
    }

    fn advance(&mut self) -> Result<()> {
        let more =
            (self.reader.read_record(&mut self.record)).map_err(|e| csv_failure(&self.path, e))?;
        self.current = match more {
            false => None,
            true => Some((
                field(&self.path, &self.record, 0)?.to_owned(),
                field(&self.path, &self.record, 1)?.to_owned(),
                field(&self.path, &self.record, 2)? == "true",
            )),
        };
        Ok(())
    }
}

/// Walks the parts' sorted id lists together; returns the number of ids that more than one
/// document has, warns once about each id found in more than one part (naming its first two
/// documents, as a run does, unless the first part already has it twice and said so), and with
/// `out` writes the merged list.
pub(super) fn merge_ids(
    parts: &[PathBuf],
    out: Option<&Path>,
    warn: &mut dyn FnMut(&str),
) -> Result<u64> {
    let mut streams = parts
        .iter()
        .map(|p| IdStream::open(p))
        .collect::<Result<Vec<_>>>()?;
    let mut duplicates = 0;
    let mut merged: Vec<(String, String, bool)> = Vec::new();
    let mut writer = match out {
        Some(dir) => {
            let mut w = state_writer(dir, IDS)?;
            w.write_record(["doc_id", "source", "repeated"])
                .map_err(|e| csv_failure(&dir.join(IDS), e))?;
            Some(w)
        }
        None => None,
    };
    // the smallest current id over the parts, and every part holding it, in part order
    while let Some(smallest) = (streams.iter())
        .filter_map(|s| s.current.as_ref().map(|c| c.0.clone()))
        .min()
    {
        merged.clear();
        for stream in &mut streams {
            if stream.current.as_ref().is_some_and(|c| c.0 == smallest) {
                merged.push(stream.current.take().expect("checked"));
                stream.advance()?;
            }
        }
        let repeated = merged.len() > 1 || merged[0].2;
        if repeated {
            duplicates += 1;
        }
        if merged.len() > 1 && !merged[0].2 {
            warn(&format!(
                "duplicate id `{smallest}`: {} and {} (joins on doc_id will mix them)",
                merged[0].1, merged[1].1
            ));
        }
        if let (Some(w), Some(dir)) = (&mut writer, out) {
            let flag = if repeated { "true" } else { "false" };
            w.write_record([smallest.as_str(), merged[0].1.as_str(), flag])
                .map_err(|e| csv_failure(&dir.join(IDS), e))?;
        }
    }
    if let (Some(w), Some(dir)) = (writer, out) {
        finish_writer(w, dir, IDS)?;
    }
    Ok(duplicates)
}
