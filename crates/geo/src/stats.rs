//! Counting how gazetteer names are used in a news corpus, to tell place
//! names from common words (see [`crate::compile::word_score`]).

use crate::compile::NameStats;
use crate::cues::{CueRole, Cues};
use crate::gazetteer::Gazetteer;
use crate::matching::find_names;
use marsad_text::Analyzed;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Usage of the corpus: counts per gazetteer name key, counts per
/// definite word (`ال…`: occurrences, and how many follow a specific type
/// cue), and the number of articles read.
pub struct CorpusCounts {
    pub names: HashMap<String, NameStats>,
    pub words: HashMap<String, (u32, u32)>,
    pub articles: usize,
}

/// Count every name key of `g`, and every definite word, in the articles
/// of a JSON Lines corpus (`title` and `text` fields; gzipped if the file
/// ends in `.gz`).
pub fn count(g: &Gazetteer, corpus: &Path, limit: Option<usize>, cues: &Cues) -> std::io::Result<CorpusCounts> {
    let f = std::fs::File::open(corpus)?;
    let reader: Box<dyn BufRead> = if corpus.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    };
    let mut texts = Vec::new();
    for line in reader.lines() {
        let line = line?;
        if limit.is_some_and(|l| texts.len() >= l) {
            break;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        for field in ["title", "text"] {
            if let Some(t) = v.get(field).and_then(|x| x.as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    let articles = texts.len() / 2;
    type Local = (HashMap<String, NameStats>, HashMap<String, (u32, u32)>);
    let (names, words) = texts
        .par_chunks(256)
        .map(|chunk| {
            let mut local: Local = Default::default();
            for t in chunk {
                let a = Analyzed::new(t);
                count_text(g, &a, cues, &mut local.0);
                count_words(&a, cues, &mut local.1);
            }
            local
        })
        .reduce(Local::default, |mut a, b| {
            for (k, s) in b.0 {
                let e = a.0.entry(k).or_default();
                e.n += s.n;
                e.cued += s.cued;
                e.prep += s.prep;
            }
            for (k, (n, c)) in b.1 {
                let e = a.1.entry(k).or_default();
                e.0 += n;
                e.1 += c;
            }
            a
        });
    Ok(CorpusCounts { names, words, articles })
}

/// Count definite words (`ال…`, proclitics read off) and how many follow a
/// specific type cue.
pub fn count_words(a: &Analyzed, cues: &Cues, out: &mut HashMap<String, (u32, u32)>) {
    for i in 0..a.tokens.len() {
        if a.tokens[i].kind != marsad_text::TokenKind::Word {
            continue;
        }
        let w = a.tok(i);
        let w = ["وال", "بال", "فال", "كال", "ال"]
            .iter()
            .find_map(|p| w.strip_prefix(p).map(|r| format!("ال{r}")))
            .unwrap_or_else(|| w.to_string());
        if !w.starts_with("ال") || w.chars().count() < 4 {
            continue;
        }
        let cued = i > 0
            && cues
                .get(a.tok(i - 1))
                .is_some_and(|(c, _)| c.role == CueRole::Type && !c.generic);
        let e = out.entry(w).or_default();
        e.0 += 1;
        e.1 += cued as u32;
    }
}

/// Add the name occurrences of one analysed text to `out`.
pub fn count_text(g: &Gazetteer, a: &Analyzed, cues: &Cues, out: &mut HashMap<String, NameStats>) {
    let mut seen: HashSet<(usize, usize, &str)> = HashSet::new();
    let hits = find_names(g, a, 0, a.tokens.len());
    // a name inside a longer one is not used on its own ("دير" in "دير الزور")
    let longest: std::collections::HashMap<usize, usize> = hits.iter().fold(Default::default(), |mut m, h| {
        let e = m.entry(h.tok_start).or_insert(h.tok_end);
        *e = (*e).max(h.tok_end);
        m
    });
    for h in hits {
        if longest.get(&h.tok_start).is_some_and(|&e| e > h.tok_end) {
            continue;
        }
        let key = g.name_key_of(h.name);
        if !seen.insert((h.tok_start, h.tok_end, key)) {
            continue;
        }
        let e = out.entry(key.to_string()).or_default();
        e.n += 1;
        let before = if h.tok_start > 0 {
            cues.get(a.tok(h.tok_start - 1)).map(|c| (c.0.role, c.0.generic))
        } else {
            None
        };
        match before {
            Some((CueRole::Type | CueRole::Dir | CueRole::Area, false)) => e.cued += 1,
            Some((CueRole::Type, true) | (CueRole::Near, _)) => {}
            Some((CueRole::Prep, _)) => e.prep += 1,
            _ if h.proclitic.contains('ب') => e.prep += 1,
            _ => {}
        }
    }
}
