//! The compiled gazetteer: entries (facts) and a sorted index of their
//! normalised Arabic names.
//!
//! # File format
//!
//! A compiled gazetteer *layer* is UTF-8 text, gzipped when shipped:
//!
//! ```text
//! #marsad-gazetteer<TAB>1<TAB>LAYER<TAB>BASE<TAB>N_ENTRIES<TAB>N_NAMES
//! #id name_ar name_en lat lon kind country admin1 admin2 parent population geonames source
//! <N_ENTRIES entry rows>
//! #names key word entries
//! <N_NAMES name rows, sorted by key bytes>
//! ```
//!
//! * Entry rows are numbered from `BASE` (0 for the main layer; a second
//!   layer such as the OpenStreetMap one continues the numbering of the
//!   layer it extends). `admin1`, `admin2` and `parent` are entry numbers
//!   (empty when unknown); `geonames` is a GeoNames id or empty; `source`
//!   says where the fact comes from.
//! * Name rows map a normalised key ([`name_key`]) to the entries that
//!   bear the name (comma-separated entry numbers) and carry `word`, a
//!   0–100 estimate of how often the key is an ordinary word rather than
//!   this place in news text (see [`crate::compile`]).
//!
//! Loading a layer splits lines and parses numbers; no normalisation runs
//! at load time, and look-ups are binary searches over the sorted keys.

use crate::kind::{Kind, Precision};
use std::io::Read;
use std::sync::OnceLock;

/// A string slice of the gazetteer's text.
#[derive(Debug, Clone, Copy, Default)]
struct S {
    off: u32,
    len: u32,
}

const NONE: u32 = u32::MAX;

/// One entry as stored.
#[derive(Debug, Clone)]
struct Row {
    id: S,
    name_ar: S,
    name_en: S,
    source: S,
    lat: f64,
    lon: f64,
    kind: Kind,
    country: [u8; 2],
    admin1: u32,
    admin2: u32,
    parent: u32,
    population: u32,
    geonames: u32,
}

/// One name key and the entries that bear it.
#[derive(Debug, Clone, Copy)]
struct NameRow {
    key: S,
    word: u8,
    post_off: u32,
    post_len: u32,
}

/// Errors reading a compiled gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{layer}: line {line}: {msg}")]
    Format { layer: String, line: usize, msg: String },
    #[error("{layer}: cannot decompress: {source}")]
    Gzip {
        layer: String,
        #[source]
        source: std::io::Error,
    },
}

/// A name index of one layer.
struct NameIndex {
    rows: Vec<NameRow>,
    postings: Vec<u32>,
}

/// The gazetteer: entries of one or more layers and their name indexes.
pub struct Gazetteer {
    text: String,
    rows: Vec<Row>,
    names: Vec<NameIndex>,
    layers: Vec<String>,
}

/// A gazetteer entry: a view into the [`Gazetteer`].
#[derive(Clone, Copy)]
pub struct Entry<'g> {
    g: &'g Gazetteer,
    i: u32,
}

impl std::fmt::Debug for Entry<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Entry({} {} {} {} {:.4},{:.4})",
            self.id(),
            self.name_ar(),
            self.kind(),
            self.country(),
            self.lat(),
            self.lon()
        )
    }
}

impl PartialEq for Entry<'_> {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.g, o.g) && self.i == o.i
    }
}

