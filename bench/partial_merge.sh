#!/usr/bin/env bash
set -euo pipefail
# Times 8 partial runs + merge and the Spark recipe against one run on the 50 MB bench corpus
# (python3 bench/build_corpus.py --size-mb 50 --out /tmp/elpipe-corpus-50 first); works in WORK.
repo=$(cd "$(dirname "$0")/.." && pwd)
B=$repo/target/release/elpipe
WORK=${WORK:-/tmp/partial-bench}
mkdir -p "$WORK"
cd "$WORK"
rm -rf one parts merged spark pieces; mkdir -p pieces parts
[ -f corpus.jsonl ] || cp /tmp/elpipe-corpus-50/corpus.jsonl corpus.jsonl
T="/usr/bin/time -v"
echo "== one run"; $T $B run corpus.jsonl --out one --threads 2 --quiet 2> one.time; grep -E "Elapsed|Maximum resident" one.time; tail -1 one.time >/dev/null
split -n l/8 -d -a 1 corpus.jsonl pieces/piece
first=1; start=$(date +%s.%N)
for i in 0 1 2 3 4 5 6 7; do
  mv pieces/piece$i pieces/piece$i.jsonl
  $T $B run pieces/piece$i.jsonl --partial --source-name corpus.jsonl --first-line $first --out parts/p$i --threads 2 --quiet 2> parts/p$i.time
  first=$((first + $(wc -l < pieces/piece$i.jsonl)))
done
end=$(date +%s.%N); echo "== 8 partial runs, sequential, threads 2: $(echo "$end - $start" | bc) s"
grep -h "Maximum resident" parts/*.time | sort -k6 -n | tail -1
echo "== merge"; $T $B merge parts/p0 parts/p1 parts/p2 parts/p3 parts/p4 parts/p5 parts/p6 parts/p7 --out merged 2> merge.time; grep -E "Elapsed|Maximum resident" merge.time; grep merged merge.time
du -sh parts/p0 one
for f in one/*.csv; do cmp $f merged/$(basename $f) && echo "identical $(basename $f) $(stat -c %s $f) bytes"; done
echo "== spark"; $T python3 $repo/examples/spark/elpipe_spark.py corpus.jsonl --out spark --partitions 8 --master 'local[2]' --elpipe $B 2> spark.time >/dev/null || true
grep -E "Elapsed|elpipe_spark:" spark.time
for f in one/*.csv; do cmp $f spark/$(basename $f) && echo "spark identical $(basename $f)"; done
