//! The sections of the report: corpus summary, top entities per type, entities over the
//! groups, key entities per group and concordance lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use plotters::prelude::*;

use super::*;
use crate::{Error, Result};

/// Entities per type in the bar charts.
const TOP_PER_TYPE: usize = 20;

/// Entities drawn as lines over the groups.
const TOP_OVER_TIME: usize = 10;

/// Key entities listed per group.
const KEY_PER_GROUP: usize = 8;

/// Entities with concordance lines, and lines per entity.
const CONCORDANCE_ENTITIES: usize = 10;

const CONCORDANCE_LINES: usize = 5;

pub(super) fn summary(
    out: &mut String,
    documents: Option<&Csv>,
    entities: Option<&Entities>,
) -> Result<()> {
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

pub(super) fn chart_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::Invalid(format!("drawing a chart: {e}"))
}

pub(super) fn top_entities(out: &mut String, entities: &Entities) -> Result<()> {
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
pub(super) fn bar_chart(items: &[(&str, u64)]) -> Result<String> {
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

pub(super) fn over_time(out: &mut String, entities: &Entities) -> Result<()> {
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

pub(super) fn key_entities(out: &mut String, keyness: &Csv) -> Result<()> {
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

pub(super) fn concordance(out: &mut String, entities: &Entities, path: &Path) -> Result<()> {
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
