//! Arabic: normalisation for indexing and matching, a light stemmer, consonant
//! skeletons that let an Arabic name meet its Latin spellings, dates in the three
//! month-naming systems, number words, and matching of the closed-class word
//! lists spoor reads claims with. The lists themselves (months, seasons,
//! weekdays, number words, attribution, hedges, qualifiers, framing, negation,
//! function words, locatives) are the Arabic profile,
//! [`crate::lang::profiles::ar`].
//!
//! Every word list is stored **normalised** (as [`normalise`] returns it: no
//! diacritics, one alef, `ة` written `ه`, `ى` written `ي`, …), so "أكد" is listed
//! as "اكد" and "إلى" as "الي". Match them against normalised text: [`words`]
//! normalises and splits a text, [`find_markers`] finds the entries of a list in
//! a text. A unit test checks that every entry is normalised.
//!
//! These are rules of the Arabic language, not rules about any article.

#[cfg(test)]
use super::profiles::ar::{
    ATTRIBUTION, FUNCTION_WORDS, HEDGES, INTERPRETIVE, LOCATIVES, NEGATIONS, PUBLICATION,
    QUALIFIERS, SEASONS, SOURCE_NOUNS, WEEKDAYS,
};
use super::profiles::ar::{MONTH_VARIANTS, MONTHS, NUMBER_WORDS, YEAR_LEADS};

/// A date as precise as the text gives it: (year, month 1–12, day of month).
pub type DateParts = (Option<i32>, Option<u32>, Option<u32>);

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// Normalise Arabic text for indexing and matching.
///
/// Removes diacritics (harakat U+064B–U+065F, superscript alef U+0670, Quranic
/// annotation marks, tatweel U+0640) and the invisible bidi marks (U+061C,
/// U+200E, U+200F); unifies alef forms (أ إ آ ٱ → ا), hamza on waw and ya
/// (ؤ → و, ئ → ي), taa marbuta (ة → ه), alef maqsura (ى → ي) and the Persian/Urdu
/// letters (ک → ك, ی → ي, ھ ہ ۀ → ه); turns Eastern Arabic (٠–٩) and Persian
/// (۰–۹) digits into ASCII digits and Arabic punctuation into ASCII (، → `,`,
/// ؛ → `;`, ؟ → `?`, ٫ → `.`, ٬ → `,`, ٪ → `%`); decomposes the presentation
/// forms that PDF extraction leaves (ﺑ → ب, ﻻ → لا). Other text passes unchanged.
pub fn normalise(text: &str) -> String {
    unmarked(text).map(unify).collect()
}

/// The characters of `text` with presentation forms decomposed and marks removed.
fn unmarked(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(decompose).flatten()
}

/// Whether `c` is a combining mark, tatweel or bidi mark that normalisation drops.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{061C}'
            | '\u{0640}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{FE70}'..='\u{FE7F}'
            | '\u{200E}'
            | '\u{200F}'
    )
}

/// Letters of the Arabic Presentation Forms-B block from U+FE80 in order, each
/// with the number of contextual forms (isolated, final, initial, medial) it has.
const PRESENTATION_FORMS: [(char, u32); 36] = [
    ('ء', 1),
    ('آ', 2),
    ('أ', 2),
    ('ؤ', 2),
    ('إ', 2),
    ('ئ', 4),
    ('ا', 2),
    ('ب', 4),
    ('ة', 2),
    ('ت', 4),
    ('ث', 4),
    ('ج', 4),
    ('ح', 4),
    ('خ', 4),
    ('د', 2),
    ('ذ', 2),
    ('ر', 2),
    ('ز', 2),
    ('س', 4),
    ('ش', 4),
    ('ص', 4),
    ('ض', 4),
    ('ط', 4),
    ('ظ', 4),
    ('ع', 4),
    ('غ', 4),
    ('ف', 4),
    ('ق', 4),
    ('ك', 4),
    ('ل', 4),
    ('م', 4),
    ('ن', 4),
    ('ه', 4),
    ('و', 2),
    ('ى', 2),
    ('ي', 4),
];

/// The letter a contextual presentation form (U+FE80–U+FEF4) stands for.
fn presentation_base(c: char) -> Option<char> {
    let mut start = 0xFE80;
    for &(base, forms) in &PRESENTATION_FORMS {
        if (start..start + forms).contains(&(c as u32)) {
            return Some(base);
        }
        start += forms;
    }
    None
}

/// The alef of a lam-alef ligature (U+FEF5–U+FEFC).
fn ligature_alef(c: char) -> Option<char> {
    match c {
        '\u{FEF5}' | '\u{FEF6}' => Some('آ'),
        '\u{FEF7}' | '\u{FEF8}' => Some('أ'),
        '\u{FEF9}' | '\u{FEFA}' => Some('إ'),
        '\u{FEFB}' | '\u{FEFC}' => Some('ا'),
        _ => None,
    }
}

/// One character as up to two base characters: none for a mark, two for a ligature.
fn decompose(c: char) -> [Option<char>; 2] {
    if is_mark(c) {
        return [None, None];
    }
    match ligature_alef(c) {
        Some(alef) => [Some('ل'), Some(alef)],
        None => [Some(presentation_base(c).unwrap_or(c)), None],
    }
}

/// One base character in its normalised form.
fn unify(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ؤ' => 'و',
        'ئ' | 'ى' | 'ی' => 'ي',
        'ة' | 'ھ' | 'ہ' | 'ۀ' => 'ه',
        'ک' => 'ك',
        '،' | '٬' => ',',
        '؛' => ';',
        '؟' => '?',
        '٫' => '.',
        '٪' => '%',
        '\u{0660}'..='\u{0669}' => ascii_digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => ascii_digit(c as u32 - 0x06F0),
        _ => c,
    }
}

