//! Reading image archives: a tar file (docker-archive, oci-archive) or a
//! directory (oci-dir), opened by member name.
//!
//! A tar file is indexed once (name -> offset, size) by seeking past member
//! contents, so each layer can later be streamed on its own, by several threads
//! at once, without unpacking the archive or holding it in memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Small JSON members (manifests, configs, indexes) larger than this are refused.
const MAX_JSON: u64 = 16 << 20;

/// Errors reading an archive.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The archive lacks a member it needs.
    #[error("{archive}: no {member:?} in the archive")]
    Missing {
        /// The archive.
        archive: String,
        /// The member.
        member: String,
    },
    /// The archive is not of a known format or is malformed.
    #[error("{archive}: {why}")]
    Invalid {
        /// The archive.
        archive: String,
        /// What is wrong.
        why: String,
    },
    /// Reading failed.
    #[error("{archive}: {source}")]
    Io {
        /// The archive.
        archive: String,
        /// The cause.
        source: io::Error,
    },
}

/// Where archive members come from.
pub enum Source {
    /// A tar file and its member index.
    Tar {
        /// The tar file.
        path: PathBuf,
        /// Member name -> (offset of content, size).
        index: HashMap<String, (u64, u64)>,
    },
    /// A directory (an OCI layout on disk).
    Dir(PathBuf),
}

impl Source {
    /// Opens a tar file (indexing it) or a directory.
    pub fn open(path: &Path) -> Result<Source, ArchiveError> {
        let name = path.display().to_string();
        let io_err = |source| ArchiveError::Io {
            archive: name.clone(),
            source,
        };
        if path.is_dir() {
            return Ok(Source::Dir(path.to_path_buf()));
        }
        let file = File::open(path).map_err(io_err)?;
        let mut archive = tar::Archive::new(file);
        let mut index = HashMap::new();
        let mut links = Vec::new();
        let entries = archive.entries_with_seek().map_err(io_err)?;
        for entry in entries {
            let entry = entry.map_err(|e| ArchiveError::Invalid {
                archive: name.clone(),
                why: format!("not a tar archive: {e}"),
            })?;
            let member = normalize(&String::from_utf8_lossy(&entry.path_bytes()));
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    index.insert(member, (entry.raw_file_position(), entry.size()));
                }
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    if let Some(target) = entry.link_name_bytes() {
                        let target = String::from_utf8_lossy(&target).into_owned();
                        let is_sym = entry.header().entry_type() == tar::EntryType::Symlink;
                        links.push((member, target, is_sym));
                    }
                }
                _ => {}
            }
        }
        // Older docker archives link repeated layers to their first copy.
        for (member, target, is_sym) in links {
            let resolved = if is_sym {
                let base = Path::new(&member).parent().unwrap_or(Path::new(""));
                normalize(&base.join(&target).to_string_lossy())
            } else {
                normalize(&target)
            };
            if let Some(&loc) = index.get(&resolved) {
                index.insert(member, loc);
            }
        }
        Ok(Source::Tar {
            path: path.to_path_buf(),
            index,
        })
    }

    /// The archive's path, for messages.
    pub fn name(&self) -> String {
        match self {
            Source::Tar { path, .. } | Source::Dir(path) => path.display().to_string(),
        }
    }

    /// Whether the archive has `member`.
    pub fn has(&self, member: &str) -> bool {
        match self {
            Source::Tar { index, .. } => index.contains_key(&normalize(member)),
            Source::Dir(dir) => safe_join(dir, member).is_some_and(|p| p.is_file()),
        }
    }

    /// Opens `member` for streaming; returns it and its size.
    pub fn open_member(&self, member: &str) -> Result<(Box<dyn Read + Send>, u64), ArchiveError> {
        let io_err = |source| ArchiveError::Io {
            archive: self.name(),
            source,
        };
        let missing = || ArchiveError::Missing {
            archive: self.name(),
            member: member.to_string(),
        };
        match self {
            Source::Tar { path, index } => {
                let &(offset, size) = index.get(&normalize(member)).ok_or_else(missing)?;
                let mut f = File::open(path).map_err(io_err)?;
                f.seek(SeekFrom::Start(offset)).map_err(io_err)?;
                Ok((Box::new(f.take(size)), size))
            }
            Source::Dir(dir) => {
                let p = safe_join(dir, member).ok_or_else(missing)?;
                let f = File::open(&p).map_err(|e| {
                    if e.kind() == io::ErrorKind::NotFound {
                        missing()
                    } else {
                        io_err(e)
                    }
                })?;
                let size = f.metadata().map_err(io_err)?.len();
                Ok((Box::new(f), size))
            }
        }
    }

    /// Reads a small member (a JSON document) whole.
    pub fn read(&self, member: &str) -> Result<Vec<u8>, ArchiveError> {
        let (mut r, size) = self.open_member(member)?;
        if size > MAX_JSON {
            return Err(ArchiveError::Invalid {
                archive: self.name(),
                why: format!("{member} is {size} bytes, too large for metadata"),
            });
        }
        let mut buf = Vec::with_capacity(size as usize);
        r.read_to_end(&mut buf).map_err(|source| ArchiveError::Io {
            archive: self.name(),
            source,
        })?;
        Ok(buf)
    }
}

/// `./a//b` -> `a/b`.
fn normalize(member: &str) -> String {
    member
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// Joins a member name to a directory, refusing names that climb out of it.
fn safe_join(dir: &Path, member: &str) -> Option<PathBuf> {
    let norm = normalize(member);
    if norm.split('/').any(|p| p == "..") || member.starts_with('/') {
        return None;
    }
    Some(dir.join(norm))
}
