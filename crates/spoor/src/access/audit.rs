//! The audit log: who did what, when, to what.
//!
//! It is a redb table in `access.redb` keyed by a sequence number. Why not an
//! append-only JSON Lines file: the server and an administrator's CLI write at
//! the same time, and an event must land together with the change it records
//! (a user added and its `user_add` event commit in one transaction, or
//! neither does). redb gives both: write transactions take turns across
//! processes, and each commit is fsynced and either whole or absent after a
//! crash, where a file needs its own locking and leaves torn last lines. Each
//! event's number is the last number plus one, read inside the write
//! transaction that adds it, so numbers grow strictly with commit order. This
//! module only ever inserts a number past the last one; nothing updates or
//! removes an event. (It is not proof against someone who can write the file:
//! that needs copies elsewhere.)

use super::error::{AccessError, Result};
use super::store::{self, AUDIT};
use super::{Access, Caller};
use chrono::{DateTime, Utc};
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

/// Most characters of an event's target kept (a longer query is cut).
pub const MAX_TARGET: usize = 1000;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A search (target: the query).
    Search,
    /// A document read (target: its id).
    Read,
    /// An original downloaded (target: the document id).
    Download,
    /// An article checked (target: its title or URL).
    Check,
    /// An export (target: what was exported).
    Export,
    /// A successful login.
    Login,
    /// A refused login (target: why).
    LoginFailed,
    /// A logout.
    Logout,
    /// A user added (target: the name).
    UserAdd,
    /// A password set (target: the user).
    UserPasswd,
    /// A user disabled.
    UserDisable,
    /// A user enabled again.
    UserEnable,
    /// A role granted (target: `user collection role`).
    Grant,
    /// A role taken away (target: `user collection`).
    Revoke,
    /// An API token created (target: `name for user, N days`).
    TokenCreate,
    /// An API token revoked (target: its name).
    TokenRevoke,
    /// An ingest job asked for or cancelled (target: the job, its collection
    /// and what it reads).
    Ingest,
}

impl Action {
    /// Every action, in the order above.
    pub const ALL: [Action; 17] = [
        Action::Search,
        Action::Read,
        Action::Download,
        Action::Check,
        Action::Export,
        Action::Login,
        Action::LoginFailed,
        Action::Logout,
        Action::UserAdd,
        Action::UserPasswd,
        Action::UserDisable,
        Action::UserEnable,
        Action::Grant,
        Action::Revoke,
        Action::TokenCreate,
        Action::TokenRevoke,
        Action::Ingest,
    ];

    /// The action's name, as in the JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Action::Search => "search",
            Action::Read => "read",
            Action::Download => "download",
            Action::Check => "check",
            Action::Export => "export",
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::Logout => "logout",
            Action::UserAdd => "user_add",
            Action::UserPasswd => "user_passwd",
            Action::UserDisable => "user_disable",
            Action::UserEnable => "user_enable",
            Action::Grant => "grant",
            Action::Revoke => "revoke",
            Action::TokenCreate => "token_create",
            Action::TokenRevoke => "token_revoke",
            Action::Ingest => "ingest",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Action {
    type Err = AccessError;
    fn from_str(s: &str) -> Result<Action> {
        Action::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| AccessError::BadAction(s.to_string()))
    }
}

/// What kind of caller acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// The CLI on the archive directory.
    Local,
    /// A logged-in user.
    User,
    /// A script with an API token.
    Token,
    /// Nobody known: a refused login (the name tried is in `user`).
    Anonymous,
}

/// One event of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Sequence number: 1 for the first event, then one more each.
    pub seq: u64,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who, in kind.
    pub by: ActorKind,
    /// The user acted as (or the name tried, for a refused login).
    pub user: Option<String>,
    /// The API token's name, when a token acted.
    pub token: Option<String>,
    /// What was done.
    pub action: Action,
    /// To what: a query, a document id, a user name (at most [`MAX_TARGET`] characters).
    pub target: String,
    /// The client's address, when the server knows it.
    pub client: Option<String>,
}

impl AuditEvent {
    /// An event by `caller` (its `seq` is given when it is appended).
    pub fn new(at: DateTime<Utc>, caller: &Caller, action: Action, target: &str) -> AuditEvent {
        let (by, user, token) = match caller {
            Caller::Local => (ActorKind::Local, None, None),
            Caller::User(u) => (ActorKind::User, Some(u.clone()), None),
            Caller::Token { name, user } => {
                (ActorKind::Token, Some(user.clone()), Some(name.clone()))
            }
        };
        AuditEvent {
            seq: 0,
            at,
            by,
            user,
            token,
            action,
            target: cut(target),
            client: None,
        }
    }
}

