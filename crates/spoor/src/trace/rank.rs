//! Ranking the source documents: each by the share of the article's checkable
//! claims it carries; the first is the article's main source (which wins ties
//! among a claim's passages), and the report lists each record once.

use super::IN_SOURCE;
use super::bag::Bag;
use super::retrieve::SourceDoc;
use crate::archive::{Archive, Rendition};
use serde::Serialize;
use std::collections::HashMap;

/// A source document of the article.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Sender.
    pub from: Option<String>,
    /// Date (RFC 3339 UTC).
    pub date: Option<String>,
    /// Share of the article's checkable claims it carries (0 to 1).
    pub score: f32,
    /// The other renditions of this text in the archive (forwards, copies,
    /// re-releases); the source itself is the family's representative.
    pub renditions: Vec<Rendition>,
}

/// Sources listed in a report at most.
const LISTED: usize = 5;

/// The documents (index, share of the checkable claims carried), best first: a
/// claim counts for a document when its best score there reaches
/// [`Thresholds::in_source`](super::Thresholds::in_source). On equal shares (to
/// the hundredth) the rendition that carries a reference number comes first.
pub(super) fn documents(
    sources: &[SourceDoc],
    checkable: &[usize],
    best_per_doc: &HashMap<(usize, usize), f32>,
) -> Vec<(usize, f32)> {
    let mut ranked: Vec<(usize, f32)> = (0..sources.len())
        .map(|d| {
            let sum: f32 = checkable
                .iter()
                .map(|&ci| {
                    best_per_doc
                        .get(&(ci, d))
                        .copied()
                        .filter(|s| *s >= IN_SOURCE)
                        .unwrap_or(0.0)
                })
                .sum();
            let share = if checkable.is_empty() {
                0.0
            } else {
                sum / checkable.len() as f32
            };
            (d, share)
        })
        .collect();
    let key = |s: f32| (s * 100.0).round() as i64;
    let numbered = |d: usize| sources[d].doc.doc_no.is_some();
    ranked.sort_by(|a, b| {
        key(b.1)
            .cmp(&key(a.1))
            .then_with(|| numbered(b.0).cmp(&numbered(a.0)))
    });
    ranked
}

/// The article's main source: the first-ranked document, when it carries any claim.
pub(super) fn main_source(ranked: &[(usize, f32)]) -> Option<usize> {
    ranked.first().filter(|(_, s)| *s > 0.0).map(|(d, _)| *d)
}

/// Whether two documents are renditions of one text: nine in ten of their words shared.
pub(super) fn renditions(a: &Bag, b: &Bag) -> bool {
    let (small, large) = if a.folded_set.len() <= b.folded_set.len() {
        (a, b)
    } else {
        (b, a)
    };
    if small.folded_set.len() < 20 {
        return false;
    }
    let shared = small
        .folded_set
        .iter()
        .filter(|w| large.folded_set.contains(*w))
        .count();
    shared * 10 >= large.folded_set.len() * 9
}

/// The sources a report lists, best first, at most five: those that carry a
/// claim, one entry per record (another rendition of a listed document — the
/// same memo as e-mail and as release text — is not listed again).
pub(super) fn listed(
    ranked: &[(usize, f32)],
    sources: &[SourceDoc],
    archive: &Archive,
) -> Vec<SourceRef> {
    let mut listed: Vec<usize> = Vec::new();
    for &(di, s) in ranked {
        if s > 0.0
            && !listed
                .iter()
                .any(|&l| renditions(&sources[l].bag, &sources[di].bag))
        {
            listed.push(di);
        }
    }
    ranked
        .iter()
        .filter(|(di, s)| *s > 0.0 && listed.contains(di))
        .take(LISTED)
        .map(|&(di, score)| source_ref(&sources[di], score, archive))
        .collect()
}

