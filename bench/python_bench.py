#!/usr/bin/env python3
"""elpipe from Python against the command line, and the pandas memory of the tokens table.

    python3 bench/python_bench.py CORPUS.jsonl OUT_DIR [--threads 1]

OUT_DIR must hold `elpipe run CORPUS.jsonl --output-format both --threads 1` output (tokens.csv
and tokens.parquet). Prints, for the same corpus and thread count:
  - `elpipe.analyze(path)` wall time and words/s (the whole call: reading, processing and the
    Arrow tables handed to pyarrow), and the time to turn the tables into DataFrames;
  - the memory pandas holds for `tokens` read by `pd.read_csv` (default options),
    `pd.read_parquet`, and from `elpipe.analyze` (DataFrame.memory_usage(deep=True)).
"""

import argparse
import time

import pandas as pd

import elpipe


def mb(df: pd.DataFrame) -> float:
    return df.memory_usage(deep=True).sum() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    res = elpipe.analyze(args.corpus, threads=args.threads)
    analyzed = time.perf_counter() - started
    frames = time.perf_counter()
    tokens = res.tokens
    for name in elpipe.TABLES:
        res.frame(name)
    frames = time.perf_counter() - frames
    words = int((tokens.kind == "word").sum())
    print(f"analyze: {analyzed:.2f} s, {words / analyzed:,.0f} words/s "
          f"({res.summary['tokens'] / analyzed:,.0f} tokens/s), "
          f"{res.summary['bytes'] / 1e6 / analyzed:.2f} MB/s; DataFrames: {frames:.2f} s")
    print(f"tokens from elpipe.analyze: {mb(tokens):,.0f} MB")
    del res, tokens
    parquet = pd.read_parquet(f"{args.out}/tokens.parquet")
    print(f"tokens from pd.read_parquet: {mb(parquet):,.0f} MB")
    del parquet
    csv = pd.read_csv(f"{args.out}/tokens.csv")
    print(f"tokens from pd.read_csv: {mb(csv):,.0f} MB")


if __name__ == "__main__":
    main()
