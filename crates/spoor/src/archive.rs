//! The archive: a directory holding the catalog (`catalog.redb`, the truth) and
//! the search index (`index/`, derived). Front ends call only this.

use crate::error::{Error, Result};
use crate::index::{SearchIndex, SortBy};
use crate::ingest::walk::{self, Failure, InputFile};
use crate::ingest::{self, Mapping, Unit};
use crate::model::{Document, Provenance, sha256_hex};
use crate::normalize::AliasTable;
use crate::store::{Catalog, StoreItem, StoreOutcome, UnitDocs};
use crate::thread::{ThreadEntry, thread_of};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

/// Receives progress of long work. Implementations must be cheap.
pub trait Progress {
    /// Work begins: how many files and bytes.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// Files and bytes done so far, documents seen so far.
    fn update(&self, _files: u64, _bytes: u64, _documents: u64) {}
    /// A batch was committed to the catalog; `total` documents committed in this run.
    fn committed(&self, _total: u64) {}
    /// Work ends.
    fn finish(&self) {}
}

/// A progress sink that says nothing.
pub struct Quiet;
impl Progress for Quiet {}

/// Options of an ingest.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Collection name stamped on new documents.
    pub collection: String,
    /// Column mapping for CSV / JSON Lines.
    pub mapping: Option<Mapping>,
}

/// A file that failed, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct FailedFile {
    /// The file (and the message offset in an mbox).
    pub path: String,
    /// One sentence.
    pub error: String,
}

/// What an ingest did (the contract of `spoor ingest --format json` in
/// docs/FORMATS.md, "Output contracts").
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// New documents.
    pub added: u64,
    /// Documents already present, reached through another file (provenance added).
    pub duplicates: u64,
    /// Documents already present from this very file.
    pub unchanged: u64,
    /// Files (or messages) that could not be read.
    pub failed: Vec<FailedFile>,
    /// Files that were stored, but read in a plainer way than their format asks
    /// (a release text whose page stamp could not be read, stored as plain text).
    pub warnings: Vec<FailedFile>,
    /// Documents in the archive after the ingest.
    pub documents: u64,
    /// Files read.
    pub files: u64,
}

/// Options of a search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Page size.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order.
    pub sort: SortBy,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// List every rendition of a text as its own hit (by default a family of
    /// renditions is one hit).
    pub all_renditions: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            sort: SortBy::Relevance,
            snippet_chars: 200,
            all_renditions: false,
        }
    }
}

/// One search hit (the contract of `spoor search --format json` in
/// docs/FORMATS.md, "Output contracts").
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Message-ID.
    pub message_id: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Sender as displayed.
    pub from: Option<String>,
    /// Recipients as displayed.
    pub to: Vec<String>,
    /// Date, RFC 3339 UTC.
    pub date: Option<String>,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// A fragment of the text around the matched words.
    pub snippet: String,
    /// Byte ranges of the matched words inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Collection.
    pub collection: String,
    /// How many renditions of this text the archive holds (1 when it is alone).
    pub renditions: usize,
}

/// A rendition of a text, as listed under a hit, a document or a source.
#[derive(Debug, Clone, Serialize)]
pub struct Rendition {
    /// Document id.
    pub id: String,
    /// Reference number.
    pub doc_no: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Date, RFC 3339 UTC.
    pub date: Option<String>,
    /// Whether it is the family's representative (the original rather than a copy).
    pub representative: bool,
}

impl Rendition {
    /// A document as listed among the renditions of its text.
    pub fn of(d: &Document, representative: bool) -> Rendition {
        Rendition {
            id: d.id.clone(),
            doc_no: d.doc_no.clone(),
            subject: d.subject.clone(),
            date: d
                .date
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            representative,
        }
    }
}

/// Results of a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Total matching documents.
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<BTreeMap<String, Vec<(String, u64)>>>,
}

