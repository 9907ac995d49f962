//! Paths inside a container's root filesystem, resolved as the container sees
//! them: openat2 `RESOLVE_IN_ROOT` treats the root as `/`, so an absolute or
//! climbing symlink in the image lands inside the root, never on the host.
//! Mount targets, `cp` and working directories go through here.

use std::ffi::OsStr;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat2};
use nix::sys::stat::Mode;

fn how(flags: OFlag, mode: u32) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .mode(Mode::from_bits_truncate(mode))
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

/// Relative form of a container path (`/etc/hosts` -> `etc/hosts`, `/` -> `.`).
pub fn relative(path: &Path) -> PathBuf {
    let rel: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::RootDir | Component::CurDir))
        .collect();
    if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel
    }
}

/// Opens `path` inside `root` with `flags`.
pub fn open(root: BorrowedFd<'_>, path: &Path, flags: OFlag) -> io::Result<OwnedFd> {
    openat2(root, &relative(path), how(flags, 0)).map_err(io::Error::from)
}

/// Opens directory `path` inside `root`, creating it and its parents (mode
/// 0755) when missing. A dangling symlink on the way is followed, inside the
/// root, and its target made. Returns an `O_PATH` descriptor.
pub fn mkdir_all(root: BorrowedFd<'_>, path: &Path) -> io::Result<OwnedFd> {
    mkdir_all_depth(root, &relative(path), 0)
}

fn mkdir_all_depth(root: BorrowedFd<'_>, rel: &Path, depth: u32) -> io::Result<OwnedFd> {
    if depth > 40 {
        return Err(Errno::ELOOP.into());
    }
    let open_dir = || openat2(root, rel, how(OFlag::O_PATH | OFlag::O_DIRECTORY, 0));
    match open_dir() {
        Err(Errno::ENOENT) => {}
        r => return r.map_err(io::Error::from),
    }
    let (parent, name) = match (rel.parent(), rel.file_name()) {
        (Some(p), Some(n)) => (p.to_path_buf(), n.to_os_string()),
        _ => return Err(io::Error::from(io::ErrorKind::NotFound)),
    };
    let parent = if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent
    };
    let pfd = mkdir_all_depth(root, &parent, depth + 1)?;
    // The parent descriptor is O_PATH: mkdirat accepts it as a directory.
    match nix::sys::stat::mkdirat(&pfd, name.as_os_str(), Mode::from_bits_truncate(0o755)) {
        Ok(()) => {}
        Err(Errno::EEXIST) => {
            // Taken but not openable as a directory: a dangling symlink.
            if let Ok(target) = nix::fcntl::readlinkat(&pfd, name.as_os_str()) {
                let target = PathBuf::from(target);
                let next = if target.is_absolute() {
                    relative(&target)
                } else {
                    parent.join(target)
                };
                return mkdir_all_depth(root, &next, depth + 1);
            }
        }
        Err(e) => return Err(e.into()),
    }
    open_dir().map_err(io::Error::from)
}

/// Opens file `path` inside `root` as `O_PATH`, creating an empty file (and
/// parent directories) when missing: a mount point for a bind-mounted file.
pub fn touch(root: BorrowedFd<'_>, path: &Path) -> io::Result<OwnedFd> {
    let rel = relative(path);
    if let Ok(fd) = openat2(root, &rel, how(OFlag::O_PATH, 0)) {
        return Ok(fd);
    }
    if let Some(parent) = rel.parent() {
        mkdir_all(root, parent)?;
    }
    let f = openat2(root, &rel, how(OFlag::O_CREAT | OFlag::O_WRONLY, 0o644))
        .map_err(io::Error::from)?;
    drop(f);
    openat2(root, &rel, how(OFlag::O_PATH, 0)).map_err(io::Error::from)
}

/// Creates symlink `path` -> `target` inside `root` unless something is there.
pub fn symlink(root: BorrowedFd<'_>, path: &Path, target: &str) -> io::Result<()> {
    let rel = relative(path);
    let parent = mkdir_all(root, rel.parent().unwrap_or(Path::new(".")))?;
    let name = rel.file_name().unwrap_or(OsStr::new("."));
    match nix::unistd::symlinkat(target, &parent, name) {
        Ok(()) | Err(Errno::EEXIST) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// `/proc/self/fd/N` for a descriptor: how a resolved inode is named to
/// mount(2), which would otherwise resolve the path again, on the host.
pub fn fd_path(fd: &impl AsFd) -> PathBuf {
    use std::os::fd::AsRawFd;
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_fd().as_raw_fd()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink as host_symlink;

    #[test]
    fn symlinks_stay_inside() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("etc")).unwrap();
        host_symlink(outside.path(), root.path().join("etc/evil")).unwrap();
        host_symlink("/etc/target", root.path().join("etc/hosts")).unwrap();
        let rfd: OwnedFd = std::fs::File::open(root.path()).unwrap().into();
        touch(rfd.as_fd(), Path::new("/etc/hosts")).unwrap();
        assert!(
            root.path().join("etc/target").is_file(),
            "absolute symlink resolved in the root"
        );
        mkdir_all(rfd.as_fd(), Path::new("/etc/evil/sub")).unwrap();
        assert_eq!(
            std::fs::read_dir(outside.path()).unwrap().count(),
            0,
            "nothing on the host"
        );
        assert!(
            root.path()
                .join(outside.path().strip_prefix("/").unwrap())
                .join("sub")
                .is_dir()
        );
    }
}
