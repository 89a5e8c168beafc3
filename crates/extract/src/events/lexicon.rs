//! The event lexicons: trigger words and phrases by frame, discourse cues,
//! and generic agents. All three are data files under `data/lexicon/`.

use marsad_lexicon::matcher::longest_non_overlapping;
use marsad_lexicon::{MatchText, TokenMatcher, tsv};
use marsad_text::{Analyzed, TokenKind, fold_str};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a trigger word says about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    Territory,
    Clash,
    Attack,
    Air,
    Shell,
    Bombard,
    Explosion,
    Ied,
    Suicide,
    Grenade,
    Chemical,
    Execution,
    Assassination,
    Abduction,
    Protest,
    Riot,
    Intervention,
    Arrest,
    Agreement,
    Cancel,
    Kill,
    Wound,
}

impl Frame {
    fn parse(s: &str) -> Option<Frame> {
        use Frame::*;
        Some(match s {
            "TERRITORY" => Territory,
            "CLASH" => Clash,
            "ATTACK" => Attack,
            "AIR" => Air,
            "SHELL" => Shell,
            "BOMBARD" => Bombard,
            "EXPLOSION" => Explosion,
            "IED" => Ied,
            "SUICIDE" => Suicide,
            "GRENADE" => Grenade,
            "CHEMICAL" => Chemical,
            "EXECUTION" => Execution,
            "ASSASSINATION" => Assassination,
            "ABDUCTION" => Abduction,
            "PROTEST" => Protest,
            "RIOT" => Riot,
            "INTERVENTION" => Intervention,
            "ARREST" => Arrest,
            "AGREEMENT" => Agreement,
            "CANCEL" => Cancel,
            "KILL" => Kill,
            "WOUND" => Wound,
            _ => return None,
        })
    }

    /// Frames that name the means of remote violence.
    pub fn is_explosive(self) -> bool {
        use Frame::*;
        matches!(
            self,
            Air | Shell | Bombard | Explosion | Ied | Suicide | Grenade | Chemical
        )
    }

    /// Frames that report casualties rather than an event of their own.
    pub fn is_casualty(self) -> bool {
        matches!(self, Frame::Kill | Frame::Wound)
    }
}

/// A trigger found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerHit {
    pub tok_start: usize,
    pub tok_end: usize,
    pub frame: Frame,
    /// The trigger word carries a pronoun suffix (سيطرتها): its agent was
    /// named before.
    pub pronoun: bool,
    /// The trigger verb carries the future prefix س (سيشن).
    pub future: bool,
    /// Bytes of proclitics before the trigger in its first token.
    pub prefix_len: usize,
    /// The token after the whole expression: `tok_end`, except for a verb
    /// whose particle comes after its subject ("قضت قوات الجيش على"), where
    /// the trigger is the verb and `reach` is past the particle.
    pub reach: usize,
}

impl TriggerHit {
    /// Is this a verb whose particle was found after its subject?
    pub fn gapped(&self) -> bool {
        self.reach > self.tok_end
    }
}

/// Most words (commas aside) allowed between a gapped verb and its particle.
const MAX_GAP: usize = 7;

/// Pronoun suffixes stripped when looking a word up. Bare ه is not among
/// them: after folding it is also the feminine ending (ة).
const ENCLITICS: &[&str] = &["هما", "هم", "هن", "ها", "كم", "نا"];

/// Trigger words and phrases.
pub struct TriggerLexicon {
    words: HashMap<String, Frame>,
    /// Normalised forms spelled with ة in the lexicon: a text word that
    /// ends in ه instead is a noun with a pronoun suffix (مظاهره "its
    /// manifestations", not مظاهرة "a demonstration").
    taa: std::collections::HashSet<String>,
    /// Forms written with a trailing `=` in the lexicon: matched bare only,
    /// never with a pronoun suffix stripped (أسرت "captured" but أسرته "his
    /// family").
    bare: std::collections::HashSet<String>,
    phrases: TokenMatcher,
    phrase_frames: Vec<Frame>,
    /// Verb-particle pairs written "قضت … على": (verb, particle, frame),
    /// normalised; the subject may stand between them.
    gapped: Vec<(String, String, Frame)>,
}

