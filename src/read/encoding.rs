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

/// Whether `bytes` decode without error as windows-1253 into text with Greek letters.
pub(super) fn reads_as_windows_1253(bytes: &[u8]) -> bool {
    windows_1253_reading(bytes) == Some(true)
}

/// Whether `bytes` decode without error as windows-1253 (`None` when they do not) and, if so,
/// whether the text has Greek letters. A single-byte encoding: pieces of a file can be checked
/// one by one.
pub(super) fn windows_1253_reading(bytes: &[u8]) -> Option<bool> {
    let decoded =
        encoding_rs::WINDOWS_1253.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(
        decoded
            .chars()
            .any(|c| matches!(c, '\u{0386}'..='\u{03CE}')),
    )
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
pub(super) fn transcode(
    mut input: Input,
    size_hint: usize,
    options: &ReadOptions,
) -> (Input, usize) {
    let utf16 = match options.encoding {
        None => utf16_bom(&mut input),
        Some(encoding) if encoding == encoding_rs::UTF_8 => utf16_bom(&mut input),
        Some(_) => None,
    };
    match utf16.or(options.encoding) {
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
