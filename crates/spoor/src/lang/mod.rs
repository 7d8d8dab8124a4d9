//! Language identification of document text (whatlang's trigram models), mapped to
//! the languages spoor analyses with a stemmer. Anything else is `xx`: indexed
//! without stemming, never rejected.

pub mod apertium;
pub mod arabic;
pub mod cues;
pub mod evaluative;
pub mod lexicon;
pub mod profiles;
pub mod table;
pub mod when;
pub mod wordnet;

pub use profiles::{Profile, Script};
use std::sync::LazyLock;
use whatlang::{Detector, Lang as Whatlang};

/// Languages the detector chooses among: the ones journalists work in most, plus
/// scripts that must be told apart. Restricting the list keeps short English
/// mail from being taken for Danish or Norwegian.
static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::with_allowlist(vec![
        Whatlang::Eng,
        Whatlang::Nld,
        Whatlang::Fra,
        Whatlang::Deu,
        Whatlang::Spa,
        Whatlang::Ita,
        Whatlang::Por,
        Whatlang::Ara,
        Whatlang::Rus,
        Whatlang::Tur,
        Whatlang::Pol,
    ])
});

/// Languages with their own analyser (stemmer) in the index, plus `xx` for the rest.
pub const ANALYSED: [&str; 9] = ["en", "nl", "fr", "de", "es", "it", "pt", "ar", "xx"];

/// How much text is looked at to decide (the start of the text is enough and keeps ingest fast).
const SAMPLE_BYTES: usize = 1024;

/// ISO 639-1 code of a whatlang language, for the ones spoor names.
pub fn code(lang: Whatlang) -> &'static str {
    match lang {
        Whatlang::Eng => "en",
        Whatlang::Nld => "nl",
        Whatlang::Fra => "fr",
        Whatlang::Deu => "de",
        Whatlang::Spa => "es",
        Whatlang::Ita => "it",
        Whatlang::Por => "pt",
        Whatlang::Ara => "ar",
        Whatlang::Rus => "ru",
        Whatlang::Dan => "da",
        Whatlang::Swe => "sv",
        Whatlang::Nob => "no",
        Whatlang::Fin => "fi",
        Whatlang::Tur => "tr",
        Whatlang::Pol => "pl",
        _ => "xx",
    }
}

/// Detect the language of a text; `en` when the text is too short or the
/// detector is not confident (the most common language of the archives spoor reads).
pub fn detect(text: &str) -> &'static str {
    let end = crate::util::floor_boundary(text, SAMPLE_BYTES);
    // words only: addresses, links, numbers and table codes mislead the detector
    let cleaned: Vec<&str> = text[..end]
        .split_whitespace()
        .filter(|w| {
            !w.contains(['@', '/', '<', '>', '=', '#', '&'])
                && !w.chars().any(|c| c.is_ascii_digit())
        })
        .collect();
    let words = cleaned.len();
    if words < 6 {
        return "en";
    }
    let sample = cleaned.join(" ");
    if let Some(l) = by_function_words(&sample) {
        return l;
    }
    match DETECTOR.detect(&sample) {
        Some(info) if info.is_reliable() => code(info.lang()),
        _ => "en",
    }
}

/// The language whose function words ([`Profile::detection_words`]) clearly
/// dominate the sample, if one does. Counting them is more reliable than
/// character trigrams on short, name-heavy mail.
fn by_function_words(sample: &str) -> Option<&'static str> {
    let lists: Vec<&'static Profile> = profiles::all()
        .filter(|p| !p.detection_words.is_empty())
        .collect();
    let mut scores = vec![0usize; lists.len()];
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 6)
    {
        let lw = w.to_lowercase();
        for (i, p) in lists.iter().enumerate() {
            if p.detection_words.contains(&lw.as_str()) {
                scores[i] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].cmp(&scores[a]));
    let best = order.first().map_or(0, |&i| scores[i]);
    let second = order.get(1).map_or(0, |&i| scores[i]);
    (best >= 3 && best * 2 >= second * 3).then(|| lists[order[0]].code)
}

/// The place of a detected code's analyser language in [`ANALYSED`]: the
/// index's subject and body fields are kept in that order.
pub fn analysed_slot(code: &str) -> usize {
    let l = analysed(code);
    ANALYSED
        .iter()
        .position(|x| *x == l)
        .unwrap_or(ANALYSED.len() - 1)
}

/// The analyser language for a detected code (one of [`ANALYSED`]).
pub fn analysed(code: &str) -> &'static str {
    ANALYSED
        .iter()
        .copied()
        .find(|c| *c == code)
        .unwrap_or("xx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_main_languages() {
        assert_eq!(
            detect("The meeting about the gas contract is moved to Thursday afternoon in Houston."),
            "en"
        );
        assert_eq!(
            detect(
                "De regering had een geheime afspraak met de terrorist om belangen aan te vallen."
            ),
            "nl"
        );
        assert_eq!(
            detect("Le gouvernement algérien avait conclu un accord secret avec le terroriste."),
            "fr"
        );
        assert_eq!(
            detect("Die algerische Regierung hatte eine geheime Vereinbarung mit dem Terroristen."),
            "de"
        );
        assert_eq!(
            detect("El gobierno argelino tenía un acuerdo secreto con el terrorista para atacar."),
            "es"
        );
        assert_eq!(
            detect("Il governo algerino aveva un accordo segreto con il terrorista per attaccare."),
            "it"
        );
        assert_eq!(analysed("ru"), "xx");
        // a Dutch text quoting a few English words stays Dutch
        assert_eq!(
            detect(
                "De minister zei dat de regering van Algerije \"the deal\" niet kende en dat de afspraak geheim bleef voor iedereen in het land."
            ),
            "nl"
        );
    }
}
