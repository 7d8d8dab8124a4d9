//! The archive: a directory holding the catalog (`catalog.redb`, the truth) and
//! the search index (`index/`, derived). Front ends call only this: the facade
//! [`Archive`] here, the ingest pipeline in [`pipeline`], the options and
//! results in [`results`].

#[cfg(test)]
mod highlight_tests;
mod pipeline;
mod results;
#[cfg(test)]
mod scope_tests;

pub use results::{
    DocumentView, FailedFile, Hit, IngestOptions, IngestReport, Progress, Quiet, Rendition,
    SearchOptions, SearchResults, Stats, ThreadMessage, ThreadView,
};

use crate::access::Readable;
use crate::error::{Error, IndexError, Result};
use crate::index::{SearchIndex, Snippets};
use crate::model::{Document, Provenance};
use crate::normalize::AliasTable;
use crate::store::Catalog;
use crate::thread::{ThreadEntry, thread_of};
use crate::util::dir_size;
use std::path::{Path, PathBuf};

/// An open archive.
pub struct Archive {
    dir: PathBuf,
    catalog: Catalog,
    index: SearchIndex,
    aliases: AliasTable,
}

/// The most bytes of a text [`Archive::highlights`] marks words in.
pub const MAX_HIGHLIGHTED_BYTES: usize = 200 * 1024;

/// Ids a prefix may match when it is resolved within some collections.
const MAX_PREFIX_MATCHES: usize = 64;
/// Members of a family read when listing its renditions.
const MAX_FAMILY_LISTED: usize = 200;
/// An index that cannot be opened is derived data: say how to rebuild it.
fn damaged_index(e: Error) -> Error {
    match e {
        Error::Index(i) if i.to_string().contains("spoor reindex") => Error::Index(i),
        Error::Index(i) => Error::Index(IndexError::Unopenable(Box::new(i))),
        other => other,
    }
}

