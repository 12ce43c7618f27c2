//! The header of a partial result (`partial.json`): the settings that make parts comparable,
//! the run's counts and groups, read and written, and the check that parts agree.

use super::*;

/// What makes two runs' tables comparable: the elpipe and model versions and every option
/// that changes a table. Parts are merged only when their settings are equal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub elpipe_version: String,
    /// SHA-256 of the tagger model; `None` when nothing was tagged (`--no-tagging`).
    pub model_sha256: Option<String>,
    /// SHA-256 of the `--stopwords` file; `None` for the shipped list.
    pub stopwords_sha256: Option<String>,
    /// SHA-256 of the `--aliases` file; `None` without aliases.
    pub aliases_sha256: Option<String>,
    pub format: String,
    pub text_field: String,
    pub id_field: String,
    pub keep_fields: Vec<String>,
    /// The `--encoding`; `None` for UTF-8.
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub max_record_size: u64,
    pub tables: Vec<String>,
    pub group_by: Option<String>,
    pub keep_duplicate_lines: bool,
    pub period: Option<String>,
    pub context: usize,
}

/// The run's counts, summed by a merge (`duplicate_ids` is recounted).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub documents: u64,
    pub skipped: u64,
    pub errors: u64,
    pub tokens: u64,
    pub entities: u64,
    pub bytes: u64,
    pub stem_fallbacks: u64,
    pub duplicate_ids: u64,
}

impl Counts {
    /// The counts of a run's summary.
    pub fn of(summary: &RunSummary) -> Counts {
        Counts {
            documents: summary.documents as u64,
            skipped: summary.skipped as u64,
            errors: summary.errors as u64,
            tokens: summary.tokens as u64,
            entities: summary.entities as u64,
            bytes: summary.bytes as u64,
            stem_fallbacks: summary.stem_fallbacks as u64,
            duplicate_ids: summary.duplicate_ids as u64,
        }
    }

    /// A run summary with these counts (no time, no stale tables removed).
    pub fn summary(&self) -> RunSummary {
        RunSummary {
            documents: self.documents as usize,
            skipped: self.skipped as usize,
            errors: self.errors as usize,
            tokens: self.tokens as usize,
            entities: self.entities as usize,
            bytes: self.bytes as usize,
            seconds: 0.0,
            stem_fallbacks: self.stem_fallbacks as usize,
            duplicate_ids: self.duplicate_ids as usize,
            stale_removed: Vec::new(),
            messages_not_shown: 0,
        }
    }
}

/// Documents and word tokens of one `--group-by` group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub group: String,
    pub documents: u64,
    pub words: u64,
}

impl GroupRow {
    /// The rows of every group of `totals`, sorted by group.
    pub(super) fn sorted(totals: &GroupTotals) -> Vec<GroupRow> {
        let mut groups: Vec<GroupRow> = (totals.groups())
            .map(|(group, t)| GroupRow {
                group: group.to_owned(),
                documents: t.documents,
                words: t.words,
            })
            .collect();
        groups.sort_by(|a, b| a.group.cmp(&b.group));
        groups
    }
}

/// `partial.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
    pub settings: Settings,
    /// `csv`, `parquet` or `both`: the files of the per-document tables.
    pub output_format: String,
    /// The model as `run.json` names it (path and SHA-256).
    pub model: serde_json::Value,
    /// The `--stopwords` and `--aliases` paths as given, for `run.json`.
    pub stopwords: Option<String>,
    pub aliases: Option<String>,
    /// The inputs, as `run.json` describes them, in order.
    pub inputs: Vec<serde_json::Value>,
    pub counts: Counts,
    /// Sorted by group.
    pub groups: Vec<GroupRow>,
    pub undated_documents: u64,
    pub undated_example: Option<String>,
}

pub(super) fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Csv => "csv",
        OutputFormat::Parquet => "parquet",
        OutputFormat::Both => "both",
        OutputFormat::Memory => "memory",
    }
}

pub(super) fn parse_format(name: &str) -> Result<OutputFormat> {
    match name {
        "csv" => Ok(OutputFormat::Csv),
        "parquet" => Ok(OutputFormat::Parquet),
        "both" => Ok(OutputFormat::Both),
        _ => Err(Error::Invalid(format!("unknown output format `{name}`"))),
    }
}

/// The input format of a header's settings (as `run.json` writes it).
pub(super) fn parse_read_format(name: &str) -> Result<read::Format> {
    use read::Format;
    [
        Format::Auto,
        Format::Txt,
        Format::Jsonl,
        Format::Csv,
        Format::Conll,
    ]
    .into_iter()
    .find(|f| format!("{f:?}").to_lowercase() == name)
    .ok_or_else(|| Error::Invalid(format!("unknown input format `{name}`")))
}

/// SHA-256 of a file given by an option, hex.
fn file_sha256(path: &Path) -> Result<String> {
    Ok(run::ModelRecord::of_file(path)?.sha256)
}

