#!/usr/bin/env bash
# Self-started fit-batch vs scipy curve_fit from the true parameters, on a seeded synthetic batch
# of noisy logistic, Gompertz and Richards series (2,400 by default: 20-40 points, varied noise,
# short 4-6 point series, series starting at 0, flat tails; see selfstart_vs_scipy.py).
#
#   Benchmarks/compare/selfstart_vs_scipy.sh [--series-per-model 800] [--seed 12]
#
# Prints the share of the series scipy converges on that fit-batch converges on (target >= 97%)
# and the share on which fit-batch's RSS is worse than scipy's by more than 1e-6 relative
# (target <= 0.5%); exits 1 when a target is missed. Installs scipy (pip) when missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PER_MODEL=800; SEED=12
while [[ $# -gt 0 ]]; do
    case "$1" in
        --series-per-model) PER_MODEL="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
need_pip scipy scipy
build_foresight
echo "== data: $((3 * PER_MODEL)) series (seed $SEED) in $WORK" >&2
python3 "$HERE/selfstart_vs_scipy.py" make "$WORK" --series-per-model "$PER_MODEL" --seed "$SEED"
for model in logistic gompertz richards; do
    "$FORESIGHT" fit-batch --data "$WORK/$model.csv" --group series --x x --y y --model "$model" \
        --out "$WORK/$model-fits.csv"
done
python3 "$HERE/selfstart_vs_scipy.py" compare "$WORK"
