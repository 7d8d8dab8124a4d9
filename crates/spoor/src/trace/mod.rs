//! Tracing an article to its sources: split it into claims ([`claims`]), find
//! the source passages each rests on across languages ([`bag`], retrieval
//! below), compare them ([`compare`]) and give each claim a verdict with its
//! differences and the chain of attribution. Rendering is in [`crate::report`].

pub mod article;
pub mod bag;
mod chain;
pub mod claims;
pub mod compare;
pub mod eval;
mod passages;
mod retrieve;
mod score;
mod verdict;

use crate::archive::Archive;
use crate::error::Result;
use crate::lang::lexicon::Translator;
use crate::lang::profiles::for_code;
use crate::lang::{cues, when};
use crate::model::Document;
use bag::{Bag, Concept};
use claims::Claim;
use compare::Difference;
use serde::Serialize;

pub use chain::Chain;
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

/// A source document of the article.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Sender.
    pub from: Option<String>,
    /// Date (RFC 3339 UTC).
    pub date: Option<String>,
    /// Share of the article's checkable claims it carries (0 to 1).
    pub score: f32,
    /// The other renditions of this text in the archive (forwards, copies,
    /// re-releases); the source itself is the family's representative.
    pub renditions: Vec<crate::archive::Rendition>,
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
    /// The source's relays and hedges (GUIDE §3).
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
};
const IN_SOURCE: f32 = THRESHOLDS.in_source;
/// The largest article (text or saved page) a check reads.
pub const MAX_ARTICLE_BYTES: usize = 4 << 20;
/// The most text a check analyses (a long feature is 30,000 bytes; the work
/// grows with claims × passages).
pub const MAX_ARTICLE_TEXT: usize = 60_000;

/// Characters of candidate text a check reads at most (the best candidates first,
/// as the index ranks them): the check's work does not grow with the archive.
const CANDIDATE_TEXT: usize = 150_000;
/// Candidate documents taken from the index.
const CANDIDATES: usize = 40;

struct Passage {
    doc: usize,
    text: String,
    lead: Vec<String>,
    bag: Bag,
    /// This sentence and the next one together (claims often compress two).
    pair: Bag,
    /// Dates the sentence mentions.
    dates: Vec<when::DateMention>,
    pair_text: String,
}

impl Passage {
    fn shown(&self, pair: bool) -> &str {
        if pair { &self.pair_text } else { &self.text }
    }
}

struct SourceDoc {
    doc: Document,
    /// Other renditions: the same text elsewhere, or the same reference number.
    siblings: Vec<Document>,
    lang: String,
    bag: Bag,
    dates: Vec<when::DateMention>,
    /// Numbers of the document's text and metadata.
    numbers: Vec<claims::NumberMention>,
    text: String,
}

/// Sentences of a document with the sentences before them in their paragraph.
fn passages_of(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for para in article::from_text(text).paragraphs {
        let sents = article::sentences(&para);
        let mut lead: Vec<String> = Vec::new();
        for s in sents {
            if s.split_whitespace().count() >= 4 {
                out.push((s.clone(), lead.clone()));
            }
            lead.push(s);
        }
    }
    out
}

