//! The layer store: `ROOT/layers/<diffid-hex>/`, one unpacked layer each, shared
//! by every image that has it.
//!
//! ```text
//! layers/<hex>/diff/             the layer's files, whiteouts in overlay form
//! layers/<hex>/tar-split.zst     the skeleton that rebuilds its tar (tarsplit)
//! layers/<hex>/tar-split.moves   files a later tar entry replaced (rare)
//! layers/<hex>/dups/             those files' contents
//! layers/<hex>/layer.json        LayerRecord
//! ```
//!
//! A layer is keyed by its DiffID (the digest of its uncompressed tar), so the
//! same content arriving gzip'd, zstd'd or plain is stored once. It is unpacked
//! in a staging area, verified, synced, and only then renamed into place; a
//! layer directory that exists is complete.

use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Store;
use super::atomic;
use super::compression;
use super::staging::Staging;
use super::tarsplit::{Reassembler, Recorder, Recording};
use super::unpack::{self, UnpackError, UnpackOptions};
use crate::image::digest::{Digest, Hashing};

const RECORD: &str = "layer.json";
const SKELETON: &str = "tar-split.zst";
const MOVES: &str = "tar-split.moves";

/// What the store knows about a layer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LayerRecord {
    /// Digest of the uncompressed tar.
    pub diff_id: Digest,
    /// Size of the uncompressed tar in bytes.
    pub size: u64,
}

/// What a layer blob must turn out to be; `None` checks nothing.
#[derive(Clone, Debug, Default)]
pub struct Expected {
    /// The DiffID the config promises.
    pub diff_id: Option<Digest>,
    /// The blob digest a manifest promises (of the bytes as given).
    pub blob_digest: Option<Digest>,
    /// The blob size a manifest promises.
    pub blob_size: Option<u64>,
}

