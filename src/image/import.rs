//! `import`: a root filesystem tarball (plain, gzip or zstd) becomes a
//! one-layer image, its config shaped by `--change` instructions.

use std::io::Read;

use chrono::{SecondsFormat, Utc};
use serde_json::json;

use super::compose::{self, ComposeError};
use super::config::ConfigError;
use super::digest::Digest;
use super::platform;
use crate::storage::Store;
use crate::storage::layers::LayerError;

/// How to shape the imported image.
#[derive(Debug, Default)]
pub struct ImportOptions {
    /// Dockerfile-style instructions for the config (`CMD ["sh"]`, ...).
    pub changes: Vec<String>,
    /// A comment for the history entry.
    pub message: Option<String>,
    /// Architecture to record (default: the host's).
    pub arch: Option<String>,
    /// Operating system to record (default: the host's).
    pub os: Option<String>,
    /// Architecture variant to record.
    pub variant: Option<String>,
    /// Full name to give the image.
    pub name: Option<String>,
}

/// Errors of `import`.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A `--change` is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The tarball could not be unpacked.
    #[error("importing the tarball: {0}")]
    Layer(#[from] LayerError),
    /// The image could not be recorded.
    #[error(transparent)]
    Image(#[from] ComposeError),
}

/// Imports the tarball read from `input`; returns the new image's id.
pub fn import(
    store: &Store,
    input: impl Read,
    opts: &ImportOptions,
) -> Result<Digest, ImportError> {
    // Check the changes before the (long) unpack.
    let mut doc = json!({ "config": {} });
    for change in &opts.changes {
        crate::build::config_steps::apply_change(&mut doc, change)?;
    }
    let layer = store.create_layer(input, &Default::default())?;
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true);
    let obj = doc.as_object_mut().expect("built as an object");
    obj.insert("created".into(), json!(now));
    obj.insert(
        "architecture".into(),
        json!(opts.arch.as_deref().unwrap_or(platform::host_arch())),
    );
    obj.insert(
        "os".into(),
        json!(opts.os.as_deref().unwrap_or(platform::host_os())),
    );
    if let Some(v) = &opts.variant {
        obj.insert("variant".into(), json!(v));
    }
    let mut history = json!({
        "created": now,
        "created_by": format!("/bin/sh -c #(nop) ADD file:{} in / ", layer.diff_id.hex()),
    });
    if let Some(m) = &opts.message {
        history["comment"] = json!(m);
    }
    obj.insert("history".into(), json!([history]));
    let names: Vec<String> = opts.name.iter().cloned().collect();
    let id = compose::record_image(store, &mut doc, &[layer], &names)?;
    Ok(id)
}
