//! One function per fuzz target: each hands the fuzzer's bytes to spoor's own
//! reader, the way `spoor ingest` / `spoor check` / `spoor search` would, and
//! returns how many bytes of text came out (so that a test can check that the
//! output stays in proportion to the input).
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and by spoor's
//! regression test over the inputs the fuzzer found
//! (`crates/spoor/tests/fuzz_regressions.rs`), which includes this file.

use spoor::internals::ingest::{self, Format, Mapping, Unit};
use spoor::internals::{Lexicon, article, claims};
use spoor::{Document, Translator};
use std::sync::Arc;

/// The targets, by name (the names of `fuzz/fuzz_targets/*.rs`).
pub const TARGETS: [&str; 11] = [
    "mbox", "mime", "foia", "cable", "csv", "jsonl", "html", "article", "query", "claims", "pdf",
];

/// Run the named target on `data`; `None` for an unknown name.
pub fn run(target: &str, data: &[u8]) -> Option<usize> {
    Some(match target {
        "mbox" => mbox(data),
        "mime" => mime(data),
        "foia" => foia(data),
        "cable" => cable(data),
        "csv" => csv(data),
        "jsonl" => jsonl(data),
        "html" => html(data),
        "article" => article(data),
        "query" => query(data),
        "claims" => claims(data),
        "pdf" => pdf(data),
        _ => return None,
    })
}

/// What a reader may produce from `n` bytes of input: a byte of windows-1252 or
/// UTF-16 becomes at most 3 bytes of UTF-8, and a document's fields repeat a
/// little of its text (subject, names). Anything beyond is an amplification bug.
pub fn output_bound(n: usize) -> usize {
    16 * n + 64 * 1024
}

fn unit(bytes: Vec<u8>, format: Format, path: &str) -> Unit {
    Unit {
        path: Arc::from(path),
        offset: 0,
        bytes,
        format,
        folder: None,
        columns: None,
    }
}

fn text_of(docs: &[Document]) -> usize {
    docs.iter()
        .map(|d| {
            d.body.len()
                + d.quoted.len()
                + d.signature.len()
                + d.subject.as_ref().map_or(0, String::len)
                + d.attachments
                    .iter()
                    .map(|a| a.text.as_ref().map_or(0, String::len))
                    .sum::<usize>()
        })
        .sum()
}

fn parse(u: &Unit, mapping: Option<&Mapping>) -> usize {
    match ingest::parse_unit(u, mapping) {
        Ok(r) => text_of(&r.docs),
        Err(e) => e.to_string().len(),
    }
}

fn checked(input: usize, out: usize) -> usize {
    assert!(
        out <= output_bound(input),
        "{out} bytes of text out of {input} bytes of input"
    );
    out
}

/// An mbox: cut into messages by spoor's streaming reader, each read as a message
/// of a mail folder (as `spoor ingest` does for an mbox file).
pub fn mbox(data: &[u8]) -> usize {
    let folder: Arc<str> = Arc::from("fuzz.mbox");
    let mut out = 0;
    for m in ingest::mbox::MboxReader::new(data) {
        let Ok(m) = m else { break };
        let mut u = unit(m.bytes, Format::Email, "fuzz.mbox");
        u.offset = m.offset;
        u.folder = Some(folder.clone());
        out += parse(&u, None);
    }
    checked(data.len(), out)
}

/// One RFC 5322 / MIME message (an .eml or a Maildir file).
pub fn mime(data: &[u8]) -> usize {
    checked(
        data.len(),
        parse(&unit(data.to_vec(), Format::Email, "fuzz.eml"), None),
    )
}

/// A FOIA release text (falls back to a plain-text document when it is not one).
pub fn foia(data: &[u8]) -> usize {
    checked(
        data.len(),
        parse(&unit(data.to_vec(), Format::Foia, "fuzz.txt"), None),
    )
}

/// A diplomatic cable in text form.
pub fn cable(data: &[u8]) -> usize {
    checked(
        data.len(),
        parse(&unit(data.to_vec(), Format::Cable, "fuzz.txt"), None),
    )
}

/// A saved HTML page.
pub fn html(data: &[u8]) -> usize {
    checked(
        data.len(),
        parse(&unit(data.to_vec(), Format::Html, "fuzz.html"), None),
    )
}

