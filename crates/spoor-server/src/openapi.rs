//! The OpenAPI 3.1 document of the API, at `GET /api/v1/openapi.json`.
//! [`ROUTES`] is the table both the document and the router
//! ([`crate::router`]) are built from.

use axum::Json;
use serde_json::{Value, json};

/// Every API route: method, path (under `/api/v1`), summary.
pub const ROUTES: [(&str, &str, &str); 20] = [
    (
        "post",
        "/login",
        "Start a session: {user, password} → {user, admin, csrf, expires_at}; sets the spoor_session cookie",
    ),
    ("post", "/logout", "End the session (x-csrf-token header)"),
    (
        "get",
        "/search",
        "Search (q, limit, offset, sort, facets, all_renditions) → the spoor search --format json contract",
    ),
    (
        "get",
        "/documents/{id}",
        "A document → the spoor show --format json contract",
    ),
    (
        "get",
        "/documents/{id}/raw",
        "The original bytes of a document, as a download",
    ),
    (
        "get",
        "/threads/{id}",
        "The thread of a document → the spoor thread --format json contract",
    ),
    (
        "post",
        "/check",
        "Check the article in the body (text or HTML; format=json|html|markdown|claimreview, lang, collection, url)",
    ),
    (
        "get",
        "/collections",
        "The collections the caller may read → [{name, documents}]",
    ),
    ("get", "/aliases", "The alias table → [{alias, canonical}]"),
    ("get", "/openapi.json", "This document"),
    (
        "get",
        "/me",
        "The caller → {user, token, readable (\"all\" or a list), csrf}",
    ),
    (
        "get",
        "/users",
        "Every user with its grants (administrators)",
    ),
    (
        "get",
        "/tokens",
        "The caller's API tokens (every token for an administrator)",
    ),
    (
        "post",
        "/tokens",
        "Create a token: {name, user?, days?} → {token, info}, the token shown once",
    ),
    ("delete", "/tokens/{name}", "Revoke a token"),
    (
        "get",
        "/audit",
        "Audit events, oldest first (user, action, since, limit; administrators)",
    ),
    (
        "post",
        "/jobs",
        "Start an ingest job (editors of the collection): a multipart upload (collection, file…) or {path, collection} under a --ingest-root → 202 and the job",
    ),
    (
        "get",
        "/jobs",
        "The ingest jobs of the collections the caller reads, newest first",
    ),
    (
        "get",
        "/jobs/{id}",
        "An ingest job: state, files and bytes done, documents committed, per-file errors, the report",
    ),
    (
        "delete",
        "/jobs/{id}",
        "Cancel an ingest job (it stops before its next batch, keeping what it committed)",
    ),
];

/// A query parameter.
fn query(name: &str, schema: Value, required: bool) -> Value {
    json!({"name": name, "in": "query", "required": required, "schema": schema})
}

/// The parameters of a route: its path segments and query.
fn parameters(method: &str, path: &str) -> Vec<Value> {
    let string = json!({"type": "string"});
    let mut params: Vec<Value> = ["id", "name"]
        .into_iter()
        .filter(|p| path.contains(&format!("{{{p}}}")))
        .map(|p| json!({"name": p, "in": "path", "required": true, "schema": string}))
        .collect();
    match (method, path) {
        ("get", "/search") => params.extend([
            query("q", string.clone(), true),
            query(
                "limit",
                json!({"type": "integer", "minimum": 0, "maximum": crate::api::MAX_PAGE}),
                false,
            ),
            query("offset", json!({"type": "integer", "minimum": 0}), false),
            query(
                "sort",
                json!({"enum": ["relevance", "date", "date-asc"]}),
                false,
            ),
            query("facets", string.clone(), false),
            query("all_renditions", json!({"type": "boolean"}), false),
        ]),
        ("get", "/audit") => params.extend([
            query("user", string.clone(), false),
            query("action", string.clone(), false),
            query("since", string.clone(), false),
            query("limit", json!({"type": "integer", "minimum": 1}), false),
        ]),
        ("post", "/check") => params.extend([
            query(
                "format",
                json!({"enum": ["json", "html", "markdown", "claimreview"]}),
                false,
            ),
            query("lang", string.clone(), false),
            query("collection", string.clone(), false),
            query("url", string.clone(), false),
            query("publisher", string.clone(), false),
            query("publisher_url", string.clone(), false),
            query("review_url", string.clone(), false),
            query("review_date", string.clone(), false),
        ]),
        _ => {}
    }
    params
}

