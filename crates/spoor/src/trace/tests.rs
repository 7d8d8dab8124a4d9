//! The whole check on a tiny archive, with the in-memory lexicon: a faithful
//! claim is supported with no differences, and each kind of difference the
//! tracer reports is reported when an article changes its source that way.

use super::Verdict;
use super::testkit::*;

/// A memo whose sentences each carry one kind of anchor a retelling may change
/// (a first line that is no header field makes it a text, not a mail, so that
/// its reference number is read).
const MEMO: &str = "MEMORANDUM
From: Jane Doe
To: John Roe
Date: March 3, 2012
Subject: Situation in the north
Ref: C0001

The rebels attacked the villages of the northern province on February 12, 2012, and burned the market of Kidal.

The army reported that 40 soldiers were killed in the fighting near Gao.

According to a very sensitive source, the rebel commander Ahmed Ould Salem met the mediators in Bamako last week.

Officials said the MUJAO group only occasionally kidnapped foreign workers on the roads of the desert.

The governor told the press: \"we will never negotiate with the kidnappers of our workers\".

The government of Mali approved the new budget for the reconstruction of the northern schools.
";

/// An unrelated note, so that retrieval has something to leave out.
const NOTE: &str = "From: Anne Smith
Date: May 5, 2013
Subject: Lunch

Lunch with the trade delegation of Norway moves to the hotel restaurant on Friday.
";

/// The check of a one-sentence article (with a title) against the memo and the note.
fn checked(sentence: &str) -> super::ClaimResult {
    let a = archive(&[("memo.txt", MEMO), ("note.txt", NOTE)]);
    let r = check_en(&a, &format!("Rebels in the north\n\n{sentence}\n"));
    claim(&r, sentence).clone()
}

/// The check of a sentence, asserted altered with exactly these difference kinds.
fn altered(sentence: &str, expected: &[&str]) -> super::ClaimResult {
    let c = checked(sentence);
    assert_verdict(&c, Verdict::Altered);
    assert_eq!(kinds(&c), expected, "{c:#?}");
    c
}

#[test]
fn a_faithful_claim_is_supported_with_no_differences() {
    let c = checked("The army reported that 40 soldiers were killed in the fighting near Gao.");
    assert_verdict(&c, Verdict::Supported);
    assert!(c.differences.is_empty(), "{c:#?}");
    assert_eq!(c.evidence[0].doc_no.as_deref(), Some("C0001"));
    assert!(
        c.evidence[0]
            .passage
            .starts_with("The army reported that 40")
    );
}

#[test]
fn a_changed_date_is_a_date_difference() {
    let c = altered(
        "The rebels attacked the villages of the northern province on February 19, 2012, and burned the market of Kidal.",
        &["date"],
    );
    assert_eq!(c.differences[0].article, "February 19, 2012");
    assert_eq!(c.differences[0].source, "February 12, 2012");
}

#[test]
fn the_day_a_passage_gives_outweighs_the_day_the_document_was_sent() {
    // the memo was sent on March 3, 2012; the attack it tells was on February 12
    let c = altered(
        "The rebels attacked the villages of the northern province on March 3, 2012, and burned the market of Kidal.",
        &["date"],
    );
    assert_eq!(c.differences[0].source, "February 12, 2012");
    // a claim that dates the document itself may give the day it was sent
    let c = checked(
        "The memo sent on March 3, 2012 says the rebels attacked the villages of the northern province and burned the market of Kidal.",
    );
    assert!(!kinds(&c).contains(&"date"), "{c:#?}");
}

#[test]
fn a_loosely_matched_claim_that_turns_the_polarity_is_altered_not_supported() {
    let c = altered(
        "The government of Mali did not approve the budget, critics complained loudly yesterday.",
        &["negation"],
    );
    assert_eq!(c.differences[0].article, "negated");
    assert_eq!(c.differences[0].source, "affirmed");
    assert!(
        c.evidence[0].score < crate::trace::THRESHOLDS.contradiction,
        "{c:#?}"
    );
}

