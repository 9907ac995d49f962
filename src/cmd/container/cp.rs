//! `rctl cp`: files between a container and the host, or a tar stream (`-`).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::copy::{self, Side};
use crate::storage::Store;

/// Flags of `cp`.
#[derive(Args, Debug)]
pub struct CpArgs {
    /// Accepted for docker compatibility (copies keep the file modes)
    #[arg(short, long)]
    archive: bool,
    /// Source: HOST_PATH, CONTAINER:PATH, or - (a tar stream on standard input)
    src: String,
    /// Destination: HOST_PATH, CONTAINER:PATH, or - (a tar stream on standard output)
    dest: String,
}

/// `CONTAINER:PATH` -> (container id, path); `None` for a host path.
fn container_path(store: &Store, arg: &str) -> Result<Option<(String, PathBuf)>> {
    // A host path with a colon must be written with a slash first (./a:b), as in docker.
    if arg.starts_with('/') || arg.starts_with('.') {
        return Ok(None);
    }
    let Some((name, path)) = arg.split_once(':') else {
        return Ok(None);
    };
    let id = store.resolve_container(name)?;
    let path = if path.is_empty() { "/" } else { path };
    Ok(Some((id, PathBuf::from(path))))
}

/// Runs `cp`.
pub fn run(ctx: &Ctx, a: CpArgs) -> Result<i32> {
    let store = ctx.store()?;
    let src = container_path(&store, &a.src)?;
    let dest = container_path(&store, &a.dest)?;
    let (id, _) = match (&src, &dest) {
        (Some(s), None) => s.clone(),
        (None, Some(d)) => d.clone(),
        (Some(_), Some(_)) => {
            bail!("copying between containers is not supported: copy to the host first")
        }
        (None, None) => bail!("one of the paths must name a container as CONTAINER:PATH"),
    };
    ctx.userns_for(&store, &id)?;
    let rec = store.container(&id)?;
    let root = copy::rootfs(&store, &rec)?;
    use std::os::fd::AsFd;
    let root = root.as_fd();
    match (src, dest) {
        (Some((_, path)), None) if a.dest == "-" => {
            copy::to_stream(
                root,
                &path,
                std::io::BufWriter::new(std::io::stdout().lock()),
            )?;
        }
        (None, Some((_, path))) if a.src == "-" => {
            copy::from_stream(root, &path, std::io::stdin().lock())?;
        }
        (Some((_, path)), None) => {
            let stage = store.staging()?;
            copy::copy(
                &Side::Container { root, path: &path },
                &Side::Host(Path::new(&a.dest)),
                stage.path(),
            )?;
        }
        (None, Some((_, path))) => {
            let stage = store.staging()?;
            copy::copy(
                &Side::Host(Path::new(&a.src)),
                &Side::Container { root, path: &path },
                stage.path(),
            )?;
        }
        _ => unreachable!("checked above"),
    }
    Ok(0)
}
