//! The Arabic-aware analyser behind the full-text index and the
//! near-duplicate shingles.
//!
//! Every word of a text gets two index forms:
//!
//! * **exact**: the text core's folding (hamza forms of alef, diacritics,
//!   tatweel, Eastern digits, Latin case) *without* the two foldings that
//!   merge distinct words: alef maqsura stays `ى` and ta marbuta stays `ة`,
//!   so that the preposition على and the name علي stay apart;
//! * **stem**: the fully folded word, proclitics removed by
//!   [`marsad_text::clitic::strip`] (guarded by its exceptions list, so
//!   وزارة is not و + زارة), then a *light* suffix stemmer ([`light_stem`])
//!   that removes plural, dual-free feminine and nisba endings only, so
//!   بالرقة, الرقة and رقة meet while وزارة and زار do not (Snowball's
//!   Arabic stemmer conflates those).
//!
//! Queries go through the same analyser; matches on the exact form score
//! higher than matches on the stem only.

use marsad_text::{Analyzed, TokenKind, clitic};

/// One indexable word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Exact-normalised form (ى and ة kept).
    pub exact: String,
    /// Clitic-stripped, lightly stemmed, fully folded form.
    pub stem: String,
    /// Byte offsets of the word in the original text, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// Analyse `raw` into its indexable words, in order (punctuation dropped).
pub fn analyse(raw: &str) -> Vec<Term> {
    let a = Analyzed::new(raw);
    let mut out = Vec::with_capacity(a.tokens.len());
    for (i, t) in a.tokens.iter().enumerate() {
        if t.kind == TokenKind::Punct {
            continue;
        }
        let folded = a.tok(i);
        let exact = exact_form(&a, i);
        let stem = match t.kind {
            TokenKind::Word => light_stem(clitic::strip(folded)).to_string(),
            _ => folded.to_string(),
        };
        out.push(Term {
            exact,
            stem,
            start: a.norm.byte_of_char(t.start as usize),
            end: a.norm.byte_of_char(t.end as usize),
        });
    }
    out
}

/// The folded token `i` with ى and ة restored from the original text.
fn exact_form(a: &Analyzed, i: usize) -> String {
    let t = &a.tokens[i];
    let folded = a.tok(i);
    if t.kind != TokenKind::Word || !folded.contains(['ي', 'ه']) {
        return folded.to_string();
    }
    let mut out = String::with_capacity(folded.len());
    for (off, c) in folded.char_indices() {
        let b = t.nstart as usize + off;
        if c == 'ي' || c == 'ه' {
            let oc = a.norm.orig(b) as usize;
            let orig = a.raw_slice(oc, oc + 1);
            match (c, orig) {
                ('ي', "ى") => out.push('ى'),
                ('ه', "ة") => out.push('ة'),
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A light Arabic suffix stemmer over a folded, clitic-stripped word.
///
/// Removes at most one ending, keeping at least two letters (three for the
/// plural endings): nisba plurals and feminine (`يين`, `يون`, `يات`, `يه`)
/// become the masculine nisba `ي` (السورية, سوريين → سوري); sound plurals
/// `ات`, `ون`, `ين` and the pronoun `ها`, `هم` are removed; a final ta
/// marbuta (folded to `ه`) is removed (رقة → رق). Dual `ان` is left alone:
/// too many names end in it (لبنان, عمان, سليمان).
pub fn light_stem(w: &str) -> &str {
    let n = w.chars().count();
    // Nisba endings keep their ي.
    for suf in ["يين", "يون", "يات", "يه"] {
        if let Some(s) = w.strip_suffix(suf)
            && n - suf.chars().count() >= 2
        {
            return &w[..s.len() + 'ي'.len_utf8()];
        }
    }
    for suf in ["ات", "ون", "ين", "ها", "هم"] {
        if let Some(s) = w.strip_suffix(suf)
            && n >= 5
        {
            return s;
        }
    }
    if let Some(s) = w.strip_suffix('ه')
        && n > 2
    {
        return s;
    }
    w
}

/// A tantivy tokenizer over [`analyse`], emitting either form. Registered
/// under [`EXACT_TOKENIZER`] and [`STEM_TOKENIZER`] so the index can be
/// read by tools that tokenise through tantivy (marsad itself feeds
/// pre-tokenised text).
#[derive(Clone, Copy, Debug)]
pub struct MarsadTokenizer {
    /// Emit the stem form instead of the exact form.
    pub stem: bool,
}

/// Tokenizer name of the exact fields.
pub const EXACT_TOKENIZER: &str = "marsad_exact";
/// Tokenizer name of the stemmed fields.
pub const STEM_TOKENIZER: &str = "marsad_stem";

/// Convert terms to tantivy tokens of one form.
pub fn to_tokens(terms: &[Term], stem: bool) -> Vec<tantivy::tokenizer::Token> {
    terms
        .iter()
        .enumerate()
        .map(|(position, t)| tantivy::tokenizer::Token {
            offset_from: t.start,
            offset_to: t.end,
            position,
            text: if stem { t.stem.clone() } else { t.exact.clone() },
            position_length: 1,
        })
        .collect()
}

/// The token stream of [`MarsadTokenizer`].
pub struct VecTokenStream {
    tokens: Vec<tantivy::tokenizer::Token>,
    at: usize,
}

impl tantivy::tokenizer::TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.at.saturating_sub(1)]
    }
    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.at.saturating_sub(1)]
    }
}

impl tantivy::tokenizer::Tokenizer for MarsadTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: to_tokens(&analyse(text), self.stem),
            at: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(s: &str) -> Vec<String> {
        analyse(s).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn clitics_and_ta_marbuta_meet() {
        let v = stems("بالرقة الرقة رقة والرقة للرقة");
        assert!(v.iter().all(|s| s == &v[0]), "{v:?}");
    }

    #[test]
    fn exact_keeps_alef_maqsura_and_ta_marbuta() {
        let a = analyse("على علي الرقة");
        assert_ne!(a[0].exact, a[1].exact);
        assert_eq!(a[2].exact, "الرقة");
        // The stem form folds them.
        assert_eq!(a[0].stem, a[1].stem);
    }

    #[test]
    fn light_stemmer_does_not_overstem() {
        let v = stems("وزارة زار السورية سوري سوريين لبنان");
        assert_ne!(v[0], v[1], "{v:?}");
        assert_eq!(v[2], v[3]);
        assert_eq!(v[3], v[4]);
        assert_eq!(v[5], "لبنان");
    }

    #[test]
    fn offsets_point_into_the_original() {
        let raw = "قصفٌ على «صنعاءَ» Reuters";
        for t in analyse(raw) {
            assert!(raw.is_char_boundary(t.start) && raw.is_char_boundary(t.end));
            assert!(!raw[t.start..t.end].contains('«'));
        }
        let a = analyse(raw);
        assert!(raw[a[2].start..a[2].end].starts_with("صنعاء"));
        assert_eq!(a[3].exact, "reuters");
    }
}
