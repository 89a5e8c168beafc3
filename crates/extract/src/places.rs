//! The geocoding stage: places from the gazetteer become LOC mentions and
//! the record's `places`.

use crate::{Document, Field, Mention, MentionSource, Stage};
use marsad_geo::Gazetteer;

/// Finds and geocodes places in title and body.
pub struct Geocoding {
    gazetteer: &'static Gazetteer,
}

impl Geocoding {
    /// With the gazetteer compiled into marsad.
    pub fn embedded() -> Geocoding {
        Geocoding {
            gazetteer: Gazetteer::embedded(),
        }
    }
}

impl Stage for Geocoding {
    fn name(&self) -> &'static str {
        "geocoding"
    }

    fn run(&self, doc: &mut Document) {
        for f in [Field::Title, Field::Body] {
            let found = self.gazetteer.locate(doc.field(f), doc.match_text(f));
            let mut kept = Vec::new();
            for m in found {
                // a name after a given name belongs to a person ("إبراهيم الحسن")
                let a = doc.field(f);
                if m.cue.is_none()
                    && m.tok_start > 0
                    && marsad_lexicon::cues::is_given_name(a.tok(m.tok_start - 1))
                    && !a.tok(m.tok_start - 1).starts_with("ال")
                {
                    continue;
                }
                // an actor name that contains a place ("قوات سوريا الديمقراطية")
                // keeps the place out
                let entry = m.entry.map(|e| &self.gazetteer.entries[e]);
                let added = doc.add_mention(Mention {
                    field: f,
                    tok_start: m.tok_start,
                    tok_end: m.tok_end,
                    prefix_len: m.prefix_len,
                    kind: "LOC",
                    id: entry.filter(|_| !m.fallback).map(|e| e.id.clone()),
                    canonical: entry.filter(|_| !m.fallback).map(|e| e.name_ar.clone()),
                    canonical_en: entry.filter(|_| !m.fallback).map(|e| e.name_en.clone()),
                    class: None,
                    country: entry.map(|e| e.country.clone()),
                    source: MentionSource::Gazetteer,
                });
                if added {
                    kept.push(m);
                }
            }
            match f {
                Field::Title => doc.title_places = kept,
                Field::Body => {
                    doc.places = kept.iter().map(|m| self.gazetteer.to_record(&doc.body, m)).collect();
                    doc.body_places = kept;
                }
            }
        }
    }
}
