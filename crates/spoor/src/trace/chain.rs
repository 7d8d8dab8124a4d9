//! The attribution-chain stage: how the source itself knows what a claim
//! says — the article's own attribution words, the document the claim rests on
//! (sender, date, reference number) and the relays and hedges that govern the
//! passage in the source ("according to a very sensitive source").

use super::ClaimResult;
use super::claims::Claim;
use super::compare;
use super::passages::Passage;
use super::retrieve::SourceDoc;
use super::verdict::Judgement;
use crate::archive::Archive;
use crate::lang::profiles::for_code;
use serde::Serialize;

/// How the source itself knows what the claim says.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    /// The article's own attribution words.
    pub article: Vec<String>,
    /// The document: sender, date, reference number.
    pub document: String,
    /// The relays and hedges of the source ("according to a very sensitive source").
    pub cited: Vec<String>,
}

/// The claim's result with its chain, when it rests on a passage; the
/// source's relays and hedges become its attribution too.
pub(super) fn attach(
    j: Judgement,
    c: &Claim,
    sources: &[SourceDoc],
    passages: &[Passage],
    archive: &Archive,
) -> ClaimResult {
    let mut result = j.result;
    if let Some(rest) = j.rests_on {
        let p = &passages[rest.passage];
        let s = &sources[p.doc];
        let cited = cited(p.shown(rest.pair), &p.lead, &s.lang);
        result.attribution = cited.clone();
        result.chain = Some(Chain {
            article: c.attribution.clone(),
            document: document(s, archive),
            cited,
        });
    }
    result
}

/// The relays and hedges of the source that govern a passage: cue phrases of
/// the passage itself, then of the (at most three) sentences before it in its
/// paragraph, nearest first.
pub(super) fn cited(passage: &str, lead: &[String], lang: &str) -> Vec<String> {
    let hedges = for_code(lang).hedges;
    compare::cue_phrases(passage, hedges)
        .into_iter()
        .chain(
            lead.iter()
                .rev()
                .take(3)
                .flat_map(|l| compare::cue_phrases(l, hedges)),
        )
        .collect()
}

/// The document as the chain names it: its sender (from this rendition, or
/// another with the same reference number), date and reference number.
pub(super) fn document(s: &SourceDoc, archive: &Archive) -> String {
    let d = &s.doc;
    let sender = match &d.from {
        Some(f) => Some(f.clone()),
        None => s.siblings.iter().find_map(|x| x.from.clone()),
    };
    format!(
        "{}{}{}",
        sender
            .as_ref()
            .map(|f| archive.display_party(f))
            .unwrap_or_else(|| "(sender unknown)".into()),
        d.date
            .map(|x| format!(", {}", x.format("%Y-%m-%d")))
            .unwrap_or_default(),
        d.doc_no
            .as_ref()
            .map(|n| format!(", {n}"))
            .unwrap_or_default()
    )
}
