//! Dates: month and weekday names, and date expressions resolved against a
//! publication date.
//!
//! Month names come in the Levantine/Iraqi (كانون الثاني, شباط, … نيسان),
//! Egyptian/Gulf (يناير, فبراير, … أبريل) and Maghrebi (جانفي, فيفري, أفريل,
//! جوان, جويلية, أوت) series. A resolved date carries a [`Precision`]: a day
//! is never invented where the text gives only a week, month or year; the
//! value is then the first day of the period (month, year) or the
//! approximate day (week), as ACLED's `time_precision` does.

use crate::Analyzed;
use crate::token::TokenKind;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How much of a resolved date the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    /// The name used in the record (`day`, `week`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date expression as the text gives it, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// اليوم (0), أمس (1), أول أمس (2), قبل يومين (2), قبل ثلاثة أيام (3),
    /// with the weekday the text names beside it ("أمس الجمعة"), which wins
    /// when it disagrees with the count by at most three days (a paper's
    /// date is often its print or crawl date, a day after writing).
    DaysAgo { days: u32, weekday: Option<Weekday> },
    /// A weekday name: the last such day on or before publication
    /// (`past` = followed by الماضي: strictly before; `next` = المقبل).
    Weekday { day: Weekday, past: bool, next: bool },
    /// قبل أسبوعين, الأسبوع الماضي (1).
    WeeksAgo(u32),
    /// هذا الأسبوع, الأسبوع الجاري.
    ThisWeek,
    /// الشهر الماضي (1), قبل شهرين (2).
    MonthsAgo(u32),
    /// الشهر الجاري, هذا الشهر.
    ThisMonth,
    /// A named month, with its year when given.
    Month { month: u32, year: Option<i32>, next: bool },
    /// A day of a named month (10 يونيو, العاشر من حزيران/يونيو, 10/6/2017).
    DayMonth { day: u32, month: u32, year: Option<i32> },
    /// يوم 10 من الشهر الجاري.
    DayOfThisMonth(u32),
    /// العام الماضي (1), قبل عامين (2).
    YearsAgo(u32),
    /// A year on its own (عام 2014).
    Year(i32),
}

impl DateExpr {
    /// Resolve against the publication date. `None` when the expression
    /// names an impossible date (31 February).
    pub fn resolve(&self, published: NaiveDate) -> Option<(NaiveDate, Precision)> {
        use DateExpr::*;
        let p = published;
        Some(match *self {
            DaysAgo { days, weekday } => {
                let d = p.checked_sub_days(Days::new(days as u64))?;
                let d = match weekday {
                    Some(w) => {
                        let back =
                            (d.weekday().num_days_from_monday() as i64 - w.num_days_from_monday() as i64).rem_euclid(7);
                        if back <= 3 {
                            d.checked_sub_days(Days::new(back as u64))?
                        } else {
                            d
                        }
                    }
                    None => d,
                };
                (d, Precision::Day)
            }
            Weekday { day, past, next } => {
                let cur = p.weekday().num_days_from_monday() as i64;
                let want = day.num_days_from_monday() as i64;
                if next {
                    let mut d = (want - cur).rem_euclid(7);
                    if d == 0 {
                        d = 7;
                    }
                    (p.checked_add_days(Days::new(d as u64))?, Precision::Day)
                } else {
                    let mut d = (cur - want).rem_euclid(7);
                    if past && d == 0 {
                        d = 7;
                    }
                    (p.checked_sub_days(Days::new(d as u64))?, Precision::Day)
                }
            }
            WeeksAgo(n) => (p.checked_sub_days(Days::new(7 * n as u64))?, Precision::Week),
            ThisWeek => (p, Precision::Week),
            MonthsAgo(n) => {
                let d = p.checked_sub_months(Months::new(n))?;
                (d.with_day(1)?, Precision::Month)
            }
            ThisMonth => (p.with_day(1)?, Precision::Month),
            Month { month, year, next } => {
                let y = year.unwrap_or_else(|| {
                    if next {
                        if month >= p.month() { p.year() } else { p.year() + 1 }
                    } else if month <= p.month() {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                });
                (NaiveDate::from_ymd_opt(y, month, 1)?, Precision::Month)
            }
            DayMonth { day, month, year } => {
                let y = match year {
                    Some(y) => y,
                    None => {
                        // the latest such date not more than a few days after publication
                        let this = NaiveDate::from_ymd_opt(p.year(), month, day);
                        match this {
                            Some(d) if d <= p.checked_add_days(Days::new(7))? => p.year(),
                            _ => p.year() - 1,
                        }
                    }
                };
                (NaiveDate::from_ymd_opt(y, month, day)?, Precision::Day)
            }
            DayOfThisMonth(day) => (p.with_day(day)?, Precision::Day),
            YearsAgo(n) => (NaiveDate::from_ymd_opt(p.year() - n as i32, 1, 1)?, Precision::Year),
            Year(y) => (NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year),
        })
    }
}

/// A date expression found in text: tokens `tok_start..tok_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub tok_start: usize,
    pub tok_end: usize,
    pub expr: DateExpr,
}

