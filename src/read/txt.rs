//! Plain text: each file is one document, streamed in segments when it is long.

use std::io::Read;
use std::sync::Arc;

use super::{
    decode_owned, reads_as_windows_1253, replaced_note, undecodable_count, undecodable_note,
    windows_1253_reading, Input, Origin, Part, ReadOptions,
};
use crate::{RawDocument, Status};

/// How much of a file of unknown type is looked at to decide whether it is text.
const SNIFF_BYTES: u64 = 8 * 1024;

/// Separators a segment is cut after, best first: a paragraph break, a line break, the end of a
/// sentence, a space. The cut is looked for in the second half of the segment.
const CUTS: [&[u8]; 4] = [b"\n\n", b"\n", b". ", b" "];

/// Reads one plain-text file as one document, holding at most about `segment` bytes of it.
///
/// A file of at most `segment` bytes (after a leading byte-order mark) becomes one
/// [`Part::Document`], read into one buffer that becomes its text without a copy when it is
/// valid UTF-8. A longer file is streamed as [`Part::Segment`]s of at most `segment` bytes, each
/// cut after a paragraph break, else a line break, else `". "`, else a space in its second half
/// (else before a character), so the whole text is never held; the pieces, joined, are exactly
/// the text the file would have been read as whole. With `sniff`, a file whose first 8 KB look
/// binary is skipped without reading the rest.
pub(super) struct TxtReader {
    input: Input,
    origin: Origin,
    options: Arc<ReadOptions>,
    /// Capacity hint for a file read whole (its size on disk; 0 when unknown).
    size_hint: usize,
    sniff: bool,
    /// Largest piece, in bytes.
    segment: usize,
    /// Bytes read and not yet handed out.
    buffer: Vec<u8>,
    /// Whether a segment was handed out (the file is being streamed).
    streaming: bool,
    eof: bool,
    done: bool,
    /// Totals over the segments handed out, for the last one's message.
    replaced: usize,
    undecodable: usize,
    /// Whether every segment so far decodes cleanly as windows-1253, and whether one has Greek
    /// letters then: together, whether the file reads as windows-1253.
    clean_1253: bool,
    greek_1253: bool,
}

impl TxtReader {
    pub(super) fn new(
        input: Input,
        size_hint: usize,
        sniff: bool,
        origin: Origin,
        options: Arc<ReadOptions>,
        segment: usize,
    ) -> Self {
        TxtReader {
            input,
            origin,
            options,
            size_hint,
            sniff,
            segment: segment.max(super::MIN_SEGMENT_BYTES),
            buffer: Vec::new(),
            streaming: false,
            eof: false,
            done: false,
            replaced: 0,
            undecodable: 0,
            clean_1253: true,
            greek_1253: false,
        }
    }

    /// The next piece of the file: the whole document, or its next segment.
    pub(super) fn next(&mut self) -> Option<Part> {
        if self.done {
            return None;
        }
        let first = !self.streaming && self.buffer.is_empty() && !self.eof;
        if first {
            self.buffer = Vec::with_capacity(self.size_hint.min(self.segment).saturating_add(1));
            if self.sniff {
                let sniffed = (self.input.by_ref())
                    .take(SNIFF_BYTES)
                    .read_to_end(&mut self.buffer);
                if let Err(error) = sniffed {
                    return Some(self.fail(Status::Error, self.origin.file_message(&error)));
                }
                if let Some(message) = document_format(&self.buffer) {
                    return Some(self.fail(Status::Skipped, message.to_string()));
                }
                if looks_binary(&self.buffer) {
                    let message = match utf16_without_bom(&self.buffer) {
                        Some(label) => format!(
                            "binary file, or text in UTF-16 without a byte-order mark: if it is text, rerun with --encoding {label}"
                        ),
                        None => "binary file".to_string(),
                    };
                    return Some(self.fail(Status::Skipped, message));
                }
            }
        }
        if let Err(error) = self.fill() {
            return Some(self.fail(Status::Error, self.origin.file_message(&error)));
        }
        if first && self.buffer.starts_with(b"\xEF\xBB\xBF") {
            self.buffer.drain(..3);
            if let Err(error) = self.fill() {
                return Some(self.fail(Status::Error, self.origin.file_message(&error)));
            }
        }
        if self.eof && !self.streaming {
            self.done = true;
            return Some(Part::Document(self.whole()));
        }
        let last = self.eof;
        let piece = if last {
            self.done = true;
            std::mem::take(&mut self.buffer)
        } else {
            let rest = self.buffer.split_off(cut_point(&self.buffer, self.segment));
            std::mem::replace(&mut self.buffer, rest)
        };
        self.streaming = true;
        Some(Part::Segment {
            raw: self.segment_document(piece, last),
            last,
        })
    }

