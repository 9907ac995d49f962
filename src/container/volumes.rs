//! A container's volumes and mounts over their life: at create, which volumes
//! to make (named ones on first use, anonymous ones for `-v /path` and the
//! image's VOLUMEs) and which host paths must exist; at start, the mounts to
//! make and the image files to copy into new volumes; at removal, the
//! anonymous volumes that go with it; and the `Mounts` of `inspect`.
//!
//! Records are [`crate::storage::volumes`]'s; the flags are read by
//! [`super::mountspec`]; mounts are made by [`super::mounts::apply`], every
//! target resolved inside the container's root.

use std::io;
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use serde_json::{Value, json};

use super::inroot;
use super::mounts::{Kind, Mount};
use super::mountspec::{MountConfig, MountRequest, MountSpec, Source, parse_volumes_from};
use crate::storage::Store;
use crate::storage::containers::{ContainerError, ContainerRecord, IdRange};
use crate::storage::lock::LockGuard;
use crate::storage::volumes::{Backing, Volume, VolumeError};

/// Why a container's mounts cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum MountError {
    /// A volume could not be made or read.
    #[error(transparent)]
    Volume(#[from] VolumeError),
    /// A `--volumes-from` container is not there.
    #[error(transparent)]
    Container(#[from] ContainerError),
    /// A `--volumes-from` value is not valid.
    #[error(transparent)]
    Flag(#[from] super::mountspec::MountFlagError),
    /// A bind mount's host path does not exist.
    #[error("bind mount source {0}: no such file or directory")]
    MissingSource(PathBuf),
    /// Two mounts on one path.
    #[error("{0}: duplicate mount destination")]
    Duplicate(PathBuf),
}

/// Image data to copy into a new volume before it is mounted.
#[derive(Clone, Debug)]
pub struct CopyUp {
    /// The volume.
    pub volume: String,
    /// The mount's destination in the container.
    pub destination: PathBuf,
    /// The volume's data directory on the host.
    pub data: PathBuf,
}

/// The container's mounts from the user's `req`, `--volumes-from` and the
/// image's VOLUMEs (in that order of precedence), with every volume made
/// that does not exist yet. The caller holds the volumes lock shared until
/// the container is recorded (so no volume it names is removed meanwhile).
/// On error, volumes made here are removed again.
/// With `--userns=auto` (`ids`), volumes made here belong to the
/// container's root.
pub fn prepare(
    store: &Store,
    image_volumes: &[String],
    req: &MountRequest,
    ids: Option<&IdRange>,
) -> Result<MountConfig, MountError> {
    let mut made = Vec::new();
    let mut result = prepare_inner(store, image_volumes, req, &mut made);
    if let (Ok(_), Some(ids)) = (&result, ids) {
        for name in &made {
            let data = store.volume_data(name);
            if let Err(e) = std::os::unix::fs::chown(&data, Some(ids.uid), Some(ids.gid)) {
                result = Err(VolumeError::Io {
                    path: data,
                    source: e,
                }
                .into());
                break;
            }
        }
    }
    if result.is_err() {
        for name in made {
            let _ = store.remove_volume(&name);
        }
    }
    result
}

fn prepare_inner(
    store: &Store,
    image_volumes: &[String],
    req: &MountRequest,
    made: &mut Vec<String>,
) -> Result<MountConfig, MountError> {
    let mut mounts: Vec<MountSpec> = Vec::new();
    for m in &req.specs {
        if mounts.iter().any(|o| o.destination == m.destination) {
            return Err(MountError::Duplicate(m.destination.clone()));
        }
        mounts.push(m.clone());
    }
    for from in &req.volumes_from {
        let (name, ro) = parse_volumes_from(from)?;
        let other = store.container(&store.resolve_container(&name)?)?;
        for m in other.config.volumes.mounts {
            if matches!(m.source, Source::Tmpfs { .. })
                || mounts.iter().any(|o| o.destination == m.destination)
            {
                continue;
            }
            mounts.push(MountSpec {
                read_only: ro.unwrap_or(m.read_only),
                // Its anonymous volumes stay its own.
                anonymous: false,
                ..m
            });
        }
    }
    for v in image_volumes {
        let dest: PathBuf = Path::new(v).components().collect();
        if !dest.is_absolute() || mounts.iter().any(|o| o.destination == dest) {
            continue;
        }
        mounts.push(MountSpec {
            source: Source::Volume {
                name: String::new(),
            },
            destination: dest,
            read_only: false,
            options: Vec::new(),
            anonymous: true,
        });
    }
    for m in &mut mounts {
        let copy = m.copy_up();
        match &mut m.source {
            Source::Bind { source } => {
                if !source.exists() {
                    return Err(MountError::MissingSource(source.clone()));
                }
            }
            Source::Volume { name } if name.is_empty() => {
                let v = Volume::new(None, Default::default(), nocopy(copy), true)?;
                store.create_volume(&v)?;
                made.push(v.name.clone());
                *name = v.name;
            }
            Source::Volume { name } => match store.volume(name) {
                Ok(_) => {}
                Err(VolumeError::NotFound(_)) => {
                    let v = Volume::new(Some(name), Default::default(), nocopy(copy), false)?;
                    match store.create_volume(&v) {
                        Ok(()) => made.push(v.name),
                        // Made by another container meanwhile: the same.
                        Err(VolumeError::Exists(_)) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
                Err(e) => return Err(e.into()),
            },
            Source::Tmpfs { .. } => {}
        }
    }
    // A mount below another is made after it, or it would be hidden.
    mounts.sort_by_key(|m| m.destination.components().count());
    Ok(MountConfig { mounts })
}

/// `--opt nocopy` as a volume option, when the mount asks for no copy-up.
fn nocopy(copy: bool) -> std::collections::BTreeMap<String, String> {
    let mut o = std::collections::BTreeMap::new();
    if !copy {
        o.insert("nocopy".to_string(), String::new());
    }
    o
}

/// The mounts to make for `rec`, after the standard ones.
pub fn launch_mounts(store: &Store, rec: &ContainerRecord) -> Vec<Mount> {
    rec.config
        .volumes
        .mounts
        .iter()
        .map(|m| {
            let (kind, file) = match &m.source {
                Source::Bind { source } => (
                    Kind::Bind {
                        source: source.clone(),
                        recursive: true,
                    },
                    !source.is_dir(),
                ),
                Source::Volume { name } => (
                    match store.volume(name).map(|v| v.backing()) {
                        Ok(Backing::Tmpfs(data)) => Kind::Fs {
                            fstype: "tmpfs",
                            data,
                        },
                        Ok(Backing::Bind(source)) => Kind::Bind {
                            source,
                            recursive: true,
                        },
                        // A volume gone missing fails at the mount, naming it.
                        Ok(Backing::Data) | Err(_) => Kind::Bind {
                            source: store.volume_data(name),
                            recursive: true,
                        },
                    },
                    false,
                ),
                Source::Tmpfs { data } => (
                    Kind::Fs {
                        fstype: "tmpfs",
                        data: data.clone(),
                    },
                    false,
                ),
            };
            Mount {
                dest: m.destination.clone(),
                kind,
                flags: m.flags(),
                file,
            }
        })
        .collect()
}

/// The copy-ups `rec`'s start must do (volumes that never had the image's
/// files), with the locks that keep other containers from doing them at
/// the same time. Call [`copied`] once the container has started.
pub fn pending_copy_ups(
    store: &Store,
    rec: &ContainerRecord,
) -> Result<(Vec<CopyUp>, Vec<LockGuard>), VolumeError> {
    let mut jobs = Vec::new();
    let mut locks = Vec::new();
    for m in &rec.config.volumes.mounts {
        let Source::Volume { name } = &m.source else {
            continue;
        };
        if !m.copy_up() || !store.volume(name)?.needs_copy_up {
            continue;
        }
        locks.push(store.lock_volume(name)?);
        // Another container may have done it while we waited.
        if store.volume(name)?.needs_copy_up {
            jobs.push(CopyUp {
                volume: name.clone(),
                destination: m.destination.clone(),
                data: store.volume_data(name),
            });
        }
    }
    Ok((jobs, locks))
}

/// Records that the volumes of `jobs` have had their copy-up.
pub fn copied(store: &Store, jobs: &[CopyUp]) -> Result<(), VolumeError> {
    for j in jobs {
        let mut v = store.volume(&j.volume)?;
        v.needs_copy_up = false;
        store.set_volume(&v)?;
    }
    Ok(())
}

/// Copies what the image has at `c.destination` (resolved inside `root`)
/// into the volume, if the volume is empty: owners, modes, extended
/// attributes and times are kept (as docker does on a volume's first use).
/// Runs in the container's setup, before the volume is mounted there.
pub fn copy_up(root: BorrowedFd<'_>, c: &CopyUp) -> io::Result<()> {
    let src = match inroot::open(root, &c.destination, OFlag::O_PATH | OFlag::O_DIRECTORY) {
        Ok(fd) => fd,
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => return Ok(()),
        Err(e) => return Err(e),
    };
    if std::fs::read_dir(&c.data)?.next().is_some() {
        return Ok(());
    }
    // `/.` so that the magic link itself is never what is looked at (its
    // owner and mode are not the directory's).
    super::vfs::copy_tree(&inroot::fd_path(&src).join("."), &c.data)
}

/// Removes the anonymous volumes made for `rec` (after `rec` is gone), unless
/// another container uses them too. Errors are logged: the container is
/// already removed.
pub fn remove_anonymous(store: &Store, rec: &ContainerRecord) {
    let anonymous: Vec<&str> = rec
        .config
        .volumes
        .mounts
        .iter()
        .filter(|m| m.anonymous)
        .filter_map(|m| match &m.source {
            Source::Volume { name } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if anonymous.is_empty() {
        return;
    }
    let _lock = match store.lock_volumes(crate::storage::lock::Mode::Exclusive) {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!("{e}");
            return;
        }
    };
    for name in anonymous {
        match store.remove_volume(name) {
            Ok(()) | Err(VolumeError::NotFound(_) | VolumeError::InUse { .. }) => {}
            Err(e) => tracing::warn!("removing volume {name}: {e}"),
        }
    }
}

/// The mount options inspect shows for `m` (`nosuid`, `nodev`, ...).
fn option_words(m: &MountSpec) -> Vec<&'static str> {
    let f = m.flags();
    [
        (nix::mount::MsFlags::MS_NOEXEC, "noexec"),
        (nix::mount::MsFlags::MS_NOSUID, "nosuid"),
        (nix::mount::MsFlags::MS_NODEV, "nodev"),
    ]
    .into_iter()
    .filter(|(flag, _)| f.contains(*flag))
    .map(|(_, word)| word)
    .collect()
}

/// `HostConfig.Binds` of podman's `inspect`: `SOURCE:DEST:rw,rprivate,...`
/// for each volume and bind mount.
pub fn inspect_binds(rec: &ContainerRecord) -> Value {
    let binds: Vec<String> = rec
        .config
        .volumes
        .mounts
        .iter()
        .filter_map(|m| {
            let source = match &m.source {
                Source::Bind { source } => source.display().to_string(),
                Source::Volume { name } => name.clone(),
                Source::Tmpfs { .. } => return None,
            };
            let mut opts = vec![if m.read_only { "ro" } else { "rw" }, "rprivate"];
            opts.extend(option_words(m));
            opts.push("rbind");
            Some(format!(
                "{source}:{}:{}",
                m.destination.display(),
                opts.join(",")
            ))
        })
        .collect();
    json!(binds)
}

/// The `Mounts` of podman's container `inspect`.
pub fn inspect_mounts(store: &Store, rec: &ContainerRecord) -> Value {
    let mounts: Vec<Value> = rec
        .config
        .volumes
        .mounts
        .iter()
        .map(|m| {
            let mut options = option_words(m);
            let (kind, name, source, driver) = match &m.source {
                Source::Bind { source } => ("bind", None, source.display().to_string(), ""),
                Source::Volume { name } => (
                    "volume",
                    Some(name.as_str()),
                    store.volume_data(name).display().to_string(),
                    "local",
                ),
                Source::Tmpfs { .. } => ("tmpfs", None, "tmpfs".to_string(), ""),
            };
            if kind != "tmpfs" {
                options.push("rbind");
            }
            let mut v = json!({
                "Type": kind,
                "Source": source,
                "Destination": m.destination,
                "Driver": driver,
                "Mode": "",
                "Options": options,
                "RW": !m.read_only,
                "Propagation": if kind == "tmpfs" { "" } else { "rprivate" },
            });
            if let Some(n) = name {
                v["Name"] = json!(n);
            }
            v
        })
        .collect();
    Value::Array(mounts)
}
