//! The marsad archive: one data directory with an SQLite database (the
//! source of truth: articles, records, entities, places, per-article event
//! reports, merged events, outlets, near-duplicate signatures) and a
//! tantivy full-text index with an Arabic-aware analyser.
//!
//! * Ingestion is idempotent and resumable: an article whose id is stored
//!   is skipped; writes go in batched transactions (SQLite in WAL mode),
//!   and the index is only ever behind SQLite, never ahead (see
//!   [`index`]), so a run killed at any moment and started again ends with
//!   exactly the archive of an uninterrupted run.
//! * Near-duplicates (the same wire story in several outlets) are found
//!   with MinHash/LSH ([`minhash`]) and grouped into story clusters; the
//!   events of a cluster are merged into one event with all its sources
//!   ([`merge`]).
//! * Queries: [`Store::search`] (ranked articles with snippets),
//!   [`Store::events`] (merged events by type, place, date, actor),
//!   exports in [`export`].
//!
//! Clustering is a pure function of the articles in ingestion order: an
//! article joins the cluster of its most similar earlier article that is
//! within [`DedupOptions::window_days`], at least
//! [`DedupOptions::threshold`] similar and not about another place (each
//! article's *focus place*, the place it names most, is absent from the
//! other: the same telegram template sent to two presidents); the
//! cluster's first article must pass the same tests (with a lower
//! similarity, `threshold × root_factor`), which stops A≈B≈C chains
//! drifting. Otherwise it starts its own cluster. The LSH buckets live in
//! SQLite with the articles, so batch boundaries and restarts change
//! nothing.

pub mod analysis;
pub mod export;
pub mod index;
pub mod merge;
pub mod minhash;
pub mod search;

pub use merge::{MergedEvent, Report, SourceRef};
pub use search::{Hit, SearchQuery};

use analysis::{Term, analyse};
use index::FtIndex;
use marsad_record::Record;
use minhash::Signature;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Errors of the archive.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("full-text index: {0}")]
    Index(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Busy(String),
    #[error("no archive in {0} (create one with `marsad ingest --data {0} …`)")]
    Missing(String),
    #[error("the archive was opened read-only")]
    ReadOnly,
    #[error("the archive in {dir} has format version {found}; this marsad reads version {expected}")]
    Version {
        dir: String,
        found: String,
        expected: String,
    },
}

impl From<tantivy::TantivyError> for StoreError {
    fn from(e: tantivy::TantivyError) -> Self {
        StoreError::Index(e.to_string())
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for StoreError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        StoreError::Index(e.to_string())
    }
}

/// Result of the archive's operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The archive format version written in `meta`.
pub const FORMAT_VERSION: &str = "1";
/// File name of the database in the data directory.
pub const DB_FILE: &str = "archive.sqlite";
/// Folder of the full-text index in the data directory.
pub const INDEX_DIR: &str = "index";
/// Articles between two index commits during ingestion.
pub const INDEX_COMMIT_EVERY: usize = 4096;
/// Most candidates read from one LSH bucket (the most recent ones).
const BUCKET_LIMIT: i64 = 256;

