//! Ingest as jobs: an editor uploads files or names a folder under the
//! server's ingest root, gets `202` and a job, follows it to the end, and then
//! finds its documents; who may not ingest or read a collection neither starts
//! nor sees its jobs.

mod common;
use axum::http::StatusCode;
use common::*;

/// A multipart body: the collection, then one file.
fn upload(collection: &str, name: &str, content: &[u8]) -> (Vec<u8>, String) {
    multipart(&[
        ("collection", None, collection.as_bytes()),
        ("file", Some(name), content),
    ])
}

const MAIL: &[u8] = b"From: Ada Quill <ada@example.org>\r\nTo: desk@example.org\r\nSubject: zeppelin manifest\r\nDate: Mon, 2 Mar 2015 10:00:00 +0000\r\nMessage-ID: <zeppelin-1@example.org>\r\n\r\nThe zeppelin manifest lists forty crates of maps.\r\n";

/// Follow a job until it ends; its last view.
async fn wait(s: &Served, auth: &Auth, id: u64) -> serde_json::Value {
    for _ in 0..600 {
        let a = s
            .send("GET", &format!("/api/v1/jobs/{id}"), auth, vec![])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text());
        let v = a.json();
        if !matches!(v["state"].as_str(), Some("queued" | "running")) {
            return v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("job {id} did not end");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_uploads_a_file_and_then_finds_it() {
    let s = served(true);
    let (body, ct) = upload("desk-a", "../zeppelin.eml", MAIL);
    let viewer = s.session("viewer-a");
    let a = s
        .send_with(
            "POST",
            "/api/v1/jobs",
            &viewer,
            body.clone(),
            &[("content-type", &ct)],
        )
        .await;
    assert_eq!(
        a.status,
        StatusCode::FORBIDDEN,
        "a viewer may not ingest: {}",
        a.text()
    );
    let owner = s.session("owner-a");
    let a = s
        .send_with(
            "POST",
            "/api/v1/jobs",
            &owner,
            body,
            &[("content-type", &ct)],
        )
        .await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{}", a.text());
    let id = a.json()["id"].as_u64().expect("id");
    let v = wait(&s, &owner, id).await;
    assert_eq!(v["state"], "done", "{v}");
    assert_eq!(v["report"]["added"], 1, "{v}");
    assert_eq!(v["files_done"], 1, "{v}");
    // the upload stays inside the archive, under a safe name
    let kept = s
        .dir
        .path()
        .join(format!("uploads/job-{id:06}/00000-zeppelin.eml"));
    assert!(kept.exists(), "{}", kept.display());
    // the server's searches see the new document at once
    let a = s
        .send("GET", "/api/v1/search?q=zeppelin", &owner, vec![])
        .await;
    assert_eq!(a.json()["total"], 1, "{}", a.text());
    // another desk neither sees the job nor its document
    let other = s.session("viewer-b");
    let a = s
        .send("GET", &format!("/api/v1/jobs/{id}"), &other, vec![])
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = s.send("GET", "/api/v1/jobs", &other, vec![]).await;
    assert_eq!(a.json().as_array().map(Vec::len), Some(0), "{}", a.text());
    let a = s
        .send("GET", "/api/v1/search?q=zeppelin", &other, vec![])
        .await;
    assert_eq!(a.json()["total"], 0, "{}", a.text());
    // the audit log says who ingested what
    let log = s
        .access
        .audit(&spoor::access::Caller::Local, &Default::default())
        .expect("audit");
    assert!(
        log.iter().any(|e| e.action == spoor::access::Action::Ingest
            && e.user.as_deref() == Some("owner-a")
            && e.target.contains("desk-a")),
        "{log:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_path_job_reads_only_under_the_ingest_root() {
    let s = served(true);
    let admin = s.session("admin");
    let outside = serde_json::json!({"path": "/etc", "collection": "desk-a"}).to_string();
    let a = s
        .send_with(
            "POST",
            "/api/v1/jobs",
            &admin,
            outside.into_bytes(),
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    let mime = fixtures().join("mime").display().to_string();
    let job = serde_json::json!({"path": mime, "collection": "desk-a"}).to_string();
    let a = s
        .send_with(
            "POST",
            "/api/v1/jobs",
            &admin,
            job.into_bytes(),
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{}", a.text());
    let id = a.json()["id"].as_u64().expect("id");
    let v = wait(&s, &admin, id).await;
    assert_eq!(v["state"], "done", "{v}");
    assert!(v["report"]["added"].as_u64().is_some_and(|n| n > 0), "{v}");
    // cancelling an ended job is answered, and leaves it as it ended
    let a = s
        .send("DELETE", &format!("/api/v1/jobs/{id}"), &admin, vec![])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(wait(&s, &admin, id).await["state"], "done");
}

/// The job page a `303` from a form leads to, and the job's id.
fn job_location(a: &Answer) -> (String, u64) {
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
    let to = a.headers["location"].to_str().expect("ascii").to_string();
    let id = to
        .strip_prefix("/jobs/")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("to a job page: {to}"));
    (to, id)
}

fn csrf_of(auth: &Auth) -> String {
    match auth {
        Auth::Session { csrf, .. } => csrf.clone(),
        _ => unreachable!("a session"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ingest_page_is_linked_and_served_to_editors_only() {
    let s = served(true);
    let viewer = s.session("viewer-a");
    let page = s.send("GET", "/search", &viewer, vec![]).await.text();
    assert!(!page.contains("href=\"/jobs\""), "{page}");
    for uri in ["/jobs", "/jobs/1"] {
        let a = s.send("GET", uri, &viewer, vec![]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{uri}: {}", a.text());
        assert!(
            a.text().contains("only an editor of a collection"),
            "{}",
            a.text()
        );
    }
    let owner = s.session("owner-a");
    let page = s.send("GET", "/search", &owner, vec![]).await.text();
    assert!(page.contains("<a href=\"/jobs\">Ingest</a>"), "{page}");
    let a = s.send("GET", "/jobs", &owner, vec![]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let html = a.text();
    let csrf = csrf_of(&owner);
    for part in [
        "enctype=\"multipart/form-data\"",
        &format!("name=\"csrf\" value=\"{csrf}\""),
        "<option value=\"desk-a\">desk-a</option>",
        "type=\"file\" id=\"files\" name=\"file\" multiple",
        "<label for=\"path\">",
        "No jobs yet.",
    ] {
        assert!(html.contains(part), "{part} in {html}");
    }
    assert!(
        !html.contains("desk-b") && !html.contains("<script"),
        "{html}"
    );
    // an administrator names any collection, existing ones suggested
    let admin = s.session("admin");
    let html = s.send("GET", "/jobs", &admin, vec![]).await.text();
    assert!(
        html.contains("name=\"collection\" list=") && html.contains("<option value=\"desk-b\">"),
        "{html}"
    );
    let signed_out = s.send("GET", "/jobs", &Auth::None, vec![]).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_from_the_page_needs_its_token_first_and_shows_its_end() {
    let s = served(true);
    let owner = s.session("owner-a");
    let csrf = csrf_of(&owner);
    let (no_token, ct) = upload("desk-a", "zeppelin.eml", MAIL);
    let a = s
        .send_with("POST", "/jobs", &owner, no_token, &[("content-type", &ct)])
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    assert!(
        !s.dir.path().join("uploads/job-000001").exists(),
        "a refused upload is not kept"
    );
    let (body, ct) = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("collection", None, b"desk-a"),
        ("file", Some("zeppelin.eml"), MAIL),
        (
            "file",
            Some("<b>broken</b>.pdf"),
            b"%PDF-1.4 not a PDF at all",
        ),
    ]);
    let a = s
        .send_with("POST", "/jobs", &owner, body, &[("content-type", &ct)])
        .await;
    let (page, id) = job_location(&a);
    let a = s.send("GET", &page, &owner, vec![]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let html = a.text();
    assert!(
        html.contains(&format!("data-job=\"{id}\"")) && html.contains("<script src=\"/jobs.js\">"),
        "{html}"
    );
    let csp = a.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(
        csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    let v = wait(&s, &owner, id).await;
    assert_eq!(v["state"], "done", "{v}");
    let html = s.send("GET", &page, &owner, vec![]).await.text();
    for part in [
        "id=\"job-state\">done<",
        "<span id=\"job-files-done\">2</span> of <span id=\"job-files\">2</span>",
        "1 added",
        "Files that could not be read",
        "00001-b_.pdf</span>: <span dir=\"auto\">unreadable PDF",
    ] {
        assert!(html.contains(part), "{part} in {html}");
    }
    assert!(
        !html.contains("<b>") && !html.contains("Cancel the job"),
        "{html}"
    );
    let list = s.send("GET", "/jobs", &owner, vec![]).await.text();
    assert!(
        list.contains(&format!("<a href=\"/jobs/{id}\">Job {id}</a>")),
        "{list}"
    );
    let js = s.send("GET", "/jobs.js", &Auth::None, vec![]).await;
    assert!(
        js.headers["content-type"]
            .to_str()
            .expect("ascii")
            .contains("javascript")
    );
    assert!(js.text().contains("/api/v1/jobs/"), "{}", js.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_path_job_from_the_page_and_its_cancel_button() {
    let s = served(true);
    let owner = s.session("owner-a");
    let csrf = csrf_of(&owner);
    let form = ("content-type", "application/x-www-form-urlencoded");
    let mime = fixtures().join("mime").display().to_string();
    let body = |token: &str| {
        format!(
            "csrf={token}&collection=desk-a&path={}",
            mime.replace('/', "%2F")
        )
        .into_bytes()
    };
    let a = s
        .send_with("POST", "/jobs", &owner, body("x"), &[form])
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    let outside = format!("csrf={csrf}&collection=desk-a&path=%2Fetc").into_bytes();
    let a = s.send_with("POST", "/jobs", &owner, outside, &[form]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    let a = s
        .send_with("POST", "/jobs", &owner, body(&csrf), &[form])
        .await;
    let (page, id) = job_location(&a);
    let cancel = format!("{page}/cancel");
    let a = s
        .send_with("POST", &cancel, &owner, b"csrf=x".to_vec(), &[form])
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    let a = s
        .send_with(
            "POST",
            &cancel,
            &owner,
            format!("csrf={csrf}").into_bytes(),
            &[form],
        )
        .await;
    assert_eq!(job_location(&a).1, id);
    let v = wait(&s, &owner, id).await;
    assert!(
        matches!(v["state"].as_str(), Some("done" | "cancelled")),
        "{v}"
    );
    let html = s.send("GET", &page, &owner, vec![]).await.text();
    assert!(html.contains(&format!(
        "id=\"job-state\">{}<",
        v["state"].as_str().unwrap_or("")
    )));
    // another desk's editor-less reader is refused; a missing job is not found
    let a = s.send("GET", "/jobs/999", &owner, vec![]).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = s.send("GET", "/jobs/nope", &owner, vec![]).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}
