#!/usr/bin/env python3
"""How elNER labels a place name set alone in guillemets (issue 17.3).

Counts, in IOB2 files, the capitalized single words between an opening and a closing quote whose
accentless lowercase form is in the place gazetteer (data/ner/gazetteers/place.txt.gz), by the
gold tag of the word, with the words and the two tokens before the opening quote.

    python3 scripts/guillemet_places.py ../shared/data/elner/elNER4/train.iob2 ../shared/data/elner/elNER4/dev.iob2
"""
import collections
import gzip
import os
import sys
import unicodedata

OPENING = {"«", '"', "“"}
CLOSING = {"»", '"', "”"}


def norm(word):
    """Accentless lowercase with a canonical final sigma, like the gazetteer's lines."""
    decomposed = unicodedata.normalize("NFD", word)
    out = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    out = out.replace("ς", "σ")
    return out[:-1] + "ς" if out.endswith("σ") else out


def sentences(path):
    sentence = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if sentence:
                    yield sentence
                sentence = []
            else:
                sentence.append((parts[0], parts[-1]))
    if sentence:
        yield sentence


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with gzip.open(os.path.join(root, "data/ner/gazetteers/place.txt.gz"), "rt") as f:
        places = set(f.read().split())
    tags = collections.Counter()
    words = collections.defaultdict(collections.Counter)
    before = collections.Counter()
    for path in sys.argv[1:]:
        for s in sentences(path):
            for i in range(1, len(s) - 1):
                word, tag = s[i]
                if not (s[i - 1][0] in OPENING and s[i + 1][0] in CLOSING):
                    continue
                if word[:1].isupper() and norm(word) in places:
                    label = tag[2:] if tag.startswith("B-") else tag
                    tags[label] += 1
                    words[label][word] += 1
                    before[" ".join(w for w, _ in s[max(0, i - 3) : i - 1])] += 1
    print("gold tags:", dict(tags))
    for label, counts in words.items():
        print(label, counts.most_common())
    print("two tokens before the quote:", before.most_common())


if __name__ == "__main__":
    main()
