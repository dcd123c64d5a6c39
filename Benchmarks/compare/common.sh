# Shared set-up of the comparison scripts (sourced): paths, the release build of foresight,
# installing peers (saying so), and reading foresight's JSON.
#   WORK=DIR   keeps the data and intermediate files there (default: a fresh temporary folder).
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK"
# Its own build folder, so that a comparison never races a developer's .build.
FORESIGHT="$ROOT/.build-compare/release/foresight"

build_foresight() {
    echo "== building foresight (release, .build-compare)" >&2
    swift build -c release --package-path "$ROOT" --scratch-path "$ROOT/.build-compare" --product foresight >&2
}

# need_apt FILE PACKAGE...: installs the Debian packages when FILE is missing.
need_apt() {
    local file="$1"; shift
    [[ -e "$file" ]] && return 0
    echo "installing $* with apt-get (Debian packages, needs root) for the peers" >&2
    apt-get install -y "$@" >&2 || { apt-get update >&2 && apt-get install -y "$@" >&2; }
}

# need_pip MODULE PACKAGE: installs the PyPI package when python3 cannot import MODULE.
need_pip() {
    python3 -c "import $1" 2>/dev/null && return 0
    echo "installing $2 with pip (PyPI) for the peers" >&2
    python3 -m pip install --quiet "$2" >&2
}

# json_rate FILE BENCHMARK THREADS: throughput of one measurement of a `foresight bench --format json` report.
json_rate() {
    python3 - "$@" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = [m for s in report["suites"] for m in s["measurements"]
        if m["benchmark"] == sys.argv[2] and m["threads"] == int(sys.argv[3])]
print(max(rows, key=lambda m: m["work"])["throughput"])
PY
}

# field KEY: the value of KEY=value in standard input.
field() { sed -n "s/.*[ ]*$1=\([^ ]*\).*/\1/p" | head -1; }

# metric NAME VALUE: one machine-readable result line (run_all.sh collects them).
metric() { echo "metric $1 $2"; }
