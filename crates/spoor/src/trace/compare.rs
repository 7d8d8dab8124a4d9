//! Alignment of one claim with one source passage: which anchors agree, and the
//! differences a fact-checker must see (date, place, organisation, number,
//! quote, attribution, omission, addition; a changed person shows as the
//! addition of a name the document lacks, or, for the person a statement is
//! given to, as an attribution).

use super::bag::{self, Bag, Concept};
use super::claims::{Claim, NumberMention};
use crate::lang::cues;
use crate::lang::lexicon::Translator;
use crate::lang::profiles::for_code;
use crate::lang::when;
use serde::Serialize;

/// One difference between the article and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// date, place, organisation, number, quote, attribution, omission, addition
    /// (a person the document lacks is an addition, a statement given to another
    /// person an attribution: no "person" kind is reported).
    pub kind: String,
    /// The article's words.
    pub article: String,
    /// The source's words (empty when the source has nothing there).
    pub source: String,
}

fn diff(kind: &str, article: &str, source: &str) -> Difference {
    Difference {
        kind: kind.into(),
        article: article.trim().into(),
        source: source.trim().into(),
    }
}

/// What the comparison needs to know of the source document beyond the passage.
pub struct SourceContext<'a> {
    /// The source passage.
    pub passage: &'a str,
    /// Sentences before it in its paragraph (for the hedges that govern it).
    pub lead: &'a [String],
    /// Language of the source.
    pub lang: &'a str,
    /// All the document's text and metadata, made comparable.
    pub doc_bag: &'a Bag,
    /// Dates of the document (metadata and text).
    pub doc_dates: &'a [when::DateMention],
    /// The document's full text.
    pub doc_text: &'a str,
    /// Words of the passage that matched the claim's (lower case).
    pub matched: &'a [String],
    /// The dates of the document's own metadata (when it was sent or written).
    pub sent: &'a [when::DateMention],
}

/// Institutions: an English rendering among these marks an organisation word.
const INSTITUTIONS: &[&str] = &[
    "government",
    "administration",
    "regime",
    "ministry",
    "minister",
    "service",
    "services",
    "army",
    "police",
    "agency",
    "intelligence",
    "security",
    "authorities",
    "authority",
    "cabinet",
    "state",
    "council",
    "party",
    "group",
    "organization",
];

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Organisation mentions of a source passage: acronyms with the capitalised word before them.
fn source_orgs(text: &str) -> Vec<String> {
    let spans = when::word_spans(text);
    let mut out = Vec::new();
    for (i, (a, b, w)) in spans.iter().enumerate() {
        // a run of capitals is a shouted title, not acronyms
        let shouted = [i.checked_sub(1), Some(i + 1)]
            .iter()
            .flatten()
            .filter_map(|&j| spans.get(j))
            .any(|(_, _, x)| x.chars().count() > 1 && x.chars().all(|c| c.is_uppercase()));
        if is_acronym(w) && !shouted {
            let start = if i > 0
                && spans[i - 1]
                    .2
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !is_acronym(&spans[i - 1].2)
            {
                spans[i - 1].0
            } else {
                *a
            };
            let m = text[start..*b].to_string();
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out
}

/// Phrases of a passage that begin with a cue, up to the next comma or stop.
pub fn cue_phrases(text: &str, list: &[&str]) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for cue in list {
        for at in cues::cue_positions(&lower, cue) {
            if !text.is_char_boundary(at) {
                continue;
            }
            let rest = &text[at..];
            let stop = rest.find([',', '.', ';', ':', '(']).unwrap_or(rest.len());
            let words: Vec<&str> = rest[..stop].split_whitespace().take(14).collect();
            let phrase = words.join(" ");
            if !phrase.is_empty()
                && !out
                    .iter()
                    .any(|o: &String| o.contains(&phrase) || phrase.contains(o.as_str()))
            {
                out.push(phrase);
            }
        }
    }
    out
}

fn best_overlap<'a>(
    phrase_concepts: &[Concept],
    candidates: &'a [String],
    lang: &str,
    tr: &dyn Translator,
) -> Option<(&'a String, f32)> {
    candidates
        .iter()
        .map(|c| (c, bag::coverage(phrase_concepts, &Bag::of(lang, c, tr))))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Place phrases of a source passage, each with the three words before it
/// ("shelled the villages in the northern province"): a claim's "villages of the
/// north" is compared with the phrase and its context.
fn places_in_context(lang: &str, text: &str) -> Vec<(String, String)> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat.as_str();
    super::claims::places(lang, text)
        .into_iter()
        .map(|p| {
            let at = text.find(&p).unwrap_or(0);
            let before: Vec<&str> = text[..at].split_whitespace().collect();
            let ctx = format!(
                "{} {}",
                before[before.len().saturating_sub(3)..].join(" "),
                p
            );
            (p, ctx)
        })
        .collect()
}

