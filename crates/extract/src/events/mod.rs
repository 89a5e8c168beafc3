//! Event extraction: who did what to whom, where, when, how many, says who.
//!
//! The coder works like a careful ACLED analyst reading one article:
//!
//! 1. **Triggers** (`data/lexicon/triggers.tsv`) mark what happened: each
//!    word or phrase belongs to a *frame* (TERRITORY, CLASH, AIR, SHELL,
//!    EXPLOSION, IED, ARREST, AGREEMENT, KILL, WOUND, …). Frames, not words,
//!    are combined into ACLED types and sub-types here.
//! 2. Each sentence is cut into **clauses** (at كما, بينما, فيما, في حين, في
//!    الوقت الذي, ؛) and the article into **segments** at topic shifts (من
//!    جهة أخرى, على صعيد آخر, إلى ذلك …; `data/lexicon/event_cues.tsv`).
//! 3. Every primary trigger makes an event **mention** with arguments read
//!    near it: actors (subject after or before the trigger, the target after
//!    a preposition), location (the closest, most specific place, not an
//!    origin "من …" or a direction "باتجاه …"), date (in the trigger's
//!    neighbourhood, else carried from earlier sentences of the segment),
//!    casualties ([`casualties`]), attribution and status (hearsay → reported,
//!    a denial → denied, a threat or plan → planned).
//! 4. Mentions that are parts of another event are absorbed (the clash that
//!    led to a capture; weapons named as a means, "مستخدمين العبوات
//!    الناسفة"); mentions in aggregates over long periods or old history are
//!    dropped; a casualty-only clause adds its counts to the event before it.
//! 5. Mentions of one real-world event **merge** ([`merge`]): same type,
//!    compatible place, date and actors; the title merges into the body.

pub mod casualties;
pub mod context;
pub mod lexicon;
pub mod merge;

use crate::{Document, Field, Stage};
use chrono::NaiveDate;
use context::{ActorCand, FieldCtx, PlaceCand};
use lexicon::{AgentLexicon, Cue, CueLexicon, Frame, Side, TriggerHit, TriggerLexicon};
use marsad_record::{Attribution, Fatalities};
use marsad_text::date::Precision;

/// A participant chosen for an event mention.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorArg {
    pub field: Field,
    /// Token span in its field.
    pub tok: (usize, usize),
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub id: Option<String>,
    pub class: String,
    pub side: Side,
    /// The actor flies (air forces, coalition aircraft).
    pub air: bool,
}

/// The place chosen for an event mention.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceArg {
    pub field: Field,
    /// Index into the field's place mentions.
    pub mention: usize,
    pub entry: Option<usize>,
    pub fallback: bool,
    pub rank: u8,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub text: String,
    /// Read from "المدينة ذاتها"-style words standing for a place.
    pub anaphor: bool,
    /// Named by the tagger, unknown to the gazetteer: no record place.
    pub unresolved: bool,
}

/// The date chosen for an event mention.
#[derive(Debug, Clone, PartialEq)]
pub struct DateArg {
    pub value: Option<NaiveDate>,
    pub precision: Precision,
    pub text: String,
    /// Read in the trigger's own clause (not carried from context).
    pub own: bool,
}

/// One textual mention of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMention {
    pub field: Field,
    pub sentence: usize,
    pub segment: usize,
    /// Start tokens of the clauses this event was read from.
    pub clauses: Vec<usize>,
    /// Token position of the trigger (for ordering).
    pub pos: usize,
    pub trigger: (usize, usize, String),
    pub kind: &'static str,
    pub sub_type: &'static str,
    /// The sub-type was inferred from context, not named in the text.
    pub generic: bool,
    pub actor1: Option<ActorArg>,
    pub actor2: Option<ActorArg>,
    pub place: Option<PlaceArg>,
    pub place_own: bool,
    pub date: Option<DateArg>,
    pub fatalities: Option<Fatalities>,
    pub attribution: Option<Attribution>,
    pub status: &'static str,
    /// Sums up several incidents ("في دير الزور والحسكة والرقة").
    pub summary: bool,
    /// Further places of the same kind of event, coordinated with `place`
    /// ("تظاهر المئات في باماكو وسيغو وموبتي"): one event each, as ACLED
    /// codes protests city by city.
    pub also_at: Vec<PlaceArg>,
    /// Told as hearsay ("وردت أنباء عن …"): a vague reference to an event
    /// told better elsewhere.
    pub hearsay: bool,
    /// The trigger counts the people it was done to ("اختطف 18 شابا").
    pub counted: bool,
    /// The initiator to report when no mention of the event names one.
    pub stand_in: Option<ActorArg>,
    /// Said to be another one ("تفجير آخر", "هجوم ثان"): never merged into
    /// an earlier event.
    pub distinct: bool,
    /// A definite noun with no date of its own ("التوقيفات جرت على …"):
    /// refers back to an event told before.
    pub anaphoric: bool,
    pub confidence: f64,
}

impl EventMention {
    /// Has its own date or casualties: it reports, rather than refers back.
    pub fn strong(&self) -> bool {
        self.date.as_ref().is_some_and(|d| d.own) || self.fatalities.is_some()
    }
}

/// The event extraction stage.
pub struct Events {
    triggers: &'static TriggerLexicon,
    cues: &'static CueLexicon,
    agents: &'static AgentLexicon,
    gazetteer: &'static marsad_geo::Gazetteer,
}

impl Events {
    /// With the lexicons compiled into marsad.
    pub fn embedded() -> Events {
        Events {
            triggers: TriggerLexicon::embedded(),
            cues: CueLexicon::embedded(),
            agents: AgentLexicon::embedded(),
            gazetteer: marsad_geo::Gazetteer::embedded(),
        }
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &mut Document) {
        let body = FieldCtx::new(doc, Field::Body, self.triggers, self.cues, self.agents, self.gazetteer);
        let title = FieldCtx::new(doc, Field::Title, self.triggers, self.cues, self.agents, self.gazetteer);
        let body_mentions = mentions(&body, doc.published);
        // MARSAD_DEBUG_EVENTS=1 prints the mentions before merging (for developers)
        if std::env::var_os("MARSAD_DEBUG_EVENTS").is_some() {
            for m in &body_mentions {
                eprintln!(
                    "mention s{} seg{} {} {} {:?} a1={:?} place={:?} own={} date={:?} anaphoric={} distinct={}",
                    m.sentence,
                    m.segment,
                    m.sub_type,
                    m.trigger.2,
                    m.clauses,
                    m.actor1.as_ref().map(|x| &x.text),
                    m.place.as_ref().map(|p| &p.text),
                    m.place_own,
                    m.date.as_ref().map(|d| (&d.text, d.own)),
                    m.anaphoric,
                    m.distinct
                );
            }
        }
        let title_mentions = mentions(&title, doc.published);
        let events = merge::merge(body_mentions, title_mentions, self.gazetteer);
        let records = events
            .into_iter()
            .map(|e| merge::to_record(e, doc, self.gazetteer))
            .collect();
        drop(body);
        drop(title);
        doc.events = records;
    }
}

/// Does clause `cs..ce` sum up many events: an aggregate cue, or a running
/// toll ("حصيلة", "ارتفع عدد") that does not name one event — by a day in
/// its clause ("… التي شهدتها طرابلس يوم السبت") or one incident right after
/// it ("ارتفع عدد ضحايا الهجوم على المسجد").
fn aggregate(ctx: &FieldCtx, trig: &[TriggerHit], cs: usize, ce: usize) -> bool {
    if ctx.has_cue(Cue::Aggregate, cs, ce) {
        return true;
    }
    let tolls: Vec<&lexicon::CueHit> = ctx
        .cues
        .iter()
        .filter(|c| c.cue == Cue::Toll && c.tok_start >= cs && c.tok_end <= ce)
        .collect();
    if tolls.is_empty() {
        return false;
    }
    let day = ctx
        .dates
        .iter()
        .any(|d| d.tok_start >= cs && d.tok_end <= ce && !d.report && d.precision == Precision::Day);
    let incident = tolls.iter().any(|c| {
        trig.iter().any(|t| {
            t.tok_start >= c.tok_end
                && t.tok_start <= c.tok_end + 2
                && matches!(
                    t.frame,
                    Frame::Attack | Frame::Explosion | Frame::Suicide | Frame::Ied | Frame::Execution
                )
                && ctx.a.tok(t.tok_start).starts_with("ال")
                && !ctx.a.tok(t.tok_start).ends_with("ات")
        })
    });
    !(day || incident)
}

/// Are fighters among the dead or wounded of `clause`: a fighters' word
/// ("جنود", "مسلحين") or an armed force ("5 من الحوثيين", "قوات النظام")
/// next to a casualty word?
fn armed_victims(ctx: &FieldCtx, trig: &[TriggerHit], clause: (usize, usize)) -> bool {
    casualties::combatant_victims(ctx.a, trig, clause.0, clause.1)
        || trig
            .iter()
            .filter(|t| t.tok_start >= clause.0 && t.tok_end <= clause.1 && t.frame.is_casualty())
            .any(|t| {
                ctx.actors.iter().any(|c| {
                    matches!(c.side, Side::State | Side::NonState)
                        && c.tok_start + 4 >= t.tok_start
                        && c.tok_start <= t.tok_end + 4
                })
            })
}

/// A verb of managing ("تمكنت", "ونجح", "استطاع"): what follows its "من"
/// was done, not named.
fn managing_verb(w: &str) -> bool {
    ["تمكن", "نجح", "استطاع", "وتمكن", "ونجح", "واستطاع"]
        .iter()
        .any(|v| w.starts_with(v))
}

/// A shooting named by its bullets ("برصاص الجيش", "بالرصاص الحي").
fn by_fire(ctx: &FieldCtx, t: &TriggerHit) -> bool {
    t.frame == Frame::Attack
        && ["برصاص", "بالرصاص"]
            .iter()
            .any(|p| ctx.a.tok(t.tok_start).starts_with(p))
}

/// Does the word carry the article, after a proclitic or not ("المعارك",
/// "والاشتباكات", "بالهجوم", "للهجوم")?
fn has_article(w: &str) -> bool {
    ["ال", "وال", "فال", "بال", "لل", "ولل"]
        .iter()
        .any(|p| w.starts_with(p))
}

/// A massacre word ("مجزرة", "مجازر", "مذبحة", "مذابح").
fn is_massacre(w: &str) -> bool {
    ["مجزر", "مجازر", "مذبح", "مذابح"].iter().any(|m| w.contains(m))
}

/// The actors named as the sides of a clash: within eight words after its
/// trigger, in its clause ("مواجهات بين شبان وقوات الأمن").
fn clash_sides<'c>(ctx: &'c FieldCtx, t: &TriggerHit, clause: (usize, usize)) -> impl Iterator<Item = &'c ActorCand> {
    let after = t.tok_end;
    ctx.actors
        .iter()
        .filter(move |c| c.tok_start >= after && c.tok_start < clause.1 && c.tok_start <= after + 8)
}

/// Primary frames: those that can head an event.
fn primary(f: Frame) -> bool {
    !matches!(f, Frame::Kill | Frame::Wound | Frame::Cancel | Frame::Intervention)
}

/// A killing trigger that is an active verb ("قتلت", "قضت على"), not a
/// noun ("مقتل") or a passive state ("لقي حتفه").
fn slaying(ctx: &FieldCtx, t: &TriggerHit) -> bool {
    t.frame == Frame::Kill
        && (t.gapped()
            || ctx
                .cues
                .iter()
                .any(|c| c.cue == Cue::Slay && c.tok_start <= t.tok_start && c.tok_end >= t.tok_end))
}

/// Devices (IED, suicide belt, grenade, chemicals) head an event only with
/// an explosion or casualty word in their clause.
fn device(f: Frame) -> bool {
    matches!(f, Frame::Ied | Frame::Suicide | Frame::Grenade | Frame::Chemical)
}

