#![no_main]
//! A whole document through every stage: no panic; token and entity offsets slice the text
//! back (code points), ordered; the tables render.

use std::sync::OnceLock;

use elpipe::{Pipeline, RawDocument};
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::greek().expect("the shipped model loads"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = pipeline().process(RawDocument {
        id: "fuzz".into(),
        text,
        ..RawDocument::default()
    });
    let chars: Vec<char> = doc.text.chars().collect();
    let mut previous_end = 0;
    for t in &doc.tokens {
        assert!(t.start >= previous_end && t.end > t.start && t.end <= chars.len());
        let slice: String = chars[t.start..t.end].iter().collect();
        assert_eq!(slice, t.text(&doc.text));
        previous_end = t.end;
    }
    for e in &doc.entities {
        let slice: String = chars[e.start..e.end].iter().collect();
        assert_eq!(slice, e.text);
        assert!(!e.canonical.is_empty());
    }
    let mut w = elpipe::tables::csv_buffer();
    elpipe::tables::tokens::render(&doc, 0, &mut w).expect("tokens render");
});
