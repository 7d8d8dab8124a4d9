//! End to end: `spoor user`, `spoor token` and `spoor audit` on a real archive,
//! passwords through standard input.

mod common;

use common::{fixtures, json, spoor};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const PW: &str = "a long enough password";

/// Run spoor with `input` on standard input; (exit code, stdout, stderr).
fn spoor_stdin(archive: &Path, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .arg("--archive")
        .arg(archive)
        .args(args)
        .env_remove("SPOOR_ARCHIVE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run spoor");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(archive: &Path, args: &[&str]) -> String {
    let (code, out, err) = spoor(archive, args);
    assert_eq!(code, 0, "spoor {args:?}: {err}");
    out
}

fn add_user(archive: &Path, args: &[&str]) {
    let (code, _, err) = spoor_stdin(archive, args, &format!("{PW}\n"));
    assert_eq!(code, 0, "spoor {args:?}: {err}");
}

fn users(archive: &Path) -> Vec<Value> {
    let v = json(archive, &["user", "list", "--format", "json"]);
    v["users"].as_array().expect("users").clone()
}

fn audit(archive: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["audit", "--format", "json"];
    args.extend_from_slice(extra);
    json(archive, &args)["events"]
        .as_array()
        .expect("events")
        .clone()
}

/// A small archive: one document in the collection `fixtures`.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let seed = fixtures().join("seed/C05798096.txt").display().to_string();
    ok(dir.path(), &["ingest", "--collection", "fixtures", &seed]);
    dir
}

#[test]
fn accounts_need_an_archive() {
    let dir = tempfile::tempdir().expect("tmp");
    let (code, _, err) = spoor(&dir.path().join("none"), &["user", "list"]);
    assert_eq!(code, 1);
    assert!(err.contains("no archive"), "{err}");
    assert!(!dir.path().join("none").exists(), "no stray directory made");
}

#[test]
fn users_passwords_and_grants() {
    let dir = archive();
    let a = dir.path();
    add_user(a, &["user", "add", "alice", "--password-stdin"]);
    add_user(a, &["user", "add", "root", "--admin", "--password-stdin"]);
    let (code, _, err) = spoor_stdin(a, &["user", "add", "bob", "--password-stdin"], "short\n");
    assert_eq!(code, 1);
    assert!(err.contains("10 to 1024"), "{err}");
    // no terminal and no --password-stdin: refused, never read from an argument
    let (code, _, err) = spoor_stdin(a, &["user", "add", "bob"], &format!("{PW}\n"));
    assert_eq!(code, 1);
    assert!(err.contains("--password-stdin"), "{err}");
    let (code, _, _) = spoor_stdin(a, &["user", "add", "alice", "--password-stdin"], PW);
    assert_eq!(code, 1, "a name is added once");

    ok(a, &["user", "grant", "alice", "fixtures", "viewer"]);
    ok(a, &["user", "grant", "alice", "default", "editor"]);
    let (code, _, _) = spoor(a, &["user", "grant", "alice", "fixtures", "admin"]);
    assert_eq!(code, 2, "clap refuses an unknown role");
    let (code, _, err) = spoor(a, &["user", "grant", "ghost", "fixtures", "viewer"]);
    assert_eq!(code, 1);
    assert!(err.contains("no user named ghost"), "{err}");
    ok(a, &["user", "revoke", "alice", "default"]);

    let u = users(a);
    let names: Vec<&str> = u.iter().filter_map(|u| u["name"].as_str()).collect();
    assert_eq!(names, ["alice", "root"]);
    assert_eq!(u[0]["grants"], serde_json::json!({"fixtures": "viewer"}));
    assert_eq!(u[0]["admin"], false);
    assert_eq!(u[1]["admin"], true);
    assert!(u[0].get("phc").is_none(), "hashes are not listed");
    let text = ok(a, &["user", "list"]);
    assert!(text.contains("alice\t-\tfixtures:viewer"), "{text}");

    let (code, _, err) = spoor_stdin(
        a,
        &["user", "passwd", "alice", "--password-stdin"],
        "another long one\n",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = spoor_stdin(a, &["user", "passwd", "ghost", "--password-stdin"], PW);
    assert_eq!(code, 1);
    ok(a, &["user", "disable", "alice"]);
    assert_eq!(users(a)[0]["disabled"], true);
    ok(a, &["user", "enable", "alice"]);

    let stored = std::fs::read(a.join("access.redb")).expect("access.redb");
    let has = |s: &str| stored.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has("$argon2id$v=19$"));
    assert!(!has(PW) && !has("another long one"), "no password in clear");
}

