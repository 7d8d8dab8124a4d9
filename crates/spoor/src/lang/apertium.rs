//! Words of a language translated by Apertium's language data (Debian
//! `apertium-eng-spa`: a morphological analyser and a bilingual dictionary,
//! both finite-state transducers run by lttoolbox's `lt-proc`). Where FreeDict's
//! dictionary of a language is small (Spanish: 4,500 head words, without
//! "ministro"), Apertium's analyser brings any inflected form to its lemma
//! ("sostuvo" → "sostener") and its bilingual dictionary gives the English
//! lemma ("sustain"). A language without a pair with English goes through a
//! chain of pairs: Italian through Spanish (`apertium-spa-ita`, then
//! `apertium-eng-spa`: "negoziati" → "negoziato" → "negociación" →
//! "negotiation"), each bilingual dictionary reading the analysed lemma and
//! tags the one before it gives. The `lt-proc` processes run for the whole
//! check in null-flush mode (`-z`): a word in, its analysis out, no process per word.

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

/// A language's Apertium analyser and the bilingual dictionaries that lead
/// from it to English (none for a language whose analyser only lemmatises).
pub struct Apertium {
    /// The analyser's transducer file.
    analyser_bin: PathBuf,
    analyser: Mutex<Option<Proc>>,
    bilinguals: Vec<Mutex<Option<Proc>>>,
    cache: Mutex<HashMap<String, Vec<String>>>,
    analyses: Mutex<HashMap<String, Option<String>>>,
}

/// The most readings carried from one bilingual dictionary to the next.
const MAX_READINGS: usize = 6;

impl Apertium {
    /// One route of Apertium pairs to English (the first pair's analyser, then
    /// every pair's bilingual dictionary), when all are installed and `lt-proc` runs.
    pub fn route(steps: &[(&str, &str)]) -> Option<Apertium> {
        let (package, direction) = steps.first()?;
        let mut bilinguals = Vec::new();
        for (package, direction) in steps {
            let p = Proc::start("-b", &bin(package, &format!("{direction}.autobil.bin")))?;
            bilinguals.push(Mutex::new(Some(p)));
        }
        Apertium::with_analyser(package, direction, bilinguals)
    }

    /// An analyser alone, which only lemmatises ([`Apertium::lemmas`]).
    pub fn lemmatiser(package: &str, direction: &str) -> Option<Apertium> {
        Apertium::with_analyser(package, direction, Vec::new())
    }

    /// Whether this reads words with the analyser of `package` in `direction`.
    pub fn analyses_with(&self, package: &str, direction: &str) -> bool {
        self.analyser_bin == analyser_bin(package, direction)
    }

    /// Every installed route of a language's profile, in its order.
    pub fn routes(lang: &str) -> Vec<Apertium> {
        super::profiles::for_code(lang)
            .apertium
            .iter()
            .filter_map(|steps| Apertium::route(steps))
            .collect()
    }

    fn with_analyser(
        package: &str,
        direction: &str,
        bilinguals: Vec<Mutex<Option<Proc>>>,
    ) -> Option<Apertium> {
        let analyser_bin = analyser_bin(package, direction);
        let analyser = Proc::start("-a", &analyser_bin)?;
        Some(Apertium {
            analyser_bin,
            analyser: Mutex::new(Some(analyser)),
            bilinguals,
            cache: Mutex::new(HashMap::new()),
            analyses: Mutex::new(HashMap::new()),
        })
    }

    /// The analyser's answer for a word, asked once per word.
    fn analysis(&self, word: &str) -> Option<String> {
        if let Some(hit) = self.analyses.lock().ok().and_then(|c| c.get(word).cloned()) {
            return hit;
        }
        let out = ask(&self.analyser, word);
        if let Ok(mut c) = self.analyses.lock() {
            c.insert(word.to_string(), out.clone());
        }
        out
    }

    /// The lemmas the analyser reads in a word ("maakte" → "maken"), other than
    /// the word itself; empty when it does not know the word.
    pub fn lemmas(&self, word: &str) -> Vec<String> {
        if !plain(word) {
            return Vec::new();
        }
        let Some(analysis) = self.analysis(word) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for r in readings(&analysis).iter().take(MAX_ANALYSES) {
            let lemma = lemma_of(without_clitics(r));
            if !lemma.is_empty() && lemma != word && !out.contains(&lemma) {
                out.push(lemma);
            }
        }
        out
    }

