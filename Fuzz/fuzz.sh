#!/usr/bin/env bash
# Foresight fuzzing: builds the libFuzzer targets of the Fuzz package, builds their seed corpora
# from Data/ and Models/, and runs them. Run from anywhere:
#
#   Fuzz/fuzz.sh build               build every target (release, -sanitize=fuzzer,address)
#   Fuzz/fuzz.sh run [TARGET...]     replay the regressions, then fuzz each target for FUZZ_SECONDS (default 300)
#   Fuzz/fuzz.sh smoke               the same for 30 s per target (CI)
#   Fuzz/fuzz.sh repro TARGET FILE   run one input through one target (prints the trap and its stack)
#
# FUZZ_FLAGS adds libFuzzer flags (e.g. "-fork=1 -ignore_crashes=1" to go on after a crash).
# A crash stops that target, keeps the input under Fuzz/crashes/<TARGET>/ and prints how to
# reproduce it; the script exits 1 after all targets have run. Inputs that once crashed are kept
# under Fuzz/Regressions/<TARGET>/ and replayed first. A crash listed in Fuzz/known-crashes is an
# expected failure (a fix is on its way): it is reported under a banner and does not fail the run,
# but once the target's regression inputs pass the script fails until the entry is removed.
# The working corpus grows in Fuzz/.build/corpus/<TARGET>/ and is kept between runs.
set -euo pipefail

FUZZ="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$FUZZ")"
TARGETS=(CSVFuzzer ScenarioFuzzer ScorecardFuzzer FormulaFuzzer StRDFuzzer SelfStartFuzzer)
BUILD_FLAGS=(--package-path "$FUZZ" -c release -Xswiftc -sanitize=fuzzer,address)
# The Swift runtime's backtracer would catch the signals ASan and libFuzzer report on; Foundation
# leaks a buffer when it reads an empty file, so leak checking is off (ASan's other checks stay on).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"

fail() { echo "fuzz.sh: $*" >&2; exit 2; }

# The largest input libFuzzer builds for each target: the seeds' size, not more (speed).
max_len() {
    case "$1" in
        CSVFuzzer) echo 2048 ;;
        ScenarioFuzzer | ScorecardFuzzer) echo 8192 ;;
        FormulaFuzzer | SelfStartFuzzer) echo 512 ;;
        StRDFuzzer) echo 9000 ;;
    esac
}

# libFuzzer ships with the swift.org toolchain; a toolchain without it cannot fuzz, and CI must
# say so rather than pass.
check_toolchain() {
    local swiftc
    swiftc="$(command -v swiftc)" || fail "swiftc not found on PATH: the fuzz targets need the Swift toolchain"
    swiftc="$(readlink -f "$swiftc")"
    compgen -G "$(dirname "$swiftc")/../lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
        compgen -G "$(dirname "$swiftc")/../lib/swift/clang/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
        fail "libFuzzer (libclang_rt.fuzzer) is missing from the Swift toolchain at $(dirname "$swiftc")/..: install a swift.org toolchain, which ships it"
}

build() {
    check_toolchain
    make -C "$ROOT" --no-print-directory deps
    swift build "${BUILD_FLAGS[@]}" || fail "the fuzz targets did not build"
    BIN="$(swift build "${BUILD_FLAGS[@]}" --show-bin-path)"
}

