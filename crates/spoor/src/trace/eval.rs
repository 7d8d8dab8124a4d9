//! Scoring `spoor check` on a labelled evaluation set: a directory with
//! `sources/` (ingested into a fresh archive), optional `aliases.tsv`, and
//! `cases/NAME.txt` articles each with `cases/NAME.labels.json` (the acceptable
//! verdicts and the expected difference kinds of every sentence, and the source
//! document the article retells).

use super::{CheckOptions, check};
use crate::archive::{Archive, IngestOptions, Quiet};
use crate::error::{Error, Result};
use crate::lang::lexicon::Translator;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct Labels {
    language: String,
    source: Option<String>,
    claims: Vec<ClaimLabel>,
}

#[derive(Debug, Deserialize)]
struct ClaimLabel {
    index: usize,
    verdicts: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    change: String,
}

/// The outcome for one labelled claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimEval {
    /// Case (file stem).
    pub case: String,
    /// Language.
    pub language: String,
    /// Claim index.
    pub index: usize,
    /// What was changed in the retelling.
    pub change: String,
    /// Acceptable verdicts.
    pub expected: Vec<String>,
    /// spoor's verdict.
    pub got: String,
    /// Expected difference kinds.
    pub kinds_expected: Vec<String>,
    /// Of those, the ones spoor reported.
    pub kinds_found: Vec<String>,
}

/// Scores of one language (or of all).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Labelled claims.
    pub claims: usize,
    /// With an acceptable verdict.
    pub verdicts_right: usize,
    /// Expected difference kinds.
    pub kinds_expected: usize,
    /// Of those, reported.
    pub kinds_found: usize,
    /// Articles.
    pub articles: usize,
    /// Articles whose top source is the labelled one.
    pub top1_right: usize,
    /// Content words the lexicon was asked about / knew.
    pub lexicon_words: usize,
    /// Known.
    pub lexicon_known: usize,
}

impl Scores {
    fn add(&mut self, o: &Scores) {
        self.claims += o.claims;
        self.verdicts_right += o.verdicts_right;
        self.kinds_expected += o.kinds_expected;
        self.kinds_found += o.kinds_found;
        self.articles += o.articles;
        self.top1_right += o.top1_right;
        self.lexicon_words += o.lexicon_words;
        self.lexicon_known += o.lexicon_known;
    }

    /// Verdict accuracy (0 to 1).
    pub fn verdict_accuracy(&self) -> f64 {
        ratio(self.verdicts_right, self.claims)
    }

    /// Difference-kind recall (0 to 1).
    pub fn kind_recall(&self) -> f64 {
        ratio(self.kinds_found, self.kinds_expected)
    }

    /// Top-1 source accuracy (0 to 1).
    pub fn top1(&self) -> f64 {
        ratio(self.top1_right, self.articles)
    }

    /// Lexicon coverage (0 to 1).
    pub fn lexicon_coverage(&self) -> f64 {
        ratio(self.lexicon_known, self.lexicon_words)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Per language.
    pub languages: BTreeMap<String, Scores>,
    /// All together.
    pub overall: Scores,
    /// Every labelled claim.
    pub claims: Vec<ClaimEval>,
}

/// Check one labelled article and score it: its language, its scores, and the
/// outcome of every labelled claim. The top source is right when it is the
/// labelled document or a rendition of it.
fn score_case(
    archive: &Archive,
    labels_path: &Path,
    tr: &dyn Translator,
) -> Result<(String, Scores, Vec<ClaimEval>)> {
    let file = labels_path
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".labels.json")
                .to_string()
        })
        .unwrap_or_default();
    let name = match labels_path.parent().and_then(|p| p.file_name()) {
        Some(set) if set != "cases" => format!("{}/{file}", set.to_string_lossy()),
        _ => file.clone(),
    };
    let labels: Labels =
        serde_json::from_slice(&std::fs::read(labels_path).map_err(|e| Error::io(labels_path, e))?)
            .map_err(|e| Error::bad(labels_path, format!("not a labels file: {e}")))?;
    let article_path = labels_path.with_file_name(format!("{file}.txt"));
    let bytes = std::fs::read(&article_path).map_err(|e| Error::io(&article_path, e))?;
    let report = check(
        archive,
        &bytes,
        &CheckOptions {
            lang: Some(labels.language.clone()),
            collection: None,
            ..Default::default()
        },
        tr,
    )?;
    let mut s = Scores {
        articles: 1,
        lexicon_words: report.lexicon.words,
        lexicon_known: report.lexicon.known,
        ..Default::default()
    };
    if let (Some(want), Some(lead)) = (&labels.source, report.sources.first())
        && (lead.doc_no.as_ref() == Some(want)
            || lead
                .renditions
                .iter()
                .any(|r| r.doc_no.as_ref() == Some(want)))
    {
        s.top1_right = 1;
    }
    let mut out = Vec::new();
    for l in &labels.claims {
        let Some(c) = report.claims.get(l.index) else {
            return Err(Error::bad(
                labels_path,
                format!(
                    "claim {} not found: the article splits into {} sentences",
                    l.index,
                    report.claims.len()
                ),
            ));
        };
        let got = c.verdict.as_str().to_string();
        let found: Vec<String> = l
            .kinds
            .iter()
            .filter(|k| c.differences.iter().any(|d| &d.kind == *k))
            .cloned()
            .collect();
        s.claims += 1;
        if l.verdicts.contains(&got) {
            s.verdicts_right += 1;
        }
        s.kinds_expected += l.kinds.len();
        s.kinds_found += found.len();
        out.push(ClaimEval {
            case: name.clone(),
            language: labels.language.clone(),
            index: l.index,
            change: l.change.clone(),
            expected: l.verdicts.clone(),
            got,
            kinds_expected: l.kinds.clone(),
            kinds_found: found,
        });
    }
    Ok((labels.language, s, out))
}

