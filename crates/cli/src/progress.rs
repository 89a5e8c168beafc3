//! Progress reporting on standard error, only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

/// A progress counter of articles: a bar when the total is known, a
/// spinner with the rate otherwise. Hidden unless stderr is a terminal.
pub fn articles(total: Option<u64>) -> ProgressBar {
    let pb = match total {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    if !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
        return pb;
    }
    let style = match total {
        Some(_) => ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} articles ({per_sec}, {eta} left) {msg}",
        ),
        None => ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} articles ({per_sec}) {msg}"),
    };
    if let Ok(s) = style {
        pb.set_style(s);
    }
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    pb
}

/// Count the articles of the inputs cheaply (lines of JSON Lines files, one
/// per text file), for the progress bar's total; `None` for standard input.
pub fn count_articles(paths: &[PathBuf]) -> Option<u64> {
    let mut n = 0u64;
    for p in paths {
        if p.as_os_str() == "-" {
            return None;
        }
        match marsad_ingest::format_of(p) {
            (marsad_ingest::Format::Text, _) => n += 1,
            (marsad_ingest::Format::Jsonl, gz) => {
                let f = std::fs::File::open(p).ok()?;
                let r: Box<dyn std::io::Read> = if gz {
                    Box::new(flate2::read::MultiGzDecoder::new(f))
                } else {
                    Box::new(f)
                };
                let r = std::io::BufReader::with_capacity(1 << 16, r);
                n += r
                    .split(b'\n')
                    .map_while(|l| l.ok())
                    .filter(|l| l.iter().any(|c| !c.is_ascii_whitespace()))
                    .count() as u64;
            }
        }
    }
    Some(n)
}
