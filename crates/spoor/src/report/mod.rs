//! Renderers of a [`CheckReport`]: a text report for the terminal, Markdown, a
//! standalone HTML page (article left, source right, differences marked) and
//! schema.org ClaimReview JSON-LD. JSON is the report itself, serialised.

use crate::trace::{CheckReport, ClaimResult, Verdict};

/// Mark every occurrence of each phrase in `text` with `open`/`close` (case-insensitive, longest first).
pub(crate) fn mark(text: &str, phrases: &[String], open: &str, close: &str) -> String {
    mark_groups(text, &[(phrases, open, close)])
}

/// Mark several groups of phrases, each with its own marks; earlier groups win
/// where phrases overlap. Matches are whole words, case-insensitive.
pub(crate) fn mark_groups(text: &str, groups: &[(&[String], &str, &str)]) -> String {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // case mapping changed byte lengths: mark nothing rather than cut a character
        return text.to_string();
    }
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (g, (phrases, _, _)) in groups.iter().enumerate() {
        let mut sorted: Vec<&String> = phrases.iter().filter(|p| p.chars().count() >= 2).collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for p in sorted {
            let lp = p.to_lowercase();
            let mut from = 0;
            while let Some(i) = lower[from..].find(&lp) {
                let a = from + i;
                let b = a + lp.len();
                let word_start = a == 0
                    || !lower[..a]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                let word_end = b >= lower.len()
                    || !lower[b..].chars().next().is_some_and(char::is_alphanumeric);
                if word_start && word_end && !spans.iter().any(|&(x, y, _)| a < y && b > x) {
                    spans.push((a, b, g));
                }
                from = b;
            }
        }
    }
    spans.sort();
    let mut out = String::with_capacity(text.len() + spans.len() * 8);
    let mut last = 0;
    for (a, b, g) in spans {
        out.push_str(&text[last..a]);
        out.push_str(groups[g].1);
        out.push_str(&text[a..b]);
        out.push_str(groups[g].2);
        last = b;
    }
    out.push_str(&text[last..]);
    out
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "SUPPORTED",
        Verdict::Altered => "ALTERED",
        Verdict::NotInSource => "NOT IN SOURCE",
        Verdict::Contradicted => "CONTRADICTED",
        Verdict::NotCheckable => "not checkable",
    }
}

fn source_phrases(c: &ClaimResult) -> Vec<String> {
    c.differences
        .iter()
        .map(|d| d.source.clone())
        .filter(|s| !s.is_empty())
        .collect()
}

fn article_phrases(c: &ClaimResult) -> Vec<String> {
    c.differences
        .iter()
        .map(|d| d.article.clone())
        .filter(|s| !s.is_empty() && !s.starts_with('('))
        .collect()
}