/// The request body of a route, if it has one.
fn request_body(method: &str, path: &str) -> Option<Value> {
    let object = |props: Value, required: Value| {
        json!({"required": true, "content": {"application/json": {"schema": {
            "type": "object", "properties": props, "required": required}}}})
    };
    match (method, path) {
        ("post", "/login") => Some(object(
            json!({"user": {"type": "string"}, "password": {"type": "string"}}),
            json!(["user", "password"]),
        )),
        ("post", "/tokens") => Some(object(
            json!({"name": {"type": "string"}, "user": {"type": "string"}, "days": {"type": "integer"}}),
            json!(["name"]),
        )),
        ("post", "/check") => Some(json!({"required": true, "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}}}})),
        ("post", "/jobs") => Some(json!({"required": true, "content": {
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "collection": {"type": "string"},
                "file": {"type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"}}},
                "required": ["file"]}},
            "application/json": {"schema": {"type": "object", "properties": {
                "path": {"type": "string"}, "collection": {"type": "string"}},
                "required": ["path", "collection"]}}}})),
        _ => None,
    }
}

/// A JSON answer of the schema `name` of [`schemas`].
fn json_answer(description: &str, name: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {
        "$ref": format!("#/components/schemas/{name}")}}}})
}

/// The success answer of a route: its status and what it holds.
fn success(method: &str, path: &str) -> (&'static str, Value) {
    let ok = match (method, path) {
        ("get", "/search") => {
            json_answer("the spoor search --format json contract", "SearchResults")
        }
        ("get", "/documents/{id}") => {
            json_answer("the spoor show --format json contract", "DocumentView")
        }
        ("get", "/documents/{id}/raw") => json!({"description": "the original bytes",
            "content": {"application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}}}),
        ("post", "/check") => {
            let mut r = json_answer(
                "the spoor check --format json contract, or the report in the format asked for",
                "CheckReport",
            );
            for t in ["text/html", "text/markdown", "application/ld+json"] {
                r["content"][t] = json!({"schema": {"type": "string"}});
            }
            r
        }
        ("post", "/jobs") => return ("202", json!({"description": "the job, queued"})),
        _ => json!({"description": "success"}),
    };
    ("200", ok)
}

fn operation(method: &str, path: &str, summary: &str) -> Value {
    let error = json!({"$ref": "#/components/responses/Error"});
    let (status, ok) = success(method, path);
    let mut responses = json!({});
    responses[status] = ok;
    for code in ["400", "401", "403", "404"] {
        responses[code] = error.clone();
    }
    match (method, path) {
        ("post", "/login") => responses["429"] = error.clone(),
        ("post", "/check" | "/jobs") => responses["413"] = error.clone(),
        _ => {}
    }
    let mut op =
        json!({"summary": summary, "parameters": parameters(method, path), "responses": responses});
    if let Some(body) = request_body(method, path) {
        op["requestBody"] = body;
    }
    op
}

/// The document.
pub fn spec() -> Value {
    let mut paths = serde_json::Map::new();
    for (method, path, summary) in ROUTES {
        let entry = paths
            .entry(format!("/api/v1{path}"))
            .or_insert_with(|| json!({}));
        entry[method] = operation(method, path, summary);
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "spoor", "version": env!("CARGO_PKG_VERSION")},
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "spoor_ and 64 hex digits"},
                "session": {"type": "apiKey", "in": "cookie", "name": "spoor_session"}
            },
            "responses": {"Error": {"description": "{\"error\": \"...\"}", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}}}}}
        },
        "security": [{"bearer": []}, {"session": []}]
    })
}

/// A string or null.
fn maybe_string() -> Value {
    json!({"type": ["string", "null"]})
}

/// An object with these properties, all of them required.
fn record(props: Value) -> Value {
    let required: Vec<String> = props
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    json!({"type": "object", "properties": props, "required": required})
}

