#!/usr/bin/env bash
# Model quality gates on the dev splits in ../shared/data (run by .ci/run after the tests).
# Each floor is the figure the shipped model reached minus half a point, so no change can make
# the tagger or the canonicalizer silently worse.
#   usage: scripts/quality_gates.sh SHARED_DATA_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
bin=target/release/elpipe
cargo build --release -q

ner_dev_f1_floor=0.8995        # shipped model: 0.9045 on elNER-4 dev (elpipe eval; 0.9019 before the chains of capitalized words, 0.9001 with the perceptrons alone, before the CRF)
ner_capitals_f1_floor=0.8133   # shipped model: 0.8150 on elNER-4 dev with every word in Greek capitals (0.8183 before the chains of capitalized words, seeds 1-3 mean 0.8195 -> 0.8174: the floor stays where it was; 0.6392 before its weights for capitals, 0.8077 before the CRF)
# elNER writes a touching hyphen pair as one token and one entity («ΣΥΡΙΖΑ-ΑΝΕΛ», «Ρωσία-Ισπανία»),
# while elpipe reads two names (issue 10.5): on the 36 dev sentences with such a pair the figure
# falls, elsewhere it is unchanged (0.8926 before, 0.8923 after); all sentences: 0.8909 -> 0.8844.
raw_text_f1_floor=0.8823       # shipped model: 0.8873 (0.8965 on the sentences without a touching hyphen pair; 0.8853 and 0.8943 before the chains, 0.8836 and 0.8928 before the CRF) through the whole pipeline on raw text (entities.csv `type`, the corpus-wide vote: capitals do not vote, ties go PERSON, ORG, LOC, MISC)

echo "== NER on elNER-4 dev (gold tokens)"
"$bin" eval --gold "$data/elner/elNER4/dev.iob2" --min-f1 "$ner_dev_f1_floor"

echo "== NER on elNER-4 dev in Greek capitals, as headlines are set (gold tokens)"
capitals=$(mktemp)
trap 'rm -f "$capitals"' EXIT
python3 scripts/upper_case_iob.py "$data/elner/elNER4/dev.iob2" > "$capitals"
"$bin" eval --gold "$capitals" --min-f1 "$ner_capitals_f1_floor"

echo "== NER on elNER-4 dev rebuilt as raw text (our tokenizer, character offsets)"
python3 scripts/raw_text_f1.py "$bin" "$data/elner/elNER4/dev.iob2" --min-f1 "$raw_text_f1_floor"

ner18_dev_f1_floor=0.9080      # shipped elner18 model: 0.9130 on elNER-18 dev (elpipe eval --model elner18; 0.9118 before the chains of capitalized words with norm version 3, 0.9129 with norm version 2, 0.9102 before the CRF)

echo "== NER, 18 types, on elNER-18 dev (gold tokens)"
"$bin" eval --gold "$data/elner/elNER18/dev.iob2" --model elner18 --min-f1 "$ner18_dev_f1_floor"

canonical_exact_floor=84.9     # shipped pipeline: 85.4% of covered gold PROPN words on UD dev (ceiling 88.4%)

echo "== Canonical names on UD Greek dev (gold PROPN lemmas)"
python3 scripts/eval_canonical.py run "$data/ud_gdt/dev.conllu" "$bin" --min-exact "$canonical_exact_floor"

sentence_f1_floor=0.9688       # shipped data/sentences/gdt.model: 0.9738 on UD dev by the raw-text protocol (0.8983 with the rules alone)
token_f1_floor=0.9933          # 0.9983 on UD dev (tokens by exact character span)

echo "== Sentences and tokens on UD Greek dev rebuilt as raw text (documents' sentences joined by spaces)"
python3 scripts/sentence_f1.py "$bin" "$data/ud_gdt/dev.conllu" --min-sentence-f1 "$sentence_f1_floor" --min-token-f1 "$token_f1_floor"
