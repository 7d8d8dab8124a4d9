//! Login, sessions, tokens, CSRF, rate limiting, logout and the audit log.

mod common;

use axum::http::StatusCode;
use common::{Auth, PASSWORD, served};
use spoor::access::{Action, AuditFilter, Caller};

fn login_body(user: &str, password: &str) -> Vec<u8> {
    serde_json::json!({"user": user, "password": password})
        .to_string()
        .into_bytes()
}

fn session_of(set_cookie: &str) -> String {
    set_cookie
        .strip_prefix("spoor_session=")
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn with_accounts_an_anonymous_request_is_refused() {
    let s = served(true);
    for (m, uri) in [
        ("GET", "/api/v1/search?q=a"),
        ("GET", "/api/v1/collections"),
        ("POST", "/api/v1/check"),
    ] {
        let r = s.send(m, uri, &Auth::None, b"text".to_vec()).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert!(
            r.json()["error"]
                .as_str()
                .is_some_and(|e| e.contains("sign in"))
        );
    }
    let forged = Auth::Session {
        id: "a".repeat(64),
        csrf: String::new(),
    };
    let r = s.send("GET", "/api/v1/collections", &forged, vec![]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_login_sets_a_strict_http_only_cookie_that_then_works() {
    let s = served(true);
    let r = s
        .send(
            "POST",
            "/api/v1/login",
            &Auth::None,
            login_body("viewer-a", PASSWORD),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let cookie = r.headers["set-cookie"].to_str().expect("ascii").to_string();
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "no TLS here: {cookie}");
    let id = session_of(&cookie);
    let j = r.json();
    assert_eq!(j["user"], "viewer-a");
    assert_eq!(j["csrf"], spoor_server::auth::csrf_token(&id).as_str());
    let auth = Auth::Session {
        id,
        csrf: String::new(),
    };
    let c = s.send("GET", "/api/v1/collections", &auth, vec![]).await;
    assert_eq!(c.status, StatusCode::OK);
    assert_eq!(c.json()[0]["name"], "desk-a");
}

#[tokio::test]
async fn behind_tls_the_cookie_is_secure() {
    let s = common::served_secure();
    let r = s
        .send(
            "POST",
            "/api/v1/login",
            &Auth::None,
            login_body("admin", PASSWORD),
        )
        .await;
    let cookie = r.headers["set-cookie"].to_str().expect("ascii").to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
    let page = s.send("GET", "/login", &Auth::None, vec![]).await;
    let form_cookie = page.headers["set-cookie"].to_str().expect("ascii");
    assert!(form_cookie.contains("; Secure"), "{form_cookie}");
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_repeated_failures_are_slowed() {
    let s = served(true);
    let bad = login_body("viewer-a", "wrong password!!");
    let r = s
        .send("POST", "/api/v1/login", &Auth::None, bad.clone())
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let unknown = s
        .send(
            "POST",
            "/api/v1/login",
            &Auth::None,
            login_body("ghost", "whatever1234"),
        )
        .await;
    assert_eq!(
        unknown.text(),
        r.text(),
        "an unknown name looks like a wrong password"
    );
    let mut limited = None;
    for _ in 0..8 {
        let r = s
            .send("POST", "/api/v1/login", &Auth::None, bad.clone())
            .await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("failures are rate limited");
    assert!(r.headers.contains_key("retry-after"));
    // even the right password waits
    let ok = s
        .send(
            "POST",
            "/api/v1/login",
            &Auth::None,
            login_body("viewer-a", PASSWORD),
        )
        .await;
    assert_eq!(ok.status, StatusCode::TOO_MANY_REQUESTS);
    s.clock.advance(chrono::Duration::hours(1));
    let ok = s
        .send(
            "POST",
            "/api/v1/login",
            &Auth::None,
            login_body("viewer-a", PASSWORD),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let bad_json = s
        .send("POST", "/api/v1/login", &Auth::None, b"{".to_vec())
        .await;
    assert_eq!(bad_json.status, StatusCode::BAD_REQUEST);
    let huge = vec![b' '; spoor_server::MAX_BODY + 1];
    let r = s.send("POST", "/api/v1/login", &Auth::None, huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["error"].is_string());
}

#[tokio::test]
async fn an_api_token_reads_as_its_user_until_revoked() {
    let s = served(true);
    let t = s
        .access
        .create_token(&Caller::Local, "script", "viewer-b", 30)
        .expect("token");
    let auth = Auth::Bearer(t.secret.clone());
    let r = s.send("GET", "/api/v1/collections", &auth, vec![]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()[0]["name"], "desk-b");
    // no CSRF token needed: a token is no ambient credential
    let c = s
        .send(
            "POST",
            "/api/v1/check",
            &auth,
            b"Algeria\n\nThe forces moved.".to_vec(),
        )
        .await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.text());
    s.access
        .revoke_token(&Caller::Local, "script")
        .expect("revoke");
    let r = s.send("GET", "/api/v1/collections", &auth, vec![]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let junk = Auth::Bearer("spoor_nope".into());
    assert_eq!(
        s.send("GET", "/api/v1/collections", &junk, vec![])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_session_post_needs_its_csrf_token() {
    let s = served(true);
    let Auth::Session { id, csrf } = s.session("viewer-a") else {
        unreachable!("a session")
    };
    let article = b"Algeria\n\nThe Algerian forces moved on the gas facility.".to_vec();
    for wrong in [
        String::new(),
        "0".repeat(64),
        spoor_server::auth::csrf_token(&"1".repeat(64)),
    ] {
        let auth = Auth::Session {
            id: id.clone(),
            csrf: wrong,
        };
        let r = s
            .send("POST", "/api/v1/check", &auth, article.clone())
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        let r = s.send("POST", "/api/v1/logout", &auth, vec![]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    let auth = Auth::Session { id, csrf };
    let r = s.send("POST", "/api/v1/check", &auth, article).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn logout_ends_the_session_and_clears_the_cookie() {
    let s = served(true);
    let auth = s.session("owner-a");
    let r = s.send("POST", "/api/v1/logout", &auth, vec![]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let cookie = r.headers["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("spoor_session=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    let after = s.send("GET", "/api/v1/collections", &auth, vec![]).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn reads_downloads_checks_and_exports_are_audited() {
    let s = served(true);
    let auth = s.session("viewer-a");
    let id = s.ids_a[0].clone();
    s.send("GET", "/api/v1/search?q=schedule", &auth, vec![])
        .await;
    s.send("GET", &format!("/api/v1/documents/{id}"), &auth, vec![])
        .await;
    s.send("GET", &format!("/api/v1/documents/{id}/raw"), &auth, vec![])
        .await;
    let article = b"Algeria\n\nThe Algerian forces moved on the gas facility.".to_vec();
    s.send("POST", "/api/v1/check?format=markdown", &auth, article)
        .await;
    let events = s
        .access
        .audit(&Caller::Local, &AuditFilter::default())
        .expect("audit");
    let mine: Vec<(Action, String)> = events
        .iter()
        .filter(|e| e.user.as_deref() == Some("viewer-a"))
        .map(|e| (e.action, e.target.clone()))
        .collect();
    for (action, target) in [
        (Action::Search, "schedule"),
        (Action::Read, id.as_str()),
        (Action::Download, id.as_str()),
    ] {
        assert!(
            mine.contains(&(action, target.to_string())),
            "{action} {target}: {mine:?}"
        );
    }
    assert!(mine.iter().any(|(a, _)| *a == Action::Check), "{mine:?}");
    assert!(mine.iter().any(|(a, _)| *a == Action::Export), "{mine:?}");
}

#[tokio::test]
async fn without_accounts_every_request_reads_everything_as_local() {
    let s = served(false);
    let r = s
        .send("GET", "/api/v1/collections", &Auth::None, vec![])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json().as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn me_users_and_tokens_follow_the_callers_rights() {
    let s = served(true);
    let viewer = s.session("viewer-a");
    let admin = s.session("admin");
    let me = s.send("GET", "/api/v1/me", &viewer, vec![]).await.json();
    assert_eq!(me["user"], "viewer-a");
    assert_eq!(me["readable"], serde_json::json!(["desk-a"]));
    assert_eq!(
        s.send("GET", "/api/v1/me", &admin, vec![]).await.json()["readable"],
        "all"
    );

    let r = s.send("GET", "/api/v1/users", &viewer, vec![]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    let r = s.send("GET", "/api/v1/users", &admin, vec![]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json().as_array().map(Vec::len), Some(common::USERS.len()));
    assert!(
        !r.text().contains("argon2"),
        "no password hashes: {}",
        r.text()
    );

    let body = br#"{"name": "laptop", "days": 7}"#.to_vec();
    let t = s
        .send("POST", "/api/v1/tokens", &viewer, body.clone())
        .await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text());
    let secret = t.json()["token"].as_str().unwrap_or("").to_string();
    assert!(secret.starts_with("spoor_"));
    let bearer = Auth::Bearer(secret);
    assert_eq!(
        s.send("GET", "/api/v1/me", &bearer, vec![]).await.json()["user"],
        "viewer-a"
    );
    // someone else's token: administrators only
    let other = br#"{"name": "theirs", "user": "viewer-b"}"#.to_vec();
    assert_eq!(
        s.send("POST", "/api/v1/tokens", &viewer, other.clone())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.send("POST", "/api/v1/tokens", &admin, other).await.status,
        StatusCode::OK
    );
    let listed = s
        .send("GET", "/api/v1/tokens", &viewer, vec![])
        .await
        .json();
    let names: Vec<&str> = listed
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(names, ["laptop"]);
    assert_eq!(
        s.send("DELETE", "/api/v1/tokens/theirs", &viewer, vec![])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let Auth::Session { id, .. } = viewer.clone() else {
        unreachable!("a session")
    };
    let no_csrf = Auth::Session {
        id,
        csrf: String::new(),
    };
    assert_eq!(
        s.send("DELETE", "/api/v1/tokens/laptop", &no_csrf, vec![])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.send("DELETE", "/api/v1/tokens/laptop", &viewer, vec![])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        s.send("GET", "/api/v1/me", &bearer, vec![]).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        s.send("DELETE", "/api/v1/tokens/nope", &admin, vec![])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
