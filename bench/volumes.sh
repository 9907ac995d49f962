#!/usr/bin/env bash
# Volume I/O against the host's: dd of 1 GiB into a directory on the host,
# into a named volume of an rctl container, and into a podman volume, all on
# the same filesystem, interleaved, median (and fastest) of RUNS (default 5)
# each. The containers run with --network none, in a network namespace the
# script makes.
#
#   sudo bench/volumes.sh              (RUNS=N, RCTL=path/to/rctl to choose)
#   sudo DIRECT=1 bench/volumes.sh     (oflag=direct too: no page cache, so
#                                       less CPU and less noise on a busy host)
#
# The same busybox dd runs everywhere (the host's busybox-static, the
# image's in the containers), with conv=fsync: busybox's dd has no
# fdatasync, and for one new file fsync writes the same data plus one inode,
# so the figure is the disk's, not the page cache's. The time is taken
# around dd from /proc/uptime inside the container (busybox's dd prints no
# timing), so container start-up is not counted. Needs podman (see
# BENCHMARKS.md), busybox, bc and the busybox archive from
# ../shared/bench/make-fixtures.sh. The machine's load is printed with the
# results: do not trust figures taken under load.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
if [ -z "${RCTL:-}" ]; then
  cargo build --release --quiet
  RCTL=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
fi
# The containers have no network, and run in a network namespace of the
# benchmark's own all the same: nothing here may touch the host's.
if [ -z "${RCTL_BENCH_NETNS:-}" ]; then
  exec env RCTL_BENCH_NETNS=1 RCTL="$RCTL" unshare --net -- "$0" "$@"
fi
ip link set lo up
W=${BENCH_DIR:-/var/tmp/rctl-bench-volumes}
RUNS=${RUNS:-5}
ARCHIVE=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}/archives/busybox.oci.tar
IMG=localhost/bench/busybox:latest
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"
# Prints the seconds dd took to write 1 GiB to /data/f.
FLAGS="conv=fsync${DIRECT:+ oflag=direct}"
DD='a=$(cut -d" " -f1 /proc/uptime); dd if=/dev/zero of=/data/f bs=1M count=1024 '$FLAGS' 2>/dev/null; b=$(cut -d" " -f1 /proc/uptime); echo "$b - $a"'

rm -rf "$W"; mkdir -p "$W/host"
cleanup() { $R rm -fa >/dev/null 2>&1 || true; $P rm -fa -t 0 >/dev/null 2>&1 || true; $P system reset -f >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT

$R load -q -i "$ARCHIVE" >/dev/null
$R volume create bench >/dev/null
podman_ok=1
{ $P load -q -i "$ARCHIVE" && $P volume create bench; } >/dev/null 2>&1 || podman_ok=0

secs() { bc -l | sed 's/^\./0./'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
host=(); rctl=(); podman=()
# One timed write each; the file is removed and everything synced before
# the next, so no write-back of one run is counted in another.
one() {
  sync
  case $1 in
    host) host+=("$(busybox sh -c "${DD//\/data\//$W/host/}" | secs)"); rm -f "$W/host/f" ;;
    rctl) rctl+=("$($R run --rm --network none -v bench:/data "$IMG" sh -c "$DD" | secs)")
          $R run --rm --network none -v bench:/data "$IMG" rm /data/f ;;
    podman) [ $podman_ok = 1 ] || return 0
          podman+=("$($P run --rm --network none -v bench:/data "$IMG" sh -c "$DD" | secs)")
          $P run --rm --network none -v bench:/data "$IMG" rm /data/f ;;
  esac
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$RUNS"); do
  # The order turns each run, so none is always first after a sync.
  case $((i % 3)) in
    1) order="host rctl podman" ;;
    2) order="rctl podman host" ;;
    0) order="podman host rctl" ;;
  esac
  for t in $order; do one "$t"; done
  echo "run $i: host ${host[-1]} s, rctl ${rctl[-1]} s${podman:+, podman ${podman[-1]} s}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
least() { sort -g | head -1; }
h=$(printf '%s\n' "${host[@]}" | median); hmin=$(printf '%s\n' "${host[@]}" | least)
r=$(printf '%s\n' "${rctl[@]}" | median); rmin=$(printf '%s\n' "${rctl[@]}" | least)
mb() { echo "scale=0; 1024 / $1" | bc; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
echo
echo "| dd 1 GiB, $FLAGS | median s | MiB/s | vs host | fastest s | vs host |"
echo "|---|---|---|---|---|---|"
echo "| host directory | $h | $(mb "$h") | 1.00 | $hmin | 1.00 |"
echo "| rctl volume | $r | $(mb "$r") | $(ratio "$r" "$h") | $rmin | $(ratio "$rmin" "$hmin") |"
if [ $podman_ok = 1 ]; then
  p=$(printf '%s\n' "${podman[@]}" | median); pmin=$(printf '%s\n' "${podman[@]}" | least)
  echo "| podman volume | $p | $(mb "$p") | $(ratio "$p" "$h") | $pmin | $(ratio "$pmin" "$hmin") |"
else
  echo "(podman could not load the image or make a volume here)"
fi
