//! One profile per language: the closed-class word lists and rules of a language
//! that the tracer, the date finder and the lexicon read (months, seasons,
//! weekdays, number words and scales, attribution cues, hedges, qualifiers,
//! interpretive verbs, negations, name particles, locatives, verb particles,
//! suffix rules, reply headers, function words). The algorithms take a
//! [`Profile`] and never ask which language it is; adding a language means
//! adding a module here and a variant to [`Lang`].
//!
//! These are lists about languages, not about any article. The test
//! [`tests::every_checkable_language_has_complete_tables`] walks every checkable
//! language and fails when one of its tables is missing or incomplete.

pub mod ar;
pub mod de;
pub mod en;
pub mod es;
pub mod fr;
pub mod it;
pub mod nl;
pub mod pt;

/// A language spoor has a profile for (the languages whose articles it checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Dutch.
    Nl,
    /// French.
    Fr,
    /// German.
    De,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// Portuguese.
    Pt,
    /// Arabic.
    Ar,
}

impl Lang {
    /// Every language with a profile. Where the tables of all languages are read
    /// together (dates, scales, units of time), they are read in this order.
    pub const ALL: [Lang; 8] = [
        Lang::En,
        Lang::Nl,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::It,
        Lang::Pt,
        Lang::Ar,
    ];

    /// ISO 639-1 code ("nl").
    pub fn code(self) -> &'static str {
        profile(self).code
    }

    /// The language of an ISO 639-1 code, if spoor has its profile.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The script a language is written in. Algorithms branch on it where a script
/// needs other handling (Arabic has no capitals, is read normalised, and meets
/// Latin names through consonant skeletons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters, with capitals.
    Latin,
    /// Arabic letters: no capitals; words are compared normalised.
    Arabic,
}

/// How the function words (stop words) of a language are known.
#[derive(Debug, Clone, Copy)]
pub enum StopWords {
    /// tantivy's Snowball stop-word list of the language.
    Snowball(tantivy::tokenizer::Language),
    /// A list of the profile's own, stored normalised.
    List(&'static [&'static str]),
}

/// The lines by which a mail client introduces quoted or forwarded text
/// (lower case). All empty for a language whose clients' headers spoor does
/// not know.
#[derive(Debug, Clone, Copy)]
pub struct ReplyHeaders {
    /// A line that is only this phrase once dashes and spaces are trimmed (OCR
    /// keeps "Original Message" and loses some or all of its dashes).
    pub bare: &'static [&'static str],
    /// Phrases that make a line starting with dashes a header ("-----Original Message-----").
    pub in_rule: &'static [&'static str],
    /// How a header line begins ("begin forwarded message").
    pub starts: &'static [&'static str],
    /// The last word of a quoting line ("… wrote:").
    pub wrote: &'static [&'static str],
    /// How a quoting line that ends with a [`ReplyHeaders::wrote`] word may begin ("on …").
    pub on: &'static [&'static str],
}

impl ReplyHeaders {
    /// No known reply headers.
    pub const NONE: ReplyHeaders = ReplyHeaders {
        bare: &[],
        in_rule: &[],
        starts: &[],
        wrote: &[],
        on: &[],
    };
}

