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
    let opaque = format!("{xattr}.overlay.opaque");
    let rules = Rules {
        merge: Some(&opaque),
        owner: &|u, g| (u, g),
    };
    for layer in layers {
        // Hard links are kept within a layer: inode -> first copy.
        let mut links = HashMap::new();
        apply(layer, dest, &rules, &mut links)?;
    }
    Ok(())
}

/// Copies the tree `src` into the existing directory `dest`, keeping owners,
/// modes, extended attributes, times and hard links (a volume's copy-up);
/// `dest` itself takes `src`'s owner and mode.
pub fn copy_tree(src: &Path, dest: &Path) -> io::Result<()> {
    let rules = Rules {
        // No opaque marker exists in a merged view: the name matches nothing.
        merge: Some(""),
        owner: &|u, g| (u, g),
    };
    apply(src, dest, &rules, &mut HashMap::new())?;
    copy_meta(src, dest, &fs::symlink_metadata(src)?, &rules)
}

/// Copies one layer's directory `src` into the empty directory `dest` as it
/// is (whiteouts and opaque markers too, so the copy still is a layer), with
/// every owner (uid, gid) changed by `owner`: keep-id's copies of layers.
pub fn copy_layer(
    src: &Path,
    dest: &Path,
    owner: &dyn Fn(u32, u32) -> (u32, u32),
) -> io::Result<()> {
    let rules = Rules { merge: None, owner };
    apply(src, dest, &rules, &mut HashMap::new())?;
    copy_meta(src, dest, &fs::symlink_metadata(src)?, &rules)
}

/// How [`apply`] copies.
struct Rules<'a> {
    /// Merging layers into one tree: whiteouts delete, and a directory with
    /// this opaque marker (an xattr name) empties what lies below; overlay's
    /// xattrs are not copied. `None`: whiteouts and markers are copied.
    merge: Option<&'a str>,
    /// The owner (uid, gid) a copy gets for the original's.
    owner: &'a dyn Fn(u32, u32) -> (u32, u32),
}

fn apply(
    src: &Path,
    dest: &Path,
    rules: &Rules<'_>,
    links: &mut HashMap<(u64, u64), std::path::PathBuf>,
) -> io::Result<()> {
    for e in fs::read_dir(src)? {
        let e = e?;
        let from = e.path();
        let to = dest.join(e.file_name());
        let meta = fs::symlink_metadata(&from)?;
        let ft = meta.file_type();
        if rules.merge.is_some() && ft.is_char_device() && meta.rdev() == 0 {
            remove(&to)?;
            continue;
        }
        if ft.is_dir() {
            let exists_as_dir = fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir());
            if !exists_as_dir {
                remove(&to)?;
                fs::create_dir(&to)?;
            } else if let Some(opaque) = rules.merge
                && xattr::get(&from, opaque).ok().flatten().as_deref() == Some(b"y")
            {
                for c in fs::read_dir(&to)? {
                    remove(&c?.path())?;
                }
            }
            apply(&from, &to, rules, links)?;
            copy_meta(&from, &to, &meta, rules)?;
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
            let (uid, gid) = (rules.owner)(meta.uid(), meta.gid());
            std::os::unix::fs::lchown(&to, Some(uid), Some(gid))?;
            continue;
        }
        if ft.is_file() {
            fs::copy(&from, &to)?;
        } else {
            // Devices, fifos and (copying a layer) whiteouts: made as they are.
            nix::sys::stat::mknod(
                &to,
                nix::sys::stat::SFlag::from_bits_truncate(meta.mode() & libc::S_IFMT),
                nix::sys::stat::Mode::from_bits_truncate(meta.mode()),
                meta.rdev(),
            )?;
        }
        copy_meta(&from, &to, &meta, rules)?;
    }
    Ok(())
}

fn copy_meta(from: &Path, to: &Path, meta: &fs::Metadata, rules: &Rules<'_>) -> io::Result<()> {
    let (uid, gid) = (rules.owner)(meta.uid(), meta.gid());
    std::os::unix::fs::lchown(to, Some(uid), Some(gid))?;
    fs::set_permissions(to, fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    if let Ok(names) = xattr::list(from) {
        for n in names {
            if rules.merge.is_some() && n.to_string_lossy().contains(".overlay.") {
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
