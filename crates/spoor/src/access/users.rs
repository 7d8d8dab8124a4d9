//! Users: a name, an argon2id password hash (PHC string), an admin flag and a
//! disabled flag.

use super::audit::{self, Action, ActorKind, AuditEvent};
use super::error::{AccessError, Result};
use super::grants::{self, Role};
use super::store::{self, GRANTS, SESSIONS, USERS};
use super::{Access, Caller, check_name};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Utc};
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Fewest characters of a password.
pub const MIN_PASSWORD: usize = 10;
/// Most characters of a password (argon2 hashes any length; this bounds the work).
pub const MAX_PASSWORD: usize = 1024;

/// A user as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct UserRecord {
    pub(super) name: String,
    /// argon2id PHC string: `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`.
    pub(super) phc: String,
    pub(super) admin: bool,
    pub(super) disabled: bool,
    pub(super) created_at: DateTime<Utc>,
}

/// A user as shown: never with the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The login name.
    pub name: String,
    /// Administrators read every collection and manage users, grants and tokens.
    pub admin: bool,
    /// A disabled user cannot log in, and its sessions and tokens are refused.
    pub disabled: bool,
    /// When the user was added.
    pub created_at: DateTime<Utc>,
    /// Role per collection.
    pub grants: BTreeMap<String, Role>,
}

/// Hash a password with argon2id (RFC 9106) and the `argon2` crate's defaults,
/// which are OWASP's: 19 MiB of memory, 2 passes, 1 lane; a 16-byte random
/// salt. The PHC string carries the parameters, so they can be raised later
/// without breaking stored hashes.
pub fn hash_password(password: &str) -> Result<String> {
    check_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AccessError::Hash(e.to_string()))
}

/// Whether `password` matches the PHC string `phc` (false for a malformed one).
pub fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Refuse a password shorter than [`MIN_PASSWORD`] or longer than [`MAX_PASSWORD`] characters.
pub fn check_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if (MIN_PASSWORD..=MAX_PASSWORD).contains(&n) {
        Ok(())
    } else {
        Err(AccessError::PasswordLength {
            min: MIN_PASSWORD,
            max: MAX_PASSWORD,
        })
    }
}

/// A hash to verify against when the user does not exist, so that a login
/// takes as long for an unknown name as for a wrong password.
fn dummy_hash() -> Option<&'static str> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    DUMMY
        .get_or_init(|| hash_password("not a password of anyone").ok())
        .as_deref()
}

/// The stored record of `name`.
pub(super) fn load(
    t: &impl ReadableTable<&'static str, &'static [u8]>,
    name: &str,
) -> Result<Option<UserRecord>> {
    match t.get(name)? {
        Some(v) => Ok(Some(store::decode(v.value())?)),
        None => Ok(None),
    }
}

/// Replace the stored record of a user.
fn save(txn: &WriteTransaction, rec: &UserRecord) -> Result<()> {
    txn.open_table(USERS)?
        .insert(rec.name.as_str(), store::encode(rec)?.as_slice())?;
    Ok(())
}

/// End every session of `name` (after a password change or when disabled).
fn end_sessions(txn: &WriteTransaction, name: &str) -> Result<()> {
    let mut t = txn.open_table(SESSIONS)?;
    let mut gone = Vec::new();
    for e in t.iter()? {
        let (k, v) = e?;
        let s: super::sessions::SessionRecord = store::decode(v.value())?;
        if s.user == name {
            gone.push(k.value().to_string());
        }
    }
    for k in gone {
        t.remove(k.as_str())?;
    }
    Ok(())
}

impl Access {
    /// The user `name`, if there is one (no permission check: for the server's
    /// own use, such as showing who is logged in).
    pub fn user(&self, name: &str) -> Result<Option<User>> {
        let txn = self.store.read()?;
        let Some(rec) = load(&txn.open_table(USERS)?, name)? else {
            return Ok(None);
        };
        let grants = grants::load(&txn.open_table(GRANTS)?, name)?;
        Ok(Some(shown(rec, grants)))
    }

    /// Every user, by name (administrators only).
    pub fn users(&self, caller: &Caller) -> Result<Vec<User>> {
        self.require_admin(caller, "listing users")?;
        let txn = self.store.read()?;
        let grants_t = txn.open_table(GRANTS)?;
        let mut out = Vec::new();
        for e in txn.open_table(USERS)?.iter()? {
            let (_, v) = e?;
            let rec: UserRecord = store::decode(v.value())?;
            let g = grants::load(&grants_t, &rec.name)?;
            out.push(shown(rec, g));
        }
        Ok(out)
    }

