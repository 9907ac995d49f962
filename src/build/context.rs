//! The build context: the directory (or unpacked tar) COPY and ADD read
//! from, trimmed by the ignore file, with docker's rules for naming
//! sources (wildcards, directories copied by their contents) and a digest
//! of what a step copies, which is the step's part of the layer cache key.
//!
//! What a step copies is written as a tar stream relative to the directory
//! it goes into; the executor unpacks it inside the container's root with
//! the layer unpacker's safety. Owners in the stream are root's, or the
//! `--chown` ids; modes are the files' own, or `--chmod`'s; modification
//! times are kept (or set to `--timestamp`'s).

use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::ignore::{Ignore, IgnoreError};
use crate::storage::Store;
use crate::storage::staging::Staging;

/// A context that cannot be used, or a source not in it.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    /// The context path cannot be read.
    #[error("build context {path}: {source}")]
    Open {
        /// The context as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The ignore file is unusable.
    #[error(transparent)]
    Ignore(#[from] IgnoreError),
    /// A source matches nothing (or only excluded files).
    #[error("{0}: no such file or directory in the build context (or excluded by the ignore file)")]
    NotFound(String),
    /// A source names a path outside the context.
    #[error("{0}: outside the build context")]
    Outside(String),
    /// Reading a source failed.
    #[error("reading {path} from the build context: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// A build context ready to be read.
pub struct Context {
    dir: PathBuf,
    ignore: Ignore,
    /// The unpacked tar, removed when the build ends.
    _unpacked: Option<Staging>,
}

/// How copied files are owned and stamped.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stamp {
    /// Owner ids (`--chown`); root when unset.
    pub owner: Option<(u32, u32)>,
    /// Mode bits for every entry (`--chmod`).
    pub mode: Option<u32>,
    /// Modification time for every entry (`--timestamp`).
    pub mtime: Option<i64>,
}

impl Context {
    /// Opens `path`, a directory or a tar archive (plain, gzip or zstd),
    /// with the ignore file that applies to `containerfile`.
    pub fn open(
        store: &Store,
        path: &Path,
        containerfile: Option<&Path>,
    ) -> Result<Context, ContextError> {
        let open_err = |source| ContextError::Open {
            path: path.to_path_buf(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(open_err)?;
        let (dir, unpacked) = if meta.is_dir() {
            (path.to_path_buf(), None)
        } else {
            let stage = store.staging().map_err(open_err)?;
            let file = std::fs::File::open(path).map_err(open_err)?;
            let mut input = io::BufReader::new(file);
            let tar = crate::storage::compression::decoder(&mut input).map_err(open_err)?;
            let root = std::fs::File::open(stage.path()).map_err(open_err)?;
            crate::storage::unpack::extract_plain(
                io::BufReader::new(tar),
                root.into(),
                crate::container::copy::plain_options(false),
            )
            .map_err(|e| open_err(io::Error::other(e)))?;
            (stage.path().to_path_buf(), Some(stage))
        };
        let ignore = Ignore::load(&dir, containerfile)?;
        Ok(Context {
            dir,
            ignore,
            _unpacked: unpacked,
        })
    }

    /// The context's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The context paths (relative) a COPY/ADD source names: the path
    /// itself, or every path a wildcard matches (a matched directory stands
    /// for everything under it). Excluded paths are not there.
    pub fn sources(&self, source: &str) -> Result<Vec<PathBuf>, ContextError> {
        let rel = clean_relative(source).ok_or_else(|| ContextError::Outside(source.into()))?;
        let wildcard = source.contains(['*', '?', '[']);
        if !wildcard {
            let exists = std::fs::symlink_metadata(self.dir.join(&rel)).is_ok();
            if !exists || self.ignore.excluded(&rel) {
                return Err(ContextError::NotFound(source.into()));
            }
            return Ok(vec![rel]);
        }
        let pattern = Ignore::parse(&rel.to_string_lossy())
            .map_err(|(_, why)| ContextError::NotFound(format!("{source} ({why})")))?;
        let mut found = Vec::new();
        self.walk(Path::new(""), &mut |p, _| {
            if pattern.excluded(p) {
                found.push(p.to_path_buf());
                false
            } else {
                true
            }
        })?;
        if found.is_empty() {
            return Err(ContextError::NotFound(source.into()));
        }
        Ok(found)
    }

    /// Calls `visit(rel, metadata)` for every path under `rel` (not `rel`
    /// itself) that the ignore file keeps, parents before children, in name
    /// order; `visit` returns whether to go into a directory.
    fn walk(
        &self,
        rel: &Path,
        visit: &mut dyn FnMut(&Path, &std::fs::Metadata) -> bool,
    ) -> Result<(), ContextError> {
        let host = self.dir.join(rel);
        let read_err = |source| ContextError::Read {
            path: host.clone(),
            source,
        };
        let mut names: Vec<_> = std::fs::read_dir(&host)
            .map_err(read_err)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .map_err(read_err)?;
        names.sort();
        for name in names {
            let path = rel.join(&name);
            let meta = std::fs::symlink_metadata(self.dir.join(&path)).map_err(|source| {
                ContextError::Read {
                    path: path.clone(),
                    source,
                }
            })?;
            let kept = !self.ignore.excluded(&path);
            let go_in = if kept { visit(&path, &meta) } else { true };
            if meta.is_dir() && go_in && self.ignore.needs_walk(&path) {
                self.walk(&path, visit)?;
            }
        }
        Ok(())
    }

    /// Every kept path a source stands for, with its name in the copy:
    /// a file as itself, a directory by its contents.
    fn entries(
        &self,
        source: &Path,
        name: &Path,
    ) -> Result<Vec<(PathBuf, PathBuf, std::fs::Metadata)>, ContextError> {
        let meta =
            std::fs::symlink_metadata(self.dir.join(source)).map_err(|e| ContextError::Read {
                path: source.to_path_buf(),
                source: e,
            })?;
        if !meta.is_dir() {
            return Ok(vec![(source.to_path_buf(), name.to_path_buf(), meta)]);
        }
        let mut out = Vec::new();
        self.walk(source, &mut |p, m| {
            let inside = p.strip_prefix(source).unwrap_or(p);
            out.push((p.to_path_buf(), name.join(inside), m.clone()));
            true
        })?;
        Ok(out)
    }

    /// A digest of what copying `sources` (each with its name in the copy)
    /// gives: names, types, modes, symlink targets and contents, not times
    /// or owners, as docker's cache checksum.
    pub fn digest(&self, sources: &[(PathBuf, PathBuf)]) -> Result<String, ContextError> {
        let mut h = Sha256::new();
        for (source, name) in sources {
            for (path, name, meta) in self.entries(source, name)? {
                h.update(name.as_os_str().as_encoded_bytes());
                h.update([0]);
                h.update(meta.mode().to_le_bytes());
                let host = self.dir.join(&path);
                if meta.file_type().is_symlink() {
                    let target = std::fs::read_link(&host).map_err(|e| ContextError::Read {
                        path: path.clone(),
                        source: e,
                    })?;
                    h.update(target.as_os_str().as_encoded_bytes());
                } else if meta.is_file() {
                    let mut f = std::fs::File::open(&host).map_err(|e| ContextError::Read {
                        path: path.clone(),
                        source: e,
                    })?;
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        let n = f.read(&mut buf).map_err(|e| ContextError::Read {
                            path: path.clone(),
                            source: e,
                        })?;
                        if n == 0 {
                            break;
                        }
                        h.update(&buf[..n]);
                    }
                }
                h.update([1]);
            }
        }
        Ok(hex::encode(h.finalize()))
    }

    /// Writes `sources` (each with its name in the copy) as a tar stream,
    /// stamped by `stamp`; returns the writer.
    pub fn write_tar<W: Write>(
        &self,
        sources: &[(PathBuf, PathBuf)],
        stamp: Stamp,
        out: W,
    ) -> Result<W, ContextError> {
        let mut tar = tar::Builder::new(out);
        let werr = |e: io::Error| ContextError::Read {
            path: PathBuf::from("(the copy's tar stream)"),
            source: e,
        };
        for (source, name) in sources {
            for (path, name, meta) in self.entries(source, name)? {
                let host = self.dir.join(&path);
                let mut h = tar::Header::new_gnu();
                let mode = stamp.mode.unwrap_or(meta.permissions().mode() & 0o7777);
                h.set_mode(mode);
                let (uid, gid) = stamp.owner.unwrap_or((0, 0));
                h.set_uid(uid.into());
                h.set_gid(gid.into());
                h.set_mtime(stamp.mtime.unwrap_or(meta.mtime()).max(0) as u64);
                h.set_size(0);
                let ft = meta.file_type();
                let read_err = |e| ContextError::Read {
                    path: path.clone(),
                    source: e,
                };
                if ft.is_dir() {
                    h.set_entry_type(tar::EntryType::Directory);
                    tar.append_data(&mut h, &name, io::empty()).map_err(werr)?;
                } else if ft.is_symlink() {
                    h.set_entry_type(tar::EntryType::Symlink);
                    let target = std::fs::read_link(&host).map_err(read_err)?;
                    tar.append_link(&mut h, &name, target).map_err(werr)?;
                } else if ft.is_file() {
                    let f = std::fs::File::open(&host).map_err(read_err)?;
                    h.set_entry_type(tar::EntryType::Regular);
                    h.set_size(meta.len());
                    tar.append_data(&mut h, &name, f.take(meta.len()))
                        .map_err(werr)?;
                }
                // Sockets, fifos and devices in a context are not copied, as docker.
            }
        }
        tar.into_inner().map_err(werr)
    }
}

/// `source` as a clean path relative to the context, `None` when it would
/// leave it (`../x`). A leading `/` means the context's root, as docker.
pub fn clean_relative(source: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in Path::new(source).components() {
        match c {
            std::path::Component::Normal(n) => out.push(n),
            std::path::Component::ParentDir if !out.pop() => return None,
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_stay_in_the_context() {
        assert_eq!(clean_relative("/a/./b/"), Some(PathBuf::from("a/b")));
        assert_eq!(clean_relative("a/../b"), Some(PathBuf::from("b")));
        assert_eq!(clean_relative("../etc/passwd"), None);
        assert_eq!(clean_relative("."), Some(PathBuf::new()));
    }
}
