//! The library's error type.
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no such file or directory")]
    MissingInput { path: PathBuf },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("model {path}: {source}")]
    Model {
        path: PathBuf,
        #[source]
        source: crate::ner::ModelError,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("interrupted: {} not written", .unwritten.join(", "))]
    Interrupted { unwritten: Vec<String> },
}

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
