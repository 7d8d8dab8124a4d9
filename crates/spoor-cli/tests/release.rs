//! The whole State Department release of the worked example (27,159 OCR'd
//! documents, `shared/corpora/clinton-release/`), read the way a fact-checker
//! loads it: every file stored, senders named once, renditions grouped, and the
//! seed article checked against it. The corpus lives beside the repository
//! (`../shared`, or `SPOOR_SHARED`); without it this test fails, it does not skip.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Unpack the release into `dir` (the tarball is zstd with a 128 MiB window).
fn unpack(dir: &Path) -> PathBuf {
    let tarball = shared().join("corpora/clinton-release/clinton-release-text.tar.zst");
    let file = std::fs::File::open(&tarball).unwrap_or_else(|e| {
        panic!(
            "the release is needed for this test: {} ({e}); set SPOOR_SHARED to the shared/ folder",
            tarball.display()
        )
    });
    let mut z = zstd::stream::read::Decoder::new(file).expect("zstd");
    z.window_log_max(27).expect("window");
    tar::Archive::new(z).unpack(dir).expect("unpack");
    dir.join("text")
}

fn facet(r: &Value, name: &str) -> Vec<(String, u64)> {
    r["facets"][name]
        .as_array()
        .expect("facet")
        .iter()
        .map(|v| {
            (
                v[0].as_str().expect("name").to_string(),
                v[1].as_u64().expect("count"),
            )
        })
        .collect()
}

const MEMO_RENDITIONS: [&str; 5] = [
    "C05797110",
    "C05798095",
    "C05798096",
    "C05798102",
    "C05798106",
];

#[test]
fn the_whole_release() {
    let tmp = tempfile::tempdir().expect("tmp");
    let text = unpack(tmp.path());
    let archive = tmp.path().join("archive");
    let a = archive.as_path();
    let text_s = text.display().to_string();
    let distractors = fixtures().join("docs").display().to_string();

    // every file stored; only the six empty ones fail, and say why
    let (code, out, err) = spoor(
        a,
        &[
            "ingest",
            "--collection",
            "foia",
            "--format",
            "json",
            &text_s,
            &distractors,
        ],
    );
    assert_eq!(code, 3, "some files (the empty ones) fail: {err}");
    let r: Value = serde_json::from_str(&out).expect("json");
    let failed = r["failed"].as_array().expect("failed");
    assert_eq!(failed.len(), 6, "{failed:?}");
    assert!(
        failed
            .iter()
            .all(|f| f["error"].as_str().unwrap_or("").contains("holds no text")),
        "{failed:?}"
    );
    assert_eq!(r["files"], 27_159 + 3);
    assert!(r["added"].as_u64().expect("added") > 60_000, "{r}");

    let aliases = shared().join("corpora/clinton-release/aliases");
    let wsj = aliases.join("wsj-HRCEMAIL_names.csv").display().to_string();
    let kaggle = aliases
        .join("kaggle-alias_person.csv")
        .display()
        .to_string();
    assert_eq!(spoor(a, &["alias", "import", &wsj]).0, 0);
    let (code, _, err) = spoor(
        a,
        &[
            "alias",
            "import",
            "--columns",
            "AliasName,PersonName",
            &kaggle,
        ],
    );
    assert_eq!(code, 0, "{err}");

    // one person per person among the senders, no OCR debris
    let r = json(
        a,
        &[
            "search",
            "--facets",
            "from",
            "--format",
            "json",
            "belmokhtar",
        ],
    );
    let from = facet(&r, "from");
    let names: BTreeSet<&str> = from.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), from.len(), "{from:?}");
    assert!(names.contains("Sidney Blumenthal"), "{from:?}");
    assert!(
        !from.iter().any(|(n, _)| n.contains("mailto")
            || n.ends_with('<')
            || n.eq_ignore_ascii_case("sid")),
        "{from:?}"
    );

    // the memo's five renditions: one hit, one family
    let r = json(a, &["search", "--format", "json", "docno:C05798096"]);
    assert_eq!(r["hits"][0]["renditions"], 5, "{r}");
    let id = r["hits"][0]["id"].as_str().expect("id").to_string();
    let r = json(a, &["show", "--format", "json", &id]);
    let listed: BTreeSet<&str> = r["renditions"]
        .as_array()
        .expect("renditions")
        .iter()
        .filter_map(|x| x["doc_no"].as_str())
        .collect();
    assert_eq!(listed, MEMO_RENDITIONS.into_iter().collect(), "{r}");
    let r = json(
        a,
        &[
            "search",
            "--format",
            "json",
            "--all-renditions",
            "--limit",
            "20",
            "\"highly secret understanding\"",
        ],
    );
    assert!(r["hits"].as_array().expect("hits").len() >= 5, "{r}");

    // the seed article against the whole release
    let article = fixtures().join("seed/article-nl.txt").display().to_string();
    let r = json(a, &["check", "--format", "json", &article]);
    let lead = &r["sources"][0];
    assert!(
        matches!(lead["doc_no"].as_str(), Some("C05798096" | "C05797110")),
        "lead source: {lead}"
    );
    let others: BTreeSet<&str> = lead["renditions"]
        .as_array()
        .expect("renditions")
        .iter()
        .filter_map(|x| x["doc_no"].as_str())
        .collect();
    for d in MEMO_RENDITIONS {
        assert!(
            d == lead["doc_no"] || others.contains(d),
            "{d} not shown under the lead source: {lead}"
        );
    }
    let sources: Vec<&str> = r["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["doc_no"].as_str())
        .collect();
    assert!(
        !sources[1..].iter().any(|d| MEMO_RENDITIONS.contains(d)),
        "a rendition listed as a source of its own: {sources:?}"
    );
    let (verdicts, right) = seed_rows(&r);
    eprintln!("seed against the release: {verdicts:?}: {right}/12 as EXPECTED.md");
    assert!(right >= 11, "{right}/12: {verdicts:?}");

    // an Arabic article about the memo leads with the memo's family too
    let ar = fixtures()
        .join("../eval/sets/C05798096/ar.txt")
        .display()
        .to_string();
    let r = json(a, &["check", "--format", "json", &ar]);
    let lead = r["sources"][0]["doc_no"].as_str().unwrap_or("");
    assert!(
        MEMO_RENDITIONS.contains(&lead),
        "Arabic lead source: {lead}"
    );
}
