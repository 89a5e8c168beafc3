//! `marsad geocode`: the places found in a text, for quick checks; and the
//! gazetteer recall evaluation behind `marsad gazetteer eval`.

use crate::EXIT_OK;
use anyhow::{Context, Result, bail};
use marsad_extract::{Document, Extractor};
use marsad_geo::Gazetteer;
use marsad_ingest::Article;
use std::io::Read;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    long_about = "Print the places marsad finds in a text: the mention, the gazetteer entry chosen \
(id, kind, English name, coordinates, country, admin1), the precision, and whether the place \
stands in for an unknown one (fallback). The text goes through the whole extraction pipeline, \
so organisations and persons of the actor lexicon are not taken for places.",
    after_help = "Examples:\n  marsad geocode \"سيطرت القوات على حي الرومانية في مدينة الرقة\"\n  marsad geocode --file article.txt --json"
)]
pub struct Args {
    /// The text (Arabic); `-` or nothing reads standard input.
    text: Option<String>,
    /// Read the text from a file (its first line is the title).
    #[arg(long, short, value_name = "FILE", conflicts_with = "text")]
    file: Option<PathBuf>,
    /// Print the record places as JSON Lines.
    #[arg(long)]
    json: bool,
}

fn article(title: String, text: String) -> Article {
    Article {
        id: "geocode".into(),
        title,
        text,
        published: None,
        outlet: None,
        url: None,
        source_kind: "file".into(),
        locator: "geocode".into(),
    }
}

/// Read a whole text, refusing more than `marsad_ingest::DEFAULT_MAX_BYTES`
/// (the pipeline's cost grows faster than the text) and saying where
/// invalid UTF-8 is.
fn read_bounded(r: impl Read, name: &str) -> Result<String> {
    let max = marsad_ingest::DEFAULT_MAX_BYTES;
    let mut bytes = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() > max {
        bail!("{name}: text too large: more than {max} bytes");
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow::anyhow!("{name}:{line} (byte {at}): invalid UTF-8")
    })
}

/// Run `marsad geocode`.
pub fn run(args: Args) -> Result<u8> {
    let (title, text) = match (&args.file, args.text.as_deref()) {
        (Some(p), _) => {
            let f = std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
            let s = read_bounded(f, &p.display().to_string())?;
            let (t, b) = s.split_once('\n').unwrap_or(("", s.as_str()));
            (t.trim().to_string(), b.to_string())
        }
        (None, Some(t)) if t != "-" => (String::new(), t.to_string()),
        _ => {
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                bail!("no text: give it as an argument, with --file, or on standard input");
            }
            (String::new(), read_bounded(std::io::stdin(), "<stdin>")?)
        }
    };
    let ex = Extractor::new();
    let doc = ex.analyse(&article(title, text));
    let g = Gazetteer::embedded();
    if args.json {
        for p in &doc.places {
            println!("{}", serde_json::to_string(p)?);
        }
        return Ok(EXIT_OK);
    }
    if !doc.title_places.is_empty() {
        println!("title:");
        for m in &doc.title_places {
            print_mention(&doc, g, m, true);
        }
        println!("body:");
    }
    for m in &doc.body_places {
        print_mention(&doc, g, m, false);
    }
    if doc.body_places.is_empty() && doc.title_places.is_empty() {
        println!("(no places)");
    }
    Ok(EXIT_OK)
}

