//! The archive end to end on synthetic records: clusters, merged events,
//! queries, search and exports.

use marsad_record::{Actor, Event, EventDate, Fatalities, Location, Place, Range, Record, Source};
use marsad_store::export::{Format, write_events};
use marsad_store::{DedupOptions, EventFilter, Prepared, SearchQuery, Store};

/// Deterministic filler text: `n` words drawn from a small vocabulary.
fn filler(seed: u64, n: usize) -> String {
    const WORDS: &[&str] = &[
        "المدينة",
        "الحكومة",
        "مصادر",
        "محلية",
        "أكدت",
        "السكان",
        "الطريق",
        "المنطقة",
        "الوضع",
        "الأمني",
        "مسؤول",
        "الاجتماع",
        "اليوم",
        "بيان",
        "المستشفى",
        "الجنوب",
        "الشمال",
        "قرية",
        "مواقع",
        "عدة",
        "التقرير",
        "الأسبوع",
        "الماضي",
        "المحافظة",
        "الوزارة",
        "أعلنت",
        "الجيش",
        "وحدات",
        "انتشار",
        "الحدود",
        "اللجنة",
        "الدولية",
        "المساعدات",
        "الإنسانية",
        "النازحين",
        "المخيمات",
        "المياه",
        "الكهرباء",
        "الأسعار",
        "السوق",
    ];
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            WORDS[(x >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn sanaa() -> Place {
    Place {
        start: 0,
        end: 5,
        text: "صنعاء".into(),
        geonames_id: Some(71137),
        name: "صنعاء".into(),
        name_en: Some("Sanaa".into()),
        lat: Some(15.35),
        lon: Some(44.2),
        country: Some("YE".into()),
        admin1: Some("Amanat Al Asimah".into()),
        admin2: None,
        precision: "city".into(),
    }
}

fn strike(date: &str, killed: (u64, Option<u64>), place: Option<usize>) -> Event {
    Event {
        kind: "explosions_remote_violence".into(),
        sub_type: "air_drone_strike".into(),
        actor1: Some(Actor {
            text: "التحالف".into(),
            id: Some("org:saudi_coalition".into()),
        }),
        actor2: Some(Actor {
            text: "الحوثيين".into(),
            id: Some("org:houthis".into()),
        }),
        location: place.map(|p| Location {
            text: "صنعاء".into(),
            place: Some(p),
        }),
        date: Some(EventDate {
            value: Some(date.into()),
            precision: "day".into(),
            text: "اليوم".into(),
        }),
        fatalities: Some(Fatalities {
            killed: Some(Range {
                min: Some(killed.0),
                max: killed.1,
            }),
            ..Default::default()
        }),
        status: "asserted".into(),
        confidence: 0.8,
        ..Default::default()
    }
}

fn record(id: &str, outlet: &str, published: &str, title: &str, text: String, events: Vec<Event>) -> Record {
    Record {
        id: id.into(),
        source: Source {
            kind: "file".into(),
            locator: format!("test:{id}"),
            outlet: Some(outlet.into()),
        },
        title: title.into(),
        text,
        published: Some(published.into()),
        entities: vec![],
        places: vec![sanaa()],
        events,
    }
}

/// Three outlets carry one wire story about strikes on Sanaa (lightly
/// edited), a fourth article is unrelated; a fifth is a different story
/// with a battle.
fn corpus() -> Vec<Record> {
    let wire = format!("شنت طائرات التحالف غارات على مواقع في صنعاء بالرقة {}", filler(1, 300));
    let mut edited = wire.clone();
    edited.push_str(" وأضاف المصدر أن الغارات استمرت ساعات");
    let mut trimmed: Vec<&str> = wire.split(' ').collect();
    trimmed.truncate(280);
    let trimmed = format!("(واس) {}", trimmed.join(" "));
    let mut battle = strike("2015-08-03", (3, Some(3)), Some(0));
    battle.kind = "battles".into();
    battle.sub_type = "armed_clash".into();
    vec![
        record(
            "a1",
            "okaz",
            "2015-08-02",
            "غارات على صنعاء",
            wire,
            vec![strike("2015-08-02", (11, None), Some(0))],
        ),
        record(
            "a2",
            "alriyadh",
            "2015-08-02",
            "التحالف يقصف صنعاء",
            edited,
            vec![strike("2015-08-02", (15, Some(15)), Some(0))],
        ),
        record(
            "a3",
            "sabq",
            "2015-08-03",
            "قصف جوي",
            trimmed,
            vec![strike("2015-08-01", (12, Some(14)), None)],
        ),
        record("a4", "okaz", "2015-08-02", "أسعار النفط", filler(99, 300), vec![]),
        record(
            "a5",
            "alyaum",
            "2015-08-03",
            "اشتباكات في صنعاء على الحدود",
            format!("علي {}", filler(7, 250)),
            vec![battle],
        ),
    ]
}

fn build(dir: &std::path::Path, batch: usize) -> Store {
    let mut s = Store::open(dir, DedupOptions::default()).unwrap();
    let recs = corpus();
    for chunk in recs.chunks(batch) {
        s.write(chunk.iter().cloned().map(Prepared::new).collect()).unwrap();
    }
    s.close().unwrap();
    Store::open_read_only(dir).unwrap()
}

#[test]
fn wire_copies_cluster_and_their_events_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let s = build(tmp.path(), 10);
    let st = s.stats(false).unwrap();
    assert_eq!(st.articles, 5);
    assert_eq!(st.clusters, 1, "{st:?}");
    assert_eq!(st.clusters_multi_outlet, 1);
    assert_eq!(st.clustered_articles, 3);
    assert_eq!(st.reports, 4);
    assert_eq!(st.events, 2);
    assert_eq!(st.index_docs, 5);
    let clusters = s.clusters(2).unwrap();
    let ids: Vec<&str> = clusters[0].members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3"]);

    let ev = s
        .events(&EventFilter {
            kind: Some("explosions_remote_violence".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ev.len(), 1);
    let m = &ev[0];
    assert_eq!(m.outlets, 3);
    assert_eq!(m.reports, 3);
    assert_eq!(m.id, "a1#0");
    assert_eq!(m.cluster, "a1");
    let k = m.fatalities.as_ref().unwrap().killed.unwrap();
    assert_eq!((k.min, k.max), (Some(11), None));
    assert_eq!(m.location.as_ref().unwrap().place.as_ref().unwrap().name, "صنعاء");
    assert_eq!(m.date.as_ref().unwrap().value.as_deref(), Some("2015-08-02"));
}

#[test]
fn batch_boundaries_do_not_change_the_archive() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let da = build(a.path(), 1).stats(true).unwrap().digest;
    let db = build(b.path(), 100).stats(true).unwrap().digest;
    assert_eq!(da, db);
}

#[test]
fn rewriting_stored_ids_is_a_no_op() {
    let tmp = tempfile::tempdir().unwrap();
    let before = build(tmp.path(), 2).stats(true).unwrap().digest;
    let mut s = Store::open(tmp.path(), DedupOptions::default()).unwrap();
    let o = s.write(corpus().into_iter().map(Prepared::new).collect()).unwrap();
    assert_eq!((o.written, o.already), (0, 5));
    s.close().unwrap();
    assert_eq!(
        Store::open_read_only(tmp.path()).unwrap().stats(true).unwrap().digest,
        before
    );
}

#[test]
fn event_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let s = build(tmp.path(), 10);
    let n = |f: EventFilter| s.events(&f).unwrap().len();
    assert_eq!(n(EventFilter::default()), 2);
    assert_eq!(
        n(EventFilter {
            country: Some("ye".into()),
            actor: Some("org:houthis".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        n(EventFilter {
            kind: Some("battles".into()),
            from: chrono::NaiveDate::from_ymd_opt(2015, 8, 3),
            to: chrono::NaiveDate::from_ymd_opt(2015, 8, 3),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            min_outlets: Some(2),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            actor: Some("org:isis".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        n(EventFilter {
            actor: Some("الحوثي".into()),
            ..Default::default()
        }),
        2
    );
}

#[test]
fn search_meets_clitic_forms_and_ranks_titles_and_exact_forms() {
    let tmp = tempfile::tempdir().unwrap();
    let s = build(tmp.path(), 10);
    let q = |text: &str| {
        s.search(&SearchQuery {
            text: text.into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap()
    };
    // بالرقة in the text is found by الرقة and رقة.
    for form in ["الرقة", "رقة", "والرقة"] {
        let ids: Vec<String> = q(form).into_iter().map(|h| h.id).collect();
        assert_eq!(ids.len(), 3, "{form}: {ids:?}");
    }
    // Phrases keep word order.
    assert_eq!(q("\"طائرات التحالف\"").len(), 3);
    assert_eq!(q("\"التحالف طائرات\"").len(), 0);
    // All words must match.
    assert!(q("صنعاء النفط").is_empty());
    // The title weighs more: a5 has صنعاء in its title only once.
    let hits = q("صنعاء");
    assert_eq!(hits.len(), 4);
    // The name علي (a5) ranks above على (which folds to it in the stem field).
    let hits = q("علي");
    assert_eq!(hits[0].id, "a5", "{hits:?}");
    // Snippets carry highlights of the matched words.
    let h = &q("غارة")[0];
    assert!(!h.highlights.is_empty());
    let chars: Vec<char> = h.snippet.chars().collect();
    let (a, b) = h.highlights[0];
    assert!(chars[a..b].iter().collect::<String>().contains("غارات"));
    // Date filter.
    let dated = s
        .search(&SearchQuery {
            text: "صنعاء".into(),
            from: chrono::NaiveDate::from_ymd_opt(2015, 8, 3),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let mut ids: Vec<String> = dated.into_iter().map(|h| h.id).collect();
    ids.sort();
    assert_eq!(ids, ["a3", "a5"]);
}

#[test]
fn exports_follow_acled_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let s = build(tmp.path(), 10);
    let ev = s.events(&EventFilter::default()).unwrap();
    let mut csv = Vec::new();
    write_events(&ev, Format::Csv, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "event_date,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities"
    ));
    let strike = csv.lines().find(|l| l.contains("Air/drone strike")).unwrap();
    assert!(
        strike.starts_with("2015-08-02,Explosions/Remote violence,Air/drone strike,"),
        "{strike}"
    );
    assert!(strike.contains(",Yemen,"), "{strike}");
    assert!(strike.contains("alriyadh; okaz; sabq"), "{strike}");
    assert!(strike.contains(",11,a1#0,3,a1 a2 a3"), "{strike}");

    let mut gj = Vec::new();
    let o = write_events(&ev, Format::Geojson, &mut gj).unwrap();
    assert_eq!(o.written, 2);
    let v: serde_json::Value = serde_json::from_slice(&gj).unwrap();
    assert_eq!(v["features"][0]["geometry"]["coordinates"][0], 44.2);
    assert_eq!(v["features"].as_array().unwrap().len(), 2);

    let mut jl = Vec::new();
    write_events(&ev, Format::Jsonl, &mut jl).unwrap();
    let first: marsad_store::MergedEvent =
        serde_json::from_str(String::from_utf8(jl).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first, ev[0]);
}

#[test]
fn records_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let s = build(tmp.path(), 3);
    let mut back = Vec::new();
    s.for_each_record(|r| {
        back.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(back, corpus());
}

#[test]
fn an_abandoned_run_resumes_to_the_same_archive() {
    // A run that stops without closing (no index commit, like kill -9
    // after a database commit) and is resumed with the whole input.
    let clean = tempfile::tempdir().unwrap();
    let want = build(clean.path(), 2).stats(true).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open(tmp.path(), DedupOptions::default()).unwrap();
        s.write(corpus().into_iter().take(3).map(Prepared::new).collect())
            .unwrap();
        // Dropped without close().
    }
    let half = Store::open_read_only(tmp.path()).unwrap().stats(false).unwrap();
    assert_eq!(half.articles, 3);
    assert_eq!(half.index_docs, 0, "nothing committed to the index yet");
    let mut s = Store::open(tmp.path(), DedupOptions::default()).unwrap();
    let o = s.write(corpus().into_iter().map(Prepared::new).collect()).unwrap();
    assert_eq!((o.written, o.already), (2, 3));
    s.close().unwrap();
    let got = Store::open_read_only(tmp.path()).unwrap().stats(true).unwrap();
    assert_eq!(got.index_docs, 5);
    assert_eq!(got.digest, want.digest);
}

#[test]
fn the_same_template_about_two_places_is_two_stories() {
    let place = |name: &str, cc: &str| Place {
        name: name.into(),
        country: Some(cc.into()),
        precision: "country".into(),
        ..Default::default()
    };
    let body = |country: &str| {
        format!(
            "بعث الملك برقية تهنئة إلى رئيس {country} بمناسبة ذكرى استقلال {country} {}",
            filler(5, 120)
        )
    };
    let mk = |id: &str, outlet: &str, country: &str, cc: &str| {
        let mut r = record(id, outlet, "2015-08-02", "تهنئة", body(country), vec![]);
        r.places = vec![place(country, cc), place(country, cc), place("الرياض", "SA")];
        r
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Store::open(tmp.path(), DedupOptions::default()).unwrap();
    let recs = vec![
        mk("t1", "okaz", "النيجر", "NE"),
        mk("t2", "okaz", "جامايكا", "JM"),
        mk("t3", "sabq", "النيجر", "NE"),
    ];
    s.write(recs.into_iter().map(Prepared::new).collect()).unwrap();
    s.close().unwrap();
    let s = Store::open_read_only(tmp.path()).unwrap();
    let clusters = s.clusters(1).unwrap();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    let ids: Vec<&str> = clusters[0].members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t3"]);
}
