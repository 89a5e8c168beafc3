//! Places: the gazetteer marsad ships and the geocoder that finds places in
//! analysed text and chooses among same-name candidates.
//!
//! The gazetteer is a TSV of facts (`data/gazetteer/core.tsv`, built by
//! `tools/build_core_gazetteer.py` from GeoNames, CC BY 4.0) compiled into a
//! clitic-aware automaton at first use. Place cues (حي, قرية, بلدة, مدينة …)
//! before a name the gazetteer lacks still make a place mention, geocoded to
//! the containing place named nearby with a coarser precision.

use marsad_lexicon::matcher::longest_non_overlapping;
use marsad_lexicon::{MatchText, TokenMatcher, tsv};
use marsad_record::Place;
use marsad_text::{Analyzed, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    pub id: String,
    pub geonames_id: Option<u64>,
    pub name_ar: String,
    pub name_en: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// country, admin1, admin2, city, neighbourhood, …
    pub kind: String,
    pub country: String,
    pub admin1: Option<String>,
    pub population: u64,
}

impl PlaceEntry {
    /// The record precision of this entry's kind.
    pub fn precision(&self) -> &'static str {
        match self.kind.as_str() {
            "country" => "country",
            "admin1" | "governorate" => "admin1",
            "admin2" | "district" => "admin2",
            "neighbourhood" => "neighbourhood",
            "region" => "region",
            _ => "city",
        }
    }
}

/// The gazetteer and its name automaton.
pub struct Gazetteer {
    pub entries: Vec<PlaceEntry>,
    matcher: TokenMatcher,
}

/// A place found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// The mention, cue word included ("حي الرومانية").
    pub tok_start: usize,
    pub tok_end: usize,
    /// Bytes of proclitics before the mention in its first token.
    pub prefix_len: usize,
    /// The gazetteer entry chosen, if any.
    pub entry: Option<usize>,
    /// When `entry` is a containing place standing in for an unknown one.
    pub fallback: bool,
    /// The cue word before the name, if any (normalised).
    pub cue: Option<String>,
}

/// Cue words that announce a place name (normalised, with the kind of
/// place they announce).
const CUES: &[(&str, &str)] = &[
    ("حي", "neighbourhood"),
    ("احياء", "neighbourhood"),
    ("قريه", "village"),
    ("قري", "village"),
    ("بلده", "town"),
    ("مدينه", "city"),
    ("منطقه", "area"),
    ("ناحيه", "subdistrict"),
    ("مديريه", "district"),
    ("قضاء", "district"),
    ("محافظه", "governorate"),
    ("ولايه", "governorate"),
    ("قاعده", "base"),
    ("مطار", "airport"),
    ("معسكر", "camp"),
    ("مخيم", "camp"),
    ("منفذ", "crossing"),
    ("معبر", "crossing"),
    ("جبل", "mountain"),
    ("سجن", "prison"),
    ("جسر", "bridge"),
    ("ميناء", "port"),
    ("مركز", "post"),
    ("شارع", "street"),
    ("ساحه", "square"),
    ("ميدان", "square"),
    ("ريف", "rural"),
];

/// The cue a word is, proclitics (و ب ل ف ك) allowed but not the article:
/// a cue is in construct with the name after it ("حي الرومانية"), while
/// "الحي الثاني" is "the second neighbourhood".
/// Returns the cue and the bytes of proclitics before it.
fn cue_split(w: &str) -> Option<(&'static str, usize)> {
    let sp = marsad_text::clitic::splits(w)
        .into_iter()
        .filter(|s| !s.article)
        .find(|s| CUES.iter().any(|(c, _)| *c == s.stem))?;
    CUES.iter()
        .find(|(c, _)| *c == sp.stem)
        .map(|(c, _)| (*c, sp.prefix.len()))
}

/// Place names that are also common words (مدينة, حرب, سلام …): they never
/// match on their own (`data/gazetteer/ambiguous.txt`).
fn ambiguous() -> &'static std::collections::HashSet<String> {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/gazetteer/ambiguous.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(marsad_lexicon::pattern_key)
            .collect()
    })
}

