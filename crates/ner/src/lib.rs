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

use clusters::ClusterTable;
use conll::Span;
use features::{Featurizer, NameLists};
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
pub struct Tagger {
    pub featurizer: Featurizer,
    pub model: Model,
}

/// The shipped model file.
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/ner/model.bin");
/// The shipped cluster table.
pub const EMBEDDED_CLUSTERS: &str = include_str!("../../../data/ner/clusters.tsv");
/// The shipped name lists.
pub const EMBEDDED_NAMES: &str = include_str!("../../../data/ner/names.tsv");

impl Tagger {
    /// Build from the three resources.
    pub fn from_parts(model: &[u8], clusters: &str, names: &str) -> Result<Tagger, LoadError> {
        Ok(Tagger {
            featurizer: Featurizer {
                clusters: ClusterTable::from_tsv(clusters)?,
                names: NameLists::from_tsv(names)?,
            },
            model: Model::from_bytes(model)?,
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
        let sf = self.featurizer.sentence(tokens);
        let mut out = Vec::new();
        self.model.decode(&sf, &mut out);
        out.into_iter().map(|i| self.model.tags[i].as_str()).collect()
    }

    /// Tags of a sentence of already folded tokens (as
    /// [`marsad_text::Analyzed::tok`] gives them).
    pub fn tag_folded(&self, folded: &[&str]) -> Vec<&str> {
        let keys: Vec<&str> = folded.iter().map(|w| features::word_key(w)).collect();
        let sf = self.featurizer.features(&keys);
        let mut out = Vec::new();
        self.model.decode(&sf, &mut out);
        out.into_iter().map(|i| self.model.tags[i].as_str()).collect()
    }

    /// Entity spans of a sentence of already folded tokens; types as the
    /// corpus names them (`PERS`, `ORG`, `LOC`, `MISC`).
    pub fn entities_folded(&self, folded: &[&str]) -> Vec<Span> {
        conll::spans(&self.tag_folded(folded))
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
