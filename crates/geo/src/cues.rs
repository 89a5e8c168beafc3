//! Place cues: words that announce a place ("مدينة", "حي", "مطار"),
//! situate one ("شمال", "ريف", "قرب") or measure a distance to one ("كم").
//!
//! `data/gazetteer/cues.tsv`: `cue<TAB>role<TAB>kinds<TAB>bearing<TAB>generic`; cues are
//! normalised on load and matched on whole tokens, with the proclitics
//! و ف ب ل ك (not the article) allowed before them.

use crate::kind::Kind;
use marsad_lexicon::tsv::{TsvError, rows};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a cue does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueRole {
    /// Names the kind of place that follows in construct ("مدينة الرقة").
    Type,
    /// A compass direction before a place ("شمال سوريا").
    Dir,
    /// The countryside of a place, part of the mention ("ريف حلب").
    Area,
    /// The edge or surroundings of a place, not part of it ("أطراف الموصل").
    Near,
    /// A preposition of place ("في", "قرب").
    Prep,
    /// A distance unit ("75 كم شمال غرب …").
    Unit,
    /// A verb of saying: the name right after it is its speaker.
    Speech,
}

/// One cue.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// Normalised spelling.
    pub word: String,
    pub role: CueRole,
    /// For [`CueRole::Type`]: the kinds of entries it announces.
    pub kinds: Vec<Kind>,
    /// For [`CueRole::Dir`]: degrees from north, if a compass point.
    pub bearing: Option<f64>,
    /// A type cue that also precedes common nouns ("مناطق واسعة"): weaker
    /// evidence, and not counted as a cue in name statistics.
    pub generic: bool,
}

/// The cue lexicon.
pub struct Cues {
    cues: Vec<Cue>,
    by_word: HashMap<String, usize>,
}

/// Proclitics allowed before a cue (no article: "الحي الثاني" is not a cue).
const PROCLITICS: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"];

impl Cues {
    /// The cues shipped with marsad.
    pub fn embedded() -> &'static Cues {
        static C: OnceLock<Cues> = OnceLock::new();
        C.get_or_init(|| {
            Cues::from_tsv(
                "data/gazetteer/cues.tsv",
                include_str!("../../../data/gazetteer/cues.tsv"),
            )
            .expect("the embedded cue file is valid (checked by tests)")
        })
    }

    /// Parse a cue file.
    pub fn from_tsv(file: &str, text: &str) -> Result<Cues, TsvError> {
        let mut cues = Vec::new();
        let mut by_word = HashMap::new();
        for r in rows(file, text, "cue", 2)? {
            let bad = |msg: String| TsvError {
                file: file.into(),
                line: r.line,
                msg,
            };
            let role = match r.get(1) {
                "type" => CueRole::Type,
                "dir" => CueRole::Dir,
                "area" => CueRole::Area,
                "near" => CueRole::Near,
                "prep" => CueRole::Prep,
                "unit" => CueRole::Unit,
                "speech" => CueRole::Speech,
                x => return Err(bad(format!("unknown role {x:?}"))),
            };
            let mut kinds = Vec::new();
            for k in r.get(2).split(',').map(str::trim).filter(|k| !k.is_empty()) {
                kinds.push(Kind::parse(k).ok_or_else(|| bad(format!("unknown kind {k:?}")))?);
            }
            if role == CueRole::Type && kinds.is_empty() {
                return Err(bad("a type cue needs kinds".into()));
            }
            let bearing = match r.opt(3) {
                Some(b) => Some(b.parse().map_err(|_| bad(format!("bad bearing {b:?}")))?),
                None => None,
            };
            let generic = match r.opt(4) {
                None => false,
                Some("generic") => true,
                Some(x) => return Err(bad(format!("column 5 must be empty or generic, not {x:?}"))),
            };
            let word = marsad_text::fold_str(r.get(0));
            by_word.insert(word.clone(), cues.len());
            cues.push(Cue {
                word,
                role,
                kinds,
                bearing,
                generic,
            });
        }
        Ok(Cues { cues, by_word })
    }

    /// The cue a normalised token is, proclitics allowed; with the bytes of
    /// proclitics before it.
    pub fn get(&self, token: &str) -> Option<(&Cue, usize)> {
        if let Some(&i) = self.by_word.get(token) {
            return Some((&self.cues[i], 0));
        }
        for p in PROCLITICS {
            if let Some(rest) = token.strip_prefix(p)
                && rest.chars().count() >= 2
                && let Some(&i) = self.by_word.get(rest)
            {
                // a preposition does not take another proclitic (وفي is; بفي is not)
                let c = &self.cues[i];
                if c.role == CueRole::Prep && !matches!(*p, "و" | "ف") {
                    continue;
                }
                return Some((c, p.len()));
            }
        }
        None
    }

    /// The cue a normalised token is, without proclitics.
    pub fn exact(&self, token: &str) -> Option<&Cue> {
        self.by_word.get(token).map(|&i| &self.cues[i])
    }

    /// Every cue.
    pub fn all(&self) -> &[Cue] {
        &self.cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_with_clitics() {
        let c = Cues::embedded();
        let (cue, p) = c.get("ومدينه").unwrap();
        assert_eq!(cue.role, CueRole::Type);
        assert!(cue.kinds.contains(&Kind::City));
        assert_eq!(p, "و".len());
        assert_eq!(c.get("حي").unwrap().0.kinds, vec![Kind::Neighbourhood]);
        assert!(c.get("الحي").is_none(), "the article is not a cue proclitic");
        assert_eq!(c.get("شمال").unwrap().0.bearing, Some(0.0));
        assert_eq!(c.get("وفي").unwrap().0.role, CueRole::Prep);
        assert!(c.get("بفي").is_none());
    }
}
