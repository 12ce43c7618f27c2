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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plotters::prelude::*;

use crate::{Error, Result};

/// Entities per type in the bar charts.
const TOP_PER_TYPE: usize = 20;
/// Entities drawn as lines over the groups.
const TOP_OVER_TIME: usize = 10;
/// Key entities listed per group.
const KEY_PER_GROUP: usize = 8;
/// Entities in the co-occurrence network.
const NETWORK_NODES: usize = 40;
/// Entities with concordance lines, and lines per entity.
const CONCORDANCE_ENTITIES: usize = 10;
const CONCORDANCE_LINES: usize = 5;
/// Iterations of the force-directed layout; enough for 40 nodes to settle.
const LAYOUT_ITERATIONS: usize = 400;

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

fn summary(out: &mut String, documents: Option<&Csv>, entities: Option<&Entities>) -> Result<()> {
    out.push_str("<section id=\"summary\">\n<h2>Σύνοψη</h2>\n<table>\n");
    if let Some(d) = documents {
        const TABLE: &str = "documents.csv";
        let mut by_status: BTreeMap<&str, u64> = BTreeMap::new();
        let mut by_lang: BTreeMap<&str, u64> = BTreeMap::new();
        let (mut tokens, mut mentions) = (0.0, 0.0);
        let status = d.column("status").ok_or_else(|| missing(TABLE, "status"))?;
        let lang = d.column("lang").ok_or_else(|| missing(TABLE, "lang"))?;
        for row in &d.rows {
            *by_status.entry(row.get(status).unwrap_or("")).or_default() += 1;
            *by_lang.entry(row.get(lang).unwrap_or("")).or_default() += 1;
            if let Some(i) = d.column("tokens") {
                tokens += number(row, i, TABLE)?;
            }
            if let Some(i) = d.column("entities") {
                mentions += number(row, i, TABLE)?;
            }
        }
        let list = |counts: &BTreeMap<&str, u64>| {
            counts
                .iter()
                .map(|(k, n)| {
                    let k = if k.is_empty() { "—" } else { k };
                    format!("{} {n}", escape(k))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "<tr><th>Έγγραφα</th><td class=\"n\">{}</td><td>κατάσταση: {}</td></tr>\n\
             <tr><th>Γλώσσα</th><td></td><td>{}</td></tr>\n\
             <tr><th>Λεκτικές μονάδες (tokens)</th><td class=\"n\">{tokens}</td><td></td></tr>\n\
             <tr><th>Αναφορές οντοτήτων</th><td class=\"n\">{mentions}</td><td></td></tr>",
            d.rows.len(),
            list(&by_status),
            list(&by_lang),
        );
    }
    if let Some(e) = entities {
        let mut by_type: BTreeMap<&str, u64> = BTreeMap::new();
        for (_, label) in e.totals.keys() {
            *by_type.entry(label).or_default() += 1;
        }
        let types = by_type
            .iter()
            .map(|(t, n)| format!("{} {n}", escape(t)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "<tr><th>Διακριτές οντότητες</th><td class=\"n\">{}</td><td>{types}</td></tr>",
            e.totals.len()
        );
        if let Some(field) = &e.group_field {
            let groups: Vec<String> = e
                .rates
                .keys()
                .map(|g| {
                    if g.is_empty() {
                        "—".into()
                    } else {
                        escape(g)
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "<tr><th>Ομάδες ({})</th><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(field),
                groups.len(),
                groups.join(", ")
            );
        }
    }
    out.push_str("</table>\n</section>\n");
    Ok(())
}

fn chart_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::Invalid(format!("drawing a chart: {e}"))
}

fn top_entities(out: &mut String, entities: &Entities) -> Result<()> {
    out.push_str("<section id=\"top-entities\">\n<h2>Συχνότερες οντότητες ανά τύπο</h2>\n<div class=\"charts\">\n");
    let ranked = entities.ranked();
    let types: BTreeSet<&str> = ranked.iter().map(|(k, _)| k.1.as_str()).collect();
    for label in types {
        let top: Vec<(&str, u64)> = ranked
            .iter()
            .filter(|(k, _)| k.1 == label)
            .take(TOP_PER_TYPE)
            .map(|(k, n)| (k.0.as_str(), *n))
            .collect();
        let svg = bar_chart(&top)?;
        let _ = writeln!(
            out,
            "<figure><figcaption>{}</figcaption>{svg}</figure>",
            escape(type_name(label))
        );
    }
    out.push_str("</div>\n</section>\n");
    Ok(())
}

/// A horizontal bar chart of mentions, the first item on top.
fn bar_chart(items: &[(&str, u64)]) -> Result<String> {
    let n = items.len().max(1);
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let mut svg = String::new();
    {
        let height = 22 * n as u32 + 70;
        let root = SVGBackend::with_string(&mut svg, (520, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(28)
            .y_label_area_size(220)
            .build_cartesian_2d(0u64..max + max / 8 + 1, (0..n).into_segmented())
            .map_err(chart_error)?;
        let names: Vec<String> = items.iter().map(|i| i.0.to_owned()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                    names.get(n - 1 - *i).cloned().unwrap_or_default()
                }
                SegmentValue::Last => String::new(),
            })
            .x_desc("αναφορές")
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(chart_error)?;
        // one series per bar: a histogram over many bars keeps them in a hash map, whose
        // order would make the SVG differ from run to run
        for (i, &(_, v)) in items.iter().enumerate() {
            chart
                .draw_series(
                    Histogram::horizontal(&chart)
                        .style(RGBColor(52, 101, 164).filled())
                        .margin(3)
                        .data(std::iter::once((n - 1 - i, v))),
                )
                .map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

fn over_time(out: &mut String, entities: &Entities) -> Result<()> {
    let field = entities.group_field.as_deref().unwrap_or("");
    let _ = writeln!(
        out,
        "<section id=\"over-time\">\n<h2>Οι {TOP_OVER_TIME} συχνότερες οντότητες ανά {}</h2>\n\
         <p class=\"note\">Αναφορές ανά εκατομμύριο λέξεις κάθε ομάδας.</p>",
        escape(field)
    );
    // documents without a value (no readable date) are not a point in time
    let groups: Vec<&String> = entities.rates.keys().filter(|g| !g.is_empty()).collect();
    let top: Vec<&(String, String)> = entities
        .ranked()
        .into_iter()
        .take(TOP_OVER_TIME)
        .map(|(k, _)| k)
        .collect();
    let series: Vec<Vec<f64>> = top
        .iter()
        .map(|key| {
            groups
                .iter()
                .map(|g| entities.rates[*g].get(*key).copied().unwrap_or(0.0))
                .collect()
        })
        .collect();
    let max = series
        .iter()
        .flatten()
        .copied()
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 460)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let last = groups.len().saturating_sub(1).max(1) as i32;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(40)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0..last, 0.0..max * 1.1)
            .map_err(chart_error)?;
        let labels: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        chart
            .configure_mesh()
            .x_labels(groups.len().min(16))
            .x_label_formatter(&|i| {
                labels
                    .get(usize::try_from(*i).unwrap_or(usize::MAX))
                    .map(|g| {
                        if g.is_empty() {
                            "—".into()
                        } else {
                            g.clone()
                        }
                    })
                    .unwrap_or_default()
            })
            .y_desc("ανά εκατ. λέξεις")
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(chart_error)?;
        for (i, (key, values)) in top.iter().zip(&series).enumerate() {
            let color = Palette99::pick(i).to_rgba();
            chart
                .draw_series(LineSeries::new(
                    values.iter().enumerate().map(|(x, &y)| (x as i32, y)),
                    color.stroke_width(2),
                ))
                .map_err(chart_error)?
                .label(key.0.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 13))
            .draw()
            .map_err(chart_error)?;
        root.present().map_err(chart_error)?;
    }
    let _ = writeln!(out, "<figure>{svg}</figure>\n</section>");
    Ok(())
}

fn key_entities(out: &mut String, keyness: &Csv) -> Result<()> {
    const TABLE: &str = "entity_keyness.csv";
    let canonical = keyness
        .column("canonical")
        .ok_or_else(|| missing(TABLE, "canonical"))?;
    let label = keyness
        .column("type")
        .ok_or_else(|| missing(TABLE, "type"))?;
    let mentions = keyness
        .column("mentions")
        .ok_or_else(|| missing(TABLE, "mentions"))?;
    let g2 = keyness
        .column("log_likelihood")
        .ok_or_else(|| missing(TABLE, "log_likelihood"))?;
    let ratio = keyness
        .column("log_ratio")
        .ok_or_else(|| missing(TABLE, "log_ratio"))?;
    let _ = writeln!(
        out,
        "<section id=\"keyness\">\n<h2>Οντότητες-κλειδιά ανά {}</h2>\n\
         <p class=\"note\">Οι οντότητες που συχνότερα από το αναμενόμενο εμφανίζονται σε κάθε ομάδα \
         σε σχέση με τις υπόλοιπες: λογαριθμική πιθανοφάνεια G2 (≥ 3,84: p &lt; 0,05) και log ratio \
         (+1 = διπλάσια σχετική συχνότητα).</p>",
        escape(&keyness.header[0])
    );
    let mut groups: BTreeMap<&str, Vec<&csv::StringRecord>> = BTreeMap::new();
    for row in &keyness.rows {
        let list = groups.entry(row.get(0).unwrap_or("")).or_default();
        if list.len() < KEY_PER_GROUP && number(row, g2, TABLE)? > 0.0 {
            list.push(row);
        }
    }
    out.push_str("<div class=\"charts\">\n");
    for (group, rows) in groups {
        let group = if group.is_empty() { "—" } else { group };
        let _ = writeln!(
            out,
            "<table><caption>{}</caption><tr><th>οντότητα</th><th>τύπος</th><th>αναφορές</th><th>G2</th><th>log ratio</th></tr>",
            escape(group)
        );
        for row in rows {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td></tr>",
                escape(&row[canonical]),
                escape(&row[label]),
                escape(&row[mentions]),
                number(row, g2, TABLE)?,
                escape(&row[ratio]),
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</div>\n</section>\n");
    Ok(())
}

fn network(out: &mut String, entities: &Entities, pairs: &Csv) -> Result<()> {
    const TABLE: &str = "cooccurrences.csv";
    let column = |name: &str| pairs.column(name).ok_or_else(|| missing(TABLE, name));
    let (a, type_a, b, type_b, sentences) = (
        column("entity_a")?,
        column("type_a")?,
        column("entity_b")?,
        column("type_b")?,
        column("sentences")?,
    );
    let nodes: Vec<(&(String, String), u64)> =
        entities.ranked().into_iter().take(NETWORK_NODES).collect();
    let index: HashMap<(&str, &str), usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, (k, _))| ((k.0.as_str(), k.1.as_str()), i))
        .collect();
    let mut edges = Vec::new();
    for row in &pairs.rows {
        let (Some(&i), Some(&j)) = (
            index.get(&(&row[a], &row[type_a])),
            index.get(&(&row[b], &row[type_b])),
        ) else {
            continue;
        };
        edges.push((i, j, number(row, sentences, TABLE)?));
    }
    let positions = layout(nodes.len(), &edges);
    let max_mentions = nodes.iter().map(|n| n.1).max().unwrap_or(1).max(1) as f64;
    let max_weight = edges.iter().map(|e| e.2).fold(1.0_f64, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 760)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(40)
            .build_cartesian_2d(-1.05..1.05, -1.05..1.05)
            .map_err(chart_error)?;
        let color = |label: &str| match label {
            "PERSON" => RGBColor(204, 0, 0),
            "ORG" => RGBColor(52, 101, 164),
            "LOC" => RGBColor(78, 154, 6),
            _ => RGBColor(117, 80, 123),
        };
        for &(i, j, w) in &edges {
            let width = 1 + (5.0 * w / max_weight).round() as u32;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![positions[i], positions[j]],
                    RGBColor(136, 138, 133).mix(0.45).stroke_width(width),
                )))
                .map_err(chart_error)?;
        }
        for (i, ((name, label), mentions)) in nodes.iter().enumerate() {
            let radius = 4 + (18.0 * (*mentions as f64 / max_mentions).sqrt()).round() as i32;
            let c = color(label);
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(positions[i])
                        + Circle::new((0, 0), radius, c.mix(0.8).filled())
                        + Text::new(
                            name.clone(),
                            (radius + 2, -6),
                            ("sans-serif", 13).into_font().color(&BLACK),
                        ),
                ))
                .map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    let _ = writeln!(
        out,
        "<section id=\"network\">\n<h2>Δίκτυο συνεμφανίσεων</h2>\n\
         <p class=\"note\">Οι {} συχνότερες οντότητες· το μέγεθος του κόμβου δείχνει τις αναφορές, \
         το πάχος της ακμής τις προτάσεις όπου εμφανίζονται μαζί. Χρώματα: κόκκινο πρόσωπα, μπλε \
         οργανισμοί, πράσινο τόποι, μωβ άλλα.</p>\n<figure>{svg}</figure>\n</section>",
        nodes.len()
    );
    Ok(())
}

