//! Words that carry how a sentence knows what it says, per language: attribution
//! ("volgens", "selon", "according to"), hedges and relays ("reportedly", "may"),
//! qualifiers whose loss changes a claim ("occasionally", "only"), interpretive
//! framing ("suggereert", "suggests"), negation, and number words.
//!
//! These are closed-class word lists of each language, not lists about any article.

/// Attribution markers: the sentence says where its content comes from.
pub fn attribution(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::ATTRIBUTION,
        "nl" => &[
            "volgens",
            "aldus",
            "citeert",
            "citeerde",
            "zegt",
            "zei",
            "zeggen",
            "meldt",
            "meldde",
            "schrijft",
            "schreef",
            "bron",
            "bronnen",
            "verklaarde",
            "stelt",
            "stelde",
        ],
        "fr" => &[
            "selon",
            "d'après",
            "cite",
            "citant",
            "affirme",
            "affirmait",
            "source",
            "sources",
            "rapporte",
            "déclare",
            "déclaré",
            "indique",
            "écrit",
        ],
        "de" => &[
            "laut",
            "zufolge",
            "zitiert",
            "quelle",
            "quellen",
            "berichtet",
            "sagte",
            "sagt",
            "erklärte",
            "schreibt",
            "heißt",
        ],
        "es" => &[
            "según", "cita", "citando", "fuente", "fuentes", "afirma", "afirmó", "informa",
            "declaró", "dijo", "escribe",
        ],
        "it" => &[
            "secondo",
            "cita",
            "citando",
            "fonte",
            "fonti",
            "afferma",
            "riferisce",
            "dichiarato",
            "dichiara",
            "scrive",
            "ha detto",
        ],
        "pt" => &[
            "segundo", "conforme", "cita", "fonte", "fontes", "afirma", "afirmou", "informa",
            "declarou", "disse", "escreve",
        ],
        _ => &[
            "according",
            "said",
            "says",
            "say",
            "cites",
            "cited",
            "quoting",
            "source",
            "sources",
            "reported",
            "reportedly",
            "stated",
            "states",
            "told",
            "claims",
            "claimed",
            "wrote",
            "writes",
        ],
    }
}

/// Hedges and relays in a source sentence: the source does not state the thing
/// as its own fact. Multi-word cues are matched as phrases.
pub fn hedges(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::HEDGES,
        "nl" => &[
            "volgens",
            "naar verluidt",
            "zou",
            "zouden",
            "mogelijk",
            "vermoedelijk",
            "bronnen",
            "bron",
        ],
        "fr" => &[
            "selon",
            "d'après",
            "aurait",
            "auraient",
            "serait",
            "seraient",
            "sources",
            "source",
            "peut-être",
            "probablement",
        ],
        "de" => &[
            "laut",
            "zufolge",
            "soll",
            "sollen",
            "angeblich",
            "vermutlich",
            "quellen",
            "quelle",
            "möglicherweise",
        ],
        "es" => &[
            "según",
            "habría",
            "habrían",
            "sería",
            "supuestamente",
            "fuentes",
            "fuente",
            "posiblemente",
        ],
        "it" => &[
            "secondo",
            "avrebbe",
            "avrebbero",
            "sarebbe",
            "presumibilmente",
            "fonti",
            "fonte",
            "forse",
        ],
        "pt" => &[
            "segundo",
            "teria",
            "teriam",
            "seria",
            "supostamente",
            "fontes",
            "fonte",
            "possivelmente",
        ],
        _ => &[
            "according to",
            "sources",
            "source",
            "reportedly",
            "allegedly",
            "it is believed",
            "rumor",
            "rumour",
            "apparently",
            "claimed",
            "stated",
            "believe",
            "believes",
        ],
    }
}

