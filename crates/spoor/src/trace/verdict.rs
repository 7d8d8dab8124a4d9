//! The verdict stage: from a claim's scored passages, the passage it rests on
//! (the best-ranked one that carries its words, not only its names), whether it
//! rests on one at all, and how it differs from it — supported, altered,
//! contradicted or not in source, with the evidence and the differences a
//! fact-checker must see ([`compare`]). A claim about the documents' release
//! is checked against the main source's metadata instead.

use super::bag::{self, Bag, Concept};
use super::claims::Claim;
use super::compare::{self, Difference, SourceContext};
use super::passages::Passage;
use super::retrieve::{SourceDoc, metadata_sentence};
use super::score::Scores;
use super::{ClaimResult, Evidence, IN_SOURCE, THRESHOLDS};
use crate::archive::Archive;
use crate::lang::lexicon::Translator;
use crate::lang::when;
use serde::Serialize;

/// A verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The source says it.
    Supported,
    /// Close, with material differences.
    Altered,
    /// No passage in the archive carries it.
    NotInSource,
    /// The source says otherwise.
    Contradicted,
    /// Opinion, framing, no checkable content.
    NotCheckable,
}

impl Verdict {
    /// The verdict as written in reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Altered => "altered",
            Verdict::NotInSource => "not_in_source",
            Verdict::Contradicted => "contradicted",
            Verdict::NotCheckable => "not_checkable",
        }
    }
}

/// What the verdict stage reads of a check: the scored passages of the
/// article's claims and the documents they come from.
pub(super) struct Stage<'a> {
    /// The article's language.
    pub(super) lang: &'a str,
    /// The concepts of each claim, by claim index (empty when not checkable).
    pub(super) concepts: &'a [Vec<Concept>],
    /// The source documents.
    pub(super) sources: &'a [SourceDoc],
    /// Their passages.
    pub(super) passages: &'a [Passage],
    /// The claims' scores against the passages.
    pub(super) scores: &'a Scores,
    /// The article's main source: the document carrying the most claims.
    pub(super) top_doc: Option<usize>,
    /// The archive (for the names of parties).
    pub(super) archive: &'a Archive,
    /// The lexicon.
    pub(super) tr: &'a dyn Translator,
}

/// The passage a claim rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rest {
    /// Index of the passage.
    pub(super) passage: usize,
    /// Whether the passage is read with its next sentence.
    pub(super) pair: bool,
}

/// The verdict stage's result for one claim: the result without its chain,
/// and the passage the claim rests on (none when it rests on no passage).
pub(super) struct Judgement {
    /// Verdict, evidence and differences.
    pub(super) result: ClaimResult,
    /// The passage the claim rests on.
    pub(super) rests_on: Option<Rest>,
}

impl Judgement {
    fn unrooted(result: ClaimResult) -> Judgement {
        Judgement {
            result,
            rests_on: None,
        }
    }
}

/// A result with no differences and no chain.
fn bare(
    c: &Claim,
    verdict: Verdict,
    reason: Option<String>,
    evidence: Vec<Evidence>,
) -> ClaimResult {
    ClaimResult {
        index: c.index,
        text: c.text.clone(),
        verdict,
        reason,
        evidence,
        differences: Vec::new(),
        attribution: Vec::new(),
        chain: None,
    }
}

/// The verdict on one claim.
pub(super) fn judge(c: &Claim, st: &Stage) -> Judgement {
    if !c.checkable {
        return Judgement::unrooted(bare(c, Verdict::NotCheckable, c.reason.clone(), Vec::new()));
    }
    let ranked = ranked(c, st);
    // a sentence about the release itself ("according to recently published
    // e-mails of …") rests on the documents' metadata: who wrote to whom, and
    // that they were released
    if c.about_release
        && let Some(td) = st.top_doc
        && let Some(res) = release_claim(c, &st.sources[td], st.archive)
    {
        return Judgement::unrooted(res);
    }
    let evidence = evidence(c, &ranked, st);
    let best = best_passage(c, &ranked, st);
    if c.headline && frames(c, best, st) {
        return Judgement::unrooted(bare(
            c,
            Verdict::NotCheckable,
            Some("a headline that frames the documents, not a statement of them".into()),
            evidence,
        ));
    }
    let resting = best.filter(|&pi| rests_on(c, pi, st));
    if let Some(reason) = judgement(c, best, resting, st) {
        return Judgement::unrooted(bare(c, Verdict::NotCheckable, Some(reason), evidence));
    }
    match resting {
        Some(pi) => compared(c, pi, evidence, st),
        None => Judgement::unrooted(bare(c, Verdict::NotInSource, None, evidence)),
    }
}