impl TriggerLexicon {
    /// The trigger lexicon shipped with marsad.
    pub fn embedded() -> &'static TriggerLexicon {
        static L: OnceLock<TriggerLexicon> = OnceLock::new();
        L.get_or_init(|| {
            TriggerLexicon::from_tsv(
                "data/lexicon/triggers.tsv",
                include_str!("../../../../data/lexicon/triggers.tsv"),
            )
            .expect("the embedded trigger lexicon is valid (checked by tests)")
        })
    }

    /// Parse a trigger file.
    pub fn from_tsv(file: &str, text: &str) -> Result<TriggerLexicon, tsv::TsvError> {
        let mut words = HashMap::new();
        let mut taa = std::collections::HashSet::new();
        let mut bare = std::collections::HashSet::new();
        let mut phrases = Vec::new();
        let mut phrase_frames = Vec::new();
        let mut gapped = Vec::new();
        for r in tsv::rows(file, text, "forms", 2)? {
            let frame = Frame::parse(r.get(1)).ok_or_else(|| tsv::TsvError {
                file: file.into(),
                line: r.line,
                msg: format!("unknown frame {:?}", r.get(1)),
            })?;
            for form in r.get(0).split('|').map(str::trim).filter(|f| !f.is_empty()) {
                let (form, bare_only) = match form.strip_suffix('=') {
                    Some(f) => (f, true),
                    None => (form, false),
                };
                if let Some((verb, particle)) = form.split_once('…') {
                    let (verb, particle) = (fold_str(verb.trim()), fold_str(particle.trim()));
                    if verb.contains(' ') || particle.contains(' ') || verb.is_empty() || particle.is_empty() {
                        return Err(tsv::TsvError {
                            file: file.into(),
                            line: r.line,
                            msg: format!("a gapped form is one word, …, one word: {form:?}"),
                        });
                    }
                    gapped.push((verb, particle, frame));
                    continue;
                }
                let key = fold_str(form);
                if bare_only {
                    bare.insert(key.clone());
                }
                if key.contains(' ') {
                    phrases.push((key, phrase_frames.len() as u32));
                    phrase_frames.push(frame);
                } else {
                    if form.ends_with('ة') {
                        taa.insert(key.clone());
                    }
                    words.entry(key).or_insert(frame);
                }
            }
        }
        Ok(TriggerLexicon {
            words,
            taa,
            bare,
            phrases: TokenMatcher::build(phrases),
            phrase_frames,
            gapped,
        })
    }

    /// Look a single normalised word up: as is, without proclitics, without
    /// a pronoun suffix. Returns the frame, whether a pronoun suffix was
    /// stripped, whether a future س was stripped, and the proclitic bytes.
    fn word(&self, w: &str) -> Option<(Frame, bool, bool, usize)> {
        for sp in marsad_text::clitic::splits(w) {
            let cands = [sp.stem.to_string(), sp.with_article()];
            for c in &cands {
                if let Some(&f) = self.words.get(c.as_str()) {
                    return Some((f, false, false, sp.prefix.len()));
                }
                for e in ENCLITICS {
                    if let Some(rest) = c.strip_suffix(e)
                        && rest.chars().count() >= 3
                    {
                        // A feminine verbal noun before a suffix is spelled
                        // with ت (سيطرتها, استعادتها): the suffix is its
                        // agent ("her taking control"). On a verb or another
                        // noun (طردهم, اختطافهم) it is the object.
                        if let Some(r) = rest.strip_suffix('ت')
                            && let Some(&f) = self.words.get(format!("{r}ه").as_str())
                        {
                            return Some((f, true, false, sp.prefix.len()));
                        }
                        if let Some(&f) = self.words.get(rest)
                            && !self.bare.contains(rest)
                        {
                            return Some((f, false, false, sp.prefix.len()));
                        }
                    }
                }
            }
            // future: سيقصف, ستشن
            if let Some(rest) = sp.stem.strip_prefix('س')
                && rest.chars().count() >= 3
                && (rest.starts_with('ي') || rest.starts_with('ت'))
                && let Some(&f) = self.words.get(rest)
            {
                return Some((f, false, true, sp.prefix.len()));
            }
        }
        None
    }

    /// Every trigger in `a`: phrases first, then single words not inside a
    /// phrase.
    pub fn find(&self, a: &Analyzed, mt: &MatchText) -> Vec<TriggerHit> {
        let mut out: Vec<TriggerHit> = longest_non_overlapping(self.phrases.find_all(mt), |_| 0)
            .into_iter()
            .map(|h| TriggerHit {
                tok_start: h.tok_start,
                tok_end: h.tok_end,
                frame: self.phrase_frames[h.value as usize],
                pronoun: false,
                future: false,
                prefix_len: h.prefix_len,
                reach: h.tok_end,
            })
            .collect();
        self.find_gapped(a, &mut out);
        for i in 0..a.tokens.len() {
            if a.tokens[i].kind != TokenKind::Word || out.iter().any(|h| h.tok_start <= i && i < h.tok_end) {
                continue;
            }
            if let Some((frame, pronoun, future, prefix_len)) = self.word(a.tok(i)) {
                let raw = a.surface(i, i + 1);
                let w = a.tok(i);
                if raw.ends_with('ه') && w.ends_with('ه') && self.taa.iter().any(|t| w.ends_with(t.as_str())) {
                    continue;
                }
                out.push(TriggerHit {
                    tok_start: i,
                    tok_end: i + 1,
                    frame,
                    pronoun,
                    future,
                    prefix_len,
                    reach: i + 1,
                });
            }
        }
        out.sort_by_key(|h| h.tok_start);
        out
    }

    /// Verb-particle triggers with the subject between them ("قضت مفرزة
    /// للجيش، أمس، على إرهابيين", "أطلق مسلحون النار"): the verb (with و or
    /// ف before it) and then, within [`MAX_GAP`] tokens of the same sentence
    /// and before any other trigger, the particle as a whole token.
    fn find_gapped(&self, a: &Analyzed, out: &mut Vec<TriggerHit>) {
        if self.gapped.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for s in &a.sentences {
            for i in s.tok_start..s.tok_end {
                if a.tokens[i].kind != TokenKind::Word || out.iter().any(|h| h.tok_start <= i && i < h.reach) {
                    continue;
                }
                let w = a.tok(i);
                let (prefix_len, verb) = ["و", "ف", ""]
                    .iter()
                    .find_map(|p| {
                        w.strip_prefix(p)
                            .filter(|v| self.gapped.iter().any(|(g, _, _)| g == v))
                            .map(|v| (p.len(), v))
                    })
                    .unwrap_or((0, ""));
                if verb.is_empty() {
                    continue;
                }
                let mut words = 0;
                'particle: for j in i + 1..s.tok_end {
                    let t = a.tok(j);
                    let comma = t == "،" || t == ",";
                    if (a.tokens[j].kind == TokenKind::Punct && !comma) || words > MAX_GAP {
                        break;
                    }
                    words += usize::from(!comma);
                    if out.iter().any(|h| h.tok_start == j) || self.word(t).is_some() {
                        break;
                    }
                    for (g, particle, frame) in &self.gapped {
                        if g == verb && t == particle {
                            found.push(TriggerHit {
                                tok_start: i,
                                tok_end: i + 1,
                                frame: *frame,
                                pronoun: false,
                                future: false,
                                prefix_len,
                                reach: j + 1,
                            });
                            break 'particle;
                        }
                    }
                }
            }
        }
        out.extend(found);
    }
}

