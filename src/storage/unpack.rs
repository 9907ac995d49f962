//! Unpacking one layer's tar stream into a directory, safely.
//!
//! Every entry is created relative to a directory descriptor with openat2
//! `RESOLVE_BENEATH` ([`super::beneath`]): an entry whose path has `..` or is
//! absolute, one that would be written through a symlink pointing outside, or a
//! hard link to a path outside fails the whole layer with an error naming the
//! entry. OCI whiteouts become the overlay driver's form (a 0/0 character device
//! for `.wh.NAME`, the `overlay.opaque` xattr for `.wh..wh..opq`). Modes,
//! ownership, mtimes, xattrs, hard links, symlinks, devices and fifos are kept.
//!
//! What it leaves to others: decompression and digests (the caller wraps the
//! stream) and making the result visible (the layer store renames it into place).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::sys::stat::{FileStat, Mode, SFlag, fchmod, fstatat, futimens, mknodat, utimensat};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, UnlinkatFlags, fchown, fchownat, linkat, symlinkat, unlinkat};
use tar::EntryType;

use super::beneath;
use super::tarsplit::SharedRecorder;

/// What went wrong while unpacking; names the entry.
#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    /// The entry would write outside the layer.
    #[error("unsafe tar entry {path:?}: {why}")]
    Unsafe { path: String, why: String },
    /// The entry's type is not supported.
    #[error("unsupported tar entry {path:?}: {what}")]
    Unsupported { path: String, what: String },
    /// A filesystem operation failed for the entry.
    #[error("tar entry {path:?}: {source}")]
    Io { path: String, source: io::Error },
    /// The tar stream itself is malformed or could not be read.
    #[error("reading layer tar: {0}")]
    Tar(io::Error),
}

/// How to unpack.
#[derive(Clone, Copy, Debug)]
pub struct UnpackOptions {
    /// Where overlay's whiteout xattrs go: `trusted` when root, `user` in a
    /// user namespace (overlay then needs the `userxattr` mount option).
    pub overlay_xattr_prefix: &'static str,
    /// In a user namespace: device nodes cannot be made and are skipped.
    pub rootless: bool,
    /// Turn `.wh.` entries into overlay whiteouts (layers), or keep them as
    /// ordinary files (`cp`).
    pub whiteouts: bool,
    /// Give entries the owners the tar names (layers, `cp -` archives), or
    /// leave them to whoever runs rctl (`cp` of files).
    pub keep_owners: bool,
}

/// Where a layer's tar-split bookkeeping goes: the layer directory (for
/// `dups/`) and the recorder.
struct Layer<'a> {
    dir: PathBuf,
    recorder: &'a SharedRecorder,
}

/// Extracts the tar stream `stream` into the empty directory `diff`. Regular
/// file contents are marked in `recorder`, with paths relative to `layer_dir`
/// (the parent of `diff`); `dups` (under `layer_dir`) receives files that a
/// later entry replaced. The stream is read to its end.
pub fn extract<R: Read>(
    stream: R,
    layer_dir: &Path,
    recorder: &SharedRecorder,
    opts: UnpackOptions,
) -> Result<(), UnpackError> {
    let diff = layer_dir.join("diff");
    let root = beneath::open_dir(&diff).map_err(|e| UnpackError::Io {
        path: ".".into(),
        source: e,
    })?;
    let layer = Layer {
        dir: layer_dir.to_path_buf(),
        recorder,
    };
    extract_into(stream, root, Some(layer), opts)
}

/// Extracts the tar stream `stream` into the directory `dir`, with the same
/// safety as a layer (nothing is written outside `dir`) but no layer
/// bookkeeping: what `cp` uses.
pub fn extract_plain<R: Read>(
    stream: R,
    dir: OwnedFd,
    opts: UnpackOptions,
) -> Result<(), UnpackError> {
    extract_into(stream, dir, None, opts)
}

fn extract_into<R: Read>(
    stream: R,
    root: OwnedFd,
    layer: Option<Layer<'_>>,
    opts: UnpackOptions,
) -> Result<(), UnpackError> {
    let mut ex = Extractor {
        root: Rc::new(root),
        layer,
        opts,
        dirs: Vec::new(),
        link_names: HashSet::new(),
        parent: None,
        moved: 0,
        owner: (
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        ),
        umask: current_umask(),
    };
    let mut archive = tar::Archive::new(stream);
    for entry in archive.entries().map_err(UnpackError::Tar)? {
        let entry = entry.map_err(UnpackError::Tar)?;
        ex.entry(entry)?;
    }
    let mut rest = archive.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(UnpackError::Tar)?;
    ex.finish_dirs()
}

