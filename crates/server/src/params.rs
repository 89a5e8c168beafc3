//! Query-string parameters, checked strictly: an unknown or repeated
//! parameter is a 400 (a misspelt filter must not silently return
//! everything), an empty value counts as absent (HTML forms send empty
//! fields), and every value is parsed with a message naming the parameter.

use crate::error::ApiError;
use chrono::NaiveDate;

/// The parameters of one request.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Check `pairs` against the parameters an endpoint accepts.
    pub fn new(pairs: Vec<(String, String)>, allowed: &[&str]) -> Result<Params, ApiError> {
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {k:?}; this endpoint takes: {}",
                    allowed.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(p, _)| p == k) {
                return Err(ApiError::bad_request(format!(
                    "parameter {k:?} is given more than once"
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The trimmed value of `k`, `None` when absent or empty.
    pub fn str(&self, k: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(p, _)| p == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// `k` as an owned string.
    pub fn string(&self, k: &str) -> Option<String> {
        self.str(k).map(str::to_string)
    }

    /// `k` as a `YYYY-MM-DD` date.
    pub fn date(&self, k: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.str(k)
            .map(|v| {
                // chrono accepts `2019-3-1`; ask for the canonical form.
                let ok = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .ok()
                    .filter(|_| ok)
                    .ok_or_else(|| ApiError::bad_request(format!("{k}: {v:?} is not a date in the form YYYY-MM-DD")))
            })
            .transpose()
    }

    /// `from` and `to` dates, `from` not after `to`.
    pub fn date_range(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
        let (from, to) = (self.date("from")?, self.date("to")?);
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(ApiError::bad_request(format!("from ({a}) is after to ({b})")));
        }
        Ok((from, to))
    }

    /// `k` as a non-negative integer.
    pub fn usize(&self, k: &str) -> Result<Option<usize>, ApiError> {
        self.str(k)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| ApiError::bad_request(format!("{k}: {v:?} is not a non-negative whole number")))
            })
            .transpose()
    }

    /// `k` as a non-negative integer no larger than `max` (larger values
    /// are capped), `default` when absent.
    pub fn capped(&self, k: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        Ok(self.usize(k)?.unwrap_or(default).min(max))
    }

    /// `k` as a yes/no flag (`1`, `true`, `yes`, `on` / `0`, `false`, `no`, `off`).
    pub fn flag(&self, k: &str) -> Result<bool, ApiError> {
        match self.str(k).map(str::to_ascii_lowercase).as_deref() {
            None | Some("0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!("{k}: {v:?} is not true or false"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &[(&str, &str)], allowed: &[&str]) -> Result<Params, ApiError> {
        Params::new(q.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), allowed)
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        assert!(p(&[("typ", "battles")], &["type"]).is_err());
        assert!(p(&[("type", "a"), ("type", "b")], &["type"]).is_err());
        assert!(p(&[("type", "a")], &["type"]).is_ok());
    }

    #[test]
    fn dates_must_be_canonical() {
        let ok = p(&[("from", "2019-03-01")], &["from"]).unwrap();
        assert_eq!(ok.date("from").unwrap(), NaiveDate::from_ymd_opt(2019, 3, 1));
        for bad in ["2019-3-1", "2019-13-01", "01/03/2019", "2019-02-30", "yesterday"] {
            let q = p(&[("from", bad)], &["from"]).unwrap();
            let e = q.date("from").unwrap_err();
            assert_eq!(e.status().as_u16(), 400, "{bad}");
            assert!(e.message().contains("YYYY-MM-DD"), "{}", e.message());
        }
        let empty = p(&[("from", "")], &["from"]).unwrap();
        assert_eq!(empty.date("from").unwrap(), None);
        let rev = p(&[("from", "2019-03-02"), ("to", "2019-03-01")], &["from", "to"]).unwrap();
        assert!(rev.date_range().is_err());
    }

    #[test]
    fn numbers_are_checked_and_capped() {
        let q = p(
            &[("limit", "9999"), ("offset", "-1"), ("n", "x")],
            &["limit", "offset", "n"],
        )
        .unwrap();
        assert_eq!(q.capped("limit", 20, 500).unwrap(), 500);
        assert!(q.usize("offset").is_err());
        assert!(q.usize("n").is_err());
        assert_eq!(q.capped("absent", 20, 500).unwrap(), 20);
    }
}
