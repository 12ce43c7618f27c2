//! The model file: a gzip stream of a little-endian binary layout.
//!
//! ```text
//! magic "elpipe-ner-2\0", feature version u32, norm version u32,
//! label count u32, then per label: byte length u32 + UTF-8 bytes,
//! bucket bits u32, transitions ((tags + 1) × tags f32),
//! gazetteer (see Gazetteer::write_to), entity dictionary (see Dictionary::write_to),
//! weights ((2^bucket_bits + 2^CAPITALS_BITS) × tags i16: the main table, then since feature
//! version 3 the table of the features of sentences in capitals, see features::capitals_bucket)
//! ```
//!
//! Files written before the norm version existed start with "elpipe-ner\0" and have no norm
//! version field; they were all trained with norm version 1 and are read as such, so this elpipe
//! (norm version 2 and later) refuses them with a message naming `elpipe train`.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::binary::{ModelError, Reader, Writer};
use super::decode::{constrain, tag_count};
use super::dictionary::Dictionary;
use super::features::{CAPITALS_BITS, FEATURE_VERSION};
use super::gazetteer::Gazetteer;
use super::Tagger;
use crate::normalize::NORM_VERSION;
use crate::{Error, Result};

const MAGIC: &[u8] = b"elpipe-ner-2\0";
/// The magic of files without a norm version field (trained with norm version 1).
const MAGIC_BEFORE_NORM_VERSION: &[u8] = b"elpipe-ner\0";
/// The norm version of files without the field.
const NORM_VERSION_BEFORE_FIELD: u32 = 1;
/// Largest accepted hash table: 2^26 buckets.
const MAX_BUCKET_BITS: u32 = 26;
/// Most entity types a model may have.
const MAX_LABELS: u32 = 1000;

/// Serializes `tagger` (uncompressed).
fn to_bytes(tagger: &Tagger) -> Vec<u8> {
    let mut out = Vec::with_capacity(tagger.weights.len() * 2 + 1024);
    let mut w = Writer::new(&mut out);
    w.bytes(MAGIC);
    w.u32(FEATURE_VERSION);
    w.u32(NORM_VERSION);
    w.u32(tagger.labels.len() as u32);
    for label in &tagger.labels {
        w.u32(label.len() as u32);
        w.bytes(label.as_bytes());
    }
    w.u32(tagger.bucket_bits);
    for t in &tagger.raw_transitions {
        w.bytes(&t.to_le_bytes());
    }
    tagger.gazetteer.write_to(&mut w);
    tagger.dictionary.write_to(&mut w);
    for weight in &tagger.weights {
        w.bytes(&weight.to_le_bytes());
    }
    out
}

/// Parses what [`to_bytes`] wrote, or a file from before the norm version field.
fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
    let mut input = Reader::new(bytes);
    let has_norm_version = if bytes.starts_with(MAGIC) {
        input.bytes(MAGIC.len())?;
        true
    } else if bytes.starts_with(MAGIC_BEFORE_NORM_VERSION) {
        input.bytes(MAGIC_BEFORE_NORM_VERSION.len())?;
        false
    } else if MAGIC.starts_with(bytes) || MAGIC_BEFORE_NORM_VERSION.starts_with(bytes) {
        return Err(ModelError::Truncated);
    } else {
        return Err(ModelError::NotAModel);
    };
    let version = input.u32()?;
    if version != FEATURE_VERSION {
        return Err(ModelError::FeatureVersion {
            found: version,
            expected: FEATURE_VERSION,
        });
    }
    let norm_version = if has_norm_version {
        input.u32()?
    } else {
        NORM_VERSION_BEFORE_FIELD
    };
    if norm_version != NORM_VERSION {
        return Err(ModelError::NormVersion {
            found: norm_version,
            expected: NORM_VERSION,
        });
    }
    let n_labels = input.u32()?;
    if n_labels == 0 || n_labels > MAX_LABELS {
        return Err(ModelError::OutOfRange {
            what: "the number of entity types",
            value: u64::from(n_labels),
            range: "1..=1000",
        });
    }
    let mut labels = Vec::with_capacity(n_labels as usize);
    for _ in 0..n_labels {
        let len = input.u32()?;
        let label = std::str::from_utf8(input.items(u64::from(len), 1)?)
            .map_err(|_| ModelError::LabelNotUtf8)?;
        labels.push(Arc::from(label));
    }
    let bucket_bits = input.u32()?;
    if !(1..=MAX_BUCKET_BITS).contains(&bucket_bits) {
        return Err(ModelError::OutOfRange {
            what: "the hash table's bits",
            value: u64::from(bucket_bits),
            range: "1..=26",
        });
    }
    let n_tags = tag_count(labels.len());
    let raw_transitions = input
        .items(((n_tags + 1) * n_tags) as u64, 4)?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let gazetteer = Gazetteer::read_from(&mut input)?;
    let dictionary = Dictionary::read_from(&mut input)?;
    let weights = input
        .items(
            (((1usize << bucket_bits) + (1 << CAPITALS_BITS)) * n_tags) as u64,
            2,
        )?
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    if !input.is_empty() {
        return Err(ModelError::TrailingBytes);
    }
    Ok(Tagger::from_parts(
        labels,
        bucket_bits,
        raw_transitions,
        weights,
        gazetteer,
        dictionary,
    ))
}