/// Month number of a normalised month name (first word; the second word of
/// two-word Levantine names is checked by the caller via [`month_at`]).
fn month_single(w: &str) -> Option<u32> {
    Some(match w {
        "يناير" | "جانفي" => 1,
        "فبراير" | "فبرابر" | "فيفري" | "شباط" => 2,
        "مارس" | "اذار" => 3,
        "ابريل" | "افريل" | "نيسان" => 4,
        "مايو" | "ماي" | "ايار" => 5,
        "يونيو" | "يونيه" | "جوان" | "حزيران" => 6,
        "يوليو" | "يوليه" | "جويليه" | "جويلية" | "تموز" => 7,
        "اغسطس" | "اوت" | "اب" => 8,
        "سبتمبر" | "شتنبر" | "ايلول" => 9,
        "اكتوبر" => 10,
        "نوفمبر" | "نونبر" => 11,
        "ديسمبر" | "دجنبر" => 12,
        _ => return None,
    })
}

/// A month name at token `i` (with its clitic و/ب/في stripped), returning
/// `(month, end)`. Handles كانون الثاني / تشرين الأول and the doubled form
/// حزيران/يونيو.
pub fn month_at(a: &Analyzed, i: usize, end: usize) -> Option<(u32, usize)> {
    if i >= end {
        return None;
    }
    let w = a.tok(i);
    let w = strip_light(w);
    let (m, mut j) = match w {
        "كانون" | "تشرين" if i + 1 < end => {
            let second = a.tok(i + 1);
            let m = match (w, second) {
                ("كانون", "الثاني") => 1,
                ("كانون", "الاول") => 12,
                ("تشرين", "الاول") => 10,
                ("تشرين", "الثاني") => 11,
                _ => return None,
            };
            (m, i + 2)
        }
        // آب (August) folds to اب, which is also "father": require a
        // neighbouring date word, checked by the callers' context (day
        // number before, year or الماضي after).
        _ => (month_single(w)?, i + 1),
    };
    // doubled name: "حزيران/يونيو", "حزيران (يونيو)", "يونيو - حزيران"
    if j + 1 < end
        && matches!(a.tok(j), "/" | "(" | "-")
        && let Some((m2, e2)) = month_at_simple(a, j + 1, end)
        && m2 == m
    {
        j = e2;
        if j < end && a.tok(j) == ")" {
            j += 1;
        }
    }
    Some((m, j))
}

fn month_at_simple(a: &Analyzed, i: usize, end: usize) -> Option<(u32, usize)> {
    let w = a.tok(i);
    if let Some(m) = month_single(w) {
        return Some((m, i + 1));
    }
    if i + 1 < end {
        return match (w, a.tok(i + 1)) {
            ("كانون", "الثاني") => Some((1, i + 2)),
            ("كانون", "الاول") => Some((12, i + 2)),
            ("تشرين", "الاول") => Some((10, i + 2)),
            ("تشرين", "الثاني") => Some((11, i + 2)),
            _ => None,
        };
    }
    None
}

/// Strip a leading و / ب / ف / ل from a word that is then a known date word.
fn strip_light(w: &str) -> &str {
    for p in ["و", "ب", "ف", "ل"] {
        if let Some(rest) = w.strip_prefix(p)
            && (month_single(rest).is_some()
                || weekday(rest).is_some()
                || matches!(rest, "كانون" | "تشرين" | "امس" | "اليوم"))
        {
            return rest;
        }
    }
    w
}

