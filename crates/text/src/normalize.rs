//! Orthographic normalisation for matching, with a map back to the original.
//!
//! The folding is the one Arabic retrieval systems use and the one the
//! evaluation scorer uses for names:
//!
//! | original | folded |
//! |---|---|
//! | أ إ آ ٱ | ا |
//! | ى ی (Persian yeh) | ي |
//! | ة | ه |
//! | ؤ | و |
//! | ئ | ي |
//! | ک (keheh) | ك |
//! | harakat, shadda, sukun, superscript alef, Quranic marks, tatweel | removed |
//! | ٠–٩, ۰–۹ | 0–9 |
//! | ٫ ٬ | . , |
//! | bidi and zero-width marks, BOM | removed |
//! | NBSP and other spaces | space |
//! | « » “ ” „ ″ | " |
//! | Latin letters | lower case |
//! | presentation forms (ﻻ, ﺍ, …) | their NFKC letters |
//!
//! Decomposed input (alef + combining hamza) folds like precomposed input,
//! because combining marks are dropped and the base letter kept; this makes
//! the result the same as NFC followed by folding.

use unicode_normalization::UnicodeNormalization;

/// Normalised text and the map back to the original.
///
/// Invariants:
/// * `orig_char[i]` is the char offset in the original text of the char
///   that produced normalised byte `i`; `orig_char.len() == text.len() + 1`
///   and the last entry is the original's char count.
/// * `raw_byte[c]` is the byte offset of original char `c`;
///   `raw_byte.len() == original char count + 1`.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    orig_char: Vec<u32>,
    raw_byte: Vec<u32>,
}

impl Normalized {
    /// Char offset in the original text of normalised byte offset `b`.
    ///
    /// `b` may be `text.len()` (end of text).
    pub fn orig(&self, b: usize) -> u32 {
        self.orig_char[b.min(self.orig_char.len() - 1)]
    }

    /// Original char offset at which a span ending at normalised byte `b`
    /// (exclusive) ends.
    pub fn orig_end(&self, b: usize) -> u32 {
        if b == 0 {
            return 0;
        }
        // The end of a span is one past the original char of its last byte.
        self.orig_char[b - 1] + 1
    }

    /// Byte offset in the original text of original char offset `c`.
    pub fn byte_of_char(&self, c: usize) -> usize {
        self.raw_byte[c.min(self.raw_byte.len() - 1)] as usize
    }

    /// Number of chars in the original text.
    pub fn orig_len(&self) -> usize {
        self.raw_byte.len() - 1
    }
}

/// What one original char becomes.
enum Fold {
    Drop,
    One(char),
    /// Needs compatibility decomposition first (presentation forms, ligatures).
    Compat,
}

#[inline]
fn fold_char(c: char) -> Fold {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::One('ا'),
        'ى' | 'ی' | 'ې' => Fold::One('ي'),
        'ة' | 'ۃ' => Fold::One('ه'),
        'ؤ' => Fold::One('و'),
        'ئ' => Fold::One('ي'),
        'ک' => Fold::One('ك'),
        'ہ' | 'ھ' => Fold::One('ه'),
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            Fold::Drop
        }
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' => {
            Fold::Drop
        }
        '٠'..='٩' => Fold::One(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::One(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        '٫' => Fold::One('.'),
        '٬' => Fold::One(','),
        '«' | '»' | '“' | '”' | '„' | '″' | '‟' => Fold::One('"'),
        '‘' | '’' | '‚' | '‛' => Fold::One('\''),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' | '\r' => Fold::One(' '),
        'A'..='Z' => Fold::One(c.to_ascii_lowercase()),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}' => Fold::Compat,
        c if c.is_uppercase() => Fold::One(c.to_lowercase().next().unwrap_or(c)),
        _ => Fold::One(c),
    }
}

/// Normalise `raw` for matching, keeping a map back to its offsets.
pub fn normalize(raw: &str) -> Normalized {
    let mut text = String::with_capacity(raw.len());
    let mut orig_char = Vec::with_capacity(raw.len() + 1);
    let mut raw_byte = Vec::with_capacity(raw.len() / 2 + 1);
    for (ci, (bi, c)) in raw.char_indices().enumerate() {
        raw_byte.push(bi as u32);
        let ci = ci as u32;
        let mut push = |text: &mut String, ch: char| {
            let before = text.len();
            text.push(ch);
            for _ in before..text.len() {
                orig_char.push(ci);
            }
        };
        match fold_char(c) {
            Fold::Drop => {}
            Fold::One(f) => push(&mut text, f),
            Fold::Compat => {
                for d in std::iter::once(c).nfkc() {
                    match fold_char(d) {
                        Fold::Drop => {}
                        Fold::One(f) => push(&mut text, f),
                        Fold::Compat => push(&mut text, d),
                    }
                }
            }
        }
    }
    let n = raw_byte.len() as u32;
    raw_byte.push(raw.len() as u32);
    orig_char.push(n);
    Normalized {
        text,
        orig_char,
        raw_byte,
    }
}

/// Normalise a short string (a lexicon name, a query) without keeping a map.
///
/// Runs of whitespace become one space and the ends are trimmed.
pub fn fold_str(s: &str) -> String {
    let n = normalize(s);
    let mut out = String::with_capacity(n.text.len());
    for w in n.text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True for letters of the Arabic script (after folding).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_hamza_yeh_ta_marbuta_and_diacritics() {
        assert_eq!(fold_str("أَحْمَدُ إلى الرقّة"), "احمد الي الرقه");
        assert_eq!(fold_str("مسؤول رئيس"), "مسوول رييس");
        assert_eq!(fold_str("الـــرقة"), "الرقه");
    }

    #[test]
    fn folds_eastern_digits_and_quotes() {
        assert_eq!(fold_str("١٠ ۲۵ «داعش»"), "10 25 \"داعش\"");
        assert_eq!(fold_str("٣٫٥"), "3.5");
    }

    #[test]
    fn decomposed_equals_precomposed() {
        // alef + combining hamza above vs precomposed أ
        assert_eq!(fold_str("\u{0627}\u{0654}حمد"), fold_str("أحمد"));
    }

    #[test]
    fn presentation_forms_fold() {
        // ﻻ (lam-alef ligature) becomes two letters.
        assert_eq!(fold_str("\u{FEFB}"), "لا");
    }

    #[test]
    fn offsets_map_back_to_original_chars() {
        let raw = "قَالَ الـرقة";
        let n = normalize(raw);
        let b = n.text.find("الرقه").unwrap();
        let s = n.orig(b) as usize;
        let e = n.orig_end(b + "الرقه".len()) as usize;
        let chars: Vec<char> = raw.chars().collect();
        let got: String = chars[s..e].iter().collect();
        assert_eq!(got, "الـرقة");
        assert_eq!(n.orig_len(), chars.len());
        assert_eq!(&raw[n.byte_of_char(s)..n.byte_of_char(e)], "الـرقة");
    }

    #[test]
    fn drops_bidi_marks() {
        assert_eq!(fold_str("\u{200F}غزة\u{200E}"), "غزه");
    }
}
