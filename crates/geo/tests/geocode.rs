//! Behaviour of the geocoder on short texts (no shared data needed).

use marsad_geo::{Gazetteer, Geocoder, Kind, Precision, name_key};
use marsad_text::Analyzed;

struct Found {
    text: String,
    id: Option<String>,
    kind: Option<Kind>,
    country: Option<String>,
    precision: Precision,
    fallback: bool,
}

fn places(text: &str) -> Vec<Found> {
    let geo = Geocoder::embedded();
    let a = Analyzed::new(text);
    geo.locate(&a, &[])
        .into_iter()
        .map(|m| {
            let e = m.entry.map(|e| geo.g.entry(e));
            Found {
                text: a.surface(m.tok_start, m.tok_end).to_string(),
                id: e.map(|e| e.id().to_string()),
                kind: e.map(|e| e.kind()),
                country: e.map(|e| e.country().to_string()),
                precision: m.precision,
                fallback: m.fallback,
            }
        })
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    places(text).into_iter().map(|f| f.text).collect()
}

#[test]
fn the_embedded_gazetteer_loads_and_its_keys_are_current() {
    let g = Gazetteer::embedded();
    assert!(g.len() > 50_000, "{} entries", g.len());
    // keys were computed by the text core at build time: if its
    // normalisation changed, `marsad gazetteer build` must be rerun
    let mut checked = 0;
    let cues = marsad_geo::Cues::embedded();
    for e in g.entries().step_by(97) {
        let key = name_key(e.name_ar()).expect("names have keys");
        // a name that is only a cue or a function word is not indexed
        if cues.exact(&key).is_some() || marsad_lexicon::cues::is_stopword(&key) || key.chars().count() < 2 {
            continue;
        }
        let found = g.lookup(e.name_ar());
        assert!(
            found.iter().any(|x| x.index() == e.index()),
            "{} ({key}) does not find entry {}: rebuild the gazetteer",
            e.name_ar(),
            e.id()
        );
        checked += 1;
    }
    assert!(checked > 500);
}

#[test]
fn every_entry_has_a_point_and_links_stay_inside() {
    let g = Gazetteer::embedded();
    for e in g.entries() {
        assert!(e.lat().abs() <= 90.0 && e.lon().abs() <= 180.0, "{e:?}");
        for up in [e.parent(), e.admin1(), e.admin2()].into_iter().flatten() {
            assert!((up.index() as usize) < g.len());
        }
    }
}

#[test]
fn ordinary_words_are_not_places() {
    // words that are also village names somewhere, read through clitics
    let t = "وأشار المصدر إلى أن التحالف أصدر بيان لوقف القتال في مقر الحكومة، وإن الأمر جديد.";
    assert!(texts(t).is_empty(), "{:?}", texts(t));
    // a month, a verb, an adverb with tanween
    assert!(
        texts("سيطرت القوات على القاعدة في 3 آب الماضي")
            .iter()
            .all(|p| !p.contains("آب"))
    );
    assert!(texts("ويحرص دومًا على تلبية طلباتهم").is_empty());
}

#[test]
fn cities_countries_and_cued_places() {
    let p = places("قصفت الطائرات مدينة الرقة شمال سوريا، وتقدمت القوات نحو بلدة عين عيسى.");
    let raqqa = p.iter().find(|f| f.text == "مدينة الرقة").expect("Raqqa");
    assert_eq!(raqqa.id.as_deref(), Some("gn:172955"));
    assert_eq!(raqqa.precision, Precision::City);
    let syria = p.iter().find(|f| f.text == "شمال سوريا").expect("north of Syria");
    assert_eq!(syria.kind, Some(Kind::Country));
    assert_eq!(syria.precision, Precision::Region, "a direction makes a region");
    assert!(
        p.iter()
            .any(|f| f.text == "بلدة عين عيسى" && f.country.as_deref() == Some("SY"))
    );
}

