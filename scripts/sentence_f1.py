#!/usr/bin/env python3
"""Sentence and token F1 of elpipe's tokenizer on a UD CoNLL-U file, by the raw-text protocol.

What the script does, exactly:
- Documents are the `# newdoc` groups of the file (a file without them is one document).
- Each document's raw text is rebuilt as the CoNLL 2018 shared task's `conllu_to_text.pl` rebuilds
  it from the word forms: the surface tokens in order (a multiword token's range line, e.g. «στο»,
  not its syntactic words σε + το), each followed by one space unless its MISC column has
  `SpaceAfter=No`; so a document's sentences are joined by single spaces. Unlike that script, lines
  are not wrapped at 80 characters by default (the protocol of issue 15: one line per document);
  `--wrap 80` wraps them as the script does (a line break replaces the last space before column 80).
  Every rebuilt sentence is checked against its `# text` line.
- The documents go through `elpipe run --format jsonl --tables tokens --no-tagging` (one JSONL
  line per document); tokens.csv gives each token's `sentence`, `start` and `end`, in code points
  into the document's text.
- Gold tokens are the surface tokens' character spans; a gold sentence is the span from its first
  token's start to its last token's end; predicted sentences likewise from tokens.csv. A token or
  sentence counts as found when a predicted one has exactly the same span (as in the shared task's
  evaluation script, which aligns the two texts character by character; here the texts are equal).
  F1 is micro-averaged over all documents.

usage: sentence_f1.py ELPIPE_BINARY FILE.conllu [--wrap N] [--errors N]
                      [--min-sentence-f1 F] [--min-token-f1 F]
"""
import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


def read_documents(path):
    """Yields documents as lists of sentences; a sentence is (text line, [(form, space_after)])."""
    document, tokens, text, skip_until = [], [], None, 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            if line.startswith("# newdoc") and document:
                yield document
                document = []
            elif line.startswith("# text = "):
                text = line[len("# text = "):]
            continue
        if not line.strip():
            if tokens:
                document.append((text, tokens))
            tokens, text, skip_until = [], None, 0
            continue
        cols = line.split("\t")
        ident = cols[0]
        space_after = "SpaceAfter=No" not in cols[9].split("|")
        if "-" in ident:
            first, last = ident.split("-")
            skip_until = int(last)
            tokens.append((cols[1], space_after))
        elif "." in ident:
            continue  # empty nodes have no surface
        elif int(ident) > skip_until:
            tokens.append((cols[1], space_after))
    if tokens:
        document.append((text, tokens))
    if document:
        yield document


def build(document, wrap):
    """The document's text, gold token spans and gold sentence spans (code points)."""
    text = ""
    token_spans, sentence_spans = [], []
    for line, tokens in document:
        sentence_start = len(text)
        for form, space_after in tokens:
            token_spans.append((len(text), len(text) + len(form)))
            text += form + (" " if space_after else "")
        sentence_end = token_spans[-1][1]
        rebuilt = text[sentence_start:sentence_end]
        if line is not None and rebuilt != line.rstrip():
            print(f"warning: rebuilt sentence differs from its # text: {rebuilt!r}", file=sys.stderr)
        sentence_spans.append((sentence_start, sentence_end))
    text = text.rstrip(" ")
    if wrap:
        text = wrap_lines(text, wrap)
    return text, token_spans, sentence_spans


def wrap_lines(text, limit):
    """conllu_to_text.pl's wrapping: a line break replaces the last space before the limit."""
    chars = list(text)
    line_start = 0
    last_space = None
    for i, c in enumerate(chars):
        if c == " ":
            if i - line_start > limit and last_space is not None:
                chars[last_space] = "\n"
                line_start = last_space + 1
            last_space = i
    if len(chars) - line_start > limit and last_space is not None and last_space >= line_start:
        chars[last_space] = "\n"
    return "".join(chars)


def f1(found, gold_count, predicted_count):
    precision = found / predicted_count if predicted_count else 0.0
    recall = found / gold_count if gold_count else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f


