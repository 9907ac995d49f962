//! `--userns=auto` for root: the container gets a user namespace of its own,
//! with a range of host ids that no other container uses, taken from the
//! subordinate ids of the user `containers` (podman's convention) in
//! /etc/subuid and /etc/subgid.
//!
//! The image's layers are not copied or chowned for it: each layer is reached
//! through an idmapped mount (`mount_setattr(MOUNT_ATTR_IDMAP)`), so a file
//! owned by 0 on disk is owned by the container's root. What the container
//! writes lands in its writable layer with its own host ids.

use std::fs;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

pub use crate::rootless::IdMap;
pub use crate::storage::containers::IdRange;

/// The owner of the subordinate ids `--userns=auto` takes from.
pub const AUTO_USER: &str = "containers";

/// `--userns`, parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UsernsMode {
    /// The caller's namespace: the host's when root, rctl's own rootless.
    #[default]
    Caller,
    /// `auto[:size=N]` (root): a range of `N` host ids of its own.
    Auto(u32),
    /// `keep-id[:uid=N,gid=N]` (rootless): the user's own ids show as
    /// these inside (default: the same numbers as outside).
    KeepId {
        /// The container's uid of the user (`uid=`).
        uid: Option<u32>,
        /// The container's gid of the user (`gid=`).
        gid: Option<u32>,
    },
}

/// Parses `--userns`: empty or `host` (the caller's namespace), `auto`,
/// `auto:size=N`, `keep-id`, `keep-id:uid=N,gid=N`.
pub fn parse_userns(value: &str) -> Result<UsernsMode, String> {
    let bad = || {
        format!("--userns {value:?}: supported are host, auto[:size=N] and keep-id[:uid=N,gid=N]")
    };
    let (mode, opts) = value.split_once(':').unwrap_or((value, ""));
    let mut opts = opts.split(',').filter(|o| !o.is_empty()).map(|o| {
        o.split_once('=')
            .and_then(|(k, v)| Some((k, v.parse::<u32>().ok()?)))
    });
    match mode {
        "" | "host" if opts.next().is_none() => Ok(UsernsMode::Caller),
        "auto" => {
            let mut size = 65536;
            for o in opts {
                match o {
                    Some(("size", n)) if n > 0 => size = n,
                    _ => return Err(bad()),
                }
            }
            Ok(UsernsMode::Auto(size))
        }
        "keep-id" => {
            let (mut uid, mut gid) = (None, None);
            for o in opts {
                match o {
                    Some(("uid", n)) => uid = Some(n),
                    Some(("gid", n)) => gid = Some(n),
                    _ => return Err(bad()),
                }
            }
            Ok(UsernsMode::KeepId { uid, gid })
        }
        _ => Err(bad()),
    }
}

/// Picks the first `size` ids of `ranges` (start, count) that overlap none of
/// `taken` (start, size) ranges.
pub fn pick(ranges: &[(u32, u32)], taken: &[(u32, u32)], size: u32) -> Option<u32> {
    for &(start, count) in ranges {
        let end = start.checked_add(count)?;
        let mut at = start;
        while at.checked_add(size)? <= end {
            match taken.iter().find(|(t, n)| at < t + n && *t < at + size) {
                Some((t, n)) => at = t + n,
                None => return Some(at),
            }
        }
    }
    None
}

/// A user namespace of a container's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnUserns {
    /// Its uid map, written by rctl (the parent) once the process exists.
    pub uid_map: Vec<IdMap>,
    /// Its gid map.
    pub gid_map: Vec<IdMap>,
    /// The parent mounts the root filesystem from idmapped views of the
    /// layers (`--userns=auto`, root); otherwise the process mounts it
    /// itself, from layers whose owners already suit the namespace
    /// (keep-id, see [`super::keepid`]).
    pub idmapped_layers: bool,
}

