#!/usr/bin/env python3
"""elpipe on Apache Spark: one JSONL corpus, N partitions, the tables of one `elpipe run`.

    python3 examples/spark/elpipe_spark.py INPUT.jsonl --out DIR --partitions N [-- RUN OPTIONS]
    spark-submit examples/spark/elpipe_spark.py INPUT.jsonl --out DIR --partitions N ...

The lines of INPUT are numbered (`zipWithIndex`) and cut into N contiguous ranges. Each Spark
task writes its range to a scratch file and runs the elpipe binary on it with `--partial`,
naming it as lines FIRST.. of INPUT (`--source-name INPUT --first-line FIRST`), so sources and
generated ids are those of one run. The driver then runs `elpipe merge` over the partial results
in line order: DIR holds exactly the tables `elpipe run INPUT --out DIR [RUN OPTIONS]` writes,
byte for byte.

Options after `--` are passed to every `elpipe run` (e.g. `-- --keep-fields date --group-by
date --period month`); they must not change between tasks. The partial results go to
`--parts DIR` (default: DIR.parts beside the output), which every executor must be able to write
and the driver to read: a local folder in local mode, a shared file system (NFS, a mounted
bucket) on a cluster. See README.md beside this file.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, run_options = argv[:cut], argv[cut + 1 :]
    else:
        run_options = []
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="a JSONL file (UTF-8; .gz is read by Spark as well)")
    p.add_argument("--out", required=True, help="folder of the merged tables")
    p.add_argument("--partitions", type=int, required=True, help="number of elpipe tasks")
    p.add_argument(
        "--elpipe",
        default=shutil.which("elpipe") or "elpipe",
        help="path of the elpipe binary on the executors (default: elpipe on PATH)",
    )
    p.add_argument("--parts", help="folder of the partial results (default: OUT.parts)")
    p.add_argument(
        "--threads",
        type=int,
        default=1,
        help="worker threads of each elpipe task (default 1: Spark runs one task per core)",
    )
    p.add_argument("--master", default=None, help="Spark master when not set by spark-submit, e.g. local[2]")
    p.add_argument("--keep-parts", action="store_true", help="keep the partial results after the merge")
    args = p.parse_args(argv)
    if args.partitions < 1:
        p.error("--partitions must be at least 1")
    args.run_options = run_options
    return args


def process_partition(elpipe, source_name, parts_dir, threads, run_options):
    """The task: writes its lines to a scratch file and runs `elpipe run --partial` on it."""

    def process(index, rows):
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return  # an empty range: nothing to merge
        part = os.path.join(parts_dir, "part-%05d" % index)
        scratch = tempfile.mkdtemp(prefix="elpipe-spark-")
        try:
            # the scratch file has the input's extension, so the format is decided alike
            piece = os.path.join(scratch, "piece" + input_suffix(source_name))
            first_line = first[0] + 1
            with open(piece, "w", encoding="utf-8", newline="\n") as f:
                f.write(first[1])
                f.write("\n")
                for _, line in rows:
                    f.write(line)
                    f.write("\n")
            command = [
                elpipe, "run", piece, "--partial", "--out", part, "--quiet",
                "--threads", str(threads),
                "--source-name", source_name, "--first-line", str(first_line),
            ] + run_options
            done = subprocess.run(command, capture_output=True, text=True)
            # exit 1 with a written result: no document of the piece is ok, which one run
            # over the whole file may still be
            if done.returncode not in (0, 1) or not os.path.exists(os.path.join(part, "partial.json")):
                raise RuntimeError("%s failed (%d): %s" % (" ".join(command), done.returncode, done.stderr))
            yield (index, part)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    return process


def input_suffix(name):
    base = os.path.basename(name)
    if base.endswith(".gz"):
        base = base[:-3]
    return os.path.splitext(base)[1] or ".jsonl"


def main(argv):
    args = parse_args(argv)
    from pyspark.sql import SparkSession  # imported here so --help works without Spark

    builder = SparkSession.builder.appName("elpipe").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    parts_dir = os.path.abspath(args.parts or args.out.rstrip("/") + ".parts")
    if os.path.exists(parts_dir):
        shutil.rmtree(parts_dir)
    os.makedirs(parts_dir)
    started = time.time()

    # Lines split on "\n" only, as elpipe reads them (a lone "\r" stays inside its line).
    lines = spark.read.option("lineSep", "\n").text(args.input)
    numbered = lines.rdd.map(lambda row: row.value).zipWithIndex().map(lambda p: (p[1], p[0]))
    total = numbered.count()
    n = args.partitions
    # contiguous ranges of lines, each sorted by line: partition i holds lines [i*T/n, (i+1)*T/n)
    ranges = numbered.repartitionAndSortWithinPartitions(
        numPartitions=n, partitionFunc=lambda line: line * n // max(total, 1)
    )
    task = process_partition(
        args.elpipe, args.input, parts_dir, args.threads, args.run_options
    )
    # each partition: (line index, line) pairs in line order
    done = ranges.mapPartitionsWithIndex(task).collect()
    parts = [part for _, part in sorted(done)]
    processed = time.time()

    if not parts:
        # an empty input: one run over it writes empty tables
        parts_result = subprocess.run(
            [args.elpipe, "run", args.input, "--out", args.out, "--quiet"] + args.run_options
        )
        spark.stop()
        return parts_result.returncode
    merged = subprocess.run([args.elpipe, "merge", *parts, "--out", args.out])
    spark.stop()
    if merged.returncode != 0:
        print("elpipe_spark: the merge failed", file=sys.stderr)
        return merged.returncode
    if not args.keep_parts:
        shutil.rmtree(parts_dir, ignore_errors=True)
    print(
        "elpipe_spark: %d lines in %d partitions: processed in %.1f s, merged in %.1f s, tables in %s"
        % (total, len(parts), processed - started, time.time() - processed, args.out),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