/// Find every event mention of one field.
fn mentions(ctx: &FieldCtx, published: Option<NaiveDate>) -> Vec<EventMention> {
    let a = ctx.a;
    let mut out: Vec<EventMention> = Vec::new();
    let mut last_date: Vec<Option<DateArg>> = vec![None; a.sentences.len()];
    let mut last_attr: Option<(usize, Attribution)> = None;
    for (si, s) in a.sentences.iter().enumerate() {
        let seg = ctx.segment[si];
        let attribution = attribution(ctx, s.tok_start, s.tok_end).or_else(|| {
            last_attr
                .as_ref()
                .filter(|(sg, _)| *sg == seg && continues_report(ctx, s.tok_start))
                .map(|(_, at)| at.clone())
        });
        if let Some(at) = &attribution {
            last_attr = Some((seg, at.clone()));
        }
        // the date context carried into this sentence
        let carried: Option<DateArg> = (0..si)
            .rev()
            .take_while(|&k| ctx.segment[k] == seg)
            .find_map(|k| last_date[k].clone())
            .map(|d| DateArg { own: false, ..d });
        if let Some(d) = ctx.dates.iter().rev().find(|d| {
            d.tok_start >= s.tok_start && d.tok_end <= s.tok_end && {
                // a date that spans a long period ("خلال يوليو") carries nothing
                let (cs, ce) = ctx.clause_of(d.tok_start);
                !long_period(ctx, cs, ce)
            }
        }) {
            last_date[si] = Some(date_arg(ctx, d, true));
        }
        // a headline repeated, or page furniture ("سمات …", "اقرأ أيضا")
        if ctx.echo[si]
            || ctx
                .cues
                .iter()
                .any(|c| c.cue == Cue::Boilerplate && c.tok_start == s.tok_start)
        {
            continue;
        }
        let clauses: Vec<(usize, usize)> = ctx
            .clauses
            .iter()
            .copied()
            .filter(|&(cs, ce)| cs >= s.tok_start && ce <= s.tok_end)
            .collect();
        let sentence_start = out.len();
        // casualty clauses read before their sentence's event
        let mut pending: Vec<Fatalities> = Vec::new();
        for &(cs, ce) in &clauses {
            let trig: Vec<TriggerHit> = ctx
                .triggers
                .iter()
                .copied()
                .filter(|t| t.tok_start >= cs && t.tok_end <= ce)
                .collect();
            if aggregate(ctx, &trig, cs, ce) {
                continue;
            }
            if long_period(ctx, cs, ce) || past_year(ctx, cs, ce, published) {
                continue;
            }
            let has_casualty = trig.iter().any(|t| t.frame.is_casualty());
            let has_explosion = trig.iter().any(|t| t.frame == Frame::Explosion);
            let other_head = trig
                .iter()
                .any(|t| primary(t.frame) && !t.frame.is_explosive() && !device(t.frame));
            // with no other head, an active killing verb heads its clause
            // ("قتل مسلحون ثلاثة جنود"); classify() checks its doer and victims
            let any_primary = trig.iter().any(|t| primary(t.frame));

            let heads: Vec<TriggerHit> = trig
                .iter()
                .copied()
                .filter(|t| primary(t.frame) || (!any_primary && slaying(ctx, t)))
                .filter(|t| !device(t.frame) || has_explosion || has_casualty)
                .filter(|t| !negated(ctx, t))
                // "تحرير الموصل من سيطرة داعش": control named as a state (but
                // "تمكنت من السيطرة على" took it)
                .filter(|t| {
                    !(t.frame == Frame::Territory
                        && t.tok_start > 1
                        && matches!(ctx.a.tok(t.tok_start - 1), "من" | "تحت")
                        && !(t.tok_start.saturating_sub(8)..t.tok_start - 1).any(|k| managing_verb(ctx.a.tok(k)))
                        && marsad_text::clitic::strip(ctx.a.tok(t.tok_start)).trim_start_matches("ال") == "سيطره")
                })
                // "كانت تحاول التقدم": a capture tried is not a capture
                .filter(|t| !(t.frame == Frame::Territory && ctx.cue_before(Cue::Attempt, t.tok_start, 2)))
                // "برصاص الجيش" names the means of the killing: it heads an
                // attack only when its sentence tells no other event
                .filter(|t| {
                    !(by_fire(ctx, t)
                        && ctx.triggers.iter().any(|u| {
                            u.tok_start >= s.tok_start && u.tok_end <= s.tok_end && primary(u.frame) && !by_fire(ctx, u)
                        }))
                })
                // weapons named as the means of another event ("مستخدمين العبوات الناسفة")
                .filter(|t| !(t.frame.is_explosive() && other_head && ctx.cue_before(Cue::Instrument, t.tok_start, 3)))
                // weapons owned, traded or banned ("حظر الأسلحة والصواريخ الباليستية")
                .filter(|t| !(t.frame.is_explosive() && !has_casualty && ctx.cue_before(Cue::Arms, t.tok_start, 3)))
                // part of a name ("مهرجان التحرير", "جبهة التحرير")
                .filter(|t| {
                    !ctx.cue_before(Cue::NominalHead, t.tok_start, 0)
                        && !ctx
                            .cues
                            .iter()
                            .any(|c| c.cue == Cue::NominalHead && c.tok_start <= t.tok_start && c.tok_end >= t.tok_end)
                })
                // talked about, not reported ("اتفق الحاضرون على ضرورة …")
                .filter(|t| {
                    !ctx.cues
                        .iter()
                        .any(|c| c.cue == Cue::Opinion && c.tok_start >= t.tok_end && c.tok_start <= t.tok_end + 4)
                })
                .collect();
            // explosive frames of one clause describe one attack
            let mut groups: Vec<Vec<TriggerHit>> = Vec::new();
            for t in heads {
                if t.frame.is_explosive()
                    && let Some(g) = groups.iter_mut().find(|g| g[0].frame.is_explosive())
                {
                    g.push(t);
                    continue;
                }
                groups.push(vec![t]);
            }
            let n = groups.len();
            let before = out.len();
            for gi in 0..n {
                let g = &groups[gi];
                // the trigger's neighbourhood: up to the neighbouring heads
                let lo = if gi == 0 {
                    cs
                } else {
                    groups[gi - 1].last().map_or(cs, |t| t.tok_end)
                };
                let hi = if gi + 1 < n { groups[gi + 1][0].tok_start } else { ce };
                let locals: Vec<(usize, usize)> = (0..n)
                    .filter(|&k| k != gi)
                    .map(|k| {
                        let lo = if k == 0 {
                            cs
                        } else {
                            groups[k - 1].last().map_or(cs, |t| t.tok_end)
                        };
                        let hi = if k + 1 < n { groups[k + 1][0].tok_start } else { ce };
                        (lo, hi)
                    })
                    .collect();
                if let Some(m) = mention(
                    ctx,
                    g,
                    (lo, hi),
                    (cs, ce),
                    si,
                    seg,
                    published,
                    &carried,
                    &attribution,
                    &trig,
                    &locals,
                ) {
                    let mut m = m;
                    // "في المدينة" stands for the place of the story told so far
                    if m.place.as_ref().is_some_and(|p| p.anaphor)
                        && let Some(prev) = out.iter().rev().find(|p| {
                            p.segment == seg && p.kind == m.kind && p.place.as_ref().is_some_and(|x| !x.anaphor)
                        })
                    {
                        m.place = prev.place.clone();
                    }
                    // "اختطف 18 شابا من ناحية A و14 آخرين من ناحية B": one
                    // event per group taken from its own place
                    let groups = victim_groups(ctx, g[0].tok_end, ce);
                    if !m.also_at.is_empty() {
                        // one protest per town named
                        let also = std::mem::take(&mut m.also_at);
                        out.push(m.clone());
                        for p in also {
                            // not joined to the first by sharing its clause
                            let mut x = m.clone();
                            x.place = Some(p);
                            x.clauses.clear();
                            out.push(x);
                        }
                    } else if groups.len() >= 2 && matches!(g[0].frame, Frame::Abduction | Frame::Arrest) {
                        for p in groups {
                            let mut x = m.clone();
                            x.place = Some(place_arg(ctx, &p));
                            x.place_own = true;
                            x.distinct = true;
                            out.push(x);
                        }
                    } else {
                        out.push(m);
                    }
                } else if let Some(f) = casualties::read(a, &trig, &ctx.cues, lo, hi)
                    && let Some(prev) = out[before..].iter_mut().rev().find(|m| violent(m.kind))
                {
                    // "هاجموا قرية … وأحرقوا المنازل، ما أدى إلى مقتل أربعة":
                    // a head that made no event leaves its toll to the one before
                    casualties::sum_into(&mut prev.fatalities, &f);
                }
            }
            // a casualty-only clause (or one whose heads made no event)
            // adds its counts to the event told in its sentence (groups of
            // one event add up: "قتل 24 … بينما قتل 2 …"), else to the
            // event before it (a repeated toll: the larger wins)

            if out.len() == before
                && has_casualty
                && let Some(f) = casualties::read(a, &trig, &ctx.cues, cs, ce)
            {
                if let Some(prev) = out[sentence_start..].iter_mut().rev().find(|m| violent(m.kind)) {
                    casualties::sum_into(&mut prev.fatalities, &f);
                } else if sentence_has_head(ctx, s.tok_start, s.tok_end) {
                    pending.push(f);
                } else if let Some(prev) = out
                    .iter_mut()
                    .rev()
                    .find(|m| m.segment == seg && violent(m.kind) && si - m.sentence <= 2)
                {
                    merge::add_fatalities(&mut prev.fatalities, &f);
                }
            }
        }
        if let Some(host) = out[sentence_start..].iter_mut().find(|m| violent(m.kind)) {
            for f in &pending {
                casualties::sum_into(&mut host.fatalities, f);
            }
        }
        absorb(&mut out, sentence_start);
    }
    // An article that dates nothing is often not reporting events (an
    // opinion piece, a backgrounder): keep mentions with counted victims,
    // and, when it reports at all (قال, أفاد, أعلن …), those with a named
    // actor at a named place.
    if ctx.field == Field::Body && ctx.dates.is_empty() {
        let reports = ctx.cues.iter().any(|c| matches!(c.cue, Cue::Report | Cue::According));
        out.retain(|m| {
            m.fatalities.is_some()
                || m.counted
                || (reports && m.actor1.is_some() && m.place.as_ref().is_some_and(|p| p.rank < 5))
        });
    }
    // A report that opens with a count over a period ("وثقت الشبكة … خلال
    // شهر يوليو") goes on with statistics: in its first segment keep only
    // mentions dated in their own clause with counted victims.
    if ctx.field == Field::Body
        && let Some(first) = a.sentences.first()
        && ctx
            .clauses
            .iter()
            .filter(|&&(cs, ce)| cs >= first.tok_start && ce <= first.tok_end)
            .any(|&(cs, ce)| aggregate(ctx, &ctx.triggers, cs, ce) || long_period(ctx, cs, ce))
    {
        out.retain(|m| {
            m.segment > 0 || (m.date.as_ref().is_some_and(|d| d.own) && (m.fatalities.is_some() || m.counted))
        });
    }
    // "تبنى تنظيم داعش الهجوم", "حمل الرئيس الحركة مسؤولية الهجوم": a
    // claim or blame refers to the attack told before; a claim names its
    // doer
    resolve_claims(ctx, &mut out);
    infer_generic(ctx, &mut out);
    // summaries are dropped when the article has specific mentions of the type
    let specific: Vec<&'static str> = out
        .iter()
        .filter(|m| !m.summary && !m.sub_type.is_empty())
        .map(|m| m.kind)
        .collect();
    out.retain(|m| !m.summary || !specific.contains(&m.kind));
    out
}

/// A count over a long period: "خلال يوليو", "منذ مطلع الشهر" — a date
/// expression of month or coarser precision right after خلال / منذ / طوال.
fn long_period(ctx: &FieldCtx, s: usize, e: usize) -> bool {
    // a span of weeks, months or years: "خلال 10 أشهر", "طوال الأشهر الماضية"
    let span = (s..e).any(|i| {
        matches!(ctx.a.tok(i), "خلال" | "طوال" | "مدي" | "مدار")
            && (i + 1..(i + 4).min(e)).any(|k| {
                matches!(
                    marsad_text::clitic::strip(ctx.a.tok(k)).trim_start_matches("ال"),
                    "اشهر" | "شهور" | "شهرا" | "سنوات" | "اعوام" | "عاما" | "سنين" | "اسابيع" | "اسبوعا"
                )
            })
    });
    span || ctx.dates.iter().any(|d| {
        d.tok_start >= s && d.tok_end <= e && d.precision >= Precision::Month && {
            let w = ctx.a.tok(d.tok_start);
            let before = if d.tok_start > 0 {
                ctx.a.tok(d.tok_start - 1)
            } else {
                ""
            };
            matches!(w, "خلال" | "منذ" | "طوال") || matches!(before, "خلال" | "منذ" | "طوال")
        }
    }) || ctx.dates.iter().any(|d| {
        // "معارك منذ الرابع من أبريل": fighting since a day more than a
        // week before publication is a running total, not one event
        // ("اشتباكات اندلعت منذ السبت" is one)
        d.tok_start >= s
            && d.tok_end <= e
            && d.tok_start > 0
            && ctx.a.tok(d.tok_start - 1) == "منذ"
            && matches!((d.value, ctx.published), (Some(v), Some(p)) if (p - v).num_days() > 7)
    })
}