fn print_mention(doc: &Document, g: &Gazetteer, m: &marsad_geo::PlaceMention, title: bool) {
    let a = if title { &doc.title } else { &doc.body };
    // the record's span: proclitics (و، ب …) left out
    let start = marsad_lexicon::name_start(a, m.tok_start, m.prefix_len) as usize;
    let text = a.raw_slice(start, a.tokens[m.tok_end - 1].end as usize);
    match m.entry.map(|e| g.entry(e)) {
        Some(e) => println!(
            "  {text}\t{}{} {} {} | {} | {:.4},{:.4} | {} {} | {} | score {:.1}{}{}",
            if m.fallback { "fallback to " } else { "" },
            e.id(),
            e.kind(),
            e.name_ar(),
            e.name_en(),
            e.lat(),
            e.lon(),
            e.country(),
            e.admin1().map(|x| x.name_en().to_string()).unwrap_or_default(),
            m.precision,
            m.score,
            m.container
                .map(|c| format!(" | in {}", g.entry(c).name_ar()))
                .unwrap_or_default(),
            match (m.distance_km, m.bearing) {
                (Some(d), Some(b)) => format!(" | {d} km at {b:.0}°"),
                (None, Some(b)) => format!(" | towards {b:.0}°"),
                _ => String::new(),
            }
        ),
        None => println!("  {text}\t(unlocated)"),
    }
}

/// Normalisation of the scorer (eval/score_events.py) for names.
fn norm(s: &str) -> String {
    let f = marsad_text::fold_str(s);
    let f = ["وال", "بال", "لل", "ال"]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .unwrap_or(&f)
        .to_string();
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The scorer's name match: equal after normalisation, or one inside the
/// other when both have at least 3 chars.
fn names_match(pred: &[&str], gold: &[String]) -> bool {
    let gold: Vec<String> = gold.iter().map(|g| norm(g)).collect();
    pred.iter().any(|p| {
        let n = norm(p);
        !n.is_empty()
            && gold.iter().any(|g| {
                *g == n
                    || (!g.is_empty()
                        && (g.contains(&n) || n.contains(g.as_str()))
                        && g.chars().count().min(n.chars().count()) >= 3)
            })
    })
}

#[derive(Default, Clone)]
struct Tally {
    loc: usize,
    loc_found: usize,
    names: usize,
    names_found: usize,
    events: usize,
    events_found: usize,
    first_found: usize,
    geo: usize,
    geo_10: usize,
    geo_25: usize,
    country: usize,
    country_ok: usize,
    places: usize,
    places_ok: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.loc += o.loc;
        self.loc_found += o.loc_found;
        self.names += o.names;
        self.names_found += o.names_found;
        self.events += o.events;
        self.events_found += o.events_found;
        self.first_found += o.first_found;
        self.geo += o.geo;
        self.geo_10 += o.geo_10;
        self.geo_25 += o.geo_25;
        self.country += o.country;
        self.country_ok += o.country_ok;
        self.places += o.places;
        self.places_ok += o.places_ok;
    }
    fn row(&self, name: &str) {
        let f = |a: usize, b: usize| {
            if b == 0 {
                "    -".to_string()
            } else {
                format!("{a:>2}/{b:<2} {:>4.0}%", 100.0 * a as f64 / b as f64)
            }
        };
        println!(
            "| {name:<24} | {} | {} | {} | {} | {} | {} | {} | {} |",
            f(self.loc_found, self.loc),
            f(self.names_found, self.names),
            f(self.events_found, self.events),
            f(self.first_found, self.events),
            f(self.country_ok, self.country),
            f(self.geo_10, self.geo),
            f(self.geo_25, self.geo),
            f(self.places_ok, self.places),
        );
    }
}