    /// English lemmas of a word (any inflection); empty when Apertium does not
    /// know it, or the word holds characters of Apertium's stream format.
    pub fn translate(&self, word: &str) -> Vec<String> {
        if !plain(word) || self.bilinguals.is_empty() {
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
        let analysis = self.analysis(word)?;
        let mut current: Vec<String> = readings(&analysis)
            .into_iter()
            .take(MAX_ANALYSES)
            .map(|r| without_clitics(&r).to_string())
            .collect();
        for stage in &self.bilinguals {
            let mut next: Vec<String> = Vec::new();
            for reading in &current {
                let reply = ask(stage, &format!("^{reading}$"))?;
                // '@' marks a lemma the bilingual dictionary lacks
                for r in readings(&reply).into_iter().filter(|r| !r.starts_with('@')) {
                    if !next.contains(&r) && next.len() < MAX_READINGS {
                        next.push(r);
                    }
                }
            }
            current = next;
        }
        let mut out: Vec<String> = Vec::new();
        for english in &current {
            let lemma = lemma_of(english);
            if !lemma.is_empty() && !out.contains(&lemma) {
                out.push(lemma);
            }
        }
        Some(out)
    }
}

/// Where Debian puts a file of an Apertium package.
fn bin(package: &str, name: &str) -> PathBuf {
    PathBuf::from(APERTIUM_DIR).join(package).join(name)
}

/// Where Debian puts the analyser of a package in a direction.
fn analyser_bin(package: &str, direction: &str) -> PathBuf {
    bin(package, &format!("{direction}.automorf.bin"))
}

/// Whether a word can be sent to the analyser: not empty, not too long, and
/// free of the characters of Apertium's stream format.
fn plain(word: &str) -> bool {
    !word.is_empty()
        && word.chars().count() <= MAX_WORD
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// One question to a process; a process that does not answer is not asked again.
fn ask(proc: &Mutex<Option<Proc>>, chunk: &str) -> Option<String> {
    let mut guard = proc.lock().ok()?;
    let p = guard.as_mut()?;
    let reply = p.ask(chunk);
    if reply.is_none() {
        *guard = None;
    }
    reply
}

/// A reading without the clitics joined to it ("basare<vblex><inf>+si<prn>…"
/// → "basare<vblex><inf>"): a bilingual dictionary looks up one lemma.
fn without_clitics(reading: &str) -> &str {
    match reading.find(">+") {
        Some(at) => &reading[..=at],
        None => reading,
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
        let ap = Apertium::route(&[("apertium-eng-spa", "spa-eng")])
            .expect("apertium-eng-spa and lt-proc installed");
        assert!(ap.translate("sostuvo").contains(&"sustain".to_string()));
        assert!(ap.translate("ministro").contains(&"minister".to_string()));
        assert!(
            ap.translate("negociaciones")
                .contains(&"negotiation".to_string())
        );
        assert!(ap.translate("^x$").is_empty(), "stream syntax is refused");
    }

    #[test]
    fn italian_reaches_english_through_spanish() {
        // `cargo xtask test` installs Debian's apertium-spa-ita and apertium-eng-spa
        let ap = Apertium::route(&[
            ("apertium-spa-ita", "ita-spa"),
            ("apertium-eng-spa", "spa-eng"),
        ])
        .expect("apertium-spa-ita, apertium-eng-spa, lt-proc");
        assert!(
            ap.translate("negoziati")
                .contains(&"negotiation".to_string())
        );
        assert!(ap.translate("regole").contains(&"rule".to_string()));
        assert!(ap.translate("accettate").contains(&"accept".to_string()));
        // a verb with an enclitic pronoun is looked up by its verb
        assert!(!ap.translate("basarsi").is_empty());
        assert!(ap.translate("xyzzyqq").is_empty());
    }

    #[test]
    fn french_reaches_english_through_spanish() {
        // `cargo xtask test` installs Debian's apertium-fr-es and apertium-eng-spa
        let ap = Apertium::route(&[("apertium-fr-es", "fr-es"), ("apertium-eng-spa", "spa-eng")])
            .expect("apertium-fr-es, apertium-eng-spa, lt-proc");
        let has = |w: &str, e: &str| ap.translate(w).contains(&e.to_string());
        assert!(
            has("négociation", "negotiation"),
            "{:?}",
            ap.translate("négociation")
        );
        assert!(
            has("bilatérale", "bilateral"),
            "{:?}",
            ap.translate("bilatérale")
        );
        assert!(has("estime", "estimate") || has("estime", "esteem"));
        assert!(ap.translate("xyzzyqq").is_empty());
    }

    #[test]
    fn italian_reaches_english_through_catalan() {
        // `cargo xtask test` installs Debian's apertium-cat-ita and apertium-eng-cat
        let ap = Apertium::route(&[
            ("apertium-cat-ita", "ita-cat"),
            ("apertium-eng-cat", "cat-eng"),
        ])
        .expect("apertium-cat-ita, apertium-eng-cat, lt-proc");
        assert!(
            ap.translate("affidabile").contains(&"reliable".to_string()),
            "{:?}",
            ap.translate("affidabile")
        );
        assert!(ap.translate("latrina").contains(&"latrine".to_string()));
        // every route of the Italian profile is installed
        assert_eq!(Apertium::routes("it").len(), 2);
    }

    #[test]
    fn dutch_inflections_reach_their_lemmas() {
        // `cargo xtask test` installs Debian's apertium-afr-nld: an analyser, no pair
        let ap = Apertium::lemmatiser("apertium-afr-nld", "nld-afr")
            .expect("apertium-afr-nld and lt-proc installed");
        assert!(ap.lemmas("beloofden").contains(&"beloven".to_string()));
        assert!(ap.lemmas("hield").contains(&"houden".to_string()));
        assert!(ap.lemmas("ziekten").contains(&"ziekte".to_string()));
        assert!(ap.lemmas("xyzzyqq").is_empty());
        assert!(ap.translate("beloofden").is_empty(), "no pair with English");
    }

    #[test]
    fn clitics_are_cut_from_a_reading() {
        assert_eq!(
            without_clitics("basare<vblex><inf>+si<prn><enc><ref>"),
            "basare<vblex><inf>"
        );
        assert_eq!(without_clitics("regola<n><f><pl>"), "regola<n><f><pl>");
    }
}
