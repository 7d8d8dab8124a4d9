//! The check page: paste an article (text or a saved page's HTML), get the
//! side-by-side report with its verdict badges, export it.

use super::{esc, layout, page_error};
use crate::auth::{Authed, csrf_token};
use crate::check::{CheckParams, ReportFormat, render, run_check};
use crate::{AppState, blocking, error::ApiError};
use axum::Form;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde::Deserialize;
use spoor::access::Action;

fn csrf_field(who: &Authed) -> String {
    match &who.session {
        Some(s) => format!(
            r#"<input type="hidden" name="csrf" value="{}">"#,
            csrf_token(s)
        ),
        None => String::new(),
    }
}

/// `GET /check`.
pub async fn form(who: Result<Authed, ApiError>) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let main = format!(
        r#"<h1>Check an article</h1>
<form method="post" action="/check" enctype="multipart/form-data">{}
<p><label for="article">The article: its text, or the HTML of the saved page</label><br>
<textarea id="article" name="article" dir="auto"></textarea></p>
<p><label for="file">Or upload it (a text file or a saved page)</label> <input type="file" id="file" name="file" accept=".txt,.html,.htm,text/plain,text/html"></p>
<p><label for="lang">Language (leave empty to detect)</label> <input type="text" id="lang" name="lang" size="4"></p>
<p><button type="submit">Check</button></p></form>"#,
        csrf_field(&who)
    );
    layout(Some(&who), "Check an article", &main)
}

/// The check form's fields.
#[derive(Deserialize, Default)]
pub struct CheckForm {
    article: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    format: Option<ReportFormat>,
}

async fn checked(
    state: &AppState,
    who: &Authed,
    f: &CheckForm,
) -> Result<spoor::trace::CheckReport, ApiError> {
    who.require_csrf(Some(&f.csrf))?;
    let p = CheckParams {
        lang: Some(f.lang.trim().to_string()).filter(|l| !l.is_empty()),
        ..Default::default()
    };
    run_check(state, who.clone(), Bytes::from(f.article.clone()), &p).await
}

/// The fields of a check form sent as `multipart/form-data` (with an
/// uploaded file, which then is the article) or URL-encoded.
async fn read_form(state: &AppState, req: Request) -> Result<CheckForm, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(f) = Form::<CheckForm>::from_request(req, state)
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        return Ok(f);
    }
    let bad = |e: axum::extract::multipart::MultipartError| ApiError::BadRequest(e.body_text());
    let mut m = Multipart::from_request(req, state)
        .await
        .map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let mut f = CheckForm::default();
    while let Some(field) = m.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(bad)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "article" if f.article.is_empty() => f.article = text,
            "file" if !bytes.is_empty() => f.article = text,
            "lang" => f.lang = text,
            "csrf" => f.csrf = text,
            _ => {}
        }
    }
    if f.article.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "paste the article or choose its file".into(),
        ));
    }
    Ok(f)
}

/// `POST /check`: the report page, with forms to export it.
pub async fn submit(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    req: Request,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let f = match read_form(&state, req).await {
        Ok(f) => f,
        Err(e) => return page_error(Some(&who), e),
    };
    let report = match checked(&state, &who, &f).await {
        Ok(r) => r,
        Err(e) => return page_error(Some(&who), e),
    };
    let exports: String = [("html", "HTML"), ("markdown", "Markdown"), ("claimreview", "ClaimReview")]
        .iter()
        .map(|(fmt, label)| {
            format!(
                r#"<form method="post" action="/check/export" class="inline">{}<input type="hidden" name="format" value="{fmt}"><input type="hidden" name="lang" value="{}"><textarea name="article" hidden aria-hidden="true">{}</textarea><button type="submit">Export {label}</button></form>"#,
                csrf_field(&who),
                esc(&f.lang),
                esc(&f.article)
            )
        })
        .collect();
    let bar = format!(
        r#"<nav class="exports" aria-label="Spoor" style="display:flex;gap:.6em;margin-bottom:1em"><a href="/search">Search</a> <a href="/check">Check another</a> {exports}</nav>"#
    );
    let page = spoor::report::html(&report).replacen("<body>", &format!("<body>{bar}"), 1);
    super::html_response(axum::http::StatusCode::OK, page)
}

/// `POST /check/export`: the report as a download in the format asked for.
pub async fn export(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    Form(f): Form<CheckForm>,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let report = match checked(&state, &who, &f).await {
        Ok(r) => r,
        Err(e) => return page_error(Some(&who), e),
    };
    let format = f.format.unwrap_or(ReportFormat::Html);
    let access = state.access.clone();
    let (w2, title) = (who.clone(), report.article.title.clone());
    if let Err(e) = blocking(move || w2.record(&access, Action::Export, &title)).await {
        return page_error(Some(&who), e);
    }
    let ext = match format {
        ReportFormat::Json => "json",
        ReportFormat::Html => "html",
        ReportFormat::Markdown => "md",
        ReportFormat::Claimreview => "jsonld",
    };
    let mut r = render(&report, format, &Default::default());
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"spoor-check.{ext}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
