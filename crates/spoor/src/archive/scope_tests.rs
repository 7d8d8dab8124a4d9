//! The collection scope of every read path: a document outside the caller's
//! collections is never found, counted, listed, threaded or used as a source.

use super::{Archive, IngestOptions, Quiet, SearchOptions};
use crate::access::Readable;
use crate::error::Error;
use crate::trace::{CheckOptions, check};
use std::collections::BTreeSet;

/// A long text (enough words to form a family of renditions).
const SHARED: &str = "The harbour authority confirmed on Monday that the eastern pier will close \
for repairs after inspectors found cracks in three of the concrete pylons, and the ferry \
service to the islands will move to the western terminal until the work is finished, which \
the engineers expect to take at least nine months because the replacement steel has to be \
ordered from abroad and the weather in winter slows every kind of marine construction.";

/// English only, words as they are.
struct English;
impl crate::Translator for English {
    fn translate(&self, _lang: &str, word: &str) -> Vec<String> {
        vec![word.to_lowercase()]
    }
    fn supports(&self, lang: &str) -> bool {
        lang == "en"
    }
}

struct Fixture {
    archive: Archive,
    _dir: tempfile::TempDir,
}

fn only(names: &[&str]) -> Readable {
    Readable::Only(names.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>())
}

fn mail(id: &str, refs: &[&str], subject: &str, body: &str) -> String {
    let mut s = format!(
        "From: Ann <ann@example.org>\nTo: Bob <bob@example.org>\nDate: Mon, 2 Mar 2015 10:00:00 +0000\nSubject: {subject}\nMessage-ID: <{id}@example.org>\n"
    );
    if let Some(last) = refs.last() {
        let all: Vec<String> = refs.iter().map(|r| format!("<{r}@example.org>")).collect();
        s.push_str(&format!(
            "In-Reply-To: <{last}@example.org>\nReferences: {}\n",
            all.join(" ")
        ));
    }
    s.push_str(&format!("\n{body}\n"));
    s
}

/// desk-a: a thread root, a reply to desk-b's reply, the shared text; desk-b:
/// the middle of the thread and a copy of the shared text; no collection: one
/// note.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files: [(&str, &str, String); 6] = [
        (
            "desk-a",
            "root.eml",
            mail("m1", &[], "Pier budget", "Alpha pier budget agreed."),
        ),
        (
            "desk-b",
            "reply.eml",
            mail(
                "m2",
                &["m1"],
                "Re: Pier budget",
                "Bravo secret pier budget reply.",
            ),
        ),
        (
            "desk-a",
            "reply2.eml",
            mail(
                "m3",
                &["m1", "m2"],
                "Re: Re: Pier budget",
                "Alpha pier budget answer.",
            ),
        ),
        ("desk-a", "shared.eml", mail("s1", &[], "Harbour", SHARED)),
        (
            "desk-b",
            "copy.eml",
            mail("s2", &[], "Fwd harbour", &format!("{SHARED} Bravo")),
        ),
        (
            "",
            "note.eml",
            mail("n1", &[], "Note", "Default pier budget note."),
        ),
    ];
    let arc = dir.path().join("archive");
    let mut a = Archive::open(&arc).expect("a new archive");
    for (coll, name, text) in &files {
        let src = dir.path().join(format!("src-{coll}-{name}"));
        std::fs::create_dir_all(&src).expect("a source directory");
        std::fs::write(src.join(name), text).expect("a source file");
        let opts = IngestOptions {
            collection: coll.to_string(),
            mapping: None,
        };
        let r = a.ingest(&[src], &opts, &Quiet).expect("ingest");
        assert!(r.failed.is_empty() && r.added == 1, "{name}: {r:?}");
    }
    a.close().expect("close");
    Fixture {
        archive: Archive::open_read(&arc).expect("the archive"),
        _dir: dir,
    }
}

fn id_of(f: &Fixture, query: &str) -> String {
    let r = f
        .archive
        .search(query, &SearchOptions::default(), &[])
        .expect("search");
    assert_eq!(r.total, 1, "{query}");
    r.hits[0].id.clone()
}

fn search(f: &Fixture, q: &str, readable: Readable) -> crate::SearchResults {
    let opts = SearchOptions {
        readable,
        all_renditions: true,
        ..Default::default()
    };
    f.archive
        .search(q, &opts, &["collection".to_string(), "from".to_string()])
        .expect("search")
}

#[test]
fn search_totals_hits_and_facets_cover_the_readable_collections_only() {
    let f = fixture();
    let all = search(&f, "pier", Readable::All);
    assert_eq!(all.total, 6);
    let a = search(&f, "pier", only(&["desk-a"]));
    assert_eq!(a.total, 3);
    assert!(a.hits.iter().all(|h| h.collection == "desk-a"));
    let facets = a.facets.expect("facets");
    assert_eq!(facets["collection"], vec![("desk-a".to_string(), 3)]);
    let none = search(&f, "pier", only(&[]));
    assert_eq!((none.total, none.hits.len()), (0, 0));
    assert!(none.facets.expect("facets")["collection"].is_empty());
    let b = search(&f, "secret", only(&["desk-a", "default"]));
    assert_eq!(b.total, 0);
}

