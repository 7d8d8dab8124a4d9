//! The routes of ingest jobs ([`crate::jobs`]): submit, list, show, cancel.

use crate::auth::{Authed, CSRF_HEADER};
use crate::jobs::{JobView, Jobs};
use crate::{AppState, blocking, error::ApiError};
use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use spoor::access::{Access, Action, Caller, Readable, Role};
use std::io::Write;
use std::path::PathBuf;

/// The most bytes one upload may carry, all files together.
pub const MAX_UPLOAD: usize = 512 << 20;
/// The most files one upload may carry.
pub const MAX_UPLOAD_FILES: usize = 10_000;

/// The JSON body of a job that reads a server-side path.
#[derive(Debug, Deserialize)]
pub struct PathJob {
    /// A file or folder under a root the server allows (`--ingest-root`).
    pub path: String,
    /// The collection its documents go to.
    pub collection: String,
}

fn csrf(headers: &HeaderMap) -> Option<&str> {
    headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok())
}

/// `POST /api/v1/jobs`: `202 Accepted` and the job.
pub async fn submit(
    State(state): State<AppState>,
    who: Authed,
    req: Request,
) -> Result<(StatusCode, Json<JobView>), ApiError> {
    who.require_csrf(csrf(req.headers()))?;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let view = if multipart {
        let form = Multipart::from_request(req, &state)
            .await
            .map_err(|e| ApiError::BadRequest(format!("not a multipart form: {e}")))?;
        upload_job(&state, who, form, false).await?
    } else {
        let bytes = axum::body::to_bytes(req.into_body(), crate::MAX_BODY)
            .await
            .map_err(|_| ApiError::TooLarge(crate::MAX_BODY))?;
        let job: PathJob = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::BadRequest(format!(
                "a job is {{\"path\", \"collection\"}} or a multipart upload: {e}"
            ))
        })?;
        path_job(&state, who, job).await?
    };
    Ok((StatusCode::ACCEPTED, Json(view)))
}

/// Queue a job of the files uploaded in `form`, saved first under the job's
/// upload folder (removed again when the job is refused). With `csrf_field`
/// (a page's form) the form's `csrf` field must come before any file.
pub(crate) async fn upload_job(
    state: &AppState,
    who: Authed,
    form: Multipart,
    csrf_field: bool,
) -> Result<JobView, ApiError> {
    let id = state.jobs.reserve_id();
    let dir = state.jobs.upload_dir(id);
    let form_who = csrf_field.then_some(&who);
    let queued = match save_upload(form, &dir, form_who).await {
        Ok((collection, files)) => {
            let what = format!("{} uploaded files", files.len());
            queue(state, who, id, &collection, files, what).await
        }
        Err(e) => Err(e),
    };
    if queued.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    queued
}

/// Queue a job of a server-side path, if it lies under an allowed root.
pub(crate) async fn path_job(
    state: &AppState,
    who: Authed,
    job: PathJob,
) -> Result<JobView, ApiError> {
    let path = state.jobs.allowed_path(&job.path).ok_or_else(|| {
        ApiError::Forbidden(format!(
            "{} is not under a folder this server ingests from (spoor serve --ingest-root)",
            job.path
        ))
    })?;
    let what = path.display().to_string();
    let id = state.jobs.reserve_id();
    queue(state, who, id, &job.collection, vec![path], what).await
}

/// Queue job `id` of `paths` into `collection` if `who` may ingest there,
/// recording it in the audit log.
async fn queue(
    state: &AppState,
    who: Authed,
    id: u64,
    collection: &str,
    paths: Vec<PathBuf>,
    what: String,
) -> Result<JobView, ApiError> {
    let collection = spoor::access::collection_name(collection.trim()).to_string();
    may_ingest(state, &who, &collection).await?;
    let by = who.caller.user().unwrap_or("local").to_string();
    let target = format!("job {id} into {collection}: {what}");
    let st = state.clone();
    blocking(move || {
        who.record(&st.access, Action::Ingest, &target)?;
        Ok(st.jobs.submit(id, &by, &collection, paths))
    })
    .await
}

/// Where a caller may ingest, by [`spoor::access::Access::role`] (the rule
/// every job is held to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingests {
    /// Into any collection, a new one too (administrators, the local owner).
    Anywhere,
    /// Into these collections only (editor or owner of each), possibly none.
    Into(Vec<String>),
}

impl Ingests {
    /// Where `caller`, who reads `readable`, may ingest.
    pub fn of(access: &Access, caller: &Caller, readable: &Readable) -> Result<Ingests, ApiError> {
        let editor = |c: &str| -> Result<bool, ApiError> {
            Ok(access.role(caller, c)? >= Some(Role::Editor))
        };
        Ok(match readable {
            // who reads everything is an owner of every collection, or of none
            Readable::All if editor(spoor::access::collection_name(""))? => Ingests::Anywhere,
            Readable::All => Ingests::Into(Vec::new()),
            Readable::Only(set) => {
                let mut into = Vec::new();
                for c in set {
                    if editor(c)? {
                        into.push(c.clone());
                    }
                }
                Ingests::Into(into)
            }
        })
    }

    /// Whether anywhere at all.
    pub fn any(&self) -> bool {
        match self {
            Ingests::Anywhere => true,
            Ingests::Into(v) => !v.is_empty(),
        }
    }
}

/// The refusal of an ingest page to who may ingest nowhere.
pub fn nowhere() -> ApiError {
    ApiError::Forbidden("only an editor of a collection may ingest into it".into())
}

