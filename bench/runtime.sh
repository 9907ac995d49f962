#!/usr/bin/env bash
# The runtime's benchmarks, rctl and podman side by side in one run, same
# busybox image, --network none:
#   1. run --rm busybox true, and the floor: unshare+chroot of the same rootfs
#   2. exec C true into a running container
#   3. create + start + rm
#   4. ps -a with 0 and 100 containers
#   5. resident memory of the monitor of one idle container vs conmon
#   6. 32 parallel run --rm busybox sleep 1: wall time for all of them
#
#   sudo bench/runtime.sh            (RUNS=N to change the repetitions)
#
# Runs inside a private network namespace it makes (nothing here uses the
# network). Needs podman (see BENCHMARKS.md), hyperfine, jq, bc, and the
# busybox archive from ../shared/bench/make-fixtures.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
if [ -z "${RCTL_BENCH_NETNS:-}" ]; then
  cargo build --release --quiet
  exec env RCTL_BENCH_NETNS=1 unshare --net -- "$0" "$@"
fi
ip link set lo up
W=${BENCH_DIR:-/var/tmp/rctl-bench-runtime}
RUNS=${RUNS:-30}
ARCHIVE=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}/archives/busybox.oci.tar
IMG=localhost/bench/busybox:latest
RCTL=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"
OUT=$W/results.md
rm -rf "$W"; mkdir -p "$W"
cleanup() { $R rm -fa >/dev/null 2>&1 || true; $P rm -fa -t 0 >/dev/null 2>&1 || true; $P system reset -f >/dev/null 2>&1 || true; rm -rf "$W/rctl" "$W/podman" "$W/rootfs"; }
trap cleanup EXIT

$R load -q -i "$ARCHIVE" >/dev/null
$P load -q -i "$ARCHIVE" >/dev/null
mkdir -p "$W/rootfs"
tar -C "$W/rootfs" -xf <(id=$($R create --network none $IMG true); $R export "$id"; $R rm "$id" >/dev/null)

median_ms() { jq -r ".results[$1].median * 1000" "$2"; }
row() { # NAME JSON [index of rctl] [index of podman]
  local a b
  a=$(median_ms "${3:-0}" "$2"); b=$(median_ms "${4:-1}" "$2")
  printf '| %s | %.1f | %.1f | %.3f |\n' "$1" "$a" "$b" "$(echo "$a / $b" | bc -l)" >>"$OUT"
}
hf() { hyperfine -N --warmup 3 --runs "$RUNS" --style basic --export-json "$@" >&2; }
{
  echo "# Runtime benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "rctl $($RCTL --version | cut -d' ' -f2), $(podman --version) (runc, cgroupfs), kernel $(uname -r), $(nproc) CPUs; $RUNS runs each; median milliseconds."
  echo
  echo "| what | rctl | podman | rctl/podman |"
  echo "|---|---|---|---|"
} >"$OUT"

# 1. run --rm true, and the floor
hf "$W/run.json" -n rctl "$R run --rm --network none $IMG true" -n podman "$P run --rm --network none $IMG true" \
  -n floor "unshare --fork --pid --mount --uts --ipc --net chroot $W/rootfs /bin/true"
row "run --rm busybox true" "$W/run.json"
floor=$(median_ms 2 "$W/run.json")

# 2. exec
$R run -d --name ex --network none $IMG sleep 1000 >/dev/null
$P run -d --name ex --network none $IMG sleep 1000 >/dev/null
hf "$W/exec.json" -n rctl "$R exec ex true" -n podman "$P exec ex true"
row "exec C true" "$W/exec.json"

# 5. monitor memory (the container above is idle)
sleep 1
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
m_rctl=$(rss "$($R inspect --format '{{.State.ConmonPid}}' ex)")
m_podman=$(rss "$($P inspect --format '{{.State.ConmonPid}}' ex)")
$R rm -f ex >/dev/null; $P rm -f -t 0 ex >/dev/null

# 3. create + start + rm
hf "$W/lifecycle.json" \
  -n rctl "sh -c 'id=\$($R create --network none $IMG true) && $R start \$id >/dev/null && $R rm -f \$id >/dev/null'" \
  -n podman "sh -c 'id=\$($P create --network none $IMG true) && $P start \$id >/dev/null && $P rm -f \$id >/dev/null'"
row "create + start + rm" "$W/lifecycle.json"

# 4. ps with 0 and 100 containers
hf "$W/ps0.json" -n rctl "$R ps -a" -n podman "$P ps -a"
row "ps -a, 0 containers" "$W/ps0.json"
for i in $(seq 100); do $R create --network none $IMG true >/dev/null; $P create --network none $IMG true >/dev/null; done
hf "$W/ps100.json" -n rctl "$R ps -a" -n podman "$P ps -a"
row "ps -a, 100 containers" "$W/ps100.json"
$R rm -fa >/dev/null; $P rm -fa >/dev/null

# 6. 32 parallel run --rm sleep 1 (wall time of the whole batch)
par() { local start end; start=$(date +%s%N); seq 32 | xargs -P 32 -I{} $1 run --rm --network none $IMG sleep 1 >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
p_rctl=$(par "$R"); p_podman=$(par "$P")
{
  printf '| 32 parallel run --rm sleep 1 (wall, one batch) | %s | %s | %.3f |\n' "$p_rctl" "$p_podman" "$(echo "$p_rctl / $p_podman" | bc -l)"
  echo
  printf 'Floor (unshare --fork --pid --mount --uts --ipc --net chroot ROOTFS /bin/true): %.1f ms; rctl run is %.1fx the floor.\n' \
    "$floor" "$(echo "$(median_ms 0 "$W/run.json") / $floor" | bc -l)"
  echo
  printf 'Monitor of one idle detached container, resident memory: rctl %s KiB, conmon %s KiB.\n' "$m_rctl" "$m_podman"
} >>"$OUT"
cat "$OUT"
