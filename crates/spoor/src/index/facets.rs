//! Facet counts over a query's matches: the values of `from`, `to`, `year`,
//! `lang`, `collection` and `kind`, each with the number of documents holding it.
//!
//! Matches are gathered per segment as plain lists of document numbers (no set
//! of addresses to hash), and string values are counted by their ordinal in the
//! segment's column: only the ordinals that occur are turned into strings, once
//! each, instead of once per document.

use super::SearchIndex;
use crate::error::{Error, Result};
use crate::normalize::AliasTable;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

impl SearchIndex {
    /// Counts of values of facet fields (`from`, `to`, `year`, `lang`, `collection`, `kind`) over the matches.
    pub fn facets(
        &self,
        q: &dyn Query,
        names: &[String],
        aliases: &AliasTable,
    ) -> Result<BTreeMap<String, Vec<(String, u64)>>> {
        let searcher = self.reader.searcher();
        let segments = searcher.search(q, &DocsBySegment)?;
        let mut out = BTreeMap::new();
        for name in names {
            let column = column_of(name)?;
            let party = name == "from" || name == "to";
            let mut counts: BTreeMap<String, u64> = BTreeMap::new();
            for (seg, docs) in &segments {
                let reader = searcher.segment_reader(*seg);
                match column {
                    Column::Year => count_years(reader, docs, &mut counts)?,
                    Column::Str(field) => {
                        count_strings(reader, field, docs, party.then_some(aliases), &mut counts)?
                    }
                }
            }
            if party {
                merge_handles(&mut counts);
            }
            let mut v: Vec<(String, u64)> = counts.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out.insert(name.clone(), v);
        }
        Ok(out)
    }
}

/// Where a facet's values are read from.
#[derive(Clone, Copy)]
enum Column {
    Year,
    Str(&'static str),
}

fn column_of(name: &str) -> Result<Column> {
    Ok(match name {
        "year" => Column::Year,
        "from" => Column::Str("f_from"),
        "to" => Column::Str("f_to"),
        "lang" => Column::Str("lang"),
        "collection" => Column::Str("collection"),
        "kind" => Column::Str("kind"),
        other => {
            return Err(Error::Query(format!(
                "no facet named {other}; facets: from, to, year, lang, collection, kind"
            )));
        }
    })
}

fn count_years(
    reader: &SegmentReader,
    docs: &[DocId],
    counts: &mut BTreeMap<String, u64>,
) -> Result<()> {
    let col = reader.fast_fields().u64("year")?;
    let mut by_year: BTreeMap<u64, u64> = BTreeMap::new();
    for d in docs {
        if let Some(y) = col.first(*d) {
            *by_year.entry(y).or_default() += 1;
        }
    }
    for (y, n) in by_year {
        *counts.entry(y.to_string()).or_default() += n;
    }
    Ok(())
}

/// Count a string column's values over `docs`; party values are counted under
/// the alias table's canonical form when it has one.
fn count_strings(
    reader: &SegmentReader,
    field: &str,
    docs: &[DocId],
    aliases: Option<&AliasTable>,
    counts: &mut BTreeMap<String, u64>,
) -> Result<()> {
    let Some(col) = reader.fast_fields().str(field)? else {
        return Ok(());
    };
    let mut by_ord = vec![0u64; col.dictionary().num_terms()];
    for d in docs {
        for ord in col.term_ords(*d) {
            if let Some(n) = usize::try_from(ord).ok().and_then(|o| by_ord.get_mut(o)) {
                *n += 1;
            }
        }
    }
    let mut s = String::new();
    for (ord, n) in by_ord.into_iter().enumerate().filter(|(_, n)| *n > 0) {
        s.clear();
        if !col
            .ord_to_str(ord as u64, &mut s)
            .map_err(|e| Error::Index(e.into()))?
        {
            continue;
        }
        let key = aliases
            .and_then(|a| a.canonical(&s))
            .map(str::to_string)
            .unwrap_or_else(|| s.clone());
        *counts.entry(key).or_default() += n;
    }
    Ok(())
}

/// Collects the matching document numbers of each segment, in order.
struct DocsBySegment;

impl Collector for DocsBySegment {
    type Fruit = Vec<(SegmentOrdinal, Vec<DocId>)>;
    type Child = SegmentDocs;

    fn for_segment(&self, seg: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<SegmentDocs> {
        Ok(SegmentDocs(seg, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<DocId>)>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(fruits)
    }
}

/// One segment's matching document numbers.
struct SegmentDocs(SegmentOrdinal, Vec<DocId>);

impl SegmentCollector for SegmentDocs {
    type Fruit = (SegmentOrdinal, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.1.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.1.extend_from_slice(docs);
    }

    fn harvest(self) -> Self::Fruit {
        (self.0, self.1)
    }
}

/// One person once: a bare handle (`opsnewsticker`) counted with the address
/// whose local part it is (`opsnewsticker@state.gov`; of several such, the most
/// frequent).
fn merge_handles(counts: &mut BTreeMap<String, u64>) {
    let mut by_local: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for k in counts.keys() {
        if let Some((local, _)) = k.split_once('@') {
            by_local
                .entry(local.to_lowercase())
                .or_default()
                .push(k.clone());
        }
    }
    let handles: Vec<String> = counts
        .keys()
        .filter(|k| !k.contains('@') && !k.contains(char::is_whitespace))
        .cloned()
        .collect();
    for h in handles {
        let best = by_local.get(&h.to_lowercase()).and_then(|addrs| {
            addrs
                .iter()
                .max_by_key(|a| counts.get(*a).copied().unwrap_or(0))
                .cloned()
        });
        if let Some(addr) = best
            && let Some(n) = counts.remove(&h)
        {
            *counts.entry(addr).or_default() += n;
        }
    }
}
