//! Scoring: every checkable claim against every passage it touches — the share
//! of its concepts the passage (or the passage with its next sentence) carries,
//! with a bonus for a quotation or a date found there.

use super::bag::{self, Concept};
use super::claims::{self, Claim};
use super::passages::Passage;
use crate::lang::lexicon::Translator;
use std::collections::{HashMap, HashSet};

/// Weight of a passage paired with its next sentence against the passage alone.
const PAIR_DISCOUNT: f32 = 0.92;
/// Bonus when a quotation of the claim is found in the passage.
const QUOTE_BONUS: f32 = 0.12;
/// Bonus when a date of the claim is found in the passage.
const DATE_BONUS: f32 = 0.05;

/// The scores of a check.
pub(super) struct Scores {
    /// Per claim: (passage, score) for every passage with a score above zero.
    pub per_claim: Vec<Vec<(usize, f32)>>,
    /// (claim, document) → the best score of the claim in the document.
    pub best_per_doc: HashMap<(usize, usize), f32>,
    /// (claim, passage) pairs where the passage with its next sentence scored better.
    pub pair_wins: HashSet<(usize, usize)>,
}

/// Score the checkable claims against the passages.
pub(super) fn claims_against_passages(
    claims: &[Claim],
    checkable: &[usize],
    concepts: &[Vec<Concept>],
    passages: &[Passage],
    lang: &str,
    tr: &dyn Translator,
) -> Scores {
    let mut best_per_doc: HashMap<(usize, usize), f32> = HashMap::new();
    let mut scores: Vec<Vec<(usize, f32)>> = vec![Vec::new(); claims.len()];
    let quote_concepts: Vec<Vec<Vec<Concept>>> = claims
        .iter()
        .map(|c| {
            c.quotes
                .iter()
                .map(|q| {
                    bag::concepts(
                        lang,
                        &claims::content_words(lang, q),
                        &claims::names(lang, q),
                        tr,
                    )
                })
                .collect()
        })
        .collect();
    let mut pair_wins: HashSet<(usize, usize)> = HashSet::new();
    for &ci in checkable {
        for (pi, p) in passages.iter().enumerate() {
            if !p.pair.touches(&concepts[ci]) {
                continue;
            }
            let single = bag::coverage(&concepts[ci], &p.bag);
            let pair = PAIR_DISCOUNT * bag::coverage(&concepts[ci], &p.pair);
            if pair > single {
                pair_wins.insert((ci, pi));
            }
            let mut s = single.max(pair);
            // a quotation or a date found in the passage is strong evidence
            if quote_concepts[ci]
                .iter()
                .any(|q| !q.is_empty() && bag::coverage(q, &p.bag) >= 0.8)
            {
                s += QUOTE_BONUS;
            }
            let pdates = &p.dates;
            if claims[ci]
                .dates
                .iter()
                .any(|d| pdates.iter().any(|x| d.compatible(x) && x.year.is_some()))
            {
                s += DATE_BONUS;
            }
            let s = s.min(1.0);
            if s > 0.0 {
                scores[ci].push((pi, s));
                let e = best_per_doc.entry((ci, p.doc)).or_insert(0.0);
                *e = e.max(s);
            }
        }
    }
    Scores {
        per_claim: scores,
        best_per_doc,
        pair_wins,
    }
}
