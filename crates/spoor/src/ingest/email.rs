//! RFC 5322 / MIME messages, parsed with Stalwart's `mail-parser` (nested
//! multiparts, quoted-printable, base64, RFC 2047 words, legacy charsets, HTML
//! bodies). Attached messages (message/rfc822) become documents of their own.

use super::ReadError;
use crate::model::{Attachment, DocKind, Document, Party};
use crate::normalize::dates::{from_mail_datetime, parse_date};
use mail_parser::{Address, HeaderValue, Message, MessageParser, MimeHeaders, PartType};

/// Parse one message into its document followed by the documents of attached messages.
/// mail-parser's parse runs guarded: a message whose structure makes it panic
/// (fuzzing found nested multiparts that trip its internal assertion) is reported
/// as unreadable, not a crash of the whole ingest.
pub fn parse(raw: &[u8]) -> Result<Vec<Document>, ReadError> {
    check_bounds(raw)?;
    let msg = crate::guard::guarded(|| MessageParser::default().parse(raw))
        .ok_or(ReadError::NotMail {
            why: "the MIME parser failed on its structure",
        })?
        .ok_or(NO_HEADERS)?;
    if msg.headers().is_empty() {
        return Err(NO_HEADERS);
    }
    if msg.parts.len() > MAX_PARTS {
        return Err(ReadError::TooManyParts {
            parts: msg.parts.len(),
            max: MAX_PARTS,
        });
    }
    let mut out = Vec::new();
    convert(&msg, raw, DocKind::Email, None, &mut out, 0);
    Ok(out)
}

/// A message in which no header was found.
const NO_HEADERS: ReadError = ReadError::NotMail {
    why: "no headers found",
};

/// The largest message read (the same bound as an mbox message).
pub const MAX_MESSAGE_BYTES: usize = super::mbox::MAX_MESSAGE_BYTES;
/// The most header fields of the top-level header read (real mail has tens;
/// a message with more is refused before the parser builds them all).
pub const MAX_HEADERS: usize = 10_000;
/// The most MIME parts a message may have (real mail has a handful; a
/// thousand-attachment archive message still fits).
pub const MAX_PARTS: usize = 10_000;

/// Refuse a message too large, or with too many header fields, before parsing.
fn check_bounds(raw: &[u8]) -> Result<(), ReadError> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(ReadError::MessageTooLarge {
            size: raw.len(),
            max: MAX_MESSAGE_BYTES,
        });
    }
    let mut fields = 0;
    for line in raw.split(|&b| b == b'\n') {
        if line.is_empty() || line == b"\r" {
            break;
        }
        if !matches!(line.first(), Some(b' ' | b'\t')) {
            fields += 1;
        }
        if fields > MAX_HEADERS {
            return Err(ReadError::TooManyHeaders { max: MAX_HEADERS });
        }
    }
    Ok(())
}

fn parties(a: Option<&Address>) -> Vec<Party> {
    let Some(a) = a else { return Vec::new() };
    a.iter()
        .filter_map(|x| {
            let mut address = x
                .address()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty());
            let mut name = x
                .name()
                .map(|s| s.trim().trim_matches('"').to_string())
                .filter(|s| !s.is_empty());
            // a bare handle such as `H` or a redacted user name is an address, not a name
            if address.is_none()
                && name
                    .as_deref()
                    .is_some_and(|n| !n.contains(char::is_whitespace) && !n.contains(','))
            {
                address = name.take().map(|n| n.to_lowercase());
            }
            if address.is_none() && name.is_none() {
                return None;
            }
            let raw = match (&name, &address) {
                (Some(n), Some(a)) => format!("{n} <{a}>"),
                (Some(n), None) => n.clone(),
                (None, Some(a)) => a.clone(),
                (None, None) => String::new(),
            };
            Some(Party { name, address, raw })
        })
        .collect()
}

fn id_list(v: &HeaderValue) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.trim_matches(['<', '>']).to_string()],
        HeaderValue::TextList(l) => l
            .iter()
            .map(|t| t.trim_matches(['<', '>']).to_string())
            .collect(),
        _ => Vec::new(),
    }
}

