#!/usr/bin/env python3
"""Entity F1 of `elpipe run` on raw text rebuilt from an IOB2 file.

Each gold sentence is detokenized into plain text (no space before closing punctuation, none
after opening brackets and quotes), gold entities are turned into character spans, the text goes
through the whole pipeline (our tokenizer included) and predicted entities from entities.csv are
matched by exact character span and type. This measures what a user with raw text gets.

The last line gives the overall figure again on the sentences without a touching hyphen pair of
capitalised words («ΑΕΚ-ΠΑΟΚ»): elNER writes such a pair as one token and one entity, while
elpipe's tokenizer reads two names (issue 10.5), so these sentences cost points that are no
tagging error.

usage: raw_text_f1.py ELPIPE_BINARY GOLD.iob2 [--model NAME|FILE] [--min-f1 F]
"""
import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

NO_SPACE_BEFORE = set(",.;:!?)]}»%…·'’") | {"''", "...", "»"}
NO_SPACE_AFTER = set("([{«") | {"``"}
# a gold token of two capitalised words joined by a hyphen, which elpipe splits in two
HYPHEN_PAIR = re.compile(r"^[^\W\d_]*[A-ZΑ-ΩΆ-Ώ][^\W\d_]*-[A-ZΑ-ΩΆ-Ώ]")


def read_iob2(path):
    sentence = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if not parts:
            if sentence:
                yield sentence
            sentence = []
        elif parts[0] != "-DOCSTART-":
            sentence.append((parts[0], parts[-1]))
    if sentence:
        yield sentence


def detokenize(sentence):
    """Returns the text and the gold entities as (start, end, type) in code points."""
    text = ""
    spans = []
    entity = None
    previous = None
    for token, tag in sentence:
        if text and token not in NO_SPACE_BEFORE and previous not in NO_SPACE_AFTER:
            text += " "
        start = len(text)
        text += token
        if tag.startswith("B-") or (tag.startswith("I-") and (entity is None or entity[2] != tag[2:])):
            if entity:
                spans.append(tuple(entity))
            entity = [start, len(text), tag[2:]]
        elif tag.startswith("I-"):
            entity[1] = len(text)
        else:
            if entity:
                spans.append(tuple(entity))
            entity = None
        previous = token
    if entity:
        spans.append(tuple(entity))
    return text, spans


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("gold")
    parser.add_argument("--min-f1", type=float)
    parser.add_argument("--model", help="passed to `elpipe run --model` (default: the shipped elner4)")
    args = parser.parse_args()
    gold = {}
    pairs = set()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "sentences.jsonl"
        with open(docs, "w", encoding="utf-8") as out:
            for i, sentence in enumerate(read_iob2(args.gold)):
                text, spans = detokenize(sentence)
                doc_id = f"s{i}"
                gold[doc_id] = set(spans)
                if any(HYPHEN_PAIR.match(token) for token, _ in sentence):
                    pairs.add(doc_id)
                out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        tables = Path(tmp) / "out"
        subprocess.run(
            [args.binary, "run", str(docs), "--out", str(tables), "--tables", "entities",
             "--keep-duplicate-lines", "--quiet"] + (["--model", args.model] if args.model else []),
            check=True,
        )
        predicted = {}
        with open(tables / "entities.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                predicted.setdefault(row["doc_id"], set()).add(
                    (int(row["start"]), int(row["end"]), row["type"]))
    types = sorted({t for spans in gold.values() for _, _, t in spans})
    print(f"{'type':8} {'precision':>9} {'recall':>9} {'f1':>9} {'gold':>6}")
    overall = None
    for label in types + ["overall", "no-pair"]:
        keep = (lambda s: True) if label in ("overall", "no-pair") else (lambda s, l=label: s[2] == l)
        tp = fp = fn = 0
        for doc_id in gold:
            if label == "no-pair" and doc_id in pairs:
                continue
            g = {s for s in gold[doc_id] if keep(s)}
            p = {s for s in predicted.get(doc_id, set()) if keep(s)}
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{label:8} {precision:9.4f} {recall:9.4f} {f1:9.4f} {tp + fn:6d}")
        if label == "overall":
            overall = f1
    print(f"(no-pair: the {len(gold) - len(pairs)} of {len(gold)} sentences without a touching hyphen pair)")
    if args.min_f1 is not None and overall < args.min_f1:
        print(f"raw-text F1 {overall:.4f} is below the required {args.min_f1:.4f}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