    /// Add a user (administrators only).
    pub fn add_user(
        &self,
        caller: &Caller,
        name: &str,
        password: &str,
        admin: bool,
    ) -> Result<User> {
        self.require_admin(caller, "adding a user")?;
        check_name("user", name)?;
        let phc = hash_password(password)?;
        let now = self.now();
        let rec = UserRecord {
            name: name.to_string(),
            phc,
            admin,
            disabled: false,
            created_at: now,
        };
        let txn = self.store.write()?;
        if load(&txn.open_table(USERS)?, name)?.is_some() {
            return Err(AccessError::UserExists(name.to_string()));
        }
        save(&txn, &rec)?;
        let target = if admin {
            format!("{name} (admin)")
        } else {
            name.to_string()
        };
        audit::append(&txn, AuditEvent::new(now, caller, Action::UserAdd, &target))?;
        txn.commit()?;
        Ok(shown(rec, BTreeMap::new()))
    }

    /// Set a user's password (administrators, or the user itself); ends the user's sessions.
    pub fn set_password(&self, caller: &Caller, name: &str, password: &str) -> Result<()> {
        if caller != &Caller::User(name.to_string()) {
            self.require_admin(caller, "setting another user's password")?;
        }
        let phc = hash_password(password)?;
        self.change_user(caller, name, Action::UserPasswd, |rec| rec.phc = phc)
    }

    /// Disable or enable a user (administrators only); disabling ends its sessions.
    pub fn set_disabled(&self, caller: &Caller, name: &str, disabled: bool) -> Result<()> {
        self.require_admin(caller, "disabling or enabling a user")?;
        let action = if disabled {
            Action::UserDisable
        } else {
            Action::UserEnable
        };
        self.change_user(caller, name, action, |rec| rec.disabled = disabled)
    }

    /// Change a stored user, end its sessions and record it, in one transaction.
    fn change_user(
        &self,
        caller: &Caller,
        name: &str,
        action: Action,
        change: impl FnOnce(&mut UserRecord),
    ) -> Result<()> {
        let now = self.now();
        let txn = self.store.write()?;
        let mut rec = load(&txn.open_table(USERS)?, name)?
            .ok_or_else(|| AccessError::NoSuchUser(name.to_string()))?;
        change(&mut rec);
        save(&txn, &rec)?;
        if action != Action::UserEnable {
            end_sessions(&txn, name)?;
        }
        audit::append(&txn, AuditEvent::new(now, caller, action, name))?;
        txn.commit()?;
        Ok(())
    }

    /// Check a user name and password, recording `login` or `login_failed`
    /// (with the client's address when given). Unknown names and wrong
    /// passwords give the same error after the same work. The server asks its
    /// [`super::LoginLimiter`] first.
    pub fn authenticate(&self, name: &str, password: &str, client: Option<&str>) -> Result<User> {
        let found = self.user_record(name)?;
        let ok = match &found {
            Some(rec) => verify_password(password, &rec.phc),
            None => {
                if let Some(d) = dummy_hash() {
                    verify_password(password, d);
                }
                false
            }
        };
        let outcome = match found {
            Some(rec) if ok && !rec.disabled => Ok(rec),
            Some(rec) if ok => Err(AccessError::Disabled(rec.name)),
            _ => Err(AccessError::BadCredentials),
        };
        let caller = Caller::User(name.to_string());
        let (action, target) = match &outcome {
            Ok(_) => (Action::Login, String::new()),
            Err(e) => (Action::LoginFailed, e.to_string()),
        };
        let mut ev = AuditEvent::new(self.now(), &caller, action, &target);
        ev.client = client.map(str::to_string);
        if action == Action::LoginFailed {
            ev.by = ActorKind::Anonymous;
        }
        self.append_event(ev)?;
        let rec = outcome?;
        let grants = grants::load(&self.store.read()?.open_table(GRANTS)?, name)?;
        Ok(shown(rec, grants))
    }

    /// The stored record of `name`.
    pub(super) fn user_record(&self, name: &str) -> Result<Option<UserRecord>> {
        load(&self.store.read()?.open_table(USERS)?, name)
    }
}

/// A stored user as shown.
fn shown(rec: UserRecord, grants: BTreeMap<String, Role>) -> User {
    User {
        name: rec.name,
        admin: rec.admin,
        disabled: rec.disabled,
        created_at: rec.created_at,
        grants,
    }
}
