#!/usr/bin/env bash
# Building and committing, rctl against podman in one run, on the busybox
# fixture: a 10-step Containerfile (two COPY, two RUN, a WORKDIR and
# config steps) built cold (`--no-cache`: every step runs; the base image
# is in the store) and fully cached (every step reused), then `commit` of a
# container that wrote 10,000 files. Medians of RUNS (default 10) with
# hyperfine; RUN steps have no network (`--network none`) on both sides.
#
#   sudo bench/build.sh                (RUNS=N, RCTL=path/to/rctl to choose)
#
# Needs podman (see BENCHMARKS.md), hyperfine, and the busybox archive from
# ../shared/bench/make-fixtures.sh. The machine's load is printed with the
# results: do not trust figures taken under load.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
if [ -z "${RCTL:-}" ]; then
  cargo build --release --quiet
  RCTL=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
fi
W=${BENCH_DIR:-/var/tmp/rctl-bench-build}
RUNS=${RUNS:-10}
ARCHIVE=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}/archives/busybox.oci.tar
IMG=localhost/bench/busybox:latest
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"

rm -rf "$W"; mkdir -p "$W/ctx/dir"
cleanup() { $R rm -fa >/dev/null 2>&1 || true; $P rm -fa -t 0 >/dev/null 2>&1 || true; $P system reset -f >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT

head -c 1048576 /dev/urandom > "$W/ctx/f1"
for i in $(seq 50); do echo "file $i" > "$W/ctx/dir/f$i"; done
cat > "$W/ctx/Containerfile" <<EOF
FROM $IMG
ARG N=1
ENV A=1
COPY f1 /f1
RUN echo \$N > /n && mkdir /work
WORKDIR /work
COPY dir /work/dir
RUN for i in 1 2 3; do echo \$i >> list; done
LABEL bench=build
EXPOSE 8080
CMD ["sh"]
EOF

$R load -q -i "$ARCHIVE" >/dev/null
$P load -q -i "$ARCHIVE" >/dev/null
# Warm both (and fill the caches the cached figures reuse).
$R build -q --network none -t b "$W/ctx" >/dev/null
$P build -q --network none -t b "$W/ctx" >/dev/null

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N -r "$RUNS" -w 1 --export-json "$W/build.json" \
  -n "rctl build, cold" "$R build -q --no-cache --network none -t b $W/ctx" \
  -n "podman build, cold" "$P build -q --no-cache --network none -t b $W/ctx" \
  -n "rctl build, cached" "$R build -q --network none -t b $W/ctx" \
  -n "podman build, cached" "$P build -q --network none -t b $W/ctx"

# A container that wrote 10,000 files, committed again and again.
WRITE='mkdir /many && cd /many && i=0; while [ $i -lt 10000 ]; do echo $i > f$i; i=$((i+1)); done'
$R run --name c --network none "$IMG" sh -c "$WRITE"
$P run --name c --network none "$IMG" sh -c "$WRITE"
# The image goes before each run, so every commit writes its layer anew
# (a commit whose layer the store already has only checks it).
$R commit -q c snap >/dev/null
$P commit -q c snap >/dev/null
hyperfine -N -r "$RUNS" -w 1 --export-json "$W/commit.json" \
  -n "rctl commit, 10000 files" --prepare "$R rmi -f snap" "$R commit -q c snap" \
  -n "podman commit, 10000 files" --prepare "$P rmi -f snap" "$P commit -q c snap"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { jq -r ".results[] | select(.command == \"$2\") | .median" "$W/$1.json"; }
ms() { printf '%.1f' "$(echo "$1 * 1000" | bc -l)"; }
ratio() { printf '%.1f' "$(echo "$2 / $1" | bc -l)"; }
echo
echo "| operation | rctl ms | podman ms | podman / rctl |"
echo "|---|---|---|---|"
for op in "build, cold" "build, cached"; do
  r=$(median build "rctl $op"); p=$(median build "podman $op")
  echo "| $op (10 steps) | $(ms "$r") | $(ms "$p") | $(ratio "$r" "$p") |"
done
r=$(median commit "rctl commit, 10000 files"); p=$(median commit "podman commit, 10000 files")
echo "| commit, 10,000 files | $(ms "$r") | $(ms "$p") | $(ratio "$r" "$p") |"
