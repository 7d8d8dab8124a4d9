//! The query language (docs/QUERY.md): words, `"phrases"`, `field:value`,
//! `has:attachment`, `date:A..B`, `AND OR NOT -`, parentheses, `term~` (fuzzy)
//! and `term*` (prefix). Parsed into an [`Expr`] tree, then compiled into a
//! tantivy query against the schema of [`super::schema`].

use super::schema::Fields;
use crate::error::{Error, Result};
use crate::normalize::AliasTable;
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// All of these.
    And(Vec<Expr>),
    /// Any of these.
    Or(Vec<Expr>),
    /// Not this.
    Not(Box<Expr>),
    /// A leaf: optional field, value, and how to match it.
    Leaf {
        /// Field name, lower case (None: subject and body).
        field: Option<String>,
        /// The value as typed.
        value: String,
        /// Exact word, phrase, fuzzy with a distance, or prefix.
        mode: Mode,
    },
}

/// How a leaf matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A word (analysed: lower case, accents folded, stemmed).
    Word,
    /// Words in this order.
    Phrase,
    /// Within this many edits.
    Fuzzy(u8),
    /// Beginning with.
    Prefix,
}

/// Fields the language knows.
pub const FIELDS: [&str; 14] = [
    "from",
    "to",
    "cc",
    "subject",
    "body",
    "docno",
    "case",
    "collection",
    "lang",
    "has",
    "date",
    "folder",
    "kind",
    "id",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    And,
    Or,
    Not,
    Leaf(Option<String>, String, Mode),
}

fn lex(q: &str) -> Result<Vec<Tok>> {
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' {
            out.push(Tok::LParen);
            i += 1;
            continue;
        }
        if c == ')' {
            out.push(Tok::RParen);
            i += 1;
            continue;
        }
        if c == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
            out.push(Tok::Not);
            i += 1;
            continue;
        }
        // a term, maybe field:value, maybe quoted
        let mut field = None;
        let start = i;
        let mut j = i;
        while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
            j += 1;
        }
        if j < chars.len() && chars[j] == ':' && j > start {
            let name: String = chars[start..j].iter().collect::<String>().to_lowercase();
            if FIELDS.contains(&name.as_str()) {
                field = Some(name);
                i = j + 1;
            }
        }
        if i < chars.len() && chars[i] == '"' {
            let mut k = i + 1;
            while k < chars.len() && chars[k] != '"' {
                k += 1;
            }
            if k >= chars.len() {
                return Err(Error::Query(format!("unclosed quote in: {q}")));
            }
            let v: String = chars[i + 1..k].iter().collect();
            i = k + 1;
            let mut mode = Mode::Phrase;
            if i < chars.len() && chars[i] == '~' {
                let (n, next) = fuzzy_distance(&chars, i + 1);
                mode = Mode::Fuzzy(n);
                i = next;
            }
            out.push(Tok::Leaf(field, v, mode));
            continue;
        }
        let mut k = i;
        while k < chars.len() && !chars[k].is_whitespace() && chars[k] != '(' && chars[k] != ')' {
            k += 1;
        }
        let word: String = chars[i..k].iter().collect();
        i = k;
        if field.is_none() {
            match word.as_str() {
                "AND" | "and" | "&&" => {
                    out.push(Tok::And);
                    continue;
                }
                "OR" | "or" | "||" => {
                    out.push(Tok::Or);
                    continue;
                }
                "NOT" | "not" => {
                    out.push(Tok::Not);
                    continue;
                }
                _ => {}
            }
        }
        if word.is_empty() {
            if let Some(f) = field {
                return Err(Error::Query(format!("{f}: needs a value")));
            }
            continue;
        }
        let (value, mode) = if let Some(pos) = word.rfind('~').filter(|&p| p > 0) {
            let tail: Vec<char> = word[pos + 1..].chars().collect();
            let (n, _) = fuzzy_distance(&tail, 0);
            if tail.iter().all(|c| c.is_ascii_digit()) {
                (word[..pos].to_string(), Mode::Fuzzy(n))
            } else {
                (word.clone(), Mode::Word)
            }
        } else if word.len() > 1 && word.ends_with('*') {
            (word.trim_end_matches('*').to_string(), Mode::Prefix)
        } else {
            (word.clone(), Mode::Word)
        };
        out.push(Tok::Leaf(field, value, mode));
    }
    Ok(out)
}

