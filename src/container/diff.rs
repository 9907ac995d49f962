//! `diff`: what a container's writable layer (or an image's top layer)
//! changed relative to the layers below: added, changed, deleted paths.

use std::collections::BTreeMap;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::storage::Store;
use crate::storage::containers::ContainerRecord;

/// A change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Changed (or a directory whose content changed).
    Changed,
    /// Added.
    Added,
    /// Deleted.
    Deleted,
}

impl Kind {
    /// podman's letter.
    pub fn letter(self) -> char {
        match self {
            Kind::Changed => 'C',
            Kind::Added => 'A',
            Kind::Deleted => 'D',
        }
    }
}

/// Paths rctl itself creates as mount points; they are not the container's changes.
const MOUNT_POINTS: &[&str] = &[
    "/etc/hosts",
    "/etc/hostname",
    "/etc/resolv.conf",
    "/dev",
    "/proc",
    "/sys",
];

/// A container's changes and the directory their files are read from: the
/// overlay upper directory, or the `vfs` copy of the whole root.
pub struct ContainerChanges {
    /// Where the changed files are, by the same relative paths.
    pub source: PathBuf,
    /// Every changed path, by absolute path in the container.
    pub changes: BTreeMap<PathBuf, Kind>,
}

/// What container `rec` changed over its image's layers.
pub fn of_container(store: &Store, rec: &ContainerRecord) -> ContainerChanges {
    let xattr = overlay_xattr(store);
    let lower: Vec<PathBuf> = rec
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_dir(l).join("diff"))
        .collect();
    let dir = store.container_dir(&rec.id);
    if rec.config.driver == "vfs" {
        let source = dir.join("rootfs");
        let changes = naive_changes(&source, &lower, xattr);
        return ContainerChanges { source, changes };
    }
    let source = dir.join("upper");
    let changes = changes(&source, &lower, xattr);
    ContainerChanges { source, changes }
}

/// The prefix of overlay's xattrs in `store`'s layers: `trusted` when root,
/// `user` in a user namespace.
pub fn overlay_xattr(store: &Store) -> &'static str {
    if store.rootless() { "user" } else { "trusted" }
}

/// Changes in the layer directory `top` over `lower` (layer directories,
/// top first), by absolute path.
pub fn changes(top: &Path, lower: &[PathBuf], overlay_xattr: &str) -> BTreeMap<PathBuf, Kind> {
    let mut out = BTreeMap::new();
    walk(top, Path::new("/"), lower, overlay_xattr, &mut out);
    out.retain(|p, k| !(*k == Kind::Added && MOUNT_POINTS.iter().any(|m| p == Path::new(m))));
    out
}

fn walk(dir: &Path, at: &Path, lower: &[PathBuf], xattr: &str, out: &mut BTreeMap<PathBuf, Kind>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(meta) = e.metadata() else { continue };
        let path = at.join(e.file_name());
        let rel = path.strip_prefix("/").unwrap_or(&path);
        let whiteout = meta.file_type().is_char_device() && meta.rdev() == 0;
        if whiteout {
            out.insert(path, Kind::Deleted);
            continue;
        }
        let existed = exists_below(rel, lower);
        out.insert(
            path.clone(),
            if existed { Kind::Changed } else { Kind::Added },
        );
        if meta.is_dir() {
            // An opaque directory hides everything below it in lower layers.
            let opaque = xattr_is_y(&e.path(), &format!("{xattr}.overlay.opaque"));
            walk(
                &e.path(),
                &path,
                if opaque { &[] } else { lower },
                xattr,
                out,
            );
        }
    }
}

/// Changes of the full root `root` (the `vfs` driver's copy) over the
/// merged view of `lower` (top first), found by comparing metadata as
/// docker's naive diff does: type, mode, owner, size, mtime, device and
/// symlink target.
pub fn naive_changes(root: &Path, lower: &[PathBuf], xattr: &str) -> BTreeMap<PathBuf, Kind> {
    let mut out = BTreeMap::new();
    compare_dir(root, Path::new("/"), lower, xattr, &mut out);
    out.retain(|p, k| !(*k == Kind::Added && MOUNT_POINTS.iter().any(|m| p == Path::new(m))));
    out
}

