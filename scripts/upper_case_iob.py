#!/usr/bin/env python3
"""Writes an IOB2 file with every word in Greek capitals, as headlines are set.

Greek capitals drop the accents (tonos, and the polytonic breathings and accents) and keep the
dialytika; a vowel that loses its accent before ι or υ gives them a dialytika instead, so that
the two still read as two syllables («Μάιος» → «ΜΑΪΟΣ», «ρολόι» → «ΡΟΛΟΪ»). Tags are unchanged.
Used to measure how a tagger does on headlines: `elpipe eval --gold` on the output.

usage: upper_case_iob.py IN.iob2 > OUT.iob2
"""
import sys
import unicodedata

# combining marks Greek capitals drop: acute/tonos, grave, perispomeni, psili, dasia,
# ypogegrammeni; the dialytika (U+0308) stays
DROPPED = {"\u0301", "\u0300", "\u0342", "\u0313", "\u0314", "\u0345"}
ACCENT = {"\u0301", "\u0300", "\u0342"}


def greek_capitals(word):
    out = []
    accented_vowel = False
    for c in unicodedata.normalize("NFD", word):
        if unicodedata.combining(c):
            if c in ACCENT and out and out[-1] in "ΑΕΟΥ":
                accented_vowel = True
            if c not in DROPPED:
                out.append(c)
            continue
        upper = c.upper() if len(c.upper()) == 1 else c
        if accented_vowel and upper in "ΙΥ":
            out.append(upper)
            out.append("\u0308")
        else:
            out.append(upper)
        accented_vowel = False
    # a dialytika already on the ι/υ is not doubled
    return unicodedata.normalize("NFC", "".join(out).replace("\u0308\u0308", "\u0308"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for line in open(sys.argv[1], encoding="utf-8"):
        parts = line.rstrip("\n").split(" ")
        if len(parts) >= 2:
            parts[0] = greek_capitals(parts[0])
            print(" ".join(parts))
        else:
            print(line.rstrip("\n"))


if __name__ == "__main__":
    main()
