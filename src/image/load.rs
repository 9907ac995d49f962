//! `load`: images from a docker-archive, an oci-archive or an OCI layout
//! directory into the store.
//!
//! The archive is indexed, its manifests and configs read, and every layer the
//! store lacks is streamed (verified against its digests) into the layer store,
//! several at once. Only then is each image recorded. A failure leaves the
//! store as it was, apart from complete verified layers that the next load
//! reuses.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::Path;

use oci_spec::image::{ImageIndex, ImageManifest, MediaType};
use serde::Deserialize;

use super::archive::{ArchiveError, Source};
use super::config::{self, ConfigError};
use super::digest::Digest;
use super::parallel;
use super::platform::Platform;
use crate::storage::Store;
use crate::storage::images::{ImageError, docker_name};
use crate::storage::layers::{Expected, LayerError};

/// Errors of `load`.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The archive could not be read.
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    /// The archive's content is not a valid image.
    #[error("{archive}: {why}")]
    Invalid {
        /// The archive.
        archive: String,
        /// What is wrong.
        why: String,
    },
    /// A config is invalid.
    #[error("{archive}: {source}")]
    Config {
        /// The archive.
        archive: String,
        /// The cause.
        source: ConfigError,
    },
    /// A layer could not be stored.
    #[error("{archive}: layer {member}: {source}")]
    Layer {
        /// The archive.
        archive: String,
        /// The layer's member name.
        member: String,
        /// The cause.
        source: LayerError,
    },
    /// The image could not be recorded.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// Spooling standard input failed.
    #[error("reading the archive from standard input: {0}")]
    Stdin(io::Error),
}

/// An image `load` stored.
#[derive(Debug)]
pub struct Loaded {
    /// Its id.
    pub id: Digest,
    /// The names it was given (empty when the archive named none).
    pub names: Vec<String>,
}

/// One image as an archive describes it.
struct Planned {
    config: Vec<u8>,
    /// The manifest as found (OCI) or `None` (docker-archive: rctl makes one).
    manifest: Option<(Vec<u8>, String)>,
    /// Member name and what it must turn out to be, base layer first.
    layers: Vec<(String, Expected)>,
    names: Vec<String>,
}

/// Loads every image in the archive or layout at `path`.
pub fn load(store: &Store, path: &Path) -> Result<Vec<Loaded>, LoadError> {
    let source = Source::open(path)?;
    let planned = plan(&source)?;
    let mut jobs: BTreeMap<Digest, (String, Expected)> = BTreeMap::new();
    for p in &planned {
        for (member, exp) in &p.layers {
            let id = exp.diff_id.clone().expect("plans always know the DiffID");
            if !store.has_layer(&id) {
                jobs.entry(id)
                    .or_insert_with(|| (member.clone(), exp.clone()));
            }
        }
    }
    unpack_all(store, &source, jobs.into_values().collect())?;
    let mut loaded = Vec::new();
    for p in planned {
        loaded.push(record(store, &source, p)?);
    }
    Ok(loaded)
}

/// Loads an archive read from `input` (standard input): it is spooled to a
/// staging file first, as the members of a tar can come in any order.
pub fn load_reader(store: &Store, mut input: impl Read) -> Result<Vec<Loaded>, LoadError> {
    let stage = store.staging().map_err(LoadError::Stdin)?;
    let file = stage.path().join("archive.tar");
    let mut out = std::fs::File::create(&file).map_err(LoadError::Stdin)?;
    io::copy(&mut input, &mut out).map_err(LoadError::Stdin)?;
    drop(out);
    load(store, &file)
}

