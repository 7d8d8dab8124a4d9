//! Every route answers as docs/FORMATS.md ("HTTP API") says.

mod common;

use axum::http::StatusCode;
use common::{Auth, served};

#[tokio::test]
async fn search_answers_the_cli_contract_with_facets_and_paging() {
    let s = served(false);
    let r = s
        .send(
            "GET",
            "/api/v1/search?q=algeria&facets=collection,year&limit=2",
            &Auth::None,
            vec![],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let j = r.json();
    assert!(j["total"].as_u64().unwrap_or(0) >= 2, "{j}");
    assert_eq!(j["hits"].as_array().map(Vec::len), Some(2));
    let hit = &j["hits"][0];
    for key in [
        "id",
        "snippet",
        "highlights",
        "collection",
        "renditions",
        "score",
    ] {
        assert!(hit.get(key).is_some(), "{key} in {hit}");
    }
    assert!(j["facets"]["collection"].is_array() && j["facets"]["year"].is_array());
    let page2 = s
        .send(
            "GET",
            "/api/v1/search?q=algeria&limit=2&offset=2&sort=date",
            &Auth::None,
            vec![],
        )
        .await
        .json();
    assert_eq!(page2["total"], j["total"]);
}

#[tokio::test]
async fn search_errors_are_json_with_their_status() {
    let s = served(false);
    for (uri, status) in [
        ("/api/v1/search", StatusCode::BAD_REQUEST),
        ("/api/v1/search?q=a&sort=sideways", StatusCode::BAD_REQUEST),
        ("/api/v1/search?q=a&limit=100000", StatusCode::BAD_REQUEST),
        ("/api/v1/search?q=(((", StatusCode::BAD_REQUEST),
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND),
    ] {
        let r = s.send("GET", uri, &Auth::None, vec![]).await;
        assert_eq!(r.status, status, "{uri}: {}", r.text());
        assert!(
            r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}"
        );
    }
    let long = format!(
        "/api/v1/search?q={}",
        "a".repeat(spoor::MAX_QUERY_BYTES + 1)
    );
    assert_eq!(
        s.send("GET", &long, &Auth::None, vec![]).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_document_its_original_and_its_thread() {
    let s = served(false);
    let id = &s.ids_a[0];
    let d = s
        .send(
            "GET",
            &format!("/api/v1/documents/{id}"),
            &Auth::None,
            vec![],
        )
        .await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.text());
    let j = d.json();
    assert_eq!(j["id"], id.as_str());
    assert!(j["provenance"].is_array() && j["renditions"].is_array());

    let raw = s
        .send(
            "GET",
            &format!("/api/v1/documents/{id}/raw"),
            &Auth::None,
            vec![],
        )
        .await;
    assert_eq!(raw.status, StatusCode::OK);
    assert!(!raw.body.is_empty());
    let cd = raw.headers["content-disposition"].to_str().expect("ascii");
    assert!(cd.starts_with("attachment; filename=\"spoor-"), "{cd}");
    assert!(!cd.contains('/') && !cd.contains(".."), "{cd}");
    assert_eq!(raw.headers["content-type"], "application/octet-stream");

    let t = s
        .send("GET", &format!("/api/v1/threads/{id}"), &Auth::None, vec![])
        .await;
    assert_eq!(t.status, StatusCode::OK);
    let msgs = t.json()["messages"].as_array().cloned().unwrap_or_default();
    assert!(msgs.iter().any(|m| m["id"] == id.as_str()));

    let missing = "0".repeat(id.len());
    for path in ["documents/", "threads/"] {
        let r = s
            .send(
                "GET",
                &format!("/api/v1/{path}{missing}"),
                &Auth::None,
                vec![],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.json()["error"].as_str().is_some());
    }
}

#[test]
fn download_names_are_safe() {
    use spoor_server::api::download_name;
    assert_eq!(
        download_name("abcdef0123456789ff", "/x/seed.mbox"),
        "spoor-abcdef0123456789.eml"
    );
    assert_eq!(download_name("abc", "/x/a.PDF"), "spoor-abc.pdf");
    assert_eq!(download_name("abc", "/x/evil.\"; rm"), "spoor-abc.bin");
    assert_eq!(download_name("../..", ""), "spoor-.bin");
}

