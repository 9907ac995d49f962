//! `push`: an image from the store to a registry.
//!
//! rctl keeps layers unpacked, so each layer's tar is rebuilt from its files,
//! compressed (gzip or zstd) into a staging file while its digest is taken,
//! and uploaded unless the registry has that blob already. Layers the image
//! was pulled with are reused as they are when the registry still has them,
//! so pushing a pulled image back costs no compression. The manifest goes
//! last, when everything it names is in place.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::{Arc, Mutex};

use oci_client::RegistryOperation;
use oci_spec::image::ImageManifest;
use serde_json::json;

use super::config;
use super::digest::{Digest, Hashing};
use super::parallel;
use super::progress::{BlobKind, Counting, Progress};
use super::registries::Endpoint;
use super::registry::{DOCKER_MANIFEST, OCI_MANIFEST, RegistryError, Remote, Repository};
use crate::storage::Store;
use crate::storage::compression::Compression;

/// Errors of `push`.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The registry failed.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The image could not be read from the store.
    #[error("reading {what} from the store: {source}")]
    Store {
        /// What was being read.
        what: String,
        /// The cause.
        source: io::Error,
    },
    /// The image cannot be pushed as asked.
    #[error("{0}")]
    Invalid(String),
}

/// The manifest format to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// OCI image manifest.
    Oci,
    /// Docker image manifest, schema 2 (gzip layers only).
    DockerV2s2,
}

/// How to push.
#[derive(Clone, Copy, Debug)]
pub struct PushOptions {
    /// Layer compression (gzip or zstd).
    pub compression: Compression,
    /// Manifest format.
    pub format: Format,
}

/// The tools of one push.
pub struct Pusher<'a> {
    /// The store to read.
    pub store: &'a Store,
    /// The registry client.
    pub remote: &'a Remote,
    /// Where steps are reported.
    pub progress: Arc<dyn Progress>,
}

/// A blob as a manifest names it.
#[derive(Clone, Debug)]
struct Blob {
    media_type: String,
    digest: Digest,
    size: u64,
}

impl Pusher<'_> {
    /// Pushes image `id` to `dest`; returns the manifest's digest.
    pub fn push(
        &self,
        id: &Digest,
        dest: &Endpoint,
        opts: PushOptions,
    ) -> Result<Digest, PushError> {
        let r = &dest.reference;
        if r.digest().is_some() {
            return Err(PushError::Invalid(format!(
                "{r}: cannot push to a digest; give a tag"
            )));
        }
        let layer_type = layer_media_type(opts)?;
        let store_err = |what: String| move |source| PushError::Store { what, source };
        let rec = self
            .store
            .image(id)
            .map_err(|e| PushError::Invalid(e.to_string()))?;
        let config_bytes = self
            .store
            .blob(id)
            .map_err(store_err(format!("config {id}")))?;
        let cfg = config::parse(&config_bytes).map_err(|e| PushError::Invalid(e.to_string()))?;
        let diff_ids = config::diff_ids(&cfg).map_err(|e| PushError::Invalid(e.to_string()))?;

        let repo = self.remote.open(dest, RegistryOperation::Push)?;
        self.progress.note("Getting image source signatures");
        let known = self.reusable(&repo, &rec.digests, diff_ids.len(), &layer_type);
        let blobs = Mutex::new(BTreeMap::new());
        let jobs: Vec<(usize, &Digest)> = diff_ids.iter().enumerate().collect();
        parallel::run_all(&jobs, parallel::cpus(2), |&(i, diff_id)| {
            let blob = match known.get(&i) {
                Some(b) => {
                    self.progress.skipped(BlobKind::Layer, &b.digest);
                    b.clone()
                }
                None => self.push_layer(&repo, diff_id, &layer_type, opts.compression)?,
            };
            blobs.lock().expect("lock").insert(i, blob);
            Ok::<(), PushError>(())
        })?;
        let layers: Vec<Blob> = blobs.into_inner().expect("lock").into_values().collect();

        let config_blob = Blob {
            media_type: match opts.format {
                Format::Oci => "application/vnd.oci.image.config.v1+json",
                Format::DockerV2s2 => "application/vnd.docker.container.image.v1+json",
            }
            .to_string(),
            digest: id.clone(),
            size: config_bytes.len() as u64,
        };
        if repo.has_blob(id)? {
            self.progress.skipped(BlobKind::Config, id);
        } else {
            self.progress
                .started(BlobKind::Config, id, config_blob.size);
            repo.push_blob(id, config_blob.size, io::Cursor::new(config_bytes))?;
            self.progress.advanced(id, config_blob.size);
            self.progress.finished(BlobKind::Config, id);
        }

        self.progress.note("Writing manifest to image destination");
        let (manifest, media_type) = manifest(opts.format, &config_blob, &layers);
        let digest = Digest::of(&manifest);
        repo.put_manifest(r.tag().unwrap_or("latest"), manifest, media_type)?;
        Ok(digest)
    }

    /// Layers of a manifest the image was pulled with that can be named
    /// again as they are: the same media type, and the registry has them.
    fn reusable(
        &self,
        repo: &Repository<'_>,
        manifests: &[Digest],
        count: usize,
        layer_type: &str,
    ) -> BTreeMap<usize, Blob> {
        for m in manifests {
            let Ok(bytes) = self.store.blob(m) else {
                continue;
            };
            let Ok(parsed) = serde_json::from_slice::<ImageManifest>(&bytes) else {
                continue;
            };
            if parsed.layers().len() != count {
                continue;
            }
            let mut out = BTreeMap::new();
            for (i, l) in parsed.layers().iter().enumerate() {
                let digest = Digest::from(l.digest());
                if l.media_type().to_string() == layer_type
                    && repo.has_blob(&digest).unwrap_or(false)
                {
                    out.insert(
                        i,
                        Blob {
                            media_type: layer_type.to_string(),
                            digest,
                            size: l.size(),
                        },
                    );
                }
            }
            if !out.is_empty() {
                return out;
            }
        }
        BTreeMap::new()
    }

    /// Compresses layer `diff_id` into a staging file and uploads it,
    /// unless the registry has a blob of that digest.
    fn push_layer(
        &self,
        repo: &Repository<'_>,
        diff_id: &Digest,
        media_type: &str,
        compression: Compression,
    ) -> Result<Blob, PushError> {
        let what = format!("layer {diff_id}");
        let err = |source| PushError::Store {
            what: what.clone(),
            source,
        };
        let stage = self.store.staging().map_err(err)?;
        let path = stage.path().join("blob");
        let mut tar = self.store.layer_tar(diff_id).map_err(err)?;
        let out = Hashing::new(BufWriter::with_capacity(
            256 * 1024,
            File::create(&path).map_err(err)?,
        ));
        let out = match compression {
            Compression::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::default());
                io::copy(&mut tar, &mut enc).map_err(err)?;
                enc.finish().map_err(err)?
            }
            Compression::Zstd => {
                let mut enc = zstd::Encoder::new(out, 3).map_err(err)?;
                io::copy(&mut tar, &mut enc).map_err(err)?;
                enc.finish().map_err(err)?
            }
            Compression::None => {
                let mut out = out;
                io::copy(&mut tar, &mut out).map_err(err)?;
                out
            }
        };
        let (digest, size, mut file) = out.finish();
        file.flush().map_err(err)?;
        drop(file);
        let blob = Blob {
            media_type: media_type.to_string(),
            digest: digest.clone(),
            size,
        };
        if repo.has_blob(&digest)? {
            self.progress.skipped(BlobKind::Layer, &digest);
            return Ok(blob);
        }
        self.progress.started(BlobKind::Layer, &digest, size);
        let data = Counting::new(
            File::open(&path).map_err(err)?,
            digest.clone(),
            self.progress.clone(),
        );
        // The staging area lives until the upload, which reads the file, ends.
        repo.push_blob(&digest, size, data)?;
        drop(stage);
        self.progress.finished(BlobKind::Layer, &digest);
        Ok(blob)
    }
}