/// Kinds of discourse cue (see `data/lexicon/event_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    TopicShift,
    Hearsay,
    Press,
    Denial,
    Plan,
    Aggregate,
    Toll,
    Instrument,
    Origin,
    Direction,
    Report,
    According,
    Conflict,
    NonHuman,
    Subordinate,
    NominalHead,
    Opinion,
    Anaphor,
    Political,
    Habitual,
    Charge,
    Boilerplate,
    Call,
    Attempt,
    /// An attack prevented ("إحباط هجوم", "أحبطت الشرطة هجوما"): it did
    /// not happen.
    Foiled,
    /// A court's sentence before an execution word ("قضت بإعدام", "الحكم
    /// بالإعدام"): a ruling, not a killing.
    Sentencing,
    /// A claim of responsibility ("تبنى التنظيم الهجوم", "أعلن مسؤوليته
    /// عن التفجير") or blame ("حمل … مسؤولية الهجوم"): refers to an event
    /// told before; a claim names its doer.
    Claim,
    /// Blame ("حمّل الرئيس الحركة مسؤولية الهجوم"): refers back, names no
    /// doer for certain.
    Blame,
    Conditional,
    Sports,
    Flight,
    Slay,
    Arms,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        use Cue::*;
        Some(match s {
            "topic_shift" => TopicShift,
            "hearsay" => Hearsay,
            "press" => Press,
            "denial" => Denial,
            "plan" => Plan,
            "aggregate" => Aggregate,
            "toll" => Toll,
            "instrument" => Instrument,
            "origin" => Origin,
            "direction" => Direction,
            "report" => Report,
            "according" => According,
            "conflict" => Conflict,
            "nonhuman" => NonHuman,
            "subordinate" => Subordinate,
            "nominal_head" => NominalHead,
            "opinion" => Opinion,
            "anaphor" => Anaphor,
            "political" => Political,
            "habitual" => Habitual,
            "charge" => Charge,
            "boilerplate" => Boilerplate,
            "call" => Call,
            "attempt" => Attempt,
            "foiled" => Foiled,
            "sentencing" => Sentencing,
            "claim" => Claim,
            "blame" => Blame,
            "conditional" => Conditional,
            "sports" => Sports,
            "flight" => Flight,
            "slay" => Slay,
            "arms" => Arms,
            _ => return None,
        })
    }
}

