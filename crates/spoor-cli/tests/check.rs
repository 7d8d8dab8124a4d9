//! `spoor check` end to end on the worked example: the Dutch article against an
//! archive holding its source memo (as FOIA text and as a row of an export),
//! distractor documents on the same people and places, and unrelated mail.

mod common;
use common::*;
use serde_json::Value;

fn seed_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path();
    let f = fixtures();
    let paths: Vec<String> = [
        "seed/C05798096.txt",
        "docs",
        "foia",
        "mime",
        "html",
        "pdf/briefing-note.pdf",
    ]
    .iter()
    .map(|p| f.join(p).display().to_string())
    .collect();
    let mut args = vec!["ingest", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    json(a, &args);
    let map = f.join("exports/kaggle.map").display().to_string();
    let csv = f.join("exports/emails.csv").display().to_string();
    json(a, &["ingest", "--map-file", &map, "--format", "json", &csv]);
    spoor(a, &["alias", "add", "Sidney Blumenthal", "sbwhoeop"]);
    spoor(a, &["alias", "add", "Hillary Clinton", "h"]);
    dir
}

fn check(archive: &std::path::Path, format: &str) -> String {
    let article = fixtures().join("seed/article-nl.txt").display().to_string();
    let (code, out, err) = spoor(archive, &["check", "--format", format, &article]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn the_seed_article_against_its_source() {
    let a = seed_archive();
    let r: Value = serde_json::from_str(&check(a.path(), "json")).expect("json");
    assert_eq!(r["article"]["language"], "nl");
    assert_eq!(
        r["sources"][0]["doc_no"], "C05798096",
        "top source: {}",
        r["sources"]
    );
    let claims = r["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 12, "title and eleven sentences");
    let (verdicts, right) = seed_rows(&r);
    eprintln!("seed verdicts {verdicts:?}: {right}/12 as EXPECTED.md");
    // the acceptance bar of the issue: at least 10 of the 12 rows (docs/EVALUATION.md)
    assert!(
        right >= 10,
        "only {right}/12 rows as EXPECTED.md: {verdicts:?}"
    );
    for c in claims
        .iter()
        .filter(|c| matches!(c["verdict"].as_str(), Some("supported" | "altered")))
    {
        assert_eq!(
            c["evidence"][0]["doc_no"], "C05798096",
            "evidence of claim {}: {}",
            c["index"], c["evidence"]
        );
    }
    // the headline: southern Morocco / Moroccan Sahara against Western Sahara, the dropped
    // "occasionally", and the relay through "sources with access to the Algerian DGSE"
    let diffs = |i: usize| {
        claims[i]["differences"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let has = |i: usize, kind: &str, needle: &str| {
        diffs(i).iter().any(|d| {
            d["kind"] == kind
                && (d["source"].as_str().unwrap_or("").contains(needle)
                    || d["article"].as_str().unwrap_or("").contains(needle))
        })
    };
    assert!(has(0, "place", "Western Sahara"), "{:?}", diffs(0));
    assert!(has(0, "omission", "occasionally"), "{:?}", diffs(0));
    assert!(has(0, "attribution", "Algerian DGSE"), "{:?}", diffs(0));
    assert!(has(2, "place", "Western Sahara"), "{:?}", diffs(2));
    assert!(
        has(5, "addition", "zes"),
        "six other diplomats: {:?}",
        diffs(5)
    );
    assert_eq!(claims[3]["verdict"], "supported");
    let chain = &claims[0]["chain"];
    assert!(
        chain["document"]
            .as_str()
            .unwrap_or("")
            .contains("C05798096"),
        "{chain}"
    );
    assert!(
        chain["cited"].as_array().is_some_and(|c| !c.is_empty()),
        "{chain}"
    );
}

#[test]
fn reports_in_every_format() {
    let a = seed_archive();
    let text = check(a.path(), "text");
    assert!(
        text.contains("Sources:") && text.contains("C05798096") && text.contains("place:"),
        "{text}"
    );
    let md = check(a.path(), "markdown");
    assert!(
        md.starts_with("# Check:") && md.contains("## Claims"),
        "{md}"
    );
    let html = check(a.path(), "html");
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<mark class=s>")
            && html.contains("badge altered")
    );
    let article = fixtures().join("seed/article-nl.txt").display().to_string();
    let (code, out, err) = spoor(
        a.path(),
        &[
            "check",
            "--format",
            "claimreview",
            "--url",
            "https://news.example/artikel",
            "--publisher",
            "Desk Check",
            "--publisher-url",
            "https://check.example",
            "--review-url",
            "https://check.example/reviews/1",
            "--review-date",
            "2026-11-29",
            &article,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let cr: Value = serde_json::from_str(&out).expect("claimreview json");
    let first = &cr[0];
    assert_eq!(first["@type"], "ClaimReview");
    assert_eq!(first["reviewRating"]["alternateName"], "altered");
    // what publishers' fact-check markup asks for (schema.org ClaimReview as
    // Google reads it): the review's url and date, its author, a short claim,
    // the rated item with where it appeared
    assert_eq!(first["url"], "https://check.example/reviews/1#claim-0");
    assert_eq!(first["datePublished"], "2026-11-29");
    assert_eq!(first["author"]["name"], "Desk Check");
    assert_eq!(first["author"]["url"], "https://check.example");
    assert_eq!(
        first["itemReviewed"]["appearance"]["url"],
        "https://news.example/artikel"
    );
    for review in cr.as_array().expect("reviews") {
        let short = review["claimReviewed"].as_str().expect("claimReviewed");
        let full = review["itemReviewed"]["text"]
            .as_str()
            .expect("the full claim");
        assert!(short.chars().count() <= 75, "{short}");
        assert!(
            full.starts_with(short.trim_end_matches('…')),
            "{short} / {full}"
        );
        assert!(review["reviewRating"]["alternateName"].is_string());
        assert!(
            !review.to_string().contains("null"),
            "no empty members: {review}"
        );
    }
}

/// An Arabic article about the memo (eval/sets/C05798096/ar.txt, a tuning case):
/// checked, led by the memo, and its report reads right to left.
#[test]
fn an_arabic_article_is_checked_and_reads_right_to_left() {
    let a = seed_archive();
    let file = fixtures().join("../eval/sets/C05798096/ar.txt");
    let file = file.display().to_string();
    let (code, out, err) = spoor(a.path(), &["check", "--format", "json", &file]);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(r["article"]["language"], "ar");
    assert_eq!(r["sources"][0]["doc_no"], "C05798096", "{}", r["sources"]);
    let claims = r["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 12);
    let checked = claims
        .iter()
        .filter(|c| matches!(c["verdict"].as_str(), Some("supported" | "altered")))
        .count();
    assert!(checked >= 3, "{checked} claims found in the memo");
    let (code, html, err) = spoor(a.path(), &["check", "--format", "html", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        html.contains("<h1 dir=rtl>"),
        "the title reads right to left"
    );
    assert!(
        html.contains("<td dir=rtl lang=ar>"),
        "claims read right to left"
    );
}

/// A news page as a reader saves it (menus, cookie banner, share bar, "read also"
/// box, comments, related links, footer): spoor reads the article alone, with its
/// byline and date, and reaches the same verdicts as from the article's text.
#[test]
fn a_saved_html_page_is_read_without_its_furniture() {
    let a = seed_archive();
    let page = fixtures().join("articles/nl-saved-page.html");
    let r = json(
        a.path(),
        &["check", "--format", "json", &page.display().to_string()],
    );
    let from_text: Value = serde_json::from_str(&check(a.path(), "json")).expect("json");
    assert_eq!(r["article"]["title"], from_text["article"]["title"]);
    assert_eq!(r["article"]["byline"], "Karim el Amrani");
    assert_eq!(r["article"]["site"], "Het Noorderlicht");
    assert!(
        r["article"]["published"]
            .as_str()
            .is_some_and(|d| d.starts_with("2020-10-13")),
        "{}",
        r["article"]
    );
    let rows = |v: &Value| -> Vec<(String, String)> {
        v["claims"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .map(|c| (c["text"].to_string(), c["verdict"].to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(rows(&r), rows(&from_text));
    assert_eq!(r["sources"][0]["doc_no"], "C05798096");
}

/// Articles are bounded: binary data and text beyond the documented size are
/// refused with one line; HTML in an article does not reach a Markdown report raw.
#[test]
fn articles_are_bounded_and_reports_escaped() {
    let a = seed_archive();
    let junk = a.path().join("junk.bin");
    std::fs::write(&junk, [0u8, 1, 2, 3, 255, 254, 0, 7].repeat(100)).expect("write");
    let (code, _, err) = spoor(a.path(), &["check", &junk.display().to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("binary"), "{err}");
    let big = a.path().join("big.txt");
    std::fs::write(
        &big,
        "De regering zei iets over Belmokhtar in 2013. ".repeat(2_000),
    )
    .expect("write");
    let (code, _, err) = spoor(a.path(), &["check", &big.display().to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("at most 60000 bytes"), "{err}");
    let evil = a.path().join("evil.txt");
    std::fs::write(
        &evil,
        "Belmokhtar <script>alert(1)</script> kreeg in 2013 steun van de Algerijnse DGSE volgens de e-mail.",
    )
    .expect("write");
    let (code, md, err) = spoor(
        a.path(),
        &["check", "--format", "markdown", &evil.display().to_string()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("&lt;script&gt;"), "{md}");
}