/// Fruchterman & Reingold (1991), "Graph drawing by force-directed placement": nodes repel
/// with k²/d, edges attract with d²/k (here times the edge's weight relative to the heaviest,
/// at least a third), displacement capped by a temperature cooling linearly. Deterministic:
/// nodes start on a circle in rank order. Positions come back scaled into [-1, 1].
pub fn layout(n: usize, edges: &[(usize, usize, f64)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let angle = i as f64 * std::f64::consts::TAU / n as f64;
            (angle.cos(), angle.sin())
        })
        .collect();
    let k = (4.0 / n as f64).sqrt();
    let max_weight = edges.iter().map(|e| e.2).fold(1.0_f64, f64::max);
    for iteration in 0..LAYOUT_ITERATIONS {
        let temperature = 0.1 * (1.0 - iteration as f64 / LAYOUT_ITERATIONS as f64) + 0.002;
        let mut disp = vec![(0.0, 0.0); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-3);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(i, j, w) in edges {
            if i == j {
                continue;
            }
            let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-3);
            let f = d * d / k * (w / max_weight).max(1.0 / 3.0);
            disp[i].0 -= dx / d * f;
            disp[i].1 -= dy / d * f;
            disp[j].0 += dx / d * f;
            disp[j].1 += dy / d * f;
        }
        for i in 0..n {
            // a weak pull to the centre keeps unconnected nodes on the page
            disp[i].0 -= pos[i].0 * k;
            disp[i].1 -= pos[i].1 * k;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if len > 0.0 {
                let step = len.min(temperature);
                pos[i].0 += disp[i].0 / len * step;
                pos[i].1 += disp[i].1 / len * step;
            }
        }
    }
    let extent = pos
        .iter()
        .map(|p| p.0.abs().max(p.1.abs()))
        .fold(1e-9, f64::max);
    pos.iter().map(|p| (p.0 / extent, p.1 / extent)).collect()
}