/// Figures about an archive.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents in the catalog.
    pub documents: u64,
    /// Documents in the index.
    pub indexed: u64,
    /// Stored originals.
    pub originals: u64,
    /// Their compressed size.
    pub originals_bytes: u64,
    /// Size of the catalog file.
    pub catalog_bytes: u64,
    /// Size of the index directory.
    pub index_bytes: u64,
    /// Documents per collection, kind, language, year.
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
}

/// An open archive.
pub struct Archive {
    dir: PathBuf,
    catalog: Catalog,
    index: SearchIndex,
    aliases: AliasTable,
}

/// Members of a family read when listing its renditions.
const MAX_FAMILY_LISTED: usize = 200;
/// An index that cannot be opened is derived data: say how to rebuild it.
fn damaged_index(e: Error) -> Error {
    match e {
        Error::Index(m) if m.contains("spoor reindex") => Error::Index(m),
        Error::Index(m) => Error::Index(format!(
            "the search index cannot be opened ({m}); it is rebuilt from the catalog by `spoor reindex`"
        )),
        other => other,
    }
}

/// Documents committed before the index is committed too (bounds the work redone after a kill).
const INDEX_COMMIT_EVERY: u64 = 50_000;
/// The longest an ingest keeps new documents out of the index: readers in other
/// processes see what the index has committed, so a long ingest shows its
/// progress to searches at least this often.
const INDEX_COMMIT_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);
/// Units per catalog transaction.
const BATCH_UNITS: usize = 2_000;
/// Bytes per catalog transaction.
const BATCH_BYTES: usize = 8 << 20;