fn fuzzy_distance(chars: &[char], at: usize) -> (u8, usize) {
    match chars.get(at) {
        Some(d) if d.is_ascii_digit() => (d.to_digit(10).unwrap_or(1).clamp(1, 2) as u8, at + 1),
        _ => (1, at),
    }
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn or(&mut self) -> Result<Expr> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }
    fn and(&mut self) -> Result<Expr> {
        let mut items = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.pos += 1;
                    items.push(self.unary()?);
                }
                Some(Tok::Or) | Some(Tok::RParen) | None => break,
                _ => items.push(self.unary()?),
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }
    fn unary(&mut self) -> Result<Expr> {
        match self.peek().cloned() {
            Some(Tok::Not) => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(Error::Query("missing closing parenthesis".into()));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Leaf(field, value, mode)) => {
                self.pos += 1;
                Ok(Expr::Leaf { field, value, mode })
            }
            Some(Tok::RParen) => Err(Error::Query("unexpected ')'".into())),
            Some(Tok::And) | Some(Tok::Or) => {
                Err(Error::Query("AND/OR needs a term on both sides".into()))
            }
            None => Err(Error::Query("the query ends too early".into())),
        }
    }
}

/// The longest query read (a query is typed or scripted, not a document).
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
/// The most terms (words, phrases, field values) a query may have.
pub const MAX_QUERY_TERMS: usize = 256;
/// The deepest nesting of parentheses and NOTs a query may have (the parser
/// recurses once per level).
pub const MAX_QUERY_DEPTH: usize = 64;

/// Parse a query string.
pub fn parse(q: &str) -> Result<Expr> {
    if q.len() > MAX_QUERY_BYTES {
        return Err(Error::Query(format!(
            "the query is {} bytes long; at most {MAX_QUERY_BYTES} are read",
            q.len()
        )));
    }
    if q.contains('\0') {
        return Err(Error::Query("the query holds a NUL byte".into()));
    }
    let toks = lex(q)?;
    if toks.is_empty() {
        return Err(Error::Query("empty query".into()));
    }
    let terms = toks.iter().filter(|t| matches!(t, Tok::Leaf(..))).count();
    if terms > MAX_QUERY_TERMS {
        return Err(Error::Query(format!(
            "the query has {terms} terms; at most {MAX_QUERY_TERMS} are allowed"
        )));
    }
    // the parser recurses once per open parenthesis and once per NOT in a row
    let (mut parens, mut nots) = (0usize, 0usize);
    for t in &toks {
        match t {
            Tok::LParen => parens += 1,
            Tok::RParen => parens = parens.saturating_sub(1),
            Tok::Not => nots += 1,
            _ => nots = 0,
        }
        if parens + nots > MAX_QUERY_DEPTH {
            return Err(Error::Query(format!(
                "the query nests parentheses and NOTs more than {MAX_QUERY_DEPTH} deep"
            )));
        }
    }
    let mut p = Parser { toks, pos: 0 };
    let e = p.or()?;
    if p.pos != p.toks.len() {
        return Err(Error::Query("unexpected ')'".into()));
    }
    Ok(e)
}

/// Turns an [`Expr`] into a tantivy query.
pub struct Compiler<'a> {
    /// The index (for its analysers).
    pub index: &'a Index,
    /// The fields.
    pub fields: &'a Fields,
    /// Aliases of people.
    pub aliases: &'a AliasTable,
    /// The text fields (subject and body per language) that hold any word:
    /// the others are left out of every query (an archive in two languages
    /// would otherwise look each word up in eighteen fields of every segment).
    pub live: &'a [Field],
}

