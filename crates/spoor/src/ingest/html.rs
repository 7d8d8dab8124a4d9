//! Saved HTML pages of a message: the visible text (via mail-parser's HTML-to-text)
//! and the metadata the page shows (`From:`, `Sent:`/`Date:`, `To:`, `Subject:`
//! labels, else the page title).

use crate::model::{DocKind, Document};

/// Readable text of HTML: block elements end lines (mail-parser's converter
/// alone runs a heading into the next paragraph), then mail-parser's HTML-to-text.
pub fn to_text(html: &str) -> String {
    let mut marked = String::with_capacity(html.len() + 64);
    let lower = html.to_ascii_lowercase();
    let mut last = 0;
    let mut i = 0;
    let bytes = lower.as_bytes();
    while let Some(p) = lower[i..].find('<') {
        let at = i + p;
        let rest = &lower[at + 1..];
        let tag: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let block = matches!(
            tag.as_str(),
            "p" | "div"
                | "br"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "li"
                | "tr"
                | "table"
                | "blockquote"
                | "pre"
                | "hr"
        );
        if block && bytes.get(at + 1).is_some() {
            marked.push_str(&html[last..at]);
            marked.push_str("<br>");
            last = at;
        }
        i = at + 1;
    }
    marked.push_str(&html[last..]);
    let text = mail_parser::decoders::html::html_to_text(&marked);
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(l);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Parse a saved HTML page.
pub fn parse(html: &str, raw: &[u8]) -> Result<Vec<Document>, super::ReadError> {
    let title = between_tags(html, "title");
    let body_html = strip_elements(html, &["script", "style", "head", "nav", "footer"]);
    let text = to_text(&body_html);
    if text.trim().is_empty() {
        return Err(super::ReadError::NoPageText);
    }
    let mut docs = super::text::parse_release_or_text(&text, raw)?;
    for d in &mut docs {
        d.kind = Some(DocKind::Html);
        if let Some(t) = &title
            && (d.subject.is_none()
                || d.subject.as_deref() == super::foia::title_line(&text).as_deref())
        {
            d.subject = Some(t.clone());
        }
    }
    Ok(docs)
}

fn between_tags(html: &str, tag: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find(&format!("</{tag}"))?;
    let t = mail_parser::decoders::html::html_to_text(&html[start..end]);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Remove whole elements (with their content) that are not part of the message.
/// One pass over the text per tag: linear in its length, however many elements.
pub fn strip_elements(html: &str, tags: &[&str]) -> String {
    let mut text = html.to_string();
    for tag in tags {
        text = strip_one(&text, tag);
    }
    text
}

/// Remove every `<tag …>…</tag>` of one tag, in one pass.
fn strip_one(html: &str, tag: &str) -> String {
    // ASCII lowercasing keeps every byte offset, so positions found in `lower`
    // are positions in `html`
    let lower = html.to_ascii_lowercase();
    let close_tag = format!("</{tag}>");
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    while let Some(open) = find_open(&lower, tag, pos) {
        let Some(p) = lower[open..].find(&close_tag) else {
            break;
        };
        out.push_str(&html[pos..open]);
        out.push(' ');
        pos = open + p + close_tag.len();
    }
    out.push_str(&html[pos..]);
    out
}

fn find_open(lower: &str, tag: &str, start: usize) -> Option<usize> {
    let pat = format!("<{tag}");
    let mut from = start;
    while let Some(p) = lower[from..].find(&pat) {
        let at = from + p;
        let next = lower.as_bytes().get(at + pat.len()).copied();
        if matches!(
            next,
            Some(b'>') | Some(b' ') | Some(b'\n') | Some(b'\t') | Some(b'/')
        ) {
            return Some(at);
        }
        from = at + pat.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_with_labels() {
        let h = "<html><head><title>Re: budget</title><style>p{}</style></head><body><script>x()</script><p>From: Ann Bee &lt;ann@b.org&gt;</p><p>Date: 2012-03-04</p><p>Subject: Re: budget</p><p></p><p>The budget is approved.</p></body></html>";
        let d = &parse(h, h.as_bytes()).unwrap()[0];
        assert_eq!(d.subject.as_deref(), Some("Re: budget"));
        assert!(d.full_text().contains("The budget is approved."));
        assert!(!d.full_text().contains("x()"));
        assert_eq!(d.kind, Some(DocKind::Html));
    }

    #[test]
    fn strips_each_element_and_keeps_the_rest() {
        let h = "a<script>1</script>b<SCRIPT type=x>2</script>c<scripts>k</scripts><style>s</style>d<script>open";
        let out = strip_elements(h, &["script", "style"]);
        assert_eq!(out, "a b c<scripts>k</scripts> d<script>open");
        let many = "<script></script>x".repeat(20_000);
        assert_eq!(strip_elements(&many, &["script"]), " x".repeat(20_000));
    }
}
