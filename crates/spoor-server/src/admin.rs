//! Who am I, users, API tokens and the audit log: `GET /api/v1/me`,
//! `GET /api/v1/users` (administrators), `GET|POST /api/v1/tokens`,
//! `DELETE /api/v1/tokens/{name}`, `GET /api/v1/audit` (administrators).
//! The library decides who may do what ([`spoor::access::Access`]).

use crate::auth::{Authed, CSRF_HEADER};
use crate::check::read_body;
use crate::{AppState, MAX_BODY, blocking, error::ApiError};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::Uri;
use serde::Deserialize;
use serde_json::{Value, json};
use spoor::access::{AuditEvent, AuditFilter, Readable, TokenInfo, User};

/// `GET /api/v1/me`: the caller, what it may read, and its CSRF token when it
/// came with a session.
pub async fn me(who: Authed) -> Json<Value> {
    let readable = match &who.readable {
        Readable::All => json!("all"),
        Readable::Only(set) => json!(set),
    };
    Json(json!({
        "user": who.caller.user(),
        "token": matches!(who.caller, spoor::access::Caller::Token { .. }),
        "readable": readable,
        "csrf": who.session.as_deref().map(crate::auth::csrf_token),
    }))
}

/// `GET /api/v1/users`: every user with its grants (administrators only).
pub async fn users(
    State(state): State<AppState>,
    who: Authed,
) -> Result<Json<Vec<User>>, ApiError> {
    let st = state.clone();
    Ok(Json(
        blocking(move || Ok(st.access.users(&who.caller)?)).await?,
    ))
}

/// `GET /api/v1/tokens`: the caller's tokens (every token for an administrator).
pub async fn tokens(
    State(state): State<AppState>,
    who: Authed,
) -> Result<Json<Vec<TokenInfo>>, ApiError> {
    let st = state.clone();
    Ok(Json(
        blocking(move || Ok(st.access.tokens(&who.caller)?)).await?,
    ))
}

/// The body of `POST /api/v1/tokens`.
#[derive(Debug, Deserialize)]
pub struct NewTokenRequest {
    /// The token's name.
    pub name: String,
    /// The user it acts for (another than the caller: administrators only).
    pub user: Option<String>,
    /// Days it lasts (90 by default).
    pub days: Option<u32>,
}

fn csrf(headers: &HeaderMap) -> Option<&str> {
    headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok())
}

/// `POST /api/v1/tokens` `{"name", "user"?, "days"?}`: `{"token", "info"}`,
/// the token shown this once.
pub async fn create_token(
    State(state): State<AppState>,
    who: Authed,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    who.require_csrf(csrf(&headers))?;
    let bytes = read_body(body, MAX_BODY).await?;
    let req: NewTokenRequest = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::BadRequest(format!(
            "a new token is {{\"name\", \"user\"?, \"days\"?}}: {e}"
        ))
    })?;
    let user = match (req.user, who.caller.user()) {
        (Some(u), _) => u,
        (None, Some(me)) => me.to_string(),
        (None, None) => return Err(ApiError::BadRequest("name the token's user".into())),
    };
    let st = state.clone();
    let t = blocking(move || {
        Ok(st
            .access
            .create_token(&who.caller, &req.name, &user, req.days.unwrap_or(90))?)
    })
    .await?;
    Ok(Json(json!({"token": t.secret, "info": t.info})))
}

/// `DELETE /api/v1/tokens/{name}`: revoke a token (its user's or, for an
/// administrator, anyone's).
pub async fn revoke_token(
    State(state): State<AppState>,
    who: Authed,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    who.require_csrf(csrf(&headers))?;
    let st = state.clone();
    blocking(move || Ok(st.access.revoke_token(&who.caller, &name)?)).await?;
    Ok(Json(json!({"ok": true})))
}

/// The most events one audit listing gives.
pub const MAX_AUDIT: usize = 10_000;

/// Parameters of `GET /api/v1/audit`.
#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    /// Only this user's events.
    pub user: Option<String>,
    /// Only this action (`search`, `read`, `download`, `check`, `export`, `login`, …).
    pub action: Option<String>,
    /// Only events at or after this time (RFC 3339 or YYYY-MM-DD).
    pub since: Option<String>,
    /// The last this many matching events (1000 by default, at most [`MAX_AUDIT`]).
    pub limit: Option<usize>,
}

/// `GET /api/v1/audit?user=&action=&since=&limit=`: audit events, oldest
/// first (administrators only).
pub async fn audit(
    State(state): State<AppState>,
    who: Authed,
    uri: Uri,
) -> Result<Json<Vec<AuditEvent>>, ApiError> {
    let p: AuditParams = crate::api::params(&uri)?;
    let filter = AuditFilter {
        user: p.user,
        action: p.action.as_deref().map(str::parse).transpose()?,
        since: p
            .since
            .as_deref()
            .map(spoor::access::audit::parse_time)
            .transpose()?,
        limit: Some(p.limit.unwrap_or(1000).min(MAX_AUDIT)),
    };
    let st = state.clone();
    Ok(Json(
        blocking(move || Ok(st.access.audit(&who.caller, &filter)?)).await?,
    ))
}
