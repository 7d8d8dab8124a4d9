//! The ingest pages, for who may ingest (editors and owners of a collection,
//! administrators): start a job by uploading files, or by naming a folder on
//! the server when it was started with `--ingest-root`; the caller's jobs;
//! one job with its progress, per-file errors and a cancel button. A reload
//! shows a job as it is; [`SCRIPT`] polls its JSON every second and updates
//! the page in place meanwhile.

use super::{esc, layout_scripted, page_error, url_enc};
use crate::auth::{Authed, csrf_token};
use crate::jobs::{JobState, JobView};
use crate::jobs_api::{Ingests, PathJob, cancel_job, nowhere, path_job, readable_job, upload_job};
use crate::{AppState, blocking, error::ApiError};
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The job page's script: the job's JSON every second, shown in place; once
/// the job has ended the page is loaded again, which shows its report.
pub const SCRIPT: &str = include_str!("jobs.js");

/// `GET /jobs.js`.
pub async fn script() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        )],
        SCRIPT,
    )
        .into_response()
}

/// Where `who` may ingest, or the refusal the jobs API gives who may nowhere.
async fn ingests(state: &AppState, who: &Authed) -> Result<Ingests, ApiError> {
    let (access, caller, readable) = (
        state.access.clone(),
        who.caller.clone(),
        who.readable.clone(),
    );
    let into = blocking(move || Ingests::of(&access, &caller, &readable)).await?;
    if into.any() { Ok(into) } else { Err(nowhere()) }
}

fn csrf_field(who: &Authed) -> String {
    match &who.session {
        Some(s) => format!(
            r#"<input type="hidden" name="csrf" value="{}">"#,
            csrf_token(s)
        ),
        None => String::new(),
    }
}

/// `GET /jobs`: the forms that start a job, and the caller's jobs.
pub async fn list(State(state): State<AppState>, who: Result<Authed, ApiError>) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let into = match ingests(&state, &who).await {
        Ok(i) => i,
        Err(e) => return page_error(Some(&who), e),
    };
    let known = known_collections(&state, &who, &into).await;
    let jobs = state.jobs.list(|c| who.readable.allows(c));
    let main = format!(
        "<h1>Ingest</h1>{}{}<h2>Jobs</h2>{}",
        upload_form(&who, &into, &known),
        path_form(&who, &into, &known, &state.jobs.roots()),
        jobs_table(&jobs)
    );
    layout_scripted(Some(&who), "Ingest", &main, false)
}

/// The collections offered to who may ingest anywhere (those that exist).
async fn known_collections(state: &AppState, who: &Authed, into: &Ingests) -> Vec<String> {
    if *into != Ingests::Anywhere {
        return Vec::new();
    }
    let (archive, readable) = (state.archive.clone(), who.readable.clone());
    blocking(move || Ok(archive.collections(&readable)?))
        .await
        .map(|v| v.into_iter().map(|(name, _)| name).collect())
        .unwrap_or_default()
}

