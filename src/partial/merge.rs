//! `elpipe merge`: partial results merged into the tables of one run over all their inputs,
//! or into one partial result.

use super::header::{
    check_same_settings, format_name, parse_format, parse_read_format, write_header, Header,
};
use super::state::{merge_ids, read_acronyms, read_names, read_terms, write_state};
use super::*;

/// What `elpipe merge` does.
#[derive(Clone, Debug)]
pub struct MergeOptions {
    /// Partial results, in the order their documents are to appear.
    pub parts: Vec<PathBuf>,
    /// The folder the tables (or the merged partial result) are written to.
    pub out: PathBuf,
    /// Write a partial result again (to be merged later) instead of the tables.
    pub partial: bool,
    /// The files to write; `None` writes the parts' output format. Parquet needs parts with
    /// Parquet tables (a value printed in CSV cannot always be read back to the same float).
    pub output_format: Option<OutputFormat>,
    /// The command line, recorded in `run.json`.
    pub command: Vec<String>,
}

/// The run options equivalent to the parts' settings, writing into `out`.
fn run_options(
    header: &Header,
    out: &Path,
    format: OutputFormat,
    part: &Path,
) -> Result<RunOptions> {
    let s = &header.settings;
    let encoding = match &s.encoding {
        Some(label) => Some(read::encoding_for_label(label)?),
        None => None,
    };
    let tables = (s.tables.iter())
        .map(|t| Table::parse(t))
        .collect::<Result<Vec<_>>>()?;
    let aliases = match &s.aliases_sha256 {
        Some(_) => Aliases::from_file(&part.join(ALIASES))?,
        None => Aliases::default(),
    };
    Ok(RunOptions {
        inputs: Vec::new(),
        out: out.to_owned(),
        read: ReadOptions {
            format: parse_read_format(&s.format)?,
            text_field: s.text_field.clone(),
            id_field: s.id_field.clone(),
            keep_fields: s.keep_fields.clone(),
            encoding,
            delimiter: s.delimiter.as_ref().and_then(|d| d.bytes().next()),
            max_record_size: s.max_record_size,
        },
        threads: 1,
        tables,
        group_by: s.group_by.clone(),
        keep_duplicate_lines: s.keep_duplicate_lines,
        progress: false,
        output_format: format,
        provenance: Provenance {
            command: Vec::new(),
            model: None,
            stopwords: header.stopwords.as_ref().map(PathBuf::from),
            aliases: header.aliases.as_ref().map(PathBuf::from),
        },
        analysis: AnalysisOptions {
            period: s.period.as_deref().map(Period::parse).transpose()?,
            context: s.context,
            aliases,
        },
    })
}

