//! The derived search index (tantivy): schema, analysers, the query language,
//! ranking, snippets and facets. It can always be rebuilt from the catalog.
//!
//! Each index commit carries the catalog sequence number of the last document it
//! holds (tantivy's commit payload), so after a crash the archive knows exactly
//! which documents still need indexing.

mod facets;
pub mod query;
mod reader_dir;
pub mod schema;
mod snippets;
mod stats;

pub use snippets::Snippets;

use crate::access::Readable;
use crate::error::{Error, IndexError, Result};
use crate::lang;
use crate::model::Document;
use crate::normalize::AliasTable;
use schema::Fields;
use std::path::Path;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::Value;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    Term,
};

/// The most hits one page may have.
pub const MAX_LIMIT: usize = 10_000;
/// The deepest page offset (a collector keeps offset + limit hits in memory).
pub const MAX_OFFSET: usize = 1_000_000;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
}

/// The search index of an archive.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    writer: Option<IndexWriter>,
    reader: IndexReader,
    /// BM25 statistics remembered for the current searcher.
    stats: stats::StatsCache,
}

/// One hit before it is joined with the catalog.
#[derive(Debug, Clone)]
pub struct RawHit {
    /// Document id.
    pub id: String,
    /// Score (relevance) or 0.
    pub score: f32,
    /// Family of renditions (the id itself when the document is alone).
    pub family: String,
}

impl SearchIndex {
    /// Open, creating an empty index if the directory has none.
    pub fn open(dir: &Path, writable: bool) -> Result<SearchIndex> {
        let (schema, fields) = schema::build();
        if !writable && !dir.join("meta.json").exists() {
            return Err(Error::index(format!(
                "{} holds no index: run `spoor reindex`",
                dir.display()
            )));
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut index = if !writable {
            let d = reader_dir::ReaderDir::open(dir).map_err(|error| {
                Error::Index(IndexError::Open {
                    dir: dir.to_path_buf(),
                    error,
                })
            })?;
            Index::open(d)?
        } else if dir.join("meta.json").exists() {
            Index::open_in_dir(dir)?
        } else {
            Index::create_in_dir(dir, schema.clone())?
        };
        if index.schema() != schema {
            // made by another version of spoor: the index is derived, so a writer
            // makes it anew and the catalog fills it (reconcile); a reader says so
            if !writable {
                return Err(Error::index(
                    "the index was made by another version of spoor: run `spoor reindex`",
                ));
            }
            drop(index);
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            index = Index::create_in_dir(dir, schema)?;
        }
        schema::register(&index);
        let writer = if writable {
            let threads = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .clamp(1, 4);
            Some(index.writer_with_num_threads(threads, 100_000_000 * threads)?)
        } else {
            None
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            fields,
            writer,
            reader,
            stats: stats::StatsCache::default(),
        })
    }