/// A clause that names an earlier year as a bare number ("1944 - بداية
/// إعدام …", "عام 2012") tells history. Resolution numbers ("القرار 2139")
/// are not years.
fn past_year(ctx: &FieldCtx, s: usize, e: usize, published: Option<NaiveDate>) -> bool {
    use chrono::Datelike;
    let Some(p) = published else { return false };
    // a line that starts with a past year ("1944 - …") is a chronology
    let para = (0..=s)
        .rev()
        .find(|&i| i == 0 || ctx.a.tokens[i].nl_before)
        .unwrap_or(0);
    let line_year = ctx
        .a
        .tokens
        .get(para)
        .is_some_and(|t| t.kind == marsad_text::TokenKind::Number)
        && ctx
            .a
            .tok(para)
            .parse::<i32>()
            .is_ok_and(|y| (1900..p.year()).contains(&y));
    line_year
        || (s..e).any(|i| {
            ctx.a.tokens[i].kind == marsad_text::TokenKind::Number
                && ctx.a.tok(i).parse::<i32>().is_ok_and(|y| (1900..p.year()).contains(&y))
                && !(i > 0
                    && matches!(
                        ctx.a.tok(i - 1),
                        "رقم" | "القرار" | "قرار" | "المادة" | "الماده" | "الفرقه" | "اللواء" | "الكتيبه"
                    ))
        })
}

/// Does the sentence hold a trigger that can head an event?
fn sentence_has_head(ctx: &FieldCtx, s: usize, e: usize) -> bool {
    ctx.triggers
        .iter()
        .any(|t| t.tok_start >= s && t.tok_end <= e && primary(t.frame) && !device(t.frame))
}

/// "وأشار إلى", "وأضاف أن": a report verb without a named speaker continues
/// the previous sentence's attribution.
fn continues_report(ctx: &FieldCtx, s: usize) -> bool {
    ctx.cues.iter().any(|c| c.cue == Cue::Report && c.tok_start == s)
        && s + 1 < ctx.a.tokens.len()
        && matches!(ctx.a.tok(s + 1), "الي" | "ان" | "انه" | "انها" | "بان" | "قايلا" | ":")
}

fn violent(kind: &str) -> bool {
    matches!(
        kind,
        "battles" | "explosions_remote_violence" | "violence_against_civilians" | "riots"
    )
}

/// A trigger under "لم / لن / لا" (or "دون" for nouns) did not happen.
fn negated(ctx: &FieldCtx, t: &TriggerHit) -> bool {
    t.tok_start > 0
        && matches!(
            ctx.a.tok(t.tok_start - 1),
            "لم" | "لن"
                | "لا"
                | "دون"
                | "بدون"
                | "عدم"
                | "ولم"
                | "اي"
                | "تجنب"
                | "لتجنب"
                | "منع"
                | "لمنع"
                | "منذ"
                | "ذكري"
                | "ستمنع"
                | "تمنع"
                | "يمنع"
                | "منعت"
                | "تحت"
                | "وتحت"
        )
}

/// Drop mentions a sentence holds as parts of another of its events: a clash
/// beside a capture, a generic attack beside a typed event.
fn absorb(out: &mut Vec<EventMention>, from: usize) {
    let kinds: Vec<(&str, &str)> = out[from..].iter().map(|m| (m.kind, m.sub_type)).collect();
    let territory = kinds.iter().any(|(_, s)| s.ends_with("territory"));
    let typed_other = |k: &str| kinds.iter().any(|(kk, _)| *kk != k);
    let mut i = from;
    while i < out.len() {
        let m = &out[i];
        // a clash named beside a strike or a capture in one sentence is its
        // context ("غارات على أحياء تشهد معارك"), unless it has its own date or toll
        let clash_beside_other = m.sub_type == "armed_clash"
            && kinds
                .iter()
                .any(|(k, s)| *k == "explosions_remote_violence" || s.ends_with("territory"))
            && m.fatalities.is_none()
            && !m.date.as_ref().is_some_and(|d| d.own);
        let drop =
            (m.sub_type == "armed_clash" && territory) || (m.generic && typed_other(m.kind)) || clash_beside_other;
        if drop {
            let removed = out.remove(i);
            // its casualties go to the event that absorbed it
            if let Some(f) = removed.fatalities
                && let Some(host) = out[from..].iter_mut().find(|x| violent(x.kind))
            {
                merge::add_fatalities(&mut host.fatalities, &f);
            }
        } else {
            i += 1;
        }
    }
}

/// Fold mentions named in a claim of responsibility or in blame ("تبنى
/// التنظيم الهجوم", "حمل الرئيس الحركة مسؤولية الهجوم", "أعلن مسؤوليته عن
/// التفجير") into the violent event told before them (within four
/// sentences): a claim's subject becomes that event's initiator when it has
/// none; blame names nobody for certain. With no such event before, the
/// mention stays.
fn resolve_claims(ctx: &FieldCtx, out: &mut Vec<EventMention>) {
    let mut i = 0;
    while i < out.len() {
        let m = &out[i];
        let start = m.clauses.first().copied().unwrap_or(m.pos);
        let claim = ctx
            .cues
            .iter()
            .any(|c| c.cue == Cue::Claim && c.tok_start >= start && c.tok_end <= m.pos && m.pos - c.tok_end <= 6);
        // ("مسؤولية الهجوم", "المتهمة بتنفيذ الهجوم")
        let blame = ctx.cue_before(Cue::Blame, m.pos, 1);
        let own_date = m.date.as_ref().is_some_and(|d| d.own);
        // (one with its own place is another attack: "تبنى التنظيم تفجير القاهرة")
        let host = (claim || blame) && violent(m.kind) && !own_date && m.fatalities.is_none() && !m.place_own;
        let prev = if host {
            out[..i]
                .iter()
                .rposition(|p| p.field == m.field && violent(p.kind) && m.sentence - p.sentence <= 4)
        } else {
            None
        };
        match prev {
            Some(j) => {
                let m = out.remove(i);
                // armed groups claim attacks; a state named there is not one
                if claim
                    && out[j].actor1.is_none()
                    && let Some(doer) = m.actor1.filter(|a| a.side == Side::NonState)
                {
                    credit(&mut out[j], doer);
                }
            }
            None => i += 1,
        }
    }

    // a claim that made no mention of its own ("وأعلن تنظيم الدولة
    // الإسلامية - ولاية خراسان مسؤوليته عن الهجوم"): its armed group is the
    // doer of the violent event before it
    for c in ctx.cues.iter().filter(|c| c.cue == Cue::Claim) {
        let (ss, se) = ctx.sentence_range(c.tok_start);
        // the first trigger after it, definite, names the attack told
        // before ("مسؤوليته عن الهجوم"; not "مسؤوليته عن إعدام عنصرين برصاصة")
        let attack_after = ctx
            .triggers
            .iter()
            .find(|t| t.tok_start >= c.tok_end && t.tok_end <= se)
            .is_some_and(|t| {
                let w = ctx.a.tok(t.tok_start);
                t.tok_start <= c.tok_end + 6
                    && has_article(w)
                    && (matches!(t.frame, Frame::Attack | Frame::Explosion) || t.frame.is_explosive())
            });
        let claimant = ctx
            .actors
            .iter()
            .filter(|x| x.id.is_some() && x.side == Side::NonState && x.tok_start >= ss && x.tok_end <= se)
            .filter(|x| x.tok_end <= c.tok_start || x.tok_start >= c.tok_end)
            .min_by_key(|x| x.tok_start.abs_diff(c.tok_start));
        let sent = ctx.a.sentence_of(c.tok_start);
        if !attack_after {
            continue;
        }
        let Some(x) = claimant else { continue };
        if let Some(e) = out
            .iter_mut()
            .rev()
            .find(|p| p.field == ctx.field && violent(p.kind) && p.pos < c.tok_start && sent - p.sentence <= 4)
            && e.actor1.is_none()
        {
            credit(e, actor_arg(ctx, x));
        }
    }
}

/// Make the claimant of an attack its initiator; the claimant is no
/// longer also its target.
fn credit(e: &mut EventMention, doer: ActorArg) {
    if e.actor2.as_ref().is_some_and(|t| t.id.is_some() && t.id == doer.id) {
        e.actor2 = None;
    }
    e.actor1 = Some(doer);
}

/// Give mentions whose type was only implied ("استهداف", "هجوم") the type of
/// the explosive event before them in their segment; a toll told with no
/// type ("ارتفع عدد ضحايا الهجوم الذي استهدف مسجد الروضة إلى 235 قتيلا")
/// the type of the attack told in the next two sentences, when that one
/// names no place of its own ("فجروا عبوة ناسفة داخل المسجد").
fn infer_generic(ctx: &FieldCtx, ms: &mut [EventMention]) {
    for i in 0..ms.len() {
        if !ms[i].sub_type.is_empty() {
            continue;
        }
        let m = &ms[i];
        let prev = ms[..i]
            .iter()
            .rev()
            .find(|p| p.segment == m.segment && p.kind == "explosions_remote_violence" && !p.sub_type.is_empty());
        let next = || {
            ms[i + 1..].iter().find(|n| {
                n.field == m.field
                    && n.segment == m.segment
                    && n.sentence > m.sentence
                    && n.sentence <= m.sentence + 2
                    && matches!(n.kind, "explosions_remote_violence" | "violence_against_civilians")
                    && !n.sub_type.is_empty()
                    && !n.place_own
                    && n.fatalities.is_none()
            })
        };
        // (not "قصف": a bombardment is shelling or an air strike, never the
        // attack told next)
        let (ss, se) = ctx.sentence_range(m.pos);
        let targeted = !(ss..se).any(|k| ctx.a.tok(k).contains("قصف"));
        let prev = prev.or_else(|| m.fatalities.as_ref().filter(|_| targeted).and_then(|_| next()));
        if let Some(p) = prev {
            let (k, s, a1) = (p.kind, p.sub_type, p.actor1.clone());
            let m = &mut ms[i];
            m.kind = k;
            m.sub_type = s;
            if m.actor1.is_none() {
                m.actor1 = a1;
            }
        }
    }
}

fn date_arg(ctx: &FieldCtx, d: &context::DateCand, own: bool) -> DateArg {
    DateArg {
        value: d.value,
        precision: d.precision,
        text: ctx.a.surface(d.tok_start, d.tok_end).to_string(),
        // a report's date stands in for the event's, but is never its own
        own: own && !d.report,
    }
}

