//! Link `spoor` as a non-PIE executable: a position-independent executable of
//! this size pays tens of thousands of relocations at every start, which was half
//! the time of a one-query `spoor search --ids` (perf showed `_dl_relocate_object`).
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
