//! Merging the events of one story cluster into one event per real-world
//! event, with all its sources.
//!
//! Each event of each stored article is a [`Report`]. When an article joins
//! a story cluster, each of its reports is attached to the first merged
//! event of the cluster it is [`compatible`] with (in order of creation),
//! or starts a new merged event. Two reports are compatible when they have
//!
//! * the same event type;
//! * compatible dates: their periods (a day, or the week/month/year of a
//!   coarser precision) overlap once widened by [`DATE_SLACK_DAYS`]; an
//!   unresolved date is compatible with any;
//! * the same place: the same GeoNames id, or points within
//!   [`PLACE_KM`] km, or the same folded name, or one place coarser than
//!   the other (a country, a province) that contains it; no place is
//!   compatible with any;
//! * compatible actors: the set of actors (ids, else folded text) of one is
//!   contained in the other's;
//! * and they come from different articles (an article's own events were
//!   already told apart by the extractor).
//!
//! A merged event's fields are recomputed from all its reports by
//! [`merge`], independently of their order except for ties, which go to
//! the earliest report (lowest archive sequence): see [`merge`] for each
//! field.

use chrono::{Datelike, NaiveDate};
use marsad_record::{Actor, Attribution, Event, EventDate, Fatalities, Place, Range};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Days by which two date periods may miss each other and still match.
pub const DATE_SLACK_DAYS: i64 = 2;
/// Distance under which two geocoded places are the same place.
pub const PLACE_KM: f64 = 10.0;

/// One event as reported by one article, with its place resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Id of the article.
    pub article: String,
    /// Archive sequence number of the article (ingestion order).
    pub seq: i64,
    /// Index of the event in the article's `events`.
    pub index: usize,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: String,
    pub event: Event,
    /// The article's `places[event.location.place]`, when there is one.
    pub place: Option<Place>,
}

/// One source of a merged event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: String,
    /// Index of the event in the article's `events`.
    pub event: usize,
}

/// Where a merged event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedLocation {
    pub text: String,
    pub place: Option<Place>,
}

/// One real-world event with every article of its story cluster that
/// reports it. The fields mirror [`Event`]; `outlets` is the number of
/// distinct outlets among the sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    /// `<article id>#<event index>` of the first report: stable across
    /// re-ingestion.
    pub id: String,
    /// Id of the first article of the story cluster.
    pub cluster: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub sub_type: String,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub location: Option<MergedLocation>,
    pub date: Option<EventDate>,
    pub fatalities: Option<Fatalities>,
    pub attribution: Option<Attribution>,
    pub status: String,
    pub confidence: f64,
    /// Distinct outlets reporting it (an unknown outlet counts once).
    pub outlets: usize,
    /// Number of reports (articles) merged.
    pub reports: usize,
    pub sources: Vec<SourceRef>,
}

fn precision_rank_date(p: &str) -> u8 {
    match p {
        "day" => 0,
        "week" => 1,
        "month" => 2,
        _ => 3,
    }
}

/// Rank of a place precision, finest first.
pub fn precision_rank_place(p: &str) -> u8 {
    match p {
        "neighbourhood" => 0,
        "city" => 1,
        "admin2" => 2,
        "admin1" => 3,
        "country" => 4,
        _ => 5,
    }
}