#[test]
fn tokens_are_shown_once_and_revoked() {
    let dir = archive();
    let a = dir.path();
    add_user(a, &["user", "add", "bot", "--password-stdin"]);
    let out = ok(
        a,
        &["token", "create", "nightly", "--user", "bot", "--days", "7"],
    );
    let token = out.trim();
    assert!(token.starts_with("spoor_") && token.len() == 70, "{out}");
    assert_eq!(out.lines().count(), 1, "only the token on stdout");
    let (code, _, _) = spoor(a, &["token", "create", "nightly", "--user", "bot"]);
    assert_eq!(code, 1, "a live name is unique");
    let (code, _, _) = spoor(a, &["token", "create", "x", "--user", "ghost"]);
    assert_eq!(code, 1);

    let list = json(a, &["token", "list", "--format", "json"]);
    let t = &list["tokens"][0];
    assert_eq!(
        (t["name"].as_str(), t["user"].as_str()),
        (Some("nightly"), Some("bot"))
    );
    assert!(t["revoked_at"].is_null());
    assert!(
        !list.to_string().contains(&token[6..]),
        "the token is not listed"
    );
    assert!(ok(a, &["token", "list"]).contains("nightly\tbot\tlive"));

    ok(a, &["token", "revoke", "nightly"]);
    let list = json(a, &["token", "list", "--format", "json"]);
    assert!(list["tokens"][0]["revoked_at"].is_string());
    assert!(ok(a, &["token", "list"]).contains("nightly\tbot\trevoked"));
    let (code, _, err) = spoor(a, &["token", "revoke", "nope"]);
    assert_eq!(code, 1);
    assert!(err.contains("no token named nope"), "{err}");

    let stored = std::fs::read(a.join("access.redb")).expect("access.redb");
    assert!(
        !stored.windows(64).any(|w| w == &token.as_bytes()[6..]),
        "stored hashed"
    );
}

#[test]
fn administration_is_audited() {
    let dir = archive();
    let a = dir.path();
    add_user(a, &["user", "add", "alice", "--password-stdin"]);
    ok(a, &["user", "grant", "alice", "fixtures", "owner"]);
    ok(a, &["token", "create", "ci", "--user", "alice"]);
    ok(a, &["token", "revoke", "ci"]);
    ok(a, &["user", "revoke", "alice", "fixtures"]);

    let all = audit(a, &[]);
    let actions: Vec<&str> = all.iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(
        actions,
        [
            "user_add",
            "grant",
            "token_create",
            "token_revoke",
            "revoke"
        ]
    );
    let seqs: Vec<u64> = all.iter().filter_map(|e| e["seq"].as_u64()).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    assert!(all.iter().all(|e| e["by"] == "local"));
    assert_eq!(all[1]["target"], "alice fixtures owner");
    assert!(
        all[0]["at"].as_str().is_some_and(|t| t.ends_with('Z')),
        "UTC"
    );

    assert_eq!(audit(a, &["--action", "grant"]).len(), 1);
    assert_eq!(audit(a, &["--limit", "2"])[0]["action"], "token_revoke");
    assert_eq!(audit(a, &["--since", "2000-01-01"]).len(), 5);
    assert_eq!(audit(a, &["--since", "2999-01-01"]).len(), 0);
    assert_eq!(
        audit(a, &["--user", "alice"]).len(),
        0,
        "alice did nothing herself"
    );
    let (code, _, _) = spoor(a, &["audit", "--action", "delete"]);
    assert_eq!(code, 2, "clap lists the actions");
    let (code, _, err) = spoor(a, &["audit", "--since", "last week"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a date"), "{err}");
    let text = ok(a, &["audit"]);
    assert_eq!(text.lines().count(), 5);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.contains("\tlocal\tgrant\talice fixtures owner")),
        "{text}"
    );

    // the catalog is untouched: the document is still there
    let s = json(a, &["stats", "--format", "json"]);
    assert_eq!(s["documents"], 1, "{s}");
}
