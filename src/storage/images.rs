//! Image records (`ROOT/images/<id>.json`) and the names index (`ROOT/names.json`).
//!
//! An image's id is the digest of its config. Its record is compact (layers,
//! size, dates, labels) so `images` reads one small file per image and never
//! walks layer contents. Names live only in the index, one image per name:
//! giving a name to an image takes it from whichever image had it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Store, atomic};
use crate::image::digest::Digest;
use crate::image::reference::{DEFAULT_TAG, Reference};

/// What the store keeps about an image.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImageRecord {
    /// The config digest: the image id.
    pub id: Digest,
    /// Digests of the manifests known for this image; the first is the one
    /// the image was stored with.
    pub digests: Vec<Digest>,
    /// Media type of the first manifest.
    pub manifest_media_type: String,
    /// DiffIDs, base layer first.
    pub layers: Vec<Digest>,
    /// Sum of the uncompressed layer sizes.
    pub size: u64,
    /// When the image was built, as its config says.
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
    /// CPU architecture (`amd64`, ...).
    pub architecture: String,
    /// Operating system (`linux`).
    pub os: String,
    /// The config's labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// When the image entered this store.
    pub added: DateTime<Utc>,
    /// Repositories (`domain/path`) the image was pulled from, kept when
    /// its names go so that `RepoDigests` still says where it came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repositories: Vec<String>,
}

impl ImageRecord {
    /// The digest of the manifest the image was stored with.
    pub fn digest(&self) -> &Digest {
        &self.digests[0]
    }
}

/// The names index: full name (`domain/path:tag`) -> image id.
pub type Names = BTreeMap<String, Digest>;

/// An image with its names.
#[derive(Clone, Debug)]
pub struct ImageEntry {
    /// The record.
    pub record: ImageRecord,
    /// Its names, sorted.
    pub names: Vec<String>,
}

/// Errors of the image records.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// No image matches what the user typed.
    #[error("{0}: image not known")]
    NotKnown(String),
    /// Several images match what the user typed.
    #[error("{input}: ambiguous, matches {candidates}")]
    Ambiguous {
        /// What the user typed.
        input: String,
        /// The matches, comma-separated.
        candidates: String,
    },
    /// Containers use the image.
    #[error(
        "image used by {containers}: image is in use by a container: consider listing external containers and force-removing image"
    )]
    InUse {
        /// The containers' ids, comma-separated.
        containers: String,
    },
    /// Layers the image needs vanished before it was recorded.
    #[error("layers {0:?} went missing while the image was stored")]
    MissingLayers(Vec<Digest>),
    /// A store file could not be read or written.
    #[error("image store {path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn io_at(path: PathBuf) -> impl FnOnce(io::Error) -> ImageError {
    move |source| ImageError::Io { path, source }
}

/// The image a user's words name.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The image.
    pub id: Digest,
    /// The name that matched, when it was found by name.
    pub name: Option<String>,
}

/// What `remove_image` did.
#[derive(Debug, Default)]
pub struct Removed {
    /// Names the image had.
    pub names: Vec<String>,
    /// Layers that no image uses any more and were deleted.
    pub layers: Vec<Digest>,
}

impl Store {
    fn names_path(&self) -> PathBuf {
        self.root().join("names.json")
    }

    fn image_path(&self, id: &Digest) -> PathBuf {
        self.root()
            .join("images")
            .join(format!("{}.json", id.hex()))
    }

