//! The token features the tagger sees.
//!
//! A sentence is a sequence of token strings (ANERcorp's tokens when
//! training, marsad-text's tokens when extracting: both split punctuation
//! off and keep proclitics attached). Each token is folded with
//! [`marsad_text::fold_str`] and described by hashed string features:
//! word forms in a ±2 window, the clitic-stripped stem, prefixes and
//! suffixes, word shape, word-cluster ids at three granularities, and
//! membership in name lists (places, organisations, persons, titles,
//! organisation cue words, demonyms) matched over several tokens with
//! proclitics allowed on the first.

use crate::clusters::ClusterTable;
use marsad_text::{Analyzed, clitic};
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Categories of the name lists, one bit each.
pub const NAME_CATEGORIES: &[&str] = &[
    "LOC", "ORG", "PER", "GIVEN", "MISC", "TITLE", "ORGCUE", "DEMONYM", "LOCCUE", "SURNAME", "CTXPER1", "CTXPER2",
    "CTXORG1", "CTXORG2", "CTXLOC1", "CTXLOC2", "CTXSUR1", "CTXSUR2", "CTXIN1", "CTXIN2", "CTXSAY1", "CTXSAY2",
];

/// The key a folded token is looked up with: numbers collapse to `<num>`.
pub fn word_key(folded: &str) -> &str {
    let mut digits = false;
    for c in folded.chars() {
        if c.is_ascii_digit() {
            digits = true;
        } else if !matches!(c, '.' | ',' | '%' | '/' | '-') {
            return folded;
        }
    }
    if digits { "<num>" } else { folded }
}

/// Sentences of folded word keys of a text, the form clusters are learned on.
pub fn corpus_sentences(text: &str) -> Vec<Vec<String>> {
    let a = Analyzed::new(text);
    a.sentences
        .iter()
        .map(|s| {
            (s.tok_start..s.tok_end)
                .map(|i| word_key(a.tok(i)).to_string())
                .collect()
        })
        .filter(|s: &Vec<String>| s.len() > 1)
        .collect()
}

/// Multi-token name lists by category, matched with proclitics allowed on
/// the first token.
#[derive(Debug, Clone, Default)]
pub struct NameLists {
    /// Folded names (tokens joined by one space) and their prefixes. The
    /// low bits are categories; [`PREFIX_BIT`] marks a proper prefix of a
    /// longer name.
    map: HashMap<String, u32>,
    max_len: usize,
}

const PREFIX_BIT: u32 = 1 << 31;

/// A malformed name list.
#[derive(Debug, thiserror::Error)]
#[error("name list line {line}: {msg}")]
pub struct NamesError {
    pub line: usize,
    pub msg: String,
}

impl NameLists {
    /// Parse `name<TAB>CATEGORY` lines (`#` comments; categories from
    /// [`NAME_CATEGORIES`]).
    pub fn from_tsv(text: &str) -> Result<NameLists, NamesError> {
        let mut n = NameLists::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, cat) = line.split_once('\t').ok_or_else(|| NamesError {
                line: i + 1,
                msg: "expected name<TAB>category".into(),
            })?;
            let bit = NAME_CATEGORIES
                .iter()
                .position(|c| *c == cat.trim())
                .ok_or_else(|| NamesError {
                    line: i + 1,
                    msg: format!("unknown category {cat:?}"),
                })?;
            n.insert(name, 1 << bit);
        }
        Ok(n)
    }

    /// Add a name with category bits.
    pub fn insert(&mut self, name: &str, bits: u32) {
        let a = Analyzed::new(name);
        let words: Vec<&str> = (0..a.tokens.len()).map(|i| a.tok(i)).collect();
        if words.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(words.len());
        let mut key = String::new();
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(w);
            let e = self.map.entry(key.clone()).or_default();
            if k + 1 == words.len() {
                *e |= bits;
            } else {
                *e |= PREFIX_BIT;
            }
        }
    }

    /// True if the folded word is listed only as a cue word (a title, an
    /// organisation or place cue such as حزب, مدينة) and not as a name.
    pub fn is_cue_word(&self, w: &str) -> bool {
        // TITLE, ORGCUE, LOCCUE; names: LOC, ORG, PER, GIVEN, MISC, SURNAME
        const CUES: u32 = (1 << 5) | (1 << 6) | (1 << 8);
        const NAMES: u32 = 0b1_1111 | (1 << 9);
        self.map.get(w).is_some_and(|&v| v & CUES != 0 && v & NAMES == 0)
    }

    /// Number of keys (names and their prefixes).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every match over folded tokens: `(start, end, category bits)`.
    pub fn matches(&self, toks: &[&str]) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        let mut key = String::new();
        for i in 0..toks.len() {
            let mut firsts: Vec<String> = vec![toks[i].to_string()];
            for sp in clitic::splits(toks[i]).into_iter().skip(1) {
                if !sp.prefix.is_empty() && sp.prefix != "ال" {
                    firsts.push(sp.with_article());
                }
            }
            let mut best: HashMap<usize, u32> = HashMap::new();
            for f in &firsts {
                key.clear();
                key.push_str(f);
                let mut j = i;
                while let Some(&v) = self.map.get(key.as_str()) {
                    let cats = v & !PREFIX_BIT;
                    if cats != 0 {
                        *best.entry(j + 1).or_default() |= cats;
                    }
                    if v & PREFIX_BIT == 0 || j + 1 >= toks.len() || j + 1 - i >= self.max_len {
                        break;
                    }
                    j += 1;
                    key.push(' ');
                    key.push_str(toks[j]);
                }
            }
            let mut b: Vec<(usize, u32)> = best.into_iter().collect();
            b.sort();
            out.extend(b.into_iter().map(|(e, c)| (i, e, c)));
        }
        out
    }
}

