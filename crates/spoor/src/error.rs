//! Typed errors of the spoor library.
//!
//! The catalog, index and JSON variants keep the error they come from, typed
//! ([`CatalogError`], [`IndexError`], [`serde_json::Error`]): match the variant
//! to tell a lock from damage or a full disk. Their text already carries the
//! underlying error's words, so they do not also hand it on as
//! [`std::error::Error::source`]: a front end that prints an error with its
//! chain of sources (as the CLI does) would say it twice.

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
    Catalog(CatalogError),
    /// A record, the alias cache or another JSON file could not be written or read.
    #[error("archive catalog error: {0}")]
    Json(serde_json::Error),
    /// The search index failed.
    #[error("search index error: {0}")]
    Index(IndexError),
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

/// What went wrong in the catalog.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The database could not be opened or created.
    #[error(transparent)]
    Database(#[from] redb::DatabaseError),
    /// A transaction could not begin.
    #[error(transparent)]
    Transaction(#[from] redb::TransactionError),
    /// A table could not be opened.
    #[error(transparent)]
    Table(#[from] redb::TableError),
    /// The storage beneath failed (I/O, a damaged page).
    #[error(transparent)]
    Storage(#[from] redb::StorageError),
    /// A transaction could not be committed.
    #[error(transparent)]
    Commit(#[from] redb::CommitError),
    /// Compaction failed.
    #[error(transparent)]
    Compaction(#[from] redb::CompactionError),
    /// The catalog file at `path` could not be opened.
    #[error("{}: {error}", path.display())]
    Open {
        /// The catalog file.
        path: PathBuf,
        /// Why.
        error: redb::DatabaseError,
    },
    /// A stored record or original could not be decompressed.
    #[error("corrupt stored record: {0}")]
    Corrupt(std::io::Error),
    /// What the catalog found wrong, in words: damage, a lock another process
    /// holds, a handle opened read-only.
    #[error("{0}")]
    Other(String),
}

/// What went wrong in the search index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Tantivy failed.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    /// Tantivy's query parser failed.
    #[error(transparent)]
    QueryParser(#[from] tantivy::query::QueryParserError),
    /// The index directory could not be opened.
    #[error(transparent)]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    /// The index directory `dir` could not be opened for reading.
    #[error("{}: {error}", dir.display())]
    Open {
        /// The index directory.
        dir: PathBuf,
        /// Why.
        error: tantivy::directory::error::OpenDirectoryError,
    },
    /// A column of the index could not be read.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The index cannot be opened; it is derived data, rebuilt by `spoor reindex`.
    #[error(
        "the search index cannot be opened ({0}); it is rebuilt from the catalog by `spoor reindex`"
    )]
    Unopenable(Box<IndexError>),
    /// What the index found wrong, in words.
    #[error("{0}")]
    Other(String),
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
    /// Shortcut for a catalog error said in words.
    pub(crate) fn catalog(message: impl Into<String>) -> Self {
        Error::Catalog(CatalogError::Other(message.into()))
    }
    /// Shortcut for an index error said in words.
    pub(crate) fn index(message: impl Into<String>) -> Self {
        Error::Index(IndexError::Other(message.into()))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

macro_rules! impl_from {
    ($variant:ident: $($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self { Error::$variant(e.into()) }
        }
    )*};
}
impl_from!(Catalog: redb::DatabaseError, redb::TransactionError, redb::TableError, redb::StorageError, redb::CommitError, redb::CompactionError);
impl_from!(Index: tantivy::TantivyError, tantivy::query::QueryParserError, tantivy::directory::error::OpenDirectoryError);