/// The ASCII digit of a value 0–9.
fn ascii_digit(value: u32) -> char {
    char::from_digit(value, 10).unwrap_or('0')
}

/// Whether `c` belongs to one of the Arabic script blocks.
fn is_arabic_script(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
    )
}

/// Whether more than half of the letters of `text` are Arabic script (diacritics
/// are not counted as letters). A text without letters is not Arabic.
pub fn is_arabic(text: &str) -> bool {
    let (mut letters, mut arabic) = (0usize, 0usize);
    for c in text.chars().filter(|&c| c.is_alphabetic() && !is_mark(c)) {
        letters += 1;
        arabic += usize::from(is_arabic_script(c));
    }
    arabic * 2 > letters
}

/// The normalised words of `text`: runs of letters and digits, after [`normalise`]
/// (so Eastern digits come out as ASCII digits; punctuation separates words).
pub fn words(text: &str) -> Vec<String> {
    normalise(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Number of characters (not bytes) of a string.
fn char_len(s: &str) -> usize {
    s.chars().count()
}

// ---------------------------------------------------------------------------
// Light stemming (Larkey, Ballesteros & Connell's light10)
// ---------------------------------------------------------------------------

/// Definite articles with an attached preposition or conjunction, longest first
/// (light10: ال، وال، بال، كال، فال، لل).
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// Suffixes in the order light10 tries them, normalised (ية and ة are written يه
/// and ه): ها، ان، ات، ون، ين، يه، ه، ي.
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// The normalised `word` without its leading conjunction و (when at least three
/// letters remain) and then one definite article with its attached particle
/// (ال، وال، بال، كال، فال، لل; when at least two letters remain).
pub fn strip_prefixes(word: &str) -> &str {
    let word = match word.strip_prefix('و') {
        Some(rest) if char_len(rest) >= 3 => rest,
        _ => word,
    };
    ARTICLES
        .iter()
        .find_map(|a| word.strip_prefix(a).filter(|rest| char_len(rest) >= 2))
        .unwrap_or(word)
}

/// The normalised `word` without its suffixes: one pass through light10's list
/// (ها، ان، ات، ون، ين، يه/ية، ه/ة، ي), each removed when two letters remain.
pub fn strip_suffixes(word: &str) -> &str {
    SUFFIXES.iter().fold(word, |w, s| match w.strip_suffix(s) {
        Some(rest) if char_len(rest) >= 2 => rest,
        _ => w,
    })
}

/// Light10 stem of an already normalised word: prefixes ([`strip_prefixes`]),
/// then suffixes ([`strip_suffixes`]). Use [`stem`] for a word as written.
pub fn strip_clitics(word: &str) -> &str {
    strip_suffixes(strip_prefixes(word))
}

/// Light10 stem of a word as written: [`normalise`], then [`strip_clitics`]
/// ("والكتاب" → "كتاب", "المعلمون" → "معلم", "بالمدرسة" → "مدرس").
pub fn stem(word: &str) -> String {
    strip_clitics(&normalise(word)).to_string()
}

// ---------------------------------------------------------------------------
// Consonant skeletons: Arabic names meet their Latin spellings
// ---------------------------------------------------------------------------
//
// Both sides are reduced to one Latin class letter per consonant; vowels and
// semivowels are dropped, and a class letter repeated (even across a dropped
// vowel or a word break) is written once. The classes:
//
//   b  ب پ         | b p          t  ت ط ث       | t th
//   d  د ذ ض ظ     | d dh          g  ج غ گ ڨ     | g j gh dj
//   h  ح ه (ة)     | h             k  خ ق ك       | k q c(hard) kh ck x(k+s)
//   s  س ص ش ز چ تش| s z sh ch tch c(soft)      f  ف ڤ | f v ph
//   l m n r        | l m n r       y  ي at the start of a word | y before a vowel
//   dropped: ا أ إ آ ء ئ ؤ ع ى, و everywhere, ي inside a word,
//            final ة | a e i o u, w, ou, y inside a word, ' ʿ ʾ

/// Arabic → Latin consonant skeleton of a name (one word or several), meant to
/// be compared with [`latin_skeleton`] of a Latin spelling: "ستيفنز" and
/// "Stevens", or "تمبكتو" and "Timbuktu", give the same skeleton.
///
/// Give the text as written (diacritics are ignored, but `ة` must not already be
/// normalised to `ه`: a final `ة` is the pausal -a and is dropped, a final `ه` is
/// a consonant, as in "عبدالله" ~ "Abdallah"). The article ال of the first word is
/// dropped ("القذافي" ~ "Qaddafi"); inside a name it is kept as `l`, as Latin
/// spellings keep it ("عبد العزيز" ~ "Abdel Aziz", "Abd al-Aziz").
pub fn to_latin_skeleton(arabic: &str) -> String {
    let mut out = String::new();
    for (i, token) in arabic_tokens(arabic).iter().enumerate() {
        let letters = if i == 0 { drop_article(token) } else { token };
        arabic_word_skeleton(letters, &mut out);
    }
    out
}

/// Words of Arabic letters, marks removed.
fn arabic_tokens(text: &str) -> Vec<Vec<char>> {
    let mut tokens = vec![Vec::new()];
    for c in unmarked(text) {
        let letter = is_arabic_script(c) && c.is_alphabetic();
        match tokens.last_mut() {
            Some(last) if letter => last.push(c),
            Some(last) if !last.is_empty() => tokens.push(Vec::new()),
            _ => {}
        }
    }
    tokens.retain(|t| !t.is_empty());
    tokens
}

/// A word without its leading article ال when at least two letters remain.
fn drop_article(word: &[char]) -> &[char] {
    match word {
        ['ا' | 'ٱ', 'ل', rest @ ..] if rest.len() >= 2 => rest,
        _ => word,
    }
}

/// Append the skeleton of one Arabic word.
fn arabic_word_skeleton(word: &[char], out: &mut String) {
    for (i, &c) in word.iter().enumerate() {
        let next = word.get(i + 1).copied();
        push_class(out, arabic_class(c, i == 0, next));
    }
}

/// The Latin class of an Arabic letter, given whether it starts its word and the
/// letter after it ("" for letters the skeleton drops).
fn arabic_class(c: char, first: bool, next: Option<char>) -> &'static str {
    match c {
        'ت' if next == Some('ش') => "",
        'ب' | 'پ' => "b",
        'ت' | 'ط' | 'ث' => "t",
        'ج' | 'غ' | 'گ' | 'ڨ' | 'ڭ' => "g",
        'ح' | 'ه' | 'ھ' | 'ہ' => "h",
        'ة' | 'ۀ' if next.is_some() => "h",
        'خ' | 'ق' | 'ك' | 'ک' => "k",
        'د' | 'ذ' | 'ض' | 'ظ' => "d",
        'ر' => "r",
        'ز' | 'ژ' | 'س' | 'ص' | 'ش' | 'چ' => "s",
        'ف' | 'ڤ' => "f",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ي' | 'ی' if first => "y",
        _ => "",
    }
}

/// Append a class string, writing a letter only when it does not repeat the last one.
fn push_class(out: &mut String, class: &str) {
    for c in class.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
}

/// Latin consonant skeleton of a name, in the classes of [`to_latin_skeleton`]:
/// lower case, accents folded (ḥ → h, š → s, ḏ → d, …), apostrophes and ʿayn
/// marks ignored, words split at spaces and hyphens.
///
/// Digraphs first: tch/sch/sh/ch/zh → s, kh → k, th → t, dh → d, gh → g,
/// dj → g, ph → f, ck → k, ou → vowel; then c → s before e/i/y, else k; q → k;
/// p → b; v → f; j → g; z → s; x → ks. Vowels a e i o u, w, and y (except a
/// word-initial y before a vowel) are dropped; a repeated class letter is written
/// once. A first word "al"/"el" (or an assimilated "ash-", "ar-", …) before
/// another word is the article and is dropped; later in a name it counts as `l`.
///
/// spoor's general `skeleton` (`trace::bag`) keeps a word-initial vowel and
/// distinguishes g/j and s/z; use this function, not that one, for the Latin side.
pub fn latin_skeleton(latin: &str) -> String {
    let tokens = latin_tokens(latin);
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if is_latin_article(token, tokens.get(i + 1)) {
            if i > 0 {
                push_class(&mut out, "l");
            }
            continue;
        }
        latin_word_skeleton(token, &mut out);
    }
    out
}

