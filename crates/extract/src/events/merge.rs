//! One event per real-world event: merging mentions, and the record.
//!
//! Two mentions are one event when they have the same type, compatible
//! sub-types, compatible places (the same place, or one inside the other:
//! a fallback neighbourhood of a city, a city of a province, anything of a
//! country), compatible dates (not two different dates each read in its own
//! clause) and compatible initiators (not two different named actors).
//! Across a topic shift two mentions that both report (own date or
//! casualties) stay apart. A mention may also *elaborate* the one before it
//! (within two sentences, same initiator and province): "غارات على مدينة
//! الحديدة … استهدف طيران التحالف مبنى في مدينة حيس جنوبي الحديدة" — the
//! later, more detailed place wins. Title mentions only merge into body
//! events; a title with no body event is not coded.

use super::{DateArg, EventMention, PlaceArg};
use crate::{Document, Field};
use marsad_geo::Gazetteer;
use marsad_record::{Actor, Event, EventDate, Fatalities, Location, Range, Span};

/// Add counts reported again or in a following clause: the larger reading
/// of each field wins (a repeated report is not a second toll).
pub fn add_fatalities(slot: &mut Option<Fatalities>, f: &Fatalities) {
    let s = slot.get_or_insert_with(Fatalities::default);
    let mx = |a: &mut Option<Range>, b: &Option<Range>| {
        if let Some(b) = b {
            match a {
                None => *a = Some(*b),
                Some(x) => {
                    if b.min.unwrap_or(0) > x.min.unwrap_or(0) {
                        *x = *b;
                    }
                }
            }
        }
    };
    mx(&mut s.killed, &f.killed);
    mx(&mut s.wounded, &f.wounded);
    mx(&mut s.killed_or_wounded, &f.killed_or_wounded);
}

fn sub_compatible(a: &str, b: &str) -> bool {
    let battle = |x: &str| x.ends_with("territory") || x == "armed_clash";
    a == b || a.is_empty() || b.is_empty() || (battle(a) && battle(b))
}

/// A protest told first and then dispersed ("وقفة احتجاجية … وتدخلت قوات
/// الأمن لتفريق المحتجين") is one protest with intervention.
fn dispersed_protest(first: &str, then: &str) -> bool {
    first == "peaceful_protest" && then == "protest_with_intervention"
}

/// Is place `b` the same as, inside, or around place `a`?
fn places_compatible(g: &Gazetteer, a: &PlaceArg, b: &PlaceArg) -> bool {
    if a.entry.is_some() && a.entry == b.entry && !a.fallback && !b.fallback {
        return true;
    }
    if a.fallback && b.fallback {
        // two unknown places inside one known place are the same only by name
        return marsad_text::fold_str(&a.text) == marsad_text::fold_str(&b.text);
    }
    if a.fallback || b.fallback {
        // an unknown named place is inside the known place it fell back to
        return a.entry.is_some() && a.entry == b.entry;
    }
    let (Some(ea), Some(eb)) = (a.entry, b.entry) else {
        return a.text == b.text;
    };
    let (ea, eb) = (g.entry(ea as u32), g.entry(eb as u32));
    if ea.country() != eb.country() {
        return false;
    }
    // a country contains everything in it; a province its towns; a city
    // its neighbourhoods
    a.rank == 5 || b.rank == 5 || ea.is_within(&eb) || eb.is_within(&ea)
}

fn dates_compatible(a: &Option<DateArg>, b: &Option<DateArg>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) if x.own && y.own => x.value == y.value,
        _ => true,
    }
}

fn actors_compatible(a: &EventMention, b: &EventMention) -> bool {
    match (&a.actor1, &b.actor1) {
        (Some(x), Some(y)) => (x.id.is_some() && x.id == y.id) || x.text == y.text || x.id.is_none() || y.id.is_none(),
        _ => true,
    }
}

/// The same province (or, lacking one, country) for elaboration.
fn same_province(g: &Gazetteer, a: &PlaceArg, b: &PlaceArg) -> bool {
    let (Some(ea), Some(eb)) = (a.entry, b.entry) else {
        return false;
    };
    let (ea, eb) = (g.entry(ea as u32), g.entry(eb as u32));
    let (pa, pb) = (ea.admin1().map(|x| x.index()), eb.admin1().map(|x| x.index()));
    ea.country() == eb.country() && pa.is_some() && pa == pb
}

