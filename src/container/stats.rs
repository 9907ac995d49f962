//! `stats`: what a running container uses (CPU time, memory, processes,
//! network and block I/O), read at one moment, and the percentages `stats`
//! prints from two such readings. Printing is the command's.
//!
//! Each figure comes from the first of its sources the container has:
//!
//! - CPU time: v2 `cpu.stat` `usage_usec` (every v2 cgroup has it, with or
//!   without the cpu controller: also the controller-less unified one of a
//!   v1 hybrid host); v1 `cpuacct.usage`; else the user and system time of
//!   the container's processes plus that of the children they reaped
//!   (/proc/PID/stat).
//! - Memory: v2 `memory.current` minus `inactive_file` (as docker: page
//!   cache the kernel drops first is not counted) when the memory controller
//!   is on; v1 `memory.usage_in_bytes` minus `total_inactive_file` when the
//!   container has a v1 memory cgroup (it asked for a limit); else the sum of
//!   its processes' resident memory (RSS: a page shared by two processes
//!   counts twice, files in a tmpfs not at all).
//! - Memory limit: v2 `memory.max`, v1 `memory.limit_in_bytes`; the host's
//!   `MemTotal` when there is none or it is larger.
//! - Processes: `pids.current` (v2, or v1 with `--pids-limit`); else the
//!   threads in the v2 `cgroup.threads`; else the threads of its processes.
//! - Network: /proc/PID/net/dev of its first process, every interface but
//!   `lo`, received and sent; nothing when it shares the network namespace of
//!   rctl itself (`--network host`: the host's traffic is not its own, and
//!   podman shows nothing there either).
//! - Block I/O: v2 `io.stat` `rbytes`/`wbytes`; v1
//!   `blkio.throttle.io_service_bytes`; else `read_bytes`/`write_bytes` of
//!   /proc/PID/io of its live processes (which include the children they
//!   reaped).
//!
//! Rootless on a v1 host a container has no cgroup of its own, and the /proc
//! fallbacks give its figures; CPU time and block I/O of processes that
//! ended without a live process of the container reaping them are lost
//! there, and a reading can then be lower than the one before (a rate never
//! goes below 0).
//!
//! CPU % is the CPU time used between two readings over the wall time between
//! them, times 100: percent of one CPU, up to N×100 on N CPUs, as podman and
//! docker print it. The first report (the only one with `--no-stream`)
//! compares two readings [`WINDOW`] apart, as docker does, rather than
//! podman's average since the start, which hides what the container does now
//! (that average is what [`Reading::average_cpu_percent`] gives).

use std::cell::OnceCell;
use std::time::{Duration, Instant};

use super::cgroup::Cgroup;
use super::top::{self, Proc};

/// How far apart the two readings of the first report are.
pub const WINDOW: Duration = Duration::from_millis(500);

/// A container's counters at one moment.
#[derive(Clone, Debug)]
pub struct Reading {
    /// When it was taken.
    pub taken: Instant,
    /// CPU time used since the container started.
    pub cpu: Duration,
    /// Memory in use, bytes.
    pub memory: u64,
    /// The most memory it may use, bytes.
    pub memory_limit: u64,
    /// Its processes (threads, as `pids.current` counts).
    pub pids: u64,
    /// Bytes received on its network interfaces.
    pub net_rx: u64,
    /// Bytes sent.
    pub net_tx: u64,
    /// Bytes read from block devices.
    pub block_read: u64,
    /// Bytes written to block devices.
    pub block_write: u64,
}

impl Reading {
    /// CPU % between `before` and this reading.
    pub fn cpu_percent_since(&self, before: &Reading) -> f64 {
        cpu_percent(
            self.cpu.saturating_sub(before.cpu),
            self.taken.saturating_duration_since(before.taken),
        )
    }

    /// CPU % over the `running_for` the container has been running.
    pub fn average_cpu_percent(&self, running_for: Duration) -> f64 {
        cpu_percent(self.cpu, running_for)
    }

    /// Memory in use as a percentage of the limit.
    pub fn memory_percent(&self) -> f64 {
        if self.memory_limit == 0 {
            0.0
        } else {
            self.memory as f64 / self.memory_limit as f64 * 100.0
        }
    }
}

/// `used` CPU time over `wall` time, in percent of one CPU.
fn cpu_percent(used: Duration, wall: Duration) -> f64 {
    if wall.is_zero() {
        0.0
    } else {
        used.as_secs_f64() / wall.as_secs_f64() * 100.0
    }
}

/// Reads the counters of the container whose cgroup is `cg` and whose first
/// process has host PID `pid`.
pub fn read(cg: &Cgroup, pid: i32) -> Reading {
    let procs = OnceCell::new();
    let procs = || procs.get_or_init(|| top::processes(pid));
    let (net_rx, net_tx) = network(pid);
    let (block_read, block_write) = block_io(cg, procs);
    Reading {
        taken: Instant::now(),
        cpu: cpu_time(cg, procs),
        memory: memory(cg, procs),
        memory_limit: memory_limit(cg, mem_total()),
        pids: pids(cg, procs),
        net_rx,
        net_tx,
        block_read,
        block_write,
    }
}

