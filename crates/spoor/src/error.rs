//! Typed errors of the spoor library.

use std::path::PathBuf;

/// Everything that can go wrong inside the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file was read but its content is not usable.
    #[error("{path}: {reason}")]
    BadInput {
        /// The file.
        path: PathBuf,
        /// A sentence saying what is wrong.
        reason: String,
    },
    /// The catalog (embedded database) failed.
    #[error("archive catalog error: {0}")]
    Catalog(String),
    /// The search index failed.
    #[error("search index error: {0}")]
    Index(String),
    /// A search query could not be understood.
    #[error("cannot understand the query: {0}")]
    Query(String),
    /// A document id was not found.
    #[error("no document with id {0} in this archive")]
    NotFound(String),
    /// A column mapping or other option is wrong.
    #[error("{0}")]
    Usage(String),
    /// Accounts and access (`access.redb`).
    #[error(transparent)]
    Access(#[from] crate::access::AccessError),
}

/// Library result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Shortcut for a bad-input error.
    pub fn bad(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            reason: reason.into(),
        }
    }
    /// Shortcut for an I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

macro_rules! impl_from {
    ($variant:ident: $($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self { Error::$variant(e.to_string()) }
        }
    )*};
}
impl_from!(Catalog: redb::DatabaseError, redb::TransactionError, redb::TableError, redb::StorageError, redb::CommitError, serde_json::Error);
impl_from!(Index: tantivy::TantivyError, tantivy::query::QueryParserError, tantivy::directory::error::OpenDirectoryError);