/// Near-duplicate settings, fixed when an archive is created (stored in
/// it, so that a resumed run clusters exactly like the first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DedupOptions {
    /// Least estimated Jaccard similarity of word 4-shingles for two
    /// articles to be the same story.
    pub threshold: f64,
    /// Least similarity to the cluster's first article, as a fraction of
    /// `threshold` (stops A≈B≈C chains drifting to unrelated C).
    pub root_factor: f64,
    /// Most days between the publication dates of two copies, and between
    /// a copy and its cluster's first article.
    pub window_days: i64,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            threshold: 0.5,
            root_factor: 0.6,
            window_days: 3,
        }
    }
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(id INTEGER PRIMARY KEY, outlet TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS articles(
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source INTEGER REFERENCES sources(id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published TEXT,
    day INTEGER,
    record TEXT NOT NULL,
    hash TEXT NOT NULL,
    cluster INTEGER NOT NULL,
    similarity REAL,
    sig BLOB,
    places TEXT NOT NULL DEFAULT '',
    focus TEXT
);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster);
CREATE INDEX IF NOT EXISTS articles_day ON articles(day);
CREATE TABLE IF NOT EXISTS lsh(key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities(
    seq INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER, end INTEGER, text TEXT, type TEXT,
    eid TEXT, canonical TEXT, canonical_en TEXT, PRIMARY KEY(seq, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_eid ON entities(eid);
CREATE TABLE IF NOT EXISTS places(
    seq INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER, end INTEGER, text TEXT,
    geonames_id INTEGER, name TEXT, name_en TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT,
    admin2 TEXT, precision TEXT, PRIMARY KEY(seq, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_geonames ON places(geonames_id);
CREATE TABLE IF NOT EXISTS events(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    cluster INTEGER NOT NULL,
    type TEXT NOT NULL,
    sub_type TEXT,
    date TEXT,
    country TEXT,
    admin1 TEXT,
    actor1_id TEXT, actor1 TEXT, actor2_id TEXT, actor2 TEXT,
    status TEXT,
    outlets INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE TABLE IF NOT EXISTS reports(
    seq INTEGER NOT NULL, idx INTEGER NOT NULL, event INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY(seq, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reports_event ON reports(event);
"#;

/// An article made ready for storage: everything that can be computed
/// without the archive (in parallel, before the single writer).
pub struct Prepared {
    record: Record,
    /// The record as JSON with `title` and `text` left empty (those have
    /// their own columns).
    rest_json: String,
    hash: String,
    title_terms: Vec<Term>,
    body_terms: Vec<Term>,
    sig: Option<Signature>,
    /// Distinct folded place names of the record, sorted.
    places: Vec<String>,
    /// The place the article is about (see [`focus_place`]).
    focus: Option<String>,
}

/// The place an article is about: the place name mentioned most often,
/// when it is mentioned at least twice and more often than any other.
pub fn focus_place(r: &Record) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in &r.places {
        *counts.entry(marsad_text::fold_str(&p.name)).or_default() += 1;
    }
    let mut v: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    v.sort_by(|a, b| b.cmp(a));
    match v.as_slice() {
        [(n, k), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(m, _)| m < n) => Some(k.clone()),
        _ => None,
    }
}

impl Prepared {
    /// Analyse a record for storage.
    pub fn new(record: Record) -> Prepared {
        let full = serde_json::to_string(&record).expect("records always serialise");
        let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(full.as_bytes()));
        let title_terms = analyse(&record.title);
        let body_terms = analyse(&record.text);
        let sig = Signature::of_terms(&body_terms).or_else(|| {
            let mut all = title_terms.clone();
            all.extend(body_terms.iter().cloned());
            Signature::of_terms(&all)
        });
        let rest = Record {
            title: String::new(),
            text: String::new(),
            ..record.clone()
        };
        let rest_json = serde_json::to_string(&rest).expect("records always serialise");
        let places: BTreeSet<String> = record.places.iter().map(|p| marsad_text::fold_str(&p.name)).collect();
        let focus = focus_place(&record);
        Prepared {
            places: places.into_iter().collect(),
            focus,
            record,
            rest_json,
            hash,
            title_terms,
            body_terms,
            sig,
        }
    }

    /// The article id.
    pub fn id(&self) -> &str {
        &self.record.id
    }
}

/// What one [`Store::write`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteOutcome {
    /// Articles stored.
    pub written: usize,
    /// Articles skipped because their id was already stored.
    pub already: usize,
}

/// Filters of [`Store::events`].
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Event type (snake_case, e.g. `battles`).
    pub kind: Option<String>,
    pub sub_type: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// First event date (inclusive); events with no date are left out when
    /// a date bound is given.
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// An actor id (`org:houthis`) or a part of an actor's name.
    pub actor: Option<String>,
    /// Least number of distinct outlets.
    pub min_outlets: Option<usize>,
    pub status: Option<String>,
    pub limit: Option<usize>,
}

/// Counts of the archive (`marsad stats`).
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: u64,
    /// Merged events (one per real-world event of a story cluster).
    pub events: u64,
    /// Event reports before merging (one per event of an article).
    pub reports: u64,
    /// Story clusters of two or more articles.
    pub clusters: u64,
    /// Story clusters with two or more distinct outlets.
    pub clusters_multi_outlet: u64,
    /// Articles in clusters of two or more.
    pub clustered_articles: u64,
    /// Merged events reported by two or more outlets.
    pub events_multi_outlet: u64,
    pub outlets: u64,
    pub entities: u64,
    pub places: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Documents in the last committed full-text index.
    pub index_docs: u64,
    /// Highest article sequence in the last index commit.
    pub index_seq: i64,
    pub index_bytes: u64,
    pub db_bytes: u64,
    pub dedup_threshold: f64,
    pub dedup_window_days: i64,
    /// With `--digest`: a hash of the sorted article ids, record hashes,
    /// cluster assignments and merged events, equal for equal archives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// The archive.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
    index: Option<FtIndex>,
    writable: bool,
    dedup: DedupOptions,
    next_seq: i64,
    /// Cluster roots read during this run.
    roots: HashMap<i64, Option<Candidate>>,
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    };
    rd.flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_size(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

impl Store {
    /// Open the archive in `dir` for writing, creating it if needed, with
    /// `dedup` settings for a new archive (an existing one keeps its own).
    /// Articles stored but not yet in the full-text index (a killed run)
    /// are indexed now.
    pub fn open(dir: &Path, dedup: DedupOptions) -> Result<Store> {
        std::fs::create_dir_all(dir)?;
        let conn = Connection::open(dir.join(DB_FILE))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        let get = |k: &str| -> Result<Option<String>> {
            Ok(conn
                .query_row("SELECT value FROM meta WHERE key=?1", [k], |r| r.get(0))
                .optional()?)
        };
        match get("format")? {
            Some(v) if v != FORMAT_VERSION => {
                return Err(StoreError::Version {
                    dir: dir.display().to_string(),
                    found: v,
                    expected: FORMAT_VERSION.into(),
                });
            }
            Some(_) => {}
            None => {
                conn.execute("INSERT INTO meta VALUES('format', ?1)", [FORMAT_VERSION])?;
                conn.execute(
                    "INSERT OR IGNORE INTO meta VALUES('dedup_threshold', ?1)",
                    [dedup.threshold.to_string()],
                )?;
                conn.execute(
                    "INSERT OR IGNORE INTO meta VALUES('dedup_root_factor', ?1)",
                    [dedup.root_factor.to_string()],
                )?;
                conn.execute(
                    "INSERT OR IGNORE INTO meta VALUES('dedup_window_days', ?1)",
                    [dedup.window_days.to_string()],
                )?;
            }
        }
        let mut store = Store::finish_open(dir, conn, true)?;
        let index = FtIndex::open(&dir.join(INDEX_DIR), true)?;
        store.index = Some(index);
        store.catch_up_index()?;
        Ok(store)
    }

    /// Open an existing archive for reading (searches, queries, exports,
    /// stats), also while another process is writing it.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(StoreError::Missing(dir.display().to_string()));
        }
        let conn =
            Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mut store = Store::finish_open(dir, conn, false)?;
        let idx = dir.join(INDEX_DIR);
        if idx.join("meta.json").is_file() {
            store.index = Some(FtIndex::open(&idx, false)?);
        }
        Ok(store)
    }

    fn finish_open(dir: &Path, conn: Connection, writable: bool) -> Result<Store> {
        let meta = |k: &str| -> Result<Option<String>> {
            Ok(conn
                .query_row("SELECT value FROM meta WHERE key=?1", [k], |r| r.get(0))
                .optional()?)
        };
        let d = DedupOptions::default();
        let dedup = DedupOptions {
            threshold: meta("dedup_threshold")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.threshold),
            root_factor: meta("dedup_root_factor")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.root_factor),
            window_days: meta("dedup_window_days")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.window_days),
        };
        let max_seq: i64 = conn.query_row("SELECT IFNULL(MAX(seq), 0) FROM articles", [], |r| r.get(0))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            conn,
            index: None,
            writable,
            dedup,
            next_seq: max_seq + 1,
            roots: HashMap::new(),
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The near-duplicate settings of this archive.
    pub fn dedup_options(&self) -> DedupOptions {
        self.dedup
    }

    /// Index every article stored after the last index commit.
    fn catch_up_index(&mut self) -> Result<()> {
        let Some(index) = self.index.as_mut() else {
            return Ok(());
        };
        let max_seq = self.next_seq - 1;
        if index.committed_seq() > max_seq {
            // The index holds articles the database does not: it belongs to
            // another archive. Rebuild it.
            eprintln!("warning: the full-text index is ahead of the database; rebuilding it");
            drop(self.index.take());
            std::fs::remove_dir_all(self.dir.join(INDEX_DIR))?;
            self.index = Some(FtIndex::open(&self.dir.join(INDEX_DIR), true)?);
            return self.catch_up_index();
        }
        let from = index.committed_seq();
        if from >= max_seq {
            return Ok(());
        }
        let mut stmt = self.conn.prepare(
            "SELECT a.seq, a.title, a.text, a.day, s.outlet FROM articles a LEFT JOIN sources s ON s.id = a.source \
             WHERE a.seq > ?1 ORDER BY a.seq",
        )?;
        let mut rows = stmt.query([from])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let title: String = r.get(1)?;
            let text: String = r.get(2)?;
            let day: Option<i64> = r.get(3)?;
            let outlet: Option<String> = r.get(4)?;
            index.add(seq, day, outlet.as_deref(), &analyse(&title), &analyse(&text))?;
        }
        index.commit()
    }

    /// Whether an article with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id=?1")?
            .exists([id])?)
    }

    /// Ids of all stored articles.
    pub fn ids(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<HashSet<_>, _>>()?;
        Ok(ids)
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Store a batch of articles in one transaction, in order: skip ids
    /// already stored, assign story clusters, merge events, then add the
    /// new articles to the full-text index (committed every
    /// [`INDEX_COMMIT_EVERY`] articles and by [`Store::close`]).
    pub fn write(&mut self, batch: Vec<Prepared>) -> Result<WriteOutcome> {
        if !self.writable {
            return Err(StoreError::ReadOnly);
        }
        let mut out = WriteOutcome::default();
        let mut to_index = Vec::with_capacity(batch.len());
        let tx = self.conn.transaction()?;
        let mut next_seq = self.next_seq;
        for p in batch {
            if tx
                .prepare_cached("SELECT 1 FROM articles WHERE id=?1")?
                .exists([&p.record.id])?
            {
                out.already += 1;
                continue;
            }
            let seq = next_seq;
            next_seq += 1;
            let day = p
                .record
                .published
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(search::day_number);
            let source: Option<i64> = match &p.record.source.outlet {
                Some(o) => {
                    tx.prepare_cached("INSERT OR IGNORE INTO sources(outlet) VALUES(?1)")?
                        .execute([o])?;
                    Some(
                        tx.prepare_cached("SELECT id FROM sources WHERE outlet=?1")?
                            .query_row([o], |r| r.get(0))?,
                    )
                }
                None => None,
            };
            let (cluster, similarity) = match &p.sig {
                Some(sig) => {
                    let me = Candidate {
                        sig: sig.clone(),
                        day,
                        cluster: 0,
                        places: p.places.clone(),
                        focus: p.focus.clone(),
                    };
                    find_cluster(&tx, &mut self.roots, &self.dedup, &me)?
                }
                None => (None, None),
            };
            let cluster = cluster.unwrap_or(seq);
            tx.prepare_cached(
                "INSERT INTO articles(seq, id, source, title, text, published, day, record, hash, cluster, similarity, sig, places, focus) \
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                seq,
                p.record.id,
                source,
                p.record.title,
                p.record.text,
                p.record.published,
                day,
                p.rest_json,
                p.hash,
                cluster,
                similarity,
                p.sig.as_ref().map(Signature::to_bytes),
                p.places.join("|"),
                p.focus,
            ])?;
            if let Some(sig) = &p.sig {
                let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO lsh(key, seq) VALUES(?1, ?2)")?;
                for k in sig.band_keys() {
                    ins.execute(params![k, seq])?;
                }
                if cluster == seq {
                    self.roots.insert(
                        seq,
                        Some(Candidate {
                            sig: sig.clone(),
                            day,
                            cluster: seq,
                            places: p.places.clone(),
                            focus: p.focus.clone(),
                        }),
                    );
                }
            }
            insert_layers(&tx, seq, &p.record)?;
            merge_events(&tx, seq, cluster, &p.record)?;
            to_index.push((seq, day, p));
            out.written += 1;
        }
        tx.commit()?;
        self.next_seq = next_seq;
        if let Some(index) = self.index.as_mut() {
            for (seq, day, p) in &to_index {
                index.add(
                    *seq,
                    *day,
                    p.record.source.outlet.as_deref(),
                    &p.title_terms,
                    &p.body_terms,
                )?;
            }
            if index.pending() >= INDEX_COMMIT_EVERY {
                index.commit()?;
            }
        }
        Ok(out)
    }

    /// Commit the full-text index and wait for its merges; end of a run.
    pub fn close(mut self) -> Result<()> {
        if let Some(index) = self.index.take() {
            index.finish()?;
        }
        if self.writable {
            self.conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        }
        Ok(())
    }

    /// Ranked articles for a full-text query.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>> {
        let Some(index) = &self.index else {
            return Ok(Vec::new());
        };
        let clauses = search::parse(&q.text);
        let Some(query) = search::build(&index.fields, &clauses, q) else {
            return Ok(Vec::new());
        };
        let searcher = index.reader.searcher();
        let top = searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(q.limit.max(1)).order_by_score(),
        )?;
        let hl = search::Highlighter::new(&clauses);
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.text, s.outlet, a.published, c.id FROM articles a \
             LEFT JOIN sources s ON s.id = a.source JOIN articles c ON c.seq = a.cluster WHERE a.seq=?1",
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (rank, (score, addr)) in top.into_iter().enumerate() {
            let col = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("seq")
                .map_err(|e| StoreError::Index(e.to_string()))?;
            let Some(seq) = col.first(addr.doc_id) else {
                continue;
            };
            let row = stmt
                .query_row([seq as i64], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })
                .optional()?;
            let Some((id, title, text, outlet, published, cluster)) = row else {
                continue;
            };
            let (snippet, highlights) = hl.snippet(&text);
            hits.push(Hit {
                rank: rank + 1,
                score,
                title_highlights: hl.marks(&title),
                id,
                title,
                outlet,
                published,
                cluster,
                snippet,
                highlights,
            });
        }
        Ok(hits)
    }

    /// Merged events matching `f`, by date then id.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<MergedEvent>> {
        let mut sql = String::from("SELECT json FROM events WHERE 1=1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        // Each condition's `?`s all stand for its one value.
        let mut add = |cond: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(" AND ");
            sql.push_str(&cond.replace('?', &format!("?{}", args.len())));
        };
        use rusqlite::types::Value as V;
        if let Some(k) = &f.kind {
            add("type = ?", V::Text(k.clone()));
        }
        if let Some(k) = &f.sub_type {
            add("sub_type = ?", V::Text(k.clone()));
        }
        if let Some(k) = &f.country {
            add("country = ?", V::Text(k.to_ascii_uppercase()));
        }
        if let Some(k) = &f.admin1 {
            add("admin1 = ?", V::Text(k.clone()));
        }
        if let Some(d) = f.from {
            add("date >= ?", V::Text(d.to_string()));
        }
        if let Some(d) = f.to {
            // Dates are YYYY-MM-DD; anything of that day sorts below "~".
            add("date <= ?", V::Text(d.to_string()));
        }
        if let Some(s) = &f.status {
            add("status = ?", V::Text(s.clone()));
        }
        if let Some(n) = f.min_outlets {
            add("outlets >= ?", V::Integer(n as i64));
        }
        if let Some(a) = &f.actor {
            if a.contains(':') {
                add("(actor1_id = ? OR actor2_id = ?)", V::Text(a.clone()));
            } else {
                add("(actor1 LIKE ? OR actor2 LIKE ?)", V::Text(format!("%{a}%")));
            }
        }
        sql.push_str(" ORDER BY date IS NULL, date, key");
        if let Some(n) = f.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(serde_json::from_str(&r?)?);
        }
        Ok(out)
    }

    /// Visit every stored record in ingestion order.
    pub fn for_each_record(&self, mut f: impl FnMut(Record) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT title, text, record FROM articles ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut rec: Record = serde_json::from_str(&r.get::<_, String>(2)?)?;
            rec.title = r.get(0)?;
            rec.text = r.get(1)?;
            f(rec)?;
        }
        Ok(())
    }

    /// Story clusters of two or more articles: (first article id, member
    /// ids with their outlets and titles) in order of the first article.
    pub fn clusters(&self, min_outlets: usize) -> Result<Vec<Cluster>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.cluster, a.id, s.outlet, a.title, a.published, a.similarity FROM articles a \
             LEFT JOIN sources s ON s.id = a.source \
             WHERE a.cluster IN (SELECT cluster FROM articles GROUP BY cluster HAVING COUNT(*) > 1) \
             ORDER BY a.cluster, a.seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<Cluster> = Vec::new();
        let mut last = None;
        while let Some(r) = rows.next()? {
            let c: i64 = r.get(0)?;
            let m = ClusterMember {
                id: r.get(1)?,
                outlet: r.get(2)?,
                title: r.get(3)?,
                published: r.get(4)?,
                similarity: r.get(5)?,
            };
            if last != Some(c) {
                out.push(Cluster {
                    id: m.id.clone(),
                    outlets: 0,
                    members: Vec::new(),
                });
                last = Some(c);
            }
            if let Some(cl) = out.last_mut() {
                cl.members.push(m);
            }
        }
        for c in &mut out {
            c.outlets = c
                .members
                .iter()
                .map(|m| m.outlet.as_deref())
                .collect::<BTreeSet<_>>()
                .len();
        }
        out.retain(|c| c.outlets >= min_outlets);
        Ok(out)
    }

    /// Counts of the archive; with `digest`, a content hash too.
    pub fn stats(&self, digest: bool) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        let (first, last): (Option<String>, Option<String>) =
            self.conn
                .query_row("SELECT MIN(published), MAX(published) FROM articles", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let digest = if digest { Some(self.digest()?) } else { None };
        Ok(Stats {
            articles: count("SELECT COUNT(*) FROM articles")?,
            events: count("SELECT COUNT(*) FROM events")?,
            reports: count("SELECT COUNT(*) FROM reports")?,
            clusters: count(
                "SELECT COUNT(*) FROM (SELECT cluster FROM articles GROUP BY cluster HAVING COUNT(*) > 1)",
            )?,
            clusters_multi_outlet: count(
                "SELECT COUNT(*) FROM (SELECT cluster FROM articles GROUP BY cluster \
                 HAVING COUNT(DISTINCT IFNULL(source, -1)) > 1)",
            )?,
            clustered_articles: count(
                "SELECT COUNT(*) FROM articles WHERE cluster IN \
                 (SELECT cluster FROM articles GROUP BY cluster HAVING COUNT(*) > 1)",
            )?,
            events_multi_outlet: count("SELECT COUNT(*) FROM events WHERE outlets > 1")?,
            outlets: count("SELECT COUNT(*) FROM sources")?,
            entities: count("SELECT COUNT(*) FROM entities")?,
            places: count("SELECT COUNT(*) FROM places")?,
            first_published: first,
            last_published: last,
            index_docs: self.index.as_ref().map(|i| i.num_docs()).unwrap_or(0),
            index_seq: self.index.as_ref().map(|i| i.committed_seq()).unwrap_or(0),
            index_bytes: dir_size(&self.dir.join(INDEX_DIR)),
            db_bytes: ["", "-wal", "-shm"]
                .iter()
                .map(|s| dir_size(&self.dir.join(format!("{DB_FILE}{s}"))))
                .sum(),
            dedup_threshold: self.dedup.threshold,
            dedup_window_days: self.dedup.window_days,
            digest,
        })
    }

    fn digest(&self) -> Result<String> {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut stmt = self
            .conn
            .prepare("SELECT a.id, a.hash, c.id FROM articles a JOIN articles c ON c.seq = a.cluster ORDER BY a.id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            for i in 0..3 {
                h.update(r.get::<_, String>(i)?.as_bytes());
                h.update(b"\t");
            }
            h.update(b"\n");
        }
        let mut stmt = self.conn.prepare("SELECT json FROM events ORDER BY key")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            h.update(r.get::<_, String>(0)?.as_bytes());
            h.update(b"\n");
        }
        let docs = self.index.as_ref().map(|i| i.num_docs()).unwrap_or(0);
        h.update(format!("index_docs={docs}").as_bytes());
        Ok(format!("{:032x}", h.digest128()))
    }
}

