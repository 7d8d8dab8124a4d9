//! Every operator of the query language, end to end through the `spoor` binary,
//! on an archive built from the fixtures.

mod common;
use common::*;
use std::sync::OnceLock;

fn archive() -> &'static std::path::Path {
    static A: OnceLock<tempfile::TempDir> = OnceLock::new();
    A.get_or_init(fixture_archive).path()
}

fn total(q: &str) -> u64 {
    search(archive(), q).0
}

fn subjects(q: &str) -> Vec<String> {
    let mut s = search(archive(), q).1;
    s.sort();
    s
}

#[test]
fn words_are_stemmed_per_language() {
    // the memo's "meet" and the schedule's "meetings"
    assert_eq!(
        subjects("meeting"),
        [
            "Latest French Intelligence Reports on Algerian Hostage Crisis",
            "Schedule for Monday"
        ]
    );
    assert_eq!(
        subjects("vergadering"),
        ["Vergadering over de gijzeling – verslag"]
    );
    assert_eq!(subjects("réunion"), ["Réunion à Alger"]);
    assert_eq!(
        subjects("reunion"),
        ["Réunion à Alger"],
        "accents are folded"
    );
    assert_eq!(total("zzzunknownword"), 0);
}

#[test]
fn attachment_text_and_names_are_searchable() {
    assert_eq!(subjects("tessalit"), ["Sahel files"]);
    assert_eq!(
        subjects("smuggling routes"),
        ["BRIEFING NOTE: SAHEL SECURITY", "Sahel files"]
    );
}

#[test]
fn phrases_keep_word_order() {
    let s = subjects("\"sensitive source\"");
    assert!(
        s.contains(&"LIBYA: INTELLIGENCE ON THE TRANSITIONAL COUNCIL".to_string()),
        "{s:?}"
    );
    assert!(
        s.contains(&"LATEST FRENCH INTELLIGENCE REPORTS ON ALGERIAN HOSTAGE CRISIS".to_string())
    );
    assert_eq!(total("\"source sensitive\""), 0);
}

#[test]
fn address_fields() {
    assert_eq!(subjects("from:millscd@state.gov"), ["Schedule for Monday"]);
    assert_eq!(
        subjects("from:state.gov"),
        [
            "Algeria update",
            "Re: Algeria update",
            "Schedule for Monday"
        ]
    );
    assert_eq!(subjects("to:analyst@example.org"), ["Re: Sahel files"]);
    assert_eq!(subjects("cc:millscd@state.gov"), ["Re: Algeria update"]);
    assert_eq!(
        subjects("from:sullivan"),
        ["Algeria update", "Re: Algeria update"],
        "name words"
    );
}

#[test]
fn aliases_resolve_in_address_fields() {
    // the memo as e-mail (also in the mbox: stored once) and the CSV row carry only the handle
    assert_eq!(
        subjects("from:\"Sidney Blumenthal\""),
        [
            "LATEST FRENCH INTELLIGENCE REPORTS ON ALGERIAN HOSTAGE CRISIS",
            "LATEST FRENCH INTELLIGENCE REPORTS ON ALGERIAN HOSTAGE CRISIS"
        ]
    );
    assert_eq!(total("from:sbwhoeop"), 2);
}

#[test]
fn subject_and_body_fields() {
    assert_eq!(
        subjects("subject:sahel"),
        [
            "ALGERIA: SOUTHERN BORDER SECURITY AND THE SAHEL",
            "BRIEFING NOTE: SAHEL SECURITY",
            "Re: Sahel files",
            "Sahel files"
        ]
    );
    // "Re: Sahel files" has the word only in its subject
    assert!(subjects("sahel").contains(&"Re: Sahel files".to_string()));
    assert!(!subjects("body:sahel").contains(&"Re: Sahel files".to_string()));
    assert_eq!(subjects("body:tessalit"), ["Sahel files"]);
    assert_eq!(total("subject:tessalit"), 0);
}

