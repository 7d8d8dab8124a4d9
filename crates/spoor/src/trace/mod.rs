//! Tracing an article to its sources. [`check`] runs the stages in order:
//! the article becomes claims (`claims`), each made comparable across
//! languages (`bag`); retrieval finds the source documents (`retrieve`), cut
//! into passages (`passages`); every claim is scored against every passage it
//! touches (`score`) and the documents ranked by the claims they carry
//! (`rank`); the verdict stage decides, per claim, the passage it rests on, its
//! verdict and its differences from it (`verdict`, comparing with `compare`);
//! the chain stage adds how the source knows it (`chain`). Rendering is in
//! [`crate::report`].

pub(crate) mod article;
pub(crate) mod bag;
mod chain;
pub(crate) mod claims;
pub(crate) mod compare;
pub mod eval;
mod passages;
mod rank;
mod retrieve;
mod roles;
mod score;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
mod verdict;

use crate::archive::Archive;
use crate::error::Result;
use crate::lang::lexicon::Translator;
use crate::lang::profiles::for_code;
use bag::Concept;
use serde::Serialize;

pub use chain::Chain;
pub use compare::Difference;
pub use rank::SourceRef;
pub use verdict::Verdict;

/// Languages whose articles spoor can check.
pub const CHECKABLE_LANGUAGES: [&str; 8] = ["en", "nl", "fr", "de", "es", "it", "pt", "ar"];

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The article's language, when not detected.
    pub lang: Option<String>,
    /// Only documents of this collection.
    pub collection: Option<String>,
    /// The collections whose documents may be sources and evidence (every
    /// collection by default): candidates, renditions and siblings outside them
    /// are never read.
    pub readable: crate::access::Readable,
    /// Fill [`CheckReport::debug`] with each claim's concepts and best
    /// passages (for tuning; the CLI sets it from `SPOOR_DEBUG_CHECK`).
    pub debug: bool,
}

/// The article as checked.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    /// Language (ISO 639-1).
    pub language: String,
    /// Title.
    pub title: String,
    /// What could not be done, in words (unsupported language, missing lexicon).
    pub note: Option<String>,
    /// Who wrote it, as a saved page says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// When it was published, as a saved page's metadata says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The publication, as a saved page's metadata says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// A passage that a claim rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// The passage, in the source's language.
    pub passage: String,
    /// How much of the claim it carries (0 to 1).
    pub score: f32,
    /// Source words that matched the claim.
    pub matched: Vec<String>,
}

/// The result for one claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimResult {
    /// Position in the article.
    pub index: usize,
    /// The sentence.
    pub text: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Why, when not checkable.
    pub reason: Option<String>,
    /// Best passages, best first.
    pub evidence: Vec<Evidence>,
    /// Differences between article and source.
    pub differences: Vec<Difference>,
    /// The source's relays and hedges (docs/FORMATS.md, "Output contracts").
    pub attribution: Vec<String>,
    /// The chain article → document → cited sources.
    pub chain: Option<Chain>,
}

/// Lexicon coverage of the article's content words.
#[derive(Debug, Clone, Serialize)]
pub struct LexiconInfo {
    /// Content words looked up.
    pub words: usize,
    /// Of which the lexicon knew.
    pub known: usize,
}

/// The whole check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The article.
    pub article: ArticleInfo,
    /// Source documents, best first.
    pub sources: Vec<SourceRef>,
    /// Claims in article order.
    pub claims: Vec<ClaimResult>,
    /// Lexicon coverage.
    pub lexicon: LexiconInfo,
    /// What [`CheckOptions::debug`] asked for, a line a string; not part of the
    /// JSON contract.
    #[serde(skip)]
    pub debug: Vec<String>,
}

