//! RSS and Atom feeds (`feed-rs`): each item is an article.
//!
//! Title from the item's title, text from `content:encoded` / Atom
//! `content`, else `description` / `summary` (HTML turned to text, one
//! paragraph per line), date from `pubDate` / `published`, else `updated`,
//! url from the item's link, outlet from the feed's title. An item without
//! text is reported and skipped.
//!
//! A feed is parsed whole, so it is read up to [`FEED_FACTOR`] times
//! `--max-bytes`; a longer one (a gzip bomb, say) is reported without being
//! read further. feed-rs (through quick-xml) resolves only XML's five
//! predefined entities and character references, never entities a DTD
//! declares, so entity expansion (billion laughs) cannot happen; a feed
//! that declares entities is reported and skipped rather than read with
//! `&lol9;`-style references left in its text.

use crate::html::html_to_text;
use crate::{Article, ItemError, ReadOptions, stable_id, too_big, utf16_bom};
use feed_rs::model::{Entry, Text};
use std::io::Read;

/// How many times [`ReadOptions::max_bytes`] one feed may take.
pub(crate) const FEED_FACTOR: usize = 64;

/// Iterates the items of one feed.
pub struct FeedReader {
    name: String,
    opts: ReadOptions,
    outlet: Option<String>,
    entries: std::vec::IntoIter<Entry>,
    item: usize,
    /// An error found before any item (the feed could not be read).
    fatal: Option<ItemError>,
}

impl FeedReader {
    /// Read and parse a whole feed from `r`.
    pub fn new(r: impl Read, name: String, opts: ReadOptions) -> FeedReader {
        let mut f = FeedReader {
            name,
            opts,
            outlet: None,
            entries: Vec::new().into_iter(),
            item: 0,
            fatal: None,
        };
        match f.parse(r) {
            Ok(feed) if feed.entries.is_empty() => {
                f.fatal = Some(ItemError::new(f.name.clone(), "the feed has no items"));
            }
            Ok(feed) => {
                f.outlet = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
                f.entries = feed.entries.into_iter();
            }
            Err(e) => f.fatal = Some(e),
        }
        f
    }

    fn parse(&self, r: impl Read) -> Result<feed_rs::model::Feed, ItemError> {
        let limit = self.opts.max_bytes.saturating_mul(FEED_FACTOR);
        let err = |m: String| ItemError::new(self.name.clone(), m);
        let mut bytes = Vec::new();
        r.take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| err(format!("cannot read: {e}")))?;
        if bytes.len() > limit {
            return Err(err(format!(
                "feed too large: more than {limit} bytes ({FEED_FACTOR} times the --max-bytes limit)"
            )));
        }
        if let Some(msg) = utf16_bom(&bytes) {
            return Err(err(msg.into()));
        }
        if let Some(at) = entity_declaration(&bytes) {
            return Err(ItemError::new(
                format!("{} (byte {at})", self.name),
                "the feed declares XML entities (<!ENTITY>): they are never expanded (a billion-laughs guard), so the feed is skipped",
            ));
        }
        if !looks_like_feed(&bytes) {
            return Err(err(
                "not an RSS or Atom feed (its first element is not <rss>, <feed> or <rdf:RDF>)".into(),
            ));
        }
        feed_rs::parser::parse(&bytes[..]).map_err(|e| err(format!("not a readable RSS or Atom feed: {e}")))
    }

    fn article(&self, e: Entry, at: String) -> Result<Article, ItemError> {
        let title = e.title.as_ref().map(text_of).unwrap_or_default();
        let body = e
            .content
            .as_ref()
            .and_then(|c| {
                let html = c.content_type.as_str().contains("html");
                c.body.as_deref().map(|b| if html { html_to_text(b) } else { plain(b) })
            })
            .filter(|t| !t.is_empty())
            .or_else(|| e.summary.as_ref().map(text_of))
            .filter(|t| !t.is_empty());
        let Some(text) = body else {
            return Err(ItemError::new(
                at,
                "no text: the item has no content:encoded, content, description or summary",
            ));
        };
        if title.len() + text.len() > self.opts.max_bytes {
            return Err(ItemError::new(at, too_big(self.opts.max_bytes)));
        }
        let url = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|u| !u.is_empty());
        let published = e
            .published
            .or(e.updated)
            .map(|d| d.date_naive())
            .or(self.opts.published);
        Ok(Article {
            id: stable_id(&title, &text),
            title,
            text,
            published,
            outlet: self.outlet.clone(),
            url,
            source_kind: "feed".into(),
            locator: at,
        })
    }
}

