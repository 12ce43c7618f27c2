#![no_main]
//! normalize_text and norm on arbitrary text: no panic, idempotent, offsets map back.

use elpipe::normalize::{norm, normalize_text};
use elpipe::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let normalized = normalize_text(text);
    let once = normalized.as_str();
    assert_eq!(normalize_text(once).as_str(), once, "normalizing twice changes nothing");
    let whole = normalized.to_original(Span { start: 0, end: once.len() });
    assert!(whole.start <= whole.end && whole.end <= text.len());
    assert!(text.is_char_boundary(whole.start) && text.is_char_boundary(whole.end));
    for word in text.split_whitespace().take(64) {
        let n = norm(word);
        assert_eq!(norm(&n), n, "norm is idempotent");
    }
});
