//! `commit`: a container's changes become a new image, one layer over its
//! image's (or, squashed, one layer holding the whole filesystem).
//!
//! The new config is the image's, with what the container ran with laid
//! over it as podman does (command, entrypoint, environment, working
//! directory, user, labels, exposed ports, stop signal), then the user's
//! `--change` instructions; a history entry names the container's command.
//! The layer's tar is made by [`super::layer_tar`] in a thread and unpacked
//! into the store as it is written, so nothing the size of the layer is held
//! in memory or written twice.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{SecondsFormat, Utc};
use serde_json::{Value, json};

use super::control::{self, ControlError};
use super::diff::{self, Kind};
use super::layer_tar;
use crate::image::compose::{self, ComposeError};
use crate::image::config::ConfigError;
use crate::image::digest::Digest;
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, Status};
use crate::storage::images::ImageError;
use crate::storage::layers::{LayerError, LayerRecord};

/// How to commit.
#[derive(Debug, Default)]
pub struct CommitOptions {
    /// Dockerfile-style instructions applied to the config (`CMD ["sh"]`).
    pub changes: Vec<String>,
    /// The history entry's comment (`-m`).
    pub message: Option<String>,
    /// The image's author (`-a`).
    pub author: Option<String>,
    /// Pause a running container while its files are read.
    pub pause: bool,
    /// One layer with the whole filesystem instead of one over the image's.
    pub squash: bool,
    /// Full name to give the image.
    pub name: Option<String>,
}

