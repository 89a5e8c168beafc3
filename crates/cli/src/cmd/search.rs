//! `marsad search`: ranked articles of the archive for a full-text query.

use crate::EXIT_OK;
use anyhow::{Context, Result};
use marsad_store::{Hit, SearchQuery, Store};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable list with highlighted snippets.
    Text,
    /// One JSON array of hits (with highlight offsets).
    Json,
}

#[derive(clap::Args)]
#[command(
    long_about = "Search the archive's articles. Words are matched in any inflection the light \
stemmer folds (بالرقة, الرقة and رقة meet), exact spellings ranking higher; \"quoted words\" are \
phrases; every word must match unless --any. Titles weigh more than bodies.",
    after_help = "Examples:\n  marsad search \"غارات صنعاء\" --from 2015-08-01 --limit 20\n  marsad search '\"التحالف العربي\" تعز' --format json"
)]
pub struct Args {
    /// The query: words and "quoted phrases", Arabic or Latin.
    #[arg(value_name = "QUERY")]
    query: String,
    /// The archive's data directory.
    #[arg(long, value_name = "DIR", default_value = "marsad-data")]
    data: PathBuf,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    from: Option<chrono::NaiveDate>,
    /// Only articles published on or before this day.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    to: Option<chrono::NaiveDate>,
    /// Only articles of this outlet.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Number of results.
    #[arg(short = 'n', long, default_value_t = 20)]
    limit: usize,
    /// Match articles with any of the words, not all.
    #[arg(long)]
    any: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Mark `marks` (char offsets) in `s` with `open`/`close`.
fn mark(s: &str, marks: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(s.len() + marks.len() * 8);
    let mut m = marks.iter().peekable();
    for (i, c) in s.chars().enumerate() {
        if m.peek().is_some_and(|&&(a, _)| a == i) {
            out.push_str(open);
        }
        out.push(c);
        if let Some(&&(_, b)) = m.peek()
            && b == i + 1
        {
            out.push_str(close);
            m.next();
        }
    }
    out
}

fn print_text(hits: &[Hit], w: &mut dyn Write, tty: bool) -> std::io::Result<()> {
    let (open, close) = if tty { ("\x1b[1;33m", "\x1b[0m") } else { ("**", "**") };
    for h in hits {
        writeln!(
            w,
            "{}. [{}] {} {} (score {:.2}{})",
            h.rank,
            h.published.as_deref().unwrap_or("????-??-??"),
            h.outlet.as_deref().unwrap_or("-"),
            h.id,
            h.score,
            if h.cluster != h.id {
                format!(", story {}", h.cluster)
            } else {
                String::new()
            }
        )?;
        writeln!(w, "   {}", mark(&h.title, &h.title_highlights, open, close))?;
        writeln!(w, "   {}", mark(&h.snippet, &h.highlights, open, close))?;
        writeln!(w)?;
    }
    Ok(())
}

/// Run `marsad search`.
pub fn run(args: Args) -> Result<u8> {
    let store = Store::open_read_only(&args.data)?;
    let q = SearchQuery {
        text: args.query.clone(),
        from: args.from,
        to: args.to,
        outlet: args.outlet.clone(),
        limit: args.limit,
        any: args.any,
    };
    let hits = store
        .search(&q)
        .with_context(|| format!("cannot search the archive in {}", args.data.display()))?;
    let tty = std::io::stdout().is_terminal();
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        Format::Text => {
            if hits.is_empty() {
                eprintln!("no articles match {:?}", args.query);
            }
            print_text(&hits, &mut out, tty)?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_wrap_char_ranges() {
        assert_eq!(super::mark("قصف صنعاء", &[(4, 9)], "[", "]"), "قصف [صنعاء]");
        assert_eq!(super::mark("ab cd", &[(0, 2), (3, 5)], "<", ">"), "<ab> <cd>");
    }
}
