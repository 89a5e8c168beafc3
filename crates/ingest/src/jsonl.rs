//! JSON Lines articles: `{"id"?, "title"?, "text", "published"?, "outlet"?,
//! "url"?}` per line; `content` and `body` are accepted for `text`, `source`
//! for `outlet`.

use crate::{Article, ItemError, ReadOptions, parse_date, stable_id, too_big, utf16_bom};
use serde_json::Value;
use std::io::BufRead;

/// Iterates the articles of a JSON Lines stream, one item per non-blank
/// line; a read error (such as a truncated gzip stream) ends the stream
/// after one error item.
pub struct JsonlReader {
    r: Box<dyn BufRead + Send>,
    name: String,
    opts: ReadOptions,
    line: usize,
    byte: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    pub fn new(r: Box<dyn BufRead + Send>, name: String, opts: ReadOptions) -> JsonlReader {
        JsonlReader {
            r,
            name,
            opts,
            line: 0,
            byte: 0,
            buf: Vec::with_capacity(1 << 14),
            done: false,
        }
    }

    fn parse(&self, line: &str, at: String) -> Result<Article, ItemError> {
        let v: Value = serde_json::from_str(line)
            .map_err(|e| ItemError::new(at.clone(), format!("invalid JSON at column {}: {e}", e.column())))?;
        let Value::Object(o) = v else {
            return Err(ItemError::new(at, "expected a JSON object"));
        };
        let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
        let text = s("text").or_else(|| s("content")).or_else(|| s("body"));
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return Err(ItemError::new(
                at,
                "no text: the object has no non-empty \"text\", \"content\" or \"body\" string",
            ));
        };
        let title = s("title").unwrap_or_default();
        if title.len() + text.len() > self.opts.max_bytes {
            return Err(ItemError::new(at, too_big(self.opts.max_bytes)));
        }
        // a field of the wrong type is ignored, and said so
        for k in ["id", "title", "outlet", "source", "url", "published"] {
            match o.get(k) {
                None | Some(Value::Null | Value::String(_)) => {}
                Some(Value::Number(_)) if k == "id" => {}
                Some(v) => eprintln!(
                    "warning: {at}: \"{k}\" is {}, not a string; ignored",
                    match v {
                        Value::Bool(_) => "a boolean",
                        Value::Number(_) => "a number",
                        Value::Array(_) => "an array",
                        _ => "an object",
                    }
                ),
            }
        }
        let id = match o.get("id") {
            Some(Value::String(x)) if !x.is_empty() => x.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => stable_id(&title, &text),
        };
        let published = match o.get("published") {
            Some(Value::String(d)) => match parse_date(d) {
                Some(d) => Some(d),
                None => {
                    eprintln!(
                        "warning: {at}: unreadable \"published\" {d:?} (want YYYY-MM-DD or RFC 3339); using --published or null"
                    );
                    self.opts.published
                }
            },
            _ => self.opts.published,
        };
        Ok(Article {
            id,
            title,
            text,
            published,
            outlet: s("outlet").or_else(|| s("source")),
            url: s("url"),
            source_kind: "file".into(),
            locator: at,
        })
    }
}

