#!/usr/bin/env bash
# dgemm through Foresight's Matrix (foresight bench linalg) vs OpenBLAS cblas_dgemm called from C,
# n = 2000 (and the other orders of the sweep), 1 and 2 threads, in one run.
#
#   Benchmarks/compare/dgemm_vs_openblas.sh [--reps 5]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
REPS=5
[[ "${1:-}" == "--reps" ]] && REPS="$2"
need_apt /usr/include/x86_64-linux-gnu/cblas.h libopenblas-dev
build_foresight
cc -O2 -o "$WORK/openblas_dgemm" "$HERE/openblas_dgemm.c" -lopenblas
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs" >&2
"$FORESIGHT" bench linalg --size large --threads 2 --repetitions "$REPS" --format json --out "$WORK/linalg.json"
for threads in 1 2; do
    C=$("$WORK/openblas_dgemm" 2000 "$threads" "$REPS")
    echo "$C"
    metric "dgemm2000.openblas.t$threads" "$(echo "$C" | field gflops)"
    metric "dgemm2000.foresight.t$threads" "$(python3 - "$WORK/linalg.json" "$threads" <<'PY'
import json, sys
rows = [m for s in json.load(open(sys.argv[1]))["suites"] for m in s["measurements"]
        if m["benchmark"] == "dgemm" and m["work"] == 2000 and m["threads"] == int(sys.argv[2])]
print(rows[0]["throughput"])
PY
)"
done
