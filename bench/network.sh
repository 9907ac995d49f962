#!/usr/bin/env bash
# Networking benchmarks, rctl and podman side by side in one run, same Debian
# image (with iperf3 and python3):
#   1. TCP throughput host -> container through `-p 127.0.0.1:PORT:5201`
#      (iperf3 -s -1 in the container, iperf3 -c on the host, 5 s): rctl
#      --network private and bridge; podman --network slirp4netns (its default
#      port handler, rootlessport, and port_handler=slirp4netns) and bridge;
#      and pasta driven directly (podman 4.3 cannot use pasta; it came in 4.4)
#   2. TCP throughput container -> host loopback through the gateway 10.0.2.2:
#      rctl private:allow_host_loopback=true, podman
#      slirp4netns:allow_host_loopback=true, pasta (its gateway address)
#   3. connection set-up through -p: N sequential connect, read one byte,
#      close, against a server in the container that accepts, writes one byte
#      and closes; median per connection
#   4. start latency with each network: `run --rm IMAGE true` (hyperfine):
#      rctl and podman with bridge (root's default), slirp4netns/private and
#      none
#   5. CPU (utime+stime) of the processes that carry the traffic, per GB
#      moved in 1 and 2: rctl's monitor; podman's slirp4netns and rootlessport;
#      pasta. Both bridges forward in the kernel (DNAT): no process to read.
#
#   sudo bench/network.sh            (RUNS=N, CONNS=N to change repetitions)
#
# Runs inside a private network namespace it makes; all traffic stays on its
# loopback and in namespaces made here. The namespace gets a veth pair with
# 192.0.2.1/24 and a default route through it, only because pasta needs a
# routable interface to copy into its namespace; nothing is sent over it.
# Needs podman (see BENCHMARKS.md), slirp4netns, passt (pasta), iperf3, jq,
# bc, python3, and the Debian archive from ../shared/bench/make-fixtures.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
if [ -z "${RCTL_BENCH_NETNS:-}" ]; then
  cargo build --release --quiet
  exec env RCTL_BENCH_NETNS=1 unshare --net -- "$0" "$@"
fi
ip link set lo up
ip link add bnv0 type veth peer name bnv1
ip addr add 192.0.2.1/24 dev bnv0
ip link set bnv1 up; ip link set bnv0 up
ip route add default via 192.0.2.254 dev bnv0
W=${BENCH_DIR:-/var/tmp/rctl-bench-network}
RUNS=${RUNS:-3}
CONNS=${CONNS:-2000}
SECS=${SECS:-5}
ARCHIVE=${FIXTURE_DIR:-/tmp/rctl-bench-fixtures}/archives/debian.oci.tar
IMG=localhost/bench/debian:latest
RCTL=$PWD/target/x86_64-unknown-linux-gnu/release/rctl
R="$RCTL --root $W/rctl/root --runroot $W/rctl/run"
P="podman --root $W/podman/root --runroot $W/podman/run --storage-driver overlay"
OUT=$W/results.md   # copied to $W.md at the end
HZ=$(getconf CLK_TCK)
STARTED=()          # pids of processes this script started outside the tools
rm -rf "$W"; mkdir -p "$W"
cleanup() {
  for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done
  $R rm -fa >/dev/null 2>&1 || true
  $P rm -fa -t 0 >/dev/null 2>&1 || true
  $P system reset -f >/dev/null 2>&1 || true
  # podman leaves its store's overlay directory mounted on itself.
  for m in $(awk -v w="$W/" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r); do umount "$m" || true; done
  cp "$OUT" "$W.md" 2>/dev/null || true
  rm -rf "$W/rctl" "$W/podman"
}
trap cleanup EXIT

$R load -q -i "$ARCHIVE" >/dev/null
$P load -q -i "$ARCHIVE" >/dev/null

# The connection server (in the container) and client (on the host).
SRV='import socket as S
s = S.socket(); s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 1); s.bind(("", 5201)); s.listen(512)
while True:
    c = s.accept()[0]; c.sendall(b"x"); c.close()'
cat >"$W/connect.py" <<'PY'
import socket, sys, time, statistics
port, n = int(sys.argv[1]), int(sys.argv[2])
ts = []
for _ in range(n):
    t = time.perf_counter_ns()
    s = socket.create_connection(("127.0.0.1", port))
    if s.recv(1) != b"x":
        sys.exit("no byte from the server")
    s.close()
    ts.append(time.perf_counter_ns() - t)
