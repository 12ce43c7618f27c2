//! Partial runs over pieces of a larger file (`--source-name NAME --first-line N`), and the
//! options a partial run cannot take.

use super::*;

/// The options `elpipe run --partial` cannot take.
pub(crate) fn check_run_options(options: &RunOptions, origin: Option<&LineOrigin>) -> Result<()> {
    if options.output_format == OutputFormat::Memory {
        return Err(Error::Invalid(
            "a partial result is written to files: --output-format csv, parquet or both".into(),
        ));
    }
    if origin.is_some() && (options.inputs.len() != 1 || options.inputs[0].is_dir()) {
        return Err(Error::Invalid(
            "--source-name names one input file: give exactly one".into(),
        ));
    }
    if origin.is_some_and(|o| o.first_line == 0) {
        return Err(Error::Invalid("--first-line counts from 1".into()));
    }
    Ok(())
}

/// Where the lines of a piece of a larger file come from (`--source-name NAME --first-line
/// N`): a recipe that cuts a JSONL file into pieces (`examples/spark`) processes each piece as
/// lines N.. of NAME, so sources (`NAME:LINE`), generated ids (`FILE-NAME:LINE`) and messages
/// are those one run over NAME gives.
#[derive(Clone, Debug)]
pub struct LineOrigin {
    /// The path of the whole file, as one run over it would be given it.
    pub name: String,
    /// The line of the whole file that is the piece's first line (from 1).
    pub first_line: u64,
}

/// Renames the documents read from one piece (see [`LineOrigin`]).
pub(crate) struct Renamer {
    /// The piece as sources and generated ids name it.
    source: String,
    id: String,
    /// The whole file as sources and generated ids name it.
    name: String,
    name_id: String,
    /// Added to a line number of the piece.
    shift: u64,
}

/// A file's id prefix: its name.
fn file_id(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl LineOrigin {
    pub(crate) fn renamer(&self, input: &Path) -> Renamer {
        Renamer {
            source: input.display().to_string(),
            id: file_id(input),
            name: self.name.clone(),
            name_id: file_id(Path::new(&self.name)),
            shift: self.first_line - 1,
        }
    }
}

impl Renamer {
    /// `value` with a leading `PREFIX:LINE` (or `PREFIX` alone) of the piece renamed.
    fn rename(&self, value: &str, prefix: &str, to: &str) -> Option<String> {
        let rest = value.strip_prefix(prefix)?;
        if rest.is_empty() {
            return Some(to.to_owned());
        }
        if let Some(detail) = rest.strip_prefix(": ") {
            return Some(format!("{to}: {detail}"));
        }
        let rest = rest.strip_prefix(':')?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let line: u64 = rest[..digits].parse().ok()?;
        Some(format!("{to}:{}{}", line + self.shift, &rest[digits..]))
    }

    pub(crate) fn apply(&self, mut doc: crate::RawDocument) -> crate::RawDocument {
        if let Some(source) = self.rename(&doc.source, &self.source, &self.name) {
            // a generated id is FILE-ID:LINE, the line of the source
            let generated = doc
                .source
                .strip_prefix(&self.source)
                .map(|line| format!("{}{line}", self.id));
            if generated.as_deref() == Some(doc.id.as_str()) {
                doc.id = self
                    .rename(&doc.id, &self.id, &self.name_id)
                    .unwrap_or(doc.id);
            }
            doc.source = source;
        }
        if let Some(message) = self.rename(&doc.message, &self.source, &self.name) {
            doc.message = message;
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RawDocument;

    fn piece_document(id: &str, source: &str, message: &str) -> RawDocument {
        RawDocument {
            id: id.into(),
            source: source.into(),
            message: message.into(),
            ..RawDocument::default()
        }
    }

    #[test]
    fn a_piece_is_named_as_the_lines_of_the_whole_file() {
        let origin = LineOrigin {
            name: "data/news.jsonl".into(),
            first_line: 101,
        };
        let rename = origin.renamer(Path::new("/tmp/x/piece.jsonl"));
        let doc = rename.apply(piece_document(
            "piece.jsonl:3",
            "/tmp/x/piece.jsonl:3",
            "/tmp/x/piece.jsonl:3: invalid JSON",
        ));
        assert_eq!(doc.id, "news.jsonl:103");
        assert_eq!(doc.source, "data/news.jsonl:103");
        assert_eq!(doc.message, "data/news.jsonl:103: invalid JSON");
        // an id from the record itself is kept, even one that looks like a line id
        let doc = rename.apply(piece_document("piece.jsonl:9", "/tmp/x/piece.jsonl:3", ""));
        assert_eq!(doc.id, "piece.jsonl:9");
        let doc = rename.apply(piece_document("άρθρο-7", "/tmp/x/piece.jsonl:1", ""));
        assert_eq!(
            (doc.id.as_str(), doc.source.as_str()),
            ("άρθρο-7", "data/news.jsonl:101")
        );
        // a whole-file failure names the whole file
        let doc = rename.apply(piece_document(
            "piece.jsonl",
            "/tmp/x/piece.jsonl",
            "/tmp/x/piece.jsonl: permission denied",
        ));
        assert_eq!(doc.source, "data/news.jsonl");
        assert_eq!(doc.message, "data/news.jsonl: permission denied");
    }
}
