//! Input streams: files (gzip-decompressed on the fly, bytes counted for the progress bar),
//! stdin, and lines read with a cap on their length (`--max-record-size`).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

/// What [`read_capped_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line {
    /// A line (without its `\n`) is in the buffer.
    Complete,
    /// The line was longer than the cap: it was read past, not kept; `bytes` is its length.
    TooLong { bytes: u64 },
    /// The input has no more bytes.
    End,
}

/// Reads one `\n`-terminated line into `line` (cleared first, the `\n` dropped), holding at
/// most `cap` bytes of it: a longer line is consumed without being kept.
pub(super) fn read_capped_line(
    input: &mut Input,
    line: &mut Vec<u8>,
    cap: u64,
) -> io::Result<Line> {
    line.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::End,
                (bytes, true) => Line::TooLong { bytes },
                _ => Line::Complete,
            });
        }
        let (chunk, found) = match memchr_newline(buffer) {
            Some(i) => (&buffer[..i], true),
            None => (buffer, false),
        };
        total += chunk.len() as u64;
        if total > cap {
            too_long = true;
            line.clear();
            line.shrink_to(BUFFER_SIZE);
        } else {
            line.extend_from_slice(chunk);
        }
        let used = chunk.len() + usize::from(found);
        input.consume(used);
        if found {
            return Ok(if too_long {
                Line::TooLong { bytes: total }
            } else {
                Line::Complete
            });
        }
    }
}

/// The message of a record longer than `--max-record-size`.
pub(super) fn too_long(bytes: u64, cap: u64) -> String {
    format!(
        "record of {bytes} bytes is longer than --max-record-size ({cap} bytes): not read \
         (raise the limit with --max-record-size BYTES)"
    )
}

pub(super) fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

pub(super) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Buffer size for line and record readers: large enough that syscalls do not dominate.
pub(super) const BUFFER_SIZE: usize = 64 * 1024;

pub(super) type Input = Box<dyn BufRead + Send>;

/// Opens a file, decompressing it when `gzip`; also returns its size as a capacity hint for
/// readers that load the whole file (0 when compressed, as the size says little then).
pub(super) fn open_file(
    path: &Path,
    gzip: bool,
    counter: &Arc<AtomicU64>,
) -> io::Result<(Input, usize)> {
    let file = Counted {
        inner: File::open(path)?,
        counter: Arc::clone(counter),
    };
    if gzip {
        let decoder = MultiGzDecoder::new(BufReader::with_capacity(BUFFER_SIZE, file));
        return Ok((Box::new(BufReader::with_capacity(BUFFER_SIZE, decoder)), 0));
    }
    let size = file.inner.metadata().map_or(0, |metadata| metadata.len());
    let size_hint = usize::try_from(size).unwrap_or(0);
    Ok((
        Box::new(BufReader::with_capacity(BUFFER_SIZE, file)),
        size_hint,
    ))
}

/// A file whose bytes read are added to a shared counter (the progress bar's position).
pub(super) struct Counted {
    pub(super) inner: File,
    pub(super) counter: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let count = self.inner.read(buffer)?;
        self.counter.fetch_add(count as u64, Ordering::Relaxed);
        Ok(count)
    }
}

/// Wraps stdin, decompressing it when it starts with the gzip magic bytes (stdin has no name
/// to tell).
pub(super) fn stdin_input<R: Read + Send + 'static>(stdin: R) -> io::Result<Input> {
    let mut input = BufReader::with_capacity(BUFFER_SIZE, stdin);
    if input.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let decoder = MultiGzDecoder::new(input);
        return Ok(Box::new(BufReader::with_capacity(BUFFER_SIZE, decoder)));
    }
    Ok(Box::new(input))
}
