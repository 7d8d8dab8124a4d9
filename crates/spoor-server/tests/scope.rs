//! Route × role × collection: no route reveals anything (a document, a count,
//! a facet value, a snippet, a source of a check) from a collection the caller
//! cannot read.

mod common;

use axum::http::StatusCode;
use common::{Answer, Auth, Served, served};
use serde_json::Value;

/// A caller of the table: how it authenticates and the collections it may read
/// (`None`: anonymous, refused everywhere).
struct Row {
    name: &'static str,
    auth: Auth,
    readable: Option<Vec<&'static str>>,
}

fn rows(s: &Served) -> Vec<Row> {
    let row = |name: &'static str, readable: &[&'static str]| Row {
        name,
        auth: s.session(name),
        readable: Some(readable.to_vec()),
    };
    vec![
        row("admin", &["desk-a", "desk-b"]),
        row("owner-a", &["desk-a"]),
        row("viewer-a", &["desk-a"]),
        row("viewer-b", &["desk-b"]),
        row("nobody", &[]),
        Row {
            name: "anonymous",
            auth: Auth::None,
            readable: None,
        },
    ]
}

impl Served {
    fn ids(&self, coll: &str) -> &[String] {
        if coll == "desk-a" {
            &self.ids_a
        } else {
            &self.ids_b
        }
    }

    /// The ids of the collections `readable` leaves out.
    fn hidden(&self, readable: &[&str]) -> Vec<String> {
        ["desk-a", "desk-b"]
            .into_iter()
            .filter(|c| !readable.contains(c))
            .flat_map(|c| self.ids(c).to_vec())
            .collect()
    }
}

fn assert_reveals_none(who: &str, what: &str, r: &Answer, hidden: &[String]) {
    let text = r.text();
    for id in hidden {
        assert!(
            !text.contains(id.as_str()),
            "{who} {what} reveals {id}: {text}"
        );
    }
}

fn assert_refused(who: &str, what: &str, r: &Answer, hidden: &[String]) {
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "{who} {what}: {}",
        r.text()
    );
    assert!(r.json()["error"].is_string());
    assert_reveals_none(who, what, r, hidden);
}

async fn search_row(s: &Served, row: &Row, hidden: &[String]) {
    let uri = "/api/v1/search?q=collection:desk-a%20OR%20collection:desk-b&facets=collection,from,to,year,kind,lang&limit=500&all_renditions=true";
    let r = s.send("GET", uri, &row.auth, vec![]).await;
    let Some(readable) = &row.readable else {
        return assert_refused(row.name, "search", &r, hidden);
    };
    assert_eq!(r.status, StatusCode::OK, "{}: {}", row.name, r.text());
    let j = r.json();
    let expect: usize = readable.iter().map(|c| s.ids(c).len()).sum();
    assert_eq!(
        j["total"].as_u64(),
        Some(expect as u64),
        "{} total",
        row.name
    );
    for h in j["hits"].as_array().into_iter().flatten() {
        let c = h["collection"].as_str().unwrap_or("");
        assert!(readable.contains(&c), "{} sees a hit of {c}", row.name);
    }
    let mut colls: Vec<(String, u64)> =
        serde_json::from_value(j["facets"]["collection"].clone()).expect("facet counts");
    let want: Vec<(String, u64)> = readable
        .iter()
        .map(|c| (c.to_string(), s.ids(c).len() as u64))
        .collect();
    colls.sort();
    assert_eq!(colls, want, "{} collection facet", row.name);
    let years: u64 = j["facets"]["kind"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p[1].as_u64())
        .sum();
    assert!(
        years <= expect as u64,
        "{} kind counts {years} > {expect}",
        row.name
    );
    assert_reveals_none(row.name, "search", &r, hidden);
    // the words of the other desk find nothing there either
    for (word, coll) in [("schedule", "desk-a"), ("libya", "desk-b")] {
        let r = s
            .send(
                "GET",
                &format!("/api/v1/search?q={word}&facets=collection"),
                &row.auth,
                vec![],
            )
            .await;
        let total = r.json()["total"].as_u64().unwrap_or(0);
        assert_eq!(
            total > 0,
            readable.contains(&coll),
            "{} searching {word}",
            row.name
        );
        assert_reveals_none(row.name, "search", &r, hidden);
    }
}

