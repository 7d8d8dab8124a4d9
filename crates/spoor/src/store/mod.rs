//! The catalog: an embedded, crash-safe `redb` database that is the truth of an
//! archive. It holds every document (metadata and text), every original
//! (zstd-compressed, keyed by SHA-256), the provenance of each document, the
//! insertion order (for reconciling the derived index after a crash), message-id
//! links for threading, and the alias table.
//!
//! Each ingest batch is one write transaction: after a kill, a batch is either
//! wholly in the catalog or not at all.

pub mod blobs;
pub mod codec;

use crate::error::{CatalogError, Error, Result};
use crate::model::{Document, Provenance};
use crate::renditions::{self, Signature};
use blobs::{BlobRef, Blobs};
use redb::{
    Builder, ConcurrencyMode, Database, MultimapTableDefinition, ReadOnlyDatabase, ReadTransaction,
    ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const DOCS: TableDefinition<&str, &[u8]> = TableDefinition::new("docs");
const PROV: TableDefinition<&str, &[u8]> = TableDefinition::new("provenance");
const RAW: TableDefinition<&str, &[u8]> = TableDefinition::new("raw");
const UNITS: TableDefinition<&str, &[u8]> = TableDefinition::new("units");
const SEQ: TableDefinition<u64, &str> = TableDefinition::new("seq");
const MSGID: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("message_id");
const REFBY: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("referenced_by");
const SUBJ: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("subject");
const ALIASES: TableDefinition<&str, &str> = TableDefinition::new("aliases");
/// MinHash signature of each document long enough to have renditions.
const SIGS: TableDefinition<&str, &[u8]> = TableDefinition::new("signatures");
/// Band key of a signature → documents (the candidate table of [`crate::renditions`]).
const BANDS: MultimapTableDefinition<u64, &str> = MultimapTableDefinition::new("bands");
/// Member of a family → the family's key (for members that joined another's family).
const FAMILY: TableDefinition<&str, &str> = TableDefinition::new("family");
/// Family key → its members (written once a family has two).
const MEMBERS: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("family_members");
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// Page cache of the catalog (redb's default of 1 GiB is more than an ingest needs).
const CACHE_BYTES: usize = 128 << 20;
/// Page cache of a reader (a search or a check reads a few thousand records).
const READER_CACHE_BYTES: usize = 32 << 20;

/// How processes share a catalog: one writer (an ingest, an alias import, a
/// reindex) and any number of readers at the same time, each reader seeing the
/// writer's commits as they land. redb enforces it with byte-range locks, so a
/// second writer is refused while readers never wait.
const SHARING: ConcurrencyMode = ConcurrencyMode::SingleWriter;

enum Db {
    Rw(Database),
    Ro(ReadOnlyDatabase),
}

/// The catalog of an archive.
pub struct Catalog {
    db: Db,
    db_path: std::path::PathBuf,
    blobs: Blobs,
}

/// What happened to one unit of input when it was stored.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StoreOutcome {
    /// New documents.
    pub added: usize,
    /// Documents already in the archive from another file or offset (provenance added).
    pub duplicates: usize,
    /// Documents already in the archive from this very file and offset.
    pub unchanged: usize,
}

/// A document read now, with its compressed record and its MinHash signature
/// (when it is long enough to have renditions).
pub type Encoded = (Document, Vec<u8>, Option<crate::renditions::Signature>);

/// What storing a batch gives back: an outcome per unit, and the new documents with their sequence numbers.
pub type BatchResult = (Vec<StoreOutcome>, Vec<(u64, Document)>);

/// The documents of a unit: newly read (each with its compressed record), or
/// already in the catalog (ids only).
pub enum UnitDocs {
    /// Read now.
    New(Vec<Encoded>),
    /// Already stored under these ids.
    Known(Vec<String>),
}

impl UnitDocs {
    /// Number of documents.
    pub fn len(&self) -> usize {
        match self {
            UnitDocs::New(v) => v.len(),
            UnitDocs::Known(v) => v.len(),
        }
    }
}

