//! WARC archives (`*.warc`, `*.warc.gz`): each `response` record whose
//! HTTP payload is an HTML page (and each `resource` record that is one) is
//! read as a page by the HTML reader.
//!
//! The `warc` crate parses and checks each record's header block
//! (`warc::parser::headers`, then `Record::try_from`, which insists on the
//! fields the standard requires); the framing around it is done here, with
//! bounded reads: a header block is at most 64 KiB, a record body over the
//! page limit is skipped without being held, and every read knows its byte
//! offset, so a truncated or malformed record is reported with its record
//! number and byte offset (in the uncompressed stream for `.warc.gz`), and
//! reading goes on with the next record whenever the framing allows.
//!
//! Other records (`warcinfo`, `request`, `metadata`, `revisit`, responses
//! that are not HTML or not 2xx) are skipped without an error and counted;
//! the counts are printed as one note at the end of the archive.
//!
//! The URL is the record's `WARC-Target-URI`; the publication date comes
//! from the page's metadata only. `WARC-Date` is when the page was crawled,
//! not when it was published: a crawl can be years after the story, and a
//! wrong date would misdate every relative date in the text ("أمس"), so a
//! page without a date of its own gets none (or `--published`).

use crate::html::{Page, page_limit, page_too_big};
use crate::jsonl::read_line_limited;
use crate::{Article, ItemError, ReadOptions};
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use warc::{EmptyBody, RawRecordHeader, Record, RecordType, WarcHeader};

/// Most bytes of one record's header block, and of an HTTP header.
const MAX_HEADER: usize = 64 * 1024;

/// Iterates the pages of one WARC archive.
pub struct WarcReader {
    r: Box<dyn BufRead + Send>,
    name: String,
    opts: ReadOptions,
    /// Records begun so far (1-based number of the current one).
    record: usize,
    /// Bytes consumed so far.
    byte: u64,
    /// After a malformed header: skip lines until one starts a record.
    resync: bool,
    done: bool,
    articles: usize,
    skipped: BTreeMap<String, usize>,
}

impl WarcReader {
    pub fn new(r: Box<dyn BufRead + Send>, name: String, opts: ReadOptions) -> WarcReader {
        WarcReader {
            r,
            name,
            opts,
            record: 0,
            byte: 0,
            resync: false,
            done: false,
            articles: 0,
            skipped: BTreeMap::new(),
        }
    }

    /// How many pages were read, and how many records of each kind were
    /// skipped without an error (by reason).
    pub fn counts(&self) -> (usize, &BTreeMap<String, usize>) {
        (self.articles, &self.skipped)
    }

    fn at(&self, byte: u64) -> String {
        format!("{}:record {} (byte {byte})", self.name, self.record)
    }

    fn skip(&mut self, why: &str) {
        *self.skipped.entry(why.to_string()).or_default() += 1;
    }

    /// Read the header block of the next record: its lines through the
    /// blank line. `Ok(None)` at the end of input.
    fn header_block(&mut self) -> Result<Option<(Vec<u8>, u64)>, ItemError> {
        let mut block = Vec::new();
        let mut line = Vec::new();
        let mut start = self.byte;
        loop {
            line.clear();
            let line_start = self.byte;
            let (n, over) = read_line_limited(&mut *self.r, &mut line, MAX_HEADER).map_err(|e| {
                self.done = true;
                ItemError::new(
                    self.at(line_start),
                    format!("read error, rest of the archive skipped: {e}"),
                )
            })?;
            self.byte += n as u64;
            if n == 0 {
                if block.is_empty() {
                    return Ok(None);
                }
                self.done = true;
                self.record += 1;
                return Err(ItemError::new(
                    self.at(start),
                    "truncated record: the archive ends inside its header",
                ));
            }
            if block.is_empty() {
                // blank lines between records, and after a malformed
                // record anything up to the next "WARC/" line
                let is_start = line.starts_with(b"WARC/");
                if !is_start && (self.resync || line.trim_ascii().is_empty()) {
                    continue;
                }
                self.resync = false;
                start = line_start;
            }
            if over || block.len() + line.len() > MAX_HEADER {
                self.record += 1;
                self.resync = true;
                return Err(ItemError::new(
                    self.at(start),
                    format!(
                        "malformed record: a header block longer than {MAX_HEADER} bytes; skipped to the next record"
                    ),
                ));
            }
            block.extend_from_slice(&line);
            if line == b"\r\n" || line == b"\n" {
                self.record += 1;
                return Ok(Some((block, start)));
            }
        }
    }

