//! `system check`: verifying the store, and repairing what can be repaired.
//!
//! Checked: every name points at an image; every image record parses, its
//! config and manifests are present with the right digests, and its layers
//! exist; every layer is complete and (unless quick) its rebuilt tar has its
//! DiffID; nothing is left that no image uses (layers, blobs, temp files);
//! every volume has its record, and every volume a container mounts exists.
//! Repair removes what is broken or unused, and the images that need a broken
//! layer; it never touches what is sound, nor volumes (the user's data).

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::TEMP_PREFIX;
use super::images::{ImageError, ImageRecord};
use super::{Store, atomic};
use crate::image::digest::Digest;

/// What a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// A name in the index.
    Name(String),
    /// An image record (by id, or by file when it cannot be parsed).
    Image(String),
    /// A layer directory.
    Layer(String),
    /// A blob no image uses.
    Blob(String),
    /// A volume (never removed by repair: it holds the user's data).
    Volume(String),
    /// A file that should not be there (a temp file, an unknown directory).
    Stray(PathBuf),
}

/// One thing wrong with the store.
#[derive(Clone, Debug)]
pub struct Problem {
    /// What it is about.
    pub subject: Subject,
    /// What is wrong, in a few words.
    pub detail: String,
    /// Broken (damaged data) rather than merely unused.
    pub broken: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Subject::Name(n) => write!(f, "name {n}: {}", self.detail),
            Subject::Image(i) => write!(f, "image {i}: {}", self.detail),
            Subject::Layer(l) => write!(f, "layer {l}: {}", self.detail),
            Subject::Blob(b) => write!(f, "blob {b}: {}", self.detail),
            Subject::Volume(v) => write!(f, "volume {v}: {}", self.detail),
            Subject::Stray(p) => write!(f, "{}: {}", p.display(), self.detail),
        }
    }
}

/// Checks the store. `quick` skips rebuilding layer tars to verify their
/// digests. A sound layer no image uses counts only once it is older than
/// `max_unused`: until then it may be a pull's or a load's finished work,
/// kept for the next attempt to reuse (podman's `--max`, 24 hours by default).
pub fn check(
    store: &Store,
    quick: bool,
    max_unused: std::time::Duration,
) -> Result<Vec<Problem>, ImageError> {
    let mut problems = Vec::new();
    let mut add = |subject, detail: String, broken| {
        problems.push(Problem {
            subject,
            detail,
            broken,
        })
    };
    let root = store.root().to_path_buf();
    let (names, records, layer_ids) = {
        let _lock = store.lock_shared().map_err(|e| ImageError::Io {
            path: root.clone(),
            source: e,
        })?;
        let names = store.names()?;
        let mut records = Vec::new();
        for id in store.image_ids()? {
            match store.image(&id) {
                Ok(r) => records.push(r),
                Err(e) => add(
                    Subject::Image(id.hex().to_string()),
                    format!("unreadable record: {e}"),
                    true,
                ),
            }
        }
        let layer_ids = read_dir_names(&root.join("layers"));
        (names, records, layer_ids)
    };
    let ids: BTreeSet<&Digest> = records.iter().map(|r| &r.id).collect();
    for (name, id) in &names {
        if !ids.contains(id) {
            add(
                Subject::Name(name.clone()),
                format!("points to missing image {id}"),
                true,
            );
        }
    }
    let mut used_blobs = BTreeSet::new();
    let mut used_layers = BTreeSet::new();
    for r in &records {
        for detail in check_image(store, r) {
            add(Subject::Image(r.id.hex().to_string()), detail, true);
        }
        used_blobs.insert(r.id.hex().to_string());
        used_blobs.extend(r.digests.iter().map(|d| d.hex().to_string()));
        used_layers.extend(r.layers.iter().map(|d| d.hex().to_string()));
    }
    for name in layer_ids {
        let path = root.join("layers").join(&name);
        let Ok(id) = Digest::from_hex(&name) else {
            add(Subject::Stray(path), "not a layer".into(), false);
            continue;
        };
        let verdict = if quick {
            store
                .layer(&id)
                .map(|_| ())
                .map_err(|e| format!("record: {e}"))
        } else {
            store.verify_layer(&id)
        };
        match verdict {
            Err(detail) => add(Subject::Layer(name), detail, true),
            Ok(()) if !used_layers.contains(&name) && older_than(&path, max_unused) => {
                add(Subject::Layer(name), "not used by any image".into(), false)
            }
            Ok(()) => {}
        }
    }
    for name in read_dir_names(&root.join("blobs/sha256")) {
        if name.starts_with(TEMP_PREFIX) {
            add(
                Subject::Stray(root.join("blobs/sha256").join(name)),
                "unfinished write".into(),
                false,
            );
        } else if Digest::from_hex(&name).is_err() {
            add(
                Subject::Stray(root.join("blobs/sha256").join(name)),
                "not a blob".into(),
                false,
            );
        } else if !used_blobs.contains(&name) {
            add(Subject::Blob(name), "not used by any image".into(), false);
        }
    }
    for dir in [root.join("images"), root.clone()] {
        for name in read_dir_names(&dir) {
            if name.starts_with(TEMP_PREFIX) {
                add(
                    Subject::Stray(dir.join(name)),
                    "unfinished write".into(),
                    false,
                );
            }
        }
    }
    for name in read_dir_names(&root.join("volumes")) {
        if let Err(e) = store.volume(&name) {
            add(
                Subject::Volume(name),
                format!("unreadable record: {e}"),
                true,
            );
        }
    }
    for id in store.container_ids().unwrap_or_default() {
        let Ok(rec) = store.container(&id) else {
            continue;
        };
        for m in &rec.config.volumes.mounts {
            if let crate::container::mountspec::Source::Volume { name } = &m.source
                && store.volume(name).is_err()
            {
                add(
                    Subject::Volume(name.clone()),
                    format!("missing, but container {id} mounts it"),
                    true,
                );
            }
        }
    }
    problems.sort_by(|a, b| a.subject.cmp(&b.subject));
    Ok(problems)
}

