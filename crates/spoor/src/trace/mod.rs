//! Tracing an article to its sources: split it into claims ([`claims`]), find
//! the source passages each rests on across languages ([`bag`], retrieval
//! below), compare them ([`compare`]) and give each claim a verdict with its
//! differences and the chain of attribution. Rendering is in [`crate::report`].

pub mod article;
pub mod bag;
pub mod claims;
pub mod compare;
pub mod eval;
mod passages;
mod retrieve;
mod score;

use crate::archive::Archive;
use crate::error::Result;
use crate::lang::lexicon::Translator;
use crate::lang::profiles::for_code;
use crate::lang::{cues, when};
use crate::model::Document;
use bag::{Bag, Concept};
use claims::Claim;
use compare::{Difference, SourceContext};
use serde::Serialize;

/// Languages whose articles spoor can check.
pub const CHECKABLE_LANGUAGES: [&str; 8] = ["en", "nl", "fr", "de", "es", "it", "pt", "ar"];

/// A verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The source says it.
    Supported,
    /// Close, with material differences.
    Altered,
    /// No passage in the archive carries it.
    NotInSource,
    /// The source says otherwise.
    Contradicted,
    /// Opinion, framing, no checkable content.
    NotCheckable,
}

impl Verdict {
    /// The verdict as written in reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Altered => "altered",
            Verdict::NotInSource => "not_in_source",
            Verdict::Contradicted => "contradicted",
            Verdict::NotCheckable => "not_checkable",
        }
    }
}

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

/// How the source itself knows what the claim says.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    /// The article's own attribution words.
    pub article: Vec<String>,
    /// The document: sender, date, reference number.
    pub document: String,
    /// The relays and hedges of the source ("according to a very sensitive source").
    pub cited: Vec<String>,
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

/// Whether a passage carries enough of a claim's words (names aside): a share
/// [`Thresholds::words_in_source`], or [`Thresholds::words_with_names`] when nearly all its names are there.
fn words_carried(concepts: &[Concept], bag: &Bag) -> bool {
    let words: Vec<Concept> = concepts
        .iter()
        .filter(|k| k.kind == bag::Kind::Word)
        .cloned()
        .collect();
    let names: Vec<Concept> = concepts
        .iter()
        .filter(|k| k.kind == bag::Kind::Name)
        .cloned()
        .collect();
    let word_cov = bag::coverage(&words, bag);
    let name_cov = if names.is_empty() {
        1.0
    } else {
        bag::coverage(&names, bag)
    };
    if words.len() < 3 {
        // few words the lexicon knows: the unknown ones must not all be missing
        // (one name found is not a statement found)
        let content: Vec<Concept> = concepts
            .iter()
            .filter(|k| k.kind != bag::Kind::Name)
            .cloned()
            .collect();
        return content.len() < 3 || bag::coverage(&content, bag) >= THRESHOLDS.words_with_names;
    }
    word_cov >= THRESHOLDS.words_in_source
        || (name_cov >= THRESHOLDS.names_for_words && word_cov >= THRESHOLDS.words_with_names)
}

