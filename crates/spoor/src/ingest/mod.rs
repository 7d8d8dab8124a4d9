//! Readers for every input format. Each reader turns the bytes of one unit (a
//! message, a release file, a row) into [`Document`]s; [`walk`] and [`mbox`] cut
//! files into units; [`detect`] decides the format from the content.

pub mod cable;
pub mod detect;
pub mod email;
mod error;
pub mod foia;
pub mod html;
pub mod mbox;
pub mod pdf;
pub mod stamp;
pub mod table;
pub mod text;
pub mod walk;

use crate::model::Document;
pub use detect::Format;
pub use error::ReadError;
pub use table::Mapping;

/// One piece of input to be parsed on its own: a message of an mbox, a file, a row.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The file it comes from.
    pub path: std::sync::Arc<str>,
    /// Byte offset in that file.
    pub offset: u64,
    /// The original bytes.
    pub bytes: Vec<u8>,
    /// How to read them.
    pub format: Format,
    /// Mail folder, where the layout gives one.
    pub folder: Option<std::sync::Arc<str>>,
    /// Column names, for a table row.
    pub columns: Option<std::sync::Arc<Vec<String>>>,
}

/// The documents read from one unit, and a warning when the reader had to fall
/// back to a plainer reading.
#[derive(Debug, Default)]
pub struct UnitRead {
    /// The documents.
    pub docs: Vec<Document>,
    /// What the summary should say about the unit (it was still stored).
    pub warning: Option<String>,
}

/// Parse one unit into its documents. `collection` is stamped on each.
pub fn parse_unit(unit: &Unit, mapping: Option<&Mapping>) -> Result<UnitRead, ReadError> {
    let mut warning = None;
    let mut docs = match unit.format {
        Format::Email => {
            // an attached message is stored inside its parent: the parent's bytes are its original
            let mut docs = email::parse(&unit.bytes)?;
            if let Some(parent) = docs.first().map(|d| d.raw_sha256.clone()) {
                for d in docs.iter_mut().skip(1) {
                    d.raw_sha256 = parent.clone();
                }
            }
            docs
        }
        Format::Foia => {
            let text = decode_text(&unit.bytes);
            match foia::parse(&text, &unit.bytes) {
                Ok(d) => d,
                Err(e) => {
                    warning = Some(format!("{e}; stored as a plain-text document"));
                    text::parse(&text, &unit.bytes)?
                }
            }
        }
        Format::Cable => cable::parse(&decode_text(&unit.bytes), &unit.bytes)?,
        Format::Text => text::parse(&decode_text(&unit.bytes), &unit.bytes)?,
        Format::Html => html::parse(&decode_text(&unit.bytes), &unit.bytes)?,
        Format::Pdf => pdf::parse(&unit.bytes)?,
        Format::CsvRow | Format::JsonRow => table::parse_row(unit, mapping)?,
        Format::Mbox | Format::Csv | Format::Jsonl => {
            return Err(ReadError::Container);
        }
    };
    if let Some(f) = &unit.folder {
        for d in &mut docs {
            if d.folder.is_none() {
                d.folder = Some(f.to_string());
            }
        }
    }
    Ok(UnitRead { docs, warning })
}

/// Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else windows-1252.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_with_bom_removal(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Finish a document made by a reader: language, body split, id.
pub(crate) fn finish(d: Document, text: &str, id_bytes: &[u8], part: &str) -> Document {
    let mut d = finish_body(d, text);
    d.raw_sha256 = crate::model::sha256_hex(id_bytes);
    d.id = crate::model::doc_id(id_bytes, part);
    d
}

/// Split a document's text into new text, quoted text and signature, and detect
/// its language.
pub(crate) fn finish_body(mut d: Document, text: &str) -> Document {
    let parts = crate::normalize::split_body(text.trim_start_matches(['\n', '\r']));
    d.body = parts.new_text;
    d.quoted = parts.quoted;
    d.signature = parts.signature;
    let sample = if d.body.trim().is_empty() {
        &d.quoted
    } else {
        &d.body
    };
    d.language = crate::lang::detect(sample).to_string();
    d
}

/// Give a document cut out of a larger file its id, from the file's hash (computed
/// once per file, not once per part) and the part's name.
pub(crate) fn finish_part(mut d: Document, file_sha: &str, part: &str) -> Document {
    d.raw_sha256 = file_sha.to_string();
    d.id = crate::model::doc_id(file_sha.as_bytes(), part);
    d
}