/// `s` cut to [`MAX_TARGET`] characters.
fn cut(s: &str) -> String {
    match s.char_indices().nth(MAX_TARGET) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only events of this user (as actor, or the name tried at a refused login).
    pub user: Option<String>,
    /// Only this action.
    pub action: Option<Action>,
    /// Only events at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only the last this many matching events.
    pub limit: Option<usize>,
}

impl AuditFilter {
    fn matches(&self, e: &AuditEvent) -> bool {
        self.user
            .as_ref()
            .is_none_or(|u| e.user.as_ref() == Some(u))
            && self.action.is_none_or(|a| e.action == a)
            && self.since.is_none_or(|t| e.at >= t)
    }
}

/// A time for [`AuditFilter::since`]: RFC 3339 (`2026-03-01T09:00:00Z`) or a
/// date (`2026-03-01`, midnight UTC).
pub fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| {
            AccessError::Invalid(format!(
                "{s:?} is not a date (YYYY-MM-DD) or an RFC 3339 time"
            ))
        })
}

/// Append an event inside a write transaction; its sequence number.
pub(super) fn append(txn: &WriteTransaction, mut ev: AuditEvent) -> Result<u64> {
    let mut t = txn.open_table(AUDIT)?;
    let last = t.last()?.map(|(k, _)| k.value()).unwrap_or(0);
    ev.seq = last + 1;
    t.insert(ev.seq, store::encode(&ev)?.as_slice())?;
    Ok(ev.seq)
}

/// Audit events queued for the next group commit.
#[derive(Debug, Default)]
pub(super) struct Pending {
    events: Mutex<Vec<(AuditEvent, Arc<OnceLock<u64>>)>>,
    /// Held by the thread that commits the queue.
    commit: Mutex<()>,
}

impl Pending {
    fn queue(&self, ev: AuditEvent, slot: Arc<OnceLock<u64>>) -> Result<()> {
        self.events
            .lock()
            .map_err(|_| AccessError::Store("the audit queue is poisoned".into()))?
            .push((ev, slot));
        Ok(())
    }

    fn take(&self) -> Result<Vec<(AuditEvent, Arc<OnceLock<u64>>)>> {
        Ok(std::mem::take(&mut *self.events.lock().map_err(|_| {
            AccessError::Store("the audit queue is poisoned".into())
        })?))
    }
}

impl Access {
    /// Record an event by `caller` (a search, a read, …) with the client's
    /// address when known; its sequence number.
    pub fn record(
        &self,
        caller: &Caller,
        action: Action,
        target: &str,
        client: Option<&str>,
    ) -> Result<u64> {
        let mut ev = AuditEvent::new(self.now(), caller, action, target);
        ev.client = client.map(str::to_string);
        self.append_event(ev)
    }

    /// Append one event, durably, before returning. Events recorded at the
    /// same time by other threads (a server's concurrent searches) share one
    /// commit: each caller queues its event, and whoever holds the commit
    /// lock writes every queued event in one transaction, so a burst of N
    /// requests costs about one disk sync, not N. A caller whose event another
    /// thread committed finds it done when it gets the lock.
    pub(super) fn append_event(&self, ev: AuditEvent) -> Result<u64> {
        let slot = Arc::new(OnceLock::new());
        self.pending.queue(ev, slot.clone())?;
        let _turn =
            self.pending.commit.lock().map_err(|_| {
                AccessError::Store("the audit log's commit lock is poisoned".into())
            })?;
        let batch = self.pending.take()?;
        if !batch.is_empty() {
            let txn = self.store.write()?;
            let mut done = Vec::with_capacity(batch.len());
            for (ev, slot) in batch {
                done.push((append(&txn, ev)?, slot));
            }
            txn.commit()?;
            for (seq, slot) in done {
                let _ = slot.set(seq);
            }
        }
        slot.get()
            .copied()
            .ok_or_else(|| AccessError::Store("an audit event was lost before its commit".into()))
    }

    /// The events that match `filter`, oldest first (administrators only).
    pub fn audit(&self, caller: &Caller, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
        self.require_admin(caller, "reading the audit log")?;
        let txn = self.store.read()?;
        let t = txn.open_table(AUDIT)?;
        let mut out = Vec::new();
        for e in t.iter()?.rev() {
            if filter.limit.is_some_and(|n| out.len() >= n) {
                break;
            }
            let (_, v) = e?;
            let ev: AuditEvent = store::decode(v.value())?;
            if filter.matches(&ev) {
                out.push(ev);
            }
        }
        out.reverse();
        Ok(out)
    }
}
