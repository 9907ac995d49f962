//! `save`: images from the store into a docker-archive, an oci-archive or an
//! OCI layout directory.
//!
//! Layers are written as uncompressed tars rebuilt bit for bit from the store
//! (tarsplit), so they keep their DiffIDs and the configs keep their digests:
//! a saved image loads back with the same id. Each layer's digest is checked
//! as it streams out; a damaged layer fails the save instead of producing a
//! broken archive. Archives are streamed: nothing is held whole in memory.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use oci_spec::image::{DescriptorBuilder, ImageIndexBuilder, MediaType};
use serde_json::json;

use super::config;
use super::digest::{Digest, Hashing};
use crate::storage::Store;
use crate::storage::layers::LayerRecord;

/// The archive formats `save` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// docker's `docker save` layout (manifest.json).
    DockerArchive,
    /// An OCI image layout in a tar file.
    OciArchive,
    /// An OCI image layout in a directory.
    OciDir,
}

/// An image to save and the names to record for it.
pub struct SaveItem {
    /// The image.
    pub id: Digest,
    /// Names to put in the archive (may be empty).
    pub names: Vec<String>,
}

/// Errors of `save`.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Reading from the store or writing the output failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: io::Error,
    },
    /// A stored layer no longer matches its DiffID.
    #[error(
        "layer {0} is damaged (its content no longer matches its digest); run `rctl system check`"
    )]
    Damaged(Digest),
    /// An image record is missing.
    #[error(transparent)]
    Image(#[from] crate::storage::images::ImageError),
}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> SaveError {
    let what = what.into();
    move |source| SaveError::Io { what, source }
}

/// The parts of one image the writers need.
struct Parts {
    config: Vec<u8>,
    layers: Vec<LayerRecord>,
    names: Vec<String>,
    id: Digest,
}

fn parts(store: &Store, items: &[SaveItem]) -> Result<Vec<Parts>, SaveError> {
    items
        .iter()
        .map(|it| {
            let rec = store.image(&it.id)?;
            let config = store
                .blob(&rec.id)
                .map_err(io_err(format!("config of {}", rec.id)))?;
            let layers = rec
                .layers
                .iter()
                .map(|l| store.layer(l).map_err(io_err(format!("layer {l}"))))
                .collect::<Result<_, _>>()?;
            Ok(Parts {
                config,
                layers,
                names: it.names.clone(),
                id: rec.id,
            })
        })
        .collect()
}

/// Writes `items` as an archive of `format` (docker-archive or oci-archive) to `out`.
pub fn save_archive(
    store: &Store,
    items: &[SaveItem],
    format: Format,
    out: impl Write,
) -> Result<(), SaveError> {
    let parts = parts(store, items)?;
    let mut tar = tar::Builder::new(out);
    let mut sink = TarSink { tar: &mut tar };
    match format {
        Format::DockerArchive => write_docker(store, &parts, &mut sink)?,
        Format::OciArchive => write_oci(store, &parts, &mut sink)?,
        Format::OciDir => unreachable!("oci-dir is written by save_dir"),
    }
    tar.into_inner()
        .map_err(io_err("finishing the archive"))?
        .flush()
        .map_err(io_err("writing the archive"))
}

/// Writes `items` as an OCI layout into the directory `dir` (created; it must
/// be empty if it exists).
pub fn save_dir(store: &Store, items: &[SaveItem], dir: &Path) -> Result<(), SaveError> {
    let parts = parts(store, items)?;
    fs::create_dir_all(dir.join("blobs/sha256")).map_err(io_err(dir.display().to_string()))?;
    write_oci(store, &parts, &mut DirSink { dir })
}

/// Where archive members go: a tar stream or a directory.
trait Sink {
    fn put(&mut self, name: &str, size: u64, data: &mut dyn Read) -> io::Result<()>;
}

struct TarSink<'a, W: Write> {
    tar: &'a mut tar::Builder<W>,
}

impl<W: Write> Sink for TarSink<'_, W> {
    fn put(&mut self, name: &str, size: u64, data: &mut dyn Read) -> io::Result<()> {
        let mut h = tar::Header::new_ustar();
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        self.tar.append_data(&mut h, name, data)
    }
}

struct DirSink<'a> {
    dir: &'a Path,
}

impl Sink for DirSink<'_> {
    fn put(&mut self, name: &str, _size: u64, data: &mut dyn Read) -> io::Result<()> {
        let path = self.dir.join(name);
        crate::storage::atomic::write_with(&path, |f| io::copy(data, f).map(drop))
    }
}

