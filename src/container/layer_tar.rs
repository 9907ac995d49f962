//! A container's changes written as an OCI layer: the tar stream `commit`
//! and `build` store as a new layer.
//!
//! The entries come from [`super::diff`]'s change list, read from the
//! directory holding the changed files (overlay's upper directory, or the
//! `vfs` copy). Added and changed paths are written as they are (a directory
//! alone, its changed children as entries of their own); deleted paths
//! become `.wh.NAME` files and a directory overlay made opaque gets a
//! `.wh..wh..opq` marker, as the OCI layer format says. Owners are the ids
//! the container sees (a rootless caller reads from inside its user
//! namespace), hard links within the layer stay links, and extended
//! attributes other than overlay's own go in PAX records, so file
//! capabilities survive. Entries are in path order with fixed header
//! fields, so the same changes give the same tar and the same DiffID.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::diff::Kind;

/// The name of OCI's opaque-directory marker.
const OPAQUE: &str = ".wh..wh..opq";

/// Writes the layer for `changes` (absolute container paths) with files
/// read from `source`; `xattr` is the prefix of overlay's xattrs there
/// (`trusted` or `user`). With `mtime`, every entry gets that modification
/// time (`build --timestamp`: the same files give the same layer). Returns
/// the writer once the archive is complete.
pub fn write<W: Write>(
    source: &Path,
    changes: &BTreeMap<PathBuf, Kind>,
    xattr: &str,
    mtime: Option<i64>,
    out: W,
) -> io::Result<W> {
    let mut tar = tar::Builder::new(out);
    let opaque_name = format!("{xattr}.overlay.opaque");
    let mut links: HashMap<(u64, u64), PathBuf> = HashMap::new();
    for (path, kind) in changes {
        let rel = path.strip_prefix("/").unwrap_or(path);
        if *kind == Kind::Deleted {
            let parent = rel.parent().unwrap_or(Path::new(""));
            let name = rel.file_name().unwrap_or_default();
            let mut wh = std::ffi::OsString::from(".wh.");
            wh.push(name);
            append_marker(&mut tar, &parent.join(wh))?;
            continue;
        }
        let host = source.join(rel);
        let meta = match std::fs::symlink_metadata(&host) {
            Ok(m) => m,
            // Gone since the list was made (a running container).
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        append_entry(&mut tar, &host, rel, &meta, xattr, mtime, &mut links)?;
        if meta.is_dir() && xattr::get(&host, &opaque_name).ok().flatten().as_deref() == Some(b"y")
        {
            append_marker(&mut tar, &rel.join(OPAQUE))?;
        }
    }
    tar.into_inner()
}

/// An empty regular file owned by root: a whiteout or the opaque marker.
fn append_marker<W: Write>(tar: &mut tar::Builder<W>, path: &Path) -> io::Result<()> {
    let mut h = header(0o644, 0, 0, 0);
    h.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut h, path, io::empty())
}

fn header(mode: u32, uid: u32, gid: u32, mtime: i64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_mode(mode & 0o7777);
    h.set_uid(uid.into());
    h.set_gid(gid.into());
    h.set_mtime(mtime.max(0) as u64);
    h.set_size(0);
    h
}

fn append_entry<W: Write>(
    tar: &mut tar::Builder<W>,
    host: &Path,
    rel: &Path,
    meta: &std::fs::Metadata,
    xattr: &str,
    mtime: Option<i64>,
    links: &mut HashMap<(u64, u64), PathBuf>,
) -> io::Result<()> {
    let ft = meta.file_type();
    let mtime = mtime.unwrap_or(meta.mtime());
    let mut h = header(meta.mode(), meta.uid(), meta.gid(), mtime);
    append_xattrs(tar, host, xattr)?;
    if ft.is_file() && meta.nlink() > 1 {
        let key = (meta.dev(), meta.ino());
        if let Some(first) = links.get(&key) {
            h.set_entry_type(tar::EntryType::Link);
            return tar.append_link(&mut h, rel, first);
        }
        links.insert(key, rel.to_path_buf());
    }
    if ft.is_dir() {
        h.set_entry_type(tar::EntryType::Directory);
        tar.append_data(&mut h, rel, io::empty())
    } else if ft.is_file() {
        let file = File::open(host)?;
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(meta.size());
        tar.append_data(&mut h, rel, file.take(meta.size()))
    } else if ft.is_symlink() {
        h.set_entry_type(tar::EntryType::Symlink);
        tar.append_link(&mut h, rel, std::fs::read_link(host)?)
    } else if ft.is_fifo() {
        h.set_entry_type(tar::EntryType::Fifo);
        tar.append_data(&mut h, rel, io::empty())
    } else if ft.is_char_device() || ft.is_block_device() {
        h.set_entry_type(if ft.is_char_device() {
            tar::EntryType::Char
        } else {
            tar::EntryType::Block
        });
        h.set_device_major(libc::major(meta.rdev()))?;
        h.set_device_minor(libc::minor(meta.rdev()))?;
        tar.append_data(&mut h, rel, io::empty())
    } else {
        Ok(()) // sockets are not part of a layer
    }
}

