//! The second stage: features from the first stage's tags of the same
//! word elsewhere in the document.
//!
//! A name is usually written in full once and then repeated ("إيهود
//! أولمرت" … "أولمرت"); a first-pass tagger that is sure of it in one place
//! and unsure in another can be made consistent by telling a second pass
//! what the first pass said about every other occurrence of the word in the
//! surrounding sentences. Training uses first-pass tags obtained by
//! cross-validation (jackknifing), so that the second pass learns how far
//! to trust first-pass tags on text the first pass has not seen.

use crate::features::SentenceFeatures;
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Sentences on each side that count as the same document.
pub const WINDOW: usize = 25;

fn type_of(tag: &str) -> &str {
    tag.split_once('-').map(|(_, k)| k).unwrap_or("O")
}

fn h(name: &str, val: &str) -> u64 {
    let mut b = String::with_capacity(name.len() + val.len() + 1);
    b.push_str(name);
    b.push('\u{2}');
    b.push_str(val);
    xxh3_64(b.as_bytes())
}

/// Counts of first-pass types per word key in a range of sentences.
#[derive(Default)]
struct Counts<'a> {
    map: HashMap<&'a str, Vec<(&'a str, u32)>>,
}

impl<'a> Counts<'a> {
    fn add(&mut self, key: &'a str, ty: &'a str, d: i32) {
        let v = self.map.entry(key).or_default();
        match v.iter_mut().find(|(t, _)| *t == ty) {
            Some(x) => x.1 = (x.1 as i32 + d) as u32,
            None if d > 0 => v.push((ty, d as u32)),
            None => {}
        }
    }
}

fn agg_features(out: &mut Vec<u64>, name: &str, counts: Option<&Vec<(&str, u32)>>, own: &str) {
    if let Some(t) = agg_type(counts, own) {
        out.push(h(name, t.0));
        if let Some(share) = t.1 {
            out.push(h(name, &format!("{}:{share}", t.0)));
        }
    }
}

/// The first-pass type other occurrences mostly had (`O` when never an
/// entity), and whether entity readings are the majority.
fn agg_type<'a>(counts: Option<&Vec<(&'a str, u32)>>, own: &str) -> Option<(&'a str, Option<&'static str>)> {
    let v = counts?;
    // the token's own tag is excluded
    let mut total = 0u32;
    let mut ents = 0u32;
    let mut best: Option<(&str, u32)> = None;
    for &(t, c) in v {
        let c = if t == own { c.saturating_sub(1) } else { c };
        total += c;
        if t != "O" {
            ents += c;
            if c > 0 && best.is_none_or(|(bt, bc)| c > bc || (c == bc && t < bt)) {
                best = Some((t, c));
            }
        }
    }
    if total == 0 {
        return None;
    }
    Some(match best {
        None => ("O", None),
        Some((t, _)) => (t, Some(if ents * 2 >= total { "maj" } else { "min" })),
    })
}

/// Add second-stage features to the first-stage features of a sequence of
/// sentences (one document, or a corpus read in order).
///
/// `keys[s][i]` and `stems[s][i]` are the word key and clitic-stripped stem
/// of token `i` of sentence `s`; `tags[s][i]` its first-pass tag.
pub fn add_context_features<'a>(
    base: &mut [SentenceFeatures],
    keys: &[Vec<&'a str>],
    stems: &[Vec<&'a str>],
    tags: &[Vec<&'a str>],
) {
    for (b, extra) in base.iter_mut().zip(context_features(keys, stems, tags)) {
        *b = b.with_extra(&extra);
    }
}

/// The second-stage features alone: `out[s][i]` for token `i` of sentence `s`.
pub fn context_features<'a>(
    keys: &[Vec<&'a str>],
    stems: &[Vec<&'a str>],
    tags: &[Vec<&'a str>],
) -> Vec<Vec<Vec<u64>>> {
    let n = keys.len();
    let mut all = Vec::with_capacity(n);
    // sliding window of counts
    let mut kc: Counts<'a> = Counts::default();
    let mut sc: Counts<'a> = Counts::default();
    let add_sentence = |kc: &mut Counts<'a>, sc: &mut Counts<'a>, s: usize, d: i32| {
        for i in 0..keys[s].len() {
            let ty = type_of(tags[s][i]);
            kc.add(keys[s][i], ty, d);
            sc.add(stems[s][i], ty, d);
        }
    };
    for s in 0..WINDOW.min(n) {
        add_sentence(&mut kc, &mut sc, s, 1);
    }
    for s in 0..n {
        if s + WINDOW < n {
            add_sentence(&mut kc, &mut sc, s + WINDOW, 1);
        }
        if s > WINDOW {
            add_sentence(&mut kc, &mut sc, s - WINDOW - 1, -1);
        }
        let len = keys[s].len();
        let mut extra: Vec<Vec<u64>> = Vec::with_capacity(len);
        for i in 0..len {
            let mut out = Vec::with_capacity(10);
            let own = type_of(tags[s][i]);
            out.push(h("p1", tags[s][i]));
            out.push(h("p1-1", if i > 0 { tags[s][i - 1] } else { "<s>" }));
            out.push(h("p1+1", if i + 1 < len { tags[s][i + 1] } else { "</s>" }));
            out.push(h("p1w", &format!("{}|{}", tags[s][i], keys[s][i])));
            agg_features(&mut out, "agg", kc.map.get(keys[s][i]), own);
            agg_features(&mut out, "aggs", sc.map.get(stems[s][i]), own);
            // what the neighbours were elsewhere ("فايزة" before a known "أبوالنجا")
            for (d, name) in [(-1isize, "agg-1"), (1, "agg+1")] {
                let j = i as isize + d;
                if j < 0 || j as usize >= len {
                    continue;
                }
                let j = j as usize;
                if let Some((t, _)) = agg_type(kc.map.get(keys[s][j]), type_of(tags[s][j])) {
                    out.push(h(name, &format!("{t}|{}", tags[s][j])));
                }
            }
            extra.push(out);
        }
        all.push(extra);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_occurrences_inform_each_token() {
        let keys = vec![vec!["قال", "اولمرت"], vec!["ايهود", "اولمرت"]];
        let tags = vec![vec!["O", "O"], vec!["B-PERS", "I-PERS"]];
        let mut base = vec![
            SentenceFeatures {
                feats: vec![1, 2],
                offs: vec![0, 1, 2],
            },
            SentenceFeatures {
                feats: vec![3, 4],
                offs: vec![0, 1, 2],
            },
        ];
        add_context_features(&mut base, &keys, &keys, &tags);
        assert!(base[0].token(1).contains(&h("agg", "PERS")));
        assert!(!base[0].token(0).contains(&h("agg", "PERS")));
        // a token's own tag does not count
        assert!(!base[1].token(1).contains(&h("agg", "PERS")));
        assert!(base[1].token(1).contains(&h("agg", "O")));
        assert_eq!(base[0].token(1)[0], 2);
    }
}
