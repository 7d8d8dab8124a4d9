//! Ingest, duplicates, bad input, show, thread, aliases, reindex and stats,
//! end to end through the `spoor` binary.

mod common;
use common::*;

#[test]
fn ingest_summary_follows_the_contract_and_reingest_adds_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mail = fixtures().join("mail").display().to_string();
    let r = json(dir.path(), &["ingest", "--format", "json", &mail]);
    for k in ["added", "duplicates", "failed", "documents"] {
        assert!(r.get(k).is_some(), "summary lacks {k}: {r}");
    }
    // the memo as .eml and inside the mbox: one document, two provenances
    assert_eq!(r["added"], 3);
    assert_eq!(r["duplicates"], 1);
    assert_eq!(r["documents"], 3);
    let again = json(dir.path(), &["ingest", "--format", "json", &mail]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["duplicates"], 0);
    assert_eq!(again["unchanged"], 4);
    assert_eq!(again["documents"], 3);
    let hit = json(dir.path(), &["search", "--format", "json", "from:sbwhoeop"]);
    let id = hit["hits"][0]["id"].as_str().expect("id").to_string();
    let shown = json(dir.path(), &["show", "--format", "json", &id]);
    let prov = shown["provenance"].as_array().expect("provenance");
    assert_eq!(prov.len(), 2, "{prov:?}");
    assert!(
        prov.iter().any(
            |p| p["path"].as_str().is_some_and(|s| s.ends_with("seed.mbox")) && p["offset"] == 0
        )
    );
    assert!(
        prov.iter()
            .all(|p| p["sha256"].as_str().map(str::len) == Some(64))
    );
}

#[test]
fn a_bad_file_never_stops_the_batch() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = fixtures().join("malformed").display().to_string();
    let good = fixtures().join("mime/qp-latin1.eml").display().to_string();
    let missing = "/nonexistent/spoor/file.eml".to_string();
    let (code, out, _) = spoor(
        dir.path(),
        &[
            "ingest",
            "--format",
            "json",
            &bad,
            &missing,
            &good,
            "/dev/null",
        ],
    );
    assert_eq!(code, 3, "partial success has its own exit code");
    let r: serde_json::Value = serde_json::from_str(&out).expect("json");
    let failed = r["failed"].as_array().expect("failed");
    let reason = |name: &str| {
        failed
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .and_then(|f| f["error"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(reason("empty.eml").contains("empty"), "{failed:?}");
    assert!(reason("junk.bin").contains("binary"), "{failed:?}");
    assert!(reason("file.eml").contains("no such file"), "{failed:?}");
    assert!(reason("truncated.pdf").contains("PDF"), "{failed:?}");
    assert!(reason("/dev/null").contains("device"), "{failed:?}");
    assert_eq!(
        failed.len(),
        5,
        "truncated MIME, bad base64 and wrong charset are read, not failed: {failed:?}"
    );
    assert_eq!(r["added"], 4);
    let (code, out, _) = spoor(dir.path(), &["ingest", &bad]);
    assert_eq!(code, 3);
    assert!(
        out.lines()
            .any(|l| l.contains("failed:") && l.contains("junk.bin")),
        "{out}"
    );
    assert!(
        !err_of_last_run_has_panic(dir.path(), &bad),
        "a damaged file must not print a panic"
    );
}

fn err_of_last_run_has_panic(archive: &std::path::Path, path: &str) -> bool {
    let other = archive.join("again");
    let (_, _, err) = spoor(&other, &["ingest", path]);
    err.contains("panicked")
}

#[test]
fn a_pdf_without_text_layer_is_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let pdfs = fixtures().join("pdf").display().to_string();
    let (code, out, _) = spoor(dir.path(), &["ingest", "--format", "json", &pdfs]);
    assert_eq!(code, 3);
    let r: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(r["added"], 1);
    assert_eq!(
        r["failed"][0]["error"],
        "no text layer; OCR not yet supported"
    );
}

#[test]
fn show_gives_fields_text_and_the_exact_original() {
    let a = fixture_archive();
    let v = json(
        a.path(),
        &["search", "--format", "json", "docno:C05798096 kind:foia"],
    );
    let id = v["hits"][0]["id"].as_str().expect("id").to_string();
    let d = json(a.path(), &["show", "--format", "json", &id[..10]]);
    assert_eq!(d["doc_no"], "C05798096");
    assert_eq!(d["case_no"], "F-2014-20439");
    assert_eq!(d["release_date"], "2016-01-07");
    assert_eq!(d["classification"][0], "CONFIDENTIAL");
    let (_, text, _) = spoor(a.path(), &["show", &id]);
    assert!(
        text.contains("doc no:     C05798096") && text.contains("provenance:"),
        "{text}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args([
            "--archive",
            &a.path().display().to_string(),
            "show",
            "--raw",
            &id,
        ])
        .output()
        .expect("run");
    assert_eq!(
        out.stdout,
        std::fs::read(fixtures().join("seed/C05798096.txt")).expect("seed")
    );
    let (code, _, err) = spoor(a.path(), &["show", "ffffffffffff"]);
    assert_eq!(code, 1);
    assert!(err.contains("no document with id"), "{err}");
}

