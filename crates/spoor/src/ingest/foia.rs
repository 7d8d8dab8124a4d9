//! US State Department FOIA release text: page headers (`UNCLASSIFIED U.S. Department
//! of State Case No. F-… Doc No. C… Date: MM/DD/YYYY`) stripped from the body and kept
//! as fields; `RELEASE IN FULL/PART`, classification marks and redaction codes noted;
//! printed `From:/Sent:/To:/Cc:/Subject:` blocks split into their messages.
//! OCR noise in the text is kept as it is.

use crate::model::{DocKind, Document};
use crate::normalize::{parse_date, parse_parties, parse_party};
use regex::Regex;
use std::sync::LazyLock;

static PAGE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:UNCLASSIFIED\s+)?U\.?\s?S\.?\s+Department\s+of\s+State\s+Case\s+No\.?\s*(?P<case>[A-Z]-?\d{4}-\d+)\s+Doc\s+No\.?\s*(?P<doc>[A-Z]?\d{6,})\s+Date:?\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})")
        .expect("static regex")
});
static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(RELEASE\s+IN\s+(?:FULL|PART))\s*$").expect("static regex")
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
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(From|Sent|Date|To|Cc|Bcc|Subject|Attachments|Importance)\s*:\s?(.*)$")
        .expect("static regex")
});

/// A printed message header field and its value.
fn header_of(line: &str) -> Option<(String, String)> {
    let c = HEADER_LINE.captures(line)?;
    Some((c[1].to_ascii_lowercase(), c[2].trim().to_string()))
}

/// Parse a release text into its messages.
pub fn parse(text: &str, raw: &[u8]) -> Result<Vec<Document>, String> {
    let mut case_no = None;
    let mut doc_no = None;
    let mut release_date = None;
    let mut release_status = None;
    let mut classification: Vec<String> = Vec::new();
    let mut redactions: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut l = line.to_string();
        if let Some(c) = PAGE_HEADER.captures(line) {
            case_no.get_or_insert_with(|| c["case"].to_string());
            doc_no.get_or_insert_with(|| c["doc"].to_string());
            if release_date.is_none() {
                release_date = parse_date(&c["date"]).map(|d| d.format("%Y-%m-%d").to_string());
            }
            let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
            l = format!("{}{}", &line[..m.start], &line[m.end..]);
            if l.trim().is_empty() {
                continue;
            }
        }
        if let Some(c) = RELEASE.captures(&l) {
            release_status.get_or_insert_with(|| c[1].to_ascii_uppercase());
            continue;
        }
        if let Some(c) = CLASSIFICATION.captures(&l) {
            let mark = c[1].to_string();
            if !classification.contains(&mark) {
                classification.push(mark);
            }
            continue;
        }
        if l.trim().len() <= 40 {
            for c in REDACTION.captures_iter(&l) {
                let code = c[1].to_string();
                if !redactions.contains(&code) {
                    redactions.push(code);
                }
            }
        }
        if REDACTION_ONLY.is_match(&l) {
            // marginal redaction codes: recorded above, not part of the message text
            continue;
        }
        lines.push(l);
    }
    if doc_no.is_none() {
        return Err("no State Department page header (Case No. … Doc No. …) found".into());
    }
    // Split at printed header blocks: a `From:` line followed within 4 lines by Sent/To/Subject/Date.
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
    let mut segments: Vec<(usize, usize)> = Vec::new();
    if starts.is_empty() {
        segments.push((0, lines.len()));
    } else {
        // text before the first block (a title) belongs to the first message
        for (k, &s) in starts.iter().enumerate() {
            let begin = if k == 0 { 0 } else { s };
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            segments.push((begin, end));
        }
    }
    let mut docs = Vec::new();
    for (k, (b, e)) in segments.into_iter().enumerate() {
        let seg = &lines[b..e];
        let mut d = Document {
            kind: Some(DocKind::Foia),
            case_no: case_no.clone(),
            doc_no: doc_no.clone(),
            release_date: release_date.clone(),
            release_status: release_status.clone(),
            classification: classification.clone(),
            redactions: redactions.clone(),
            ..Default::default()
        };
        let mut body_lines: Vec<&str> = Vec::new();
        let mut in_header = false;
        let mut header_done = false;
        let mut last_field = String::new();
        for l in seg {
            if !header_done {
                if let Some((name, value)) = header_of(l) {
                    in_header = true;
                    apply_field(&mut d, &name, &value);
                    last_field = name;
                    continue;
                }
                if in_header {
                    if l.trim().is_empty() {
                        header_done = true;
                        continue;
                    }
                    // wrapped recipient lists continue on the next line
                    if matches!(last_field.as_str(), "to" | "cc")
                        && (l.contains('@') || l.contains(';'))
                    {
                        let extra = parse_parties(l);
                        if last_field == "to" {
                            d.to.extend(extra)
                        } else {
                            d.cc.extend(extra)
                        }
                        continue;
                    }
                    header_done = true;
                }
            }
            body_lines.push(l);
        }
        let body = body_lines.join("\n");
        let body = body.trim_matches('\n');
        if d.subject.is_none() {
            d.subject = title_line(body);
        }
        if d.date.is_none()
            && let Some((t, dt)) = dateline(body)
        {
            d.date = Some(dt);
            d.date_text = Some(t);
        }
        docs.push(super::finish(d, body, raw, &format!("foia:{k}")));
    }
    Ok(docs)
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

/// A title: the first non-empty line, when it is short and not a sentence.
pub(crate) fn title_line(body: &str) -> Option<String> {
    let first = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    (first.len() <= 120 && !first.ends_with('.')).then(|| first.to_string())
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
