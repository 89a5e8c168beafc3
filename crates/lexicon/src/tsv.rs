//! The TSV format of marsad's data files.
//!
//! UTF-8, tab-separated, one record per line; blank lines and lines starting
//! with `#` are ignored. The first non-comment line may be a header starting
//! with a column name given by the caller, in which case it is skipped.

/// An error in a data file, with its name and line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {msg}")]
pub struct TsvError {
    pub file: String,
    pub line: usize,
    pub msg: String,
}

/// One data row: its 1-based line number and columns.
pub struct Row<'a> {
    pub line: usize,
    pub cols: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Column `i`, empty string if absent.
    pub fn get(&self, i: usize) -> &'a str {
        self.cols.get(i).copied().unwrap_or("").trim()
    }

    /// Column `i` or None when empty.
    pub fn opt(&self, i: usize) -> Option<&'a str> {
        Some(self.get(i)).filter(|s| !s.is_empty())
    }
}

/// Parse `text` (the contents of `file`) into rows, skipping comments,
/// blanks and a header whose first column is `header`.
///
/// Rows with fewer than `min_cols` columns are an error.
pub fn rows<'a>(file: &str, text: &'a str, header: &str, min_cols: usize) -> Result<Vec<Row<'a>>, TsvError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = l.split('\t').collect();
        if cols[0] == header {
            continue;
        }
        if cols.len() < min_cols {
            return Err(TsvError {
                file: file.to_string(),
                line: i + 1,
                msg: format!(
                    "expected at least {min_cols} tab-separated columns, found {}",
                    cols.len()
                ),
            });
        }
        out.push(Row { line: i + 1, cols });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_header_and_reports_lines() {
        let t = "# c\nid\tname\n\na\tb\nbad\n";
        let err = rows("x.tsv", t, "id", 2).err().unwrap();
        assert_eq!(err.line, 5);
        assert_eq!(
            err.to_string(),
            "x.tsv:5: expected at least 2 tab-separated columns, found 1"
        );
        let ok = rows("x.tsv", "id\tn\na\tb\n", "id", 2).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].get(1), "b");
        assert_eq!(ok[0].line, 2);
    }
}