impl OwnUserns {
    /// `--userns=auto`: 0..size inside is the range `r` outside.
    pub fn auto(r: &IdRange) -> OwnUserns {
        let one = |outside| {
            vec![IdMap {
                inside: 0,
                outside,
                count: r.size,
            }]
        };
        OwnUserns {
            uid_map: one(r.uid),
            gid_map: one(r.gid),
            idmapped_layers: true,
        }
    }

    /// Writes the maps of the user namespace of process `pid`. The caller
    /// is privileged in its parent namespace, so any ids mapped there may
    /// be written without newuidmap.
    pub fn write_maps(&self, pid: i32) -> io::Result<()> {
        let text = |m: &[IdMap]| {
            m.iter()
                .map(|l| format!("{} {} {}\n", l.inside, l.outside, l.count))
                .collect::<String>()
        };
        fs::write(format!("/proc/{pid}/uid_map"), text(&self.uid_map))?;
        fs::write(format!("/proc/{pid}/gid_map"), text(&self.gid_map))
    }
}

/// A detached copy of the mount at `path`, idmapped through the user
/// namespace `userns`: files owned by host id `r.uid + n` show as `n`.
pub fn idmapped(path: &Path, userns: &OwnedFd) -> io::Result<OwnedFd> {
    use rustix::mount::{OpenTreeFlags, open_tree};
    let tree = open_tree(
        rustix::fs::CWD,
        path,
        OpenTreeFlags::OPEN_TREE_CLONE | OpenTreeFlags::OPEN_TREE_CLOEXEC,
    )?;
    /// `struct mount_attr` of linux/mount.h.
    #[repr(C)]
    struct MountAttr {
        attr_set: u64,
        attr_clr: u64,
        propagation: u64,
        userns_fd: u64,
    }
    const MOUNT_ATTR_IDMAP: u64 = 0x0010_0000;
    let attr = MountAttr {
        attr_set: MOUNT_ATTR_IDMAP,
        attr_clr: 0,
        propagation: 0,
        userns_fd: userns.as_raw_fd() as u64,
    };
    // SAFETY: mount_setattr reads a mount_attr of the size we pass; the
    // descriptors are ours and the empty path with AT_EMPTY_PATH names the
    // detached tree itself.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            tree.as_raw_fd(),
            c"".as_ptr(),
            libc::AT_EMPTY_PATH,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(tree)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        use UsernsMode::*;
        assert_eq!(parse_userns("").unwrap(), Caller);
        assert_eq!(parse_userns("host").unwrap(), Caller);
        assert_eq!(parse_userns("auto").unwrap(), Auto(65536));
        assert_eq!(parse_userns("auto:size=1024").unwrap(), Auto(1024));
        assert_eq!(
            parse_userns("keep-id").unwrap(),
            KeepId {
                uid: None,
                gid: None
            }
        );
        assert_eq!(
            parse_userns("keep-id:uid=1000,gid=100").unwrap(),
            KeepId {
                uid: Some(1000),
                gid: Some(100)
            }
        );
        assert!(parse_userns("auto:size=0").is_err());
        assert!(parse_userns("keep-id:uid=x").is_err());
        assert!(parse_userns("keep-id:size=5").is_err());
        assert!(parse_userns("host:uid=1").is_err());
        assert!(parse_userns("private").is_err());
    }

    #[test]
    fn picks_free_ranges() {
        let ranges = [(100_000, 200_000)];
        assert_eq!(pick(&ranges, &[], 65536), Some(100_000));
        assert_eq!(pick(&ranges, &[(100_000, 65536)], 65536), Some(165_536));
        assert_eq!(
            pick(&ranges, &[(100_000, 65536), (165_536, 65536)], 65536),
            Some(231_072)
        );
        assert_eq!(pick(&ranges, &[(100_000, 150_000)], 65536), None);
        assert_eq!(pick(&ranges, &[(120_000, 10)], 1000), Some(100_000));
    }
}
