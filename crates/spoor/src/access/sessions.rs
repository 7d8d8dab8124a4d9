//! Sessions of the web server: an id (32 random bytes, hex) that the server
//! puts in a cookie; the store keeps its SHA-256, its user and its expiry.

use super::error::{AccessError, Result};
use super::store::{self, SESSIONS, USERS};
use super::{Access, Caller, users};
use chrono::{DateTime, Duration, Utc};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Random bytes in a session id.
const SESSION_BYTES: usize = 32;

/// Longest lifetime of a session.
pub fn max_session() -> Duration {
    Duration::days(30)
}

/// A session as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SessionRecord {
    pub(super) user: String,
    pub(super) created_at: DateTime<Utc>,
    pub(super) expires_at: DateTime<Utc>,
}

/// A session just made: the id for the cookie, and when it ends.
pub struct NewSession {
    /// The session id (64 hex digits): for the cookie, never stored.
    pub id: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
}

impl fmt::Debug for NewSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewSession")
            .field("id", &"…")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Whether `id` has the form of a session id.
fn well_formed(id: &str) -> bool {
    id.len() == 2 * SESSION_BYTES && id.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Access {
    /// Start a session of `user` lasting `ttl` (at most [`max_session`]); the
    /// server calls this after [`Access::authenticate`].
    pub fn create_session(&self, user: &str, ttl: Duration) -> Result<NewSession> {
        if ttl <= Duration::zero() || ttl > max_session() {
            return Err(AccessError::Invalid(
                "a session lasts more than nothing and at most 30 days".into(),
            ));
        }
        let id = store::random_hex(SESSION_BYTES)?;
        let now = self.now();
        let rec = SessionRecord {
            user: user.to_string(),
            created_at: now,
            expires_at: now + ttl,
        };
        let txn = self.store.write()?;
        match users::load(&txn.open_table(USERS)?, user)? {
            Some(u) if !u.disabled => {}
            Some(_) => return Err(AccessError::Disabled(user.to_string())),
            None => return Err(AccessError::NoSuchUser(user.to_string())),
        }
        txn.open_table(SESSIONS)?.insert(
            store::secret_hash(&id).as_str(),
            store::encode(&rec)?.as_slice(),
        )?;
        txn.commit()?;
        Ok(NewSession {
            id,
            expires_at: rec.expires_at,
        })
    }

    /// The caller of a session; refused when unknown, expired, or its user disabled.
    pub fn session(&self, id: &str) -> Result<Caller> {
        if !well_formed(id) {
            return Err(AccessError::SessionRefused);
        }
        let txn = self.store.read()?;
        let rec: SessionRecord = match txn
            .open_table(SESSIONS)?
            .get(store::secret_hash(id).as_str())?
        {
            Some(v) => store::decode(v.value())?,
            None => return Err(AccessError::SessionRefused),
        };
        if self.now() >= rec.expires_at {
            return Err(AccessError::SessionRefused);
        }
        match users::load(&txn.open_table(USERS)?, &rec.user)? {
            Some(u) if !u.disabled => Ok(Caller::User(rec.user)),
            _ => Err(AccessError::SessionRefused),
        }
    }

    /// End a session (logout); whether there was one.
    pub fn delete_session(&self, id: &str) -> Result<bool> {
        if !well_formed(id) {
            return Ok(false);
        }
        let txn = self.store.write()?;
        let had = txn
            .open_table(SESSIONS)?
            .remove(store::secret_hash(id).as_str())?
            .is_some();
        txn.commit()?;
        Ok(had)
    }

    /// Remove expired sessions; how many.
    pub fn purge_sessions(&self) -> Result<usize> {
        let now = self.now();
        let txn = self.store.write()?;
        let mut gone = Vec::new();
        {
            let mut t = txn.open_table(SESSIONS)?;
            for e in t.iter()? {
                let (k, v) = e?;
                let rec: SessionRecord = store::decode(v.value())?;
                if now >= rec.expires_at {
                    gone.push(k.value().to_string());
                }
            }
            for k in &gone {
                t.remove(k.as_str())?;
            }
        }
        txn.commit()?;
        Ok(gone.len())
    }
}
