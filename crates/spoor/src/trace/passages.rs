//! Passages: each source document cut into sentences (with the sentences before
//! them in their paragraph, and paired with the next one), made comparable as bags.

use super::article;
use super::bag::Bag;
use super::retrieve::{SourceDoc, metadata_sentence};
use crate::archive::Archive;
use crate::lang::lexicon::Translator;
use crate::lang::when;

/// A sentence of a source document, made comparable with claims.
pub(super) struct Passage {
    /// Index of its document among the check's sources.
    pub(super) doc: usize,
    /// The sentence.
    pub(super) text: String,
    /// The sentences before it in its paragraph.
    pub(super) lead: Vec<String>,
    /// The sentence as a bag (with the document's parties).
    pub(super) bag: Bag,
    /// This sentence and the next one together (claims often compress two).
    pub(super) pair: Bag,
    /// Dates the sentence mentions.
    pub(super) dates: Vec<when::DateMention>,
    /// The text of the sentence with the next one of its paragraph.
    pub(super) pair_text: String,
    /// Whether this is the document's metadata sentence (who sent it to whom,
    /// when, under what subject), not a sentence of its text.
    pub(super) metadata: bool,
}

impl Passage {
    /// The passage as shown: the sentence, or the sentence with the next one.
    pub(super) fn shown(&self, pair: bool) -> &str {
        if pair { &self.pair_text } else { &self.text }
    }
}

/// Sentences of a document (of four words or more) with the sentences before
/// them in their paragraph.
pub(super) fn passages_of(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for para in article::from_text(text).paragraphs {
        let sents = article::sentences(&para);
        let mut lead: Vec<String> = Vec::new();
        for s in sents {
            if s.split_whitespace().count() >= 4 {
                out.push((s.clone(), lead.clone()));
            }
            lead.push(s);
        }
    }
    out
}

/// The passages of all source documents, in document order; `other_script` when
/// the article writes names in another script (their bags then carry Latin skeletons).
pub(super) fn of_sources(
    sources: &[SourceDoc],
    archive: &Archive,
    other_script: bool,
    tr: &dyn Translator,
) -> Vec<Passage> {
    let bag = |lang: &str, text: &str| {
        if other_script {
            Bag::of_for_other_script(lang, text, tr)
        } else {
            Bag::of(lang, text, tr)
        }
    };
    let mut passages: Vec<Passage> = Vec::new();
    for (di, s) in sources.iter().enumerate() {
        let text = s.doc.full_text();
        let meta = metadata_sentence(&s.doc, archive);
        // who wrote to whom goes with every passage: "the e-mail of the adviser says …"
        let mut who = String::from("email");
        for d in std::iter::once(&s.doc).chain(s.siblings.iter()) {
            for party in d.from.iter().chain(d.to.iter()) {
                who.push(' ');
                who.push_str(&archive.display_party(party));
            }
        }
        let who = std::sync::Arc::new(bag(&s.lang, &who));
        let body = passages_of(&text);
        let ps: Vec<(String, Vec<String>, bool)> = body
            .into_iter()
            .map(|(p, lead)| (p, lead, false))
            .chain(
                passages_of(&meta)
                    .into_iter()
                    .map(|(p, lead)| (p, lead, true)),
            )
            .collect();
        for (k, (p, lead, metadata)) in ps.iter().enumerate() {
            let pair_text = match ps.get(k + 1) {
                Some((next, next_lead, _)) if next_lead.len() > lead.len() => format!("{p} {next}"),
                _ => p.clone(),
            };
            passages.push(Passage {
                doc: di,
                bag: bag(&s.lang, p).with_extra(who.clone()),
                dates: when::find(p),
                pair: bag(&s.lang, &pair_text).with_extra(who.clone()),
                pair_text,
                text: p.clone(),
                lead: lead.clone(),
                metadata: *metadata,
            });
        }
    }
    passages
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{TestLexicon, doc, empty_archive, party, source};
    use super::*;

    #[test]
    fn passages_are_sentences_of_four_words_with_their_lead() {
        let text = "The rebels took Gao in April. They left. The consul was taken hostage there.\n\nA new paragraph starts its own lead.";
        let ps = passages_of(text);
        let got: Vec<(&str, Vec<&str>)> = ps
            .iter()
            .map(|(p, lead)| (p.as_str(), lead.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("The rebels took Gao in April.", vec![]),
                (
                    "The consul was taken hostage there.",
                    vec!["The rebels took Gao in April.", "They left."]
                ),
                ("A new paragraph starts its own lead.", vec![]),
            ]
        );
    }

    #[test]
    fn a_passage_pairs_with_the_next_sentence_of_its_paragraph_only() {
        let tr = TestLexicon::english();
        let a = empty_archive();
        let mut d = doc(
            "d1",
            "The rebels took Gao in April 2012. The consul was taken hostage there.\n\nMauritania offered to mediate between the parties.",
        );
        d.from = Some(party("Jane Doe"));
        let sources = [source(d, &a, &tr)];
        let ps = of_sources(&sources, &a.archive, false, &tr);
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The rebels took Gao in April 2012.",
                "The consul was taken hostage there.",
                "Mauritania offered to mediate between the parties.",
                "Email from Jane Doe.",
            ]
        );
        assert_eq!(
            ps[0].pair_text,
            "The rebels took Gao in April 2012. The consul was taken hostage there."
        );
        assert_eq!(
            ps[1].pair_text, ps[1].text,
            "the next sentence is in another paragraph"
        );
        assert!(ps[0].shown(true).ends_with("hostage there."));
        assert_eq!(ps[0].shown(false), "The rebels took Gao in April 2012.");
        assert!(ps.iter().all(|p| p.doc == 0));
        // the sender goes with every passage: "the e-mail of Jane Doe says …"
        let cs = crate::trace::bag::concepts("en", &[], &["Jane Doe".to_string()], &tr);
        assert!(crate::trace::bag::coverage(&cs, &ps[2].bag) > 0.9);
        assert_eq!(ps[0].dates.len(), 1, "April 2012");
    }
}
