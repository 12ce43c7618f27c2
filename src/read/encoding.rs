//! Character encodings: UTF-8 decoded with a count of replaced bytes (and a hint when the
//! bytes read as Windows-1253), a byte-order mark stripped, and any other encoding transcoded
//! to UTF-8 as it is read (`--encoding`).

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};

use super::*;

/// The warning an `ok` document carries when its bytes were not all valid UTF-8: how many
/// were replaced, and the `--encoding` to use when `bytes` decode cleanly as Greek
/// windows-1253 (the usual encoding of old Greek Windows files and Excel exports).
pub(super) fn replaced_message(bytes: &[u8], replaced: usize) -> String {
    replaced_note(replaced, replaced > 0 && reads_as_windows_1253(bytes))
}

/// [`replaced_message`] when the caller knows whether the bytes read as windows-1253.
pub(super) fn replaced_note(replaced: usize, windows_1253: bool) -> String {
    if replaced == 0 {
        return String::new();
    }
    let mut message = format!("invalid UTF-8: {replaced} bytes replaced");
    if windows_1253 {
        message.push_str(
            "; the bytes read cleanly as Greek windows-1253: rerun with --encoding windows-1253",
        );
    }
    message
}

/// Whether `bytes` decode without error as windows-1253 into Greek words ([`greek_words`]).
pub(super) fn reads_as_windows_1253(bytes: &[u8]) -> bool {
    windows_1253_reading(bytes) == Some(true)
}

/// Whether `bytes` decode without error as windows-1253 (`None` when they do not) and, if so,
/// whether the text reads as Greek words (see [`greek_words`]). A single-byte encoding: pieces of a file can be checked
/// one by one.
pub(super) fn windows_1253_reading(bytes: &[u8]) -> Option<bool> {
    let decoded =
        encoding_rs::WINDOWS_1253.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(greek_words(&decoded))
}

/// Whether `text` (bytes decoded as a legacy Greek encoding) reads as Greek words: at least
/// [`MIN_LEGACY_GREEK_LETTERS`] Greek letters, at most one in ten touching a Latin letter.
/// Latin-1 or windows-1252 text, «café», decodes as windows-1253 too, but its high bytes sit
/// inside Latin words.
fn greek_words(text: &str) -> bool {
    let greek = crate::greek::is_greek_letter;
    let (mut pure, mut mixed) = (0usize, 0usize);
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if greek(c) {
            let next = chars.peek().copied().unwrap_or(' ');
            if previous.is_ascii_alphabetic() || next.is_ascii_alphabetic() {
                mixed += 1;
            } else {
                pure += 1;
            }
        }
        previous = c;
    }
    pure >= MIN_LEGACY_GREEK_LETTERS && mixed * 10 <= pure + mixed
}

/// The warning an `ok` document carries when it was read with `--encoding` and some bytes
/// were not valid in that encoding (the decoder put U+FFFD in their place).
pub(super) fn undecodable_message(text: &str, options: &ReadOptions) -> Option<String> {
    undecodable_note(undecodable_count(text, options), options)
}

/// The U+FFFD characters of a text read with a non-UTF-8 `--encoding` (0 without one).
pub(super) fn undecodable_count(text: &str, options: &ReadOptions) -> usize {
    if options.encoding.is_none_or(|e| e == encoding_rs::UTF_8) {
        return 0;
    }
    text.chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count()
}

/// [`undecodable_message`] from the count of replaced sequences.
pub(super) fn undecodable_note(replaced: usize, options: &ReadOptions) -> Option<String> {
    let encoding = options.encoding.filter(|e| *e != encoding_rs::UTF_8)?;
    (replaced > 0).then(|| {
        format!(
            "{replaced} byte sequences not valid in {} replaced",
            encoding.name()
        )
    })
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD as `String::from_utf8_lossy`
/// does; also returns how many bytes were replaced. Valid input is borrowed, not copied.
pub(super) fn decode(bytes: &[u8]) -> (Cow<'_, str>, usize) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), 0);
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += chunk.invalid().len();
        }
    }
    (Cow::Owned(text), replaced)
}

