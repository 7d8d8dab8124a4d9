//! Retrieval: the article's names and English renderings become one index
//! query; its best candidates, one per family of renditions and up to a budget of
//! text, become the check's source documents.

use super::bag::{self, Bag, Concept};
use super::{CheckOptions, claims};
use crate::archive::Archive;
use crate::error::Result;
use crate::lang::lexicon::Translator;
use crate::lang::when;
use crate::model::Document;
use std::collections::{HashMap, HashSet};

/// Characters of candidate text a check reads at most (the best candidates first,
/// as the index ranks them): the check's work does not grow with the archive.
const CANDIDATE_TEXT: usize = 150_000;
/// Candidate documents taken from the index.
const CANDIDATES: usize = 40;

/// A source document of a check, made comparable with claims.
pub(super) struct SourceDoc {
    /// The document (the representative of its family of renditions).
    pub(super) doc: Document,
    /// Other renditions: the same text elsewhere, or the same reference number.
    pub(super) siblings: Vec<Document>,
    /// Its language as analysed ("en" when unknown).
    pub(super) lang: String,
    /// Its text and metadata as a bag.
    pub(super) bag: Bag,
    /// Dates of its text and metadata.
    pub(super) dates: Vec<when::DateMention>,
    /// Numbers of the document's text and metadata.
    pub(super) numbers: Vec<claims::NumberMention>,
    /// Its text, with the metadata sentences of it and its siblings.
    pub(super) text: String,
}

/// Metadata of a document as an English sentence, so claims about who sent
/// what to whom and when can rest on it.
pub(super) fn metadata_sentence(d: &Document, archive: &Archive) -> String {
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

/// The shortest skeleton of a word in another script whose Latin spellings are
/// searched: three consonants ("sls": Chelsea, sales, Silas…) meet hundreds of words.
const MIN_SPELLING_SKELETON: usize = 4;
/// The longest skeleton searched: a name has a dozen consonants at most, and the
/// automaton of a longer pattern (a run of letters without spaces) costs work
/// for nothing.
const MAX_SPELLING_SKELETON: usize = 16;
/// The most skeletons of one article searched (each is a walk of the term
/// dictionaries): the work of a long Arabic article stays bounded.
const MAX_SPELLING_SEARCHES: usize = 64;
/// The Latin spellings of one skeleton that are searched, the most frequent first.
const SPELLINGS: usize = 4;
/// Documents a Latin spelling must stand in (one is OCR debris as often as a name).
const SPELLING_DOCS: u32 = 2;

/// Latin spellings in the index's vocabulary of the article's words in another
/// script that the lexicon does not know (names, mostly: "فارمر" → "farmer"),
/// by their consonant skeletons ([`crate::lang::arabic::latin_pattern`]).
pub(super) fn latin_spellings(
    archive: &Archive,
    concepts: &[Vec<Concept>],
) -> Result<HashMap<String, Vec<String>>> {
    use crate::lang::arabic;
    let mut out = HashMap::new();
    for c in concepts.iter().flatten() {
        let Some(sk) = &c.cross else { continue };
        let len = sk.chars().count();
        if !(MIN_SPELLING_SKELETON..=MAX_SPELLING_SKELETON).contains(&len) || out.contains_key(sk) {
            continue;
        }
        if out.len() == MAX_SPELLING_SEARCHES {
            break;
        }
        let Some(pattern) = arabic::latin_pattern(sk) else {
            continue;
        };
        let words: Vec<String> = archive
            .terms_matching(&pattern, SPELLING_DOCS, 4 * SPELLINGS)?
            .into_iter()
            .map(|(w, _)| w)
            // the index holds stems: "princ" is "prince" without its final e
            .filter(|w| {
                arabic::latin_skeleton(w) == *sk || arabic::latin_skeleton(&format!("{w}e")) == *sk
            })
            .take(SPELLINGS)
            .collect();
        out.insert(sk.clone(), words);
    }
    Ok(out)
}

/// The search terms of an article: its names (as written and in English), the
/// English renderings of its words and the Latin spellings of its words in
/// another script ([`latin_spellings`]), at most 120.
pub(super) fn query_terms(
    concepts: &[Vec<Concept>],
    spellings: &HashMap<String, Vec<String>>,
    docs: &dyn Fn(&str) -> u64,
) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for c in concepts.iter().flatten() {
        let cands: Vec<String> = match c.kind {
            bag::Kind::Name => std::iter::once(c.folded.clone())
                .chain(c.english.iter().cloned())
                .collect(),
            bag::Kind::Word => likeliest_renderings(&c.english, docs),
            bag::Kind::Unknown => std::iter::once(c.folded.clone())
                .chain(
                    c.cross
                        .as_ref()
                        .and_then(|sk| spellings.get(sk))
                        .into_iter()
                        .flatten()
                        .cloned(),
                )
                .collect(),
        };
        for t in cands {
            for w in t.split_whitespace() {
                let w: String = w.chars().filter(|ch| ch.is_alphanumeric()).collect();
                if w.chars().count() >= 3
                    && !claims::is_function_word("en", &w)
                    && seen.insert(w.clone())
                {
                    terms.push(w);
                }
            }
        }
    }
    terms.truncate(120);
    terms
}

