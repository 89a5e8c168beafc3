//! HTML pages: the story's text by main-content extraction (`dom_smoothie`,
//! a port of Mozilla's Readability), its title, publication date, canonical
//! URL and outlet from the page's metadata.
//!
//! Paragraphs become lines (one paragraph per line: the sentence splitter
//! downstream breaks at newlines); navigation, footers, asides and
//! "اقرأ أيضا" (read also) blocks are removed before the extraction so
//! that links to other stories do not leak into the text.

use crate::{Article, ItemError, ReadOptions, parse_date, stable_id, too_big, utf16_bom};
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;
use std::io::Read;

/// How many times [`ReadOptions::max_bytes`] a page's HTML may take:
/// markup, scripts and boilerplate are often ten times the story.
pub(crate) const PAGE_FACTOR: usize = 16;

/// Most elements one page may have; more is not a news page (and would
/// make the extraction slow).
const MAX_ELEMENTS: usize = 100_000;

/// Most nesting depth of one page: tree walks in the extraction recurse,
/// and real pages stay far below this.
const MAX_DEPTH: usize = 512;

/// Most of nesting depth times HTML bytes: Readability's scoring costs
/// about that much (every level measures the text beneath it), some 10 ns
/// a unit, so this bounds one page to about a second. A real page (500 KB,
/// 60 deep: 30 million) is far below.
const MAX_DEPTH_BYTES: usize = 128 << 20;

/// Most bytes of HTML of one page under these options.
pub(crate) fn page_limit(opts: &ReadOptions) -> usize {
    opts.max_bytes.saturating_mul(PAGE_FACTOR)
}

/// The error for a page whose HTML is over [`page_limit`].
pub(crate) fn page_too_big(opts: &ReadOptions) -> String {
    format!(
        "page too large: more than {} bytes of HTML ({PAGE_FACTOR} times the --max-bytes limit)",
        page_limit(opts)
    )
}

/// Read one HTML page from `r`, at most [`page_limit`] bytes of it.
pub(crate) fn read_html(r: impl Read, locator: &str, opts: &ReadOptions) -> Result<Article, ItemError> {
    let limit = page_limit(opts);
    let mut bytes = Vec::new();
    r.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ItemError::new(locator, format!("cannot read: {e}")))?;
    if bytes.len() > limit {
        return Err(ItemError::new(locator, page_too_big(opts)));
    }
    let page = Page {
        locator,
        kind: "file",
        url: None,
        charset: None,
    };
    page.article(&bytes, opts)
}

/// Where a page came from, and what its transport said about it.
pub(crate) struct Page<'a> {
    /// Where it is, for the article and for errors.
    pub locator: &'a str,
    /// `file` or `warc`.
    pub kind: &'a str,
    /// The URL it was fetched from (a WARC record's target URI): it wins
    /// over the page's own canonical URL.
    pub url: Option<&'a str>,
    /// The charset its HTTP `Content-Type` named.
    pub charset: Option<&'a str>,
}

