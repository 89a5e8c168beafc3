//! Per-field context the event coder reads: triggers, cues, actor and
//! place candidates, dates, clauses and discourse segments.

use super::lexicon::{AgentLexicon, Cue, CueHit, CueLexicon, Frame, Side, TriggerHit, TriggerLexicon};
use crate::{Document, Field, MentionSource};
use chrono::NaiveDate;
use marsad_geo::cues::CueRole;
use marsad_lexicon::demonyms::Demonyms;
use marsad_text::date::{DateMention, Precision, find_dates};
use marsad_text::{Analyzed, TokenKind};

/// A possible event participant.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCand {
    pub tok_start: usize,
    pub tok_end: usize,
    pub prefix_len: usize,
    pub id: Option<String>,
    pub class: String,
    pub side: Side,
    /// Named in the lexicon (not a generic agent such as "مسلحون").
    pub named: bool,
    /// The actor flies (coalition air forces, "طائرات", "الطيران").
    pub air: bool,
}

/// A possible event location.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCand {
    pub tok_start: usize,
    pub tok_end: usize,
    /// Index into the field's place mentions (`Document::body_places` /
    /// `title_places`).
    pub mention: usize,
    pub entry: Option<usize>,
    pub fallback: bool,
    /// 0 neighbourhood … 5 country (lower is more specific).
    pub rank: u8,
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// Tokens of the place's name (the antecedent's, for "المدينة ذاتها").
    pub name_tok: (usize, usize),
    /// Bytes of proclitics before the name in its first token.
    pub prefix_len: usize,
    /// A place the tagger names and the gazetteer lacks: the event's place
    /// by name only, with no record place (`mention` is meaningless).
    pub unresolved: bool,
}

/// A resolved date expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateCand {
    pub tok_start: usize,
    pub tok_end: usize,
    pub value: Option<NaiveDate>,
    pub precision: Precision,
    /// Dates the report ("وقال بيان اليوم إن …"), not the event: used only
    /// when nothing dates the event itself.
    pub report: bool,
}

/// Everything the coder needs about one field.
pub struct FieldCtx<'a> {
    pub field: Field,
    pub a: &'a Analyzed,
    /// The article's publication date.
    pub published: Option<NaiveDate>,
    pub triggers: Vec<TriggerHit>,
    pub cues: Vec<CueHit>,
    pub actors: Vec<ActorCand>,
    pub places: Vec<PlaceCand>,
    pub dates: Vec<DateCand>,
    /// Media outlets named: (tok_start, tok_end, canonical name).
    pub media: Vec<(usize, usize, String)>,
    /// Clauses as token ranges, each inside one sentence, in order.
    pub clauses: Vec<(usize, usize)>,
    /// Discourse segment of each sentence (a topic shift starts a new one).
    pub segment: Vec<usize>,
    /// Sentences that repeat the headline ("رابط الخبر: <title>"): they are
    /// not a second report.
    pub echo: Vec<bool>,
}

/// Words that start a new clause inside a sentence.
fn clause_break(a: &Analyzed, i: usize) -> usize {
    let w = a.tok(i);
    match w {
        "كما" | "وكما" | "بينما" | "فيما" | "وفيما" | "وبينما" | "؛" | ";" => 1,
        "في" if i + 1 < a.tokens.len() && a.tok(i + 1) == "حين" => 2,
        "في" if i + 2 < a.tokens.len() && a.tok(i + 1) == "الوقت" && a.tok(i + 2) == "الذي" => 3,
        _ => 0,
    }
}

pub fn rank_of(precision: &str) -> u8 {
    match precision {
        "neighbourhood" => 0,
        "city" => 1,
        "admin2" => 2,
        "admin1" => 3,
        "region" => 4,
        _ => 5,
    }
}

/// Is the word before token `i` (its proclitics stripped) a locative
/// preposition or direction ("في", "بشرق", "شمالي")? A country after it is
/// a place, not an actor.
pub fn locative_before(a: &Analyzed, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let w = a.tok(i - 1);
    let stem = marsad_text::clitic::splits(w)
        .into_iter()
        .map(|s| s.stem)
        .find(|s| is_locative(s))
        .is_some();
    stem || is_locative(w)
}