#[tokio::test]
async fn check_answers_in_every_report_format() {
    let s = served(false);
    let article = b"Algeria update\n\nThe Algerian forces moved on the gas facility without notifying us, officials said.\n".to_vec();
    let j = s
        .send("POST", "/api/v1/check", &Auth::None, article.clone())
        .await;
    assert_eq!(j.status, StatusCode::OK, "{}", j.text());
    let report = j.json();
    assert!(
        report["claims"].is_array() && report["sources"].is_array(),
        "{report}"
    );
    assert!(
        !report["sources"]
            .as_array()
            .map(Vec::is_empty)
            .unwrap_or(true),
        "{report}"
    );
    for (format, ctype, needle) in [
        ("html", "text/html; charset=utf-8", "<html"),
        ("markdown", "text/markdown; charset=utf-8", "#"),
        ("claimreview", "application/ld+json", "ClaimReview"),
    ] {
        let r = s
            .send(
                "POST",
                &format!("/api/v1/check?format={format}"),
                &Auth::None,
                article.clone(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{format}: {}", r.text());
        assert_eq!(r.headers["content-type"], ctype);
        assert!(r.text().contains(needle), "{format}: {}", r.text());
    }
    let bad = s
        .send("POST", "/api/v1/check?format=pdf", &Auth::None, article)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let empty = s.send("POST", "/api/v1/check", &Auth::None, vec![]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let huge = vec![b'a'; spoor::trace::MAX_ARTICLE_BYTES + 1];
    let r = s.send("POST", "/api/v1/check", &Auth::None, huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["error"].as_str().is_some());
}

#[tokio::test]
async fn collections_aliases_and_the_openapi_document() {
    let s = served(false);
    let c = s
        .send("GET", "/api/v1/collections", &Auth::None, vec![])
        .await
        .json();
    let names: Vec<&str> = c
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["name"].as_str())
        .collect();
    assert_eq!(names, ["desk-a", "desk-b"]);
    assert_eq!(c[0]["documents"].as_u64(), Some(s.ids_a.len() as u64));
    let a = s.send("GET", "/api/v1/aliases", &Auth::None, vec![]).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.json().is_array());
    let o = s
        .send("GET", "/api/v1/openapi.json", &Auth::None, vec![])
        .await
        .json();
    assert_eq!(o["openapi"], "3.1.0");
    for (method, path, _) in spoor_server::openapi::ROUTES {
        assert!(
            o["paths"][format!("/api/v1{path}")][method].is_object(),
            "{method} {path}"
        );
    }
    let search = &o["paths"]["/api/v1/search"]["get"]["parameters"];
    let names: Vec<&str> = search
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["q", "limit", "offset", "sort", "facets", "all_renditions"]
    );
    assert!(o["paths"]["/api/v1/login"]["post"]["requestBody"].is_object());
    assert_eq!(
        o["paths"]["/api/v1/tokens/{name}"]["delete"]["parameters"][0]["name"],
        "name"
    );
}

#[tokio::test]
async fn every_route_in_the_openapi_document_is_routed() {
    let s = served(false);
    for (method, path, _) in spoor_server::openapi::ROUTES {
        let uri = format!("/api/v1{}", path.replace("{id}", &s.ids_a[0]));
        let r = s
            .send(&method.to_uppercase(), &uri, &Auth::None, vec![])
            .await;
        assert!(
            r.status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        let not_routed = r.status == StatusCode::NOT_FOUND && r.text().contains("no route");
        assert!(!not_routed, "{method} {path}: {}", r.text());
    }
}

#[test]
fn no_accounts_means_loopback_only() {
    use spoor_server::listen_policy;
    let lo: std::net::SocketAddr = "127.0.0.1:8080".parse().expect("addr");
    let lo6: std::net::SocketAddr = "[::1]:8080".parse().expect("addr");
    let any: std::net::SocketAddr = "0.0.0.0:8080".parse().expect("addr");
    assert!(listen_policy(&lo, false).is_ok() && listen_policy(&lo6, false).is_ok());
    let why = listen_policy(&any, false).expect_err("refused");
    assert!(why.contains("spoor user add NAME --admin"), "{why}");
    assert!(listen_policy(&any, true).is_ok());
}

/// How the OpenAPI validator is installed (what `cargo xtask test` runs).
const VALIDATOR: &str =
    "python3 -m pip install openapi-spec-validator==0.9.0 (cargo xtask test installs it)";

/// `python3 -m openapi_spec_validator --schema 3.1` on `doc`: whether it passed, and what it said.
fn validate(doc: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, doc).expect("write");
    let out = std::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator", "--schema", "3.1"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 does not run ({e}): install python3, then {VALIDATOR}")
        });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !said.contains("No module named"),
        "the OpenAPI validator is missing: {VALIDATOR}\n{said}"
    );
    (out.status.success(), said)
}