/// Renderings of a word searched for it.
const RENDERINGS: usize = 3;
/// Documents a rendering must stand in to be searched: the archive hardly uses
/// a word it holds in fewer.
const RENDERING_DOCS: u64 = 3;

/// The renderings of a word that are searched: the first few, in the
/// dictionary's order, that the archive uses. A dictionary lists rare senses
/// among the common ones ("brunettes", "broads" for نساء, women; "weregild" for
/// والديها, her parents), and a word the archive holds in one or two documents
/// brings those documents in, whatever they are about. When the archive uses
/// none of them, the first ones are searched all the same. A phrase counts by
/// its rarest content word.
fn likeliest_renderings(english: &[String], docs: &dyn Fn(&str) -> u64) -> Vec<String> {
    let used_by_archive = |e: &&String| {
        e.split_whitespace()
            .filter(|w| !claims::is_function_word("en", w))
            .map(docs)
            .min()
            .is_some_and(|n| n >= RENDERING_DOCS)
    };
    let used: Vec<String> = english
        .iter()
        .filter(used_by_archive)
        .take(RENDERINGS)
        .cloned()
        .collect();
    if used.is_empty() {
        english.iter().take(RENDERINGS).cloned().collect()
    } else {
        used
    }
}

/// Candidates the index gives for each claim's own query.
const CLAIM_CANDIDATES: usize = 10;
/// A term in more than this share of the documents is not specific.
const SPECIFIC_SHARE: f32 = 0.01;
/// The constant of reciprocal-rank fusion (Cormack et al. 2009): a document's
/// fused score is the sum of `1 / (RRF_K + rank)` over the lists it is in.
const RRF_K: f32 = 60.0;

/// The candidate documents of an article, best first: three rankings by the
/// index fused by reciprocal rank — BM25 for the whole article's terms, the
/// article's specific terms by coordination ([`Archive::specific_ids`]), and
/// BM25 for each claim's terms. BM25's length normalisation puts short
/// documents sharing one specific word above a long memo holding a dozen; the
/// coordination ranking and the claims' own rankings bring such a memo back.
pub(super) fn candidates(
    archive: &Archive,
    article: &[String],
    claims: &[Vec<String>],
    opts: &CheckOptions,
) -> Result<Vec<String>> {
    let query = |terms: &[String]| {
        let q = format!("({})", terms.join(" OR "));
        match &opts.collection {
            Some(coll) => format!("{q} collection:\"{coll}\""),
            None => q,
        }
    };
    let mut lists = Vec::new();
    if !article.is_empty() {
        lists.push(archive.candidate_ids(&query(article), CANDIDATES, &opts.readable)?);
        lists.push(archive.specific_ids(
            article,
            SPECIFIC_SHARE,
            CANDIDATES,
            opts.collection.as_deref(),
            &opts.readable,
        )?);
    }
    for terms in claims.iter().filter(|t| !t.is_empty()) {
        lists.push(archive.candidate_ids(&query(terms), CLAIM_CANDIDATES, &opts.readable)?);
    }
    Ok(fuse(&lists))
}

