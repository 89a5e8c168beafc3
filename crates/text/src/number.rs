//! Cardinal number expressions read into a `min`/`max` range.
//!
//! | text | min | max |
//! |---|---|---|
//! | `10`, `١٠`, `عشرة` | 10 | 10 |
//! | `خمسة وعشرون`, `ثلاثمائة`, `3 آلاف`, `1,200` | exact | exact |
//! | `نحو 50`, `حوالي 50`, `قرابة 50` | 50 | 50 |
//! | `أكثر من 10`, `ما يزيد عن 10` | 11 | — |
//! | `ما لا يقل عن 10`, `10 على الأقل` | 10 | — |
//! | `أقل من 10` | — | 9 |
//! | `ما يصل إلى 10` | — | 10 |
//! | `بين 10 و20`, `10 إلى 20`, `10-20` | 10 | 20 |
//! | `عشرات` / `مئات` / `آلاف` | 20 / 200 / 2000 | — |
//! | `عشرات الآلاف` | 20000 | — |
//! | `بضعة` | 3 | 10 |

use crate::Analyzed;
use crate::token::TokenKind;

/// The largest count read as a number. No toll, crowd or population in the
/// news comes near it; a larger figure ("قتل ٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩ شخصا",
/// "مليار مليار") is noise, read as no number at all, so sums of counts
/// downstream cannot overflow and every count fits an SQLite integer.
pub const MAX_COUNT: u64 = 1_000_000_000_000;

/// A number expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// First token of the expression (modifiers included).
    pub tok_start: usize,
    /// One past the last token.
    pub tok_end: usize,
}

impl Quantity {
    /// The single value when min and max agree.
    pub fn exact(&self) -> Option<u64> {
        (self.min == self.max).then_some(self.min).flatten()
    }
}

#[derive(Clone, Copy)]
enum Word {
    Unit(u64),
    Ten(u64),
    Hundred(u64),
    Thousand(u64),
    Million(u64),
    /// عشرات, مئات, آلاف, ملايين: vague plurals with a minimum.
    Vague(u64),
    /// بضعة: a few.
    Few,
}

fn word(w: &str) -> Option<Word> {
    use Word::*;
    Some(match w {
        "واحد" | "واحده" => Unit(1),
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" | "اثنا" | "اثني" | "اثنتا" | "اثنتي" => {
            Unit(2)
        }
        "ثلاث" | "ثلاثه" => Unit(3),
        "اربع" | "اربعه" => Unit(4),
        "خمس" | "خمسه" => Unit(5),
        "ست" | "سته" => Unit(6),
        "سبع" | "سبعه" => Unit(7),
        "ثماني" | "ثمانيه" | "ثمان" => Unit(8),
        "تسع" | "تسعه" => Unit(9),
        "عشر" | "عشره" => Unit(10),
        "عشرون" | "عشرين" => Ten(20),
        "ثلاثون" | "ثلاثين" => Ten(30),
        "اربعون" | "اربعين" => Ten(40),
        "خمسون" | "خمسين" => Ten(50),
        "ستون" | "ستين" => Ten(60),
        "سبعون" | "سبعين" => Ten(70),
        "ثمانون" | "ثمانين" => Ten(80),
        "تسعون" | "تسعين" => Ten(90),
        "ميه" | "مايه" | "مييه" => Hundred(100),
        "ميتان" | "ميتين" | "مايتان" | "مايتين" | "مييتان" | "مييتين" => Hundred(200),
        "ثلاثميه" | "ثلاثمايه" => Hundred(300),
        "اربعميه" | "اربعمايه" => Hundred(400),
        "خمسميه" | "خمسمايه" => Hundred(500),
        "ستميه" | "ستمايه" => Hundred(600),
        "سبعميه" | "سبعمايه" => Hundred(700),
        "ثمانميه" | "ثمانمايه" | "ثمانيميه" => Hundred(800),
        "تسعميه" | "تسعمايه" => Hundred(900),
        "الف" => Thousand(1),
        "الفا" | "الفان" | "الفين" => Thousand(2),
        "مليون" => Million(1),
        "مليونا" | "مليونان" | "مليونين" => Million(2),
        "عشرات" => Vague(20),
        "مييات" | "مءات" | "مات" | "ميات" => Vague(200),
        "الاف" => Vague(2000),
        "ملايين" => Vague(2_000_000),
        "بضع" | "بضعه" => Few,
        _ => return None,
    })
}

