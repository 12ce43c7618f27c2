#!/usr/bin/env bash
# The Python package's checks: built and installed in a fresh virtualenv with the README's line
# (`pip install ./python`, one wheel build reusing target/), then its tests, which compare it with
# the CLI binary built by `cargo build --release` and run the README top to bottom.
# pytest's exit code 5 (no test collected) is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release
cargo clippy --release -p elpipe-python -- -D warnings
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
venv="$scratch/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet pytest pandas pyarrow matplotlib
"$venv/bin/pip" install ./python
"$venv/bin/python" -c "import elpipe; print(elpipe.analyze('seeds').entity_frequencies.head())"
status=0
# The pytest script, not `python -m pytest`: the latter puts the working folder on sys.path,
# where python/elpipe (without the built extension) would shadow the installed package.
ELPIPE_BIN="$PWD/target/release/elpipe" "$venv/bin/pytest" -q -p no:cacheprovider python/tests \
    || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no test in python/tests"
    exit 1
fi
exit "$status"
