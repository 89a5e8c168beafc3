//! Readers for marsad's inputs (`spec/input.md`, and the README's "Input
//! formats").
//!
//! Every reader yields `Result<Article, ItemError>` items: a bad item (an
//! unreadable file, invalid UTF-8, broken JSON, a record with no text, a
//! truncated gzip stream, a feed item without text, a truncated WARC
//! record) is an `Err` that says where it was (file, line, item or record
//! number, byte offset) and the reader goes on with the next item. Nothing
//! valid is dropped.
//!
//! Formats are chosen by file name: `*.txt` (first non-empty line is the
//! title, the rest the body), `*.jsonl` / `*.ndjson` / `*.json` (one object
//! per line), `*.html` / `*.htm` / `*.xhtml` (one page, main content by
//! Readability), `*.rss` / `*.atom` (a feed, each item an article), `*.xml`
//! (a feed, or a page if its content says so), `*.warc` (the HTML responses
//! of a web archive); a `.gz` suffix adds gzip decoding; `-` is standard
//! input, whose format is sniffed from its first bytes. A directory is read
//! recursively in name order.
//!
//! Hostile input is bounded: an article (a text file, the title and text of
//! a JSON line, a page's or a feed item's extracted text) over
//! [`ReadOptions::max_bytes`] is reported and skipped without being held in
//! memory whole, so neither a 50 MB line nor a gzip bomb can exhaust memory
//! or stall extraction. Markup gets more room: a page's HTML may take 16
//! times the limit, a whole feed 64 times; XML entities declared in a DTD
//! are never expanded.

mod article;
mod feed;
mod html;
mod jsonl;
mod text;
mod warc;

pub use article::{Article, stable_id};
pub use feed::FeedReader;
pub use jsonl::JsonlReader;
pub use warc::WarcReader;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A bad input item and where it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{locator}: {message}")]
pub struct ItemError {
    /// `file`, `file:line` or `file:line (byte N)`.
    pub locator: String,
    pub message: String,
}

impl ItemError {
    pub fn new(locator: impl Into<String>, message: impl Into<String>) -> ItemError {
        ItemError {
            locator: locator.into(),
            message: message.into(),
        }
    }
}

/// The input formats marsad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    /// One HTML page.
    Html,
    /// An RSS or Atom feed (`*.xml` too: sniffed when read, and read as a
    /// page if it is one).
    Feed,
    /// A WARC archive.
    Warc,
}

/// The format and compression a path's name says.
pub fn format_of(path: &Path) -> (Format, bool) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let gz = name.ends_with(".gz");
    let base = name.strip_suffix(".gz").unwrap_or(&name);
    let fmt = if base.ends_with(".jsonl") || base.ends_with(".ndjson") || base.ends_with(".json") {
        Format::Jsonl
    } else if [".html", ".htm", ".xhtml"].iter().any(|x| base.ends_with(x)) {
        Format::Html
    } else if [".rss", ".atom", ".xml"].iter().any(|x| base.ends_with(x)) {
        Format::Feed
    } else if base.ends_with(".warc") {
        Format::Warc
    } else {
        Format::Text
    };
    (fmt, gz)
}

/// The names a directory walk picks up (before any `.gz`).
const ARTICLE_FILES: &[&str] = &[
    ".txt", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml", ".warc",
];

/// The default of [`ReadOptions::max_bytes`]: 256 KiB, four times the
/// longest of SaudiNewsNet's 31,000 articles (60 KB).
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024;

/// Options shared by all readers.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Publication date for items that carry none (`--published`).
    pub published: Option<chrono::NaiveDate>,
    /// Most bytes of one article (title and text, UTF-8); a longer one is
    /// reported and skipped. A JSON line may take four times as many bytes
    /// (escapes such as `\u0642` are longer than the letters they stand for).
    pub max_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            published: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// The error for an article over the size limit.
pub(crate) fn too_big(max: usize) -> String {
    format!("article too large: more than {max} bytes (the --max-bytes limit)")
}

/// The error for a stream that starts with a UTF-16 byte-order mark, if it does.
pub(crate) fn utf16_bom(head: &[u8]) -> Option<&'static str> {
    match head {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some(
            "UTF-16 text (it starts with a UTF-16 byte-order mark): marsad reads UTF-8; convert it first (iconv -f UTF-16 -t UTF-8)",
        ),
        _ => None,
    }
}

/// An iterator over the articles of one input.
pub type Items = Box<dyn Iterator<Item = Result<Article, ItemError>> + Send>;

