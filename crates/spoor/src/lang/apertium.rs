//! Words of a language translated by Apertium's language data (Debian
//! `apertium-eng-spa`: a morphological analyser and a bilingual dictionary,
//! both finite-state transducers run by lttoolbox's `lt-proc`). Where FreeDict's
//! dictionary of a language is small (Spanish: 4,500 head words, without
//! "ministro"), Apertium's analyser brings any inflected form to its lemma
//! ("sostuvo" → "sostener") and its bilingual dictionary gives the English
//! lemma ("sustain"). Two `lt-proc` processes run for the whole check in
//! null-flush mode (`-z`): a word in, its analysis out, no process per word.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

/// Where Debian installs Apertium's language pairs.
const APERTIUM_DIR: &str = "/usr/share/apertium";

/// The longest word sent to the analyser (longer ones are not words).
const MAX_WORD: usize = 64;

/// The most analyses of one word whose translations are kept.
const MAX_ANALYSES: usize = 3;

/// The Apertium pair of a language with English: (package directory, direction).
fn pair(lang: &str) -> Option<(&'static str, &'static str)> {
    match lang {
        "es" => Some(("apertium-eng-spa", "spa-eng")),
        _ => None,
    }
}

/// How long one answer of `lt-proc` may take before the process is given up.
const ANSWER_TIME: Duration = Duration::from_secs(5);

/// One `lt-proc` in null-flush mode; a thread reads its answers, so that a
/// process that stops answering costs [`ANSWER_TIME`], not a hung check.
struct Proc {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<Vec<u8>>,
}

impl Proc {
    fn start(mode: &str, bin: &Path) -> Option<Proc> {
        let mut child = Command::new("lt-proc")
            .args(["-z", mode])
            .arg(bin)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = child.stdout.take()?;
        let (tx, answers) = std::sync::mpsc::channel();
        std::thread::spawn(move || read_answers(stdout, &tx));
        Some(Proc {
            child,
            stdin,
            answers,
        })
    }

    /// One chunk in, its output out (both ended by a NUL byte; the chunk also
    /// by a newline, without which the bilingual mode waits for more input).
    fn ask(&mut self, chunk: &str) -> Option<String> {
        self.stdin.write_all(chunk.as_bytes()).ok()?;
        self.stdin.write_all(b"\n\0").ok()?;
        self.stdin.flush().ok()?;
        let out = self.answers.recv_timeout(ANSWER_TIME).ok()?;
        String::from_utf8(out)
            .ok()
            .map(|o| o.trim_end().to_string())
    }
}

/// Send each NUL-ended answer of a process until its output ends.
fn read_answers(stdout: ChildStdout, tx: &Sender<Vec<u8>>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut out = Vec::new();
        match reader.read_until(0, &mut out) {
            Ok(n) if n > 0 && out.last() == Some(&0) => {
                out.pop();
                if tx.send(out).is_err() {
                    return;
                }
            }
            _ => return,
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A language's Apertium analyser and bilingual dictionary.
pub struct Apertium {
    analyser: Mutex<Option<Proc>>,
    bilingual: Mutex<Option<Proc>>,
    cache: Mutex<HashMap<String, Vec<String>>>,
}

impl Apertium {
    /// The Apertium data of a language, when its pair with English is installed
    /// and `lt-proc` runs.
    pub fn for_language(lang: &str) -> Option<Apertium> {
        let (package, direction) = pair(lang)?;
        let dir = PathBuf::from(APERTIUM_DIR).join(package);
        let analyser = Proc::start("-a", &dir.join(format!("{direction}.automorf.bin")))?;
        let bilingual = Proc::start("-b", &dir.join(format!("{direction}.autobil.bin")))?;
        Some(Apertium {
            analyser: Mutex::new(Some(analyser)),
            bilingual: Mutex::new(Some(bilingual)),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// English lemmas of a word (any inflection); empty when Apertium does not
    /// know it, or the word holds characters of Apertium's stream format.
    pub fn translate(&self, word: &str) -> Vec<String> {
        let plain = word.chars().count() <= MAX_WORD
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        if !plain || word.is_empty() {
            return Vec::new();
        }
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(word).cloned()) {
            return hit;
        }
        let out = self.translate_uncached(word).unwrap_or_default();
        if let Ok(mut c) = self.cache.lock() {
            c.insert(word.to_string(), out.clone());
        }
        out
    }

    fn translate_uncached(&self, word: &str) -> Option<Vec<String>> {
        let analysis = {
            let mut guard = self.analyser.lock().ok()?;
            let proc = guard.as_mut()?;
            let reply = proc.ask(word);
            if reply.is_none() {
                *guard = None; // a dead process is not asked again
            }
            reply?
        };
        let mut out: Vec<String> = Vec::new();
        for reading in readings(&analysis).into_iter().take(MAX_ANALYSES) {
            let reply = {
                let mut guard = self.bilingual.lock().ok()?;
                let proc = guard.as_mut()?;
                let reply = proc.ask(&format!("^{reading}$"));
                if reply.is_none() {
                    *guard = None;
                }
                reply?
            };
            for english in readings(&reply) {
                // '@' marks a lemma the bilingual dictionary lacks
                if english.starts_with('@') {
                    continue;
                }
                let lemma = lemma_of(&english);
                if !lemma.is_empty() && !out.contains(&lemma) {
                    out.push(lemma);
                }
            }
        }
        Some(out)
    }
}

/// The readings of one lexical unit `^surface/reading1/reading2$` (none when
/// it is unknown: `^surface/*surface$`).
fn readings(unit: &str) -> Vec<String> {
    let inner = unit.trim().trim_start_matches('^').trim_end_matches('$');
    inner
        .split('/')
        .skip(1)
        .filter(|r| !r.starts_with('*') && !r.is_empty())
        .map(str::to_string)
        .collect()
}

/// The lemma of a reading: the text before its first tag, with Apertium's
/// multi-word joiner ('#' or '+') turned into spaces.
fn lemma_of(reading: &str) -> String {
    let base = reading.split('<').next().unwrap_or_default();
    base.replace(['#', '+', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_format_is_read() {
        assert_eq!(
            readings("^sostuvo/sostener<vblex><ifi><p3><sg>$"),
            ["sostener<vblex><ifi><p3><sg>"]
        );
        assert!(readings("^pesquero/*pesquero$").is_empty());
        assert_eq!(lemma_of("sustain<vblex><ifi>"), "sustain");
        assert_eq!(lemma_of("take# part<vblex>"), "take part");
    }

    #[test]
    fn spanish_inflections_reach_english_lemmas() {
        // `cargo xtask test` installs Debian's apertium-eng-spa
        let ap = Apertium::for_language("es").expect("apertium-eng-spa and lt-proc installed");
        assert!(ap.translate("sostuvo").contains(&"sustain".to_string()));
        assert!(ap.translate("ministro").contains(&"minister".to_string()));
        assert!(
            ap.translate("negociaciones")
                .contains(&"negotiation".to_string())
        );
        assert!(ap.translate("^x$").is_empty(), "stream syntax is refused");
    }
}
