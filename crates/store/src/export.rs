//! Exports of merged events: JSON Lines (the [`MergedEvent`] shape), CSV
//! with ACLED's column names, and GeoJSON.
//!
//! CSV columns, in order: the ACLED ones [`ACLED_COLUMNS`] then marsad's
//! own `event_id`, `outlets`, `articles`. Values follow ACLED's
//! conventions: event and sub-event types as ACLED labels
//! (`data/store/acled_labels.tsv`), the country's English name, actors'
//! English names from the actor lexicon (else the text as written),
//! `geo_precision` 1 (town or finer), 2 (district) or 3 (province,
//! country, region), `source` the outlets separated by `; `, `fatalities`
//! the conservative (lowest) killed count, 0 when none is reported.

use crate::merge::MergedEvent;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::sync::OnceLock;

/// The ACLED columns, in ACLED's names and order.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// Columns marsad adds after the ACLED ones.
pub const EXTRA_COLUMNS: &[&str] = &["event_id", "outlets", "articles"];

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Geojson,
}

fn labels() -> &'static HashMap<&'static str, &'static str> {
    static L: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    L.get_or_init(|| {
        include_str!("../../../data/store/acled_labels.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// The ACLED label of a snake_case type (unknown names: underscores to
/// spaces, first letter capitalised).
pub fn acled_label(name: &str) -> String {
    if let Some(l) = labels().get(name) {
        return l.to_string();
    }
    let s = name.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn country_name(code: &str) -> String {
    static C: OnceLock<HashMap<String, String>> = OnceLock::new();
    C.get_or_init(|| {
        marsad_geo::Gazetteer::embedded()
            .entries()
            .filter(|e| e.kind().as_str() == "country")
            .map(|e| (e.country().to_string(), e.name_en().to_string()))
            .collect()
    })
    .get(code)
    .cloned()
    .unwrap_or_else(|| code.to_string())
}

fn actor_name(a: Option<&marsad_record::Actor>) -> String {
    let Some(a) = a else { return String::new() };
    a.id.as_deref()
        .and_then(|id| marsad_lexicon::ActorLexicon::embedded().get(id))
        .map(|x| x.name_en.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| a.text.clone())
}

/// ACLED's geo_precision of a place precision.
pub fn geo_precision(p: &str) -> u8 {
    match p {
        "neighbourhood" | "city" => 1,
        "admin2" => 2,
        _ => 3,
    }
}

/// One event as ACLED columns then [`EXTRA_COLUMNS`], as strings.
pub fn acled_row(m: &MergedEvent) -> Vec<String> {
    let place = m.location.as_ref().and_then(|l| l.place.as_ref());
    let opt = |v: Option<String>| v.unwrap_or_default();
    let num = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
    let outlets: BTreeSet<&str> = m.sources.iter().filter_map(|s| s.outlet.as_deref()).collect();
    let killed = m
        .fatalities
        .as_ref()
        .and_then(|f| f.killed.as_ref())
        .and_then(|k| k.min)
        .unwrap_or(0);
    let notes = {
        let title = m.sources.first().map(|s| s.title.as_str()).unwrap_or("");
        let mut n = title.to_string();
        if let Some(t) = m.date.as_ref().map(|d| d.text.as_str()).filter(|t| !t.is_empty()) {
            n.push_str(&format!(" [date: {t}]"));
        }
        if m.reports > 1 {
            n.push_str(&format!(" [{} reports, {} outlets]", m.reports, m.outlets));
        }
        n
    };
    vec![
        opt(m.date.as_ref().and_then(|d| d.value.clone())),
        acled_label(&m.kind),
        acled_label(&m.sub_type),
        actor_name(m.actor1.as_ref()),
        actor_name(m.actor2.as_ref()),
        place
            .and_then(|p| p.country.as_deref())
            .map(country_name)
            .unwrap_or_default(),
        opt(place.and_then(|p| p.admin1.clone())),
        opt(place.and_then(|p| p.admin2.clone())),
        place
            .map(|p| p.name_en.clone().unwrap_or_else(|| p.name.clone()))
            .or_else(|| m.location.as_ref().map(|l| l.text.clone()))
            .unwrap_or_default(),
        num(place.and_then(|p| p.lat)),
        num(place.and_then(|p| p.lon)),
        place
            .map(|p| geo_precision(&p.precision).to_string())
            .unwrap_or_default(),
        outlets.into_iter().collect::<Vec<_>>().join("; "),
        notes,
        killed.to_string(),
        m.id.clone(),
        m.outlets.to_string(),
        m.sources
            .iter()
            .map(|s| s.article.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    ]
}

/// Quote a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// What an export wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportOutcome {
    pub written: usize,
    /// Events left out of GeoJSON for want of coordinates.
    pub no_coordinates: usize,
}

/// Write events in `fmt`.
pub fn write_events(events: &[MergedEvent], fmt: Format, w: &mut dyn Write) -> io::Result<ExportOutcome> {
    let mut out = ExportOutcome::default();
    match fmt {
        Format::Jsonl => {
            for m in events {
                serde_json::to_writer(&mut *w, m)?;
                w.write_all(b"\n")?;
                out.written += 1;
            }
        }
        Format::Csv => {
            let header: Vec<&str> = ACLED_COLUMNS.iter().chain(EXTRA_COLUMNS).copied().collect();
            writeln!(w, "{}", header.join(","))?;
            for m in events {
                let row: Vec<String> = acled_row(m).iter().map(|f| csv_field(f)).collect();
                writeln!(w, "{}", row.join(","))?;
                out.written += 1;
            }
        }
        Format::Geojson => {
            let names: Vec<&str> = ACLED_COLUMNS.iter().chain(EXTRA_COLUMNS).copied().collect();
            w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
            for m in events {
                let place = m.location.as_ref().and_then(|l| l.place.as_ref());
                let (Some(lat), Some(lon)) = (place.and_then(|p| p.lat), place.and_then(|p| p.lon)) else {
                    out.no_coordinates += 1;
                    continue;
                };
                let mut props = serde_json::Map::new();
                for (k, v) in names.iter().zip(acled_row(m)) {
                    props.insert(k.to_string(), Value::String(v));
                }
                props.insert("sources".into(), serde_json::to_value(&m.sources)?);
                let f = json!({
                    "type": "Feature",
                    "id": m.id,
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": props,
                });
                if out.written > 0 {
                    w.write_all(b",")?;
                }
                w.write_all(b"\n")?;
                serde_json::to_writer(&mut *w, &f)?;
                out.written += 1;
            }
            w.write_all(b"\n]}\n")?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_quoting() {
        assert_eq!(acled_label("explosions_remote_violence"), "Explosions/Remote violence");
        assert_eq!(acled_label("air_drone_strike"), "Air/drone strike");
        assert_eq!(acled_label("new_kind"), "New kind");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
