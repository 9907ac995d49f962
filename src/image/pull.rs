//! `pull`: an image from a registry into the store.
//!
//! The user's words become candidate references (registries.conf: aliases,
//! search registries), each candidate a list of endpoints (mirrors, then the
//! real location). At the first endpoint that has the image, the manifest is
//! fetched (an index is narrowed to one platform), then the config, then every
//! layer the store lacks, several at once. Each layer streams from the socket
//! through the digest check, the decompressor and the unpacker into a staging
//! area, and becomes visible only once its blob digest, size and DiffID have
//! all matched. The image record comes last, so an interrupted pull leaves
//! finished layers (reused next time) and nothing half-written.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use oci_client::RegistryOperation;
use oci_spec::image::{Descriptor, ImageIndex, ImageManifest, MediaType};

use super::config::{self, ConfigError};
use super::digest::Digest;
use super::parallel;
use super::platform::Platform;
use super::progress::{BlobKind, Counting, Progress};
use super::reference::{Reference, ReferenceError};
use super::registries::{Endpoint, Registries, RegistriesError};
use super::registry::{ManifestKind, RegistryError, Remote, Repository};
use crate::storage::Store;
use crate::storage::images::ImageError;
use crate::storage::layers::{Expected, LayerError};

/// Most layers fetched at once (podman's default too).
const MAX_DOWNLOADS: usize = 6;

/// Errors of `pull`.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    /// The image name is not valid.
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// registries.conf refused or could not say where to look.
    #[error(transparent)]
    Registries(#[from] RegistriesError),
    /// The registry failed.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// A layer could not be fetched or did not match its digests.
    #[error("layer {digest}: {source}")]
    Layer {
        /// The layer's blob digest.
        digest: Digest,
        /// The cause.
        source: LayerError,
    },
    /// The config is not valid.
    #[error("{image}: {source}")]
    Config {
        /// The image.
        image: String,
        /// The cause.
        source: ConfigError,
    },
    /// What the registry holds is not a usable container image.
    #[error("{image}: {why}")]
    Invalid {
        /// The image.
        image: String,
        /// What is wrong.
        why: String,
    },
    /// The image could not be recorded.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// No candidate had the image; each with why.
    #[error("{input}: not found in any of the registries tried: {}", list(.tried))]
    Tried {
        /// What the user asked for.
        input: String,
        /// Each candidate reference and its failure.
        tried: Vec<(String, String)>,
    },
}

