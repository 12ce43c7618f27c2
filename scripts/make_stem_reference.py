#!/usr/bin/env python3
"""Build tests/data/snowball_greek.tsv: lowercase Greek words and their Snowball Greek stems.

The stems come from the reference Snowball implementation for Python (`snowballstemmer`, BSD-3),
so the Rust test `tests/stem_reference.rs` can check that rust-stemmers agrees with it.

The words are a seeded random sample of the lowercase, letters-only entries of the Hunspell Greek
dictionary (Debian package `hunspell-el`, MPL-1.1 / GPL-2 / LGPL-2.1): single dictionary words,
no sentences. The six words on which rust-stemmers 1.2.0 panics are appended whether or not the
sample drew them, so the test can show how they are handled.

    python3 -m venv /tmp/stemref && /tmp/stemref/bin/pip install snowballstemmer
    apt-get download hunspell-el && dpkg -x hunspell-el_*.deb hunspell-el
    /tmp/stemref/bin/python scripts/make_stem_reference.py \
        --dic hunspell-el/usr/share/hunspell/el_GR.dic --out tests/data/snowball_greek.tsv

Output: one `word<TAB>stem` line per word, sorted by word, UTF-8, no header.
"""

import argparse
import random
import unicodedata

import snowballstemmer

PANICKING_IN_RUST_STEMMERS = ["ισαισα", "αντίθετε", "ανεύρετε", "ανυπέρθετε", "εμπύρετε", "παγαίνετε"]


def is_lowercase_greek_word(word: str) -> bool:
    """Only Greek lowercase letters (accented or not), at least two of them."""
    if len(word) < 2:
        return False
    for c in word:
        if not (c.isalpha() and c.islower() and "GREEK" in unicodedata.name(c, "")):
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dic", required=True, help="el_GR.dic from hunspell-el (ISO-8859-7)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with open(args.dic, encoding="iso-8859-7") as dic:
        lines = dic.read().splitlines()
    # The first line of a .dic file is the entry count; entries may carry "/flags".
    words = sorted({line.split("/")[0].strip() for line in lines[1:]})
    words = [w for w in words if is_lowercase_greek_word(w)]
    sample = set(random.Random(args.seed).sample(words, min(args.count, len(words))))
    sample.update(PANICKING_IN_RUST_STEMMERS)

    stemmer = snowballstemmer.stemmer("greek")
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for word in sorted(sample):
            out.write(f"{word}\t{stemmer.stemWord(word)}\n")
    print(f"{len(sample)} words from {len(words)} candidates -> {args.out}")


if __name__ == "__main__":
    main()