/// The period a date covers, first and last day.
fn period(d: &EventDate) -> Option<(NaiveDate, NaiveDate)> {
    let v = NaiveDate::parse_from_str(d.value.as_deref()?, "%Y-%m-%d").ok()?;
    let end = match d.precision.as_str() {
        "week" => v + chrono::Duration::days(6),
        "month" => {
            let (y, m) = if v.month() == 12 {
                (v.year() + 1, 1)
            } else {
                (v.year(), v.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)? - chrono::Duration::days(1)
        }
        "year" => NaiveDate::from_ymd_opt(v.year(), 12, 31)?,
        _ => v,
    };
    Some((v, end))
}

/// Whether two event dates can be the same event's.
pub fn dates_compatible(a: Option<&EventDate>, b: Option<&EventDate>) -> bool {
    let (Some(a), Some(b)) = (a.and_then(period), b.and_then(period)) else {
        return true;
    };
    let slack = chrono::Duration::days(DATE_SLACK_DAYS);
    a.0 - slack <= b.1 && b.0 - slack <= a.1
}

fn km(a: &Place, b: &Place) -> Option<f64> {
    let (la1, lo1, la2, lo2) = (a.lat?, a.lon?, b.lat?, b.lon?);
    let (p1, p2) = (la1.to_radians(), la2.to_radians());
    let dp = p2 - p1;
    let dl = (lo2 - lo1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    Some(2.0 * 6371.0 * h.sqrt().asin())
}

/// Whether the coarser of two places contains the finer one.
fn contains(coarse: &Place, fine: &Place) -> bool {
    let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
    match coarse.precision.as_str() {
        "country" => same(&coarse.country, &fine.country),
        "admin1" => same(&coarse.country, &fine.country) && same(&coarse.admin1, &fine.admin1),
        "admin2" => same(&coarse.admin1, &fine.admin1) && same(&coarse.admin2, &fine.admin2),
        _ => false,
    }
}

/// Whether two resolved places can be the same event's.
pub fn places_compatible(a: Option<&Place>, b: Option<&Place>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.geonames_id.is_some() && a.geonames_id == b.geonames_id {
        return true;
    }
    if km(a, b).is_some_and(|d| d <= PLACE_KM) {
        return true;
    }
    if !a.name.is_empty() && marsad_text::fold_str(&a.name) == marsad_text::fold_str(&b.name) {
        return true;
    }
    let (ra, rb) = (precision_rank_place(&a.precision), precision_rank_place(&b.precision));
    if ra > rb {
        contains(a, b)
    } else if rb > ra {
        contains(b, a)
    } else {
        false
    }
}

fn actor_key(a: &Actor) -> String {
    a.id.clone().unwrap_or_else(|| marsad_text::fold_str(&a.text))
}

fn actor_set(e: &Event) -> BTreeSet<String> {
    [&e.actor1, &e.actor2]
        .into_iter()
        .flatten()
        .map(actor_key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// Whether two events' actors can be the same event's: one set contains
/// the other (roles may be swapped: "clashes between A and B").
pub fn actors_compatible(a: &Event, b: &Event) -> bool {
    let (sa, sb) = (actor_set(a), actor_set(b));
    sa.is_subset(&sb) || sb.is_subset(&sa)
}

/// Whether report `r` may join the merged event `m` whose reports are
/// `members`.
pub fn compatible(m: &MergedEvent, members: &[Report], r: &Report) -> bool {
    if members.iter().any(|x| x.seq == r.seq) || m.kind != r.event.kind {
        return false;
    }
    let rep_place = m.location.as_ref().and_then(|l| l.place.as_ref());
    let rep_event = Event {
        actor1: m.actor1.clone(),
        actor2: m.actor2.clone(),
        ..Default::default()
    };
    dates_compatible(m.date.as_ref(), r.event.date.as_ref())
        && places_compatible(rep_place, r.place.as_ref())
        && actors_compatible(&rep_event, &r.event)
}

/// Combine count ranges conservatively: the lowest minimum reported (the
/// ACLED convention of the most conservative figure) and the highest
/// maximum when every report bounds it, else no maximum.
pub fn combine_ranges<'a>(rs: impl Iterator<Item = &'a Range>) -> Option<Range> {
    let rs: Vec<&Range> = rs.collect();
    if rs.is_empty() {
        return None;
    }
    let min = rs.iter().filter_map(|r| r.min).min();
    let max = if rs.iter().all(|r| r.max.is_some()) {
        rs.iter().filter_map(|r| r.max).max()
    } else {
        None
    };
    Some(Range { min, max })
}

/// The most frequent key among `items` (ties: the first seen).
fn most_frequent<T, K: Ord + Clone>(items: &[T], key: impl Fn(&T) -> K) -> Option<&T> {
    let mut counts: BTreeMap<K, (usize, usize)> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let e = counts.entry(key(it)).or_insert((0, i));
        e.0 += 1;
    }
    counts
        .values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|&(_, i)| &items[i])
}

/// Build a merged event from its reports (any order; sorted here by
/// archive sequence and event index). Field by field:
///
/// * `sub_type`: the most frequent (ties: earliest report);
/// * `date`: the finest precision reported, then the most frequent value;
/// * `location`: the finest place precision, then the most frequent place
///   (GeoNames id, else name); with no place, the first location text;
/// * `actor1`/`actor2`: from the report naming the most actors (ids count
///   double);
/// * `fatalities`: each of killed / wounded / killed_or_wounded combined
///   with [`combine_ranges`];
/// * `status`: asserted if any report asserts it, else reported, planned,
///   denied in that order; `confidence`: the highest;
/// * `attribution`: the earliest report's that has one;
/// * `outlets`: distinct outlets; `sources`: every report.
///
/// # Panics
/// Never: an empty `reports` gives an event with no sources.
pub fn merge(cluster: &str, reports: &[Report]) -> MergedEvent {
    let mut rs: Vec<&Report> = reports.iter().collect();
    rs.sort_by_key(|r| (r.seq, r.index));
    let first = rs.first().copied();
    let sub_type = most_frequent(&rs, |r| r.event.sub_type.clone())
        .map(|r| r.event.sub_type.clone())
        .unwrap_or_default();
    let dated: Vec<&&Report> = rs
        .iter()
        .filter(|r| r.event.date.as_ref().is_some_and(|d| d.value.is_some()))
        .collect();
    let date = match dated
        .iter()
        .map(|r| r.event.date.as_ref().map(|d| precision_rank_date(&d.precision)))
        .min()
    {
        Some(Some(best)) => {
            let finest: Vec<&&Report> = dated
                .iter()
                .copied()
                .filter(|r| r.event.date.as_ref().map(|d| precision_rank_date(&d.precision)) == Some(best))
                .collect();
            most_frequent(&finest, |r| r.event.date.as_ref().and_then(|d| d.value.clone()))
                .and_then(|r| r.event.date.clone())
        }
        _ => rs.iter().find_map(|r| r.event.date.clone()),
    };
    let placed: Vec<&&Report> = rs.iter().filter(|r| r.place.is_some()).collect();
    let location = match placed
        .iter()
        .filter_map(|r| r.place.as_ref().map(|p| precision_rank_place(&p.precision)))
        .min()
    {
        Some(best) => {
            let finest: Vec<&&Report> = placed
                .iter()
                .copied()
                .filter(|r| r.place.as_ref().map(|p| precision_rank_place(&p.precision)) == Some(best))
                .collect();
            most_frequent(&finest, |r| {
                r.place
                    .as_ref()
                    .map(|p| (p.geonames_id, marsad_text::fold_str(&p.name)))
            })
            .map(|r| MergedLocation {
                text: r.event.location.as_ref().map(|l| l.text.clone()).unwrap_or_default(),
                place: r.place.clone(),
            })
        }
        None => rs.iter().find_map(|r| {
            r.event.location.as_ref().map(|l| MergedLocation {
                text: l.text.clone(),
                place: None,
            })
        }),
    };
    let actor_score = |e: &Event| -> usize {
        [&e.actor1, &e.actor2]
            .into_iter()
            .flatten()
            .map(|a| if a.id.is_some() { 2 } else { 1 })
            .sum()
    };
    let best_actors = rs
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| actor_score(&a.event).cmp(&actor_score(&b.event)).then(j.cmp(i)))
        .map(|(_, r)| *r);
    let fat: Vec<&Fatalities> = rs.iter().filter_map(|r| r.event.fatalities.as_ref()).collect();
    let fatalities = if fat.is_empty() {
        None
    } else {
        Some(Fatalities {
            killed: combine_ranges(fat.iter().filter_map(|f| f.killed.as_ref())),
            wounded: combine_ranges(fat.iter().filter_map(|f| f.wounded.as_ref())),
            killed_or_wounded: combine_ranges(fat.iter().filter_map(|f| f.killed_or_wounded.as_ref())),
        })
    };
    let status = ["asserted", "reported", "planned", "denied"]
        .into_iter()
        .find(|s| rs.iter().any(|r| r.event.status == *s))
        .map(str::to_string)
        .or_else(|| first.map(|r| r.event.status.clone()))
        .unwrap_or_default();
    let outlets: BTreeSet<Option<&str>> = rs.iter().map(|r| r.outlet.as_deref()).collect();
    MergedEvent {
        id: first.map(|r| format!("{}#{}", r.article, r.index)).unwrap_or_default(),
        cluster: cluster.to_string(),
        kind: first.map(|r| r.event.kind.clone()).unwrap_or_default(),
        sub_type,
        actor1: best_actors.and_then(|r| r.event.actor1.clone()),
        actor2: best_actors.and_then(|r| r.event.actor2.clone()),
        location,
        date,
        fatalities,
        attribution: rs.iter().find_map(|r| r.event.attribution.clone()),
        status,
        confidence: rs.iter().map(|r| r.event.confidence).fold(0.0, f64::max),
        outlets: outlets.len(),
        reports: rs.len(),
        sources: rs
            .iter()
            .map(|r| SourceRef {
                article: r.article.clone(),
                outlet: r.outlet.clone(),
                published: r.published.clone(),
                title: r.title.clone(),
                event: r.index,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_record::Location;

    fn place(name: &str, id: u64, lat: f64, precision: &str) -> Place {
        Place {
            name: name.into(),
            geonames_id: Some(id),
            lat: Some(lat),
            lon: Some(44.2),
            country: Some("YE".into()),
            admin1: Some("Sanaa".into()),
            precision: precision.into(),
            ..Default::default()
        }
    }

    fn report(seq: i64, outlet: &str, date: &str, prec: &str, p: Option<Place>, killed: Option<Range>) -> Report {
        Report {
            article: format!("a{seq}"),
            seq,
            index: 0,
            outlet: Some(outlet.into()),
            published: Some(date.into()),
            title: String::new(),
            event: Event {
                kind: "explosions_remote_violence".into(),
                sub_type: "air_drone_strike".into(),
                actor1: Some(Actor {
                    text: "التحالف".into(),
                    id: Some("org:coalition".into()),
                }),
                location: p.as_ref().map(|p| Location {
                    text: p.name.clone(),
                    place: Some(0),
                }),
                date: Some(EventDate {
                    value: Some(date.into()),
                    precision: prec.into(),
                    text: String::new(),
                }),
                fatalities: killed.map(|k| Fatalities {
                    killed: Some(k),
                    ..Default::default()
                }),
                status: "asserted".into(),
                confidence: 0.5 + seq as f64 / 100.0,
                ..Default::default()
            },
            place: p,
        }
    }

    #[test]
    fn dates_within_slack_or_coarser_period_match() {
        let d = |v: &str, p: &str| EventDate {
            value: Some(v.into()),
            precision: p.into(),
            text: String::new(),
        };
        assert!(dates_compatible(
            Some(&d("2015-08-01", "day")),
            Some(&d("2015-08-03", "day"))
        ));
        assert!(!dates_compatible(
            Some(&d("2015-08-01", "day")),
            Some(&d("2015-08-05", "day"))
        ));
        assert!(dates_compatible(
            Some(&d("2015-08-01", "month")),
            Some(&d("2015-08-25", "day"))
        ));
        assert!(!dates_compatible(
            Some(&d("2015-07-01", "month")),
            Some(&d("2015-08-25", "day"))
        ));
        assert!(dates_compatible(None, Some(&d("2015-08-25", "day"))));
    }

    #[test]
    fn places_match_by_id_distance_name_or_containment() {
        let sanaa = place("صنعاء", 1, 15.35, "city");
        let near = place("حي", 2, 15.40, "neighbourhood");
        let far = place("عدن", 3, 12.8, "city");
        let yemen = Place {
            country: Some("YE".into()),
            precision: "country".into(),
            name: "اليمن".into(),
            ..Default::default()
        };
        assert!(places_compatible(Some(&sanaa), Some(&near)));
        assert!(!places_compatible(Some(&sanaa), Some(&far)));
        assert!(places_compatible(Some(&yemen), Some(&far)));
        assert!(places_compatible(None, Some(&far)));
    }

    #[test]
    fn merge_takes_finest_fields_and_conservative_tolls() {
        let rs = vec![
            report(
                5,
                "okaz",
                "2015-08-01",
                "month",
                Some(place("اليمن", 9, 15.0, "country")),
                Some(Range {
                    min: Some(11),
                    max: None,
                }),
            ),
            report(
                3,
                "alriyadh",
                "2015-08-02",
                "day",
                Some(place("صنعاء", 1, 15.35, "city")),
                Some(Range {
                    min: Some(15),
                    max: Some(15),
                }),
            ),
            report(7, "okaz", "2015-08-02", "day", None, None),
        ];
        let m = merge("a3", &rs);
        assert_eq!(m.id, "a3#0");
        assert_eq!(m.outlets, 2);
        assert_eq!(m.reports, 3);
        assert_eq!(m.date.as_ref().unwrap().precision, "day");
        assert_eq!(m.location.as_ref().unwrap().place.as_ref().unwrap().name, "صنعاء");
        let k = m.fatalities.as_ref().unwrap().killed.unwrap();
        assert_eq!((k.min, k.max), (Some(11), None));
        assert!((m.confidence - 0.57).abs() < 1e-9);
        assert_eq!(m.sources[0].article, "a3");
    }

    #[test]
    fn incompatible_reports_are_refused() {
        let a = report(
            1,
            "okaz",
            "2015-08-01",
            "day",
            Some(place("صنعاء", 1, 15.35, "city")),
            None,
        );
        let m = merge("a1", std::slice::from_ref(&a));
        let mut b = report(
            2,
            "sabq",
            "2015-08-01",
            "day",
            Some(place("صنعاء", 1, 15.35, "city")),
            None,
        );
        assert!(compatible(&m, std::slice::from_ref(&a), &b));
        // Same article twice: never.
        assert!(!compatible(&m, std::slice::from_ref(&a), &a));
        b.event.kind = "battles".into();
        assert!(!compatible(&m, std::slice::from_ref(&a), &b));
        let mut c = report(
            2,
            "sabq",
            "2015-08-01",
            "day",
            Some(place("صنعاء", 1, 15.35, "city")),
            None,
        );
        c.event.actor1 = Some(Actor {
            text: "x".into(),
            id: Some("org:houthis".into()),
        });
        assert!(!compatible(&m, std::slice::from_ref(&a), &c));
    }
}