    /// The catalog sequence number up to which this index is complete.
    pub fn indexed_upto(&self) -> Result<u64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0))
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        self.writer
            .as_mut()
            .ok_or_else(|| Error::index("the index was opened read-only"))
    }

    /// Add documents (deleting any earlier copy of the same ids when `replace`).
    pub fn add(&mut self, docs: &[Document], replace: bool) -> Result<()> {
        let f = self.fields.clone();
        let w = self.writer()?;
        for d in docs {
            if replace {
                w.delete_term(Term::from_field_text(f.id, &d.id));
            }
            w.add_document(to_tantivy(&f, d))?;
        }
        Ok(())
    }

    /// Commit what was added, recording the catalog sequence number reached.
    pub fn commit(&mut self, upto_seq: u64) -> Result<()> {
        let w = self.writer()?;
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&upto_seq.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Merge every segment into one. Queries then open and search one segment
    /// instead of several (on the Enron archive: 3.7 ms → 2.4 ms a query, as a new
    /// process). Returns the number of segments before.
    pub fn merge_all(&mut self) -> Result<usize> {
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            let upto = self.indexed_upto()?;
            let w = self.writer()?;
            w.merge(&ids).wait()?;
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&upto.to_string());
            prepared.commit()?;
            self.reader.reload()?;
        }
        Ok(ids.len())
    }

    /// Wait for background merges to end (call before exit after a large ingest).
    pub fn finish(mut self) -> Result<()> {
        if let Some(w) = self.writer.take() {
            w.wait_merging_threads()?;
        }
        Ok(())
    }

    /// See what writers committed since the index was opened or last reloaded.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Compile a query string.
    pub fn compile(&self, q: &str, aliases: &AliasTable) -> Result<Box<dyn Query>> {
        let expr = query::parse(q)?;
        let live = self.live_text_fields()?;
        query::Compiler {
            index: &self.index,
            fields: &self.fields,
            aliases,
            live: &live,
        }
        .compile(&expr)
    }

    /// The subject and body fields with at least one word in some segment.
    fn live_text_fields(&self) -> Result<Vec<Field>> {
        let searcher = self.reader.searcher();
        let mut live = Vec::new();
        for &field in self.fields.subject.iter().chain(&self.fields.body) {
            for seg in searcher.segment_readers() {
                if seg.inverted_index(field)?.terms().num_terms() > 0 {
                    live.push(field);
                    break;
                }
            }
        }
        Ok(live)
    }

    /// The query restricted to the collections `readable` allows (a document
    /// with an empty collection is in [`crate::access::DEFAULT_COLLECTION`]);
    /// the query itself when every collection is readable.
    pub fn scoped(&self, q: Box<dyn Query>, readable: &Readable) -> Box<dyn Query> {
        let Readable::Only(set) = readable else {
            return q;
        };
        let term = |c: &str| -> (Occur, Box<dyn Query>) {
            let t = Term::from_field_text(self.fields.collection, c);
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            )
        };
        let mut allowed: Vec<(Occur, Box<dyn Query>)> = set.iter().map(|c| term(c)).collect();
        if set.contains(crate::access::DEFAULT_COLLECTION) {
            allowed.push(term(""));
        }
        if allowed.is_empty() {
            return Box::new(EmptyQuery);
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Must, Box::new(BooleanQuery::new(allowed))),
        ]))
    }

    /// The documents a word of a query stands in: the most of any one field
    /// (subject, body of a language) it is searched in, read from the term
    /// dictionaries; 0 for a word the query language reads as syntax.
    pub fn word_docs(&self, word: &str, aliases: &AliasTable) -> u64 {
        if word.is_empty() || !word.chars().all(char::is_alphanumeric) {
            return 0;
        }
        let Ok(q) = self.compile(word, aliases) else {
            return 0;
        };
        let searcher = self.reader.searcher();
        let stats = self.stats.for_searcher(&searcher);
        let mut df = 0u64;
        q.query_terms(&mut |term, _| {
            df = df.max(stats.doc_freq(term).unwrap_or(0));
        });
        df
    }

    /// A query scoring a document by the summed inverse document frequency of
    /// the `parts` it matches, each once, keeping only parts matched by at most
    /// `max_share` of the index's documents (the specific words of a text).
    pub fn specific(&self, parts: Vec<Box<dyn Query>>, max_share: f32) -> Box<dyn Query> {
        let searcher = self.reader.searcher();
        let stats = self.stats.for_searcher(&searcher);
        let n = searcher.num_docs().max(1) as f32;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for q in parts {
            // documents holding it, read from the term dictionaries: the most
            // of any one field (subject, body of a language) it is searched in
            let mut df = 0u64;
            q.query_terms(&mut |term, _| {
                df = df.max(stats.doc_freq(term).unwrap_or(0));
            });
            let df = df as f32;
            if df == 0.0 || df > max_share * n {
                continue;
            }
            let idf = (n / df).ln();
            should.push((Occur::Should, Box::new(ConstScoreQuery::new(q, idf))));
        }
        if should.is_empty() {
            return Box::new(EmptyQuery);
        }
        Box::new(BooleanQuery::new(should))
    }

    /// Words of the index's vocabulary (the body fields of every language) that
    /// match `pattern` (a regular expression over a whole term), each with the
    /// most documents it stands in in any one field, the most frequent first,
    /// at most `limit`; words in fewer than `min_docs` documents are left out
    /// (OCR debris). A pattern whose automaton would be too large finds nothing.
    pub fn terms_matching(
        &self,
        pattern: &str,
        min_docs: u32,
        limit: usize,
    ) -> Result<Vec<(String, u32)>> {
        let Ok(regex) = tantivy_fst::Regex::new(pattern) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let mut found: std::collections::HashMap<String, u32> = Default::default();
        for &field in &self.fields.body {
            let mut in_field: std::collections::HashMap<String, u32> = Default::default();
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(&regex)
                    .into_stream()
                    .map_err(|e| Error::Index(IndexError::Io(e)))?;
                while stream.advance() {
                    if let Ok(word) = std::str::from_utf8(stream.key()) {
                        *in_field.entry(word.to_string()).or_default() += stream.value().doc_freq;
                    }
                }
            }
            for (word, docs) in in_field {
                let e = found.entry(word).or_default();
                *e = (*e).max(docs);
            }
        }
        let mut words: Vec<(String, u32)> =
            found.into_iter().filter(|(_, d)| *d >= min_docs).collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        words.truncate(limit);
        Ok(words)
    }

    /// How many documents of the family `key` (of renditions) `readable` allows.
    pub fn family_count(&self, key: &str, readable: &Readable) -> Result<usize> {
        let term = Term::from_field_text(self.fields.family, key);
        let q = self.scoped(
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            readable,
        );
        Ok(self.reader.searcher().search(&*q, &Count)?)
    }

    /// Run a query: the total count (without `count`, the number of hits
    /// returned) and one page of hits.
    pub fn search(
        &self,
        q: &dyn Query,
        limit: usize,
        offset: usize,
        sort: SortBy,
        count: bool,
    ) -> Result<(usize, Vec<RawHit>)> {
        let searcher = self.reader.searcher();
        let stats = self.stats.for_searcher(&searcher);
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (total, addrs): (usize, Vec<(f32, DocAddress)>) = match sort {
            SortBy::Relevance if !count => {
                let v =
                    searcher.search_with_statistics_provider(q, &top.order_by_score(), &stats)?;
                (v.len(), v)
            }
            SortBy::Relevance => searcher.search_with_statistics_provider(
                q,
                &(Count, top.order_by_score()),
                &stats,
            )?,
            SortBy::DateDesc | SortBy::DateAsc => {
                let order = if sort == SortBy::DateDesc {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let (n, v) = searcher.search(
                    q,
                    &(
                        Count,
                        top.order_by_fast_field::<tantivy::DateTime>("date", order),
                    ),
                )?;
                (n, v.into_iter().map(|(_, a)| (0.0, a)).collect())
            }
        };
        let mut hits = Vec::with_capacity(addrs.len());
        for (score, addr) in addrs.into_iter().take(limit) {
            let (id, family) = self.id_and_family(&searcher, addr)?;
            hits.push(RawHit { id, score, family });
        }
        Ok((total, hits))
    }

    /// One page of hits as a search asks for it: each family of renditions as
    /// one hit (its best-ranked member), unless every rendition is wanted. Hits
    /// are fetched in growing pages until the page is full.
    pub fn search_page(
        &self,
        q: &dyn Query,
        opts: &crate::archive::SearchOptions,
    ) -> Result<(usize, Vec<RawHit>)> {
        if opts.limit > MAX_LIMIT || opts.offset > MAX_OFFSET {
            return Err(Error::Query(format!(
                "at most {MAX_LIMIT} hits a page and an offset of at most {MAX_OFFSET} (use --sort date and date: ranges to walk a large result)"
            )));
        }
        if opts.all_renditions {
            return self.search(q, opts.limit, opts.offset, opts.sort, opts.count);
        }
        let want = opts.offset.saturating_add(opts.limit);
        let mut fetch = want.saturating_mul(2).max(want + 20);
        loop {
            let (total, raw) = self.search(q, fetch, 0, opts.sort, opts.count)?;
            let exhausted = raw.len() < fetch;
            let mut seen = std::collections::HashSet::new();
            let page: Vec<RawHit> = raw
                .into_iter()
                .filter(|h| seen.insert(h.family.clone()))
                .take(want)
                .collect();
            if page.len() >= want || exhausted {
                return Ok((total, page.into_iter().skip(opts.offset).collect()));
            }
            fetch = fetch.saturating_mul(4);
        }
    }

    fn id_and_family(&self, searcher: &Searcher, addr: DocAddress) -> Result<(String, String)> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let get = |f: tantivy::schema::Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let id = get(self.fields.id).unwrap_or_default();
        let family = get(self.fields.family).unwrap_or_else(|| id.clone());
        Ok((id, family))
    }

    fn id_of(&self, searcher: &Searcher, addr: DocAddress) -> Result<String> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string())
    }

    /// Ids of every document matching (for tests and exports).
    pub fn all_ids(&self, q: &dyn Query) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let set = searcher.search(q, &DocSetCollector)?;
        set.into_iter().map(|a| self.id_of(&searcher, a)).collect()
    }
}

