//! Bilingual lexicons for crossing the language gap between an article and its
//! sources. [`Translator`] is the seam: today [`FreeDict`] reads the FreeDict
//! dictionaries that Debian ships (`dict-freedict-nld-eng`, `-fra-eng`,
//! `-deu-eng`, `-spa-eng`, `-ita-eng`, `-por-eng`: dictd format under
//! `/usr/share/dictd`); a neural translator can take its place later.
//!
//! Lookups try the word as written, then dictionary forms reached by stripping
//! inflection endings ("aanslagen" → "aanslag"), then, for Dutch and German
//! compounds, a split into two known words ("vredesakkoord" → "vrede" +
//! "akkoord"). The English-X dictionary is read too, inverted, which more than
//! doubles what the small French, Spanish and Italian dictionaries know.
//! Dictionary bodies are dictzip files, read chunk by chunk on demand.

// foldhash for the word maps left (seeded per process like SipHash, faster on short words)
use super::table::{Cached, Table};
use foldhash::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::profiles::{Lang, Script, for_code, profile};

/// Gives English renderings of words of other languages.
pub trait Translator: Send + Sync {
    /// English words or short phrases for `word` (lower case) of language `lang`.
    /// Empty when the word is unknown. English words are returned as they are.
    fn translate(&self, lang: &str, word: &str) -> Vec<String>;
    /// Whether the translator has a lexicon for this language.
    fn supports(&self, lang: &str) -> bool;
    /// Translations of the word itself or its dictionary forms, never of its parts
    /// (for trying a separated verb particle in front of a verb).
    fn translate_whole(&self, lang: &str, word: &str) -> Vec<String> {
        self.translate(lang, word)
    }
    /// English synonyms of an English word (none without a thesaurus).
    fn synonyms(&self, _english: &str) -> Vec<String> {
        Vec::new()
    }
    /// Whether an English word is an adjective or an adverb and no verb (WordNet);
    /// false without a thesaurus that says.
    fn is_modifier(&self, _english: &str) -> bool {
        false
    }
    /// Whether an English word is a noun naming a quality or a feeling and no
    /// verb (WordNet); false without a thesaurus that says.
    fn is_quality(&self, _english: &str) -> bool {
        false
    }
    /// Whether the dictionary renders the word as an English proper noun (a
    /// name: "Peking" → "Beijing"); false without a dictionary that says.
    fn is_proper(&self, _lang: &str, _word: &str) -> bool {
        false
    }
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_number(s: &str) -> Option<usize> {
    let mut n = 0usize;
    for c in s.bytes() {
        let v = B64.iter().position(|&x| x == c)?;
        n = n.checked_mul(64)?.checked_add(v)?;
    }
    Some(n)
}

/// The translations in a FreeDict entry body (the lines after the headword line).
fn entry_translations(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in entry_items(body) {
        let t = t.to_lowercase();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Whether an entry renders its headword as an English proper noun: English
/// capitalises names only, so a rendering with a capital and small letters
/// ("Beijing" for "Peking") names a place or a person, not a thing.
fn entry_is_proper(body: &str) -> bool {
    entry_items(body).iter().any(|t| {
        let mut cs = t.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    })
}

/// The renderings of an entry as written: notes, examples, numbering and
/// grammatical remarks left out; at most four words each.
fn entry_items(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in body.lines().skip(1) {
        let mut l = line.trim().to_string();
        if l.is_empty()
            || l.starts_with("Note:")
            || l.starts_with("Synonym")
            || l.starts_with("see:")
            || l.starts_with('"')
        {
            continue;
        }
        // numbering "1." and grammatical notes <n, masc>, (…), […]
        while let Some(p) = l.find(['<', '(', '[']) {
            let close = match &l[p..p + 1] {
                "<" => '>',
                "(" => ')',
                _ => ']',
            };
            match l[p..].find(close) {
                Some(q) => l.replace_range(p..p + q + 1, " "),
                None => l.truncate(p),
            }
        }
        let l = l
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .replace('ĳ', "ij")
            .replace('Ĳ', "IJ");
        for item in l.split([',', ';']) {
            let t = item.trim().trim_matches(|c: char| !c.is_alphanumeric());
            if !t.is_empty() && t.split_whitespace().count() <= 4 {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// A dictd dictionary body, compressed with dictzip: read chunk by chunk, so a
/// lookup in a 60 MB dictionary inflates 58 KB, not all of it.
struct DictData {
    /// Chunks already inflated (each is inflated once).
    inflated: Mutex<HashMap<usize, Arc<Vec<u8>>>>,
    bytes: Vec<u8>,
    /// (offset in `bytes`, compressed size) of each chunk; empty when the file is plain.
    chunks: Vec<(usize, usize)>,
    chunk_len: usize,
    plain: Option<Vec<u8>>,
}

impl DictData {
    fn open(base: &Path) -> std::io::Result<DictData> {
        let dz = PathBuf::from(format!("{}.dict.dz", base.display()));
        if !dz.exists() {
            let plain = std::fs::read(format!("{}.dict", base.display()))?;
            return Ok(DictData {
                inflated: Mutex::new(HashMap::default()),
                bytes: Vec::new(),
                chunks: Vec::new(),
                chunk_len: 0,
                plain: Some(plain),
            });
        }
        let bytes = std::fs::read(&dz)?;
        match Self::chunk_table(&bytes) {
            Some((chunk_len, chunks)) => Ok(DictData {
                inflated: Mutex::new(HashMap::default()),
                bytes,
                chunks,
                chunk_len,
                plain: None,
            }),
            None => {
                let mut plain = Vec::new();
                flate2::read::MultiGzDecoder::new(bytes.as_slice()).read_to_end(&mut plain)?;
                Ok(DictData {
                    inflated: Mutex::new(HashMap::default()),
                    bytes: Vec::new(),
                    chunks: Vec::new(),
                    chunk_len: 0,
                    plain: Some(plain),
                })
            }
        }
    }

    /// The dictzip "RA" extra field: chunk length and compressed chunk sizes.
    fn chunk_table(b: &[u8]) -> Option<(usize, Vec<(usize, usize)>)> {
        let u16_at = |i: usize| -> Option<usize> {
            Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]) as usize)
        };
        if b.get(..3)? != [0x1f, 0x8b, 8] {
            return None;
        }
        let flags = *b.get(3)?;
        if flags & 4 == 0 {
            return None;
        }
        let xlen = u16_at(10)?;
        let extra = b.get(12..12 + xlen)?;
        let mut i = 0;
        let mut table = None;
        while i + 4 <= extra.len() {
            let len = u16::from_le_bytes([extra[i + 2], extra[i + 3]]) as usize;
            if &extra[i..i + 2] == b"RA" {
                let f = extra.get(i + 4..i + 4 + len)?;
                let chlen = u16::from_le_bytes([*f.get(2)?, *f.get(3)?]) as usize;
                let chcnt = u16::from_le_bytes([*f.get(4)?, *f.get(5)?]) as usize;
                let sizes: Vec<usize> = (0..chcnt)
                    .map(|k| {
                        u16::from_le_bytes([
                            f.get(6 + 2 * k).copied().unwrap_or(0),
                            f.get(7 + 2 * k).copied().unwrap_or(0),
                        ]) as usize
                    })
                    .collect();
                table = Some((chlen, sizes));
            }
            i += 4 + len;
        }
        let (chlen, sizes) = table?;
        let mut pos = 12 + xlen;
        for flag in [8u8, 16] {
            if flags & flag != 0 {
                pos += b.get(pos..)?.iter().position(|&x| x == 0)? + 1;
            }
        }
        if flags & 2 != 0 {
            pos += 2;
        }
        let mut chunks = Vec::with_capacity(sizes.len());
        for s in sizes {
            chunks.push((pos, s));
            pos += s;
        }
        Some((chlen, chunks))
    }

    fn read(&self, off: usize, len: usize) -> Option<String> {
        if let Some(p) = &self.plain {
            return p
                .get(off..off + len)
                .map(|x| String::from_utf8_lossy(x).into_owned());
        }
        if self.chunk_len == 0 {
            return None;
        }
        let first = off / self.chunk_len;
        let last = (off + len).saturating_sub(1) / self.chunk_len;
        let start = off - first * self.chunk_len;
        if first == last {
            // most entries lie inside one chunk: slice it, copy only the entry
            let chunk = self.chunk(first)?;
            return chunk
                .get(start..start + len)
                .map(|x| String::from_utf8_lossy(x).into_owned());
        }
        let mut out = Vec::with_capacity((last - first + 1) * self.chunk_len);
        for k in first..=last {
            out.extend_from_slice(&self.chunk(k)?);
        }
        out.get(start..start + len)
            .map(|x| String::from_utf8_lossy(x).into_owned())
    }

    /// Chunk `k`, inflated (once).
    fn chunk(&self, k: usize) -> Option<Arc<Vec<u8>>> {
        let cached = self.inflated.lock().ok().and_then(|m| m.get(&k).cloned());
        let chunk = match cached {
            Some(c) => c,
            None => {
                let (at, size) = *self.chunks.get(k)?;
                let input = self.bytes.get(at..at + size)?;
                let mut d = flate2::Decompress::new(false);
                let mut buf = Vec::with_capacity(self.chunk_len);
                d.decompress_vec(input, &mut buf, flate2::FlushDecompress::Sync)
                    .ok()?;
                let c = Arc::new(buf);
                if let Ok(mut m) = self.inflated.lock() {
                    m.insert(k, c.clone());
                }
                c
            }
        };
        Some(chunk)
    }
}

/// One language's lexicon to English: the X-English dictionary (entries read on
/// demand) and, inverted, the English-X dictionary.
pub struct Lexicon {
    lang: String,
    /// Headword → `offset:length` of its entries in `data`.
    index: Table,
    data: Option<DictData>,
    /// The inverted English-X dictionary: word → English headwords.
    reverse: Table,
    extra: HashMap<String, Vec<String>>,
    cache: Mutex<HashMap<String, Vec<String>>>,
}

/// A headword or a looked-up word as the lexicon of `lang` keys it: lower case;
/// Arabic normalised (alef and hamza forms, taa marbuta, diacritics).
fn key(lang: &str, w: &str) -> String {
    let k = w.trim().to_lowercase().replace('ĳ', "ij");
    if for_code(lang).script == Script::Arabic {
        super::arabic::normalise(&k)
    } else {
        k
    }
}

/// The entries of a dictd index in file order: key, offset and length.
fn index_entries(lang: &str, text: &str) -> Vec<(String, usize, usize)> {
    let arabic_script = for_code(lang).script == Script::Arabic;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut parts = line.split('\t');
        let (Some(head), Some(off), Some(len)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if head.starts_with("00database") {
            continue;
        }
        let (Some(off), Some(len)) = (b64_number(off), b64_number(len)) else {
            continue;
        };
        let k = key(lang, head);
        // Arabic headwords often carry the article: keep a key without it too
        if arabic_script
            && let Some(bare) = k
                .strip_prefix("ال")
                .filter(|b| b.chars().count() >= 3 && !b.contains(' '))
        {
            out.push((bare.to_string(), off, len));
        }
        out.push((k, off, len));
    }
    out
}

/// The places (offset, length) a forward table gives a headword.
fn places(index: &Table, w: &str) -> Vec<(usize, usize)> {
    index
        .get(w)
        .into_iter()
        .flatten()
        .filter_map(|v| {
            let (o, l) = v.split_once(':')?;
            Some((o.parse().ok()?, l.parse().ok()?))
        })
        .collect()
}

/// A table from the cache when it is there and valid, else built and stored.
/// The dictionaries' indexes are sorted by their own headwords, not by the
/// normalised keys, so the table is built once and cached (`$SPOOR_CACHE_DIR`,
/// else `$XDG_CACHE_HOME/spoor`, else `~/.cache/spoor` for the CLI), valid
/// while the index file keeps its size and modification time.
fn cached_table(
    cache: Option<&Path>,
    source: &Path,
    what: &str,
    build: impl FnOnce() -> std::io::Result<Table>,
) -> std::io::Result<Table> {
    let file = cache.and_then(|c| Cached::new(c, source, what));
    if let Some(t) = file.as_ref().and_then(Cached::load) {
        return Ok(t);
    }
    let t = build()?;
    if let Some(f) = file {
        f.store(&t);
    }
    Ok(t)
}

/// Arabic proclitics (conjunctions, prepositions, the article) and endings
/// (tanween alif, verb and plural endings, pronoun suffixes), longest first.
const AR_PREFIXES: [&str; 12] = [
    "وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س",
];
const AR_SUFFIXES: [&str; 15] = [
    "هما", "ات", "ين", "ون", "ان", "وا", "ها", "هم", "ية", "تم", "ا", "ت", "ه", "ي", "ن",
];

/// Dictionary forms an Arabic word may have: proclitics and endings stripped
/// (each remainder of three letters or more), with and without the article.
fn arabic_forms(w: &str) -> Vec<String> {
    let mut bases: Vec<&str> = vec![w];
    for p in AR_PREFIXES {
        if let Some(b) = w.strip_prefix(p)
            && b.chars().count() >= 3
        {
            bases.push(b);
        }
    }
    let mut out = Vec::new();
    for b in bases {
        out.push(b.to_string());
        for sfx in AR_SUFFIXES {
            if let Some(core) = b.strip_suffix(sfx)
                && core.chars().count() >= 3
            {
                out.push(core.to_string());
                out.push(format!("{core}ه"));
            }
        }
    }
    let st = super::arabic::stem(w);
    out.push(st);
    let with_article: Vec<String> = out.iter().map(|f| format!("ال{f}")).collect();
    out.extend(with_article);
    out
}

impl Lexicon {
    /// Read `freedict-XXX-eng` (and `freedict-eng-XXX`, inverted, when present) from `dir`;
    /// the inverted one is cached in `cache` when given.
    pub fn load(
        dir: &Path,
        code: &str,
        lang: &str,
        cache: Option<&Path>,
    ) -> std::io::Result<Lexicon> {
        let fwd = dir.join(format!("freedict-{code}-eng"));
        let rev = dir.join(format!("freedict-eng-{code}"));
        let mut lex = Lexicon {
            lang: lang.to_string(),
            index: Table::default(),
            data: None,
            reverse: Table::default(),
            extra: HashMap::default(),
            cache: Mutex::new(HashMap::default()),
        };
        let mut found = false;
        let fwd_index = fwd.with_extension("index");
        if fwd_index.exists() {
            lex.index = cached_table(cache, &fwd_index, &format!("{lang}.forward"), || {
                let idx = std::fs::read_to_string(&fwd_index)?;
                Ok(Table::from_pairs(
                    index_entries(lang, &idx)
                        .into_iter()
                        .map(|(k, o, l)| (k, format!("{o}:{l}"))),
                ))
            })?;
            lex.data = Some(DictData::open(&fwd)?);
            found = true;
        }
        let rev_index = rev.with_extension("index");
        if rev_index.exists() {
            lex.reverse = cached_table(cache, &rev_index, &format!("{lang}.reverse"), || {
                let idx = std::fs::read_to_string(&rev_index)?;
                let data = DictData::open(&rev)?;
                let mut pairs = Vec::new();
                for (english, off, len) in index_entries("en", &idx) {
                    let Some(body) = data.read(off, len) else {
                        continue;
                    };
                    for t in entry_translations(&body) {
                        pairs.push((key(lang, &t), english.clone()));
                    }
                }
                Ok(Table::from_pairs(pairs))
            })?;
            found = true;
        }
        if !found {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no FreeDict {code}-eng dictionary in {}", dir.display()),
            ));
        }
        Ok(lex)
    }

    /// Build from (word, translations) pairs (for tests and other sources).
    pub fn from_pairs(lang: &str, pairs: &[(&str, &[&str])]) -> Lexicon {
        let mut extra: HashMap<String, Vec<String>> = HashMap::default();
        for (w, tr) in pairs {
            extra
                .entry(w.to_lowercase())
                .or_default()
                .extend(tr.iter().map(|s| s.to_string()));
        }
        Lexicon {
            lang: lang.to_string(),
            index: Table::default(),
            data: None,
            reverse: Table::default(),
            extra,
            cache: Mutex::new(HashMap::default()),
        }
    }

    /// Number of headwords (both directions).
    pub fn len(&self) -> usize {
        self.index.len() + self.reverse.len() + self.extra.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether an entry of the word as written renders it as an English
    /// proper noun ([`entry_is_proper`]).
    pub fn proper(&self, word: &str) -> bool {
        let w = key(&self.lang, word);
        let Some(data) = &self.data else {
            return false;
        };
        places(&self.index, &w)
            .iter()
            .filter_map(|&(off, len)| data.read(off, len))
            .any(|body| entry_is_proper(&body))
    }

    fn exact(&self, w: &str) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        if let Some(data) = &self.data {
            for (off, len) in places(&self.index, w) {
                if let Some(body) = data.read(off, len) {
                    for t in entry_translations(&body) {
                        if !out.contains(&t) {
                            out.push(t);
                        }
                    }
                }
            }
        }
        let reverse = self.reverse.get(w).into_iter().flatten();
        let extra = self.extra.get(w).into_iter().flatten().map(String::as_str);
        for t in reverse.chain(extra) {
            if !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Dictionary forms a word may have: the profile's inflection endings stripped,
    /// a doubled consonant undone or restored, participles of compounding languages
    /// (ge-…-d/t → …-en), Arabic clitics and endings, then the profile's derivations
    /// (Dutch adjectives of place: -aanse → -o/-a, -ijnse → -ije).
    fn forms(&self, w: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut push = |f: String| {
            if f.chars().count() >= 3 && f != w && !out.contains(&f) {
                out.push(f);
            }
        };
        let profile = for_code(&self.lang);
        for (suffix, replacement) in profile.suffixes {
            if let Some(stem) = w.strip_suffix(suffix) {
                push(format!("{stem}{replacement}"));
                let chars: Vec<char> = stem.chars().collect();
                if chars.len() >= 4 && chars[chars.len() - 1] == chars[chars.len() - 2] {
                    push(chars[..chars.len() - 1].iter().collect());
                }
            }
        }
        if profile.compounds {
            let core = w.strip_prefix("ge").unwrap_or(w);
            if let Some(stem) = core.strip_suffix('d').or_else(|| core.strip_suffix('t')) {
                push(format!("{stem}en"));
                // open syllable: "desoriënteer" → "desoriënteren", "verras" → "verrassen"
                let chars: Vec<char> = stem.chars().collect();
                let n = chars.len();
                if n >= 3 && chars[n - 2] == chars[n - 3] && "aeou".contains(chars[n - 2]) {
                    let mut c = chars.clone();
                    c.remove(n - 2);
                    push(format!("{}en", c.iter().collect::<String>()));
                }
                if let Some(last) = chars.last() {
                    push(format!("{stem}{last}en"));
                }
            }
        }
        if profile.script == Script::Arabic {
            for f in arabic_forms(w) {
                push(f);
            }
        }
        for (suffix, replacement) in profile.derivations {
            if let Some(stem) = w.strip_suffix(suffix) {
                push(format!("{stem}{replacement}"));
            }
        }
        out
    }

    fn direct(&self, w: &str) -> Option<Vec<String>> {
        let mut out = self.exact(w).unwrap_or_default();
        // an inflected form may also be a headword of its own ("franse" → "frenchwoman"): add the base form's
        for f in self.forms(w) {
            if let Some(v) = self.exact(&f) {
                for t in v {
                    if !out.contains(&t) {
                        out.push(t);
                    }
                }
                break;
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Translations of a word: as written, in a dictionary form, or as a compound of two known words.
    pub fn lookup(&self, word: &str) -> Vec<String> {
        let w = key(&self.lang, word);
        if let Ok(cache) = self.cache.lock()
            && let Some(v) = cache.get(&w)
        {
            return v.clone();
        }
        let result = self.lookup_uncached(&w);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(w, result.clone());
        }
        result
    }

    fn lookup_uncached(&self, w: &str) -> Vec<String> {
        if let Some(v) = self.direct(w) {
            return v;
        }
        let participle = w.starts_with("ge") && (w.ends_with('d') || w.ends_with('t'));
        if for_code(&self.lang).compounds && w.chars().count() >= 8 && !participle {
            let chars: Vec<char> = w.chars().collect();
            // the longest known head (right part) with a known modifier (left part)
            for k in 4..chars.len().saturating_sub(3) {
                let right: String = chars[k..].iter().collect();
                let Some(r) = self.direct(&right) else {
                    continue;
                };
                let left_full: String = chars[..k].iter().collect();
                for left in [
                    left_full.as_str(),
                    left_full.trim_end_matches('s'),
                    left_full.trim_end_matches("en"),
                    left_full.trim_end_matches('e'),
                ] {
                    if left.chars().count() >= 4
                        && let Some(l) = self.direct(left)
                    {
                        let mut out = r.clone();
                        out.extend(l);
                        return out;
                    }
                }
            }
            // an unknown modifier: the head alone still says what kind of thing it is
            // ("gijzelingscrisis" → "crisis")
            for k in 3..chars.len().saturating_sub(4) {
                let right: String = chars[k..].iter().collect();
                if let Some(r) = self.direct(&right) {
                    return r;
                }
            }
        }
        Vec::new()
    }
}

/// Where Debian's FreeDict packages install their dictionaries.
pub const DICT_DIR: &str = "/usr/share/dictd";

/// Where Debian's `wordnet-base` installs English WordNet.
const WORDNET_DIR: &str = "/usr/share/wordnet";

/// FreeDict dictionaries from a directory (default `/usr/share/dictd`; the
/// CLI's `SPOOR_DICT_DIR` names another), loaded on first use of each language.
pub struct FreeDict {
    dir: PathBuf,
    /// Where inverted dictionaries are cached, if anywhere.
    cache: Option<PathBuf>,
    loaded: Mutex<HashMap<String, Option<Arc<Lexicon>>>>,
    /// English WordNet (Debian `wordnet-base`), loaded on first use.
    wordnet: std::sync::OnceLock<Option<crate::lang::wordnet::WordNet>>,
    /// Apertium's routes to English and its lemmatiser per language, started on first use.
    apertium: Mutex<HashMap<String, Arc<ApertiumData>>>,
}

impl FreeDict {
    /// Dictionaries in the default directory, `/usr/share/dictd`.
    pub fn new() -> FreeDict {
        FreeDict::in_dir(Path::new(DICT_DIR))
    }

    /// Cache inverted dictionaries in `dir` (none by default).
    pub fn with_cache(mut self, dir: Option<PathBuf>) -> FreeDict {
        self.cache = dir;
        self
    }

    /// Dictionaries in a given directory.
    pub fn in_dir(dir: &Path) -> FreeDict {
        FreeDict {
            dir: dir.to_path_buf(),
            cache: None,
            loaded: Mutex::new(HashMap::default()),
            wordnet: std::sync::OnceLock::new(),
            apertium: Mutex::new(HashMap::default()),
        }
    }

    /// The lexicon of a language, if its dictionary is installed.
    pub fn lexicon(&self, lang: &str) -> Option<Arc<Lexicon>> {
        let mut map = self.loaded.lock().ok()?;
        if let Some(l) = map.get(lang) {
            return l.clone();
        }
        let lex = Lang::from_code(lang)
            .and_then(|l| profile(l).freedict)
            .and_then(|code| {
                Lexicon::load(&self.dir, code, lang, self.cache.as_deref())
                    .ok()
                    .map(Arc::new)
            });
        map.insert(lang.to_string(), lex.clone());
        lex
    }
}

impl Default for FreeDict {
    fn default() -> Self {
        FreeDict::new()
    }
}

/// Append the items `out` does not hold yet, in order.
fn push_distinct(out: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for t in items {
        if !out.contains(&t) {
            out.push(t);
        }
    }
}

/// A language's Apertium data: its installed routes to English and its
/// lemmatiser (a route's own process when the route reads with the same analyser).
struct ApertiumData {
    routes: Vec<Arc<crate::lang::apertium::Apertium>>,
    lemmatiser: Option<Arc<crate::lang::apertium::Apertium>>,
}

impl FreeDict {
    /// English WordNet, loaded on first use (`None` when not installed).
    fn thesaurus(&self) -> Option<&crate::lang::wordnet::WordNet> {
        self.wordnet
            .get_or_init(|| crate::lang::wordnet::WordNet::load(Path::new(WORDNET_DIR)))
            .as_ref()
    }

    /// Apertium's data of a language, what of it is installed (started once).
    fn apertium(&self, lang: &str) -> Option<Arc<ApertiumData>> {
        use crate::lang::apertium::Apertium;
        let mut map = self.apertium.lock().ok()?;
        let data = map.entry(lang.to_string()).or_insert_with(|| {
            let routes: Vec<Arc<Apertium>> =
                Apertium::routes(lang).into_iter().map(Arc::new).collect();
            // Spanish, Italian and French lemmatise with their first route's
            // analyser: one lt-proc loading it, not two
            let lemmatiser = for_code(lang).analyser.and_then(|(package, direction)| {
                routes
                    .iter()
                    .find(|r| r.analyses_with(package, direction))
                    .cloned()
                    .or_else(|| Apertium::lemmatiser(package, direction).map(Arc::new))
            });
            Arc::new(ApertiumData { routes, lemmatiser })
        });
        Some(data.clone())
    }
}

impl Translator for FreeDict {
    /// FreeDict's renderings; for a word FreeDict lacks, Apertium's where the
    /// language has an Apertium pair with English; failing both, FreeDict's
    /// renderings of the lemmas Apertium's analyser reads in the word
    /// ("beloofden" → "beloven" → "promise").
    fn translate(&self, lang: &str, word: &str) -> Vec<String> {
        if lang == "en" {
            return vec![word.to_lowercase()];
        }
        let lexicon = self.lexicon(lang);
        let found = lexicon.as_ref().map(|l| l.lookup(word)).unwrap_or_default();
        if !found.is_empty() {
            return found;
        }
        let Some(apertium) = self.apertium(lang) else {
            return Vec::new();
        };
        let lower = word.to_lowercase();
        let mut out: Vec<String> = Vec::new();
        for route in &apertium.routes {
            push_distinct(&mut out, route.translate(&lower));
        }
        if !out.is_empty() {
            return out;
        }
        let lemmas = apertium
            .lemmatiser
            .as_ref()
            .map(|l| l.lemmas(&lower))
            .unwrap_or_default();
        for lemma in lemmas {
            push_distinct(&mut out, lexicon.iter().flat_map(|l| l.lookup(&lemma)));
        }
        out
    }

    fn supports(&self, lang: &str) -> bool {
        lang == "en" || self.lexicon(lang).is_some()
    }

    fn synonyms(&self, english: &str) -> Vec<String> {
        self.thesaurus()
            .map(|w| w.synonyms(english))
            .unwrap_or_default()
    }

    fn is_modifier(&self, english: &str) -> bool {
        self.thesaurus().is_some_and(|w| w.is_modifier(english))
    }

    fn is_quality(&self, english: &str) -> bool {
        self.thesaurus().is_some_and(|w| w.is_quality(english))
    }

    fn translate_whole(&self, lang: &str, word: &str) -> Vec<String> {
        if lang == "en" {
            return vec![word.to_lowercase()];
        }
        self.lexicon(lang)
            .and_then(|l| l.direct(&key(lang, word)))
            .unwrap_or_default()
    }

    fn is_proper(&self, lang: &str, word: &str) -> bool {
        lang != "en" && self.lexicon(lang).is_some_and(|l| l.proper(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capitalised_rendering_is_a_proper_noun() {
        assert!(entry_is_proper(
            "Peking /pˈeːkɪŋ/\n [geogr.] Beijing\n Note: capital of China\n"
        ));
        assert!(!entry_is_proper(
            "Kapitän /kap/ <masc, n, sg>\n captain <n>\n"
        ));
        // an abbreviation is not taken for a name
        assert!(!entry_is_proper("UNO <f>\n UN\n"));
    }

    #[test]
    fn an_inflection_freedict_lacks_is_looked_up_by_its_lemma() {
        // `cargo xtask test` installs FreeDict nld-eng and Apertium's Dutch analyser
        let dict = FreeDict::new();
        let past = dict.translate("nl", "beloofden");
        assert!(past.contains(&"promise".to_string()), "{past:?}");
    }

    #[test]
    fn parses_entries() {
        let body = "aanslag /ˈaːnslɑx/ <n>\n1. attack, assault (on)\n2. assessment\n";
        assert_eq!(
            entry_translations(body),
            ["attack", "assault", "assessment"]
        );
        assert_eq!(b64_number("Bd"), Some(93));
    }

    #[test]
    fn stems_and_compounds() {
        let lex = Lexicon::from_pairs(
            "nl",
            &[
                ("vrede", &["peace"]),
                ("akkoord", &["agreement"]),
                ("aanslag", &["attack"]),
            ],
        );
        assert_eq!(lex.lookup("aanslagen"), ["attack"]);
        assert_eq!(lex.lookup("vredesakkoord"), ["agreement", "peace"]);
        assert_eq!(lex.lookup("akkoorden"), ["agreement"]);
        assert!(lex.lookup("onbekend").is_empty());
        let places = Lexicon::from_pairs(
            "nl",
            &[
                ("argentinië", &["argentina"]),
                ("palestina", &["palestine"]),
            ],
        );
        assert_eq!(places.lookup("argentijnse"), ["argentina"]);
        assert_eq!(places.lookup("palestijnse"), ["palestine"]);
    }
}
