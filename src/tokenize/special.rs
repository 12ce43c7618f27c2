//! The scanner's numbers, apostrophes, and web and e-mail addresses.

use super::{is_word_char, lexicon, Scanner};
use crate::greek::is_elision_mark;
use crate::TokenKind;

impl Scanner<'_, '_> {
    /// Digits with inner separators (1.000.000, 3,5, 15:30, 24/11/2026, 35-60), then a percent
    /// sign, an ordinal or other letter suffix (1η, 19ου, 51χρονος) or a minute mark (82’).
    pub(super) fn scan_number(&mut self) -> TokenKind {
        self.take_digits();
        while let (Some(&sep), Some(d)) = (self.bytes.get(self.pos), self.bytes.get(self.pos + 1)) {
            if matches!(sep, b'.' | b',' | b':' | b'/' | b'-') && d.is_ascii_digit() {
                self.pos += 1;
                self.take_digits();
            } else {
                break;
            }
        }
        match self.peek(self.pos) {
            Some('_') if self.peek(self.pos + 1).is_some_and(is_word_char) => {
                self.pos += 1;
                self.scan_word();
                TokenKind::Word
            }
            Some(c @ ('%' | '‰')) => {
                self.pos += c.len_utf8();
                TokenKind::Number
            }
            Some(c) if is_word_char(c) => {
                let suffix = self.pos;
                self.take_word_chars();
                if is_ordinal_suffix(&self.text[suffix..self.pos]) {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                }
            }
            Some(c) if is_elision_mark(c) => {
                let after = self.pos + c.len_utf8();
                if self.peek(after).is_some_and(char::is_alphabetic) {
                    self.pos = after; // 70’s
                    self.take_word_chars();
                    TokenKind::Word
                } else {
                    if !self.single_quote_open {
                        self.pos = after;
                    }
                    TokenKind::Number
                }
            }
            _ => TokenKind::Number,
        }
    }

    pub(super) fn take_digits(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.skip_marks();
    }

    /// An apostrophe-like mark where a token starts: a decade (’80), an opening single quote
    /// (before a word, after a space), or a closing quote or a stray mark.
    pub(super) fn scan_apostrophe(&mut self, c: char) -> TokenKind {
        let after = self.pos + c.len_utf8();
        let digits = self.bytes[after..]
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 2 && !self.peek(after + 2).is_some_and(is_word_char) && self.spaced {
            self.pos = after + 2;
            return TokenKind::Number;
        }
        if c.is_alphabetic() && self.peek(after).is_some_and(is_word_char) {
            // ʼ (U+02BC) is a letter: a word that starts with it
            return self.scan_word();
        }
        self.pos = after;
        self.skip_marks();
        if matches!(c, '\'' | '‘' | '’') {
            let opens = self.spaced && self.peek(self.pos).is_some_and(|n| !n.is_whitespace());
            self.single_quote_open = opens;
        }
        TokenKind::Punct
    }

    /// Whether an address starting with http://, https:// or www. begins here.
    pub(super) fn url_prefix(&self) -> bool {
        let rest = &self.bytes[self.pos..];
        let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        (starts(b"http") && (starts(b"http://") || starts(b"https://")))
            || (starts(b"www.") && self.peek(self.pos + 4).is_some_and(char::is_alphanumeric))
    }

    /// Takes address characters up to whitespace or a quote, then gives back trailing
    /// punctuation that ends the sentence rather than the address.
    pub(super) fn scan_url(&mut self) {
        let start = self.pos;
        while let Some(c) = self.peek(self.pos) {
            if c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”') {
                break;
            }
            self.pos += c.len_utf8();
        }
        let opens = self.text[start..self.pos].matches('(').count();
        let mut closes = self.text[start..self.pos].matches(')').count();
        while let Some(c) = self.text[start..self.pos].chars().next_back() {
            let trailing = match c {
                ')' if closes > opens => {
                    closes -= 1;
                    true
                }
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | ']' | '}' | '…' | '·' => true,
                _ => false,
            };
            if !trailing {
                break;
            }
            self.pos -= c.len_utf8();
        }
    }

    /// Whether an `@` comes before the next space within an e-mail local part's length: a cheap
    /// byte test before [`Scanner::email_end`] for words in Greek letters.
    pub(super) fn at_sign_ahead(&self) -> bool {
        self.bytes[self.pos..]
            .iter()
            .take(65)
            .take_while(|b| !b.is_ascii_whitespace())
            .any(|&b| b == b'@')
    }

    /// The end of an e-mail address starting at `start`, if one does.
    pub(super) fn email_end(&self, start: usize) -> Option<usize> {
        let bytes = self.bytes;
        // RFC 5321 limits: 64 bytes before the @, 255 after; the caps also keep a long run
        // of «a+a+a+…» from being rescanned at every word. Both parts may be in Greek letters
        // (γραφείο@εφημερίδα.gr).
        let mut at = start;
        for c in self.text[start..].chars() {
            let local = c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
            if !local || at + c.len_utf8() > start + 64 {
                break;
            }
            at += c.len_utf8();
        }
        if bytes.get(at) != Some(&b'@') || at == start {
            return None;
        }
        // the domain may be written in Greek letters (info@εφημερίδα.gr)
        let mut end = at + 1;
        for c in self.text[at + 1..].chars() {
            if !(c.is_alphanumeric() || matches!(c, '.' | '-')) || end + c.len_utf8() > at + 256 {
                break;
            }
            end += c.len_utf8();
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &self.text[at + 1..end];
        let dot = domain.rfind('.')?;
        let tld = &domain[dot + 1..];
        let tld_ok = tld.chars().count() >= 2
            && (tld.bytes().all(|b| b.is_ascii_alphabetic())
                || tld.chars().all(crate::greek::is_greek_letter));
        (dot > 0 && tld_ok).then_some(end)
    }
}

/// True for «name.tld» and «www.name.tld»: labels ending in a known top-level domain.
pub(super) fn is_domain(word: &str) -> bool {
    let Some((name, tld)) = word.rsplit_once('.') else {
        return false;
    };
    tld.is_ascii()
        && name.chars().count() >= 2
        && lexicon::is_tld(tld)
        && word.split('.').all(is_domain_label)
}

/// A label of a domain name: letters of any script (εφημερίδα.gr), digits and inner hyphens.
pub(super) fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !label.starts_with('-')
}

/// Letters after digits that make an ordinal (1η, 19ου, 7ος, 1st) rather than a word.
fn is_ordinal_suffix(suffix: &str) -> bool {
    matches!(
        suffix,
        "ος" | "η"
            | "ο"
            | "ης"
            | "ου"
            | "ον"
            | "οι"
            | "ων"
            | "ες"
            | "α"
            | "ΟΣ"
            | "Η"
            | "Ο"
            | "ΗΣ"
            | "ΟΥ"
            | "st"
            | "nd"
            | "rd"
            | "th"
    )
}
