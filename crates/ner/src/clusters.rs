//! Word clusters learned from unlabelled news: distributional features for
//! words the annotated corpus never showed.
//!
//! [`train`] learns skip-gram word vectors with negative sampling
//! (word2vec's SGNS) over normalised tokens, then groups the vectors with
//! spherical k-means at several granularities. A word's cluster ids at
//! each granularity are the features the tagger uses: a name unseen in
//! ANERcorp still shares a cluster with the names that were.
//!
//! Everything is single-threaded where order matters and seeded, so the
//! same corpus and [`ClusterConfig`] give the same table. The table is
//! derived statistics (word → small integers), stored as
//! `data/ner/clusters.tsv` ([`ClusterTable::to_tsv`]).

use crate::rng::Rng;
use std::collections::HashMap;

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Vector size.
    pub dim: usize,
    /// Maximum context distance (the effective window is sampled in `1..=window`).
    pub window: usize,
    /// Negative samples per context word.
    pub negative: usize,
    /// Passes over the corpus.
    pub epochs: usize,
    /// Words seen fewer times are left out.
    pub min_count: u32,
    /// Keep at most this many words (most frequent first).
    pub max_vocab: usize,
    /// Down-sampling threshold of frequent words.
    pub subsample: f64,
    /// Starting learning rate.
    pub alpha: f32,
    /// Numbers of clusters, one table column each.
    pub ks: Vec<usize>,
    /// k-means iterations.
    pub kmeans_iters: usize,
    /// Seed of every random choice.
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            dim: 80,
            window: 5,
            negative: 5,
            epochs: 3,
            min_count: 5,
            max_vocab: 200_000,
            subsample: 1e-4,
            alpha: 0.025,
            ks: vec![64, 320, 1600],
            kmeans_iters: 12,
            seed: 20070101,
        }
    }
}

/// Word → cluster ids, one per granularity.
#[derive(Debug, Clone, Default)]
pub struct ClusterTable {
    /// Numbers of clusters of each column.
    pub ks: Vec<usize>,
    map: HashMap<String, Vec<u16>>,
}

/// A malformed cluster table.
#[derive(Debug, thiserror::Error)]
#[error("cluster table line {line}: {msg}")]
pub struct ClusterError {
    pub line: usize,
    pub msg: String,
}

impl ClusterTable {
    /// The cluster ids of a normalised word.
    pub fn get(&self, w: &str) -> Option<&[u16]> {
        self.map.get(w).map(Vec::as_slice)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the table has no word.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The TSV form: `#` comment lines, a `word k1 k2 …` header giving the
    /// cluster counts, then `word<TAB>id<TAB>id…`, words sorted.
    pub fn to_tsv(&self, comment: &str) -> String {
        let mut out = String::new();
        for l in comment.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        out.push_str("word");
        for k in &self.ks {
            out.push_str(&format!("\t{k}"));
        }
        out.push('\n');
        let mut words: Vec<(&String, &Vec<u16>)> = self.map.iter().collect();
        words.sort();
        // a word that would read as a comment or an empty key is left out
        for (w, ids) in words.into_iter().filter(|(w, _)| !w.is_empty() && !w.starts_with('#')) {
            out.push_str(w);
            for id in ids {
                out.push_str(&format!("\t{id}"));
            }
            out.push('\n');
        }
        out
    }

    /// Parse [`ClusterTable::to_tsv`] output.
    pub fn from_tsv(text: &str) -> Result<ClusterTable, ClusterError> {
        let mut t = ClusterTable::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let w = cols.next().unwrap_or("");
            if w == "word" && t.ks.is_empty() {
                t.ks = cols
                    .map(|c| c.parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| ClusterError {
                        line: i + 1,
                        msg: format!("bad header: {e}"),
                    })?;
                continue;
            }
            let ids: Vec<u16> = cols
                .map(|c| c.parse::<u16>())
                .collect::<Result<_, _>>()
                .map_err(|e| ClusterError {
                    line: i + 1,
                    msg: format!("bad cluster id: {e}"),
                })?;
            if ids.len() != t.ks.len() {
                return Err(ClusterError {
                    line: i + 1,
                    msg: format!("expected {} ids, found {}", t.ks.len(), ids.len()),
                });
            }
            t.map.insert(w.to_string(), ids);
        }
        Ok(t)
    }
}