fn cpu_time<'a>(cg: &Cgroup, procs: impl Fn() -> &'a Vec<Proc>) -> Duration {
    if let Some(us) = cg.read_v2("cpu.stat").and_then(|s| keyed(&s, "usage_usec")) {
        return Duration::from_micros(us);
    }
    if let Some(ns) = cg.read("cpuacct", "cpuacct.usage").and_then(|s| number(&s)) {
        return Duration::from_nanos(ns);
    }
    procs().iter().map(|p| p.cpu + p.reaped_cpu).sum()
}

fn memory<'a>(cg: &Cgroup, procs: impl Fn() -> &'a Vec<Proc>) -> u64 {
    if let Some(used) = cg.read_v2("memory.current").and_then(|s| number(&s)) {
        let stat = cg.read_v2("memory.stat").unwrap_or_default();
        return used.saturating_sub(keyed(&stat, "inactive_file").unwrap_or(0));
    }
    if let Some(used) = cg
        .read("memory", "memory.usage_in_bytes")
        .and_then(|s| number(&s))
    {
        let stat = cg.read("memory", "memory.stat").unwrap_or_default();
        return used.saturating_sub(keyed(&stat, "total_inactive_file").unwrap_or(0));
    }
    procs().iter().map(|p| p.rss * 1024).sum()
}

/// The cgroup's memory limit, or `total` (the host's memory) when it has
/// none or a larger one (v1's "unlimited" is a huge number).
fn memory_limit(cg: &Cgroup, total: u64) -> u64 {
    let set = cg
        .read_v2("memory.max")
        .or_else(|| cg.read("memory", "memory.limit_in_bytes"));
    limit_or_host(set.as_deref(), total)
}

/// The limit file's value `set`, or `total` when unset, `max`, or above it.
fn limit_or_host(set: Option<&str>, total: u64) -> u64 {
    set.and_then(number).filter(|&l| l < total).unwrap_or(total)
}

fn pids<'a>(cg: &Cgroup, procs: impl Fn() -> &'a Vec<Proc>) -> u64 {
    if let Some(n) = cg
        .read_v2("pids.current")
        .or_else(|| cg.read("pids", "pids.current"))
        .and_then(|s| number(&s))
    {
        return n;
    }
    if let Some(threads) = cg.read_v2("cgroup.threads") {
        return threads.lines().filter(|l| !l.trim().is_empty()).count() as u64;
    }
    procs().iter().map(|p| p.threads).sum()
}

fn network(pid: i32) -> (u64, u64) {
    let theirs = std::fs::read_link(format!("/proc/{pid}/ns/net"));
    let ours = std::fs::read_link("/proc/self/ns/net");
    if let (Ok(t), Ok(o)) = (&theirs, &ours)
        && t == o
    {
        return (0, 0);
    }
    std::fs::read_to_string(format!("/proc/{pid}/net/dev"))
        .map(|s| net_dev(&s))
        .unwrap_or((0, 0))
}

fn block_io<'a>(cg: &Cgroup, procs: impl Fn() -> &'a Vec<Proc>) -> (u64, u64) {
    if let Some(s) = cg.read_v2("io.stat") {
        return io_stat(&s);
    }
    if let Some(s) = cg.read("blkio", "blkio.throttle.io_service_bytes") {
        return blkio_service_bytes(&s);
    }
    procs()
        .iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{}/io", p.host_pid)).ok())
        .map(|s| {
            (
                keyed_colon(&s, "read_bytes").unwrap_or(0),
                keyed_colon(&s, "write_bytes").unwrap_or(0),
            )
        })
        .fold((0, 0), |(r, w), (a, b)| (r + a, w + b))
}

/// The host's memory, bytes (`MemTotal` of /proc/meminfo).
fn mem_total() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| meminfo_total(&s))
        .unwrap_or(0)
}

fn meminfo_total(meminfo: &str) -> Option<u64> {
    let kib = keyed_colon(meminfo, "MemTotal")?;
    Some(kib * 1024)
}

/// A whole file that is one number (`max` is none).
fn number(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

/// The value of `key` in a file of `key value` lines (`cpu.stat`, `memory.stat`).
fn keyed(s: &str, key: &str) -> Option<u64> {
    s.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok())?
    })
}

/// The first number after `key:` in a file of such lines (/proc/PID/io,
/// /proc/meminfo).
fn keyed_colon(s: &str, key: &str) -> Option<u64> {
    s.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == key).then(|| v.split_whitespace().next()?.parse().ok())?
    })
}

