//! The labelled evaluation set (eval/): retellings of the seed memo in six
//! languages with controlled changes, scored by `spoor eval`.

mod common;
use serde_json::Value;

#[test]
fn the_evaluation_set_scores_as_documented() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args(["eval", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("run spoor eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("json");
    let langs = r["languages"].as_object().expect("languages");
    for l in ["nl", "fr", "de", "es", "it", "en"] {
        assert!(langs.contains_key(l), "no {l} case");
    }
    let o = &r["overall"];
    let right = o["verdicts_right"].as_u64().unwrap_or(0);
    let claims = o["claims"].as_u64().unwrap_or(1);
    eprintln!(
        "eval: {right}/{claims} verdicts, kinds {}/{}",
        o["kinds_found"], o["kinds_expected"]
    );
    // measured 55/60 and 22/24 when this test was written (docs/EVALUATION.md); a drop is a regression
    assert!(
        right * 100 >= claims * 88,
        "verdict accuracy {right}/{claims}"
    );
    assert!(
        o["kinds_found"].as_u64().unwrap_or(0) * 100
            >= o["kinds_expected"].as_u64().unwrap_or(1) * 85
    );
    assert_eq!(
        o["top1_right"], o["articles"],
        "the retold memo is the top source of every article"
    );
}