/// Qualifiers that limit a statement; an article that drops them changes it.
pub fn qualifiers(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::QUALIFIERS,
        "nl" => &[
            "af en toe",
            "soms",
            "alleen",
            "slechts",
            "gedeeltelijk",
            "mogelijk",
            "waarschijnlijk",
            "enkele",
            "sommige",
            "incidenteel",
            "occasioneel",
        ],
        "fr" => &[
            "occasionnellement",
            "parfois",
            "seulement",
            "uniquement",
            "partiellement",
            "peut-être",
            "probablement",
            "quelques",
            "certains",
        ],
        "de" => &[
            "gelegentlich",
            "manchmal",
            "nur",
            "teilweise",
            "möglicherweise",
            "wahrscheinlich",
            "einige",
            "vereinzelt",
        ],
        "es" => &[
            "ocasionalmente",
            "a veces",
            "solo",
            "sólo",
            "parcialmente",
            "posiblemente",
            "probablemente",
            "algunos",
        ],
        "it" => &[
            "occasionalmente",
            "a volte",
            "talvolta",
            "solo",
            "soltanto",
            "parzialmente",
            "forse",
            "probabilmente",
            "alcuni",
        ],
        "pt" => &[
            "ocasionalmente",
            "às vezes",
            "apenas",
            "somente",
            "parcialmente",
            "possivelmente",
            "provavelmente",
            "alguns",
        ],
        _ => &[
            "occasionally",
            "sometimes",
            "only",
            "partly",
            "partially",
            "possibly",
            "probably",
            "some",
            "at times",
            "from time to time",
            "reportedly",
            "allegedly",
            "may",
            "might",
        ],
    }
}

/// Interpretive framing: the sentence reads meaning into the record rather than reporting it.
pub fn interpretive(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::INTERPRETIVE,
        "nl" => &[
            "suggereert",
            "suggereren",
            "lijkt",
            "lijken",
            "doet vermoeden",
            "werpen licht op",
            "werpt licht op",
            "wijst erop",
            "impliceert",
        ],
        "fr" => &[
            "suggère",
            "suggèrent",
            "semble",
            "semblent",
            "laisse penser",
            "éclairent",
            "éclaire",
            "jettent une lumière",
            "implique",
        ],
        "de" => &[
            "deutet",
            "deuten",
            "scheint",
            "scheinen",
            "legt nahe",
            "legen nahe",
            "werfen licht",
            "wirft licht",
        ],
        "es" => &[
            "sugiere",
            "sugieren",
            "parece",
            "parecen",
            "arrojan luz",
            "arroja luz",
            "da a entender",
        ],
        "it" => &[
            "suggerisce",
            "suggeriscono",
            "sembra",
            "sembrano",
            "fanno luce",
            "fa luce",
            "lascia intendere",
        ],
        "pt" => &[
            "sugere",
            "sugerem",
            "parece",
            "parecem",
            "lançam luz",
            "lança luz",
            "dá a entender",
        ],
        _ => &[
            "suggests",
            "suggest",
            "seems",
            "seem",
            "appears to",
            "sheds light",
            "shed light",
            "implies",
            "imply",
            "indicates that",
        ],
    }
}

/// Nouns by which an article names the documents it retells ("the e-mail", "the
/// report", "the correspondence"). After an attribution cue they say where the
/// claim comes from, not what it claims; beside a publication word they make a
/// sentence about the release itself.
pub fn source_nouns(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::SOURCE_NOUNS,
        "nl" => &[
            "e-mail",
            "e-mails",
            "email",
            "emails",
            "mail",
            "mails",
            "rapport",
            "verslag",
            "memo",
            "correspondentie",
            "document",
            "documenten",
            "brief",
            "brieven",
            "bericht",
            "berichten",
            "notitie",
            "telegram",
            "kabel",
        ],
        "fr" => &[
            "courriel",
            "courriels",
            "e-mail",
            "e-mails",
            "mail",
            "mails",
            "rapport",
            "note",
            "mémo",
            "correspondance",
            "document",
            "documents",
            "lettre",
            "lettres",
            "message",
            "messages",
            "câble",
            "télégramme",
        ],
        "de" => &[
            "e-mail",
            "e-mails",
            "mail",
            "mails",
            "bericht",
            "berichte",
            "memo",
            "vermerk",
            "korrespondenz",
            "dokument",
            "dokumente",
            "brief",
            "briefe",
            "nachricht",
            "nachrichten",
            "depesche",
            "kabel",
        ],
        "es" => &[
            "correo",
            "correos",
            "e-mail",
            "e-mails",
            "informe",
            "memorando",
            "nota",
            "correspondencia",
            "documento",
            "documentos",
            "carta",
            "cartas",
            "mensaje",
            "mensajes",
            "cable",
        ],
        "it" => &[
            "e-mail",
            "email",
            "mail",
            "rapporto",
            "relazione",
            "memo",
            "promemoria",
            "nota",
            "corrispondenza",
            "documento",
            "documenti",
            "lettera",
            "lettere",
            "messaggio",
            "messaggi",
            "cablogramma",
        ],
        "pt" => &[
            "e-mail",
            "e-mails",
            "email",
            "emails",
            "relatório",
            "memorando",
            "nota",
            "correspondência",
            "documento",
            "documentos",
            "carta",
            "cartas",
            "mensagem",
            "mensagens",
            "telegrama",
        ],
        _ => &[
            "e-mail",
            "e-mails",
            "email",
            "emails",
            "mail",
            "report",
            "memo",
            "memorandum",
            "correspondence",
            "document",
            "documents",
            "letter",
            "letters",
            "message",
            "messages",
            "cable",
            "note",
        ],
    }
}

