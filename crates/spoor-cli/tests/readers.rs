//! Readers never wait for a writer: while `spoor ingest` of the real Enron mbox
//! (97,680 messages, `shared/corpora/enron-50users/`) runs, a second process
//! searches, shows, threads and counts what has been committed so far; and an
//! archive on a read-only mount answers every reading command. Without the
//! corpus this test fails, it does not skip.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

/// Unpack the Enron mbox form into `dir`; returns the folder of mbox files.
fn unpack_enron(dir: &Path) -> std::path::PathBuf {
    let tarball = shared().join("corpora/enron-50users/enron-50users-mbox.tar.zst");
    let file = std::fs::File::open(&tarball).unwrap_or_else(|e| {
        panic!(
            "the Enron mbox is needed for this test: {} ({e}); set SPOOR_SHARED to the shared/ folder",
            tarball.display()
        )
    });
    let z = zstd::stream::read::Decoder::new(file).expect("zstd");
    tar::Archive::new(z).unpack(dir).expect("unpack");
    dir.join("enron-50users-mbox")
}

/// What readers saw during an ingest.
#[derive(Default, Debug)]
struct Seen {
    rounds: usize,
    searches_with_hits: usize,
    counts: Vec<u64>,
}

/// One round of reading commands; every one must succeed.
fn read_round(archive: &Path, seen: &mut Seen) {
    let stats = json(archive, &["stats", "--format", "json"]);
    seen.counts.push(stats["documents"].as_u64().unwrap_or(0));
    let (code, out, err) = spoor(archive, &["search", "--ids", "--limit", "3", "gas"]);
    assert_eq!(code, 0, "search during the ingest failed: {err}");
    let ids: Vec<&str> = out.lines().collect();
    if let Some(id) = ids.first() {
        seen.searches_with_hits += 1;
        for cmd in [["show", id], ["thread", id]] {
            let (code, _, err) = spoor(archive, &cmd);
            assert_eq!(code, 0, "{cmd:?} during the ingest failed: {err}");
        }
    }
    seen.rounds += 1;
}

#[test]
fn readers_work_while_an_ingest_runs() {
    let dir = tempfile::tempdir().expect("tmp");
    let mbox = unpack_enron(dir.path());
    let archive = dir.path().join("archive");
    let mut child = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .arg("--archive")
        .arg(&archive)
        .args(["ingest", &mbox.display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut seen = Seen::default();
    while child.try_wait().expect("wait").is_none() {
        if archive.join("index/meta.json").exists() {
            read_round(&archive, &mut seen);
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(child.wait().expect("wait").success());
    // only rounds that ended before the ingest did count: the last one may not have
    let during = seen.rounds.saturating_sub(1);
    assert!(
        during >= 2,
        "too few reading rounds during the ingest: {seen:?}"
    );
    assert!(
        seen.searches_with_hits >= 2,
        "searches found nothing while the ingest ran: {seen:?}"
    );
    let partial: std::collections::BTreeSet<u64> = seen
        .counts
        .iter()
        .copied()
        .filter(|&n| n > 0 && n < 97_680)
        .collect();
    assert!(
        partial.len() >= 2 && seen.counts.windows(2).all(|w| w[0] <= w[1]),
        "readers did not see the commits land one after another: {seen:?}"
    );
    let s = json(&archive, &["stats", "--format", "json"]);
    assert_eq!(s["documents"], 97_680);
    assert_eq!(s["indexed"], 97_680);
}

/// Run spoor commands inside a private mount namespace in which `archive` is
/// mounted read-only (`unshare` from util-linux; works for root and, through a
/// user namespace, for other users). Returns (exit code, stdout, stderr).
fn on_read_only_mount(archive: &Path, script: &str) -> (i32, String, String) {
    let a = archive.display().to_string();
    let full = format!(
        "mount --bind '{a}' '{a}' && mount -o remount,bind,ro '{a}' || exit 90; \
         touch '{a}/probe' 2>/dev/null && exit 91; {script}"
    );
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", &full])
        .env("S", env!("CARGO_BIN_EXE_spoor"))
        .env("A", archive)
        .env_remove("SPOOR_ARCHIVE")
        .output()
        .expect("unshare (util-linux) is needed for this test");
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 90, "could not mount the archive read-only");
    assert_ne!(code, 91, "the read-only mount accepted a write");
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_archive_on_a_read_only_mount_answers_readers() {
    let fixture = fixture_archive();
    let a = fixture.path();
    let (code, out, err) = spoor(a, &["search", "--ids", "--limit", "1", "gas"]);
    assert_eq!(code, 0, "{err}");
    let id = out.trim().to_string();
    assert!(!id.is_empty(), "no hit for gas in the fixtures");
    let article = fixtures().join("seed/article-nl.txt");
    let script = format!(
        "set -e; \"$S\" --archive \"$A\" search gas >/dev/null; \"$S\" --archive \"$A\" show {id} >/dev/null; \
         \"$S\" --archive \"$A\" show --raw {id} >/dev/null; \"$S\" --archive \"$A\" thread {id} >/dev/null; \
         \"$S\" --archive \"$A\" stats >/dev/null; \"$S\" --archive \"$A\" verify >/dev/null; \
         \"$S\" --archive \"$A\" check '{}' >/dev/null; echo read-ok",
        article.display()
    );
    let (code, out, err) = on_read_only_mount(a, &script);
    assert_eq!((code, out.trim()), (0, "read-ok"), "{err}");
    let (code, _, err) = on_read_only_mount(a, "\"$S\" --archive \"$A\" ingest /etc/hostname");
    assert_eq!(code, 1);
    assert!(err.contains("read-only medium"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