/// A unit ready to be stored: the original bytes, its provenance, its documents.
pub struct StoreItem {
    /// SHA-256 of the original.
    pub sha256: String,
    /// What the catalog knows the unit by: the SHA-256, and for a table row the
    /// mapping it was read through.
    pub unit_key: String,
    /// The original bytes, compressed with [`codec::compress`] (stored if not there yet).
    pub raw_z: Vec<u8>,
    /// Where it came from.
    pub provenance: Provenance,
    /// The documents read from it.
    pub docs: UnitDocs,
}

/// Candidates looked at per band of a new document (bounds the work when a text
/// recurs very often, such as a newsletter's boilerplate).
const CANDIDATES_PER_BAND: usize = 32;

/// The family a new document with signature `sig` belongs to: the family of
/// the most similar stored document, if one reaches [`renditions::SIMILAR`].
fn family_of(
    family: &impl ReadableTable<&'static str, &'static str>,
    sigs: &impl ReadableTable<&'static str, &'static [u8]>,
    bands: &impl redb::ReadableMultimapTable<u64, &'static str>,
    keys: &[u64],
    sig: &Signature,
) -> Result<Option<String>> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut best: Option<(f32, String)> = None;
    for k in keys {
        for v in bands.get(*k)?.take(CANDIDATES_PER_BAND) {
            let cand = v?.value().to_string();
            if !seen.insert(cand.clone()) {
                continue;
            }
            let Some(s) = sigs.get(cand.as_str())? else {
                continue;
            };
            let sim = renditions::similarity(sig, &renditions::decode(s.value()));
            if sim >= renditions::SIMILAR && best.as_ref().is_none_or(|(b, _)| sim > *b) {
                best = Some((sim, cand));
            }
        }
    }
    let Some((_, cand)) = best else {
        return Ok(None);
    };
    let key = match family.get(cand.as_str())? {
        Some(k) => k.value().to_string(),
        None => cand,
    };
    Ok(Some(key))
}

/// What `verify` found.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Verification {
    /// Originals read.
    pub originals: u64,
    /// Document records read.
    pub documents: u64,
    /// Damaged originals: content id and what is wrong.
    pub damaged_originals: Vec<(String, String)>,
    /// Damaged documents: id and what is wrong.
    pub damaged: Vec<(String, String)>,
    /// Documents in the search index (filled in by the archive).
    pub indexed: u64,
}

/// The first 12 characters of a content id, for messages.
fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// Subject without reply/forward prefixes, lower case: the key of the subject fallback for threads.
pub fn thread_subject(s: &str) -> String {
    let mut t = s.trim();
    loop {
        let l = t.to_ascii_lowercase();
        let mut cut = None;
        for p in [
            "re:", "fw:", "fwd:", "aw:", "wg:", "tr:", "rv:", "sv:", "antw:",
        ] {
            if l.starts_with(p) {
                cut = Some(p.len());
                break;
            }
        }
        match cut {
            Some(n) => t = t[n..].trim_start(),
            None => break,
        }
    }
    t.to_lowercase()
}

/// The error of a catalog on which redb met a page it cannot read.
fn damaged(path: &Path) -> Error {
    Error::catalog(format!(
        "{} is damaged: a page of it cannot be read. Run `spoor verify` to see what is lost; restore catalog.redb from a backup, or ingest the sources into a new archive",
        path.display()
    ))
}

impl Catalog {
    /// Open (creating if needed) for writing, in an archive directory.
    pub fn open_rw(dir: &Path) -> Result<Catalog> {
        let path = &dir.join("catalog.redb");
        let opened = crate::guard::guarded(|| {
            Database::builder()
                .set_cache_size(CACHE_BYTES)
                .set_concurrency_mode(SHARING)
                .create(path)
        })
        .ok_or_else(|| damaged(path))?;
        let db = opened.map_err(|e| match e {
                redb::DatabaseError::DatabaseAlreadyOpen => Error::catalog(format!(
                    "{} is being written by another spoor process (an ingest still running?); one writer at a time, readers may go on",
                    path.display()
                )),
                redb::DatabaseError::Storage(redb::StorageError::Io(e))
                    if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem =>
                {
                    Error::catalog(format!(
                        "{} is on a read-only medium: it can be searched, shown and checked, not written",
                        path.display()
                    ))
                }
                other => Error::Catalog(CatalogError::Open {
                    path: path.clone(),
                    error: other,
                }),
            })?;
        let catalog = Catalog {
            db: Db::Rw(db),
            db_path: path.clone(),
            blobs: Blobs::open(&dir.join("blobs"))?,
        };
        catalog.guard(|| catalog.create_tables())?;
        catalog.guard(|| catalog.check_blobs(dir))?;
        Ok(catalog)
    }

