//! The article record, the one shape every part of marsad writes and reads.
//!
//! These types serialise to exactly the JSON of `spec/record.md`. Offsets
//! are Unicode scalar (char) offsets into `text`, end exclusive. Fields may
//! be added; the ones here keep their names and meanings.

use serde::{Deserialize, Serialize};

/// One article and everything extracted from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The input's own id when it has one, else a stable hash of the
    /// normalised title and body.
    pub id: String,
    pub source: Source,
    pub title: String,
    /// The body exactly as read (after decoding and main-content extraction).
    pub text: String,
    /// ISO date (`YYYY-MM-DD`) or null.
    pub published: Option<String>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
}

/// Where an article came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// `file`, `url`, `feed` or `warc`.
    pub kind: String,
    /// Path (with `:line` for line-based inputs), URL or WARC record id.
    pub locator: String,
    /// The publishing outlet when known.
    pub outlet: Option<String>,
}

/// A named-entity mention.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical id from the actor/place lexicon, or null.
    pub id: Option<String>,
    pub canonical: Option<String>,
    pub canonical_en: Option<String>,
}

/// A geocoded place mention.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub geonames_id: Option<u64>,
    pub name: String,
    pub name_en: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    /// `neighbourhood`, `city`, `admin2`, `admin1`, `country` or `region`.
    pub precision: String,
}

/// One real-world event reported in the article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// ACLED event type in snake_case (`battles`, `explosions_remote_violence`,
    /// `violence_against_civilians`, `protests`, `riots`,
    /// `strategic_developments`).
    #[serde(rename = "type")]
    pub kind: String,
    /// ACLED sub-event type in snake_case.
    pub sub_type: String,
    pub trigger: Span,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub location: Option<Location>,
    pub date: Option<EventDate>,
    pub fatalities: Option<Fatalities>,
    pub attribution: Option<Attribution>,
    /// `asserted`, `reported`, `denied` or `planned`.
    pub status: String,
    pub confidence: f64,
}

/// A span of `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// An event participant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub text: String,
    pub id: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub text: String,
    /// Index into the record's `places`, or null.
    pub place: Option<usize>,
}

/// When an event happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// ISO date, null when it cannot be resolved (no publication date).
    /// With a coarser precision it is the first day of the period.
    pub value: Option<String>,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// The expression in the text.
    pub text: String,
}

/// A count range; either bound may be unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// Casualties of an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fatalities {
    pub killed: Option<Range>,
    pub wounded: Option<Range>,
    /// Used when the text does not separate the two ("قتل وأصيب سبعة").
    pub killed_or_wounded: Option<Range>,
}

/// Who says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub speaker: Option<String>,
    pub source: Option<String>,
    pub verb: Option<String>,
}

pub const EVENT_TYPES: &[&str] = &[
    "battles",
    "explosions_remote_violence",
    "violence_against_civilians",
    "protests",
    "riots",
    "strategic_developments",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_spec_field_names() {
        let r = Record {
            id: "x".into(),
            entities: vec![Entity {
                kind: "ORG".into(),
                ..Default::default()
            }],
            events: vec![Event {
                kind: "battles".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let v: serde_json::Value = serde_json::to_value(&r).unwrap();
        assert_eq!(v["entities"][0]["type"], "ORG");
        assert_eq!(v["events"][0]["type"], "battles");
        assert!(v["published"].is_null());
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }
}
