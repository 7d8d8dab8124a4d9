//! Diplomatic cables in their common public text forms:
//!
//! - one line of metadata first: `05ALGIERS2048 2005-10-04 17:28:00 CONFIDENTIAL Embassy Algiers`;
//! - a header table: `Reference ID  Created  Released  Classification  Origin` with the
//!   values on the next line (separated by tabs or runs of spaces);
//! - header fields one a line: `Reference ID: …`, `Created: …`, `Origin: …`;
//! - the labels one a line (`Identifier` / `Created` / `Classification` / `Origin`),
//!   then their values one a line, as cable archives print them on the web.
//!
//! The body's `SUBJECT:` line (wrapped lines included) gives the subject. The
//! reference id becomes `doc_no`, the origin the sender.

use crate::model::{DocKind, Document, Party};
use crate::normalize::parse_date;
use regex::Regex;
use std::sync::LazyLock;

/// A cable reference id: two-digit year, post, serial number (`05ALGIERS2048`).
const REF: &str = r"\d{2}[A-Z][A-Z\-]{2,30}\d{1,6}";
const CLASS: &str = r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)(?://[A-Z ]+)*";

static ONE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<ref>{REF})\s+(?P<date>\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?)?)\s+(?P<class>{CLASS})\s+(?P<origin>\S.*?)\s*$"
    ))
    .expect("static regex")
});
static TABLE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*Reference\s+ID(?:\t|\s{2,})Created\b").expect("static regex")
});
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(Reference\s+ID|Created|Released|Classification|Origin|Date|To|From)\s*:\s*(\S.*?)\s*$")
        .expect("static regex")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(Reference\s+ID|Identifier|Created|Released|Classification|Origin)\s*$")
        .expect("static regex")
});
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*SUBJ(?:ECT)?\s*:\s*(\S.*?)\s*$").expect("static regex"));
static REF_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{REF}$")).expect("static regex"));

/// Whether a text starts like a cable in one of the forms above.
pub fn looks_like_cable(text: &str) -> bool {
    let head: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(8)
        .collect();
    match head.first() {
        Some(first) if ONE_LINE.is_match(first) || TABLE_HEAD.is_match(first) => true,
        Some(_) if label_block(&head) >= 3 => true,
        _ => {
            let fields: Vec<String> = head
                .iter()
                .filter_map(|l| FIELD.captures(l))
                .map(|c| c[1].to_ascii_lowercase())
                .collect();
            fields.iter().any(|f| f.starts_with("reference"))
                && fields
                    .iter()
                    .any(|f| f == "origin" || f == "classification" || f == "created")
        }
    }
}

/// Metadata read from the head of a cable.
#[derive(Default)]
struct Head {
    reference: Option<String>,
    created: Option<String>,
    classification: Option<String>,
    origin: Option<String>,
    /// Lines of the text the head took.
    lines: usize,
}

/// Parse a cable.
pub fn parse(text: &str, raw: &[u8]) -> Result<Vec<Document>, super::ReadError> {
    let all: Vec<&str> = text.lines().collect();
    let first = all.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let head = read_head(&all[first..]);
    let Some(reference) = head.reference.clone() else {
        return Err(super::ReadError::NoCableId);
    };
    let body_lines = &all[(first + head.lines).min(all.len())..];
    let mut d = Document {
        kind: Some(DocKind::Cable),
        doc_no: Some(reference),
        subject: subject(body_lines),
        classification: head.classification.into_iter().collect(),
        ..Default::default()
    };
    if let Some(c) = &head.created {
        d.date = parse_date(c);
        d.date_text = Some(c.clone());
    }
    d.from = head.origin.map(|o| Party {
        name: Some(o.clone()),
        address: None,
        raw: o,
    });
    let body = body_lines.join("\n");
    Ok(vec![super::finish(d, body.trim_matches('\n'), raw, "")])
}

