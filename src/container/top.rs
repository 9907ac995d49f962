//! `top`: the processes of a container, read from /proc (those in its PID
//! namespace), with ps-style fields; `stats` sums them where no cgroup counts.

use std::collections::HashMap;
use std::time::Duration;

/// One process, as the container sees it.
#[derive(Clone, Debug, Default)]
pub struct Proc {
    /// PID inside the container.
    pub pid: i32,
    /// PID on the host (for its other /proc files).
    pub host_pid: i32,
    /// Parent PID inside the container (0 for its PID 1).
    pub ppid: i32,
    /// User id inside the container.
    pub uid: u32,
    /// User name from the container's /etc/passwd (or the id).
    pub user: String,
    /// Controlling terminal (`pts/0`, `?`).
    pub tty: String,
    /// Time since it started.
    pub elapsed: Duration,
    /// CPU time used.
    pub cpu: Duration,
    /// CPU time of its children it has waited for (they no longer show).
    pub reaped_cpu: Duration,
    /// Its threads.
    pub threads: u64,
    /// Command line.
    pub args: String,
    /// Command name.
    pub comm: String,
    /// Virtual memory, KiB.
    pub vsz: u64,
    /// Resident memory, KiB.
    pub rss: u64,
}

/// Processes in the PID namespace of `pid` (the container's first process).
pub fn processes(pid: i32) -> Vec<Proc> {
    let ns = std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok();
    let passwd =
        std::fs::read_to_string(format!("/proc/{pid}/root/etc/passwd")).unwrap_or_default();
    let names: HashMap<u32, String> = passwd
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some((f.get(2)?.parse().ok()?, f[0].to_string()))
        })
        .collect();
    let tick = 100.0; // USER_HZ on Linux
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    let page_kib = 4;
    let mut host_to_ns = HashMap::new();
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(hpid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if std::fs::read_link(format!("/proc/{hpid}/ns/pid")).ok() != ns || ns.is_none() {
            continue;
        }
        let Ok(status) = std::fs::read_to_string(format!("/proc/{hpid}/status")) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{hpid}/stat")) else {
            continue;
        };
        let field = |k: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(k))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let nspid: i32 = field("NSpid:")
            .split_whitespace()
            .last()
            .and_then(|v| v.parse().ok())
            .unwrap_or(hpid);
        host_to_ns.insert(hpid, nspid);
        let hppid: i32 = field("PPid:").parse().unwrap_or(0);
        let uid: u32 = field("Uid:")
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let close = stat.rfind(')').unwrap_or(0);
        let comm = stat[stat.find('(').map_or(0, |i| i + 1)..close].to_string();
        let f: Vec<&str> = stat[close + 2..].split(' ').collect();
        let num = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        // Fields after the command: state(0) ppid(1) ... tty_nr(4) utime(11) stime(12)
        // cutime(13) cstime(14) num_threads(17) starttime(19) vsize(20) rss(21).
        let tty_nr = num(4);
        let cpu = (num(11) + num(12)) as f64 / tick;
        let reaped_cpu = (num(13) + num(14)) as f64 / tick;
        let started = num(19) as f64 / tick;
        let args = std::fs::read(format!("/proc/{hpid}/cmdline"))
            .map(|b| {
                b.split(|c| *c == 0)
                    .filter(|s| !s.is_empty())
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        found.push((
            hppid,
            Proc {
                pid: nspid,
                host_pid: hpid,
                ppid: 0,
                uid,
                user: names.get(&uid).cloned().unwrap_or_else(|| uid.to_string()),
                tty: tty_name(tty_nr),
                elapsed: Duration::from_secs_f64((uptime - started).max(0.0)),
                cpu: Duration::from_secs_f64(cpu),
                reaped_cpu: Duration::from_secs_f64(reaped_cpu),
                threads: num(17),
                args: if args.is_empty() {
                    format!("[{comm}]")
                } else {
                    args
                },
                comm,
                vsz: num(20) / 1024,
                rss: num(21) * page_kib,
            },
        ));
    }
    let mut out: Vec<Proc> = found
        .into_iter()
        .map(|(hppid, mut p)| {
            p.ppid = host_to_ns.get(&hppid).copied().unwrap_or(0);
            p
        })
        .collect();
    out.sort_by_key(|p| p.pid);
    out
}

/// `pts/N` for a pty's device number, `?` for none.
fn tty_name(nr: u64) -> String {
    let (major, minor) = ((nr >> 8) & 0xfff, (nr & 0xff) | ((nr >> 12) & 0xfff00));
    match major {
        0 => "?".into(),
        136..=143 => format!("pts/{}", (major - 136) * 256 + minor),
        4 => format!("tty{minor}"),
        _ => "?".into(),
    }
}

/// A duration as Go prints one (`1.5s`, `2m3s`, `1h0m0s`).
pub fn go_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        let s = format!("{secs:.3}");
        return format!("{}s", s.trim_end_matches('0').trim_end_matches('.'));
    }
    let total = d.as_secs();
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}h{m}m{s}s")
    } else {
        format!("{m}m{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(go_duration(Duration::from_secs(0)), "0s");
        assert_eq!(go_duration(Duration::from_secs(123)), "2m3s");
        assert_eq!(tty_name(0), "?");
        assert_eq!(tty_name(136 << 8), "pts/0");
    }
}
