//! `marsad export`: the archive's events (or records, or story clusters)
//! as JSON Lines, ACLED-style CSV or GeoJSON.

use crate::EXIT_OK;
use anyhow::{Context, Result};
use marsad_store::Store;
use marsad_store::export::{Format as Fmt, write_events};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// ACLED column names (event_date, event_type, …, fatalities), then event_id, outlets, articles.
    Csv,
    /// A FeatureCollection of points (events without coordinates are left out).
    Geojson,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// Merged events.
    Events,
    /// The stored article records (spec/record.md), in ingestion order (jsonl only).
    Records,
    /// Story clusters of 2+ articles with their members (jsonl only).
    Clusters,
}

#[derive(clap::Args)]
#[command(
    long_about = "Export the archive. By default the merged events, filtered like `marsad events`, \
as JSON Lines, CSV with ACLED's column names, or GeoJSON; `--what records` dumps the article \
records, `--what clusters` the story clusters (JSON Lines).",
    after_help = "Examples:\n  marsad export --format csv --country YE -o yemen.csv\n  marsad export --format geojson --type explosions_remote_violence > strikes.geojson\n  marsad export --what clusters --min-cluster-outlets 2"
)]
pub struct Args {
    /// The archive's data directory.
    #[arg(long, value_name = "DIR", default_value = "marsad-data")]
    data: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// What to export.
    #[arg(long, value_enum, default_value_t = What::Events)]
    what: What,
    /// With `--what clusters`: only clusters with at least this many outlets.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_cluster_outlets: usize,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filters: super::events::Filters,
}

/// Run `marsad export`.
pub fn run(args: Args) -> Result<u8> {
    if args.what != What::Events && args.format != Format::Jsonl {
        anyhow::bail!("--what records and --what clusters are exported as --format jsonl only");
    }
    let filter = args.filters.to_filter()?;
    let store = Store::open_read_only(&args.data)?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let ctx = || format!("cannot read the archive in {}", args.data.display());
    match args.what {
        What::Records => {
            store
                .for_each_record(|r| {
                    serde_json::to_writer(&mut out, &r)?;
                    out.write_all(b"\n")?;
                    Ok(())
                })
                .with_context(ctx)?;
        }
        What::Clusters => {
            for c in store.clusters(args.min_cluster_outlets).with_context(ctx)? {
                serde_json::to_writer(&mut out, &c)?;
                out.write_all(b"\n")?;
            }
        }
        What::Events => {
            let events = store.events(&filter).with_context(ctx)?;
            let fmt = match args.format {
                Format::Jsonl => Fmt::Jsonl,
                Format::Csv => Fmt::Csv,
                Format::Geojson => Fmt::Geojson,
            };
            let o = write_events(&events, fmt, &mut out)?;
            if o.no_coordinates > 0 {
                eprintln!(
                    "marsad export: {} events written, {} without coordinates left out of GeoJSON",
                    o.written, o.no_coordinates
                );
            }
        }
    }
    out.flush().context("cannot write output")?;
    Ok(EXIT_OK)
}
