//! The search page: a query box, facets, hits with snippets and rendition counts.

use super::{esc, layout, marked, page_error, url_enc};
use crate::api::{SearchParams, params, run_search};
use crate::auth::Authed;
use crate::{AppState, error::ApiError};
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use spoor::{Hit, SearchResults};

/// Hits a page shows.
const PAGE: usize = 20;
/// Facets the page counts, with the query field each value narrows by.
const FACETS: [(&str, &str); 5] = [
    ("collection", "collection"),
    ("kind", "kind"),
    ("year", "date"),
    ("lang", "lang"),
    ("from", "from"),
];

/// `GET /search?q=…&offset=…&sort=…`.
pub async fn page(
    State(state): State<AppState>,
    who: Result<Authed, ApiError>,
    uri: Uri,
) -> Response {
    let who = match who {
        Ok(w) => w,
        Err(e) => return page_error(None, e),
    };
    let mut p: SearchParams = params(&uri).unwrap_or_default();
    let form = query_form(&p);
    if p.q.trim().is_empty() {
        return layout(Some(&who), "Search", &form);
    }
    p.limit = Some(PAGE);
    p.facets = Some(FACETS.iter().map(|f| f.0).collect::<Vec<_>>().join(","));
    let (q, offset, sort) = (p.q.clone(), p.offset.unwrap_or(0), p.sort.clone());
    match run_search(&state, who.clone(), p).await {
        Ok(r) => {
            let main = format!(
                "{form}{}",
                results(&r, &q, offset, sort.as_deref().unwrap_or("relevance"))
            );
            layout(Some(&who), &format!("{q} · search"), &main)
        }
        Err(e) => {
            let main = format!(
                r#"{form}<p class="error" role="alert">{}</p>"#,
                esc(&e.to_string())
            );
            let mut r = layout(Some(&who), "Search", &main);
            *r.status_mut() = e.status();
            r
        }
    }
}

fn query_form(p: &SearchParams) -> String {
    let sort = p.sort.as_deref().unwrap_or("relevance");
    let opt = |v: &str, label: &str| {
        let sel = if v == sort { " selected" } else { "" };
        format!(r#"<option value="{v}"{sel}>{label}</option>"#)
    };
    format!(
        r#"<form method="get" action="/search" role="search">
<label for="q">Search the archive</label> <input type="search" id="q" name="q" value="{}" dir="auto" autofocus>
<label for="sort">Order</label> <select id="sort" name="sort">{}{}{}</select>
<button type="submit">Search</button></form>"#,
        esc(&p.q),
        opt("relevance", "best match"),
        opt("date", "newest"),
        opt("date-asc", "oldest"),
    )
}

fn results(r: &SearchResults, q: &str, offset: usize, sort: &str) -> String {
    let hits: String = r.hits.iter().map(|h| hit(h, q)).collect();
    let link = |off: usize| {
        format!(
            "/search?q={}&sort={}&offset={off}",
            url_enc(q),
            url_enc(sort)
        )
    };
    let mut pager = String::new();
    if offset > 0 {
        pager.push_str(&format!(
            r#"<a href="{}" rel="prev">Previous</a>"#,
            link(offset.saturating_sub(PAGE))
        ));
    }
    if offset + PAGE < r.total {
        pager.push_str(&format!(
            r#"<a href="{}" rel="next">Next</a>"#,
            link(offset + PAGE)
        ));
    }
    format!(
        r#"<p class="meta" role="status">{} matching documents{}</p>
{}<div class="layout"><aside class="facets" aria-label="Facets">{}</aside>
<section><ol class="hits" start="{}">{hits}</ol><nav class="pager" aria-label="Pages">{pager}</nav></section></div>"#,
        r.total,
        if r.total > 0 {
            format!(", {} to {}", offset + 1, offset + r.hits.len())
        } else {
            String::new()
        },
        histogram(r, q),
        facets(r, q),
        offset + 1,
    )
}

/// Hits over time: one bar a year (from the year facet), each a link that
/// narrows the search to its year; keyboard-reachable like any link.
fn histogram(r: &SearchResults, q: &str) -> String {
    let Some(years) = r.facets.as_ref().and_then(|f| f.get("year")) else {
        return String::new();
    };
    let counts: std::collections::BTreeMap<u32, u64> = years
        .iter()
        .filter_map(|(y, n)| Some((y.parse::<u32>().ok()?, *n)))
        .collect();
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return String::new();
    };
    // the years between those with hits get an empty bar, so time reads evenly
    let years: Vec<(u32, u64)> = if last - first <= 60 {
        (first..=last)
            .map(|y| (y, counts.get(&y).copied().unwrap_or(0)))
            .collect()
    } else {
        counts.into_iter().collect()
    };
    if years.len() < 2 {
        return String::new();
    }
    let most = years.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let bars: String = years
        .iter()
        .map(|(y, n)| {
            let h = if *n == 0 { 0 } else { (n * 100).div_ceil(most).max(2) };
            let narrowed = format!("{q} date:{y}");
            format!(
                r#"<a href="/search?q={}" title="{y}: {n}" aria-label="{y}: {n} documents"><span class="bar" style="height:{h}%"></span><span class="year">{y}</span></a>"#,
                url_enc(&narrowed)
            )
        })
        .collect();
    format!(
        r#"<nav class="histogram" aria-label="Hits over time (a bar narrows to its year)">{bars}</nav>"#
    )
}

fn facets(r: &SearchResults, q: &str) -> String {
    let Some(f) = &r.facets else {
        return String::new();
    };
    let mut out = String::new();
    for (name, field) in FACETS {
        let Some(values) = f.get(name).filter(|v| !v.is_empty()) else {
            continue;
        };
        out.push_str(&format!("<h3>{name}</h3><ul>"));
        for (value, n) in values.iter().take(10) {
            let narrowed = format!("{q} {field}:\"{}\"", value.replace('"', ""));
            out.push_str(&format!(
                r#"<li><a href="/search?q={}" dir="auto">{}</a> <span class="meta">{n}</span></li>"#,
                url_enc(&narrowed),
                esc(if value.is_empty() { "default" } else { value })
            ));
        }
        out.push_str("</ul>");
    }
    out
}

/// A hit: its link (carrying the query, so the document page marks its
/// matches), subject, sender, date, collection and snippet.
fn hit(h: &Hit, q: &str) -> String {
    let renditions = if h.renditions > 1 {
        format!(r#" <span class="badge">{} renditions</span>"#, h.renditions)
    } else {
        String::new()
    };
    format!(
        r#"<li><a href="/documents/{}?q={}" dir="auto">{}</a>{renditions}
<div class="meta"><span dir="auto">{}</span> · {} · {}</div>
<div class="snippet" dir="auto">{}</div></li>"#,
        url_enc(&h.id),
        url_enc(q),
        esc(h.subject.as_deref().unwrap_or("(no subject)")),
        esc(h.from.as_deref().unwrap_or("")),
        esc(h
            .date
            .as_deref()
            .map(|d| &d[..10.min(d.len())])
            .unwrap_or("undated")),
        esc(spoor::access::collection_name(&h.collection)),
        marked(&h.snippet, &h.highlights),
    )
}
