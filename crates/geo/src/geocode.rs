//! Recognising places in context and choosing among same-name entries.
//!
//! [`Geocoder::locate_fields`] reads the fields of an article together
//! (title and body share their context) in three steps:
//!
//! 1. **Candidates**: every gazetteer name in the text ([`find_names`]),
//!    with what stands around it: a type cue ("مدينة", "حي", "مطار"), a
//!    direction ("جنوب غرب"), the surroundings of a place ("ريف"), a
//!    preposition of place ("في", "قرب", ب-), a distance ("75 كم شمال غرب"),
//!    or signs that the words are a person's name (a given name before,
//!    بن after). Spans that overlap an entity of the entity layer (an
//!    organisation or person from the actor lexicon) are not places.
//! 2. **Scores**: each entry a span may name gets a score from its prior
//!    (kind, population), how often its name is an ordinary word
//!    ([`Gazetteer::name_word`]), the cues around it (a cue of the wrong
//!    kind counts against it), and the article's other places: the country
//!    the article is about, a containing place named in the article, places
//!    nearby. Anchors (countries, big cities, cued names) are scored first
//!    without context; the rest are then scored twice against the places
//!    accepted so far. A span is a place if its best entry scores at least
//!    [`Params::accept`]; overlapping spans keep the longest.
//! 3. **Fallback**: a type cue before a name the gazetteer lacks (or only
//!    knows as another kind of place, elsewhere) is still a place: it is
//!    located at the containing place named nearby — a town in the same
//!    sentence, else the article's main city or admin1 (never just a
//!    country) — with that place's coarser precision ("حي الفلانية" in
//!    "مدينة الرقة" → Raqqa, precision city). Frequent words rarely seen
//!    after a cue ("معسكر الفريق") are not taken for such names.

use crate::cues::{CueRole, Cues};
use crate::gazetteer::{Entry, Gazetteer, NameId};
use crate::kind::{Kind, Precision};
use crate::matching::{NameHit, find_names};
use marsad_lexicon::demonyms::Demonyms;
use marsad_record::Place;
use marsad_text::{Analyzed, TokenKind};
use std::collections::HashMap;

/// Tunable weights of the scores (see the module docs).
#[derive(Debug, Clone)]
pub struct Params {
    /// Minimum score of a place.
    pub accept: f32,
    /// Minimum context-free score of an anchor.
    pub anchor: f32,
    /// Penalty per unit of word score (0–1).
    pub word: f32,
    /// A type cue of the entry's kind before the name.
    pub cue_match: f32,
    /// A type cue of another kind.
    pub cue_mismatch: f32,
    /// A direction or surroundings word before the name.
    pub direction: f32,
    /// A preposition of place before the name, or ب- on it.
    pub prep: f32,
    /// The entry is in the country the article is about.
    pub in_country: f32,
    /// A small place outside every country the article names.
    pub out_of_country: f32,
    /// A place that contains the entry is named in the article.
    pub contained: f32,
    /// The entry shares its admin1 with a place named in the article.
    pub same_admin1: f32,
    /// Another place of the article lies within 30 km.
    pub near: f32,
    /// Another place of the article lies within 100 km.
    pub near_100: f32,
    /// Read through a conjunction or preposition (و ف ل ك) without article.
    pub bare_clitic: f32,
    /// The text has the article, the name does not.
    pub article_dropped: f32,
    /// In a list with a place ("المخا، وباب المندب، وموزع").
    pub listed: f32,
    /// A definite word right after a definite noun ("التلفاز الرمادي").
    pub adjective: f32,
    /// A neighbourhood whose city (or a place near it) the article does not name.
    pub lone_neighbourhood: f32,
    /// Nothing around a town or smaller place says it is one: no cue,
    /// direction, preposition, list, containing or nearby place.
    pub no_evidence: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            accept: 2.0,
            anchor: 3.0,
            word: 4.0,
            cue_match: 3.0,
            cue_mismatch: -2.5,
            direction: 1.0,
            prep: 0.7,
            in_country: 2.0,
            out_of_country: -1.5,
            contained: 2.5,
            same_admin1: 1.0,
            near: 1.5,
            near_100: 0.8,
            bare_clitic: -0.5,
            article_dropped: -1.0,
            listed: 1.0,
            no_evidence: -2.0,
            adjective: -1.5,
            lone_neighbourhood: -2.5,
        }
    }
}

/// A place found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// First token of the mention, cue or direction words included
    /// ("حي الرومانية", "جنوب غرب سوريا").
    pub tok_start: usize,
    /// One past the last token of the name.
    pub tok_end: usize,
    /// First token of the name itself (after the cue or direction words).
    pub name_start: usize,
    /// Bytes of proclitics (normalised) before the mention in `tok_start`;
    /// left out of the mention's text.
    pub prefix_len: usize,
    /// The gazetteer entry that locates the mention (the place itself, or
    /// its containing place when `fallback`).
    pub entry: Option<u32>,
    /// `entry` is a containing place standing in for a place the gazetteer
    /// lacks.
    pub fallback: bool,
    /// The type cue before the name, normalised ("حي", "مدينه", "مطار").
    pub cue: Option<String>,
    /// Bearing in degrees (0 = north) of the direction words before the
    /// name ("جنوب غرب" = 225), if any.
    pub bearing: Option<f64>,
    /// "75 كم شمال غرب X": the distance in km before the direction words.
    pub distance_km: Option<f64>,
    /// The precision the mention locates to.
    pub precision: Precision,
    /// The place that contains the mentioned one: the gazetteer parent of
    /// a neighbourhood or site, or the stand-in of a fallback.
    pub container: Option<u32>,
    /// The score of the chosen entry.
    pub score: f32,
}

