#!/usr/bin/env bash
# What the default security profile costs at start: `run --rm busybox true`
# with the full default profile (capabilities, seccomp filter, masked and
# read-only paths) against `--security-opt seccomp=unconfined --cap-add ALL`,
# rctl and podman side by side in one run, same busybox image,
# --network none.
#
#   sudo bench/security.sh     (RUNS=N repetitions, in ROUNDS=M interleaved
#                               rounds; RCTL=path to use another build than
#                               target/.../release/rctl)
#
# Runs inside a private network namespace it makes. Needs podman (see
# BENCHMARKS.md), hyperfine, jq, bc, and the busybox archive from
# ../shared/bench/make-fixtures.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
RELEASE=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
RCTL=${RCTL:-$RELEASE}
if [ -z "${RCTL_BENCH_NETNS:-}" ]; then
  [ "$RCTL" != "$RELEASE" ] || cargo build --release --quiet
  exec env RCTL_BENCH_NETNS=1 RCTL="$RCTL" unshare --net -- "$0" "$@"
fi
ip link set lo up
W=${BENCH_DIR:-/var/tmp/rctl-bench-security}
RUNS=${RUNS:-50}
ARCHIVE=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}/archives/busybox.oci.tar
IMG=localhost/bench/busybox:latest
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"
OFF="--security-opt seccomp=unconfined --cap-add ALL"
OUT=$W/results.md
rm -rf "$W"; mkdir -p "$W"
cleanup() { $R rm -fa >/dev/null 2>&1 || true; $P rm -fa -t 0 >/dev/null 2>&1 || true; $P system reset -f >/dev/null 2>&1 || true; rm -rf "$W/rctl" "$W/podman"; }
trap cleanup EXIT

$R load -q -i "$ARCHIVE" >/dev/null
podman=yes
$P load -q -i "$ARCHIVE" >/dev/null 2>&1 && $P run --rm --network none $IMG true >/dev/null 2>&1 || podman=
# The runs are split into ROUNDS rounds, each running every command in turn,
# so that a change of load during the run weighs on all of them alike (the
# profile's cost is smaller than the noise of a shared machine).
ROUNDS=${ROUNDS:-10}
PER_ROUND=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
# Median over every round's runs of command $1.
median_ms() { jq -s -r "[.[].results[$1].times[]] | sort | (if length % 2 == 1 then .[length/2|floor] else (.[length/2 - 1] + .[length/2]) / 2 end) * 1000" "$W"/round-*.json; }
# CPU time (user + system of rctl or podman and everything they wait for),
# steadier than wall time when other work shares the machine: the mean of
# the rounds' means.
cpu_ms() { jq -s -r "[.[].results[$1] | .user + .system] | add / length * 1000" "$W"/round-*.json; }
hf() { hyperfine -N --warmup 2 --runs "$PER_ROUND" --style basic --export-json "$@" >&2; }

cmds=(-n "rctl default" "$R run --rm --network none $IMG true"
      -n "rctl unconfined" "$R run --rm --network none $OFF $IMG true")
[ -n "$podman" ] && cmds+=(-n "podman default" "$P run --rm --network none $IMG true"
      -n "podman unconfined" "$P run --rm --network none $OFF $IMG true")
for round in $(seq "$ROUNDS"); do hf "$W/round-$round.json" "${cmds[@]}"; done
{
  echo "# Security profile start cost, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "rctl $($RCTL --version | cut -d' ' -f2) ($RCTL), ${podman:+$(podman --version), }kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $((PER_ROUND * ROUNDS)) runs each in $ROUNDS interleaved rounds; median milliseconds of \`run --rm --network none busybox true\`."
  echo
  echo "| | default profile | \`$OFF\` | cost of the profile | CPU ms, default / unconfined (mean) | CPU cost |"
  echo "|---|---|---|---|---|---|"
  line() { # NAME index-of-default
    local a b c d
    a=$(median_ms "$2"); b=$(median_ms $(($2 + 1)))
    c=$(cpu_ms "$2"); d=$(cpu_ms $(($2 + 1)))
    printf '| %s | %.2f | %.2f | %.2f | %.2f / %.2f | %.2f |\n' "$1" "$a" "$b" "$(echo "$a - $b" | bc -l)" "$c" "$d" "$(echo "$c - $d" | bc -l)"
  }
  line rctl 0
  if [ -n "$podman" ]; then line podman 2; else echo "| podman | (does not run here) | | | | |"; fi
} >"$OUT"
cat "$OUT"