    /// Read `len` bytes of body into `into` (or drop them when `into` is
    /// `None`); the number read, fewer at the end of input.
    fn body(&mut self, len: u64, into: Option<&mut Vec<u8>>) -> Result<u64, std::io::Error> {
        let mut take = (&mut self.r).take(len);
        let n = match into {
            Some(buf) => take.read_to_end(buf)? as u64,
            None => std::io::copy(&mut take, &mut std::io::sink())?,
        };
        self.byte += n;
        Ok(n)
    }

    /// Consume the CRLF CRLF that ends a record; whether it was there.
    fn trailer(&mut self) -> std::io::Result<bool> {
        let mut got = Vec::with_capacity(4);
        while got.len() < 4 {
            let buf = self.r.fill_buf()?;
            match buf.first() {
                Some(&c @ (b'\r' | b'\n')) => {
                    got.push(c);
                    self.r.consume(1);
                    self.byte += 1;
                }
                _ => break,
            }
        }
        Ok(got == b"\r\n\r\n" || got == b"\n\n" || (got.is_empty() && self.r.fill_buf()?.is_empty()))
    }

    /// The next record's article, `Ok(None)` for a record skipped without
    /// error, `Err` for a bad one; at the end `self.done`.
    fn next_record(&mut self) -> Result<Option<Article>, ItemError> {
        let Some((block, start)) = self.header_block()? else {
            self.done = true;
            return Ok(None);
        };
        let (version, fields, len) = match warc::parser::headers(&block) {
            Ok((_, h)) => h,
            Err(_) => {
                self.resync = true;
                return Err(ItemError::new(
                    self.at(start),
                    "malformed record: its header block is not WARC headers; skipped to the next record",
                ));
            }
        };
        let raw = RawRecordHeader {
            version: version.to_string(),
            headers: fields
                .into_iter()
                .map(|(k, v)| (WarcHeader::from(k), v.to_vec()))
                .collect(),
        };
        let len = len as u64;
        let checked = Record::<EmptyBody>::try_from(raw);
        let limit = (page_limit(&self.opts) + MAX_HEADER) as u64;
        let wanted = match &checked {
            Ok(r) => matches!(r.warc_type(), RecordType::Response | RecordType::Resource),
            Err(_) => false,
        };
        // a page is kept whole; of a larger body only enough to tell
        // whether it is a page at all
        let keep = match wanted {
            true if len <= limit => len,
            true => len.min(MAX_HEADER as u64),
            false => 0,
        };
        let mut payload = Vec::new();
        let got = self
            .body(keep, Some(&mut payload))
            .and_then(|k| Ok(k + if k == keep { self.body(len - keep, None)? } else { 0 }))
            .map_err(|e| {
                self.done = true;
                ItemError::new(self.at(start), format!("read error, rest of the archive skipped: {e}"))
            })?;
        if got < len {
            self.done = true;
            return Err(ItemError::new(
                self.at(start),
                format!("truncated record: Content-Length is {len} bytes but the archive ends after {got}"),
            ));
        }
        let body_end = self.byte;
        match self.trailer() {
            Ok(true) => {}
            Ok(false) => {
                self.resync = true;
                return Err(ItemError::new(
                    self.at(start),
                    format!(
                        "malformed record: no blank line after its {len} bytes of content (byte {body_end}); skipped to the next record"
                    ),
                ));
            }
            Err(e) => {
                self.done = true;
                return Err(ItemError::new(
                    self.at(start),
                    format!("read error, rest of the archive skipped: {e}"),
                ));
            }
        }
        let record = checked.map_err(|e| ItemError::new(self.at(start), format!("malformed record: {e}")))?;
        let kind = record.warc_type().clone();
        if !matches!(kind, RecordType::Response | RecordType::Resource) {
            self.skip(&format!("{kind} records"));
            return Ok(None);
        }
        let target = record.header(WarcHeader::TargetURI).map(|u| u.trim().to_string());
        let (html, charset) = if kind == RecordType::Response {
            let ctype = record
                .header(WarcHeader::ContentType)
                .unwrap_or_default()
                .to_ascii_lowercase();
            if !ctype.starts_with("application/http") {
                self.skip("responses that are not HTTP");
                return Ok(None);
            }
            if len > limit {
                // too large for a page: an error only if it is one
                return match http_head(&payload) {
                    Ok(h) => match h.not_a_page() {
                        Some(why) => {
                            self.skip(why);
                            Ok(None)
                        }
                        None => Err(ItemError::new(self.at(start), page_too_big(&self.opts))),
                    },
                    Err(m) => Err(ItemError::new(self.at(start), m)),
                };
            }
            match http_payload(&payload, page_limit(&self.opts)) {
                Ok(Http::Page { body, charset }) => (body, charset),
                Ok(Http::Other(why)) => {
                    self.skip(why);
                    return Ok(None);
                }
                Err(m) => return Err(ItemError::new(self.at(start), m)),
            }
        } else {
            let ctype = record
                .header(WarcHeader::ContentType)
                .unwrap_or_default()
                .to_ascii_lowercase();
            if !is_html_type(&ctype) {
                self.skip("resources that are not HTML");
                return Ok(None);
            }
            if len > limit {
                return Err(ItemError::new(self.at(start), page_too_big(&self.opts)));
            }
            (payload, charset_of(&ctype))
        };
        let locator = format!("{}:record {}", self.name, self.record);
        let page = Page {
            locator: &locator,
            kind: "warc",
            url: target.as_deref().filter(|u| !u.is_empty()),
            charset: charset.as_deref(),
        };
        match page.article(&html, &self.opts) {
            Ok(a) => {
                self.articles += 1;
                Ok(Some(a))
            }
            Err(e) => Err(ItemError::new(self.at(start), e.message)),
        }
    }
}

