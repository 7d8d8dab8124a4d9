//! Roles swapped between people: the claim gives a person the role the source
//! gives someone else ("the Haitian health minister, Leslie Voltaire" where the
//! source has "the Haitian Minister of Health Alex Larsen; … UN liaison Leslie
//! Voltaire"). Both names are in the passage, so neither is an addition: what
//! differs is which name the role words stand before.

use super::bag::{self, Bag, Concept};
use super::claims::{self, Claim};
use crate::lang::lexicon::Translator;
use crate::lang::when;

/// Words before a name that may be its role ("der frühere japanische
/// Ministerpräsident Naoto Kan").
const ROLE_WINDOW: usize = 5;
/// Role words a source name must have before it to hold the role.
const ROLE_WORDS: usize = 2;

/// A word of a text with where it stands and whether a clause ends before it.
struct Token {
    word: String,
    capital: bool,
    clause_start: bool,
}

/// The words of a text; a full stop after one of the language's abbreviations
/// ("Mr.", "Dr.") ends no clause.
fn tokens(text: &str, lang: &str) -> Vec<Token> {
    let abbreviations = crate::lang::profiles::for_code(lang).abbreviations;
    let mut last = 0;
    let mut prev = String::new();
    when::word_spans(text)
        .into_iter()
        .map(|(s, e, w)| {
            let gap = text.get(last..s).unwrap_or("");
            let abbreviated = gap.trim() == "." && abbreviations.contains(&prev.as_str());
            last = e;
            prev = w.to_lowercase();
            Token {
                capital: w.chars().next().is_some_and(char::is_uppercase),
                clause_start: !abbreviated && gap.contains(super::compare::CLAUSE_ENDS),
                word: w,
            }
        })
        .collect()
}

/// The words before token `at` in its clause, at most [`ROLE_WINDOW`].
fn before(toks: &[Token], at: usize) -> &[Token] {
    let mut from = at;
    while from > 0 && at - from < ROLE_WINDOW && !toks[from].clause_start {
        from -= 1;
    }
    &toks[from..at]
}

/// Position of the first word of `name` in the tokens, where all its words follow.
fn position(toks: &[Token], name: &str) -> Option<usize> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (0..toks.len()).find(|&i| {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.word == *w))
    })
}

/// The role concepts of a claim's name: its non-name content words just before it.
fn role_of(c: &Claim, lang: &str, name: &str, tr: &dyn Translator) -> Vec<Concept> {
    let toks = tokens(&c.text, lang);
    let Some(at) = position(&toks, name) else {
        return Vec::new();
    };
    let named = |w: &str| c.names.iter().any(|n| n.split_whitespace().any(|x| x == w));
    let words: Vec<String> = before(&toks, at)
        .iter()
        .filter(|t| !named(&t.word) && !claims::is_function_word(lang, &t.word))
        .map(|t| t.word.to_lowercase())
        .collect();
    bag::concepts(lang, &words, &[], tr)
}

/// How many of the role concepts stand among the words before token `at`.
fn role_score(
    toks: &[Token],
    at: usize,
    role: &[Concept],
    lang: &str,
    tr: &dyn Translator,
) -> usize {
    let text: Vec<&str> = before(toks, at).iter().map(|t| t.word.as_str()).collect();
    let b = Bag::of(lang, &text.join(" "), tr);
    role.iter().filter(|k| b.find(k).0 > 0.0).count()
}

/// The person of the passage who holds the claim's role for `name`, when it is
/// someone else: the run of capitalised words after the most role words.
fn holder(
    toks: &[Token],
    role: &[Concept],
    name: &str,
    lang: &str,
    tr: &dyn Translator,
) -> Option<String> {
    let own = position(toks, name).map(|at| role_score(toks, at, role, lang, tr))?;
    let mut best: Option<(usize, String)> = None;
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].capital || (i > 0 && toks[i - 1].capital && !toks[i].clause_start) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end + 1 < toks.len() && toks[end + 1].capital && !toks[end + 1].clause_start {
            end += 1;
        }
        // the run's last two words are the name; earlier ones may be its title
        let first = end.saturating_sub(1).max(i);
        let score = role_score(toks, first, role, lang, tr);
        let run: Vec<&str> = toks[first..=end].iter().map(|t| t.word.as_str()).collect();
        if score > best.as_ref().map_or(0, |b| b.0) {
            best = Some((score, run.join(" ")));
        }
        i = end + 1;
    }
    let (score, who) = best?;
    let shares = who
        .split_whitespace()
        .any(|w| name.split_whitespace().any(|n| n == w));
    (score >= ROLE_WORDS && score > own && !shares).then_some(who)
}

/// A claim's person to whom it gives the role the passage gives someone else:
/// (the claim's name, the source's).
pub(super) fn swapped_role(
    c: &Claim,
    claim_lang: &str,
    passage: &str,
    src_lang: &str,
    tr: &dyn Translator,
) -> Option<(String, String)> {
    let toks = tokens(passage, src_lang);
    c.names
        .iter()
        .filter(|n| n.split_whitespace().count() >= 2)
        .find_map(|name| {
            let role = role_of(c, claim_lang, name, tr);
            if role.len() < ROLE_WORDS {
                return None;
            }
            // the name as the passage writes it (it must be there: else it is an addition)
            let found = name
                .split_whitespace()
                .last()
                .and_then(|surname| toks.iter().position(|t| t.word == surname))?;
            let written = toks[found.saturating_sub(1)..=found]
                .iter()
                .filter(|t| t.capital)
                .map(|t| t.word.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            holder(&toks, &role, &written, src_lang, tr).map(|who| (name.clone(), who))
        })
}

#[cfg(test)]
mod tests {
    use super::super::claims::analyse;
    use super::super::testkit::TestLexicon;
    use super::swapped_role;

    const PASSAGE: &str = "I sat in on meetings with the Haitian Minister of Health Alex Larsen \
        and his team; the official overseeing reconstruction, UN liaison Leslie Voltaire.";

    fn swap(claim: &str, passage: &str) -> Option<(String, String)> {
        let c = analyse(1, "en", claim);
        swapped_role(&c, "en", passage, "en", &TestLexicon::english())
    }

    #[test]
    fn a_role_given_to_another_person_of_the_passage_is_a_swap() {
        let got = swap(
            "Among her meetings was one with the health minister, Leslie Voltaire.",
            PASSAGE,
        );
        assert_eq!(
            got,
            Some(("Leslie Voltaire".to_string(), "Alex Larsen".to_string()))
        );
    }

    #[test]
    fn the_role_its_holder_has_is_no_swap() {
        let right = "Among her meetings was one with the health minister, Alex Larsen.";
        assert_eq!(swap(right, PASSAGE), None);
        // one role word is not enough to tell a role
        let vague = "Among her meetings was one with the official Leslie Voltaire.";
        assert_eq!(swap(vague, PASSAGE), None);
    }

    #[test]
    fn an_abbreviated_title_does_not_cut_the_role_from_its_name() {
        let passage = "She meets the Chinese Minister of Foreign Affairs, Mr. Yang Jiechi, \
            and Secretary of State Hillary Clinton.";
        let claim = "The Chinese foreign minister, Yang Jiechi, replied.";
        assert_eq!(swap(claim, passage), None);
        let swapped = "The Chinese foreign minister, Hillary Clinton, replied.";
        assert_eq!(
            swap(swapped, passage),
            Some(("Hillary Clinton".to_string(), "Yang Jiechi".to_string()))
        );
    }
}
