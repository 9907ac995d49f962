//! `--device HOST[:CONTAINER][:PERMS]`: a host device node in the container,
//! bind-mounted (which works rootless too, as podman does there), read-only
//! without `w`, and the device allow list every rootful container gets.
//!
//! A bind mount decides which nodes a container can reach by path, but a
//! device node is only a name for a major:minor pair: an image can ship its
//! own nodes (the layer unpacker, running as root, makes them as the tar
//! says), and a container given CAP_MKNOD can make any. Such a node opens
//! the host's device behind it. So every rootful container that is not
//! `--privileged` gets an allow list by device number, as runc always
//! installs one: making any node, opening only the standard ones and the
//! `--device` nodes with their permissions ([`cgroup_rules`]). It also
//! holds `--device` permissions narrower than `rwm`, which a read-only mount
//! cannot (it does not stop writes to a device). How it is enforced (an
//! eBPF program on cgroup v2, the v1 `devices` cgroup elsewhere): the module
//! doc of [`crate::container::cgroup`]. Rootless containers need none: they
//! cannot make nodes, image nodes are unpacked as plain files, and host
//! nodes are opened with the user's own permissions.

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

/// One rule of a v1 device cgroup (`devices.allow`): `c 1:3 rwm`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// `c` (character) or `b` (block).
    pub kind: char,
    /// Major number; `None`: any.
    pub major: Option<u64>,
    /// Minor number; `None`: any.
    pub minor: Option<u64>,
    /// `r`, `w`, `m` or several.
    pub access: String,
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |v: Option<u64>| v.map_or("*".to_string(), |v| v.to_string());
        write!(
            f,
            "{} {}:{} {}",
            self.kind,
            n(self.major),
            n(self.minor),
            self.access
        )
    }
}

/// What every container may use, as runc's defaults: making any node, and
/// the standard ones (null, zero, full, random, urandom, tty, console, its
/// terminals and ptmx).
fn default_rules() -> Vec<Rule> {
    let c = |major, minor: Option<u64>, access: &str| Rule {
        kind: 'c',
        major,
        minor,
        access: access.into(),
    };
    let mut rules = vec![
        c(None, None, "m"),
        Rule {
            kind: 'b',
            ..c(None, None, "m")
        },
    ];
    for (major, minor) in [
        (1, 3),
        (1, 5),
        (1, 7),
        (1, 8),
        (1, 9),
        (5, 0),
        (5, 1),
        (5, 2),
    ] {
        rules.push(c(Some(major), Some(minor), "rwm"));
    }
    rules.push(c(Some(136), None, "rwm"));
    rules
}

/// The device allow list of a container with settings `sec` (`rootless`:
/// run by a user): `None` for `--privileged` and rootless containers, else
/// the defaults plus each device with its permissions. `node` gives a host
/// node's kind and numbers (`None`: it is gone, and gets no rule).
pub fn allow_list(
    sec: &super::SecurityConfig,
    rootless: bool,
    node: impl Fn(&str) -> Option<(char, u64, u64)>,
) -> Option<Vec<Rule>> {
    (!sec.privileged && !rootless).then(|| cgroup_rules(&sec.devices, node))
}

/// Warns, for a rootless container, about each `--device` whose narrower
/// permissions only its read-only mount holds (it has no allow list).
pub fn warn_rootless(devices: &[Device]) {
    let narrower = |p: &str| !"rwm".chars().all(|c| p.contains(c));
    for d in devices.iter().filter(|d| narrower(&d.permissions)) {
        tracing::warn!(
            "--device {}:{}: not enforced beyond a read-only mount \
             (a rootless container has no device allow list)",
            d.host,
            d.permissions
        );
    }
}

/// The device rules for a container with `devices`: the defaults, then each
/// device with its permissions. Rules add up, as runc's: the allow list
/// knows device numbers, not paths, so a default node given again under
/// another name (`/dev/null` as `/dev/mynull:r`) keeps its default `rwm` (a
/// container whose /dev/null cannot be written breaks most programs).
pub fn cgroup_rules(
    devices: &[Device],
    node: impl Fn(&str) -> Option<(char, u64, u64)>,
) -> Vec<Rule> {
    let own = devices.iter().filter_map(|d| {
        let (kind, major, minor) = node(&d.host)?;
        Some(Rule {
            kind,
            major: Some(major),
            minor: Some(minor),
            access: d.permissions.clone(),
        })
    });
    let mut rules = default_rules();
    rules.extend(own);
    rules
}

/// A host device node's kind (`c` or `b`) and numbers.
pub fn host_node(path: &str) -> Option<(char, u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    let kind = if m.file_type().is_block_device() {
        'b'
    } else {
        'c'
    };
    let rdev = m.rdev();
    Some((
        kind,
        nix::sys::stat::major(rdev),
        nix::sys::stat::minor(rdev),
    ))
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

    #[test]
    fn the_defaults_then_each_device() {
        let node = |p: &str| Some(('c', 1, if p == "/dev/zero" { 5 } else { 3 }));
        let full = parse("/dev/zero:/dev/a").unwrap();
        let read = parse("/dev/null:/dev/b:r").unwrap();
        let rules: Vec<String> = cgroup_rules(&[full, read], node)
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            rules,
            [
                "c *:* m",
                "b *:* m",
                "c 1:3 rwm",
                "c 1:5 rwm",
                "c 1:7 rwm",
                "c 1:8 rwm",
                "c 1:9 rwm",
                "c 5:0 rwm",
                "c 5:1 rwm",
                "c 5:2 rwm",
                "c 136:* rwm",
                "c 1:5 rwm",
                "c 1:3 r"
            ]
        );
    }

    #[test]
    fn every_rootful_unprivileged_container_has_an_allow_list() {
        let node = |_: &str| Some(('c', 10, 229));
        let mut sec = super::super::SecurityConfig::default();
        assert_eq!(allow_list(&sec, false, node), Some(default_rules()));
        sec.devices = vec![parse("/dev/null:/dev/fuse").unwrap()];
        let rules = allow_list(&sec, false, node).unwrap();
        assert_eq!(rules.last().unwrap().to_string(), "c 10:229 rwm");
        assert_eq!(allow_list(&sec, true, node), None, "rootless");
        sec.privileged = true;
        assert_eq!(allow_list(&sec, false, node), None, "--privileged");
    }
}
