//! `diff`: what a container's writable layer (or an image's top layer)
//! changed relative to the layers below: added, changed, deleted paths.

use std::collections::BTreeMap;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

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
