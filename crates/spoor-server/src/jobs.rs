//! Ingest as jobs. `POST /api/v1/jobs` takes files uploaded as
//! `multipart/form-data` (field `collection`, then one or more `file` parts),
//! or, as JSON `{"path", "collection"}`, a path on the server under a root the
//! administrator allowed (`spoor serve --ingest-root DIR`); it answers
//! `202 Accepted` with the job. `GET /api/v1/jobs` lists the jobs of the
//! collections the caller reads, `GET /api/v1/jobs/{id}` shows one (progress,
//! per-file errors, the report), `DELETE /api/v1/jobs/{id}` cancels it: it
//! stops before its next batch and keeps what it committed.
//!
//! The archive has one writer: jobs run one after another on a thread of
//! their own, each opening the archive for writing; searches go on meanwhile
//! (readers never wait) and see each job's documents when it ends.

use serde::Serialize;
use spoor::{Archive, FailedFile, IngestOptions, IngestReport, Progress};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// Jobs kept for listing (the oldest finished ones are forgotten first).
const KEPT: usize = 200;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for the job before it.
    Queued,
    /// Reading files.
    Running,
    /// Finished (some files may have failed: see the report).
    Done,
    /// Stopped on request; what it committed stays.
    Cancelled,
    /// Stopped by an error of the archive.
    Failed,
}

/// One ingest job.
pub struct Job {
    /// Its id.
    pub id: u64,
    /// Who asked (a user name, or `local`).
    pub by: String,
    /// The collection its documents go to.
    pub collection: String,
    paths: Vec<PathBuf>,
    cancel: AtomicBool,
    files: AtomicU64,
    bytes: AtomicU64,
    files_done: AtomicU64,
    bytes_done: AtomicU64,
    committed: AtomicU64,
    end: Mutex<(JobState, Option<IngestReport>, Option<String>)>,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// A job as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct JobView {
    /// Its id.
    pub id: u64,
    /// Where it is.
    pub state: JobState,
    /// Who asked.
    pub by: String,
    /// The collection its documents go to.
    pub collection: String,
    /// When it was asked for.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Files found, and read so far.
    pub files: u64,
    /// Files read so far.
    pub files_done: u64,
    /// Bytes to read, and read so far.
    pub bytes: u64,
    /// Bytes read so far.
    pub bytes_done: u64,
    /// Documents committed so far (new, duplicate and already present).
    pub committed: u64,
    /// Files that could not be read (once the job has ended).
    pub failed: Vec<FailedFile>,
    /// The ingest's report (once the job has ended).
    pub report: Option<IngestReport>,
    /// Why the job failed, when it did.
    pub error: Option<String>,
}

impl Job {
    /// The job as the API shows it.
    pub fn view(&self) -> JobView {
        let (state, report, error) = self.end.lock().map(|g| g.clone()).unwrap_or((
            JobState::Failed,
            None,
            Some("job state lost".into()),
        ));
        JobView {
            id: self.id,
            state,
            by: self.by.clone(),
            collection: self.collection.clone(),
            created_at: self.created_at,
            files: self.files.load(Ordering::Relaxed),
            files_done: self.files_done.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            bytes_done: self.bytes_done.load(Ordering::Relaxed),
            committed: self.committed.load(Ordering::Relaxed),
            failed: report
                .as_ref()
                .map(|r| r.failed.clone())
                .unwrap_or_default(),
            report,
            error,
        }
    }

    fn set(&self, state: JobState, report: Option<IngestReport>, error: Option<String>) {
        if let Ok(mut g) = self.end.lock() {
            *g = (state, report, error);
        }
    }

    fn state(&self) -> JobState {
        self.end.lock().map(|g| g.0).unwrap_or(JobState::Failed)
    }
}