/// Words that say documents were made public ("published", "released").
pub fn publication(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::PUBLICATION,
        "nl" => &[
            "gepubliceerd",
            "gepubliceerde",
            "vrijgegeven",
            "openbaar gemaakt",
            "openbaar gemaakte",
            "uitgelekt",
            "uitgelekte",
        ],
        "fr" => &[
            "publié",
            "publiés",
            "publiée",
            "publiées",
            "rendu public",
            "rendus publics",
            "divulgué",
            "divulgués",
            "déclassifié",
            "déclassifiés",
        ],
        "de" => &[
            "veröffentlicht",
            "veröffentlichten",
            "veröffentlichte",
            "freigegeben",
            "freigegebenen",
            "publik gemacht",
        ],
        "es" => &[
            "publicado",
            "publicados",
            "publicada",
            "publicadas",
            "divulgado",
            "divulgados",
            "desclasificado",
            "desclasificados",
            "hechos públicos",
        ],
        "it" => &[
            "pubblicato",
            "pubblicati",
            "pubblicata",
            "pubblicate",
            "diffuso",
            "diffusi",
            "resi pubblici",
            "declassificati",
        ],
        "pt" => &[
            "publicado",
            "publicados",
            "publicada",
            "publicadas",
            "divulgado",
            "divulgados",
            "tornados públicos",
        ],
        _ => &[
            "published",
            "released",
            "made public",
            "declassified",
            "leaked",
            "disclosed",
        ],
    }
}

/// Negation words.
pub fn negations(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => super::arabic::NEGATIONS,
        "nl" => &["niet", "geen", "nooit", "noch"],
        "fr" => &["ne", "n'", "pas", "jamais", "aucun", "aucune"],
        "de" => &["nicht", "kein", "keine", "keinen", "nie", "niemals"],
        "es" => &["no", "nunca", "ningún", "ninguna", "jamás"],
        "it" => &["non", "mai", "nessun", "nessuna"],
        "pt" => &["não", "nunca", "nenhum", "nenhuma"],
        _ => &["not", "no", "never", "n't", "neither", "nor"],
    }
}

