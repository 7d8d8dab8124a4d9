//! PDF documents with a text layer, via the `pdf-extract` crate (built on `lopdf`).
//! A PDF without a text layer is reported, not dropped. A FOIA release PDF is read
//! as FOIA text.

use crate::model::{DocKind, Document};
use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// Set while the PDF extractor runs: its panics are caught and reported as a
    /// failed file, so the panic message must not be printed as well.
    static IN_EXTRACTOR: Cell<bool> = const { Cell::new(false) };
}

/// Install (once) a panic hook that stays silent for panics inside the PDF
/// extractor and defers to the previous hook for everything else.
fn quiet_extractor_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_EXTRACTOR.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Extract the text layer of a PDF. The extractor is guarded: a PDF that makes
/// it panic is reported as unreadable.
pub fn extract_text(bytes: &[u8]) -> Result<String, String> {
    quiet_extractor_panics();
    let owned = bytes.to_vec();
    IN_EXTRACTOR.with(|f| f.set(true));
    let result = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&owned));
    IN_EXTRACTOR.with(|f| f.set(false));
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
    let mut docs = super::text::parse_release_or_text(&text, bytes)?;
    for d in &mut docs {
        if d.kind != Some(DocKind::Foia) {
            d.kind = Some(DocKind::Pdf);
        }
    }
    Ok(docs)
}