impl Progress for Job {
    fn start(&self, files: u64, bytes: u64) {
        self.files.store(files, Ordering::Relaxed);
        self.bytes.store(bytes, Ordering::Relaxed);
    }
    fn update(&self, files: u64, bytes: u64, _documents: u64) {
        self.files_done.store(files, Ordering::Relaxed);
        self.bytes_done.store(bytes, Ordering::Relaxed);
    }
    fn committed(&self, total: u64) {
        self.committed.store(total, Ordering::Relaxed);
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// The jobs of one server: a queue and the thread that works through it.
pub struct Jobs {
    dir: PathBuf,
    roots: Vec<PathBuf>,
    list: Mutex<Vec<Arc<Job>>>,
    next: AtomicU64,
    queue: Mutex<Sender<Arc<Job>>>,
}

impl Jobs {
    /// Start the worker for the archive in `dir`; `reader` is the server's
    /// open archive, refreshed after each job; `roots` are the server-side
    /// folders paths may be ingested from (none: uploads only).
    pub fn start(dir: &Path, reader: Arc<Archive>, roots: Vec<PathBuf>) -> Arc<Jobs> {
        let (tx, rx) = channel();
        let dir = dir.to_path_buf();
        let worker_dir = dir.clone();
        std::thread::Builder::new()
            .name("spoor-ingest-jobs".into())
            .spawn(move || work(&worker_dir, &reader, rx))
            .ok();
        let roots = roots
            .into_iter()
            .filter_map(|r| std::fs::canonicalize(r).ok())
            .collect();
        Arc::new(Jobs {
            dir,
            roots,
            list: Mutex::new(Vec::new()),
            next: AtomicU64::new(1),
            queue: Mutex::new(tx),
        })
    }

    /// The folder uploads of job `id` are kept in (inside the archive: the
    /// provenance of their documents points there).
    pub fn upload_dir(&self, id: u64) -> PathBuf {
        self.dir.join("uploads").join(format!("job-{id:06}"))
    }

    /// A server-side path, if it lies under an allowed root.
    pub fn allowed_path(&self, path: &str) -> Option<PathBuf> {
        let p = std::fs::canonicalize(path).ok()?;
        self.roots.iter().any(|r| p.starts_with(r)).then_some(p)
    }

    /// The server-side folders paths may be ingested from (none: uploads only).
    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots.clone()
    }

    /// The id the next job will have.
    pub fn reserve_id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    /// Queue a job; returns its view.
    pub fn submit(&self, id: u64, by: &str, collection: &str, paths: Vec<PathBuf>) -> JobView {
        let job = Arc::new(Job {
            id,
            by: by.to_string(),
            collection: collection.to_string(),
            paths,
            cancel: AtomicBool::new(false),
            files: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            files_done: AtomicU64::new(0),
            bytes_done: AtomicU64::new(0),
            committed: AtomicU64::new(0),
            end: Mutex::new((JobState::Queued, None, None)),
            created_at: chrono::Utc::now(),
        });
        let view = job.view();
        if let Ok(mut list) = self.list.lock() {
            list.push(job.clone());
            forget_old(&mut list);
        }
        let sent = self.queue.lock().map(|q| q.send(job.clone()).is_ok());
        if !matches!(sent, Ok(true)) {
            job.set(
                JobState::Failed,
                None,
                Some("the ingest worker is gone".into()),
            );
        }
        view
    }

    /// Every job whose collection `readable` allows, newest first.
    pub fn list(&self, allows: impl Fn(&str) -> bool) -> Vec<JobView> {
        let list = self.list.lock().map(|l| l.clone()).unwrap_or_default();
        list.iter()
            .rev()
            .filter(|j| allows(&j.collection))
            .map(|j| j.view())
            .collect()
    }

    /// One job, if there is one with this id.
    pub fn get(&self, id: u64) -> Option<Arc<Job>> {
        let list = self.list.lock().ok()?;
        list.iter().find(|j| j.id == id).cloned()
    }

    /// Ask a job to stop; returns its view.
    pub fn cancel(&self, job: &Job) -> JobView {
        job.cancel.store(true, Ordering::Relaxed);
        job.view()
    }
}

fn forget_old(list: &mut Vec<Arc<Job>>) {
    while list.len() > KEPT {
        let Some(i) = list
            .iter()
            .position(|j| !matches!(j.state(), JobState::Queued | JobState::Running))
        else {
            return;
        };
        list.remove(i);
    }
}

/// The worker: one job at a time, each with the archive opened for writing.
fn work(dir: &Path, reader: &Archive, rx: Receiver<Arc<Job>>) {
    for job in rx {
        if job.cancel.load(Ordering::Relaxed) {
            job.set(JobState::Cancelled, None, None);
            continue;
        }
        job.set(JobState::Running, None, None);
        let opts = IngestOptions {
            collection: job.collection.clone(),
            ..Default::default()
        };
        let result = Archive::open(dir).and_then(|mut a| {
            let r = a.ingest(&job.paths, &opts, job.as_ref());
            a.close()?;
            r
        });
        match result {
            Ok(report) if job.cancel.load(Ordering::Relaxed) => {
                job.set(JobState::Cancelled, Some(report), None)
            }
            Ok(report) => job.set(JobState::Done, Some(report), None),
            Err(e) => job.set(JobState::Failed, None, Some(e.to_string())),
        }
        // the server's searches see the new documents from now on
        let _ = reader.refresh();
    }
}
