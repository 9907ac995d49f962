//! `--sysctl`: kernel parameters of the container's own namespaces only.
//! IPC ones always (every container has its own IPC namespace), `net.*`
//! only with a network namespace of its own; anything else would change the
//! host and is refused.

use std::io;

/// Why a sysctl is refused.
#[derive(Debug, thiserror::Error)]
pub enum SysctlError {
    /// Not `KEY=VALUE`.
    #[error("invalid --sysctl {0:?}: expected KEY=VALUE")]
    NotKeyValue(String),
    /// Not a namespaced parameter.
    #[error(
        "sysctl {0:?} is not allowed: only namespaced ones (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*) can be set"
    )]
    NotNamespaced(String),
    /// `net.*` without a network namespace of the container's own.
    #[error(
        "sysctl {key:?} cannot be set with --network {network}: the network namespace is not the container's own"
    )]
    SharedNetwork {
        /// The parameter.
        key: String,
        /// The network mode.
        network: String,
    },
}

/// IPC namespace parameters (besides `fs.mqueue.*`).
const IPC: &[&str] = &[
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// Parses `KEY=VALUE` (a key with `/` is read as dots) and checks that the
/// key belongs to the container's namespaces under network mode `network`.
pub fn parse(s: &str, network: &str) -> Result<(String, String), SysctlError> {
    let (key, value) = s
        .split_once('=')
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| SysctlError::NotKeyValue(s.to_string()))?;
    let key = key.trim().replace('/', ".");
    if IPC.contains(&key.as_str()) || key.starts_with("fs.mqueue.") {
        return Ok((key, value.to_string()));
    }
    if key.starts_with("net.") {
        if network == "host" || network.starts_with("container:") {
            return Err(SysctlError::SharedNetwork {
                key,
                network: network.to_string(),
            });
        }
        return Ok((key, value.to_string()));
    }
    Err(SysctlError::NotNamespaced(key))
}

/// Writes `key` = `value` in the container's /proc/sys (after pivot_root).
pub fn write(key: &str, value: &str) -> io::Result<()> {
    let path = format!("/proc/sys/{}", key.replace('.', "/"));
    std::fs::write(&path, value).map_err(|e| io::Error::new(e.kind(), format!("{path}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaced_only() {
        assert!(parse("net.ipv4.ip_forward=1", "none").is_ok());
        assert!(matches!(
            parse("net.ipv4.ip_forward=1", "host"),
            Err(SysctlError::SharedNetwork { .. })
        ));
        assert_eq!(
            parse("kernel/shmmax=1024", "host").unwrap(),
            ("kernel.shmmax".into(), "1024".into())
        );
        assert!(parse("fs.mqueue.msg_max=20", "none").is_ok());
        assert!(matches!(
            parse("kernel.domainname=x", "none"),
            Err(SysctlError::NotNamespaced(_))
        ));
        assert!(parse("vm.swappiness=1", "none").is_err());
        assert!(parse("novalue", "none").is_err());
    }
}