/// A candidate span with its readings merged.
#[derive(Debug, Clone)]
struct Span {
    field: usize,
    s: usize,
    e: usize,
    prefix_len: usize,
    proclitic: &'static str,
    article_dropped: bool,
    names: Vec<NameId>,
    entries: Vec<u32>,
    word: f32,
    // context
    cue: Option<(usize, usize)>, // (token, prefix_len) of the type cue
    cue_word: Option<String>,
    cue_kinds: Vec<Kind>,
    cue_generic: bool,
    dir_start: Option<(usize, usize)>, // first direction token and its prefix
    bearing: Option<f64>,
    area: Option<(usize, usize)>,
    distance: Option<f64>,
    prep: bool,
    person: bool,
    blocked: bool,
    /// the name itself starts with a type cue of a kind (مخيم اليرموك)
    inner_cue_kinds: Vec<Kind>,
    /// right after a definite noun, a definite word may be its adjective
    adjective: bool,
    /// tokens that join it to a neighbour in a list ("المخا، وباب المندب")
    list_prev: Option<usize>,
    list_next: Option<usize>,
}

/// Where the chosen places of the article are, for context.
#[derive(Default)]
struct Context {
    /// entry → (field, sentence) of its mentions
    chosen: HashMap<u32, Vec<(usize, usize)>>,
    /// admin1 of chosen places → the chosen entries in it
    admin1s: HashMap<u32, Vec<u32>>,
    countries: HashMap<String, f32>,
    total_country: f32,
    /// points of chosen sub-country places: (lat, lon, entry, its spans),
    /// one per entry, so that scoring is linear in the places named rather
    /// than in their mentions (an article naming حلب 5,000 times)
    points: Vec<(f64, f64, u32, Vec<usize>)>,
    /// the names of each chosen span: mentions of the same name do not
    /// support each other
    names: HashMap<usize, Vec<NameId>>,
    /// (field, first token, end token) of chosen spans
    spans: Vec<(usize, usize, usize)>,
}

impl Context {
    /// True if the span is in a list with a chosen place.
    fn in_list(&self, sp: &Span) -> bool {
        self.spans.iter().any(|&(f, s, e)| {
            f == sp.field
                && (sp.list_prev.is_some_and(|t| e == t || e == t + 1) || sp.list_next.is_some_and(|t| s == t))
                && !(s == sp.s && e == sp.e)
        })
    }
}

/// The geocoder: a gazetteer, its cues and scoring weights.
pub struct Geocoder<'g> {
    pub g: &'g Gazetteer,
    pub cues: &'g Cues,
    pub demonyms: Option<&'g Demonyms>,
    pub params: Params,
    /// Country entries by ISO code.
    countries: HashMap<String, u32>,
    /// Print every candidate and its score to standard error
    /// (`MARSAD_GEO_EXPLAIN=1`).
    pub explain: bool,
}

fn is_person_joiner(w: &str) -> bool {
    matches!(w, "بن" | "ابن" | "بنت")
}

fn is_kunya(w: &str) -> bool {
    matches!(w, "ابو" | "ام" | "بن" | "ابن" | "بنت" | "عبد" | "ال")
}

/// Heads of compound place names the gazetteer may lack ("تل أبيض").
const COMPOUND_HEADS: &[&str] = &[
    "ابو", "ام", "بني", "عين", "تل", "دير", "بير", "بئر", "خربه", "كفر", "جسر", "راس", "سوق", "باب", "بيت", "وادي",
    "جبل", "مرج", "قصر", "برج", "عرب", "حاره", "حوش", "نهر", "ظهر", "بيت",
];

impl Geocoder<'static> {
    /// The geocoder with the embedded gazetteer, cues and demonyms.
    pub fn embedded() -> Geocoder<'static> {
        Geocoder::new(Gazetteer::embedded(), Cues::embedded(), Some(Demonyms::embedded()))
    }
}

