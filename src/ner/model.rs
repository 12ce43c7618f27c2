//! The model file: a gzip stream of a little-endian binary layout.
//!
//! ```text
//! magic "elpipe-ner\0", feature version u32,
//! label count u32, then per label: byte length u32 + UTF-8 bytes,
//! bucket bits u32, transitions ((tags + 1) × tags f32),
//! gazetteer (see Lexicon::write_to), entity dictionary (see Dictionary::write_to),
//! weights (2^bucket_bits × tags i16)
//! ```

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use super::decode::{constrain, tag_count};
use super::dictionary::Dictionary;
use super::features::FEATURE_VERSION;
use super::gazetteer::Lexicon;
use super::Tagger;
use crate::{Error, Result};

const MAGIC: &[u8] = b"elpipe-ner\0";
/// Largest accepted hash table: 2^26 buckets.
const MAX_BUCKET_BITS: u32 = 26;

/// A bounds-checked cursor over model bytes.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.bytes.len() {
            return Err("truncated model".to_string());
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        let b = self.bytes(8)?;
        let mut a = [0; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

/// Serializes `tagger` (uncompressed).
fn to_bytes(tagger: &Tagger) -> Vec<u8> {
    let mut out = Vec::with_capacity(tagger.weights.len() * 2 + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
    out.extend_from_slice(&(tagger.labels.len() as u32).to_le_bytes());
    for label in &tagger.labels {
        out.extend_from_slice(&(label.len() as u32).to_le_bytes());
        out.extend_from_slice(label.as_bytes());
    }
    out.extend_from_slice(&tagger.bucket_bits.to_le_bytes());
    for t in &tagger.raw_transitions {
        out.extend_from_slice(&t.to_le_bytes());
    }
    tagger.lexicon.write_to(&mut out);
    tagger.dictionary.write_to(&mut out);
    for w in &tagger.weights {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// Parses what [`to_bytes`] wrote.
fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
    let mut input = Reader::new(bytes);
    if input.bytes(MAGIC.len())? != MAGIC {
        return Err("not an elpipe NER model".to_string());
    }
    let version = input.u32()?;
    if version != FEATURE_VERSION {
        return Err(format!(
            "model has feature version {version}, this elpipe reads version {FEATURE_VERSION}; retrain it"
        ));
    }
    let n_labels = input.u32()? as usize;
    if n_labels == 0 || n_labels > 1000 {
        return Err(format!("{n_labels} labels"));
    }
    let mut labels = Vec::with_capacity(n_labels);
    for _ in 0..n_labels {
        let len = input.u32()? as usize;
        let label = std::str::from_utf8(input.bytes(len)?).map_err(|e| e.to_string())?;
        labels.push(Arc::from(label));
    }
    let bucket_bits = input.u32()?;
    if !(1..=MAX_BUCKET_BITS).contains(&bucket_bits) {
        return Err(format!("{bucket_bits} bucket bits"));
    }
    let n_tags = tag_count(n_labels);
    let raw_transitions = input
        .bytes((n_tags + 1) * n_tags * 4)?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let lexicon = Lexicon::read_from(&mut input)?;
    let dictionary = Dictionary::read_from(&mut input)?;
    let weights = input
        .bytes((1usize << bucket_bits) * n_tags * 2)?
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    if !input.bytes.is_empty() {
        return Err("trailing bytes after the weights".to_string());
    }
    Ok(Tagger::from_parts(
        labels,
        bucket_bits,
        raw_transitions,
        weights,
        lexicon,
        dictionary,
    ))
}

impl Tagger {
    /// Reads a gzip-compressed model from memory; `origin` names it in errors.
    pub(crate) fn from_gzip(gz: &[u8], origin: &Path) -> Result<Tagger> {
        let model_error = |message: String| Error::Model {
            path: origin.to_path_buf(),
            message,
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut bytes)
            .map_err(|e| model_error(format!("cannot decompress: {e}")))?;
        from_bytes(&bytes).map_err(model_error)
    }

    pub fn load(path: &Path) -> Result<Tagger> {
        let gz = std::fs::read(path).map_err(|source| Error::io(path, source))?;
        Tagger::from_gzip(&gz, path)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let io_error = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::create(path).map_err(io_error)?;
        let mut encoder = flate2::write::GzEncoder::new(
            std::io::BufWriter::new(file),
            flate2::Compression::best(),
        );
        encoder.write_all(&to_bytes(self)).map_err(io_error)?;
        encoder
            .finish()
            .and_then(|mut w| w.flush())
            .map_err(io_error)
    }

    /// Assembles a tagger, constraining its transitions to valid IOB2.
    pub(crate) fn from_parts(
        labels: Vec<Arc<str>>,
        bucket_bits: u32,
        raw_transitions: Vec<f32>,
        weights: Vec<i16>,
        lexicon: Lexicon,
        dictionary: Dictionary,
    ) -> Tagger {
        let n_tags = tag_count(labels.len());
        Tagger {
            transitions: constrain(&raw_transitions, n_tags),
            labels,
            n_tags,
            bucket_bits,
            raw_transitions,
            weights,
            lexicon,
            dictionary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_models_are_errors_not_panics() {
        let path = Path::new("broken.model");
        assert!(Tagger::from_gzip(b"not gzip at all", path).is_err());
        let tagger = Tagger::from_parts(
            vec![Arc::from("LOC")],
            4,
            vec![0.5; 12],
            vec![1; 16 * 3],
            Lexicon::empty(),
            Dictionary::default(),
        );
        let bytes = to_bytes(&tagger);
        for cut in [0, 5, MAGIC.len() + 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back.weights, tagger.weights);
        assert_eq!(back.raw_transitions, tagger.raw_transitions);
        let mut wrong_version = bytes.clone();
        wrong_version[MAGIC.len()] ^= 0xff;
        let err = from_bytes(&wrong_version).unwrap_err();
        assert!(err.contains("feature version"), "{err}");
    }
}
