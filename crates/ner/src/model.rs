//! An averaged structured perceptron over BIO tags (first-order, Viterbi
//! decoding with BIO constraints), its training loop and its file format.
//!
//! File format (little-endian), compact because weights are pruned and
//! quantised to 16 bits:
//!
//! ```text
//! "MNER" u32 version=1
//! u64 resources fingerprint      (of the cluster table and name lists)
//! u32 T, then T tags as (u8 len, bytes)
//! f32 scale                      weight = i16 * scale
//! (T + 1) × T f32 transitions    row 0: start → tag; row p+1: tag p → tag
//! u32 F, F × u64 feature hashes (ascending), F × T i16 weights
//! ```

use crate::conll::Sentence;
use crate::features::{Featurizer, SentenceFeatures};
use crate::rng::Rng;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

type FeatMap = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// A malformed model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a marsad NER model (bad magic or version)")]
    Magic,
    #[error("model file is truncated")]
    Truncated,
    #[error("model has no tags")]
    NoTags,
    #[error("the model was trained with other word clusters or name lists (retrain it)")]
    Resources,
}

/// The trained tagger's parameters.
pub struct Model {
    /// Fingerprint of the cluster table and name lists the model was
    /// trained with ([`resources_fingerprint`]).
    pub resources: u64,
    /// Tag names (`O`, `B-PERS`, …).
    pub tags: Vec<String>,
    /// The BIO form of each tag (`S-X` → `B-X`, `E-X` → `I-X`).
    pub bio: Vec<String>,
    /// `(T + 1) × T`: row 0 from the start, row `p + 1` from tag `p`.
    trans: Vec<f32>,
    index: FeatMap,
    /// `F × T`.
    weights: Vec<f32>,
    /// `allowed[p * T + t]`: may tag `t` follow tag `p` (row T: start).
    allowed: Vec<bool>,
    /// Subtracted from the score of `O` at every token when decoding: a
    /// positive value trades precision for recall.
    pub o_bias: f32,
}

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Drop features whose largest averaged weight is below this.
    pub prune: f32,
    /// Probability of hiding a token's identity features in a training pass.
    pub word_dropout: f32,
    /// Learn BIOES tags (begin, inside, end, single) instead of BIO.
    pub bioes: bool,
    /// Models averaged (see [`train_features`]).
    pub ensemble: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 20070101,
            prune: 1.0,
            word_dropout: 0.0,
            bioes: false,
            ensemble: 1,
        }
    }
}

/// Which tag may follow which: `a[p * T + t]` for tag `p` then `t`, row
/// `T` for the sentence start, and `a[(T + 1) * T + t]` whether `t` may end
/// a sentence. BIO: `I-X` continues `B-X`/`I-X`. BIOES (when the tag set
/// has `E-`/`S-` tags): `I-X`/`E-X` continue `B-X`/`I-X`, which must be
/// continued.
fn allowed_matrix(tags: &[String]) -> Vec<bool> {
    let t = tags.len();
    let bioes = tags.iter().any(|x| x.starts_with("E-") || x.starts_with("S-"));
    let split = |x: &str| -> (char, String) {
        match x.split_once('-') {
            Some((b, k)) => (b.chars().next().unwrap_or('O'), k.to_string()),
            None => ('O', String::new()),
        }
    };
    let parts: Vec<(char, String)> = tags.iter().map(|x| split(x)).collect();
    let mut a = vec![true; (t + 2) * t];
    for (j, (bj, kj)) in parts.iter().enumerate() {
        for p in 0..=t {
            let prev = parts.get(p);
            let open = |pp: Option<&(char, String)>| matches!(pp, Some((b, _)) if *b == 'B' || (*b == 'I' && bioes));
            let ok = match bj {
                'I' | 'E' => matches!(prev, Some((b, k)) if (*b == 'B' || *b == 'I') && k == kj),
                _ => !(bioes && open(prev)),
            };
            a[p * t + j] = ok;
        }
        a[(t + 1) * t + j] = !(bioes && (*bj == 'B' || *bj == 'I'));
    }
    a
}

/// BIOES tags of BIO tags (a one-token entity is `S-X`, a last token `E-X`).
pub fn to_bioes(tags: &[String]) -> Vec<String> {
    let n = tags.len();
    (0..n)
        .map(|i| {
            let next_continues = i + 1 < n && tags[i + 1].starts_with("I-");
            match tags[i].split_once('-') {
                Some(("B", k)) if !next_continues => format!("S-{k}"),
                Some(("I", k)) if !next_continues => format!("E-{k}"),
                _ => tags[i].clone(),
            }
        })
        .collect()
}

