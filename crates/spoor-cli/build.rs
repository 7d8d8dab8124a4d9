//! Build steps of the `spoor` binary:
//! - link it as a non-PIE executable: a position-independent executable of this
//!   size pays tens of thousands of relocations at every start, which was half the
//!   time of a one-query `spoor search --ids` (perf showed `_dl_relocate_object`);
//! - compile the fixtures into it for `spoor demo` (every file under `fixtures/`
//!   but the malformed ones and the expected readings), so the demo needs nothing else.

use std::path::{Path, PathBuf};

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        if first == "malformed" || first == "expected" || rel.as_os_str() == "README.md" {
            continue;
        }
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            out.push(rel);
        }
    }
}

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest.join("../../fixtures");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let mut code = String::from(
        "/// Every fixture (path relative to fixtures/, bytes), compiled in.\npub const FIXTURES: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        let rel = f.to_string_lossy().replace('\\', "/");
        let abs = root.join(f);
        println!("cargo:rerun-if-changed={}", abs.display());
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("fixtures.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
