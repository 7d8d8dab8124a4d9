//! How an archive reads: documents without a subject or sender, subjects that
//! are only a date, senders with OCR debris, families of renditions by size.
//! `cargo run --release --example release_quality -- ARCHIVE_DIR`

use std::collections::BTreeMap;

fn main() -> spoor::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let a = spoor::Archive::open_read(std::path::Path::new(&dir))?;
    let mut n = 0u64;
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    let mut families: BTreeMap<String, u64> = BTreeMap::new();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    a.for_each_document(&mut |chunk| {
        for d in chunk {
            n += 1;
            let mut flag = |k: &'static str, ex: String| {
                *counts.entry(k).or_default() += 1;
                let v = examples.entry(k).or_default();
                if v.len() < 5 {
                    v.push(ex);
                }
            };
            let label = d.doc_no.clone().unwrap_or_else(|| d.id.clone());
            match &d.subject {
                None => flag("no subject", label.clone()),
                Some(s)
                    if s.split_whitespace().count() <= 5
                        && spoor::internals::parse_date(s).is_some() =>
                {
                    flag("subject is a date", format!("{label}: {s}"))
                }
                _ => {}
            }
            match &d.from {
                None => flag("no sender", label.clone()),
                Some(p) => {
                    let k = p.key();
                    if k.contains('[') || k.contains('<') || k.contains("mailto") || k.contains('?')
                    {
                        flag("sender with debris", format!("{label}: {k}"));
                    }
                }
            }
            if d.date.is_none() {
                flag("no date", label.clone());
            }
            if let Some(f) = &d.family {
                *families.entry(f.clone()).or_default() += 1;
            }
        }
        Ok(())
    })?;
    println!("{n} documents");
    for (k, v) in &counts {
        println!("{v:>8}  {k}  e.g. {}", examples[k].join(" | "));
    }
    let mut sizes: BTreeMap<u64, u64> = BTreeMap::new();
    for v in families.values() {
        *sizes.entry(v + 1).or_default() += 1;
    }
    println!("families of renditions by size (members: families): {sizes:?}");
    let mut big: Vec<(&String, &u64)> = families.iter().collect();
    big.sort_by(|x, y| y.1.cmp(x.1));
    for (k, v) in big.iter().take(5) {
        let (d, _) = a.show(k, &spoor::access::Readable::All)?;
        let text: String = d.body.chars().take(160).collect();
        println!(
            "family {k} ({} members): {:?} {:?}",
            *v + 1,
            d.subject,
            text.replace('\n', " ")
        );
    }
    Ok(())
}
