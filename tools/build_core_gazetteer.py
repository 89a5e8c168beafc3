#!/usr/bin/env python3
"""Build data/gazetteer/core.tsv: countries and GeoNames populated places
with Arabic names, from ../shared/data/geonames (CC BY 4.0, geonames.org).

usage: tools/build_core_gazetteer.py [SHARED_DIR] > data/gazetteer/core.tsv

Only facts are kept (ids, names, coordinates, population). Rows:
id name_ar name_en lat lon kind country admin1 population aliases source
"""
import gzip, json, re, sys, pathlib

shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
geo = shared / "data" / "geonames"
# Arabic letters (hamza to yeh, harakat, alef wasla) only: names with letters
# of Persian, Urdu, Kurdish, Pashto or Uyghur are other languages' spellings.
ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u0652\u0671\s\-]+$")
NON_ARABIC = re.compile("(?!)")
REGION = set("SY IQ YE LY EG PS IL LB JO SA AE QA KW BH OM TR IR SD SS SO DZ MA TN MR ML NE NG TD ET ER DJ AF PK EH".split())

countries = json.load(open(geo / "countries.json"))
rows = []
ar_names = {}
for line in open(geo / "countries_ar.tsv", encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if c[0] == "alpha_2":
        continue
    ar_names[c[0]] = (c[2], c[4], c[5] if len(c) > 5 else "")

places = [json.loads(l) for l in gzip.open(geo / "places.jsonl.gz", "rt", encoding="utf-8")]
by_cc = {}
for p in places:
    by_cc.setdefault(p["countrycode"], []).append(p)

curated = {}
for line in open(pathlib.Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "country_names.tsv", encoding="utf-8"):
    if line.startswith("#") or line.startswith("country\t") or not line.strip():
        continue
    c = line.rstrip("\n").split("\t")
    curated[c[0]] = [c[1]] + [a for a in (c[2].split("|") if len(c) > 2 else []) if a]

for cc, (en, ar, official) in sorted(ar_names.items()):
    info = next((v for v in countries.values() if v["iso"] == cc), None)
    if info is None:
        continue
    # approximate the country's point by the population-weighted mean of its places
    ps = by_cc.get(cc, [])
    if ps:
        w = sum(max(p["population"], 1) for p in ps)
        lat = sum(p["latitude"] * max(p["population"], 1) for p in ps) / w
        lon = sum(p["longitude"] * max(p["population"], 1) for p in ps) / w
    else:
        lat = lon = ""
    names = curated.get(cc, []) + [n for n in (ar, official) if n and ARABIC.match(n)]
    if not names:
        continue
    seen = []
    for n in names:
        if n not in seen:
            seen.append(n)
    ar, aliases = seen[0], seen[1:]
    rows.append([f"country:{cc}", ar, en, f"{lat:.4f}" if lat != "" else "", f"{lon:.4f}" if lon != "" else "", "country", cc, "", str(info["population"]), "|".join(aliases), f"geonames:{info['geonameid']}"])

for p in places:
    cc = p["countrycode"]
    if cc not in REGION and p["population"] < 1000000:
        continue
    names = [n for n in p["alternatenames"] if ARABIC.match(n) and not NON_ARABIC.search(n) and len(n) >= 2]
    if not names:
        continue
    # prefer a name with the article as the canonical one when GeoNames has it
    names = sorted(set(names), key=lambda n: (not n.startswith("ال"), len(n)))
    rows.append([f"geonames:{p['geonameid']}", names[0], p["name"], f"{p['latitude']:.5f}", f"{p['longitude']:.5f}", "city", cc, p["admin1code"] or "", str(p["population"]), "|".join(names[1:]), f"geonames:{p['geonameid']}"])

print("id\tname_ar\tname_en\tlat\tlon\tkind\tcountry\tadmin1\tpopulation\taliases\tsource")
for r in rows:
    print("\t".join(r))
