//! Full-text queries: parsing, scoring and snippets.
//!
//! A query is words and `"quoted phrases"`, Arabic or Latin. Every word and
//! phrase must match (in the title or the body); a word matches its exact
//! form or its stem, a phrase its words in order. Scores are tantivy's
//! BM25 with boosts: exact form over stem ([`EXACT_BOOST`]), title over
//! body ([`TITLE_BOOST`]).

use crate::analysis::{Term, analyse};
use crate::index::Fields;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Bound;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

/// Boost of a match on the exact-normalised form over the stem form.
pub const EXACT_BOOST: f32 = 2.0;
/// Boost of a match in the title over the body.
pub const TITLE_BOOST: f32 = 2.5;
/// Words of context in a snippet.
pub const SNIPPET_WORDS: usize = 32;

/// One clause of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// One word.
    Word(Term),
    /// Words in order.
    Phrase(Vec<Term>),
}

/// Parse a query string into clauses. Quoted parts are phrases; a bare
/// word that analyses into several words (e.g. `د.ب.أ` or `al-Houthi`)
/// is a phrase too.
pub fn parse(q: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    for (i, part) in q.split(['"', '“', '”', '«', '»']).enumerate() {
        let quoted = i % 2 == 1;
        if quoted {
            let terms = analyse(part);
            match terms.len() {
                0 => {}
                1 => out.extend(terms.into_iter().map(Clause::Word)),
                _ => out.push(Clause::Phrase(terms)),
            }
        } else {
            for w in part.split_whitespace() {
                let terms = analyse(w);
                match terms.len() {
                    0 => {}
                    1 => out.extend(terms.into_iter().map(Clause::Word)),
                    _ => out.push(Clause::Phrase(terms)),
                }
            }
        }
    }
    out
}

/// Filters and limits of a search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The query text.
    pub text: String,
    /// First publication day (inclusive).
    pub from: Option<chrono::NaiveDate>,
    /// Last publication day (inclusive).
    pub to: Option<chrono::NaiveDate>,
    /// Only this outlet.
    pub outlet: Option<String>,
    /// Maximum hits.
    pub limit: usize,
    /// Match any word instead of all of them.
    pub any: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Id of the first article of its story cluster.
    pub cluster: String,
    /// A passage of the body around the best matches.
    pub snippet: String,
    /// Matched words in `snippet`, as char offsets (start, end exclusive).
    pub highlights: Vec<(usize, usize)>,
    /// Matched words in `title`, as char offsets.
    pub title_highlights: Vec<(usize, usize)>,
}

pub(crate) fn day_number(d: chrono::NaiveDate) -> i64 {
    d.signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch"))
        .num_days()
}

fn term_query(field: tantivy::schema::Field, text: &str, boost: f32) -> Box<dyn Query> {
    let tq = TermQuery::new(
        tantivy::Term::from_field_text(field, text),
        IndexRecordOption::WithFreqsAndPositions,
    );
    Box::new(BoostQuery::new(Box::new(tq), boost))
}

fn phrase_query(field: tantivy::schema::Field, words: &[&str], boost: f32) -> Box<dyn Query> {
    let terms = words.iter().map(|w| tantivy::Term::from_field_text(field, w)).collect();
    Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost))
}

