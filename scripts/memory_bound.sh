#!/usr/bin/env bash
# Memory bound on one very long document (issue 16).
#
# Generates a single-document `.txt.gz` of SIZE_MB megabytes of Greek text (varied paragraphs
# written for this script, every line numbered so that no line repeats: the duplicate-line
# filter has to remember all of them), runs elpipe on it with all tables (the six default ones
# and the concordance) and two threads, and fails when the peak resident memory of the run
# exceeds BOUND_MB: GNU time's maximum resident set size, or without GNU time the kernel's
# VmHWM of the process read every 0.1 s.
#
#   bash scripts/memory_bound.sh [SIZE_MB [BOUND_MB]]      defaults: 600 MB of text, 300 MB bound
#   bash scripts/memory_bound.sh --generate SIZE_MB FILE   only writes the compressed file
#
# Memory is bounded by the batch, not by the document, so the bound does not depend on SIZE_MB;
# a smaller SIZE_MB only shortens the run (elpipe without streaming needed about 2.4 bytes per
# byte of text, so 200 MB already fails a 300 MB bound by far).
set -euo pipefail

generate() {
    python3 - "$1" "$2" <<'PY'
import gzip, random, sys

size = int(sys.argv[1]) << 20
people = ["ο Γιώργος Μαυρίδης", "η Ελένη Σταθοπούλου", "ο Νίκος Καραγιάννης",
          "η Κατερίνα Λαμπράκη", "ο Δημήτρης Ζαφειρίου", "η Σοφία Αναγνώστου"]
places = ["στην Καλαμάτα", "στη Λάρισα", "στα Ιωάννινα", "στην Κομοτηνή",
          "στο Ηράκλειο", "στη Χαλκίδα", "στην Πάτρα"]
bodies = ["η Περιφέρεια Θεσσαλίας", "το Πανεπιστήμιο Κρήτης", "ο Δήμος Τρικκαίων",
          "η Εθνική Τράπεζα", "το Υπουργείο Παιδείας"]
sentences = [
    "{p} μίλησε {l} για τα έργα ύδρευσης που καθυστερούν εδώ και {n} μήνες.",
    "Σύμφωνα με όσα ανέφερε, {b} έχει ήδη διαθέσει {n} εκατομμύρια ευρώ.",
    "Οι κάτοικοι ζητούν καλύτερη συγκοινωνία και περισσότερα δρομολόγια τα Σαββατοκύριακα.",
    "Η συζήτηση συνεχίστηκε μέχρι αργά το βράδυ, χωρίς να υπάρξει συμφωνία.",
    "{p} απάντησε ότι {b} θα εξετάσει το ζήτημα στην επόμενη συνεδρίαση.",
    "Τον Μάρτιο του {y} είχαν γίνει παρόμοιες δηλώσεις {l}, αλλά τίποτα δεν άλλαξε.",
    "Στο τέλος της ημέρας η επιτροπή ενέκρινε {n} από τις προτάσεις.",
    "«Δεν μπορούμε να περιμένουμε άλλο», είπε {p}, κοιτάζοντας τους δημοσιογράφους.",
    "Η βροχή δεν σταμάτησε όλη τη νύχτα και πολλοί δρόμοι έκλεισαν {l}.",
    "Ο προϋπολογισμός του {y} προβλέπει αυξήσεις για τα σχολεία και τα νοσοκομεία.",
]
rng = random.Random(16)
def paragraph():
    count = rng.randint(3, 7)
    return " ".join(rng.choice(sentences).format(
        p=rng.choice(people), l=rng.choice(places), b=rng.choice(bodies),
        n=rng.randint(2, 90), y=rng.randint(1995, 2025)) for _ in range(count))
# A pool of paragraphs reused in varying order keeps the file small once compressed (the
# numbers make every line distinct).
pool = [paragraph() for _ in range(48)]
written = 0
number = 0
with gzip.open(sys.argv[2], "wb", compresslevel=6) as out:
    while written < size:
        block = []
        for _ in range(16):
            number += 1
            line = f"{number}. {pool[(number * 7 + number // 48) % len(pool)]}"
            block.append(line)
            if number % 5 == 0:
                block.append("")
        data = ("\n".join(block) + "\n").encode()
        out.write(data)
        written += len(data)
PY
}

if [ "${1:-}" = "--generate" ]; then
    generate "$2" "$3"
    exit 0
fi

cd "$(dirname "$0")/.."
size_mb=${1:-600}
bound_mb=${2:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
generate "$size_mb" "$work/long.txt.gz"
started=$SECONDS
echo "memory_bound: $(du -h "$work/long.txt.gz" | cut -f1) compressed, $size_mb MB of text in one document"
tables=documents,tokens,entities,entity_frequencies,cooccurrences,terms,concordance
run=(./target/release/elpipe run "$work/long.txt.gz" --out "$work/out" --threads 2 --quiet
    --tables "$tables")
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "${run[@]}" 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
    peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
else
    # Without GNU time: the kernel's high-water mark of the process (VmHWM), read until it exits.
    "${run[@]}" &
    pid=$!
    peak_kb=0
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        if [ -n "$hwm" ] && [ "$hwm" -gt "$peak_kb" ]; then peak_kb=$hwm; fi
        sleep 0.1
    done
    wait "$pid"
fi
documents=$(($(wc -l <"$work/out/documents.csv") - 1))
echo "memory_bound: peak RSS $((peak_kb / 1024)) MB (bound $bound_mb MB), $((SECONDS - started)) s, $documents document(s)"
if [ "$documents" -ne 1 ]; then
    echo "memory_bound: expected one document in documents.csv" >&2
    exit 1
fi
if [ "$peak_kb" -gt $((bound_mb * 1024)) ]; then
    echo "memory_bound: FAILED: peak RSS above the bound" >&2
    exit 1
fi
