//! Staging areas under `ROOT/tmp`: where layers are unpacked and archives spooled
//! before they are complete and verified.
//!
//! Each area is a directory `ROOT/tmp/<name>` with a lock file `<name>.lock` that
//! its owner holds (flock) for as long as the area lives. A dead owner releases
//! the lock by dying, so [`clean`] can tell abandoned areas from live ones with no
//! pid bookkeeping. The lock file is created under the store's shared lock and
//! the cleaner scans under the exclusive lock, so a brand-new area is never
//! mistaken for an abandoned one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::lock::{self, LockGuard, Mode};

/// A directory under `ROOT/tmp` owned by this process; removed when dropped
/// unless its content was moved away.
pub struct Staging {
    dir: PathBuf,
    lock_path: PathBuf,
    _guard: LockGuard,
}

impl Staging {
    /// Creates a new area in `tmp`. `store_lock` is the store's lock file, to
    /// be taken shared while the area's lock is made; `None` when the caller
    /// already holds the store lock exclusively.
    pub fn create(tmp: &Path, store_lock: Option<&Path>) -> io::Result<Staging> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "{}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos()
        );
        let dir = tmp.join(&name);
        let lock_path = tmp.join(format!("{name}.lock"));
        let guard = {
            let _store = store_lock
                .map(|p| lock::lock(p, Mode::Shared))
                .transpose()?;
            lock::lock(&lock_path, Mode::Exclusive)?
        };
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            lock_path,
            _guard: guard,
        })
    }

    /// The directory to fill.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Err(e) = remove_all(&self.dir) {
            tracing::warn!("cannot remove staging area {}: {e}", self.dir.display());
        }
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// Removes staging areas whose owners are gone. Cheap when `tmp` is empty.
pub fn clean(tmp: &Path, store_lock: &Path) -> io::Result<()> {
    if fs::read_dir(tmp)?.next().is_none() {
        return Ok(());
    }
    let mut abandoned = Vec::new();
    {
        let _store = lock::lock(store_lock, Mode::Exclusive)?;
        for entry in fs::read_dir(tmp)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // An area without its lock file is one whose owner is just now
            // removing it (the lock file goes last): not ours to touch.
            let Some(stem) = name.strip_suffix(".lock") else {
                continue;
            };
            // A live owner removes its area (the lock file last) without the
            // store lock: a lock file listed a moment ago may be gone now.
            let guard = match lock::try_exclusive(&entry.path()) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                r => r?,
            };
            if let Some(guard) = guard {
                abandoned.push((tmp.join(stem), entry.path(), guard));
            }
        }
    }
    for (dir, lock_path, guard) in abandoned {
        tracing::info!("removing abandoned staging area {}", dir.display());
        remove_all(&dir)?;
        // Gone already if we locked it just as its owner finished with it.
        match fs::remove_file(&lock_path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            r => r?,
        }
        drop(guard);
    }
    Ok(())
}

/// Removes a file or directory tree; a missing path is not an error. Directories
/// without write permission (a layer may have them) are made writable first.
pub fn remove_all(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => match fs::remove_dir_all(path) {
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                make_writable(path)?;
                fs::remove_dir_all(path)
            }
            r => r,
        },
        Ok(_) => fs::remove_file(path),
    }
}

fn make_writable(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = fs::metadata(dir)?.permissions();
    perms.set_mode(perms.mode() | 0o700);
    fs::set_permissions(dir, perms)?;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            make_writable(&entry.path())?;
        }
    }
    Ok(())
}

fn nanos() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_areas_survive_cleaning_and_dropped_ones_vanish() {
        let root = tempfile::tempdir().unwrap();
        let tmp = root.path().join("tmp");
        fs::create_dir(&tmp).unwrap();
        let store_lock = root.path().join("lock");
        let s = Staging::create(&tmp, Some(&store_lock)).unwrap();
        fs::write(s.path().join("f"), b"x").unwrap();
        clean(&tmp, &store_lock).unwrap();
        assert!(s.path().join("f").exists());
        let p = s.path().to_path_buf();
        drop(s);
        assert!(!p.exists());
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    }

    #[test]
    fn abandoned_areas_are_removed() {
        let root = tempfile::tempdir().unwrap();
        let tmp = root.path().join("tmp");
        fs::create_dir(&tmp).unwrap();
        // An area whose owner died: a directory and an unlocked lock file.
        fs::create_dir(tmp.join("1-0-0")).unwrap();
        fs::write(tmp.join("1-0-0/f"), b"x").unwrap();
        fs::write(tmp.join("1-0-0.lock"), b"").unwrap();
        clean(&tmp, &root.path().join("lock")).unwrap();
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    }
}
