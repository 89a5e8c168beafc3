//! `marsad`: Arabic news in, a searchable record of events out.

mod cmd;
mod progress;

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
line) and skipped.",
    after_help = "Examples:\n  marsad extract article.txt --published 2017-06-10\n  marsad extract articles.jsonl.gz -o records.jsonl\n  cat articles.jsonl | marsad extract -"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract records (entities, places, events) from articles, as JSON Lines.
    Extract(cmd::extract::Args),
    /// Train, evaluate and inspect the named-entity model.
    Ner(cmd::ner::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
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