/// A story cluster (see [`Store::clusters`]).
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// Id of its first article.
    pub id: String,
    /// Distinct outlets.
    pub outlets: usize,
    pub members: Vec<ClusterMember>,
}

/// One article of a story cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterMember {
    pub id: String,
    pub outlet: Option<String>,
    pub title: String,
    pub published: Option<String>,
    /// Estimated similarity to the article it was matched with (null for
    /// the first article).
    pub similarity: Option<f64>,
}

/// What clustering needs to know of a stored article.
#[derive(Debug, Clone)]
struct Candidate {
    sig: Signature,
    day: Option<i64>,
    cluster: i64,
    places: Vec<String>,
    focus: Option<String>,
}

impl Candidate {
    fn read(stmt: &mut rusqlite::CachedStatement, seq: i64) -> Result<Option<Candidate>> {
        let row = stmt
            .query_row([seq], |r| {
                let sig: Option<Vec<u8>> = r.get(0)?;
                sig.map(|sig| -> rusqlite::Result<Candidate> {
                    let places: String = r.get(3)?;
                    Ok(Candidate {
                        sig: Signature::from_bytes(&sig),
                        day: r.get(1)?,
                        cluster: r.get(2)?,
                        places: places
                            .split('|')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                        focus: r.get(4)?,
                    })
                })
                .transpose()
            })
            .optional()?;
        Ok(row.flatten())
    }