/// The BIO form of a BIO or BIOES tag.
pub fn to_bio(tag: &str) -> String {
    match tag.split_once('-') {
        Some(("S", k)) => format!("B-{k}"),
        Some(("E", k)) => format!("I-{k}"),
        _ => tag.to_string(),
    }
}

/// Viterbi over emission scores `em` (`n × T`), transitions and constraints.
fn viterbi(em: &[f32], n: usize, t: usize, trans: &[f32], allowed: &[bool], out: &mut Vec<usize>) {
    out.clear();
    if n == 0 {
        return;
    }
    let mut score = vec![f32::NEG_INFINITY; n * t];
    let mut back = vec![0u16; n * t];
    for j in 0..t {
        if allowed[t * t + j] {
            score[j] = trans[j] + em[j];
        }
    }
    for i in 1..n {
        for j in 0..t {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..t {
                if !allowed[p * t + j] {
                    continue;
                }
                let s = score[(i - 1) * t + p] + trans[(p + 1) * t + j];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i * t + j] = best + em[i * t + j];
            back[i * t + j] = arg as u16;
        }
    }
    let mut j = (0..t)
        .max_by(|&a, &b| {
            score[(n - 1) * t + a]
                .total_cmp(&score[(n - 1) * t + b])
                .then(b.cmp(&a))
        })
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = j;
        j = back[i * t + j] as usize;
    }
}

impl Model {
    /// Number of features kept.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// Add this model's weights of `feats` to the `T` scores in `row`.
    pub fn add_scores(&self, feats: &[u64], row: &mut [f32]) {
        let t = self.tags.len();
        for f in feats {
            if let Some(&k) = self.index.get(f) {
                let w = &self.weights[k as usize * t..(k as usize + 1) * t];
                for (r, x) in row.iter_mut().zip(w) {
                    *r += x;
                }
            }
        }
    }

    /// Best tag indices given emission scores (`n × T`, modified: the O
    /// bias is applied).
    pub fn decode_scores(&self, em: &mut [f32], out: &mut Vec<usize>) {
        let t = self.tags.len();
        let n = em.len() / t;
        for row in em.chunks_mut(t) {
            row[0] -= self.o_bias;
        }
        viterbi(em, n, t, &self.trans, &self.allowed, out);
    }

    /// Best tag indices for a sentence's features.
    pub fn decode(&self, sf: &SentenceFeatures, out: &mut Vec<usize>) {
        let t = self.tags.len();
        let n = sf.len();
        let mut em = vec![0f32; n * t];
        for (i, row) in em.chunks_mut(t).enumerate() {
            self.add_scores(sf.token(i), row);
        }
        self.decode_scores(&mut em, out);
    }

    /// The model in its file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let t = self.tags.len();
        let mut out = Vec::new();
        out.extend_from_slice(b"MNER");
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&self.resources.to_le_bytes());
        out.extend_from_slice(&(t as u32).to_le_bytes());
        for tag in &self.tags {
            out.push(tag.len() as u8);
            out.extend_from_slice(tag.as_bytes());
        }
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / 32767.0;
        out.extend_from_slice(&scale.to_le_bytes());
        for x in &self.trans {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(k, v)| (*k, *v)).collect();
        keys.sort();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, _) in &keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, v) in &keys {
            for x in &self.weights[*v as usize * t..(*v as usize + 1) * t] {
                let q = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out.extend_from_slice(&self.o_bias.to_le_bytes());
        out
    }

    /// Read a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { b, at: 0 };
        if r.take(4)? != b"MNER" || r.u32()? != 1 {
            return Err(ModelError::Magic);
        }
        let resources = u64::from_le_bytes(r.take(8)?.try_into().map_err(|_| ModelError::Truncated)?);
        let t = r.u32()? as usize;
        if t == 0 {
            return Err(ModelError::NoTags);
        }
        let mut tags = Vec::with_capacity(t);
        for _ in 0..t {
            let len = r.take(1)?[0] as usize;
            tags.push(String::from_utf8_lossy(r.take(len)?).into_owned());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        let mut trans = Vec::with_capacity((t + 1) * t);
        for _ in 0..(t + 1) * t {
            trans.push(f32::from_le_bytes(
                r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?,
            ));
        }
        let f = r.u32()? as usize;
        let keys = r.take(f * 8)?;
        let ws = r.take(f * t * 2)?;
        let mut index = FeatMap::with_capacity_and_hasher(f, Default::default());
        for (i, k) in keys.chunks_exact(8).enumerate() {
            index.insert(
                u64::from_le_bytes(k.try_into().map_err(|_| ModelError::Truncated)?),
                i as u32,
            );
        }
        let weights = ws
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 * scale)
            .collect();
        let allowed = allowed_matrix(&tags);
        // optional trailer
        let o_bias = r
            .take(4)
            .ok()
            .and_then(|b| b.try_into().ok())
            .map(f32::from_le_bytes)
            .unwrap_or(0.0);
        Ok(Model {
            o_bias,
            resources,
            bio: tags.iter().map(|x| to_bio(x)).collect(),
            tags,
            trans,
            index,
            weights,
            allowed,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self.b.get(self.at..self.at + n).ok_or(ModelError::Truncated)?;
        self.at += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| ModelError::Truncated)?,
        ))
    }
}

