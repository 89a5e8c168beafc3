//! Building the compiled gazetteer from its sources (`marsad gazetteer build`).
//!
//! Sources, in order of precedence when two describe the same place:
//!
//! 1. `data/gazetteer/curated.tsv` — the project's own facts: neighbourhoods
//!    of contested cities, bases, airports, crossings, camps, bridges,
//!    prisons, regions, first-level divisions the other sources lack,
//!    Arabic names of places that have none, and GeoNames country points;
//!    each row with its source. `data/gazetteer/country_names.tsv` adds the
//!    common Arabic names of countries.
//! 2. GeoNames (`../shared/data/geonames/`, CC BY 4.0): populated places
//!    with their Arabic-script alternate names, countries and their Arabic
//!    names (pycountry).
//! 3. Open-Syria admin divisions (CC BY 4.0), with OCHA p-codes.
//! 4. Who's On First (SY IQ YE LY EG PS LB SD SO ML NE NG).
//! 5. yemen-regions-py (MIT): governorates, districts, sub-districts, and
//!    villages whose point was matched to a Who's On First locality.
//! 6. OpenStreetMap place nodes for Egypt, Libya, Sudan, Somalia, Mali,
//!    Niger, Nigeria (ODbL 1.0): written to a **separate** layer file
//!    (`osm_africa.tsv.gz`) holding only what the others lack.
//!
//! Names are kept only if written in Arabic letters: spellings with
//! Persian, Urdu or Kurdish letters (پ چ ژ گ ک ی ە ڕ …) are dropped.
//! Records of two sources that share a normalised name (article ignored),
//! a compatible kind and lie close together are merged. Each entry is then
//! placed in the hierarchy (admin1, admin2, containing place) from the
//! sources' admin names, p-codes, GeoNames admin1 codes and distances.
//!
//! Finally every name key gets a *word score* (0–100): how often the key
//! is an ordinary word rather than a place in news text, estimated on the
//! SaudiNewsNet corpus (31k articles, 2015). Counts per key are kept in
//! `data/gazetteer/name_stats.tsv.gz` so that a rebuild without the corpus
//! gives the same result. See [`word_score`].

use crate::cues::{CueRole, Cues};
use crate::gazetteer::{Gazetteer, OutEntry, km, name_key, write_layer};
use crate::kind::Kind;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// Errors of the build.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line}: {msg}")]
    Data { path: String, line: usize, msg: String },
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// What to build from and where to write.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The shared data directory (holding `data/geonames`, `data/gazetteer`).
    pub shared: PathBuf,
    /// The project's gazetteer directory (`data/gazetteer`): curated inputs
    /// are read from it and the compiled layers written to it.
    pub data_dir: PathBuf,
    /// A JSON Lines corpus (`.jsonl` or `.jsonl.gz`, objects with `title`
    /// and `text`) to count name usage in; `None` reuses `name_stats.tsv.gz`.
    pub corpus: Option<PathBuf>,
    /// Read at most this many corpus articles.
    pub corpus_limit: Option<usize>,
}

/// What the build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Records read per source.
    pub read: BTreeMap<String, usize>,
    /// Records merged into an entry of another source.
    pub merged: usize,
    /// Entries per kind in the main layer.
    pub kinds: BTreeMap<String, usize>,
    pub main_entries: usize,
    pub main_names: usize,
    pub osm_entries: usize,
    pub osm_names: usize,
    /// Corpus articles counted (0 when the stats file was reused).
    pub corpus_articles: usize,
    /// Names with a word score ≥ 50.
    pub wordlike_names: usize,
    /// Files written.
    pub written: Vec<PathBuf>,
}

/// A place record from one source, before merging.
#[derive(Debug, Clone)]
struct Raw {
    id: String,
    names: Vec<String>,
    name_en: String,
    lat: f64,
    lon: f64,
    kind: Kind,
    country: String,
    admin1_name: Option<String>,
    admin2_name: Option<String>,
    admin1_code: Option<String>,
    pcode: Option<String>,
    population: u64,
    geonames: Option<u64>,
    source: String,
    parent_ref: Option<String>,
    osm: bool,
    /// A national capital (GeoNames countries' capital).
    capital: bool,
}

impl Raw {
    fn new(id: String, kind: Kind, country: &str, lat: f64, lon: f64, source: String) -> Raw {
        Raw {
            id,
            names: Vec::new(),
            name_en: String::new(),
            lat,
            lon,
            kind,
            country: country.to_string(),
            admin1_name: None,
            admin2_name: None,
            admin1_code: None,
            pcode: None,
            population: 0,
            geonames: None,
            source,
            parent_ref: None,
            osm: false,
            capital: false,
        }
    }
}

/// The population from which a GeoNames place's Persian spellings count as
/// Arabic names too (large cities only: the Arabic press writes كابول, not
/// the names of Afghan villages).
const PERSIAN_SPELLING_MIN_POPULATION: u64 = 50_000;

/// Countries whose own place names are written in Persian script, the
/// spelling Arabic news copies (elsewhere a Persian spelling is a Persian
/// transliteration, often of an Arabic common word: "وادی").
const PERSIAN_SCRIPT_COUNTRIES: &[&str] = &["AF", "PK", "TJ"];

/// Letters of the Arabic language proper (after removing marks).
fn is_arabic_name_char(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}' | '\u{0640}'..='\u{0652}' | '\u{0670}' | '\u{0671}'
        | '0'..='9' | ' ' | '-' | '\'' | '.' | '(' | ')')
}

/// A cleaned Arabic name, or `None` if the name is not Arabic (Persian,
/// Urdu, Kurdish letters), empty, or a single letter.
pub fn clean_arabic(name: &str) -> Option<String> {
    let s: String = name
        .chars()
        .filter(
            |c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'),
        )
        .collect();
    // "عرفة، العراق": keep what names the place
    let s = s.split(['،', ',', ';', '/']).next().unwrap_or("");
    // drop parentheticals
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() || !out.chars().all(is_arabic_name_char) {
        return None;
    }
    let letters = out.chars().filter(|c| ('\u{0621}'..='\u{064A}').contains(c)).count();
    (letters >= 2).then_some(out)
}

/// Keys used to decide that two records share a name: the name key with
/// a leading article removed.
fn merge_key(name: &str) -> Option<String> {
    let k = name_key(name)?;
    Some(
        k.strip_prefix("ال")
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(&k)
            .to_string(),
    )
}

/// Type-cue words a name may begin with ("محافظة الرقة", "ناحية عين عيسى").
fn strip_type_cue<'a>(key: &'a str, cues: &Cues) -> Option<&'a str> {
    let (first, rest) = key.split_once(' ')?;
    let c = cues.exact(first)?;
    (c.role == CueRole::Type).then_some(rest)
}

fn open_text(path: &Path) -> Result<Box<dyn BufRead>, BuildError> {
    let f = std::fs::File::open(path).map_err(io_err(path))?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(f))))
    } else {
        Ok(Box::new(BufReader::new(f)))
    }
}

fn read_lines(path: &Path) -> Result<Vec<String>, BuildError> {
    let mut s = String::new();
    open_text(path)?.read_to_string(&mut s).map_err(io_err(path))?;
    Ok(s.lines().map(str::to_string).collect())
}

fn data_err(path: &Path, line: usize, msg: impl Into<String>) -> BuildError {
    BuildError::Data {
        path: path.display().to_string(),
        line,
        msg: msg.into(),
    }
}

// ---------------------------------------------------------------- sources

#[derive(serde::Deserialize)]
struct GnPlace {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    #[serde(default)]
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(serde::Deserialize)]
struct GnCountry {
    geonameid: u64,
    name: String,
    #[serde(default)]
    capital: String,
    #[serde(default)]
    population: u64,
}

