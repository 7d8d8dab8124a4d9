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
