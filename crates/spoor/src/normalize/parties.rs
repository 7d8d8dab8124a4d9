//! Senders and recipients as sources write them, and the alias table that joins
//! the many names of one person ("Sidney Blumenthal", a redacted handle, an address).

use crate::model::Party;
use std::collections::BTreeMap;

/// Parse one party: `"Mills, Cheryl D" <MillsCD@state.gov>`, `Name <a@b>`, `a@b`,
/// `a@b (Name)`, or a bare handle such as `H`.
pub fn parse_party(raw: &str) -> Option<Party> {
    let t = raw.trim().trim_matches(|c| c == ';' || c == ',').trim();
    if t.is_empty() {
        return None;
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

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.to_canonical.is_empty()
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
    fn aliases() {
        let t = AliasTable::from_pairs([("sbwhoeop".to_string(), "Sidney Blumenthal".to_string())]);
        assert_eq!(t.canonical("SBWHOEOP"), Some("Sidney Blumenthal"));
        let mut e = t.equivalents("sidney blumenthal");
        e.sort();
        assert_eq!(e, ["sbwhoeop", "sidney blumenthal"]);
    }
}
