//! `rctl import`.

use std::io::IsTerminal;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::image::import::{self, ImportOptions};
use crate::storage::images::local_name;

/// Flags of `import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Tarball of a root filesystem (plain, gzip or zstd), or `-` for standard input
    source: String,
    /// Name for the new image
    reference: Option<String>,
    /// Apply a Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)
    #[arg(short, long, value_name = "INSTRUCTION")]
    change: Vec<String>,
    /// Comment for the image's history
    #[arg(short, long)]
    message: Option<String>,
    /// Architecture to record instead of the host's
    #[arg(long)]
    arch: Option<String>,
    /// Operating system to record instead of the host's
    #[arg(long)]
    os: Option<String>,
    /// Architecture variant to record
    #[arg(long)]
    variant: Option<String>,
    /// Print only the image id
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `import`.
pub fn run(ctx: &Ctx, a: ImportArgs) -> Result<i32> {
    ctx.userns()?;
    if a.source.contains("://") {
        bail!(
            "importing from a URL is not supported: {} (download it, then import the file)",
            a.source
        );
    }
    let name = a.reference.as_deref().map(local_name).transpose()?;
    let opts = ImportOptions {
        changes: a.change,
        message: a.message,
        arch: a.arch,
        os: a.os,
        variant: a.variant,
        name,
    };
    let store = ctx.store()?;
    let id = if a.source == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            bail!("cannot read a tarball from a terminal: give a file or redirect standard input");
        }
        import::import(&store, stdin.lock(), &opts)?
    } else {
        let f = std::fs::File::open(&a.source).with_context(|| format!("opening {}", a.source))?;
        import::import(&store, f, &opts)?
    };
    println!("{}", id.hex());
    Ok(0)
}
