//! Unit tests of the access module on a store in a temporary directory.

use super::*;
use chrono::{Duration, TimeZone, Utc};
use std::collections::BTreeSet;

const PW: &str = "correct horse battery";

struct Fixture {
    dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    access: Access,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tmp");
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single();
    let clock = Arc::new(ManualClock::new(start.expect("a valid date")));
    let access = Access::open_with_clock(dir.path(), clock.clone()).expect("open");
    Fixture { dir, clock, access }
}

fn user(name: &str) -> Caller {
    Caller::User(name.to_string())
}

fn only(names: &[&str]) -> Readable {
    Readable::Only(names.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>())
}

#[test]
fn passwords_hash_to_argon2id_and_verify() {
    let phc = users::hash_password(PW).expect("hash");
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    assert!(users::verify_password(PW, &phc));
    assert!(!users::verify_password("correct horse battery!", &phc));
    assert!(!users::verify_password(PW, "not a phc string"));
    assert_ne!(phc, users::hash_password(PW).expect("hash"), "salted");
}

#[test]
fn password_length_is_bounded() {
    assert!(matches!(
        users::hash_password("short"),
        Err(AccessError::PasswordLength { min: 10, max: 1024 })
    ));
    assert!(users::check_password(&"é".repeat(10)).is_ok());
    assert!(users::check_password(&"x".repeat(1024)).is_ok());
    assert!(users::check_password(&"x".repeat(1025)).is_err());
}

#[test]
fn login_checks_name_password_and_disabled() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    assert_eq!(
        a.authenticate("alice", PW, None).expect("login").name,
        "alice"
    );
    assert!(matches!(
        a.authenticate("alice", "wrong password", Some("10.0.0.1")),
        Err(AccessError::BadCredentials)
    ));
    assert!(matches!(
        a.authenticate("nobody", PW, None),
        Err(AccessError::BadCredentials)
    ));
    a.set_disabled(&Caller::Local, "alice", true)
        .expect("disable");
    assert!(matches!(
        a.authenticate("alice", PW, None),
        Err(AccessError::Disabled(_))
    ));
    let failed = a
        .audit(
            &Caller::Local,
            &AuditFilter {
                action: Some(Action::LoginFailed),
                ..Default::default()
            },
        )
        .expect("audit");
    assert_eq!(failed.len(), 3);
    assert_eq!(failed[0].by, ActorKind::Anonymous);
    assert_eq!(failed[0].client.as_deref(), Some("10.0.0.1"));
    assert_eq!(failed[1].user.as_deref(), Some("nobody"));
}

#[test]
fn users_are_named_uniquely_and_sanely() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    assert!(matches!(
        a.add_user(&Caller::Local, "alice", PW, true),
        Err(AccessError::UserExists(_))
    ));
    for bad in ["", "Alice", "-x", "a b", "a/b", &"a".repeat(65)] {
        assert!(
            matches!(
                a.add_user(&Caller::Local, bad, PW, false),
                Err(AccessError::BadName(_))
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        a.add_user(&user("alice"), "mallory", PW, false),
        Err(AccessError::Forbidden(_))
    ));
}

#[test]
fn password_change_ends_sessions() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    let s = a
        .create_session("alice", Duration::hours(1))
        .expect("session");
    a.set_password(&user("alice"), "alice", "a new long password")
        .expect("passwd");
    assert!(matches!(a.session(&s.id), Err(AccessError::SessionRefused)));
    assert!(a.authenticate("alice", "a new long password", None).is_ok());
    assert!(a.authenticate("alice", PW, None).is_err());
    a.add_user(&Caller::Local, "bob", PW, false).expect("add");
    assert!(matches!(
        a.set_password(&user("bob"), "alice", "bob's password here"),
        Err(AccessError::Forbidden(_))
    ));
}