impl Iterator for WarcReader {
    type Item = Result<Article, ItemError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(Some(a)) => return Some(Ok(a)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        if self.record > 0 && !self.skipped.is_empty() {
            let what: Vec<String> = self.skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
            eprintln!(
                "note: {}: {} records, {} pages read; skipped as not HTML pages: {}",
                self.name,
                self.record,
                self.articles,
                what.join(", ")
            );
            self.skipped.clear();
        }
        None
    }
}

/// What an HTTP response held.
enum Http {
    Page {
        body: Vec<u8>,
        charset: Option<String>,
    },
    /// Not a page: why, for the counts.
    Other(&'static str),
}

fn is_html_type(ctype: &str) -> bool {
    let essence = ctype.split(';').next().unwrap_or("").trim();
    essence == "text/html" || essence == "application/xhtml+xml"
}

fn charset_of(ctype: &str) -> Option<String> {
    ctype.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == "charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The head of an HTTP response message.
struct Head {
    status: u16,
    ctype: String,
    chunked: bool,
    encoding: String,
    /// Where the body starts.
    body_at: usize,
}

impl Head {
    /// Why the response is not a page, if it is not one.
    fn not_a_page(&self) -> Option<&'static str> {
        if !(200..300).contains(&self.status) {
            Some("responses that are not 2xx")
        } else if !is_html_type(&self.ctype) {
            Some("responses that are not HTML")
        } else {
            None
        }
    }
}

fn http_head(msg: &[u8]) -> Result<Head, String> {
    let head_end = msg
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| msg.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2)));
    let Some((head_len, body_at)) = head_end.filter(|(i, _)| *i <= MAX_HEADER) else {
        return Err("malformed HTTP response: no end of its headers".into());
    };
    let head = String::from_utf8_lossy(&msg[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = match status_line.split_whitespace().collect::<Vec<_>>().as_slice() {
        [v, code, ..] if v.starts_with("HTTP/") => code
            .parse()
            .map_err(|_| format!("malformed HTTP status line {status_line:?}"))?,
        _ => return Err(format!("malformed HTTP status line {status_line:?}")),
    };
    let mut h = Head {
        status,
        ctype: String::new(),
        chunked: false,
        encoding: String::new(),
        body_at,
    };
    for l in lines {
        let Some((k, v)) = l.split_once(':') else { continue };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => h.ctype = v,
            "transfer-encoding" => h.chunked = v.contains("chunked"),
            "content-encoding" => h.encoding = v,
            _ => {}
        }
    }
    Ok(h)
}

