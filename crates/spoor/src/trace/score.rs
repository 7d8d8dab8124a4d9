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
        .map(|c| quotes_concepts(c, lang, tr))
        .collect();
    let mut pair_wins: HashSet<(usize, usize)> = HashSet::new();
    for &ci in checkable {
        for (pi, p) in passages.iter().enumerate() {
            if !p.pair.touches(&concepts[ci]) {
                continue;
            }
            let (s, pair_won) = passage_score(&claims[ci], &concepts[ci], &quote_concepts[ci], p);
            if pair_won {
                pair_wins.insert((ci, pi));
            }
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

/// The concepts of each quotation of a claim.
fn quotes_concepts(c: &Claim, lang: &str, tr: &dyn Translator) -> Vec<Vec<Concept>> {
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
}

/// A claim's score against a passage (at most 1), and whether the passage with
/// its next sentence scored better than the passage alone.
fn passage_score(
    claim: &Claim,
    concepts: &[Concept],
    quotes: &[Vec<Concept>],
    p: &Passage,
) -> (f32, bool) {
    // the metadata sentence of an e-mail carries a claim about the document,
    // or one whose every name is among its parties and subject; not a claim
    // about the world that shares a subject word and a month with it
    if p.metadata
        && !claim.names_document
        && concepts
            .iter()
            .any(|c| c.kind == bag::Kind::Name && p.bag.find(c).0 == 0.0)
    {
        return (0.0, false);
    }
    let single = bag::coverage(concepts, &p.bag);
    let pair = PAIR_DISCOUNT * bag::coverage(concepts, &p.pair);
    let mut s = single.max(pair);
    // a quotation or a date found in the passage is strong evidence
    if quotes
        .iter()
        .any(|q| !q.is_empty() && bag::coverage(q, &p.bag) >= 0.8)
    {
        s += QUOTE_BONUS;
    }
    if claim
        .dates
        .iter()
        .any(|d| p.dates.iter().any(|x| d.compatible(x) && x.year.is_some()))
    {
        s += DATE_BONUS;
    }
    (s.min(1.0), pair > single)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Pipeline, TestLexicon, doc, empty_archive, source};
    use super::*;

    const MEMO: &str = "The rebels attacked the villages of the northern province on February 12, 2012. The army sent reinforcements to Kidal the next morning.\n\nThe governor of Kidal met the mediators in Bamako.\n\nLunch moves to Friday at the hotel restaurant.";

    fn score_of(p: &Pipeline, claim: &str, passage: &str) -> Option<f32> {
        let (c, pi) = (p.claim(claim).index, p.passage(passage));
        p.scores.per_claim[c]
            .iter()
            .find(|(x, _)| *x == pi)
            .map(|x| x.1)
    }

    #[test]
    fn a_claim_scores_best_against_the_passage_that_carries_it() {
        let p = Pipeline::new(
            "Title here\n\nThe governor of Kidal met the mediators in Bamako.",
            vec![doc("d", MEMO)],
        );
        let own = score_of(&p, "The governor", "The governor").expect("scored");
        let other = score_of(&p, "The governor", "The army").expect("Kidal is there too");
        assert!(own > 0.9 && own > other, "{own} {other}");
        // a passage that shares none of the claim's concepts is not scored
        assert_eq!(score_of(&p, "The governor", "Lunch"), None);
        let ci = p.claim("The governor").index;
        assert_eq!(p.scores.best_per_doc.get(&(ci, 0)), Some(&own));
        // the title is not checkable: it has no scores
        assert!(p.scores.per_claim[0].is_empty());
    }

    #[test]
    fn a_claim_that_compresses_two_sentences_scores_on_the_pair() {
        let p = Pipeline::new(
            "Title here\n\nThe rebels attacked the villages and the army sent reinforcements to Kidal.",
            vec![doc("d", MEMO)],
        );
        let ci = p.claim("The rebels").index;
        let first = p.passage("The rebels");
        assert!(
            p.scores.pair_wins.contains(&(ci, first)),
            "{:?}",
            p.scores.pair_wins
        );
        let single = bag::coverage(&p.concepts[ci], &p.passages[first].bag);
        let paired = score_of(&p, "The rebels", "The rebels").expect("scored");
        assert!(paired > single, "{paired} {single}");
        assert!(
            (paired - PAIR_DISCOUNT * bag::coverage(&p.concepts[ci], &p.passages[first].pair))
                .abs()
                < 1e-6
        );
    }

    #[test]
    fn the_metadata_sentence_carries_only_claims_about_the_document_or_its_people() {
        let mut memo = doc("d", MEMO);
        memo.subject = Some("Kidal outreach results".into());
        memo.date = chrono::DateTime::parse_from_rfc3339("2012-11-18T10:00:00Z")
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc));
        let p = Pipeline::new(
            "Title here\n\nGovernor Traore will visit Kidal in November.\n\nThe e-mail about Kidal outreach was sent in November.",
            vec![memo],
        );
        let meta = p
            .passages
            .iter()
            .position(|x| x.metadata)
            .expect("a metadata passage");
        assert!(
            p.passages[meta].text.starts_with("Email"),
            "{}",
            p.passages[meta].text
        );
        let scored = |start: &str| {
            let ci = p.claim(start).index;
            p.scores.per_claim[ci].iter().any(|(pi, _)| *pi == meta)
        };
        // the governor is no party of the e-mail: its subject and month do not carry him
        assert!(!scored("Governor Traore"));
        // a claim about the e-mail itself rests on its metadata
        assert!(scored("The e-mail"));
    }

    #[test]
    fn a_date_of_the_claim_in_the_passage_adds_its_bonus() {
        let article = "Title here\n\nThe rebels attacked the villages of the northern province on February 12, 2012.";
        let with_date = Pipeline::new(article, vec![doc("d", MEMO)]);
        let without = Pipeline::new(
            article,
            vec![doc(
                "d",
                &MEMO.replace("on February 12, 2012", "in the winter"),
            )],
        );
        let a = score_of(&with_date, "The rebels", "The rebels").expect("scored");
        let b = score_of(&without, "The rebels", "The rebels").expect("scored");
        assert!(a >= b + DATE_BONUS - 1e-6, "{a} {b}");
    }

    #[test]
    fn a_quotation_found_in_the_passage_adds_its_bonus() {
        let tr = TestLexicon::english();
        let a = empty_archive();
        let sources = [source(
            doc(
                "d",
                "The minister said the talks were a complete failure for everyone.",
            ),
            &a,
            &tr,
        )];
        let passages = crate::trace::passages::of_sources(&sources, &a.archive, false, &tr);
        let score = |text: &str| {
            let c = claims::analyse(0, "en", text);
            let cs = vec![claims::concepts_of(&c, "en", &tr)];
            claims_against_passages(&[c], &[0], &cs, &passages, "en", &tr).per_claim[0][0].1
        };
        let quoted = score("The minister of Mali called the talks \"a complete failure\".");
        let plain = score("The minister of Mali called the talks a complete failure.");
        assert!(
            (quoted - plain - QUOTE_BONUS).abs() < 1e-6,
            "{quoted} {plain}"
        );
    }

    #[test]
    fn an_english_synonym_carries_a_word() {
        let article = "Title here\n\nThe governor of Kidal saw the mediators in Bamako.";
        let plain = Pipeline::new(article, vec![doc("d", MEMO)]);
        let base = score_of(&plain, "The governor", "The governor").expect("scored");
        let tr = TestLexicon::english().synonyms(&[("saw", &["met", "meet"])]);
        let c = claims::analyse(
            0,
            "en",
            "The governor of Kidal saw the mediators in Bamako.",
        );
        let cs = vec![claims::concepts_of(&c, "en", &tr)];
        let s = claims_against_passages(&[c], &[0], &cs, &plain.passages, "en", &tr);
        let pi = plain.passage("The governor");
        let with = s.per_claim[0]
            .iter()
            .find(|x| x.0 == pi)
            .map(|x| x.1)
            .expect("scored");
        assert!(with > base, "{with} {base}");
    }
}