#[test]
fn keyword_fields() {
    assert_eq!(total("docno:C05799999"), 3);
    assert_eq!(
        total("docno:c05798096"),
        2,
        "FOIA text and the CSV row; case does not matter"
    );
    assert_eq!(total("case:F-2014-20439"), 7);
    assert_eq!(total("collection:kaggle"), 5);
    assert_eq!(
        subjects("lang:nl"),
        ["Vergadering over de gijzeling – verslag"]
    );
    assert_eq!(subjects("lang:fr"), ["Réunion à Alger"]);
    assert_eq!(
        subjects("has:attachment"),
        ["Fwd: Statement on the consul", "Sahel files"]
    );
    assert_eq!(subjects("kind:attached_email"), ["Statement on the consul"]);
}

#[test]
fn date_ranges_at_each_precision() {
    let day = subjects("date:2013-01-18");
    assert!(day.contains(&"Sahel files".to_string()), "{day:?}");
    assert!(!day.contains(&"Schedule for Monday".to_string()));
    assert_eq!(
        subjects("date:2010..2011"),
        [
            "ALGERIA: SOUTHERN BORDER SECURITY AND THE SAHEL",
            "LIBYA: INTELLIGENCE ON THE TRANSITIONAL COUNCIL"
        ]
    );
    assert_eq!(
        subjects("date:..2010"),
        ["ALGERIA: SOUTHERN BORDER SECURITY AND THE SAHEL"]
    );
    assert_eq!(
        subjects("date:2013-01-20.."),
        [
            "Re: Sources for the Sahara story",
            "Schedule for Monday",
            "Sources for the Sahara story"
        ]
    );
    assert_eq!(subjects("date:2012-03"), ["BRIEFING NOTE: SAHEL SECURITY"]);
    assert_eq!(
        subjects("date:20120412"),
        ["Re: The consul in Gao", "Statement on the consul"],
        "mu-style day"
    );
    let (code, _, err) = spoor(archive(), &["search", "date:2013-13"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a date"), "{err}");
}

#[test]
fn boolean_operators_and_parentheses() {
    let both = total("algeria AND update");
    let algeria = total("algeria");
    assert!(both > 0 && both < algeria);
    assert_eq!(total("algeria update"), both, "implicit AND");
    // the Libya memo, the Tessalit cable and the seed memo's "the new Libya"
    assert_eq!(total("libya OR tessalit"), 3);
    assert_eq!(subjects("consul -gao"), ["Fwd: Statement on the consul"]);
    assert_eq!(total("consul NOT gao"), 1);
    assert_eq!(
        subjects("(libya OR tessalit) AND date:2011"),
        ["LIBYA: INTELLIGENCE ON THE TRANSITIONAL COUNCIL"]
    );
    assert_eq!(
        total("NOT algeria") + algeria,
        total("date:1900.."),
        "pure negation is the complement"
    );
}

#[test]
fn fuzzy_and_prefix_terms() {
    assert_eq!(total("belmokhtr"), 0);
    assert!(total("belmokhtr~") >= 2, "one edit away from Belmokhtar");
    assert_eq!(
        total("inrivatethat~2"),
        total("inrivatethat"),
        "OCR-joined words are kept as is"
    );
    assert_eq!(subjects("tessal*"), ["Sahel files"]);
}

#[test]
fn sort_limit_offset_and_json_contract() {
    let v = json(
        archive(),
        &[
            "search",
            "--format",
            "json",
            "--sort",
            "date",
            "--limit",
            "3",
            "algeria OR sahara",
        ],
    );
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 3);
    let dates: Vec<&str> = hits
        .iter()
        .map(|h| h["date"].as_str().expect("date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    for k in [
        "id",
        "doc_no",
        "message_id",
        "subject",
        "from",
        "to",
        "date",
        "score",
        "snippet",
    ] {
        assert!(hits[0].get(k).is_some(), "hit lacks {k}: {}", hits[0]);
    }
    assert!(dates[0].ends_with('Z'), "RFC 3339 UTC: {}", dates[0]);
    let p1 = json(
        archive(),
        &[
            "search",
            "--format",
            "json",
            "--limit",
            "2",
            "case:F-2014-20439",
        ],
    );
    let p2 = json(
        archive(),
        &[
            "search",
            "--format",
            "json",
            "--limit",
            "2",
            "--offset",
            "2",
            "case:F-2014-20439",
        ],
    );
    assert_eq!(p1["total"], 7);
    assert_eq!(p2["hits"].as_array().map(Vec::len), Some(2));
    assert_ne!(p1["hits"][0]["id"], p2["hits"][0]["id"]);
}

#[test]
fn snippets_mark_the_matched_words() {
    let v = json(archive(), &["search", "--format", "json", "gijzeling"]);
    let hit = &v["hits"][0];
    let snippet = hit["snippet"].as_str().expect("snippet");
    let (a, b) = (
        hit["highlights"][0][0].as_u64().expect("a") as usize,
        hit["highlights"][0][1].as_u64().expect("b") as usize,
    );
    assert_eq!(&snippet[a..b], "gijzeling");
    // the new text is preferred: the reply's snippet comes from its own words
    let v = json(
        archive(),
        &[
            "search",
            "--format",
            "json",
            "subject:\"re: sahel files\" convoy",
        ],
    );
    assert!(
        v["hits"][0]["snippet"]
            .as_str()
            .expect("s")
            .contains("second source")
    );
}

#[test]
fn facets_count_over_all_matches() {
    let v = json(
        archive(),
        &[
            "search",
            "--format",
            "json",
            "--facets",
            "from,year",
            "case:F-2014-20439",
        ],
    );
    let from = v["facets"]["from"].as_array().expect("from facet");
    let find = |k: &str| {
        from.iter()
            .find(|e| e[0] == k)
            .map(|e| e[1].as_u64().unwrap_or(0))
    };
    assert_eq!(find("sullivanjj@state.gov"), Some(2));
    assert_eq!(
        find("Hillary Clinton"),
        Some(2),
        "the handle h is counted under its alias: {from:?}"
    );
    let years = v["facets"]["year"].as_array().expect("year facet");
    assert_eq!(
        years
            .iter()
            .map(|e| e[1].as_u64().unwrap_or(0))
            .sum::<u64>(),
        7
    );
}

#[test]
fn bad_queries_say_what_is_wrong() {
    for (q, words) in [
        ("(gas", "parenthesis"),
        ("\"open", "quote"),
        ("has:nothing", "has:"),
        ("gas OR", "ends too early"),
    ] {
        let (code, _, err) = spoor(archive(), &["search", q]);
        assert_eq!(code, 1, "{q}");
        assert!(err.contains(words), "{q}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
}

/// Hostile queries get a clear one-line error, never a panic or an abort.
#[test]
fn hostile_queries_are_refused_cleanly() {
    let a = archive();
    let long = "gas ".repeat(5_000);
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let nots = "NOT ".repeat(1_000) + "a";
    let many = "a ".repeat(1_000);
    for q in [
        long.as_str(),
        deep.as_str(),
        nots.as_str(),
        many.as_str(),
        "date:..",
    ] {
        let (code, _, err) = spoor(a, &["search", q]);
        assert_eq!(code, 1, "{q:.40}: {err}");
        assert!(err.starts_with("spoor: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    for (limit, offset) in [("1000000000", "0"), ("10", "100000000000")] {
        let (code, _, err) = spoor(a, &["search", "--limit", limit, "--offset", offset, "gas"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("at most"), "{err}");
    }
    // fuzzy and prefix oddities are queries, not crashes
    let (code, _, err) = spoor(a, &["search", "a~~~~"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