/// The language knowledge spoor reads a language with. Every list is lower case
/// (Arabic ones normalised, see [`crate::lang::arabic::normalise`]).
#[derive(Debug)]
pub struct Profile {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Script the language is written in.
    pub script: Script,
    /// Three-letter code in FreeDict dictionary names (`freedict-nld-eng`);
    /// `None` for English, the language translated into.
    pub freedict: Option<&'static str>,
    /// Routes of Apertium pairs that lead from the language to English, for the
    /// words FreeDict lacks; each route a chain of (Debian package directory,
    /// direction), the first pair's analyser reading the word and each bilingual
    /// dictionary reading what the one before gives. The renderings of every
    /// installed route are taken, in this order; empty when there is none.
    pub apertium: &'static [&'static [(&'static str, &'static str)]],
    /// The Apertium analyser (Debian package directory, direction) that brings an
    /// inflected word to its lemmas ("maakte" → "maken"), for FreeDict to look up
    /// when neither it nor the pairs know the word as written; `None` when
    /// Debian has no analyser of the language.
    pub analyser: Option<(&'static str, &'static str)>,
    /// Month names, January to December; one row per naming system (Arabic has three).
    pub months: &'static [[&'static str; 12]],
    /// Other spellings of month names, with their month (1–12).
    #[allow(dead_code)] // filled for every language; no reader of dates uses it yet
    pub month_variants: &'static [(&'static str, u32)],
    /// Whether a month name's first three letters, without a stop, also name it ("Jan 18").
    pub bare_month_abbreviations: bool,
    /// Season words with their season: 1 spring, 2 summer, 3 autumn, 4 winter.
    pub seasons: &'static [(&'static str, u8)],
    /// Weekdays, Monday to Sunday (Arabic: Sunday to Saturday, as its calendars start).
    pub weekdays: [&'static str; 7],
    /// Small words that may stand inside a date ("18 de enero de 2013", "summer of 2010").
    pub date_fillers: &'static [&'static str],
    /// Words before a month named alone that make it a date ("in March", "this
    /// July", "seit März"): without one, a bare "may" or "mars" is any word.
    pub month_leads: &'static [&'static str],
    /// Number words with their values (`hundreds` is 100: an order of magnitude).
    pub number_words: &'static [(&'static str, f64)],
    /// Scale words that multiply the number before them ("miljoen", "milliards").
    pub scales: &'static [(&'static str, f64)],
    /// Units of time ("dagen"): a number before one is a span, not a quantity.
    pub time_units: &'static [&'static str],
    /// Attribution markers: the sentence says where its content comes from.
    pub attribution: &'static [&'static str],
    /// Hedges and relays in a source sentence: the source does not state the
    /// thing as its own fact. Multi-word cues are matched as phrases.
    pub hedges: &'static [&'static str],
    /// Qualifiers that limit a statement; an article that drops them changes it.
    pub qualifiers: &'static [&'static str],
    /// Interpretive framing: the sentence reads meaning into the record rather than reporting it.
    pub interpretive: &'static [&'static str],
    /// The writer's own speculation about what followed ("dürften … angekommen
    /// sein", "could have framed"): modal perfects of likelihood, not the
    /// conditional of reported speech ("would have allowed").
    pub speculation: &'static [&'static str],
    /// Nouns by which an article names the documents it retells ("the e-mail",
    /// "the report"). After an attribution cue they say where the claim comes
    /// from, not what it claims; beside a publication word they make a sentence
    /// about the release itself.
    pub source_nouns: &'static [&'static str],
    /// Words that say documents were made public ("published", "released").
    pub publication: &'static [&'static str],
    /// Interrogative words: a headline that opens with one ("What she told her
    /// parents") promises the documents' content rather than stating it.
    pub interrogatives: &'static [&'static str],
    /// Negation words.
    pub negations: &'static [&'static str],
    /// Locative prepositions that introduce a place phrase.
    pub locatives: &'static [&'static str],
    /// Words between two figures that make the first a part of the second
    /// ("34 of the 40", "34 sur 40"), longest first.
    pub partitives: &'static [&'static str],
    /// Coordinating conjunctions ("and"): a place phrase ends before one.
    pub conjunctions: &'static [&'static str],
    /// Words written onto the next word (Arabic و "and", ف "so", the article
    /// ال and its combinations): a cue counts with one of them attached
    /// ("وحسب", "and according to"; "المذكرة", "the memo").
    pub attached: &'static [&'static str],
    /// Particles that may stand inside a name ("van", "bin", "of"). Names in an
    /// article often carry particles of another language, so the particles of
    /// all profiles are read together.
    pub name_particles: &'static [&'static str],
    /// Honorifics written before a person's name ("Mr", "Dr"), lower case,
    /// without a full stop: the capitalised name after one is a person's.
    pub titles: &'static [&'static str],
    /// Separable verb particles ("moedigde … aan" is "aanmoedigen").
    pub verb_particles: &'static [&'static str],
    /// Whether every noun is capitalised, so that a capitalised word the lexicon
    /// knows is a common noun, not a name (German).
    pub capitalises_nouns: bool,
    /// Whether the comma marks decimals and the full stop thousands ("1.300",
    /// "1,3 miljoen"); otherwise the comma marks thousands ("1,300 million").
    pub decimal_comma: bool,
    /// Whether words form closed compounds that the lexicon may split
    /// ("vredesakkoord" → "vrede" + "akkoord"), and participles are made with
    /// ge-…-d/t ("gedesoriënteerd" → "desoriënteren").
    pub compounds: bool,
    /// Inflection endings to strip, longest first, with what replaces them, to
    /// reach a dictionary form.
    pub suffixes: &'static [(&'static str, &'static str)],
    /// This language's acronyms of international bodies whose English acronym
    /// differs ("ONU" → "UN", "OTAN" → "NATO"), folded.
    pub acronyms: &'static [(&'static str, &'static str)],
    /// Endings of learned words with their English counterparts, in folded
    /// form (lower case, no accents); every ending that fits is tried. A word
    /// the lexicon lacks may be an English word in this language's spelling
    /// ("realtà" → "reality", "mentalité" → "mentality").
    pub cognates: &'static [(&'static str, &'static str)],
    /// Derivation endings tried after the inflections (Dutch adjectives of
    /// place: "-aanse" → "-o").
    pub derivations: &'static [(&'static str, &'static str)],
    /// Abbreviations after which a full stop does not end a sentence (without the stop).
    pub abbreviations: &'static [&'static str],
    /// Frequent function words that tell the language from the others on short
    /// texts (words that are also common English words are left out).
    pub detection_words: &'static [&'static str],
    /// Function words, left out of a sentence's content words.
    pub stop_words: StopWords,
    /// Mail clients' reply and forward headers.
    pub reply_headers: ReplyHeaders,
    /// How mail disclaimers and legal notices begin: what follows is not the
    /// sender's text but boilerplate.
    pub disclaimer_starts: &'static [&'static str],
}

