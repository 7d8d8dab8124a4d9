//! `spoor demo`: the bundled fixtures written to a temporary directory and run
//! through the steps of `fixtures/demo.txt` (ingest, aliases, searches, facets, a
//! thread, a check), with the results printed.

use crate::render;
use anyhow::{Context, Result, bail};
use spoor::SearchOptions;
use spoor::access::Readable;
use spoor::{Archive, IngestOptions};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

fn fixture(rel: &str) -> Result<&'static [u8]> {
    FIXTURES
        .iter()
        .find(|(r, _)| *r == rel)
        .map(|(_, b)| *b)
        .with_context(|| format!("the demo needs fixtures/{rel}, which is not in this build"))
}

fn split_pipe(rest: &str) -> (&str, &str) {
    match rest.split_once(" | ") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (rest.trim(), ""),
    }
}

/// Run the demo.
pub fn run(serve: Option<std::net::SocketAddr>) -> Result<u8> {
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
    println!(
        "== spoor demo: {} example files in {}",
        FIXTURES.len(),
        src.display()
    );
    let script = String::from_utf8_lossy(fixture("demo.txt")?).into_owned();
    let mut writer = Some(Archive::open(&dir)?);
    let mut reader: Option<Archive> = None;
    for line in script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (step, rest) = line.split_once(' ').unwrap_or((line, ""));
        match step {
            "ingest" | "alias" => {
                let archive = match writer.as_mut() {
                    Some(a) => a,
                    None => bail!("demo.txt: ingest and alias steps must come before the others"),
                };
                if step == "alias" {
                    let (name, alias) = rest
                        .split_once(" = ")
                        .context("demo.txt: alias NAME = ALIAS")?;
                    archive.add_alias(name.trim(), alias.trim())?;
                    continue;
                }
                let mut words = rest.split_whitespace();
                let collection = words
                    .next()
                    .context("demo.txt: ingest COLLECTION PATH...")?
                    .to_string();
                let mut mapping = None;
                let mut paths = Vec::new();
                while let Some(w) = words.next() {
                    if w == "--map" {
                        let file = words.next().context("demo.txt: --map FILE")?;
                        let text = String::from_utf8_lossy(fixture(file)?).into_owned();
                        mapping = Some(spoor::Mapping::parse(&text).map_err(anyhow::Error::msg)?);
                    } else {
                        paths.push(src.join(w));
                    }
                }
                println!("== ingest into collection {collection}");
                let report = archive.ingest(
                    &paths,
                    &IngestOptions {
                        collection,
                        mapping,
                    },
                    &spoor::Quiet,
                )?;
                render::ingest_report(&report, false)?;
            }
            _ => {
                if let Some(w) = writer.take() {
                    w.close()?;
                    reader = Some(Archive::open_read(&dir)?);
                }
                let archive = reader.as_ref().context("demo.txt: nothing ingested")?;
                println!();
                match step {
                    "search" => {
                        let (what, q) = split_pipe(rest);
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
                    "facets" => {
                        let (fields, q) = split_pipe(rest);
                        println!("== facets of `{q}` by {fields}");
                        let names: Vec<String> =
                            fields.split(',').map(|f| f.trim().to_string()).collect();
                        let res = archive.search(
                            q,
                            &SearchOptions {
                                limit: 0,
                                ..Default::default()
                            },
                            &names,
                        )?;
                        render::search_text(&res, 0);
                    }
                    "thread" => {
                        if let Some(hit) = archive
                            .search(rest, &SearchOptions::default(), &[])?
                            .hits
                            .first()
                        {
                            println!("== thread of {} (first hit of `{rest}`)", hit.id);
                            render::thread_text(archive, &archive.thread(&hit.id, &Readable::All)?);
                        }
                    }
                    "check" => {
                        let (file, what) = split_pipe(rest);
                        println!("== spoor check {file} ({what})");
                        println!();
                        let report = crate::check(archive, fixture(file)?, Default::default())?;
                        crate::print_check(&report, crate::CheckFormat::Text, &Default::default())?;
                    }
                    other => bail!("demo.txt: unknown step {other}"),
                }
            }
        }
    }
    drop((writer, reader));
    match serve {
        Some(addr) => crate::serve::run(&dir, crate::serve::ServeArgs::local(addr, src)),
        None => {
            println!();
            println!(
                "== to browse this archive (search, documents, the check page): spoor demo --serve, then open http://127.0.0.1:8080/"
            );
            Ok(0)
        }
    }
}
