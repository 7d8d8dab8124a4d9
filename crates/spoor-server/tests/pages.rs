//! The web pages: signed in or sent to the login page, forms with CSRF
//! tokens, escaped text, nothing fetched from elsewhere.

mod common;

use axum::http::StatusCode;
use common::{Auth, PASSWORD, multipart, served};

fn form(fields: &[(&str, &str)]) -> Vec<u8> {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", url(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn url(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

fn assert_self_contained(html: &str) {
    for outside in ["src=\"http", "href=\"http", "src='http", "//cdn", "<script"] {
        assert!(!html.contains(outside), "{outside} in {html}");
    }
}

#[tokio::test]
async fn the_search_page_lists_hits_with_snippets_facets_and_escapes_the_query() {
    let s = served(false);
    let r = s
        .send("GET", "/search?q=algeria", &Auth::None, vec![])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(
        html.contains("matching documents") && html.contains("<mark>"),
        "{html}"
    );
    assert!(html.contains("href=\"/documents/") && html.contains("dir=\"auto\""));
    assert!(html.contains("<h3>collection</h3>"), "{html}");
    assert_self_contained(&html);
    let evil = s
        .send(
            "GET",
            "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
            &Auth::None,
            vec![],
        )
        .await;
    assert!(!evil.text().contains("<script>"), "{}", evil.text());
    let css = s.send("GET", "/style.css", &Auth::None, vec![]).await;
    assert_eq!(css.headers["content-type"], "text/css");
}

#[tokio::test]
async fn the_document_page_shows_headers_text_download_and_thread() {
    let s = served(false);
    let id = &s.ids_a[0];
    let r = s
        .send("GET", &format!("/documents/{id}"), &Auth::None, vec![])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    for part in [
        "<dl class=\"headers\">",
        "Download the original",
        "<h2>Thread</h2>",
        "<h2>Provenance</h2>",
    ] {
        assert!(html.contains(part), "{part} in {html}");
    }
    assert_self_contained(&html);
    let missing = s
        .send(
            "GET",
            &format!("/documents/{}", "f".repeat(20)),
            &Auth::None,
            vec![],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_send_the_signed_out_to_login_and_login_needs_its_form_cookie() {
    let s = served(true);
    for page in [
        "/search?q=a",
        "/check",
        &format!("/documents/{}", s.ids_a[0]),
    ] {
        let r = s.send("GET", page, &Auth::None, vec![]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(r.headers["location"], "/login");
    }
    let page = s.send("GET", "/login", &Auth::None, vec![]).await;
    let cookie = page.headers["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    let token = cookie
        .strip_prefix("spoor_login=")
        .and_then(|c| c.split(';').next())
        .expect("login cookie")
        .to_string();
    assert!(page.text().contains(&format!("value=\"{token}\"")));
    let body = form(&[
        ("user", "viewer-a"),
        ("password", PASSWORD),
        ("csrf", &token),
    ]);
    let forged = s
        .send_with("POST", "/login", &Auth::None, body.clone(), &[FORM])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no form cookie");
    let ck = format!("spoor_login={token}");
    let ok = s
        .send_with(
            "POST",
            "/login",
            &Auth::None,
            body,
            &[FORM, ("cookie", &ck)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let set = ok.headers["set-cookie"].to_str().expect("ascii");
    assert!(
        set.starts_with("spoor_session=")
            && set.contains("HttpOnly")
            && set.contains("SameSite=Strict")
    );
    let wrong = form(&[
        ("user", "viewer-a"),
        ("password", "nope nope nope"),
        ("csrf", &token),
    ]);
    let r = s
        .send_with(
            "POST",
            "/login",
            &Auth::None,
            wrong,
            &[FORM, ("cookie", &ck)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.text().contains("role=\"alert\""));
}

#[tokio::test]
async fn the_check_page_reports_with_badges_and_exports_with_its_csrf_token() {
    let s = served(true);
    let auth = s.session("viewer-b");
    let Auth::Session { id, csrf } = auth.clone() else {
        unreachable!("a session")
    };
    let ck = format!("spoor_session={id}");
    let page = s.send("GET", "/check", &auth, vec![]).await;
    assert!(
        page.text()
            .contains(&format!("name=\"csrf\" value=\"{csrf}\""))
    );
    let article = "Algeria update\n\nThe Algerian forces moved on the gas facility without notifying us, officials said.";
    let bare = Auth::None;
    let no_token = form(&[("article", article)]);
    let r = s
        .send_with("POST", "/check", &bare, no_token, &[FORM, ("cookie", &ck)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let body = form(&[("article", article), ("csrf", &csrf)]);
    let r = s
        .send_with("POST", "/check", &bare, body, &[FORM, ("cookie", &ck)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("class=\"badge") || html.contains("class=badge"),
        "{html}"
    );
    assert!(html.contains("Export Markdown") && html.contains("action=\"/check/export\""));
    assert_self_contained(&html);
    let body = form(&[
        ("article", article),
        ("csrf", &csrf),
        ("format", "markdown"),
    ]);
    let r = s
        .send_with(
            "POST",
            "/check/export",
            &bare,
            body,
            &[FORM, ("cookie", &ck)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers["content-disposition"],
        "attachment; filename=\"spoor-check.md\""
    );
}

#[tokio::test]
async fn logout_by_form_needs_the_token() {
    let s = served(true);
    let Auth::Session { id, csrf } = s.session("admin") else {
        unreachable!("a session")
    };
    let ck = format!("spoor_session={id}");
    let r = s
        .send_with(
            "POST",
            "/logout",
            &Auth::None,
            form(&[("csrf", "x")]),
            &[FORM, ("cookie", &ck)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = s
        .send_with(
            "POST",
            "/logout",
            &Auth::None,
            form(&[("csrf", &csrf)]),
            &[FORM, ("cookie", &ck)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = s
        .send_with(
            "GET",
            "/search?q=a",
            &Auth::None,
            vec![],
            &[("cookie", &ck)],
        )
        .await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_check_page_takes_an_uploaded_file() {
    let s = served(false);
    let page = s.send("GET", "/check", &Auth::None, vec![]).await.text();
    assert!(page.contains("enctype=\"multipart/form-data\"") && page.contains("type=\"file\""));
    let article = "Algeria update\n\nThe Algerian forces moved on the gas facility without notifying us, officials said.";
    let (body, ctype) = multipart(&[
        ("article", None, b""),
        ("file", Some("a.txt"), article.as_bytes()),
    ]);
    let r = s
        .send_with(
            "POST",
            "/check",
            &Auth::None,
            body,
            &[("content-type", &ctype)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains("Algerian forces moved"), "{}", r.text());
    let (empty, ctype) = multipart(&[("article", None, b"")]);
    let r = s
        .send_with(
            "POST",
            "/check",
            &Auth::None,
            empty,
            &[("content-type", &ctype)],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_search_page_shows_hits_over_time_and_a_bar_narrows_to_its_year() {
    let s = served(false);
    let q = "algeria OR gas OR sahara OR report";
    let r = s
        .send(
            "GET",
            &format!("/search?q={}", q.replace(' ', "+")),
            &Auth::None,
            vec![],
        )
        .await;
    let html = r.text();
    let total = |html: &str| -> usize {
        let at = html.find(" matching documents").expect("a count");
        let digits: String = html[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .chars()
            .rev()
            .collect::<String>()
            .parse()
            .expect("number")
    };
    let at = html.find("class=\"histogram\"").expect("a histogram");
    let href_at = html[at..].find("href=\"").expect("a bar") + at + 6;
    let href = &html[href_at..href_at + html[href_at..].find('"').expect("end")];
    assert!(href.contains("date%3A"), "{href}");
    let narrowed = s.send("GET", href, &Auth::None, vec![]).await.text();
    assert!(
        total(&narrowed) < total(&html),
        "a year's bar narrows the search: {href}"
    );
}

/// The id of the one document a query finds.
async fn id_of(s: &common::Served, q: &str) -> String {
    let r = s
        .send(
            "GET",
            &format!("/api/v1/search?q={}", url(q)),
            &Auth::None,
            vec![],
        )
        .await
        .json();
    assert_eq!(r["total"], 1, "{q}: {r}");
    r["hits"][0]["id"].as_str().expect("an id").to_string()
}

#[tokio::test]
async fn the_document_page_folds_quoted_text_and_signatures() {
    let s = served(false);
    let reply = id_of(&s, "\"keep these coming\"").await;
    let html = s
        .send("GET", &format!("/documents/{reply}"), &Auth::None, vec![])
        .await
        .text();
    assert!(
        html.contains("<h2>Text</h2><pre class=\"text\" dir=\"auto\">Thanks."),
        "{html}"
    );
    assert!(
        html.contains("<details><summary>Quoted text (2 lines)</summary><pre class=\"text\""),
        "{html}"
    );
    assert!(!html.contains("<mark>"), "{html}");
    let memo = id_of(&s, "\"Mali delegation\"").await;
    let html = s
        .send("GET", &format!("/documents/{memo}"), &Auth::None, vec![])
        .await
        .text();
    assert!(
        html.contains(
            "<details><summary>Signature</summary><pre class=\"text\" dir=\"auto\">-- \nCheryl"
        ),
        "{html}"
    );
    assert_self_contained(&html);
}

#[tokio::test]
async fn a_document_opened_from_a_search_marks_the_matched_words_where_they_are() {
    let s = served(false);
    // the search page's links carry the query
    let q = "officer";
    let page = s
        .send("GET", &format!("/search?q={q}"), &Auth::None, vec![])
        .await
        .text();
    let reply = id_of(&s, "\"keep these coming\"").await;
    let link = format!("href=\"/documents/{reply}?q={q}\"");
    assert!(page.contains(&link), "{link} in {page}");
    // the stemmed match in the folded quoted text is marked, and the fold open
    let html = s
        .send(
            "GET",
            &format!("/documents/{reply}?q={q}"),
            &Auth::None,
            vec![],
        )
        .await
        .text();
    assert!(
        html.contains("<details open><summary>Quoted text (2 lines)</summary>")
            && html.contains("<mark>officers</mark>"),
        "{html}"
    );
    let memo = id_of(&s, "\"Mali delegation\"").await;
    let html = s
        .send(
            "GET",
            &format!("/documents/{memo}?q=cheryl+OR+meeting"),
            &Auth::None,
            vec![],
        )
        .await
        .text();
    assert!(
        html.contains("The <mark>meetings</mark> with")
            && html.contains("<details open><summary>Signature</summary><pre class=\"text\" dir=\"auto\">-- \n<mark>Cheryl</mark>"),
        "{html}"
    );
    // a query that does not parse, or script, leaves the page as it is
    for q in ["(((", "%3Cscript%3E"] {
        let r = s
            .send(
                "GET",
                &format!("/documents/{memo}?q={q}"),
                &Auth::None,
                vec![],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{q}");
        assert!(
            !r.text().contains("<mark>") && !r.text().contains("<script"),
            "{q}"
        );
    }
}
