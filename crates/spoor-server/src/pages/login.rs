//! The login page, and signing in and out with forms.

use super::{esc, layout, page_error};
use crate::auth::{Authed, ClientOf, Login, cookie, session_cookie, start_session};
use crate::{AppState, blocking, error::ApiError};
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use spoor::access::Action;

/// The cookie holding the login form's CSRF value (double submit: a site
/// that cannot read it cannot post the form).
pub const LOGIN_COOKIE: &str = "spoor_login";

fn random_hex() -> Result<String, ApiError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(hex::encode(b))
}

fn login_page(state: &AppState, status: StatusCode, token: &str, error: Option<&str>) -> Response {
    let err = error
        .map(|e| format!(r#"<p class="error" role="alert">{}</p>"#, esc(e)))
        .unwrap_or_default();
    let main = format!(
        r#"<h1>Sign in</h1>{err}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{token}">
<p><label for="user">User name</label><br><input type="text" id="user" name="user" autocomplete="username" required autofocus></p>
<p><label for="password">Password</label><br><input type="password" id="password" name="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>"#
    );
    let mut r = layout(None, "Sign in", &main);
    *r.status_mut() = status;
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let c = format!("{LOGIN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/login{secure}");
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// `GET /login`.
pub async fn form(State(state): State<AppState>) -> Response {
    match random_hex() {
        Ok(t) => login_page(&state, StatusCode::OK, &t, None),
        Err(e) => page_error(None, e),
    }
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct LoginForm {
    user: String,
    password: String,
    csrf: String,
}

/// `POST /login`: a session and to the search page, or the form again.
pub async fn submit(
    State(state): State<AppState>,
    client: ClientOf,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let again = |status, msg: &str| match random_hex() {
        Ok(t) => login_page(&state, status, &t, Some(msg)),
        Err(e) => page_error(None, e),
    };
    if f.csrf.is_empty() || cookie(&headers, LOGIN_COOKIE).as_deref() != Some(f.csrf.as_str()) {
        return again(StatusCode::FORBIDDEN, "the form expired: sign in again");
    }
    let login = Login {
        user: f.user,
        password: f.password,
    };
    match start_session(&state, login, client.0).await {
        Ok(s) => {
            let mut r = Redirect::to("/search").into_response();
            r.headers_mut()
                .insert(header::SET_COOKIE, session_cookie(&state, Some(&s.session)));
            r
        }
        Err(e) => again(e.status(), &e.to_string()),
    }
}

/// The logout form's field.
#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /logout`: ends the session.
pub async fn logout(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let Some(session) = who.session.clone() else {
        return Redirect::to("/search").into_response();
    };
    if let Err(e) = who.require_csrf(Some(&f.csrf)) {
        return page_error(Some(&who), e);
    }
    let access = state.access.clone();
    let done = blocking(move || {
        access.delete_session(&session)?;
        who.record(&access, Action::Logout, "")
    })
    .await;
    if let Err(e) = done {
        return page_error(None, e);
    }
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, None));
    r
}
