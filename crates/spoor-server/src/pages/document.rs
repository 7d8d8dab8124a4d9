//! The document page: headers, text, attachments, provenance, download,
//! thread and renditions.

use super::{esc, layout, page_error, url_enc};
use crate::api::{read_document, read_thread};
use crate::auth::Authed;
use crate::{AppState, error::ApiError};
use axum::extract::{Path, State};
use axum::response::Response;
use spoor::{DocumentView, ThreadView};

/// `GET /documents/{id}`.
pub async fn page(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    Path(id): Path<String>,
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
    let title = view
        .document
        .subject
        .clone()
        .unwrap_or_else(|| "(no subject)".into());
    layout(Some(&who), &title, &body(&view, &thread))
}

fn row(name: &str, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    format!(r#"<dt>{name}</dt><dd dir="auto">{}</dd>"#, esc(value))
}

fn body(v: &DocumentView, t: &ThreadView) -> String {
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
    let text = |label: &str, s: &str| {
        if s.trim().is_empty() {
            String::new()
        } else {
            format!(
                r#"<h2>{label}</h2><pre class="text" dir="auto">{}</pre>"#,
                esc(s)
            )
        }
    };
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
{}{}{}{}{}{}{}"#,
        esc(d.subject.as_deref().unwrap_or("(no subject)")),
        url_enc(&d.id),
        text("Text", &d.body),
        text("Quoted", &d.quoted),
        text("Signature", &d.signature),
        section("Attachments", &attachments),
        section("Thread", &thread),
        section("Renditions", &renditions),
        section("Provenance", &provenance),
    )
}
