//! Passages: each source document cut into sentences (with the sentences before
//! them in their paragraph, and paired with the next one), made comparable as bags.

use super::bag::Bag;
use super::{Passage, SourceDoc, metadata_sentence, passages_of};
use crate::archive::Archive;
use crate::lang::lexicon::Translator;
use crate::lang::when;

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
        let mut text = s.doc.full_text();
        text.push_str("\n\n");
        text.push_str(&metadata_sentence(&s.doc, archive));
        // who wrote to whom goes with every passage: "the e-mail of the adviser says …"
        let mut who = String::from("email");
        for d in std::iter::once(&s.doc).chain(s.siblings.iter()) {
            for party in d.from.iter().chain(d.to.iter()) {
                who.push(' ');
                who.push_str(&archive.display_party(party));
            }
        }
        let who = std::sync::Arc::new(bag(&s.lang, &who));
        let ps = passages_of(&text);
        for (k, (p, lead)) in ps.iter().enumerate() {
            let pair_text = match ps.get(k + 1) {
                Some((next, next_lead)) if next_lead.len() > lead.len() => format!("{p} {next}"),
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
            });
        }
    }
    passages
}