/// GeoNames populated places: those with at least one Arabic name, and
/// (second) those without, which curated aliases may name.
fn read_geonames(path: &Path) -> Result<(Vec<Raw>, HashMap<String, Raw>), BuildError> {
    let mut out = Vec::new();
    let mut unnamed = HashMap::new();
    for (i, line) in read_lines(path)?.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let p: GnPlace = serde_json::from_str(line).map_err(|e| data_err(path, i + 1, e.to_string()))?;
        let mut names: Vec<String> = p.alternatenames.iter().filter_map(|n| clean_arabic(n)).collect();
        // a large city's Persian spelling is how Arabic news often writes it
        // ("کابول" → "كابول"): its keheh and Farsi yeh are Arabic kaf and ya
        if p.population >= PERSIAN_SPELLING_MIN_POPULATION && PERSIAN_SCRIPT_COUNTRIES.contains(&p.countrycode.as_str())
        {
            names.extend(p.alternatenames.iter().filter_map(|n| {
                let n = n.replace('\u{06A9}', "ك").replace('\u{06CC}', "ي");
                // (not a short word that Arabic uses otherwise: "بنی" → "بني")
                clean_arabic(&n).filter(|x| x.contains(' ') || x.chars().count() >= 4)
            }));
        }
        // the spelling with the article first when GeoNames has one, then the shortest
        names.sort_by_key(|n| (!n.starts_with("ال"), n.chars().count()));
        names.dedup();
        let mut r = Raw::new(
            format!("gn:{}", p.geonameid),
            Kind::City,
            &p.countrycode,
            p.latitude,
            p.longitude,
            format!("geonames:{}", p.geonameid),
        );
        r.names = names;
        r.name_en = p.name;
        r.population = p.population;
        r.geonames = Some(p.geonameid);
        r.admin1_code = p.admin1code.filter(|c| !c.is_empty());
        if r.names.is_empty() {
            unnamed.insert(r.id.clone(), r);
        } else {
            out.push(r);
        }
    }
    Ok((out, unnamed))
}

/// Rows of one of the shared gazetteer extracts, grouped by source record
/// (variant and alias rows become names of their record).
fn read_extract(path: &Path, osm: bool) -> Result<Vec<Raw>, BuildError> {
    let mut out: Vec<Raw> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, line) in read_lines(path)?.iter().enumerate() {
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 8 {
            return Err(data_err(path, i + 1, "expected 8 columns"));
        }
        let (Ok(lat), Ok(lon)) = (c[2].parse::<f64>(), c[3].parse::<f64>()) else {
            continue;
        };
        let src = c[7];
        let mut parts = src.split(';');
        let base_id = parts.next().unwrap_or("").to_string();
        let mut attrs: HashMap<&str, &str> = HashMap::new();
        for p in parts {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            attrs.insert(k, v);
        }
        let source_kind = c[4];
        let is_yemen = base_id.starts_with("yemen-regions-py:");
        // yemen villages whose point is only their district's centre are left out
        if is_yemen && attrs.get("coord") == Some(&"district_centroid") && source_kind == "village" {
            continue;
        }
        let Some(name) = clean_arabic(c[0]) else { continue };
        if let Some(&k) = by_id.get(&base_id) {
            let r = &mut out[k];
            if !r.names.contains(&name) {
                r.names.push(name);
            }
            continue;
        }
        let kind = match source_kind {
            "campus" => {
                if c[0].contains("مطار") {
                    Kind::Airport
                } else {
                    Kind::Base
                }
            }
            "subdistrict" if is_yemen => Kind::Admin3,
            k => match Kind::parse(k) {
                Some(k) => k,
                None => continue,
            },
        };
        let id = if let Some(rest) = base_id.strip_prefix("opensyria:") {
            attrs
                .get("pcode")
                .map(|p| format!("os:{p}"))
                .unwrap_or_else(|| format!("os:{rest}"))
        } else if let Some(rest) = base_id.strip_prefix("yemen-regions-py:") {
            format!("yr:{rest}")
        } else {
            base_id.clone()
        };
        let mut r = Raw::new(id, kind, c[5], lat, lon, src.to_string());
        r.names.push(name);
        r.name_en = c[1].to_string();
        r.admin1_name = (!c[6].is_empty()).then(|| c[6].to_string());
        r.admin2_name = attrs.get("district").map(|d| d.to_string());
        r.pcode = attrs.get("pcode").map(|p| p.to_string());
        r.osm = osm;
        if let Some(m) = attrs.get("coord").and_then(|v| v.strip_prefix("matched:")) {
            // a yemen village placed on a Who's On First locality: the same place
            r.parent_ref = Some(format!("same:{m}"));
        }
        by_id.insert(base_id, out.len());
        out.push(r);
    }
    Ok(out)
}

/// One row of the curated file.
#[derive(Debug, Clone)]
struct CuratedRow {
    line: usize,
    id: String,
    kind: String,
    names: Vec<String>,
    name_en: String,
    lat: Option<f64>,
    lon: Option<f64>,
    country: String,
    admin1: String,
    parent: String,
    population: u64,
    source: String,
}

