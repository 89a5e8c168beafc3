//! The JSON/CSV/GeoJSON endpoints. Each checks its parameters
//! ([`Params`]), runs its archive query on a blocking thread
//! ([`Archive::with`]) and answers in the shapes of the command-line tool
//! (`marsad search --format json`, `marsad events --format json`,
//! `marsad export`, `marsad stats`, spec/record.md).

use crate::archive::{Archive, Handle};
use crate::error::ApiError;
use crate::params::Params;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use marsad_record::Record;
use marsad_store::export::{Format, write_events};
use marsad_store::{Cluster, EventFilter, Hit, MergedEvent, SearchQuery, Stats};
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::sync::{Arc, OnceLock};

/// Most results of one page of `/api/search`, `/api/events`, `/api/clusters`
/// (larger `limit`s are capped to it).
pub const MAX_LIMIT: usize = 500;
/// Largest `offset` (deeper paging is a job for `marsad export`).
pub const MAX_OFFSET: usize = 10_000;
/// Most events in one `/api/events.csv` or `/api/events.geojson` (the
/// default and the cap of their `limit`).
pub const EXPORT_MAX: usize = 100_000;
/// Longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Results of `/api/search` and `/api/events` when no `limit` is given.
pub const DEFAULT_LIMIT: usize = 50;

/// The state shared by the handlers.
pub type AppState = Arc<Archive>;

type RawQuery = Result<Query<Vec<(String, String)>>, QueryRejection>;

fn params(q: RawQuery, allowed: &[&str]) -> Result<Params, ApiError> {
    let Query(pairs) =
        q.map_err(|e| ApiError::bad_request(format!("cannot read the query string: {}", e.body_text())))?;
    Params::new(pairs, allowed)
}

const SEARCH_PARAMS: &[&str] = &["q", "from", "to", "outlet", "limit", "offset", "any"];

/// `GET /api/search`: ranked articles with snippets and highlight offsets.
pub async fn search(State(archive): State<AppState>, q: RawQuery) -> Result<Json<Vec<Hit>>, ApiError> {
    let p = params(q, SEARCH_PARAMS)?;
    let text = p
        .string("q")
        .ok_or_else(|| ApiError::bad_request("q: give the words to search for (q=…)"))?;
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "q: the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let (from, to) = p.date_range()?;
    let limit = p.capped("limit", DEFAULT_LIMIT, MAX_LIMIT)?;
    let offset = offset(&p)?;
    let query = SearchQuery {
        text,
        from,
        to,
        outlet: p.string("outlet"),
        limit: offset + limit,
        any: p.flag("any")?,
    };
    let hits = archive
        .with(move |h| {
            h.store
                .search(&query)
                .map_err(|e| ApiError::store("cannot search the archive", e))
        })
        .await?;
    Ok(Json(hits.into_iter().skip(offset).take(limit).collect()))
}

fn offset(p: &Params) -> Result<usize, ApiError> {
    let o = p.usize("offset")?.unwrap_or(0);
    if o > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset: at most {MAX_OFFSET} (use `marsad export` for everything)"
        )));
    }
    Ok(o)
}

const EVENT_PARAMS: &[&str] = &[
    "type",
    "sub_type",
    "country",
    "admin1",
    "from",
    "to",
    "actor",
    "min_outlets",
    "status",
    "limit",
    "offset",
];

/// Statuses of spec/record.md.
const STATUSES: &[&str] = &["asserted", "reported", "denied", "planned"];

fn event_filter(p: &Params) -> Result<EventFilter, ApiError> {
    let kind = p.string("type");
    if let Some(k) = &kind
        && !marsad_record::EVENT_TYPES.contains(&k.as_str())
    {
        return Err(ApiError::bad_request(format!(
            "type: unknown event type {k:?}; one of: {}",
            marsad_record::EVENT_TYPES.join(", ")
        )));
    }
    let sub_type = p.string("sub_type");
    if let Some(s) = &sub_type
        && !s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
    {
        return Err(ApiError::bad_request(format!(
            "sub_type: {s:?} is not a snake_case sub-event type such as air_drone_strike"
        )));
    }
    let country = p.string("country");
    if let Some(c) = &country
        && !(c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return Err(ApiError::bad_request(format!(
            "country: {c:?} is not a two-letter country code such as YE"
        )));
    }
    let status = p.string("status");
    if let Some(s) = &status
        && !STATUSES.contains(&s.as_str())
    {
        return Err(ApiError::bad_request(format!(
            "status: {s:?} is not one of {}",
            STATUSES.join(", ")
        )));
    }
    let (from, to) = p.date_range()?;
    Ok(EventFilter {
        kind,
        sub_type,
        country,
        admin1: p.string("admin1"),
        from,
        to,
        actor: p.string("actor"),
        min_outlets: p.usize("min_outlets")?,
        status,
        limit: None,
    })
}

