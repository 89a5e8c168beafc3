#!/usr/bin/env python3
"""Build data/ner/names.tsv: the name lists behind the NER model's
name-membership features (name<TAB>CATEGORY, categories as in
marsad_ner::features::NAME_CATEGORIES).

A snapshot, so that the shipped model and its features stay consistent
when the project's lexicons grow (retrain after rebuilding it).

Sources (facts only, no text):
  * the project's own lexicons and gazetteer (data/lexicon, data/gazetteer);
  * data/ner/cue_words.tsv (curated by the marsad developers);
  * ../shared/data/geonames/places.jsonl.gz: Arabic names of places (CC BY 4.0);
  * ../shared/data/ner-extra: entity names annotated in the Wojood sample
    (MIT) and AQMAR (CC BY-SA 3.0): lists of names, not text.

Usage: python3 tools/build_ner_names.py [SHARED_DIR]   (run from the repo root)
"""
import gzip
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def fold(s):
    s = DIAC.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return " ".join(s.split())


def lines(p):
    for l in Path(p).read_text(encoding="utf-8").splitlines():
        if l.strip() and not l.startswith("#"):
            yield l


stop = {fold(l.strip()) for l in lines(ROOT / "data/lexicon/stopwords.txt")}
ambiguous = {fold(l.strip()) for l in lines(ROOT / "data/gazetteer/ambiguous.txt")}
out = set()


def add(name, cat, strict=False):
    name = name.strip().strip('"«»')
    f = fold(name)
    if not f or not re.search("[\u0621-\u064a]", f):
        return
    if f in stop:
        return
    if strict and (f in ambiguous or (" " not in f and len(f) < 3)):
        return
    out.add((name, cat))


# project gazetteer and countries
for l in lines(ROOT / "data/gazetteer/core.tsv"):
    c = l.split("\t")
    if c[0] == "id":
        continue
    for n in [c[1]] + (c[9].split("|") if len(c) > 9 else []):
        add(n, "LOC", strict=True)
for l in lines(ROOT / "data/gazetteer/country_names.tsv"):
    c = l.split("\t")
    if c[0] == "country":
        continue
    for n in [c[1]] + (c[2].split("|") if len(c) > 2 else []):
        add(n, "LOC", strict=True)
# actors
for l in lines(ROOT / "data/lexicon/actors.tsv"):
    c = l.split("\t")
    if c[0] == "id" or len(c) < 6:
        continue
    cat = {"PER": "PER", "LOC": "LOC", "MISC": "MISC"}.get(c[1], "ORG")
    for n in [c[5]] + (c[6].split("|") if len(c) > 6 else []):
        add(n, cat)
for l in lines(ROOT / "data/lexicon/given_names.txt"):
    add(l, "GIVEN")
for l in lines(ROOT / "data/lexicon/person_cues.tsv"):
    c = l.split("\t")
    if len(c) > 1 and c[1].strip() == "title":
        add(c[0], "TITLE")
for l in lines(ROOT / "data/lexicon/demonyms.tsv"):
    c = l.split("\t")
    if c[0] == "country" or len(c) < 2:
        continue
    for base in c[1].split("|"):
        base = base.strip()
        for stem in (base, "ال" + base):
            for suf in ["", "ة", "ين", "ون", "ات", "تان", "تين", "ان"]:
                add(stem + suf, "DEMONYM")
for l in lines(ROOT / "data/ner/cue_words.tsv"):
    c = l.split("\t")
    if len(c) > 1:
        add(c[0], c[1].strip())

