//! End-to-end tests of `marsad extract` through the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{gzip, marsad, records, repo_file};

/// `../shared` beside the repository, when present.
fn shared() -> Option<PathBuf> {
    let p = std::env::var("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo_file("../shared"));
    if p.join("README.md").exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent (set MARSAD_SHARED to run this test)");
        None
    }
}

#[test]
fn sample_records_have_the_spec_shape() {
    let out = marsad()
        .arg("extract")
        .arg(repo_file("data/sample/articles.jsonl"))
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

/// Hostile inputs of every kind the readers take, each beside a good
/// article: the bad ones are reported with where they were, the good ones
/// are written, memory and time stay bounded, and nothing panics.
#[test]
fn hostile_inputs_are_bounded_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = |id: &str| format!("{{\"id\":\"{id}\",\"text\":\"قتل ثلاثة أشخاص في غارة على حلب\"}}\n");
    // a gzip bomb: one line of 4 MB (16 times the line limit) that
    // compresses to a few KB
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(good("b1").as_bytes()).unwrap();
    e.write_all(b"{\"text\":\"").unwrap();
    let mb = vec![b'a'; 1 << 20];
    for _ in 0..4 {
        e.write_all(&mb).unwrap();
    }
    e.write_all(format!("\"}}\n{}", good("b2")).as_bytes()).unwrap();
    std::fs::write(d.join("bomb.jsonl.gz"), e.finish().unwrap()).unwrap();
    // a UTF-8 byte-order mark, hostile JSON values and absurd numbers
    let mut jl = b"\xEF\xBB\xBF".to_vec();
    jl.extend_from_slice(good("h1").as_bytes());
    jl.extend_from_slice(format!("{}\n", "[".repeat(100_000)).as_bytes());
    jl.extend_from_slice(b"null\n{\"text\":42}\n{\"text\":\"\\u0000\",\"published\":\"+99999-01-01\"}\n");
    let huge = format!(
        "{{\"id\":\"h2\",\"published\":\"2017-06-10\",\"text\":\"قتل {} شخصا وأصيب 18446744073709.5 ألف آخرون وقتل عشرات الآلاف الآلاف الآلاف الآلاف الآلاف الآلاف في حلب في 99/99/9999 وقبل 99999999999 يوما\"}}\n",
        "٩".repeat(10_000)
    );
    jl.extend_from_slice(huge.as_bytes());
    std::fs::write(d.join("odd.jsonl"), &jl).unwrap();
    // UTF-16, a text file far over the limit, a feed, an empty directory
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("عنوان\nنص".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(d.join("utf16.txt"), utf16).unwrap();
    std::fs::write(d.join("long.txt"), format!("عنوان\n{}", "ق".repeat(1_000_000))).unwrap();
    std::fs::write(d.join("feed.rss"), "<rss><channel></channel></rss>").unwrap();
    // billion laughs: declared entities are never expanded
    let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        lol.push_str(&format!("<!ENTITY lol{i} \"{}\">", format!("&{prev};").repeat(10)));
    }
    lol.push_str("]><rss version=\"2.0\"><channel><title>x</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>");
    std::fs::write(d.join("lol.rss"), lol).unwrap();
    std::fs::create_dir(d.join("nothing")).unwrap();
    let out = marsad()
        .arg("extract")
        .args([
            "bomb.jsonl.gz",
            "odd.jsonl",
            "utf16.txt",
            "long.txt",
            "feed.rss",
            "lol.rss",
            "nothing",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for expected in [
        "bomb.jsonl.gz:2 (byte 78): line longer than",
        "odd.jsonl:2: invalid JSON",
        "odd.jsonl:3: expected a JSON object",
        "odd.jsonl:4: no text",
        "unreadable \"published\" \"+99999-01-01\"",
        "utf16.txt:1 (byte 0): UTF-16 text",
        "long.txt: article too large",
        "feed.rss: not a readable RSS or Atom feed",
        "lol.rss (byte 36): the feed declares XML entities",
        "nothing: no article files",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids[..2], ["b1", "b2"]);
    assert!(ids.contains(&"h1") && ids.contains(&"h2"), "{ids:?}");
    // a count past belief is no count, not a wrapped integer
    for r in &recs {
        for ev in r["events"].as_array().unwrap() {
            for k in ["killed", "wounded", "killed_or_wounded"] {
                let n = ev["fatalities"][k]["min"].as_u64().unwrap_or(0);
                assert!(n <= 1_000_000_000_000, "{k} = {n} in {}", r["id"]);
            }
        }
    }
}

/// Standard input gets the same limit, byte-order-mark handling and reports.
#[test]
fn hostile_standard_input() {
    let good = |id: &str| format!("{{\"id\":\"{id}\",\"text\":\"قتل ثلاثة أشخاص في غارة على حلب\"}}\n");
    let mut child = marsad()
        .args(["extract", "--max-bytes", "1000", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(good("s1").as_bytes());
    input.extend_from_slice(format!("{{\"text\":\"{}\"}}\n", "x".repeat(5000)).as_bytes());
    input.extend_from_slice(good("s2").as_bytes());
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("<stdin>:2") && err.contains("article too large"), "{err}");
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["s1", "s2"]);
}

/// `ingest` takes the same hostile input without harm.
#[test]
fn ingest_survives_hostile_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut jl = String::new();
    jl.push_str("{\"id\":\"ok1\",\"text\":\"قتل ثلاثة أشخاص في غارة على حلب\",\"published\":\"2017-06-10\"}\n");
    jl.push_str(&format!(
        "{{\"id\":\"big\",\"text\":\"قتل {} شخصا في حلب\"}}\n",
        "9".repeat(30)
    ));
    jl.push_str(&format!("{{\"id\":\"long\",\"text\":\"{}\"}}\n", "ب ".repeat(200_000)));
    jl.push_str("{\"id\":\"ok2\",\"text\":\"تظاهر مئات في صنعاء\",\"published\":\"9999-12-31\"}\n");
    std::fs::write(d.join("in.jsonl"), jl).unwrap();
    let out = marsad()
        .args(["ingest", "in.jsonl", "--data", "data"])
        .current_dir(d)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("in.jsonl:3 (byte") || err.contains("in.jsonl:3:"), "{err}");
    assert!(err.contains("3 new articles stored"), "{err}");
}

/// `geocode --file` says where invalid UTF-8 is instead of a bare error.
#[test]
fn geocode_reports_invalid_utf8_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bad.txt"), b"title\nok\n\xff").unwrap();
    let out = marsad()
        .args(["geocode", "--file", "bad.txt"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt:3 (byte 9): invalid UTF-8"));
}
