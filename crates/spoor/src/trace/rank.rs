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
