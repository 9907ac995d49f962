//! `rctl rm`, `rctl container prune`, `rctl container exists`, `rctl rename`.

use anyhow::Result;
use clap::Args;

use crate::cmd::{Ctx, EXIT_ERROR, confirm, one_line};
use crate::container::ops;
use crate::storage::containers::{ContainerError, Status};

/// Flags of `rm`.
#[derive(Args, Debug)]
pub struct RmArgs {
    /// Remove running containers too (they are killed)
    #[arg(short, long)]
    force: bool,
    /// Remove all containers
    #[arg(short, long)]
    all: bool,
    /// With --force, stop a running container with this timeout (seconds)
    /// instead of killing it at once
    #[arg(short, long, value_name = "SECONDS")]
    time: Option<u32>,
    /// Remove the container's anonymous volumes too
    #[arg(short, long)]
    volumes: bool,
    /// Do not fail for containers that do not exist
    #[arg(short, long)]
    ignore: bool,
    /// Containers to remove
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    containers: Vec<String>,
}

/// Runs `rm`: prints the ids removed. Exit 1 when a container does not
/// exist, 2 when one is running (without -f), as podman.
pub fn run(ctx: &Ctx, a: RmArgs) -> Result<i32> {
    let store = ctx.store()?;
    let names = if a.all {
        store.container_ids()?
    } else {
        a.containers.clone()
    };
    let mut code = 0;
    for name in &names {
        let id = match store.resolve_container(name) {
            Ok(id) => id,
            Err(ContainerError::NotFound(_)) if a.ignore => continue,
            Err(e) => {
                eprintln!("Error: {e}");
                code = if matches!(e, ContainerError::NotFound(_)) {
                    1
                } else {
                    EXIT_ERROR
                };
                continue;
            }
        };
        let result = store
            .container(&id)
            .map_err(anyhow::Error::from)
            .and_then(|rec| {
                super::in_userns_of(ctx, &store, &id, || {
                    if let (true, Some(t)) = (a.force, a.time) {
                        ops::stop(&store, &rec, t)?;
                    }
                    ops::remove(&store, &rec, a.force)?;
                    if a.volumes {
                        crate::container::volumes::remove_anonymous(&store, &rec);
                    }
                    Ok(())
                })
            });
        match result {
            Ok(()) => println!("{id}"),
            Err(e) => {
                let running = e.to_string().contains("is running");
                if e.to_string() != super::ALREADY_REPORTED {
                    eprintln!("Error: {}", one_line(&e));
                }
                code = if running { 2 } else { EXIT_ERROR };
            }
        }
    }
    Ok(code)
}

/// Flags of `container prune`.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    force: bool,
}

/// Runs `container prune`: removes every container that is not running.
pub fn prune(ctx: &Ctx, a: PruneArgs) -> Result<i32> {
    if !a.force && !confirm("WARNING! This will remove all non running containers.")? {
        return Ok(0);
    }
    let store = ctx.store()?;
    for id in store.container_ids()? {
        if matches!(
            store.live_state(&id)?.status,
            Status::Running | Status::Paused
        ) {
            continue;
        }
        let rec = store.container(&id)?;
        match super::in_userns_of(ctx, &store, &id, || Ok(ops::remove(&store, &rec, false)?)) {
            Ok(()) => println!("{id}"),
            Err(e) if e.to_string() == super::ALREADY_REPORTED => {}
            Err(e) => eprintln!("Error: {}", one_line(&e)),
        }
    }
    Ok(0)
}

/// Flags of `container exists`.
#[derive(Args, Debug)]
pub struct ExistsArgs {
    /// The container
    container: String,
}

/// Runs `container exists`: 0 if it does, 1 if not.
pub fn exists(ctx: &Ctx, a: ExistsArgs) -> Result<i32> {
    match ctx.store()?.resolve_container(&a.container) {
        Ok(_) => Ok(0),
        Err(ContainerError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}

/// Flags of `rename`.
#[derive(Args, Debug)]
pub struct RenameArgs {
    /// The container
    container: String,
    /// Its new name
    name: String,
}

/// Runs `rename`.
pub fn rename(ctx: &Ctx, a: RenameArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    store.rename_container(&id, &a.name)?;
    Ok(0)
}
