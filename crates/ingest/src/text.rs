//! Plain-text articles: the first non-empty line is the title, the rest the
//! body.

use crate::{Article, ItemError, ReadOptions, stable_id};
use std::io::Read;

/// Read one whole text article from `r`.
pub(crate) fn read_text(mut r: impl Read, locator: &str, kind: &str, opts: &ReadOptions) -> Result<Article, ItemError> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|e| ItemError::new(locator, format!("cannot read: {e}")))?;
    let s = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(ItemError::new(format!("{locator}:{line} (byte {at})"), "invalid UTF-8"));
        }
    };
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(&s);
    let mut lines = s.splitn(2, '\n');
    let mut title = lines.next().unwrap_or("").trim().to_string();
    let mut body = lines.next().unwrap_or("").to_string();
    // skip leading blank lines before the title
    while title.is_empty() && !body.is_empty() {
        let mut l = body.splitn(2, '\n');
        title = l.next().unwrap_or("").trim().to_string();
        body = l.next().unwrap_or("").to_string();
    }
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
    fn empty_is_an_error() {
        assert!(read_text(&b"\n \n"[..], "x.txt", "file", &ReadOptions::default()).is_err());
    }
}
