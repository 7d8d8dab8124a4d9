//! The index directory as a reader opens it: tantivy's memory-mapped directory,
//! except that the lock a reader takes while it opens segments (so that a
//! writer's clean-up cannot delete them under it) is skipped where the medium
//! cannot be written — a read-only mount or copy, on which no writer can run
//! and the lock file cannot be created.

use std::io;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// A memory-mapped index directory that also opens on read-only media.
#[derive(Clone, Debug)]
pub(crate) struct ReaderDir(MmapDirectory);

impl ReaderDir {
    /// Open an existing index directory.
    pub(crate) fn open(dir: &Path) -> Result<ReaderDir, OpenDirectoryError> {
        MmapDirectory::open(dir).map(ReaderDir)
    }
}

/// Whether an error says the medium cannot be written.
fn unwritable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

impl Directory for ReaderDir {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            // nothing can write here, so nothing can delete a segment being opened
            Err(LockError::IoError(e)) if unwritable(&e) => Ok(DirectoryLock::from(Box::new(()))),
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
