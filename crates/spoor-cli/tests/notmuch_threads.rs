//! spoor's threads against a peer's. notmuch's own test corpus (`notmuch-test-corpora/` in
//! `shared/corpora/mail-tests/`: the early notmuch list, LKML threads, threading edge cases,
//! duplicates, broken and signed mail) is ingested by spoor and indexed by Debian's `notmuch`,
//! and the two partitions of its messages into threads are compared by Message-ID.
//!
//! Every notmuch thread must be a spoor thread, except the differences explained in
//! docs/RELIABILITY.md ("Threads compared with notmuch"), which are asserted here one by one,
//! so that a new difference fails. Without the `notmuch` command or the corpus (`../shared`, or
//! `SPOOR_SHARED`) this test fails; it does not skip.

mod common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

type Ids = BTreeSet<String>;

fn shared() -> PathBuf {
    std::env::var_os("SPOOR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// Unpack notmuch's corpora into `dir`; the folder of its corpora.
fn unpack(dir: &Path) -> PathBuf {
    let tarball = shared().join("corpora/mail-tests/mail-tests.tar.zst");
    let file = std::fs::File::open(&tarball).unwrap_or_else(|e| {
        panic!(
            "notmuch's test corpus is needed for this test: {} ({e}); set SPOOR_SHARED to the shared/ folder",
            tarball.display()
        )
    });
    let z = zstd::stream::read::Decoder::new(file).expect("zstd");
    tar::Archive::new(z).unpack(dir).expect("unpack");
    dir.join("notmuch-test-corpora/test/corpora")
}

/// Run notmuch with its own configuration only; stdout.
fn notmuch(config: &Path, args: &[&str]) -> String {
    let out = Command::new("notmuch")
        .args(args)
        .env("NOTMUCH_CONFIG", config)
        .env_remove("NOTMUCH_PROFILE")
        .env_remove("NOTMUCH_DATABASE")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "the notmuch command is needed for this test ({e}): apt-get install notmuch \
                 (cargo xtask test installs it when run as root)"
            )
        });
    assert!(
        out.status.success(),
        "notmuch {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The Message-IDs of one node of `notmuch show`'s JSON ([message, [replies]]) and below.
fn collect(node: &Value, into: &mut Ids) {
    if let Some(id) = node[0]["id"].as_str() {
        into.insert(id.to_string());
    }
    for reply in node[1].as_array().into_iter().flatten() {
        collect(reply, into);
    }
}

/// notmuch's threads of the corpus, as sets of Message-IDs.
fn notmuch_threads(tmp: &Path, corpora: &Path) -> Vec<Ids> {
    let db = tmp.join("notmuch-db");
    std::fs::create_dir(&db).expect("mkdir");
    let config = tmp.join("notmuch-config");
    std::fs::write(
        &config,
        format!(
            "[database]\npath={}\nmail_root={}\n[new]\ntags=\n[search]\nexclude_tags=\n\
             [maildir]\nsynchronize_flags=false\n",
            db.display(),
            corpora.display()
        ),
    )
    .expect("config");
    notmuch(&config, &["new", "--quiet"]);
    let show = notmuch(
        &config,
        &[
            "show",
            "--format=json",
            "--format-version=5",
            "--body=false",
            "--entire-thread=true",
            "--exclude=false",
            "*",
        ],
    );
    let v: Value = serde_json::from_str(&show).expect("notmuch show: JSON");
    v.as_array()
        .expect("threads")
        .iter()
        .map(|thread| {
            let mut ids = Ids::new();
            for node in thread.as_array().expect("thread") {
                collect(node, &mut ids);
            }
            ids
        })
        .collect()
}

/// One spoor document: its Message-ID and what it references.
struct Doc {
    message_id: Option<String>,
    kind: String,
    paths: Vec<String>,
    refs: Ids,
}

fn show(archive: &Path, id: &str, corpora: &Path) -> Doc {
    let v = json(archive, &["show", "--format", "json", id]);
    let strings = |k: &str| -> Ids {
        v[k].as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(String::from))
            .collect()
    };
    let mut refs = strings("in_reply_to");
    refs.extend(strings("references"));
    let root = format!("{}/", corpora.display());
    Doc {
        message_id: v["message_id"].as_str().map(String::from),
        kind: v["kind"].as_str().expect("kind").to_string(),
        paths: v["provenance"]
            .as_array()
            .expect("provenance")
            .iter()
            .map(|p| {
                let p = p["path"].as_str().expect("path");
                p.strip_prefix(&root).unwrap_or(p).to_string()
            })
            .collect(),
        refs,
    }
}