fn list(tried: &[(String, String)]) -> String {
    tried
        .iter()
        .map(|(r, why)| format!("{r} ({why})"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How to pull.
#[derive(Clone, Debug)]
pub struct PullOptions {
    /// The platform to take from an index.
    pub platform: Platform,
    /// Every tag of the repository (`--all-tags`).
    pub all_tags: bool,
    /// Plain HTTP and unchecked certificates everywhere (`--tls-verify=false`).
    pub insecure: bool,
}

/// An image `pull` stored.
#[derive(Clone, Debug)]
pub struct Pulled {
    /// Its id.
    pub id: Digest,
    /// The name it was given (none for a pull by digest).
    pub name: Option<String>,
}

/// The tools of one pull.
pub struct Puller<'a> {
    /// The store to fill.
    pub store: &'a Store,
    /// The registry client.
    pub remote: &'a Remote,
    /// registries.conf.
    pub registries: &'a Registries,
    /// Where steps are reported.
    pub progress: Arc<dyn Progress>,
}

impl Puller<'_> {
    /// Pulls what `input` names (a short name tries each search registry).
    pub fn pull(&self, input: &str, opts: &PullOptions) -> Result<Vec<Pulled>, PullError> {
        let candidates = self.registries.candidates(input)?;
        if opts.all_tags {
            let r = Reference::parse(input)?;
            if r.digest().is_some() || r.tag().is_some() {
                return Err(PullError::Invalid {
                    image: input.to_string(),
                    why: "--all-tags takes a repository without a tag or digest".into(),
                });
            }
        }
        let single = candidates.len() == 1;
        let mut tried = Vec::new();
        for candidate in candidates {
            match self.pull_candidate(&candidate, opts) {
                Ok(p) => return Ok(p),
                Err(e) if single => return Err(e),
                Err(e) if !worth_trying_elsewhere(&e) => return Err(e),
                Err(e) => {
                    tracing::info!("{candidate}: {e}");
                    tried.push((candidate.to_string(), e.to_string()));
                }
            }
        }
        Err(PullError::Tried {
            input: input.to_string(),
            tried,
        })
    }

    /// The digest the registry now has for `input`'s tag, without pulling
    /// (for `--pull=newer`). `None` when no candidate answers.
    pub fn remote_digest(&self, input: &str, insecure: bool) -> Option<Digest> {
        for candidate in self.registries.candidates(input).ok()? {
            if let Some(d) = candidate.digest() {
                return Some(d.clone());
            }
            let tag = candidate.tag().unwrap_or("latest").to_string();
            for endpoint in self.registries.endpoints(&candidate, insecure).ok()? {
                let got = self
                    .remote
                    .open(&endpoint, RegistryOperation::Pull)
                    .and_then(|repo| repo.manifest_digest(&tag));
                match got {
                    Ok(d) => return Some(d),
                    Err(e) => tracing::info!("{}: {e}", endpoint.reference),
                }
            }
        }
        None
    }

    /// One fully qualified reference: each tag of it with `--all-tags`.
    fn pull_candidate(
        &self,
        candidate: &Reference,
        opts: &PullOptions,
    ) -> Result<Vec<Pulled>, PullError> {
        if !opts.all_tags {
            return Ok(vec![self.pull_reference(candidate, opts)?]);
        }
        let tags = self.at_some_endpoint(candidate, opts, |repo, _| Ok(repo.tags()?))?;
        let mut out = Vec::new();
        for t in tags {
            out.push(self.pull_reference(&candidate.with_tag(&t), opts)?);
        }
        Ok(out)
    }

    /// Runs `work` at the first endpoint of `candidate` that does not fail.
    /// A mirror's failure is a warning; the location behind it is tried next.
    fn at_some_endpoint<T>(
        &self,
        candidate: &Reference,
        opts: &PullOptions,
        work: impl Fn(&Repository<'_>, &Endpoint) -> Result<T, PullError>,
    ) -> Result<T, PullError> {
        let endpoints = self.registries.endpoints(candidate, opts.insecure)?;
        let mut last = None;
        for endpoint in endpoints {
            let result = self
                .remote
                .open(&endpoint, RegistryOperation::Pull)
                .map_err(PullError::from)
                .and_then(|repo| work(&repo, &endpoint));
            match result {
                Ok(v) => return Ok(v),
                Err(e) if endpoint.mirror => {
                    tracing::warn!(
                        "mirror {} failed, trying the next location: {e}",
                        endpoint.reference.repository()
                    );
                    last = Some(e);
                }
                Err(e) => return Err(e),
            }
        }
        Err(last.expect("every registry has a location"))
    }

    /// Pulls one tag or digest of one repository.
    fn pull_reference(&self, r: &Reference, opts: &PullOptions) -> Result<Pulled, PullError> {
        self.progress.note(&format!("Trying to pull {r}..."));
        self.at_some_endpoint(r, opts, |repo, endpoint| {
            self.pull_from(repo, r, &endpoint.reference, &opts.platform)
        })
    }

    /// Pulls `at` (the reference rewritten for this endpoint) from `repo`
    /// and records it under `name`'s repository.
    fn pull_from(
        &self,
        repo: &Repository<'_>,
        name: &Reference,
        at: &Reference,
        platform: &Platform,
    ) -> Result<Pulled, PullError> {
        let image = name.to_string();
        let invalid = |why: String| PullError::Invalid {
            image: image.clone(),
            why,
        };
        let wanted = match at.digest() {
            Some(d) => d.to_string(),
            None => at.tag().unwrap_or("latest").to_string(),
        };
        let mut manifest = repo.manifest(&wanted)?;
        if let Some(d) = at.digest()
            && &manifest.digest != d
        {
            return Err(invalid(format!(
                "the registry sent manifest {} for {d}",
                manifest.digest
            )));
        }
        let mut digests = vec![manifest.digest.clone()];
        if manifest.kind == ManifestKind::Index {
            let index: ImageIndex = serde_json::from_slice(&manifest.bytes)
                .map_err(|e| invalid(format!("manifest list: {e}")))?;
            let chosen = platform.choose(&index).map_err(&invalid)?;
            let d = digest_of(chosen).map_err(&invalid)?;
            manifest = repo.manifest(&d.to_string())?;
            if manifest.digest != d || manifest.kind != ManifestKind::Image {
                return Err(invalid(format!(
                    "the manifest list names {d}, which is not an image manifest"
                )));
            }
            digests.insert(0, manifest.digest.clone());
        }
        self.progress.note("Getting image source signatures");
        let parsed: ImageManifest = serde_json::from_slice(&manifest.bytes)
            .map_err(|e| invalid(format!("manifest: {e}")))?;
        check_media_types(&parsed).map_err(&invalid)?;

        let config_desc = parsed.config();
        let config_digest = digest_of(config_desc).map_err(&invalid)?;
        let config_bytes = self.config_blob(repo, &config_digest, config_desc.size())?;
        let cfg = config::parse(&config_bytes).map_err(|source| PullError::Config {
            image: image.clone(),
            source,
        })?;
        let diff_ids = config::diff_ids(&cfg).map_err(|source| PullError::Config {
            image: image.clone(),
            source,
        })?;
        if diff_ids.len() != parsed.layers().len() {
            return Err(invalid(format!(
                "the manifest has {} layers but the config lists {} DiffIDs",
                parsed.layers().len(),
                diff_ids.len()
            )));
        }
        if !platform.matches(&cfg.os().to_string(), &cfg.architecture().to_string(), None) {
            tracing::warn!(
                "image platform ({}/{}) does not match the expected platform ({platform})",
                cfg.os(),
                cfg.architecture()
            );
        }
        let mut expected = Vec::new();
        for (desc, diff_id) in parsed.layers().iter().zip(&diff_ids) {
            expected.push(Expected {
                diff_id: Some(diff_id.clone()),
                blob_digest: Some(digest_of(desc).map_err(&invalid)?),
                blob_size: Some(desc.size()),
            });
        }
        self.fetch_layers(repo, &expected, true)?;

        let id = Digest::of(&config_bytes);
        let names: Vec<String> = match name.digest() {
            Some(_) => Vec::new(),
            None => vec![name.to_string()],
        };
        for attempt in 0.. {
            let layers = expected
                .iter()
                .filter_map(|e| self.store.layer(e.diff_id.as_ref()?).ok())
                .collect::<Vec<_>>();
            let mut rec = config::record(
                id.clone(),
                manifest.digest.clone(),
                &manifest.media_type,
                &cfg,
                &layers,
            );
            rec.digests = digests.clone();
            rec.repositories = vec![name.repository()];
            if layers.len() == expected.len() {
                self.progress.note("Writing manifest to image destination");
                match self
                    .store
                    .add_image(rec, &config_bytes, &manifest.bytes, &names)
                {
                    Err(ImageError::MissingLayers(_)) if attempt < 3 => {}
                    r => {
                        r?;
                        break;
                    }
                }
            }
            // Another process removed a layer meanwhile: fetch it again.
            self.fetch_layers(repo, &expected, false)?;
        }
        Ok(Pulled {
            id,
            name: names.into_iter().next(),
        })
    }

    /// The config blob, from the store when it is there already.
    fn config_blob(
        &self,
        repo: &Repository<'_>,
        digest: &Digest,
        size: u64,
    ) -> Result<Vec<u8>, PullError> {
        if let Ok(local) = std::fs::read(self.store.blob_path(digest))
            && &Digest::of(&local) == digest
            && local.len() as u64 == size
        {
            self.progress.skipped(BlobKind::Config, digest);
            return Ok(local);
        }
        self.progress.started(BlobKind::Config, digest, size);
        let bytes = repo.small_blob(digest, size)?;
        self.progress.advanced(digest, size);
        self.progress.finished(BlobKind::Config, digest);
        Ok(bytes)
    }

    /// Fetches the layers of `expected` that the store lacks, several at
    /// once; `report_present` tells of those it has.
    fn fetch_layers(
        &self,
        repo: &Repository<'_>,
        expected: &[Expected],
        report_present: bool,
    ) -> Result<(), PullError> {
        let mut jobs: BTreeMap<Digest, &Expected> = BTreeMap::new();
        for e in expected {
            let (Some(diff_id), Some(blob)) = (&e.diff_id, &e.blob_digest) else {
                continue;
            };
            if self.store.has_layer(diff_id) {
                if report_present {
                    self.progress.skipped(BlobKind::Layer, blob);
                }
            } else {
                jobs.insert(diff_id.clone(), e);
            }
        }
        let jobs: Vec<&Expected> = jobs.into_values().collect();
        let workers = parallel::cpus(3).min(MAX_DOWNLOADS);
        parallel::run_all(&jobs, workers, |e| {
            let digest = e.blob_digest.clone().expect("checked above");
            let size = e.blob_size.unwrap_or(0);
            self.progress.started(BlobKind::Layer, &digest, size);
            let blob = repo.blob(&digest)?;
            // One byte more than promised, so an over-long blob is caught.
            let reader = Counting::new(blob.take(size + 1), digest.clone(), self.progress.clone());
            self.store
                .create_layer(reader, e)
                .map_err(|source| PullError::Layer {
                    digest: digest.clone(),
                    source,
                })?;
            self.progress.finished(BlobKind::Layer, &digest);
            Ok(())
        })
    }
}

/// Whether another candidate may succeed where this one failed.
fn worth_trying_elsewhere(e: &PullError) -> bool {
    match e {
        PullError::Registry(r) => r.try_elsewhere(),
        PullError::Registries(RegistriesError::Blocked(_)) => true,
        _ => false,
    }
}

/// A descriptor's digest in rctl's form (sha256 only).
fn digest_of(d: &Descriptor) -> Result<Digest, String> {
    d.digest()
        .to_string()
        .parse()
        .map_err(|e| format!("digest {}: {e}", d.digest()))
}

/// Refuses manifests whose config or layers are not those of a container
/// image (artifacts such as Helm charts, signatures).
fn check_media_types(m: &ImageManifest) -> Result<(), String> {
    let config = m.config().media_type().to_string();
    if !matches!(
        config.as_str(),
        "application/vnd.oci.image.config.v1+json"
            | "application/vnd.docker.container.image.v1+json"
    ) {
        return Err(format!(
            "not a container image: its config has media type {config}"
        ));
    }
    for l in m.layers() {
        let ok = matches!(
            l.media_type(),
            MediaType::ImageLayer
                | MediaType::ImageLayerGzip
                | MediaType::ImageLayerZstd
                | MediaType::ImageLayerNonDistributable
                | MediaType::ImageLayerNonDistributableGzip
                | MediaType::ImageLayerNonDistributableZstd
        ) || matches!(
            l.media_type().to_string().as_str(),
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
                | "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
                | "application/vnd.docker.image.rootfs.diff.tar"
        );
        if !ok {
            return Err(format!(
                "layer {} has media type {}, which is not a container layer",
                l.digest(),
                l.media_type()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(config: &str, layer: &str) -> ImageManifest {
        let text = format!(
            r#"{{"schemaVersion":2,
            "config":{{"mediaType":"{config}","digest":"sha256:{z}","size":1}},
            "layers":[{{"mediaType":"{layer}","digest":"sha256:{z}","size":1}}]}}"#,
            z = "0".repeat(64)
        );
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn media_types() {
        let oci = "application/vnd.oci.image.config.v1+json";
        let docker = "application/vnd.docker.container.image.v1+json";
        for (c, l) in [
            (oci, "application/vnd.oci.image.layer.v1.tar+zstd"),
            (oci, "application/vnd.oci.image.layer.v1.tar"),
            (docker, "application/vnd.docker.image.rootfs.diff.tar.gzip"),
        ] {
            assert_eq!(check_media_types(&manifest(c, l)), Ok(()), "{c} {l}");
        }
        let helm = check_media_types(&manifest(
            "application/vnd.cncf.helm.config.v1+json",
            "application/vnd.oci.image.layer.v1.tar",
        ))
        .unwrap_err();
        assert!(helm.contains("not a container image"), "{helm}");
        let odd = check_media_types(&manifest(oci, "application/x-thing")).unwrap_err();
        assert!(odd.contains("not a container layer"), "{odd}");
    }
}
