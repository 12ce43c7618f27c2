//! Tokenization and sentence splitting for Modern Greek text.
//!
//! A hand-written scanner walks the text once, without regular expressions and without
//! allocating per token. It keeps together what a reader sees as one unit: elided words with
//! their apostrophe (γι’, σ’), abbreviations with their dots (κ., π.χ., Α.Ε.), numbers with
//! Greek separators (1.000.000, 3,5, 28%, 15:30, 24/11/2026), web addresses, e-mail addresses,
//! @mentions, #hashtags and hyphenated and underscored words.
//!
//! Sentences end where the rules of the `sentences` module and its learned classifier say:
//! at . ! ? ; … and the ano teleia `·` (UD Greek GDT, the treebank the classifier is trained
//! on, ends a sentence at every ano teleia), before a capitalised word after a headline and its
//! date, at blank lines, and at line breaks after lines without final punctuation such as
//! headlines; not after abbreviations that introduce something (κ., π.χ.), initials before a
//! name (Α. Παπαδόπουλος) or decimals.

mod lexicon;
mod sentences;
mod special;
mod train;

use lexicon::Abbrev;
use sentences::{cannot_open_sentence, is_closer, Boundary, Gap};
pub use sentences::{Model as SentenceModel, ModelError as SentenceModelError};
use special::{is_domain, is_domain_label};
pub use train::{
    train_sentences, Scores as SentenceScores, SentenceTrainOptions, SentenceTrainReport,
};

use crate::greek::is_elision_mark;
use crate::normalize::is_invisible;
use crate::{Span, TokenKind};

/// A token as the tokenizer found it: its sentence, byte span and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    pub sentence: u32,
    pub span: Span,
    pub kind: TokenKind,
}

/// Splits `text` into sentences and tokens, appending to `out` (which is not cleared). Spans
/// are byte ranges in `text`: ordered, non-overlapping, on char boundaries, never empty, and
/// never containing whitespace. Sentence numbers start at 0 and rise by 1 with no gaps.
pub fn tokenize_into(text: &str, out: &mut Vec<RawToken>) {
    tokenize_with(text, out, sentences::Model::shipped());
}

/// [`tokenize_into`] with the sentence boundary classifier `model`.
fn tokenize_with(text: &str, out: &mut Vec<RawToken>, model: &sentences::Model) {
    let first = out.len();
    let mut gaps = scan(text, out);
    if sentences::is_hard_wrapped(text) {
        sentences::unwrap_lines(text, &out[first..], &mut gaps);
    }
    sentences::assign(text, &mut out[first..], &gaps, model);
}

/// Scans `text` into tokens appended to `out`, numbered into sentences by the rules, and
/// returns the gap before each new token.
fn scan(text: &str, out: &mut Vec<RawToken>) -> Vec<Gap> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        out,
        gaps: Vec::with_capacity(text.len() / 6),
        first: true,
        sentence: 0,
        boundary: Boundary::Continue,
        newlines: 0,
        spaced: true,
        single_quote_open: false,
        abbrev: None,
    };
    scanner.run();
    scanner.gaps
}

/// Splits `text` into sentences and tokens; see [`tokenize_into`].
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, &mut out);
    out
}

/// The kind the tokenizer gives `token` when it stands alone: how pre-tokenized input (CoNLL)
/// gets the same kinds as running text («lifo.gr» is a `url`, «1η» and «+20%» are numbers).
/// A token the tokenizer would cut in several pieces is a `word` if any piece is one, else the
/// kind of its first piece; a token of invisible characters only is a `symbol`.
pub fn classify(token: &str) -> TokenKind {
    let mut pieces = Vec::with_capacity(4);
    tokenize_into(token, &mut pieces);
    match pieces.as_slice() {
        [] => TokenKind::Symbol,
        [one] => one.kind,
        several if several.iter().any(|t| t.kind == TokenKind::Word) => TokenKind::Word,
        several => several[0].kind,
    }
}

struct Scanner<'t, 'o> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    out: &'o mut Vec<RawToken>,
    /// The gap before each token emitted.
    gaps: Vec<Gap>,
    /// No token emitted yet.
    first: bool,
    sentence: u32,
    boundary: Boundary,
    /// Line breaks in the whitespace before the next token (a blank line counts two).
    newlines: u32,
    /// Whitespace (or the start of text) lies right before the next token.
    spaced: bool,
    /// An opening single quote (‘ or ') is waiting for its closing one in this sentence.
    single_quote_open: bool,
    /// Set by the word scanner when the word it took is an abbreviation with its dot.
    abbrev: Option<Abbrev>,
}

impl Scanner<'_, '_> {
    fn run(&mut self) {
        while let Some(c) = self.peek(self.pos) {
            if c.is_whitespace() {
                self.skip_whitespace(c);
                continue;
            }
            if is_ignorable(c) {
                self.pos += c.len_utf8();
                continue;
            }
            let start = self.pos;
            let kind = self.scan_token(c);
            debug_assert!(self.pos > start);
            self.emit(start, kind);
        }
    }

    fn peek(&self, at: usize) -> Option<char> {
        let b = *self.bytes.get(at)?;
        if b < 0x80 {
            return Some(b as char);
        }
        self.text.get(at..)?.chars().next()
    }

