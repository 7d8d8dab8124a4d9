//! The document page: headers, text, attachments, provenance, download,
//! thread and renditions. The new text shows open, the quoted text and the
//! signature folded; opened from a search (`?q=…`), the words the query
//! matches are marked, and a folded part holding one shows open.

use super::{esc, layout, marked, page_error, url_enc};
use crate::api::{params, read_document, read_thread};
use crate::auth::Authed;
use crate::{AppState, blocking, error::ApiError};
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde::Deserialize;
use spoor::{DocumentView, ThreadView};

/// The document page's query: the search it was opened from.
#[derive(Debug, Default, Deserialize)]
pub struct FromSearch {
    /// The search's query, whose matches are marked.
    #[serde(default)]
    q: String,
}

/// The matches of `q` in the new text, the quoted text and the signature;
/// none for an empty, too long or unreadable query (the page shows anyway).
async fn matches(state: &AppState, v: &DocumentView, q: String) -> [Vec<(usize, usize)>; 3] {
    if q.trim().is_empty() || q.len() > spoor::MAX_QUERY_BYTES {
        return Default::default();
    }
    let d = &v.document;
    let (lang, texts) = (
        d.language.clone(),
        [d.body.clone(), d.quoted.clone(), d.signature.clone()],
    );
    let archive = state.archive.clone();
    let found = blocking(move || {
        let texts = texts.each_ref().map(String::as_str);
        Ok(archive.highlights(&q, &lang, &texts)?)
    })
    .await;
    match found.map(<[_; 3]>::try_from) {
        Ok(Ok(m)) => m,
        _ => Default::default(),
    }
}

/// `GET /documents/{id}?q=…`.
pub async fn page(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    Path(id): Path<String>,
    uri: Uri,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let view = match read_document(&state, who.clone(), id).await {
        Ok(v) => v,
        Err(e) => return page_error(Some(&who), e),
    };
    let thread = read_thread(&state, who.clone(), view.document.id.clone())
        .await
        .unwrap_or(ThreadView {
            messages: Vec::new(),
        });
    let from: FromSearch = params(&uri).unwrap_or_default();
    let marks = matches(&state, &view, from.q).await;
    let title = view
        .document
        .subject
        .clone()
        .unwrap_or_else(|| "(no subject)".into());
    layout(Some(&who), &title, &body(&view, &thread, &marks))
}

/// The new text open, the quoted text and the signature each folded (open
/// when they hold a match); `marks` are the matches in each.
fn texts(d: &spoor::model::Document, marks: &[Vec<(usize, usize)>; 3]) -> String {
    let pre = |s: &str, m: &[(usize, usize)]| {
        format!(r#"<pre class="text" dir="auto">{}</pre>"#, marked(s, m))
    };
    let fold = |summary: String, s: &str, m: &[(usize, usize)]| {
        if s.trim().is_empty() {
            return String::new();
        }
        let open = if m.is_empty() { "" } else { " open" };
        format!(
            "<details{open}><summary>{}</summary>{}</details>",
            esc(&summary),
            pre(s, m)
        )
    };
    let body = if d.body.trim().is_empty() {
        String::new()
    } else {
        format!("<h2>Text</h2>{}", pre(&d.body, &marks[0]))
    };
    format!(
        "{body}{}{}",
        fold(
            format!("Quoted text ({} lines)", d.quoted.lines().count()),
            &d.quoted,
            &marks[1]
        ),
        fold("Signature".into(), &d.signature, &marks[2]),
    )
}

fn row(name: &str, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    format!(r#"<dt>{name}</dt><dd dir="auto">{}</dd>"#, esc(value))
}

fn body(v: &DocumentView, t: &ThreadView, marks: &[Vec<(usize, usize)>; 3]) -> String {
    let d = &v.document;
    let parties = |ps: &[spoor::model::Party]| {
        ps.iter()
            .map(|p| p.display())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let headers = [
        row(
            "From",
            &d.from.as_ref().map(|p| p.display()).unwrap_or_default(),
        ),
        row("To", &parties(&d.to)),
        row("Cc", &parties(&d.cc)),
        row(
            "Date",
            &d.date
                .map(|x| x.to_rfc3339())
                .or_else(|| d.date_text.clone())
                .unwrap_or_default(),
        ),
        row("Reference", d.doc_no.as_deref().unwrap_or("")),
        row("Case", d.case_no.as_deref().unwrap_or("")),
        row("Collection", spoor::access::collection_name(&d.collection)),
        row("Language", &d.language),
        row("Id", &d.id),
    ]
    .concat();
    let attachments: String = d
        .attachments
        .iter()
        .map(|a| {
            format!(
                r#"<li dir="auto">{} <span class="meta">{} · {} bytes</span></li>"#,
                esc(a.name.as_deref().unwrap_or("(unnamed)")),
                esc(&a.content_type),
                a.size
            )
        })
        .collect();
    let provenance: String = v
        .provenance
        .iter()
        .map(|p| {
            format!(
                r#"<li dir="auto">{} <span class="meta">offset {} · {}</span></li>"#,
                esc(&p.path),
                p.offset,
                p.ingested_at.to_rfc3339()
            )
        })
        .collect();
    let renditions: String = v
        .renditions
        .iter()
        .map(|r| {
            format!(
                r#"<li><a href="/documents/{}" dir="auto">{}</a>{}</li>"#,
                url_enc(&r.id),
                esc(r.subject.as_deref().unwrap_or(&r.id)),
                if r.representative {
                    " <span class=\"badge\">original</span>"
                } else {
                    ""
                }
            )
        })
        .collect();
    let thread: String = t
        .messages
        .iter()
        .map(|m| {
            let here = if m.id == d.id { r#" aria-current="page""# } else { "" };
            format!(
                r#"<li style="margin-left:{}em"><a href="/documents/{}"{here} dir="auto">{}</a> <span class="meta" dir="auto">{}</span></li>"#,
                m.depth.min(12),
                url_enc(&m.id),
                esc(m.subject.as_deref().unwrap_or("(no subject)")),
                esc(m.from.as_deref().unwrap_or(""))
            )
        })
        .collect();
    let section = |title: &str, items: &str| {
        if items.is_empty() {
            String::new()
        } else {
            format!("<h2>{title}</h2><ul>{items}</ul>")
        }
    };
    format!(
        r#"<h1 dir="auto">{}</h1><dl class="headers">{headers}</dl>
<p><a href="/api/v1/documents/{}/raw" download>Download the original</a></p>
{}{}{}{}{}"#,
        esc(d.subject.as_deref().unwrap_or("(no subject)")),
        url_enc(&d.id),
        texts(d, marks),
        section("Attachments", &attachments),
        section("Thread", &thread),
        section("Renditions", &renditions),
        section("Provenance", &provenance),
    )
}