#[test]
fn documents_without_a_collection_are_in_default() {
    let f = fixture();
    let d = search(&f, "pier", only(&["default"]));
    assert_eq!(d.total, 1);
    assert_eq!(d.hits[0].collection, "");
    assert_eq!(
        f.archive
            .collections(&only(&["default", "desk-b"]))
            .expect("collections"),
        vec![("default".to_string(), 1), ("desk-b".to_string(), 2)]
    );
}

#[test]
fn a_document_outside_the_scope_is_exactly_a_missing_one() {
    let f = fixture();
    let b = id_of(&f, "secret");
    let a = only(&["desk-a"]);
    let missing = "0000000000000000000000000000000000000000000000000000000000000000";
    let said = |e: Error| match e {
        Error::NotFound(x) => format!("not found {}", x.len()),
        other => format!("other: {other}"),
    };
    let hidden = said(f.archive.document(&b, &a).expect_err("hidden"));
    let absent = said(
        f.archive
            .document(&missing[..b.len()], &a)
            .expect_err("absent"),
    );
    assert_eq!(hidden, absent);
    assert!(matches!(f.archive.raw(&b, &a), Err(Error::NotFound(_))));
    assert!(matches!(
        f.archive.thread_view(&b, &a),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        f.archive.document(&b[..12], &a),
        Err(Error::NotFound(_))
    ));
    // and readable for its own collection
    let own = f.archive.document(&b, &only(&["desk-b"])).expect("own");
    assert_eq!(own.document.collection, "desk-b");
    assert!(
        !f.archive
            .raw(&b, &only(&["desk-b"]))
            .expect("raw")
            .is_empty()
    );
}

#[test]
fn a_thread_holds_only_readable_messages() {
    let f = fixture();
    let root = id_of(&f, "subject:\"Pier budget\" alpha agreed");
    let all = f
        .archive
        .thread_view(&root, &Readable::All)
        .expect("thread");
    assert_eq!(all.messages.len(), 3);
    let a = f
        .archive
        .thread_view(&root, &only(&["desk-a"]))
        .expect("thread");
    let subjects: Vec<_> = a
        .messages
        .iter()
        .filter_map(|m| m.subject.clone())
        .collect();
    assert_eq!(subjects, ["Pier budget", "Re: Re: Pier budget"], "{a:?}");
}

#[test]
fn renditions_and_their_counts_cover_the_readable_collections_only() {
    let f = fixture();
    let all = search(&f, "harbour", Readable::All);
    assert_eq!(all.total, 2);
    assert!(all.hits.iter().all(|h| h.renditions == 2), "{all:?}");
    let both = search(&f, "harbour", only(&["desk-a", "desk-b"]));
    assert!(both.hits.iter().all(|h| h.renditions == 2), "{both:?}");
    let b = search(&f, "harbour", only(&["desk-b"]));
    assert_eq!(b.hits.len(), 1);
    assert_eq!(b.hits[0].renditions, 1);
    let view = f
        .archive
        .document(&b.hits[0].id, &only(&["desk-b"]))
        .expect("doc");
    assert_eq!(view.renditions.len(), 1);
    assert_eq!(view.renditions[0].id, b.hits[0].id);
}

#[test]
fn a_check_takes_sources_and_evidence_from_readable_collections_only() {
    let f = fixture();
    let article = format!("Harbour news\n\n{SHARED}\n");
    let tr = English;
    let run = |readable: Readable| {
        let opts = CheckOptions {
            lang: Some("en".into()),
            readable,
            ..Default::default()
        };
        check(&f.archive, article.as_bytes(), &opts, &tr).expect("check")
    };
    let all = run(Readable::All);
    assert!(!all.sources.is_empty(), "{:?}", all.sources);
    let b_id = id_of(&f, "bravo harbour");
    let only_b = run(only(&["desk-b"]));
    let json_b = serde_json::to_string(&only_b).expect("json");
    assert!(json_b.contains(&b_id), "desk-b alone is a source: {json_b}");
    for (readable, hidden) in [
        (only(&["desk-a"]), b_id.clone()),
        (only(&[]), String::new()),
    ] {
        let r = run(readable);
        let json = serde_json::to_string(&r).expect("json");
        if hidden.is_empty() {
            assert!(r.sources.is_empty(), "{json}");
        } else {
            assert!(!json.contains(&hidden) && !json.contains("Bravo"), "{json}");
            assert!(!r.sources.is_empty());
        }
    }
}