impl<'g> Geocoder<'g> {
    /// A geocoder over a gazetteer, with the default weights.
    pub fn new(g: &'g Gazetteer, cues: &'g Cues, demonyms: Option<&'g Demonyms>) -> Geocoder<'g> {
        let countries = g
            .entries()
            .filter(|e| e.kind() == Kind::Country)
            .map(|e| (e.country().to_string(), e.index()))
            .collect();
        Geocoder {
            g,
            cues,
            demonyms,
            params: Params::default(),
            countries,
            explain: std::env::var_os("MARSAD_GEO_EXPLAIN").is_some_and(|v| v != "0"),
        }
    }

    /// Places in one text; `blocked` token ranges belong to other entities.
    pub fn locate(&self, a: &Analyzed, blocked: &[(usize, usize)]) -> Vec<PlaceMention> {
        self.locate_fields(&[(a, blocked)]).pop().unwrap_or_default()
    }

    /// Places in the fields of one article (e.g. title and body), read with
    /// a shared context; one list per field, in text order.
    pub fn locate_fields(&self, fields: &[(&Analyzed, &[(usize, usize)])]) -> Vec<Vec<PlaceMention>> {
        let mut spans: Vec<Span> = Vec::new();
        // demonyms tell the article's country ("شابا عراقيا") and, after
        // "الأراضي", name it ("الأراضي اليمنية")
        let mut demonym_votes: HashMap<String, f32> = HashMap::new();
        for (fi, (a, blocked)) in fields.iter().enumerate() {
            self.candidates(fi, a, blocked, &mut spans);
            if let Some(d) = self.demonyms {
                let mt = marsad_lexicon::MatchText::new(a);
                for h in d.find(&mt) {
                    *demonym_votes.entry(h.country.clone()).or_default() += 0.5;
                    self.territory(fi, a, blocked, &h, &mut spans);
                }
            }
        }
        // pass 1: anchors without context
        let empty = Context::default();
        let mut chosen: Vec<Option<(u32, f32)>> = spans
            .iter()
            .map(|sp| self.best(sp, &empty, fields, usize::MAX))
            .map(|b| b.filter(|(_, s)| *s >= self.params.anchor))
            .collect();
        chosen = self.resolve_overlaps(&spans, chosen);
        // passes 2 and 3: with the context of what was chosen
        for _ in 0..2 {
            let ctx = self.context(&spans, &chosen, fields, &demonym_votes);
            let next: Vec<Option<(u32, f32)>> = spans
                .iter()
                .enumerate()
                .map(|(i, sp)| self.best(sp, &ctx, fields, i))
                .map(|b| b.filter(|(_, s)| *s >= self.params.accept))
                .collect();
            chosen = self.resolve_overlaps(&spans, next);
        }
        let ctx = self.context(&spans, &chosen, fields, &demonym_votes);
        if self.explain {
            self.print_explain(&spans, &chosen, &ctx, fields);
        }
        let mut out: Vec<Vec<PlaceMention>> = vec![Vec::new(); fields.len()];
        for (i, sp) in spans.iter().enumerate() {
            let Some((e, score)) = chosen[i] else { continue };
            out[sp.field].push(self.mention(sp, e, score));
        }
        // fallbacks: type cues before names the gazetteer lacks
        for (fi, (a, blocked)) in fields.iter().enumerate() {
            let found = std::mem::take(&mut out[fi]);
            out[fi] = self.fallbacks(fi, a, blocked, found, &ctx);
            out[fi].sort_by_key(|m| m.tok_start);
        }
        out
    }

    /// Candidate spans of one field, with their surroundings.
    fn candidates(&self, field: usize, a: &Analyzed, blocked: &[(usize, usize)], out: &mut Vec<Span>) {
        let hits = find_names(self.g, a, 0, a.tokens.len());
        let mut by_span: HashMap<(usize, usize), usize> = HashMap::new();
        for h in hits {
            let key = (h.tok_start, h.tok_end);
            match by_span.get(&key) {
                Some(&k) => {
                    let sp: &mut Span = &mut out[k];
                    // prefer the reading with the article kept and fewer clitics
                    let better = (!h.article_dropped && sp.article_dropped)
                        || (h.article_dropped == sp.article_dropped && h.prefix_len < sp.prefix_len);
                    if better {
                        sp.prefix_len = h.prefix_len;
                        sp.proclitic = h.proclitic;
                        sp.article_dropped = h.article_dropped;
                        sp.names.clear();
                        sp.entries.clear();
                    } else if h.article_dropped != sp.article_dropped || h.prefix_len != sp.prefix_len {
                        continue;
                    }
                    self.add_name(sp, &h);
                }
                None => {
                    let mut sp = Span {
                        field,
                        s: h.tok_start,
                        e: h.tok_end,
                        prefix_len: h.prefix_len,
                        proclitic: h.proclitic,
                        article_dropped: h.article_dropped,
                        names: Vec::new(),
                        entries: Vec::new(),
                        word: 1.0,
                        cue: None,
                        cue_word: None,
                        cue_kinds: Vec::new(),
                        cue_generic: false,
                        dir_start: None,
                        bearing: None,
                        area: None,
                        distance: None,
                        prep: false,
                        person: false,
                        blocked: is_blocked(blocked, h.tok_start, h.tok_end),
                        inner_cue_kinds: Vec::new(),
                        adjective: false,
                        list_prev: None,
                        list_next: None,
                    };
                    self.add_name(&mut sp, &h);
                    by_span.insert(key, out.len());
                    out.push(sp);
                }
            }
        }
        for sp in out.iter_mut().filter(|sp| sp.field == field) {
            self.surroundings(a, sp);
        }
    }

    /// "الأراضي اليمنية": the country of the demonym.
    fn territory(
        &self,
        field: usize,
        a: &Analyzed,
        blocked: &[(usize, usize)],
        h: &marsad_lexicon::demonyms::DemonymHit,
        out: &mut Vec<Span>,
    ) {
        if h.tok_start == 0 {
            return;
        }
        let prev = a.tok(h.tok_start - 1);
        let bare = ["و", "ب", "ل", "ف"]
            .iter()
            .find_map(|p| prev.strip_prefix(p).filter(|r| r.starts_with("ال")))
            .unwrap_or(prev);
        if !matches!(bare, "الاراضي" | "اراضي" | "الاراض") {
            return;
        }
        let Some(&country) = self.countries.get(h.country.as_str()) else {
            return;
        };
        let s = h.tok_start - 1;
        out.push(Span {
            field,
            s,
            e: h.tok_end,
            prefix_len: prev.len() - bare.len(),
            proclitic: "",
            article_dropped: false,
            names: Vec::new(),
            entries: vec![country],
            word: 0.0,
            cue: None,
            cue_word: Some(bare.to_string()),
            cue_kinds: Vec::new(),
            cue_generic: false,
            dir_start: None,
            bearing: None,
            area: None,
            distance: None,
            prep: false,
            person: false,
            blocked: blocked.iter().any(|&(bs, be)| s < be && bs < h.tok_end),
            inner_cue_kinds: vec![Kind::Country],
            adjective: false,
            list_prev: None,
            list_next: None,
        });
    }

    fn add_name(&self, sp: &mut Span, h: &NameHit) {
        sp.names.push(h.name);
        sp.word = sp.word.min(self.g.name_word(h.name) as f32 / 100.0);
        for &e in self.g.name_entries(h.name) {
            if !sp.entries.contains(&e) {
                sp.entries.push(e);
            }
        }
        if sp.inner_cue_kinds.is_empty() {
            let key = self.g.name_key_of(h.name);
            if let Some((first, _)) = key.split_once(' ')
                && let Some(c) = self.cues.exact(first)
                && c.role == CueRole::Type
            {
                sp.inner_cue_kinds = c.kinds.clone();
            }
        }
    }

    /// Read the words before and after a span.
    fn surroundings(&self, a: &Analyzed, sp: &mut Span) {
        let word = |i: usize| a.tokens[i].kind == TokenKind::Word;
        let n = a.tokens.len();
        // tanween marks an indefinite common noun or adverb ("دومًا"), never a place name
        if a.surface(sp.s, sp.e)
            .chars()
            .any(|c| matches!(c, '\u{064B}' | '\u{064C}' | '\u{064D}'))
        {
            sp.person = true;
        }
        // a month name next to a day or a year is a date ("3 آب")
        if sp.e - sp.s == 1 && marsad_text::date::month_at(a, sp.s, n).is_some() {
            let num = |i: usize| a.tokens[i].kind == TokenKind::Number;
            let month = |i: usize| marsad_text::date::month_at(a, i, n).is_some();
            if (sp.s > 0 && (num(sp.s - 1) || month(sp.s - 1)))
                || (sp.e < n && (num(sp.e) || a.tok(sp.e) == "(" || month(sp.e)))
            {
                sp.person = true;
            }
        }
        // a definite demonym read as a name ("السورية" is not "سورية";
        // the indefinite "سورية", "جيبوتي" are also the countries' names)
        if sp.e - sp.s == 1
            && let Some(d) = self.demonyms
        {
            let w = a.tok(sp.s);
            let bare = &w[sp.prefix_len..];
            if bare.starts_with("ال") && d.country_of_word(bare).is_some() {
                sp.person = true;
            }
        }
        // list neighbours: "X، وY", "X وY"
        let sep = |i: usize| matches!(a.tok(i), "،" | ",");
        if sp.s > 0 {
            let t = a.tok(sp.s);
            let _ = t;
            if sp.proclitic.starts_with('و') {
                // "وY": the previous token ends the neighbour (a comma may sit between)
                let mut j = sp.s;
                if j > 0 && sep(j - 1) {
                    j -= 1;
                }
                sp.list_prev = Some(j);
            } else if sep(sp.s - 1) {
                sp.list_prev = Some(sp.s - 1);
            }
        }
        if sp.e < n && (sep(sp.e) || a.tok(sp.e).starts_with('و')) {
            sp.list_next = Some(if sep(sp.e) && sp.e + 1 < n { sp.e + 1 } else { sp.e });
        }
        // a given name or kunya before, بن after: a person's name
        if sp.prefix_len == 0 && sp.s > 0 && word(sp.s - 1) {
            let prev = a.tok(sp.s - 1);
            if is_kunya(prev)
                || (marsad_lexicon::cues::is_given_name(prev)
                    && !prev.starts_with("ال")
                    && self.cues.get(prev).is_none())
            {
                sp.person = true;
            }
        }
        if sp.e < a.tokens.len() && word(sp.e) && is_person_joiner(a.tok(sp.e)) {
            sp.person = true;
        }
        // "وأضاف باتيس": the speaker of a verb of saying
        if sp.prefix_len == 0
            && sp.s > 0
            && word(sp.s - 1)
            && self
                .cues
                .get(a.tok(sp.s - 1))
                .is_some_and(|(c, _)| c.role == CueRole::Speech)
        {
            sp.person = true;
        }
        // "مشهد ضريبي": an indefinite noun with an indefinite nisba adjective
        // after it is a common noun; place names are not described so
        if sp.e - sp.s == 1 && sp.e < n && word(sp.e) && !a.tok(sp.s)[sp.prefix_len..].starts_with("ال") {
            let next = a.tok(sp.e);
            if !next.starts_with("ال")
                && next.chars().count() >= 4
                && (next.ends_with('ي') || next.ends_with("يه"))
                && !marsad_lexicon::cues::is_stopword(next)
                && self.cues.get(next).is_none()
                && self.demonyms.is_none_or(|d| d.country_of_word(next).is_none())
            {
                sp.adjective = true;
            }
        }
        // "التلفاز الرمادي", "القنابل المسيلة": a definite word right after a
        // definite noun agrees with it as an adjective
        if sp.prefix_len == 0 && sp.s > 0 && word(sp.s - 1) && a.tok(sp.s).starts_with("ال") {
            let prev = a.tok(sp.s - 1);
            if prev.starts_with("ال") && self.cues.get(prev).is_none() && !marsad_lexicon::cues::is_stopword(prev) {
                sp.adjective = true;
            }
        }
        if sp.prefix_len > 0 && sp.proclitic.contains('ب') {
            sp.prep = true;
        }
        // walk back: type cue, directions, area, distance, preposition
        let mut i = sp.s;
        if sp.prefix_len == 0
            && i > 0
            && word(i - 1)
            && let Some((c, p)) = self.cues.get(a.tok(i - 1))
            && c.role == CueRole::Type
        {
            sp.cue = Some((i - 1, p));
            sp.cue_word = Some(c.word.clone());
            sp.cue_kinds = c.kinds.clone();
            sp.cue_generic = c.generic;
            i -= 1;
        }
        // directions: up to two ("جنوب غرب", "شمالي شرقي")
        let mut bearings: Vec<f64> = Vec::new();
        let mut dir_first = None;
        let first_prefix = if sp.cue.is_some() {
            sp.cue.map(|c| c.1).unwrap_or(0)
        } else {
            sp.prefix_len
        };
        if first_prefix == 0 {
            while i > 0 && word(i - 1) && bearings.len() < 2 {
                match self.cues.get(a.tok(i - 1)) {
                    Some((c, p)) if c.role == CueRole::Dir => {
                        if let Some(b) = c.bearing {
                            bearings.push(b);
                        }
                        dir_first = Some((i - 1, p));
                        i -= 1;
                        if p > 0 {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        if let Some(d) = dir_first {
            sp.dir_start = Some(d);
            sp.bearing = combine_bearings(&bearings);
        } else if first_prefix == 0
            && i > 0
            && word(i - 1)
            && let Some((c, p)) = self.cues.get(a.tok(i - 1))
            && c.role == CueRole::Area
        {
            sp.area = Some((i - 1, p));
            i -= 1;
        }
        // "75 كم شمال غرب"
        if sp.dir_start.is_some()
            && i >= 2
            && self.cues.exact(a.tok(i - 1)).is_some_and(|c| c.role == CueRole::Unit)
            && a.tokens[i - 2].kind == TokenKind::Number
        {
            sp.distance = a.tok(i - 2).replace(',', "").parse().ok();
            i -= 2;
        }
        if i > 0
            && let Some((c, _)) = self.cues.get(a.tok(i - 1))
            && matches!(c.role, CueRole::Prep | CueRole::Near)
        {
            sp.prep = true;
        }
    }

    /// The best entry of a span and its score.
    fn best(
        &self,
        sp: &Span,
        ctx: &Context,
        fields: &[(&Analyzed, &[(usize, usize)])],
        me: usize,
    ) -> Option<(u32, f32)> {
        if sp.blocked || sp.person {
            return None;
        }
        let mut best: Option<(u32, f32)> = None;
        for &e in &sp.entries {
            let s = self.score(sp, self.g.entry(e), ctx, fields, me);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((e, s));
            }
        }
        best
    }

    fn score(
        &self,
        sp: &Span,
        e: Entry<'_>,
        ctx: &Context,
        fields: &[(&Analyzed, &[(usize, usize)])],
        me: usize,
    ) -> f32 {
        let p = &self.params;
        let k = e.kind();
        let pop = e.population() as f32;
        let big = matches!(k, Kind::Country | Kind::Admin1) || pop >= 100_000.0;
        let mut s = match k {
            Kind::Country => 4.5,
            Kind::Admin1 => 2.5,
            Kind::Admin2 => 1.5,
            Kind::Admin3 => 1.0,
            Kind::City => 1.2 + 0.55 * (pop + 1.0).log10(),
            Kind::Village => 0.6,
            Kind::Neighbourhood => 0.3,
            Kind::Region | Kind::Water => 2.5,
            Kind::Mountain | Kind::Island => 1.5,
            _ => 1.0,
        };
        // a cue of the entry's kind says the word is a name here ("حي الصناعة")
        let cued = sp.cue.is_some() && !sp.cue_generic && sp.cue_kinds.contains(&k);
        // names that are words in nearly every use need more than context
        let word = p.word * sp.word + if sp.word > 0.8 { (sp.word - 0.8) * 15.0 } else { 0.0 };
        s -= word * if cued { 0.3 } else { 1.0 };
        if sp.proclitic.chars().any(|c| matches!(c, 'و' | 'ف' | 'ل' | 'ك'))
            && !sp.proclitic.contains('ب')
            && !sp.article_dropped
            && !fields[sp.field].0.tok(sp.s)[sp.prefix_len..].starts_with("ال")
            && !big
        {
            s += p.bare_clitic;
        }
        if sp.adjective {
            s += p.adjective;
        }
        if sp.article_dropped {
            if k == Kind::Country {
                // "البنين" is not Benin: country names never take the article when they lack it
                return f32::MIN;
            }
            s += p.article_dropped;
        }
        let letters = fields[sp.field].0.tok(sp.s)[sp.prefix_len..].chars().count();
        if sp.e - sp.s == 1 && letters <= 3 {
            s -= 0.5;
            // two letters ("إب" = "أب") are a place only after a cue or a preposition
            if letters <= 2 && sp.cue.is_none() && !sp.prep {
                return f32::MIN;
            }
        }
        // cues
        if sp.cue.is_some() {
            let w = if sp.cue_generic { 0.5 } else { 1.0 };
            // "قضاء البعاج": a division named after its seat, when the gazetteer lacks the division
            let division_cue = sp.cue_kinds.iter().all(|c| c.is_admin())
                && !sp
                    .entries
                    .iter()
                    .any(|&x| sp.cue_kinds.contains(&self.g.entry(x).kind()));
            // "مخيم النصيرات": a camp named after the town it lies in, when
            // the gazetteer lacks the camp
            let camp_cue =
                sp.cue_kinds.contains(&Kind::Camp) && !sp.entries.iter().any(|&x| self.g.entry(x).kind() == Kind::Camp);
            if sp.cue_kinds.contains(&k) {
                s += p.cue_match * w;
            } else if (division_cue || camp_cue) && k.is_settlement() {
                // "قضاء البعاج", "مديرية موزع": divisions named after their seat
                s += p.cue_match * w / 3.0;
            } else {
                s += p.cue_mismatch * w;
            }
        } else if sp.inner_cue_kinds.contains(&k) {
            s += p.cue_match / 2.0;
        }
        let mut evidence = sp.cue.is_some() || !sp.inner_cue_kinds.is_empty() || sp.prep;
        if (sp.dir_start.is_some() || sp.area.is_some()) && !k.is_site() && k != Kind::Neighbourhood {
            s += p.direction;
            evidence = true;
        }
        if sp.prep {
            s += p.prep;
        }
        // context
        if ctx.total_country > 0.0 {
            let w = ctx.countries.get(e.country()).copied().unwrap_or(0.0);
            let share = w / ctx.total_country;
            let top = ctx.countries.values().cloned().fold(0.0f32, f32::max);
            if w > 0.0 && (w - top).abs() < 1e-6 {
                s += p.in_country;
            } else if share >= 0.2 {
                s += p.in_country / 2.0;
            } else if k != Kind::Country && e.country() != "ZZ" {
                // a well-known place abroad needs less
                s += p.out_of_country * if big { 0.5 } else { 1.0 };
            }
        }
        if ctx.in_list(sp) {
            s += p.listed;
            evidence = true;
        }
        if !ctx.chosen.is_empty() {
            let my_sentence = fields[sp.field].0.sentence_of(sp.s);
            let mut contained = false;
            let mut cur = e;
            'up: for _ in 0..8 {
                for up in [cur.parent(), cur.admin2(), cur.admin1()].into_iter().flatten() {
                    // the country is the article's-country signal, not containment
                    if up.kind() == Kind::Country {
                        continue;
                    }
                    if let Some(pos) = ctx.chosen.get(&up.index()) {
                        contained = true;
                        if pos.iter().any(|&(f, snt)| f == sp.field && snt == my_sentence) {
                            s += 0.5;
                        }
                        break 'up;
                    }
                }
                match cur.parent() {
                    Some(pp) => cur = pp,
                    None => break,
                }
            }
            let mut near_any = contained;
            if contained {
                s += p.contained;
                evidence = true;
            } else if let Some(a1) = e.admin1().map(|x| x.index())
                && ctx.admin1s.get(&a1).is_some_and(|l| l.iter().any(|&x| x != e.index()))
                && k != Kind::Admin1
            {
                s += p.same_admin1;
            }
            // other places nearby (not other mentions of this same entry)
            if !matches!(k, Kind::Country | Kind::Admin1 | Kind::Region | Kind::Water) {
                let mut dmin = f64::INFINITY;
                for (la, lo, id, spans) in &ctx.points {
                    if *id == e.index() {
                        continue;
                    }
                    let other = spans.iter().any(|&j| {
                        j != me
                            && !ctx
                                .names
                                .get(&j)
                                .is_some_and(|ns| ns.iter().any(|n| sp.names.contains(n)))
                    });
                    if other {
                        dmin = dmin.min(crate::gazetteer::km(e.lat(), e.lon(), *la, *lo));
                    }
                }
                if dmin <= 30.0 {
                    s += p.near;
                    evidence = true;
                    near_any = true;
                } else if dmin <= 100.0 {
                    s += p.near_100;
                }
            }
            // neighbourhood names repeat from city to city ("حي الصفا"), and
            // so do village names across borders ("بلدة البساتين"): one is
            // meant only when its city, or a place near it, is named
            if !near_any && (k == Kind::Neighbourhood || (small_abroad(ctx, &e) && k.is_settlement())) {
                s += p.lone_neighbourhood;
            }
        } else if k == Kind::Neighbourhood {
            s += p.lone_neighbourhood;
        }
        if !evidence && k != Kind::Country {
            let well_known = big || matches!(k, Kind::Region | Kind::Water);
            s += p.no_evidence * if well_known { 0.5 } else { 1.0 };
        }
        s
    }

    fn print_explain(
        &self,
        spans: &[Span],
        chosen: &[Option<(u32, f32)>],
        ctx: &Context,
        fields: &[(&Analyzed, &[(usize, usize)])],
    ) {
        let mut top: Vec<(&String, &f32)> = ctx.countries.iter().collect();
        top.sort_by(|a, b| b.1.total_cmp(a.1));
        eprintln!("countries: {top:?}");
        for (i, sp) in spans.iter().enumerate() {
            let a = fields[sp.field].0;
            let mut scored: Vec<(f32, u32)> = sp
                .entries
                .iter()
                .map(|&e| (self.score(sp, self.g.entry(e), ctx, fields, i), e))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let best: Vec<String> = scored
                .iter()
                .take(3)
                .map(|(sc, e)| {
                    let x = self.g.entry(*e);
                    format!("{sc:.1} {} {} {} pop {}", x.id(), x.kind(), x.country(), x.population())
                })
                .collect();
            eprintln!(
                "{} [{}] {}{}{} word {:.2} cue {:?} prep {} | {}",
                if chosen[i].is_some() { "+" } else { "-" },
                sp.field,
                a.surface(sp.s, sp.e),
                if sp.blocked { " BLOCKED" } else { "" },
                if sp.person { " NOT-A-PLACE" } else { "" },
                sp.word,
                sp.cue_word,
                sp.prep,
                best.join(" ; ")
            );
        }
    }

    /// Keep non-overlapping chosen spans: longer first, then higher score.
    fn resolve_overlaps(&self, spans: &[Span], chosen: Vec<Option<(u32, f32)>>) -> Vec<Option<(u32, f32)>> {
        let mut order: Vec<usize> = (0..spans.len()).filter(|&i| chosen[i].is_some()).collect();
        order.sort_by(|&a, &b| {
            let (la, lb) = (spans[a].e - spans[a].s, spans[b].e - spans[b].s);
            lb.cmp(&la).then_with(|| {
                let (sa, sb) = (
                    chosen[a].map(|c| c.1).unwrap_or(0.0),
                    chosen[b].map(|c| c.1).unwrap_or(0.0),
                );
                sb.total_cmp(&sa)
            })
        });
        let mut out = vec![None; spans.len()];
        let mut taken: Vec<usize> = Vec::new();
        for i in order {
            let sp = &spans[i];
            if taken
                .iter()
                .any(|&t| spans[t].field == sp.field && sp.s < spans[t].e && spans[t].s < sp.e)
            {
                continue;
            }
            taken.push(i);
            out[i] = chosen[i];
        }
        out
    }

    fn context(
        &self,
        spans: &[Span],
        chosen: &[Option<(u32, f32)>],
        fields: &[(&Analyzed, &[(usize, usize)])],
        demonyms: &HashMap<String, f32>,
    ) -> Context {
        let mut ctx = Context::default();
        let mut point_of: HashMap<u32, usize> = HashMap::new();
        for (c, w) in demonyms {
            *ctx.countries.entry(c.clone()).or_default() += *w;
        }
        for (i, sp) in spans.iter().enumerate() {
            let Some((ei, _)) = chosen[i] else { continue };
            let e = self.g.entry(ei);
            let snt = fields[sp.field].0.sentence_of(sp.s);
            ctx.chosen.entry(ei).or_default().push((sp.field, snt));
            let title = if sp.field == 0 && fields.len() > 1 { 1.5 } else { 1.0 };
            let w = match e.kind() {
                Kind::Country => 0.7,
                Kind::Region | Kind::Water => 0.3,
                _ => 1.5,
            } * title;
            *ctx.countries.entry(e.country().to_string()).or_default() += w;
            if let Some(a1) = e
                .admin1()
                .map(|x| x.index())
                .or((e.kind() == Kind::Admin1).then_some(ei))
            {
                ctx.admin1s.entry(a1).or_default().push(ei);
            }
            if !matches!(e.kind(), Kind::Country | Kind::Admin1 | Kind::Region | Kind::Water) {
                match point_of.get(&ei) {
                    Some(&k) => ctx.points[k].3.push(i),
                    None => {
                        point_of.insert(ei, ctx.points.len());
                        ctx.points.push((e.lat(), e.lon(), ei, vec![i]));
                    }
                }
            }
            ctx.spans.push((sp.field, sp.s, sp.e));
            ctx.names.insert(i, sp.names.clone());
        }
        // summed in a fixed order: a float sum in hash order differs in its
        // last bits from run to run and flips ties between candidates
        let mut votes: Vec<f32> = ctx.countries.values().copied().collect();
        votes.sort_by(f32::total_cmp);
        ctx.total_country = votes.iter().sum();
        ctx
    }

    fn mention(&self, sp: &Span, ei: u32, score: f32) -> PlaceMention {
        let e = self.g.entry(ei);
        let (mut start, mut prefix) = (sp.s, sp.prefix_len);
        if let Some((t, p)) = sp.cue {
            start = t;
            prefix = p;
        }
        if sp.distance.is_none()
            && let Some((t, p)) = sp.dir_start.or(sp.area)
        {
            start = t;
            prefix = p;
        }
        let mut precision = e.precision();
        // "ريف حلب": the countryside around; "شمال سوريا": a part of a division
        if sp.distance.is_none()
            && (sp.area.is_some()
                || (sp.dir_start.is_some()
                    && matches!(e.kind(), Kind::Country | Kind::Admin1 | Kind::Admin2 | Kind::Region)))
        {
            precision = Precision::Region;
        }
        PlaceMention {
            tok_start: start,
            tok_end: sp.e,
            name_start: sp.s,
            prefix_len: prefix,
            entry: Some(ei),
            fallback: false,
            cue: sp.cue_word.clone(),
            bearing: sp.bearing,
            distance_km: sp.distance,
            precision,
            container: if matches!(e.kind(), Kind::Neighbourhood) || e.kind().is_site() {
                e.parent().map(|p| p.index())
            } else {
                None
            },
            score,
        }
    }

    /// Type cues before names the gazetteer lacks: located at the
    /// containing place.
    fn fallbacks(
        &self,
        field: usize,
        a: &Analyzed,
        blocked: &[(usize, usize)],
        mut found: Vec<PlaceMention>,
        ctx: &Context,
    ) -> Vec<PlaceMention> {
        let n = a.tokens.len();
        let stop = marsad_lexicon::cues::stopwords();
        let mut i = 0;
        while i + 1 < n {
            let inside = |t: usize, f: &[PlaceMention]| f.iter().any(|m| m.tok_start <= t && t < m.tok_end);
            let Some((c, p)) = (a.tokens[i].kind == TokenKind::Word)
                .then(|| self.cues.get(a.tok(i)))
                .flatten()
                .filter(|(c, _)| c.role == CueRole::Type)
            else {
                i += 1;
                continue;
            };
            if inside(i, &found) || inside(i + 1, &found) || blocked.iter().any(|&(s, e)| i < e && s < i + 2) {
                i += 1;
                continue;
            }
            // the name: one word with the article, or a compound ("تل أبيض")
            let w = a.tok(i + 1);
            let mut end = i + 2;
            let plausible = if a.tokens[i + 1].kind != TokenKind::Word || a.tokens[i + 1].nl_before {
                false
            } else if COMPOUND_HEADS.contains(&w) && end < n && a.tokens[end].kind == TokenKind::Word {
                end += 1;
                !stop.contains(a.tok(end - 1))
            } else {
                w.starts_with("ال")
                    && w.chars().count() >= 5
                    && !stop.contains(w)
                    && self.cues.exact(w).is_none()
                    && self.demonyms.is_none_or(|d| d.country_of_word(w).is_none())
                    && !self.is_common_word(w)
            };
            // only cues that announce a named place: not "مركز", not admin
            // divisions (whose names the gazetteer has)
            let small = c.kinds.iter().any(|k| {
                matches!(
                    k,
                    Kind::Neighbourhood
                        | Kind::Village
                        | Kind::Camp
                        | Kind::Airport
                        | Kind::Base
                        | Kind::Crossing
                        | Kind::Prison
                        | Kind::Bridge
                )
            }) && c.word != "مركز";
            if !plausible || !small || c.generic || inside(end - 1, &found) {
                i += 1;
                continue;
            }
            let container = self.container(a, field, i, end, &found, ctx);
            if let Some(ci) = container {
                let ce = self.g.entry(ci);
                found.push(PlaceMention {
                    tok_start: i,
                    tok_end: end,
                    name_start: i + 1,
                    prefix_len: p,
                    entry: Some(ci),
                    fallback: true,
                    cue: Some(c.word.clone()),
                    bearing: None,
                    distance_km: None,
                    precision: ce.precision(),
                    container: Some(ci),
                    score: 0.0,
                });
            }
            i = end;
        }
        found
    }

    /// A common word: frequent in news and almost never after a place cue
    /// (`data/gazetteer/common_words.txt.gz`), or a name the gazetteer has
    /// with a high word score.
    fn is_common_word(&self, w: &str) -> bool {
        if common_words().contains(w) {
            return true;
        }
        let mut common = false;
        self.g.for_key(w, |n| common |= self.g.name_word(n) >= 60);
        if let Some(bare) = w.strip_prefix("ال") {
            self.g.for_key(bare, |n| common |= self.g.name_word(n) >= 60);
        }
        common
    }

    /// The containing place of an unknown place at tokens `s..e`: the
    /// nearest settlement or division mentioned in the same sentence, else
    /// the article's most mentioned city, then admin1; none if the article
    /// names no place below the country.
    fn container(
        &self,
        a: &Analyzed,
        field: usize,
        s: usize,
        e: usize,
        found: &[PlaceMention],
        ctx: &Context,
    ) -> Option<u32> {
        let snt = a.sentence_of(s);
        // a town of some size or a division, named near the unknown place
        let sub_country = |m: &PlaceMention| {
            m.entry.is_some_and(|x| {
                let e = self.g.entry(x);
                let k = e.kind();
                (k.is_settlement() && (e.population() >= 10_000 || ctx.chosen.get(&x).is_some_and(|p| p.len() >= 2)))
                    || matches!(k, Kind::Admin2 | Kind::Admin3 | Kind::Admin1)
            })
        };
        if let Some(m) = found
            .iter()
            .filter(|m| !m.fallback && a.sentence_of(m.tok_start) == snt && sub_country(m))
            .min_by_key(|m| {
                let d = if m.tok_start >= e {
                    m.tok_start - e
                } else {
                    s.saturating_sub(m.tok_end) + 1
                };
                let rank = self.g.entry(m.entry.unwrap_or(0)).kind().precision();
                (rank, d)
            })
        {
            return m.entry;
        }
        let _ = field;
        // the article's most mentioned place, finest first
        let mut best: Option<(Precision, usize, u32)> = None;
        for (&ei, pos) in &ctx.chosen {
            let k = self.g.entry(ei).kind();
            // a country is too vague to stand in for a neighbourhood or a camp
            if !(k.is_settlement() || matches!(k, Kind::Admin1 | Kind::Admin2)) {
                continue;
            }
            let key = (k.precision(), usize::MAX - pos.len(), ei);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
            }
        }
        best.map(|b| b.2)
    }

    /// The record place of a mention in `a`.
    pub fn to_record(&self, a: &Analyzed, m: &PlaceMention) -> Place {
        let start = marsad_lexicon::name_start(a, m.tok_start, m.prefix_len) as usize;
        let end = a.tokens[m.tok_end - 1].end as usize;
        let text = a.raw_slice(start, end).to_string();
        match m.entry.map(|e| self.g.entry(e)) {
            Some(e) => {
                let admin1 = if e.kind() == Kind::Admin1 { Some(e) } else { e.admin1() };
                let admin2 = if e.kind() == Kind::Admin2 { Some(e) } else { e.admin2() };
                let label = |x: Entry<'_>| {
                    if x.name_en().is_empty() {
                        x.name_ar().to_string()
                    } else {
                        x.name_en().to_string()
                    }
                };
                Place {
                    start,
                    end,
                    text: text.clone(),
                    geonames_id: if m.fallback { None } else { e.geonames_id() },
                    name: if m.fallback { text } else { e.name_ar().to_string() },
                    name_en: (!m.fallback && !e.name_en().is_empty()).then(|| e.name_en().to_string()),
                    lat: Some(round5(e.lat())),
                    lon: Some(round5(e.lon())),
                    country: (e.country() != "ZZ").then(|| e.country().to_string()),
                    admin1: admin1.filter(|_| e.kind() != Kind::Country).map(label),
                    admin2: admin2
                        .filter(|_| !matches!(e.kind(), Kind::Country | Kind::Admin1))
                        .map(label),
                    precision: m.precision.as_str().to_string(),
                }
            }
            None => Place {
                start,
                end,
                text: text.clone(),
                name: text,
                precision: Precision::Region.as_str().to_string(),
                ..Default::default()
            },
        }
    }
}

/// Is folded `w` a word common in news and almost never a place name
/// (`data/gazetteer/common_words.txt.gz`, definite forms: "سكني" is checked
/// as "السكني")?
pub fn is_common_word(w: &str) -> bool {
    let set = common_words();
    if w.starts_with("ال") {
        set.contains(w)
    } else {
        set.contains(&format!("ال{w}"))
    }
}

/// Definite words that are common in news and almost never place names.
fn common_words() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        use std::io::Read;
        let mut s = String::new();
        let bytes: &[u8] = include_bytes!("../../../data/gazetteer/common_words.txt.gz");
        if flate2::read::MultiGzDecoder::new(bytes).read_to_string(&mut s).is_err() {
            return Default::default();
        }
        s.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect()
    })
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

