//! What scraped, OCR'd and PDF-extracted text spells, as opposed to how it is written: HTML
//! character references («&amp;», «&laquo;», «&#x39D;»), leftover HTML tags («`<p>`», «`<br/>`») and
//! words hyphenated at a line end («Θεσσαλο-\nνίκη»).
//!
//! [`crate::normalize::normalize_text`] asks [`at`] at each `&`, `<` and hyphen of a document
//! and puts the [`Decoded`] form in the text the tokenizer, `norm`, the tagger and the
//! canonical names see, with a map back to the text as read: offsets in the tables always
//! point into the text as read (a token «Θεσσαλο-\nνίκη» spans the hyphen and the line break).

use std::borrow::Cow;

/// What a stretch of the text as read stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// The characters a character reference names («&laquo;» → «, «&#x39D;» → Ν).
    Text(Cow<'a, str>),
    /// A block-level tag («<p>», «</div>», «<br/>»): a line break.
    LineBreak,
    /// An inline tag («<b>», «</a>») or a line-end hyphen with its line break: nothing.
    Nothing,
}

/// Longest character reference looked at, in bytes («&thetasym;» is 10).
const MAX_REFERENCE_BYTES: usize = 12;

/// Longest tag looked at, in bytes: attributes of scraped markup (links, classes) fit; a `<`
/// with no `>` within this reach is text.
const MAX_TAG_BYTES: usize = 512;

/// Tags that end a line of text: what a browser shows as a line break or a new block.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "nav",
    "aside",
    "main",
    "dd",
    "dt",
    "dl",
    // a whole page saved from a browser: its frame, and form controls and media on lines
    // of their own
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "base",
    "form",
    "center",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "col",
    "colgroup",
    "fieldset",
    "legend",
    "details",
    "summary",
    "address",
    "iframe",
    "noscript",
    "select",
    "option",
    "button",
    "textarea",
    "video",
    "audio",
    "picture",
    "source",
    "canvas",
    "svg",
    "template",
];

/// Tags whose content is not text a reader sees: program code and style sheets. The tag, its
/// content and its closing tag are one line break.
const HIDDEN_CONTENT_TAGS: &[&str] = &["script", "style"];

/// Longest stretch dropped as one comment or one `<script>`/`<style>` element, in bytes; one not
/// closed within this reach is left as text.
const MAX_HIDDEN_BYTES: usize = 1 << 20;

/// Tags inside a line of text: they vanish and the words around them touch.
const INLINE_TAGS: &[&str] = &[
    "a", "b", "i", "u", "s", "em", "strong", "span", "font", "small", "big", "sup", "sub", "mark",
    "abbr", "cite", "q", "img", "wbr", "ins", "del", "time", "code", "kbd", "samp", "label",
    "input", "bdi", "bdo", "dfn", "data", "tt", "strike", "nobr",
];

/// Whether the byte starts something [`at`] may decode: a cheap filter for clean text.
#[inline]
pub fn may_start(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'-')
}

/// What the text at byte `i` (a char boundary) stands for, if it is a character reference, a
/// known HTML tag or a line-end hyphen, with the number of bytes it covers. `None` for
/// anything else, including unknown references («&foo;») and a `<` in running text («x < 5»).
///
/// A hyphen (U+002D or U+2010) right after a letter, followed by spaces, one line break and
/// spaces, joins the two lines when the next line starts with a lowercase letter («Παπα-\n
/// δόπουλος»); before a capital it stays («Αθήνα-\nΘεσσαλονίκη» is a route).
pub fn at(text: &str, i: usize) -> Option<(usize, Decoded<'_>)> {
    let rest = &text[i..];
    match rest.as_bytes().first()? {
        b'&' => reference(rest),
        b'<' => tag(rest),
        b'-' => line_end_hyphen(text, i, 1),
        0xE2 if rest.starts_with('\u{2010}') => line_end_hyphen(text, i, 3),
        _ => None,
    }
}

/// References scraped text writes without their `;` («&amp Σία», «&nbsp»), as browsers read
/// them, with the characters they name; only before a character that is no letter, digit or
/// `;`, so «&ampere» stays text.
const LEGACY_REFERENCES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("nbsp", "\u{A0}"),
];

