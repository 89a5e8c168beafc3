//! The geocoding stage: places found by [`marsad_geo::Geocoder`] become LOC
//! mentions and the record's `places`; and the [`Document`] methods event
//! extraction uses to pick an event's location.
//!
//! Invariant: `doc.places[i]` is the record place of `doc.body_places[i]`
//! (same order, same length), so the record `places` index of body
//! mention `i` is `i`.

use crate::{Document, Field, Mention, MentionSource, Stage};
use marsad_geo::{Entry, Gazetteer, Geocoder, PlaceMention, Precision};

/// Finds and geocodes places in title and body.
pub struct Geocoding {
    geocoder: Geocoder<'static>,
}

impl Geocoding {
    /// With the gazetteer compiled into marsad.
    pub fn embedded() -> Geocoding {
        Geocoding {
            geocoder: Geocoder::embedded(),
        }
    }

    /// With a given geocoder (another gazetteer or weights).
    pub fn with(geocoder: Geocoder<'static>) -> Geocoding {
        Geocoding { geocoder }
    }
}

/// Token ranges of a field taken by entities that are not places.
fn blocked(doc: &Document, f: Field) -> Vec<(usize, usize)> {
    doc.mentions
        .iter()
        .filter(|m| m.field == f && m.kind != "LOC")
        .map(|m| (m.tok_start, m.tok_end))
        .collect()
}

impl Stage for Geocoding {
    fn name(&self) -> &'static str {
        "geocoding"
    }

    fn run(&self, doc: &mut Document) {
        let (bt, bb) = (blocked(doc, Field::Title), blocked(doc, Field::Body));
        let mut found = self
            .geocoder
            .locate_fields(&[(&doc.title, bt.as_slice()), (&doc.body, bb.as_slice())]);
        let body = found.pop().unwrap_or_default();
        let title = found.pop().unwrap_or_default();
        let g = self.geocoder.g;
        for (f, list) in [(Field::Title, &title), (Field::Body, &body)] {
            // an entity inside a longer place name yields to it ("عين الأسد")
            doc.mentions.retain(|x| {
                x.field != f
                    || !list.iter().any(|m| {
                        !m.fallback
                            && m.tok_start <= x.tok_start
                            && x.tok_end <= m.tok_end
                            && m.tok_end - m.tok_start > x.tok_end - x.tok_start
                    })
            });
            for m in list {
                let entry = m.entry.map(|e| g.entry(e)).filter(|_| !m.fallback);
                doc.add_mention(Mention {
                    field: f,
                    tok_start: m.tok_start,
                    tok_end: m.tok_end,
                    prefix_len: m.prefix_len,
                    kind: "LOC",
                    id: entry.map(|e| e.id().to_string()),
                    canonical: entry.map(|e| e.name_ar().to_string()),
                    canonical_en: entry.map(|e| e.name_en().to_string()).filter(|s| !s.is_empty()),
                    class: None,
                    country: m.entry.map(|e| g.entry(e).country().to_string()),
                    source: MentionSource::Gazetteer,
                });
            }
        }
        doc.places = body.iter().map(|m| self.geocoder.to_record(&doc.body, m)).collect();
        doc.body_places = body;
        doc.title_places = title;
    }
}

impl Document {
    /// The record `places` index of body place mention `i` (the same
    /// index; `None` if out of range).
    pub fn place_index(&self, i: usize) -> Option<usize> {
        (i < self.body_places.len() && i < self.places.len()).then_some(i)
    }

    /// The record place (index into `places`) whose mention covers body
    /// token `tok`.
    pub fn place_at(&self, tok: usize) -> Option<usize> {
        self.body_places
            .iter()
            .position(|m| m.tok_start <= tok && tok < m.tok_end)
    }

    /// Record places (indices into `places`) whose mentions overlap body
    /// tokens `a..b`, in text order.
    pub fn places_in(&self, a: usize, b: usize) -> Vec<usize> {
        (0..self.body_places.len())
            .filter(|&i| {
                let m = &self.body_places[i];
                m.tok_start < b && a < m.tok_end
            })
            .collect()
    }

    /// The place closest to body token `tok` in its sentence (by token
    /// distance; on ties the finer precision, then the later one), if any.
    pub fn nearest_place(&self, tok: usize) -> Option<usize> {
        if tok >= self.body.tokens.len() {
            return None;
        }
        let snt = self.body.sentence_of(tok);
        (0..self.body_places.len())
            .filter(|&i| self.body.sentence_of(self.body_places[i].tok_start) == snt)
            .min_by_key(|&i| {
                let m = &self.body_places[i];
                let d = if tok < m.tok_start {
                    m.tok_start - tok
                } else {
                    tok.saturating_sub(m.tok_end - 1)
                };
                (d, m.precision, std::cmp::Reverse(i))
            })
    }

    /// The gazetteer entry that locates body place `i` (the containing
    /// place for a fallback).
    pub fn place_entry(&self, i: usize) -> Option<Entry<'static>> {
        let m = self.body_places.get(i)?;
        m.entry.map(|e| Gazetteer::embedded().entry(e))
    }

    /// The first body place (index into `places`) located at gazetteer
    /// entry `entry`: ties a title place to the body.
    pub fn body_place_of_entry(&self, entry: u32) -> Option<usize> {
        self.body_places.iter().position(|m| m.entry == Some(entry))
    }

    /// The precision of body place `i`.
    pub fn place_precision(&self, i: usize) -> Option<Precision> {
        self.body_places.get(i).map(|m| m.precision)
    }

    /// The body place mentions (same order as `places`).
    pub fn place_mentions(&self) -> &[PlaceMention] {
        &self.body_places
    }
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use marsad_ingest::Article;

    fn doc(text: &str) -> crate::Document {
        let art = Article::from_text("", text, None);
        Extractor::new().analyse(&art)
    }

    #[test]
    fn places_and_mentions_share_their_order() {
        let d = doc("قصفت الطائرات مدينة الرقة شمال سوريا ثم حلب");
        assert_eq!(d.places.len(), d.body_places.len());
        assert!(d.places.len() >= 2, "{:?}", d.places);
        for (i, m) in d.body_places.iter().enumerate() {
            assert_eq!(d.place_index(i), Some(i));
            assert_eq!(d.place_at(m.tok_start), Some(i));
        }
        let raqqa = d
            .places
            .iter()
            .position(|p| p.text == "مدينة الرقة")
            .expect("Raqqa found");
        assert_eq!(d.places[raqqa].country.as_deref(), Some("SY"));
        assert_eq!(d.places[raqqa].precision, "city");
        // the verb "قصفت" (token 0) is nearest to the first place of its sentence
        assert_eq!(d.nearest_place(0), Some(0));
    }

    #[test]
    fn organisations_are_not_places() {
        let d = doc("سيطرت قوات سوريا الديمقراطية على بلدة عين عيسى");
        assert!(d.places.iter().all(|p| p.text != "سوريا"), "{:?}", d.places);
        assert!(d.places.iter().any(|p| p.text.contains("عين عيسى")));
    }
}
