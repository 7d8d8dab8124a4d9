//! Progress display: a bar on a terminal, nothing in pipes and under CI.
//! `SPOOR_PROGRESS=lines` prints one line per committed batch instead (for scripts and tests).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Renders [`spoor::Progress`] events.
pub struct Bar {
    bar: Option<ProgressBar>,
    lines: bool,
}

impl Bar {
    /// A bar for a job named `what`.
    pub fn new(what: &str) -> Bar {
        let lines = std::env::var("SPOOR_PROGRESS").is_ok_and(|v| v == "lines");
        let tty = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = (tty && !lines).then(|| {
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template(
                    "{prefix} [{bar:30}] {bytes}/{total_bytes} ({binary_bytes_per_sec}, ETA {eta}) {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.set_prefix(what.to_string());
            b
        });
        Bar { bar, lines }
    }
}

impl spoor::Progress for Bar {
    fn start(&self, files: u64, bytes: u64) {
        if let Some(b) = &self.bar {
            b.set_length(bytes);
            b.set_message(format!("0/{files} files"));
        }
    }
    fn update(&self, files: u64, bytes: u64, documents: u64) {
        if let Some(b) = &self.bar {
            b.set_position(bytes);
            b.set_message(format!("{files} files, {documents} messages"));
        }
    }
    fn committed(&self, total: u64) {
        if self.lines {
            eprintln!("committed {total}");
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