#[test]
fn grants_decide_readable_collections() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    a.add_user(&Caller::Local, "root", PW, true).expect("add");
    assert_eq!(
        a.readable_collections(&user("alice")).expect("r"),
        only(&[])
    );
    a.grant(&Caller::Local, "alice", "fixtures", Role::Viewer)
        .expect("grant");
    a.grant(&Caller::Local, "alice", "", Role::Editor)
        .expect("grant");
    let r = a.readable_collections(&user("alice")).expect("r");
    assert_eq!(r, only(&["default", "fixtures"]));
    assert!(r.allows("fixtures") && r.allows("") && r.allows("default"));
    assert!(!r.allows("kaggle"));
    assert_eq!(
        a.role(&user("alice"), "fixtures").expect("role"),
        Some(Role::Viewer)
    );
    assert!(
        a.revoke(&Caller::Local, "alice", "fixtures")
            .expect("revoke")
    );
    assert!(
        !a.revoke(&Caller::Local, "alice", "fixtures")
            .expect("revoke")
    );
    assert_eq!(
        a.readable_collections(&user("alice")).expect("r"),
        only(&["default"])
    );
    assert_eq!(
        a.readable_collections(&Caller::Local).expect("r"),
        Readable::All
    );
    assert_eq!(
        a.readable_collections(&user("root")).expect("r"),
        Readable::All
    );
    assert_eq!(
        a.readable_collections(&user("ghost")).expect("r"),
        only(&[])
    );
    a.set_disabled(&Caller::Local, "alice", true)
        .expect("disable");
    assert_eq!(
        a.readable_collections(&user("alice")).expect("r"),
        only(&[])
    );
    assert!(matches!(
        a.grant(&Caller::Local, "ghost", "x", Role::Viewer),
        Err(AccessError::NoSuchUser(_))
    ));
    assert!(matches!(
        "admin".parse::<Role>(),
        Err(AccessError::BadRole(_))
    ));
    assert_eq!("owner".parse::<Role>().expect("role"), Role::Owner);
    assert!(Role::Viewer < Role::Editor && Role::Editor < Role::Owner);
}

#[test]
fn owners_grant_in_their_collection_only() {
    let f = fixture();
    let a = &f.access;
    for n in ["olga", "vic"] {
        a.add_user(&Caller::Local, n, PW, false).expect("add");
    }
    a.grant(&Caller::Local, "olga", "kaggle", Role::Owner)
        .expect("grant");
    a.grant(&Caller::Local, "vic", "fixtures", Role::Viewer)
        .expect("grant");
    a.grant(&user("olga"), "vic", "kaggle", Role::Viewer)
        .expect("owner grants");
    assert!(matches!(
        a.grant(&user("olga"), "vic", "fixtures", Role::Owner),
        Err(AccessError::Forbidden(_))
    ));
    assert!(matches!(
        a.grant(&user("vic"), "vic", "fixtures", Role::Owner),
        Err(AccessError::Forbidden(_))
    ));
    let r = a.readable_collections(&user("vic")).expect("r");
    assert_eq!(r, only(&["fixtures", "kaggle"]));
}

#[test]
fn tokens_work_until_expired_or_revoked() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "bot", PW, false).expect("add");
    let t = a
        .create_token(&Caller::Local, "nightly", "bot", 7)
        .expect("token");
    assert!(t.secret.starts_with("spoor_") && t.secret.len() == 6 + 64);
    assert!(
        !format!("{t:?}").contains(&t.secret),
        "Debug hides the secret"
    );
    let caller = a.token_caller(&t.secret).expect("valid");
    assert_eq!(
        caller,
        Caller::Token {
            name: "nightly".into(),
            user: "bot".into()
        }
    );
    let refused = |s: &str| match a.token_caller(s) {
        Err(AccessError::TokenRefused(r)) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(refused("spoor_00"), Refusal::Unknown);
    assert_eq!(
        refused(&format!("spoor_{}", "0".repeat(64))),
        Refusal::Unknown
    );
    f.clock.advance(Duration::days(7));
    assert_eq!(refused(&t.secret), Refusal::Expired);
    // an expired name can be used again; a live one cannot
    let t2 = a
        .create_token(&Caller::Local, "nightly", "bot", 30)
        .expect("token");
    assert!(matches!(
        a.create_token(&Caller::Local, "nightly", "bot", 30),
        Err(AccessError::TokenExists(_))
    ));
    assert!(a.token_caller(&t2.secret).is_ok());
    a.revoke_token(&user("bot"), "nightly").expect("own token");
    assert_eq!(refused(&t2.secret), Refusal::Revoked);
    let t3 = a
        .create_token(&user("bot"), "mine", "bot", 1)
        .expect("own token");
    a.set_disabled(&Caller::Local, "bot", true)
        .expect("disable");
    assert_eq!(refused(&t3.secret), Refusal::UserDisabled);
    assert_eq!(a.tokens(&Caller::Local).expect("list").len(), 3);
    assert!(matches!(
        a.create_token(&Caller::Local, "x", "bot", 0),
        Err(AccessError::Invalid(_))
    ));
}