/// Characters of the document on each side of a passage that count as its surroundings.
const NEAR_CHARS: usize = 800;

/// The text around `passage` in `doc` (`chars` on each side), or the passage
/// when it cannot be found (whitespace is compared flattened).
fn around(doc: &str, passage: &str, chars: usize) -> String {
    let flat_doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat_p = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(at) = flat_doc.find(&flat_p) else {
        return flat_p;
    };
    let mut start = at.saturating_sub(chars);
    while !flat_doc.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + flat_p.len() + chars).min(flat_doc.len());
    while !flat_doc.is_char_boundary(end) {
        end += 1;
    }
    flat_doc[start..end].to_string()
}

/// The document's text around a passage ([`NEAR_CHARS`] on each side), flattened
/// once when first needed and shared by dates, figures and places (flattening
/// walks the whole document).
struct Near<'a> {
    src: &'a SourceContext<'a>,
    text: std::cell::OnceCell<String>,
}

impl Near<'_> {
    fn get(&self) -> &str {
        self.text
            .get_or_init(|| around(self.src.doc_text, self.src.passage, NEAR_CHARS))
    }
}

/// Compare a claim with its best source passage: the differences of each
/// kind, in this order — date, number (or an added figure), added names,
/// place, organisation, quote, attribution, omission.
pub fn differences(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    tr: &dyn Translator,
) -> Vec<Difference> {
    let passage_bag = Bag::of(src.lang, src.passage, tr);
    let near = Near {
        src,
        text: std::cell::OnceCell::new(),
    };
    let passage_dates = when::find(src.passage);
    let mut out = dates(claim, src, &passage_dates, &near);
    out.extend(numbers(claim, claim_lang, src, &passage_dates, &near, tr));
    out.extend(added_names(claim, claim_lang, src, tr));
    out.extend(places(claim, claim_lang, src, &passage_bag, &near, tr));
    out.extend(organisation(claim, claim_lang, src, &passage_bag, tr));
    out.extend(quotes(claim, claim_lang, src, &passage_bag, tr));
    out.extend(attribution(claim, src));
    out.extend(swapped_person(claim, claim_lang, src, &passage_bag, tr));
    if let Some((article, source)) =
        super::roles::swapped_role(claim, claim_lang, src.passage, src.lang, tr)
    {
        out.push(diff("person", &article, &source));
    }
    out.extend(omissions(claim, claim_lang, src, tr));
    out
}

/// Dates of the claim found neither in the passage, nor near it, nor in the
/// document's own date (a long memo has many dates: one of them elsewhere does
/// not make this one right).
fn dates(
    claim: &Claim,
    src: &SourceContext,
    passage_dates: &[when::DateMention],
    near: &Near,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let near_dates = if claim.dates.is_empty() {
        Vec::new()
    } else {
        when::find(near.get())
    };
    for d in &claim.dates {
        // the day a passage gives the thing it tells outweighs the days around
        // it and the day the document was sent, for a claim with one date
        // ("appeared on 30 September" against a clipping "Date: 29 September"
        // sent on the 30th), unless the claim speaks of the document itself
        // ("the e-mail was sent on 18 January")
        let passage_says_otherwise = claim.dates.len() == 1
            && !claim.names_document
            && d.day.is_some()
            && passage_dates
                .iter()
                .any(|p| p.day.is_some() && p.month.is_some() && !d.compatible(p));
        let around = near_dates
            .iter()
            .chain(src.sent.iter())
            .filter(|_| !passage_says_otherwise);
        let ok = passage_dates.iter().chain(around).any(|s| d.compatible(s));
        if !ok {
            let other = passage_dates.first().or(src.doc_dates.first());
            out.push(diff(
                "date",
                &d.text,
                other.map(|o| o.text.as_str()).unwrap_or(""),
            ));
        }
    }
    out
}