/// Received and sent bytes of every interface but `lo` in /proc/PID/net/dev.
fn net_dev(s: &str) -> (u64, u64) {
    s.lines()
        .skip(2)
        .filter_map(|l| {
            let (name, counters) = l.split_once(':')?;
            if name.trim() == "lo" {
                return None;
            }
            let f: Vec<u64> = counters
                .split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect();
            // Eight receive counters (bytes first), then the send counters.
            Some((*f.first()?, *f.get(8)?))
        })
        .fold((0, 0), |(r, t), (a, b)| (r + a, t + b))
}

/// Read and written bytes of v2 `io.stat` (`MAJ:MIN rbytes=N wbytes=N ...`).
fn io_stat(s: &str) -> (u64, u64) {
    let mut total = (0, 0);
    for field in s.split_whitespace() {
        let Some((k, v)) = field.split_once('=') else {
            continue;
        };
        let v: u64 = v.parse().unwrap_or(0);
        match k {
            "rbytes" => total.0 += v,
            "wbytes" => total.1 += v,
            _ => {}
        }
    }
    total
}

/// Read and written bytes of v1 `blkio.throttle.io_service_bytes`
/// (`MAJ:MIN Read N` lines, and a `Total N` line that is not added).
fn blkio_service_bytes(s: &str) -> (u64, u64) {
    let mut total = (0, 0);
    for l in s.lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        let [_, op, v] = f[..] else { continue };
        let v: u64 = v.parse().unwrap_or(0);
        match op {
            "Read" => total.0 += v,
            "Write" => total.1 += v,
            _ => {}
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(cpu_ms: u64, taken: Instant) -> Reading {
        Reading {
            taken,
            cpu: Duration::from_millis(cpu_ms),
            memory: 25 << 20,
            memory_limit: 100 << 20,
            pids: 1,
            net_rx: 0,
            net_tx: 0,
            block_read: 0,
            block_write: 0,
        }
    }

    #[test]
    fn percentages() {
        let t = Instant::now();
        let before = reading(1000, t);
        // 1.5 s of CPU in 1 s of wall time: one and a half CPUs.
        let after = reading(2500, t + Duration::from_secs(1));
        assert_eq!(after.cpu_percent_since(&before), 150.0);
        // A counter that went back (a restart) is no negative rate.
        assert_eq!(before.cpu_percent_since(&after), 0.0);
        assert_eq!(after.cpu_percent_since(&after), 0.0);
        assert_eq!(after.average_cpu_percent(Duration::from_secs(10)), 25.0);
        assert_eq!(after.memory_percent(), 25.0);
    }

    #[test]
    fn cgroup_files() {
        let cpu = "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n";
        assert_eq!(keyed(cpu, "usage_usec"), Some(1234567));
        assert_eq!(keyed(cpu, "usage"), None);
        let mem = "cache 4096\ntotal_inactive_file 8192\ninactive_file 4096\n";
        assert_eq!(keyed(mem, "inactive_file"), Some(4096));
        assert_eq!(keyed(mem, "total_inactive_file"), Some(8192));
        assert_eq!(number("max\n"), None);
        assert_eq!(number("67108864\n"), Some(64 << 20));
        let io = "8:0 rbytes=4096 wbytes=100 rios=1 wios=1 dbytes=0 dios=0\n\
                  8:16 rbytes=10 wbytes=20 rios=1 wios=1 dbytes=0 dios=0\n";
        assert_eq!(io_stat(io), (4106, 120));
        let blkio = "8:0 Read 4096\n8:0 Write 512\n8:0 Sync 0\n8:0 Async 4608\n\
                     8:0 Total 4608\nTotal 4608\n";
        assert_eq!(blkio_service_bytes(blkio), (4096, 512));
    }

    #[test]
    fn proc_files() {
        let dev = "Inter-|   Receive                                                |  Transmit\n \
face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    \
lo:  999999      10    0    0    0     0          0         0   999999      10    0    0    0     0       0          0\n  \
eth0:    1500      12    0    0    0     0          0         0      700       8    0    0    0     0       0          0\n   \
tap0:      10       1    0    0    0     0          0         0       20       1    0    0    0     0       0          0\n";
        assert_eq!(net_dev(dev), (1510, 720));
        let io = "rchar: 5000\nwchar: 300\nsyscr: 3\nsyscw: 2\nread_bytes: 4096\n\
                  write_bytes: 8192\ncancelled_write_bytes: 0\n";
        assert_eq!(keyed_colon(io, "read_bytes"), Some(4096));
        assert_eq!(keyed_colon(io, "write_bytes"), Some(8192));
        let meminfo = "MemTotal:       16318284 kB\nMemFree:         1000000 kB\n";
        assert_eq!(meminfo_total(meminfo), Some(16318284 * 1024));
    }

    #[test]
    fn limits_above_the_host_are_the_host() {
        let host = 8 << 30;
        assert_eq!(limit_or_host(Some("67108864\n"), host), 64 << 20);
        assert_eq!(limit_or_host(Some("max\n"), host), host);
        assert_eq!(limit_or_host(Some("9223372036854771712\n"), host), host);
        assert_eq!(limit_or_host(None, host), host);
    }
}