/// How well mention `m` joins event `e`; None if it cannot.
fn join_score(g: &Gazetteer, e: &EventMention, last_sentence: usize, m: &EventMention) -> Option<(u8, bool)> {
    if m.distinct && m.field == Field::Body {
        return None;
    }
    // a protest dispersed in the next sentence is the same protest
    let dispersed = dispersed_protest(e.sub_type, m.sub_type)
        && m.field == Field::Body
        && m.segment == e.segment
        && m.sentence <= last_sentence + 1
        && !m.date.as_ref().is_some_and(|d| d.own);
    // a capture claimed and denied is not the fighting told plainly (a lead
    // that names what is denied later is the same event: same sub-type)
    let denial_apart =
        (e.status == "denied") != (m.status == "denied") && e.sub_type != m.sub_type && m.field == Field::Body;
    if e.kind != m.kind
        || denial_apart
        || !(sub_compatible(e.sub_type, m.sub_type) || dispersed)
        || !dates_compatible(&e.date, &m.date)
        || !actors_compatible(e, m)
    {
        return None;
    }
    let same_actor = matches!((&e.actor1, &m.actor1), (Some(x), Some(y)) if x.id.is_some() && x.id == y.id);
    let hearsay = e.hearsay || m.hearsay;
    // across a topic shift only a hearsay reference or the same named actor
    // carries a story on
    if m.field == Field::Body && e.segment != m.segment && !hearsay && !same_actor {
        return None;
    }
    match (&e.place, &m.place) {
        (Some(a), Some(b)) if places_compatible(g, a, b) => Some((if a.entry == b.entry { 3 } else { 2 }, false)),
        // hearsay names its place loosely
        (Some(a), Some(b)) if hearsay && a.country.is_some() && a.country == b.country => Some((1, false)),
        // two triggers of one clause tell one event ("خرج … للتفاوض … وصل إلى … للتفاوض")
        (Some(_), Some(_)) if m.field == Field::Body && m.clauses.iter().any(|c| e.clauses.contains(c)) => {
            Some((1, false))
        }
        (Some(a), Some(b)) => {
            let close = m.field == Field::Body && m.segment == e.segment && m.sentence <= last_sentence + 2;
            if m.anaphoric && close {
                // "التوقيفات جرت …": the arrests told before
                return Some((1, false));
            }
            (close && same_actor && same_province(g, a, b)).then_some((1, true))
        }
        _ => Some((1, false)),
    }
}

/// Merge `m` into `e`. With `elaborate`, `m`'s place replaces `e`'s.
fn absorb(e: &mut EventMention, m: EventMention, elaborate: bool) {
    match (&e.place, &m.place) {
        (None, Some(_)) => {
            e.place = m.place.clone();
            e.place_own = m.place_own;
        }
        (Some(a), Some(b)) if elaborate || (b.rank < a.rank && m.field == Field::Body) => {
            e.place = Some(b.clone());
            e.place_own = m.place_own;
        }
        _ => {}
    }
    let m_own = m.date.as_ref().is_some_and(|d| d.own);
    let e_own = e.date.as_ref().is_some_and(|d| d.own);
    if e.date.is_none() || (m_own && !e_own) {
        e.date = m.date.clone();
    }
    if e.actor1.is_none() {
        e.actor1 = m.actor1.clone();
    }
    if e.actor2.is_none() {
        e.actor2 = m.actor2.clone();
    }
    if e.stand_in.is_none() {
        e.stand_in = m.stand_in.clone();
    }
    let decided = |x: &EventMention| x.actor1.is_some();
    if e.sub_type.is_empty()
        || (e.sub_type == "armed_clash" && m.sub_type.ends_with("territory"))
        || (e.sub_type.ends_with("territory") && m.sub_type.ends_with("territory") && !decided(e) && decided(&m))
        || dispersed_protest(e.sub_type, m.sub_type)
    {
        e.sub_type = m.sub_type;
        e.generic = m.generic;
    }
    if let Some(f) = &m.fatalities {
        add_fatalities(&mut e.fatalities, f);
    }
    if e.attribution.is_none() {
        e.attribution = m.attribution.clone();
    }
    e.status = match (e.status, m.status) {
        ("denied", _) | (_, "denied") => "denied",
        ("asserted", _) | (_, "asserted") => "asserted",
        ("reported", _) | (_, "reported") => "reported",
        (x, _) => x,
    };
    e.confidence = (e.confidence.max(m.confidence) + 0.05).min(0.99);
    // once told plainly, the event is no longer only hearsay
    e.hearsay = e.hearsay && m.hearsay;
    if m.field == Field::Body {
        e.clauses.extend(m.clauses.iter().copied());
    }
    e.segment = e
        .segment
        .max(m.segment)
        .min(if m.field == Field::Body { m.segment } else { e.segment });
}

