//! Statistical entities: the trained tagger of `marsad-ner` over the whole
//! article, merged under the lexicon layer.
//!
//! Runs after the lexicon, gazetteer and cue stages: a model mention that
//! overlaps one of theirs is dropped ([`Document::add_mention`] ranks
//! [`MentionSource::Model`] last), so lexicon entities keep their spans and
//! canonical ids. A model mention whose text is a lexicon alias (actor
//! lexicon, then gazetteer) gets that entry's id; the others keep `id: null`.

use crate::{Document, Field, Mention, MentionSource, Stage};
use marsad_geo::Gazetteer;
use marsad_lexicon::{ActorLexicon, MatchText};
use marsad_ner::Tagger;
use marsad_text::{Analyzed, TokenKind};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Adds the tagger's PER / ORG / LOC / MISC mentions.
pub struct ModelEntities {
    tagger: &'static Tagger,
    actors: &'static ActorLexicon,
    gazetteer: &'static Gazetteer,
}

impl ModelEntities {
    /// With the model, lexicon and gazetteer compiled into marsad.
    pub fn embedded() -> ModelEntities {
        ModelEntities {
            tagger: Tagger::embedded(),
            actors: ActorLexicon::embedded(),
            gazetteer: Gazetteer::embedded(),
        }
    }
}

/// The record type of a corpus type.
fn record_kind(corpus: &str) -> Option<&'static str> {
    match corpus {
        "PERS" | "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

/// Bytes of proclitics to leave out of a name's first token: a conjunction
/// or preposition before the article (والعراق → العراق, بالقاهرة →
/// القاهرة). Bare names keep their first letters (وليد, بغداد, لبنان).
fn proclitic_len(w: &str) -> usize {
    for p in ["وبال", "وكال", "فبال", "فال", "وال", "بال", "كال"] {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 2
        {
            return p.len() - "ال".len();
        }
    }
    0
}

/// Words the corpus tags that records do not report alone
/// (`data/ner/not_entities.txt`).
fn not_entities() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/ner/not_entities.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(marsad_text::fold_str)
            .collect()
    })
}

/// A span worth reporting: it starts and ends on a word, and it is not a
/// lone function word, cue word (حزب, لحزب, مدينة), currency or formula.
fn plausible(tagger: &Tagger, a: &Analyzed, s: usize, e: usize) -> bool {
    let edge_ok = |i: usize| matches!(a.tokens[i].kind, TokenKind::Word | TokenKind::Latin | TokenKind::Abbrev);
    if !edge_ok(s) || !edge_ok(e - 1) {
        return false;
    }
    if e - s == 1 {
        let w = a.tok(s);
        let stem = marsad_text::clitic::strip(w);
        let bare = [w.to_string(), stem.to_string(), format!("ال{stem}")];
        if w.chars().count() < 2
            || marsad_lexicon::cues::is_stopword(w)
            || bare
                .iter()
                .any(|x| not_entities().contains(x) || tagger.featurizer.names.is_cue_word(x))
        {
            return false;
        }
    }
    true
}

impl ModelEntities {
    /// The lexicon entry whose name is exactly this span, if any.
    fn link(
        &self,
        a: &Analyzed,
        s: usize,
        e: usize,
        prefix: usize,
    ) -> (Option<String>, Option<String>, Option<String>, Option<String>) {
        let start = marsad_lexicon::name_start(a, s, prefix) as usize;
        let end = a.tokens[e - 1].end as usize;
        let text = a.raw_slice(start, end);
        let sub = Analyzed::new(text);
        let mt = MatchText::new(&sub);
        let n = sub.tokens.len();
        if let Some(h) = self
            .actors
            .find(&mt)
            .into_iter()
            .find(|h| h.hit.tok_start == 0 && h.hit.tok_end == n)
        {
            let x = &self.actors.actors[h.actor];
            return (
                Some(x.id.clone()),
                Some(x.name_ar.clone()),
                Some(x.name_en.clone()),
                x.country.clone(),
            );
        }
        // a place name: the best-known place of that name
        if let Some(p) = self.gazetteer.lookup(text).into_iter().next() {
            return (
                Some(p.id().to_string()),
                Some(p.name_ar().to_string()),
                Some(p.name_en().to_string()),
                Some(p.country().to_string()),
            );
        }
        (None, None, None, None)
    }
}

impl Stage for ModelEntities {
    fn name(&self) -> &'static str {
        "model-entities"
    }

    fn run(&self, doc: &mut Document) {
        // title and body read as one document, so that each informs the other
        let mut sents: Vec<(Field, usize, usize)> = Vec::new();
        for f in [Field::Title, Field::Body] {
            for s in &doc.field(f).sentences {
                sents.push((f, s.tok_start, s.tok_end));
            }
        }
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|&(f, s, e)| {
                let a = doc.field(f);
                (s..e).map(|i| a.tok(i)).collect()
            })
            .collect();
        let found = self.tagger.entities_document(&words);
        let mut mentions = Vec::new();
        for (&(f, s0, _), spans) in sents.iter().zip(&found) {
            let a = doc.field(f);
            for sp in spans {
                let (s, e) = (s0 + sp.start, s0 + sp.end);
                let Some(kind) = record_kind(&sp.kind) else { continue };
                if !plausible(self.tagger, a, s, e) {
                    continue;
                }
                let prefix_len = if a.tokens[s].kind == TokenKind::Word {
                    proclitic_len(a.tok(s))
                } else {
                    0
                };
                let (id, canonical, canonical_en, country) = self.link(a, s, e, prefix_len);
                mentions.push(Mention {
                    field: f,
                    tok_start: s,
                    tok_end: e,
                    prefix_len,
                    kind,
                    id,
                    canonical,
                    canonical_en,
                    class: (kind == "PER").then(|| "person".to_string()),
                    country,
                    source: MentionSource::Model,
                });
            }
        }
        for m in mentions {
            doc.add_mention(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use marsad_ingest::Article;

    fn ents(text: &str) -> Vec<(String, String, Option<String>)> {
        let art = Article::from_text("", text, None);
        Extractor::new()
            .extract(&art)
            .entities
            .into_iter()
            .map(|e| (e.text, e.kind, e.id))
            .collect()
    }

    #[test]
    fn model_adds_unlisted_names_and_keeps_lexicon_ids() {
        let e = ents("وقال المستشار النمساوي فولفغانغ شوسل في فيينا إن قوات سوريا الديمقراطية تقدمت.");
        // the lexicon entity keeps its id and span
        assert!(
            e.iter()
                .any(|x| x.0 == "قوات سوريا الديمقراطية" && x.2.as_deref() == Some("org:sdf")),
            "{e:?}"
        );
        // a person nobody listed is found by the model, with no id
        assert!(
            e.iter().any(|x| x.1 == "PER" && x.0.contains("شوسل") && x.2.is_none()),
            "{e:?}"
        );
        // no entity is punctuation or a function word
        assert!(e.iter().all(|x| x.0 != "." && x.0 != "في"), "{e:?}");
    }
}
