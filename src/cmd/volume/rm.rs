//! `rctl volume rm`, `volume prune`, `volume exists`.

use anyhow::Result;
use clap::Args;

use crate::cmd::{Ctx, EXIT_ERROR, confirm, one_line};
use crate::container::ops;
use crate::storage::lock::Mode;
use crate::storage::volumes::{VolumeError, VolumeFilter};

/// Flags of `volume rm`.
#[derive(Args, Debug)]
pub struct RmArgs {
    /// Remove the containers that use the volume too (running ones are killed)
    #[arg(short, long)]
    force: bool,
    /// Remove every volume
    #[arg(short, long)]
    all: bool,
    /// Volumes to remove
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    volumes: Vec<String>,
}

/// Runs `volume rm`: prints the names removed. Exit 1 when a volume does
/// not exist, 2 when a container uses it (without -f), as podman.
pub fn run(ctx: &Ctx, a: RmArgs) -> Result<i32> {
    // Rootless, a volume's files belong to the user namespace's ids.
    ctx.userns()?;
    let store = ctx.store()?;
    let names: Vec<String> = if a.all {
        store.volumes()?.into_iter().map(|v| v.name).collect()
    } else {
        a.volumes.clone()
    };
    let mut code = 0;
    for name in &names {
        if a.force {
            // The containers go first, outside the volumes lock (removing
            // one takes it for the container's anonymous volumes).
            for id in store.volume_users(name)? {
                let r = store
                    .container(&id)
                    .map_err(anyhow::Error::from)
                    .and_then(|rec| Ok(ops::remove(&store, &rec, true)?));
                if let Err(e) = r {
                    eprintln!("Error: removing container {id}: {}", one_line(&e));
                }
            }
        }
        let result = {
            let _lock = store.lock_volumes(Mode::Exclusive)?;
            store.remove_volume(name)
        };
        match result {
            Ok(()) => println!("{name}"),
            Err(e) => {
                eprintln!("Error: {e}");
                code = match e {
                    VolumeError::NotFound(_) if code == 0 => 1,
                    VolumeError::InUse { .. } if code != EXIT_ERROR => 2,
                    _ => EXIT_ERROR,
                };
            }
        }
    }
    Ok(code)
}

/// Flags of `volume prune`.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    force: bool,
    /// Only volumes that match (label=, name=, ...)
    #[arg(long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
}

/// Runs `volume prune`: removes every volume no container uses (named ones
/// too, as podman); prints their names.
pub fn prune(ctx: &Ctx, a: PruneArgs) -> Result<i32> {
    let filter = VolumeFilter::parse(&a.filter)?;
    if !a.force
        && !confirm(
            "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:",
        )?
    {
        return Ok(0);
    }
    ctx.userns()?;
    let store = ctx.store()?;
    let _lock = store.lock_volumes(Mode::Exclusive)?;
    for v in store.volumes()? {
        if !filter.matches(&v, false) {
            continue;
        }
        match store.remove_volume(&v.name) {
            Ok(()) => println!("{}", v.name),
            Err(VolumeError::InUse { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(0)
}

/// Flags of `volume exists`.
#[derive(Args, Debug)]
pub struct ExistsArgs {
    /// The volume to look for
    volume: String,
}

/// Runs `volume exists`: 0 when the volume is there, 1 when not.
pub fn exists(ctx: &Ctx, a: ExistsArgs) -> Result<i32> {
    match ctx.store()?.volume(&a.volume) {
        Ok(_) => Ok(0),
        Err(VolumeError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
