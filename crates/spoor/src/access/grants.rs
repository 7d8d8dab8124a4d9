//! Roles per collection, and what a caller may read.
//!
//! A grant gives one user one [`Role`] in one collection. Administrators (and
//! the local CLI) have every role everywhere; a disabled or unknown user has
//! none.

use super::audit::{self, Action, AuditEvent};
use super::error::{AccessError, Result};
use super::store::{self, GRANTS, USERS};
use super::{Access, Caller, collection_name, users};
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// Longest collection name a grant may name.
const MAX_COLLECTION: usize = 200;

/// A user's role in a collection; each role can do what the ones before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Search, read and check the collection's documents.
    Viewer,
    /// And change them (ingest into the collection, edit aliases).
    Editor,
    /// And grant and revoke roles in the collection.
    Owner,
}

impl Role {
    /// The role's name: `viewer`, `editor` or `owner`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Owner => "owner",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Role {
    type Err = AccessError;
    fn from_str(s: &str) -> Result<Role> {
        [Role::Viewer, Role::Editor, Role::Owner]
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| AccessError::BadRole(s.to_string()))
    }
}

/// The collections a caller may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readable {
    /// Every collection (the local CLI, administrators).
    All,
    /// These collections only (possibly none).
    Only(BTreeSet<String>),
}

impl Default for Readable {
    /// Everything: what the local CLI reads.
    fn default() -> Self {
        Readable::All
    }
}

impl Readable {
    /// Whether documents of `collection` may be read (an empty name is
    /// [`super::DEFAULT_COLLECTION`]).
    pub fn allows(&self, collection: &str) -> bool {
        match self {
            Readable::All => true,
            Readable::Only(set) => set.contains(collection_name(collection)),
        }
    }
}

/// The grants of `user`: collection → role.
pub(super) fn load(
    t: &impl ReadableTable<&'static str, &'static [u8]>,
    user: &str,
) -> Result<BTreeMap<String, Role>> {
    match t.get(user)? {
        Some(v) => store::decode(v.value()),
        None => Ok(BTreeMap::new()),
    }
}

/// Store the grants of `user` (removing the entry when there are none).
fn save(txn: &WriteTransaction, user: &str, g: &BTreeMap<String, Role>) -> Result<()> {
    let mut t = txn.open_table(GRANTS)?;
    if g.is_empty() {
        t.remove(user)?;
    } else {
        t.insert(user, store::encode(g)?.as_slice())?;
    }
    Ok(())
}

/// A collection name as granted: `default` for an empty one; bounded, no control characters.
fn check_collection(c: &str) -> Result<&str> {
    let c = collection_name(c);
    if c.chars().count() > MAX_COLLECTION || c.chars().any(char::is_control) {
        return Err(AccessError::BadName(format!(
            "collection name {c:?}: at most {MAX_COLLECTION} characters, no control characters"
        )));
    }
    Ok(c)
}

impl Access {
    /// What `caller` may read.
    pub fn readable_collections(&self, caller: &Caller) -> Result<Readable> {
        let Some(name) = caller.user() else {
            return Ok(Readable::All);
        };
        let txn = self.store.read()?;
        match users::load(&txn.open_table(USERS)?, name)? {
            Some(u) if u.disabled => Ok(Readable::Only(BTreeSet::new())),
            Some(u) if u.admin => Ok(Readable::All),
            Some(_) => {
                let g = load(&txn.open_table(GRANTS)?, name)?;
                Ok(Readable::Only(g.into_keys().collect()))
            }
            None => Ok(Readable::Only(BTreeSet::new())),
        }
    }

    /// The caller's role in `collection`: [`Role::Owner`] for the local CLI and
    /// administrators, `None` for a disabled or unknown user.
    pub fn role(&self, caller: &Caller, collection: &str) -> Result<Option<Role>> {
        let Some(name) = caller.user() else {
            return Ok(Some(Role::Owner));
        };
        let txn = self.store.read()?;
        match users::load(&txn.open_table(USERS)?, name)? {
            Some(u) if u.disabled => Ok(None),
            Some(u) if u.admin => Ok(Some(Role::Owner)),
            Some(_) => {
                let g = load(&txn.open_table(GRANTS)?, name)?;
                Ok(g.get(collection_name(collection)).copied())
            }
            None => Ok(None),
        }
    }

    /// Give `user` `role` in `collection`, replacing any role it had there
    /// (administrators, or an owner of the collection).
    pub fn grant(&self, caller: &Caller, user: &str, collection: &str, role: Role) -> Result<()> {
        let c = check_collection(collection)?;
        self.require_owner(caller, c)?;
        let target = format!("{user} {c} {role}");
        self.change_grants(caller, user, Action::Grant, &target, |g| {
            g.insert(c.to_string(), role);
        })
    }

    /// Take away `user`'s role in `collection` (administrators, or an owner of
    /// the collection); whether it had one.
    pub fn revoke(&self, caller: &Caller, user: &str, collection: &str) -> Result<bool> {
        let c = check_collection(collection)?;
        self.require_owner(caller, c)?;
        let mut had = false;
        self.change_grants(caller, user, Action::Revoke, &format!("{user} {c}"), |g| {
            had = g.remove(c).is_some();
        })?;
        Ok(had)
    }

    /// Refuse unless the caller owns `collection`.
    fn require_owner(&self, caller: &Caller, collection: &str) -> Result<()> {
        if self.role(caller, collection)? == Some(Role::Owner) {
            Ok(())
        } else {
            Err(AccessError::Forbidden(format!(
                "granting in {collection} needs an owner of it or an administrator"
            )))
        }
    }

    /// Change a user's grants and record it, in one transaction.
    fn change_grants(
        &self,
        caller: &Caller,
        user: &str,
        action: Action,
        target: &str,
        change: impl FnOnce(&mut BTreeMap<String, Role>),
    ) -> Result<()> {
        let now = self.now();
        let txn = self.store.write()?;
        if users::load(&txn.open_table(USERS)?, user)?.is_none() {
            return Err(AccessError::NoSuchUser(user.to_string()));
        }
        let mut g = load(&txn.open_table(GRANTS)?, user)?;
        change(&mut g);
        save(&txn, user, &g)?;
        audit::append(&txn, AuditEvent::new(now, caller, action, target))?;
        txn.commit()?;
        Ok(())
    }
}
