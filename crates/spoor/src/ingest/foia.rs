//! US State Department FOIA release text: page headers (`UNCLASSIFIED U.S. Department
//! of State Case No. F-… Doc No. C… Date: MM/DD/YYYY`) stripped from the body and kept
//! as fields; `RELEASE IN FULL/PART`, classification marks and redaction codes noted;
//! printed `From:/Sent:/To:/Cc:/Subject:` blocks (padded, colon-less) split into
//! their messages; a memo's `For: / From: / Re:` heading and dateline read.
//! OCR noise in the text is kept as it is. The stamps themselves: [`super::stamp`].

use crate::model::{DocKind, Document};
use crate::normalize::{parse_date, parse_parties, parse_party};
use regex::Regex;
use std::sync::LazyLock;

static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(RELEASE\s+IN\s+(?:FULL|PART))\b\s*(.*)$").expect("static regex")
});
static CLASSIFICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET|SENSITIVE BUT UNCLASSIFIED|SBU)\s*(//\s*[A-Z ]+)?\s*$")
        .expect("static regex")
});
static REDACTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(B[1-9])(?:\b|,|\s)").expect("static regex"));
static REDACTION_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((B[1-9]|1\.4\s?\([A-H]\))[\s,;]*)+$").expect("static regex")
});
/// A printed header line: `Label: value`, OCR's `Label; value`.
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(From|Sent|Date|To|Cc|Bcc|Subject|Attachments|Importance)\s*[:;]\s?(.*)$")
        .expect("static regex")
});
/// A header line whose colon OCR lost: the label alone, or padded from its value
/// by a column of spaces (`Subject                Fw: …`).
static HEADER_NO_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(From|Sent|To|Cc|Subject|Attachments)(?:\s{3,}(\S.*)|\s*)$")
        .expect("static regex")
});
/// A memo's own heading: `For: / From: / To: / Re: / Date:`.
static MEMO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(For|From|To|Re|Subject|Date)\s*:\s*(\S.*)$").expect("static regex")
});

/// A printed message header field and its value.
fn header_of(line: &str) -> Option<(String, String)> {
    if let Some(c) = HEADER_LINE.captures(line) {
        return Some((c[1].to_ascii_lowercase(), c[2].trim().to_string()));
    }
    let c = HEADER_NO_COLON.captures(line)?;
    let value = c.get(2).map(|m| m.as_str().trim()).unwrap_or("");
    Some((c[1].to_ascii_lowercase(), value.to_string()))
}

/// Why a file could not be read as a release text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoiaError {
    /// No page stamp (`Case No. … Doc No. …`) could be read.
    NoStamp,
}

impl std::fmt::Display for FoiaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FoiaError::NoStamp => {
                write!(
                    f,
                    "no State Department page stamp (Case No. … Doc No. …) could be read"
                )
            }
        }
    }
}

/// What the stamps and marks of a release file say about all its messages.
#[derive(Default)]
struct FileMarks {
    stamp: super::stamp::Stamp,
    release_status: Option<String>,
    classification: Vec<String>,
    redactions: Vec<String>,
}

/// Parse a release text into its messages.
pub fn parse(text: &str, raw: &[u8]) -> Result<Vec<Document>, FoiaError> {
    let (clean, stamp) = super::stamp::scrub(text);
    if stamp.doc_no.is_none() {
        return Err(FoiaError::NoStamp);
    }
    let mut marks = FileMarks {
        stamp,
        ..Default::default()
    };
    let lines = body_lines(&clean, &mut marks);
    let starts = header_starts(&lines);
    let mut segments: Vec<(usize, usize, Option<usize>)> = Vec::new();
    if starts.is_empty() {
        segments.push((0, lines.len(), None));
    } else {
        // text before the first block (a title) belongs to the first message
        for (k, &s) in starts.iter().enumerate() {
            let begin = if k == 0 { 0 } else { s };
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            segments.push((begin, end, Some(s)));
        }
    }
    let file_sha = crate::model::sha256_hex(raw);
    let mut docs = Vec::with_capacity(segments.len());
    for (k, (b, e, h)) in segments.into_iter().enumerate() {
        let d = message(&lines[b..e], h.map(|h| h - b), &marks);
        docs.push(super::finish_part(d, &file_sha, &format!("foia:{k}")));
    }
    Ok(docs)
}

