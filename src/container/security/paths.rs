//! Masked and read-only paths: parts of /proc and /sys that tell about or
//! act on the host. A masked file gets /dev/null bound over it, a masked
//! directory an empty read-only tmpfs; a read-only path is bound over itself
//! read-only. The lists are podman's defaults.

use std::io;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::mount::MsFlags;

use super::SecurityConfig;

/// Paths hidden from a container (podman's defaults).
pub const MASKED: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/interrupts",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
    "/sys/devices/virtual/powercap",
];

/// Paths a container may read but not change (podman's defaults).
pub const READ_ONLY: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// What to mask and what to make read-only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Paths to hide.
    pub masked: Vec<PathBuf>,
    /// Paths to make read-only.
    pub read_only: Vec<PathBuf>,
}

/// The paths of `cfg`: the defaults less `unmask`, plus `mask`; nothing
/// (but `mask`) for a privileged container.
pub fn plan(cfg: &SecurityConfig) -> Plan {
    let all = cfg.privileged || cfg.unmask.iter().any(|u| u == "ALL");
    let keep = |p: &&&str| !all && !cfg.unmask.iter().any(|u| u == **p);
    let mut masked: Vec<PathBuf> = MASKED.iter().filter(keep).map(PathBuf::from).collect();
    masked.extend(cfg.mask.iter().map(PathBuf::from));
    Plan {
        masked,
        read_only: READ_ONLY.iter().filter(keep).map(PathBuf::from).collect(),
    }
}

/// Applies `plan` in the container, after pivot_root. Paths this kernel
/// lacks are skipped.
pub fn apply(plan: &Plan) -> Result<(), (PathBuf, io::Error)> {
    for p in &plan.masked {
        mask(p).map_err(|e| (p.clone(), e))?;
    }
    for p in &plan.read_only {
        read_only(p).map_err(|e| (p.clone(), e))?;
    }
    Ok(())
}

fn skip_missing(r: nix::Result<()>) -> io::Result<()> {
    match r {
        Err(Errno::ENOENT) => Ok(()),
        r => r.map_err(io::Error::from),
    }
}

fn mask(p: &Path) -> io::Result<()> {
    let meta = match std::fs::symlink_metadata(p) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        r => r?,
    };
    if meta.is_dir() {
        skip_missing(nix::mount::mount(
            Some("tmpfs"),
            p,
            Some("tmpfs"),
            MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
            Some("size=0,mode=755"),
        ))
    } else {
        skip_missing(nix::mount::mount(
            Some("/dev/null"),
            p,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        ))
    }
}

fn read_only(p: &Path) -> io::Result<()> {
    skip_missing(nix::mount::mount(
        Some(p),
        p,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    ))?;
    if !p.exists() {
        return Ok(());
    }
    // The flags of /proc and /sys stay (a user namespace refuses to clear them).
    skip_missing(nix::mount::mount(
        None::<&str>,
        p,
        None::<&str>,
        MsFlags::MS_BIND
            | MsFlags::MS_REMOUNT
            | MsFlags::MS_RDONLY
            | MsFlags::MS_NOSUID
            | MsFlags::MS_NODEV
            | MsFlags::MS_NOEXEC,
        None::<&str>,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_unmask_and_privileged() {
        let p = plan(&SecurityConfig::default());
        assert!(p.masked.contains(&PathBuf::from("/proc/kcore")));
        assert!(p.read_only.contains(&PathBuf::from("/proc/sysrq-trigger")));
        let p = plan(&SecurityConfig {
            unmask: vec!["/proc/kcore".into(), "/proc/sys".into()],
            mask: vec!["/etc/shadow".into()],
            ..Default::default()
        });
        assert!(!p.masked.contains(&PathBuf::from("/proc/kcore")));
        assert!(!p.read_only.contains(&PathBuf::from("/proc/sys")));
        assert!(p.masked.contains(&PathBuf::from("/etc/shadow")));
        let all = plan(&SecurityConfig {
            unmask: vec!["ALL".into()],
            ..Default::default()
        });
        assert!(all.masked.is_empty() && all.read_only.is_empty());
        let privileged = plan(&SecurityConfig {
            privileged: true,
            ..Default::default()
        });
        assert_eq!(privileged, Plan::default());
    }
}