/// Build the mention of a group of head triggers (one, or several explosive
/// ones of a clause). `local` is the triggers' neighbourhood, `clause` their
/// clause; `trig` every trigger of the clause.
#[allow(clippy::too_many_arguments)]
fn mention(
    ctx: &FieldCtx,
    group: &[TriggerHit],
    local: (usize, usize),
    clause: (usize, usize),
    sentence: usize,
    segment: usize,
    published: Option<NaiveDate>,
    carried: &Option<DateArg>,
    attribution: &Option<Attribution>,
    trig: &[TriggerHit],
    others: &[(usize, usize)],
) -> Option<EventMention> {
    let a = ctx.a;
    let head = group[0];
    let (ss, se) = ctx.sentence_range(head.tok_start);
    // "غارة إسرائيلية": the state named by the demonym after the strike
    let said = subject(ctx, &head, clause);
    let actor1 = said
        .clone()
        .map(|x| {
            if head.frame == Frame::Arrest {
                x
            } else {
                named_behind(ctx, x)
            }
        })
        .or_else(|| {
            ctx.actors
                .iter()
                .find(|c| {
                    c.tok_start == head.tok_end
                    // "برصاص المقاومة", "برصاص مجهولين": whose bullets
                    && (c.id.as_deref().is_some_and(|i| i.starts_with("country:")) || by_fire(ctx, &head))
                })
                .filter(|c| c.prefix_len == 0 && ctx.a.tok(c.tok_start).starts_with(|ch: char| ch != 'و'))
                .map(|c| actor_arg(ctx, c))
        });
    // "انتحاري يشتبه في أنه ينتمي لتنظيم داعش": the bomber's group
    let actor1 = actor1.or_else(|| {
        (head.frame == Frame::Suicide)
            .then(|| belongs_to(ctx, head.tok_end))
            .flatten()
            .map(|c| actor_arg(ctx, c))
    });
    // the generic fighters whose group became actor1 are not its target
    let actor2 = target(ctx, &head, clause, actor1.as_ref()).filter(|t| {
        !said
            .as_ref()
            .is_some_and(|x| x.field == t.field && x.tok == t.tok && actor1.as_ref().is_some_and(|y| y.tok != x.tok))
    });
    // Who the record names as the initiator when the text names none; not
    // used to decide which mentions are one event. Fighting has two sides
    // ("مواجهات مع مقاتلي المقاومة" names one); talks are between the
    // parties the sentence names.
    let stand_in = match head.frame {
        Frame::Clash if actor1.is_none() => actor2.clone(),
        Frame::Agreement if actor1.is_none() => ctx
            .actors
            .iter()
            .find(|c| {
                c.tok_start >= ss
                    && c.tok_end <= se
                    && can_act(c, head.frame)
                    && !ctx.after_preposition(c.tok_start, c.prefix_len)
            })
            .map(|c| actor_arg(ctx, c)),
        _ => None,
    };
    // the side that stands in as initiator is not also the other side
    // ("اشتباكات بين قوات النظام وفصائل المعارضة")
    let actor2 = if head.frame == Frame::Clash && actor1.is_none() && stand_in.is_some() {
        target(ctx, &head, clause, stand_in.as_ref())
    } else {
        actor2
    };
    let (kind, sub_type, generic) = classify(ctx, group, local, clause, actor1.as_ref(), actor2.as_ref(), trig)?;
    // a riot told as a clash: the rioters initiate it, the police are the
    // other side ("مواجهات بين شبان وقوات الأمن")
    let (actor1, actor2) = if head.frame == Frame::Clash && sub_type == "violent_demonstration" {
        let people = clash_sides(ctx, &head, clause)
            .find(|c| matches!(c.class.as_str(), "civilians" | "protesters"))
            .map(|c| actor_arg(ctx, c));
        let police = clash_sides(ctx, &head, clause)
            .find(|c| c.side == Side::State)
            .map(|c| actor_arg(ctx, c));
        (people.or(actor1), police.or(actor2))
    } else {
        (actor1, actor2)
    };
    // shot while protesting: the protest's excessive force, told there
    if matches!(head.frame, Frame::Attack | Frame::Clash) && hurt_while_protesting(ctx, ss, se) {
        return None;
    }
    // a raid that turned into fighting ("مقتل سبعة خلال تبادل لإطلاق النار
    // أثناء مداهمة وكر لهم") is the fighting, not an arrest
    if head.frame == Frame::Arrest
        && ["داهم", "دهم"].iter().any(|r| a.tok(head.tok_start).contains(r))
        && ctx.triggers.iter().any(|t| {
            t.tok_start >= ss && t.tok_end <= se && matches!(t.frame, Frame::Clash | Frame::Attack | Frame::Kill)
        })
    {
        return None;
    }
    // "قضت المحكمة بإعدام عشرة متهمين": a death sentence, not an execution
    if head.frame == Frame::Execution && ctx.cue_before(Cue::Sentencing, head.tok_start, 6) {
        return None;
    }
    // "إحباط هجوم", "أحبطت الشرطة هجوما انتحاريا": it did not happen
    // (unless it was fought off with losses: checked with the toll below)
    let foiled = violent(kind) && ctx.cue_before(Cue::Foiled, head.tok_start, 3);
    // agreements need a conflict to be about, and are undone by a collapse
    if sub_type == "agreement" {
        // a ceasefire, truce, prisoner swap, surrender, safe exit …:
        // diplomatic accords and cooperation deals are not conflict events
        let conflict = ctx.has_cue(Cue::Conflict, ss, se);
        if !conflict
            || trig
                .iter()
                .any(|t| t.frame == Frame::Cancel && t.tok_start < head.tok_start + 3)
        {
            return None;
        }
    }
    // places: the neighbourhood, then the clause, then the sentence
    let taken: Vec<(usize, usize)> = [actor1.as_ref(), actor2.as_ref()]
        .into_iter()
        .flatten()
        .filter(|x| x.field == ctx.field)
        .map(|x| (x.tok.0, x.tok.1))
        .collect();
    // things fired "from" somewhere land elsewhere
    let fired = group.iter().any(|t| t.frame.is_explosive());
    let choose_place = |at: usize, r: (usize, usize)| choose_place(ctx, at, r, &taken, fired);
    // a place in another head's neighbourhood is that event's: the place
    // carried from before wins over it ("أعلنت القوات سيطرتها على القصر …
    // وقال إن طائراته قصفت مواقع في أم درمان")
    let elsewhere = |p: &PlaceCand| in_other_local(p.tok_start, local, others);
    let place = choose_place(head.tok_start, local).map(|p| (p, true)).or_else(|| {
        let in_clause = choose_place(head.tok_start, clause);
        let in_sentence = choose_place(head.tok_start, (ss, se));
        in_clause
            .clone()
            .filter(|p| !elsewhere(p))
            .map(|p| (p, true))
            .or_else(|| in_sentence.clone().filter(|p| !elsewhere(p)).map(|p| (p, false)))
            // the dateline ("القاهرة - …") is where the reporter is: it
            // stands in only when the sentence names no place at all
            .or_else(|| {
                carried_place(ctx, ss, segment)
                    .filter(|p| !(dateline(ctx, p) && (in_clause.is_some() || in_sentence.is_some())))
                    .map(|p| (p, false))
            })
            .or_else(|| in_clause.or(in_sentence).map(|p| (p, false)))
            .or_else(|| {
                ctx.places
                    .iter()
                    .find(|p| dateline(ctx, p))
                    .cloned()
                    .map(|p| (p, false))
            })
    });
    let coordinated = place
        .as_ref()
        .map(|(p, _)| coordinated_places(ctx, p, clause))
        .unwrap_or_default();
    // protests in several named towns are one protest in each; other
    // events told over three or more places sum several incidents up
    let per_place = matches!(kind, "protests" | "riots")
        && (2..=MAX_PER_PLACE).contains(&coordinated.len())
        && coordinated.iter().all(|p| p.rank < 5);
    let summary = !per_place && coordinated.len() >= 3;
    let also_at: Vec<PlaceArg> = if per_place {
        coordinated[1..].iter().map(|p| place_arg(ctx, p)).collect()
    } else {
        Vec::new()
    };
    // dates: the neighbourhood, the clause, the sentence, then the context
    let near = |r: (usize, usize)| {
        ctx.dates
            .iter()
            .filter(|d| d.tok_start >= r.0 && d.tok_end <= r.1)
            .min_by_key(|d| d.tok_start.abs_diff(head.tok_start))
    };
    let date = near(local)
        .map(|d| date_arg(ctx, d, true))
        .or_else(|| near(clause).map(|d| date_arg(ctx, d, !in_other_local(d.tok_start, local, others))))
        .or_else(|| near((ss, se)).map(|d| date_arg(ctx, d, false)))
        .or_else(|| carried.clone());
    // old history is not news: a trigger dated long ago is dropped; an old
    // date far from the trigger dates something else and is ignored
    let mut date = date;
    if let (Some(d), Some(p)) = (&date, published)
        && let Some(v) = d.value
        && (p - v).num_days() > 60
    {
        let near_trigger = ctx.dates.iter().any(|x| {
            x.value == Some(v)
                && x.tok_start.abs_diff(head.tok_start) <= 15
                && x.tok_start >= clause.0
                && x.tok_end <= clause.1
        });
        if near_trigger {
            return None;
        }
        date = None;
    }
    let fatalities = if violent(kind) || sub_type == "excessive_force_against_protesters" {
        // counts in the trigger's neighbourhood; a lone head reads its clause
        if head.frame == Frame::Protest && hurt_while_protesting(ctx, ss, se) {
            // "استشهد شاب … خلال مشاركته في مسيرات العودة": the toll is in
            // the sentence's main clause
            casualties::read(a, trig, &ctx.cues, ss, se)
        } else if others.is_empty() {
            casualties::read(a, trig, &ctx.cues, clause.0, clause.1)
        } else {
            casualties::read(a, trig, &ctx.cues, local.0, local.1)
        }
    } else {
        None
    };
    if foiled && fatalities.is_none() {
        return None;
    }
    let date_own = date.as_ref().is_some_and(|d| d.own);
    // "مجزرة" is mostly a memory or a figure of speech ("مجزرة حماة",
    // "المذبحة السنوية للحيتان"): an event only with its dead counted and
    // its own date, or committed in the clause ("ارتكبت الميليشيات مجزرة")
    if is_massacre(a.tok(head.tok_start)) {
        let committed = (clause.0..head.tok_start).any(|k| a.tok(k).contains("ارتكب"));
        // "الذكرى العشرين للمذبحة": remembered
        let remembered = (clause.0..head.tok_start).any(|k| a.tok(k).contains("ذكري"));
        if fatalities.is_none() || !(date_own || committed) || remembered {
            return None;
        }
    }
    // "وكان القصف … من أبرز الأسباب": background unless dated
    let pluperfect = matches!(a.tok(ss), "كان" | "وكان" | "كانت" | "وكانت" | "وكانوا" | "كانوا");
    if pluperfect && !date_own {
        return None;
    }
    // "بتهمة … قطع الطرق": named as an accusation
    if ctx.cues.iter().any(|c| {
        c.cue == Cue::Charge
            && c.tok_end <= head.tok_start
            && c.tok_start >= clause.0
            && head.tok_start - c.tok_end <= 25
    }) {
        return None;
    }
    // "بعد احتجاجات حاشدة على حكمه", "في أعقاب هجوم", "بعد أسبوعين فقط
    // من هجوم مشابه": an earlier event used to tell time
    let time_word = |k: usize| matches!(a.tok(k), "بعد" | "عقب" | "اثر" | "قبل" | "منذ" | "اعقاب" | "خلفيه");
    let time_ref = head.tok_start > 0 && time_word(head.tok_start - 1);
    // "شهدت اضطرابات بعد مقتل شاب برصاص شرطي": the killing, named before
    // its bullets, tells time
    let killing_told_as_time = by_fire(ctx, &head)
        && ctx.triggers.iter().any(|t| {
            t.frame == Frame::Kill
                && t.tok_end <= head.tok_start
                && head.tok_start - t.tok_end <= 3
                && t.tok_start > 0
                && time_word(t.tok_start - 1)
        });
    // a span of time from it ("بعد أسبوعين من هجوم") sets it apart even
    // with its place named
    // (but "بعد أن تمكنت المقاومة من تحرير" is a deed)
    let time_from = head.tok_start > 1
        && a.tok(head.tok_start - 1) == "من"
        && (head.tok_start.saturating_sub(5)..head.tok_start - 1).any(|k| matches!(a.tok(k), "بعد" | "قبل"))
        && !(head.tok_start.saturating_sub(5)..head.tok_start - 1).any(|k| {
            ["تمكن", "تتمكن", "يتمكن", "نجح", "تنجح", "استطاع", "تستطيع"]
                .iter()
                .any(|v| marsad_text::clitic::strip(a.tok(k)).starts_with(v))
        });
    if (time_ref && !date_own && !place.as_ref().is_some_and(|x| x.1))
        || ((time_from || killing_told_as_time) && !date_own)
    {
        return None;
    }
    // a match report ("المواجهات الودية", "خطف اللقب") is not fighting
    if violent(kind) && ctx.has_cue(Cue::Sports, ss, se) {
        return None;
    }
    // "الفارين من المعارك": fled from, the fighting is background
    if ctx.cue_before(Cue::Flight, head.tok_start, 0) {
        return None;
    }
    // "إذا فشل الاتفاق … سيرد بهجوم": supposed, not reported
    if ctx
        .cues
        .iter()
        .any(|c| c.cue == Cue::Conditional && c.tok_end <= head.tok_start && c.tok_start >= clause.0.min(ss))
    {
        return None;
    }
    // "دعا الحوثيين إلى احترام الهدنة", "طالب بوقف القتال": asked for, not done
    if ctx.cues.iter().any(|c| {
        c.cue == Cue::Call && c.tok_end <= head.tok_start && c.tok_start >= clause.0 && head.tok_start - c.tok_end <= 20
    }) {
        return None;
    }

    // a drone or an aircraft named with nobody flying it and nobody hit is
    // not a strike ("طائرة مسيرة تحمل مسدسا")
    if kind == "explosions_remote_violence"
        && actor1.is_none()
        && fatalities.is_none()
        && group.iter().all(|t| {
            let w = a.tok(t.tok_start);
            w.contains("طاير") || w.contains("درون")
        })
    {
        return None;
    }
    // "تظاهرت بأنني مريضة", "اعتصموا بحبل الله", "احتجت بأنه": a protest
    // verb before بـ is to pretend, hold fast or argue (but "متظاهرا
    // بجروح" names protesters)
    let protesters = ["متظاهر", "محتج", "معتصم"].iter().any(|p| {
        marsad_text::clitic::strip(a.tok(head.tok_start))
            .trim_start_matches("ال")
            .starts_with(p)
    });
    if head.frame == Frame::Protest
        && !protesters
        && head.tok_end < a.tokens.len()
        && a.tok(head.tok_end).starts_with('ب')
        && !a.tok(head.tok_end).starts_with("بال")
    {
        return None;
    }
    // "الاستيلاء على أي طائرة": hypothetical
    if (head.tok_end..(head.tok_end + 3).min(a.tokens.len())).any(|i| a.tok(i) == "اي") {
        return None;
    }
    let status = status(ctx, &head, (ss, se));
    let hearsay = ctx.has_cue(Cue::Hearsay, ss, se);
    let place_own = place.as_ref().is_some_and(|x| x.1);
    let place = place.map(|(p, _)| place_arg(ctx, &p));
    // a bare trigger with nothing around it is not an event report; a
    // country named in passing is not a place for this test
    let placed = place.as_ref().is_some_and(|p| p.rank < 5) || place_own && place.is_some();
    if !placed && actor1.is_none() && fatalities.is_none() && !date.as_ref().is_some_and(|d| d.own) {
        return None;
    }
    if kind == "battles" && !placed && fatalities.is_none() && !date.as_ref().is_some_and(|d| d.own) {
        return None;
    }
    // "وينفذ الجيش غارات …", "تشهد معارك": ongoing or routine, unless dated
    if ctx.cue_before(Cue::Habitual, head.tok_start, 4) && !date.as_ref().is_some_and(|d| d.own) {
        return None;
    }
    let (ts, te, tt) = ctx.span_text(
        head.tok_start,
        group.last().map_or(head.tok_end, |t| t.tok_end).max(head.tok_end),
        head.prefix_len,
    );
    let trigger_text = if group.len() > 1 {
        a.raw_slice(ts, a.tokens[head.tok_end - 1].end as usize).to_string()
    } else {
        tt
    };
    let te = if group.len() > 1 {
        a.tokens[head.tok_end - 1].end as usize
    } else {
        te
    };
    let mut confidence: f64 = 0.5;
    if place.is_some() {
        confidence += 0.15;
    }
    if actor1.is_some() {
        confidence += 0.1;
    }
    if date.as_ref().is_some_and(|d| d.own) {
        confidence += 0.1;
    }
    if generic {
        confidence -= 0.15;
    }
    Some(EventMention {
        field: ctx.field,
        sentence,
        segment,
        clauses: vec![clause.0],
        pos: head.tok_start,
        trigger: (ts, te, trigger_text),
        kind,
        sub_type,
        generic,
        actor1,
        actor2,
        place,
        place_own,
        date,
        fatalities,
        attribution: attribution.clone(),
        status,
        summary,
        also_at,
        hearsay,
        counted: marsad_text::number::read_at(a, head.tok_end, clause.1).is_some(),
        stand_in,
        anaphoric: {
            // the trigger word carries the article (المعارك, والاشتباكات, بالهجوم)
            has_article(a.tok(head.tok_start)) && !date_own
        },
        distinct: head.tok_end < a.tokens.len()
            && matches!(
                a.tok(head.tok_end),
                "اخر" | "اخري" | "ثان" | "ثاني" | "ثانيه" | "ثالث" | "جديد" | "جديده" | "مماثل"
            ),
        confidence: confidence.min(0.95),
    })
}