/// A legacy reference without its `;` at the start of `rest` (see [`LEGACY_REFERENCES`]).
fn legacy_reference(rest: &str) -> Option<(usize, Decoded<'_>)> {
    LEGACY_REFERENCES.iter().find_map(|&(name, chars)| {
        let after = rest.get(1..)?.strip_prefix(name)?;
        let ends = after
            .bytes()
            .next()
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b';'));
        ends.then(|| (1 + name.len(), Decoded::Text(Cow::Borrowed(chars))))
    })
}

/// A character reference at the start of `rest`: `&name;`, `&#123;` or `&#x7B;`, or a legacy
/// one without its `;` ([`LEGACY_REFERENCES`]).
fn reference(rest: &str) -> Option<(usize, Decoded<'_>)> {
    if let Some(legacy) = legacy_reference(rest) {
        return Some(legacy);
    }
    let window = &rest.as_bytes()[..rest.len().min(MAX_REFERENCE_BYTES)];
    let semicolon = window.iter().position(|&b| b == b';')?;
    let body = &window[1..semicolon];
    let well_formed = match body {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        [first, ..] => first.is_ascii_alphabetic() && body.iter().all(u8::is_ascii_alphanumeric),
        [] => false,
    };
    if !well_formed {
        return None;
    }
    let len = semicolon + 1;
    let decoded = match html_escape::decode_html_entities(&rest[..len]) {
        Cow::Owned(decoded) if decoded != rest[..len] && !decoded.contains('\0') => decoded,
        _ => return None,
    };
    // escaped twice by a scraper («&amp;laquo;»): the `&` and what follows are one reference
    if decoded == "&" {
        let tail = &rest[len..];
        let mut cut = tail.len().min(MAX_REFERENCE_BYTES);
        while !tail.is_char_boundary(cut) {
            cut -= 1;
        }
        let again = format!("&{}", &tail[..cut]);
        if let Some((inner, Decoded::Text(chars))) = reference(&again) {
            return Some((
                len + inner - 1,
                Decoded::Text(Cow::Owned(chars.into_owned())),
            ));
        }
    }
    if decoded == "<" {
        if let Some(escaped) = escaped_tag(rest, len) {
            return Some(escaped);
        }
    }
    Some((len, Decoded::Text(Cow::Owned(decoded))))
}

/// A known tag escaped once more by a scraper («&lt;b&gt;», «&lt;/p&gt;», «&lt;br/&gt;»), whose
/// `&lt;` of `lt_len` bytes starts `rest`: read as the tag it spells. «a &lt; b» and «&lt;5&gt;»
/// spell no tag ([`tag`]) and stay text.
fn escaped_tag(rest: &str, lt_len: usize) -> Option<(usize, Decoded<'_>)> {
    let mut reach = rest.len().min(MAX_TAG_BYTES);
    while !rest.is_char_boundary(reach) {
        reach -= 1;
    }
    let gt = rest[lt_len..reach].find("&gt;")? + lt_len;
    let inner = &rest[lt_len..gt];
    if inner.contains(['<', '>']) {
        return None;
    }
    let spelled = format!("<{inner}>");
    let decoded = match tag(&spelled)? {
        (n, Decoded::LineBreak) if n == spelled.len() => Decoded::LineBreak,
        (n, Decoded::Nothing) if n == spelled.len() => Decoded::Nothing,
        _ => return None,
    };
    Some((gt + "&gt;".len(), decoded))
}