/// The JSON Schemas of the answers of search, show and check (docs/FORMATS.md,
/// "Output contracts").
fn schemas() -> Value {
    let (s, n, strings) = (
        json!({"type": "string"}),
        json!({"type": "number"}),
        json!({"type": "array", "items": {"type": "string"}}),
    );
    let count = json!({"type": "integer", "minimum": 0});
    let rendition = record(
        json!({"id": s, "doc_no": maybe_string(), "subject": maybe_string(),
        "date": maybe_string(), "representative": {"type": "boolean"}}),
    );
    let hit = record(
        json!({"id": s, "doc_no": maybe_string(), "message_id": maybe_string(),
        "subject": maybe_string(), "from": maybe_string(), "to": strings, "date": maybe_string(),
        "score": n, "snippet": s, "collection": s, "renditions": count,
        "highlights": {"type": "array", "items": {"type": "array", "items": count, "minItems": 2, "maxItems": 2}}}),
    );
    let mut search = record(
        json!({"total": count, "hits": {"type": "array", "items": hit},
        "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
            "type": "array", "prefixItems": [s, count], "minItems": 2, "maxItems": 2}}}}),
    );
    search["required"] = json!(["total", "hits"]);
    json!({
        "Rendition": rendition,
        "SearchResults": search,
        "DocumentView": document_view(),
        "CheckReport": check_report(),
    })
}

/// `DocumentView`: every field of the document, its provenance and renditions.
fn document_view() -> Value {
    let (s, strings) = (
        json!({"type": "string"}),
        json!({"type": "array", "items": {"type": "string"}}),
    );
    let party = record(json!({"name": maybe_string(), "address": maybe_string(), "raw": s}));
    let parties = json!({"type": "array", "items": party});
    let provenance = record(
        json!({"path": s, "offset": {"type": "integer"}, "length": {"type": "integer"},
        "collection": s, "ingested_at": s, "sha256": s}),
    );
    let mut d = record(
        json!({"id": s, "kind": maybe_string(), "message_id": maybe_string(),
        "in_reply_to": strings, "references": strings, "subject": maybe_string(),
        "from": {"oneOf": [party, {"type": "null"}]}, "to": parties, "cc": parties, "bcc": parties,
        "date": maybe_string(), "date_text": maybe_string(), "doc_no": maybe_string(),
        "case_no": maybe_string(), "release_date": maybe_string(), "release_status": maybe_string(),
        "classification": strings, "redactions": strings, "language": s, "body": s, "quoted": s,
        "signature": s, "attachments": {"type": "array", "items": {"type": "object"}},
        "parent": maybe_string(), "folder": maybe_string(), "collection": s, "raw_sha256": s,
        "raw_range": {"type": ["array", "null"], "items": {"type": "integer"}},
        "provenance": {"type": "array", "items": provenance},
        "renditions": {"type": "array", "items": {"$ref": "#/components/schemas/Rendition"}}}),
    );
    d["properties"]["family"] = s;
    d
}

/// `CheckReport`: the article, its sources and its claims with their verdicts.
fn check_report() -> Value {
    let (s, n, strings) = (
        json!({"type": "string"}),
        json!({"type": "number"}),
        json!({"type": "array", "items": {"type": "string"}}),
    );
    let mut article = record(json!({"language": s, "title": s, "note": maybe_string()}));
    for optional in ["byline", "published", "site"] {
        article["properties"][optional] = s.clone();
    }
    let source = record(
        json!({"id": s, "doc_no": maybe_string(), "subject": maybe_string(),
        "from": maybe_string(), "date": maybe_string(), "score": n,
        "renditions": {"type": "array", "items": {"$ref": "#/components/schemas/Rendition"}}}),
    );
    let evidence = record(
        json!({"id": s, "doc_no": maybe_string(), "passage": s, "score": n, "matched": strings}),
    );
    let difference = record(json!({"kind": s, "article": s, "source": s}));
    let chain = record(json!({"article": strings, "document": s, "cited": strings}));
    let claim = record(json!({"index": {"type": "integer"}, "text": s,
        "verdict": {"enum": ["supported", "altered", "not_in_source", "contradicted", "not_checkable"]},
        "reason": maybe_string(), "evidence": {"type": "array", "items": evidence},
        "differences": {"type": "array", "items": difference}, "attribution": strings,
        "chain": {"oneOf": [chain, {"type": "null"}]}}));
    record(
        json!({"article": article, "sources": {"type": "array", "items": source},
        "claims": {"type": "array", "items": claim},
        "lexicon": record(json!({"words": {"type": "integer"}, "known": {"type": "integer"}}))}),
    )
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<Value> {
    Json(spec())
}
