//! BM25 statistics remembered per searcher. A check runs a few dozen queries
//! over the same few hundred terms in each text field, and for every term query
//! tantivy asks each segment again for the term's document frequency and the
//! field's token count: with more segments (a bigger archive) that became a
//! tenth of a check. The numbers are the searcher's own; they are forgotten
//! when the searcher changes (a new generation after a commit).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Terms remembered before the cache starts again: bounds a long-running
/// server's memory between commits.
const MAX_TERMS: usize = 200_000;

/// What one searcher generation has answered so far.
#[derive(Default)]
struct Known {
    docs: Option<u64>,
    tokens: HashMap<Field, u64>,
    freq: HashMap<Term, u64>,
}

/// The remembered statistics, for whichever searcher asks last.
#[derive(Default)]
pub struct StatsCache {
    current: Mutex<Option<(u64, Arc<Mutex<Known>>)>>,
}

impl StatsCache {
    /// A statistics provider for `searcher`, sharing what earlier queries of the
    /// same generation learnt.
    pub fn for_searcher<'a>(&self, searcher: &'a Searcher) -> CachedStats<'a> {
        let generation = searcher.generation().generation_id();
        let known = match self.current.lock() {
            Ok(mut cur) => match cur.as_ref() {
                Some((g, k)) if *g == generation => k.clone(),
                _ => {
                    let k = Arc::new(Mutex::new(Known::default()));
                    *cur = Some((generation, k.clone()));
                    k
                }
            },
            // a poisoned lock only costs the remembering
            Err(_) => Arc::new(Mutex::new(Known::default())),
        };
        CachedStats { searcher, known }
    }
}

/// A searcher's BM25 statistics, each asked of the segments once.
pub struct CachedStats<'a> {
    searcher: &'a Searcher,
    known: Arc<Mutex<Known>>,
}

impl CachedStats<'_> {
    /// The document frequency of a term (as [`Searcher::doc_freq`]).
    pub fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(n) = self
            .known
            .lock()
            .ok()
            .and_then(|k| k.freq.get(term).copied())
        {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        if let Ok(mut k) = self.known.lock() {
            if k.freq.len() >= MAX_TERMS {
                k.freq.clear();
            }
            k.freq.insert(term.clone(), n);
        }
        Ok(n)
    }
}

impl Bm25StatisticsProvider for CachedStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(n) = self
            .known
            .lock()
            .ok()
            .and_then(|k| k.tokens.get(&field).copied())
        {
            return Ok(n);
        }
        let n = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        if let Ok(mut k) = self.known.lock() {
            k.tokens.insert(field, n);
        }
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(n) = self.known.lock().ok().and_then(|k| k.docs) {
            return Ok(n);
        }
        let n = Bm25StatisticsProvider::total_num_docs(self.searcher)?;
        if let Ok(mut k) = self.known.lock() {
            k.docs = Some(n);
        }
        Ok(n)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        CachedStats::doc_freq(self, term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, doc};

    #[test]
    fn remembered_statistics_are_the_searchers_and_follow_its_generation() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut w = index.writer(15_000_000).expect("writer");
        w.add_document(doc!(body => "gao kidal gao")).expect("add");
        w.add_document(doc!(body => "kidal bamako")).expect("add");
        w.commit().expect("commit");
        let reader = index.reader().expect("reader");
        let cache = StatsCache::default();
        let kidal = Term::from_field_text(body, "kidal");
        let searcher = reader.searcher();
        let stats = cache.for_searcher(&searcher);
        for _ in 0..2 {
            assert_eq!(stats.doc_freq(&kidal).ok(), Some(2));
            assert_eq!(stats.total_num_docs().ok(), Some(2));
            assert_eq!(stats.total_num_tokens(body).ok(), Some(5));
        }
        // a commit makes a new searcher: its numbers, not the remembered ones
        w.add_document(doc!(body => "kidal")).expect("add");
        w.commit().expect("commit");
        reader.reload().expect("reload");
        let searcher = reader.searcher();
        let stats = cache.for_searcher(&searcher);
        assert_eq!(stats.doc_freq(&kidal).ok(), Some(3));
        assert_eq!(stats.total_num_docs().ok(), Some(3));
    }
}
