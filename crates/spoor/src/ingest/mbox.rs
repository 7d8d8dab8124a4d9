//! mbox files (mboxo and mboxrd), streamed: messages are cut at `From ` lines that
//! follow a blank line (or start the file); `>From ` escapes are undone; the blank
//! line the writer puts before each separator is dropped.

use std::io::{BufRead, Read};

/// The largest message read from an mbox (a larger one is skipped, named, and
/// the messages after it are read).
pub const MAX_MESSAGE_BYTES: usize = 128 << 20;

/// One message cut out of an mbox: its byte offset (of the `From ` line) and bytes.
pub struct MboxMessage {
    /// Offset of the separator line in the file.
    pub offset: u64,
    /// The message bytes, unescaped, without the separator line (empty when the
    /// message was too large).
    pub bytes: Vec<u8>,
    /// The message's length when it is larger than the reader's bound.
    pub too_large: Option<u64>,
}

/// Streaming reader over the messages of an mbox.
pub struct MboxReader<R: BufRead> {
    inner: R,
    pos: u64,
    pending_sep: Option<u64>,
    line: Vec<u8>,
    done: bool,
    max_message: usize,
}

impl<R: BufRead> MboxReader<R> {
    /// Wrap a buffered reader positioned at the start of an mbox.
    pub fn new(inner: R) -> Self {
        MboxReader {
            inner,
            pos: 0,
            pending_sep: None,
            line: Vec::with_capacity(256),
            done: false,
            max_message: MAX_MESSAGE_BYTES,
        }
    }

    /// The same reader with another bound on a message's size.
    pub fn with_max_message(mut self, bytes: usize) -> Self {
        self.max_message = bytes;
        self
    }
}

fn unescape(line: &[u8]) -> &[u8] {
    // mboxrd: one '>' is removed from lines matching ^>+From
    let n = line.iter().take_while(|&&b| b == b'>').count();
    if n > 0 && line[n..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = std::io::Result<MboxMessage>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut msg: Vec<u8> = Vec::new();
        let mut start = self.pending_sep.take();
        let mut prev_blank = true;
        let mut skipped: u64 = 0;
        loop {
            self.line.clear();
            // a line is read in pieces of at most the message bound: one endless
            // line cannot take all memory
            let limit = (self.max_message as u64).max(1 << 16) + 1;
            let n = match (&mut self.inner)
                .take(limit)
                .read_until(b'\n', &mut self.line)
            {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if n == 0 {
                self.done = true;
                break;
            }
            let line_start = self.pos;
            self.pos += n as u64;
            if self.line.starts_with(b"From ") && prev_blank {
                if start.is_some() {
                    self.pending_sep = Some(line_start);
                    break;
                }
                start = Some(line_start);
                prev_blank = false;
                continue;
            }
            if start.is_none() {
                // text before the first separator: not part of any message
                prev_blank = self.line.iter().all(|b| b.is_ascii_whitespace());
                continue;
            }
            prev_blank = self.line == b"\n" || self.line == b"\r\n";
            if skipped > 0 || msg.len() + self.line.len() > self.max_message {
                skipped += (msg.len() + self.line.len()) as u64;
                msg = Vec::new();
                continue;
            }
            msg.extend_from_slice(unescape(&self.line));
        }
        let offset = start?;
        if skipped > 0 {
            return Some(Ok(MboxMessage {
                offset,
                bytes: Vec::new(),
                too_large: Some(skipped),
            }));
        }
        // drop the blank line the writer put before the next separator
        if msg.ends_with(b"\n\n") {
            msg.pop();
        } else if msg.ends_with(b"\r\n\r\n") {
            msg.truncate(msg.len() - 2);
        }
        Some(Ok(MboxMessage {
            offset,
            bytes: msg,
            too_large: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_unescapes() {
        let data = b"From a@b Mon Jan  1 00:00:00 2001\nSubject: one\n\nhello\n>From the start\n\nFrom b@c Mon Jan  1 00:00:00 2001\nSubject: two\n\nbye\n";
        let msgs: Vec<_> = MboxReader::new(&data[..]).map(|m| m.unwrap()).collect();
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0].bytes, b"Subject: one\n\nhello\nFrom the start\n");
        assert_eq!(msgs[1].offset, 71);
        assert_eq!(msgs[1].bytes, b"Subject: two\n\nbye\n");
    }

    #[test]
    fn a_message_over_the_bound_is_skipped_and_the_next_read() {
        let big = "x".repeat(5000);
        let data = format!(
            "From a Mon Jan  1 00:00:00 2001\nSubject: big\n\n{big}\n{big}\n\nFrom b Mon Jan  1 00:00:00 2001\nSubject: small\n\nbye\n"
        );
        let msgs: Vec<_> = MboxReader::new(data.as_bytes())
            .with_max_message(4096)
            .map(|m| m.unwrap())
            .collect();
        assert_eq!(msgs.len(), 2);
        assert!(msgs[0].too_large.is_some_and(|n| n > 10_000));
        assert!(msgs[0].bytes.is_empty());
        assert_eq!(msgs[1].bytes, b"Subject: small\n\nbye\n");
        assert_eq!(msgs[1].too_large, None);
    }
}