#[test]
fn the_writers_judgement_is_not_checkable_and_an_invented_fact_is_not_in_source() {
    let a = archive(&[("memo.txt", MEMO), ("note.txt", NOTE)]);
    let tr = TestLexicon::english()
        .modifiers(&["wonderful", "sad", "poisoned"])
        .qualities(&["courage"]);
    let judged = |sentence: &str| {
        let r = check_with(
            &a,
            &format!("Rebels in the north\n\n{sentence}\n"),
            "en",
            &tr,
        );
        claim(&r, sentence).clone()
    };
    let c = judged("The people of Kidal deserve a wonderful future after those sad years.");
    assert_verdict(&c, Verdict::NotCheckable);
    let reason = c.reason.clone().unwrap_or_default();
    assert!(reason.contains("wonderful"), "{reason}");
    // a noun that rates a quality judges as an adjective does
    let c = judged("The people of Kidal showed great courage after those long years.");
    assert_verdict(&c, Verdict::NotCheckable);
    let c = judged("The people of Kidal elected a new mayor after those long years.");
    assert_verdict(&c, Verdict::NotInSource);
    // the writer's speculation about what followed is no statement either
    let c = judged("The people of Kidal must have welcomed the new governor after those years.");
    assert_verdict(&c, Verdict::NotCheckable);
    assert!(
        c.reason.clone().unwrap_or_default().contains("must have"),
        "{c:#?}"
    );
    // a claim resting on its main source is checked, judging words or not
    let c = judged(
        "The rebels attacked the sad villages of the northern province and burned the market of Kidal.",
    );
    assert_ne!(c.verdict, Verdict::NotCheckable, "{c:#?}");
}

#[test]
fn a_changed_count_is_a_number_difference() {
    let c = altered(
        "The army reported that 60 soldiers were killed in the fighting near Gao.",
        &["number"],
    );
    assert!(c.differences[0].article.starts_with("60 soldiers"));
    assert_eq!(c.differences[0].source, "40");
}

#[test]
fn a_figure_the_source_has_nothing_like_is_an_addition() {
    let c = altered(
        "The army reported that 40 soldiers and 7 journalists were killed in the fighting near Gao.",
        &["addition"],
    );
    assert!(c.differences[0].article.starts_with("7 journalists"));
    assert_eq!(c.differences[0].source, "");
}

#[test]
fn a_changed_place_is_a_place_difference() {
    let c =
        checked("The army reported that 40 soldiers were killed in the fighting near Timbuktu.");
    assert_verdict(&c, Verdict::Altered);
    assert!(kinds(&c).iter().all(|k| *k == "place"), "{c:#?}");
    assert!(
        c.differences
            .iter()
            .any(|d| d.article == "near Timbuktu" && d.source == "near Gao"),
        "{c:#?}"
    );
}

#[test]
fn a_changed_person_is_the_addition_of_a_name_the_document_lacks() {
    let c = altered(
        "According to sources, the rebel commander Moussa Ag Traore met the mediators in Bamako last week.",
        &["addition"],
    );
    assert_eq!(c.differences[0].article, "Moussa Ag Traore");
}

#[test]
fn a_changed_organisation_is_an_organisation_difference() {
    let c = altered(
        "The police of the region said the MUJAO group only occasionally kidnapped foreign workers on the roads of the desert.",
        &["organisation"],
    );
    assert_eq!(c.differences[0].article, "police");
    assert_eq!(c.differences[0].source, "MUJAO");
}

#[test]
fn words_put_in_a_speakers_mouth_are_a_quote_difference() {
    let c = altered(
        "The governor told the press: \"we will gladly talk with the leaders of the rebels\".",
        &["quote"],
    );
    assert_eq!(
        c.differences[0].article,
        "we will gladly talk with the leaders of the rebels"
    );
}

