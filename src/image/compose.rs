//! Recording an image made on this machine (`import`, `commit`, `build`):
//! its config document, already complete but for the layer list, becomes a
//! config blob, an OCI manifest and an image record in the store.

use serde_json::{Value, json};

use super::config::{self, ConfigError};
use super::digest::Digest;
use crate::storage::Store;
use crate::storage::images::ImageError;
use crate::storage::layers::LayerRecord;

/// Errors of recording a made image.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// The config document is not a valid image config.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The image could not be recorded.
    #[error(transparent)]
    Image(#[from] ImageError),
}

/// Sets `doc`'s `rootfs` to `layers` (base first), stores the image and
/// gives it `names`; returns its id (the config's digest). The same document
/// and layers always give the same id.
pub fn record_image(
    store: &Store,
    doc: &mut Value,
    layers: &[LayerRecord],
    names: &[String],
) -> Result<Digest, ComposeError> {
    let diff_ids: Vec<String> = layers.iter().map(|l| l.diff_id.to_string()).collect();
    doc["rootfs"] = json!({ "type": "layers", "diff_ids": diff_ids });
    let config_bytes = serde_json::to_vec(&doc).expect("json values serialise");
    let parsed = config::parse(&config_bytes)?;
    let id = Digest::of(&config_bytes);
    let manifest = config::oci_manifest(&id, config_bytes.len() as u64, layers);
    let record = config::record(
        id.clone(),
        Digest::of(&manifest),
        oci_spec::image::MediaType::ImageManifest.as_ref(),
        &parsed,
        layers,
    );
    store.add_image(record, &config_bytes, &manifest, names)?;
    Ok(id)
}