# shared sources, when present
geo = SHARED / "data/geonames/places.jsonl.gz"
if geo.exists():
    with gzip.open(geo, "rt", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            for n in p.get("alternatenames") or []:
                if re.search("[\u0621-\u064a]", n):
                    add(n, "LOC", strict=True)

# administrative areas (not villages: too many are ordinary words)
for fn in ["whosonfirst.tsv.gz", "yemen_regions_py.tsv.gz", "opensyria_admin.tsv.gz"]:
    p = SHARED / "data/gazetteer" / fn
    if not p.exists():
        continue
    with gzip.open(p, "rt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 7 or c[0] == "name_ar":
                continue
            if c[4] in ("governorate", "district", "subdistrict", "country", "region"):
                add(c[0], "LOC", strict=True)
            if c[6]:
                add(c[6], "LOC", strict=True)

# persons in UniversalPetrarch's actor dictionary (MIT): multi-word entries
# whose first word is a known given name
up = SHARED / "data/universalpetrarch/actor_dict_ar_v4.txt"
if up.exists():
    given = {fold(n) for n, c in out if c == "GIVEN"}
    for line in up.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " \t#[":
            continue
        name = line.split("[")[0].strip().strip("_").replace("_", " ").strip()
        parts = name.split()
        if 2 <= len(parts) <= 4 and fold(parts[0]) in given:
            add(name, "PER")

# Personal names from Wikidata (CC0) as indexed by the PyPI package
# arabic-name-romanizer 0.2.0 (MIT): `pip download --no-deps
# arabic-name-romanizer==0.2.0` and unzip it; give the path of its
# resources/names.sqlite3 in ANR_NAMES (skipped when unset).
anr = os.environ.get("ANR_NAMES")
if anr and Path(anr).exists():
    import sqlite3
    db = sqlite3.connect(anr)
    for key, role, n in db.execute(
            "select arabic_key, role, sum(count) from units group by arabic_key, role"):
        if n >= 2 and role == "given":
            add(key, "GIVEN", strict=True)
        elif n >= 2 and role == "surname":
            add(key, "SURNAME", strict=True)
    for key, n in db.execute(
            "select arabic_key, sum(count) from full_names where source = 'wikidata' group by arabic_key"):
        if len(key.split()) >= 2:
            add(key, "PER")

# Context statistics from SaudiNewsNet (CC BY-NC-SA 4.0; derived statistics,
# no text): words that news often writes right after a person title (CTXPER),
# an organisation cue (CTXORG: حزب X, شركة X) or a place cue (CTXLOC: مدينة X).
# Category 1: at least a quarter of the word's occurrences, 2: at least 5%.
snn = SHARED / "data/saudinewsnet/saudinewsnet.jsonl.gz"
if snn.exists():
    import collections
    cues = {"CTXPER": set(), "CTXORG": set(), "CTXLOC": set(), "CTXSUR": set(),
            "CTXIN": {"في", "الي", "من", "نحو", "داخل"},
            "CTXSAY": {"قال", "اكد", "اضاف", "اعلن", "صرح", "اوضح", "ذكر", "اشار", "قالت", "اكدت", "اعلنت", "اضافت"}}
    for n, c in list(out):
        f = fold(n)
        if " " in f:
            continue
        key = {"TITLE": "CTXPER", "ORGCUE": "CTXORG", "LOCCUE": "CTXLOC", "GIVEN": "CTXSUR"}.get(c)
        if key:
            cues[key].add(f)
    total = collections.Counter()
    after = {k: collections.Counter() for k in cues}
    punct = re.compile(r"^[^\w]+|[^\w]+$")

    def bare(w):
        for p in ("و", "ف", "ب", "ل", "وب", "ول"):
            if w.startswith(p) and len(w) - len(p) >= 3 and w[len(p):] not in stop:
                yield w[len(p):]
        yield w

    with gzip.open(snn, "rt", encoding="utf-8") as f:
        for line in f:
            words = [punct.sub("", fold(w)) for w in json.loads(line).get("text", "").split()]
            prev = ""
            for w in words:
                if not w:
                    prev = ""
                    continue
                total[w] += 1
                for k, cs in cues.items():
                    if prev and any(b in cs for b in bare(prev)):
                        after[k][w] += 1
                prev = w
    for k, cnt in after.items():
        for w, c in cnt.items():
            if c < 3 or w in stop:
                continue
            r = c / total[w]
            if r >= 0.25:
                out.add((w, k + "1"))
            elif r >= 0.05:
                out.add((w, k + "2"))


def conll_spans(path, mapping):
    toks, layers = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.split()
            if not c:
                yield from _spans(toks, layers, mapping)
                toks, layers = [], []
                continue
            toks.append(c[0])
            layers.append(c[1:])
    yield from _spans(toks, layers, mapping)


def _spans(toks, layers, mapping):
    depth = max((len(l) for l in layers), default=0)
    for d in range(depth):
        cur = None
        for i, l in enumerate(layers + [["O"] * depth]):
            t = l[d] if d < len(l) else "O"
            if cur and not (t.startswith("I-") and t[2:] == cur[1]):
                cat = mapping.get(cur[1])
                if cat:
                    yield " ".join(toks[cur[0]:i]), cat
                cur = None
            if t.startswith("B-") or (t.startswith("I-") and cur is None):
                cur = (i, t[2:])


extra = SHARED / "data/ner-extra"
wmap = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
for fn, mapping in [("wojood-sample-train.txt", wmap), ("wojood-sample-val.txt", wmap),
                    ("aqmar.txt", {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"})]:
    p = extra / fn
    if not p.exists():
        continue
    for name, cat in conll_spans(p, mapping):
        if len(name.split()) <= 6:
            # a clitic-bearing first token (وبغداد) is kept as written: the
            # matcher only strips clitics from the text side
            add(name, cat, strict=(cat == "LOC"))
            if cat == "PER" and len(name.split()) >= 2:
                add(name.split()[0], "GIVEN", strict=True)

header = """# Name lists for the NER model's membership features: name<TAB>category.
# Built by tools/build_ner_names.py from the project's lexicons and gazetteer,
# data/ner/cue_words.tsv, GeoNames (CC BY 4.0) Arabic place names, and entity
# names annotated in the Wojood sample (Jarrar et al. 2022, MIT) and AQMAR
# (Mohit et al. 2012, CC BY-SA 3.0), administrative areas from the shared
# gazetteer extracts (Who's On First CC BY 4.0, Yemen CSO regions, Open-Syria),
# persons from UniversalPetrarch's Arabic actor dictionary (MIT), personal
# names from Wikidata (CC0) via arabic-name-romanizer 0.2.0 (MIT). Names only.
# The CTX* categories are context statistics counted over SaudiNewsNet
# (Alhagri 2015, CC BY-NC-SA 4.0): words often written after a cue word.
"""
dst = ROOT / "data/ner/names.tsv"
dst.write_text(header + "".join(f"{n}\t{c}\n" for n, c in sorted(out)), encoding="utf-8")
print(f"wrote {len(out)} names to {dst}", file=sys.stderr)
