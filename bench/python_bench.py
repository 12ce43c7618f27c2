#!/usr/bin/env python3
"""CSV against Parquet output, elpipe.analyze against the command line, and the pandas memory
of the tokens table. Needs the `elpipe` Python package (`pip install ./python`) and the binary
(`cargo build --release`).

    python3 bench/build_corpus.py --size-mb 50 --out /tmp/elpipe-corpus-50
    nice -n 10 python3 bench/python_bench.py /tmp/elpipe-corpus-50/corpus.jsonl \\
        --work /tmp/elpipe-python-bench --threads 1 --repeat 3

Prints, each time the median of `--repeat` runs on the same corpus and thread count:
  - `elpipe run CORPUS --threads N --output-format csv|parquet --quiet`: wall time of the whole
    process, MB/s of input, and the size of the output folder;
  - `elpipe.analyze(CORPUS, threads=N)` in a fresh Python process (the call: reading, model
    loading, processing and the Arrow tables handed to pyarrow; not the interpreter's start or
    `import pandas`), its words/s against the CLI's, and the time to make the six DataFrames;
  - the memory pandas holds for `tokens` (`DataFrame.memory_usage(deep=True).sum()`) read by
    `pd.read_csv` (default options, then with pandas 2's object strings), `pd.read_parquet`,
    and from `elpipe.analyze`.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a fresh interpreter: one analyze() call timed, then its DataFrames made.
ANALYZE = r"""
import json, resource, sys, time
import elpipe
corpus, threads = sys.argv[1], int(sys.argv[2])
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
started, cpu_started = time.perf_counter(), cpu()
res = elpipe.analyze(corpus, threads=threads)
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
started = time.perf_counter()
frames = {name: res.frame(name) for name in elpipe.TABLES}
frames_seconds = time.perf_counter() - started
tokens = frames["tokens"]
print(json.dumps({
    "seconds": seconds,
    "cpu_seconds": cpu_seconds,
    "frames_seconds": frames_seconds,
    "words": int((tokens["kind"] == "word").sum()),
    "tokens": len(tokens),
    "memory": int(tokens.memory_usage(deep=True).sum()),
}))
"""


def folder_size(folder: Path, suffix: str) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.suffix == suffix)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_run(binary: str, corpus: str, out: Path, threads: int, fmt: str):
    """Wall and CPU (user + system, all threads) seconds of one whole `elpipe run`."""
    if out.exists():
        shutil.rmtree(out)
    started, cpu_started = time.perf_counter(), children_cpu()
    subprocess.run(
        [binary, "run", corpus, "--out", str(out), "--threads", str(threads),
         "--output-format", fmt, "--quiet"],
        check=True, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, children_cpu() - cpu_started


def memory_of(reader: str, path: Path, setup: str = "") -> int:
    """The tokens table's pandas memory, read in a fresh interpreter (no memory shared with
    earlier frames)."""
    code = (
        "import sys, warnings, pandas as pd\n"
        "warnings.simplefilter('ignore')\n"
        f"{setup}\n"
        f"df = pd.{reader}(sys.argv[1])\n"
        "print(int(df.memory_usage(deep=True).sum()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                          capture_output=True, text=True)
    return int(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--work", default="/tmp/elpipe-python-bench",
                        help="scratch folder for the CLI's output (outside the repository)")
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "elpipe"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    megabytes = os.path.getsize(args.corpus) / 1e6

    results = {}
    for fmt, suffix in (("csv", ".csv"), ("parquet", ".parquet")):
        out = work / f"out-{fmt}"
        runs = [cli_run(args.bin, args.corpus, out, args.threads, fmt) for _ in range(args.repeat)]
        seconds = statistics.median(wall for wall, _ in runs)
        cpu = statistics.median(cpu for _, cpu in runs)
        size = folder_size(out, suffix)
        tokens_size = (out / f"tokens{suffix}").stat().st_size
        results[fmt] = (seconds, cpu)
        listed = ", ".join(f"{wall:.2f}" for wall, _ in runs)
        print(f"elpipe run --output-format {fmt} --threads {args.threads}: {seconds:.2f} s "
              f"(runs {listed}; CPU {cpu:.2f} s), {megabytes / seconds:.2f} MB/s; "
              f"tables {size / 1e6:,.1f} MB, tokens{suffix} {tokens_size / 1e6:,.1f} MB")

    runs = []
    for _ in range(args.repeat):
        done = subprocess.run([sys.executable, "-c", ANALYZE, args.corpus, str(args.threads)],
                              check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout))
    seconds = statistics.median(r["seconds"] for r in runs)
    cpu = statistics.median(r["cpu_seconds"] for r in runs)
    frames = statistics.median(r["frames_seconds"] for r in runs)
    words = runs[0]["words"]
    listed = ", ".join(f"{r['seconds']:.2f}" for r in runs)
    print(f"elpipe.analyze(threads={args.threads}): {seconds:.2f} s (runs {listed}; CPU "
          f"{cpu:.2f} s), {words / seconds:,.0f} words/s; DataFrames made in {frames:.2f} s more "
          f"({words:,} words, {runs[0]['tokens']:,} tokens, {megabytes:.1f} MB)")
    for fmt, (cli, cli_cpu) in results.items():
        print(f"  against elpipe run --output-format {fmt}: {words / cli:,.0f} words/s; "
              f"analyze takes {(seconds / cli - 1) * 100:+.1f}% wall time, "
              f"{(cpu / cli_cpu - 1) * 100:+.1f}% CPU time")

    memory = {
        "pd.read_csv(tokens.csv)": memory_of("read_csv", work / "out-csv" / "tokens.csv"),
        "pd.read_csv(tokens.csv) with object strings (pandas 2's default)": memory_of(
            "read_csv", work / "out-csv" / "tokens.csv",
            setup="pd.set_option('future.infer_string', False)"),
        "pd.read_parquet(tokens.parquet)": memory_of(
            "read_parquet", work / "out-parquet" / "tokens.parquet"),
        "elpipe.analyze(...).tokens": runs[0]["memory"],
    }
    for name, size in memory.items():
        print(f"tokens in pandas from {name}: {size / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
