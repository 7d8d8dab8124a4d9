//! Who is asking: a session cookie or an API token, refused or resolved to a
//! [`Caller`] and what it may read; login, logout and the CSRF token.
//!
//! A server whose archive has no users serves only loopback (the CLI refuses
//! anything else) and treats every request as [`Caller::Local`]. Once there are
//! users, a request without a valid session or token is refused.

use crate::{AppState, blocking, error::ApiError};
use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use spoor::access::{Access, Action, Caller, Readable};
use std::net::SocketAddr;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "spoor_session";
/// The header a cookie-authenticated POST carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// The caller of a request, resolved.
#[derive(Debug, Clone)]
pub struct Authed {
    /// Who.
    pub caller: Caller,
    /// What it may read.
    pub readable: Readable,
    /// The session id when the caller came by cookie (then POSTs need the CSRF token).
    pub session: Option<String>,
    /// The client's address, for the audit log.
    pub client: String,
    /// Whether it may ingest into some collection (the pages then link the
    /// ingest page); [`crate::jobs_api::Ingests`] says where.
    pub may_ingest: bool,
}

impl Authed {
    /// Refuse a state-changing request made with a session cookie unless it
    /// carries the session's CSRF token (`given`).
    pub fn require_csrf(&self, given: Option<&str>) -> Result<(), ApiError> {
        match &self.session {
            Some(s) if given != Some(csrf_token(s).as_str()) => Err(ApiError::Forbidden(
                "missing or wrong CSRF token (header x-csrf-token or form field csrf)".into(),
            )),
            _ => Ok(()),
        }
    }

    /// Record an event in the audit log.
    pub fn record(&self, access: &Access, action: Action, target: &str) -> Result<(), ApiError> {
        access.record(&self.caller, action, target, Some(&self.client))?;
        Ok(())
    }
}

/// The CSRF token of a session: derived from its id, so it needs no storage
/// and no one without the (HttpOnly) cookie can compute it.
pub fn csrf_token(session: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"spoor csrf\0");
    h.update(session.as_bytes());
    hex::encode(h.finalize())
}

/// The client's address, when the server knows it.
pub fn client_addr(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The value of cookie `name` in the request's headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let client = client_addr(parts);
        let token = bearer(&parts.headers);
        let session = cookie(&parts.headers, SESSION_COOKIE);
        // a few short reads of the accounts store, run in place: handing them
        // to the blocking pool cost a thread hop per request, a fifth of a
        // search's CPU time under load (docs/BENCHMARKS.md)
        resolve(&state.access, token, session, client)
    }
}

/// The caller of a token or session; [`Caller::Local`] when the archive has no users.
fn resolve(
    access: &Access,
    token: Option<String>,
    session: Option<String>,
    client: String,
) -> Result<Authed, ApiError> {
    let users = has_users(access)?;
    let (caller, session) = match (token, session) {
        (Some(t), _) => (access.token_caller(&t)?, None),
        (None, _) if !users => (Caller::Local, None),
        (None, Some(s)) => (access.session(&s)?, Some(s)),
        (None, None) => return Err(ApiError::sign_in()),
    };
    let readable = access.readable_collections(&caller)?;
    let may_ingest = crate::jobs_api::Ingests::of(access, &caller, &readable)?.any();
    Ok(Authed {
        caller,
        readable,
        session,
        client,
        may_ingest,
    })
}

/// Whether the archive has accounts.
pub fn has_users(access: &Access) -> Result<bool, ApiError> {
    Ok(!access.users(&Caller::Local)?.is_empty())
}

/// The body of `POST /api/v1/login`.
#[derive(Debug, Deserialize)]
pub struct Login {
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
}

/// A session started: the user, its CSRF token, and the cookie to set.
pub struct Started {
    /// The user.
    pub user: spoor::access::User,
    /// The session id.
    pub session: String,
    /// When it ends.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Check a login against the limiter and the store, and start a session.
pub async fn start_session(
    state: &AppState,
    login: Login,
    client: String,
) -> Result<Started, ApiError> {
    let st = state.clone();
    blocking(move || {
        if let Err(wait) = st.limiter.check(&login.user, &client) {
            return Err(ApiError::TooManyLogins(wait.num_seconds().max(1)));
        }
        let user = match st
            .access
            .authenticate(&login.user, &login.password, Some(&client))
        {
            Ok(u) => u,
            Err(e) => {
                st.limiter.failure(&login.user, &client);
                return Err(e.into());
            }
        };
        st.limiter.success(&login.user, &client);
        let s = st
            .access
            .create_session(&user.name, chrono::Duration::hours(SESSION_HOURS))?;
        Ok(Started {
            user,
            session: s.id,
            expires_at: s.expires_at,
        })
    })
    .await
}

/// The `Set-Cookie` value of a session (empty and expired to end one).
pub fn session_cookie(state: &AppState, session: Option<&str>) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let v = match session {
        Some(s) => format!(
            "{SESSION_COOKIE}={s}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
            SESSION_HOURS * 3600
        ),
        None => format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `POST /api/v1/login` with `{"user", "password"}`: sets the session cookie and
/// answers `{"user", "admin", "csrf", "expires_at"}`.
pub async fn login(
    axum::extract::State(state): axum::extract::State<AppState>,
    parts: ClientOf,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let body = crate::check::read_body(body, crate::MAX_BODY).await?;
    let login: Login = serde_json::from_slice(&body).map_err(|e| {
        ApiError::BadRequest(format!(
            "a login is {{\"user\": ..., \"password\": ...}}: {e}"
        ))
    })?;
    let s = start_session(&state, login, parts.0).await?;
    let body = serde_json::json!({
        "user": s.user.name,
        "admin": s.user.admin,
        "csrf": csrf_token(&s.session),
        "expires_at": s.expires_at,
    });
    let mut r = Json(body).into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, Some(&s.session)));
    Ok(r)
}

/// `POST /api/v1/logout` (with the CSRF token): ends the session, clears the cookie.
pub async fn logout(
    axum::extract::State(state): axum::extract::State<AppState>,
    who: Authed,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Some(session) = who.session.clone() else {
        return Err(ApiError::BadRequest("no session to end".into()));
    };
    who.require_csrf(headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()))?;
    let access = state.access.clone();
    blocking(move || {
        access.delete_session(&session)?;
        who.record(&access, Action::Logout, "")
    })
    .await?;
    let mut r = Json(serde_json::json!({"ok": true})).into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, None));
    Ok(r)
}

/// The client's address, as an extractor that never fails.
pub struct ClientOf(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientOf {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientOf(client_addr(parts)))
    }
}