print(statistics.median(ts) / 1000)
PY

PORT=20000
next_port() { PORT=$((PORT + 1)); }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# CPU ticks of a set of processes (all their threads), 0 for ones gone.
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
# Wait until something in the netns of PID listens on 5201.
wait_listen() { for _ in $(seq 200); do nsenter --net="/proc/$1/ns/net" ss -Hltn 'sport = :5201' | grep -q . && return; sleep 0.05; done; echo "nothing listens on 5201 in the netns of $1" >&2; return 1; }
# The pid listening on a port of this namespace (the forwarder), and its children.
listener() { local p; p=$(ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2); if [ -n "$p" ]; then echo "$p" $(pgrep -P "$p" || true); fi; }
# Wait until a process started through unshare+setpriv has dropped its capabilities.
capless() { for _ in $(seq 200); do grep -q '^CapPrm:[[:space:]]*0*$' "/proc/$1/status" && return; sleep 0.01; done; return 1; }
slirp_of() { local key; key=$($P inspect --format '{{.NetworkSettings.SandboxKey}}' "$1"); pgrep -f -x "/usr/bin/slirp4netns .* $key tap0" || true; }

# Start a server in a "container" of each kind, listening on 5201 inside with
# the host's 127.0.0.1:$PORT forwarded to it. Sets CPID (a process in its
# netns), NETPIDS (processes carrying the traffic) and KILL (how to end it).
start() { # KIND COMMAND...
  local kind=$1 c; shift
  case $kind in
    rctl-private|rctl-bridge)
      c=$($R run -d --network "${kind#rctl-}" -p "127.0.0.1:$PORT:5201" $IMG "$@")
      CPID=$($R inspect --format '{{.State.Pid}}' "$c"); KILL="$R rm -f $c"
      wait_listen "$CPID"
      # A rootful bridge's ports are kernel DNAT: no process carries them.
      if [ "$kind" = rctl-bridge ]; then NETPIDS=""; else NETPIDS=$($R inspect --format '{{.State.ConmonPid}}' "$c"); fi ;;
    podman-slirp4netns|podman-slirp4netns-sh|podman-bridge)
      local net=bridge
      [ "$kind" = podman-slirp4netns ] && net=slirp4netns
      [ "$kind" = podman-slirp4netns-sh ] && net=slirp4netns:port_handler=slirp4netns
      c=$($P run -d --network $net -p "127.0.0.1:$PORT:5201" $IMG "$@")
      CPID=$($P inspect --format '{{.State.Pid}}' "$c"); KILL="$P rm -f -t 0 $c"
      wait_listen "$CPID"
      if [ "$kind" = podman-bridge ]; then NETPIDS=""; else NETPIDS="$(slirp_of "$c") $(listener $PORT)"; fi ;;
    pasta)
      # A bare network namespace running the host's binaries; pasta (as root:
      # the packaged one cannot open /dev/net/tun or write a uid_map as
      # nobody here) attaches to it. Its processes have no capabilities, so
      # that pasta, which drops its own, may still open their namespace.
      unshare --net setpriv --bounding-set -all --inh-caps -all -- "$@" >/dev/null 2>&1 &
      CPID=$!; STARTED+=("$CPID"); capless "$CPID"
      pasta --config-net -4 -q --runas 0 -P "$W/pasta.pid" -t "127.0.0.1/$PORT:5201" -u none -T none -U none \
        --netns "/proc/$CPID/ns/net" 2>>"$W/pasta.log"
      NETPIDS=$(cat "$W/pasta.pid"); STARTED+=("$NETPIDS")
      wait_listen "$CPID"; KILL="kill $NETPIDS $CPID" ;;
  esac
}
stop() { $KILL >/dev/null 2>&1 || true; }

iperf_client() { # JSON-OUT, then the iperf3 command
  local out=$1; shift
  "$@" >"$out" || { echo "iperf3 failed: $*" >&2; jq -r .error "$out" >&2; return 1; }
}

declare -A GBPS CPU
record() { # KEY JSON TICKS
  local bytes
  bytes=$(jq '.end.sum_received.bytes' "$2")
  GBPS[$1]+="$(jq '.end.sum_received.bits_per_second / 1e9' "$2") "
  [ -n "$3" ] && CPU[$1]+="$(echo "$3 / $HZ / ($bytes / 1000000000)" | bc -l) "
  return 0
}

