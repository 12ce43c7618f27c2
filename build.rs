//! Build script: the SHA-256 of each model shipped in data/ner/, computed once here for
//! `run.json` instead of at the start of every run (hashing the compressed models took about a
//! tenth of a small run's instructions). `ShippedModel::sha256` reads them with `env!`.

use sha2::{Digest, Sha256};

fn main() {
    for (name, path) in [
        ("ELNER4", "data/ner/elner4.model"),
        ("ELNER18", "data/ner/elner18.model"),
    ] {
        println!("cargo:rerun-if-changed={path}");
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => panic!("cannot read the shipped model {path}: {e}"),
        };
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        println!("cargo:rustc-env=ELPIPE_{name}_SHA256={hex}");
    }
}
