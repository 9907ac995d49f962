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

pub use crate::storage::containers::IdRange;

/// The owner of the subordinate ids `--userns=auto` takes from.
pub const AUTO_USER: &str = "containers";

/// Parses `--userns`: `None` for the default (the caller's namespace: the
/// host's when root, rctl's own when rootless); `Some(size)` for `auto`.
pub fn parse_userns(value: &str) -> Result<Option<u32>, String> {
    match value {
        "" | "host" => Ok(None),
        "auto" => Ok(Some(65536)),
        v => match v.strip_prefix("auto:size=").map(str::parse::<u32>) {
            Some(Ok(n)) if n > 0 => Ok(Some(n)),
            _ => Err(format!(
                "--userns {v:?}: supported are host and auto[:size=N] (keep-id is not implemented yet)"
            )),
        },
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

/// Writes the maps of the user namespace of process `pid` (root may write
/// any mapping directly).
pub fn write_maps(pid: i32, r: &IdRange) -> io::Result<()> {
    fs::write(
        format!("/proc/{pid}/uid_map"),
        format!("0 {} {}", r.uid, r.size),
    )?;
    fs::write(
        format!("/proc/{pid}/gid_map"),
        format!("0 {} {}", r.gid, r.size),
    )
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
        assert_eq!(parse_userns("").unwrap(), None);
        assert_eq!(parse_userns("host").unwrap(), None);
        assert_eq!(parse_userns("auto").unwrap(), Some(65536));
        assert_eq!(parse_userns("auto:size=1024").unwrap(), Some(1024));
        assert!(parse_userns("keep-id").is_err());
        assert!(parse_userns("auto:size=0").is_err());
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
