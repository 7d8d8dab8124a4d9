//! Inputs found by the fuzz targets (`fuzz/`, docs/RELIABILITY.md "Fuzzing"), kept
//! under `tests/fuzz-regressions/<target>/`: each runs through the same entry point
//! the fuzzer drove (`fuzz/src/entry.rs`, compiled in here) and must not panic, must
//! finish in bounded time and must give text in proportion to its size.

#[path = "../../../fuzz/src/entry.rs"]
mod entry;

use std::path::Path;
use std::time::{Duration, Instant};

/// Far above what any kept input takes (they take milliseconds once fixed); the
/// fuzzer's own limit is 10 s on an optimised build.
const TIME_BOUND: Duration = Duration::from_secs(20);

#[test]
fn fuzz_findings_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fuzz-regressions")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut ran = 0;
    let mut failures = Vec::new();
    for dir in dirs {
        let target = dir.file_name().expect("name").to_string_lossy().to_string();
        assert!(
            entry::TARGETS.contains(&target.as_str()),
            "{target} is not a fuzz target"
        );
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("target dir")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).expect("input");
            let start = Instant::now();
            let got = std::panic::catch_unwind(|| entry::run(&target, &data));
            let took = start.elapsed();
            let name = format!(
                "{target}/{}",
                f.file_name().expect("name").to_string_lossy()
            );
            match got {
                Ok(Some(out)) if out <= entry::output_bound(data.len()) => {}
                Ok(Some(out)) => failures.push(format!("{name}: {out} bytes of text")),
                Ok(None) => failures.push(format!("{name}: unknown target")),
                Err(_) => failures.push(format!("{name}: panicked")),
            }
            if took > TIME_BOUND {
                failures.push(format!("{name}: took {took:?}"));
            }
            ran += 1;
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        ran > 0,
        "no regression input found under {}",
        root.display()
    );
}
