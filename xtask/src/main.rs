//! The repository's two entry points for a fresh machine:
//!
//! - `cargo xtask demo`: install what `spoor check` needs (Debian's FreeDict
//!   dictionaries) and what the tests need (notmuch, a peer for threads), then run
//!   the demo on the embedded default archive;
//! - `cargo xtask test`: the same set-up (and the browser and the OpenAPI
//!   validator the server's tests use), then `cargo test --workspace`.
//!
//! What cannot be installed is said in one line, with what it costs.

use std::path::Path;
use std::process::{Command, ExitCode};

/// The FreeDict pairs `spoor check` reads (X-eng, and eng-X read inverted).
const DICTIONARIES: [&str; 13] = [
    "nld-eng", "fra-eng", "deu-eng", "spa-eng", "ita-eng", "por-eng", "ara-eng", "eng-nld",
    "eng-fra", "eng-spa", "eng-ita", "eng-por", "eng-ara",
];
const DICT_DIR: &str = "/usr/share/dictd";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let args: Vec<String> = std::env::args().skip(2).collect();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    match task.as_str() {
        "demo" => {
            setup();
            run(Command::new(cargo)
                .args(["run", "--release", "-p", "spoor-cli", "--", "demo"])
                .args(&args))
        }
        "test" => {
            setup();
            run(Command::new(cargo)
                .args(["test", "--workspace"])
                .args(&args))
        }
        "setup" => {
            setup();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: cargo xtask demo | test [cargo test arguments] | setup");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: &mut Command) -> ExitCode {
    match cmd.status() {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(1, 255) as u8),
        Err(e) => {
            eprintln!("xtask: cannot run {cmd:?}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where Debian's `apertium-eng-spa` puts its Spanish analyser.
const APERTIUM_SPA: &str = "/usr/share/apertium/apertium-eng-spa/spa-eng.automorf.bin";
/// Where Debian's `apertium-spa-ita` puts its Italian analyser (Italian reaches
/// English through Spanish).
const APERTIUM_ITA: &str = "/usr/share/apertium/apertium-spa-ita/ita-spa.automorf.bin";
/// Where Debian's `apertium-fr-es` puts its French analyser (French reaches
/// English through Spanish, as Italian does).
const APERTIUM_FRA: &str = "/usr/share/apertium/apertium-fr-es/fr-es.automorf.bin";

/// Where Debian's `apertium-afr-nld` puts its Dutch analyser (Dutch words are
/// brought to their lemmas for FreeDict; no Dutch-English pair exists).
const APERTIUM_NLD: &str = "/usr/share/apertium/apertium-afr-nld/nld-afr.automorf.bin";

/// Debian's Apertium packages of the routes through Catalan, with a file each installs.
const APERTIUM_CATALAN: [(&str, &str); 4] = [
    ("apertium-eng-cat", "cat-eng.autobil.bin"),
    ("apertium-cat-ita", "ita-cat.automorf.bin"),
    ("apertium-fra-cat", "fra-cat.automorf.bin"),
    ("apertium-spa-cat", "spa-cat.automorf.bin"),
];

/// Where Debian's `wordnet-base` puts English WordNet (for English synonymy).
const WORDNET_FILE: &str = "/usr/share/wordnet/data.verb";

/// Where Debian's `notmuch` puts its command (a peer for the thread comparison test).
const NOTMUCH: &str = "/usr/bin/notmuch";

/// Where Debian's `chromium` and `chromium-driver` put the browser and its WebDriver.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The PyPI package spoor-server's test `routes` validates the OpenAPI document with, pinned.
const OPENAPI_VALIDATOR: &str = "openapi-spec-validator==0.9.0";
/// Its module.
const OPENAPI_VALIDATOR_MODULE: &str = "openapi_spec_validator";

/// Whether `python3` runs with `args` and succeeds.
fn python(args: &[&str]) -> bool {
    Command::new("python3")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The packages of the dictionaries, the notmuch peer, the browser and pip that are missing.
fn missing() -> Vec<String> {
    let mut need: Vec<String> = DICTIONARIES
        .iter()
        .filter(|p| {
            !Path::new(DICT_DIR)
                .join(format!("freedict-{p}.index"))
                .exists()
        })
        .map(|p| format!("dict-freedict-{p}"))
        .collect();
    if !Path::new(WORDNET_FILE).exists() {
        need.push("wordnet-base".to_string());
    }
    // Apertium's Spanish analyser and Spanish-English dictionary, run by lttoolbox's lt-proc
    if !Path::new(APERTIUM_SPA).exists() || !Path::new("/usr/bin/lt-proc").exists() {
        need.push("apertium-eng-spa".to_string());
        need.push("lttoolbox".to_string());
    }
    if !Path::new(APERTIUM_ITA).exists() {
        need.push("apertium-spa-ita".to_string());
    }
    if !Path::new(APERTIUM_FRA).exists() {
        need.push("apertium-fr-es".to_string());
    }
    if !Path::new(APERTIUM_NLD).exists() {
        need.push("apertium-afr-nld".to_string());
    }
    // the routes through Catalan (Italian, French and Spanish words the Spanish pairs lack)
    for (package, file) in APERTIUM_CATALAN {
        if !Path::new("/usr/share/apertium")
            .join(package)
            .join(file)
            .exists()
        {
            need.push(package.to_string());
        }
    }
    // the peer whose threads the test notmuch_threads compares spoor's with
    if !Path::new(NOTMUCH).exists() {
        need.push("notmuch".to_string());
    }
    // the browser that spoor-server's test `browser` drives, and its WebDriver
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        need.push("chromium".to_string());
        need.push("chromium-driver".to_string());
    }
    // pip, to install the OpenAPI validator from PyPI (Debian has no package of it)
    if !python(&["-c", &format!("import {OPENAPI_VALIDATOR_MODULE}")])
        && !python(&["-m", "pip", "--version"])
    {
        need.push("python3-pip".to_string());
    }
    need
}

/// Install the OpenAPI validator with pip unless it is importable; else say
/// in one line what that costs.
fn pip_setup() {
    let import = format!("import {OPENAPI_VALIDATOR_MODULE}");
    if python(&["-c", &import]) {
        return;
    }
    eprintln!("xtask: installing {OPENAPI_VALIDATOR} with pip");
    let mut args = vec!["-m", "pip", "install", "--quiet", "--break-system-packages"];
    if !is_root() {
        args.push("--user");
    }
    args.push(OPENAPI_VALIDATOR);
    if !python(&args) || !python(&["-c", &import]) {
        eprintln!(
            "xtask: could not install {OPENAPI_VALIDATOR} (python3 -m pip install {OPENAPI_VALIDATOR}): without it spoor-server's test routes (the OpenAPI document validated) fails"
        );
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Install what the demo and the tests need: Debian packages, then the
/// OpenAPI validator from PyPI.
fn setup() {
    apt_setup();
    pip_setup();
}

/// Install the missing dictionaries, peer, browser and pip with apt-get where
/// this process may; else say in one line what is missing and what it costs.
fn apt_setup() {
    let need = missing();
    if need.is_empty() {
        return;
    }
    let root = is_root();
    let has_apt = Path::new("/usr/bin/apt-get").exists();
    if root && has_apt {
        eprintln!("xtask: installing {}", need.join(" "));
        let update = Command::new("apt-get").args(["update", "-qq"]).status();
        let install = Command::new("apt-get")
            .args(["install", "-y", "-qq"])
            .args(&need)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
        if update.is_ok_and(|s| s.success()) && install.is_ok_and(|s| s.success()) {
            return;
        }
    }
    let still = missing();
    if !still.is_empty() {
        let lexicons = still.iter().any(|p| {
            !["notmuch", "chromium", "chromium-driver", "python3-pip"].contains(&p.as_str())
        });
        let browser = still.iter().any(|p| p.starts_with("chromium"));
        let peer = still.iter().any(|p| p == "notmuch");
        let pip = still.iter().any(|p| p == "python3-pip");
        eprintln!(
            "xtask: could not install {} ({}):{}{}{}{}",
            still.join(" "),
            if !has_apt {
                "no apt-get on this machine"
            } else if !root {
                "run as root, or apt-get install them yourself"
            } else {
                "apt-get failed"
            },
            if lexicons {
                " spoor check then crosses languages only through names, dates, numbers and cognates, and the check tests that need the lexicons fail;"
            } else {
                ""
            },
            if peer {
                " without notmuch the test notmuch_threads (spoor's threads against notmuch's) fails"
            } else {
                ""
            },
            if browser {
                " without chromium and chromium-driver spoor-server's test browser fails"
            } else {
                ""
            },
            if pip {
                " without pip the OpenAPI validator cannot be installed and spoor-server's test routes fails"
            } else {
                ""
            }
        );
    }
}
