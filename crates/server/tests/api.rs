//! The HTTP API and the page, driven in-process through the router
//! (`tower::ServiceExt::oneshot`) over archives built in temporary
//! directories: the bundled sample articles (data/sample, run through the
//! real extractor) and synthetic records.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use marsad_record::{Event, EventDate, Record, Source, Span};
use marsad_server::{Archive, router};
use marsad_store::export::{ACLED_COLUMNS, EXTRA_COLUMNS};
use marsad_store::{DedupOptions, Prepared, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower::ServiceExt;

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

/// The sample articles run through the extractor, in file order.
fn sample_records() -> &'static Vec<Record> {
    static R: OnceLock<Vec<Record>> = OnceLock::new();
    R.get_or_init(|| {
        let extractor = marsad_extract::Extractor::new();
        let opts = marsad_ingest::ReadOptions::default();
        marsad_ingest::read(&repo_file("data/sample/articles.jsonl"), &opts)
            .map(|a| extractor.extract(&a.expect("the sample articles are valid")))
            .collect()
    })
}

fn write(dir: &Path, records: &[Record]) {
    let mut s = Store::open(dir, DedupOptions::default()).unwrap();
    s.write(records.iter().cloned().map(Prepared::new).collect()).unwrap();
    s.close().unwrap();
}

/// An archive of all the sample articles, shared by the read-only tests.
fn sample_archive() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), sample_records());
        tmp
    })
    .path()
}

fn app(dir: &Path) -> Router {
    router(Archive::open(dir, 2).unwrap(), false)
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// The JSON error of a failed request: its status field and message.
    fn error(&self) -> String {
        let v = self.json();
        assert_eq!(v["status"], self.status.as_u16(), "{v}");
        v["error"].as_str().expect("an error message").to_string()
    }
}

async fn request(app: &Router, method: Method, uri: &str) -> Reply {
    let res = app
        .clone()
        .oneshot(Request::builder().method(method).uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply { status, headers, body }
}

async fn get(app: &Router, uri: &str) -> Reply {
    request(app, Method::GET, uri).await
}

/// Percent-encode a query value (Arabic words).
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The longest word of a text (a word specific to its article).
fn longest_word(s: &str) -> String {
    s.split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn search_finds_each_sample_article_by_a_title_word_with_highlights() {
    let app = app(sample_archive());
    for r in sample_records() {
        let word = longest_word(&r.title);
        let res = get(&app, &format!("/api/search?q={}&limit=5", enc(&word))).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.content_type().starts_with("application/json"));
        let hits = res.json();
        let hits = hits.as_array().unwrap();
        let hit = hits
            .iter()
            .find(|h| h["id"] == r.id.as_str())
            .unwrap_or_else(|| panic!("{word} does not find {}: {hits:?}", r.id));
        assert_eq!(hit["title"], r.title.as_str());
        let title_chars: Vec<char> = r.title.chars().collect();
        let marks = hit["title_highlights"].as_array().unwrap();
        assert!(!marks.is_empty(), "the title word is highlighted");
        for m in marks {
            let (a, b) = (m[0].as_u64().unwrap() as usize, m[1].as_u64().unwrap() as usize);
            assert!(a < b && b <= title_chars.len());
        }
        let snippet_len = hit["snippet"].as_str().unwrap().chars().count();
        for m in hit["highlights"].as_array().unwrap() {
            assert!(m[1].as_u64().unwrap() as usize <= snippet_len);
        }
    }
}

#[tokio::test]
async fn search_pages_with_limit_and_offset_and_filters_by_date() {
    let app = app(sample_archive());
    let words: Vec<String> = sample_records().iter().map(|r| longest_word(&r.title)).collect();
    let q = enc(&words.join(" "));
    let all = get(&app, &format!("/api/search?q={q}&any=true&limit=50")).await.json();
    let all = all.as_array().unwrap().clone();
    assert!(
        all.len() >= sample_records().len(),
        "every title word finds its article"
    );
    let page = get(&app, &format!("/api/search?q={q}&any=1&limit=2&offset=1"))
        .await
        .json();
    let page = page.as_array().unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0]["id"], all[1]["id"]);
    assert_eq!(page[1]["id"], all[2]["id"]);
    assert_eq!(page[0]["rank"], 2, "ranks count from the first result, not the page");

    // A date window around one article's publication day keeps only
    // articles published inside it.
    let day = sample_records()[0].published.clone().unwrap();
    let res = get(&app, &format!("/api/search?q={q}&any=1&from={day}&to={day}"))
        .await
        .json();
    let res = res.as_array().unwrap();
    assert!(!res.is_empty());
    assert!(res.iter().all(|h| h["published"] == day.as_str()), "{res:?}");
    assert!(res.len() < all.len());
}

