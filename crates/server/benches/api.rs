//! Latency of `marsad serve`'s endpoints over real HTTP (loopback, one new
//! connection per request, as a browser's fetch without keep-alive), on
//! the full SaudiNewsNet archive.
//!
//! Uses the archive in `MARSAD_BENCH_DATA` (default
//! `target/bench-data/snn`, the one `cargo bench -p marsad-store --bench
//! search` builds); without it, says so and does nothing. Prints, per
//! endpoint, p50 / p99 / max over its requests made one at a time, then
//! the throughput of 4 clients sending mixed requests at once: the figures
//! quoted in docs/server.md.
//!
//!     cargo bench -p marsad-server --bench api

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Instant;

/// The mixed query set of the store's search benchmark.
const QUERIES: &[&str] = &[
    "غارات صنعاء",
    "الحوثيين",
    "\"التحالف العربي\"",
    "\"التحالف العربي\" تعز",
    "داعش الرقة",
    "بالرقة",
    "مقتل جنود",
    "المملكة",
    "وزارة الداخلية",
    "النفط أوبك",
    "انفجار عبوة ناسفة",
    "الأمم المتحدة اليمن",
    "عدن",
    "Reuters",
    "الحرس الوطني",
    "\"خادم الحرمين الشريفين\"",
    "سوريا حلب",
    "على",
    "إيران الاتفاق النووي",
    "كأس",
];

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// GET `path` on a new connection: (status, body length).
fn get(addr: SocketAddr, path: &str) -> (u16, usize, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("HTTP response") + 4;
    let status = std::str::from_utf8(&raw[9..12])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw[head_end..].to_vec();
    (status, body.len(), body)
}

fn report(name: &str, times: &mut [f64], bytes: usize) {
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    eprintln!(
        "{name:<34} n={:<5} p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ({:.0} KB/response)",
        times.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0),
        bytes as f64 / times.len() as f64 / 1e3
    );
}

fn run(addr: SocketAddr, name: &str, paths: &[String], rounds: usize) {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..rounds {
        for p in paths {
            let t = Instant::now();
            let (status, n, _) = get(addr, p);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(status, 200, "{p}");
            bytes += n;
        }
    }
    report(name, &mut times, bytes);
}

fn main() {
    let dir = std::env::var("MARSAD_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bench-data/snn")));
    if !dir.join(marsad_store::DB_FILE).exists() {
        eprintln!(
            "API benchmark skipped: no archive in {} (build it with `cargo bench -p marsad-store --bench search` \
             or `marsad ingest … --data {0}`, or set MARSAD_BENCH_DATA)",
            dir.display()
        );
        return;
    }
    let archive = marsad_server::Archive::open(&dir, 4).expect("open the archive");
    let app = marsad_server::router(archive, false);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
    let addr = listener.local_addr().expect("address");
    rt.spawn(async move { axum::serve(listener, app).await });

    let (_, _, stats) = get(addr, "/api/stats");
    let stats: serde_json::Value = serde_json::from_slice(&stats).expect("stats");
    eprintln!(
        "archive: {} articles, {} merged events, {} story clusters",
        stats["articles"], stats["events"], stats["clusters"]
    );
    // Warm the page, the vocabulary (gazetteer) and the caches once.
    for p in ["/", "/api/vocabulary", "/api/events.csv"] {
        get(addr, p);
    }

    let searches: Vec<String> = QUERIES
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let from = if i % 3 == 1 { "&from=2015-08-01" } else { "" };
            format!("/api/search?q={}&limit=20{from}", enc(q))
        })
        .collect();
    let ids: Vec<String> = {
        let (_, _, body) = get(
            addr,
            &format!("/api/search?q={}&any=1&limit=200", enc("المملكة اليمن سوريا")),
        );
        let hits: serde_json::Value = serde_json::from_slice(&body).expect("hits");
        hits.as_array()
            .expect("array")
            .iter()
            .map(|h| format!("/api/articles/{}", enc(h["id"].as_str().expect("id"))))
            .collect()
    };
    let events: Vec<String> = [
        "",
        "type=battles",
        "type=explosions_remote_violence&country=YE",
        "from=2015-08-01&to=2015-08-31",
        "actor=org:houthis",
        "min_outlets=2",
    ]
    .iter()
    .map(|q| format!("/api/events?limit=50&{q}"))
    .collect();

    run(addr, "GET /api/search (20 queries, limit 20)", &searches, 25);
    run(addr, "GET /api/events (6 filters, limit 50)", &events, 50);
    run(addr, "GET /api/articles/{id}", &ids, 2);
    run(
        addr,
        "GET /api/events.geojson (all)",
        &["/api/events.geojson".to_string()],
        20,
    );
    run(addr, "GET /api/events.csv (all)", &["/api/events.csv".to_string()], 20);
    run(
        addr,
        "GET /api/clusters?limit=50",
        &["/api/clusters?limit=50".to_string()],
        20,
    );
    run(addr, "GET /api/stats", &["/api/stats".to_string()], 20);
    run(addr, "GET / (the page)", &["/".to_string()], 200);

    // Throughput: 4 clients, mixed requests.
    let mixed: Vec<String> = searches
        .iter()
        .chain(events.iter())
        .chain(ids.iter().take(20))
        .cloned()
        .collect();
    let per_client = 5;
    let t = Instant::now();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let mixed = mixed.clone();
            std::thread::spawn(move || {
                for _ in 0..per_client {
                    for p in &mixed {
                        assert_eq!(get(addr, p).0, 200, "{p}");
                    }
                }
            })
        })
        .collect();
    for th in threads {
        th.join().expect("client");
    }
    let n = 4 * per_client * mixed.len();
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "4 concurrent clients, {n} mixed requests (search, events, articles): {:.0} requests/s",
        n as f64 / secs
    );
}