/// `data/gazetteer/curated.tsv`:
/// `id kind name_ar aliases name_en lat lon country admin1 parent population source`.
fn read_curated(path: &Path) -> Result<Vec<CuratedRow>, BuildError> {
    let mut out = Vec::new();
    for (i, line) in read_lines(path)?.iter().enumerate() {
        let t = line.trim_end();
        if t.is_empty() || t.starts_with('#') || t.starts_with("id\t") {
            continue;
        }
        let c: Vec<&str> = t.split('\t').map(str::trim).collect();
        if c.len() < 12 {
            return Err(data_err(path, i + 1, format!("expected 12 columns, found {}", c.len())));
        }
        let mut names = Vec::new();
        for n in std::iter::once(c[2]).chain(c[3].split('|')) {
            if n.is_empty() {
                continue;
            }
            match clean_arabic(n) {
                Some(n) => names.push(n),
                None => return Err(data_err(path, i + 1, format!("{n:?} is not an Arabic name"))),
            }
        }
        let coord = |s: &str| -> Result<Option<f64>, BuildError> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse()
                    .map(Some)
                    .map_err(|_| data_err(path, i + 1, format!("bad coordinate {s:?}")))
            }
        };
        if c[11].is_empty() {
            return Err(data_err(path, i + 1, "every curated fact needs a source"));
        }
        out.push(CuratedRow {
            line: i + 1,
            id: c[0].to_string(),
            kind: c[1].to_string(),
            names,
            name_en: c[4].to_string(),
            lat: coord(c[5])?,
            lon: coord(c[6])?,
            country: c[7].to_string(),
            admin1: c[8].to_string(),
            parent: c[9].to_string(),
            population: if c[10].is_empty() {
                0
            } else {
                c[10]
                    .parse()
                    .map_err(|_| data_err(path, i + 1, format!("bad population {:?}", c[10])))?
            },
            source: c[11].to_string(),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- merging

/// Entries under construction.
#[derive(Debug, Clone)]
struct Ent {
    raw: Raw,
    /// Ids of the records merged in.
    also: Vec<String>,
    admin1: Option<usize>,
    admin2: Option<usize>,
    parent: Option<usize>,
    /// The curated file fixed the kind or point: other sources may not move it.
    pinned: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    Country,
    Admin1,
    Admin2,
    Admin3,
    Settlement,
    Neighbourhood,
    Site,
    Other,
}

fn class(k: Kind) -> Class {
    match k {
        Kind::Country => Class::Country,
        Kind::Admin1 => Class::Admin1,
        Kind::Admin2 => Class::Admin2,
        Kind::Admin3 => Class::Admin3,
        Kind::City | Kind::Village => Class::Settlement,
        Kind::Neighbourhood => Class::Neighbourhood,
        k if k.is_site() => Class::Site,
        _ => Class::Other,
    }
}

/// How far apart two records of these classes may be and still be one place.
fn merge_radius(a: &Raw, b: &Raw) -> Option<f64> {
    let (ca, cb) = (class(a.kind), class(b.kind));
    let big = a.population.max(b.population) >= 100_000;
    Some(match (ca, cb) {
        (Class::Admin1, Class::Admin1) => 400.0,
        (Class::Admin2, Class::Admin2) => 40.0,
        (Class::Admin3, Class::Admin3) => 25.0,
        (Class::Settlement, Class::Settlement) => {
            if big {
                12.0
            } else {
                6.0
            }
        }
        (Class::Neighbourhood, Class::Neighbourhood) => 3.0,
        // a locality record standing for a neighbourhood of the curated file
        (Class::Neighbourhood, Class::Settlement) if b.population == 0 => 2.5,
        (Class::Site, Class::Site) => 4.0,
        (Class::Other, Class::Other) if a.kind == b.kind => 50.0,
        _ => return None,
    })
}

struct Merger {
    ents: Vec<Ent>,
    /// (country, merge key) → entries
    index: HashMap<(String, String), Vec<usize>>,
    by_id: HashMap<String, usize>,
    merged: usize,
    cues: &'static Cues,
}

impl Merger {
    fn keys_of(&self, r: &Raw) -> Vec<String> {
        let mut ks = Vec::new();
        for n in &r.names {
            if let Some(k) = merge_key(n) {
                // "محافظة الرقة" meets "الرقة" for divisions
                if let Some(rest) = strip_type_cue(&k, self.cues)
                    && !matches!(class(r.kind), Class::Settlement | Class::Neighbourhood | Class::Site)
                {
                    let rest = rest
                        .strip_prefix("ال")
                        .filter(|x| x.chars().count() >= 2)
                        .unwrap_or(rest);
                    ks.push(rest.to_string());
                }
                ks.push(k);
            }
        }
        ks.sort();
        ks.dedup();
        ks
    }

    fn add(&mut self, r: Raw, pinned: bool) -> usize {
        self.add_or_merge(r, pinned, true)
    }

    fn add_or_merge(&mut self, r: Raw, pinned: bool, may_merge: bool) -> usize {
        let keys = self.keys_of(&r);
        if may_merge {
            let mut best: Option<(f64, usize)> = None;
            for k in &keys {
                if let Some(list) = self.index.get(&(r.country.clone(), k.clone())) {
                    for &e in list {
                        let other = &self.ents[e].raw;
                        let Some(rad) = merge_radius(other, &r) else { continue };
                        let d = km(other.lat, other.lon, r.lat, r.lon);
                        if d <= rad && best.is_none_or(|(bd, _)| d < bd) {
                            best = Some((d, e));
                        }
                    }
                }
            }
            if let Some((_, e)) = best {
                self.merge_into(e, r, &keys);
                return e;
            }
        }
        let i = self.ents.len();
        for k in keys {
            self.index.entry((r.country.clone(), k)).or_default().push(i);
        }
        self.by_id.insert(r.id.clone(), i);
        self.ents.push(Ent {
            raw: r,
            also: Vec::new(),
            admin1: None,
            admin2: None,
            parent: None,
            pinned,
        });
        i
    }

    fn merge_into(&mut self, e: usize, r: Raw, keys: &[String]) {
        self.merged += 1;
        for k in keys {
            let list = self.index.entry((r.country.clone(), k.clone())).or_default();
            if !list.contains(&e) {
                list.push(e);
            }
        }
        self.by_id.insert(r.id.clone(), e);
        let ent = &mut self.ents[e];
        ent.also.push(r.id.clone());
        for n in r.names {
            if !ent.raw.names.contains(&n) {
                ent.raw.names.push(n);
            }
        }
        let t = &mut ent.raw;
        if t.name_en.is_empty() {
            t.name_en = r.name_en;
        }
        if t.geonames.is_none() && r.geonames.is_some() {
            t.geonames = r.geonames;
            if !ent.pinned {
                // GeoNames points are the reference the project reports
                t.lat = r.lat;
                t.lon = r.lon;
            }
        }
        t.population = t.population.max(r.population);
        t.capital |= r.capital;
        t.admin1_name = t.admin1_name.take().or(r.admin1_name);
        t.admin2_name = t.admin2_name.take().or(r.admin2_name);
        t.admin1_code = t.admin1_code.take().or(r.admin1_code);
        t.pcode = t.pcode.take().or(r.pcode);
        if t.population >= 1 && t.kind == Kind::Village {
            t.kind = Kind::City;
        }
    }
}

// ---------------------------------------------------------------- build

/// Build the compiled layers and write them to `opts.data_dir`.
pub fn build(opts: &BuildOptions, progress: &mut dyn FnMut(&str)) -> Result<BuildReport, BuildError> {
    let mut rep = BuildReport::default();
    let gn_dir = opts.shared.join("data/geonames");
    let gz_dir = opts.shared.join("data/gazetteer");
    let cues = Cues::embedded();
    let mut m = Merger {
        ents: Vec::new(),
        index: HashMap::new(),
        by_id: HashMap::new(),
        merged: 0,
        cues,
    };

    // ---- countries
    progress("countries");
    let countries_path = gn_dir.join("countries.json");
    let countries: BTreeMap<String, GnCountry> = serde_json::from_reader(BufReader::new(
        std::fs::File::open(&countries_path).map_err(io_err(&countries_path))?,
    ))
    .map_err(|e| data_err(&countries_path, 0, e.to_string()))?;
    let mut country_names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let cn_path = opts.data_dir.join("country_names.tsv");
    for (i, l) in read_lines(&cn_path)?.iter().enumerate() {
        if l.starts_with('#') || l.starts_with("country\t") || l.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = l.split('\t').collect();
        let names = country_names.entry(c[0].to_string()).or_default();
        for n in c.iter().skip(1).flat_map(|x| x.split('|')) {
            if n.trim().is_empty() {
                continue;
            }
            names.push(clean_arabic(n).ok_or_else(|| data_err(&cn_path, i + 1, format!("{n:?} is not Arabic")))?);
        }
    }
    let car_path = gn_dir.join("countries_ar.tsv");
    for l in read_lines(&car_path)?.iter().skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        if c.len() < 5 {
            continue;
        }
        let names = country_names.entry(c[0].to_string()).or_default();
        for n in [c.get(4), c.get(5)].into_iter().flatten() {
            if let Some(n) = clean_arabic(n)
                && !names.contains(&n)
            {
                names.push(n);
            }
        }
    }
    let curated_path = opts.data_dir.join("curated.tsv");
    let curated = read_curated(&curated_path)?;
    rep.read.insert("curated".into(), curated.len());
    let country_points: HashMap<String, (f64, f64, String)> = curated
        .iter()
        .filter(|c| c.kind == "country")
        .filter_map(|c| {
            let cc = c.id.strip_prefix("country:")?;
            Some((cc.to_string(), (c.lat?, c.lon?, c.source.clone())))
        })
        .collect();
    for c in curated.iter().filter(|c| c.kind == "country") {
        if let Some(cc) = c.id.strip_prefix("country:") {
            country_names
                .entry(cc.to_string())
                .or_default()
                .extend(c.names.iter().cloned());
        }
    }

    // ---- read every source
    progress("reading GeoNames");
    let (mut gn, mut gn_unnamed) = read_geonames(&gn_dir.join("places.jsonl.gz"))?;
    // national capitals: the most populous place of the capital's name in the country
    for (cc, info) in &countries {
        if info.capital.is_empty() {
            continue;
        }
        let best = (0..gn.len())
            .filter(|&i| gn[i].country == *cc && gn[i].name_en == info.capital)
            .max_by_key(|&i| gn[i].population);
        if let Some(i) = best {
            gn[i].capital = true;
        }
    }
    rep.read.insert("geonames".into(), gn.len());
    progress("reading Open-Syria, Who's On First, yemen-regions-py, OpenStreetMap");
    let os = read_extract(&gz_dir.join("opensyria_admin.tsv.gz"), false)?;
    rep.read.insert("opensyria".into(), os.len());
    let wof = read_extract(&gz_dir.join("whosonfirst.tsv.gz"), false)?;
    rep.read.insert("whosonfirst".into(), wof.len());
    let yr = read_extract(&gz_dir.join("yemen_regions_py.tsv.gz"), false)?;
    rep.read.insert("yemen_regions_py".into(), yr.len());
    let osm = read_extract(&gz_dir.join("osm2019_africa.tsv.gz"), true)?;
    rep.read.insert("osm2019_africa".into(), osm.len());

    // country points: curated GeoNames points, else Who's On First, else the
    // population-weighted mean of the country's places
    let mut wof_country: HashMap<String, Raw> = HashMap::new();
    for r in wof.iter().filter(|r| r.kind == Kind::Country) {
        wof_country.insert(r.country.clone(), r.clone());
    }
    let mut weighted: HashMap<String, (f64, f64, f64)> = HashMap::new();
    for p in &gn {
        let w = (p.population.max(1)) as f64;
        let e = weighted.entry(p.country.clone()).or_default();
        e.0 += p.lat * w;
        e.1 += p.lon * w;
        e.2 += w;
    }
    for (cc, info) in &countries {
        let mut names = country_names.get(cc).cloned().unwrap_or_default();
        if let Some(w) = wof_country.get(cc) {
            names.extend(w.names.iter().cloned());
        }
        let mut seen = HashSet::new();
        names.retain(|n| seen.insert(name_key(n)));
        if names.is_empty() {
            continue;
        }
        let (lat, lon, src) = if let Some((la, lo, s)) = country_points.get(cc) {
            (*la, *lo, format!("geonames:{};point={s}", info.geonameid))
        } else if let Some(w) = wof_country.get(cc) {
            (w.lat, w.lon, format!("geonames:{};point={}", info.geonameid, w.id))
        } else if let Some((a, b, w)) = weighted.get(cc) {
            (
                a / w,
                b / w,
                format!("geonames:{};point=population-weighted", info.geonameid),
            )
        } else {
            continue;
        };
        let mut r = Raw::new(format!("country:{cc}"), Kind::Country, cc, lat, lon, src);
        r.names = names;
        r.name_en = info.name.clone();
        r.population = info.population;
        r.geonames = Some(info.geonameid);
        let i = m.add_or_merge(r, true, false);
        m.by_id.insert(format!("country:{cc}"), i);
    }

    // ---- curated places (before the others: they win merges)
    progress("curated places");
    let mut aliases: Vec<&CuratedRow> = Vec::new();
    for c in &curated {
        match c.kind.as_str() {
            "country" => {}
            "alias" => aliases.push(c),
            k => {
                let kind =
                    Kind::parse(k).ok_or_else(|| data_err(&curated_path, c.line, format!("unknown kind {k:?}")))?;
                let (Some(lat), Some(lon)) = (c.lat, c.lon) else {
                    return Err(data_err(&curated_path, c.line, "a curated place needs coordinates"));
                };
                if c.names.is_empty() {
                    return Err(data_err(&curated_path, c.line, "a curated place needs a name"));
                }
                let mut r = Raw::new(c.id.clone(), kind, &c.country, lat, lon, c.source.clone());
                r.names = c.names.clone();
                r.name_en = c.name_en.clone();
                r.population = c.population;
                r.admin1_name = (!c.admin1.is_empty()).then(|| c.admin1.clone());
                r.parent_ref = (!c.parent.is_empty()).then(|| c.parent.clone());
                m.add_or_merge(r, true, false);
            }
        }
    }
    // ---- the sources, best first
    progress("merging");
    for r in gn {
        m.add(r, false);
    }
    for r in os {
        m.add(r, false);
    }
    for r in wof.into_iter().filter(|r| r.kind != Kind::Country) {
        m.add(r, false);
    }
    for r in yr {
        // a village placed on a Who's On First locality is that locality
        if let Some(same) = r.parent_ref.as_deref().and_then(|p| p.strip_prefix("same:"))
            && let Some(&e) = m.by_id.get(same)
        {
            let keys = m.keys_of(&r);
            m.merge_into(e, r, &keys);
            continue;
        }
        m.add(r, false);
    }
    // curated aliases: Arabic names for places the sources hold
    for c in &aliases {
        if !m.by_id.contains_key(&c.id)
            && let Some(mut r) = gn_unnamed.remove(&c.id)
        {
            // a GeoNames place without an Arabic name: the alias names it
            r.names = c.names.clone();
            r.source.push_str(";names=curated");
            m.add(r, false);
            continue;
        }
        let Some(&e) = m.by_id.get(&c.id) else {
            return Err(data_err(
                &curated_path,
                c.line,
                format!("alias of unknown entry {:?}", c.id),
            ));
        };
        let r = Raw {
            names: c.names.clone(),
            ..m.ents[e].raw.clone()
        };
        let keys = m.keys_of(&r);
        for n in &c.names {
            if !m.ents[e].raw.names.contains(n) {
                m.ents[e].raw.names.push(n.clone());
            }
        }
        for k in keys {
            let list = m.index.entry((r.country.clone(), k)).or_default();
            if !list.contains(&e) {
                list.push(e);
            }
        }
    }
    rep.merged = m.merged;

    // ---- divisions named after their seat take the seat's point
    seat_points(&mut m);

    // ---- hierarchy
    progress("hierarchy");
    hierarchy(&mut m, &curated, &curated_path)?;

    // ---- drop names of small places that belong to a bigger place nearby
    prune_borrowed_names(&mut m);

    // ---- OSM: only what the main layer lacks
    let main_n = m.ents.len();
    let mut osm_ents: Vec<Ent> = Vec::new();
    for mut r in osm {
        let keys = m.keys_of(&r);
        let dup = keys.iter().any(|k| {
            m.index.get(&(r.country.clone(), k.clone())).is_some_and(|l| {
                l.iter()
                    .any(|&e| km(m.ents[e].raw.lat, m.ents[e].raw.lon, r.lat, r.lon) <= 5.0)
            })
        });
        if dup {
            continue;
        }
        if r.kind == Kind::Region && r.names.iter().any(|n| n.starts_with("محافظة")) {
            r.kind = Kind::Admin1;
            // governorates the main layer has under another spelling are duplicates
            if m.ents.iter().any(|e| {
                e.raw.kind == Kind::Admin1
                    && e.raw.country == r.country
                    && km(e.raw.lat, e.raw.lon, r.lat, r.lon) < 60.0
            }) {
                continue;
            }
        }
        osm_ents.push(Ent {
            raw: r,
            also: Vec::new(),
            admin1: None,
            admin2: None,
            parent: None,
            pinned: false,
        });
    }
    // OSM entries take their admin1 and containing place from the main layer
    let grid = Grid::new(&m.ents);
    let admin1_by_name = admin1_lookup(&m, cues);
    for e in &mut osm_ents {
        e.admin1 = e
            .raw
            .admin1_name
            .as_deref()
            .and_then(|n| resolve_admin1(&admin1_by_name, &e.raw.country, n, cues));
        e.parent = if matches!(class(e.raw.kind), Class::Neighbourhood | Class::Site) {
            nearest_city(&m, &grid, &e.raw, 15.0, 20_000).or_else(|| nearest_city(&m, &grid, &e.raw, 8.0, 0))
        } else {
            e.admin1
                .or_else(|| m.by_id.get(&format!("country:{}", e.raw.country)).copied())
        };
    }

    // ---- names
    progress("names");
    let mut main_names = names_of(&m.ents, 0, cues);
    let mut osm_names = names_of(&osm_ents, main_n, cues);

    // ---- word scores
    let stats_path = opts.data_dir.join("name_stats.tsv.gz");
    let stats: HashMap<String, NameStats> = match &opts.corpus {
        Some(corpus) => {
            progress("counting names in the corpus");
            let main_text = write_layer("main", 0, &out_entries(&m.ents), &main_names);
            let osm_text = write_layer("osm", main_n, &out_entries(&osm_ents), &osm_names);
            let g = Gazetteer::from_texts(vec![("main".into(), main_text), ("osm".into(), osm_text)])?;
            let counts = crate::stats::count(&g, corpus, opts.corpus_limit, cues).map_err(io_err(corpus))?;
            rep.corpus_articles = counts.articles;
            write_stats(&stats_path, &counts.names)?;
            rep.written.push(stats_path.clone());
            let words_path = opts.data_dir.join("common_words.txt.gz");
            write_common_words(&words_path, &counts.words)?;
            rep.written.push(words_path);
            counts.names
        }
        None => read_stats(&stats_path)?,
    };
    let ambiguous = read_ambiguous(&opts.data_dir.join("ambiguous.txt"))?;
    let ent_of = |i: u32| -> &Ent {
        if (i as usize) < main_n {
            &m.ents[i as usize]
        } else {
            &osm_ents[i as usize - main_n]
        }
    };
    // a capital's own name (its most cued spelling) is cued as rarely as a
    // region; its other spellings ("امان" for عمان) are not
    let capital_key = |e: &Ent| -> Option<String> {
        e.raw
            .names
            .iter()
            .filter_map(|n| name_key(n))
            .max_by_key(|k| stats.get(k).map(|s| s.cued).unwrap_or(0))
    };
    for names in [&mut main_names, &mut osm_names] {
        for (k, (w, ents)) in names.iter_mut() {
            let s = stats.get(k).copied().unwrap_or_default();
            // the cue rate expected of the most prominent place with the name
            let top = ents
                .iter()
                .map(|&e| ent_of(e))
                .max_by_key(|e| (prominence(e.raw.kind), e.raw.population))
                .expect("a name has entries");
            let capital = top.raw.capital && capital_key(top).as_deref() == Some(k.as_str());
            *w = word_score(&s, expected_cue_rate(top.raw.kind, capital));
            if ambiguous.contains(k) {
                *w = (*w).max(95);
            }
            if *w >= 50 {
                rep.wordlike_names += 1;
            }
        }
    }

    // ---- the Arabic name shown for an entry: its spelling most used as a place
    //      (countries and curated places keep the name they were given)
    for e in m.ents.iter_mut().chain(osm_ents.iter_mut()).filter(|e| !e.pinned) {
        // a name without a type cue ("حطيب", not "مديرية حطيب"), then the
        // uses as a place (after a cue), then all uses
        let uses = |n: &String| {
            let k = name_key(n);
            let plain = k.as_deref().is_some_and(|k| strip_type_cue(k, cues).is_none());
            let (c, all) = k.and_then(|k| stats.get(&k)).map(|s| (s.cued, s.n)).unwrap_or((0, 0));
            (plain, c, all)
        };
        if let Some(best) = (0..e.raw.names.len()).max_by_key(|&i| (uses(&e.raw.names[i]), std::cmp::Reverse(i))) {
            let n = e.raw.names.remove(best);
            e.raw.names.insert(0, n);
        }
    }

    // ---- write
    progress("writing");
    for e in &m.ents {
        *rep.kinds.entry(e.raw.kind.as_str().to_string()).or_default() += 1;
    }
    rep.main_entries = m.ents.len();
    rep.main_names = main_names.len();
    rep.osm_entries = osm_ents.len();
    rep.osm_names = osm_names.len();
    let main_text = write_layer(
        "gazetteer: GeoNames (CC BY 4.0), Who's On First, Open-Syria (CC BY 4.0), yemen-regions-py (MIT), marsad curated",
        0,
        &out_entries(&m.ents),
        &main_names,
    );
    let osm_text = write_layer(
        "osm_africa: OpenStreetMap contributors (ODbL 1.0)",
        main_n,
        &out_entries(&osm_ents),
        &osm_names,
    );
    for (file, text) in [("gazetteer.tsv.gz", main_text), ("osm_africa.tsv.gz", osm_text)] {
        let path = opts.data_dir.join(file);
        write_gz(&path, text.as_bytes())?;
        rep.written.push(path);
    }
    Ok(rep)
}

fn write_gz(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let f = std::fs::File::create(path).map_err(io_err(path))?;
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    gz.write_all(bytes).map_err(io_err(path))?;
    gz.finish().map_err(io_err(path))?;
    Ok(())
}

/// Admin1 entries by (country, key without type cue or article).
fn admin1_lookup(m: &Merger, cues: &Cues) -> HashMap<(String, String), usize> {
    let mut out = HashMap::new();
    for (i, e) in m.ents.iter().enumerate() {
        if e.raw.kind != Kind::Admin1 {
            continue;
        }
        for n in &e.raw.names {
            if let Some(k) = admin_name_key(n, cues) {
                out.entry((e.raw.country.clone(), k)).or_insert(i);
            }
        }
        if !e.raw.name_en.is_empty() {
            out.entry((e.raw.country.clone(), e.raw.name_en.to_lowercase()))
                .or_insert(i);
        }
    }
    out
}

fn admin_name_key(n: &str, cues: &Cues) -> Option<String> {
    let k = name_key(n)?;
    let k = strip_type_cue(&k, cues).map(str::to_string).unwrap_or(k);
    Some(
        k.strip_prefix("ال")
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(&k)
            .to_string(),
    )
}

fn resolve_admin1(map: &HashMap<(String, String), usize>, cc: &str, name: &str, cues: &Cues) -> Option<usize> {
    let k = admin_name_key(name, cues)?;
    map.get(&(cc.to_string(), k))
        .or_else(|| map.get(&(cc.to_string(), name.to_lowercase())))
        .copied()
}

/// The nearest settlement of at least `min_pop` within `radius` km (≤ 50).
fn nearest_city(m: &Merger, grid: &Grid, r: &Raw, radius: f64, min_pop: u64) -> Option<usize> {
    grid.near(r.lat, r.lon, radius, &m.ents)
        .into_iter()
        .filter(|&(i, _)| {
            let e = &m.ents[i].raw;
            e.kind.is_settlement() && e.country == r.country && e.population >= min_pop
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Fill admin1, admin2 and parent of every entry.
fn hierarchy(m: &mut Merger, curated: &[CuratedRow], curated_path: &Path) -> Result<(), BuildError> {
    let cues = m.cues;
    let n = m.ents.len();
    let country_of: HashMap<String, usize> = m
        .ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.raw.kind == Kind::Country)
        .map(|(i, e)| (e.raw.country.clone(), i))
        .collect();
    let admin1_by_name = admin1_lookup(m, cues);
    // Open-Syria p-codes: SY110202 (sub-district) ⊂ SY1102 (district) ⊂ SY11
    let by_pcode: HashMap<String, usize> = m
        .ents
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.raw.pcode.clone().map(|p| (p, i)))
        .collect();
    // 1. admin1 from names and p-codes
    for i in 0..n {
        let r = &m.ents[i].raw;
        if r.kind == Kind::Country {
            continue;
        }
        if r.kind == Kind::Admin1 {
            m.ents[i].admin1 = Some(i);
            continue;
        }
        let mut a1 = None;
        if let Some(p) = &r.pcode
            && p.len() >= 4
        {
            a1 = by_pcode.get(&p[..4]).copied();
        }
        if a1.is_none()
            && let Some(name) = &r.admin1_name
        {
            a1 = resolve_admin1(&admin1_by_name, &r.country, name, cues);
        }
        m.ents[i].admin1 = a1;
    }
    // 2. GeoNames admin1 codes: learn which division a code is from the
    //    entries that have both (and from curated divisions' seats)
    let mut votes: HashMap<(String, String), HashMap<usize, usize>> = HashMap::new();
    for e in &m.ents {
        if let (Some(code), Some(a1)) = (&e.raw.admin1_code, e.admin1)
            && e.raw.kind != Kind::Admin1
        {
            *votes
                .entry((e.raw.country.clone(), code.clone()))
                .or_default()
                .entry(a1)
                .or_default() += 1;
        }
    }
    for c in curated.iter().filter(|c| c.kind == "admin1" && !c.parent.is_empty()) {
        let seat = m.by_id.get(&c.parent).copied();
        let this = m.by_id.get(&c.id).copied();
        match (seat, this) {
            (Some(s), Some(t)) => {
                if let Some(code) = m.ents[s].raw.admin1_code.clone() {
                    *votes
                        .entry((m.ents[s].raw.country.clone(), code))
                        .or_default()
                        .entry(t)
                        .or_default() += 1000;
                }
            }
            _ => {
                return Err(data_err(
                    curated_path,
                    c.line,
                    format!("unknown seat {:?} of division {:?}", c.parent, c.id),
                ));
            }
        }
    }
    let code_map: HashMap<(String, String), usize> = votes
        .into_iter()
        .filter_map(|(k, v)| v.into_iter().max_by_key(|(_, n)| *n).map(|(a, _)| (k, a)))
        .collect();
    for e in m.ents.iter_mut() {
        if e.admin1.is_none()
            && let Some(code) = &e.raw.admin1_code
        {
            e.admin1 = code_map.get(&(e.raw.country.clone(), code.clone())).copied();
        }
    }
    // 3. the rest: the admin1 of the nearest entry that has one (≤ 30 km)
    let grid = Grid::new(&m.ents);
    let missing: Vec<usize> = (0..n)
        .filter(|&i| m.ents[i].admin1.is_none() && m.ents[i].raw.kind != Kind::Country)
        .collect();
    for i in missing {
        let r = &m.ents[i].raw;
        let near = grid
            .near(r.lat, r.lon, 30.0, &m.ents)
            .into_iter()
            .filter(|&(j, _)| j != i && m.ents[j].raw.country == r.country && m.ents[j].admin1.is_some())
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = near {
            m.ents[i].admin1 = m.ents[j].admin1;
        }
    }
    // 4. admin2: p-codes, the source's district name, else the nearest
    //    district centre of the same admin1 within 25 km
    let mut admin2_by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, e) in m.ents.iter().enumerate() {
        if e.raw.kind == Kind::Admin2 {
            for nm in &e.raw.names {
                if let Some(k) = admin_name_key(nm, cues) {
                    admin2_by_name.entry((e.raw.country.clone(), k)).or_default().push(i);
                }
            }
        }
    }
    let admin2s: Vec<usize> = (0..n).filter(|&i| m.ents[i].raw.kind == Kind::Admin2).collect();
    for i in 0..n {
        let r = m.ents[i].raw.clone();
        let k = r.kind;
        if matches!(k, Kind::Country | Kind::Admin1) {
            continue;
        }
        if k == Kind::Admin2 {
            m.ents[i].admin2 = Some(i);
            continue;
        }
        let mut a2 = None;
        if let Some(p) = &r.pcode
            && p.len() >= 6
        {
            a2 = by_pcode.get(&p[..6]).copied();
        }
        if a2.is_none()
            && let Some(d) = &r.admin2_name
            && let Some(k2) = admin_name_key(d, cues)
            && let Some(list) = admin2_by_name.get(&(r.country.clone(), k2))
        {
            a2 = list
                .iter()
                .copied()
                .filter(|&j| m.ents[j].admin1 == m.ents[i].admin1 || m.ents[i].admin1.is_none())
                .min_by(|&a, &b| {
                    let da = km(m.ents[a].raw.lat, m.ents[a].raw.lon, r.lat, r.lon);
                    let db = km(m.ents[b].raw.lat, m.ents[b].raw.lon, r.lat, r.lon);
                    da.total_cmp(&db)
                });
        }
        if a2.is_none() && m.ents[i].admin1.is_some() {
            a2 = admin2s
                .iter()
                .copied()
                .filter(|&j| m.ents[j].admin1 == m.ents[i].admin1)
                .map(|j| (j, km(m.ents[j].raw.lat, m.ents[j].raw.lon, r.lat, r.lon)))
                .filter(|(_, d)| *d <= 25.0)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(j, _)| j);
        }
        m.ents[i].admin2 = a2;
    }
    // 5. parents
    for i in 0..n {
        let e = &m.ents[i];
        let r = &e.raw;
        let country = country_of.get(&r.country).copied();
        let parent = match class(r.kind) {
            Class::Country => None,
            Class::Admin1 => country,
            Class::Admin2 => e.admin1.or(country),
            Class::Admin3 => e.admin2.or(e.admin1).or(country),
            Class::Settlement | Class::Other => e.admin2.or(e.admin1).or(country),
            Class::Neighbourhood | Class::Site => {
                let explicit = match &r.parent_ref {
                    Some(p) if !p.starts_with("same:") => match m.by_id.get(p) {
                        Some(&j) => Some(j),
                        None => {
                            let line = curated.iter().find(|c| c.id == r.id).map(|c| c.line).unwrap_or(0);
                            return Err(data_err(curated_path, line, format!("unknown parent {p:?}")));
                        }
                    },
                    _ => None,
                };
                explicit
                    .or_else(|| nearest_city(m, &grid, r, 15.0, 20_000))
                    .or_else(|| nearest_city(m, &grid, r, 8.0, 0))
                    .or(e.admin2)
                    .or(e.admin1)
                    .or(country)
            }
        };
        m.ents[i].parent = parent.filter(|&p| p != i);
    }
    // neighbourhoods and sites take their city's divisions when they have none
    for i in 0..n {
        if let Some(p) = m.ents[i].parent
            && matches!(class(m.ents[i].raw.kind), Class::Neighbourhood | Class::Site)
        {
            if m.ents[i].admin1.is_none() {
                m.ents[i].admin1 = m.ents[p].admin1;
            }
            if m.ents[i].admin2.is_none() {
                m.ents[i].admin2 = m.ents[p].admin2;
            }
        }
    }
    Ok(())
}

