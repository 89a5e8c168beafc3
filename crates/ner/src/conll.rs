//! CoNLL files (`token TAG` per line, a blank line between sentences) and
//! entity-level scoring the way `conlleval` does it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One annotated sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// A malformed CoNLL line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {msg}")]
pub struct ConllError {
    pub file: String,
    pub line: usize,
    pub msg: String,
}

/// Parse a CoNLL file. Each non-blank line is `token TAG [TAG…]`
/// (whitespace separated; further columns, such as Wojood's nested layers,
/// are ignored). Tags are `O`, `B-TYPE` or `I-TYPE`.
pub fn parse(file: &str, text: &str) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim_start_matches('\u{feff}').trim();
        if l.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut cols = l.split_whitespace();
        let (Some(tok), Some(tag)) = (cols.next(), cols.next()) else {
            return Err(ConllError {
                file: file.into(),
                line: i + 1,
                msg: format!("expected `token TAG`, found {l:?}"),
            });
        };
        if !(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-")) || tag.len() == 2 {
            return Err(ConllError {
                file: file.into(),
                line: i + 1,
                msg: format!("tag must be O, B-TYPE or I-TYPE, not {tag:?}"),
            });
        }
        cur.tokens.push(tok.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A typed span of tokens `start..end`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// Entity spans of a tag sequence, read like `conlleval`: `B-X` always
/// opens an entity; `I-X` continues an open `X` and otherwise opens one.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (bio, kind) = match t.split_once('-') {
            Some((b, k)) if b == "B" || b == "I" => (b, k),
            _ => ("O", ""),
        };
        let continues = bio == "I" && open.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push(Span {
                    start: s,
                    end: i,
                    kind: k.to_string(),
                });
            }
            if bio != "O" {
                open = Some((i, kind));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push(Span {
            start: s,
            end: tags.len(),
            kind: k.to_string(),
        });
    }
    out
}

/// Counts of one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities with exactly the gold span and type.
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// Entity-level scores per type and overall (micro-averaged).
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub by_type: BTreeMap<String, Counts>,
    pub total: Counts,
    pub tokens: usize,
    /// Tokens whose tag was exactly right.
    pub tokens_correct: usize,
}

impl Score {
    /// Add one sentence's gold and predicted tags.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], pred: &[T]) {
        let g = spans(gold);
        let p = spans(pred);
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(pred).filter(|(a, b)| a.as_ref() == b.as_ref()).count();
        for s in &g {
            self.by_type.entry(s.kind.clone()).or_default().gold += 1;
            self.total.gold += 1;
        }
        for s in &p {
            let c = self.by_type.entry(s.kind.clone()).or_default();
            c.predicted += 1;
            self.total.predicted += 1;
            if g.contains(s) {
                c.correct += 1;
                self.total.correct += 1;
            }
        }
    }

    /// A table of precision, recall and F1 per type and overall; the last
    /// line is `micro F1 0.xxxx`.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let acc = if self.tokens == 0 {
            0.0
        } else {
            self.tokens_correct as f64 / self.tokens as f64
        };
        let _ = writeln!(
            s,
            "tokens {}  entities gold {}  predicted {}  correct {}  token accuracy {:.4}",
            self.tokens, self.total.gold, self.total.predicted, self.total.correct, acc
        );
        let _ = writeln!(
            s,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "pred"
        );
        for (k, c) in &self.by_type {
            let _ = writeln!(
                s,
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
                k,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            );
        }
        let c = self.total;
        let _ = writeln!(
            s,
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
            "overall",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.predicted
        );
        let _ = writeln!(s, "micro F1 {:.4}", c.f1());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_bad_lines() {
        let s = parse("x", "أعلن O\nاتحاد B-ORG\nصناعة I-ORG\n\nفي O\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, vec!["O", "B-ORG", "I-ORG"]);
        let e = parse("x", "a O\nb\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("x", "a PERS\n").is_err());
    }

    #[test]
    fn spans_follow_conlleval() {
        let t = ["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-LOC", "I-LOC"];
        let s = spans(&t);
        let got: Vec<(usize, usize, &str)> = s.iter().map(|x| (x.start, x.end, x.kind.as_str())).collect();
        assert_eq!(got, vec![(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "LOC")]);
    }

    #[test]
    fn exact_span_and_type_scoring() {
        let mut sc = Score::default();
        sc.add(&["B-PERS", "I-PERS", "O", "B-LOC"], &["B-PERS", "O", "O", "B-LOC"]);
        assert_eq!(sc.total.gold, 2);
        assert_eq!(sc.total.predicted, 2);
        assert_eq!(sc.total.correct, 1);
        assert!((sc.total.f1() - 0.5).abs() < 1e-9);
        assert!(sc.report().trim_end().ends_with("micro F1 0.5000"));
    }
}