/// Two models' weights in one table, so that the features both passes of
/// a tagger share are looked up once.
pub struct Pair {
    t: usize,
    index: FeatMap,
    /// `2T` per feature: the first model's weights, then the second's.
    weights: Vec<f32>,
}

impl Pair {
    /// The pair of two models over the same tags.
    pub fn new(a: &Model, b: &Model) -> Option<Pair> {
        if a.tags != b.tags {
            return None;
        }
        let t = a.tags.len();
        let mut keys: Vec<u64> = a.index.keys().chain(b.index.keys()).copied().collect();
        keys.sort_unstable();
        keys.dedup();
        let mut index = FeatMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut weights = vec![0f32; keys.len() * 2 * t];
        for (slot, k) in keys.iter().enumerate() {
            index.insert(*k, slot as u32);
            for (m, off) in [(a, 0), (b, t)] {
                if let Some(&i) = m.index.get(k) {
                    weights[slot * 2 * t + off..slot * 2 * t + off + t]
                        .copy_from_slice(&m.weights[i as usize * t..(i as usize + 1) * t]);
                }
            }
        }
        Some(Pair { t, index, weights })
    }

    /// Add both models' weights of `feats` to `row_a` and `row_b`.
    pub fn add_scores(&self, feats: &[u64], row_a: &mut [f32], row_b: &mut [f32]) {
        let t = self.t;
        for f in feats {
            if let Some(&k) = self.index.get(f) {
                let w = &self.weights[k as usize * 2 * t..(k as usize + 1) * 2 * t];
                for (r, x) in row_a.iter_mut().zip(&w[..t]) {
                    *r += x;
                }
                for (r, x) in row_b.iter_mut().zip(&w[t..]) {
                    *r += x;
                }
            }
        }
    }
}

/// The fingerprint of a cluster table's and name lists' texts.
pub fn resources_fingerprint(clusters: &str, names: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(clusters.as_bytes()) ^ xxhash_rust::xxh3::xxh3_64(names.as_bytes()).rotate_left(1)
}

/// Replace an `I-X` that does not continue an `X` by `B-X` (what conlleval
/// reads it as), so that gold paths obey the decoder's constraints.
pub fn repair_bio(tags: &mut [String]) {
    let mut prev = String::from("O");
    for t in tags.iter_mut() {
        if let Some(k) = t.strip_prefix("I-")
            && prev != format!("B-{k}")
            && prev != format!("I-{k}")
        {
            *t = format!("B-{k}");
        }
        prev = t.clone();
    }
}

/// What [`train`] reports after each epoch.
pub struct EpochReport<'a> {
    pub epoch: usize,
    pub mistakes: usize,
    /// The averaged model so far (to score a development set).
    pub model: &'a Model,
}

