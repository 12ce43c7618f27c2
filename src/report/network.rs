//! The co-occurrence network section and its force-directed (Fruchterman–Reingold) layout.

use std::collections::HashMap;
use std::fmt::Write as _;

use plotters::prelude::*;

use super::sections::chart_error;
use super::*;
use crate::Result;

/// Entities in the co-occurrence network.
const NETWORK_NODES: usize = 40;

/// Iterations of the force-directed layout; enough for 40 nodes to settle.
const LAYOUT_ITERATIONS: usize = 400;

pub(super) fn network(out: &mut String, entities: &Entities, pairs: &Csv) -> Result<()> {
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