# 1. host -> container through -p
IN_KINDS="rctl-private rctl-bridge podman-slirp4netns podman-slirp4netns-sh podman-bridge pasta"
for run in $(seq "$RUNS"); do
  for k in $IN_KINDS; do
    next_port
    start $k sh -c 'iperf3 -s -1 >/dev/null; exec sleep infinity'
    t0=$(ticks $NETPIDS)
    iperf_client "$W/in-$k-$run.json" iperf3 -c 127.0.0.1 -p $PORT -t "$SECS" -J
    t1=$(ticks $NETPIDS)
    record "in-$k" "$W/in-$k-$run.json" "$([ -n "$NETPIDS" ] && echo $((t1 - t0)))"
    stop
    echo "in $k run $run: $(jq '.end.sum_received.bits_per_second / 1e9' "$W/in-$k-$run.json") Gbit/s, net pids [$NETPIDS] $((t1 - t0)) ticks" >&2
  done
done

# 2. container -> host loopback through the gateway
OUT_KINDS="rctl-private podman-slirp4netns pasta"
for run in $(seq "$RUNS"); do
  for k in $OUT_KINDS; do
    next_port
    iperf3 -s -1 -B 127.0.0.1 -p $PORT >/dev/null 2>&1 &
    srv=$!; STARTED+=("$srv")
    for _ in $(seq 100); do ss -Hltn "sport = :$PORT" | grep -q . && break; sleep 0.05; done
    case $k in
      rctl-private)
        c=$($R run -d --network private:allow_host_loopback=true $IMG sleep infinity)
        NETPIDS=$($R inspect --format '{{.State.ConmonPid}}' "$c"); KILL="$R rm -f $c"
        client="$R exec $c iperf3 -c 10.0.2.2" ;;
      podman-slirp4netns)
        c=$($P run -d --network slirp4netns:allow_host_loopback=true $IMG sleep infinity)
        NETPIDS=$(slirp_of "$c"); KILL="$P rm -f -t 0 $c"
        client="$P exec $c iperf3 -c 10.0.2.2" ;;
      pasta)
        unshare --net setpriv --bounding-set -all --inh-caps -all -- sleep infinity &
        CPID=$!; STARTED+=("$CPID"); capless "$CPID"
        pasta --config-net -4 -q --runas 0 -P "$W/pasta.pid" -t none -u none -T none -U none \
          --netns "/proc/$CPID/ns/net" 2>>"$W/pasta.log"
        NETPIDS=$(cat "$W/pasta.pid"); STARTED+=("$NETPIDS"); KILL="kill $NETPIDS $CPID"
        for _ in $(seq 100); do nsenter --net="/proc/$CPID/ns/net" ip -4 route | grep -q default && break; sleep 0.05; done
        client="nsenter --net=/proc/$CPID/ns/net iperf3 -c 192.0.2.254" ;;
    esac
    t0=$(ticks $NETPIDS)
    iperf_client "$W/out-$k-$run.json" $client -p $PORT -t "$SECS" -J
    t1=$(ticks $NETPIDS)
    record "out-$k" "$W/out-$k-$run.json" $((t1 - t0))
    stop; wait "$srv" 2>/dev/null || true
    echo "out $k run $run: $(jq '.end.sum_received.bits_per_second / 1e9' "$W/out-$k-$run.json") Gbit/s, net pids [$NETPIDS] $((t1 - t0)) ticks" >&2
  done
done

# 3. connection set-up through -p
declare -A LAT
for run in $(seq "$RUNS"); do
  for k in $IN_KINDS; do
    next_port
    # (pasta's "container" runs the host's python3; the image has its own)
    if [ $k = pasta ]; then start $k /usr/bin/python3 -c "$SRV"; else start $k python3 -c "$SRV"; fi
    LAT[$k]+="$(python3 "$W/connect.py" $PORT "$CONNS") "
    stop
    echo "connect $k run $run: ${LAT[$k]}" >&2
  done
done

# 4. start latency with a network
STARTS=${STARTS:-20}
hyperfine -N --warmup 3 --runs "$STARTS" --style basic --export-json "$W/start.json" \
  -n "rctl bridge (default)" "$R run --rm $IMG true" \
  -n "podman bridge (default)" "$P run --rm $IMG true" \
  -n "rctl private" "$R run --rm --network private $IMG true" \
  -n "podman slirp4netns" "$P run --rm --network slirp4netns $IMG true" \
  -n "rctl none" "$R run --rm --network none $IMG true" \
  -n "podman none" "$P run --rm --network none $IMG true" >&2
start_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median * 1000' "$W/start.json"; }

