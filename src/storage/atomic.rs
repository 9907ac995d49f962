//! Whole-or-nothing file writes: a temporary file beside the target, fsync, rename.
//!
//! A reader sees either the old file or the new one, never a part; a crash leaves
//! at worst a `.tmp-*` file that the next `write` of the same directory ignores and
//! `system check --repair` removes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The prefix every temporary file of this module carries.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `data` to `path` atomically and durably (temp file, fsync, rename).
pub fn write(path: &Path, data: &[u8]) -> io::Result<()> {
    write_with(path, |f| f.write_all(data))
}

/// Writes `value` as JSON to `path` atomically and durably.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let data = serde_json::to_vec(value).map_err(io::Error::other)?;
    write(path, &data)
}

/// Creates `path` atomically from whatever `fill` writes into the temporary file.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A unique temporary name in the same directory as `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(
        "{TEMP_PREFIX}{}-{}-{name}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Reads and parses a JSON file.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> io::Result<T> {
    let data = fs::read(path)?;
    serde_json::from_slice(&data).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        write_json(&p, &vec![1, 2, 3]).unwrap();
        let v: Vec<u32> = read_json(&p).unwrap();
        assert_eq!(v, [1, 2, 3]);
        write(&p, b"[4]").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"[4]");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        let r = write_with(&p, |_| Err(io::Error::other("boom")));
        assert!(r.is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