    fn within(&self, other: &Candidate, days: i64) -> bool {
        match (self.day, other.day) {
            (Some(a), Some(b)) => (a - b).abs() <= days,
            _ => true,
        }
    }

    /// Two articles about different places are different stories however
    /// alike their wording (the same congratulation telegram to two
    /// presidents): each has a focus place the other never mentions.
    fn place_conflict(&self, other: &Candidate) -> bool {
        match (&self.focus, &other.focus) {
            (Some(a), Some(b)) => a != b && !other.places.contains(a) && !self.places.contains(b),
            _ => false,
        }
    }
}

/// The story cluster an article joins, and its similarity to the article
/// it matched: see the crate docs. Candidates are the articles sharing an
/// LSH band; one is accepted when it is within the date window, at least
/// `threshold` similar and not about another place, and when the same
/// holds of its cluster's first article (with `threshold × root_factor`).
fn find_cluster(
    tx: &rusqlite::Transaction,
    roots: &mut HashMap<i64, Option<Candidate>>,
    opts: &DedupOptions,
    me: &Candidate,
) -> Result<(Option<i64>, Option<f64>)> {
    let mut seqs = BTreeSet::new();
    {
        let mut stmt = tx.prepare_cached("SELECT seq FROM lsh WHERE key=?1 ORDER BY seq DESC LIMIT ?2")?;
        for k in me.sig.band_keys() {
            for s in stmt.query_map(params![k, BUCKET_LIMIT], |r| r.get::<_, i64>(0))? {
                seqs.insert(s?);
            }
        }
    }
    let mut best: Option<(f64, i64)> = None;
    let mut stmt = tx.prepare_cached("SELECT sig, day, cluster, places, focus FROM articles WHERE seq=?1")?;
    for seq in seqs {
        let Some(c) = Candidate::read(&mut stmt, seq)? else {
            continue;
        };
        if !me.within(&c, opts.window_days) || me.place_conflict(&c) {
            continue;
        }
        let s = me.sig.similarity(&c.sig);
        if s < opts.threshold {
            continue;
        }
        if c.cluster != seq {
            let root = match roots.get(&c.cluster) {
                Some(r) => r.clone(),
                None => {
                    let r = Candidate::read(&mut stmt, c.cluster)?;
                    roots.insert(c.cluster, r.clone());
                    r
                }
            };
            if let Some(r) = root
                && (!me.within(&r, opts.window_days)
                    || me.place_conflict(&r)
                    || me.sig.similarity(&r.sig) < opts.threshold * opts.root_factor)
            {
                continue;
            }
        }
        // Best similarity; ties go to the earliest cluster.
        if best.is_none_or(|(bs, bc)| s > bs || (s == bs && c.cluster < bc)) {
            best = Some((s, c.cluster));
        }
    }
    Ok(match best {
        Some((s, c)) => (Some(c), Some(s)),
        None => (None, None),
    })
}

