//! Passages: each source document cut into sentences (with the sentences before
//! them in their paragraph, and paired with the next one), made comparable as bags.

use super::bag::Bag;
use super::{Passage, SourceDoc, metadata_sentence, passages_of};
use crate::archive::Archive;
use crate::lang::lexicon::Translator;
use crate::lang::when;

/// The passages of all source documents, in document order.
pub(super) fn of_sources(
    sources: &[SourceDoc],
    archive: &Archive,
    tr: &dyn Translator,
) -> Vec<Passage> {
    let mut passages: Vec<Passage> = Vec::new();
    for (di, s) in sources.iter().enumerate() {
        let mut text = s.doc.full_text();
        text.push_str("\n\n");
        text.push_str(&metadata_sentence(&s.doc, archive));
        // who wrote to whom goes with every passage: "the e-mail of Blumenthal says …"
        let mut who = String::from("email");
        for d in std::iter::once(&s.doc).chain(s.siblings.iter()) {
            for party in d.from.iter().chain(d.to.iter()) {
                who.push(' ');
                who.push_str(&archive.display_party(party));
            }
        }
        let who = std::sync::Arc::new(Bag::of(&s.lang, &who, tr));
        let ps = passages_of(&text);
        for (k, (p, lead)) in ps.iter().enumerate() {
            let pair_text = match ps.get(k + 1) {
                Some((next, next_lead)) if next_lead.len() > lead.len() => format!("{p} {next}"),
                _ => p.clone(),
            };
            passages.push(Passage {
                doc: di,
                bag: Bag::of(&s.lang, p, tr).with_extra(who.clone()),
                dates: when::find(p),
                pair: Bag::of(&s.lang, &pair_text, tr).with_extra(who.clone()),
                pair_text,
                text: p.clone(),
                lead: lead.clone(),
            });
        }
    }
    passages
}
