//! Append-only blob files beside the catalog database. Originals and document
//! records are appended here (already compressed) and the catalog keeps a
//! 16-byte pointer to each. Appending keeps the files dense (a B-tree keyed by
//! content hashes would leave its pages half empty) and cheap to write.
//!
//! Crash safety: a batch's blobs are written and synced *before* the catalog
//! transaction that points at them commits. A kill in between leaves only
//! unreferenced bytes at the end of a file, never a pointer to missing data.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Size at which a new blob file is started.
const MAX_FILE: u64 = 1 << 30;

/// Where a blob is: file number, offset, length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlobRef {
    /// File number.
    pub file: u32,
    /// Offset in the file.
    pub offset: u64,
    /// Length in bytes.
    pub len: u32,
}

impl BlobRef {
    /// 16-byte encoding.
    pub fn encode(&self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&self.file.to_le_bytes());
        b[4..12].copy_from_slice(&self.offset.to_le_bytes());
        b[12..].copy_from_slice(&self.len.to_le_bytes());
        b
    }

    /// Decode 16 bytes.
    pub fn decode(b: &[u8]) -> Result<BlobRef> {
        if b.len() != 16 {
            return Err(Error::catalog("corrupt blob pointer"));
        }
        let mut f = [0u8; 4];
        let mut o = [0u8; 8];
        let mut l = [0u8; 4];
        f.copy_from_slice(&b[..4]);
        o.copy_from_slice(&b[4..12]);
        l.copy_from_slice(&b[12..]);
        Ok(BlobRef {
            file: u32::from_le_bytes(f),
            offset: u64::from_le_bytes(o),
            len: u32::from_le_bytes(l),
        })
    }
}

struct Current {
    no: u32,
    file: File,
    len: u64,
}

/// The blob files of an archive.
pub struct Blobs {
    dir: PathBuf,
    current: Mutex<Option<Current>>,
    readers: Mutex<Vec<Option<File>>>,
}

fn name(dir: &Path, no: u32) -> PathBuf {
    dir.join(format!("blobs-{no:06}.log"))
}

impl Blobs {
    /// Open the blob directory (created if missing).
    pub fn open(dir: &Path) -> Result<Blobs> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Blobs {
            dir: dir.to_path_buf(),
            current: Mutex::new(None),
            readers: Mutex::new(Vec::new()),
        })
    }

    fn last_file_no(&self) -> u32 {
        let mut no = 1;
        while name(&self.dir, no + 1).exists() {
            no += 1;
        }
        no
    }

    /// Append blobs; returns their pointers. Call [`Blobs::sync`] before pointing at them.
    pub fn append(&self, blobs: &[&[u8]]) -> Result<Vec<BlobRef>> {
        let mut guard = self
            .current
            .lock()
            .map_err(|_| Error::catalog("blob writer poisoned"))?;
        if guard.is_none() {
            let no = self.last_file_no();
            *guard = Some(self.open_for_append(no)?);
        }
        let mut out = Vec::with_capacity(blobs.len());
        let mut buf: Vec<u8> = Vec::new();
        for b in blobs {
            let cur = guard
                .as_mut()
                .ok_or_else(|| Error::catalog("blob writer missing"))?;
            if cur.len + buf.len() as u64 + b.len() as u64 > MAX_FILE
                && cur.len + buf.len() as u64 > 0
            {
                cur.file
                    .write_all(&buf)
                    .map_err(|e| Error::io(name(&self.dir, cur.no), e))?;
                cur.len += buf.len() as u64;
                buf.clear();
                cur.file
                    .sync_data()
                    .map_err(|e| Error::io(name(&self.dir, cur.no), e))?;
                let next = cur.no + 1;
                *guard = Some(self.open_for_append(next)?);
            }
            let cur = guard
                .as_mut()
                .ok_or_else(|| Error::catalog("blob writer missing"))?;
            out.push(BlobRef {
                file: cur.no,
                offset: cur.len + buf.len() as u64,
                len: b.len() as u32,
            });
            buf.extend_from_slice(b);
        }
        if let Some(cur) = guard.as_mut() {
            cur.file
                .write_all(&buf)
                .map_err(|e| Error::io(name(&self.dir, cur.no), e))?;
            cur.len += buf.len() as u64;
        }
        Ok(out)
    }

    /// Make appended blobs durable.
    pub fn sync(&self) -> Result<()> {
        let guard = self
            .current
            .lock()
            .map_err(|_| Error::catalog("blob writer poisoned"))?;
        if let Some(cur) = guard.as_ref() {
            cur.file
                .sync_data()
                .map_err(|e| Error::io(name(&self.dir, cur.no), e))?;
        }
        Ok(())
    }

    fn open_for_append(&self, no: u32) -> Result<Current> {
        let p = name(&self.dir, no);
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&p)
            .map_err(|e| Error::io(&p, e))?;
        let len = file.metadata().map_err(|e| Error::io(&p, e))?.len();
        Ok(Current { no, file, len })
    }

    /// Read a blob.
    pub fn read(&self, r: BlobRef) -> Result<Vec<u8>> {
        let mut readers = self
            .readers
            .lock()
            .map_err(|_| Error::catalog("blob reader poisoned"))?;
        let i = r.file as usize;
        if readers.len() <= i {
            readers.resize_with(i + 1, || None);
        }
        if readers[i].is_none() {
            let p = name(&self.dir, r.file);
            readers[i] = Some(File::open(&p).map_err(|e| Error::io(&p, e))?);
        }
        let f = readers[i]
            .as_ref()
            .ok_or_else(|| Error::catalog("blob file missing"))?;
        let mut buf = vec![0u8; r.len as usize];
        f.read_exact_at(&mut buf, r.offset)
            .map_err(|e| Error::io(name(&self.dir, r.file), e))?;
        Ok(buf)
    }

    /// Total size of the blob files.
    pub fn size(&self) -> u64 {
        crate::util::dir_size(&self.dir)
    }
}
