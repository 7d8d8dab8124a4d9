//! Finding input files (recursively, Maildir aware) and cutting them into units.

use super::{Format, ReadError, Unit, detect, mbox::MboxReader, table};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file to ingest.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Maildir folder relative to the root given (`user/inbox`), for files in cur/ or new/.
    pub folder: Option<Arc<str>>,
    /// Whether the file sits in a Maildir cur/ or new/ directory (so it is one message).
    pub in_maildir: bool,
}

/// A file that could not be taken, with the reason.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The file.
    pub path: String,
    /// One sentence.
    pub error: String,
}

fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

/// What is said of a FIFO, socket or device: reading one could block for ever
/// or never end.
const SPECIAL: &str = "not a regular file or directory (a FIFO, socket or device): not read";

/// Whether a directory entry is a FIFO, socket or device.
fn is_special(t: std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        t.is_fifo() || t.is_socket() || t.is_block_device() || t.is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = t;
        false
    }
}

/// List every file below the given paths, in a stable order; a FIFO, socket or
/// device, named or found, is reported, not read.
pub fn enumerate(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for root in paths {
        let root_abs = std::path::absolute(root).unwrap_or_else(|_| root.clone());
        if !root_abs.exists() {
            failures.push(Failure {
                path: root.display().to_string(),
                error: "no such file or directory".into(),
            });
            continue;
        }
        if root_abs.is_file() {
            let size = root_abs.metadata().map(|m| m.len()).unwrap_or(0);
            let in_md = root_abs
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n == "cur" || n == "new")
                && root_abs
                    .parent()
                    .and_then(Path::parent)
                    .is_some_and(is_maildir);
            files.push(InputFile {
                path: root_abs,
                size,
                folder: None,
                in_maildir: in_md,
            });
            continue;
        }
        if !root_abs.is_dir() {
            failures.push(Failure {
                path: root.display().to_string(),
                error: SPECIAL.into(),
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(&root_abs)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                if e.file_type().is_dir() {
                    // index directories of other tools, and Maildir tmp/
                    if name == ".notmuch" || name == ".mu" || name == ".git" {
                        return false;
                    }
                    if name == "tmp" && e.path().parent().is_some_and(is_maildir) {
                        return false;
                    }
                    true
                } else {
                    !name.starts_with('.')
                }
            });
        for entry in walker {
            match entry {
                Err(e) => failures.push(Failure {
                    path: e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    error: format!("cannot read: {e}"),
                }),
                Ok(e) if e.file_type().is_file() => {
                    let p = e.path();
                    let parent = p.parent();
                    let in_md = parent
                        .and_then(|d| d.file_name())
                        .is_some_and(|n| n == "cur" || n == "new")
                        && parent.and_then(Path::parent).is_some_and(is_maildir);
                    let folder = if in_md {
                        parent.and_then(Path::parent).map(|f| {
                            let rel = f.strip_prefix(&root_abs).unwrap_or(f);
                            let s = rel.to_string_lossy().to_string();
                            Arc::<str>::from(if s.is_empty() {
                                f.file_name()
                                    .map(|n| n.to_string_lossy().to_string())
                                    .unwrap_or_default()
                            } else {
                                s
                            })
                        })
                    } else {
                        None
                    };
                    files.push(InputFile {
                        path: p.to_path_buf(),
                        size: e.metadata().map(|m| m.len()).unwrap_or(0),
                        folder,
                        in_maildir: in_md,
                    });
                }
                Ok(e) if is_special(e.file_type()) => failures.push(Failure {
                    path: e.path().display().to_string(),
                    error: SPECIAL.into(),
                }),
                Ok(_) => {}
            }
        }
    }
    (files, failures)
}

/// The largest file read whole (everything but an mbox, which is streamed
/// message by message): the readers hold a file and what they make of it in
/// memory at once.
pub const MAX_FILE_BYTES: u64 = 512 << 20;

fn cannot_read(error: std::io::Error) -> ReadError {
    ReadError::Io {
        doing: "cannot read",
        error,
    }
}

/// A unit of a file that was skipped while the rest of the file was read.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// Byte offset of the unit in its file.
    pub offset: u64,
    /// Why.
    pub error: String,
}

/// Read a file and hand its units to `sink`, one by one (an mbox is streamed).
/// Returns the units skipped on the way (an mbox message over its bound).
pub fn units_of(file: &InputFile, sink: &mut dyn FnMut(Unit)) -> Result<Vec<Skipped>, ReadError> {
    let path: Arc<str> = Arc::from(file.path.to_string_lossy().as_ref());
    let mut f = File::open(&file.path).map_err(|error| ReadError::Io {
        doing: "cannot open",
        error,
    })?;
    let mut head = vec![0u8; 8192];
    let mut got = 0;
    while got < head.len() {
        match f.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(error) => return Err(cannot_read(error)),
        }
    }
    head.truncate(got);
    let format = if file.in_maildir && !head.is_empty() && !detect::looks_binary(&head) {
        Format::Email
    } else {
        detect::detect(&file.path, &head)?
    };
    let read_rest = |f: File, mut head: Vec<u8>| -> Result<Vec<u8>, ReadError> {
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        if len > MAX_FILE_BYTES {
            return Err(ReadError::FileTooLarge { size: len });
        }
        f.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut head)
            .map_err(cannot_read)?;
        Ok(head)
    };
    let mbox_folder = || {
        file.folder.clone().or_else(|| {
            file.path
                .file_name()
                .map(|n| Arc::<str>::from(n.to_string_lossy().as_ref()))
        })
    };
    match format {
        Format::Mbox => {
            let chained = std::io::Cursor::new(head).chain(f);
            let reader = BufReader::with_capacity(1 << 20, chained);
            let folder = mbox_folder();
            let mut skipped = Vec::new();
            for m in MboxReader::new(reader) {
                let m = m.map_err(|error| ReadError::Io {
                    doing: "read error in mbox",
                    error,
                })?;
                if let Some(len) = m.too_large {
                    skipped.push(Skipped {
                        offset: m.offset,
                        error: format!(
                            "a message of {len} bytes; at most {} are read",
                            super::mbox::MAX_MESSAGE_BYTES
                        ),
                    });
                    continue;
                }
                sink(Unit {
                    path: path.clone(),
                    offset: m.offset,
                    bytes: m.bytes,
                    format: Format::Email,
                    folder: folder.clone(),
                    columns: None,
                });
            }
            return Ok(skipped);
        }
        Format::Csv => {
            let bytes = read_rest(f, head)?;
            for u in table::split_csv(path, &bytes)? {
                sink(u);
            }
        }
        Format::Jsonl => {
            let bytes = read_rest(f, head)?;
            for u in table::split_jsonl(path, &bytes) {
                sink(u);
            }
        }
        other => {
            let bytes = read_rest(f, head)?;
            sink(Unit {
                path,
                offset: 0,
                bytes,
                format: other,
                folder: file.folder.clone(),
                columns: None,
            });
        }
    }
    Ok(Vec::new())
}