    /// Reads until the buffer holds more than a segment, or the input ends.
    fn fill(&mut self) -> std::io::Result<()> {
        let want = self
            .segment
            .saturating_add(1)
            .saturating_sub(self.buffer.len());
        if want == 0 || self.eof {
            return Ok(());
        }
        if self.streaming {
            self.buffer.reserve(want);
        }
        let got = (self.input.by_ref())
            .take(want as u64)
            .read_to_end(&mut self.buffer)?;
        self.eof = got < want;
        Ok(())
    }

    /// The file read whole: the buffer becomes the text.
    fn whole(&mut self) -> RawDocument {
        let bytes = std::mem::take(&mut self.buffer);
        let windows_1253 = std::str::from_utf8(&bytes).is_err() && reads_as_windows_1253(&bytes);
        let (text, replaced) = decode_owned(bytes);
        let message = undecodable_note(undecodable_count(&text, &self.options), &self.options)
            .unwrap_or_else(|| replaced_note(replaced, windows_1253));
        let message = self.origin.hinted(message);
        self.document(text, message).skip_if_empty()
    }

    /// A document of this file (or a segment of it) with `text` and `message`, one empty value
    /// per kept field.
    fn document(&self, text: String, message: String) -> RawDocument {
        RawDocument {
            id: self.origin.id.clone(),
            source: self.origin.source.clone(),
            text,
            message,
            ..RawDocument::default()
        }
        .with_fields(self.options.keep_fields.len())
    }

    /// One segment; the last carries the message about the whole file's decoding.
    fn segment_document(&mut self, piece: Vec<u8>, last: bool) -> RawDocument {
        if self.clean_1253 {
            match windows_1253_reading(&piece) {
                Some(greek) => self.greek_1253 |= greek,
                None => self.clean_1253 = false,
            }
        }
        let (text, replaced) = decode_owned(piece);
        self.replaced += replaced;
        self.undecodable += undecodable_count(&text, &self.options);
        let message = if last {
            let windows_1253 = self.replaced > 0 && self.clean_1253 && self.greek_1253;
            let note = undecodable_note(self.undecodable, &self.options)
                .unwrap_or_else(|| replaced_note(self.replaced, windows_1253));
            self.origin.hinted(note)
        } else {
            String::new()
        };
        self.document(text, message)
    }

    /// Ends the file with a document saying why it could not be read (the last segment, when
    /// segments were handed out already: their text stays processed).
    fn fail(&mut self, status: Status, message: String) -> Part {
        self.done = true;
        self.buffer = Vec::new();
        let raw = self.origin.failure(status, message, &self.options);
        if self.streaming {
            Part::Segment { raw, last: true }
        } else {
            Part::Document(raw)
        }
    }
}

/// Where to cut a buffer longer than `max` bytes so the piece before is at most `max` bytes:
/// after the last of the [`CUTS`] separators found in `max/2..max`, else before the last byte at
/// or below `max` that starts a UTF-8 character (a cut there decodes as the whole would).
fn cut_point(bytes: &[u8], max: usize) -> usize {
    let low = max / 2;
    let window = &bytes[low..max];
    for separator in CUTS {
        if let Some(i) = window
            .windows(separator.len())
            .rposition(|candidate| candidate == separator)
        {
            return low + i + separator.len();
        }
    }
    let is_continuation = |byte: u8| byte & 0xC0 == 0x80;
    (max.saturating_sub(3)..=max)
        .rev()
        .find(|&i| i > 0 && !is_continuation(bytes[i]))
        .unwrap_or(max)
}