/// Weekday of a normalised weekday name (with the article).
pub fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "الاحد" => Weekday::Sun,
        "الاثنين" | "الاتنين" => Weekday::Mon,
        "الثلاثاء" => Weekday::Tue,
        "الاربعاء" => Weekday::Wed,
        "الخميس" => Weekday::Thu,
        "الجمعه" => Weekday::Fri,
        "السبت" => Weekday::Sat,
        _ => return None,
    })
}

/// Ordinal day words (الأول … الحادي والثلاثين) as (words, day).
fn ordinal_day(a: &Analyzed, i: usize, end: usize) -> Option<(u32, usize)> {
    const UNITS: &[(&str, u32)] = &[
        ("الاول", 1),
        ("الحادي", 1),
        ("الثاني", 2),
        ("الثالث", 3),
        ("الرابع", 4),
        ("الخامس", 5),
        ("السادس", 6),
        ("السابع", 7),
        ("الثامن", 8),
        ("التاسع", 9),
        ("العاشر", 10),
    ];
    let w = a.tok(i);
    let w = w.strip_prefix("في").filter(|r| r.starts_with("ال")).unwrap_or(w);
    let unit = UNITS.iter().find(|(u, _)| *u == w).map(|x| x.1);
    if let Some(u) = unit {
        if u < 10 && i + 1 < end {
            match a.tok(i + 1) {
                "عشر" => return Some((u + 10, i + 2)),
                "والعشرين" => return Some((u + 20, i + 2)),
                "والثلاثين" => return Some((u + 30, i + 2)),
                _ => {}
            }
        }
        if w == "الحادي" {
            return None;
        }
        return Some((u, i + 1));
    }
    match w {
        "العشرين" => Some((20, i + 1)),
        "الثلاثين" => Some((30, i + 1)),
        _ => None,
    }
}

fn small_number(a: &Analyzed, i: usize) -> Option<u32> {
    if a.tokens[i].kind != TokenKind::Number {
        return None;
    }
    a.tok(i).parse().ok()
}