/// Figures of the claim found neither in the passage nor near it (a long memo
/// has many figures: one of them elsewhere does not make this one right): the
/// same kind of thing counted otherwise ("six diplomats" / "two diplomats") is
/// a number difference, a figure the source has nothing like is an addition.
fn numbers(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    passage_dates: &[when::DateMention],
    near: &Near,
    tr: &dyn Translator,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let (src_numbers, near_numbers) = if claim.numbers.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            super::claims::numbers(src.lang, src.passage, passage_dates),
            super::claims::numbers(src.lang, near.get(), &[]),
        )
    };
    for n in &claim.numbers {
        if src_numbers.iter().any(|s| s.same_figure(n))
            || near_numbers.iter().any(|s| s.same_figure(n))
        {
            // "all 40" for "34 of the 40": the whole told for its part
            if let Some(part) = part_of(n, &src_numbers, &claim.numbers, src.passage, src.lang) {
                out.push(diff("number", &n.text, &part));
            }
            continue;
        }
        let words: Vec<&str> = claim.text.split_whitespace().collect();
        let first = n.text.split_whitespace().next().unwrap_or("");
        let at = words
            .iter()
            .position(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == first)
            .unwrap_or(0);
        let context = words[at..(at + 3).min(words.len())].join(" ");
        let counted = words.get(at + n.text.split_whitespace().count()).map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        });
        // the figure of the passage that counts the same thing, else the passage's
        // one figure the claim does not have (a retelling that changes a figure
        // often renders its unit in other words: "Menschen" for "people")
        let same_thing = counted
            .and_then(|thing| counted_alike(&thing, claim_lang, src, &src_numbers, tr))
            .or_else(|| only_unmatched(n, &src_numbers, &claim.numbers));
        match same_thing {
            Some(s) => out.push(diff("number", &context, &s.text)),
            None => out.push(diff("addition", &context, "")),
        }
    }
    out
}

/// The passage's "N of the M" (its language's [`partitives`](crate::lang::Profile::partitives))
/// when the claim has the whole `n` (M) but not the part N, a smaller figure.
fn part_of(
    n: &NumberMention,
    src_numbers: &[NumberMention],
    claim_numbers: &[NumberMention],
    passage: &str,
    lang: &str,
) -> Option<String> {
    let passage = passage.to_lowercase();
    // the whole as the passage writes it ("40" for the claim's "veertig")
    let whole = src_numbers
        .iter()
        .find(|s| s.same_figure(n))?
        .text
        .to_lowercase();
    src_numbers
        .iter()
        .filter(|part| part.value < n.value)
        .filter(|part| !claim_numbers.iter().any(|c| c.same_figure(part)))
        .find_map(|part| {
            for_code(lang).partitives.iter().find_map(|p| {
                let phrase = format!("{} {p} {whole}", part.text.to_lowercase());
                passage.contains(&phrase).then_some(phrase)
            })
        })
}

/// How far apart (as a ratio) two figures may be for one to be the other changed:
/// a changed figure stays within an order of magnitude ("500" for "1,000",
/// "1.5 billion" for "1,300 million"); "two million dollars" is no "3" changed.
const CHANGED_FIGURE_RATIO: f64 = 10.0;

/// The passage's figure that none of the claim's figures equals, when there is
/// exactly one, and it is within [`CHANGED_FIGURE_RATIO`] of `n`.
fn only_unmatched<'a>(
    n: &NumberMention,
    src_numbers: &'a [NumberMention],
    claim_numbers: &[NumberMention],
) -> Option<&'a NumberMention> {
    let mut left = src_numbers
        .iter()
        .filter(|s| !claim_numbers.iter().any(|c| c.same_figure(s)));
    let one = left.next()?;
    let (lo, hi) = (one.value.min(n.value), one.value.max(n.value));
    let near = lo > 0.0 && hi / lo <= CHANGED_FIGURE_RATIO;
    (left.next().is_none() && near).then_some(one)
}

/// The figure of the passage that counts the same kind of thing as the claim's
/// (the word after it means what `thing` means).
fn counted_alike<'a>(
    thing: &str,
    claim_lang: &str,
    src: &SourceContext,
    src_numbers: &'a [NumberMention],
    tr: &dyn Translator,
) -> Option<&'a NumberMention> {
    let cs = bag::concepts(claim_lang, &[thing.to_string()], &[], tr);
    let spans = crate::lang::when::word_spans(src.passage);
    src_numbers.iter().find(|s| {
        spans
            .iter()
            .position(|(_, _, w)| w == s.text.split_whitespace().next().unwrap_or(""))
            .and_then(|i| spans.get(i + s.text.split_whitespace().count()))
            .is_some_and(|(_, _, next)| {
                !cs.is_empty() && bag::coverage(&cs, &Bag::of(src.lang, next, tr)) > 0.5
            })
    })
}

/// Names of the claim absent from the whole document (text, metadata and aliases).
fn added_names(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    tr: &dyn Translator,
) -> Vec<Difference> {
    let mut out = Vec::new();
    for name in &claim.names {
        // in a script without capitals a "name" is a word the lexicon lacks: too
        // weak to report as an addition unless it meets a name of the document
        if crate::lang::arabic::is_arabic(name) {
            continue;
        }
        let cs = bag::concepts(claim_lang, &[], std::slice::from_ref(name), tr);
        if cs.is_empty() {
            continue;
        }
        let found = bag::coverage(&cs, src.doc_bag);
        let in_places = claim.places.iter().any(|p| p.contains(name.as_str()));
        if found < 0.5 && !in_places && !is_descriptor(name, claim_lang, tr) {
            out.push(diff("addition", name, ""));
        }
    }
    out
}