fn concordance(out: &mut String, entities: &Entities, path: &Path) -> Result<()> {
    let fail = |e: csv::Error| Error::Invalid(format!("{}: {e}", path.display()));
    let top: Vec<&(String, String)> = entities
        .ranked()
        .into_iter()
        .take(CONCORDANCE_ENTITIES)
        .map(|(k, _)| k)
        .collect();
    let mut lines: HashMap<&(String, String), Vec<[String; 4]>> = HashMap::new();
    let mut reader = csv::Reader::from_path(path).map_err(fail)?;
    let header = reader.headers().map_err(fail)?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| missing("concordance.csv", name))
    };
    let (canonical, label, doc, left, mention, right) = (
        column("canonical")?,
        column("type")?,
        column("doc_id")?,
        column("left")?,
        column("mention")?,
        column("right")?,
    );
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(fail)? {
        let key = (record[canonical].to_owned(), record[label].to_owned());
        let Some(entity) = top.iter().find(|k| ***k == key) else {
            continue;
        };
        let list = lines.entry(entity).or_default();
        if list.len() < CONCORDANCE_LINES {
            list.push([
                record[doc].to_owned(),
                record[left].to_owned(),
                record[mention].to_owned(),
                record[right].to_owned(),
            ]);
        }
    }
    out.push_str("<section id=\"concordance\">\n<h2>Συμφραζόμενα</h2>\n");
    for entity in top {
        let Some(list) = lines.get(entity) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<h3>{} <span class=\"note\">{}</span></h3>\n<table class=\"kwic\">",
            escape(&entity.0),
            escape(&entity.1)
        );
        for [doc, left, mention, right] in list {
            let _ = writeln!(
                out,
                "<tr><td class=\"note\">{}</td><td class=\"left\">{}</td><td class=\"mention\">{}</td><td class=\"right\">{}</td></tr>",
                escape(doc),
                escape(left),
                escape(mention),
                escape(right)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
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