/// The lines of the text without release marks, recording the marks.
fn body_lines(clean: &str, marks: &mut FileMarks) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in clean.lines() {
        let mut l = line;
        if let Some(c) = RELEASE.captures(l) {
            marks.release_status.get_or_insert_with(|| {
                c[1].split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_ascii_uppercase()
            });
            let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
            record_redactions(rest, &mut marks.redactions);
            continue;
        }
        if let Some(c) = CLASSIFICATION.captures(l) {
            let mark = c[1].to_string();
            if !marks.classification.contains(&mark) {
                marks.classification.push(mark);
            }
            continue;
        }
        if l.trim().len() <= 40 {
            record_redactions(l, &mut marks.redactions);
        }
        if REDACTION_ONLY.is_match(l) {
            // marginal redaction codes: recorded above, not part of the message text
            continue;
        }
        l = l.trim_end();
        lines.push(l.to_string());
    }
    lines
}

fn record_redactions(l: &str, out: &mut Vec<String>) {
    for c in REDACTION.captures_iter(l) {
        let code = c[1].to_string();
        if !out.contains(&code) {
            out.push(code);
        }
    }
}

/// Where printed header blocks begin: a `From` line followed within 4 lines by
/// `Sent`, `To`, `Subject` or `Date`.
fn header_starts(lines: &[String]) -> Vec<usize> {
    let mut starts = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some((name, _)) = header_of(l)
            && name == "from"
        {
            let follows = lines[i + 1..lines.len().min(i + 5)]
                .iter()
                .filter_map(|x| header_of(x))
                .any(|(n, _)| matches!(n.as_str(), "sent" | "to" | "subject" | "date"));
            if follows {
                starts.push(i);
            }
        }
    }
    starts
}

/// One message: its header block (starting at `header`, when it has one) and body.
fn message(seg: &[String], header: Option<usize>, marks: &FileMarks) -> Document {
    let mut d = Document {
        kind: Some(DocKind::Foia),
        case_no: marks.stamp.case_no.clone(),
        doc_no: marks.stamp.doc_no.clone(),
        release_date: marks
            .stamp
            .date
            .as_deref()
            .and_then(parse_date)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        release_status: marks.release_status.clone(),
        classification: marks.classification.clone(),
        redactions: marks.redactions.clone(),
        ..Default::default()
    };
    let mut body_lines: Vec<&str> = Vec::new();
    let mut i = 0;
    if let Some(h) = header {
        body_lines.extend(seg[..h].iter().map(String::as_str));
        i = read_header(&seg[h..], &mut d) + h;
    }
    body_lines.extend(seg[i..].iter().map(String::as_str));
    let body = body_lines.join("\n");
    let body = body.trim_matches('\n');
    read_memo_heading(body, &mut d);
    super::finish_body(d, body)
}

/// Read a header block into `d`; returns how many lines it took.
fn read_header(lines: &[String], d: &mut Document) -> usize {
    let mut last_field = String::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some((name, value)) = header_of(l) {
            apply_field(d, &name, &value);
            last_field = name;
            continue;
        }
        if l.trim().is_empty() {
            return i + 1;
        }
        // wrapped recipient lists continue on the next lines: a line with an
        // address or a list separator, or any line the block's next field follows
        let field_follows = lines[i + 1..]
            .iter()
            .take(3)
            .take_while(|x| !x.trim().is_empty())
            .any(|x| header_of(x).is_some());
        if matches!(last_field.as_str(), "to" | "cc")
            && (l.contains('@') || l.contains(';') || field_follows)
        {
            let extra = parse_parties(l);
            if last_field == "to" {
                d.to.extend(extra)
            } else {
                d.cc.extend(extra)
            }
            continue;
        }
        return i;
    }
    lines.len()
}