/// Expand inputs: directories become their files (recursively, sorted,
/// hidden files skipped, each directory visited once however many symbolic
/// links lead to it); `-` stays as is. A directory without article files
/// and an entry that cannot be read are errors.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<Result<PathBuf, ItemError>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(Ok(p.clone()));
            continue;
        }
        let mut stack = vec![p.clone()];
        let mut seen = std::collections::HashSet::new();
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            // a symbolic link back up the tree would make the walk endless
            if let Ok(c) = std::fs::canonicalize(&d)
                && !seen.insert(c)
            {
                continue;
            }
            match std::fs::read_dir(&d) {
                Ok(rd) => {
                    for e in rd {
                        let e = match e {
                            Ok(e) => e,
                            Err(err) => {
                                out.push(Err(ItemError::new(
                                    d.display().to_string(),
                                    format!("cannot read a directory entry: {err}"),
                                )));
                                continue;
                            }
                        };
                        let path = e.path();
                        if path
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with('.'))
                        {
                            continue;
                        }
                        if path.is_dir() {
                            stack.push(path);
                        } else if is_article_file(&path) {
                            files.push(path);
                        }
                    }
                }
                Err(e) => out.push(Err(ItemError::new(
                    d.display().to_string(),
                    format!("cannot read directory: {e}"),
                ))),
            }
        }
        if files.is_empty() {
            out.push(Err(ItemError::new(
                p.display().to_string(),
                "no article files (*.txt, *.jsonl, *.ndjson, *.html, *.htm, *.rss, *.atom, *.xml, *.warc, gzipped or not) in this directory",
            )));
        }
        files.sort();
        out.extend(files.into_iter().map(Ok));
    }
    out
}

/// Files a directory walk picks up: [`ARTICLE_FILES`] (gzip too).
fn is_article_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let base = name.strip_suffix(".gz").unwrap_or(&name);
    ARTICLE_FILES.iter().any(|s| base.ends_with(s))
}

/// The format a stream's first bytes say: JSON Lines (`{`), a WARC
/// archive (`WARC/`), a feed (its first element `<rss>`, `<feed>` or
/// `<rdf:RDF>`), a page (any other markup), else text.
pub fn sniff(head: &[u8]) -> Format {
    let h = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).trim_ascii_start();
    if h.starts_with(b"{") {
        Format::Jsonl
    } else if h.starts_with(b"WARC/") {
        Format::Warc
    } else if feed::looks_like_feed(h) {
        Format::Feed
    } else if h.starts_with(b"<") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Open one input (a file or `-`) and iterate its articles.
pub fn read(path: &Path, opts: &ReadOptions) -> Items {
    let display = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut r = BufReader::with_capacity(1 << 16, std::io::stdin());
        let fmt = match r.fill_buf() {
            Ok(b) => sniff(b),
            Err(e) => {
                return Box::new(std::iter::once(Err(ItemError::new(
                    "<stdin>",
                    format!("cannot read: {e}"),
                ))));
            }
        };
        return read_as(fmt, Box::new(r), "<stdin>".into(), opts);
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return Box::new(std::iter::once(Err(ItemError::new(
                display,
                format!("cannot open: {e}"),
            ))));
        }
    };
    let (fmt, gz) = format_of(path);
    let reader: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let fmt = match fmt {
        // an *.xml file is a feed or a page, as its content says
        Format::Feed => match r.fill_buf() {
            Ok(head) if sniff(head) == Format::Html && !base_is_feed(path) => Format::Html,
            _ => Format::Feed,
        },
        f => f,
    };
    read_as(fmt, Box::new(r), display, opts)
}

/// Whether the name says a feed outright (`*.rss`, `*.atom`).
fn base_is_feed(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let base = name.strip_suffix(".gz").unwrap_or(&name);
    base.ends_with(".rss") || base.ends_with(".atom")
}

/// Read a stream in a known format.
fn read_as(fmt: Format, r: Box<dyn BufRead + Send>, name: String, opts: &ReadOptions) -> Items {
    match fmt {
        Format::Jsonl => Box::new(JsonlReader::new(r, name, opts.clone())),
        Format::Text => Box::new(std::iter::once(text::read_text(r, &name, "file", opts))),
        Format::Html => Box::new(std::iter::once(html::read_html(r, &name, opts))),
        Format::Feed => Box::new(FeedReader::new(r, name, opts.clone())),
        Format::Warc => Box::new(WarcReader::new(r, name, opts.clone())),
    }
}

