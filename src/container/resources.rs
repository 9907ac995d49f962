//! A container's resource settings (`--memory`, `--cpus`, `--pids-limit`,
//! `--ulimit`, …) and the cgroup files they become, on v1 and on v2.
//!
//! Pure: parsing and planning only. [`super::cgroup`] writes the plans;
//! rlimits and the OOM score are applied by the container's process itself
//! before its command runs. The values follow docker and podman: sizes in
//! bytes with binary suffixes, `--memory-swap` the total of memory and swap
//! (twice `--memory` when unset, -1 unlimited), `--cpus` a CFS quota over a
//! 100 ms period.

use serde::{Deserialize, Serialize};

/// The CFS period `--cpus` is a quota over, in microseconds (docker's).
pub const CPU_PERIOD_US: u64 = 100_000;

/// Resource settings of a container, as stored in its record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resources {
    /// Memory limit in bytes (`--memory`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<i64>,
    /// Memory plus swap in bytes, -1 unlimited (`--memory-swap`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_swap: Option<i64>,
    /// Soft memory limit in bytes (`--memory-reservation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<i64>,
    /// CPUs' worth of time per period (`--cpus`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpus: Option<f64>,
    /// Relative CPU weight, v1 units (`--cpu-shares`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_shares: Option<u64>,
    /// CPUs the container may run on, `0-3,5` (`--cpuset-cpus`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpuset_cpus: Option<String>,
    /// Most processes at once, -1 unlimited (`--pids-limit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pids_limit: Option<i64>,
    /// The process's OOM score adjustment (`--oom-score-adj`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oom_score_adj: Option<i32>,
    /// Resource limits of the process (`--ulimit`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ulimits: Vec<Ulimit>,
}

/// One `--ulimit name=soft[:hard]`; -1 is unlimited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ulimit {
    /// Docker's name: `nofile`, `nproc`, `core`, …
    pub name: String,
    /// Soft limit.
    pub soft: i64,
    /// Hard limit.
    pub hard: i64,
}

/// A value a flag cannot take.
#[derive(Debug, thiserror::Error)]
pub enum ResourceError {
    /// A size such as `32m` that does not parse.
    #[error("invalid size {0:?}: expected a number with an optional b, k, m, g, t suffix")]
    Size(String),
    /// A `--ulimit` that does not parse.
    #[error("invalid --ulimit {0:?}: expected NAME=SOFT[:HARD] with a known name")]
    Ulimit(String),
    /// A value outside what the kernel takes.
    #[error("invalid {flag} {value}: {why}")]
    Range {
        /// The flag.
        flag: &'static str,
        /// What was given.
        value: String,
        /// What is allowed.
        why: &'static str,
    },
}

/// Parses a size as docker does: bytes with an optional binary suffix
/// (`b`, `k`, `m`, `g`, `t`, `p`, with or without a trailing `b`).
pub fn parse_size(s: &str) -> Result<i64, ResourceError> {
    let err = || ResourceError::Size(s.to_string());
    let lower = s.trim().to_ascii_lowercase();
    let split = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (num, unit) = lower.split_at(split);
    let n: f64 = num.parse().map_err(|_| err())?;
    let shift = match unit.strip_suffix('b').unwrap_or(unit) {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        "p" => 50,
        _ => return Err(err()),
    };
    let bytes = n * (1u64 << shift) as f64;
    if !bytes.is_finite() || bytes >= i64::MAX as f64 {
        return Err(err());
    }
    Ok(bytes as i64)
}

/// `--memory-swap`: a size, or -1 for unlimited.
pub fn parse_swap(s: &str) -> Result<i64, ResourceError> {
    if s.trim() == "-1" {
        Ok(-1)
    } else {
        parse_size(s)
    }
}