    /// The names index.
    pub fn names(&self) -> Result<Names, ImageError> {
        match atomic::read_json(&self.names_path()) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Names::new()),
            r => r.map_err(io_at(self.names_path())),
        }
    }

    fn write_names(&self, names: &Names) -> Result<(), ImageError> {
        atomic::write_json(&self.names_path(), names).map_err(io_at(self.names_path()))
    }

    /// The record of image `id`.
    pub fn image(&self, id: &Digest) -> Result<ImageRecord, ImageError> {
        let path = self.image_path(id);
        atomic::read_json(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                ImageError::NotKnown(id.to_string())
            } else {
                ImageError::Io { path, source: e }
            }
        })
    }

    /// Image `id` with its names.
    pub fn image_entry(&self, id: &Digest) -> Result<ImageEntry, ImageError> {
        let record = self.image(id)?;
        let names = self
            .names()?
            .into_iter()
            .filter(|(_, v)| v == id)
            .map(|(n, _)| n)
            .collect();
        Ok(ImageEntry { record, names })
    }

    /// Ids of every image record (from file names only).
    pub fn image_ids(&self) -> Result<Vec<Digest>, ImageError> {
        let dir = self.root().join("images");
        let mut ids = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_at(dir.clone()))? {
            let name = entry.map_err(io_at(dir.clone()))?.file_name();
            let name = name.to_string_lossy();
            if let Some(hex) = name.strip_suffix(".json")
                && let Ok(d) = Digest::from_hex(hex)
            {
                ids.push(d);
            }
        }
        Ok(ids)
    }

    /// Every image with its names, read consistently under the shared lock.
    /// Records that cannot be read are skipped (`system check` reports them).
    pub fn images(&self) -> Result<Vec<ImageEntry>, ImageError> {
        let _lock = self
            .lock_shared()
            .map_err(io_at(self.root().to_path_buf()))?;
        let names = self.names()?;
        let mut by_id: BTreeMap<Digest, Vec<String>> = BTreeMap::new();
        for (name, id) in names {
            by_id.entry(id).or_default().push(name);
        }
        let mut out = Vec::new();
        for id in self.image_ids()? {
            match self.image(&id) {
                Ok(record) => out.push(ImageEntry {
                    names: by_id.remove(&id).unwrap_or_default(),
                    record,
                }),
                Err(e) => tracing::warn!("skipping image {id}: {e}"),
            }
        }
        Ok(out)
    }

    /// Records an image whose layers are in the store and whose config and
    /// manifest are `config` and `manifest`, and gives it `names`. When the
    /// image is already known, the manifest digest and names are added to it.
    /// Fails with `MissingLayers` if a layer vanished (the caller unpacks it
    /// again and retries).
    pub fn add_image(
        &self,
        mut record: ImageRecord,
        config: &[u8],
        manifest: &[u8],
        names: &[String],
    ) -> Result<(), ImageError> {
        let blobs = self.root().join("blobs");
        self.put_blob(config).map_err(io_at(blobs.clone()))?;
        self.put_blob(manifest).map_err(io_at(blobs))?;
        let _lock = self
            .lock_exclusive()
            .map_err(io_at(self.root().to_path_buf()))?;
        let missing: Vec<Digest> = record
            .layers
            .iter()
            .filter(|l| !self.has_layer(l))
            .cloned()
            .collect();
        if !missing.is_empty() {
            return Err(ImageError::MissingLayers(missing));
        }
        if let Ok(old) = self.image(&record.id) {
            let mut digests = old.digests.clone();
            for d in &record.digests {
                if !digests.contains(d) {
                    digests.push(d.clone());
                }
            }
            let mut repositories = old.repositories.clone();
            for r in &record.repositories {
                if !repositories.contains(r) {
                    repositories.push(r.clone());
                }
            }
            record = ImageRecord {
                digests,
                repositories,
                ..old
            };
        }
        let path = self.image_path(&record.id);
        atomic::write_json(&path, &record).map_err(io_at(path))?;
        if !names.is_empty() {
            let mut index = self.names()?;
            for n in names {
                index.insert(n.clone(), record.id.clone());
            }
            self.write_names(&index)?;
        }
        Ok(())
    }

    /// Gives `names` to image `id`, taking them from other images.
    pub fn tag_image(&self, id: &Digest, names: &[String]) -> Result<(), ImageError> {
        let _lock = self
            .lock_exclusive()
            .map_err(io_at(self.root().to_path_buf()))?;
        self.image(id)?;
        let mut index = self.names()?;
        for n in names {
            index.insert(n.clone(), id.clone());
        }
        self.write_names(&index)
    }

    /// Takes `names` (all of its names when empty) from image `id`; returns the
    /// names removed. A name the image does not have is an error.
    pub fn untag_image(&self, id: &Digest, names: &[String]) -> Result<Vec<String>, ImageError> {
        let _lock = self
            .lock_exclusive()
            .map_err(io_at(self.root().to_path_buf()))?;
        let mut index = self.names()?;
        let removed: Vec<String> = if names.is_empty() {
            index
                .iter()
                .filter(|(_, v)| *v == id)
                .map(|(k, _)| k.clone())
                .collect()
        } else {
            for n in names {
                if index.get(n) != Some(id) {
                    return Err(ImageError::NotKnown(n.clone()));
                }
            }
            names.to_vec()
        };
        for n in &removed {
            index.remove(n);
        }
        self.write_names(&index)?;
        Ok(removed)
    }

    /// Removes image `id`, its names and blobs, and the layers no other image
    /// uses. Fails with `InUse` while a container uses it.
    pub fn remove_image(&self, id: &Digest) -> Result<Removed, ImageError> {
        let root = self.root().to_path_buf();
        let (removed, _trash) = {
            let _lock = self.lock_exclusive().map_err(io_at(root.clone()))?;
            let record = self.image(id)?;
            // Containers are created under the shared lock: none can appear now.
            let users = self
                .containers_using_image(id)
                .map_err(|e| ImageError::Io {
                    path: root.join("containers"),
                    source: std::io::Error::other(e.to_string()),
                })?;
            if !users.is_empty() {
                return Err(ImageError::InUse {
                    containers: users
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            let mut index = self.names()?;
            let names: Vec<String> = index
                .iter()
                .filter(|(_, v)| *v == id)
                .map(|(k, _)| k.clone())
                .collect();
            for n in &names {
                index.remove(n);
            }
            self.write_names(&index)?;
            let path = self.image_path(id);
            fs::remove_file(&path).map_err(io_at(path))?;
            let in_use = self.layers_in_use()?;
            let unused: Vec<Digest> = record
                .layers
                .iter()
                .filter(|l| !in_use.contains(*l))
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let trash = self
                .remove_layers_locked(&unused)
                .map_err(io_at(root.join("layers")))?;
            let blobs = root.join("blobs");
            self.remove_blob(&record.id).map_err(io_at(blobs.clone()))?;
            for d in &record.digests {
                self.remove_blob(d).map_err(io_at(blobs.clone()))?;
            }
            (
                Removed {
                    names,
                    layers: unused,
                },
                trash,
            )
        };
        Ok(removed)
    }

    /// Layers that some image record uses.
    pub fn layers_in_use(&self) -> Result<BTreeSet<Digest>, ImageError> {
        let mut set = BTreeSet::new();
        for id in self.image_ids()? {
            if let Ok(r) = self.image(&id) {
                set.extend(r.layers);
            }
        }
        Ok(set)
    }

    /// Finds the image the user means by `input`: a name (short names match
    /// `localhost/`, Docker Hub, then any registry), `name@digest`, or an id
    /// or unique id prefix (with or without `sha256:`).
    pub fn resolve_image(&self, input: &str) -> Result<Digest, ImageError> {
        self.resolve(input).map(|r| r.id)
    }

    /// Like [`Store::resolve_image`], also telling which name matched.
    pub fn resolve(&self, input: &str) -> Result<Resolved, ImageError> {
        let names = self.names()?;
        let by_name = |name: &String, id: &Digest| Resolved {
            id: id.clone(),
            name: Some(name.clone()),
        };
        let by_id = |id: Digest| Resolved { id, name: None };
        let not_known = || ImageError::NotKnown(input.to_string());
        if let Ok(r) = Reference::parse(input) {
            if let Some(digest) = r.digest() {
                return self.resolve_digest(input, &r, digest).map(by_id);
            }
            let tag = r.tag().unwrap_or(DEFAULT_TAG);
            let mut candidates = vec![r.clone().local_normalized().to_string()];
            if r.domain().is_none() {
                candidates.push(r.clone().docker_normalized().to_string());
            }
            for c in &candidates {
                if let Some(id) = names.get(c) {
                    return Ok(by_name(c, id));
                }
            }
            if let Some(id) = self.resolve_id_prefix(input)? {
                return Ok(by_id(id));
            }
            if r.domain().is_none() {
                let suffix = format!("/{}:{tag}", r.path());
                let hits: BTreeMap<&Digest, &String> = names
                    .iter()
                    .filter(|(n, _)| n.ends_with(&suffix))
                    .map(|(n, id)| (id, n))
                    .collect();
                match hits.len() {
                    0 => {}
                    1 => {
                        let (id, name) = hits.into_iter().next().expect("one hit");
                        return Ok(by_name(name, id));
                    }
                    _ => {
                        return Err(ImageError::Ambiguous {
                            input: input.to_string(),
                            candidates: hits.into_values().cloned().collect::<Vec<_>>().join(", "),
                        });
                    }
                }
            }
            return Err(not_known());
        }
        self.resolve_id_prefix(input)?
            .map(by_id)
            .ok_or_else(not_known)
    }

    fn resolve_digest(
        &self,
        input: &str,
        r: &Reference,
        digest: &Digest,
    ) -> Result<Digest, ImageError> {
        let names = self.names()?;
        let mut by_digest = Vec::new();
        for id in self.image_ids()? {
            if let Ok(rec) = self.image(&id)
                && rec.digests.contains(digest)
            {
                by_digest.push(id);
            }
        }
        // Prefer an image that also carries the repository's name.
        let repo_matches = |id: &Digest| {
            names.iter().any(|(n, v)| {
                v == id
                    && (n.starts_with(&format!("{}:", r.repository())) || name_path(n) == r.path())
            })
        };
        by_digest
            .iter()
            .find(|id| repo_matches(id))
            .or(by_digest.first())
            .cloned()
            .ok_or_else(|| ImageError::NotKnown(input.to_string()))
    }

    fn resolve_id_prefix(&self, input: &str) -> Result<Option<Digest>, ImageError> {
        let hex = input.strip_prefix("sha256:").unwrap_or(input);
        if hex.is_empty()
            || hex.len() > 64
            || !hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            return Ok(None);
        }
        let hits: Vec<Digest> = self
            .image_ids()?
            .into_iter()
            .filter(|d| d.hex().starts_with(hex))
            .collect();
        match hits.len() {
            0 => Ok(None),
            1 => Ok(hits.into_iter().next()),
            _ => Err(ImageError::Ambiguous {
                input: input.to_string(),
                candidates: hits
                    .iter()
                    .map(|d| d.short().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

/// The repository path of a full name (`domain/path:tag` -> `path`).
fn name_path(name: &str) -> &str {
    let without_tag = match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => &name[..i],
        _ => name,
    };
    without_tag.split_once('/').map_or(without_tag, |(_, p)| p)
}

/// Normalises a name the user gives to `tag`, `import` or `commit` (podman's
/// rule: a short name is `localhost/NAME:latest`).
pub fn local_name(input: &str) -> Result<String, crate::image::reference::ReferenceError> {
    let r = Reference::parse(input)?;
    Ok(r.local_normalized().to_string())
}

/// Normalises a name found in a docker archive (docker's rule: a short name
/// is on Docker Hub).
pub fn docker_name(input: &str) -> Result<String, crate::image::reference::ReferenceError> {
    Ok(Reference::parse(input)?.docker_normalized().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_paths() {
        assert_eq!(
            name_path("docker.io/library/busybox:latest"),
            "library/busybox"
        );
        assert_eq!(name_path("localhost:5000/a/b:1"), "a/b");
        assert_eq!(name_path("localhost/x:y"), "x");
    }
}
