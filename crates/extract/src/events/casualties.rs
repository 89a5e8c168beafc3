//! Casualty counts: who was killed or wounded, and how many.
//!
//! A count is read next to a casualty word (KILL or WOUND trigger):
//! a number after it (مقتل 17, قتل أكثر من 10 مسلحين, سقوط عشرات القتلى),
//! a number before it (17 قتيلا, عشرات القتلى), or a counted noun phrase
//! (أحد أفرادها = 1, جندي = 1, جنديين = 2, رجل وزوجته = 2). A KILL and a
//! WOUND word joined by و before one count ("قتل وأصيب سبعة", "عشرات
//! القتلى والجرحى", "10 بين قتيل وجريح") give `killed_or_wounded`. Counts
//! after بينهم / منهم (a subset) and counts of things (30 رأسا من الأغنام,
//! تسعة صواريخ) are not casualties.

use super::lexicon::{Cue, CueHit, Frame, PeopleWords, TriggerHit};
use marsad_record::{Fatalities, Range};
use marsad_text::Analyzed;
use marsad_text::number::{Quantity, read_at};

fn strip_article(w: &str) -> &str {
    w.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(w)
}

/// A counted person phrase at `i`: "أحد أفرادها" (1), "جندي" (1),
/// "جنديين" (2), "رجل وزوجته" (2). Returns (count, end).
fn person_phrase(a: &Analyzed, i: usize, end: usize) -> Option<(u64, usize)> {
    if i >= end {
        return None;
    }
    let w = a.tok(i);
    if matches!(w, "احد" | "احدي") && i + 1 < end {
        return Some((1, i + 2));
    }
    let mut n;
    let mut j = i + 1;
    let base = strip_article(w);
    let people = PeopleWords::embedded();
    if people.dual(base) && !w.starts_with("ال") {
        n = 2;
    } else if people.person(base) && !w.starts_with("ال") {
        n = 1;
    } else if !w.starts_with("ال") && base.strip_suffix("ان").is_some_and(|x| people.person(x)) {
        // the nominative dual of a person word: "مدنيان", "شرطيان"
        n = 2;
    } else if !w.starts_with("ال") && (base.ends_with("يتين") || base.ends_with("يتان")) && base.chars().count() >= 6
    {
        // a feminine dual nisba is two women: "مقتل إسرائيليتين"
        n = 2;
    } else {
        return None;
    }
    // "نقيب شرطة ومجند": a genitive noun may follow before the next person
    if j < end
        && !a.tok(j).starts_with('و')
        && a.tokens[j].kind == marsad_text::TokenKind::Word
        && j + 1 < end
        && a.tok(j + 1).strip_prefix('و').is_some_and(|r| people.person(r))
    {
        j += 1;
    }
    // "رجل وزوجته", "جندي وطفل"
    while j < end {
        let x = a.tok(j);
        let Some(rest) = x.strip_prefix('و') else { break };
        if people.person(rest) {
            n += 1;
            j += 1;
        } else if people.dual(rest) {
            // "فتاة وطفلين"
            n += 2;
            j += 1;
        } else {
            break;
        }
    }
    Some((n, j))
}

/// A count whose expression ends right before `i` ("17 قتيلا", "عشرات
/// القتلى"), or a count of a group named before a verb ("18 من مسلحي
/// جماعة الحوثي قتلوا").
fn count_before(a: &Analyzed, i: usize, start: usize) -> Option<Quantity> {
    (start..i)
        .rev()
        .take(5)
        .find_map(|s| read_at(a, s, i).filter(|q| q.tok_end == i))
        // the longest reading: "وأكثر من 400 جريح", not "400 جريح"
        .map(|q| {
            (start.max(q.tok_start.saturating_sub(3))..q.tok_start)
                .find_map(|s| read_at(a, s, i).filter(|x| x.tok_end == i))
                .unwrap_or(q)
        })
        .or_else(|| {
            // a few words may name the group between count and verb
            (start..i).rev().take(8).find_map(|s| {
                read_at(a, s, i).filter(|q| {
                    q.tok_end < i
                        && i - q.tok_end <= 5
                        && marsad_text::date::month_at(a, q.tok_end, i).is_none()
                        && (q.tok_end..i).all(|k| {
                            a.tokens[k].kind == marsad_text::TokenKind::Word
                                && !matches!(
                                    a.tok(k),
                                    "في" | "الي"
                                        | "ان"
                                        | "عن"
                                        | "بعد"
                                        | "قبل"
                                        | "خلال"
                                        | "منذ"
                                        | "بين"
                                        | "لكن"
                                        | "حيث"
                                        | "الذي"
                                        | "التي"
                                )
                        })
                })
            })
        })
}

