//! Format detection from content (the extension only breaks ties).

use std::path::Path;

/// The formats spoor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A file of many messages separated by `From ` lines.
    Mbox,
    /// One RFC 5322 message (.eml, a Maildir file, one mbox message).
    Email,
    /// A US State Department FOIA release text.
    Foia,
    /// A diplomatic cable in a public text form.
    Cable,
    /// Any other plain-text document.
    Text,
    /// A saved HTML page.
    Html,
    /// A PDF.
    Pdf,
    /// A CSV export (split into rows).
    Csv,
    /// A JSON Lines export (split into rows).
    Jsonl,
    /// One CSV row.
    CsvRow,
    /// One JSON object.
    JsonRow,
}

const HEADER_NAMES: [&str; 10] = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "delivered-to",
    "x-mailer",
];

/// Whether the start of a file looks like RFC 5322 headers.
pub fn looks_like_headers(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let mut known = 0;
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || name.contains(' ') {
            return false;
        }
        if HEADER_NAMES.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
            if known >= 2 {
                // decided before the sample's last line, which may be cut short
                return true;
            }
        }
        if i > 200 {
            break;
        }
    }
    false
}

/// Whether text carries the State Department FOIA page header.
pub fn looks_like_foia(text: &str) -> bool {
    let head = &text[..crate::util::floor_boundary(text, 20_000)];
    head.contains("Department of State") && head.contains("Case No") && head.contains("Doc No")
}

/// Whether the bytes look binary (NUL bytes or many control characters).
pub fn looks_binary(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(8192)];
    if sample.contains(&0) {
        // UTF-16 text has NULs too; it starts with a BOM.
        return !(sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]));
    }
    let ctrl = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    ctrl * 20 > sample.len()
}

/// Decide the format of a file from its first bytes and its name.
pub fn detect(path: &Path, head: &[u8]) -> Result<Format, super::ReadError> {
    if head.is_empty() {
        return Err(super::ReadError::Empty);
    }
    if head.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if looks_binary(head) {
        return Err(super::ReadError::Binary);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if head.starts_with(b"From ") {
        let rest = &head[head
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| p + 1)
            .unwrap_or(head.len())..];
        if looks_like_headers(rest) {
            return Ok(Format::Mbox);
        }
    }
    if looks_like_headers(head) {
        return Ok(Format::Email);
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(65536)]);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower_start: String = trimmed
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower_start.starts_with("<!doctype html")
        || lower_start.starts_with("<html")
        || (ext.starts_with("htm") && lower_start.starts_with('<'))
    {
        return Ok(Format::Html);
    }
    if ext == "csv" || ext == "tsv" {
        return Ok(Format::Csv);
    }
    if trimmed.starts_with('{') && (ext == "jsonl" || ext == "ndjson" || ext == "json") {
        return Ok(Format::Jsonl);
    }
    if looks_like_foia(&text) {
        return Ok(Format::Foia);
    }
    if super::cable::looks_like_cable(&text) {
        return Ok(Format::Cable);
    }
    Ok(Format::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_content() {
        let p = Path::new("x.txt");
        assert_eq!(
            detect(p, b"From: a@b\nSubject: x\n\nhi").unwrap(),
            Format::Email
        );
        assert_eq!(
            detect(
                p,
                b"From MAILER-DAEMON Mon Jan  1 00:00:00 2001\nFrom: a@b\nDate: x\n\nhi"
            )
            .unwrap(),
            Format::Mbox
        );
        assert_eq!(detect(p, b"%PDF-1.4 ...").unwrap(), Format::Pdf);
        // a long header cut by the sample must not hide the headers before it
        let mut long = b"From MAILER-DAEMON Mon Jan  1 00:00:00 2001\nMessage-ID: <1@x>\nDate: Mon, 1 Jan 2001 00:00:00 +0000\nX-To: ".to_vec();
        long.extend(std::iter::repeat_n(b'a', 9000));
        assert_eq!(detect(p, &long[..8192]).unwrap(), Format::Mbox);
        assert_eq!(detect(p, b"<!DOCTYPE html><html>").unwrap(), Format::Html);
        assert_eq!(
            detect(p, b"Just a memo.\nWith lines.").unwrap(),
            Format::Text
        );
        assert!(detect(p, b"").is_err());
        assert!(detect(p, b"\x00\x01\x02\x03junk").is_err());
        let foia = b"TITLE\nUNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05798096 Date: 01/07/2016\nRELEASE IN FULL\n";
        assert_eq!(detect(p, foia).unwrap(), Format::Foia);
    }
}
