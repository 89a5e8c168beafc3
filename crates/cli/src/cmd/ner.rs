//! `marsad ner`: train, evaluate and inspect the named-entity model.

use crate::EXIT_OK;
use anyhow::{Context, Result};
use marsad_ingest::ReadOptions;
use marsad_ner::Tagger;
use marsad_ner::clusters::{self, ClusterConfig};
use marsad_ner::conll::{self, Score, Sentence};
use marsad_ner::model::TrainConfig;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    cmd: NerCommand,
}

#[derive(clap::Subcommand)]
enum NerCommand {
    /// Train the tagger on a CoNLL corpus (ANERcorp) and write the model file.
    Train(TrainArgs),
    /// Score the tagger on a CoNLL file: precision, recall and F1 per type
    /// and overall (exact span and type, like conlleval); the last line is
    /// `micro F1 0.xxxx`.
    Eval(EvalArgs),
    /// Tag a CoNLL file (or, with --text, plain text split into sentences by marsad) and print `token TAG` lines.
    Tag(TagArgs),
    /// Learn word clusters from unlabelled articles (word vectors + k-means)
    /// and write the cluster table the tagger reads (data/ner/clusters.tsv).
    Clusters(ClustersArgs),
}

#[derive(clap::Args)]
struct ClustersArgs {
    /// Articles (any input `marsad extract` reads), e.g. ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the table.
    #[arg(short, long, value_name = "FILE", default_value = "data/ner/clusters.tsv")]
    output: PathBuf,
    /// Vector size.
    #[arg(long, default_value_t = 80)]
    dim: usize,
    /// Passes over the corpus.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Context window (words on each side).
    #[arg(long, default_value_t = 5)]
    window: usize,
    /// Words seen fewer times get no cluster.
    #[arg(long, default_value_t = 5)]
    min_count: u32,
    /// Cluster counts, comma-separated.
    #[arg(long, default_value = "64,320,1600", value_delimiter = ',')]
    ks: Vec<usize>,
    /// Random seed.
    #[arg(long, default_value_t = 20070101)]
    seed: u64,
}

#[derive(clap::Args)]
struct TrainArgs {
    /// The training corpus (`token TAG` lines, blank line between sentences).
    #[arg(value_name = "CONLL", default_value = "../shared/data/anercorp/train.txt")]
    data: PathBuf,
    /// Hold out this last fraction of the corpus (contiguous) as the
    /// development split, report on it after each epoch, and train on the rest.
    /// 0 trains on everything (the shipped model).
    #[arg(long, default_value_t = 0.1)]
    dev_split: f64,
    /// Write the held-out development split here (CoNLL).
    #[arg(long, value_name = "FILE")]
    write_dev: Option<PathBuf>,
    /// Extra annotated corpora, as FILE:WEIGHT (update weight, e.g. 0.3).
    #[arg(long, value_name = "FILE:WEIGHT")]
    extra: Vec<String>,
    /// Passes over the data.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Cross-validation folds that produce first-pass tags for training the
    /// second pass; 0 or 1 trains a single pass.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Random seed (sentence order).
    #[arg(long, default_value_t = 20070101)]
    seed: u64,
    /// Drop features whose largest averaged weight is below this.
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
    /// Probability of hiding a token's identity features in a training
    /// pass (teaches the model to tag names it has not seen).
    #[arg(long, default_value_t = 0.2)]
    word_dropout: f32,
    /// Subtracted from the score of O at every token by the last pass
    /// (positive: more entities, trading precision for recall).
    #[arg(long, default_value_t = 0.0)]
    o_bias: f32,
    /// Models trained on different sentence orders and averaged.
    #[arg(long, default_value_t = 5)]
    ensemble: usize,
    /// Learn BIOES tags (begin, inside, end, single) instead of BIO
    /// (measured no better on the development split, and slower).
    #[arg(long)]
    bioes: bool,
    /// Word cluster table.
    #[arg(long, default_value = "data/ner/clusters.tsv")]
    clusters: PathBuf,
    /// Name lists.
    #[arg(long, default_value = "data/ner/names.tsv")]
    names: PathBuf,
    /// Where to write the model.
    #[arg(short, long, value_name = "FILE", default_value = "data/ner/model.bin")]
    output: PathBuf,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// A CoNLL file (`token TAG`, blank line between sentences; tags B-/I- PERS LOC ORG MISC).
    #[arg(value_name = "CONLL")]
    file: PathBuf,
    /// A model file instead of the shipped one (with the shipped clusters and names).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Override the model's O bias (positive: more entities).
    #[arg(long, hide = true)]
    o_bias: Option<f32>,
}