/// `GET /api/events`: merged events, filtered, as a JSON array.
pub async fn events(State(archive): State<AppState>, q: RawQuery) -> Result<Json<Vec<MergedEvent>>, ApiError> {
    let p = params(q, EVENT_PARAMS)?;
    let mut filter = event_filter(&p)?;
    let limit = p.capped("limit", DEFAULT_LIMIT, MAX_LIMIT)?;
    let offset = offset(&p)?;
    filter.limit = Some(offset + limit);
    let events = archive.with(move |h| read_events(h, &filter)).await?;
    Ok(Json(events.into_iter().skip(offset).take(limit).collect()))
}

fn read_events(h: &Handle, filter: &EventFilter) -> Result<Vec<MergedEvent>, ApiError> {
    h.store
        .events(filter)
        .map_err(|e| ApiError::store("cannot read the archive's events", e))
}

/// The events of an export request, written by the store's exporter.
async fn export(archive: AppState, q: RawQuery, fmt: Format) -> Result<Vec<u8>, ApiError> {
    let p = params(q, EVENT_PARAMS)?;
    if p.str("offset").is_some() {
        return Err(ApiError::bad_request(
            "offset: exports take no offset (narrow them with filters)",
        ));
    }
    let mut filter = event_filter(&p)?;
    filter.limit = Some(p.capped("limit", EXPORT_MAX, EXPORT_MAX)?);
    archive
        .with(move |h| {
            let events = read_events(h, &filter)?;
            let mut out = Vec::with_capacity(events.len() * 512 + 64);
            write_events(&events, fmt, &mut out).map_err(|e| ApiError::internal("cannot write the export", e))?;
            Ok(out)
        })
        .await
}

/// `GET /api/events.geojson`: a FeatureCollection of the events with
/// coordinates (as `marsad export --format geojson`).
pub async fn events_geojson(State(archive): State<AppState>, q: RawQuery) -> Result<Response, ApiError> {
    let body = export(archive, q, Format::Geojson).await?;
    Ok(([(header::CONTENT_TYPE, "application/geo+json")], body).into_response())
}

/// `GET /api/events.csv`: ACLED columns (as `marsad export --format csv`).
pub async fn events_csv(State(archive): State<AppState>, q: RawQuery) -> Result<Response, ApiError> {
    let body = export(archive, q, Format::Csv).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"marsad-events.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Most characters of an article id looked up.
const MAX_ID_CHARS: usize = 512;

/// `GET /api/articles/{id}`: the stored record (spec/record.md).
pub async fn article(
    State(archive): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Record>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(format!("article id: {}", e.body_text())))?;
    if id.chars().count() > MAX_ID_CHARS {
        return Err(ApiError::bad_request(format!(
            "article id: longer than {MAX_ID_CHARS} characters"
        )));
    }
    let key = id.clone();
    match archive.with(move |h| read_record(h, &key)).await? {
        Some(r) => Ok(Json(r)),
        None => Err(ApiError::not_found(format!("no article with id {id:?} in the archive"))),
    }
}

