//! Claims: the article's sentences, each with the anchors a check can hold on to
//! (names, places, dates, numbers, quoted words, the article's own attribution),
//! or marked not checkable (no anchor, or interpretive framing).

use crate::lang::cues;
use crate::lang::profiles::{self, Script, StopWords, for_code};
use crate::lang::when::{self, DateMention};
use serde::Serialize;

/// A number the text gives, in figures or in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberMention {
    /// As written.
    pub text: String,
    /// Value (`hundreds` is 100).
    pub value: f64,
}

impl NumberMention {
    /// Whether two mentions give the same figure.
    pub fn same_figure(&self, other: &NumberMention) -> bool {
        (self.value - other.value).abs() < f64::EPSILON
    }
}

/// One sentence of the article and what can be checked in it.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// Position in the article (0 is the title).
    pub index: usize,
    /// The sentence.
    pub text: String,
    /// Whether it carries checkable content.
    pub checkable: bool,
    /// Why it is not checkable, when it is not.
    pub reason: Option<String>,
    /// Names: runs of capitalised words and acronyms.
    pub names: Vec<String>,
    /// Place phrases ("in de zuidelijke regio's van Marokko").
    pub places: Vec<String>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Numbers.
    pub numbers: Vec<NumberMention>,
    /// Quoted words.
    pub quotes: Vec<String>,
    /// The article's own attribution words in the sentence ("volgens", "citeert").
    pub attribution: Vec<String>,
    /// Content words (lower case, no function words), for matching.
    pub words: Vec<String>,
    /// The sentence names the documents it retells ("the e-mail", "the memo": a
    /// source noun of its language).
    pub names_document: bool,
    /// The sentence speaks of the documents' publication ("according to recently
    /// published e-mails of …"): it is checked against the documents' metadata.
    pub about_release: bool,
    /// The writer's modal of speculation the sentence holds ("must have"), if any
    /// ([`crate::lang::profiles::Profile::speculation`]).
    pub speculation: Option<String>,
    /// The sentence is the article's headline: a line of its own before the
    /// body, without a full stop ([`is_headline`]).
    pub headline: bool,
}

/// Quoted spans: "…", “…”, «…», „…“, '…' (the last only around two or more words
/// or a capitalised name, so that apostrophes are not taken for quotes).
pub fn quotes(text: &str) -> Vec<String> {
    let pairs = [
        ('"', '"'),
        ('“', '”'),
        ('«', '»'),
        ('„', '“'),
        ('‘', '’'),
        ('\'', '\''),
    ];
    let mut out = Vec::new();
    for (open, close) in pairs {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else { break };
            let q = after[..b]
                .trim()
                .trim_matches(|c: char| c == ',' || c == '.');
            let ok = if open == '\'' {
                // not an apostrophe: starts after a space or start, and holds a word
                let before_ok = a == 0 || rest[..a].ends_with(char::is_whitespace);
                before_ok && !q.is_empty() && q.len() < 80
            } else {
                !q.is_empty() && q.len() < 300
            };
            if !ok && open == '\'' {
                // an apostrophe, not a quotation: look again after it
                rest = after;
                continue;
            }
            if ok && !out.iter().any(|x: &String| x == q) {
                out.push(q.to_string());
            }
            rest = &after[b + close.len_utf8()..];
        }
    }
    out
}