/// Is token `i` (outside `local`) inside another head's neighbourhood?
fn in_other_local(i: usize, local: (usize, usize), others: &[(usize, usize)]) -> bool {
    !(local.0 <= i && i < local.1) && others.iter().any(|&(s, e)| s <= i && i < e)
}

/// "فجرت انتحاريتان نفسيهما", "فجر نفسه": the bomber died in the blast.
fn blew_themselves_up(ctx: &FieldCtx, group: &[TriggerHit]) -> bool {
    group.iter().filter(|t| t.frame == Frame::Explosion).any(|t| {
        (t.tok_end..(t.tok_end + 4).min(ctx.a.tokens.len()))
            .any(|i| matches!(ctx.a.tok(i), "نفسه" | "نفسها" | "نفسيهما" | "انفسهم" | "انفسهن"))
    })
}

/// The ACLED type and sub-type of a group of triggers. Returns None when the
/// frames do not make an event here (an attack with nobody attacking).
fn classify(
    ctx: &FieldCtx,
    group: &[TriggerHit],
    local: (usize, usize),
    clause: (usize, usize),
    actor1: Option<&ActorArg>,
    actor2: Option<&ActorArg>,
    trig: &[TriggerHit],
) -> Option<(&'static str, &'static str, bool)> {
    let has = |f: Frame| group.iter().any(|t| t.frame == f);
    let in_clause = |f: Frame| {
        trig.iter()
            .any(|t| t.frame == f && t.tok_start >= clause.0 && t.tok_end <= clause.1)
    };
    let head = group[0].frame;
    const E: &str = "explosions_remote_violence";
    Some(match head {
        f if f.is_explosive() => {
            let air_actor = actor1.is_some_and(|x| x.air);
            if has(Frame::Chemical) {
                (E, "chemical_weapon", false)
            } else if has(Frame::Suicide) || blew_themselves_up(ctx, group) {
                (E, "suicide_bomb", false)
            } else if has(Frame::Grenade) {
                (E, "grenade", false)
            } else if has(Frame::Ied) {
                (E, "remote_explosive_landmine_ied", false)
            } else if has(Frame::Air) || air_actor {
                (E, "air_drone_strike", false)
            } else if has(Frame::Shell) {
                (E, "shelling_artillery_missile_attack", false)
            } else if has(Frame::Explosion) {
                (E, "remote_explosive_landmine_ied", false)
            } else if air_actor {
                (E, "air_drone_strike", false)
            } else if actor1.is_some_and(|x| matches!(x.side, Side::State | Side::NonState))
                && group.iter().any(|t| {
                    // told as done, not as a noun of background ("القصف
                    // العشوائي") or a habit ("تقصف")
                    let w = ctx.a.tok(t.tok_start);
                    matches!(
                        w.trim_start_matches(['و', 'ف']),
                        "قصف" | "قصفت" | "قصفوا" | "قصفها" | "قصفه"
                    )
                })
            {
                // "قصفت القوات التركية مواقع …": bombarded by a force on the
                // ground (its aircraft would have made it an air strike)
                (E, "shelling_artillery_missile_attack", true)
            } else {
                // "قصف" / "استهداف" alone: typed by the explosive event before it
                (E, "", true)
            }
        }
        Frame::Territory => {
            // "دخلت القوات القرية للقيام بحملة اعتقالات": a raid, coded by
            // its arrests, not a capture
            if trig
                .iter()
                .any(|t| t.frame == Frame::Arrest && t.tok_start >= group[0].tok_end && t.tok_end <= clause.1)
            {
                return None;
            }
            // a capture needs ground: a place or a positions word in the
            // trigger's neighbourhood, and armed men on a side or a named place
            // police holding a crime scene do not take ground
            let armed = |x: Option<&ActorArg>| {
                x.is_some_and(|x| {
                    matches!(x.side, Side::State | Side::NonState)
                        && !matches!(x.class.as_str(), "government" | "party" | "police")
                })
            };
            // the ground is the object: right after the trigger or after على / من / في
            let ground_word = (group[0].tok_end..local.1.min(group[0].tok_end + 8)).any(|i| {
                let w = marsad_text::clitic::strip(ctx.a.tok(i));
                let object = i == group[0].tok_end || matches!(ctx.a.tok(i - 1), "علي" | "من" | "في");
                object
                    && matches!(
                        w,
                        "مواقع"
                            | "موقع"
                            | "مناطق"
                            | "منطقه"
                            | "حي"
                            | "احياء"
                            | "بلده"
                            | "قريه"
                            | "قري"
                            | "مدينه"
                            | "معسكر"
                            | "معسكري"
                            | "قاعده"
                            | "مطار"
                            | "تله"
                            | "تلال"
                            | "جبل"
                            | "مرتفعات"
                            | "مديريه"
                            | "مديريات"
                            | "اجزاء"
                            | "الشريط"
                            | "شريط"
                            | "مبني"
                            | "مباني"
                            | "حاجز"
                            | "نقطه"
                            | "منفذ"
                            | "معبر"
                            | "جسر"
                            | "طريق"
                            | "قصر"
                            | "مقر"
                            | "مقرات"
                            | "ثكنه"
                            | "ميناء"
                            | "سجن"
                            | "حقل"
                            | "سد"
                            | "بلدات"
                            | "مدن"
                            | "مخيم"
                    )
            });
            let place_near = ctx
                .places
                .iter()
                .any(|p| p.tok_start >= local.0 && p.tok_end <= local.1 && p.rank < 5);
            // "تحرير طفل مختطف", "تحرير الرهائن": people freed, not ground taken
            let obj = {
                // "حرر 30 رهينة": past a count to the noun it counts
                let t = group[0].tok_end;
                marsad_text::number::read_at(ctx.a, t, ctx.a.tokens.len()).map_or(t, |q| q.tok_end)
            };
            let freed_people = obj < ctx.a.tokens.len() && {
                let w = marsad_text::clitic::strip(ctx.a.tok(obj));
                matches!(
                    w,
                    "طفل"
                        | "اطفال"
                        | "رهاين"
                        | "رهينه"
                        | "اسري"
                        | "اسير"
                        | "مختطف"
                        | "مختطفين"
                        | "مخطوف"
                        | "مخطوفين"
                        | "شخص"
                        | "اشخاص"
                        | "مواطن"
                        | "مواطنين"
                        | "معتقلين"
                        | "سجناء"
                        | "مساجين"
                        | "نساء"
                        | "فتاه"
                )
            };
            if freed_people {
                return None;
            }
            // control of fires or of a situation is not of ground: armed men
            // or ground named as the object
            if !(ground_word || place_near) || !(armed(actor1) || armed(actor2) || ground_word) {
                return None;
            }
            let state = actor1.is_some_and(|x| x.side == Side::State);
            (
                "battles",
                if state {
                    "government_regains_territory"
                } else {
                    "non_state_actor_overtakes_territory"
                },
                false,
            )
        }
        Frame::Clash => {
            // "مواجهات بين شبان وقوات الأمن": civilians fighting the police
            // riot; armed men fight battles
            let sides: Vec<&ActorCand> = clash_sides(ctx, &group[0], clause).collect();
            // (people, not persons named: "بين الممثلين" is no riot)
            let civilians = sides
                .iter()
                .any(|c| matches!(c.class.as_str(), "civilians" | "protesters"));
            let police = sides.iter().any(|c| c.side == Side::State);
            let armed = sides.iter().any(|c| c.side == Side::NonState)
                || [actor1, actor2].into_iter().flatten().any(|x| x.side == Side::NonState);
            if civilians && police && !armed {
                ("riots", "violent_demonstration", false)
            } else {
                ("battles", "armed_clash", false)
            }
        }
        Frame::Attack => {
            // with nobody named, only an attack that counted its victims
            // ("هجوم على مسجد أسفر عن مقتل 20 مصليا")
            // ("هجوم على مسجد أسفر عن مقتل 20 مصليا"); a bombing called an
            // attack ("هجوم بسيارة مفخخة") is coded by its weapon
            let explosive = trig
                .iter()
                .any(|t| t.tok_start >= clause.0 && t.tok_end <= clause.1 && t.frame.is_explosive());
            if actor1.is_none()
                && actor2.is_none()
                && (explosive
                    || casualties::read(ctx.a, trig, &ctx.cues, clause.0, clause.1)
                        .is_none_or(|f| f.killed.is_none() && f.killed_or_wounded.is_none()))
            {
                return None;
            }
            // "هاجم الملحن المغنية", "خطابات هاجموا فيها الحكومة": the verb
            // attacks with words unless an armed doer, a weapon or a victim
            // is named in its clause
            let verb = marsad_text::clitic::strip(ctx.a.tok(group[0].tok_start)).starts_with("هاجم");
            let armed = actor1.is_some_and(|x| {
                x.side == Side::NonState
                    || matches!(
                        x.class.as_str(),
                        "military" | "police" | "armed_group" | "militia" | "rebel" | "coalition"
                    )
            });
            let violence = trig.iter().any(|t| {
                t.tok_start >= clause.0
                    && t.tok_end <= clause.1
                    && (t.frame.is_casualty() || t.frame.is_explosive() || t.frame == Frame::Clash)
            });
            if verb && !armed && !violence {
                return None;
            }
            // "أطلق مجهولون النار على مواطن": a civilian fired on
            let t = group[0];
            let fired_on_civilian = (t.reach..(t.reach + 10).min(clause.1))
                .find(|&i| ctx.a.tok(i) == "علي")
                .is_some_and(|i| i + 1 < clause.1 && casualties::is_civilian_word(ctx.a.tok(i + 1)));
            // nobody named: fighters among the dead make it a battle
            let unnamed_on_civilians = actor1.is_none() && actor2.is_none() && !armed_victims(ctx, trig, clause);
            // gunmen who killed people and fought nobody named: "قتل 79
            // شخصا في هجوم شنه مسلحون على بلدة"
            let gunmen_killed_people = actor1.is_some_and(|x| x.side == Side::NonState)
                && actor2.is_none()
                && !armed_victims(ctx, trig, clause)
                && casualties::read(ctx.a, trig, &ctx.cues, clause.0, clause.1)
                    .is_some_and(|f| f.killed.is_some() || f.killed_or_wounded.is_some());
            // a massacre is done to civilians
            let massacre = is_massacre(ctx.a.tok(t.tok_start));
            if actor2.is_some_and(|x| x.side == Side::Civilian)
                || massacre
                || casualties::civilian_victims(ctx.a, trig, clause.0, clause.1)
                || fired_on_civilian
                || unnamed_on_civilians
            {
                ("violence_against_civilians", "attack", false)
            } else if gunmen_killed_people {
                // inferred like the clash it replaces: a typed event of the
                // sentence still wins
                ("violence_against_civilians", "attack", true)
            } else {
                ("battles", "armed_clash", true)
            }
        }
        Frame::Execution | Frame::Assassination => ("violence_against_civilians", "attack", false),
        Frame::Abduction => {
            // someone taken: counted people, a person word, "اختطافهم", or
            // armed men doing it ("خطف اللقب" is a sports idiom)
            let t = group[0];
            let victim_word = (t.tok_end..(t.tok_end + 3).min(clause.1)).any(|i| {
                let w = marsad_text::clitic::strip(ctx.a.tok(i));
                marsad_text::number::read_at(ctx.a, i, clause.1).is_some()
                    || ctx.actors.iter().any(|c| c.tok_start == i && c.side == Side::Civilian)
                    || casualties::is_person_word(w)
            });
            let suffix = ["ه", "هم", "ها", "هما"]
                .iter()
                .any(|s| ctx.a.tok(t.tok_start).ends_with(s));
            let armed = actor1.is_some_and(|x| matches!(x.side, Side::State | Side::NonState));
            if !(victim_word || suffix || armed) {
                return None;
            }
            ("violence_against_civilians", "abduction_forced_disappearance", false)
        }
        Frame::Protest => {
            let (ss, se) = ctx.sentence_range(group[0].tok_start);
            let hurt = hurt_while_protesting(ctx, ss, se);
            let killed_in_sentence = trig
                .iter()
                .any(|t| t.frame == Frame::Kill && t.tok_start >= ss && t.tok_end <= se);
            if hurt && killed_in_sentence {
                ("protests", "excessive_force_against_protesters", false)
            } else if hurt {
                ("protests", "protest_with_intervention", false)
            } else if in_clause(Frame::Kill) && ctx.actors.iter().any(|c| c.class == "protesters") {
                ("protests", "excessive_force_against_protesters", false)
            } else if in_clause(Frame::Intervention) {
                ("protests", "protest_with_intervention", false)
            } else if in_clause(Frame::Riot) {
                ("riots", "violent_demonstration", false)
            } else {
                ("protests", "peaceful_protest", false)
            }
        }
        Frame::Riot => {
            // stones, fire and blocked roads make a riot only in a crowd's
            // hands: a protest in the sentence, protesters or a civilian
            // crowd doing it, or the word riot itself; armed men burning
            // houses in a raid are part of their attack
            let t = group[0];
            let explicit = ctx.a.tok(t.tok_start).contains("شغب");
            let (ss, se) = ctx.sentence_range(t.tok_start);
            let crowd = trig
                .iter()
                .any(|x| x.frame == Frame::Protest && x.tok_start >= ss && x.tok_end <= se)
                || actor1.is_some_and(|x| x.side == Side::Civilian && x.class != "person")
                || ctx
                    .actors
                    .iter()
                    .any(|c| c.class == "protesters" && c.tok_start >= ss && c.tok_end <= se);
            if !(explicit || crowd) {
                return None;
            }
            ("riots", "violent_demonstration", false)
        }
        Frame::Arrest => {
            // someone arrested: counted people, a person word, a suffix, a
            // group; "تم إيقافها" (stopping an operation) is not an arrest
            let t = group[0];
            let w = ctx.a.tok(t.tok_start);
            let stopping = (w.contains("ايقاف") || w.contains("توقيف") || w.contains("اوقف"))
                && !(t.tok_end..(t.tok_end + 4).min(clause.1)).any(|i| {
                    marsad_text::number::read_at(ctx.a, i, clause.1).is_some()
                        || casualties::is_person_word(marsad_text::clitic::strip(ctx.a.tok(i)))
                        || ctx.actors.iter().any(|c| c.tok_start == i)
                });
            if stopping {
                return None;
            }
            // arrests of common criminals are not conflict events
            let (ss, se) = ctx.sentence_range(group[0].tok_start);
            // (or after unrest: "توقيف 632 شخصا إثر مواجهات ليلية")
            let unrest = ctx.triggers.iter().any(|u| {
                u.tok_start >= ss && u.tok_end <= se && matches!(u.frame, Frame::Clash | Frame::Riot | Frame::Protest)
            });
            let political = ctx.has_cue(Cue::Political, ss, se)
                || unrest
                || [actor1, actor2]
                    .into_iter()
                    .flatten()
                                                            .any(|x| matches!(x.side, Side::NonState) || x.class == "protesters")
                // an army's or an occupying force's raids and arrests
                || actor1.is_some_and(|a| a.class == "military");
            if !political {
                return None;
            }
            ("strategic_developments", "arrests", false)
        }
        Frame::Agreement => ("strategic_developments", "agreement", false),
        Frame::Kill => {
            // an armed doer named right after the verb (VSO) or before it,
            // and victims counted right after: "قتل مسلحون ثلاثة جنود",
            // "الجيش قضى على خمسة إرهابيين"; the passive "قتل 3 جنود" has
            // its victims, not a doer, after the verb
            let t = group[0];
            let doer = actor1.filter(|x| matches!(x.side, Side::State | Side::NonState) && x.field == ctx.field)?;
            let before = |k: usize| {
                if t.tok_start >= k {
                    ctx.a.tok(t.tok_start - k)
                } else {
                    ""
                }
            };
            let obj = if doer.tok.0 >= t.tok_end {
                // the doer right after the verb, or a named group further
                // on that it belongs to ("قتل مسلحون يشتبه في انتمائهم
                // لجماعة بوكو حرام …")
                let first = if doer.tok.0 == t.tok_end {
                    doer.tok.1
                } else {
                    ctx.actors
                        .iter()
                        .find(|c| c.tok_start == t.tok_end && matches!(c.side, Side::State | Side::NonState))?
                        .tok_end
                };
                // "قضت مفرزة للجيش، أمس، على خمسة إرهابيين": past the particle
                first.max(t.reach)
            } else {
                // the doer right before the verb, or before "إنها" / "تمكنت من"
                let adjacent = doer.tok.1 == t.tok_start
                    || (doer.tok.1 + 1 == t.tok_start
                        && matches!(before(1), "انها" | "انه" | "انهم" | "بانها" | "بانه"))
                    || (before(1) == "من"
                        && ((doer.tok.1 + 2 == t.tok_start && before(2).contains("تمكن"))
                            || (doer.tok.1 + 1 == t.tok_start
                                && doer.tok.0 > 0
                                && ctx.a.tok(doer.tok.0 - 1).contains("تمكن"))));
                if !adjacent {
                    return None;
                }
                t.reach
            };
            let count = (obj..(obj + 2).min(clause.1))
                .find_map(|i| marsad_text::number::read_at(ctx.a, i, clause.1))
                .or_else(|| {
                    // a longer doer: "قتل مسلحون يشتبه في انتمائهم لجماعة بوكو حرام 43 مزارعا"
                    (doer.tok.0 >= t.tok_end)
                        .then(|| {
                            casualties::victims_past_doer(ctx.a, &ctx.triggers, obj, clause.1, casualties::DOER_MAX)
                        })
                        .flatten()
                })?;
            // the dead are fighters: a fighters' word or a force after the count
            // ("ستة مسلحين", "3042 من تنظيم داعش", "إرهابيين اثنين"); else the
            // victims are civilians
            // (past a long doer, only what follows the count)
            let from = if count.tok_start > obj + 2 {
                count.tok_start
            } else {
                obj.min(count.tok_start)
            };
            let armed = (from..(count.tok_end + 3).min(clause.1)).any(|i| {
                casualties::is_combatant_word(ctx.a.tok(i))
                    || ctx
                        .actors
                        .iter()
                        .any(|c| c.tok_start == i && matches!(c.side, Side::State | Side::NonState))
            });
            if armed {
                ("battles", "armed_clash", false)
            } else {
                ("violence_against_civilians", "attack", false)
            }
        }
        _ => return None,
    })
}