/// The tantivy document of a spoor document.
fn to_tantivy(f: &Fields, d: &Document) -> TantivyDocument {
    let mut t = TantivyDocument::new();
    t.add_text(f.id, &d.id);
    t.add_text(f.family, d.family_key());
    let pos = lang::analysed_slot(&d.language);
    if let Some(s) = &d.subject {
        t.add_text(f.subject[pos], s);
    }
    t.add_text(f.body[pos], &d.body);
    if !d.quoted.is_empty() {
        t.add_text(f.body[pos], &d.quoted);
    }
    if !d.signature.is_empty() {
        t.add_text(f.body[pos], &d.signature);
    }
    for a in &d.attachments {
        if let Some(n) = &a.name {
            t.add_text(f.body[pos], n);
        }
        if let Some(x) = &a.text {
            t.add_text(f.body[pos], x);
        }
    }
    let mut s = String::new();
    if let Some(p) = &d.from {
        schema::party_tokens(p, &mut s);
        t.add_text(f.from, &s);
        t.add_text(f.f_from, p.key());
    }
    s.clear();
    for p in &d.to {
        schema::party_tokens(p, &mut s);
        t.add_text(f.f_to, p.key());
    }
    if !s.is_empty() {
        t.add_text(f.to, &s);
    }
    s.clear();
    for p in d.cc.iter().chain(d.bcc.iter()) {
        schema::party_tokens(p, &mut s);
    }
    if !s.is_empty() {
        t.add_text(f.cc, &s);
    }
    if let Some(x) = &d.doc_no {
        t.add_text(f.docno, x.to_uppercase());
    }
    if let Some(x) = &d.case_no {
        t.add_text(f.case, x.to_uppercase());
    }
    t.add_text(f.collection, &d.collection);
    t.add_text(f.lang, &d.language);
    if let Some(x) = &d.folder {
        t.add_text(f.folder, x);
    }
    if let Some(k) = d.kind {
        let k = serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        t.add_text(f.kind, k);
    }
    if d.has_attachment() {
        t.add_text(f.has, "attachment");
    }
    if let Some(m) = &d.message_id {
        t.add_text(f.msgid, m);
    }
    if let Some(dt) = d.date {
        t.add_date(
            f.date,
            tantivy::DateTime::from_timestamp_secs(dt.timestamp()),
        );
        t.add_u64(f.year, chrono::Datelike::year(&dt).max(0) as u64);
    }
    t
}