/// Only an editor or owner of the collection ingests into it (the library's
/// [`spoor::access::Access::role`] makes administrators and the local owner owners).
async fn may_ingest(state: &AppState, who: &Authed, collection: &str) -> Result<(), ApiError> {
    let (access, caller, coll) = (
        state.access.clone(),
        who.caller.clone(),
        collection.to_string(),
    );
    let role = blocking(move || Ok(access.role(&caller, &coll)?)).await?;
    if role >= Some(Role::Editor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "only an editor of collection {collection} may ingest into it"
        )))
    }
}

/// Write the form's `file` parts into `dir`; returns the `collection` field
/// and the files. With `form_who`, nothing is written before the form's
/// `csrf` field has passed.
async fn save_upload(
    mut form: Multipart,
    dir: &std::path::Path,
    form_who: Option<&Authed>,
) -> Result<(String, Vec<PathBuf>), ApiError> {
    std::fs::create_dir_all(dir).map_err(|e| ApiError::Internal(format!("uploads: {e}")))?;
    let (mut collection, mut files, mut total) = (String::new(), Vec::new(), 0usize);
    let mut checked = form_who.is_none_or(|w| w.session.is_none());
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::BadRequest(format!("the upload broke off: {e}")))?
    {
        match (field.name(), form_who) {
            (Some("collection"), _) => {
                collection = field.text().await.map_err(bad_field)?;
                continue;
            }
            (Some("csrf"), Some(who)) => {
                who.require_csrf(Some(&field.text().await.map_err(bad_field)?))?;
                checked = true;
                continue;
            }
            _ if !checked => {
                return Err(ApiError::Forbidden(
                    "missing or wrong CSRF token (the form field csrf comes before the files)"
                        .into(),
                ));
            }
            _ => {}
        }
        if files.len() >= MAX_UPLOAD_FILES {
            return Err(ApiError::BadRequest(format!(
                "at most {MAX_UPLOAD_FILES} files an upload"
            )));
        }
        let name = safe_name(field.file_name().unwrap_or("upload"), files.len());
        let path = dir.join(name);
        let mut out = std::fs::File::create(&path)
            .map_err(|e| ApiError::Internal(format!("uploads: {e}")))?;
        while let Some(chunk) = field.chunk().await.map_err(bad_field)? {
            total += chunk.len();
            if total > MAX_UPLOAD {
                return Err(ApiError::TooLarge(MAX_UPLOAD));
            }
            out.write_all(&chunk)
                .map_err(|e| ApiError::Internal(format!("uploads: {e}")))?;
        }
        files.push(path);
    }
    if files.is_empty() {
        return Err(ApiError::BadRequest("the upload holds no file".into()));
    }
    Ok((collection, files))
}

fn bad_field(e: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::BadRequest(format!("the upload broke off: {e}"))
}

/// A file name that stays inside the upload folder: the last path part, only
/// letters, digits, `.`, `-` and `_`, never hidden, numbered so names never collide.
pub fn safe_name(given: &str, n: usize) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let clean = clean.trim_start_matches('.');
    format!("{n:05}-{}", if clean.is_empty() { "upload" } else { clean })
}

/// `GET /api/v1/jobs`: the jobs of the collections the caller reads, newest first.
pub async fn list(State(state): State<AppState>, who: Authed) -> Json<Vec<JobView>> {
    Json(state.jobs.list(|c| who.readable.allows(c)))
}

/// Job `id`, if the caller reads its collection (else, as for a missing one, 404).
pub(crate) fn readable_job(
    jobs: &Jobs,
    who: &Authed,
    id: u64,
) -> Result<std::sync::Arc<crate::jobs::Job>, ApiError> {
    jobs.get(id)
        .filter(|j| who.readable.allows(&j.collection))
        .ok_or_else(|| ApiError::NotFound(format!("no job {id}")))
}

/// `GET /api/v1/jobs/{id}`: one job, with its progress and per-file errors.
pub async fn show(
    State(state): State<AppState>,
    who: Authed,
    Path(id): Path<u64>,
) -> Result<Json<JobView>, ApiError> {
    Ok(Json(readable_job(&state.jobs, &who, id)?.view()))
}

/// `DELETE /api/v1/jobs/{id}`: cancel a job (it stops before its next batch).
pub async fn cancel(
    State(state): State<AppState>,
    who: Authed,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<Json<JobView>, ApiError> {
    who.require_csrf(csrf(&headers))?;
    Ok(Json(cancel_job(&state, who, id).await?))
}

/// Cancel job `id` for `who` (an editor of its collection), recording it.
pub(crate) async fn cancel_job(
    state: &AppState,
    who: Authed,
    id: u64,
) -> Result<JobView, ApiError> {
    let job = readable_job(&state.jobs, &who, id)?;
    may_ingest(state, &who, &job.collection).await?;
    let st = state.clone();
    let target = format!("cancel job {id}");
    blocking(move || who.record(&st.access, Action::Ingest, &target)).await?;
    Ok(state.jobs.cancel(&job))
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn upload_names_stay_in_their_folder() {
        assert_eq!(safe_name("../../etc/passwd", 0), "00000-passwd");
        assert_eq!(safe_name("C:\\x\\mail box.mbox", 3), "00003-mail_box.mbox");
        assert_eq!(safe_name(".hidden", 1), "00001-hidden");
        assert_eq!(safe_name("", 2), "00002-upload");
        assert_eq!(safe_name("répertoire.eml", 4), "00004-r_pertoire.eml");
    }
}