fn compare_dir(
    root: &Path,
    at: &Path,
    lower: &[PathBuf],
    xattr: &str,
    out: &mut BTreeMap<PathBuf, Kind>,
) {
    let rel = at.strip_prefix("/").unwrap_or(at);
    let below = merged_names(rel, lower, xattr);
    let here: std::collections::BTreeSet<std::ffi::OsString> = std::fs::read_dir(root.join(rel))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    for gone in below.keys().filter(|n| !here.contains(*n)) {
        out.insert(at.join(gone), Kind::Deleted);
    }
    for name in &here {
        let path = at.join(name);
        let Ok(meta) = std::fs::symlink_metadata(root.join(rel).join(name)) else {
            continue;
        };
        match below.get(name) {
            None => {
                out.insert(path.clone(), Kind::Added);
                if meta.is_dir() {
                    compare_dir(root, &path, &[], xattr, out);
                }
            }
            Some(old) => {
                if !same_meta(
                    &meta,
                    old,
                    &root.join(rel).join(name),
                    lower,
                    &rel.join(name),
                ) {
                    out.insert(path.clone(), Kind::Changed);
                }
                if meta.is_dir() {
                    if old.is_dir() {
                        compare_dir(root, &path, lower, xattr, out);
                    } else {
                        compare_dir(root, &path, &[], xattr, out);
                    }
                }
            }
        }
    }
}

/// The entries of directory `rel` in the merged view of `lower` (top
/// first), with their metadata.
fn merged_names(
    rel: &Path,
    lower: &[PathBuf],
    xattr: &str,
) -> BTreeMap<std::ffi::OsString, std::fs::Metadata> {
    let mut names = BTreeMap::new();
    let mut hidden = std::collections::BTreeSet::new();
    for layer in lower {
        let dir = layer.join(rel);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            // A whiteout or a non-directory here hides the layers below.
            Ok(_) => break,
            Err(_) => continue,
        }
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = e.file_name();
            if names.contains_key(&name) || hidden.contains(&name) {
                continue;
            }
            let Ok(meta) = e.metadata() else { continue };
            if meta.file_type().is_char_device() && meta.rdev() == 0 {
                hidden.insert(name);
            } else {
                names.insert(name, meta);
            }
        }
        if xattr_is_y(&dir, &format!("{xattr}.overlay.opaque")) {
            break;
        }
    }
    names
}

/// Whether `new` (at `path`) looks like `old` (at `rel` in the merged view).
fn same_meta(
    new: &std::fs::Metadata,
    old: &std::fs::Metadata,
    path: &Path,
    lower: &[PathBuf],
    rel: &Path,
) -> bool {
    let kind = |m: &std::fs::Metadata| m.mode() & libc::S_IFMT;
    let same = kind(new) == kind(old)
        && new.mode() == old.mode()
        && new.uid() == old.uid()
        && new.gid() == old.gid()
        && new.rdev() == old.rdev()
        && (new.is_dir() || new.size() == old.size())
        && new.mtime() == old.mtime()
        && new.mtime_nsec() == old.mtime_nsec();
    if !same || !new.file_type().is_symlink() {
        return same;
    }
    let old_target = lower
        .iter()
        .find_map(|l| std::fs::read_link(l.join(rel)).ok());
    std::fs::read_link(path).ok() == old_target
}

fn xattr_is_y(path: &Path, name: &str) -> bool {
    let Ok(cpath) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    let Ok(cname) = std::ffi::CString::new(name) else {
        return false;
    };
    let mut buf = [0u8; 2];
    // SAFETY: lgetxattr writes at most buf.len() bytes into our buffer.
    let n = unsafe {
        libc::lgetxattr(
            cpath.as_ptr(),
            cname.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    n == 1 && buf[0] == b'y'
}

/// Whether `rel` is visible in the stack `lower` (top first), honouring
/// whiteouts and opaque directories.
fn exists_below(rel: &Path, lower: &[PathBuf]) -> bool {
    for layer in lower {
        let p = layer.join(rel);
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_char_device() && m.rdev() == 0 => return false,
            Ok(_) => return true,
            Err(_) => {}
        }
        // A parent made opaque in this layer hides the lower layers.
        let mut parent = p.parent();
        while let Some(d) = parent {
            if !d.starts_with(layer) || d == layer.as_path() {
                break;
            }
            if xattr_is_y(d, "trusted.overlay.opaque") || xattr_is_y(d, "user.overlay.opaque") {
                return false;
            }
            parent = d.parent();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_changed_and_deleted() {
        let base = tempfile::tempdir().unwrap();
        let top = tempfile::tempdir().unwrap();
        std::fs::create_dir(base.path().join("etc")).unwrap();
        std::fs::write(base.path().join("etc/a"), "1").unwrap();
        std::fs::write(base.path().join("etc/gone"), "1").unwrap();
        std::fs::create_dir(top.path().join("etc")).unwrap();
        std::fs::write(top.path().join("etc/a"), "2").unwrap();
        std::fs::write(top.path().join("etc/new"), "3").unwrap();
        std::fs::write(top.path().join("hostname"), "").unwrap();
        let c = changes(top.path(), &[base.path().to_path_buf()], "trusted");
        assert_eq!(c.get(Path::new("/etc")), Some(&Kind::Changed));
        assert_eq!(c.get(Path::new("/etc/a")), Some(&Kind::Changed));
        assert_eq!(c.get(Path::new("/etc/new")), Some(&Kind::Added));
        assert_eq!(c.get(Path::new("/hostname")), Some(&Kind::Added));
    }
}
