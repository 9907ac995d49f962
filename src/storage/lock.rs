//! flock(2) locks on files: shared for readers, exclusive for writers.
//!
//! A lock lives as long as its guard; a process that dies releases its locks by
//! itself, so there is nothing stale to clean. Callers keep critical sections
//! short: nothing long (downloads, unpacking, a running container) happens while
//! a lock is held.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use nix::fcntl::{Flock, FlockArg};

/// A held lock; dropping it unlocks.
pub struct LockGuard {
    _lock: Flock<File>,
}

/// Which kind of lock to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Many holders at once; excludes `Exclusive`.
    Shared,
    /// One holder; excludes every other lock.
    Exclusive,
}

/// Takes a lock on `path` (created if missing), waiting for it.
pub fn lock(path: &Path, mode: Mode) -> io::Result<LockGuard> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)?;
    let arg = match mode {
        Mode::Shared => FlockArg::LockShared,
        Mode::Exclusive => FlockArg::LockExclusive,
    };
    let lock = Flock::lock(file, arg).map_err(|(_, e)| io::Error::from(e))?;
    Ok(LockGuard { _lock: lock })
}

/// Tries to take an exclusive lock on `path` without waiting; `Ok(None)` when
/// another process holds any lock on it.
pub fn try_exclusive(path: &Path) -> io::Result<Option<LockGuard>> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)?;
    match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
        Ok(lock) => Ok(Some(LockGuard { _lock: lock })),
        Err((_, nix::errno::Errno::EWOULDBLOCK)) => Ok(None),
        Err((_, e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_locks_coexist_and_exclude_writers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lock");
        let a = lock(&p, Mode::Shared).unwrap();
        let _b = lock(&p, Mode::Shared).unwrap();
        assert!(try_exclusive(&p).unwrap().is_none());
        drop(a);
        drop(_b);
        assert!(try_exclusive(&p).unwrap().is_some());
    }
}
