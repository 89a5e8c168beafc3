//! Lexicon-driven entities: actors from the actor lexicon and persons
//! announced by a title.

use crate::{Document, Field, Mention, MentionSource, Stage};
use marsad_lexicon::cues::{CueKind, CueLexicon, is_given_name, is_stopword};
use marsad_lexicon::demonyms::Demonyms;
use marsad_lexicon::{ActorLexicon, Hit};
use marsad_text::{Analyzed, TokenKind};

/// Finds lexicon actors (organisations and well-known people) in title and
/// body.
pub struct LexiconEntities {
    actors: &'static ActorLexicon,
}

impl LexiconEntities {
    /// With the actor lexicon compiled into marsad.
    pub fn embedded() -> LexiconEntities {
        LexiconEntities {
            actors: ActorLexicon::embedded(),
        }
    }
}

impl Stage for LexiconEntities {
    fn name(&self) -> &'static str {
        "lexicon-entities"
    }

    fn run(&self, doc: &mut Document) {
        for f in [Field::Title, Field::Body] {
            for h in self.actors.find(doc.match_text(f)) {
                let a = &self.actors.actors[h.actor];
                doc.add_mention(Mention {
                    field: f,
                    tok_start: h.hit.tok_start,
                    tok_end: h.hit.tok_end,
                    prefix_len: h.hit.prefix_len,
                    kind: match a.kind.as_str() {
                        "PER" => "PER",
                        "LOC" => "LOC",
                        "MISC" => "MISC",
                        _ => "ORG",
                    },
                    id: Some(a.id.clone()),
                    canonical: Some(a.name_ar.clone()),
                    canonical_en: Some(a.name_en.clone()),
                    class: Some(a.class.clone()),
                    country: a.country.clone(),
                    source: MentionSource::Lexicon,
                });
            }
        }
    }
}

/// Finds persons announced by a title (الرئيس, وزير الخارجية, المحامي …).
/// Runs after actors and places so that it can skip over them
/// ("المتحدث باسم التحالف العميد …").
pub struct TitlePersons {
    cues: &'static CueLexicon,
    demonyms: &'static Demonyms,
}

impl TitlePersons {
    /// With the cue and demonym lexicons compiled into marsad.
    pub fn embedded() -> TitlePersons {
        TitlePersons {
            cues: CueLexicon::embedded(),
            demonyms: Demonyms::embedded(),
        }
    }
}

impl Stage for TitlePersons {
    fn name(&self) -> &'static str {
        "title-persons"
    }

    fn run(&self, doc: &mut Document) {
        for f in [Field::Title, Field::Body] {
            let cue_hits = self.cues.find(doc.match_text(f));
            let demonym_spans: Vec<(usize, usize)> = self
                .demonyms
                .find(doc.match_text(f))
                .iter()
                .map(|d| (d.tok_start, d.tok_end))
                .collect();
            let persons = title_persons(doc, f, &cue_hits, &demonym_spans, self.cues);
            for (s, e) in persons {
                doc.add_mention(Mention {
                    field: f,
                    tok_start: s,
                    tok_end: e,
                    prefix_len: 0,
                    kind: "PER",
                    id: None,
                    canonical: None,
                    canonical_en: None,
                    class: Some("person".into()),
                    country: None,
                    source: MentionSource::Cue,
                });
            }
        }
    }
}

/// Organisations named by a head noun and the definite words after it
/// ("وزارة الداخلية", "قوات الدرك التركية", "المحكمة التنفيذية"), from
/// `data/lexicon/org_heads.tsv`. Runs after actors, places and persons and
/// never overrides them.
pub struct OrgNames {
    heads: marsad_lexicon::TokenMatcher,
    complements: Vec<usize>,
}

