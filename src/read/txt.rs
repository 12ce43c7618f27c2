//! Plain text: each file is one document.

use std::io::Read;

use super::{
    decode_owned, reads_as_windows_1253, replaced_note, undecodable_message, Input, Origin,
    ReadOptions,
};
use crate::{RawDocument, Status};

/// How much of a file of unknown type is looked at to decide whether it is text.
const SNIFF_BYTES: u64 = 8 * 1024;

/// Reads the whole input as one document. The file is read once into one buffer, which
/// becomes the document's text without a copy when it is valid UTF-8. With `sniff`, a file
/// whose first 8 KB look binary is skipped without reading the rest.
pub(super) fn read(
    mut input: Input,
    size_hint: usize,
    sniff: bool,
    origin: &Origin,
    options: &ReadOptions,
) -> RawDocument {
    let mut bytes = Vec::with_capacity(size_hint.saturating_add(1));
    if sniff {
        if let Err(error) = input.by_ref().take(SNIFF_BYTES).read_to_end(&mut bytes) {
            return origin.failure(Status::Error, origin.file_message(&error), options);
        }
        if looks_binary(&bytes) {
            return origin.failure(Status::Skipped, "binary file".to_string(), options);
        }
    }
    if let Err(error) = input.read_to_end(&mut bytes) {
        return origin.failure(Status::Error, origin.file_message(&error), options);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let windows_1253 = std::str::from_utf8(&bytes).is_err() && reads_as_windows_1253(&bytes);
    let (text, replaced) = decode_owned(bytes);
    let message = undecodable_message(&text, options)
        .unwrap_or_else(|| replaced_note(replaced, windows_1253));
    RawDocument {
        id: origin.id.clone(),
        source: origin.source.clone(),
        text,
        message,
        ..RawDocument::default()
    }
    .with_fields(options.keep_fields.len())
    .skip_if_empty()
}

/// Whether the start of a file looks like binary data rather than text: it has a NUL byte, or
/// more than a tenth of its bytes are suspect. Suspect bytes are control characters other than
/// whitespace and escape, and bytes of invalid UTF-8 below 0xA0. Invalid bytes from 0xA0 up are
/// letters in the legacy 8-bit encodings (ISO-8859-7, Windows-1253), so a Greek text in such an
/// encoding still counts as text and is read lossily with a warning.
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
    use std::io::Cursor;

    fn origin() -> Origin {
        Origin::new("notes.txt".to_string(), "corpus/notes.txt".to_string())
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