/// A town under 50,000 people outside the countries the article is about.
fn small_abroad(ctx: &Context, e: &Entry<'_>) -> bool {
    if e.population() >= 50_000 || ctx.total_country <= 0.0 {
        return false;
    }
    let w = ctx.countries.get(e.country()).copied().unwrap_or(0.0);
    w / ctx.total_country < 0.2
}

/// The bearing of up to two compass words ("جنوب غرب" = 225).
fn combine_bearings(b: &[f64]) -> Option<f64> {
    match b {
        [] => None,
        [x] => Some(*x),
        [x, y, ..] => {
            // walking back, the words come last-first: average on the circle
            let (sx, cx) = (
                x.to_radians().sin() + y.to_radians().sin(),
                x.to_radians().cos() + y.to_radians().cos(),
            );
            Some((sx.atan2(cx).to_degrees() + 360.0) % 360.0)
        }
    }
}

/// Does a name on tokens `s..e` overlap another entity's range without
/// containing it? A longer place name that contains an entity ("عين الأسد"
/// around "الأسد", "ساحة الشهداء") is a place, and the entity inside it
/// yields.
fn is_blocked(blocked: &[(usize, usize)], s: usize, e: usize) -> bool {
    blocked
        .iter()
        .any(|&(bs, be)| s < be && bs < e && !(s <= bs && be <= e && e - s > be - bs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearings_combine() {
        assert_eq!(combine_bearings(&[270.0, 180.0]).map(|b| b.round()), Some(225.0));
        assert_eq!(combine_bearings(&[270.0, 0.0]).map(|b| b.round()), Some(315.0));
        assert_eq!(combine_bearings(&[90.0]), Some(90.0));
    }
}