impl OrgNames {
    /// With the organisation heads compiled into marsad.
    pub fn embedded() -> OrgNames {
        let text = include_str!("../../../data/lexicon/org_heads.tsv");
        let rows = marsad_lexicon::tsv::rows("data/lexicon/org_heads.tsv", text, "head", 2)
            .expect("the embedded organisation heads are valid (checked by tests)");
        let complements: Vec<usize> = rows.iter().map(|r| r.get(1).parse().unwrap_or(0)).collect();
        let heads =
            marsad_lexicon::TokenMatcher::build(rows.iter().enumerate().map(|(i, r)| (r.get(0).to_string(), i as u32)));
        OrgNames { heads, complements }
    }
}

/// May token `i` continue an organisation's name? Definite nouns and
/// adjectives (and لل…), not dates, function words or verbs of saying.
fn org_complement(a: &Analyzed, i: usize) -> bool {
    let t = a.tokens[i];
    if t.kind != TokenKind::Word || t.nl_before {
        return false;
    }
    let w = a.tok(i);
    (w.starts_with("ال") || w.starts_with("لل"))
        && w.chars().count() >= 4
        && !is_stopword(w)
        && marsad_text::date::weekday(w).is_none()
        && !matches!(
            w,
            "الماضي"
                | "الماضيه"
                | "الجاري"
                | "الحالي"
                | "المقبل"
                | "الاول"
                | "الثاني"
                | "الذي"
                | "التي"
                | "الذين"
        )
}

impl Stage for OrgNames {
    fn name(&self) -> &'static str {
        "organisation-names"
    }

    fn run(&self, doc: &mut Document) {
        for f in [Field::Title, Field::Body] {
            let hits = marsad_lexicon::matcher::longest_non_overlapping(self.heads.find_all(doc.match_text(f)), |_| 0);
            let a = doc.field(f);
            let mut found = Vec::new();
            for h in hits {
                if doc.overlaps(f, h.tok_start, h.tok_end) {
                    continue;
                }
                let max = self.complements[h.value as usize];
                let mut e = h.tok_end;
                // a construct noun may come first when a definite word follows ("مجلس محافظة الرقة")
                if max > 0
                    && e + 1 < a.tokens.len()
                    && a.tokens[e].kind == TokenKind::Word
                    && !a.tok(e).starts_with("ال")
                    && !is_stopword(a.tok(e))
                    && org_complement(a, e + 1)
                    && !doc.overlaps(f, e, e + 1)
                {
                    e += 1;
                }
                while e < a.tokens.len() && e - h.tok_end < max && org_complement(a, e) && !doc.overlaps(f, e, e + 1) {
                    e += 1;
                }
                if e == h.tok_end && max > 0 {
                    continue;
                }
                found.push((h.tok_start, e, h.prefix_len));
            }
            for (s, e, p) in found {
                doc.add_mention(Mention {
                    field: f,
                    tok_start: s,
                    tok_end: e,
                    prefix_len: p,
                    kind: "ORG",
                    id: None,
                    canonical: None,
                    canonical_en: None,
                    class: None,
                    country: None,
                    source: MentionSource::Cue,
                });
            }
        }
    }
}

/// Words that join parts of one name (عبد الله, أبو محمد, بن سلمان).
fn is_joiner(w: &str) -> bool {
    matches!(
        w,
        "عبد"
            | "ابو"
            | "ابي"
            | "ابا"
            | "بن"
            | "ابن"
            | "بنت"
            | "ولد"
            | "ام"
            | "ال"
            | "ابنه"
            | "دي"
            | "فان"
            | "بو"
    )
}

