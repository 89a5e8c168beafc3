//! `marsad stats`: counts of an archive, as one JSON object.

use crate::EXIT_OK;
use anyhow::{Context, Result};
use marsad_store::Store;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    long_about = "Print one JSON object with the counts of the archive: articles, events (merged), \
reports (events before merging), clusters (story clusters of 2+ articles), clusters_multi_outlet, \
outlets, entities, places, the full-text index's document count and size, and the database size. \
Safe to run while `marsad ingest` writes the archive."
)]
pub struct Args {
    /// The archive's data directory.
    #[arg(long, value_name = "DIR", default_value = "marsad-data")]
    data: PathBuf,
    /// Add a `digest`: a hash of the sorted article ids, record hashes,
    /// cluster assignments, merged events and index size, equal for equal archives.
    #[arg(long)]
    digest: bool,
}

/// Run `marsad stats`.
pub fn run(args: Args) -> Result<u8> {
    let store = Store::open_read_only(&args.data)?;
    let stats = store
        .stats(args.digest)
        .with_context(|| format!("cannot read the archive in {}", args.data.display()))?;
    println!("{}", serde_json::to_string_pretty(&stats)?);
    Ok(EXIT_OK)
}
