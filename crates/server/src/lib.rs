//! `marsad serve`: an HTTP API and a web page over the archive, so that
//! analysts can query it in a browser, offline.
//!
//! * [`router`] is the whole application (an axum `Router`): the page at
//!   `/` ([`page`]) and the endpoints under `/api/` ([`api`]); tests drive
//!   it in-process.
//! * [`run`] opens the archive read-only, binds, serves until Ctrl-C or
//!   SIGTERM and shuts down gracefully (requests in flight finish).
//! * Archive queries run on blocking threads with a small pool of
//!   read-only handles ([`archive`]), which also picks up what a
//!   concurrent `marsad ingest` commits without a restart.
//!
//! There is no authentication: the default address is the loopback
//! interface; every endpoint only reads.

pub mod api;
pub mod archive;
pub mod error;
pub mod page;
pub mod params;

pub use archive::Archive;
pub use error::ApiError;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use marsad_store::StoreError;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Settings of a server.
#[derive(Debug, Clone)]
pub struct Options {
    /// The archive's data directory.
    pub data: PathBuf,
    /// Address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// Most archive queries running at once (each holds a read-only
    /// handle while it runs).
    pub max_handles: usize,
    /// Write one line per request to standard error.
    pub log_requests: bool,
}

impl Options {
    /// Defaults for `data`: 127.0.0.1:8080, 4 handles, no request log.
    pub fn new(data: PathBuf) -> Options {
        Options {
            data,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_handles: 4,
            log_requests: false,
        }
    }
}

/// Errors that stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Headers on every response: no MIME sniffing; answers change as the
/// archive grows, so caches must revalidate.
async fn common_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    res
}

/// One line per request on standard error: method, path and query,
/// status, milliseconds.
async fn log_request(req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let line = format!("{} {}", req.method(), req.uri());
    let res = next.run(req).await;
    eprintln!(
        "marsad serve: {line} {} {:.1} ms",
        res.status().as_u16(),
        started.elapsed().as_secs_f64() * 1e3
    );
    res
}

/// The application: the page and the API over `archive`.
pub fn router(archive: Arc<Archive>, log_requests: bool) -> Router {
    let app = Router::new()
        .route("/", get(page::index))
        .route("/api/search", get(api::search))
        .route("/api/events", get(api::events))
        .route("/api/events.geojson", get(api::events_geojson))
        .route("/api/events.csv", get(api::events_csv))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/clusters", get(api::clusters))
        .route("/api/stats", get(api::stats))
        .route("/api/vocabulary", get(api::vocabulary))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(archive)
        .layer(middleware::from_fn(common_headers));
    if log_requests {
        app.layer(middleware::from_fn(log_request))
    } else {
        app
    }
}

/// Serve `app` on `listener` until `shutdown` completes, then finish the
/// requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Open the archive, listen on `opts.addr`, call `on_ready` with the
/// bound address, and serve until Ctrl-C or SIGTERM.
pub fn run(opts: &Options, on_ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let archive = Archive::open(&opts.data, opts.max_handles)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: opts.addr,
                source,
            })?;
        on_ready(listener.local_addr()?);
        serve(listener, router(archive, opts.log_requests), shutdown_signal()).await?;
        Ok(())
    })
}
