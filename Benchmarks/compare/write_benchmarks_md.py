#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the logs of run_all.sh (metric lines `metric NAME VALUE`)."""
import argparse
import os
import platform
import re
import statistics
import subprocess

# (comparison, Foresight metric, peer metric, peer label, target ratio or None)
ROWS = [
    ("Batch logistic fitting, 1 thread (fits/s)", "fit.foresight.t1", "fit.minpack", "C MINPACK lmder, 1 thread", 1.0),
    ("Batch logistic fitting, 2 threads (fits/s)", "fit.foresight.t2", "fit.minpack", "C MINPACK lmder, 1 thread", 1.8),
    ("Batch logistic fitting, 1 thread (fits/s)", "fit.foresight.t1", "fit.curve_fit", "scipy curve_fit (lm)", 50.0),
    ("Batch logistic fitting, 1 thread (fits/s)", "fit.foresight.t1", "fit.least_squares", "scipy least_squares (trf)", None),
    ("Batch logistic fitting, 1 thread (fits/s)", "fit.foresight.t1", "fit.r_nls", "R nls", None),
    ("Batch logistic fitting, 1 thread (fits/s)", "fit.foresight.t1", "fit.r_minpack_lm", "R minpack.lm nlsLM", None),
    ("dgemm n = 2000 through Matrix, 2 threads (GFLOP/s)", "dgemm2000.foresight.t2", "dgemm2000.openblas.t2", "OpenBLAS cblas_dgemm from C, 2 threads", 0.95),
    ("dgemm n = 2000 through Matrix, 1 thread (GFLOP/s)", "dgemm2000.foresight.t1", "dgemm2000.openblas.t1", "OpenBLAS cblas_dgemm from C, 1 thread", 0.95),
    ("TOPSIS 1,000,000 x 16 (alternatives/s)", "topsis.foresight", "topsis.numpy", "numpy (vectorized)", 10.0),
    ("TOPSIS 1,000,000 x 16 (alternatives/s)", "topsis.foresight", "topsis.pymcdm", "pymcdm TOPSIS", None),
    ("SMAA-2 1,000,000 draws, 1 thread (draws/s)", "smaa.foresight.t1", "smaa.numpy", "numpy (vectorized)", 5.0),
    ("SMAA-2 1,000,000 draws, 2 threads (draws/s)", "smaa.foresight.t2", "smaa.numpy", "numpy (vectorized)", 5.0),
]


def metrics(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if len(parts) == 3 and parts[0] == "metric":
            try:
                out[parts[1]] = float(parts[2])
            except ValueError:
                pass
    return out


def version(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, shell=True).stdout.strip().splitlines()[0]
    except (IndexError, OSError, subprocess.SubprocessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--quick", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    runs = [metrics(os.path.join(args.work, f"run-{r}.log")) for r in range(1, args.runs + 1)]
    memory = metrics(os.path.join(args.work, "memory.log"))
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    swift, compiler = version("swift --version 2>&1"), version("cc --version")
    openblas = version("dpkg-query -W -f='${Version}\\n' libopenblas0-pthread libopenblas0 2>/dev/null")
    cminpack = version("dpkg-query -W -f='${Version}' libcminpack1")
    r_version = version("Rscript -e 'cat(R.version$major, R.version$minor, sep=\".\")'")
    python_peers = version("python3 -c 'import numpy, scipy, importlib.metadata as m; print(numpy.__version__, scipy.__version__, m.version(\"pymcdm\"))'")
    lines = [
        "# Benchmarks",
        "",
        "Regenerate everything on this page with `Benchmarks/compare/run_all.sh` (about 30-40 minutes; "
        "`--runs N` sets the number of runs, default 3). Each run measures Foresight and the peer back to back "
        "on the same data written by `foresight synth`; a ratio is Foresight's throughput over the peer's in "
        "that run, and the table gives the median of the runs' ratios with their range."
        + (" **This page was made with `--quick` (smaller problems) and does not measure the targets.**" if args.quick else ""),
        "",
        "## Machine",
        "",
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem} MiB; {platform.platform()}",
        f"- {swift}; {compiler}",
        f"- OpenBLAS {openblas}, cminpack {cminpack}, R {r_version}, numpy/scipy/pymcdm {python_peers}",
        f"- The machine is shared with other builds; load average when the page was written: {' '.join(open('/proc/loadavg').read().split()[:3])} (see the notes)",
        "",
        "## Commands",
        "",
        "| script | compares |",
        "|---|---|",
        "| `Benchmarks/compare/fit_vs_peers.sh` | `foresight bench fit --data` on 100,000 logistic series x 20 points vs C MINPACK `lmder` (all series), scipy `curve_fit`/`least_squares` and R `nls`/`minpack.lm` (first 5,000 series, compared in fits/s) |",
        "| `Benchmarks/compare/score_vs_peers.sh` | `foresight bench score/smaa --data` vs numpy TOPSIS and SMAA-2 and pymcdm TOPSIS |",
        "| `Benchmarks/compare/dgemm_vs_openblas.sh` | `foresight bench linalg --size large` dgemm vs `cblas_dgemm` from C |",
        "| `Benchmarks/compare/fit_batch_memory.sh` | peak resident memory of `foresight fit-batch` over 1,000,000 series streamed from CSV |",
        "| `foresight bench all --size large` | every suite with its scaling table over work and threads |",
        "| `swift package --package-path Benchmarks benchmark` | ordo-one/benchmark suites with allocation thresholds in `Benchmarks/Thresholds/` |",
        "",
        f"## Ratios ({args.runs} run{'s' if args.runs != 1 else ''})",
        "",
        "| benchmark | peer | Foresight (median) | peer (median) | ratio: median (range) | target | met |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for label, ours, peer, peer_label, target in ROWS:
        pairs = [(r[ours], r[peer]) for r in runs if ours in r and peer in r and r[peer] > 0]
        if not pairs:
            lines.append(f"| {label} | {peer_label} | | | not measured | {'>= %.2f' % target if target else ''} | |")
            continue
        ratios = [a / b for a, b in pairs]
        median = statistics.median(ratios)
        verdict = "" if target is None else ("yes" if median >= target else f"**no** ({100 * (median / target - 1):+.1f}%)")
        lines.append(
            f"| {label} | {peer_label} | {statistics.median(a for a, _ in pairs):.4g} | {statistics.median(b for _, b in pairs):.4g} "
            f"| {median:.3g}x ({min(ratios):.3g}-{max(ratios):.3g}) | {'>= %.2fx' % target if target else '(information)'} | {verdict} |")
    peak = memory.get("fitbatch.peak_mib")
    rate = memory.get("fitbatch.series_per_s")
    lines.append(
        f"| fit-batch, 1,000,000 series streamed from CSV | (peak resident memory) | {peak:.0f} MiB | | | <= 200 MB | "
        f"{'yes' if peak is not None and peak * 1.048576 <= 200 else '**no**'} |" if peak is not None else
        "| fit-batch, 1,000,000 series streamed from CSV | (peak resident memory) | not measured | | | <= 200 MB | |")
    if rate:
        lines += ["", f"fit-batch throughput in that run, CSV parsing and output included: {rate:.0f} series/s."]
    lines += ["", "## Notes", "", "NOTES_PLACEHOLDER", ""]
    text = "\n".join(lines)
    notes_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "BENCHMARKS_NOTES.md")
    if os.path.exists(notes_path):
        text = text.replace("NOTES_PLACEHOLDER", open(notes_path).read().strip())
    else:
        text = text.replace("NOTES_PLACEHOLDER", "")
    open(args.out, "w").write(text)


if __name__ == "__main__":
    main()
