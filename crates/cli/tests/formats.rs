//! HTML pages, RSS/Atom feeds and WARC archives through the real binary:
//! `marsad extract` reads them with the others, reports their bad items
//! with file and item/record number, and `marsad ingest` stays idempotent.

use std::io::Write;
use std::path::Path;

mod common;
use common::{gzip, marsad, records};

/// An Arabic news page (written for this test) with navigation, a footer
/// and "read also" links around the story.
fn page(title: &str, date: Option<&str>, story: &[&str]) -> String {
    let date = date
        .map(|d| format!("<meta property=\"article:published_time\" content=\"{d}T09:15:00+03:00\">"))
        .unwrap_or_default();
    let paras: String = story.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - شبكة الأخبار</title><meta property="og:site_name" content="شبكة الأخبار">{date}
</head><body>
<nav><a href="/">الرئيسية</a> | <a href="/ar">عربي</a> | <a href="/world">دولي</a></nav>
<article><h1>{title}</h1>
{paras}<p>اقرأ أيضا: <a href="/x">تقرير عن أسعار النفط</a></p>
</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">فوز المنتخب في المباراة</a></li></ul></aside>
<footer>جميع الحقوق محفوظة</footer></body></html>"#
    )
}

const STORY: &[&str] = &[
    "قتل ثلاثة مدنيين وأصيب سبعة آخرون صباح اليوم في قصف مدفعي استهدف حيا سكنيا في مدينة تعز، بحسب ما أفادت مصادر طبية في المدينة.",
    "وقال مسؤول محلي إن القذائف سقطت على منازل المواطنين وسوق شعبي مزدحم، مضيفا أن فرق الإسعاف نقلت الجرحى إلى المستشفى الرئيسي.",
];

/// One WARC record written by hand (not with the crate the reader uses).
fn warc_record(kind: &str, n: u32, uri: Option<&str>, ctype: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\nWARC-Date: 2024-01-0{n}T12:00:00Z\r\n"
    );
    if let Some(u) = uri {
        r.push_str(&format!("WARC-Target-URI: {u}\r\n"));
    }
    r.push_str(&format!(
        "Content-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    ));
    let mut b = r.into_bytes();
    b.extend_from_slice(body);
    b.extend_from_slice(b"\r\n\r\n");
    b
}

fn http_html(html: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    )
    .into_bytes()
}

/// A small archive: warcinfo, request, an HTML response, and a final
/// response cut short. Returns it and the byte offset of the cut record.
fn archive() -> (Vec<u8>, usize) {
    let mut w = warc_record(
        "warcinfo",
        1,
        None,
        "application/warc-fields",
        b"software: test\r\nformat: WARC File Format 1.0\r\n",
    );
    w.extend(warc_record(
        "request",
        2,
        Some("https://news.example/ta3izz"),
        "application/http; msgtype=request",
        b"GET /ta3izz HTTP/1.1\r\nHost: news.example\r\n\r\n",
    ));
    // the crawl date (WARC-Date, January 2024) is not the publication date
    w.extend(warc_record(
        "response",
        3,
        Some("https://news.example/ta3izz"),
        "application/http; msgtype=response",
        &http_html(&page("قصف على حي سكني في تعز", Some("2016-02-14"), STORY)),
    ));
    let cut_at = w.len();
    let last = warc_record(
        "response",
        4,
        Some("https://news.example/other"),
        "application/http; msgtype=response",
        &http_html(&page("خبر آخر", None, STORY)),
    );
    w.extend(&last[..last.len() / 2]);
    (w, cut_at)
}