#[test]
fn threads_by_ids_and_by_subject() {
    let a = fixture_archive();
    let v = json(
        a.path(),
        &["search", "--format", "json", "from:h subject:latest"],
    );
    let reply = v["hits"][0]["id"].as_str().expect("id").to_string();
    let t = json(a.path(), &["thread", "--format", "json", &reply]);
    let msgs = t["messages"].as_array().expect("messages");
    assert_eq!(msgs.len(), 2, "{t}");
    assert_eq!(msgs[0]["depth"], 0);
    assert_eq!(msgs[1]["depth"], 1);
    assert_eq!(msgs[1]["id"], reply.as_str());
    // FOIA release messages carry no ids: the subject links them
    let v = json(
        a.path(),
        &[
            "search",
            "--format",
            "json",
            "subject:\"algeria update\" docno:C05799999",
        ],
    );
    let any = v["hits"][0]["id"].as_str().expect("id").to_string();
    let t = json(a.path(), &["thread", "--format", "json", &any]);
    assert_eq!(t["messages"].as_array().map(Vec::len), Some(3), "{t}");
}

/// Replies to one message that the archive lacks (a series' cover letter, a ticket's first
/// mail) are one thread, as in JWZ's algorithm and notmuch; so are the copies of one message
/// (one Message-ID, other bytes); git send-email's `<yes>` (not a msg-id) joins nothing.
#[test]
fn missing_parents_and_copies_join_threads_but_yes_does_not() {
    let dir = tempfile::tempdir().expect("tmp");
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).expect("mkdir");
    let msg = |file: &str, id: &str, refs: &str, subject: &str| {
        let text = format!(
            "From: a@example.org\r\nTo: b@example.org\r\nSubject: {subject}\r\n\
             Date: Mon, 1 Mar 2010 10:00:00 +0000\r\nMessage-ID: <{id}>\r\n\
             In-Reply-To: {refs}\r\nReferences: {refs}\r\n\r\n{subject}, body.\r\n"
        );
        std::fs::write(mail.join(file), text).expect("write");
    };
    msg(
        "1.eml",
        "r1@example.org",
        "<ticket-7@example.org>",
        "Ticket opened",
    );
    msg(
        "2.eml",
        "r2@example.org",
        "<ticket-7@example.org>",
        "Ticket closed",
    );
    msg("3.eml", "p1@example.org", "<yes>", "[PATCH] one thing");
    msg("4.eml", "p2@example.org", "<yes>", "[PATCH] another thing");
    // one message sent to two bug reports: each copy as the tracker changed it
    msg(
        "5.eml",
        "copy@example.org",
        "<bug-1@example.org>",
        "Bug#1: severity",
    );
    msg(
        "6.eml",
        "copy@example.org",
        "<bug-2@example.org>",
        "Bug#2: severity",
    );
    let a = dir.path().join("archive");
    json(
        &a,
        &["ingest", "--format", "json", &mail.display().to_string()],
    );
    let thread = |mid: &str| {
        let v = json(&a, &["search", "--format", "json", &format!("id:{mid}")]);
        let id = v["hits"][0]["id"].as_str().expect("id").to_string();
        let t = json(&a, &["thread", "--format", "json", &id]);
        t["messages"].as_array().expect("messages").len()
    };
    assert_eq!(
        thread("r1@example.org"),
        2,
        "siblings under a missing parent"
    );
    assert_eq!(thread("r2@example.org"), 2);
    assert_eq!(thread("p1@example.org"), 1, "<yes> is not a message");
    assert_eq!(thread("p2@example.org"), 1);
    assert_eq!(thread("copy@example.org"), 2, "the copies of one message");
}

