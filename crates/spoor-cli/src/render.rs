//! Text rendering of library results for a terminal.

use spoor::Archive;
use spoor::ThreadEntry;
use spoor::model::Provenance;
use spoor::{Document, DocumentView, IngestReport, Rendition, SearchResults, Stats};
use std::io::IsTerminal;

fn bold(s: &str) -> String {
    if std::io::stdout().is_terminal() {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        format!("[{s}]")
    }
}

/// Mark the highlighted byte ranges of a snippet.
pub fn mark(snippet: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(a, b) in ranges {
        if a < last
            || b > snippet.len()
            || !snippet.is_char_boundary(a)
            || !snippet.is_char_boundary(b)
        {
            continue;
        }
        out.push_str(&snippet[last..a]);
        out.push_str(&bold(&snippet[a..b]));
        last = b;
    }
    out.push_str(&snippet[last..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Summary of an ingest.
pub fn ingest_report(r: &IngestReport, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(r)?);
        return Ok(());
    }
    println!(
        "{} files: {} added, {} duplicates, {} already present, {} failed; {} documents in the archive",
        r.files,
        r.added,
        r.duplicates,
        r.unchanged,
        r.failed.len(),
        r.documents
    );
    for f in &r.failed {
        println!("  failed: {}: {}", f.path, f.error);
    }
    if !r.warnings.is_empty() {
        println!("{} files stored with a warning:", r.warnings.len());
    }
    for f in &r.warnings {
        println!("  warning: {}: {}", f.path, f.error);
    }
    Ok(())
}

/// Hits of a search.
pub fn search_text(r: &SearchResults, offset: usize) {
    println!(
        "{} {} match",
        r.total,
        if r.total == 1 {
            "document"
        } else {
            "documents"
        }
    );
    for (i, h) in r.hits.iter().enumerate() {
        println!();
        println!(
            "{}. {}  {}  {}",
            offset + i + 1,
            &h.id,
            h.date
                .as_deref()
                .map(|d| &d[..10.min(d.len())])
                .unwrap_or("(no date)"),
            h.doc_no.as_deref().unwrap_or("")
        );
        println!(
            "   {}",
            clean(h.subject.as_deref().unwrap_or("(no subject)"))
        );
        if h.renditions > 1 {
            println!(
                "   {} renditions of this text (--all-renditions lists them)",
                h.renditions
            );
        }
        if h.from.is_some() || !h.to.is_empty() {
            println!(
                "   from {} to {}",
                h.from.as_deref().unwrap_or("?"),
                h.to.join(", ")
            );
        }
        println!("   {}", mark(&clean(&h.snippet), &h.highlights));
    }
    if let Some(f) = &r.facets {
        for (name, counts) in f {
            println!();
            println!("{name}:");
            for (k, n) in counts.iter().take(20) {
                println!("  {n:>8}  {k}");
            }
        }
    }
}

/// Warn on stderr when the index lags behind the catalog.
pub fn warn_unindexed(a: &Archive) {
    if let Ok(n) = a.unindexed()
        && n > 0
    {
        eprintln!(
            "spoor: note: {n} documents are stored but not yet indexed; run `spoor reindex` or any ingest to finish"
        );
    }
}

/// One document.
pub fn show_text(a: &Archive, view: &DocumentView) {
    let d = &view.document;
    show_headers(a, d);
    show_renditions(d, &view.renditions);
    show_body(d);
    show_provenance(&view.provenance);
}

/// The header lines of a document: id, kind, parties, dates, marks.
fn show_headers(a: &Archive, d: &Document) {
    println!("id:         {}", d.id);
    if let Some(k) = d.kind {
        println!(
            "kind:       {}",
            serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
    }
    if let Some(s) = &d.subject {
        println!("subject:    {}", clean(s));
    }
    if let Some(f) = &d.from {
        println!("from:       {}", a.display_party(f));
    }
    for (label, list) in [("to", &d.to), ("cc", &d.cc), ("bcc", &d.bcc)] {
        if !list.is_empty() {
            println!(
                "{label}:{}{}",
                " ".repeat(11 - label.len()),
                list.iter()
                    .map(|p| a.display_party(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if let Some(dt) = d.date {
        println!(
            "date:       {} ({})",
            dt.to_rfc3339(),
            d.date_text.as_deref().unwrap_or("")
        );
    }
    for (label, v) in [
        ("doc no", &d.doc_no),
        ("case no", &d.case_no),
        ("released", &d.release_date),
        ("release", &d.release_status),
        ("message-id", &d.message_id),
    ] {
        if let Some(v) = v {
            println!("{label}:{}{v}", " ".repeat(11 - label.len()));
        }
    }
    if !d.classification.is_empty() {
        println!("marks:      {}", d.classification.join(", "));
    }
    if !d.redactions.is_empty() {
        println!("redactions: {}", d.redactions.join(", "));
    }
    println!("language:   {}", d.language);
    println!("collection: {}", d.collection);
    if let Some(p) = &d.parent {
        println!("attached to: {p}");
    }
}

/// The renditions of a document's text, when there are others.
fn show_renditions(d: &Document, renditions: &[Rendition]) {
    if renditions.len() > 1 {
        println!("renditions: {} of this text", renditions.len());
        for r in renditions {
            println!(
                "  {} {}  {}{}{}",
                if r.id == d.id { "*" } else { "-" },
                r.id,
                r.doc_no.as_deref().unwrap_or("(no doc no)"),
                r.date
                    .as_deref()
                    .map(|x| format!("  {}", &x[..10.min(x.len())]))
                    .unwrap_or_default(),
                if r.representative {
                    "  (representative)"
                } else {
                    ""
                }
            );
        }
    }
}

/// A document's text, signature, quoted text and attachments.
fn show_body(d: &Document) {
    println!();
    println!("{}", clean(&d.body));
    if !d.signature.is_empty() {
        println!("\n[signature]\n{}", clean(&d.signature));
    }
    if !d.quoted.is_empty() {
        println!("\n[quoted]\n{}", clean(&d.quoted));
    }
    for at in &d.attachments {
        println!(
            "\n[attachment] {} ({}, {} bytes){}",
            at.name.as_deref().unwrap_or("(unnamed)"),
            at.content_type,
            at.size,
            at.document_id
                .as_deref()
                .map(|i| format!(" → document {i}"))
                .unwrap_or_default()
        );
    }
}

/// Where a document was read from.
fn show_provenance(prov: &[Provenance]) {
    println!("\nprovenance:");
    for p in prov {
        println!(
            "  {} @ {} ({} bytes, sha256 {}, collection {}, ingested {})",
            p.path,
            p.offset,
            p.length,
            &p.sha256[..16],
            p.collection,
            p.ingested_at.to_rfc3339()
        );
    }
}

/// A thread as an indented tree.
pub fn thread_text(a: &Archive, t: &[ThreadEntry]) {
    for e in t {
        println!(
            "{}{}  {}  {}  {}",
            "  ".repeat(e.depth),
            &e.doc.id[..12.min(e.doc.id.len())],
            e.doc
                .date
                .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "(no date)".into()),
            e.doc
                .from
                .as_ref()
                .map(|p| a.display_party(p))
                .unwrap_or_default(),
            e.doc.subject.as_deref().unwrap_or("")
        );
    }
}

/// What `spoor verify` found.
pub fn verify_text(v: &spoor::Verification) {
    for (sha, p) in &v.damaged_originals {
        println!("original {sha}: {p}");
    }
    for (id, p) in &v.damaged {
        println!("document {id}: {p}");
    }
    println!(
        "{} originals and {} documents read: {} damaged originals, {} damaged documents; {} documents indexed{}",
        v.originals,
        v.documents,
        v.damaged_originals.len(),
        v.damaged.len(),
        v.indexed,
        if v.indexed == v.documents {
            ""
        } else {
            " (run spoor reindex)"
        }
    );
}

/// Archive figures.
pub fn stats_text(s: &Stats) {
    println!("documents:  {} ({} indexed)", s.documents, s.indexed);
    println!(
        "originals:  {} ({} bytes compressed)",
        s.originals, s.originals_bytes
    );
    println!("catalog:    {} bytes", s.catalog_bytes);
    println!("index:      {} bytes", s.index_bytes);
    for (name, counts) in &s.facets {
        let list: Vec<String> = counts
            .iter()
            .take(12)
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        println!("{name}: {}", list.join(", "));
    }
}

/// Evaluation scores as a table, then the misses.
pub fn eval_text(r: &spoor::trace::eval::EvalReport, misses: bool) {
    println!(
        "| language | claims | verdict accuracy | difference-kind recall | top-1 source | lexicon coverage |"
    );
    println!("|---|---|---|---|---|---|");
    let row = |name: &str, s: &spoor::trace::eval::Scores| {
        println!(
            "| {name} | {} | {:.2} ({}/{}) | {:.2} ({}/{}) | {:.2} ({}/{}) | {:.2} ({}/{}) |",
            s.claims,
            s.verdict_accuracy(),
            s.verdicts_right,
            s.claims,
            s.kind_recall(),
            s.kinds_found,
            s.kinds_expected,
            s.top1(),
            s.top1_right,
            s.articles,
            s.lexicon_coverage(),
            s.lexicon_known,
            s.lexicon_words
        );
    };
    for (l, s) in &r.languages {
        row(l, s);
    }
    row("**all**", &r.overall);
    println!();
    if !misses {
        println!(
            "(per-claim results of a held-out part are not shown: nothing may be tuned on them)\n"
        );
        return;
    }
    for c in r
        .claims
        .iter()
        .filter(|c| !c.expected.contains(&c.got) || c.kinds_found.len() < c.kinds_expected.len())
    {
        println!(
            "miss: {} #{} ({}): expected {} {:?}, got {} {:?}",
            c.case,
            c.index,
            c.change,
            c.expected.join("/"),
            c.kinds_expected,
            c.got,
            c.kinds_found
        );
    }
}

/// Text from documents and articles made safe for a terminal: control characters
/// (escape sequences that could move the cursor, retitle the window or hide
/// text) and bidi overrides become a visible replacement of the same UTF-8
/// length (so byte offsets of highlights stay right); newlines and tabs stay.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match (is_unsafe(c), c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '?',
                (true, 2) => '¿',
                (true, _) => '\u{FFFD}',
            })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{202A}'..='\u{202E}').contains(&c)
}
