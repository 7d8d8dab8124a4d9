//! Separating a message's new text from quoted replies, forwarded text and the signature.

use crate::lang::profiles;

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

/// Whether a line begins a mail disclaimer or legal notice (a profile's
/// [`crate::lang::Profile::disclaimer_starts`]): what follows is not the
/// sender's text but boilerplate, kept with the signature.
fn is_disclaimer(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    profiles::all().any(|p| p.disclaimer_starts.iter().any(|d| l.starts_with(d)))
}

/// Whether a line is a mail client's reply or forward header in any profile's
/// [`crate::lang::profiles::ReplyHeaders`] (mail of every language passes through
/// clients of every language).
fn is_reply_header(line: &str) -> bool {
    let t = line.trim();
    let l = t.to_ascii_lowercase();
    let bare = l.trim_matches(|c: char| c == '-' || c.is_whitespace());
    profiles::all().any(|p| {
        let h = &p.reply_headers;
        h.bare.contains(&bare)
            || (l.starts_with("-----") && h.in_rule.iter().any(|x| l.contains(x)))
            || h.starts.iter().any(|x| l.starts_with(x))
            || h.wrote.iter().any(|w| {
                (h.on.iter().any(|o| l.starts_with(o)) && l.ends_with(w))
                    || l.len() < 200 && l.strip_suffix(w).is_some_and(|r| r.ends_with(' '))
            })
    })
}

/// Split a plain-text body. Quoted parts are lines starting with `>` and everything
/// after a reply header ("-----Original Message-----", "On … wrote:", "Forwarded by").
/// The signature is what follows a `-- ` line, or the start of a disclaimer, in the new text.
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
        if line == "-- " || line == "--" || is_disclaimer(line) {
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
    fn disclaimer_and_ocr_original_message() {
        let p = split_body(
            "Here is the note.\n\nBest Tony\n\nDISCLAIMER\n\nWARNING - This email is only intended for the person\n",
        );
        assert_eq!(p.new_text, "Here is the note.\n\nBest Tony");
        assert!(p.signature.starts_with("DISCLAIMER"));
        let p = split_body("Will do.\n    Original Message\nFrom: H\nSent: today\n\nPls call.");
        assert_eq!(p.new_text, "Will do.");
        assert!(p.quoted.contains("Pls call."));
    }

    #[test]
    fn outlook_original() {
        let p =
            split_body("Agreed.\n\n -----Original Message-----\nFrom: Bob\nSubject: x\n\nold text");
        assert_eq!(p.new_text, "Agreed.");
        assert!(p.quoted.starts_with(" -----Original Message-----"));
    }
}