/// Is normalised `w` (article stripped or not) a word for one or more
/// people ("شابا", "مواطنين", "صحفي", "طلاب")?
pub fn is_person_word(w: &str) -> bool {
    let p = PeopleWords::embedded();
    listed(w, |x| p.person(x) || p.dual(x) || p.plural(x) || p.civilian(x))
}

/// Is normalised `w` (article or accusative ending or not) a word for
/// civilians ("مواطن", "المدنيين", "طفلا")?
pub fn is_civilian_word(w: &str) -> bool {
    listed(w, |x| PeopleWords::embedded().civilian(x))
}

/// Is `w`, without its article and accusative ending or not, a word `has`
/// knows?
fn listed(w: &str, has: impl Fn(&str) -> bool) -> bool {
    let w = strip_article(w);
    has(w) || has(w.strip_suffix('ا').unwrap_or(w))
}

/// Is normalised `w` a word for fighters ("مسلحين", "عنصرا", "الإرهابيين")?
pub fn is_combatant_word(w: &str) -> bool {
    listed(w, |x| PeopleWords::embedded().combatant(x))
}

/// Are the people counted after a casualty word in `s..e` civilians
/// ("مقتل طفل فلسطيني", "قتل 5 مدنيين")?
pub fn civilian_victims(a: &Analyzed, triggers: &[TriggerHit], s: usize, e: usize) -> bool {
    victims_near(a, triggers, s, e, is_civilian_word)
}

/// Are the people counted next to a casualty word in `s..e` fighters
/// ("مقتل ثلاثة جنود", "ثمانية حوثيين قتلوا")?
pub fn combatant_victims(a: &Analyzed, triggers: &[TriggerHit], s: usize, e: usize) -> bool {
    victims_near(a, triggers, s, e, is_combatant_word)
}

/// Is a word of `kind` among the six words after a casualty word in
/// `s..e`, or counted right before it ("ثمانية مدنيين قتلوا", not "الشاب
/// الذي قتل")?
fn victims_near(a: &Analyzed, triggers: &[TriggerHit], s: usize, e: usize, kind: fn(&str) -> bool) -> bool {
    triggers
        .iter()
        .filter(|t| t.tok_start >= s && t.tok_end <= e && t.frame.is_casualty())
        .any(|t| {
            (t.tok_end..(t.tok_end + 6).min(e)).any(|k| kind(a.tok(k)))
                || (t.tok_start.saturating_sub(2).max(s + 1)..t.tok_start)
                    .any(|k| kind(a.tok(k)) && read_at(a, k - 1, k).is_some())
        })
}

/// The most words a doer named after its killing verb may take before
/// the victims are counted.
pub const DOER_MAX: usize = 10;

/// The victims of an active killing verb counted past a long doer: "قتل
/// مسلحون يشتبه في انتمائهم لجماعة بوكو حرام 43 مزارعا". The first number
/// within `max` words of `from`, if a word for people follows it; none past
/// punctuation or another trigger.
pub fn victims_past_doer(
    a: &Analyzed,
    triggers: &[TriggerHit],
    from: usize,
    end: usize,
    max: usize,
) -> Option<Quantity> {
    for k in from..(from + max).min(end) {
        // a time span between ("قتل منذ سيطرته على الموصل … 2070 شخصا")
        // makes a running total, not one event's toll
        let span = matches!(
            a.tok(k),
            "منذ" | "خلال" | "حتي" | "وحتي" | "طوال" | "علي" | "عن" | "مع" | "بعد" | "قبل"
        );
        if span || a.tokens[k].kind == marsad_text::TokenKind::Punct || triggers.iter().any(|u| u.tok_start == k) {
            return None;
        }
        if let Some(x) = read_at(a, k, end) {
            return (x.tok_end < end && is_person_word(a.tok(x.tok_end))).then_some(x);
        }
    }
    None
}

/// People named right before a casualty verb: "إن متظاهرا قتل" (one),
/// "إن جنديين قتلا" (two).
fn person_before(a: &Analyzed, t: &TriggerHit, start: usize) -> Option<u64> {
    if t.tok_start <= start || t.prefix_len > 0 {
        return None;
    }
    let w = a.tok(t.tok_start - 1);
    if w.starts_with("ال") {
        return None;
    }
    let bare = w.strip_suffix('ا').unwrap_or(w);
    let people = PeopleWords::embedded();
    if people.dual(w) {
        Some(2)
    } else if people.person(bare) {
        Some(1)
    } else {
        None
    }
}

