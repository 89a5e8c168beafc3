//! The event scorer of `shared/eval/score_events.py`, ported line for line so
//! that `marsad eval events` prints the same numbers.
//!
//! Records and gold files are read as JSON values (not as marsad's own
//! types) so that records written by any tool can be scored.

use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// Orthographic normalisation used for matching only (the scorer's `norm`).
pub fn norm(s: Option<&str>) -> String {
    let Some(s) = s else { return String::new() };
    let s: String = s.nfkc().collect();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}' => {}
            'إ' | 'أ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            'ؤ' => out.push('و'),
            'ئ' => out.push('ي'),
            c => out.push(c),
        }
    }
    // ^(ال|وال|بال|لل): the first alternative that matches at the start
    let stripped = ["ال", "وال", "بال", "لل"]
        .iter()
        .find_map(|p| out.strip_prefix(p))
        .map(str::to_string)
        .unwrap_or(out);
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn names_match(pred: &[Option<&str>], gold: &[&str]) -> bool {
    let gold: HashSet<String> = gold.iter().map(|g| norm(Some(g))).collect();
    for p in pred {
        let n = norm(*p);
        if n.is_empty() {
            continue;
        }
        if gold.contains(&n) {
            return true;
        }
        for g in &gold {
            if !g.is_empty()
                && (n.contains(g.as_str()) || g.contains(n.as_str()))
                && g.chars().count().min(n.chars().count()) >= 3
            {
                return true;
            }
        }
    }
    false
}

fn km(a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64) -> f64 {
    let r = 6371.0;
    let (p1, p2) = (a_lat.to_radians(), b_lat.to_radians());
    let (dp, dl) = (p2 - p1, (b_lon - a_lon).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn strs(v: Option<&Value>) -> Vec<&str> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn actor_texts(actor: Option<&Value>) -> Vec<Option<&str>> {
    match actor {
        Some(a) if !a.is_null() && a.as_object().is_some_and(|o| !o.is_empty()) => {
            vec![s(a, "text"), s(a, "canonical"), s(a, "id")]
        }
        _ => vec![],
    }
}

struct PlaceOf<'a> {
    texts: Vec<Option<&'a str>>,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<&'a str>,
}

fn place_of<'a>(record: &'a Value, event: &'a Value) -> PlaceOf<'a> {
    let loc = event.get("location").filter(|l| !l.is_null());
    let mut texts = vec![loc.and_then(|l| s(l, "text"))];
    let (mut lat, mut lon, mut country) = (None, None, None);
    let places = record.get("places").and_then(Value::as_array);
    if let (Some(idx), Some(places)) = (loc.and_then(|l| l.get("place")).and_then(Value::as_i64), places)
        && idx >= 0
        && (idx as usize) < places.len()
    {
        let p = &places[idx as usize];
        texts.push(s(p, "text"));
        texts.push(s(p, "name"));
        lat = p.get("lat").and_then(Value::as_f64);
        lon = p.get("lon").and_then(Value::as_f64);
        country = s(p, "country");
    }
    PlaceOf {
        texts,
        lat,
        lon,
        country,
    }
}

fn geo_ok(record: &Value, event: &Value, gold_loc: &Value, radius_km: f64) -> (Option<bool>, Option<bool>) {
    let p = place_of(record, event);
    let c = s(gold_loc, "country")
        .filter(|x| !x.is_empty())
        .map(|gc| p.country == Some(gc));
    let g = gold_loc.get("lat").map(|glat| {
        match (p.lat, p.lon, glat.as_f64(), gold_loc.get("lon").and_then(Value::as_f64)) {
            (Some(la), Some(lo), Some(gla), Some(glo)) => km(la, lo, gla, glo) <= radius_km,
            _ => false,
        }
    });
    (c, g)
}

fn location_ok(record: &Value, event: &Value, gold_loc: Option<&Value>) -> bool {
    let Some(gold_loc) = gold_loc.filter(|g| g.as_object().is_some_and(|o| !o.is_empty())) else {
        return true;
    };
    let p = place_of(record, event);
    if names_match(&p.texts, &strs(gold_loc.get("names"))) {
        return true;
    }
    if let (Some(la), Some(lo), Some(gla), Some(glo)) = (
        p.lat,
        p.lon,
        gold_loc.get("lat").and_then(Value::as_f64),
        gold_loc.get("lon").and_then(Value::as_f64),
    ) {
        return km(la, lo, gla, glo) <= 10.0;
    }
    false
}

fn date_ok(event: &Value, gold: &Value) -> bool {
    let got = event
        .get("date")
        .filter(|d| !d.is_null())
        .and_then(|d| d.get("value"))
        .and_then(Value::as_str);
    let mut want = vec![s(gold, "date")];
    want.extend(strs(gold.get("date_alt")).into_iter().map(Some));
    want.contains(&got)
}

fn fatalities_ok(event: &Value, gold: &Value) -> Option<bool> {
    let g = gold
        .get("fatalities")
        .filter(|g| g.as_object().is_some_and(|o| !o.is_empty()))?;
    let f = event.get("fatalities").filter(|f| !f.is_null());
    let min = |k: &str| {
        f.and_then(|f| f.get(k))
            .filter(|x| !x.is_null())
            .and_then(|x| x.get("min"))
            .and_then(Value::as_i64)
    };
    let mut ok = true;
    if let Some(want) = g.get("killed_min") {
        ok &= min("killed") == want.as_i64();
    }
    if let Some(want) = g.get("killed_or_wounded_min") {
        ok &= min("killed_or_wounded") == want.as_i64();
    }
    Some(ok)
}

fn pair_score(record: &Value, ev: &Value, gold: &Value) -> i64 {
    if s(ev, "type") != s(gold, "type") {
        return -1;
    }
    let mut sc = 1;
    sc += 2 * location_ok(record, ev, gold.get("location")) as i64;
    sc += (truthy(gold.get("date")) && date_ok(ev, gold)) as i64;
    sc += (s(ev, "sub_type") == s(gold, "sub_type")) as i64;
    if truthy(gold.get("actor1")) {
        sc += names_match(&actor_texts(ev.get("actor1")), &strs(gold.get("actor1"))) as i64;
    }
    sc
}

/// Python truthiness of a JSON value.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
    }
}