#[test]
fn governorate_cue_chooses_the_division() {
    let p = places("نزح السكان باتجاه محافظة دير الزور");
    assert_eq!(p[0].text, "محافظة دير الزور");
    assert_eq!(p[0].kind, Some(Kind::Admin1));
    assert_eq!(p[0].precision, Precision::Admin1);
}

#[test]
fn neighbourhoods_need_their_city_and_fall_back_to_it() {
    // known neighbourhood of the city named in the article
    let p = places("دخلت القوات حي المشلب في مدينة الرقة");
    assert!(
        p.iter()
            .any(|f| f.text == "حي المشلب" && f.kind == Some(Kind::Neighbourhood)),
        "{:?}",
        texts("دخلت القوات حي المشلب في مدينة الرقة")
    );
    // the same name in two cities: the city named decides
    let d = places("اشتباكات في حي الميدان بمدينة دمشق");
    let m = d.iter().find(|f| f.text == "حي الميدان").expect("al-Midan");
    assert_eq!(m.id.as_deref(), Some("cur:sy-damascus-midan"));
    let a = places("اشتباكات في حي الميدان بمدينة حلب");
    assert_eq!(
        a.iter()
            .find(|f| f.text == "حي الميدان")
            .and_then(|f| f.id.clone())
            .as_deref(),
        Some("cur:sy-aleppo-midan")
    );
    // unknown neighbourhood: the city stands in, with the city's precision
    let u = places("دخلت القوات حي الفلانيات في مدينة الرقة");
    let f = u.iter().find(|f| f.text == "حي الفلانيات").expect("fallback mention");
    assert!(f.fallback);
    assert_eq!(f.id.as_deref(), Some("gn:172955"));
    assert_eq!(f.precision, Precision::City);
}

#[test]
fn the_article_country_decides_between_homonyms() {
    // الطوال: a Saudi border town and villages in Yemen and Syria
    let p = places("سقطت قذائف على مركز الطوال في منطقة جازان");
    let t = p.iter().find(|f| f.text.contains("الطوال")).expect("al-Tuwal");
    assert_eq!(t.country.as_deref(), Some("SA"));
}

#[test]
fn territory_of_a_demonym_is_the_country() {
    let p = places("أطلقت القذائف من داخل الأراضي اليمنية");
    assert_eq!(p[0].text, "الأراضي اليمنية");
    assert_eq!(p[0].country.as_deref(), Some("YE"));
    assert_eq!(p[0].kind, Some(Kind::Country));
}

#[test]
fn distances_and_directions_are_read() {
    let geo = Geocoder::embedded();
    let a = Analyzed::new("انطلقت الصواريخ من قاعدة الجلبية 75 كم شمال غرب مدينة الرقة");
    let m = geo.locate(&a, &[]);
    let raqqa = m
        .iter()
        .find(|m| a.surface(m.tok_start, m.tok_end) == "مدينة الرقة")
        .expect("Raqqa");
    assert_eq!(raqqa.distance_km, Some(75.0));
    assert_eq!(raqqa.bearing.map(|b| b.round()), Some(315.0));
    assert!(
        m.iter()
            .any(|m| m.entry.is_some_and(|e| geo.g.entry(e).kind() == Kind::Base))
    );
}

#[test]
fn entities_of_other_kinds_block_places() {
    let geo = Geocoder::embedded();
    let a = Analyzed::new("قوات سوريا الديمقراطية");
    // tokens 0..3 are an organisation
    assert!(geo.locate(&a, &[(0, 3)]).is_empty());
    assert!(!geo.locate(&a, &[]).is_empty());
}

#[test]
fn a_capital_written_as_in_persian_is_that_capital() {
    // GeoNames gives كابل in Arabic and کابول in Persian; the Arabic press
    // writes كابول, which is also a small town in Israel
    let p = places("وقع انفجار في العاصمة الأفغانية كابول.");
    let k = p.iter().find(|f| f.text.contains("كابول")).expect("Kabul found");
    assert_eq!(k.country.as_deref(), Some("AF"), "{:?}", k.id);
}