fn record(store: &Store, source: &Source, p: Planned) -> Result<Loaded, LoadError> {
    let archive = source.name();
    let cfg = config::parse(&p.config).map_err(|source| LoadError::Config {
        archive: archive.clone(),
        source,
    })?;
    let id = Digest::of(&p.config);
    for attempt in 0.. {
        let mut layers = Vec::new();
        for (member, exp) in &p.layers {
            let diff_id = exp.diff_id.as_ref().expect("plans always know the DiffID");
            match store.layer(diff_id) {
                Ok(l) => layers.push(l),
                Err(_) => {
                    unpack_all(store, source, vec![(member.clone(), exp.clone())])?;
                    layers.push(store.layer(diff_id).map_err(|e| LoadError::Invalid {
                        archive: archive.clone(),
                        why: format!("layer {diff_id} vanished: {e}"),
                    })?);
                }
            }
        }
        let (manifest, media_type) = match &p.manifest {
            Some((m, t)) => (m.clone(), t.clone()),
            None => (
                config::oci_manifest(&id, p.config.len() as u64, &layers),
                MediaType::ImageManifest.to_string(),
            ),
        };
        let rec = config::record(
            id.clone(),
            Digest::of(&manifest),
            &media_type,
            &cfg,
            &layers,
        );
        match store.add_image(rec, &p.config, &manifest, &p.names) {
            // Another process removed a layer we found; unpack it again.
            Err(ImageError::MissingLayers(_)) if attempt < 3 => continue,
            r => r?,
        }
        break;
    }
    Ok(Loaded { id, names: p.names })
}

/// Unpacks `jobs` (member, expectations) into the layer store, as many at
/// once as there are CPUs. The first failure stops the rest.
fn unpack_all(
    store: &Store,
    source: &Source,
    jobs: Vec<(String, Expected)>,
) -> Result<(), LoadError> {
    parallel::run_all(&jobs, parallel::cpus(1), |(member, exp)| {
        let (r, _) = source.open_member(member)?;
        store.create_layer(r, exp).map_err(|e| LoadError::Layer {
            archive: source.name(),
            member: member.clone(),
            source: e,
        })?;
        Ok(())
    })
}

fn plan(source: &Source) -> Result<Vec<Planned>, LoadError> {
    if source.has("manifest.json") {
        plan_docker(source)
    } else if source.has("index.json") {
        plan_oci(source)
    } else {
        Err(LoadError::Invalid {
            archive: source.name(),
            why: "neither a docker-archive (manifest.json) nor an OCI layout (index.json)".into(),
        })
    }
}

/// One entry of a docker-archive's `manifest.json` (docker's format, not OCI's).
#[derive(Deserialize)]
struct DockerEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers")]
    layers: Vec<String>,
}

fn invalid(source: &Source, why: impl Into<String>) -> LoadError {
    LoadError::Invalid {
        archive: source.name(),
        why: why.into(),
    }
}

fn plan_docker(source: &Source) -> Result<Vec<Planned>, LoadError> {
    let entries: Vec<DockerEntry> = serde_json::from_slice(&source.read("manifest.json")?)
        .map_err(|e| invalid(source, format!("manifest.json: {e}")))?;
    if entries.is_empty() {
        return Err(invalid(source, "manifest.json lists no images"));
    }
    let mut out = Vec::new();
    for e in entries {
        let config = source.read(&e.config)?;
        let diff_ids = diff_ids_of(source, &config)?;
        if diff_ids.len() != e.layers.len() {
            return Err(invalid(
                source,
                format!(
                    "{} lists {} layers but its config {}",
                    e.config,
                    e.layers.len(),
                    diff_ids.len()
                ),
            ));
        }
        let mut names = Vec::new();
        for tag in e.repo_tags.unwrap_or_default() {
            names.push(docker_name(&tag).map_err(|err| invalid(source, err.to_string()))?);
        }
        let layers = e
            .layers
            .into_iter()
            .zip(diff_ids)
            .map(|(member, diff_id)| {
                // Docker >= 25 stores layers as OCI blobs: their name is their digest.
                let blob_digest = member
                    .strip_prefix("blobs/sha256/")
                    .and_then(|h| Digest::from_hex(h).ok());
                let exp = Expected {
                    diff_id: Some(diff_id),
                    blob_digest,
                    blob_size: None,
                };
                (member, exp)
            })
            .collect();
        out.push(Planned {
            config,
            manifest: None,
            layers,
            names,
        });
    }
    Ok(out)
}