/// The rlimit resource of a docker `--ulimit` name.
pub fn rlimit_resource(name: &str) -> Option<nix::sys::resource::Resource> {
    use nix::sys::resource::Resource as R;
    Some(match name {
        "as" => R::RLIMIT_AS,
        "core" => R::RLIMIT_CORE,
        "cpu" => R::RLIMIT_CPU,
        "data" => R::RLIMIT_DATA,
        "fsize" => R::RLIMIT_FSIZE,
        "locks" => R::RLIMIT_LOCKS,
        "memlock" => R::RLIMIT_MEMLOCK,
        "msgqueue" => R::RLIMIT_MSGQUEUE,
        "nice" => R::RLIMIT_NICE,
        "nofile" => R::RLIMIT_NOFILE,
        "nproc" => R::RLIMIT_NPROC,
        "rss" => R::RLIMIT_RSS,
        "rtprio" => R::RLIMIT_RTPRIO,
        "rttime" => R::RLIMIT_RTTIME,
        "sigpending" => R::RLIMIT_SIGPENDING,
        "stack" => R::RLIMIT_STACK,
        _ => return None,
    })
}

/// Parses `--ulimit name=soft[:hard]` (hard defaults to soft).
pub fn parse_ulimit(s: &str) -> Result<Ulimit, ResourceError> {
    let err = || ResourceError::Ulimit(s.to_string());
    let (name, values) = s.split_once('=').ok_or_else(err)?;
    rlimit_resource(name).ok_or_else(err)?;
    let (soft, hard) = values.split_once(':').unwrap_or((values, values));
    let soft: i64 = soft.trim().parse().map_err(|_| err())?;
    let hard: i64 = hard.trim().parse().map_err(|_| err())?;
    let limit = |v: i64| if v < 0 { u64::MAX } else { v as u64 };
    if soft < -1 || hard < -1 || limit(soft) > limit(hard) {
        return Err(err());
    }
    Ok(Ulimit {
        name: name.to_string(),
        soft,
        hard,
    })
}

impl Resources {
    /// Whether any setting needs a cgroup controller (everything but
    /// `--ulimit` and `--oom-score-adj`).
    pub fn needs_cgroup(&self) -> bool {
        !self.controllers().is_empty()
    }

    /// Checks the values' ranges.
    pub fn validate(&self) -> Result<(), ResourceError> {
        let range = |flag, value: String, why| Err(ResourceError::Range { flag, value, why });
        if let Some(m) = self.memory
            && m < 6 * 1024 * 1024
        {
            return range("--memory", m.to_string(), "the minimum is 6MiB");
        }
        if let (Some(m), Some(s)) = (self.memory, self.memory_swap)
            && s >= 0
            && s < m
        {
            return range(
                "--memory-swap",
                s.to_string(),
                "it must be at least --memory (it is memory plus swap)",
            );
        }
        if self.memory_swap.is_some() && self.memory.is_none() {
            return range("--memory-swap", String::new(), "it needs --memory as well");
        }
        if let Some(c) = self.cpus
            && !(c > 0.0 && c.is_finite())
        {
            return range("--cpus", c.to_string(), "it must be more than 0");
        }
        if let Some(s) = self.cpu_shares
            && !(2..=262_144).contains(&s)
        {
            return range("--cpu-shares", s.to_string(), "it must be 2 to 262144");
        }
        if let Some(o) = self.oom_score_adj
            && !(-1000..=1000).contains(&o)
        {
            return range("--oom-score-adj", o.to_string(), "it must be -1000 to 1000");
        }
        Ok(())
    }

