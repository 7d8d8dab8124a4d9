//! Dates as articles and sources write them, in en, nl, fr, de, es, it and pt:
//! "18 januari 2013", "January 18, 2013", "17 janvier 2013 à 22H", "16. Januar
//! 2013", "16 de enero de 2013", "in april 2012", "zomer van 2010", "summer of 2010".

#[cfg(doc)]
use super::profiles::Lang;
use super::profiles::{self, Profile, Script};
use serde::Serialize;

/// The profiles whose dates the Latin-script reader knows: an article quotes
/// dates as its sources write them, so every language's month names are read
/// in every text, in the order of [`Lang::ALL`] (the first profile naming a
/// word decides its month).
fn latin_profiles() -> impl Iterator<Item = &'static Profile> {
    profiles::in_script(Script::Latin)
}

/// A date mentioned in a text, to the precision the text gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The words as written.
    pub text: String,
    /// Year.
    pub year: Option<i32>,
    /// Month (1-12).
    pub month: Option<u32>,
    /// Day of month.
    pub day: Option<u32>,
    /// Season (1 spring, 2 summer, 3 autumn, 4 winter).
    pub season: Option<u8>,
}

impl DateMention {
    /// Whether two mentions can name the same time: every field both give
    /// agrees, and they give one in common ("in July" says nothing of "2008").
    pub fn compatible(&self, other: &DateMention) -> bool {
        let shared = (self.year.is_some() && other.year.is_some())
            || ((self.month.is_some() || self.season.is_some())
                && (other.month.is_some() || other.season.is_some()));
        shared && self.agrees(other)
    }

    /// Whether every field both mentions give agrees.
    fn agrees(&self, other: &DateMention) -> bool {
        fn agree<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            match (a, b) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
        }
        let season_month_ok = match (self.season, other.month, other.season, self.month) {
            (Some(s), Some(m), _, _) | (_, _, Some(s), Some(m)) => season_of(m) == s,
            _ => true,
        };
        agree(&self.year, &other.year)
            && agree(&self.month, &other.month)
            && agree(&self.day, &other.day)
            && agree(&self.season, &other.season)
            && season_month_ok
    }

    /// ISO-like rendering: 2013-01-18, 2013-01, 2013, summer 2010.
    pub fn normalised(&self) -> String {
        match (self.year, self.month, self.day, self.season) {
            (Some(y), Some(m), Some(d), _) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None, _) => format!("{y:04}-{m:02}"),
            (y, None, _, Some(s)) => format!(
                "{} {}",
                ["spring", "summer", "autumn", "winter"][(s as usize).clamp(1, 4) - 1],
                y.map(|y| y.to_string()).unwrap_or_default()
            )
            .trim()
            .to_string(),
            (Some(y), None, _, None) => format!("{y:04}"),
            (None, Some(m), Some(d), _) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None, _) => format!("--{m:02}"),
            _ => self.text.clone(),
        }
    }
}

fn season_of(month: u32) -> u8 {
    match month {
        3..=5 => 1,
        6..=8 => 2,
        9..=11 => 3,
        _ => 4,
    }
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    for table in latin_profiles().flat_map(|p| p.months) {
        for (i, m) in table.iter().enumerate() {
            if *m == w
                || (w.len() >= 3
                    && w.len() < m.len()
                    && m.starts_with(w)
                    && w.chars().count() >= 3
                    && word.ends_with('.'))
            {
                return Some(i as u32 + 1);
            }
        }
    }
    // three-letter forms without a stop, where a language writes them ("Jan 18, 2013")
    latin_profiles()
        .filter(|p| p.bare_month_abbreviations)
        .flat_map(|p| p.months)
        .find_map(|table| table.iter().position(|m| w.len() == 3 && m.starts_with(w)))
        .map(|i| i as u32 + 1)
}

fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