/// Computes hashed features for sentences.
pub struct Featurizer {
    pub clusters: ClusterTable,
    pub names: NameLists,
    /// Fingerprint of the resources' texts (see [`crate::model::resources_fingerprint`]).
    pub fingerprint: u64,
}

impl Featurizer {
    /// Parse the cluster table and name lists.
    pub fn from_texts(clusters: &str, names: &str) -> Result<Featurizer, crate::LoadError> {
        Ok(Featurizer {
            clusters: ClusterTable::from_tsv(clusters)?,
            names: NameLists::from_tsv(names)?,
            fingerprint: crate::model::resources_fingerprint(clusters, names),
        })
    }

    /// No clusters and no names (for tests).
    pub fn empty() -> Featurizer {
        Featurizer {
            clusters: ClusterTable::default(),
            names: NameLists::default(),
            fingerprint: 0,
        }
    }
}

/// Features of one sentence: token `i` has `feats[offs[i]..offs[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    pub feats: Vec<u64>,
    pub offs: Vec<usize>,
}

/// Each token's first `LEXICAL` features describe the word's identity
/// (form, stem and their bigrams); training may drop them for a token so
/// that the model learns to recognise names it has never seen.
pub const LEXICAL: usize = 6;

impl SentenceFeatures {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }
    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Features of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offs[i]..self.offs[i + 1]]
    }

    /// These features with `extra[i]` appended to token `i`'s.
    pub fn with_extra(&self, extra: &[Vec<u64>]) -> SentenceFeatures {
        let mut out = SentenceFeatures {
            feats: Vec::with_capacity(self.feats.len() + extra.iter().map(Vec::len).sum::<usize>()),
            offs: Vec::with_capacity(self.offs.len()),
        };
        out.offs.push(0);
        for i in 0..self.len() {
            out.feats.extend_from_slice(self.token(i));
            if let Some(x) = extra.get(i) {
                out.feats.extend_from_slice(x);
            }
            out.offs.push(out.feats.len());
        }
        out
    }
}

struct Emit<'a> {
    buf: String,
    out: &'a mut Vec<u64>,
}

impl Emit<'_> {
    fn f(&mut self, name: &str, val: &str) {
        self.buf.clear();
        self.buf.push_str(name);
        self.buf.push('\u{1}');
        self.buf.push_str(val);
        self.out.push(xxh3_64(self.buf.as_bytes()));
    }
}

fn shape(w: &str) -> &'static str {
    let mut ar = false;
    let mut lat = false;
    let mut dig = false;
    let mut other = false;
    for c in w.chars() {
        if marsad_text::normalize::is_arabic_letter(c) {
            ar = true;
        } else if c.is_ascii_digit() {
            dig = true;
        } else if c.is_alphabetic() {
            lat = true;
        } else {
            other = true;
        }
    }
    match (ar, lat, dig, other) {
        (true, false, false, false) => "ar",
        (false, true, false, false) => "lat",
        (false, false, true, false) => "num",
        (false, false, true, true) => "numx",
        (false, false, false, true) => "punct",
        _ => "mixed",
    }
}

