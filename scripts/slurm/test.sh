#!/usr/bin/env bash
# Integration test of the Slurm job scripts against a real, throwaway Slurm on this machine.
#
# Installs slurm-wlm and munge when missing (apt-get, through sudo when not root), starts munged (as the
# user munge), slurmctld and slurmd on localhost with a configuration and state folder of its own
# (one node, 2 CPUs, ports of its own), then:
#   1. writes 200,000 synthetic series (foresight synth) and fits them in one process;
#   2. submits fit-batch.sbatch as a 4-task array and merge.sbatch with --dependency=afterok, waits
#      (time limit) and checks that the merged CSV equals the single-process output byte for byte;
#   3. submits the array again into a fresh folder, kills task 2 while it runs (SIGKILL), checks that
#      merge refuses the incomplete set naming shard 2/4 (exit 65), reruns only task 2 (SHARDS=4) and
#      the merge job, and checks the identical merge again.
# Stops the daemons it started, by their pids, on every exit. Exits 0 with a line starting "SKIP:" only
# where the daemons cannot be installed or started; any other problem fails (exit 1).
#
# Environment: FORESIGHT (the executable; default: builds .build/release/foresight), SERIES (default
# 200000), POINTS per series (default 20), TIME_LIMIT (seconds per wait, default 600), KEEP=1 keeps the work folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
series=${SERIES:-200000}
points=${POINTS:-20}
limit=${TIME_LIMIT:-600}
started=$SECONDS

say() { printf 'slurm test [%3ds]: %s\n' $((SECONDS - started)) "$*"; }
fail() { say "FAIL: $*"; exit 1; }
skip() { say "SKIP: $*"; exit 0; }

# --- Slurm and munge ---------------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || skip "the Slurm daemons need root (or passwordless sudo) to start; not available here"
    SUDO="sudo -n"
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
    say "installing slurm-wlm and munge"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq slurm-wlm munge >/dev/null; } \
        || skip "cannot install slurm-wlm and munge with apt-get"
fi
id munge >/dev/null 2>&1 || skip "the munge package created no user 'munge'"

# --- foresight ---------------------------------------------------------------------------------
foresight=${FORESIGHT:-}
if [ -z "$foresight" ]; then
    say "building foresight (release)"
    (cd "$repo" && swift build -c release --product foresight >/dev/null) || fail "swift build -c release failed"
    foresight="$repo/.build/release/foresight"
fi
[ -x "$foresight" ] || fail "no executable at $foresight"
foresight=$(cd "$(dirname "$foresight")" && pwd)/$(basename "$foresight")

