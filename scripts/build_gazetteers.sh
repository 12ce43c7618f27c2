#!/usr/bin/env bash
# Regenerates data/ner/gazetteers/ from registry packages (Debian hunspell-el, unicode-cldr-core,
# iso-codes; PyPI modern-greek-inflexion). Run from the repository root:
#   bash scripts/build_gazetteers.sh
# Needs apt-get (for `apt-get download`, no install) and python3 with venv.
set -euo pipefail
repo=$(pwd)
work=$(mktemp -d /tmp/elpipe-gazetteers.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download hunspell-el unicode-cldr-core iso-codes
for deb in ./*.deb; do dpkg -x "$deb" x/; done
python3 -m venv venv
venv/bin/pip install --quiet 'modern-greek-inflexion==2.0.7'
venv/bin/python "$repo/scripts/build_gazetteers.py" x "$repo/data/ner/gazetteers"
