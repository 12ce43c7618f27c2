#![no_main]
//! The tokenizer on arbitrary text: spans ordered, non-overlapping, non-empty, on char
//! boundaries, free of whitespace; sentences numbered without gaps.

use elpipe::tokenize::tokenize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut previous_end = 0;
    let mut previous_sentence = 0;
    for (i, t) in tokenize(text).iter().enumerate() {
        assert!(t.span.start >= previous_end && t.span.end > t.span.start);
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(!text[t.span.start..t.span.end].chars().any(char::is_whitespace));
        if i == 0 {
            assert_eq!(t.sentence, 0);
        } else {
            assert!(t.sentence == previous_sentence || t.sentence == previous_sentence + 1);
        }
        previous_end = t.span.end;
        previous_sentence = t.sentence;
    }
});
