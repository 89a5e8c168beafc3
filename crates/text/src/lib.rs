//! Arabic text core for marsad.
//!
//! Everything downstream (lexicon matching, entity recognition, event
//! extraction, indexing) sees Arabic through this crate:
//!
//! * [`normalize`]: orthographic folding for *matching* (hamza forms of
//!   alef, alef maqsura, ta marbuta, tatweel, diacritics, Eastern digits,
//!   presentation forms) that keeps a map back to offsets in the original
//!   text. The original text is never replaced: offsets reported to users
//!   always point into it.
//! * [`token`]: a tokeniser over the normalised text (Arabic and Latin
//!   words, numbers with separators, dotted abbreviations such as د.ب.أ,
//!   punctuation).
//! * [`sentence`]: sentence boundaries that respect abbreviations.
//! * [`clitic`]: proclitic analysis (و ف ب ل ك ال لل وال بال …) for lookup,
//!   guarded by an exceptions list.
//! * [`number`]: cardinal expressions in any form (10, ١٠, عشرة, عشرات,
//!   أكثر من 10, نحو 50) read into a min/max range.
//! * [`date`]: month and weekday names and relative date expressions
//!   resolved against a publication date.
//!
//! [`Analyzed`] bundles the first three for one piece of text.

pub mod clitic;
pub mod date;
pub mod normalize;
pub mod number;
pub mod sentence;
pub mod token;

pub use normalize::{Normalized, fold_str, normalize};
pub use sentence::Sentence;
pub use token::{Token, TokenKind};

/// A piece of text analysed once: normalised form, tokens and sentences.
///
/// Invariant: every token and sentence offset refers both to the original
/// text (`Token::start`/`end`, char offsets) and to the normalised text
/// (`Token::nstart`/`nend`, byte offsets into `norm.text`).
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The text exactly as given.
    pub raw: String,
    /// The normalised text with its offset map.
    pub norm: Normalized,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Sentences as token ranges, in order, covering every token.
    pub sentences: Vec<Sentence>,
}

impl Analyzed {
    /// Normalise, tokenise and split `raw` into sentences.
    pub fn new(raw: &str) -> Analyzed {
        let norm = normalize(raw);
        let tokens = token::tokenize(&norm);
        let sentences = sentence::split(&norm, &tokens);
        Analyzed {
            raw: raw.to_string(),
            norm,
            tokens,
            sentences,
        }
    }

    /// The normalised form of token `i`.
    pub fn tok(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm.text[t.nstart as usize..t.nend as usize]
    }

    /// The original surface text between tokens `a` and `b` (exclusive),
    /// as a slice of `raw`.
    pub fn surface(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.tokens.len() {
            return "";
        }
        self.raw_slice(self.tokens[a].start as usize, self.tokens[b - 1].end as usize)
    }

    /// The original text between two char offsets.
    pub fn raw_slice(&self, start: usize, end: usize) -> &str {
        let bs = self.norm.byte_of_char(start);
        let be = self.norm.byte_of_char(end);
        &self.raw[bs..be]
    }

    /// Index of the sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.tok_start.cmp(&i)) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        }
    }
}
