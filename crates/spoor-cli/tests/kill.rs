//! A `kill -9` in the middle of a large ingest loses nothing that was committed,
//! leaves no half-indexed document, and the next ingest of the same files
//! completes the job.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const MESSAGES: usize = 24_000;

fn write_mbox(path: &std::path::Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..MESSAGES {
        writeln!(f, "From sender{} Mon Jan  1 00:00:00 2001", i % 97).expect("w");
        writeln!(f, "From: Sender {} <sender{}@example.org>", i % 97, i % 97).expect("w");
        writeln!(f, "To: desk@example.org").expect("w");
        writeln!(f, "Subject: report {i}").expect("w");
        writeln!(f, "Date: Mon, {} Jan 2001 10:00:00 +0000", 1 + i % 28).expect("w");
        writeln!(f, "Message-ID: <m{i}@example.org>").expect("w");
        writeln!(f).expect("w");
        writeln!(
            f,
            "Field report number {i} filed as token{i}. The convoy passed the checkpoint"
        )
        .expect("w");
        writeln!(
            f,
            "at dawn and the observers counted the vehicles twice before sending this note."
        )
        .expect("w");
        writeln!(f).expect("w");
    }
}

#[test]
fn kill_during_ingest_then_resume() {
    let dir = tempfile::tempdir().expect("tmp");
    let mbox = dir.path().join("big.mbox");
    write_mbox(&mbox);
    let archive = dir.path().join("archive");
    let mut child = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .arg("--archive")
        .arg(&archive)
        .args(["ingest", &mbox.display().to_string()])
        .env("SPOOR_PROGRESS", "lines")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    // wait until at least one batch is committed, then kill -9
    let first = lines.next().expect("a progress line").expect("read");
    assert!(first.starts_with("committed"), "{first}");
    child.kill().expect("kill -9");
    child.wait().expect("wait");

    // what was committed is there, and only whole documents are searchable
    let s = json(&archive, &["stats", "--format", "json"]);
    let stored = s["documents"].as_u64().expect("documents");
    assert!(
        stored >= 1 && stored < MESSAGES as u64,
        "killed mid-way: {stored} stored"
    );
    let found = search(&archive, "convoy").0;
    assert!(
        found <= stored,
        "{found} hits for {stored} stored documents"
    );

    // the next ingest of the same file completes the job
    let r = json(
        &archive,
        &["ingest", "--format", "json", &mbox.display().to_string()],
    );
    assert_eq!(r["failed"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        r["added"].as_u64().expect("added") + r["unchanged"].as_u64().expect("unchanged"),
        MESSAGES as u64
    );
    assert_eq!(r["documents"], MESSAGES as u64);
    let s = json(&archive, &["stats", "--format", "json"]);
    assert_eq!(s["documents"], MESSAGES as u64);
    assert_eq!(
        s["indexed"], MESSAGES as u64,
        "every document indexed exactly once"
    );
    assert_eq!(search(&archive, "convoy").0, MESSAGES as u64);
    for i in [0, MESSAGES / 2, MESSAGES - 1] {
        assert_eq!(search(&archive, &format!("token{i}")).0, 1, "token{i}");
    }
}
