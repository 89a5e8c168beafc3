//! Token-aligned, clitic-aware multi-pattern matching.
//!
//! Patterns are names in normalised form, their tokens joined by single
//! spaces ([`pattern_key`]). A text is turned into a [`MatchText`]: its
//! tokens' match forms joined by single spaces, where
//! * a dotted abbreviation loses its inner spaces (د. ب. أ → د.ب.ا), and
//! * a word beginning with لل (ل + ال with the alef dropped), optionally
//!   after و or ف, is spelled out as لال, so that للرقة meets الرقة.
//!
//! One pass of a daachorse automaton finds every occurrence (overlapping);
//! an occurrence is a [`Hit`] only if it ends at a token end and starts at a
//! token start or after a proclitic string (و ف ب ل ك and their pairs) at the
//! start of a token.

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};
use marsad_text::{Analyzed, TokenKind};
use std::borrow::Cow;

/// Proclitic strings allowed before a name inside its first token.
const PROCLITICS: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// The match form of token `i` of `a`.
fn match_form(a: &Analyzed, i: usize) -> Cow<'_, str> {
    let t = a.tokens[i];
    let s = a.tok(i);
    match t.kind {
        TokenKind::Abbrev => Cow::Owned(s.chars().filter(|c| !c.is_whitespace()).collect()),
        TokenKind::Word => {
            for p in ["لل", "ولل", "فلل"] {
                if let Some(rest) = s.strip_prefix(p)
                    && rest.chars().count() >= 2
                {
                    let head = &p[..p.len() - "ل".len()];
                    return Cow::Owned(format!("{head}ا{}{rest}", "ل"));
                }
            }
            Cow::Borrowed(s)
        }
        _ => Cow::Borrowed(s),
    }
}

/// The normalised key of a name as patterns are stored: its tokens' match
/// forms joined by single spaces.
pub fn pattern_key(name: &str) -> String {
    let a = Analyzed::new(name);
    let mut out = String::new();
    for i in 0..a.tokens.len() {
        if i > 0 {
            out.push(' ');
        }
        // A pattern spells its own article: do not expand لل in patterns
        // (a name such as "لله" would otherwise change).
        if a.tokens[i].kind == TokenKind::Word {
            out.push_str(a.tok(i));
        } else {
            out.push_str(&match_form(&a, i));
        }
    }
    out
}

/// The original char offset where a hit's name starts: after its
/// proclitics, except when the first token spells ل + ال as لل (then the
/// whole token is kept, since its first ل is shared).
pub fn name_start(a: &Analyzed, tok: usize, prefix_len: usize) -> u32 {
    let t = a.tokens[tok];
    if prefix_len == 0 {
        return t.start;
    }
    let w = a.tok(tok);
    let contracted = ["لل", "ولل", "فلل"].iter().any(|p| w.starts_with(p));
    if contracted && a.tokens[tok].kind == TokenKind::Word && w.len() >= prefix_len + "ل".len() {
        // the match form was ل+ال: the prefix ends inside the contraction
        let raw_prefix = &w[..prefix_len];
        if raw_prefix.ends_with('ل') {
            return t.start;
        }
    }
    a.norm.orig(t.nstart as usize + prefix_len)
}

/// A text prepared for matching.
pub struct MatchText {
    text: String,
    /// Byte offset in `text` where token `i` starts.
    starts: Vec<u32>,
    /// Byte offset in `text` where token `i` ends.
    ends: Vec<u32>,
}

impl MatchText {
    /// Prepare tokens `0..a.tokens.len()` of `a`.
    pub fn new(a: &Analyzed) -> MatchText {
        let mut text = String::with_capacity(a.norm.text.len() + 2);
        let mut starts = Vec::with_capacity(a.tokens.len());
        let mut ends = Vec::with_capacity(a.tokens.len());
        text.push(' ');
        for i in 0..a.tokens.len() {
            starts.push(text.len() as u32);
            text.push_str(&match_form(a, i));
            ends.push(text.len() as u32);
            text.push(' ');
        }
        MatchText { text, starts, ends }
    }

    /// The prepared text (tokens separated by single spaces).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The match form of token `i` (see the module docs).
    pub fn token_form(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.ends[i] as usize]
    }
}

/// A pattern found on whole tokens `tok_start..tok_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub tok_start: usize,
    pub tok_end: usize,
    /// Bytes of proclitics before the name inside the first token.
    pub prefix_len: usize,
    /// The value the pattern was registered with.
    pub value: u32,
}

/// An automaton over pattern keys, each carrying a `u32` value.
pub struct TokenMatcher {
    pma: Option<DoubleArrayAhoCorasick<u32>>,
    values: Vec<Vec<u32>>,
}

