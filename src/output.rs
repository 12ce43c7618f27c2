//! The output folder as a transaction, and the `run.json` record of how its tables were made.
//!
//! A run writes every table into a staging folder beside `--out` (same file system, hidden
//! name `.OUT.elpipe-PID.partial`) and only at the end moves them into `--out`, so a run that
//! is interrupted or fails leaves `--out` exactly as it was. After a successful run `--out`
//! holds exactly this run's tables and `run.json`: a table that the previous run recorded in
//! its `run.json` and this run did not write is removed; files elpipe did not write are never
//! touched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// The file recording a run, in `--out`.
pub const RUN_RECORD: &str = "run.json";

/// A staging folder beside `--out`, removed unless committed.
pub(crate) struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

/// `--out` as an absolute path, so that its parent is known even for `.` or `out/`.
fn absolute(out: &Path) -> Result<PathBuf> {
    std::path::absolute(out).map_err(|source| Error::Io {
        path: out.to_owned(),
        source,
    })
}

/// Where the staging folder of a run into `out` goes, and the prefix of such folders.
fn staging_prefix(out: &Path) -> Result<(PathBuf, String)> {
    let out = absolute(out)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let parent = out
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_owned);
    Ok((parent, format!(".{name}.elpipe-")))
}

/// Fails when `out` cannot receive tables: it is a file, or its folder cannot be written.
/// Creates the missing parent folders of `out` (not `out` itself) and proves them writable
/// with a probe folder it removes again.
pub(crate) fn check_writable(out: &Path) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(Error::Invalid(format!(
            "--out {}: exists and is not a folder",
            out.display()
        )));
    }
    let (parent, prefix) = staging_prefix(out)?;
    let io = |source| Error::Io {
        path: out.to_owned(),
        source,
    };
    fs::create_dir_all(&parent).map_err(io)?;
    let probe = parent.join(format!("{prefix}{}.probe", std::process::id()));
    fs::create_dir(&probe).map_err(io)?;
    fs::remove_dir(&probe).map_err(io)?;
    Ok(())
}