fn read_head(lines: &[&str]) -> Head {
    let mut h = Head::default();
    let Some(first) = lines.first() else {
        return h;
    };
    if let Some(c) = ONE_LINE.captures(first) {
        h.reference = Some(c["ref"].to_string());
        h.created = Some(c["date"].to_string());
        h.classification = Some(c["class"].to_string());
        h.origin = Some(c["origin"].to_string());
        h.lines = 1;
        return h;
    }
    if TABLE_HEAD.is_match(first) {
        let names = columns(first);
        if let Some(values) = lines.get(1).map(|l| columns(l)) {
            for (n, v) in names.iter().zip(values) {
                set(&mut h, &n.to_ascii_lowercase(), v);
            }
        }
        h.lines = 2;
        return h;
    }
    let n = label_block(lines);
    if n >= 3 {
        for (name, value) in lines[..n].iter().zip(lines[n..].iter().take(n)) {
            set(
                &mut h,
                &name.trim().to_ascii_lowercase(),
                value.trim().to_string(),
            );
        }
        h.lines = (2 * n).min(lines.len());
        return h;
    }
    for (i, l) in lines.iter().enumerate().take(12) {
        match FIELD.captures(l) {
            Some(c) => {
                set(&mut h, &c[1].to_ascii_lowercase(), c[2].to_string());
                h.lines = i + 1;
            }
            None if l.trim().is_empty() => continue,
            None => break,
        }
    }
    h
}

/// How many lines at the top are metadata labels alone on their line.
fn label_block(lines: &[&str]) -> usize {
    lines.iter().take_while(|l| LABEL.is_match(l)).count()
}

fn set(h: &mut Head, name: &str, value: String) {
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.as_str() {
        "reference id" | "identifier" if REF_ONLY.is_match(value.trim()) => {
            h.reference = Some(value.trim().to_string())
        }
        "created" | "date" => h.created = Some(value),
        "classification" => h.classification = Some(value),
        "origin" | "from" => h.origin = Some(value),
        _ => {}
    }
}

/// Cells of a table line: split at tabs, or else at runs of two or more spaces.
fn columns(line: &str) -> Vec<String> {
    let cells: Vec<&str> = if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split("  ").collect()
    };
    cells
        .into_iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `SUBJECT:` line of the body, with its wrapped continuation lines.
fn subject(lines: &[&str]) -> Option<String> {
    let i = lines.iter().position(|l| SUBJECT.is_match(l))?;
    let mut s = SUBJECT.captures(lines[i])?[1].to_string();
    for l in lines[i + 1..].iter().take(3) {
        let t = l.trim();
        if t.is_empty() || t.contains(':') {
            break;
        }
        s.push(' ');
        s.push_str(t);
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_form() {
        let t = "05ALGIERS2048 2005-10-04 17:28:00 CONFIDENTIAL Embassy Algiers\n\nC O N F I D E N T I A L ALGIERS 002048\n\nSUBJECT: ALGERIA: PRESIDENT ON\nNATIONAL RECONCILIATION\n\n1. (C) Summary. Text.\n";
        assert!(looks_like_cable(t));
        let d = &parse(t, t.as_bytes()).unwrap()[0];
        assert_eq!(d.doc_no.as_deref(), Some("05ALGIERS2048"));
        assert_eq!(d.date.unwrap().to_rfc3339(), "2005-10-04T17:28:00+00:00");
        assert_eq!(d.classification, ["CONFIDENTIAL"]);
        assert_eq!(
            d.from.as_ref().and_then(|p| p.name.as_deref()),
            Some("Embassy Algiers")
        );
        assert_eq!(
            d.subject.as_deref(),
            Some("ALGERIA: PRESIDENT ON NATIONAL RECONCILIATION")
        );
    }

    #[test]
    fn table_form() {
        let t = "Reference ID\tCreated\tReleased\tClassification\tOrigin\n09STATE12345\t2009-02-10 12:00\t2011-08-30 01:44\tSECRET//NOFORN\tSecretary of State\n\nSUBJECT: DEMARCHE\n\nBody.\n";
        assert!(looks_like_cable(t));
        let d = &parse(t, t.as_bytes()).unwrap()[0];
        assert_eq!(d.doc_no.as_deref(), Some("09STATE12345"));
        assert_eq!(d.classification, ["SECRET//NOFORN"]);
        assert_eq!(d.subject.as_deref(), Some("DEMARCHE"));
        assert_eq!(d.body, "SUBJECT: DEMARCHE\n\nBody.");
    }

    #[test]
    fn not_a_cable() {
        assert!(!looks_like_cable("Dear all,\nthe meeting is at 3.\n"));
        assert!(!looks_like_cable(
            "Reference ID: 10ALGIERS123\nSUBJECT: X\n"
        ));
    }
}
