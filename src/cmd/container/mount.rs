//! `rctl mount` and `rctl unmount`: a container's root filesystem on the host.

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::hostmount;
use crate::storage::containers::Status;

/// Flags of `mount`.
#[derive(Args, Debug)]
pub struct MountArgs {
    /// Containers to mount (none: list the mounted ones)
    containers: Vec<String>,
}

fn rootful(ctx: &Ctx, what: &str) -> Result<()> {
    if ctx.rootless() {
        bail!(
            "cannot run command \"rctl {what}\" in rootless mode: run it inside \"rctl unshare\""
        );
    }
    Ok(())
}

/// Runs `mount`: prints where each container's root filesystem is.
pub fn mount(ctx: &Ctx, a: MountArgs) -> Result<i32> {
    rootful(ctx, "mount")?;
    let store = ctx.store()?;
    if a.containers.is_empty() {
        for id in store.container_ids()? {
            let merged = store.container_dir(&id).join("merged");
            let running = store.live_state(&id)?.status == Status::Running;
            if hostmount::is_mountpoint(&merged) && !running {
                println!("{}  {}", &id[..12], merged.display());
            }
        }
        return Ok(0);
    }
    for c in &a.containers {
        let id = store.resolve_container(c)?;
        let rec = store.container(&id)?;
        println!("{}", hostmount::mount(&store, &rec)?.display());
    }
    Ok(0)
}

/// Flags of `unmount`.
#[derive(Args, Debug)]
pub struct UnmountArgs {
    /// Unmount every container
    #[arg(short, long)]
    all: bool,
    /// Containers to unmount
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    containers: Vec<String>,
}

/// Runs `unmount`.
pub fn unmount(ctx: &Ctx, a: UnmountArgs) -> Result<i32> {
    rootful(ctx, "unmount")?;
    let store = ctx.store()?;
    let names = if a.all {
        store.container_ids()?
    } else {
        a.containers.clone()
    };
    for c in &names {
        let id = store.resolve_container(c)?;
        let rec = store.container(&id)?;
        hostmount::unmount(&store, &rec);
        println!("{}", rec.id);
    }
    Ok(0)
}