fn year_at(a: &Analyzed, i: usize, end: usize) -> Option<(i32, usize)> {
    if i >= end {
        return None;
    }
    let y: i32 = a.tok(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some((y, i + 1))
}

/// An optional year after a month: "2017", "عام 2017", "من العام الجاري".
fn trailing_year(a: &Analyzed, j: usize, end: usize) -> (Option<i32>, usize) {
    if let Some((y, e)) = year_at(a, j, end) {
        return (Some(y), e);
    }
    if j + 1 < end
        && matches!(a.tok(j), "عام" | "سنه" | "العام")
        && let Some((y, e)) = year_at(a, j + 1, end)
    {
        return (Some(y), e);
    }
    (None, j)
}

/// Units of relative time after قبل / منذ: (words, days-per-unit kind).
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn unit_word(w: &str) -> Option<(Unit, Option<u32>)> {
    Some(match w {
        "يوم" => (Unit::Day, Some(1)),
        "يومين" | "يومان" => (Unit::Day, Some(2)),
        "ايام" => (Unit::Day, None),
        "اسبوع" => (Unit::Week, Some(1)),
        "اسبوعين" | "اسبوعان" => (Unit::Week, Some(2)),
        "اسابيع" => (Unit::Week, None),
        "شهر" => (Unit::Month, Some(1)),
        "شهرين" | "شهران" => (Unit::Month, Some(2)),
        "اشهر" | "شهور" => (Unit::Month, None),
        "عام" | "سنه" => (Unit::Year, Some(1)),
        "عامين" | "سنتين" | "عامان" | "سنتان" => (Unit::Year, Some(2)),
        "اعوام" | "سنوات" | "سنين" => (Unit::Year, None),
        _ => return None,
    })
}

/// Parts of the day that may precede a date word ("صباح اليوم", "ليل الجمعة").
fn part_of_day(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    matches!(
        w,
        "صباح"
            | "مساء"
            | "ليل"
            | "ليله"
            | "فجر"
            | "ظهر"
            | "عصر"
            | "ظهيره"
            | "صبيحه"
            | "عشيه"
            | "منتصف"
            | "يوم"
            | "نهار"
            | "امسيه"
            | "خلال"
            | "في"
            | "مطلع"
            | "اوايل"
            | "اواخر"
            | "اواسط"
            | "بدايه"
            | "نهايه"
    )
}

fn is_past(w: &str) -> bool {
    matches!(w, "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفايت" | "السابق")
}

fn is_next(w: &str) -> bool {
    matches!(w, "المقبل" | "المقبله" | "القادم" | "القادمه")
}

fn is_current(w: &str) -> bool {
    matches!(w, "الجاري" | "الحالي" | "الجاريه" | "الحاليه")
}

/// Try to read a date expression whose core starts at token `i`.
fn core_at(a: &Analyzed, i: usize, end: usize) -> Option<(DateExpr, usize)> {
    let w = strip_light(a.tok(i));
    let nxt = |k: usize| if k < end { a.tok(k) } else { "" };
    // اليوم [weekday]
    if w == "اليوم" {
        let prev = if i > 0 { a.tok(i - 1) } else { "" };
        if matches!(prev, "صحيفه" | "جريده" | "موقع" | "حتي" | "منذ") {
            return None;
        }
        let mut j = i + 1;
        let wd = weekday(nxt(j));
        if wd.is_some() {
            j += 1;
        }
        return Some((DateExpr::DaysAgo { days: 0, weekday: wd }, j));
    }
    // أول أمس / أول من أمس
    if w == "اول" && nxt(i + 1) == "امس" {
        let mut j = i + 2;
        let wd = weekday(nxt(j));
        if wd.is_some() {
            j += 1;
        }
        return Some((DateExpr::DaysAgo { days: 2, weekday: wd }, j));
    }
    if w == "اول" && nxt(i + 1) == "من" && nxt(i + 2) == "امس" {
        return Some((DateExpr::DaysAgo { days: 2, weekday: None }, i + 3));
    }
    if w == "امس" || w == "البارحه" {
        let mut j = i + 1;
        let wd = weekday(nxt(j));
        if wd.is_some() {
            j += 1;
        }
        if nxt(j) == "الاول" {
            return Some((DateExpr::DaysAgo { days: 2, weekday: wd }, j + 1));
        }
        return Some((DateExpr::DaysAgo { days: 1, weekday: wd }, j));
    }
    if w == "الليله" && is_past(nxt(i + 1)) {
        return Some((DateExpr::DaysAgo { days: 1, weekday: None }, i + 2));
    }
    // خلال الـ48 ساعة (الماضية), خلال الساعات الـ24 الماضية: the middle of the span
    if w == "خلال" {
        let mut j = i + 1;
        if nxt(j) == "ال" {
            j += 1;
        }
        let hours = if let Some(n) = small_number(a, j) {
            j += 1;
            if matches!(nxt(j), "ساعه" | "الساعه") {
                j += 1;
                Some(n)
            } else {
                None
            }
        } else if nxt(j) == "الساعات" {
            j += 1;
            if nxt(j) == "ال" {
                j += 1;
            }
            let n = small_number(a, j).unwrap_or(24);
            if small_number(a, j).is_some() {
                j += 1;
            }
            Some(n)
        } else {
            None
        };
        if let Some(h) = hours.filter(|h| *h <= 72) {
            if is_past(nxt(j)) {
                j += 1;
            }
            return Some((
                DateExpr::DaysAgo {
                    days: h / 48,
                    weekday: None,
                },
                j,
            ));
        }
    }
    // weekday [الماضي|المقبل]; "الجمعة/السبت" nights take the second day
    if let Some(day) = weekday(w) {
        let mut j = i + 1;
        let mut day = day;
        if matches!(nxt(j), "/" | "-" | "–" | "علي" | "و") && weekday(strip_light(nxt(j + 1))).is_some() {
            day = weekday(strip_light(nxt(j + 1)))?;
            j += 2;
        } else if let Some(d2) = weekday(strip_light(nxt(j))) {
            day = d2;
            j += 1;
        }
        let past = is_past(nxt(j));
        let next = is_next(nxt(j));
        if past || next {
            j += 1;
        }
        // "الجمعة 10 يونيو": the explicit date wins
        if let Some((e, k)) = day_month_at(a, j, end) {
            return Some((e, k));
        }
        return Some((DateExpr::Weekday { day, past, next }, j));
    }
    // قبل / منذ + N + unit
    if matches!(w, "قبل" | "منذ") {
        let j = i + 1;
        if let Some((u, n)) = unit_word(nxt(j)) {
            let n = n?;
            return Some((unit_expr(u, n), j + 1));
        }
        let q = crate::number::read_at(a, j, end)?;
        let n = q.exact()? as u32;
        let (u, _) = unit_word(nxt(q.tok_end))?;
        return Some((unit_expr(u, n), q.tok_end + 1));
    }
    // الأسبوع الماضي / الشهر الجاري / العام الماضي
    match (w, nxt(i + 1)) {
        ("الاسبوع", x) if is_past(x) => return Some((DateExpr::WeeksAgo(1), i + 2)),
        ("الاسبوع", x) if is_current(x) => return Some((DateExpr::ThisWeek, i + 2)),
        ("الشهر", x) if is_past(x) => return Some((DateExpr::MonthsAgo(1), i + 2)),
        ("الشهر", x) if is_current(x) => return Some((DateExpr::ThisMonth, i + 2)),
        ("العام" | "السنه", x) if is_past(x) => return Some((DateExpr::YearsAgo(1), i + 2)),
        ("هذا", "الاسبوع") => return Some((DateExpr::ThisWeek, i + 2)),
        ("هذا", "الشهر") => return Some((DateExpr::ThisMonth, i + 2)),
        ("عام" | "العام", _) => {
            if let Some((y, e)) = year_at(a, i + 1, end) {
                return Some((DateExpr::Year(y), e));
            }
        }
        _ => {}
    }
    // يوم 10 من الشهر الجاري
    if let Some(d) = small_number(a, i)
        && (1..=31).contains(&d)
        && nxt(i + 1) == "من"
        && nxt(i + 2) == "الشهر"
        && is_current(nxt(i + 3))
    {
        return Some((DateExpr::DayOfThisMonth(d), i + 4));
    }
    if let Some(r) = day_month_at(a, i, end) {
        return Some(r);
    }
    // a month alone: "في أبريل الماضي", "يونيو 2017"
    if let Some((m, j)) = month_at(a, i, end) {
        let (year, mut k) = trailing_year(a, j, end);
        let past = is_past(nxt(k));
        let next = is_next(nxt(k));
        if past || next || is_current(nxt(k)) {
            k += 1;
        }
        // آب (August) = اب (father): needs a year or a tense word
        if m == 8 && w == "اب" && year.is_none() && !past && !next {
            return None;
        }
        return Some((DateExpr::Month { month: m, year, next }, k));
    }
    None
}

/// "10 يونيو [2017]", "العاشر من يونيو", "10 حزيران/يونيو", "10/6/2017",
/// "2017-06-10".
fn day_month_at(a: &Analyzed, i: usize, end: usize) -> Option<(DateExpr, usize)> {
    if i >= end {
        return None;
    }
    let nxt = |k: usize| if k < end { a.tok(k) } else { "" };
    // numeric forms
    if let Some(x) = small_number(a, i)
        && matches!(nxt(i + 1), "/" | "-" | ".")
        && i + 2 < end
        && let Some(y) = small_number(a, i + 2)
    {
        // 2017-06-10
        if (1900..=2100).contains(&x)
            && matches!(nxt(i + 3), "-" | "/")
            && i + 4 < end
            && let Some(d) = small_number(a, i + 4)
        {
            return Some((
                DateExpr::DayMonth {
                    day: d,
                    month: y,
                    year: Some(x as i32),
                },
                i + 5,
            ));
        }
        // 10/6/2017 (day first, as Arabic papers write it)
        if (1..=31).contains(&x)
            && (1..=12).contains(&y)
            && matches!(nxt(i + 3), "/" | "-" | ".")
            && let Some((yr, e)) = year_at(a, i + 4, end)
        {
            return Some((
                DateExpr::DayMonth {
                    day: x,
                    month: y,
                    year: Some(yr),
                },
                e,
            ));
        }
    }
    let (day, j) = if let Some(d) = small_number(a, i) {
        (d, i + 1)
    } else {
        ordinal_day(a, i, end)?
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    let j = if nxt(j) == "من" { j + 1 } else { j };
    let (m, k) = month_at(a, j, end)?;
    let (year, mut k) = trailing_year(a, k, end);
    if is_past(nxt(k)) || is_current(nxt(k)) {
        k += 1;
    }
    Some((DateExpr::DayMonth { day, month: m, year }, k))
}

fn unit_expr(u: Unit, n: u32) -> DateExpr {
    match u {
        Unit::Day => DateExpr::DaysAgo { days: n, weekday: None },
        Unit::Week => DateExpr::WeeksAgo(n),
        Unit::Month => DateExpr::MonthsAgo(n),
        Unit::Year => DateExpr::YearsAgo(n),
    }
}

/// Every date expression in tokens `start..end`, left to right,
/// non-overlapping. A part-of-day word before a date (صباح اليوم, ليل
/// الجمعة) is included in the mention.
pub fn find_dates(a: &Analyzed, start: usize, end: usize) -> Vec<DateMention> {
    let end = end.min(a.tokens.len());
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if let Some((expr, e)) = core_at(a, i, end) {
            let mut s = i;
            while s > start && part_of_day(a.tok(s - 1)) && !out.iter().any(|m: &DateMention| m.tok_end > s - 1) {
                s -= 1;
            }
            out.push(DateMention {
                tok_start: s,
                tok_end: e,
                expr,
            });
            i = e.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn first(text: &str, published: &str) -> (String, &'static str, String) {
        let a = Analyzed::new(text);
        let m = find_dates(&a, 0, a.tokens.len());
        let m = m.first().unwrap_or_else(|| panic!("no date in {text}"));
        let (v, p) = m.expr.resolve(d(published)).unwrap();
        (v.to_string(), p.as_str(), a.surface(m.tok_start, m.tok_end).to_string())
    }

    #[test]
    fn relative_days() {
        // 2017-06-10 is a Saturday
        assert_eq!(
            first("سيطرت صباح اليوم السبت", "2017-06-10"),
            ("2017-06-10".into(), "day", "صباح اليوم السبت".into())
        );
        assert_eq!(first("خرج مساء أمس من الرقة", "2017-06-10").0, "2017-06-09");
        assert_eq!(first("وقع أول أمس", "2017-06-10").0, "2017-06-08");
        assert_eq!(first("أمس الجمعة", "2015-08-01").0, "2015-07-31");
        // the weekday wins over a print date a day late
        assert_eq!(first("أمس الجمعة", "2015-08-02").0, "2015-07-31");
        assert_eq!(first("فجر اليوم الجمعة", "2015-08-08").0, "2015-08-07");
        assert_eq!(first("خلال الـ 48 ساعة الماضية", "2015-08-06").0, "2015-08-05");
    }

    #[test]
    fn weekdays_and_nights() {
        assert_eq!(first("شنت ليل الجمعة/ السبت غارات", "2017-06-10").0, "2017-06-10");
        assert_eq!(first("يوم الخميس", "2017-06-10").0, "2017-06-08");
        assert_eq!(first("السبت الماضي", "2017-06-10").0, "2017-06-03");
        assert_eq!(first("الأحد المقبل", "2017-06-10").0, "2017-06-11");
    }

    #[test]
    fn weeks_months_years() {
        assert_eq!(
            first("قبل أسبوعين في الأردن", "2017-06-10"),
            ("2017-05-27".into(), "week", "قبل أسبوعين".into())
        );
        assert_eq!(
            first("في أبريل الماضي", "2017-06-10"),
            ("2017-04-01".into(), "month", "في أبريل الماضي".into())
        );
        assert_eq!(first("في نيسان", "2017-06-10").0, "2017-04-01");
        assert_eq!(first("في تشرين الأول", "2017-06-10").0, "2016-10-01");
        assert_eq!(first("الشهر الماضي", "2017-06-10").0, "2017-05-01");
        assert_eq!(first("قبل ثلاثة أيام", "2017-06-10").0, "2017-06-07");
        assert_eq!(
            first("عام 2014", "2017-06-10"),
            ("2014-01-01".into(), "year", "عام 2014".into())
        );
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(first("في 5 يونيو", "2017-06-10").0, "2017-06-05");
        assert_eq!(first("في الخامس من حزيران/يونيو", "2017-06-10").0, "2017-06-05");
        assert_eq!(first("10 ديسمبر", "2017-06-10").0, "2016-12-10");
        assert_eq!(first("بتاريخ 10/6/2017", "2017-07-01").0, "2017-06-10");
        assert_eq!(first("يوم 3 من الشهر الجاري", "2017-06-10").0, "2017-06-03");
        assert_eq!(first("الحادي عشر من أيلول 2001", "2017-06-10").0, "2001-09-11");
    }

    #[test]
    fn not_dates() {
        let a = Analyzed::new("قالت صحيفة اليوم إن الأب وصل");
        assert!(find_dates(&a, 0, a.tokens.len()).is_empty());
    }
}
