#!/usr/bin/env bash
# The foundation's benchmarks, rctl and podman side by side in one run:
#   1. load of a synthetic image (4 layers, 20,000 files, 200 MB docker-archive)
#      and of the shared Debian fixture (3 layers, 219 MB; oci-archive gzip and
#      docker-archive), each into an empty store;
#   2. `images` with 200 images in the store;
#   3. peak memory (max RSS) of load for images of 50, 200 and 800 MB.
#
#   sudo bench/foundation.sh            (RUNS=N to change the repetitions)
#
# Needs: podman (with /etc/containers/containers.conf as BENCHMARKS.md says),
# hyperfine, jq, GNU time. The Debian fixture comes from
# ../shared/bench/make-fixtures.sh; it is skipped when absent. Stores live in
# $BENCH_DIR (default /var/tmp/rctl-bench), on the same filesystem for both tools.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
W=${BENCH_DIR:-/var/tmp/rctl-bench}
RUNS=${RUNS:-5}
FIX=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}/archives
OUT=$W/results.md

cargo build --release --quiet
cargo build --release --quiet --example mkfixture
RCTL=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
MK=$PWD/target/x86_64-unknown-linux-gnu/release/examples/mkfixture
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"
# A store is reset by moving it aside, not deleting it: on ext4, creating
# files right after deleting many makes inode allocation crawl through
# recently freed inodes, which would measure the deletion, not the tool.
# The moved stores are deleted at the end.
mkdir -p "$W/trash"
reset_rctl="if [ -e $W/rctl ]; then mv $W/rctl $W/trash/rctl.\$(date +%s%N); fi; sync"
reset_podman="if [ -e $W/podman ]; then mv $W/podman $W/trash/podman.\$(date +%s%N); fi; sync"
trap 'rm -rf "$W/trash"' EXIT

mkdir -p "$W/fixtures"
[ -s "$W/fixtures/synthetic-200.tar" ] || "$MK" synthetic 4 5000 200 "$W/fixtures/synthetic-200.tar"
[ -s "$W/fixtures/synthetic-50.tar" ] || "$MK" synthetic 4 1250 50 "$W/fixtures/synthetic-50.tar"
[ -s "$W/fixtures/synthetic-800.tar" ] || "$MK" synthetic 4 20000 800 "$W/fixtures/synthetic-800.tar"

median() { jq -r ".results[$1].median" "$2"; }
{
  echo "# Foundation benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "rctl $($RCTL --version | cut -d' ' -f2), $(podman --version), kernel $(uname -r), $(nproc) CPUs; $RUNS runs each."
  echo
  echo "## load into an empty store (median seconds)"
  echo
  echo "| archive | rctl | podman | rctl/podman |"
  echo "|---|---|---|---|"
} >"$OUT"

bench_load() { # NAME ARCHIVE
  local json=$W/load-$1.json
  hyperfine --runs "$RUNS" --export-json "$json" --style basic \
    --prepare "$reset_rctl" --prepare "$reset_podman" \
    -n rctl "$R load -q -i $2" -n podman "$P load -q -i $2" >&2
  local a b
  a=$(median 0 "$json"); b=$(median 1 "$json")
  printf '| %s | %.3f | %.3f | %.2f |\n' "$1" "$a" "$b" "$(echo "$a / $b" | bc -l)" >>"$OUT"
}
bench_load "synthetic 200 MB, 20,000 files (docker-archive)" "$W/fixtures/synthetic-200.tar"
if [ -s "$FIX/debian.oci.tar" ]; then
  bench_load "debian 219 MB (oci-archive, gzip)" "$FIX/debian.oci.tar"
  bench_load "debian 219 MB (docker-archive)" "$FIX/debian.docker.tar"
fi

# 2. images with 200 images
eval "$reset_rctl"; eval "$reset_podman"
for i in $(seq 1 200); do
  "$MK" tiny "image $i" "$W/fixtures/tiny.tar"
  $R import -q "$W/fixtures/tiny.tar" "bench/img$i" >/dev/null
  $P import -q "$W/fixtures/tiny.tar" "bench/img$i" >/dev/null
done
json=$W/images.json
hyperfine --warmup 3 --runs 30 --export-json "$json" --style basic -N \
  -n rctl "$R images" -n podman "$P images" >&2
{
  echo
  echo "## images with 200 images in the store (median milliseconds, 30 runs)"
  echo
  echo "| rctl | podman | rctl/podman |"
  echo "|---|---|---|"
  a=$(median 0 "$json"); b=$(median 1 "$json")
  printf '| %.1f | %.1f | %.2f |\n' "$(echo "$a * 1000" | bc -l)" "$(echo "$b * 1000" | bc -l)" "$(echo "$a / $b" | bc -l)"
  echo
  echo "## peak memory of load (max RSS, MiB)"
  echo
  echo "| image | rctl | podman |"
  echo "|---|---|---|"
} >>"$OUT"

# 3. peak memory
for size in 50 200 800; do
  eval "$reset_rctl"
  a=$(/usr/bin/time -f %M $R load -q -i "$W/fixtures/synthetic-$size.tar" 2>&1 >/dev/null | tail -1)
  eval "$reset_podman"
  b=$(/usr/bin/time -f %M $P load -q -i "$W/fixtures/synthetic-$size.tar" 2>&1 >/dev/null | tail -1)
  printf '| synthetic %s MB | %.1f | %.1f |\n' "$size" "$(echo "$a / 1024" | bc -l)" "$(echo "$b / 1024" | bc -l)" >>"$OUT"
done
eval "$reset_rctl"; eval "$reset_podman"
cat "$OUT"
