//! The OpenAPI 3.1 document of the API, at `GET /api/v1/openapi.json`.
//! [`ROUTES`] lists every route the router has; a test holds the two together.

use axum::Json;
use serde_json::{Value, json};

/// Every API route: method, path (under `/api/v1`), summary, and whether it
/// needs a caller.
pub const ROUTES: [(&str, &str, &str); 19] = [
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

fn operation(method: &str, path: &str, summary: &str) -> Value {
    let mut params = Vec::new();
    if path.contains("{id}") {
        params.push(
            json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}),
        );
    }
    let mut responses = json!({
        "200": {"description": "success"},
        "400": {"$ref": "#/components/responses/Error"},
        "401": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"}
    });
    if method == "post" && path == "/login" {
        responses["429"] = json!({"$ref": "#/components/responses/Error"});
    }
    json!({"summary": summary, "parameters": params, "responses": responses})
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