/// A known HTML tag at the start of `rest`: `<name ...>`, `</name>`, `<name/>`; also a comment
/// (`<!-- … -->`), a declaration (`<!DOCTYPE html>`), and a `<script>` or `<style>` element
/// with its content.
fn tag(rest: &str) -> Option<(usize, Decoded<'_>)> {
    if let Some(hidden) = comment_or_declaration(rest) {
        return Some(hidden);
    }
    let bytes = &rest.as_bytes()[..rest.len().min(MAX_TAG_BYTES)];
    let name_start = if bytes.get(1) == Some(&b'/') { 2 } else { 1 };
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
    let after = bytes.get(name_start + name_len)?;
    if !matches!(after, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r') {
        return None;
    }
    let close = bytes[name_start + name_len..]
        .iter()
        .position(|&b| b == b'>' || b == b'<')?;
    let end = name_start + name_len + close;
    if bytes[end] != b'>' {
        return None;
    }
    if name_start == 1 && HIDDEN_CONTENT_TAGS.contains(&name.as_str()) {
        return hidden_element(rest, &name, end + 1);
    }
    let decoded =
        if BLOCK_TAGS.contains(&name.as_str()) || HIDDEN_CONTENT_TAGS.contains(&name.as_str()) {
            Decoded::LineBreak
        } else if INLINE_TAGS.contains(&name.as_str()) {
            Decoded::Nothing
        } else {
            return None;
        };
    Some((end + 1, decoded))
}

/// `<!-- … -->` (nothing) or `<!DOCTYPE …>` (a line break) at the start of `rest`.
fn comment_or_declaration(rest: &str) -> Option<(usize, Decoded<'_>)> {
    let reach = |limit: usize| {
        let mut cut = rest.len().min(limit);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        &rest[..cut]
    };
    if rest.starts_with("<!--") {
        let end = reach(MAX_HIDDEN_BYTES)[4..].find("-->")? + 4 + 3;
        return Some((end, Decoded::Nothing));
    }
    let declaration = rest.get(..9)?;
    if declaration.eq_ignore_ascii_case("<!doctype") {
        let end = reach(MAX_TAG_BYTES).find('>')? + 1;
        return Some((end, Decoded::LineBreak));
    }
    None
}

/// A `<script>` or `<style>` element whose opening tag, `open_len` bytes, starts `rest`: through
/// its closing tag (any case), as one line break; `None` when it is not closed within
/// [`MAX_HIDDEN_BYTES`].
fn hidden_element<'a>(rest: &'a str, name: &str, open_len: usize) -> Option<(usize, Decoded<'a>)> {
    let closing = format!("</{name}");
    let bytes = &rest.as_bytes()[..rest.len().min(MAX_HIDDEN_BYTES)];
    let start = (open_len..bytes.len().saturating_sub(closing.len() - 1)).find(|&i| {
        bytes[i] == b'<' && bytes[i..i + closing.len()].eq_ignore_ascii_case(closing.as_bytes())
    })?;
    let end = start + bytes[start..].iter().position(|&b| b == b'>')? + 1;
    Some((end, Decoded::LineBreak))
}

/// A line-end hyphen of `hyphen_len` bytes at `i`, with the spaces and line break after it.
fn line_end_hyphen(text: &str, i: usize, hyphen_len: usize) -> Option<(usize, Decoded<'_>)> {
    // invisible characters (soft hyphens, zero-width spaces) are dropped anyway: skip them, and
    // the accents of a letter written as combining marks («A\u{301}» is «Á» once composed)
    let invisible = crate::normalize::is_invisible;
    let mark = unicode_normalization::char::is_combining_mark;
    let before = text[..i]
        .chars()
        .rev()
        .find(|&c| !invisible(c) && !mark(c))?;
    if !before.is_alphabetic() {
        return None;
    }
    let rest = &text[i + hyphen_len..];
    let after_spaces = rest.trim_start_matches(|c| matches!(c, ' ' | '\t' | '\r') || invisible(c));
    let next_line = after_spaces.strip_prefix('\n')?;
    let word = next_line.trim_start_matches(|c| matches!(c, ' ' | '\t') || invisible(c));
    // a lowercase letter, not a combining mark that is lowercase (the ypogegrammeni U+0345)
    let lowercase_letter =
        |c: char| c.is_lowercase() && !unicode_normalization::char::is_combining_mark(c);
    if !word.chars().next().is_some_and(lowercase_letter)
        && !splits_a_word_in_capitals(text, i, word)
    {
        return None;
    }
    Some((text.len() - i - word.len(), Decoded::Nothing))
}

/// Lowercase accentless forms of ordinary Greek words (hunspell-el and modern-greek-inflexion,
/// the tagger's `ordinary` gazetteer): a hyphen at a line end in capitals joins only a word
/// found here.
const ORDINARY_WORDS: &[u8] = include_bytes!("../data/ner/gazetteers/ordinary.txt.gz");

