//! The tantivy full-text index of the archive.
//!
//! SQLite is the source of truth; the index is a cache of it. Each index
//! commit carries, in tantivy's own atomic commit payload, the highest
//! article sequence it contains, and the index is committed only after
//! the SQLite transactions of those articles. On opening for writing,
//! every article beyond that mark is re-indexed from SQLite, so a run
//! killed at any moment leaves an index that catches up, never one that
//! diverges. A missing or unreadable index is rebuilt from SQLite.

use crate::StoreError;
use crate::analysis::{self, EXACT_TOKENIZER, MarsadTokenizer, STEM_TOKENIZER, Term};
use std::path::Path;
use tantivy::schema::{Field, IndexRecordOption, NumericOptions, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

/// Memory budget of the index writer.
const WRITER_HEAP: usize = 96 << 20;

/// The fields of the index.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Archive sequence of the article (stored, fast).
    pub seq: Field,
    /// Publication day (days since 1970-01-01), indexed for ranges.
    pub day: Field,
    /// Outlet, untokenised.
    pub outlet: Field,
    pub title_exact: Field,
    pub title_stem: Field,
    pub body_exact: Field,
    pub body_stem: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tok: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tok)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let seq = b.add_u64_field("seq", NumericOptions::default().set_stored().set_fast().set_indexed());
    let day = b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast());
    let outlet = b.add_text_field("outlet", STRING);
    let title_exact = b.add_text_field("title_exact", text(EXACT_TOKENIZER));
    let title_stem = b.add_text_field("title_stem", text(STEM_TOKENIZER));
    let body_exact = b.add_text_field("body_exact", text(EXACT_TOKENIZER));
    let body_stem = b.add_text_field("body_stem", text(STEM_TOKENIZER));
    (
        b.build(),
        Fields {
            seq,
            day,
            outlet,
            title_exact,
            title_stem,
            body_exact,
            body_stem,
        },
    )
}

/// The opened index.
pub struct FtIndex {
    pub(crate) fields: Fields,
    writer: Option<IndexWriter<TantivyDocument>>,
    pub(crate) reader: IndexReader,
    committed: i64,
    pending_upto: i64,
    pending: usize,
}

fn register(index: &Index) {
    index
        .tokenizers()
        .register(EXACT_TOKENIZER, TextAnalyzer::from(MarsadTokenizer { stem: false }));
    index
        .tokenizers()
        .register(STEM_TOKENIZER, TextAnalyzer::from(MarsadTokenizer { stem: true }));
}

fn payload_seq(index: &Index) -> Result<i64, StoreError> {
    let meta = index.load_metas()?;
    Ok(meta
        .payload
        .as_deref()
        .and_then(|p| p.strip_prefix("seq="))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

impl FtIndex {
    /// Open (or create, when `writable`) the index in `dir`.
    pub fn open(dir: &Path, writable: bool) -> Result<FtIndex, StoreError> {
        let (schema, fields) = schema();
        let index = if writable {
            std::fs::create_dir_all(dir)?;
            let mmap = tantivy::directory::MmapDirectory::open(dir).map_err(|e| StoreError::Index(e.to_string()))?;
            match Index::open_or_create(mmap, schema.clone()) {
                Ok(i) => i,
                Err(e) => {
                    // An unreadable index is a cache: rebuild it from SQLite.
                    eprintln!(
                        "warning: the full-text index in {} is unreadable ({e}); rebuilding it",
                        dir.display()
                    );
                    std::fs::remove_dir_all(dir)?;
                    std::fs::create_dir_all(dir)?;
                    Index::create_in_dir(dir, schema)?
                }
            }
        } else {
            Index::open_in_dir(dir)?
        };
        register(&index);
        let committed = payload_seq(&index)?;
        let writer = if writable {
            let w = index.writer_with_num_threads(1, WRITER_HEAP).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => {
                    StoreError::Busy(format!("{} is being written by another marsad process", dir.display()))
                }
                e => e.into(),
            })?;
            Some(w)
        } else {
            None
        };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(FtIndex {
            fields,
            writer,
            reader,
            committed,
            pending_upto: committed,
            pending: 0,
        })
    }

    /// Highest article sequence in the last index commit.
    pub fn committed_seq(&self) -> i64 {
        self.committed
    }

    /// Documents added since the last commit.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Add one article.
    pub fn add(
        &mut self,
        seq: i64,
        day: Option<i64>,
        outlet: Option<&str>,
        title: &[Term],
        body: &[Term],
    ) -> Result<(), StoreError> {
        let Some(w) = &self.writer else {
            return Err(StoreError::ReadOnly);
        };
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.seq, seq as u64);
        if let Some(d) = day {
            doc.add_i64(f.day, d);
        }
        if let Some(o) = outlet {
            doc.add_text(f.outlet, o);
        }
        let pre = |terms: &[Term], stem: bool| PreTokenizedString {
            text: String::new(),
            tokens: analysis::to_tokens(terms, stem),
        };
        doc.add_pre_tokenized_text(f.title_exact, pre(title, false));
        doc.add_pre_tokenized_text(f.title_stem, pre(title, true));
        doc.add_pre_tokenized_text(f.body_exact, pre(body, false));
        doc.add_pre_tokenized_text(f.body_stem, pre(body, true));
        w.add_document(doc)?;
        self.pending += 1;
        self.pending_upto = self.pending_upto.max(seq);
        Ok(())
    }

    /// Commit what was added, recording the highest sequence in the commit
    /// payload. Call only once the articles are committed in SQLite.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        let Some(w) = &mut self.writer else {
            return Err(StoreError::ReadOnly);
        };
        if self.pending == 0 && self.pending_upto == self.committed {
            return Ok(());
        }
        let mut pc = w.prepare_commit()?;
        pc.set_payload(&format!("seq={}", self.pending_upto));
        pc.commit()?;
        self.committed = self.pending_upto;
        self.pending = 0;
        self.reader.reload()?;
        Ok(())
    }

    /// Wait for background merges to finish (end of an ingestion run).
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.commit()?;
        if let Some(w) = self.writer.take() {
            w.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Number of documents in the last commit.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
