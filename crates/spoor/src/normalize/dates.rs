//! Dates as sources write them: RFC 2822, ISO 8601, FOIA forms
//! (`Thursday, January 17, 2013 10:00 PM`, `01/07/2016`), plain `January 18, 2013`.
//! Dates without a zone are taken as UTC; the original text is always kept beside.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// English month names, lower case (the English profile's).
pub const MONTHS: [&str; 12] = crate::lang::profiles::en::MONTHS;

/// Month number (1-12) from an English month name or its 3-letter abbreviation.
pub fn month_from_name(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    if l.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&l))
        .map(|i| i as u32 + 1)
}

/// Years a source's date may have; OCR makes others (`January 18, 20174`).
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Parse a date as written in an email header, a FOIA release or a document.
/// A date outside `PLAUSIBLE_YEARS` is no date.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    parse_any(text).filter(|d| PLAUSIBLE_YEARS.contains(&chrono::Datelike::year(d)))
}

fn parse_any(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    for f in [
        "%Y-%m-%d %H:%M:%S %z",
        "%a, %d %b %Y %H:%M:%S %z",
        "%d %b %Y %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::<FixedOffset>::parse_from_str(t, f) {
            return Some(d.with_timezone(&Utc));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)));
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%m/%d/%Y") {
        return Some(Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)));
    }
    parse_worded(t)
}

/// `[Weekday,] Month D, YYYY [H:MM [AM|PM]]` and `D Month YYYY [H:MM]`.
fn parse_worded(t: &str) -> Option<DateTime<Utc>> {
    let cleaned: String = t.chars().map(|c| if c == ',' { ' ' } else { c }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut time: Option<(u32, u32)> = None;
    let mut pm = None;
    for w in &words {
        let lw = w.to_ascii_lowercase();
        if month.is_none()
            && let Some(m) = month_from_name(&lw)
        {
            month = Some(m);
            continue;
        }
        if lw == "am" || lw == "a.m." {
            pm = Some(false);
            continue;
        }
        if lw == "pm" || lw == "p.m." {
            pm = Some(true);
            continue;
        }
        if let Some((h, m)) = lw.split_once(':') {
            let m = m.split(':').next().unwrap_or("0");
            if let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) {
                time = Some((h, m));
            }
            continue;
        }
        let digits = lw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if let Ok(n) = digits.parse::<u32>() {
            if digits.len() == 4 && year.is_none() {
                year = Some(n as i32);
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n);
            }
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day.unwrap_or(1))?;
    let (mut h, m) = time.unwrap_or((0, 0));
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    let nt = NaiveTime::from_hms_opt(h, m, 0)?;
    Some(Utc.from_utc_datetime(&date.and_time(nt)))
}

/// Build a UTC date from mail-parser's parsed header date.
pub fn from_mail_datetime(d: &mail_parser::DateTime) -> Option<DateTime<Utc>> {
    let naive = NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)?.and_hms_opt(
        d.hour as u32,
        d.minute as u32,
        d.second as u32,
    )?;
    let secs =
        (d.tz_hour as i32 * 3600 + d.tz_minute as i32 * 60) * if d.tz_before_gmt { -1 } else { 1 };
    let off = FixedOffset::east_opt(secs)?;
    off.from_local_datetime(&naive)
        .single()
        .map(|x| x.with_timezone(&Utc))
        .filter(|d| PLAUSIBLE_YEARS.contains(&chrono::Datelike::year(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implausible_years_are_no_dates() {
        assert_eq!(parse_date("January 18, 20174"), None);
        assert!(parse_date("January 18, 2013").is_some());
    }

    fn iso(s: &str) -> String {
        parse_date(s).map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn forms() {
        assert_eq!(
            iso("Thu, 17 Jan 2013 22:00:00 -0500"),
            "2013-01-18T03:00:00+00:00"
        );
        assert_eq!(
            iso("Thursday, January 17, 2013 10:00 PM"),
            "2013-01-17T22:00:00+00:00"
        );
        assert_eq!(iso("January 18, 2013"), "2013-01-18T00:00:00+00:00");
        assert_eq!(iso("01/07/2016"), "2016-01-07T00:00:00+00:00");
        assert_eq!(iso("2013-01-17T22:00:00Z"), "2013-01-17T22:00:00+00:00");
        assert_eq!(iso("18 Jan 2013"), "2013-01-18T00:00:00+00:00");
        assert_eq!(
            iso("Friday, March 4, 2011 12:15 AM"),
            "2011-03-04T00:15:00+00:00"
        );
        assert!(parse_date("no date here").is_none());
    }

    #[test]
    fn month_names() {
        assert_eq!(month_from_name("Jan"), Some(1));
        assert_eq!(month_from_name("September"), Some(9));
        assert_eq!(month_from_name("Sept"), Some(9));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(month_from_name("Marchx"), None);
    }
}
