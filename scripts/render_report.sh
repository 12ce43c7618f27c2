#!/usr/bin/env bash
# Renders an elpipe report headless in Debian's chromium and checks the picture:
#   bash scripts/render_report.sh DIR/report.html OUT.png
# Fails when chromium reports a console error or a failed load, or when the PNG is blank.
set -euo pipefail
html=$(realpath "$1")
png=$2
profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --hide-scrollbars --window-size=1200,2600 --screenshot="$png" "file://$html" 2>"$log" || {
    cat "$log" >&2
    echo "render_report: chromium failed" >&2
    exit 1
}
if grep -E 'CONSOLE|Uncaught|net::ERR_' "$log" >&2; then
    echo "render_report: the page logged errors (above)" >&2
    exit 1
fi
python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height = struct.unpack(">II", chunk[:8])
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
raw = zlib.decompress(idat)
distinct = len(set(raw))
print(f"render_report: {sys.argv[1]}: {width}x{height}, {distinct} distinct byte values")
if distinct < 16:
    sys.exit("render_report: the page looks blank")
PY
