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

/// Extract one article's record; a panic in the pipeline (a bug no input
/// should reach, but input is hostile) becomes an error naming the article,
/// so that it is reported and skipped and the rest of the run goes on.
pub fn extract_guarded(
    ex: &marsad_extract::Extractor,
    a: &marsad_ingest::Article,
) -> Result<marsad_record::Record, marsad_ingest::ItemError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.extract(a))).map_err(|p| {
        let why = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        marsad_ingest::ItemError::new(
            a.locator.clone(),
            format!("internal error while extracting article {:?} ({why}); skipped", a.id),
        )
    })
}