fn len_bucket(n: usize) -> &'static str {
    match n {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=8 => "6",
        _ => "9",
    }
}

fn prefix_chars(w: &str, n: usize) -> Option<&str> {
    let mut it = w.char_indices();
    let end = it.nth(n).map(|(b, _)| b);
    match end {
        Some(b) => Some(&w[..b]),
        None if w.chars().count() > n => Some(w),
        None => None,
    }
}

fn suffix_chars(w: &str, n: usize) -> Option<&str> {
    let count = w.chars().count();
    if count <= n {
        return None;
    }
    let b = w.char_indices().nth(count - n).map(|(b, _)| b)?;
    Some(&w[b..])
}

impl Featurizer {
    /// Features of a sentence of raw tokens.
    pub fn sentence<S: AsRef<str>>(&self, raw: &[S]) -> SentenceFeatures {
        let folded: Vec<String> = raw.iter().map(|t| marsad_text::fold_str(t.as_ref())).collect();
        let keys: Vec<&str> = folded.iter().map(|f| word_key(f)).collect();
        self.features(&keys)
    }

    /// Features of a sentence of folded word keys ([`word_key`]).
    pub fn features(&self, w: &[&str]) -> SentenceFeatures {
        let n = w.len();
        let stems: Vec<&str> = w.iter().map(|x| clitic::strip(x)).collect();
        let cl: Vec<Option<&[u16]>> = w
            .iter()
            .zip(&stems)
            .map(|(x, s)| {
                self.clusters.get(x).or_else(|| {
                    if s != x {
                        self.clusters.get(&format!("ال{s}")).or_else(|| self.clusters.get(s))
                    } else {
                        None
                    }
                })
            })
            .collect();
        // name-list membership: per token, bits where it begins / continues / ends a name
        let mut gb = vec![0u32; n];
        let mut gi = vec![0u32; n];
        let mut gany = vec![0u32; n];
        let mut glen: Vec<usize> = vec![0; n];
        for (s, e, c) in self.names.matches(w) {
            gb[s] |= c;
            glen[s] = glen[s].max(e - s);
            for g in gi.iter_mut().take(e).skip(s + 1) {
                *g |= c;
            }
            for g in gany.iter_mut().take(e).skip(s) {
                *g |= c;
            }
        }
        let mut out = SentenceFeatures {
            feats: Vec::with_capacity(n * 80),
            offs: Vec::new(),
        };
        let mut offs = Vec::with_capacity(n + 1);
        offs.push(0);
        let mut e = Emit {
            buf: String::with_capacity(64),
            out: &mut out.feats,
        };
        let at = |i: isize| padded(w, i);
        let st = |i: isize| padded(&stems, i);
        let cat_names = |bits: u32| {
            NAME_CATEGORIES
                .iter()
                .enumerate()
                .filter(move |(k, _)| bits & (1 << k) != 0)
        };
        for i in 0..n {
            let ii = i as isize;
            let x = w[i];
            let s = stems[i];
            // identity features of the word itself first: training may
            // drop them (see SentenceFeatures::lexical)
            e.f("w0", x);
            e.f("s0", s);
            e.f("w-1w0", &format!("{}|{}", at(ii - 1), x));
            e.f("w0w+1", &format!("{}|{}", x, at(ii + 1)));
            e.f("s-1s0", &format!("{}|{}", st(ii - 1), s));
            e.f("s0s+1", &format!("{}|{}", s, st(ii + 1)));
            e.f("b", "");
            e.f("w-1", at(ii - 1));
            e.f("w+1", at(ii + 1));
            e.f("w-2", at(ii - 2));
            e.f("w+2", at(ii + 2));
            e.f("s-1", st(ii - 1));
            e.f("s+1", st(ii + 1));
            e.f("pre", &x[..x.len() - s.len()]);
            for k in 1..=4 {
                if let Some(p) = prefix_chars(x, k) {
                    e.f(&format!("p{k}"), p);
                }
                if let Some(p) = suffix_chars(x, k) {
                    e.f(&format!("x{k}"), p);
                }
            }
            for k in 1..=3 {
                if let Some(p) = prefix_chars(s, k) {
                    e.f(&format!("sp{k}"), p);
                }
                if let Some(p) = suffix_chars(s, k) {
                    e.f(&format!("sx{k}"), p);
                }
            }
            let sh = shape(x);
            e.f("shape", &format!("{sh}{}", len_bucket(s.chars().count())));
            e.f(
                "shape-1+1",
                &format!(
                    "{}|{}",
                    if i > 0 { shape(w[i - 1]) } else { "<s>" },
                    if i + 1 < n { shape(w[i + 1]) } else { "</s>" }
                ),
            );
            if i == 0 {
                e.f("first", "");
            }
            // word clusters
            match cl[i] {
                Some(ids) => {
                    for (g, id) in ids.iter().enumerate() {
                        e.f(&format!("c{g}"), &id.to_string());
                    }
                }
                None => e.f("c", "none"),
            }
            for (d, name) in [(-1isize, "cl-1"), (1, "cl+1"), (-2, "cl-2"), (2, "cl+2")] {
                let j = ii + d;
                if j < 0 || j as usize >= n {
                    continue;
                }
                match cl[j as usize] {
                    Some(ids) => {
                        for (g, id) in ids.iter().enumerate().take(2) {
                            e.f(&format!("{name}.{g}"), &id.to_string());
                        }
                    }
                    None => e.f(name, "none"),
                }
            }
            if let (Some(a), Some(b)) = (i.checked_sub(1).and_then(|j| cl[j]), cl[i]) {
                e.f("c-1c0", &format!("{}|{}", a[0], b[0]));
            }
            if let (Some(a), Some(b)) = (cl[i], cl.get(i + 1).copied().flatten()) {
                e.f("c0c+1", &format!("{}|{}", a[0], b[0]));
            }
            // name lists
            for (_, c) in cat_names(gb[i]) {
                e.f("gB", c);
                e.f("gBlen", &format!("{c}{}", glen[i].min(3)));
            }
            for (_, c) in cat_names(gi[i]) {
                e.f("gI", c);
            }
            if i > 0 {
                for (_, c) in cat_names(gany[i - 1]) {
                    e.f("g-1", c);
                }
            }
            if i + 1 < n {
                for (_, c) in cat_names(gany[i + 1]) {
                    e.f("g+1", c);
                }
            }
            if i > 1 {
                for (_, c) in cat_names(gany[i - 2]) {
                    e.f("g-2", c);
                }
            }
            offs.push(e.out.len());
        }
        drop(e);
        out.offs = offs;
        out
    }
}

