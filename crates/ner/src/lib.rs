//! Arabic named-entity recognition for marsad.
//!
//! * [`conll`]: CoNLL reading and conlleval-style entity scoring.
//! * [`clusters`]: word clusters learned from unlabelled news.
//! * [`features`]: the token features the tagger sees.
//! * [`model`]: an averaged structured perceptron over BIO tags with
//!   Viterbi decoding, its training and its compact file format.
//!
//! [`Tagger`] bundles a model with the cluster table and name lists its
//! features were computed with; [`Tagger::embedded`] is the one shipped in
//! `data/ner/` (trained on ANERcorp, see docs/ner.md).

pub mod clusters;
pub mod conll;
pub mod features;
pub mod model;
pub mod rng;
pub mod stack;

use conll::Span;
use features::Featurizer;
use model::Model;
use std::sync::OnceLock;

/// Why a tagger could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Model(#[from] model::ModelError),
    #[error(transparent)]
    Clusters(#[from] clusters::ClusterError),
    #[error(transparent)]
    Names(#[from] features::NamesError),
}

/// A trained model with the resources its features need.
///
/// `model` is the first pass; `stage2`, when present, re-tags with the
/// first pass's tags of the same words elsewhere in the document
/// ([`stack`]).
pub struct Tagger {
    pub featurizer: Featurizer,
    pub model: Model,
    pub stage2: Option<Model>,
    /// Both passes' weights in one table (built on load).
    pair: Option<model::Pair>,
}

/// The shipped model file.
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/ner/model.bin");
/// The shipped cluster table.
pub const EMBEDDED_CLUSTERS: &str = include_str!("../../../data/ner/clusters.tsv");
/// The shipped name lists.
pub const EMBEDDED_NAMES: &str = include_str!("../../../data/ner/names.tsv");

const STACK_MAGIC: &[u8; 8] = b"MNERSTK1";

/// The file form of a one- or two-stage tagger's models.
pub fn models_to_bytes(m1: &Model, m2: Option<&Model>) -> Vec<u8> {
    match m2 {
        None => m1.to_bytes(),
        Some(m2) => {
            let (a, b) = (m1.to_bytes(), m2.to_bytes());
            let mut out = STACK_MAGIC.to_vec();
            out.extend_from_slice(&(a.len() as u64).to_le_bytes());
            out.extend_from_slice(&a);
            out.extend_from_slice(&b);
            out
        }
    }
}

fn models_from_bytes(b: &[u8]) -> Result<(Model, Option<Model>), LoadError> {
    if let Some(rest) = b.strip_prefix(STACK_MAGIC) {
        let len = rest
            .get(..8)
            .and_then(|x| x.try_into().ok())
            .map(u64::from_le_bytes)
            .ok_or(model::ModelError::Truncated)? as usize;
        let m1 = rest.get(8..8 + len).ok_or(model::ModelError::Truncated)?;
        let m2 = rest.get(8 + len..).ok_or(model::ModelError::Truncated)?;
        Ok((Model::from_bytes(m1)?, Some(Model::from_bytes(m2)?)))
    } else {
        Ok((Model::from_bytes(b)?, None))
    }
}

impl Tagger {
    /// Build from a model file's bytes, the cluster table and the name lists.
    pub fn from_parts(model: &[u8], clusters: &str, names: &str) -> Result<Tagger, LoadError> {
        let featurizer = Featurizer::from_texts(clusters, names)?;
        let (model, stage2) = models_from_bytes(model)?;
        if model.resources != featurizer.fingerprint
            || stage2.as_ref().is_some_and(|m| m.resources != featurizer.fingerprint)
        {
            return Err(model::ModelError::Resources.into());
        }
        let pair = stage2.as_ref().and_then(|m2| model::Pair::new(&model, m2));
        Ok(Tagger {
            featurizer,
            model,
            stage2,
            pair,
        })
    }

    /// The tagger shipped with marsad (compiled in), loaded once.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| {
            Tagger::from_parts(EMBEDDED_MODEL, EMBEDDED_CLUSTERS, EMBEDDED_NAMES)
                .expect("the embedded NER model is valid (checked by tests)")
        })
    }

    /// Tags (`O`, `B-PERS`, …) of a sentence of raw tokens.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<&str> {
        let folded: Vec<String> = tokens.iter().map(|t| marsad_text::fold_str(t.as_ref())).collect();
        let f: Vec<&str> = folded.iter().map(String::as_str).collect();
        self.tag_document(&[f]).pop().unwrap_or_default()
    }

    /// Tags of a document: sentences of folded tokens (as
    /// [`marsad_text::Analyzed::tok`] or [`marsad_text::fold_str`] give
    /// them), in order. Sentences within [`stack::WINDOW`] of each other
    /// inform each other's tags.
    pub fn tag_document(&self, doc: &[Vec<&str>]) -> Vec<Vec<&str>> {
        let keys: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.iter().map(|w| features::word_key(w)).collect())
            .collect();
        let feats: Vec<features::SentenceFeatures> = keys.iter().map(|k| self.featurizer.features(k)).collect();
        let t = self.model.tags.len();
        let mut idx = Vec::new();
        // first-pass scores, and the second pass's scores of the same features
        let mut base2: Vec<Vec<f32>> = Vec::with_capacity(feats.len());
        let mut first: Vec<Vec<&str>> = Vec::with_capacity(feats.len());
        for sf in &feats {
            let n = sf.len();
            let mut em = vec![0f32; n * t];
            let mut em2 = vec![0f32; n * t];
            for i in 0..n {
                let (r1, r2) = (&mut em[i * t..(i + 1) * t], &mut em2[i * t..(i + 1) * t]);
                match &self.pair {
                    Some(p) => p.add_scores(sf.token(i), r1, r2),
                    None => self.model.add_scores(sf.token(i), r1),
                }
            }
            self.model.decode_scores(&mut em, &mut idx);
            first.push(idx.iter().map(|&i| self.model.tags[i].as_str()).collect());
            base2.push(em2);
        }
        let Some(m2) = &self.stage2 else {
            return first
                .iter()
                .map(|s| {
                    s.iter()
                        .map(|x| self.model.bio[self.model.tags.iter().position(|y| y == x).unwrap_or(0)].as_str())
                        .collect()
                })
                .collect();
        };
        let stems: Vec<Vec<&str>> = keys
            .iter()
            .map(|s| s.iter().map(|w| marsad_text::clitic::strip(w)).collect())
            .collect();
        let extra = stack::context_features(&keys, &stems, &first);
        let mut out = Vec::with_capacity(feats.len());
        for ((sf, mut em2), ex) in feats.iter().zip(base2).zip(extra) {
            for (i, x) in ex.iter().enumerate() {
                let row = &mut em2[i * t..(i + 1) * t];
                if self.pair.is_none() {
                    m2.add_scores(sf.token(i), row);
                }
                m2.add_scores(x, row);
            }
            m2.decode_scores(&mut em2, &mut idx);
            out.push(idx.iter().map(|&i| m2.bio[i].as_str()).collect());
        }
        out
    }

    /// Entity spans per sentence of a document of folded tokens; types as
    /// the corpus names them (`PERS`, `ORG`, `LOC`, `MISC`).
    pub fn entities_document(&self, doc: &[Vec<&str>]) -> Vec<Vec<Span>> {
        self.tag_document(doc).iter().map(|t| conll::spans(t)).collect()
    }
}