#[test]
fn aliases_can_be_loaded_and_listed() {
    let a = fixture_archive();
    let file = a.path().join("aliases.tsv");
    std::fs::write(
        &file,
        "# people\nCheryl Mills\tmillscd@state.gov, Mills, Cheryl D\n",
    )
    .expect("write");
    let (code, _, err) = spoor(a.path(), &["alias", "load", &file.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let (_, list, _) = spoor(a.path(), &["alias", "list"]);
    assert!(list.contains("Cheryl Mills\tmillscd@state.gov"), "{list}");
    assert!(list.contains("Sidney Blumenthal\tsbwhoeop"), "{list}");
    assert_eq!(search(a.path(), "from:\"Cheryl Mills\"").0, 1);
}

#[test]
fn compact_keeps_every_document_searchable() {
    let a = fixture_archive();
    let before = search(a.path(), "algeria OR sahel OR consul").0;
    let (code, _, err) = spoor(a.path(), &["compact"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("compacted"), "{err}");
    assert_eq!(search(a.path(), "algeria OR sahel OR consul").0, before);
    let s = json(a.path(), &["stats", "--format", "json"]);
    assert_eq!(s["documents"], s["indexed"]);
    // and the archive still takes new documents
    let extra = fixtures().join("mime/qp-latin1.eml").display().to_string();
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("x.eml");
    std::fs::write(
        &copy,
        std::fs::read(&extra)
            .expect("read")
            .iter()
            .chain(b"\r\nPS.\r\n")
            .copied()
            .collect::<Vec<u8>>(),
    )
    .expect("write");
    let r = json(
        a.path(),
        &["ingest", "--format", "json", &copy.display().to_string()],
    );
    assert_eq!(r["added"], 1);
}

#[test]
fn stats_count_documents_by_collection_and_language() {
    let a = fixture_archive();
    let s = json(a.path(), &["stats", "--format", "json"]);
    let coll = s["facets"]["collection"].as_array().expect("collection");
    assert!(
        coll.iter().any(|e| e[0] == "kaggle" && e[1] == 5),
        "{coll:?}"
    );
    assert_eq!(s["documents"], s["indexed"]);
}

#[test]
fn a_missing_archive_is_explained() {
    let dir = tempfile::tempdir().expect("tmp");
    let (code, _, err) = spoor(&dir.path().join("nothing"), &["search", "gas"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no archive at") && err.contains("ingest"),
        "{err}"
    );
}

/// Cables in their public text forms and excerpts of the real release: reference
/// ids as doc numbers, the Congress layout read, the memo's renditions one family.
#[test]
fn cables_and_release_excerpts() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path();
    let f = fixtures();
    let paths: Vec<String> = ["cables", "release", "seed/C05798096.txt"]
        .iter()
        .map(|p| f.join(p).display().to_string())
        .collect();
    let mut args = vec!["ingest", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let r = json(a, &args);
    assert_eq!(r["failed"].as_array().map(Vec::len), Some(0), "{r}");
    assert_eq!(r["warnings"].as_array().map(Vec::len), Some(0), "{r}");

    // two excerpts of one cable in two forms (too short to be a family)
    let r = json(a, &["search", "--format", "json", "docno:07ALGIERS1680"]);
    assert_eq!(r["total"], 2, "{r}");
    for h in r["hits"].as_array().expect("hits") {
        assert_eq!(
            h["subject"],
            "SCENESETTER FOR AMBASSADOR SCHULTE'S ALGERIA VISIT"
        );
        assert_eq!(h["from"], "Embassy Algiers");
        assert_eq!(h["date"], "2007-11-20T12:41:00Z");
    }
    let r = json(
        a,
        &[
            "search",
            "--format",
            "json",
            "docno:06algiers401 kind:cable",
        ],
    );
    assert_eq!(r["total"], 1, "{r}");

    // the Congress layout: stamp read, legends gone
    let r = json(a, &["search", "--format", "json", "docno:C05739545"]);
    assert_eq!(r["total"], 2, "a forward and the message it carries: {r}");
    let r = json(a, &["search", "--format", "json", "benghazi"]);
    assert_eq!(r["total"], 0, "production legends are not text: {r}");

    // the memo: five renditions, one hit, listed by show with the memo first
    let r = json(
        a,
        &[
            "search",
            "--format",
            "json",
            "\"highly secret understanding\"",
        ],
    );
    assert_eq!(r["hits"].as_array().map(Vec::len), Some(1), "{r}");
    assert_eq!(r["hits"][0]["renditions"], 5);
    let r = json(
        a,
        &[
            "search",
            "--format",
            "json",
            "--all-renditions",
            "\"highly secret understanding\"",
        ],
    );
    assert_eq!(r["hits"].as_array().map(Vec::len), Some(5), "{r}");
    let id = r["hits"][0]["id"].as_str().expect("id").to_string();
    let r = json(a, &["show", "--format", "json", &id]);
    let reps = r["renditions"].as_array().expect("renditions");
    assert_eq!(reps.len(), 5);
    assert_eq!(reps[0]["doc_no"], "C05798096", "{reps:?}");
    assert_eq!(reps[0]["representative"], true);
}

/// An Arabic document: detected as Arabic, indexed with Arabic normalisation and
/// stemming, found by `lang:ar` and by Arabic words in other forms.
#[test]
fn arabic_documents_are_searchable() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path();
    let f = fixtures();
    let ar = f.join("arabic").display().to_string();
    let docs = f.join("docs").display().to_string();
    json(a, &["ingest", "--format", "json", &ar, &docs]);
    let total = |q: &str| json(a, &["search", "--format", "json", q])["total"].clone();
    assert_eq!(total("lang:ar"), 1);
    // the document writes الحكومات (the governments) and الساحل (the Sahel)
    assert_eq!(
        total("حكومة"),
        1,
        "a singular without the article finds the plural"
    );
    assert_eq!(total("ساحل"), 1);
    assert_eq!(total("الساحل"), 1);
    assert_eq!(total("باماكو"), 1);
    assert_eq!(total("lang:ar sahel"), 0);
    let r = json(a, &["search", "--format", "json", "lang:ar"]);
    assert!(
        r["hits"][0]["subject"]
            .as_str()
            .unwrap_or("")
            .contains("الساحل"),
        "{r}"
    );
}

/// Bad inputs the user hands over: a mapping naming a missing column fails that
/// file with one line; document text cannot send escape sequences to the terminal.
#[test]
fn mapping_errors_and_terminal_hygiene() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path();
    let csv = fixtures().join("exports/emails.csv").display().to_string();
    let (code, out, err) = spoor(
        a,
        &["ingest", "--map", "from=Nope,body=ExtractedBodyText", &csv],
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        out.contains("the mapping names the column \"Nope\""),
        "{out}"
    );
    assert!(out.contains("0 added"), "{out}");
    // a mapping is part of a row's identity: a corrected map reads the rows
    // again, the same map again reads nothing
    let ingest = |map: &str| json(a, &["ingest", "--format", "json", "--map", map, &csv]);
    let wrong = ingest("body=MetadataSubject");
    let rows = wrong["added"].as_u64().expect("added");
    assert!(rows > 0, "{wrong}");
    let right = ingest("from=MetadataFrom,body=ExtractedBodyText");
    assert_eq!(right["added"].as_u64(), Some(rows), "{right}");
    let again = ingest("body=ExtractedBodyText,from=MetadataFrom");
    assert_eq!(again["added"].as_u64(), Some(0), "{again}");

    let eml = a.join("evil.eml");
    std::fs::write(
        &eml,
        "From: a@b.c\nSubject: evil \u{1b}]0;pwned\u{7} title\n\nbody \u{1b}[2J cleared\n",
    )
    .expect("write");
    spoor(a, &["ingest", &eml.display().to_string()]);
    let (code, out, _) = spoor(a, &["search", "evil"]);
    assert_eq!(code, 0);
    assert!(
        !out.contains('\u{1b}'),
        "no escape reaches the terminal: {out:?}"
    );
    assert!(out.contains("?]0;pwned? title"), "{out}");
}

/// `spoor verify` re-reads every original against its content id: an intact
/// archive passes, a damaged blob file is reported by document, and `search`
/// still answers from the index.
#[test]
fn verify_reports_damage_by_document() {
    let a = fixture_archive();
    let (code, out, err) = spoor(a.path(), &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(" 0 damaged originals, 0 damaged documents"),
        "{out}"
    );
    let blobs = std::fs::read_dir(a.path().join("blobs"))
        .expect("blobs")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "log"))
        .expect("a blob log");
    let mut bytes = std::fs::read(&blobs).expect("read blobs");
    // flip one byte in the middle, and cut the last tenth off
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    bytes.truncate(bytes.len() * 9 / 10);
    std::fs::write(&blobs, &bytes).expect("write blobs");
    let (code, out, _) = spoor(a.path(), &["verify", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let damaged = v["damaged"].as_array().expect("damaged");
    assert!(!damaged.is_empty(), "{out}");
    assert!(
        v["damaged_originals"]
            .as_array()
            .is_some_and(|d| !d.is_empty()),
        "{out}"
    );
    let (code, _, err) = spoor(a.path(), &["search", "--ids", "*"]);
    assert_eq!(code, 0, "{err}");
    // a writer refuses to add documents beside records that point into nothing
    let more = fixtures().join("docs").display().to_string();
    let (code, _, err) = spoor(a.path(), &["ingest", &more]);
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("damaged") && err.contains("spoor verify"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// A copy of `src` (an archive directory) at `dst`.
fn copy_archive(src: &std::path::Path, dst: &std::path::Path) {
    for e in walk_files(src) {
        let to = dst.join(e.strip_prefix(src).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&e, &to).expect("copy");
    }
}

fn walk_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)
        .expect("read_dir")
        .filter_map(|e| e.ok())
    {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_damaged_catalog_gives_one_line_errors_never_a_panic() {
    let a = fixture_archive();
    let size = std::fs::metadata(a.path().join("catalog.redb"))
        .expect("catalog")
        .len();
    let mut damaged_reports = 0;
    // one flipped byte every 2 KiB of the catalog, each in a fresh copy
    for off in (0..size).step_by(2048) {
        let tmp = tempfile::tempdir().expect("tmp");
        let copy = tmp.path().join("a");
        copy_archive(a.path(), &copy);
        let cat = copy.join("catalog.redb");
        let mut bytes = std::fs::read(&cat).expect("read");
        bytes[off as usize] ^= 0xff;
        std::fs::write(&cat, &bytes).expect("write");
        for args in [
            &["stats"][..],
            &["search", "gas"],
            &["ingest", "/etc/hostname"],
        ] {
            let (code, _, err) = spoor(&copy, args);
            assert!(
                (code == 0 || code == 1) && !err.contains("panicked"),
                "byte {off} flipped, spoor {args:?}: exit {code}: {err}"
            );
            if code == 1 {
                assert_eq!(err.trim().lines().count(), 1, "{err}");
                damaged_reports += usize::from(err.contains("is damaged"));
            }
        }
    }
    // the flips did reach pages redb reads (these used to panic)
    assert!(damaged_reports > 0, "no flip reached a page that is read");
}

#[test]
fn reindex_repairs_a_missing_or_damaged_index() {
    let a = fixture_archive();
    let (_, before) = search(a.path(), "gas");
    let stats = json(a.path(), &["stats", "--format", "json"]);
    let index = a.path().join("index");
    let segment = walk_files(&index)
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("a segment");
    for damage in ["segment", "meta", "gone"] {
        match damage {
            "segment" => std::fs::remove_file(&segment).expect("rm"),
            "meta" => std::fs::write(index.join("meta.json"), "garbage").expect("write"),
            _ => std::fs::remove_dir_all(&index).expect("rm -r"),
        }
        let (code, _, err) = spoor(a.path(), &["search", "gas"]);
        assert_eq!(code, 1, "{damage}: {err}");
        assert!(err.contains("spoor reindex"), "{damage}: {err}");
        let (code, _, err) = spoor(a.path(), &["reindex"]);
        assert_eq!(code, 0, "{damage}: {err}");
        assert_eq!(search(a.path(), "gas").1, before, "{damage}");
    }
    let after = json(a.path(), &["stats", "--format", "json"]);
    assert_eq!(after["documents"], stats["documents"]);
    assert_eq!(after["indexed"], stats["documents"]);
}