    fn skip_whitespace(&mut self, c: char) {
        self.newlines += match c {
            '\n' | '\u{2028}' => 1,
            '\r' if self.bytes.get(self.pos + 1) != Some(&b'\n') => 1,
            '\u{2029}' | '\u{000B}' | '\u{000C}' => 2,
            _ => 0,
        };
        self.spaced = true;
        self.pos += c.len_utf8();
    }

    /// Scans one token starting with `c` at `self.pos`, leaving `self.pos` after it.
    fn scan_token(&mut self, c: char) -> TokenKind {
        let next = self.peek(self.pos + c.len_utf8());
        if c.is_ascii_digit() {
            if let Some(end) = self.email_end(self.pos) {
                self.pos = end;
                return TokenKind::Email;
            }
            return self.scan_number();
        }
        if c.is_ascii_alphabetic() {
            if self.url_prefix() {
                self.scan_url();
                return TokenKind::Url;
            }
            if let Some(end) = self.email_end(self.pos) {
                self.pos = end;
                return TokenKind::Email;
            }
        }
        if is_elision_mark(c) {
            return self.scan_apostrophe(c);
        }
        if !c.is_ascii() && c.is_alphanumeric() && self.at_sign_ahead() {
            if let Some(end) = self.email_end(self.pos) {
                self.pos = end;
                return TokenKind::Email;
            }
        }
        if is_word_char(c) {
            return self.scan_word();
        }
        match c {
            '+' | '-' | '−' if next.is_some_and(|n| n.is_ascii_digit()) && self.sign_allowed() => {
                self.pos += c.len_utf8();
                self.scan_number()
            }
            '@' | '#' if next.is_some_and(is_tag_char) => {
                self.pos += 1;
                while let Some(n) = self.peek(self.pos).filter(|&n| is_tag_char(n)) {
                    self.pos += n.len_utf8();
                }
                if c == '@' {
                    TokenKind::Mention
                } else {
                    TokenKind::Hashtag
                }
            }
            '.' | '!' | '?' => {
                // a run of dots is an ellipsis; runs of ! and ? («?!», «!!!») stay together
                let dots = c == '.';
                while let Some(n) = self.peek(self.pos) {
                    if (dots && n == '.') || (!dots && matches!(n, '!' | '?')) {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                self.skip_marks();
                TokenKind::Punct
            }
            _ => {
                self.pos += c.len_utf8();
                self.skip_marks();
                if is_punct(c) {
                    TokenKind::Punct
                } else {
                    self.skip_emoji_joins(c);
                    TokenKind::Symbol
                }
            }
        }
    }

    /// A plus or minus starts a number only where no word or number ends right before it
    /// («+20%», «(-1,5%)»), so ranges and compounds (35-60, COVID-19) keep their hyphen.
    fn sign_allowed(&self) -> bool {
        self.spaced
            || self.text[..self.pos]
                .chars()
                .next_back()
                .is_none_or(|p| matches!(p, '(' | '[' | '{' | '«' | '“' | '"' | '/'))
    }

    /// Takes combining marks that follow a punctuation mark or symbol, so a token never ends
    /// inside a composing sequence.
    fn skip_marks(&mut self) {
        while let Some(n) = self.peek(self.pos).filter(|&n| is_mark(n)) {
            self.pos += n.len_utf8();
        }
    }

    /// Keeps an emoji with its skin-tone modifier, flags (pairs of regional indicators) and
    /// emoji joined with zero-width joiners as one symbol.
    fn skip_emoji_joins(&mut self, first: char) {
        let regional = '\u{1F1E6}'..='\u{1F1FF}';
        if regional.contains(&first) && self.peek(self.pos).is_some_and(|n| regional.contains(&n)) {
            self.pos += 4;
        }
        while let Some(n) = self
            .peek(self.pos)
            .filter(|n| ('\u{1F3FB}'..='\u{1F3FF}').contains(n))
        {
            self.pos += n.len_utf8();
        }
        while self.peek(self.pos) == Some('\u{200D}') {
            match self.peek(self.pos + 3) {
                Some(n) if !n.is_whitespace() && !is_word_char(n) && !is_punct(n) => {
                    self.pos += 3 + n.len_utf8();
                    self.skip_marks();
                }
                _ => {
                    self.pos += 3;
                    break;
                }
            }
        }
    }

    /// Word characters, hyphens and underscores between them, inner and eliding apostrophes, inner dots of
    /// acronyms and addresses, and the dot of an abbreviation.
    fn scan_word(&mut self) -> TokenKind {
        let start = self.pos;
        let mut segment = start;
        let mut part = start;
        let mut dotted = false;
        loop {
            self.take_word_chars();
            let Some(c) = self.peek(self.pos) else { break };
            let after = self.pos + c.len_utf8();
            let next = self.peek(after);
            match c {
                '-' | '\u{2010}' | '\u{2011}'
                    if next.is_some_and(|n| {
                        is_word_char(n) && pairs_two_names(&self.text[part..self.pos], n)
                    }) =>
                {
                    // «ΑΕΚ-ΠΑΟΚ», «Μητσοτάκη-Τσίπρα»: two names, three tokens
                    break;
                }
                '-' | '\u{2010}' | '\u{2011}' if next.is_some_and(is_word_char) => {
                    self.pos = after;
                    part = after;
                }
                '\u{2013}' | '\u{2014}'
                    if next.is_some_and(crate::greek::is_greek_letter)
                        && joins_over_dash(&self.text[part..self.pos]) =>
                {
                    // «αγγλο–σαξονικό»: a combining form joins over an en or em dash too
                    self.pos = after;
                    part = after;
                }
                '_' if next.is_some_and(is_word_char) => {
                    // «snake_case», «2_Δεκεμβρίου_1944»: an underscore joins, as in \w+
                    self.pos = after;
                    part = after;
                }
                ',' if next == Some('τ') && self.is_o_ti(start, after) => {
                    // «ό,τι» (whatever) is one word
                    self.pos = after;
                }
                '.' if next.is_some_and(char::is_alphabetic)
                    && self.joins_dot(segment, self.pos, after) =>
                {
                    dotted = true;
                    self.pos = after;
                    segment = after;
                }
                '.' if next.is_some_and(|n| n.is_ascii_digit()) => {
                    // «ν.4412/2016», «σελ.5»: an abbreviation glued to its number
                    let word = &self.text[start..self.pos];
                    if let Some(abbrev) = lexicon::abbreviation(word, dotted) {
                        self.pos = after;
                        self.abbrev = Some(abbrev);
                    }
                    break;
                }
                '.' if !next.is_some_and(|n| n == '.' || is_word_char(n)) => {
                    let word = &self.text[start..self.pos];
                    let domain = dotted && is_domain(word);
                    let last_short = self.text[segment..self.pos].chars().count() <= 4;
                    if !domain && (!dotted || last_short) {
                        if let Some(abbrev) = lexicon::abbreviation(word, dotted) {
                            self.pos = after;
                            self.abbrev = Some(abbrev);
                        }
                    }
                    break;
                }
                c if is_elision_mark(c) => {
                    if next.is_some_and(char::is_alphabetic) {
                        self.pos = after; // Don't, παρ’όλες
                    } else {
                        let word = &self.text[start..self.pos];
                        if !self.single_quote_open || lexicon::is_elision(word) {
                            self.pos = after; // γι’, Β’
                        }
                        break;
                    }
                }
                _ => break,
            }
        }
        let word = &self.text[start..self.pos];
        if !word.chars().any(char::is_alphanumeric) {
            // combining marks with no letter to carry them
            return TokenKind::Symbol;
        }
        if dotted && self.abbrev.is_none() && is_domain(word) {
            if self.peek(self.pos) == Some('/') {
                self.scan_url();
            }
            return TokenKind::Url;
        }
        TokenKind::Word
    }

    /// Takes word characters, and invisible characters (soft hyphen, zero-width joiners)
    /// between them.
    fn take_word_chars(&mut self) {
        while let Some(c) = self.peek(self.pos) {
            let joins = is_word_char(c)
                || (is_invisible(c)
                    && self.peek(self.pos + c.len_utf8()).is_some_and(is_word_char));
            if !joins {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    /// Whether the dot at `dot` joins the segment starting at `segment` with the letters
    /// after it: inside acronyms and initials (Α.Ε, ΑΝ.ΕΛ, Μ.Θεοδωράκης) and before a
    /// top-level domain (lifo.gr), but not in a missing-space typo («τέλος.Η», «εδώ.Το»).
    fn joins_dot(&self, segment: usize, dot: usize, after: usize) -> bool {
        let part = &self.text[segment..dot];
        let letters = part.chars().count();
        let next_upper = self.peek(after).is_some_and(char::is_uppercase);
        let lowercase_word = letters >= 2 && !part.chars().any(char::is_uppercase);
        if letters <= 4 && !(lowercase_word && next_upper) {
            return true;
        }
        let label_end = self.text[after..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(self.text.len(), |i| after + i);
        is_domain_label(&self.text[segment..dot]) && lexicon::is_tld(&self.text[after..label_end])
    }

    /// Whether `start..comma` is «ό» or «ο» and «,τι» follows as a whole word.
    fn is_o_ti(&self, start: usize, after_comma: usize) -> bool {
        matches!(&self.text[start..after_comma - 1], "ό" | "Ό" | "ο" | "Ο")
            && self.text[after_comma..].starts_with("τι")
            && !self
                .peek(after_comma + "τι".len())
                .is_some_and(is_word_char)
    }
}

impl Scanner<'_, '_> {
    /// Records the token `start..self.pos` and the gap before it, deciding by the rules
    /// whether it opens a new sentence.
    fn emit(&mut self, start: usize, kind: TokenKind) {
        let end = self.pos;
        let token = &self.text[start..end];
        let first = token.chars().next().unwrap_or(' ');
        let closer = kind == TokenKind::Punct && is_closer(first, self.spaced);
        let mut gap = Gap {
            newlines: self.newlines.min(255) as u8,
            spaced: self.spaced,
            after: self.boundary,
            cannot_open: closer || (kind == TokenKind::Punct && cannot_open_sentence(first)),
            rule: false,
        };
        gap.rule = !self.first && sentences::rule_breaks(&gap, token, first);
        if gap.rule {
            self.sentence = self.sentence.saturating_add(1);
            self.single_quote_open = false;
        }
        self.boundary =
            Boundary::after_token(kind, first, self.abbrev.take(), closer, self.boundary);
        self.out.push(RawToken {
            sentence: self.sentence,
            span: Span { start, end },
            kind,
        });
        self.gaps.push(gap);
        self.first = false;
        self.newlines = 0;
        self.spaced = false;
    }
}

/// True for characters that continue a word: letters, digits, combining marks.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0388}'..='\u{03CE}').contains(&c) {
        return !matches!(c, '\u{038B}' | '\u{038D}' | '\u{03A2}');
    }
    c.is_alphanumeric() || is_mark(c) || crate::greek::symbol_lookalike(c).is_some()
}

fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c)
}

/// Characters that are skipped between tokens: invisible characters, direction marks, controls.
fn is_ignorable(c: char) -> bool {
    is_invisible(c)
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || c.is_control()
}

fn is_tag_char(c: char) -> bool {
    c == '_' || is_word_char(c)
}

/// Punctuation, as opposed to symbols (€, $, &, +, %, emoji).
fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '/'
            | '\\'
            | '*'
            | '_'
            | '«'
            | '»'
            | '·'
            | '¡'
            | '¿'
            | '´'
            | '΄'
            | '\u{037E}'
            | '\u{0387}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
    )
}

