//! Plain-text documents that are not mail (a cable, a memo, a note): ingested with
//! whatever metadata their top lines give (title, date, reference id), never
//! rejected for lacking e-mail headers.

use crate::model::{DocKind, Document};
use crate::normalize::{parse_date, parse_parties, parse_party};

/// Parse a plain-text document.
pub fn parse(text: &str, raw: &[u8]) -> Result<Vec<Document>, super::ReadError> {
    if text.trim().is_empty() {
        return Err(super::ReadError::NoText);
    }
    let mut d = Document {
        kind: Some(DocKind::Text),
        ..Default::default()
    };
    // Header fields at the top (blank lines between them allowed); the body is
    // every other line.
    let all: Vec<&str> = text.lines().collect();
    let mut field_lines = Vec::new();
    for (i, line) in all.iter().enumerate().take(40) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            if !field_lines.is_empty() {
                break;
            }
            continue;
        };
        let key = k.trim().to_ascii_lowercase();
        let v = v.trim();
        if key.len() > 20 || v.is_empty() {
            if !field_lines.is_empty() {
                break;
            }
            continue;
        }
        let used = match key.as_str() {
            "title" | "subject" | "subj" => {
                d.subject.get_or_insert_with(|| v.to_string());
                true
            }
            "date" | "sent" => {
                d.date_text = Some(v.to_string());
                d.date = parse_date(v);
                true
            }
            "reference id" | "ref" | "reference" | "mrn" | "doc no" | "document id" => {
                d.doc_no
                    .get_or_insert_with(|| v.split_whitespace().next().unwrap_or(v).to_string());
                true
            }
            "from" => {
                d.from = parse_party(v);
                true
            }
            "to" => {
                d.to = parse_parties(v);
                true
            }
            "cc" => {
                d.cc = parse_parties(v);
                true
            }
            _ => false,
        };
        if used {
            field_lines.push(i);
        } else if !field_lines.is_empty() {
            break;
        }
    }
    let body: String = all
        .iter()
        .enumerate()
        .filter(|(i, _)| !field_lines.contains(i))
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n");
    let body = body.trim_start_matches('\n');
    if d.subject.is_none() {
        d.subject = super::foia::title_line(text);
    }
    if d.date.is_none()
        && let Some((t, dt)) = super::foia::dateline(text)
    {
        d.date = Some(dt);
        d.date_text = Some(t);
    }
    Ok(vec![super::finish(d, body, raw, "")])
}

/// A release text when its page stamp can be read, else a plain-text document.
pub(crate) fn parse_release_or_text(
    text: &str,
    raw: &[u8],
) -> Result<Vec<Document>, super::ReadError> {
    if super::detect::looks_like_foia(text)
        && let Ok(docs) = super::foia::parse(text, raw)
    {
        return Ok(docs);
    }
    parse(text, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cable_header() {
        let t = "Reference ID: 10ALGIERS123\nSUBJECT: ALGERIA: SECURITY IN THE SOUTH\nDATE: 2010-02-03\n\nThe embassy reports.\n";
        let d = &parse(t, t.as_bytes()).unwrap()[0];
        assert_eq!(d.doc_no.as_deref(), Some("10ALGIERS123"));
        assert_eq!(d.subject.as_deref(), Some("ALGERIA: SECURITY IN THE SOUTH"));
        assert_eq!(d.body, "The embassy reports.");
        assert_eq!(d.date.unwrap().format("%F").to_string(), "2010-02-03");
    }

    #[test]
    fn memo_without_headers() {
        let t = "NOTE ON THE MEETING\n\nWe met on 4 March 2011 and agreed.\n";
        let d = &parse(t, t.as_bytes()).unwrap()[0];
        assert_eq!(d.subject.as_deref(), Some("NOTE ON THE MEETING"));
        assert!(d.body.contains("agreed"));
    }
}
