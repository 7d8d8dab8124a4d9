//! Helpers shared by the end-to-end tests: run the real `spoor` binary.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The corpora beside the repository (`../shared`, or `SPOOR_SHARED`).
pub fn shared() -> PathBuf {
    std::env::var_os("SPOOR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// Run spoor on an archive; (exit code, stdout, stderr).
pub fn spoor(archive: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .arg("--archive")
        .arg(archive)
        .args(args)
        .env_remove("SPOOR_ARCHIVE")
        .output()
        .expect("run spoor");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run spoor and parse its JSON output, asserting success.
pub fn json(archive: &Path, args: &[&str]) -> Value {
    let (code, out, err) = spoor(archive, args);
    assert_eq!(code, 0, "spoor {args:?} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("spoor {args:?}: not JSON ({e}): {out}"))
}

/// An archive holding every good fixture, the CSV export (with its mapping) and two aliases.
pub fn fixture_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path();
    let f = fixtures();
    let paths: Vec<String> = [
        "seed/C05798096.txt",
        "mail",
        "mime",
        "foia",
        "docs",
        "html",
        "pdf/briefing-note.pdf",
    ]
    .iter()
    .map(|p| f.join(p).display().to_string())
    .collect();
    let mut args = vec!["ingest", "--collection", "fixtures", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let r = json(a, &args);
    assert_eq!(r["failed"].as_array().map(Vec::len), Some(0), "{r}");
    let map = f.join("exports/kaggle.map").display().to_string();
    let csv = f.join("exports/emails.csv").display().to_string();
    json(
        a,
        &[
            "ingest",
            "--collection",
            "kaggle",
            "--map-file",
            &map,
            "--format",
            "json",
            &csv,
        ],
    );
    let jsonl = f.join("exports/messages.jsonl").display().to_string();
    json(
        a,
        &[
            "ingest",
            "--collection",
            "kaggle",
            "--format",
            "json",
            &jsonl,
        ],
    );
    let (code, _, err) = spoor(a, &["alias", "add", "Sidney Blumenthal", "sbwhoeop"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = spoor(a, &["alias", "add", "Hillary Clinton", "h"]);
    assert_eq!(code, 0, "{err}");
    dir
}

/// Total hits and the subjects of the first 50.
pub fn search(archive: &Path, q: &str) -> (u64, Vec<String>) {
    let v = json(archive, &["search", "--format", "json", "--limit", "50", q]);
    let subjects = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["subject"].as_str().unwrap_or("").to_string())
        .collect();
    (v["total"].as_u64().expect("total"), subjects)
}

/// EXPECTED.md of the worked example, row by row: the verdicts a careful
/// fact-checker accepts (rows 10 and 11 as updated with the whole memo).
pub const SEED_EXPECTED: [&[&str]; 12] = [
    &["altered"],
    &["supported", "not_checkable"],
    &["altered"],
    &["supported"],
    &["altered"],
    &["altered"],
    &["altered", "not_in_source"],
    &["supported"],
    &["not_in_source", "not_checkable"],
    &["not_checkable"],
    &["altered"],
    &["supported"],
];

/// The verdicts of a check report of the seed article, and how many rows agree
/// with [`SEED_EXPECTED`].
pub fn seed_rows(report: &Value) -> (Vec<String>, usize) {
    let verdicts: Vec<String> = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["verdict"].as_str().expect("verdict").to_string())
        .collect();
    let right = verdicts
        .iter()
        .zip(SEED_EXPECTED.iter())
        .filter(|(v, ok)| ok.contains(&v.as_str()))
        .count();
    (verdicts, right)
}