/// [`decode`] for an owned buffer: valid UTF-8 becomes the `String` without a copy.
pub(super) fn decode_owned(bytes: Vec<u8>) -> (String, usize) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(error) => {
            let (text, replaced) = decode(error.as_bytes());
            (text.into_owned(), replaced)
        }
    }
}

/// Drops a leading UTF-8 byte-order mark.
pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Wraps an input read with a non-UTF-8 `--encoding` in a decoder to UTF-8; other inputs are
/// returned as they are. The size hint is doubled for single-byte encodings, as a Greek letter
/// takes two bytes in UTF-8.
///
/// An input in UTF-8 (the default) that starts with a UTF-16 byte-order mark, as Windows
/// Notepad's "Unicode" and Excel's "Unicode text" save files, is decoded as UTF-16: the mark
/// names the encoding beyond doubt, as the WHATWG decode algorithm has it. The mark is not part
/// of the text, as a UTF-8 one is not.
///
/// With no `--encoding` at all (not even `utf-8`), an input whose start is not UTF-8 but reads
/// as Greek in windows-1253 or ISO-8859-7 (see [`legacy_greek`]) is decoded in that encoding,
/// which is returned as the third value so that its documents can say so.
pub(super) fn transcode(
    mut input: Input,
    size_hint: usize,
    options: &ReadOptions,
) -> (Input, usize, Option<&'static encoding_rs::Encoding>) {
    let utf16 = match options.encoding {
        None => utf16_bom(&mut input),
        Some(encoding) if encoding == encoding_rs::UTF_8 => utf16_bom(&mut input),
        Some(_) => None,
    };
    let detected = match (utf16, options.encoding) {
        (None, None) => input.fill_buf().ok().and_then(legacy_greek),
        _ => None,
    };
    let (input, size_hint) = decoder(input, size_hint, utf16.or(detected).or(options.encoding));
    (input, size_hint, detected)
}

/// The note a document read in a detected legacy encoding carries (see [`transcode`]).
pub(super) fn detected_note(encoding: &'static encoding_rs::Encoding) -> String {
    format!(
        "not UTF-8: read as Greek {name}, in which its bytes make Greek words \
         (name the encoding with --encoding {name} to be sure)",
        name = encoding.name().to_lowercase()
    )
}

/// Fewest Greek letters, in words of Greek letters only, before an input's start is taken for
/// legacy Greek: fewer say too little.
const MIN_LEGACY_GREEK_LETTERS: usize = 3;

/// The legacy Greek encoding `head` (an input's first bytes) is written in, if any: the bytes
/// are not UTF-8 (invalid sequences outnumber valid multi-byte ones four to one, so a UTF-8
/// file with a stray byte stays UTF-8); there are no control bytes but white space (UTF-16
/// without its mark and binary data have them); and they decode without error as windows-1253
/// into Greek words ([`windows_1253_reading`]). ISO-8859-7 differs from windows-1253 in the letters
/// only by «Ά», byte 0xB6 there and 0xA2 in windows-1253: the one that more often comes before
/// a Greek letter decides.
pub(super) fn legacy_greek(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    for chunk in head.utf8_chunks() {
        invalid += chunk.invalid().len();
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
    }
    if invalid == 0 || invalid < 4 * multibyte {
        return None;
    }
    // control bytes are binary data or UTF-16 without its mark, not text in an 8-bit encoding
    if head
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    {
        return None;
    }
    if windows_1253_reading(head) != Some(true) {
        return None;
    }
    let before_letter = |alpha: u8| {
        head.windows(2)
            .filter(|pair| pair[0] == alpha && (0xC1..=0xFE).contains(&pair[1]))
            .count()
    };
    if before_letter(0xB6) > before_letter(0xA2) {
        Some(encoding_rs::ISO_8859_7)
    } else {
        Some(encoding_rs::WINDOWS_1253)
    }
}

/// `input` decoded from `encoding` to UTF-8 as it is read, unless that is UTF-8 or none.
fn decoder(
    input: Input,
    size_hint: usize,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> (Input, usize) {
    match encoding {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let reader = Transcode {
                inner: input,
                decoder: encoding.new_decoder_with_bom_removal(),
                pending: Vec::new(),
                start: 0,
                done: false,
            };
            (
                Box::new(BufReader::with_capacity(BUFFER_SIZE, reader)),
                size_hint.saturating_mul(2),
            )
        }
        _ => (input, size_hint),
    }
}