/// Whether a name of a claim is a single capitalised word the lexicon knows as
/// a common word ("Amerikaanse", "Premier"): an adjective, title or common noun,
/// not a name the article adds (in English, where every word renders as itself,
/// every single-word name).
pub(super) fn is_descriptor(name: &str, lang: &str, tr: &dyn Translator) -> bool {
    !name.contains(' ') && !tr.translate(lang, &name.to_lowercase()).is_empty()
}

/// Places of the claim that differ from the source place they correspond to.
fn places(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    passage_bag: &Bag,
    near: &Near,
    tr: &dyn Translator,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let source_places = SourcePlaces {
        passage: places_in_context(src.lang, src.passage),
        near: places_in_context(src.lang, near.get()),
        doc: places_in_context(src.lang, src.doc_text),
    };
    let claim_places = places_in_context(claim_lang, &claim.text);
    for p in &claim.places {
        let words = super::claims::content_words(claim_lang, p);
        let cs = bag::concepts(claim_lang, &words, &[], tr);
        if cs.is_empty() || source_places.passage.is_empty() {
            continue;
        }
        // the place with the words before it: "aanvallen op dorpen in de noordelijke provincie"
        let flat_p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        let ctx_text = claim_places
            .iter()
            .find(|(ph, _)| *ph == flat_p)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| p.clone());
        let ctx_words = super::claims::content_words(claim_lang, &ctx_text);
        let ctx_cs = bag::concepts(claim_lang, &ctx_words, &[], tr);
        let in_passage = bag::coverage(&cs, passage_bag) >= 0.99;
        let chosen = source_places.corresponding(&ctx_cs, in_passage, src.lang, tr);
        // when no source place corresponds to this one there is nothing to compare it with
        if let Some(phrase) = chosen
            && bag::coverage(&cs, &Bag::of(src.lang, &phrase, tr)) < 0.99
        {
            out.push(diff("place", p, &phrase));
        }
    }
    out
}

/// The place phrases of the source, each with its context: in the passage,
/// around it, and in the whole document.
struct SourcePlaces {
    passage: Vec<(String, String)>,
    near: Vec<(String, String)>,
    doc: Vec<(String, String)>,
}

impl SourcePlaces {
    /// The source place a claim's place corresponds to: the place phrase whose
    /// words and the three before it share most with the claim's (`ctx_cs`), in
    /// the passage; when none shares any and the place's words are not all in
    /// the passage (`in_passage`), around the passage, else anywhere in the document.
    fn corresponding(
        &self,
        ctx_cs: &[Concept],
        in_passage: bool,
        lang: &str,
        tr: &dyn Translator,
    ) -> Option<String> {
        let pick = |places: &[(String, String)]| -> Option<(String, f32)> {
            let contexts: Vec<String> = places.iter().map(|(_, c)| c.clone()).collect();
            let (ctx, cov) = best_overlap(ctx_cs, &contexts, lang, tr)?;
            let i = contexts.iter().position(|c| c == ctx)?;
            Some((places[i].0.clone(), cov))
        };
        match pick(&self.passage) {
            Some((phrase, cov)) if cov > 0.0 => Some(phrase),
            // the place's words are all in the passage: nothing elsewhere to compare with
            _ if in_passage => None,
            // else the places around the passage, else anywhere in the document
            _ => pick(&self.near)
                .filter(|(_, cov)| *cov > 0.0)
                .or_else(|| pick(&self.doc).filter(|(_, cov)| *cov > 0.0))
                .map(|(p, _)| p),
        }
    }
}

/// An institution of the claim that the passage does not name, where it names
/// another (the first such word).
fn organisation(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    passage_bag: &Bag,
    tr: &dyn Translator,
) -> Option<Difference> {
    let orgs = source_orgs(src.passage);
    if orgs.is_empty() {
        return None;
    }
    let words = &claim.words;
    for (i, w) in words.iter().enumerate() {
        let english = tr.translate(claim_lang, w);
        let institution = english.iter().any(|e| INSTITUTIONS.contains(&e.as_str()));
        if !institution {
            continue;
        }
        let c = bag::concepts(claim_lang, std::slice::from_ref(w), &[], tr);
        if c.first().is_some_and(|c| passage_bag.find(c).0 > 0.0) {
            continue;
        }
        let phrase = if i > 0 {
            format!("{} {}", words[i - 1], w)
        } else {
            w.clone()
        };
        let surface = find_surface(&claim.text, &phrase).unwrap_or(phrase);
        return Some(diff("organisation", &surface, &orgs.join(", ")));
    }
    None
}

