//! JSON Lines: one JSON object per line, one document per non-blank line; and a file that is
//! one JSON array of such objects, one document per element.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::{
    decode, read_capped_line, replaced_message, shape, strip_bom, too_long, undecodable_message,
    Input, Line, Origin, ReadOptions,
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
    /// Set when the file is one JSON array of records rather than JSON Lines.
    array: Option<ArrayElements>,
}

impl JsonlReader {
    /// A reader of JSON Lines, or of one JSON array of records when the file's first
    /// non-blank character is `[` (see [`ArrayElements`]).
    pub(super) fn new(mut input: Input, origin: Origin, options: Arc<ReadOptions>) -> Self {
        let array = matches!(
            input.fill_buf().map(|start| shape::shape_of(start).0),
            Ok(shape::Shape::JsonArray)
        );
        JsonlReader {
            input,
            origin,
            options,
            buffer: Vec::new(),
            line: 0,
            done: false,
            array: array.then(ArrayElements::default),
        }
    }

    pub(super) fn next(&mut self) -> Option<RawDocument> {
        if self.array.is_some() {
            return self.next_element();
        }
        while !self.done {
            let cap = self.options.max_record_size;
            match read_capped_line(&mut self.input, &mut self.buffer, cap) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong { bytes }) => {
                    self.line += 1;
                    let line = self.line;
                    let detail = too_long(bytes, cap);
                    return Some(failure_at(&self.origin, &self.options, line, &detail));
                }
                Ok(Line::Complete) => {
                    self.line += 1;
                    let mut line = self.buffer.as_slice();
                    line = line.strip_suffix(b"\r").unwrap_or(line);
                    if self.line == 1 {
                        line = strip_bom(line);
                    }
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        let id = self.origin.id_at(self.line);
                        let document = parse_line(line, self.line, id, &self.origin, &self.options);
                        if self.buffer.capacity() > KEEP_BUFFER {
                            self.buffer = Vec::new();
                        }
                        return Some(document);
                    }
                }
                Err(error) => {
                    self.done = true;
                    let line = self.line + 1;
                    return Some(failure_at(&self.origin, &self.options, line, &error));
                }
            }
        }
        None
    }
}

impl JsonlReader {
    /// The next record of a file that is one JSON array; a cut-off array, text after its end
    /// and read errors become `error` documents naming the line.
    fn next_element(&mut self) -> Option<RawDocument> {
        if self.done {
            return None;
        }
        let cap = self.options.max_record_size;
        let array = self.array.as_mut()?;
        let found = array.next(&mut self.input, &mut self.buffer, cap);
        let failure = |line: u64, detail: &dyn std::fmt::Display| {
            Some(failure_at(&self.origin, &self.options, line, detail))
        };
        match found {
            Ok(Element::Complete { line }) => {
                // records of a one-line array share their line: without an id field each is
                // named by its index in the array, `FILE[0]`, `FILE[1]`, ...
                let id = format!("{}[{}]", self.origin.id, array.index);
                array.index += 1;
                let document = parse_line(&self.buffer, line, id, &self.origin, &self.options);
                if self.buffer.capacity() > KEEP_BUFFER {
                    self.buffer = Vec::new();
                }
                Some(document)
            }
            Ok(Element::TooLong { line, bytes }) => failure(line, &too_long(bytes, cap)),
            Ok(Element::End) => {
                self.done = true;
                None
            }
            Ok(Element::Unclosed { line }) => {
                self.done = true;
                failure(
                    line,
                    &"the file ends inside its JSON array (no closing `]`): cut off? The \
                      records before this line were read",
                )
            }
            Ok(Element::Trailing { line }) => {
                self.done = true;
                failure(line, &"text after the end of the JSON array: not read")
            }
            Err(error) => {
                self.done = true;
                failure(array.line.max(1), &error)
            }
        }
    }
}

/// The `error` document for `line` of the file: a record that could not be read.
fn failure_at(
    origin: &Origin,
    options: &ReadOptions,
    line: u64,
    detail: &dyn std::fmt::Display,
) -> RawDocument {
    RawDocument {
        id: origin.id_at(line),
        source: origin.source_at(line),
        status: Status::Error,
        message: origin.line_message(line, detail),
        ..RawDocument::default()
    }
    .with_fields(options.keep_fields.len())
}

