//! What the archive's calls take and give: options, progress, and the results
//! that front ends render (their JSON forms are the contracts of
//! docs/FORMATS.md, "Output contracts").

use crate::access::Readable;
use crate::index::SortBy;
use crate::ingest::Mapping;
use crate::model::{Document, Provenance};
use crate::thread::ThreadEntry;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Receives progress of long work. Implementations must be cheap.
pub trait Progress {
    /// Work begins: how many files and bytes.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// Files and bytes done so far, documents seen so far.
    fn update(&self, _files: u64, _bytes: u64, _documents: u64) {}
    /// A batch was committed to the catalog; `total` documents committed in this run.
    fn committed(&self, _total: u64) {}
    /// Work ends.
    fn finish(&self) {}
    /// Whether the one who asked for the work wants it stopped: an ingest asks
    /// before storing each batch and stops there, keeping what it committed.
    fn cancelled(&self) -> bool {
        false
    }
}

/// A progress sink that says nothing.
pub struct Quiet;
impl Progress for Quiet {}

/// Options of an ingest.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Collection name stamped on new documents.
    pub collection: String,
    /// Column mapping for CSV / JSON Lines.
    pub mapping: Option<Mapping>,
}

/// A file that failed, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct FailedFile {
    /// The file (and the message offset in an mbox).
    pub path: String,
    /// One sentence.
    pub error: String,
}

/// What an ingest did (the contract of `spoor ingest --format json` in
/// docs/FORMATS.md, "Output contracts").
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// New documents.
    pub added: u64,
    /// Documents already present, reached through another file (provenance added).
    pub duplicates: u64,
    /// Documents already present from this very file.
    pub unchanged: u64,
    /// Files (or messages) that could not be read.
    pub failed: Vec<FailedFile>,
    /// Files that were stored, but read in a plainer way than their format asks
    /// (a release text whose page stamp could not be read, stored as plain text).
    pub warnings: Vec<FailedFile>,
    /// Documents in the archive after the ingest.
    pub documents: u64,
    /// Files read.
    pub files: u64,
}

/// Options of a search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Page size.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order.
    pub sort: SortBy,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// List every rendition of a text as its own hit (by default a family of
    /// renditions is one hit).
    pub all_renditions: bool,
    /// The collections the caller may read: hits, totals, facet counts and
    /// rendition counts cover these only (every collection by default).
    pub readable: Readable,
    /// Count every matching document for the total. A page of candidates does
    /// not need it: without the count a relevance search skips whole blocks of
    /// postings that cannot reach the page (tantivy's block-max WAND), which
    /// keeps retrieval from growing with the archive. The total is then the
    /// number of hits returned.
    pub count: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            sort: SortBy::Relevance,
            snippet_chars: 200,
            all_renditions: false,
            readable: Readable::All,
            count: true,
        }
    }
}

/// One search hit (the contract of `spoor search --format json` in
/// docs/FORMATS.md, "Output contracts").
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Message-ID.
    pub message_id: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Sender as displayed.
    pub from: Option<String>,
    /// Recipients as displayed.
    pub to: Vec<String>,
    /// Date, RFC 3339 UTC.
    pub date: Option<String>,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// A fragment of the text around the matched words.
    pub snippet: String,
    /// Byte ranges of the matched words inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Collection.
    pub collection: String,
    /// How many renditions of this text the archive holds (1 when it is alone).
    pub renditions: usize,
}

/// A rendition of a text, as listed under a hit, a document or a source.
#[derive(Debug, Clone, Serialize)]
pub struct Rendition {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Date, RFC 3339 UTC.
    pub date: Option<String>,
    /// Whether it is the family's representative (the original rather than a copy).
    pub representative: bool,
}

impl Rendition {
    /// A document as listed among the renditions of its text.
    pub fn of(d: &Document, representative: bool) -> Rendition {
        Rendition {
            id: d.id.clone(),
            doc_no: d.doc_no.clone(),
            subject: d.subject.clone(),
            date: d
                .date
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            representative,
        }
    }
}

/// Results of a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Total matching documents.
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<BTreeMap<String, Vec<(String, u64)>>>,
}

