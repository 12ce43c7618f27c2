#!/usr/bin/env bash
# End-to-end throughput and peak memory of `elpipe run`, medians of 3 runs.
#
#   bash bench/end_to_end.sh [SIZES_MB...]        (default: 50 1000)
#
# Builds each corpus once with bench/build_corpus.py (outside the repo, under
# ${ELPIPE_BENCH_DIR:-$HOME/.cache/elpipe-bench}), then runs elpipe with --threads 1 and 2 on
# the JSONL form and prints a markdown table: MB/s, tokens/s and peak RSS (/usr/bin/time -v).
# Set TABLES=... to pass --tables, e.g. TABLES=documents,terms for the no-tagging path.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-50 1000}")
[ $# -eq 0 ] && sizes=(50 1000)
work=${ELPIPE_BENCH_DIR:-$HOME/.cache/elpipe-bench}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --release -q
bin=target/release/elpipe
tables_args=()
[ -n "${TABLES:-}" ] && tables_args=(--tables "$TABLES")

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "| corpus | threads | MB/s | tokens/s | peak RSS (MB) | seconds |"
echo "| --- | --- | --- | --- | --- | --- |"
for size in "${sizes[@]}"; do
    corpus="$work/corpus-$size"
    if [ ! -f "$corpus/corpus.jsonl" ]; then
        python3 bench/build_corpus.py --size-mb "$size" --out "$corpus" >&2
    fi
    bytes=$(stat -c %s "$corpus/corpus.jsonl")
    for threads in 1 2; do
        rates=(); toks=(); rss=(); secs=()
        for run in 1 2 3; do
            out="$work/out-$size-$threads"
            log="$work/time-$size-$threads-$run.log"
            /usr/bin/time -v "$bin" run "$corpus/corpus.jsonl" --out "$out" --threads "$threads" \
                --quiet "${tables_args[@]}" 2> "$log"
            s=$(grep 'Elapsed (wall clock)' "$log" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
            t=$(grep -oE '[0-9]+ tokens,' "$log" | head -1 | grep -oE '[0-9]+')
            secs+=("$s")
            rates+=("$(awk -v b="$bytes" -v s="$s" 'BEGIN {printf "%.1f", b/1e6/s}')")
            toks+=("$(awk -v t="$t" -v s="$s" 'BEGIN {printf "%.0f", t/s}')")
            rss+=("$(grep 'Maximum resident' "$log" | awk '{printf "%.0f", $NF/1024}')")
        done
        printf '| %s MB | %s | %s | %s | %s | %s |\n' "$size" "$threads" \
            "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${toks[@]}" | median)" \
            "$(printf '%s\n' "${rss[@]}" | median)" "$(printf '%s\n' "${secs[@]}" | median)"
    done
done
