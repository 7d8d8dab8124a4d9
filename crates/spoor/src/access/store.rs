//! `access.redb`: the accounts store of an archive, beside (not inside) the
//! catalog, so that the catalog stays the documents' truth and an archive can
//! be copied or published without its accounts.
//!
//! Tables (values are JSON, so that a record can gain fields):
//!
//! | table | key | value |
//! | --- | --- | --- |
//! | `users` | user name | `{name, phc, admin, disabled, created_at}` |
//! | `grants` | user name | `{collection: role, …}` |
//! | `tokens` | SHA-256 (hex) of the token | `{name, user, created_at, expires_at, revoked_at}` |
//! | `token_names` | token name | SHA-256 (hex) of its current token |
//! | `sessions` | SHA-256 (hex) of the session id | `{user, created_at, expires_at}` |
//! | `audit` | sequence number (u64, from 1) | one audit event |
//! | `meta` | `format` | store format version |
//!
//! The database is opened in redb's multi-writer mode: a running server and an
//! administrator's `spoor user …` may both hold it open and write; their write
//! transactions take turns.

use super::error::{AccessError, Result};
use redb::{
    ConcurrencyMode, Database, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition,
    WriteTransaction,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The file name of the store inside an archive directory.
pub const FILE_NAME: &str = "access.redb";

pub(super) const USERS: TableDefinition<&str, &[u8]> = TableDefinition::new("users");
pub(super) const GRANTS: TableDefinition<&str, &[u8]> = TableDefinition::new("grants");
pub(super) const TOKENS: TableDefinition<&str, &[u8]> = TableDefinition::new("tokens");
pub(super) const TOKEN_NAMES: TableDefinition<&str, &str> = TableDefinition::new("token_names");
pub(super) const SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
pub(super) const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// Version of the tables' layout, written in `meta`.
const FORMAT: u64 = 1;

/// Page cache: the store holds a few hundred small records and the audit log.
const CACHE_BYTES: usize = 8 << 20;

/// An open `access.redb`.
pub(super) struct Store {
    db: Database,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({})", self.path.display())
    }
}

impl Store {
    /// Open, creating the file and its tables if needed.
    pub(super) fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| AccessError::Store(format!("{}: {e}", dir.display())))?;
        let path = dir.join(FILE_NAME);
        let db = Database::builder()
            .set_cache_size(CACHE_BYTES)
            .set_concurrency_mode(ConcurrencyMode::MultiWriter)
            .create(&path)
            .map_err(|e| AccessError::Store(format!("{}: {e}", path.display())))?;
        let store = Store { db, path };
        store.create_tables()?;
        Ok(store)
    }

    fn create_tables(&self) -> Result<()> {
        let txn = self.write()?;
        {
            txn.open_table(USERS)?;
            txn.open_table(GRANTS)?;
            txn.open_table(TOKENS)?;
            txn.open_table(TOKEN_NAMES)?;
            txn.open_table(SESSIONS)?;
            txn.open_table(AUDIT)?;
            let mut meta = txn.open_table(META)?;
            let found = meta.get("format")?.map(|v| v.value());
            match found {
                None => {
                    meta.insert("format", FORMAT)?;
                }
                Some(FORMAT) => {}
                Some(v) => {
                    return Err(AccessError::Store(format!(
                        "{} has format {v}; this spoor reads format {FORMAT}",
                        self.path.display()
                    )));
                }
            }
        }
        txn.commit()?;
        Ok(())
    }

    /// A read transaction.
    pub(super) fn read(&self) -> Result<ReadTransaction> {
        Ok(self.db.begin_read()?)
    }

    /// A write transaction (waits while another process writes).
    pub(super) fn write(&self) -> Result<WriteTransaction> {
        Ok(self.db.begin_write()?)
    }
}

/// A record as stored.
pub(super) fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(v)?)
}

/// A stored record.
pub(super) fn decode<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    Ok(serde_json::from_slice(b)?)
}

/// SHA-256 of a secret (token, session id), hex: what the store keeps of it.
/// A plain hash suffices: the secrets are 32 random bytes, beyond guessing, so
/// a slow hash would add nothing but latency to every request.
pub(super) fn secret_hash(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// `n` random bytes from the operating system, hex.
pub(super) fn random_hex(n: usize) -> Result<String> {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).map_err(|e| AccessError::Random(e.to_string()))?;
    Ok(hex::encode(b))
}