fn inputs(d: &Path) {
    std::fs::write(
        d.join("page.html"),
        page("قصف على حي سكني في تعز", Some("2016-02-14"), STORY),
    )
    .unwrap();
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>وكالة الخبر</title><link>https://feed.example/</link><description>آخر الأخبار</description>
<item><title>اشتباكات في درعا</title><link>https://feed.example/1</link><pubDate>Mon, 15 Feb 2016 10:00:00 +0200</pubDate>
<content:encoded><![CDATA[<p>اندلعت اشتباكات بين فصائل المعارضة وقوات النظام في ريف درعا الغربي.</p><p>وأفاد ناشطون بسقوط قتلى من الطرفين.</p>]]></content:encoded></item>
<item><title>عنوان فقط</title><link>https://feed.example/2</link></item>
<item><title>تظاهرة في الخرطوم</title><link>https://feed.example/3</link><pubDate>Tue, 16 Feb 2016 10:00:00 +0200</pubDate>
<description>&lt;p&gt;تظاهر مئات الطلاب في الخرطوم احتجاجا على رفع الأسعار.&lt;/p&gt;</description></item>
</channel></rss>"#;
    std::fs::write(d.join("news.rss"), rss).unwrap();
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>نشرة أطلس</title><id>urn:atlas</id><updated>2016-02-17T00:00:00Z</updated>
<entry><title>انفجار عبوة في الموصل</title><id>urn:atlas:1</id><link href="https://atom.example/1"/>
<published>2016-02-17T08:00:00Z</published><updated>2016-02-18T08:00:00Z</updated>
<content type="html">&lt;p&gt;انفجرت عبوة ناسفة على طريق رئيسي في الموصل.&lt;/p&gt;</content></entry></feed>"#;
    std::fs::write(d.join("atlas.atom.gz"), gzip(atom.as_bytes())).unwrap();
    let (w, _) = archive();
    std::fs::write(d.join("crawl.warc"), &w).unwrap();
    std::fs::write(d.join("crawl2.warc.gz"), gzip(&w)).unwrap();
}

#[test]
fn extract_reads_pages_feeds_and_archives() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    inputs(d);
    let (_, cut_at) = archive();
    let out = marsad().arg("extract").arg(d).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for expected in [
        "news.rss:item 2: no text".to_string(),
        format!("crawl.warc:record 4 (byte {cut_at}): truncated record"),
        format!("crawl2.warc.gz:record 4 (byte {cut_at}): truncated record"),
        "crawl.warc: 4 records, 1 pages read; skipped as not HTML pages: 1 request records, 1 warcinfo records".into(),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    assert_eq!(err.matches("skipped: ").count(), 3, "{err}");
    let recs = records(&out);
    let got: Vec<(String, String, String, String)> = recs
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (
                s(&r["source"]["locator"]).rsplit('/').next().unwrap().to_string(),
                s(&r["title"]),
                s(&r["published"]),
                s(&r["source"]["outlet"]),
            )
        })
        .collect();
    let want = [
        (
            "atlas.atom.gz:item 1",
            "انفجار عبوة في الموصل",
            "2016-02-17",
            "نشرة أطلس",
        ),
        (
            "crawl.warc:record 3",
            "قصف على حي سكني في تعز",
            "2016-02-14",
            "شبكة الأخبار",
        ),
        (
            "crawl2.warc.gz:record 3",
            "قصف على حي سكني في تعز",
            "2016-02-14",
            "شبكة الأخبار",
        ),
        ("news.rss:item 1", "اشتباكات في درعا", "2016-02-15", "وكالة الخبر"),
        ("news.rss:item 3", "تظاهرة في الخرطوم", "2016-02-16", "وكالة الخبر"),
        ("page.html", "قصف على حي سكني في تعز", "2016-02-14", "شبكة الأخبار"),
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, e)| (a.to_string(), b.to_string(), c.to_string(), e.to_string()))
        .collect();
    assert_eq!(got, want);
    // the page, and the same page in both archives: the story only, one
    // paragraph per line, and one id
    let page_recs: Vec<&serde_json::Value> = recs.iter().filter(|r| r["title"] == "قصف على حي سكني في تعز").collect();
    for r in &page_recs {
        assert_eq!(r["text"].as_str().unwrap(), STORY.join("\n"));
        assert_eq!(r["id"], page_recs[0]["id"]);
        assert!(
            r["events"].as_array().is_some_and(|e| !e.is_empty()),
            "an event is found in {r}"
        );
    }
    assert_eq!(recs[0]["source"]["kind"], "feed");
    assert_eq!(recs[1]["source"]["kind"], "warc");
}

#[test]
fn ingest_of_new_formats_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    std::fs::create_dir(&d).unwrap();
    inputs(&d);
    let data = dir.path().join("data");
    let run = || {
        let out = marsad()
            .arg("ingest")
            .arg(&d)
            .arg("--data")
            .arg(&data)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let first = run();
    // the page is stored once though three files hold it
    assert!(first.contains("marsad ingest: 4 new articles stored"), "{first}");
    let second = run();
    assert!(second.contains("marsad ingest: 0 new articles stored"), "{second}");
    assert!(second.contains("6 already in the archive"), "{second}");
}

#[test]
fn standard_input_is_sniffed() {
    let html = page("قصف على حي سكني في تعز", Some("2016-02-14"), STORY);
    let mut child = marsad()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(html.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["title"], "قصف على حي سكني في تعز");
    assert_eq!(recs[0]["published"], "2016-02-14");
}