#[test]
fn threads_equal_notmuchs_but_for_the_explained_differences() {
    let started = std::time::Instant::now();
    let tmp = tempfile::tempdir().expect("tmp");
    notmuch(Path::new("/dev/null"), &["--version"]);
    let corpora = unpack(tmp.path());
    let archive = tmp.path().join("archive");
    let a = archive.as_path();

    // spoor reads the corpus first (notmuch's database lies outside it)
    let r = json(
        a,
        &[
            "ingest",
            "--collection",
            "notmuch",
            "--format",
            "json",
            &corpora.display().to_string(),
        ],
    );
    assert_eq!(r["failed"].as_array().map(Vec::len), Some(0), "{r}");
    let nm = notmuch_threads(tmp.path(), &corpora);

    // every spoor document, and its thread (as document ids)
    let all = json(
        a,
        &[
            "search",
            "--all-renditions",
            "--limit",
            "10000",
            "--format",
            "json",
            "collection:notmuch",
        ],
    );
    let hits = all["hits"].as_array().expect("hits");
    assert_eq!(
        all["total"].as_u64(),
        Some(hits.len() as u64),
        "every document listed"
    );
    let docs: BTreeMap<String, Doc> = hits
        .iter()
        .map(|h| {
            let id = h["id"].as_str().expect("id").to_string();
            let d = show(a, &id, &corpora);
            (id, d)
        })
        .collect();
    let mut thread_of: BTreeMap<String, Ids> = BTreeMap::new();
    for id in docs.keys() {
        let t = json(a, &["thread", "--format", "json", id]);
        let members: Ids = t["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .map(|m| m["id"].as_str().expect("id").to_string())
            .collect();
        assert!(members.contains(id), "{id} is in its own thread: {t}");
        thread_of.insert(id.clone(), members);
    }
    // spoor's threads are a partition: every member of a thread has that same thread
    for (id, members) in &thread_of {
        for m in members {
            assert_eq!(
                &thread_of[m], members,
                "{m} and {id} disagree on their thread"
            );
        }
    }
    let spoor_threads: BTreeSet<&Ids> = thread_of.values().collect();
    // … of Message-IDs; documents with one Message-ID (same id, other bytes) share a thread
    let mids = |t: &Ids| -> Ids {
        t.iter()
            .filter_map(|d| docs[d].message_id.clone())
            .collect()
    };
    let mut thread_of_mid: BTreeMap<String, &Ids> = BTreeMap::new();
    for t in &spoor_threads {
        for m in mids(t) {
            let before = thread_of_mid.insert(m.clone(), t);
            assert!(before.is_none(), "{m} is in two spoor threads");
        }
    }

    // Explained 1: what spoor holds and notmuch does not index. notmuch new skips files that
    // start with an mbox From_ line and files that are not mail; spoor reads the first as an
    // mbox (two messages: git format-patch's From_ line inside the attachment cuts it, as in
    // any mboxo reader), the README as text, and keeps a message/rfc822 part as a document of
    // its own. Each of them is alone in its thread.
    let nm_mids: Ids = nm.iter().flatten().cloned().collect();
    let mut only_spoor: Vec<(String, String, Option<String>)> = docs
        .iter()
        .filter(|(_, d)| d.message_id.as_ref().is_none_or(|m| !nm_mids.contains(m)))
        .map(|(id, d)| {
            assert_eq!(
                thread_of[id].len(),
                1,
                "{:?} is alone in its thread",
                d.paths
            );
            (d.paths.join(" "), d.kind.clone(), d.message_id.clone())
        })
        .collect();
    only_spoor.sort();
    let expected = [
        ("README", "text", None),
        ("broken/empty-part", "attached_email", None),
        ("insert/mbox-attachment.eml", "email", None),
        (
            "insert/mbox-attachment.eml",
            "email",
            Some("87k0e9o0pu.fsf@tethera.net"),
        ),
    ]
    .map(|(p, k, m)| (p.to_string(), k.to_string(), m.map(String::from)));
    assert_eq!(
        only_spoor, expected,
        "documents that notmuch does not index"
    );
    assert!(
        nm_mids.iter().all(|m| thread_of_mid.contains_key(m)),
        "spoor read every message that notmuch indexed"
    );

    // every notmuch thread that is not a spoor thread
    let differing: Vec<&Ids> = nm
        .iter()
        .filter(|t| {
            thread_of_mid
                .get(t.iter().next().expect("a message"))
                .map(|s| mids(s))
                != Some((*t).clone())
        })
        .collect();

    // Explained 2: git send-email's `<yes>` (In-Reply-To/References written by people who
    // answered "yes" to its "Message-ID to be used as In-Reply-To?") is not a msg-id, and
    // spoor does not join through it; notmuch takes it for a missing message and welds two
    // lists' patches of 2009 and 2010 into one thread. spoor's pieces of that thread are
    // joined by nothing but `yes`.
    assert_eq!(
        differing.len(),
        1,
        "one notmuch thread differs: {differing:?}"
    );
    let welded = differing[0];
    let pieces: BTreeSet<&Ids> = welded.iter().map(|m| thread_of_mid[m]).collect();
    let union: Ids = pieces.iter().flat_map(|p| mids(p)).collect();
    assert_eq!(&union, welded, "spoor's pieces hold the same messages");
    assert_eq!(pieces.len(), 13, "{pieces:?}");
    let named = |p: &Ids| -> Ids {
        p.iter()
            .flat_map(|d| docs[d].refs.iter().chain(docs[d].message_id.iter()))
            .cloned()
            .collect()
    };
    let pieces: Vec<Ids> = pieces.into_iter().map(named).collect();
    for (i, x) in pieces.iter().enumerate() {
        assert!(x.contains("yes"), "piece {x:?} references <yes>");
        for y in &pieces[i + 1..] {
            let shared: Ids = x.intersection(y).cloned().collect();
            assert_eq!(shared, Ids::from(["yes".to_string()]), "{x:?} and {y:?}");
        }
    }

    let equal = nm.len() - differing.len();
    eprintln!(
        "notmuch_threads: {} notmuch messages in {} threads; spoor: {} documents ({} with a Message-ID notmuch has) in {} threads; {} equal, {} notmuch thread(s) split by spoor into {}; {} spoor-only documents; {:.1} s",
        nm_mids.len(),
        nm.len(),
        docs.len(),
        docs.len() - only_spoor.len(),
        spoor_threads.len(),
        equal,
        differing.len(),
        pieces.len(),
        only_spoor.len(),
        started.elapsed().as_secs_f64()
    );
}
