//! Language identification of document text (whatlang's trigram models), mapped to
//! the languages spoor analyses with a stemmer. Anything else is `xx`: indexed
//! without stemming, never rejected.

use std::sync::LazyLock;
use whatlang::{Detector, Lang};

/// Languages the detector chooses among: the ones journalists work in most, plus
/// scripts that must be told apart. Restricting the list keeps short English
/// mail from being taken for Danish or Norwegian.
static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::with_allowlist(vec![
        Lang::Eng,
        Lang::Nld,
        Lang::Fra,
        Lang::Deu,
        Lang::Spa,
        Lang::Ita,
        Lang::Por,
        Lang::Ara,
        Lang::Rus,
        Lang::Tur,
        Lang::Pol,
    ])
});

/// Languages with their own analyser (stemmer) in the index, plus `xx` for the rest.
pub const ANALYSED: [&str; 8] = ["en", "nl", "fr", "de", "es", "it", "pt", "xx"];

/// How much text is looked at to decide (the start of the text is enough and keeps ingest fast).
const SAMPLE_BYTES: usize = 2048;

/// ISO 639-1 code of a whatlang language, for the ones spoor names.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Nld => "nl",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Ara => "ar",
        Lang::Rus => "ru",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Nob => "no",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Pol => "pl",
        _ => "xx",
    }
}

/// Detect the language of a text; `en` when the text is too short or the
/// detector is not confident (the most common language of the archives spoor reads).
pub fn detect(text: &str) -> &'static str {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.split_whitespace().count() < 4 {
        return "en";
    }
    match DETECTOR.detect(sample) {
        Some(info) if info.is_reliable() || info.confidence() >= 0.5 => code(info.lang()),
        _ => "en",
    }
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
    }
}
