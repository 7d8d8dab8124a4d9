//! Compression of stored originals and records (zstd).

use crate::error::{Error, Result};

const LEVEL: i32 = 3;

/// Compress bytes.
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    // Compressing into memory cannot fail except on allocation failure.
    zstd::bulk::compress(bytes, LEVEL).unwrap_or_else(|_| bytes.to_vec())
}

/// Decompress bytes written by [`compress`].
pub fn decompress(bytes: &[u8]) -> Result<Vec<u8>> {
    zstd::stream::decode_all(bytes)
        .map_err(|e| Error::Catalog(format!("corrupt stored record: {e}")))
}