impl Page<'_> {
    /// The article of one page's bytes.
    pub(crate) fn article(&self, bytes: &[u8], opts: &ReadOptions) -> Result<Article, ItemError> {
        let err = |m: String| ItemError::new(self.locator, m);
        let html = decode(bytes, self.charset).map_err(err)?;
        match max_nesting(&html, MAX_DEPTH) {
            (_, Some(at)) => {
                return Err(err(format!(
                    "elements nested more than {MAX_DEPTH} deep (at byte {at}): not a news page"
                )));
            }
            (depth, None) if depth.saturating_mul(html.len()) > MAX_DEPTH_BYTES => {
                return Err(err(format!(
                    "page too complex: {} bytes of HTML nested {depth} deep would take too long to extract",
                    html.len()
                )));
            }
            _ => {}
        }
        let doc = Document::from(html.as_str());
        let meta = Meta::of(&doc);
        remove_boilerplate(&doc);
        let cfg = Config {
            text_mode: TextMode::Formatted,
            max_elements_to_parse: MAX_ELEMENTS,
            ..Config::default()
        };
        let mut r =
            Readability::with_document(doc, None, Some(cfg)).map_err(|e| err(format!("cannot read the page: {e}")))?;
        let found = r
            .parse()
            .map_err(|e| err(format!("no article text found in the page ({e})")))?;
        let title = meta
            .title
            .clone()
            .or_else(|| nonempty(&found.title))
            .unwrap_or_default();
        let text = clean_text(&found.text_content, &title);
        if text.is_empty() {
            return Err(err("no article text found in the page".into()));
        }
        if title.len() + text.len() > opts.max_bytes {
            return Err(err(too_big(opts.max_bytes)));
        }
        let url = self.url.map(str::to_string).or(meta.url);
        let outlet = meta.outlet.or_else(|| found.site_name.as_deref().and_then(nonempty));
        let published = meta
            .published
            .or_else(|| found.published_time.as_deref().and_then(parse_page_date))
            .or(opts.published);
        Ok(Article {
            id: stable_id(&title, &text),
            title,
            text,
            published,
            outlet,
            url,
            source_kind: self.kind.to_string(),
            locator: self.locator.to_string(),
        })
    }
}

/// The page as text: UTF-8 (a byte-order mark is dropped), or the Arabic
/// legacy charsets windows-1256 and ISO-8859-6 when the transport or the
/// page's `<meta>` declares them. A page declaring any other charset is
/// read only if its bytes are valid UTF-8 anyway (a common mislabel).
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String, String> {
    if let Some(msg) = utf16_bom(bytes) {
        return Err(msg.to_string());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let label = declared
        .map(str::to_string)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]));
    let enc = label
        .as_deref()
        .map(|l| (l, encoding_rs::Encoding::for_label(l.as_bytes())));
    match enc {
        Some((_, Some(e))) if e == encoding_rs::WINDOWS_1256 || e == encoding_rs::ISO_8859_6 => {
            // every byte maps to a character: no error is possible
            Ok(e.decode_without_bom_handling(bytes).0.into_owned())
        }
        Some((_, Some(e))) if e == encoding_rs::UTF_8 => utf8(bytes),
        None => utf8(bytes),
        Some((label, _)) => std::str::from_utf8(bytes).map(str::to_string).map_err(|_| {
            format!(
                "charset {label:?} is not read (marsad reads UTF-8, windows-1256 and ISO-8859-6); convert the page to UTF-8 first"
            )
        }),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))
}

/// The charset a page's head declares (`<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`).
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = find(&lower[start..], b">").map_or(lower.len(), |j| start + j);
        let tag = &lower[start..end];
        if let Some(k) = find(tag, b"charset") {
            let rest = &tag[k + 7..];
            let rest = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let name: Vec<u8> = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
                .copied()
                .collect();
            return (!name.is_empty()).then(|| String::from_utf8_lossy(&name).into_owned());
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How deep the page's elements nest, and where (a byte offset) they
/// first nest deeper than `max`, if they do: a rough count of open tags
/// minus closing tags, enough to turn away a hostile page before any tree
/// walk meets it.
fn max_nesting(html: &str, max: usize) -> (usize, Option<usize>) {
    let b = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(j) = b[i..].iter().position(|&c| c == b'<') {
        i += j + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let end = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |k| i + k);
                let name: Vec<u8> = b[i..end]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(u8::to_ascii_lowercase)
                    .collect();
                // void elements, and those the parser closes by itself
                let unclosed = matches!(
                    name.as_slice(),
                    b"br"
                        | b"img"
                        | b"meta"
                        | b"link"
                        | b"input"
                        | b"hr"
                        | b"source"
                        | b"wbr"
                        | b"area"
                        | b"base"
                        | b"col"
                        | b"embed"
                        | b"param"
                        | b"track"
                        | b"p"
                        | b"li"
                        | b"dd"
                        | b"dt"
                        | b"option"
                        | b"td"
                        | b"tr"
                        | b"th"
                        | b"tbody"
                        | b"thead"
                );
                if !unclosed && !b[i..end].ends_with(b"/") {
                    depth += 1;
                    deepest = deepest.max(depth);
                    if depth > max {
                        return (depth, Some(i - 1));
                    }
                }
                i = end;
            }
            _ => {}
        }
    }
    (deepest, None)
}