/// Build the tantivy query of parsed clauses and filters; `None` when the
/// query has no words.
pub(crate) fn build(f: &Fields, clauses: &[Clause], q: &SearchQuery) -> Option<Box<dyn Query>> {
    if clauses.is_empty() {
        return None;
    }
    let variants = |exact: &dyn Fn(tantivy::schema::Field, f32) -> Box<dyn Query>,
                    stem: &dyn Fn(tantivy::schema::Field, f32) -> Box<dyn Query>|
     -> Box<dyn Query> {
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, exact(f.title_exact, EXACT_BOOST * TITLE_BOOST)),
            (Occur::Should, exact(f.body_exact, EXACT_BOOST)),
            (Occur::Should, stem(f.title_stem, TITLE_BOOST)),
            (Occur::Should, stem(f.body_stem, 1.0)),
        ]))
    };
    let occur = if q.any { Occur::Should } else { Occur::Must };
    let mut subs: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|c| {
            let sub = match c {
                Clause::Word(t) => variants(&|fl, b| term_query(fl, &t.exact, b), &|fl, b| {
                    term_query(fl, &t.stem, b)
                }),
                Clause::Phrase(ts) => {
                    let ex: Vec<&str> = ts.iter().map(|t| t.exact.as_str()).collect();
                    let st: Vec<&str> = ts.iter().map(|t| t.stem.as_str()).collect();
                    variants(&|fl, b| phrase_query(fl, &ex, b), &|fl, b| phrase_query(fl, &st, b))
                }
            };
            (occur, sub)
        })
        .collect();
    let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if q.from.is_some() || q.to.is_some() {
        let lo = q
            .from
            .map(|d| Bound::Included(tantivy::Term::from_field_i64(f.day, day_number(d))))
            .unwrap_or(Bound::Unbounded);
        let hi =
            q.to.map(|d| Bound::Included(tantivy::Term::from_field_i64(f.day, day_number(d))))
                .unwrap_or(Bound::Unbounded);
        filters.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
    }
    if let Some(o) = &q.outlet {
        filters.push((
            Occur::Must,
            Box::new(TermQuery::new(
                tantivy::Term::from_field_text(f.outlet, o),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if filters.is_empty() {
        if subs.len() == 1 {
            return subs.pop().map(|(_, q)| q);
        }
        return Some(Box::new(BooleanQuery::new(subs)));
    }
    let text: Box<dyn Query> = Box::new(BooleanQuery::new(subs));
    filters.insert(0, (Occur::Must, text));
    Some(Box::new(BooleanQuery::new(filters)))
}

/// Words of the query, as exact and stem forms, for highlighting.
pub(crate) struct Highlighter {
    exact: HashSet<String>,
    stem: HashSet<String>,
}

impl Highlighter {
    pub(crate) fn new(clauses: &[Clause]) -> Highlighter {
        let mut exact = HashSet::new();
        let mut stem = HashSet::new();
        for c in clauses {
            let ts: &[Term] = match c {
                Clause::Word(t) => std::slice::from_ref(t),
                Clause::Phrase(ts) => ts,
            };
            for t in ts {
                exact.insert(t.exact.clone());
                stem.insert(t.stem.clone());
            }
        }
        Highlighter { exact, stem }
    }

    fn matches(&self, t: &Term) -> Option<String> {
        if self.exact.contains(&t.exact) || self.stem.contains(&t.stem) {
            Some(t.stem.clone())
        } else {
            None
        }
    }

    /// Char offsets of the matching words of a short text (a title).
    pub(crate) fn marks(&self, text: &str) -> Vec<(usize, usize)> {
        let terms = analyse(text);
        terms
            .iter()
            .filter(|t| self.matches(t).is_some())
            .map(|t| (text[..t.start].chars().count(), text[..t.end].chars().count()))
            .collect()
    }

    /// The best passage of `text`: the window of [`SNIPPET_WORDS`] words
    /// with the most distinct query words (then the most matches), with
    /// `…` where it is cut, and the char offsets of the matches in it.
    pub(crate) fn snippet(&self, text: &str) -> (String, Vec<(usize, usize)>) {
        let terms = analyse(text);
        if terms.is_empty() {
            return (String::new(), Vec::new());
        }
        let hits: Vec<Option<String>> = terms.iter().map(|t| self.matches(t)).collect();
        let n = terms.len();
        let w = SNIPPET_WORDS.min(n);
        // Candidate windows begin a few words before each match (or at 0).
        let mut starts: Vec<usize> = (0..n)
            .filter(|&i| hits[i].is_some())
            .map(|i| i.saturating_sub(4).min(n - w))
            .collect();
        starts.push(0);
        starts.sort_unstable();
        starts.dedup();
        let mut best = (0usize, 0usize, usize::MAX);
        let mut start = 0usize;
        for &st in &starts {
            let win = &hits[st..st + w];
            let distinct: HashSet<&String> = win.iter().flatten().collect();
            let key = (distinct.len(), win.iter().flatten().count(), usize::MAX - st);
            if key > best {
                best = key;
                start = st;
            }
        }
        let end = (start + w).min(n);
        let (bs, be) = (terms[start].start, terms[end - 1].end);
        let mut snippet = String::new();
        let mut base = 0usize;
        if start > 0 {
            snippet.push_str("… ");
            base = 2;
        }
        let body = &text[bs..be];
        snippet.push_str(body);
        let mut marks = Vec::new();
        for i in start..end {
            if hits[i].is_some() {
                let s = base + text[bs..terms[i].start].chars().count();
                let e = base + text[bs..terms[i].end].chars().count();
                marks.push((s, e));
            }
        }
        if end < n {
            snippet.push_str(" …");
        }
        (snippet.replace(['\n', '\r'], " "), marks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_and_phrases() {
        let c = parse("غارات \"مدينة صنعاء\" Reuters");
        assert_eq!(c.len(), 3);
        assert!(matches!(&c[0], Clause::Word(t) if t.stem == "غار"));
        assert!(matches!(&c[1], Clause::Phrase(ts) if ts.len() == 2));
        assert!(matches!(&c[2], Clause::Word(t) if t.exact == "reuters"));
        assert!(parse("  \"\" ").is_empty());
    }

    #[test]
    fn snippet_centres_on_matches() {
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!("كلمة{i} "));
        }
        text.push_str("غارات على صنعاء اليوم");
        for i in 0..100 {
            text.push_str(&format!(" نص{i}"));
        }
        let h = Highlighter::new(&parse("غارة بصنعاء"));
        let (s, marks) = h.snippet(&text);
        assert!(s.starts_with("… "), "{s}");
        assert_eq!(marks.len(), 2);
        let chars: Vec<char> = s.chars().collect();
        let m: String = chars[marks[1].0..marks[1].1].iter().collect();
        assert_eq!(m, "صنعاء");
    }
}
