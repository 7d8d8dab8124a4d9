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
        _ => None,
    }
}

fn operation(method: &str, path: &str, summary: &str) -> Value {
    let error = json!({"$ref": "#/components/responses/Error"});
    let mut responses = json!({"200": {"description": "success"}});
    for code in ["400", "401", "403", "404"] {
        responses[code] = error.clone();
    }
    match (method, path) {
        ("post", "/login") => responses["429"] = error.clone(),
        ("post", "/check") => responses["413"] = error.clone(),
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

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<Value> {
    Json(spec())
}
