//! Files in and out of containers: `cp`, `export`, and the root filesystem
//! view they read and write.
//!
//! Everything passes through a tar stream, as in docker: the source is walked
//! into a tar (never following a symlink, never leaving its filesystem) and
//! the tar is unpacked at the destination with the layer unpacker's safety
//! (nothing lands outside the destination directory). Paths inside the
//! container are resolved with `RESOLVE_IN_ROOT`, so a symlink planted in the
//! container that points at `/` stays inside the container.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::{FileStat, SFlag, fstatat};

use super::inroot;
use super::lifecycle::{self, LifecycleError};
use super::mounts;
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, Status};
use crate::storage::unpack::{self, UnpackOptions};

/// Errors of copying.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// A path does not exist.
    #[error("{0}: no such file or directory")]
    NotFound(String),
    /// A directory cannot replace a file.
    #[error("cannot copy directory {src} to file {dest}")]
    DirToFile {
        /// The source.
        src: String,
        /// The destination.
        dest: String,
    },
    /// A file or directory operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: io::Error,
    },
    /// Unpacking at the destination failed.
    #[error(transparent)]
    Unpack(#[from] unpack::UnpackError),
    /// The container could not be read.
    #[error(transparent)]
    Container(#[from] LifecycleError),
}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> CopyError {
    let what = what.into();
    move |source| CopyError::Io { what, source }
}

/// The container's root filesystem as a directory descriptor. A running
/// container's is `/proc/PID/root`; a stopped one's is mounted in a mount
/// namespace of this process's own (so nothing is left mounted on the host).
/// The caller must be single-threaded.
pub fn rootfs(store: &Store, rec: &ContainerRecord) -> Result<OwnedFd, CopyError> {
    let st = store.live_state(&rec.id).map_err(LifecycleError::from)?;
    if matches!(st.status, Status::Running | Status::Paused) {
        return Ok(File::open(format!("/proc/{}/root", st.pid))
            .map_err(io_err("opening the container's root"))?
            .into());
    }
    let l = lifecycle::plan(store, rec);
    if !super::hostmount::is_mountpoint(&l.rootfs.target) {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
            .map_err(|e| io_err("unshare mount namespace")(e.into()))?;
        nix::mount::mount(
            None::<&str>,
            "/",
            None::<&str>,
            nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
            None::<&str>,
        )
        .map_err(|e| io_err("making mounts private")(e.into()))?;
        mounts::mount_rootfs(&l.rootfs).map_err(io_err("mounting the container's root"))?;
    }
    Ok(File::open(&l.rootfs.target)
        .map_err(io_err("opening the container's root"))?
        .into())
}

/// One side of a copy: a host path, or a path in a container's root.
pub enum Side<'a> {
    /// A host path.
    Host(&'a Path),
    /// A path inside the root `root`.
    Container {
        /// The container's root.
        root: BorrowedFd<'a>,
        /// The path inside it.
        path: &'a Path,
    },
}

/// Opens the parent of `path` on `side` as a directory, and names the last
/// component; `"."` as the last component means "the contents of".
fn parent_of(side: &Side<'_>, path: &Path) -> Result<(OwnedFd, OsString), CopyError> {
    let (parent, name) = split(path);
    let fd = match side {
        Side::Host(_) => File::open(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &parent
        })
        .map_err(|e| not_found_or(e, &parent.display().to_string()))?
        .into(),
        Side::Container { root, .. } => {
            inroot::open(*root, &parent, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
                .map_err(|e| not_found_or(e, &parent.display().to_string()))?
        }
    };
    Ok((fd, name))
}

fn not_found_or(e: io::Error, what: &str) -> CopyError {
    if e.kind() == io::ErrorKind::NotFound {
        CopyError::NotFound(what.to_string())
    } else {
        io_err(what)(e)
    }
}

/// `a/b/c` -> (`a/b`, `c`); `a/b/.` -> (`a/b`, `.`); `/` -> (`/`, `.`).
fn split(path: &Path) -> (PathBuf, OsString) {
    let bytes = path.as_os_str().as_bytes();
    if bytes.ends_with(b"/.") || bytes == b"." {
        return (
            PathBuf::from(OsStr::from_bytes(&bytes[..bytes.len().saturating_sub(2)])),
            ".".into(),
        );
    }
    match (path.parent(), path.file_name()) {
        (Some(p), Some(n)) => (p.to_path_buf(), n.to_os_string()),
        _ => (path.to_path_buf(), ".".into()),
    }
}

fn stat(dir: BorrowedFd<'_>, name: &OsStr) -> Option<FileStat> {
    fstatat(dir, name, AtFlags::AT_SYMLINK_NOFOLLOW).ok()
}

fn is_dir(st: &FileStat) -> bool {
    SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits()) == SFlag::S_IFDIR
}

