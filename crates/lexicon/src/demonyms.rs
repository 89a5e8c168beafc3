//! Demonyms and nisba adjectives (سوري, السورية, السوريين …) mapped to the
//! country they name, so that "القوات السورية" and "الرئيس الأمريكي" can be
//! tied to a country and skipped when reading a name after a title.
//!
//! `data/lexicon/demonyms.tsv`: `country<TAB>bases`, where bases are
//! masculine singular nisba adjectives without the article, `|`-separated
//! (`سوري`). Every base expands to its article, feminine, dual and plural
//! forms ([`inflections`]).

use crate::matcher::{MatchText, TokenMatcher, longest_non_overlapping};
use crate::tsv::{TsvError, rows};
use std::sync::OnceLock;

/// A demonym found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemonymHit {
    pub tok_start: usize,
    pub tok_end: usize,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
}

/// Demonym lexicon.
pub struct Demonyms {
    countries: Vec<String>,
    matcher: TokenMatcher,
}

/// Every inflected form of a masculine singular nisba base.
pub fn inflections(base: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stem in [base.to_string(), format!("ال{base}")] {
        for suf in ["", "ة", "ه", "ين", "ون", "ات", "تان", "تين", "ان"] {
            out.push(format!("{stem}{suf}"));
        }
    }
    out
}

impl Demonyms {
    /// The demonyms shipped with marsad.
    pub fn embedded() -> &'static Demonyms {
        static LEX: OnceLock<Demonyms> = OnceLock::new();
        LEX.get_or_init(|| {
            Demonyms::from_tsv(
                "data/lexicon/demonyms.tsv",
                include_str!("../../../data/lexicon/demonyms.tsv"),
            )
            .expect("the embedded demonyms are valid (checked by tests)")
        })
    }

    /// Parse a demonym file.
    pub fn from_tsv(file: &str, text: &str) -> Result<Demonyms, TsvError> {
        let mut countries = Vec::new();
        let mut names = Vec::new();
        for r in rows(file, text, "country", 2)? {
            let idx = countries.len() as u32;
            countries.push(r.get(0).to_string());
            for base in r.get(1).split('|').map(str::trim).filter(|s| !s.is_empty()) {
                for f in inflections(base) {
                    names.push((f, idx));
                }
            }
        }
        Ok(Demonyms {
            countries,
            matcher: TokenMatcher::build(names),
        })
    }

    /// Demonym mentions, leftmost-longest.
    pub fn find(&self, mt: &MatchText) -> Vec<DemonymHit> {
        longest_non_overlapping(self.matcher.find_all(mt), |_| 0)
            .into_iter()
            .map(|h| DemonymHit {
                tok_start: h.tok_start,
                tok_end: h.tok_end,
                country: self.countries[h.value as usize].clone(),
            })
            .collect()
    }

    /// The country of a single normalised word, if it is a demonym.
    pub fn country_of_word(&self, word: &str) -> Option<&str> {
        let a = marsad_text::Analyzed::new(word);
        let mt = MatchText::new(&a);
        self.matcher
            .find_all(&mt)
            .into_iter()
            .find(|h| h.tok_start == 0 && h.tok_end == a.tokens.len() && h.prefix_len == 0)
            .map(|h| self.countries[h.value as usize].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_map_to_countries() {
        let d = Demonyms::embedded();
        assert_eq!(d.country_of_word("السورية"), Some("SY"));
        assert_eq!(d.country_of_word("الأمريكي"), Some("US"));
        assert_eq!(d.country_of_word("الأميركية"), Some("US"));
        assert_eq!(d.country_of_word("اليمنيين"), Some("YE"));
        assert_eq!(d.country_of_word("العراقيون"), Some("IQ"));
        assert_eq!(d.country_of_word("سوق"), None);
    }
}