/// Per-entry work is kept to the syscalls the entry needs: an entry is created
/// first and what was there is looked at only when the name is taken; owner
/// and mode are set only where creation did not already give them. Memory
/// does not grow with the number of files: only directories (for their
/// times) and hard-link names are remembered.
struct Extractor<'a> {
    root: Rc<OwnedFd>,
    /// Tar-split bookkeeping, when unpacking a layer.
    layer: Option<Layer<'a>>,
    opts: UnpackOptions,
    /// Directories whose times are set at the end (adding children changes them).
    dirs: Vec<(PathBuf, TimeSpec)>,
    /// Names made by hard-link entries: their content is recorded under the
    /// name the link points to, so replacing them loses nothing.
    link_names: HashSet<PathBuf>,
    /// The last parent directory opened, reused while entries stay in it.
    parent: Option<(PathBuf, Rc<OwnedFd>)>,
    /// Files moved aside so far (names in `dups/`).
    moved: u64,
    /// Who new files belong to without a chown (uid, gid).
    owner: (u32, u32),
    /// The process umask, which creation modes pass through.
    umask: u32,
}

/// Metadata an entry carries, with PAX overrides applied.
struct Meta {
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: TimeSpec,
    xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

/// What to do when an entry's name is already taken.
#[derive(PartialEq)]
enum Taken {
    /// A directory entry over an existing directory: keep it, update its metadata.
    KeepDir,
    /// Anything else: the old entry was removed and the new one created.
    Replaced,
}

impl Extractor<'_> {
    fn entry<R: Read>(&mut self, mut entry: tar::Entry<'_, R>) -> Result<(), UnpackError> {
        let raw_path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let path = clean_path(&entry.path_bytes()).map_err(|why| UnpackError::Unsafe {
            path: raw_path.clone(),
            why: why.to_string(),
        })?;
        let io_err = |source: io::Error| UnpackError::Io {
            path: raw_path.clone(),
            source,
        };
        let kind = entry.header().entry_type();
        let meta = read_meta(&mut entry).map_err(io_err)?;
        let (parent, name) = match (path.parent(), path.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_os_string()),
            _ => {
                // The layer's root directory itself ("./").
                if kind.is_dir() {
                    let root = self.root.clone();
                    self.apply_meta(root.as_fd(), &meta, true).map_err(io_err)?;
                    self.dirs.push((PathBuf::new(), meta.mtime));
                }
                return Ok(());
            }
        };
        if let Some(hidden) = name
            .as_bytes()
            .strip_prefix(b".wh.")
            .filter(|_| self.opts.whiteouts)
        {
            return self
                .whiteout(&parent, hidden)
                .map_err(|e| unsafe_or_io(&raw_path, e));
        }
        let pfd = self
            .parent_dir(&parent)
            .map_err(|e| unsafe_or_io(&raw_path, e))?;
        let name = name.as_os_str();
        let chown = self.opts.keep_owners && (meta.uid, meta.gid) != self.owner;
        // Created with its final mode when nothing (chown, umask) would spoil it.
        let direct = !chown && meta.mode & self.umask == 0;
        match kind {
            EntryType::Regular | EntryType::Continuous => {
                // Writing clears set-id bits unless the writer has CAP_FSETID
                // in the initial user namespace (rootless has not): a file
                // with content gets them by a chmod after it is written.
                let direct = direct && (meta.mode & 0o6000 == 0 || entry.size() == 0);
                let create_mode = Mode::from_bits_truncate(if direct { meta.mode } else { 0o600 });
                let flags = OFlag::O_CREAT
                    | OFlag::O_EXCL
                    | OFlag::O_WRONLY
                    | OFlag::O_NOFOLLOW
                    | OFlag::O_CLOEXEC;
                let (fd, _) = self
                    .create(&pfd, &path, name, false, || {
                        openat(&*pfd, name, flags, create_mode).map(Some)
                    })
                    .map_err(io_err)?;
                let mut file = File::from(fd.expect("files are always created"));
                let size = entry.size();
                if size > 0 {
                    if let Some(layer) = &self.layer {
                        let stored = Path::new("diff").join(&path);
                        layer
                            .recorder
                            .borrow_mut()
                            .mark_file(entry.raw_file_position(), size, &stored)
                            .map_err(io_err)?;
                    }
                    let copied = io::copy(&mut entry, &mut file).map_err(UnpackError::Tar)?;
                    if copied != size {
                        return Err(UnpackError::Tar(io::ErrorKind::UnexpectedEof.into()));
                    }
                }
                if !direct {
                    self.apply_meta(file.as_fd(), &meta, chown)
                        .map_err(io_err)?;
                } else {
                    self.set_xattrs(file.as_fd(), &meta).map_err(io_err)?;
                }
                futimens(&file, &meta.mtime, &meta.mtime).map_err(|e| io_err(e.into()))?;
            }
            EntryType::Directory => {
                // mkdir(2) does not set set-id bits: those need a chmod.
                let direct = direct && meta.mode & 0o6000 == 0;
                let dir_mode = Mode::from_bits_truncate(if direct { meta.mode } else { 0o700 });
                let (_, taken) = self
                    .create(&pfd, &path, name, true, || {
                        nix::sys::stat::mkdirat(&*pfd, name, dir_mode).map(|()| None::<()>)
                    })
                    .map_err(io_err)?;
                if !direct || taken == Some(Taken::KeepDir) || !meta.xattrs.is_empty() {
                    let fd = openat(
                        &*pfd,
                        name,
                        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                        Mode::empty(),
                    )
                    .map_err(|e| io_err(e.into()))?;
                    self.apply_meta(fd.as_fd(), &meta, chown).map_err(io_err)?;
                }
                self.dirs.push((path.clone(), meta.mtime));
            }
            EntryType::Symlink => {
                let target = entry
                    .link_name_bytes()
                    .ok_or_else(|| UnpackError::Unsupported {
                        path: raw_path.clone(),
                        what: "symlink without a target".into(),
                    })?
                    .into_owned();
                self.create(&pfd, &path, name, false, || {
                    symlinkat(OsStr::from_bytes(&target), &*pfd, name).map(|()| None::<()>)
                })
                .map_err(io_err)?;
                if chown {
                    self.tolerate_unmapped(own_nofollow(pfd.as_fd(), name, &meta))
                        .map_err(io_err)?;
                }
                utimensat(
                    &*pfd,
                    name,
                    &meta.mtime,
                    &meta.mtime,
                    nix::sys::stat::UtimensatFlags::NoFollowSymlink,
                )
                .map_err(|e| io_err(e.into()))?;
            }
            EntryType::Link => {
                let target_raw = entry.link_name_bytes().unwrap_or_default().into_owned();
                let target = clean_path(&target_raw).map_err(|why| UnpackError::Unsafe {
                    path: raw_path.clone(),
                    why: format!(
                        "hard link target {:?}: {why}",
                        String::from_utf8_lossy(&target_raw)
                    ),
                })?;
                let (tparent, tname) = match (target.parent(), target.file_name()) {
                    (Some(p), Some(n)) => (p, n),
                    _ => {
                        return Err(UnpackError::Unsafe {
                            path: raw_path,
                            why: "hard link to the layer root".into(),
                        });
                    }
                };
                let tfd = beneath::open_subdir(self.root.as_fd(), tparent)
                    .map_err(|e| unsafe_or_io(&raw_path, e))?;
                self.create(&pfd, &path, name, false, || {
                    linkat(&tfd, tname, &*pfd, name, AtFlags::empty()).map(|()| None::<()>)
                })
                .map_err(io_err)?;
                self.link_names.insert(path.clone());
            }
            EntryType::Char | EntryType::Block | EntryType::Fifo => {
                let (sflag, dev) = match kind {
                    EntryType::Char => (SFlag::S_IFCHR, device(&entry)),
                    EntryType::Block => (SFlag::S_IFBLK, device(&entry)),
                    _ => (SFlag::S_IFIFO, 0),
                };
                let made = self.create(&pfd, &path, name, false, || {
                    mknodat(&*pfd, name, sflag, Mode::from_bits_truncate(meta.mode), dev)
                        .map(|()| None::<()>)
                });
                match made {
                    Ok(_) => {}
                    Err(e)
                        if e.raw_os_error() == Some(libc::EPERM)
                            && self.opts.rootless
                            && sflag != SFlag::S_IFIFO =>
                    {
                        tracing::debug!("skipping device node {raw_path} in a user namespace");
                        return Ok(());
                    }
                    Err(e) => return Err(io_err(e)),
                }
                if chown {
                    self.tolerate_unmapped(own_nofollow(pfd.as_fd(), name, &meta))
                        .map_err(io_err)?;
                }
                nix::sys::stat::fchmodat(
                    &*pfd,
                    name,
                    Mode::from_bits_truncate(meta.mode),
                    nix::sys::stat::FchmodatFlags::FollowSymlink,
                )
                .map_err(|e| io_err(e.into()))?;
            }
            EntryType::XGlobalHeader => {}
            other => {
                return Err(UnpackError::Unsupported {
                    path: raw_path,
                    what: format!("entry type {other:?}"),
                });
            }
        }
        Ok(())
    }

    /// Runs `make` to create the entry `path` (`name` in `pfd`); if the name
    /// is taken, keeps an existing directory for a directory entry, or else
    /// displaces what is there and runs `make` again.
    fn create<T>(
        &mut self,
        pfd: &OwnedFd,
        path: &Path,
        name: &OsStr,
        is_dir: bool,
        mut make: impl FnMut() -> nix::Result<Option<T>>,
    ) -> io::Result<(Option<T>, Option<Taken>)> {
        match make() {
            Ok(v) => return Ok((v, None)),
            Err(Errno::EEXIST) => {}
            Err(e) => return Err(e.into()),
        }
        let st = fstatat(pfd, name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        if is_dir && is_kind(&st, SFlag::S_IFDIR) {
            return Ok((None, Some(Taken::KeepDir)));
        }
        self.displace(pfd.as_fd(), path, name, &st)?;
        Ok((make()?, Some(Taken::Replaced)))
    }

    /// The directory `rel` under the layer root, created if missing.
    fn parent_dir(&mut self, rel: &Path) -> io::Result<Rc<OwnedFd>> {
        if let Some((p, fd)) = &self.parent
            && p == rel
        {
            return Ok(fd.clone());
        }
        let fd = Rc::new(beneath::create_dirs(self.root.as_fd(), rel)?);
        self.parent = Some((rel.to_path_buf(), fd.clone()));
        Ok(fd)
    }

    /// `.wh.NAME` hides NAME of lower layers; `.wh..wh..opq` hides all of the
    /// directory's lower content; other `.wh..wh.` names are aufs bookkeeping.
    fn whiteout(&mut self, parent: &Path, hidden: &[u8]) -> io::Result<()> {
        let pfd = self.parent_dir(parent)?;
        if hidden == b".wh..opq" {
            let name = format!("{}.overlay.opaque", self.opts.overlay_xattr_prefix);
            return set_xattr(pfd.as_fd(), name.as_bytes(), b"y");
        }
        if hidden.starts_with(b".wh.") || hidden.is_empty() {
            return Ok(());
        }
        let name = OsStr::from_bytes(hidden);
        let path = parent.join(name);
        self.create(&pfd, &path, name, false, || {
            mknodat(&*pfd, name, SFlag::S_IFCHR, Mode::empty(), 0).map(|()| None::<()>)
        })
        .map(drop)
    }

    /// Removes what is at `name` in `pfd` (the entry `path`) so a new entry
    /// can take its place. Regular files with content written by this layer
    /// (everything but hard-link names) are moved aside into `dups/`, with
    /// the move recorded, so the layer's tar can still be rebuilt.
    fn displace(
        &mut self,
        pfd: BorrowedFd<'_>,
        path: &Path,
        name: &OsStr,
        st: &FileStat,
    ) -> io::Result<()> {
        self.parent = None;
        // The kernel resolves the descriptor; nothing below follows symlinks.
        let here = PathBuf::from(format!("/proc/self/fd/{}", pfd.as_raw_fd())).join(name);
        if is_kind(st, SFlag::S_IFDIR) {
            let mut files = Vec::new();
            collect_files(&here, path, &mut files)?;
            for (host, rel) in files {
                self.move_aside(&host, &rel)?;
            }
            return super::staging::remove_all(&here);
        }
        if is_kind(st, SFlag::S_IFREG) && st.st_size > 0 && !self.link_names.remove(path) {
            return self.move_aside(&here, path);
        }
        self.link_names.remove(path);
        unlinkat(pfd, name, UnlinkatFlags::NoRemoveDir).map_err(io::Error::from)
    }

    fn move_aside(&mut self, host: &Path, rel: &Path) -> io::Result<()> {
        let Some(layer) = &self.layer else {
            // Not a layer: there is no tar to rebuild, the old file just goes.
            return std::fs::remove_file(host);
        };
        if self.link_names.remove(rel) {
            return std::fs::remove_file(host);
        }
        let dups = layer.dir.join("dups");
        std::fs::create_dir_all(&dups)?;
        let aside = Path::new("dups").join(self.moved.to_string());
        self.moved += 1;
        std::fs::rename(host, layer.dir.join(&aside))?;
        layer
            .recorder
            .borrow_mut()
            .relocate(&Path::new("diff").join(rel), &aside);
        Ok(())
    }

    fn apply_meta(&self, fd: BorrowedFd<'_>, meta: &Meta, chown: bool) -> io::Result<()> {
        if chown {
            let owned = fchown(
                fd,
                Some(Uid::from_raw(meta.uid)),
                Some(Gid::from_raw(meta.gid)),
            );
            self.tolerate_unmapped(owned)?;
        }
        // chown clears set-id bits and file capabilities: mode and xattrs come after.
        fchmod(fd, Mode::from_bits_truncate(meta.mode))?;
        self.set_xattrs(fd, meta)
    }

    /// In a user namespace with only the user's own id mapped, other owners
    /// cannot be given (EINVAL): the file stays root's, as podman does with
    /// `ignore_chown_errors`.
    fn tolerate_unmapped<E: Into<io::Error>>(&self, r: Result<(), E>) -> io::Result<()> {
        match r.map_err(Into::into) {
            Err(e) if self.opts.rootless && e.raw_os_error() == Some(libc::EINVAL) => {
                tracing::debug!("owner not mapped in the user namespace: keeping root");
                Ok(())
            }
            r => r,
        }
    }

    fn set_xattrs(&self, fd: BorrowedFd<'_>, meta: &Meta) -> io::Result<()> {
        for (name, value) in &meta.xattrs {
            if name.starts_with(b"trusted.overlay.") || name.starts_with(b"user.overlay.") {
                tracing::debug!(
                    "ignoring overlay xattr {} from a layer",
                    String::from_utf8_lossy(name)
                );
                continue;
            }
            match set_xattr(fd, name, value) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => {
                    tracing::debug!("xattr {} not supported here", String::from_utf8_lossy(name));
                }
                Err(e) if self.opts.rootless && e.raw_os_error() == Some(libc::EPERM) => {
                    tracing::warn!(
                        "cannot set xattr {} in a user namespace",
                        String::from_utf8_lossy(name)
                    );
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Sets directory times last: adding entries to a directory changes them.
    fn finish_dirs(&mut self) -> Result<(), UnpackError> {
        for (path, mtime) in std::mem::take(&mut self.dirs) {
            let fd = match open_dir_nosymlinks(self.root.as_fd(), &path) {
                Ok(fd) => fd,
                // Replaced by a later entry (a file or a symlink): nothing to do.
                Err(Errno::ENOENT | Errno::ELOOP | Errno::ENOTDIR) => continue,
                Err(e) => {
                    return Err(UnpackError::Io {
                        path: path.display().to_string(),
                        source: e.into(),
                    });
                }
            };
            futimens(&fd, &mtime, &mtime).map_err(|e| UnpackError::Io {
                path: path.display().to_string(),
                source: e.into(),
            })?;
        }
        Ok(())
    }
}

/// Regular files with content under the directory `host` (the entry `rel`).
fn collect_files(host: &Path, rel: &Path, out: &mut Vec<(PathBuf, PathBuf)>) -> io::Result<()> {
    for entry in std::fs::read_dir(host)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let (h, r) = (entry.path(), rel.join(entry.file_name()));
        if kind.is_dir() {
            collect_files(&h, &r, out)?;
        } else if kind.is_file() && entry.metadata()?.len() > 0 {
            out.push((h, r));
        }
    }
    Ok(())
}

fn unsafe_or_io(path: &str, e: io::Error) -> UnpackError {
    if e.kind() == io::ErrorKind::PermissionDenied && e.raw_os_error().is_none() {
        UnpackError::Unsafe {
            path: path.to_string(),
            why: e.to_string(),
        }
    } else {
        UnpackError::Io {
            path: path.to_string(),
            source: e,
        }
    }
}

fn own_nofollow(pfd: BorrowedFd<'_>, name: &OsStr, meta: &Meta) -> io::Result<()> {
    fchownat(
        pfd,
        name,
        Some(Uid::from_raw(meta.uid)),
        Some(Gid::from_raw(meta.gid)),
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )
    .map_err(io::Error::from)
}

/// The umask, read without changing it (umask(2) can only set it, which would
/// race with other unpacking threads).
fn current_umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o777)
}

