//! Search latency over the full SaudiNewsNet archive (30,614 articles).
//!
//! Uses the archive in `MARSAD_BENCH_DATA` (default
//! `target/bench-data/snn` under the workspace). When it does not exist
//! and `../shared` (or `MARSAD_SHARED`) holds SaudiNewsNet, it is built
//! first, as `marsad ingest` would (about a minute in release); with
//! neither, the benchmark says so and does nothing.
//!
//! Besides criterion's per-query estimates it prints the p50 / p99 / max
//! latency of a mixed query set (words, phrases, Latin, date and outlet
//! filters), each run 50 times: the figure quoted in docs/store.md.
//!
//!     cargo bench -p marsad-store --bench search

use criterion::{Criterion, criterion_group, criterion_main};
use marsad_store::{DedupOptions, Prepared, SearchQuery, Store};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

const QUERIES: &[&str] = &[
    "غارات صنعاء",
    "الحوثيين",
    "\"التحالف العربي\"",
    "\"التحالف العربي\" تعز",
    "داعش الرقة",
    "بالرقة",
    "مقتل جنود",
    "المملكة",
    "وزارة الداخلية",
    "النفط أوبك",
    "انفجار عبوة ناسفة",
    "الأمم المتحدة اليمن",
    "عدن",
    "Reuters",
    "الحرس الوطني",
    "\"خادم الحرمين الشريفين\"",
    "سوريا حلب",
    "على",
    "إيران الاتفاق النووي",
    "كأس",
];

fn data_dir() -> PathBuf {
    std::env::var("MARSAD_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bench-data/snn")))
}

fn build(dir: &Path) -> bool {
    let shared = std::env::var("MARSAD_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let src = PathBuf::from(shared).join("data/saudinewsnet/saudinewsnet.jsonl.gz");
    if !src.exists() {
        return false;
    }
    eprintln!(
        "building the benchmark archive in {} from {}",
        dir.display(),
        src.display()
    );
    let ex = marsad_extract::Extractor::new();
    let mut store = Store::open(dir, DedupOptions::default()).expect("create the archive");
    let articles: Vec<_> = marsad_ingest::read(&src, &Default::default())
        .filter_map(Result::ok)
        .collect();
    for chunk in articles.chunks(512) {
        let batch: Vec<Prepared> = chunk.par_iter().map(|a| Prepared::new(ex.extract(a))).collect();
        store.write(batch).expect("write");
    }
    store.close().expect("close");
    true
}

fn bench(c: &mut Criterion) {
    let dir = data_dir();
    if !dir.join(marsad_store::DB_FILE).exists() && !build(&dir) {
        eprintln!(
            "search benchmark skipped: no archive in {} and no SaudiNewsNet in ../shared \
             (set MARSAD_BENCH_DATA to an archive built with `marsad ingest`)",
            dir.display()
        );
        return;
    }
    let store = Store::open_read_only(&dir).expect("open the archive");
    let stats = store.stats(false).expect("stats");
    eprintln!(
        "archive: {} articles, index {:.1} MB",
        stats.articles,
        stats.index_bytes as f64 / 1e6
    );
    let query = |text: &str, i: usize| SearchQuery {
        text: text.into(),
        limit: 20,
        from: (i % 3 == 1).then(|| chrono::NaiveDate::from_ymd_opt(2015, 8, 1).expect("date")),
        outlet: (i % 7 == 5).then(|| "alriyadh".to_string()),
        ..Default::default()
    };
    // Latency distribution of the mixed set.
    let mut times = Vec::new();
    for round in 0..50 {
        for (i, q) in QUERIES.iter().enumerate() {
            let t = Instant::now();
            let hits = store.search(&query(q, i + round)).expect("search");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(hits);
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    eprintln!(
        "search latency over {} queries (limit 20, with snippets): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    let mut g = c.benchmark_group("search");
    for (i, q) in QUERIES.iter().enumerate().take(6) {
        g.bench_function(format!("q{i}"), |b| {
            b.iter(|| store.search(&query(q, 0)).expect("search").len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