/// Learn a cluster table from sentences of normalised tokens.
///
/// `progress` is called with a short message after each phase.
pub fn train(sentences: &[Vec<String>], cfg: &ClusterConfig, mut progress: impl FnMut(&str)) -> ClusterTable {
    // vocabulary, most frequent first, ties by word for determinism
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts.into_iter().filter(|&(_, c)| c >= cfg.min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(cfg.max_vocab);
    let index: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, (w, _))| (*w, i as u32)).collect();
    let corpus: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .filter_map(|w| index.get(w.as_str()).copied())
                .collect::<Vec<u32>>()
        })
        .filter(|s| s.len() > 1)
        .collect();
    let total: u64 = corpus.iter().map(|s| s.len() as u64).sum();
    progress(&format!("vocabulary {} words, {} training tokens", vocab.len(), total));
    let vecs = sgns(
        &corpus,
        &vocab.iter().map(|v| v.1).collect::<Vec<_>>(),
        cfg,
        &mut progress,
    );
    let mut table = ClusterTable {
        ks: cfg.ks.clone(),
        map: vocab.iter().map(|(w, _)| (w.to_string(), Vec::new())).collect(),
    };
    for &k in &cfg.ks {
        let assign = kmeans(&vecs, cfg.dim, k, cfg.kmeans_iters, cfg.seed ^ k as u64);
        for (i, (w, _)) in vocab.iter().enumerate() {
            if let Some(ids) = table.map.get_mut(*w) {
                ids.push(assign[i]);
            }
        }
        progress(&format!("k-means with {k} clusters done"));
    }
    table
}

fn sigmoid(x: f32) -> f32 {
    if x > 8.0 {
        1.0
    } else if x < -8.0 {
        0.0
    } else {
        1.0 / (1.0 + (-x).exp())
    }
}

/// Skip-gram with negative sampling; returns L2-normalised input vectors,
/// row-major `V × dim`.
fn sgns(corpus: &[Vec<u32>], freq: &[u32], cfg: &ClusterConfig, progress: &mut impl FnMut(&str)) -> Vec<f32> {
    let v = freq.len();
    let d = cfg.dim;
    let mut rng = Rng::new(cfg.seed);
    let mut syn0: Vec<f32> = (0..v * d).map(|_| (rng.unit() - 0.5) / d as f32).collect();
    let mut syn1 = vec![0f32; v * d];
    // unigram^0.75 table for negatives
    let table_size = 10_000_000usize.min(v * 100).max(1);
    let pw: Vec<f64> = freq.iter().map(|&c| (c as f64).powf(0.75)).collect();
    let sum: f64 = pw.iter().sum();
    let mut table = Vec::with_capacity(table_size);
    let mut acc = 0f64;
    let mut wi = 0usize;
    for t in 0..table_size {
        let target = (t as f64 + 0.5) / table_size as f64 * sum;
        while wi + 1 < v && acc + pw[wi] < target {
            acc += pw[wi];
            wi += 1;
        }
        table.push(wi as u32);
    }
    let total_words: f64 = freq.iter().map(|&c| c as f64).sum();
    let keep: Vec<f32> = freq
        .iter()
        .map(|&c| {
            let f = c as f64 / total_words;
            let t = cfg.subsample;
            (((f / t).sqrt() + 1.0) * t / f).min(1.0) as f32
        })
        .collect();
    let train_total = (corpus.iter().map(|s| s.len()).sum::<usize>() * cfg.epochs) as f64;
    let mut seen = 0f64;
    let mut grad = vec![0f32; d];
    let mut sent = Vec::new();
    for epoch in 0..cfg.epochs {
        for s in corpus {
            seen += s.len() as f64;
            let alpha = (cfg.alpha * (1.0 - (seen / train_total) as f32)).max(cfg.alpha * 1e-4);
            sent.clear();
            sent.extend(s.iter().copied().filter(|&w| rng.unit() < keep[w as usize]));
            for (pos, &w) in sent.iter().enumerate() {
                let b = 1 + rng.below(cfg.window);
                let lo = pos.saturating_sub(b);
                let hi = (pos + b + 1).min(sent.len());
                for (cpos, &c) in sent.iter().enumerate().take(hi).skip(lo) {
                    if cpos == pos {
                        continue;
                    }
                    // predict w from c
                    let ci = c as usize * d;
                    grad.iter_mut().for_each(|g| *g = 0.0);
                    for n in 0..=cfg.negative {
                        let (target, label) = if n == 0 {
                            (w, 1.0)
                        } else {
                            let t = table[rng.below(table.len())];
                            if t == w {
                                continue;
                            }
                            (t, 0.0)
                        };
                        let ti = target as usize * d;
                        let dot: f32 = syn0[ci..ci + d].iter().zip(&syn1[ti..ti + d]).map(|(a, b)| a * b).sum();
                        let g = (label - sigmoid(dot)) * alpha;
                        for k in 0..d {
                            grad[k] += g * syn1[ti + k];
                            syn1[ti + k] += g * syn0[ci + k];
                        }
                    }
                    for k in 0..d {
                        syn0[ci + k] += grad[k];
                    }
                }
            }
        }
        progress(&format!("embedding epoch {} of {} done", epoch + 1, cfg.epochs));
    }
    for row in syn0.chunks_mut(d) {
        let n = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-8);
        row.iter_mut().for_each(|x| *x /= n);
    }
    syn0
}