/// Whether the start of a file looks like binary data rather than text: it has a NUL byte, or
/// more than a tenth of its bytes are suspect. Suspect bytes are control characters other than
/// whitespace and escape, and bytes of invalid UTF-8 below 0xA0. Invalid bytes from 0xA0 up are
/// letters in the legacy 8-bit encodings (ISO-8859-7, Windows-1253), so a Greek text in such an
/// encoding still counts as text and is read lossily with a warning.
/// The skip message for a file in a document format elpipe does not read as text, by its first
/// bytes (its "magic number"): a PDF, or a ZIP archive (`.docx`, `.xlsx`, `.odt` and `.epub`
/// files are ZIP archives). `None` for anything else.
pub(super) fn document_format(sample: &[u8]) -> Option<&'static str> {
    if sample.starts_with(b"%PDF-") {
        Some("PDF file: elpipe reads plain text; extract the text first (e.g. `pdftotext FILE.pdf`) and run elpipe on the .txt")
    } else if sample.starts_with(b"PK\x03\x04") {
        Some("ZIP archive (a .docx, .xlsx or .odt file is one): save the document as plain text (.txt) or CSV first")
    } else if sample.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("Microsoft Office file (.doc or .xls): save it as plain text (.txt) or CSV first")
    } else {
        None
    }
}

/// `utf-16le` or `utf-16be` when `sample` reads as text in that encoding without its
/// byte-order mark: most code units of Greek or Latin text have a zero high byte (Latin) or the
/// byte 0x03 (Greek and Coptic, U+0370–U+03FF), always on the same side of the pair.
pub(super) fn utf16_without_bom(sample: &[u8]) -> Option<&'static str> {
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let high = |offset: usize| {
        (sample.chunks_exact(2))
            .filter(|pair| matches!(pair[offset], 0x00 | 0x03) && pair[1 - offset] != 0)
            .count()
    };
    // Share of pairs that look like text for the label to be named: low enough for Greek text
    // with digits and punctuation, far above what binary data gives.
    const SHARE_PERCENT: usize = 80;
    if high(1) * 100 >= pairs * SHARE_PERCENT {
        Some("utf-16le")
    } else if high(0) * 100 >= pairs * SHARE_PERCENT {
        Some("utf-16be")
    } else {
        None
    }
}

