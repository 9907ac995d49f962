//! Image configs and manifests: reading them into store records and writing
//! the manifests rctl generates. (`--change` instructions are applied by
//! [`crate::build::config_steps::apply_change`], the build's own rules.)
//!
//! Configs are kept as the bytes that arrived (their digest is the image id);
//! typed reads go through oci-spec. Edits work on the JSON document so that
//! docker's own fields (OnBuild, Healthcheck, Shell), which the OCI types do
//! not carry, survive them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use oci_spec::image::{DescriptorBuilder, ImageConfiguration, ImageManifestBuilder, MediaType};

use super::digest::Digest;
use crate::storage::images::ImageRecord;
use crate::storage::layers::LayerRecord;

/// Errors reading or editing a config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config is not valid JSON of the expected shape.
    #[error("invalid image config: {0}")]
    Invalid(String),
    /// A `--change` instruction could not be applied.
    #[error("invalid change {line:?}: {why}")]
    Change {
        /// The instruction as given.
        line: String,
        /// What is wrong with it.
        why: String,
    },
}

/// Parses a config.
pub fn parse(bytes: &[u8]) -> Result<ImageConfiguration, ConfigError> {
    serde_json::from_slice(bytes).map_err(|e| ConfigError::Invalid(e.to_string()))
}

/// The DiffIDs a config lists, base layer first.
pub fn diff_ids(config: &ImageConfiguration) -> Result<Vec<Digest>, ConfigError> {
    config
        .rootfs()
        .diff_ids()
        .iter()
        .map(|d| {
            d.parse::<Digest>()
                .map_err(|e| ConfigError::Invalid(e.to_string()))
        })
        .collect()
}

/// The store record for an image with config `config` (whose digest is `id`)
/// and layers `layers`, stored with manifest `manifest` of type `media_type`.
pub fn record(
    id: Digest,
    manifest: Digest,
    media_type: &str,
    config: &ImageConfiguration,
    layers: &[LayerRecord],
) -> ImageRecord {
    let created = config
        .created()
        .as_deref()
        .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&Utc));
    let labels: BTreeMap<String, String> = config
        .config()
        .as_ref()
        .and_then(|c| c.labels().clone())
        .map(|l| l.into_iter().collect())
        .unwrap_or_default();
    ImageRecord {
        id,
        digests: vec![manifest],
        manifest_media_type: media_type.to_string(),
        layers: layers.iter().map(|l| l.diff_id.clone()).collect(),
        size: layers.iter().map(|l| l.size).sum(),
        created,
        architecture: config.architecture().to_string(),
        os: config.os().to_string(),
        labels,
        added: Utc::now(),
        repositories: Vec::new(),
    }
}

/// An OCI manifest for `config` (of `config_size` bytes) with the layers as
/// uncompressed tars, which is how rctl stores and saves them.
pub fn oci_manifest(config: &Digest, config_size: u64, layers: &[LayerRecord]) -> Vec<u8> {
    let desc = |media: MediaType, digest: &Digest, size: u64| {
        DescriptorBuilder::default()
            .media_type(media)
            .digest(
                oci_spec::image::Digest::try_from(digest.clone())
                    .expect("sha256 digests are valid"),
            )
            .size(size)
            .build()
            .expect("all descriptor fields are set")
    };
    let manifest = ImageManifestBuilder::default()
        .schema_version(2u32)
        .media_type(MediaType::ImageManifest)
        .config(desc(MediaType::ImageConfig, config, config_size))
        .layers(
            layers
                .iter()
                .map(|l| desc(MediaType::ImageLayer, &l.diff_id, l.size))
                .collect::<Vec<_>>(),
        )
        .build()
        .expect("all manifest fields are set");
    serde_json::to_vec(&manifest).expect("manifests serialise")
}