impl Profile {
    /// Whether a lower-cased word is one of the profile's single-word cues
    /// (attribution, hedge, qualifier, interrogative, negation, conjunction,
    /// locative, date lead): words that open sentences and are never a name's.
    pub fn cue_word(&self, word: &str) -> bool {
        [
            self.attribution,
            self.hedges,
            self.qualifiers,
            self.interrogatives,
            self.negations,
            self.conjunctions,
            self.locatives,
            self.month_leads,
        ]
        .iter()
        .any(|list| list.contains(&word))
    }
}

/// The profile of a language.
pub fn profile(lang: Lang) -> &'static Profile {
    match lang {
        Lang::En => &en::PROFILE,
        Lang::Nl => &nl::PROFILE,
        Lang::Fr => &fr::PROFILE,
        Lang::De => &de::PROFILE,
        Lang::Es => &es::PROFILE,
        Lang::It => &it::PROFILE,
        Lang::Pt => &pt::PROFILE,
        Lang::Ar => &ar::PROFILE,
    }
}

/// The profile for a language code; text of a language without a profile (a
/// source in Russian, `xx`) is read with the English one, the most common
/// language of the archives spoor reads.
pub fn for_code(code: &str) -> &'static Profile {
    profile(Lang::from_code(code).unwrap_or(Lang::En))
}

/// Every profile, in the order of [`Lang::ALL`].
pub fn all() -> impl Iterator<Item = &'static Profile> {
    Lang::ALL.into_iter().map(profile)
}