fn is_locative(w: &str) -> bool {
    matches!(
        w,
        "في" | "من"
            | "الي"
            | "داخل"
            | "شمال"
            | "جنوب"
            | "شرق"
            | "غرب"
            | "شمالي"
            | "جنوبي"
            | "شرقي"
            | "غربي"
            | "وسط"
            | "عبر"
            | "نحو"
            | "باتجاه"
            | "حدود"
            | "انحاء"
            | "اراضي"
            | "عاصمه"
            | "مدن"
            | "محافظات"
    )
}

/// Is tokens `s..e` a dateline: the first word of the field, followed by a
/// dash, colon, comma or bracket ("القاهرة - …", "تونس: …", "بيروت (رويترز)")?
pub fn dateline_at(a: &Analyzed, s: usize, e: usize) -> bool {
    (0..s).all(|k| a.tokens[k].kind != TokenKind::Word)
        && e < a.tokens.len()
        && matches!(a.tok(e), ":" | "-" | "ـ" | "–" | "(" | "،" | ",")
}

/// The place mentions of a field.
fn pm(doc: &Document, f: Field) -> &[marsad_geo::PlaceMention] {
    match f {
        Field::Title => &doc.title_places,
        Field::Body => &doc.body_places,
    }
}

/// Words that mark an actor as airborne.
fn airborne(norm: &str) -> bool {
    ["طاير", "طيران", "مقاتلات", "مروحي", "سلاح الجو", "درون", "الجويه"]
        .iter()
        .any(|w| norm.contains(w))
}

/// The most characters a sentence may add to the headline it repeats
/// ("رابط الخبر: …", "المصدر: …") and still be an echo of it.
const ECHO_EXTRA: usize = 40;

