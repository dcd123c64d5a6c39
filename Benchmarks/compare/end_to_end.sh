#!/usr/bin/env bash
# Whole processes on the same files, side by side in one run, timed from outside with
# /usr/bin/time -v (wall time and peak resident memory):
#   fit-batch  1,000,000 logistic series x 20 points from CSV, self-start, 2 threads, against
#              `foresight bench fit` (given starts, same series, 2 threads) and pandas + scipy
#              curve_fit (on the first --peer-series series: the loop takes about 1 ms a series);
#   scorecard  a 100,000 x 20 CSV matrix file, TOPSIS + WSM, against pandas read_csv + numpy;
#   regress    a 200 MB CSV (y on 5 predictors), against pandas read_csv + statsmodels OLS.
# Writes $WORK/end_to_end.md (the "End to end" table of BENCHMARKS.md) and metric lines.
#
#   Benchmarks/compare/end_to_end.sh [--series 1000000] [--alternatives 100000] [--megabytes 200] [--peer-series 10000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SERIES=1000000; ALTERNATIVES=100000; MEGABYTES=200; PEER_SERIES=10000; SEED=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --series) SERIES="$2"; shift 2 ;;
        --alternatives) ALTERNATIVES="$2"; shift 2 ;;
        --megabytes) MEGABYTES="$2"; shift 2 ;;
        --peer-series) PEER_SERIES="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
need_pip pandas pandas; need_pip scipy scipy; need_pip statsmodels statsmodels
[[ -x "${FORESIGHT_BINARY:-}" ]] && FORESIGHT="$FORESIGHT_BINARY" || build_foresight
PEERS="$HERE/end_to_end_peers.py"
echo "== data in $WORK; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs" >&2
[[ -s "$WORK/e2e-logistic.csv" ]] || "$FORESIGHT" synth logistic --series "$SERIES" --seed "$SEED" --out "$WORK/e2e-logistic.csv"
[[ -s "$WORK/e2e-logistic.bin" ]] || "$FORESIGHT" synth logistic --series "$SERIES" --seed "$SEED" --out "$WORK/e2e-logistic.bin"
head -n $((PEER_SERIES * 20 + 1)) "$WORK/e2e-logistic.csv" > "$WORK/e2e-logistic-peer.csv"
[[ -s "$WORK/e2e-matrix.csv" ]] || python3 "$PEERS" matrix-data "$WORK/e2e-matrix.csv" "$WORK/e2e-scorecard.yaml" --alternatives "$ALTERNATIVES"
[[ -s "$WORK/e2e-regress.csv" ]] || python3 "$PEERS" regress-data "$WORK/e2e-regress.csv" --megabytes "$MEGABYTES"

# timed NAME COMMAND...: runs COMMAND under /usr/bin/time -v; prints "NAME seconds peak_mib".
timed() {
    local name="$1"; shift
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.stdout"
    local seconds peak
    seconds=$(python3 -c "import sys; h, m, s = ([0, 0] + sys.argv[1].split(':'))[-3:]; print(float(h) * 3600 + float(m) * 60 + float(s))" \
        "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/$name.time")")
    peak=$(awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$WORK/$name.time")
    echo "$name $seconds $peak" | tee -a "$WORK/end_to_end.times"
    metric "e2e.$name.seconds" "$seconds"; metric "e2e.$name.peak_mib" "$peak"
}
rm -f "$WORK/end_to_end.times"
timed fitbatch "$FORESIGHT" fit-batch --data "$WORK/e2e-logistic.csv" --group series --x x --y y --model logistic --threads 2 --out "$WORK/e2e-fitbatch-out.csv"
"$FORESIGHT" bench fit --data "$WORK/e2e-logistic.bin" --threads 2 --repetitions 3 --format json --out "$WORK/e2e-benchfit.json"
BENCH_FIT=$(json_rate "$WORK/e2e-benchfit.json" batch_fit.logistic 2)
timed fitbatch-peer python3 "$PEERS" curve-fit "$WORK/e2e-logistic-peer.csv" "$WORK/e2e-curvefit-out.csv"
(cd "$WORK" && timed scorecard "$FORESIGHT" scorecard e2e-scorecard.yaml --format csv --out "$WORK/e2e-scorecard-out.csv")
timed scorecard-peer python3 "$PEERS" scorecard "$WORK/e2e-matrix.csv" "$WORK/e2e-scorecard-peer.csv"
timed regress "$FORESIGHT" regress --data "$WORK/e2e-regress.csv" --y y --x x1,x2,x3,x4,x5 --format json --out "$WORK/e2e-regress.json"
timed regress-peer python3 "$PEERS" regress "$WORK/e2e-regress.csv"
metric e2e.benchfit.fits_per_s "$BENCH_FIT"
python3 - "$WORK" "$SERIES" "$PEER_SERIES" "$ALTERNATIVES" "$MEGABYTES" "$BENCH_FIT" <<'PY'
import json, sys
work, series, peer_series, alternatives, megabytes, bench_fit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
t = {name: (float(s), int(m)) for name, s, m in (line.split() for line in open(f"{work}/end_to_end.times"))}
# Agreement: TOPSIS closeness and regression coefficients against the peers.
import numpy as np, pandas as pd
ours, peer = pd.read_csv(f"{work}/e2e-scorecard-out.csv"), pd.read_csv(f"{work}/e2e-scorecard-peer.csv")
merged = ours.merge(peer, on="alternative", suffixes=("", "_peer"))
topsis_diff = float(np.max(np.abs(merged.topsis - merged.topsis_peer)))
fb_rate, peer_rate = series / t["fitbatch"][0], peer_series / t["fitbatch-peer"][0]
rows = [
    ("`fit-batch` logistic, CSV, self-start, 2 threads", f"{series:,} × 20", f"{t['fitbatch'][0]:.1f} s ({fb_rate / 1000:.0f}k series/s), {t['fitbatch'][1]} MiB",
     f"`bench fit` (given starts, 2 threads): {bench_fit / 1000:.0f}k fits/s, end to end = {fb_rate / bench_fit:.2f}× of it; pandas + scipy `curve_fit` loop: {peer_rate:.0f} series/s ({peer_series:,} series), {t['fitbatch-peer'][1]} MiB",
     f"{fb_rate / peer_rate:.0f}× scipy"),
    ("`scorecard` CSV matrix, TOPSIS + WSM", f"{alternatives:,} × 20", f"{t['scorecard'][0]:.2f} s, {t['scorecard'][1]} MiB",
     f"pandas `read_csv` + numpy: {t['scorecard-peer'][0]:.2f} s, {t['scorecard-peer'][1]} MiB (TOPSIS closeness max difference {topsis_diff:.1e}, at the 10 digits written)",
     f"{t['scorecard-peer'][0] / t['scorecard'][0]:.2f}× pandas + numpy"),
    ("`regress` y on 5 predictors, CSV", f"{megabytes} MB", f"{t['regress'][0]:.1f} s, {t['regress'][1]} MiB",
     f"pandas `read_csv` + statsmodels OLS: {t['regress-peer'][0]:.1f} s, {t['regress-peer'][1]} MiB",
     f"{t['regress-peer'][0] / t['regress'][0]:.2f}× statsmodels (time), {t['regress'][1] / t['regress-peer'][1]:.2f}× its memory"),
]
with open(f"{work}/end_to_end.md", "w") as f:
    f.write("| Whole process | Size | Foresight (wall, peak RSS) | Peers, same files, same run | Ratio |\n|---|---|---|---|---|\n")
    for row in rows:
        f.write("| " + " | ".join(row) + " |\n")
print(open(f"{work}/end_to_end.md").read())
PY