#[derive(clap::Args)]
struct TagArgs {
    /// Input: a CoNLL file (tags ignored) or, with --text, plain text.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Read plain text (tokenised by marsad) instead of CoNLL.
    #[arg(long)]
    text: bool,
    /// A model file instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// Run `marsad ner …`.
pub fn run(args: Args) -> Result<u8> {
    match args.cmd {
        NerCommand::Train(a) => run_train(a),
        NerCommand::Eval(a) => run_eval(a),
        NerCommand::Tag(a) => run_tag(a),
        NerCommand::Clusters(a) => run_clusters(a),
    }
}

fn read_conll(p: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    Ok(conll::parse(&p.display().to_string(), &text)?)
}

fn load_tagger(model: Option<&Path>) -> Result<Tagger> {
    let bytes = match model {
        Some(p) => std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
        None => marsad_ner::EMBEDDED_MODEL.to_vec(),
    };
    Tagger::from_parts(&bytes, marsad_ner::EMBEDDED_CLUSTERS, marsad_ner::EMBEDDED_NAMES)
        .context("cannot load the NER model")
}

/// Tag a corpus read in order (nearby sentences inform each other, as in
/// one document) and score it.
fn score(tagger: &Tagger, data: &[Sentence]) -> Score {
    let folded: Vec<Vec<String>> = data
        .iter()
        .map(|s| s.tokens.iter().map(|t| marsad_text::fold_str(t)).collect())
        .collect();
    let doc: Vec<Vec<&str>> = folded.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let preds = tagger.tag_document(&doc);
    let mut sc = Score::default();
    for (s, p) in data.iter().zip(&preds) {
        sc.add(&s.tags, p);
    }
    sc
}

fn run_train(a: TrainArgs) -> Result<u8> {
    let t0 = std::time::Instant::now();
    let all = read_conll(&a.data)?;
    let n_dev = ((all.len() as f64) * a.dev_split.clamp(0.0, 0.9)).round() as usize;
    let (train, dev) = all.split_at(all.len() - n_dev);
    let mut data: Vec<Sentence> = train.to_vec();
    let mut weights = vec![1.0f32; data.len()];
    for e in &a.extra {
        let (file, w) = e
            .rsplit_once(':')
            .and_then(|(f, w)| w.parse::<f32>().ok().map(|w| (f, w)))
            .with_context(|| format!("--extra wants FILE:WEIGHT, not {e:?}"))?;
        let mut more = read_conll(Path::new(file))?;
        for s in &mut more {
            for t in &mut s.tags {
                // keep the corpus's four types; others (DATE, NORP, …) are O
                let keep = t
                    .split_once('-')
                    .map(|(_, k)| matches!(k, "PERS" | "LOC" | "ORG" | "MISC"))
                    .unwrap_or(false);
                if !keep {
                    *t = "O".into();
                }
            }
        }
        eprintln!("extra {file}: {} sentences, weight {w}", more.len());
        weights.extend(std::iter::repeat_n(w, more.len()));
        data.extend(more);
    }
    if let Some(p) = &a.write_dev {
        let mut s = String::new();
        for x in dev {
            for (t, g) in x.tokens.iter().zip(&x.tags) {
                s.push_str(&format!("{t} {g}\n"));
            }
            s.push('\n');
        }
        std::fs::write(p, s).with_context(|| format!("cannot write {}", p.display()))?;
    }
    let read = |p: &Path| std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()));
    let clusters_text = read(&a.clusters)?;
    let names_text = read(&a.names)?;
    let featurizer = marsad_ner::features::Featurizer::from_texts(&clusters_text, &names_text)?;
    eprintln!(
        "train {} sentences ({} tokens), dev {} sentences ({} tokens); {} cluster words, {} name keys",
        data.len(),
        data.iter().map(|s| s.tokens.len()).sum::<usize>(),
        dev.len(),
        dev.iter().map(|s| s.tokens.len()).sum::<usize>(),
        featurizer.clusters.len(),
        featurizer.names.len()
    );
    let cfg = TrainConfig {
        epochs: a.epochs,
        seed: a.seed,
        prune: a.prune,
        word_dropout: a.word_dropout,
        bioes: a.bioes,
        ensemble: a.ensemble,
    };
    let tagger = marsad_ner::train_tagger(featurizer, &data, &weights, &cfg, a.folds, |m| {
        eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64())
    });
    let mut tagger = tagger;
    match tagger.stage2.as_mut() {
        Some(m) => m.o_bias = a.o_bias,
        None => tagger.model.o_bias = a.o_bias,
    }
    let bytes = marsad_ner::models_to_bytes(&tagger.model, tagger.stage2.as_ref());
    std::fs::write(&a.output, &bytes).with_context(|| format!("cannot write {}", a.output.display()))?;
    eprintln!(
        "wrote {} ({} + {} features, {:.1} MB) in {:.1}s",
        a.output.display(),
        tagger.model.feature_count(),
        tagger.stage2.as_ref().map_or(0, |m| m.feature_count()),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    if !dev.is_empty() {
        println!("development split: last {n_dev} sentences of {}", a.data.display());
        print!("{}", score(&tagger, dev).report());
    }
    Ok(EXIT_OK)
}