/// Persons announced by a title cue: the name after the title, past any
/// demonym ("الرئيس الأمريكي، دونالد ترامب"), organisation ("المتحدث باسم
/// التحالف العميد …") or second title. A name is one to three words, the
/// first not a function word nor definite unless it is a known given name;
/// joiners (عبد, أبو, بن) bind the next word without counting.
fn title_persons(
    doc: &Document,
    f: Field,
    cues: &[Hit],
    demonyms: &[(usize, usize)],
    lex: &CueLexicon,
) -> Vec<(usize, usize)> {
    let a: &Analyzed = doc.field(f);
    let n = a.tokens.len();
    let mut out = Vec::new();
    for h in cues.iter().filter(|h| lex.kind(h.value) == CueKind::Title) {
        let mut j = h.tok_end;
        for _ in 0..5 {
            if j >= n {
                break;
            }
            let w = a.tok(j);
            if a.tokens[j].kind == TokenKind::Punct && matches!(w, "،" | ",") {
                j += 1;
                continue;
            }
            if w == "باسم" {
                j += 1;
                continue;
            }
            if let Some(&(_, e)) = demonyms.iter().find(|(s, _)| *s == j) {
                j = e;
                continue;
            }
            if let Some(m) = doc
                .mentions
                .iter()
                .find(|m| m.field == f && m.tok_start == j && m.kind != "PER")
            {
                j = m.tok_end;
                continue;
            }
            if let Some(c) = cues.iter().find(|c| c.tok_start == j) {
                j = c.tok_end;
                continue;
            }
            break;
        }
        let start = j;
        let mut k = j;
        let mut words = 0;
        let mut first_given = false;
        while k < n && words < 3 {
            let t = a.tokens[k];
            if t.kind != TokenKind::Word || (k > start && a.tokens[k].nl_before) {
                break;
            }
            let w = a.tok(k);
            let raw = a.surface(k, k + 1);
            if is_stopword(w) || raw == "على" || raw == "وعلى" {
                break;
            }
            if is_joiner(w) {
                if k + 1 < n && a.tokens[k + 1].kind == TokenKind::Word && !is_stopword(a.tok(k + 1)) {
                    k += 2;
                    words += 1;
                    if words == 1 {
                        first_given = true;
                    }
                    continue;
                }
                break;
            }
            if words == 0 {
                first_given = is_given_name(w) || is_given_name(marsad_text::clitic::strip(w));
                if w.starts_with("ال") && !first_given {
                    break;
                }
            }
            // a third word only continues a name that began with a known
            // given name and whose second word is not a definite family
            // name ("إبراهيم الحسن" ends there)
            if words == 2 && (!first_given || a.tok(k - 1).starts_with("ال")) {
                break;
            }
            words += 1;
            k += 1;
        }
        if words == 0 {
            continue;
        }
        // one bare word is a name only when it is a known given name
        if words == 1 && !first_given {
            continue;
        }
        if doc.overlaps(f, start, k) {
            continue;
        }
        out.push((start, k));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use marsad_ingest::Article;

    fn ents(text: &str) -> Vec<(String, String, Option<String>)> {
        let art = Article::from_text("", text, None);
        let ex = Extractor::new();
        ex.extract(&art)
            .entities
            .into_iter()
            .map(|e| (e.text, e.kind, e.id))
            .collect()
    }

    #[test]
    fn persons_after_titles() {
        let e = ents(
            "أجرت إدارة الرئيس الأمريكي، دونالد ترامب، محادثات. وزار وزير الخارجية الأمريكي ريكس تيلرسون موسكو. ونفى المحامي إبراهيم الحسن ذلك.",
        );
        let pers: Vec<&str> = e.iter().filter(|x| x.1 == "PER").map(|x| x.0.as_str()).collect();
        assert_eq!(pers, vec!["دونالد ترامب", "ريكس تيلرسون", "إبراهيم الحسن"]);
    }

    #[test]
    fn no_person_from_common_words() {
        let e = ents("قال المتحدث إن القوات تقدمت. وأكد الرئيس على ضرورة الحوار.");
        assert!(e.iter().all(|x| x.1 != "PER"), "{e:?}");
    }

    #[test]
    fn actors_get_ids() {
        let e = ents("سيطرت قوات سوريا الديمقراطية ( قسد) على حي");
        assert_eq!(
            e[0],
            ("قوات سوريا الديمقراطية".into(), "ORG".into(), Some("org:sdf".into()))
        );
        assert_eq!(e[1].2.as_deref(), Some("org:sdf"));
    }
}