/// A word possibly carrying the conjunction و or the article ال.
fn word_clitic(w: &str) -> Option<(Word, bool)> {
    if let Some(x) = word(w) {
        return Some((x, false));
    }
    for p in ["وال", "و", "ال"] {
        if let Some(rest) = w.strip_prefix(p)
            && let Some(x) = word(rest)
        {
            return Some((x, p.starts_with('و')));
        }
    }
    None
}

fn digits(s: &str) -> Option<(u64, Option<u64>)> {
    // "1,200" → 1200; "3.5" → (3, fraction in millionths)
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    let (a, b) = match clean.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (clean.as_str(), None),
    };
    let a: u64 = a.parse().ok().filter(|&a| a <= MAX_COUNT)?;
    let Some(b) = b else {
        return Some((a, None));
    };
    if b.is_empty() || !b.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // millionths: the first six decimals, right-padded ("5" → 500000)
    let six: String = b.chars().chain(std::iter::repeat('0')).take(6).collect();
    Some((a, Some(six.parse().ok()?)))
}

/// `a + b`, or `None` past [`MAX_COUNT`].
fn add(a: u64, b: u64) -> Option<u64> {
    a.checked_add(b).filter(|&v| v <= MAX_COUNT)
}

/// `a * b`, or `None` past [`MAX_COUNT`].
fn mul(a: u64, b: u64) -> Option<u64> {
    a.checked_mul(b).filter(|&v| v <= MAX_COUNT)
}

/// The magnitude class of the last part read, to decide whether a part
/// joined by و adds to it ("خمسة وعشرون", "مئة وخمسون") or starts a new
/// number ("عشرة وعشرين" in a range).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Small,
    Ten,
    Hundred,
    Big,
}

