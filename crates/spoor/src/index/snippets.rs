//! Snippets of a search's hits: the best fragment of each document's text for
//! the query, with the matched words' byte ranges.

use super::SearchIndex;
use crate::error::Result;
use crate::lang;
use crate::model::Document;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;

/// The start of a long text read first; only a text whose start has no match
/// is read whole (tokenising and stemming every hit's whole text was a fifth
/// of a search's time).
const HEAD: usize = 16 * 1024;

/// Snippets for the hits of one query. A generator looks up the query's terms
/// in the index once per body field, not once per hit (for a prefix query that
/// meant expanding the prefix again for every hit).
pub struct Snippets<'a> {
    index: &'a SearchIndex,
    query: &'a dyn Query,
    max_chars: usize,
    /// By body field; `None` where the query has no word in that field (a
    /// prefix or date query): nothing can be marked, so no text is read.
    generators: HashMap<usize, Option<SnippetGenerator>>,
}

impl<'a> Snippets<'a> {
    /// Snippets of at most `max_chars` characters for `query`.
    pub fn new(index: &'a SearchIndex, query: &'a dyn Query, max_chars: usize) -> Snippets<'a> {
        Snippets {
            index,
            query,
            max_chars,
            generators: HashMap::new(),
        }
    }

    /// The snippet of `doc`. The new text is preferred over quoted text and the
    /// signature; a document without a matched word (a field-only query)
    /// shows the start of its text.
    pub fn of(&mut self, doc: &Document) -> Result<(String, Vec<(usize, usize)>)> {
        let max_chars = self.max_chars;
        if let Some(snip) = self.generator(&doc.language)? {
            for text in [
                doc.body.as_str(),
                doc.quoted.as_str(),
                doc.signature.as_str(),
            ] {
                if let Some(found) = best_fragment(snip, text) {
                    return Ok(found);
                }
            }
        }
        let t = if doc.body.trim().is_empty() {
            doc.quoted.as_str()
        } else {
            doc.body.as_str()
        };
        Ok((
            t[..crate::util::floor_boundary(t, max_chars)].to_string(),
            Vec::new(),
        ))
    }

    /// Every match of the query in `text` (the first `max_chars` bytes of it),
    /// as byte ranges, with `text` analysed as the body of a document in
    /// `language` is (its tokenizer and stemmer).
    pub fn marks(&mut self, language: &str, text: &str) -> Result<Vec<(usize, usize)>> {
        let text = &text[..crate::util::floor_boundary(text, self.max_chars)];
        let Some(snip) = self.generator(language)? else {
            return Ok(Vec::new());
        };
        if text.is_empty() {
            return Ok(Vec::new());
        }
        // the fragment limit is at least the text's length: one fragment, the whole text
        let sn = snip.snippet(text);
        let at = sn.fragment_range().start;
        Ok(sn
            .highlighted()
            .iter()
            .map(|r| (at + r.start, at + r.end))
            .collect())
    }

    /// The generator of the body field that documents in `language` are indexed in.
    fn generator(&mut self, language: &str) -> Result<Option<&mut SnippetGenerator>> {
        let pos = lang::analysed_slot(language);
        let slot = match self.generators.entry(pos) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(v) => {
                let field = self.index.fields.body[pos];
                let mut words = false;
                self.query
                    .query_terms(&mut |t, _| words |= t.field() == field);
                let g = if words {
                    let searcher = self.index.reader.searcher();
                    let mut g = SnippetGenerator::create(&searcher, self.query, field)?;
                    g.set_max_num_chars(self.max_chars);
                    Some(g)
                } else {
                    None
                };
                v.insert(g)
            }
        };
        Ok(slot.as_mut())
    }
}

/// The best fragment of `text`: of its first [`HEAD`] bytes when they have a
/// match, else of the whole text.
fn best_fragment(snip: &SnippetGenerator, text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    if text.is_empty() {
        return None;
    }
    let head = &text[..crate::util::floor_boundary(text, HEAD)];
    let mut sn = snip.snippet(head);
    if sn.highlighted().is_empty() && head.len() < text.len() {
        sn = snip.snippet(text);
    }
    if sn.highlighted().is_empty() {
        return None;
    }
    let hl = sn.highlighted().iter().map(|r| (r.start, r.end)).collect();
    Some((sn.fragment().to_string(), hl))
}