/// A division named after its seat (محافظة دير الزور, ناحية عين عيسى) is
/// located at the seat town, as conflict datasets do for events known only
/// to the division: the nearest settlement of the same name and country
/// (within 150 km for admin1, 60 km for admin2, 30 km for admin3), the
/// most populous if several. Curated points are kept.
fn seat_points(m: &mut Merger) {
    let cues = m.cues;
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for i in 0..m.ents.len() {
        let e = &m.ents[i];
        let radius = match e.raw.kind {
            Kind::Admin1 => 150.0,
            Kind::Admin2 => 60.0,
            Kind::Admin3 => 30.0,
            _ => continue,
        };
        if e.pinned {
            continue;
        }
        let keys: HashSet<String> = e.raw.names.iter().filter_map(|n| admin_name_key(n, cues)).collect();
        let mut best: Option<(u64, bool, usize)> = None;
        for k in &keys {
            let Some(list) = m.index.get(&(e.raw.country.clone(), k.clone())) else {
                continue;
            };
            for &j in list {
                let o = &m.ents[j].raw;
                if !o.kind.is_settlement() || km(o.lat, o.lon, e.raw.lat, e.raw.lon) > radius {
                    continue;
                }
                let rank = (o.population, o.geonames.is_some(), j);
                if best.is_none_or(|b| (rank.0, rank.1) > (b.0, b.1)) {
                    best = Some(rank);
                }
            }
        }
        if let Some((_, _, j)) = best {
            moves.push((i, j));
        }
    }
    for (i, j) in moves {
        let (lat, lon, id) = (m.ents[j].raw.lat, m.ents[j].raw.lon, m.ents[j].raw.id.clone());
        let e = &mut m.ents[i].raw;
        e.lat = lat;
        e.lon = lon;
        e.source.push_str(&format!(";point=seat:{id}"));
    }
}