/// Read a bare cardinal (no modifiers) at token `i`.
/// Returns `(min, max, end)`.
fn cardinal(a: &Analyzed, i: usize, end: usize) -> Option<(u64, Option<u64>, usize)> {
    let mut total: u64 = 0;
    let mut cur: u64 = 0;
    let mut j = i;
    let mut last: Option<Last> = None;
    let mut vague: Option<u64> = None;
    let mut frac_millionths: Option<u64> = None;
    while j < end {
        let t = a.tokens[j];
        let w = a.tok(j);
        if t.kind == TokenKind::Number {
            if last.is_some() {
                break;
            }
            let (v, frac) = digits(w)?;
            cur = v;
            frac_millionths = frac;
            last = Some(Last::Small);
            j += 1;
            continue;
        }
        if t.kind != TokenKind::Word {
            break;
        }
        // إحدى عشرة / أحد عشر
        if last.is_none()
            && matches!(w, "احد" | "احدي" | "واحد")
            && j + 1 < end
            && matches!(a.tok(j + 1), "عشر" | "عشره")
        {
            cur = 11;
            last = Some(Last::Ten);
            j += 2;
            continue;
        }
        let Some((wd, conj)) = word_clitic(w) else {
            break;
        };
        if conj && last.is_none() && j == i {
            // "وثلاثة": a leading conjunction belongs to the sentence.
        } else if conj {
            let ok = match (last, wd) {
                (Some(Last::Small), Word::Ten(_)) => cur < 10,
                (Some(Last::Hundred), Word::Unit(_) | Word::Ten(_)) => true,
                (Some(Last::Big), Word::Unit(_) | Word::Ten(_) | Word::Hundred(_)) => true,
                _ => false,
            };
            if !ok {
                break;
            }
        } else if last.is_some()
            && !matches!(
                wd,
                Word::Thousand(_) | Word::Million(_) | Word::Vague(_) | Word::Hundred(_)
            )
        {
            // "ثلاثة عشر" is read above; any other word ends the number.
            if !(matches!(wd, Word::Unit(10)) && last == Some(Last::Small) && cur > 0 && cur < 10) {
                break;
            }
        }
        match wd {
            Word::Unit(u) => {
                if u < 10 && j + 1 < end && matches!(a.tok(j + 1), "عشر" | "عشره") {
                    cur = add(cur, 10 + u)?;
                    j += 2;
                    last = Some(Last::Ten);
                    continue;
                }
                if u == 10 && last == Some(Last::Small) && !conj {
                    cur = add(cur, 10)?;
                    last = Some(Last::Ten);
                } else {
                    cur = add(cur, u)?;
                    last = Some(if u == 10 { Last::Ten } else { Last::Small });
                }
            }
            Word::Ten(v) => {
                cur = add(cur, v)?;
                last = Some(Last::Ten);
            }
            Word::Hundred(v) => {
                if v == 100 && last == Some(Last::Small) && !conj && cur > 0 && cur < 10 {
                    cur = mul(cur, 100)?;
                } else if last.is_some() && !conj {
                    break;
                } else {
                    cur = add(cur, v)?;
                }
                last = Some(Last::Hundred);
            }
            Word::Thousand(m) | Word::Million(m) => {
                let unit = if matches!(wd, Word::Thousand(_)) {
                    1_000
                } else {
                    1_000_000
                };
                if conj {
                    break;
                }
                let base = if cur == 0 { m } else { cur };
                let frac = frac_millionths.take().unwrap_or(0) * unit / 1_000_000;
                total = add(total, add(mul(base, unit)?, frac)?)?;
                cur = 0;
                last = Some(Last::Big);
            }
            Word::Vague(v) => {
                if conj {
                    break;
                }
                if last.is_some() || vague.is_some() {
                    // "3 آلاف", "عشرات الآلاف"
                    if v != 2000 && v != 2_000_000 {
                        break;
                    }
                    let unit = v / 2;
                    if let Some(vg) = vague {
                        vague = Some(mul(vg, unit)?);
                    } else {
                        let base = if cur == 0 { 1 } else { cur };
                        total = add(total, mul(base, unit)?)?;
                        cur = 0;
                    }
                    last = Some(Last::Big);
                } else {
                    vague = Some(v);
                    last = Some(Last::Big);
                    j += 1;
                    // only a multiplier may follow a vague plural
                    if j < end && matches!(word_clitic(a.tok(j)), Some((Word::Vague(2000 | 2_000_000), false))) {
                        continue;
                    }
                    break;
                }
            }
            Word::Few => {
                if last.is_some() {
                    break;
                }
                return Some((3, Some(10), j + 1));
            }
        }
        j += 1;
    }
    last?;
    if let Some(v) = vague {
        return Some((v, None, j));
    }
    let v = add(total, cur)?;
    Some((v, Some(v), j))
}

/// Modifiers before a number, as normalised token sequences.
#[derive(Clone, Copy)]
enum Modifier {
    Approx,
    MoreThan,
    AtLeast,
    LessThan,
    UpTo,
    Between,
}

const MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["ما", "لا", "يقل", "عن"], Modifier::AtLeast),
    (&["لا", "يقل", "عن"], Modifier::AtLeast),
    (&["ما", "يزيد", "عن"], Modifier::MoreThan),
    (&["ما", "يزيد", "علي"], Modifier::MoreThan),
    (&["ما", "يربو", "علي"], Modifier::MoreThan),
    (&["ما", "يقارب"], Modifier::Approx),
    (&["ما", "يصل", "الي"], Modifier::UpTo),
    (&["يصل", "الي"], Modifier::UpTo),
    (&["ما", "بين"], Modifier::Between),
    (&["يزيد", "عن"], Modifier::MoreThan),
    (&["يزيد", "علي"], Modifier::MoreThan),
    (&["اكثر", "من"], Modifier::MoreThan),
    (&["ازيد", "من"], Modifier::MoreThan),
    (&["اقل", "من"], Modifier::LessThan),
    (&["بين"], Modifier::Between),
    (&["نحو"], Modifier::Approx),
    (&["حوالي"], Modifier::Approx),
    (&["قرابه"], Modifier::Approx),
    (&["زهاء"], Modifier::Approx),
    (&["يقارب"], Modifier::Approx),
    (&["قرابة"], Modifier::Approx),
];

fn modifier_at(a: &Analyzed, i: usize, end: usize) -> Option<(Modifier, usize)> {
    'm: for (seq, m) in MODIFIERS {
        if i + seq.len() > end {
            continue;
        }
        for (k, w) in seq.iter().enumerate() {
            let t = a.tok(i + k);
            // the first word may carry و/ب (وأكثر من, بنحو)
            let ok = t == *w || (k == 0 && (t.strip_prefix('و') == Some(w) || t.strip_prefix('ب') == Some(w)));
            if !ok {
                continue 'm;
            }
        }
        return Some((*m, i + seq.len()));
    }
    None
}

/// Read a number expression (modifiers included) starting exactly at token
/// `i`, not reading past token `end`.
pub fn read_at(a: &Analyzed, i: usize, end: usize) -> Option<Quantity> {
    let end = end.min(a.tokens.len());
    if i >= end {
        return None;
    }
    let (m, j) = match modifier_at(a, i, end) {
        Some((m, j)) => (Some(m), j),
        None => (None, i),
    };
    let (min, max, mut k) = cardinal(a, j, end)?;
    let (mut lo, mut hi) = (Some(min), max);
    match m {
        Some(Modifier::Approx) | None => {}
        Some(Modifier::MoreThan) => {
            lo = Some(min.saturating_add(1));
            hi = None;
        }
        Some(Modifier::AtLeast) => hi = None,
        Some(Modifier::LessThan) => {
            lo = None;
            hi = Some(min.saturating_sub(1));
        }
        Some(Modifier::UpTo) => {
            lo = None;
            hi = Some(max.unwrap_or(min));
        }
        Some(Modifier::Between) => {}
    }
    // Ranges: "بين 10 و20", "بين عشرة وعشرين", "10 إلى 20", "10-20".
    if k < end {
        let between = matches!(m, Some(Modifier::Between));
        let nxt = a.tok(k);
        let second = if nxt == "الي" || nxt == "-" || nxt == "–" || (between && nxt == "و") {
            cardinal(a, k + 1, end)
        } else if between {
            cardinal(a, k, end)
        } else {
            None
        };
        if let Some((m2, x2, e2)) = second
            && m2 > min
        {
            lo = Some(min);
            hi = x2.or(Some(m2));
            k = e2;
        }
    }
    // "10 على الأقل"
    if k + 1 < end && a.tok(k) == "علي" && a.tok(k + 1) == "الاقل" {
        hi = None;
        k += 2;
    }
    Some(Quantity {
        min: lo,
        max: hi,
        tok_start: i,
        tok_end: k,
    })
}

