//! `rctl commit`: a container's changes as a new image.

use anyhow::{Context, Result};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::commit::{self, CommitOptions};
use crate::storage::images::local_name;

/// Flags of `commit`.
#[derive(Args, Debug)]
pub struct CommitArgs {
    /// The container
    container: String,
    /// Name for the new image
    image: Option<String>,
    /// Apply a Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)
    #[arg(short, long, value_name = "INSTRUCTION")]
    change: Vec<String>,
    /// Comment for the image's history
    #[arg(short, long)]
    message: Option<String>,
    /// Author of the image
    #[arg(short, long)]
    author: Option<String>,
    /// Pause the container while its files are read
    #[arg(short, long)]
    pause: bool,
    /// One layer holding the whole filesystem
    #[arg(long)]
    squash: bool,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    iidfile: Option<std::path::PathBuf>,
    /// Print only the image id (the only thing printed anyway)
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `commit`: prints the new image's id.
pub fn run(ctx: &Ctx, a: CommitArgs) -> Result<i32> {
    let name = a.image.as_deref().map(local_name).transpose()?;
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    ctx.userns_for(&store, &id)?;
    let rec = store.container(&id)?;
    let opts = CommitOptions {
        changes: a.change,
        message: a.message,
        author: a.author,
        pause: a.pause,
        squash: a.squash,
        name,
    };
    let image = commit::commit(&store, &rec, &opts)
        .with_context(|| format!("committing container {}", a.container))?;
    if let Some(f) = &a.iidfile {
        std::fs::write(f, image.to_string()).with_context(|| format!("writing {}", f.display()))?;
    }
    println!("{}", image.hex());
    Ok(0)
}