/// A cue found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub tok_start: usize,
    pub tok_end: usize,
    pub cue: Cue,
}

/// Discourse and argument cues.
pub struct CueLexicon {
    matcher: TokenMatcher,
    kinds: Vec<Cue>,
}

impl CueLexicon {
    /// The cues shipped with marsad.
    pub fn embedded() -> &'static CueLexicon {
        static L: OnceLock<CueLexicon> = OnceLock::new();
        L.get_or_init(|| {
            CueLexicon::from_tsv(
                "data/lexicon/event_cues.tsv",
                include_str!("../../../../data/lexicon/event_cues.tsv"),
            )
            .expect("the embedded event cues are valid (checked by tests)")
        })
    }

    /// Parse a cue file.
    pub fn from_tsv(file: &str, text: &str) -> Result<CueLexicon, tsv::TsvError> {
        let mut names = Vec::new();
        let mut kinds = Vec::new();
        for r in tsv::rows(file, text, "phrase", 2)? {
            let cue = Cue::parse(r.get(1)).ok_or_else(|| tsv::TsvError {
                file: file.into(),
                line: r.line,
                msg: format!("unknown cue kind {:?}", r.get(1)),
            })?;
            names.push((r.get(0).to_string(), kinds.len() as u32));
            kinds.push(cue);
        }
        Ok(CueLexicon {
            matcher: TokenMatcher::build(names),
            kinds,
        })
    }

    /// Every cue occurrence (overlapping allowed: a phrase can be several
    /// kinds).
    pub fn find(&self, mt: &MatchText) -> Vec<CueHit> {
        let mut out: Vec<CueHit> = self
            .matcher
            .find_all(mt)
            .into_iter()
            .map(|h| CueHit {
                tok_start: h.tok_start,
                tok_end: h.tok_end,
                cue: self.kinds[h.value as usize],
            })
            .collect();
        out.dedup();
        out
    }
}

/// Which side of a conflict an actor class is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    State,
    NonState,
    Civilian,
    Other,
}

impl Side {
    /// The side of an actor class from `actors.tsv` / `agents.tsv`.
    /// Pro-government militias count as the state's side (ACLED codes their
    /// gains as government regaining territory).
    pub fn of_class(class: &str) -> Side {
        match class {
            "military" | "police" | "government" | "coalition" | "militia" | "agency" => Side::State,
            "armed_group" | "rebel" | "party" | "tribe" => Side::NonState,
            "civilians" | "protesters" | "person" => Side::Civilian,
            _ => Side::Other,
        }
    }
}