fn open_dir_nosymlinks(root: BorrowedFd<'_>, rel: &Path) -> Result<OwnedFd, Errno> {
    use nix::fcntl::{OpenHow, ResolveFlag};
    let rel = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    nix::fcntl::openat2(
        root,
        rel,
        OpenHow::new()
            .flags(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
            .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS),
    )
}

fn is_kind(st: &FileStat, kind: SFlag) -> bool {
    SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits()) == kind
}

/// Normalises a tar path: `./` and empty components are dropped; `..` and
/// absolute paths are refused.
pub fn clean_path(raw: &[u8]) -> Result<PathBuf, &'static str> {
    if raw.first() == Some(&b'/') {
        return Err("absolute path");
    }
    let mut out = PathBuf::new();
    for part in raw.split(|b| *b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => return Err("path contains '..'"),
            p => out.push(OsStr::from_bytes(p)),
        }
    }
    Ok(out)
}

fn read_meta<R: Read>(entry: &mut tar::Entry<'_, R>) -> io::Result<Meta> {
    let h = entry.header();
    let mut meta = Meta {
        mode: h.mode()? & 0o7777,
        uid: h.uid()? as u32,
        gid: h.gid()? as u32,
        mtime: TimeSpec::new(h.mtime()? as i64, 0),
        xattrs: Vec::new(),
    };
    if let Some(pax) = entry.pax_extensions()? {
        for ext in pax {
            let ext = ext?;
            let key = ext.key_bytes();
            let value = ext.value_bytes();
            if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
                meta.xattrs.push((name.to_vec(), value.to_vec()));
                continue;
            }
            let text = std::str::from_utf8(value).unwrap_or("");
            match key {
                b"uid" => meta.uid = text.parse().map_err(|_| bad_pax("uid"))?,
                b"gid" => meta.gid = text.parse().map_err(|_| bad_pax("gid"))?,
                b"mtime" => meta.mtime = pax_time(text).ok_or_else(|| bad_pax("mtime"))?,
                _ => {}
            }
        }
    }
    Ok(meta)
}

