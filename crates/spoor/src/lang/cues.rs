//! Finding cues in a text: the words that carry how a sentence knows what it
//! says (attribution, hedges, qualifiers, interpretive framing, negation). The
//! lists themselves are each language's [`crate::lang::profiles::Profile`].

/// Whether `text` (lower case) contains the cue as a word or phrase.
pub fn contains_cue(text_lower: &str, cue: &str) -> bool {
    cue_positions(text_lower, cue).next().is_some()
}

/// Whether `text` (lower case) contains the cue as a word or phrase, alone or
/// with one of the language's `attached` words written onto it (Arabic "وحسب",
/// "and according to": [`crate::lang::profiles::Profile::attached`]).
pub fn contains_cue_attached(text_lower: &str, cue: &str, attached: &[&str]) -> bool {
    positions(text_lower, cue, attached).next().is_some()
}

/// Byte offsets in `text_lower` where `cue` stands as a whole word or phrase.
pub fn cue_positions<'a>(text_lower: &'a str, cue: &'a str) -> impl Iterator<Item = usize> + 'a {
    positions(text_lower, cue, &[])
}

/// Whether a cue at byte `at` starts a word: nothing alphanumeric before it, or
/// one of `attached` that starts a word itself.
fn starts_word(text_lower: &str, at: usize, attached: &[&str]) -> bool {
    let before = &text_lower[..at];
    let free = |b: &str| !b.chars().next_back().is_some_and(char::is_alphanumeric);
    free(before)
        || attached
            .iter()
            .any(|a| before.strip_suffix(a).is_some_and(&free))
}

/// [`cue_positions`], a cue also counting after an attached word.
fn positions<'a>(
    text_lower: &'a str,
    cue: &'a str,
    attached: &'a [&'a str],
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        while from <= text_lower.len() {
            let p = text_lower[from..].find(cue)?;
            let at = from + p;
            let end = at + cue.len();
            from = at + cue.len().max(1);
            while from < text_lower.len() && !text_lower.is_char_boundary(from) {
                from += 1;
            }
            let before_ok = starts_word(text_lower, at, attached);
            let after_ok = !text_lower[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if before_ok && after_ok {
                return Some(at);
            }
        }
        None
    })
}

/// Whether the words of a multi-word cue appear in order, at most two words apart
/// ("werpen ook licht op" carries "werpen licht op").
pub fn contains_loose(text_lower: &str, cue: &str) -> bool {
    if contains_cue(text_lower, cue) {
        return true;
    }
    let want: Vec<&str> = cue.split_whitespace().collect();
    if want.len() < 2 {
        return false;
    }
    let words: Vec<String> = text_lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    'start: for i in 0..words.len() {
        if words[i] != want[0] {
            continue;
        }
        let mut at = i;
        for w in &want[1..] {
            match (at + 1..words.len().min(at + 4)).find(|&j| words[j] == *w) {
                Some(j) => at = j,
                None => continue 'start,
            }
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{contains_cue, contains_cue_attached};

    #[test]
    fn a_cue_counts_with_an_attached_conjunction_only_where_the_language_writes_one() {
        let ar = crate::lang::profiles::for_code("ar").attached;
        // "and according to the same sources"
        assert!(contains_cue_attached("وحسب المصادر ذاتها", "حسب", ar));
        assert!(!contains_cue("وحسب المصادر ذاتها", "حسب"));
        // a word that merely ends in the cue is no cue
        assert!(!contains_cue_attached("محسب", "حسب", ar));
        // Latin-script languages attach nothing
        let en = crate::lang::profiles::for_code("en").attached;
        assert!(!contains_cue_attached("reportedly", "reported", en));
        assert!(contains_cue_attached("as reported by", "reported", en));
    }
}
