//! The article as read, before analysis.

use chrono::NaiveDate;

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The input's own id, or a stable hash of the normalised title + body.
    pub id: String,
    pub title: String,
    /// The body exactly as read.
    pub text: String,
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// `file`, `url`, `feed` or `warc`.
    pub source_kind: String,
    /// Where it came from: `path`, `path:line`, a URL or a WARC record id.
    pub locator: String,
}

impl Article {
    /// An article made from strings (a title, a body and an optional
    /// publication date), as a library user or a test builds one; its id
    /// is the stable hash of its text and its source `text:-`.
    pub fn from_text(title: &str, text: &str, published: Option<NaiveDate>) -> Article {
        Article {
            id: stable_id(title, text),
            title: title.to_string(),
            text: text.to_string(),
            published,
            outlet: None,
            url: None,
            source_kind: "text".into(),
            locator: "-".into(),
        }
    }
}

/// A stable id for an article without one: `h-` and 16 hex digits of the
/// XXH3-64 hash of its normalised title and body. Spelling variants that
/// normalise alike (hamza forms, diacritics) get the same id.
pub fn stable_id(title: &str, text: &str) -> String {
    let mut s = marsad_text::fold_str(title);
    s.push('\n');
    s.push_str(&marsad_text::fold_str(text));
    format!("h-{:016x}", xxhash_rust::xxh3::xxh3_64(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_ignore_spelling_noise() {
        assert_eq!(stable_id("عنوان", "قَالَ أحمد"), stable_id("عنوان", "قال احمد"));
        assert_ne!(stable_id("عنوان", "نص"), stable_id("عنوان", "نص آخر"));
        assert!(stable_id("", "").starts_with("h-"));
        assert_eq!(stable_id("a", "b").len(), 18);
    }
}
