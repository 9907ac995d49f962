//! Resource flags: `--memory`, `--cpus`, `--pids-limit`, … (`run`, `create`,
//! and, without `--ulimit` and `--oom-score-adj`, `update`).

use clap::Args;

use crate::container::resources::{self, Resources, Ulimit};

/// Cgroup limits: what `create`, `run` and `update` share.
#[derive(Args, Debug, Clone, Default)]
pub struct LimitFlags {
    /// Memory limit (bytes, or with a k, m, g suffix)
    #[arg(short, long, value_name = "SIZE", value_parser = resources::parse_size)]
    pub memory: Option<i64>,
    /// Memory plus swap (-1: unlimited swap; default: twice --memory)
    #[arg(long, value_name = "SIZE", allow_negative_numbers = true, value_parser = resources::parse_swap)]
    pub memory_swap: Option<i64>,
    /// Soft memory limit, reclaimed toward under memory pressure
    #[arg(long, value_name = "SIZE", value_parser = resources::parse_size)]
    pub memory_reservation: Option<i64>,
    /// Number of CPUs' worth of time (0.5: half of one)
    #[arg(long, value_name = "N")]
    pub cpus: Option<f64>,
    /// Relative CPU weight (default 1024)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPUs the container may run on (0-3, 0,2)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Most processes at once (-1: unlimited)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub pids_limit: Option<i64>,
}

/// Resource flags of `create` and `run`.
#[derive(Args, Debug, Clone, Default)]
pub struct ResourceFlags {
    #[command(flatten)]
    pub limits: LimitFlags,
    /// Adjust the OOM killer's preference for the container (-1000 to 1000)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub oom_score_adj: Option<i32>,
    /// Resource limit of the process (NAME=SOFT[:HARD]: nofile, nproc, core, …; -1 unlimited)
    #[arg(long, value_name = "NAME=SOFT[:HARD]", value_parser = resources::parse_ulimit)]
    pub ulimit: Vec<Ulimit>,
}

impl LimitFlags {
    /// The limits given.
    pub fn resources(&self) -> Resources {
        Resources {
            memory: self.memory,
            memory_swap: self.memory_swap,
            memory_reservation: self.memory_reservation,
            cpus: self.cpus,
            cpu_shares: self.cpu_shares,
            cpuset_cpus: self.cpuset_cpus.clone(),
            pids_limit: self.pids_limit,
            ..Default::default()
        }
    }
}

impl ResourceFlags {
    /// All the settings given, checked; rootless on a cgroup v1 host, a
    /// cgroup limit is an error (as podman's).
    pub fn resources(&self, rootless: bool) -> anyhow::Result<Resources> {
        let r = Resources {
            oom_score_adj: self.oom_score_adj,
            ulimits: self.ulimit.clone(),
            ..self.limits.resources()
        };
        r.validate()?;
        if rootless && r.needs_cgroup() && !crate::container::cgroup::is_v2() {
            return Err(crate::container::cgroup::CgroupError::RootlessV1.into());
        }
        Ok(r)
    }
}