/// `marsad gazetteer eval`: gold place names found / all, per file and in total.
pub fn eval(inputs: &[PathBuf], verbose: bool) -> Result<u8> {
    let files = super::gazetteer::gold_files(inputs)?;
    if files.is_empty() {
        bail!("no *.gold.json files under the inputs");
    }
    let ex = Extractor::new();
    println!("Gazetteer recall against gold annotations (names matched as eval/score_events.py matches them).");
    println!(
        "LOC = gold LOC entities found among the record places; names = gold event location names found; \
events = gold events with at least one location name found; first = with their first (most specific) \
name found; country = country of the place found for an event's names; ≤10/≤25 km = its point vs the \
gold point; precise = record places whose text is a gold LOC or event name (place precision).\n"
    );
    println!(
        "| file                     | LOC          | names        | events       | first        | country      | ≤10 km       | ≤25 km       | precise      |"
    );
    println!(
        "|--------------------------|--------------|--------------|--------------|--------------|--------------|--------------|--------------|--------------|"
    );
    let mut total = Tally::default();
    for gf in &files {
        let v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(gf).with_context(|| format!("cannot read {}", gf.display()))?,
        )
        .with_context(|| format!("{} is not JSON", gf.display()))?;
        let txt = super::gazetteer::article_of(gf, &v);
        let raw = std::fs::read_to_string(&txt).with_context(|| format!("cannot read {}", txt.display()))?;
        let (title, body) = raw.split_once('\n').unwrap_or(("", raw.as_str()));
        let body = body.trim();
        let doc = ex.analyse(&article(title.trim().to_string(), body.to_string()));
        let places = &doc.places;
        let texts: Vec<Vec<&str>> = places.iter().map(|p| vec![p.text.as_str(), p.name.as_str()]).collect();
        let mut t = Tally::default();
        let mut gold_names: Vec<String> = Vec::new();
        for ent in v["entities"].as_array().into_iter().flatten() {
            if ent["type"] != "LOC" {
                continue;
            }
            let mut names = vec![ent["text"].as_str().unwrap_or("").to_string()];
            for s in ent["same_as"].as_array().into_iter().flatten() {
                names.push(s.as_str().unwrap_or("").to_string());
            }
            gold_names.extend(names.iter().cloned());
            t.loc += 1;
            let ok = texts.iter().any(|p| names_match(p, &names));
            t.loc_found += ok as usize;
            if verbose {
                println!("  LOC {:<28} {}", names[0], if ok { "found" } else { "MISSING" });
            }
        }
        for ev in v["events"].as_array().into_iter().flatten() {
            let loc = &ev["location"];
            let names: Vec<String> = loc["names"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect();
            if names.is_empty() {
                continue;
            }
            gold_names.extend(names.iter().cloned());
            t.events += 1;
            let mut any = false;
            for (k, n) in names.iter().enumerate() {
                let one = std::slice::from_ref(n);
                let ok = texts.iter().any(|p| names_match(p, one));
                t.names += 1;
                t.names_found += ok as usize;
                any |= ok;
                if k == 0 && ok {
                    t.first_found += 1;
                }
            }
            t.events_found += any as usize;
            // the place found for the most specific name
            let found = names.iter().find_map(|n| {
                let one = std::slice::from_ref(n);
                places
                    .iter()
                    .zip(&texts)
                    .find(|(_, tx)| names_match(tx, one))
                    .map(|(p, _)| p)
            });
            if let Some(p) = found {
                if let Some(c) = loc["country"].as_str() {
                    t.country += 1;
                    t.country_ok += (p.country.as_deref() == Some(c)) as usize;
                }
                if let (Some(la), Some(lo), Some(pla), Some(plo)) =
                    (loc["lat"].as_f64(), loc["lon"].as_f64(), p.lat, p.lon)
                {
                    let d = super::gazetteer::dist((la, lo), (pla, plo));
                    t.geo += 1;
                    t.geo_10 += (d <= 10.0) as usize;
                    t.geo_25 += (d <= 25.0) as usize;
                    if verbose {
                        println!("  EV  {:<28} → {} ({:.1} km)", names[0], p.text, d);
                    }
                }
            } else if verbose {
                println!("  EV  {:<28} → MISSING", names[0]);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for p in places {
            if !seen.insert(norm(&p.text)) {
                continue;
            }
            t.places += 1;
            let ok = names_match(&[p.text.as_str(), p.name.as_str()], &gold_names);
            t.places_ok += ok as usize;
            if verbose && !ok {
                println!("  EXTRA {} ({} {})", p.text, p.name, p.precision);
            }
        }
        let name = gf
            .file_name()
            .map(|n| n.to_string_lossy().replace(".gold.json", ""))
            .unwrap_or_default();
        t.row(&name);
        total.add(&t);
    }
    total.row("total");
    Ok(EXIT_OK)
}
