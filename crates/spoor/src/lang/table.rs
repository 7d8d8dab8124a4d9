//! A word table kept as one sorted text, looked up by bisection: `key\tvalue\t…`
//! lines in byte order of their keys. Loading one is reading a file, not
//! building a hash map of every headword (the Arabic dictionary's 53,000 took
//! a tenth of a check), and the same text is the table's cache file.

use std::path::{Path, PathBuf};

/// A sorted table of words and their values.
#[derive(Debug, Default)]
pub struct Table {
    text: String,
    len: usize,
}

impl Table {
    /// Build from (key, value) pairs; values of one key are kept in their first
    /// order, each once. Keys or values holding a tab or a line break are left out.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Table {
        let clean = |s: &str| !s.is_empty() && !s.contains(['\t', '\n', '\r']);
        let mut all: Vec<(String, usize, String)> = pairs
            .into_iter()
            .enumerate()
            .filter(|(_, (k, v))| clean(k) && clean(v))
            .map(|(i, (k, v))| (k, i, v))
            .collect();
        all.sort_unstable();
        let mut text = String::new();
        let mut len = 0;
        let mut last: Option<&str> = None;
        let mut values: Vec<&str> = Vec::new();
        for (k, _, v) in &all {
            if last != Some(k.as_str()) {
                if last.is_some() {
                    text.push('\n');
                }
                text.push_str(k);
                values.clear();
                len += 1;
                last = Some(k);
            }
            if !values.contains(&v.as_str()) {
                values.push(v);
                text.push('\t');
                text.push_str(v);
            }
        }
        if len > 0 {
            text.push('\n');
        }
        Table { text, len }
    }

    /// A table from its text, when its keys are in strict byte order.
    pub fn parse(text: String) -> Option<Table> {
        let mut len = 0;
        let mut last: Option<&str> = None;
        for line in text.lines() {
            let key = line.split('\t').next()?;
            if last.is_some_and(|l| l >= key) {
                return None;
            }
            last = Some(key);
            len += 1;
        }
        Some(Table { text, len })
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The values of a key.
    pub fn get(&self, key: &str) -> Option<impl Iterator<Item = &str>> {
        let bytes = self.text.as_bytes();
        let (mut lo, mut hi) = (0usize, bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = bytes[..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
            let line = &self.text[start..end];
            let (k, rest) = line.split_once('\t').unwrap_or((line, ""));
            match k.cmp(key) {
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => {
                    return Some(rest.split('\t').filter(|v| !v.is_empty()));
                }
            }
        }
        None
    }

    /// The table's text, as [`Table::parse`] reads it.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A cache file of a table derived from a source file (a dictionary's index),
/// valid while the source keeps its size and modification time.
pub struct Cached {
    file: PathBuf,
    stamp: String,
}

impl Cached {
    /// The cache file in `dir` of the table `what` made from `source`.
    pub fn new(dir: &Path, source: &Path, what: &str) -> Option<Cached> {
        let meta = std::fs::metadata(source).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        let name = source.file_name()?.to_string_lossy().to_string();
        Some(Cached {
            file: dir.join(format!("{name}.{what}.tsv")),
            stamp: format!("spoor-table-v1\t{name}\t{}\t{mtime}\n", meta.len()),
        })
    }

    /// The table, when the cache file is there, valid and sorted.
    pub fn load(&self) -> Option<Table> {
        let mut text = std::fs::read_to_string(&self.file).ok()?;
        if !text.starts_with(&self.stamp) {
            return None;
        }
        // the stamp cut off in place: a German table is 13 MB, not copied again
        text.drain(..self.stamp.len());
        Table::parse(text)
    }

    /// Write the table (a failure only costs the next run the time to build it).
    pub fn store(&self, table: &Table) {
        let Some(parent) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        let tmp = self
            .file
            .with_extension(format!("tmp{}", std::process::id()));
        let body = format!("{}{}", self.stamp, table.text());
        if std::fs::write(&tmp, body).is_ok() && std::fs::rename(&tmp, &self.file).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_key_is_found_with_its_values_in_first_order() {
        let t = Table::from_pairs(pairs(&[
            ("kat", "cat"),
            ("hond", "dog"),
            ("kat", "puss"),
            ("kat", "cat"),
            ("أسد", "lion"),
            ("a", "x"),
        ]));
        assert_eq!(t.len(), 4);
        let get = |k: &str| t.get(k).map(|v| v.collect::<Vec<_>>());
        assert_eq!(get("kat"), Some(vec!["cat", "puss"]));
        assert_eq!(get("hond"), Some(vec!["dog"]));
        assert_eq!(get("أسد"), Some(vec!["lion"]));
        assert_eq!(get("a"), Some(vec!["x"]));
        assert_eq!(get("ka"), None);
        assert_eq!(get("zz"), None);
        assert_eq!(get(""), None);
    }

    #[test]
    fn a_text_out_of_order_is_refused_and_a_stored_one_reads_back() {
        assert!(Table::parse("b\tx\na\ty\n".to_string()).is_none());
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("dict.index");
        std::fs::write(&source, "anything").expect("write");
        let cache = Cached::new(dir.path(), &source, "xx.forward").expect("cache");
        assert!(cache.load().is_none());
        cache.store(&Table::from_pairs(pairs(&[("b", "1"), ("a", "2")])));
        let back = cache.load().expect("stored table");
        assert_eq!(
            back.get("a").map(|v| v.collect::<Vec<_>>()),
            Some(vec!["2"])
        );
        // a changed source makes the cache stale
        std::fs::write(&source, "something longer").expect("write");
        let stale = Cached::new(dir.path(), &source, "xx.forward").expect("cache");
        assert!(stale.load().is_none());
    }
}