impl Gazetteer {
    /// The gazetteer shipped with marsad.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_tsv(
                "data/gazetteer/core.tsv",
                include_str!("../../../data/gazetteer/core.tsv"),
            )
            .expect("the embedded gazetteer is valid (checked by tests)")
        })
    }

    /// Parse a gazetteer file.
    pub fn from_tsv(file: &str, text: &str) -> Result<Gazetteer, tsv::TsvError> {
        let mut entries = Vec::new();
        let mut names = Vec::new();
        for r in tsv::rows(file, text, "id", 9)? {
            let idx = entries.len() as u32;
            let id = r.get(0).to_string();
            let geonames_id = r.get(10).strip_prefix("geonames:").and_then(|x| x.parse().ok());
            entries.push(PlaceEntry {
                id,
                geonames_id,
                name_ar: r.get(1).to_string(),
                name_en: r.get(2).to_string(),
                lat: r.get(3).parse().ok(),
                lon: r.get(4).parse().ok(),
                kind: r.get(5).to_string(),
                country: r.get(6).to_string(),
                admin1: r.opt(7).map(str::to_string),
                population: r.get(8).parse().unwrap_or(0),
            });
            let blocked = ambiguous();
            for n in std::iter::once(r.get(1)).chain(r.get(9).split('|')) {
                let n = n.trim();
                if !n.is_empty() && !blocked.contains(&marsad_lexicon::pattern_key(n)) {
                    names.push((n.to_string(), idx));
                }
            }
        }
        Ok(Gazetteer {
            entries,
            matcher: TokenMatcher::build(names),
        })
    }

    /// Places in `a` (prepared as `mt`), disambiguated in context.
    pub fn locate(&self, a: &Analyzed, mt: &MatchText) -> Vec<PlaceMention> {
        // A name read through a proclitic (و+اشار, ل+وقف) must be a
        // well-known place or carry its article (والرقة): small places
        // with short names are too often ordinary words.
        let hits: Vec<marsad_lexicon::Hit> = self
            .matcher
            .find_all(mt)
            .into_iter()
            .filter(|h| {
                let e = &self.entries[h.value as usize];
                h.prefix_len == 0
                    || e.kind == "country"
                    || e.population >= 100_000
                    || mt
                        .token_form(h.tok_start)
                        .get(h.prefix_len..)
                        .is_some_and(|r| r.starts_with("ال"))
            })
            .collect();
        // candidates per span
        let mut spans: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for h in &hits {
            spans
                .entry((h.tok_start, h.tok_end))
                .or_default()
                .push(h.value as usize);
        }
        // context: countries named or implied by unambiguous places
        let mut country_votes: HashMap<&str, usize> = HashMap::new();
        for cands in spans.values() {
            let cs: std::collections::HashSet<&str> = cands.iter().map(|&i| self.entries[i].country.as_str()).collect();
            if cs.len() == 1 {
                for c in cs {
                    *country_votes.entry(c).or_default() += 1;
                }
            }
        }
        let chosen: Vec<marsad_lexicon::Hit> = longest_non_overlapping(hits, |h| {
            let e = &self.entries[h.value as usize];
            let in_ctx = country_votes.get(e.country.as_str()).copied().unwrap_or(0) as i64;
            let kind_bonus = if e.kind == "country" { 1_000_000_000 } else { 0 };
            -(in_ctx * 100_000_000 + kind_bonus + e.population.min(99_999_999) as i64)
        });
        let mut out: Vec<PlaceMention> = Vec::new();
        for h in chosen {
            // extend over a cue word just before the name ("حي الرومانية", "مدينة الرقة")
            let mut s = h.tok_start;
            let mut cue = None;
            let mut prefix_len = h.prefix_len;
            if h.prefix_len == 0
                && s > 0
                && let Some((c, p)) = cue_split(a.tok(s - 1))
            {
                cue = Some(c.to_string());
                s -= 1;
                prefix_len = p;
            }
            // "حي X": X is a neighbourhood; a town elsewhere named X is not it.
            let e = &self.entries[h.value as usize];
            let neighbourhood_cue = matches!(cue.as_deref(), Some("حي" | "احياء"));
            let entry = if neighbourhood_cue && e.kind != "neighbourhood" {
                None
            } else {
                Some(h.value as usize)
            };
            out.push(PlaceMention {
                tok_start: s,
                tok_end: h.tok_end,
                prefix_len,
                entry,
                fallback: false,
                cue,
            });
        }
        // cue + unknown name: "حي الرومانية" with no entry
        let mut i = 0;
        while i + 1 < a.tokens.len() {
            if let Some((c, p)) = cue_split(a.tok(i))
                && !out.iter().any(|m| m.tok_start <= i && i < m.tok_end)
                && c != "ريف"
                && c != "مركز"
                && a.tokens[i + 1].kind == TokenKind::Word
                && !out.iter().any(|m| m.tok_start == i + 1)
            {
                let name = a.tok(i + 1);
                if name.starts_with("ال")
                    && name.chars().count() >= 4
                    && !marsad_lexicon::cues::is_stopword(name)
                    && !ambiguous().contains(name)
                {
                    out.push(PlaceMention {
                        tok_start: i,
                        tok_end: i + 2,
                        prefix_len: p,
                        entry: None,
                        fallback: false,
                        cue: Some(c.to_string()),
                    });
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
        out.sort_by_key(|m| m.tok_start);
        // unknown places fall back to the nearest city-level place of the
        // same sentence, else the article's most-mentioned city.
        let cities: Vec<(usize, usize)> = out
            .iter()
            .filter_map(|m| m.entry.map(|e| (m.tok_start, e)))
            .filter(|(_, e)| self.entries[*e].kind != "country")
            .collect();
        for m in out.iter_mut().filter(|m| m.entry.is_none()) {
            let sent = a.sentence_of(m.tok_start);
            let best = cities
                .iter()
                .filter(|(t, _)| a.sentence_of(*t) == sent)
                .min_by_key(|(t, _)| t.abs_diff(m.tok_start))
                .or_else(|| cities.first());
            if let Some(&(_, e)) = best {
                m.entry = Some(e);
                m.fallback = true;
            }
        }
        out
    }

    /// The record place for a mention.
    pub fn to_record(&self, a: &Analyzed, m: &PlaceMention) -> Place {
        let start = marsad_lexicon::name_start(a, m.tok_start, m.prefix_len) as usize;
        let end = a.tokens[m.tok_end - 1].end as usize;
        let text = a.raw_slice(start, end).to_string();
        match m.entry.map(|e| &self.entries[e]) {
            Some(e) => Place {
                start,
                end,
                text: text.clone(),
                geonames_id: e.geonames_id,
                name: if m.fallback { text } else { e.name_ar.clone() },
                name_en: Some(e.name_en.clone()),
                lat: e.lat,
                lon: e.lon,
                country: Some(e.country.clone()),
                admin1: e.admin1.clone(),
                admin2: None,
                precision: e.precision().to_string(),
            },
            None => Place {
                start,
                end,
                text: text.clone(),
                name: text,
                precision: "region".into(),
                ..Default::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Vec<(String, Option<String>, String)> {
        let g = Gazetteer::embedded();
        let a = Analyzed::new(text);
        let mt = MatchText::new(&a);
        g.locate(&a, &mt)
            .iter()
            .map(|m| {
                let p = g.to_record(&a, m);
                (p.text, p.country, p.precision)
            })
            .collect()
    }

    #[test]
    fn finds_countries_and_cities_in_context() {
        let p = places("سيطرت القوات على مدينة الرقة شمال سوريا وعلى موسكو");
        assert_eq!(
            p[0],
            ("مدينة الرقة".to_string(), Some("SY".to_string()), "city".to_string())
        );
        assert_eq!(p[1].1.as_deref(), Some("SY"));
        assert_eq!(p[1].2, "country");
        assert_eq!(p[2].1.as_deref(), Some("RU"));
    }

    #[test]
    fn unknown_neighbourhood_falls_back_to_city() {
        let p = places("دخلت القوات حي الفلانية في مدينة الرقة");
        assert_eq!(p[0].0, "حي الفلانية");
        assert_eq!(p[0].1.as_deref(), Some("SY"));
    }
}
