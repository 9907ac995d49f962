//! Volume records in the store: data that outlives containers.
//!
//! ```text
//! ROOT/volumes/<name>/volume.json   Volume: name, labels, options, created
//! ROOT/volumes/<name>/_data/        the data, bind-mounted into containers
//! ROOT/volumes/<name>/lock          flock: held while the image's files are copied in
//! ROOT/volumes.lock                 flock: exclusive while volumes are removed,
//!                                   shared while containers naming them are created
//! ```
//!
//! A volume is made whole in a staging area and renamed into place with
//! `RENAME_NOREPLACE`, so two processes making one name cannot both win and
//! nobody sees a half-made volume. Removal renames it out first. Which
//! containers use a volume is read from their records, not kept twice.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lock::{self, LockGuard, Mode};
use super::{Store, atomic, staging};
use crate::container::mountspec::Source;

/// A volume, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volume {
    /// Unique name (64 hex digits when made without one).
    pub name: String,
    /// Always `local`.
    pub driver: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// `--label KEY=VALUE`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// `--opt KEY=VALUE`.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Made for one container (`-v /path`, an image's VOLUME).
    #[serde(default)]
    pub anonymous: bool,
    /// The image's files have yet to be copied in on first use.
    #[serde(default)]
    pub needs_copy_up: bool,
}

/// Errors of volume records.
#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    /// No volume has this name.
    #[error("no volume with name {0:?} found: no such volume")]
    NotFound(String),
    /// The name is taken.
    #[error("volume with name {0} already exists: volume already exists")]
    Exists(String),
    /// The name is not valid.
    #[error("invalid volume name {0:?}: names are [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    BadName(String),
    /// Only the `local` driver exists.
    #[error("unsupported volume driver {0:?}: only local")]
    Driver(String),
    /// An `--opt` that is not understood.
    #[error("invalid volume option {0:?}: {1}")]
    BadOption(String, &'static str),
    /// Containers use it.
    #[error(
        "volume {name} is being used by the following container(s): {}: volume is being used",
        users.join(", ")
    )]
    InUse {
        /// The volume.
        name: String,
        /// Ids of the containers.
        users: Vec<String>,
    },
    /// The containers that might use it could not be read.
    #[error(transparent)]
    Containers(#[from] super::containers::ContainerError),
    /// A store file could not be read or written.
    #[error("volume store {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn io_at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> VolumeError {
    let path = path.into();
    move |source| VolumeError::Io { path, source }
}

/// What a volume is mounted as, from its `--opt type=… device=… o=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backing {
    /// Its own `_data` directory (no `type`).
    Data,
    /// A new tmpfs at each mount (`type=tmpfs`), with these options.
    Tmpfs(String),
    /// A host directory (`type=none o=bind device=/path`).
    Bind(PathBuf),
}

/// Options `volume create --opt` accepts (podman's for the local driver,
/// less block devices and network filesystems).
const OPTIONS: &[&str] = &["copy", "nocopy", "type", "device", "o"];

