#!/usr/bin/env python3
"""Count the tokens that differ between two tokens.csv files of the same corpus.

Tokens are matched by (doc_id, start, end). A token present on one side only counts as cut or
joined differently; a matched token counts once per column whose value differs (norm, stem,
stopword, kind, iob, entity_type). Prints the counts and a few examples of each.

    python3 scripts/compare_tokens.py BEFORE/tokens.csv AFTER/tokens.csv [--examples 5]
"""

import argparse
import csv
import sys
from collections import Counter, defaultdict

COLUMNS = ["norm", "stem", "stopword", "kind", "iob", "entity_type"]


def read(path):
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["doc_id"], int(r["start"]), int(r["end"])): r for r in csv.DictReader(f)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    before, after = read(args.before), read(args.after)
    counts = Counter()
    examples = defaultdict(list)
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            counts["new span"] += 1
            examples["new span"].append(row["text"])
            continue
        for column in COLUMNS:
            if old[column] != row[column]:
                counts[column] += 1
                examples[column].append(f"{row['text']}: {old[column]!r} -> {row[column]!r}")
    gone = [k for k in before if k not in after]
    counts["span gone"] = len(gone)
    examples["span gone"] = [before[k]["text"] for k in gone]
    print(f"tokens before {len(before)}, after {len(after)}")
    for name in ["span gone", "new span"] + COLUMNS:
        shown = "; ".join(list(dict.fromkeys(examples[name]))[: args.examples])
        print(f"{name:12} {counts[name]:8}  {shown}")


if __name__ == "__main__":
    main()
