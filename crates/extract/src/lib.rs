//! The extraction pipeline: from an [`Article`] to a [`Record`].
//!
//! An article is analysed once into a [`Document`] (title and body each
//! normalised, tokenised and split into sentences), then a fixed sequence
//! of [`Stage`]s adds what they find to it:
//!
//! 1. [`entities::LexiconEntities`]: actors from the actor lexicon;
//! 2. [`places::Geocoding`]: places from the gazetteer, disambiguated;
//! 3. [`entities::OrgNames`]: organisations named by a head noun and its
//!    definite complements ("وزارة الداخلية");
//! 4. [`entities::TitlePersons`]: persons named after a title;
//! 5. [`ner::ModelEntities`]: names the trained tagger finds that no list has;
//! 6. [`events::Events`]: the events, their arguments, merged one per
//!    real-world event.
//!
//! Each stage reads what earlier stages wrote and adds its own layer; none
//! does I/O. [`Extractor::extract`] is a pure function of the article.

pub mod document;
pub mod entities;
pub mod events;
pub mod ner;
pub mod places;

pub use document::{Document, Field, Mention, MentionSource};

use marsad_ingest::Article;
use marsad_record::Record;

/// One step of the pipeline.
pub trait Stage: Send + Sync {
    /// A short name for diagnostics.
    fn name(&self) -> &'static str;
    /// Add this stage's findings to `doc`.
    fn run(&self, doc: &mut Document);
}

/// The configured pipeline.
pub struct Extractor {
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// The standard pipeline with the embedded lexicons and gazetteer.
    pub fn new() -> Extractor {
        Extractor {
            stages: vec![
                Box::new(entities::LexiconEntities::embedded()),
                Box::new(places::Geocoding::embedded()),
                Box::new(entities::OrgNames::embedded()),
                Box::new(entities::TitlePersons::embedded()),
                Box::new(ner::ModelEntities::embedded()),
                Box::new(events::Events::embedded()),
            ],
        }
    }

    /// A pipeline of the given stages, in order.
    pub fn with_stages(stages: Vec<Box<dyn Stage>>) -> Extractor {
        Extractor { stages }
    }

    /// Append a stage.
    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Analyse an article and run every stage over it.
    pub fn analyse(&self, article: &Article) -> Document {
        let mut doc = Document::new(article);
        for s in &self.stages {
            s.run(&mut doc);
        }
        doc
    }

    /// The record of one article.
    pub fn extract(&self, article: &Article) -> Record {
        self.analyse(article).into_record()
    }
}
