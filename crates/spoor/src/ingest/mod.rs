//! Readers for every input format. Each reader turns the bytes of one unit (a
//! message, a release file, a row) into [`Document`]s; [`walk`] and [`mbox`] cut
//! files into units; [`detect`] decides the format from the content.

pub mod detect;
pub mod email;
pub mod foia;
pub mod html;
pub mod mbox;
pub mod pdf;
pub mod table;
pub mod text;
pub mod walk;

use crate::model::Document;
pub use detect::Format;
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

/// Parse one unit into its documents. `collection` is stamped on each.
pub fn parse_unit(unit: &Unit, mapping: Option<&Mapping>) -> Result<Vec<Document>, String> {
    let mut docs = match unit.format {
        Format::Email => email::parse(&unit.bytes)?,
        Format::Foia => foia::parse(&decode_text(&unit.bytes), &unit.bytes)?,
        Format::Text => text::parse(&decode_text(&unit.bytes), &unit.bytes)?,
        Format::Html => html::parse(&decode_text(&unit.bytes), &unit.bytes)?,
        Format::Pdf => pdf::parse(&unit.bytes)?,
        Format::CsvRow | Format::JsonRow => table::parse_row(unit, mapping)?,
        Format::Mbox | Format::Csv | Format::Jsonl => {
            return Err("internal: container formats are split before parsing".into());
        }
    };
    if let Some(f) = &unit.folder {
        for d in &mut docs {
            if d.folder.is_none() {
                d.folder = Some(f.to_string());
            }
        }
    }
    Ok(docs)
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
pub(crate) fn finish(mut d: Document, text: &str, id_bytes: &[u8], part: &str) -> Document {
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
    d.raw_sha256 = crate::model::sha256_hex(id_bytes);
    d.id = crate::model::doc_id(id_bytes, part);
    d
}
