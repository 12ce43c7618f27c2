//! `report.html`: one self-contained page drawn from the tables of an output folder, to look
//! at a corpus before reading its tables.
//!
//! Sections, each present when its tables are: the corpus summary (`documents.csv`), the top
//! 20 entities per type (`entity_frequencies.csv`), with a grouped table the top 10 entities
//! over the groups as lines of mentions per million words, each group's key entities
//! (`entity_keyness.csv`), a co-occurrence network of the top 40 entities
//! (`cooccurrences.csv`: node area grows with mentions, edge width with shared sentences,
//! Fruchterman–Reingold layout), and five concordance lines per top entity
//! (`concordance.csv`). Charts are inline SVG drawn with plotters; the style sheet is inline;
//! nothing is fetched from the network and no script runs.

mod network;
mod sections;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

use network::network;
use sections::{concordance, key_entities, over_time, summary, top_entities};

/// File name of the report inside the output folder.
pub const FILE_NAME: &str = "report.html";

/// Type names as a Greek reader sees them.
fn type_name(label: &str) -> &str {
    match label {
        "PERSON" => "Πρόσωπα (PERSON)",
        "ORG" => "Οργανισμοί (ORG)",
        "LOC" => "Τόποι (LOC)",
        "MISC" => "Άλλα (MISC)",
        other => other,
    }
}