/// The scoring thresholds of a check, in one place. Chosen on the tuning part
/// of the evaluation sets (eval/sets/split.json and eval/cases), never on the
/// held-out part (docs/EVALUATION.md).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// A claim needs at least this share of its meaning in one passage to rest on it.
    pub in_source: f32,
    /// And at least this share of its words (names aside)…
    pub words_in_source: f32,
    /// …or this share when nearly all its names are there.
    pub words_with_names: f32,
    /// The share of its names a claim must find for `words_with_names` to apply.
    pub names_for_words: f32,
    /// A negation difference is a contradiction only from this match score on.
    pub contradiction: f32,
    /// Passages, best first, among which the best one carrying the claim's words is sought.
    pub gate_candidates: usize,
    /// How much more of a claim a document other than the article's main source
    /// must hold for the claim to rest on it.
    pub elsewhere_margin: f32,
    /// Added to the scores of the main source's passages when ranking a claim's
    /// passages: an article retells one document at a time.
    pub main_source_bonus: f32,
    /// The share of [`Thresholds::in_source`] a passage needs to be shown as evidence.
    pub evidence_share: f32,
    /// A headline without quotation, figure or date is checked only when this
    /// share of its words (names aside) is in its best passage; below it, it frames.
    pub headline_words: f32,
}

/// The thresholds spoor checks with.
pub const THRESHOLDS: Thresholds = Thresholds {
    in_source: 0.33,
    words_in_source: 0.28,
    words_with_names: 0.2,
    names_for_words: 0.8,
    contradiction: 0.6,
    gate_candidates: 8,
    elsewhere_margin: 0.15,
    main_source_bonus: 0.15,
    evidence_share: 0.75,
    headline_words: 0.5,
};
const IN_SOURCE: f32 = THRESHOLDS.in_source;
/// The largest article (text or saved page) a check reads.
pub const MAX_ARTICLE_BYTES: usize = 4 << 20;
/// The most text a check analyses (a long feature is 30,000 bytes; the work
/// grows with claims × passages).
pub const MAX_ARTICLE_TEXT: usize = 60_000;

/// Check an article against the archive: retrieve → passages → score →
/// verdict → chain.
pub fn check(
    archive: &Archive,
    bytes: &[u8],
    opts: &CheckOptions,
    tr: &dyn Translator,
) -> Result<CheckReport> {
    let (art, full) = read_article(bytes)?;
    let lang = opts
        .lang
        .clone()
        .unwrap_or_else(|| crate::lang::detect(&full).to_string());
    let checkable_lang = CHECKABLE_LANGUAGES.contains(&lang.as_str());
    let note = language_note(&lang, checkable_lang, tr);
    let claims = claims::of_article(&art.paragraphs, &lang, checkable_lang, tr);
    let concepts: Vec<Vec<Concept>> = claims
        .iter()
        .map(|c| claims::concepts_of(c, &lang, tr))
        .collect();
    let lexicon = lexicon_info(&concepts);

    let spellings = retrieve::latin_spellings(archive, &concepts)?;
    // each rendering's document count is read once per check (the article's
    // query and the claims' share their words)
    let counted: std::cell::RefCell<std::collections::HashMap<String, u64>> = Default::default();
    let docs = |w: &str| {
        if let Some(&n) = counted.borrow().get(w) {
            return n;
        }
        let n = archive.word_docs(w);
        counted.borrow_mut().insert(w.to_string(), n);
        n
    };
    let terms = retrieve::query_terms(&concepts, &spellings, &docs);
    let claim_terms: Vec<Vec<String>> = concepts
        .iter()
        .zip(&claims)
        .filter(|(_, c)| c.checkable)
        .map(|(cs, _)| retrieve::query_terms(std::slice::from_ref(cs), &spellings, &docs))
        .collect();
    let candidates = retrieve::candidates(archive, &terms, &claim_terms, opts)?;
    let sources = retrieve::sources(archive, &candidates, opts, bytes, tr)?;
    // Arabic writes names without capitals, in another script than the sources
    let other_script = for_code(&lang).script != crate::lang::Script::Latin;
    let passages = passages::of_sources(&sources, archive, other_script, tr);
    let checkable: Vec<usize> = claims
        .iter()
        .filter(|c| c.checkable)
        .map(|c| c.index)
        .collect();
    let scores =
        score::claims_against_passages(&claims, &checkable, &concepts, &passages, &lang, tr);
    let ranked = rank::documents(&sources, &checkable, &scores.best_per_doc);

    let stage = verdict::Stage {
        lang: &lang,
        concepts: &concepts,
        sources: &sources,
        passages: &passages,
        scores: &scores,
        top_doc: rank::main_source(&ranked),
        archive,
        tr,
    };
    let results: Vec<ClaimResult> = claims
        .iter()
        .map(|c| chain::attach(verdict::judge(c, &stage), c, &sources, &passages, archive))
        .collect();
    let debug = match opts.debug {
        true => {
            let mut lines: Vec<String> = spellings
                .iter()
                .map(|(sk, words)| format!("spellings {sk} -> {words:?}"))
                .collect();
            lines.sort();
            lines.push(format!("terms {terms:?}"));
            lines.push(format!("candidates {candidates:?}"));
            for t in &claim_terms {
                lines.push(format!("claimterms {t:?}"));
            }
            lines
                .into_iter()
                .chain(
                    claims
                        .iter()
                        .flat_map(|c| verdict::debug_listing(c, &stage)),
                )
                .collect()
        }
        false => Vec::new(),
    };
    Ok(CheckReport {
        article: article_info(&art, lang, note),
        sources: rank::listed(&ranked, &sources, archive),
        claims: results,
        lexicon,
        debug,
    })
}

