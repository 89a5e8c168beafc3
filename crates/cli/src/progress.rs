//! Progress reporting on standard error, only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
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
/// Non-blank lines of a stream, counted in fixed-size chunks: a line of
/// gigabytes (a gzip bomb) is never held in memory.
fn count_lines(mut r: impl std::io::Read) -> u64 {
    let mut buf = vec![0u8; 1 << 16];
    let (mut n, mut blank) = (0u64, true);
    loop {
        let k = match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(k) => k,
        };
        for &c in &buf[..k] {
            if c == b'\n' {
                n += u64::from(!blank);
                blank = true;
            } else if !c.is_ascii_whitespace() {
                blank = false;
            }
        }
    }
    n + u64::from(!blank)
}

pub fn count_articles(paths: &[PathBuf]) -> Option<u64> {
    let mut n = 0u64;
    for p in paths {
        if p.as_os_str() == "-" {
            return None;
        }
        match marsad_ingest::format_of(p) {
            (marsad_ingest::Format::Text | marsad_ingest::Format::Html, _) => n += 1,
            // counting a feed's items or an archive's pages costs a parse
            (marsad_ingest::Format::Feed | marsad_ingest::Format::Warc, _) => return None,
            (marsad_ingest::Format::Jsonl, gz) => {
                let f = std::fs::File::open(p).ok()?;
                let r: Box<dyn std::io::Read> = if gz {
                    Box::new(flate2::read::MultiGzDecoder::new(f))
                } else {
                    Box::new(f)
                };
                n += count_lines(r);
            }
        }
    }
    Some(n)
}