/// The collection field (`id`): a choice of the collections `into`, or any
/// name with the existing ones suggested.
fn collection_field(id: &str, into: &Ingests, known: &[String]) -> String {
    match into {
        Ingests::Into(names) => {
            let options: String = names
                .iter()
                .map(|n| format!(r#"<option value="{0}">{0}</option>"#, esc(n)))
                .collect();
            format!(r#"<select id="{id}" name="collection" required>{options}</select>"#)
        }
        Ingests::Anywhere => {
            let options: String = known
                .iter()
                .map(|n| format!(r#"<option value="{}">"#, esc(n)))
                .collect();
            format!(
                r#"<input type="text" id="{id}" name="collection" list="{id}-known" value="default" required><datalist id="{id}-known">{options}</datalist>"#
            )
        }
    }
}

fn upload_form(who: &Authed, into: &Ingests, known: &[String]) -> String {
    format!(
        r#"<h2>Upload files</h2>
<form method="post" action="/jobs" enctype="multipart/form-data">{}
<p><label for="up-collection">Collection</label> {}</p>
<p><label for="files">Files: mail (.eml, .mbox), documents, releases</label> <input type="file" id="files" name="file" multiple required></p>
<p><button type="submit">Upload and ingest</button></p></form>"#,
        csrf_field(who),
        collection_field("up-collection", into, known)
    )
}

/// The form naming a server-side path: only on a server with ingest roots.
fn path_form(
    who: &Authed,
    into: &Ingests,
    known: &[String],
    roots: &[std::path::PathBuf],
) -> String {
    if roots.is_empty() {
        return String::new();
    }
    let under: Vec<String> = roots
        .iter()
        .map(|r| format!("<code>{}</code>", esc(&r.display().to_string())))
        .collect();
    format!(
        r#"<h2>Read a file or folder on the server</h2>
<form method="post" action="/jobs">{}
<p><label for="path-collection">Collection</label> {}</p>
<p><label for="path">Path, under {}</label><br><input type="text" id="path" name="path" size="60" required></p>
<p><button type="submit">Ingest</button></p></form>"#,
        csrf_field(who),
        collection_field("path-collection", into, known),
        under.join(" or ")
    )
}

fn state_name(s: JobState) -> &'static str {
    match s {
        JobState::Queued => "queued",
        JobState::Running => "running",
        JobState::Done => "done",
        JobState::Cancelled => "cancelled",
        JobState::Failed => "failed",
    }
}

fn jobs_table(jobs: &[JobView]) -> String {
    if jobs.is_empty() {
        return "<p>No jobs yet.</p>".into();
    }
    let rows: String = jobs
        .iter()
        .map(|j| {
            format!(
                r#"<tr><td><a href="/jobs/{0}">Job {0}</a></td><td>{1}</td><td dir="auto">{2}</td><td dir="auto">{3}</td><td>{4}</td><td>{5} of {6}</td></tr>"#,
                j.id,
                state_name(j.state),
                esc(&j.collection),
                esc(&j.by),
                j.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
                j.files_done,
                j.files
            )
        })
        .collect();
    format!(
        r#"<table class="jobs"><caption class="meta">Newest first</caption><thead><tr><th scope="col">Job</th><th scope="col">State</th><th scope="col">Collection</th><th scope="col">By</th><th scope="col">Started</th><th scope="col">Files</th></tr></thead><tbody>{rows}</tbody></table>"#
    )
}

/// The path form's fields.
#[derive(Deserialize)]
pub struct PathForm {
    #[serde(default)]
    csrf: String,
    path: String,
    collection: String,
}

/// `POST /jobs`: start a job (an upload, or a path), then to its page.
pub async fn submit(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    req: Request,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    match start(&state, &who, req).await {
        Ok(view) => Redirect::to(&format!("/jobs/{}", view.id)).into_response(),
        Err(e) => page_error(Some(&who), e),
    }
}

async fn start(state: &AppState, who: &Authed, req: Request) -> Result<JobView, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        let form = Multipart::from_request(req, state)
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        return upload_job(state, who.clone(), form, true).await;
    }
    let Form(f) = Form::<PathForm>::from_request(req, state)
        .await
        .map_err(|e| ApiError::BadRequest(e.body_text()))?;
    who.require_csrf(Some(&f.csrf))?;
    let job = PathJob {
        path: f.path.trim().to_string(),
        collection: f.collection,
    };
    path_job(state, who.clone(), job).await
}

/// The job of a page's path, if the caller may ingest and reads its collection.
async fn job_of(state: &AppState, who: &Authed, id: &str) -> Result<JobView, ApiError> {
    ingests(state, who).await?;
    let n = id
        .parse::<u64>()
        .map_err(|_| ApiError::NotFound(format!("no job {id}")))?;
    Ok(readable_job(&state.jobs, who, n)?.view())
}

/// `GET /jobs/{id}`: one job, as it is now.
pub async fn show(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    Path(id): Path<String>,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    match job_of(&state, &who, &id).await {
        Ok(j) => layout_scripted(
            Some(&who),
            &format!("Job {}", j.id),
            &job_page(&who, &j),
            true,
        ),
        Err(e) => page_error(Some(&who), e),
    }
}

fn active(s: JobState) -> bool {
    matches!(s, JobState::Queued | JobState::Running)
}

/// The words of the documents a job added, or committed so far.
fn documents(j: &JobView) -> String {
    match &j.report {
        Some(r) => format!(
            "{} added, {} duplicates, {} already present",
            r.added, r.duplicates, r.unchanged
        ),
        None => format!("{} committed so far", j.committed),
    }
}

/// What a job's page shows below its progress: why it failed, the files
/// that could not be read, the cancel button while it may still stop.
fn job_ending(who: &Authed, j: &JobView) -> String {
    let failed: String = j
        .failed
        .iter()
        .map(|f| {
            format!(
                r#"<li><span dir="auto">{}</span>: <span dir="auto">{}</span></li>"#,
                esc(&f.path),
                esc(&f.error)
            )
        })
        .collect();
    let failed = if failed.is_empty() {
        String::new()
    } else {
        format!("<h2>Files that could not be read</h2><ul>{failed}</ul>")
    };
    let error = j
        .error
        .as_deref()
        .map(|e| format!(r#"<p class="error" role="alert">{}</p>"#, esc(e)))
        .unwrap_or_default();
    let cancel = if active(j.state) {
        format!(
            r#"<form method="post" action="/jobs/{}/cancel">{}<button type="submit">Cancel the job</button></form>"#,
            j.id,
            csrf_field(who)
        )
    } else {
        String::new()
    };
    format!("{error}{failed}{cancel}")
}

fn job_page(who: &Authed, j: &JobView) -> String {
    let progress = if j.files > 0 {
        format!(
            r#" value="{}" max="{}""#,
            j.files_done.min(j.files),
            j.files
        )
    } else {
        String::new()
    };
    format!(
        r#"<h1>Job {id}</h1><p><a href="/jobs">All jobs</a> · <a href="/search?q={coll_q}">Search the collection</a></p>
<section id="job" data-job="{id}" data-state="{state}" aria-label="Job {id}">
<p role="status">State: <strong id="job-state">{state}</strong></p>
<dl class="headers"><dt>Collection</dt><dd dir="auto">{coll}</dd><dt>By</dt><dd dir="auto">{by}</dd>
<dt>Started</dt><dd>{created}</dd>
<dt>Files</dt><dd><span id="job-files-done">{done}</span> of <span id="job-files">{files}</span> read</dd>
<dt>Documents</dt><dd id="job-documents">{docs}</dd></dl>
<progress id="job-progress" aria-label="Files read"{progress}></progress>
{ending}</section>"#,
        id = j.id,
        state = state_name(j.state),
        coll = esc(&j.collection),
        coll_q = url_enc(&format!("collection:\"{}\"", j.collection.replace('"', ""))),
        by = esc(&j.by),
        created = j.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
        done = j.files_done,
        files = j.files,
        docs = esc(&documents(j)),
        ending = job_ending(who, j),
    )
}

/// The cancel form's field.
#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /jobs/{id}/cancel`: cancel the job, then back to its page.
pub async fn cancel(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    Path(id): Path<String>,
    Form(f): Form<CancelForm>,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let done = async {
        who.require_csrf(Some(&f.csrf))?;
        let j = job_of(&state, &who, &id).await?;
        cancel_job(&state, who.clone(), j.id).await
    };
    match done.await {
        Ok(j) => Redirect::to(&format!("/jobs/{}", j.id)).into_response(),
        Err(e) => page_error(Some(&who), e),
    }
}
