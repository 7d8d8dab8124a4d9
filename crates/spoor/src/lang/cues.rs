//! Finding cues in a text: the words that carry how a sentence knows what it
//! says (attribution, hedges, qualifiers, interpretive framing, negation). The
//! lists themselves are each language's [`crate::lang::profiles::Profile`].

/// Whether `text` (lower case) contains the cue as a word or phrase.
pub fn contains_cue(text_lower: &str, cue: &str) -> bool {
    cue_positions(text_lower, cue).next().is_some()
}

/// Byte offsets in `text_lower` where `cue` stands as a whole word or phrase.
pub fn cue_positions<'a>(text_lower: &'a str, cue: &'a str) -> impl Iterator<Item = usize> + 'a {
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
            let before_ok = !text_lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
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