/// The page in an HTTP response message: status, headers, body (chunked
/// transfer and gzip/deflate content encodings undone, at most `limit`
/// bytes).
fn http_payload(msg: &[u8], limit: usize) -> Result<Http, String> {
    let h = http_head(msg)?;
    if let Some(why) = h.not_a_page() {
        return Ok(Http::Other(why));
    }
    let mut body = msg[h.body_at..].to_vec();
    if h.chunked {
        body = dechunk(&body)?;
    }
    body = match h.encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)?,
        other => {
            return Err(format!(
                "HTTP Content-Encoding {other:?} is not read (gzip and deflate are)"
            ));
        }
    };
    Ok(Http::Page {
        charset: charset_of(&h.ctype),
        body,
    })
}

fn inflate(r: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the HTTP body: {e}"))?;
    if out.len() > limit {
        return Err(format!(
            "page too large: more than {limit} bytes of HTML once decompressed"
        ));
    }
    Ok(out)
}

/// Undo HTTP/1.1 chunked transfer coding.
fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "malformed chunked HTTP body".to_string();
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let size = std::str::from_utf8(&b[..eol]).map_err(|_| bad())?;
        let size = size.split(';').next().unwrap_or("").trim();
        let n = usize::from_str_radix(size, 16).map_err(|_| bad())?;
        b = &b[eol + 2..];
        if n == 0 {
            return Ok(out);
        }
        if b.len() < n {
            return Err("truncated chunked HTTP body".into());
        }
        out.extend_from_slice(&b[..n]);
        b = b.get(n..).unwrap_or_default();
        b = b.strip_prefix(b"\r\n").unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use warc::{RecordBuilder, WarcWriter};

    /// A record as the `warc` crate writes it.
    pub(crate) fn record(kind: RecordType, uri: Option<&str>, ctype: &str, body: &[u8]) -> Vec<u8> {
        let mut b = RecordBuilder::default()
            .warc_type(kind)
            .header(WarcHeader::ContentType, ctype)
            .body(body.to_vec());
        if let Some(u) = uri {
            b = b.header(WarcHeader::TargetURI, u);
        }
        let mut out = Vec::new();
        WarcWriter::new(&mut out).write(&b.build().unwrap()).unwrap();
        out
    }

    fn http(ctype: &str, body: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    fn read(bytes: Vec<u8>) -> (Vec<Result<Article, ItemError>>, usize, BTreeMap<String, usize>) {
        let mut r = WarcReader::new(
            Box::new(std::io::Cursor::new(bytes)),
            "c.warc".into(),
            ReadOptions::default(),
        );
        let mut v = Vec::new();
        while let Some(x) = r.next_inner() {
            v.push(x);
        }
        let (a, s) = r.counts();
        (v, a, s.clone())
    }

    impl WarcReader {
        /// `next` without the closing note (whose counts the tests read).
        fn next_inner(&mut self) -> Option<Result<Article, ItemError>> {
            while !self.done {
                match self.next_record() {
                    Ok(Some(a)) => return Some(Ok(a)),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            None
        }
    }

    #[test]
    fn pages_from_responses() {
        let page = crate::html::tests::PAGE;
        let mut w = record(
            RecordType::WarcInfo,
            None,
            "application/warc-fields",
            b"software: test\r\n",
        );
        w.extend(record(
            RecordType::Request,
            Some("https://example.org/x"),
            "application/http; msgtype=request",
            b"GET /x HTTP/1.1\r\n\r\n",
        ));
        let resp = record(
            RecordType::Response,
            Some("https://example.org/x"),
            "application/http; msgtype=response",
            &http("text/html; charset=utf-8", page),
        );
        w.extend(&resp);
        w.extend(record(
            RecordType::Response,
            Some("https://example.org/i.png"),
            "application/http; msgtype=response",
            &http("image/png", "PNG"),
        ));
        let cut = w.len();
        let last = record(
            RecordType::Response,
            Some("https://example.org/y"),
            "application/http; msgtype=response",
            &http("text/html", page),
        );
        w.extend(&last[..last.len() - 500]);
        let (v, articles, skipped) = read(w);
        assert_eq!(v.len(), 2, "{v:?}");
        let a = v[0].as_ref().unwrap();
        assert_eq!(a.title, "اشتباكات عنيفة في ريف حلب الشمالي");
        assert_eq!(a.url.as_deref(), Some("https://example.org/x"), "the target URI wins");
        assert_eq!(a.published.unwrap().to_string(), "2017-06-10");
        assert_eq!(
            (a.source_kind.as_str(), a.locator.as_str()),
            ("warc", "c.warc:record 3")
        );
        assert_eq!(a.text.lines().count(), 3);
        let e = v[1].as_ref().unwrap_err();
        assert_eq!(e.locator, format!("c.warc:record 5 (byte {cut})"));
        assert!(e.message.starts_with("truncated record: Content-Length is"), "{e}");
        assert_eq!(articles, 1);
        let want: BTreeMap<String, usize> = [
            ("warcinfo records", 1),
            ("request records", 1),
            ("responses that are not HTML", 1),
        ]
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
        assert_eq!(skipped, want);
    }

    #[test]
    fn malformed_records_are_reported_and_reading_goes_on() {
        let page = crate::html::tests::PAGE;
        let good = record(
            RecordType::Response,
            Some("https://example.org/x"),
            "application/http",
            &http("text/html", page),
        );
        // garbage, then a record whose Content-Length is wrong, then a good one
        let mut w = b"not a warc header\r\n\r\n".to_vec();
        let s = String::from_utf8(good.clone()).unwrap();
        let cl = s.find("content-length: ").unwrap() + 16;
        let n: usize = s[cl..].split("\r\n").next().unwrap().parse().unwrap();
        let wrong = s.replacen(
            &format!("content-length: {n}\r\n"),
            &format!("content-length: {}\r\n", n - 100),
            1,
        );
        w.extend(wrong.as_bytes());
        w.extend(&good);
        // a page without a date of its own gets none, whatever WARC-Date says
        let undated = page.replace("article:published_time", "x").replace("datetime=", "x=");
        w.extend(record(
            RecordType::Response,
            Some("https://example.org/u"),
            "application/http",
            &http("text/html", &undated),
        ));
        let (v, articles, _) = read(w);
        let errs: Vec<String> = v
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(ToString::to_string)
            .collect();
        assert!(
            errs[0].starts_with("c.warc:record 1 (byte 0): malformed record"),
            "{errs:?}"
        );
        assert!(errs.iter().skip(1).all(|e| e.contains("malformed record")), "{errs:?}");
        assert_eq!(articles, 2, "{v:?}");
        let ok: Vec<&Article> = v.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok[1].published, None);
    }

    #[test]
    fn large_records() {
        let opts = ReadOptions {
            max_bytes: 1000,
            ..ReadOptions::default()
        };
        let big = "x".repeat(100_000);
        let mut w = record(
            RecordType::Response,
            Some("https://e.org/i"),
            "application/http",
            &http("image/jpeg", &big),
        );
        w.extend(record(
            RecordType::Response,
            Some("https://e.org/p"),
            "application/http",
            &http("text/html", &big),
        ));
        w.extend(record(
            RecordType::Resource,
            Some("https://e.org/r"),
            "text/html",
            big.as_bytes(),
        ));
        let mut r = WarcReader::new(Box::new(std::io::Cursor::new(w)), "big.warc".into(), opts);
        let v: Vec<_> = std::iter::from_fn(|| r.next_inner()).collect();
        assert_eq!(v.len(), 2, "{v:?}");
        for (e, n) in v.iter().zip(["2", "3"]) {
            let e = e.as_ref().unwrap_err();
            assert!(e.locator.starts_with(&format!("big.warc:record {n} (byte ")), "{e}");
            assert!(e.message.starts_with("page too large"), "{e}");
        }
        assert_eq!(r.counts().1.get("responses that are not HTML"), Some(&1));
    }

    #[test]
    fn http_bodies() {
        assert_eq!(dechunk(b"4\r\nabcd\r\n2;x\r\nef\r\n0\r\n\r\n").unwrap(), b"abcdef");
        assert!(dechunk(b"zz\r\n").is_err());
        assert!(matches!(
            http_payload(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nx", 100),
            Ok(Http::Other(_))
        ));
        assert!(http_payload(b"garbage", 100).is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &[b'x'; 10_000]).unwrap();
        let mut msg = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        msg.extend(gz.finish().unwrap());
        assert!(http_payload(&msg, 100).err().unwrap().starts_with("page too large"));
        assert!(matches!(http_payload(&msg, 20_000), Ok(Http::Page { ref body, .. }) if body.len() == 10_000));
        assert_eq!(
            charset_of("text/html; charset=\"windows-1256\"").as_deref(),
            Some("windows-1256")
        );
    }
}
