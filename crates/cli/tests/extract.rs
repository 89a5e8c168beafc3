//! End-to-end tests of `marsad extract` through the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, when present.
fn shared() -> Option<PathBuf> {
    let p = std::env::var("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo().join("../shared"));
    if p.join("README.md").exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent (set MARSAD_SHARED to run this test)");
        None
    }
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is a JSON record"))
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn sample_records_have_the_spec_shape() {
    let out = marsad()
        .arg("extract")
        .arg(repo().join("data/sample/articles.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 6);
    for r in &recs {
        for k in [
            "id",
            "source",
            "title",
            "text",
            "published",
            "entities",
            "places",
            "events",
        ] {
            assert!(r.get(k).is_some(), "missing {k} in {r}");
        }
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        for e in r["entities"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let span: String = text[s..t].iter().collect();
            assert_eq!(span, e["text"].as_str().unwrap(), "entity offsets point into text");
            assert!(["PER", "ORG", "LOC", "MISC"].contains(&e["type"].as_str().unwrap()));
        }
    }
    assert_eq!(recs[0]["id"], "sample-001");
    assert_eq!(recs[0]["published"], "2019-03-14");
    assert!(
        recs[0]["source"]["locator"]
            .as_str()
            .unwrap()
            .ends_with("articles.jsonl:1")
    );
}

#[test]
fn bad_input_is_reported_and_skipped_and_valid_records_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // a good JSON Lines file with a broken line, a line with no text and
    // invalid UTF-8 between good ones
    let mut jl = Vec::new();
    jl.extend_from_slice("{\"id\":\"a1\",\"title\":\"عنوان\",\"text\":\"قتل ثلاثة في بغداد\"}\n".as_bytes());
    jl.extend_from_slice(b"{\"id\":\"bad\",\n");
    jl.extend_from_slice("{\"id\":\"a2\",\"title\":\"بلا نص\"}\n".as_bytes());
    jl.extend_from_slice(b"{\"id\":\"a3\",\"text\":\"\xff\xfe\"}\n");
    jl.extend_from_slice("{\"id\":\"a4\",\"text\":\"سيطرت القوات على الرقة\"}\n".as_bytes());
    std::fs::write(d.join("mixed.jsonl"), &jl).unwrap();
    // a truncated gzip whose first lines are intact
    let mut good = String::new();
    for i in 0..200 {
        good.push_str(&format!("{{\"id\":\"g{i}\",\"text\":\"نص رقم {i} عن الموصل\"}}\n"));
    }
    let gz = gzip(good.as_bytes());
    std::fs::write(d.join("cut.jsonl.gz"), &gz[..gz.len() * 2 / 3]).unwrap();
    // invalid UTF-8 text file and an unreadable path
    std::fs::write(d.join("latin1.txt"), b"titre\n\xe9t\xe9\n").unwrap();
    let out = marsad()
        .arg("extract")
        .arg(d.join("mixed.jsonl"))
        .arg(d.join("cut.jsonl.gz"))
        .arg(d.join("latin1.txt"))
        .arg(d.join("missing.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "exit 3 when items were skipped");
    let err = String::from_utf8_lossy(&out.stderr);
    let mixed = d.join("mixed.jsonl").display().to_string();
    assert!(err.contains(&format!("{mixed}:2: invalid JSON")), "{err}");
    assert!(err.contains(&format!("{mixed}:3: no text")), "{err}");
    assert!(err.contains(&format!("{mixed}:4 (byte")), "{err}");
    assert!(err.contains("cut.jsonl.gz:") && err.contains("read error"), "{err}");
    assert!(err.contains("latin1.txt:2 (byte 6): invalid UTF-8"), "{err}");
    assert!(err.contains("missing.jsonl: cannot open"), "{err}");
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(&ids[..2], &["a1", "a4"]);
    // every intact line before the cut is kept, in order
    let g: Vec<&String> = ids.iter().filter(|i| i.starts_with('g')).collect();
    assert!(g.len() > 50, "kept {} of the intact gzip lines", g.len());
    for (k, id) in g.iter().enumerate() {
        assert_eq!(**id, format!("g{k}"));
    }
}

#[test]
fn text_input_with_published_date_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(&p, "عنوان الخبر\nقال مسؤول إن الجيش سيطر على القرية.\n").unwrap();
    let out = marsad()
        .args(["extract", "--published", "2017-06-10"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["title"], "عنوان الخبر");
    assert_eq!(r["text"], "قال مسؤول إن الجيش سيطر على القرية.");
    assert_eq!(r["published"], "2017-06-10");
    assert_eq!(r["source"]["kind"], "file");

    let mut child = marsad()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("{\"text\":\"نص\",\"published\":\"2015-08-01T10:00:00Z\"}\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(records(&out)[0]["published"], "2015-08-01");
}

#[test]
fn bad_published_flag_is_a_usage_error() {
    let out = marsad()
        .args(["extract", "--published", "10/06/2017", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

fn score(gold_dir: &Path, out: &Path) -> Option<serde_json::Value> {
    let o = Command::new("python3")
        .arg(gold_dir.join("../eval/score_events.py"))
        .arg(gold_dir)
        .arg(out)
        .arg("--json")
        .output()
        .ok()?;
    let s = String::from_utf8(o.stdout).ok()?;
    serde_json::from_str(s.lines().next()?).ok()
}

#[test]
fn raqqa_example_entity_recall() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("raqqa.jsonl");
    let st = marsad()
        .args(["extract", "--published", "2017-06-10", "-o"])
        .arg(&out)
        .arg(shared.join("examples/raqqa-2017-06-10.txt"))
        .status()
        .unwrap();
    assert!(st.success());
    let Some(s) = score(&shared.join("examples"), &out) else {
        eprintln!("skipping score: python3 unavailable");
        return;
    };
    let recall = s["entity_recall"].as_f64().unwrap();
    assert!(recall >= 0.8, "entity_recall {recall}");
}
