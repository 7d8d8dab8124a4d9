//! Test helpers of the tracer that need no Debian dictionaries: a small
//! in-memory lexicon ([`TestLexicon`]), tiny archives of hand-written
//! documents ([`TestArchive`]) and the pieces the stages work on.

use super::bag::Concept;
use super::claims::{self, Claim};
use super::passages::{self, Passage};
use super::retrieve::{self, SourceDoc};
use super::score::{self, Scores};
use super::verdict::{self, Judgement, Stage};
use super::{CheckOptions, CheckReport, ClaimResult, Verdict, article, check, rank};
use crate::archive::{Archive, IngestOptions, Quiet};
use crate::lang::lexicon::Translator;
use crate::model::{Document, Party};
use std::collections::HashMap;

/// A lexicon held in memory: English words are returned as they are (as
/// FreeDict does); words of other languages have the renderings given.
#[derive(Default)]
pub(super) struct TestLexicon {
    words: HashMap<(String, String), Vec<String>>,
    synonyms: HashMap<String, Vec<String>>,
    modifiers: Vec<String>,
    qualities: Vec<String>,
}

impl TestLexicon {
    /// A lexicon that knows English only.
    pub(super) fn english() -> TestLexicon {
        TestLexicon::default()
    }

    /// A lexicon with these entries: (language, word, English renderings).
    pub(super) fn with(entries: &[(&str, &str, &[&str])]) -> TestLexicon {
        let mut lex = TestLexicon::default();
        for (lang, word, english) in entries {
            lex.words
                .entry((lang.to_string(), word.to_lowercase()))
                .or_default()
                .extend(english.iter().map(|e| e.to_string()));
        }
        lex
    }

    /// The lexicon knowing these English words as adjectives or adverbs (what
    /// WordNet says).
    pub(super) fn modifiers(mut self, words: &[&str]) -> TestLexicon {
        self.modifiers.extend(words.iter().map(|w| w.to_string()));
        self
    }

    /// The lexicon knowing these English words as nouns of a quality or a
    /// feeling (what WordNet says).
    pub(super) fn qualities(mut self, words: &[&str]) -> TestLexicon {
        self.qualities.extend(words.iter().map(|w| w.to_string()));
        self
    }

    /// The lexicon with English synonyms too (what WordNet gives).
    pub(super) fn synonyms(mut self, pairs: &[(&str, &[&str])]) -> TestLexicon {
        for (w, syns) in pairs {
            self.synonyms
                .insert(w.to_string(), syns.iter().map(|s| s.to_string()).collect());
        }
        self
    }
}

impl Translator for TestLexicon {
    fn translate(&self, lang: &str, word: &str) -> Vec<String> {
        if lang == "en" {
            return vec![word.to_lowercase()];
        }
        self.words
            .get(&(lang.to_string(), word.to_lowercase()))
            .cloned()
            .unwrap_or_default()
    }

    fn supports(&self, lang: &str) -> bool {
        lang == "en" || self.words.keys().any(|(l, _)| l == lang)
    }

    fn synonyms(&self, english: &str) -> Vec<String> {
        self.synonyms.get(english).cloned().unwrap_or_default()
    }

    fn is_modifier(&self, english: &str) -> bool {
        self.modifiers.iter().any(|m| m == english)
    }

    fn is_quality(&self, english: &str) -> bool {
        self.qualities.iter().any(|m| m == english)
    }
}

/// An archive in a temporary directory, removed when dropped.
pub(super) struct TestArchive {
    /// The archive, open for reading.
    pub(super) archive: Archive,
    _dir: tempfile::TempDir,
}

/// An archive of the documents given as (file name, text): plain-text
/// documents whose top lines may be header fields (`From:`, `To:`, `Date:`,
/// `Subject:`, `Ref:`), ingested as `spoor ingest` would.
pub(super) fn archive(docs: &[(&str, &str)]) -> TestArchive {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let src = dir.path().join("sources");
    std::fs::create_dir_all(&src).expect("sources directory");
    for (name, text) in docs {
        std::fs::write(src.join(name), text).expect("a source file");
    }
    let arc = dir.path().join("archive");
    let mut a = Archive::open(&arc).expect("a new archive");
    let opts = IngestOptions {
        collection: "test".into(),
        mapping: None,
    };
    let report = a.ingest(&[src], &opts, &Quiet).expect("ingest");
    assert!(
        report.failed.is_empty(),
        "ingest failed: {:?}",
        report.failed
    );
    a.close().expect("close");
    TestArchive {
        archive: Archive::open_read(&arc).expect("the archive"),
        _dir: dir,
    }
}

/// An archive with nothing in it (for the parts of the stages that only name parties).
pub(super) fn empty_archive() -> TestArchive {
    archive(&[])
}

/// Check an English article against the archive with the English-only lexicon.
pub(super) fn check_en(a: &TestArchive, article: &str) -> CheckReport {
    check_with(a, article, "en", &TestLexicon::english())
}

