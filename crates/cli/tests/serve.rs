//! `marsad serve` through the real binary on a real socket: it prints its
//! URL, answers the API while `marsad ingest` adds articles to the same
//! archive, and stops cleanly on SIGINT. With chromium installed
//! (`scripts/install-chromium.sh`), the page is also run in a headless
//! browser; without it that test says it is skipped and passes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

mod common;
use common::{marsad, repo_file};

fn ingest(input: &Path, data: &Path) {
    let out = marsad()
        .arg("ingest")
        .arg(input)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A running `marsad serve`, stopped (SIGKILL) if a test fails first.
struct Server {
    child: Option<Child>,
    /// `127.0.0.1:PORT`.
    host: String,
}

impl Server {
    fn start(data: &Path) -> Server {
        let mut child = marsad()
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let host = line
            .trim()
            .strip_prefix("http://")
            .and_then(|s| s.strip_suffix('/'))
            .unwrap_or_else(|| {
                let _ = child.kill();
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("no URL printed ({line:?}); stderr: {err}")
            })
            .to_string();
        Server {
            child: Some(child),
            host,
        }
    }

    /// GET `path`: (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.host).unwrap();
        // A guard against a hung server, not a measurement.
        s.set_read_timeout(Some(std::time::Duration::from_secs(120))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP response");
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, body.to_string())
    }

    /// SIGINT (Ctrl-C), then wait: (success, stderr).
    fn interrupt(mut self) -> (bool, String) {
        let mut child = self.child.take().unwrap();
        let ok = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -INT");
        let status = child.wait().unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        (status.success(), err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The sample's lines as (id, title, line).
fn sample() -> Vec<(String, String, String)> {
    std::fs::read_to_string(repo_file("data/sample/articles.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["title"].as_str().unwrap().to_string(),
                l.to_string(),
            )
        })
        .collect()
}

fn longest_word(s: &str) -> String {
    s.split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_string()
}

#[test]
fn serves_the_archive_sees_a_concurrent_ingest_and_stops_on_ctrl_c() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let lines = sample();
    let (first, last) = lines.split_at(lines.len() - 1);
    let part = tmp.path().join("part.jsonl");
    std::fs::write(
        &part,
        first.iter().map(|(_, _, l)| format!("{l}\n")).collect::<String>(),
    )
    .unwrap();
    ingest(&part, &data);

    let server = Server::start(&data);
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("<form id=\"query\""));
    let (status, stats) = server.get("/api/stats");
    assert_eq!(status, 200);
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["articles"], first.len());

    let (new_id, new_title, _) = &last[0];
    let search = format!("/api/search?q={}", enc(&longest_word(new_title)));
    let (status, hits) = server.get(&search);
    assert_eq!(status, 200);
    assert!(!hits.contains(new_id.as_str()));
    assert_eq!(server.get(&format!("/api/articles/{new_id}")).0, 404);

    // `marsad ingest` writes the same archive while the server runs.
    ingest(&repo_file("data/sample/articles.jsonl"), &data);
    let (status, hits) = server.get(&search);
    assert_eq!(status, 200);
    let hits: serde_json::Value = serde_json::from_str(&hits).unwrap();
    assert!(
        hits.as_array().unwrap().iter().any(|h| h["id"] == new_id.as_str()),
        "{hits}"
    );
    let (status, rec) = server.get(&format!("/api/articles/{new_id}"));
    assert_eq!(status, 200);
    let rec: serde_json::Value = serde_json::from_str(&rec).unwrap();
    assert_eq!(rec["title"], new_title.as_str());

    let (status, err) = server.get("/api/events?from=2019-02-30");
    assert_eq!(status, 400);
    assert!(err.contains("YYYY-MM-DD"));

    let (ok, stderr) = server.interrupt();
    assert!(ok, "exit status after Ctrl-C; stderr: {stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
}

#[test]
fn a_missing_archive_is_a_fatal_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = marsad()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(tmp.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no archive"), "{err}");
    assert!(out.stdout.is_empty(), "no URL is printed");
}

/// The chromium binary: `$MARSAD_CHROMIUM`, else the first of the usual
/// names on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MARSAD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

/// The page's DOM after its scripts ran (headless chromium; virtual time
/// waits for the page's fetches, so no wall-clock waits here).
fn rendered(chrome: &Path, url: &str) -> String {
    let out = Command::new(chrome)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_page_works_in_a_headless_browser() {
    let Some(chrome) = chromium() else {
        eprintln!("skipped: no chromium on the PATH (scripts/install-chromium.sh installs it; or set MARSAD_CHROMIUM)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ingest(&repo_file("data/sample/articles.jsonl"), &data);
    let server = Server::start(&data);
    let base = format!("http://{}/", server.host);
    let lines = sample();
    let (id, title, _) = &lines[0];
    let word = longest_word(title);

    // Search: the article is listed with its title word marked.
    let dom = rendered(&chrome, &format!("{base}#q={}&view=articles", enc(&word)));
    let hits = dom.split("id=\"hits\"").nth(1).unwrap().split("</ol>").next().unwrap();
    assert!(hits.contains(id.as_str()), "the hit is listed: {hits}");
    assert!(hits.contains(&format!("<mark>{word}</mark>")), "{hits}");
    assert!(
        dom.contains("id=\"error\" class=\"error\" role=\"alert\" hidden"),
        "no error shown"
    );

    // Events: one table row per event of the archive.
    let (_, events) = server.get("/api/events?limit=500");
    let n = serde_json::from_str::<serde_json::Value>(&events)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    let dom = rendered(&chrome, &format!("{base}#view=events"));
    assert_eq!(dom.matches("<tr class=\"event\"").count(), n);
    // Filtered by type through the form's state.
    let dom = rendered(&chrome, &format!("{base}#view=events&type=battles"));
    let rows = dom.matches("<tr class=\"event\"").count();
    let (_, battles) = server.get("/api/events?type=battles");
    let nb = serde_json::from_str::<serde_json::Value>(&battles)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert_eq!(rows, nb);

    // Map: a dot per distinct event location.
    let dom = rendered(&chrome, &format!("{base}#view=map"));
    assert!(dom.matches("class=\"event\"").count() >= 1, "dots drawn");
    assert!(dom.contains("class=\"grid\""), "graticule drawn");

    // Article: entities and the event trigger are marked in the text.
    let dom = rendered(&chrome, &format!("{base}#article={}", enc(id)));
    assert!(dom.contains("class=\"body\" lang=\"ar\" dir=\"rtl\""), "{dom}");
    assert!(dom.contains("class=\"ent ent-"), "entities marked");
    assert!(dom.contains("id=\"trigger-0\""), "event trigger marked");
}
