//! The data model: documents, parties, attachments, provenance and ids.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What kind of source a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// An RFC 5322 message (mbox, Maildir, .eml).
    Email,
    /// A message attached to another one (message/rfc822).
    AttachedEmail,
    /// A message from a FOIA release text.
    Foia,
    /// A diplomatic cable.
    Cable,
    /// A plain-text document (memo, note).
    Text,
    /// A PDF document.
    Pdf,
    /// A row of a CSV or JSON Lines export.
    Row,
    /// A saved HTML page.
    Html,
}

/// A sender or recipient, as written and as normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Party {
    /// Display name ("Mills, Cheryl D"), if any.
    pub name: Option<String>,
    /// Address in lower case ("millscd@state.gov") or a bare handle ("h", a redacted user name).
    pub address: Option<String>,
    /// The text as it stood in the source.
    pub raw: String,
}

impl Party {
    /// The best single key for this party: the address, else the name.
    pub fn key(&self) -> String {
        self.address
            .clone()
            .or_else(|| self.name.clone())
            .unwrap_or_else(|| self.raw.clone())
    }

    /// `"Name <address>"` or whichever part exists.
    pub fn display(&self) -> String {
        match (&self.name, &self.address) {
            (Some(n), Some(a)) if !n.eq_ignore_ascii_case(a) => format!("{n} <{a}>"),
            (Some(n), _) => n.clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => self.raw.clone(),
        }
    }
}

/// An attachment of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Attachment {
    /// File name, if given.
    pub name: Option<String>,
    /// MIME type.
    pub content_type: String,
    /// Size of the decoded content in bytes.
    pub size: usize,
    /// Extracted text (text/* and PDF attachments).
    pub text: Option<String>,
    /// For an attached message: the id of the document made of it.
    pub document_id: Option<String>,
}

/// Where a document was read from. A document reached through several files keeps them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The file, as given on the command line (made absolute).
    pub path: String,
    /// Byte offset of the message in the file (mbox), else 0.
    pub offset: u64,
    /// Length in bytes of the original.
    pub length: u64,
    /// Collection name the document was ingested into.
    pub collection: String,
    /// When it was ingested (RFC 3339 UTC).
    pub ingested_at: DateTime<Utc>,
    /// SHA-256 of the original bytes, hex.
    pub sha256: String,
}

/// A document of the archive: one message, one release message, one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable content-derived id.
    pub id: String,
    /// Kind of source.
    pub kind: Option<DocKind>,
    /// Message-ID without angle brackets.
    pub message_id: Option<String>,
    /// In-Reply-To ids.
    pub in_reply_to: Vec<String>,
    /// References ids.
    pub references: Vec<String>,
    /// Subject or title.
    pub subject: Option<String>,
    /// Sender.
    pub from: Option<Party>,
    /// Recipients.
    pub to: Vec<Party>,
    /// Copy recipients.
    pub cc: Vec<Party>,
    /// Blind copy recipients.
    pub bcc: Vec<Party>,
    /// Normalised date (UTC).
    pub date: Option<DateTime<Utc>>,
    /// The date as written in the source.
    pub date_text: Option<String>,
    /// The document's own reference number (FOIA doc number, cable reference).
    pub doc_no: Option<String>,
    /// FOIA case number.
    pub case_no: Option<String>,
    /// FOIA release date (as printed on the page header, normalised to YYYY-MM-DD).
    pub release_date: Option<String>,
    /// FOIA release status ("RELEASE IN FULL", "RELEASE IN PART").
    pub release_status: Option<String>,
    /// Classification marks found ("CONFIDENTIAL", "UNCLASSIFIED", …).
    pub classification: Vec<String>,
    /// Redaction codes found (B1, B5, B6, …).
    pub redactions: Vec<String>,
    /// Detected language (ISO 639-1) of the body.
    pub language: String,
    /// The new text of the message (without quoted replies and signature).
    pub body: String,
    /// Quoted replies / forwarded text.
    pub quoted: String,
    /// Signature block.
    pub signature: String,
    /// Attachments.
    pub attachments: Vec<Attachment>,
    /// For an attached message, the id of the message it was attached to.
    pub parent: Option<String>,
    /// Mail folder (Maildir path or mbox file name), if any.
    pub folder: Option<String>,
    /// Collection name.
    pub collection: String,
    /// SHA-256 (hex) of the original file or message this document was read from.
    pub raw_sha256: String,
    /// Byte range of this document inside that original, when it is a part of it.
    pub raw_range: Option<(u64, u64)>,
    /// The family of renditions this document joined at ingest: the id of the
    /// family's first member (none for a first member or a document alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
}

impl Document {
    /// All the text of the document, new text first.
    pub fn full_text(&self) -> String {
        let mut s =
            String::with_capacity(self.body.len() + self.quoted.len() + self.signature.len() + 2);
        for part in [&self.body, &self.signature, &self.quoted] {
            if !part.is_empty() {
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(part);
            }
        }
        s
    }

    /// The key of the document's family of renditions (its own id when alone or first).
    pub fn family_key(&self) -> &str {
        self.family.as_deref().unwrap_or(&self.id)
    }

    /// Whether the document has attachments.
    pub fn has_attachment(&self) -> bool {
        !self.attachments.is_empty()
    }
}

/// SHA-256 of bytes as lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A stable document id from the bytes it was read from (and a discriminator for
/// documents cut out of one file). 20 hex digits: 80 bits.
pub(crate) fn doc_id(bytes: &[u8], part: &str) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    if !part.is_empty() {
        h.update([0u8]);
        h.update(part.as_bytes());
    }
    let d = h.finalize();
    hex::encode(&d[..10])
}
