//! JSON Lines articles: `{"id"?, "title"?, "text", "published"?, "outlet"?,
//! "url"?}` per line; `content` and `body` are accepted for `text`, `source`
//! for `outlet`.

use crate::{Article, ItemError, ReadOptions, parse_date, stable_id};
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

impl Iterator for JsonlReader {
    type Item = Result<Article, ItemError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let start = self.byte;
            match self.r.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) => {
                    self.line += 1;
                    self.byte += n as u64;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(ItemError::new(
                        format!("{}:{} (byte {})", self.name, self.line + 1, start),
                        format!("read error, rest of input skipped: {e}"),
                    )));
                }
            }
            let at = format!("{}:{}", self.name, self.line);
            let line = match std::str::from_utf8(&self.buf) {
                Ok(s) => s,
                Err(e) => {
                    return Some(Err(ItemError::new(
                        format!("{at} (byte {})", start + e.valid_up_to() as u64),
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
}
