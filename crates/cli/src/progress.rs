//! Progress reporting on standard error, only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

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
