//! The archive as the server sees it: a small pool of read-only handles,
//! used from blocking threads, reopened when the full-text index changes.
//!
//! A [`Store`] holds an SQLite connection (not `Sync`), so requests do not
//! share one: each request takes an idle handle (or opens one), runs its
//! query on a blocking thread and puts the handle back. At most
//! [`Options::max_handles`](crate::Options::max_handles) requests touch
//! the archive at once; the others wait their turn without holding a
//! thread.
//!
//! Freshness while `marsad ingest` writes the same directory: SQLite reads
//! in WAL mode see every committed transaction, so events, articles,
//! clusters and stats are current on every request. The full-text index
//! reader is fixed when a handle is opened, so every handle remembers the
//! identity of the index's `meta.json` (inode, size, modification time;
//! tantivy replaces that file atomically on each commit) and a handle
//! whose index has been committed since is dropped and reopened — a cheap
//! open (the index is memory-mapped), paid once per commit, not per
//! request.

use crate::error::ApiError;
use marsad_store::{DB_FILE, INDEX_DIR, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tokio::sync::Semaphore;

/// Identity of the committed full-text index (see the module docs);
/// `None` while the archive has no index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp(Option<(u64, u64, Option<SystemTime>)>);

fn stamp(dir: &Path) -> Stamp {
    let Ok(m) = std::fs::metadata(dir.join(INDEX_DIR).join("meta.json")) else {
        return Stamp(None);
    };
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Stamp(Some((ino, m.len(), m.modified().ok())))
}

/// One read-only handle: the store, and a second connection for the
/// lookups the store has no method for (an article by id).
pub struct Handle {
    stamp: Stamp,
    /// The archive, read-only.
    pub store: Store,
    /// A read-only connection to the same database.
    pub conn: Connection,
}

impl Handle {
    fn open(dir: &Path, stamp: Stamp) -> Result<Handle, StoreError> {
        let store = Store::open_read_only(dir)?;
        let conn = Connection::open_with_flags(
            dir.join(DB_FILE),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Handle { stamp, store, conn })
    }
}

/// The archive of a running server (shared by all requests).
pub struct Archive {
    dir: PathBuf,
    idle: Mutex<Vec<Handle>>,
    permits: Semaphore,
}

impl Archive {
    /// Open the archive in `dir` read-only (failing now, not on the first
    /// request, when there is none), allowing `max_handles` concurrent
    /// queries.
    pub fn open(dir: &Path, max_handles: usize) -> Result<Arc<Archive>, StoreError> {
        let first = Handle::open(dir, stamp(dir))?;
        Ok(Arc::new(Archive {
            dir: dir.to_path_buf(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(max_handles.max(1)),
        }))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run `f` with a handle on a blocking thread (never on the async
    /// executor). A panic in `f` becomes a 500, not a dead server.
    pub async fn with<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Handle) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::internal("the archive is closed", e))?;
        let me = Arc::clone(self);
        tokio::task::spawn_blocking(move || me.run(f))
            .await
            .map_err(|e| ApiError::internal("a request handler failed", e))?
    }

    fn run<T>(&self, f: impl FnOnce(&Handle) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let now = stamp(&self.dir);
        let idle = {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.retain(|h| h.stamp == now);
            idle.pop()
        };
        let h = match idle {
            Some(h) => h,
            None => Handle::open(&self.dir, now).map_err(|e| ApiError::store("cannot open the archive", e))?,
        };
        let out = f(&h);
        // A handle that failed inside the database may be broken: drop it.
        if !matches!(&out, Err(e) if e.status().is_server_error()) {
            self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(h);
        }
        out
    }
}
