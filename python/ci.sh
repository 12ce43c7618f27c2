#!/usr/bin/env bash
# The Python package's checks: built and installed in a fresh virtualenv with the README's line
# (`pip install ./python`), then its tests, which compare it with the CLI binary built by
# `cargo build --release`. pytest's exit code 5 (no test collected) is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release
cargo clippy --release -p elpipe-python -- -D warnings
venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet maturin pytest pandas pyarrow matplotlib
"$venv/bin/pip" install --quiet ./python
status=0
(cd python && ELPIPE_BIN="$PWD/../target/release/elpipe" "$venv/bin/python" -m pytest -q tests) || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no test in python/tests"
    exit 1
fi
exit "$status"