impl TokenMatcher {
    /// Build from `(name, value)` pairs. Names are keyed with
    /// [`pattern_key`]; a key shared by several values keeps them all.
    /// Keys shorter than two chars are ignored.
    pub fn build<I, S>(names: I) -> TokenMatcher
    where
        I: IntoIterator<Item = (S, u32)>,
        S: AsRef<str>,
    {
        let mut map: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        for (name, v) in names {
            let k = pattern_key(name.as_ref());
            if k.chars().count() < 2 {
                continue;
            }
            let e = map.entry(k).or_default();
            if !e.contains(&v) {
                e.push(v);
            }
        }
        let mut keys: Vec<(String, Vec<u32>)> = map.into_iter().collect();
        keys.sort();
        let values: Vec<Vec<u32>> = keys.iter().map(|(_, v)| v.clone()).collect();
        let pma = if keys.is_empty() {
            None
        } else {
            let patvals = keys.iter().enumerate().map(|(i, (k, _))| (k.as_str(), i as u32));
            Some(
                DoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build_with_values(patvals)
                    .expect("unique non-empty patterns always build"),
            )
        };
        TokenMatcher { pma, values }
    }

    /// Number of distinct pattern keys.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when no pattern was registered.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every token-aligned occurrence, one [`Hit`] per value of the pattern,
    /// in order of start.
    pub fn find_all(&self, mt: &MatchText) -> Vec<Hit> {
        let Some(pma) = &self.pma else { return Vec::new() };
        let mut out = Vec::new();
        for m in pma.find_overlapping_iter(&mt.text) {
            let (s, e) = (m.start() as u32, m.end() as u32);
            let Ok(last) = mt.ends.binary_search(&e) else { continue };
            let first = match mt.starts.binary_search(&s) {
                Ok(k) => k,
                Err(k) if k > 0 => k - 1,
                Err(_) => continue,
            };
            if first > last {
                continue;
            }
            let tok_start = mt.starts[first];
            if s < tok_start || s >= mt.ends[first] {
                continue;
            }
            let prefix = &mt.text[tok_start as usize..s as usize];
            if !PROCLITICS.contains(&prefix) {
                continue;
            }
            for &v in &self.values[m.value() as usize] {
                out.push(Hit {
                    tok_start: first,
                    tok_end: last + 1,
                    prefix_len: prefix.len(),
                    value: v,
                });
            }
        }
        out.sort_by_key(|h| (h.tok_start, std::cmp::Reverse(h.tok_end)));
        out
    }

    /// Leftmost-longest non-overlapping hits (one value per span: the first
    /// registered among equals, by `prefer` order, lower is better).
    pub fn find(&self, mt: &MatchText) -> Vec<Hit> {
        longest_non_overlapping(self.find_all(mt), |_| 0)
    }
}

/// Choose non-overlapping hits: longer spans first (more tokens), then
/// earlier, then by `rank` (lower is better), then shorter prefix.
pub fn longest_non_overlapping(mut hits: Vec<Hit>, rank: impl Fn(&Hit) -> i64) -> Vec<Hit> {
    hits.sort_by_key(|h| {
        (
            std::cmp::Reverse(h.tok_end - h.tok_start),
            h.tok_start,
            rank(h),
            h.prefix_len,
        )
    });
    let mut taken: Vec<Hit> = Vec::new();
    for h in hits {
        if taken
            .iter()
            .all(|t| h.tok_end <= t.tok_start || h.tok_start >= t.tok_end)
        {
            taken.push(h);
        }
    }
    taken.sort_by_key(|h| h.tok_start);
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(m: &TokenMatcher, text: &str) -> Vec<(String, u32)> {
        let a = Analyzed::new(text);
        let mt = MatchText::new(&a);
        m.find(&mt)
            .into_iter()
            .map(|h| (a.surface(h.tok_start, h.tok_end).to_string(), h.value))
            .collect()
    }

    #[test]
    fn matches_whole_tokens_with_clitics() {
        let m = TokenMatcher::build([
            ("الرقة", 1),
            ("دير الزور", 2),
            ("قوات سوريا الديمقراطية", 3),
            ("سوريا", 4),
        ]);
        assert_eq!(
            spans(&m, "دخلت قوات سوريا الديمقراطية والرقة ثم للرقه وبدير الزور. الرقاوي"),
            vec![
                ("قوات سوريا الديمقراطية".to_string(), 3),
                ("والرقة".to_string(), 1),
                ("للرقه".to_string(), 1),
                ("وبدير الزور".to_string(), 2)
            ]
        );
    }

    #[test]
    fn abbreviations_meet_their_spaced_forms() {
        let m = TokenMatcher::build([("د.ب.أ", 7)]);
        assert_eq!(spans(&m, "قال لـ(د. ب. أ)").len(), 1);
        assert_eq!(spans(&m, "وكالة د.ب.أ").len(), 1);
    }

    #[test]
    fn no_match_inside_words() {
        let m = TokenMatcher::build([("عين", 1)]);
        assert!(spans(&m, "عينه معينة").is_empty());
        assert_eq!(spans(&m, "بعين").len(), 1);
    }
}