/// Train a tagger: the first pass on `data`, and with `folds > 1` a second
/// pass on first-pass tags obtained by `folds`-fold cross-validation over
/// `data` (contiguous folds, in corpus order).
pub fn train_tagger(
    featurizer: Featurizer,
    data: &[conll::Sentence],
    weights: &[f32],
    cfg: &model::TrainConfig,
    folds: usize,
    mut log: impl FnMut(&str),
) -> Tagger {
    use rayon::prelude::*;
    let folded: Vec<Vec<String>> = data
        .iter()
        .map(|s| s.tokens.iter().map(|t| marsad_text::fold_str(t)).collect())
        .collect();
    let keys: Vec<Vec<&str>> = folded
        .iter()
        .map(|s| s.iter().map(|w| features::word_key(w)).collect())
        .collect();
    let feats: Vec<features::SentenceFeatures> = keys.par_iter().map(|k| featurizer.features(k)).collect();
    let fp = featurizer.fingerprint;
    let m1 = model::train_features(fp, &feats, data, weights, cfg, |r| {
        log(&format!("stage 1 epoch {}: {} sentences wrong", r.epoch, r.mistakes))
    });
    if folds < 2 {
        return Tagger {
            featurizer,
            model: m1,
            stage2: None,
            pair: None,
        };
    }
    // jackknifed first-pass tags
    let n = data.len();
    let mut first: Vec<Vec<String>> = vec![Vec::new(); n];
    for k in 0..folds {
        let (a, b) = (n * k / folds, n * (k + 1) / folds);
        let idx: Vec<usize> = (0..a).chain(b..n).collect();
        let sub_f: Vec<features::SentenceFeatures> = idx.iter().map(|&i| feats[i].clone()).collect();
        let sub_d: Vec<conll::Sentence> = idx.iter().map(|&i| data[i].clone()).collect();
        let sub_w: Vec<f32> = idx.iter().map(|&i| weights.get(i).copied().unwrap_or(1.0)).collect();
        let m = model::train_features(fp, &sub_f, &sub_d, &sub_w, cfg, |_| {});
        let mut out = Vec::new();
        for i in a..b {
            m.decode(&feats[i], &mut out);
            first[i] = out.iter().map(|&t| m.tags[t].clone()).collect();
        }
        log(&format!("fold {} of {folds} tagged", k + 1));
    }
    let tags: Vec<Vec<&str>> = first.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let stems: Vec<Vec<&str>> = keys
        .iter()
        .map(|s| s.iter().map(|w| marsad_text::clitic::strip(w)).collect())
        .collect();
    let mut feats2 = feats;
    stack::add_context_features(&mut feats2, &keys, &stems, &tags);
    let m2 = model::train_features(fp, &feats2, data, weights, cfg, |r| {
        log(&format!("stage 2 epoch {}: {} sentences wrong", r.epoch, r.mistakes))
    });
    let pair = model::Pair::new(&m1, &m2);
    Tagger {
        featurizer,
        model: m1,
        stage2: Some(m2),
        pair,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tagger_loads_and_finds_names() {
        let t = Tagger::embedded();
        assert!(t.model.tags.iter().any(|x| x == "B-PERS"));
        let toks = ["وقال", "الرئيس", "الفرنسي", "جاك", "شيراك", "في", "باريس", "."];
        let tags = t.tag(&toks);
        assert_eq!(tags.len(), toks.len());
        assert_eq!(tags[3], "B-PERS", "{tags:?}");
        assert_eq!(tags[6], "B-LOC", "{tags:?}");
        assert_eq!(tags[0], "O");
    }
}
