#!/usr/bin/env bash
# CI for the Spark recipe: installs PySpark if missing (Java 17 must be on the machine), builds a
# small corpus from the shipped seed texts, runs examples/spark/elpipe_spark.py with 4
# partitions in local mode, and compares every table with one `elpipe run`, byte for byte.
# Usage: bash examples/spark/ci.sh [ELPIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."

elpipe=${1:-target/release/elpipe}
[ -x "$elpipe" ] || cargo build --release --quiet
elpipe=$(realpath "$elpipe")
if ! python3 -c "import pyspark" 2>/dev/null; then
    python3 -m pip install --quiet pyspark
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# One record per paragraph of the seed texts, plus the seed articles: dates, outlets, no id
# field for some (their ids are generated from the file name and line), and a blank line.
python3 - "$OLDPWD/seeds" <<'PY'
import json, pathlib, sys
seeds = pathlib.Path(sys.argv[1])
records = [json.loads(l) for l in (seeds / "articles.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
for i, path in enumerate(sorted(seeds.glob("*.txt"))):
    for j, para in enumerate(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()):
        record = {"date": "2026-%02d-%02d" % (i % 12 + 1, j % 28 + 1), "outlet": path.stem, "text": para}
        if j % 3:
            record["id"] = "%s-%d" % (path.stem, j)
        records.append(record)
lines = [json.dumps(r, ensure_ascii=False) for r in records]
lines.insert(len(lines) // 2, "")
pathlib.Path("corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print("ci.sh: corpus of %d records" % len(records), file=sys.stderr)
PY

options=(--keep-fields date,outlet --group-by date --period month
         --tables documents,tokens,entities,entity_frequencies,cooccurrences,terms,entity_keyness,concordance)
"$elpipe" run corpus.jsonl --out one --quiet "${options[@]}"
python3 "$OLDPWD/examples/spark/elpipe_spark.py" corpus.jsonl --out spark --partitions 4 \
    --master 'local[2]' --elpipe "$elpipe" -- "${options[@]}"

status=0
for table in one/*.csv; do
    name=$(basename "$table")
    if cmp -s "$table" "spark/$name"; then
        echo "ci.sh: $name identical"
    else
        echo "ci.sh: $name DIFFERS between one run and the Spark recipe" >&2
        status=1
    fi
done
[ "$(ls one/*.csv | wc -l)" -eq "$(ls spark/*.csv | wc -l)" ] || { echo "ci.sh: table sets differ" >&2; status=1; }
exit $status
