//! PDF documents with a text layer, via the `pdf-extract` crate (built on `lopdf`).
//! A PDF without a text layer is reported, not dropped. A FOIA release PDF is read
//! as FOIA text.

use super::ReadError;
use crate::model::{DocKind, Document};

/// Extract the text layer of a PDF. The extractor is guarded: a PDF that makes
/// it panic is reported as unreadable.
pub fn extract_text(bytes: &[u8]) -> Result<String, ReadError> {
    let depth = nesting_depth(bytes);
    if depth > MAX_NESTING {
        return Err(ReadError::Pdf(format!(
            "its objects nest {depth} deep, more than the {MAX_NESTING} spoor reads"
        )));
    }
    let owned = bytes.to_vec();
    run_bounded(time_limit(bytes.len()), move || {
        // the reader looks up inherited page attributes by following /Parent
        // without a bound: a loop there made it spin for ever (found by fuzzing)
        if let Ok(doc) = pdf_extract::Document::load_mem(&owned)
            && let Some(e) = parent_chain_problem(&doc)
        {
            return Err(ReadError::Pdf(e));
        }
        pdf_extract::extract_text_from_mem(&owned).map_err(|e| ReadError::Pdf(e.to_string()))
    })
}

/// Run the reader on a thread of its own, guarded, for at most `limit`. It
/// recurses over the PDF's structure, so the thread has a large stack (room for
/// what the pre-scan cannot see, such as nesting inside compressed object
/// streams); a panic becomes an error, and so does a reader that runs too long.
fn run_bounded(
    limit: std::time::Duration,
    read: impl FnOnce() -> Result<String, ReadError> + Send + 'static,
) -> Result<String, ReadError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("pdf-extract".into())
        .stack_size(EXTRACTOR_STACK)
        .spawn(move || {
            // the receiver is gone when the time limit passed: nothing to tell
            let _ = tx.send(crate::guard::guarded(read));
        })
        .map_err(ReadError::PdfThread)?;
    match rx.recv_timeout(limit) {
        Ok(r) => {
            let _ = worker.join();
            r.unwrap_or_else(|| {
                Err(ReadError::Pdf(
                    "the PDF reader failed on its structure".into(),
                ))
            })
        }
        // a thread cannot be stopped from outside: the reader is left to end on
        // its own (or with the process), and the batch goes on without this file
        Err(_) => Err(ReadError::Pdf(format!(
            "the PDF reader did not finish within {} s",
            limit.as_secs_f32()
        ))),
    }
}

/// How long the PDF reader may take over one file: a minute, and ten seconds
/// more for each MiB (a 6.9 MB PDF of lopdf's test assets reads in 0.2 s here).
fn time_limit(len: usize) -> std::time::Duration {
    std::time::Duration::from_secs(60 + 10 * (len as u64 >> 20))
}

/// The longest chain of /Parent links read (real page trees are a few levels deep).
const MAX_PARENT_CHAIN: usize = 64;

/// What is wrong (in words, after "unreadable PDF: ") when some object's chain of /Parent links loops or runs longer than
/// [`MAX_PARENT_CHAIN`]: the reader follows that chain for inherited attributes
/// (resources, media box) with no bound of its own.
fn parent_chain_problem(doc: &pdf_extract::Document) -> Option<String> {
    for obj in doc.objects.values() {
        let Ok(mut dict) = obj.as_dict() else {
            continue;
        };
        let mut seen = Vec::new();
        while let Ok(id) = dict.get(b"Parent").and_then(|p| p.as_reference()) {
            if seen.contains(&id) {
                return Some(format!(
                    "its page tree loops (object {} {} is its own ancestor)",
                    id.0, id.1
                ));
            }
            if seen.len() >= MAX_PARENT_CHAIN {
                return Some(format!(
                    "its page tree is more than {MAX_PARENT_CHAIN} levels deep"
                ));
            }
            seen.push(id);
            match doc.get_dictionary(id) {
                Ok(d) => dict = d,
                Err(_) => break,
            }
        }
    }
    None
}

/// The deepest nesting of arrays (`[`) and dictionaries (`<<`) a PDF may have
/// outside its streams (real documents stay under 20).
const MAX_NESTING: usize = 256;
/// Stack of the PDF reader's thread (reserved, used only as deep as it goes).
const EXTRACTOR_STACK: usize = 256 << 20;

/// How deep arrays and dictionaries nest in a PDF's bytes, outside `stream …
/// endstream` and strings in parentheses: a pre-scan against inputs that would
/// make the recursive reader overflow its stack.
fn nesting_depth(b: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if b.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if b.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'(' => {
                // a literal string: skip to its closing parenthesis (escapes and nesting)
                let mut level = 1usize;
                i += 1;
                while i < b.len() && level > 0 {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => level -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            b's' if b[i..].starts_with(b"stream") && !b[..i].ends_with(b"end") => {
                match memchr::memmem::find(&b[i..], b"endstream") {
                    Some(k) => i += k + 9,
                    None => break,
                }
                continue;
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// Parse a PDF into documents.
pub fn parse(bytes: &[u8]) -> Result<Vec<Document>, ReadError> {
    let text = extract_text(bytes)?;
    if text.split_whitespace().count() < 3 {
        return Err(ReadError::NoTextLayer);
    }
    let mut docs = super::text::parse_release_or_text(&text, bytes)?;
    for d in &mut docs {
        if d.kind != Some(DocKind::Foia) {
            d.kind = Some(DocKind::Pdf);
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_the_reader_runs() {
        let mut pdf = b"%PDF-1.4\n1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 5000));
        pdf.extend(std::iter::repeat_n(b']', 5000));
        pdf.extend(b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        let err = extract_text(&pdf).unwrap_err();
        assert!(err.to_string().contains("nest 5000 deep"), "{err}");
        assert_eq!(
            nesting_depth(b"<< /A [1 2 (a[b) ] >> stream [[[[ endstream"),
            2
        );
    }

    #[test]
    fn a_reader_that_runs_too_long_fails_its_file_and_returns() {
        let limit = std::time::Duration::from_millis(200);
        let slow = run_bounded(limit, || {
            std::thread::sleep(std::time::Duration::from_secs(5));
            Ok("late".into())
        });
        assert!(
            slow.as_ref()
                .is_err_and(|e| e.to_string().contains("did not finish within 0.2 s")),
            "{slow:?}"
        );
        let panicking = run_bounded(limit, || panic!("reader bug"));
        assert!(panicking.is_err_and(|e| e.to_string().contains("failed on its structure")));
        assert_eq!(
            run_bounded(limit, || Ok("text".into())).ok(),
            Some("text".into())
        );
    }
}