fn insert_layers(tx: &rusqlite::Transaction, seq: i64, r: &Record) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO entities(seq, idx, start, end, text, type, eid, canonical, canonical_en) \
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, e) in r.entities.iter().enumerate() {
        st.execute(params![
            seq,
            i as i64,
            e.start as i64,
            e.end as i64,
            e.text,
            e.kind,
            e.id,
            e.canonical,
            e.canonical_en
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO places(seq, idx, start, end, text, geonames_id, name, name_en, lat, lon, country, admin1, admin2, precision) \
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (i, p) in r.places.iter().enumerate() {
        st.execute(params![
            seq,
            i as i64,
            p.start as i64,
            p.end as i64,
            p.text,
            p.geonames_id.map(|g| g as i64),
            p.name,
            p.name_en,
            p.lat,
            p.lon,
            p.country,
            p.admin1,
            p.admin2,
            p.precision
        ])?;
    }
    Ok(())
}

fn save_event(tx: &rusqlite::Transaction, rowid: Option<i64>, cluster: i64, m: &MergedEvent) -> Result<i64> {
    let place = m.location.as_ref().and_then(|l| l.place.as_ref());
    let json = serde_json::to_string(m)?;
    let a1 = m.actor1.as_ref();
    let a2 = m.actor2.as_ref();
    let date = m.date.as_ref().and_then(|d| d.value.clone());
    let country = place.and_then(|p| p.country.clone());
    let admin1 = place.and_then(|p| p.admin1.clone());
    let (a1_id, a1_text) = (a1.and_then(|a| a.id.clone()), a1.map(|a| a.text.clone()));
    let (a2_id, a2_text) = (a2.and_then(|a| a.id.clone()), a2.map(|a| a.text.clone()));
    let sql = match rowid {
        Some(_) => {
            "UPDATE events SET key=?1, cluster=?2, type=?3, sub_type=?4, date=?5, country=?6, admin1=?7, \
             actor1_id=?8, actor1=?9, actor2_id=?10, actor2=?11, status=?12, outlets=?13, reports=?14, json=?15 \
             WHERE id=?16"
        }
        None => {
            "INSERT INTO events(key, cluster, type, sub_type, date, country, admin1, actor1_id, actor1, \
             actor2_id, actor2, status, outlets, reports, json, id) \
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        }
    };
    tx.prepare_cached(sql)?.execute(params![
        m.id,
        cluster,
        m.kind,
        m.sub_type,
        date,
        country,
        admin1,
        a1_id,
        a1_text,
        a2_id,
        a2_text,
        m.status,
        m.outlets as i64,
        m.reports as i64,
        json,
        rowid
    ])?;
    Ok(rowid.unwrap_or_else(|| tx.last_insert_rowid()))
}

/// Attach the events of a newly stored article to the merged events of its
/// cluster (see [`merge`]).
fn merge_events(tx: &rusqlite::Transaction, seq: i64, cluster: i64, r: &Record) -> Result<()> {
    if r.events.is_empty() {
        return Ok(());
    }
    let cluster_id: String = if cluster == seq {
        r.id.clone()
    } else {
        tx.prepare_cached("SELECT id FROM articles WHERE seq=?1")?
            .query_row([cluster], |row| row.get(0))?
    };
    for (idx, ev) in r.events.iter().enumerate() {
        let report = Report {
            article: r.id.clone(),
            seq,
            index: idx,
            outlet: r.source.outlet.clone(),
            published: r.published.clone(),
            title: r.title.clone(),
            event: ev.clone(),
            place: ev
                .location
                .as_ref()
                .and_then(|l| l.place)
                .and_then(|i| r.places.get(i))
                .cloned(),
        };
        let existing: Vec<(i64, String)> = tx
            .prepare_cached("SELECT id, json FROM events WHERE cluster=?1 AND type=?2 ORDER BY id")?
            .query_map(params![cluster, ev.kind], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut target = None;
        for (id, json) in existing {
            let m: MergedEvent = serde_json::from_str(&json)?;
            let members: Vec<Report> = tx
                .prepare_cached("SELECT json FROM reports WHERE event=?1")?
                .query_map([id], |row| row.get::<_, String>(0))?
                .map(|j| Ok(serde_json::from_str(&j?)?))
                .collect::<Result<_>>()?;
            if merge::compatible(&m, &members, &report) {
                target = Some((id, members));
                break;
            }
        }
        let event_id = match target {
            Some((id, mut members)) => {
                members.push(report.clone());
                save_event(tx, Some(id), cluster, &merge::merge(&cluster_id, &members))?
            }
            None => save_event(
                tx,
                None,
                cluster,
                &merge::merge(&cluster_id, std::slice::from_ref(&report)),
            )?,
        };
        tx.prepare_cached("INSERT INTO reports(seq, idx, event, json) VALUES(?1, ?2, ?3, ?4)")?
            .execute(params![seq, idx as i64, event_id, serde_json::to_string(&report)?])?;
    }
    Ok(())
}