/// Train a model on annotated sentences.
///
/// `weights` gives each sentence's update weight (1.0 for the main corpus,
/// less for auxiliary data). Deterministic for a given seed.
pub fn train(
    feat: &Featurizer,
    data: &[Sentence],
    weights: &[f32],
    cfg: &TrainConfig,
    on_epoch: impl FnMut(EpochReport<'_>),
) -> Model {
    use rayon::prelude::*;
    let feats: Vec<SentenceFeatures> = data.par_iter().map(|s| feat.sentence(&s.tokens)).collect();
    train_features(feat.fingerprint, &feats, data, weights, cfg, on_epoch)
}

/// Train on precomputed features (`feats[i]` for `data[i]`, whose tokens
/// are then unused). `fingerprint` is recorded in the model.
///
/// With `cfg.ensemble > 1`, trains that many models on different sentence
/// orders (seeds `seed`, `seed + 1`, …) and averages their weights
/// (parameter mixing), which steadies the result.
pub fn train_features(
    fingerprint: u64,
    feats: &[SentenceFeatures],
    data: &[Sentence],
    weights: &[f32],
    cfg: &TrainConfig,
    mut on_epoch: impl FnMut(EpochReport<'_>),
) -> Model {
    let k = cfg.ensemble.max(1);
    let mut models = Vec::with_capacity(k);
    for i in 0..k {
        let c = TrainConfig {
            seed: cfg.seed.wrapping_add(i as u64),
            ..cfg.clone()
        };
        models.push(train_one(fingerprint, feats, data, weights, &c, &mut on_epoch));
    }
    average_models(models)
}

/// The average of models over the same tag set (a feature missing from a
/// model counts as zero there); features below the smallest weight any
/// model kept are dropped again.
fn average_models(mut models: Vec<Model>) -> Model {
    if models.len() == 1 {
        return models.pop().expect("one model");
    }
    let k = models.len() as f32;
    let t = models[0].tags.len();
    let mut index = FeatMap::default();
    let mut weights: Vec<f32> = Vec::new();
    let mut keys: Vec<u64> = models.iter().flat_map(|m| m.index.keys().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let mut row = vec![0f32; t];
        for m in &models {
            if let Some(&i) = m.index.get(&key) {
                for (r, w) in row.iter_mut().zip(&m.weights[i as usize * t..(i as usize + 1) * t]) {
                    *r += w / k;
                }
            }
        }
        index.insert(key, (weights.len() / t) as u32);
        weights.extend(row);
    }
    let mut trans = vec![0f32; models[0].trans.len()];
    for m in &models {
        for (a, b) in trans.iter_mut().zip(&m.trans) {
            *a += b / k;
        }
    }
    let first = models.swap_remove(0);
    Model {
        index,
        weights,
        trans,
        ..first
    }
}

fn train_one(
    fingerprint: u64,
    feats: &[SentenceFeatures],
    data: &[Sentence],
    weights: &[f32],
    cfg: &TrainConfig,
    on_epoch: &mut impl FnMut(EpochReport<'_>),
) -> Model {
    let conv: Vec<Vec<String>> = data
        .iter()
        .map(|s| {
            let mut tags = s.tags.clone();
            repair_bio(&mut tags);
            if cfg.bioes { to_bioes(&tags) } else { tags }
        })
        .collect();
    let mut tagset: Vec<String> = conv.iter().flat_map(|s| s.iter().cloned()).collect();
    tagset.sort();
    tagset.dedup();
    if let Some(p) = tagset.iter().position(|t| t == "O") {
        let o = tagset.remove(p);
        tagset.insert(0, o);
    }
    let t = tagset.len();
    let tag_ix: HashMap<&str, usize> = tagset.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let gold: Vec<Vec<usize>> = conv
        .iter()
        .map(|tags| tags.iter().map(|x| tag_ix[x.as_str()]).collect())
        .collect();
    // index every feature seen
    let mut index = FeatMap::default();
    let ids: Vec<Vec<u32>> = feats
        .iter()
        .map(|sf| {
            sf.feats
                .iter()
                .map(|f| {
                    let n = index.len() as u32;
                    *index.entry(*f).or_insert(n)
                })
                .collect()
        })
        .collect();
    let nf = index.len();
    let mut w = vec![0f32; nf * t];
    let mut u = vec![0f32; nf * t]; // sum of c * delta for averaging
    let mut tr = vec![0f32; (t + 1) * t];
    let mut tru = vec![0f32; (t + 1) * t];
    let allowed = allowed_matrix(&tagset);
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut pred = Vec::new();
    let mut em = Vec::new();
    let mut first: Vec<usize> = Vec::new();
    let averaged = |w: &[f32], u: &[f32], tr: &[f32], tru: &[f32], c: f32, prune: f32| -> Model {
        let mut kept = FeatMap::default();
        let mut weights = Vec::new();
        for (k, &i) in &index {
            let row: Vec<f32> = (0..t)
                .map(|j| w[i as usize * t + j] - u[i as usize * t + j] / c)
                .collect();
            if row.iter().any(|x| x.abs() >= prune) {
                kept.insert(*k, (weights.len() / t) as u32);
                weights.extend(row);
            }
        }
        Model {
            resources: fingerprint,
            bio: tagset.iter().map(|x| to_bio(x)).collect(),
            tags: tagset.clone(),
            trans: tr.iter().zip(tru).map(|(a, b)| a - b / c).collect(),
            index: kept,
            weights,
            allowed: allowed.clone(),
            o_bias: 0.0,
        }
    };
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &si in &order {
            let sf = &feats[si];
            let sid = &ids[si];
            let n = sf.len();
            em.clear();
            em.resize(n * t, 0.0);
            first.clear();
            for (i, &g) in gold[si].iter().enumerate().take(n) {
                // hide the identity of name tokens only: names are what the
                // test text has never shown, its function words it has
                let drop = cfg.word_dropout > 0.0 && g != 0 && rng.unit() < cfg.word_dropout;
                first.push(sf.offs[i] + if drop { crate::features::LEXICAL } else { 0 });
            }
            for i in 0..n {
                for &f in &sid[first[i]..sf.offs[i + 1]] {
                    let wr = &w[f as usize * t..(f as usize + 1) * t];
                    for (e, x) in em[i * t..(i + 1) * t].iter_mut().zip(wr) {
                        *e += x;
                    }
                }
            }
            viterbi(&em, n, t, &tr, &allowed, &mut pred);
            let g = &gold[si];
            if pred != *g {
                mistakes += 1;
                let step = weights.get(si).copied().unwrap_or(1.0);
                for i in 0..n {
                    let (gt, pt) = (g[i], pred[i]);
                    if gt != pt {
                        for &f in &sid[first[i]..sf.offs[i + 1]] {
                            let f = f as usize;
                            w[f * t + gt] += step;
                            u[f * t + gt] += c * step;
                            w[f * t + pt] -= step;
                            u[f * t + pt] -= c * step;
                        }
                    }
                    let gp = if i == 0 { 0 } else { g[i - 1] + 1 };
                    let pp = if i == 0 { 0 } else { pred[i - 1] + 1 };
                    if gp != pp || gt != pt {
                        tr[gp * t + gt] += step;
                        tru[gp * t + gt] += c * step;
                        tr[pp * t + pt] -= step;
                        tru[pp * t + pt] -= c * step;
                    }
                }
            }
            c += 1.0;
        }
        let m = averaged(&w, &u, &tr, &tru, c, cfg.prune);
        on_epoch(EpochReport {
            epoch: epoch + 1,
            mistakes,
            model: &m,
        });
        if epoch + 1 == cfg.epochs {
            return m;
        }
    }
    averaged(&w, &u, &tr, &tru, c, cfg.prune)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(s: &str) -> Sentence {
        let mut out = Sentence::default();
        for p in s.split_whitespace() {
            let (w, t) = p.split_once('/').unwrap();
            out.tokens.push(w.into());
            out.tags.push(t.into());
        }
        out
    }

    #[test]
    fn learns_a_toy_language_and_round_trips() {
        let feat = Featurizer::empty();
        let data: Vec<Sentence> = [
            "قال/O الرئيس/O محمد/B-PERS علي/I-PERS في/O دمشق/B-LOC ./O",
            "زار/O الرئيس/O احمد/B-PERS حسن/I-PERS مدينة/O حلب/B-LOC ./O",
            "قال/O الرئيس/O سعيد/B-PERS في/O حمص/B-LOC ./O",
            "وصل/O الرئيس/O خالد/B-PERS عمر/I-PERS الى/O بغداد/B-LOC ./O",
        ]
        .iter()
        .map(|s| sent(s))
        .collect();
        let cfg = TrainConfig {
            epochs: 5,
            prune: 0.0,
            ..TrainConfig::default()
        };
        let m = train(&feat, &data, &[], &cfg, |_| {});
        let tag = |m: &Model, s: &[&str]| -> Vec<String> {
            let mut out = Vec::new();
            m.decode(&feat.sentence(s), &mut out);
            out.iter().map(|&i| m.tags[i].clone()).collect()
        };
        let got = tag(&m, &["قال", "الرئيس", "محمد", "علي", "في", "دمشق", "."]);
        assert_eq!(got, vec!["O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.tags, m.tags);
        assert_eq!(tag(&back, &["قال", "الرئيس", "محمد", "علي", "في", "دمشق", "."]), got);
        assert!(Model::from_bytes(b"XXXX").is_err());
        assert!(Model::from_bytes(&m.to_bytes()[..40]).is_err());
    }

    #[test]
    fn bio_repair_and_constraints() {
        let mut t: Vec<String> = ["O", "I-LOC", "I-LOC", "I-ORG"].iter().map(|s| s.to_string()).collect();
        repair_bio(&mut t);
        assert_eq!(t, vec!["O", "B-LOC", "I-LOC", "B-ORG"]);
        let tags: Vec<String> = ["O", "B-LOC", "I-LOC"].iter().map(|s| s.to_string()).collect();
        let a = allowed_matrix(&tags);
        // start -> I-LOC forbidden, O -> I-LOC forbidden, B-LOC -> I-LOC allowed
        assert!(!a[3 * 3 + 2]);
        assert!(!a[2]);
        assert!(a[3 + 2]);
    }
}