fn bad_pax(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("bad PAX {what}"))
}

fn pax_time(s: &str) -> Option<TimeSpec> {
    let (secs, frac) = s.split_once('.').unwrap_or((s, ""));
    let secs: i64 = secs.parse().ok()?;
    let mut nanos = 0i64;
    let digits: String = frac.chars().take(9).collect();
    if !digits.is_empty() {
        nanos = format!("{digits:0<9}").parse().ok()?;
    }
    Some(TimeSpec::new(secs, nanos))
}

fn device<R: Read>(entry: &tar::Entry<'_, R>) -> libc::dev_t {
    let h = entry.header();
    let major = h.device_major().ok().flatten().unwrap_or(0);
    let minor = h.device_minor().ok().flatten().unwrap_or(0);
    libc::makedev(major, minor)
}

fn set_xattr(fd: BorrowedFd<'_>, name: &[u8], value: &[u8]) -> io::Result<()> {
    let name =
        std::ffi::CString::new(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    // SAFETY: the name is NUL-terminated and the value pointer/length pair
    // describes a live slice; the descriptor is borrowed for the call.
    let rc = unsafe {
        libc::fsetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_paths() {
        assert_eq!(clean_path(b"./a//b/./c").unwrap(), PathBuf::from("a/b/c"));
        assert_eq!(clean_path(b"./").unwrap(), PathBuf::new());
        assert!(clean_path(b"/etc/passwd").is_err());
        assert!(clean_path(b"a/../../b").is_err());
    }

    #[test]
    fn parses_pax_times() {
        assert_eq!(pax_time("12.5"), Some(TimeSpec::new(12, 500_000_000)));
        assert_eq!(pax_time("7"), Some(TimeSpec::new(7, 0)));
        assert_eq!(pax_time("x"), None);
    }
}