/// Reduce an actor candidate to the argument kept on the event.
/// "مسلحون من حركة الشباب", "مقاتلين من داعش": generic fighters of a named
/// group are that group.
/// "مسلحون يشتبه في انتمائهم لجماعة بوكو حرام": so are those said to
/// belong to one.
fn named_behind(ctx: &FieldCtx, x: ActorArg) -> ActorArg {
    let a = ctx.a;
    if x.id.is_some() || x.field != ctx.field {
        return x;
    }
    let generic = matches!(
        marsad_text::clitic::strip(a.tok(x.tok.0)),
        "مسلحون"
            | "مسلحين"
            | "مقاتلون"
            | "مقاتلين"
            | "عناصر"
            | "عشرات"
            | "مئات"
            | "انتحاري"
            | "انتحاريون"
    );
    match belongs_to(ctx, x.tok.1).filter(|_| generic) {
        Some(c) => actor_arg(ctx, c),
        None => x,
    }
}

/// The named group that the people ending before token `end` are said to
/// belong to: "… من حركة الشباب", "… يشتبه في انتمائهم لجماعة بوكو حرام",
/// "… تابعون لجماعة الحوثي".
fn belongs_to<'c>(ctx: &'c FieldCtx, end: usize) -> Option<&'c ActorCand> {
    let a = ctx.a;
    if end + 1 >= a.tokens.len() {
        return None;
    }
    if a.tok(end) == "من" {
        return ctx.actors.iter().find(|c| c.tok_start == end + 1 && c.id.is_some());
    }
    // a few words of belonging between
    let link = |w: &str| {
        matches!(
            w,
            "يشتبه"
                | "يعتقد"
                | "في"
                | "انتمايهم"
                | "انتمايه"
                | "انهم"
                | "انه"
                | "ينتمون"
                | "ينتمي"
                | "الي"
                | "تابعون"
                | "تابعين"
                | "موالون"
                | "موالين"
        )
    };
    let stop = (end + 5).min(a.tokens.len());
    let k = (end..stop).find(|&k| !link(a.tok(k)))?;
    if k == end || (end..k).all(|i| a.tok(i) == "في") {
        return None;
    }
    ctx.actors
        .iter()
        .find(|c| c.tok_start == k && c.id.is_some() && matches!(c.side, Side::NonState))
}

fn actor_arg(ctx: &FieldCtx, c: &ActorCand) -> ActorArg {
    let (start, end, text) = ctx.span_text(c.tok_start, c.tok_end, c.prefix_len);
    ActorArg {
        field: ctx.field,
        tok: (c.tok_start, c.tok_end),
        start,
        end,
        text,
        id: c.id.clone(),
        class: c.class.clone(),
        side: c.side,
        air: c.air,
    }
}

/// Candidates that can act: not civilians (except as protesters).
fn can_act(c: &ActorCand, head: Frame) -> bool {
    if head == Frame::Protest {
        return c.side == Side::Civilian || matches!(c.class.as_str(), "party" | "protesters");
    }
    // a crowd riots; soldiers and police are the targets of its stones
    if head == Frame::Riot {
        return matches!(c.side, Side::Civilian | Side::NonState) || c.class == "party";
    }
    match c.side {
        Side::Civilian => head == Frame::Protest && c.class == "protesters",
        Side::Other => false,
        _ => true,
    }
}

/// The last actor that can act, in tokens `lo..before`, not after a
/// preposition: the antecedent of a pronoun.
fn last_subject<'c>(ctx: &'c FieldCtx, head: Frame, lo: usize, before: usize) -> Option<&'c ActorCand> {
    ctx.actors.iter().rfind(|c| {
        can_act(c, head)
            && c.tok_end <= before
            && c.tok_start >= lo
            && !ctx.after_preposition(c.tok_start, c.prefix_len)
            && !victim(ctx, c)
    })
}

