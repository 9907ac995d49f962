//! The on-disk store: blobs, layers, images (and, later, containers and volumes),
//! with the file locks that let many rctl processes share it.
//!
//! ```text
//! ROOT/store.lock          flock: shared for readers, exclusive for the short
//!                          moments that change names or records
//! ROOT/blobs/sha256/<hex>  manifests and configs, content-addressed
//! ROOT/layers/<hex>/       unpacked layers, keyed by DiffID (layers.rs)
//! ROOT/images/<hex>.json   image records, keyed by config digest (images.rs)
//! ROOT/names.json          the names/tags index: name -> image id
//! ROOT/volumes/<name>/     named volumes (volumes.rs)
//! ROOT/tmp/                staging areas (staging.rs)
//! ```
//!
//! Nothing long happens under the lock: layers are unpacked in staging areas
//! and renamed into place, and removed ones are renamed out before deletion.

pub mod atomic;
pub mod beneath;
pub mod blobs;
pub mod check;
pub mod compression;
pub mod containers;
pub mod images;
pub mod layers;
pub mod lock;
pub mod staging;
pub mod tarsplit;
pub mod unpack;
pub mod volumes;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use lock::{LockGuard, Mode};
use staging::Staging;

/// The storage drivers a container's root filesystem can be built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Driver {
    /// Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback.
    Overlay,
    /// Plain copies of the layers: slow, works everywhere.
    Vfs,
}

/// Where the store lives and how it is used; built once from flags and
/// environment by the command layer.
#[derive(Clone, Debug)]
pub struct StoreConfig {
    /// Persistent data (`--root`).
    pub root: PathBuf,
    /// Run-time state (`--runroot`).
    pub runroot: PathBuf,
    /// The storage driver for container root filesystems.
    pub driver: Driver,
    /// Whether rctl runs as an ordinary user (files are owned through a user
    /// namespace, whiteout xattrs are `user.*`).
    pub rootless: bool,
    /// A FUSE program that mounts overlays (fuse-overlayfs), when asked.
    pub mount_program: Option<PathBuf>,
}

/// An open store.
pub struct Store {
    config: StoreConfig,
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("store {path}: {source}")]
pub struct OpenError {
    path: PathBuf,
    source: io::Error,
}

/// Checks that `dir` belongs to the current user and has none of the mode
/// bits `forbidden` (group or other write).
fn ours(dir: &Path, forbidden: u32) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::symlink_metadata(dir)?;
    if m.uid() != nix::unistd::geteuid().as_raw() || m.mode() & forbidden != 0 || !m.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "must be a directory of the current user that others cannot write",
        ));
    }
    Ok(())
}

const DIRS: &[&str] = &[
    "blobs/sha256",
    "layers",
    "images",
    "containers",
    "container-names",
    "volumes",
    "tmp",
];

impl Store {
    /// Opens (creating if needed) the store, and removes staging areas that
    /// dead processes left behind.
    pub fn open(config: StoreConfig) -> Result<Store, OpenError> {
        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OpenError { path, source }
        };
        for d in DIRS {
            let p = config.root.join(d);
            if !p.is_dir() {
                fs::create_dir_all(&p).map_err(err(&p))?;
            }
        }
        if !config.runroot.is_dir() {
            let mut dir = fs::DirBuilder::new();
            dir.recursive(true);
            if config.rootless {
                std::os::unix::fs::DirBuilderExt::mode(&mut dir, 0o700);
            }
            dir.create(&config.runroot).map_err(err(&config.runroot))?;
        }
        if config.rootless {
            // A user's store and sockets go only in directories of that user's
            // that others cannot write: not in ones someone else made first
            // (the /tmp fallbacks' names can be guessed).
            ours(&config.runroot, 0o022).map_err(err(&config.runroot))?;
            ours(&config.root, 0o002).map_err(err(&config.root))?;
        }
        let store = Store { config };
        let tmp = store.root().join("tmp");
        staging::clean(&tmp, &store.lock_path()).map_err(err(&tmp))?;
        Ok(store)
    }

    /// The persistent root directory.
    pub fn root(&self) -> &Path {
        &self.config.root
    }

    /// The run-time state directory.
    pub fn runroot(&self) -> &Path {
        &self.config.runroot
    }

    /// Whether the store is used rootless.
    pub fn rootless(&self) -> bool {
        self.config.rootless
    }

    /// The FUSE program asked for to mount overlays, if any.
    pub fn mount_program(&self) -> Option<&Path> {
        self.config.mount_program.as_deref()
    }

    /// The configured storage driver.
    pub fn driver(&self) -> Driver {
        self.config.driver
    }

    fn lock_path(&self) -> PathBuf {
        self.root().join("store.lock")
    }

    /// Takes the store lock shared: for reading several records consistently.
    pub fn lock_shared(&self) -> io::Result<LockGuard> {
        lock::lock(&self.lock_path(), Mode::Shared)
    }

    /// Takes the store lock exclusively: for changing names or records.
    pub fn lock_exclusive(&self) -> io::Result<LockGuard> {
        lock::lock(&self.lock_path(), Mode::Exclusive)
    }

    /// Empties the store and the run directory (`system reset`).
    pub fn reset(&self) -> io::Result<()> {
        let _lock = self.lock_exclusive()?;
        for entry in fs::read_dir(self.root())? {
            let entry = entry?;
            if entry.file_name() != "store.lock" {
                staging::remove_all(&entry.path())?;
            }
        }
        for entry in fs::read_dir(self.runroot())? {
            staging::remove_all(&entry?.path())?;
        }
        for d in DIRS {
            fs::create_dir_all(self.root().join(d))?;
        }
        Ok(())
    }

    /// A new staging area; the caller must not hold the exclusive lock.
    pub fn staging(&self) -> io::Result<Staging> {
        Staging::create(&self.root().join("tmp"), Some(&self.lock_path()))
    }

    /// A new staging area while the caller holds the exclusive lock.
    fn staging_locked(&self) -> io::Result<Staging> {
        Staging::create(&self.root().join("tmp"), None)
    }
}