/// The claim's passages, best first; the article's main source wins ties: an
/// article retells one document at a time.
fn ranked(c: &Claim, st: &Stage) -> Vec<(usize, f32)> {
    let mut ranked: Vec<(usize, f32)> = st.scores.per_claim[c.index]
        .iter()
        .map(|&(pi, s)| {
            let main = Some(st.passages[pi].doc) == st.top_doc;
            (
                pi,
                s + if main {
                    THRESHOLDS.main_source_bonus
                } else {
                    0.0
                },
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

/// The claim's score against a passage (0 when it does not touch it).
fn raw_of(c: &Claim, pi: usize, st: &Stage) -> f32 {
    st.scores.per_claim[c.index]
        .iter()
        .find(|(x, _)| *x == pi)
        .map(|x| x.1)
        .unwrap_or(0.0)
}

/// Whether the claim is read against a passage with its next sentence.
fn paired(c: &Claim, pi: usize, st: &Stage) -> bool {
    st.scores.pair_wins.contains(&(c.index, pi))
}

/// The bag a claim is compared with: the passage, or the passage with its next sentence.
fn bag_of<'a>(c: &Claim, pi: usize, st: &'a Stage) -> &'a Bag {
    let p = &st.passages[pi];
    if paired(c, pi, st) { &p.pair } else { &p.bag }
}

/// The two best passages, where they carry enough of the claim to be shown.
fn evidence(c: &Claim, ranked: &[(usize, f32)], st: &Stage) -> Vec<Evidence> {
    ranked
        .iter()
        .take(2)
        .filter(|&&(pi, _)| raw_of(c, pi, st) >= IN_SOURCE * THRESHOLDS.evidence_share)
        .map(|&(pi, _)| {
            let p = &st.passages[pi];
            let d = &st.sources[p.doc].doc;
            Evidence {
                id: d.id.clone(),
                doc_no: d.doc_no.clone(),
                passage: p.shown(paired(c, pi, st)).to_string(),
                score: (raw_of(c, pi, st) * 100.0).round() / 100.0,
                matched: st.concepts[c.index]
                    .iter()
                    .filter_map(|k| p.bag.find(k).1)
                    .collect(),
            }
        })
        .collect()
}

/// Whether the claim's words, not only its names, are in the passage: a passage
/// that shares only the names is about the same people, not the same statement.
fn gate(c: &Claim, pi: usize, st: &Stage) -> bool {
    words_carried(&st.concepts[c.index], bag_of(c, pi, st))
}

/// The passage the claim may rest on: the best-ranked one among the first
/// [`Thresholds::gate_candidates`](super::Thresholds::gate_candidates) that
/// carries its words and enough of it, else the best-ranked one.
fn best_passage(c: &Claim, ranked: &[(usize, f32)], st: &Stage) -> Option<usize> {
    ranked
        .iter()
        .take(THRESHOLDS.gate_candidates)
        .find(|(pi, _)| gate(c, *pi, st) && raw_of(c, *pi, st) >= IN_SOURCE)
        .or(ranked.first())
        .map(|&(pi, _)| pi)
}

/// Whether a headline only frames the documents: it holds no quotation, figure
/// or date, and it promises their content as a question ("Clinton's e-mails:
/// what the French told Washington", [`asks`]) or fewer than
/// [`Thresholds::headline_words`](super::Thresholds::headline_words) of its words
/// are in its best passage (a headline's own metaphors, "the old lion of
/// Singapore", are no statement the source makes).
fn frames(c: &Claim, best: Option<usize>, st: &Stage) -> bool {
    if !(c.quotes.is_empty() && c.numbers.is_empty() && c.dates.is_empty()) {
        return false;
    }
    let words = of_kind(&st.concepts[c.index], bag::Kind::Word);
    let found = best.map_or(0.0, |pi| bag::coverage(&words, bag_of(c, pi, st)));
    asks(&c.text, st.lang) || found < THRESHOLDS.headline_words
}

/// Why a claim is the writer's own judgement or speculation: it holds no
/// quotation, figure or date, it does not rest on a passage of the article's
/// main source (`resting`, its best passage when it rests on it), and it holds
/// an evaluative word ([`crate::lang::evaluative`]) its best passage lacks, or
/// one of the language's modals of speculation (`Profile::speculation`). "It
/// is a remarkable document" judges the document; the documents do not say it.
fn judgement(c: &Claim, best: Option<usize>, resting: Option<usize>, st: &Stage) -> Option<String> {
    if !(c.quotes.is_empty() && c.numbers.is_empty() && c.dates.is_empty()) {
        return None;
    }
    if resting.is_some_and(|pi| Some(st.passages[pi].doc) == st.top_doc) {
        return None;
    }
    let judging = st.concepts[c.index]
        .iter()
        .filter(|k| {
            k.kind == bag::Kind::Word
                && crate::lang::evaluative::judges(&k.english, |w| {
                    st.tr.is_modifier(w) || st.tr.is_quality(w)
                })
        })
        .find(|k| best.is_none_or(|pi| bag_of(c, pi, st).find(k).0 == 0.0));
    if let Some(k) = judging {
        return Some(format!(
            "the writer's judgement (\"{}\"), not a statement of the documents",
            k.surface
        ));
    }
    c.speculation
        .as_ref()
        .map(|s| format!("the writer's speculation (\"{s}\"), not a statement of the documents"))
}

/// Whether a headline, or its part after a colon, opens with one of the
/// language's interrogative words.
pub(super) fn asks(text: &str, lang: &str) -> bool {
    let profile = crate::lang::profiles::for_code(lang);
    let read = if profile.script == crate::lang::Script::Arabic {
        crate::lang::arabic::normalise(text)
    } else {
        text.to_string()
    };
    read.split(':').any(|part| {
        let part = part.trim_start().to_lowercase();
        profile
            .interrogatives
            .iter()
            .any(|q| crate::lang::cues::cue_positions(&part, q).next() == Some(0))
    })
}

/// Whether the claim rests on its best passage: enough of it there (more when
/// the passage is not of the article's main source, which an article retells),
/// its words there, and its anchors not foreign to the document.
fn rests_on(c: &Claim, pi: usize, st: &Stage) -> bool {
    let doc = st.passages[pi].doc;
    // an article retells its main source: a claim found only in another
    // document must be found there more fully
    let needed = if Some(doc) != st.top_doc {
        IN_SOURCE + THRESHOLDS.elsewhere_margin
    } else {
        IN_SOURCE
    };
    let out = raw_of(c, pi, st) < needed
        || !gate(c, pi, st)
        || novel(c, &st.sources[doc], st.lang, st.tr);
    !out
}

/// Whether a passage carries enough of a claim's words (names aside): a share
/// [`Thresholds::words_in_source`](super::Thresholds::words_in_source), or
/// [`Thresholds::words_with_names`](super::Thresholds::words_with_names) when
/// nearly all its names are there.
pub(super) fn words_carried(concepts: &[Concept], bag: &Bag) -> bool {
    let words = of_kind(concepts, bag::Kind::Word);
    let names = of_kind(concepts, bag::Kind::Name);
    let word_cov = bag::coverage(&words, bag);
    let name_cov = if names.is_empty() {
        1.0
    } else {
        bag::coverage(&names, bag)
    };
    // a sentence made mostly of names (who went where with whom) is carried
    // by its names when nearly all of them are there: several names found
    // together are a statement found, one name is not
    // names, not their words: "Lee Kuan Yew" is one
    let name_count = names.iter().map(|n| n.share).sum::<f32>().round() as usize;
    if name_count >= 3 && name_count > words.len() && name_cov >= THRESHOLDS.names_for_words {
        return true;
    }
    if words.len() < 3 {
        // few words the lexicon knows: the unknown ones must not all be missing
        // (one name found is not a statement found)
        let content: Vec<Concept> = concepts
            .iter()
            .filter(|k| k.kind != bag::Kind::Name)
            .cloned()
            .collect();
        let found = bag::coverage(&content, bag);
        return content.is_empty()
            || (content.len() < 3 && found > 0.0)
            || found >= THRESHOLDS.words_with_names;
    }
    word_cov >= THRESHOLDS.words_in_source
        || (name_cov >= THRESHOLDS.names_for_words && word_cov >= THRESHOLDS.words_with_names)
}

/// The concepts of one kind.
fn of_kind(concepts: &[Concept], kind: bag::Kind) -> Vec<Concept> {
    concepts
        .iter()
        .filter(|k| k.kind == kind)
        .cloned()
        .collect()
}

/// Anchors the document does not have at all: when most of a claim's names,
/// dates and numbers are foreign to the document, the claim is not from it.
pub(super) fn novel(c: &Claim, sd: &SourceDoc, lang: &str, tr: &dyn Translator) -> bool {
    let (names_total, names_absent) = absent_names(c, sd, lang, tr);
    let mut total = names_total;
    let mut absent = names_absent;
    // a month without a year ("in March") is no anchor of one document
    for d in c.dates.iter().filter(|d| d.year.is_some()) {
        total += 1;
        // a date a few days off is a changed date, not a foreign one
        let near = |x: &when::DateMention| {
            x.year.is_some() && x.year == d.year && (d.month.is_none() || x.month == d.month)
        };
        if !sd.dates.iter().any(|x| d.compatible(x) || near(x)) {
            absent += 1;
        }
    }
    for n in &c.numbers {
        total += 1;
        if !sd.numbers.iter().any(|x| x.same_figure(n)) {
            absent += 1;
        }
    }
    absent >= 2 && absent * 2 >= total
}

/// The claim's names that count as anchors, and those the document lacks.
fn absent_names(c: &Claim, sd: &SourceDoc, lang: &str, tr: &dyn Translator) -> (usize, usize) {
    let mut total = 0;
    let mut absent = 0;
    for n in &c.names {
        // a word of another script the lexicon lacks is weak evidence of a name
        if crate::lang::arabic::is_arabic(n) {
            continue;
        }
        // a single capitalised word the lexicon renders as a common word is a
        // title or descriptor ("Premier" of "Premier ministre"), not an anchor
        // (an English word renders as itself: there the lexicon cannot tell)
        if lang != "en" && compare::is_descriptor(n, lang, tr) {
            continue;
        }
        let cs = bag::concepts(lang, &[], std::slice::from_ref(n), tr);
        if cs.is_empty() {
            continue;
        }
        total += 1;
        if bag::coverage(&cs, &sd.bag) < 0.5 {
            absent += 1;
        }
    }
    (total, absent)
}

/// The verdict from what the comparison found: a contradiction (a negation
/// difference where the claim is well matched and nothing else differs), else
/// supported when nothing differs, else altered (a claim that differs in its
/// figures, places or people as well is retold otherwise, not denied).
pub(super) fn decide(contradicted: bool, differences: &[Difference]) -> Verdict {
    if contradicted && differences.is_empty() {
        Verdict::Contradicted
    } else if differences.is_empty() {
        Verdict::Supported
    } else {
        Verdict::Altered
    }
}

/// The claim compared with the passage it rests on.
fn compared(c: &Claim, pi: usize, evidence: Vec<Evidence>, st: &Stage) -> Judgement {
    let p = &st.passages[pi];
    let s = &st.sources[p.doc];
    let pair = paired(c, pi, st);
    let shown = p.shown(pair);
    let matched = matched(&st.concepts[c.index], bag_of(c, pi, st));
    let sent = sent_dates(s);
    let ctx = SourceContext {
        passage: shown,
        lead: &p.lead,
        lang: &s.lang,
        doc_bag: &s.bag,
        doc_dates: &s.dates,
        doc_text: &s.text,
        matched: &matched.source_words,
        sent: &sent,
    };
    let mut differences = compare::differences(c, st.lang, &ctx, st.tr);
    let turned = compare::turned_polarity(c, st.lang, shown, &s.lang, &matched);
    let contradicted = turned.is_some() && raw_of(c, pi, st) >= THRESHOLDS.contradiction;
    // a claim that turns its passage's polarity but is matched too loosely to
    // call it a denial is not told as the passage tells it either
    if !contradicted && differences.is_empty() {
        differences.extend(turned);
    }
    let verdict = decide(contradicted, &differences);
    let mut result = bare(c, verdict, None, evidence);
    result.differences = differences;
    Judgement {
        result,
        rests_on: Some(Rest { passage: pi, pair }),
    }
}

/// The words the claim and the passage share.
fn matched(concepts: &[Concept], bag: &Bag) -> compare::Matched {
    let mut matched = compare::Matched::default();
    for k in concepts {
        if let (f, w) = bag.find(k)
            && f > 0.0
        {
            // polarity is read on words the lexicon renders, not on a weak
            // synonym or cognate match ("verdragen" as "bear" meeting "standing")
            if k.kind != bag::Kind::Name && f >= 1.0 {
                matched.claim_predicates.push(k.surface.to_lowercase());
                matched.source_predicates.extend(w.iter().cloned());
            }
            matched.source_words.extend(w);
        }
    }
    matched
}

/// The date the document was sent or written, as a mention.
fn sent_dates(s: &SourceDoc) -> Vec<when::DateMention> {
    s.doc
        .date
        .map(|d| when::find(&d.format("%B %-d, %Y").to_string()))
        .unwrap_or_default()
}

/// Whether one of the claim's names is a party of the document (or of another
/// rendition): two of its words suffice, as a run of capitalised words may hold
/// a title before the name ("Foreign Minister Jane Doe").
fn names_a_party(c: &Claim, s: &SourceDoc, archive: &Archive) -> bool {
    let parties: Vec<String> = std::iter::once(&s.doc)
        .chain(s.siblings.iter())
        .flat_map(|x| x.from.iter().chain(x.to.iter()).chain(x.cc.iter()))
        .map(|p| archive.display_party(p).to_lowercase())
        .collect();
    c.names.iter().any(|n| {
        let words: Vec<String> = n
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 3)
            .collect();
        let need = words.len().min(2);
        need > 0
            && parties.iter().any(|p| {
                let in_party = |w: &&String| {
                    p.split(|ch: char| !ch.is_alphanumeric())
                        .any(|x| x == w.as_str())
                };
                words.iter().filter(in_party).count() >= need
            })
    })
}

/// A claim about the documents' release, checked against the metadata of the
/// article's main source: the people it names must be parties of the document
/// (or of another rendition), and the document must come from a release.
/// `None` when it names none of them: then it is checked like any claim.
fn release_claim(c: &Claim, s: &SourceDoc, archive: &Archive) -> Option<ClaimResult> {
    let d = &s.doc;
    let released = d.case_no.is_some() || d.release_date.is_some();
    if !names_a_party(c, s, archive) || !released {
        return None;
    }
    let evidence = vec![Evidence {
        id: d.id.clone(),
        doc_no: d.doc_no.clone(),
        passage: metadata_sentence(d, archive),
        score: 1.0,
        matched: Vec::new(),
    }];
    let reason = "a statement about the documents, checked against their metadata";
    Some(bare(c, Verdict::Supported, Some(reason.into()), evidence))
}

/// The listing [`super::CheckOptions::debug`] asks for, for a claim that is
/// judged on its passages (none for the others): its concepts, its eight best
/// passages with the concepts they miss, and its best passage's score.
pub(super) fn debug_listing(c: &Claim, st: &Stage) -> Vec<String> {
    let about_release = c.about_release
        && st
            .top_doc
            .is_some_and(|td| release_claim(c, &st.sources[td], st.archive).is_some());
    if !c.checkable || about_release {
        return Vec::new();
    }
    let ranked = ranked(c, st);
    let best = best_passage(c, &ranked, st);
    debug_claim(c, &ranked, best, st)
}

fn debug_claim(c: &Claim, ranked: &[(usize, f32)], best: Option<usize>, st: &Stage) -> Vec<String> {
    let mut out = vec![format!("claim {}: {}", c.index, c.text)];
    out.push(format!(
        "   anchors names {:?} dates {:?} numbers {:?}",
        c.names,
        c.dates.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
        c.numbers
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
    ));
    for k in &st.concepts[c.index] {
        out.push(format!(
            "   concept {:?} {} -> {:?}",
            k.kind, k.folded, k.stems
        ));
    }
    for &(pi, sc) in ranked.iter().take(8) {
        let p = &st.passages[pi];
        let bagp = bag_of(c, pi, st);
        let missing: Vec<&str> = st.concepts[c.index]
            .iter()
            .filter(|k| bagp.find(k).0 == 0.0)
            .map(|k| k.folded.as_str())
            .collect();
        let head: String = p.text.chars().take(90).collect();
        let doc_no = st.sources[p.doc].doc.doc_no.as_deref().unwrap_or("-");
        out.push(format!(
            "   {sc:.2} [{doc_no}] {head} | missing {missing:?}"
        ));
    }
    let raw_best = best.map(|pi| raw_of(c, pi, st)).unwrap_or(0.0);
    let word_gate = best.is_some_and(|pi| gate(c, pi, st));
    out.push(format!("   raw_best {raw_best:.2} word_gate {word_gate}"));
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Pipeline, doc, party};
    use super::*;

    const GOVERNOR: &str = "The governor of Kidal met the mediators in Bamako.";
    const RAID: &str = "The rebels attacked the villages of the northern province near Kidal on February 12, 2012.";

    fn pipeline(article: &[&str]) -> Pipeline {
        let text = format!("Title here\n\n{}", article.join("\n\n"));
        Pipeline::new(&text, vec![doc("a", GOVERNOR), doc("b", RAID)])
    }

    #[test]
    fn a_claim_rests_on_the_passage_that_carries_it() {
        let p = pipeline(&[GOVERNOR]);
        let j = p.judge("The governor");
        assert_eq!(j.result.verdict, Verdict::Supported, "{:#?}", j.result);
        let at = p.passage("The governor");
        assert_eq!(
            j.rests_on,
            Some(Rest {
                passage: at,
                pair: false
            })
        );
        assert_eq!(j.result.evidence[0].passage, GOVERNOR);
        assert_eq!(j.result.evidence[0].score, 1.0);
        // the chain is the chain stage's
        assert!(j.result.chain.is_none() && j.result.attribution.is_empty());
    }

    #[test]
    fn a_sentence_without_anchors_is_not_checkable_and_rests_on_nothing() {
        let p = pipeline(&[GOVERNOR]);
        let j = p.judge("Title here");
        assert_eq!(j.result.verdict, Verdict::NotCheckable);
        assert!(j.rests_on.is_none() && j.result.reason.is_some());
    }

    #[test]
    fn a_headline_that_frames_the_documents_is_not_checkable() {
        let docs = || vec![doc("a", GOVERNOR), doc("b", RAID)];
        // the headline's own words are not the source's: framing
        let framing = Pipeline::new(
            "The old lion of Kidal and his Bamako chessboard\n\nThe governor of Kidal met the mediators in Bamako.",
            docs(),
        );
        let j = framing.judge("The old lion");
        assert_eq!(j.result.verdict, Verdict::NotCheckable, "{:#?}", j.result);
        // a headline that states what the source says is checked
        let stating = Pipeline::new(
            "Governor of Kidal met the mediators in Bamako\n\nThe rebels attacked the villages near Kidal.",
            docs(),
        );
        assert_eq!(stating.judge("Governor").result.verdict, Verdict::Supported);
        // the same words as a promise of the documents' content
        let asking = Pipeline::new(
            "Kidal files: what the governor told the mediators in Bamako\n\nThe rebels attacked the villages near Kidal.",
            docs(),
        );
        assert_eq!(
            asking.judge("Kidal files").result.verdict,
            Verdict::NotCheckable
        );
        // a sentence of the body is no headline, whatever it opens with
        let body = Pipeline::new(
            "Title here\n\nWhat the governor of Kidal did: he met the mediators in Bamako.",
            docs(),
        );
        assert_ne!(body.judge("What").result.verdict, Verdict::NotCheckable);
    }

    #[test]
    fn a_headline_asks_with_its_languages_interrogatives() {
        assert!(asks(
            "Clinton emails: what the French services told Washington",
            "en"
        ));
        assert!(asks("Was die Dienste Washington mitteilten", "de"));
        assert!(asks("Courriels : ce que les services ont dit", "fr"));
        assert!(!asks("Whatever happened in Kidal", "en"));
        assert!(!asks("Lee says the map is not enough", "en"));
        assert!(asks("ماذا قالت الرسائل", "ar"));
    }

    #[test]
    fn names_alone_do_not_carry_a_claim() {
        let p = pipeline(&["The governor of Kidal married a famous singer from Dakar."]);
        let c = p.claim("The governor");
        let bag = &p.passages[p.passage("The governor")].bag;
        assert!(!words_carried(&p.concepts[c.index], bag));
        assert!(
            words_carried(&p.concepts[p.claim("Title").index], bag),
            "no words: nothing to miss"
        );
        let j = p.judge("The governor");
        assert_eq!(j.result.verdict, Verdict::NotInSource, "{:#?}", j.result);
        assert!(j.rests_on.is_none());
    }

    #[test]
    fn the_passage_chosen_is_the_best_ranked_that_carries_the_claims_words() {
        let p = Pipeline::new(
            "Title here\n\nAhmed Ould Salem met the mediators of Kidal in Bamako and signed the truce with the rebels.",
            vec![
                doc("a", "Ahmed Ould Salem flew from Kidal to Bamako on Monday."),
                // the names are in the document, not in the statement's sentence
                doc(
                    "b",
                    "Salem met the mediators and signed the truce with the rebels.\n\nAhmed Ould Salem.\n\nKidal and Bamako.",
                ),
            ],
        );
        let st = Stage {
            top_doc: Some(1),
            ..p.stage()
        };
        let c = p.claim("Ahmed");
        let (names_only, statement) = (p.passage("Ahmed"), p.passage("Salem met"));
        // the premise: the passage with the names ranks first, without the words
        let ranked = ranked(c, &st);
        assert_eq!(ranked[0].0, names_only, "{ranked:?}");
        assert!(!gate(c, names_only, &st) && gate(c, statement, &st));
        assert_eq!(best_passage(c, &ranked, &st), Some(statement));
        let j = judge(c, &st);
        assert_ne!(j.result.verdict, Verdict::NotInSource, "{:#?}", j.result);
        assert_eq!(j.rests_on.map(|r| r.passage), Some(statement));
    }

    #[test]
    fn a_claim_found_outside_the_main_source_must_be_found_more_fully() {
        let claim = "The rebels attacked the villages near Kidal, stole the cattle, burned the crops and poisoned the wells of the herders.";
        let p = pipeline(&[claim]);
        let c = p.claim("The rebels");
        let raid = p.passage("The rebels");
        let raw = raw_of(c, raid, &p.stage());
        // the premise: enough for the main source, not enough elsewhere
        assert!(
            (IN_SOURCE..IN_SOURCE + THRESHOLDS.elsewhere_margin).contains(&raw),
            "{raw}"
        );
        let main = Stage {
            top_doc: Some(1),
            ..p.stage()
        };
        let j = judge(c, &main);
        assert_ne!(j.result.verdict, Verdict::NotInSource, "{:#?}", j.result);
        assert_eq!(j.rests_on.map(|r| r.passage), Some(raid));
        let elsewhere = Stage {
            top_doc: Some(0),
            ..p.stage()
        };
        assert_eq!(judge(c, &elsewhere).result.verdict, Verdict::NotInSource);
    }

    #[test]
    fn the_main_source_wins_ties_between_passages() {
        let p = Pipeline::new(
            &format!("Title here\n\n{GOVERNOR}"),
            vec![doc("a", GOVERNOR), doc("b", GOVERNOR)],
        );
        let c = p.claim("The governor");
        for top in [0, 1] {
            let st = Stage {
                top_doc: Some(top),
                ..p.stage()
            };
            let first = ranked(c, &st)[0];
            assert_eq!(p.passages[first.0].doc, top);
            assert!((first.1 - 1.0 - THRESHOLDS.main_source_bonus).abs() < 1e-6);
        }
    }

    #[test]
    fn anchors_foreign_to_the_document_mean_the_claim_is_not_from_it() {
        let foreign = "The rebels attacked the villages of the northern province near Kidal on June 5, 2015, with 300 fighters.";
        let p = pipeline(&[foreign, RAID]);
        let st = p.stage();
        let raid = &p.sources[1];
        assert!(novel(
            p.claim("The rebels attacked the villages of the northern province near Kidal on June"),
            raid,
            "en",
            st.tr
        ));
        assert!(!novel(
            p.claim(
                "The rebels attacked the villages of the northern province near Kidal on February"
            ),
            raid,
            "en",
            st.tr
        ));
        let j =
            p.judge("The rebels attacked the villages of the northern province near Kidal on June");
        assert_eq!(j.result.verdict, Verdict::NotInSource, "{:#?}", j.result);
        let j = p.judge(
            "The rebels attacked the villages of the northern province near Kidal on February",
        );
        assert_eq!(j.result.verdict, Verdict::Supported, "{:#?}", j.result);
    }

    #[test]
    fn a_claim_about_the_release_rests_on_the_metadata() {
        let mut memo = doc("m", RAID);
        memo.from = Some(party("Jane Doe"));
        memo.case_no = Some("F-2014-20439".into());
        memo.doc_no = Some("C0001".into());
        let claim =
            "According to recently published e-mails of Jane Doe, the rebels attacked villages.";
        let p = Pipeline::new(
            &format!("Title here\n\n{claim}\n\n{RAID}"),
            vec![memo.clone()],
        );
        let j = p.judge("According to");
        assert_eq!(j.result.verdict, Verdict::Supported, "{:#?}", j.result);
        assert!(j.result.reason.is_some() && j.rests_on.is_none());
        assert_eq!(
            j.result.evidence[0].passage,
            "Email from Jane Doe, released by the U.S. Department of State in case F-2014-20439 as document C0001."
        );
        // not released: checked like any claim
        memo.case_no = None;
        let p = Pipeline::new(&format!("Title here\n\n{claim}\n\n{RAID}"), vec![memo]);
        assert!(p.judge("According to").result.reason.is_none());
    }

    #[test]
    fn polarity_words_are_those_the_lexicon_renders_not_names_or_synonyms() {
        use super::super::testkit::TestLexicon;
        let tr = TestLexicon::with(&[
            ("nl", "verdragen", &["bear"]),
            ("nl", "steunt", &["support"]),
        ])
        .synonyms(&[("bear", &["stand"])]);
        let cs = bag::concepts(
            "nl",
            &["steunt".to_string(), "verdragen".to_string()],
            &["Lee".to_string()],
            &tr,
        );
        let b = Bag::of(
            "en",
            "Lee supports them when they are not of equal standing",
            &tr,
        );
        let m = matched(&cs, &b);
        assert!(m.source_words.iter().any(|w| w == "standing"), "{m:?}");
        assert!(m.source_words.iter().any(|w| w == "lee"), "{m:?}");
        assert_eq!(m.claim_predicates, ["steunt"]);
        assert_eq!(m.source_predicates, ["supports"]);
    }

    #[test]
    fn the_verdict_follows_differences_then_contradiction() {
        let d = Difference {
            kind: "date".into(),
            article: "May 2".into(),
            source: "May 3".into(),
        };
        assert_eq!(decide(false, &[]), Verdict::Supported);
        assert_eq!(decide(false, std::slice::from_ref(&d)), Verdict::Altered);
        assert_eq!(decide(true, &[]), Verdict::Contradicted);
        // a claim that differs otherwise too is retold otherwise, not denied
        assert_eq!(decide(true, &[d]), Verdict::Altered);
    }

    /// Owned strings of words.
    fn strings(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn several_names_found_together_carry_a_sentence_one_name_does_not() {
        let tr = super::super::testkit::TestLexicon::english();
        let words = strings(&["travelled", "stayed"]);
        let names = strings(&["Paul Farmer", "Partners", "Cange"]);
        let passage = Bag::of(
            "en",
            "I was with Paul Farmer and Partners in Health in Cange.",
            &tr,
        );
        let many = bag::concepts("en", &words, &names, &tr);
        assert!(words_carried(&many, &passage));
        let one = bag::concepts("en", &words, &names[2..], &tr);
        assert!(!words_carried(&one, &passage));
        // names are counted, not their words: "Lee Kuan Yew" and "China" are two
        let teen = strings(&["teenager", "behaved"]);
        let two = bag::concepts("en", &teen, &strings(&["Lee Kuan Yew", "China"]), &tr);
        let subject = Bag::of("en", "Subject: Lee Kuan Yew on China and the sea", &tr);
        assert!(!words_carried(&two, &subject));
    }

    #[test]
    fn a_passage_sharing_only_the_names_does_not_carry_words_the_lexicon_lacks() {
        // Dutch words a lexicon lacks are unknown: a passage holding none of
        // them shares the claim's names, not its statement
        let tr = super::super::testkit::TestLexicon::english();
        let names = strings(&["Lee", "China"]);
        let claim = bag::concepts("nl", &strings(&["gedroeg", "tiener"]), &names, &tr);
        assert!(
            claim
                .iter()
                .filter(|c| c.kind == bag::Kind::Unknown)
                .count()
                == 2
        );
        let other = Bag::of("en", "Mr Lee said China drew a red line.", &tr);
        assert!(!words_carried(&claim, &other));
        let holding = Bag::of("nl", "Lee zei dat China zich als een tiener gedroeg.", &tr);
        assert!(words_carried(&claim, &holding));
    }
}