#[tokio::test]
async fn events_are_filtered_by_type_country_and_date() {
    let app = app(sample_archive());
    let all = get(&app, "/api/events?limit=500").await.json();
    let all = all.as_array().unwrap().clone();
    assert!(!all.is_empty(), "the sample has events");
    for kind in marsad_record::EVENT_TYPES {
        let res = get(&app, &format!("/api/events?type={kind}")).await;
        assert_eq!(res.status, StatusCode::OK);
        let got = res.json();
        let got = got.as_array().unwrap();
        assert!(got.iter().all(|e| e["type"] == *kind), "{kind}: {got:?}");
        let expected = all.iter().filter(|e| e["type"] == *kind).count();
        assert_eq!(got.len(), expected, "{kind}");
    }
    let with_country: Vec<&Value> = all
        .iter()
        .filter(|e| e["location"]["place"]["country"].is_string())
        .collect();
    let cc = with_country[0]["location"]["place"]["country"].as_str().unwrap();
    // Lower case is accepted as well.
    let got = get(&app, &format!("/api/events?country={}", cc.to_lowercase()))
        .await
        .json();
    let got = got.as_array().unwrap();
    assert!(!got.is_empty());
    assert!(got.iter().all(|e| e["location"]["place"]["country"] == cc));

    let dated: Vec<&str> = all.iter().filter_map(|e| e["date"]["value"].as_str()).collect();
    let day = dated[0];
    let got = get(&app, &format!("/api/events?from={day}&to={day}")).await.json();
    let got = got.as_array().unwrap();
    assert_eq!(got.len(), dated.iter().filter(|d| **d == day).count());

    let got = get(&app, "/api/events?min_outlets=2").await.json();
    assert!(
        got.as_array()
            .unwrap()
            .iter()
            .all(|e| e["outlets"].as_u64().unwrap() >= 2)
    );
}

#[tokio::test]
async fn geojson_is_a_feature_collection_of_the_events_with_coordinates() {
    let app = app(sample_archive());
    let res = get(&app, "/api/events.geojson").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type(), "application/geo+json");
    let fc = res.json();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    let all = get(&app, "/api/events?limit=500").await.json();
    let placed = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["location"]["place"]["lat"].is_number())
        .count();
    assert!(placed > 0);
    assert_eq!(features.len(), placed);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        assert!(f["properties"]["event_type"].is_string());
    }
    // The filters apply to exports too.
    let one = features[0]["properties"]["event_id"].as_str().unwrap();
    let kind = all.as_array().unwrap().iter().find(|e| e["id"] == one).unwrap()["type"]
        .as_str()
        .unwrap()
        .to_string();
    let typed = get(&app, &format!("/api/events.geojson?type={kind}")).await.json();
    let typed = typed["features"].as_array().unwrap();
    assert!(typed.len() <= features.len() && typed.iter().any(|f| f["id"] == one));
}

#[tokio::test]
async fn csv_has_the_acled_header_and_one_row_per_event() {
    let app = app(sample_archive());
    let res = get(&app, "/api/events.csv").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.content_type().starts_with("text/csv"));
    let text = res.text();
    let mut lines = text.lines();
    let header: Vec<&str> = ACLED_COLUMNS.iter().chain(EXTRA_COLUMNS).copied().collect();
    assert_eq!(lines.next().unwrap(), header.join(","));
    assert!(header.starts_with(&["event_date", "event_type", "sub_event_type"]));
    let n = get(&app, "/api/events?limit=500")
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    assert_eq!(lines.count(), n);
    let one = get(&app, "/api/events.csv?limit=1").await.text();
    assert_eq!(one.lines().count(), 2);
}

#[tokio::test]
async fn articles_are_the_stored_records() {
    let app = app(sample_archive());
    for r in sample_records() {
        let res = get(&app, &format!("/api/articles/{}", enc(&r.id))).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.json(), serde_json::to_value(r).unwrap(), "{}", r.id);
    }
    let res = get(&app, "/api/articles/no-such-article").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.error().contains("no-such-article"));
}