/// Is the one-word casualty trigger `t` a dual noun ("قتيلين", "وشهيدان",
/// "جريحين")?
fn dual_noun(a: &Analyzed, t: &TriggerHit) -> bool {
    if t.tok_end != t.tok_start + 1 {
        return false;
    }
    let w = a.tok(t.tok_start);
    let people = PeopleWords::embedded();
    let bare = w
        .strip_prefix(['و', 'ف', 'ب'])
        .filter(|r| r.chars().count() >= 4)
        .unwrap_or(w);
    people.dual(strip_article(w)) || people.dual(strip_article(bare))
}

fn range(q: &Quantity) -> Range {
    Range { min: q.min, max: q.max }
}

/// Is the token at `i` the start of a subset phrase (بينهم, منهم)?
fn subset_at(a: &Analyzed, i: usize) -> bool {
    matches!(a.tok(i), "بينهم" | "منهم" | "بينها" | "منها" | "بينهما")
}

fn add(slot: &mut Option<Range>, r: Range) {
    match slot {
        None => *slot = Some(r),
        Some(s) => {
            s.min = match (s.min, r.min) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            };
            s.max = match (s.max, r.max) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
    }
}

/// Add the counts of another group of the same event ("قتل 24 من الحوثيين
/// … بينما قتل 2 من المقاومة").
pub fn sum_into(slot: &mut Option<Fatalities>, f: &Fatalities) {
    let s = slot.get_or_insert_with(Fatalities::default);
    if let Some(r) = f.killed {
        add(&mut s.killed, r);
    }
    if let Some(r) = f.wounded {
        add(&mut s.wounded, r);
    }
    if let Some(r) = f.killed_or_wounded {
        add(&mut s.killed_or_wounded, r);
    }
}