# The table.
label() {
  case $1 in
    rctl-private) echo "rctl \`--network private\`" ;;
    rctl-bridge) echo "rctl \`--network bridge\`" ;;
    podman-slirp4netns) echo "podman \`--network slirp4netns\` (port handler rootlessport)" ;;
    podman-slirp4netns-sh) echo "podman \`--network slirp4netns:port_handler=slirp4netns\`" ;;
    podman-bridge) echo "podman \`--network bridge\` (netavark)" ;;
    pasta) echo "pasta (passt $(dpkg-query -W -f '${Version}' passt 2>/dev/null), run directly)" ;;
  esac
}
med() { median ${1:-}; }
fmt() { [ -n "${1:-}" ] && printf "$2" "$(med "$1")" || echo "—"; }
{
  echo "# Networking benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "rctl $($RCTL --version | cut -d' ' -f2), $(podman --version) (runc), $(slirp4netns --version | head -1), passt $(dpkg-query -W -f '${Version}' passt 2>/dev/null), $(iperf3 --version | head -1 | cut -d' ' -f1-2), kernel $(uname -r), $(nproc) CPUs, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each, ${SECS}-second iperf3 runs, $CONNS connections per latency run; medians."
  echo
  echo "Host → container through \`-p 127.0.0.1:PORT:5201\` (CPU: seconds of the forwarding processes per GB moved):"
  echo
  echo "| network | Gbit/s | CPU s/GB | connect + 1 byte + close, µs |"
  echo "|---|---|---|---|"
  for k in $IN_KINDS; do
    echo "| $(label $k) | $(fmt "${GBPS[in-$k]}" %.2f) | $(fmt "${CPU[in-$k]:-}" %.2f) | $(fmt "${LAT[$k]}" %.0f) |"
  done
  echo
  echo "Container → host loopback through the gateway (10.0.2.2; pasta: its gateway address):"
  echo
  echo "| network | Gbit/s | CPU s/GB |"
  echo "|---|---|---|"
  for k in $OUT_KINDS; do
    echo "| $(label $k | sed 's/ (port handler rootlessport)//; s/`--network \(private\|slirp4netns\)`/`--network \1:allow_host_loopback=true`/') | $(fmt "${GBPS[out-$k]}" %.2f) | $(fmt "${CPU[out-$k]}" %.2f) |"
  done
  echo
  echo "Start latency, \`run --rm IMAGE true\` ($STARTS runs, median ms):"
  echo
  echo "| network | rctl | podman | rctl / podman |"
  echo "|---|---|---|---|"
  for pair in "bridge (default)|bridge (default)" "private|slirp4netns" "none|none"; do
    a=$(start_ms "rctl ${pair%|*}"); b=$(start_ms "podman ${pair#*|}")
    printf '| rctl %s, podman %s | %.1f | %.1f | %.3f |\n' "${pair%|*}" "${pair#*|}" "$a" "$b" "$(echo "$a / $b" | bc -l)"
  done
  echo
  r() { echo "$(med "$1") / $(med "$2")" | bc -l | xargs printf %.2f; }
  echo "Ratios (throughput: above 1 is faster; latency: below 1 is faster):"
  echo
  echo "- -p throughput, rctl private / pasta: $(r "${GBPS[in-rctl-private]}" "${GBPS[in-pasta]}"); / podman slirp4netns (rootlessport): $(r "${GBPS[in-rctl-private]}" "${GBPS[in-podman-slirp4netns]}"); / slirp4netns port handler: $(r "${GBPS[in-rctl-private]}" "${GBPS[in-podman-slirp4netns-sh]}")"
  echo "- -p throughput, rctl bridge / podman bridge: $(r "${GBPS[in-rctl-bridge]}" "${GBPS[in-podman-bridge]}")"
  echo "- outbound throughput, rctl private / podman slirp4netns: $(r "${GBPS[out-rctl-private]}" "${GBPS[out-podman-slirp4netns]}"); / pasta: $(r "${GBPS[out-rctl-private]}" "${GBPS[out-pasta]}")"
  echo "- connection latency, rctl private / podman slirp4netns (rootlessport): $(r "${LAT[rctl-private]}" "${LAT[podman-slirp4netns]}"); / pasta: $(r "${LAT[rctl-private]}" "${LAT[pasta]}"); rctl bridge / podman bridge: $(r "${LAT[rctl-bridge]}" "${LAT[podman-bridge]}")"
} >"$OUT"
cat "$OUT"