/// The share of a quotation's concepts the source must hold for it to be quoted
/// right, in the source's language…
const QUOTE_KEPT: f32 = 0.7;
/// …and translated from it (a lexicon keeps fewer of its words).
const TRANSLATED_QUOTE_KEPT: f32 = 0.5;

/// Quotations of the claim found neither in the passage nor in the document: a
/// misquote, or an addition when what is quoted is a name.
fn quotes(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    passage_bag: &Bag,
    tr: &dyn Translator,
) -> Vec<Difference> {
    let mut out = Vec::new();
    for q in &claim.quotes {
        let words = super::claims::content_words(claim_lang, q);
        let names = super::claims::names(claim_lang, q);
        let cs = bag::concepts(claim_lang, &words, &names, tr);
        if cs.is_empty() {
            continue;
        }
        // a quotation translated from the source's language keeps fewer of its
        // words through a lexicon than one quoted in the source's own language
        let enough = if claim_lang == src.lang {
            QUOTE_KEPT
        } else {
            TRANSLATED_QUOTE_KEPT
        };
        if bag::coverage(&cs, passage_bag) >= enough || bag::coverage(&cs, src.doc_bag) >= enough {
            continue;
        }
        // a quoted name the source does not have is an addition, not a misquote
        let name_words: usize = names.iter().map(|n| n.split_whitespace().count()).sum();
        let kind = if !names.is_empty() && words.len() <= name_words {
            "addition"
        } else {
            "quote"
        };
        out.push(diff(kind, q, ""));
    }
    out
}

/// The claim gives the passage's statement to a person the passage does not
/// name while the passage names another titled person (the article: "Lee
/// described China as a teenager"; the source: "Mr Tamura ... describing China
/// as a teenager"). The claim's person must be one the document itself titles
/// ("Mr Lee"), so that places and bodies never count, and the passage's person
/// one the claim does not name.
fn swapped_person(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    passage_bag: &Bag,
    tr: &dyn Translator,
) -> Option<Difference> {
    let titles = for_code(src.lang).titles;
    let here = titled_people(src.passage, titles);
    let other = here
        .iter()
        .find(|(_, surname)| !claim.names.iter().any(|n| has_word(n, surname)))?;
    let in_doc = titled_people(src.doc_text, titles);
    claim.names.iter().find_map(|name| {
        let person = in_doc.iter().find(|(_, surname)| has_word(name, surname))?;
        let cs = bag::concepts(claim_lang, &[], std::slice::from_ref(name), tr);
        let absent = !cs.is_empty() && cs.iter().all(|c| passage_bag.find(c).0 == 0.0);
        (absent && !here.iter().any(|h| h.1 == person.1))
            .then(|| diff("attribution", name, &other.0))
    })
}

/// Whether one of the words of `name`, folded, is `folded`.
fn has_word(name: &str, folded: &str) -> bool {
    name.split_whitespace().any(|w| bag::fold(w) == folded)
}

/// The people a text titles ("Mr Tamura", "Mrs Clinton"): the title with the
/// capitalised word after it, and that word folded.
fn titled_people(text: &str, titles: &[&str]) -> Vec<(String, String)> {
    let words = when::word_spans(text);
    words
        .windows(2)
        .filter(|w| titles.contains(&w[0].2.to_lowercase().as_str()))
        .filter(|w| w[1].2.chars().next().is_some_and(char::is_uppercase))
        .map(|w| (format!("{} {}", w[0].2, w[1].2), bag::fold(&w[1].2)))
        .collect()
}

/// The source relays or hedges (in the passage or the three sentences before
/// it), the article states it as fact.
fn attribution(claim: &Claim, src: &SourceContext) -> Option<Difference> {
    let governing: Vec<String> = cue_phrases(src.passage, for_code(src.lang).hedges)
        .into_iter()
        .chain(
            src.lead
                .iter()
                .rev()
                .take(3)
                .flat_map(|s| cue_phrases(s, for_code(src.lang).hedges)),
        )
        .collect();
    if !governing.is_empty() && claim.attribution.is_empty() {
        Some(diff("attribution", "(stated as fact)", &governing[0]))
    } else {
        None
    }
}

