//! English synonymy from Princeton WordNet (Debian `wordnet-base`, files in
//! `/usr/share/wordnet`), so that a claim's "permitted" meets a source's
//! "allowed". Nothing is preprocessed: WordNet's index files are sorted by
//! lemma and searched by bisection, and a synset's offset is the byte offset
//! of its line in the data file, exactly as WordNet's own library reads them.
//! The files (28 MB) are mapped, not read: a check touches a few pages of
//! them, and reading them whole cost a sixth of a check's time.
//! A word is first brought to its lemma the way WordNet's `morphy` does it
//! (exception lists, then suffix rules), then the lemmas of its most frequent
//! senses are its synonyms.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};

/// Senses of a word whose synonyms count, most frequent first: rarer senses
/// ("state" as "nation" and "say") make every common word meet every other
/// (with two senses the tuning part scored no better and "father" met "generate").
const SENSES: usize = 1;

/// The most synonyms kept for one word.
const MAX_SYNONYMS: usize = 12;

/// WordNet's parts of speech, as its file names spell them.
const PARTS: [&str; 4] = ["noun", "verb", "adj", "adv"];

/// WordNet's suffix rules of `morphy`, per part of speech: (ending, replacement).
const SUFFIXES: [&[(&str, &str)]; 4] = [
    &[
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ],
    &[
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ],
    &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    &[],
];

/// One part of speech: its index (sorted lines), data and exception list.
struct Part {
    index: OwnedBytes,
    data: OwnedBytes,
    exceptions: HashMap<String, Vec<String>>,
}

/// WordNet's lexicographer files of the nouns that name a quality or a
/// feeling: noun.attribute (07) and noun.feeling (12).
const QUALITY_FILES: [u8; 2] = [7, 12];

/// A loaded WordNet.
pub struct WordNet {
    parts: Vec<Part>,
    cache: Mutex<HashMap<String, Vec<String>>>,
}

impl WordNet {
    /// WordNet from its directory (`/usr/share/wordnet` on Debian); `None` when
    /// it is not installed or a file cannot be read.
    pub fn load(dir: &Path) -> Option<WordNet> {
        // tantivy's memory map (it maps the index already): no `unsafe` here
        let files = MmapDirectory::open(dir).ok()?;
        let map = |name: String| -> Option<OwnedBytes> {
            files.open_read(Path::new(&name)).ok()?.read_bytes().ok()
        };
        let mut parts = Vec::new();
        for pos in PARTS {
            let index = map(format!("index.{pos}"))?;
            let data = map(format!("data.{pos}"))?;
            let exc = std::fs::read_to_string(dir.join(format!("{pos}.exc"))).unwrap_or_default();
            parts.push(Part {
                index,
                data,
                exceptions: exceptions(&exc),
            });
        }
        Some(WordNet {
            parts,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// WordNet from texts in its file formats, one `(index, data, exceptions)`
    /// per part of speech (noun, verb, adjective, adverb): for tests.
    #[cfg(test)]
    pub fn from_texts(texts: [(&str, &str, &str); 4]) -> WordNet {
        WordNet {
            parts: texts
                .iter()
                .map(|(i, d, e)| Part {
                    index: OwnedBytes::new(i.as_bytes().to_vec()),
                    data: OwnedBytes::new(d.as_bytes().to_vec()),
                    exceptions: exceptions(e),
                })
                .collect(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Whether an English word (any inflection) is an adjective or an adverb
    /// in one of its senses and no form of a verb: the words that describe and
    /// judge, not the participles that tell what was done ("poisoned").
    pub fn is_modifier(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let is = |p: usize| {
            self.parts
                .get(p)
                .is_some_and(|part| !part.lemmas_of(&w, SUFFIXES[p]).is_empty())
        };
        (is(2) || is(3)) && !is(1)
    }

    /// Whether an English word (any inflection) is a noun whose most frequent
    /// sense names a quality or a feeling (WordNet's lexicographer files
    /// noun.attribute and noun.feeling: "courage", "frankness", "anger"), and no
    /// form of a verb: a noun that rates, not one that tells an event.
    pub fn is_quality(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let (Some(noun), Some(verb)) = (self.parts.first(), self.parts.get(1)) else {
            return false;
        };
        if !verb.lemmas_of(&w, SUFFIXES[1]).is_empty() {
            return false;
        }
        noun.lemmas_of(&w, SUFFIXES[0]).iter().any(|l| {
            noun.offsets(l)
                .first()
                .and_then(|&o| noun.lex_file(o))
                .is_some_and(|f| QUALITY_FILES.contains(&f))
        })
    }

    /// Synonyms of an English word (any inflection), the word's own lemmas
    /// excluded: lemmas sharing one of its most frequent senses, single words only.
    pub fn synonyms(&self, word: &str) -> Vec<String> {
        let w = word.to_lowercase();
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&w).cloned()) {
            return hit;
        }
        let mut out: Vec<String> = Vec::new();
        let mut own: Vec<String> = Vec::new();
        for (p, part) in self.parts.iter().enumerate() {
            for lemma in part.lemmas_of(&w, SUFFIXES[p]) {
                for offset in part.offsets(&lemma).into_iter().take(SENSES) {
                    for s in part.synset(offset) {
                        if !out.contains(&s) {
                            out.push(s);
                        }
                    }
                }
                own.push(lemma);
            }
        }
        out.retain(|s| !own.contains(s) && *s != w);
        out.truncate(MAX_SYNONYMS);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(w, out.clone());
        }
        out
    }
}

/// An exception list: inflected form, then its lemmas.
fn exceptions(text: &str) -> HashMap<String, Vec<String>> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let form = it.next()?.to_string();
            Some((form, it.map(str::to_string).collect()))
        })
        .collect()
}

