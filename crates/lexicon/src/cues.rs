//! Cue phrases: person titles (الرئيس, وزير الخارجية, العميد …) that
//! announce a person's name, and other short word lists the extractor needs
//! (function words that cannot be part of a name).
//!
//! `data/lexicon/person_cues.tsv`: `cue<TAB>kind` where kind is `title`
//! (a name follows, possibly after a demonym or an organisation: "وزير
//! الخارجية الأمريكي ريكس تيلرسون") or `role` (a description of an unnamed
//! or named person: "مصدر أمني", "ناشطون"). `data/lexicon/stopwords.txt`:
//! one normalised word per line.

use crate::matcher::{Hit, MatchText, TokenMatcher, longest_non_overlapping};
use crate::tsv::{TsvError, rows};
use std::collections::HashSet;
use std::sync::OnceLock;

/// What a cue announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A title before a person's name.
    Title,
    /// A person description (source, role) that may stand without a name.
    Role,
}

/// Person cues.
pub struct CueLexicon {
    pub cues: Vec<(String, CueKind)>,
    matcher: TokenMatcher,
}

impl CueLexicon {
    /// The cues shipped with marsad.
    pub fn embedded() -> &'static CueLexicon {
        static LEX: OnceLock<CueLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            CueLexicon::from_tsv(
                "data/lexicon/person_cues.tsv",
                include_str!("../../../data/lexicon/person_cues.tsv"),
            )
            .expect("the embedded cue lexicon is valid (checked by tests)")
        })
    }

    /// Parse a cue file.
    pub fn from_tsv(file: &str, text: &str) -> Result<CueLexicon, TsvError> {
        let mut cues = Vec::new();
        for r in rows(file, text, "cue", 2)? {
            let kind = match r.get(1) {
                "title" => CueKind::Title,
                "role" => CueKind::Role,
                k => {
                    return Err(TsvError {
                        file: file.into(),
                        line: r.line,
                        msg: format!("kind must be title or role, not {k:?}"),
                    });
                }
            };
            cues.push((r.get(0).to_string(), kind));
        }
        let matcher = TokenMatcher::build(cues.iter().enumerate().map(|(i, (c, _))| (c.clone(), i as u32)));
        Ok(CueLexicon { cues, matcher })
    }

    /// Leftmost-longest cue mentions; `Hit::value` indexes [`CueLexicon::cues`].
    pub fn find(&self, mt: &MatchText) -> Vec<Hit> {
        longest_non_overlapping(self.matcher.find_all(mt), |_| 0)
    }

    /// The kind of cue `i`.
    pub fn kind(&self, i: u32) -> CueKind {
        self.cues[i as usize].1
    }
}

/// Function words that are never part of a name (normalised).
pub fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/lexicon/stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True if normalised `w` is a function word.
///
/// على folds to علي, which is also the name Ali; callers that need to tell
/// them apart check the raw spelling.
pub fn is_stopword(w: &str) -> bool {
    stopwords().contains(w)
}

/// Common given names (normalised), to confirm a name after a title.
pub fn given_names() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/lexicon/given_names.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(marsad_text::fold_str)
            .collect()
    })
}

/// True if normalised `w` is a known given name.
pub fn is_given_name(w: &str) -> bool {
    given_names().contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::Analyzed;

    #[test]
    fn embedded_cues_find_titles() {
        let lex = CueLexicon::embedded();
        let a = Analyzed::new("قال وزير الخارجية الأمريكي ريكس تيلرسون");
        let mt = MatchText::new(&a);
        let hits = lex.find(&mt);
        assert_eq!(hits.len(), 1);
        assert_eq!(a.surface(hits[0].tok_start, hits[0].tok_end), "وزير الخارجية");
        assert_eq!(lex.kind(hits[0].value), CueKind::Title);
    }

    #[test]
    fn stopwords_are_normalised() {
        assert!(is_stopword("في"));
        assert!(is_stopword("الي"));
        assert!(!is_stopword("ترامب"));
    }
}