/// One stored record by id, assembled like `Store::for_each_record` does
/// (the title and body have their own columns; the rest is the stored
/// JSON). The store has no lookup by id, hence this one query on the
/// server's own read-only connection.
fn read_record(h: &Handle, id: &str) -> Result<Option<Record>, ApiError> {
    let fail = |e: rusqlite::Error| ApiError::store("cannot read the article", e.into());
    let row = h
        .conn
        .prepare_cached("SELECT title, text, record FROM articles WHERE id=?1")
        .map_err(fail)?
        .query_row([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .optional()
        .map_err(fail)?;
    let Some((title, text, json)) = row else {
        return Ok(None);
    };
    let mut rec: Record =
        serde_json::from_str(&json).map_err(|e| ApiError::internal("the stored record is not valid JSON", e))?;
    rec.title = title;
    rec.text = text;
    Ok(Some(rec))
}

/// `GET /api/clusters`: story clusters of two or more articles.
pub async fn clusters(State(archive): State<AppState>, q: RawQuery) -> Result<Json<Vec<Cluster>>, ApiError> {
    let p = params(q, &["min_outlets", "limit", "offset"])?;
    let min_outlets = p.usize("min_outlets")?.unwrap_or(1);
    let limit = p.capped("limit", DEFAULT_LIMIT, MAX_LIMIT)?;
    let offset = offset(&p)?;
    let clusters = archive
        .with(move |h| {
            h.store
                .clusters(min_outlets)
                .map_err(|e| ApiError::store("cannot read the story clusters", e))
        })
        .await?;
    Ok(Json(clusters.into_iter().skip(offset).take(limit).collect()))
}

/// `GET /api/stats`: the archive's counts (as `marsad stats`).
pub async fn stats(State(archive): State<AppState>, q: RawQuery) -> Result<Json<Stats>, ApiError> {
    params(q, &[])?;
    let s = archive
        .with(|h| {
            h.store
                .stats(false)
                .map_err(|e| ApiError::store("cannot count the archive", e))
        })
        .await?;
    Ok(Json(s))
}

/// A snake_case name and its ACLED label.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub name: String,
    pub label: String,
}

/// A country of the gazetteer (for the filter and the map's labels).
#[derive(Debug, Clone, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name_en: String,
    pub name_ar: String,
    pub lat: f64,
    pub lon: f64,
}

/// The names the filters take (`/api/vocabulary`).
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub event_types: Vec<Label>,
    /// ACLED sub-event types known to the exporter.
    pub sub_types: Vec<Label>,
    pub statuses: Vec<&'static str>,
    pub countries: Vec<Country>,
    pub max_limit: usize,
}

fn vocabulary_value() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let label = |n: &str| Label {
            name: n.to_string(),
            label: marsad_store::export::acled_label(n),
        };
        let sub_types = include_str!("../../../data/store/acled_labels.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
            .filter_map(|l| l.split_once('\t').map(|(n, _)| n))
            .filter(|n| !marsad_record::EVENT_TYPES.contains(n))
            .map(label)
            .collect();
        let mut countries: Vec<Country> = marsad_geo::Gazetteer::embedded()
            .entries()
            .filter(|e| e.kind().as_str() == "country" && e.country().len() == 2)
            .map(|e| Country {
                code: e.country().to_string(),
                name_en: e.name_en().to_string(),
                name_ar: e.name_ar().to_string(),
                lat: e.lat(),
                lon: e.lon(),
            })
            .collect();
        // One per code (the first in gazetteer order), listed by English name.
        countries.sort_by(|a, b| a.code.cmp(&b.code));
        countries.dedup_by(|a, b| a.code == b.code);
        countries.sort_by(|a, b| a.name_en.cmp(&b.name_en));
        Vocabulary {
            event_types: marsad_record::EVENT_TYPES.iter().map(|n| label(n)).collect(),
            sub_types,
            statuses: STATUSES.to_vec(),
            countries,
            max_limit: MAX_LIMIT,
        }
    })
}

/// `GET /api/vocabulary`: event types and sub-types with their ACLED
/// labels, statuses, and the gazetteer's countries with names and a
/// reference point.
pub async fn vocabulary(q: RawQuery) -> Result<Json<&'static Vocabulary>, ApiError> {
    params(q, &[])?;
    let v = tokio::task::spawn_blocking(vocabulary_value)
        .await
        .map_err(|e| ApiError::internal("cannot load the vocabulary", e))?;
    Ok(Json(v))
}

/// Any other path.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!(
        "no such page or endpoint: {}; see /api/ endpoints in docs/server.md",
        uri.path()
    ))
}

/// A known path with a method other than GET/HEAD.
pub async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}
