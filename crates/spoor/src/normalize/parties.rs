//! Senders and recipients as sources write them, and the alias table that joins
//! the many names of one person ("Jane Doe", a redacted handle, an address).

use crate::model::Party;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// `[mailto:a@b]` or `(mailto:a@b)` as Outlook prints a sender, OCR'd: the
/// address may be missing, the bracket unclosed, the label misread (`rnailto`,
/// `maifto`) or gone (`[a@b]`).
static MAILTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\[(]\s*(?:[a-z]{3,7}to\b\s*[:;]?\s*([^\])\s]*)|([^\])\s]*[@©][^\])\s]*))\s*[\])]?",
    )
    .expect("static regex")
});

/// Redaction codes a FOIA release prints after a redacted address (`B6`, `1.4(D)`).
static TRAILING_CODES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[\s,;]+(?:B[1-9]|1\.4\s?\([A-H]\)))+\s*$").expect("static regex")
});

/// Parse one party: `"Mills, Cheryl D" <MillsCD@state.gov>`, `Name <a@b>`, `a@b`,
/// `a@b (Name)`, `Name [mailto:a@b]`, or a bare handle such as `H`. OCR debris
/// (a dangling `<` or `[mailto:`) is dropped, and an address OCR mangled is
/// repaired where the repair is unambiguous ([`repair_address`]); `raw` keeps the
/// text as written.
pub fn parse_party(raw: &str) -> Option<Party> {
    let original = raw.trim();
    let mut t = TRAILING_CODES
        .replace(original, "")
        .trim_matches(|c| c == ';' || c == ',')
        .trim()
        .to_string();
    if let Some(c) = MAILTO.captures(&t) {
        let inside = c
            .get(1)
            .or_else(|| c.get(2))
            .map(|m| {
                m.as_str()
                    .trim_matches(|c: char| c == ',' || c.is_whitespace())
                    .to_string()
            })
            .unwrap_or_default();
        let range = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        t.replace_range(range, "");
        let inside = repair_address(&inside);
        if inside.contains('@') && !t.contains('<') {
            t = format!("{} <{inside}>", t.trim());
        }
    }
    // an opening bracket OCR left without its address, or with a stub of its label
    // (`[mailt`, `[Gm`)
    if let Some(open) = t.rfind('[')
        && !t[open..].contains([']', '@', '©'])
        && t[open..].chars().count() <= 8
        && open > 0
    {
        t.truncate(open);
    }
    let t = t
        .trim()
        .trim_end_matches(['<', '[', '('])
        .trim()
        .trim_matches(|c| c == ';' || c == ',')
        .trim();
    if t.is_empty() {
        return None;
    }
    // a single token that a repair makes an address (`abedinh?state,gov`)
    let repaired;
    let t = if !t.contains(char::is_whitespace) && !t.contains('@') {
        repaired = repair_address(t);
        if repaired.contains('@') {
            repaired.as_str()
        } else {
            t
        }
    } else {
        t
    };
    let mut p = parse_clean(t)?;
    p.address = p.address.map(|a| repair_address(&a));
    p.raw = original.to_string();
    Some(p)
}

/// Top-level domains as OCR misreads them (`rn` for `m`, `y` or `q` for `v` and
/// `g`): none of the misreadings is a top-level domain, so the repair is unambiguous.
const OCR_TLDS: [(&str, &str); 3] = [("corn", "com"), ("goy", "gov"), ("qov", "gov")];

/// What OCR reads for the `@` of an address.
const AT_MISREAD: [&str; 3] = ["©", "?", "(&"];

