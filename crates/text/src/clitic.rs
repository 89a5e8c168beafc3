//! Arabic proclitics (و ف ب ل ك س and the article ال), separated for lookup
//! without losing the surface form.
//!
//! [`splits`] lists every way a word can be read as proclitics + stem, the
//! unsplit word first, so that a lookup can try each and keep the one its
//! lexicon knows. [`strip`] picks one analysis for uses that need a single
//! stem (indexing, features): the longest prefix whose stem is still a
//! plausible word, unless the word is in the exceptions list (وزير is not
//! و + زير, بغداد is not ب + غداد).

use std::collections::HashSet;
use std::sync::OnceLock;

/// Proclitic sequences, longest first, in normalised form.
/// `لل` is ل + ال with the alef dropped in writing.
const PREFIXES: &[(&str, bool)] = &[
    ("وبال", true),
    ("وكال", true),
    ("فبال", true),
    ("فال", true),
    ("وال", true),
    ("بال", true),
    ("كال", true),
    ("ولل", true),
    ("فلل", true),
    ("لل", true),
    ("ال", true),
    ("وب", false),
    ("ول", false),
    ("وك", false),
    ("فب", false),
    ("فل", false),
    ("وس", false),
    ("و", false),
    ("ف", false),
    ("ب", false),
    ("ل", false),
    ("ك", false),
];

/// One reading of a word as proclitics + stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The proclitic letters as written (e.g. `"وال"`, `"لل"`), empty if none.
    pub prefix: &'a str,
    /// The stem without the article.
    pub stem: &'a str,
    /// Whether the prefix carries the definite article.
    pub article: bool,
}

impl Split<'_> {
    /// The stem with its article restored when the prefix had one
    /// (`والرقه` → `الرقه`, `للرقه` → `الرقه`).
    pub fn with_article(&self) -> String {
        if self.article {
            format!("ال{}", self.stem)
        } else {
            self.stem.to_string()
        }
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Every reading of a normalised word, the unsplit word first.
///
/// A stem must keep at least two letters.
pub fn splits(word: &str) -> Vec<Split<'_>> {
    let mut out = vec![Split {
        prefix: "",
        stem: word,
        article: false,
    }];
    if let Some(stem) = word.strip_prefix("ال")
        && char_len(stem) >= 2
    {
        out[0] = Split {
            prefix: "ال",
            stem,
            article: true,
        };
        out.insert(
            0,
            Split {
                prefix: "",
                stem: word,
                article: false,
            },
        );
    }
    for &(p, article) in PREFIXES {
        if p == "ال" {
            continue;
        }
        if let Some(stem) = word.strip_prefix(p)
            && char_len(stem) >= 2
        {
            out.push(Split {
                prefix: p,
                stem,
                article,
            });
        }
    }
    out
}

fn exceptions() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/text/clitic_exceptions.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True if `word` (normalised) begins with letters that look like
/// proclitics but belong to the word.
pub fn is_exception(word: &str) -> bool {
    exceptions().contains(word)
}

/// One analysis: strip the longest proclitic sequence that leaves a stem of
/// at least three letters (two after the article), unless the word is an
/// exception or a shorter prefix leaves an exception (وبغداد → بغداد, not
/// غداد).
///
/// Returns the stem *without* the article.
pub fn strip(word: &str) -> &str {
    if is_exception(word) {
        return word;
    }
    // A shorter non-article prefix that leaves a known word wins.
    for &(p, article) in PREFIXES.iter().rev() {
        if !article
            && let Some(stem) = word.strip_prefix(p)
            && is_exception(stem)
        {
            return stem;
        }
    }
    for &(p, article) in PREFIXES {
        if let Some(stem) = word.strip_prefix(p) {
            let min = if article { 2 } else { 3 };
            if char_len(stem) >= min {
                return stem;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_str;

    #[test]
    fn splits_list_every_reading() {
        let w = fold_str("والرقة");
        let s = splits(&w);
        assert_eq!(s[0].stem, "والرقه");
        assert!(s.iter().any(|x| x.prefix == "وال" && x.stem == "رقه" && x.article));
        assert!(s.iter().any(|x| x.with_article() == "الرقه"));
        let w = fold_str("للرقة");
        assert!(splits(&w).iter().any(|x| x.with_article() == "الرقه"));
    }

    #[test]
    fn strip_respects_exceptions() {
        assert_eq!(strip(&fold_str("وزير")), "وزير");
        assert_eq!(strip(&fold_str("بغداد")), "بغداد");
        assert_eq!(strip(&fold_str("وبغداد")), "بغداد");
        assert_eq!(strip(&fold_str("بالرقة")), "رقه");
        assert_eq!(strip(&fold_str("والمدينة")), "مدينه");
        assert_eq!(strip(&fold_str("ومقاتلين")), "مقاتلين");
    }

    #[test]
    fn short_words_stay() {
        assert_eq!(strip("بل"), "بل");
        assert_eq!(strip("ولد"), "ولد");
    }
}
