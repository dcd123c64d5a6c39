#!/usr/bin/env bash
# Random SIGKILLs during `foresight report` and `foresight fit-batch` (issue 13).
#
# After every kill the output must be the complete old generation or the complete new one, or
# the next run must repair it by itself and succeed; after that next run no temporary file of
# ours may remain and the output must be the complete new generation.
#
# Usage: scripts/kill_test.sh [BINARY] [KILLS]   (default .build/release/foresight, 50 + 50 kills)
# Needs the package's Data/ and Models/ (run from anywhere; paths are taken from this script).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${1:-$root/.build/release/foresight}")
kills=${2:-100}
[ -x "$binary" ] || { echo "kill_test: no executable at $binary (build with: swift build -c release)" >&2; exit 64; }

work=$(mktemp -d "${TMPDIR:-/tmp}/foresight-kill-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
cp -r "$root/Data" Data
mkdir -p Models/scenarios Models/scorecards
# One scenario and one scorecard keep a report run short; the draws tell the generations apart.
cp "$root/Models/scenarios/china-mics-2025.yaml" Models/scenarios/
cp "$root/Models/scorecards/program-structure.yaml" Models/scorecards/

report() { "$binary" report --out rep --threads 2 --draws "$1" >/dev/null 2>&1; }
batch() { "$binary" fit-batch --data big.csv --group series --x x --y y --model logistic --threads 2 --out fits.csv >/dev/null 2>&1; }

# The digest of every file of a generation (the manifest and journal are bookkeeping, not report).
report_digest() { (cd rep && find . -maxdepth 1 -type f ! -name '.*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64); }
temporaries() { find "$1" -maxdepth 1 -name '*.foresight-tmp-*' | wc -l; }

# A random delay for trial $2 of a run that takes $1 seconds: odd trials anywhere in the run,
# even ones in its last 20% and a little beyond, where the files are written and renamed. (Every
# third report trial instead waits for the journal, to kill between the renames.)
random_delay() {
    awk -v t="$1" -v odd="$(( $2 % 2 ))" -v seed="$RANDOM$RANDOM" \
        'BEGIN { srand(seed); if (odd) printf "%.3f", rand() * t; else printf "%.3f", t * (0.8 + 0.3 * rand()) }'
}

declare -A outcome
failures=0
record() { outcome["$1"]=$(( ${outcome["$1"]:-0} + 1 )); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# --- report -----------------------------------------------------------------------------------
start=$(date +%s.%N)
report 100; digest_a=$(report_digest)
report 200; digest_b=$(report_digest)
report_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", (b - a) / 2 }')
[ "$digest_a" != "$digest_b" ] || { echo "kill_test: the two generations are equal" >&2; exit 1; }
report 100  # back to generation A
report_kills=$(( kills / 2 ))
echo "report: one run takes about ${report_seconds} s; $report_kills kills"
for ((i = 1; i <= report_kills; i++)); do
    # Alternate the generation being written, so that old and new always differ.
    if (( i % 2 )); then new_draws=200 old=$digest_a new=$digest_b; else new_draws=100 old=$digest_b new=$digest_a; fi
    "$binary" report --out rep --threads 2 --draws "$new_draws" >/dev/null 2>&1 &
    pid=$!
    if (( i % 3 == 0 )); then
        # Aimed at the renames: kill as soon as the journal appears (plus up to 20 ms).
        delay="journal"
        while [ ! -e rep/.foresight-report-journal ] && kill -0 "$pid" 2>/dev/null; do :; done
        sleep "$(awk -v seed="$RANDOM$RANDOM" 'BEGIN { srand(seed); printf "%.3f", rand() * 0.02 }')"
    else
        delay=$(random_delay "$report_seconds" "$i")
        sleep "$delay"
    fi
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null && finished=1 || finished=0
    now=$(report_digest)
    if [ "$now" = "$old" ]; then state=old; elif [ "$now" = "$new" ]; then state=new; else state=mixed; fi
    [ -e rep/.foresight-report-journal ] && journal=journal || journal=""
    (( $(temporaries rep) > 0 )) && leftovers=temps || leftovers=""
    [ "$finished" = 1 ] && state="finished-before-kill"
    # The next run writes the new generation again: it must succeed by itself.
    if ! report "$new_draws"; then fail "report kill $i (after ${delay}s, state $state): the next run failed"; fi
    [ "$(report_digest)" = "$new" ] || fail "report kill $i: after the next run the folder is not the new generation"
    (( $(temporaries rep) == 0 )) || fail "report kill $i: temporary files remain after the next run"
    [ ! -e rep/.foresight-report-journal ] || fail "report kill $i: the journal remains after the next run"
    record "report ${state}${journal:+ +journal}${leftovers:+ +temps}"
    # After the repair run the folder holds $new; the next trial writes the other one.
done

# --- fit-batch --------------------------------------------------------------------------------
"$binary" synth logistic --series 20000 --points 20 --seed 7 --out big.csv >/dev/null
start=$(date +%s.%N); batch; batch_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
digest_fits=$(sha256sum fits.csv | cut -c1-64)
batch_kills=$(( kills - report_kills ))
echo "fit-batch: one run over 20000 series takes about ${batch_seconds} s; $batch_kills kills"
for ((i = 1; i <= batch_kills; i++)); do
    # The old output is a different file (a marker line), so that old and new differ.
    printf 'old output %d\n' "$i" > fits.csv
    old=$(sha256sum fits.csv | cut -c1-64)
    # The output is renamed into place in one step at the end: kill anywhere in the first 90%.
    delay=$(awk -v t="$batch_seconds" -v seed="$RANDOM$RANDOM" 'BEGIN { srand(seed); printf "%.3f", 0.9 * t * rand() }')
    "$binary" fit-batch --data big.csv --group series --x x --y y --model logistic --threads 2 --out fits.csv >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null && finished=1 || finished=0
    now=$(sha256sum fits.csv | cut -c1-64)
    if [ "$now" = "$old" ]; then state=old; elif [ "$now" = "$digest_fits" ]; then state=new; else state=torn; fail "fit-batch kill $i: fits.csv is neither old nor new"; fi
    (( $(temporaries .) > 0 )) && leftovers=temps || leftovers=""
    [ "$finished" = 1 ] && state="finished-before-kill"
    batch || fail "fit-batch kill $i: the next run failed"
    [ "$(sha256sum fits.csv | cut -c1-64)" = "$digest_fits" ] || fail "fit-batch kill $i: the next run's output differs"
    (( $(temporaries .) == 0 )) || fail "fit-batch kill $i: temporary files remain after the next run"
    record "fit-batch ${state}${leftovers:+ +temps}"
done

echo "outcomes after the kill (old/new/mixed = folder or file state; +journal/+temps = left for the next run to repair):"
for key in "${!outcome[@]}"; do printf '  %-40s %d\n' "$key" "${outcome[$key]}"; done | sort
echo "kills: $kills; failures: $failures"
(( failures == 0 ))
