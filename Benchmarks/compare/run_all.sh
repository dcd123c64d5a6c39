#!/usr/bin/env bash
# Runs every comparison RUNS times (default 3) and the fit-batch memory check once, then writes
# BENCHMARKS.md at the repository root: the machine, the commands, and per target the median and
# range of the per-run ratios (each run measures Foresight and its peer back to back on the same
# data; each side's figure in a run is already the median of its repetitions).
#
#   Benchmarks/compare/run_all.sh [--runs 3] [--quick]
#   --quick: smaller problems (10,000 series, 100,000 alternatives and draws, 100,000-series
#            memory check) to try the pipeline; the table then says so.
# Logs and data stay in $WORK (printed at the start). Takes about 30-40 minutes at full size.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS=3; QUICK=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --quick) QUICK=1; shift ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
echo "== work folder $WORK" >&2
export WORK
if [[ $QUICK == 1 ]]; then
    FIT_ARGS=(--series 10000 --subset 500 --reps 3); SCORE_ARGS=(--alternatives 100000 --draws 100000 --reps 3)
    MEMORY_ARGS=(--series 100000); DGEMM_ARGS=(--reps 3)
else
    FIT_ARGS=(); SCORE_ARGS=(); MEMORY_ARGS=(); DGEMM_ARGS=()
fi
for run in $(seq 1 "$RUNS"); do
    echo "== run $run of $RUNS" >&2
    {
        "$HERE/fit_vs_peers.sh" "${FIT_ARGS[@]}"
        "$HERE/score_vs_peers.sh" "${SCORE_ARGS[@]}"
        "$HERE/dgemm_vs_openblas.sh" "${DGEMM_ARGS[@]}"
    } | tee "$WORK/run-$run.log"
done
"$HERE/fit_batch_memory.sh" "${MEMORY_ARGS[@]}" | tee "$WORK/memory.log"
python3 "$HERE/write_benchmarks_md.py" --work "$WORK" --runs "$RUNS" --quick "$QUICK" --out "$ROOT/BENCHMARKS.md"
echo "wrote $ROOT/BENCHMARKS.md" >&2