/// Metadata of a document as an English sentence, so claims about who sent
/// what to whom and when can rest on it.
fn metadata_sentence(d: &Document, archive: &Archive) -> String {
    let mut s = String::from("Email");
    if let Some(f) = &d.from {
        s.push_str(&format!(" from {}", archive.display_party(f)));
    }
    if !d.to.is_empty() {
        s.push_str(&format!(
            " to {}",
            d.to.iter()
                .map(|p| archive.display_party(p))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(dt) = d.date {
        s.push_str(&format!(" sent {}", dt.format("%B %-d, %Y")));
    }
    if let Some(subj) = &d.subject {
        s.push_str(&format!(", subject {subj}"));
    }
    if let Some(c) = &d.case_no {
        s.push_str(&format!(
            ", released by the U.S. Department of State in case {c}"
        ));
    }
    if let Some(n) = &d.doc_no {
        s.push_str(&format!(" as document {n}"));
    }
    s.push('.');
    s
}

/// Whether two documents are renditions of one text: nine in ten of their words shared.
fn renditions(a: &Bag, b: &Bag) -> bool {
    let (small, large) = if a.folded_set.len() <= b.folded_set.len() {
        (a, b)
    } else {
        (b, a)
    };
    if small.folded_set.len() < 20 {
        return false;
    }
    let shared = small
        .folded_set
        .iter()
        .filter(|w| large.folded_set.contains(*w))
        .count();
    shared * 10 >= large.folded_set.len() * 9
}

/// Check an article against the archive.
pub fn check(
    archive: &Archive,
    bytes: &[u8],
    opts: &CheckOptions,
    tr: &dyn Translator,
) -> Result<CheckReport> {
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
    let lang = opts
        .lang
        .clone()
        .unwrap_or_else(|| crate::lang::detect(&full).to_string());
    let mut note = None;
    let supported_lang = CHECKABLE_LANGUAGES.contains(&lang.as_str());
    if !supported_lang {
        note = Some(format!(
            "articles in language '{lang}' cannot be checked yet; every sentence is listed as not checkable"
        ));
    } else if lang != "en" && !tr.supports(&lang) {
        note = Some(format!(
            "no {lang}-English lexicon is installed (Debian package dict-freedict-*-eng); only names, dates, numbers and cognates are matched"
        ));
    }
    // claims
    let mut claims: Vec<Claim> = Vec::new();
    for p in &art.paragraphs {
        for s in article::sentences(p) {
            let i = claims.len();
            let mut c = claims::analyse(i, &lang, &s);
            claims::refine_names(&mut c, &lang, tr);
            if !supported_lang {
                c.checkable = false;
                c.reason = Some("language not supported yet".into());
            }
            claims.push(c);
        }
    }
    if supported_lang {
        claims::names_across_article(&mut claims);
    }
    let concepts: Vec<Vec<Concept>> = claims
        .iter()
        .map(|c| {
            if !c.checkable {
                return Vec::new();
            }
            // particles that stand apart from their verb, as the sentence's last words before a verb end
            let lower = c.text.to_lowercase();
            let ps: Vec<String> = for_code(&lang)
                .verb_particles
                .iter()
                .filter(|p| cues::contains_cue(&lower, p))
                .map(|p| p.to_string())
                .collect();
            bag::concepts_with(&lang, &c.words, &c.names, &ps, tr)
        })
        .collect();
    let lexicon = {
        let words: Vec<&Concept> = concepts
            .iter()
            .flatten()
            .filter(|c| c.kind != bag::Kind::Name)
            .collect();
        LexiconInfo {
            words: words.len(),
            known: words.iter().filter(|c| c.kind == bag::Kind::Word).count(),
        }
    };

    let terms = retrieve::query_terms(&concepts);
    let sources = retrieve::sources(archive, &terms, opts, bytes, tr)?;
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
    // documents ranked by the share of claims they carry
    let mut doc_scores: Vec<(usize, f32)> = (0..sources.len())
        .map(|d| {
            let sum: f32 = checkable
                .iter()
                .map(|&ci| {
                    scores
                        .best_per_doc
                        .get(&(ci, d))
                        .copied()
                        .filter(|s| *s >= IN_SOURCE)
                        .unwrap_or(0.0)
                })
                .sum();
            (
                d,
                if checkable.is_empty() {
                    0.0
                } else {
                    sum / checkable.len() as f32
                },
            )
        })
        .collect();
    // on equal scores the rendition that carries a reference number comes first
    let score_key = |s: f32| (s * 100.0).round() as i64;
    doc_scores.sort_by(|a, b| {
        score_key(b.1).cmp(&score_key(a.1)).then_with(|| {
            sources[b.0]
                .doc
                .doc_no
                .is_some()
                .cmp(&sources[a.0].doc.doc_no.is_some())
        })
    });
    let top_doc = doc_scores
        .first()
        .filter(|(_, s)| *s > 0.0)
        .map(|(d, _)| *d);

    let stage = verdict::Stage {
        lang: &lang,
        concepts: &concepts,
        sources: &sources,
        passages: &passages,
        scores: &scores,
        top_doc,
        archive,
        tr,
    };
    let results: Vec<ClaimResult> = claims
        .iter()
        .map(|c| chain::attach(verdict::judge(c, &stage), c, &sources, &passages, archive))
        .collect();
    // one entry per record: another rendition of a listed document (the same memo as
    // e-mail and as release text) is not listed again
    let mut listed: Vec<usize> = Vec::new();
    for &(di, s) in &doc_scores {
        if s > 0.0
            && !listed
                .iter()
                .any(|&l| renditions(&sources[l].bag, &sources[di].bag))
        {
            listed.push(di);
        }
    }
    let sources_out = doc_scores
        .iter()
        .filter(|(di, s)| *s > 0.0 && listed.contains(di))
        .take(5)
        .map(|&(di, score)| {
            let d = &sources[di].doc;
            SourceRef {
                renditions: sources[di]
                    .siblings
                    .iter()
                    .filter(|x| x.family_key() == d.family_key())
                    .map(|x| crate::archive::Rendition::of(x, false))
                    .collect(),
                id: d.id.clone(),
                doc_no: d.doc_no.clone(),
                subject: d.subject.clone(),
                from: d.from.as_ref().map(|f| archive.display_party(f)),
                date: d
                    .date
                    .map(|x| x.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                score: (score * 100.0).round() / 100.0,
            }
        })
        .collect();
    Ok(CheckReport {
        article: ArticleInfo {
            language: lang,
            title: art.title.clone(),
            note,
            byline: art.byline.clone(),
            published: art.published.clone(),
            site: art.site.clone(),
        },
        sources: sources_out,
        claims: results,
        lexicon,
    })
}