    /// Sets every field `other` sets (`update`).
    pub fn merge(&mut self, other: &Resources) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(
            memory,
            memory_swap,
            memory_reservation,
            cpus,
            cpu_shares,
            cpuset_cpus,
            pids_limit,
            oom_score_adj
        );
        if !other.ulimits.is_empty() {
            self.ulimits = other.ulimits.clone();
        }
    }

    /// The controllers the settings need (v2 names; v1 mounts `cpu` alone).
    pub fn controllers(&self) -> Vec<&'static str> {
        let mut c = Vec::new();
        if self.memory.is_some() || self.memory_reservation.is_some() {
            c.push("memory");
        }
        if self.cpus.is_some() || self.cpu_shares.is_some() {
            c.push("cpu");
        }
        if self.cpuset_cpus.is_some() {
            c.push("cpuset");
        }
        if self.pids_limit.is_some() {
            c.push("pids");
        }
        c
    }

    /// Memory plus swap as the kernel gets it: as given, else twice the
    /// memory limit (docker's default), -1 for unlimited.
    fn total_swap(&self) -> Option<i64> {
        match (self.memory, self.memory_swap) {
            (_, Some(s)) => Some(s),
            (Some(m), None) => Some(m.saturating_mul(2)),
            (None, None) => None,
        }
    }

    /// The v1 files to write: (controller, file, value), in order.
    pub fn plan_v1(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut w = Vec::new();
        if let Some(m) = self.memory {
            w.push(("memory", "memory.limit_in_bytes", m.to_string()));
        }
        if let Some(s) = self.total_swap() {
            w.push(("memory", "memory.memsw.limit_in_bytes", s.to_string()));
        }
        if let Some(r) = self.memory_reservation {
            w.push(("memory", "memory.soft_limit_in_bytes", r.to_string()));
        }
        if let Some(c) = self.cpus {
            w.push(("cpu", "cpu.cfs_period_us", CPU_PERIOD_US.to_string()));
            w.push(("cpu", "cpu.cfs_quota_us", quota(c).to_string()));
        }
        if let Some(s) = self.cpu_shares {
            w.push(("cpu", "cpu.shares", s.to_string()));
        }
        if let Some(c) = &self.cpuset_cpus {
            w.push(("cpuset", "cpuset.cpus", c.clone()));
        }
        if let Some(p) = self.pids_limit {
            w.push(("pids", "pids.max", max_or(p)));
        }
        w
    }

    /// The v2 files to write: (file, value), in order.
    pub fn plan_v2(&self) -> Vec<(&'static str, String)> {
        let mut w = Vec::new();
        if let Some(m) = self.memory {
            w.push(("memory.max", m.to_string()));
            // v2 limits swap alone: what the total leaves above memory.
            if let Some(s) = self.total_swap() {
                let swap = if s < 0 {
                    "max".to_string()
                } else {
                    (s - m).max(0).to_string()
                };
                w.push(("memory.swap.max", swap));
            }
        }
        if let Some(r) = self.memory_reservation {
            w.push(("memory.low", r.to_string()));
        }
        if let Some(c) = self.cpus {
            w.push(("cpu.max", format!("{} {CPU_PERIOD_US}", quota(c))));
        }
        if let Some(s) = self.cpu_shares {
            w.push(("cpu.weight", cpu_weight(s).to_string()));
        }
        if let Some(c) = &self.cpuset_cpus {
            w.push(("cpuset.cpus", c.clone()));
        }
        if let Some(p) = self.pids_limit {
            w.push(("pids.max", max_or(p)));
        }
        w
    }
}

/// The CFS quota in microseconds for `cpus` CPUs.
fn quota(cpus: f64) -> u64 {
    ((cpus * CPU_PERIOD_US as f64).round() as u64).max(1000)
}

/// A limit as written to a v2-style file: `max` when unlimited (negative or 0
/// for pids, as podman treats `--pids-limit 0`).
fn max_or(v: i64) -> String {
    if v <= 0 { "max".into() } else { v.to_string() }
}

