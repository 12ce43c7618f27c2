//! The corpus-wide tables, written once every document is: the entity tables from the spooled
//! mentions, and any table written whole ([`write_table`]).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{commit, MemoryTables, RunOptions, CONCORDANCE_SPOOL, SPOOL};
use crate::acronyms::{AcronymCollector, Resolver};
use crate::canonical::CorpusCanonicalizer;
use crate::tables::cooccurrences::Cooccurrences;
use crate::tables::entities::{self, Mention, TypeVotes};
use crate::tables::frequencies::EntityFrequencies;
use crate::tables::totals::GroupTotals;
use crate::tables::{self, csv_error, RowSink, Table, TableOutput};
use crate::{Error, Result};

/// Reads the spooled mentions once, resolves their corpus-wide canonical names, and writes
/// `entities.csv`, `entity_frequencies.csv` and `cooccurrences.csv`.
pub(crate) fn write_entity_tables(
    options: &RunOptions,
    corpus: CorpusCanonicalizer,
    acronyms: AcronymCollector,
    totals: &GroupTotals,
    memory: &mut MemoryTables,
) -> Result<()> {
    let spool = &options.out.join(SPOOL);
    let names = corpus.finish();
    let acronyms = acronyms.finish(&names);
    let names = Resolver {
        names,
        acronyms,
        aliases: &options.analysis.aliases,
    };
    let wants = |t: Table| options.tables.contains(&t);
    let open = |path: &Path| {
        File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    };
    let read_spool = || -> Result<csv::Reader<BufReader<File>>> {
        Ok(csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(BufReader::new(open(spool)?)))
    };
    // First pass: the type of each canonical entity, by majority over its mentions.
    // First pass: the type of each canonical entity, by majority over its mentions, and the
    // pairs of entities that share a sentence.
    let mut types = TypeVotes::default();
    let mut cooccurrences = Cooccurrences::default();
    for row in read_spool()?.deserialize::<Mention>() {
        let m = row.map_err(|e| csv_error(spool, e))?;
        let canonical = names.resolve(&m.label, &m.canonical);
        types.add(canonical, &m.label, &m.text);
        if wants(Table::Cooccurrences) {
            cooccurrences.add_sentence_mention(m.doc_index, m.sentence, canonical);
        }
    }
    let mut reader = read_spool()?;
    let mut frequencies = EntityFrequencies::default();
    let mut entities_table = match wants(Table::Entities) {
        true => {
            let mut table =
                TableOutput::create(&options.out, Table::Entities, options.output_format)?;
            if let Err(e) = table.begin(&entities::columns()) {
                let error = table.error(e);
                table.discard();
                return Err(error);
            }
            Some(table)
        }
        false => None,
    };
    let mut each_mention = || -> Result<()> {
        for row in reader.deserialize::<Mention>() {
            let m = row.map_err(|e| csv_error(spool, e))?;
            let canonical = names.resolve(&m.label, &m.canonical);
            let label = types.winner(canonical, &m.label);
            if let Some(table) = &mut entities_table {
                entities::write_row(&m, canonical, label, table).map_err(|e| table.error(e))?;
            }
            frequencies.add(&m.group, canonical, label, &m.text, m.doc_index);
            if wants(Table::Cooccurrences) {
                cooccurrences.add_document_mention(m.doc_index, canonical);
            }
        }
        Ok(())
    };
    let written = each_mention();
    if let Some(table) = entities_table {
        match written {
            Ok(()) => commit(table, memory)?,
            Err(e) => {
                table.discard();
                return Err(e);
            }
        }
    }
    written?;
    if wants(Table::EntityFrequencies) {
        write_table(options, Table::EntityFrequencies, memory, |w| {
            frequencies.write(options.group_by.as_deref(), totals, w)
        })?;
    }
    if let (true, Some(field)) = (wants(Table::EntityKeyness), &options.group_by) {
        write_table(options, Table::EntityKeyness, memory, |w| {
            tables::keyness::write(&frequencies, totals, field, w)
        })?;
    }
    if wants(Table::Concordance) {
        let resolve = |label: &str, canonical: &str| {
            let canonical = names.resolve(label, canonical);
            (
                canonical.to_owned(),
                types.winner(canonical, label).to_owned(),
            )
        };
        let spool = options.out.join(CONCORDANCE_SPOOL);
        let keep_fields = &options.read.keep_fields;
        write_table(options, Table::Concordance, memory, |w| {
            tables::concordance::write(&spool, keep_fields, &resolve, w)
        })?;
    }
    if wants(Table::Cooccurrences) {
        let type_of = |name: &str| types.winner(name, "").to_owned();
        write_table(options, Table::Cooccurrences, memory, |w| {
            cooccurrences.write(&type_of, w)
        })?;
    }
    Ok(())
}

/// Writes one aggregate table atomically, in the run's output format.
pub(crate) fn write_table(
    options: &RunOptions,
    table: Table,
    memory: &mut MemoryTables,
    write: impl FnOnce(&mut TableOutput) -> std::io::Result<()>,
) -> Result<()> {
    let mut output = TableOutput::create(&options.out, table, options.output_format)?;
    if let Err(e) = write(&mut output) {
        let error = output.error(e);
        output.discard();
        return Err(error);
    }
    commit(output, memory)
}