/// Spherical k-means over L2-normalised rows; returns each row's cluster.
fn kmeans(vecs: &[f32], d: usize, k: usize, iters: usize, seed: u64) -> Vec<u16> {
    let n = vecs.len() / d;
    let k = k.min(n).max(1);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut cent: Vec<f32> = order[..k]
        .iter()
        .flat_map(|&i| vecs[i * d..(i + 1) * d].iter().copied())
        .collect();
    let mut assign = vec![0u16; n];
    for _ in 0..iters {
        use rayon::prelude::*;
        let new: Vec<u16> = (0..n)
            .into_par_iter()
            .map(|i| {
                let x = &vecs[i * d..(i + 1) * d];
                let mut best = (f32::MIN, 0usize);
                for (c, cv) in cent.chunks(d).enumerate() {
                    let s: f32 = x.iter().zip(cv).map(|(a, b)| a * b).sum();
                    if s > best.0 {
                        best = (s, c);
                    }
                }
                best.1 as u16
            })
            .collect();
        let changed = new.iter().zip(&assign).filter(|(a, b)| a != b).count();
        assign = new;
        let mut sums = vec![0f32; k * d];
        let mut sizes = vec![0usize; k];
        for (i, &a) in assign.iter().enumerate() {
            sizes[a as usize] += 1;
            for (s, x) in sums[a as usize * d..(a as usize + 1) * d]
                .iter_mut()
                .zip(&vecs[i * d..(i + 1) * d])
            {
                *s += x;
            }
        }
        for c in 0..k {
            let row = &mut sums[c * d..(c + 1) * d];
            if sizes[c] == 0 {
                // re-seed an empty cluster with a random word
                let i = rng.below(n);
                row.copy_from_slice(&vecs[i * d..(i + 1) * d]);
            }
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-8);
            row.iter_mut().for_each(|x| *x /= norm);
        }
        cent = sums;
        if changed == 0 {
            break;
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_share_clusters_and_table_round_trips() {
        // two families of words that occur in distinct contexts
        let mut sents = Vec::new();
        let mut rng = Rng::new(1);
        let a = ["قال", "اعلن", "اكد"];
        let b = ["دمشق", "بغداد", "القاهره"];
        for _ in 0..3000 {
            let x = a[rng.below(3)];
            let y = b[rng.below(3)];
            sents.push(vec![
                "الرئيس".to_string(),
                x.to_string(),
                "اليوم".to_string(),
                "في".to_string(),
                y.to_string(),
                "العاصمه".to_string(),
            ]);
        }
        let cfg = ClusterConfig {
            dim: 16,
            ks: vec![2],
            epochs: 2,
            min_count: 1,
            subsample: 1.0,
            ..ClusterConfig::default()
        };
        let t = train(&sents, &cfg, |_| {});
        let c = |w: &str| t.get(w).unwrap()[0];
        assert_eq!(c("قال"), c("اكد"));
        assert_eq!(c("دمشق"), c("بغداد"));
        let back = ClusterTable::from_tsv(&t.to_tsv("test")).unwrap();
        assert_eq!(back.len(), t.len());
        assert_eq!(back.get("دمشق"), t.get("دمشق"));
        assert!(ClusterTable::from_tsv("word\t2\nx\t1\t2\n").is_err());
    }
}