/// Parse a publication date: `YYYY-MM-DD` or an RFC 3339 timestamp (its
/// date part). The year has exactly four digits: chrono alone would take
/// `+99999-01-01` or `-0001-01-01`, dates no article carries and whose
/// arithmetic ("غدا" a day later) could leave chrono's range.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if s.is_char_boundary(10) {
        let (head, tail) = s.split_at(10);
        if tail.starts_with('T') || tail.starts_with(' ') {
            return chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!(format_of(Path::new("a.jsonl.gz")), (Format::Jsonl, true));
        assert_eq!(format_of(Path::new("a.txt")), (Format::Text, false));
        assert_eq!(format_of(Path::new("A.NDJSON")), (Format::Jsonl, false));
        assert_eq!(format_of(Path::new("feed.rss")), (Format::Feed, false));
        assert_eq!(format_of(Path::new("a.XML")), (Format::Feed, false));
        assert_eq!(format_of(Path::new("page.htm.gz")), (Format::Html, true));
        assert_eq!(format_of(Path::new("crawl.warc.gz")), (Format::Warc, true));
    }

    #[test]
    fn pages_feeds_and_archives_are_read_by_name_and_content() {
        let d = tempfile::tempdir().unwrap();
        let page = crate::html::tests::PAGE;
        let write_gz = |name: &str, bytes: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut e, bytes).unwrap();
            std::fs::write(d.path().join(name), e.finish().unwrap()).unwrap();
        };
        std::fs::write(d.path().join("page.html"), page).unwrap();
        write_gz("page.htm.gz", page.as_bytes());
        // an *.xml file that is a page, not a feed
        std::fs::write(d.path().join("page.xml"), page).unwrap();
        for name in ["page.html", "page.htm.gz", "page.xml"] {
            let v: Vec<_> = read(&d.path().join(name), &ReadOptions::default()).collect();
            assert_eq!(v.len(), 1, "{name}: {v:?}");
            let a = v[0].as_ref().unwrap();
            assert_eq!(a.title, "اشتباكات عنيفة في ريف حلب الشمالي", "{name}");
            assert!(a.locator.ends_with(name));
        }
        let rss = "<rss version=\"2.0\"><channel><title>ق</title><item><title>ع</title><description>نص</description></item></channel></rss>";
        write_gz("feed.xml.gz", rss.as_bytes());
        let v: Vec<_> = read(&d.path().join("feed.xml.gz"), &ReadOptions::default()).collect();
        assert_eq!(v[0].as_ref().unwrap().text, "نص");
        assert_eq!(sniff(b"\xEF\xBB\xBF  <?xml version='1.0'?><rss>"), Format::Feed);
        assert_eq!(sniff(b"\r\nWARC/1.0\r\n"), Format::Warc);
        assert_eq!(sniff(b"<!doctype html><html>"), Format::Html);
        assert_eq!(sniff(b" {\"text\":1}"), Format::Jsonl);
        assert_eq!(sniff("عنوان".as_bytes()), Format::Text);
        let all = expand_inputs(&[d.path().to_path_buf()]);
        assert_eq!(all.len(), 4, "{all:?}");
    }

    #[cfg(unix)]
    #[test]
    fn directory_walks_end_and_empty_directories_are_reported() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("x.jsonl"), "{\"text\":\"x\"}\n").unwrap();
        // links back up the tree: the walk must not go round for ever
        std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
        std::os::unix::fs::symlink(d.path(), sub.join("root")).unwrap();
        let v = expand_inputs(&[d.path().to_path_buf()]);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].as_ref().unwrap().ends_with("a/b/x.jsonl"));
        let empty = d.path().join("empty.txt");
        std::fs::create_dir(&empty).unwrap();
        let v = expand_inputs(&[empty]);
        assert!(
            v[0].as_ref().unwrap_err().message.starts_with("no article files"),
            "{v:?}"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2017-06-10").unwrap().to_string(), "2017-06-10");
        assert_eq!(parse_date("2017-06-10T08:00:00Z").unwrap().to_string(), "2017-06-10");
        assert!(parse_date("10/06/2017").is_none());
        assert!(parse_date("2017-13-01").is_none());
        for bad in [
            "2017-13-45",
            "2017-02-30",
            "yesterday",
            "",
            "99999-01-01",
            "+99999-01-01",
            "-0001-01-01",
            "+262143-12-31",
            "٢٠١٧-٠٦-١٠",
            "2017-06-1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_date("9999-12-31").unwrap().to_string(), "9999-12-31");
    }
}