/// A coarse spatial grid (0.5°) over entries, for neighbour searches.
struct Grid {
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn cell(lat: f64, lon: f64) -> (i32, i32) {
        ((lat * 2.0).floor() as i32, (lon * 2.0).floor() as i32)
    }
    fn new(ents: &[Ent]) -> Grid {
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, e) in ents.iter().enumerate() {
            cells.entry(Grid::cell(e.raw.lat, e.raw.lon)).or_default().push(i);
        }
        Grid { cells }
    }
    /// Entries within `radius` km (radius ≤ 50), with their distance.
    fn near(&self, lat: f64, lon: f64, radius: f64, ents: &[Ent]) -> Vec<(usize, f64)> {
        let (a, b) = Grid::cell(lat, lon);
        let mut out = Vec::new();
        for da in -1..=1 {
            for db in -1..=1 {
                if let Some(list) = self.cells.get(&(a + da, b + db)) {
                    for &i in list {
                        let d = km(lat, lon, ents[i].raw.lat, ents[i].raw.lon);
                        if d <= radius {
                            out.push((i, d));
                        }
                    }
                }
            }
        }
        out
    }
}

/// Small places (neighbourhoods, villages, sites) sometimes carry the name
/// of the city or division they are in as an alias ("بغداد" on a Baghdad
/// neighbourhood): such names are removed from the small place.
fn prune_borrowed_names(m: &mut Merger) {
    let n = m.ents.len();
    let is_big =
        |o: &Raw| matches!(o.kind, Kind::Country | Kind::Admin1) || (o.kind.is_settlement() && o.population >= 50_000);
    let big: Vec<usize> = (0..n).filter(|&j| is_big(&m.ents[j].raw)).collect();
    let big_keys: HashMap<usize, HashSet<String>> = big
        .iter()
        .map(|&j| (j, m.ents[j].raw.names.iter().filter_map(|x| merge_key(x)).collect()))
        .collect();
    let mut drop: Vec<(usize, String)> = Vec::new();
    for i in 0..n {
        let r = &m.ents[i].raw;
        let small = matches!(class(r.kind), Class::Neighbourhood | Class::Site | Class::Admin3)
            || (r.kind == Kind::Village && r.population == 0);
        if !small || m.ents[i].pinned {
            continue;
        }
        let near: Vec<usize> = big
            .iter()
            .copied()
            .filter(|&j| j != i && m.ents[j].raw.country == r.country)
            .filter(|&j| {
                let o = &m.ents[j].raw;
                o.kind == Kind::Country || km(o.lat, o.lon, r.lat, r.lon) <= 45.0
            })
            .collect();
        if near.is_empty() {
            continue;
        }
        for nm in &r.names {
            let Some(k) = merge_key(nm) else { continue };
            let borrowed = near.iter().any(|j| big_keys[j].contains(&k));
            if borrowed {
                drop.push((i, nm.clone()));
            }
        }
    }
    for (i, nm) in drop {
        let e = &mut m.ents[i];
        if e.raw.names.len() > 1 {
            e.raw.names.retain(|x| *x != nm);
        }
    }
}