/// Read the casualties reported by the casualty triggers among `triggers`
/// within tokens `start..end` of `a`. Counts of several groups killed in
/// one clause add up ("مقتل 5 جنود و10 مسلحين"). Returns None when nothing
/// was counted.
pub fn read(a: &Analyzed, triggers: &[TriggerHit], cues: &[CueHit], start: usize, end: usize) -> Option<Fatalities> {
    let mut f = Fatalities::default();
    let mut used: Vec<(usize, usize)> = Vec::new();
    let nonhuman = |k: usize| cues.iter().any(|c| c.tok_start == k && c.cue == Cue::NonHuman);
    let cas: Vec<&TriggerHit> = triggers
        .iter()
        .filter(|t| {
            t.tok_start >= start
                && t.tok_end <= end
                && (t.frame.is_casualty() || matches!(t.frame, Frame::Execution | Frame::Assassination))
        })
        .collect();
    // "لقي 24 عنصرا … مصرعهم": the count sits at لقي; its مصرعهم is not a
    // second casualty word
    let lqy = |t: &TriggerHit| matches!(a.tok(t.tok_start), "لقي" | "لقيت" | "لقوا" | "ولقي" | "ولقيت" | "ولقوا");
    let cas: Vec<&TriggerHit> = cas
        .iter()
        .copied()
        .filter(|t| {
            let w = a.tok(t.tok_start);
            let tail = ["مصرع", "حتف"].iter().any(|p| w.starts_with(p));
            !(tail
                && cas
                    .iter()
                    .any(|u| lqy(u) && u.tok_start < t.tok_start && t.tok_start - u.tok_start <= 14))
        })
        .collect();
    let mut k = 0;
    while k < cas.len() {
        let t = cas[k];
        // negated: "دون تسجيل إصابات", "لم يسفر عن قتلى"
        if t.tok_start > start && matches!(a.tok(t.tok_start - 1), "دون" | "بدون" | "عدم" | "لا" | "لم" | "اي")
        {
            k += 1;
            continue;
        }
        // KILL و WOUND joined share one count: "قتل وأصيب سبعة" (count after
        // both), "عشرات القتلى والجرحى" (count before both); with a count on
        // each side ("24 قتلوا وأصيب 55") each word has its own
        let next_joined = cas.get(k + 1).is_some_and(|u| {
            u.frame.is_casualty()
                && u.frame != t.frame
                && u.tok_start == t.tok_end
                && a.tok(u.tok_start).starts_with('و')
        });
        let joined = next_joined && {
            let u = cas[k + 1];
            let before = count_before(a, t.tok_start, start).is_some() || person_before(a, t, start).is_some();
            let after = u.tok_end < end && read_at(a, u.tok_end, end).is_some();
            !(before && after)
        };
        // "سقوط شهيدين وجريحين": each dual noun counts its own two
        let joined = joined && !dual_noun(a, t) && !dual_noun(a, cas[k + 1]);
        let (first, last) = if joined { (t, cas[k + 1]) } else { (t, t) };
        let kind_kill = matches!(t.frame, Frame::Kill | Frame::Execution | Frame::Assassination);
        // a count after the trigger(s), or after "سقوط"/"عن"
        let mut q: Option<(Range, usize, usize)> = None;
        let mut after = last.reach;
        // an active killing verb names its doer before its victims: "قتل
        // مسلحون مجهولون ثلاثة جنود" (the count is at most three words on)
        // an execution verb (أعدم, not the noun إعدام) names its doer first too
        let executes = t.frame == Frame::Execution && !a.tok(t.tok_start).contains("اعدام");
        let slay = t.gapped()
            || executes
            || cues
                .iter()
                .any(|c| c.cue == Cue::Slay && c.tok_start <= t.tok_start && c.tok_end >= t.tok_end);
        // "خمسة مدنيين قتلوا": with its count before it, the verb is not active
        let counted_before = count_before(a, first.tok_start, start).is_some();
        if slay && !counted_before && after < end && read_at(a, after, end).is_none() {
            // up to three words of the doer are stepped over; a month named
            // between doer and victims ("أعدم تنظيم داعش في أبريل الماضي 25
            // شخصا") is stepped over too
            let mut k = after;
            let mut skipped = 0;
            while k + 1 < end && skipped < 3 {
                if a.tok(k) == "في"
                    && let Some((_, me)) = marsad_text::date::month_at(a, k + 1, end)
                {
                    let me = if me < end && matches!(a.tok(me), "الماضي" | "الجاري" | "المنصرم") {
                        me + 1
                    } else {
                        me
                    };
                    if me < end && read_at(a, me, end).is_some() {
                        after = me;
                        break;
                    }
                    k = me;
                    continue;
                }
                let w = a.tok(k);
                if a.tokens[k].kind == marsad_text::TokenKind::Punct
                    || matches!(
                        w,
                        "في" | "من" | "علي" | "الي" | "عن" | "مع" | "خلال" | "منذ" | "بعد" | "قبل"
                    )
                    || triggers.iter().any(|u| u.tok_start == k)
                {
                    break;
                }
                skipped += 1;
                // "الأيام الثلاثة": a definite number agrees with its noun
                if read_at(a, k + 1, end).is_some() && !a.tok(k + 1).starts_with("ال") {
                    after = k + 1;
                    break;
                }
                k += 1;
            }
            if after == last.reach
                && let Some(x) = victims_past_doer(a, triggers, after + 1, end, DOER_MAX)
            {
                after = x.tok_start;
            }
        }
        // "210 شهداء وأكثر من 400 جريح": a count after و with a count
        // before the word belongs to the next word
        let next_own = after < end && a.tok(after).starts_with('و') && counted_before;
        if after < end && !subset_at(a, after) && !next_own {
            if let Some(x) = read_at(a, after, end) {
                // "في 15 يوليو": a day of a month is not a count
                let dated = x.tok_end < end && marsad_text::date::month_at(a, x.tok_end, end).is_some();
                if !nonhuman(x.tok_end) && !dated {
                    q = Some((range(&x), x.tok_start, x.tok_end));
                }
            } else if let Some((n, e)) = person_phrase(a, after, end) {
                q = Some((
                    Range {
                        min: Some(n),
                        max: Some(n),
                    },
                    after,
                    e,
                ));
            }
        }
        if q.is_none()
            && let Some(mut x) = count_before(a, first.tok_start, start)
        {
            // "خمسة مدنيين بينهم ثلاثة أطفال قتلوا": the count before the
            // subset is the toll
            if x.tok_start > start + 1
                && subset_at(a, x.tok_start - 1)
                && let Some(y) = count_before(a, x.tok_start - 1, start)
            {
                x = y;
            }
            if !(x.tok_start > start && subset_at(a, x.tok_start - 1)) {
                q = Some((range(&x), x.tok_start, x.tok_end));
            }
        }
        if q.is_none()
            && let Some(n) = person_before(a, first, start)
        {
            let p = first.tok_start - 1;
            q = Some((
                Range {
                    min: Some(n),
                    max: Some(n),
                },
                p,
                p + 1,
            ));
        }
        // "سقوط قتيلين": the dual noun is its own count
        if q.is_none() && dual_noun(a, t) {
            q = Some((
                Range {
                    min: Some(2),
                    max: Some(2),
                },
                t.tok_start,
                t.tok_end,
            ));
        }
        // "10 بين قتيل وجريح"
        let between = first.tok_start > start
            && a.tok(first.tok_start - 1) == "بين"
            && cas
                .get(k + 1)
                .is_some_and(|u| u.frame.is_casualty() && u.frame != t.frame);
        if between && let Some(x) = count_before(a, first.tok_start - 1, start) {
            q = Some((range(&x), x.tok_start, x.tok_end));
        }
        if let Some((r, s, e)) = q
            && !used.iter().any(|&(us, ue)| s < ue && us < e)
        {
            used.push((s, e));
            if joined || between {
                add(&mut f.killed_or_wounded, r);
            } else if kind_kill {
                add(&mut f.killed, r);
            } else {
                add(&mut f.wounded, r);
            }
        }
        k += if joined || between { 2 } else { 1 };
    }
    (f.killed.is_some() || f.wounded.is_some() || f.killed_or_wounded.is_some()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{CueLexicon, TriggerLexicon};
    use super::*;
    use marsad_lexicon::MatchText;

    fn fat(text: &str) -> Option<(Option<u64>, Option<u64>, Option<u64>)> {
        let a = Analyzed::new(text);
        let mt = MatchText::new(&a);
        let t = TriggerLexicon::embedded().find(&a, &mt);
        let c = CueLexicon::embedded().find(&mt);
        read(&a, &t, &c, 0, a.tokens.len()).map(|f| {
            (
                f.killed.and_then(|r| r.min),
                f.wounded.and_then(|r| r.min),
                f.killed_or_wounded.and_then(|r| r.min),
            )
        })
    }

    #[test]
    fn counts_around_casualty_words() {
        assert_eq!(
            fat("وأشار إلى مقتل أكثر من 10 مسلحين من داعش، بينما قتل وأصيب سبعة من القوات"),
            Some((Some(11), None, Some(7)))
        );
        assert_eq!(
            fat("أسفرت عن مصرع 77 متمردا، بينهم 30 من القادة"),
            Some((Some(77), None, None))
        );
        assert_eq!(
            fat("سقط عشرات القتلى والجرحى من الحوثيين"),
            Some((None, None, Some(20)))
        );
        assert_eq!(
            fat("ما أدى إلى مقتل 12 متمردا وإصابة ثمانية آخرين بجروح"),
            Some((Some(12), Some(8), None))
        );
        assert_eq!(fat("استشهاد أحد أفرادها وإصابة زميله"), Some((Some(1), Some(1), None)));
        assert_eq!(fat("إصابة رجل وزوجته بانفجار قنبلة"), Some((None, Some(2), None)));
        assert_eq!(fat("أعدم 11 شابًا"), Some((Some(11), None, None)));
        assert_eq!(fat("قتل 3 وجرح 5"), Some((Some(3), Some(5), None)));
        assert_eq!(fat("سقط 10 بين قتيل وجريح"), Some((None, None, Some(10))));
        // a count before a verb is not the doer's victims after it
        assert_eq!(
            fat("إن خمسة مدنيين قتلوا وأصيب 12 آخرون"),
            Some((Some(5), Some(12), None))
        );
        assert_eq!(
            fat("قالت اللجنة إن متظاهرا قتل برصاص قوات الأمن"),
            Some((Some(1), None, None))
        );
        assert_eq!(fat("ما أدى إلى مقتل إسرائيليتين"), Some((Some(2), None, None)));
        assert_eq!(
            fat("قال الجيش إن جنديين قتلا وأصيب أربعة آخرون"),
            Some((Some(2), Some(4), None))
        );
        assert_eq!(
            fat("أعدم التنظيم في أبريل الماضي 25 شخصا"),
            Some((Some(25), None, None))
        );
        // the victims of a verb whose subject stands between it and its particle
        assert_eq!(
            fat("قضت مفرزة للجيش، أمس السبت، على إرهابيين اثنين"),
            Some((Some(2), None, None))
        );
    }

    #[test]
    fn things_and_negations_are_not_casualties() {
        assert_eq!(fat("دون تسجيل أي إصابات بشرية"), None);
        assert_eq!(fat("سقطت تسعة صواريخ على الجبهة"), None);
    }
}