/// Function words of a language ([`crate::lang::Profile::stop_words`]: tantivy's
/// Snowball stop word lists, or the profile's own list, matched normalised and
/// with proclitics stripped in Arabic script).
pub fn is_function_word(lang: &str, word: &str) -> bool {
    let profile = for_code(lang);
    let language = match profile.stop_words {
        StopWords::List(list) => {
            return match profile.script {
                Script::Arabic => {
                    use crate::lang::arabic;
                    let w = arabic::normalise(word);
                    listed_with_conjunction(list, &w, profile.attached)
                        || list.contains(&arabic::strip_prefixes(&w))
                }
                Script::Latin => list.contains(&word.to_lowercase().as_str()),
            };
        }
        StopWords::Snowball(language) => language,
    };
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer};
    static CACHE: LazyLock<Mutex<HashMap<&'static str, TextAnalyzer>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let Ok(mut cache) = CACHE.lock() else {
        return false;
    };
    let an = cache.entry(profile.code).or_insert_with(|| {
        let filter = StopWordFilter::new(language)
            .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(filter)
            .build()
    });
    let mut ts = an.token_stream(word);
    !ts.advance()
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Connectors allowed inside a name ("Mokhtar bel Mokhtar", "Al Qaeda in de
/// Maghreb"): the name particles of every profile, since an article's names
/// often come from another language.
pub fn name_connector(w: &str) -> bool {
    profiles::all().any(|p| p.name_particles.contains(&w))
}

/// Runs of capitalised words (not counting the sentence's first word unless the
/// run goes on) and acronyms.
pub fn names(lang: &str, text: &str) -> Vec<String> {
    let spans: Vec<(usize, usize, String)> = when::word_spans(text)
        .into_iter()
        .map(|(a, b, w)| {
            let e = elided(&w);
            (a + (w.len() - e.len()), b, e.to_string())
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        let w = &spans[i].2;
        if is_capitalised(w) && !w.chars().all(|c| c.is_ascii_digit()) {
            let start = i;
            let mut end = i;
            let mut j = i + 1;
            while j < spans.len() {
                let gap = &text[spans[j - 1].1..spans[j].0];
                if gap.contains([',', '.', ';', ':', '(', ')', '"', '“', '”', '\''])
                    && gap.trim() != ""
                {
                    break;
                }
                if is_capitalised(&spans[j].2) {
                    end = j;
                    j += 1;
                } else if name_connector(&spans[j].2)
                    && j + 1 < spans.len()
                    && is_capitalised(&spans[j + 1].2)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut s = start;
            // a sentence-initial function word or cue is not a name ("De regering",
            // "Volgens Lee")
            let first = spans[0].2.to_lowercase();
            if s == 0 && (is_function_word(lang, &first) || for_code(lang).cue_word(&first)) {
                s += 1;
            }
            if s <= end {
                let name = text[spans[s].0..spans[end].1].to_string();
                let single_initial = s == 0 && end == 0;
                if !single_initial && !out.contains(&name) {
                    out.push(name);
                }
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A place phrase up to the first date it runs into, ending with its last
/// capitalised word ("in Vietnam this July" → "in Vietnam"); a phrase that is a
/// date ("in March 2010") leaves only its preposition.
fn before_date(phrase: &str) -> &str {
    let cut = when::find(phrase)
        .iter()
        .filter_map(|d| phrase.find(d.text.as_str()))
        .min()
        .unwrap_or(phrase.len());
    let kept = &phrase[..cut];
    let end = when::word_spans(kept)
        .iter()
        .skip(1)
        .filter(|(_, _, w)| is_capitalised(w))
        .map(|&(_, e, _)| e)
        .next_back()
        .unwrap_or(0);
    // a closing parenthesis after the country stays: "in Gao (Mali)"
    let end = if kept[end..].starts_with(')') {
        end + 1
    } else {
        end
    };
    kept[..end].trim_end()
}

/// Place phrases: a locative preposition and the words after it up to the last
/// capitalised word within six words ("in de zuidelijke regio's van Marokko").
pub fn places(lang: &str, text: &str) -> Vec<String> {
    let spans = when::word_spans(text);
    let preps = for_code(lang).locatives;
    let mut out = Vec::new();
    for i in 0..spans.len() {
        if !preps.contains(&spans[i].2.to_lowercase().as_str()) {
            continue;
        }
        let mut last_cap = None;
        for j in i + 1..spans.len().min(i + 7) {
            let gap = &text[spans[j - 1].1..spans[j].0];
            // a parenthesis may add the country: "in GAO (Mali)"
            let paren = gap.trim() == "(" && last_cap == Some(j - 1);
            if !paren && gap.contains([',', '.', ';', ':', '(', ')', '"', '\'', '“', '”']) {
                break;
            }
            let w = &spans[j].2;
            // a conjunction of any language ends the phrase
            let lw = w.to_lowercase();
            if profiles::all().any(|p| p.conjunctions.contains(&lw.as_str())) && j > i + 1 {
                break;
            }
            // a figure before any capital: "at least 800 Nepalese" counts, it does not locate
            if last_cap.is_none() && w.chars().any(|c| c.is_ascii_digit()) {
                break;
            }
            if is_capitalised(w) && !w.chars().all(|c| c.is_ascii_digit()) {
                last_cap = Some(j);
            } else if last_cap.is_some()
                && !name_connector(&w.to_lowercase())
                && !is_function_word(lang, &w.to_lowercase())
            {
                break;
            }
        }
        if let Some(e) = last_cap {
            // a month, a date or a weekday is not a place
            let mut end = spans[e].1;
            if text[end..].starts_with(')') {
                end += 1;
            }
            let phrase = before_date(&text[spans[i].0..end]);
            let weekday = phrase.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                for_code(lang).weekdays.iter().any(|d| *d == w)
            });
            if !phrase.is_empty() && !weekday {
                out.push(phrase.to_string());
            }
        }
    }
    out
}

/// The value of a figure written with the language's separators: "1,300" is
/// 1300 in English and 1.3 in Dutch, "1.300" the other way round.
fn figure(lang: &str, w: &str) -> Option<f64> {
    let (thousands, decimal) = if for_code(lang).decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    w.replace(thousands, "")
        .replace(decimal, ".")
        .parse::<f64>()
        .ok()
}

/// A figure written with spaces between its groups of thousands ("14 000",
/// "1 300 000") starting at word `k`, and the index of the word after it; only
/// in languages with a decimal comma, where a space separates thousands.
fn spaced_thousands(
    lang: &str,
    text: &str,
    spans: &[(usize, usize, String)],
    k: usize,
) -> Option<(String, usize)> {
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let first = &spans.get(k)?.2;
    if !for_code(lang).decimal_comma || !digits(first) || first.len() > 3 {
        return None;
    }
    let mut end = k;
    while let Some((start, _, w)) = spans.get(end + 1) {
        let gap = text.get(spans[end].1..*start)?;
        let spaced = matches!(gap, " " | "\u{a0}" | "\u{202f}");
        if !(spaced && w.len() == 3 && digits(w)) {
            break;
        }
        end += 1;
    }
    (end > k).then(|| (text[spans[k].0..spans[end].1].to_string(), end + 1))
}

/// Numbers in figures (not years or days of a date) and in words.
pub fn numbers(lang: &str, text: &str, dates: &[DateMention]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let spans = when::word_spans(text);
    let mut skip_to = 0;
    for (k, (_, _, w)) in spans.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        // "14 000": groups of three digits after a space, where the language
        // writes thousands so (the languages with a decimal comma)
        if let Some((merged, next)) = spaced_thousands(lang, text, &spans, k) {
            if let Ok(v) = merged.replace(char::is_whitespace, "").parse::<f64>() {
                out.push(NumberMention {
                    text: merged,
                    value: v,
                });
            }
            skip_to = next;
            continue;
        }
        let lw = w.to_lowercase();
        // "twee dagen na", "two days after": a span of time told in words is
        // context, not a counted quantity; one in figures ("17 days") is a figure
        if spans
            .get(k + 1)
            .is_some_and(|(_, _, next)| is_time_unit(&next.to_lowercase()))
            && !lw.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let w = w.clone();
        // "two million", "2 miljoen", "deux millions": the scale multiplies
        if let Some(scale) = spans
            .get(k + 1)
            .and_then(|(_, _, next)| scale_word(&next.to_lowercase()))
        {
            let base = for_code(lang)
                .number_words
                .iter()
                .find(|(n, _)| *n == lw)
                .map(|&(_, v)| v)
                .or_else(|| figure(lang, &w));
            if let Some(b) = base {
                out.push(NumberMention {
                    text: format!("{} {}", w, spans[k + 1].2),
                    value: b * scale,
                });
                continue;
            }
        }
        if scale_word(&lw).is_some()
            && k > 0
            && out
                .last()
                .is_some_and(|n: &NumberMention| n.text.ends_with(w.as_str()))
        {
            continue;
        }
        if let Some(&(_, v)) = for_code(lang).number_words.iter().find(|(n, _)| *n == lw) {
            out.push(NumberMention {
                text: w.clone(),
                value: v,
            });
            continue;
        }
        let digits = w.replace([',', '.'], "");
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            // the figures of a date as written ("17," of "January 17, 2013") or
            // as an Arabic date is given ("18-01-2013")
            let in_date = dates.iter().any(|d| {
                d.text
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|x| !x.is_empty() && x == w)
            });
            if !in_date && let Ok(v) = digits.parse::<f64>() {
                out.push(NumberMention {
                    text: w.clone(),
                    value: v,
                });
            }
        }
    }
    out
}

/// Scale words (million, billion) of every profile: an article quotes figures
/// as its sources give them.
fn scale_word(w: &str) -> Option<f64> {
    profiles::all()
        .flat_map(|p| p.scales)
        .find(|(s, _)| *s == w)
        .map(|&(_, v)| v)
}

/// A word without an elided article or pronoun before an apostrophe
/// ("l'Algérie" → "Algérie", "dell'Algeria" → "Algeria").
pub fn elided(w: &str) -> &str {
    match w.find(['\'', '’']) {
        Some(p)
            if p > 0
                && p <= 5
                && w[..p].chars().all(char::is_alphabetic)
                && w[p..].chars().count() > 2 =>
        {
            let rest = &w[p..];
            &rest[rest.chars().next().map(char::len_utf8).unwrap_or(1)..]
        }
        _ => w,
    }
}

/// The words of time spans ("twee dagen", "two days", "أربعة أيام") and the word
/// that leads a year ("عام 2008", "the year 2008"): context and date, not content.
fn time_span_words(lang: &str, text: &str) -> Vec<String> {
    let spans = when::word_spans(text);
    let profile = for_code(lang);
    // Arabic tables are written normalised (alef and hamza forms, taa marbuta)
    let read = |w: &str| {
        let lower = w.to_lowercase();
        if profile.script == Script::Arabic {
            crate::lang::arabic::normalise(&lower)
        } else {
            lower
        }
    };
    let counted = |w: &str| {
        let r = read(w);
        profile.number_words.iter().any(|(n, _)| *n == r)
            || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            || (profile.script == Script::Arabic && crate::lang::arabic::number_value(w).is_some())
    };
    let mut out = Vec::new();
    for k in 0..spans.len() {
        let word = &spans[k].2;
        let r = read(word);
        let unit = is_time_unit(&r);
        let before = k.checked_sub(1).map(|b| spans[b].2.as_str());
        if unit && before.is_some_and(counted) {
            out.extend(before.map(str::to_lowercase));
            out.push(word.to_lowercase());
        }
        // the word that leads a year ("عام 2008", "in the year 2008") is part of the date
        let next_is_year = spans.get(k + 1).is_some_and(|n| is_year(&n.2));
        let lead = unit || profile.date_fillers.contains(&r.as_str());
        if next_is_year && lead {
            out.push(word.to_lowercase());
        }
    }
    out
}

/// Whether a word is a year written in digits (1800–2100).
fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Units of time of every profile.
fn is_time_unit(w: &str) -> bool {
    profiles::all().any(|p| p.time_units.contains(&w))
}

/// A hyphenated word without the enclitic pronouns after its hyphens: a part
/// that is a function word of the language or a lone letter (the euphonic t)
/// at its end is no word of its own ("écrit-elle" → "écrit", "a-t-il" → "a").
/// A compound whose last part is a content word ("Port-au-Prince") is whole.
pub fn without_enclitics<'a>(lang: &str, w: &'a str) -> &'a str {
    let mut out = w;
    while let Some((head, tail)) = out.rsplit_once('-') {
        let enclitic = tail.chars().count() == 1 || is_function_word(lang, &tail.to_lowercase());
        if head.is_empty() || !enclitic {
            break;
        }
        out = head;
    }
    out
}

