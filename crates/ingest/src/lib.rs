//! Readers for marsad's inputs (`spec/input.md`).
//!
//! Every reader yields `Result<Article, ItemError>` items: a bad item (an
//! unreadable file, invalid UTF-8, broken JSON, a record with no text, a
//! truncated gzip stream) is an `Err` that says where it was (file, line,
//! byte offset) and the reader goes on with the next item. Nothing valid is
//! dropped.
//!
//! Formats are chosen by file name: `*.txt` (first non-empty line is the
//! title, the rest the body), `*.jsonl` / `*.ndjson` / `*.json` (one object
//! per line); a `.gz` suffix adds gzip decoding; `-` is standard input, read
//! as JSON Lines when its first non-blank byte is `{`, else as one text
//! article. A directory is read recursively in name order.

mod article;
mod jsonl;
mod text;

pub use article::{Article, stable_id};
pub use jsonl::JsonlReader;

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
    } else {
        Format::Text
    };
    (fmt, gz)
}

/// Options shared by all readers.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date for items that carry none (`--published`).
    pub published: Option<chrono::NaiveDate>,
}

/// An iterator over the articles of one input.
pub type Items = Box<dyn Iterator<Item = Result<Article, ItemError>> + Send>;

/// Expand inputs: directories become their files (recursively, sorted,
/// hidden files skipped); `-` stays as is.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<Result<PathBuf, ItemError>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(Ok(p.clone()));
            continue;
        }
        let mut stack = vec![p.clone()];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            match std::fs::read_dir(&d) {
                Ok(rd) => {
                    for e in rd.flatten() {
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
        files.sort();
        out.extend(files.into_iter().map(Ok));
    }
    out
}

/// Files a directory walk picks up: text and JSON Lines (gzip too).
fn is_article_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let base = name.strip_suffix(".gz").unwrap_or(&name);
    [".txt", ".jsonl", ".ndjson"].iter().any(|s| base.ends_with(s))
}

/// Open one input (a file or `-`) and iterate its articles.
pub fn read(path: &Path, opts: &ReadOptions) -> Items {
    let display = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut r = BufReader::new(std::io::stdin());
        let first = match r.fill_buf() {
            Ok(b) => b.iter().find(|c| !c.is_ascii_whitespace()).copied(),
            Err(e) => {
                return Box::new(std::iter::once(Err(ItemError::new(
                    "<stdin>",
                    format!("cannot read: {e}"),
                ))));
            }
        };
        return if first == Some(b'{') {
            Box::new(JsonlReader::new(Box::new(r), "<stdin>".into(), opts.clone()))
        } else {
            Box::new(std::iter::once(text::read_text(Box::new(r), "<stdin>", "file", opts)))
        };
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
    match fmt {
        Format::Jsonl => Box::new(JsonlReader::new(
            Box::new(BufReader::with_capacity(1 << 16, reader)),
            display,
            opts.clone(),
        )),
        Format::Text => Box::new(std::iter::once(text::read_text(reader, &display, "file", opts))),
    }
}

/// Parse a publication date: `YYYY-MM-DD` or an RFC 3339 timestamp (its
/// date part).
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if s.len() >= 10 && s.is_char_boundary(10) {
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
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2017-06-10").unwrap().to_string(), "2017-06-10");
        assert_eq!(parse_date("2017-06-10T08:00:00Z").unwrap().to_string(), "2017-06-10");
        assert!(parse_date("10/06/2017").is_none());
        assert!(parse_date("2017-13-01").is_none());
    }
}