fn diff_ids_of(source: &Source, config: &[u8]) -> Result<Vec<Digest>, LoadError> {
    let cfg = config::parse(config).map_err(|e| LoadError::Config {
        archive: source.name(),
        source: e,
    })?;
    config::diff_ids(&cfg).map_err(|e| LoadError::Config {
        archive: source.name(),
        source: e,
    })
}

fn blob_member(digest: &oci_spec::image::Digest) -> String {
    format!("blobs/{}/{}", digest.algorithm(), digest.digest())
}

/// Reads a blob named in a descriptor and checks it against its digest.
fn verified_blob(source: &Source, digest: &oci_spec::image::Digest) -> Result<Vec<u8>, LoadError> {
    let data = source.read(&blob_member(digest))?;
    let want = Digest::from(digest);
    if Digest::of(&data) != want {
        return Err(invalid(
            source,
            format!("blob {want} does not match its digest"),
        ));
    }
    Ok(data)
}

fn plan_oci(source: &Source) -> Result<Vec<Planned>, LoadError> {
    let index: ImageIndex = serde_json::from_slice(&source.read("index.json")?)
        .map_err(|e| invalid(source, format!("index.json: {e}")))?;
    let mut by_config: BTreeMap<Digest, Planned> = BTreeMap::new();
    for desc in index.manifests() {
        let annotations = desc.annotations().clone().unwrap_or_default();
        let manifest_desc = match desc.media_type() {
            MediaType::ImageIndex => pick_platform(source, &verified_blob(source, desc.digest())?)?,
            MediaType::Other(t)
                if t == "application/vnd.docker.distribution.manifest.list.v2+json" =>
            {
                pick_platform(source, &verified_blob(source, desc.digest())?)?
            }
            _ => desc.digest().clone(),
        };
        let manifest_bytes = verified_blob(source, &manifest_desc)?;
        let manifest: ImageManifest = serde_json::from_slice(&manifest_bytes)
            .map_err(|e| invalid(source, format!("manifest {}: {e}", manifest_desc)))?;
        let config = verified_blob(source, manifest.config().digest())?;
        let diff_ids = diff_ids_of(source, &config)?;
        if diff_ids.len() != manifest.layers().len() {
            return Err(invalid(
                source,
                format!(
                    "manifest {} lists {} layers but its config {}",
                    manifest_desc,
                    manifest.layers().len(),
                    diff_ids.len()
                ),
            ));
        }
        let layers = manifest
            .layers()
            .iter()
            .zip(diff_ids)
            .map(|(l, diff_id)| {
                let exp = Expected {
                    diff_id: Some(diff_id),
                    blob_digest: Some(Digest::from(l.digest())),
                    blob_size: Some(l.size()),
                };
                (blob_member(l.digest()), exp)
            })
            .collect();
        let name = annotations
            .get("io.containerd.image.name")
            .or_else(|| annotations.get("org.opencontainers.image.ref.name"))
            .filter(|n| n.contains(['/', ':']))
            .map(|n| docker_name(n).map_err(|e| invalid(source, e.to_string())))
            .transpose()?;
        let media_type = manifest
            .media_type()
            .as_ref()
            .map_or_else(|| MediaType::ImageManifest.to_string(), |m| m.to_string());
        let planned = by_config.entry(Digest::of(&config)).or_insert(Planned {
            config,
            manifest: Some((manifest_bytes, media_type)),
            layers,
            names: Vec::new(),
        });
        if let Some(n) = name
            && !planned.names.contains(&n)
        {
            planned.names.push(n);
        }
    }
    if by_config.is_empty() {
        return Err(invalid(source, "index.json lists no images"));
    }
    Ok(by_config.into_values().collect())
}

/// From an image index, the manifest for the host's platform.
fn pick_platform(source: &Source, index: &[u8]) -> Result<oci_spec::image::Digest, LoadError> {
    let index: ImageIndex =
        serde_json::from_slice(index).map_err(|e| invalid(source, format!("nested index: {e}")))?;
    Platform::host()
        .choose(&index)
        .map(|d| d.digest().clone())
        .map_err(|e| invalid(source, e))
}
