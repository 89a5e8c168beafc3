//! `marsad gazetteer`: build the compiled gazetteer, look names up, and
//! measure gazetteer recall on gold files.

use crate::EXIT_OK;
use anyhow::{Context, Result, bail};
use marsad_geo::compile::{BuildOptions, build};
use marsad_geo::{Gazetteer, km};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
#[command(long_about = "Work with marsad's Arabic gazetteer.\n\n\
`build` compiles data/gazetteer/gazetteer.tsv.gz (and the separate OpenStreetMap layer \
osm_africa.tsv.gz) from the shared GeoNames and gazetteer extracts and the curated file; \
`lookup` prints the entries of a name; `eval` measures how many gold place names are found \
in articles with gold annotations (*.gold.json).")]
pub struct Args {
    #[command(subcommand)]
    cmd: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Compile the gazetteer from its sources into data/gazetteer/.
    Build(BuildArgs),
    /// Print the gazetteer entries of names.
    Lookup {
        /// Names (any Arabic spelling).
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Gazetteer recall and coordinates against gold files (a table per file and in total).
    Eval {
        /// Gold files or directories of *.gold.json (with the article beside each).
        #[arg(default_values = ["../shared/examples", "../shared/dev"])]
        inputs: Vec<PathBuf>,
        /// List every gold name and what was found for it.
        #[arg(long)]
        verbose: bool,
    },
    /// Entry and name counts, and the time to load the gazetteer.
    Info,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The shared data directory (with data/geonames and data/gazetteer).
    #[arg(long, default_value = "../shared", value_name = "DIR")]
    shared: PathBuf,
    /// The project's gazetteer directory (curated inputs, compiled outputs).
    #[arg(long, default_value = "data/gazetteer", value_name = "DIR")]
    data: PathBuf,
    /// Corpus to count name usage in (JSON Lines, title/text); default: the
    /// shared SaudiNewsNet when present, else the counts in name_stats.tsv.gz.
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
    /// Reuse data/gazetteer/name_stats.tsv.gz instead of counting.
    #[arg(long, conflicts_with = "corpus")]
    no_corpus: bool,
    /// Count at most this many corpus articles.
    #[arg(long, value_name = "N")]
    corpus_limit: Option<usize>,
}

/// Run `marsad gazetteer`.
pub fn run(args: Args) -> Result<u8> {
    match args.cmd {
        Sub::Build(b) => run_build(b),
        Sub::Lookup { names } => {
            let g = Gazetteer::embedded();
            let mut out = std::io::stdout().lock();
            for n in names {
                let found = g.lookup(&n);
                writeln!(out, "{n}: {} entries", found.len())?;
                for e in found {
                    print_entry(&mut out, &e)?;
                }
            }
            Ok(EXIT_OK)
        }
        Sub::Eval { inputs, verbose } => super::geocode::eval(&inputs, verbose),
        Sub::Info => {
            let t = Instant::now();
            let g = Gazetteer::embedded();
            let dt = t.elapsed();
            println!("layers: {}", g.layers().join(", "));
            println!("entries: {}", g.len());
            println!("name keys: {}", g.name_count());
            let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
            for e in g.entries() {
                *kinds.entry(e.kind().as_str()).or_default() += 1;
            }
            for (k, n) in kinds {
                println!("  {k:<14} {n}");
            }
            println!("load time: {:.1} ms", dt.as_secs_f64() * 1000.0);
            Ok(EXIT_OK)
        }
    }
}

fn print_entry(out: &mut impl Write, e: &marsad_geo::Entry<'_>) -> std::io::Result<()> {
    let up = |x: Option<marsad_geo::Entry<'_>>| x.map(|x| x.name_ar().to_string()).unwrap_or_default();
    writeln!(
        out,
        "  {:<22} {:<6} {} | {} | {:.4},{:.4} | {} | admin1 {} | admin2 {} | in {} | pop {} | {}",
        e.id(),
        e.kind().as_str(),
        e.country(),
        e.name_ar(),
        e.lat(),
        e.lon(),
        e.name_en(),
        up(e.admin1()),
        up(e.admin2()),
        up(e.parent()),
        e.population(),
        e.source()
    )
}

fn run_build(b: BuildArgs) -> Result<u8> {
    if !b.shared.join("data/geonames/places.jsonl.gz").exists() {
        bail!(
            "{} has no data/geonames/places.jsonl.gz: give the shared data directory with --shared",
            b.shared.display()
        );
    }
    if !b.data.join("curated.tsv").exists() {
        bail!(
            "{} has no curated.tsv: run from the repository root or give --data",
            b.data.display()
        );
    }
    let corpus = if b.no_corpus {
        None
    } else {
        b.corpus.clone().or_else(|| {
            let p = b.shared.join("data/saudinewsnet/saudinewsnet.jsonl.gz");
            p.exists().then_some(p)
        })
    };
    let opts = BuildOptions {
        shared: b.shared.clone(),
        data_dir: b.data.clone(),
        corpus,
        corpus_limit: b.corpus_limit,
    };
    let t = Instant::now();
    let rep = build(&opts, &mut |step| {
        eprintln!("[{:6.1}s] {step}", t.elapsed().as_secs_f64())
    })
    .context("gazetteer build failed")?;
    eprintln!("read: {:?}", rep.read);
    eprintln!("merged records: {}", rep.merged);
    eprintln!("main layer: {} entries, {} names", rep.main_entries, rep.main_names);
    eprintln!("osm layer: {} entries, {} names", rep.osm_entries, rep.osm_names);
    eprintln!("kinds: {:?}", rep.kinds);
    eprintln!(
        "corpus articles counted: {} ; names with word score >= 50: {}",
        rep.corpus_articles, rep.wordlike_names
    );
    for p in &rep.written {
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        eprintln!("wrote {} ({:.1} MB)", p.display(), size as f64 / 1e6);
    }
    eprintln!(
        "done in {:.1}s; rebuild marsad to embed the new gazetteer",
        t.elapsed().as_secs_f64()
    );
    Ok(EXIT_OK)
}

/// Distance helper for eval output.
pub fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    km(a.0, a.1, b.0, b.1)
}

/// Gold files under the inputs.
pub fn gold_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
                .collect();
            v.sort();
            out.extend(v);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            bail!("{} does not exist", p.display());
        }
    }
    Ok(out)
}

/// The article file of a gold file (its "file" field, beside it).
pub fn article_of(gold: &Path, v: &serde_json::Value) -> PathBuf {
    let dir = gold.parent().unwrap_or(Path::new("."));
    match v.get("file").and_then(|f| f.as_str()) {
        Some(f) => dir.join(f),
        None => dir.join(
            gold.file_name()
                .map(|n| n.to_string_lossy().replace(".gold.json", ".txt"))
                .unwrap_or_default(),
        ),
    }
}