/// Check `instance` against the schema `name` of the OpenAPI document `spec`
/// with Python's jsonschema (JSON Schema 2020-12, what OpenAPI 3.1 uses; it
/// comes with the validator): whether it meets it, and what was said.
fn meets(spec: &serde_json::Value, name: &str, instance: &serde_json::Value) -> (bool, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let schema = serde_json::json!({
        "$ref": format!("#/components/schemas/{name}"),
        "components": spec["components"],
    });
    let (s, i) = (
        dir.path().join("schema.json"),
        dir.path().join("instance.json"),
    );
    std::fs::write(&s, schema.to_string()).expect("write");
    std::fs::write(&i, instance.to_string()).expect("write");
    let script = "import json, sys, jsonschema\n\
        schema, instance = (json.load(open(p)) for p in sys.argv[1:3])\n\
        jsonschema.Draft202012Validator(schema).validate(instance)";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .args([&s, &i])
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 does not run ({e}): install python3, then {VALIDATOR}")
        });
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!said.contains("No module named"), "{VALIDATOR}\n{said}");
    (out.status.success(), said)
}

#[tokio::test]
async fn the_answers_of_search_show_and_check_meet_their_schemas() {
    let s = served(false);
    let spec = s
        .send("GET", "/api/v1/openapi.json", &Auth::None, vec![])
        .await
        .json();
    let get = |uri: String| {
        let s = &s;
        async move { s.send("GET", &uri, &Auth::None, vec![]).await.json() }
    };
    let search = get("/api/v1/search?q=algeria&facets=collection,year,from".into()).await;
    assert!(
        search["hits"].as_array().is_some_and(|h| !h.is_empty()),
        "{search}"
    );
    let mut shown = Vec::new();
    for id in s.ids_a.iter().chain(&s.ids_b) {
        shown.push(get(format!("/api/v1/documents/{id}")).await);
    }
    let article = b"Algeria update\n\nThe Algerian forces moved on the gas facility without notifying us, officials said.\n".to_vec();
    let check = s
        .send("POST", "/api/v1/check", &Auth::None, article)
        .await
        .json();
    let mut answers = vec![("SearchResults", search.clone()), ("CheckReport", check)];
    answers.extend(shown.into_iter().map(|d| ("DocumentView", d)));
    for (name, answer) in &answers {
        let (ok, said) = meets(&spec, name, answer);
        assert!(ok, "{name}: {said}\n{answer}");
    }
    // the schemas do say something: a hit's score must be a number
    let mut wrong = search;
    wrong["hits"][0]["score"] = "high".into();
    assert!(!meets(&spec, "SearchResults", &wrong).0);
    let ok = &spec["paths"]["/api/v1/search"]["get"]["responses"]["200"];
    assert_eq!(
        ok["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/SearchResults"
    );
    let job = &spec["paths"]["/api/v1/jobs"]["post"]["responses"];
    assert!(job["202"].is_object() && job["200"].is_null(), "{job}");
}

#[tokio::test]
async fn the_openapi_document_passes_an_openapi_3_1_validator() {
    let s = served(false);
    let r = s
        .send("GET", "/api/v1/openapi.json", &Auth::None, vec![])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let (ok, said) = validate(&r.body);
    assert!(ok, "the served OpenAPI document is invalid:\n{said}");
    // the validator does find faults: a path parameter the path lacks
    let mut broken = r.json();
    broken["paths"]["/api/v1/search"]["get"]["parameters"][0]["in"] = "path".into();
    let (ok, said) = validate(broken.to_string().as_bytes());
    assert!(!ok, "a broken document passed: {said}");
}