pub(super) fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let is_control = |byte: &u8| matches!(byte, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F);
    let mut suspect = 0;
    for chunk in sample.utf8_chunks() {
        suspect += chunk.valid().bytes().filter(is_control).count();
        suspect += chunk.invalid().iter().filter(|&&byte| byte < 0xA0).count();
    }
    suspect * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_that_are_not_text_are_named_by_their_format() {
        assert!(document_format(b"%PDF-1.7\n%\xE2\xE3")
            .unwrap()
            .contains("pdftotext"));
        assert!(document_format(b"PK\x03\x04\x14\x00")
            .unwrap()
            .contains(".docx"));
        assert!(document_format(b"\xD0\xCF\x11\xE0\xA1\xB1")
            .unwrap()
            .contains(".doc "));
        assert_eq!(document_format("Η Ελένη %PDF-".as_bytes()), None);
        assert_eq!(document_format(b"PK is text"), None);
    }

    #[test]
    fn utf16_without_its_mark_is_named_with_the_label_that_reads_it() {
        let text = "Ο Νίκος Λιάπης ήρθε στην Αθήνα, 14/03/2025.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_without_bom(&le), Some("utf-16le"));
        assert_eq!(utf16_without_bom(&be), Some("utf-16be"));
        let latin: Vec<u8> = "id,text\n1,hello world\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_without_bom(&latin), Some("utf-16le"));
        // binary data and UTF-8 are not UTF-16
        let binary: Vec<u8> = (0..=255u8).cycle().take(512).collect();
        assert_eq!(utf16_without_bom(&binary), None);
        assert_eq!(utf16_without_bom(text.as_bytes()), None);
        assert_eq!(utf16_without_bom(&le[..6]), None);
    }
    use std::io::Cursor;

    fn origin() -> Origin {
        Origin::new("notes.txt".to_string(), "corpus/notes.txt".to_string())
    }

    /// Reads a file the way [`super::super::Documents`] does: segments joined into one.
    fn read_in_segments(
        input: Input,
        size_hint: usize,
        sniff: bool,
        origin: &Origin,
        options: &ReadOptions,
        segment: usize,
    ) -> (RawDocument, Vec<Part>) {
        let options = Arc::new(options.clone());
        let mut reader = TxtReader::new(input, size_hint, sniff, origin.clone(), options, segment);
        let parts: Vec<Part> = std::iter::from_fn(|| reader.next()).collect();
        let mut pieces = parts.clone().into_iter();
        let document = match pieces.next().expect("a txt file gives a part") {
            Part::Document(document) => document,
            Part::Segment { raw, last } => super::super::join(raw, last, || pieces.next()),
        };
        (document, parts)
    }

    fn read(
        input: Input,
        size_hint: usize,
        sniff: bool,
        origin: &Origin,
        options: &ReadOptions,
    ) -> RawDocument {
        let segment = super::super::DEFAULT_SEGMENT_BYTES;
        read_in_segments(input, size_hint, sniff, origin, options, segment).0
    }

    fn read_bytes(bytes: &[u8], sniff: bool) -> RawDocument {
        let input: Input = Box::new(Cursor::new(bytes.to_vec()));
        read(input, 0, sniff, &origin(), &ReadOptions::default())
    }

    #[test]
    fn whole_file_is_one_document_named_by_origin() {
        let document = read_bytes(
            "Η Αθήνα είναι μεγάλη.\n\nΚαι η Θεσσαλονίκη.\n".as_bytes(),
            false,
        );
        assert_eq!(document.id, "notes.txt");
        assert_eq!(document.source, "corpus/notes.txt");
        assert_eq!(
            document.text,
            "Η Αθήνα είναι μεγάλη.\n\nΚαι η Θεσσαλονίκη.\n"
        );
        assert_eq!(document.status, Status::Ok);
        assert_eq!(document.message, "");
        assert_eq!(document.pretokenized, None);
    }

    #[test]
    fn leading_byte_order_mark_is_removed() {
        let document = read_bytes("\u{FEFF}Καλημέρα".as_bytes(), false);
        assert_eq!(document.text, "Καλημέρα");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted_but_stays_ok() {
        let mut bytes = "Γεια ".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xFF, 0xFE]);
        bytes.extend_from_slice(" σου".as_bytes());
        bytes.push(0xC3); // truncated two-byte sequence at the end
        let document = read_bytes(&bytes, false);
        assert_eq!(document.status, Status::Ok);
        assert_eq!(document.text, "Γεια \u{FFFD}\u{FFFD} σου\u{FFFD}");
        assert_eq!(document.text, String::from_utf8_lossy(&bytes));
        assert_eq!(document.message, "invalid UTF-8: 3 bytes replaced");
    }

    #[test]
    fn empty_and_whitespace_only_files_are_skipped() {
        for bytes in [&b""[..], b"  \n\t\r\n", b"\xEF\xBB\xBF \n"] {
            let document = read_bytes(bytes, false);
            assert_eq!(document.status, Status::Skipped, "{bytes:?}");
            assert_eq!(document.message, "empty document");
        }
    }

    #[test]
    fn metadata_has_one_empty_value_per_kept_field() {
        let options = ReadOptions {
            keep_fields: vec!["date".to_string(), "site".to_string()],
            ..ReadOptions::default()
        };
        let input: Input = Box::new(Cursor::new(b"keimeno".to_vec()));
        let document = read(input, 7, false, &origin(), &options);
        assert_eq!(document.metadata, vec![String::new(), String::new()]);
    }

    #[test]
    fn sniffed_binary_file_is_skipped() {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        png.extend(std::iter::repeat_n(0xAB, 20_000));
        let document = read_bytes(&png, true);
        assert_eq!(document.status, Status::Skipped);
        assert_eq!(document.message, "binary file");
        assert_eq!(document.text, "");
        // Named explicitly (no sniffing), the same bytes are read as text.
        assert_eq!(read_bytes(&png, false).status, Status::Ok);
    }

    #[test]
    fn sniffed_text_is_read_whole_beyond_the_sample() {
        let text = "Ο καιρός σήμερα είναι ήπιος. ".repeat(1000);
        assert!(text.len() > SNIFF_BYTES as usize);
        let document = read_bytes(text.as_bytes(), true);
        assert_eq!(document.status, Status::Ok);
        assert_eq!(document.text, text);
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\x00def"));
        // Control characters without NULs.
        assert!(looks_binary(&[
            0x01, 0x02, 0x03, b'a', b'b', 0x90, 0x85, b'c'
        ]));
        // Plain and UTF-8 Greek text.
        assert!(!looks_binary(
            "Μια απλή πρόταση.\r\n\tΔεύτερη γραμμή.\x0c".as_bytes()
        ));
        // ISO-8859-7 Greek ("Καλημέρα κόσμε") is invalid UTF-8 but text.
        let iso_8859_7 = b"\xCA\xE1\xEB\xE7\xEC\xDD\xF1\xE1 \xEA\xFC\xF3\xEC\xE5";
        assert!(!looks_binary(iso_8859_7));
        // A multibyte character cut by the sample boundary is not held against the sample.
        let mut cut = "αβγδεζηθικλμνξοπρστυφχψω".as_bytes().to_vec();
        cut.push(0xCE);
        assert!(!looks_binary(&cut));
        assert!(!looks_binary(b""));
    }

    #[test]
    #[ignore = "writes and reads a 200 MB file; run with --ignored"]
    fn two_hundred_megabyte_file() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let mut file = std::fs::File::create(&path).unwrap();
        let chunk = "Μεγάλο αρχείο κειμένου. ".repeat(1 << 16);
        let chunks = (200 << 20) / chunk.len();
        for _ in 0..chunks {
            file.write_all(chunk.as_bytes()).unwrap();
        }
        drop(file);
        let documents: Vec<RawDocument> =
            super::super::documents(&[path], &ReadOptions::default()).collect();
        assert_eq!(documents[0].text.len(), chunks * chunk.len());
        assert_eq!(documents[0].status, Status::Ok);
    }

    /// Text-like bytes: Greek and Latin words, spaces, line and paragraph breaks, sentence
    /// ends, invalid UTF-8, windows-1253 letters, and sometimes a byte-order mark first.
    fn texty_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("λέξη".as_bytes().to_vec()),
            Just("Αθήνα".as_bytes().to_vec()),
            Just(b"word".to_vec()),
            Just(b" ".to_vec()),
            Just(b". ".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\n\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\xFF".to_vec()),
            Just(b"\xE1\xE8\xDE\xED\xE1".to_vec()),
            Just(b"\xCE".to_vec()),
        ];
        (any::<bool>(), proptest::collection::vec(piece, 0..120)).prop_map(|(bom, pieces)| {
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(pieces.concat());
            bytes
        })
    }

    proptest::proptest! {
        #[test]
        fn segments_joined_are_the_document_read_whole(
            bytes in texty_bytes(),
            segment in 64usize..200,
        ) {
            let input = |bytes: &[u8]| -> Input { Box::new(Cursor::new(bytes.to_vec())) };
            let options = ReadOptions::default();
            let whole = read(input(&bytes), 0, true, &origin(), &options);
            let (joined, parts) =
                read_in_segments(input(&bytes), 0, true, &origin(), &options, segment);
            proptest::prop_assert_eq!(&joined.text, &whole.text);
            proptest::prop_assert_eq!(&joined.message, &whole.message);
            proptest::prop_assert_eq!(joined.status, whole.status);
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).len();
            proptest::prop_assert_eq!(parts.len() > 1, body > segment);
            for (i, part) in parts.iter().enumerate() {
                match part {
                    Part::Document(_) => proptest::prop_assert_eq!(parts.len(), 1),
                    Part::Segment { raw, last } => {
                        proptest::prop_assert_eq!(*last, i + 1 == parts.len());
                        // Replacement characters may take more bytes than what they replace.
                        let bytes: usize = raw.text.chars().map(|c| match c {
                            char::REPLACEMENT_CHARACTER => 1,
                            c => c.len_utf8(),
                        }).sum();
                        proptest::prop_assert!(bytes <= segment, "{} > {}", bytes, segment);
                        proptest::prop_assert!(*last || raw.message.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_file_is_cut_after_paragraph_breaks_when_it_has_them() {
        let text = "Πρώτη πρόταση εδώ. Δεύτερη πρόταση εκεί.\nΤρίτη.\n\n".repeat(200);
        let input: Input = Box::new(Cursor::new(text.as_bytes().to_vec()));
        let (document, parts) =
            read_in_segments(input, 0, true, &origin(), &ReadOptions::default(), 1000);
        assert_eq!(document.text, text);
        assert!(parts.len() > 10);
        for part in &parts[..parts.len() - 1] {
            let Part::Segment { raw, last: false } = part else {
                panic!("{part:?}");
            };
            assert!(raw.text.ends_with(".\n\n") && raw.text.len() <= 1000);
        }
    }

    #[test]
    fn read_error_yields_error_document_naming_the_file() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        let input: Input = Box::new(std::io::BufReader::new(Failing));
        let document = read(input, 0, false, &origin(), &ReadOptions::default());
        assert_eq!(document.status, Status::Error);
        assert_eq!(document.message, "corpus/notes.txt: disk on fire");
        assert_eq!(document.id, "notes.txt");
    }
}