/// Number words with their values (`hundreds` is 100: an order of magnitude).
pub fn number_words(lang: &str) -> &'static [(&'static str, f64)] {
    match lang {
        "ar" => super::arabic::NUMBER_WORDS,
        "nl" => &[
            ("twee", 2.0),
            ("drie", 3.0),
            ("vier", 4.0),
            ("vijf", 5.0),
            ("zes", 6.0),
            ("zeven", 7.0),
            ("acht", 8.0),
            ("negen", 9.0),
            ("tien", 10.0),
            ("elf", 11.0),
            ("twaalf", 12.0),
            ("twintig", 20.0),
            ("dertig", 30.0),
            ("honderd", 100.0),
            ("honderden", 100.0),
            ("duizend", 1000.0),
            ("duizenden", 1000.0),
            ("dozijn", 12.0),
        ],
        "fr" => &[
            ("deux", 2.0),
            ("trois", 3.0),
            ("quatre", 4.0),
            ("cinq", 5.0),
            ("six", 6.0),
            ("sept", 7.0),
            ("huit", 8.0),
            ("neuf", 9.0),
            ("dix", 10.0),
            ("onze", 11.0),
            ("douze", 12.0),
            ("vingt", 20.0),
            ("trente", 30.0),
            ("cent", 100.0),
            ("centaines", 100.0),
            ("mille", 1000.0),
            ("milliers", 1000.0),
            ("douzaine", 12.0),
        ],
        "de" => &[
            ("zwei", 2.0),
            ("drei", 3.0),
            ("vier", 4.0),
            ("fünf", 5.0),
            ("sechs", 6.0),
            ("sieben", 7.0),
            ("acht", 8.0),
            ("neun", 9.0),
            ("zehn", 10.0),
            ("elf", 11.0),
            ("zwölf", 12.0),
            ("zwanzig", 20.0),
            ("dreißig", 30.0),
            ("hundert", 100.0),
            ("hunderte", 100.0),
            ("tausend", 1000.0),
            ("tausende", 1000.0),
            ("dutzend", 12.0),
        ],
        "es" => &[
            ("dos", 2.0),
            ("tres", 3.0),
            ("cuatro", 4.0),
            ("cinco", 5.0),
            ("seis", 6.0),
            ("siete", 7.0),
            ("ocho", 8.0),
            ("nueve", 9.0),
            ("diez", 10.0),
            ("once", 11.0),
            ("doce", 12.0),
            ("veinte", 20.0),
            ("treinta", 30.0),
            ("cien", 100.0),
            ("cientos", 100.0),
            ("centenares", 100.0),
            ("mil", 1000.0),
            ("miles", 1000.0),
            ("docena", 12.0),
        ],
        "it" => &[
            ("due", 2.0),
            ("tre", 3.0),
            ("quattro", 4.0),
            ("cinque", 5.0),
            ("sei", 6.0),
            ("sette", 7.0),
            ("otto", 8.0),
            ("nove", 9.0),
            ("dieci", 10.0),
            ("undici", 11.0),
            ("dodici", 12.0),
            ("venti", 20.0),
            ("trenta", 30.0),
            ("cento", 100.0),
            ("centinaia", 100.0),
            ("mille", 1000.0),
            ("migliaia", 1000.0),
            ("dozzina", 12.0),
        ],
        "pt" => &[
            ("dois", 2.0),
            ("duas", 2.0),
            ("três", 3.0),
            ("quatro", 4.0),
            ("cinco", 5.0),
            ("seis", 6.0),
            ("sete", 7.0),
            ("oito", 8.0),
            ("nove", 9.0),
            ("dez", 10.0),
            ("onze", 11.0),
            ("doze", 12.0),
            ("vinte", 20.0),
            ("trinta", 30.0),
            ("cem", 100.0),
            ("centenas", 100.0),
            ("mil", 1000.0),
            ("milhares", 1000.0),
            ("dúzia", 12.0),
        ],
        _ => &[
            ("two", 2.0),
            ("three", 3.0),
            ("four", 4.0),
            ("five", 5.0),
            ("six", 6.0),
            ("seven", 7.0),
            ("eight", 8.0),
            ("nine", 9.0),
            ("ten", 10.0),
            ("eleven", 11.0),
            ("twelve", 12.0),
            ("twenty", 20.0),
            ("thirty", 30.0),
            ("hundred", 100.0),
            ("hundreds", 100.0),
            ("thousand", 1000.0),
            ("thousands", 1000.0),
            ("dozen", 12.0),
        ],
    }
}

/// Whether `text` (lower case) contains the cue as a word or phrase.
pub fn contains_cue(text_lower: &str, cue: &str) -> bool {
    cue_positions(text_lower, cue).next().is_some()
}

/// Byte offsets in `text_lower` where `cue` stands as a whole word or phrase.
pub fn cue_positions<'a>(text_lower: &'a str, cue: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        while from <= text_lower.len() {
            let p = text_lower[from..].find(cue)?;
            let at = from + p;
            let end = at + cue.len();
            from = at + cue.len().max(1);
            while from < text_lower.len() && !text_lower.is_char_boundary(from) {
                from += 1;
            }
            let before_ok = !text_lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after_ok = !text_lower[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if before_ok && after_ok {
                return Some(at);
            }
        }
        None
    })
}

/// Whether the words of a multi-word cue appear in order, at most two words apart
/// ("werpen ook licht op" carries "werpen licht op").
pub fn contains_loose(text_lower: &str, cue: &str) -> bool {
    if contains_cue(text_lower, cue) {
        return true;
    }
    let want: Vec<&str> = cue.split_whitespace().collect();
    if want.len() < 2 {
        return false;
    }
    let words: Vec<String> = text_lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    'start: for i in 0..words.len() {
        if words[i] != want[0] {
            continue;
        }
        let mut at = i;
        for w in &want[1..] {
            match (at + 1..words.len().min(at + 4)).find(|&j| words[j] == *w) {
                Some(j) => at = j,
                None => continue 'start,
            }
        }
        return true;
    }
    false
}