/// The event `m` joins best, if any: the highest join score; among equals
/// the latest event for body mentions (the story told so far), the
/// earliest for the headline (the lead).
fn best_event(g: &Gazetteer, events: &[(EventMention, usize)], m: &EventMention) -> Option<(usize, bool)> {
    let later = m.field == Field::Body;
    events
        .iter()
        .enumerate()
        .filter_map(|(i, (e, last))| join_score(g, e, *last, m).map(|s| (s, i)))
        .max_by_key(|((s, _), i)| (*s, if later { *i as isize } else { -(*i as isize) }))
        .map(|((_, elaborate), i)| (i, elaborate))
}

/// Merge body mentions (in text order) into events, then fold title
/// mentions into them. Mentions whose type nothing told (a generic attack)
/// are dropped.
pub fn merge(body: Vec<EventMention>, title: Vec<EventMention>, g: &Gazetteer) -> Vec<EventMention> {
    let mut events: Vec<(EventMention, usize)> = Vec::new();
    for m in body.into_iter().filter(|m| !m.sub_type.is_empty()) {
        let sent = m.sentence;
        match best_event(g, &events, &m) {
            Some((i, elaborate)) => {
                absorb(&mut events[i].0, m, elaborate);
                events[i].1 = events[i].1.max(sent);
            }
            None => events.push((m, sent)),
        }
    }
    for m in title.into_iter().filter(|m| !m.sub_type.is_empty()) {
        if let Some((i, _)) = best_event(g, &events, &m) {
            // a headline sums up: its counts are not this event's toll
            absorb(&mut events[i].0, EventMention { fatalities: None, ..m }, false);
        }
    }
    events.into_iter().map(|(e, _)| e).collect()
}

/// The record of a merged event.
pub fn to_record(e: EventMention, doc: &Document, g: &Gazetteer) -> Event {
    let actor = |x: &Option<super::ActorArg>| {
        x.as_ref().map(|x| Actor {
            text: x.text.clone(),
            id: x.id.clone(),
        })
    };
    let location = e.place.as_ref().map(|p| {
        let place = match p.field {
            _ if p.unresolved => None,
            Field::Body => Some(p.mention),
            // a title place stands for the body place of the same entry
            Field::Title => p.entry.and_then(|en| {
                doc.body_places
                    .iter()
                    .position(|b| b.entry == Some(en as u32) && !b.fallback)
            }),
        };
        let _ = g;
        Location {
            text: p.text.clone(),
            place,
        }
    });
    let date = e.date.as_ref().map(|d| EventDate {
        value: d.value.map(|v| v.to_string()),
        precision: d.precision.as_str().to_string(),
        text: d.text.clone(),
    });
    let (start, end, text) = e.trigger.clone();
    let trigger = if e.field == Field::Body {
        Span { start, end, text }
    } else {
        Span { start: 0, end: 0, text }
    };
    Event {
        kind: e.kind.to_string(),
        sub_type: e.sub_type.to_string(),
        trigger,
        actor1: actor(if e.actor1.is_some() { &e.actor1 } else { &e.stand_in }),
        actor2: actor(&e.actor2),
        location,
        date,
        fatalities: e.fatalities.clone(),
        attribution: e.attribution.clone(),
        status: e.status.to_string(),
        confidence: (e.confidence * 100.0).round() / 100.0,
    }
}
