//! Tokeniser over normalised text.
//!
//! Tokens are maximal runs of one class: Arabic letters, Latin letters and
//! digits, digits (with `.`/`,` between digits kept inside the number), or a
//! single punctuation char. Dotted abbreviations of single Arabic letters
//! (د.ب.أ, د. ب. أ, أ.ف.ب) are one [`TokenKind::Abbrev`] token so that
//! sentence splitting and lexicon lookup see them whole.

use crate::normalize::{Normalized, is_arabic_letter};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of Arabic letters.
    Word,
    /// A run of Latin letters (and digits inside them).
    Latin,
    /// Digits, possibly with `.` or `,` between digits.
    Number,
    /// A dotted abbreviation of single letters (د.ب.أ).
    Abbrev,
    /// One punctuation or symbol char.
    Punct,
}

/// One token.
///
/// `start`/`end` are char offsets in the original text (end exclusive);
/// `nstart`/`nend` are byte offsets in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub nstart: u32,
    pub nend: u32,
    pub kind: TokenKind,
    /// A line break separates this token from the previous one.
    pub nl_before: bool,
}

impl Token {
    /// The token's normalised text.
    pub fn norm<'a>(&self, n: &'a Normalized) -> &'a str {
        &n.text[self.nstart as usize..self.nend as usize]
    }
}

fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_arabic_letter(c))
}

/// Tokenise normalised text.
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let text = n.text.as_str();
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0usize;
    let mut nl = false;
    let next_char = |at: usize| text[at..].chars().next();
    while i < text.len() {
        let Some(c) = next_char(i) else { break };
        let cl = c.len_utf8();
        if c == '\n' || c == '\u{2028}' || c == '\u{2029}' || c == '\u{0085}' {
            nl = true;
            i += cl;
            continue;
        }
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        let start = i;
        let kind;
        if is_arabic_letter(c) {
            if let Some(end) = abbrev_at(text, i) {
                i = end;
                kind = TokenKind::Abbrev;
            } else {
                i += cl;
                while let Some(d) = next_char(i) {
                    if is_arabic_letter(d) {
                        i += d.len_utf8();
                    } else {
                        break;
                    }
                }
                kind = TokenKind::Word;
            }
        } else if c.is_ascii_digit() {
            i += 1;
            while i < text.len() {
                let b = bytes[i];
                if b.is_ascii_digit() {
                    i += 1;
                } else if (b == b'.' || b == b',') && i + 1 < text.len() && bytes[i + 1].is_ascii_digit() {
                    i += 2;
                } else {
                    break;
                }
            }
            kind = TokenKind::Number;
        } else if is_latin_alnum(c) {
            i += cl;
            while let Some(d) = next_char(i) {
                if is_latin_alnum(d) {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            kind = TokenKind::Latin;
        } else {
            i += cl;
            kind = TokenKind::Punct;
        }
        // Marks dropped by normalisation right after the token (harakat,
        // tatweel) belong to it: its original end is where the next kept
        // char begins.
        let end = if i < text.len() { n.orig(i) } else { n.orig_len() as u32 };
        out.push(Token {
            start: n.orig(start),
            end,
            nstart: start as u32,
            nend: i as u32,
            kind,
            nl_before: std::mem::take(&mut nl),
        });
    }
    out
}

/// If a dotted abbreviation of single Arabic letters starts at byte `i`,
/// return the byte offset one past it (its last dot included).
fn abbrev_at(text: &str, i: usize) -> Option<usize> {
    let mut pos = i;
    let mut letters = 0;
    let mut end = i;
    loop {
        let mut it = text[pos..].char_indices();
        let (_, c) = it.next()?;
        if !is_arabic_letter(c) {
            break;
        }
        let after = pos + c.len_utf8();
        // single letter: the next char must not be a letter
        let nxt = text[after..].chars().next();
        match nxt {
            Some('.') => {
                letters += 1;
                end = after + 1;
                // allow one space after the dot
                let mut p = after + 1;
                if text[p..].starts_with(' ') {
                    p += 1;
                }
                pos = p;
                if pos >= text.len() {
                    break;
                }
            }
            Some(d) if is_arabic_letter(d) => break,
            _ => {
                // last letter without a dot (د.ب.أ written without final dot)
                if letters >= 1 {
                    letters += 1;
                    end = after;
                }
                break;
            }
        }
    }
    (letters >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn toks(s: &str) -> Vec<(String, TokenKind)> {
        let n = normalize(s);
        tokenize(&n)
            .into_iter()
            .map(|t| (t.norm(&n).to_string(), t.kind))
            .collect()
    }

    #[test]
    fn words_numbers_punct() {
        let t = toks("قتل 1,200 شخص، و«داعش» (د.ب.أ)");
        let words: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            vec!["قتل", "1,200", "شخص", "،", "و", "\"", "داعش", "\"", "(", "د.ب.ا", ")"]
        );
        assert_eq!(t[1].1, TokenKind::Number);
        assert_eq!(t[9].1, TokenKind::Abbrev);
    }

    #[test]
    fn spaced_abbreviations() {
        for s in ["د. ب. أ", "د. ب.أ", "أ.ف.ب", "د.ب.أ."] {
            let t = toks(s);
            assert_eq!(t.len(), 1, "{s}: {t:?}");
            assert_eq!(t[0].1, TokenKind::Abbrev);
        }
        // a title abbreviation followed by a name is not an abbreviation run
        let t = toks("د. محمد");
        assert_eq!(t[0].1, TokenKind::Word);
    }

    #[test]
    fn offsets_are_original_chars() {
        let raw = "قَتَلَ ١٠ مسلحين";
        let n = normalize(raw);
        let t = tokenize(&n);
        let chars: Vec<char> = raw.chars().collect();
        let s: String = chars[t[1].start as usize..t[1].end as usize].iter().collect();
        assert_eq!(s, "١٠");
        let s: String = chars[t[0].start as usize..t[0].end as usize].iter().collect();
        assert_eq!(s, "قَتَلَ");
    }

    #[test]
    fn newline_flag() {
        let n = normalize("اول\nثاني");
        let t = tokenize(&n);
        assert!(!t[0].nl_before);
        assert!(t[1].nl_before);
    }

    #[test]
    fn decimal_and_latin() {
        let t = toks("3.5 مليون UN-OCHA");
        assert_eq!(t[0], ("3.5".to_string(), TokenKind::Number));
        assert_eq!(t[2], ("un".to_string(), TokenKind::Latin));
    }
}