/// Writes `name` in `dir` (a file, or a directory and everything below it on
/// the same filesystem) into `tar`, as `archive_name`. `"."` writes the
/// directory's contents under `archive_name`. Symlinks are stored, never
/// followed. With `as_root`, entries are owned by root in the archive.
pub fn archive<W: Write>(
    dir: BorrowedFd<'_>,
    name: &OsStr,
    archive_name: &Path,
    tar: &mut tar::Builder<W>,
    as_root: bool,
) -> io::Result<()> {
    let st = fstatat(dir, name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
    let dev = st.st_dev;
    if name == "." {
        let fd = nix::fcntl::openat(
            dir,
            ".",
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )?;
        return archive_dir(fd.as_fd(), archive_name, tar, as_root, dev);
    }
    archive_entry(dir, name, &st, archive_name, tar, as_root, dev)
}

fn archive_entry<W: Write>(
    dir: BorrowedFd<'_>,
    name: &OsStr,
    st: &FileStat,
    path: &Path,
    tar: &mut tar::Builder<W>,
    as_root: bool,
    dev: u64,
) -> io::Result<()> {
    let kind = SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits());
    let mut h = tar::Header::new_gnu();
    h.set_mode(st.st_mode & 0o7777);
    h.set_mtime(st.st_mtime.max(0) as u64);
    let (uid, gid) = if as_root {
        (0, 0)
    } else {
        (st.st_uid, st.st_gid)
    };
    h.set_uid(uid.into());
    h.set_gid(gid.into());
    h.set_size(0);
    match kind {
        SFlag::S_IFDIR => {
            h.set_entry_type(tar::EntryType::Directory);
            tar.append_data(&mut h, path, io::empty())?;
            // Mounts inside (a running container's /proc, /sys) are not its files.
            if st.st_dev == dev {
                let fd = nix::fcntl::openat(
                    dir,
                    name,
                    OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                    nix::sys::stat::Mode::empty(),
                )?;
                archive_dir(fd.as_fd(), path, tar, as_root, dev)?;
            }
        }
        SFlag::S_IFREG => {
            let fd = nix::fcntl::openat(
                dir,
                name,
                OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                nix::sys::stat::Mode::empty(),
            )?;
            let file = File::from(fd);
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(st.st_size as u64);
            tar.append_data(&mut h, path, file.take(st.st_size as u64))?;
        }
        SFlag::S_IFLNK => {
            let target = nix::fcntl::readlinkat(dir, name)?;
            h.set_entry_type(tar::EntryType::Symlink);
            tar.append_link(&mut h, path, target)?;
        }
        SFlag::S_IFIFO => {
            h.set_entry_type(tar::EntryType::Fifo);
            tar.append_data(&mut h, path, io::empty())?;
        }
        SFlag::S_IFCHR | SFlag::S_IFBLK => {
            h.set_entry_type(if kind == SFlag::S_IFCHR {
                tar::EntryType::Char
            } else {
                tar::EntryType::Block
            });
            h.set_device_major(libc::major(st.st_rdev))?;
            h.set_device_minor(libc::minor(st.st_rdev))?;
            tar.append_data(&mut h, path, io::empty())?;
        }
        _ => {} // sockets are not copied
    }
    Ok(())
}

fn archive_dir<W: Write>(
    dir: BorrowedFd<'_>,
    path: &Path,
    tar: &mut tar::Builder<W>,
    as_root: bool,
    dev: u64,
) -> io::Result<()> {
    let mut names: Vec<OsString> = nix::dir::Dir::from_fd(nix::unistd::dup(dir)?)?
        .iter()
        .filter_map(|e| e.ok())
        .map(|e| OsStr::from_bytes(e.file_name().to_bytes()).to_os_string())
        .filter(|n| n != "." && n != "..")
        .collect();
    names.sort();
    for n in names {
        if let Some(st) = stat(dir, &n) {
            archive_entry(dir, &n, &st, &path.join(&n), tar, as_root, dev)?;
        }
    }
    Ok(())
}

