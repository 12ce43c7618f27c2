#!/usr/bin/env bash
# Compare elpipe with spaCy 3.8 on the same Greek documents: speed, peak memory and NER quality.
#
#   bench/compare_spacy.sh            # 10 MB corpus
#   SIZE_MB=50 bench/compare_spacy.sh
#
# Not run by CI: it installs spaCy into a virtualenv and trains a spaCy NER model on elNER-4 the
# first time (tens of minutes on 2 cores). Everything it downloads or trains lives under
# $ELPIPE_BENCH_CACHE (default ~/.cache/elpipe-bench) and is reused on later runs; delete
# $ELPIPE_BENCH_CACHE/spacy-elner4 to retrain.
#
# What it measures, each in its own process under /usr/bin/time -v (peak RSS), single-threaded:
#   spaCy tokenizer   nlp.make_doc over every text
#   spaCy NER         nlp.pipe(texts, n_process=1), default batch size, trained elNER-4 model
#   elpipe            elpipe run corpus.jsonl --threads 1 (every table written)
# Throughput is words (whitespace-separated, the same count for every tool) and MB of text per
# second of wall-clock time for the whole process: reading the JSONL, loading the model,
# processing and, for elpipe, writing the CSV tables. spaCy's time inside its loop alone is printed
# under the table. Dev F1 is entity-level on elNER-4 dev: `spacy evaluate` for spaCy (which picked
# its best checkpoint on dev), `elpipe eval --gold dev.iob2` for elpipe.
#
# Settings (environment variables):
#   SIZE_MB=10                 corpus size, built by bench/build_corpus.py
#   CORPUS=/tmp/elpipe-bench-corpus-$SIZE_MB   where the corpus is built (or an existing one)
#   ELPIPE=target/release/elpipe               the binary to measure ($CARGO_TARGET_DIR honoured)
#   ELPIPE_DATA=../shared/data                 the datasets folder
#   MAX_STEPS=6000 MAX_EPOCHS=10               cap on spaCy training (whichever comes first)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MB=${SIZE_MB:-10}
CACHE=${ELPIPE_BENCH_CACHE:-$HOME/.cache/elpipe-bench}
VENV=$CACHE/venv
SPACY_MODEL_DIR=$CACHE/spacy-elner4
SPACY_DATA=$CACHE/data
MAX_STEPS=${MAX_STEPS:-6000}
MAX_EPOCHS=${MAX_EPOCHS:-10}
CORPUS=${CORPUS:-/tmp/elpipe-bench-corpus-$SIZE_MB}
ELPIPE=${ELPIPE:-${CARGO_TARGET_DIR:-$REPO/target}/release/elpipe}

