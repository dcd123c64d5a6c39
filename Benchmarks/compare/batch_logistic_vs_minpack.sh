#!/usr/bin/env bash
# Foresight BatchFitter.fit vs C MINPACK (cminpack lmder, analytic Jacobian) on the same
# 100,000 synthetic logistic series of 20 points, from the same start values.
#
#   Benchmarks/compare/batch_logistic_vs_minpack.sh [--series N] [--reps K] [--seed S]
#
# What it does (run from anywhere; paths are relative to the repository):
#   1. installs libcminpack-dev with apt-get if its header is missing (needs root; says so);
#   2. builds the C peer with cc -O2 and the Swift side with `swift build -c release --package-path Benchmarks`;
#   3. generates the data (generate_logistic.py: seeded numpy; layout and start rule documented there);
#   4. runs MINPACK (1 thread) and Foresight (--threads 1 and 2), K repetitions each, medians;
#   5. prints the ratio table, the agreement between the peers' estimates, and the time of
#      LogisticGrowth's self-start alone (series with a positive response, and with y <= 0 from noise).
# Intermediate files go to $WORK (default: a fresh temporary directory).
set -euo pipefail

SERIES=100000
REPS=5
SEED=20250101
while [[ $# -gt 0 ]]; do
    case "$1" in
        --series) SERIES="$2"; shift 2 ;;
        --reps) REPS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK"

if [[ ! -f /usr/include/cminpack-1/cminpack.h ]]; then
    echo "libcminpack-dev is not installed: installing it with apt-get (Debian package, needs root)" >&2
    apt-get install -y libcminpack-dev >&2 || { apt-get update >&2 && apt-get install -y libcminpack-dev >&2; }
fi
python3 -c 'import numpy' 2>/dev/null || { echo "python3 with numpy is required for the data generator" >&2; exit 69; }

echo "== building" >&2
cc -O2 -o "$WORK/minpack_logistic" "$HERE/minpack_logistic.c" $(pkg-config --cflags --libs cminpack 2>/dev/null || echo "-I/usr/include/cminpack-1 -lcminpack") -lm
swift build -c release --package-path "$ROOT/Benchmarks" >&2
BENCH="$ROOT/Benchmarks/.build/release/batch-fit-bench"

echo "== generating $SERIES series (seed $SEED)" >&2
python3 "$HERE/generate_logistic.py" --series "$SERIES" --seed "$SEED" --out "$WORK/logistic.bin"

echo "== running ($REPS repetitions each; load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)" >&2
MINPACK_LINE="$("$WORK/minpack_logistic" "$WORK/logistic.bin" --reps "$REPS" --out "$WORK/minpack.bin")"
FORESIGHT_LINES="$("$BENCH" "$WORK/logistic.bin" --threads 1,2 --reps "$REPS" --out "$WORK/foresight")"
SELFSTART_LINE="$("$BENCH" "$WORK/logistic.bin" --threads 1 --reps 1 --self-start | grep '^peer=')"
SELFSTART_TIMES="$("$BENCH" "$WORK/logistic.bin" --time-self-start)"
echo "$MINPACK_LINE"
echo "$FORESIGHT_LINES"
echo "$SELFSTART_LINE"
echo "$SELFSTART_TIMES"

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
M=$(echo "$MINPACK_LINE" | field fits_per_s)
F1=$(echo "$FORESIGHT_LINES" | grep 'threads=1 ' | field fits_per_s)
F2=$(echo "$FORESIGHT_LINES" | grep 'threads=2 ' | field fits_per_s)
S1=$(echo "$SELFSTART_LINE" | field fits_per_s)
echo
echo "| peer | threads | fits/s (median of $REPS) | ratio to MINPACK | target |"
echo "|---|---|---|---|---|"
echo "| MINPACK lmder (cc -O2) | 1 | $M | 1.00 | |"
awk -v f="$F1" -v m="$M" 'BEGIN { printf "| Foresight BatchFitter.fit | 1 | %d | %.2f | >= 1.0 %s |\n", f, f / m, (f / m >= 1.0 ? "met" : "MISSED") }'
awk -v f="$F2" -v m="$M" 'BEGIN { printf "| Foresight BatchFitter.fit | 2 | %d | %.2f | >= 1.8 %s |\n", f, f / m, (f / m >= 1.8 ? "met" : "MISSED") }'
awk -v f="$S1" -v m="$M" 'BEGIN { printf "| Foresight, self-start instead of the file starts (1 rep) | 1 | %d | %.2f | (information) |\n", f, f / m }'
echo
echo "agreement MINPACK vs Foresight (1 thread):  $(python3 "$HERE/compare_estimates.py" "$WORK/minpack.bin" "$WORK/foresight-1.bin" "$SERIES")"
echo "agreement Foresight 1 vs 2 threads:         $(python3 "$HERE/compare_estimates.py" "$WORK/foresight-1.bin" "$WORK/foresight-2.bin" "$SERIES")"
echo "(files in $WORK)"