/// What [`ArrayElements::next`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Element {
    /// An element, in the buffer, that starts on `line` (from 1).
    Complete { line: u64 },
    /// An element longer than the cap, skipped unread; `bytes` is its size.
    TooLong { line: u64, bytes: u64 },
    /// The array closed, and nothing but white space follows.
    End,
    /// The file ended inside the array (`line` is its last line): a cut-off download or copy.
    Unclosed { line: u64 },
    /// Something other than white space follows the array's end, on `line`.
    Trailing { line: u64 },
}

/// A file that is one JSON array of records (`[{...}, {...}]`, as `json.dump` of a list and
/// many export tools write it), read one element at a time: only one element is ever held, so
/// memory stays bounded however long the array is. Elements are found by their brackets and
/// string quotes; each is then parsed as one JSON Lines line is.
#[derive(Debug, Default)]
pub(super) struct ArrayElements {
    /// Whether the opening `[` has been read.
    opened: bool,
    /// Whether the closing `]` has been read.
    closed: bool,
    /// The line the reader is on, from 1.
    line: u64,
    /// The index in the array of the next record the reader hands out, from 0.
    pub(super) index: u64,
}

impl ArrayElements {
    /// Reads the next element into `buffer` (cleared first). An element longer than `cap`
    /// bytes is read past, not kept.
    pub(super) fn next(
        &mut self,
        input: &mut Input,
        buffer: &mut Vec<u8>,
        cap: u64,
    ) -> std::io::Result<Element> {
        buffer.clear();
        self.line = self.line.max(1);
        // white space, the opening bracket, and the commas between elements
        loop {
            let available = input.fill_buf()?;
            let Some(&byte) = available.first() else {
                return Ok(match self.closed {
                    true => Element::End,
                    false => Element::Unclosed { line: self.line },
                });
            };
            let skip = match byte {
                b'\n' => {
                    self.line += 1;
                    1
                }
                b' ' | b'\t' | b'\r' => 1,
                0xEF if !self.opened && available.starts_with(b"\xEF\xBB\xBF") => 3,
                b'[' if !self.opened => {
                    self.opened = true;
                    1
                }
                b',' if self.opened && !self.closed => 1,
                b']' if self.opened && !self.closed => {
                    self.closed = true;
                    1
                }
                _ if self.closed || !self.opened => {
                    // nothing more is read from this file
                    let line = self.line;
                    let rest = available.len();
                    input.consume(rest);
                    while !input.fill_buf()?.is_empty() {
                        let rest = input.fill_buf()?.len();
                        input.consume(rest);
                    }
                    self.closed = true;
                    return Ok(Element::Trailing { line });
                }
                _ => break,
            };
            input.consume(skip);
        }
        let line = self.line;
        let (mut depth, mut in_string, mut escaped) = (0u32, false, false);
        let mut size = 0u64;
        loop {
            let available = input.fill_buf()?;
            if available.is_empty() {
                // a bare value at the end of a file that never closes the array
                return Ok(Element::Unclosed { line: self.line });
            }
            let mut used = 0;
            let mut done = false;
            for &byte in available {
                let mut last = false;
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                    }
                } else {
                    match byte {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' if depth == 0 => {
                            // the array's own `]` after a bare value: not part of it
                            done = true;
                            break;
                        }
                        b'}' | b']' => {
                            depth -= 1;
                            last = depth == 0;
                        }
                        b',' if depth == 0 => {
                            done = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if byte == b'\n' {
                    self.line += 1;
                }
                used += 1;
                if last {
                    done = true;
                    break;
                }
            }
            size += used as u64;
            if size <= cap {
                buffer.extend_from_slice(&available[..used]);
            } else if !buffer.is_empty() {
                *buffer = Vec::new();
            }
            input.consume(used);
            if done {
                return Ok(match size > cap {
                    true => Element::TooLong { line, bytes: size },
                    false => Element::Complete { line },
                });
            }
        }
    }
}