/// The article read from its bytes, with its text (paragraphs joined), within
/// the limits a check reads: [`MAX_ARTICLE_BYTES`], not binary,
/// [`MAX_ARTICLE_TEXT`].
fn read_article(bytes: &[u8]) -> Result<(article::Article, String)> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(crate::Error::Usage(format!(
            "the article is {} bytes; spoor checks articles (or saved pages) of at most {MAX_ARTICLE_BYTES} bytes",
            bytes.len()
        )));
    }
    if crate::ingest::detect::looks_binary(bytes) {
        return Err(crate::Error::Usage(
            "the article is binary data, not text or a saved web page".into(),
        ));
    }
    let art = article::read(bytes);
    let full: String = art.paragraphs.join("\n\n");
    if full.len() > MAX_ARTICLE_TEXT {
        return Err(crate::Error::Usage(format!(
            "the article's text is {} bytes; spoor checks at most {MAX_ARTICLE_TEXT} bytes of text (about 9,000 words): split it",
            full.len()
        )));
    }
    Ok((art, full))
}

/// What a check cannot do in the article's language, in words.
fn language_note(lang: &str, checkable_lang: bool, tr: &dyn Translator) -> Option<String> {
    if !checkable_lang {
        Some(format!(
            "articles in language '{lang}' cannot be checked yet; every sentence is listed as not checkable"
        ))
    } else if lang != "en" && !tr.supports(lang) {
        Some(format!(
            "no {lang}-English lexicon is installed (Debian package dict-freedict-*-eng); only names, dates, numbers and cognates are matched"
        ))
    } else {
        None
    }
}

/// How many of the claims' content words the lexicon knew.
fn lexicon_info(concepts: &[Vec<Concept>]) -> LexiconInfo {
    let words: Vec<&Concept> = concepts
        .iter()
        .flatten()
        .filter(|c| c.kind != bag::Kind::Name)
        .collect();
    LexiconInfo {
        words: words.len(),
        known: words.iter().filter(|c| c.kind == bag::Kind::Word).count(),
    }
}

/// The article as the report describes it.
fn article_info(art: &article::Article, language: String, note: Option<String>) -> ArticleInfo {
    ArticleInfo {
        language,
        title: art.title.clone(),
        note,
        byline: art.byline.clone(),
        published: art.published.clone(),
        site: art.site.clone(),
    }
}
