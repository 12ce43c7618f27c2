//! JSON Lines: one JSON object per line, one document per non-blank line.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::{
    decode, read_capped_line, replaced_message, strip_bom, too_long, undecodable_message, Input,
    Line, Origin, ReadOptions,
};
use crate::{RawDocument, Status};

/// A line buffer that grew past this is released after use, so one huge line does not pin its
/// memory for the rest of the file.
const KEEP_BUFFER: usize = 1 << 20;

pub(super) struct JsonlReader {
    input: Input,
    origin: Origin,
    options: Arc<ReadOptions>,
    /// Reused for every line.
    buffer: Vec<u8>,
    line: u64,
    done: bool,
}

impl JsonlReader {
    pub(super) fn new(input: Input, origin: Origin, options: Arc<ReadOptions>) -> Self {
        JsonlReader {
            input,
            origin,
            options,
            buffer: Vec::new(),
            line: 0,
            done: false,
        }
    }

    pub(super) fn next(&mut self) -> Option<RawDocument> {
        while !self.done {
            let cap = self.options.max_record_size;
            match read_capped_line(&mut self.input, &mut self.buffer, cap) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong { bytes }) => {
                    self.line += 1;
                    let line = self.line;
                    let detail = too_long(bytes, cap);
                    let document = RawDocument {
                        id: self.origin.id_at(line),
                        source: self.origin.source_at(line),
                        status: Status::Error,
                        message: self.origin.line_message(line, &detail),
                        ..RawDocument::default()
                    };
                    return Some(document.with_fields(self.options.keep_fields.len()));
                }
                Ok(Line::Complete) => {
                    self.line += 1;
                    let mut line = self.buffer.as_slice();
                    line = line.strip_suffix(b"\r").unwrap_or(line);
                    if self.line == 1 {
                        line = strip_bom(line);
                    }
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        let document = parse_line(line, self.line, &self.origin, &self.options);
                        if self.buffer.capacity() > KEEP_BUFFER {
                            self.buffer = Vec::new();
                        }
                        return Some(document);
                    }
                }
                Err(error) => {
                    self.done = true;
                    let line = self.line + 1;
                    let document = RawDocument {
                        id: self.origin.id_at(line),
                        source: self.origin.source_at(line),
                        status: Status::Error,
                        message: self.origin.line_message(line, &error),
                        ..RawDocument::default()
                    };
                    return Some(document.with_fields(self.options.keep_fields.len()));
                }
            }
        }
        None
    }
}

/// One non-blank line as a document; every failure becomes an `error` document.
fn parse_line(line: &[u8], number: u64, origin: &Origin, options: &ReadOptions) -> RawDocument {
    let mut document = RawDocument {
        id: origin.id_at(number),
        source: origin.source_at(number),
        ..RawDocument::default()
    }
    .with_fields(options.keep_fields.len());
    // a file in another format (a JSON array, CSV) is not read in pieces: a line of it that
    // parses would be a fragment
    if origin.hint.is_some() {
        return fail(document, origin.line_message(number, &""));
    }
    let (text, replaced) = decode(line);
    let mut object = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            let detail = format!("expected a JSON object, found {}", kind_of(&other));
            return fail(document, origin.line_message(number, &detail));
        }
        Err(error) => {
            let detail = format!("invalid JSON: {error}");
            return fail(document, origin.line_message(number, &detail));
        }
    };
    drop(text);
    if let Some(id) = field(&object, &options.id_field).and_then(field_text) {
        document.id = id;
    }
    document.metadata = keep_fields(&object, &options.keep_fields);
    match take_field(&mut object, &options.text_field) {
        Some(Value::String(text)) => {
            document.message = undecodable_message(&text, options)
                .unwrap_or_else(|| replaced_message(line, replaced));
            document.text = text;
            document.skip_if_empty()
        }
        Some(other) => {
            let detail = format!(
                "text field `{}` is not a string but {}",
                options.text_field,
                kind_of(&other)
            );
            fail(document, origin.line_message(number, &detail))
        }
        None => {
            let names: Vec<&str> = object.keys().map(String::as_str).collect();
            let mut detail = super::missing_text_field(&options.text_field, &names);
            if let Some(path) = nested_text_path(&object) {
                detail.push_str(&format!(
                    "; fields inside fields are named with dots, e.g. --text-field {path}"
                ));
            }
            fail(document, origin.line_message(number, &detail))
        }
    }
}