/// A generic agent found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentHit {
    pub tok_start: usize,
    pub tok_end: usize,
    pub prefix_len: usize,
    pub entry: usize,
}

/// Generic agents (قوات الأمن, مسلحون مجهولون, المدنيين …).
pub struct AgentLexicon {
    matcher: TokenMatcher,
    /// (class, side) per entry.
    pub entries: Vec<(String, Side)>,
}

impl AgentLexicon {
    /// The agents shipped with marsad.
    pub fn embedded() -> &'static AgentLexicon {
        static L: OnceLock<AgentLexicon> = OnceLock::new();
        L.get_or_init(|| {
            AgentLexicon::from_tsv(
                "data/lexicon/agents.tsv",
                include_str!("../../../../data/lexicon/agents.tsv"),
            )
            .expect("the embedded agents are valid (checked by tests)")
        })
    }

    /// Parse an agent file.
    pub fn from_tsv(file: &str, text: &str) -> Result<AgentLexicon, tsv::TsvError> {
        let mut names = Vec::new();
        let mut entries = Vec::new();
        for r in tsv::rows(file, text, "forms", 3)? {
            let side = match r.get(2) {
                "state" => Side::State,
                "nonstate" => Side::NonState,
                "civilian" => Side::Civilian,
                "other" => Side::Other,
                s => {
                    return Err(tsv::TsvError {
                        file: file.into(),
                        line: r.line,
                        msg: format!("side must be state, nonstate, civilian or other, not {s:?}"),
                    });
                }
            };
            let idx = entries.len() as u32;
            entries.push((r.get(1).to_string(), side));
            for f in r.get(0).split('|').map(str::trim).filter(|f| !f.is_empty()) {
                names.push((f.to_string(), idx));
            }
        }
        Ok(AgentLexicon {
            matcher: TokenMatcher::build(names),
            entries,
        })
    }

    /// Leftmost-longest agent mentions.
    pub fn find(&self, mt: &MatchText) -> Vec<AgentHit> {
        longest_non_overlapping(self.matcher.find_all(mt), |_| 0)
            .into_iter()
            .map(|h| AgentHit {
                tok_start: h.tok_start,
                tok_end: h.tok_end,
                prefix_len: h.prefix_len,
                entry: h.value as usize,
            })
            .collect()
    }
}

/// Words for people, by what they tell about a casualty count: one person,
/// two, several, civilians, fighters (`data/lexicon/casualty_words.tsv`).
/// Words are looked up folded and without the article.
#[derive(Debug, Default)]
pub struct PeopleWords {
    classes: HashMap<String, u8>,
}

impl PeopleWords {
    const PERSON: u8 = 1;
    const DUAL: u8 = 2;
    const PLURAL: u8 = 4;
    const CIVILIAN: u8 = 8;
    const COMBATANT: u8 = 16;

