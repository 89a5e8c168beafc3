//! Whole-record extraction throughput (articles/s and MB/s of text).
//!
//! Reads the first 2,000 SaudiNewsNet articles from `../shared` when present
//! (`MARSAD_SHARED` to point elsewhere), else the project's own sample.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marsad_extract::Extractor;
use marsad_ingest::{Article, ReadOptions};
use std::path::PathBuf;

fn corpus() -> Vec<Article> {
    let shared = std::env::var("MARSAD_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let big = PathBuf::from(shared).join("data/saudinewsnet/saudinewsnet.jsonl.gz");
    let path = if big.exists() {
        big
    } else {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample/articles.jsonl"))
    };
    marsad_ingest::read(&path, &ReadOptions::default())
        .filter_map(Result::ok)
        .take(2000)
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let ex = Extractor::new();
    // build lexicons and automata outside the measurement
    let _ = ex.extract(&docs[0]);
    let bytes: usize = docs.iter().map(|d| d.text.len() + d.title.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("record-bytes", |b| {
        b.iter(|| docs.iter().map(|d| ex.extract(d).entities.len()).sum::<usize>())
    });
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("record-articles", |b| {
        b.iter(|| docs.iter().map(|d| ex.extract(d).entities.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
