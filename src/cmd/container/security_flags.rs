//! The security flags of `create` and `run`: capabilities, seccomp and the
//! other `--security-opt`s, devices, groups, sysctls.

use anyhow::{Result, bail};
use clap::Args;

use crate::container::security::{self, SecurityConfig, devices, sysctl};

/// Flags that set a container's security profile.
#[derive(Args, Debug, Clone, Default)]
pub struct SecurityFlags {
    /// Add a capability (CAP_NET_RAW, net_raw, or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Every capability, no seccomp filter, nothing masked, the host's devices
    #[arg(long)]
    pub privileged: bool,
    /// seccomp=unconfined|FILE.json, no-new-privileges, mask=PATH[:PATH],
    /// unmask=ALL|PATH[:PATH]
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// With --read-only, mount tmpfs on /tmp, /var/tmp and /run
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub read_only_tmpfs: bool,
    /// Give the container a host device (/dev/HOST[:/dev/CONTAINER][:rwm])
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Add a supplementary group (name or id) to the container's process
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
}

impl SecurityFlags {
    /// The settings these flags ask for, checked, for a container on
    /// network `network`; profile files are read here.
    pub fn config(&self, network: &str) -> Result<SecurityConfig> {
        let mut cfg = SecurityConfig {
            privileged: self.privileged,
            read_only_tmpfs: self.read_only_tmpfs,
            group_add: self.group_add.clone(),
            ..Default::default()
        };
        for c in &self.cap_add {
            cfg.cap_add.push(security::canonical_cap(c)?);
        }
        for c in &self.cap_drop {
            cfg.cap_drop.push(security::canonical_cap(c)?);
        }
        for o in &self.security_opt {
            security::apply_opt(&mut cfg, o, |p| std::fs::read_to_string(p))?;
        }
        for d in &self.device {
            cfg.devices.push(devices::parse(d)?);
        }
        for s in &self.sysctl {
            let (k, v) = sysctl::parse(s, network)?;
            cfg.sysctls.insert(k, v);
        }
        if cfg.group_add.iter().any(|g| g.is_empty()) {
            bail!("--group-add: an empty group name");
        }
        Ok(cfg)
    }
}