/// Whether a hyphen at byte `i` splits a word written in Greek capitals at a line end
/// («ΥΠΟΥΡ-\nΓΟΣ»): the letters before it and the letters `next_line` starts with are all Greek
/// capitals and together an ordinary word ([`ORDINARY_WORDS`]). Two names paired over a line end
/// («ΑΘΗΝΑ-\nΘΕΣΣΑΛΟΝΙΚΗ», «ΝΔ-\nΠΑΣΟΚ») are no word and keep their hyphen.
fn splits_a_word_in_capitals(text: &str, i: usize, next_line: &str) -> bool {
    let invisible = crate::normalize::is_invisible;
    let mark = unicode_normalization::char::is_combining_mark;
    let capital = |c: char| c.is_uppercase() && crate::greek::is_greek_letter(c);
    let letter_or_skipped = |c: char| crate::greek::is_letter(c) || invisible(c) || mark(c);
    let left_start = text[..i]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| letter_or_skipped(c))
        .last()
        .map_or(i, |(at, _)| at);
    let left = &text[left_start..i];
    let right_len = next_line
        .char_indices()
        .find(|&(_, c)| !letter_or_skipped(c))
        .map_or(next_line.len(), |(at, _)| at);
    let right = &next_line[..right_len];
    let all_capitals = |part: &str| {
        let mut letters = part.chars().filter(|&c| !invisible(c) && !mark(c));
        letters.clone().next().is_some() && letters.all(capital)
    };
    if !all_capitals(left) || !all_capitals(right) {
        return false;
    }
    let joined = crate::normalize::norm(&format!("{left}{right}"));
    ordinary_words().binary_search(&word_hash(&joined)).is_ok()
}

/// The sorted hashes of [`ORDINARY_WORDS`], read once on first use (only text with a hyphen at
/// a line end in capitals pays for it: about 900,000 words, 7 MB).
fn ordinary_words() -> &'static [u64] {
    use std::io::Read;
    static WORDS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut text = String::new();
        // the list is embedded and checked by a unit test: a failure leaves it empty, and no
        // capital word is joined, as before the list was read
        if flate2::read::GzDecoder::new(ORDINARY_WORDS)
            .read_to_string(&mut text)
            .is_err()
        {
            text.clear();
        }
        let mut hashes: Vec<u64> = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(word_hash)
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    })
}