# --- throwaway cluster -------------------------------------------------------------------------
work=$(mktemp -d /tmp/foresight-slurm.XXXXXX)
chmod 755 "$work"
pids=()
jobs_submitted=()
cleanup() {
    local status=$?
    if [ ${#jobs_submitted[@]} -gt 0 ] && [ -n "${SLURM_CONF:-}" ]; then
        $SUDO env SLURM_CONF="$SLURM_CONF" scancel "${jobs_submitted[@]}" 2>/dev/null || true
        sleep 1
    fi
    # Newest first: slurmd, slurmctld, munged.
    for ((k = ${#pids[@]} - 1; k >= 0; k--)); do
        $SUDO kill "${pids[k]}" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do $SUDO kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        $SUDO kill -9 "$pid" 2>/dev/null || true
    done
    if [ $status -ne 0 ] || [ "${KEEP:-0}" = 1 ]; then
        say "work folder kept: $work"
    else
        $SUDO rm -rf "$work"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/jobs"
$SUDO chown munge:munge "$work/munge"
chmod 700 "$work/munge"
$SUDO dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
$SUDO chown munge:munge "$work/munge/munge.key"
$SUDO chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"

say "starting munged (user munge)"
$SUDO setpriv --reuid munge --regid munge --init-groups munged --foreground --force \
    --key-file="$work/munge/munge.key" --socket="$socket" --pid-file="$work/munge/munged.pid" \
    --seed-file="$work/munge/munged.seed" --log-file="$work/munge/munged.log" >"$work/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.2; done
[ -S "$socket" ] || skip "munged did not start: $(tail -3 "$work/munged.out" "$work/munge/munged.log" 2>/dev/null | tr '\n' ' ')"

ctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
cat >"$work/slurm.conf" <<CONF
ClusterName=foresight-test
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=foresight Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

say "starting slurmctld (port $ctld_port) and slurmd (port $slurmd_port)"
$SUDO env SLURM_CONF="$SLURM_CONF" slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=($!)
$SUDO env SLURM_CONF="$SLURM_CONF" slurmd -D -N localhost -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids+=($!)
ready=""
for _ in $(seq 100); do
    state=$($SUDO env SLURM_CONF="$SLURM_CONF" sinfo -h -n localhost -o %T 2>/dev/null || true)
    case "$state" in idle*|mix*|alloc*) ready=1; break ;; esac
    sleep 0.3
done
[ -n "$ready" ] || skip "slurmctld/slurmd did not come up (node state '${state:-none}'): $(tail -3 "$work/slurmctld.log" "$work/slurmd.log" 2>/dev/null | tr '\n' ' ')"
say "cluster up: node localhost $state"

slurm() { $SUDO env SLURM_CONF="$SLURM_CONF" "$@"; }

# Waits until every job in "$@" has left the queue's pending/running states; prints their states.
wait_jobs() {
    local deadline=$((SECONDS + limit)) states
    while :; do
        states=$(slurm squeue -h -j "$(IFS=,; echo "$*")" -o %T 2>/dev/null | sort -u | tr '\n' ' ')
        [ -z "${states// /}" ] && return 0
        [ $SECONDS -lt $deadline ] || fail "jobs $* still ${states}after ${limit}s"
        sleep 1
    done
}

# The final state of job $1 (an array task as JOB_TASK), from slurmctld's memory (no accounting).
job_state() { slurm scontrol show job -o "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort -u | cut -d= -f2 | tr '\n' ' ' | sed 's/ $//'; }

# --- 1. the data and the single-process run -------------------------------------------------------
data="$work/series.csv"
say "synth: $series logistic series of $points points"
"$foresight" synth logistic --series "$series" --points "$points" --seed 17 --out "$data"
say "single process: fit-batch of $(($(wc -l <"$data") - 1)) rows"
t0=$SECONDS
"$foresight" fit-batch --data "$data" --group series --x x --y y --model logistic --threads 2 --out "$work/single.csv"
say "single process took $((SECONDS - t0)) s, $(($(wc -l <"$work/single.csv") - 1)) series"

submit_array() { # $1 out dir, $2 array spec, extra exports in $3
    slurm sbatch --parsable --array="$2" --chdir="$work/jobs" --output="$work/jobs/fit-%A_%a.log" \
        --export=ALL,FORESIGHT="$foresight",DATA="$data",OUT_DIR="$1",MODEL=logistic${3:+,$3} \
        "$repo/scripts/slurm/fit-batch.sbatch"
}
submit_merge() { # $1 out dir, $2 merged file, $3 dependency job
    slurm sbatch --parsable --dependency="afterok:$3" --chdir="$work/jobs" --output="$work/jobs/merge-%j.log" \
        --export=ALL,FORESIGHT="$foresight",OUT_DIR="$1",PATTERN='fits-*.csv',MERGED="$2" \
        "$repo/scripts/slurm/merge.sbatch"
}

# --- 2. array + dependent merge ---------------------------------------------------------------------
say "sbatch: 4-task array over $series series, then the merge job (afterok)"
t0=$SECONDS
array=$(submit_array "$work/parts" 0-3); jobs_submitted+=("$array")
merge=$(submit_merge "$work/parts" "$work/merged.csv" "$array"); jobs_submitted+=("$merge")
wait_jobs "$array" "$merge"
[ "$(job_state "$array")" = COMPLETED ] || fail "array job $array ended $(job_state "$array"); logs in $work/jobs"
[ "$(job_state "$merge")" = COMPLETED ] || fail "merge job $merge ended $(job_state "$merge"): $(cat "$work"/jobs/merge-"$merge".log)"
say "array + merge took $((SECONDS - t0)) s"
cmp "$work/single.csv" "$work/merged.csv" || fail "the merged output differs from the single-process output"
say "OK: merged output is byte-identical to the single-process run ($(wc -c <"$work/merged.csv") bytes)"

# --- 3. kill one task, rerun only it ----------------------------------------------------------------
say "sbatch: the array again; task 2 is killed while it runs"
t0=$SECONDS
array=$(submit_array "$work/parts2" 0-3); jobs_submitted+=("$array")
deadline=$((SECONDS + limit))
until [ "$(slurm squeue -h -j "${array}_2" -o %T 2>/dev/null)" = RUNNING ]; do
    [ $SECONDS -lt $deadline ] || fail "task ${array}_2 never ran"
    sleep 0.2
done
sleep 1
slurm scancel --signal=KILL --full "${array}_2"
wait_jobs "$array"
killed=$(job_state "${array}_2")
case "$killed" in COMPLETED) fail "task 2 finished before it could be killed; make the data larger" ;; esac
say "task ${array}_2 ended $killed"
[ ! -e "$work/parts2/fits-2.csv.manifest.json" ] || fail "the killed task left a manifest"
set +e
out=$("$foresight" merge "$work"/parts2/fits-*.csv --out "$work/merged2.csv" 2>&1)
status=$?
set -e
[ $status = 65 ] || fail "merge of the incomplete set exited $status, not 65: $out"
case "$out" in *"shard 2/4"*) ;; *) fail "merge did not name shard 2/4: $out" ;; esac
[ ! -e "$work/merged2.csv" ] || fail "the refused merge wrote an output"
say "OK: merge refuses the incomplete set: $out"
rerun=$(submit_array "$work/parts2" 2 SHARDS=4); jobs_submitted+=("$rerun")
merge=$(submit_merge "$work/parts2" "$work/merged2.csv" "$rerun"); jobs_submitted+=("$merge")
wait_jobs "$rerun" "$merge"
[ "$(job_state "$rerun")" = COMPLETED ] || fail "rerun of task 2 ($rerun) ended $(job_state "$rerun")"
[ "$(job_state "$merge")" = COMPLETED ] || fail "merge job $merge ended $(job_state "$merge"): $(cat "$work"/jobs/merge-"$merge".log)"
cmp "$work/single.csv" "$work/merged2.csv" || fail "the merge after the rerun differs from the single-process output"
say "kill + rerun + merge took $((SECONDS - t0)) s"
say "OK: after killing and rerunning task 2 alone, the merge is byte-identical again"
say "PASS (total $((SECONDS - started)) s)"