/// Read one line (through its `\n`, or to the end of input) and return
/// how many bytes it had and whether it was longer than `max`: then `buf`
/// is left empty, and the line was read in chunks and dropped, so memory
/// stays bounded whatever the input.
pub(crate) fn read_line_limited(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<(usize, bool)> {
    let (mut n, mut over) = (0usize, false);
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((n, over));
        }
        let (len, end) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !over {
            if buf.len() + len > max {
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..len]);
            }
        }
        r.consume(len);
        n += len;
        if end {
            return Ok((n, over));
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Article, ItemError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let start = self.byte;
            // a line over the limit is consumed without being kept
            let max_line = self.opts.max_bytes.saturating_mul(4).saturating_add(4096);
            let over = match read_line_limited(&mut *self.r, &mut self.buf, max_line) {
                Ok((0, _)) => {
                    self.done = true;
                    return None;
                }
                Ok((n, over)) => {
                    self.line += 1;
                    self.byte += n as u64;
                    over
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(ItemError::new(
                        format!("{}:{} (byte {})", self.name, self.line + 1, start),
                        format!("read error, rest of input skipped: {e}"),
                    )));
                }
            };
            let at = format!("{}:{}", self.name, self.line);
            if over {
                return Some(Err(ItemError::new(
                    format!("{at} (byte {start})"),
                    format!("line longer than {max_line} bytes: {}", too_big(self.opts.max_bytes)),
                )));
            }
            let mut skip = 0u64;
            if self.line == 1 {
                if let Some(msg) = utf16_bom(&self.buf) {
                    // every later line would be garbage too
                    self.done = true;
                    return Some(Err(ItemError::new(format!("{at} (byte 0)"), msg)));
                }
                if self.buf.starts_with(b"\xEF\xBB\xBF") {
                    // a UTF-8 byte-order mark is no part of the JSON
                    self.buf.drain(..3);
                    skip = 3;
                }
            }
            let line = match std::str::from_utf8(&self.buf) {
                Ok(s) => s,
                Err(e) => {
                    return Some(Err(ItemError::new(
                        format!("{at} (byte {})", start + skip + e.valid_up_to() as u64),
                        "invalid UTF-8",
                    )));
                }
            };
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            return Some(self.parse(line, at));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &[u8]) -> Vec<Result<Article, ItemError>> {
        JsonlReader::new(
            Box::new(std::io::Cursor::new(s.to_vec())),
            "in.jsonl".into(),
            ReadOptions::default(),
        )
        .collect()
    }

    #[test]
    fn reads_fields_and_aliases() {
        let v = items(b"{\"id\":\"a\",\"title\":\"t\",\"content\":\"x\",\"published\":\"2015-08-01\",\"source\":\"okaz\"}\n\n{\"body\":\"y\"}\n");
        let a = v[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.text.as_str(), a.outlet.as_deref()),
            ("a", "x", Some("okaz"))
        );
        assert_eq!(a.published.unwrap().to_string(), "2015-08-01");
        assert_eq!(a.locator, "in.jsonl:1");
        let b = v[1].as_ref().unwrap();
        assert!(b.id.starts_with("h-"));
        assert_eq!(b.locator, "in.jsonl:3");
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let v = items(b"{\"text\":\"ok\"}\n{broken\n{\"title\":\"no text\"}\n\xff\n[1]\n{\"text\":\"ok2\"}\n");
        let ok: Vec<_> = v
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|a| a.text.clone())
            .collect();
        assert_eq!(ok, vec!["ok", "ok2"]);
        let errs: Vec<String> = v
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errs.len(), 4);
        assert!(errs[0].starts_with("in.jsonl:2: invalid JSON"), "{}", errs[0]);
        assert!(errs[1].starts_with("in.jsonl:3: no text"), "{}", errs[1]);
        assert_eq!(errs[2], "in.jsonl:4 (byte 42): invalid UTF-8");
        assert!(errs[3].starts_with("in.jsonl:5: expected a JSON object"));
    }

    fn opts(max_bytes: usize) -> ReadOptions {
        ReadOptions {
            max_bytes,
            ..ReadOptions::default()
        }
    }

    #[test]
    fn long_lines_are_skipped_with_bounded_memory() {
        // an endless line (a gzip bomb's output, say) ends in one error
        let r = JsonlReader::new(
            Box::new(std::io::BufReader::new(std::io::Read::take(
                std::io::repeat(b'x'),
                50_000_000,
            ))),
            "bomb.jsonl".into(),
            opts(1000),
        );
        let v: Vec<_> = r.collect();
        assert_eq!(v.len(), 1);
        let e = v[0].as_ref().unwrap_err();
        assert_eq!(e.locator, "bomb.jsonl:1 (byte 0)");
        assert!(e.message.contains("article too large"), "{e}");
        // the lines around a long one are read
        let long = format!("{{\"text\":\"{}\"}}\n", "ب".repeat(5000));
        let input = format!("{{\"text\":\"a\"}}\n{long}{{\"text\":\"b\"}}\n");
        let v: Vec<_> = JsonlReader::new(
            Box::new(std::io::Cursor::new(input.into_bytes())),
            "x".into(),
            opts(1000),
        )
        .collect();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].as_ref().unwrap().text, "a");
        assert_eq!(v[1].as_ref().unwrap_err().locator, "x:2 (byte 13)");
        assert_eq!(v[2].as_ref().unwrap().text, "b");
        assert_eq!(v[2].as_ref().unwrap().locator, "x:3");
        // under the line limit but over the text limit (escapes are short here)
        let input = format!("{{\"text\":\"{}\"}}\n", "x".repeat(1500));
        let v: Vec<_> = JsonlReader::new(
            Box::new(std::io::Cursor::new(input.into_bytes())),
            "x".into(),
            opts(1000),
        )
        .collect();
        assert!(v[0].as_ref().unwrap_err().message.contains("article too large"));
    }

    #[test]
    fn byte_order_marks() {
        let v = items(b"\xEF\xBB\xBF{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
        assert_eq!(v.iter().filter(|r| r.is_ok()).count(), 2, "{v:?}");
        let v = items(b"\xEF\xBB\xBF{\"text\":\"\xff\"}\n");
        assert_eq!(v[0].as_ref().unwrap_err().locator, "in.jsonl:1 (byte 12)");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "{\"text\":\"a\"}\n{\"text\":\"b\"}\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let v = items(&utf16);
        assert_eq!(v.len(), 1, "one error for the whole UTF-16 file: {v:?}");
        assert!(v[0].as_ref().unwrap_err().message.contains("UTF-16"));
    }

    #[test]
    fn hostile_values() {
        let deep = "[".repeat(100_000);
        let input = format!(
            "{deep}\n{{\"text\":5}}\n{{\"text\":null}}\nnull\n42\n\"s\"\n{{\"id\":1e400,\"text\":\"x\"}}\n{{\"text\":\"ok\",\"published\":\"+99999-01-01\",\"title\":7}}\n"
        );
        let v = items(input.as_bytes());
        assert_eq!(v.len(), 8);
        assert!(v[..7].iter().all(Result::is_err), "{v:?}");
        let a = v[7].as_ref().unwrap();
        assert_eq!((a.text.as_str(), a.title.as_str(), a.published), ("ok", "", None));
    }
}