/// One non-blank line as a document; every failure becomes an `error` document.
/// `id` is the document's id when the record has no id field.
fn parse_line(
    line: &[u8],
    number: u64,
    id: String,
    origin: &Origin,
    options: &ReadOptions,
) -> RawDocument {
    let mut document = RawDocument {
        id,
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

    fn ids_texts(documents: &[RawDocument]) -> Vec<(String, String, Status)> {
        documents
            .iter()
            .map(|d| (d.id.clone(), d.text.clone(), d.status))
            .collect()
    }

    #[test]
    fn a_json_array_of_records_is_read_one_document_per_element() {
        // brackets, braces, commas and escaped quotes inside strings are text
        let pretty = "\u{feff}[\n  {\"id\": \"a\", \"text\": \"Είπε «ναι, [όχι] {ίσως}» \\\"τέλος\\\".\"},\n  \
                      {\"text\": \"Δεύτερο.\",\n   \"tags\": [1, [2, 3]]}\n]\n";
        let documents = read(pretty.as_bytes());
        assert_eq!(
            ids_texts(&documents),
            [
                (
                    "a".into(),
                    "Είπε «ναι, [όχι] {ίσως}» \"τέλος\".".into(),
                    Status::Ok
                ),
                ("corpus.jsonl[1]".into(), "Δεύτερο.".into(), Status::Ok),
            ]
        );
        // each record's source is the line it starts on
        assert_eq!(documents[0].source, "data/corpus.jsonl:2");
        assert_eq!(documents[1].source, "data/corpus.jsonl:3");
        // an empty array has no documents
        assert!(read(b"[ ]").is_empty());
        // an element that is not an object is an error, as a JSON Lines line is
        let scalars = read("[\"κείμενο\", 3, {\"text\": \"Τρίτο.\"}]".as_bytes());
        let statuses: Vec<Status> = scalars.iter().map(|d| d.status).collect();
        assert_eq!(statuses, [Status::Error, Status::Error, Status::Ok]);
        assert!(scalars[0]
            .message
            .contains("expected a JSON object, found a string"));
    }

    #[test]
    fn a_cut_off_array_or_text_after_it_is_an_error_after_the_records_read() {
        let cut = read("[{\"text\": \"Πρώτο.\"},\n{\"text\": \"Δεύ".as_bytes());
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[0].status, Status::Ok);
        assert_eq!(cut[1].status, Status::Error);
        assert!(cut[1]
            .message
            .contains("corpus.jsonl:2: the file ends inside its JSON array"));
        let trailing = read("[{\"text\": \"Πρώτο.\"}]\n{\"text\": \"Άλλο.\"}\n".as_bytes());
        assert_eq!(trailing.len(), 2);
        assert!(trailing[1]
            .message
            .contains("corpus.jsonl:2: text after the end"));
        // a record over the cap is an error; the records around it are read
        let long = format!(
            "[{{\"text\": \"Πρώτο.\"}}, {{\"text\": \"{}\"}}, {{\"text\": \"Τρίτο.\"}}]",
            "α".repeat(200)
        );
        let capped = read_with(
            long.as_bytes(),
            ReadOptions {
                max_record_size: 100,
                ..ReadOptions::default()
            },
        );
        let statuses: Vec<Status> = capped.iter().map(|d| d.status).collect();
        assert_eq!(statuses, [Status::Ok, Status::Error, Status::Ok]);
        assert!(
            capped[1].message.contains("max-record-size"),
            "{}",
            capped[1].message
        );
    }

    proptest::proptest! {
        /// Records written as a JSON array, compact or one per line, read as the same
        /// documents as the same records written as JSON Lines (ids given, so they agree).
        #[test]
        fn an_array_reads_as_the_same_records_in_json_lines(
            texts in proptest::collection::vec("[α-ω\\[\\]{}\",\\\\ .«»\n]{0,12}", 0..6),
            pretty in proptest::bool::ANY,
        ) {
            let records: Vec<serde_json::Value> = texts
                .iter()
                .enumerate()
                .map(|(i, text)| serde_json::json!({"id": format!("r{i}"), "text": text}))
                .collect();
            let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
            let array = match pretty {
                true => serde_json::to_string_pretty(&records).unwrap(),
                false => serde_json::to_string(&records).unwrap(),
            };
            let from_lines: Vec<_> = ids_texts(&read(lines.as_bytes()));
            let from_array: Vec<_> = ids_texts(&read(array.as_bytes()));
            proptest::prop_assert_eq!(from_array, from_lines);
        }
    }
}