/// The settings of a run.
pub(super) fn settings_of(options: &RunOptions) -> Result<Settings> {
    let read = &options.read;
    let provenance = &options.provenance;
    Ok(Settings {
        elpipe_version: env!("CARGO_PKG_VERSION").to_owned(),
        model_sha256: provenance.model.as_ref().map(|m| m.sha256.clone()),
        stopwords_sha256: provenance
            .stopwords
            .as_deref()
            .map(file_sha256)
            .transpose()?,
        aliases_sha256: provenance.aliases.as_deref().map(file_sha256).transpose()?,
        format: format!("{:?}", read.format).to_lowercase(),
        text_field: read.text_field.clone(),
        id_field: read.id_field.clone(),
        keep_fields: read.keep_fields.clone(),
        encoding: read.encoding.map(|e| e.name().to_owned()),
        delimiter: read.delimiter.map(|d| (d as char).to_string()),
        max_record_size: read.max_record_size,
        tables: options.tables.iter().map(|t| t.name().to_owned()).collect(),
        group_by: options.group_by.clone(),
        keep_duplicate_lines: options.keep_duplicate_lines,
        period: options.analysis.period.map(|p| p.name().to_owned()),
        context: options.analysis.context,
    })
}

pub(super) fn write_header(dir: &Path, header: &Header) -> Result<()> {
    let mut file = AtomicFile::create(dir, HEADER)?;
    let text = serde_json::to_string_pretty(header)
        .map_err(|e| Error::Invalid(format!("cannot write {HEADER}: {e}")))?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.commit()
}

/// Reads the header of a partial result.
pub fn read_header(part: &Path) -> Result<Header> {
    let path = part.join(HEADER);
    if !path.is_file() {
        return Err(Error::Invalid(format!(
            "{}: not a partial result of elpipe (no {HEADER}; make one with \
             `elpipe run ... --partial`)",
            part.display()
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(io_error(&path))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    if value["format"] != FORMAT {
        return Err(Error::Invalid(format!(
            "{}: not a partial result of elpipe (format {})",
            path.display(),
            value["format"]
        )));
    }
    let version = value["format_version"].as_u64().unwrap_or(0);
    if version != u64::from(FORMAT_VERSION) {
        return Err(Error::Invalid(format!(
            "{}: partial format version {version}, this elpipe ({}) reads version {FORMAT_VERSION}",
            path.display(),
            env!("CARGO_PKG_VERSION")
        )));
    }
    serde_json::from_value(value).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))
}

/// The first setting in which `b` differs from `a`, as an error naming both parts.
pub(super) fn check_same_settings(a: (&Path, &Settings), b: (&Path, &Settings)) -> Result<()> {
    if a.1 == b.1 {
        return Ok(());
    }
    let (va, vb) = (
        serde_json::to_value(a.1).unwrap_or_default(),
        serde_json::to_value(b.1).unwrap_or_default(),
    );
    let (Some(ma), Some(mb)) = (va.as_object(), vb.as_object()) else {
        return Err(Error::Invalid(
            "partial results with different settings".into(),
        ));
    };
    let name = |key: &str| match key {
        "elpipe_version" => "the elpipe version".to_owned(),
        "model_sha256" => "the model (SHA-256)".to_owned(),
        "stopwords_sha256" => "the stopword list (--stopwords, SHA-256)".to_owned(),
        "aliases_sha256" => "the aliases file (--aliases, SHA-256)".to_owned(),
        other => format!("--{}", other.replace('_', "-")),
    };
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "none".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    for (key, value) in ma {
        if mb.get(key) != Some(value) {
            return Err(Error::Invalid(format!(
                "cannot merge partial results made differently: {} is {} in {} but {} in {}",
                name(key),
                show(Some(value)),
                a.0.display(),
                show(mb.get(key)),
                b.0.display()
            )));
        }
    }
    Err(Error::Invalid(
        "partial results with different settings".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_differences_are_named() {
        let settings = Settings {
            elpipe_version: "0.1.0".into(),
            model_sha256: Some("aa".into()),
            stopwords_sha256: None,
            aliases_sha256: None,
            format: "auto".into(),
            text_field: "text".into(),
            id_field: "id".into(),
            keep_fields: vec!["date".into()],
            encoding: None,
            delimiter: None,
            max_record_size: 1,
            tables: vec!["documents".into()],
            group_by: Some("date".into()),
            keep_duplicate_lines: false,
            period: None,
            context: 60,
        };
        let (a, b) = (Path::new("p1"), Path::new("p2"));
        assert!(check_same_settings((a, &settings), (b, &settings)).is_ok());
        let other = Settings {
            period: Some("month".into()),
            ..settings.clone()
        };
        let error = check_same_settings((a, &settings), (b, &other)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot merge partial results made differently: --period is none in p1 but month in p2"
        );
        let other = Settings {
            elpipe_version: "0.2.0".into(),
            ..settings.clone()
        };
        let error = check_same_settings((a, &settings), (b, &other)).unwrap_err();
        assert!(error
            .to_string()
            .contains("the elpipe version is 0.1.0 in p1 but 0.2.0 in p2"));
    }
}
