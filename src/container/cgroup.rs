//! The container's cgroup: made before it starts, the process cloned straight
//! into it, joined by `exec`, removed when the container is gone.
//!
//! Where it lives: on a pure cgroup v2 host, `/sys/fs/cgroup/rctl/<id>` (root)
//! or beside the user's own cgroup when systemd delegated it (rootless). On a
//! v1 hybrid host, the v2 hierarchy at `/sys/fs/cgroup/unified` has no
//! controllers but tracks processes, and that is where the container goes:
//! moving a process between cgroups takes an RCU grace period (about 10 ms
//! here), while `clone3(CLONE_INTO_CGROUP)` places it at birth for nothing,
//! and that works only on a v2 hierarchy. Resource limits on v1 controllers
//! arrive with the resources issue and are paid for only when asked.

use std::fs;
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

const ROOT: &str = "/sys/fs/cgroup";
const UNIFIED: &str = "/sys/fs/cgroup/unified";

/// A container's cgroup; `dir` is `None` when the container has none of its
/// own (rootless without delegation): it then shares the caller's.
#[derive(Clone, Debug, Default)]
pub struct Cgroup {
    /// The v2 directory its processes are placed in.
    pub dir: Option<PathBuf>,
}

/// Whether the host mounts cgroup v2 alone at /sys/fs/cgroup.
pub fn is_v2() -> bool {
    Path::new(ROOT).join("cgroup.controllers").exists()
}

impl Cgroup {
    /// The cgroup container `id` has (or would have) on this host.
    pub fn for_container(id: &str, rootless: bool) -> Cgroup {
        let dir = if is_v2() {
            if rootless {
                delegated_v2_parent().map(|p| p.join(format!("rctl-{id}")))
            } else {
                Some(Path::new(ROOT).join("rctl").join(id))
            }
        } else if !rootless && Path::new(UNIFIED).join("cgroup.procs").exists() {
            Some(Path::new(UNIFIED).join("rctl").join(id))
        } else {
            None
        };
        Cgroup { dir }
    }

    /// Makes the directory and opens it, for `clone3(CLONE_INTO_CGROUP)`.
    pub fn create(&self) -> io::Result<Option<OwnedFd>> {
        let Some(d) = &self.dir else { return Ok(None) };
        fs::create_dir_all(d)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", d.display())))?;
        Ok(Some(fs::File::open(d)?.into()))
    }

    /// Opens the directory of an existing cgroup (for `exec`).
    pub fn open(&self) -> io::Result<Option<OwnedFd>> {
        match &self.dir {
            Some(d) if d.is_dir() => Ok(Some(fs::File::open(d)?.into())),
            _ => Ok(None),
        }
    }

    /// Processes in the cgroup.
    pub fn pids(&self) -> Vec<i32> {
        self.dir
            .as_ref()
            .and_then(|d| fs::read_to_string(d.join("cgroup.procs")).ok())
            .map(|s| s.lines().filter_map(|l| l.trim().parse().ok()).collect())
            .unwrap_or_default()
    }

    /// Removes the directory, waiting briefly for exiting processes to leave.
    pub fn remove(&self) -> io::Result<()> {
        let Some(d) = &self.dir else { return Ok(()) };
        let mut result = Ok(());
        for _ in 0..200 {
            result = match fs::remove_dir(d) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                r => r,
            };
            if result.is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        result.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", d.display())))
    }
}

/// On v2, the parent of the user's own cgroup when the user may make
/// cgroups in it (a subtree systemd delegated, as `user@UID.service`).
fn delegated_v2_parent() -> Option<PathBuf> {
    let own = fs::read_to_string("/proc/self/cgroup").ok()?;
    let rel = own.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = Path::new(ROOT).join(rel.trim_start_matches('/'));
    let parent = dir.parent()?.to_path_buf();
    nix::unistd::access(&parent, nix::unistd::AccessFlags::W_OK).ok()?;
    Some(parent)
}
