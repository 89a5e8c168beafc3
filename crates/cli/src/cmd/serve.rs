//! `marsad serve`: the HTTP API and web page over the archive.

use crate::EXIT_OK;
use anyhow::{Context, Result};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    long_about = "Serve the archive to a browser: a web page at / (search, filters, events table, \
map, article view; everything is embedded, nothing is fetched from the internet) and a JSON API \
under /api/ (search, events, events.csv, events.geojson, articles/ID, clusters, stats, \
vocabulary). The archive is opened read-only: `marsad ingest` may write it at the same time; new \
events and articles show at once, new search results after each full-text index commit. \
No authentication: keep the default loopback address unless the network is trusted. \
Stop with Ctrl-C (requests in flight finish).",
    after_help = "Examples:\n  marsad serve --data ~/marsad-data\n  marsad serve --addr 127.0.0.1:0     # any free port; the URL is printed\n  curl 'http://127.0.0.1:8080/api/events?type=battles&country=YE&limit=10'"
)]
pub struct Args {
    /// The archive's data directory.
    #[arg(long, value_name = "DIR", default_value = "marsad-data")]
    data: PathBuf,
    /// Address and port to listen on (port 0: any free port).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Most archive queries running at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    workers: usize,
    /// Log every request (method, path, status, milliseconds) on standard error.
    #[arg(short, long)]
    verbose: bool,
}

/// Run `marsad serve`.
pub fn run(args: Args) -> Result<u8> {
    let opts = marsad_server::Options {
        data: args.data.clone(),
        addr: args.addr,
        max_handles: args.workers.max(1),
        log_requests: args.verbose,
    };
    marsad_server::run(&opts, |addr| {
        // The URL goes to standard output (scripts read it, e.g. with
        // --addr 127.0.0.1:0); the rest to standard error.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{addr}/");
        let _ = out.flush();
        eprintln!(
            "marsad serve: archive {} on http://{addr}/ (API under /api/); Ctrl-C to stop",
            args.data.display()
        );
        if !addr.ip().is_loopback() {
            eprintln!("marsad serve: warning: {addr} is reachable from the network and has no authentication");
        }
    })
    .with_context(|| format!("cannot serve the archive in {}", args.data.display()))?;
    eprintln!("marsad serve: stopped");
    Ok(EXIT_OK)
}
