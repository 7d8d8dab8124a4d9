//! Separating a message's new text from quoted replies, forwarded text and the signature.

/// The three parts of a message body.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BodyParts {
    /// What the sender wrote.
    pub new_text: String,
    /// Quoted replies and forwarded messages.
    pub quoted: String,
    /// The signature block.
    pub signature: String,
}

fn is_reply_header(line: &str) -> bool {
    let t = line.trim();
    let l = t.to_ascii_lowercase();
    (l.starts_with("-----") && (l.contains("original message") || l.contains("forwarded")))
        || l.starts_with("---------------------- forwarded by")
        || (l.starts_with("on ") && l.ends_with("wrote:"))
        || l.ends_with(" wrote:") && l.len() < 200
        || l.starts_with("begin forwarded message")
}

/// Split a plain-text body. Quoted parts are lines starting with `>` and everything
/// after a reply header ("-----Original Message-----", "On … wrote:", "Forwarded by").
/// The signature is what follows a `-- ` line in the new text.
pub fn split_body(text: &str) -> BodyParts {
    let mut parts = BodyParts::default();
    let mut in_tail = false;
    let mut in_sig = false;
    for line in text.lines() {
        if !in_tail && is_reply_header(line) {
            in_tail = true;
        }
        if in_tail || line.trim_start().starts_with('>') {
            parts.quoted.push_str(line);
            parts.quoted.push('\n');
            continue;
        }
        if line == "-- " || line == "--" {
            in_sig = true;
        }
        let target = if in_sig {
            &mut parts.signature
        } else {
            &mut parts.new_text
        };
        target.push_str(line);
        target.push('\n');
    }
    for s in [&mut parts.new_text, &mut parts.quoted, &mut parts.signature] {
        let t = s.trim_end().to_string();
        *s = t;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_and_signature() {
        let p = split_body(
            "Yes, see you then.\n-- \nJane\n\nOn Mon, Jan 1, 2001 Bob wrote:\n> Meet at 5?\n",
        );
        assert_eq!(p.new_text, "Yes, see you then.");
        assert_eq!(p.signature, "-- \nJane");
        assert!(p.quoted.contains("Meet at 5?"));
    }

    #[test]
    fn outlook_original() {
        let p =
            split_body("Agreed.\n\n -----Original Message-----\nFrom: Bob\nSubject: x\n\nold text");
        assert_eq!(p.new_text, "Agreed.");
        assert!(p.quoted.starts_with(" -----Original Message-----"));
    }
}