/// v1 `cpu.shares` (2..262144, default 1024) as v2 `cpu.weight` (1..10000,
/// default 100), with the conversion crun uses: a curve through (2, 1),
/// (1024, 100) and (262144, 10000), so the defaults match.
pub fn cpu_weight(shares: u64) -> u64 {
    let shares = shares.clamp(2, 262_144) as f64;
    let l = shares.log2();
    let exponent = (l * l + 125.0 * l) / 612.0 - 7.0 / 34.0;
    (10f64.powf(exponent).ceil() as u64).clamp(1, 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_have_binary_suffixes() {
        assert_eq!(parse_size("32m").unwrap(), 32 << 20);
        assert_eq!(parse_size("1G").unwrap(), 1 << 30);
        assert_eq!(parse_size("512k").unwrap(), 512 << 10);
        assert_eq!(parse_size("100").unwrap(), 100);
        assert_eq!(parse_size("1.5g").unwrap(), 3 << 29);
        assert_eq!(parse_size("64mb").unwrap(), 64 << 20);
        assert!(parse_size("12x").is_err());
        assert!(parse_size("").is_err());
        assert_eq!(parse_swap("-1").unwrap(), -1);
    }

    #[test]
    fn ulimits_as_docker() {
        let u = parse_ulimit("nofile=100:200").unwrap();
        assert_eq!((u.name.as_str(), u.soft, u.hard), ("nofile", 100, 200));
        let u = parse_ulimit("core=-1").unwrap();
        assert_eq!((u.soft, u.hard), (-1, -1));
        assert!(parse_ulimit("nofile=200:100").is_err());
        assert!(parse_ulimit("bogus=1").is_err());
        assert!(parse_ulimit("nofile").is_err());
    }

    #[test]
    fn shares_become_weights_as_crun() {
        assert_eq!(cpu_weight(2), 1);
        assert_eq!(cpu_weight(1024), 100);
        assert_eq!(cpu_weight(262_144), 10_000);
        assert!(cpu_weight(512) < 100 && cpu_weight(2048) > 100);
    }

    fn all() -> Resources {
        Resources {
            memory: Some(32 << 20),
            memory_reservation: Some(16 << 20),
            cpus: Some(0.5),
            cpu_shares: Some(512),
            cpuset_cpus: Some("0".into()),
            pids_limit: Some(20),
            ..Default::default()
        }
    }

    #[test]
    fn v1_plan() {
        let w = all().plan_v1();
        let want = [
            ("memory", "memory.limit_in_bytes", "33554432"),
            ("memory", "memory.memsw.limit_in_bytes", "67108864"),
            ("memory", "memory.soft_limit_in_bytes", "16777216"),
            ("cpu", "cpu.cfs_period_us", "100000"),
            ("cpu", "cpu.cfs_quota_us", "50000"),
            ("cpu", "cpu.shares", "512"),
            ("cpuset", "cpuset.cpus", "0"),
            ("pids", "pids.max", "20"),
        ];
        let got: Vec<_> = w.iter().map(|(c, f, v)| (*c, *f, v.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn v2_plan() {
        let w = all().plan_v2();
        let want = [
            ("memory.max", "33554432"),
            ("memory.swap.max", "33554432"),
            ("memory.low", "16777216"),
            ("cpu.max", "50000 100000"),
            ("cpu.weight", &cpu_weight(512).to_string()),
            ("cpuset.cpus", "0"),
            ("pids.max", "20"),
        ];
        let got: Vec<_> = w.iter().map(|(f, v)| (*f, v.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn swap_unlimited_and_exact() {
        let mut r = Resources {
            memory: Some(64 << 20),
            memory_swap: Some(-1),
            ..Default::default()
        };
        assert!(r.plan_v2().contains(&("memory.swap.max", "max".into())));
        assert!(
            r.plan_v1()
                .contains(&("memory", "memory.memsw.limit_in_bytes", "-1".into()))
        );
        r.memory_swap = Some(64 << 20);
        assert!(r.plan_v2().contains(&("memory.swap.max", "0".into())));
        r.validate().unwrap();
        r.memory_swap = Some(1 << 20);
        assert!(r.validate().is_err());
    }

    #[test]
    fn only_what_is_asked_needs_a_cgroup() {
        let mut r = Resources {
            oom_score_adj: Some(100),
            ulimits: vec![parse_ulimit("nofile=10").unwrap()],
            ..Default::default()
        };
        assert!(!r.needs_cgroup());
        assert!(r.plan_v1().is_empty() && r.plan_v2().is_empty());
        r.pids_limit = Some(5);
        assert_eq!(r.controllers(), ["pids"]);
    }

    #[test]
    fn update_merges_what_is_given() {
        let mut r = all();
        r.merge(&Resources {
            memory: Some(64 << 20),
            ..Default::default()
        });
        assert_eq!(r.memory, Some(64 << 20));
        assert_eq!(r.pids_limit, Some(20));
    }
}
