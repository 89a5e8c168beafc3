//! Errors of the API: a status and a message, answered as JSON
//! `{"error": "…", "status": 400}`. Server-side failures (5xx) are also
//! written to standard error with their cause.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use marsad_store::StoreError;
use std::fmt::Display;

/// An error answered to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// 400: the request's parameters are wrong; `message` says which and why.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404: nothing has this name.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// 405: the path exists but not with this method.
    pub fn method_not_allowed() -> ApiError {
        ApiError {
            status: StatusCode::METHOD_NOT_ALLOWED,
            message: "only GET (and HEAD) requests are served".into(),
        }
    }

    /// 500: something failed on the server; the cause is logged.
    pub fn internal(what: &str, cause: impl Display) -> ApiError {
        let message = format!("{what}: {cause}");
        eprintln!("marsad serve: error: {message}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message,
        }
    }

    /// An archive error: 503 while another process holds a lock the read
    /// needs, 500 otherwise (logged either way).
    pub fn store(what: &str, e: StoreError) -> ApiError {
        match e {
            StoreError::Busy(_) => {
                let message = format!("{what}: {e} (try again)");
                eprintln!("marsad serve: error: {message}");
                ApiError {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    message,
                }
            }
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                let message = format!("{what}: {e} (try again)");
                eprintln!("marsad serve: error: {message}");
                ApiError {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    message,
                }
            }
            e => ApiError::internal(what, e),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.status.as_u16())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": self.message, "status": self.status.as_u16()});
        (self.status, Json(body)).into_response()
    }
}
