//! Sentence boundaries over tokens.
//!
//! A sentence ends after `.`, `!`, `?`, `؟` or `…` (and any closing quotes or
//! brackets right after them), and before a token that starts a new line. A
//! dot after a single Arabic letter (د. = Dr.) or an abbreviation token does
//! not end a sentence.

use crate::normalize::Normalized;
use crate::token::{Token, TokenKind};

/// A sentence: tokens `tok_start..tok_end`, original chars `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub tok_start: usize,
    pub tok_end: usize,
    pub start: u32,
    pub end: u32,
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "…")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "}")
}

/// Split tokens into sentences. Every token belongs to exactly one sentence.
pub fn split(n: &Normalized, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let close = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        if a < b {
            out.push(Sentence {
                tok_start: a,
                tok_end: b,
                start: tokens[a].start,
                end: tokens[b - 1].end,
            });
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].nl_before && i > start {
            close(&mut out, start, i);
            start = i;
        }
        let t = &tokens[i];
        let s = t.norm(n);
        if t.kind == TokenKind::Punct && is_terminal(s) {
            let after_initial = s == "."
                && i > 0
                && tokens[i - 1].kind == TokenKind::Word
                && tokens[i - 1].norm(n).chars().count() == 1
                && tokens[i - 1].end == t.start;
            if !after_initial {
                let mut j = i + 1;
                while j < tokens.len()
                    && !tokens[j].nl_before
                    && tokens[j].kind == TokenKind::Punct
                    && (is_terminal(tokens[j].norm(n)) || is_closer(tokens[j].norm(n)))
                {
                    j += 1;
                }
                close(&mut out, start, j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    close(&mut out, start, tokens.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::token::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let n = normalize(s);
        let t = tokenize(&n);
        let chars: Vec<char> = s.chars().collect();
        split(&n, &t)
            .iter()
            .map(|x| chars[x.start as usize..x.end as usize].iter().collect())
            .collect()
    }

    #[test]
    fn splits_on_terminals_and_lines() {
        let s = sents("قال المصدر. وأضاف أن الوضع هادئ؟ نعم\nسطر جديد");
        assert_eq!(s, vec!["قال المصدر.", "وأضاف أن الوضع هادئ؟", "نعم", "سطر جديد"]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        let s = sents("قال لـ(د. ب. أ) إن د. محمد وصل. ثم غادر.");
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn closing_quote_stays_with_sentence() {
        let s = sents("قال: \"انتهى.\" ثم خرج.");
        assert_eq!(s, vec!["قال: \"انتهى.\"", "ثم خرج."]);
    }
}
