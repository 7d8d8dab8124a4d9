//! End to end: `spoor serve` refuses to listen beyond loopback without
//! accounts, tells how to create the first administrator, and serves the API.

mod common;

use common::{fixtures, json, spoor};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `spoor serve` started by the test, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let mail = fixtures().join("mail").display().to_string();
    json(
        dir.path(),
        &[
            "ingest",
            "--collection",
            "desk-a",
            "--format",
            "json",
            &mail,
        ],
    );
    dir
}

/// GET `path` from the server; the raw answer.
fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

#[test]
fn without_accounts_serve_stays_on_loopback_and_says_how_to_add_an_admin() {
    let dir = archive();
    let (code, _, err) = spoor(dir.path(), &["serve", "--listen", "0.0.0.0:8089"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("refusing to listen on 0.0.0.0:8089"), "{err}");
    assert!(err.contains("spoor user add NAME --admin"), "{err}");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .arg("--archive")
        .arg(dir.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env_remove("SPOOR_ARCHIVE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spoor serve starts");
    let _server = Server(child);
    let until = Instant::now() + Duration::from_secs(30);
    let answer = loop {
        if let Some(a) = get(port, "/api/v1/collections") {
            break a;
        }
        assert!(Instant::now() < until, "spoor serve did not answer");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains(r#"[{"name":"desk-a","documents":3}]"#),
        "{answer}"
    );
}
