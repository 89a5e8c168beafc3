//! `marsad events`: merged events of the archive, filtered.

use crate::EXIT_OK;
use anyhow::{Context, Result};
use marsad_store::{EventFilter, MergedEvent, Store};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Filters shared by `marsad events` and `marsad export`.
#[derive(clap::Args, Debug, Clone)]
pub struct Filters {
    /// Event type (battles, explosions_remote_violence, violence_against_civilians,
    /// protests, riots, strategic_developments).
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// ACLED sub-event type in snake_case (e.g. air_drone_strike).
    #[arg(long, value_name = "SUB_TYPE")]
    sub_type: Option<String>,
    /// Country code (ISO 3166-1 alpha-2, e.g. YE).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// First-level administrative division, as the gazetteer names it.
    #[arg(long, value_name = "NAME")]
    admin1: Option<String>,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    from: Option<chrono::NaiveDate>,
    /// Events on or before this day.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    to: Option<chrono::NaiveDate>,
    /// Actor id (org:houthis) or part of an actor's name.
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// Events reported by at least this many distinct outlets.
    #[arg(long, value_name = "N")]
    min_outlets: Option<usize>,
    /// asserted, reported, denied or planned.
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// At most this many events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl Filters {
    /// The store's filter.
    pub fn to_filter(&self) -> Result<EventFilter> {
        if let Some(k) = &self.kind
            && !marsad_record::EVENT_TYPES.contains(&k.as_str())
        {
            anyhow::bail!(
                "unknown event type {k:?}; one of: {}",
                marsad_record::EVENT_TYPES.join(", ")
            );
        }
        Ok(EventFilter {
            kind: self.kind.clone(),
            sub_type: self.sub_type.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            from: self.from,
            to: self.to,
            actor: self.actor.clone(),
            min_outlets: self.min_outlets,
            status: self.status.clone(),
            limit: self.limit,
        })
    }
}

#[derive(clap::Args)]
#[command(
    long_about = "List the archive's events: one per real-world event, merged across the articles \
of a story cluster (the same wire story in several outlets), with the number of distinct outlets.",
    after_help = "Example:\n  marsad events --type battles --country YE --from 2015-08-01 --to 2015-08-31 --actor org:houthis"
)]
pub struct Args {
    /// The archive's data directory.
    #[arg(long, value_name = "DIR", default_value = "marsad-data")]
    data: PathBuf,
    #[command(flatten)]
    filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn actor(a: &Option<marsad_record::Actor>) -> String {
    a.as_ref()
        .map(|a| a.id.clone().unwrap_or_else(|| a.text.clone()))
        .unwrap_or_else(|| "-".into())
}

fn range(r: Option<&marsad_record::Range>) -> String {
    match r {
        None => "-".into(),
        Some(r) => match (r.min, r.max) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            (Some(a), None) => format!("{a}+"),
            (None, Some(b)) => format!("≤{b}"),
            (None, None) => "?".into(),
        },
    }
}

/// One table row of an event.
fn row(m: &MergedEvent) -> Vec<String> {
    let place = m.location.as_ref().and_then(|l| l.place.as_ref());
    vec![
        m.date
            .as_ref()
            .and_then(|d| d.value.clone())
            .unwrap_or_else(|| "-".into()),
        m.kind.clone(),
        m.sub_type.clone(),
        place
            .map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("?")))
            .or_else(|| m.location.as_ref().map(|l| l.text.clone()))
            .unwrap_or_else(|| "-".into()),
        actor(&m.actor1),
        actor(&m.actor2),
        range(m.fatalities.as_ref().and_then(|f| f.killed.as_ref())),
        m.outlets.to_string(),
        m.id.clone(),
    ]
}

fn print_table(events: &[MergedEvent], w: &mut dyn Write) -> std::io::Result<()> {
    let header: Vec<String> = [
        "date", "type", "sub_type", "location", "actor1", "actor2", "killed", "outlets", "id",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = std::iter::once(header).chain(events.iter().map(row)).collect();
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(w, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// Run `marsad events`.
pub fn run(args: Args) -> Result<u8> {
    let filter = args.filters.to_filter()?;
    let store = Store::open_read_only(&args.data)?;
    let events = store
        .events(&filter)
        .with_context(|| format!("cannot read the archive in {}", args.data.display()))?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Table => {
            print_table(&events, &mut out)?;
            eprintln!("{} events", events.len());
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &events)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            marsad_store::export::write_events(&events, marsad_store::export::Format::Jsonl, &mut out)?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}