/// Check an article of a given language against the archive.
pub(super) fn check_with(
    a: &TestArchive,
    article: &str,
    lang: &str,
    tr: &dyn Translator,
) -> CheckReport {
    let opts = CheckOptions {
        lang: Some(lang.into()),
        collection: None,
        ..Default::default()
    };
    check(&a.archive, article.as_bytes(), &opts, tr).expect("the check runs")
}

/// The claim of a report whose text starts with `start`.
pub(super) fn claim<'a>(r: &'a CheckReport, start: &str) -> &'a ClaimResult {
    r.claims
        .iter()
        .find(|c| c.text.starts_with(start))
        .unwrap_or_else(|| panic!("no claim starting {start:?} in {:#?}", r.claims))
}

/// The difference kinds of a claim.
pub(super) fn kinds(c: &ClaimResult) -> Vec<&str> {
    c.differences.iter().map(|d| d.kind.as_str()).collect()
}

/// Assert a claim's verdict, showing the claim when it is not.
pub(super) fn assert_verdict(c: &ClaimResult, v: Verdict) {
    assert_eq!(c.verdict, v, "{c:#?}");
}

/// A party with a display name.
pub(super) fn party(name: &str) -> Party {
    Party {
        name: Some(name.into()),
        address: None,
        raw: name.into(),
    }
}

/// A document with an id, a body and English as its language.
pub(super) fn doc(id: &str, body: &str) -> Document {
    Document {
        id: id.into(),
        language: "en".into(),
        body: body.into(),
        ..Default::default()
    }
}

/// A document made comparable as a check's source (no siblings).
pub(super) fn source(d: Document, a: &TestArchive, tr: &dyn Translator) -> SourceDoc {
    retrieve::source_doc(d, Vec::new(), &a.archive, tr)
}

/// The stages from claims to verdicts run on hand-made source documents, in
/// English, with the English-only lexicon (retrieval left out: the documents
/// are the sources, in the order given).
pub(super) struct Pipeline {
    /// An empty archive (it names the parties).
    pub(super) arc: TestArchive,
    /// The article's claims.
    pub(super) claims: Vec<Claim>,
    /// Their concepts.
    pub(super) concepts: Vec<Vec<Concept>>,
    /// The source documents.
    pub(super) sources: Vec<SourceDoc>,
    /// Their passages.
    pub(super) passages: Vec<Passage>,
    /// The claims' scores.
    pub(super) scores: Scores,
    /// The main source, as ranked.
    pub(super) top_doc: Option<usize>,
    tr: TestLexicon,
}

impl Pipeline {
    /// Claims of `article` (paragraphs separated by blank lines) against `docs`.
    pub(super) fn new(article: &str, docs: Vec<Document>) -> Pipeline {
        let tr = TestLexicon::english();
        let arc = empty_archive();
        let paragraphs = article::from_text(article).paragraphs;
        let claims = claims::of_article(&paragraphs, "en", true, &tr);
        let concepts: Vec<Vec<Concept>> = claims
            .iter()
            .map(|c| claims::concepts_of(c, "en", &tr))
            .collect();
        let sources: Vec<SourceDoc> = docs.into_iter().map(|d| source(d, &arc, &tr)).collect();
        let passages = passages::of_sources(&sources, &arc.archive, false, &tr);
        let checkable: Vec<usize> = claims
            .iter()
            .filter(|c| c.checkable)
            .map(|c| c.index)
            .collect();
        let scores =
            score::claims_against_passages(&claims, &checkable, &concepts, &passages, "en", &tr);
        let ranked = rank::documents(&sources, &checkable, &scores.best_per_doc);
        Pipeline {
            top_doc: rank::main_source(&ranked),
            arc,
            claims,
            concepts,
            sources,
            passages,
            scores,
            tr,
        }
    }

    /// The verdict stage's view of the pipeline.
    pub(super) fn stage(&self) -> Stage<'_> {
        Stage {
            lang: "en",
            concepts: &self.concepts,
            sources: &self.sources,
            passages: &self.passages,
            scores: &self.scores,
            top_doc: self.top_doc,
            archive: &self.arc.archive,
            tr: &self.tr,
        }
    }

    /// The claim whose text starts with `start`.
    pub(super) fn claim(&self, start: &str) -> &Claim {
        self.claims
            .iter()
            .find(|c| c.text.starts_with(start))
            .unwrap_or_else(|| panic!("no claim starting {start:?}"))
    }

    /// The verdict stage's judgement of the claim starting with `start`.
    pub(super) fn judge(&self, start: &str) -> Judgement {
        verdict::judge(self.claim(start), &self.stage())
    }

    /// The index of the passage whose text starts with `start`.
    pub(super) fn passage(&self, start: &str) -> usize {
        self.passages
            .iter()
            .position(|p| p.text.starts_with(start))
            .unwrap_or_else(|| panic!("no passage starting {start:?}"))
    }
}
