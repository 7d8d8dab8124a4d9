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

#[cfg(test)]
mod tests {
    use super::super::testkit::{Pipeline, TestLexicon, doc, empty_archive, party, source};
    use super::*;

    #[test]
    fn the_relays_of_the_passage_and_of_the_sentences_before_it_are_cited() {
        let lead = [
            "Sources in Bamako report unrest.".to_string(),
            "The talks stalled.".to_string(),
        ];
        let passage = "According to a very sensitive source, the consul was freed.";
        assert_eq!(
            cited(passage, &lead, "en"),
            [
                "According to a very sensitive source",
                "Sources in Bamako report unrest"
            ]
        );
        assert!(cited("The consul was freed.", &[], "en").is_empty());
    }

    #[test]
    fn the_document_is_named_by_sender_date_and_reference_number() {
        let tr = TestLexicon::english();
        let a = empty_archive();
        let mut d = doc("d", "The consul was freed.");
        d.date = chrono::DateTime::parse_from_rfc3339("2012-04-14T10:00:00Z")
            .ok()
            .map(|x| x.to_utc());
        d.doc_no = Some("C0001".into());
        assert_eq!(
            document(&source(d.clone(), &a, &tr), &a.archive),
            "(sender unknown), 2012-04-14, C0001"
        );
        // the sender of another rendition with the same reference number
        let mut sibling = doc("s", "The consul was freed.");
        sibling.from = Some(party("Jane Doe"));
        sibling.doc_no = Some("C0001".into());
        let s = crate::trace::retrieve::source_doc(d, vec![sibling], &a.archive, &tr);
        assert_eq!(document(&s, &a.archive), "Jane Doe, 2012-04-14, C0001");
    }

    #[test]
    fn a_claim_resting_on_a_passage_gets_its_chain_and_one_resting_on_none_does_not() {
        let mut memo = doc(
            "m",
            "According to a very sensitive source, the governor of Kidal met the mediators in Bamako.",
        );
        memo.from = Some(party("Jane Doe"));
        let p = Pipeline::new(
            "Title here\n\nThe governor of Kidal reportedly met the mediators in Bamako.\n\nThe president of France visited Chad.",
            vec![memo],
        );
        let attach_to = |start: &str| {
            let c = p.claim(start);
            attach(p.judge(start), c, &p.sources, &p.passages, &p.arc.archive)
        };
        let r = attach_to("The governor");
        let chain = r.chain.as_ref().expect("a chain");
        assert_eq!(chain.article, ["reportedly"]);
        assert_eq!(chain.document, "Jane Doe");
        assert_eq!(chain.cited, ["According to a very sensitive source"]);
        assert_eq!(r.attribution, chain.cited);
        let r = attach_to("The president");
        assert!(r.chain.is_none() && r.attribution.is_empty());
    }
}
