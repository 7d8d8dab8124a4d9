//! Every fixture in `fixtures/mime`, `fixtures/foia`, `fixtures/release`, `fixtures/cables`, `fixtures/docs`, `fixtures/html`,
//! `fixtures/pdf` and `fixtures/exports` is read and compared with the expected
//! reading in `fixtures/expected/<folder>/<file>.json` (in the style of mail-parser's test corpus).
//! Run with `SPOOR_BLESS=1` to write the `.json` files after a deliberate change,
//! then review the diff.

use serde_json::{Value, json};
use spoor::internals::ingest::{self, Unit};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn project(docs: &[spoor::Document]) -> Value {
    Value::Array(
        docs.iter()
            .map(|d| {
                json!({
                    "kind": d.kind,
                    "subject": d.subject,
                    "from": d.from.as_ref().map(|p| json!({"name": p.name, "address": p.address})),
                    "to": d.to.iter().map(|p| json!({"name": p.name, "address": p.address})).collect::<Vec<_>>(),
                    "cc": d.cc.iter().map(|p| json!({"name": p.name, "address": p.address})).collect::<Vec<_>>(),
                    "date": d.date.map(|x| x.to_rfc3339()),
                    "message_id": d.message_id,
                    "in_reply_to": d.in_reply_to,
                    "doc_no": d.doc_no,
                    "case_no": d.case_no,
                    "release_date": d.release_date,
                    "release_status": d.release_status,
                    "classification": d.classification,
                    "redactions": d.redactions,
                    "language": d.language,
                    "body": d.body,
                    "quoted": d.quoted,
                    "signature": d.signature,
                    "attachments": d.attachments.iter().map(|a| json!({
                        "name": a.name, "content_type": a.content_type,
                        "text": a.text.as_ref().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
                        "is_message": a.document_id.is_some()})).collect::<Vec<_>>(),
                    "has_parent": d.parent.is_some(),
                })
            })
            .collect(),
    )
}

fn read_file(path: &Path) -> Result<Vec<spoor::Document>, String> {
    let file = ingest::walk::InputFile {
        path: path.to_path_buf(),
        size: 0,
        folder: None,
        in_maildir: false,
    };
    let mut units: Vec<Unit> = Vec::new();
    ingest::walk::units_of(&file, &mut |u| units.push(u)).map_err(|e| e.to_string())?;
    let mapping = if path.extension().is_some_and(|e| e == "csv") {
        Some(
            ingest::Mapping::parse(
                &std::fs::read_to_string(path.with_file_name("kaggle.map"))
                    .map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?,
        )
    } else {
        None
    };
    let mut docs = Vec::new();
    for u in units {
        docs.extend(
            ingest::parse_unit(&u, mapping.as_ref())
                .map_err(|e| e.to_string())?
                .docs,
        );
    }
    Ok(docs)
}

#[test]
fn fixtures_read_as_expected() {
    let bless = std::env::var_os("SPOOR_BLESS").is_some();
    let mut checked = 0;
    for dir in [
        "mime", "mail", "foia", "docs", "html", "pdf", "exports", "release", "cables",
    ] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .expect("fixture dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_none_or(|e| e != "map"))
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().expect("name").to_string_lossy().to_string();
            let expected_path = root()
                .join("expected")
                .join(dir)
                .join(format!("{name}.json"));
            let got = match read_file(&p) {
                Ok(docs) => project(&docs),
                Err(e) => json!({"error": e}),
            };
            if bless {
                std::fs::write(
                    &expected_path,
                    serde_json::to_string_pretty(&got).expect("json") + "\n",
                )
                .expect("write");
            }
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(&expected_path)
                    .unwrap_or_else(|_| panic!("missing {}", expected_path.display())),
            )
            .expect("expected json");
            assert_eq!(
                got,
                expected,
                "fixture {} reads differently from its .json",
                p.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} fixtures checked");
}

#[test]
fn malformed_inputs_fail_cleanly_or_recover() {
    let m = root().join("malformed");
    let err = read_file(&m.join("empty.eml")).unwrap_err();
    assert!(err.contains("empty"), "{err}");
    let err = read_file(&m.join("junk.bin")).unwrap_err();
    assert!(err.contains("binary"), "{err}");
    // recoverable: what can be read is kept
    let t = read_file(&m.join("truncated.eml")).expect("truncated MIME keeps its readable part");
    assert!(t[0].body.contains("This part survives"));
    let b = read_file(&m.join("bad-base64.eml")).expect("bad base64 still gives a document");
    assert_eq!(b[0].subject.as_deref(), Some("Broken base64 body"));
    let w = read_file(&m.join("wrong-charset.eml")).expect("wrong charset label still gives text");
    assert!(w[0].body.contains("Bamako"), "{}", w[0].body);
}

#[test]
fn the_seed_memo_reads_alike_in_three_forms() {
    let foia = read_file(&root().join("seed/C05798096.txt")).expect("foia");
    let eml = read_file(&root().join("mail/memo-C05798096.eml")).expect("eml");
    let mbox = read_file(&root().join("mail/seed.mbox")).expect("mbox");
    assert_eq!(foia.len(), 1);
    assert_eq!(foia[0].doc_no.as_deref(), Some("C05798096"));
    assert_eq!(foia[0].case_no.as_deref(), Some("F-2014-20439"));
    assert_eq!(foia[0].release_date.as_deref(), Some("2016-01-07"));
    assert_eq!(foia[0].release_status.as_deref(), Some("RELEASE IN FULL"));
    assert_eq!(
        foia[0].date.map(|d| d.format("%F").to_string()).as_deref(),
        Some("2013-01-18")
    );
    assert!(
        !foia[0].body.contains("Department of State"),
        "page header must be stripped"
    );
    assert!(
        foia[0].body.contains("Belmohktar"),
        "the source's own spellings are kept as they are"
    );
    // the memo's heading: For: / From: / Re:
    assert_eq!(
        foia[0].subject.as_deref(),
        Some("Latest French Intelligence Reports on Algerian Hostage Crisis")
    );
    assert_eq!(
        foia[0].from.as_ref().map(|p| p.key()).as_deref(),
        Some("sid")
    );
    assert_eq!(foia[0].to[0].key(), "hillary");
    assert_eq!(mbox.len(), 3);
    assert_eq!(
        mbox[0].id, eml[0].id,
        "the same message in an mbox and an .eml has one id"
    );
    assert_eq!(
        mbox[1].in_reply_to,
        [mbox[0].message_id.clone().expect("id")]
    );
    assert!(
        mbox[2].body.contains("\nFrom now on"),
        "mbox >From escape undone: {}",
        mbox[2].body
    );
    for d in [&foia[0], &eml[0]] {
        assert!(
            d.body
                .contains("Belmokhtar concentrated his operations in Mali")
        );
        assert_eq!(d.language, "en");
    }
}

#[test]
fn detection_is_by_content_not_extension() {
    // an .eml that is really a FOIA text, a .txt that is really an e-mail
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("release.eml");
    std::fs::copy(root().join("seed/C05798096.txt"), &a).expect("copy");
    let b = dir.path().join("message.txt");
    std::fs::copy(root().join("mime/qp-latin1.eml"), &b).expect("copy");
    assert_eq!(
        read_file(&a).expect("a")[0].doc_no.as_deref(),
        Some("C05798096")
    );
    assert_eq!(
        read_file(&b).expect("b")[0].message_id.as_deref(),
        Some("qp1@example.fr")
    );
}
