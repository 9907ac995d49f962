//! Linux capabilities: podman's default set, and limiting a process to a set.

use std::io;

/// Capability names, indexed by number (as in linux/capability.h).
const NAMES: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/// podman's default capabilities for a container.
pub const DEFAULT: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// The number of capability `name` (`CAP_` prefix optional, any case).
pub fn number(name: &str) -> Option<u32> {
    let upper = name.to_ascii_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    NAMES.iter().position(|n| *n == bare).map(|i| i as u32)
}

/// The name of capability `n` (`CAP_CHOWN`).
pub fn name(n: u32) -> String {
    NAMES
        .get(n as usize)
        .map_or_else(|| format!("CAP_{n}"), |s| format!("CAP_{s}"))
}

/// podman's default set, as numbers.
pub fn default_set() -> Vec<u32> {
    DEFAULT.iter().filter_map(|n| number(n)).collect()
}

/// The highest capability this kernel knows.
pub fn last_cap() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(NAMES.len() as u32 - 1)
}

/// Every capability this kernel knows.
pub fn all() -> Vec<u32> {
    (0..=last_cap()).collect()
}

/// Drops every capability not in `keep` from the bounding set: after exec, a
/// root process has exactly `keep`, any other user none.
pub fn limit_bounding(keep: &[u32]) -> io::Result<()> {
    for c in 0..=last_cap() {
        if !keep.contains(&c) {
            // SAFETY: prctl with integer arguments only.
            if unsafe { libc::prctl(libc::PR_CAPBSET_DROP, c as libc::c_ulong, 0, 0, 0) } < 0 {
                let e = io::Error::last_os_error();
                // Capabilities the kernel does not have are not in the set.
                if e.raw_os_error() != Some(libc::EINVAL) {
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

/// After a switch to a non-root user (made with keep-caps on, see
/// [`keep_across_user_switch`]): gives the process `add` in its effective,
/// permitted, inheritable and ambient sets, so that they survive exec.
/// podman does this for the capabilities `--cap-add` names.
pub fn raise_ambient(add: &[u32]) -> io::Result<()> {
    use rustix::thread::{CapabilitySet, CapabilitySets};
    let bit = |c: &u32| CapabilitySet::from_bits_retain(1 << c);
    let set = add.iter().fold(CapabilitySet::empty(), |s, c| s | bit(c));
    rustix::thread::set_capabilities(
        None,
        CapabilitySets {
            effective: set,
            permitted: set,
            inheritable: set,
        },
    )?;
    for c in add {
        rustix::thread::configure_capability_in_ambient_set(bit(c), true)?;
    }
    Ok(())
}

/// Keeps the permitted capabilities across the switch to a non-root user
/// (PR_SET_KEEPCAPS), for [`raise_ambient`].
pub fn keep_across_user_switch() -> io::Result<()> {
    Ok(rustix::thread::set_keep_capabilities(true)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(number("CAP_CHOWN"), Some(0));
        assert_eq!(number("sys_admin"), Some(21));
        assert_eq!(number("NOPE"), None);
        assert_eq!(name(21), "CAP_SYS_ADMIN");
        assert_eq!(default_set().len(), DEFAULT.len());
    }
}
