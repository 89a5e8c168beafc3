//! `marsad extract`: articles in, records (JSON Lines) out.

use crate::{EXIT_OK, EXIT_SKIPPED, progress};
use anyhow::{Context, Result};
use marsad_extract::Extractor;
use marsad_ingest::{Article, ReadOptions};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for articles that do not carry one;
    /// relative dates ("اليوم", "أمس") are resolved against it.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    published: Option<chrono::NaiveDate>,
    /// Write records to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Most bytes of one article (title and text); longer ones are
    /// reported and skipped, so that no input can exhaust memory or time.
    #[arg(long, value_name = "BYTES", default_value_t = marsad_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Articles per parallel batch.
    #[arg(long, default_value_t = 256, hide = true)]
    batch: usize,
}

/// Run `marsad extract`.
pub fn run(args: Args) -> Result<u8> {
    if args.inputs.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        anyhow::bail!(
            "no input: give files or directories, or pipe articles to standard input (see marsad extract --help)"
        );
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot configure worker threads")?;
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let opts = ReadOptions {
        published: args.published,
        max_bytes: args.max_bytes,
    };
    let extractor = Extractor::new();
    let files: Vec<PathBuf> = marsad_ingest::expand_inputs(&args.inputs)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    // counting costs a read of the input: only when someone watches
    let total = if std::io::stderr().is_terminal() {
        progress::count_articles(&files)
    } else {
        None
    };
    let pb = progress::articles(total);
    let mut skipped = 0usize;
    let mut written = 0usize;
    let mut batch: Vec<Article> = Vec::with_capacity(args.batch);
    // returns how many articles of the batch could not be extracted
    let mut flush = |batch: &mut Vec<Article>, out: &mut BufWriter<Box<dyn Write>>| -> Result<usize> {
        let lines: Vec<Result<String, marsad_ingest::ItemError>> = batch
            .par_iter()
            .map(|a| {
                super::extract_guarded(&extractor, a)
                    .map(|r| serde_json::to_string(&r).expect("records always serialise"))
            })
            .collect();
        let mut failed = 0;
        for l in lines {
            match l {
                Ok(l) => {
                    out.write_all(l.as_bytes())?;
                    out.write_all(b"\n")?;
                    written += 1;
                }
                Err(e) => {
                    pb.suspend(|| eprintln!("skipped: {e}"));
                    failed += 1;
                }
            }
        }
        pb.inc(batch.len() as u64);
        batch.clear();
        Ok(failed)
    };
    for input in marsad_ingest::expand_inputs(&args.inputs) {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                pb.suspend(|| eprintln!("skipped: {e}"));
                skipped += 1;
                continue;
            }
        };
        for item in marsad_ingest::read(&path, &opts) {
            match item {
                Ok(a) => {
                    batch.push(a);
                    if batch.len() >= args.batch {
                        skipped += flush(&mut batch, &mut out)?;
                    }
                }
                Err(e) => {
                    pb.suspend(|| eprintln!("skipped: {e}"));
                    skipped += 1;
                }
            }
        }
    }
    skipped += flush(&mut batch, &mut out)?;
    out.flush().context("cannot write output")?;
    pb.finish_and_clear();
    if skipped > 0 {
        eprintln!("marsad extract: {written} records written, {skipped} bad input items skipped");
        return Ok(EXIT_SKIPPED);
    }
    Ok(EXIT_OK)
}
