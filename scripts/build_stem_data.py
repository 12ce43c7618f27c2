#!/usr/bin/env python3
"""Build data/stem/masculine_ades.txt: masculine nouns in -άς whose plural is in -άδες.

Snowball's Greek stemmer gives «ψαράς» and «ψαράδες» different stems (`ψαρ`, `ψαραδ`); elpipe
stems a plural in -άδες/-άδων as its singular when the singular is on this list (src/stem.rs).
The list comes from the Hunspell Greek dictionary (Debian package `hunspell-el`, MPL-1.1 / GPL-2 /
LGPL-2.1), which has every inflected form as its own line: a lowercase word X-άς is listed when
X-άδες is in the dictionary too and X-άδα is not (then X-άδες is also the plural of a feminine
noun, as «ομάδες» of «ομάδα», and must keep Snowball's stem).

    apt-get download hunspell-el && dpkg -x hunspell-el_*.deb x/
    iconv -f iso-8859-7 -t utf-8 x/usr/share/hunspell/el_GR.dic > el.dic
    python3 scripts/build_stem_data.py --dic el.dic --out data/stem/masculine_ades.txt

Output: a comment header, then one singular per line in `norm` form (accentless, lowercase, final
ς), sorted.
"""

import argparse
import unicodedata


def norm(word: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return stripped.lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dic", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.dic, encoding="utf-8") as f:
        words = {line.strip().split("/")[0] for line in f if line.strip()}
    singulars = sorted(
        {
            norm(w)
            for w in words
            if w.endswith("άς") and w[0].islower() and w[:-2] + "άδες" in words and w[:-2] + "άδα" not in words
        }
    )
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# Masculine nouns in -άς with a plural in -άδες, in norm form (scripts/build_stem_data.py).\n")
        out.write("# Source: Hunspell Greek dictionary, Debian hunspell-el 1:7.5.0, MPL-1.1 / GPL-2 / LGPL-2.1.\n")
        for w in singulars:
            out.write(w + "\n")
    print(f"{len(singulars)} words written to {args.out}")


if __name__ == "__main__":
    main()