/// What a page says about itself.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    published: Option<chrono::NaiveDate>,
    url: Option<String>,
    outlet: Option<String>,
}

/// `<meta>` names and properties that give the publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
];

impl Meta {
    fn of(doc: &Document) -> Meta {
        let mut metas: Vec<(String, String)> = Vec::new();
        for m in doc.select("meta").nodes() {
            let Some(content) = m.attr("content") else { continue };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for a in ["property", "name", "itemprop"] {
                if let Some(k) = m.attr(a) {
                    metas.push((k.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
        }
        let meta = |key: &str| metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let json_ld = json_ld(doc);
        let title = first_text(doc, "article h1")
            .or_else(|| meta("og:title"))
            .or_else(|| json_ld.iter().find_map(|v| find_key(v, "headline", 0)))
            .or_else(|| first_text(doc, "h1"))
            .map(|t| squeeze(&t))
            .filter(|t| !t.is_empty());
        let published = DATE_KEYS
            .iter()
            .filter_map(|k| meta(k))
            .chain(attr_values(doc, "time[pubdate]", "datetime"))
            .chain(attr_values(doc, "[itemprop=datePublished]", "datetime"))
            .chain(json_ld.iter().filter_map(|v| find_key(v, "datePublished", 0)))
            .chain(attr_values(doc, "article time[datetime]", "datetime"))
            .find_map(|d| parse_page_date(&d));
        let url = attr_values(doc, "link[rel=canonical]", "href")
            .chain(meta("og:url"))
            .find(|u| is_absolute_url(u));
        let outlet = meta("og:site_name")
            .or_else(|| {
                json_ld.iter().find_map(|v| {
                    v.get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
            })
            .map(|t| squeeze(&t))
            .filter(|t| !t.is_empty());
        Meta {
            title,
            published,
            url,
            outlet,
        }
    }
}

fn first_text(doc: &Document, sel: &str) -> Option<String> {
    doc.select(sel)
        .nodes()
        .iter()
        .map(|n| squeeze(&n.text()))
        .find(|t| !t.is_empty())
}

fn attr_values(doc: &Document, sel: &str, attr: &str) -> std::vec::IntoIter<String> {
    doc.select(sel)
        .nodes()
        .iter()
        .filter_map(|n| n.attr(attr).or_else(|| n.attr("content")).map(|v| v.trim().to_string()))
        .collect::<Vec<_>>()
        .into_iter()
}

fn is_absolute_url(u: &str) -> bool {
    let l = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// The page's JSON-LD blocks that parse.
fn json_ld(doc: &Document) -> Vec<Value> {
    doc.select("script[type='application/ld+json']")
        .nodes()
        .iter()
        .filter_map(|n| serde_json::from_str(n.text().trim()).ok())
        .collect()
}

/// The first string value of `key` anywhere in a JSON-LD value (objects,
/// arrays, `@graph`), depth first.
fn find_key(v: &Value, key: &str, depth: usize) -> Option<String> {
    if depth > 32 {
        return None;
    }
    match v {
        Value::Object(o) => o
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| o.values().find_map(|x| find_key(x, key, depth + 1))),
        Value::Array(a) => a.iter().find_map(|x| find_key(x, key, depth + 1)),
        _ => None,
    }
}

/// A date as pages write it: `YYYY-MM-DD`, RFC 3339, `YYYY/MM/DD`, or RFC
/// 2822 (`Sat, 10 Jun 2017 08:00:00 +0300`).
pub(crate) fn parse_page_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    parse_date(s)
        .or_else(|| s.get(..10).and_then(|h| parse_date(&h.replace('/', "-"))))
        .or_else(|| chrono::DateTime::parse_from_rfc2822(s).ok().map(|d| d.date_naive()))
}

/// Collapse runs of whitespace to one space and trim.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonempty(s: &str) -> Option<String> {
    let s = squeeze(s);
    (!s.is_empty()).then_some(s)
}

/// How "read also" blocks start, normalised with `marsad_text::fold_str`.
const READ_ALSO: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "اقرأ ايضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "طالع أيضا",
    "شاهد أيضا",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "موضوعات ذات صلة",
    "اخترنا لك",
    "read also",
    "read more",
];

/// Whether a paragraph is a "read also" pointer rather than the story.
pub(crate) fn is_read_also(text: &str) -> bool {
    let head: String = text.chars().take(40).collect();
    let t = marsad_text::fold_str(&head).to_lowercase();
    READ_ALSO
        .iter()
        .any(|m| t.starts_with(&marsad_text::fold_str(m).to_lowercase()))
}

/// Remove what is never the story: navigation, page headers and footers,
/// asides, forms, and "read also" blocks with the lists of links they head.
fn remove_boilerplate(doc: &Document) {
    doc.select("nav, footer, aside, form, noscript, body > header, [role=navigation], [role=contentinfo]")
        .remove();
    // a paragraph that is only the date (it is in the metadata already)
    for t in doc.select("time").nodes() {
        if let Some(p) = t.parent()
            && p.is("p, div, span")
            && squeeze(&p.text()) == squeeze(&t.text())
        {
            p.remove_from_parent();
        }
    }
    let blocks: Vec<NodeRef> = doc
        .select("p, li, div, section, h2, h3, h4, h5, h6, strong, b, span")
        .nodes()
        .to_vec();
    for n in blocks {
        let text = n.text();
        let text = text.trim();
        if text.is_empty() || !is_read_also(text) {
            continue;
        }
        let link_chars: usize = dom_query::Selection::from(n)
            .select("a")
            .nodes()
            .iter()
            .map(|a| a.text().chars().count())
            .sum();
        let chars = text.chars().count();
        // a heading or a short line, or a block mostly of links: not the story
        if chars <= 300 || link_chars * 2 >= chars {
            if n.is("h2, h3, h4, h5, h6, strong, b, span") || chars <= 40 {
                // the heading of a list of links: the list goes too
                let head = if n.is("strong, b, span") { n.parent() } else { Some(n) };
                if let Some(next) = head.as_ref().and_then(NodeRef::next_element_sibling)
                    && next.is("ul, ol")
                {
                    next.remove_from_parent();
                }
                if let Some(h) = head {
                    h.remove_from_parent();
                    continue;
                }
            }
            n.remove_from_parent();
        }
    }
}

/// The extracted text as marsad keeps it: one paragraph per line, lines
/// trimmed, no blank lines, no "read also" lines, and not the title again
/// as the first line.
pub(crate) fn clean_text(text: &str, title: &str) -> String {
    let title = squeeze(title);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text
        .lines()
        .map(squeeze)
        .filter(|l| !l.is_empty() && !is_read_also(l))
        .enumerate()
    {
        if i == 0 && line == title {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// HTML (a feed item's content) as text: tags gone, entities decoded,
/// paragraphs and line breaks as newlines.
pub(crate) fn html_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return clean_text(html, "");
    }
    clean_text(&Document::fragment(html).formatted_text(), "")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>اشتباكات في ريف حلب | صحيفة المرصد</title>
<meta property="og:title" content="اشتباكات عنيفة في ريف حلب الشمالي">
<meta property="og:site_name" content="صحيفة المرصد">
<meta property="article:published_time" content="2017-06-10T08:30:00+03:00">
<link rel="canonical" href="https://example.org/news/aleppo-clashes">
</head><body>
<header><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/economy">اقتصاد</a></header>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">العالم</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<main><article>
<h1>اشتباكات عنيفة في ريف حلب الشمالي</h1>
<p class="date"><time datetime="2017-06-10">١٠ يونيو ٢٠١٧</time></p>
<p>اندلعت اشتباكات عنيفة صباح اليوم السبت بين فصائل المعارضة المسلحة وقوات النظام في محيط بلدة تل رفعت بريف حلب الشمالي، وفق ما أفاد مراسلون في المنطقة.</p>
<p>وقال مصدر ميداني إن المواجهات أسفرت عن مقتل خمسة مقاتلين وإصابة عدد آخر بجروح، فيما تواصل القصف المدفعي على القرى المجاورة حتى ساعات الظهر.</p>
<p><strong>اقرأ أيضا:</strong> <a href="/news/1">قصف جوي على إدلب</a></p>
<p>وأضاف المصدر أن الأهالي بدأوا النزوح نحو المناطق الحدودية خوفا من توسع المعارك، في حين لم يصدر أي تعليق رسمي من الجهات المعنية حتى الآن.</p>
<div class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/news/2">عودة الهدوء إلى درعا</a></li><li><a href="/news/3">مؤتمر للمانحين في بروكسل</a></li></ul></div>
</article></main>
<footer><p>جميع الحقوق محفوظة © صحيفة المرصد ٢٠١٧</p><a href="/about">من نحن</a></footer>
</body></html>"#;

    fn page(html: &[u8]) -> Result<Article, ItemError> {
        let p = Page {
            locator: "p.html",
            kind: "file",
            url: None,
            charset: None,
        };
        p.article(html, &ReadOptions::default())
    }

    #[test]
    fn arabic_page_keeps_only_the_story() {
        let a = page(PAGE.as_bytes()).unwrap();
        assert_eq!(a.title, "اشتباكات عنيفة في ريف حلب الشمالي");
        assert_eq!(a.published.unwrap().to_string(), "2017-06-10");
        assert_eq!(a.url.as_deref(), Some("https://example.org/news/aleppo-clashes"));
        assert_eq!(a.outlet.as_deref(), Some("صحيفة المرصد"));
        let lines: Vec<&str> = a.text.lines().collect();
        assert_eq!(lines.len(), 3, "{}", a.text);
        assert!(lines[0].starts_with("اندلعت اشتباكات عنيفة"));
        assert!(lines[1].starts_with("وقال مصدر ميداني"));
        assert!(lines[2].starts_with("وأضاف المصدر"));
        for junk in ["اقرأ", "إدلب", "درعا", "الرئيسية", "الحقوق", "من نحن"] {
            assert!(!a.text.contains(junk), "{junk:?} in {}", a.text);
        }
        assert_eq!(a.id, stable_id(&a.title, &a.text));
        assert_eq!(a.source_kind, "file");
    }

    #[test]
    fn dates_from_other_metadata() {
        let body = "<p>وقال مصدر ميداني إن المواجهات أسفرت عن مقتل خمسة مقاتلين وإصابة عدد آخر بجروح، فيما تواصل القصف المدفعي على القرى المجاورة حتى ساعات الظهر من يوم السبت الماضي.</p>";
        for (head, date) in [
            (r#"<meta name="date" content="2016-03-02">"#, Some("2016-03-02")),
            (
                r#"<meta name="pubdate" content="2016/03/02 10:00">"#,
                Some("2016-03-02"),
            ),
            (
                r#"<meta property="og:published_time" content="Wed, 02 Mar 2016 10:00:00 +0300">"#,
                Some("2016-03-02"),
            ),
            (
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2016-03-02T10:00:00Z","publisher":{"name":"وكالة"}}]}</script>"#,
                Some("2016-03-02"),
            ),
            ("", None),
        ] {
            let html = format!(
                "<html><head>{head}</head><body><article><h1>عنوان</h1><time datetime=\"bad\"></time>{body}</article></body></html>"
            );
            let a = page(html.as_bytes()).unwrap();
            assert_eq!(a.published.map(|d| d.to_string()).as_deref(), date, "{head}");
        }
        let html = format!(
            "<html><body><article><h1>عنوان</h1><time datetime=\"2015-08-01T09:00\">١ أغسطس</time>{body}</article></body></html>"
        );
        assert_eq!(
            page(html.as_bytes()).unwrap().published.unwrap().to_string(),
            "2015-08-01"
        );
    }

    #[test]
    fn charsets() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(PAGE);
        let legacy = String::from_utf8_lossy(PAGE.as_bytes()).replace("charset=\"utf-8\"", "charset=\"windows-1256\"");
        let (bytes1256, _, _) = encoding_rs::WINDOWS_1256.encode(&legacy);
        assert!(page(&bytes).is_err(), "undeclared windows-1256 is not UTF-8");
        let a = page(&bytes1256).unwrap();
        assert_eq!(a.title, "اشتباكات عنيفة في ريف حلب الشمالي");
        let shift_jis = PAGE.replace("charset=\"utf-8\"", "charset=\"shift_jis\"");
        assert!(page(shift_jis.as_bytes()).is_ok(), "valid UTF-8 whatever the label");
        let mut bad = shift_jis.into_bytes();
        bad.push(0xff);
        let e = page(&bad).unwrap_err();
        assert!(e.message.contains("charset \"shift_jis\" is not read"), "{e}");
        let e = page(b"<html><body><p>\xff</p></body></html>").unwrap_err();
        assert_eq!(e.message, "invalid UTF-8 at byte 15");
        assert_eq!(
            meta_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=Windows-1256'>").as_deref(),
            Some("windows-1256")
        );
    }

    fn opts_max(max_bytes: usize) -> ReadOptions {
        ReadOptions {
            max_bytes,
            ..ReadOptions::default()
        }
    }

    #[test]
    fn hostile_pages() {
        assert!(page(b"").unwrap_err().message.contains("no article text"));
        assert!(page(b"<html><body><nav><a href=x>x</a></nav></body></html>").is_err());
        let deep = format!("<html><body>{}قتل</body></html>", "<div>".repeat(100_000));
        assert!(page(deep.as_bytes()).unwrap_err().message.contains("nested"));
        // much text deeply nested: refused before the slow extraction
        let p = format!("<p>{}</p>", "قتل ثلاثة مدنيين في قصف على مدينة حلب اليوم. ".repeat(40));
        let heavy = format!("<html><body>{}{}</body></html>", "<div>".repeat(200), p.repeat(900));
        let t = std::time::Instant::now();
        let e = read_html(heavy.as_bytes(), "h.html", &opts_max(10_000_000)).unwrap_err();
        assert!(e.message.starts_with("page too complex"), "{e}");
        assert!(t.elapsed().as_secs() < 5);
        // just under the limit: read (or refused) without overflowing a 2 MB thread stack
        let deep = format!("<html><body>{}<p>قتل</p></body></html>", "<div>".repeat(MAX_DEPTH - 3));
        let _ = page(deep.as_bytes());
        let opts = ReadOptions {
            max_bytes: 1000,
            ..ReadOptions::default()
        };
        let e = read_html(std::io::repeat(b'x'), "big.html", &opts).unwrap_err();
        assert!(e.message.starts_with("page too large"), "{e}");
        let e = read_html(
            PAGE.as_bytes(),
            "p.html",
            &ReadOptions {
                max_bytes: 300,
                ..ReadOptions::default()
            },
        )
        .unwrap_err();
        assert!(e.message.starts_with("article too large"), "{e}");
    }

    #[test]
    fn feed_html_to_text() {
        assert_eq!(
            html_to_text("<p>سطر &amp; أول</p><p>سطر<br>ثان</p>"),
            "سطر & أول\nسطر\nثان"
        );
        assert_eq!(html_to_text("نص عادي"), "نص عادي");
        assert!(is_read_also("إقرأ أيضاً: شيء"));
    }
}
