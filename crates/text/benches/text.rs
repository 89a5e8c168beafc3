//! Throughput of normalisation + tokenisation + sentence splitting.
//!
//! Reads the first 2,000 SaudiNewsNet articles from `../shared` when present
//! (set `MARSAD_SHARED` to point elsewhere), else the project's own sample.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::io::{BufRead, BufReader};

fn corpus() -> Vec<String> {
    let shared = std::env::var("MARSAD_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let path = std::path::Path::new(&shared).join("data/saudinewsnet/saudinewsnet.jsonl.gz");
    if let Ok(f) = std::fs::File::open(&path) {
        let r = BufReader::new(flate2::read::GzDecoder::new(f));
        return r
            .lines()
            .take(2000)
            .filter_map(|l| l.ok())
            .filter_map(|l| text_field(&l))
            .collect();
    }
    let sample = include_str!("../../../data/sample/articles.jsonl");
    sample.lines().filter_map(text_field).collect()
}

fn text_field(line: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    v.get("text")?.as_str().map(str::to_string)
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("normalize+tokenize+sentences", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let a = marsad_text::Analyzed::new(d);
                n += a.tokens.len() + a.sentences.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