/// A CSV table read whole: its header and rows.
struct Csv {
    header: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

impl Csv {
    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

fn read_csv(path: &Path) -> Result<Option<Csv>> {
    if !path.exists() {
        return Ok(None);
    }
    let fail = |e: csv::Error| Error::Invalid(format!("{}: {e}", path.display()));
    let mut reader = csv::Reader::from_path(path).map_err(fail)?;
    let header = reader
        .headers()
        .map_err(fail)?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .collect::<std::result::Result<_, _>>()
        .map_err(fail)?;
    Ok(Some(Csv { header, rows }))
}

/// Reads a column as a number, naming the file and row when it is not one.
fn number(row: &csv::StringRecord, column: usize, table: &str) -> Result<f64> {
    let value = row.get(column).unwrap_or("");
    if value.is_empty() {
        return Ok(0.0);
    }
    value.parse().map_err(|_| {
        Error::Invalid(format!(
            "{table}: `{value}` is not a number (row {})",
            row.position().map_or(0, |p| p.line())
        ))
    })
}

fn missing(table: &str, column: &str) -> Error {
    Error::Invalid(format!("{table}: no column `{column}`"))
}

/// Writes `DIR/report.html` from the tables in `dir` and returns its path.
///
/// # Errors
/// [`Error::Invalid`] when `dir` holds neither `documents.csv` nor `entity_frequencies.csv`,
/// or a table is malformed; [`Error::Io`] when the report cannot be written.
pub fn write(dir: &Path) -> Result<PathBuf> {
    let html = render(dir)?;
    let path = dir.join(FILE_NAME);
    let temp = crate::tables::temp_path(dir, FILE_NAME);
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    std::fs::write(&temp, html).map_err(io)?;
    std::fs::rename(&temp, &path).map_err(io)?;
    Ok(path)
}

/// The report's HTML.
pub fn render(dir: &Path) -> Result<String> {
    let documents = read_csv(&dir.join("documents.csv"))?;
    let frequencies = read_csv(&dir.join("entity_frequencies.csv"))?;
    if documents.is_none() && frequencies.is_none() {
        return Err(Error::Invalid(format!(
            "{}: neither documents.csv nor entity_frequencies.csv is there (run `elpipe run ... --out {}` first)",
            dir.display(),
            dir.display()
        )));
    }
    let mut body = String::new();
    let entities = match &frequencies {
        Some(f) => Some(Entities::from_table(f)?),
        None => None,
    };
    summary(&mut body, documents.as_ref(), entities.as_ref())?;
    if let Some(entities) = &entities {
        top_entities(&mut body, entities)?;
        if entities.grouped() {
            over_time(&mut body, entities)?;
        }
    }
    if let Some(keyness) = read_csv(&dir.join("entity_keyness.csv"))? {
        key_entities(&mut body, &keyness)?;
    }
    if let (Some(entities), Some(pairs)) = (&entities, read_csv(&dir.join("cooccurrences.csv"))?) {
        network(&mut body, entities, &pairs)?;
    }
    if let Some(entities) = &entities {
        let path = dir.join("concordance.csv");
        if path.exists() {
            concordance(&mut body, entities, &path)?;
        }
    }
    Ok(page(&body))
}

fn page(body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="el">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>elpipe — αναφορά σώματος κειμένων</title>
<style>
body {{ font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; background: #fff; }}
h1 {{ font-size: 1.6em; }} h2 {{ border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }}
table {{ border-collapse: collapse; margin: .5em 0 1em; }}
td, th {{ padding: .25em .6em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
.kwic td.left {{ text-align: right; color: #555; }} .kwic td.right {{ color: #555; }}
.kwic td.mention {{ font-weight: bold; white-space: nowrap; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1em; }}
figure {{ margin: 0; }} figcaption {{ font-weight: bold; margin: .3em 0; }}
svg {{ max-width: 100%; height: auto; }}
.note {{ color: #666; font-size: .9em; }}
</style>
</head>
<body>
<h1>elpipe — αναφορά σώματος κειμένων</h1>
{body}
<p class="note">Δημιουργήθηκε από το elpipe {version} με τους πίνακες του φακέλου.</p>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION")
    )
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `entity_frequencies.csv` summed over groups, with the per-group rates kept.
struct Entities {
    group_field: Option<String>,
    /// (canonical, type) → mentions over the corpus.
    totals: HashMap<(String, String), u64>,
    /// group → (canonical, type) → mentions per million words of the group.
    rates: BTreeMap<String, HashMap<(String, String), f64>>,
}

impl Entities {
    fn from_table(f: &Csv) -> Result<Entities> {
        const TABLE: &str = "entity_frequencies.csv";
        let canonical = f
            .column("canonical")
            .ok_or_else(|| missing(TABLE, "canonical"))?;
        let label = f.column("type").ok_or_else(|| missing(TABLE, "type"))?;
        let mentions = f
            .column("mentions")
            .ok_or_else(|| missing(TABLE, "mentions"))?;
        let rate = f.column("per_million_words");
        let group_field = (canonical > 0).then(|| f.header[0].clone());
        let mut totals = HashMap::new();
        let mut rates: BTreeMap<String, HashMap<(String, String), f64>> = BTreeMap::new();
        for row in &f.rows {
            let key = (row[canonical].to_owned(), row[label].to_owned());
            *totals.entry(key.clone()).or_default() += number(row, mentions, TABLE)? as u64;
            if let (Some(_), Some(rate)) = (&group_field, rate) {
                let group = row[0].to_owned();
                rates
                    .entry(group)
                    .or_default()
                    .insert(key, number(row, rate, TABLE)?);
            }
        }
        Ok(Entities {
            group_field,
            totals,
            rates,
        })
    }

    /// Whether the table has at least two groups with a value to draw over.
    fn grouped(&self) -> bool {
        self.group_field.is_some() && self.rates.keys().filter(|g| !g.is_empty()).count() > 1
    }

    /// Entities by mentions, descending, ties by name.
    fn ranked(&self) -> Vec<(&(String, String), u64)> {
        let mut all: Vec<_> = self.totals.iter().map(|(k, &n)| (k, n)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::network::layout;
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">Ο & Η</a>"),
            "&lt;a href=&quot;x&quot;&gt;Ο &amp; Η&lt;/a&gt;"
        );
    }

    #[test]
    fn layout_separates_nodes_and_keeps_them_on_the_page() {
        let edges = [(0, 1, 3.0), (1, 2, 1.0), (3, 4, 1.0)];
        let pos = layout(6, &edges);
        assert_eq!(pos.len(), 6);
        for p in &pos {
            assert!(
                p.0.abs() <= 1.0 + 1e-9 && p.1.abs() <= 1.0 + 1e-9,
                "{pos:?}"
            );
        }
        let d = |i: usize, j: usize| {
            ((pos[i].0 - pos[j].0).powi(2) + (pos[i].1 - pos[j].1).powi(2)).sqrt()
        };
        for i in 0..6 {
            for j in (i + 1)..6 {
                assert!(d(i, j) > 0.05, "{i} {j} overlap: {pos:?}");
            }
        }
        // connected nodes end closer than the unconnected node 5 is to node 0's partner
        assert!(d(0, 1) < d(1, 5), "{pos:?}");
        assert_eq!(layout(6, &edges), pos, "deterministic");
    }
}