/// Repair an address OCR damaged, where only one reading is possible: `©` or
/// `?` for the `@` (`abedinh©state.gov`, `abedinh?state.gov`), `,` for `.` in
/// the domain (`state,gov`), a misread top-level domain (`clintonemail.corn`,
/// `state.goy`), a lost dot before the top-level domain (`clintonemailcom`).
pub fn repair_address(a: &str) -> String {
    let mut a = a
        .trim()
        .trim_matches(|c: char| c == '\'' || c == '"' || c == '.')
        .to_string();
    for at in AT_MISREAD {
        if !a.contains('@') && a.matches(at).count() == 1 {
            let (local, domain) = a.split_once(at).unwrap_or((&a, ""));
            if looks_like_domain(&domain.replacen(',', ".", 1)) && !local.is_empty() {
                a = format!("{local}@{domain}");
            }
        }
    }
    let Some((local, domain)) = a.split_once('@') else {
        return a;
    };
    // a comma before the top-level domain only (`state,gov`): elsewhere a comma
    // may stand for other lost letters (`armed-servic,essenate.gov`)
    let mut domain = match domain.rsplit_once(',') {
        Some((head, tld))
            if !head.contains(',')
                && !tld.contains('.')
                && (2..=4).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            format!("{head}.{tld}")
        }
        _ => domain.to_string(),
    };
    for (bad, good) in OCR_TLDS {
        if let Some(stem) = domain.strip_suffix(bad)
            && stem.ends_with('.')
        {
            domain = format!("{stem}{good}");
        }
    }
    if !domain.contains('.') {
        for tld in ["com", "gov", "org", "net", "edu", "mil"] {
            if domain.len() > tld.len() + 2 && domain.ends_with(tld) {
                domain.insert(domain.len() - tld.len(), '.');
                break;
            }
        }
    }
    format!("{local}@{domain}")
}

fn looks_like_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// Parse a party from text already freed of OCR debris.
fn parse_clean(t: &str) -> Option<Party> {
    // `Name <address` whose closing bracket OCR lost (or a redaction code follows)
    if let Some(lt) = t.rfind('<')
        && !t[lt..].contains('>')
        && let Some(addr) = t[lt + 1..].split_whitespace().next()
    {
        return Some(Party {
            name: clean_name(&t[..lt]),
            address: Some(addr.trim_matches(|c| c == '"' || c == '\'').to_lowercase()),
            raw: t.to_string(),
        });
    }
    if let (Some(lt), Some(gt)) = (t.rfind('<'), t.rfind('>'))
        && lt < gt
    {
        let addr = t[lt + 1..gt].trim().to_lowercase();
        let name = clean_name(&t[..lt]);
        return Some(Party {
            name,
            address: (!addr.is_empty()).then_some(addr),
            raw: t.to_string(),
        });
    }
    if let Some(open) = t.find('(') {
        let addr = t[..open].trim();
        if addr.contains('@') {
            let name = clean_name(t[open + 1..].trim_end_matches(')'));
            return Some(Party {
                name,
                address: Some(addr.to_lowercase()),
                raw: t.to_string(),
            });
        }
    }
    let single_token = !t.contains(char::is_whitespace) && !t.contains(',');
    if t.contains('@') || single_token {
        // a bare address or a handle such as "H" or a redacted user name
        return Some(Party {
            name: None,
            address: Some(t.trim_matches(|c| c == '\'' || c == '"').to_lowercase()),
            raw: t.to_string(),
        });
    }
    Some(Party {
        name: clean_name(t),
        address: None,
        raw: t.to_string(),
    })
}

fn clean_name(s: &str) -> Option<String> {
    let n = s.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    (!n.is_empty()).then(|| n.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Parse a list of parties separated by `;` or by `,` outside quotes and outside
/// a "Last, First" name followed by an address.
pub fn parse_parties(raw: &str) -> Vec<Party> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_quote = false;
    let mut in_angle = false;
    for c in raw.chars() {
        match c {
            '"' => {
                in_quote = !in_quote;
                cur.push(c);
            }
            '<' => {
                in_angle = true;
                cur.push(c);
            }
            '>' => {
                in_angle = false;
                cur.push(c);
            }
            ';' if !in_quote && !in_angle => {
                out.extend(parse_party(&cur));
                cur.clear();
            }
            ',' if !in_quote && !in_angle => {
                // "Mills, Cheryl D <x@y>" — a comma inside a name that has no address yet
                // and is not itself an address: keep going if the part so far is one word.
                let so_far = cur.trim();
                let looks_complete =
                    so_far.contains('@') || so_far.contains('>') || so_far.contains(' ');
                if looks_complete {
                    out.extend(parse_party(&cur));
                    cur.clear();
                } else {
                    cur.push(c);
                }
            }
            _ => cur.push(c),
        }
    }
    out.extend(parse_party(&cur));
    out
}

/// Read an alias table from CSV with a header row (`originalName,commonName`,
/// `AliasName,PersonName`, …): `columns` names the alias column and the person
/// column; without it the first two columns are taken. Returns (alias, person)
/// pairs; rows with an empty cell are skipped.
pub fn alias_pairs_from_csv<R: std::io::Read>(
    reader: R,
    columns: Option<(&str, &str)>,
) -> Result<Vec<(String, String)>, String> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = r.headers().map_err(|e| e.to_string())?.clone();
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                format!(
                    "no column named {name:?}; the columns are {}",
                    header.iter().collect::<Vec<_>>().join(", ")
                )
            })
    };
    let (ai, ci) = match columns {
        Some((a, c)) => (find(a)?, find(c)?),
        None if header.len() >= 2 => (0, 1),
        None => return Err("an alias table needs two columns: alias and person".into()),
    };
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| format!("row {}: {e}", i + 2))?;
        let alias = rec.get(ai).unwrap_or("").trim();
        let person = rec.get(ci).unwrap_or("").trim();
        if !alias.is_empty() && !person.is_empty() {
            out.push((alias.to_string(), person.to_string()));
        }
    }
    Ok(out)
}

