//! Places: the Arabic gazetteer marsad ships and the geocoder that finds
//! places in analysed text, chooses among same-name entries and says how
//! precisely each mention is located.
//!
//! # The gazetteer
//!
//! [`Gazetteer::embedded`] is compiled by `marsad gazetteer build` (see
//! [`compile`]) from GeoNames (CC BY 4.0), Who's On First, Open-Syria
//! (CC BY 4.0), yemen-regions-py (MIT) and the project's curated file
//! (`data/gazetteer/curated.tsv`: neighbourhoods, bases, airports,
//! crossings, camps, bridges, prisons, regions …, each with its source),
//! plus OpenStreetMap (ODbL) kept as a separate layer file. Entries keep
//! the Arabic and English names, coordinates, [`Kind`], country, admin1,
//! admin2, containing place and population; names are indexed by their
//! normalised key ([`name_key`]: الرقة = الرقه, harakat and hamza forms
//! folded). The compiled files are gzipped text embedded in the binary and
//! indexed on first use (about 40 ms; see `cargo bench -p marsad-geo`).
//!
//! # The geocoder
//!
//! [`Geocoder::locate_fields`] finds place mentions in the fields of an
//! article (see [`geocode`] for the method): recognition in context (place
//! cues, the entity layer, name statistics that tell place names from
//! common words), disambiguation by the article's other places, kind and
//! population, and fallback to the containing place with a coarser
//! [`Precision`] when the specific place is unknown.
//!
//! # For event extraction
//!
//! Each [`PlaceMention`] gives its token span (`tok_start..tok_end`, cue
//! and direction words included; `name_start` where the name itself
//! begins), the chosen gazetteer `entry` (an index: [`Gazetteer::entry`]),
//! whether the entry is a `fallback` (the containing place standing in
//! for an unknown one), the type `cue` before it ("حي", "مدينه", "مطار"),
//! the `precision`, the `container` (a neighbourhood's or site's city, or
//! a fallback's stand-in), and for "75 كم شمال غرب X" the `distance_km`
//! and `bearing` ([`offset`] turns them into a point).
//!
//! In `marsad-extract`, the geocoding stage stores the body mentions in
//! `Document::body_places` and their record places in `Document::places`
//! **in the same order**: the record `places` index of body mention `i`
//! is `i` (`Document::place_index`). `Document::place_at(tok)` gives the
//! place covering a body token, `Document::places_in(a, b)` those in a
//! token range, `Document::nearest_place(tok)` the closest place in the
//! token's sentence (finest precision on ties), and
//! `Document::body_place_of_entry` the first body place of a gazetteer
//! entry (to tie a title place to the body). A location is usually the
//! finest place in the event's clause; prefer a mention whose `container`
//! or `entry` agrees with the article's other places.

pub mod compile;
pub mod cues;
pub mod gazetteer;
pub mod geocode;
pub mod kind;
pub mod matching;
pub mod stats;

pub use cues::{Cue, CueRole, Cues};
pub use gazetteer::{Entry, Gazetteer, GazetteerError, km, name_key, offset};
pub use geocode::{Geocoder, Params, PlaceMention, is_common_word};
pub use kind::{Kind, Precision};
