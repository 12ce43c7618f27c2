//! The model file's byte layer: a bounds-checked little-endian reader and writer, and the typed
//! errors of reading a model.

/// Why a model file could not be read. Every variant but [`ModelError::Decompress`] means the
/// bytes are not a model this elpipe can use; retraining with `elpipe train` gives one.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The gzip stream is broken.
    #[error("cannot decompress: {0}")]
    Decompress(#[source] std::io::Error),
    /// The file does not start with the model magic bytes.
    #[error("not an elpipe NER model")]
    NotAModel,
    /// The file ends before a section it announces.
    #[error("truncated model")]
    Truncated,
    /// Bytes follow the last section.
    #[error("trailing bytes after the weights")]
    TrailingBytes,
    /// The model was trained on another feature set.
    #[error(
        "model has feature version {found}, this elpipe reads version {expected}; retrain it \
         with `elpipe train --train FILE.iob2 --model OUT` (data/README.md has the commands for \
         the shipped models)"
    )]
    FeatureVersion {
        /// The version in the model file.
        found: u32,
        /// The version this elpipe computes.
        expected: u32,
    },
    /// The model was trained on words normalized by another version of `norm`.
    #[error(
        "model was trained on norm version {found}, this elpipe normalizes words with version \
         {expected}; retrain it with `elpipe train --train FILE.iob2 --model OUT` \
         (data/README.md has the commands for the shipped models)"
    )]
    NormVersion {
        /// The version in the model file.
        found: u32,
        /// The version of this elpipe's `norm`.
        expected: u32,
    },
    /// A count or size field is out of its valid range.
    #[error("{what} is {value}, outside {range}")]
    OutOfRange {
        /// The field.
        what: &'static str,
        /// Its value in the file.
        value: u64,
        /// The values it may take.
        range: &'static str,
    },
    /// An entity label is not UTF-8.
    #[error("an entity label is not UTF-8")]
    LabelNotUtf8,
}

/// A bounds-checked cursor over model bytes.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    /// The next `n` bytes.
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.bytes.len() {
            return Err(ModelError::Truncated);
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    /// The next `n` items of `size` bytes each, checking the product for overflow.
    pub(crate) fn items(&mut self, n: u64, size: usize) -> Result<&'a [u8], ModelError> {
        let total = usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_mul(size))
            .ok_or(ModelError::Truncated)?;
        self.bytes(total)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, ModelError> {
        let mut a = [0; 8];
        a.copy_from_slice(self.bytes(8)?);
        Ok(u64::from_le_bytes(a))
    }

    /// Whether every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Appends little-endian values to a model's bytes.
pub(crate) struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>) -> Writer<'a> {
        Writer { out }
    }

    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    pub(crate) fn u32(&mut self, value: u32) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, value: u64) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_values_read_back_and_reading_past_the_end_is_an_error() {
        let mut bytes = Vec::new();
        let mut w = Writer::new(&mut bytes);
        w.u32(7);
        w.u64(u64::MAX - 1);
        w.bytes(b"ab");
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert!(matches!(r.u32(), Err(ModelError::Truncated)));
        assert_eq!(r.bytes(2).unwrap(), b"ab");
        assert!(r.is_empty());
        assert!(matches!(
            Reader::new(&bytes).items(u64::MAX, 12),
            Err(ModelError::Truncated)
        ));
    }
}