/// Whether the word part `left` is a combining form that joins the next word over an en or em
/// dash («αγγλο–σαξονικό»; [`crate::normalize::dash_joins`]).
fn joins_over_dash(left: &str) -> bool {
    crate::normalize::is_combining_form(left) && crate::normalize::dash_joins(left)
}

/// Whether a hyphen between `left` (the part of a word before it) and the letter `next` pairs
/// two names (a match, a route, a coalition, two surnames): both parts start with a Greek
/// capital and `left` is no combining form («Ελληνο-Αμερικανικό» is one word, see
/// [`crate::normalize::is_combining_form`]). Latin names keep their hyphen («Coca-Cola»,
/// «Rolls-Royce»), as do numbers and codes («COVID-19», «F-35»).
fn pairs_two_names(left: &str, next: char) -> bool {
    let greek_capital = |c: char| c.is_uppercase() && crate::greek::is_greek_letter(c);
    left.chars().next().is_some_and(greek_capital)
        && greek_capital(next)
        && left.chars().count() > 1
        && !crate::normalize::is_combining_form(left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect()
    }

    fn sentences(text: &str) -> Vec<Vec<&str>> {
        let mut out: Vec<Vec<&str>> = Vec::new();
        for t in tokenize(text) {
            if out.len() <= t.sentence as usize {
                out.push(Vec::new());
            }
            out[t.sentence as usize].push(&text[t.span.start..t.span.end]);
        }
        out
    }

    fn kind_of(text: &str, token: &str) -> TokenKind {
        tokenize(text)
            .into_iter()
            .find(|t| &text[t.span.start..t.span.end] == token)
            .unwrap_or_else(|| panic!("no token {token:?} in {:?}", texts(text)))
            .kind
    }

    #[test]
    fn words_and_punctuation_split() {
        assert_eq!(
            texts("Η βροχή σταμάτησε, ευτυχώς."),
            ["Η", "βροχή", "σταμάτησε", ",", "ευτυχώς", "."]
        );
    }

    #[test]
    fn elided_words_keep_their_apostrophe() {
        assert_eq!(texts("«γι’ αυτό»"), ["«", "γι’", "αυτό", "»"]);
        for apostrophe in ['’', 'ʼ', '\'', '´', '‘'] {
            let text = format!("σ{apostrophe} αγαπώ απ{apostrophe} το πρωί");
            assert_eq!(
                texts(&text),
                [
                    format!("σ{apostrophe}").as_str(),
                    "αγαπώ",
                    &format!("απ{apostrophe}"),
                    "το",
                    "πρωί"
                ]
            );
        }
        assert_eq!(
            texts("τ’ αστέρια, μ’ αρέσει, κατ’ αρχήν, αντ’ αυτού, ότ’ ήθελε"),
            [
                "τ’",
                "αστέρια",
                ",",
                "μ’",
                "αρέσει",
                ",",
                "κατ’",
                "αρχήν",
                ",",
                "αντ’",
                "αυτού",
                ",",
                "ότ’",
                "ήθελε"
            ]
        );
    }

    #[test]
    fn single_quotes_around_a_word_are_punctuation() {
        assert_eq!(
            texts("η λέξη ‘ελπίδα’ ξανά"),
            ["η", "λέξη", "‘", "ελπίδα", "’", "ξανά"]
        );
        assert_eq!(
            texts("το 'σχέδιο' γι' αυτό"),
            ["το", "'", "σχέδιο", "'", "γι'", "αυτό"]
        );
    }

    #[test]
    fn inner_apostrophes_and_ordinals_stay_in_the_word() {
        assert_eq!(texts("Don't παρ’όλα"), ["Don't", "παρ’όλα"]);
        assert_eq!(texts("τη Β’ φάση"), ["τη", "Β’", "φάση"]);
        assert_eq!(
            texts("στο 82’ και τη δεκαετία του ’80"),
            ["στο", "82’", "και", "τη", "δεκαετία", "του", "’80"]
        );
    }

    #[test]
    fn abbreviations_keep_their_dot_and_do_not_end_sentences() {
        let text = "Ο κ. Νικολάου και η κα. Ιωάννου, π.χ. δηλ. στην οδ. Σταδίου αρ. 5, σελ. 3, \
                    βλ. περ. Αγ. Νικολάου.";
        let s = sentences(text);
        assert_eq!(s.len(), 1, "{s:?}");
        for abbrev in [
            "κ.", "κα.", "π.χ.", "δηλ.", "οδ.", "αρ.", "σελ.", "βλ.", "περ.", "Αγ.",
        ] {
            assert!(s[0].contains(&abbrev), "{abbrev} in {s:?}");
        }
    }

    #[test]
    fn measure_and_list_abbreviations_are_one_token() {
        let text = "Μήκος 20 χλμ. και 3 εκατ. ευρώ ή 2 δισ. ευρώ, 100 τ.μ., μήλα, κ.ά. φρούτα \
                    κλπ. στο ό.π. έργο του 300 π.Χ. και 120 μ.Χ. από την Α.Ε. και την Ο.Ε. εδώ";
        let tokens = texts(text);
        for abbrev in [
            "χλμ.",
            "εκατ.",
            "δισ.",
            "τ.μ.",
            "κ.ά.",
            "κλπ.",
            "ό.π.",
            "π.Χ.",
            "μ.Χ.",
            "Α.Ε.",
            "Ο.Ε.",
        ] {
            assert!(tokens.contains(&abbrev), "{abbrev} in {tokens:?}");
        }
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Μίλησε ο Γ. Παπανδρέου στη Βουλή."),
            [["Μίλησε", "ο", "Γ.", "Παπανδρέου", "στη", "Βουλή", "."]]
        );
        assert_eq!(texts("ο Ι.Κ. Παππάς"), ["ο", "Ι.Κ.", "Παππάς"]);
    }

    #[test]
    fn closing_abbreviation_ends_before_a_sentence_opener() {
        // «Α.Ε.» keeps its dot; the sentence ends after it when a typical opener follows
        assert_eq!(
            sentences("Η εταιρεία είναι Α.Ε. Η έδρα της είναι εδώ."),
            [
                vec!["Η", "εταιρεία", "είναι", "Α.Ε."],
                vec!["Η", "έδρα", "της", "είναι", "εδώ", "."]
            ]
        );
        // a verb opening the next sentence after «π.Χ.»: the learned splitter ends it there
        assert_eq!(sentences("Γεννήθηκε το 300 π.Χ. Έζησε πολύ.").len(), 2);
        assert_eq!(sentences("Γεννήθηκε το 300 π.Χ.\nΈζησε πολύ.").len(), 2);
        assert_eq!(
            sentences("μήλα, αχλάδια κλπ. Στη συνέχεια φύγαμε.").len(),
            2
        );
        assert_eq!(sentences("Ο κ.\nΠαπαδόπουλος ήρθε.").len(), 1);
    }

    #[test]
    fn numbers_with_greek_separators_are_one_token() {
        for number in [
            "20,850",
            "1.000.000",
            "3,5",
            "28%",
            "35-60",
            "15:30",
            "24/11/2026",
            "2.5",
            "3,5%",
            "-1,46%",
            "1η",
            "19ου",
        ] {
            let text = format!("περίπου {number} φορές");
            let tokens = tokenize(&text);
            assert_eq!(tokens.len(), 3, "{number}: {:?}", texts(&text));
            assert_eq!(&text[tokens[1].span.start..tokens[1].span.end], number);
            assert_eq!(tokens[1].kind, TokenKind::Number, "{number}");
        }
        assert_eq!(kind_of("ο 51χρονος άνδρας", "51χρονος"), TokenKind::Word);
    }

    #[test]
    fn decimals_never_end_a_sentence() {
        assert_eq!(
            sentences("Ανέβηκε 3.5 μονάδες και έφτασε τις 1.000 Πέμπτη.").len(),
            1
        );
        assert_eq!(
            sentences("Έγινε το 2021. Μετά ήρθε η κρίση."),
            [
                vec!["Έγινε", "το", "2021", "."],
                vec!["Μετά", "ήρθε", "η", "κρίση", "."]
            ]
        );
    }

    #[test]
    fn quotes_brackets_dashes_and_ellipses_are_punctuation() {
        let text = "«α» “β” \"γ\" 'ω' (ε) [ζ] η - θ – ι — κ… λ...";
        let tokens = tokenize(text);
        let puncts: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Punct)
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            puncts,
            [
                "«", "»", "“", "”", "\"", "\"", "'", "'", "(", ")", "[", "]", "-", "–", "—", "…",
                "..."
            ]
        );
    }

    #[test]
    fn addresses_mentions_and_hashtags_are_one_token() {
        let text = "Δείτε https://example.gr/άρθρο?id=5, www.lifo.gr. Γράψτε στο info@example.com \
                    ή στο @ΥπουργείοΥγείας με #εκλογές2026 και #Αθήνα.";
        let tokens = texts(text);
        assert!(
            tokens.contains(&"https://example.gr/άρθρο?id=5"),
            "{tokens:?}"
        );
        assert!(tokens.contains(&"www.lifo.gr"), "{tokens:?}");
        assert_eq!(
            kind_of(text, "https://example.gr/άρθρο?id=5"),
            TokenKind::Url
        );
        assert_eq!(kind_of(text, "www.lifo.gr"), TokenKind::Url);
        assert_eq!(kind_of(text, "info@example.com"), TokenKind::Email);
        assert_eq!(kind_of(text, "@ΥπουργείοΥγείας"), TokenKind::Mention);
        assert_eq!(kind_of(text, "#εκλογές2026"), TokenKind::Hashtag);
        assert_eq!(kind_of(text, "#Αθήνα"), TokenKind::Hashtag);
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_an_address() {
        assert_eq!(
            texts("(δείτε http://a.gr/x_(1)), ή http://b.gr/y."),
            [
                "(",
                "δείτε",
                "http://a.gr/x_(1)",
                ")",
                ",",
                "ή",
                "http://b.gr/y",
                "."
            ]
        );
    }

    #[test]
    fn bare_domains_are_addresses() {
        assert_eq!(
            kind_of("πηγή: naftemporiki.gr", "naftemporiki.gr"),
            TokenKind::Url
        );
        assert_eq!(texts("στο lifo.gr."), ["στο", "lifo.gr", "."]);
    }

    #[test]
    fn hyphenated_and_latin_words_are_words() {
        assert_eq!(
            texts("σε stand-by το κόκκινο-μαύρο της Tesla"),
            ["σε", "stand-by", "το", "κόκκινο-μαύρο", "της", "Tesla"]
        );
        assert_eq!(kind_of("η Tesla", "Tesla"), TokenKind::Word);
        assert_eq!(kind_of("το stand-by", "stand-by"), TokenKind::Word);
    }

    #[test]
    fn a_combining_form_joins_over_an_en_or_em_dash() {
        assert_eq!(
            texts("το αγγλο–σαξονικό και το ελληνο—τουρκικό μοντέλο"),
            [
                "το",
                "αγγλο–σαξονικό",
                "και",
                "το",
                "ελληνο—τουρκικό",
                "μοντέλο"
            ]
        );
        // a dash that sets off a clause, or one between capitals, stays a token of its own
        assert_eq!(
            texts("το νέο—και ακριβό—μοντέλο"),
            ["το", "νέο", "—", "και", "ακριβό", "—", "μοντέλο"]
        );
        assert_eq!(texts("ΕΛΛΗΝΟ–ΤΟΥΡΚΙΚΟ"), ["ΕΛΛΗΝΟ", "–", "ΤΟΥΡΚΙΚΟ"]);
        assert_eq!(texts("Αθήνα–Λαμία"), ["Αθήνα", "–", "Λαμία"]);
    }

    #[test]
    fn a_hyphen_between_two_greek_names_is_its_own_token() {
        assert_eq!(
            texts("Το ντέρμπι ΑΕΚ-ΠΑΟΚ και η συνάντηση Μητσοτάκη‐Τσίπρα."),
            [
                "Το",
                "ντέρμπι",
                "ΑΕΚ",
                "-",
                "ΠΑΟΚ",
                "και",
                "η",
                "συνάντηση",
                "Μητσοτάκη",
                "‐",
                "Τσίπρα",
                "."
            ]
        );
        // combining forms, Latin names, numbers and lowercase compounds keep their hyphen
        for word in [
            "Ελληνο-Αμερικανικό",
            "ΕΥΡΩ-ΑΤΛΑΝΤΙΚΗ",
            "Coca-Cola",
            "COVID-19",
            "Α-1",
            "ελληνο-τουρκικές",
            "Ιούλιο-Αύγουστο",
        ] {
            let expected: Vec<&str> = if word == "Ιούλιο-Αύγουστο" {
                vec!["Ιούλιο", "-", "Αύγουστο"]
            } else {
                vec![word]
            };
            assert_eq!(texts(word), expected, "{word}");
        }
    }

    #[test]
    fn symbols_are_symbol_tokens() {
        let text = "5 € και $ & + ≠";
        for symbol in ["€", "$", "&", "+", "≠"] {
            assert_eq!(kind_of(text, symbol), TokenKind::Symbol, "{symbol}");
        }
    }

    #[test]
    fn sentences_end_at_greek_end_marks() {
        assert_eq!(
            sentences("Ήρθε; Ναι! Έφυγε… Μετά; Τέλος."),
            [
                vec!["Ήρθε", ";"],
                vec!["Ναι", "!"],
                vec!["Έφυγε", "…"],
                vec!["Μετά", ";"],
                vec!["Τέλος", "."]
            ]
        );
    }

    #[test]
    fn ano_teleia_ends_a_sentence_as_the_treebank_does() {
        // UD Greek GDT ends a sentence at every ano teleia; the learned splitter follows it
        assert_eq!(
            sentences("Ήταν αργά· κανείς δεν ήρθε. Ο άλλος ναι."),
            [
                vec!["Ήταν", "αργά", "·"],
                vec!["κανείς", "δεν", "ήρθε", "."],
                vec!["Ο", "άλλος", "ναι", "."]
            ]
        );
        // but a line break after it still does not
        assert_eq!(sentences("Ήταν αργά·\nκανείς δεν ήρθε.").len(), 1);
    }

    #[test]
    fn a_headline_its_date_and_the_first_sentence_are_three_sentences() {
        assert_eq!(
            sentences(
                "Χιόνια στα ορεινά της Ηπείρου 2025-01-09 Πυκνό χιόνι έπεσε χθες στα Ιωάννινα."
            ),
            [
                vec!["Χιόνια", "στα", "ορεινά", "της", "Ηπείρου"],
                vec!["2025-01-09"],
                vec!["Πυκνό", "χιόνι", "έπεσε", "χθες", "στα", "Ιωάννινα", "."]
            ]
        );
    }

    #[test]
    fn a_numbered_list_after_a_colon_splits_into_items() {
        assert_eq!(
            sentences(
                "Ο δήμος ανακοίνωσε τα εξής: 1. Η λαϊκή αγορά μεταφέρεται. 2. Το πάρκο κλείνει."
            ),
            [
                vec!["Ο", "δήμος", "ανακοίνωσε", "τα", "εξής", ":"],
                vec!["1", ".", "Η", "λαϊκή", "αγορά", "μεταφέρεται", "."],
                vec!["2", ".", "Το", "πάρκο", "κλείνει", "."]
            ]
        );
    }

    #[test]
    fn a_colon_inside_a_sentence_does_not_split_it() {
        assert_eq!(
            sentences("Δύο λόγοι μετρούν: η τιμή και η ποιότητα του νερού.").len(),
            1
        );
        assert_eq!(
            sentences("Το τελικό σκορ ήταν 2:1 για τους γηπεδούχους.").len(),
            1
        );
    }

    #[test]
    fn titles_abbreviations_and_initials_before_names_never_split() {
        for text in [
            "Μίλησε ο κ. Παπαδόπουλος για τον προϋπολογισμό.",
            "Φέρτε φρούτα, π.χ. Μήλα ή Πορτοκάλια από τη λαϊκή.",
            "Την έκθεση υπογράφει ο Α. Παπαδόπουλος από το Βόλο.",
            "Ο Κ. Καραμανλής και η Μ. Μερκούρη ήταν εκεί.",
            "Η κα. Ιωάννου είδε τον Δρ. Νικολάου στο νοσοκομείο.",
            "Ο πληθωρισμός έφτασε το 3.5 τον Μάρτιο.",
        ] {
            assert_eq!(sentences(text).len(), 1, "{:?}", sentences(text));
        }
    }

    #[test]
    fn splitting_is_deterministic_and_independent_of_earlier_calls() {
        let text = "Νέα μέτρα για την ακρίβεια 2024-11-02 Η κυβέρνηση ανακοίνωσε μέτρα: \
                    επιδότηση και πλαφόν. Ο κ. Δημητρίου διαφώνησε· η συζήτηση συνεχίζεται.";
        let once = tokenize(text);
        let mut appended = tokenize("Άλλο κείμενο. Δεύτερη πρόταση.");
        tokenize_into(text, &mut appended);
        assert_eq!(&appended[appended.len() - once.len()..], once.as_slice());
        assert_eq!(tokenize(text), once);
    }

    #[test]
    fn closing_quote_after_end_mark_stays_in_the_sentence() {
        assert_eq!(
            sentences("Είπε «Φεύγω.» Και έφυγε (οριστικά.) Τέλος."),
            [
                vec!["Είπε", "«", "Φεύγω", ".", "»"],
                vec!["Και", "έφυγε", "(", "οριστικά", ".", ")"],
                vec!["Τέλος", "."]
            ]
        );
        assert_eq!(sentences("«Γιατί;», ρώτησε. «Έτσι!» είπε.").len(), 2);
    }

    #[test]
    fn blank_lines_and_headlines_end_sentences() {
        assert_eq!(
            sentences("Τίτλος άρθρου\nΚείμενο με, κόμμα\n\nνέα παράγραφος"),
            [
                vec!["Τίτλος", "άρθρου"],
                vec!["Κείμενο", "με", ",", "κόμμα"],
                vec!["νέα", "παράγραφος"]
            ]
        );
        // a comma or a lowercase start says the line wraps mid-sentence
        assert_eq!(
            sentences("Ήρθαν όλοι,\nΜαρία και Νίκος\nκαι έφυγαν.").len(),
            1
        );
        // after a colon, a capitalised line is a new sentence, a quote is not
        assert_eq!(sentences("Διαβάστε επίσης:\nΝέα μέτρα").len(), 2);
        assert_eq!(sentences("Δήλωσε:\n«Θα έρθω»").len(), 1);
    }

    #[test]
    fn hard_wrapped_text_splits_as_if_it_were_one_line() {
        let one_line = "Ο δήμαρχος της πόλης συναντήθηκε χθες με τους κατοίκους της περιοχής \
            και τον Γιώργο Μαυρίδη από την Περιφέρεια Θεσσαλίας. Η συζήτηση κράτησε ώρες και \
            αφορούσε το νερό, τους δρόμους και τα σχολεία της Λάρισας. Στο τέλος ο Νίκος \
            Καραγιάννης ζήτησε νέα συνάντηση τον Μάρτιο.";
        // the same text filled to lines of about 60 code points, as OCR and PDFs give it
        let mut wrapped = String::new();
        let mut width = 0;
        for word in one_line.split(' ') {
            if width > 0 && width + word.chars().count() > 60 {
                wrapped.push('\n');
                width = 0;
            } else if width > 0 {
                wrapped.push(' ');
            }
            wrapped.push_str(word);
            width += word.chars().count() + 1;
        }
        assert!(wrapped.matches('\n').count() >= 3, "{wrapped}");
        assert_eq!(sentences(&wrapped), sentences(one_line));
        assert_eq!(sentences(&wrapped).len(), 3);
    }

    #[test]
    fn headlines_and_one_paragraph_per_line_are_not_hard_wrapped() {
        let page = "Αρχική\nΠολιτική\nΟικονομία\nΑθλητισμός\nΝέα μέτρα για την ακρίβεια";
        assert_eq!(sentences(page).len(), 5);
        let paragraphs = "Η βροχή σταμάτησε αργά το βράδυ και οι δρόμοι άνοιξαν ξανά.\n\
            Οι κάτοικοι ζήτησαν από τον δήμο να καθαρίσει τα φρεάτια αμέσως.\n\
            Ο δήμαρχος υποσχέθηκε συνεργεία από το πρωί της Δευτέρας.\n\
            Νέα συνάντηση ορίστηκε για την επόμενη εβδομάδα";
        assert_eq!(sentences(paragraphs).len(), 4);
        assert!(!sentences::is_hard_wrapped(page));
        assert!(!sentences::is_hard_wrapped(paragraphs));
    }

    #[test]
    fn an_end_mark_at_a_line_end_ends_the_sentence_whatever_case_follows() {
        // posts that open lowercase, a Greeklish line after a Greek one
        assert_eq!(
            sentences("Καλημέρα σε όλους.\nσήμερα πάμε εκδρομή!\nkali xronia se olous"),
            [
                vec!["Καλημέρα", "σε", "όλους", "."],
                vec!["σήμερα", "πάμε", "εκδρομή", "!"],
                vec!["kali", "xronia", "se", "olous"]
            ]
        );
        // on the same line a lowercase word continues: «Φύγε!» είπε
        assert_eq!(sentences("«Φύγε!» είπε ο Νίκος. Έτσι έγινε.").len(), 2);
        assert_eq!(sentences("Τι έγινε; ρώτησε η Άννα.").len(), 1);
    }

    #[test]
    fn emoji_sequences_are_one_symbol() {
        assert_eq!(
            texts("🇬🇷 👍🏽 👩\u{200D}💻!"),
            ["🇬🇷", "👍🏽", "👩\u{200D}💻", "!"]
        );
    }

    #[test]
    fn abbreviation_glued_to_a_number_keeps_the_sentence() {
        assert_eq!(
            sentences("Ο ν.4412/2016 ισχύει, σελ.5 και εδώ."),
            [[
                "Ο",
                "ν.",
                "4412/2016",
                "ισχύει",
                ",",
                "σελ.",
                "5",
                "και",
                "εδώ",
                "."
            ]]
        );
    }

    #[test]
    fn o_ti_is_one_word() {
        assert_eq!(
            texts("ό,τι θέλεις, ο Τίτος"),
            ["ό,τι", "θέλεις", ",", "ο", "Τίτος"]
        );
    }

    #[test]
    fn missing_space_after_a_full_stop_still_splits() {
        assert_eq!(
            sentences("Έφυγε νωρίς.Η βροχή σταμάτησε."),
            [
                vec!["Έφυγε", "νωρίς", "."],
                vec!["Η", "βροχή", "σταμάτησε", "."]
            ]
        );
        assert_eq!(sentences("Ήταν εδώ.Το είδα.").len(), 2);
        assert_eq!(texts("ο Μ.Θεοδωράκης"), ["ο", "Μ.Θεοδωράκης"]);
    }

    #[test]
    fn appends_without_clearing() {
        let mut out = tokenize("α β");
        tokenize_into("γ", &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(out[2].span, Span { start: 0, end: 2 });
    }

    /// Checks the documented invariants of a tokenization.
    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let tokens = tokenize(text);
        let mut prev_end = 0;
        let mut prev_sentence = 0;
        for (i, t) in tokens.iter().enumerate() {
            let Span { start, end } = t.span;
            prop_assert!(start < end, "empty {:?}", t);
            prop_assert!(start >= prev_end, "overlap {:?}", t);
            prop_assert!(end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            prop_assert!(!text[start..end].chars().any(char::is_whitespace));
            if i == 0 {
                prop_assert_eq!(t.sentence, 0);
            } else {
                prop_assert!(t.sentence == prev_sentence || t.sentence == prev_sentence + 1);
            }
            prev_end = end;
            prev_sentence = t.sentence;
        }
        Ok(())
    }

    fn greekish() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "α", "ά", "Α", "Ή", "σ", "ς", "κ", "Κ", "χ", "Χ", "ι", "ΐ", "\u{301}", "\u{308}",
                ".", ",", ";", "·", "…", "!", "?", "’", "'", "‘", "´", "«", "»", "\"", "(", ")",
                "-", "–", "/", ":", "%", "@", "#", "€", "0", "1", "9", " ", " ", "\n", "\n\n",
                "http://", "www.", ".gr", "κ.", "π.Χ.", "Γ.", "γι’", "ό,τι", "\u{200B}", "\u{AD}",
                "x", "E", "_",
            ]),
            0..60,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn invariants_hold_on_any_text(text in any::<String>()) {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_hold_on_greek_like_text(text in greekish()) {
            check_invariants(&text)?;
        }
    }
}