/// Item `i` of a sentence's words or stems, with sentence-boundary markers
/// outside it.
fn padded<'a>(v: &[&'a str], i: isize) -> &'a str {
    if i < 0 {
        "<s>"
    } else {
        v.get(i as usize).copied().unwrap_or("</s>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists_match_with_clitics_and_several_tokens() {
        let n = NameLists::from_tsv("الأمم المتحدة\tORG\nبغداد\tLOC\nمحمد\tGIVEN\n").unwrap();
        let s = ["وقالت", "الامم", "المتحده", "في", "وبغداد", "ان", "محمد"];
        let m = n.matches(&s);
        assert!(m.contains(&(1, 3, 2)), "{m:?}");
        assert!(m.contains(&(4, 5, 1)), "{m:?}");
        assert!(m.contains(&(6, 7, 8)), "{m:?}");
        assert_eq!(m.len(), 3);
        assert!(NameLists::from_tsv("x\tBAD\n").is_err());
        // a cue word stays one when context statistics mention it, not when it is a name
        let c = NameLists::from_tsv("حزب\tORGCUE\nحزب\tCTXORG2\nجبل\tLOCCUE\nجبل\tLOC\n").unwrap();
        assert!(c.is_cue_word("حزب"));
        assert!(!c.is_cue_word("جبل"));
        assert!(!c.is_cue_word("بغداد"));
    }

    #[test]
    fn features_are_deterministic_and_context_sensitive() {
        let f = Featurizer::empty();
        let a = f.sentence(&["قال", "محمد", "."]);
        let b = f.sentence(&["قال", "محمد", "."]);
        assert_eq!(a.feats, b.feats);
        assert_eq!(a.len(), 3);
        let c = f.sentence(&["زار", "محمد", "."]);
        assert_ne!(a.token(1), c.token(1));
        assert_eq!(word_key("1,200"), "<num>");
    }
}