    /// Create the tables a new catalog lacks.
    fn create_tables(&self) -> Result<()> {
        let db = self.rw()?;
        let txn = db.begin_write()?;
        {
            txn.open_table(DOCS)?;
            txn.open_table(PROV)?;
            txn.open_table(RAW)?;
            txn.open_table(UNITS)?;
            txn.open_table(SEQ)?;
            txn.open_multimap_table(MSGID)?;
            txn.open_multimap_table(REFBY)?;
            txn.open_multimap_table(SUBJ)?;
            txn.open_table(ALIASES)?;
            txn.open_table(META)?;
            txn.open_table(SIGS)?;
            txn.open_multimap_table(BANDS)?;
            txn.open_multimap_table(MEMBERS)?;
            txn.open_table(FAMILY)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Refuse to write into an archive whose blob files end before the last
    /// blob the catalog committed (a blob file deleted, truncated or replaced):
    /// new documents would be written beside records that point into nothing.
    fn check_blobs(&self, dir: &Path) -> Result<()> {
        let r = self.read()?;
        let meta = r.open_table(META)?;
        let (Some(file), Some(end)) = (meta.get("blob_file")?, meta.get("blob_end")?) else {
            return Ok(());
        };
        let (file, end) = (file.value(), end.value());
        for no in 1..=file {
            let p = dir.join("blobs").join(format!("blobs-{no:06}.log"));
            let len = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            let need = if no == file { end } else { 1 };
            if len < need {
                return Err(crate::Error::catalog(format!(
                    "{} holds {len} bytes but the catalog points up to byte {need} of it: the archive is damaged, and nothing is written into it. Run `spoor verify` to see which documents are lost; restore the blob files from a backup, or ingest the sources into a new archive",
                    p.display()
                )));
            }
        }
        Ok(())
    }

    /// Give back the space freed by earlier transactions (after a large ingest).
    /// Returns false when it was put off because a reader is reading (the space
    /// is reused by later writes all the same; `spoor compact` gives it back).
    pub fn compact(&mut self) -> Result<bool> {
        if let Db::Rw(db) = &mut self.db {
            return match db.compact() {
                Ok(_) => Ok(true),
                Err(redb::CompactionError::TransactionInProgress) => Ok(false),
                Err(e) => Err(e.into()),
            };
        }
        Ok(false)
    }

    /// The compressed record of a document, as stored.
    pub fn encode(d: &Document) -> Result<Vec<u8>> {
        Ok(codec::compress(&serde_json::to_vec(d)?))
    }

    /// Open for reading only: beside a running writer (seeing what it has
    /// committed so far), and on a read-only copy or mount (the file is opened
    /// without write access).
    pub fn open_ro(dir: &Path) -> Result<Catalog> {
        let path = &dir.join("catalog.redb");
        let opened = crate::guard::guarded(|| {
            Builder::new()
                .set_cache_size(READER_CACHE_BYTES)
                .set_concurrency_mode(SHARING)
                .open_read_only(path)
        })
        .ok_or_else(|| damaged(path))?;
        let db = opened.map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => Error::catalog(format!(
                "{} is held by an older spoor process that excludes readers",
                path.display()
            )),
            other => Error::Catalog(CatalogError::Open {
                path: path.clone(),
                error: other,
            }),
        })?;
        Ok(Catalog {
            db: Db::Ro(db),
            db_path: path.clone(),
            blobs: Blobs::open(&dir.join("blobs"))?,
        })
    }

    fn read(&self) -> Result<ReadTransaction> {
        Ok(match &self.db {
            Db::Rw(d) => d.begin_read()?,
            Db::Ro(d) => d.begin_read()?,
        })
    }