/// Every number expression in tokens `start..end`, left to right,
/// non-overlapping.
pub fn find_all(a: &Analyzed, start: usize, end: usize) -> Vec<Quantity> {
    let end = end.min(a.tokens.len());
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if let Some(q) = read_at(a, i, end) {
            i = q.tok_end.max(i + 1);
            out.push(q);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> (Option<u64>, Option<u64>) {
        let a = Analyzed::new(s);
        let r = read_at(&a, 0, a.tokens.len()).unwrap_or_else(|| panic!("no number in {s}"));
        (r.min, r.max)
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(q("10"), (Some(10), Some(10)));
        assert_eq!(q("١٠"), (Some(10), Some(10)));
        assert_eq!(q("عشرة"), (Some(10), Some(10)));
        assert_eq!(q("سبعة"), (Some(7), Some(7)));
        assert_eq!(q("ثلاثة عشر"), (Some(13), Some(13)));
        assert_eq!(q("خمسة وعشرون"), (Some(25), Some(25)));
        assert_eq!(q("ثلاثمائة"), (Some(300), Some(300)));
        assert_eq!(q("ثلاث مئة"), (Some(300), Some(300)));
        assert_eq!(q("1,200"), (Some(1200), Some(1200)));
        assert_eq!(q("3 آلاف"), (Some(3000), Some(3000)));
        assert_eq!(q("ألفين"), (Some(2000), Some(2000)));
        assert_eq!(q("3.5 مليون"), (Some(3_500_000), Some(3_500_000)));
        assert_eq!(q("مئة وخمسون"), (Some(150), Some(150)));
    }

    #[test]
    fn modifiers() {
        assert_eq!(q("أكثر من 10"), (Some(11), None));
        assert_eq!(q("نحو 50"), (Some(50), Some(50)));
        assert_eq!(q("حوالى 50"), (Some(50), Some(50)));
        assert_eq!(q("ما لا يقل عن 12"), (Some(12), None));
        assert_eq!(q("أقل من 10"), (None, Some(9)));
        assert_eq!(q("عشرات"), (Some(20), None));
        assert_eq!(q("العشرات"), (Some(20), None));
        assert_eq!(q("عشرات الآلاف"), (Some(20000), None));
        assert_eq!(q("بين 10 و20"), (Some(10), Some(20)));
        assert_eq!(q("10 إلى 15"), (Some(10), Some(15)));
        assert_eq!(q("12 على الأقل"), (Some(12), None));
        assert_eq!(q("بضعة"), (Some(3), Some(10)));
    }

    #[test]
    fn not_numbers() {
        let a = Analyzed::new("الثاني من الشهر");
        assert!(read_at(&a, 0, a.tokens.len()).is_none());
        let a = Analyzed::new("قتل أحد الجنود");
        let all = find_all(&a, 0, a.tokens.len());
        assert_eq!(all.len(), 0, "أحد alone is not read: {all:?}");
        assert_eq!(q("أحد عشر"), (Some(11), Some(11)));
        assert_eq!(q("بين عشرة وعشرين"), (Some(10), Some(20)));
    }

    #[test]
    fn finds_several() {
        let a = Analyzed::new("قتل 3 وأصيب سبعة آخرون");
        let all = find_all(&a, 0, a.tokens.len());
        assert_eq!(all.iter().map(|x| x.min).collect::<Vec<_>>(), vec![Some(3), Some(7)]);
    }

    #[test]
    fn huge_numbers_are_no_numbers_not_overflows() {
        let none = |s: &str| {
            let a = Analyzed::new(s);
            assert_eq!(read_at(&a, 0, a.tokens.len()), None, "{s}");
        };
        none("٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩");
        none(&"9".repeat(10_000));
        none("18446744073709551615");
        none("18446744073709.99999999999999999999");
        none("18446744073709551 ألف");
        none("9999999999999 مليون");
        none("عشرات الآلاف الآلاف الآلاف الآلاف الآلاف الآلاف الآلاف");
        // each part fits, the product does not
        none("2000000000 ألف");
        assert_eq!(q("1.99999999999999"), (Some(1), Some(1)));
        assert_eq!(q("1.5 ألف"), (Some(1500), Some(1500)));
        assert_eq!(q("أكثر من 1000000000000"), (Some(MAX_COUNT + 1), None));
        assert_eq!(q("1000000000000"), (Some(MAX_COUNT), Some(MAX_COUNT)));
    }
}