/// FNV-1a over the word's bytes: a fixed 64-bit hash, so a set of 900,000 words is a sorted
/// vector of numbers (a false match is about one in 10^13).
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Option<(usize, Decoded<'_>)> {
        at(text, 0)
    }

    fn text(s: &str) -> Decoded<'_> {
        Decoded::Text(Cow::Borrowed(s))
    }

    #[test]
    fn character_references_decode_by_name_and_number() {
        assert_eq!(decoded("&amp; ο"), Some((5, text("&"))));
        assert_eq!(decoded("&laquo;Λάρισα"), Some((7, text("«"))));
        assert_eq!(decoded("&Kappa;"), Some((7, text("Κ"))));
        assert_eq!(decoded("&#x39D;&#x3AF;"), Some((7, text("Ν"))));
        assert_eq!(decoded("&#8217;"), Some((7, text("\u{2019}"))));
        assert_eq!(decoded("&nbsp;"), Some((6, text("\u{A0}"))));
    }

    #[test]
    fn legacy_references_without_a_semicolon_decode() {
        assert_eq!(decoded("&amp Σία"), Some((4, text("&"))));
        assert_eq!(decoded("&amp"), Some((4, text("&"))));
        assert_eq!(decoded("&nbsp\n"), Some((5, text("\u{A0}"))));
        assert_eq!(decoded("&quot,"), Some((5, text("\""))));
    }

    #[test]
    fn a_reference_escaped_twice_decodes_at_once() {
        assert_eq!(decoded("&amp;laquo;Λάρισα"), Some((11, text("«"))));
        assert_eq!(decoded("&amp;amp;amp; ο"), Some((13, text("&"))));
        assert_eq!(decoded("&amp;#x39D;"), Some((11, text("Ν"))));
        assert_eq!(decoded("&amp;foo;"), Some((5, text("&"))));
        assert_eq!(decoded("&amp;αβγδεζη;"), Some((5, text("&"))));
    }

    #[test]
    fn what_is_not_a_reference_stays_text() {
        assert_eq!(decoded("&foo;"), None);
        assert_eq!(decoded("& ο Νίκος; ναι"), None);
        assert_eq!(decoded("&ampere"), None);
        assert_eq!(decoded("&ltd"), None);
        assert_eq!(decoded("&#;"), None);
        assert_eq!(decoded("&#x;"), None);
        assert_eq!(decoded("&#0;"), None);
        assert_eq!(decoded("&;"), None);
    }

    #[test]
    fn known_tags_are_line_breaks_or_nothing() {
        assert_eq!(decoded("<p>Η"), Some((3, Decoded::LineBreak)));
        assert_eq!(decoded("</p>"), Some((4, Decoded::LineBreak)));
        assert_eq!(decoded("<br/>"), Some((5, Decoded::LineBreak)));
        assert_eq!(decoded("<BR />"), Some((6, Decoded::LineBreak)));
        assert_eq!(decoded("<div class=\"x\">"), Some((15, Decoded::LineBreak)));
        assert_eq!(decoded("<b>Αθήνα</b>"), Some((3, Decoded::Nothing)));
        assert_eq!(
            decoded("<a href=\"https://x.gr/α\">"),
            Some(("<a href=\"https://x.gr/α\">".len(), Decoded::Nothing))
        );
    }

    #[test]
    fn a_saved_page_loses_its_frame_comments_scripts_and_styles() {
        assert_eq!(
            decoded("<!DOCTYPE html><html>"),
            Some((15, Decoded::LineBreak))
        );
        assert_eq!(
            decoded("<html lang=\"el\">"),
            Some((16, Decoded::LineBreak))
        );
        assert_eq!(decoded("<title>Ειδήσεις"), Some((7, Decoded::LineBreak)));
        assert_eq!(
            decoded("<meta charset=\"utf-8\">"),
            Some((22, Decoded::LineBreak))
        );
        let comment = "<!-- διαφήμιση <b>Αθήνα</b> -->";
        assert_eq!(
            decoded(&format!("{comment}Η")),
            Some((comment.len(), Decoded::Nothing))
        );
        let script = "<script type=\"text/javascript\">if (a < b) { x = \"</p>\"; }</SCRIPT >";
        assert_eq!(
            decoded(&format!("{script}Ο Νίκος")),
            Some((script.len(), Decoded::LineBreak))
        );
        let style = "<style>p > b { color: red }</style>";
        assert_eq!(decoded(style), Some((style.len(), Decoded::LineBreak)));
        assert_eq!(decoded("</script>"), Some((9, Decoded::LineBreak)));
        // not closed: text, as a `<` in running text is
        assert_eq!(decoded("<!-- ανοιχτό σχόλιο"), None);
        assert_eq!(decoded("<script>var x = 1;"), None);
        assert_eq!(decoded("<!doc"), None);
    }

    #[test]
    fn tags_escaped_twice_are_the_tags_they_spell() {
        assert_eq!(decoded("&lt;b&gt;Νίκη"), Some((9, Decoded::Nothing)));
        assert_eq!(decoded("&lt;/strong&gt;"), Some((15, Decoded::Nothing)));
        assert_eq!(decoded("&lt;p&gt;"), Some((9, Decoded::LineBreak)));
        assert_eq!(decoded("&lt;br /&gt;"), Some((12, Decoded::LineBreak)));
        assert_eq!(
            decoded("&lt;a href=\"https://ert.gr\"&gt;ΕΡΤ"),
            Some((31, Decoded::Nothing))
        );
    }

    #[test]
    fn an_escaped_less_than_sign_in_running_text_stays_a_sign() {
        assert_eq!(decoded("&lt; b και c &gt; d"), Some((4, text("<"))));
        assert_eq!(decoded("&lt;5&gt;"), Some((4, text("<"))));
        assert_eq!(decoded("&lt;Αθήνα&gt;"), Some((4, text("<"))));
        assert_eq!(decoded("&lt;pre&gt;"), Some((4, text("<"))));
        assert_eq!(decoded("&lt;b"), Some((4, text("<"))));
    }

    #[test]
    fn a_less_than_sign_in_running_text_is_no_tag() {
        assert_eq!(decoded("< 5 και y > 3"), None);
        assert_eq!(decoded("<5>"), None);
        assert_eq!(decoded("<info@example.gr>"), None);
        assert_eq!(decoded("<Αθήνα>"), None);
        assert_eq!(decoded("<p unclosed < b>"), None);
        assert_eq!(decoded("<pre>"), None);
    }

    #[test]
    fn a_hyphen_at_a_line_end_joins_a_lowercase_continuation() {
        let text = "Παπα-\nδόπουλος";
        let i = text.find('-').unwrap();
        assert_eq!(at(text, i), Some((2, Decoded::Nothing)));
        let text = "κυβερ- \r\n  νητική";
        let i = text.find('-').unwrap();
        assert_eq!(at(text, i), Some((6, Decoded::Nothing)));
        let text = "Παπα-\n\u{AD}δόπουλος";
        let i = text.find('-').unwrap();
        assert_eq!(at(text, i), Some((4, Decoded::Nothing)));
        let text = "Θεσσαλο\u{2010}\nνίκη";
        let i = text.find('\u{2010}').unwrap();
        assert_eq!(at(text, i), Some((4, Decoded::Nothing)));
    }

    #[test]
    fn a_letter_with_combining_accents_joins_like_the_composed_letter() {
        // «Á» as A + U+0301 before the hyphen: the same as the composed «Á»
        assert_eq!(at("A\u{301}-\nα", 3), at("Á-\nα", 2));
        assert_eq!(at("A\u{301}-\nα", 3).map(|(len, _)| len), Some(2));
    }

    #[test]
    fn the_ordinary_word_list_is_read() {
        assert!(ordinary_words().len() > 500_000);
        for word in ["υπουργος", "βουλη", "κυβερνηση"] {
            assert!(
                ordinary_words().binary_search(&word_hash(word)).is_ok(),
                "{word}"
            );
        }
    }

    #[test]
    fn a_word_in_capitals_split_at_a_line_end_joins_when_it_is_a_word() {
        for (text, len) in [
            ("ΥΠΟΥΡ-\nΓΟΣ", 2),
            ("ΚΥΒΕΡ- \r\nΝΗΣΗ", 4),
            ("ΒΟΥ-\n  ΛΗΣ.", 4),
            ("ΠΡΟΫΠΟ-\nΘΕΣΕΙΣ", 2),
            ("ΠΡΟΫΠΟ\u{2010}\nΘΕΣΕΙΣ", 4),
        ] {
            let i = text.find(['-', '\u{2010}']).unwrap();
            assert_eq!(at(text, i), Some((len, Decoded::Nothing)), "{text}");
        }
    }

    #[test]
    fn capitals_split_into_no_word_or_mixed_with_lower_case_stay() {
        for text in [
            "ΑΘΗΝΑ-\nΘΕΣΣΑΛΟΝΙΚΗ",
            "ΝΔ-\nΠΑΣΟΚ",
            "ΑΕΚ-\nΠΑΟΚ",
            "Υπουρ-\nΓΟΣ",
            "COVID-\n19",
            "BRE-\nXIT",
        ] {
            let i = text.find('-').unwrap();
            assert_eq!(at(text, i), None, "{text}");
        }
    }

    #[test]
    fn a_hyphen_before_a_capital_or_inside_a_line_stays() {
        for text in [
            "Αθήνα-\nΘεσσαλονίκη",
            "ΑΕΚ-ΠΑΟΚ",
            "ελληνο-τουρκικές",
            "2020-\n2021",
            "λέξη -\nλέξη",
            "τέλος-\n\nαρχή",
            "α-\n\u{345}α",
        ] {
            let i = text.find('-').unwrap();
            assert_eq!(at(text, i), None, "{text}");
        }
    }
}
