//! Gazetteer load time and geocoding time.
//!
//! * `load`: decompress and index the embedded gazetteer (what the first
//!   geocoding call of a process pays).
//! * `lookup`: one name look-up (normalise + binary search).
//! * `article-1000-words`: geocode a 1,000-word article (title + body):
//!   the first ~1,000 words of SaudiNewsNet articles from `../shared` when
//!   present (`MARSAD_SHARED` to point elsewhere), else the project's sample.
use criterion::{Criterion, criterion_group, criterion_main};
use marsad_geo::{Gazetteer, Geocoder};
use marsad_text::Analyzed;
use std::io::BufRead;
use std::path::PathBuf;

fn words_of_corpus(n: usize) -> String {
    let shared = std::env::var("MARSAD_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let big = PathBuf::from(shared).join("data/saudinewsnet/saudinewsnet.jsonl.gz");
    let lines: Vec<String> = if big.exists() {
        let f = std::fs::File::open(&big).expect("corpus readable");
        std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f))
            .lines()
            .take(200)
            .map_while(Result::ok)
            .collect()
    } else {
        include_str!("../../../data/sample/articles.jsonl")
            .lines()
            .map(str::to_string)
            .collect()
    };
    let mut words = Vec::new();
    // articles about places of the region, in corpus order
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(&l).unwrap_or_default();
        let t = v["text"].as_str().unwrap_or("");
        words.extend(t.split_whitespace().map(str::to_string));
        if words.len() >= n {
            break;
        }
    }
    words.truncate(n);
    words.join(" ")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("geo");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| {
            Gazetteer::from_gz_layers(&[
                ("main", include_bytes!("../../../data/gazetteer/gazetteer.tsv.gz")),
                ("osm", include_bytes!("../../../data/gazetteer/osm_africa.tsv.gz")),
            ])
            .expect("valid")
            .len()
        })
    });
    g.finish();
    let geo = Geocoder::embedded();
    let mut g = c.benchmark_group("geo");
    g.bench_function("lookup", |b| b.iter(|| geo.g.lookup("الرقة").len()));
    let text = words_of_corpus(1000);
    let a = Analyzed::new(&text);
    let title = Analyzed::new("");
    g.bench_function("article-1000-words", |b| {
        b.iter(|| geo.locate_fields(&[(&title, &[]), (&a, &[])])[1].len())
    });
    g.bench_function("analyse+article-1000-words", |b| {
        b.iter(|| {
            let a = Analyzed::new(&text);
            geo.locate(&a, &[]).len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
