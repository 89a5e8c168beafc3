//! `marsad eval events` gives the numbers of shared/eval/score_events.py.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = std::env::var("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if p.join("eval/score_events.py").exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent (set MARSAD_SHARED to run this test)");
        None
    }
}

#[test]
fn rust_scorer_equals_python_scorer_on_dev() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let recs = dir.path().join("dev.out.jsonl");
    let rust = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["eval", "events"])
        .arg(shared.join("dev"))
        .arg("-o")
        .arg(&recs)
        .output()
        .unwrap();
    assert!(rust.status.success(), "{}", String::from_utf8_lossy(&rust.stderr));
    let Ok(py) = Command::new("python3")
        .arg(shared.join("eval/score_events.py"))
        .arg(shared.join("dev"))
        .arg(&recs)
        .output()
    else {
        eprintln!("skipping: python3 unavailable");
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&rust.stdout),
        String::from_utf8_lossy(&py.stdout)
    );
    let out = String::from_utf8_lossy(&rust.stdout);
    assert!(out.lines().last().unwrap().starts_with("events F1 "));
}

#[test]
fn eval_reports_a_missing_directory() {
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["eval", "events", "/nonexistent/dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/dir"));
}
