//! The document under analysis and the mentions stages attach to it.

use marsad_geo::PlaceMention;
use marsad_ingest::Article;
use marsad_lexicon::MatchText;
use marsad_record::{Entity, Event, Place, Record, Source};
use marsad_text::Analyzed;

/// Which part of the article a span is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
}

/// Who found a mention; earlier variants win overlaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionSource {
    /// The actor lexicon.
    Lexicon,
    /// The gazetteer.
    Gazetteer,
    /// A title or other cue phrase.
    Cue,
    /// A statistical model.
    Model,
}

/// A named-entity mention on tokens `tok_start..tok_end` of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub field: Field,
    pub tok_start: usize,
    pub tok_end: usize,
    /// Bytes of proclitics (و ب ل …) before the name in its first token,
    /// in the normalised text; they are left out of the entity's span.
    pub prefix_len: usize,
    /// PER, ORG, LOC or MISC.
    pub kind: &'static str,
    pub id: Option<String>,
    pub canonical: Option<String>,
    pub canonical_en: Option<String>,
    /// Actor class for event coding (military, armed_group, …), if known.
    pub class: Option<String>,
    /// Country the entity belongs to, if known.
    pub country: Option<String>,
    pub source: MentionSource,
}

/// An article analysed, with everything stages found so far.
pub struct Document {
    pub id: String,
    pub source: Source,
    pub published: Option<chrono::NaiveDate>,
    pub title: Analyzed,
    pub body: Analyzed,
    pub title_mt: MatchText,
    pub body_mt: MatchText,
    /// Entity mentions of both fields, in no particular order.
    pub mentions: Vec<Mention>,
    /// Place mentions per field.
    pub title_places: Vec<PlaceMention>,
    pub body_places: Vec<PlaceMention>,
    /// The record places of `body_places`, same order.
    pub places: Vec<Place>,
    pub events: Vec<Event>,
}

impl Document {
    /// Analyse the title and body of an article.
    pub fn new(article: &Article) -> Document {
        let title = Analyzed::new(&article.title);
        let body = Analyzed::new(&article.text);
        let title_mt = MatchText::new(&title);
        let body_mt = MatchText::new(&body);
        Document {
            id: article.id.clone(),
            source: Source {
                kind: article.source_kind.clone(),
                locator: article.locator.clone(),
                outlet: article.outlet.clone(),
            },
            published: article.published,
            title,
            body,
            title_mt,
            body_mt,
            mentions: Vec::new(),
            title_places: Vec::new(),
            body_places: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The analysed text of a field.
    pub fn field(&self, f: Field) -> &Analyzed {
        match f {
            Field::Title => &self.title,
            Field::Body => &self.body,
        }
    }

    /// The match text of a field.
    pub fn match_text(&self, f: Field) -> &MatchText {
        match f {
            Field::Title => &self.title_mt,
            Field::Body => &self.body_mt,
        }
    }

    /// True if tokens `a..b` of field `f` overlap an existing mention.
    pub fn overlaps(&self, f: Field, a: usize, b: usize) -> bool {
        self.mentions
            .iter()
            .any(|m| m.field == f && a < m.tok_end && m.tok_start < b)
    }

    /// Add a mention unless it overlaps one from an earlier-ranked source.
    /// Mentions it overlaps from later-ranked sources are removed.
    pub fn add_mention(&mut self, m: Mention) -> bool {
        let clash = |x: &Mention| x.field == m.field && m.tok_start < x.tok_end && x.tok_start < m.tok_end;
        if self.mentions.iter().any(|x| clash(x) && x.source <= m.source) {
            return false;
        }
        self.mentions.retain(|x| !clash(x));
        self.mentions.push(m);
        true
    }

    /// The record: body entities (in text order), places and events.
    pub fn into_record(mut self) -> Record {
        self.mentions.sort_by_key(|m| (m.field == Field::Body, m.tok_start));
        let body = &self.body;
        let entities = self
            .mentions
            .iter()
            .filter(|m| m.field == Field::Body)
            .map(|m| {
                let start = marsad_lexicon::name_start(body, m.tok_start, m.prefix_len) as usize;
                let end = body.tokens[m.tok_end - 1].end as usize;
                Entity {
                    start,
                    end,
                    text: body.raw_slice(start, end).to_string(),
                    kind: m.kind.to_string(),
                    id: m.id.clone(),
                    canonical: m.canonical.clone(),
                    canonical_en: m.canonical_en.clone(),
                }
            })
            .collect();
        Record {
            id: self.id,
            source: self.source,
            title: self.title.raw,
            text: self.body.raw,
            published: self.published.map(|d| d.to_string()),
            entities,
            places: self.places,
            events: self.events,
        }
    }
}