/// Maps every known name, handle and address of a person to one canonical name.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    to_canonical: BTreeMap<String, String>,
}

impl AliasTable {
    /// Build from (alias, canonical) pairs.
    pub fn from_pairs<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut t = AliasTable::default();
        for (a, c) in pairs {
            t.to_canonical.insert(a.to_lowercase(), c.clone());
            t.to_canonical.insert(c.to_lowercase(), c);
        }
        t
    }

    /// The canonical name of a key (address, handle or name), if it has one.
    pub fn canonical(&self, key: &str) -> Option<&str> {
        self.to_canonical
            .get(&key.to_lowercase())
            .map(String::as_str)
    }

    /// The canonical name for a party (by address, then by name).
    pub fn canonical_party(&self, p: &Party) -> Option<&str> {
        p.address
            .as_deref()
            .and_then(|a| self.canonical(a))
            .or_else(|| p.name.as_deref().and_then(|n| self.canonical(n)))
    }

    /// Every key equivalent to `key` (itself included), lower case.
    pub fn equivalents(&self, key: &str) -> Vec<String> {
        let k = key.to_lowercase();
        match self.to_canonical.get(&k) {
            None => vec![k],
            Some(c) => {
                let mut v: Vec<String> = self
                    .to_canonical
                    .iter()
                    .filter(|(_, canon)| *canon == c)
                    .map(|(a, _)| a.clone())
                    .collect();
                if !v.contains(&k) {
                    v.push(k);
                }
                v
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let p = parse_party("\"Mills, Cheryl D\" <MillsCD@state.gov>").unwrap();
        assert_eq!(p.name.as_deref(), Some("Mills, Cheryl D"));
        assert_eq!(p.address.as_deref(), Some("millscd@state.gov"));
        let h = parse_party("H").unwrap();
        assert_eq!(h.address.as_deref(), Some("h"));
        let s = parse_party("sbwhoeop").unwrap();
        assert_eq!(s.key(), "sbwhoeop");
        let n = parse_party("Sullivan, Jacob J").unwrap();
        assert_eq!(n.name.as_deref(), Some("Sullivan, Jacob J"));
        let c = parse_party("a@b.org (Ann Bee)").unwrap();
        assert_eq!(c.name.as_deref(), Some("Ann Bee"));
    }

    #[test]
    fn lists() {
        let v = parse_parties(
            "\"Mills, Cheryl D\" <MillsCD@state.gov>, H; Sullivan, Jacob J <SullivanJJ@state.gov>",
        );
        let keys: Vec<String> = v.iter().map(|p| p.key()).collect();
        assert_eq!(keys, ["millscd@state.gov", "h", "sullivanjj@state.gov"]);
    }

    #[test]
    fn ocr_debris() {
        let p = parse_party("Sidney Blumenthal [mailto:").unwrap();
        assert_eq!(p.name.as_deref(), Some("Sidney Blumenthal"));
        assert_eq!(p.address, None);
        assert_eq!(p.raw, "Sidney Blumenthal [mailto:");
        let p = parse_party("h [rnailto:hdr22@clintonemail.com]").unwrap();
        assert_eq!(p.key(), "hdr22@clintonemail.com");
        let p = parse_party("Thompson, James F [ThompsonJF2@state.gov]").unwrap();
        assert_eq!(p.name.as_deref(), Some("Thompson, James F"));
        assert_eq!(p.key(), "thompsonjf2@state.gov");
        let p = parse_party("Brose, Christian (Armed Services) (mailto:cb@senate.gov)").unwrap();
        assert_eq!(p.name.as_deref(), Some("Brose, Christian (Armed Services)"));
        let p = parse_party("Colby Cooper [mailto").unwrap();
        assert_eq!(p.key(), "Colby Cooper");
        let p = parse_party("Voda ebeling [mailto, B6").unwrap();
        assert_eq!(p.key(), "Voda ebeling");
        assert_eq!(
            parse_party("Ken Wollack [mailt").unwrap().key(),
            "Ken Wollack"
        );
        let p = parse_party("Mills, Cheryl D [MillsCD©state.gov]").unwrap();
        assert_eq!(p.key(), "millscd@state.gov");
        let p = parse_party("PIR <preines B6").unwrap();
        assert_eq!(
            (p.name.as_deref(), p.key().as_str()),
            (Some("PIR"), "preines")
        );
        let p = parse_party("Sidney Blumenthal <").unwrap();
        assert_eq!(p.key(), "Sidney Blumenthal");
        let p = parse_party("opsnewsticker@state.gov [mailto:opsnewsticker@state.gov]").unwrap();
        assert_eq!(p.key(), "opsnewsticker@state.gov");
        let p = parse_party("Sullivan, Jacob J [mailto:SullivanJJ@state.gov]").unwrap();
        assert_eq!(p.name.as_deref(), Some("Sullivan, Jacob J"));
        assert_eq!(p.address.as_deref(), Some("sullivanjj@state.gov"));
        let p = parse_party("Brose, Christian (mailto:Christian_Brose@armed-servic,essenate.govi")
            .unwrap();
        assert_eq!(p.name.as_deref(), Some("Brose, Christian"));
        assert_eq!(
            p.address.as_deref(),
            Some("christian_brose@armed-servic,essenate.govi")
        );
        assert_eq!(
            parse_party("abedinh?state,gov").unwrap().key(),
            "abedinh@state.gov"
        );
        assert_eq!(
            parse_party("'abedinh©state.gov.").unwrap().key(),
            "abedinh@state.gov"
        );
        assert_eq!(
            parse_party("H <hrod17@clintonemailcom>").unwrap().key(),
            "hrod17@clintonemail.com"
        );
        assert_eq!(parse_party("x@state.goy").unwrap().key(), "x@state.gov");
        assert_eq!(
            parse_party("H <hrod17@clintonemail.corn>").unwrap().key(),
            "hrod17@clintonemail.com"
        );
        // no repair where the reading is not unambiguous
        assert_eq!(parse_party("sbwhoeor").unwrap().key(), "sbwhoeor");
        assert_eq!(repair_address("who?what"), "who?what");
    }

    #[test]
    fn alias_csv() {
        let csv = "originalName,commonName\n\"\",\"\"\nsbwhoeop,Sidney Blumenthal\n\"Blumenthal, Sidney\",Sidney Blumenthal\n";
        let pairs = alias_pairs_from_csv(csv.as_bytes(), None).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[1].0, "Blumenthal, Sidney");
        let pairs =
            alias_pairs_from_csv(csv.as_bytes(), Some(("commonName", "originalName"))).unwrap();
        assert_eq!(pairs[0], ("Sidney Blumenthal".into(), "sbwhoeop".into()));
        assert!(alias_pairs_from_csv(csv.as_bytes(), Some(("x", "y"))).is_err());
    }

    #[test]
    fn aliases() {
        let t = AliasTable::from_pairs([("sbwhoeop".to_string(), "Sidney Blumenthal".to_string())]);
        assert_eq!(t.canonical("SBWHOEOP"), Some("Sidney Blumenthal"));
        let mut e = t.equivalents("sidney blumenthal");
        e.sort();
        assert_eq!(e, ["sbwhoeop", "sidney blumenthal"]);
    }
}