fn text_header(msg: &Message, name: &str) -> Option<String> {
    msg.header_raw(name)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

const MAX_DEPTH: usize = 8;

fn convert(
    msg: &Message,
    raw: &[u8],
    kind: DocKind,
    parent: Option<&str>,
    out: &mut Vec<Document>,
    depth: usize,
) {
    let mut d = Document {
        kind: Some(kind),
        message_id: msg
            .message_id()
            .map(|s| s.trim_matches(['<', '>']).to_string()),
        in_reply_to: id_list(msg.in_reply_to()),
        references: id_list(msg.references()),
        subject: msg.subject().map(|s| s.trim().to_string()),
        parent: parent.map(str::to_string),
        ..Default::default()
    };
    d.from = parties(msg.from()).into_iter().next();
    // Exports such as Enron's carry the display name in X-From.
    if let (Some(f), Some(xf)) = (d.from.as_mut(), text_header(msg, "X-From"))
        && f.name.is_none()
    {
        let name = xf
            .split('<')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"')
            .to_string();
        if !name.is_empty() && !name.contains('@') {
            f.name = Some(name);
        }
    }
    d.to = parties(msg.to());
    d.cc = parties(msg.cc());
    d.bcc = parties(msg.bcc());
    d.date_text = text_header(msg, "Date");
    d.date = msg
        .date()
        .and_then(from_mail_datetime)
        .or_else(|| d.date_text.as_deref().and_then(parse_date));

    let mut text = String::new();
    for i in 0..msg.text_body_count().max(1) {
        let t = match msg.text_part(i as u32) {
            Some(part) if part.is_text_html() => part
                .text_contents()
                .map(|h| std::borrow::Cow::Owned(super::html::to_text(h))),
            _ => msg.body_text(i),
        };
        if let Some(t) = t {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&t);
        }
    }
    let id = crate::model::doc_id(raw, "");
    let mut children = Vec::new();
    for part in msg.attachments() {
        let mut a = Attachment {
            name: part.attachment_name().map(str::to_string),
            content_type: part
                .content_type()
                .map(|c| match c.subtype() {
                    Some(s) => format!("{}/{}", c.ctype(), s),
                    None => c.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".into())
                .to_ascii_lowercase(),
            size: part.len(),
            ..Default::default()
        };
        match &part.body {
            PartType::Text(t) => a.text = Some(t.to_string()),
            PartType::Html(h) => a.text = Some(super::html::to_text(h)),
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                if a.content_type == "application/pdf" || b.starts_with(b"%PDF-") {
                    a.text = super::pdf::extract_text(b).ok();
                }
            }
            PartType::Message(m) => {
                if depth < MAX_DEPTH {
                    let child_raw = m.raw_message();
                    let mut sub = Vec::new();
                    convert(
                        m,
                        child_raw,
                        DocKind::AttachedEmail,
                        Some(&id),
                        &mut sub,
                        depth + 1,
                    );
                    if let Some(first) = sub.first() {
                        a.document_id = Some(first.id.clone());
                        if a.name.is_none() {
                            a.name = first.subject.clone();
                        }
                    }
                    children.extend(sub);
                }
            }
            PartType::Multipart(_) => continue,
        }
        d.attachments.push(a);
    }
    let d = super::finish(d, &text, raw, "");
    out.push(d);
    out.extend(children);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_and_qp() {
        let raw = b"From: =?iso-8859-1?q?Ren=E9_Dupont?= <rene@example.fr>\r\nTo: a@b.c\r\nSubject: =?utf-8?b?Q2Fmw6k=?=\r\nDate: Thu, 17 Jan 2013 22:00:00 -0500\r\nMessage-ID: <x1@example.fr>\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 cr=E8me, une r=E9union importante demain matin =E0 Paris.\r\n";
        let d = &parse(raw).unwrap()[0];
        assert_eq!(
            d.from.as_ref().unwrap().name.as_deref(),
            Some("René Dupont")
        );
        assert_eq!(d.subject.as_deref(), Some("Café"));
        assert!(d.body.contains("Café crème"));
        assert_eq!(d.date.unwrap().to_rfc3339(), "2013-01-18T03:00:00+00:00");
        assert_eq!(d.message_id.as_deref(), Some("x1@example.fr"));
    }

    #[test]
    fn attached_message_is_its_own_document() {
        let raw = b"From: a@b.c\r\nTo: d@e.f\r\nSubject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--XX\r\nContent-Type: message/rfc822\r\n\r\nFrom: z@y.x\r\nSubject: inner\r\n\r\ninner body text\r\n--XX--\r\n";
        let docs = parse(raw).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].subject.as_deref(), Some("inner"));
        assert_eq!(docs[1].parent.as_deref(), Some(docs[0].id.as_str()));
        assert_eq!(
            docs[0].attachments[0].document_id.as_deref(),
            Some(docs[1].id.as_str())
        );
    }

    #[test]
    fn messages_over_the_bounds_are_refused_with_a_reason() {
        let many = "X-A: b\n".repeat(MAX_HEADERS + 1) + "\nbody\n";
        let e = parse(many.as_bytes()).unwrap_err();
        assert!(matches!(e, ReadError::TooManyHeaders { .. }), "{e}");
        let parts = (0..MAX_PARTS + 1)
            .map(|i| format!("--b\nContent-Type: text/plain\n\npart {i}\n"))
            .collect::<String>();
        let mime = format!(
            "From: a@b.c\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n{parts}--b--\n"
        );
        let e = parse(mime.as_bytes()).unwrap_err();
        assert!(matches!(e, ReadError::TooManyParts { .. }), "{e}");
        let ok = "From: a@b.c\nSubject: fine\n\nbody\n";
        assert!(parse(ok.as_bytes()).is_ok());
    }
}