/// Reciprocal-rank fusion of ranked lists of ids (ties keep first appearance).
fn fuse(lists: &[Vec<String>]) -> Vec<String> {
    let mut score: std::collections::HashMap<&str, (f32, usize)> = Default::default();
    let mut order = 0;
    for list in lists {
        for (rank, id) in list.iter().enumerate() {
            let e = score.entry(id.as_str()).or_insert_with(|| {
                order += 1;
                (0.0, order)
            });
            e.0 += 1.0 / (RRF_K + rank as f32 + 1.0);
        }
    }
    let mut ids: Vec<(&str, (f32, usize))> = score.into_iter().collect();
    ids.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    ids.into_iter().map(|(id, _)| id.to_string()).collect()
}

/// The source documents of an article: its candidates (best first, see
/// [`candidates`]), each family of renditions once (led by its representative,
/// the other renditions and documents with its reference number as siblings),
/// never the article itself, up to [`CANDIDATE_TEXT`] characters of text and
/// [`CANDIDATES`] documents.
pub(super) fn sources(
    archive: &Archive,
    candidates: &[String],
    opts: &CheckOptions,
    bytes: &[u8],
    tr: &dyn Translator,
) -> Result<Vec<SourceDoc>> {
    let mut sources: Vec<SourceDoc> = Vec::new();
    // the article itself, when it was ingested too, is not its own source
    let article_sha = crate::model::sha256_hex(bytes);
    let mut text_budget = CANDIDATE_TEXT;
    for id in candidates {
        if sources.len() == CANDIDATES {
            break;
        }
        let Some(found) = archive
            .catalog()
            .get(id)?
            .filter(|d| d.raw_sha256 != article_sha)
        else {
            continue;
        };
        // a family of renditions is one source, led by its representative
        let mut family = archive.family(&found, &opts.readable)?.into_iter();
        let doc = family.next().unwrap_or(found);
        if sources.iter().any(|s| s.doc.id == doc.id) {
            continue;
        }
        // the work of a check is bounded by the text of its best candidates,
        // not by the size of the archive: a text longer than what is left of
        // the budget is passed over (the best candidate is always read)
        let len = doc.body.len() + doc.quoted.len();
        if len > text_budget && !sources.is_empty() {
            continue;
        }
        text_budget = text_budget.saturating_sub(len);
        let mut siblings: Vec<Document> = family.collect();
        for sib in archive.same_doc_no(&doc, &opts.readable)? {
            if !siblings.iter().any(|x| x.id == sib.id) {
                siblings.push(sib);
            }
        }
        sources.push(source_doc(doc, siblings, archive, tr));
    }
    Ok(sources)
}

