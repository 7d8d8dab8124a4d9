//! PDF documents with a text layer, via the `pdf-extract` crate (built on `lopdf`).
//! A PDF without a text layer is reported, not dropped. A FOIA release PDF is read
//! as FOIA text.

use crate::model::{DocKind, Document};

/// Extract the text layer of a PDF. The extractor is guarded: a PDF that makes
/// it panic is reported as unreadable.
pub fn extract_text(bytes: &[u8]) -> Result<String, String> {
    let owned = bytes.to_vec();
    let result = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&owned));
    match result {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(format!("unreadable PDF: {e}")),
        Err(_) => Err("unreadable PDF: the PDF reader failed on its structure".into()),
    }
}

/// Parse a PDF into documents.
pub fn parse(bytes: &[u8]) -> Result<Vec<Document>, String> {
    let text = extract_text(bytes)?;
    if text.split_whitespace().count() < 3 {
        return Err("no text layer; OCR not yet supported".into());
    }
    let mut docs = if super::detect::looks_like_foia(&text) {
        super::foia::parse(&text, bytes)?
    } else {
        super::text::parse(&text, bytes)?
    };
    for d in &mut docs {
        if d.kind != Some(DocKind::Foia) {
            d.kind = Some(DocKind::Pdf);
        }
    }
    Ok(docs)
}
