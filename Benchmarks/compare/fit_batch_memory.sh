#!/usr/bin/env bash
# Peak memory of `foresight fit-batch` over 1,000,000 logistic series streamed from CSV
# (`foresight synth logistic --series 1000000 --out F.csv`), measured as the child's maximum
# resident set (getrusage RUSAGE_CHILDREN). Target: at most 200 MB.
#
#   Benchmarks/compare/fit_batch_memory.sh [--series 1000000] [--threads 2]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SERIES=1000000; THREADS=2
while [[ $# -gt 0 ]]; do
    case "$1" in
        --series) SERIES="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
build_foresight
[[ -s "$WORK/fitbatch-$SERIES.csv" ]] || "$FORESIGHT" synth logistic --series "$SERIES" --out "$WORK/fitbatch-$SERIES.csv"
python3 - "$FORESIGHT" "$WORK/fitbatch-$SERIES.csv" "$WORK/fitbatch-out.csv" "$THREADS" <<'PY'
import resource, subprocess, sys, time
exe, data, out, threads = sys.argv[1:5]
t = time.perf_counter()
subprocess.run([exe, "fit-batch", "--data", data, "--group", "series", "--x", "x", "--y", "y", "--model", "logistic",
                "--threads", threads, "--out", out], check=True)
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB
rows = sum(1 for _ in open(out)) - 1
print(f"fit-batch: {rows} series in {seconds:.1f} s ({rows / seconds:.0f} series/s), peak resident memory {peak:.0f} MiB")
print(f"metric fitbatch.peak_mib {peak:.1f}")
print(f"metric fitbatch.series_per_s {rows / seconds:.1f}")
PY