    /// Run a read or a write of the catalog so that redb's panic on a damaged
    /// page becomes an error naming the catalog and what to do.
    fn guard<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        crate::guard::guarded(f).unwrap_or_else(|| Err(damaged(&self.db_path)))
    }

    fn rw(&self) -> Result<&Database> {
        match &self.db {
            Db::Rw(d) => Ok(d),
            Db::Ro(_) => Err(Error::catalog("the archive was opened read-only")),
        }
    }

    /// For each unit hash, whether the catalog has it already and the ids read from it.
    pub fn known_unit(&self, sha: &str) -> Result<Option<Vec<String>>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(UNITS)?;
            Ok(match t.get(sha)? {
                Some(v) => Some(serde_json::from_slice(v.value())?),
                None => None,
            })
        })
    }

    /// Store a batch of units in one transaction. Returns per-item outcomes and the
    /// new documents with their sequence numbers, in order.
    ///
    /// Blobs (originals, records, provenance lists) are appended and synced first;
    /// the transaction that points at them commits last.
    pub fn store_batch(&self, items: Vec<StoreItem>) -> Result<BatchResult> {
        self.guard(|| {
            let db = self.rw()?;
            let txn = db.begin_write()?;
            let mut outcomes = Vec::with_capacity(items.len());
            let mut new_docs = Vec::new();
            {
                let mut docs = txn.open_table(DOCS)?;
                let mut prov = txn.open_table(PROV)?;
                let mut raw = txn.open_table(RAW)?;
                let mut units = txn.open_table(UNITS)?;
                let mut seq = txn.open_table(SEQ)?;
                let mut msgid = txn.open_multimap_table(MSGID)?;
                let mut refby = txn.open_multimap_table(REFBY)?;
                let mut subj = txn.open_multimap_table(SUBJ)?;
                let mut meta = txn.open_table(META)?;
                let mut next = meta.get("next_seq")?.map(|v| v.value()).unwrap_or(1);

                // pass 1: decide what is new, queue blobs
                let mut pending: Vec<Vec<u8>> = Vec::new();
                let mut raw_queue: Vec<(String, usize)> = Vec::new();
                let mut raw_seen: HashSet<String> = HashSet::new();
                let mut doc_queue: Vec<(u64, Document, usize, Option<Signature>)> = Vec::new();
                let mut doc_seen: HashSet<String> = HashSet::new();
                let mut provs: HashMap<String, (Vec<Provenance>, bool)> = HashMap::new();
                let mut prov_order: Vec<String> = Vec::new();
                for item in items {
                    let mut out = StoreOutcome::default();
                    if !item.raw_z.is_empty()
                        && !raw_seen.contains(&item.sha256)
                        && raw.get(item.sha256.as_str())?.is_none()
                    {
                        raw_seen.insert(item.sha256.clone());
                        pending.push(item.raw_z);
                        raw_queue.push((item.sha256.clone(), pending.len() - 1));
                    }
                    let (fresh, known) = match item.docs {
                        UnitDocs::New(v) => (v, Vec::new()),
                        UnitDocs::Known(ids) => (Vec::new(), ids),
                    };
                    if known.is_empty() {
                        let ids: Vec<&str> = fresh.iter().map(|(d, _, _)| d.id.as_str()).collect();
                        units
                            .insert(item.unit_key.as_str(), serde_json::to_vec(&ids)?.as_slice())?;
                    }
                    let mut ids_here: Vec<(String, Option<Encoded>)> =
                        known.into_iter().map(|id| (id, None)).collect();
                    ids_here.extend(fresh.into_iter().map(|e| (e.0.id.clone(), Some(e))));
                    for (id, fresh_doc) in ids_here {
                        if !provs.contains_key(&id) {
                            let list: Vec<Provenance> = match prov.get(id.as_str())? {
                                Some(v) => {
                                    let bytes = self.blobs.read(BlobRef::decode(v.value())?)?;
                                    serde_json::from_slice(&codec::decompress(&bytes)?)?
                                }
                                None => Vec::new(),
                            };
                            provs.insert(id.clone(), (list, false));
                            prov_order.push(id.clone());
                        }
                        let (list, changed) = provs
                            .get_mut(&id)
                            .ok_or_else(|| Error::catalog("provenance lost"))?;
                        let same_place = list.iter().any(|p| {
                            p.path == item.provenance.path && p.offset == item.provenance.offset
                        });
                        if !same_place {
                            list.push(item.provenance.clone());
                            *changed = true;
                        }
                        let exists = doc_seen.contains(&id) || docs.get(id.as_str())?.is_some();
                        match fresh_doc {
                            Some((d, record, sig)) if !exists => {
                                pending.push(record);
                                doc_seen.insert(id.clone());
                                doc_queue.push((next, d, pending.len() - 1, sig));
                                next += 1;
                                out.added += 1;
                            }
                            _ if same_place => out.unchanged += 1,
                            _ => out.duplicates += 1,
                        }
                    }
                    outcomes.push(out);
                }
                let mut prov_queue: Vec<(String, usize)> = Vec::new();
                for id in prov_order {
                    if let Some((list, true)) = provs.get(&id) {
                        pending.push(codec::compress(&serde_json::to_vec(list)?));
                        prov_queue.push((id, pending.len() - 1));
                    }
                }
                // families of renditions: a new document joins the family of the most
                // similar earlier one (its record then says so)
                let mut sigs = txn.open_table(SIGS)?;
                let mut bands = txn.open_multimap_table(BANDS)?;
                let mut members = txn.open_multimap_table(MEMBERS)?;
                let mut family = txn.open_table(FAMILY)?;
                for (_, d, i, sig) in &mut doc_queue {
                    let Some(sig) = sig else { continue };
                    let keys = renditions::band_keys(sig);
                    if let Some(found) = family_of(&family, &sigs, &bands, &keys, sig)? {
                        family.insert(d.id.as_str(), found.as_str())?;
                        members.insert(found.as_str(), found.as_str())?;
                        members.insert(found.as_str(), d.id.as_str())?;
                        d.family = Some(found);
                        pending[*i] = Catalog::encode(d)?;
                    }
                    sigs.insert(d.id.as_str(), renditions::encode(sig).as_slice())?;
                    for k in keys {
                        bands.insert(k, d.id.as_str())?;
                    }
                }
                // pass 2: write and sync the blobs
                let refs = {
                    let slices: Vec<&[u8]> = pending.iter().map(Vec::as_slice).collect();
                    self.blobs.append(&slices)?
                };
                self.blobs.sync()?;
                // pass 3: point at them
                for (sha, i) in raw_queue {
                    raw.insert(sha.as_str(), refs[i].encode().as_slice())?;
                }
                for (id, i) in prov_queue {
                    prov.insert(id.as_str(), refs[i].encode().as_slice())?;
                }
                for (n, d, i, _) in doc_queue {
                    docs.insert(d.id.as_str(), refs[i].encode().as_slice())?;
                    seq.insert(n, d.id.as_str())?;
                    if let Some(m) = &d.message_id {
                        msgid.insert(m.as_str(), d.id.as_str())?;
                    }
                    for r in d.in_reply_to.iter().chain(d.references.iter()) {
                        refby.insert(r.as_str(), d.id.as_str())?;
                    }
                    if let Some(s) = &d.subject {
                        let k = thread_subject(s);
                        if !k.is_empty() && k.len() < 512 {
                            subj.insert(k.as_str(), d.id.as_str())?;
                        }
                    }
                    new_docs.push((n, d));
                }
                meta.insert("next_seq", next)?;
                // where the committed blobs end: a writer checks the blob files against it
                if let Some(last) = refs.iter().max_by_key(|r| (r.file, r.offset)) {
                    meta.insert("blob_file", u64::from(last.file))?;
                    meta.insert("blob_end", last.offset + u64::from(last.len))?;
                }
            }
            txn.commit()?;
            Ok((outcomes, new_docs))
        })
    }

    /// Members of a family (empty for a document alone).
    pub fn family_members(&self, key: &str) -> Result<Vec<String>> {
        self.multimap(MEMBERS, key)
    }

    /// The documents read from the file with this hash, in file order.
    pub fn unit_ids(&self, sha: &str) -> Result<Vec<String>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(UNITS)?;
            Ok(match t.get(sha)? {
                Some(v) => serde_json::from_slice(v.value())?,
                None => Vec::new(),
            })
        })
    }

    fn doc_at(&self, ptr: &[u8]) -> Result<Document> {
        let bytes = self.blobs.read(BlobRef::decode(ptr)?)?;
        Ok(serde_json::from_slice(&codec::decompress(&bytes)?)?)
    }

    /// One document.
    pub fn get(&self, id: &str) -> Result<Option<Document>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(DOCS)?;
            match t.get(id)? {
                Some(v) => Ok(Some(self.doc_at(v.value())?)),
                None => Ok(None),
            }
        })
    }

    /// Find a document by a unique id prefix (at least 6 hex digits).
    pub fn resolve_id(&self, prefix: &str) -> Result<String> {
        self.guard(|| {
            let p = prefix.trim().to_ascii_lowercase();
            if p.len() >= 6 {
                let r = self.read()?;
                let t = r.open_table(DOCS)?;
                let mut found = Vec::new();
                for e in t.range(p.as_str()..)? {
                    let (k, _) = e?;
                    let k = k.value().to_string();
                    if !k.starts_with(&p) {
                        break;
                    }
                    found.push(k);
                    if found.len() > 1 {
                        return Err(Error::Usage(format!(
                            "id prefix {prefix} is ambiguous; give more digits"
                        )));
                    }
                }
                if let Some(k) = found.pop() {
                    return Ok(k);
                }
            }
            Err(Error::NotFound(prefix.to_string()))
        })
    }

    /// Up to `max` full ids starting with `prefix` (of at least 6 characters;
    /// none for a shorter one), in order.
    pub fn ids_with_prefix(&self, prefix: &str, max: usize) -> Result<Vec<String>> {
        self.guard(|| {
            let p = prefix.trim().to_ascii_lowercase();
            let mut found = Vec::new();
            if p.len() < 6 {
                return Ok(found);
            }
            let r = self.read()?;
            let t = r.open_table(DOCS)?;
            for e in t.range(p.as_str()..)? {
                let (k, _) = e?;
                let k = k.value().to_string();
                if !k.starts_with(&p) || found.len() >= max {
                    break;
                }
                found.push(k);
            }
            Ok(found)
        })
    }

    /// Provenance of a document.
    pub fn provenance(&self, id: &str) -> Result<Vec<Provenance>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(PROV)?;
            Ok(match t.get(id)? {
                Some(v) => {
                    let bytes = self.blobs.read(BlobRef::decode(v.value())?)?;
                    serde_json::from_slice(&codec::decompress(&bytes)?)?
                }
                None => Vec::new(),
            })
        })
    }

    /// The original bytes a document was read from.
    pub fn raw(&self, sha: &str) -> Result<Option<Vec<u8>>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(RAW)?;
            match t.get(sha)? {
                Some(v) => Ok(Some(codec::decompress(
                    &self.blobs.read(BlobRef::decode(v.value())?)?,
                )?)),
                None => Ok(None),
            }
        })
    }

    /// Number of documents.
    pub fn count(&self) -> Result<u64> {
        self.guard(|| {
            let r = self.read()?;
            Ok(r.open_table(DOCS)?.len()?)
        })
    }

    /// Highest sequence number given so far (0 when empty).
    pub fn max_seq(&self) -> Result<u64> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(META)?;
            Ok(t.get("next_seq")?.map(|v| v.value()).unwrap_or(1) - 1)
        })
    }

    /// Visit documents with sequence numbers in `from..` in order, in chunks.
    pub fn for_each_since(
        &self,
        from: u64,
        chunk: usize,
        f: &mut dyn FnMut(Vec<(u64, Document)>) -> Result<()>,
    ) -> Result<()> {
        self.guard(|| {
            let r = self.read()?;
            let seq = r.open_table(SEQ)?;
            let docs = r.open_table(DOCS)?;
            let mut buf = Vec::with_capacity(chunk);
            for e in seq.range(from..)? {
                let (k, id) = e?;
                if let Some(v) = docs.get(id.value())? {
                    buf.push((k.value(), self.doc_at(v.value())?));
                }
                if buf.len() >= chunk {
                    f(std::mem::take(&mut buf))?;
                }
            }
            if !buf.is_empty() {
                f(buf)?;
            }
            Ok(())
        })
    }

    /// Documents with the given Message-ID.
    pub fn by_message_id(&self, mid: &str) -> Result<Vec<String>> {
        self.guard(|| self.multimap(MSGID, mid))
    }

    /// Documents that reply to or reference the given Message-ID.
    pub fn referencing(&self, mid: &str) -> Result<Vec<String>> {
        self.guard(|| self.multimap(REFBY, mid))
    }

    /// Documents whose subject (without Re:/Fwd:) is this one.
    pub fn by_thread_subject(&self, subject: &str) -> Result<Vec<String>> {
        self.guard(|| self.multimap(SUBJ, &thread_subject(subject)))
    }

    fn multimap(&self, def: MultimapTableDefinition<&str, &str>, key: &str) -> Result<Vec<String>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_multimap_table(def)?;
            let mut out = Vec::new();
            for v in t.get(key)? {
                out.push(v?.value().to_string());
            }
            Ok(out)
        })
    }

    /// Add aliases of people, as (alias, canonical name) pairs, in one transaction.
    pub fn add_aliases(&self, pairs: &[(String, String)]) -> Result<()> {
        self.guard(|| {
            let db = self.rw()?;
            let txn = db.begin_write()?;
            {
                let mut t = txn.open_table(ALIASES)?;
                for (alias, canonical) in pairs {
                    t.insert(alias.trim().to_lowercase().as_str(), canonical.trim())?;
                    t.insert(canonical.trim().to_lowercase().as_str(), canonical.trim())?;
                }
            }
            txn.commit()?;
            Ok(())
        })
    }

    /// All (alias, canonical) pairs.
    pub fn aliases(&self) -> Result<Vec<(String, String)>> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(ALIASES)?;
            let mut out = Vec::new();
            for e in t.iter()? {
                let (k, v) = e?;
                out.push((k.value().to_string(), v.value().to_string()));
            }
            Ok(out)
        })
    }

    /// Re-read every original and every document record: an original whose
    /// bytes no longer hash to its content id, or cannot be read, and a record
    /// that cannot be read or whose original is missing or damaged, are reported
    /// (one entry each; the walk goes on past damage).
    pub fn verify(&self, progress: &dyn Fn(u64)) -> Result<Verification> {
        self.guard(|| {
            let r = self.read()?;
            let raw = r.open_table(RAW)?;
            let mut out = Verification::default();
            let mut bad_raw: HashMap<String, String> = HashMap::new();
            for e in raw.iter()? {
                let (k, v) = e?;
                let sha = k.value().to_string();
                out.originals += 1;
                progress(out.originals);
                let bytes = BlobRef::decode(v.value())
                    .and_then(|b| self.blobs.read(b))
                    .and_then(|b| codec::decompress(&b));
                let problem = match bytes {
                    Ok(b) if crate::model::sha256_hex(&b) == sha => continue,
                    Ok(_) => "its bytes no longer match its content id".to_string(),
                    Err(e) => format!("it cannot be read: {e}"),
                };
                bad_raw.insert(sha, problem);
            }
            let docs = r.open_table(DOCS)?;
            for e in docs.iter()? {
                let (k, v) = e?;
                let id = k.value().to_string();
                out.documents += 1;
                let problem = match self.doc_at(v.value()) {
                    Err(e) => Some(format!("its record cannot be read: {e}")),
                    Ok(d) => match bad_raw.get(&d.raw_sha256) {
                        Some(p) => Some(format!("its original {}: {p}", short(&d.raw_sha256))),
                        None if raw.get(d.raw_sha256.as_str())?.is_none() => {
                            Some(format!("its original {} is missing", short(&d.raw_sha256)))
                        }
                        None => None,
                    },
                };
                if let Some(p) = problem {
                    out.damaged.push((id, p));
                }
            }
            out.damaged_originals = bad_raw.into_iter().collect();
            out.damaged_originals.sort();
            Ok(out)
        })
    }

    /// Sizes of stored originals: (count, compressed bytes).
    pub fn raw_stats(&self) -> Result<(u64, u64)> {
        self.guard(|| {
            let r = self.read()?;
            let t = r.open_table(RAW)?;
            let mut n = 0;
            let mut bytes = 0;
            for e in t.iter()? {
                let (_, v) = e?;
                n += 1;
                bytes += BlobRef::decode(v.value())?.len as u64;
            }
            Ok((n, bytes))
        })
    }

    /// Bytes on disk: (database file, blob files).
    pub fn disk_usage(&self) -> (u64, u64) {
        (
            std::fs::metadata(&self.db_path)
                .map(|m| m.len())
                .unwrap_or(0),
            self.blobs.size(),
        )
    }
}