/// The name index of entries numbered from `base`: every name's key; for
/// names written with a joined أبو (أبودشير) also the spaced form and back;
/// and for a name without the article (ميادين) also its definite form
/// (الميادين), which news text often uses — the word score of that form is
/// then counted on its own. Names that are only a cue or a function word are
/// left out, and "CUE X" when the entry also has the name X (the cue is read
/// in context). Countries get no definite forms ("البنين" is not Benin).
fn names_of(ents: &[Ent], base: usize, cues: &Cues) -> BTreeMap<String, (u8, Vec<u32>)> {
    let stop = marsad_lexicon::cues::stopwords();
    let mut out: BTreeMap<String, (u8, Vec<u32>)> = BTreeMap::new();
    for (i, e) in ents.iter().enumerate() {
        let idx = (base + i) as u32;
        let mut keys: Vec<String> = e.raw.names.iter().filter_map(|n| name_key(n)).collect();
        let plain: HashSet<String> = keys.iter().cloned().collect();
        let mut extra = Vec::new();
        for k in &keys {
            for (joined, spaced) in [("ابو", "ابو "), ("ام", "ام "), ("بني", "بني ")] {
                if let Some(rest) = k.strip_prefix(spaced)
                    && rest.chars().count() >= 3
                {
                    extra.push(format!("{joined}{rest}"));
                }
            }
            if let Some(rest) = k.strip_prefix("ابو")
                && !rest.starts_with(' ')
                && rest.chars().count() >= 3
            {
                extra.push(format!("ابو {rest}"));
            }
            let first = k.split(' ').next().unwrap_or("");
            if e.raw.kind != Kind::Country
                && !first.starts_with("ال")
                && first.chars().count() >= 3
                && cues.exact(first).is_none()
                && !marsad_text::clitic::is_exception(first)
            {
                extra.push(format!("ال{k}"));
            }
        }
        keys.extend(extra);
        keys.sort();
        keys.dedup();
        for k in keys {
            if k.chars().count() < 2 || stop.contains(k.as_str()) || cues.exact(&k).is_some() {
                continue;
            }
            if k.chars().all(|c| c.is_ascii_digit() || c == ' ') {
                continue;
            }
            if let Some(rest) = strip_type_cue(&k, cues)
                && (plain.contains(rest)
                    || plain.contains(&format!("ال{rest}"))
                    || rest.strip_prefix("ال").is_some_and(|r| plain.contains(r)))
            {
                continue;
            }
            let list = &mut out.entry(k).or_default().1;
            if !list.contains(&idx) {
                list.push(idx);
            }
        }
    }
    out
}