    /// The words shipped with marsad.
    pub fn embedded() -> &'static PeopleWords {
        static L: OnceLock<PeopleWords> = OnceLock::new();
        L.get_or_init(|| {
            PeopleWords::from_tsv(
                "data/lexicon/casualty_words.tsv",
                include_str!("../../../../data/lexicon/casualty_words.tsv"),
            )
            .expect("the embedded casualty words are valid (checked by tests)")
        })
    }

    /// Parse a `word<TAB>classes` file (classes comma-separated: person,
    /// dual, plural, civilian, combatant).
    pub fn from_tsv(file: &str, text: &str) -> Result<PeopleWords, tsv::TsvError> {
        let mut classes = HashMap::new();
        for r in tsv::rows(file, text, "word", 2)? {
            let mut bits = 0;
            for c in r.get(1).split(',').map(str::trim) {
                bits |= match c {
                    "person" => Self::PERSON,
                    "dual" => Self::DUAL,
                    "plural" => Self::PLURAL,
                    "civilian" => Self::CIVILIAN,
                    "combatant" => Self::COMBATANT,
                    _ => {
                        return Err(tsv::TsvError {
                            file: file.into(),
                            line: r.line,
                            msg: format!("class must be person, dual, plural, civilian or combatant, not {c:?}"),
                        });
                    }
                };
            }
            *classes.entry(fold_str(r.get(0).trim())).or_insert(0) |= bits;
        }
        Ok(PeopleWords { classes })
    }

    fn is(&self, w: &str, bit: u8) -> bool {
        self.classes.get(w).is_some_and(|&b| b & bit != 0)
    }
    /// One person ("جندي", "زوجته").
    pub fn person(&self, w: &str) -> bool {
        self.is(w, Self::PERSON)
    }
    /// Two people ("جنديين").
    pub fn dual(&self, w: &str) -> bool {
        self.is(w, Self::DUAL)
    }
    /// Several people, in a form that looks like a dual ("مسلحين").
    pub fn plural(&self, w: &str) -> bool {
        self.is(w, Self::PLURAL)
    }
    /// Civilians ("مدنيين").
    pub fn civilian(&self, w: &str) -> bool {
        self.is(w, Self::CIVILIAN)
    }
    /// Fighters ("جنود").
    pub fn combatant(&self, w: &str) -> bool {
        self.is(w, Self::COMBATANT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(text: &str) -> Vec<(String, Frame, bool)> {
        let a = Analyzed::new(text);
        let mt = MatchText::new(&a);
        TriggerLexicon::embedded()
            .find(&a, &mt)
            .into_iter()
            .map(|h| (a.surface(h.tok_start, h.tok_end).to_string(), h.frame, h.pronoun))
            .collect()
    }

    #[test]
    fn triggers_through_clitics_and_suffixes() {
        let f = frames("بعد سيطرتها أمس على الحي وبانفجار عبوة ناسفة وقتل");
        assert_eq!(
            f,
            vec![
                ("سيطرتها".into(), Frame::Territory, true),
                ("وبانفجار".into(), Frame::Explosion, false),
                ("عبوة ناسفة".into(), Frame::Ied, false),
                ("وقتل".into(), Frame::Kill, false),
            ]
        );
    }

    #[test]
    fn bare_forms_take_no_pronoun_suffix() {
        // أسرت "captured" is a trigger; أسرتها "her family" is not
        assert_eq!(frames("أسرت الجماعة جنديين")[0].1, Frame::Abduction);
        assert!(frames("وقالت أسرتها إنها بخير").is_empty());
    }

    #[test]
    fn dawn_is_not_an_explosion() {
        assert!(frames("فجر أمس الجمعة").is_empty());
    }

    #[test]
    fn cues_and_agents_load() {
        let a = Analyzed::new("من جهة أخرى قال مسلحون مجهولون");
        let mt = MatchText::new(&a);
        let c = CueLexicon::embedded().find(&mt);
        assert!(c.iter().any(|h| h.cue == Cue::TopicShift && h.tok_start == 0));
        assert!(c.iter().any(|h| h.cue == Cue::Report));
        let ag = AgentLexicon::embedded();
        let hits = ag.find(&mt);
        assert_eq!(hits.len(), 1);
        assert_eq!(a.surface(hits[0].tok_start, hits[0].tok_end), "مسلحون مجهولون");
        assert_eq!(ag.entries[hits[0].entry].1, Side::NonState);
    }

    #[test]
    fn people_words_load_folded_with_their_classes() {
        let p = PeopleWords::embedded();
        assert!(p.person("جندي") && p.combatant("جندي") && !p.civilian("جندي"));
        assert!(p.dual("جنديين") && !p.plural("جنديين"));
        assert!(p.plural("مسلحين") && !p.dual("مسلحين"));
        assert!(p.civilian("اطفال") && !p.person("اطفال"));
        // written with hamza and ة, looked up folded
        let q = PeopleWords::from_tsv("t.tsv", "word\tclasses\nامرأة\tperson,civilian\n").unwrap();
        assert!(q.person("امراه") && q.civilian("امراه"));
        assert!(PeopleWords::from_tsv("t.tsv", "جندي\tsoldier\n").is_err());
    }
}
