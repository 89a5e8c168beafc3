//! Tagging speed of the shipped NER model (tokens/s, one thread).
//!
//! Tags sentences of the first 300 SaudiNewsNet articles from `../shared`
//! when present (`MARSAD_SHARED` to point elsewhere), else the project's own
//! sample articles, as `marsad extract` does: folded marsad-text tokens,
//! title and body as one document.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marsad_ner::Tagger;
use marsad_text::Analyzed;
use std::io::BufRead;
use std::path::PathBuf;

fn texts() -> Vec<String> {
    let shared = std::env::var("MARSAD_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let big = PathBuf::from(shared).join("data/saudinewsnet/saudinewsnet.jsonl.gz");
    let lines: Vec<String> = if big.exists() {
        let f = std::fs::File::open(&big).expect("readable corpus");
        std::io::BufReader::new(flate2::read::GzDecoder::new(f))
            .lines()
            .map_while(Result::ok)
            .take(300)
            .collect()
    } else {
        include_str!("../../../data/sample/articles.jsonl")
            .lines()
            .map(str::to_string)
            .collect()
    };
    lines
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            format!(
                "{}\n{}",
                v["title"].as_str().unwrap_or_default(),
                v["text"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tagger = Tagger::embedded();
    let docs: Vec<Analyzed> = texts().iter().map(|t| Analyzed::new(t)).collect();
    let sents: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|a| {
            a.sentences
                .iter()
                .map(|s| (s.tok_start..s.tok_end).map(|i| a.tok(i)).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().map(|a| a.tokens.len()).sum();
    let mut g = c.benchmark_group("ner");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag-tokens", |b| {
        b.iter(|| sents.iter().map(|d| tagger.entities_document(d).len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
