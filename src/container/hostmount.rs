//! `rctl mount` and `unmount`: a container's root filesystem on the host.
//!
//! A running container's root is already reachable as `/proc/PID/root`; a
//! stopped one is mounted at its `merged` directory in the host's mount
//! namespace (root only), where `start` finds and reuses it.

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::lifecycle::{self, LifecycleError};
use super::mounts;
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, Status};

/// Whether `path` is the root of a mount (its device differs from its parent's).
pub fn is_mountpoint(path: &Path) -> bool {
    match (
        std::fs::metadata(path),
        path.parent().map(std::fs::metadata),
    ) {
        (Ok(m), Some(Ok(p))) => m.dev() != p.dev() || m.ino() == p.ino(),
        _ => false,
    }
}

/// Makes `rec`'s root filesystem visible on the host; returns where.
pub fn mount(store: &Store, rec: &ContainerRecord) -> Result<PathBuf, LifecycleError> {
    let st = store.live_state(&rec.id)?;
    if st.status == Status::Running || st.status == Status::Paused {
        return Ok(PathBuf::from(format!("/proc/{}/root", st.pid)));
    }
    let l = lifecycle::plan(store, rec);
    let target = l.rootfs.target.clone();
    if !is_mountpoint(&target) {
        mounts::mount_rootfs(&l.rootfs).map_err(|source| LifecycleError::Os {
            what: format!("mounting {}", target.display()),
            source,
        })?;
    }
    Ok(target)
}

/// Unmounts `rec`'s root filesystem from the host, if it is mounted there.
pub fn unmount(store: &Store, rec: &ContainerRecord) {
    let target = store.container_dir(&rec.id).join("merged");
    if is_mountpoint(&target)
        && let Err(e) = nix::mount::umount2(&target, nix::mount::MntFlags::MNT_DETACH)
    {
        tracing::warn!("unmounting {}: {}", target.display(), io::Error::from(e));
    }
}
