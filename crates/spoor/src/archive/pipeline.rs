//! The ingest pipeline: files are cut into units on one thread ([`produce`]),
//! parsed, hashed and compressed in parallel ([`parse_batch`]), and stored and
//! indexed on the calling thread, one catalog transaction per batch.

use super::{Archive, FailedFile, IngestOptions, IngestReport, Progress};
use crate::error::Result;
use crate::ingest::walk::{self, Failure, InputFile};
use crate::ingest::{self, Mapping, ReadError, Unit};
use crate::model::{Document, Provenance, sha256_hex};
use crate::store::{Catalog, StoreItem, StoreOutcome, UnitDocs};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

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
    /// Ingest files and directories.
    pub fn ingest(
        &mut self,
        paths: &[PathBuf],
        opts: &IngestOptions,
        progress: &dyn Progress,
    ) -> Result<IngestReport> {
        let (files, walk_failures) = walk::enumerate(paths);
        let report = IngestReport {
            failed: walk_failures.into_iter().map(failed_file).collect(),
            files: files.len() as u64,
            ..Default::default()
        };
        let total_bytes: u64 = files.iter().map(|f| f.size).sum();
        progress.start(files.len() as u64, total_bytes);
        let mut storer = Storer::new(&self.catalog, &mut self.index, report, progress)?;
        let now = chrono::Utc::now();
        let catalog = &self.catalog;
        std::thread::scope(|scope| {
            let (tx, rx) = sync_channel::<Batch>(2);
            let (ptx, prx) = sync_channel::<Parsed>(2);
            let mapping = opts.mapping.clone();
            scope.spawn(move || produce(files, mapping.as_ref(), tx));
            // Parsing, hashing and compressing run on the rayon pool while the
            // calling thread stores and indexes the previous batch.
            scope.spawn(move || {
                for batch in rx {
                    if ptx.send(parse_batch(catalog, batch, opts, now)).is_err() {
                        return;
                    }
                }
            });
            // a cancelled ingest stops taking batches: the producers then find
            // their channels closed and end; what was committed stays
            for parsed in prx {
                if progress.cancelled() {
                    break;
                }
                storer.store(parsed)?;
            }
            Ok::<(), crate::Error>(())
        })?;
        let mut report = storer.finish()?;
        if report.added > 0 {
            self.catalog.compact()?;
        }
        progress.finish();
        report.documents = self.catalog.count()?;
        Ok(report)
    }
}

/// The calling thread's part of an ingest: parsed batches stored in the
/// catalog, their new documents indexed, the index committed now and then.
struct Storer<'a> {
    catalog: &'a Catalog,
    index: &'a mut crate::index::SearchIndex,
    progress: &'a dyn Progress,
    report: IngestReport,
    files_done: u64,
    bytes_done: u64,
    docs_seen: u64,
    since_commit: u64,
    last_seq: u64,
    last_commit: std::time::Instant,
}