/// Merges partial results into the tables of one run over all their inputs (or, with
/// `options.partial`, into one partial result), through a staging folder like a run: `out` is
/// replaced only when the merge completes. `warn` receives the warnings a run would give that
/// the parts could not (ids repeated across parts, undated documents).
///
/// Errors: a folder that is not a partial result, or of a format version this elpipe does not
/// read; parts made with different settings (the error names the first difference); Parquet
/// asked of parts without Parquet tables; I/O errors naming the file.
pub fn merge(options: &MergeOptions, warn: &mut dyn FnMut(&str)) -> Result<RunSummary> {
    let started_clock = std::time::Instant::now();
    let started = std::time::SystemTime::now();
    let Some(first_part) = options.parts.first() else {
        return Err(Error::Invalid("no partial result to merge".into()));
    };
    let headers = (options.parts.iter())
        .map(|p| read_header(p))
        .collect::<Result<Vec<_>>>()?;
    let first = &headers[0];
    for (part, header) in options.parts.iter().zip(&headers).skip(1) {
        check_same_settings((first_part, &first.settings), (part, &header.settings))?;
    }
    let parts_format = parse_format(&first.output_format)?;
    for (part, header) in options.parts.iter().zip(&headers).skip(1) {
        let format = parse_format(&header.output_format)?;
        if options.output_format.is_none() && format != parts_format {
            return Err(Error::Invalid(format!(
                "cannot merge partial results made differently: --output-format is {} in {} \
                 but {} in {} (give --output-format to choose)",
                first.output_format,
                first_part.display(),
                header.output_format,
                part.display()
            )));
        }
    }
    let format = options.output_format.unwrap_or(parts_format);
    let has_tables = |h: &Header, f: OutputFormat| {
        let made = parse_format(&h.output_format).unwrap_or(OutputFormat::Csv);
        (!f.csv() || made.csv()) && (!f.parquet() || made.parquet())
    };
    if let Some((part, header)) =
        (options.parts.iter().zip(&headers)).find(|(_, h)| !has_tables(h, format))
    {
        return Err(Error::Invalid(format!(
            "--output-format {}: {} holds {} tables; make the parts with \
             --output-format {} or both",
            format_name(format),
            part.display(),
            header.output_format,
            format_name(format),
        )));
    }
    staging_output::check_writable(&options.out)?;
    let staging = Staging::create(&options.out)?;
    let dir = staging.path().to_owned();
    let run_options = run_options(first, &dir, format, first_part)?;
    let wants = |t: Table| run_options.tables.contains(&t);
    let entity_tables = run_options.tables.iter().any(|t| t.needs_entities());

    // Per-document tables, part after part.
    for table in PER_DOCUMENT.into_iter().filter(|t| wants(*t)) {
        if format.csv() {
            concatenate_csv(&options.parts, table, &dir)?;
        }
        if format.parquet() {
            concatenate_parquet(&options.parts, table, &dir)?;
        }
    }

    // Corpus-wide state.
    let mut counts = Counts::default();
    let mut totals = GroupTotals::default();
    let mut undated = Undated::default();
    for header in &headers {
        let c = &header.counts;
        counts.documents += c.documents;
        counts.skipped += c.skipped;
        counts.errors += c.errors;
        counts.tokens += c.tokens;
        counts.entities += c.entities;
        counts.bytes += c.bytes;
        counts.stem_fallbacks += c.stem_fallbacks;
        for g in &header.groups {
            let t = Totals {
                documents: g.documents,
                words: g.words,
            };
            totals.add_totals(&g.group, t);
        }
        undated.documents += header.undated_documents as usize;
        if undated
            .example
            .as_deref()
            .is_none_or(|e| e.trim().is_empty())
            && header.undated_example.is_some()
        {
            undated.example = header.undated_example.clone();
        }
    }
    let mut corpus = CorpusCanonicalizer::default();
    let mut acronyms = AcronymCollector::default();
    if entity_tables {
        let (mentions, concordance) = match options.partial {
            true => (MENTIONS, CONCORDANCE),
            false => (run::SPOOL, run::CONCORDANCE_SPOOL),
        };
        merge_mentions(&options.parts, &headers, &dir, mentions)?;
        if wants(Table::Concordance) {
            concatenate_files(&options.parts, CONCORDANCE, &dir, concordance)?;
        }
        for part in &options.parts {
            read_names(part, &mut corpus)?;
            read_acronyms(part, &mut acronyms)?;
        }
    }
    let mut terms = TermCounts::default();
    if wants(Table::Terms) {
        for part in &options.parts {
            read_terms(part, &mut terms)?;
        }
    }
    counts.duplicate_ids = merge_ids(&options.parts, options.partial.then_some(&*dir), warn)?;
    let summary = counts.summary();
    if let Some(field) = run_options.group_by.as_deref() {
        if let Some(warning) = undated.warning(field, summary.documents) {
            warn(&warning);
        }
    }

    let inputs: Vec<serde_json::Value> = headers.iter().flat_map(|h| h.inputs.clone()).collect();
    if options.partial {
        if first.settings.aliases_sha256.is_some() {
            let from = first_part.join(ALIASES);
            std::fs::copy(&from, dir.join(ALIASES)).map_err(io_error(&from))?;
        }
        write_state(
            &dir,
            entity_tables.then_some((&corpus, &acronyms)),
            wants(Table::Terms).then_some(&terms),
        )?;
        let header = Header {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            settings: first.settings.clone(),
            output_format: format_name(format).to_owned(),
            model: first.model.clone(),
            stopwords: first.stopwords.clone(),
            aliases: first.aliases.clone(),
            inputs: inputs.clone(),
            counts: counts.clone(),
            groups: GroupRow::sorted(&totals),
            undated_documents: undated.documents as u64,
            undated_example: undated.example.clone(),
        };
        write_header(&dir, &header)?;
    } else {
        let mut memory = MemoryTables::new();
        if entity_tables {
            let result =
                run::write_entity_tables(&run_options, corpus, acronyms, &totals, &mut memory);
            for name in [run::SPOOL, run::CONCORDANCE_SPOOL] {
                let _ = std::fs::remove_file(dir.join(name));
            }
            result?;
        }
        if wants(Table::Terms) {
            let words = totals.corpus().words;
            run::write_table(&run_options, Table::Terms, &mut memory, |w| {
                terms.write(words, w)
            })?;
        }
    }

    let mut summary = summary;
    summary.seconds = started_clock.elapsed().as_secs_f64();
    let files = staging.files()?;
    let mut record = run::run_record(&run_options, &summary, &files, started);
    record["command"] = serde_json::json!(options.command);
    record["inputs"] = serde_json::Value::Array(inputs);
    record["model"] = first.model.clone();
    record["merged_from"] = serde_json::json!(options
        .parts
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>());
    if options.partial {
        record["partial"] = serde_json::Value::Bool(true);
    }
    staging_output::write_record(&dir, &record)?;
    let table_names: Vec<String> = (Table::KNOWN.iter())
        .flat_map(|t| [t.file_name(), t.parquet_file_name()])
        .chain(FILES.iter().map(|f| f.to_string()))
        .collect();
    summary.stale_removed = staging.commit(&table_names)?;
    Ok(summary)
}

