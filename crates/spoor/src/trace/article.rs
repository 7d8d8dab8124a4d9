//! The article under check: its text (from plain text or a saved HTML page, with
//! the page furniture dropped), its title, and its sentences.

/// An article ready to be split into claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The title (first line, or the HTML page's headline).
    pub title: String,
    /// Paragraphs of text, in order (the title is the first).
    pub paragraphs: Vec<String>,
    /// Who wrote it, as the page says (saved pages only).
    pub byline: Option<String>,
    /// When it was published, as the page's metadata says (saved pages only).
    pub published: Option<String>,
    /// The publication's name, as the page's metadata says (saved pages only).
    pub site: Option<String>,
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
    Article {
        title,
        paragraphs,
        byline: None,
        published: None,
        site: None,
    }
}

/// The most elements of a saved page the extractor looks at: a page beyond it
/// is read with the simple reader below (the extractor's work grows with it).
const MAX_PAGE_ELEMENTS: usize = 60_000;

/// The article of a saved news page, found the way a browser's reader view
/// finds it (dom_smoothie, a port of Mozilla's Readability on html5ever):
/// the block with the most prose wins, menus, comment threads, share bars and
/// lists of related links are scored out. Its title, byline and publication
/// date come from the page's metadata (JSON-LD, OpenGraph, `<meta>`), as the
/// reader view reads them. A page the extractor cannot read falls back to the
/// simple reader ([`from_html_simple`]).
pub fn from_html(html: &str) -> Article {
    if !fits_the_extractor(html) {
        return from_html_simple(html);
    }
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: MAX_PAGE_ELEMENTS,
        ..Default::default()
    };
    let parsed = dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse());
    let Ok(found) = parsed else {
        return from_html_simple(html);
    };
    let content = crate::ingest::html::strip_elements(&found.content, &["figure", "figcaption"]);
    let body = crate::ingest::html::to_text(&content);
    let mut a = from_text(&body);
    if a.paragraphs.is_empty() {
        return from_html_simple(html);
    }
    // a news page's `<h1>` is its headline; a one- or two-word `<h1>` is the
    // site's logo, and then the reader view's title (from `<title>`, cleaned
    // of the site's name) stands
    let headline = inner_of(html, "h1")
        .map(|h| squeeze(&crate::ingest::html::to_text(&h)))
        .filter(|h| h.split_whitespace().count() >= 3);
    let title = headline.unwrap_or_else(|| squeeze(&found.title));
    if !title.is_empty() {
        if a.paragraphs.first() != Some(&title) {
            a.paragraphs.insert(0, title.clone());
        }
        a.title = title;
    }
    a.byline = found.byline.map(|b| squeeze(&b)).filter(|b| !b.is_empty());
    a.published = found.published_time.map(|d| squeeze(&d));
    a.site = found.site_name.map(|d| squeeze(&d));
    a
}

/// The deepest nesting of elements the extractor is given: its tree walks
/// recurse once per level (50,000 nested `<div>`s overflowed its stack).
const MAX_PAGE_DEPTH: usize = 256;

/// Whether a page is small and shallow enough for the extractor: elements are
/// counted and their nesting estimated from the tags alone, before any parsing
/// (void elements such as `<br>` and self-closed tags do not nest).
fn fits_the_extractor(html: &str) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option",
    ];
    let (mut depth, mut elements) = (0usize, 0usize);
    let bytes = html.as_bytes();
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let closing = rest.first() == Some(&b'/');
        let name: Vec<u8> = rest[usize::from(closing)..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        if name.is_empty() || !name[0].is_ascii_alphabetic() {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        elements += 1;
        let self_closed = rest
            .iter()
            .position(|&c| c == b'>')
            .is_some_and(|end| end > 0 && rest[end - 1] == b'/');
        if !self_closed && !VOID.iter().any(|v| v.as_bytes() == name.as_slice()) {
            depth += 1;
        }
        if depth > MAX_PAGE_DEPTH || elements > MAX_PAGE_ELEMENTS {
            return false;
        }
    }
    true
}

/// Whitespace runs become one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn inner_of(html: &str, tag: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].rfind(&format!("</{tag}"))?;
    Some(html[start..end].to_string())
}

/// The simple reader of a saved page: `<article>`, else `<main>`, else `<body>`,
/// without scripts, styles, navigation, headers, footers, asides and forms.
pub fn from_html_simple(html: &str) -> Article {
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
    if let Some(h) = headline.map(|h| squeeze(&h))
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

    const PAGE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/articles/nl-saved-page.html"
    ));
    const TEXT: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/seed/article-nl.txt"
    ));

    #[test]
    fn a_saved_page_reads_as_its_article_alone() {
        let page = read(PAGE.as_bytes());
        let plain = from_text(TEXT);
        assert_eq!(page.paragraphs, plain.paragraphs);
        assert_eq!(page.title, plain.title);
        assert_eq!(page.byline.as_deref(), Some("Karim el Amrani"));
        assert!(
            page.published
                .as_deref()
                .unwrap_or("")
                .starts_with("2020-10-13")
        );
        assert_eq!(page.site.as_deref(), Some("Het Noorderlicht"));
        let all = page.paragraphs.join(" ");
        for furniture in [
            "Lees ook",
            "reacties",
            "cookies",
            "Meer over",
            "Deel op",
            "Colofon",
            "Algerije kiest",
            "Home",
        ] {
            assert!(!all.contains(furniture), "{furniture} kept");
        }
    }

    #[test]
    fn a_page_too_deep_or_too_large_for_the_extractor_still_reads() {
        let deep = format!(
            "<html><body>{}<p>Een zin.</p>{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let a = read(deep.as_bytes());
        assert!(a.paragraphs.iter().any(|p| p.contains("Een zin.")));
    }

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
        let a = read(b"<html><head><title>x</title></head><body><nav>Home | News</nav><article><h1>The headline of the day</h1><p>First sentence. Second one.</p><aside>Read more</aside></article><footer>(c)</footer></body></html>");
        assert_eq!(a.title, "The headline of the day");
        assert_eq!(
            a.paragraphs,
            ["The headline of the day", "First sentence. Second one."]
        );
    }
}
