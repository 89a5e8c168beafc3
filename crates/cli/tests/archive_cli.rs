//! `marsad ingest` / `stats` / `search` / `events` / `export` through the
//! real binary, including ingestion killed with SIGKILL part-way and
//! resumed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{marsad, repo_file};

/// A deterministic generator of invented Arabic news text (never real
/// articles): sentences from a fixed vocabulary with place and actor
/// names the extractor knows.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() as usize % xs.len()]
    }
    fn sentence(&mut self) -> String {
        const SUBJ: &[&str] = &[
            "قوات الأمن",
            "الجيش",
            "مسلحون",
            "السكان",
            "مسؤول محلي",
            "الحوثيون",
            "فصائل المعارضة",
        ];
        const VERB: &[&str] = &["أعلن", "قال", "نفى", "أكد", "ذكر", "أفاد"];
        const OBJ: &[&str] = &[
            "أن الوضع هادئ",
            "وقوع اشتباكات",
            "سقوط قذائف",
            "وصول مساعدات",
            "إغلاق الطريق",
            "فتح المعبر",
            "انقطاع الكهرباء",
            "ارتفاع الأسعار",
            "نزوح عائلات",
            "اجتماع اللجنة",
        ];
        const PLACE: &[&str] = &[
            "صنعاء",
            "تعز",
            "عدن",
            "حلب",
            "إدلب",
            "الموصل",
            "بغداد",
            "الرقة",
            "درعا",
            "مأرب",
        ];
        const TAIL: &[&str] = &["اليوم", "أمس", "صباح الخميس", "مساء السبت", "خلال الأسبوع", "بحسب مصادر"];
        format!(
            "{} {} {} في {} {} {}.",
            self.pick(VERB),
            self.pick(SUBJ),
            self.pick(OBJ),
            self.pick(PLACE),
            self.pick(TAIL),
            self.next() % 97
        )
    }
}

/// `n` invented articles; every fourth one is a lightly edited copy of an
/// earlier one in another outlet (near-duplicates); one line is broken.
fn synthetic_input(path: &Path, n: usize) {
    let mut g = Gen(42);
    let outlets = ["alpha", "beta", "gamma", "delta"];
    let mut texts: Vec<String> = Vec::new();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let day = 1 + (i * 28 / n);
        let text = if i % 4 == 3 && !texts.is_empty() {
            let k = g.next() as usize % texts.len();
            format!("{} {}", texts[k], g.sentence())
        } else {
            (0..(6 + g.next() % 8))
                .map(|_| g.sentence())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let line = serde_json::json!({
            "id": format!("syn-{i:05}"),
            "title": g.sentence(),
            "text": text,
            "published": format!("2015-08-{day:02}"),
            "outlet": outlets[i % outlets.len()],
        });
        writeln!(f, "{line}").unwrap();
        if i == n / 2 {
            writeln!(f, "{{broken json").unwrap();
        }
        texts.push(text);
    }
    // The bundled sample articles too.
    f.write_all(&std::fs::read(repo_file("data/sample/articles.jsonl")).unwrap())
        .unwrap();
}

fn stats(data: &Path, digest: bool) -> serde_json::Value {
    let mut c = marsad();
    c.arg("stats").arg("--data").arg(data);
    if digest {
        c.arg("--digest");
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn export(data: &Path, what: &str) -> Vec<String> {
    let out = marsad()
        .args(["export", "--what", what, "--data"])
        .arg(data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

fn ingest(input: &Path, data: &Path) -> Command {
    let mut c = marsad();
    c.arg("ingest")
        .arg(input)
        .arg("--data")
        .arg(data)
        .args(["--batch", "8", "-j", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Start ingesting and SIGKILL the process once the archive holds at
/// least `at` articles; returns how many it held when killed, or `None` if
/// the run finished first.
fn ingest_and_kill(input: &Path, data: &Path, at: u64) -> Option<u64> {
    let mut child = ingest(input, data).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            return None;
        }
        if data.join("archive.sqlite").exists() {
            let out = marsad().arg("stats").arg("--data").arg(data).output().unwrap();
            if out.status.success() {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                let n = v["articles"].as_u64().unwrap();
                if n >= at {
                    child.kill().unwrap(); // SIGKILL on Unix
                    child.wait().unwrap();
                    return Some(n);
                }
            }
        }
        assert!(Instant::now() < deadline, "ingestion too slow");
        std::thread::sleep(Duration::from_millis(15));
    }
}

#[test]
fn killed_and_resumed_ingestion_equals_a_clean_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input.jsonl");
    let n = 600;
    synthetic_input(&input, n);
    let total = n as u64 + 6;

    let clean = tmp.path().join("clean");
    let status = ingest(&input, &clean).status().unwrap();
    assert_eq!(status.code(), Some(3), "one broken line: exit 3");
    let clean_stats = stats(&clean, true);
    assert_eq!(clean_stats["articles"], total);
    assert_eq!(clean_stats["index_docs"], total);
    assert!(clean_stats["clusters"].as_u64().unwrap() >= 50, "{clean_stats}");

    let killed = tmp.path().join("killed");
    let mut partway = 0;
    for at in [total / 5, total / 2, total * 4 / 5] {
        let held = ingest_and_kill(&input, &killed, at);
        eprintln!("killed at {held:?} of {total} articles, then resumed");
        if held.is_some_and(|h| h < total) {
            partway += 1;
        }
    }
    assert!(partway >= 1, "the run was never killed part-way");
    let status = ingest(&input, &killed).status().unwrap();
    assert_eq!(status.code(), Some(3));
    let resumed_stats = stats(&killed, true);
    for k in [
        "articles",
        "events",
        "clusters",
        "clusters_multi_outlet",
        "index_docs",
        "digest",
    ] {
        assert_eq!(
            clean_stats[k], resumed_stats[k],
            "{k}: {clean_stats} vs {resumed_stats}"
        );
    }
    assert_eq!(export(&clean, "records"), export(&killed, "records"));
    assert_eq!(export(&clean, "clusters"), export(&killed, "clusters"));

    // A third run adds nothing.
    ingest(&input, &killed).status().unwrap();
    assert_eq!(stats(&killed, true)["digest"], clean_stats["digest"]);
}

#[test]
fn search_events_export_and_stats_on_the_sample() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let status = marsad()
        .arg("ingest")
        .arg(repo_file("data/sample/articles.jsonl"))
        .arg("--data")
        .arg(&data)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let s = stats(&data, false);
    for k in ["articles", "events", "clusters"] {
        assert!(s[k].is_u64(), "{k} in {s}");
    }
    assert_eq!(s["articles"], 6);

    let out = marsad()
        .args(["search", "بصعدة", "--format", "json", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["id"], "sample-001", "{hits}");
    assert!(!hits[0]["highlights"].as_array().unwrap().is_empty());

    let out = marsad()
        .args(["search", "صعدة", "--from", "2030-01-01", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());

    for (fmt, head) in [
        ("csv", "event_date,event_type,sub_event_type,actor1,actor2,country"),
        ("geojson", "{\"type\":\"FeatureCollection\""),
    ] {
        let out = marsad()
            .args(["export", "--format", fmt, "--data"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8(out.stdout).unwrap().starts_with(head), "{fmt}");
    }
    let out = marsad()
        .args([
            "events",
            "--type",
            "battles",
            "--country",
            "YE",
            "--format",
            "json",
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .is_array()
    );

    // Usage errors: exit 2; a missing archive: exit 1.
    let out = marsad().args(["events", "--from", "August"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = marsad()
        .args(["stats", "--data"])
        .arg(tmp.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no archive"));
}