impl Compiler<'_> {
    /// Compile an expression.
    pub fn compile(&self, e: &Expr) -> Result<Box<dyn Query>> {
        Ok(match e {
            Expr::And(items) => {
                let mut clauses = Vec::new();
                let mut positive = false;
                for it in items {
                    match it {
                        Expr::Not(inner) => clauses.push((Occur::MustNot, self.compile(inner)?)),
                        other => {
                            positive = true;
                            clauses.push((Occur::Must, self.compile(other)?))
                        }
                    }
                }
                if !positive {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Or(items) => {
                let clauses = items
                    .iter()
                    .map(|i| Ok((Occur::Should, self.compile(i)?)))
                    .collect::<Result<Vec<_>>>()?;
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.compile(inner)?),
            ])),
            Expr::Leaf { field, value, mode } => self.leaf(field.as_deref(), value, *mode)?,
        })
    }

    fn leaf(&self, field: Option<&str>, value: &str, mode: Mode) -> Result<Box<dyn Query>> {
        let f = self.fields;
        match field {
            None => self.text(
                &[f.subject.as_slice(), f.body.as_slice()].concat(),
                value,
                mode,
            ),
            Some("subject") => self.text(&f.subject, value, mode),
            Some("body") => self.text(&f.body, value, mode),
            Some("from") => self.party(f.from, value),
            Some("to") => self.party(f.to, value),
            Some("cc") => self.party(f.cc, value),
            Some("docno") => Ok(self.keyword(f.docno, &value.to_uppercase(), mode)),
            Some("case") => Ok(self.keyword(f.case, &value.to_uppercase(), mode)),
            Some("collection") => Ok(self.keyword(f.collection, value, mode)),
            Some("lang") => Ok(self.keyword(f.lang, &value.to_lowercase(), mode)),
            Some("folder") => Ok(self.keyword(f.folder, value, mode)),
            Some("kind") => Ok(self.keyword(f.kind, &value.to_lowercase(), mode)),
            Some("id") => Ok(self.keyword(f.msgid, value.trim_matches(['<', '>']), mode)),
            Some("has") => match value.to_lowercase().as_str() {
                "attachment" | "attachments" => Ok(self.keyword(f.has, "attachment", Mode::Word)),
                other => Err(Error::Query(format!(
                    "has:{other} is not known; use has:attachment"
                ))),
            },
            Some("date") => date_query(f.date, value),
            Some(other) => Err(Error::Query(format!("unknown field {other}:"))),
        }
    }

    fn keyword(&self, field: Field, value: &str, mode: Mode) -> Box<dyn Query> {
        if mode == Mode::Prefix {
            return prefix_query(field, value);
        }
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    fn party(&self, field: Field, value: &str) -> Result<Box<dyn Query>> {
        let mut alts = Vec::new();
        for key in self.aliases.equivalents(value.trim()) {
            let words: Vec<String> = key
                .split(|c: char| c.is_whitespace() || c == ',')
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect();
            let q: Box<dyn Query> = if words.len() <= 1 {
                let t = words.into_iter().next().unwrap_or_default();
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &t),
                    IndexRecordOption::Basic,
                ))
            } else {
                Box::new(BooleanQuery::new(
                    words
                        .iter()
                        .map(|w| {
                            (
                                Occur::Must,
                                Box::new(TermQuery::new(
                                    Term::from_field_text(field, w),
                                    IndexRecordOption::Basic,
                                )) as Box<dyn Query>,
                            )
                        })
                        .collect(),
                ))
            };
            alts.push((Occur::Should, q));
        }
        Ok(if alts.len() == 1 {
            alts.remove(0).1
        } else {
            Box::new(BooleanQuery::new(alts))
        })
    }

    fn tokens(&self, field: Field, text: &str) -> Result<Vec<String>> {
        let mut an = self.index.tokenizer_for_field(field)?;
        let mut ts = an.token_stream(text);
        let mut out = Vec::new();
        while ts.advance() {
            out.push(ts.token().text.clone());
        }
        Ok(out)
    }

    fn text(&self, fields: &[Field], value: &str, mode: Mode) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &field in fields.iter().filter(|f| self.live.contains(f)) {
            let q: Option<Box<dyn Query>> = match mode {
                Mode::Prefix => {
                    let folded = fold(value);
                    (!folded.is_empty()).then(|| prefix_query(field, &folded))
                }
                Mode::Fuzzy(d) => {
                    let toks = self.tokens(field, value)?;
                    match toks.as_slice() {
                        [] => None,
                        [t] => Some(Box::new(FuzzyTermQuery::new(
                            Term::from_field_text(field, t),
                            d,
                            true,
                        ))),
                        many => Some(Box::new(BooleanQuery::new(
                            many.iter()
                                .map(|t| {
                                    (
                                        Occur::Must,
                                        Box::new(FuzzyTermQuery::new(
                                            Term::from_field_text(field, t),
                                            d,
                                            true,
                                        ))
                                            as Box<dyn Query>,
                                    )
                                })
                                .collect(),
                        ))),
                    }
                }
                Mode::Word | Mode::Phrase => {
                    let toks = self.tokens(field, value)?;
                    match toks.len() {
                        0 => None,
                        1 => Some(Box::new(TermQuery::new(
                            Term::from_field_text(field, &toks[0]),
                            IndexRecordOption::WithFreqs,
                        ))),
                        _ => Some(Box::new(PhraseQuery::new(
                            toks.iter()
                                .map(|t| Term::from_field_text(field, t))
                                .collect(),
                        ))),
                    }
                }
            };
            if let Some(q) = q {
                clauses.push((Occur::Should, q));
            }
        }
        if clauses.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// Lower case and accents folded, as the analysers do (no stemming).