impl Tagger {
    /// Reads a gzip-compressed model from memory; `origin` names it in errors.
    pub(crate) fn from_gzip(gz: &[u8], origin: &Path) -> Result<Tagger> {
        let model_error = |source: ModelError| Error::Model {
            path: origin.to_path_buf(),
            source,
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut bytes)
            .map_err(|e| model_error(ModelError::Decompress(e)))?;
        from_bytes(&bytes).map_err(model_error)
    }

    /// Reads a model file written by [`Tagger::save`] (`elpipe train`). Errors: the file cannot
    /// be read ([`Error::Io`], [`Error::MissingInput`]) or is not a model this elpipe can use
    /// ([`Error::Model`] with a [`ModelError`]).
    pub fn load(path: &Path) -> Result<Tagger> {
        let gz = std::fs::read(path).map_err(|source| Error::io(path, source))?;
        Tagger::from_gzip(&gz, path)
    }

    /// Writes the model to `path` (gzip, see the module documentation for the layout).
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
        gazetteer: Gazetteer,
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
            gazetteer,
            dictionary,
            id: NEXT_TAGGER_ID.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// The id of the next tagger assembled (from 1; see `Tagger::id`).
static NEXT_TAGGER_ID: AtomicU64 = AtomicU64::new(1);

#[cfg(test)]
mod tests {
    use super::*;

    fn small_tagger() -> Tagger {
        Tagger::from_parts(
            vec![Arc::from("LOC")],
            4,
            vec![0.5; 12],
            vec![1; (16 + (1 << CAPITALS_BITS)) * 3],
            Gazetteer::empty(),
            Dictionary::default(),
        )
    }

    #[test]
    fn corrupt_models_are_errors_not_panics() {
        let path = Path::new("broken.model");
        let err = Tagger::from_gzip(b"not gzip at all", path).unwrap_err();
        assert!(matches!(
            err,
            Error::Model {
                source: ModelError::Decompress(_),
                ..
            }
        ));
        assert!(err.to_string().contains("broken.model"), "{err}");
        let tagger = small_tagger();
        let bytes = to_bytes(&tagger);
        for cut in [0, 5, MAGIC.len() + 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                matches!(from_bytes(&bytes[..cut]), Err(ModelError::Truncated)),
                "cut at {cut}"
            );
        }
        assert!(matches!(
            from_bytes(b"elpipe-something-else"),
            Err(ModelError::NotAModel)
        ));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(
            from_bytes(&longer),
            Err(ModelError::TrailingBytes)
        ));
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back.weights, tagger.weights);
        assert_eq!(back.raw_transitions, tagger.raw_transitions);
        let mut wrong_version = bytes.clone();
        wrong_version[MAGIC.len()] ^= 0xff;
        let err = from_bytes(&wrong_version).unwrap_err();
        assert!(matches!(err, ModelError::FeatureVersion { .. }), "{err}");
        assert!(err.to_string().contains("elpipe train"), "{err}");
    }

    #[test]
    fn a_model_from_another_norm_is_refused_naming_the_fix() {
        let mut bytes = to_bytes(&small_tagger());
        let at = MAGIC.len() + 4;
        bytes[at..at + 4].copy_from_slice(&(NORM_VERSION + 1).to_le_bytes());
        let err = from_bytes(&bytes).unwrap_err();
        assert!(
            matches!(err, ModelError::NormVersion { found, expected }
                if found == NORM_VERSION + 1 && expected == NORM_VERSION),
            "{err}"
        );
        let message = err.to_string();
        assert!(message.contains("norm version") && message.contains("elpipe train"));
    }

    #[test]
    fn a_model_from_before_the_norm_version_field_is_read_as_norm_version_1() {
        // the old layout: the old magic, the feature version, then straight to the labels
        let new = to_bytes(&small_tagger());
        let mut old = MAGIC_BEFORE_NORM_VERSION.to_vec();
        old.extend_from_slice(&new[MAGIC.len()..MAGIC.len() + 4]);
        old.extend_from_slice(&new[MAGIC.len() + 8..]);
        match from_bytes(&old) {
            // read when this elpipe's norm is still version 1
            Ok(tagger) => {
                assert_eq!(NORM_VERSION, NORM_VERSION_BEFORE_FIELD);
                assert_eq!(
                    to_bytes(&tagger),
                    new,
                    "saving it again writes the new layout"
                );
            }
            // refused, naming the fix, once norm has changed
            Err(err) => {
                assert!(
                    matches!(err, ModelError::NormVersion { found: 1, expected }
                        if expected == NORM_VERSION),
                    "{err}"
                );
                assert!(err.to_string().contains("elpipe train"), "{err}");
            }
        }
    }
}