fn out_entries(ents: &[Ent]) -> Vec<OutEntry> {
    ents.iter()
        .map(|e| {
            let r = &e.raw;
            let mut source = r.source.clone();
            for a in &e.also {
                source.push_str(" + ");
                source.push_str(a);
            }
            OutEntry {
                id: r.id.clone(),
                name_ar: r.names.first().cloned().unwrap_or_default(),
                name_en: r.name_en.clone(),
                lat: r.lat,
                lon: r.lon,
                kind: r.kind.as_str().to_string(),
                country: r.country.clone(),
                admin1: e.admin1.map(|x| x as u32),
                admin2: e.admin2.map(|x| x as u32),
                parent: e.parent.map(|x| x as u32),
                population: r.population,
                geonames: r.geonames,
                source,
            }
        })
        .collect()
}

// ---------------------------------------------------------------- word scores

/// Usage counts of one name key in a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameStats {
    /// Occurrences.
    pub n: u32,
    /// Occurrences right after a place cue (مدينة, حي, محافظة, شمال, ريف …).
    pub cued: u32,
    /// Occurrences right after a preposition of place (في, من, إلى, قرب …)
    /// or with ب attached.
    pub prep: u32,
}

/// Share of a town's or division's occurrences that follow a specific
/// place cue (observed: 15–60% for towns and governorates; under 1% for
/// common words).
pub const PLACE_CUE_RATE: f64 = 0.12;
/// The same for countries (observed: 0.4–10%: "شمال سوريا", rarely more).
pub const COUNTRY_CUE_RATE: f64 = 0.005;
/// The same for regions, seas, straits and mountains, rarely cued.
pub const REGION_CUE_RATE: f64 = 0.01;
/// The same for national capitals under their own name: they often stand
/// for their governments ("موسكو", "واشنطن": 2–3% after a cue).
pub const CAPITAL_CUE_RATE: f64 = 0.03;

