//! An archive of the repository's fixtures in two collections, users with
//! every kind of role, and a way to send requests to the router in-process.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use spoor::access::{Access, Caller, LoginLimiter, ManualClock, Role};
use spoor::{Archive, IngestOptions, Quiet, SearchOptions};
use spoor_server::AppState;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;

/// English only, words as they are (no dictionaries needed).
pub struct English;
impl spoor::Translator for English {
    fn translate(&self, _lang: &str, word: &str) -> Vec<String> {
        vec![word.to_lowercase()]
    }
    fn supports(&self, lang: &str) -> bool {
        lang == "en"
    }
}

/// A user of the table test: name, grant (collection, role), administrator.
pub type TestUser = (&'static str, Option<(&'static str, Role)>, bool);

/// The users of the table test and the grants they have.
pub const USERS: [TestUser; 5] = [
    ("admin", None, true),
    ("owner-a", Some(("desk-a", Role::Owner)), false),
    ("viewer-a", Some(("desk-a", Role::Viewer)), false),
    ("viewer-b", Some(("desk-b", Role::Viewer)), false),
    ("nobody", None, false),
];

/// A password every test user has.
pub const PASSWORD: &str = "correct horse battery";

/// A served archive.
pub struct Served {
    pub app: Router,
    pub access: Arc<Access>,
    pub clock: Arc<ManualClock>,
    /// Ids of every document of desk-a and of desk-b.
    pub ids_a: Vec<String>,
    pub ids_b: Vec<String>,
    pub dir: tempfile::TempDir,
}

/// The repository's fixtures (also the one folder jobs may ingest by path).
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Ingest fixtures/mail and fixtures/arabic into desk-a, fixtures/docs and fixtures/foia into desk-b.
fn build_archive(dir: &std::path::Path) {
    let mut a = Archive::open(dir).expect("archive");
    for (coll, paths) in [
        ("desk-a", vec!["mail", "arabic"]),
        ("desk-b", vec!["docs", "foia"]),
    ] {
        let paths: Vec<PathBuf> = paths.iter().map(|p| fixtures().join(p)).collect();
        let opts = IngestOptions {
            collection: coll.into(),
            mapping: None,
        };
        let r = a.ingest(&paths, &opts, &Quiet).expect("ingest");
        assert!(r.failed.is_empty() && r.added > 0, "{coll}: {r:?}");
    }
    a.close().expect("close");
}

fn ids_of(a: &Archive, coll: &str) -> Vec<String> {
    let opts = SearchOptions {
        limit: 500,
        all_renditions: true,
        ..Default::default()
    };
    let r = a
        .search(&format!("collection:{coll}"), &opts, &[])
        .expect("search");
    assert!(r.total > 0);
    r.hits.into_iter().map(|h| h.id).collect()
}

/// The fixture archive served, with accounts (`with_users`) or without.
pub fn served(with_users: bool) -> Served {
    served_with(with_users, false)
}

/// The fixture archive served with accounts, as behind a TLS proxy.
pub fn served_secure() -> Served {
    served_with(true, true)
}

fn served_with(with_users: bool, secure_cookies: bool) -> Served {
    let dir = tempfile::tempdir().expect("tmp");
    build_archive(dir.path());
    let archive = Archive::open_read(dir.path()).expect("open");
    let ids_a = ids_of(&archive, "desk-a");
    let ids_b = ids_of(&archive, "desk-b");
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let access = Arc::new(Access::open_with_clock(dir.path(), clock.clone()).expect("access"));
    if with_users {
        for (name, grant, admin) in USERS {
            access
                .add_user(&Caller::Local, name, PASSWORD, admin)
                .expect("user");
            if let Some((c, role)) = grant {
                access.grant(&Caller::Local, name, c, role).expect("grant");
            }
        }
    }
    let archive = Arc::new(archive);
    let jobs = spoor_server::jobs::Jobs::start(dir.path(), archive.clone(), vec![fixtures()]);
    let state = AppState {
        archive,
        jobs,
        access: access.clone(),
        limiter: Arc::new(LoginLimiter::new(clock.clone())),
        translator: Arc::new(English),
        secure_cookies,
    };
    Served {
        app: spoor_server::router(state),
        access,
        clock,
        ids_a,
        ids_b,
        dir,
    }
}

/// An answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// How a request is authenticated.
#[derive(Clone, Debug)]
pub enum Auth {
    None,
    /// A session cookie, with its CSRF token.
    Session {
        id: String,
        csrf: String,
    },
    Bearer(String),
}

impl Served {
    /// A session of `user`, made directly in the store (no password hashing).
    pub fn session(&self, user: &str) -> Auth {
        let s = self
            .access
            .create_session(user, chrono::Duration::hours(1))
            .expect("session");
        Auth::Session {
            csrf: spoor_server::auth::csrf_token(&s.id),
            id: s.id,
        }
    }

    /// Send a request.
    pub async fn send(&self, method: &str, uri: &str, auth: &Auth, body: Vec<u8>) -> Answer {
        self.send_with(method, uri, auth, body, &[]).await
    }

    /// Send a request with extra headers.
    pub async fn send_with(
        &self,
        method: &str,
        uri: &str,
        auth: &Auth,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        match auth {
            Auth::None => {}
            Auth::Session { id, csrf } => {
                req = req
                    .header("cookie", format!("spoor_session={id}"))
                    .header("x-csrf-token", csrf.as_str());
            }
            Auth::Bearer(t) => req = req.header("authorization", format!("Bearer {t}")),
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(Body::from(body)).expect("request");
        let resp = self.app.clone().oneshot(req).await.expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Answer {
            status,
            headers,
            body,
        }
    }
}

/// A `multipart/form-data` body of `(field, file name, content)` parts, and
/// its content type.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (Vec<u8>, String) {
    let b = "spoorboundary7";
    let mut body = Vec::new();
    for (name, file, content) in parts {
        let head = match file {
            Some(f) => format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ),
            None => format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
        };
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={b}"))
}