impl Staging {
    /// Creates the staging folder of a run into `out`, after removing the staging folders of
    /// earlier runs into `out` whose process is gone (killed with SIGKILL, say).
    pub(crate) fn create(out: &Path) -> Result<Staging> {
        let (parent, prefix) = staging_prefix(out)?;
        remove_abandoned(&parent, &prefix);
        let dir = parent.join(format!("{prefix}{}.partial", std::process::id()));
        if dir.exists() {
            let _ = fs::remove_dir_all(&dir);
        }
        fs::create_dir_all(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(Staging {
            dir,
            out: out.to_owned(),
            committed: false,
        })
    }

    /// The folder tables are written to.
    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// The names of the files written so far, sorted.
    pub(crate) fn files(&self) -> Result<Vec<String>> {
        let io = |source| Error::Io {
            path: self.dir.clone(),
            source,
        };
        let mut names = Vec::new();
        for entry in fs::read_dir(&self.dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && entry.file_type().map_err(io)?.is_file() {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }

    /// Moves this run's files into `--out` (creating it), `run.json` last, and removes the
    /// tables the previous run recorded in `--out/run.json`, and the files named like one of
    /// elpipe's tables (`table_names`, e.g. `tokens.csv` of a run made before `run.json`
    /// existed), that this run did not write. Returns the names of the stale tables removed.
    pub(crate) fn commit(mut self, table_names: &[String]) -> Result<Vec<String>> {
        let written = self.files()?;
        let out = &self.out;
        fs::create_dir_all(out).map_err(|source| Error::Io {
            path: out.clone(),
            source,
        })?;
        let mut previous = previous_tables(out);
        for name in table_names {
            if !previous.contains(name) && out.join(name).is_file() {
                previous.push(name.clone());
            }
        }
        let mut order: Vec<&String> = written.iter().filter(|n| *n != RUN_RECORD).collect();
        order.extend(written.iter().filter(|n| *n == RUN_RECORD));
        for name in order {
            let to = out.join(name);
            fs::rename(self.dir.join(name), &to)
                .map_err(|source| Error::Io { path: to, source })?;
        }
        let mut removed = Vec::new();
        for name in previous {
            if written.contains(&name) || !is_plain_file_name(&name) {
                continue;
            }
            let path = out.join(&name);
            match fs::remove_file(&path) {
                Ok(()) => removed.push(name),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::Io { path, source }),
            }
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&self.dir);
        Ok(removed)
    }
}

impl Drop for Staging {
    /// An uncommitted run (failed, interrupted) leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A name without a folder part: `run.json` lists only files directly in `--out`.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != RUN_RECORD
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && Path::new(name).file_name().is_some_and(|n| n == name)
}

/// The tables the previous run recorded in `out/run.json` (none when there is no readable
/// record: files elpipe cannot prove it wrote are left alone).
fn previous_tables(out: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(out.join(RUN_RECORD)) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    value["tables"]
        .as_array()
        .map(|names| {
            names
                .iter()
                .filter_map(|n| n.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Removes `PREFIX<pid>.partial` folders in `parent` whose process no longer runs (Linux: no
/// `/proc/<pid>`); elsewhere nothing is removed.
fn remove_abandoned(parent: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".partial"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// What made a table folder, besides the options: recorded in `run.json`.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    /// The command line as given (program name first).
    pub command: Vec<String>,
    /// The named-entity model used; `None` when nothing was tagged.
    pub model: Option<ModelRecord>,
    /// The `--stopwords` file; `None` for the shipped list.
    pub stopwords: Option<PathBuf>,
    /// The `--aliases` file, if any.
    pub aliases: Option<PathBuf>,
}

/// A model as `run.json` names it.
#[derive(Clone, Debug, Serialize)]
pub struct ModelRecord {
    /// The model file, or `shipped (data/ner/elner4.model)` for the embedded one.
    pub path: String,
    /// SHA-256 of the model file's bytes, lowercase hex.
    pub sha256: String,
}

impl ModelRecord {
    /// Names a model and hashes its bytes.
    pub fn new(path: String, bytes: &[u8]) -> ModelRecord {
        ModelRecord {
            path,
            sha256: sha256_hex(bytes),
        }
    }

    /// Names a model whose SHA-256 (lowercase hex) is known, such as a shipped model's
    /// ([`crate::ner::ShippedModel::sha256`]).
    pub fn with_sha256(path: String, sha256: &str) -> ModelRecord {
        ModelRecord {
            path,
            sha256: sha256.to_owned(),
        }
    }

    /// Names a model file and hashes it, streaming.
    pub fn of_file(path: &Path) -> Result<ModelRecord> {
        let io = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let mut file = fs::File::open(path).map_err(io)?;
        let mut hasher = Sha256::new();
        std::io::copy(&mut file, &mut HashWriter(&mut hasher)).map_err(io)?;
        Ok(ModelRecord {
            path: path.display().to_string(),
            sha256: hex(&hasher.finalize()),
        })
    }
}

struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One INPUT argument as `run.json` records it.
#[derive(Clone, Debug, Serialize)]
pub struct InputRecord {
    /// As given on the command line (`-` for stdin).
    pub path: String,
    /// `file`, `directory` or `stdin`.
    pub kind: &'static str,
    /// Regular files under a directory (1 for a file, 0 for stdin).
    pub files: u64,
    /// Bytes as stored (compressed for `.gz`); for a directory the sum over its files.
    pub size: u64,
    /// Last modification (UTC, RFC 3339); for a directory the newest of its files.
    pub modified: Option<String>,
}

/// Describes the INPUT arguments: sizes and modification times, directories walked without
/// following symlinked folders out of them twice (hidden entries skipped, as the reader does).
pub(crate) fn describe_inputs(inputs: &[PathBuf]) -> Vec<InputRecord> {
    inputs
        .iter()
        .map(|path| {
            let shown = path.display().to_string();
            if path.as_os_str() == "-" {
                return InputRecord {
                    path: shown,
                    kind: "stdin",
                    files: 0,
                    size: 0,
                    modified: None,
                };
            }
            let mut record = InputRecord {
                path: shown,
                kind: if path.is_dir() { "directory" } else { "file" },
                files: 0,
                size: 0,
                modified: None,
            };
            let mut newest: Option<SystemTime> = None;
            let mut visit = |meta: &fs::Metadata| {
                record.files += 1;
                record.size += meta.len();
                if let Ok(m) = meta.modified() {
                    newest = Some(newest.map_or(m, |n| n.max(m)));
                }
            };
            if path.is_dir() {
                walk_files(path, &mut visit, &mut Vec::new());
            } else if let Ok(meta) = fs::metadata(path) {
                visit(&meta);
            }
            record.modified = newest.map(rfc3339);
            record
        })
        .collect()
}

/// Calls `visit` on every regular file under `dir`; `seen` holds the canonical folders on the
/// current path so that a symlink loop is not followed.
fn walk_files(dir: &Path, visit: &mut dyn FnMut(&fs::Metadata), seen: &mut Vec<PathBuf>) {
    let Ok(canonical) = fs::canonicalize(dir) else {
        return;
    };
    if seen.contains(&canonical) {
        return;
    }
    seen.push(canonical);
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => walk_files(&path, visit, seen),
                Ok(meta) if meta.is_file() => visit(&meta),
                _ => {}
            }
        }
    }
    seen.pop();
}

/// A time as UTC RFC 3339 with seconds, e.g. `2026-11-29T19:40:00Z`.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(time)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Writes `value` as pretty JSON to `dir/run.json`.
pub(crate) fn write_record(dir: &Path, value: &serde_json::Value) -> Result<()> {
    let path = dir.join(RUN_RECORD);
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    text.push('\n');
    fs::write(&path, text).map_err(|source| Error::Io { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_moves_tables_in_and_removes_only_elpipe_tables_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("tokens.csv"), "old").unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        fs::write(out.join("terms.csv"), "old, not recorded").unwrap();
        fs::write(
            out.join(RUN_RECORD),
            r#"{"tables": ["tokens.csv", "documents.csv", "../escape.csv"]}"#,
        )
        .unwrap();
        fs::write(dir.path().join("escape.csv"), "outside").unwrap();
        let staging = Staging::create(&out).unwrap();
        fs::write(staging.path().join("documents.csv"), "new").unwrap();
        fs::write(staging.path().join(RUN_RECORD), "{}").unwrap();
        let staged = staging.path().to_owned();
        let known = ["terms.csv".to_string(), "entities.csv".to_string()];
        assert_eq!(staging.commit(&known).unwrap(), ["tokens.csv", "terms.csv"]);
        assert_eq!(
            fs::read_to_string(out.join("documents.csv")).unwrap(),
            "new"
        );
        assert!(!out.join("tokens.csv").exists());
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        assert!(!out.join("terms.csv").exists());
        assert!(dir.path().join("escape.csv").exists());
        assert!(!staged.exists());
    }

    #[test]
    fn an_uncommitted_staging_folder_disappears_and_out_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let staging = Staging::create(&out).unwrap();
        fs::write(staging.path().join("documents.csv"), "new").unwrap();
        let staged = staging.path().to_owned();
        drop(staging);
        assert!(!staged.exists());
        assert!(!out.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn sha256_of_known_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
