#!/usr/bin/env bash
# TOPSIS (1,000,000 alternatives x 16 criteria) and SMAA-2 (1,000,000 weight draws, 3 x 10) in
# Foresight and in vectorized numpy on the same data, in one run; prints the ratios.
# Needs python3 with numpy (present on the development machines); installs nothing else.
#
#   WORK=DIR   reuse (or keep) the data files in DIR
#   RUNS=N     repeat the whole comparison N times (default 1) and report, per benchmark, the
#              median time of each side and the median and range of the per-run ratios; each
#              side's time in one run is already the median of 5 timings.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${WORK:-$(mktemp -d)}"
runs="${RUNS:-1}"
echo "data in $work"
python3 "$here/scoring_numpy.py" generate "$work"
swift build -c release --package-path "$here/.." --product scoring-bench >/dev/null
bench="$here/../.build/release/scoring-bench"
seconds() { sed -E 's/.*: ([0-9.]+) s.*/\1/' <<<"$1" | head -1; }
results="$work/scoring_times.txt"
: >"$results"
for run in $(seq 1 "$runs"); do
    [ "$runs" -gt 1 ] && echo "--- run $run of $runs"
    # numpy is timed with the machine's OpenBLAS settings unset in its own command only (see env notes).
    np_topsis=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$here/scoring_numpy.py" topsis "$work/topsis.bin")
    fs_topsis1=$("$bench" topsis "$work/topsis.bin")
    np_smaa=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$here/scoring_numpy.py" smaa "$work/smaa.bin")
    fs_smaa1=$("$bench" smaa "$work/smaa.bin" --threads 1)
    fs_smaa2=$("$bench" smaa "$work/smaa.bin" --threads 2)
    printf '%s\n' "$np_topsis" "$fs_topsis1" "$np_smaa" "$fs_smaa1" "$fs_smaa2"
    echo "$(seconds "$np_topsis") $(seconds "$fs_topsis1") $(seconds "$np_smaa") $(seconds "$fs_smaa1") $(seconds "$fs_smaa2")" >>"$results"
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
nt, ft, ns, fs1, fs2 = (list(column) for column in zip(*rows))
def line(name, numpy, foresight, target):
    ratios = [a / b for a, b in zip(numpy, foresight)]
    if len(rows) == 1:
        return f"| {name} | {numpy[0]:.4f} | {foresight[0]:.4f} | {ratios[0]:.1f}x | {target} |"
    return (f"| {name} | {statistics.median(numpy):.4f} ({min(numpy):.4f}–{max(numpy):.4f}) "
            f"| {statistics.median(foresight):.4f} ({min(foresight):.4f}–{max(foresight):.4f}) "
            f"| {statistics.median(ratios):.1f}x ({min(ratios):.1f}–{max(ratios):.1f}) | {target} |")
if len(rows) == 1:
    print(f"\n| benchmark | numpy s | Foresight s | ratio | target |")
else:
    print(f"\n{len(rows)} runs; medians, ranges in parentheses (ratios are per run)")
    print(f"| benchmark | numpy s | Foresight s | ratio | target |")
print(f"|---|---:|---:|---:|---:|")
print(line("TOPSIS 1,000,000 x 16", nt, ft, ">= 10x"))
print(line("SMAA-2 1,000,000 draws, 1 thread", ns, fs1, ">= 5x"))
print(line("SMAA-2 1,000,000 draws, 2 threads", ns, fs2, ">= 5x"))
PY
