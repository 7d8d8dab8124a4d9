//! Evaluative words: the words by which a writer judges ("remarkable",
//! "courageous", "precious", "disastrous"), read from the VADER valence lexicon
//! (Hutto & Gilbert 2014: 7,500 English words, each rated by ten people from −4
//! to +4). A claim in any language is judged through the English renderings of
//! its words, as the tracer matches it.

use unicase::UniCase;

/// The least valence, either way, of a word that judges: a third of the scale
/// ("good" 1.9, "remarkable" 2.6, "incompetent" −2.1; "okay" 0.9 is left out).
const MIN_VALENCE: f64 = 1.5;

/// The valence of an English word in the lexicon, if it is there.
pub fn valence(english: &str) -> Option<f64> {
    vader_sentiment::LEXICON
        .get(&UniCase::new(english))
        .copied()
}

/// Whether a word, through its English renderings, judges: at least half of its
/// one-word renderings are words that describe or rate (`rates`: adjectives and
/// adverbs, and nouns naming a quality or a feeling such as "courage", by
/// WordNet) of a strong valence. A word with one evaluative sense among many
/// neutral ones does not judge, and neither does a verb or noun of strong
/// valence that tells an event ("threatened", "killed", "hostage"): what
/// describes and rates is what judges (Hatzivassiloglou & Wiebe 2000).
pub fn judges(renderings: &[String], rates: impl Fn(&str) -> bool) -> bool {
    let words: Vec<&String> = renderings
        .iter()
        .filter(|r| !r.contains(char::is_whitespace))
        .collect();
    let judging = words
        .iter()
        .filter(|w| valence(w).is_some_and(|v| v.abs() >= MIN_VALENCE) && rates(w))
        .count();
    !words.is_empty() && 2 * judging >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn judging_words_judge_and_plain_ones_do_not() {
        let any = |_: &str| true;
        assert!(judges(&r(&["remarkable"]), any));
        assert!(judges(&r(&["precious", "valuable"]), any));
        assert!(judges(&r(&["incompetent"]), any));
        assert!(!judges(&r(&["document"]), any));
        assert!(!judges(&r(&["okay"]), any), "too mild");
        // one evaluative sense among neutral ones is not enough
        assert!(!judges(&r(&["fair", "market", "exhibition"]), any));
        assert!(!judges(&[], any));
    }

    #[test]
    fn only_describing_words_judge() {
        let modifiers = |w: &str| ["remarkable", "precious"].contains(&w);
        assert!(judges(&r(&["remarkable"]), modifiers));
        assert!(
            !judges(&r(&["threaten"]), modifiers),
            "a verb tells an event"
        );
        assert!(!judges(&r(&["threaten", "precious", "kill"]), modifiers));
    }
}