impl<'a> Storer<'a> {
    fn new(
        catalog: &'a Catalog,
        index: &'a mut crate::index::SearchIndex,
        report: IngestReport,
        progress: &'a dyn Progress,
    ) -> Result<Storer<'a>> {
        Ok(Storer {
            catalog,
            last_seq: index.indexed_upto()?,
            index,
            progress,
            report,
            files_done: 0,
            bytes_done: 0,
            docs_seen: 0,
            since_commit: 0,
            last_commit: std::time::Instant::now(),
        })
    }

    /// Store one parsed batch and index its new documents.
    fn store(&mut self, parsed: Parsed) -> Result<()> {
        self.files_done += parsed.files_done;
        self.bytes_done += parsed.bytes_done;
        self.docs_seen += parsed.docs;
        self.report.failed.extend(parsed.failed);
        self.report.warnings.extend(parsed.warnings);
        if !parsed.items.is_empty() {
            let (outcomes, new_docs) = self.catalog.store_batch(parsed.items)?;
            for o in outcomes {
                add_outcome(&mut self.report, o);
            }
            let r = &self.report;
            self.progress
                .committed(r.added + r.duplicates + r.unchanged);
            if let Some((s, _)) = new_docs.last() {
                self.last_seq = *s;
            }
            let docs: Vec<Document> = new_docs.into_iter().map(|(_, d)| d).collect();
            self.since_commit += docs.len() as u64;
            self.index.add(&docs, false)?;
            self.commit_when_due()?;
        }
        self.progress
            .update(self.files_done, self.bytes_done, self.docs_seen);
        Ok(())
    }

    /// Commit the index after many documents, or after a while with any.
    fn commit_when_due(&mut self) -> Result<()> {
        if self.since_commit >= INDEX_COMMIT_EVERY
            || (self.since_commit > 0 && self.last_commit.elapsed() >= INDEX_COMMIT_INTERVAL)
        {
            self.index.commit(self.last_seq)?;
            self.since_commit = 0;
            self.last_commit = std::time::Instant::now();
        }
        Ok(())
    }

    /// Commit what the index has not committed yet; the report so far.
    fn finish(self) -> Result<IngestReport> {
        if self.since_commit > 0 {
            self.index.commit(self.last_seq)?;
        }
        Ok(self.report)
    }
}