/// UTF-16LE or UTF-16BE when the input starts with that encoding's byte-order mark. A read
/// error here is left for the reader that follows, which meets it again and reports it.
fn utf16_bom(input: &mut Input) -> Option<&'static encoding_rs::Encoding> {
    let head = input.fill_buf().ok()?;
    match encoding_rs::Encoding::for_bom(head) {
        Some((encoding, _)) if encoding != encoding_rs::UTF_8 => Some(encoding),
        _ => None,
    }
}

/// A reader decoding another encoding to UTF-8 with encoding_rs, chunk by chunk; undecodable
/// bytes become U+FFFD.
pub(super) struct Transcode {
    pub(super) inner: Input,
    pub(super) decoder: encoding_rs::Decoder,
    pub(super) pending: Vec<u8>,
    pub(super) start: usize,
    pub(super) done: bool,
}

impl Read for Transcode {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        while self.start == self.pending.len() {
            if self.done {
                return Ok(0);
            }
            let source = self.inner.fill_buf()?;
            let last = source.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(source.len())
                .unwrap_or(4 * BUFFER_SIZE)
                .max(16);
            self.pending.clear();
            self.pending.resize(room, 0);
            self.start = 0;
            let (_, read, written, _) =
                self.decoder.decode_to_utf8(source, &mut self.pending, last);
            self.pending.truncate(written);
            self.inner.consume(read);
            self.done = last;
        }
        let count = (self.pending.len() - self.start).min(buffer.len());
        buffer[..count].copy_from_slice(&self.pending[self.start..self.start + count]);
        self.start += count;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn greek_in_windows_1253_and_iso_8859_7_is_recognised() {
        let text = "Η Άννα έφυγε για την Άρτα, είπε ο κ. Ζαχαρίου.";
        let windows = encoded(encoding_rs::WINDOWS_1253, text);
        let iso = encoded(encoding_rs::ISO_8859_7, text);
        assert_ne!(windows, iso, "the two differ in «Ά»");
        assert_eq!(legacy_greek(&windows), Some(encoding_rs::WINDOWS_1253));
        assert_eq!(legacy_greek(&iso), Some(encoding_rs::ISO_8859_7));
        // without «Ά» the two are the same bytes, and windows-1253 reads them right
        let plain = encoded(encoding_rs::ISO_8859_7, "Ο Πέτρος έμεινε στη Λάρισα.");
        assert_eq!(legacy_greek(&plain), Some(encoding_rs::WINDOWS_1253));
        // a JSON line: Latin keys around Greek words
        let line = encoded(
            encoding_rs::WINDOWS_1253,
            "{\"id\":1,\"text\":\"Η ΑΕΚ νίκησε.\"}",
        );
        assert_eq!(legacy_greek(&line), Some(encoding_rs::WINDOWS_1253));
    }

    #[test]
    fn utf8_latin_1_and_too_little_text_are_not_taken_for_legacy_greek() {
        // valid UTF-8, Greek or not
        assert_eq!(legacy_greek("Η Άννα έφυγε.".as_bytes()), None);
        assert_eq!(legacy_greek(b"plain ASCII"), None);
        // UTF-8 Greek with one stray byte stays UTF-8 (its bytes also fail as windows-1253)
        let mut stray = "Η Άννα έφυγε για την Άρτα.".as_bytes().to_vec();
        stray.insert(4, 0xFF);
        assert_eq!(legacy_greek(&stray), None);
        // Latin-1 French: its high bytes decode as Greek letters, inside Latin words
        let french = encoded(
            encoding_rs::WINDOWS_1252,
            "Le café élève très bien, même à Noël.",
        );
        assert_eq!(windows_1253_reading(&french), Some(false));
        assert_eq!(legacy_greek(&french), None);
        // UTF-16 without its byte-order mark
        let utf16: Vec<u8> = "Η Άννα έφυγε για την Άρτα."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(legacy_greek(&utf16), None);
        // two Greek letters say too little
        assert_eq!(
            legacy_greek(&encoded(encoding_rs::WINDOWS_1253, "id;Ωμ")),
            None
        );
    }
}