/// Qualifiers of the source that the claim does not carry (a claim that
/// qualifies or attributes itself carries one), where they stand in a sentence
/// that holds the words the claim shares with the passage (an "only" in another
/// sentence of a long passage qualifies something else).
fn omissions(
    claim: &Claim,
    claim_lang: &str,
    src: &SourceContext,
    tr: &dyn Translator,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let near = near_matched(src.passage, src.matched);
    let own = for_code(claim_lang);
    let claim_lower = claim.text.to_lowercase();
    // function words ("she", "were") do not place a qualifier
    let content: Vec<String> = src
        .matched
        .iter()
        .filter(|m| !super::claims::is_function_word(src.lang, m))
        .cloned()
        .collect();
    for q in for_code(src.lang).qualifiers {
        if q.len() < 4 || !qualifies_matched(&near, q, &content) {
            continue;
        }
        let carried = claim.words.iter().any(|w| {
            let e = tr.translate(claim_lang, w);
            e.iter().any(|x| x == q) || bag::fold(w) == *q
        }) || own
            .qualifiers
            .iter()
            .chain(own.hedges)
            .any(|cq| cues::contains_cue_attached(&claim_lower, cq, own.attached));
        if !carried {
            out.push(diff("omission", "", q));
        }
    }
    out
}

/// Characters that end a clause: a qualifier governs its clause, not the
/// whole of an OCR'd memo's run-on sentence, nor the sentence around the
/// parenthesis it stands in.
pub(super) const CLAUSE_ENDS: &[char] = &['.', ';', ':', '!', '?', '|', '\n', '؛', '(', ')'];

/// Whether the qualifier `q` stands in a clause of `near` (lower case) that
/// holds at least [`QUALIFIED_SENTENCE`] of the matched words, or in the
/// clause with the most of them (anywhere when none is there).
fn qualifies_matched(near: &str, q: &str, matched: &[String]) -> bool {
    let clauses: Vec<&str> = near.split(CLAUSE_ENDS).collect();
    // the qualifier's own words ("think" of "I think") do not place it
    let own: Vec<&str> = q.split_whitespace().collect();
    let matched: Vec<String> = matched
        .iter()
        .filter(|m| !own.contains(&m.as_str()))
        .cloned()
        .collect();
    match holding_matched(&clauses, &matched) {
        Some(held) => held.iter().any(|c| cues::contains_cue(c, q)),
        None => cues::contains_cue(near, q),
    }
}

/// The parts that hold at least [`QUALIFIED_SENTENCE`] of the matched words
/// and at least half as many as the part holding the most (a parenthesis that
/// shares two words with a claim is not where a claim of ten came from), or,
/// when none holds two, those holding the most; `None` when none holds any.
fn holding_matched<'a>(parts: &[&'a str], matched: &[String]) -> Option<Vec<&'a str>> {
    let counts: Vec<usize> = parts.iter().map(|p| matched_in(p, matched)).collect();
    let most = counts.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return None;
    }
    let need = most.min(QUALIFIED_SENTENCE).max(most.div_ceil(2));
    Some(
        parts
            .iter()
            .zip(&counts)
            .filter(|(_, n)| **n >= need)
            .map(|(p, _)| *p)
            .collect(),
    )
}

/// Distinct matched words in a text: one name said twice is one shared word.
fn matched_in(text: &str, matched: &[String]) -> usize {
    crate::lang::when::word_spans(text)
        .iter()
        .map(|(_, _, w)| bag::fold(w))
        .filter(|f| matched.contains(f))
        .collect::<std::collections::HashSet<_>>()
        .len()
}

/// Matched words a sentence of the passage must hold for its qualifiers to
/// count: one shared word may be a coincidence.
const QUALIFIED_SENTENCE: usize = 2;

/// The sentences of the passage (lower case, joined by " | ") that hold at
/// least [`QUALIFIED_SENTENCE`] of the matched words, else the sentence with
/// the most (the whole passage when nothing matched).
fn near_matched(passage: &str, matched: &[String]) -> String {
    let sentences = super::article::sentences(passage);
    let parts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    match holding_matched(&parts, matched) {
        Some(held) => held
            .iter()
            .map(|s| s.to_lowercase())
            .collect::<Vec<_>>()
            .join(" | "),
        None => passage.to_lowercase(),
    }
}

fn find_surface(text: &str, lower_phrase: &str) -> Option<String> {
    let lt = text.to_lowercase();
    let p = lt.find(lower_phrase)?;
    text.get(p..p + lower_phrase.len()).map(str::to_string)
}