impl Archive {
    /// Open an archive for writing, creating it if needed, and bring the index up
    /// to date with the catalog (after a crash or kill).
    pub fn open(dir: &Path) -> Result<Archive> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let catalog = Catalog::open_rw(dir)?;
        let index = SearchIndex::open(&dir.join("index"), true).map_err(damaged_index)?;
        let mut a = Archive::assemble(dir, catalog, index)?;
        a.reconcile(&Quiet)?;
        Ok(a)
    }

    /// Open an existing archive for reading.
    pub fn open_read(dir: &Path) -> Result<Archive> {
        let cat_path = dir.join("catalog.redb");
        if !cat_path.exists() {
            return Err(Error::Usage(format!(
                "no archive at {}: run `spoor --archive {} ingest PATH` first",
                dir.display(),
                dir.display()
            )));
        }
        let catalog = match Catalog::open_ro(dir) {
            Ok(c) => c,
            // a catalog left by a killed process needs a repair, which only a writer does
            Err(_) => Catalog::open_rw(dir)?,
        };
        let index = SearchIndex::open(&dir.join("index"), false).map_err(damaged_index)?;
        Archive::assemble(dir, catalog, index)
    }

    /// The catalog.
    pub(crate) fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Every document of the archive, in the order they were stored, handed to
    /// `f` some thousands at a time.
    pub fn for_each_document(&self, f: &mut dyn FnMut(&[Document]) -> Result<()>) -> Result<()> {
        self.catalog.for_each_since(1, 5000, &mut |chunk| {
            let docs: Vec<Document> = chunk.into_iter().map(|(_, d)| d).collect();
            f(&docs)
        })
    }

    /// Documents in the catalog not yet in the index.
    pub fn unindexed(&self) -> Result<u64> {
        Ok(self
            .catalog
            .max_seq()?
            .saturating_sub(self.index.indexed_upto()?))
    }

    /// Index what the catalog has and the index lacks. Returns how many documents.
    pub fn reconcile(&mut self, progress: &dyn Progress) -> Result<u64> {
        let upto = self.index.indexed_upto()?;
        let max = self.catalog.max_seq()?;
        if max <= upto {
            return Ok(0);
        }
        let mut n = 0;
        let mut last = upto;
        let index = &mut self.index;
        self.catalog.for_each_since(upto + 1, 5000, &mut |chunk| {
            let docs: Vec<Document> = chunk.iter().map(|(_, d)| d.clone()).collect();
            index.add(&docs, true)?;
            n += docs.len() as u64;
            last = chunk.last().map(|(s, _)| *s).unwrap_or(last);
            progress.update(0, 0, n);
            Ok(())
        })?;
        self.index.commit(last.max(max))?;
        Ok(n)
    }

    /// Compact the archive for reading: the catalog gives back freed space and the
    /// index becomes one segment. Returns the number of index segments before.
    pub fn compact(&mut self) -> Result<usize> {
        self.catalog.compact()?;
        self.index.merge_all()
    }

    /// An archive of an opened catalog and index, with the catalog's aliases.
    fn assemble(dir: &Path, catalog: Catalog, index: SearchIndex) -> Result<Archive> {
        let aliases = AliasTable::from_pairs(catalog.aliases()?);
        Ok(Archive {
            dir: dir.to_path_buf(),
            catalog,
            index,
            aliases,
        })
    }

    /// Rebuild the index from the catalog: the index directory is removed
    /// first, so a missing, damaged or foreign index (a deleted segment, a
    /// garbled `meta.json`) is replaced, not opened. Returns the archive, open for
    /// writing, and the number of documents indexed.
    pub fn rebuild_index(dir: &Path, progress: &dyn Progress) -> Result<(Archive, u64)> {
        let catalog = Catalog::open_rw(dir)?;
        let index_dir = dir.join("index");
        if index_dir.exists() {
            std::fs::remove_dir_all(&index_dir).map_err(|e| Error::io(&index_dir, e))?;
        }
        let index = SearchIndex::open(&index_dir, true)?;
        let mut a = Archive::assemble(dir, catalog, index)?;
        progress.start(0, 0);
        let n = a.reconcile(progress)?;
        progress.finish();
        Ok((a, n))
    }

    /// See what other processes committed since the archive was opened (an
    /// ingest while a server reads): the index is read anew; the catalog shows
    /// commits by itself. A long-running reader calls this now and then.
    pub fn refresh(&self) -> Result<()> {
        self.index.reload()
    }

    /// Wait for the index's background merges (call before exiting after an ingest).
    pub fn close(self) -> Result<()> {
        self.index.finish()
    }

    /// Search.
    pub fn search(
        &self,
        query: &str,
        opts: &SearchOptions,
        facets: &[String],
    ) -> Result<SearchResults> {
        let q = self.index.compile(query, &self.aliases)?;
        let scoped = self.index.scoped(q.box_clone(), &opts.readable);
        let (total, raw) = self.index.search_page(&*scoped, opts)?;
        let mut hits = Vec::with_capacity(raw.len());
        let mut snippets = Snippets::new(&self.index, &*q, opts.snippet_chars);
        for h in raw {
            let Some(d) = self.catalog.get(&h.id)? else {
                continue;
            };
            let renditions = self.family_size(&h.family, &opts.readable)?;
            let (snippet, highlights) = snippets.of(&d)?;
            hits.push(Hit {
                id: d.id.clone(),
                doc_no: d.doc_no.clone(),
                message_id: d.message_id.clone(),
                subject: d.subject.clone(),
                from: d.from.as_ref().map(|p| self.display_party(p)),
                to: d.to.iter().map(|p| self.display_party(p)).collect(),
                date: d
                    .date
                    .map(|x| x.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                score: h.score,
                snippet,
                highlights,
                collection: d.collection.clone(),
                renditions,
            });
        }
        let facets = if facets.is_empty() {
            None
        } else {
            Some(self.index.facets(&*scoped, facets, &self.aliases)?)
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// The words of each of `texts` that `query` matches, as byte ranges: the
    /// query compiled as [`Archive::search`] compiles it, each text analysed as
    /// the body of a document in `language` is (the same tokenizer and stemmer
    /// the index and the search snippets use), so `moving` marks `moved`.
    /// Only the first [`MAX_HIGHLIGHTED_BYTES`] of a text are looked at.
    pub fn highlights(
        &self,
        query: &str,
        language: &str,
        texts: &[&str],
    ) -> Result<Vec<Vec<(usize, usize)>>> {
        let q = self.index.compile(query, &self.aliases)?;
        let mut snippets = Snippets::new(&self.index, &*q, MAX_HIGHLIGHTED_BYTES);
        texts.iter().map(|t| snippets.marks(language, t)).collect()
    }

    /// How many renditions of a family the caller may read (at least 1: the
    /// hit itself).
    fn family_size(&self, family: &str, readable: &Readable) -> Result<usize> {
        if *readable == Readable::All {
            return Ok(self.catalog.family_members(family)?.len().max(1));
        }
        // counted by the index, which holds each member's family key and collection
        Ok(self.index.family_count(family, readable)?.max(1))
    }

    /// A document by full id, if it exists and `readable` allows its collection.
    fn readable_doc(&self, id: &str, readable: &Readable) -> Result<Option<Document>> {
        Ok(self
            .catalog
            .get(id)?
            .filter(|d| readable.allows(&d.collection)))
    }

    /// The renditions of a document's text (itself included) that `readable`
    /// allows, representative first; a document alone has one.
    pub fn family(&self, d: &Document, readable: &Readable) -> Result<Vec<Document>> {
        let ids = self.catalog.family_members(d.family_key())?;
        if ids.is_empty() {
            return Ok(vec![d.clone()]);
        }
        let mut ranked = Vec::with_capacity(ids.len());
        for id in ids.into_iter().take(MAX_FAMILY_LISTED) {
            let Some(doc) = self.readable_doc(&id, readable)? else {
                continue;
            };
            let position = self
                .catalog
                .unit_ids(&doc.raw_sha256)?
                .iter()
                .position(|x| *x == doc.id)
                .unwrap_or(0);
            ranked.push((
                crate::renditions::RepresentativeRank::of(&doc, position),
                doc,
            ));
        }
        if ranked.is_empty() {
            return Ok(vec![d.clone()]);
        }
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(ranked.into_iter().map(|(_, d)| d).collect())
    }

    /// The renditions of a document that `readable` allows, for listing.
    pub fn renditions(&self, d: &Document, readable: &Readable) -> Result<Vec<Rendition>> {
        Ok(self
            .family(d, readable)?
            .into_iter()
            .enumerate()
            .map(|(i, x)| Rendition::of(&x, i == 0))
            .collect())
    }

    /// A party as displayed, with its canonical name when the alias table knows it.
    pub fn display_party(&self, p: &crate::model::Party) -> String {
        match self.aliases.canonical_party(p) {
            Some(c) if p.name.as_deref() != Some(c) => format!("{} [{}]", p.display(), c),
            _ => p.display(),
        }
    }

    /// The documents a word stands in ([`SearchIndex::word_docs`]).
    pub fn word_docs(&self, word: &str) -> u64 {
        self.index.word_docs(word, &self.aliases)
    }

    /// Words of the index's vocabulary matching a whole-term regular expression,
    /// with their document counts ([`SearchIndex::terms_matching`]).
    pub fn terms_matching(
        &self,
        pattern: &str,
        min_docs: u32,
        limit: usize,
    ) -> Result<Vec<(String, u32)>> {
        self.index.terms_matching(pattern, min_docs, limit)
    }

    /// Ids of the best `limit` documents for a query that `readable` allows,
    /// by relevance, one per family of renditions.
    pub fn candidate_ids(
        &self,
        query: &str,
        limit: usize,
        readable: &Readable,
    ) -> Result<Vec<String>> {
        let q = self.index.compile(query, &self.aliases)?;
        self.ranked_ids(q, limit, readable)
    }

    /// Ids of the best `limit` documents that `readable` allows (and, when one
    /// is named, of that `collection`) by the **specific** terms among `terms`
    /// they hold: each term found in at most `max_share` of the documents
    /// counts its inverse document frequency once, however often and in
    /// however long a text it stands (no length normalisation: a long memo
    /// holding a dozen of an article's rare words comes before a short note
    /// repeating one). One per family of renditions.
    pub fn specific_ids(
        &self,
        terms: &[String],
        max_share: f32,
        limit: usize,
        collection: Option<&str>,
        readable: &Readable,
    ) -> Result<Vec<String>> {
        let mut parts = Vec::new();
        for t in terms {
            // a term the query language would read as syntax is not a word here
            if !t.chars().all(char::is_alphanumeric) {
                continue;
            }
            parts.push(self.index.compile(t, &self.aliases)?);
        }
        let mut q = self.index.specific(parts, max_share);
        if let Some(c) = collection {
            // the same filter a search's `collection:` term is, adding no score
            let only = self
                .index
                .compile(&format!("collection:\"{c}\""), &self.aliases)?;
            q = Box::new(tantivy::query::BooleanQuery::new(vec![
                (tantivy::query::Occur::Must, q),
                (
                    tantivy::query::Occur::Must,
                    Box::new(tantivy::query::ConstScoreQuery::new(only, 0.0)),
                ),
            ]));
        }
        self.ranked_ids(q, limit, readable)
    }

    /// The ids of the best `limit` hits of `q` that `readable` allows, one per
    /// family, without counting every match (a page of candidates needs no total).
    fn ranked_ids(
        &self,
        q: Box<dyn tantivy::query::Query>,
        limit: usize,
        readable: &Readable,
    ) -> Result<Vec<String>> {
        let q = self.index.scoped(q, readable);
        let opts = SearchOptions {
            limit,
            count: false,
            ..Default::default()
        };
        let (_, hits) = self.index.search_page(&*q, &opts)?;
        Ok(hits.into_iter().map(|h| h.id).collect())
    }

    /// Other documents with the same reference number (other renditions of one
    /// record) that `readable` allows.
    pub fn same_doc_no(&self, d: &Document, readable: &Readable) -> Result<Vec<Document>> {
        let Some(n) = &d.doc_no else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for id in self
            .matching_ids(&format!("docno:{n}"), readable)?
            .into_iter()
            .take(20)
        {
            if id != d.id
                && let Some(doc) = self.readable_doc(&id, readable)?
            {
                out.push(doc);
            }
        }
        Ok(out)
    }

    /// Ids of all documents matching a query that `readable` allows.
    pub fn matching_ids(&self, query: &str, readable: &Readable) -> Result<Vec<String>> {
        let q = self.index.compile(query, &self.aliases)?;
        self.index.all_ids(&*self.index.scoped(q, readable))
    }

    /// The full id of a document by id or unique id prefix, among the documents
    /// `readable` allows: a document outside them is missing (the same
    /// [`Error::NotFound`]), and does not make a prefix ambiguous.
    fn resolve(&self, id: &str, readable: &Readable) -> Result<String> {
        if *readable == Readable::All {
            return self.catalog.resolve_id(id);
        }
        let mut found = Vec::new();
        for full in self.catalog.ids_with_prefix(id, MAX_PREFIX_MATCHES)? {
            if self.readable_doc(&full, readable)?.is_some() {
                found.push(full);
            }
        }
        match found.len() {
            0 => Err(Error::NotFound(id.to_string())),
            1 => Ok(found.remove(0)),
            _ => Err(Error::Usage(format!(
                "id prefix {id} is ambiguous; give more digits"
            ))),
        }
    }

    /// A document by id or unique id prefix, with its provenance; a document
    /// outside `readable` is not found.
    pub fn show(&self, id: &str, readable: &Readable) -> Result<(Document, Vec<Provenance>)> {
        let full = self.resolve(id, readable)?;
        let d = self
            .readable_doc(&full, readable)?
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let mut p = self.catalog.provenance(&full)?;
        // the same bytes ingested again into another collection add provenance there
        p.retain(|x| readable.allows(&x.collection));
        Ok((d, p))
    }

    /// A document by id or unique id prefix, as `spoor show` gives it: with its
    /// provenance and the renditions of its text that `readable` allows; a
    /// document outside `readable` is not found.
    pub fn document(&self, id: &str, readable: &Readable) -> Result<DocumentView> {
        let (document, provenance) = self.show(id, readable)?;
        let renditions = self.renditions(&document, readable)?;
        Ok(DocumentView {
            document,
            provenance,
            renditions,
        })
    }

    /// The original bytes of a document (the part of the file it was cut
    /// from); a document outside `readable` is not found.
    pub fn raw(&self, id: &str, readable: &Readable) -> Result<Vec<u8>> {
        let (d, _) = self.show(id, readable)?;
        let raw = self
            .catalog
            .raw(&d.raw_sha256)?
            .ok_or_else(|| Error::catalog(format!("original of {} is missing", d.id)))?;
        Ok(match d.raw_range {
            Some((a, b)) => raw
                .get(a as usize..b as usize)
                .map(<[u8]>::to_vec)
                .unwrap_or(raw),
            None => raw,
        })
    }

    /// The thread of a document, made of the documents `readable` allows (a
    /// message outside them is as if the archive lacked it); a document outside
    /// `readable` is not found.
    pub fn thread(&self, id: &str, readable: &Readable) -> Result<Vec<ThreadEntry>> {
        let full = self.resolve(id, readable)?;
        thread_of(&self.catalog, &full, &|d: &Document| {
            readable.allows(&d.collection)
        })
    }

    /// The thread of a document, as `spoor thread --format json` gives it,
    /// within `readable`.
    pub fn thread_view(&self, id: &str, readable: &Readable) -> Result<ThreadView> {
        Ok(ThreadView::of(&self.thread(id, readable)?))
    }

    /// The collections `readable` allows that hold documents, with how many
    /// (documents without a collection counted under
    /// [`crate::access::DEFAULT_COLLECTION`]), by name.
    pub fn collections(&self, readable: &Readable) -> Result<Vec<(String, u64)>> {
        let q = self
            .index
            .scoped(Box::new(tantivy::query::AllQuery), readable);
        let facets = self
            .index
            .facets(&*q, &["collection".to_string()], &self.aliases)?;
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        for (name, n) in facets.into_values().flatten() {
            *counts
                .entry(crate::access::collection_name(&name).to_string())
                .or_default() += n;
        }
        Ok(counts.into_iter().collect())
    }

    /// Record that `alias` (a handle, address or other name) is the person `canonical`.
    pub fn add_alias(&mut self, canonical: &str, alias: &str) -> Result<()> {
        self.add_aliases(&[(alias.to_string(), canonical.to_string())])
    }

    /// Record many (alias, canonical name) pairs at once.
    pub fn add_aliases(&mut self, pairs: &[(String, String)]) -> Result<()> {
        self.catalog.add_aliases(pairs)?;
        let pairs = self.catalog.aliases()?;
        write_alias_cache(&self.dir, &pairs)?;
        self.aliases = AliasTable::from_pairs(pairs);
        Ok(())
    }

    /// The alias table, as (alias, canonical) pairs.
    pub fn aliases(&self) -> Result<Vec<(String, String)>> {
        self.catalog.aliases()
    }

    /// Re-read every original and document record and compare them with their
    /// content ids and the catalog; count the index against the catalog.
    pub fn verify(&self, progress: &dyn Progress) -> Result<crate::store::Verification> {
        let total = self.catalog.raw_stats()?.0;
        progress.start(total, 0);
        let mut v = self.catalog.verify(&|n| progress.update(n, 0, 0))?;
        progress.finish();
        v.indexed = self.index.num_docs();
        Ok(v)
    }

    /// Figures about the archive.
    pub fn stats(&self) -> Result<Stats> {
        let (originals, originals_bytes) = self.catalog.raw_stats()?;
        let facets = self.index.facets(
            &tantivy::query::AllQuery,
            &[
                "collection".into(),
                "kind".into(),
                "lang".into(),
                "year".into(),
            ],
            &self.aliases,
        )?;
        Ok(Stats {
            documents: self.catalog.count()?,
            indexed: self.index.num_docs(),
            originals,
            originals_bytes,
            catalog_bytes: {
                let (db, blobs) = self.catalog.disk_usage();
                db + blobs
            },
            index_bytes: dir_size(&self.dir.join("index")),
            facets,
        })
    }
}

/// The alias table is also kept as a small derived file, so that a search that
/// needs only the index does not have to open the catalog.
const ALIAS_CACHE: &str = "aliases.json";

fn write_alias_cache(dir: &Path, pairs: &[(String, String)]) -> Result<()> {
    let tmp = dir.join(format!("{ALIAS_CACHE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec(pairs)?).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, dir.join(ALIAS_CACHE)).map_err(|e| Error::io(dir, e))
}

/// A view of an archive's index alone: ids of matching documents, without
/// opening the catalog (for `spoor search --ids` and scripts that want speed).
pub struct IndexView {
    index: SearchIndex,
    aliases: AliasTable,
}

impl IndexView {
    /// Open the index of an archive.
    pub fn open(dir: &Path) -> Result<IndexView> {
        if !dir.join("catalog.redb").exists() {
            return Err(Error::Usage(format!(
                "no archive at {}: run `spoor --archive {} ingest PATH` first",
                dir.display(),
                dir.display()
            )));
        }
        let aliases = match std::fs::read(dir.join(ALIAS_CACHE)) {
            Ok(bytes) => {
                AliasTable::from_pairs(serde_json::from_slice::<Vec<(String, String)>>(&bytes)?)
            }
            Err(_) => AliasTable::default(),
        };
        Ok(IndexView {
            index: SearchIndex::open(&dir.join("index"), false)?,
            aliases,
        })
    }

    /// Total matches and the ids of one page.
    pub fn ids(&self, query: &str, opts: &SearchOptions) -> Result<(usize, Vec<String>)> {
        let q = self.index.compile(query, &self.aliases)?;
        let q = self.index.scoped(q, &opts.readable);
        let (total, hits) = self.index.search_page(&*q, opts)?;
        Ok((total, hits.into_iter().map(|h| h.id).collect()))
    }
}
