//! Hostile input: random mixes of Arabic letters, marks, digits in every
//! script, punctuation, bidi controls, emoji and line breaks must never
//! panic, and every span reported must point into the text.

use marsad_extract::Extractor;
use marsad_ingest::Article;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "قتل",
    "مقتل",
    "غارات",
    "على",
    "في",
    "مدينة",
    "الرقة",
    "حي",
    "أمس",
    "اليوم",
    "الجمعة",
    "10",
    "١٠",
    "عشرات",
    "أكثر من",
    "د.ب.أ",
    "د. ب. أ",
    "لل",
    "وال",
    "بال",
    "ـــ",
    "\u{064E}",
    "\u{0651}",
    "\u{200F}",
    "\u{202B}",
    "\u{FEFF}",
    "\u{FEFB}",
    "«",
    "»",
    "\"",
    "(",
    ")",
    "،",
    "؛",
    "؟",
    ".",
    "..",
    "…",
    "-",
    "/",
    ":",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "😀",
    "𝔸",
    "a",
    "Z",
    "3.5",
    "1,200",
    "2015",
    "٢٠١٧",
    "۱۲",
    "قوات",
    "سوريا",
    "الديمقراطية",
    "داعش",
    "سيطرت",
    "انفجار",
    "عبوة",
    "ناسفة",
    "اعتقال",
    "تظاهر",
    "اتفاق",
    "نفى",
    "أنباء",
    "عن",
    "الي",
    "ى",
    "ة",
    "ء",
    "آ",
    "\u{0654}",
    "ا",
    "ل",
    "و",
    "ب",
];

#[test]
fn random_text_never_panics_and_spans_hold() {
    let ex = Extractor::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..1500 {
        let n = (rng.next() % 120) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(rng.pick(PIECES));
        }
        let title: String = (0..(rng.next() % 8)).map(|_| rng.pick(PIECES)).collect();
        let a = Article::from_text(&title, &text, chrono::NaiveDate::from_ymd_opt(2017, 6, 10));
        let r = ex.extract(&a);
        let chars: Vec<char> = text.chars().collect();
        for e in &r.entities {
            assert!(e.start <= e.end && e.end <= chars.len(), "{e:?} in {text:?}");
            assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        }
        for p in &r.places {
            assert!(p.end <= chars.len());
        }
        for ev in &r.events {
            if let Some(i) = ev.location.as_ref().and_then(|l| l.place) {
                assert!(i < r.places.len());
            }
            assert!(ev.trigger.end <= chars.len());
        }
    }
}

#[test]
fn huge_and_degenerate_inputs() {
    let ex = Extractor::new();
    for text in [
        String::new(),
        " ".repeat(10_000),
        "ـ".repeat(5_000),
        "قتل ".repeat(20_000),
        "\u{200F}".repeat(1000),
    ] {
        let a = Article::from_text("", &text, None);
        let _ = ex.extract(&a);
    }
}