/// A regular expression over lower-case ASCII words whose [`latin_skeleton`]
/// may be `skeleton` (each class letter as the Latin letters and groups that
/// give it, repeated or not, with vowels, w and y anywhere between): the Latin
/// spellings of a name written in Arabic, to look for in an index's
/// vocabulary. It over-generates ("c" stands for k and s alike), so a match is
/// to be confirmed with [`latin_skeleton`]. `None` for a skeleton holding a
/// letter that is no class.
pub fn latin_pattern(skeleton: &str) -> Option<String> {
    const FILL: &str = "[aeiouwy]*";
    let mut out = String::from(FILL);
    for class in skeleton.chars() {
        let letters = match class {
            'b' => "b|p",
            't' => "t|th",
            'g' => "g|j|gh|dj",
            'h' => "h",
            'k' => "k|c|q|kh|ck",
            'd' => "d|dh",
            'r' => "r",
            's' => "s|z|c|x|ch|sh|sch|tch|zh",
            'f' => "f|v|ph",
            'l' => "l",
            'm' => "m",
            'n' => "n",
            'y' => "y",
            _ => return None,
        };
        out.push_str(&format!("({letters})+{FILL}"));
    }
    Some(out)
}

/// Words of folded lower-case ASCII letters.
fn latin_tokens(text: &str) -> Vec<String> {
    let mut tokens = vec![String::new()];
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_silent_latin(c) {
            continue;
        }
        match (fold_latin(c), tokens.last_mut()) {
            (Some(b), Some(last)) => last.push(b),
            (None, Some(last)) if !last.is_empty() => tokens.push(String::new()),
            _ => {}
        }
    }
    tokens.retain(|t| !t.is_empty());
    tokens
}

/// Apostrophes, ʿayn/hamza marks and combining accents: ignored, not word breaks.
fn is_silent_latin(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ' | '\u{0300}'..='\u{036F}'
    )
}

