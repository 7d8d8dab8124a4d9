//! `spoor serve`: the newsroom's web workspace over one archive directory.
//!
//! [`router`] builds the whole application: the HTTP API under `/api/v1`
//! (JSON shaped as the CLI's `--format json` contracts, docs/FORMATS.md,
//! "HTTP API") and the web pages, every asset embedded. Who asks is found from
//! a session cookie or an API token ([`auth`]); what they may read is their
//! [`spoor::access::Readable`], which every call into the library carries, so
//! the library itself leaves out what the caller may not read.

#![warn(missing_docs)]

pub mod admin;
pub mod api;
pub mod auth;
pub mod check;
pub mod error;
pub mod jobs;
pub mod jobs_api;
pub mod openapi;
pub mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, delete, get, post};
use spoor::access::{Access, LoginLimiter};
use spoor::{Archive, Translator};
use std::sync::Arc;

pub use error::ApiError;

/// The largest body a route reads unless it says otherwise (a login, a form).
pub const MAX_BODY: usize = 64 * 1024;

/// What every request shares.
#[derive(Clone)]
pub struct AppState {
    /// The archive, open for reading.
    pub archive: Arc<Archive>,
    /// The accounts store of the archive.
    pub access: Arc<Access>,
    /// Failed logins, per name and per client address.
    pub limiter: Arc<LoginLimiter>,
    /// The dictionaries a check translates with.
    pub translator: Arc<dyn Translator + Send + Sync>,
    /// Whether the server is reached over TLS (cookies are then `Secure`).
    pub secure_cookies: bool,
    /// Ingest jobs and the thread that runs them.
    pub jobs: Arc<jobs::Jobs>,
}

/// The application: API routes and web pages. The API is built from
/// [`openapi::ROUTES`], the table the OpenAPI document is made of, so that the
/// document lists exactly the routes there are.
pub fn router(state: AppState) -> Router {
    let mut by_path: std::collections::BTreeMap<&str, MethodRouter<AppState>> = Default::default();
    for (method, path, _) in openapi::ROUTES {
        let Some(h) = handler(method, path) else {
            continue;
        };
        let merged = match by_path.remove(path) {
            Some(other) => other.merge(h),
            None => h,
        };
        by_path.insert(path, merged);
    }
    let api = by_path
        .into_iter()
        .fold(Router::new(), |r, (path, h)| r.route(path, h));
    Router::new()
        .nest("/api/v1", api)
        .merge(pages::routes())
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// The handler of an API route of [`openapi::ROUTES`].
pub fn handler(method: &str, path: &str) -> Option<MethodRouter<AppState>> {
    Some(match (method, path) {
        ("post", "/login") => post(auth::login),
        ("post", "/logout") => post(auth::logout),
        ("get", "/search") => get(api::search),
        ("get", "/documents/{id}") => get(api::document),
        ("get", "/documents/{id}/raw") => get(api::raw),
        ("get", "/threads/{id}") => get(api::thread),
        ("post", "/check") => {
            post(check::check).layer(DefaultBodyLimit::max(check::MAX_CHECK_BODY))
        }
        ("get", "/collections") => get(api::collections),
        ("get", "/aliases") => get(api::aliases),
        ("get", "/me") => get(admin::me),
        ("get", "/users") => get(admin::users),
        ("get", "/tokens") => get(admin::tokens),
        ("post", "/tokens") => post(admin::create_token),
        ("delete", "/tokens/{name}") => delete(admin::revoke_token),
        ("get", "/audit") => get(admin::audit),
        ("get", "/openapi.json") => get(openapi::document),
        ("post", "/jobs") => {
            post(jobs_api::submit).layer(DefaultBodyLimit::max(jobs_api::MAX_UPLOAD))
        }
        ("get", "/jobs") => get(jobs_api::list),
        ("get", "/jobs/{id}") => get(jobs_api::show),
        ("delete", "/jobs/{id}") => delete(jobs_api::cancel),
        _ => return None,
    })
}

/// Whether the server may listen on `addr`: beyond loopback only when the
/// archive has accounts (without them every request reads everything).
pub fn listen_policy(addr: &std::net::SocketAddr, has_users: bool) -> Result<(), String> {
    if has_users || addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(format!(
            "refusing to listen on {addr}: the archive has no accounts, so anyone reaching it would read everything. \
             Create the first administrator with `spoor user add NAME --admin`, or listen on 127.0.0.1"
        ))
    }
}

/// How often a running server looks for what ingests committed meanwhile.
pub const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Refresh the archive every `every`, for ever (spawn it beside the server), so
/// that documents ingested while the server runs become searchable.
pub async fn refresh_every(archive: Arc<Archive>, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        let a = archive.clone();
        // a failed refresh keeps the view it had; the next tick tries again
        let _ = tokio::task::spawn_blocking(move || a.refresh()).await;
    }
}

/// Run blocking library work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Internal(format!("a task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_route_of_the_openapi_table_has_its_handler() {
        for (method, path, _) in crate::openapi::ROUTES {
            assert!(super::handler(method, path).is_some(), "{method} {path}");
        }
    }
}
