//! Accounts and access, for `spoor serve`: users with argon2id password
//! hashes, roles per collection, API tokens, sessions, a login rate limiter
//! and an append-only audit log.
//!
//! Everything is kept in `access.redb` inside the archive directory (see
//! [`store`] for the tables), apart from the catalog.
//!
//! Who asks is a [`Caller`]: [`Caller::Local`] is whoever runs the CLI on the
//! archive directory (whoever can read the files can read everything, so it
//! may do everything); [`Caller::User`] and [`Caller::Token`] come from a
//! password login, a session or an API token. What a caller may read is
//! [`Access::readable_collections`]: the read paths filter documents with
//! [`Readable::allows`].
//!
//! Documents ingested without a collection (an empty collection name) belong
//! to the collection [`DEFAULT_COLLECTION`], `default`, which is also what
//! `spoor ingest` uses when no `--collection` is given.

pub mod audit;
pub mod clock;
pub mod error;
pub mod grants;
pub mod limiter;
pub mod sessions;
pub mod store;
pub mod tokens;
pub mod users;

#[cfg(test)]
mod tests;

pub use audit::{Action, ActorKind, AuditEvent, AuditFilter};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{AccessError, Refusal, Result};
pub use grants::{Readable, Role};
pub use limiter::{LimitPolicy, LoginLimiter};
pub use sessions::NewSession;
pub use tokens::{NewToken, TokenInfo};
pub use users::User;

use std::path::Path;
use std::sync::Arc;

/// The collection of documents that were given none.
pub const DEFAULT_COLLECTION: &str = "default";

/// The collection a document's collection field names: itself, or
/// [`DEFAULT_COLLECTION`] for an empty one.
pub fn collection_name(collection: &str) -> &str {
    if collection.is_empty() {
        DEFAULT_COLLECTION
    } else {
        collection
    }
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The local owner of the archive (the CLI): may read and administer everything.
    Local,
    /// A user, authenticated by password or session (the server builds this
    /// only after [`Access::authenticate`] or [`Access::session`]).
    User(String),
    /// A script holding an API token (built by [`Access::token_caller`]).
    Token {
        /// The token's name.
        name: String,
        /// The user the token acts for.
        user: String,
    },
}

impl Caller {
    /// The user a caller acts for; `None` for [`Caller::Local`].
    pub fn user(&self) -> Option<&str> {
        match self {
            Caller::Local => None,
            Caller::User(u) => Some(u),
            Caller::Token { user, .. } => Some(user),
        }
    }
}

/// The accounts store of one archive.
#[derive(Debug)]
pub struct Access {
    store: store::Store,
    clock: Arc<dyn Clock>,
    /// Audit events waiting for the next group commit ([`audit`]).
    pending: audit::Pending,
}

impl Access {
    /// Open the accounts store of the archive in `dir` (creating `access.redb`).
    pub fn open(dir: &Path) -> Result<Access> {
        Access::open_with_clock(dir, Arc::new(SystemClock))
    }

    /// Open with another clock (tests).
    pub fn open_with_clock(dir: &Path, clock: Arc<dyn Clock>) -> Result<Access> {
        Ok(Access {
            store: store::Store::open(dir)?,
            clock,
            pending: audit::Pending::default(),
        })
    }

    /// Now, by this store's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Refuse unless the caller is local or an enabled administrator.
    fn require_admin(&self, caller: &Caller, what: &str) -> Result<()> {
        if self.is_admin(caller)? {
            Ok(())
        } else {
            Err(AccessError::Forbidden(format!(
                "{what} needs an administrator"
            )))
        }
    }

    /// Whether the caller is local or an enabled administrator.
    fn is_admin(&self, caller: &Caller) -> Result<bool> {
        let Some(name) = caller.user() else {
            return Ok(true);
        };
        Ok(self.user(name)?.is_some_and(|u| u.admin && !u.disabled))
    }
}

/// Check a user or token name: 1 to 64 characters of `a-z 0-9 . _ -`,
/// starting with a letter or digit.
pub(crate) fn check_name(kind: &str, name: &str) -> Result<()> {
    let ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(AccessError::BadName(format!(
            "{kind} name {name:?}: use 1 to 64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
        )))
    }
}