/// A PDF (the reader runs on a thread of its own, its panics caught).
pub fn pdf(data: &[u8]) -> usize {
    checked(
        data.len(),
        parse(&unit(data.to_vec(), Format::Pdf, "fuzz.pdf"), None),
    )
}

/// Split the input at its first line: the mapping (`--map` text), then the table.
fn map_and_table(data: &[u8]) -> (Option<Mapping>, &[u8]) {
    let (map, table) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[data.len()..]),
    };
    let map = Mapping::parse(&String::from_utf8_lossy(map)).ok();
    (map, table)
}

/// A CSV export: first line the column mapping, the rest the table; each row is
/// read through the mapping. A first byte of `\t` makes it a TSV file.
pub fn csv(data: &[u8]) -> usize {
    let (map, table) = map_and_table(data);
    let path = if data.first() == Some(&b'\t') {
        "fuzz.tsv"
    } else {
        "fuzz.csv"
    };
    let mut out = 0;
    if let Ok(units) = ingest::table::split_csv(Arc::from(path), table) {
        for u in &units {
            out += parse(u, map.as_ref());
        }
    }
    checked(data.len(), out)
}

/// A JSON Lines export: first line the column mapping, the rest the lines.
pub fn jsonl(data: &[u8]) -> usize {
    let (map, table) = map_and_table(data);
    let mut out = 0;
    for u in &ingest::table::split_jsonl(Arc::from("fuzz.jsonl"), table) {
        out += parse(u, map.as_ref());
    }
    checked(data.len(), out)
}

/// An article under check (text or a saved page): its reading and its sentences.
pub fn article(data: &[u8]) -> usize {
    let a = article::read(data);
    let mut out = a.title.len();
    for p in &a.paragraphs {
        for s in article::sentences(p) {
            out += s.len();
        }
    }
    checked(data.len(), out)
}

/// A search query: parsed only (no index).
pub fn query(data: &[u8]) -> usize {
    let q = String::from_utf8_lossy(data);
    match spoor::internals::parse_query(&q) {
        Ok(e) => format!("{e:?}").len().min(1),
        Err(e) => e.to_string().len().min(1),
    }
}

/// A translator from a small lexicon held in memory (no dictionaries installed):
/// German and Dutch compounds still go through the lexicon's splitting.
struct Memory(Vec<(&'static str, Lexicon)>);

impl Memory {
    fn new() -> Memory {
        let pairs: &[(&str, &[&str])] = &[
            ("regierung", &["government"]),
            ("präsident", &["president"]),
            ("krise", &["crisis"]),
            ("regering", &["government"]),
            ("crisis", &["crisis"]),
            ("bron", &["source"]),
            ("حكومة", &["government"]),
        ];
        Memory(
            ["de", "nl", "ar"]
                .into_iter()
                .map(|l| (l, Lexicon::from_pairs(l, pairs)))
                .collect(),
        )
    }
}

impl Translator for Memory {
    fn translate(&self, lang: &str, word: &str) -> Vec<String> {
        if lang == "en" {
            return vec![word.to_lowercase()];
        }
        self.0
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, lex)| lex.lookup(word))
            .unwrap_or_default()
    }

    fn supports(&self, lang: &str) -> bool {
        lang == "en" || self.0.iter().any(|(l, _)| *l == lang)
    }
}

/// The claim splitter: the first byte picks the language (one of the checkable
/// ones, or the detector's guess), the rest is the article text; every sentence
/// of every paragraph is analysed and its names refined, as `spoor check` does.
pub fn claims(data: &[u8]) -> usize {
    let Some((&pick, rest)) = data.split_first() else {
        return 0;
    };
    let text = ingest::decode_text(rest);
    let a = article::from_text(&text);
    let langs = spoor::trace::CHECKABLE_LANGUAGES;
    let lang = match langs.get(pick as usize % (langs.len() + 1)) {
        Some(l) => l.to_string(),
        None => spoor::internals::detect(&a.paragraphs.join("\n\n")).to_string(),
    };
    let tr = Memory::new();
    let mut out = 0;
    let mut i = 0;
    for p in &a.paragraphs {
        for s in article::sentences(p) {
            let mut c = claims::analyse(i, &lang, &s);
            claims::refine_names(&mut c, &lang, &tr);
            out += c.text.len() + c.names.iter().map(String::len).sum::<usize>();
            i += 1;
        }
    }
    checked(data.len(), out)
}