fn check_image(store: &Store, r: &ImageRecord) -> Vec<String> {
    let mut out = Vec::new();
    let mut blob = |d: &Digest, what: &str| match store.blob(d) {
        Ok(data) if &Digest::of(&data) == d => {}
        Ok(_) => out.push(format!("{what} {d} does not match its digest")),
        Err(e) => out.push(format!("{what} {d}: {e}")),
    };
    blob(&r.id, "config");
    for d in &r.digests {
        blob(d, "manifest");
    }
    for l in &r.layers {
        if !store.has_layer(l) {
            out.push(format!("layer {l} is missing"));
        }
    }
    out
}

fn read_dir_names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|it| {
            it.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Removes what `problems` name, and the images that need a broken layer;
/// returns one line per action.
pub fn repair(store: &Store, problems: &[Problem]) -> Result<Vec<String>, ImageError> {
    let root = store.root().to_path_buf();
    let io_err = |path: PathBuf| move |source: io::Error| ImageError::Io { path, source };
    let mut actions = Vec::new();
    let broken_layers: BTreeSet<String> = problems
        .iter()
        .filter_map(|p| match &p.subject {
            Subject::Layer(l) if p.broken => Some(l.clone()),
            _ => None,
        })
        .collect();
    let mut bad_images: BTreeSet<String> = problems
        .iter()
        .filter_map(|p| match &p.subject {
            Subject::Image(i) => Some(i.clone()),
            _ => None,
        })
        .collect();
    let _trash;
    {
        let _lock = store.lock_exclusive().map_err(io_err(root.clone()))?;
        for id in store.image_ids()? {
            if let Ok(r) = store.image(&id)
                && r.layers.iter().any(|l| broken_layers.contains(l.hex()))
            {
                bad_images.insert(id.hex().to_string());
            }
        }
        let mut names = store.names()?;
        let before = names.len();
        names.retain(|name, id| {
            let keep = !bad_images.contains(id.hex())
                && store
                    .root()
                    .join("images")
                    .join(format!("{}.json", id.hex()))
                    .exists();
            if !keep {
                actions.push(format!("removed name {name}"));
            }
            keep
        });
        if names.len() != before {
            atomic::write_json(&root.join("names.json"), &names)
                .map_err(io_err(root.join("names.json")))?;
        }
        for id in &bad_images {
            let path = root.join("images").join(format!("{id}.json"));
            match fs::remove_file(&path) {
                Ok(()) => actions.push(format!("removed image {id}")),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(path)(e)),
            }
        }
        let in_use: BTreeSet<String> = store
            .layers_in_use()?
            .iter()
            .map(|d| d.hex().to_string())
            .collect();
        let remove: Vec<Digest> = read_dir_names(&root.join("layers"))
            .iter()
            .filter(|n| !in_use.contains(*n))
            .filter_map(|n| Digest::from_hex(n).ok())
            .collect();
        _trash = store
            .remove_layers_locked(&remove)
            .map_err(io_err(root.join("layers")))?;
        actions.extend(remove.iter().map(|l| format!("removed layer {}", l.hex())));
        let mut used_blobs = BTreeSet::new();
        for id in store.image_ids()? {
            if let Ok(r) = store.image(&id) {
                used_blobs.insert(r.id.hex().to_string());
                used_blobs.extend(r.digests.iter().map(|d| d.hex().to_string()));
            }
        }
        for name in read_dir_names(&root.join("blobs/sha256")) {
            if !used_blobs.contains(&name) && Digest::from_hex(&name).is_ok() {
                let path = root.join("blobs/sha256").join(&name);
                fs::remove_file(&path).map_err(io_err(path))?;
                actions.push(format!("removed blob {name}"));
            }
        }
        for p in problems {
            if let Subject::Stray(path) = &p.subject {
                super::staging::remove_all(path).map_err(io_err(path.clone()))?;
                actions.push(format!("removed {}", path.display()));
            }
        }
    }
    Ok(actions)
}

/// Whether `path` was last changed more than `age` ago (a path that cannot
/// be read counts as old).
fn older_than(path: &std::path::Path, age: std::time::Duration) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|e| e >= age)
}
