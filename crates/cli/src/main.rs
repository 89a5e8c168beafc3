//! `marsad`: Arabic news in, a searchable record of events out.

mod cmd;
mod progress;
mod scoring;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status: the command finished and everything was processed.
pub const EXIT_OK: u8 = 0;
/// Exit status: a fatal error stopped the command (message on stderr).
pub const EXIT_FATAL: u8 = 1;
/// Exit status: the command line was wrong (clap's own code).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: the command finished, but some input items were bad and
/// were reported and skipped.
pub const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "Read Arabic news; extract who did what to whom, where, when, how many, says who.",
    long_about = "marsad (مرصد) reads Arabic news articles and writes one JSON record per article \
with its entities, geocoded places and events (ACLED-style types, actors, location, date, \
fatalities, attribution, status).\n\nExit status: 0 success; 1 fatal error; 2 bad command line; \
3 finished but some input items were bad (each reported on standard error with its file and \
line, item or record) and skipped.",
    after_help = "Examples:\n  marsad extract article.txt --published 2017-06-10\n  marsad extract articles.jsonl.gz -o records.jsonl\n  marsad extract page.html feed.rss crawl.warc.gz\n  cat articles.jsonl | marsad extract -"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract records (entities, places, events) from articles, as JSON Lines.
    ///
    /// Reads articles and writes one JSON record per article (the shape of
    /// spec/record.md) to standard output or --output, in input order.
    ///
    /// Inputs: *.txt (first non-empty line is the title, the rest the body),
    /// *.jsonl / *.ndjson (one {"id", "title", "text", "published", "outlet",
    /// "url"} object per line; "content"/"body" are read as "text", "source"
    /// as "outlet"), *.html / *.htm (one page: the story's text by
    /// Readability, title, date, URL and outlet from its metadata), *.rss /
    /// *.atom / *.xml (a feed: each item an article), *.warc (the HTML
    /// responses of a web archive), each gzipped (.gz) or not, a directory
    /// (read recursively), or - for standard input (format sniffed).
    ///
    /// Bad items (an unreadable file, invalid UTF-8, broken JSON, an object
    /// without text, a truncated gzip stream, a feed item without text, a
    /// truncated WARC record) are reported on standard error with file,
    /// line, item or record number and byte offset, and skipped; every
    /// valid record is still written and the exit status is then 3.
    Extract(cmd::extract::Args),
    /// Measure accuracy against gold annotations.
    Eval(cmd::eval::Args),
    /// Store articles in the archive (--data DIR): records, full-text index, story clusters, merged events.
    Ingest(cmd::ingest::Args),
    /// Search the archive's articles (ranked, with snippets).
    Search(cmd::search::Args),
    /// List the archive's merged events, filtered by type, place, date, actor.
    Events(cmd::events::Args),
    /// Export the archive's events as JSON Lines, ACLED-style CSV or GeoJSON.
    Export(cmd::export::Args),
    /// Print the archive's counts as JSON.
    Stats(cmd::stats::Args),
    /// Build, inspect and evaluate the Arabic gazetteer.
    Gazetteer(cmd::gazetteer::Args),
    /// Print the places found in a text (for quick checks).
    Geocode(cmd::geocode::Args),
    /// Serve the archive over HTTP: a web page for analysts and a JSON API.
    Serve(cmd::serve::Args),
    /// Train, evaluate and inspect the named-entity model.
    Ner(cmd::ner::Args),
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Stats(a) => cmd::stats::run(a),
        Command::Gazetteer(a) => cmd::gazetteer::run(a),
        Command::Geocode(a) => cmd::geocode::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Ner(a) => cmd::ner::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if cmd::is_broken_pipe(&e) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

/// `marsad … | head` must end quietly when the reader goes away, as Unix
/// tools do: Rust ignores SIGPIPE and turns the write error into a panic
/// in `println!`, so the default action is restored.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is
    // a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