/// Figures about an archive.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents in the catalog.
    pub documents: u64,
    /// Documents in the index.
    pub indexed: u64,
    /// Stored originals.
    pub originals: u64,
    /// Their compressed size.
    pub originals_bytes: u64,
    /// Size of the catalog file.
    pub catalog_bytes: u64,
    /// Size of the index directory.
    pub index_bytes: u64,
    /// Documents per collection, kind, language, year.
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
}

/// One document as `spoor show` gives it: the document, where it was read from,
/// and the renditions of its text (the contract of `spoor show --format json`
/// in docs/FORMATS.md, "Output contracts").
///
/// It serialises as the document's own fields with `provenance` and
/// `renditions` added, all object keys in sorted order.
#[derive(Debug, Clone)]
pub struct DocumentView {
    /// The document.
    pub document: Document,
    /// Every file (and offset) it was read from.
    pub provenance: Vec<Provenance>,
    /// Every document holding the same text, itself included, representative first.
    pub renditions: Vec<Rendition>,
}

impl Serialize for DocumentView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut v = json_tree::<_, S::Error>(&self.document)?;
        v["provenance"] = json_tree::<_, S::Error>(&self.provenance)?;
        v["renditions"] = json_tree::<_, S::Error>(&self.renditions)?;
        v.serialize(s)
    }
}

/// A value as a JSON tree (whose objects keep their keys sorted).
fn json_tree<T: Serialize, E: serde::ser::Error>(x: &T) -> Result<serde_json::Value, E> {
    serde_json::to_value(x).map_err(E::custom)
}

/// A thread as `spoor thread` gives it (the contract of `spoor thread --format
/// json` in docs/FORMATS.md, "Output contracts").
#[derive(Debug, Clone, Serialize)]
pub struct ThreadView {
    /// The messages in reply-tree order (parents before replies, by date).
    pub messages: Vec<ThreadMessage>,
}

/// One message of a thread. The fields are in the order of the contract's
/// bytes (alphabetical).
#[derive(Debug, Clone, Serialize)]
pub struct ThreadMessage {
    /// Date.
    pub date: Option<DateTime<Utc>>,
    /// Depth in the reply tree (0 for a root).
    pub depth: usize,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Sender as displayed.
    pub from: Option<String>,
    /// Document id.
    pub id: String,
    /// Subject.
    pub subject: Option<String>,
}

impl ThreadView {
    /// The view of a thread's entries.
    pub fn of(entries: &[ThreadEntry]) -> ThreadView {
        let messages = entries
            .iter()
            .map(|e| ThreadMessage {
                date: e.doc.date,
                depth: e.depth,
                doc_no: e.doc.doc_no.clone(),
                from: e.doc.from.as_ref().map(|p| p.display()),
                id: e.doc.id.clone(),
                subject: e.doc.subject.clone(),
            })
            .collect();
        ThreadView { messages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Party;

    fn doc() -> Document {
        Document {
            id: "d1".into(),
            subject: Some("Re: x".into()),
            from: Some(Party {
                name: Some("A".into()),
                address: Some("a@b.c".into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_thread_serialises_as_its_contract() {
        let view = ThreadView::of(&[ThreadEntry {
            depth: 1,
            doc: doc(),
        }]);
        assert_eq!(
            serde_json::to_string(&view).expect("json"),
            r#"{"messages":[{"date":null,"depth":1,"doc_no":null,"from":"A <a@b.c>","id":"d1","subject":"Re: x"}]}"#
        );
    }

    #[test]
    fn a_document_view_is_the_document_with_provenance_and_renditions_keys_sorted() {
        let view = DocumentView {
            document: doc(),
            provenance: Vec::new(),
            renditions: vec![Rendition::of(&doc(), true)],
        };
        let json = serde_json::to_string(&view).expect("json");
        assert!(json.starts_with(r#"{"attachments":[],"#), "{json}");
        assert!(
            json.contains(r#""provenance":[],"quoted":"#)
                && json.ends_with(r#""renditions":[{"date":null,"doc_no":null,"id":"d1","representative":true,"subject":"Re: x"}],"signature":"","subject":"Re: x","to":[]}"#),
            "{json}"
        );
    }
}