impl<'g> Entry<'g> {
    fn row(&self) -> &'g Row {
        &self.g.rows[self.i as usize]
    }
    /// The entry's number in the gazetteer.
    pub fn index(&self) -> u32 {
        self.i
    }
    /// Stable id: `gn:172955` (GeoNames), `wof:…` (Who's On First),
    /// `os:SY08` (Open-Syria p-code), `yr:…` (yemen-regions-py),
    /// `osm:node/…`, `cur:…` (the curated file), `country:SY`.
    pub fn id(&self) -> &'g str {
        self.g.s(self.row().id)
    }
    /// The Arabic name (as the source spells it).
    pub fn name_ar(&self) -> &'g str {
        self.g.s(self.row().name_ar)
    }
    /// The English name (may be empty).
    pub fn name_en(&self) -> &'g str {
        self.g.s(self.row().name_en)
    }
    /// Where the fact comes from (`geonames:…`, `wof:…`, `knowledge`, a URL …).
    pub fn source(&self) -> &'g str {
        self.g.s(self.row().source)
    }
    /// Latitude (WGS84 degrees).
    pub fn lat(&self) -> f64 {
        self.row().lat
    }
    /// Longitude (WGS84 degrees).
    pub fn lon(&self) -> f64 {
        self.row().lon
    }
    /// Feature kind.
    pub fn kind(&self) -> Kind {
        self.row().kind
    }
    /// The precision a mention of this entry has.
    pub fn precision(&self) -> Precision {
        self.kind().precision()
    }
    /// ISO 3166-1 alpha-2 country code.
    pub fn country(&self) -> &'g str {
        std::str::from_utf8(&self.row().country).unwrap_or("")
    }
    /// Population (0 when unknown).
    pub fn population(&self) -> u32 {
        self.row().population
    }
    /// GeoNames id, if the entry is (or was merged with) a GeoNames place.
    pub fn geonames_id(&self) -> Option<u64> {
        let g = self.row().geonames;
        (g != 0).then_some(g as u64)
    }
    fn link(&self, i: u32) -> Option<Entry<'g>> {
        (i != NONE && (i as usize) < self.g.rows.len()).then_some(Entry { g: self.g, i })
    }
    /// The first-level division the entry is in (itself excluded).
    pub fn admin1(&self) -> Option<Entry<'g>> {
        self.link(self.row().admin1).filter(|e| e.i != self.i)
    }
    /// The second-level division the entry is in (itself excluded).
    pub fn admin2(&self) -> Option<Entry<'g>> {
        self.link(self.row().admin2).filter(|e| e.i != self.i)
    }
    /// The place that directly contains it: a neighbourhood's or site's
    /// city, a city's district or governorate, a governorate's country.
    pub fn parent(&self) -> Option<Entry<'g>> {
        self.link(self.row().parent).filter(|e| e.i != self.i)
    }
    /// True if `other` is one of this entry's containing places (parent,
    /// admin2, admin1, transitively).
    pub fn is_within(&self, other: &Entry<'_>) -> bool {
        let mut cur = *self;
        for _ in 0..8 {
            for up in [cur.admin1(), cur.admin2()].into_iter().flatten() {
                if up.i == other.i {
                    return true;
                }
            }
            match cur.parent() {
                Some(p) if p.i == other.i => return true,
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }
    /// Great-circle distance to another entry, in km.
    pub fn km_to(&self, o: &Entry<'_>) -> f64 {
        km(self.lat(), self.lon(), o.lat(), o.lon())
    }
}

/// Great-circle distance in km between two WGS84 points.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The point `dist_km` from (`lat`, `lon`) on initial bearing `bearing_deg`
/// (0 = north, 90 = east).
pub fn offset(lat: f64, lon: f64, dist_km: f64, bearing_deg: f64) -> (f64, f64) {
    let d = dist_km / 6371.0;
    let b = bearing_deg.to_radians();
    let (p1, l1) = (lat.to_radians(), lon.to_radians());
    let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
    let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
    (p2.to_degrees(), l2.to_degrees())
}

/// The normalised look-up key of a name: its Arabic words (and numbers)
/// in the text core's normalised form, joined by single spaces;
/// punctuation (hyphens, commas, brackets) separates words and is dropped.
/// `None` when nothing is left.
pub fn name_key(name: &str) -> Option<String> {
    let a = marsad_text::Analyzed::new(name);
    let mut out = String::new();
    for i in 0..a.tokens.len() {
        use marsad_text::TokenKind as T;
        match a.tokens[i].kind {
            T::Word | T::Number | T::Latin => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(a.tok(i));
            }
            T::Abbrev => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.extend(a.tok(i).chars().filter(|c| !c.is_whitespace()));
            }
            T::Punct => {}
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A name found by [`Gazetteer::find_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameId {
    layer: u16,
    row: u32,
}

impl Gazetteer {
    /// The gazetteer shipped with marsad (GeoNames, Who's On First,
    /// Open-Syria, yemen-regions-py and the curated file, plus the separate
    /// OpenStreetMap layer), decompressed and indexed on first use.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_gz_layers(&[
                ("data/gazetteer/gazetteer.tsv.gz", EMBEDDED_MAIN),
                ("data/gazetteer/osm_africa.tsv.gz", EMBEDDED_OSM),
            ])
            .expect("the embedded gazetteer is valid (checked by tests)")
        })
    }

    /// Read gzipped layers, in order (the first is the main layer).
    pub fn from_gz_layers(layers: &[(&str, &[u8])]) -> Result<Gazetteer, GazetteerError> {
        let mut texts = Vec::with_capacity(layers.len());
        for (name, bytes) in layers {
            let mut s = String::with_capacity(bytes.len() * 3);
            flate2::read::MultiGzDecoder::new(*bytes)
                .read_to_string(&mut s)
                .map_err(|source| GazetteerError::Gzip {
                    layer: name.to_string(),
                    source,
                })?;
            texts.push((name.to_string(), s));
        }
        Gazetteer::from_texts(texts)
    }

    /// Parse uncompressed layers `(name, text)`, in order.
    pub fn from_texts(layers: Vec<(String, String)>) -> Result<Gazetteer, GazetteerError> {
        let total: usize = layers.iter().map(|(_, t)| t.len()).sum();
        let mut g = Gazetteer {
            text: String::with_capacity(total),
            rows: Vec::new(),
            names: Vec::new(),
            layers: Vec::new(),
        };
        for (name, t) in layers {
            let base = g.text.len();
            g.text.push_str(&t);
            g.parse_layer(&name, base)?;
            g.layers.push(name);
        }
        Ok(g)
    }

    fn parse_layer(&mut self, layer: &str, base: usize) -> Result<(), GazetteerError> {
        let err = |line: usize, msg: String| GazetteerError::Format {
            layer: layer.to_string(),
            line,
            msg,
        };
        let text = &self.text[base..];
        let mut lines = text.split('\n');
        let mut pos = base;
        let mut next = |lineno: &mut usize| -> Option<(usize, &str)> {
            let l = lines.next()?;
            let at = pos;
            pos += l.len() + 1;
            *lineno += 1;
            Some((at, l))
        };
        let mut lineno = 0usize;
        let (_, header) = next(&mut lineno).ok_or_else(|| err(1, "empty file".into()))?;
        let h: Vec<&str> = header.split('\t').collect();
        if h.len() < 6 || h[0] != "#marsad-gazetteer" || h[1] != "1" {
            return Err(err(1, "not a marsad gazetteer (version 1) file".into()));
        }
        let num = |s: &str, what: &str| -> Result<usize, GazetteerError> {
            s.parse().map_err(|_| err(1, format!("bad {what} {s:?}")))
        };
        let declared_base = num(h[3], "base")?;
        let n_entries = num(h[4], "entry count")?;
        let n_names = num(h[5], "name count")?;
        if declared_base != self.rows.len() {
            return Err(err(
                1,
                format!(
                    "layer extends a gazetteer of {declared_base} entries but {} are loaded: rebuild the layers together",
                    self.rows.len()
                ),
            ));
        }
        let _columns = next(&mut lineno);
        self.rows.reserve(n_entries);
        let link = |s: &str, line: usize| -> Result<u32, GazetteerError> {
            if s.is_empty() {
                Ok(NONE)
            } else {
                s.parse().map_err(|_| err(line, format!("bad entry number {s:?}")))
            }
        };
        for _ in 0..n_entries {
            let (at, l) = next(&mut lineno).ok_or_else(|| err(lineno, "truncated entries".into()))?;
            let mut f = [S::default(); 13];
            let mut strs = [""; 13];
            let mut k = 0;
            let mut off = 0usize;
            for part in l.split('\t') {
                if k == 13 {
                    return Err(err(lineno, "too many columns".into()));
                }
                f[k] = S {
                    off: (at + off) as u32,
                    len: part.len() as u32,
                };
                strs[k] = part;
                off += part.len() + 1;
                k += 1;
            }
            if k != 13 {
                return Err(err(lineno, format!("expected 13 columns, found {k}")));
            }
            let kind = Kind::parse(strs[5]).ok_or_else(|| err(lineno, format!("unknown kind {:?}", strs[5])))?;
            let cb = strs[6].as_bytes();
            if cb.len() != 2 {
                return Err(err(lineno, format!("bad country {:?}", strs[6])));
            }
            let fl = |s: &str| -> Result<f64, GazetteerError> {
                s.parse().map_err(|_| err(lineno, format!("bad coordinate {s:?}")))
            };
            self.rows.push(Row {
                id: f[0],
                name_ar: f[1],
                name_en: f[2],
                lat: fl(strs[3])?,
                lon: fl(strs[4])?,
                kind,
                country: [cb[0], cb[1]],
                admin1: link(strs[7], lineno)?,
                admin2: link(strs[8], lineno)?,
                parent: link(strs[9], lineno)?,
                population: if strs[10].is_empty() {
                    0
                } else {
                    strs[10]
                        .parse()
                        .map_err(|_| err(lineno, format!("bad population {:?}", strs[10])))?
                },
                geonames: if strs[11].is_empty() {
                    0
                } else {
                    strs[11]
                        .parse()
                        .map_err(|_| err(lineno, format!("bad geonames id {:?}", strs[11])))?
                },
                source: f[12],
            });
        }
        let (_, marker) = next(&mut lineno).ok_or_else(|| err(lineno, "missing #names".into()))?;
        if !marker.starts_with("#names") {
            return Err(err(lineno, "expected the #names line".into()));
        }
        let mut idx = NameIndex {
            rows: Vec::with_capacity(n_names),
            postings: Vec::with_capacity(n_names * 2),
        };
        let limit = self.rows.len() as u32;
        for _ in 0..n_names {
            let (at, l) = next(&mut lineno).ok_or_else(|| err(lineno, "truncated names".into()))?;
            let mut parts = l.splitn(3, '\t');
            let key = parts.next().unwrap_or("");
            let word: u8 = parts
                .next()
                .and_then(|w| w.parse().ok())
                .ok_or_else(|| err(lineno, "bad word score".into()))?;
            let ents = parts.next().ok_or_else(|| err(lineno, "missing entries".into()))?;
            let post_off = idx.postings.len() as u32;
            for e in ents.split(',') {
                let e: u32 = e.parse().map_err(|_| err(lineno, format!("bad entry number {e:?}")))?;
                if e >= limit {
                    return Err(err(lineno, format!("entry {e} out of range")));
                }
                idx.postings.push(e);
            }
            if let Some(prev) = idx.rows.last()
                && self.s(prev.key) >= key
            {
                return Err(err(lineno, format!("names not sorted at {key:?}")));
            }
            idx.rows.push(NameRow {
                key: S {
                    off: at as u32,
                    len: key.len() as u32,
                },
                word,
                post_off,
                post_len: idx.postings.len() as u32 - post_off,
            });
        }
        // links must stay inside the gazetteer
        for (i, r) in self.rows.iter().enumerate() {
            for l in [r.admin1, r.admin2, r.parent] {
                if l != NONE && l >= limit {
                    return Err(err(0, format!("entry {i} links to {l}, out of range")));
                }
            }
        }
        self.names.push(idx);
        Ok(())
    }

    fn s(&self, s: S) -> &str {
        &self.text[s.off as usize..(s.off + s.len) as usize]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Number of distinct name keys over all layers.
    pub fn name_count(&self) -> usize {
        self.names.iter().map(|n| n.rows.len()).sum()
    }

    /// The layers loaded, by file name.
    pub fn layers(&self) -> &[String] {
        &self.layers
    }

    /// Entry number `i`.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn entry(&self, i: u32) -> Entry<'_> {
        assert!((i as usize) < self.rows.len(), "gazetteer entry {i} out of range");
        Entry { g: self, i }
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        (0..self.rows.len() as u32).map(move |i| Entry { g: self, i })
    }

    /// The names with exactly this key, one per layer that has it.
    pub fn find_key(&self, key: &str) -> impl Iterator<Item = NameId> + '_ {
        let key = key.to_owned();
        self.names.iter().enumerate().filter_map(move |(l, idx)| {
            idx.rows
                .binary_search_by(|r| self.s(r.key).cmp(key.as_str()))
                .ok()
                .map(|row| NameId {
                    layer: l as u16,
                    row: row as u32,
                })
        })
    }

    /// Calls `f` for every name with exactly this key (no allocation).
    pub fn for_key(&self, key: &str, mut f: impl FnMut(NameId)) {
        for (l, idx) in self.names.iter().enumerate() {
            if let Ok(row) = idx.rows.binary_search_by(|r| self.s(r.key).cmp(key)) {
                f(NameId {
                    layer: l as u16,
                    row: row as u32,
                });
            }
        }
    }

    /// True if some key starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.names.iter().any(|idx| {
            let at = idx.rows.partition_point(|r| self.s(r.key) < prefix);
            at < idx.rows.len() && self.s(idx.rows[at].key).starts_with(prefix)
        })
    }

    /// The key of a name.
    pub fn name_key_of(&self, n: NameId) -> &str {
        self.s(self.names[n.layer as usize].rows[n.row as usize].key)
    }

    /// The entries that bear a name.
    pub fn name_entries(&self, n: NameId) -> &[u32] {
        let idx = &self.names[n.layer as usize];
        let r = idx.rows[n.row as usize];
        &idx.postings[r.post_off as usize..(r.post_off + r.post_len) as usize]
    }

    /// How often (0–100) the name is an ordinary word in news text rather
    /// than a place (see [`crate::compile`]).
    pub fn name_word(&self, n: NameId) -> u8 {
        self.names[n.layer as usize].rows[n.row as usize].word
    }

    /// Entries named `name` (any spelling; normalised here), best known first
    /// (countries, then by population).
    pub fn lookup(&self, name: &str) -> Vec<Entry<'_>> {
        let Some(key) = name_key(name) else { return Vec::new() };
        let mut out: Vec<Entry<'_>> = Vec::new();
        self.for_key(&key, |n| {
            for &e in self.name_entries(n) {
                if !out.iter().any(|x| x.i == e) {
                    out.push(self.entry(e));
                }
            }
        });
        out.sort_by_key(|e| (e.kind() != Kind::Country, std::cmp::Reverse(e.population())));
        out
    }

    /// The entry with this id (linear scan: for tools and tests).
    pub fn by_id(&self, id: &str) -> Option<Entry<'_>> {
        self.entries().find(|e| e.id() == id)
    }
}

static EMBEDDED_MAIN: &[u8] = include_bytes!("../../../data/gazetteer/gazetteer.tsv.gz");
static EMBEDDED_OSM: &[u8] = include_bytes!("../../../data/gazetteer/osm_africa.tsv.gz");

/// An entry row to write (see [`write_layer`]).
#[derive(Debug, Clone, Default)]
pub struct OutEntry {
    pub id: String,
    pub name_ar: String,
    pub name_en: String,
    pub lat: f64,
    pub lon: f64,
    pub kind: String,
    pub country: String,
    pub admin1: Option<u32>,
    pub admin2: Option<u32>,
    pub parent: Option<u32>,
    pub population: u64,
    pub geonames: Option<u64>,
    pub source: String,
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}

/// Write one layer in the compiled format. `names` maps keys to
/// `(word score, entry numbers)`; entries are numbered from `base`.
pub fn write_layer(
    layer: &str,
    base: usize,
    entries: &[OutEntry],
    names: &std::collections::BTreeMap<String, (u8, Vec<u32>)>,
) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(entries.len() * 120 + names.len() * 30);
    let _ = writeln!(
        out,
        "#marsad-gazetteer\t1\t{layer}\t{base}\t{}\t{}",
        entries.len(),
        names.len()
    );
    out.push_str(
        "#id\tname_ar\tname_en\tlat\tlon\tkind\tcountry\tadmin1\tadmin2\tparent\tpopulation\tgeonames\tsource\n",
    );
    let opt = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    for e in entries {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            clean(&e.id),
            clean(&e.name_ar),
            clean(&e.name_en),
            e.lat,
            e.lon,
            e.kind,
            e.country,
            opt(e.admin1),
            opt(e.admin2),
            opt(e.parent),
            if e.population > 0 {
                e.population.to_string()
            } else {
                String::new()
            },
            e.geonames.map(|g| g.to_string()).unwrap_or_default(),
            clean(&e.source)
        );
    }
    out.push_str("#names\tkey\tword\tentries\n");
    for (k, (w, ents)) in names {
        let list: Vec<String> = ents.iter().map(|e| e.to_string()).collect();
        let _ = writeln!(out, "{k}\t{w}\t{}", list.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn tiny() -> Gazetteer {
        let entries = vec![
            OutEntry {
                id: "country:SY".into(),
                name_ar: "سوريا".into(),
                name_en: "Syria".into(),
                lat: 35.0,
                lon: 38.0,
                kind: "country".into(),
                country: "SY".into(),
                ..Default::default()
            },
            OutEntry {
                id: "gn:172955".into(),
                name_ar: "الرقة".into(),
                name_en: "Ar Raqqah".into(),
                lat: 35.95283,
                lon: 39.00788,
                kind: "city".into(),
                country: "SY".into(),
                parent: Some(0),
                population: 531952,
                geonames: Some(172955),
                ..Default::default()
            },
        ];
        let mut names = BTreeMap::new();
        names.insert(name_key("الرقة").unwrap(), (0u8, vec![1u32]));
        names.insert(name_key("سوريا").unwrap(), (0u8, vec![0u32]));
        names.insert(name_key("سورية").unwrap(), (0u8, vec![0u32]));
        let text = write_layer("test", 0, &entries, &names);
        Gazetteer::from_texts(vec![("test".into(), text)]).unwrap()
    }

    #[test]
    fn written_layers_read_back() {
        let g = tiny();
        assert_eq!(g.len(), 2);
        assert_eq!(g.name_count(), 3);
        let r = g.lookup("الرقه");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].name_en(), "Ar Raqqah");
        assert_eq!(r[0].geonames_id(), Some(172955));
        assert_eq!(r[0].parent().map(|p| p.id()), Some("country:SY"));
        assert!(r[0].is_within(&g.entry(0)));
        assert!(g.has_prefix("الرق"));
        assert!(!g.has_prefix("الرقا"));
        assert_eq!(g.lookup("سورية")[0].id(), "country:SY");
    }

    #[test]
    fn rejects_bad_files() {
        assert!(Gazetteer::from_texts(vec![("x".into(), "hello".into())]).is_err());
        let g = write_layer("t", 5, &[], &BTreeMap::new());
        // a layer claiming to extend 5 entries cannot load first
        assert!(Gazetteer::from_texts(vec![("t".into(), g)]).is_err());
    }

    #[test]
    fn distances_and_offsets() {
        let d = km(35.95, 39.01, 35.34, 40.14);
        assert!((d - 122.0).abs() < 5.0, "{d}");
        let (la, lo) = offset(35.95, 39.01, 75.0, 315.0);
        assert!((km(35.95, 39.01, la, lo) - 75.0).abs() < 0.5);
        assert!(la > 35.95 && lo < 39.01);
    }

    #[test]
    fn keys_fold_spelling_and_punctuation() {
        assert_eq!(name_key("الرَّقَّة"), name_key("الرقه"));
        assert_eq!(name_key("عين-عيسى"), name_key("عين عيسى"));
        assert_eq!(name_key(" - "), None);
    }
}
