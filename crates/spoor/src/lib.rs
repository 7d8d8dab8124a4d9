//! spoor: archive, search and trace primary-source email collections.
//!
//! This is the API every front end calls, the `spoor` CLI and a server alike:
//! [`Archive`] opens an archive directory and ingests, searches, shows, threads
//! and counts; [`trace::check`] holds an article up against the archive;
//! [`report`] renders a check. Every result a front end prints as JSON is a
//! `Serialize` type here, whose JSON form is the contract in docs/FORMATS.md
//! ("Output contracts"): [`IngestReport`], [`SearchResults`], [`DocumentView`],
//! [`ThreadView`], [`Stats`], [`Verification`], [`trace::CheckReport`].
//!
//! The library prints nothing and reads no environment variables: what a front
//! end learns from its environment it hands over in options ([`FreeDict::in_dir`],
//! [`FreeDict::with_cache`], [`trace::CheckOptions::debug`]).
//!
//! Inside, the flow is one-way: files are read by the readers into
//! [`Document`]s, stored in the crash-safe catalog (the truth), and indexed by
//! the search index (derived, rebuildable).

#![warn(missing_docs)]

pub mod access;
mod archive;
mod error;
mod guard;
mod index;
mod ingest;
mod lang;
pub mod model;
mod normalize;
mod renditions;
pub mod report;
mod store;
mod thread;
pub mod trace;
mod util;

pub use archive::{
    Archive, DocumentView, FailedFile, Hit, IndexView, IngestOptions, IngestReport,
    MAX_HIGHLIGHTED_BYTES, Progress, Quiet, Rendition, SearchOptions, SearchResults, Stats,
    ThreadMessage, ThreadView,
};
pub use error::{CatalogError, Error, IndexError, Result};
pub use index::query::MAX_QUERY_BYTES;
pub use index::{MAX_LIMIT, MAX_OFFSET, SortBy};
pub use ingest::{Mapping, ReadError};
pub use lang::lexicon::{DICT_DIR, FreeDict, Translator};
pub use model::Document;
pub use normalize::parties::alias_pairs_from_csv;
pub use store::Verification;
pub use thread::ThreadEntry;

/// The readers and analysers that the fuzz targets (`fuzz/src/entry.rs`), the
/// reader tests (`tests/`) and the examples drive directly. Not a stable API:
/// front ends go through [`Archive`] and [`trace::check`].
#[doc(hidden)]
pub mod internals {
    /// The readers: a file cut into units, a unit read into documents.
    pub mod ingest {
        pub use crate::ingest::{
            Format, Mapping, ReadError, Unit, UnitRead, decode_text, parse_unit,
        };
        /// The streaming mbox reader.
        pub mod mbox {
            pub use crate::ingest::mbox::MboxReader;
        }
        /// CSV and JSON Lines cut into rows.
        pub mod table {
            pub use crate::ingest::table::{split_csv, split_jsonl};
        }
        /// Files found and cut into units.
        pub mod walk {
            pub use crate::ingest::walk::{InputFile, units_of};
        }
    }
    /// An article read from text or a saved page, cut into sentences.
    pub mod article {
        pub use crate::trace::article::{Article, from_text, read, sentences};
    }
    /// A sentence analysed into a claim.
    pub mod claims {
        pub use crate::trace::claims::{Claim, analyse, refine_names};
    }
    pub use crate::index::query::parse as parse_query;
    pub use crate::lang::detect;
    pub use crate::lang::lexicon::Lexicon;
    pub use crate::normalize::parse_date;
}