/// Errors of the layer store.
#[derive(Debug, thiserror::Error)]
pub enum LayerError {
    /// The layer's content does not match the digest it was promised under.
    #[error("layer {what} mismatch: expected {expected}, got {actual}")]
    Mismatch {
        /// "DiffID", "blob digest" or "blob size".
        what: &'static str,
        /// The promised value.
        expected: String,
        /// What the data gave.
        actual: String,
    },
    /// The tar stream could not be unpacked.
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    /// A filesystem operation on the store failed.
    #[error("layer store {path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> LayerError + '_ {
    move |source| LayerError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Store {
    /// The directory of layer `diff_id` (which may not exist).
    pub fn layer_dir(&self, diff_id: &Digest) -> PathBuf {
        self.root().join("layers").join(diff_id.hex())
    }

    /// Whether layer `diff_id` is in the store (complete: it was renamed in whole).
    pub fn has_layer(&self, diff_id: &Digest) -> bool {
        self.layer_dir(diff_id).join(RECORD).exists()
    }

    /// The record of layer `diff_id`.
    pub fn layer(&self, diff_id: &Digest) -> io::Result<LayerRecord> {
        atomic::read_json(&self.layer_dir(diff_id).join(RECORD))
    }

    /// Every layer in the store, by DiffID; unreadable entries are skipped.
    pub fn layer_ids(&self) -> io::Result<Vec<Digest>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(self.root().join("layers"))? {
            let name = entry?.file_name();
            if let Ok(d) = Digest::from_hex(&name.to_string_lossy()) {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// Unpacks a layer blob (plain, gzip or zstd tar), verifies it against
    /// `expected`, and adds it to the store; returns its record. When another
    /// process added the same layer meanwhile, that one is kept.
    pub fn create_layer(
        &self,
        blob: impl Read,
        expected: &Expected,
    ) -> Result<LayerRecord, LayerError> {
        let started = std::time::Instant::now();
        let stage = self.staging().map_err(io_at(&self.root().join("tmp")))?;
        let dir = stage.path();
        fs::create_dir(dir.join("diff")).map_err(io_at(dir))?;
        let recorder =
            Recorder::create(&dir.join(SKELETON), &dir.join(MOVES)).map_err(io_at(dir))?;

        let mut compressed = BufReader::with_capacity(256 * 1024, Hashing::new(blob));
        let mut tar =
            Hashing::new(compression::decoder(&mut compressed).map_err(UnpackError::Tar)?);
        let opts = UnpackOptions {
            overlay_xattr_prefix: if self.rootless() { "user" } else { "trusted" },
            rootless: self.rootless(),
            whiteouts: true,
            keep_owners: true,
        };
        unpack::extract(
            Recording::new(&mut tar, recorder.clone()),
            dir,
            &recorder,
            opts,
        )?;
        let (diff_id, size, decoder) = tar.finish();
        drop(decoder);
        io::copy(&mut compressed, &mut io::sink()).map_err(UnpackError::Tar)?;
        let (blob_digest, blob_size, _) = compressed.into_inner().finish();
        recorder.borrow_mut().finish().map_err(io_at(dir))?;

        check("DiffID", expected.diff_id.as_ref(), &diff_id)?;
        check("blob digest", expected.blob_digest.as_ref(), &blob_digest)?;
        check("blob size", expected.blob_size.as_ref(), &blob_size)?;

        let record = LayerRecord { diff_id, size };
        // A layer the store holds already (a commit of a container that
        // changed nothing since, a second pull): this copy is dropped, so
        // it needs no sync.
        if self.layer_dir(&record.diff_id).join(RECORD).exists() {
            tracing::debug!("layer {} is stored already", record.diff_id);
            return Ok(record);
        }
        atomic::write_json(&dir.join(RECORD), &record).map_err(io_at(dir))?;
        let dirfd = File::open(dir).map_err(io_at(dir))?;
        nix::unistd::syncfs(dirfd.as_fd()).map_err(|e| io_at(dir)(e.into()))?;
        self.publish_layer(&stage, &record.diff_id)?;
        tracing::debug!(
            "stored layer {} ({} bytes of tar, {blob_size} of blob) in {:?}",
            record.diff_id,
            record.size,
            started.elapsed()
        );
        Ok(record)
    }

    /// Renames a complete staging area into `layers/`, unless the layer is
    /// already there.
    fn publish_layer(&self, stage: &Staging, diff_id: &Digest) -> Result<(), LayerError> {
        let target = self.layer_dir(diff_id);
        let _lock = self.lock_exclusive().map_err(io_at(&target))?;
        if target.exists() {
            return Ok(());
        }
        fs::rename(stage.path(), &target).map_err(io_at(&target))
    }

    /// The layer's original tar stream, rebuilt from its files.
    pub fn layer_tar(&self, diff_id: &Digest) -> io::Result<Reassembler> {
        let dir = self.layer_dir(diff_id);
        Reassembler::open(&dir.join(SKELETON), &dir.join(MOVES), &dir)
    }

    /// Removes the layers in `ids`; the caller holds the exclusive lock and
    /// knows nothing uses them. Each is renamed into a staging area, so it
    /// vanishes at once; dropping the returned areas (after the lock is
    /// released) deletes the files.
    pub(super) fn remove_layers_locked(&self, ids: &[Digest]) -> io::Result<Vec<Staging>> {
        let mut trash = Vec::new();
        for id in ids {
            let stage = self.staging_locked()?;
            let dir = self.layer_dir(id);
            match fs::rename(&dir, stage.path().join("layer")) {
                Ok(()) => trash.push(stage),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(trash)
    }

    /// Verifies layer `diff_id`: its record, and that its rebuilt tar has its DiffID.
    pub fn verify_layer(&self, diff_id: &Digest) -> Result<(), String> {
        let record = self.layer(diff_id).map_err(|e| format!("record: {e}"))?;
        if &record.diff_id != diff_id {
            return Err(format!("record names {}", record.diff_id));
        }
        let mut tar = Hashing::new(
            self.layer_tar(diff_id)
                .map_err(|e| format!("content: {e}"))?,
        );
        io::copy(&mut tar, &mut io::sink()).map_err(|e| format!("content: {e}"))?;
        let (got, size, _) = tar.finish();
        if &got != diff_id || size != record.size {
            return Err(format!("content digest is {got} ({size} bytes)"));
        }
        Ok(())
    }
}

fn check<T: PartialEq + ToString>(
    what: &'static str,
    expected: Option<&T>,
    actual: &T,
) -> Result<(), LayerError> {
    match expected {
        Some(e) if e != actual => Err(LayerError::Mismatch {
            what,
            expected: e.to_string(),
            actual: actual.to_string(),
        }),
        _ => Ok(()),
    }
}