#[test]
fn secrets_are_stored_hashed() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "bot", PW, false).expect("add");
    let t = a
        .create_token(&Caller::Local, "ci", "bot", 7)
        .expect("token");
    let s = a
        .create_session("bot", Duration::hours(1))
        .expect("session");
    drop(f.access);
    let bytes = std::fs::read(f.dir.path().join(store::FILE_NAME)).expect("read");
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(!has(&t.secret) && !has(&t.secret[6..]));
    assert!(!has(&s.id));
    assert!(!has(PW));
    assert!(has(&store::secret_hash(&t.secret)));
}

#[test]
fn only_admins_or_owners_of_a_token_manage_it() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    a.add_user(&Caller::Local, "bob", PW, false).expect("add");
    assert!(matches!(
        a.create_token(&user("alice"), "t", "bob", 7),
        Err(AccessError::Forbidden(_))
    ));
    a.create_token(&user("bob"), "t", "bob", 7).expect("own");
    assert!(matches!(
        a.revoke_token(&user("alice"), "t"),
        Err(AccessError::Forbidden(_))
    ));
    assert_eq!(a.tokens(&user("alice")).expect("list"), vec![]);
    assert_eq!(a.tokens(&user("bob")).expect("list").len(), 1);
    assert!(matches!(
        a.revoke_token(&Caller::Local, "nope"),
        Err(AccessError::NoSuchToken(_))
    ));
}

#[test]
fn sessions_expire_and_end() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    let s = a
        .create_session("alice", Duration::hours(8))
        .expect("session");
    assert_eq!(s.id.len(), 64);
    assert_eq!(a.session(&s.id).expect("valid"), user("alice"));
    let s2 = a
        .create_session("alice", Duration::hours(1))
        .expect("session");
    assert!(a.delete_session(&s2.id).expect("delete"));
    assert!(a.session(&s2.id).is_err());
    f.clock.advance(Duration::hours(8));
    assert!(matches!(a.session(&s.id), Err(AccessError::SessionRefused)));
    assert_eq!(a.purge_sessions().expect("purge"), 1);
    assert!(a.session("junk").is_err());
    assert!(a.create_session("alice", Duration::days(31)).is_err());
    assert!(matches!(
        a.create_session("ghost", Duration::hours(1)),
        Err(AccessError::NoSuchUser(_))
    ));
}

#[test]
fn audit_is_ordered_and_filtered() {
    let f = fixture();
    let a = &f.access;
    a.add_user(&Caller::Local, "alice", PW, false).expect("add");
    a.grant(&Caller::Local, "alice", "fixtures", Role::Viewer)
        .expect("grant");
    f.clock.advance(Duration::hours(1));
    let since = a.now();
    a.record(
        &user("alice"),
        Action::Search,
        "clinton libya",
        Some("127.0.0.1"),
    )
    .expect("rec");
    a.record(&user("alice"), Action::Read, "0123456789abcdef", None)
        .expect("rec");
    let bot = Caller::Token {
        name: "ci".into(),
        user: "bot".into(),
    };
    a.record(&bot, Action::Search, &"q".repeat(5000), None)
        .expect("rec");
    let all = a
        .audit(&Caller::Local, &AuditFilter::default())
        .expect("all");
    let seqs: Vec<u64> = all.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
    let actions: Vec<Action> = all.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            Action::UserAdd,
            Action::Grant,
            Action::Search,
            Action::Read,
            Action::Search
        ]
    );
    assert_eq!(all[1].target, "alice fixtures viewer");
    assert_eq!(all[0].by, ActorKind::Local);
    assert_eq!(all[4].token.as_deref(), Some("ci"));
    assert_eq!(all[4].target.chars().count(), audit::MAX_TARGET + 1);
    let filter = |f: AuditFilter| -> Vec<u64> {
        a.audit(&Caller::Local, &f)
            .expect("audit")
            .iter()
            .map(|e| e.seq)
            .collect()
    };
    let by_user = AuditFilter {
        user: Some("alice".into()),
        ..Default::default()
    };
    assert_eq!(filter(by_user), vec![3, 4]);
    let searches = AuditFilter {
        action: Some(Action::Search),
        ..Default::default()
    };
    assert_eq!(filter(searches), vec![3, 5]);
    assert_eq!(
        filter(AuditFilter {
            since: Some(since),
            ..Default::default()
        }),
        vec![3, 4, 5]
    );
    assert_eq!(
        filter(AuditFilter {
            limit: Some(2),
            ..Default::default()
        }),
        vec![4, 5]
    );
    assert!(matches!(
        a.audit(&user("alice"), &AuditFilter::default()),
        Err(AccessError::Forbidden(_))
    ));
    assert_eq!(
        "login_failed".parse::<Action>().expect("action"),
        Action::LoginFailed
    );
    assert!("delete".parse::<Action>().is_err());
}