/// A failure of the walk or the reading, as reported.
fn failed_file(f: Failure) -> FailedFile {
    FailedFile {
        path: f.path,
        error: f.error,
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

/// A batch after parsing: ready to be stored.
struct Parsed {
    items: Vec<StoreItem>,
    failed: Vec<FailedFile>,
    warnings: Vec<FailedFile>,
    files_done: u64,
    bytes_done: u64,
    docs: u64,
}

/// A unit ready to be stored (with the warning its reading gave), or why it failed.
type Prepared = std::result::Result<(StoreItem, Option<FailedFile>), FailedFile>;

/// Hash, recognise already-stored units, parse the others and compress, in parallel.
fn parse_batch(
    catalog: &Catalog,
    batch: Batch,
    opts: &IngestOptions,
    now: chrono::DateTime<chrono::Utc>,
) -> Parsed {
    let mut failed: Vec<FailedFile> = batch.failures.into_iter().map(failed_file).collect();
    let prepared: Vec<Prepared> = batch
        .units
        .into_par_iter()
        .map(|u| prepare(catalog, u, opts, now))
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

/// One unit made ready to store: a unit the catalog already holds is only
/// hashed; another is read into documents and its bytes compressed.
fn prepare(
    catalog: &Catalog,
    u: Unit,
    opts: &IngestOptions,
    now: chrono::DateTime<chrono::Utc>,
) -> Prepared {
    let sha = sha256_hex(&u.bytes);
    let key = unit_key(&u, &sha, opts.mapping.as_ref());
    let mut warning = None;
    let docs = match catalog.known_unit(&key) {
        Ok(Some(ids)) => UnitDocs::Known(ids),
        Ok(None) | Err(_) => {
            let (docs, w) = read_unit(&u, opts)?;
            warning = w;
            UnitDocs::New(docs)
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
}

/// Read a unit into its documents, each encoded for the catalog with its
/// renditions signature, and the warning its reading gave.
fn read_unit(
    u: &Unit,
    opts: &IngestOptions,
) -> std::result::Result<(Vec<crate::store::Encoded>, Option<FailedFile>), FailedFile> {
    let failure = |error: String| FailedFile {
        path: unit_label(u),
        error,
    };
    let read = ingest::parse_unit(u, opts.mapping.as_ref()).map_err(|e| failure(e.to_string()))?;
    let warning = read.warning.map(failure);
    let mut out = Vec::with_capacity(read.docs.len());
    for mut d in read.docs {
        d.collection = opts.collection.clone();
        let rec = Catalog::encode(&d).map_err(|e| failure(e.to_string()))?;
        let sig = crate::renditions::signature(&d);
        out.push((d, rec, sig));
    }
    Ok((out, warning))
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
    let mut out = Batcher {
        batch: Batch::new(),
        bytes: 0,
        tx,
        closed: false,
    };
    for f in files {
        // a mapping that names a column the table lacks fails the file once
        let mut bad_mapping: Option<ReadError> = None;
        let res = walk::units_of(&f, &mut |u| {
            if bad_mapping.is_some() {
                return;
            }
            bad_mapping = missing_column(mapping, &u);
            if bad_mapping.is_none() {
                out.push(u);
            }
        });
        if out.closed {
            return;
        }
        let res = match bad_mapping {
            Some(e) => Err(e),
            None => res,
        };
        let failures = &mut out.batch.failures;
        match res {
            Ok(skipped) => failures.extend(skipped.into_iter().map(|s| Failure {
                path: format!("{}@{}", f.path.display(), s.offset),
                error: s.error,
            })),
            Err(e) => failures.push(Failure {
                path: f.path.display().to_string(),
                error: e.to_string(),
            }),
        }
        out.batch.files_done += 1;
        out.batch.bytes_done += f.size;
    }
    let _ = out.tx.send(out.batch);
}

/// Why a table row cannot be read through the mapping: it names a column the
/// table does not have.
fn missing_column(mapping: Option<&Mapping>, u: &Unit) -> Option<ReadError> {
    if let (Some(m), Some(cols), ingest::Format::CsvRow) = (mapping, &u.columns, u.format)
        && let Some(missing) = m.columns.values().find(|c| !cols.contains(c))
    {
        return Some(ReadError::MissingColumn {
            column: missing.clone(),
            columns: cols.to_vec(),
        });
    }
    None
}

/// Gathers units into batches and sends each full one on.
struct Batcher {
    batch: Batch,
    bytes: usize,
    tx: std::sync::mpsc::SyncSender<Batch>,
    /// The receiving side has gone (the ingest stopped on an error).
    closed: bool,
}

impl Batcher {
    /// Add a unit; send the batch when it is full.
    fn push(&mut self, u: Unit) {
        self.bytes += u.bytes.len();
        self.batch.units.push(u);
        if self.batch.units.len() >= BATCH_UNITS || self.bytes >= BATCH_BYTES {
            let full = std::mem::replace(&mut self.batch, Batch::new());
            self.bytes = 0;
            if self.tx.send(full).is_err() {
                self.closed = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::archive::{Archive, IngestOptions, Progress, Quiet};
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Asks to stop once the first batch has been committed.
    struct StopAfterFirst(AtomicBool);
    impl Progress for StopAfterFirst {
        fn committed(&self, _total: u64) {
            self.0.store(true, Ordering::Relaxed);
        }
        fn cancelled(&self) -> bool {
            self.0.load(Ordering::Relaxed)
        }
    }

    #[test]
    fn a_cancelled_ingest_stops_and_keeps_what_it_committed() {
        let dir = tempfile::tempdir().expect("tmp");
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let paths = vec![
            fixtures.join("mail"),
            fixtures.join("foia"),
            fixtures.join("docs"),
        ];
        let opts = IngestOptions::default();
        let mut a = Archive::open(dir.path()).expect("open");
        let stopped = a
            .ingest(&paths, &opts, &StopAfterFirst(AtomicBool::new(true)))
            .expect("ingest");
        assert_eq!(stopped.added, 0, "cancelled before its first batch");
        let stop = StopAfterFirst(AtomicBool::new(false));
        let first = a.ingest(&paths, &opts, &stop).expect("ingest");
        let all = a.ingest(&paths, &opts, &Quiet).expect("ingest");
        assert!(first.added > 0, "{first:?}");
        assert!(all.documents >= first.documents, "{all:?}");
        a.close().expect("close");
    }
}
