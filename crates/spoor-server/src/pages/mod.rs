//! The web pages: login, search, a document, the check, ingest jobs.
//! Rendered on the server, every style embedded, nothing fetched from
//! elsewhere; no script but the job page's few lines (embedded too), and every
//! page works without it. Each form that changes something carries the
//! session's CSRF token. Text of the archive is written with `dir="auto"`, so
//! right-to-left text shows as it should.

mod check;
mod document;
mod jobs;
mod login;
mod search;

use crate::auth::{Authed, csrf_token};
use crate::{AppState, error::ApiError};
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/search") }))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", axum::routing::post(login::logout))
        .route("/search", get(search::page))
        .route("/documents/{id}", get(document::page))
        .route(
            "/check",
            get(check::form)
                .post(check::submit)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::check::MAX_CHECK_BODY * 3 + 4096,
                )),
        )
        .route(
            "/check/export",
            axum::routing::post(check::export).layer(axum::extract::DefaultBodyLimit::max(
                crate::check::MAX_CHECK_BODY * 3 + 4096,
            )),
        )
        .route(
            "/jobs",
            get(jobs::list)
                .post(jobs::submit)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::jobs_api::MAX_UPLOAD + 64 * 1024,
                )),
        )
        .route("/jobs/{id}", get(jobs::show))
        .route("/jobs/{id}/cancel", axum::routing::post(jobs::cancel))
        .route("/style.css", get(style))
        .route("/jobs.js", get(jobs::script))
}

/// The style sheet, embedded in the binary.
const STYLE: &str = include_str!("style.css");

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/css"))],
        STYLE,
    )
        .into_response()
}

/// Text made safe inside HTML (elements and attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text made safe inside HTML with the byte ranges `marks` (sorted, not
/// overlapping) inside `<mark>`; a range out of order, out of bounds or not on
/// character boundaries is left unmarked.
pub fn marked(s: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(s.len() + marks.len() * 13);
    let mut at = 0;
    for &(a, b) in marks {
        if a < at || a >= b || b > s.len() || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
            continue;
        }
        out.push_str(&esc(&s[at..a]));
        out.push_str("<mark>");
        out.push_str(&esc(&s[a..b]));
        out.push_str("</mark>");
        at = b;
    }
    out.push_str(&esc(s.get(at..).unwrap_or("")));
    out
}

/// Text made safe inside a URL's query or path segment.
pub fn url_enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A whole page: the navigation (with the logout form for a session) and `main`.
pub fn layout(who: Option<&Authed>, title: &str, main: &str) -> Response {
    layout_scripted(who, title, main, false)
}

/// A whole page, with the job page's script when `script` (and a policy
/// that lets it run and read this server's JSON).
pub fn layout_scripted(who: Option<&Authed>, title: &str, main: &str, script: bool) -> Response {
    let nav = match who {
        Some(w) => {
            let user = w.caller.user().unwrap_or("local");
            let logout = match &w.session {
                Some(s) => format!(
                    r#"<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{}"><button type="submit">Sign out</button></form>"#,
                    csrf_token(s)
                ),
                None => String::new(),
            };
            format!(
                r#"<a href="/search">Search</a> <a href="/check">Check an article</a>{} <span class="who">{}</span> {logout}"#,
                if w.may_ingest {
                    r#" <a href="/jobs">Ingest</a>"#
                } else {
                    ""
                },
                esc(user)
            )
        }
        None => String::new(),
    };
    let html = format!(
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · spoor</title><link rel="stylesheet" href="/style.css"></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><strong>spoor</strong> <nav>{nav}</nav></header>
<main id="main">{main}</main>{script}</body></html>"##,
        title = esc(title),
        script = if script {
            r#"<script src="/jobs.js"></script>"#
        } else {
            ""
        }
    );
    let mut r = html_response(StatusCode::OK, html);
    if script {
        r.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(SCRIPTED_CSP),
        );
    }
    r
}

/// The pages' policy: nothing but this server's style sheet and images.
const CSP: &str = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'";
/// The job page's: its script from this server, which reads this server's JSON.
const SCRIPTED_CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'";

/// An HTML response with the pages' security headers.
pub fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
        html,
    )
        .into_response()
}

/// A page's answer to a failed request: to the login page when not signed
/// in, else the error in words, with its status.
pub fn page_error(who: Option<&Authed>, e: ApiError) -> Response {
    if matches!(e, ApiError::Unauthorized(_)) {
        return Redirect::to("/login").into_response();
    }
    let status = e.status();
    let mut r = layout(
        who,
        "Error",
        &format!(
            r#"<p class="error" role="alert">{}</p>"#,
            esc(&e.to_string())
        ),
    );
    *r.status_mut() = status;
    r
}