/// A lower-case Latin letter folded to ASCII (letters with a transliteration dot
/// or caron go to their class: ẓ ظ → d, ḫ خ → k, š ش → s); `None` for non-letters.
fn fold_latin(c: char) -> Option<char> {
    let base = match c {
        'a'..='z' => c,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'æ' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'œ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' | 'ś' | 'ş' | 'š' | 'ṣ' | 'ß' | 'č' | 'ž' | 'ż' | 'ź' => 's',
        'ḍ' | 'ḏ' | 'ď' | 'đ' | 'ð' | 'ẓ' => 'd',
        'ṭ' | 'ṯ' | 'ţ' | 'ť' | 'þ' => 't',
        'ğ' | 'ġ' | 'ǧ' => 'g',
        'ḥ' => 'h',
        'ḫ' => 'k',
        'ñ' | 'ń' | 'ň' => 'n',
        'ł' => 'l',
        'ř' => 'r',
        _ => return None,
    };
    Some(base)
}

/// Consonants the article's l assimilates to in Latin spellings (ash-Shami, ar-Rahman).
const ASSIMILATED: [&str; 10] = ["t", "th", "d", "dh", "r", "z", "s", "sh", "n", "l"];

/// Whether a Latin word is the Arabic article before the next word of a name.
fn is_latin_article(token: &str, next: Option<&String>) -> bool {
    let Some(next) = next else {
        return false;
    };
    if matches!(token, "al" | "el" | "ul") {
        return true;
    }
    let Some(rest) = token.strip_prefix(['a', 'e', 'u']) else {
        return false;
    };
    ASSIMILATED.contains(&rest) && next.starts_with(rest)
}

