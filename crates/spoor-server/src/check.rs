//! `POST /api/v1/check`: an article (text or a saved HTML page) held up
//! against the documents the caller may read, in every report format.

use crate::auth::{Authed, CSRF_HEADER};
use crate::{AppState, api::params, blocking, error::ApiError};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use spoor::access::Action;
use spoor::trace::{CheckOptions, CheckReport, MAX_ARTICLE_BYTES};

/// The largest body a check reads: the library's largest article.
pub const MAX_CHECK_BODY: usize = MAX_ARTICLE_BYTES;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// The `spoor check --format json` contract.
    #[default]
    Json,
    /// A standalone HTML page.
    Html,
    /// Markdown.
    Markdown,
    /// schema.org ClaimReview JSON-LD.
    Claimreview,
}

/// Parameters of a check.
#[derive(Debug, Default, Deserialize)]
pub struct CheckParams {
    /// Report format (json by default).
    pub format: Option<ReportFormat>,
    /// The article's language, when not detected.
    pub lang: Option<String>,
    /// Only documents of this collection (within those the caller may read).
    pub collection: Option<String>,
    /// The article's address, for ClaimReview.
    pub url: Option<String>,
    /// ClaimReview: the fact-checking publisher's name.
    pub publisher: Option<String>,
    /// ClaimReview: the publisher's site.
    pub publisher_url: Option<String>,
    /// ClaimReview: where the review is published (claims get `#claim-N`).
    pub review_url: Option<String>,
    /// ClaimReview: the review's date (YYYY-MM-DD; today when not given).
    pub review_date: Option<String>,
}

impl CheckParams {
    /// The ClaimReview publisher fields of these parameters.
    pub fn review(&self) -> spoor::report::Review<'_> {
        spoor::report::Review {
            article_url: self.url.as_deref(),
            publisher: self.publisher.as_deref(),
            publisher_url: self.publisher_url.as_deref(),
            review_url: self.review_url.as_deref(),
            date: self.review_date.as_deref(),
        }
    }
}

/// Read a body of at most `limit` bytes, or a JSON 413.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::TooLarge(limit))
}

/// Check an article for a caller, recording the check.
pub async fn run_check(
    state: &AppState,
    who: Authed,
    article: Bytes,
    p: &CheckParams,
) -> Result<CheckReport, ApiError> {
    if p.lang.as_ref().is_some_and(|l| l.len() > 8)
        || p.collection.as_ref().is_some_and(|c| c.len() > 200)
    {
        return Err(ApiError::BadRequest(
            "lang or collection is too long".into(),
        ));
    }
    let opts = CheckOptions {
        lang: p.lang.clone(),
        collection: p.collection.clone(),
        readable: who.readable.clone(),
        debug: false,
    };
    let st = state.clone();
    blocking(move || {
        let r = spoor::trace::check(&st.archive, &article, &opts, &*st.translator)?;
        who.record(&st.access, Action::Check, &r.article.title)?;
        Ok(r)
    })
    .await
}

/// A report in a format, as a response.
pub fn render(r: &CheckReport, format: ReportFormat, review: &spoor::report::Review) -> Response {
    let (ctype, body) = match format {
        ReportFormat::Json => (
            "application/json",
            serde_json::to_string(r).unwrap_or_default(),
        ),
        ReportFormat::Html => ("text/html; charset=utf-8", spoor::report::html(r)),
        ReportFormat::Markdown => ("text/markdown; charset=utf-8", spoor::report::markdown(r)),
        ReportFormat::Claimreview => (
            "application/ld+json",
            serde_json::to_string_pretty(&spoor::report::claimreview(r, review))
                .unwrap_or_default(),
        ),
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(ctype)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
            ),
        ],
        body,
    )
        .into_response()
}

/// `POST /api/v1/check?format=json|html|markdown|claimreview`, the article as
/// the body; a session caller sends its CSRF token in `x-csrf-token`.
pub async fn check(
    State(state): State<AppState>,
    who: Authed,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    who.require_csrf(headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()))?;
    let p: CheckParams = params(&uri)?;
    let article = read_body(body, MAX_CHECK_BODY).await?;
    if article.is_empty() {
        return Err(ApiError::BadRequest(
            "the body is empty: send the article".into(),
        ));
    }
    let format = p.format.unwrap_or_default();
    let access = state.access.clone();
    let who2 = who.clone();
    let r = run_check(&state, who, article, &p).await?;
    if format != ReportFormat::Json {
        let title = r.article.title.clone();
        blocking(move || who2.record(&access, Action::Export, &title)).await?;
    }
    Ok(render(&r, format, &p.review()))
}