#[tokio::test]
async fn stats_clusters_and_vocabulary() {
    let app = app(sample_archive());
    let s = get(&app, "/api/stats").await.json();
    assert_eq!(s["articles"], sample_records().len());
    assert_eq!(s["index_docs"], sample_records().len());
    let c = get(&app, "/api/clusters?min_outlets=1").await;
    assert_eq!(c.status, StatusCode::OK);
    assert!(c.json().is_array());
    let v = get(&app, "/api/vocabulary").await.json();
    let types: Vec<&str> = v["event_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(types, marsad_record::EVENT_TYPES);
    let ye = v["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "YE")
        .expect("Yemen is in the gazetteer");
    assert!(ye["lat"].as_f64().unwrap() > 10.0 && ye["lon"].as_f64().unwrap() > 40.0);
    assert!(
        v["sub_types"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "air_drone_strike")
    );
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_message() {
    let app = app(sample_archive());
    let cases = [
        ("/api/events?from=2019-13-01", "from"),
        ("/api/events?to=15/03/2019", "to"),
        ("/api/events?from=2019-03-14&to=2019-03-01", "after"),
        ("/api/events?type=bombings", "type"),
        ("/api/events?country=Yemen", "country"),
        ("/api/events?limit=ten", "limit"),
        ("/api/events?min_outlets=-1", "min_outlets"),
        ("/api/events?status=rumour", "status"),
        ("/api/events?typ=battles", "typ"),
        ("/api/events?type=battles&type=riots", "more than once"),
        ("/api/events.csv?from=yesterday", "from"),
        ("/api/events.geojson?offset=10", "offset"),
        ("/api/search?from=2019-3-1&q=x", "YYYY-MM-DD"),
        ("/api/search", "q"),
        ("/api/search?q=x&offset=99999999", "offset"),
        ("/api/search?q=x&any=maybe", "any"),
        ("/api/clusters?min_outlets=x", "min_outlets"),
        ("/api/stats?digest=1", "digest"),
    ];
    for (uri, needle) in cases {
        let res = get(&app, uri).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(res.content_type().starts_with("application/json"), "{uri}");
        let msg = res.error();
        assert!(msg.contains(needle), "{uri}: {msg}");
    }
    // Empty values are absent values (what an HTML form sends).
    let res = get(&app, "/api/events?type=&country=&from=&to=&actor=&min_outlets=").await;
    assert_eq!(res.status, StatusCode::OK);
    let long = "ب".repeat(1001);
    let res = get(&app, &format!("/api/search?q={}", enc(&long))).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json() {
    let app = app(sample_archive());
    let res = get(&app, "/api/nothing").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.error().contains("/api/nothing"));
    let res = request(&app, Method::POST, "/api/events").await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    res.error();
    let res = request(&app, Method::HEAD, "/api/stats").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.is_empty());
}

#[tokio::test]
async fn the_page_has_the_form_uses_the_api_and_loads_nothing_from_outside() {
    let app = app(sample_archive());
    let res = get(&app, "/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.content_type().starts_with("text/html"));
    let csp = res.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"));
    let page = res.text();
    for needle in [
        "<form id=\"query\"",
        "id=\"q\"",
        "name=\"from\" type=\"date\"",
        "name=\"type\"",
        "name=\"country\"",
        "id=\"events-table\"",
        "<svg id=\"map\"",
        "'api/search'",
        "'api/events'",
        "'api/events.geojson'",
        "'api/articles/'",
        "'api/vocabulary'",
        "'api/stats'",
    ] {
        assert!(page.contains(needle), "the page lacks {needle}");
    }
    // The search box is Arabic, right to left.
    let q = page.split("id=\"q\"").nth(1).unwrap().split('>').next().unwrap();
    assert!(q.contains("dir=\"rtl\"") && q.contains("lang=\"ar\""), "{q}");
    // Self-contained: the stylesheet and script are inlined, and nothing
    // refers to another host.
    assert!(!page.contains("/*@CSS@*/") && !page.contains("/*@JS@*/"));
    let lower = page.to_lowercase();
    for bad in [
        "http://",
        "https://",
        "src=\"//",
        "href=\"//",
        "url(",
        "@import",
        "<link",
        "<script src",
    ] {
        assert!(!lower.contains(bad), "the page contains {bad}");
    }
}

/// Synthetic records, each with one event (no text worth clustering).
fn synthetic(n: usize) -> Vec<Record> {
    (0..n)
        .map(|i| {
            let kind = marsad_record::EVENT_TYPES[i % marsad_record::EVENT_TYPES.len()];
            let day = format!("2020-01-{:02}", 1 + i % 28);
            Record {
                id: format!("syn-{i:04}"),
                source: Source {
                    kind: "file".into(),
                    locator: format!("test:{i}"),
                    outlet: Some(format!("outlet-{}", i % 3)),
                },
                title: format!("خبر رقم {i}"),
                text: format!("نص قصير {i}"),
                published: Some(day.clone()),
                events: vec![Event {
                    kind: kind.into(),
                    sub_type: "other".into(),
                    trigger: Span {
                        start: 0,
                        end: 2,
                        text: "نص".into(),
                    },
                    date: Some(EventDate {
                        value: Some(day),
                        precision: "day".into(),
                        text: String::new(),
                    }),
                    status: "asserted".into(),
                    confidence: 0.5,
                    ..Default::default()
                }],
                ..Default::default()
            }
        })
        .collect()
}

#[tokio::test]
async fn limits_are_capped_and_offsets_page() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &synthetic(530));
    let app = app(tmp.path());
    let all = get(&app, "/api/events?limit=100000").await.json();
    let all = all.as_array().unwrap().clone();
    assert_eq!(all.len(), marsad_server::api::MAX_LIMIT);
    let rest = get(&app, "/api/events?limit=500&offset=500").await.json();
    assert_eq!(rest.as_array().unwrap().len(), 30);
    let page = get(&app, "/api/events?limit=3&offset=2").await.json();
    let ids: Vec<&Value> = page.as_array().unwrap().iter().map(|e| &e["id"]).collect();
    assert_eq!(ids, all[2..5].iter().map(|e| &e["id"]).collect::<Vec<_>>());
    let default = get(&app, "/api/events").await.json();
    assert_eq!(default.as_array().unwrap().len(), marsad_server::api::DEFAULT_LIMIT);
    // Exports are not paged: every event, up to their own cap.
    let csv = get(&app, "/api/events.csv").await.text();
    assert_eq!(csv.lines().count(), 531);
    let hits = get(&app, &format!("/api/search?q={}&limit=9999", enc("نص")))
        .await
        .json();
    assert_eq!(hits.as_array().unwrap().len(), marsad_server::api::MAX_LIMIT);
}

#[tokio::test]
async fn what_an_ingestion_commits_shows_without_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let recs = sample_records();
    let (first, last) = recs.split_at(recs.len() - 1);
    write(tmp.path(), first);
    let app = app(tmp.path());
    let new = &last[0];
    let word = longest_word(&new.title);
    let search = format!("/api/search?q={}", enc(&word));
    let found = |v: &Value| v.as_array().unwrap().iter().any(|h| h["id"] == new.id.as_str());
    assert!(!found(&get(&app, &search).await.json()));
    assert_eq!(
        get(&app, &format!("/api/articles/{}", enc(&new.id))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, "/api/stats").await.json()["articles"], first.len());

    // Another writer (as `marsad ingest` would) stores the last article.
    write(tmp.path(), last);

    assert!(found(&get(&app, &search).await.json()), "search sees the new article");
    assert_eq!(
        get(&app, &format!("/api/articles/{}", enc(&new.id))).await.status,
        StatusCode::OK
    );
    let s = get(&app, "/api/stats").await.json();
    assert_eq!(s["articles"], recs.len());
    assert_eq!(s["index_docs"], recs.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_all_succeed() {
    let app = app(sample_archive());
    let uris: Vec<String> = (0..40)
        .map(|i| match i % 4 {
            0 => "/api/events".to_string(),
            1 => format!("/api/search?q={}", enc(&longest_word(&sample_records()[i % 6].title))),
            2 => "/api/stats".to_string(),
            _ => format!("/api/articles/{}", sample_records()[i % 6].id),
        })
        .collect();
    let tasks: Vec<_> = uris
        .into_iter()
        .map(|u| {
            let app = app.clone();
            tokio::spawn(async move { (get(&app, &u).await.status, u) })
        })
        .collect();
    for t in tasks {
        let (status, uri) = t.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
}

#[test]
fn a_missing_archive_is_an_error_at_start() {
    let tmp = tempfile::tempdir().unwrap();
    let err = Archive::open(&tmp.path().join("none"), 2)
        .err()
        .expect("no archive there");
    assert!(err.to_string().contains("no archive"), "{err}");
}
