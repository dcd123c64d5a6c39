#!/usr/bin/env bash
# TOPSIS (1,000,000 alternatives x 16 criteria) and SMAA-2 (1,000,000 weight draws, 3 x 10):
# Foresight vs vectorized numpy (TOPSIS and SMAA-2) and pymcdm (TOPSIS), on the same matrices
# written by `foresight synth decision-matrix`, in one run. Installs pymcdm (pip) when missing.
#
#   Benchmarks/compare/score_vs_peers.sh [--alternatives 1000000] [--draws 1000000] [--reps 5]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ALTERNATIVES=1000000; DRAWS=1000000; REPS=5; SEED=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --alternatives) ALTERNATIVES="$2"; shift 2 ;;
        --draws) DRAWS="$2"; shift 2 ;;
        --reps) REPS="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
need_pip pymcdm pymcdm
build_foresight
echo "== data; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs" >&2
"$FORESIGHT" synth decision-matrix --alternatives "$ALTERNATIVES" --criteria 16 --seed "$SEED" --out "$WORK/topsis.bin"
"$FORESIGHT" synth decision-matrix --alternatives 3 --criteria 10 --draws "$DRAWS" --seed "$SEED" --out "$WORK/smaa.bin"
python3 "$HERE/synthetic.py" check "$WORK/smaa.bin" >&2
mkdir -p "$WORK/foresight-results"

# numpy runs with the machine's OpenBLAS tuning variables unset in its own command only.
NP_TOPSIS=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$HERE/peers.py" topsis-numpy "$WORK/topsis.bin" --reps "$REPS" --out "$WORK/numpy-closeness.bin")
PYMCDM=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$HERE/peers.py" topsis-pymcdm "$WORK/topsis.bin" --reps "$REPS")
NP_SMAA=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$HERE/peers.py" smaa-numpy "$WORK/smaa.bin" --reps "$REPS")
"$FORESIGHT" bench score --data "$WORK/topsis.bin" --repetitions "$REPS" --results "$WORK/foresight-results" --format json --out "$WORK/topsis.json"
"$FORESIGHT" bench smaa --data "$WORK/smaa.bin" --threads 2 --repetitions "$REPS" --format json --out "$WORK/smaa.json"
echo "$NP_TOPSIS"; echo "$PYMCDM"; echo "$NP_SMAA"
metric topsis.foresight "$(json_rate "$WORK/topsis.json" topsis "$(nproc)")"
metric topsis.numpy "$(echo "$NP_TOPSIS" | field rate)"
metric topsis.pymcdm "$(echo "$PYMCDM" | field rate)"
metric smaa.foresight.t1 "$(json_rate "$WORK/smaa.json" smaa2 1)"
metric smaa.foresight.t2 "$(json_rate "$WORK/smaa.json" smaa2 2)"
metric smaa.numpy "$(echo "$NP_SMAA" | field rate)"
python3 - "$WORK/numpy-closeness.bin" "$WORK/foresight-results/topsis-closeness.bin" <<'PY'
import sys, numpy as np
a, b = (np.fromfile(p, "<f8") for p in sys.argv[1:3])
print(f"agreement numpy vs Foresight TOPSIS closeness: max relative difference {np.max(np.abs(a - b) / np.abs(a)):.3g}, same best alternative: {a.argmax() == b.argmax()}")
PY