async fn documents_row(s: &Served, row: &Row, hidden: &[String]) {
    for coll in ["desk-a", "desk-b"] {
        let id = &s.ids(coll)[0];
        let missing = "f".repeat(id.len());
        for (what, path) in [
            ("document", "/api/v1/documents/{}"),
            ("original", "/api/v1/documents/{}/raw"),
            ("thread", "/api/v1/threads/{}"),
        ] {
            let r = s
                .send("GET", &path.replace("{}", id), &row.auth, vec![])
                .await;
            let Some(readable) = &row.readable else {
                assert_refused(row.name, what, &r, hidden);
                continue;
            };
            if readable.contains(&coll) {
                assert_eq!(r.status, StatusCode::OK, "{} {what} of {coll}", row.name);
            } else {
                // exactly what a missing document gives
                let m = s
                    .send("GET", &path.replace("{}", &missing), &row.auth, vec![])
                    .await;
                assert_eq!(
                    r.status,
                    StatusCode::NOT_FOUND,
                    "{} {what} of {coll}",
                    row.name
                );
                assert_eq!(m.status, StatusCode::NOT_FOUND);
                assert_eq!(r.text().replace(id.as_str(), &missing), m.text());
            }
            // a refusal repeats the id asked for, as for a missing one; an answer names no other
            if what != "original" && r.status == StatusCode::OK {
                assert_reveals_none(row.name, what, &r, hidden);
            }
        }
    }
}

async fn listings_row(s: &Served, row: &Row, hidden: &[String]) {
    let r = s
        .send("GET", "/api/v1/collections", &row.auth, vec![])
        .await;
    let Some(readable) = &row.readable else {
        assert_refused(row.name, "collections", &r, hidden);
        let a = s.send("GET", "/api/v1/aliases", &row.auth, vec![]).await;
        return assert_refused(row.name, "aliases", &a, hidden);
    };
    let names: Vec<String> = r
        .json()
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str().map(str::to_string))
        .collect();
    assert_eq!(names, *readable, "{} collections", row.name);
}

/// An article retelling a desk-b memo and the desk-a thread.
const ARTICLE: &str = "Desk news\n\nThe Algerian forces moved on the gas facility without notifying the embassy, officials said.\n\nFrench intelligence reports on the Algerian hostage crisis reached Washington on Monday.\n";

async fn check_row(s: &Served, row: &Row, hidden: &[String]) {
    for format in ["json", "html", "markdown", "claimreview"] {
        let uri = format!("/api/v1/check?format={format}");
        let r = s
            .send("POST", &uri, &row.auth, ARTICLE.as_bytes().to_vec())
            .await;
        let Some(readable) = &row.readable else {
            return assert_refused(row.name, "check", &r, hidden);
        };
        assert_eq!(r.status, StatusCode::OK, "{} check: {}", row.name, r.text());
        assert_reveals_none(row.name, &format!("check {format}"), &r, hidden);
        if format != "json" {
            continue;
        }
        let j: Value = r.json();
        let sources: Vec<&str> = j["sources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["id"].as_str())
            .collect();
        // the check still finds what the caller may read
        for coll in ["desk-a", "desk-b"] {
            let found = sources.iter().any(|id| s.ids(coll).iter().any(|x| x == id));
            assert_eq!(
                found,
                readable.contains(&coll),
                "{} check sources of {coll}: {sources:?}",
                row.name
            );
        }
    }
}

async fn pages_row(s: &Served, row: &Row, hidden: &[String]) {
    let search = "/search?q=collection:desk-a%20OR%20collection:desk-b";
    let (cookie, csrf) = match &row.auth {
        Auth::Session { id, csrf } => (format!("spoor_session={id}"), csrf.clone()),
        _ => (String::new(), String::new()),
    };
    let get = |uri: String| {
        let cookie = cookie.clone();
        async move {
            s.send_with("GET", &uri, &Auth::None, vec![], &[("cookie", &cookie)])
                .await
        }
    };
    let r = get(search.to_string()).await;
    let Some(readable) = &row.readable else {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "anonymous search page");
        return;
    };
    assert_eq!(r.status, StatusCode::OK);
    let expect: usize = readable.iter().map(|c| s.ids(c).len()).sum();
    assert!(
        r.text().contains(&format!("{expect} matching documents")),
        "{}: {}",
        row.name,
        r.text()
    );
    assert_reveals_none(row.name, "search page", &r, hidden);
    for id in hidden.iter().take(3) {
        let r = get(format!("/documents/{id}")).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{} document page",
            row.name
        );
    }
    for coll in readable {
        let r = get(format!("/documents/{}", s.ids(coll)[0])).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_reveals_none(row.name, "document page", &r, hidden);
    }
    let body = format!(
        "csrf={csrf}&article={}",
        ARTICLE.replace(' ', "+").replace('\n', "%0A")
    );
    let form = ("content-type", "application/x-www-form-urlencoded");
    let r = s
        .send_with(
            "POST",
            "/check",
            &Auth::None,
            body.into_bytes(),
            &[form, ("cookie", &cookie)],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{} check page: {}",
        row.name,
        r.text()
    );
    assert_reveals_none(row.name, "check page", &r, hidden);
}

#[tokio::test]
async fn no_route_reveals_a_collection_the_caller_cannot_read() {
    let s = served(true);
    for row in rows(&s) {
        let hidden = s.hidden(row.readable.as_deref().unwrap_or(&[]));
        search_row(&s, &row, &hidden).await;
        documents_row(&s, &row, &hidden).await;
        listings_row(&s, &row, &hidden).await;
        check_row(&s, &row, &hidden).await;
        pages_row(&s, &row, &hidden).await;
    }
}