find_data() {
    local dir=$REPO
    while [ "$dir" != / ]; do
        dir=$(dirname "$dir")
        if [ -d "$dir/shared/data" ]; then
            echo "$dir/shared/data"
            return
        fi
    done
    echo "$REPO/../shared/data"
}
DATA=${ELPIPE_DATA:-$(find_data)}
ELNER=$DATA/elner/elNER4
for f in "$ELNER/train.iob2" "$ELNER/dev.iob2"; do
    [ -f "$f" ] || { echo "compare_spacy: missing $f (set ELPIPE_DATA)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "compare_spacy: needs GNU time at /usr/bin/time" >&2; exit 2; }

WORK=$(mktemp -d /tmp/elpipe-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# One thread everywhere: the comparison is per core.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

log() { echo "compare_spacy: $*" >&2; }

# --- 1. Python environment with spaCy 3.8 --------------------------------------------------------
if ! "$VENV/bin/python" -c 'import spacy, sys; sys.exit(not spacy.__version__.startswith("3.8"))' \
    2>/dev/null; then
    log "creating $VENV with spaCy 3.8"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet 'spacy>=3.8,<3.9'
fi
PY=$VENV/bin/python

# --- 2. elNER-4 in spaCy's binary format ---------------------------------------------------------
cat >"$WORK/iob2_to_spacy.py" <<'PY'
"""Convert `token TAG` lines (IOB2, blank line between sentences) to a .spacy DocBin."""
import sys

import spacy
from spacy.tokens import Doc, DocBin

source, target = sys.argv[1], sys.argv[2]
nlp = spacy.blank("el")
docs = DocBin()


def add(words, tags):
    # An I- tag that does not continue an entity of its type starts one (spaCy rejects it).
    fixed, previous = [], "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    docs.add(Doc(nlp.vocab, words=words, ents=fixed))


words, tags = [], []
with open(source, encoding="utf-8") as lines:
    for line in lines:
        fields = line.split()
        if fields:
            words.append(fields[0])
            tags.append(fields[-1])
        elif words:
            add(words, tags)
            words, tags = [], []
if words:
    add(words, tags)
docs.to_disk(target)
print(f"{source}: {len(docs)} sentences -> {target}", file=sys.stderr)
PY
mkdir -p "$SPACY_DATA"
for split in train dev; do
    if [ ! -f "$SPACY_DATA/$split.spacy" ]; then
        "$PY" "$WORK/iob2_to_spacy.py" "$ELNER/$split.iob2" "$SPACY_DATA/$split.spacy.tmp"
        mv "$SPACY_DATA/$split.spacy.tmp" "$SPACY_DATA/$split.spacy"
    fi
done

# --- 3. spaCy NER model, trained once and cached -------------------------------------------------
SPACY_MODEL=$SPACY_MODEL_DIR/model-best
if [ ! -f "$SPACY_MODEL/meta.json" ]; then
    log "training spaCy NER on elNER-4 train (max $MAX_STEPS steps / $MAX_EPOCHS epochs);" \
        "log: $CACHE/train.log"
    "$PY" -m spacy init config "$CACHE/config.cfg" --force \
        --lang el --pipeline ner --optimize efficiency >/dev/null
    rm -rf "$SPACY_MODEL_DIR.tmp"
    nice -n 10 "$PY" -m spacy train "$CACHE/config.cfg" --output "$SPACY_MODEL_DIR.tmp" \
        --paths.train "$SPACY_DATA/train.spacy" --paths.dev "$SPACY_DATA/dev.spacy" \
        --training.max_steps "$MAX_STEPS" --training.max_epochs "$MAX_EPOCHS" \
        --training.eval_frequency 500 >"$CACHE/train.log" 2>&1 \
        || { log "spaCy training failed, see $CACHE/train.log"; exit 1; }
    rm -rf "$SPACY_MODEL_DIR"
    mv "$SPACY_MODEL_DIR.tmp" "$SPACY_MODEL_DIR"
fi

# --- 4. The documents ----------------------------------------------------------------------------
if [ ! -f "$CORPUS/corpus.jsonl" ]; then
    python3 "$REPO/bench/build_corpus.py" --size-mb "$SIZE_MB" --out "$CORPUS" --formats jsonl \
        --data "$DATA" >&2
fi
JSONL=$CORPUS/corpus.jsonl

# --- 5. Speed and memory -------------------------------------------------------------------------
cat >"$WORK/spacy_run.py" <<'PY'
"""Run spaCy's tokenizer or its full pipeline over the texts of a JSONL file."""
import json
import sys
import time

import spacy

mode, model, jsonl, out = sys.argv[1:5]
with open(jsonl, encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines]
nlp = spacy.load(model)
start = time.perf_counter()
tokens = entities = 0
if mode == "tokenizer":
    for text in texts:
        tokens += len(nlp.make_doc(text))
else:
    for doc in nlp.pipe(texts, n_process=1):
        tokens += len(doc)
        entities += len(doc.ents)
seconds = time.perf_counter() - start
with open(out, "w") as result:
    json.dump({"seconds": seconds, "tokens": tokens, "entities": entities}, result)
PY

# Runs a command under GNU time; its report goes to $WORK/$1.time.
measure() {
    local name=$1
    shift
    log "running $name"
    /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" \
        || { log "$name failed:"; tail -5 "$WORK/$name.err" >&2; return 1; }
}

measure spacy_tokenizer "$PY" "$WORK/spacy_run.py" tokenizer "$SPACY_MODEL" "$JSONL" \
    "$WORK/spacy_tokenizer.json"
measure spacy_ner "$PY" "$WORK/spacy_run.py" ner "$SPACY_MODEL" "$JSONL" "$WORK/spacy_ner.json"

ELPIPE_RAN=no
if [ -x "$ELPIPE" ]; then
    if measure elpipe "$ELPIPE" run "$JSONL" --out "$WORK/elpipe-out" --threads 1 --quiet; then
        ELPIPE_RAN=yes
    fi
else
    log "no elpipe binary at $ELPIPE (cargo build --release), skipping it"
fi

# --- 6. Quality on elNER-4 dev -------------------------------------------------------------------
"$PY" -m spacy evaluate "$SPACY_MODEL" "$SPACY_DATA/dev.spacy" --output "$WORK/spacy_dev.json" \
    >/dev/null
ELPIPE_F1=
if [ "$ELPIPE_RAN" = yes ]; then
    ELPIPE_F1=$("$ELPIPE" eval --gold "$ELNER/dev.iob2" | awk '$1 == "overall" { print $4 }') || true
fi

# --- 7. The table --------------------------------------------------------------------------------
python3 - "$WORK" "$JSONL" "$ELPIPE_RAN" "$ELPIPE_F1" "$ELPIPE" <<'PY'
import json
import re
import sys
from pathlib import Path

work, jsonl, elpipe_ran, elpipe_f1, elpipe = sys.argv[1:6]
work = Path(work)

words = size = documents = 0
with open(jsonl, encoding="utf-8") as lines:
    for line in lines:
        text = json.loads(line)["text"]
        words += len(text.split())
        size += len(text.encode("utf-8"))
        documents += 1


def gnu_time(name):
    """Wall-clock seconds and peak RSS in MB from a /usr/bin/time -v report."""
    report = (work / f"{name}.time").read_text()
    clock = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", report).group(1)
    seconds = 0.0
    for part in clock.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    return seconds, rss_kb / 1024


spacy_f1 = json.loads((work / "spacy_dev.json").read_text())["ents_f"]
rows = [
    ("spaCy 3.8 tokenizer (`nlp.make_doc`)", "spacy_tokenizer", None),
    ("spaCy 3.8 NER (`nlp.pipe`, n_process=1)", "spacy_ner", spacy_f1),
]
if elpipe_ran == "yes":
    rows.append(("elpipe run --threads 1 (all tables)", "elpipe", float(elpipe_f1) if elpipe_f1 else None))

measured = {name: gnu_time(name) for _, name, _ in rows}
ner_rate = words / measured["spacy_ner"][0]

print(f"\n{documents} documents, {words:,} words, {size / 1e6:.1f} MB of text ({jsonl})\n")
print("| tool | words/s | MB/s | peak RSS | ratio vs spaCy NER | dev F1 (elNER-4) |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for label, name, f1 in rows:
    seconds, rss = measured[name]
    rate = words / seconds
    f1_text = f"{100 * f1:.2f}" if f1 is not None else "—"
    print(
        f"| {label} | {rate:,.0f} | {size / 1e6 / seconds:.2f} | {rss:,.0f} MB "
        f"| {rate / ner_rate:.2f}× | {f1_text} |"
    )
print(
    "\nwords/s and MB/s: wall-clock time of the whole process (read the JSONL, load the model, "
    "process, write). spaCy inside its processing loop alone:"
)
for name in ("spacy_tokenizer", "spacy_ner"):
    inner = json.loads((work / f"{name}.json").read_text())
    print(
        f"- {name}: {words / inner['seconds']:,.0f} words/s inside the loop alone "
        f"({inner['seconds']:.1f} s, {inner['tokens']:,} spaCy tokens, {inner['entities']:,} entities)"
    )
if elpipe_ran != "yes":
    print(f"- elpipe: not measured (no binary at {elpipe})")
PY
