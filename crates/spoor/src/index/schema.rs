//! The search schema and its per-language analysers.
//!
//! Subject and body text go into one field per analysed language
//! (`body_en`, `body_nl`, …, `body_xx`), each with its own stemmer, so that a
//! search for `meeting` finds `meetings` in English and `vergadering` finds
//! `vergaderingen` in Dutch. Address fields hold pre-computed tokens (whole
//! address, local part, domain, name words). Keyword fields hold exact values.

use crate::lang::ANALYSED;
use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, NumericOptions, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, WhitespaceTokenizer,
};

/// Handles of every field.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Document id (stored).
    pub id: Field,
    /// Subject per analysed language, in [`ANALYSED`] order.
    pub subject: Vec<Field>,
    /// Body (new text, quoted text, signature, attachments) per analysed language.
    pub body: Vec<Field>,
    /// Sender tokens.
    pub from: Field,
    /// Recipient tokens.
    pub to: Field,
    /// Copy recipient tokens.
    pub cc: Field,
    /// Sender key, for facets.
    pub f_from: Field,
    /// Recipient keys, for facets.
    pub f_to: Field,
    /// Reference number.
    pub docno: Field,
    /// FOIA case number.
    pub case: Field,
    /// Collection.
    pub collection: Field,
    /// Language code.
    pub lang: Field,
    /// Folder.
    pub folder: Field,
    /// Kind of document.
    pub kind: Field,
    /// Flags such as `attachment`.
    pub has: Field,
    /// Message-ID.
    pub msgid: Field,
    /// Date.
    pub date: Field,
    /// Year, for facets.
    pub year: Field,
    /// Family of renditions (the family key; the document's own id when alone).
    pub family: Field,
}

/// Name of the analyser of a language.
pub fn analyser_name(lang: &str) -> String {
    format!("spoor_{lang}")
}

/// The tantivy language (stemmer, stop words) of a language code, if spoor analyses it.
pub fn stem_language(lang: &str) -> Option<Language> {
    Some(match lang {
        "en" => Language::English,
        "nl" => Language::Dutch,
        "fr" => Language::French,
        "de" => Language::German,
        "es" => Language::Spanish,
        "it" => Language::Italian,
        "pt" => Language::Portuguese,
        "ar" => Language::Arabic,
        _ => return None,
    })
}

/// Build the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let mut subject = Vec::new();
    let mut body = Vec::new();
    for l in ANALYSED {
        let idx = TextFieldIndexing::default()
            .set_tokenizer(&analyser_name(l))
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let opts = TextOptions::default().set_indexing_options(idx);
        subject.push(b.add_text_field(&format!("subject_{l}"), opts.clone()));
        body.push(b.add_text_field(&format!("body_{l}"), opts));
    }
    let addr_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("spoor_addr")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let from = b.add_text_field("from", addr_opts.clone());
    let to = b.add_text_field("to", addr_opts.clone());
    let cc = b.add_text_field("cc", addr_opts);
    let f_from = b.add_text_field("f_from", STRING | FAST);
    let f_to = b.add_text_field("f_to", STRING | FAST);
    let docno = b.add_text_field("docno", STRING);
    let case = b.add_text_field("case", STRING);
    let collection = b.add_text_field("collection", STRING | FAST);
    let lang = b.add_text_field("lang", STRING | FAST);
    let folder = b.add_text_field("folder", STRING);
    let kind = b.add_text_field("kind", STRING | FAST);
    let has = b.add_text_field("has", STRING);
    let msgid = b.add_text_field("msgid", STRING);
    let date = b.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    let year = b.add_u64_field("year", NumericOptions::default().set_fast());
    let family = b.add_text_field("family", STRING | STORED);
    (
        b.build(),
        Fields {
            id,
            subject,
            body,
            from,
            to,
            cc,
            f_from,
            f_to,
            docno,
            case,
            collection,
            lang,
            folder,
            kind,
            has,
            msgid,
            date,
            year,
            family,
        },
    )
}

/// The analyser of a language: words, lower case, accents folded, stemmed.
pub fn analyser(lang: &str) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match stem_language(lang) {
        Some(l) => base.filter(Stemmer::new(l)).build(),
        None => base.build(),
    }
}

/// Register spoor's analysers on an index.
pub fn register(index: &Index) {
    for l in ANALYSED {
        index.tokenizers().register(&analyser_name(l), analyser(l));
    }
    index.tokenizers().register(
        "spoor_addr",
        TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(RemoveLongFilter::limit(200))
            .filter(LowerCaser)
            .build(),
    );
}

/// The tokens under which a party is found: whole address, local part, domain,
/// the words of address and name, and the name's words joined by `_`.
pub fn party_tokens(p: &crate::model::Party, out: &mut String) {
    let mut push = |t: &str| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        if !t.is_empty() {
            out.push_str(&t.to_lowercase());
            out.push(' ');
        }
    };
    if let Some(a) = &p.address {
        push(a);
        if let Some((local, domain)) = a.split_once('@') {
            push(local);
            push(domain);
        }
        for w in a.split(|c: char| !c.is_alphanumeric()) {
            push(w);
        }
    }
    if let Some(n) = &p.name {
        let words: Vec<&str> = n
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for w in &words {
            push(w);
        }
        if words.len() > 1 {
            push(&words.join("_"));
        }
    }
}