#[test]
fn a_relayed_report_stated_as_fact_is_an_attribution_difference() {
    let c = altered(
        "The rebel commander Ahmed Ould Salem met the mediators in Bamako last week.",
        &["attribution"],
    );
    assert_eq!(c.differences[0].article, "(stated as fact)");
    assert_eq!(
        c.differences[0].source,
        "According to a very sensitive source"
    );
    // the chain names the relay too
    let chain = c.chain.as_ref().expect("a chain");
    assert_eq!(chain.cited, ["According to a very sensitive source"]);
}

#[test]
fn a_dropped_qualifier_is_an_omission() {
    let c = altered(
        "Officials said the MUJAO group kidnapped foreign workers on the roads of the desert.",
        &["omission", "omission"],
    );
    let dropped: Vec<&str> = c.differences.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(dropped, ["occasionally", "only"]);
}

#[test]
fn a_negated_statement_is_contradicted() {
    let c = checked(
        "The government of Mali did not approve the new budget for the reconstruction of the northern schools.",
    );
    assert_verdict(&c, Verdict::Contradicted);
    // the same claim without the negation is the source's
    let c = checked(
        "The government of Mali approved the new budget for the reconstruction of the northern schools.",
    );
    assert_verdict(&c, Verdict::Supported);
}

#[test]
fn a_claim_the_archive_does_not_carry_is_not_in_source() {
    let c = checked("The president of France visited the refugee camps in Chad yesterday.");
    assert_verdict(&c, Verdict::NotInSource);
    assert!(c.differences.is_empty() && c.chain.is_none(), "{c:#?}");
}

#[test]
fn the_same_people_in_another_statement_are_not_in_source() {
    let c = checked("Ahmed Ould Salem married a famous singer from Dakar.");
    assert_verdict(&c, Verdict::NotInSource);
}

#[test]
fn framing_is_not_checkable() {
    let c = checked("This is a sad story for everyone involved.");
    assert_verdict(&c, Verdict::NotCheckable);
    assert!(c.reason.is_some());
}

#[test]
fn the_memo_is_the_articles_source_and_the_note_is_left_out() {
    let a = archive(&[("memo.txt", MEMO), ("note.txt", NOTE)]);
    let r = check_en(
        &a,
        "Rebels in the north\n\nThe army reported that 40 soldiers were killed in the fighting near Gao.\n\nThe government of Mali approved the new budget for the reconstruction of the northern schools.\n",
    );
    let listed: Vec<Option<&str>> = r.sources.iter().map(|s| s.doc_no.as_deref()).collect();
    assert_eq!(listed, [Some("C0001")]);
    assert_eq!(r.sources[0].score, 1.0);
    let chain = r.claims[1].chain.as_ref().expect("a chain");
    assert_eq!(chain.document, "Jane Doe, 2012-03-03, C0001");
    assert_eq!(chain.article, ["reported"]);
}

#[test]
fn a_dutch_claim_meets_its_english_source_through_the_lexicon() {
    let a = archive(&[("memo.txt", MEMO)]);
    let article = "Rebellen in het noorden\n\nHet leger meldde dat 40 soldaten werden gedood bij de gevechten bij Gao.\n";
    let lex = TestLexicon::with(&[
        ("nl", "leger", &["army"]),
        ("nl", "meldde", &["reported"]),
        ("nl", "soldaten", &["soldiers"]),
        ("nl", "gedood", &["killed"]),
        ("nl", "gevechten", &["fighting", "fights"]),
    ]);
    let r = check_with(&a, article, "nl", &lex);
    assert!(r.article.note.is_none(), "{:?}", r.article.note);
    let c = claim(&r, "Het leger");
    assert_verdict(c, Verdict::Supported);
    assert!(c.differences.is_empty(), "{c:#?}");
    // without the lexicon the words are not understood, and the report says why
    let r = check_with(&a, article, "nl", &TestLexicon::english());
    assert!(
        r.article
            .note
            .as_deref()
            .is_some_and(|n| n.contains("nl-English"))
    );
    assert_eq!(r.lexicon.known, 0);
    assert_verdict(claim(&r, "Het leger"), Verdict::NotInSource);
}
