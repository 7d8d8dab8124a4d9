//! CSV and JSON Lines exports, one document per row, through a column mapping
//! (`from=MetadataFrom,to=MetadataTo,…`, or a file with one `field=column` a line).
//! Without a mapping, common column names are recognised.

use super::{Format, ReadError, Unit};
use crate::model::{DocKind, Document};
use crate::normalize::{parse_date, parse_parties, parse_party};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The document fields a column can fill.
pub const FIELDS: [&str; 10] = [
    "from",
    "to",
    "cc",
    "date",
    "subject",
    "body",
    "doc_no",
    "case_no",
    "message_id",
    "title",
];

/// Which column fills which document field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// field → column name
    pub columns: BTreeMap<String, String>,
}

impl Mapping {
    /// The mapping written out in one canonical form (`field=column,…`, fields
    /// sorted): part of the identity of every row read through it, so that a
    /// row read again through another mapping is read anew.
    pub fn canonical(&self) -> String {
        self.columns
            .iter()
            .map(|(f, c)| format!("{f}={c}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Parse `field=column,field=column`, or the same one a line (a mapping file).
    pub fn parse(spec: &str) -> Result<Mapping, ReadError> {
        let mut columns = BTreeMap::new();
        for item in spec
            .split([',', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.starts_with('#'))
        {
            let (f, c) = item
                .split_once('=')
                .ok_or_else(|| ReadError::MappingItem(item.to_string()))?;
            let f = f.trim().to_ascii_lowercase();
            if !FIELDS.contains(&f.as_str()) {
                return Err(ReadError::UnknownField {
                    field: f,
                    known: &FIELDS,
                });
            }
            columns.insert(f, c.trim().to_string());
        }
        Ok(Mapping { columns })
    }

    fn guess(columns: &[String]) -> Mapping {
        const SYN: [(&str, &[&str]); 9] = [
            ("from", &["from", "sender", "metadatafrom", "author"]),
            ("to", &["to", "recipients", "metadatato", "recipient"]),
            ("cc", &["cc"]),
            (
                "date",
                &["date", "sent", "metadatadatesent", "datesent", "timestamp"],
            ),
            ("subject", &["subject", "metadatasubject", "title"]),
            (
                "body",
                &["body", "extractedbodytext", "text", "content", "message"],
            ),
            ("doc_no", &["docnumber", "doc_no", "docno", "document_id"]),
            ("case_no", &["metadatacasenumber", "case_no", "casenumber"]),
            ("message_id", &["message_id", "messageid", "message-id"]),
        ];
        let mut m = BTreeMap::new();
        for (field, names) in SYN {
            if let Some(c) = columns
                .iter()
                .find(|c| names.contains(&c.to_ascii_lowercase().as_str()))
            {
                m.insert(field.to_string(), c.clone());
            }
        }
        Mapping { columns: m }
    }
}

/// Cut a CSV file into one unit per row (keeping each row's exact bytes).
pub fn split_csv(path: Arc<str>, bytes: &[u8]) -> Result<Vec<Unit>, ReadError> {
    let delim = if path.to_ascii_lowercase().ends_with(".tsv") {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_reader(bytes);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(ReadError::CsvHeader)?
        .iter()
        .map(|s| s.trim_start_matches('\u{feff}').to_string())
        .collect();
    let columns = Arc::new(headers);
    let mut units = Vec::new();
    let mut rec = csv::ByteRecord::new();
    loop {
        let start = rdr.position().byte() as usize;
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let end = rdr.position().byte() as usize;
                units.push(Unit {
                    path: path.clone(),
                    offset: start as u64,
                    bytes: bytes.get(start..end).unwrap_or_default().to_vec(),
                    format: Format::CsvRow,
                    folder: None,
                    columns: Some(columns.clone()),
                });
            }
            Err(error) => {
                return Err(ReadError::Csv {
                    offset: start,
                    error,
                });
            }
        }
    }
    Ok(units)
}

/// Cut a JSON Lines file into one unit per line.
pub fn split_jsonl(path: Arc<str>, bytes: &[u8]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut offset = 0usize;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if !line.iter().all(u8::is_ascii_whitespace) {
            units.push(Unit {
                path: path.clone(),
                offset: offset as u64,
                bytes: line.to_vec(),
                format: Format::JsonRow,
                folder: None,
                columns: None,
            });
        }
        offset += line.len();
    }
    units
}

fn row_values(unit: &Unit) -> Result<BTreeMap<String, String>, ReadError> {
    match unit.format {
        Format::CsvRow => {
            let cols = unit
                .columns
                .as_ref()
                .ok_or(ReadError::Row("CSV row without its header"))?;
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(if unit.path.to_ascii_lowercase().ends_with(".tsv") {
                    b'\t'
                } else {
                    b','
                })
                .from_reader(unit.bytes.as_slice());
            let rec = rdr
                .records()
                .next()
                .ok_or(ReadError::Row("empty CSV row"))?
                .map_err(ReadError::CsvRow)?;
            Ok(cols
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect())
        }
        _ => {
            let v: serde_json::Value =
                serde_json::from_slice(&unit.bytes).map_err(|error| ReadError::NotJson {
                    offset: unit.offset,
                    error,
                })?;
            let obj = v
                .as_object()
                .ok_or(ReadError::Row("a JSON line that is not an object"))?;
            Ok(obj
                .iter()
                .map(|(k, v)| {
                    let s = match v {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::Array(a) => a
                            .iter()
                            .map(|x| {
                                x.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| x.to_string())
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                        other => other.to_string(),
                    };
                    (k.clone(), s)
                })
                .collect())
        }
    }
}

/// Turn one row into a document through the mapping (or the guessed one).
pub fn parse_row(unit: &Unit, mapping: Option<&Mapping>) -> Result<Vec<Document>, ReadError> {
    let values = row_values(unit)?;
    let guessed;
    let (mapping, part) = match mapping {
        Some(m) if !m.columns.is_empty() => (m, identity_part(m)),
        _ => {
            let cols: Vec<String> = values.keys().cloned().collect();
            guessed = Mapping::guess(&cols);
            (&guessed, String::new())
        }
    };
    if !mapping.columns.contains_key("body") {
        return Err(ReadError::NoBodyColumn);
    }
    let get = |f: &str| {
        mapping
            .columns
            .get(f)
            .and_then(|c| values.get(c))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut d = Document {
        kind: Some(DocKind::Row),
        subject: get("subject").or_else(|| get("title")),
        from: get("from").and_then(|s| parse_party(&s)),
        to: get("to").map(|s| parse_parties(&s)).unwrap_or_default(),
        cc: get("cc").map(|s| parse_parties(&s)).unwrap_or_default(),
        doc_no: get("doc_no"),
        case_no: get("case_no"),
        message_id: get("message_id").map(|s| s.trim_matches(['<', '>']).to_string()),
        date_text: get("date"),
        ..Default::default()
    };
    d.date = d.date_text.as_deref().and_then(parse_date);
    let body = get("body").unwrap_or_default();
    Ok(vec![super::finish(d, &body, &unit.bytes, &part)])
}

/// What a row's identity adds for a mapping given by the user (a guessed one
/// adds nothing, so ids of rows read without `--map` stay as they were).
pub fn identity_part(m: &Mapping) -> String {
    if m.columns.is_empty() {
        String::new()
    } else {
        format!("map:{}", m.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kaggle_mapping() {
        let m = Mapping::parse("from=MetadataFrom,to=MetadataTo,date=MetadataDateSent,subject=MetadataSubject,body=ExtractedBodyText,doc_no=DocNumber,case_no=MetadataCaseNumber").unwrap();
        let csv = "Id,DocNumber,MetadataSubject,MetadataTo,MetadataFrom,MetadataDateSent,MetadataCaseNumber,ExtractedBodyText\n1,C05739545,WOW,H,\"Sullivan, Jacob J\",2012-09-12T04:00:00+00:00,F-2015-04841,\"Line one,\nline two\"\n";
        let units = split_csv("x.csv".into(), csv.as_bytes()).unwrap();
        assert_eq!(units.len(), 1);
        let d = &parse_row(&units[0], Some(&m)).unwrap()[0];
        assert_eq!(d.doc_no.as_deref(), Some("C05739545"));
        assert_eq!(
            d.from.as_ref().unwrap().name.as_deref(),
            Some("Sullivan, Jacob J")
        );
        assert_eq!(d.to[0].key(), "h");
        assert_eq!(d.body, "Line one,\nline two");
        assert!(Mapping::parse("bogus=x").is_err());
    }
}
