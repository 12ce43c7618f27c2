//! The library's error type.
use std::path::PathBuf;

/// Everything that can go wrong in elpipe; each message names the file, flag or value at fault.
/// A bad document is not an error: it gets a status in `documents.csv` ([`crate::Status`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file (or folder) being read or written.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// An input (or a file named by a flag) does not exist.
    #[error("{}: no such file or directory{}", .path.display(), missing_hint(.path))]
    MissingInput {
        /// The missing path.
        path: PathBuf,
    },
    /// A file elpipe reads for its settings (a stopword list, an alias file, IOB2 training
    /// data, a partial result) is malformed.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The malformed file.
        path: PathBuf,
        /// The line at fault, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A tagger model file cannot be read.
    #[error("model {path}: {source}")]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it, with the fix when retraining is it.
        #[source]
        source: crate::ner::ModelError,
    },
    /// A setting is invalid (an unknown table or field, conflicting flags); the message says
    /// which and what is accepted.
    #[error("{0}")]
    Invalid(String),
    /// The run was interrupted (Ctrl-C) before these tables were written; the output folder
    /// is left as it was.
    #[error("interrupted: {} not written", .unwritten.join(", "))]
    Interrupted {
        /// The file names of the tables not written.
        unwritten: Vec<String>,
    },
}

/// What a missing input's message adds when its name is a file-name pattern (`*`, `?`, `[`)
/// that the shell passed on unexpanded because no file matches it.
fn missing_hint(path: &std::path::Path) -> &'static str {
    if path.to_string_lossy().contains(['*', '?', '[']) {
        " (a file-name pattern that no file matches, passed on by the shell as it is; check the \
         pattern, or name the folder: elpipe reads every file in it)"
    } else {
        ""
    }
}

/// The one of `known` that `wanted` most likely misspells, for a "did you mean" hint: one
/// that differs only in case, else the most similar by Jaro-Winkler similarity on lowercase
/// (`strsim`), if at least 0.8 (the threshold clap uses for its own suggestions is 0.7; a
/// higher one suggests less that is wrong).
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.trim().to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for name in known {
        let lower = name.to_lowercase();
        if lower == wanted {
            return Some(name);
        }
        let score = strsim::jaro_winkler(&wanted, &lower);
        if score >= 0.8 && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, name));
        }
    }
    best.map(|(_, name)| name)
}

/// A result with elpipe's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`; a file that does not exist is reported as a missing input.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Error {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::MissingInput {
                path: path.to_path_buf(),
            }
        } else {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_case_and_spelling_slips_only() {
        let tables = [
            "documents",
            "entities",
            "entity_frequencies",
            "entity_keyness",
        ];
        assert_eq!(did_you_mean("entity", tables), Some("entities"));
        assert_eq!(did_you_mean("Documents", tables), Some("documents"));
        assert_eq!(did_you_mean("cooccurrences", tables), None);
        assert_eq!(did_you_mean("Text", ["id", "Text"]), Some("Text"));
        assert_eq!(did_you_mean("text", ["id", "body"]), None);
        assert_eq!(did_you_mean("txt", ["id", "text"]), Some("text"));
    }

    #[test]
    fn a_missing_pattern_says_the_shell_passed_it_on() {
        let error = Error::MissingInput {
            path: "corpus/*.txt".into(),
        };
        assert!(error.to_string().contains("no file matches"), "{error}");
        let error = Error::MissingInput {
            path: "corpus".into(),
        };
        assert_eq!(error.to_string(), "corpus: no such file or directory");
    }
}
