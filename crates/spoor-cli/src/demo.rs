//! `spoor demo`: the bundled example sources ingested into a temporary archive,
//! then searched the way a fact-checker would, with the results printed.

use crate::render;
use anyhow::Result;
use spoor::archive::SearchOptions;
use spoor::{Archive, IngestOptions};

/// The example sources, compiled into the binary so the demo needs nothing else.
const FIXTURES: &[(&str, &[u8])] = &[
    (
        "docs/cable-algiers-2010.txt",
        include_bytes!("../../../fixtures/docs/cable-algiers-2010.txt"),
    ),
    (
        "docs/memo-libya-2011.txt",
        include_bytes!("../../../fixtures/docs/memo-libya-2011.txt"),
    ),
    (
        "docs/memo-mali-2012.txt",
        include_bytes!("../../../fixtures/docs/memo-mali-2012.txt"),
    ),
    (
        "exports/emails.csv",
        include_bytes!("../../../fixtures/exports/emails.csv"),
    ),
    (
        "exports/kaggle.map",
        include_bytes!("../../../fixtures/exports/kaggle.map"),
    ),
    (
        "exports/messages.jsonl",
        include_bytes!("../../../fixtures/exports/messages.jsonl"),
    ),
    (
        "foia/F-2014-20439-C05799999.txt",
        include_bytes!("../../../fixtures/foia/F-2014-20439-C05799999.txt"),
    ),
    (
        "html/saved-message.html",
        include_bytes!("../../../fixtures/html/saved-message.html"),
    ),
    (
        "mail/memo-C05798096.eml",
        include_bytes!("../../../fixtures/mail/memo-C05798096.eml"),
    ),
    (
        "mail/seed.mbox",
        include_bytes!("../../../fixtures/mail/seed.mbox"),
    ),
    (
        "mime/base64-utf8.eml",
        include_bytes!("../../../fixtures/mime/base64-utf8.eml"),
    ),
    (
        "mime/forwarded-rfc822.eml",
        include_bytes!("../../../fixtures/mime/forwarded-rfc822.eml"),
    ),
    (
        "mime/html-only.eml",
        include_bytes!("../../../fixtures/mime/html-only.eml"),
    ),
    (
        "mime/nested-with-attachments.eml",
        include_bytes!("../../../fixtures/mime/nested-with-attachments.eml"),
    ),
    (
        "mime/qp-latin1.eml",
        include_bytes!("../../../fixtures/mime/qp-latin1.eml"),
    ),
    (
        "mime/reply-quoted.eml",
        include_bytes!("../../../fixtures/mime/reply-quoted.eml"),
    ),
    (
        "mime/windows-1252.eml",
        include_bytes!("../../../fixtures/mime/windows-1252.eml"),
    ),
    (
        "pdf/briefing-note.pdf",
        include_bytes!("../../../fixtures/pdf/briefing-note.pdf"),
    ),
    (
        "pdf/scanned-no-text.pdf",
        include_bytes!("../../../fixtures/pdf/scanned-no-text.pdf"),
    ),
    (
        "seed/C05798096.txt",
        include_bytes!("../../../fixtures/seed/C05798096.txt"),
    ),
    (
        "seed/article-nl.txt",
        include_bytes!("../../../fixtures/seed/article-nl.txt"),
    ),
];

const QUERIES: &[(&str, &str)] = &[
    ("a name, ranked by relevance", "Belmokhtar"),
    (
        "a person through the alias table (the release shows only the handle sbwhoeop)",
        "from:\"Sidney Blumenthal\"",
    ),
    ("a FOIA document number", "docno:C05798096"),
    (
        "a date range and a word",
        "date:2013-01-17..2013-01-19 hostage",
    ),
    ("a phrase", "\"sensitive source\""),
    ("a fuzzy term for OCR noise", "belmokhtr~"),
    ("stemming: meeting finds meetings", "meeting"),
    ("a Dutch word, stemmed as Dutch", "vergadering"),
    ("boolean operators", "(consul OR consulate) AND gao -mujao"),
    ("messages with attachments", "has:attachment"),
];

/// Run the demo.
pub fn run() -> Result<u8> {
    let tmp = tempfile::tempdir()?;
    let src = tmp.path().join("sources");
    for (rel, bytes) in FIXTURES {
        let p = src.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&p, bytes)?;
    }
    let dir = tmp.path().join("archive");
    let mut archive = Archive::open(&dir)?;
    println!(
        "== spoor demo: ingesting {} example files into {}",
        FIXTURES.len(),
        dir.display()
    );
    let mapping = spoor::ingest::Mapping::parse(&String::from_utf8_lossy(
        FIXTURES
            .iter()
            .find(|(r, _)| r.ends_with("kaggle.map"))
            .map(|(_, b)| *b)
            .unwrap_or_default(),
    ))
    .map_err(anyhow::Error::msg)?;
    let sources: Vec<_> = [
        "seed/C05798096.txt",
        "mail",
        "mime",
        "foia",
        "docs",
        "html",
        "pdf",
    ]
    .iter()
    .map(|d| src.join(d))
    .collect();
    let report = archive.ingest(
        &sources,
        &IngestOptions {
            collection: "examples".into(),
            mapping: None,
        },
        &spoor::archive::Quiet,
    )?;
    render::ingest_report(&report, false)?;
    let report = archive.ingest(
        &[src.join("exports")],
        &IngestOptions {
            collection: "exports".into(),
            mapping: Some(mapping),
        },
        &spoor::archive::Quiet,
    )?;
    render::ingest_report(&report, false)?;
    archive.add_alias("Sidney Blumenthal", "sbwhoeop")?;
    archive.add_alias("Hillary Clinton", "h")?;
    archive.close()?;
    let archive = Archive::open_read(&dir)?;
    for (what, q) in QUERIES {
        println!();
        println!("== search: {q}    ({what})");
        let res = archive.search(
            q,
            &SearchOptions {
                limit: 3,
                ..Default::default()
            },
            &[],
        )?;
        render::search_text(&res, 0);
    }
    println!();
    println!("== facets of `algeria OR algerian` by sender and year");
    let res = archive.search(
        "algeria OR algerian",
        &SearchOptions {
            limit: 0,
            ..Default::default()
        },
        &["from".into(), "year".into()],
    )?;
    render::search_text(&res, 0);
    if let Some(reply) = archive
        .search(
            "subject:\"re: latest french\"",
            &SearchOptions::default(),
            &[],
        )?
        .hits
        .first()
    {
        println!();
        println!("== thread of the reply {}", reply.id);
        render::thread_text(&archive, &archive.thread(&reply.id)?);
    }
    let article = FIXTURES
        .iter()
        .find(|(r, _)| *r == "seed/article-nl.txt")
        .map(|(_, b)| *b)
        .unwrap_or_default();
    println!();
    println!(
        "== spoor check seed/article-nl.txt (a Dutch article retelling State Department document C05798096)"
    );
    println!();
    let tr = spoor::lang::lexicon::FreeDict::new();
    let report = spoor::trace::check(
        &archive,
        article,
        &spoor::trace::CheckOptions::default(),
        &tr,
    )?;
    crate::print_check(&report, crate::CheckFormat::Text, None)?;
    Ok(0)
}