/// Byte offset of the first row of a CSV table (after its header line).
fn header_end(path: &Path) -> Result<(u64, csv::StringRecord)> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(BufReader::new(file));
    let mut header = csv::StringRecord::new();
    reader
        .read_record(&mut header)
        .map_err(|e| csv_failure(path, e))?;
    Ok((reader.position().byte(), header))
}

/// Writes `TABLE.csv` of every part one after the other under one header.
fn concatenate_csv(parts: &[PathBuf], table: Table, dir: &Path) -> Result<()> {
    let name = table.file_name();
    let mut out = AtomicFile::create(dir, &name)?;
    let mut first_header = None;
    for part in parts {
        let path = part.join(&name);
        let (offset, header) = header_end(&path)?;
        match &first_header {
            None => first_header = Some(header),
            Some(h) if *h != header => {
                out.discard();
                return Err(Error::Invalid(format!(
                    "{}: its columns differ from those of the first part",
                    path.display()
                )));
            }
            Some(_) => {}
        }
        let mut file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        if first_header.is_some() && !std::ptr::eq(part, &parts[0]) {
            file.seek(SeekFrom::Start(offset))
                .map_err(io_error(&path))?;
        }
        std::io::copy(&mut file, out.writer()).map_err(io_error(&path))?;
    }
    out.commit()
}

/// Writes `TABLE.parquet` from the rows of every part's, through the same row sink a run
/// uses, so batches and row groups fall where a single run puts them.
fn concatenate_parquet(parts: &[PathBuf], table: Table, dir: &Path) -> Result<()> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let mut out = TableOutput::create(dir, table, OutputFormat::Parquet)?;
    let mut columns = None;
    let result = (|| -> Result<()> {
        for part in parts {
            let path = part.join(table.parquet_file_name());
            let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
            let invalid =
                |e: &dyn std::fmt::Display| Error::Invalid(format!("{}: {e}", path.display()));
            let builder =
                ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| invalid(&e))?;
            let part_columns = tables::arrow::columns(builder.schema()).map_err(|e| invalid(&e))?;
            if columns.is_none() {
                out.begin(&part_columns).map_err(|e| out.error(e))?;
                columns = Some(part_columns.clone());
            }
            let reader = builder.build().map_err(|e| invalid(&e))?;
            for batch in reader {
                let batch = batch.map_err(|e| invalid(&e))?;
                tables::arrow::write_rows(&batch, &part_columns, &mut out)
                    .map_err(|e| out.error(e))?;
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => run::commit(out, &mut MemoryTables::new()),
        Err(e) => {
            out.discard();
            Err(e)
        }
    }
}

/// Concatenates a state file of every part (files without a header) into `dir/name`.
fn concatenate_files(parts: &[PathBuf], file: &str, dir: &Path, name: &str) -> Result<()> {
    let mut out = AtomicFile::create(dir, name)?;
    for part in parts {
        let path = part.join(file);
        let mut input = File::open(&path).map_err(|e| Error::io(&path, e))?;
        std::io::copy(&mut input, out.writer()).map_err(io_error(&path))?;
    }
    out.commit()
}

/// Writes the mentions of every part into `dir/name`, each part's document positions shifted
/// past the documents of the parts before it, as one run numbers them.
fn merge_mentions(parts: &[PathBuf], headers: &[Header], dir: &Path, name: &str) -> Result<()> {
    let out = AtomicFile::create(dir, name)?;
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let mut offset = 0;
    for (part, header) in parts.iter().zip(headers) {
        let path = part.join(MENTIONS);
        let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(BufReader::with_capacity(1 << 20, file));
        for row in reader.deserialize::<Mention>() {
            let mut m = row.map_err(|e| csv_failure(&path, e))?;
            m.doc_index += offset;
            writer
                .serialize(&m)
                .map_err(|e| csv_failure(&dir.join(name), e))?;
        }
        offset += header.counts.documents;
    }
    let out = writer
        .into_inner()
        .map_err(|e| io_error(&dir.join(name))(e.into_error()))?;
    out.commit()
}
