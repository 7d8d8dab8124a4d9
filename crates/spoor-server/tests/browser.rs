//! The pages in a real browser: Debian's `chromium`, headless, driven through
//! `chromedriver` (Debian's `chromium-driver`) over the WebDriver protocol
//! with a small client of its own (no driver crate needed). Signing in, a
//! search typed and sent with the keyboard, a document, a check with its
//! verdict badges, and Arabic text shown right to left.
//!
//! `cargo xtask test` installs both packages; without them this test fails
//! and says which to install.

mod common;

use common::{PASSWORD, served};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";
const ENTER: &str = "\u{E007}";

/// A chromedriver process, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// One HTTP/1.1 request to the driver; the JSON answer's `value`.
fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver answers");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let body = body.map(Value::to_string).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).expect("send");
    let (head, body) = receive(&mut s);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(&body)
    } else {
        body
    };
    let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert!(
        v["value"].get("error").is_none(),
        "{method} {path}: {}",
        v["value"]
    );
    v["value"].clone()
}

/// An answer's head and body: the body as long as its Content-Length says
/// (chromedriver keeps the connection open), else up to the end.
fn receive(s: &mut TcpStream) -> (String, String) {
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        let n = s.read(&mut buf).expect("receive");
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            });
            let head_len = head.len() + 4;
            match length {
                Some(len) if raw.len() >= head_len + len => {
                    let body = String::from_utf8_lossy(&raw[head_len..head_len + len]).into_owned();
                    return (head.to_string(), body);
                }
                None if n == 0 => return (head.to_string(), body.to_string()),
                _ => {}
            }
        }
        assert!(
            n > 0,
            "chromedriver closed the connection: {}",
            String::from_utf8_lossy(&raw)
        );
    }
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

fn start_driver() -> Driver {
    for p in [CHROMIUM, DRIVER] {
        assert!(
            Path::new(p).exists(),
            "{p} is missing: apt-get install chromium chromium-driver (cargo xtask test does)"
        );
    }
    let port = free_port();
    let child = Command::new(DRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let d = Driver { child, port };
    let until = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    d
}

/// A browser session.
struct Browser<'a> {
    d: &'a Driver,
    id: String,
    base: String,
}

impl<'a> Browser<'a> {
    fn open(d: &'a Driver, base: String) -> Browser<'a> {
        let caps = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
        }}}});
        let v = call(d.port, "POST", "/session", Some(&caps));
        let id = v["sessionId"].as_str().expect("a session id").to_string();
        Browser { d, id, base }
    }
    fn cmd(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        call(
            self.d.port,
            method,
            &format!("/session/{}{path}", self.id),
            body,
        )
    }
    fn go(&self, path: &str) {
        self.cmd(
            "POST",
            "/url",
            Some(&json!({"url": format!("{}{path}", self.base)})),
        );
    }
    fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element")
            .to_string()
    }
    fn type_in(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(&json!({"text": text})),
        );
    }
    fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), Some(&json!({})));
    }
    fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }
    fn path(&self) -> String {
        let url = self
            .cmd("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string();
        url.strip_prefix(&self.base).unwrap_or(&url).to_string()
    }
    /// The page once `ready` holds of its path and source (a submitted form
    /// may still be loading when the click or key returns), within 20 s.
    fn wait(&self, what: &str, ready: impl Fn(&str, &str) -> bool) -> String {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let (path, source) = (self.path(), self.source());
            if ready(&path, &source) {
                return source;
            }
            assert!(
                Instant::now() < until,
                "waited for {what}: at {path}: {source}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    fn script(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(&json!({"script": js, "args": []})),
        )
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| self.cmd("DELETE", "", None));
    }
}

/// The test server on a free loopback port: its address and its task.
async fn on_loopback(
    s: &common::Served,
) -> (SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = s
        .app
        .clone()
        .into_make_service_with_connect_info::<SocketAddr>();
    (
        addr,
        tokio::spawn(async move { axum::serve(listener, app).await }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reporter_signs_in_searches_reads_and_checks_in_a_browser() {
    let s = served(true);
    let (addr, server) = on_loopback(&s).await;
    let hidden = s.ids_b.clone();
    let doc_a = s.ids_a[0].clone();
    let run = tokio::task::spawn_blocking(move || {
        let d = start_driver();
        let b = Browser::open(&d, format!("http://{addr}"));
        b.go("/search");
        assert_eq!(b.path(), "/login", "signed out: to the login page");
        b.type_in("#user", "viewer-a");
        b.type_in("#password", &format!("{PASSWORD}{ENTER}"));
        b.wait("signing in", |path, _| path.starts_with("/search"));
        // a search typed and sent with the keyboard
        b.type_in(
            "#q",
            &format!("collection:desk-a OR collection:desk-b{ENTER}"),
        );
        let page = b.wait("the hits", |_, src| src.contains("matching documents"));
        for id in &hidden {
            assert!(!page.contains(id.as_str()), "desk-b's {id} in {page}");
        }
        b.click("ol.hits a");
        b.wait("the document", |path, src| {
            path.starts_with("/documents/") && src.contains("Download the original")
        });
        b.go(&format!("/documents/{}", hidden[0]));
        assert!(b.source().contains("no document with id"));
        // the check page: paste, check, see the badges
        b.go("/check");
        b.type_in("#article", "Algeria update\n\nThe Algerian forces moved on the gas facility without notifying us, officials said.");
        b.click("main form button[type=submit]");
        let report = b.wait("the report", |_, src| src.contains("badge"));
        assert!(report.contains("Export Markdown"));
        // Arabic text shows right to left, English left to right
        b.go("/search?q=lang:ar");
        b.click("ol.hits a");
        b.wait("the Arabic document", |path, src| {
            path.starts_with("/documents/") && src.contains("class=\"text\"")
        });
        let dir =
            b.script("return getComputedStyle(document.querySelector('pre.text')).direction;");
        assert_eq!(dir, "rtl", "{}", b.source());
        b.go(&format!("/documents/{doc_a}"));
        let dir =
            b.script("return getComputedStyle(document.querySelector('pre.text')).direction;");
        assert_eq!(dir, "ltr");
    });
    let outcome = run.await;
    server.abort();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_starts_an_ingest_job_and_follows_it_to_its_end_in_a_browser() {
    let s = served(true);
    let (addr, server) = on_loopback(&s).await;
    let mime = common::fixtures().join("mime").display().to_string();
    let run = tokio::task::spawn_blocking(move || {
        let d = start_driver();
        let b = Browser::open(&d, format!("http://{addr}"));
        b.go("/login");
        b.type_in("#user", "owner-a");
        b.type_in("#password", &format!("{PASSWORD}{ENTER}"));
        b.wait("signing in", |path, _| path.starts_with("/search"));
        // the header links the ingest page; a path under the ingest root, sent with the keyboard
        b.click("header a[href='/jobs']");
        b.wait("the ingest page", |path, src| {
            path == "/jobs" && src.contains("id=\"path\"")
        });
        b.type_in("#path", &format!("{mime}{ENTER}"));
        // the job's page follows it (its script polls, then reloads it at the end)
        let page = b.wait("the job's end", |path, src| {
            path.starts_with("/jobs/") && src.contains("id=\"job-state\">done<")
        });
        assert!(
            page.contains(" added, ") && !page.contains("Cancel the job"),
            "{page}"
        );
        let errors = b.script("return document.querySelectorAll('.error').length;");
        assert_eq!(errors, 0, "{page}");
    });
    let outcome = run.await;
    server.abort();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
