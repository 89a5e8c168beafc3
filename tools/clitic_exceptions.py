#!/usr/bin/env python3
"""Propose clitic exceptions from word frequencies of a corpus.

A word w that begins with letters that look like proclitics (و ب ل ف ك,
with or without the article) is an exception when w is frequent and the
stem that marsad_text::clitic::strip would leave is rare: وزير is common,
زير is not, so وزير is not و + زير. The stem's frequency counts it bare and
with the article (زير + الزير).

Usage:
    python3 tools/clitic_exceptions.py ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz \
        [--min-count 40] [--ratio 0.05] [--rare 20] > new.txt

Prints the new words (not yet in data/text/clitic_exceptions.txt), most
frequent first, with their counts as comments on stderr. Only facts about
word frequencies leave the corpus, never its text.
"""
import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

# The folding of marsad_text::fold_str for Arabic letters.
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه",
                      "ؤ": "و", "ئ": "ي", "ک": "ك", "ـ": None})
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")

# marsad_text::clitic::PREFIXES, longest first: (prefix, has article).
PREFIXES = [("وبال", True), ("وكال", True), ("فبال", True), ("فال", True), ("وال", True),
            ("بال", True), ("كال", True), ("ولل", True), ("فلل", True), ("لل", True),
            ("ال", True), ("وب", False), ("ول", False), ("وك", False), ("فب", False),
            ("فل", False), ("وس", False), ("و", False), ("ف", False), ("ب", False),
            ("ل", False), ("ك", False)]


def strip(w):
    """marsad_text::clitic::strip without the exceptions list."""
    for p, article in PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= (2 if article else 3):
            return p, w[len(p):]
    return "", w


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="JSON Lines (.gz) with title and text")
    ap.add_argument("--min-count", type=int, default=40, help="least count of the word")
    ap.add_argument("--ratio", type=float, default=0.05,
                    help="the stem's count (bare + with article) must be at most ratio x the word's")
    ap.add_argument("--rare", type=int, default=20,
                    help="and at most this many (وأضاف is و + أضاف even if أضاف alone is rarer)")
    ap.add_argument("--existing", default=str(Path(__file__).resolve().parent.parent / "data/text/clitic_exceptions.txt"))
    a = ap.parse_args()
    opener = gzip.open if a.corpus.endswith(".gz") else open
    counts = collections.Counter()
    with opener(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            try:
                o = json.loads(line)
            except json.JSONDecodeError:
                continue
            t = DIACRITICS.sub("", (o.get("title") or "") + " " + (o.get("text") or "")).translate(FOLD)
            counts.update(WORD.findall(t))
    existing = {l.strip() for l in open(a.existing, encoding="utf-8") if l.strip() and not l.startswith("#")}
    out = []
    for w, n in counts.items():
        if n < a.min_count or w in existing:
            continue
        p, stem = strip(w)
        if not p or dict(PREFIXES)[p]:
            continue  # with the article (بالإنابة, والقروية) the split is almost always right
        stem_n = counts[stem] + counts["ال" + stem]
        if stem_n > min(a.rare, a.ratio * n):
            continue
        # A shorter proclitic that leaves a common word is the right reading
        # (وبناء is و + بناء, not وب + ناء): leave it to that word.
        if any(w.startswith(q) and len(q) < len(p) and counts[w[len(q):]] >= a.ratio * n
               for q, article in PREFIXES if not article):
            continue
        out.append((n, w, stem, stem_n))
    out.sort(key=lambda x: (-x[0], x[1]))
    for n, w, stem, stem_n in out:
        print(w)
        print(f"# {w}\t{n}\t{stem}\t{stem_n}", file=sys.stderr)


if __name__ == "__main__":
    main()