# Seed corpora: the shipped data and models, cut to the target's maximum length, plus the
# committed seeds of Fuzz/Seeds/<TARGET>/.
seed() {
    local target=$1 dir=$FUZZ/.build/seeds/$1 file
    rm -rf "$dir" && mkdir -p "$dir"
    case "$target" in
        CSVFuzzer) for file in "$ROOT"/Data/programs/*.csv; do head -c "$(max_len "$target")" "$file" >"$dir/$(basename "$file")"; done ;;
        ScenarioFuzzer) cp "$ROOT"/Models/scenarios/*.yaml "$dir/" ;;
        ScorecardFuzzer) cp "$ROOT"/Models/scorecards/*.yaml "$dir/" ;;
        StRDFuzzer) for file in "$ROOT"/Data/reference/strd/*/*.dat; do cp "$file" "$dir/"; done ;;
        FormulaFuzzer)
            # The one-line models of the nonlinear StRD files, without `y =` and `+ e`.
            for file in "$ROOT"/Data/reference/strd/nonlinear/*.dat; do
                sed -n 's/^ *y *= *\(.*[^/ ]\) *$/\1/p' "$file" | sed 's/ *+ *e$//' | head -1 >"$dir/$(basename "$file" .dat)"
            done ;;
    esac
    if [ -d "$FUZZ/Seeds/$target" ]; then cp "$FUZZ/Seeds/$target"/* "$dir/"; fi
}

# Fuzz/known-crashes: one line per expected failure, "TARGET SIGNATURE reason…"; a crash of TARGET
# is expected only when its log contains SIGNATURE (a word of the stack trace), so that another
# crash of the same target still fails the run.
is_known() { [ -f "$FUZZ/known-crashes" ] && grep -q "^$1\b" "$FUZZ/known-crashes"; }
known_signature() { grep "^$1\b" "$FUZZ/known-crashes" | head -1 | cut -d' ' -f2; }

# Replays Fuzz/Regressions/<TARGET>/ and fuzzes for $SECONDS_PER_TARGET; records the outcome in
# FAILED, EXPECTED or STALE.
run_target() {
    local target=$1 crashes=$FUZZ/crashes/$1 corpus=$FUZZ/.build/corpus/$1 log=$FUZZ/.build/logs/$1.log
    local regressions=$FUZZ/Regressions/$1 status=0
    mkdir -p "$crashes" "$corpus" "$(dirname "$log")"
    seed "$target"
    if compgen -G "$regressions/*" >/dev/null; then
        echo "== $target: replaying $(ls "$regressions" | wc -l) regression input(s)"
        if "$BIN/$target" "$regressions"/* >"$log.replay" 2>&1; then
            if is_known "$target"; then
                echo "!! $target: listed in Fuzz/known-crashes but its regression inputs pass: remove the entry"
                STALE+=("$target")
            fi
        else
            report_crash "$target" "$log.replay" "(a regression input)"
            is_known "$target" || return 0
        fi
    fi
    echo "== $target: fuzzing for ${SECONDS_PER_TARGET}s"
    "$BIN/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=3072 \
        -print_final_stats=1 -artifact_prefix="$crashes/" ${FUZZ_FLAGS:-} "$corpus" "$FUZZ/.build/seeds/$target" >"$log" 2>&1 || status=$?
    if [ "$status" = 0 ]; then
        { grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1 | sed "s/^/   $target: /"
          grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$log" | sed "s/^/   /"; } || true
    else
        report_crash "$target" "$log" "$(grep -o "Test unit written to .*" "$log" | tail -1 || true)"
    fi
}

report_crash() {
    local target=$1 log=$2 what=$3 input
    input="$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //' || true)"
    { grep -E "fuzz invariant broken|Fatal error|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY|deadly signal" "$log" | head -5 | sed "s/^/   /"; } || true
    if is_known "$target" && grep -q "$(known_signature "$target")" "$log"; then
        echo "!! EXPECTED FAILURE $target $what: listed in Fuzz/known-crashes ($(grep "^$target\b" "$FUZZ/known-crashes" | cut -d' ' -f3-))"
        EXPECTED+=("$target")
    else
        echo "!! CRASH $target $what"
        FAILED+=("$target")
    fi
    echo "   log: $log"
    [ -n "$input" ] && echo "   reproduce: Fuzz/fuzz.sh repro $target $input" ||
        echo "   reproduce: Fuzz/fuzz.sh repro $target Fuzz/Regressions/$target/<file>"
    return 0
}

fuzz_all() {
    SECONDS_PER_TARGET=$1; shift
    local targets=("$@")
    [ ${#targets[@]} -gt 0 ] || targets=("${TARGETS[@]}")
    FAILED=() EXPECTED=() STALE=()
    build
    for target in "${targets[@]}"; do
        [[ " ${TARGETS[*]} " == *" $target "* ]] || fail "unknown target $target (targets: ${TARGETS[*]})"
        run_target "$target"
    done
    echo "== fuzzing: ${#targets[@]} target(s), ${#FAILED[@]} crashed, ${#EXPECTED[@]} expected failure(s), ${#STALE[@]} stale known-crashes entr(ies)"
    [ ${#EXPECTED[@]} = 0 ] || echo "!! expected failures (see Fuzz/known-crashes): ${EXPECTED[*]}"
    [ ${#FAILED[@]} = 0 ] && [ ${#STALE[@]} = 0 ]
}

case "${1:-}" in
    build) build ;;
    run) shift; fuzz_all "${FUZZ_SECONDS:-300}" "$@" ;;
    smoke) shift; fuzz_all "${FUZZ_SECONDS:-30}" "$@" ;;
    repro)
        [ $# = 3 ] || fail "usage: Fuzz/fuzz.sh repro TARGET FILE"
        build >/dev/null
        exec "$BIN/$2" "$3" ;;
    *) fail "usage: Fuzz/fuzz.sh build | run [TARGET...] | smoke | repro TARGET FILE" ;;
esac
