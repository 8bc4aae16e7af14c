#!/usr/bin/env bash
# Seeds fuzz/corpus/ (not in git) from the sample files and the replay corpus in tests/fuzz_corpus/.
# csv_import inputs are an events CSV, a NUL byte, then a feelings CSV (see its fuzz target).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/board_load fuzz/corpus/csv_import
cp assets/examples/*.ron tests/fuzz_corpus/board/* fuzz/corpus/board_load/
events=assets/examples/incident-events.csv
feelings=assets/examples/incident-feelings.csv
cp "$events" fuzz/corpus/csv_import/events-only.csv
{ printf '\0'; cat "$feelings"; } >fuzz/corpus/csv_import/feelings-only.csv
{ cat "$events"; printf '\0'; cat "$feelings"; } >fuzz/corpus/csv_import/events-and-feelings.csv
cp tests/fuzz_corpus/csv/* fuzz/corpus/csv_import/