impl Archive {
    /// Open an archive for writing, creating it if needed, and bring the index up
    /// to date with the catalog (after a crash or kill).
    pub fn open(dir: &Path) -> Result<Archive> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let catalog = Catalog::open_rw(dir)?;
        let index = SearchIndex::open(&dir.join("index"), true).map_err(damaged_index)?;
        let aliases = AliasTable::from_pairs(catalog.aliases()?);
        let mut a = Archive {
            dir: dir.to_path_buf(),
            catalog,
            index,
            aliases,
        };
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
        let aliases = AliasTable::from_pairs(catalog.aliases()?);
        Ok(Archive {
            dir: dir.to_path_buf(),
            catalog,
            index,
            aliases,
        })
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
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
        let aliases = AliasTable::from_pairs(catalog.aliases()?);
        let mut a = Archive {
            dir: dir.to_path_buf(),
            catalog,
            index,
            aliases,
        };
        progress.start(0, 0);
        let n = a.reconcile(progress)?;
        progress.finish();
        Ok((a, n))
    }

    /// Ingest files and directories.
    pub fn ingest(
        &mut self,
        paths: &[PathBuf],
        opts: &IngestOptions,
        progress: &dyn Progress,
    ) -> Result<IngestReport> {
        let (files, walk_failures) = walk::enumerate(paths);
        let mut report = IngestReport {
            failed: walk_failures
                .into_iter()
                .map(|f| FailedFile {
                    path: f.path,
                    error: f.error,
                })
                .collect(),
            files: files.len() as u64,
            ..Default::default()
        };
        let total_bytes: u64 = files.iter().map(|f| f.size).sum();
        progress.start(files.len() as u64, total_bytes);
        let (tx, rx) = sync_channel::<Batch>(2);
        let (ptx, prx) = sync_channel::<Parsed>(2);
        let mut files_done = 0u64;
        let mut bytes_done = 0u64;
        let mut docs_seen = 0u64;
        let mut since_commit = 0u64;
        let mut last_seq = self.index.indexed_upto()?;
        let mut last_commit = std::time::Instant::now();
        let now = chrono::Utc::now();
        let catalog = &self.catalog;
        let index = &mut self.index;
        let result: Result<()> = std::thread::scope(|scope| {
            let mapping = opts.mapping.clone();
            scope.spawn(move || produce(files, mapping.as_ref(), tx));
            // Parsing, hashing and compressing run on the rayon pool while the
            // calling thread stores and indexes the previous batch.
            scope.spawn(move || {
                for batch in rx {
                    let parsed = parse_batch(catalog, batch, opts, now);
                    if ptx.send(parsed).is_err() {
                        return;
                    }
                }
            });
            for parsed in prx {
                files_done += parsed.files_done;
                bytes_done += parsed.bytes_done;
                docs_seen += parsed.docs;
                report.failed.extend(parsed.failed);
                report.warnings.extend(parsed.warnings);
                if parsed.items.is_empty() {
                    progress.update(files_done, bytes_done, docs_seen);
                    continue;
                }
                let (outcomes, new_docs) = catalog.store_batch(parsed.items)?;
                for o in outcomes {
                    add_outcome(&mut report, o);
                }
                progress.committed(report.added + report.duplicates + report.unchanged);
                if let Some((s, _)) = new_docs.last() {
                    last_seq = *s;
                }
                let docs: Vec<Document> = new_docs.into_iter().map(|(_, d)| d).collect();
                since_commit += docs.len() as u64;
                index.add(&docs, false)?;
                if since_commit >= INDEX_COMMIT_EVERY
                    || (since_commit > 0 && last_commit.elapsed() >= INDEX_COMMIT_INTERVAL)
                {
                    index.commit(last_seq)?;
                    since_commit = 0;
                    last_commit = std::time::Instant::now();
                }
                progress.update(files_done, bytes_done, docs_seen);
            }
            Ok(())
        });
        result?;
        if since_commit > 0 {
            self.index.commit(last_seq)?;
        }
        if report.added > 0 {
            self.catalog.compact()?;
        }
        progress.finish();
        report.documents = self.catalog.count()?;
        Ok(report)
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
        let (total, raw) = self.index.search_page(&*q, opts)?;
        let mut hits = Vec::with_capacity(raw.len());
        for h in raw {
            let Some(d) = self.catalog.get(&h.id)? else {
                continue;
            };
            let renditions = self.catalog.family_members(&h.family)?.len().max(1);
            let (snippet, highlights) = self.index.snippet(&*q, &d, opts.snippet_chars)?;
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
            Some(self.index.facets(&*q, facets, &self.aliases)?)
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// The renditions of a document's text (itself included), representative
    /// first; a document alone has one.
    pub fn family(&self, d: &Document) -> Result<Vec<Document>> {
        let ids = self.catalog.family_members(d.family_key())?;
        if ids.is_empty() {
            return Ok(vec![d.clone()]);
        }
        let mut ranked = Vec::with_capacity(ids.len());
        for id in ids.into_iter().take(MAX_FAMILY_LISTED) {
            let Some(doc) = self.catalog.get(&id)? else {
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
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(ranked.into_iter().map(|(_, d)| d).collect())
    }

    /// The renditions of a document, for listing.
    pub fn renditions(&self, d: &Document) -> Result<Vec<Rendition>> {
        Ok(self
            .family(d)?
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

    /// Ids of the best `limit` documents for a query, by relevance, one per
    /// family of renditions.
    pub fn candidate_ids(&self, query: &str, limit: usize) -> Result<Vec<String>> {
        let q = self.index.compile(query, &self.aliases)?;
        let opts = SearchOptions {
            limit,
            ..Default::default()
        };
        let (_, hits) = self.index.search_page(&*q, &opts)?;
        Ok(hits.into_iter().map(|h| h.id).collect())
    }

    /// Other documents with the same reference number (other renditions of one record).
    pub fn same_doc_no(&self, d: &Document) -> Result<Vec<Document>> {
        let Some(n) = &d.doc_no else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for id in self
            .matching_ids(&format!("docno:{n}"))?
            .into_iter()
            .take(20)
        {
            if id != d.id
                && let Some(doc) = self.catalog.get(&id)?
            {
                out.push(doc);
            }
        }
        Ok(out)
    }

    /// Ids of all documents matching a query.
    pub fn matching_ids(&self, query: &str) -> Result<Vec<String>> {
        let q = self.index.compile(query, &self.aliases)?;
        self.index.all_ids(&*q)
    }

    /// A document by id or unique id prefix, with its provenance.
    pub fn show(&self, id: &str) -> Result<(Document, Vec<Provenance>)> {
        let full = self.catalog.resolve_id(id)?;
        let d = self
            .catalog
            .get(&full)?
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let p = self.catalog.provenance(&full)?;
        Ok((d, p))
    }

    /// The original bytes of a document (the part of the file it was cut from).
    pub fn raw(&self, id: &str) -> Result<Vec<u8>> {
        let (d, _) = self.show(id)?;
        let raw = self
            .catalog
            .raw(&d.raw_sha256)?
            .ok_or_else(|| Error::Catalog(format!("original of {} is missing", d.id)))?;
        Ok(match d.raw_range {
            Some((a, b)) => raw
                .get(a as usize..b as usize)
                .map(<[u8]>::to_vec)
                .unwrap_or(raw),
            None => raw,
        })
    }

    /// The thread of a document.
    pub fn thread(&self, id: &str) -> Result<Vec<ThreadEntry>> {
        let full = self.catalog.resolve_id(id)?;
        thread_of(&self.catalog, &full)
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
        let (total, hits) = self.index.search_page(&*q, opts)?;
        Ok((total, hits.into_iter().map(|h| h.id).collect()))
    }
}

fn add_outcome(r: &mut IngestReport, o: StoreOutcome) {
    r.added += o.added as u64;
    r.duplicates += o.duplicates as u64;
    r.unchanged += o.unchanged as u64;
}

fn unit_label(u: &Unit) -> String {
    if u.offset > 0 || matches!(u.format, ingest::Format::CsvRow | ingest::Format::JsonRow) {
        format!("{} (at byte {})", u.path, u.offset)
    } else {
        u.path.to_string()
    }
}

/// Total size of the files below a directory.
pub fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// A batch after parsing: ready to be stored.
struct Parsed {
    items: Vec<StoreItem>,
    failed: Vec<FailedFile>,
    warnings: Vec<FailedFile>,
    files_done: u64,
    bytes_done: u64,
    docs: u64,
}

/// Hash, recognise already-stored units, parse the others and compress, in parallel.
fn parse_batch(
    catalog: &Catalog,
    batch: Batch,
    opts: &IngestOptions,
    now: chrono::DateTime<chrono::Utc>,
) -> Parsed {
    let mut failed: Vec<FailedFile> = batch
        .failures
        .into_iter()
        .map(|f| FailedFile {
            path: f.path,
            error: f.error,
        })
        .collect();
    type Prepared = std::result::Result<(StoreItem, Option<FailedFile>), FailedFile>;
    let prepared: Vec<Prepared> = batch
        .units
        .into_par_iter()
        .map(|u| {
            let sha = sha256_hex(&u.bytes);
            let key = unit_key(&u, &sha, opts.mapping.as_ref());
            let mut warning = None;
            let docs = match catalog.known_unit(&key) {
                Ok(Some(ids)) => UnitDocs::Known(ids),
                Ok(None) | Err(_) => {
                    let read =
                        ingest::parse_unit(&u, opts.mapping.as_ref()).map_err(|e| FailedFile {
                            path: unit_label(&u),
                            error: e,
                        })?;
                    warning = read.warning.map(|w| FailedFile {
                        path: unit_label(&u),
                        error: w,
                    });
                    let mut out = Vec::with_capacity(read.docs.len());
                    for mut d in read.docs {
                        d.collection = opts.collection.clone();
                        let rec = Catalog::encode(&d).map_err(|e| FailedFile {
                            path: unit_label(&u),
                            error: e.to_string(),
                        })?;
                        let sig = crate::renditions::signature(&d);
                        out.push((d, rec, sig));
                    }
                    UnitDocs::New(out)
                }
            };
            let raw_z = match &docs {
                UnitDocs::New(_) => crate::store::codec::compress(&u.bytes),
                UnitDocs::Known(_) => Vec::new(),
            };
            let item = StoreItem {
                provenance: Provenance {
                    path: u.path.to_string(),
                    offset: u.offset,
                    length: u.bytes.len() as u64,
                    collection: opts.collection.clone(),
                    ingested_at: now,
                    sha256: sha.clone(),
                },
                sha256: sha,
                unit_key: key,
                raw_z,
                docs,
            };
            Ok((item, warning))
        })
        .collect();
    let mut items = Vec::with_capacity(prepared.len());
    let mut warnings = Vec::new();
    let mut docs = 0;
    for p in prepared {
        match p {
            Ok((i, w)) => {
                docs += i.docs.len() as u64;
                items.push(i);
                warnings.extend(w);
            }
            Err(f) => failed.push(f),
        }
    }
    Parsed {
        items,
        failed,
        warnings,
        files_done: batch.files_done,
        bytes_done: batch.bytes_done,
        docs,
    }
}

struct Batch {
    units: Vec<Unit>,
    failures: Vec<Failure>,
    files_done: u64,
    bytes_done: u64,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            units: Vec::new(),
            failures: Vec::new(),
            files_done: 0,
            bytes_done: 0,
        }
    }
}

/// The identity of a unit in the catalog: its bytes' hash, and for a table row
/// also the mapping it is read through (a corrected `--map` reads it again).
fn unit_key(u: &ingest::Unit, sha: &str, mapping: Option<&ingest::Mapping>) -> String {
    match (&u.columns, mapping.map(ingest::table::identity_part)) {
        (Some(_), Some(part)) if !part.is_empty() => format!("{sha}:{part}"),
        _ => sha.to_string(),
    }
}

/// Reads files and cuts them into units, in batches (runs on its own thread).
fn produce(
    files: Vec<InputFile>,
    mapping: Option<&Mapping>,
    tx: std::sync::mpsc::SyncSender<Batch>,
) {
    let mut batch = Batch::new();
    let mut batch_bytes = 0usize;
    for f in files {
        let mut send_err = false;
        // a mapping that names a column the table lacks fails the file once
        let mut bad_mapping: Option<String> = None;
        let res = walk::units_of(&f, &mut |u| {
            if bad_mapping.is_some() {
                return;
            }
            if let (Some(m), Some(cols), ingest::Format::CsvRow) = (mapping, &u.columns, u.format)
                && let Some(missing) = m.columns.values().find(|c| !cols.contains(c))
            {
                bad_mapping = Some(format!(
                    "the mapping names the column {missing:?}, which this table does not have (its columns: {})",
                    cols.join(", ")
                ));
                return;
            }
            batch_bytes += u.bytes.len();
            batch.units.push(u);
            if batch.units.len() >= BATCH_UNITS || batch_bytes >= BATCH_BYTES {
                let full = std::mem::replace(&mut batch, Batch::new());
                batch_bytes = 0;
                if tx.send(full).is_err() {
                    send_err = true;
                }
            }
        });
        if send_err {
            return;
        }
        let res = match bad_mapping {
            Some(e) => Err(e),
            None => res,
        };
        match res {
            Ok(skipped) => batch.failures.extend(skipped.into_iter().map(|s| Failure {
                path: format!("{}@{}", f.path.display(), s.offset),
                error: s.error,
            })),
            Err(e) => batch.failures.push(Failure {
                path: f.path.display().to_string(),
                error: e,
            }),
        }
        batch.files_done += 1;
        batch.bytes_done += f.size;
    }
    let _ = tx.send(batch);
}
