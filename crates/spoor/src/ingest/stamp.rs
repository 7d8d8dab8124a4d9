//! The page stamps of a State Department FOIA release, found and taken out of the
//! text. The stamp (`UNCLASSIFIED U.S. Department of State Case No. F-2014-20439
//! Doc No. C05700001 Date: 05/13/2015`) repeats on every page; OCR breaks it over
//! several lines, damages its labels and digits (`Case No. F:2014-20439`,
//! `Doc No. CO5773013`), and the documents produced to Congress set it in a
//! column (`Case No. …` / `Doc No. …` / `Date: …` on lines of their own) beside
//! production legends and Bates numbers. Every stamp is read; the file's case
//! number, document number and release date are the values most stamps agree on.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A whole stamp; whitespace (newlines too) may separate its parts, and a few
/// characters of OCR debris may stand between `Case No.` and the number.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:UNCLASSIFIED\s+)?U\.?\s?S\.?\s+Department\s+of\s+State\s+",
        r"Case\s+No\b[\.:\s]{0,3}(?:\S{1,4}\s+)?\S{0,4}?(?P<case>\d{4}-\d{5})\W{0,2}\s+",
        r"Doc\s+No\b[\.:\s]{0,3}\s*(?P<doc>[A-Z][0-9O]{7,9})\s+",
        r"Date\b[\.:\s]{0,3}\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    ))
    .expect("static regex")
});

/// What is left of a stamp that OCR cut short: a line that starts like one.
static FRAGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?im)^[^\S\n]*(?:",
        r"(?:UNCLASSIFIED\s+)?U\.?\s?S\.?\s+Department\s+of\s+State\s+Case\s+No\b.*",
        r"|\S{0,4}\d{4}-\d{5}\s+Doc\s+No\b.*",
        r"|Doc\s+No\b[\.:\s]{0,3}\s*[A-Z][0-9O]{7,9}(?:\s+Date\b.*)?",
        r"|\W{0,3}[A-Z][0-9O]{7,9}\s+Date\b[\.:\s]{0,3}\d{1,2}/\d{1,2}/\d{4}[^\S\n]*",
        r"|Case\s+No\b[\.:\s]{0,3}\S{0,4}\d{4}-\d{5}[^\S\n]*",
        r")$"
    ))
    .expect("static regex")
});

/// Production legends and Bates numbers of documents produced to Congress.
static LEGEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)STATE\s+DEPT\.?\s*-\s*PRODUCED\s+TO\s+HOUSE\s+SELECT\s+BENGHAZI\s+COMM\.?",
        r"|SUBJECT\s+TO\s+AGREEMENT\s+ON\s+SENSITIVE\s+INFORMATION\s+&\s+REDACTIONS\.?\s+NO\s+FOIA\s+WAIVER\.?",
        r"|\bSTATE-[A-Z0-9]{2,4}\d{6,}\b"
    ))
    .expect("static regex")
});

/// The stamp values of a release file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Case number, `F-2014-20439`.
    pub case_no: Option<String>,
    /// Document number, `C05700001`.
    pub doc_no: Option<String>,
    /// Release date as printed (`MM/DD/YYYY`).
    pub date: Option<String>,
    /// How many stamps were read.
    pub count: usize,
}

/// Take every stamp, stamp fragment and production legend out of `text`.
/// Returns the text without them and the values most stamps agree on.
pub fn scrub(text: &str) -> (String, Stamp) {
    let text = LEGEND.replace_all(text, "");
    let mut cases: HashMap<String, usize> = HashMap::new();
    let mut docs: HashMap<String, usize> = HashMap::new();
    let mut dates: HashMap<String, usize> = HashMap::new();
    let mut count = 0;
    let cleaned = STAMP.replace_all(&text, |c: &regex::Captures| {
        count += 1;
        *cases.entry(format!("F-{}", &c["case"])).or_default() += 1;
        *docs.entry(doc_number(&c["doc"])).or_default() += 1;
        *dates.entry(c["date"].to_string()).or_default() += 1;
        "\n"
    });
    let cleaned = FRAGMENT.replace_all(&cleaned, "").into_owned();
    let stamp = Stamp {
        case_no: majority(cases),
        doc_no: majority(docs),
        date: majority(dates),
        count,
    };
    (cleaned, stamp)
}

/// A document number with OCR's letter O in its digits made a zero.
fn doc_number(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, ch) in raw.chars().enumerate() {
        out.push(if i > 0 && matches!(ch, 'O' | 'o') {
            '0'
        } else {
            ch.to_ascii_uppercase()
        });
    }
    out
}

/// The most frequent value (ties to the smallest, so the choice is stable).
fn majority(m: HashMap<String, usize>) -> Option<String> {
    m.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line() {
        let (t, s) = scrub(
            "  UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05798096 Date: 01/07/2016\nbody\n",
        );
        assert_eq!(t.trim(), "body");
        assert_eq!(s.doc_no.as_deref(), Some("C05798096"));
        assert_eq!(s.case_no.as_deref(), Some("F-2014-20439"));
        assert_eq!(s.date.as_deref(), Some("01/07/2016"));
    }

    #[test]
    fn broken_over_lines_and_damaged() {
        let t = "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No.\n\nC05792033 Date: 01/07/2016\nfirst\nUNCLASSIFIED U.S. Department of State Case No. F:2014-20439 Doc No. CO5792033 Date: 01/07/2016\nsecond\n  UNCLASSIFIED U.S. Department of State Case No. r7\n      F-2014-20439 Doc No. C05792033 Date: 01/07/2016\nthird\nUNCLASSIFIED U.S. Department of State Case No. -2014-20439\nfourth";
        let (clean, s) = scrub(t);
        assert_eq!(s.doc_no.as_deref(), Some("C05792033"));
        assert_eq!(s.count, 3);
        let words: Vec<&str> = clean.split_whitespace().collect();
        assert_eq!(words, ["first", "second", "third", "fourth"]);
    }

    #[test]
    fn congress_layout() {
        let t = "UNCLASSIFIED                              STATE DEPT. - PRODUCED TO HOUSE SELECT BENGHAZI COMM.\nU.S. Department of State       SUBJECT TO AGREEMENT ON SENSITIVE INFORMATION & REDACTIONS. NO FOIA WAIVER.\nCase No. F-2015-04841\nDoc No. C05739545\nDate: 05/13/2015\n      RELEASE IN FULL\nFrom: X\n";
        let (clean, s) = scrub(t);
        assert_eq!(s.case_no.as_deref(), Some("F-2015-04841"));
        assert_eq!(s.doc_no.as_deref(), Some("C05739545"));
        assert!(!clean.contains("BENGHAZI"));
        assert!(clean.contains("RELEASE IN FULL"));
    }
}