def show(text, at, width=60):
    return text[max(0, at - width):at].replace("\n", "⏎") + " ‖ " + text[at:at + width].replace("\n", "⏎")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("conllu")
    parser.add_argument("--wrap", type=int, default=0, help="wrap lines at N characters as conllu_to_text.pl does (default: no wrapping)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N missed and N spurious sentence starts (for error analysis; never copy them into the project)")
    parser.add_argument("--min-sentence-f1", type=float)
    parser.add_argument("--min-token-f1", type=float)
    args = parser.parse_args()
    texts, gold_tokens, gold_sentences = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "documents.jsonl"
        with open(docs, "w", encoding="utf-8") as out:
            for i, document in enumerate(read_documents(args.conllu)):
                doc_id = f"d{i}"
                text, tokens, sentences = build(document, args.wrap)
                texts[doc_id], gold_tokens[doc_id], gold_sentences[doc_id] = text, set(tokens), set(sentences)
                out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        tables = Path(tmp) / "out"
        subprocess.run(
            [args.binary, "run", str(docs), "--format", "jsonl", "--out", str(tables),
             "--tables", "tokens", "--no-tagging", "--quiet"],
            check=True,
        )
        predicted_tokens = defaultdict(set)
        spans = {}
        with open(tables / "tokens.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                doc, start, end = row["doc_id"], int(row["start"]), int(row["end"])
                predicted_tokens[doc].add((start, end))
                key = (doc, int(row["sentence"]))
                if key in spans:
                    spans[key] = (min(spans[key][0], start), max(spans[key][1], end))
                else:
                    spans[key] = (start, end)
    predicted_sentences = defaultdict(set)
    for (doc, _), span in spans.items():
        predicted_sentences[doc].add(span)

    def score(gold, predicted):
        found = sum(len(gold[d] & predicted[d]) for d in gold)
        return f1(found, sum(map(len, gold.values())), sum(len(predicted[d]) for d in gold))

    tp, tr, tf = score(gold_tokens, predicted_tokens)
    sp, sr, sf = score(gold_sentences, predicted_sentences)
    print(f"documents {len(texts)}, gold sentences {sum(map(len, gold_sentences.values()))}, "
          f"gold tokens {sum(map(len, gold_tokens.values()))}")
    print(f"sentences: precision {sp:.4f} recall {sr:.4f} F1 {sf:.4f}")
    print(f"tokens:    precision {tp:.4f} recall {tr:.4f} F1 {tf:.4f}")
    if args.errors:
        starts = lambda spans_: {s for s, _ in spans_}
        missed, spurious = [], []
        for d in texts:
            gold, pred = starts(gold_sentences[d]), starts(predicted_sentences[d])
            missed += [show(texts[d], s) for s in sorted(gold - pred)]
            spurious += [show(texts[d], s) for s in sorted(pred - gold)]
        print(f"\n{len(missed)} missed sentence starts:")
        print("\n".join(missed[:args.errors]))
        print(f"\n{len(spurious)} spurious sentence starts:")
        print("\n".join(spurious[:args.errors]))
        token_errors = []
        for d in texts:
            gold_only = sorted(gold_tokens[d] - predicted_tokens[d])
            predicted_only = sorted(predicted_tokens[d] - gold_tokens[d])
            token_errors += [f"gold {texts[d][s:e]!r} in: {show(texts[d], s, 30)}" for s, e in gold_only]
            token_errors += [f"ours {texts[d][s:e]!r} in: {show(texts[d], s, 30)}" for s, e in predicted_only]
        print(f"\n{len(token_errors)} token errors (gold tokens not found, predicted tokens not in gold):")
        print("\n".join(token_errors[:args.errors]))
    failed = False
    if args.min_sentence_f1 is not None and sf < args.min_sentence_f1:
        print(f"FAIL: sentence F1 {sf:.4f} < {args.min_sentence_f1}", file=sys.stderr)
        failed = True
    if args.min_token_f1 is not None and tf < args.min_token_f1:
        print(f"FAIL: token F1 {tf:.4f} < {args.min_token_f1}", file=sys.stderr)
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