/// When claim and passage disagree in polarity (one negated, the other not),
/// the `negation` difference saying which of the two is negated (`negated` /
/// `affirmed`).
pub fn turned_polarity(
    claim: &Claim,
    claim_lang: &str,
    passage: &str,
    src_lang: &str,
    matched: &Matched,
) -> Option<Difference> {
    // a negation denies what is said of someone, not the name: "did not act
    // alone in Hanoi" says nothing against Hanoi; and in the passage only a
    // negation of the clauses holding the claim's words counts (an OCR'd
    // memo's run-on sentence denies many things)
    let predicates = &matched.source_predicates;
    let clauses: Vec<&str> = passage.split(CLAUSE_ENDS).collect();
    let source_negated = match holding_matched(&clauses, predicates) {
        Some(held) => held.iter().any(|c| negated_near(c, src_lang, predicates)),
        None => negated_near(passage, src_lang, predicates),
    };
    let claim_negated = negated_near(&claim.text, claim_lang, &matched.claim_predicates);
    let side = |negated: bool| if negated { "negated" } else { "affirmed" };
    (claim_negated != source_negated)
        .then(|| diff("negation", side(claim_negated), side(source_negated)))
}

/// The words a claim and its passage share (lower case): the source words that
/// matched the claim's, and apart, its words other than names and theirs.
#[derive(Debug, Default)]
pub struct Matched {
    /// Words of the passage that matched.
    pub source_words: Vec<String>,
    /// The claim's matched words that are not names.
    pub claim_predicates: Vec<String>,
    /// The passage's words that matched them.
    pub source_predicates: Vec<String>,
}

/// Words after a negation that it may govern.
const NEGATION_SCOPE: usize = 5;

/// Whether a token is one of the language's negations, or ends in one written
/// as a contraction ("n't": "can't", "didn’t").
fn is_negation(token: &str, negations: &[&str]) -> bool {
    let token = token.replace('’', "'");
    negations.iter().any(|n| {
        token == *n
            || (n.starts_with(|c: char| c.is_alphabetic())
                && n.contains('\'')
                && token.ends_with(n)
                && token.len() > n.len())
    })
}