fn day_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',', 'e', 'r', 's', 't', 'h', 'n', 'd', 'º', 'ª']);
    (!w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse::<u32>().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// Every date mentioned in a text.
pub fn find(text: &str) -> Vec<DateMention> {
    let mut out = find_latin(text);
    // Arabic month names (standard, Levantine, Maghreb) in Arabic text
    if text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        for (year, month, day) in super::arabic::find_dates(text) {
            // its year in Latin digits was read as a lone year already: one date
            let lone = |d: &DateMention| {
                year.is_some() && d.year == year && d.month.is_none() && d.day.is_none()
            };
            if let Some(k) = out.iter().position(|d| lone(d) && d.season.is_none()) {
                out.remove(k);
            }
            out.push(DateMention {
                text: [
                    day.map(|d| d.to_string()),
                    month.map(|m| format!("{m:02}")),
                    year.map(|y| y.to_string()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("-"),
                year,
                month,
                day,
                season: None,
            });
        }
    }
    out
}

fn find_latin(text: &str) -> Vec<DateMention> {
    let words: Vec<(usize, usize, String)> = word_spans(text);
    let lower: Vec<String> = words.iter().map(|(_, _, w)| w.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut used = vec![false; words.len()];
    let skip = |w: &str| latin_profiles().any(|p| p.date_fillers.contains(&w));
    for i in 0..words.len() {
        if used[i] {
            continue;
        }
        if let Some(m) = month_of(&lower[i]) {
            // a bare "may"/"mai"/"mars" must come with a day or a year to count
            let mut first = i;
            let mut last = i;
            let mut day = None;
            if i >= 1 {
                if let Some(d) = day_of(&lower[i - 1]) {
                    day = Some(d);
                    first = i - 1;
                } else if i >= 2
                    && skip(&lower[i - 1])
                    && let Some(d) = day_of(&lower[i - 2])
                {
                    day = Some(d);
                    first = i - 2;
                }
            }
            let mut j = i + 1;
            if day.is_none()
                && j < words.len()
                && let Some(d) = day_of(&lower[j])
                && year_of(&lower[j]).is_none()
            {
                day = Some(d);
                last = j;
                j += 1;
            }
            let mut year = None;
            let mut k = j;
            while k < words.len() && k <= j + 1 {
                if let Some(y) = year_of(&lower[k]) {
                    year = Some(y);
                    last = k;
                    break;
                }
                if !skip(&lower[k]) {
                    break;
                }
                k += 1;
            }
            let led =
                i >= 1 && latin_profiles().any(|p| p.month_leads.contains(&lower[i - 1].as_str()));
            if day.is_none() && year.is_none() && !led {
                continue;
            }
            for u in used.iter_mut().take(last + 1).skip(first) {
                *u = true;
            }
            out.push(DateMention {
                text: text[words[first].0..words[last].1].to_string(),
                year,
                month: Some(m),
                day,
                season: None,
            });
            continue;
        }
        if let Some(&(_, s)) = latin_profiles()
            .flat_map(|p| p.seasons)
            .find(|(w, _)| *w == lower[i])
        {
            let mut k = i + 1;
            while k < words.len() && k <= i + 2 {
                if let Some(y) = year_of(&lower[k]) {
                    for u in used.iter_mut().take(k + 1).skip(i) {
                        *u = true;
                    }
                    out.push(DateMention {
                        text: text[words[i].0..words[k].1].to_string(),
                        year: Some(y),
                        month: None,
                        day: None,
                        season: Some(s),
                    });
                    break;
                }
                if !skip(&lower[k]) {
                    break;
                }
                k += 1;
            }
            continue;
        }
    }
    // numeric dates and lone years
    for (i, (a, b, w)) in words.iter().enumerate() {
        if used[i] {
            continue;
        }
        let numeric = w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && (w.contains('/') || w.matches('-').count() == 2);
        if let Some(d) = numeric.then(|| crate::normalize::parse_date(w)).flatten() {
            use chrono::Datelike;
            out.push(DateMention {
                text: w.clone(),
                year: Some(d.year()),
                month: Some(d.month()),
                day: Some(d.day()),
                season: None,
            });
        } else if let Some(y) = year_of(w).filter(|_| w.chars().all(|c| c.is_ascii_digit())) {
            out.push(DateMention {
                text: text[*a..*b].to_string(),
                year: Some(y),
                month: None,
                day: None,
                season: None,
            });
        }
    }
    out
}

/// Words with their byte spans (letters, digits, and the characters inside dates).
pub fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        // a comma between digits groups thousands ("1,300") or marks decimals ("1,3")
        let digit_comma = c == ',' && prev.is_ascii_digit() && next.is_ascii_digit();
        prev = c;
        let part = c.is_alphanumeric()
            || matches!(c, '/' | '\'' | '’' | 'º' | 'ª')
            || (c == '-' || c == '.' || digit_comma) && start.is_some();
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_end_matches(['-', '.']);
                if !w.is_empty() {
                    out.push((s, s + w.len(), w.to_string()));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        let w = text[s..].trim_end_matches(['-', '.']);
        if !w.is_empty() {
            out.push((s, s + w.len(), w.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(t: &str) -> Vec<String> {
        find(t).iter().map(DateMention::normalised).collect()
    }

    #[test]
    fn many_languages() {
        assert_eq!(
            norm("De e-mail werd verzonden op 18 januari 2013 door"),
            ["2013-01-18"]
        );
        assert_eq!(norm("le 17 janvier 2013 à 22H"), ["2013-01-17"]);
        assert_eq!(norm("am 16. Januar 2013"), ["2013-01-16"]);
        assert_eq!(norm("el 16 de enero de 2013"), ["2013-01-16"]);
        assert_eq!(norm("il 16 gennaio 2013"), ["2013-01-16"]);
        assert_eq!(
            norm("during the January 17, 2013 hostage crisis"),
            ["2013-01-17"]
        );
        assert_eq!(
            norm("the kidnapping in April 2012 of the consul"),
            ["2012-04"]
        );
        assert_eq!(norm("in de zomer van 2010 echter"), ["summer 2010"]);
        assert_eq!(norm("in the summer of 2010"), ["summer 2010"]);
        assert_eq!(norm("en la primavera de 2011"), ["spring 2011"]);
        assert_eq!(norm("in inverno del 2012"), ["winter 2012"]);
        assert_eq!(norm("om in 2012 aanslagen te plegen"), ["2012"]);
        assert_eq!(norm("He may come. Mars is red."), Vec::<String>::new());
    }

    #[test]
    fn a_month_alone_is_a_date_after_a_word_that_leads_one() {
        assert_eq!(norm("in a visit to Vietnam this July"), ["--07"]);
        assert_eq!(norm("la conferencia de finales de marzo"), ["--03"]);
        assert_eq!(norm("Ende April stattfinden"), ["--04"]);
        assert_eq!(norm("en mars dernier"), ["--03"]);
        // without one it may be any word
        assert!(norm("They may meet. Mars Inc. said so.").is_empty());
        assert!(norm("Theresa May spoke").is_empty());
    }

    #[test]
    fn compatibility() {
        let a = &find("18 januari 2013")[0];
        let b = &find("January 18, 2013")[0];
        let c = &find("January 17, 2013")[0];
        let y = &find("in 2013")[0];
        assert!(a.compatible(b));
        assert!(!a.compatible(c));
        assert!(y.compatible(c));
        let s = &find("summer of 2010")[0];
        assert!(s.compatible(&find("July 2010")[0]));
        assert!(!s.compatible(&find("January 2010")[0]));
        // a month alone and a year alone share nothing: neither confirms the other
        let july = &find("this July")[0];
        assert!(!july.compatible(y) && !y.compatible(july));
        assert!(july.compatible(&find("July 2010")[0]));
        assert!(!july.compatible(&find("in March")[0]));
        assert!(s.compatible(july));
    }
}