fn run_eval(a: EvalArgs) -> Result<u8> {
    let mut tagger = load_tagger(a.model.as_deref())?;
    if let Some(b) = a.o_bias {
        match tagger.stage2.as_mut() {
            Some(m) => m.o_bias = b,
            None => tagger.model.o_bias = b,
        }
    }
    let data = read_conll(&a.file)?;
    print!("{}", score(&tagger, &data).report());
    Ok(EXIT_OK)
}

fn run_tag(a: TagArgs) -> Result<u8> {
    use std::io::Write;
    let tagger = load_tagger(a.model.as_deref())?;
    let sentences: Vec<Vec<String>> = if a.text {
        let text = std::fs::read_to_string(&a.file).with_context(|| format!("cannot read {}", a.file.display()))?;
        let an = marsad_text::Analyzed::new(&text);
        an.sentences
            .iter()
            .map(|s| {
                (s.tok_start..s.tok_end)
                    .map(|i| an.surface(i, i + 1).chars().filter(|c| !c.is_whitespace()).collect())
                    .collect()
            })
            .collect()
    } else {
        read_conll(&a.file)?.into_iter().map(|s| s.tokens).collect()
    };
    let folded: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.iter().map(|t| marsad_text::fold_str(t)).collect())
        .collect();
    let doc: Vec<Vec<&str>> = folded.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let tags = tagger.tag_document(&doc);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (s, tags) in sentences.iter().zip(&tags) {
        for (t, g) in s.iter().zip(tags) {
            writeln!(out, "{t} {g}")?;
        }
        writeln!(out)?;
    }
    Ok(EXIT_OK)
}

fn run_clusters(a: ClustersArgs) -> Result<u8> {
    let t0 = std::time::Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut articles = 0usize;
    for input in marsad_ingest::expand_inputs(&a.inputs) {
        let path = input.map_err(|e| anyhow::anyhow!("{e}"))?;
        for item in marsad_ingest::read(&path, &ReadOptions::default()) {
            let Ok(art) = item else { continue };
            articles += 1;
            for text in [&art.title, &art.text] {
                sentences.extend(marsad_ner::features::corpus_sentences(text));
            }
        }
    }
    eprintln!(
        "read {articles} articles, {} sentences in {:.1}s",
        sentences.len(),
        t0.elapsed().as_secs_f64()
    );
    let cfg = ClusterConfig {
        dim: a.dim,
        epochs: a.epochs,
        ks: a.ks.clone(),
        min_count: a.min_count,
        window: a.window,
        seed: a.seed,
        ..ClusterConfig::default()
    };
    let table = clusters::train(&sentences, &cfg, |m| {
        eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64())
    });
    let comment = format!(
        "marsad word clusters: word -> cluster id at {:?} clusters.\n\
         Derived statistics (skip-gram vectors, dim {}, {} epochs, seed {}, grouped by spherical k-means)\n\
         learned by `marsad ner clusters` from {articles} articles of SaudiNewsNet (M. A. Alhagri, 2015,\n\
         CC BY-NC-SA 4.0). No article text is stored here.",
        cfg.ks, cfg.dim, cfg.epochs, cfg.seed
    );
    std::fs::write(&a.output, table.to_tsv(&comment))
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    eprintln!("wrote {} words to {}", table.len(), a.output.display());
    Ok(EXIT_OK)
}