fn put_bytes(sink: &mut dyn Sink, name: &str, data: &[u8]) -> Result<(), SaveError> {
    sink.put(name, data.len() as u64, &mut &data[..])
        .map_err(io_err(format!("writing {name}")))
}

/// Streams a layer's rebuilt tar into `name`, checking its digest on the way.
fn put_layer(
    store: &Store,
    sink: &mut dyn Sink,
    name: &str,
    layer: &LayerRecord,
) -> Result<(), SaveError> {
    let tar = store
        .layer_tar(&layer.diff_id)
        .map_err(io_err(format!("layer {}", layer.diff_id)))?;
    let mut hashing = Hashing::new(tar);
    let result = sink.put(name, layer.size, &mut hashing);
    let (digest, count, _) = hashing.finish();
    match result {
        Err(e) if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::NotFound => {
            return Err(SaveError::Damaged(layer.diff_id.clone()));
        }
        r => r.map_err(io_err(format!("writing layer {}", layer.diff_id)))?,
    }
    if digest != layer.diff_id || count != layer.size {
        return Err(SaveError::Damaged(layer.diff_id.clone()));
    }
    Ok(())
}

fn write_docker(store: &Store, parts: &[Parts], sink: &mut dyn Sink) -> Result<(), SaveError> {
    let mut written = BTreeSet::new();
    let mut manifest = Vec::new();
    for p in parts {
        let config_name = format!("{}.json", p.id.hex());
        if written.insert(config_name.clone()) {
            put_bytes(sink, &config_name, &p.config)?;
        }
        let mut layer_names = Vec::new();
        for l in &p.layers {
            let name = format!("{}.tar", l.diff_id.hex());
            if written.insert(name.clone()) {
                put_layer(store, sink, &name, l)?;
            }
            layer_names.push(name);
        }
        manifest.push(json!({
            "Config": config_name,
            "RepoTags": if p.names.is_empty() { serde_json::Value::Null } else { json!(p.names) },
            "Layers": layer_names,
        }));
    }
    let data = serde_json::to_vec(&manifest).expect("json values serialise");
    put_bytes(sink, "manifest.json", &data)
}

fn write_oci(store: &Store, parts: &[Parts], sink: &mut dyn Sink) -> Result<(), SaveError> {
    put_bytes(sink, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    let mut written = BTreeSet::new();
    let mut descriptors = Vec::new();
    for p in parts {
        for l in &p.layers {
            if written.insert(l.diff_id.clone()) {
                put_layer(store, sink, &format!("blobs/sha256/{}", l.diff_id.hex()), l)?;
            }
        }
        if written.insert(p.id.clone()) {
            put_bytes(sink, &format!("blobs/sha256/{}", p.id.hex()), &p.config)?;
        }
        let manifest = config::oci_manifest(&p.id, p.config.len() as u64, &p.layers);
        let mdigest = Digest::of(&manifest);
        if written.insert(mdigest.clone()) {
            put_bytes(sink, &format!("blobs/sha256/{}", mdigest.hex()), &manifest)?;
        }
        let names: Vec<Option<&String>> = if p.names.is_empty() {
            vec![None]
        } else {
            p.names.iter().map(Some).collect()
        };
        for name in names {
            let mut annotations = BTreeMap::new();
            if let Some(n) = name {
                // Full names, as podman and skopeo write them; containerd's key too.
                annotations.insert("org.opencontainers.image.ref.name".to_string(), n.clone());
                annotations.insert("io.containerd.image.name".to_string(), n.clone());
            }
            let mut d = DescriptorBuilder::default()
                .media_type(MediaType::ImageManifest)
                .digest(
                    oci_spec::image::Digest::try_from(mdigest.clone())
                        .expect("sha256 digests are valid"),
                )
                .size(manifest.len() as u64);
            if !annotations.is_empty() {
                d = d.annotations(
                    annotations
                        .into_iter()
                        .collect::<std::collections::HashMap<_, _>>(),
                );
            }
            descriptors.push(d.build().expect("all descriptor fields are set"));
        }
    }
    let index = ImageIndexBuilder::default()
        .schema_version(2u32)
        .media_type(MediaType::ImageIndex)
        .manifests(descriptors)
        .build()
        .expect("all index fields are set");
    put_bytes(
        sink,
        "index.json",
        &serde_json::to_vec(&index).expect("indexes serialise"),
    )
}
