//! `marsad eval events DIR`: extract the articles of a gold directory and
//! score them like `shared/eval/score_events.py`.

use crate::scoring;
use anyhow::{Context, Result, bail};
use marsad_extract::Extractor;
use marsad_ingest::{Article, parse_date, stable_id};
use rayon::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Score event extraction on a directory of articles with gold events.
    ///
    /// DIR holds `<id>.gold.json` files (the shape of shared/dev) with the
    /// article each names (`"file": "<id>.txt"`: first line title, then the
    /// body) and an optional `<id>.meta.json` (`published`, `outlet`, `url`).
    /// Prints the scorer's table (type-level precision/recall/F1, strict F1,
    /// per-field accuracies, entity recall/precision) ending with
    /// `events F1 <x>`.
    #[command(verbatim_doc_comment)]
    Events {
        /// Directory of `*.gold.json` files and their articles.
        dir: PathBuf,
        /// Score these records (JSON Lines) instead of extracting.
        #[arg(long, value_name = "FILE")]
        records: Option<PathBuf>,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
        /// Also write the extracted records here.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn read_json(p: &Path) -> Result<Value> {
    let s = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    serde_json::from_str(&s).with_context(|| format!("{}: invalid JSON", p.display()))
}

/// The article a gold file names, read the way `eval/make_input.py` reads it.
fn article_of(dir: &Path, gold: &Value) -> Result<Article> {
    let file = gold
        .get("file")
        .and_then(Value::as_str)
        .context("gold file has no \"file\"")?;
    let path = dir.join(file);
    let raw = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let (title, body) = raw.split_once('\n').unwrap_or((raw.as_str(), ""));
    let (title, body) = (title.trim().to_string(), body.trim().to_string());
    let meta_path = path.with_extension("meta.json");
    let meta = if meta_path.exists() {
        read_json(&meta_path)?
    } else {
        Value::Null
    };
    let get = |k: &str| {
        meta.get(k)
            .and_then(Value::as_str)
            .or_else(|| gold.get(k).and_then(Value::as_str))
    };
    Ok(Article {
        id: get("id")
            .map(str::to_string)
            .unwrap_or_else(|| stable_id(&title, &body)),
        published: get("published").and_then(parse_date),
        outlet: get("outlet").map(str::to_string),
        url: get("url").map(str::to_string),
        title,
        text: body,
        source_kind: "file".into(),
        locator: path.display().to_string(),
    })
}

/// Run `marsad eval`.
pub fn run(args: Args) -> Result<u8> {
    let What::Events {
        dir,
        records,
        json,
        output,
    } = args.what;
    let mut golds = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    entries.sort();
    for p in &entries {
        golds.push(read_json(p)?);
    }
    if golds.is_empty() {
        bail!("no *.gold.json files in {}", dir.display());
    }
    let recs: Vec<Value> = match records {
        Some(f) => std::fs::read_to_string(&f)
            .with_context(|| format!("cannot read {}", f.display()))?
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{}:{}: invalid JSON", f.display(), i + 1)))
            .collect::<Result<_>>()?,
        None => {
            let articles: Vec<Article> = golds.iter().map(|g| article_of(&dir, g)).collect::<Result<_>>()?;
            let ex = Extractor::new();
            let recs: Vec<Value> = articles
                .par_iter()
                .map(|a| serde_json::to_value(ex.extract(a)).expect("records always serialise"))
                .collect();
            if let Some(o) = output {
                let text: String = recs.iter().map(|r| format!("{r}\n")).collect();
                std::fs::write(&o, text).with_context(|| format!("cannot write {}", o.display()))?;
            }
            recs
        }
    };
    let table = scoring::score(&golds, &recs);
    if json {
        let obj: serde_json::Map<String, Value> = table
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    scoring::Stat::Count(n) => Value::from(*n),
                    scoring::Stat::Ratio(x) => Value::from(*x),
                    scoring::Stat::None => Value::Null,
                };
                (k.to_string(), v)
            })
            .collect();
        println!("{}", Value::Object(obj));
    } else {
        for (k, v) in &table {
            println!("{k:18} {v}");
        }
    }
    let f1 = table
        .iter()
        .find(|(k, _)| *k == "f1")
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    println!("events F1 {f1}");
    Ok(crate::EXIT_OK)
}
