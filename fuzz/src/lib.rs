//! The fuzz targets' entry points. `entry.rs` is also compiled into spoor's
//! regression test (`crates/spoor/tests/fuzz_regressions.rs`), so the inputs kept
//! from fuzz runs go through exactly the code the fuzzer drove.

pub mod entry;