/// Copies `src` to `dest` (one of them in a container) with docker's rules:
/// into an existing directory under the source's name, or to the
/// destination's name; `SRC/.` copies the contents. `scratch` is a file for
/// the tar in between.
pub fn copy(src: &Side<'_>, dest: &Side<'_>, scratch: &Path) -> Result<(), CopyError> {
    let src_path = match src {
        Side::Host(p) => *p,
        Side::Container { path, .. } => *path,
    };
    let dest_path = match dest {
        Side::Host(p) => *p,
        Side::Container { path, .. } => *path,
    };
    let (sdir, sname) = parent_of(src, src_path)?;
    let src_st = stat(sdir.as_fd(), &sname)
        .ok_or_else(|| CopyError::NotFound(src_path.display().to_string()))?;
    let src_is_dir = is_dir(&src_st);
    let contents = sname == ".";
    // An existing directory at the destination (a symlink to one followed,
    // inside the container's root) receives the copy under the source's name.
    let dest_dir: Option<OwnedFd> = match dest {
        Side::Host(p) => File::open(p)
            .ok()
            .filter(|f| f.metadata().is_ok_and(|m| m.is_dir()))
            .map(Into::into),
        Side::Container { root, path } => {
            inroot::open(*root, path, OFlag::O_RDONLY | OFlag::O_DIRECTORY).ok()
        }
    };
    let (target, name): (OwnedFd, PathBuf) = match dest_dir {
        Some(fd) => (
            fd,
            if contents {
                PathBuf::from(".")
            } else {
                PathBuf::from(&sname)
            },
        ),
        None => {
            let (ddir, dname) = parent_of(dest, dest_path)?;
            let exists = stat(ddir.as_fd(), &dname).is_some();
            if exists && src_is_dir {
                return Err(CopyError::DirToFile {
                    src: src_path.display().to_string(),
                    dest: dest_path.display().to_string(),
                });
            }
            if !exists && dest_path.as_os_str().as_bytes().ends_with(b"/") && !src_is_dir {
                return Err(CopyError::NotFound(dest_path.display().to_string()));
            }
            (ddir, PathBuf::from(&dname))
        }
    };
    let mut file = tempfile_in(scratch)?;
    {
        let mut tar = tar::Builder::new(&mut file);
        archive(
            sdir.as_fd(),
            &sname,
            &name,
            &mut tar,
            matches!(dest, Side::Container { .. }),
        )
        .map_err(io_err(format!("reading {}", src_path.display())))?;
        tar.finish().map_err(io_err("writing the copy"))?;
    }
    file.rewind().map_err(io_err("reading the copy"))?;
    unpack::extract_plain(io::BufReader::new(file), target, plain_options(false))?;
    Ok(())
}

/// Options for unpacking copies: files keep the owner rctl runs as, unless
/// `keep_owners` (a tar archive the user gave).
pub fn plain_options(keep_owners: bool) -> UnpackOptions {
    UnpackOptions {
        overlay_xattr_prefix: "trusted",
        rootless: crate::rootless::in_userns(),
        whiteouts: false,
        keep_owners,
    }
}

fn tempfile_in(dir: &Path) -> Result<File, CopyError> {
    let path = dir.join("copy.tar");
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io_err("creating a scratch file"))?;
    let _ = std::fs::remove_file(&path);
    Ok(f)
}

/// `cp CONTAINER:PATH -`: `path` in `root` as a tar stream on `out`.
pub fn to_stream(root: BorrowedFd<'_>, path: &Path, out: impl Write) -> Result<(), CopyError> {
    let (dir, name) = parent_of(&Side::Container { root, path }, path)?;
    let archive_name = if name == "." {
        PathBuf::from(".")
    } else {
        PathBuf::from(&name)
    };
    let mut tar = tar::Builder::new(out);
    archive(dir.as_fd(), &name, &archive_name, &mut tar, false)
        .map_err(io_err(format!("reading {}", path.display())))?;
    tar.into_inner()
        .map_err(io_err("writing the archive"))?
        .flush()
        .map_err(io_err("writing the archive"))
}

/// `cp - CONTAINER:DIR`: a tar stream from `input` unpacked into directory
/// `path` of `root`, owners as the archive says.
pub fn from_stream(root: BorrowedFd<'_>, path: &Path, input: impl Read) -> Result<(), CopyError> {
    let dir = inroot::open(root, path, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
        .map_err(|e| not_found_or(e, &path.display().to_string()))?;
    unpack::extract_plain(io::BufReader::new(input), dir, plain_options(true))?;
    Ok(())
}