/// Checks `--opt`s; returns what the volume is mounted as, and the owner
/// its `_data` gets (`o=uid=N,gid=N`).
fn read_options(
    options: &BTreeMap<String, String>,
) -> Result<(Backing, Option<u32>, Option<u32>), VolumeError> {
    let bad = |k: &str, why| Err(VolumeError::BadOption(k.to_string(), why));
    if let Some(k) = options.keys().find(|k| !OPTIONS.contains(&k.as_str())) {
        return bad(k, "valid options are type, device, o, copy, nocopy");
    }
    let o = options.get("o").map(String::as_str).unwrap_or("");
    let words: Vec<&str> = o.split(',').filter(|w| !w.is_empty()).collect();
    let (mut uid, mut gid) = (None, None);
    let backing = match options.get("type").map(String::as_str) {
        None if options.contains_key("device") => return bad("device", "device= needs type="),
        None => {
            for w in &words {
                match w.split_once('=') {
                    Some(("uid", n)) => uid = n.parse().ok().or(uid),
                    Some(("gid", n)) => gid = n.parse().ok().or(gid),
                    _ => return bad(w, "without type=, o= takes only uid= and gid="),
                }
            }
            if words.len() != usize::from(uid.is_some()) + usize::from(gid.is_some()) {
                return bad(o, "uid and gid are numbers");
            }
            Backing::Data
        }
        Some("tmpfs") => Backing::Tmpfs(o.to_string()),
        Some("none") if words.contains(&"bind") || words.contains(&"rbind") => {
            match options.get("device") {
                Some(d) if d.starts_with('/') => Backing::Bind(PathBuf::from(d)),
                _ => return bad("device", "type=none,o=bind needs device=/absolute/path"),
            }
        }
        Some(t) => return bad(t, "type= may be tmpfs, or none with o=bind"),
    };
    Ok((backing, uid, gid))
}

impl Volume {
    /// A new volume record; `name` `None` gives a random 64-hex name.
    pub fn new(
        name: Option<&str>,
        labels: BTreeMap<String, String>,
        options: BTreeMap<String, String>,
        anonymous: bool,
    ) -> Result<Volume, VolumeError> {
        let name = match name {
            Some(n) if super::containers::valid_name(n) => n.to_string(),
            Some(n) => return Err(VolumeError::BadName(n.to_string())),
            None => super::containers::new_id(),
        };
        let (backing, _, _) = read_options(&options)?;
        Ok(Volume {
            name,
            driver: "local".into(),
            created: Utc::now(),
            labels,
            // Only a volume with its own data directory is seeded.
            needs_copy_up: !options.contains_key("nocopy") && backing == Backing::Data,
            options,
            anonymous,
        })
    }

    /// What the volume is mounted as.
    pub fn backing(&self) -> Backing {
        read_options(&self.options).map_or(Backing::Data, |(b, _, _)| b)
    }
}

impl Store {
    /// The directory of volume `name`.
    pub fn volume_dir(&self, name: &str) -> PathBuf {
        self.root().join("volumes").join(name)
    }

    /// Where volume `name`'s data is (its mount point in podman's words).
    pub fn volume_data(&self, name: &str) -> PathBuf {
        self.volume_dir(name).join("_data")
    }

    /// Takes the volumes lock: exclusive to remove volumes, shared to make
    /// containers that use them.
    pub fn lock_volumes(&self, mode: Mode) -> Result<LockGuard, VolumeError> {
        let path = self.root().join("volumes.lock");
        lock::lock(&path, mode).map_err(io_at(path))
    }