/// A PAX header with the file's extended attributes (not overlay's), put
/// before its entry; nothing when it has none.
fn append_xattrs<W: Write>(tar: &mut tar::Builder<W>, host: &Path, xattr: &str) -> io::Result<()> {
    let skip = format!("{xattr}.overlay.");
    let mut records = Vec::new();
    let Ok(names) = xattr::list(host) else {
        return Ok(());
    };
    let mut names: Vec<_> = names
        .filter(|n| !n.as_bytes().starts_with(skip.as_bytes()))
        .collect();
    names.sort();
    for name in names {
        if let Ok(Some(value)) = xattr::get(host, &name) {
            let mut key = b"SCHILY.xattr.".to_vec();
            key.extend_from_slice(name.as_bytes());
            records.extend(pax_record(&key, &value));
        }
    }
    if records.is_empty() {
        return Ok(());
    }
    let mut h = header(0o644, 0, 0, 0);
    h.set_entry_type(tar::EntryType::XHeader);
    h.set_size(records.len() as u64);
    tar.append_data(&mut h, "PaxHeaders/xattrs", records.as_slice())
}

/// One PAX record, `LEN KEY=VALUE\n`, where LEN counts its own digits.
fn pax_record(key: &[u8], value: &[u8]) -> Vec<u8> {
    let body = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = body + 1;
    while len != body + len.to_string().len() {
        len = body + len.to_string().len();
    }
    let mut out = format!("{len} ").into_bytes();
    out.extend_from_slice(key);
    out.push(b'=');
    out.extend_from_slice(value);
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_records_count_their_own_length() {
        let r = pax_record(b"SCHILY.xattr.user.a", b"1");
        assert_eq!(r, b"25 SCHILY.xattr.user.a=1\n");
        let long = vec![b'x'; 95];
        let r = pax_record(b"k", &long);
        assert_eq!(r.len().to_string(), String::from_utf8_lossy(&r[..3]));
    }

    #[test]
    fn deletions_become_whiteouts_and_files_keep_their_content() {
        let upper = tempfile::tempdir().unwrap();
        std::fs::create_dir(upper.path().join("etc")).unwrap();
        std::fs::write(upper.path().join("etc/new"), "hello").unwrap();
        std::fs::hard_link(upper.path().join("etc/new"), upper.path().join("etc/link")).unwrap();
        let changes: BTreeMap<PathBuf, Kind> = [
            ("/etc", Kind::Changed),
            ("/etc/gone", Kind::Deleted),
            ("/etc/link", Kind::Added),
            ("/etc/new", Kind::Added),
        ]
        .into_iter()
        .map(|(p, k)| (PathBuf::from(p), k))
        .collect();
        let bytes = write(upper.path(), &changes, "user", None, Vec::new()).unwrap();
        let mut archive = tar::Archive::new(bytes.as_slice());
        let mut seen = Vec::new();
        for e in archive.entries().unwrap() {
            let mut e = e.unwrap();
            let path = e.path().unwrap().display().to_string();
            let mut body = String::new();
            e.read_to_string(&mut body).unwrap();
            seen.push((path, e.header().entry_type(), body));
        }
        let names: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["etc", "etc/.wh.gone", "etc/link", "etc/new"]);
        assert_eq!(seen[2].2, "hello");
        assert_eq!(seen[3].1, tar::EntryType::Link);
    }
}