/// A scalar of the score table: a count, a ratio, or absent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stat {
    Count(usize),
    Ratio(f64),
    None,
}

impl std::fmt::Display for Stat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stat::Count(n) => write!(f, "{n}"),
            Stat::Ratio(x) => write!(f, "{}", py_float(*x)),
            Stat::None => write!(f, "None"),
        }
    }
}

/// Python's `round(x, 3)`: correctly rounded on the exact binary value,
/// ties to even — which is what Rust's `{:.3}` formatting does too.
pub fn py_round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

fn py_float(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// Score records against gold annotations; returns the table in the
/// scorer's key order.
pub fn score(golds: &[Value], records: &[Value]) -> Vec<(&'static str, Stat)> {
    let mut by_id: BTreeMap<String, &Value> = BTreeMap::new();
    for g in golds {
        if let Some(id) = s(g, "id") {
            by_id.insert(id.to_string(), g);
        }
    }
    let mut matched: BTreeMap<String, &Value> = BTreeMap::new();
    for r in records {
        let loc = r.get("source").and_then(|x| s(x, "locator")).unwrap_or("");
        for (gid, d) in &by_id {
            if s(r, "id") == Some(gid.as_str()) || s(d, "file").is_some_and(|f| !f.is_empty() && loc.ends_with(f)) {
                matched.insert(gid.clone(), r);
            }
        }
    }
    #[derive(Default)]
    struct T {
        gold: usize,
        pred: usize,
        tp: usize,
        sub: usize,
        loc: usize,
        date: usize,
        date_n: usize,
        a1: usize,
        a1_n: usize,
        fat: usize,
        fat_n: usize,
        status: usize,
        ent_gold: usize,
        ent_found: usize,
        ent_pred: usize,
        ent_pred_ok: usize,
        strict: usize,
        country: usize,
        country_n: usize,
        geo: usize,
        geo_n: usize,
        missing: usize,
    }
    let mut t = T::default();
    for (gid, d) in &by_id {
        let events = d.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
        let gold_ents = d.get("entities").and_then(Value::as_array).cloned().unwrap_or_default();
        t.gold += events.len();
        t.ent_gold += gold_ents.len();
        let Some(r) = matched.get(gid) else {
            t.missing += 1;
            continue;
        };
        let preds = r.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
        t.pred += preds.len();
        let mut used = HashSet::new();
        for gold in &events {
            let (mut best, mut best_i) = (-1i64, None);
            for (i, ev) in preds.iter().enumerate() {
                if used.contains(&i) {
                    continue;
                }
                let sc = pair_score(r, ev, gold);
                if sc > best {
                    best = sc;
                    best_i = Some(i);
                }
            }
            let Some(bi) = best_i.filter(|_| best >= 0) else {
                continue;
            };
            used.insert(bi);
            let ev = &preds[bi];
            t.tp += 1;
            t.sub += (s(ev, "sub_type") == s(gold, "sub_type")) as usize;
            let gloc = gold.get("location");
            t.loc += location_ok(r, ev, gloc) as usize;
            let empty = Value::Object(Default::default());
            let (c, g) = geo_ok(r, ev, gloc.filter(|x| !x.is_null()).unwrap_or(&empty), 25.0);
            if let Some(c) = c {
                t.country_n += 1;
                t.country += c as usize;
            }
            if let Some(g) = g {
                t.geo_n += 1;
                t.geo += g as usize;
            }
            if truthy(gold.get("date")) {
                t.date_n += 1;
                t.date += date_ok(ev, gold) as usize;
            }
            t.status += (s(ev, "status") == Some(s(gold, "status").unwrap_or("asserted"))) as usize;
            if truthy(gold.get("actor1")) {
                t.a1_n += 1;
                t.a1 += names_match(&actor_texts(ev.get("actor1")), &strs(gold.get("actor1"))) as usize;
            }
            let f = fatalities_ok(ev, gold);
            if let Some(f) = f {
                t.fat_n += 1;
                t.fat += f as usize;
            }
            t.strict += (location_ok(r, ev, gloc)
                && (!truthy(gold.get("date")) || date_ok(ev, gold))
                && f != Some(false)) as usize;
        }
        let ents = r.get("entities").and_then(Value::as_array).cloned().unwrap_or_default();
        let gold_names: Vec<(Option<&str>, Vec<&str>)> = gold_ents
            .iter()
            .map(|ge| {
                let mut names = vec![s(ge, "text").unwrap_or("")];
                names.extend(strs(ge.get("same_as")));
                (s(ge, "type"), names)
            })
            .collect();
        let mut seen = HashSet::new();
        for e in &ents {
            let key = (s(e, "type").map(str::to_string), norm(s(e, "text")));
            if key.1.is_empty() || seen.contains(&key) {
                continue;
            }
            seen.insert(key);
            t.ent_pred += 1;
            t.ent_pred_ok += gold_names
                .iter()
                .any(|(ty, ns)| *ty == s(e, "type") && names_match(&[s(e, "text"), s(e, "canonical")], ns))
                as usize;
        }
        for (ty, names) in &gold_names {
            if ents
                .iter()
                .any(|e| s(e, "type") == *ty && names_match(&[s(e, "text"), s(e, "canonical")], names))
            {
                t.ent_found += 1;
            }
        }
    }
    let ratio = |a: usize, b: usize| {
        if b > 0 {
            Stat::Ratio(py_round3(a as f64 / b as f64))
        } else {
            Stat::None
        }
    };
    let p = if t.pred > 0 { t.tp as f64 / t.pred as f64 } else { 0.0 };
    let rc = if t.gold > 0 { t.tp as f64 / t.gold as f64 } else { 0.0 };
    let f1 = if p + rc > 0.0 { 2.0 * p * rc / (p + rc) } else { 0.0 };
    let tp = t.tp.max(1);
    let sp = if t.pred > 0 {
        t.strict as f64 / t.pred as f64
    } else {
        0.0
    };
    let sr = if t.gold > 0 {
        t.strict as f64 / t.gold as f64
    } else {
        0.0
    };
    let sf1 = if sp + sr > 0.0 { 2.0 * sp * sr / (sp + sr) } else { 0.0 };
    vec![
        ("articles", Stat::Count(by_id.len())),
        ("articles_missing", Stat::Count(t.missing)),
        ("events_gold", Stat::Count(t.gold)),
        ("events_pred", Stat::Count(t.pred)),
        ("events_matched", Stat::Count(t.tp)),
        ("precision", Stat::Ratio(py_round3(p))),
        ("recall", Stat::Ratio(py_round3(rc))),
        ("f1", Stat::Ratio(py_round3(f1))),
        ("strict_f1", Stat::Ratio(py_round3(sf1))),
        ("sub_type_acc", Stat::Ratio(py_round3(t.sub as f64 / tp as f64))),
        ("location_acc", Stat::Ratio(py_round3(t.loc as f64 / tp as f64))),
        ("country_acc", ratio(t.country, t.country_n)),
        ("geo_25km_acc", ratio(t.geo, t.geo_n)),
        ("date_acc", ratio(t.date, t.date_n)),
        ("status_acc", Stat::Ratio(py_round3(t.status as f64 / tp as f64))),
        ("actor1_acc", ratio(t.a1, t.a1_n)),
        ("fatalities_acc", ratio(t.fat, t.fat_n)),
        ("entity_recall", ratio(t.ent_found, t.ent_gold)),
        ("entity_precision", ratio(t.ent_pred_ok, t.ent_pred)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_matches_the_python_scorer() {
        assert_eq!(norm(Some("والرقة")), "رقه");
        assert_eq!(norm(Some("للرقة")), "رقه");
        assert_eq!(norm(Some("  حي   الرومانية ")), "حي الرومانيه");
        // the article rule strips ال even from إلى, as the Python scorer does
        assert_eq!(norm(Some("إلى")), "ي");
        assert_eq!(norm(None), "");
    }

    #[test]
    fn python_float_printing_and_rounding() {
        assert_eq!(Stat::Ratio(py_round3(1.0)).to_string(), "1.0");
        assert_eq!(Stat::Ratio(py_round3(2.0 / 3.0)).to_string(), "0.667");
        assert_eq!(Stat::Ratio(py_round3(0.75)).to_string(), "0.75");
        assert_eq!(py_round3(0.0625), 0.062);
    }

    #[test]
    fn scores_a_tiny_case() {
        let gold: Value = serde_json::json!({"id": "a", "file": "a.txt", "entities": [{"text": "الرقة", "type": "LOC"}],
            "events": [{"type": "battles", "sub_type": "armed_clash", "actor1": ["داعش"], "location": {"names": ["الرقة"]},
                        "date": "2017-06-10", "fatalities": {"killed_min": 3}}]});
        let rec: Value = serde_json::json!({"id": "a", "source": {"locator": "x/a.txt"},
            "entities": [{"text": "بالرقة", "type": "LOC"}], "places": [],
            "events": [{"type": "battles", "sub_type": "armed_clash", "actor1": {"text": "تنظيم داعش", "id": null},
                        "location": {"text": "الرقة", "place": null}, "date": {"value": "2017-06-10"},
                        "fatalities": {"killed": {"min": 3, "max": 3}}, "status": "asserted"}]});
        let t: BTreeMap<&str, String> = score(&[gold], &[rec])
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        assert_eq!(t["f1"], "1.0");
        assert_eq!(t["strict_f1"], "1.0");
        assert_eq!(t["entity_recall"], "1.0");
        assert_eq!(t["fatalities_acc"], "1.0");
    }
}
