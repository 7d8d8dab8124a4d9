//! The article under check: its text (from plain text or a saved HTML page, with
//! the page furniture dropped), its title, and its sentences.

/// An article ready to be split into claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The title (first line, or the HTML page's headline).
    pub title: String,
    /// Paragraphs of text, in order (the title is the first).
    pub paragraphs: Vec<String>,
}

/// Read an article from bytes: HTML is recognised and reduced to its article text.
pub fn read(bytes: &[u8]) -> Article {
    let text = crate::ingest::decode_text(bytes);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = trimmed
        .chars()
        .take(300)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
    {
        from_html(trimmed)
    } else {
        from_text(trimmed)
    }
}

/// Paragraphs are separated by blank lines; a paragraph's lines are joined.
pub fn from_text(text: &str) -> Article {
    let mut paragraphs = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                paragraphs.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        paragraphs.push(cur.join(" "));
    }
    let title = paragraphs.first().cloned().unwrap_or_default();
    Article { title, paragraphs }
}

fn inner_of(html: &str, tag: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].rfind(&format!("</{tag}"))?;
    Some(html[start..end].to_string())
}

/// The article text of a saved page: `<article>`, else `<main>`, else `<body>`,
/// without scripts, styles, navigation, headers, footers, asides and forms.
pub fn from_html(html: &str) -> Article {
    let headline = inner_of(html, "h1").map(|h| crate::ingest::html::to_text(&h));
    let scope = inner_of(html, "article")
        .or_else(|| inner_of(html, "main"))
        .or_else(|| inner_of(html, "body"))
        .unwrap_or_else(|| html.to_string());
    let cleaned = crate::ingest::html::strip_elements(
        &scope,
        &[
            "script", "style", "nav", "header", "footer", "aside", "form", "figure", "noscript",
            "button",
        ],
    );
    let text = crate::ingest::html::to_text(&cleaned);
    let mut a = from_text(&text);
    if let Some(h) = headline.map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        && !h.is_empty()
    {
        if a.paragraphs.first() != Some(&h) {
            a.paragraphs.insert(0, h.clone());
        }
        a.title = h;
    }
    a
}

/// Split a paragraph into sentences. Handles abbreviations, initials, decimal
/// numbers, and quotes that close after the full stop.
pub fn sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<char> = paragraph.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?' | '…' | '؟') {
            // include closing quotes and brackets
            let mut end = i + 1;
            while end < chars.len()
                && matches!(
                    chars[end],
                    '"' | '\'' | '”' | '’' | '»' | ')' | '.' | '!' | '?'
                )
            {
                end += 1;
            }
            let next_is_space = end >= chars.len() || chars[end].is_whitespace();
            let mut k = end;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            // scripts without letter case (Arabic) start a sentence with any letter
            let caseless =
                |ch: char| ch.is_alphabetic() && !ch.is_uppercase() && !ch.is_lowercase();
            let next_starts_upper = k >= chars.len()
                || chars[k].is_uppercase()
                || caseless(chars[k])
                || chars[k].is_ascii_digit()
                || matches!(chars[k], '"' | '\'' | '“' | '‘' | '«' | '(' | '¿' | '¡');
            let is_break =
                next_is_space && next_starts_upper && (c != '.' || !abbreviation_before(&chars, i));
            if is_break {
                let s: String = chars[start..end].iter().collect();
                let s = s.trim().to_string();
                if !s.is_empty() {
                    out.push(s);
                }
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    let rest: String = chars[start..].iter().collect();
    let rest = rest.trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// Whether the full stop at `dot` ends an abbreviation or an initial.
fn abbreviation_before(chars: &[char], dot: usize) -> bool {
    // an ordinal or a day of the month: "am 16. Januar", "im 20. Jahrhundert"
    let mut d = dot;
    while d > 0 && chars[d - 1].is_ascii_digit() {
        d -= 1;
    }
    if (1..=2).contains(&(dot - d)) && (d == 0 || chars[d - 1].is_whitespace()) {
        return true;
    }
    let mut b = dot;
    while b > 0 && (chars[b - 1].is_alphabetic() || chars[b - 1] == '.') {
        b -= 1;
    }
    let word: String = chars[b..dot].iter().collect::<String>().to_lowercase();
    if word.is_empty() {
        return false;
    }
    // a single capital letter: an initial ("J. Smith")
    if word.chars().count() == 1 && chars[b].is_uppercase() {
        return true;
    }
    // the abbreviations of every profile: an article cites titles and names of other languages
    crate::lang::profiles::all().any(|p| p.abbreviations.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let s = sentences(
            "Dhr. Jansen kwam om 10.30 uur. Hij zei: \"Het is voorbij.\" Daarna vertrok hij.",
        );
        assert_eq!(
            s,
            [
                "Dhr. Jansen kwam om 10.30 uur.",
                "Hij zei: \"Het is voorbij.\"",
                "Daarna vertrok hij."
            ]
        );
        let s = sentences("M. Dupont a parlé. J. Smith aussi! Et après?");
        assert_eq!(s, ["M. Dupont a parlé.", "J. Smith aussi!", "Et après?"]);
    }

    #[test]
    fn html_article() {
        let a = read(b"<html><head><title>x</title></head><body><nav>Home | News</nav><article><h1>The headline</h1><p>First sentence. Second one.</p><aside>Read more</aside></article><footer>(c)</footer></body></html>");
        assert_eq!(a.title, "The headline");
        assert_eq!(
            a.paragraphs,
            ["The headline", "First sentence. Second one."]
        );
    }
}