/// The value of the field `name` of a record: its key `name`, or, when it has none and `name`
/// has dots, the value at that path through nested objects and arrays («user.name»,
/// «entities.0.text»), as the exports of social-media APIs nest them.
pub(super) fn field<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(value) = object.get(name) {
        return Some(value);
    }
    let (first, rest) = name.split_once('.')?;
    let mut value = object.get(first)?;
    for step in rest.split('.') {
        value = match value {
            Value::Object(map) => map.get(step)?,
            Value::Array(items) => items.get(step.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// [`field`], taking the value out of the record (the text need not be copied).
fn take_field(object: &mut Map<String, Value>, name: &str) -> Option<Value> {
    if let Some(value) = object.remove(name) {
        return Some(value);
    }
    let (first, rest) = name.split_once('.')?;
    let mut value = object.get_mut(first)?;
    for step in rest.split('.') {
        value = match value {
            Value::Object(map) => map.get_mut(step)?,
            Value::Array(items) => items.get_mut(step.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value.take())
}

/// Names a text field may have in an export, for [`nested_text_path`].
const TEXT_NAMES: [&str; 6] = [
    "text",
    "full_text",
    "body",
    "content",
    "message",
    "selftext",
];

/// The dotted path of a string field inside an object field of `object` whose name is one of
/// [`TEXT_NAMES`] (searched breadth-first, two levels down at most), for the message about a
/// missing text field.
fn nested_text_path(object: &Map<String, Value>) -> Option<String> {
    let mut level: Vec<(String, &Map<String, Value>)> = object
        .iter()
        .filter_map(|(key, value)| value.as_object().map(|inner| (key.clone(), inner)))
        .collect();
    for _ in 0..2 {
        for (path, inner) in &level {
            for name in TEXT_NAMES {
                if inner.get(name).is_some_and(Value::is_string) {
                    return Some(format!("{path}.{name}"));
                }
            }
        }
        level = level
            .iter()
            .flat_map(|(path, inner)| {
                inner.iter().filter_map(move |(key, value)| {
                    value
                        .as_object()
                        .map(|deeper| (format!("{path}.{key}"), deeper))
                })
            })
            .collect();
    }
    None
}

fn fail(mut document: RawDocument, message: String) -> RawDocument {
    document.status = Status::Error;
    document.message = message;
    document
}

/// A field's value as text: strings as they are, other values as their JSON text; `None` for
/// null and the empty string, which cannot serve as an id.
fn field_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) if text.is_empty() => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// The `--keep-fields` values in the order named (dotted paths reach inside fields, see
/// [`field`]); missing and null fields are empty.
fn keep_fields(object: &Map<String, Value>, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|name| field(object, name).and_then(field_text).unwrap_or_default())
        .collect()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read_with(bytes: &[u8], options: ReadOptions) -> Vec<RawDocument> {
        let input: Input = Box::new(Cursor::new(bytes.to_vec()));
        let origin = Origin::new("corpus.jsonl".to_string(), "data/corpus.jsonl".to_string());
        let mut reader = JsonlReader::new(input, origin, Arc::new(options));
        std::iter::from_fn(|| reader.next()).collect()
    }

    fn read(bytes: &[u8]) -> Vec<RawDocument> {
        read_with(bytes, ReadOptions::default())
    }

    #[test]
    fn one_document_per_line_with_id_text_and_line_source() {
        let input =
            "{\"id\":\"a1\",\"text\":\"Ο Νίκος έφυγε.\"}\n{\"id\":42,\"text\":\"Η Μαρία ήρθε.\"}\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].id, "a1");
        assert_eq!(documents[0].text, "Ο Νίκος έφυγε.");
        assert_eq!(documents[0].source, "data/corpus.jsonl:1");
        assert_eq!(documents[0].status, Status::Ok);
        assert_eq!(documents[1].id, "42");
        assert_eq!(documents[1].source, "data/corpus.jsonl:2");
    }

    #[test]
    fn missing_null_or_empty_id_falls_back_to_file_and_line() {
        let input = "{\"text\":\"α\"}\n{\"id\":null,\"text\":\"β\"}\n{\"id\":\"\",\"text\":\"γ\"}\n{\"id\":1.5,\"text\":\"δ\"}";
        let ids: Vec<String> = read(input.as_bytes()).into_iter().map(|d| d.id).collect();
        assert_eq!(
            ids,
            ["corpus.jsonl:1", "corpus.jsonl:2", "corpus.jsonl:3", "1.5"]
        );
    }

    #[test]
    fn custom_fields_and_kept_metadata_in_named_order() {
        let options = ReadOptions {
            text_field: "body".to_string(),
            id_field: "url".to_string(),
            keep_fields: ["site", "views", "paid", "editor", "absent", "tags"]
                .map(String::from)
                .to_vec(),
            ..ReadOptions::default()
        };
        let input = r#"{"tags":["α","β"],"editor":null,"paid":false,"views":120,"site":"Καθημερινή","url":"u/1","body":"Κείμενο."}"#;
        let documents = read_with(input.as_bytes(), options);
        assert_eq!(documents[0].id, "u/1");
        assert_eq!(documents[0].text, "Κείμενο.");
        assert_eq!(
            documents[0].metadata,
            ["Καθημερινή", "120", "false", "", "", r#"["α","β"]"#]
        );
    }

    #[test]
    fn malformed_line_is_an_error_naming_file_and_line_and_reading_continues() {
        let input = "{\"text\":\"πρώτο\"}\n{\"text\": \"σπασμένο\n{\"text\":\"τρίτο\"}\n";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 3);
        assert_eq!(documents[1].status, Status::Error);
        assert_eq!(documents[1].id, "corpus.jsonl:2");
        assert!(
            documents[1]
                .message
                .starts_with("data/corpus.jsonl:2: invalid JSON: "),
            "{}",
            documents[1].message
        );
        assert_eq!(documents[2].status, Status::Ok);
        assert_eq!(documents[2].text, "τρίτο");
    }

    #[test]
    fn missing_or_non_string_text_field_is_an_error() {
        let options = ReadOptions {
            keep_fields: vec!["site".to_string()],
            ..ReadOptions::default()
        };
        let input = "{\"id\":\"x\",\"site\":\"s\"}\n{\"text\":17}\n[1,2]\n";
        let documents = read_with(input.as_bytes(), options);
        assert_eq!(documents[0].status, Status::Error);
        assert_eq!(
            documents[0].message,
            "data/corpus.jsonl:1: missing text field `text` (fields present: id, site; \
             name the text field with --text-field NAME)"
        );
        assert_eq!(documents[0].id, "x");
        assert_eq!(documents[0].metadata, ["s"]);
        assert_eq!(documents[1].status, Status::Error);
        assert_eq!(
            documents[1].message,
            "data/corpus.jsonl:2: text field `text` is not a string but a number"
        );
        assert_eq!(documents[1].metadata, [""]);
        assert_eq!(
            documents[2].message,
            "data/corpus.jsonl:3: expected a JSON object, found an array"
        );
    }

    #[test]
    fn blank_lines_are_not_documents_but_count_for_line_numbers() {
        let input = "\n{\"text\":\"α\"}\r\n  \t\r\n\n{\"text\":\"β\"}";
        let documents = read(input.as_bytes());
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].source, "data/corpus.jsonl:2");
        assert_eq!(documents[0].text, "α");
        assert_eq!(documents[1].source, "data/corpus.jsonl:5");
    }

    #[test]
    fn empty_text_is_skipped() {
        let documents = read(b"{\"text\":\"  \"}");
        assert_eq!(documents[0].status, Status::Skipped);
        assert_eq!(documents[0].message, "empty document");
    }

    #[test]
    fn bom_on_first_line_and_invalid_utf8_inside_a_line() {
        let mut input = b"\xEF\xBB\xBF{\"text\":\"a\xFFb\"}\n".to_vec();
        input.extend_from_slice("{\"text\":\"ok\"}".as_bytes());
        let documents = read(&input);
        assert_eq!(documents[0].status, Status::Ok);
        assert_eq!(documents[0].text, "a\u{FFFD}b");
        assert_eq!(documents[0].message, "invalid UTF-8: 1 bytes replaced");
        assert_eq!(documents[1].message, "");
    }

    #[test]
    fn very_long_line_is_read_whole() {
        let text = "λέξη ".repeat(4 << 20); // 40 MB of text on one line
        let mut input = format!("{{\"id\":\"big\",\"text\":\"{text}\"}}\n").into_bytes();
        input.extend_from_slice(b"{\"text\":\"small\"}\n");
        let documents = read(&input);
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].text.len(), text.len());
        assert_eq!(documents[1].text, "small");
    }

    #[test]
    #[ignore = "allocates several hundred MB; run with --ignored"]
    fn hundred_megabyte_line() {
        let text = "σ".repeat(50 << 20); // 100 MiB
        let line = format!("{{\"text\":\"{text}\"}}\n{{\"text\":\"τέλος\"}}\n").into_bytes();
        drop(text);
        let input: Input = Box::new(std::io::BufReader::new(Cursor::new(line)));
        let origin = Origin::new("big.jsonl".to_string(), "big.jsonl".to_string());
        let mut reader = JsonlReader::new(input, origin, Arc::new(ReadOptions::default()));
        let first = reader.next().unwrap();
        assert_eq!((first.status, first.text.len()), (Status::Ok, 100 << 20));
        assert_eq!(reader.next().unwrap().text, "τέλος");
    }

    #[test]
    fn dotted_field_names_reach_inside_nested_objects_and_arrays() {
        let input = "{\"data\":{\"id\":\"t9\",\"text\":\"Η Ελένη έφτασε.\"},\
                     \"user\":{\"name\":\"eleni\",\"tags\":[\"α\",\"β\"]}}\n";
        let options = ReadOptions {
            text_field: "data.text".to_string(),
            id_field: "data.id".to_string(),
            keep_fields: vec!["user.name".to_string(), "user.tags.1".to_string()],
            ..ReadOptions::default()
        };
        let documents = read_with(input.as_bytes(), options);
        assert_eq!(documents[0].status, Status::Ok, "{:?}", documents[0]);
        assert_eq!(documents[0].id, "t9");
        assert_eq!(documents[0].text, "Η Ελένη έφτασε.");
        assert_eq!(documents[0].metadata, ["eleni", "β"]);
        // a key with a dot in its name is read as it is
        let flat = read_with(
            "{\"a.b\":\"Κείμενο.\"}".as_bytes(),
            ReadOptions {
                text_field: "a.b".to_string(),
                ..ReadOptions::default()
            },
        );
        assert_eq!(flat[0].text, "Κείμενο.");
        // without the path, the message shows how to name it
        let missing = read(input.as_bytes());
        assert_eq!(missing[0].status, Status::Error);
        assert!(
            missing[0].message.contains("--text-field data.text"),
            "{}",
            missing[0].message
        );
    }
}