impl<'a> FieldCtx<'a> {
    /// Build the context of field `f` of `doc`.
    pub fn new(
        doc: &'a Document,
        f: Field,
        triggers: &TriggerLexicon,
        cues: &CueLexicon,
        agents: &AgentLexicon,
        gazetteer: &marsad_geo::Gazetteer,
    ) -> FieldCtx<'a> {
        let a = doc.field(f);
        let mt = doc.match_text(f);
        let mut trig = triggers.find(a, mt);
        let mut cue_hits = cues.find(mt);
        // "دون ورود أنباء عن إصابات": no report is not hearsay
        cue_hits.retain(|c| {
            c.cue != Cue::Hearsay
                || !(c.tok_start.saturating_sub(2)..c.tok_start)
                    .any(|k| matches!(a.tok(k), "دون" | "بدون" | "لم" | "عدم" | "ولم"))
        });
        // the dead, wounded or abducted named by what they give their name
        // to or by their kin are not casualties here: "ساحة الشهداء", "أسر
        // الشهداء", "أهالي المختطفين"
        trig.retain(|t| {
            !(matches!(t.frame, Frame::Kill | Frame::Wound | Frame::Abduction)
                && cue_hits
                    .iter()
                    .any(|c| c.cue == Cue::NominalHead && c.tok_end == t.tok_start))
        });
        let media = doc
            .mentions
            .iter()
            .filter(|m| m.field == f && m.class.as_deref() == Some("media"))
            .map(|m| {
                let name = m
                    .canonical
                    .clone()
                    .unwrap_or_else(|| a.surface(m.tok_start, m.tok_end).to_string());
                (m.tok_start, m.tok_end, name)
            })
            .collect();
        // actors: lexicon mentions (not media, NGOs or places other than countries) and generic agents
        let mut actors: Vec<ActorCand> = Vec::new();
        // an organisation found by its head noun ("قوات الأمن التركية") takes
        // the class of the generic agent it starts with
        let agent_hits = agents.find(mt);
        for m in doc.mentions.iter().filter(|m| m.field == f) {
            let class = m.class.clone().unwrap_or_else(|| {
                agent_hits
                    .iter()
                    .find(|h| h.tok_start == m.tok_start && h.tok_end <= m.tok_end)
                    .map(|h| agents.entries[h.entry].0.clone())
                    .unwrap_or_default()
            });
            let (class, side) = match m.kind {
                "ORG" | "PER" => {
                    let side = Side::of_class(&class);
                    (class, side)
                }
                // a country acts ("قصفت تركيا", "محادثات مع روسيا") unless named as a place
                "LOC" if m.id.as_deref().is_some_and(|i| i.starts_with("country:")) => {
                    // the country itself, not a part of it ("شمال الكاميرون")
                    let whole = pm(doc, f).iter().any(|p| {
                        p.tok_start == m.tok_start
                            && p.tok_end == m.tok_end
                            && p.precision == marsad_geo::Precision::Country
                    });
                    let locative = !whole || m.prefix_len > 0 || locative_before(a, m.tok_start);
                    // "تونس: مقتل …", "بغداد - …": a dateline, not an actor
                    let dateline = a.sentence_of(m.tok_start) == 0 && dateline_at(a, m.tok_start, m.tok_end);
                    // "إذاعة فرنسا الدولية", "وكالة الأنباء السعودية": part of an outlet's name
                    let outlet = m.tok_start > 0
                        && matches!(
                            marsad_text::clitic::strip(a.tok(m.tok_start - 1)),
                            "اذاعه" | "راديو" | "قناه" | "تلفزيون" | "صحيفه" | "وكاله" | "الانباء"
                        );
                    if locative || dateline || outlet {
                        continue;
                    }
                    ("government".to_string(), Side::State)
                }
                _ => continue,
            };
            if matches!(class.as_str(), "media" | "ngo") {
                continue;
            }
            let norm =
                a.norm.text[a.tokens[m.tok_start].nstart as usize..a.tokens[m.tok_end - 1].nend as usize].to_string();
            actors.push(ActorCand {
                tok_start: m.tok_start,
                tok_end: m.tok_end,
                prefix_len: m.prefix_len,
                id: m.id.clone(),
                air: class == "coalition" || airborne(&norm),
                class,
                side,
                named: true,
            });
        }
        let demonyms = Demonyms::embedded().find(mt);
        for h in agent_hits {
            if doc.overlaps(f, h.tok_start, h.tok_end) {
                continue;
            }
            let (class, side) = agents.entries[h.entry].clone();
            // "قوات الأمن التركية": a demonym right after belongs to the agent
            let mut end = h.tok_end;
            if let Some(d) = demonyms.iter().find(|d| d.tok_start == end) {
                end = d.tok_end;
            }
            let norm = a.norm.text[a.tokens[h.tok_start].nstart as usize..a.tokens[end - 1].nend as usize].to_string();
            actors.push(ActorCand {
                tok_start: h.tok_start,
                tok_end: end,
                prefix_len: h.prefix_len,
                id: None,
                air: airborne(&norm),
                class,
                side,
                named: false,
            });
        }
        // "القوات اليمنية", "قوات أمريكية": a state's forces named by its
        // demonym
        for d in &demonyms {
            let forces = d.tok_start > 0
                && matches!(
                    marsad_text::clitic::strip(a.tok(d.tok_start - 1)),
                    "القوات" | "قوات" | "والقوات" | "للقوات"
                );
            if !forces
                || actors
                    .iter()
                    .any(|c| c.tok_start < d.tok_end && d.tok_start - 1 < c.tok_end)
            {
                continue;
            }
            let w = a.tok(d.tok_start - 1);
            let prefix_len = w.len() - w.trim_start_matches(['و', 'ب', 'ل', 'ف']).len();
            actors.push(ActorCand {
                tok_start: d.tok_start - 1,
                tok_end: d.tok_end,
                prefix_len: if w.contains("ال") { prefix_len } else { 0 },
                id: Some(format!("country:{}", d.country)),
                air: false,
                class: "military".to_string(),
                side: Side::State,
                named: true,
            });
        }
        // "غارة إسرائيلية", "قصف تركي": a demonym right after a word of
        // remote violence names the state that struck
        for d in &demonyms {
            let struck = d.tok_start > 0
                && trig.iter().any(|t| {
                    t.tok_end == d.tok_start
                        && matches!(t.frame, Frame::Air | Frame::Shell | Frame::Bombard)
                        && t.tok_end == t.tok_start + 1
                });
            if !struck
                || actors
                    .iter()
                    .any(|c| c.tok_start < d.tok_end && d.tok_start < c.tok_end)
            {
                continue;
            }
            let norm = a.tok(d.tok_start - 1).to_string();
            actors.push(ActorCand {
                tok_start: d.tok_start,
                tok_end: d.tok_end,
                prefix_len: 0,
                id: Some(format!("country:{}", d.country)),
                air: airborne(&norm),
                class: "military".to_string(),
                side: Side::State,
                named: true,
            });
        }
        actors.sort_by_key(|c| c.tok_start);
        // the speaker of a report ("أعلن الجيش أن …", "بحسب المرصد") is not a
        // party to the events it reports, unless it reports its own deed
        // ("أعلن الحرس الثوري أنه أطلق …")
        let speaker_spans: Vec<(usize, usize)> = cue_hits
            .iter()
            .filter(|c| matches!(c.cue, Cue::Report | Cue::According))
            .filter_map(|c| {
                let stop = (c.tok_end..(c.tok_end + 10).min(a.tokens.len())).find(|&k| {
                    matches!(
                        a.tok(k),
                        "ان" | "انه" | "انها" | "بان" | ":" | "،" | "," | "مقتل" | "عن" | "\""
                    )
                });
                // ... or names it as its own ("أعلنت القوات سيطرتها على")
                // ("أعلن التنظيم مسؤوليته عن الهجوم": a claim is one's own deed)
                let own_deed = stop.is_some_and(|k| matches!(a.tok(k), "انه" | "انها"))
                    || cue_hits
                        .iter()
                        .any(|k| k.cue == Cue::Claim && k.tok_start > c.tok_end && k.tok_start <= c.tok_end + 12)
                    || trig.iter().any(|t| {
                        t.pronoun
                            && t.tok_start > c.tok_end
                            && t.tok_start <= c.tok_end + 12
                            && (c.tok_end..t.tok_start).all(|k| !matches!(a.tok(k), "ان" | "بان" | "انه" | "انها"))
                    });
                match c.cue {
                    Cue::According => Some((c.tok_end, stop.unwrap_or((c.tok_end + 4).min(a.tokens.len())))),
                    _ if own_deed => None,
                    _ => stop.map(|k| (c.tok_end, k)),
                }
            })
            .collect();
        actors.retain(|c| !speaker_spans.iter().any(|&(s, e)| c.tok_start >= s && c.tok_end <= e));
        // dates; one between a report verb and its "إن/أن" dates the report
        // ("وقال بيان اليوم إن …"), not the event
        let report_spans: Vec<(usize, usize)> = cue_hits
            .iter()
            .filter(|c| c.cue == Cue::Report)
            .filter_map(|c| {
                (c.tok_end..(c.tok_end + 10).min(a.tokens.len()))
                    .find(|&k| matches!(a.tok(k), "ان" | "انه" | "انها" | "بان" | ":"))
                    .map(|k| (c.tok_end, k))
            })
            .collect();
        let dates: Vec<DateCand> = find_dates(a, 0, a.tokens.len())
            .into_iter()
            .map(|m: DateMention| {
                let r = doc.published.and_then(|p| m.expr.resolve(p));
                DateCand {
                    tok_start: m.tok_start,
                    tok_end: m.tok_end,
                    value: r.map(|x| x.0),
                    precision: r.map(|x| x.1).unwrap_or(Precision::Day),
                    report: report_spans.iter().any(|&(s, e)| m.tok_start >= s && m.tok_end <= e),
                }
            })
            .collect();
        // places
        let pm = match f {
            Field::Title => &doc.title_places,
            Field::Body => &doc.body_places,
        };
        // a place inside a date expression is a month ("3 آب" is not Ibb)
        let mut places: Vec<PlaceCand> = pm
            .iter()
            .enumerate()
            .filter(|(_, m)| !dates.iter().any(|d| m.tok_start < d.tok_end && d.tok_start < m.tok_end))
            .map(|(i, m)| {
                let e = m.entry.map(|e| gazetteer.entry(e));
                PlaceCand {
                    tok_start: m.tok_start,
                    tok_end: m.tok_end,
                    mention: i,
                    entry: m.entry.map(|x| x as usize),
                    fallback: m.fallback,
                    rank: if m.fallback {
                        // an unknown named place inside a known one: as specific as a town
                        1
                    } else {
                        rank_of(m.precision.as_str())
                    },
                    country: e.map(|e| e.country().to_string()),
                    admin1: e.and_then(|e| e.admin1()).map(|a| a.id().to_string()),
                    name_tok: (m.tok_start, m.tok_end),
                    prefix_len: m.prefix_len,
                    unresolved: false,
                }
            })
            .collect();
        // a place the tagger found and the gazetteer lacks, named as a place
        // ("قرب بلدة تيساليت", "في تيساليت"): known by its name only
        let place_cues = marsad_geo::cues::Cues::embedded();
        for m in doc
            .mentions
            .iter()
            .filter(|m| m.field == f && m.kind == "LOC" && m.source == MentionSource::Model && m.id.is_none())
        {
            let overlaps = |s: usize, e: usize| m.tok_start < e && s < m.tok_end;
            if places.iter().any(|p| overlaps(p.tok_start, p.tok_end))
                || dates.iter().any(|d| overlaps(d.tok_start, d.tok_end))
            {
                continue;
            }
            // named as a place: after a type cue ("بلدة", "ولاية") or a
            // preposition of being somewhere ("في", "قرب"; not "إلى", "من",
            // which name where things went or came from)
            let cue_before = m.tok_start > 0
                && place_cues.get(a.tok(m.tok_start - 1)).is_some_and(|(c, _)| {
                    (c.role == CueRole::Type && !c.generic)
                        || (c.role == CueRole::Prep
                            && matches!(c.word.as_str(), "في" | "قرب" | "بالقرب" | "داخل" | "عند"))
                });
            // (a nisba after ب right after a noun is its adjective: "صاروخا
            // باليستيا", "بطريقة سلمية")
            let w = a.tok(m.tok_start);
            let nisba = m.tok_end == m.tok_start + 1 && (w.ends_with("يا") || w.ends_with("يه") || w.ends_with('ي'));
            let in_prefix = m.prefix_len > 0 && w.starts_with('ب') && !nisba;
            // "حي سكني", "ولاية رئاسية": a common word the tagger took for a name
            if !(cue_before || in_prefix)
                || marsad_geo::is_common_word(a.tok(m.tok_start).get(m.prefix_len..).unwrap_or_default())
            {
                continue;
            }
            places.push(PlaceCand {
                tok_start: m.tok_start,
                tok_end: m.tok_end,
                mention: usize::MAX,
                entry: None,
                fallback: false,
                rank: 1,
                country: None,
                admin1: None,
                name_tok: (m.tok_start, m.tok_end),
                prefix_len: m.prefix_len,
                unresolved: true,
            });
        }
        // "في المدينة", "المدينة ذاتها": the last town named before
        for c in cue_hits.iter().filter(|c| c.cue == Cue::Anaphor) {
            if places
                .iter()
                .any(|p| p.tok_start < c.tok_end && c.tok_start < p.tok_end)
            {
                continue;
            }
            if let Some(prev) = places
                .iter()
                .rfind(|p| p.tok_end <= c.tok_start && p.rank <= 1)
                .cloned()
            {
                places.push(PlaceCand {
                    tok_start: c.tok_start,
                    tok_end: c.tok_end,
                    ..prev
                });
            }
        }
        places.sort_by_key(|p| p.tok_start);
        // clauses and segments
        let mut clauses = Vec::new();
        let mut segment = Vec::with_capacity(a.sentences.len());
        let mut seg = 0;
        for (si, s) in a.sentences.iter().enumerate() {
            let shift = cue_hits
                .iter()
                .any(|c| c.cue == Cue::TopicShift && c.tok_start <= s.tok_start + 1 && c.tok_start >= s.tok_start);
            if shift && si > 0 {
                seg += 1;
            }
            segment.push(seg);
            let mut start = s.tok_start;
            let mut i = s.tok_start;
            while i < s.tok_end {
                let n = if i > start { clause_break(a, i) } else { 0 };
                if n > 0 {
                    clauses.push((start, i));
                    start = i;
                    i += n;
                } else {
                    i += 1;
                }
            }
            clauses.push((start, s.tok_end));
        }
        let title_key = marsad_text::fold_str(&doc.title.raw);
        let echo = a
            .sentences
            .iter()
            .map(|s| {
                let sk = marsad_text::fold_str(a.raw_slice(s.start as usize, s.end as usize));
                // (a sentence that only contains a short headline among
                // much else is the report: "تفكيك خلية إرهابية")
                let (tn, sn) = (title_key.chars().count(), sk.chars().count());
                f == Field::Body
                    && tn >= 15
                    && ((sk.contains(&title_key) && (sn <= tn + ECHO_EXTRA || sk.contains("رابط الخبر")))
                        || (sn >= 15 && title_key.contains(&sk)))
            })
            .collect();
        FieldCtx {
            echo,
            field: f,
            published: doc.published,
            a,
            triggers: trig,
            cues: cue_hits,
            actors,
            places,
            dates,
            media,
            clauses,
            segment,
        }
    }

    /// The clause holding token `i`.
    pub fn clause_of(&self, i: usize) -> (usize, usize) {
        self.clauses
            .iter()
            .copied()
            .find(|&(s, e)| s <= i && i < e)
            .unwrap_or((i, i + 1))
    }

    /// The sentence range holding token `i`.
    pub fn sentence_range(&self, i: usize) -> (usize, usize) {
        let s = &self.a.sentences[self.a.sentence_of(i)];
        (s.tok_start, s.tok_end)
    }

    /// Cues of kind `k` within tokens `s..e`.
    pub fn has_cue(&self, k: Cue, s: usize, e: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.cue == k && c.tok_start >= s && c.tok_end <= e)
    }

    /// The cue of kind `k` that ends right before token `i` (within `gap`
    /// tokens).
    pub fn cue_before(&self, k: Cue, i: usize, gap: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.cue == k && c.tok_end <= i && c.tok_end + gap >= i)
    }

    /// True if the token before `i` (or `i`'s own proclitic) is a
    /// preposition: the candidate at `i` is then not a subject.
    pub fn after_preposition(&self, i: usize, prefix_len: usize) -> bool {
        // "وحدات من الجيش", "عناصر من الشرطة", "مفرزة للجيش": a part of a
        // force is the force acting, not a prepositional object
        let unit = |k: usize| {
            matches!(
                marsad_text::clitic::strip(self.a.tok(k)),
                "وحدات"
                    | "وحده"
                    | "قوه"
                    | "قوات"
                    | "دوريه"
                    | "دوريات"
                    | "مفرزه"
                    | "مفارز"
                    | "عناصر"
                    | "افراد"
                    | "مجموعه"
                    | "كتيبه"
                    | "سريه"
                    | "مسلحون"
                    | "مسلحين"
                    | "مقاتلون"
                    | "مقاتلين"
            )
        };
        let w = self.a.tok(i);
        if prefix_len > 0 {
            let p = &w[..prefix_len.min(w.len())];
            // ... unless the unit is a verb's object ("استهدف دورية للشرطة")
            if p == "ل" && i >= 1 && unit(i - 1) && !self.triggers.iter().any(|t| t.reach + 1 >= i && t.reach < i) {
                return false;
            }
            if p.ends_with('ب') || p.ends_with('ل') || p.ends_with('ك') {
                return true;
            }
        }
        if i == 0 {
            return false;
        }
        if i >= 2 && self.a.tok(i - 1) == "من" && unit(i - 2) {
            return false;
        }
        matches!(
            self.a.tok(i - 1),
            "علي"
                | "مع"
                | "ضد"
                | "من"
                | "في"
                | "الي"
                | "عن"
                | "داخل"
                | "ضمن"
                | "لصالح"
                | "بين"
                | "عبر"
                | "قبل"
                | "بحق"
                | "امام"
                | "تجاه"
                | "باتجاه"
                | "نحو"
                | "لدي"
                | "عند"
                | "حول"
                | "قرب"
                | "لوكاله"
                | "بحسب"
                | "حسب"
                | "وفق"
        ) && self.a.tokens[i - 1].kind == TokenKind::Word
    }

    /// The original text of tokens `s..e`, proclitics of the first token left out.
    pub fn span_text(&self, s: usize, e: usize, prefix_len: usize) -> (usize, usize, String) {
        let start = marsad_lexicon::name_start(self.a, s, prefix_len) as usize;
        let end = self.a.tokens[e - 1].end as usize;
        (start, end, self.a.raw_slice(start, end).to_string())
    }
}