/// The media type of layers compressed as `opts` asks.
fn layer_media_type(opts: PushOptions) -> Result<String, PushError> {
    Ok(match (opts.format, opts.compression) {
        (Format::Oci, Compression::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (Format::Oci, Compression::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
        (Format::Oci, Compression::None) => "application/vnd.oci.image.layer.v1.tar",
        (Format::DockerV2s2, Compression::Gzip) => {
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
        }
        (Format::DockerV2s2, _) => {
            return Err(PushError::Invalid(
                "the docker v2s2 format only has gzip layers".into(),
            ));
        }
    }
    .to_string())
}

/// The manifest naming `config` and `layers`, and its media type.
fn manifest(format: Format, config: &Blob, layers: &[Blob]) -> (Vec<u8>, &'static str) {
    let desc = |b: &Blob| json!({"mediaType": b.media_type, "digest": b.digest.to_string(), "size": b.size});
    let media_type = match format {
        Format::Oci => OCI_MANIFEST,
        Format::DockerV2s2 => DOCKER_MANIFEST,
    };
    let value = json!({
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": desc(config),
        "layers": layers.iter().map(desc).collect::<Vec<_>>(),
    });
    (
        serde_json::to_vec(&value).expect("JSON of strings and numbers"),
        media_type,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_parse_back() {
        let b = |t: &str, n: u8| Blob {
            media_type: t.to_string(),
            digest: Digest::of(&[n]),
            size: u64::from(n),
        };
        let opts = PushOptions {
            compression: Compression::Zstd,
            format: Format::Oci,
        };
        let lt = layer_media_type(opts).unwrap();
        let (bytes, mt) = manifest(
            Format::Oci,
            &b("application/vnd.oci.image.config.v1+json", 1),
            &[b(&lt, 2), b(&lt, 3)],
        );
        assert_eq!(mt, OCI_MANIFEST);
        let m: ImageManifest = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(m.layers().len(), 2);
        assert_eq!(m.layers()[1].size(), 3);
        let docker_zstd = PushOptions {
            compression: Compression::Zstd,
            format: Format::DockerV2s2,
        };
        assert!(layer_media_type(docker_zstd).is_err());
    }
}