/// Why a commit failed.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// A `--change` is invalid.
    #[error(transparent)]
    Change(#[from] ConfigError),
    /// The container's image (its base config) is unreadable.
    #[error("reading the container's image: {0}")]
    Base(#[from] ImageError),
    /// The container's files could not be read into a layer.
    #[error("reading the container's changes: {0}")]
    Read(std::io::Error),
    /// The layer could not be stored.
    #[error("storing the layer: {0}")]
    Layer(#[from] LayerError),
    /// Pausing or unpausing failed.
    #[error(transparent)]
    Pause(#[from] ControlError),
    /// The image could not be recorded.
    #[error(transparent)]
    Record(#[from] ComposeError),
}

/// Commits container `rec`; returns the new image's id.
pub fn commit(
    store: &Store,
    rec: &ContainerRecord,
    opts: &CommitOptions,
) -> Result<Digest, CommitError> {
    // Check the changes before reading any file.
    let mut doc = crate::image::inspect::config_doc(store, &rec.image_id)?;
    apply_container(&mut doc, rec);
    for change in &opts.changes {
        crate::build::config_steps::apply_change(&mut doc, change)?;
    }
    let running = store
        .live_state(&rec.id)
        .is_ok_and(|st| st.status == Status::Running);
    let paused = opts.pause && running;
    if paused {
        control::set_paused(store, &rec.id, true)?;
    }
    let layer = if opts.squash {
        squashed_layer(store, rec)
    } else {
        changes_layer(store, rec, None, &[])
    };
    if paused {
        control::set_paused(store, &rec.id, false)?;
    }
    let layer = layer?;

    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true);
    let mut layers = Vec::new();
    if opts.squash {
        // Earlier history stays, but its layers are now inside the one.
        if let Some(h) = doc["history"].as_array_mut() {
            for entry in h {
                entry["empty_layer"] = json!(true);
            }
        }
    } else {
        for id in &rec.layers {
            layers.push(store.layer(id).map_err(|e| {
                CommitError::Base(ImageError::Io {
                    path: store.layer_dir(id),
                    source: e,
                })
            })?);
        }
    }
    layers.push(layer);
    doc["created"] = json!(now);
    if let Some(a) = &opts.author {
        doc["author"] = json!(a);
    }
    let mut entry = json!({ "created": now, "created_by": rec.config.argv().join(" ") });
    if let Some(a) = &opts.author {
        entry["author"] = json!(a);
    }
    if let Some(m) = &opts.message {
        entry["comment"] = json!(m);
    }
    match doc["history"].as_array_mut() {
        Some(h) => h.push(entry),
        None => doc["history"] = json!([entry]),
    }
    let names: Vec<String> = opts.name.iter().cloned().collect();
    Ok(compose::record_image(store, &mut doc, &layers, &names)?)
}

/// Lays what container `rec` ran with over the image config `doc`.
fn apply_container(doc: &mut Value, rec: &ContainerRecord) {
    if !doc.get("config").is_some_and(Value::is_object) {
        doc["config"] = json!({});
    }
    let c = &rec.config;
    let cfg = &mut doc["config"];
    let env: Vec<&String> = c
        .env
        .iter()
        .filter(|e| e.as_str() != "container=rctl")
        .collect();
    cfg["Env"] = json!(env);
    cfg["Cmd"] = json!(c.cmd);
    if c.entrypoint.is_empty() {
        if let Some(o) = cfg.as_object_mut() {
            o.remove("Entrypoint");
        }
    } else {
        cfg["Entrypoint"] = json!(c.entrypoint);
    }
    if !c.working_dir.is_empty() {
        cfg["WorkingDir"] = json!(c.working_dir);
    }
    if !c.user.is_empty() {
        cfg["User"] = json!(c.user);
    }
    if !c.stop_signal.is_empty() {
        cfg["StopSignal"] = json!(c.stop_signal);
    }
    if !c.labels.is_empty() {
        let mut labels = cfg
            .get("Labels")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in &c.labels {
            labels.insert(k.clone(), json!(v));
        }
        cfg["Labels"] = Value::Object(labels);
    }
    for p in &c.ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        if !cfg["ExposedPorts"].is_object() {
            cfg["ExposedPorts"] = json!({});
        }
        cfg["ExposedPorts"][key] = json!({});
    }
}

/// The container's whole filesystem as one layer.
fn squashed_layer(store: &Store, rec: &ContainerRecord) -> Result<LayerRecord, CommitError> {
    let dir = store.container_dir(&rec.id);
    if rec.config.driver == "vfs" {
        let source = dir.join("rootfs");
        let all = diff::naive_changes(&source, &[], diff::overlay_xattr(store));
        return layer_from(store, source, all, None);
    }
    let mut above: Vec<PathBuf> = rec
        .layers
        .iter()
        .map(|l| store.layer_dir(l).join("diff"))
        .collect();
    above.push(dir.join("upper"));
    merged_layer(store, &[], &above, None)
}

/// One layer holding what the layer directories `above` (base first)
/// change over the store's layers `base` (base first): they are merged
/// into a scratch copy and compared with `base`. `build --squash` and
/// `commit --squash` make their layer so.
pub fn merged_layer(
    store: &Store,
    base: &[Digest],
    above: &[PathBuf],
    mtime: Option<i64>,
) -> Result<LayerRecord, CommitError> {
    let xattr = diff::overlay_xattr(store);
    let scratch = store.staging().map_err(CommitError::Read)?;
    let base_dirs: Vec<PathBuf> = base
        .iter()
        .map(|l| store.layer_dir(l).join("diff"))
        .collect();
    let stack: Vec<&std::path::Path> = base_dirs
        .iter()
        .chain(above)
        .map(PathBuf::as_path)
        .collect();
    super::vfs::materialize(&stack, scratch.path(), xattr).map_err(CommitError::Read)?;
    let lower: Vec<PathBuf> = base_dirs.into_iter().rev().collect();
    let changes = diff::naive_changes(scratch.path(), &lower, xattr);
    layer_from(store, scratch.path().to_path_buf(), changes, mtime)
}

/// Stores what container `rec` changed as a layer; with `mtime`, every
/// entry has that modification time. `mount_points` are paths the
/// container only mounted over (a build step's `RUN --mount` targets): made
/// for the mount, they are no change of its, and neither is a directory
/// added only to hold them.
pub fn changes_layer(
    store: &Store,
    rec: &ContainerRecord,
    mtime: Option<i64>,
    mount_points: &[PathBuf],
) -> Result<LayerRecord, CommitError> {
    let mut c = diff::of_container(store, rec);
    for target in mount_points {
        let mut path = target.as_path();
        while c.changes.get(path) == Some(&Kind::Added)
            && !c.changes.keys().any(|k| k != path && k.starts_with(path))
        {
            c.changes.remove(path);
            match path.parent() {
                Some(p) => path = p,
                None => break,
            }
        }
    }
    layer_from(store, c.source, c.changes, mtime)
}

/// Stores the layer of `changes`, whose files are under `source`.
fn layer_from(
    store: &Store,
    source: PathBuf,
    changes: BTreeMap<PathBuf, Kind>,
    mtime: Option<i64>,
) -> Result<LayerRecord, CommitError> {
    let xattr = diff::overlay_xattr(store);
    let (reader, writer) = std::io::pipe().map_err(CommitError::Read)?;
    let writing = std::thread::spawn(move || {
        let out = std::io::BufWriter::with_capacity(256 * 1024, writer);
        layer_tar::write(&source, &changes, xattr, mtime, out)?.into_inner()?;
        Ok::<(), std::io::Error>(())
    });
    let stored = store.create_layer(reader, &Default::default());
    let written = writing
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the layer writer panicked")));
    match (stored, written) {
        // The writer's own failure is the cause of a broken tar.
        (_, Err(e)) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CommitError::Read(e)),
        (Ok(layer), _) => Ok(layer),
        (Err(e), _) => Err(e.into()),
    }
}