    /// Takes volume `name`'s own lock (held while data is copied into it).
    pub fn lock_volume(&self, name: &str) -> Result<LockGuard, VolumeError> {
        let path = self.volume_dir(name).join("lock");
        lock::lock(&path, Mode::Exclusive).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => VolumeError::NotFound(name.to_string()),
            _ => VolumeError::Io { path, source: e },
        })
    }

    /// Records a new volume with an empty data directory. Fails with
    /// [`VolumeError::Exists`] if the name is taken.
    pub fn create_volume(&self, v: &Volume) -> Result<(), VolumeError> {
        let tmp = self.root().join("tmp");
        let stage = self.staging().map_err(io_at(&tmp))?;
        let dir = stage.path().join("v");
        fs::create_dir(&dir).map_err(io_at(&dir))?;
        let data = dir.join("_data");
        fs::create_dir(&data).map_err(io_at(&data))?;
        let (_, uid, gid) = read_options(&v.options)?;
        if uid.is_some() || gid.is_some() {
            std::os::unix::fs::chown(&data, uid, gid).map_err(io_at(&data))?;
        }
        let record = dir.join("volume.json");
        atomic::write_json(&record, v).map_err(io_at(&record))?;
        let dest = self.volume_dir(&v.name);
        match rustix::fs::renameat_with(
            rustix::fs::CWD,
            &dir,
            rustix::fs::CWD,
            &dest,
            rustix::fs::RenameFlags::NOREPLACE,
        ) {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::EXIST) => Err(VolumeError::Exists(v.name.clone())),
            Err(e) => Err(io_at(dest)(e.into())),
        }
    }

    /// The record of volume `name`.
    pub fn volume(&self, name: &str) -> Result<Volume, VolumeError> {
        if !super::containers::valid_name(name) {
            return Err(VolumeError::NotFound(name.to_string()));
        }
        let path = self.volume_dir(name).join("volume.json");
        atomic::read_json(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => VolumeError::NotFound(name.to_string()),
            _ => VolumeError::Io { path, source: e },
        })
    }

    /// Replaces volume `name`'s record.
    pub fn set_volume(&self, v: &Volume) -> Result<(), VolumeError> {
        let path = self.volume_dir(&v.name).join("volume.json");
        atomic::write_json(&path, v).map_err(io_at(path))
    }

    /// Every volume, by name.
    pub fn volumes(&self) -> Result<Vec<Volume>, VolumeError> {
        let dir = self.root().join("volumes");
        let mut out = Vec::new();
        for e in fs::read_dir(&dir).map_err(io_at(&dir))? {
            let e = e.map_err(io_at(&dir))?;
            match self.volume(&e.file_name().to_string_lossy()) {
                Ok(v) => out.push(v),
                Err(VolumeError::NotFound(_)) => {}
                Err(err) => return Err(err),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Ids of the containers whose mounts name volume `name`.
    pub fn volume_users(&self, name: &str) -> Result<Vec<String>, VolumeError> {
        Ok(self
            .container_ids()?
            .into_iter()
            .filter(|id| {
                self.container(id).is_ok_and(|rec| {
                    rec.config
                        .volumes
                        .mounts
                        .iter()
                        .any(|m| matches!(&m.source, Source::Volume { name: n } if n == name))
                })
            })
            .collect())
    }

    /// Removes volume `name` if no container uses it. The caller holds the
    /// volumes lock exclusively.
    pub fn remove_volume(&self, name: &str) -> Result<(), VolumeError> {
        self.volume(name)?;
        let users = self.volume_users(name)?;
        if !users.is_empty() {
            return Err(VolumeError::InUse {
                name: name.to_string(),
                users,
            });
        }
        let dir = self.volume_dir(name);
        let stage = self.staging().map_err(io_at(self.root().join("tmp")))?;
        fs::rename(&dir, stage.path().join("v")).map_err(io_at(&dir))?;
        let gone = stage.path().join("v");
        staging::remove_all(&gone).map_err(io_at(gone))
    }
}

/// `volume ls --filter` and `volume prune --filter`: `name=` (a part of the
/// name), `label=KEY[=VALUE]`, `dangling=true|false`, `driver=`,
/// `anonymous=true|false`. Different keys must all hold; several values
/// of one key match if any does (podman's rule).
#[derive(Debug, Default, Clone)]
pub struct VolumeFilter {
    conds: BTreeMap<String, Vec<String>>,
}

/// Why a filter is not understood.
#[derive(Debug, thiserror::Error)]
#[error("invalid filter {0:?}: {1}")]
pub struct FilterError(String, &'static str);

impl VolumeFilter {
    /// Parses `KEY=VALUE` filters.
    pub fn parse(args: &[String]) -> Result<VolumeFilter, FilterError> {
        let mut conds: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for arg in args {
            let (key, value) = arg
                .split_once('=')
                .ok_or(FilterError(arg.clone(), "expected KEY=VALUE"))?;
            match key {
                "name" | "label" | "driver" => {}
                "dangling" | "anonymous" => {
                    if !matches!(value, "true" | "false" | "1" | "0") {
                        return Err(FilterError(arg.clone(), "expected true or false"));
                    }
                }
                _ => {
                    return Err(FilterError(
                        arg.clone(),
                        "valid keys are name, label, dangling, driver, anonymous",
                    ));
                }
            }
            conds
                .entry(key.to_string())
                .or_default()
                .push(value.to_string());
        }
        Ok(VolumeFilter { conds })
    }

    /// Whether the filter asks whether volumes are in use.
    pub fn needs_users(&self) -> bool {
        self.conds.contains_key("dangling")
    }

    /// Whether `v` passes; `in_use`: some container names it.
    pub fn matches(&self, v: &Volume, in_use: bool) -> bool {
        let truth = |s: &str| s == "true" || s == "1";
        self.conds.iter().all(|(key, values)| {
            values.iter().any(|value| match key.as_str() {
                "name" => v.name.contains(value.as_str()),
                "driver" => v.driver == *value,
                "label" => match value.split_once('=') {
                    Some((k, want)) => v.labels.get(k).is_some_and(|got| got == want),
                    None => v.labels.contains_key(value),
                },
                "dangling" => truth(value) != in_use,
                "anonymous" => truth(value) == v.anonymous,
                _ => false,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), "web".to_string());
        let v = Volume::new(Some("data-1"), labels, BTreeMap::new(), false).unwrap();
        let f = |args: &[&str]| {
            VolumeFilter::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
        };
        assert!(f(&["name=data"]).matches(&v, false));
        assert!(!f(&["name=other"]).matches(&v, false));
        assert!(f(&["name=other", "name=data"]).matches(&v, false));
        assert!(f(&["label=app"]).matches(&v, false));
        assert!(f(&["label=app=web"]).matches(&v, false));
        assert!(!f(&["label=app=db"]).matches(&v, false));
        assert!(f(&["dangling=true"]).matches(&v, false));
        assert!(!f(&["dangling=true"]).matches(&v, true));
        assert!(!f(&["name=data", "dangling=false"]).matches(&v, false));
        assert!(VolumeFilter::parse(&["bogus=1".to_string()]).is_err());
        assert!(VolumeFilter::parse(&["dangling=maybe".to_string()]).is_err());
    }

    #[test]
    fn names_and_options() {
        let v = Volume::new(None, BTreeMap::new(), BTreeMap::new(), true).unwrap();
        assert_eq!(v.name.len(), 64);
        assert!(v.needs_copy_up && v.anonymous);
        assert!(Volume::new(Some("-x"), BTreeMap::new(), BTreeMap::new(), false).is_err());
        let mut o = BTreeMap::new();
        o.insert("nocopy".to_string(), String::new());
        assert!(
            !Volume::new(Some("x"), BTreeMap::new(), o, false)
                .unwrap()
                .needs_copy_up
        );
        let opts = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let v =
            |pairs: &[(&str, &str)]| Volume::new(Some("x"), BTreeMap::new(), opts(pairs), false);
        assert!(v(&[("type", "ext4"), ("device", "/dev/sda")]).is_err());
        assert!(v(&[("bogus", "1")]).is_err());
        assert!(v(&[("device", "/dev/sda")]).is_err());
        assert!(v(&[("o", "size=1m")]).is_err(), "size needs type=tmpfs");
        assert!(v(&[("o", "uid=x")]).is_err());
        let t = v(&[("type", "tmpfs"), ("device", "tmpfs"), ("o", "size=1m")]).unwrap();
        assert_eq!(t.backing(), Backing::Tmpfs("size=1m".into()));
        assert!(!t.needs_copy_up);
        let b = v(&[("type", "none"), ("o", "bind"), ("device", "/srv")]).unwrap();
        assert_eq!(b.backing(), Backing::Bind("/srv".into()));
        assert!(v(&[("type", "none"), ("o", "bind")]).is_err());
        assert_eq!(v(&[("o", "uid=5,gid=6")]).unwrap().backing(), Backing::Data);
    }
}