impl Part {
    /// The lemmas a word may be an inflection of, as `morphy` finds them.
    fn lemmas_of(&self, word: &str, suffixes: &[(&str, &str)]) -> Vec<String> {
        let mut out = Vec::new();
        let mut try_lemma = |l: String| {
            if !out.contains(&l) && self.line(&l).is_some() {
                out.push(l);
            }
        };
        try_lemma(word.to_string());
        if let Some(lemmas) = self.exceptions.get(word) {
            lemmas.iter().cloned().for_each(&mut try_lemma);
        }
        for (end, with) in suffixes {
            if let Some(stem) = word.strip_suffix(end)
                && !stem.is_empty()
            {
                try_lemma(format!("{stem}{with}"));
            }
        }
        out
    }

    /// The index line of a lemma, found by bisection (index files are sorted
    /// by lemma; licence lines at the top start with spaces).
    fn line(&self, lemma: &str) -> Option<&[u8]> {
        let key = lemma.as_bytes();
        let (mut lo, mut hi) = (0usize, self.index.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = self.index[..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let end = self.index[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(self.index.len(), |p| start + p);
            let line = &self.index[start..end];
            let word = line.split(|&b| b == b' ').next().unwrap_or_default();
            if line.first() == Some(&b' ') || word < key {
                lo = end + 1;
            } else if word > key {
                hi = start;
            } else {
                return Some(line);
            }
        }
        None
    }

    /// The synset offsets of a lemma, most frequent sense first.
    fn offsets(&self, lemma: &str) -> Vec<usize> {
        let Some(line) = self.line(lemma) else {
            return Vec::new();
        };
        let text = String::from_utf8_lossy(line);
        let fields: Vec<&str> = text.split_whitespace().collect();
        // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offsets…
        let Some(p_cnt) = fields.get(3).and_then(|f| f.parse::<usize>().ok()) else {
            return Vec::new();
        };
        fields
            .iter()
            .skip(4 + p_cnt + 2)
            .filter_map(|f| f.parse().ok())
            .collect()
    }

    /// The lexicographer file of the synset at a byte offset of the data file.
    fn lex_file(&self, offset: usize) -> Option<u8> {
        let rest = self.data.get(offset..)?;
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let text = std::str::from_utf8(&rest[..end]).ok()?;
        // offset lex_filenum ss_type …
        text.split_whitespace().nth(1)?.parse().ok()
    }

    /// The single-word lemmas of the synset at a byte offset of the data file.
    fn synset(&self, offset: usize) -> Vec<String> {
        let Some(rest) = self.data.get(offset..) else {
            return Vec::new();
        };
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let text = String::from_utf8_lossy(&rest[..end]);
        let fields: Vec<&str> = text.split_whitespace().collect();
        // offset lex_filenum ss_type w_cnt(hex) [word lex_id]…
        let Some(count) = fields
            .get(3)
            .and_then(|f| usize::from_str_radix(f, 16).ok())
        else {
            return Vec::new();
        };
        (0..count)
            .filter_map(|i| fields.get(4 + 2 * i))
            .map(|w| w.split('(').next().unwrap_or(w).to_lowercase())
            .filter(|w| !w.contains('_') && !w.contains('-'))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny WordNet in the real file formats (offsets are byte offsets).
    fn tiny() -> WordNet {
        let data = "00000000 41 v 03 permit 0 allow 0 let 0 000 | consent to\n";
        let second = data.len();
        let data = format!("{data}00000063 41 v 02 admit 0 allow 1 000 | make possible\n");
        let index = format!(
            "  1 licence line\nadmit v 1 0 1 0 {second:08}\nallow v 2 0 2 0 00000000 {second:08}\nlet v 1 0 1 0 00000000\npermit v 1 0 1 0 00000000\n"
        );
        let verb: &'static str = Box::leak(index.into_boxed_str());
        let data: &'static str = Box::leak(data.into_boxed_str());
        WordNet::from_texts([
            ("", "", ""),
            (verb, data, "let let\n"),
            ("", "", ""),
            ("", "", ""),
        ])
    }

    #[test]
    fn inflected_words_meet_their_synonyms() {
        let wn = tiny();
        // only the most frequent sense counts: "admit" shares allow's second
        assert_eq!(wn.synonyms("allowed"), ["permit", "let"]);
        assert_eq!(wn.synonyms("admits"), ["allow"]);
        assert_eq!(
            wn.synonyms("permitted"),
            Vec::<String>::new(),
            "no 'permitt' lemma"
        );
        assert_eq!(wn.synonyms("permits"), ["allow", "let"]);
        assert!(wn.synonyms("unknown").is_empty());
    }

    #[test]
    fn the_installed_wordnet() {
        // `cargo xtask test` installs Debian's wordnet-base
        let wn = WordNet::load(Path::new("/usr/share/wordnet")).expect("wordnet-base installed");
        let s = wn.synonyms("allowed");
        assert!(s.contains(&"permit".to_string()), "{s:?}");
        // adjectives and adverbs describe; verbs and nouns only tell
        assert!(wn.is_modifier("remarkable") && wn.is_modifier("bluntly"));
        assert!(wn.is_modifier("happier"), "through morphy's suffix rules");
        assert!(!wn.is_modifier("threaten") && !wn.is_modifier("courage"));
        assert!(!wn.is_modifier("poisoned") && !wn.is_modifier("killed"));
        assert!(!wn.is_modifier("allowed"));
        // nouns of a quality or a feeling rate; nouns of events and people do not
        assert!(wn.is_quality("courage") && wn.is_quality("frankness"));
        assert!(wn.is_quality("gratitude"), "noun.feeling");
        assert!(!wn.is_quality("anger"), "a verb too");
        assert!(!wn.is_quality("hostage") && !wn.is_quality("death"));
        assert!(!wn.is_quality("attack"), "a verb too");
        assert!(!wn.is_quality("remarkable"));
    }
}