/// A document with its siblings made comparable: its text with the metadata
/// sentences of it and its siblings, as a bag, with its dates and numbers.
pub(super) fn source_doc(
    doc: Document,
    siblings: Vec<Document>,
    archive: &Archive,
    tr: &dyn Translator,
) -> SourceDoc {
    let lang_s = crate::lang::analysed(&doc.language).to_string();
    let mut text = doc.full_text();
    text.push('\n');
    text.push_str(&metadata_sentence(&doc, archive));
    for sib in &siblings {
        text.push('\n');
        text.push_str(&metadata_sentence(sib, archive));
    }
    let lang_s = if lang_s == "xx" {
        "en".to_string()
    } else {
        lang_s
    };
    let mut dates = when::find(&text);
    if let Some(d) = doc.date {
        dates.extend(when::find(&d.format("%B %-d, %Y").to_string()));
    }
    SourceDoc {
        bag: Bag::of(&lang_s, &text, tr),
        numbers: claims::numbers(&lang_s, &text.to_lowercase(), &[]),
        text,
        dates,
        lang: lang_s,
        doc,
        siblings,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{TestLexicon, archive};
    use super::*;

    #[test]
    fn query_terms_are_names_and_english_renderings_once_without_function_words() {
        let lex = TestLexicon::with(&[
            ("nl", "leger", &["the army", "troops"]),
            ("nl", "soldaten", &["soldiers", "troops"]),
        ]);
        let words = [
            "leger".to_string(),
            "soldaten".to_string(),
            "xyzzy".to_string(),
        ];
        let cs = bag::concepts("nl", &words, &["Gao".to_string()], &lex);
        let terms = query_terms(&[cs], &Default::default(), &|_| 0);
        for t in ["gao", "army", "troops", "soldiers", "xyzzy"] {
            assert_eq!(
                terms.iter().filter(|x| *x == t).count(),
                1,
                "{t} in {terms:?}"
            );
        }
        assert!(!terms.iter().any(|t| t == "the"), "{terms:?}");
    }

    const GAO: &str =
        "The consul in Gao was kidnapped. The kidnapping of the consul in Gao shocked Algiers.";
    const GAO_ONCE: &str = "Trade fairs were held in Gao and in Mopti last spring.";
    const BUDGET: &str = "The budget of the schools was approved by the parliament.";

    fn terms(ts: &[&str]) -> Vec<String> {
        ts.iter().map(|t| t.to_string()).collect()
    }

    /// The sources an article with these search terms (and no claims) finds.
    fn found(
        a: &super::super::testkit::TestArchive,
        terms: &[String],
        opts: &CheckOptions,
        bytes: &[u8],
    ) -> Vec<SourceDoc> {
        let ids = candidates(&a.archive, terms, &[], opts).expect("candidates");
        sources(&a.archive, &ids, opts, bytes, &TestLexicon::english()).expect("sources")
    }

    #[test]
    fn a_name_in_arabic_is_searched_by_its_latin_spellings_in_the_index() {
        let a = archive(&[
            (
                "a.txt",
                "Paul Farmer of Partners in Health met the minister.",
            ),
            (
                "b.txt",
                "Dr. Farmer went to Cange. The former minister did not.",
            ),
            ("c.txt", "The former minister spoke. Framer, once."),
        ]);
        // "فارمر" (Farmer) is no word the lexicon knows: it meets Latin words
        // of its skeleton f-r-m-r that two documents or more hold
        let cs = bag::concepts("ar", &[], &["فارمر".to_string()], &TestLexicon::english());
        let spellings = latin_spellings(&a.archive, std::slice::from_ref(&cs)).expect("spellings");
        let found = &spellings["frmr"];
        assert!(found.contains(&"farmer".to_string()), "{found:?}");
        assert!(found.contains(&"former".to_string()), "{found:?}");
        assert!(
            !found.contains(&"framer".to_string()),
            "one document: {found:?}"
        );
        let terms = query_terms(&[cs], &spellings, &|_| 0);
        assert!(terms.contains(&"farmer".to_string()), "{terms:?}");
    }

    #[test]
    fn a_stem_that_lost_its_final_e_keeps_its_skeleton() {
        // the index holds "princ" for "Prince": without its e, its c reads as k
        let a = archive(&[
            ("a.txt", "Port-au-Prince was dark."),
            ("b.txt", "The prince of Monaco came."),
        ]);
        let cs = bag::concepts("ar", &[], &["برنس".to_string()], &TestLexicon::english());
        let spellings = latin_spellings(&a.archive, std::slice::from_ref(&cs)).expect("spellings");
        assert_eq!(spellings["brns"], ["princ"]);
    }

    #[test]
    fn renderings_the_archive_hardly_uses_are_not_searched() {
        let docs = |w: &str| match w {
            "women" => 500,
            "womenfolk" => 3,
            "brunettes" => 1,
            "broads" => 2,
            "fishing" => 40,
            "boat" => 90,
            _ => 0,
        };
        let e = terms(&["brunettes", "broads", "womenfolk", "women", "ladies"]);
        // the archive's order of use does not matter, only whether it uses them
        assert_eq!(likeliest_renderings(&e, &docs), ["womenfolk", "women"]);
        // none used: the dictionary's first ones all the same
        let rare = terms(&["brunettes", "broads", "ladies", "dames"]);
        assert_eq!(
            likeliest_renderings(&rare, &docs),
            ["brunettes", "broads", "ladies"]
        );
        // a phrase counts by its rarest content word
        let p = terms(&["fishing boat", "trawler"]);
        assert_eq!(likeliest_renderings(&p, &docs), ["fishing boat"]);
    }

    #[test]
    fn word_docs_counts_the_documents_holding_a_word() {
        let a = archive(&[
            ("a.txt", "The consul met the envoy in Gao."),
            ("b.txt", "The envoy left Gao for Mopti."),
            ("c.txt", "Markets were open."),
        ]);
        assert_eq!(a.archive.word_docs("envoy"), 2);
        assert_eq!(a.archive.word_docs("mopti"), 1);
        assert_eq!(a.archive.word_docs("kidal"), 0);
        // syntax of the query language is no word
        assert_eq!(a.archive.word_docs("envoy OR gao"), 0);
    }

    #[test]
    fn specific_terms_rank_a_long_text_holding_many_above_a_short_one_repeating_one() {
        let filler = "The weather was mild and the roads were open. ".repeat(80);
        let memo =
            format!("{filler} The consul in Gao met the envoy from Mopti about the kidnapping.");
        let a = archive(&[
            ("memo.txt", memo.as_str()),
            ("short.txt", "Mopti and Gao: the markets of Mopti and Gao."),
            ("roads.txt", "The roads were open in any weather."),
            ("weather.txt", "The weather was mild."),
        ]);
        let t = terms(&["mopti", "gao", "kidnapping", "weather"]);
        let all = crate::access::Readable::All;
        let ids = a
            .archive
            .specific_ids(&t, 1.0, 10, None, &all)
            .expect("specific");
        let first = a.archive.catalog().get(&ids[0]).expect("get").expect("doc");
        assert!(first.body.contains("Gao"), "{}", first.body);
        // "weather" is in three documents of four: not specific at a share of
        // 0.6, so the documents holding only it are not found
        let ids = a
            .archive
            .specific_ids(&t, 0.6, 10, None, &all)
            .expect("specific");
        assert_eq!(ids.len(), 2, "{ids:?}");
        // a check kept to a collection finds nothing of another one
        let only = |c: &str| a.archive.specific_ids(&t, 0.6, 10, Some(c), &all);
        assert_eq!(only("test").expect("specific"), ids);
        assert!(only("elsewhere").expect("specific").is_empty());
        // BM25 alone puts the short text repeating two of the words first
        let bm25 = a
            .archive
            .candidate_ids("(mopti OR gao OR kidnapping)", 10, &all);
        let bm25 = bm25.expect("bm25");
        let first = a
            .archive
            .catalog()
            .get(&bm25[0])
            .expect("get")
            .expect("doc");
        assert!(first.body.starts_with("Mopti and Gao"), "{}", first.body);
    }

    #[test]
    fn fusion_puts_first_what_many_lists_rank_well() {
        let ids = |xs: &[&str]| -> Vec<String> { xs.iter().map(|x| x.to_string()).collect() };
        // "memo" is second in three lists, "short" first in one only
        let lists = [
            ids(&["short", "memo"]),
            ids(&["other", "memo"]),
            ids(&["third", "memo"]),
        ];
        assert_eq!(fuse(&lists)[0], "memo");
        assert_eq!(fuse(&[ids(&["a", "b"])]), ids(&["a", "b"]));
    }

    #[test]
    fn sources_come_best_first_and_only_those_the_terms_find() {
        let a = archive(&[
            ("gao.txt", GAO),
            ("once.txt", GAO_ONCE),
            ("budget.txt", BUDGET),
        ]);
        let found = found(
            &a,
            &terms(&["gao", "consul", "kidnapping"]),
            &CheckOptions::default(),
            b"an article",
        );
        let bodies: Vec<&str> = found.iter().map(|s| s.doc.body.trim()).collect();
        assert_eq!(bodies, [GAO, GAO_ONCE]);
        // the text a source is compared with holds its metadata sentence too
        assert!(found[0].text.starts_with(GAO) && found[0].text.contains("\nEmail"));
        assert_eq!(found[0].lang, "en");
    }

    #[test]
    fn the_article_itself_is_not_its_own_source() {
        let a = archive(&[("gao.txt", GAO), ("once.txt", GAO_ONCE)]);
        let found = found(
            &a,
            &terms(&["gao"]),
            &CheckOptions::default(),
            GAO.as_bytes(),
        );
        let bodies: Vec<&str> = found.iter().map(|s| s.doc.body.trim()).collect();
        assert_eq!(bodies, [GAO_ONCE]);
    }

    #[test]
    fn no_terms_no_sources_and_another_collection_has_none() {
        let a = archive(&[("gao.txt", GAO)]);
        assert!(found(&a, &[], &CheckOptions::default(), b"x").is_empty());
        let elsewhere = CheckOptions {
            lang: None,
            collection: Some("elsewhere".into()),
            ..Default::default()
        };
        assert!(found(&a, &terms(&["gao"]), &elsewhere, b"x").is_empty());
    }
}