#[test]
fn the_store_survives_reopening() {
    let f = fixture();
    f.access
        .add_user(&Caller::Local, "alice", PW, true)
        .expect("add");
    f.access
        .record(&Caller::Local, Action::Export, "all", None)
        .expect("rec");
    drop(f.access);
    let a = Access::open_with_clock(f.dir.path(), f.clock.clone()).expect("reopen");
    assert!(a.authenticate("alice", PW, None).is_ok());
    let seq = a
        .record(&Caller::Local, Action::Check, "x", None)
        .expect("rec");
    assert_eq!(seq, 4, "user_add, export, login, check");
}

#[test]
fn two_handles_write_in_turn() {
    let f = fixture();
    let other = Access::open_with_clock(f.dir.path(), f.clock.clone()).expect("second handle");
    f.access
        .add_user(&Caller::Local, "alice", PW, false)
        .expect("add");
    assert!(other.user("alice").expect("read").is_some());
    other
        .record(&Caller::Local, Action::Search, "q", None)
        .expect("rec");
    let n = f
        .access
        .audit(&Caller::Local, &AuditFilter::default())
        .expect("audit")
        .len();
    assert_eq!(n, 2);
}

#[test]
fn since_takes_a_date_or_a_time() {
    let day = audit::parse_time("2026-03-01").expect("date");
    assert_eq!(day.to_rfc3339(), "2026-03-01T00:00:00+00:00");
    let t = audit::parse_time("2026-03-01T10:30:00+02:00").expect("time");
    assert_eq!(t.to_rfc3339(), "2026-03-01T08:30:00+00:00");
    assert!(matches!(
        audit::parse_time("yesterday"),
        Err(AccessError::Invalid(_))
    ));
}

#[test]
fn a_server_can_share_the_store_and_the_limiter() {
    fn shared<T: Send + Sync>() {}
    shared::<Access>();
    shared::<LoginLimiter>();
}

#[test]
fn concurrent_events_share_commits_and_none_is_lost() {
    let dir = tempfile::tempdir().expect("tmp");
    let access = std::sync::Arc::new(Access::open(dir.path()).expect("open"));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let a = access.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        a.record(&Caller::Local, Action::Search, &format!("q{t}-{i}"), None)
                            .expect("record")
                    })
                    .collect::<Vec<u64>>()
            })
        })
        .collect();
    let mut seqs: Vec<u64> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("thread"))
        .collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=200).collect::<Vec<u64>>(),
        "every event its own number"
    );
    let log = access
        .audit(&Caller::Local, &AuditFilter::default())
        .expect("audit");
    assert_eq!(log.len(), 200);
    for t in 0..8 {
        let mine: Vec<&str> = log
            .iter()
            .map(|e| e.target.as_str())
            .filter(|x| x.starts_with(&format!("q{t}-")))
            .collect();
        let expected: Vec<String> = (0..25).map(|i| format!("q{t}-{i}")).collect();
        assert_eq!(mine, expected, "a thread's events keep its order");
    }
}