/// The split of a directory of article sets: which sets tune rules and
/// thresholds, and which are held out from that.
#[derive(Debug, Deserialize)]
struct Split {
    tuning: Vec<String>,
    heldout: Vec<String>,
}

/// Scores of article sets, per part of the split (`tuning`, `heldout`).
#[derive(Debug, Clone, Serialize)]
pub struct SetsReport {
    /// Part → the evaluation of its sets.
    pub parts: BTreeMap<String, EvalReport>,
}

/// Score every article of a sets directory (`split.json`, `<set>/<lang>.txt` with
/// `<lang>.labels.json`) against an existing archive (the sets name documents of
/// a release the archive holds), reporting the tuning and held-out parts apart.
pub fn evaluate_sets(dir: &Path, archive: &Archive, tr: &dyn Translator) -> Result<SetsReport> {
    let split_path = dir.join("split.json");
    let split: Split =
        serde_json::from_slice(&std::fs::read(&split_path).map_err(|e| Error::io(&split_path, e))?)
            .map_err(|e| Error::bad(&split_path, format!("not a split file: {e}")))?;
    let mut parts = BTreeMap::new();
    for (part, sets) in [("tuning", &split.tuning), ("heldout", &split.heldout)] {
        let mut languages: BTreeMap<String, Scores> = BTreeMap::new();
        let mut claims = Vec::new();
        for set in sets {
            let set_dir = dir.join(set);
            let mut cases: Vec<_> = std::fs::read_dir(&set_dir)
                .map_err(|e| Error::io(&set_dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".labels.json"))
                .collect();
            cases.sort();
            for labels_path in cases {
                let (language, s, c) = score_case(archive, &labels_path, tr)?;
                claims.extend(c);
                languages.entry(language).or_default().add(&s);
            }
        }
        let mut overall = Scores::default();
        for s in languages.values() {
            overall.add(s);
        }
        parts.insert(
            part.to_string(),
            EvalReport {
                languages,
                overall,
                claims,
            },
        );
    }
    Ok(SetsReport { parts })
}

/// Build an archive from `dir/sources` in `archive_dir` and score every case.
pub fn evaluate(dir: &Path, archive_dir: &Path, tr: &dyn Translator) -> Result<EvalReport> {
    let mut archive = Archive::open(archive_dir)?;
    archive.ingest(
        &[dir.join("sources")],
        &IngestOptions {
            collection: "eval".into(),
            mapping: None,
        },
        &Quiet,
    )?;
    if let Ok(text) = std::fs::read_to_string(dir.join("aliases.tsv")) {
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            if let Some((name, rest)) = line.split_once('\t') {
                for a in rest.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                    archive.add_alias(name.trim(), a)?;
                }
            }
        }
    }
    archive.close()?;
    let archive = Archive::open_read(archive_dir)?;
    let mut cases: Vec<_> = std::fs::read_dir(dir.join("cases"))
        .map_err(|e| Error::io(dir.join("cases"), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".labels.json"))
        .collect();
    cases.sort();
    let mut languages: BTreeMap<String, Scores> = BTreeMap::new();
    let mut claims_out = Vec::new();
    for labels_path in cases {
        let (language, s, claims) = score_case(&archive, &labels_path, tr)?;
        claims_out.extend(claims);
        languages.entry(language).or_default().add(&s);
    }
    let mut overall = Scores::default();
    for s in languages.values() {
        overall.add(s);
    }
    Ok(EvalReport {
        languages,
        overall,
        claims: claims_out,
    })
}