impl Iterator for FeedReader {
    type Item = Result<Article, ItemError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.fatal.take() {
            return Some(Err(e));
        }
        let e = self.entries.next()?;
        self.item += 1;
        let at = format!("{}:item {}", self.name, self.item);
        Some(self.article(e, at))
    }
}

/// A feed text construct as plain text.
fn text_of(t: &Text) -> String {
    if t.content_type.as_str().contains("html") {
        html_to_text(&t.content)
    } else {
        plain(&t.content)
    }
}

/// Plain text, one paragraph per line.
fn plain(s: &str) -> String {
    crate::html::clean_text(s, "")
}

/// Where a DTD declares an entity, if one does.
fn entity_declaration(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(1 << 20)];
    head.windows(8).position(|w| w.eq_ignore_ascii_case(b"<!ENTITY"))
}

/// Whether the first element is a feed's root. Comments, processing
/// instructions and a DOCTYPE may come before it.
pub(crate) fn looks_like_feed(bytes: &[u8]) -> bool {
    let mut s = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        s = s.trim_ascii_start();
        if s.starts_with(b"<?") || s.starts_with(b"<!") {
            let end = if s.starts_with(b"<!--") {
                s.windows(3).position(|w| w == b"-->").map(|i| i + 3)
            } else {
                s.iter().position(|&c| c == b'>').map(|i| i + 1)
            };
            match end {
                Some(e) => s = &s[e..],
                None => return false,
            }
            continue;
        }
        let name: Vec<u8> = s
            .get(1..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || b":_-".contains(c))
            .map(u8::to_ascii_lowercase)
            .collect();
        return s.starts_with(b"<") && matches!(name.as_slice(), b"rss" | b"feed" | b"rdf:rdf" | b"atom:feed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<Result<Article, ItemError>> {
        FeedReader::new(s.as_bytes(), "f.rss".into(), ReadOptions::default()).collect()
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>وكالة الأنباء التجريبية</title><link>https://example.org/</link><description>أخبار</description>
<item><title>غارة جوية على مدينة إدلب</title><link>https://example.org/a/1</link>
<guid>https://example.org/a/1</guid><pubDate>Sat, 10 Jun 2017 08:00:00 +0300</pubDate>
<description>ملخص قصير</description>
<content:encoded><![CDATA[<p>شنت طائرات حربية غارات على أحياء في مدينة إدلب صباح اليوم.</p><p>وقال الدفاع المدني إن ثلاثة مدنيين قتلوا.</p>]]></content:encoded></item>
<item><title>خبر بلا نص</title><link>https://example.org/a/2</link><pubDate>Sun, 11 Jun 2017 09:00:00 +0300</pubDate></item>
<item><title>تظاهرة في بغداد</title><link>https://example.org/a/3</link>
<description>&lt;p&gt;خرج مئات المتظاهرين في بغداد &amp;amp; البصرة.&lt;/p&gt;&lt;p&gt;وطالبوا بتحسين الخدمات.&lt;/p&gt;</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let v = items(RSS);
        assert_eq!(v.len(), 3, "{v:?}");
        let a = v[0].as_ref().unwrap();
        assert_eq!(a.title, "غارة جوية على مدينة إدلب");
        assert_eq!(
            a.text,
            "شنت طائرات حربية غارات على أحياء في مدينة إدلب صباح اليوم.\nوقال الدفاع المدني إن ثلاثة مدنيين قتلوا."
        );
        assert_eq!(a.published.unwrap().to_string(), "2017-06-10");
        assert_eq!(a.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(a.outlet.as_deref(), Some("وكالة الأنباء التجريبية"));
        assert_eq!((a.source_kind.as_str(), a.locator.as_str()), ("feed", "f.rss:item 1"));
        assert_eq!(a.id, stable_id(&a.title, &a.text));
        let e = v[1].as_ref().unwrap_err();
        assert_eq!(e.locator, "f.rss:item 2");
        assert!(e.message.starts_with("no text"), "{e}");
        let c = v[2].as_ref().unwrap();
        assert_eq!(
            c.text,
            "خرج مئات المتظاهرين في بغداد & البصرة.\nوطالبوا بتحسين الخدمات."
        );
        assert_eq!(c.published, None);
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>مرصد أطلس</title><id>urn:x</id><updated>2017-06-12T00:00:00Z</updated>
<entry><title>انفجار في عدن</title><id>urn:1</id><link rel="alternate" href="https://example.org/e/1"/>
<updated>2017-06-12T10:00:00Z</updated>
<content type="html">&lt;p&gt;انفجرت سيارة مفخخة قرب مبنى حكومي في عدن.&lt;/p&gt;</content></entry>
<entry><title type="text">تقرير</title><id>urn:2</id><link href="https://example.org/e/2"/><published>2017-06-01T10:00:00Z</published>
<updated>2017-06-12T10:00:00Z</updated><summary>ملخص التقرير الأسبوعي.</summary></entry>
</feed>"#;
        let v: Vec<_> = FeedReader::new(atom.as_bytes(), "f.atom".into(), ReadOptions::default()).collect();
        let a = v[0].as_ref().unwrap();
        assert_eq!(a.title, "انفجار في عدن");
        assert_eq!(a.text, "انفجرت سيارة مفخخة قرب مبنى حكومي في عدن.");
        assert_eq!(
            a.published.unwrap().to_string(),
            "2017-06-12",
            "updated when nothing says published"
        );
        assert_eq!(a.url.as_deref(), Some("https://example.org/e/1"));
        assert_eq!(a.outlet.as_deref(), Some("مرصد أطلس"));
        let b = v[1].as_ref().unwrap();
        assert_eq!(
            (b.text.as_str(), b.published.unwrap().to_string().as_str()),
            ("ملخص التقرير الأسبوعي.", "2017-06-01")
        );
    }

    #[test]
    fn hostile_feeds() {
        let lol = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol2;</title><description>&lol2;</description></item></channel></rss>"#;
        let v = items(lol);
        assert_eq!(v.len(), 1);
        let e = v[0].as_ref().unwrap_err();
        assert!(e.message.contains("billion-laughs"), "{e}");
        assert_eq!(e.locator, "f.rss (byte 36)");
        // and feed-rs itself leaves declared entities unexpanded
        let f = feed_rs::parser::parse(lol.as_bytes()).unwrap();
        assert_eq!(f.entries[0].title.as_ref().unwrap().content, "&lol2;");
        for bad in [
            "",
            "<html><body>x</body></html>",
            "<rss><channel><item><title>x</ti",
            "<rss><channel></channel></rss>",
        ] {
            let v = items(bad);
            assert!(v.iter().all(Result::is_err), "{bad}: {v:?}");
        }
        let v = FeedReader::new(
            std::io::repeat(b' '),
            "big.rss".into(),
            ReadOptions {
                max_bytes: 100,
                ..ReadOptions::default()
            },
        )
        .collect::<Vec<_>>();
        assert!(v[0].as_ref().unwrap_err().message.starts_with("feed too large"));
        assert!(looks_like_feed(
            b"\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c -->\n<rdf:RDF>"
        ));
    }
}
