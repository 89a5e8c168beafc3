//! The web page: one self-contained document (HTML with its CSS and
//! JavaScript inlined, all compiled into the binary) that only talks to
//! this server's `/api/…` endpoints. Nothing is fetched from elsewhere —
//! no CDN, fonts or map tiles — and the Content-Security-Policy sent with
//! it makes the browser refuse any such load.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use std::sync::OnceLock;

const HTML: &str = include_str!("../assets/index.html");
const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");

/// The Content-Security-Policy of the page: everything from this origin
/// only (inline style and script are the page's own).
pub const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The page with its stylesheet and script inlined.
pub fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| HTML.replace("/*@CSS@*/", CSS).replace("/*@JS@*/", JS))
}

/// `GET /`: the page.
pub async fn index() -> Response {
    (
        [
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Html(document()),
    )
        .into_response()
}
