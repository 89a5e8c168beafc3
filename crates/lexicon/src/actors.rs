//! The actor lexicon: named organisations (and a few well-known people)
//! with canonical ids, English names and Arabic spellings.
//!
//! File format (`data/lexicon/actors.tsv`), one actor per line:
//!
//! ```text
//! id  type  class  country  name_en  name_ar  aliases
//! org:sdf  ORG  armed_group  SY  Syrian Democratic Forces  قوات سوريا الديمقراطية  قسد|قوات سورية الديمقراطية
//! ```
//!
//! `type` is the entity type (ORG, PER, MISC); `class` the actor class used
//! by event coding (military, police, government, armed_group, rebel,
//! militia, igo, ngo, media, party, coalition, agency, tribe, person);
//! `country` an ISO code or empty; aliases are `|`-separated.

use crate::matcher::{Hit, MatchText, TokenMatcher, longest_non_overlapping};
use crate::tsv::{TsvError, rows};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    /// Entity type: `ORG`, `PER` or `MISC`.
    pub kind: String,
    /// Actor class for event coding.
    pub class: String,
    pub country: Option<String>,
    pub name_en: String,
    pub name_ar: String,
    pub aliases: Vec<String>,
}

/// Actors and the automaton over all their names.
pub struct ActorLexicon {
    pub actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
    matcher: TokenMatcher,
}

/// An actor found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorHit {
    pub hit: Hit,
    /// Index into [`ActorLexicon::actors`].
    pub actor: usize,
}

impl ActorLexicon {
    /// The lexicon shipped with marsad (compiled in).
    pub fn embedded() -> &'static ActorLexicon {
        static LEX: OnceLock<ActorLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            ActorLexicon::from_tsv(
                "data/lexicon/actors.tsv",
                include_str!("../../../data/lexicon/actors.tsv"),
            )
            .expect("the embedded actor lexicon is valid (checked by tests)")
        })
    }

    /// Parse an actor file.
    pub fn from_tsv(file: &str, text: &str) -> Result<ActorLexicon, TsvError> {
        let mut actors = Vec::new();
        let mut by_id = HashMap::new();
        for r in rows(file, text, "id", 6)? {
            let kind = r.get(1);
            if !matches!(kind, "ORG" | "PER" | "MISC" | "LOC") {
                return Err(TsvError {
                    file: file.into(),
                    line: r.line,
                    msg: format!("type must be ORG, PER, MISC or LOC, not {kind:?}"),
                });
            }
            let id = r.get(0).to_string();
            if by_id.insert(id.clone(), actors.len()).is_some() {
                return Err(TsvError {
                    file: file.into(),
                    line: r.line,
                    msg: format!("duplicate id {id}"),
                });
            }
            actors.push(Actor {
                id,
                kind: kind.to_string(),
                class: r.get(2).to_string(),
                country: r.opt(3).map(str::to_string),
                name_en: r.get(4).to_string(),
                name_ar: r.get(5).to_string(),
                aliases: r
                    .get(6)
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            });
        }
        let names = actors.iter().enumerate().flat_map(|(i, a)| {
            std::iter::once((a.name_ar.clone(), i as u32)).chain(a.aliases.iter().map(move |s| (s.clone(), i as u32)))
        });
        let matcher = TokenMatcher::build(names);
        Ok(ActorLexicon { actors, by_id, matcher })
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// Leftmost-longest actor mentions.
    pub fn find(&self, mt: &MatchText) -> Vec<ActorHit> {
        longest_non_overlapping(self.matcher.find_all(mt), |h| h.value as i64)
            .into_iter()
            .map(|hit| ActorHit {
                hit,
                actor: hit.value as usize,
            })
            .collect()
    }

    /// Number of distinct names.
    pub fn name_count(&self) -> usize {
        self.matcher.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::Analyzed;

    #[test]
    fn embedded_lexicon_loads_and_finds_aliases() {
        let lex = ActorLexicon::embedded();
        assert!(lex.actors.len() > 100);
        let a = Analyzed::new("سيطرت قوات سوريا الديمقراطية (قسد) على مواقع لتنظيم الدولة الإسلامية وداعش");
        let mt = MatchText::new(&a);
        let ids: Vec<&str> = lex.find(&mt).iter().map(|h| lex.actors[h.actor].id.as_str()).collect();
        assert_eq!(ids, vec!["org:sdf", "org:sdf", "org:isis", "org:isis"]);
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let e = ActorLexicon::from_tsv("a.tsv", "id\ttype\n# x\norg:a\tBAD\tc\t\tA\tا\n")
            .err()
            .unwrap();
        assert!(e.to_string().starts_with("a.tsv:3:"), "{e}");
    }
}
