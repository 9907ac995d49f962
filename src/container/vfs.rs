//! The `vfs` storage driver: the container's root filesystem is a full copy
//! of its image's layers, merged once when the container is created, with
//! whiteouts applied. Slow and large, but it needs no overlayfs: the last
//! resort on kernels or filesystems where overlay cannot be mounted.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;

/// Merges `layers` (base first, each a layer's `diff` directory with overlay
/// whiteouts) into the empty directory `dest`. `xattr` is the prefix of the
/// opaque marker (`trusted` or `user`).
pub fn materialize(layers: &[&Path], dest: &Path, xattr: &str) -> io::Result<()> {
    for layer in layers {
        // Hard links are kept within a layer: inode -> first copy.
        let mut links = HashMap::new();
        apply(layer, dest, &format!("{xattr}.overlay.opaque"), &mut links)?;
    }
    Ok(())
}

/// Copies the tree `src` into the existing directory `dest`, keeping owners,
/// modes, extended attributes, times and hard links (a volume's copy-up);
/// `dest` itself takes `src`'s owner and mode.
pub fn copy_tree(src: &Path, dest: &Path) -> io::Result<()> {
    // No opaque marker exists in a merged view: the name matches nothing.
    apply(src, dest, "", &mut HashMap::new())?;
    copy_meta(src, dest, &fs::symlink_metadata(src)?)
}

fn apply(
    src: &Path,
    dest: &Path,
    opaque: &str,
    links: &mut HashMap<(u64, u64), std::path::PathBuf>,
) -> io::Result<()> {
    for e in fs::read_dir(src)? {
        let e = e?;
        let from = e.path();
        let to = dest.join(e.file_name());
        let meta = fs::symlink_metadata(&from)?;
        let ft = meta.file_type();
        if ft.is_char_device() && meta.rdev() == 0 {
            remove(&to)?;
            continue;
        }
        if ft.is_dir() {
            let exists_as_dir = fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir());
            if !exists_as_dir {
                remove(&to)?;
                fs::create_dir(&to)?;
            } else if xattr::get(&from, opaque).ok().flatten().as_deref() == Some(b"y") {
                for c in fs::read_dir(&to)? {
                    remove(&c?.path())?;
                }
            }
            apply(&from, &to, opaque, links)?;
            copy_meta(&from, &to, &meta)?;
            continue;
        }
        remove(&to)?;
        if meta.nlink() > 1 && ft.is_file() {
            if let Some(first) = links.get(&(meta.dev(), meta.ino())) {
                fs::hard_link(first, &to)?;
                continue;
            }
            links.insert((meta.dev(), meta.ino()), to.clone());
        }
        if ft.is_symlink() {
            symlink(fs::read_link(&from)?, &to)?;
            std::os::unix::fs::lchown(&to, Some(meta.uid()), Some(meta.gid()))?;
            continue;
        }
        if ft.is_file() {
            fs::copy(&from, &to)?;
        } else {
            // Devices and fifos: made as they are.
            nix::sys::stat::mknod(
                &to,
                nix::sys::stat::SFlag::from_bits_truncate(meta.mode() & libc::S_IFMT),
                nix::sys::stat::Mode::from_bits_truncate(meta.mode()),
                meta.rdev(),
            )?;
        }
        copy_meta(&from, &to, &meta)?;
    }
    Ok(())
}

fn copy_meta(from: &Path, to: &Path, meta: &fs::Metadata) -> io::Result<()> {
    std::os::unix::fs::lchown(to, Some(meta.uid()), Some(meta.gid()))?;
    fs::set_permissions(to, fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    if let Ok(names) = xattr::list(from) {
        for n in names {
            if n.to_string_lossy().contains(".overlay.") {
                continue;
            }
            if let Ok(Some(v)) = xattr::get(from, &n) {
                let _ = xattr::set(to, &n, &v);
            }
        }
    }
    let t = filetime::FileTime::from_last_modification_time(meta);
    filetime::set_symlink_file_times(to, t, t)
}

fn remove(p: &Path) -> io::Result<()> {
    match fs::symlink_metadata(p) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => fs::remove_dir_all(p),
        Ok(_) => fs::remove_file(p),
    }
}
