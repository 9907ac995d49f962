//! `rctl pull`, and pulling what `run` and `create` lack (`--pull`).

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use crate::cmd::Ctx;
use crate::cmd::progress;
use crate::cmd::registry::{self, PlatformArgs, RegistryArgs};
use crate::image::digest::Digest;
use crate::image::load;
use crate::image::progress::Progress;
use crate::image::pull::{PullOptions, Puller};
use crate::storage::Store;

/// Flags of `pull`.
#[derive(Args, Debug)]
pub struct PullArgs {
    /// Pull every tag of the repository
    #[arg(short, long)]
    all_tags: bool,
    /// Print nothing but the image ids
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    platform: PlatformArgs,
    #[command(flatten)]
    registry: RegistryArgs,
    /// Images: NAME[:TAG|@DIGEST], with an optional transport
    /// (docker://, docker-archive:, oci-archive:, oci:)
    #[arg(required = true)]
    images: Vec<String>,
}

/// Runs `pull`: prints the id of each image pulled.
pub fn run(ctx: &Ctx, a: PullArgs) -> Result<i32> {
    ctx.userns()?;
    let store = ctx.store()?;
    let progress = progress::for_stderr(a.quiet);
    let opts = PullOptions {
        platform: a.platform.platform()?,
        all_tags: a.all_tags,
        insecure: a.registry.insecure(),
    };
    let mut remote = None;
    let mut pulled = Vec::new();
    for input in &a.images {
        let ids: Vec<Digest> = match local_archive(input) {
            Some(path) => load::load(&store, path)?
                .into_iter()
                .map(|l| l.id)
                .collect(),
            None => {
                if remote.is_none() {
                    remote = Some(registry::remote(ctx, &a.registry)?);
                }
                let (remote, registries) = remote.as_ref().expect("just made");
                let puller = Puller {
                    store: &store,
                    remote,
                    registries,
                    progress: progress.clone(),
                };
                let name = input.strip_prefix("docker://").unwrap_or(input);
                puller
                    .pull(name, &opts)?
                    .into_iter()
                    .map(|p| p.id)
                    .collect()
            }
        };
        pulled.extend(ids);
    }
    // The bars are cleared before the ids are printed.
    drop(progress);
    for id in pulled {
        println!("{}", id.hex());
    }
    Ok(0)
}

/// The path of `transport:PATH` for the archive transports `load` reads.
fn local_archive(input: &str) -> Option<&Path> {
    ["docker-archive:", "oci-archive:", "oci:"]
        .iter()
        .find_map(|t| input.strip_prefix(t))
        .map(Path::new)
}

/// When `run` and `create` pull the image (`--pull`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum PullPolicy {
    /// Only when the store lacks it.
    #[default]
    Missing,
    /// Every time.
    Always,
    /// Never: the image must be in the store.
    Never,
    /// When the registry has a different image under the name (or the
    /// store lacks it).
    Newer,
}

/// What `run` and `create` pull with.
pub struct PullRequest<'a> {
    /// The policy.
    pub policy: PullPolicy,
    /// The platform flags.
    pub platform: &'a PlatformArgs,
    /// Credential and TLS flags.
    pub registry: &'a RegistryArgs,
    /// No progress output.
    pub quiet: bool,
}

/// Makes sure `image` is in the store as `policy` asks. The registry client
/// is gone again when this returns, so the caller may fork.
pub fn ensure(ctx: &Ctx, store: &Store, image: &str, req: &PullRequest<'_>) -> Result<()> {
    let local = store.resolve(image).ok();
    match (req.policy, &local) {
        (PullPolicy::Never, _) | (PullPolicy::Missing, Some(_)) => return Ok(()),
        _ => {}
    }
    let (remote, registries) = registry::remote(ctx, req.registry)?;
    let progress: Arc<dyn Progress> = progress::for_stderr(req.quiet);
    let puller = Puller {
        store,
        remote: &remote,
        registries: &registries,
        progress,
    };
    if req.policy == PullPolicy::Newer
        && let Some(l) = &local
    {
        let rec = store.image(&l.id)?;
        match puller.remote_digest(image, req.registry.insecure()) {
            Some(d) if rec.digests.contains(&d) => return Ok(()),
            Some(_) => {}
            None => {
                tracing::warn!("{image}: cannot reach a registry; using the local image");
                return Ok(());
            }
        }
    }
    let opts = PullOptions {
        platform: req.platform.platform()?,
        all_tags: false,
        insecure: req.registry.insecure(),
    };
    let pulled = puller.pull(image, &opts)?;
    if pulled.is_empty() {
        bail!("{image}: nothing was pulled");
    }
    Ok(())
}
