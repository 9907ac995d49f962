//! `--device HOST[:CONTAINER][:PERMS]`: a host device node in the container,
//! bind-mounted (which works rootless too, as podman does there). There is
//! no device cgroup: the permissions `r`, `w`, `m` are checked and kept, and
//! a device without `w` is mounted read-only.

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use nix::mount::MsFlags;
use serde::{Deserialize, Serialize};

use crate::container::mounts::{Kind, Mount};

/// A device given to a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// The host's device node.
    pub host: String,
    /// Where it appears in the container.
    pub container: String,
    /// `rwm` or a part of it.
    pub permissions: String,
}

/// Why a `--device` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// Not of the form HOST[:CONTAINER][:PERMS].
    #[error("invalid --device {0:?}: expected /dev/HOST[:/dev/CONTAINER][:rwm]")]
    Invalid(String),
    /// The host path is not a device node.
    #[error("--device {0}: not a device node on the host")]
    NotDevice(String),
}

fn is_perms(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| "rwm".contains(c))
}

/// Parses a `--device` value and checks the host node exists.
pub fn parse(s: &str) -> Result<Device, DeviceError> {
    let invalid = || DeviceError::Invalid(s.to_string());
    let parts: Vec<&str> = s.split(':').collect();
    let (host, container, permissions) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, p] if is_perms(p) => (*h, *h, *p),
        [h, c] => (*h, *c, "rwm"),
        [h, c, p] if is_perms(p) => (*h, *c, *p),
        _ => return Err(invalid()),
    };
    if !host.starts_with('/') || !container.starts_with('/') {
        return Err(invalid());
    }
    let is_device = std::fs::metadata(host)
        .map(|m| m.file_type().is_char_device() || m.file_type().is_block_device())
        .unwrap_or(false);
    if !is_device {
        return Err(DeviceError::NotDevice(host.to_string()));
    }
    Ok(Device {
        host: host.to_string(),
        container: container.to_string(),
        permissions: permissions.to_string(),
    })
}

/// The bind mount that puts `d` in the container.
pub fn mount(d: &Device) -> Mount {
    bind(
        Path::new(&d.host),
        &d.container,
        !d.permissions.contains('w'),
    )
}

fn bind(host: &Path, container: &str, read_only: bool) -> Mount {
    Mount {
        dest: PathBuf::from(container),
        kind: Kind::Bind {
            source: host.to_path_buf(),
            recursive: false,
        },
        flags: if read_only {
            MsFlags::MS_RDONLY
        } else {
            MsFlags::empty()
        },
        file: true,
    }
}

/// `--privileged`: the host's device nodes directly in /dev, besides
/// those every container has and the terminals (the container has its own).
pub fn host_devices() -> Vec<Mount> {
    let Ok(dir) = std::fs::read_dir("/dev") else {
        return Vec::new();
    };
    let mut out: Vec<Mount> = dir
        .flatten()
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| t.is_char_device() || t.is_block_device())
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            !crate::container::mounts::DEVICES.contains(&n.as_str())
                && !n.starts_with("tty")
                && !n.starts_with("pty")
                && n != "console"
                && n != "ptmx"
        })
        .map(|n| bind(&Path::new("/dev").join(&n), &format!("/dev/{n}"), false))
        .collect();
    out.sort_by(|a, b| a.dest.cmp(&b.dest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_specs() {
        let d = parse("/dev/null").unwrap();
        assert_eq!(
            (d.container.as_str(), d.permissions.as_str()),
            ("/dev/null", "rwm")
        );
        let d = parse("/dev/null:/dev/mynull").unwrap();
        assert_eq!(d.container, "/dev/mynull");
        let d = parse("/dev/null:r").unwrap();
        assert_eq!(
            (d.container.as_str(), d.permissions.as_str()),
            ("/dev/null", "r")
        );
        assert_eq!(mount(&d).flags, MsFlags::MS_RDONLY);
        let d = parse("/dev/zero:/dev/z:rw").unwrap();
        assert_eq!(mount(&d).flags, MsFlags::empty());
        assert!(matches!(
            parse("/etc/passwd"),
            Err(DeviceError::NotDevice(_))
        ));
        assert!(parse("dev/null").is_err());
        assert!(parse("/dev/null:/a:rwx").is_err());
    }
}
