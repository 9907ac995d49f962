//! `rctl export`: a container's filesystem as a tar archive.

use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::copy;
use crate::storage::atomic;

/// Flags of `export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The container
    container: String,
}

/// Runs `export`.
pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    ctx.userns_for(&store, &id)?;
    let rec = store.container(&id)?;
    let root = copy::rootfs(&store, &rec)?;
    use std::os::fd::AsFd;
    match &a.output {
        Some(f) => atomic::write_with(f, |file| {
            copy::to_stream(
                root.as_fd(),
                std::path::Path::new("/."),
                BufWriter::new(file),
            )
            .map_err(std::io::Error::other)
        })
        .with_context(|| format!("exporting to {}", f.display()))?,
        None => {
            if std::io::stdout().is_terminal() {
                bail!("refusing to export to a terminal: use -o FILE or redirect standard output");
            }
            copy::to_stream(
                root.as_fd(),
                std::path::Path::new("/."),
                BufWriter::new(std::io::stdout().lock()),
            )?;
        }
    }
    Ok(0)
}
