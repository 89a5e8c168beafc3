//! Acceptance of the geocoding stage on the canonical example article
//! (`../shared/examples/raqqa-2017-06-10.*`): every gold place is found,
//! and the places GeoNames has are within 10 km of their GeoNames points.
//! Skips with a message when the shared directory is absent.

use marsad_extract::Extractor;
use marsad_ingest::Article;
use std::io::BufRead;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = std::env::var("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if p.join("examples/raqqa-2017-06-10.txt").exists() {
        Some(p)
    } else {
        eprintln!("skipped: no shared data at {} (set MARSAD_SHARED)", p.display());
        None
    }
}

/// The scorer's normalisation of names (eval/score_events.py).
fn norm(s: &str) -> String {
    let f = marsad_text::fold_str(s);
    ["وال", "بال", "لل", "ال"]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .unwrap_or(&f)
        .to_string()
}

fn matches(pred: &str, gold: &str) -> bool {
    let (p, g) = (norm(pred), norm(gold));
    p == g || ((p.contains(&g) || g.contains(&p)) && p.chars().count().min(g.chars().count()) >= 3)
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    marsad_geo::km(a.0, a.1, b.0, b.1)
}

#[test]
fn example_places_are_found_and_located() {
    let Some(shared) = shared() else { return };
    let raw = std::fs::read_to_string(shared.join("examples/raqqa-2017-06-10.txt")).expect("example readable");
    let (title, body) = raw.split_once('\n').expect("title line");
    let art = Article {
        id: "raqqa-2017-06-10".into(),
        title: title.trim().into(),
        text: body.trim().into(),
        published: None,
        outlet: None,
        url: None,
        source_kind: "file".into(),
        locator: "raqqa-2017-06-10.txt".into(),
    };
    let rec = Extractor::new().extract(&art);
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("examples/raqqa-2017-06-10.gold.json")).expect("gold readable"),
    )
    .expect("gold is JSON");
    for e in gold["entities"].as_array().expect("entities") {
        if e["type"] != "LOC" {
            continue;
        }
        let mut names = vec![e["text"].as_str().unwrap_or("").to_string()];
        names.extend(
            e["same_as"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(str::to_string)),
        );
        assert!(
            rec.places
                .iter()
                .any(|p| names.iter().any(|n| matches(&p.text, n) || matches(&p.name, n))),
            "gold place {names:?} not found among {:?}",
            rec.places.iter().map(|p| &p.text).collect::<Vec<_>>()
        );
    }
    // GeoNames points: cities from the shared extract, countries from GeoNames' country features
    let mut points = std::collections::HashMap::new();
    let f = std::fs::File::open(shared.join("data/geonames/places.jsonl.gz")).expect("geonames readable");
    for line in std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f)).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("json");
        let id = v["geonameid"].as_u64().unwrap_or(0);
        if [172955, 170794, 172134, 524901].contains(&id) {
            points.insert(
                id,
                (
                    v["latitude"].as_f64().unwrap_or(0.0),
                    v["longitude"].as_f64().unwrap_or(0.0),
                ),
            );
        }
    }
    let want = [
        ("الرقة", points[&172955]),
        ("دير الزور", points[&170794]),
        ("عين عيسى", points[&172134]),
        ("موسكو", points[&524901]),
        // GeoNames country features 248816 (Jordan) and 2017370 (Russia)
        ("الأردن", (31.0, 36.0)),
        ("روسيا", (60.0, 100.0)),
    ];
    for (name, pt) in want {
        let p = rec
            .places
            .iter()
            .find(|p| matches(&p.text, name) || matches(&p.name, name))
            .unwrap_or_else(|| panic!("{name} not found"));
        let d = km((p.lat.expect("lat"), p.lon.expect("lon")), pt);
        assert!(d <= 10.0, "{name}: {d:.1} km from its GeoNames point");
    }
}

/// A place name that contains another entity's name (the actor alias
/// "الأسد" inside the base "عين الأسد") is a place, and the entity yields.
#[test]
fn a_longer_place_name_wins_over_an_entity_inside_it() {
    let a = Article::from_text(
        "",
        "سقطت صواريخ على قاعدة عين الأسد الجوية في محافظة الأنبار.",
        chrono::NaiveDate::from_ymd_opt(2020, 1, 8),
    );
    let r = Extractor::new().extract(&a);
    assert!(
        r.places
            .iter()
            .any(|p| p.name_en.as_deref().is_some_and(|n| n.contains("Ain al-Asad"))),
        "{:#?}",
        r.places
    );
    assert!(r.entities.iter().all(|e| e.text != "الأسد"), "{:#?}", r.entities);
}
