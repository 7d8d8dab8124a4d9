//! Threads: messages linked by Message-ID, In-Reply-To and References (the
//! container linking of JWZ's algorithm), with a subject fallback for documents
//! that carry no ids (FOIA release text, exports).
//!
//! As in JWZ's algorithm (and notmuch), a message that is not in the archive still
//! holds its thread together: replies that reference the same missing message
//! (a patch series' cover letter, a ticket's first mail) are one thread. Only a
//! well-formed id (`left@right`, RFC 5322's msg-id) does that: git send-email's
//! answer `<yes>`, put into In-Reply-To by people who misread its prompt, would
//! otherwise join unrelated patches of unrelated years.

use crate::error::Result;
use crate::model::Document;
use crate::store::Catalog;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// One message of a thread, with its depth in the reply tree.
#[derive(Debug, Clone)]
pub struct ThreadEntry {
    /// Depth (0 for roots).
    pub depth: usize,
    /// The document.
    pub doc: Document,
}

const MAX_THREAD: usize = 2000;

/// Whether a referenced id joins the documents that reference it even when no document
/// carries it: only a well-formed msg-id (`left@right`) does.
fn links_siblings(id: &str) -> bool {
    id.split_once('@')
        .is_some_and(|(l, r)| !l.is_empty() && !r.is_empty())
}

/// The thread a document belongs to, in reply-tree order (parents before
/// replies, by date), made of the documents `keep` accepts: one it refuses is
/// as if the catalog lacked it.
pub fn thread_of(
    catalog: &Catalog,
    id: &str,
    keep: &dyn Fn(&Document) -> bool,
) -> Result<Vec<ThreadEntry>> {
    let mut docs: HashMap<String, Document> = HashMap::new();
    let mut queue = VecDeque::from([id.to_string()]);
    // referenced ids whose referencing documents were already queued (each looked up once)
    let mut expanded: HashSet<String> = HashSet::new();
    while let Some(cur) = queue.pop_front() {
        if docs.contains_key(&cur) || docs.len() >= MAX_THREAD {
            continue;
        }
        let Some(d) = catalog.get(&cur)?.filter(|d| keep(d)) else {
            continue;
        };
        let mut next: Vec<String> = Vec::new();
        for r in d.in_reply_to.iter().chain(d.references.iter()) {
            next.extend(catalog.by_message_id(r)?);
            // siblings: documents that reference the same (perhaps missing) message
            if links_siblings(r) && expanded.insert(r.clone()) {
                next.extend(catalog.referencing(r)?);
            }
        }
        // the other documents with this Message-ID (one message, other bytes: copies a list
        // or a bug tracker changed) are the same message, in the same thread
        if let Some(m) = &d.message_id
            && expanded.insert(m.clone())
        {
            next.extend(catalog.by_message_id(m)?);
            next.extend(catalog.referencing(m)?);
        }
        let has_ids =
            d.message_id.is_some() || !d.in_reply_to.is_empty() || !d.references.is_empty();
        if !has_ids && let Some(s) = &d.subject {
            for other in catalog.by_thread_subject(s)? {
                next.push(other);
            }
        }
        docs.insert(cur, d);
        queue.extend(next.into_iter().filter(|n| !docs.contains_key(n)));
    }
    // subject-linked documents that do carry ids were pulled in only through a no-id doc: keep them
    // parent of each: the last reference / in-reply-to present in the set
    let by_mid: HashMap<String, String> = docs
        .values()
        .filter_map(|d| d.message_id.clone().map(|m| (m, d.id.clone())))
        .collect();
    let mut parent: HashMap<String, String> = HashMap::new();
    for d in docs.values() {
        let candidates = d.in_reply_to.iter().chain(d.references.iter().rev());
        for c in candidates {
            if let Some(p) = by_mid.get(c)
                && p != &d.id
            {
                parent.insert(d.id.clone(), p.clone());
                break;
            }
        }
    }
    // break any cycle
    for id in docs.keys() {
        let mut seen = BTreeSet::new();
        let mut cur = id.clone();
        while let Some(p) = parent.get(&cur).cloned() {
            if !seen.insert(cur.clone()) {
                parent.remove(&cur);
                break;
            }
            cur = p;
        }
    }
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    let mut roots = Vec::new();
    for id in docs.keys() {
        match parent.get(id) {
            Some(p) => children.entry(p.clone()).or_default().push(id.clone()),
            None => roots.push(id.clone()),
        }
    }
    let key = |id: &String| (docs[id].date, id.clone());
    roots.sort_by_key(key);
    for v in children.values_mut() {
        v.sort_by_key(key);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(String, usize)> = roots.into_iter().rev().map(|r| (r, 0)).collect();
    let mut emitted = BTreeSet::new();
    while let Some((id, depth)) = stack.pop() {
        if !emitted.insert(id.clone()) {
            continue;
        }
        if let Some(c) = children.get(&id) {
            for k in c.iter().rev() {
                stack.push((k.clone(), depth + 1));
            }
        }
        if let Some(d) = docs.get(&id) {
            out.push(ThreadEntry {
                depth,
                doc: d.clone(),
            });
        }
    }
    Ok(out)
}
