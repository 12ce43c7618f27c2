//! Shared by the reader fuzz targets: writes the input to a file and reads it back through the
//! public reader, checking the invariants every document must keep.

use elpipe::read::{documents, Format, ReadOptions};
use elpipe::Status;

pub fn read_as(data: &[u8], file_name: &str, format: Format) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(file_name);
    std::fs::write(&path, data).expect("write input");
    let options = ReadOptions {
        format,
        keep_fields: vec!["date".into(), "source".into()],
        ..ReadOptions::default()
    };
    for doc in documents(&[path], &options) {
        assert_eq!(doc.metadata.len(), 2, "one value per kept field");
        assert!(!doc.source.is_empty());
        if doc.status != Status::Ok {
            assert!(!doc.message.is_empty(), "a non-ok document says why");
        }
        if let Some(sentences) = &doc.pretokenized {
            for span in sentences.iter().flatten() {
                assert!(span.start < span.end && span.end <= doc.text.len());
                assert!(doc.text.is_char_boundary(span.start));
                assert!(doc.text.is_char_boundary(span.end));
            }
        }
    }
}