/// A memo's heading near the top of its text (`For: the Secretary` / `From: J.` /
/// `Re: …`) gives what the message header did not; a dateline gives the date.
fn read_memo_heading(body: &str, d: &mut Document) {
    let mut fields: Vec<(String, String)> = Vec::new();
    for l in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(15)
    {
        match MEMO_LINE.captures(l) {
            Some(c) => fields.push((c[1].to_ascii_lowercase(), c[2].trim().to_string())),
            None if fields.is_empty() => continue,
            None => break,
        }
    }
    let memo = fields.iter().any(|(k, _)| k == "for" || k == "re")
        && fields.iter().any(|(k, _)| k == "from" || k == "for");
    if memo {
        for (k, v) in &fields {
            match k.as_str() {
                "for" | "to" if d.to.is_empty() => d.to = parse_parties(v),
                "from" if d.from.is_none() => d.from = parse_party(v),
                "re" | "subject" if d.subject.is_none() => d.subject = Some(v.clone()),
                "date" if d.date.is_none() => {
                    d.date = parse_date(v);
                    d.date_text = d.date.map(|_| v.clone());
                }
                _ => {}
            }
        }
    }
    if d.subject.is_none() {
        d.subject = title_line(body);
    }
    if d.date.is_none()
        && let Some((t, dt)) = dateline(body)
    {
        d.date = Some(dt);
        d.date_text = Some(t);
    }
}

fn apply_field(d: &mut Document, name: &str, value: &str) {
    match name {
        "from" => d.from = parse_party(value),
        "to" => d.to.extend(parse_parties(value)),
        "cc" => d.cc.extend(parse_parties(value)),
        "bcc" => d.bcc.extend(parse_parties(value)),
        "subject" => d.subject = Some(value.to_string()).filter(|s| !s.is_empty()),
        "sent" | "date" => {
            d.date_text = Some(value.to_string());
            d.date = parse_date(value);
        }
        _ => {}
    }
}

/// Whether a short line is only a date ("January 18, 2013", even when OCR
/// damaged its year): it must not stand as a title.
fn dateish(line: &str) -> bool {
    line.split_whitespace().count() <= 5
        && line.chars().any(|c| c.is_ascii_digit())
        && (parse_date(line).is_some()
            || crate::lang::when::find(line)
                .iter()
                .any(|m| m.month.is_some()))
}

/// A title: among the first lines, the first that is short, not a sentence,
/// not a date and not a memo label, with at least two words of letters.
pub(crate) fn title_line(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .find(|l| {
            l.len() <= 120
                && !l.ends_with('.')
                && !dateish(l)
                && !MEMO_LINE.is_match(l)
                && l.split_whitespace()
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                    .count()
                    >= 2
        })
        .map(str::to_string)
}

/// A line near the top that is only a date ("January 18, 2013").
pub(crate) fn dateline(body: &str) -> Option<(String, chrono::DateTime<chrono::Utc>)> {
    body.lines()
        .take(12)
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.len() <= 40 && l.chars().any(|c| c.is_ascii_digit()))
        .find_map(|l| parse_date(l).map(|d| (l.to_string(), d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_split() {
        let t = "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05700001 Date: 05/13/2015\nRELEASE IN PART\nB6\nFrom: Mills, Cheryl D <MillsCD@state.gov>\nSent: Thursday, January 17, 2013 10:00 PM\nTo: H\nSubject: Re: call\n\nWill do.\n\nFrom: H\nSent: Thursday, January 17, 2013 9:00 PM\nTo: Mills, Cheryl D\nSubject: call\n\nPls call me.\nUNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05700001 Date: 05/13/2015\n";
        let docs = parse(t, t.as_bytes()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].from.as_ref().unwrap().address.as_deref(),
            Some("millscd@state.gov")
        );
        assert_eq!(docs[0].body, "Will do.");
        assert_eq!(docs[1].body, "Pls call me.");
        assert_eq!(docs[1].to[0].name.as_deref(), Some("Mills, Cheryl D"));
        assert_eq!(docs[0].release_status.as_deref(), Some("RELEASE IN PART"));
        assert_eq!(docs[0].redactions, ["B6"]);
        assert_eq!(
            docs[0].date.unwrap().to_rfc3339(),
            "2013-01-17T22:00:00+00:00"
        );
        assert_ne!(docs[0].id, docs[1].id);
    }
}