/// A claim about the documents' release, checked against the metadata of the
/// article's main source: the people it names must be parties of the document
/// (or of another rendition), and the document must come from a release.
/// `None` when it names none of them: then it is checked like any claim.
fn release_claim(c: &Claim, s: &SourceDoc, archive: &Archive) -> Option<ClaimResult> {
    let d = &s.doc;
    let released = d.case_no.is_some() || d.release_date.is_some();
    let parties: Vec<String> = std::iter::once(d)
        .chain(s.siblings.iter())
        .flat_map(|x| x.from.iter().chain(x.to.iter()).chain(x.cc.iter()))
        .map(|p| archive.display_party(p).to_lowercase())
        .collect();
    let named = c.names.iter().any(|n| {
        let words: Vec<String> = n
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 3)
            .collect();
        // a run of capitalised words may hold a title before the name
        // ("Foreign Minister Jane Doe"): two of its words suffice
        let need = words.len().min(2);
        need > 0
            && parties.iter().any(|p| {
                words
                    .iter()
                    .filter(|w| {
                        p.split(|ch: char| !ch.is_alphanumeric())
                            .any(|x| x == w.as_str())
                    })
                    .count()
                    >= need
            })
    });
    if !named || !released {
        return None;
    }
    let passage = metadata_sentence(d, archive);
    Some(ClaimResult {
        index: c.index,
        text: c.text.clone(),
        verdict: Verdict::Supported,
        reason: Some("a statement about the documents, checked against their metadata".into()),
        evidence: vec![Evidence {
            id: d.id.clone(),
            doc_no: d.doc_no.clone(),
            passage,
            score: 1.0,
            matched: Vec::new(),
        }],
        differences: Vec::new(),
        attribution: Vec::new(),
        chain: None,
    })
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
    let score::Scores {
        per_claim: scores,
        best_per_doc,
        pair_wins,
    } = score::claims_against_passages(&claims, &checkable, &concepts, &passages, &lang, tr);
    // documents ranked by the share of claims they carry
    let mut doc_scores: Vec<(usize, f32)> = (0..sources.len())
        .map(|d| {
            let sum: f32 = checkable
                .iter()
                .map(|&ci| {
                    best_per_doc
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

    let mut results = Vec::new();
    for c in &claims {
        if !c.checkable {
            results.push(ClaimResult {
                index: c.index,
                text: c.text.clone(),
                verdict: Verdict::NotCheckable,
                reason: c.reason.clone(),
                evidence: Vec::new(),
                differences: Vec::new(),
                attribution: Vec::new(),
                chain: None,
            });
            continue;
        }
        // the article's main source wins ties: an article retells one document at a time
        let mut ranked: Vec<(usize, f32)> = scores[c.index]
            .iter()
            .map(|&(pi, s)| {
                (
                    pi,
                    s + if Some(passages[pi].doc) == top_doc {
                        0.15
                    } else {
                        0.0
                    },
                )
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        // a sentence about the release itself ("according to recently published
        // e-mails of …") rests on the documents' metadata: who wrote to whom, and
        // that they were released
        if c.about_release
            && let Some(td) = top_doc
            && let Some(res) = release_claim(c, &sources[td], archive)
        {
            results.push(res);
            continue;
        }
        let evidence: Vec<Evidence> = ranked
            .iter()
            .take(2)
            .filter(|(pi, _)| {
                scores[c.index]
                    .iter()
                    .any(|(p, s)| p == pi && *s >= IN_SOURCE * 0.75)
            })
            .map(|&(pi, _)| {
                let p = &passages[pi];
                let raw = scores[c.index]
                    .iter()
                    .find(|(x, _)| *x == pi)
                    .map(|x| x.1)
                    .unwrap_or(0.0);
                Evidence {
                    id: sources[p.doc].doc.id.clone(),
                    doc_no: sources[p.doc].doc.doc_no.clone(),
                    passage: p.shown(pair_wins.contains(&(c.index, pi))).to_string(),
                    score: (raw * 100.0).round() / 100.0,
                    matched: concepts[c.index]
                        .iter()
                        .filter_map(|k| p.bag.find(k).1)
                        .collect(),
                }
            })
            .collect();
        let raw_of = |pi: usize| {
            scores[c.index]
                .iter()
                .find(|(x, _)| *x == pi)
                .map(|x| x.1)
                .unwrap_or(0.0)
        };
        // the claim's words, not only its names, must be there: a passage that shares
        // only the names is about the same people, not the same statement; the best
        // passage is the best-ranked one that carries them
        let gate = |pi: usize| {
            let bagp = if pair_wins.contains(&(c.index, pi)) {
                &passages[pi].pair
            } else {
                &passages[pi].bag
            };
            words_carried(&concepts[c.index], bagp)
        };
        let best = ranked
            .iter()
            .take(THRESHOLDS.gate_candidates)
            .find(|(pi, _)| gate(*pi) && raw_of(*pi) >= IN_SOURCE)
            .or(ranked.first())
            .copied();
        let raw_best = best.map(|(pi, _)| raw_of(pi)).unwrap_or(0.0);
        if std::env::var_os("SPOOR_DEBUG_CHECK").is_some() {
            eprintln!("claim {}: {}", c.index, c.text);
            for k in &concepts[c.index] {
                eprintln!("   concept {:?} {} -> {:?}", k.kind, k.folded, k.stems);
            }
            for &(pi, sc) in ranked.iter().take(8) {
                let p = &passages[pi];
                let bagp = if pair_wins.contains(&(c.index, pi)) {
                    &p.pair
                } else {
                    &p.bag
                };
                let missing: Vec<&str> = concepts[c.index]
                    .iter()
                    .filter(|k| bagp.find(k).0 == 0.0)
                    .map(|k| k.folded.as_str())
                    .collect();
                eprintln!(
                    "   {:.2} [{}] {} | missing {:?}",
                    sc,
                    sources[p.doc].doc.doc_no.as_deref().unwrap_or("-"),
                    &p.text[..p.text.len().min(90)],
                    missing
                );
            }
        }
        let word_gate = best.is_some_and(|(pi, _)| gate(pi));
        if std::env::var_os("SPOOR_DEBUG_CHECK").is_some() {
            eprintln!("   raw_best {raw_best:.2} word_gate {word_gate}");
        }
        // anchors the document does not have at all: when most of a claim's names,
        // dates and numbers are foreign to the document, the claim is not from it
        let novel = best.is_some_and(|(pi, _)| {
            let sd = &sources[passages[pi].doc];
            let mut total = 0;
            let mut absent = 0;
            for n in &c.names {
                // a word of another script the lexicon lacks is weak evidence of a name
                if crate::lang::arabic::is_arabic(n) {
                    continue;
                }
                let cs = bag::concepts(&lang, &[], std::slice::from_ref(n), tr);
                if cs.is_empty() {
                    continue;
                }
                total += 1;
                if bag::coverage(&cs, &sd.bag) < 0.5 {
                    absent += 1;
                }
            }
            for d in &c.dates {
                total += 1;
                // a date a few days off is a changed date, not a foreign one
                let near = |x: &when::DateMention| {
                    x.year.is_some()
                        && x.year == d.year
                        && (d.month.is_none() || x.month == d.month)
                };
                if !sd.dates.iter().any(|x| d.compatible(x) || near(x)) {
                    absent += 1;
                }
            }
            for n in &c.numbers {
                total += 1;
                if !sd
                    .numbers
                    .iter()
                    .any(|x| (x.value - n.value).abs() < f64::EPSILON)
                {
                    absent += 1;
                }
            }
            absent >= 2 && absent * 2 >= total
        });
        // an article retells its main source: a claim found only in another
        // document must be found there more fully
        let elsewhere = best.is_some_and(|(pi, _)| Some(passages[pi].doc) != top_doc);
        let needed = if elsewhere {
            IN_SOURCE + THRESHOLDS.elsewhere_margin
        } else {
            IN_SOURCE
        };
        if best.is_none() || raw_best < needed || !word_gate || novel {
            results.push(ClaimResult {
                index: c.index,
                text: c.text.clone(),
                verdict: Verdict::NotInSource,
                reason: None,
                evidence,
                differences: Vec::new(),
                attribution: Vec::new(),
                chain: None,
            });
            continue;
        }
        let (pi, _) = best.unwrap_or((0, 0.0));
        let p = &passages[pi];
        let s = &sources[p.doc];
        let shown = p.shown(pair_wins.contains(&(c.index, pi)));
        let cited: Vec<String> = compare::cue_phrases(shown, for_code(&s.lang).hedges)
            .into_iter()
            .chain(
                p.lead
                    .iter()
                    .rev()
                    .take(3)
                    .flat_map(|l| compare::cue_phrases(l, for_code(&s.lang).hedges)),
            )
            .collect();
        let bagp = if pair_wins.contains(&(c.index, pi)) {
            &p.pair
        } else {
            &p.bag
        };
        let mut matched = compare::Matched::default();
        for k in &concepts[c.index] {
            if let (f, w) = bagp.find(k)
                && f > 0.0
            {
                matched.claim_words.push(k.surface.to_lowercase());
                matched.source_words.extend(w);
            }
        }
        let sent: Vec<when::DateMention> = s
            .doc
            .date
            .map(|d| when::find(&d.format("%B %-d, %Y").to_string()))
            .unwrap_or_default();
        let ctx = SourceContext {
            passage: shown,
            lead: &p.lead,
            lang: &s.lang,
            doc_bag: &s.bag,
            doc_dates: &s.dates,
            doc_text: &s.text,
            matched: &matched.source_words,
            sent: &sent,
        };
        let differences = compare::differences(c, &lang, &ctx, tr);
        let verdict = if compare::contradicts(c, &lang, shown, &s.lang, &matched)
            && raw_best >= THRESHOLDS.contradiction
        {
            Verdict::Contradicted
        } else if differences.is_empty() {
            Verdict::Supported
        } else {
            Verdict::Altered
        };
        let d = &s.doc;
        // the sender, from this rendition or another with the same reference number
        let sender = match &d.from {
            Some(f) => Some(f.clone()),
            None => s.siblings.iter().find_map(|x| x.from.clone()),
        };
        let document = format!(
            "{}{}{}",
            sender
                .as_ref()
                .map(|f| archive.display_party(f))
                .unwrap_or_else(|| "(sender unknown)".into()),
            d.date
                .map(|x| format!(", {}", x.format("%Y-%m-%d")))
                .unwrap_or_default(),
            d.doc_no
                .as_ref()
                .map(|n| format!(", {n}"))
                .unwrap_or_default()
        );
        results.push(ClaimResult {
            index: c.index,
            text: c.text.clone(),
            verdict,
            reason: None,
            evidence,
            differences,
            attribution: cited.clone(),
            chain: Some(Chain {
                article: c.attribution.clone(),
                document,
                cited,
            }),
        });
    }
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