/// Rank of kinds when several places share a name: the one a reader thinks of.
fn prominence(k: Kind) -> u8 {
    match k {
        Kind::Country => 5,
        Kind::Admin1 | Kind::Region | Kind::Water => 4,
        Kind::City => 3,
        Kind::Admin2 | Kind::Admin3 | Kind::Mountain | Kind::Island => 2,
        _ => 1,
    }
}

/// The cue rate expected of a place of this kind (see the constants).
pub fn expected_cue_rate(k: Kind, capital: bool) -> f64 {
    match k {
        Kind::Country => COUNTRY_CUE_RATE,
        Kind::Region | Kind::Water | Kind::Mountain | Kind::Island => REGION_CUE_RATE,
        Kind::City if capital => CAPITAL_CUE_RATE,
        _ => PLACE_CUE_RATE,
    }
}

/// Definite words frequent in the corpus and rarely after a specific place
/// cue (≥ 20 uses, < 10% after a cue), or very frequent (≥ 100 uses): after
/// a cue they are not taken for the name of a place the gazetteer lacks
/// ("معسكر المقاومة", "معسكر الفريق", "منطقة اليورو"); the names of small
/// unlisted places are rare.
fn write_common_words(path: &Path, words: &HashMap<String, (u32, u32)>) -> Result<(), BuildError> {
    let mut list: Vec<&String> = words
        .iter()
        .filter(|(_, (n, c))| *n >= 100 || (*n >= 20 && (*c as f64) < 0.1 * *n as f64))
        .map(|(w, _)| w)
        .collect();
    list.sort();
    let mut text = String::from(
        "# Definite words used at least 100 times in SaudiNewsNet, or at least 20 times and after a\n\
         # specific place cue in under 10% of their uses (statistics; see marsad_geo::compile). One normalised word a line.\n",
    );
    for w in list {
        text.push_str(w);
        text.push('\n');
    }
    write_gz(path, text.as_bytes())
}

/// The word score (0–100) of a name from its corpus counts: the share of
/// its occurrences that do *not* look like a place, shrunk towards 0 for
/// rare names.
///
/// A place name in news text follows a specific place cue (مدينة, بلدة,
/// قرية, حي, محافظة, شمال, ريف …) far more often than a common word does:
/// on SaudiNewsNet, towns and governorates follow one in 15–60% of their
/// occurrences, while بيان, مقر, المصدر, التحالف, عليه follow one in under
/// 0.2%. Prepositions do not tell them apart ("في بيان" is as common as
/// "في عدن"). A name that is a place in every use is expected to follow a
/// cue at `rate` (see [`PLACE_CUE_RATE`]); the share of place uses is
/// estimated as `(cued + ½) / (rate·n + ½)`. Names seen fewer than about 15
/// times get a low score: too little evidence that they are words.
pub fn word_score(s: &NameStats, rate: f64) -> u8 {
    if s.n == 0 {
        return 0;
    }
    let n = s.n as f64;
    let place_share = ((s.cued as f64 + 0.5) / (rate * n + 0.5)).min(1.0);
    let wordness = 1.0 - place_share;
    let confidence = n / (n + 15.0);
    (wordness * confidence * 100.0).round().clamp(0.0, 100.0) as u8
}

fn write_stats(path: &Path, stats: &HashMap<String, NameStats>) -> Result<(), BuildError> {
    let mut rows: Vec<(&String, &NameStats)> = stats.iter().filter(|(_, s)| s.n > 0).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut text = String::from(
        "# Usage of gazetteer name keys in SaudiNewsNet (31k articles, 2015): occurrences,\n\
         # occurrences after a place cue, after a preposition of place. Statistics only.\n\
         key\tn\tcued\tprep\n",
    );
    for (k, s) in rows {
        text.push_str(&format!("{k}\t{}\t{}\t{}\n", s.n, s.cued, s.prep));
    }
    write_gz(path, text.as_bytes())
}

fn read_stats(path: &Path) -> Result<HashMap<String, NameStats>, BuildError> {
    let mut out = HashMap::new();
    if !path.exists() {
        return Ok(out);
    }
    for (i, l) in read_lines(path)?.iter().enumerate() {
        if l.starts_with('#') || l.starts_with("key\t") || l.is_empty() {
            continue;
        }
        let c: Vec<&str> = l.split('\t').collect();
        let num = |s: Option<&&str>| s.and_then(|x| x.parse::<u32>().ok());
        match (num(c.get(1)), num(c.get(2)), num(c.get(3))) {
            (Some(n), Some(cued), Some(prep)) => {
                out.insert(c[0].to_string(), NameStats { n, cued, prep });
            }
            _ => return Err(data_err(path, i + 1, "expected key n cued prep")),
        }
    }
    Ok(out)
}

/// `ambiguous.txt`: names that are common words whatever the corpus says.
fn read_ambiguous(path: &Path) -> Result<HashSet<String>, BuildError> {
    let mut out = HashSet::new();
    if !path.exists() {
        return Ok(out);
    }
    for l in read_lines(path)? {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(k) = name_key(l) {
            out.insert(k);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_names_only() {
        assert_eq!(clean_arabic("دير الزور\u{200e}").as_deref(), Some("دير الزور"));
        assert_eq!(clean_arabic("دیر الزور"), None, "Persian yeh");
        assert_eq!(clean_arabic("ڕەققە"), None, "Kurdish letters");
        assert_eq!(clean_arabic("عرفة، العراق").as_deref(), Some("عرفة"));
        assert_eq!(clean_arabic("حمص (مدينة)").as_deref(), Some("حمص"));
        assert_eq!(clean_arabic("Raqqa"), None);
        assert_eq!(clean_arabic("ب"), None);
    }

    #[test]
    fn word_scores_separate_words_from_places() {
        // a common noun: thousands of uses, almost never after a cue
        let bayan = NameStats {
            n: 5000,
            cued: 5,
            prep: 900,
        };
        // a town: most uses after a cue or preposition
        let town = NameStats {
            n: 300,
            cued: 60,
            prep: 150,
        };
        assert!(
            word_score(&bayan, PLACE_CUE_RATE) > 90,
            "{}",
            word_score(&bayan, PLACE_CUE_RATE)
        );
        assert!(
            word_score(&town, PLACE_CUE_RATE) < 10,
            "{}",
            word_score(&town, PLACE_CUE_RATE)
        );
        // a country is rarely after a cue, and still a country
        let qatar = NameStats {
            n: 1068,
            cued: 4,
            prep: 189,
        };
        assert!(word_score(&qatar, COUNTRY_CUE_RATE) < 30);
        // a name seen twice says little
        assert!(word_score(&NameStats { n: 2, cued: 0, prep: 0 }, PLACE_CUE_RATE) < 15);
    }
}