/// A source document as a report lists it.
fn source_ref(s: &SourceDoc, score: f32, archive: &Archive) -> SourceRef {
    let d = &s.doc;
    SourceRef {
        renditions: s
            .siblings
            .iter()
            .filter(|x| x.family_key() == d.family_key())
            .map(|x| Rendition::of(x, false))
            .collect(),
        id: d.id.clone(),
        doc_no: d.doc_no.clone(),
        subject: d.subject.clone(),
        from: d.from.as_ref().map(|f| archive.display_party(f)),
        date: d
            .date
            .map(|x| x.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        score: (score * 100.0).round() / 100.0,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{TestArchive, TestLexicon, doc, empty_archive, source};
    use super::*;

    const LONG: &str = "The rebels in the north took Gao and Timbuktu in early April, the consulate was attacked, the consul and several staff members were taken hostage, and a group calling itself MUJAO claimed the kidnapping while Mauritania offered to mediate.";

    fn sources(docs: &[(&str, Option<&str>)], a: &TestArchive) -> Vec<SourceDoc> {
        let tr = TestLexicon::english();
        docs.iter()
            .map(|(body, doc_no)| {
                let mut d = doc(&format!("id{}", body.len()), body);
                d.doc_no = doc_no.map(str::to_string);
                source(d, a, &tr)
            })
            .collect()
    }

    fn best(pairs: &[((usize, usize), f32)]) -> HashMap<(usize, usize), f32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn documents_rank_by_the_share_of_claims_they_carry() {
        let a = empty_archive();
        let s = sources(&[("one text here", None), ("another text", None)], &a);
        // claim 1 is below the threshold in document 0: it does not count there
        // (counted, document 0 would carry 0.55 and come first)
        let b = best(&[((0, 0), 0.9), ((1, 0), 0.2), ((0, 1), 0.4), ((1, 1), 0.6)]);
        let ranked = documents(&s, &[0, 1], &b);
        let order: Vec<usize> = ranked.iter().map(|r| r.0).collect();
        assert_eq!(order, [1, 0]);
        assert!((ranked[0].1 - 0.5).abs() < 1e-6 && (ranked[1].1 - 0.45).abs() < 1e-6);
        assert_eq!(main_source(&ranked), Some(1));
    }

    #[test]
    fn on_equal_shares_the_numbered_rendition_comes_first() {
        let a = empty_archive();
        let s = sources(
            &[("one text here", None), ("another text", Some("C05798096"))],
            &a,
        );
        let b = best(&[((0, 0), 0.6), ((0, 1), 0.6)]);
        assert_eq!(documents(&s, &[0], &b), [(1, 0.6), (0, 0.6)]);
    }

    #[test]
    fn no_main_source_when_no_document_carries_a_claim() {
        let a = empty_archive();
        let s = sources(&[("one text here", None)], &a);
        let ranked = documents(&s, &[0], &best(&[((0, 0), 0.2)]));
        assert_eq!(ranked, [(0, 0.0)]);
        assert_eq!(main_source(&ranked), None);
        assert_eq!(documents(&s, &[], &HashMap::new()), [(0, 0.0)]);
    }

    #[test]
    fn renditions_of_a_record_are_listed_once() {
        let a = empty_archive();
        let copy = format!("{LONG} Sent from the embassy.");
        let s = sources(
            &[
                (LONG, Some("C1")),
                (&copy, None),
                ("another text", None),
                ("unused", None),
            ],
            &a,
        );
        assert!(renditions(&s[0].bag, &s[1].bag));
        assert!(!renditions(&s[0].bag, &s[2].bag));
        let ranked = [(0, 0.8), (1, 0.8), (2, 0.5), (3, 0.0)];
        let listed = listed(&ranked, &s, &a.archive);
        let ids: Vec<(&str, f32)> = listed.iter().map(|r| (r.id.as_str(), r.score)).collect();
        assert_eq!(
            ids,
            [(s[0].doc.id.as_str(), 0.8), (s[2].doc.id.as_str(), 0.5)]
        );
        assert_eq!(listed[0].doc_no.as_deref(), Some("C1"));
    }
}
