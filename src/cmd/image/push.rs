//! `rctl push`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use crate::cmd::Ctx;
use crate::cmd::progress;
use crate::cmd::registry::{self, RegistryArgs};
use crate::image::push::{Format, PushOptions, Pusher};
use crate::image::reference::Reference;
use crate::storage::compression::Compression;

/// Layer compression of `push`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum CompressionFormat {
    /// gzip (every registry and client reads it).
    #[default]
    Gzip,
    /// zstd (smaller and faster; needs a recent client).
    Zstd,
}

/// Manifest format of `push`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ManifestFormat {
    /// OCI image manifest.
    #[default]
    Oci,
    /// Docker image manifest, schema 2.
    V2s2,
}

/// Flags of `push`.
#[derive(Args, Debug)]
pub struct PushArgs {
    /// Layer compression
    #[arg(long, value_enum, default_value_t)]
    compression_format: CompressionFormat,
    /// Manifest format
    #[arg(short, long, value_enum, default_value_t)]
    format: ManifestFormat,
    /// Write the pushed manifest's digest to this file
    #[arg(long, value_name = "FILE")]
    digestfile: Option<PathBuf>,
    /// Print nothing but errors
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    registry: RegistryArgs,
    /// The image to push
    image: String,
    /// Where to push it (default: the image's name), optionally docker://
    destination: Option<String>,
}

/// Runs `push`.
pub fn run(ctx: &Ctx, a: PushArgs) -> Result<i32> {
    ctx.userns()?;
    let store = ctx.store()?;
    let resolved = store.resolve(&a.image)?;
    let dest = a.destination.as_deref().unwrap_or(&a.image);
    let dest = match dest.split_once("://") {
        Some(("docker", rest)) => rest,
        Some((t, _)) => {
            bail!("{dest}: unsupported transport {t:?} (push sends to registries: docker://)")
        }
        None => dest,
    };
    let r = Reference::parse(dest)?;
    if r.domain().is_none() {
        bail!(
            "{dest}: give the registry to push to (REGISTRY/NAME[:TAG]); a short name does not say where"
        );
    }
    let r = r.docker_normalized();
    let (remote, registries) = registry::remote(ctx, &a.registry)?;
    let endpoint = registries
        .endpoints(&r, a.registry.insecure())?
        .pop()
        .expect("every registry has a location");
    let pusher = Pusher {
        store: &store,
        remote: &remote,
        progress: progress::for_stderr(a.quiet),
    };
    let opts = PushOptions {
        compression: match a.compression_format {
            CompressionFormat::Gzip => Compression::Gzip,
            CompressionFormat::Zstd => Compression::Zstd,
        },
        format: match a.format {
            ManifestFormat::Oci => Format::Oci,
            ManifestFormat::V2s2 => Format::DockerV2s2,
        },
    };
    let digest = pusher.push(&resolved.id, &endpoint, opts)?;
    if let Some(f) = &a.digestfile {
        std::fs::write(f, digest.to_string())
            .with_context(|| format!("writing {}", f.display()))?;
    }
    Ok(0)
}