/// Content words of a sentence, lower case.
pub fn content_words(lang: &str, text: &str) -> Vec<String> {
    when::word_spans(text)
        .into_iter()
        .map(|(_, _, w)| {
            without_enclitics(lang, elided(&w))
                .to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|w| w.chars().count() >= 2 && !is_function_word(lang, w))
        .collect()
}

/// Where a language capitalises every noun (German), a single capitalised word
/// that the lexicon knows is a common noun, not a name: drops those from the
/// names, drops the place phrases left without a name, and decides again
/// whether the sentence has anything to check. A script without capitals
/// finds its names otherwise ([`uncapitalised_names`]).
pub fn refine_names(c: &mut Claim, lang: &str, tr: &dyn crate::lang::lexicon::Translator) {
    let profile = for_code(lang);
    if profile.script == Script::Arabic {
        uncapitalised_names(c, profile, tr);
        return;
    }
    if !profile.capitalises_nouns || !c.checkable {
        return;
    }
    // a capitalised word that is no common noun: an acronym, a word the lexicon
    // lacks, or one it renders as a proper noun
    let names_by_itself = |w: &str| {
        w.chars().all(|ch| ch.is_uppercase())
            || tr.translate(lang, &w.to_lowercase()).is_empty()
            || tr.is_proper(lang, w)
    };
    let names = std::mem::take(&mut c.names);
    for n in names {
        // keep the words of a run that are not common nouns ("Präsident Emmanuel Macron" → "Emmanuel Macron")
        let kept: Vec<&str> = n.split(' ').filter(|w| names_by_itself(w)).collect();
        if !kept.is_empty() {
            let joined = kept.join(" ");
            if !c.names.contains(&joined) {
                c.names.push(joined);
            }
        }
    }
    // a place phrase locates only by a name ("in ihrem Haiti-Memo", "bei
    // Bewohnern" do not): a word after its preposition, or the last part of a
    // hyphenated compound, that the lexicon does not know as a common noun
    c.places.retain(|p| {
        p.split_whitespace().skip(1).any(|token| {
            let token = token.trim_matches(|ch: char| !ch.is_alphanumeric());
            let head = token.rsplit('-').next().unwrap_or(token);
            is_capitalised(head) && names_by_itself(head)
        })
    });
    let anchors = c.names.len() + c.dates.len() + c.numbers.len() + c.quotes.len();
    if anchors == 0 && c.attribution.is_empty() {
        c.checkable = false;
        c.reason = Some("no name, date, number or quotation to check".into());
    }
}

/// Arabic writes names without capitals: a run of Arabic words that are neither
/// function words nor known to the lexicon is taken as a name (its words then meet
/// Latin spellings through [`crate::lang::arabic::to_latin_skeleton`]). Decides
/// again whether the sentence has anything to check.
fn uncapitalised_names(
    c: &mut Claim,
    profile: &profiles::Profile,
    tr: &dyn crate::lang::lexicon::Translator,
) {
    use crate::lang::arabic;
    let lang = profile.code;
    let stop_words = match profile.stop_words {
        StopWords::List(list) => list,
        StopWords::Snowball(_) => &[],
    };
    let mut run: Vec<String> = Vec::new();
    let mut runs: Vec<String> = Vec::new();
    for w in c.text.split(|ch: char| !ch.is_alphanumeric()) {
        let arabic_word = !w.is_empty() && arabic::is_arabic(w);
        let n = arabic::normalise(w);
        let bare = arabic::strip_clitics(&n);
        let name_like = arabic_word
            && w.chars().count() >= 3
            && !w.chars().any(|ch| ch.is_numeric())
            && !is_function_word(lang, w)
            && !stop_words.contains(&bare)
            && !profile.attribution.contains(&bare)
            && !profile.attribution.contains(&arabic::strip_prefixes(&n))
            && !is_attribution_word(lang, w)
            && arabic::month_number(w).is_none()
            && arabic::number_value(w).is_none()
            && tr.translate(lang, w).is_empty();
        if name_like {
            run.push(w.to_string());
        } else if !run.is_empty() {
            runs.push(run.join(" "));
            run.clear();
        }
    }
    if !run.is_empty() {
        runs.push(run.join(" "));
    }
    for r in runs {
        if !c.names.contains(&r) {
            c.names.push(r);
        }
    }
    if !c.checkable && c.reason.as_deref() == Some(NOTHING_TO_CHECK) {
        let anchors = c.names.len() + c.dates.len() + c.numbers.len() + c.quotes.len();
        if anchors > 0 && c.words.len() >= 3 {
            c.checkable = true;
            c.reason = None;
        }
    }
}

/// A capitalised word that opens a sentence is a name when the article writes
/// it capitalised inside a sentence elsewhere ("Lee", "Japón"): alone at the
/// start of a sentence it could be any word, and [`names`] leaves it out.
pub fn names_across_article(claims: &mut [Claim]) {
    let known: std::collections::HashSet<String> = claims
        .iter()
        .flat_map(|c| c.names.iter())
        .flat_map(|n| n.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for c in claims.iter_mut() {
        let Some((_, _, first)) = when::word_spans(&c.text).into_iter().next() else {
            continue;
        };
        let first = elided(&first).to_string();
        let named = c
            .names
            .iter()
            .any(|n| n.split_whitespace().any(|w| w == first));
        if named || !is_capitalised(&first) || !known.contains(&first) {
            continue;
        }
        c.names.insert(0, first.clone());
        c.words.retain(|w| w.to_lowercase() != first.to_lowercase());
        if !c.checkable && c.reason.as_deref() == Some(NOTHING_TO_CHECK) && c.words.len() >= 3 {
            c.checkable = true;
            c.reason = None;
        }
    }
}

/// The claims of an article: every sentence of every paragraph, in order, with
/// its names refined by the lexicon and across the article. In a language spoor
/// cannot check (`checkable_lang` false) every claim is not checkable.
pub(super) fn of_article(
    paragraphs: &[String],
    lang: &str,
    checkable_lang: bool,
    tr: &dyn crate::lang::lexicon::Translator,
) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    let headline = is_headline(paragraphs);
    for (pi, p) in paragraphs.iter().enumerate() {
        for s in super::article::sentences(p) {
            let i = claims.len();
            let mut c = analyse(i, lang, &s);
            c.headline = headline && pi == 0;
            refine_names(&mut c, lang, tr);
            if !checkable_lang {
                c.checkable = false;
                c.reason = Some("language not supported yet".into());
            }
            claims.push(c);
        }
    }
    if checkable_lang {
        names_across_article(&mut claims);
    }
    claims
}

/// Whether the article's first paragraph is a headline: one sentence, before a
/// body, not closed by a full stop (a lead paragraph ends with one).
fn is_headline(paragraphs: &[String]) -> bool {
    let Some(first) = paragraphs.first() else {
        return false;
    };
    paragraphs.len() > 1
        && super::article::sentences(first).len() == 1
        && !first.trim_end().ends_with('.')
}

/// Whether a word is one of the language's attribution markers ("said"); in
/// Arabic also with the conjunction و or ف it is written with ("وقال").
fn is_attribution_word(lang: &str, w: &str) -> bool {
    let profile = for_code(lang);
    if profile.attribution.contains(&w) {
        return true;
    }
    if profile.script != Script::Arabic {
        return false;
    }
    let n = crate::lang::arabic::normalise(w);
    listed_with_conjunction(profile.attribution, &n, profile.attached)
}

/// Whether a normalised word is in `list` as written or without one of the
/// conjunctions its language writes onto the next word (Arabic و, ف:
/// [`crate::lang::profiles::Profile::attached`]), however short the rest
/// ("وهو", "ومن", "وقال").
fn listed_with_conjunction(list: &[&str], word: &str, attached: &[&str]) -> bool {
    list.contains(&word)
        || attached.iter().any(|a| {
            word.strip_prefix(a)
                .is_some_and(|rest| list.contains(&rest))
        })
}

/// The concepts a claim is matched with (none when it is not checkable): its
/// words and names, each word also tried with the separable verb particles the
/// sentence holds (the sentence's last words before a verb's end).
pub(super) fn concepts_of(
    c: &Claim,
    lang: &str,
    tr: &dyn crate::lang::lexicon::Translator,
) -> Vec<super::bag::Concept> {
    if !c.checkable {
        return Vec::new();
    }
    let lower = c.text.to_lowercase();
    let ps: Vec<String> = for_code(lang)
        .verb_particles
        .iter()
        .filter(|p| cues::contains_cue(&lower, p))
        .map(|p| p.to_string())
        .collect();
    super::bag::concepts_with(lang, &c.words, &c.names, &ps, tr)
}

/// Why a sentence without anchors is not checked.
const NOTHING_TO_CHECK: &str = "no name, date, number or quotation to check";

/// Analyse one sentence.
pub fn analyse(index: usize, lang: &str, text: &str) -> Claim {
    // Arabic is read normalised (alef and hamza forms, digits); the claim keeps its text
    let read = if for_code(lang).script == Script::Arabic {
        crate::lang::arabic::normalise(text)
    } else {
        text.to_string()
    };
    let lower = read.to_lowercase();
    let dates = when::find(&read);
    let mut c = Claim {
        index,
        text: text.to_string(),
        checkable: true,
        reason: None,
        names: names(lang, text),
        places: places(lang, text),
        numbers: numbers(lang, &read, &dates),
        dates,
        quotes: quotes(text),
        attribution: for_code(lang)
            .attribution
            .iter()
            .filter(|a| cues::contains_cue_attached(&lower, a, for_code(lang).attached))
            .map(|s| s.to_string())
            .collect(),
        words: Vec::new(),
        names_document: false,
        about_release: false,
        speculation: None,
        headline: false,
    };
    // after an attribution cue, "the report", "the correspondence" say where the
    // claim comes from: the source will not contain them
    let attributed = !c.attribution.is_empty();
    let time_words = time_span_words(lang, text);
    c.words = content_words(lang, text)
        .into_iter()
        .filter(|w| {
            let source_noun = attributed && for_code(lang).source_nouns.contains(&w.as_str());
            !(is_attribution_word(lang, w) || time_words.contains(w) || source_noun)
        })
        .collect();
    c.names_document = for_code(lang)
        .source_nouns
        .iter()
        .any(|n| cues::contains_cue_attached(&lower, n, for_code(lang).attached));
    c.about_release = c.names_document
        && for_code(lang)
            .publication
            .iter()
            .any(|p| cues::contains_cue(&lower, p));
    c.speculation = for_code(lang)
        .speculation
        .iter()
        .find(|s| cues::contains_cue(&lower, s))
        .map(|s| s.to_string());
    let anchors = c.names.len() + c.dates.len() + c.numbers.len() + c.quotes.len();
    if let Some(cue) = for_code(lang)
        .interpretive
        .iter()
        .find(|i| cues::contains_loose(&lower, i))
    {
        c.checkable = false;
        c.reason = Some(format!(
            "interpretation (\"{cue}\"), not a statement of fact"
        ));
    } else if anchors == 0 && c.attribution.is_empty() {
        c.checkable = false;
        c.reason = Some(NOTHING_TO_CHECK.into());
    } else if c.words.len() < 3 {
        c.checkable = false;
        c.reason = Some("too short to check".into());
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_time_and_the_word_leading_a_year_are_no_content_words() {
        let ar = time_span_words("ar", "أمضت أربعة أيام في هايتي عام 2010");
        assert!(ar.contains(&"أيام".to_string()), "{ar:?}");
        assert!(ar.contains(&"عام".to_string()), "{ar:?}");
        let en = time_span_words(
            "en",
            "It was signed in the year 2008 after two weeks of talks",
        );
        assert!(
            en.contains(&"year".to_string()) && en.contains(&"weeks".to_string()),
            "{en:?}"
        );
        // a year that is no year of a date, and a unit without a count, stay
        let plain = time_span_words("en", "The year was hard; the weeks were long");
        assert!(plain.is_empty(), "{plain:?}");
        let words = analyse(1, "ar", "انسحبت الشركة من المشروع عام 2008 بعد تهديد صيني").words;
        assert!(!words.iter().any(|w| w == "عام"), "{words:?}");
    }

    #[test]
    fn an_arabic_date_is_one_date_and_no_figures_and_the_memo_with_its_article_is_named() {
        let c = analyse(
            1,
            "ar",
            "وجاء في المذكرة التي بعث بها سيدني بلومنتال يوم 18 جانفي 2013 أن الخلاف اندلع منذ عام 2005.",
        );
        let dates: Vec<(Option<i32>, Option<u32>, Option<u32>)> =
            c.dates.iter().map(|d| (d.year, d.month, d.day)).collect();
        // "2013" and "2005" are not read a second time as lone years
        assert_eq!(
            dates,
            [(Some(2013), Some(1), Some(18)), (Some(2005), None, None)],
            "{:?}",
            c.dates
        );
        // the day and year of a date are no figures of the claim
        assert!(c.numbers.is_empty(), "{:?}", c.numbers);
        // المذكرة is مذكرة with the article: the claim speaks of the document
        assert!(c.names_document);
        // a month and an attribution cue are no names, whatever the lexicon lacks
        let mut c = analyse(1, "ar", "وفقا لمصدر حساس، وصل بلمختار يوم 18 جانفي 2013.");
        refine_names(&mut c, "ar", &crate::trace::testkit::TestLexicon::english());
        assert!(
            c.names.iter().any(|n| n.contains("بلمختار")),
            "{:?}",
            c.names
        );
        assert!(
            !c.names
                .iter()
                .any(|n| n.contains("جانفي") || n.contains("وفقا")),
            "{:?}",
            c.names
        );
    }

    #[test]
    fn enclitic_pronouns_after_a_hyphen_are_no_words() {
        assert_eq!(without_enclitics("fr", "écrit-elle"), "écrit");
        assert_eq!(without_enclitics("fr", "a-t-il"), "a");
        assert_eq!(without_enclitics("fr", "Port-au-Prince"), "Port-au-Prince");
        assert_eq!(without_enclitics("en", "well-known"), "well-known");
        let words = content_words("fr", "Note-t-elle que la flotte a-t-il grandi ?");
        assert!(words.contains(&"note".to_string()), "{words:?}");
        assert!(
            !words.iter().any(|w| w.contains("elle") || w == "atil"),
            "{words:?}"
        );
    }

    #[test]
    fn a_span_of_time_in_figures_is_a_figure_and_in_words_context() {
        let values = |lang: &str, text: &str| -> Vec<f64> {
            numbers(lang, text, &[]).iter().map(|n| n.value).collect()
        };
        assert_eq!(values("de", "nach 17 Tagen Haft freigelassen"), [17.0]);
        assert!(values("nl", "twee dagen na de gijzeling").is_empty());
        assert!(values("en", "two days after the attack").is_empty());
    }

    #[test]
    fn figures_are_read_with_the_languages_separators() {
        let en = numbers("en", "they have got 1,300 million", &[]);
        let nl = numbers(
            "nl",
            "China heeft 1300 miljoen inwoners en 1,3 miljard euro",
            &[],
        );
        assert_eq!(en.first().map(|n| n.value), Some(1.3e9));
        assert_eq!(
            nl.iter().map(|n| n.value).collect::<Vec<_>>(),
            [1.3e9, 1.3e9]
        );
    }

    #[test]
    fn anchors_of_a_dutch_sentence() {
        let c = analyse(
            2,
            "nl",
            "De Algerijnse regering van voormalig president Abdelaziz Bouteflika moedigde de terrorist Mokhtar Belmokhtar aan om aanslagen te plegen in de zuidelijke regio's van Marokko.",
        );
        assert!(
            c.names.contains(&"Abdelaziz Bouteflika".to_string()),
            "{:?}",
            c.names
        );
        assert!(c.names.contains(&"Mokhtar Belmokhtar".to_string()));
        assert!(
            !c.names.iter().any(|n| n.starts_with("De ")),
            "{:?}",
            c.names
        );
        assert_eq!(c.places, ["in de zuidelijke regio's van Marokko"]);
        assert!(c.checkable);
    }

    #[test]
    fn thousands_written_with_spaces_are_one_figure() {
        let values = |lang: &str, t: &str| -> Vec<f64> {
            numbers(lang, t, &[]).iter().map(|n| n.value).collect()
        };
        assert_eq!(values("fr", "abrite 14 000 personnes"), [14000.0]);
        assert_eq!(
            values("fr", "1 300 000 habitants et 40 tentes"),
            [1_300_000.0, 40.0]
        );
        // a group of other than three digits is a figure of its own
        assert_eq!(values("fr", "les 34 40 latrines"), [34.0, 40.0]);
    }

    #[test]
    fn a_german_place_phrase_needs_a_name() {
        use crate::trace::testkit::TestLexicon;
        let lex = TestLexicon::with(&[
            ("de", "bewohnern", &["residents"]),
            ("de", "memo", &["memo"]),
        ]);
        let mut c = analyse(
            0,
            "de",
            "Nur UNICEF galt bei Bewohnern als verlässlich, schrieb sie in Port-au-Prince, so steht es in ihrem Haiti-Memo.",
        );
        refine_names(&mut c, "de", &lex);
        assert_eq!(c.places, ["in Port-au-Prince"], "{:?}", c.names);
    }

    #[test]
    fn a_cue_that_opens_a_sentence_is_no_part_of_a_name() {
        assert_eq!(
            names("nl", "Volgens Lee gedroeg China zich"),
            ["Lee", "China"]
        );
        assert_eq!(
            names("fr", "Selon Kurt Campbell, la Chine"),
            ["Kurt Campbell", "Chine"]
        );
        // a name of its own still opens a sentence
        assert_eq!(names("en", "Chelsea Clinton wrote"), ["Chelsea Clinton"]);
    }

    #[test]
    fn quotes_numbers_dates_attribution() {
        let c = analyse(
            3,
            "nl",
            "De e-mail werd verzonden op 18 januari 2013 en citeert \"een zeer gevoelige bron\" over zes diplomaten.",
        );
        assert_eq!(c.quotes, ["een zeer gevoelige bron"]);
        assert_eq!(c.dates[0].normalised(), "2013-01-18");
        assert_eq!(c.numbers.iter().map(|n| n.value).collect::<Vec<_>>(), [6.0]);
        assert_eq!(c.attribution, ["citeert", "bron"]);
        assert_eq!(
            quotes("l'été et 'Signed in Blood' of d'abord"),
            ["Signed in Blood"]
        );
    }

    #[test]
    fn the_first_paragraph_is_a_headline_when_it_is_one_unstopped_sentence() {
        let ps = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_headline(&ps(&["Lee on the sea", "Lee spoke."])));
        assert!(is_headline(&ps(&[
            "Lee: «China is a teenager»",
            "Lee spoke."
        ])));
        // a lead paragraph, a text of one paragraph
        assert!(!is_headline(&ps(&[
            "Lee spoke on Monday.",
            "He said more."
        ])));
        assert!(!is_headline(&ps(&["Lee on the sea"])));
        assert!(!is_headline(&ps(&["Lee spoke. He said more", "And more."])));
    }

    #[test]
    fn a_place_phrase_ends_before_a_date() {
        assert_eq!(
            places("en", "proposed in a visit to Vietnam this July, he said"),
            ["in a visit to Vietnam"]
        );
        assert_eq!(
            places("en", "met in Gao (Mali) on Monday"),
            ["in Gao (Mali)"]
        );
        // a date is no place
        assert!(places("en", "the attack in March 2010 was").is_empty());
        assert!(
            places("de", "im Juli 2010 in Berlin")
                .iter()
                .all(|p| p == "in Berlin")
        );
    }

    #[test]
    fn arabic_attribution_verbs_carry_their_conjunction() {
        assert!(is_attribution_word("ar", "وقال"));
        assert!(is_attribution_word("ar", "قالت"));
        assert!(!is_attribution_word("ar", "وزير"));
        assert!(is_attribution_word("en", "said") && !is_attribution_word("en", "andsaid"));
        let c = analyse(0, "ar", "وقال لي إن الصين دولة كبيرة.");
        assert!(!c.words.iter().any(|w| w == "وقال"), "{:?}", c.words);
    }

    #[test]
    fn arabic_function_words_carry_their_conjunction() {
        for w in ["وهو", "ومن", "وما", "فما", "هو", "والتي"] {
            assert!(is_function_word("ar", w), "{w}");
        }
        for w in ["وزير", "ومدينة", "فارمر"] {
            assert!(!is_function_word("ar", w), "{w}");
        }
    }

    #[test]
    fn framing_is_not_checkable() {
        assert!(
            !analyse(
                0,
                "nl",
                "De correspondentie suggereert dat de schok groot was bij Belmokhtar."
            )
            .checkable
        );
        assert!(!analyse(0, "en", "This is a sad story for everyone involved.").checkable);
    }
}
