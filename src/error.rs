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
    #[error("{path}: no such file or directory")]
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
