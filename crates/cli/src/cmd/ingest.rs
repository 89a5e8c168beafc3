//! `marsad ingest`: articles in, durable archive out.

use crate::{EXIT_OK, EXIT_SKIPPED, progress};
use anyhow::{Context, Result};
use marsad_extract::Extractor;
use marsad_ingest::{Article, ReadOptions};
use marsad_store::{DedupOptions, Prepared, Store};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

#[derive(clap::Args)]
#[command(
    long_about = "Read articles, extract their records and store them in the archive (--data DIR): \
an SQLite database and a full-text index. Articles whose id is already stored are skipped, so a \
run can be repeated or resumed after an interruption (even kill -9) and ends with the same archive \
as one uninterrupted run. Near-duplicates (the same story in several outlets) are grouped into \
story clusters and their events merged.\n\nInputs as for `marsad extract`: *.txt, *.jsonl, *.html, \
*.rss, *.atom, *.xml, *.warc (each .gz or not), directories, or - for standard input. Bad items are reported on standard error and skipped; the \
exit status is then 3."
)]
pub struct Args {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// The archive's data directory (created if missing).
    #[arg(long, value_name = "DIR", default_value = "marsad-data")]
    data: PathBuf,
    /// Publication date (YYYY-MM-DD) for articles that do not carry one.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    published: Option<chrono::NaiveDate>,
    /// Worker threads for extraction (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Least similarity (0-1, estimated Jaccard of word 4-shingles) for two
    /// articles to be one story. Fixed when the archive is created.
    #[arg(long, value_name = "X", default_value_t = DedupOptions::default().threshold)]
    dedup_threshold: f64,
    /// Most days between two copies of a story. Fixed when the archive is created.
    #[arg(long, value_name = "DAYS", default_value_t = DedupOptions::default().window_days)]
    dedup_window: i64,
    /// Most bytes of one article (title and text); longer ones are
    /// reported and skipped, so that no input can exhaust memory or time.
    #[arg(long, value_name = "BYTES", default_value_t = marsad_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Articles per transaction.
    #[arg(long, default_value_t = 256, hide = true)]
    batch: usize,
}

/// What the reading thread saw.
#[derive(Default)]
struct ReadCounts {
    bad: usize,
    already: usize,
}

/// Run `marsad ingest`.
pub fn run(args: Args) -> Result<u8> {
    if args.inputs.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        anyhow::bail!(
            "no input: give files or directories, or pipe articles to standard input (see marsad ingest --help)"
        );
    }
    if !(0.0..=1.0).contains(&args.dedup_threshold) {
        anyhow::bail!("--dedup-threshold must be between 0 and 1");
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot configure worker threads")?;
    }
    let dedup = DedupOptions {
        threshold: args.dedup_threshold,
        window_days: args.dedup_window.max(0),
        ..DedupOptions::default()
    };
    let started = std::time::Instant::now();
    let mut store = Store::open(&args.data, dedup)
        .with_context(|| format!("cannot open the archive in {}", args.data.display()))?;
    let known = store.ids().context("cannot read the archive")?;
    let inputs = marsad_ingest::expand_inputs(&args.inputs);
    let files: Vec<PathBuf> = inputs.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
    let total = if std::io::stderr().is_terminal() {
        progress::count_articles(&files)
    } else {
        None
    };
    let pb = progress::articles(total);
    let opts = ReadOptions {
        published: args.published,
        max_bytes: args.max_bytes,
    };
    let batch_size = args.batch.max(1);
    let (tx, rx) = sync_channel::<Vec<Prepared>>(2);
    let reader_pb = pb.clone();
    let reader = std::thread::spawn(move || -> ReadCounts {
        let extractor = Extractor::new();
        let mut counts = ReadCounts::default();
        let mut seen: HashSet<String> = known;
        let mut batch: Vec<Article> = Vec::with_capacity(batch_size);
        // returns whether the writer still listens, and how many articles
        // of the batch could not be extracted
        let send = |batch: &mut Vec<Article>| -> (bool, usize) {
            let results: Vec<_> = batch
                .par_iter()
                .map(|a| super::extract_guarded(&extractor, a).map(Prepared::new))
                .collect();
            batch.clear();
            let mut prepared = Vec::with_capacity(results.len());
            let mut failed = 0;
            for r in results {
                match r {
                    Ok(p) => prepared.push(p),
                    Err(e) => {
                        reader_pb.suspend(|| eprintln!("skipped: {e}"));
                        reader_pb.inc(1);
                        failed += 1;
                    }
                }
            }
            (tx.send(prepared).is_ok(), failed)
        };
        for input in inputs {
            let path = match input {
                Ok(p) => p,
                Err(e) => {
                    reader_pb.suspend(|| eprintln!("skipped: {e}"));
                    counts.bad += 1;
                    continue;
                }
            };
            for item in marsad_ingest::read(&path, &opts) {
                match item {
                    Ok(a) => {
                        if !seen.insert(a.id.clone()) {
                            counts.already += 1;
                            reader_pb.inc(1);
                            continue;
                        }
                        batch.push(a);
                        if batch.len() >= batch_size {
                            let (listening, failed) = send(&mut batch);
                            counts.bad += failed;
                            if !listening {
                                return counts;
                            }
                        }
                    }
                    Err(e) => {
                        reader_pb.suspend(|| eprintln!("skipped: {e}"));
                        reader_pb.inc(1);
                        counts.bad += 1;
                    }
                }
            }
        }
        if !batch.is_empty() {
            counts.bad += send(&mut batch).1;
        }
        counts
    });
    let mut written = 0usize;
    let mut already_in_run = 0usize;
    let mut failure = None;
    for batch in rx.iter() {
        let n = batch.len() as u64;
        match store.write(batch) {
            Ok(o) => {
                written += o.written;
                already_in_run += o.already;
                pb.inc(n);
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    // Dropping the receiver stops the reader at its next batch.
    drop(rx);
    let counts = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reading thread panicked"))?;
    if let Some(e) = failure {
        return Err(anyhow::Error::new(e).context(format!("cannot write to the archive in {}", args.data.display())));
    }
    store
        .close()
        .with_context(|| format!("cannot finish the archive in {}", args.data.display()))?;
    pb.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "marsad ingest: {written} new articles stored in {} ({:.1} articles/s), {} already in the archive, {} bad input items skipped",
        display(&args.data),
        written as f64 / secs.max(1e-9),
        counts.already + already_in_run,
        counts.bad
    );
    Ok(if counts.bad > 0 { EXIT_SKIPPED } else { EXIT_OK })
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
