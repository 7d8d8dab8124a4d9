//! Renditions: the same text reached the archive several times (forwarded,
//! copied, printed inside another message, re-released). Each document's words
//! are cut into overlapping five-word shingles and summarised by a MinHash
//! signature; locality-sensitive hashing over bands of the signature finds, in a
//! few table look-ups per document, the earlier documents that probably share
//! most shingles, and the signatures confirm it. Documents whose estimated
//! Jaccard similarity reaches [`SIMILAR`] form a *family*.
//!
//! Words only count: page stamps (removed by the readers), line breaks, quoting
//! marks, punctuation and case do not, so a forward re-wrapped by another mail
//! client still meets its original. Work per document is linear in its length
//! and independent of the archive's size, so it scales to millions of documents.

use crate::model::Document;

/// Number of hash functions of a signature.
pub const HASHES: usize = 64;
/// Rows per band: two documents become candidates when one band agrees.
const ROWS: usize = 4;
/// Bands (HASHES / ROWS). With 16 bands of 4 rows a pair at similarity 0.7
/// becomes a candidate with probability 1 - (1 - 0.7^4)^16 ≈ 0.998.
pub const BANDS: usize = HASHES / ROWS;
// the catalog's band table and docs/FORMATS.md ("Renditions") count on 16
const _: () = assert!(BANDS == 16);
/// Words per shingle.
const SHINGLE: usize = 5;
/// Texts with fewer shingles than this (a "Thanks", a note above a long
/// signature block) form no family: short texts agree by accident.
const MIN_SHINGLES: usize = 40;
/// Estimated Jaccard similarity from which two texts are renditions of one.
pub const SIMILAR: f32 = 0.7;

/// A MinHash signature.
pub type Signature = Vec<u32>;

/// The signature of a document's text — its new text, or with the quoted text
/// when it is a forward whose own note is short ("FYI"); never the signature
/// block — or `None` when it is too short to have renditions.
pub fn signature(d: &Document) -> Option<Signature> {
    let words_of = |part: &str| -> Vec<String> {
        part.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2)
            .map(str::to_lowercase)
            .collect()
    };
    // the sender's own text when it says enough; a forward's short note ("FYI",
    // "Pls print") with the text it carries
    let mut words = words_of(&d.body);
    if words.len() < SHINGLE + MIN_SHINGLES && d.subject.as_deref().is_some_and(is_forward) {
        words.extend(words_of(&d.quoted));
    }
    if words.len() < SHINGLE + MIN_SHINGLES {
        return None;
    }
    let mut sig = vec![u32::MAX; HASHES];
    let mut seen = std::collections::HashSet::new();
    for w in words.windows(SHINGLE) {
        let h = fnv(w);
        if !seen.insert(h) {
            continue;
        }
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = permute(h, i);
            if v < *slot {
                *slot = v;
            }
        }
    }
    (seen.len() >= MIN_SHINGLES).then_some(sig)
}

/// Subject prefixes of a forward in the languages of mail clients (`Fw:`,
/// `Fwd:`, French `TR:`, German `WG:`, Spanish `RV:`): a forward carries the text
/// it quotes, a reply answers it.
const FORWARD_PREFIXES: [&str; 5] = ["fw:", "fwd:", "tr:", "wg:", "rv:"];

fn is_forward(subject: &str) -> bool {
    let l = subject.trim_start().to_lowercase();
    FORWARD_PREFIXES.iter().any(|p| l.starts_with(p))
}

/// FNV-1a over the words of a shingle: stable across builds and platforms, as
/// stored signatures require.
fn fnv(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The i-th hash function: a multiply-xorshift mix of the shingle hash with a
/// per-function odd constant.
fn permute(h: u64, i: usize) -> u32 {
    let a = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(2 * i as u64 + 1) | 1;
    let mut x = (h ^ (i as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9)).wrapping_mul(a);
    x ^= x >> 31;
    (x >> 32) as u32
}

/// The keys of a signature's bands, for the candidate table.
pub fn band_keys(sig: &Signature) -> Vec<u64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ b as u64;
            for r in rows {
                for byte in r.to_le_bytes() {
                    h ^= u64::from(byte);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            h
        })
        .collect()
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32
}

/// A signature as stored (little-endian u32s).
pub fn encode(sig: &Signature) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature.
pub fn decode(bytes: &[u8]) -> Signature {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// How a member of a family ranks as its representative: the document itself
/// rather than a copy printed inside another message (`position` in its file),
/// not a forward or reply, the earliest, then the lowest reference number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RepresentativeRank {
    later_in_file: bool,
    forward: bool,
    undated: bool,
    date: i64,
    doc_no: String,
    id: String,
}

impl RepresentativeRank {
    /// The rank of a member that stands at `position` among the documents read from its file.
    pub fn of(d: &Document, position: usize) -> RepresentativeRank {
        let forward = d
            .subject
            .as_deref()
            .is_some_and(|s| crate::store::thread_subject(s) != s.trim().to_lowercase());
        RepresentativeRank {
            later_in_file: position > 0,
            forward,
            undated: d.date.is_none(),
            date: d.date.map(|x| x.timestamp()).unwrap_or(0),
            doc_no: d.doc_no.clone().unwrap_or_else(|| "~".into()),
            id: d.id.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Document {
        Document {
            body: body.to_string(),
            ..Default::default()
        }
    }

    const MEMO: &str = "According to a very sensitive source, individuals with access to officers of the French external intelligence service working in Mali and Algeria during the January 17, 2013 hostage crisis, stated in private that the Algerian government of President Abdelaziz Bouteflika was surprised and disoriented by the attacks. According to sources with access to the Algerian DGSE, the Bouteflika government reached a highly secret understanding with Belmokhtar after the kidnapping in April 2012 of the Algerian consul in GAO (Mali).";

    #[test]
    fn rewrapped_copy_is_similar() {
        let a = signature(&doc(MEMO)).unwrap();
        let rewrapped = MEMO.replace(", ", ",\n> ").to_uppercase();
        let b = signature(&doc(&format!("Pls print.\n\n{rewrapped}"))).unwrap();
        // a forward's note with the quoted text meets it; a reply's does not
        let mut fwd = doc("FYI");
        fwd.quoted = MEMO.to_string();
        assert!(signature(&fwd).is_none());
        fwd.subject = Some("Fw: memo".into());
        assert!(similarity(&a, &signature(&fwd).unwrap()) >= SIMILAR);
        assert!(similarity(&a, &b) >= SIMILAR, "{}", similarity(&a, &b));
        let shared = band_keys(&a)
            .iter()
            .zip(band_keys(&b))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0);
    }

    #[test]
    fn other_text_is_not() {
        let a = signature(&doc(MEMO)).unwrap();
        let other = "The committee met on Tuesday to discuss the budget for the coming year and agreed that the travel allowance of the staff would be cut by ten percent while the office in Brussels stays open until the end of the summer, when the lease is reviewed again by the board and its auditors.";
        let b = signature(&doc(other)).unwrap();
        assert!(similarity(&a, &b) < 0.2);
        assert!(signature(&doc("Thanks, will do.")).is_none());
        assert_eq!(decode(&encode(&a)), a);
    }
}
