//! Why a reader could not read a file or a unit of one. The text of each is the
//! one sentence an ingest report gives for the file (`failed[].error`).

use super::walk::MAX_FILE_BYTES;

/// Why a file, or a unit of it, could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// Binary data of no format spoor reads.
    #[error(
        "binary data, not a format spoor reads (mbox, Maildir, .eml, FOIA text, PDF, CSV, JSON Lines, HTML)"
    )]
    Binary,
    /// The file could not be opened or read; `doing` says at which step.
    #[error("{doing}: {error}")]
    Io {
        /// "cannot open", "cannot read", "read error in mbox"…
        doing: &'static str,
        /// Why.
        error: std::io::Error,
    },
    /// A file larger than spoor reads whole.
    #[error(
        "the file is {size} bytes; at most {} are read whole (only an mbox is streamed)",
        MAX_FILE_BYTES
    )]
    FileTooLarge {
        /// Its size in bytes.
        size: u64,
    },
    /// An e-mail message larger than spoor reads.
    #[error("an e-mail message of {size} bytes; at most {max} are read")]
    MessageTooLarge {
        /// Its size in bytes.
        size: usize,
        /// The bound.
        max: usize,
    },
    /// An e-mail message with more header fields than spoor reads.
    #[error("an e-mail message with more than {max} header fields")]
    TooManyHeaders {
        /// The bound.
        max: usize,
    },
    /// An e-mail message with more MIME parts than spoor reads.
    #[error("an e-mail message of {parts} MIME parts; at most {max} are read")]
    TooManyParts {
        /// How many it has.
        parts: usize,
        /// The bound.
        max: usize,
    },
    /// Not an e-mail message spoor can read; `why` says what failed.
    #[error("not a readable e-mail message ({why})")]
    NotMail {
        /// "no headers found", "the MIME parser failed on its structure".
        why: &'static str,
    },
    /// A cable without its reference id.
    #[error("no cable reference id found")]
    NoCableId,
    /// A text file without text.
    #[error("the file holds no text")]
    NoText,
    /// A web page without text.
    #[error("the HTML page shows no text")]
    NoPageText,
    /// A PDF without a text layer (a scan).
    #[error("no text layer; OCR not yet supported")]
    NoTextLayer,
    /// A PDF the reader failed on; the text says how.
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    /// The thread the PDF reader runs on could not be started.
    #[error("cannot start the PDF reader: {0}")]
    PdfThread(std::io::Error),
    /// A CSV file whose header row cannot be read.
    #[error("unreadable CSV header: {0}")]
    CsvHeader(csv::Error),
    /// A CSV file that cannot be cut into rows at `offset`.
    #[error("CSV error at byte {offset}: {error}")]
    Csv {
        /// Byte offset of the row.
        offset: usize,
        /// Why.
        error: csv::Error,
    },
    /// A CSV row that cannot be read.
    #[error("bad CSV row: {0}")]
    CsvRow(csv::Error),
    /// A JSON Lines line that is not JSON.
    #[error("line at byte {offset} is not JSON: {error}")]
    NotJson {
        /// Byte offset of the line.
        offset: u64,
        /// Why.
        error: serde_json::Error,
    },
    /// A table row that cannot be read for want of something, in words.
    #[error("{0}")]
    Row(&'static str),
    /// A table without a body column in its mapping.
    #[error("no body column: give --map body=COLUMN (and from=, to=, date=, subject=)")]
    NoBodyColumn,
    /// The mapping names a column the table lacks.
    #[error(
        "the mapping names the column {column:?}, which this table does not have (its columns: {})",
        columns.join(", ")
    )]
    MissingColumn {
        /// The column named.
        column: String,
        /// The table's columns.
        columns: Vec<String>,
    },
    /// A mapping item that is not `field=column`.
    #[error("mapping item '{0}' is not of the form field=column")]
    MappingItem(String),
    /// A mapping item whose field spoor does not know.
    #[error("unknown field '{field}' in the mapping; known fields: {}", known.join(", "))]
    UnknownField {
        /// The field.
        field: String,
        /// The fields spoor knows.
        known: &'static [&'static str],
    },
    /// A container format (mbox, CSV, JSON Lines) handed to a unit reader: a
    /// caller's mistake, as containers are split first.
    #[error("internal: container formats are split before parsing")]
    Container,
}
