#!/usr/bin/env bash
# Batch logistic fitting: Foresight (1 and 2 threads) vs C MINPACK lmder (analytic Jacobian,
# 1 thread), scipy curve_fit and least_squares, R nls and minpack.lm, on the same series
# (`foresight synth logistic`, 20 points each) from the same stored start vectors, in one run.
#
#   Benchmarks/compare/fit_vs_peers.sh [--series 100000] [--reps 5] [--subset 5000]
#
# Foresight and MINPACK fit every series (median of --reps passes); the slow peers (scipy, R)
# fit the first --subset series (median of 3 passes) and are compared by fits/s, since every
# series is an independent draw of the same recipe. Installs libcminpack-dev, r-base-core and
# r-cran-minpack.lm (apt) when missing, and says so. Prints the agreement of the estimates.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SERIES=100000; REPS=5; SUBSET=5000; SEED=20250101
while [[ $# -gt 0 ]]; do
    case "$1" in
        --series) SERIES="$2"; shift 2 ;;
        --reps) REPS="$2"; shift 2 ;;
        --subset) SUBSET="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
need_apt /usr/include/cminpack-1/cminpack.h libcminpack-dev
need_apt /usr/bin/Rscript r-base-core
Rscript -e 'library(minpack.lm)' >/dev/null 2>&1 || need_apt /nonexistent r-cran-minpack.lm
build_foresight
cc -O2 -o "$WORK/minpack_logistic" "$HERE/minpack_logistic.c" -I/usr/include/cminpack-1 -lcminpack -lm

echo "== data: $SERIES logistic series (seed $SEED); load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs" >&2
"$FORESIGHT" synth logistic --series "$SERIES" --seed "$SEED" --out "$WORK/logistic.bin"
python3 "$HERE/synthetic.py" check "$WORK/logistic.bin" >&2

mkdir -p "$WORK/foresight-results"
MINPACK=$("$WORK/minpack_logistic" "$WORK/logistic.bin" --reps "$REPS" --out "$WORK/minpack-estimates.bin" 2>/dev/null)
"$FORESIGHT" bench fit --data "$WORK/logistic.bin" --threads 2 --repetitions "$REPS" --results "$WORK/foresight-results" \
    --format json --out "$WORK/fit.json"
CURVE_FIT=$(python3 "$HERE/peers.py" curve-fit "$WORK/logistic.bin" --series "$SUBSET")
LEAST_SQUARES=$(python3 "$HERE/peers.py" least-squares "$WORK/logistic.bin" --series "$SUBSET")
R_LINES=$(Rscript "$HERE/r_nls.R" "$WORK/logistic.bin" "$SUBSET" 3)
echo "$MINPACK"; echo "$CURVE_FIT"; echo "$LEAST_SQUARES"; echo "$R_LINES"

F1=$(json_rate "$WORK/fit.json" batch_fit.logistic 1)
F2=$(json_rate "$WORK/fit.json" batch_fit.logistic 2)
metric fit.foresight.t1 "$F1"
metric fit.foresight.t2 "$F2"
metric fit.minpack "$(echo "$MINPACK" | field fits_per_s)"
metric fit.curve_fit "$(echo "$CURVE_FIT" | field rate)"
metric fit.least_squares "$(echo "$LEAST_SQUARES" | field rate)"
metric fit.r_nls "$(echo "$R_LINES" | grep 'peer=r-nls ' | field rate)"
metric fit.r_minpack_lm "$(echo "$R_LINES" | grep 'peer=r-minpack.lm ' | field rate)"
echo "agreement MINPACK vs Foresight (1 thread): $(python3 "$HERE/compare_estimates.py" "$WORK/minpack-estimates.bin" "$WORK/foresight-results/fit-estimates.bin" "$SERIES")"
