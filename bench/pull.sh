#!/usr/bin/env bash
# Pull benchmarks, side by side in one run: `rctl pull`, `podman pull` and
# `skopeo copy docker://... oci:DIR` of the shared fixtures (the 3-layer,
# 219 MB Debian image, gzip and zstd; busybox) from a local registry, each
# into an empty store. Also peak memory (max RSS) for a 1 MB and a 219 MB
# image: it should not grow with the image.
#
#   sudo bench/pull.sh            (RUNS=N to change the repetitions)
#
# Runs inside a private network namespace it makes, with its own
# docker-registry on 127.0.0.1 serving the storage that
# ../shared/bench/make-fixtures.sh filled (nothing leaves loopback).
# Needs podman (with /etc/containers/containers.conf as BENCHMARKS.md says),
# skopeo, docker-registry, hyperfine, jq, bc, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
if [ -z "${RCTL_BENCH_NETNS:-}" ]; then
  cargo build --release --quiet
  exec env RCTL_BENCH_NETNS=1 unshare --net -- "$0" "$@"
fi
ip link set lo up
A=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}
W=${BENCH_DIR:-/var/tmp/rctl-bench-pull}
RUNS=${RUNS:-5}
PORT=5001
REG=127.0.0.1:$PORT
RCTL=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
OUT=$W/results.md   # copied to $W.md at the end
[ -d "$A/registry/data/docker" ] || { echo "no fixture registry storage in $A/registry: run ../shared/bench/make-fixtures.sh" >&2; exit 1; }

# The stores live on a fresh ext4 of their own: on a filesystem where many
# files were just deleted, ext4's inode allocation crawls (see
# bench/foundation.sh), and that would measure the disk's past, not the tools.
rm -rf "$W" "$W.img"; mkdir -p "$W"
truncate -s 24G "$W.img"
mkfs.ext4 -q -F "$W.img"
mount -o loop "$W.img" "$W"
mkdir -p "$W/trash"
cat >"$W/registry.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $A/registry/data
http:
  addr: $REG
YML
docker-registry serve "$W/registry.yml" 2>"$W/registry.log" &
REGISTRY_PID=$!
# registries.conf and auth files of the host play no part.
printf 'unqualified-search-registries = []\n[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REG" >"$W/registries.conf"
echo '{}' >"$W/auth.json"
export CONTAINERS_REGISTRIES_CONF=$W/registries.conf REGISTRY_AUTH_FILE=$W/auth.json
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"
S="skopeo copy --quiet --src-tls-verify=false"
# Stores are reset by moving them aside (see bench/foundation.sh for why).
reset="for d in rctl podman skopeo; do if [ -e $W/\$d ]; then mv $W/\$d $W/trash/\$d.\$(date +%s%N); fi; done; sync"
cleanup() {
  kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true
  # podman leaves its store's overlay directory mounted on itself.
  for m in $(awk -v w="$W/" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r); do umount "$m"; done
  cp "$OUT" "$W.md" 2>/dev/null || true
  umount "$W"; rm -f "$W.img"
}
trap cleanup EXIT
for _ in $(seq 50); do curl -fsS "http://$REG/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

# Compressed bytes of an image (what crosses the wire), from its manifest.
wire_bytes() {
  curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "http://$REG/v2/$1/manifests/$2" |
    jq '[.config.size] + [.layers[].size] | add'
}
median() { jq -r ".results[$1].median" "$2"; }
{
  echo "# Pull benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "rctl $($RCTL --version | cut -d' ' -f2), $(podman --version), $(skopeo --version), kernel $(uname -r), $(nproc) CPUs; $RUNS runs each; into an empty store; local registry on loopback."
  echo
  echo "| image | rctl s | podman s | skopeo s | rctl/podman | rctl MB/s | podman MB/s |"
  echo "|---|---|---|---|---|---|---|"
} >"$OUT"

bench_pull() { # REPO TAG LABEL
  local json=$W/pull-${1//\//-}-$2.json ref=$REG/$1:$2 a b c mb
  mb=$(echo "$(wire_bytes "$1" "$2") / 1000000" | bc -l)
  hyperfine --runs "$RUNS" --export-json "$json" --style basic --prepare "$reset" \
    -n rctl "$R pull -q $ref" -n podman "$P pull -q $ref" \
    -n skopeo "$S docker://$ref oci:$W/skopeo:x" >&2
  a=$(median 0 "$json"); b=$(median 1 "$json"); c=$(median 2 "$json")
  printf '| %s | %.3f | %.3f | %.3f | %.2f | %.0f | %.0f |\n' "$3" "$a" "$b" "$c" \
    "$(echo "$a / $b" | bc -l)" "$(echo "$mb / $a" | bc -l)" "$(echo "$mb / $b" | bc -l)" >>"$OUT"
}
bench_pull bench/debian latest "debian, 3 layers, 219 MB (gzip)"
bench_pull bench/debian zstd "debian, 3 layers, 219 MB (zstd)"
bench_pull bench/busybox latest "busybox, 1 layer (gzip)"

{
  echo
  echo "Peak memory of a pull (max RSS, MiB):"
  echo
  echo "| image | rctl | podman |"
  echo "|---|---|---|"
} >>"$OUT"
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
for img in "bench/busybox:latest busybox (gzip)" "bench/debian:latest debian 219 MB (gzip)" "bench/debian:zstd debian 219 MB (zstd)"; do
  set -- $img
  eval "$reset"
  a=$(peak $R pull -q "$REG/$1"); b=$(peak $P pull -q "$REG/$1")
  shift
  printf '| %s | %.1f | %.1f |\n' "$*" "$(echo "$a / 1024" | bc -l)" "$(echo "$b / 1024" | bc -l)" >>"$OUT"
done
eval "$reset"
cat "$OUT"
