//! Finding gazetteer names in analysed text: every token-aligned
//! occurrence of a name key, through proclitics (و ف ب ل ك and pairs) and
//! ل + ال written لل. (A name spelled without the article, "ميادين", is
//! also indexed with it, so "الميادين" finds it.)

use crate::gazetteer::{Gazetteer, NameId};
use marsad_text::{Analyzed, TokenKind};

/// Proclitic strings that may precede a name inside its first token. The
/// comparative ك ("like") is left out: it almost never precedes a place
/// name, and "وكسرت" is not و + ك + سرت.
const PROCLITICS: &[&str] = &["و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"];

/// The longest name, in tokens, looked for.
pub const MAX_TOKENS: usize = 8;

/// One way of reading a token as proclitics + the first word of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The first word of the name as looked up.
    pub stem: String,
    /// Bytes of the token (normalised) before the name; 0 when the name
    /// starts the token (also for لل, whose first ل is kept in the span).
    pub prefix_len: usize,
    /// The proclitics read off ("و", "ب", "ول" …), empty if none.
    pub proclitic: &'static str,
    /// The token had the article, the name as looked up does not.
    pub article_dropped: bool,
}

/// Every reading of a normalised word, the word itself first.
pub fn readings(w: &str) -> Vec<Reading> {
    let mut out = Vec::with_capacity(6);
    // (names without the article are also indexed with it, see
    // compile::names_of: no reading drops the article)
    let push = |stem: &str, prefix_len: usize, proclitic: &'static str, out: &mut Vec<Reading>| {
        out.push(Reading {
            stem: stem.to_string(),
            prefix_len,
            proclitic,
            article_dropped: false,
        });
    };
    push(w, 0, "", &mut out);
    // a stem of two letters after proclitics is too often a word ("وباب" is not و+ب+إب)
    for p in PROCLITICS {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            push(rest, p.len(), p, &mut out);
        }
    }
    // ل + ال written لل (للرقة = ل + الرقة); the span keeps the whole token
    for (p, head) in [("لل", ""), ("ولل", "و"), ("فلل", "ف")] {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 2
        {
            let stem = format!("ال{rest}");
            let proclitic: &'static str = match head {
                "" => "ل",
                "و" => "ول",
                _ => "فل",
            };
            push(&stem, head.len(), proclitic, &mut out);
        }
    }
    out
}

/// A name found on tokens `tok_start..tok_end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    pub tok_start: usize,
    pub tok_end: usize,
    /// Bytes of proclitics before the name in its first token (normalised).
    pub prefix_len: usize,
    /// The proclitics read off.
    pub proclitic: &'static str,
    /// The text has the article, the name does not.
    pub article_dropped: bool,
    pub name: NameId,
}

/// True if token `i` can be part of a name.
fn nameable(a: &Analyzed, i: usize) -> bool {
    matches!(a.tokens[i].kind, TokenKind::Word | TokenKind::Number)
}

/// Every occurrence of a gazetteer name in tokens `from..to` of `a`
/// (overlapping; ordered by start, then longer first).
pub fn find_names(g: &Gazetteer, a: &Analyzed, from: usize, to: usize) -> Vec<NameHit> {
    let mut out = Vec::new();
    let to = to.min(a.tokens.len());
    let mut key = String::with_capacity(64);
    for i in from..to {
        if a.tokens[i].kind != TokenKind::Word {
            continue;
        }
        let w = a.tok(i);
        for r in readings(w) {
            if r.stem.chars().count() < 2 {
                continue;
            }
            key.clear();
            key.push_str(&r.stem);
            let mut j = i + 1;
            loop {
                g.for_key(&key, |name| {
                    out.push(NameHit {
                        tok_start: i,
                        tok_end: j,
                        prefix_len: r.prefix_len,
                        proclitic: r.proclitic,
                        article_dropped: r.article_dropped,
                        name,
                    })
                });
                if j >= to || j - i >= MAX_TOKENS || !nameable(a, j) || a.tokens[j].nl_before {
                    break;
                }
                key.push(' ');
                if !g.has_prefix(&key) {
                    break;
                }
                key.push_str(a.tok(j));
                j += 1;
            }
        }
    }
    out.sort_by_key(|h| (h.tok_start, std::cmp::Reverse(h.tok_end), h.prefix_len));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_cover_clitics_article_and_contraction() {
        let r = readings("وللرقه");
        assert!(
            r.iter()
                .any(|x| x.stem == "الرقه" && x.proclitic == "ول" && x.prefix_len == "و".len())
        );
        let r = readings("بالميادين");
        assert!(r.iter().any(|x| x.stem == "الميادين" && x.prefix_len == "ب".len()));
        assert!(r.iter().all(|x| !x.article_dropped));
        assert!(
            readings("وباب").iter().all(|x| x.stem != "اب"),
            "two-letter stems after clitics"
        );
        assert_eq!(readings("حلب")[0].stem, "حلب");
    }
}
