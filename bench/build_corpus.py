#!/usr/bin/env python3
"""Build a benchmark corpus of Greek news-like documents of a chosen size.

The sentences come from the research datasets in ../shared/data (elNER-4 train and dev, whose
tokens are joined back into plain text, and the `# text =` lines of UD Greek-GDT). They are shuffled
and repeated until the corpus reaches the requested size, then grouped into documents of about 20
sentences split into 2 or 3 paragraphs (separated by one blank line each).

The datasets are licensed for non-commercial research only, so the corpus must stay out of the
repository: write it outside (the examples use /tmp) or under bench/corpus/, which git ignores.

    python3 bench/build_corpus.py --size-mb 50 --out /tmp/elpipe-corpus-50 [--seed 1]

writes
    OUT/txt/0000/doc0000001.txt ...   one document per file, 1000 files per subfolder
    OUT/corpus.jsonl                  one {"id", "date", "text"} object per line, same documents

`--size-mb` counts UTF-8 bytes of document text (10^6 bytes per MB). The output is the same for
the same seed and data; documents are written as they are built, so memory stays at the size of
the source sentences (a few MB) whatever the corpus size.
"""

import argparse
import datetime
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def default_data():
    """../shared/data seen from the repository, or from a folder above it (git worktrees)."""
    for folder in REPO.parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return REPO.parent / "shared" / "data"


# Tokens written without a space before them, and tokens written without a space after them.
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "»", "”", "’", "…", "...", "·", "%"}
NO_SPACE_AFTER = {"(", "[", "{", "«", "“", "‘"}
# Quotes typed the same way at both ends: odd occurrences open, even ones close.
TOGGLE_QUOTES = {'"', "'", "''"}

FILES_PER_FOLDER = 1000
FIRST_DATE = datetime.date(2024, 1, 1)
DAYS = 731  # two years of dates


def detokenize(tokens):
    """Join tokens into text as a writer would have typed it."""
    out = []
    glue_next = True  # no space before the first token
    open_quotes = set()
    for token in tokens:
        attach = glue_next or token in NO_SPACE_BEFORE
        glue_next = token in NO_SPACE_AFTER
        if token in TOGGLE_QUOTES:
            if token in open_quotes:
                open_quotes.discard(token)
                attach = True
            else:
                open_quotes.add(token)
                glue_next = True
        if out and not attach:
            out.append(" ")
        out.append(token)
    return "".join(out)


def iob_sentences(path):
    tokens = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if fields:
                tokens.append(fields[0])
            elif tokens:
                yield detokenize(tokens)
                tokens = []
    if tokens:
        yield detokenize(tokens)


def ud_sentences(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# text = "):
                yield line[len("# text = "):].strip()


def load_sentences(data):
    sources = [
        (iob_sentences, data / "elner" / "elNER4" / "train.iob2"),
        (iob_sentences, data / "elner" / "elNER4" / "dev.iob2"),
        (ud_sentences, data / "ud_gdt" / "train.conllu"),
        (ud_sentences, data / "ud_gdt" / "dev.conllu"),
    ]
    sentences = []
    for reader, path in sources:
        if not path.exists():
            sys.exit(f"build_corpus: missing {path} (set --data)")
        sentences.extend(s for s in reader(path) if s)
    return sentences


def sentence_stream(sentences, rng):
    """Endless stream of the sentences, reshuffled on every pass."""
    order = list(range(len(sentences)))
    while True:
        rng.shuffle(order)
        for i in order:
            yield sentences[i]


def documents(sentences, rng, target_bytes):
    """Yields document texts until their total UTF-8 size reaches target_bytes."""
    stream = sentence_stream(sentences, rng)
    total = 0
    while total < target_bytes:
        count = rng.randint(15, 25)
        picked = [next(stream) for _ in range(count)]
        paragraphs = rng.choice((2, 3))
        cuts = sorted(rng.sample(range(1, count), paragraphs - 1))
        bounds = [0, *cuts, count]
        text = "\n\n".join(" ".join(picked[a:b]) for a, b in zip(bounds, bounds[1:]))
        total += len(text.encode("utf-8"))
        yield text


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, required=True, help="corpus size in MB of text")
    parser.add_argument("--out", type=Path, help="output directory (default bench/corpus/<size>mb)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    parser.add_argument(
        "--formats", default="txt,jsonl", help="comma-separated: txt, jsonl (default both)"
    )
    args = parser.parse_args()

    formats = set(args.formats.split(","))
    if not formats or not formats <= {"txt", "jsonl"}:
        sys.exit("build_corpus: --formats takes txt, jsonl or txt,jsonl")
    out = args.out or REPO / "bench" / "corpus" / f"{args.size_mb:g}mb"
    rng = random.Random(args.seed)
    sentences = load_sentences(args.data)
    out.mkdir(parents=True, exist_ok=True)
    target = int(args.size_mb * 1_000_000)

    jsonl = open(out / "corpus.jsonl", "w", encoding="utf-8") if "jsonl" in formats else None
    count = words = size = 0
    try:
        for count, text in enumerate(documents(sentences, rng, target), start=1):
            doc_id = f"doc{count:07d}"
            # drawn whatever the formats, so the documents do not depend on them
            date = FIRST_DATE + datetime.timedelta(days=rng.randrange(DAYS))
            if "txt" in formats:
                folder = out / "txt" / f"{(count - 1) // FILES_PER_FOLDER:04d}"
                if (count - 1) % FILES_PER_FOLDER == 0:
                    folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
            if jsonl:
                record = {"id": doc_id, "date": date.isoformat(), "text": text}
                jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(text.split())
            size += len(text.encode("utf-8"))
    finally:
        if jsonl:
            jsonl.close()
    print(
        f"{out}: {count} documents, {words} words, {size / 1e6:.1f} MB of text "
        f"from {len(sentences)} source sentences (seed {args.seed})"
    )


if __name__ == "__main__":
    main()
