//! spoor: archive, search and trace primary-source email collections.
//!
//! The flow is one-way: files are read by [`ingest`] into [`model::Document`]s,
//! stored in the crash-safe [`store::Catalog`] (the truth), and indexed by
//! [`index::SearchIndex`] (derived, rebuildable). [`archive::Archive`] ties the
//! pieces together and is what front ends call. [`trace`] holds an article up
//! against the archive; [`report`] renders what it finds.

pub mod archive;
pub mod error;
mod guard;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod model;
pub mod normalize;
pub mod renditions;
pub mod report;
pub mod store;
pub mod thread;
pub mod trace;
mod util;

pub use archive::{Archive, IngestOptions, IngestReport, Progress};
pub use error::{Error, Result};
pub use model::Document;
