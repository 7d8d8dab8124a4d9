//! Normalisation of what sources write in many ways: dates, parties, quoted text.

pub mod dates;
pub mod parties;
pub mod quotes;

pub use dates::parse_date;
pub use parties::{AliasTable, parse_parties, parse_party};
pub use quotes::split_body;
