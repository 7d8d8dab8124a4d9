//! Login rate limiting, in memory (the server holds one limiter; a restart
//! forgets it, which only gives an attacker a few more tries).
//!
//! Failures are counted per user name and per client address. The first
//! [`LimitPolicy::free_failures`] cost nothing; after that each failure makes
//! the next attempt wait, doubling from [`LimitPolicy::base`] up to
//! [`LimitPolicy::max`]. A success resets the name and the address; a quiet
//! [`LimitPolicy::forget_after`] forgets them too.

use super::clock::Clock;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How hard the limiter is.
#[derive(Debug, Clone)]
pub struct LimitPolicy {
    /// Failures allowed before any waiting.
    pub free_failures: u32,
    /// The first wait.
    pub base: Duration,
    /// The longest wait.
    pub max: Duration,
    /// A name or address with no failure for this long starts afresh.
    pub forget_after: Duration,
    /// Most names and addresses remembered (bounds memory under a flood).
    pub max_entries: usize,
}

impl Default for LimitPolicy {
    /// 5 free failures, then 1 s, 2 s, 4 s, … up to 15 minutes; forgotten after a quiet day.
    fn default() -> Self {
        LimitPolicy {
            free_failures: 5,
            base: Duration::seconds(1),
            max: Duration::minutes(15),
            forget_after: Duration::days(1),
            max_entries: 100_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    User(String),
    Addr(String),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last: DateTime<Utc>,
}

/// Counts failed logins and says how long the next attempt must wait.
#[derive(Debug)]
pub struct LoginLimiter {
    clock: Arc<dyn Clock>,
    policy: LimitPolicy,
    entries: Mutex<HashMap<Key, Entry>>,
}

impl LoginLimiter {
    /// A limiter with the default policy.
    pub fn new(clock: Arc<dyn Clock>) -> LoginLimiter {
        LoginLimiter::with_policy(clock, LimitPolicy::default())
    }

    /// A limiter with `policy`.
    pub fn with_policy(clock: Arc<dyn Clock>, policy: LimitPolicy) -> LoginLimiter {
        LoginLimiter {
            clock,
            policy,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` when a login of `user` from `addr` may be tried now, else how long to wait.
    pub fn check(&self, user: &str, addr: &str) -> Result<(), Duration> {
        let now = self.clock.now();
        let map = self.lock();
        let wait = keys(user, addr)
            .iter()
            .filter_map(|k| map.get(k))
            .filter_map(|e| self.until(e, now))
            .map(|t| t - now)
            .max();
        match wait {
            Some(w) if w > Duration::zero() => Err(w),
            _ => Ok(()),
        }
    }

    /// Count a failed login of `user` from `addr`.
    pub fn failure(&self, user: &str, addr: &str) {
        let now = self.clock.now();
        let mut map = self.lock();
        if map.len() >= self.policy.max_entries {
            let forget = self.policy.forget_after;
            map.retain(|_, e| now - e.last < forget);
        }
        for k in keys(user, addr) {
            if !map.contains_key(&k) && map.len() >= self.policy.max_entries {
                continue;
            }
            let e = map.entry(k).or_insert(Entry {
                failures: 0,
                last: now,
            });
            if now - e.last >= self.policy.forget_after {
                e.failures = 0;
            }
            e.failures = e.failures.saturating_add(1);
            e.last = now;
        }
    }

    /// A successful login of `user` from `addr`: both start afresh.
    pub fn success(&self, user: &str, addr: &str) {
        let mut map = self.lock();
        for k in keys(user, addr) {
            map.remove(&k);
        }
    }

    /// When an entry lets the next attempt through, if it must wait at all.
    fn until(&self, e: &Entry, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let p = &self.policy;
        if e.failures < p.free_failures || now - e.last >= p.forget_after {
            return None;
        }
        let doublings = (e.failures - p.free_failures).min(30);
        let wait = p
            .base
            .checked_mul(1 << doublings)
            .map_or(p.max, |w| w.min(p.max));
        Some(e.last + wait)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The keys a login attempt counts against.
fn keys(user: &str, addr: &str) -> [Key; 2] {
    [Key::User(user.to_lowercase()), Key::Addr(addr.to_string())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::ManualClock;
    use chrono::TimeZone;

    fn limiter() -> (Arc<ManualClock>, LoginLimiter) {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).single();
        let clock = Arc::new(ManualClock::new(start.expect("a valid date")));
        (clock.clone(), LoginLimiter::new(clock))
    }

    #[test]
    fn five_free_failures_then_doubling_waits() {
        let (clock, l) = limiter();
        for _ in 0..4 {
            l.failure("alice", "10.0.0.1");
            assert_eq!(l.check("alice", "10.0.0.1"), Ok(()));
        }
        l.failure("alice", "10.0.0.1");
        assert_eq!(l.check("alice", "10.0.0.1"), Err(Duration::seconds(1)));
        clock.advance(Duration::seconds(1));
        assert_eq!(l.check("alice", "10.0.0.1"), Ok(()));
        l.failure("alice", "10.0.0.1");
        assert_eq!(l.check("alice", "10.0.0.1"), Err(Duration::seconds(2)));
        clock.advance(Duration::seconds(2));
        l.failure("alice", "10.0.0.1");
        assert_eq!(l.check("alice", "10.0.0.1"), Err(Duration::seconds(4)));
    }

    #[test]
    fn waits_stop_at_the_maximum() {
        let (_, l) = limiter();
        for _ in 0..60 {
            l.failure("alice", "10.0.0.1");
        }
        assert_eq!(l.check("alice", "10.0.0.1"), Err(Duration::minutes(15)));
    }

    #[test]
    fn name_and_address_are_counted_apart() {
        let (_, l) = limiter();
        // one address trying many names
        for i in 0..5 {
            l.failure(&format!("user{i}"), "10.0.0.9");
        }
        assert!(l.check("someone", "10.0.0.9").is_err());
        assert_eq!(l.check("someone", "10.0.0.10"), Ok(()));
        // many addresses trying one name (case does not help)
        for i in 0..5 {
            l.failure("Bob", &format!("10.0.1.{i}"));
        }
        assert!(l.check("bob", "10.0.2.1").is_err());
    }

    #[test]
    fn success_resets_and_quiet_forgets() {
        let (clock, l) = limiter();
        for _ in 0..5 {
            l.failure("alice", "10.0.0.1");
        }
        assert!(l.check("alice", "10.0.0.1").is_err());
        l.success("alice", "10.0.0.1");
        assert_eq!(l.check("alice", "10.0.0.1"), Ok(()));
        for _ in 0..5 {
            l.failure("carol", "10.0.0.2");
        }
        clock.advance(Duration::days(1));
        assert_eq!(l.check("carol", "10.0.0.2"), Ok(()));
        l.failure("carol", "10.0.0.2");
        assert_eq!(
            l.check("carol", "10.0.0.2"),
            Ok(()),
            "counting starts afresh"
        );
    }

    #[test]
    fn memory_is_bounded() {
        let (clock, _) = limiter();
        let policy = LimitPolicy {
            max_entries: 10,
            ..LimitPolicy::default()
        };
        let l = LoginLimiter::with_policy(clock, policy);
        for i in 0..100 {
            l.failure(&format!("u{i}"), &format!("a{i}"));
        }
        assert!(l.lock().len() <= 10);
    }
}