/// Every profile written in `script`, in the order of [`Lang::ALL`].
pub fn in_script(script: Script) -> impl Iterator<Item = &'static Profile> {
    all().filter(move |p| p.script == script)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nonempty(code: &str, table: &str, list: &[&str], min: usize) {
        assert!(
            list.len() >= min,
            "{code}: table {table} has {} entries, needs at least {min}",
            list.len()
        );
        for e in list {
            assert!(!e.trim().is_empty(), "{code}: empty entry in {table}");
            assert_eq!(
                e.to_lowercase(),
                *e,
                "{code}: {table} entry {e:?} is not lower case"
            );
        }
    }

    #[test]
    fn every_checkable_language_has_complete_tables() {
        for code in crate::trace::CHECKABLE_LANGUAGES {
            let lang = Lang::from_code(code)
                .unwrap_or_else(|| panic!("checkable language {code} has no profile"));
            let p = profile(lang);
            assert_eq!(p.code, code);
            assert_eq!(lang.code(), code);
            // twelve months in every naming system, each named
            assert!(!p.months.is_empty(), "{code}: no months");
            for system in p.months {
                nonempty(code, "months", system, 12);
            }
            for &(m, n) in p.month_variants {
                assert!((1..=12).contains(&n), "{code}: month variant {m} → {n}");
            }
            // all four seasons
            for season in 1..=4u8 {
                assert!(
                    p.seasons.iter().any(|&(w, s)| s == season && !w.is_empty()),
                    "{code}: no word for season {season}"
                );
            }
            assert!(p.seasons.iter().all(|&(_, s)| (1..=4).contains(&s)));
            nonempty(code, "weekdays", &p.weekdays, 7);
            // number words for 2..=10 (one is an article in most languages) and
            // at least the hundreds and thousands
            for n in 2..=10 {
                assert!(
                    p.number_words.iter().any(|&(_, v)| v == f64::from(n)),
                    "{code}: no number word for {n}"
                );
            }
            for order in [100.0, 1000.0] {
                assert!(
                    p.number_words.iter().any(|&(_, v)| v == order),
                    "{code}: no number word for {order}"
                );
            }
            // million and billion, as scale words or (Arabic) number words of their own
            for scale in [1e6, 1e9] {
                assert!(
                    p.scales
                        .iter()
                        .chain(p.number_words)
                        .any(|&(_, v)| v == scale),
                    "{code}: no scale word for {scale}"
                );
            }
            nonempty(code, "partitives", p.partitives, 1);
            nonempty(code, "attribution", p.attribution, 3);
            nonempty(code, "hedges", p.hedges, 3);
            nonempty(code, "qualifiers", p.qualifiers, 3);
            nonempty(code, "interpretive", p.interpretive, 3);
            nonempty(code, "speculation", p.speculation, 2);
            nonempty(code, "source nouns", p.source_nouns, 5);
            nonempty(code, "publication", p.publication, 3);
            nonempty(code, "interrogatives", p.interrogatives, 4);
            nonempty(code, "negations", p.negations, 2);
            nonempty(code, "locatives", p.locatives, 2);
            nonempty(code, "abbreviations", p.abbreviations, 0);
            nonempty(code, "name particles", p.name_particles, 0);
            nonempty(code, "verb particles", p.verb_particles, 0);
            nonempty(code, "date fillers", p.date_fillers, 0);
            match p.script {
                // Arabic conjunctions are attached to the next word
                Script::Arabic => {}
                Script::Latin => {
                    nonempty(code, "conjunctions", p.conjunctions, 1);
                    nonempty(code, "detection words", p.detection_words, 10);
                    nonempty(code, "date fillers", p.date_fillers, 1);
                    nonempty(code, "month leads", p.month_leads, 3);
                }
            }
            nonempty(code, "time units", p.time_units, 5);
            if p.compounds {
                assert!(!p.suffixes.is_empty(), "{code}: no suffix rules");
            }
            // a Latin-script language other than English spells learned words
            // its own way
            if p.script == Script::Latin && lang != Lang::En {
                assert!(p.cognates.len() >= 10, "{code}: cognate endings");
            }
            if p.script == Script::Latin && lang != Lang::En {
                assert!(p.acronyms.len() >= 3, "{code}: acronyms");
            }
            for (s, e) in p.cognates.iter().chain(p.acronyms) {
                assert!(
                    !s.is_empty() && !e.is_empty() && s.chars().all(|c| c.is_ascii_lowercase()),
                    "{code}: cognate ending {s} → {e} (folded, not empty)"
                );
            }
            match p.stop_words {
                StopWords::Snowball(_) => {}
                StopWords::List(list) => nonempty(code, "stop words", list, 50),
            }
            // a language translated into English needs its dictionary's name
            assert_eq!(p.freedict.is_none(), lang == Lang::En, "{code}: freedict");
            for (s, r) in p.suffixes.iter().chain(p.derivations) {
                assert!(!s.is_empty() && s != r, "{code}: suffix rule {s} → {r}");
            }
        }
        // every profile is reachable from its code, and codes are distinct
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(for_code("xx").code, "en");
    }
}
