//! The read routes of the API: search, documents, originals, threads,
//! collections and aliases. Each hands the caller's readable collections to
//! the library and records what was read in the audit log.

use crate::auth::Authed;
use crate::{AppState, blocking, error::ApiError};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use spoor::access::Action;
use spoor::{DocumentView, SearchOptions, SearchResults, SortBy, ThreadView};

/// The longest query string a search reads (the library's own bound).
pub const MAX_QUERY: usize = spoor::MAX_QUERY_BYTES;
/// The most hits a page of the API has.
pub const MAX_PAGE: usize = 500;

/// Parameters of `GET /api/v1/search`.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    /// The query (docs/QUERY.md).
    pub q: String,
    /// Hits per page (10 by default, at most [`MAX_PAGE`]).
    pub limit: Option<usize>,
    /// Hits to skip.
    pub offset: Option<usize>,
    /// `relevance` (default), `date` (newest first) or `date-asc`.
    pub sort: Option<String>,
    /// Facets to count, comma-separated: from, to, year, lang, collection, kind.
    pub facets: Option<String>,
    /// `true` to list every rendition as its own hit.
    pub all_renditions: Option<bool>,
}

impl SearchParams {
    /// The library's options for these parameters, within `readable`.
    pub fn options(&self, readable: spoor::access::Readable) -> Result<SearchOptions, ApiError> {
        if self.q.len() > MAX_QUERY {
            return Err(ApiError::BadRequest(format!(
                "the query is longer than {MAX_QUERY} bytes"
            )));
        }
        let limit = self.limit.unwrap_or(10);
        if limit > MAX_PAGE {
            return Err(ApiError::BadRequest(format!(
                "at most {MAX_PAGE} hits a page"
            )));
        }
        let sort = match self.sort.as_deref().unwrap_or("relevance") {
            "relevance" => SortBy::Relevance,
            "date" => SortBy::DateDesc,
            "date-asc" => SortBy::DateAsc,
            other => {
                return Err(ApiError::BadRequest(format!(
                    "sort {other:?}: relevance, date or date-asc"
                )));
            }
        };
        Ok(SearchOptions {
            limit,
            offset: self.offset.unwrap_or(0),
            sort,
            all_renditions: self.all_renditions.unwrap_or(false),
            readable,
            ..Default::default()
        })
    }

    /// The facet names asked for.
    pub fn facet_names(&self) -> Vec<String> {
        self.facets
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .take(6)
            .map(str::to_string)
            .collect()
    }
}

/// The query parameters of a request, or a JSON 400.
pub fn params<T: serde::de::DeserializeOwned>(uri: &Uri) -> Result<T, ApiError> {
    Query::<T>::try_from_uri(uri)
        .map(|q| q.0)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

/// Run a search for a caller, recording it.
pub async fn run_search(
    state: &AppState,
    who: Authed,
    p: SearchParams,
) -> Result<SearchResults, ApiError> {
    let opts = p.options(who.readable.clone())?;
    let facets = p.facet_names();
    let st = state.clone();
    blocking(move || {
        let r = st.archive.search(&p.q, &opts, &facets)?;
        who.record(&st.access, Action::Search, &p.q)?;
        Ok(r)
    })
    .await
}

/// `GET /api/v1/search?q=…`: the `spoor search --format json` contract.
pub async fn search(
    State(state): State<AppState>,
    who: Authed,
    uri: Uri,
) -> Result<Json<SearchResults>, ApiError> {
    let p: SearchParams = params(&uri)?;
    Ok(Json(run_search(&state, who, p).await?))
}

/// A document for a caller, recording the read.
pub async fn read_document(
    state: &AppState,
    who: Authed,
    id: String,
) -> Result<DocumentView, ApiError> {
    let st = state.clone();
    blocking(move || {
        let v = st.archive.document(&id, &who.readable)?;
        who.record(&st.access, Action::Read, &v.document.id)?;
        Ok(v)
    })
    .await
}

/// `GET /api/v1/documents/{id}`: the `spoor show --format json` contract.
pub async fn document(
    State(state): State<AppState>,
    who: Authed,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    Ok(Json(read_document(&state, who, id).await?))
}

/// `GET /api/v1/documents/{id}/raw`: the original bytes, as a download.
pub async fn raw(
    State(state): State<AppState>,
    who: Authed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let st = state.clone();
    let (bytes, name) = blocking(move || {
        let (d, prov) = st.archive.show(&id, &who.readable)?;
        let bytes = st.archive.raw(&d.id, &who.readable)?;
        who.record(&st.access, Action::Download, &d.id)?;
        let from = prov.first().map(|p| p.path.as_str()).unwrap_or("");
        Ok((bytes, download_name(&d.id, from)))
    })
    .await?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A safe file name for a document's original: `spoor-` and the id's first 16
/// digits, with the extension of the file it came from when that is short and
/// plain (`.eml` for a message cut from an mbox).
pub fn download_name(id: &str, from: &str) -> String {
    let stem: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    let ext = std::path::Path::new(from)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| (1..=8).contains(&e.len()) && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|e| if e == "mbox" { "eml".to_string() } else { e })
        .unwrap_or_else(|| "bin".into());
    format!("spoor-{stem}.{ext}")
}

/// `GET /api/v1/threads/{id}`: the `spoor thread --format json` contract.
pub async fn thread(
    State(state): State<AppState>,
    who: Authed,
    Path(id): Path<String>,
) -> Result<Json<ThreadView>, ApiError> {
    Ok(Json(read_thread(&state, who, id).await?))
}

/// A thread for a caller, recording the read.
pub async fn read_thread(
    state: &AppState,
    who: Authed,
    id: String,
) -> Result<ThreadView, ApiError> {
    let st = state.clone();
    blocking(move || {
        let v = st.archive.thread_view(&id, &who.readable)?;
        who.record(&st.access, Action::Read, &format!("thread {id}"))?;
        Ok(v)
    })
    .await
}

/// One collection as listed.
#[derive(Debug, Serialize, Deserialize)]
pub struct Collection {
    /// Its name (`default` for documents given none).
    pub name: String,
    /// Documents in it.
    pub documents: u64,
}

/// `GET /api/v1/collections`: the collections the caller may read, with counts.
pub async fn collections(
    State(state): State<AppState>,
    who: Authed,
) -> Result<Json<Vec<Collection>>, ApiError> {
    let st = state.clone();
    let v = blocking(move || Ok(st.archive.collections(&who.readable)?)).await?;
    Ok(Json(
        v.into_iter()
            .map(|(name, documents)| Collection { name, documents })
            .collect(),
    ))
}

/// One alias as listed.
#[derive(Debug, Serialize, Deserialize)]
pub struct Alias {
    /// The handle, address or other name.
    pub alias: String,
    /// The person it is.
    pub canonical: String,
}

/// `GET /api/v1/aliases`: the alias table (archive-wide, not per collection).
pub async fn aliases(
    State(state): State<AppState>,
    _who: Authed,
) -> Result<Json<Vec<Alias>>, ApiError> {
    let st = state.clone();
    let v = blocking(move || Ok(st.archive.aliases()?)).await?;
    Ok(Json(
        v.into_iter()
            .map(|(alias, canonical)| Alias { alias, canonical })
            .collect(),
    ))
}

/// Anything else: a JSON 404.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no route {}", uri.path()))
}
