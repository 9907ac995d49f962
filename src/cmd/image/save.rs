//! `rctl save`.

use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::image::filter::reference_matches;
use crate::image::save::{self, Format, SaveItem};
use crate::storage::atomic;

/// Flags of `save`.
#[derive(Args, Debug)]
pub struct SaveArgs {
    /// Write to this file (or directory for oci-dir) instead of standard output
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Archive format
    #[arg(long, value_enum, default_value = "docker-archive")]
    format: Format,
    /// Accepted for podman compatibility: several images always go in one archive
    #[arg(short, long)]
    multi_image_archive: bool,
    /// Print nothing but errors
    #[arg(short, long)]
    quiet: bool,
    /// Images to save
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<String>,
}

/// Runs `save`.
pub fn run(ctx: &Ctx, a: SaveArgs) -> Result<i32> {
    ctx.userns()?;
    let store = ctx.store()?;
    let mut items = Vec::new();
    let names = store.names()?;
    for input in &a.images {
        let r = store.resolve(input)?;
        // Record the names the user asked for (all of them when asked by id).
        let mut chosen: Vec<String> = names
            .iter()
            .filter(|(n, id)| {
                **id == r.id && r.name.as_ref().is_none_or(|_| reference_matches(input, n))
            })
            .map(|(n, _)| n.clone())
            .collect();
        if let Some(n) = &r.name
            && !chosen.contains(n)
        {
            chosen.push(n.clone());
        }
        match items.iter_mut().find(|i: &&mut SaveItem| i.id == r.id) {
            Some(existing) => existing.names.extend(chosen),
            None => items.push(SaveItem {
                id: r.id,
                names: chosen,
            }),
        }
    }
    match (a.format, &a.output) {
        (Format::OciDir, None) => bail!("--format oci-dir needs -o DIRECTORY"),
        (Format::OciDir, Some(dir)) => {
            if dir.exists()
                && std::fs::read_dir(dir)
                    .map(|mut d| d.next().is_some())
                    .unwrap_or(true)
            {
                bail!("{}: directory exists and is not empty", dir.display());
            }
            save::save_dir(&store, &items, dir)?;
        }
        (format, Some(file)) => {
            atomic::write_with(file, |f| {
                save::save_archive(&store, &items, format, BufWriter::with_capacity(1 << 20, f))
                    .map_err(std::io::Error::other)
            })
            .with_context(|| format!("saving to {}", file.display()))?;
        }
        (format, None) => {
            let stdout = std::io::stdout();
            if stdout.is_terminal() {
                bail!(
                    "refusing to write an archive to a terminal: use -o FILE or redirect standard output"
                );
            }
            save::save_archive(
                &store,
                &items,
                format,
                BufWriter::with_capacity(1 << 20, stdout.lock()),
            )?;
        }
    }
    Ok(0)
}
