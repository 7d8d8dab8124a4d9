//! [`Archive::highlights`]: the words a query matches in a whole text, found
//! with the index's own analysis.

use super::{Archive, IngestOptions, MAX_HIGHLIGHTED_BYTES, Quiet};

const TEXT: &str = "The harbour authority confirmed on Monday that the ferry service moved to the \
western terminal after inspectors found cracks in the concrete pylons of the eastern pier, and \
the engineers expect the repairs to take nine months because the steel has to be ordered.";

fn archive() -> (Archive, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("a source directory");
    let mail = format!(
        "From: Ann <ann@example.org>\nTo: Bob <bob@example.org>\nDate: Mon, 2 Mar 2015 10:00:00 +0000\nSubject: Pier\nMessage-ID: <h1@example.org>\n\n{TEXT}\n"
    );
    std::fs::write(src.join("h.eml"), mail).expect("a source file");
    let arc = dir.path().join("archive");
    let mut a = Archive::open(&arc).expect("a new archive");
    let r = a
        .ingest(&[src], &IngestOptions::default(), &Quiet)
        .expect("ingest");
    assert_eq!(r.added, 1, "{r:?}");
    a.close().expect("close");
    (Archive::open_read(&arc).expect("the archive"), dir)
}

fn marked<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Vec<&'a str> {
    ranges.iter().map(|&(a, b)| &text[a..b]).collect()
}

#[test]
fn a_query_marks_every_stemmed_match_of_a_whole_text() {
    let (a, _dir) = archive();
    let tail = format!("{TEXT} And later the ferries were moving again.");
    let h = a
        .highlights("moving ferry", "en", &[&tail, "", "nothing to see"])
        .expect("highlights");
    assert_eq!(h.len(), 3);
    assert_eq!(
        marked(&tail, &h[0]),
        ["ferry", "moved", "ferries", "moving"],
        "{:?}",
        h[0]
    );
    assert!(h[1].is_empty() && h[2].is_empty(), "{h:?}");
    // words only a field matches, and prefixes, are not body words
    let h = a.highlights("from:ann", "en", &[TEXT]).expect("highlights");
    assert!(h[0].is_empty(), "{h:?}");
    assert!(a.highlights("(((", "en", &[TEXT]).is_err());
}

#[test]
fn only_the_first_bytes_of_a_long_text_are_marked() {
    let (a, _dir) = archive();
    let long = format!("pier {}pier", "x ".repeat(MAX_HIGHLIGHTED_BYTES / 2 + 10));
    let h = a.highlights("pier", "en", &[&long]).expect("highlights");
    assert_eq!(h[0], [(0, 4)], "the second pier lies past the bound");
}