/// The report a person reads in a terminal. With `color`, ANSI marks; else `[…]` and `{…}`.
pub fn text(r: &CheckReport, color: bool) -> String {
    let (mo, mc, so, sc) = if color {
        ("\x1b[1;33m", "\x1b[0m", "\x1b[1;36m", "\x1b[0m")
    } else {
        ("[", "]", "{", "}")
    };
    let mut s = String::new();
    s.push_str(&format!(
        "Article: {} ({})\n",
        r.article.title, r.article.language
    ));
    if let Some(n) = &r.article.note {
        s.push_str(&format!("Note: {n}\n"));
    }
    s.push_str(&format!(
        "Lexicon: {} of {} content words known\n\nSources:\n",
        r.lexicon.known, r.lexicon.words
    ));
    if r.sources.is_empty() {
        s.push_str("  (no document in the archive carries the article's claims)\n");
    }
    for src in &r.sources {
        s.push_str(&format!(
            "  {:.2}  {}  {}  {}  {}\n",
            src.score,
            src.doc_no
                .as_deref()
                .unwrap_or(&src.id[..12.min(src.id.len())]),
            src.date
                .as_deref()
                .map(|d| &d[..10.min(d.len())])
                .unwrap_or("(no date)"),
            src.from.as_deref().unwrap_or(""),
            src.subject.as_deref().unwrap_or("")
        ));
        if !src.renditions.is_empty() {
            s.push_str(&format!(
                "        also in the archive as: {}\n",
                rendition_list(src)
            ));
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for c in &r.claims {
        *counts.entry(c.verdict.as_str()).or_insert(0) += 1;
    }
    s.push_str(&format!(
        "\nVerdicts: {}\n",
        counts
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for c in &r.claims {
        s.push_str(&format!("\n#{} {}\n", c.index, verdict_label(c.verdict)));
        s.push_str(&format!(
            "  article: {}\n",
            mark(&c.text, &article_phrases(c), mo, mc)
        ));
        if let Some(reason) = &c.reason {
            s.push_str(&format!("  ({reason})\n"));
        }
        if let Some(e) = c.evidence.first() {
            let mut phrases = source_phrases(c);
            phrases.extend(e.matched.iter().cloned());
            let (uo, uc) = if color {
                ("\x1b[4m", "\x1b[24m")
            } else {
                ("_", "_")
            };
            let marked = if c.verdict == Verdict::NotInSource {
                e.passage.clone()
            } else {
                mark_groups(
                    &e.passage,
                    &[(&source_phrases(c), so, sc), (&e.matched, uo, uc)],
                )
            };
            s.push_str(&format!(
                "  {} {} ({:.2}): {}\n",
                if c.verdict == Verdict::NotInSource {
                    "nearest"
                } else {
                    "source"
                },
                e.doc_no.as_deref().unwrap_or(&e.id[..12.min(e.id.len())]),
                e.score,
                marked
            ));
        }
        for d in &c.differences {
            let src = if d.source.is_empty() {
                "(not in the source)".to_string()
            } else {
                format!("\"{}\"", d.source)
            };
            let art = if d.article.is_empty() {
                "(dropped by the article)".to_string()
            } else {
                format!("\"{}\"", d.article)
            };
            s.push_str(&format!(
                "  - {}: article {} / source {}\n",
                d.kind, art, src
            ));
        }
        if let Some(ch) = &c.chain {
            let mut links = vec![if ch.article.is_empty() {
                "article (states it as fact)".to_string()
            } else {
                format!("article ({})", ch.article.join(", "))
            }];
            links.push(format!("document ({})", ch.document));
            for cited in &ch.cited {
                links.push(format!("\"{cited}\""));
            }
            s.push_str(&format!("  chain: {}\n", links.join(" → ")));
        }
    }
    s
}

/// Markdown, for a published check or a ticket.
pub fn markdown(r: &CheckReport) -> String {
    let mut s = format!(
        "# Check: {}\n\nLanguage: {}. ",
        r.article.title, r.article.language
    );
    if let Some(n) = &r.article.note {
        s.push_str(&format!("Note: {n}. "));
    }
    s.push_str(
        "\n\n## Sources\n\n| score | document | date | from | subject |\n|---|---|---|---|---|\n",
    );
    for src in &r.sources {
        s.push_str(&format!(
            "| {:.2} | {} | {} | {} | {} |\n",
            src.score,
            src.doc_no.as_deref().unwrap_or(&src.id),
            src.date.as_deref().unwrap_or(""),
            src.from.as_deref().unwrap_or("").replace('|', "\\|"),
            src.subject.as_deref().unwrap_or("").replace('|', "\\|")
        ));
        if !src.renditions.is_empty() {
            s.push_str(&format!(
                "| | renditions: {} | | | |\n",
                rendition_list(src)
            ));
        }
    }
    s.push_str("\n## Claims\n");
    for c in &r.claims {
        s.push_str(&format!(
            "\n### {}. {}\n\n> {}\n\n",
            c.index,
            c.verdict.as_str(),
            mark(&c.text, &article_phrases(c), "**", "**")
        ));
        if let Some(reason) = &c.reason {
            s.push_str(&format!("_{reason}_\n\n"));
        }
        if let Some(e) = c.evidence.first() {
            s.push_str(&format!(
                "{} ({}, {:.2}):\n\n> {}\n\n",
                if c.verdict == Verdict::NotInSource {
                    "Nearest passage"
                } else {
                    "Source"
                },
                e.doc_no.as_deref().unwrap_or(&e.id),
                e.score,
                mark(&e.passage, &source_phrases(c), "**", "**")
            ));
        }
        for d in &c.differences {
            s.push_str(&format!(
                "- **{}**: article “{}” — source “{}”\n",
                d.kind, d.article, d.source
            ));
        }
        if let Some(ch) = &c.chain {
            s.push_str(&format!(
                "- chain: article{} → {} → {}\n",
                if ch.article.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", ch.article.join(", "))
                },
                ch.document,
                if ch.cited.is_empty() {
                    "(the document speaks for itself)".to_string()
                } else {
                    ch.cited
                        .iter()
                        .map(|c| format!("“{c}”"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                }
            ));
        }
    }
    // article and document text may carry HTML (`<script>`): Markdown renderers
    // pass raw HTML through, so none goes out (spoor's own Markdown uses none)
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A standalone HTML page: article left, source right, differences highlighted.
pub fn html(r: &CheckReport) -> String {
    let mut rows = String::new();
    for c in &r.claims {
        let art = mark(
            &esc(&c.text),
            &article_phrases(c)
                .iter()
                .map(|p| esc(p))
                .collect::<Vec<_>>(),
            "<mark class=a>",
            "</mark>",
        );
        let src = match c.evidence.first() {
            Some(e) => format!(
                "<div class=passage>{}</div><div class=ref>{} · {:.2}</div>",
                mark_groups(
                    &esc(&e.passage),
                    &[
                        (
                            &source_phrases(c).iter().map(|p| esc(p)).collect::<Vec<_>>(),
                            "<mark class=s>",
                            "</mark>"
                        ),
                        (
                            &if c.verdict == Verdict::NotInSource {
                                Vec::new()
                            } else {
                                e.matched.iter().map(|p| esc(p)).collect::<Vec<_>>()
                            },
                            "<u>",
                            "</u>"
                        ),
                    ]
                ),
                esc(e.doc_no.as_deref().unwrap_or(&e.id)),
                e.score
            ),
            None => format!(
                "<div class=none>{}</div>",
                esc(c
                    .reason
                    .as_deref()
                    .unwrap_or("no passage in the archive carries this claim"))
            ),
        };
        let mut diffs = String::new();
        for d in &c.differences {
            diffs.push_str(&format!(
                "<li><b>{}</b> article <q>{}</q> — source <q>{}</q></li>",
                esc(&d.kind),
                esc(if d.article.is_empty() {
                    "—"
                } else {
                    &d.article
                }),
                esc(if d.source.is_empty() {
                    "—"
                } else {
                    &d.source
                })
            ));
        }
        if let Some(ch) = &c.chain {
            let mut links = vec![
                if ch.article.is_empty() {
                    "article (as fact)".to_string()
                } else {
                    format!("article ({})", ch.article.join(", "))
                },
                ch.document.clone(),
            ];
            links.extend(ch.cited.iter().map(|x| format!("“{x}”")));
            diffs.push_str(&format!("<li class=chain>{}</li>", esc(&links.join(" → "))));
        }
        rows.push_str(&format!(
            "<tr class={v}><td class=n>{i}</td><td dir={dir} lang={lang}>{art}</td><td class=verdict><span class=\"badge {v}\">{label}</span></td><td>{src}<ul>{diffs}</ul></td></tr>\n",
            v = c.verdict.as_str(),
            i = c.index,
            label = verdict_label(c.verdict),
            dir = text_direction(&c.text),
            lang = esc(&r.article.language),
        ));
    }
    let sources: String = r
        .sources
        .iter()
        .map(|s| {
            let renditions = if s.renditions.is_empty() {
                String::new()
            } else {
                format!(
                    "<br><small>also in the archive as: {}</small>",
                    esc(&rendition_list(s))
                )
            };
            format!(
                "<li><b>{}</b> {} — {} ({}) · {:.2}{renditions}</li>",
                esc(s.doc_no.as_deref().unwrap_or(&s.id)),
                esc(s.subject.as_deref().unwrap_or("")),
                esc(s.from.as_deref().unwrap_or("")),
                esc(s
                    .date
                    .as_deref()
                    .map(|d| &d[..10.min(d.len())])
                    .unwrap_or("")),
                s.score
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>spoor check: {title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }}
h1 {{ font-size: 1.4em; }} table {{ border-collapse: collapse; width: 100%; }}
td {{ vertical-align: top; padding: .6em; border-top: 1px solid #ddd; }}
th {{ text-align: left; padding: .6em; background: #f4f4f4; }}
td.n {{ color: #888; width: 2em; }} td.verdict {{ width: 9em; }}
mark.a {{ background: #ffe08a; }} mark.s {{ background: #a8e6ff; }} u {{ text-decoration-color: #2e8540; text-decoration-thickness: 2px; }}
.badge {{ display: inline-block; padding: .15em .5em; border-radius: .3em; font-size: .8em; font-weight: 600; color: #fff; }}
.badge.supported {{ background: #2e8540; }} .badge.altered {{ background: #d97706; }} .badge.not_in_source {{ background: #6b7280; }}
.badge.contradicted {{ background: #b91c1c; }} .badge.not_checkable {{ background: #cbd5e1; color: #333; }}
.ref {{ color: #666; font-size: .85em; margin-top: .3em; }} .none {{ color: #888; font-style: italic; }}
ul {{ margin: .4em 0 0 1.1em; padding: 0; }} li.chain {{ list-style: none; margin-left: -1.1em; color: #555; font-size: .9em; }}
.meta {{ color: #555; }}
</style></head><body>
<h1 dir={title_dir}>{title}</h1>
<p class=meta>Language: {lang}. {note}Checked by spoor against {n} source document(s). <mark class=a>Yellow</mark>: the article's words that differ; <mark class=s>blue</mark>: the source's; <u>underlined</u>: source words that match the claim.</p>
<h2>Sources</h2><ul>{sources}</ul>
<h2>Claims</h2>
<table><tr><th></th><th>Article</th><th>Verdict</th><th>Source</th></tr>
{rows}</table>
</body></html>
"#,
        title_dir = text_direction(&r.article.title),
        title = esc(&r.article.title),
        lang = esc(&r.article.language),
        note = r
            .article
            .note
            .as_deref()
            .map(|n| format!("{}. ", esc(n)))
            .unwrap_or_default(),
        n = r.sources.len(),
    )
}

/// Who publishes a fact-check, and where, as schema.org's ClaimReview asks
/// (Google's fact-check markup needs the review's URL, date and publisher).
#[derive(Debug, Clone, Default)]
pub struct Review<'a> {
    /// Where the article under check appeared.
    pub article_url: Option<&'a str>,
    /// The fact-checking publisher's name.
    pub publisher: Option<&'a str>,
    /// The publisher's site.
    pub publisher_url: Option<&'a str>,
    /// Where the review is published; each claim's review is `URL#claim-N`.
    pub review_url: Option<&'a str>,
    /// When the review is published (YYYY-MM-DD; today, UTC, when not given).
    pub date: Option<&'a str>,
}

/// The longest `claimReviewed` (Google shows about 75 characters; the whole
/// claim is kept in `itemReviewed.text`).
pub const CLAIM_REVIEWED_CHARS: usize = 75;

/// A claim cut to [`CLAIM_REVIEWED_CHARS`] at a word boundary, with "…".
pub fn claim_reviewed(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= CLAIM_REVIEWED_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(CLAIM_REVIEWED_CHARS - 1).collect();
    let at = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > 20)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

/// schema.org ClaimReview JSON-LD for each checked claim.
pub fn claimreview(r: &CheckReport, review: &Review) -> serde_json::Value {
    let date = review
        .date
        .map(str::to_string)
        .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%d").to_string());
    let reviews: Vec<serde_json::Value> = r
        .claims
        .iter()
        .filter(|c| c.verdict != Verdict::NotCheckable)
        .map(|c| one_review(r, c, review, &date))
        .collect();
    serde_json::Value::Array(reviews)
}

/// A JSON object without its null members.
fn compact(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, compact(v)))
                .collect(),
        ),
        other => other,
    }
}

fn one_review(
    r: &CheckReport,
    c: &crate::trace::ClaimResult,
    review: &Review,
    date: &str,
) -> serde_json::Value {
    let rating = match c.verdict {
        Verdict::Supported => 5,
        Verdict::Altered => 3,
        Verdict::NotInSource => 2,
        Verdict::Contradicted => 1,
        Verdict::NotCheckable => 0,
    };
    let explanation: Vec<String> = c
        .differences
        .iter()
        .map(|d| {
            format!(
                "{}: article \"{}\", source \"{}\"",
                d.kind, d.article, d.source
            )
        })
        .collect();
    let a = &r.article;
    let article_author = a.byline.as_deref().or(a.site.as_deref());
    compact(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review.review_url.map(|u| format!("{u}#claim-{}", c.index)),
        "datePublished": date,
        "author": {"@type": "Organization", "name": review.publisher, "url": review.publisher_url},
        "claimReviewed": claim_reviewed(&c.text),
        "itemReviewed": {
            "@type": "Claim",
            "text": c.text,
            "datePublished": a.published,
            "author": article_author.map(|n| serde_json::json!({"@type": "Organization", "name": n})),
            "appearance": {"@type": "CreativeWork", "headline": a.title, "url": review.article_url, "inLanguage": a.language, "datePublished": a.published},
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": c.verdict.as_str(),
            "ratingExplanation": explanation.join("; "),
        },
        "isBasedOn": c.evidence.iter().map(|e| serde_json::json!({"@type": "CreativeWork", "identifier": e.doc_no.clone().unwrap_or_else(|| e.id.clone()), "text": e.passage})).collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod claimreview_tests {
    use super::claim_reviewed;

    #[test]
    fn claim_reviewed_is_cut_at_a_word() {
        assert_eq!(claim_reviewed("  Short claim. "), "Short claim.");
        let long = "De regering van Bouteflika had een geheime afspraak met terrorist Belmokhtar om Marokkaanse belangen aan te vallen";
        let cut = claim_reviewed(long);
        assert!(cut.chars().count() <= 75 && cut.ends_with('…'), "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
    }
}

/// `rtl` for text written mostly right to left (Arabic, Hebrew, Persian), else `ltr`.
fn text_direction(text: &str) -> &'static str {
    let rtl = text
        .chars()
        .filter(|c| matches!(*c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if rtl * 2 > letters { "rtl" } else { "ltr" }
}

/// The other renditions of a source, by reference number (or id).
fn rendition_list(src: &crate::trace::SourceRef) -> String {
    src.renditions
        .iter()
        .map(|r| {
            r.doc_no
                .clone()
                .unwrap_or_else(|| r.id[..12.min(r.id.len())].to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_whole_words() {
        assert_eq!(
            super::mark(
                "in Western Sahara, where",
                &["Western Sahara".into()],
                "[",
                "]"
            ),
            "in [Western Sahara], where"
        );
        assert_eq!(
            super::mark("Morocco and Moroccan", &["Morocco".into()], "[", "]"),
            "[Morocco] and Moroccan"
        );
    }
}