fn fold(s: &str) -> String {
    let mut an = super::schema::analyser("xx");
    let mut ts = an.token_stream(s);
    let mut out = String::new();
    while ts.advance() {
        out.push_str(&ts.token().text);
    }
    out
}

/// The words of `field` that begin with `prefix`: a range of the term
/// dictionary, from the prefix up to the prefix followed by the last code point
/// (U+10FFFF, a non-character no text holds). A range reads the dictionary
/// once; a `prefix.*` regular expression built an automaton per field and
/// segment, most of a prefix search's time.
fn prefix_query(field: Field, prefix: &str) -> Box<dyn Query> {
    let low = Term::from_field_text(field, prefix);
    let high = Term::from_field_text(field, &format!("{prefix}\u{10FFFF}"));
    Box::new(RangeQuery::new(Bound::Included(low), Bound::Included(high)))
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYYMMDD`: the first day and the day after the last.
fn period(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let t = s.trim();
    let bad = || {
        Error::Query(format!(
            "'{s}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        vec![&t[..4], &t[4..6], &t[6..]]
    } else {
        t.split('-').collect()
    };
    let num = |x: &str| x.parse::<u32>().map_err(|_| bad());
    let year = num(parts.first().ok_or_else(bad)?)? as i32;
    match parts.len() {
        1 => Ok((
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?,
            NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or_else(bad)?,
        )),
        2 => {
            let m = num(parts[1])?;
            let start = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad)?;
            let end = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)
            }
            .ok_or_else(bad)?;
            Ok((start, end))
        }
        3 => {
            let d =
                NaiveDate::from_ymd_opt(year, num(parts[1])?, num(parts[2])?).ok_or_else(bad)?;
            Ok((d, d.succ_opt().ok_or_else(bad)?))
        }
        _ => Err(bad()),
    }
}

fn date_term(field: Field, d: NaiveDate) -> Term {
    let ts = Utc
        .with_ymd_and_hms(d.year(), d.month(), d.day(), 0, 0, 0)
        .single()
        .map(|x| x.timestamp())
        .unwrap_or(0);
    Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(ts))
}

fn date_query(field: Field, value: &str) -> Result<Box<dyn Query>> {
    let (lo, hi) = match value.split_once("..") {
        Some((a, b)) => {
            let lo = if a.trim().is_empty() {
                Bound::Unbounded
            } else {
                Bound::Included(date_term(field, period(a)?.0))
            };
            let hi = if b.trim().is_empty() {
                Bound::Unbounded
            } else {
                Bound::Excluded(date_term(field, period(b)?.1))
            };
            (lo, hi)
        }
        None => {
            let (a, b) = period(value)?;
            (
                Bound::Included(date_term(field, a)),
                Bound::Excluded(date_term(field, b)),
            )
        }
    };
    if matches!((&lo, &hi), (Bound::Unbounded, Bound::Unbounded)) {
        return Err(Error::Query(format!(
            "date:{value} gives no date; write date:2013, date:2013-01..2013-02 or date:2013-01-17.."
        )));
    }
    Ok(Box::new(RangeQuery::new(lo, hi)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(f: Option<&str>, v: &str, m: Mode) -> Expr {
        Expr::Leaf {
            field: f.map(str::to_string),
            value: v.to_string(),
            mode: m,
        }
    }

    #[test]
    fn bounded() {
        assert!(parse(&"gas ".repeat(5000)).is_err(), "too long");
        assert!(parse(&"a ".repeat(300)).is_err(), "too many terms");
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).is_err(), "too deep");
        assert!(parse(&"NOT ".repeat(1000)).is_err(), "too many NOTs");
        assert!(parse("a\0b").is_err());
        assert!(parse("((a OR b) AND NOT (c OR d)) -e").is_ok());
        assert!(
            parse(&"NOT a ".repeat(100)).is_ok(),
            "NOTs in a row are not nested"
        );
    }

    #[test]
    fn grammar() {
        assert_eq!(parse("gas").unwrap(), leaf(None, "gas", Mode::Word));
        assert_eq!(
            parse("from:a@b.c \"natural gas\"").unwrap(),
            Expr::And(vec![
                leaf(Some("from"), "a@b.c", Mode::Word),
                leaf(None, "natural gas", Mode::Phrase)
            ])
        );
        assert_eq!(
            parse("a OR b c").unwrap(),
            Expr::Or(vec![
                leaf(None, "a", Mode::Word),
                Expr::And(vec![
                    leaf(None, "b", Mode::Word),
                    leaf(None, "c", Mode::Word)
                ])
            ])
        );
        assert_eq!(
            parse("-a (b or c)").unwrap(),
            Expr::And(vec![
                Expr::Not(Box::new(leaf(None, "a", Mode::Word))),
                Expr::Or(vec![
                    leaf(None, "b", Mode::Word),
                    leaf(None, "c", Mode::Word)
                ])
            ])
        );
        assert_eq!(
            parse("belmokhtr~").unwrap(),
            leaf(None, "belmokhtr", Mode::Fuzzy(1))
        );
        assert_eq!(parse("deriv*").unwrap(), leaf(None, "deriv", Mode::Prefix));
        assert_eq!(
            parse("date:2013-01..2013-02").unwrap(),
            leaf(Some("date"), "2013-01..2013-02", Mode::Word)
        );
        assert!(parse("(a").is_err());
        assert!(parse("\"open").is_err());
        assert!(parse("a OR").is_err());
    }

    #[test]
    fn periods() {
        assert_eq!(period("2013").unwrap().1.to_string(), "2014-01-01");
        assert_eq!(period("2013-12").unwrap().1.to_string(), "2014-01-01");
        assert_eq!(period("20010531").unwrap().1.to_string(), "2001-06-01");
        assert!(period("2013-13").is_err());
    }
}
