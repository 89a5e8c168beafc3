//! The shipped model against ANERcorp's training split in `../shared`
//! (skipped with a message when it is absent).
//!
//! The shipped model was trained on all of `train.txt`, so this checks that
//! the model, cluster table and name lists compiled into marsad fit
//! together and that document-order tagging reproduces training-time
//! features: a model loaded with the wrong resources or features computed
//! differently would score far lower. (The held-out figures are made with
//! `marsad ner train --dev-split 0.1`, see docs/ner.md.)
use marsad_ner::Tagger;
use marsad_ner::conll::{Score, parse};
use std::path::PathBuf;

#[test]
fn shipped_model_fits_its_training_corpus() {
    let shared = std::env::var("MARSAD_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let path = PathBuf::from(shared).join("data/anercorp/train.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found (set MARSAD_SHARED)", path.display());
        return;
    };
    let data = parse("train.txt", &text).expect("ANERcorp parses");
    let tail = &data[data.len() - 400..];
    let folded: Vec<Vec<String>> = tail
        .iter()
        .map(|s| s.tokens.iter().map(|t| marsad_text::fold_str(t)).collect())
        .collect();
    let doc: Vec<Vec<&str>> = folded.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let tags = Tagger::embedded().tag_document(&doc);
    let mut sc = Score::default();
    for (s, p) in tail.iter().zip(&tags) {
        sc.add(&s.tags, p);
    }
    assert!(sc.total.f1() > 0.9, "{}", sc.report());
    assert!(sc.by_type.contains_key("PERS"));
}
