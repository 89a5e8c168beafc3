//! One module per subcommand; each has an `Args` (clap) and a `run`.

pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod geocode;
pub mod ingest;
pub mod ner;
pub mod search;
pub mod serve;
pub mod stats;

/// True if the error chain is a broken pipe (`marsad … | head`): the reader
/// went away, which is not a failure of marsad.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Parse a `YYYY-MM-DD` command-line date.
pub fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}
