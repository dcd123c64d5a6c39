#!/usr/bin/env bash
# TOPSIS (1,000,000 alternatives x 16 criteria) and SMAA-2 (1,000,000 weight draws, 3 x 10) in
# Foresight and in vectorized numpy on the same data, in one run; prints the ratios.
# Needs python3 with numpy (present on the development machines); installs nothing else.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${WORK:-$(mktemp -d)}"
echo "data in $work"
python3 "$here/scoring_numpy.py" generate "$work"
swift build -c release --package-path "$here/.." --product scoring-bench >/dev/null
bench="$here/../.build/release/scoring-bench"
# numpy is timed with the machine's OpenBLAS settings unset in its own command only (see env notes).
np_topsis=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$here/scoring_numpy.py" topsis "$work/topsis.bin")
fs_topsis1=$("$bench" topsis "$work/topsis.bin")
np_smaa=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$here/scoring_numpy.py" smaa "$work/smaa.bin")
fs_smaa1=$("$bench" smaa "$work/smaa.bin" --threads 1)
fs_smaa2=$("$bench" smaa "$work/smaa.bin" --threads 2)
printf '%s\n' "$np_topsis" "$fs_topsis1" "$np_smaa" "$fs_smaa1" "$fs_smaa2"
seconds() { sed -E 's/.*: ([0-9.]+) s.*/\1/' <<<"$1" | head -1; }
python3 - "$(seconds "$np_topsis")" "$(seconds "$fs_topsis1")" "$(seconds "$np_smaa")" "$(seconds "$fs_smaa1")" "$(seconds "$fs_smaa2")" <<'PY'
import sys
nt, ft, ns, fs1, fs2 = map(float, sys.argv[1:])
print(f"\n| benchmark | numpy s | Foresight s | ratio | target |")
print(f"|---|---:|---:|---:|---:|")
print(f"| TOPSIS 1,000,000 x 16 | {nt:.4f} | {ft:.4f} | {nt/ft:.1f}x | >= 10x |")
print(f"| SMAA-2 1,000,000 draws, 1 thread | {ns:.4f} | {fs1:.4f} | {ns/fs1:.1f}x | >= 5x |")
print(f"| SMAA-2 1,000,000 draws, 2 threads | {ns:.4f} | {fs2:.4f} | {ns/fs2:.1f}x | >= 5x |")
PY