/// An actor named among the dead or wounded ("قتل أحد منتسبي وزارة
/// الداخلية", "مقتل 3 من قوات الأمن") is a victim, not a doer.
fn victim(ctx: &FieldCtx, c: &ActorCand) -> bool {
    let counted = c.tok_start > 0 && ctx.a.tokens[c.tok_start - 1].kind == marsad_text::TokenKind::Number;
    ctx.triggers.iter().any(|t| {
        // "قتل مسلحون ثلاثة جنود": the doer of an active killing verb,
        // counted victims after it
        let n = ctx.a.tokens.len();
        let doer = slaying(ctx, t)
            && c.tok_start == t.tok_end
            && (c.tok_end < t.reach
                || (c.tok_end..(c.tok_end + 2).min(n)).any(|i| marsad_text::number::read_at(ctx.a, i, n).is_some())
                || casualties::victims_past_doer(ctx.a, &ctx.triggers, c.tok_end, n, casualties::DOER_MAX).is_some());
        !doer
            && (
                // "مقتل 3 من قوات الأمن"
                (t.frame.is_casualty() && t.tok_end <= c.tok_start && c.tok_start - t.tok_end <= 4)
            // "جنديين كوريين أصيبا", "24 شخصا قتلوا"
            || (t.tok_start >= c.tok_end
                && t.tok_start - c.tok_end <= 3
                                && (t.frame == Frame::Wound || (t.frame == Frame::Kill && counted)))
            )
    })
}

/// The initiator: a pronoun suffix points back to the last actor named; else
/// the subject after the trigger (VSO: "سيطرت قوات …", "قصف طائرات
/// التحالف", "غارات شنها طيران التحالف", "من قبل …"), else before it (SVO).
fn subject(ctx: &FieldCtx, head: &TriggerHit, clause: (usize, usize)) -> Option<ActorArg> {
    let a = ctx.a;
    let ok = |c: &&ActorCand| can_act(c, head.frame);
    if head.pronoun {
        let (ss, _) = ctx.sentence_range(head.tok_start);
        let sent = a.sentence_of(head.tok_start);
        let lo = a.sentences[sent.saturating_sub(2)].tok_start.min(ss);
        return last_subject(ctx, head.frame, lo, head.tok_start).map(|c| actor_arg(ctx, c));
    }
    // "من قبل X", "شنها X", "نفذتها X"
    for c in ctx
        .actors
        .iter()
        .filter(ok)
        .filter(|c| c.tok_start > head.tok_start && c.tok_start < clause.1)
    {
        let prev = if c.tok_start > 0 { a.tok(c.tok_start - 1) } else { "" };
        let prev2 = if c.tok_start > 1 { a.tok(c.tok_start - 2) } else { "" };
        let from_positions = matches!(prev, "مواقع" | "جانب" | "طرف") && prev2 == "من";
        if ((prev == "قبل" && prev2 == "من")
            || from_positions
            || matches!(
                prev,
                "شنها"
                    | "شنتها"
                    | "شنه"
                    | "نفذها"
                    | "نفذتها"
                    | "نفذه"
                    | "اطلقها"
                    | "اطلقتها"
                    | "القاها"
                    | "القتها"
            ))
            && c.tok_start - head.tok_end <= 20
        {
            return Some(actor_arg(ctx, c));
        }
    }
    // "أنها استعادت", "أنه أطلق أكثر من عشرة صواريخ": the pronoun subject
    // is the last actor named (the pronoun right before the trigger, or
    // before a verb of launching whose object the trigger is, no actor
    // between)
    let (ss, _) = ctx.sentence_range(head.tok_start);
    let pronoun_at = (head.tok_start.saturating_sub(8).max(ss)..head.tok_start)
        .rev()
        .find(|&k| matches!(a.tok(k), "انها" | "انه" | "انهم" | "بانها" | "بانه" | "بانهم"));

    if let Some(k) = pronoun_at
        && (k + 1 == head.tok_start
            || (a.tokens[k + 1].kind == marsad_text::TokenKind::Word
                && matches!(
                    a.tok(k + 1),
                    "اطلق"
                        | "اطلقت"
                        | "اطلقوا"
                        | "شن"
                        | "شنت"
                        | "شنوا"
                        | "نفذ"
                        | "نفذت"
                        | "نفذوا"
                        | "القي"
                        | "القت"
                )
                && (k + 1..head.tok_start).all(|i| a.tokens[i].kind != marsad_text::TokenKind::Punct)
                && !ctx
                    .actors
                    .iter()
                    .any(|c| c.tok_start > k && c.tok_start < head.tok_start)))
    {
        let sent = a.sentence_of(head.tok_start);
        let lo = a.sentences[sent.saturating_sub(1)].tok_start;
        if let Some(c) = last_subject(ctx, head.frame, lo, head.tok_start) {
            return Some(actor_arg(ctx, c));
        }
    }
    // "تمكنت القوات العراقية من السيطرة", "القوات تمكنت من السيطرة": the
    // subject of the verb of managing
    // ("تمكنت القوات من استعادة السيطرة": a verbal noun between)
    let from = if head.tok_start > 1 && a.tok(head.tok_start - 1) == "من" {
        Some(head.tok_start - 1)
    } else if head.tok_start > 2
        && a.tok(head.tok_start - 2) == "من"
        && matches!(a.tok(head.tok_start - 1), "استعاده" | "احكام" | "فرض" | "بسط" | "اعاده")
    {
        Some(head.tok_start - 2)
    } else {
        None
    };
    if let Some(from) = from {
        let (ss, _) = ctx.sentence_range(head.tok_start);
        let managed = (from.saturating_sub(7).max(ss)..from)
            .rev()
            .find(|&k| managing_verb(a.tok(k)));
        if let Some(k) = managed
            && let Some(c) = ctx
                .actors
                .iter()
                .filter(ok)
                .find(|c| (c.tok_start > k && c.tok_end <= from) || c.tok_end == k)
            && !ctx.after_preposition(c.tok_start, c.prefix_len)
        {
            return Some(actor_arg(ctx, c));
        }
    }
    // a relative clause's verb has the noun it hangs on as subject, even
    // after a preposition ("مواجهات مع الشبان الذين رشقوا الجنود")
    if head.tok_start > 0
        && matches!(
            a.tok(head.tok_start - 1),
            "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "اللواتي" | "اللاتي"
        )
        && let Some(c) = ctx.actors.iter().filter(ok).find(|c| c.tok_end + 1 == head.tok_start)
        && !victim(ctx, c)
    {
        return Some(actor_arg(ctx, c));
    }
    // an actor right before the trigger is its subject ("إن طيران التحالف
    // استهدف"), unless the trigger is a verb joined by "و" to the one
    // before: "نهبوا ممتلكات السكان وأحرقوا" shares نهبوا's subject, and
    // the noun before it is نهبوا's object
    let conjoined_verb = head.prefix_len > 0
        && a.tok(head.tok_start).starts_with(['و', 'ف'])
        && a.tok(head.tok_start)
            .get(head.prefix_len..)
            .is_some_and(|rest| !rest.starts_with("ال"));
    if !conjoined_verb
        && let Some(c) = ctx
            .actors
            .iter()
            .filter(ok)
            .find(|c| c.tok_end == head.tok_start && c.tok_start >= clause.0)
        && !ctx.after_preposition(c.tok_start, c.prefix_len)
        && !victim(ctx, c)
    {
        return Some(actor_arg(ctx, c));
    }
    // A nominal trigger of an act done to people ("بخطف مقاتلين", "بعد
    // اعتقال ناشطين", "إعدام 11 شابا") is followed by its victims, not its
    // doer.
    let patient_frame = matches!(
        head.frame,
        Frame::Abduction | Frame::Arrest | Frame::Execution | Frame::Assassination
    );
    let nominal = head.prefix_len > 0
        || a.tok(head.tok_start).starts_with("ال")
        || (head.tok_start > 0
            && matches!(
                a.tok(head.tok_start - 1),
                "بعد" | "اثر" | "عمليه" | "جراء" | "بسبب" | "حمله" | "عمليات"
            ));
    // (a noun after ب/ل/ك or with the article: "بإعدام", "الإعدام"; not
    // the verb after و: "وأعدم التنظيم …", "وخطفت جبهة النصرة …")
    let proclitic = a.tok(head.tok_start).get(..head.prefix_len).unwrap_or_default();
    let verb_after_wa = head.prefix_len > 0
        && !proclitic.ends_with(['ب', 'ل', 'ك'])
        && !a
            .tok(head.tok_start)
            .get(head.prefix_len..)
            .is_some_and(|r| r.starts_with("ال"));
    if patient_frame && nominal && !verb_after_wa {
        return ctx
            .actors
            .iter()
            .rfind(|c| {
                can_act(c, head.frame)
                    && c.tok_end <= head.tok_start
                    && c.tok_start >= clause.0
                    && head.tok_start - c.tok_end <= 10
                    && !ctx.after_preposition(c.tok_start, c.prefix_len)
            })
            .map(|c| actor_arg(ctx, c));
    }
    // after the trigger (VSO): the subject follows at once, or after a date
    // adverbial ("سيطرت صباح اليوم قوات …")
    let mut i = head.tok_end;
    let mut gap = 0;
    let limit = (head.tok_end + 9).min(clause.1);
    while i < limit {
        if let Some(d) = ctx.dates.iter().find(|d| d.tok_start == i) {
            i = d.tok_end;
            continue;
        }
        if let Some(c) = ctx.actors.iter().filter(ok).find(|c| c.tok_start == i) {
            // "غارات للتحالف", "هجوم كاسح للمقاومة": ل of the doer after a noun
            let genitive_l = c.prefix_len > 0 && c.tok_start <= head.tok_end + 1 && a.tok(i).starts_with('ل');
            // "تفجيرات الكاميرون": a country after a strike word is where, not who
            let country = c.id.as_deref().is_some_and(|x| x.starts_with("country:"));
            if country && head.frame.is_explosive() {
                break;
            }
            // "قصف أوكار الإرهابيين": after a nominal strike word, only those
            // who can strike are its doers ("قصف طائرات التحالف")
            let strikes = c.air || matches!(c.class.as_str(), "military" | "coalition");
            let nominal_strike = head.frame.is_explosive() && nominal;
            // "القضاء على 4 مسلحين": the counted dead are not the doers
            if victim(ctx, c) {
                break;
            }
            if (!ctx.after_preposition(c.tok_start, c.prefix_len) || genitive_l) && (!nominal_strike || strikes) {
                return Some(actor_arg(ctx, c));
            }
            break;
        }
        let w = a.tok(i);
        let punct = a.tokens[i].kind == marsad_text::TokenKind::Punct;
        if punct && matches!(w, "،" | "," | "(" | ")" | "\"") {
            i += 1;
            continue;
        }
        gap += 1;
        if gap > 2 || punct || matches!(w, "علي" | "مع" | "ضد" | "في" | "من" | "الي" | "عن" | "ان" | "بان")
        {
            break;
        }
        i += 1;
    }
    // before the trigger in its clause (SVO), nearest first
    ctx.actors
        .iter()
        .filter(ok)
        .filter(|c| c.tok_end <= head.tok_start && c.tok_start >= clause.0 && head.tok_start - c.tok_end <= 10)
        .filter(|c| !(conjoined_verb && c.tok_end == head.tok_start))
        .rfind(|c| !ctx.after_preposition(c.tok_start, c.prefix_len) && !victim(ctx, c))
        .map(|c| actor_arg(ctx, c))
}

/// The other side: "بين X و Y" gives Y; else the first actor after the
/// trigger that is not the initiator.
fn target(ctx: &FieldCtx, head: &TriggerHit, clause: (usize, usize), actor1: Option<&ActorArg>) -> Option<ActorArg> {
    let same = |c: &ActorCand| {
        actor1.is_some_and(|x| {
            let (s, _, t) = ctx.span_text(c.tok_start, c.tok_end, c.prefix_len);
            (x.id.is_some() && x.id == c.id) || (x.start == s && x.field == ctx.field) || x.text == t
        })
    };
    ctx.actors
        .iter()
        .filter(|c| c.tok_start >= head.tok_end && c.tok_start < clause.1 && !same(c))
        // "قصفت بالمدفعية": the means, not the target
        .filter(|c| {
            let means = ctx
                .a
                .tok(c.tok_start)
                .get(..c.prefix_len)
                .is_some_and(|p| p.ends_with('ب'));
            !(means && c.class == "military" && !c.named)
        })
        .find(|c| c.side != Side::Other)
        .map(|c| actor_arg(ctx, c))
}

