//! Language identification with whatlang, on a bounded prefix of the text.

use crate::Language;

/// How much of a document is looked at: enough for a confident guess, and constant, so a
/// 200 MB document costs no more than a short one.
const PREFIX_BYTES: usize = 3 * 1024;

/// Detects the language of `text` with whatlang. The code is ISO 639-3 (`ell` for Greek);
/// `""` and confidence 0.0 when it cannot be determined (empty text, digits only …).
pub fn detect(text: &str) -> Language {
    let mut end = text.len().min(PREFIX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match whatlang::detect(&text[..end]) {
        Some(info) => Language {
            code: info.lang().code(),
            confidence: info.confidence(),
        },
        None => Language::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_is_detected_as_ell() {
        let lang =
            detect("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών.");
        assert_eq!(lang.code, "ell");
        assert!(lang.confidence > 0.5, "{lang:?}");
    }

    #[test]
    fn english_is_detected_as_eng() {
        let lang = detect("The government announced new measures to support households today.");
        assert_eq!(lang.code, "eng");
    }

    #[test]
    fn undetermined_text_gives_empty_code() {
        assert_eq!(detect(""), Language::default());
        assert_eq!(detect("12345 678"), Language::default());
    }

    #[test]
    fn only_a_prefix_is_read() {
        // a Greek opening decides, however much English follows; the cut lands inside a letter
        let mut text = String::from("x");
        while text.len() < PREFIX_BYTES + 10 {
            text.push_str("Οι πολίτες ψηφίζουν την Κυριακή στις εκλογές. ");
        }
        text.push_str(&"The rest of this document is written in English. ".repeat(1000));
        assert_eq!(detect(&text).code, "ell");
    }
}
