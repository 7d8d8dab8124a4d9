//! API tokens for scripts: `spoor_` and 64 hex digits (32 random bytes from the
//! operating system), shown once when made. The store keeps only the token's
//! SHA-256, its name, its user and its dates.

use super::audit::{self, Action, AuditEvent};
use super::error::{AccessError, Refusal, Result};
use super::store::{self, TOKEN_NAMES, TOKENS, USERS};
use super::{Access, Caller, check_name, users};
use chrono::{DateTime, Duration, Utc};
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What every token starts with, so that a leaked one is recognised (secret scanners, logs).
pub const TOKEN_PREFIX: &str = "spoor_";
/// Random bytes in a token.
const TOKEN_BYTES: usize = 32;
/// Longest lifetime of a token, in days.
pub const MAX_TOKEN_DAYS: u32 = 3650;

/// A token as stored and listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// Its name, unique among live tokens.
    pub name: String,
    /// The user it acts for.
    pub user: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenInfo {
    /// Whether it works at `now` (not revoked, not expired; its user aside).
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// A token just made: the secret, to show once, and what is stored of it.
pub struct NewToken {
    /// The token (`spoor_…`): shown once, never stored.
    pub secret: String,
    /// What is stored.
    pub info: TokenInfo,
}

impl fmt::Debug for NewToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewToken")
            .field("secret", &"…")
            .field("info", &self.info)
            .finish()
    }
}

/// The stored token named `name`: its hash and record.
fn by_name(txn: &WriteTransaction, name: &str) -> Result<Option<(String, TokenInfo)>> {
    let Some(hash) = txn
        .open_table(TOKEN_NAMES)?
        .get(name)?
        .map(|v| v.value().to_string())
    else {
        return Ok(None);
    };
    match txn.open_table(TOKENS)?.get(hash.as_str())? {
        Some(v) => Ok(Some((hash.clone(), store::decode(v.value())?))),
        None => Ok(None),
    }
}

/// Whether `s` has the form of a token (so that junk is refused before hashing).
fn well_formed(s: &str) -> bool {
    s.strip_prefix(TOKEN_PREFIX)
        .is_some_and(|h| h.len() == 2 * TOKEN_BYTES && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl Access {
    /// Make a token named `name` for `user`, valid `days` days (1 to
    /// [`MAX_TOKEN_DAYS`]); administrators, or a logged-in user for itself.
    /// A name can be used again once its token is revoked or expired.
    pub fn create_token(
        &self,
        caller: &Caller,
        name: &str,
        user: &str,
        days: u32,
    ) -> Result<NewToken> {
        if caller != &Caller::User(user.to_string()) {
            self.require_admin(caller, "making a token for another user")?;
        }
        check_name("token", name)?;
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(AccessError::Invalid(format!(
                "a token lasts 1 to {MAX_TOKEN_DAYS} days"
            )));
        }
        let secret = format!("{TOKEN_PREFIX}{}", store::random_hex(TOKEN_BYTES)?);
        let now = self.now();
        let info = TokenInfo {
            name: name.to_string(),
            user: user.to_string(),
            created_at: now,
            expires_at: now + Duration::days(i64::from(days)),
            revoked_at: None,
        };
        let txn = self.store.write()?;
        match users::load(&txn.open_table(USERS)?, user)? {
            Some(u) if !u.disabled => {}
            Some(_) => return Err(AccessError::Disabled(user.to_string())),
            None => return Err(AccessError::NoSuchUser(user.to_string())),
        }
        if by_name(&txn, name)?.is_some_and(|(_, old)| old.is_live(now)) {
            return Err(AccessError::TokenExists(name.to_string()));
        }
        let hash = store::secret_hash(&secret);
        txn.open_table(TOKENS)?
            .insert(hash.as_str(), store::encode(&info)?.as_slice())?;
        txn.open_table(TOKEN_NAMES)?.insert(name, hash.as_str())?;
        let target = format!("{name} for {user}, {days} days");
        audit::append(
            &txn,
            AuditEvent::new(now, caller, Action::TokenCreate, &target),
        )?;
        txn.commit()?;
        Ok(NewToken { secret, info })
    }

    /// Revoke the token named `name` (administrators, or its user). Revoking a
    /// revoked token changes nothing.
    pub fn revoke_token(&self, caller: &Caller, name: &str) -> Result<()> {
        let now = self.now();
        let txn = self.store.write()?;
        let (hash, mut info) =
            by_name(&txn, name)?.ok_or_else(|| AccessError::NoSuchToken(name.to_string()))?;
        if caller.user() != Some(info.user.as_str()) {
            self.require_admin(caller, "revoking another user's token")?;
        }
        if info.revoked_at.is_some() {
            return Ok(());
        }
        info.revoked_at = Some(now);
        txn.open_table(TOKENS)?
            .insert(hash.as_str(), store::encode(&info)?.as_slice())?;
        audit::append(
            &txn,
            AuditEvent::new(now, caller, Action::TokenRevoke, name),
        )?;
        txn.commit()?;
        Ok(())
    }

    /// Tokens, oldest first: all of them for administrators, a user's own otherwise.
    pub fn tokens(&self, caller: &Caller) -> Result<Vec<TokenInfo>> {
        let all = self.is_admin(caller)?;
        let txn = self.store.read()?;
        let mut out = Vec::new();
        for e in txn.open_table(TOKENS)?.iter()? {
            let (_, v) = e?;
            let info: TokenInfo = store::decode(v.value())?;
            if all || caller.user() == Some(info.user.as_str()) {
                out.push(info);
            }
        }
        out.sort_by(|a, b| (a.created_at, &a.name).cmp(&(b.created_at, &b.name)));
        Ok(out)
    }

    /// The caller a token stands for; refused when unknown, expired, revoked,
    /// or its user disabled or gone.
    pub fn token_caller(&self, secret: &str) -> Result<Caller> {
        let refuse = |r| Err(AccessError::TokenRefused(r));
        if !well_formed(secret) {
            return refuse(Refusal::Unknown);
        }
        let txn = self.store.read()?;
        let info: TokenInfo = match txn
            .open_table(TOKENS)?
            .get(store::secret_hash(secret).as_str())?
        {
            Some(v) => store::decode(v.value())?,
            None => return refuse(Refusal::Unknown),
        };
        if info.revoked_at.is_some() {
            return refuse(Refusal::Revoked);
        }
        if self.now() >= info.expires_at {
            return refuse(Refusal::Expired);
        }
        match users::load(&txn.open_table(USERS)?, &info.user)? {
            Some(u) if !u.disabled => Ok(Caller::Token {
                name: info.name,
                user: info.user,
            }),
            _ => refuse(Refusal::UserDisabled),
        }
    }
}
