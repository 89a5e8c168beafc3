//! Plain-text articles: the first non-empty line is the title, the rest the
//! body.

use crate::{Article, ItemError, ReadOptions, stable_id, too_big, utf16_bom};
use std::io::Read;

/// Read one whole text article from `r`, at most `opts.max_bytes` of it.
pub(crate) fn read_text(r: impl Read, locator: &str, kind: &str, opts: &ReadOptions) -> Result<Article, ItemError> {
    let mut bytes = Vec::new();
    // one byte more than allowed tells a file at the limit from one over it;
    // the rest (a gzip bomb, say) is never decompressed
    r.take(opts.max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ItemError::new(locator, format!("cannot read: {e}")))?;
    if bytes.len() > opts.max_bytes {
        return Err(ItemError::new(locator, too_big(opts.max_bytes)));
    }
    if let Some(msg) = utf16_bom(&bytes) {
        return Err(ItemError::new(format!("{locator}:1 (byte 0)"), msg));
    }
    let s = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(ItemError::new(format!("{locator}:{line} (byte {at})"), "invalid UTF-8"));
        }
    };
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(&s);
    // blank lines before the title are skipped (in one pass: a file of
    // millions of empty lines must not take quadratic time)
    let s = s.trim_start();
    let (title, body) = s.split_once('\n').unwrap_or((s, ""));
    let title = title.trim().to_string();
    let body = body.trim().to_string();
    if title.is_empty() && body.is_empty() {
        return Err(ItemError::new(locator, "empty article: no title and no text"));
    }
    Ok(Article {
        id: stable_id(&title, &body),
        title,
        text: body,
        published: opts.published,
        outlet: None,
        url: None,
        source_kind: kind.to_string(),
        locator: locator.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_then_body() {
        let a = read_text(
            "\n\nعنوان\nسطر أول\nسطر ثان\n".as_bytes(),
            "x.txt",
            "file",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.title, "عنوان");
        assert_eq!(a.text, "سطر أول\nسطر ثان");
        assert_eq!(a.locator, "x.txt");
    }

    #[test]
    fn invalid_utf8_says_where() {
        let e = read_text(&b"title\nok\n\xff\xfe"[..], "x.txt", "file", &ReadOptions::default()).unwrap_err();
        assert_eq!(e.locator, "x.txt:3 (byte 9)");
    }

    #[test]
    fn size_limit_utf16_and_blank_lines() {
        let opts = ReadOptions {
            max_bytes: 100,
            ..ReadOptions::default()
        };
        // an endless stream is cut at the limit, never read whole
        let e = read_text(std::io::repeat(b'x'), "big.txt", "file", &opts).unwrap_err();
        assert_eq!(e.locator, "big.txt");
        assert!(e.message.starts_with("article too large"), "{e}");
        assert!(read_text(&[b'x'; 100][..], "ok.txt", "file", &opts).is_ok());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("عنوان\nنص".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let e = read_text(&utf16[..], "u.txt", "file", &ReadOptions::default()).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{e}");
        // millions of blank lines before the title: linear, not quadratic
        let mut s = "\n".repeat(200_000);
        s.push_str("  عنوان \n نص ");
        let a = read_text(s.as_bytes(), "b.txt", "file", &ReadOptions::default()).unwrap();
        assert_eq!((a.title.as_str(), a.text.as_str()), ("عنوان", "نص"));
        let a = read_text("\u{FEFF}عنوان".as_bytes(), "t.txt", "file", &ReadOptions::default()).unwrap();
        assert_eq!((a.title.as_str(), a.text.as_str()), ("عنوان", ""));
    }

    #[test]
    fn empty_is_an_error() {
        assert!(read_text(&b"\n \n"[..], "x.txt", "file", &ReadOptions::default()).is_err());
    }
}