/// Whether a negation of the language stands shortly before one of `words` in
/// `text`: a "not" elsewhere in a long passage says nothing about the matched statement.
fn negated_near(text: &str, lang: &str, words: &[String]) -> bool {
    let arabic_script = for_code(lang).script == crate::lang::Script::Arabic;
    let tokens: Vec<String> = crate::lang::when::word_spans(text)
        .into_iter()
        .map(|(_, _, w)| {
            let w = w.to_lowercase();
            if arabic_script {
                crate::lang::arabic::normalise(&w)
            } else {
                w
            }
        })
        .collect();
    let negations = for_code(lang).negations;
    let wanted: Vec<String> = words.iter().map(|w| bag::fold(w)).collect();
    // each token folded once (folding builds an analyser)
    let mut folded: Vec<Option<String>> = vec![None; tokens.len()];
    (0..tokens.len()).any(|i| {
        is_negation(&tokens[i], negations)
            && (i + 1..(i + 1 + NEGATION_SCOPE).min(tokens.len())).any(|k| {
                let f = folded[k].get_or_insert_with(|| bag::fold(&tokens[k]));
                wanted.contains(f)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::{NumberMention, is_negation, only_unmatched, qualifies_matched, titled_people};

    /// Whether claim and passage disagree in polarity.
    fn contradicts(
        claim: &super::Claim,
        claim_lang: &str,
        passage: &str,
        src_lang: &str,
        matched: &super::Matched,
    ) -> bool {
        super::turned_polarity(claim, claim_lang, passage, src_lang, matched).is_some()
    }

    #[test]
    fn a_title_marks_the_capitalised_word_after_it_as_a_person() {
        let en = crate::lang::profiles::for_code("en").titles;
        let people = titled_people(
            "Mr Tamura, in his question, asked Mr. Lee and the minister about Japan.",
            en,
        );
        let surnames: Vec<&str> = people.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(surnames, ["tamura", "lee"]);
        assert_eq!(people[0].0, "Mr Tamura");
        // a title before a lower-case word names nobody
        assert!(titled_people("as mr smith said", en).is_empty());
    }

    #[test]
    fn a_figure_changed_within_its_magnitude_pairs_with_the_source_figure_left() {
        let fig = |v: f64| NumberMention {
            text: v.to_string(),
            value: v,
        };
        let source = [fig(40.0), fig(40_000.0)];
        // "40 latrines for 80,000 people" against "40 for ~40k": 80,000 is 40k changed
        let claim = [fig(40.0), fig(80_000.0)];
        let got = only_unmatched(&claim[1], &source, &claim).map(|m| m.value);
        assert_eq!(got, Some(40_000.0));
        // "two million dollars" is no source "3" changed: an addition
        assert!(only_unmatched(&fig(2e6), &[fig(3.0)], &[fig(2e6)]).is_none());
        // two figures left: which one changed is not known
        assert!(only_unmatched(&fig(500.0), &[fig(1000.0), fig(700.0)], &[fig(500.0)]).is_none());
    }

    #[test]
    fn the_whole_told_for_its_part_is_a_number_difference() {
        use super::{NumberMention, part_of};
        let mention = |text: &str, value: f64| NumberMention {
            text: text.into(),
            value,
        };
        let passage = "The British Red Cross dug 34 of the 40 above-ground latrines.";
        let src_numbers = [mention("34", 34.0), mention("40", 40.0)];
        let all_forty = [mention("veertig", 40.0)];
        assert_eq!(
            part_of(&all_forty[0], &src_numbers, &all_forty, passage, "en").as_deref(),
            Some("34 of the 40")
        );
        // a claim that gives the part too retells it
        let both = [mention("34", 34.0), mention("40", 40.0)];
        assert_eq!(part_of(&both[1], &src_numbers, &both, passage, "en"), None);
    }

    #[test]
    fn a_qualifier_counts_in_the_clause_the_claim_retells() {
        let near = "i was with paul farmer and partners in health the whole time; \
                    the talks happened at all only because of cheryl and paul";
        let matched = ["paul", "farmer", "partners", "health"].map(String::from);
        // "only" stands in a clause that shares one matched word ("paul")
        assert!(!qualifies_matched(near, "only", &matched));
        let near = "he said she probably did not act alone in hanoi and consulted the president";
        let matched = ["hanoi", "consulted", "president"].map(String::from);
        assert!(qualifies_matched(near, "probably", &matched));
        // with nothing matched, anywhere
        assert!(qualifies_matched(near, "probably", &[]));
        // a parenthesis is a clause of its own; the qualifier's own words do not place it
        let near = "the people i met were out of touch (one woman - undp i think - told me so)";
        let matched = ["people", "touch", "think", "woman"].map(String::from);
        assert!(!qualifies_matched(near, "i think", &matched));
        let matched = ["woman", "undp", "told"].map(String::from);
        assert!(qualifies_matched(near, "i think", &matched));
        // a clause sharing two words does not count beside one sharing six
        let near = "the un people i met were out of touch, arrogant and incompetent at worst \
                    (one woman from the un - undp i think - told me)";
        let matched = [
            "people",
            "touch",
            "arrogant",
            "incompetent",
            "worst",
            "un",
            "woman",
        ]
        .map(String::from);
        assert!(!qualifies_matched(near, "i think", &matched));
    }

    #[test]
    fn a_negation_of_another_clause_of_a_run_on_passage_contradicts_nothing() {
        use super::Matched;
        let claim = crate::trace::claims::analyse(
            1,
            "en",
            "The Red Cross dug the latrines only three feet deep.",
        );
        let words = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let m = Matched {
            source_words: words(&["dug", "latrines", "only", "feet", "deep"]),
            claim_predicates: words(&["dug", "latrines", "only", "feet", "deep"]),
            source_predicates: words(&["dug", "latrines", "only", "feet", "deep"]),
        };
        // an OCR'd run-on: the denial stands in a later clause sharing one word
        let passage = "the Red Cross dug the 40 latrines only 3 feet deep, etc. - that is appalling; the Red Cross should not be allowed to dig latrines elsewhere";
        assert!(!contradicts(&claim, "en", passage, "en", &m));
        let denied = "the Red Cross never dug the 40 latrines only 3 feet deep";
        assert!(contradicts(&claim, "en", denied, "en", &m));
    }

    #[test]
    fn a_negation_before_a_name_alone_contradicts_nothing() {
        use super::Matched;
        let claim = crate::trace::claims::analyse(1, "en", "She did not act alone in Hanoi.");
        let words = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let with_words = Matched {
            source_words: words(&["acted", "alone", "hanoi"]),
            claim_predicates: words(&["act", "alone"]),
            source_predicates: words(&["acted", "alone"]),
        };
        assert!(contradicts(
            &claim,
            "en",
            "She acted alone in Hanoi.",
            "en",
            &with_words
        ));
        // only the name is shared: "not … in Hanoi" denies nothing of Hanoi
        let names_only = Matched {
            source_words: words(&["hanoi"]),
            ..Matched::default()
        };
        assert!(!contradicts(
            &claim,
            "en",
            "She flew to Hanoi.",
            "en",
            &names_only
        ));
    }

    #[test]
    fn contracted_negations_are_negations() {
        let en = crate::lang::profiles::for_code("en").negations;
        for t in ["not", "can't", "didn’t", "won't"] {
            assert!(is_negation(t, en), "{t}");
        }
        for t in ["cant", "can", "it's", "note"] {
            assert!(!is_negation(t, en), "{t}");
        }
        // "n't" is a suffix of English only: an Italian word is not read by it
        let it = crate::lang::profiles::for_code("it").negations;
        assert!(!is_negation("can't", it));
        assert!(is_negation("non", it));
    }
}