/// Latin letter groups that make one sound, with their class ("" for a vowel).
const DIGRAPHS: [(&str, &str); 13] = [
    ("tch", "s"),
    ("sch", "s"),
    ("kh", "k"),
    ("sh", "s"),
    ("ch", "s"),
    ("zh", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("dj", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", ""),
];

/// Append the skeleton of one folded Latin word.
fn latin_word_skeleton(word: &str, out: &mut String) {
    let mut i = 0;
    while i < word.len() {
        let (class, used) = latin_unit(word, i);
        push_class(out, class);
        i += used;
    }
}

/// The class of the sound starting at byte `i` of an ASCII word, and its length.
fn latin_unit(word: &str, i: usize) -> (&'static str, usize) {
    let rest = word.get(i..).unwrap_or("");
    if let Some(&(group, class)) = DIGRAPHS.iter().find(|(g, _)| rest.starts_with(g)) {
        return (class, group.len());
    }
    let bytes = rest.as_bytes();
    let next = bytes.get(1).copied();
    let class = match bytes.first().copied().unwrap_or(b'a') {
        b'y' if i == 0 && next.is_some_and(is_latin_vowel) => "y",
        b'c' if matches!(next, Some(b'e' | b'i' | b'y')) => "s",
        b'b' | b'p' => "b",
        b'c' | b'k' | b'q' => "k",
        b'd' => "d",
        b'f' | b'v' => "f",
        b'g' | b'j' => "g",
        b'h' => "h",
        b'l' => "l",
        b'm' => "m",
        b'n' => "n",
        b'r' => "r",
        b's' | b'z' => "s",
        b't' => "t",
        b'x' => "ks",
        _ => "",
    };
    (class, 1)
}

/// Whether an ASCII letter is a vowel letter.
fn is_latin_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

// ---------------------------------------------------------------------------
// Months, seasons, weekdays, dates
// ---------------------------------------------------------------------------

/// The month (1–12) a month name gives, in any of the three systems or a variant
/// spelling; the name is normalised first ("أبريل", "كانون الثاني", "جانفي").
#[allow(dead_code)] // prepared for `spoor check`, which does not call it yet
pub fn month_number(name: &str) -> Option<u32> {
    lookup_month(&words(name).join(" "))
}

/// The month of a normalised month name.
fn lookup_month(name: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find_map(|system| system.iter().position(|m| *m == name))
        .and_then(|p| u32::try_from(p + 1).ok())
        .or_else(|| {
            MONTH_VARIANTS
                .iter()
                .find(|(m, _)| *m == name)
                .map(|&(_, n)| n)
        })
}

/// The month named at word `i` (two-word names first) and how many words it takes.
fn month_at(words: &[String], i: usize) -> Option<(u32, usize)> {
    let two = words.get(i..i + 2).map(|w| w.join(" "));
    two.and_then(|t| lookup_month(&t).map(|m| (m, 2)))
        .or_else(|| words.get(i).and_then(|w| lookup_month(w)).map(|m| (m, 1)))
}

/// A day of month written in digits (1–31).
fn day_of(word: &str) -> Option<u32> {
    let digits = !word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| word.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A Gregorian year written in four digits, optionally with م (ميلادي) attached.
/// Hijri years (about 1300–1500) fall outside the accepted 1800–2100.
fn year_of(word: &str) -> Option<i32> {
    let w = word.strip_suffix('م').unwrap_or(word);
    let digits = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

/// The day written before the month at word `i` ("18 يناير", "18 من يناير"), with
/// the index of its word.
fn day_before(words: &[String], i: usize) -> Option<(usize, u32)> {
    let prev = i.checked_sub(1)?;
    if let Some(d) = day_of(&words[prev]) {
        return Some((prev, d));
    }
    let before = prev.checked_sub(1).filter(|_| words[prev] == "من")?;
    day_of(&words[before]).map(|d| (before, d))
}

/// Past a second name of the same month ("كانون الثاني (يناير)").
fn skip_gloss(words: &[String], j: usize, month: u32) -> usize {
    match month_at(words, j) {
        Some((m, len)) if m == month => j + len,
        _ => j,
    }
}

/// The year at or just after word `j` (past عام، سنة، من), with its index.
fn year_after(words: &[String], j: usize) -> Option<(i32, usize)> {
    for (k, word) in words.iter().enumerate().skip(j).take(3) {
        if let Some(y) = year_of(word) {
            return Some((y, k));
        }
        if !YEAR_LEADS.contains(&word.as_str()) {
            return None;
        }
    }
    None
}

/// A date around the month named at word `i`: its first and last word and parts.
/// A month alone (مارس is also a verb, آب also "father") needs a day or a year.
fn date_at(words: &[String], i: usize) -> Option<(usize, usize, DateParts)> {
    let (month, len) = month_at(words, i)?;
    let (first, day) = match day_before(words, i) {
        Some((p, d)) => (p, Some(d)),
        None => (i, None),
    };
    let after = skip_gloss(words, i + len, month);
    let year = year_after(words, after);
    if day.is_none() && year.is_none() {
        return None;
    }
    let last = year.map_or(after - 1, |(_, k)| k);
    Some((first, last, (year.map(|(y, _)| y), Some(month), day)))
}

/// Whether word `k` is a lone year: led by عام/سنة ("عام 2010") or marked م.
fn lone_year(words: &[String], k: usize) -> Option<i32> {
    let led = k
        .checked_sub(1)
        .is_some_and(|p| YEAR_LEADS[..6].contains(&words[p].as_str()));
    year_of(&words[k]).filter(|_| led || words[k].ends_with('م'))
}

/// Every date of an Arabic text, in text order, as (year, month, day): "18 يناير
/// 2013", "18 جانفي 2013", "١٨ كانون الثاني ٢٠١٣", "يناير 2013", "في 18 أيار من
/// عام 2012", "كانون الثاني/يناير 2013", and lone years after عام or سنة
/// ("عام 2010"). Digits may be Eastern Arabic or Persian. Numeric dates
/// ("18/01/2013") are left to spoor's numeric date parser on normalised text.
pub fn find_dates(text: &str) -> Vec<DateParts> {
    let words = words(text);
    let mut used = vec![false; words.len()];
    let mut found: Vec<(usize, DateParts)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match date_at(&words, i) {
            Some((first, last, parts)) => {
                used[first..=last].iter_mut().for_each(|u| *u = true);
                found.push((first, parts));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    for k in (0..words.len()).filter(|&k| !used[k]) {
        if let Some(y) = lone_year(&words, k) {
            found.push((k, (Some(y), None, None)));
        }
    }
    found.sort_by_key(|&(k, _)| k);
    found.into_iter().map(|(_, parts)| parts).collect()
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// The value of a number word or number as written: a word of [`NUMBER_WORDS`]
/// (also with و "and" or the article ال attached: "وعشرون", "الألف"), or digits
/// in any of the three digit sets ("١٢٠٠" → 1200, "1,5" is not a decimal).
pub fn number_value(word: &str) -> Option<f64> {
    let w = normalise(word.trim());
    lookup_number(&w)
        .or_else(|| w.strip_prefix('و').and_then(lookup_number))
        .or_else(|| w.strip_prefix("ال").and_then(lookup_number))
        .or_else(|| digits_value(&w))
}

/// The value of a normalised number word.
fn lookup_number(word: &str) -> Option<f64> {
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, v)| v)
}

/// The value of ASCII digits with an optional decimal point and thousands commas.
fn digits_value(word: &str) -> Option<f64> {
    let plain = word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    plain.then(|| word.replace(',', "").parse().ok()).flatten()
}

// ---------------------------------------------------------------------------
// Closed-class word lists (all normalised)
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Matching the lists
// ---------------------------------------------------------------------------

/// The entries of a normalised word list (one of this module's lists) that occur
/// in `text`, in list order. Multi-word entries must occur as consecutive words.
/// A text word also matches with a conjunction و/ف attached to the first word of
/// an entry ("وقال" ~ "قال"); words of three letters or more also match with
/// attached conjunction, preposition ب/ك/ل and article ("لرسالة" ~ "رساله",
/// "بالبريد" ~ "البريد"), or when both have the same light10 prefix-stripped form.
#[allow(dead_code)] // prepared for `spoor check`, which does not call it yet
pub fn find_markers(text: &str, list: &[&'static str]) -> Vec<&'static str> {
    let words = words(text);
    list.iter()
        .copied()
        .filter(|entry| occurs(&words, entry))
        .collect()
}

/// Whether a (possibly multi-word) entry occurs in the words.
fn occurs(words: &[String], entry: &str) -> bool {
    let parts: Vec<&str> = entry.split(' ').collect();
    words.windows(parts.len()).any(|window| {
        window
            .iter()
            .zip(&parts)
            .enumerate()
            .all(|(k, (word, part))| word_matches(word, part, k == 0))
    })
}

/// Particles that attach to the front of a word, in the order they stack: a
/// conjunction, a preposition (لل is ل with the article), the article.
const ATTACHED: [&[&str]; 3] = [&["و", "ف"], &["ب", "ك", "ل", "لل"], &["ال"]];

/// A word and every form of it with attached particles removed
/// ("وبالبريد" → "وبالبريد", "بالبريد", "البريد", "بريد", …).
fn bare_forms(word: &str) -> Vec<&str> {
    let mut forms = vec![word];
    for group in ATTACHED {
        let mut stripped = Vec::new();
        for &form in &forms {
            stripped.extend(group.iter().filter_map(|p| form.strip_prefix(p)));
        }
        forms.extend(stripped);
    }
    forms
}

/// Whether a text word is a list word, allowing attached particles: only a
/// conjunction on the first word of an entry for entries of one or two letters.
fn word_matches(word: &str, part: &str, first: bool) -> bool {
    if word == part {
        return true;
    }
    if char_len(part) < 3 {
        return first && word.strip_prefix(['و', 'ف']) == Some(part);
    }
    bare_forms(word).contains(&part) || strip_prefixes(word) == strip_prefixes(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_removes_diacritics_and_tatweel() {
        assert_eq!(normalise("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalise("كِتَابًا"), "كتابا");
        assert_eq!(normalise("قـــال"), "قال");
        assert_eq!(normalise("هٰذا"), "هذا");
    }

    #[test]
    fn normalise_unifies_letters() {
        assert_eq!(normalise("أإآٱ"), "اااا");
        assert_eq!(normalise("مؤتمر"), "موتمر");
        assert_eq!(normalise("رئيس"), "رييس");
        assert_eq!(normalise("مدرسة"), "مدرسه");
        assert_eq!(normalise("مصطفى"), "مصطفي");
        assert_eq!(normalise("کتاب"), "كتاب");
        assert_eq!(normalise("ایران"), "ايران");
    }

    #[test]
    fn normalise_digits_and_punctuation() {
        assert_eq!(normalise("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(normalise("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(normalise("نعم، لا؛ لماذا؟"), "نعم, لا; لماذا?");
        assert_eq!(normalise("٣٫٥٪"), "3.5%");
    }

    #[test]
    fn normalise_presentation_forms() {
        assert_eq!(normalise("ﺑﺴﻢ"), "بسم");
        assert_eq!(normalise("ﻻ"), "لا");
        assert_eq!(normalise("ﺃﻛﺪ"), "اكد");
        assert_eq!(normalise("ﻷن"), "لان");
        assert_eq!(normalise("ﺓ ﻱ ﻲ"), "ه ي ي");
    }

    #[test]
    fn normalise_leaves_other_text() {
        let text = "Hillary Clinton, 18 January 2013 — café? Ça va; «oui»";
        assert_eq!(normalise(text), text);
    }

    #[test]
    fn arabic_detection() {
        assert!(is_arabic("مرحبا بالعالم"));
        assert!(is_arabic("قال الرئيس Obama"));
        assert!(is_arabic("مُحَمَّد"));
        assert!(!is_arabic("Hello world"));
        assert!(!is_arabic("Clinton كلينتون"));
        assert!(!is_arabic("2013 ٢٠١٣"));
        assert!(!is_arabic(""));
    }

    #[test]
    fn words_are_normalised() {
        assert_eq!(
            words("قالت: «الرسالة» في ١٨ يناير"),
            ["قالت", "الرساله", "في", "18", "يناير"]
        );
    }

    #[test]
    fn stemming() {
        assert_eq!(stem("والكتاب"), "كتاب");
        assert_eq!(stem("المعلمون"), "معلم");
        assert_eq!(stem("المعلمات"), "معلم");
        assert_eq!(stem("بالمدرسة"), "مدرس");
        assert_eq!(stem("للطلاب"), "طلاب");
        assert_eq!(stem("فالأمر"), "امر");
        assert_eq!(stem("كتابها"), "كتاب");
        assert_eq!(stem("السياسية"), "سياس");
        assert_eq!(stem("الرسائلُ"), "رسايل");
    }

    #[test]
    fn stemming_keeps_short_words() {
        assert_eq!(stem("في"), "في");
        assert_eq!(stem("ولد"), "ولد");
        assert_eq!(stem("الله"), "له");
        assert_eq!(strip_prefixes("ال"), "ال");
        assert_eq!(strip_prefixes("الم"), "الم");
        assert_eq!(strip_suffixes("ها"), "ها");
        assert_eq!(strip_clitics("والكتابان"), "كتاب");
    }

    fn meet(arabic: &str, latin: &str) -> bool {
        let a = to_latin_skeleton(arabic);
        !a.is_empty() && a == latin_skeleton(latin)
    }

    #[test]
    fn latin_patterns_match_the_spellings_of_a_skeleton() {
        use tantivy_fst::Automaton;
        let matches = |pattern: &str, word: &str| {
            let re = tantivy_fst::Regex::new(pattern).expect("pattern");
            let mut state = re.start();
            for b in word.bytes() {
                state = re.accept(&state, b);
            }
            re.is_match(&state)
        };
        let p = latin_pattern(&to_latin_skeleton("كلينتون")).expect("pattern");
        for w in ["clinton", "klinton", "clintn"] {
            assert!(matches(&p, w), "{w} against {p}");
        }
        assert!(!matches(&p, "clayton") && !matches(&p, "clintons"), "{p}");
        let p = latin_pattern(&to_latin_skeleton("فارمر")).expect("pattern");
        assert!(matches(&p, "farmer") && matches(&p, "former") && !matches(&p, "farm"));
        assert_eq!(latin_pattern("k?"), None);
    }

    #[test]
    fn skeleton_pairs_meet() {
        let pairs = [
            ("بلمختار", "Belmokhtar"),
            ("بلمختار", "Belmakhtar"),
            ("بلمختار", "Bel Mokhtar"),
            ("بوتفليقة", "Bouteflika"),
            ("بلومنتال", "Blumenthal"),
            ("مختار", "Mokhtar"),
            ("كلينتون", "Clinton"),
            ("هيلاري", "Hillary"),
            ("موريتانيا", "Mauritania"),
            ("تمبكتو", "Timbuktu"),
            ("هايتي", "Haiti"),
            ("كينيا", "Kenya"),
            ("غاو", "Gao"),
            ("الصحراء", "Sahara"),
        ];
        for (arabic, latin) in pairs {
            assert!(
                meet(arabic, latin),
                "{arabic} {} ~ {latin} {}",
                to_latin_skeleton(arabic),
                latin_skeleton(latin)
            );
        }
        assert_eq!(to_latin_skeleton("بلمختار"), "blmktr");
    }

    #[test]
    fn skeleton_rules_from_phonology() {
        let pairs = [
            ("مُحَمَّد", "Mohammed"),
            ("محمد", "Muhammad"),
            ("أحمد", "Ahmed"),
            ("القذافي", "Qaddafi"),
            ("القذافي", "Kadhafi"),
            ("البرادعي", "El Baradei"),
            ("محمد البرادعي", "Mohamed ElBaradei"),
            ("القاعدة", "Al-Qaeda"),
            ("الرياض", "Riyadh"),
            ("اليمن", "Yemen"),
            ("يوسف", "Youssef"),
            ("يوسف", "Youcef"),
            ("عبدالله", "Abdallah"),
            ("عبد العزيز", "Abdel Aziz"),
            ("عبد العزيز", "Abd al-Aziz"),
            ("عبد الرحمن", "Abd ar-Rahman"),
            ("ولد عبد العزيز", "Ould Abdel Aziz"),
            ("واغادوغو", "Ouagadougou"),
            ("بنغازي", "Benghazi"),
            ("تشاد", "Chad"),
            ("تشاد", "Tchad"),
            ("ستيفنز", "Stevens"),
            ("جونز", "Jones"),
            ("جمال", "Gamal"),
            ("جمال", "Djamel"),
            ("فاطمة", "Fatima"),
            ("صلاح", "Salah"),
            ("أوباما", "Obama"),
            ("الجزائر", "Al Djazair"),
        ];
        for (arabic, latin) in pairs {
            assert!(
                meet(arabic, latin),
                "{arabic} {} ~ {latin} {}",
                to_latin_skeleton(arabic),
                latin_skeleton(latin)
            );
        }
    }

    #[test]
    fn unrelated_names_do_not_meet() {
        let pairs = [
            ("بلمختار", "Bouteflika"),
            ("كلينتون", "Kenya"),
            ("بوتفليقة", "Belmokhtar"),
            ("هيلاري", "Haiti"),
            ("موريتانيا", "Timbuktu"),
            ("مختار", "Mauritania"),
            ("بلومنتال", "Clinton"),
            ("كينيا", "Clinton"),
        ];
        for (arabic, latin) in pairs {
            assert!(!meet(arabic, latin), "{arabic} ~ {latin}");
        }
    }

    #[test]
    fn skeleton_ignores_diacritics_and_accents() {
        assert_eq!(to_latin_skeleton("بُوتَفْلِيقَة"), "btflk");
        assert_eq!(latin_skeleton("Boutéflika"), "btflk");
        assert_eq!(latin_skeleton("Muʿammar al-Qaḏḏāfī"), "mrlkdf");
        assert_eq!(to_latin_skeleton("معمر القذافي"), "mrlkdf");
        assert_eq!(latin_skeleton(""), "");
        assert_eq!(to_latin_skeleton("2013"), "");
    }

    #[test]
    fn month_systems_are_complete() {
        for (s, system) in MONTHS.iter().enumerate() {
            let mut months: Vec<u32> = system.iter().filter_map(|m| month_number(m)).collect();
            months.sort_unstable();
            months.dedup();
            assert_eq!(months, (1..=12).collect::<Vec<u32>>(), "system {s}");
            for (i, name) in system.iter().enumerate() {
                assert_eq!(lookup_month(name), u32::try_from(i + 1).ok(), "{name}");
            }
        }
        for &(name, month) in MONTH_VARIANTS {
            assert_eq!(lookup_month(name), Some(month), "{name}");
        }
    }

    #[test]
    fn month_names_as_written() {
        assert_eq!(month_number("أبريل"), Some(4));
        assert_eq!(month_number("إبريل"), Some(4));
        assert_eq!(month_number("يونيه"), Some(6));
        assert_eq!(month_number("آذار"), Some(3));
        assert_eq!(month_number("آب"), Some(8));
        assert_eq!(month_number("كانون الثاني"), Some(1));
        assert_eq!(month_number("كانون الأول"), Some(12));
        assert_eq!(month_number("تشرين الأول"), Some(10));
        assert_eq!(month_number("تشرين الثاني"), Some(11));
        assert_eq!(month_number("جويلية"), Some(7));
        assert_eq!(month_number("أوت"), Some(8));
        assert_eq!(month_number("كانون"), None);
    }

    #[test]
    fn dates_in_three_systems() {
        let full = vec![(Some(2013), Some(1), Some(18))];
        assert_eq!(find_dates("في 18 يناير 2013"), full);
        assert_eq!(find_dates("يوم ١٨ جانفي ٢٠١٣"), full);
        assert_eq!(find_dates("في ١٨ كانون الثاني ٢٠١٣ قال"), full);
        assert_eq!(find_dates("۱۸ كانون الثاني/يناير ۲۰۱۳"), full);
        assert_eq!(find_dates("18 يناير عام 2013"), full);
        assert_eq!(find_dates("18 من يناير سنة 2013م"), full);
    }

    #[test]
    fn dates_partial() {
        assert_eq!(find_dates("يناير 2013"), [(Some(2013), Some(1), None)]);
        assert_eq!(
            find_dates("في شهر أيار من عام ٢٠١٢"),
            [(Some(2012), Some(5), None)]
        );
        assert_eq!(
            find_dates("تشرين الأول 2011"),
            [(Some(2011), Some(10), None)]
        );
        assert_eq!(find_dates("18 أوت"), [(None, Some(8), Some(18))]);
        assert_eq!(find_dates("منذ عام 2010"), [(Some(2010), None, None)]);
        assert_eq!(
            find_dates("بين 5 فبراير و 18 مارس 2013، ثم في عام 2014"),
            [
                (None, Some(2), Some(5)),
                (Some(2013), Some(3), Some(18)),
                (Some(2014), None, None)
            ]
        );
    }

    #[test]
    fn no_false_dates() {
        assert!(find_dates("مارس الرياضة").is_empty());
        assert!(find_dates("قتل 2000 شخص").is_empty());
        assert!(find_dates("سنة 1434 هـ").is_empty());
        assert!(find_dates("Hillary Clinton").is_empty());
    }

    #[test]
    fn number_words() {
        assert_eq!(number_value("ثلاثة"), Some(3.0));
        assert_eq!(number_value("اثنين"), Some(2.0));
        assert_eq!(number_value("عشرون"), Some(20.0));
        assert_eq!(number_value("وعشرون"), Some(20.0));
        assert_eq!(number_value("مائة"), Some(100.0));
        assert_eq!(number_value("مئة"), Some(100.0));
        assert_eq!(number_value("ألف"), Some(1000.0));
        assert_eq!(number_value("الألف"), Some(1000.0));
        assert_eq!(number_value("مليون"), Some(1e6));
        assert_eq!(number_value("مليار"), Some(1e9));
        assert_eq!(number_value("مئات"), Some(100.0));
        assert_eq!(number_value("آلاف"), Some(1000.0));
        assert_eq!(number_value("ملايين"), Some(1e6));
        assert_eq!(number_value("أحد عشر"), Some(11.0));
        assert_eq!(number_value("١٢٠٠"), Some(1200.0));
        assert_eq!(number_value("٣٫٥"), Some(3.5));
        assert_eq!(number_value("كتاب"), None);
        assert_eq!(number_value("nan"), None);
    }

    #[test]
    fn seasons_and_weekdays() {
        assert_eq!(WEEKDAYS[0], normalise("الأحد"));
        assert_eq!(WEEKDAYS[5], normalise("الجمعة"));
        for (word, season) in [("ربيع", 1), ("صيف", 2), ("خريف", 3), ("شتاء", 4)] {
            assert!(SEASONS.contains(&(word, season)));
        }
    }

    fn lists() -> Vec<(&'static str, Vec<&'static str>)> {
        let months = MONTHS.iter().flatten().copied();
        vec![
            ("ATTRIBUTION", ATTRIBUTION.to_vec()),
            ("HEDGES", HEDGES.to_vec()),
            ("QUALIFIERS", QUALIFIERS.to_vec()),
            ("INTERPRETIVE", INTERPRETIVE.to_vec()),
            ("NEGATIONS", NEGATIONS.to_vec()),
            ("FUNCTION_WORDS", FUNCTION_WORDS.to_vec()),
            ("SOURCE_NOUNS", SOURCE_NOUNS.to_vec()),
            ("PUBLICATION", PUBLICATION.to_vec()),
            ("LOCATIVES", LOCATIVES.to_vec()),
            ("WEEKDAYS", WEEKDAYS.to_vec()),
            ("MONTHS", months.collect()),
            (
                "MONTH_VARIANTS",
                MONTH_VARIANTS.iter().map(|m| m.0).collect(),
            ),
            ("SEASONS", SEASONS.iter().map(|s| s.0).collect()),
            ("NUMBER_WORDS", NUMBER_WORDS.iter().map(|n| n.0).collect()),
        ]
    }

    #[test]
    fn lists_are_normalised_and_distinct() {
        for (name, list) in lists() {
            for entry in &list {
                assert_eq!(normalise(entry), *entry, "{name}: {entry}");
                assert_eq!(words(entry).join(" "), *entry, "{name}: {entry}");
            }
            let mut sorted = list.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if name != "MONTHS" {
                assert_eq!(sorted.len(), list.len(), "{name} has duplicates");
            }
        }
        assert!(FUNCTION_WORDS.len() >= 150, "{}", FUNCTION_WORDS.len());
    }

    #[test]
    fn markers_in_text() {
        let text = "وقال مصدر حساس للغاية، وفقًا لرسالة بالبريد الإلكتروني، إنه ربما لم يكن هناك";
        assert_eq!(
            find_markers(text, ATTRIBUTION),
            ["وفقا", "قال", "مصدر", "بريد الكتروني", "البريد الالكتروني"]
        );
        assert_eq!(
            find_markers(text, HEDGES),
            ["مصدر حساس للغايه", "مصدر حساس", "ربما"]
        );
        assert_eq!(find_markers(text, NEGATIONS), ["لم"]);
        assert_eq!(
            find_markers(text, SOURCE_NOUNS),
            ["رساله", "بريد", "البريد الالكتروني", "بريد الكتروني"]
        );
        assert_eq!(
            find_markers("الوثائق التي رُفعت عنها السرية", PUBLICATION),
            ["رفعت عنها السريه"]
        );
        assert_eq!(
            find_markers("يحدث هذا أحيانًا فقط", QUALIFIERS),
            ["احيانا", "فقط"]
        );
        assert_eq!(
            find_markers("الرسالة تشير إلى أن", INTERPRETIVE),
            ["تشير الي"]
        );
        assert_eq!(find_markers("في جنوب المغرب", LOCATIVES), ["في", "جنوب"]);
    }
}
