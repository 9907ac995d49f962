//! Opening paths under a directory without ever leaving it.
//!
//! Every lookup goes through openat2(2) with `RESOLVE_BENEATH`: a `..`, an
//! absolute symlink or a relative one that climbs out of the directory fails
//! with `EXDEV` instead of being followed, and magic links (`/proc/self/fd/*`)
//! are refused. Symlinks that stay inside are followed, as tar extraction and
//! docker expect. Callers turn the errors into messages naming the path.

use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::path::{Component, Path};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat2};
use nix::sys::stat::Mode;

fn how(flags: OFlag) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

/// An error for a path that would leave the directory.
pub fn escape_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{} leads outside the directory through a symlink",
            path.display()
        ),
    )
}

fn map(e: Errno, path: &Path) -> io::Error {
    match e {
        Errno::EXDEV => escape_error(path),
        e => io::Error::from(e),
    }
}

/// Opens the directory at a host path.
pub fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    Ok(File::open(path)?.into())
}

/// Opens the regular file `rel` under `root` for reading; the last component
/// must not be a symlink.
pub fn open_file(root: BorrowedFd<'_>, rel: &Path) -> io::Result<File> {
    let fd =
        openat2(root, rel, how(OFlag::O_RDONLY | OFlag::O_NOFOLLOW)).map_err(|e| map(e, rel))?;
    Ok(File::from(fd))
}

/// Opens the directory `rel` under `root` (`""` is `root` itself).
pub fn open_subdir(root: BorrowedFd<'_>, rel: &Path) -> io::Result<OwnedFd> {
    let rel = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    openat2(root, rel, how(OFlag::O_RDONLY | OFlag::O_DIRECTORY)).map_err(|e| map(e, rel))
}

/// Opens the directory `rel` under `root`, creating missing components with
/// mode 0755 (as tar does for parents that have no entry of their own).
pub fn create_dirs(root: BorrowedFd<'_>, rel: &Path) -> io::Result<OwnedFd> {
    match open_subdir(root, rel) {
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
        r => return r,
    }
    let mut parts: Vec<&OsStr> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    // Find the deepest existing ancestor, then create the rest below it.
    let mut missing = Vec::new();
    let mut dir = loop {
        let Some(last) = parts.pop() else {
            break open_subdir(root, Path::new(""))?;
        };
        missing.push(last);
        let prefix: std::path::PathBuf = parts.iter().collect();
        match open_subdir(root, &prefix) {
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => continue,
            r => break r?,
        }
    };
    for name in missing.into_iter().rev() {
        match nix::sys::stat::mkdirat(&dir, name, Mode::from_bits_truncate(0o755)) {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => return Err(map(e, rel)),
        }
        dir = openat2(
            &dir,
            name,
            how(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW),
        )
        .map_err(|e| map(e, rel))?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsFd;
    use std::os::unix::fs::symlink;

    #[test]
    fn refuses_to_leave_the_directory() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        symlink(outside.path(), root.path().join("abs")).unwrap();
        symlink("../../../../..", root.path().join("up")).unwrap();
        std::fs::create_dir(root.path().join("d")).unwrap();
        symlink("d", root.path().join("inside")).unwrap();
        let fd = open_dir(root.path()).unwrap();
        for bad in ["abs/x", "up/tmp", "../x"] {
            let e = create_dirs(fd.as_fd(), Path::new(bad)).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::PermissionDenied, "{bad}: {e}");
        }
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        create_dirs(fd.as_fd(), Path::new("inside/a/b")).unwrap();
        assert!(root.path().join("d/a/b").is_dir());
    }
}