/// The best place for a trigger among the candidates in tokens `r`, not
/// counting places named as the event's actors (`taken`).
fn choose_place(
    ctx: &FieldCtx,
    at: usize,
    r: (usize, usize),
    taken: &[(usize, usize)],
    fired: bool,
) -> Option<PlaceCand> {
    let a = ctx.a;
    let cands: Vec<&PlaceCand> = ctx
        .places
        .iter()
        .filter(|p| p.tok_start >= r.0 && p.tok_end <= r.1)
        .filter(|p| !taken.iter().any(|&(s, e)| p.tok_start < e && s < p.tok_end))
        // the dateline is where the reporter is: a last resort (below)
        .filter(|p| !dateline(ctx, p))
        .collect();
    let others = cands.len() > 1;
    let score = |p: &PlaceCand| -> i64 {
        let mut s = p.tok_start.abs_diff(at) as i64;
        if p.tok_start < at {
            s += 2;
        }
        s += match p.rank {
            5 => 14,
            4 => 8,
            3 => 4,
            _ => 0,
        };
        // "من داخل الأراضي اليمنية", "انطلقت من قاعدة …": where it came from
        if others
            && (ctx.cue_before(Cue::Origin, p.tok_start, 1)
                || (fired && p.tok_start > 0 && a.tok(p.tok_start - 1) == "من"))
        {
            s += 12;
        }
        // "المدينة ذاتها" stands for a place named before: a weaker reading
        if p.name_tok != (p.tok_start, p.tok_end) {
            s += 3;
        }
        // a country named other than as a place ("مصالح أمريكا")
        let locative = context::locative_before(a, p.tok_start);
        if p.rank == 5 && !locative && !a.tok(p.tok_start).starts_with('ب') && !a.tok(p.tok_start).starts_with("في")
        {
            s += 10;
        }
        // "محادثات مع روسيا": a participant, not a place
        if others && p.tok_start > 0 && a.tok(p.tok_start - 1) == "مع" {
            s += 20;
        }
        // "باتجاه تعز", "الطرق المؤدية إلى حلب": where it went
        if others && ctx.cue_before(Cue::Direction, p.tok_start, 1) {
            s += 12;
        }
        // "75 كم شمال غرب مدينة الرقة" is a reference point, not a penalty;
        // "بريف دير الزور": the container of a nearer place
        if others && ctx.cue_before(Cue::Subordinate, p.tok_start, 1) {
            s += 3;
        }
        s
    };
    cands.into_iter().min_by_key(|p| score(p)).cloned()
}

/// Counted groups of people each followed by its own place ("18 شابا من
/// ناحية حمام العليل … و14 شابا آخر من ناحية بادوش"): the places, in order,
/// when every count has one and they differ.
fn victim_groups(ctx: &FieldCtx, from: usize, to: usize) -> Vec<PlaceCand> {
    let a = ctx.a;
    let mut out: Vec<PlaceCand> = Vec::new();
    let mut i = from;
    while i < to {
        let Some(q) = marsad_text::number::read_at(a, i, to) else {
            i += 1;
            continue;
        };
        // the group's place: the first place within a few words, before the
        // next count
        let next_count = (q.tok_end..to)
            .find(|&k| a.tokens[k].kind == marsad_text::TokenKind::Number)
            .unwrap_or(to);
        let place = ctx
            .places
            .iter()
            .find(|p| p.tok_start >= q.tok_end && p.tok_start <= q.tok_end + 8 && p.tok_end <= to.min(next_count))
            .cloned();
        match place {
            Some(p) => {
                if out.iter().any(|o| o.entry == p.entry && o.name_tok == p.name_tok) {
                    return Vec::new();
                }
                i = p.tok_end;
                out.push(p);
            }
            None => i = q.tok_end.max(i + 1),
        }
    }
    if out.len() >= 2 && out.windows(2).all(|w| w[0].entry != w[1].entry) {
        out
    } else {
        Vec::new()
    }
}

/// Were the people of sentence `ss..se` hurt while protesting ("استشهد
/// شاب برصاص الاحتلال خلال مشاركته في مسيرات العودة")? A protest trigger a
/// few words after خلال / أثناء, and a casualty word in the sentence.
fn hurt_while_protesting(ctx: &FieldCtx, ss: usize, se: usize) -> bool {
    let a = ctx.a;
    let during = ctx.triggers.iter().any(|t| {
        t.frame == Frame::Protest
            && t.tok_start >= ss
            && t.tok_end <= se
            && (t.tok_start.saturating_sub(4).max(ss)..t.tok_start)
                .any(|k| matches!(a.tok(k), "خلال" | "اثناء" | "وخلال" | "واثناء"))
    });
    during
        && ctx
            .triggers
            .iter()
            .any(|t| t.frame.is_casualty() && t.tok_start >= ss && t.tok_end <= se)
}

/// Is `p` the body's dateline: the first word of the text, followed by a
/// dash, colon or bracket ("القاهرة - …", "بيروت (رويترز) - …")?
fn dateline(ctx: &FieldCtx, p: &PlaceCand) -> bool {
    ctx.field == Field::Body && context::dateline_at(ctx.a, p.tok_start, p.tok_end)
}

/// The last place named before sentence-start `ss` in the same segment
/// (a story names its place once and goes on about it).
fn carried_place(ctx: &FieldCtx, ss: usize, segment: usize) -> Option<PlaceCand> {
    ctx.places
        .iter()
        .filter(|p| p.tok_end <= ss && ctx.segment[ctx.a.sentence_of(p.tok_start)] == segment)
        .rfind(|p| !(p.tok_start > 0 && matches!(ctx.a.tok(p.tok_start - 1), "من" | "مع")))
        .cloned()
}

/// Most places a protest is split over, one event each; a longer list is a
/// summary.
const MAX_PER_PLACE: usize = 8;

/// `p` and the places coordinated with it ("في دير الزور والحسكة والرقة").
fn coordinated_places(ctx: &FieldCtx, p: &PlaceCand, clause: (usize, usize)) -> Vec<PlaceCand> {
    let mut list = vec![p.clone()];
    let mut end = p.tok_end;
    let after: Vec<&PlaceCand> = ctx
        .places
        .iter()
        .filter(|q| q.tok_start >= p.tok_end && q.tok_end <= clause.1)
        .collect();
    for q in after {
        let gap = q.tok_start - end;
        // "والحسكة" (و a proclitic, not the first letter of "وسط")
        let joined = gap == 0 && q.prefix_len > 0 && ctx.a.tok(q.tok_start).starts_with('و')
            || gap == 1 && matches!(ctx.a.tok(end), "و" | "،" | ",");
        if !joined {
            break;
        }
        if list.iter().any(|x| x.entry.is_some() && x.entry == q.entry) {
            continue;
        }
        list.push(q.clone());
        end = q.tok_end;
    }
    list
}

fn place_arg(ctx: &FieldCtx, p: &PlaceCand) -> PlaceArg {
    let (_, _, text) = ctx.span_text(p.name_tok.0, p.name_tok.1, p.prefix_len);
    PlaceArg {
        field: ctx.field,
        mention: p.mention,
        entry: p.entry,
        fallback: p.fallback,
        rank: p.rank,
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        text,
        anaphor: p.name_tok != (p.tok_start, p.tok_end),
        unresolved: p.unresolved,
    }
}

/// Status of a mention: denied when the sentence carries a denial, reported
/// when hearsay or a press report, planned when a plan or threat governs the
/// trigger, else asserted.
fn status(ctx: &FieldCtx, head: &TriggerHit, sentence: (usize, usize)) -> &'static str {
    // the denier's own counter-claim ("نفى الجيش ذلك وقال إن طائراته قصفت
    // …") is asserted: a denial followed by a report verb before the head
    let denied = ctx
        .cues
        .iter()
        .filter(|c| c.cue == Cue::Denial && c.tok_start >= sentence.0 && c.tok_end <= sentence.1)
        .any(|d| {
            d.tok_start > head.tok_start
                || !ctx
                    .cues
                    .iter()
                    .any(|r| r.cue == Cue::Report && r.tok_start >= d.tok_end && r.tok_end <= head.tok_start)
        });
    if denied {
        "denied"
    } else if ctx.has_cue(Cue::Hearsay, sentence.0, sentence.1) || ctx.has_cue(Cue::Press, sentence.0, sentence.1) {
        "reported"
    } else if head.future || ctx.cue_before(Cue::Plan, head.tok_start, 4) || purpose(ctx, head) {
        "planned"
    } else {
        "asserted"
    }
}

/// "لتحرير منطقة …", "للسيطرة على …": a verbal noun after ل of purpose is
/// an aim, not a deed.
fn purpose(ctx: &FieldCtx, head: &TriggerHit) -> bool {
    let w = ctx.a.tok(head.tok_start);
    // only captures and arrests: "تعرض لهجوم", "تصدوا لهجوم" are deeds
    head.prefix_len > 0 && w.starts_with('ل') && matches!(head.frame, Frame::Territory | Frame::Arrest)
}

/// Who says so in tokens `s..e`: the speaker after a report verb ("قال قائد
/// عسكري …") or after بحسب / نقلا عن, the outlet named in the sentence, and
/// the verb.
fn attribution(ctx: &FieldCtx, s: usize, e: usize) -> Option<Attribution> {
    let a = ctx.a;
    let outlet = media_in(ctx, s, e);
    let cue = ctx
        .cues
        .iter()
        .find(|c| matches!(c.cue, Cue::Report | Cue::According) && c.tok_start >= s && c.tok_end <= e)?;
    let verb = a.surface(cue.tok_start, cue.tok_end).to_string();
    let mut j = cue.tok_end;
    let mut start = j;
    if ctx.cues.iter().any(|c| c.cue == Cue::Report && c.tok_start == j) {
        start = j + 1;
        j = start;
    }
    while j < e && j - start < 8 {
        let w = a.tok(j);
        let t = a.tokens[j];
        // "بحسب ما أفاد مسؤول", "قال الأربعاء مسؤول": words before the speaker
        // ("وفق ما أعلنته النيابة": a report verb with its object pronoun)
        let report_next = j + 1 < e
            && (ctx.cues.iter().any(|c| c.cue == Cue::Report && c.tok_start == j + 1)
                || [
                    "اعلنته",
                    "اعلنتها",
                    "اعلنه",
                    "ذكرته",
                    "اوردته",
                    "اوردتها",
                    "نشرته",
                    "نشرتها",
                    "اكدته",
                ]
                .contains(&a.tok(j + 1)));
        if j == start && w == "ما" && report_next {
            j += 2;
            start = j;
            continue;
        }
        if let Some(d) = ctx.dates.iter().find(|d| d.tok_start == j && j == start) {
            j = d.tok_end.max(j + 1);
            start = j;
            continue;
        }

        if t.kind == marsad_text::TokenKind::Punct && !matches!(w, "(" | ")" | "\"") && j > start {
            break;
        }
        if matches!(
            w,
            "ان" | "انه" | "انها" | "انهم" | "بان" | "بانه" | "بانها" | "بانهم" | "الي" | "امس" | "اليوم" | "في" | ":" | "ل" | "نقلا"
        ) || (w.starts_with('ل') && j > start && is_media_at(ctx, j))
            || ctx.triggers.iter().any(|t| t.tok_start == j)
            // "قال الجيش يوم الخميس": the date is not part of the speaker
            || (j > start && ctx.dates.iter().any(|d| d.tok_start == j))
        {
            break;
        }
        // "حسبما ذكرت صحيفة …": the report verb after بحسب belongs to the source
        if j == start && ctx.cues.iter().any(|c| c.cue == Cue::Report && c.tok_start == j) {
            j += 1;
            start = j;
            continue;
        }
        j += 1;
    }
    let speaker = (j > start)
        .then(|| {
            a.surface(start, j)
                .trim_matches(|c: char| matches!(c, '(' | ')' | '"' | '،' | ',' | '-' | 'ـ') || c.is_whitespace())
                .to_string()
        })
        .filter(|x| !x.is_empty());
    if speaker.is_none() && outlet.is_none() {
        return None;
    }
    Some(Attribution {
        speaker,
        source: outlet,
        verb: Some(verb),
    })
}

/// Is a media outlet mentioned at token `j`?
fn is_media_at(ctx: &FieldCtx, j: usize) -> bool {
    ctx.media.iter().any(|&(s, _, _)| s == j)
}

/// The first media outlet named in tokens `s..e` (its canonical name).
fn media_in(ctx: &FieldCtx, s: usize, e: usize) -> Option<String> {
    ctx.media
        .iter()
        .find(|&&(ms, me, _)| ms >= s && me <= e)
        .map(|x| x.2.clone())
}
